/**
 * The shape rules of `nn.MaxPool1d`, `nn.AvgPool1d` and `nn.AdaptiveAvgPool1d` (issue 12): the
 * runtime checks and their type twins, one message text each. The layers run on the 2-D kernels
 * with a height of 1 (src/ops/pool1d.ts); every message here is the 1-D layer's own.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { IsWide, NaturalDigits } from '../arithmetic/internal/signed.js';
import { checkNonNegativeInteger, type NonNegativeIntegerMessage, type NonNegativeParam, type PositiveParam } from './conv-output-size.js';
import {
  poolOutputSize,
  resolvePoolOptions,
  writePoolOutputTooSmallMessage,
  type PadCheck,
  type PoolSizeReader,
  type PoolSpatial,
  type ResolvedPool2dOptions,
} from './pool2d.js';
import { formatList, formatValue, type FormatList, type FormatValue } from './format.js';
import { ShapeError } from './shape-error.js';
import { checkSymbolicDim } from './symbolic.js';
import type { Shape } from './shape.js';

/**
 * The parameters of `nn.MaxPool1d`, camelCased. A size is a number or a list of one number.
 *
 * @example
 * ```ts
 * import type { MaxPool1dOptions } from 'shapecheck';
 * const options = { kernelSize: 3, stride: 2, padding: 1, ceilMode: true } as const satisfies MaxPool1dOptions;
 * ```
 * @category Shapes
 */
export interface MaxPool1dOptions {
  /** Size of the pooling window. */
  readonly kernelSize: number | readonly [number];
  /** Stride of the window. Default `kernelSize`. */
  readonly stride?: number | readonly [number];
  /** Implicit `-inf` padding at both ends, at most half the kernel size. Default 0. */
  readonly padding?: number | readonly [number];
  /** Spacing between window elements. Default 1. */
  readonly dilation?: number | readonly [number];
  /** Round the output length up instead of down. Default false. */
  readonly ceilMode?: boolean;
}

/**
 * The parameters of `nn.AvgPool1d`, camelCased.
 *
 * @example
 * ```ts
 * import type { AvgPool1dOptions } from 'shapecheck';
 * const options = { kernelSize: 3, padding: 1, countIncludePad: false } as const satisfies AvgPool1dOptions;
 * ```
 * @category Shapes
 */
export interface AvgPool1dOptions {
  /** Size of the pooling window. */
  readonly kernelSize: number | readonly [number];
  /** Stride of the window. Default `kernelSize`. */
  readonly stride?: number | readonly [number];
  /** Implicit zero padding at both ends, at most half the kernel size. Default 0. */
  readonly padding?: number | readonly [number];
  /** Round the output length up instead of down. Default false. */
  readonly ceilMode?: boolean;
  /** Whether the zero padding counts in the divisor. Default true. */
  readonly countIncludePad?: boolean;
}

/** The 1-D pools. */
type Pool1dOp = 'MaxPool1d' | 'AvgPool1d';

/**
 * An input that is neither `[C, L]` nor `[N, C, L]`, or with 0 channels or length (PyTorch's words
 * for `max_pool1d`).
 *
 * @example
 * ```ts
 * import type { Pool1dInputMessage } from 'shapecheck';
 * type M = Pool1dInputMessage<'MaxPool1d', [1, 3, 5, 5]>;
 * //=> 'MaxPool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: [1, 3, 5, 5]'
 * ```
 * @category Messages
 */
export type Pool1dInputMessage<Op extends string, InputShape extends readonly unknown[]> =
  `${Op}: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: ${FormatList<InputShape>}`;
/**
 * Runtime twin of {@link Pool1dInputMessage}.
 *
 * @example
 * ```ts
 * import { writePool1dInputMessage } from 'shapecheck';
 * writePool1dInputMessage('AvgPool1d', [1, 0, 4]);
 * //=> 'AvgPool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: [1, 0, 4]'
 * ```
 * @category Messages
 */
