// MobileNetV3-Small (Howard et al., 2019), as torchvision.models.mobilenet_v3_small() builds it:
// a 3×3 stem with Hardswish, eleven inverted-residual blocks (a 1×1 expansion, a 3×3 or 5×5
// depthwise convolution, squeeze-and-excitation in eight of them, a linear 1×1 projection; ReLU
// in the first three, Hardswish after), a 1×1 convolution to 576 channels, global average pooling
// and a two-layer classifier. 2,542,856 parameters, as torchvision counts them.
//
// Squeeze-and-excitation is `mul(gate)`: the gate path pools the feature map to [batch, C, 1, 1],
// squeezes and re-expands the channels with 1×1 convolutions, and Hardsigmoid makes the scale that
// multiplies the input (torchvision's `SqueezeExcitation`: `scale * input`, broadcast over H and
// W). A block keeps a residual when it keeps the shape (stride 1, as many channels out as in),
// which `residual` checks. Every layer is named as torchvision names it, so `stateDict()` has its
// keys; every shape below is computed by the compiler.
//
//   npm run example -- mobilenetv3-small
import {
  AdaptiveAvgPool2d,
  BatchNorm2d,
  Conv2d,
  Dropout,
  Flatten,
  Hardsigmoid,
  Hardswish,
  Linear,
  ReLU,
  Sequential,
  manualSeed,
  noGrad,
  randn,
  summary,
  type ShapeTrace,
} from 'shapecheck';

