import { expectType } from 'tsd';
import { conv2dOutputShape, type Conv2dOutputShape, type ErrorMessage } from 'shapecheck';
import type { conv2dErrorCases, conv2dShapeCases } from '../test/cases/conv2d.cases.js';
import { assert, type Equal } from './helpers.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// ---- 160 random nn.Conv2d configurations whose output shape torch computed
type ShapeRow = (typeof conv2dShapeCases)[number];
type WrongShape<R extends ShapeRow> = R extends unknown
  ? Equal<Conv2dOutputShape<R['input'], R['options']>, Mutable<R['output']>> extends true
    ? never
    : R
  : never;
expectType<never>({} as WrongShape<ShapeRow>);
assert<Equal<WrongShape<ShapeRow>, never>>();

// ---- every error, with the exact text the runtime throws (test/conv2d.test.ts, same table)
type ErrorRow = (typeof conv2dErrorCases)[number];
type WrongError<R extends ErrorRow> = R extends unknown
  ? Conv2dOutputShape<R['input'], R['options']> extends ErrorMessage<infer Message>
    ? Equal<Message, R['message']> extends true
      ? never
      : R
    : R
  : never;
expectType<never>({} as WrongError<ErrorRow>);
assert<Equal<WrongError<ErrorRow>, never>>();

// ---- the seed document's examples, through the runtime twin (typed by const inference)
expectType<[1, 1, 2, 2]>(conv2dOutputShape([1, 1, 4, 4], { inChannels: 1, outChannels: 1, kernelSize: 3 }));
expectType<[1, 1, 6, 6]>(conv2dOutputShape([1, 1, 5, 5], { inChannels: 1, outChannels: 1, kernelSize: 4, padding: 2 }));
expectType<[1, 1, 6, 6]>(conv2dOutputShape([1, 1, 4, 4], { inChannels: 1, outChannels: 1, kernelSize: 1, padding: 1, paddingMode: 'zeros' }));
expectType<[1, 1, 6, 6]>(conv2dOutputShape([1, 1, 4, 4], { inChannels: 1, outChannels: 1, kernelSize: 1, padding: 1, paddingMode: 'reflect' }));
expectType<[1, 1, 8, 8]>(conv2dOutputShape([1, 1, 4, 4], { inChannels: 1, outChannels: 1, kernelSize: 1, padding: 2, paddingMode: 'replicate' }));
expectType<[1, 1, 8, 8]>(conv2dOutputShape([1, 1, 4, 4], { inChannels: 1, outChannels: 1, kernelSize: 1, padding: 2, paddingMode: 'circular' }));
expectType<[1, 1, 3, 3]>(conv2dOutputShape([1, 1, 5, 5], { inChannels: 1, outChannels: 1, kernelSize: 3, bias: false }));
expectType<[1, 1, 1, 1]>(conv2dOutputShape([1, 1, 5, 5], { inChannels: 1, outChannels: 1, kernelSize: 3, dilation: 2, bias: false }));

// ---- pairs, 'valid', 'same' (odd extra at the bottom/right), unbatched, groups
type Options<Extra> = { inChannels: 4; outChannels: 8 } & Extra;
expectType<[1, 8, 222, 220]>({} as Conv2dOutputShape<[1, 4, 224, 224], Options<{ kernelSize: [3, 5] }>>);
expectType<[1, 8, 224, 224]>({} as Conv2dOutputShape<[1, 4, 224, 224], Options<{ kernelSize: [3, 5]; padding: [1, 2] }>>);
expectType<[1, 8, 222, 222]>({} as Conv2dOutputShape<[1, 4, 224, 224], Options<{ kernelSize: 3; padding: 'valid' }>>);
expectType<[1, 8, 224, 224]>({} as Conv2dOutputShape<[1, 4, 224, 224], Options<{ kernelSize: 4; padding: 'same' }>>);
expectType<[1, 8, 224, 224]>({} as Conv2dOutputShape<[1, 4, 224, 224], Options<{ kernelSize: [2, 6]; padding: 'same'; dilation: [3, 2] }>>);
expectType<[8, 112, 112]>({} as Conv2dOutputShape<[4, 224, 224], Options<{ kernelSize: 3; stride: 2; padding: 1 }>>);
expectType<[1, 8, 56, 28]>({} as Conv2dOutputShape<[1, 4, 224, 224], Options<{ kernelSize: 4; stride: [4, 8] }>>);
expectType<[1, 8, 224, 224]>({} as Conv2dOutputShape<[1, 4, 224, 224], Options<{ kernelSize: 3; padding: 1; groups: 4 }>>);
expectType<[1, 768, 14, 14]>({} as Conv2dOutputShape<[1, 3, 224, 224], { inChannels: 3; outChannels: 768; kernelSize: 16; stride: 16 }>);
expectType<[0, 8, 224, 224]>({} as Conv2dOutputShape<[0, 4, 224, 224], Options<{ kernelSize: 1 }>>);
expectType<[1, 8, 9007199254740991, 4503599627370496]>(
  {} as Conv2dOutputShape<[1, 4, 9007199254740991, 9007199254740991], Options<{ kernelSize: 3; padding: 1; stride: [1, 2] }>>,
);