export function writePool1dInputMessage(op: string, inputShape: readonly unknown[]): string {
  return `${op}: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: ${formatList(inputShape)}`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

type OptionOr<Options, Key extends string, Default> = Options extends { readonly [K in Key]?: infer Value }
  ? [Value] extends [undefined]
    ? Default
    : Exclude<Value, undefined>
  : Default;

type Single<Value> = [Value] extends [readonly [infer X]] ? X : Value;

type FirstError<Params extends readonly unknown[]> = Params extends readonly [infer Head, ...infer Tail]
  ? [Head] extends [never]
    ? FirstError<Tail>
    : Head extends ErrorMessage<string>
      ? Head
      : FirstError<Tail>
  : never;

/** `[k, s, p, d]` as digit strings (`'wide'` where only `number` is known), or the first error. */
type Pool1dParams<Op extends Pool1dOp, Options> =
  PositiveParam<Op, 'kernelSize', Single<Options extends { readonly kernelSize: infer K } ? K : number>> extends infer K
    ? [
        K,
        OptionOr<Options, 'stride', 'kernel'> extends infer S ? ([S] extends ['kernel'] ? K : PositiveParam<Op, 'stride', Single<S>>) : never,
        NonNegativeParam<Op, 'padding', Single<OptionOr<Options, 'padding', 0>>>,
        PositiveParam<Op, 'dilation', Single<OptionOr<Options, 'dilation', 1>>>,
      ] extends infer Params extends readonly unknown[]
      ? Params extends [infer K extends string, string, infer P extends string, string]
        ? PadCheck<Op, 'length', P, K> extends infer Failure
          ? [Failure] extends [never]
            ? Params
            : Failure
          : never
        : FirstError<Params>
      : never
    : never;

/** A literal dim that is not a non-negative integer (or is 0 where it must not be), as its error. */
type InvalidDim<Op extends string, DimName extends string, Value, InputShape extends readonly unknown[], NonEmpty extends boolean> = Value extends number
  ? number extends Value
    ? never
    : NaturalDigits<Value> extends string
      ? NonEmpty extends true
        ? Value extends 0
          ? ErrorMessage<Pool1dInputMessage<Op, InputShape>>
          : never
        : never
      : ErrorMessage<NonNegativeIntegerMessage<Op, `input ${DimName}`, Value>>
  : never;

type Pool1dOutputShapeOf<Op extends Pool1dOp, InputShape, CeilMode, Params> = Params extends [
  infer K extends string,
  infer S extends string,
  infer P extends string,
  infer D extends string,
]
  ? InputShape extends readonly [infer N, infer C, infer L]
    ? Pool1dChecked<Op, [N], C, L, InputShape, CeilMode, K, S, P, D>
    : InputShape extends readonly [infer C, infer L]
      ? Pool1dChecked<Op, [], C, L, InputShape, CeilMode, K, S, P, D>
      : InputShape extends readonly unknown[]
        ? number extends InputShape['length']
          ? number[]
          : ErrorMessage<Pool1dInputMessage<Op, InputShape>>
        : never
  : Params;

type Pool1dChecked<
  Op extends Pool1dOp,
  Batch extends unknown[],
  Channels,
  Length,
  InputShape extends readonly unknown[],
  CeilMode,
  K extends string,
  S extends string,
  P extends string,
  D extends string,
> =
  FirstError<
    [
      ...(Batch extends [infer N] ? [InvalidDim<Op, 'batch', N, InputShape, false>] : []),
      InvalidDim<Op, 'channels', Channels, InputShape, true>,
      InvalidDim<Op, 'length', Length, InputShape, true>,
    ]
  > extends infer Failure
    ? [Failure] extends [never]
      ? PoolSpatial<Op, 'length', Length, K, S, P, D, CeilMode> extends infer Out
        ? [Extract<Out, ErrorMessage<string>>] extends [never]
          ? [...Batch, Channels, Out]
          : Extract<Out, ErrorMessage<string>>
        : never
      : Failure
    : never;

type Pool1dOutputShape<Op extends Pool1dOp, InputShape extends Shape, Options> = [InputShape] extends [never]
  ? never
  : Pool1dParams<Op, Options> extends infer Params
    ? OptionOr<Options, 'ceilMode', false> extends infer CeilMode
      ? InputShape extends unknown
        ? Pool1dOutputShapeOf<Op, InputShape, CeilMode, Params>
        : never
      : never
    : never;

/**
 * The output shape of `nn.MaxPool1d` for `[N, C, L]` or `[C, L]`, computed exactly at compile
 * time (`floor` or `ceil` of `(L + 2·p − d·(k − 1) − 1) / s` plus 1; a named length gives the
 * exact expression), or the {@link ErrorMessage} the runtime throws.
 *
 * @example
 * ```ts
 * import type { MaxPool1dOutputShape } from 'shapecheck';
 * type A = MaxPool1dOutputShape<[2, 8, 9], { kernelSize: 2; ceilMode: true }>;
 * //=> [2, 8, 5]
 * type B = MaxPool1dOutputShape<['N', 8, 'L'], { kernelSize: 2 }>;
 * //=> ['N', 8, 'L//2']
 * ```
 * @category Shapes
 */
export type MaxPool1dOutputShape<InputShape extends Shape, Options extends MaxPool1dOptions> = Pool1dOutputShape<'MaxPool1d', InputShape, Options>;

/**
 * The output shape of `nn.AvgPool1d` for `[N, C, L]` or `[C, L]`, computed exactly at compile time.
 *
 * @example
 * ```ts
 * import type { AvgPool1dOutputShape } from 'shapecheck';
 * type A = AvgPool1dOutputShape<[4, 10], { kernelSize: 3; stride: 2; padding: 1 }>;
 * //=> [4, 5]
 * ```
 * @category Shapes
 */
export type AvgPool1dOutputShape<InputShape extends Shape, Options extends AvgPool1dOptions> = Pool1dOutputShape<'AvgPool1d', InputShape, Options>;

// ---------------------------------------------------------------------------------------------
// Runtime.

function single(op: string, param: string, value: unknown, check: (op: string, param: string, value: unknown) => number): number {
  if (Array.isArray(value)) {
    if (value.length !== 1) {
      const fn = op === 'MaxPool1d' ? 'max_pool1d' : 'avg_pool1d';
      const snake = param === 'kernelSize' ? 'kernel_size' : param;
      throw new TypeError(`${op}: ${param} must be a number or a list of one number, got ${formatValue(value)} (${fn}() argument '${snake}' should contain one int (got ${value.length}))`);
    }
    return check(op, param, value[0]);
  }
  return check(op, param, value);
}

/**
 * Validates `nn.MaxPool1d` / `nn.AvgPool1d` options and resolves them as the 2-D kernels run them,
 * with a height of 1 (kernel `[1, k]`, padding `[0, p]`); the `op` stays the 1-D layer's name.
 *
 * @throws {TypeError} for a non-integer or non-boolean option; {@link RangeError} for one out of range.
 * @example
 * ```ts
 * import { resolvePool1dOptions } from 'shapecheck';
 * resolvePool1dOptions('MaxPool1d', { kernelSize: 3, padding: 1 }).kernelSize;
 * //=> [1, 3]
 * ```
 * @category Shapes
 */
export function resolvePool1dOptions(op: 'MaxPool1d' | 'AvgPool1d', options: MaxPool1dOptions | AvgPool1dOptions): ResolvedPool2dOptions {
  // a height of 1 (no padding on it): its padding check never fails, so only the length's shows
  const read: PoolSizeReader = (layer, param, value, check) => [param === 'padding' ? 0 : 1, single(layer, param, value, check)];
  // the 2-D kernels' op names only their own checks, which a checked 1-D input never fails
  return resolvePoolOptions(op, op === 'MaxPool1d' ? 'MaxPool2d' : 'AvgPool2d', options, read, ['height', 'length']);
}

/**
 * Checks an input shape `[N, C, L]` or `[C, L]` against resolved 1-D pool options and returns the
 * output shape, throwing exactly the messages of {@link MaxPool1dOutputShape} / {@link AvgPool1dOutputShape}.
 *
 * @throws {ShapeError} for a wrong rank, an empty input or an output length below 1.
 * @example
 * ```ts
 * import { pool1dShapeFromResolved, resolvePool1dOptions } from 'shapecheck';
 * pool1dShapeFromResolved('MaxPool1d', [3, 'L'], resolvePool1dOptions('MaxPool1d', { kernelSize: 3, stride: 2, padding: 1 }));
 * //=> [3, '(L+1)//2']
 * ```
 * @category Shapes
 */
export function pool1dShapeFromResolved(op: 'MaxPool1d' | 'AvgPool1d', inputShape: readonly number[], params: ResolvedPool2dOptions): number[];
export function pool1dShapeFromResolved(op: 'MaxPool1d' | 'AvgPool1d', inputShape: readonly (number | string)[], params: ResolvedPool2dOptions): (number | string)[];
export function pool1dShapeFromResolved(op: 'MaxPool1d' | 'AvgPool1d', inputShape: readonly (number | string)[], params: ResolvedPool2dOptions): (number | string)[] {
  if (!Array.isArray(inputShape)) throw new TypeError(`${op}: the input shape must be an array of dims`);
  if (inputShape.length !== 2 && inputShape.length !== 3) throw new ShapeError(writePool1dInputMessage(op, inputShape));
  const batched = inputShape.length === 3;
  const names = batched ? ['batch', 'channels', 'length'] : ['channels', 'length'];
  inputShape.forEach((dim, i) => (typeof dim === 'string' ? checkSymbolicDim(op, `input ${names[i]}`, dim) : checkNonNegativeInteger(op, `input ${names[i]}`, dim)));
  const [channels, length] = inputShape.slice(batched ? 1 : 0) as [number | string, number | string];
  if (channels === 0 || length === 0) throw new ShapeError(writePool1dInputMessage(op, inputShape));
  const k = params.kernelSize[1];
  const s = params.stride[1];
  const p = params.padding[1];
  const d = params.dilation[1];
  const out = poolOutputSize(length, k, p, s, d, params.ceilMode);
  if (typeof out === 'number' && typeof length === 'number' && out < 1) {
    throw new ShapeError(writePoolOutputTooSmallMessage(op, 'length', out, length, p, d, k, s, params.ceilMode));
  }
  return batched ? [inputShape[0] as number | string, channels, out] : [channels, out];
}

/**
 * The output shape of `nn.MaxPool1d` at runtime, the twin of {@link MaxPool1dOutputShape}.
 *
 * @throws {ShapeError} when the input does not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { maxPool1dOutputShape } from 'shapecheck';
 * maxPool1dOutputShape([1, 2, 7], { kernelSize: 3, stride: 2, dilation: 2 });
 * //=> [1, 2, 2]
 * ```
 * @category Shapes
 */
export function maxPool1dOutputShape<const InputShape extends readonly (number | string)[], const Options extends MaxPool1dOptions>(
  inputShape: InputShape,
  options: MaxPool1dOutputShape<InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): MaxPool1dOutputShape<InputShape, Options> {
  return pool1dShapeFromResolved('MaxPool1d', inputShape, resolvePool1dOptions('MaxPool1d', options as MaxPool1dOptions)) as MaxPool1dOutputShape<InputShape, Options>;
}

/**
 * The output shape of `nn.AvgPool1d` at runtime, the twin of {@link AvgPool1dOutputShape}.
 *
 * @throws {ShapeError} when the input does not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { avgPool1dOutputShape } from 'shapecheck';
 * avgPool1dOutputShape([1, 2, 7], { kernelSize: 2, ceilMode: true });
 * //=> [1, 2, 4]
 * ```
 * @category Shapes
 */
export function avgPool1dOutputShape<const InputShape extends readonly (number | string)[], const Options extends AvgPool1dOptions>(
  inputShape: InputShape,
  options: AvgPool1dOutputShape<InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): AvgPool1dOutputShape<InputShape, Options> {
  return pool1dShapeFromResolved('AvgPool1d', inputShape, resolvePool1dOptions('AvgPool1d', options as AvgPool1dOptions)) as AvgPool1dOutputShape<InputShape, Options>;
}

// ---------------------------------------------------------------------------------------------
// AdaptiveAvgPool1d.

/**
 * An input to `AdaptiveAvgPool1d` that is neither `[C, L]` nor `[N, C, L]` (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { AdaptivePool1dRankMessage } from 'shapecheck';
 * type M = AdaptivePool1dRankMessage<[1, 3, 4, 4]>;
 * //=> "AdaptiveAvgPool1d: Expected 2D or 3D input, but got input of size: [1, 3, 4, 4] (Expected 2 to 3 dimensions, but got 4-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_avg_pool1d))"
 * ```
 * @category Messages
 */
export type AdaptivePool1dRankMessage<InputShape extends readonly unknown[]> =
  `AdaptiveAvgPool1d: Expected 2D or 3D input, but got input of size: ${FormatList<InputShape>} (Expected 2 to 3 dimensions, but got ${InputShape['length']}-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_avg_pool1d))`;
/**
 * Runtime twin of {@link AdaptivePool1dRankMessage}.
 *
 * @example
 * ```ts
 * import { writeAdaptivePool1dRankMessage } from 'shapecheck';
 * writeAdaptivePool1dRankMessage([5]);
 * //=> "AdaptiveAvgPool1d: Expected 2D or 3D input, but got input of size: [5] (Expected 2 to 3 dimensions, but got 1-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_avg_pool1d))"
 * ```
 * @category Messages
 */
export function writeAdaptivePool1dRankMessage(inputShape: readonly unknown[]): string {
  return `AdaptiveAvgPool1d: Expected 2D or 3D input, but got input of size: ${formatList(inputShape)} (Expected 2 to 3 dimensions, but got ${inputShape.length}-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_avg_pool1d))`;
}

/**
 * An `AdaptiveAvgPool1d` input of length 0 (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { AdaptivePool1dEmptyMessage } from 'shapecheck';
 * type M = AdaptivePool1dEmptyMessage<[1, 3, 0], 2>;
 * //=> 'AdaptiveAvgPool1d: Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 3, 0] with dimension 2 being empty'
 * ```
 * @category Messages
 */
export type AdaptivePool1dEmptyMessage<InputShape extends readonly unknown[], Dim extends number> =
  `AdaptiveAvgPool1d: Expected input to have non-zero size for non-batch dimensions, but input has sizes ${FormatList<InputShape>} with dimension ${Dim} being empty`;
/**
 * Runtime twin of {@link AdaptivePool1dEmptyMessage}.
 *
 * @example
 * ```ts
 * import { writeAdaptivePool1dEmptyMessage } from 'shapecheck';
 * writeAdaptivePool1dEmptyMessage([3, 0], 1);
 * //=> 'AdaptiveAvgPool1d: Expected input to have non-zero size for non-batch dimensions, but input has sizes [3, 0] with dimension 1 being empty'
 * ```
 * @category Messages
 */
export function writeAdaptivePool1dEmptyMessage(inputShape: readonly unknown[], dim: number): string {
  return `AdaptiveAvgPool1d: Expected input to have non-zero size for non-batch dimensions, but input has sizes ${formatList(inputShape)} with dimension ${dim} being empty`;
}

/**
 * An `outputSize` that is not a non-negative integer (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { AdaptivePool1dOutputSizeMessage } from 'shapecheck';
 * type M = AdaptivePool1dOutputSizeMessage<-1>;
 * //=> 'AdaptiveAvgPool1d: outputSize must be a non-negative integer, got -1 (adaptive_avg_pool1d: elements of output_size must be greater than or equal to 0)'
 * ```
 * @category Messages
 */
export type AdaptivePool1dOutputSizeMessage<Value> =
  `AdaptiveAvgPool1d: outputSize must be a non-negative integer, got ${FormatValue<Value>} (adaptive_avg_pool1d: elements of output_size must be greater than or equal to 0)`;
/**
 * Runtime twin of {@link AdaptivePool1dOutputSizeMessage}.
 *
 * @example
 * ```ts
 * import { writeAdaptivePool1dOutputSizeMessage } from 'shapecheck';
 * writeAdaptivePool1dOutputSizeMessage(1.5);
 * //=> 'AdaptiveAvgPool1d: outputSize must be a non-negative integer, got 1.5 (adaptive_avg_pool1d: elements of output_size must be greater than or equal to 0)'
 * ```
 * @category Messages
 */
export function writeAdaptivePool1dOutputSizeMessage(value: unknown): string {
  const shown = typeof value === 'string' ? `'${value}'` : formatValue(value);
  return `AdaptiveAvgPool1d: outputSize must be a non-negative integer, got ${shown} (adaptive_avg_pool1d: elements of output_size must be greater than or equal to 0)`;
}

/** The output size's error, or `never` when it is valid (or only known as `number`). */
type OutputSizeError<Size> = IsWide<Size> extends true
  ? never
  : NaturalDigits<Size> extends string
    ? never
    : ErrorMessage<AdaptivePool1dOutputSizeMessage<Size>>;

/**
 * The output shape of `nn.AdaptiveAvgPool1d(outputSize)`: `[..., C, outputSize]` for `[N, C, L]` or
 * `[C, L]`, or the {@link ErrorMessage} the runtime throws.
 *
 * @example
 * ```ts
 * import type { AdaptiveAvgPool1dOutputShape } from 'shapecheck';
 * type A = AdaptiveAvgPool1dOutputShape<['batch', 64, 'L'], 1>;
 * //=> ['batch', 64, 1]
 * ```
 * @category Shapes
 */
export type AdaptiveAvgPool1dOutputShape<InputShape extends Shape, OutputSize extends number> =
  OutputSizeError<OutputSize> extends infer Failure
    ? [Failure] extends [never]
      ? InputShape extends unknown
        ? number extends InputShape['length']
          ? number[]
          : InputShape extends readonly [infer N, infer C, infer L]
            ? [L] extends [0]
              ? ErrorMessage<AdaptivePool1dEmptyMessage<InputShape, 2>>
              : [N, C, OutputSize]
            : InputShape extends readonly [infer C, infer L]
              ? [L] extends [0]
                ? ErrorMessage<AdaptivePool1dEmptyMessage<InputShape, 1>>
                : [C, OutputSize]
              : ErrorMessage<AdaptivePool1dRankMessage<InputShape>>
        : never
      : Failure
    : never;

/**
 * Checks an `outputSize` for `AdaptiveAvgPool1d`.
 *
 * @throws {TypeError | RangeError} when it is not a non-negative integer.
 * @example
 * ```ts
 * import { checkAdaptivePool1dOutputSize } from 'shapecheck';
 * checkAdaptivePool1dOutputSize(4);
 * //=> 4
 * ```
 * @category Shapes
 */
export function checkAdaptivePool1dOutputSize(outputSize: unknown): number {
  if (typeof outputSize !== 'number' || !Number.isInteger(outputSize)) throw new TypeError(writeAdaptivePool1dOutputSizeMessage(outputSize));
  if (outputSize < 0) throw new RangeError(writeAdaptivePool1dOutputSizeMessage(outputSize));
  return outputSize;
}

/**
 * The output shape of `nn.AdaptiveAvgPool1d(outputSize)` at runtime, the twin of
 * {@link AdaptiveAvgPool1dOutputShape}.
 *
 * @throws {ShapeError} for a wrong rank or an empty length; {@link TypeError}/{@link RangeError} for a bad `outputSize`.
 * @example
 * ```ts
 * import { adaptiveAvgPool1dOutputShape } from 'shapecheck';
 * adaptiveAvgPool1dOutputShape(['N', 16, 'L'], 4);
 * //=> ['N', 16, 4]
 * ```
 * @category Shapes
 */
export function adaptiveAvgPool1dOutputShape(inputShape: readonly number[], outputSize: number): number[];
export function adaptiveAvgPool1dOutputShape(inputShape: readonly (number | string)[], outputSize: number): (number | string)[];
export function adaptiveAvgPool1dOutputShape(inputShape: readonly (number | string)[], outputSize: number): (number | string)[] {
  const size = checkAdaptivePool1dOutputSize(outputSize);
  if (!Array.isArray(inputShape)) throw new TypeError('AdaptiveAvgPool1d: the input shape must be an array of dims');
  if (inputShape.length !== 2 && inputShape.length !== 3) throw new ShapeError(writeAdaptivePool1dRankMessage(inputShape));
  inputShape.forEach((dim, i) =>
    typeof dim === 'string' ? checkSymbolicDim('AdaptiveAvgPool1d', `input dim ${i}`, dim) : checkNonNegativeInteger('AdaptiveAvgPool1d', `input dim ${i}`, dim),
  );
  const rank = inputShape.length;
  if (inputShape[rank - 1] === 0) throw new ShapeError(writeAdaptivePool1dEmptyMessage(inputShape, rank - 1));
  return [...inputShape.slice(0, -1), size];
}
