import { expectType } from 'tsd';
import type { ErrorMessage } from '../src/arithmetic/error-message.js';
import { AvgPool2d, MaxPool2d } from '../src/nn/pool2d.js';
import { avgPool2d, maxPool2d } from '../src/ops/pool2d.js';
import {
  avgPool2dOutputShape,
  maxPool2dOutputShape,
  type AvgPool2dOutputShape,
  type MaxPool2dOutputShape,
} from '../src/shape/pool2d.js';
import type { Tensor } from '../src/tensor/tensor.js';
import { assert, type Equal } from './helpers.js';

// ---- output shapes, checked against torch (test/fixtures/pool2d.json has the runtime twins)
type Cases = [
  [MaxPool2dOutputShape<[1, 64, 112, 112], { kernelSize: 3; stride: 2; padding: 1 }>, [1, 64, 56, 56]],
  [MaxPool2dOutputShape<[1, 2, 8, 8], { kernelSize: 3; stride: 2; padding: 1 }>, [1, 2, 4, 4]],
  [MaxPool2dOutputShape<[1, 1, 6, 6], { kernelSize: 2; stride: 2; padding: 1; ceilMode: true }>, [1, 1, 4, 4]],
  [MaxPool2dOutputShape<[1, 1, 5, 5], { kernelSize: 2; ceilMode: true }>, [1, 1, 3, 3]],
  [MaxPool2dOutputShape<[1, 1, 5, 5], { kernelSize: 2 }>, [1, 1, 2, 2]],
  [MaxPool2dOutputShape<[2, 1, 7, 5], { kernelSize: [3, 2]; stride: [2, 1]; dilation: [2, 1]; ceilMode: true }>, [2, 1, 2, 4]],
  [MaxPool2dOutputShape<[0, 2, 4, 4], { kernelSize: 2 }>, [0, 2, 2, 2]],
  [MaxPool2dOutputShape<[1, 1, 1, 1], { kernelSize: 2; padding: 1; dilation: 2; stride: 1 }>, [1, 1, 1, 1]],
  [MaxPool2dOutputShape<[3, 224, 224], { kernelSize: 2 }>, [3, 112, 112]],
  [AvgPool2dOutputShape<[1, 1, 5, 5], { kernelSize: 3; stride: 2; padding: 1; ceilMode: true }>, [1, 1, 3, 3]],
  [AvgPool2dOutputShape<[1, 1, 4, 4], { kernelSize: 2; padding: 1; ceilMode: true; stride: 3 }>, [1, 1, 2, 2]],
  [AvgPool2dOutputShape<[2, 3, 3], { kernelSize: 2; divisorOverride: 3 }>, [2, 1, 1]],
  [AvgPool2dOutputShape<[1, 1, 6, 6], { kernelSize: [4, 2]; padding: [2, 1]; stride: [3, 3]; ceilMode: true }>, [1, 1, 3, 3]],
  [AvgPool2dOutputShape<[1, 512, 7, 7], { kernelSize: 7 }>, [1, 512, 1, 1]],
  [AvgPool2dOutputShape<[1, 1, 7, 7], { kernelSize: 2; ceilMode: true; countIncludePad: false }>, [1, 1, 4, 4]],
  // unions distribute
  [MaxPool2dOutputShape<[1, 3, 224, 224] | [3, 32, 32], { kernelSize: 2 }>, [1, 3, 112, 112] | [3, 16, 16]],
  [MaxPool2dOutputShape<[1, 3, 224 | 32, 224], { kernelSize: 2 }>, [1, 3, 112 | 16, 112]],
  // symbolic dims: batch and channels pass through; a spatial name survives when the size does
  [MaxPool2dOutputShape<['batch', 64, 112, 112], { kernelSize: 3; stride: 2; padding: 1 }>, ['batch', 64, 56, 56]],
  [MaxPool2dOutputShape<['batch', 'c', 'h', 'w'], { kernelSize: 3; stride: 1; padding: 1 }>, ['batch', 'c', 'h', 'w']],
  [MaxPool2dOutputShape<['batch', 'c', 'h', 'w'], { kernelSize: 5; stride: 1; padding: 2; ceilMode: true }>, ['batch', 'c', 'h', 'w']],
  [MaxPool2dOutputShape<['batch', 'c', 'h', 'w'], { kernelSize: 2 }>, ['batch', 'c', 'h//2', 'w//2']],
  [MaxPool2dOutputShape<['batch', 'c', '(h+1)//2', 'w'], { kernelSize: 3; stride: 2; padding: 1 }>, ['batch', 'c', '(h+3)//4', '(w+1)//2']],
  // ceil mode, exact: ⌊(h + min(offset, p) + s − 1)/s⌋ (k 2, s 2: ⌈h/2⌉; k 3, s 2, p 1: (h+2)//2; k 1, s 2: ⌈h/2⌉)
  [MaxPool2dOutputShape<['batch', 'c', 'h', 'w'], { kernelSize: 2; ceilMode: true }>, ['batch', 'c', '(h+1)//2', '(w+1)//2']],
  [MaxPool2dOutputShape<['batch', 'c', 'h', 4], { kernelSize: 3; stride: 2; padding: 1; ceilMode: true }>, ['batch', 'c', '(h+2)//2', 3]],
  [AvgPool2dOutputShape<['batch', 'c', 'h', 4], { kernelSize: 1; stride: 2; ceilMode: true }>, ['batch', 'c', '(h+1)//2', 2]],
  [AvgPool2dOutputShape<[number, 8, number, 16], { kernelSize: 2 }>, [number, 8, number, 8]],
  [AvgPool2dOutputShape<[1, 8, 16, 16], { kernelSize: number }>, [1, 8, number, number]],
  [MaxPool2dOutputShape<[1, 8, 16, 16], { kernelSize: 2; ceilMode: boolean }>, [1, 8, number, number]],
  [MaxPool2dOutputShape<number[], { kernelSize: 2 }>, number[]],
];
type Wrong<C> = C extends [infer Got, infer Want] ? (Equal<Got, Want> extends true ? never : C) : never;
assert<Equal<Wrong<Cases[number]>, never>>();
expectType<[1, 64, 56, 56]>({} as MaxPool2dOutputShape<[1, 64, 112, 112], { kernelSize: 3; stride: 2; padding: 1 }>);
expectType<['batch', 64, 56, 56]>({} as MaxPool2dOutputShape<['batch', 64, 112, 112], { kernelSize: 3; stride: 2; padding: 1 }>);

