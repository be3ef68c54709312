/**
 * Shape rules of `nn.MaxPool2d` and `nn.AvgPool2d` (PyTorch 1.13), as types and as runtime
 * functions sharing one message text.
 * @packageDocumentation
 */
import { checkSymbolicDim, floorOfDim } from './symbolic.js';
import type { AffineFloor } from './symbolic-types.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type {
  AddSigned,
  CompareSigned,
  FloorDivideSigned,
  MultiplySigned,
  NaturalDigits,
  SubtractMagnitudes,
  ToNumber,
} from '../arithmetic/internal/signed.js';
import {
  checkNonNegativeInteger,
  checkPositiveInteger,
  type NonNegativeIntegerMessage,
  type NonNegativeParam,
  type PositiveParam,
  type SpatialLayerOf,
} from './conv-output-size.js';
import { formatList, formatValue, type FormatList, type FormatValue } from './format.js';
import { ShapeError } from './shape-error.js';
import type { Shape } from './shape.js';

/**
 * The parameters of `nn.MaxPool2d`, camelCased. Sizes are a number (both dimensions) or an
 * `[height, width]` pair.
 *
 * @example
 * ```ts
 * import type { MaxPool2dOptions } from 'shapecheck';
 * const options = { kernelSize: 3, stride: 2, padding: 1 } as const satisfies MaxPool2dOptions;
 * ```
 * @category Shapes
 */
export interface MaxPool2dOptions {
  /** Size of the pooling window. */
  readonly kernelSize: number | readonly [number, number];
  /** Stride of the window. Default `kernelSize`. */
  readonly stride?: number | readonly [number, number];
  /** Implicit `-inf` padding on all four sides, at most half the kernel size. Default 0. */
  readonly padding?: number | readonly [number, number];
  /** Spacing between window elements. Default 1. */
  readonly dilation?: number | readonly [number, number];
  /** Round the output size up instead of down (windows must still start inside the input or the left padding). Default false. */
  readonly ceilMode?: boolean;  /** Return `[output, indices]`, the indices flat into each input H×W plane (issue 12, layers-misc). Default false. */
  readonly returnIndices?: boolean;
}

/**
 * The parameters of `nn.AvgPool2d`, camelCased. Sizes are a number (both dimensions) or an
 * `[height, width]` pair.
 *
 * @example
 * ```ts
 * import type { AvgPool2dOptions } from 'shapecheck';
 * const options = { kernelSize: 2, countIncludePad: false } as const satisfies AvgPool2dOptions;
 * ```
 * @category Shapes
 */
export interface AvgPool2dOptions {
  /** Size of the pooling window. */
  readonly kernelSize: number | readonly [number, number];
  /** Stride of the window. Default `kernelSize`. */
  readonly stride?: number | readonly [number, number];
  /** Implicit zero padding on all four sides, at most half the kernel size. Default 0. */
  readonly padding?: number | readonly [number, number];
  /** Round the output size up instead of down. Default false. */
  readonly ceilMode?: boolean;
  /** Whether the zero padding counts in the divisor. Default true. */
  readonly countIncludePad?: boolean;
  /** A divisor (a non-zero integer) used instead of the window size. */
  readonly divisorOverride?: number;
}

/** The two pooling layers. */
type PoolOp = 'MaxPool2d' | 'AvgPool2d';

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/**
 * Padding more than half the kernel size along one dimension (PyTorch's words at the end).
 *
 * @example
 * ```ts
 * import type { PoolPaddingMessage } from 'shapecheck';
 * type M = PoolPaddingMessage<'MaxPool2d', 'height', 2, 3>;
 * //=> 'MaxPool2d: padding must be at most half of kernelSize, got padding 2 and kernelSize 3 for the height: pad should be at most half of kernel size'
 * ```
 * @category Messages
 */
export type PoolPaddingMessage<
  Op extends string,
  DimName extends string,
  Pad extends string | number,
  Kernel extends string | number,
> = `${Op}: padding must be at most half of kernelSize, got padding ${Pad} and kernelSize ${Kernel} for the ${DimName}: pad should be at most half of kernel size`;
/**
 * Runtime twin of {@link PoolPaddingMessage}.
 *
 * @example
 * ```ts
 * import { writePoolPaddingMessage } from 'shapecheck';
 * writePoolPaddingMessage('MaxPool2d', 'height', 2, 3);
 * //=> 'MaxPool2d: padding must be at most half of kernelSize, got padding 2 and kernelSize 3 for the height: pad should be at most half of kernel size'
 * ```
 * @category Messages
 */
