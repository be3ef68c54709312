// Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d (issue 12): output shapes on literal and named
// lengths, the messages at the argument that is wrong, and the layers inside a Sequential.
import { expectType } from 'tsd';
import type { ErrorMessage } from '../src/arithmetic/error-message.js';
import { Conv1d } from '../src/nn/conv1d.js';
import { AdaptiveAvgPool1d, AvgPool1d, MaxPool1d } from '../src/nn/pool1d.js';
import { Sequential } from '../src/nn/sequential.js';
import { conv1d } from '../src/ops/conv1d.js';
import { avgPool1d, maxPool1d } from '../src/ops/pool1d.js';
import { conv1dOutputShape, type Conv1dOutputShape } from '../src/shape/conv1d.js';
import type { AdaptiveAvgPool1dOutputShape, AvgPool1dOutputShape, MaxPool1dOutputShape } from '../src/shape/pool1d.js';
import type { LayerRecoveries } from '../src/nn/layer-rules.js';
import { ones } from '../src/tensor/factories.js';
import type { Tensor } from '../src/tensor/tensor.js';
import { assert, type Equal } from './helpers.js';

// ---- output shapes, from test/fixtures/conv1d.json (torch 1.13), generated
type Cases = [
  [Conv1dOutputShape<[2, 4, 10], { inChannels: 4; outChannels: 6; kernelSize: 3; stride: 2; padding: 1 }>, [2, 6, 5]],
  [Conv1dOutputShape<[3, 9], { inChannels: 3; outChannels: 2; kernelSize: 4; padding: 'same'; dilation: 2 }>, [2, 9]],
  [Conv1dOutputShape<[1, 6, 8], { inChannels: 6; outChannels: 4; kernelSize: 3; groups: 2; padding: 2; paddingMode: 'reflect' }>, [1, 4, 10]],
  [Conv1dOutputShape<[1, 2, 5], { inChannels: 2; outChannels: 2; kernelSize: 3; padding: 5; paddingMode: 'circular' }>, [1, 2, 13]],
  [Conv1dOutputShape<[1, 2, 5], { inChannels: 2; outChannels: 3; kernelSize: 2; padding: 3; paddingMode: 'replicate'; bias: false }>, [1, 3, 10]],
  [Conv1dOutputShape<[2, 32, 20], { inChannels: 32; outChannels: 16; kernelSize: 3; padding: 1 }>, [2, 16, 20]],
  [Conv1dOutputShape<[0, 2, 5], { inChannels: 2; outChannels: 3; kernelSize: 2 }>, [0, 3, 4]],
  [MaxPool1dOutputShape<[1, 2, 9], { kernelSize: 2; ceilMode: true }>, [1, 2, 5]],
  [MaxPool1dOutputShape<[2, 7], { kernelSize: 3; stride: 2; padding: 1; dilation: 2; ceilMode: true }>, [2, 3]],
  [AvgPool1dOutputShape<[1, 1, 5], { kernelSize: 3; stride: 2; padding: 1; ceilMode: true; countIncludePad: false }>, [1, 1, 3]],
  [AvgPool1dOutputShape<[2, 3, 6], { kernelSize: 4; padding: 2; stride: 3; ceilMode: true }>, [2, 3, 3]],
  [AdaptiveAvgPool1dOutputShape<[2, 3, 7], 1>, [2, 3, 1]],
  [AdaptiveAvgPool1dOutputShape<[3, 7], 2>, [3, 2]],
  [AdaptiveAvgPool1dOutputShape<[2, 3, 7], 3>, [2, 3, 3]],
  [AdaptiveAvgPool1dOutputShape<[2, 3, 7], 5>, [2, 3, 5]],
  [AdaptiveAvgPool1dOutputShape<[2, 3, 7], 7>, [2, 3, 7]],
  [AdaptiveAvgPool1dOutputShape<[1, 2, 3], 5>, [1, 2, 5]],
  [Conv1dOutputShape<[3, 8], { inChannels: 3; outChannels: 6; kernelSize: 3; groups: 3; stride: 2; bias: false }>, [6, 3]],
  [Conv1dOutputShape<[2, 6, 12], { inChannels: 6; outChannels: 4; kernelSize: 2; groups: 2 }>, [2, 4, 11]],
  [Conv1dOutputShape<[1, 2, 4], { inChannels: 2; outChannels: 2; kernelSize: 2; groups: 2; dilation: 3; padding: 'same' }>, [1, 2, 4]],
  [Conv1dOutputShape<[1, 1, 12], { inChannels: 1; outChannels: 3; kernelSize: 3; padding: 3; paddingMode: 'replicate' }>, [1, 3, 16]],
  [Conv1dOutputShape<[2, 6], { inChannels: 2; outChannels: 1; kernelSize: 1; padding: 1; paddingMode: 'replicate' }>, [1, 8]],
  [Conv1dOutputShape<[1, 1, 5], { inChannels: 1; outChannels: 3; kernelSize: 1; dilation: 3; padding: 'same'; paddingMode: 'replicate'; bias: false }>, [1, 3, 5]],
  [Conv1dOutputShape<[1, 1, 9], { inChannels: 1; outChannels: 3; kernelSize: 2; dilation: 3; padding: 1; stride: 2 }>, [1, 3, 4]],
  [MaxPool1dOutputShape<[1, 1, 4], { kernelSize: 2; stride: 1; padding: 0 }>, [1, 1, 3]],
  [AvgPool1dOutputShape<[1, 2, 6], { kernelSize: 2; stride: 1; padding: 1 }>, [1, 2, 7]],
  [MaxPool1dOutputShape<[2, 4], { kernelSize: 3; dilation: 2; ceilMode: true }>, [2, 1]],
  [AvgPool1dOutputShape<[2, 3, 9], { kernelSize: 3; stride: 2; padding: 1; countIncludePad: false }>, [2, 3, 5]],
  [MaxPool1dOutputShape<[2, 3, 8], { kernelSize: 3; padding: 0; dilation: 2 }>, [2, 3, 2]],
  [AvgPool1dOutputShape<[1, 1, 9], { kernelSize: 1; ceilMode: true }>, [1, 1, 9]],
  [MaxPool1dOutputShape<[2, 2, 9], { kernelSize: 3; dilation: 1; ceilMode: true }>, [2, 2, 3]],
  [AvgPool1dOutputShape<[2, 1, 9], { kernelSize: 4; stride: 2; ceilMode: true }>, [2, 1, 4]],
  [MaxPool1dOutputShape<[1, 1, 8], { kernelSize: 3; stride: 3; dilation: 1; ceilMode: true }>, [1, 1, 3]],
  [AvgPool1dOutputShape<[2, 5], { kernelSize: 1; stride: 2; padding: 0; ceilMode: true }>, [2, 3]],
  [MaxPool1dOutputShape<[2, 2, 11], { kernelSize: 3; dilation: 2; ceilMode: true }>, [2, 2, 3]],
  [AvgPool1dOutputShape<[2, 10], { kernelSize: 3; padding: 0; countIncludePad: false }>, [2, 3]],
  [MaxPool1dOutputShape<[2, 1, 3], { kernelSize: 4; stride: 2; padding: 1; dilation: 1 }>, [2, 1, 1]],
  [AvgPool1dOutputShape<[3, 11], { kernelSize: 4; padding: 2 }>, [3, 3]],
  [MaxPool1dOutputShape<[1, 1, 11], { kernelSize: 4; stride: 2; ceilMode: true }>, [1, 1, 5]],
  [AvgPool1dOutputShape<[2, 3, 3], { kernelSize: 1; stride: 3; ceilMode: true }>, [2, 3, 1]],
  [MaxPool1dOutputShape<[2, 3], { kernelSize: 3; padding: 1; dilation: 2 }>, [2, 1]],
  [AvgPool1dOutputShape<[2, 2, 11], { kernelSize: 2; padding: 0; ceilMode: true; countIncludePad: false }>, [2, 2, 6]],
  [MaxPool1dOutputShape<[3, 5], { kernelSize: 1; padding: 0; dilation: 1; ceilMode: true }>, [3, 5]],
  [AvgPool1dOutputShape<[1, 2, 3], { kernelSize: 1; stride: 1; padding: 0; countIncludePad: false }>, [1, 2, 3]],
  [MaxPool1dOutputShape<[2, 1, 7], { kernelSize: 2; stride: 3; padding: 0; ceilMode: true }>, [2, 1, 3]],
  [AvgPool1dOutputShape<[2, 3], { kernelSize: 3; stride: 2; padding: 1; ceilMode: true; countIncludePad: false }>, [2, 2]],
  [MaxPool1dOutputShape<[1, 2, 3], { kernelSize: 3; stride: 2 }>, [1, 2, 1]],
  [AvgPool1dOutputShape<[3, 4], { kernelSize: 3; stride: 1; padding: 1; countIncludePad: false }>, [3, 4]],
  // symbolic lengths: the exact expressions
  [Conv1dOutputShape<['batch', 4, 'L'], { inChannels: 4; outChannels: 8; kernelSize: 3; stride: 2; padding: 1 }>, ['batch', 8, '(L+1)//2']],
  [Conv1dOutputShape<['batch', 4, 'L'], { inChannels: 4; outChannels: 8; kernelSize: 5; padding: 'same' }>, ['batch', 8, 'L']],
  [Conv1dOutputShape<['N', 2, 'L'], { inChannels: 2; outChannels: 3; kernelSize: 3; dilation: 2 }>, ['N', 3, 'L-4']],
  [Conv1dOutputShape<[4, 'L'], { inChannels: 4; outChannels: 8; kernelSize: [3] }>, [8, 'L-2']],
  [MaxPool1dOutputShape<['N', 8, 'L'], { kernelSize: 2 }>, ['N', 8, 'L//2']],
  [AvgPool1dOutputShape<[4, 'L'], { kernelSize: 3; stride: 2; padding: 1; ceilMode: true }>, [4, '(L+2)//2']],
  [AdaptiveAvgPool1dOutputShape<['N', 64, 'L'], 1>, ['N', 64, 1]],
  // unions distribute; unknown rank gives number[]
  [Conv1dOutputShape<[1, 3, 10] | [3, 12], { inChannels: 3; outChannels: 2; kernelSize: 3 }>, [1, 2, 8] | [2, 10]],
  [MaxPool1dOutputShape<number[], { kernelSize: 2 }>, number[]],
];
type Wrong<C> = C extends [infer Got, infer Want] ? (Equal<Got, Want> extends true ? never : C) : never;
assert<Equal<Wrong<Cases[number]>, never>>();

