import { expectType } from 'tsd';
import { Conv2d, Flatten, Linear, ReLU, Sequential, Tensor, zeros, type LayerOutputShape, type ShapeTrace } from 'shapecheck';

// ---- the trace of shapes, in the model's type
const lenet = new Sequential([1, 1, 32, 32])
  .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }))
  .add(new ReLU())
  .add(new Conv2d({ inChannels: 6, outChannels: 16, kernelSize: 5, stride: 2 }))
  .add(new Flatten())
  .add(new Linear({ inFeatures: 2304, outFeatures: 10 }));
expectType<[[1, 1, 32, 32], [1, 6, 28, 28], [1, 6, 28, 28], [1, 16, 12, 12], [1, 2304], [1, 10]]>({} as ShapeTrace<typeof lenet>);
expectType<Tensor<[1, 10]>>(lenet.forward(zeros([1, 1, 32, 32])));
// @ts-expect-error the input must have the declared shape
lenet.forward(zeros([1, 3, 32, 32]));

// ---- a symbolic batch flows through the whole model
const batched = new Sequential(['batch', 3, 32, 32])
  .add(new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, padding: 'same' }))
  .add(new ReLU())
  .add(new Flatten())
  .add(new Linear({ inFeatures: 8192, outFeatures: 10 }));
expectType<['batch', 10]>({} as ShapeTrace<typeof batched>[4]);

// ---- the error is at the add(...) of the wrong layer, with its position and kind
new Sequential([1, 1, 32, 32])
  .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }))
  .add(new Flatten())
  // @ts-expect-error layer 3 (Linear): expected 576 input features, got 4704 = 6·28·28 from Flatten of [1, 6, 28, 28]
  .add(new Linear({ inFeatures: 576, outFeatures: 10 }));
new Sequential([1, 3, 32, 32])
  // @ts-expect-error layer 1 (Conv2d): Given groups=1, weight of size [6, 1, 5, 5], expected input[1, 3, 32, 32] to have 1 channels, ...
  .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }));

// ---- one layer's shape rule
expectType<[1, 6, 28, 28]>({} as LayerOutputShape<ReLU, [1, 6, 28, 28]>);

// ---- pooling in a model: a LeNet-5 as PyTorch's tutorial writes it
import { MaxPool2d } from 'shapecheck';
const lenet5 = new Sequential(['batch', 1, 32, 32])
  .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }))
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
expectType<['batch', 16, 5, 5]>({} as ShapeTrace<typeof lenet5>[6]);
expectType<['batch', 10]>({} as ShapeTrace<typeof lenet5>[12]);

// ---- normalisation, dropout and adaptive pooling in a model
import { AdaptiveAvgPool2d, BatchNorm2d, Dropout } from 'shapecheck';
const head = new Sequential(['batch', 3, 64, 48])
  .add(new Conv2d({ inChannels: 3, outChannels: 32, kernelSize: 3, padding: 1, bias: false }))
  .add(new BatchNorm2d({ numFeatures: 32 }))
  .add(new ReLU())
  .add(new AdaptiveAvgPool2d({ outputSize: 1 }))
  .add(new Flatten())
  .add(new Dropout(0.2))
  .add(new Linear({ inFeatures: 32, outFeatures: 5 }));
expectType<['batch', 32, 1, 1]>({} as ShapeTrace<typeof head>[4]);
expectType<['batch', 5]>({} as ShapeTrace<typeof head>[7]);
new Sequential([1, 3, 8, 8])
  // @ts-expect-error layer 1 (BatchNorm2d): BatchNorm2d: expected input[1, 3, 8, 8] to have 4 channels (numFeatures), got 3 ...
  .add(new BatchNorm2d({ numFeatures: 4 }));

// ---- Linear after Flatten infers its input features
const inferred = new Sequential(['batch', 16, 5, 5])
  .add(new Flatten())
  .add(new Linear({ outFeatures: 120 }))
  .add(new ReLU())
  .add(new Linear({ outFeatures: 10 }));
expectType<[['batch', 16, 5, 5], ['batch', 400], ['batch', 120], ['batch', 120], ['batch', 10]]>({} as ShapeTrace<typeof inferred>);
expectType<Tensor<[10, number]>>(new Linear({ outFeatures: 10 }).weight);
expectType<Tensor<[10, 400]>>(new Linear({ inFeatures: 400, outFeatures: 10 }).weight);