export function writePoolPaddingMessage(op: string, dimName: string, pad: number, kernel: number): string {
  return `${op}: padding must be at most half of kernelSize, got padding ${pad} and kernelSize ${kernel} for the ${dimName}: pad should be at most half of kernel size`;
}

/**
 * The output of a pooling layer along one dimension would be empty; shows the formula's values
 * (`floor`, or `ceil` in ceil mode).
 *
 * @example
 * ```ts
 * import type { PoolOutputTooSmallMessage } from 'shapecheck';
 * type M = PoolOutputTooSmallMessage<'MaxPool2d', 'height', 0, 2, 0, 1, 3, 3, false>;
 * //=> 'MaxPool2d: output height would be 0 = floor((2 + 2·0 − 1·(3 − 1) − 1) / 3) + 1, but must be at least 1: Output size is too small'
 * ```
 * @category Messages
 */
export type PoolOutputTooSmallMessage<
  Op extends string,
  DimName extends string,
  Output extends string | number,
  Input extends string | number,
  Pad extends string | number,
  Dilation extends string | number,
  Kernel extends string | number,
  Stride extends string | number,
  CeilMode extends boolean,
> = `${Op}: output ${DimName} would be ${Output} = ${CeilMode extends true ? 'ceil' : 'floor'}((${Input} + 2·${Pad} − ${Dilation}·(${Kernel} − 1) − 1) / ${Stride}) + 1, but must be at least 1: Output size is too small`;
/**
 * Runtime twin of {@link PoolOutputTooSmallMessage}.
 *
 * @example
 * ```ts
 * import { writePoolOutputTooSmallMessage } from 'shapecheck';
 * writePoolOutputTooSmallMessage('MaxPool2d', 'height', 0, 2, 0, 1, 3, 3, false);
 * //=> 'MaxPool2d: output height would be 0 = floor((2 + 2·0 − 1·(3 − 1) − 1) / 3) + 1, but must be at least 1: Output size is too small'
 * ```
 * @category Messages
 */
export function writePoolOutputTooSmallMessage(
  op: string,
  dimName: string,
  output: number,
  input: number,
  pad: number,
  dilation: number,
  kernel: number,
  stride: number,
  ceilMode: boolean,
): string {
  return `${op}: output ${dimName} would be ${output} = ${ceilMode ? 'ceil' : 'floor'}((${input} + 2·${pad} − ${dilation}·(${kernel} − 1) − 1) / ${stride}) + 1, but must be at least 1: Output size is too small`;
}

/**
 * An input that is neither `[C, H, W]` nor `[N, C, H, W]`, or has an empty dim other than the
 * batch (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { PoolInputMessage } from 'shapecheck';
 * type M = PoolInputMessage<'AvgPool2d', [3, 8]>;
 * //=> 'AvgPool2d: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: [3, 8]'
 * ```
 * @category Messages
 */
export type PoolInputMessage<Op extends string, InputShape extends readonly unknown[]> =
  `${Op}: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: ${FormatList<InputShape>}`;
/**
 * Runtime twin of {@link PoolInputMessage}.
 *
 * @example
 * ```ts
 * import { writePoolInputMessage } from 'shapecheck';
 * writePoolInputMessage('AvgPool2d', [3, 8]);
 * //=> 'AvgPool2d: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: [3, 8]'
 * ```
 * @category Messages
 */
export function writePoolInputMessage(op: string, inputShape: readonly unknown[]): string {
  return `${op}: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: ${formatList(inputShape)}`;
}

/**
 * `divisorOverride` that is zero or not an integer (PyTorch's words at the end).
 *
 * @example
 * ```ts
 * import type { DivisorOverrideMessage } from 'shapecheck';
 * type M = DivisorOverrideMessage<0>;
 * //=> 'AvgPool2d: divisorOverride must be a non-zero integer, got 0: divisor must be not zero'
 * ```
 * @category Messages
 */
export type DivisorOverrideMessage<Value> =
  `AvgPool2d: divisorOverride must be a non-zero integer, got ${FormatValue<Value>}: divisor must be not zero`;
