/**
 * Shape rules of `nn.BatchNorm2d` and `nn.AdaptiveAvgPool2d` (PyTorch 1.13), as types and as
 * runtime functions sharing one message text.
 * @packageDocumentation
 */
import { checkSymbolicDim } from './symbolic.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { checkNonNegativeInteger } from './conv-output-size.js';
import { formatList, formatValue, type FormatList, type FormatValue } from './format.js';
import { ShapeError } from './shape-error.js';
import type { Shape } from './shape.js';

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/**
 * An input to `BatchNorm2d` whose channel dim is not `numFeatures` (PyTorch's words at the end;
 * `Param` is the tensor PyTorch checks: `running_mean`, or `weight` without running statistics).
 *
 * @example
 * ```ts
 * import type { BatchNormChannelsMessage } from 'shapecheck';
 * type M = BatchNormChannelsMessage<[1, 3, 8, 8], 4, 3>;
 * //=> 'BatchNorm2d: expected input[1, 3, 8, 8] to have 4 channels (numFeatures), got 3 (running_mean should contain 3 elements not 4)'
 * ```
 * @category Messages
 */
export type BatchNormChannelsMessage<
  InputShape extends readonly unknown[],
  Expected extends number | string,
  Got extends number | string,
  Param extends string = 'running_mean',
> = `BatchNorm2d: expected input${FormatList<InputShape>} to have ${Expected} channels (numFeatures), got ${Got} (${Param} should contain ${Got} elements not ${Expected})`;
/**
 * Runtime twin of {@link BatchNormChannelsMessage}.
 *
 * @example
 * ```ts
 * import { writeBatchNormChannelsMessage } from 'shapecheck';
 * writeBatchNormChannelsMessage([1, 3, 8, 8], 4, 3);
 * //=> 'BatchNorm2d: expected input[1, 3, 8, 8] to have 4 channels (numFeatures), got 3 (running_mean should contain 3 elements not 4)'
 * ```
 * @category Messages
 */
export function writeBatchNormChannelsMessage(inputShape: readonly unknown[], expected: number, got: number | string, param = 'running_mean'): string {
  return `BatchNorm2d: expected input${formatList(inputShape)} to have ${expected} channels (numFeatures), got ${got} (${param} should contain ${got} elements not ${expected})`;
}

/**
 * An input to `BatchNorm2d` that is neither `[C, H, W]` nor `[N, C, H, W]` (PyTorch's words at
 * the end; PyTorch itself takes 4-D input only).
 *
 * @example
 * ```ts
 * import type { BatchNormRankMessage } from 'shapecheck';
 * type M = BatchNormRankMessage<[8, 8]>;
 * //=> 'BatchNorm2d: expected 3D or 4D input, got input of size: [8, 8] (expected 4D input (got 2D input))'
 * ```
 * @category Messages
 */
export type BatchNormRankMessage<InputShape extends readonly unknown[]> =
  `BatchNorm2d: expected 3D or 4D input, got input of size: ${FormatList<InputShape>} (expected 4D input (got ${InputShape['length']}D input))`;
/**
 * Runtime twin of {@link BatchNormRankMessage}.
 *
 * @example
 * ```ts
 * import { writeBatchNormRankMessage } from 'shapecheck';
 * writeBatchNormRankMessage([8, 8]);
 * //=> 'BatchNorm2d: expected 3D or 4D input, got input of size: [8, 8] (expected 4D input (got 2D input))'
 * ```
 * @category Messages
 */
export function writeBatchNormRankMessage(inputShape: readonly unknown[]): string {
  return `BatchNorm2d: expected 3D or 4D input, got input of size: ${formatList(inputShape)} (expected 4D input (got ${inputShape.length}D input))`;
}

/**
 * An input to `AdaptiveAvgPool2d` that is neither `[C, H, W]` nor `[N, C, H, W]` (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { AdaptivePoolRankMessage } from 'shapecheck';
 * type M = AdaptivePoolRankMessage<[3, 7]>;
 * //=> 'AdaptiveAvgPool2d: Expected 3D or 4D tensor, but got [3, 7]'
 * ```
 * @category Messages
 */
export type AdaptivePoolRankMessage<InputShape extends readonly unknown[]> = `AdaptiveAvgPool2d: Expected 3D or 4D tensor, but got ${FormatList<InputShape>}`;
/**
 * Runtime twin of {@link AdaptivePoolRankMessage}.
 *
 * @example
 * ```ts
 * import { writeAdaptivePoolRankMessage } from 'shapecheck';
 * writeAdaptivePoolRankMessage([3, 7]);
 * //=> 'AdaptiveAvgPool2d: Expected 3D or 4D tensor, but got [3, 7]'
 * ```
 * @category Messages
 */