// ---- errors: the exact text the runtime throws (test/pool2d.test.ts, same table)
type Errors = [
  [
    MaxPool2dOutputShape<[1, 1, 8, 8], { kernelSize: 3; padding: 2 }>,
    'MaxPool2d: padding must be at most half of kernelSize, got padding 2 and kernelSize 3 for the height: pad should be at most half of kernel size',
  ],
  [
    AvgPool2dOutputShape<[1, 1, 8, 8], { kernelSize: [4, 3]; padding: [2, 2] }>,
    'AvgPool2d: padding must be at most half of kernelSize, got padding 2 and kernelSize 3 for the width: pad should be at most half of kernel size',
  ],
  [
    MaxPool2dOutputShape<[1, 1, 4, 4], { kernelSize: 5 }>,
    'MaxPool2d: output height would be 0 = floor((4 + 2·0 − 1·(5 − 1) − 1) / 5) + 1, but must be at least 1: Output size is too small',
  ],
  [
    MaxPool2dOutputShape<[1, 1, 5, 2], { kernelSize: 2; stride: 1; dilation: [1, 3] }>,
    'MaxPool2d: output width would be -1 = floor((2 + 2·0 − 3·(2 − 1) − 1) / 1) + 1, but must be at least 1: Output size is too small',
  ],
  [
    AvgPool2dOutputShape<[1, 1, 2, 9], { kernelSize: 3; stride: 1; ceilMode: true }>,
    'AvgPool2d: output height would be 0 = ceil((2 + 2·0 − 1·(3 − 1) − 1) / 1) + 1, but must be at least 1: Output size is too small',
  ],
  [
    MaxPool2dOutputShape<[1, 0, 4, 4], { kernelSize: 2 }>,
    'MaxPool2d: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: [1, 0, 4, 4]',
  ],
  [
    AvgPool2dOutputShape<[4, 4], { kernelSize: 2 }>,
    'AvgPool2d: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: [4, 4]',
  ],
  [MaxPool2dOutputShape<[1, 1, 4, 4], { kernelSize: 0 }>, 'MaxPool2d: kernelSize must be a positive integer, got 0 (kernel size should be greater than zero)'],
  [MaxPool2dOutputShape<[1, 1, 4, 4], { kernelSize: 2; stride: [1, 0] }>, 'MaxPool2d: stride must be a positive integer, got 0 (stride should be greater than zero)'],
  [MaxPool2dOutputShape<[1, 1, 4, 4], { kernelSize: 2; dilation: 0 }>, 'MaxPool2d: dilation must be a positive integer, got 0 (dilation should be greater than zero)'],
  [AvgPool2dOutputShape<[1, 1, 4, 4], { kernelSize: 2; padding: -1 }>, 'AvgPool2d: padding must be a non-negative integer, got -1 (pad must be non-negative)'],
  [AvgPool2dOutputShape<[1, 1, 4, 4], { kernelSize: 2.5 }>, 'AvgPool2d: kernelSize must be a positive integer, got 2.5 (kernel size should be greater than zero)'],
  [
    AvgPool2dOutputShape<[1, 1, 4, 4], { kernelSize: 2; divisorOverride: 0 }>,
    'AvgPool2d: divisorOverride must be a non-zero integer, got 0: divisor must be not zero',
  ],
  [
    AvgPool2dOutputShape<[1, 1, 4, 4], { kernelSize: 2; divisorOverride: 1.5 }>,
    'AvgPool2d: divisorOverride must be a non-zero integer, got 1.5: divisor must be not zero',
  ],
  [MaxPool2dOutputShape<[1, 1, 4.5, 4], { kernelSize: 2 }>, 'MaxPool2d: input height must be a non-negative integer, got 4.5'],
  [AvgPool2dOutputShape<[-1, 1, 4, 4], { kernelSize: 2 }>, 'AvgPool2d: input batch must be a non-negative integer, got -1'],
];
type WrongError<C> = C extends [infer Got, infer Want] ? (Got extends ErrorMessage<infer M> ? (Equal<M, Want> extends true ? never : C) : C) : never;
assert<Equal<WrongError<Errors[number]>, never>>();
expectType<ErrorMessage<'MaxPool2d: kernelSize must be a positive integer, got 0 (kernel size should be greater than zero)'>>({} as MaxPool2dOutputShape<[1, 1, 4, 4], { kernelSize: 0 }>);