/**
 * Runtime twin of {@link DivisorOverrideMessage}.
 *
 * @example
 * ```ts
 * import { writeDivisorOverrideMessage } from 'shapecheck';
 * writeDivisorOverrideMessage(0);
 * //=> 'AvgPool2d: divisorOverride must be a non-zero integer, got 0: divisor must be not zero'
 * ```
 * @category Messages
 */
export function writeDivisorOverrideMessage(value: unknown): string {
  return `AvgPool2d: divisorOverride must be a non-zero integer, got ${formatValue(value)}: divisor must be not zero`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/** An optional option's value, or its default when absent. */
type OptionOr<Options, Key extends string, Default> = Options extends { readonly [K in Key]?: infer Value }
  ? [Value] extends [undefined]
    ? Default
    : Exclude<Value, undefined>
  : Default;

/** A size option as two validated digit strings (`'wide'` where only `number` is known). */
type SizePair<Op extends string, Param extends string, Value, Positive extends boolean> = [Value] extends [
  readonly [infer H, infer W],
]
  ? [CheckParam<Op, Param, H, Positive>, CheckParam<Op, Param, W, Positive>]
  : [Value] extends [number]
    ? CheckParam<Op, Param, Value, Positive> extends infer Digits
      ? [Digits, Digits]
      : never
    : ['wide', 'wide'];

type CheckParam<Op extends string, Param extends string, Value, Positive extends boolean> = Positive extends true
  ? PositiveParam<Op, Param, Value>
  : NonNegativeParam<Op, Param, Value>;

/** The first error in a list of validated parameters. */
type FirstError<Params extends readonly unknown[]> = Params extends readonly [infer Head, ...infer Tail]
  ? [Head] extends [never]
    ? FirstError<Tail>
    : Head extends ErrorMessage<string>
      ? Head
      : FirstError<Tail>
  : never;

/** `divisorOverride` checked: `never` when fine, its error otherwise. */
type DivisorOverrideCheck<Options> = Options extends { readonly divisorOverride?: infer D }
  ? [Exclude<D, undefined>] extends [never]
    ? never
    : Exclude<D, undefined> extends infer Value
      ? Value extends number
        ? number extends Value
          ? never
          : `${Value}` extends `${bigint}`
            ? Value extends 0
              ? ErrorMessage<DivisorOverrideMessage<Value>>
              : never
            : ErrorMessage<DivisorOverrideMessage<Value>>
        : never
      : never
    : never;

/** `padding ≤ floor(kernel / 2)` along one dimension: `never` when fine, its error otherwise. */
// shared with the 1-D pools (src/shape/pool1d.ts)
export type PadCheck<Op extends string, DimName extends string, Pad extends string, Kernel extends string> = 'wide' extends Pad | Kernel
  ? never
  : Pad extends '0'
    ? never
    : CompareSigned<MultiplySigned<Pad, '2'>, Kernel> extends '>'
      ? ErrorMessage<PoolPaddingMessage<Op, DimName, Pad, Kernel>>
      : never;

/** The stride as two validated digit strings; the kernel's when absent (PyTorch's default). */
type StridePair<Op extends string, Options, KH, KW> =
  OptionOr<Options, 'stride', 'kernel'> extends infer Stride
    ? [Stride] extends ['kernel']
      ? [KH, KW]
      : SizePair<Op, 'stride', Stride, true>
    : never;

/**
 * The validated parameters as digit strings, `[kH, kW, sH, sW, pH, pW, dH, dW]` (`'wide'` for
 * `number`), or the first error.
 */
type PoolParams<Op extends PoolOp, Options> =
  SizePair<Op, 'kernelSize', Options extends { readonly kernelSize: infer K } ? K : number, true> extends [infer KH, infer KW]
    ? [
        KH,
        KW,
        ...StridePair<Op, Options, KH, KW>,
        ...SizePair<Op, 'padding', OptionOr<Options, 'padding', 0>, false>,
        ...SizePair<Op, 'dilation', OptionOr<Options, 'dilation', 1>, true>,
      ] extends infer Params extends readonly unknown[]
      ? Params extends [
          infer KH extends string,
          infer KW extends string,
          string,
          string,
          infer PH extends string,
          infer PW extends string,
          string,
          string,
        ]
        ? FirstError<[PadCheck<Op, 'height', PH, KH>, PadCheck<Op, 'width', PW, KW>, DivisorOverrideCheck<Options>]> extends infer Failure
          ? [Failure] extends [never]
            ? Params
            : Failure
          : never
        : FirstError<Params>
      : never
    : never;

/** A literal dim that is not a non-negative integer (or an empty non-batch dim), as its error. */
// shared with the 1-D pools (src/shape/pool1d.ts)
export type InvalidDim<Op extends string, DimName extends string, Value, InputShape extends readonly unknown[], NonEmpty extends boolean> =
  Value extends number
    ? number extends Value
      ? never
      : NaturalDigits<Value> extends string
        ? NonEmpty extends true
          ? Value extends 0
            ? ErrorMessage<PoolInputMessage<Op, InputShape>>
            : never
          : never
        : ErrorMessage<NonNegativeIntegerMessage<Op, `input ${DimName}`, Value>>
    : never;

/**
 * The output size along one dimension, as digits, or `['small', wouldBe]`. `Offset` is
 * `2p + s − d(k − 1) − 1`, so floor mode is `floor((in + offset) / s)` and ceil mode is
 * `floor((in + offset + s − 1) / s)`, less one when that last window would start past the
 * input and its left padding (PyTorch's rule).
 */
type PoolOutputDigits<Input extends string, Offset extends string, Stride extends string, Pad extends string, CeilMode> =
  (CeilMode extends true ? AddSigned<AddSigned<Input, Offset>, SubtractMagnitudes<Stride, '1'>> : AddSigned<Input, Offset>) extends infer Numerator extends string
    ? (Stride extends '1' ? Numerator : FloorDivideSigned<Numerator, Stride>[0]) extends infer Output extends string
      ? Output extends '0' | `-${string}`
        ? ['small', Output]
        : CeilMode extends true
          ? CompareSigned<MultiplySigned<SubtractMagnitudes<Output, '1'>, Stride>, AddSigned<Input, Pad>> extends '<'
            ? Output
            : SubtractMagnitudes<Output, '1'>
          : Output
      : never
    : never;

/**
 * Ceil mode on an expression, exactly: with `c = offset − s`, PyTorch's output is
 * `⌈(in + c)/s⌉ + 1`, less one when the last window would start at or past `in + pad`. For
 * `c < pad` (every valid layer: padding is at most half the window) that is
 * `min(⌈(in + c)/s⌉ + 1, ⌈(in + pad)/s⌉) = ⌊(in + min(offset, pad) + s − 1)/s⌋`; otherwise the
 * window always moves back: `⌊(in + offset − 1)/s⌋`.
 */
type CeilAffine<Input extends string, Offset extends string, Stride extends string, Pad extends string> =
  CompareSigned<AddSigned<Offset, `-${Stride}`>, Pad> extends '<'
    ? AffineFloor<Input, AddSigned<CompareSigned<Offset, Pad> extends '>' ? Pad : Offset, SubtractMagnitudes<Stride, '1'>>, Stride>
    : AffineFloor<Input, AddSigned<Offset, '-1'>, Stride>;

/** One spatial output dim. */
// shared with the 1-D pools (src/shape/pool1d.ts)
export type PoolSpatial<
  Op extends string,
  DimName extends string,
  Input,
  Kernel extends string,
  Stride extends string,
  Pad extends string,
  Dilation extends string,
  CeilMode,
> = 'wide' extends Kernel | Stride | Pad | Dilation
  ? number
  : SpatialLayerOf<Pad, Pad, Kernel, Stride, Dilation>[0] extends infer Offset extends string
    ? 0 extends 1 & Input
      ? number
      : Input extends number
        ? number extends Input
          ? number
          : boolean extends CeilMode
            ? number
            : NaturalDigits<Input> extends infer InputDigits extends string
              ? PoolOutputDigits<InputDigits, Offset, Stride, Pad, CeilMode> extends infer Output
                ? Output extends string
                  ? ToNumber<Op, Output>
                  : Output extends ['small', infer WouldBe extends string]
                    ? ErrorMessage<PoolOutputTooSmallMessage<Op, DimName, WouldBe, InputDigits, Pad, Dilation, Kernel, Stride, CeilMode & boolean>>
                    : never
                : never
              : never
        : // a named dim, or an expression of one: the exact expression
          Input extends string
          ? boolean extends CeilMode
            ? number
            : CeilMode extends true
              ? CeilAffine<Input, Offset, Stride, Pad>
              : AffineFloor<Input, Offset, Stride>
          : number
    : never;

/** The output shape for one input shape (not a union) and validated parameters. */
type PoolOutputShapeOf<Op extends PoolOp, InputShape, CeilMode, Params> = Params extends [
  infer KH extends string,
  infer KW extends string,
  infer SH extends string,
  infer SW extends string,
  infer PH extends string,
  infer PW extends string,
  infer DH extends string,
  infer DW extends string,
]
  ? InputShape extends readonly [infer Batch, infer Channels, infer Height, infer Width]
    ? PoolChecked<Op, [Batch], Channels, Height, Width, InputShape, CeilMode, KH, KW, SH, SW, PH, PW, DH, DW>
    : InputShape extends readonly [infer Channels, infer Height, infer Width]
      ? PoolChecked<Op, [], Channels, Height, Width, InputShape, CeilMode, KH, KW, SH, SW, PH, PW, DH, DW>
      : InputShape extends readonly unknown[]
        ? number extends InputShape['length']
          ? number[]
          : ErrorMessage<PoolInputMessage<Op, InputShape>>
        : never
  : Params;

type PoolChecked<
  Op extends PoolOp,
  Batch extends unknown[],
  Channels,
  Height,
  Width,
  InputShape extends readonly unknown[],
  CeilMode,
  KH extends string,
  KW extends string,
  SH extends string,
  SW extends string,
  PH extends string,
  PW extends string,
  DH extends string,
  DW extends string,
> =
  FirstError<
    [
      ...(Batch extends [infer N] ? [InvalidDim<Op, 'batch', N, InputShape, false>] : []),
      InvalidDim<Op, 'channels', Channels, InputShape, true>,
      InvalidDim<Op, 'height', Height, InputShape, true>,
      InvalidDim<Op, 'width', Width, InputShape, true>,
    ]
  > extends infer Failure
    ? [Failure] extends [never]
      ? PoolSpatial<Op, 'height', Height, KH, SH, PH, DH, CeilMode> extends infer OutHeight
        ? [Extract<OutHeight, ErrorMessage<string>>] extends [never]
          ? PoolSpatial<Op, 'width', Width, KW, SW, PW, DW, CeilMode> extends infer OutWidth
            ? [Extract<OutWidth, ErrorMessage<string>>] extends [never]
              ? [...Batch, Channels, OutHeight, OutWidth]
              : Extract<OutWidth, ErrorMessage<string>>
            : never
          : Extract<OutHeight, ErrorMessage<string>>
        : never
      : Failure
    : never;

/** Shared by both layers: distributes over input shapes, validates the parameters once. */
type PoolOutputShape<Op extends PoolOp, InputShape extends Shape, Options> = [InputShape] extends [never]
  ? never
  : PoolParams<Op, Options> extends infer Params
    ? OptionOr<Options, 'ceilMode', false> extends infer CeilMode
      ? InputShape extends unknown
        ? PoolOutputShapeOf<Op, InputShape, CeilMode, Params>
        : never
      : never
    : never;

/**
 * The output shape of `nn.MaxPool2d` for an input shape `[N, C, H, W]` or unbatched `[C, H, W]`,
 * computed exactly at compile time: per spatial dim
 * `floor_or_ceil((in + 2·padding − dilation·(kernelSize − 1) − 1) / stride) + 1` (stride defaults
 * to the kernel size; in ceil mode the last window must start inside the input or the left
 * padding, as PyTorch).
 *
 * - Batch and channels pass through as they are (literals, `number`, or names).
 * - A named spatial dim keeps its name when the size is kept (stride 1 and 2·padding =
 *   dilation·(kernelSize − 1)), and becomes `number` otherwise; `number` gives `number`.
 * - Anything wrong gives an {@link ErrorMessage} whose text is exactly what
 *   {@link maxPool2dOutputShape} throws. Unions of input shapes distribute.
 *
 * @example
 * ```ts
 * import type { MaxPool2dOutputShape } from 'shapecheck';
 * type A = MaxPool2dOutputShape<[1, 64, 112, 112], { kernelSize: 3; stride: 2; padding: 1 }>;
 * //=> [1, 64, 56, 56]
 * type B = MaxPool2dOutputShape<['batch', 3, 5, 5], { kernelSize: 2; ceilMode: true }>;
 * //=> ['batch', 3, 3, 3]
 * ```
 * @category Shapes
 */
export type MaxPool2dOutputShape<InputShape extends Shape, Options extends MaxPool2dOptions> = PoolOutputShape<
  'MaxPool2d',
  InputShape,
  Options
>;

/**
 * The output shape of `nn.AvgPool2d` for an input shape `[N, C, H, W]` or unbatched `[C, H, W]`:
 * as {@link MaxPool2dOutputShape} without dilation; `divisorOverride` must be a non-zero integer.
 *
 * @example
 * ```ts
 * import type { AvgPool2dOutputShape } from 'shapecheck';
 * type A = AvgPool2dOutputShape<[8, 32, 32], { kernelSize: 2 }>;
 * //=> [8, 16, 16]
 * type B = AvgPool2dOutputShape<[1, 1, 5, 5], { kernelSize: 2; ceilMode: true; countIncludePad: false }>;
 * //=> [1, 1, 3, 3]
 * ```
 * @category Shapes
 */
export type AvgPool2dOutputShape<InputShape extends Shape, Options extends AvgPool2dOptions> = PoolOutputShape<
  'AvgPool2d',
  InputShape,
  Options
>;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * Pooling parameters validated and resolved to `[height, width]` pairs, with the defaults filled
 * (`stride` = `kernelSize`, `dilation` 1 for `AvgPool2d`).
 *
 * @example
 * ```ts
 * import { resolvePool2dOptions } from 'shapecheck';
 * resolvePool2dOptions('MaxPool2d', { kernelSize: [3, 2] }).stride;
 * //=> [3, 2]
 * ```
 * @category Shapes
 */
export interface ResolvedPool2dOptions {
  readonly op: 'MaxPool2d' | 'AvgPool2d';
  readonly kernelSize: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | null;
}

/** PyTorch's phrase for a size option that is a list of the wrong length (`max_pool2d: stride must …`). */
function tupleLengthPhrase(op: string, param: string): string {
  const fn = op === 'MaxPool2d' ? 'max_pool2d' : 'avg_pool2d';
  if (param === 'kernelSize') return `${fn}: kernel_size must either be a single int, or a tuple of two ints`;
  if (param === 'stride') return `${fn}: stride must either be omitted, a single int, or a tuple of two ints`;
  // sic: PyTorch 1.13's max_pool2d says "must be either be"
  if (param === 'padding') return `${fn}: padding must ${op === 'MaxPool2d' ? 'be either be' : 'either be'} a single int, or a tuple of two ints`;
  return `${fn}: ${param} must either be a single int, or a tuple of two ints`;
}

function pairOf(op: string, param: string, value: unknown, check: (op: string, param: string, value: unknown) => number): [number, number] {
  if (Array.isArray(value)) {
    if (value.length !== 2) {
      throw new TypeError(`${op}: ${param} must be a number or a pair of numbers, got ${formatValue(value)} (${tupleLengthPhrase(op, param)})`);
    }
    return [check(op, param, value[0]), check(op, param, value[1])];
  }
  const size = check(op, param, value);
  return [size, size];
}

function checkBoolean(op: string, param: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${op}: ${param} must be a boolean, got ${formatValue(value)}`);
  return value;
}

/**
 * Reads one size option (`kernelSize`, `stride`, `padding`, `dilation`) as `[height, width]`,
 * each entry checked with `check`, or throws the layer's own message for the option's form.
 */
export type PoolSizeReader = (op: string, param: string, value: unknown, check: (op: string, param: string, value: unknown) => number) => [number, number];

/**
 * The option handling the max and average pools share, 2-D and 1-D (the 1-D ones run as 2-D with
 * a height of 1): each option read with `read` (`pairOf` here, a list of one for the 1-D layers),
 * PyTorch's defaults (`stride` the kernel size; `null` too), the padding at most half the kernel
 * on each axis (named `axes`), `divisorOverride` for `AvgPool2d`, then `ceilMode` and
 * `countIncludePad`, in PyTorch's order. `op` names the layer in messages; `kernel` is the 2-D
 * kernel that runs it.
 *
 * @throws {TypeError} for a non-integer or non-boolean option; {@link RangeError} for one out of range.
 */
export function resolvePoolOptions(
  op: string,
  kernel: 'MaxPool2d' | 'AvgPool2d',
  options: unknown,
  read: PoolSizeReader,
  axes: readonly [string, string],
): ResolvedPool2dOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${op}: options must be an object`);
  const o = options as MaxPool2dOptions & AvgPool2dOptions;
  const kernelSize = read(op, 'kernelSize', o.kernelSize, checkPositiveInteger);
  const stride = o.stride === undefined || (o.stride as unknown) === null ? kernelSize : read(op, 'stride', o.stride, checkPositiveInteger);
  // undefined is absent; null is not (except for stride, where PyTorch's None means the kernel size)
  const padding = read(op, 'padding', o.padding === undefined ? 0 : o.padding, checkNonNegativeInteger);
  const dilation = kernel === 'MaxPool2d' ? read(op, 'dilation', o.dilation === undefined ? 1 : o.dilation, checkPositiveInteger) : ([1, 1] as [number, number]);
  if (2 * padding[0] > kernelSize[0]) throw new RangeError(writePoolPaddingMessage(op, axes[0], padding[0], kernelSize[0]));
  if (2 * padding[1] > kernelSize[1]) throw new RangeError(writePoolPaddingMessage(op, axes[1], padding[1], kernelSize[1]));
  let divisorOverride: number | null = null;
  if (op === 'AvgPool2d' && o.divisorOverride !== undefined && (o.divisorOverride as unknown) !== null) {
    const d: unknown = o.divisorOverride;
    if (typeof d !== 'number' || !Number.isInteger(d)) throw new TypeError(writeDivisorOverrideMessage(d));
    if (d === 0) throw new RangeError(writeDivisorOverrideMessage(d));
    divisorOverride = d;
  }
  const ceilMode = checkBoolean(op, 'ceilMode', o.ceilMode === undefined ? false : o.ceilMode);
  const countIncludePad = kernel === 'AvgPool2d' ? checkBoolean(op, 'countIncludePad', o.countIncludePad === undefined ? true : o.countIncludePad) : true;
  return { op: kernel, kernelSize, stride, padding, dilation, ceilMode, countIncludePad, divisorOverride };
}