export function writeAdaptivePoolRankMessage(inputShape: readonly unknown[]): string {
  return `AdaptiveAvgPool2d: Expected 3D or 4D tensor, but got ${formatList(inputShape)}`;
}

/**
 * An input to `AdaptiveAvgPool2d` with an empty spatial dim (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { AdaptivePoolEmptyMessage } from 'shapecheck';
 * type M = AdaptivePoolEmptyMessage<[1, 3, 0, 7], 2>;
 * //=> 'AdaptiveAvgPool2d: Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 3, 0, 7] with dimension 2 being empty'
 * ```
 * @category Messages
 */
export type AdaptivePoolEmptyMessage<InputShape extends readonly unknown[], Dim extends number> =
  `AdaptiveAvgPool2d: Expected input to have non-zero size for non-batch dimensions, but input has sizes ${FormatList<InputShape>} with dimension ${Dim} being empty`;
/**
 * Runtime twin of {@link AdaptivePoolEmptyMessage}.
 *
 * @example
 * ```ts
 * import { writeAdaptivePoolEmptyMessage } from 'shapecheck';
 * writeAdaptivePoolEmptyMessage([1, 3, 0, 7], 2);
 * //=> 'AdaptiveAvgPool2d: Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 3, 0, 7] with dimension 2 being empty'
 * ```
 * @category Messages
 */
export function writeAdaptivePoolEmptyMessage(inputShape: readonly unknown[], dim: number): string {
  return `AdaptiveAvgPool2d: Expected input to have non-zero size for non-batch dimensions, but input has sizes ${formatList(inputShape)} with dimension ${dim} being empty`;
}

/**
 * An `outputSize` entry that is not a non-negative integer (or `null`), or a list that is not a
 * pair, with PyTorch's phrase for each.
 *
 * @example
 * ```ts
 * import type { AdaptiveOutputSizeMessage } from 'shapecheck';
 * type M = AdaptiveOutputSizeMessage<-1>;
 * //=> 'AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got -1 (adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0)'
 * ```
 * @category Messages
 */
export type AdaptiveOutputSizeMessage<Value> =
  `AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got ${FormatValue<Value>} (adaptive_avg_pool2d: ${Value extends readonly unknown[] ? 'output_size must be 2' : 'elements of output_size must be greater than or equal to 0'})`;
/**
 * Runtime twin of {@link AdaptiveOutputSizeMessage}.
 *
 * @example
 * ```ts
 * import { writeAdaptiveOutputSizeMessage } from 'shapecheck';
 * writeAdaptiveOutputSizeMessage(-1);
 * //=> 'AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got -1 (adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0)'
 * ```
 * @category Messages
 */
export function writeAdaptiveOutputSizeMessage(value: unknown): string {
  const phrase = Array.isArray(value) ? 'output_size must be 2' : 'elements of output_size must be greater than or equal to 0';
  const shown = typeof value === 'string' ? `'${value}'` : formatValue(value);
  return `AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got ${shown} (adaptive_avg_pool2d: ${phrase})`;
}

/**
 * A dropout probability outside [0, 1] (PyTorch's words in parentheses); `Op` names the layer
 * (`'Dropout'` by default, `'Dropout2d'`).
 *
 * @example
 * ```ts
 * import type { DropoutProbabilityMessage } from 'shapecheck';
 * type M = DropoutProbabilityMessage<1.5>;
 * //=> 'Dropout: p must be between 0 and 1, got 1.5 (dropout probability has to be between 0 and 1, but got 1.5)'
 * ```
 * @category Messages
 */
export type DropoutProbabilityMessage<P, Op extends string = 'Dropout'> =
  `${Op}: p must be between 0 and 1, got ${FormatValue<P>} (dropout probability has to be between 0 and 1, but got ${FormatValue<P>})`;
/**
 * Runtime twin of {@link DropoutProbabilityMessage}.
 *
 * @example
 * ```ts
 * import { writeDropoutProbabilityMessage } from 'shapecheck';
 * writeDropoutProbabilityMessage(1.5);
 * //=> 'Dropout: p must be between 0 and 1, got 1.5 (dropout probability has to be between 0 and 1, but got 1.5)'
 * ```
 * @category Messages
 */
