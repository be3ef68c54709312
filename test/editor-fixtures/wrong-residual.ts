// A ResNet stage whose second block's path has a BatchNorm2d sized for the wrong channel count:
// one error, on that layer's line inside the block, numbered under the block (layer 6.2).
import { BatchNorm2d, Conv2d, ReLU, Sequential } from 'shapecheck';

export function build() {
  return new Sequential(['batch', 64, 56, 56])
    .residual(
      (x) =>
        x
          .add(new Conv2d({ inChannels: 64, outChannels: 128, kernelSize: 3, stride: 2, padding: 1, bias: false }))
          .add(new BatchNorm2d({ numFeatures: 128 }))
          .add(new ReLU())
          .add(new Conv2d({ inChannels: 128, outChannels: 128, kernelSize: 3, padding: 1, bias: false }))
          .add(new BatchNorm2d({ numFeatures: 128 })),
      (x) => x.add(new Conv2d({ inChannels: 64, outChannels: 128, kernelSize: 1, stride: 2, bias: false })).add(new BatchNorm2d({ numFeatures: 128 })),
    )
    .add(new ReLU())
    .add(new Conv2d({ inChannels: 128, outChannels: 128, kernelSize: 1 }))
    .add(new ReLU())
    .add(new ReLU())
    .residual((x) =>
      x
        .add(new Conv2d({ inChannels: 128, outChannels: 128, kernelSize: 3, padding: 1, bias: false }))
        .add(new BatchNorm2d({ numFeatures: 64 })) // <- wrong
        .add(new ReLU()),
    )
    .add(new ReLU());
}