/**
 * Validates `nn.MaxPool2d` (`op = 'MaxPool2d'`) or `nn.AvgPool2d` options and resolves them (see
 * {@link ResolvedPool2dOptions}), throwing the same messages as the types, in the same order.
 *
 * @throws {TypeError} for a non-integer or non-boolean option; {@link RangeError} for a value out
 *   of range or padding more than half the kernel size.
 * @example
 * ```ts
 * import { resolvePool2dOptions } from 'shapecheck';
 * resolvePool2dOptions('AvgPool2d', { kernelSize: 3, padding: 1 }).padding;
 * //=> [1, 1]
 * ```
 * @category Shapes
 */
export function resolvePool2dOptions(op: 'MaxPool2d' | 'AvgPool2d', options: MaxPool2dOptions | AvgPool2dOptions): ResolvedPool2dOptions {
  return resolvePoolOptions(op, op, options, pairOf, ['height', 'width']);
}

/**
 * PyTorch's pooling output size along one dimension (`pooling_output_shape`), for validated
 * arguments; below 1 means too small.
 */
export function poolOutputSize(input: number, kernel: number, pad: number, stride: number, dilation: number, ceilMode: boolean): number;
export function poolOutputSize(input: number | string, kernel: number, pad: number, stride: number, dilation: number, ceilMode: boolean): number | string;
export function poolOutputSize(input: number | string, kernel: number, pad: number, stride: number, dilation: number, ceilMode: boolean): number | string {
  if (typeof input === 'string') {
    // exactly, as the types compute it (CeilAffine): ⌊(in + min(offset, pad) + s − 1)/s⌋ in ceil mode
    const offset = 2 * pad + stride - dilation * (kernel - 1) - 1;
    if (!ceilMode) return floorOfDim(input, offset, stride);
    return offset - stride < pad ? floorOfDim(input, Math.min(offset, pad) + stride - 1, stride) : floorOfDim(input, offset - 1, stride);
  }
  const numerator = input + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
  let output = Math.floor(numerator / stride) + 1;
  if (ceilMode && (output - 1) * stride >= input + pad) output -= 1;
  return output;
}

