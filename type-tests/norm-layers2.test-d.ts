// LayerNorm, GroupNorm, InstanceNorm2d, BatchNorm1d (issue 12): shape rules, messages (the runtime
// twins are in test/norm-layers2.test.ts), layers and functional ops, and Sequential's registry.
import { expectType } from 'tsd';
import type { ErrorMessage } from '../src/arithmetic/error-message.js';
import { BatchNorm1d } from '../src/nn/norm.js';
import { GroupNorm, InstanceNorm2d, LayerNorm } from '../src/nn/norm-layers.js';
import { Sequential } from '../src/nn/sequential.js';
import { batchNorm1d } from '../src/ops/norm.js';
import { groupNorm, instanceNorm, layerNorm } from '../src/ops/norm-layers.js';
import type { BatchNorm1dOutputShape, GroupNormOutputShape, InstanceNorm2dOutputShape, LayerNormOutputShape } from '../src/shape/norm-layers.js';
import type { Tensor } from '../src/tensor/tensor.js';
import { assert, type Equal } from './helpers.js';

// ---- output shapes: names pass through unchanged
type Cases = [
  [LayerNormOutputShape<[2, 5], 5>, [2, 5]],
  [LayerNormOutputShape<['batch', 'T', 64], 64>, ['batch', 'T', 64]],
  [LayerNormOutputShape<['batch', 3, 4], [3, 4]>, ['batch', 3, 4]],
  [LayerNormOutputShape<[5], [5]>, [5]],
  [LayerNormOutputShape<[2, number], 5>, [2, number]],
  [LayerNormOutputShape<number[], 5>, number[]],
  [LayerNormOutputShape<[2, 5] | [3, 4, 5], 5>, [2, 5] | [3, 4, 5]],
  [GroupNormOutputShape<[2, 6, 4, 4], 3, 6>, [2, 6, 4, 4]],
  [GroupNormOutputShape<['batch', 6, 'H', 'W'], 2, 6>, ['batch', 6, 'H', 'W']],
  [GroupNormOutputShape<['batch', 6], 2, number>, ['batch', 6]],
  [GroupNormOutputShape<[1, 'C', 3], 2, number>, [1, 'C', 3]],
  [GroupNormOutputShape<[1, 0, 3], 2, number>, [1, 0, 3]],
  [InstanceNorm2dOutputShape<[2, 3, 4, 4], 3>, [2, 3, 4, 4]],
  [InstanceNorm2dOutputShape<[3, 'H', 'W'], 3>, [3, 'H', 'W']],
  [InstanceNorm2dOutputShape<[2, 5, 4, 4], number>, [2, 5, 4, 4]],
  [BatchNorm1dOutputShape<['batch', 128], 128>, ['batch', 128]],
  [BatchNorm1dOutputShape<['batch', 16, 'L'], 16>, ['batch', 16, 'L']],
  [BatchNorm1dOutputShape<[2, 5], number>, [2, 5]],
];
type Wrong<C> = C extends [infer Got, infer Want] ? (Equal<Got, Want> extends true ? never : C) : never;
assert<Equal<Wrong<Cases[number]>, never>>();

