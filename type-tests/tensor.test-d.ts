import { expectType } from 'tsd';
import {
  Conv2d,
  Tensor,
  arange,
  conv2d,
  ones,
  pad,
  randn,
  tensor,
  zeros,
  type ArangeLength,
  type ErrorMessage,
  type NestedShape,
  type Numel,
  type ReshapeOutputShape,
} from 'shapecheck';

// ---- factories infer literal shapes
expectType<Tensor<[2, 3]>>(tensor([1, 2, 3, 4, 5, 6], [2, 3]));
expectType<Tensor<[2, 3]>>(tensor([[1, 2, 3], [4, 5, 6]]));
expectType<Tensor<[]>>(tensor(5));
expectType<Tensor<[1, 3, 224, 224]>>(zeros([1, 3, 224, 224]));
expectType<Tensor<[2, 2]>>(ones([2, 2]));
expectType<Tensor<[1, 3, 8, 8]>>(randn([1, 3, 8, 8], { seed: 1 }));
expectType<Tensor<[16]>>(arange(16));
expectType<Tensor<[3]>>(arange(2, 11, 3));
expectType<Tensor<[3]>>(arange(5, 0, -2));
expectType<Tensor<[number]>>(arange(0, 1, 0.25));
const n: number = 7;
expectType<Tensor<[number]>>(arange(n));
expectType<3>({} as ArangeLength<2, 11, 3>);
expectType<[2, 3]>({} as NestedShape<[[1, 2, 3], [4, 5, 6]]>);
expectType<ErrorMessage<'tensor: nested arrays must be rectangular: expected sequences of equal length at each dim'>>(
  {} as NestedShape<[[1, 2, 3], [4, 5]]>,
);
// @ts-expect-error tensor: data has 3 elements, but shape [2, 2] needs 4
tensor([1, 2, 3], [2, 2]);
// @ts-expect-error ragged nested arrays
tensor([[1, 2, 3], [4, 5]]);

// ---- reshape: element counts at compile time, -1 inferred, the error at the argument
expectType<150528>({} as Numel<[1, 3, 224, 224]>);
expectType<number>({} as Numel<['batch', 3]>);
expectType<Tensor<[2, 3, 4]>>(arange(24).reshape([2, -1, 4]));
expectType<Tensor<[6, 4]>>(arange(24).reshape([6, 4]));
expectType<[6, 4]>({} as ReshapeOutputShape<[2, 3, 4], [6, -1]>);
expectType<['3*batch', 4]>({} as ReshapeOutputShape<['batch', 3, 4], [-1, 4]>); // the exact quotient of 12*batch by 4
expectType<[number, 5]>({} as ReshapeOutputShape<['batch', 3, 4], [-1, 5]>); // not exact: number, checked at runtime
expectType<ErrorMessage<"reshape: shape '[4, 2]' is invalid for input of size 6">>({} as ReshapeOutputShape<[2, 3], [4, 2]>);
// @ts-expect-error reshape: shape '[5, 5]' is invalid for input of size 24
arange(24).reshape([5, 5]);
// @ts-expect-error reshape: shape '[5, -1]' is invalid for input of size 24
arange(24).reshape([5, -1]);
// @ts-expect-error only one dimension can be inferred
arange(24).reshape([-1, -1]);

// ---- toArray and get follow the rank
expectType<number[][]>(zeros([2, 3]).toArray());
expectType<number>(zeros([2, 3]).get(1, 2));
// @ts-expect-error two indices for a 2-D tensor
zeros([2, 3]).get(1);

// ---- nn.Conv2d: typed weight and bias, forward's shape computed, errors at the argument
const conv = new Conv2d({ inChannels: 3, outChannels: 16, kernelSize: [3, 5], padding: 'same', groups: 1 });
expectType<Tensor<[16, 3, 3, 5]>>(conv.weight);
expectType<Tensor<[16]>>(conv.bias);
expectType<Tensor<[8, 16, 32, 32]>>(conv.forward(randn([8, 3, 32, 32])));
expectType<Tensor<[16, 32, 20]>>(conv.forward(randn([3, 32, 20])));
const noBias = new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 3, groups: 2, bias: false, stride: 2 });
expectType<null>(noBias.bias);
expectType<Tensor<[8, 2, 3, 3]>>(noBias.weight);
expectType<Tensor<[1, 8, 3, 3]>>(noBias.forward(zeros([1, 4, 7, 7])));
const grads = noBias.backward(zeros([1, 4, 7, 7]), zeros([1, 8, 3, 3]));
expectType<Tensor<[1, 4, 7, 7]>>(grads.gradInput);
expectType<Tensor<[8, 2, 3, 3]>>(grads.gradWeight);
// @ts-expect-error Conv2d: Given groups=1, weight of size [16, 3, 3, 5], expected input[1, 4, 32, 32] to have 3 channels, but got 4 channels instead
conv.forward(zeros([1, 4, 32, 32]));
// @ts-expect-error Conv2d: output height would be ...
noBias.forward(zeros([1, 4, 2, 2]));
// @ts-expect-error gradOutput must have the output's shape
noBias.backward(zeros([1, 4, 7, 7]), zeros([1, 8, 4, 4]));
// @ts-expect-error Conv2d: inChannels must be divisible by groups, got inChannels=6 and groups=4 (in_channels must be divisible by groups)
new Conv2d({ inChannels: 6, outChannels: 8, kernelSize: 3, groups: 4 });
// @ts-expect-error Conv2d: padding='same' is not supported for strided convolutions, got stride=2
new Conv2d({ inChannels: 6, outChannels: 8, kernelSize: 3, padding: 'same', stride: 2 });

// ---- F.conv2d and pad
expectType<Tensor<[1, 8, 32, 32]>>(conv2d(zeros([1, 3, 32, 32]), zeros([8, 3, 3, 3]), null, { padding: 1 }));
expectType<Tensor<[1, 8, 30, 30]>>(conv2d(zeros([1, 3, 32, 32]), zeros([8, 3, 3, 3]), null));
expectType<Tensor<[1, 8, 16, 16]>>(conv2d(zeros([1, 4, 32, 32]), zeros([8, 2, 3, 3]), zeros([8]), { stride: 2, padding: 1, groups: 2 }));
// @ts-expect-error Conv2d: Given groups=1, weight of size [8, 3, 3, 3], expected input[1, 4, 32, 32] to have 3 channels, ...
conv2d(zeros([1, 4, 32, 32]), zeros([8, 3, 3, 3]), null, { padding: 1 });
expectType<Tensor<[1, 1, 8, 8]>>(pad(zeros([1, 1, 4, 4]), [2, 2, 2, 2], 'circular'));
expectType<Tensor<[1, 1, 5, 3]>>(pad(zeros([1, 1, 4, 4]), [-1, 0, 0, 1]));
// @ts-expect-error pad: padding 4 of dim 2 (size 4) is invalid for mode 'reflect'
pad(zeros([1, 1, 4, 4]), [1, 1, 4, 0], 'reflect');