// ---- symbolic dims: the batch passes through; a spatial name becomes the exact expression
expectType<['batch', 8, 'h', 'w']>({} as Conv2dOutputShape<['batch', 4, 'h', 'w'], Options<{ kernelSize: 3; padding: 'same' }>>);
expectType<['batch', 8, 'h', 'w']>({} as Conv2dOutputShape<['batch', 4, 'h', 'w'], Options<{ kernelSize: 5; padding: 4; dilation: 2 }>>);
expectType<['batch', 8, 'h-2', 'w']>({} as Conv2dOutputShape<['batch', 4, 'h', 'w'], Options<{ kernelSize: [3, 1] }>>);
expectType<[number, 8, '(h+1)//2', '(w+1)//2']>({} as Conv2dOutputShape<[number, 4, 'h', 'w'], Options<{ kernelSize: 3; stride: 2; padding: 1 }>>);
expectType<[number, 8, 112, 112]>({} as Conv2dOutputShape<[number, 4, 224, 224], Options<{ kernelSize: 3; stride: 2; padding: 1 }>>);
expectType<['batch', 8, 112, 112]>({} as Conv2dOutputShape<['batch', 'channels', 224, 224], Options<{ kernelSize: 3; stride: 2; padding: 1 }>>);
expectType<[1, 8, 112, number]>({} as Conv2dOutputShape<[1, number, 224, number], Options<{ kernelSize: 3; stride: 2; padding: 1 }>>);

// ---- edge inputs: unions distribute, never stays never, unknown rank and wide options degrade
expectType<[1, 8, 112, 112] | [1, 8, 128, 128]>(
  {} as Conv2dOutputShape<[1, 4, 224, 224] | [1, 4, 256, 256], Options<{ kernelSize: 3; stride: 2; padding: 1 }>>,
);
expectType<[1, 8, 112 | 128, 112]>({} as Conv2dOutputShape<[1, 4, 224 | 256, 224], Options<{ kernelSize: 3; stride: 2; padding: 1 }>>);
expectType<never>({} as Conv2dOutputShape<never, Options<{ kernelSize: 3 }>>);
expectType<number[]>({} as Conv2dOutputShape<number[], Options<{ kernelSize: 3 }>>);
expectType<[1, 8, number, number]>({} as Conv2dOutputShape<[1, 4, 224, 224], Options<{ kernelSize: number }>>);
expectType<[1, number, number, number]>(
  {} as Conv2dOutputShape<[1, 4, 224, 224], { inChannels: number; outChannels: number; kernelSize: number | [number, number] }>,
);

// ---- a mistake is reported at the options argument, in the runtime's words
// @ts-expect-error Conv2d: Given groups=1, weight of size [2, 3, 3, 3], expected input[1, 4, 5, 5] to have 3 channels, but got 4 channels instead
conv2dOutputShape([1, 4, 5, 5], { inChannels: 3, outChannels: 2, kernelSize: 3 });
// @ts-expect-error Conv2d: output height would be -4 = ...
conv2dOutputShape([1, 3, 2, 2], { inChannels: 3, outChannels: 2, kernelSize: 7 });
// @ts-expect-error Conv2d: padding='same' is not supported for strided convolutions, got stride=2
conv2dOutputShape([1, 3, 8, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, padding: 'same', stride: 2 });
// @ts-expect-error Conv2d: inChannels must be divisible by groups, got inChannels=6 and groups=4 (in_channels must be divisible by groups)
conv2dOutputShape([1, 6, 8, 8], { inChannels: 6, outChannels: 2, kernelSize: 3, groups: 4 });
// @ts-expect-error Conv2d: paddingMode 'reflect' needs padding < input height, ...
conv2dOutputShape([1, 3, 3, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, padding: 3, paddingMode: 'reflect' });
// @ts-expect-error Conv2d: paddingMode 'circular' needs padding ≤ input height, ...
conv2dOutputShape([1, 3, 3, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, padding: 4, paddingMode: 'circular' });
// @ts-expect-error Conv2d: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [3, 8]
conv2dOutputShape([3, 8], { inChannels: 3, outChannels: 2, kernelSize: 3 });
// @ts-expect-error Conv2d: kernelSize must be a positive integer, got 0 (kernel size should be greater than zero)
conv2dOutputShape([1, 3, 8, 8], { inChannels: 3, outChannels: 2, kernelSize: 0 });
// @ts-expect-error Conv2d: padding must be a non-negative integer, got -1 (negative padding is not supported)
conv2dOutputShape([1, 3, 8, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, padding: -1 });
// @ts-expect-error not a padding mode
conv2dOutputShape([1, 3, 8, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, paddingMode: 'mirror' });
// @ts-expect-error not a padding string
conv2dOutputShape([1, 3, 8, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, padding: 'full' });

// replicate has no limit; reflect allows pad < size; circular allows pad = size
expectType<[1, 2, 9, 14]>(conv2dOutputShape([1, 3, 3, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, padding: 4, paddingMode: 'replicate' }));
expectType<[1, 2, 5, 10]>(conv2dOutputShape([1, 3, 3, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, padding: 2, paddingMode: 'reflect' }));
expectType<[1, 2, 7, 12]>(conv2dOutputShape([1, 3, 3, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, padding: 3, paddingMode: 'circular' }));