// ---- runtime twins, ops and layers are typed by const inference
expectType<[1, 64, 56, 56]>(maxPool2dOutputShape([1, 64, 112, 112], { kernelSize: 3, stride: 2, padding: 1 }));
expectType<[3, 4, 4]>(avgPool2dOutputShape([3, 7, 7], { kernelSize: 2, ceilMode: true }));
declare const x: Tensor<['batch', 64, 112, 112]>;
expectType<Tensor<['batch', 64, 56, 56]>>(maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }));
expectType<Tensor<['batch', 64, 56, 56]>>(avgPool2d(x, { kernelSize: 2 }));
const maxPool = new MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 });
expectType<Tensor<['batch', 64, 56, 56]>>(maxPool.forward(x));
const avgPool = new AvgPool2d({ kernelSize: 2, ceilMode: true, countIncludePad: false });
declare const small: Tensor<[1, 3, 7, 7]>;
expectType<Tensor<[1, 3, 4, 4]>>(avgPool.forward(small));

// ---- mistakes are reported at the argument that is wrong
declare const tiny: Tensor<[1, 3, 2, 2]>;
const maxPool3 = new MaxPool2d({ kernelSize: 3 });
// @ts-expect-error output height would be 0: Output size is too small
maxPool3.forward(tiny);
expectType<Tensor<[1, 3, 1, 1]>>(maxPool.forward(tiny));
declare const flat: Tensor<[3, 8]>;
// @ts-expect-error Expected 3D or 4D (batch mode) tensor
avgPool.forward(flat);
// @ts-expect-error pad should be at most half of kernel size
maxPool2d(x, { kernelSize: 2, padding: 2 });
// @ts-expect-error divisor must be not zero
avgPool2d(x, { kernelSize: 2, divisorOverride: 0 });
// @ts-expect-error pad should be at most half of kernel size
new MaxPool2d({ kernelSize: 3, padding: 2 });
// @ts-expect-error kernelSize must be a positive integer
new AvgPool2d({ kernelSize: 0 });
// @ts-expect-error output height would be 0
maxPool2dOutputShape([1, 1, 4, 4], { kernelSize: 5 });