/**
 * Checks an input shape against resolved pooling options and returns the output shape, throwing
 * exactly the messages of {@link MaxPool2dOutputShape} / {@link AvgPool2dOutputShape}.
 *
 * @throws {ShapeError} for a wrong rank, an empty non-batch dim or an empty output;
 *   {@link TypeError}/{@link RangeError} for a dim that is not a non-negative integer.
 * @example
 * ```ts
 * import { pool2dShapeFromResolved, resolvePool2dOptions } from 'shapecheck';
 * pool2dShapeFromResolved([1, 1, 5, 5], resolvePool2dOptions('MaxPool2d', { kernelSize: 2, ceilMode: true }));
 * //=> [1, 1, 3, 3]
 * ```
 * @category Shapes
 */
export function pool2dShapeFromResolved(inputShape: readonly number[], params: ResolvedPool2dOptions): number[];
export function pool2dShapeFromResolved(inputShape: readonly (number | string)[], params: ResolvedPool2dOptions): (number | string)[];
export function pool2dShapeFromResolved(inputShape: readonly (number | string)[], params: ResolvedPool2dOptions): (number | string)[] {
  const { op } = params;
  if (!Array.isArray(inputShape)) throw new TypeError(`${op}: the input shape must be an array of dims`);
  if (inputShape.length !== 3 && inputShape.length !== 4) throw new ShapeError(writePoolInputMessage(op, inputShape));
  const batched = inputShape.length === 4;
  const names = batched ? ['batch', 'channels', 'height', 'width'] : ['channels', 'height', 'width'];
  inputShape.forEach((dim, i) => (typeof dim === 'string' ? checkSymbolicDim(op, `input ${names[i]}`, dim) : checkNonNegativeInteger(op, `input ${names[i]}`, dim)));
  const [channels, height, width] = inputShape.slice(batched ? 1 : 0) as [number | string, number | string, number | string];
  if (channels === 0 || height === 0 || width === 0) throw new ShapeError(writePoolInputMessage(op, inputShape));
  const sizes: (number | string)[] = [];
  for (const [i, dimName, input] of [[0, 'height', height], [1, 'width', width]] as const) {
    const k = params.kernelSize[i];
    const s = params.stride[i];
    const p = params.padding[i];
    const d = params.dilation[i];
    const output = poolOutputSize(input, k, p, s, d, params.ceilMode);
    if (typeof output === 'string' || typeof input === 'string') {
      sizes.push(output);
      continue;
    }
    if (output < 1) throw new ShapeError(writePoolOutputTooSmallMessage(op, dimName, output, input, p, d, k, s, params.ceilMode));
    sizes.push(output);
  }
  return batched ? [inputShape[0] as number | string, channels, ...sizes] : [channels, ...sizes];
}