/** MobileNetV3-Small on `[batch, 3, 224, 224]` images, 1000 classes (batch norms with eps 0.001, momentum 0.01). */
export function mobilenetV3Small() {
  manualSeed(0); // the layers draw their initial weights from the default generator
  return (
    new Sequential(['batch', 3, 224, 224])
      // features.0
      .add(new Conv2d({ inChannels: 3, outChannels: 16, kernelSize: 3, stride: 2, padding: 1, bias: false }), 'features.0.0')
      .add(new BatchNorm2d({ numFeatures: 16, eps: 0.001, momentum: 0.01 }), 'features.0.1')
      .add(new Hardswish(), 'features.0.2')
      // features.1
      .add(new Conv2d({ inChannels: 16, outChannels: 16, kernelSize: 3, stride: 2, padding: 1, groups: 16, bias: false }), 'features.1.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 16, eps: 0.001, momentum: 0.01 }), 'features.1.block.0.1')
      .add(new ReLU(), 'features.1.block.0.2')
      .mul(
        (se) =>
          se
            .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
            .add(new Conv2d({ inChannels: 16, outChannels: 8, kernelSize: 1 }), 'fc1')
            .add(new ReLU(), 'activation')
            .add(new Conv2d({ inChannels: 8, outChannels: 16, kernelSize: 1 }), 'fc2')
            .add(new Hardsigmoid(), 'scale_activation'),
        null,
        { name: 'features.1.block.1' },
      )
      .add(new Conv2d({ inChannels: 16, outChannels: 16, kernelSize: 1, bias: false }), 'features.1.block.2.0')
      .add(new BatchNorm2d({ numFeatures: 16, eps: 0.001, momentum: 0.01 }), 'features.1.block.2.1')
      // features.2
      .add(new Conv2d({ inChannels: 16, outChannels: 72, kernelSize: 1, bias: false }), 'features.2.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 72, eps: 0.001, momentum: 0.01 }), 'features.2.block.0.1')
      .add(new ReLU(), 'features.2.block.0.2')
      .add(new Conv2d({ inChannels: 72, outChannels: 72, kernelSize: 3, stride: 2, padding: 1, groups: 72, bias: false }), 'features.2.block.1.0')
      .add(new BatchNorm2d({ numFeatures: 72, eps: 0.001, momentum: 0.01 }), 'features.2.block.1.1')
      .add(new ReLU(), 'features.2.block.1.2')
      .add(new Conv2d({ inChannels: 72, outChannels: 24, kernelSize: 1, bias: false }), 'features.2.block.2.0')
      .add(new BatchNorm2d({ numFeatures: 24, eps: 0.001, momentum: 0.01 }), 'features.2.block.2.1')
      // features.3
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 24, outChannels: 88, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 88, eps: 0.001, momentum: 0.01 }), 'block.0.1')
            .add(new ReLU(), 'block.0.2')
            .add(new Conv2d({ inChannels: 88, outChannels: 88, kernelSize: 3, padding: 1, groups: 88, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 88, eps: 0.001, momentum: 0.01 }), 'block.1.1')
            .add(new ReLU(), 'block.1.2')
            .add(new Conv2d({ inChannels: 88, outChannels: 24, kernelSize: 1, bias: false }), 'block.2.0')
            .add(new BatchNorm2d({ numFeatures: 24, eps: 0.001, momentum: 0.01 }), 'block.2.1'),
        null,
        { name: 'features.3' },
      )
      // features.4
      .add(new Conv2d({ inChannels: 24, outChannels: 96, kernelSize: 1, bias: false }), 'features.4.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 96, eps: 0.001, momentum: 0.01 }), 'features.4.block.0.1')
      .add(new Hardswish(), 'features.4.block.0.2')
      .add(new Conv2d({ inChannels: 96, outChannels: 96, kernelSize: 5, stride: 2, padding: 2, groups: 96, bias: false }), 'features.4.block.1.0')
      .add(new BatchNorm2d({ numFeatures: 96, eps: 0.001, momentum: 0.01 }), 'features.4.block.1.1')
      .add(new Hardswish(), 'features.4.block.1.2')
      .mul(
        (se) =>
          se
            .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
            .add(new Conv2d({ inChannels: 96, outChannels: 24, kernelSize: 1 }), 'fc1')
            .add(new ReLU(), 'activation')
            .add(new Conv2d({ inChannels: 24, outChannels: 96, kernelSize: 1 }), 'fc2')
            .add(new Hardsigmoid(), 'scale_activation'),
        null,
        { name: 'features.4.block.2' },
      )
      .add(new Conv2d({ inChannels: 96, outChannels: 40, kernelSize: 1, bias: false }), 'features.4.block.3.0')
      .add(new BatchNorm2d({ numFeatures: 40, eps: 0.001, momentum: 0.01 }), 'features.4.block.3.1')
      // features.5
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 40, outChannels: 240, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 240, eps: 0.001, momentum: 0.01 }), 'block.0.1')
            .add(new Hardswish(), 'block.0.2')
            .add(new Conv2d({ inChannels: 240, outChannels: 240, kernelSize: 5, padding: 2, groups: 240, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 240, eps: 0.001, momentum: 0.01 }), 'block.1.1')
            .add(new Hardswish(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 240, outChannels: 64, kernelSize: 1 }), 'fc1')
                  .add(new ReLU(), 'activation')
                  .add(new Conv2d({ inChannels: 64, outChannels: 240, kernelSize: 1 }), 'fc2')
                  .add(new Hardsigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 240, outChannels: 40, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 40, eps: 0.001, momentum: 0.01 }), 'block.3.1'),
        null,
        { name: 'features.5' },
      )
      // features.6
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 40, outChannels: 240, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 240, eps: 0.001, momentum: 0.01 }), 'block.0.1')
            .add(new Hardswish(), 'block.0.2')
            .add(new Conv2d({ inChannels: 240, outChannels: 240, kernelSize: 5, padding: 2, groups: 240, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 240, eps: 0.001, momentum: 0.01 }), 'block.1.1')
            .add(new Hardswish(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 240, outChannels: 64, kernelSize: 1 }), 'fc1')
                  .add(new ReLU(), 'activation')
                  .add(new Conv2d({ inChannels: 64, outChannels: 240, kernelSize: 1 }), 'fc2')
                  .add(new Hardsigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 240, outChannels: 40, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 40, eps: 0.001, momentum: 0.01 }), 'block.3.1'),
        null,
        { name: 'features.6' },
      )
      // features.7
      .add(new Conv2d({ inChannels: 40, outChannels: 120, kernelSize: 1, bias: false }), 'features.7.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 120, eps: 0.001, momentum: 0.01 }), 'features.7.block.0.1')
      .add(new Hardswish(), 'features.7.block.0.2')
      .add(new Conv2d({ inChannels: 120, outChannels: 120, kernelSize: 5, padding: 2, groups: 120, bias: false }), 'features.7.block.1.0')
      .add(new BatchNorm2d({ numFeatures: 120, eps: 0.001, momentum: 0.01 }), 'features.7.block.1.1')
      .add(new Hardswish(), 'features.7.block.1.2')
      .mul(
        (se) =>
          se
            .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
            .add(new Conv2d({ inChannels: 120, outChannels: 32, kernelSize: 1 }), 'fc1')
            .add(new ReLU(), 'activation')
            .add(new Conv2d({ inChannels: 32, outChannels: 120, kernelSize: 1 }), 'fc2')
            .add(new Hardsigmoid(), 'scale_activation'),
        null,
        { name: 'features.7.block.2' },
      )
      .add(new Conv2d({ inChannels: 120, outChannels: 48, kernelSize: 1, bias: false }), 'features.7.block.3.0')
      .add(new BatchNorm2d({ numFeatures: 48, eps: 0.001, momentum: 0.01 }), 'features.7.block.3.1')
      // features.8
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 48, outChannels: 144, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 144, eps: 0.001, momentum: 0.01 }), 'block.0.1')
            .add(new Hardswish(), 'block.0.2')
            .add(new Conv2d({ inChannels: 144, outChannels: 144, kernelSize: 5, padding: 2, groups: 144, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 144, eps: 0.001, momentum: 0.01 }), 'block.1.1')
            .add(new Hardswish(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 144, outChannels: 40, kernelSize: 1 }), 'fc1')
                  .add(new ReLU(), 'activation')
                  .add(new Conv2d({ inChannels: 40, outChannels: 144, kernelSize: 1 }), 'fc2')
                  .add(new Hardsigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 144, outChannels: 48, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 48, eps: 0.001, momentum: 0.01 }), 'block.3.1'),
        null,
        { name: 'features.8' },
      )
      // features.9
      .add(new Conv2d({ inChannels: 48, outChannels: 288, kernelSize: 1, bias: false }), 'features.9.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 288, eps: 0.001, momentum: 0.01 }), 'features.9.block.0.1')
      .add(new Hardswish(), 'features.9.block.0.2')
      .add(new Conv2d({ inChannels: 288, outChannels: 288, kernelSize: 5, stride: 2, padding: 2, groups: 288, bias: false }), 'features.9.block.1.0')
      .add(new BatchNorm2d({ numFeatures: 288, eps: 0.001, momentum: 0.01 }), 'features.9.block.1.1')
      .add(new Hardswish(), 'features.9.block.1.2')
      .mul(
        (se) =>
          se
            .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
            .add(new Conv2d({ inChannels: 288, outChannels: 72, kernelSize: 1 }), 'fc1')
            .add(new ReLU(), 'activation')
            .add(new Conv2d({ inChannels: 72, outChannels: 288, kernelSize: 1 }), 'fc2')
            .add(new Hardsigmoid(), 'scale_activation'),
        null,
        { name: 'features.9.block.2' },
      )
      .add(new Conv2d({ inChannels: 288, outChannels: 96, kernelSize: 1, bias: false }), 'features.9.block.3.0')
      .add(new BatchNorm2d({ numFeatures: 96, eps: 0.001, momentum: 0.01 }), 'features.9.block.3.1')
      // features.10
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 96, outChannels: 576, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 576, eps: 0.001, momentum: 0.01 }), 'block.0.1')
            .add(new Hardswish(), 'block.0.2')
            .add(new Conv2d({ inChannels: 576, outChannels: 576, kernelSize: 5, padding: 2, groups: 576, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 576, eps: 0.001, momentum: 0.01 }), 'block.1.1')
            .add(new Hardswish(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 576, outChannels: 144, kernelSize: 1 }), 'fc1')
                  .add(new ReLU(), 'activation')
                  .add(new Conv2d({ inChannels: 144, outChannels: 576, kernelSize: 1 }), 'fc2')
                  .add(new Hardsigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 576, outChannels: 96, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 96, eps: 0.001, momentum: 0.01 }), 'block.3.1'),
        null,
        { name: 'features.10' },
      )
      // features.11
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 96, outChannels: 576, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 576, eps: 0.001, momentum: 0.01 }), 'block.0.1')
            .add(new Hardswish(), 'block.0.2')
            .add(new Conv2d({ inChannels: 576, outChannels: 576, kernelSize: 5, padding: 2, groups: 576, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 576, eps: 0.001, momentum: 0.01 }), 'block.1.1')
            .add(new Hardswish(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 576, outChannels: 144, kernelSize: 1 }), 'fc1')
                  .add(new ReLU(), 'activation')
                  .add(new Conv2d({ inChannels: 144, outChannels: 576, kernelSize: 1 }), 'fc2')
                  .add(new Hardsigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 576, outChannels: 96, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 96, eps: 0.001, momentum: 0.01 }), 'block.3.1'),
        null,
        { name: 'features.11' },
      )
      // features.12
      .add(new Conv2d({ inChannels: 96, outChannels: 576, kernelSize: 1, bias: false }), 'features.12.0')
      .add(new BatchNorm2d({ numFeatures: 576, eps: 0.001, momentum: 0.01 }), 'features.12.1')
      .add(new Hardswish(), 'features.12.2')
      .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
      .add(new Flatten()) // torch.flatten(x, 1) in forward
      .add(new Linear({ inFeatures: 576, outFeatures: 1024 }), 'classifier.0')
      .add(new Hardswish(), 'classifier.1')
      .add(new Dropout({ p: 0.2 }), 'classifier.2')
      .add(new Linear({ inFeatures: 1024, outFeatures: 1000 }), 'classifier.3')
  );
}

// What the compiler computed, checked by the compiler: these lines fail to type-check if the
// shapes are not torchvision's.
type Trace = ShapeTrace<ReturnType<typeof mobilenetV3Small>>;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Last<T extends readonly unknown[]> = T extends readonly [...unknown[], infer L] ? L : never;
const stem: Equal<Trace[3], ['batch', 16, 112, 112]> = true;
const firstSqueezeExcitation: Equal<Trace[7], ['batch', 16, 56, 56]> = true;
const logits: Equal<Last<Trace>, ['batch', 1000]> = true;
void [stem, firstSqueezeExcitation, logits];

/** Prints the model's summary, then runs it (in eval mode) on one random image. */
export function main(): void {
  const model = mobilenetV3Small().eval();
  console.log(summary(model));
  const x = randn([1, 3, 224, 224], { seed: 1 });
  const y = noGrad(() => model.forward(x)); // Tensor<[1, 1000]>
  console.log(`forward: [${x.shape.join(', ')}] -> [${y.shape.join(', ')}]`);
}
