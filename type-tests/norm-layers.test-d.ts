import { expectType } from 'tsd';
import type { ErrorMessage } from '../src/arithmetic/error-message.js';
import { AdaptiveAvgPool2d, BatchNorm2d, Dropout } from '../src/nn/norm.js';
import { adaptiveAvgPool2d, batchNorm2d } from '../src/ops/norm.js';
import type { AdaptiveAvgPool2dOutputShape, BatchNorm2dOutputShape } from '../src/shape/norm.js';
import type { Tensor } from '../src/tensor/tensor.js';
import { assert, type Equal } from './helpers.js';

// ---- output shapes (test/fixtures/norm.json has the runtime twins)
type Cases = [
  [BatchNorm2dOutputShape<[1, 64, 56, 56], 64>, [1, 64, 56, 56]],
  [BatchNorm2dOutputShape<['batch', 64, 'h', 'w'], 64>, ['batch', 64, 'h', 'w']],
  [BatchNorm2dOutputShape<[3, 8, 8], 3>, [3, 8, 8]],
  [BatchNorm2dOutputShape<[0, 3, 2, 2], 3>, [0, 3, 2, 2]],
  [BatchNorm2dOutputShape<[1, 'c', 8, 8], 4>, [1, 'c', 8, 8]],
  [BatchNorm2dOutputShape<[1, number, 8, 8], 4>, [1, number, 8, 8]],
  [BatchNorm2dOutputShape<[1, 3, 8, 8], number>, [1, 3, 8, 8]],
  [BatchNorm2dOutputShape<number[], 4>, number[]],
  [BatchNorm2dOutputShape<[1, 4, 8, 8] | [4, 2, 2], 4>, [1, 4, 8, 8] | [4, 2, 2]],
  [AdaptiveAvgPool2dOutputShape<[1, 2, 8, 8], 4>, [1, 2, 4, 4]],
  [AdaptiveAvgPool2dOutputShape<[1, 1, 3, 4], 5>, [1, 1, 5, 5]],
  [AdaptiveAvgPool2dOutputShape<[2, 3, 5, 7], [2, 3]>, [2, 3, 2, 3]],
  [AdaptiveAvgPool2dOutputShape<[1, 2, 5, 7], [2, null]>, [1, 2, 2, 7]],
  [AdaptiveAvgPool2dOutputShape<[2, 3, 5], [null, 4]>, [2, 3, 4]],
  [AdaptiveAvgPool2dOutputShape<[1, 1, 4, 4], [null, null]>, [1, 1, 4, 4]],
  [AdaptiveAvgPool2dOutputShape<[1, 1, 2, 2], 0>, [1, 1, 0, 0]],
  [AdaptiveAvgPool2dOutputShape<['batch', 512, 'h', 'w'], 1>, ['batch', 512, 1, 1]],
  [AdaptiveAvgPool2dOutputShape<['batch', 512, 'h', 'w'], [1, null]>, ['batch', 512, 1, 'w']],
  [AdaptiveAvgPool2dOutputShape<[0, 3, 5, 5], 2>, [0, 3, 2, 2]],
  [AdaptiveAvgPool2dOutputShape<[1, 3, 5, 5], number>, [1, 3, number, number]],
  [AdaptiveAvgPool2dOutputShape<number[], 2>, number[]],
  [AdaptiveAvgPool2dOutputShape<[1, 3, 5, 5] | [3, 9, 9], 2>, [1, 3, 2, 2] | [3, 2, 2]],
];
type Wrong<C> = C extends [infer Got, infer Want] ? (Equal<Got, Want> extends true ? never : C) : never;
assert<Equal<Wrong<Cases[number]>, never>>();

