// The activation layers of issue 12: their shapes, their messages at the argument (the runtime's
// words), and their place in a model.
import { expectType } from 'tsd';
import {
  Conv2d,
  Dropout2d,
  ELU,
  GELU,
  Hardsigmoid,
  Hardswish,
  Identity,
  LogSoftmax,
  Mish,
  PReLU,
  Sequential,
  SiLU,
  Softmax,
  Tensor,
  dropout2d,
  elu,
  gelu,
  hardsigmoid,
  hardswish,
  mish,
  prelu,
  silu,
  zeros,
  type Dropout2dOutputShape,
  type ErrorMessage,
  type GeluApproximateError,
  type LayerOutputShape,
  type PreluOutputShape,
  type PreluShape,
  type ShapeTrace,
  type SoftmaxOutputShape,
} from 'shapecheck';

// ---- shape rules
expectType<['batch', 16, 8, 8]>({} as PreluOutputShape<['batch', 16, 8, 8], 16>);
expectType<[5]>({} as PreluOutputShape<[5], 1>);
expectType<[]>({} as PreluOutputShape<[], 1>);
expectType<['batch', 'C', 8]>({} as PreluOutputShape<['batch', 'C', 8], 4>); // a named channel dim: checked when data arrives
expectType<ErrorMessage<'PReLU: expected input[2, 3] to have 4 channels (numParameters), got 3 (Mismatch of parameter numbers and input channel size. Found parameter numbers = 4 and channel size = 3.)'>>(
  {} as PreluOutputShape<[2, 3], 4>,
);
expectType<ErrorMessage<'PReLU: expected input[5] to have 3 channels (numParameters), got 1 (Mismatch of parameter numbers and input channel size. Found parameter numbers = 3 and channel size = 1.)'>>(
  {} as PreluOutputShape<[5], 3>,
);
expectType<ErrorMessage<'PReLU: expected input to have at least 1 dim for 2 parameters, got input[] (Not allow zero-dim input tensor.)'>>({} as PreluOutputShape<[], 2>);
expectType<[2, 3, 4]>({} as PreluShape<[2, 3, 4], [3]>);
expectType<[2, 3, 4]>({} as PreluShape<[2, 3, 4], []>);
expectType<ErrorMessage<'prelu: expected weight to be a scalar or 1-D tensor, got weight[3, 1] (prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = 2)'>>({} as PreluShape<[2, 3], [3, 1]>);
expectType<[8, 10]>({} as SoftmaxOutputShape<[8, 10], -2, 'Softmax'>);
expectType<[]>({} as SoftmaxOutputShape<[], -1, 'Softmax'>);
expectType<ErrorMessage<'Softmax: dim 1 is out of range for input[] (Dimension out of range (expected to be in range of [-1, 0], but got 1))'>>({} as SoftmaxOutputShape<[], 1, 'Softmax'>);
expectType<ErrorMessage<'LogSoftmax: dim -3 is out of range for input[batch, 10] (Dimension out of range (expected to be in range of [-2, 1], but got -3))'>>(
  {} as SoftmaxOutputShape<['batch', 10], -3, 'LogSoftmax'>,
);
expectType<['batch', 3]>({} as Dropout2dOutputShape<['batch', 3]>);
expectType<ErrorMessage<'Dropout2d: expected input with at least 2 dims, got input[8] (Feature dropout requires at least 2 dimensions in the input)'>>({} as Dropout2dOutputShape<[8]>);
expectType<never>({} as GeluApproximateError<'GELU', 'tanh'>);