export function writeDropoutProbabilityMessage(p: unknown, op = 'Dropout'): string {
  const shown = typeof p === 'string' ? `'${p}'` : formatValue(p);
  return `${op}: p must be between 0 and 1, got ${shown} (dropout probability has to be between 0 and 1, but got ${shown})`;
}

/**
 * A literal dropout probability checked at compile time: `never` when it is in [0, 1] (or only
 * `number` is known), otherwise its {@link DropoutProbabilityMessage}.
 *
 * @example
 * ```ts
 * import type { DropoutProbabilityError } from 'shapecheck';
 * type A = DropoutProbabilityError<0.2>;
 * //=> never
 * type B = DropoutProbabilityError<-0.5>;
 * //=> ErrorMessage<'Dropout: p must be between 0 and 1, got -0.5 (dropout probability has to be between 0 and 1, but got -0.5)'>
 * ```
 * @category Shapes
 */
export type DropoutProbabilityError<P, Op extends string = 'Dropout'> = P extends number
  ? number extends P
    ? never
    : P extends 0 | 1
      ? never
      : // 0.x, or a small number printed with an exponent (1e-7)
        `${P}` extends `0.${string}` | `${bigint}e-${string}` | `${bigint}.${string}e-${string}`
        ? `${P}` extends `-${string}`
          ? ErrorMessage<DropoutProbabilityMessage<P, Op>>
          : never
        : ErrorMessage<DropoutProbabilityMessage<P, Op>>
  : never;

/**
 * Validates a dropout probability (a number in [0, 1]), throwing the message its type twin shows.
 *
 * @throws {TypeError} when `p` is not a number; {@link RangeError} when it is outside [0, 1] or NaN.
 * @example
 * ```ts
 * import { checkDropoutProbability } from 'shapecheck';
 * checkDropoutProbability(0.25);
 * //=> 0.25
 * ```
 * @category Shapes
 */