// ---- messages: the runtime's words (test/conv1d.test.ts)
assert<
  Equal<
    Conv1dOutputShape<[1, 4, 5], { inChannels: 3; outChannels: 2; kernelSize: 3 }>,
    ErrorMessage<'Conv1d: Given groups=1, weight of size [2, 3, 3], expected input[1, 4, 5] to have 3 channels, but got 4 channels instead'>
  >
>();
assert<
  Equal<
    Conv1dOutputShape<[1, 3, 5, 5], { inChannels: 3; outChannels: 2; kernelSize: 3 }>,
    ErrorMessage<'Conv1d: Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [1, 3, 5, 5]'>
  >
>();
assert<
  Equal<
    Conv1dOutputShape<[1, 3, 2], { inChannels: 3; outChannels: 2; kernelSize: 3 }>,
    ErrorMessage<"Conv1d: output length would be 0 = floor((2 + 0 + 0 − 1·(3 − 1) − 1) / 1) + 1, but must be at least 1: Kernel size can't be greater than actual input size">
  >
>();
assert<
  Equal<
    Conv1dOutputShape<[1, 3, 2], { inChannels: 3; outChannels: 2; kernelSize: 3; padding: 2; paddingMode: 'reflect' }>,
    ErrorMessage<"Conv1d: paddingMode 'reflect' needs padding < input length, got padding 2 and input length 2: Padding size should be less than the corresponding input dimension">
  >