// ---- errors: the exact text the runtime throws
type Errors = [
  [LayerNormOutputShape<[2, 3], 4>, 'LayerNorm: Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 3]'],
  [LayerNormOutputShape<[4], [3, 4]>, 'LayerNorm: Given normalized_shape=[3, 4], expected input with shape [*, 3, 4], but got input of size[4]'],
  [LayerNormOutputShape<['batch', 'T'], 64>, 'LayerNorm: Given normalized_shape=[64], expected input with shape [*, 64], but got input of size[batch, T]'],
  [
    GroupNormOutputShape<[1, 5, 3], 2, 4>,
    'GroupNorm: expected input[1, 5, 3] to have channels divisible by numGroups (2), got 5 (Expected number of channels in input to be divisible by num_groups, but got input of shape [1, 5, 3] and num_groups=2)',
  ],
  [
    GroupNormOutputShape<[1, 6, 3], 2, 4>,
    'GroupNorm: expected input[1, 6, 3] to have 4 channels (numChannels), got 6 (Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [4] and input of shape [1, 6, 3])',
  ],
  [GroupNormOutputShape<[4], 2, 4>, 'GroupNorm: expected input of at least 2 dims [N, C, *], got input of size: [4] (Expected at least 2 dimensions for input tensor but received 1)'],
  [InstanceNorm2dOutputShape<[2, 3], 3>, 'InstanceNorm2d: expected 3D or 4D input, got input of size: [2, 3] (expected 3D or 4D input (got 2D input))'],
  [
    InstanceNorm2dOutputShape<[2, 4, 5, 5], 3>,
    "InstanceNorm2d: expected input[2, 4, 5, 5] to have 3 channels (numFeatures), got 4 (expected input's size at dim=1 to match num_features (3), but got: 4.)",
  ],
  [InstanceNorm2dOutputShape<[4, 5, 5], 3>, "InstanceNorm2d: expected input[4, 5, 5] to have 3 channels (numFeatures), got 4 (expected input's size at dim=0 to match num_features (3), but got: 4.)"],
  [BatchNorm1dOutputShape<[3], 3>, 'BatchNorm1d: expected 2D or 3D input, got input of size: [3] (expected 2D or 3D input (got 1D input))'],
  [BatchNorm1dOutputShape<[2, 4, 5], 3>, 'BatchNorm1d: expected input[2, 4, 5] to have 3 channels (numFeatures), got 4 (running_mean should contain 4 elements not 3)'],
  [BatchNorm1dOutputShape<[2, 4], 3, 'weight'>, 'BatchNorm1d: expected input[2, 4] to have 3 channels (numFeatures), got 4 (weight should contain 4 elements not 3)'],
];
type WrongError<C> = C extends [infer Got, infer Text extends string] ? (Equal<Got, ErrorMessage<Text>> extends true ? never : C) : never;
assert<Equal<WrongError<Errors[number]>, never>>();

// ---- layers
declare const seq: Tensor<['batch', 'T', 64]>;
declare const image: Tensor<['batch', 6, 'H', 'W']>;
declare const fixed: Tensor<[2, 6, 4, 4]>;
declare const features: Tensor<['batch', 16]>;
declare const signal: Tensor<['batch', 16, 'L']>;

const ln = new LayerNorm({ normalizedShape: 64 });
expectType<'LayerNorm'>(ln.kind);
expectType<Tensor<[64]>>(ln.weight);
expectType<Tensor<[64]>>(ln.bias);
expectType<Tensor<['batch', 'T', 64]>>(ln.forward(seq));
// @ts-expect-error Given normalized_shape=[64], expected input with shape [*, 64]
ln.forward(image);
const ln2 = new LayerNorm({ normalizedShape: [4, 4], bias: false });
expectType<Tensor<[4, 4]>>(ln2.weight);
expectType<null>(ln2.bias);
expectType<Tensor<[2, 6, 4, 4]>>(ln2.forward(fixed));
expectType<null>(new LayerNorm({ normalizedShape: 3, elementwiseAffine: false }).weight);
// @ts-expect-error normalizedShape must be a non-negative integer
new LayerNorm({ normalizedShape: [4, -1] });
// @ts-expect-error normalizedShape must have at least one dim
new LayerNorm({ normalizedShape: [] });
// @ts-expect-error eps must be a non-negative number
new LayerNorm({ normalizedShape: 4, eps: -1 });