export function checkDropoutProbability(p: unknown, op = 'Dropout'): number {
  if (typeof p !== 'number') throw new TypeError(writeDropoutProbabilityMessage(p, op));
  if (!(p >= 0 && p <= 1)) throw new RangeError(writeDropoutProbabilityMessage(p, op));
  return p;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/** The channel check of one input shape (not a union). */
type BatchNormChannels<InputShape extends readonly unknown[], Channels, NumFeatures extends number, Param extends string> = number extends NumFeatures
  ? InputShape
  : Channels extends number
    ? number extends Channels
      ? InputShape
      : Channels extends NumFeatures
        ? InputShape
        : ErrorMessage<BatchNormChannelsMessage<InputShape, NumFeatures, Channels, Param>>
    : // a named channel dim: unchecked
      InputShape;

/**
 * The output shape of `nn.BatchNorm2d(numFeatures)` (eval mode): the input shape, when it is
 * `[N, C, H, W]` or unbatched `[C, H, W]` and a literal `C` equals `NumFeatures`; otherwise an
 * {@link ErrorMessage} whose text is exactly what {@link batchNorm2dOutputShape} throws. `Param`
 * names the tensor PyTorch checks (`'weight'` without running statistics); a `number`
 * `NumFeatures` skips the check. Unions of input shapes distribute.
 *
 * @example
 * ```ts
 * import type { BatchNorm2dOutputShape } from 'shapecheck';
 * type A = BatchNorm2dOutputShape<['batch', 64, 56, 56], 64>;
 * //=> ['batch', 64, 56, 56]
 * type B = BatchNorm2dOutputShape<[1, 3, 8, 8], 4>;
 * //=> ErrorMessage<'BatchNorm2d: expected input[1, 3, 8, 8] to have 4 channels (numFeatures), got 3 (running_mean should contain 3 elements not 4)'>
 * ```
 * @category Shapes
 */
export type BatchNorm2dOutputShape<InputShape extends Shape, NumFeatures extends number, Param extends string = 'running_mean'> = InputShape extends unknown
  ? number extends InputShape['length']
    ? number[]
    : InputShape extends readonly [unknown, infer Channels, unknown, unknown]
      ? BatchNormChannels<InputShape, Channels, NumFeatures, Param>
      : InputShape extends readonly [infer Channels, unknown, unknown]
        ? BatchNormChannels<InputShape, Channels, NumFeatures, Param>
        : ErrorMessage<BatchNormRankMessage<InputShape>>
  : never;

/**
 * `AdaptiveAvgPool2d`'s `outputSize`: one size for both spatial dims, or an `[height, width]`
 * pair where `null` keeps that input dim.
 *
 * @example
 * ```ts
 * import type { AdaptiveOutputSize } from 'shapecheck';
 * const size: AdaptiveOutputSize = [7, null];
 * ```
 * @category Shapes
 */
export type AdaptiveOutputSize = number | readonly [number | null, number | null];

/** The `outputSize` error, if any (negative or fractional literal). */
type BadSize<Value> = Value extends null
  ? never
  : Value extends number
    ? number extends Value
      ? never
      : `${Value}` extends `-${string}` | `${string}.${string}` | `${string}e${string}`
        ? ErrorMessage<AdaptiveOutputSizeMessage<Value>>
        : never
    : never;

/**
 * The `outputSize` error of `AdaptiveAvgPool2d`, or `never` when it is valid.
 *
 * @example
 * ```ts
 * import type { AdaptiveOutputSizeError } from 'shapecheck';
 * type A = AdaptiveOutputSizeError<[7, -2]>;
 * //=> ErrorMessage<'AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got -2 (adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0)'>
 * ```
 * @category Shapes
 */
export type AdaptiveOutputSizeError<OutputSize extends AdaptiveOutputSize> = OutputSize extends readonly [infer H, infer W]
  ? [BadSize<H>] extends [never]
    ? BadSize<W>
    : BadSize<H>
  : BadSize<OutputSize>;

/** One output spatial dim. */
type OutDim<Size, Input> = Size extends null ? Input : Size;

/** The output shape for one input shape (not a union) and a valid output size. */
type AdaptiveOf<InputShape extends readonly unknown[], Height, Width, Lead extends unknown[], HDim extends number, WDim extends number, SizeH, SizeW> = Height extends 0
  ? ErrorMessage<AdaptivePoolEmptyMessage<InputShape, HDim>>
  : Width extends 0
    ? ErrorMessage<AdaptivePoolEmptyMessage<InputShape, WDim>>
    : [...Lead, OutDim<SizeH, Height>, OutDim<SizeW, Width>];

/**
 * The output shape of `nn.AdaptiveAvgPool2d(outputSize)` for `[N, C, H, W]` or unbatched
 * `[C, H, W]`: the last two dims become the output size (`null` keeps the input dim), the rest
 * pass through. A wrong rank, an empty spatial dim or a bad `outputSize` gives an
 * {@link ErrorMessage} with exactly the words {@link adaptiveAvgPool2dOutputShape} throws.
 *
 * @example
 * ```ts
 * import type { AdaptiveAvgPool2dOutputShape } from 'shapecheck';
 * type A = AdaptiveAvgPool2dOutputShape<['batch', 512, 'h', 'w'], 1>;
 * //=> ['batch', 512, 1, 1]
 * type B = AdaptiveAvgPool2dOutputShape<[3, 5, 7], [2, null]>;
 * //=> [3, 2, 7]
 * ```
 * @category Shapes
 */
export type AdaptiveAvgPool2dOutputShape<InputShape extends Shape, OutputSize extends AdaptiveOutputSize> =
  AdaptiveOutputSizeError<OutputSize> extends infer Failure
    ? [Failure] extends [never]
      ? (OutputSize extends readonly [infer H, infer W] ? [H, W] : [OutputSize, OutputSize]) extends [infer SizeH, infer SizeW]
        ? InputShape extends unknown
          ? number extends InputShape['length']
            ? number[]
            : InputShape extends readonly [infer N, infer C, infer H, infer W]
              ? AdaptiveOf<InputShape, H, W, [N, C], 2, 3, SizeH, SizeW>
              : InputShape extends readonly [infer C, infer H, infer W]
                ? AdaptiveOf<InputShape, H, W, [C], 1, 2, SizeH, SizeW>
                : ErrorMessage<AdaptivePoolRankMessage<InputShape>>
          : never
        : never
      : Failure
    : never;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * The output shape of `nn.BatchNorm2d(numFeatures)` for an input shape, at runtime: the twin of
 * {@link BatchNorm2dOutputShape} (pass `null` as `numFeatures` to skip the channel check).
 *
 * @throws {ShapeError} for a rank other than 3 or 4, or a channel dim other than `numFeatures`.
 * @example
 * ```ts
 * import { batchNorm2dOutputShape } from 'shapecheck';
 * batchNorm2dOutputShape([8, 64, 56, 56], 64);
 * //=> [8, 64, 56, 56]
 * ```
 * @category Shapes
 */
export function batchNorm2dOutputShape(inputShape: readonly number[], numFeatures: number | null, param?: string): number[];
export function batchNorm2dOutputShape(inputShape: readonly (number | string)[], numFeatures: number | null, param?: string): (number | string)[];
export function batchNorm2dOutputShape(inputShape: readonly (number | string)[], numFeatures: number | null, param = 'running_mean'): (number | string)[] {
  if (!Array.isArray(inputShape)) throw new TypeError('BatchNorm2d: the input shape must be an array of dims');
  if (inputShape.length !== 3 && inputShape.length !== 4) throw new ShapeError(writeBatchNormRankMessage(inputShape));
  const channels = inputShape[inputShape.length - 3] as number | string;
  if (numFeatures !== null && channels !== numFeatures) {
    throw new ShapeError(writeBatchNormChannelsMessage(inputShape, numFeatures, channels, param));
  }
  return [...inputShape];
}

/**
 * Validates an `AdaptiveAvgPool2d` `outputSize` and resolves it to an `[height, width]` pair
 * (`null` keeps the input dim).
 *
 * @throws {TypeError | RangeError} for an entry that is not a non-negative integer or `null`.
 * @example
 * ```ts
 * import { resolveAdaptiveOutputSize } from 'shapecheck';
 * resolveAdaptiveOutputSize(7);
 * //=> [7, 7]
 * ```
 * @category Shapes
 */
export function resolveAdaptiveOutputSize(outputSize: AdaptiveOutputSize): [number | null, number | null] {
  const check = (value: unknown): number | null => {
    if (value === null) return null;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(writeAdaptiveOutputSizeMessage(value));
    if (value < 0) throw new RangeError(writeAdaptiveOutputSizeMessage(value));
    return value;
  };
  if (Array.isArray(outputSize)) {
    if (outputSize.length !== 2) throw new TypeError(writeAdaptiveOutputSizeMessage(outputSize));
    return [check(outputSize[0]), check(outputSize[1])];
  }
  if (outputSize === null) throw new TypeError(writeAdaptiveOutputSizeMessage(outputSize));
  const size = check(outputSize) as number;
  return [size, size];
}

/**
 * The output shape of `nn.AdaptiveAvgPool2d(outputSize)` for an input shape, at runtime: the twin
 * of {@link AdaptiveAvgPool2dOutputShape}.
 *
 * @throws {ShapeError} for a wrong rank or an empty spatial dim; {@link TypeError}/{@link RangeError}
 *   for a bad `outputSize` or dim.
 * @example
 * ```ts
 * import { adaptiveAvgPool2dOutputShape } from 'shapecheck';
 * adaptiveAvgPool2dOutputShape([1, 512, 7, 7], [1, null]);
 * //=> [1, 512, 1, 7]
 * ```
 * @category Shapes
 */
export function adaptiveAvgPool2dOutputShape(inputShape: readonly number[], outputSize: AdaptiveOutputSize): number[];
export function adaptiveAvgPool2dOutputShape(inputShape: readonly (number | string)[], outputSize: AdaptiveOutputSize): (number | string)[];
export function adaptiveAvgPool2dOutputShape(inputShape: readonly (number | string)[], outputSize: AdaptiveOutputSize): (number | string)[] {
  const [sizeH, sizeW] = resolveAdaptiveOutputSize(outputSize);
  if (!Array.isArray(inputShape)) throw new TypeError('AdaptiveAvgPool2d: the input shape must be an array of dims');
  if (inputShape.length !== 3 && inputShape.length !== 4) throw new ShapeError(writeAdaptivePoolRankMessage(inputShape));
  inputShape.forEach((dim, i) => (typeof dim === 'string' ? checkSymbolicDim('AdaptiveAvgPool2d', `input dim ${i}`, dim) : checkNonNegativeInteger('AdaptiveAvgPool2d', `input dim ${i}`, dim)));
  const rank = inputShape.length;
  const height = inputShape[rank - 2] as number | string;
  const width = inputShape[rank - 1] as number | string;
  if (height === 0) throw new ShapeError(writeAdaptivePoolEmptyMessage(inputShape, rank - 2));
  if (width === 0) throw new ShapeError(writeAdaptivePoolEmptyMessage(inputShape, rank - 1));
  return [...inputShape.slice(0, -2), sizeH ?? height, sizeW ?? width];
}
