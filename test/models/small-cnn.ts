// scripts/gen_train_fixtures.py's small CNN, typed: a bias-free convolution, BatchNorm2d, ReLU,
// max pooling, a residual block with a downsampling shortcut, one with the identity, Flatten,
// Linear, on [4, 3, 8, 8]. Used by test/train-torch.test.ts (training against PyTorch) and
// test/state-dict.test.ts (PyTorch's state_dict keys).
import { BatchNorm2d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from 'shapecheck';

/** The fixture script's model (its docstring draws it), typed. */
export function smallCnn() {
  return new Sequential([4, 3, 8, 8])
    .add(new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, padding: 1, bias: false }))
    .add(new BatchNorm2d({ numFeatures: 4 }))
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 }))
    .residual(
      (x) =>
        x
          .add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 3, stride: 2, padding: 1, bias: false }))
          .add(new BatchNorm2d({ numFeatures: 8 }))
          .add(new ReLU())
          .add(new Conv2d({ inChannels: 8, outChannels: 8, kernelSize: 3, padding: 1, bias: false }))
          .add(new BatchNorm2d({ numFeatures: 8 })),
      (x) => x.add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 1, stride: 2, bias: false })).add(new BatchNorm2d({ numFeatures: 8 })),
    )
    .add(new ReLU())
    .residual((x) => x.add(new Conv2d({ inChannels: 8, outChannels: 8, kernelSize: 3, padding: 1, bias: false })).add(new BatchNorm2d({ numFeatures: 8 })))
    .add(new ReLU())
    .add(new Flatten())
    .add(new Linear({ inFeatures: 32, outFeatures: 5 }));
}