// ---- layers and functions keep the shape
const x = zeros([2, 3, 4, 4]);
expectType<Tensor<[2, 3, 4, 4]>>(new SiLU().forward(x));
expectType<Tensor<[2, 3, 4, 4]>>(new Hardswish().forward(x));
expectType<Tensor<[2, 3, 4, 4]>>(new Hardsigmoid().forward(x));
expectType<Tensor<[2, 3, 4, 4]>>(new Mish().forward(x));
expectType<Tensor<[2, 3, 4, 4]>>(new ELU({ alpha: 0.5 }).forward(x));
expectType<Tensor<[2, 3, 4, 4]>>(new GELU({ approximate: 'tanh' }).forward(x));
expectType<Tensor<[2, 3, 4, 4]>>(new Identity().forward(x));
expectType<Tensor<[2, 3, 4, 4]>>(new PReLU({ numParameters: 3 }).forward(x));
expectType<Tensor<[3]>>(new PReLU({ numParameters: 3 }).weight);
expectType<Tensor<[1]>>(new PReLU().weight);
expectType<Tensor<[2, 3, 4, 4]>>(new Softmax({ dim: 1 }).forward(x));
expectType<Tensor<[2, 3, 4, 4]>>(new LogSoftmax({ dim: -1 }).forward(x));
expectType<Tensor<[2, 3, 4, 4]>>(new Dropout2d({ p: 0.2 }).forward(x));
expectType<Tensor<[2, 3, 4, 4]>>(silu(x));
expectType<Tensor<[2, 3, 4, 4]>>(hardswish(x));
expectType<Tensor<[2, 3, 4, 4]>>(hardsigmoid(x));
expectType<Tensor<[2, 3, 4, 4]>>(mish(x));
expectType<Tensor<[2, 3, 4, 4]>>(elu(x, 2));
expectType<Tensor<[2, 3, 4, 4]>>(gelu(x, 'tanh'));
expectType<Tensor<[2, 3, 4, 4]>>(gelu(x, 'none'));
expectType<Tensor<[2, 3, 4, 4]>>(prelu(x, zeros([3])));
expectType<Tensor<[2, 3, 4, 4]>>(prelu(x, zeros([1])));
expectType<Tensor<[2, 3, 4, 4]>>(dropout2d(x, 0.5, false));

// ---- mistakes are errors at the argument, in the runtime's words
// @ts-expect-error GELU: approximate must be 'none' or 'tanh', got 'fast' (approximate argument must be either none or tanh.)
new GELU({ approximate: 'fast' });
// @ts-expect-error gelu: approximate must be 'none' or 'tanh', got 'Tanh' (approximate argument must be either none or tanh.)
gelu(x, 'Tanh');
// @ts-expect-error PReLU: numParameters must be a positive integer, got 0
new PReLU({ numParameters: 0 });
// @ts-expect-error PReLU: expected input[2, 3, 4, 4] to have 4 channels (numParameters), got 3 (...)
new PReLU({ numParameters: 4 }).forward(x);
// @ts-expect-error prelu: expected input[2, 3, 4, 4] to have 2 channels (weight), got 3 (...)
prelu(x, zeros([2]));
// @ts-expect-error prelu: expected weight to be a scalar or 1-D tensor, got weight[3, 1] (...)
prelu(x, zeros([3, 1]));
// @ts-expect-error Softmax: dim 4 is out of range for input[2, 3, 4, 4] (...)
new Softmax({ dim: 4 }).forward(x);
// @ts-expect-error LogSoftmax: dim -5 is out of range for input[2, 3, 4, 4] (...)
new LogSoftmax({ dim: -5 }).forward(x);
// @ts-expect-error Dropout2d: p must be between 0 and 1, got 1.5 (...)
new Dropout2d({ p: 1.5 });
// @ts-expect-error Dropout2d: expected input with at least 2 dims, got input[4] (...)
new Dropout2d().forward(zeros([4]));
// @ts-expect-error alpha is a number
new ELU({ alpha: 'x' });

// ---- in a model: traced through the registry, a wrong layer reported at its add
expectType<['batch', 3, 8, 8]>({} as LayerOutputShape<PReLU<{ numParameters: 3 }>, ['batch', 3, 8, 8]>);
const model = new Sequential(['batch', 3, 8, 8])
  .add(new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, padding: 1 }))
  .add(new PReLU({ numParameters: 8 }))
  .add(new Hardswish())
  .add(new Dropout2d(0.1))
  .add(new GELU({ approximate: 'tanh' }))
  .add(new Identity())
  .add(new LogSoftmax({ dim: 1 }));
expectType<[['batch', 3, 8, 8], ['batch', 8, 8, 8], ['batch', 8, 8, 8], ['batch', 8, 8, 8], ['batch', 8, 8, 8], ['batch', 8, 8, 8], ['batch', 8, 8, 8], ['batch', 8, 8, 8]]>(
  {} as ShapeTrace<typeof model>,
);
expectType<Tensor<[4, 8, 8, 8]>>(model.forward(zeros([4, 3, 8, 8])));
// @ts-expect-error layer 1 (PReLU): expected input[batch, 3, 8, 8] to have 4 channels (numParameters), got 3 (...)
new Sequential(['batch', 3, 8, 8]).add(new PReLU({ numParameters: 4 }));
// @ts-expect-error layer 1 (Softmax): dim 2 is out of range for input[batch, 10] (...)
new Sequential(['batch', 10]).add(new Softmax({ dim: 2 }));
// @ts-expect-error layer 1 (Dropout2d): expected input with at least 2 dims, got input[10] (...)
new Sequential([10]).add(new Dropout2d());
