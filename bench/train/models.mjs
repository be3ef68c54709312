// The shapecheck models of the training benchmarks (run.mjs, memory.mjs, profile.mjs).
import { AdaptiveAvgPool2d, BatchNorm2d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '../../dist/index.js';

/** examples/train-mnist.ts's lenet5(). */
export const lenet5 = () =>
  new Sequential(['batch', 1, 28, 28])
    .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5, padding: 2 }))
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 }))
    .add(new Conv2d({ inChannels: 6, outChannels: 16, kernelSize: 5 }))
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 }))
    .add(new Flatten())
    .add(new Linear({ inFeatures: 400, outFeatures: 120 }))
    .add(new ReLU())
    .add(new Linear({ inFeatures: 120, outFeatures: 84 }))
    .add(new ReLU())
    .add(new Linear({ inFeatures: 84, outFeatures: 10 }));

/**
 * examples/resnet18.ts's ResNet-18 (torchvision's structure; written out there, a loop here) on
 * `size`×`size` images (examples/resnet18.ts fixes 224×224 in its Sequential's input shape) and
 * `classes` classes. Parameters in torchvision's order (each block: main path, then downsample).
 */
export const resnet18 = (size, classes) => {
  let net = new Sequential(['batch', 3, size, size])
    .add(new Conv2d({ inChannels: 3, outChannels: 64, kernelSize: 7, stride: 2, padding: 3, bias: false }))
    .add(new BatchNorm2d({ numFeatures: 64 }))
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 }));
  let cin = 64;
  for (const cout of [64, 128, 256, 512]) {
    for (let block = 0; block < 2; block++) {
      const stride = block === 0 && cout !== 64 ? 2 : 1;
      const from = cin;
      net = net.residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: from, outChannels: cout, kernelSize: 3, stride, padding: 1, bias: false }))
            .add(new BatchNorm2d({ numFeatures: cout }))
            .add(new ReLU())
            .add(new Conv2d({ inChannels: cout, outChannels: cout, kernelSize: 3, padding: 1, bias: false }))
            .add(new BatchNorm2d({ numFeatures: cout })),
        stride !== 1 || from !== cout
          ? (x) => x.add(new Conv2d({ inChannels: from, outChannels: cout, kernelSize: 1, stride, bias: false })).add(new BatchNorm2d({ numFeatures: cout }))
          : undefined,
      );
      net = net.add(new ReLU());
      cin = cout;
    }
  }
  return net.add(new AdaptiveAvgPool2d({ outputSize: 1 })).add(new Flatten()).add(new Linear({ inFeatures: 512, outFeatures: classes }));
};
