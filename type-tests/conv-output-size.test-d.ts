import { expectType } from 'tsd';
import { convOutputSize, type ConvOutputSize, type ErrorMessage } from 'shapecheck';
import type { convOutputSizeCases } from '../test/cases/conv-output-size.cases.js';
import { assert, type Equal } from './helpers.js';

// ---- 340 cases whose output torch computed (the same table drives test/conv-output-size.test.ts)

type Row = (typeof convOutputSizeCases)[number];
type Wrong<R extends Row> = R extends unknown
  ? Equal<ConvOutputSize<R['input'], R['kernel'], R['stride'], R['padding'], R['dilation']>, R['output']> extends true
    ? never
    : R
  : never;
expectType<never>({} as Wrong<Row>);
assert<Equal<Wrong<Row>, never>>();

// ---- the seed document's examples
expectType<2>({} as ConvOutputSize<4, 3>); // (1,1,4,4) k3 -> (1,1,2,2)
expectType<6>({} as ConvOutputSize<5, 4, 1, 2>); // (1,1,5,5) k4 p2 -> (1,1,6,6)
expectType<6>({} as ConvOutputSize<4, 1, 1, 1>); // 4x4 k1 p1 -> 6x6
expectType<8>({} as ConvOutputSize<4, 1, 1, 2>); // 4x4 k1 p2 -> 8x8
expectType<3>({} as ConvOutputSize<5, 3>); // 5x5 k3 -> 3x3
expectType<1>({} as ConvOutputSize<5, 3, 1, 0, 2>); // 5x5 k3 dilation 2 -> 1x1

// ---- near 2^53
expectType<9007199254740991>({} as ConvOutputSize<9007199254740991, 3, 1, 1>);
expectType<4503599627370495>({} as ConvOutputSize<9007199254740991, 3, 2>);
expectType<9007199254740989>({} as ConvOutputSize<9007199254740991, 3>);
expectType<2>({} as ConvOutputSize<9007199254740991, 1, 4503599627370496>);

// ---- edge inputs
expectType<number>({} as ConvOutputSize<number, 3>);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
expectType<number>({} as ConvOutputSize<any, 3>);
expectType<number>({} as ConvOutputSize<224, number>);
expectType<number>({} as ConvOutputSize<224, 3, number>);
expectType<never>({} as ConvOutputSize<never, 3>);
expectType<never>({} as ConvOutputSize<224, never>);
expectType<112 | 128>({} as ConvOutputSize<224 | 256, 3, 2, 1>);
expectType<222 | 220>({} as ConvOutputSize<224, 3 | 5>);
expectType<'height'>({} as ConvOutputSize<'height', 3, 1, 1>);
expectType<'height'>({} as ConvOutputSize<'height', 5, 1, 4, 2>);
expectType<'(height+1)//2'>({} as ConvOutputSize<'height', 3, 2, 1>);
expectType<'height-2'>({} as ConvOutputSize<'height', 3>);
expectType<'(height+3)//4'>({} as ConvOutputSize<'(height+1)//2', 3, 2, 1>);
expectType<'(height-10)//4'>({} as ConvOutputSize<'(height-4)//2', 5, 2>);
expectType<'(h*w-1)//2'>({} as ConvOutputSize<'h*w', 3, 2>); // beyond the family: the general engine

// ---- errors name the parameter, the value and the formula
expectType<ErrorMessage<"ConvOutputSize: output size would be -4 = floor((2 + 0 + 0 − 1·(7 − 1) − 1) / 1) + 1, but must be at least 1: Kernel size can't be greater than actual input size">>(
  {} as ConvOutputSize<2, 7>,
);
expectType<ErrorMessage<"ConvOutputSize: output size would be -2 = floor((2 + 0 + 0 − 1·(7 − 1) − 1) / 2) + 1, but must be at least 1: Kernel size can't be greater than actual input size">>(
  {} as ConvOutputSize<2, 7, 2>,
);
expectType<ErrorMessage<"ConvOutputSize: output size would be 0 = floor((4 + 1 + 1 − 3·(3 − 1) − 1) / 1) + 1, but must be at least 1: Kernel size can't be greater than actual input size">>(
  {} as ConvOutputSize<4, 3, 1, 1, 3>,
);
expectType<ErrorMessage<'ConvOutputSize: input size must be a non-negative integer, got -2'>>({} as ConvOutputSize<-2, 3>);
expectType<ErrorMessage<'ConvOutputSize: input size must be a non-negative integer, got 2.5'>>({} as ConvOutputSize<2.5, 1>);
expectType<ErrorMessage<'ConvOutputSize: kernelSize must be a positive integer, got 0 (kernel size should be greater than zero)'>>({} as ConvOutputSize<3, 0>);
expectType<ErrorMessage<'ConvOutputSize: kernelSize must be a positive integer, got 1.5 (kernel size should be greater than zero)'>>({} as ConvOutputSize<3, 1.5>);
expectType<ErrorMessage<'ConvOutputSize: stride must be a positive integer, got -1 (non-positive stride is not supported)'>>({} as ConvOutputSize<3, 1, -1>);
expectType<ErrorMessage<'ConvOutputSize: padding must be a non-negative integer, got -1 (negative padding is not supported)'>>({} as ConvOutputSize<3, 1, 1, -1>);
expectType<ErrorMessage<'ConvOutputSize: dilation must be a positive integer, got 0 (dilation should be greater than zero)'>>({} as ConvOutputSize<3, 1, 1, 0, 0>);

// ---- the runtime twin is typed by the type
expectType<112>(convOutputSize(224, 7, 2, 3));
expectType<3>(convOutputSize(5, 3));
const wide: number = 224;
expectType<number>(convOutputSize(wide, 3));
// @ts-expect-error an impossible size is not a number
const impossible: number = convOutputSize(2, 7);