/**
 * The output shape of `nn.MaxPool2d` for an input shape, at runtime: the value-level twin of
 * {@link MaxPool2dOutputShape}. A mistake is reported by the compiler at the `options` argument
 * with the same words this function throws.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { maxPool2dOutputShape } from 'shapecheck';
 * const shape = maxPool2dOutputShape([1, 64, 112, 112], { kernelSize: 3, stride: 2, padding: 1 });
 * shape;
 * //=> [1, 64, 56, 56]
 * ```
 * @category Shapes
 */
export function maxPool2dOutputShape<const InputShape extends readonly (number | string)[], const Options extends MaxPool2dOptions>(
  inputShape: InputShape,
  options: MaxPool2dOutputShape<InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): MaxPool2dOutputShape<InputShape, Options> {
  const params = resolvePool2dOptions('MaxPool2d', options as MaxPool2dOptions);
  return pool2dShapeFromResolved(inputShape, params) as MaxPool2dOutputShape<InputShape, Options>;
}

/**
 * The output shape of `nn.AvgPool2d` for an input shape, at runtime: the value-level twin of
 * {@link AvgPool2dOutputShape}. A mistake is reported by the compiler at the `options` argument
 * with the same words this function throws.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { avgPool2dOutputShape } from 'shapecheck';
 * const shape = avgPool2dOutputShape([3, 7, 7], { kernelSize: 2, ceilMode: true });
 * shape;
 * //=> [3, 4, 4]
 * ```
 * @category Shapes
 */
export function avgPool2dOutputShape<const InputShape extends readonly (number | string)[], const Options extends AvgPool2dOptions>(
  inputShape: InputShape,
  options: AvgPool2dOutputShape<InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): AvgPool2dOutputShape<InputShape, Options> {
  const params = resolvePool2dOptions('AvgPool2d', options as AvgPool2dOptions);
  return pool2dShapeFromResolved(inputShape, params) as AvgPool2dOutputShape<InputShape, Options>;
}