>();
assert<
  Equal<
    Conv1dOutputShape<[1, 3, 8], { inChannels: 3; outChannels: 2; kernelSize: 3; groups: 2 }>,
    ErrorMessage<'Conv1d: inChannels must be divisible by groups, got inChannels=3 and groups=2 (in_channels must be divisible by groups)'>
  >
>();
assert<
  Equal<
    Conv1dOutputShape<[1, 3, 8], { inChannels: 3; outChannels: 2; kernelSize: 3; stride: 2; padding: 'same' }>,
    ErrorMessage<"Conv1d: padding='same' is not supported for strided convolutions, got stride=2">
  >
>();
assert<
  Equal<
    Conv1dOutputShape<[1, 3, 8], { inChannels: 3; outChannels: 2; kernelSize: 0 }>,
    ErrorMessage<'Conv1d: kernelSize must be a positive integer, got 0 (kernel size should be greater than zero)'>
  >
>();
assert<
  Equal<
    MaxPool1dOutputShape<[1, 3, 4], { kernelSize: 3; padding: 2 }>,
    ErrorMessage<'MaxPool1d: padding must be at most half of kernelSize, got padding 2 and kernelSize 3 for the length: pad should be at most half of kernel size'>
  >
>();
assert<
  Equal<
    MaxPool1dOutputShape<[1, 0, 4], { kernelSize: 2 }>,
    ErrorMessage<'MaxPool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: [1, 0, 4]'>
  >
>();
assert<
  Equal<
    AvgPool1dOutputShape<[1, 3, 1], { kernelSize: 2 }>,
    ErrorMessage<'AvgPool1d: output length would be 0 = floor((1 + 2·0 − 1·(2 − 1) − 1) / 2) + 1, but must be at least 1: Output size is too small'>
  >
