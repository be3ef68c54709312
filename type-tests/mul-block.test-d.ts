import { expectType } from 'tsd';
import { AdaptiveAvgPool2d, Conv2d, Hardsigmoid, MaxPool2d, ReLU, Sequential, Sigmoid, Tensor, zeros, type ShapeTrace } from 'shapecheck';

// ---- squeeze-and-excitation: the gate [batch, 16, 1, 1] broadcasts over H and W
const se = new Sequential(['batch', 16, 56, 56]).mul(
  (x) =>
    x
      .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
      .add(new Conv2d({ inChannels: 16, outChannels: 8, kernelSize: 1 }), 'fc1')
      .add(new ReLU(), 'activation')
      .add(new Conv2d({ inChannels: 8, outChannels: 16, kernelSize: 1 }), 'fc2')
      .add(new Hardsigmoid(), 'scale_activation'),
  null,
  { name: 'block.1' },
);
expectType<[['batch', 16, 56, 56], ['batch', 16, 56, 56]]>({} as ShapeTrace<typeof se>);
expectType<Tensor<[2, 16, 56, 56]>>(se.forward(zeros([2, 16, 56, 56])));

// ---- on names: H and W kept
const symbolic = new Sequential(['batch', 8, 'H', 'W']).mul((x) =>
  x.add(new AdaptiveAvgPool2d({ outputSize: 1 })).add(new Conv2d({ inChannels: 8, outChannels: 8, kernelSize: 1 })).add(new Sigmoid()),
);
expectType<[['batch', 8, 'H', 'W'], ['batch', 8, 'H', 'W']]>({} as ShapeTrace<typeof symbolic>);

// ---- two paths: a one-channel mask broadcasts over the channels
const masked = new Sequential([1, 4, 5, 5]).mul(
  (x) => x.add(new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, padding: 1 })),
  (x) => x.add(new Conv2d({ inChannels: 4, outChannels: 1, kernelSize: 1 })).add(new Sigmoid()),
);
expectType<[[1, 4, 5, 5], [1, 4, 5, 5]]>({} as ShapeTrace<typeof masked>);

// ---- a gate that does not broadcast: mul's words, at the block
new Sequential(['batch', 8, 6, 6])
  // @ts-expect-error layer 1 (Mul): mul: The size of tensor a (4) must match the size of tensor b (8) at non-singleton dimension 1
  .mul((x) => x.add(new Conv2d({ inChannels: 8, outChannels: 4, kernelSize: 1 })));
new Sequential(['batch', 8, 6, 6])
  // @ts-expect-error layer 1 (Mul): mul: The size of tensor a (3) must match the size of tensor b (6) at non-singleton dimension 3
  .mul((x) => x.add(new MaxPool2d({ kernelSize: 2 })));

// ---- a wrong layer inside the gate is reported at its own add, numbered under the block
new Sequential(['batch', 8, 6, 6]).mul((x) =>
  x
    .add(new AdaptiveAvgPool2d({ outputSize: 1 }))
    // @ts-expect-error layer 1.2 (Conv2d): Given groups=1, weight of size [8, 4, 1, 1], expected input[batch, 8, 1, 1] ...
    .add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 1 })),
);