// ---- errors: the exact text the runtime throws (test/norm-layers.test.ts)
type Errors = [
  [
    BatchNorm2dOutputShape<[1, 3, 8, 8], 4>,
    'BatchNorm2d: expected input[1, 3, 8, 8] to have 4 channels (numFeatures), got 3 (running_mean should contain 3 elements not 4)',
  ],
  [
    BatchNorm2dOutputShape<[3, 8, 8], 4, 'weight'>,
    'BatchNorm2d: expected input[3, 8, 8] to have 4 channels (numFeatures), got 3 (weight should contain 3 elements not 4)',
  ],
  [BatchNorm2dOutputShape<[8, 8], 4>, 'BatchNorm2d: expected 3D or 4D input, got input of size: [8, 8] (expected 4D input (got 2D input))'],
  [
    BatchNorm2dOutputShape<[1, 4, 8, 8, 2], 4>,
    'BatchNorm2d: expected 3D or 4D input, got input of size: [1, 4, 8, 8, 2] (expected 4D input (got 5D input))',
  ],
  [AdaptiveAvgPool2dOutputShape<[3, 7], 2>, 'AdaptiveAvgPool2d: Expected 3D or 4D tensor, but got [3, 7]'],
  [
    AdaptiveAvgPool2dOutputShape<[1, 3, 0, 7], 2>,
    'AdaptiveAvgPool2d: Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 3, 0, 7] with dimension 2 being empty',
  ],
  [
    AdaptiveAvgPool2dOutputShape<[3, 5, 0], 2>,
    'AdaptiveAvgPool2d: Expected input to have non-zero size for non-batch dimensions, but input has sizes [3, 5, 0] with dimension 2 being empty',
  ],
  [AdaptiveAvgPool2dOutputShape<[1, 3, 5, 7], -1>, 'AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got -1 (adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0)'],
  [AdaptiveAvgPool2dOutputShape<[1, 3, 5, 7], [2, -3]>, 'AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got -3 (adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0)'],
  [AdaptiveAvgPool2dOutputShape<[1, 3, 5, 7], [1.5, 2]>, 'AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got 1.5 (adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0)'],
];
type WrongError<C> = C extends [infer Got, infer Text extends string] ? (Equal<Got, ErrorMessage<Text>> extends true ? never : C) : never;
assert<Equal<WrongError<Errors[number]>, never>>();

// ---- layers
declare const x: Tensor<['batch', 64, 56, 56]>;
declare const unbatched: Tensor<[64, 7, 7]>;
declare const wrong: Tensor<[1, 3, 8, 8]>;
declare const flat: Tensor<[8, 8]>;

const bn = new BatchNorm2d({ numFeatures: 64 });
expectType<'BatchNorm2d'>(bn.kind);
expectType<Tensor<[64]>>(bn.weight);
expectType<Tensor<[64]>>(bn.runningMean);
expectType<Tensor<['batch', 64, 56, 56]>>(bn.forward(x));
expectType<Tensor<[64, 7, 7]>>(bn.forward(unbatched));
// @ts-expect-error running_mean should contain 3 elements not 4
bn.forward(wrong);
// @ts-expect-error expected 4D input (got 2D input)
bn.forward(flat);

const plain = new BatchNorm2d({ numFeatures: 4, affine: false });
expectType<null>(plain.weight);
expectType<null>(plain.bias);
expectType<Tensor<[4]>>(plain.runningVar);
const batchStats = new BatchNorm2d({ numFeatures: 4, trackRunningStats: false });
expectType<null>(batchStats.runningMean);
// @ts-expect-error weight should contain 3 elements not 4
batchStats.forward(wrong);
// neither weights nor running statistics: PyTorch checks no channel count
const free = new BatchNorm2d({ numFeatures: 4, affine: false, trackRunningStats: false });
expectType<Tensor<[1, 3, 8, 8]>>(free.forward(wrong));

declare const mean: Tensor<[3]>;
expectType<Tensor<[1, 3, 8, 8]>>(batchNorm2d(wrong, mean, mean, null, null, 1e-5));
declare const mean4: Tensor<[4]>;
// @ts-expect-error running_mean should contain 3 elements not 4
batchNorm2d(wrong, mean4, mean4, null, null);

const drop = new Dropout(0.1);
expectType<'Dropout'>(drop.kind);
expectType<Tensor<['batch', 64, 56, 56]>>(drop.forward(x));

const gap = new AdaptiveAvgPool2d({ outputSize: 1 });
expectType<'AdaptiveAvgPool2d'>(gap.kind);
expectType<Tensor<['batch', 64, 1, 1]>>(gap.forward(x));
expectType<Tensor<[64, 1, 1]>>(gap.forward(unbatched));
// @ts-expect-error Expected 3D or 4D tensor
gap.forward(flat);
const rows = new AdaptiveAvgPool2d({ outputSize: [7, null] });
expectType<Tensor<['batch', 64, 7, 56]>>(rows.forward(x));
// @ts-expect-error outputSize must be a non-negative integer or null
new AdaptiveAvgPool2d({ outputSize: [7, -1] });
expectType<Tensor<[1, 3, 2, 2]>>(adaptiveAvgPool2d(wrong, 2));
expectType<Tensor<[1, 3, 2, 8]>>(adaptiveAvgPool2d(wrong, [2, null]));
// @ts-expect-error Expected 3D or 4D tensor
adaptiveAvgPool2d(flat, 2);
declare const emptyRows: Tensor<[1, 3, 0, 7]>;
// @ts-expect-error with dimension 2 being empty
gap.forward(emptyRows);