>();
assert<
  Equal<
    AdaptiveAvgPool1dOutputShape<[1, 3, 0], 2>,
    ErrorMessage<'AdaptiveAvgPool1d: Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 3, 0] with dimension 2 being empty'>
  >
>();
assert<
  Equal<
    AdaptiveAvgPool1dOutputShape<[1, 3, 4], -1>,
    ErrorMessage<'AdaptiveAvgPool1d: outputSize must be a non-negative integer, got -1 (adaptive_avg_pool1d: elements of output_size must be greater than or equal to 0)'>
  >
>();

// ---- the layers: typed forward, weights, errors at the argument
const conv = new Conv1d({ inChannels: 4, outChannels: 8, kernelSize: 3, groups: 2, padding: 'same' });
expectType<Tensor<[8, 2, 3]>>(conv.weight);
expectType<Tensor<[8]>>(conv.bias);
expectType<Tensor<[2, 8, 16]>>(conv.forward(ones([2, 4, 16])));
expectType<Tensor<[8, 16]>>(conv.forward(ones([4, 16])));
// @ts-expect-error -- Conv1d: Given groups=2, weight of size [8, 2, 3], expected input[2, 3, 16] to have 4 channels, but got 3 channels instead
conv.forward(ones([2, 3, 16]));
// @ts-expect-error -- Conv1d: inChannels must be divisible by groups
new Conv1d({ inChannels: 3, outChannels: 6, kernelSize: 3, groups: 2 });
// @ts-expect-error -- MaxPool1d: padding must be at most half of kernelSize
new MaxPool1d({ kernelSize: 2, padding: 2 });
// @ts-expect-error -- AdaptiveAvgPool1d: outputSize must be a non-negative integer
new AdaptiveAvgPool1d({ outputSize: -2 });
expectType<Tensor<[2, 4, 8]>>(new MaxPool1d({ kernelSize: 2 }).forward(ones([2, 4, 16])));
expectType<Tensor<[4, 6]>>(new AvgPool1d({ kernelSize: 3, stride: 3, ceilMode: true }).forward(ones([4, 16])));
expectType<Tensor<[2, 4, 1]>>(new AdaptiveAvgPool1d({ outputSize: 1 }).forward(ones([2, 4, 16])));
// @ts-expect-error -- AvgPool1d: output length would be 0
new AvgPool1d({ kernelSize: 4 }).forward(ones([2, 4, 3]));

// ---- the functional twins
expectType<Tensor<[1, 8, 30]>>(conv1d(ones([1, 3, 32]), ones([8, 3, 3]), null));
expectType<Tensor<[1, 8, 32]>>(conv1d(ones([1, 3, 32]), ones([8, 3, 3]), null, { padding: 1 }));
// @ts-expect-error -- Conv1d: Given groups=1, weight of size [8, 3, 3], expected input[1, 4, 32] to have 3 channels
conv1d(ones([1, 4, 32]), ones([8, 3, 3]), null, {});
expectType<Tensor<[1, 3, 16]>>(maxPool1d(ones([1, 3, 32]), { kernelSize: 2 }));
expectType<Tensor<[1, 3, 11]>>(avgPool1d(ones([1, 3, 32]), { kernelSize: 3, ceilMode: true }));
expectType<['N', 2, 'L-2']>(conv1dOutputShape(['N', 2, 'L'], { inChannels: 2, outChannels: 2, kernelSize: 3 }));

// ---- in a model: shapes flow, a mistake is reported at the layer
const model = new Sequential(['batch', 2, 'L'])
  .add(new Conv1d({ inChannels: 2, outChannels: 16, kernelSize: 3, padding: 1 }))
  .add(new MaxPool1d({ kernelSize: 2 }))
  .add(new Conv1d({ inChannels: 16, outChannels: 32, kernelSize: 3, stride: 2, padding: 1 }))
  .add(new AvgPool1d({ kernelSize: 2, ceilMode: true }))
  .add(new AdaptiveAvgPool1d({ outputSize: 1 }));
expectType<Tensor<[3, 32, 1]>>(model.forward(ones([3, 2, 100])));
new Sequential(['batch', 2, 64])
  .add(new Conv1d({ inChannels: 2, outChannels: 16, kernelSize: 3 }))
  // @ts-expect-error -- layer 2 (Conv1d): Given groups=1 ... to have 8 channels, but got 16 channels instead
  .add(new Conv1d({ inChannels: 8, outChannels: 4, kernelSize: 3 }));
assert<Equal<LayerRecoveries<Conv1d<{ inChannels: 3; outChannels: 8; kernelSize: 3 }>, [1, 4, 10]>['Conv1d'], [1, 8, 8]>>();