const gn = new GroupNorm({ numGroups: 3, numChannels: 6 });
expectType<'GroupNorm'>(gn.kind);
expectType<Tensor<[6]>>(gn.weight);
expectType<Tensor<['batch', 6, 'H', 'W']>>(gn.forward(image));
// @ts-expect-error to have 16 channels (numChannels)
new GroupNorm({ numGroups: 4, numChannels: 16 }).forward(image);
// @ts-expect-error to have channels divisible by numGroups (4)
new GroupNorm({ numGroups: 4, numChannels: 16, affine: false }).forward(image);
expectType<Tensor<['batch', 6, 'H', 'W']>>(new GroupNorm({ numGroups: 2, numChannels: 16, affine: false }).forward(image));
// @ts-expect-error numChannels must be divisible by numGroups
new GroupNorm({ numGroups: 4, numChannels: 6 });
// @ts-expect-error numGroups must be a positive integer
new GroupNorm({ numGroups: 0, numChannels: 6 });

const inorm = new InstanceNorm2d({ numFeatures: 6 });
expectType<'InstanceNorm2d'>(inorm.kind);
expectType<null>(inorm.weight);
expectType<null>(inorm.runningMean);
// without weights or running statistics, any channel count
expectType<Tensor<['batch', 6, 'H', 'W']>>(new InstanceNorm2d({ numFeatures: 3 }).forward(image));
const tracked = new InstanceNorm2d({ numFeatures: 6, affine: true, trackRunningStats: true });
expectType<Tensor<[6]>>(tracked.weight);
expectType<Tensor<[6]>>(tracked.runningVar);
expectType<Tensor<[]>>(tracked.numBatchesTracked);
expectType<Tensor<[6, 4, 4]>>(tracked.forward({} as Tensor<[6, 4, 4]>));
// @ts-expect-error to have 3 channels (numFeatures)
new InstanceNorm2d({ numFeatures: 3, affine: true }).forward(image);
// @ts-expect-error expected 3D or 4D input
inorm.forward(features);

const bn = new BatchNorm1d({ numFeatures: 16 });
expectType<'BatchNorm1d'>(bn.kind);
expectType<Tensor<[16]>>(bn.runningMean);
expectType<Tensor<['batch', 16]>>(bn.forward(features));
expectType<Tensor<['batch', 16, 'L']>>(bn.forward(signal));
// @ts-expect-error expected 2D or 3D input
bn.forward(image);
// @ts-expect-error running_mean should contain 6 elements not 16
bn.forward({} as Tensor<[2, 6]>);
// @ts-expect-error numFeatures must be a positive integer
new BatchNorm1d({ numFeatures: 0 });

// ---- functional ops
expectType<Tensor<['batch', 'T', 64]>>(layerNorm(seq, 64));
// @ts-expect-error Given normalized_shape=[32]
layerNorm(seq, 32);
expectType<Tensor<['batch', 6, 'H', 'W']>>(groupNorm(image, 3));
// @ts-expect-error to have channels divisible by numGroups (4)
groupNorm(fixed, 4);
expectType<Tensor<[2, 6, 4, 4]>>(instanceNorm(fixed));
expectType<Tensor<['batch', 16]>>(batchNorm1d(features, null, null, null, null));

// ---- in a model: the registry's entries
const model = new Sequential(['batch', 16])
  .add(new BatchNorm1d({ numFeatures: 16 }))
  .add(new LayerNorm({ normalizedShape: 16 }));
expectType<Tensor<[8, 16]>>(model.forward({} as Tensor<[8, 16]>));
const conv = new Sequential(['batch', 6, 'H', 'W']).add(new GroupNorm({ numGroups: 2, numChannels: 6 })).add(new InstanceNorm2d({ numFeatures: 6, affine: true }));
expectType<Tensor<[2, 6, 5, 5]>>(conv.forward({} as Tensor<[2, 6, 5, 5]>));
// @ts-expect-error layer 1 (LayerNorm): Given normalized_shape=[8]
new Sequential(['batch', 16]).add(new BatchNorm1d({ numFeatures: 16 })).add(new LayerNorm({ normalizedShape: 8 }));
