// Custom blocks as classes: typed layers as fields and a typed forward written with the
// functional twins (relu, add, cat, maxPool2d), as in PyTorch's nn.Module subclasses. Both also
// implement Layer, so a Sequential checks them by their forward's signature.
import { BatchNorm2d, Conv2d, add, cat, checkInputShape, maxPool2d, relu, type Tensor } from 'shapecheck';

/** torchvision's BasicBlock for 64 channels at 56x56 (ResNet-18's first stage). */
export class BasicBlock {
  readonly kind = 'BasicBlock';
  readonly conv1 = new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1, bias: false }, { seed: 1 });
  readonly bn1 = new BatchNorm2d({ numFeatures: 64 });
  readonly conv2 = new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1, bias: false }, { seed: 2 });
  readonly bn2 = new BatchNorm2d({ numFeatures: 64 });

  outputShape(shape: readonly number[]): number[] {
    checkInputShape(this.kind, ['batch', 64, 56, 56], shape);
    return [...shape];
  }

  forward(x: Tensor<['batch', 64, 56, 56]>): Tensor<['batch', 64, 56, 56]> {
    const out = relu(this.bn1.forward(this.conv1.forward(x)));
    return relu(add(this.bn2.forward(this.conv2.forward(out)), x));
  }
}

/** An Inception-like block: four branches joined on the channels (GoogLeNet's 3a sizes). */
export class InceptionBlock {
  readonly kind = 'InceptionBlock';
  readonly branch1 = new Conv2d({ inChannels: 192, outChannels: 64, kernelSize: 1 }, { seed: 3 });
  readonly branch2a = new Conv2d({ inChannels: 192, outChannels: 96, kernelSize: 1 }, { seed: 4 });
  readonly branch2b = new Conv2d({ inChannels: 96, outChannels: 128, kernelSize: 3, padding: 1 }, { seed: 5 });
  readonly branch3a = new Conv2d({ inChannels: 192, outChannels: 16, kernelSize: 1 }, { seed: 6 });
  readonly branch3b = new Conv2d({ inChannels: 16, outChannels: 32, kernelSize: 5, padding: 2 }, { seed: 7 });
  readonly branch4 = new Conv2d({ inChannels: 192, outChannels: 32, kernelSize: 1 }, { seed: 8 });

  outputShape(shape: readonly number[]): number[] {
    checkInputShape(this.kind, ['batch', 192, 28, 28], shape);
    return [shape[0] as number, 256, 28, 28];
  }

  forward(x: Tensor<['batch', 192, 28, 28]>): Tensor<['batch', 256, 28, 28]> {
    const b1 = relu(this.branch1.forward(x));
    const b2 = relu(this.branch2b.forward(relu(this.branch2a.forward(x))));
    const b3 = relu(this.branch3b.forward(relu(this.branch3a.forward(x))));
    const b4 = relu(this.branch4.forward(maxPool2d(x, { kernelSize: 3, stride: 1, padding: 1 })));
    return cat([b1, b2, b3, b4], 1);
  }
}
