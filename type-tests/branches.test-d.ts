import { expectType } from 'tsd';
import { BatchNorm2d, Conv2d, MaxPool2d, ReLU, ReLU6, Sequential, Tensor, zeros, type ShapeTrace } from 'shapecheck';

// ---- a ResNet basic block with a downsampling shortcut: the trace has one shape per block
const basic = new Sequential(['batch', 64, 56, 56])
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
  .add(new ReLU());
expectType<[['batch', 64, 56, 56], ['batch', 128, 28, 28], ['batch', 128, 28, 28]]>({} as ShapeTrace<typeof basic>);
expectType<Tensor<[2, 128, 28, 28]>>(basic.forward(zeros([2, 64, 56, 56])));

// ---- an identity shortcut needs a path that keeps the shape
new Sequential(['batch', 64, 56, 56])
  // @ts-expect-error layer 1 (Residual): add: The size of tensor a (28) must match the size of tensor b (56) at non-singleton dimension 3
  .residual((x) => x.add(new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, stride: 2, padding: 1 })));

// ---- a wrong layer inside a path is reported at its own add, numbered under the block
new Sequential(['batch', 24, 56, 56]).residual((x) =>
  x
    .add(new Conv2d({ inChannels: 24, outChannels: 144, kernelSize: 1, bias: false }))
    .add(new ReLU6())
    // @ts-expect-error layer 1.3 (Conv2d): Given groups=144, weight of size [144, 1, 3, 3], expected input[batch, 24, 56, 56] ...
    .add(new Conv2d({ inChannels: 24, outChannels: 144, kernelSize: 3, padding: 1, groups: 144, bias: false })),
);

// ---- an Inception-like join: channels add up, the other dims must agree
const inception = new Sequential(['batch', 192, 28, 28]).cat(
  [
    (x) => x.add(new Conv2d({ inChannels: 192, outChannels: 64, kernelSize: 1 })),
    (x) => x.add(new Conv2d({ inChannels: 192, outChannels: 96, kernelSize: 1 })).add(new Conv2d({ inChannels: 96, outChannels: 128, kernelSize: 3, padding: 1 })),
    (x) => x.add(new MaxPool2d({ kernelSize: 3, stride: 1, padding: 1 })).add(new Conv2d({ inChannels: 192, outChannels: 32, kernelSize: 1 })),
  ],
  1,
);
expectType<['batch', 224, 28, 28]>({} as ShapeTrace<typeof inception>[1]);
new Sequential(['batch', 192, 28, 28]).cat(
  [(x) => x.add(new ReLU()), (x) => x.add(new MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 }))],
  // @ts-expect-error layer 1 (Cat): cat: Sizes of tensors must match except in dimension 1. Expected size 28 but got size 14 for tensor number 1 in the list.
  1,
);

// ---- a reusable path generic only in its position is checked inside (docs/models.md, "Helpers")
import type { BranchStart } from 'shapecheck';
const block64 = <P extends string>(x: BranchStart<['batch', 64, 56, 56], P>) =>
  x.add(new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1, bias: false })).add(new BatchNorm2d({ numFeatures: 64 }));
const twice = new Sequential(['batch', 64, 56, 56]).residual(block64).add(new ReLU()).residual(block64);
expectType<[['batch', 64, 56, 56], ['batch', 64, 56, 56], ['batch', 64, 56, 56], ['batch', 64, 56, 56]]>({} as ShapeTrace<typeof twice>);
export const wrong64 = <P extends string>(x: BranchStart<['batch', 64, 56, 56], P>) =>
  x
    .add(new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1, bias: false }))
    // @ts-expect-error layer ${P}2 (BatchNorm2d): expected input[batch, 64, 56, 56] to have 32 channels (numFeatures), got 64 ...
    .add(new BatchNorm2d({ numFeatures: 32 }));
