/**
 * Shape rules of `nn.AdaptiveMaxPool2d` (PyTorch's messages), as types and as runtime functions
 * sharing one message text; the output size works as `AdaptiveAvgPool2d`'s.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { checkNonNegativeInteger } from './conv-output-size.js';
import { formatList, formatValue, type FormatList, type FormatValue } from './format.js';
import type { AdaptiveOutputSize } from './norm.js';
import { ShapeError } from './shape-error.js';
import type { Dim, Shape } from './shape.js';
import { checkSymbolicDim } from './symbolic.js';

/**
 * An input to `AdaptiveMaxPool2d` that is neither `[C, H, W]` nor `[N, C, H, W]`.
 *
 * @example
 * ```ts
 * import type { AdaptiveMaxPoolRankMessage } from 'shapecheck';
 * type M = AdaptiveMaxPoolRankMessage<[3, 7]>;
 * //=> 'AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: [3, 7]'
 * ```
 * @category Messages
 */
export type AdaptiveMaxPoolRankMessage<InputShape extends readonly unknown[]> = `AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: ${FormatList<InputShape>}`;
/**
 * Runtime twin of {@link AdaptiveMaxPoolRankMessage}.
 *
 * @example
 * ```ts
 * import { writeAdaptiveMaxPoolRankMessage } from 'shapecheck';
 * writeAdaptiveMaxPoolRankMessage([3, 7]);
 * //=> 'AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: [3, 7]'
 * ```
 * @category Messages
 */
export function writeAdaptiveMaxPoolRankMessage(inputShape: readonly unknown[]): string {
  return `AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: ${formatList(inputShape)}`;
}

/**
 * An input to `AdaptiveMaxPool2d` with an empty channel or spatial dim.
 *
 * @example
 * ```ts
 * import type { AdaptiveMaxPoolEmptyMessage } from 'shapecheck';
 * type M = AdaptiveMaxPoolEmptyMessage<[1, 3, 0, 7], 2>;
 * //=> 'AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 3, 0, 7] with dimension 2 being empty'
 * ```
 * @category Messages
 */
export type AdaptiveMaxPoolEmptyMessage<InputShape extends readonly unknown[], D extends number> =
  `AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ${FormatList<InputShape>} with dimension ${D} being empty`;
/**
 * Runtime twin of {@link AdaptiveMaxPoolEmptyMessage}.
 *
 * @example
 * ```ts
 * import { writeAdaptiveMaxPoolEmptyMessage } from 'shapecheck';
 * writeAdaptiveMaxPoolEmptyMessage([3, 0, 7], 1);
 * //=> 'AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [3, 0, 7] with dimension 1 being empty'
 * ```
 * @category Messages
 */
export function writeAdaptiveMaxPoolEmptyMessage(inputShape: readonly unknown[], dim: number): string {
  return `AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ${formatList(inputShape)} with dimension ${dim} being empty`;
}

/**
 * An `outputSize` entry that is not a non-negative integer or `null`, or a list not of two.
 *
 * @example
 * ```ts
 * import type { AdaptiveMaxOutputSizeMessage } from 'shapecheck';
 * type M = AdaptiveMaxOutputSizeMessage<-1>;
 * //=> 'AdaptiveMaxPool2d: outputSize must be a non-negative integer or null, got -1 (Trying to create tensor with negative dimension)'
 * ```
 * @category Messages
 */
export type AdaptiveMaxOutputSizeMessage<Value> =
  `AdaptiveMaxPool2d: outputSize must be a non-negative integer or null, got ${FormatValue<Value>} (${Value extends readonly unknown[] ? 'adaptive_max_pool2d(): internal error: output_size.size() must be 2' : 'Trying to create tensor with negative dimension'})`;
/**
 * Runtime twin of {@link AdaptiveMaxOutputSizeMessage}.
 *
 * @example
 * ```ts
 * import { writeAdaptiveMaxOutputSizeMessage } from 'shapecheck';
 * writeAdaptiveMaxOutputSizeMessage([1, 2, 3]);
 * //=> 'AdaptiveMaxPool2d: outputSize must be a non-negative integer or null, got [1, 2, 3] (adaptive_max_pool2d(): internal error: output_size.size() must be 2)'
 * ```
 * @category Messages
 */
export function writeAdaptiveMaxOutputSizeMessage(value: unknown): string {
  const phrase = Array.isArray(value) ? 'adaptive_max_pool2d(): internal error: output_size.size() must be 2' : 'Trying to create tensor with negative dimension';
  const shown = typeof value === 'string' ? `'${value}'` : formatValue(value);
  return `AdaptiveMaxPool2d: outputSize must be a non-negative integer or null, got ${shown} (${phrase})`;
}

/** The `outputSize` error, if any (negative or fractional literal). */
type BadSize<Value> = Value extends null
  ? never
  : Value extends number
    ? number extends Value
      ? never
      : `${Value}` extends `-${string}` | `${string}.${string}` | `${string}e${string}`
        ? ErrorMessage<AdaptiveMaxOutputSizeMessage<Value>>
        : never
    : ErrorMessage<AdaptiveMaxOutputSizeMessage<Value>>;

/** The `outputSize` error of `AdaptiveMaxPool2d`, or `never`. */
type OutputSizeError<OutputSize> = OutputSize extends readonly [infer H, infer W]
  ? [BadSize<H>] extends [never]
    ? BadSize<W>
    : BadSize<H>
  : OutputSize extends readonly unknown[]
    ? ErrorMessage<AdaptiveMaxOutputSizeMessage<OutputSize>>
    : OutputSize extends null
      ? ErrorMessage<AdaptiveMaxOutputSizeMessage<OutputSize>>
      : BadSize<OutputSize>;

type OutDim<Size, Input> = Size extends null ? Input : Size;

type AdaptiveOf<InputShape extends readonly unknown[], C, Height, Width, Lead extends unknown[], CDim extends number, SizeH, SizeW> = C extends 0
  ? ErrorMessage<AdaptiveMaxPoolEmptyMessage<InputShape, CDim>>
  : Height extends 0
    ? ErrorMessage<AdaptiveMaxPoolEmptyMessage<InputShape, [1, 2, 3][CDim]>>
    : Width extends 0
      ? ErrorMessage<AdaptiveMaxPoolEmptyMessage<InputShape, [2, 3, 4][CDim]>>
      : [...Lead, C, OutDim<SizeH, Height>, OutDim<SizeW, Width>];

/**
 * The output shape of `nn.AdaptiveMaxPool2d(outputSize)` for `[N, C, H, W]` or unbatched
 * `[C, H, W]` (the indices of `returnIndices` have the same shape): the last two dims become the
 * output size (`null` keeps the input dim). A wrong rank, an empty channel or spatial dim or a bad
 * `outputSize` gives an {@link ErrorMessage} with the runtime's words.
 *
 * @example
 * ```ts
 * import type { AdaptiveMaxPool2dOutputShape } from 'shapecheck';
 * type A = AdaptiveMaxPool2dOutputShape<['batch', 64, 'H', 'W'], [7, null]>;
 * //=> ['batch', 64, 7, 'W']
 * ```
 * @category Shapes
 */
export type AdaptiveMaxPool2dOutputShape<InputShape extends Shape, OutputSize> =
  OutputSizeError<OutputSize> extends infer Failure
    ? [Failure] extends [never]
      ? (OutputSize extends readonly [infer H, infer W] ? [H, W] : [OutputSize, OutputSize]) extends [infer SizeH, infer SizeW]
        ? InputShape extends unknown
          ? number extends InputShape['length']
            ? number[]
            : InputShape extends readonly [infer N, infer C, infer H, infer W]
              ? AdaptiveOf<InputShape, C, H, W, [N], 1, SizeH, SizeW>
              : InputShape extends readonly [infer C, infer H, infer W]
                ? AdaptiveOf<InputShape, C, H, W, [], 0, SizeH, SizeW>
                : ErrorMessage<AdaptiveMaxPoolRankMessage<InputShape>>
          : never
        : never
      : Failure
    : never;

/**
 * Validates an `AdaptiveMaxPool2d` `outputSize` and resolves it to `[height, width]` (`null`
 * keeps the input dim).
 *
 * @throws {TypeError | RangeError} for an entry that is not a non-negative integer or `null`.
 * @example
 * ```ts
 * import { resolveAdaptiveMaxOutputSize } from 'shapecheck';
 * resolveAdaptiveMaxOutputSize([null, 3]);
 * //=> [null, 3]
 * ```
 * @category Shapes
 */
export function resolveAdaptiveMaxOutputSize(outputSize: AdaptiveOutputSize): [number | null, number | null] {
  const check = (value: unknown): number | null => {
    if (value === null) return null;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(writeAdaptiveMaxOutputSizeMessage(value));
    if (value < 0) throw new RangeError(writeAdaptiveMaxOutputSizeMessage(value));
    return value;
  };
  if (Array.isArray(outputSize)) {
    if (outputSize.length !== 2) throw new TypeError(writeAdaptiveMaxOutputSizeMessage(outputSize));
    return [check(outputSize[0]), check(outputSize[1])];
  }
  if (outputSize === null) throw new TypeError(writeAdaptiveMaxOutputSizeMessage(outputSize));
  const size = check(outputSize) as number;
  return [size, size];
}

/**
 * The output shape of `nn.AdaptiveMaxPool2d(outputSize)` at runtime: the twin of
 * {@link AdaptiveMaxPool2dOutputShape}, on sizes and names.
 *
 * @throws {ShapeError} for a wrong rank or an empty dim; {@link TypeError}/{@link RangeError} for a
 *   bad `outputSize` or dim.
 * @example
 * ```ts
 * import { adaptiveMaxPool2dOutputShape } from 'shapecheck';
 * adaptiveMaxPool2dOutputShape([1, 512, 7, 7], [1, null]);
 * //=> [1, 512, 1, 7]
 * ```
 * @category Shapes
 */
export function adaptiveMaxPool2dOutputShape(inputShape: readonly number[], outputSize: AdaptiveOutputSize): number[];
export function adaptiveMaxPool2dOutputShape(inputShape: readonly Dim[], outputSize: AdaptiveOutputSize): Dim[];
export function adaptiveMaxPool2dOutputShape(inputShape: readonly Dim[], outputSize: AdaptiveOutputSize): Dim[] {
  const [sizeH, sizeW] = resolveAdaptiveMaxOutputSize(outputSize);
  if (!Array.isArray(inputShape)) throw new TypeError('AdaptiveMaxPool2d: the input shape must be an array of dims');
  if (inputShape.length !== 3 && inputShape.length !== 4) throw new ShapeError(writeAdaptiveMaxPoolRankMessage(inputShape));
  inputShape.forEach((dim, i) => (typeof dim === 'string' ? checkSymbolicDim('AdaptiveMaxPool2d', `input dim ${i}`, dim) : checkNonNegativeInteger('AdaptiveMaxPool2d', `input dim ${i}`, dim)));
  const rank = inputShape.length;
  for (let d = rank - 3; d < rank; d++) if (inputShape[d] === 0) throw new ShapeError(writeAdaptiveMaxPoolEmptyMessage(inputShape, d));
  return [...inputShape.slice(0, -2), sizeH ?? (inputShape[rank - 2] as Dim), sizeW ?? (inputShape[rank - 1] as Dim)];
}

/**
 * A pooling layer with `returnIndices: true` in a model: its forward returns `[output, indices]`,
 * and a model passes one tensor from layer to layer (PyTorch's `nn.Sequential` fails the same way,
 * later).
 *
 * @example
 * ```ts
 * import type { ReturnIndicesInModelMessage } from 'shapecheck';
 * type M = ReturnIndicesInModelMessage<'MaxPool2d'>;
 * //=> 'MaxPool2d: returnIndices: true makes forward return [output, indices], which a model cannot pass to its next layer; call the layer yourself'
 * ```
 * @category Messages
 */
export type ReturnIndicesInModelMessage<Layer extends string> =
  `${Layer}: returnIndices: true makes forward return [output, indices], which a model cannot pass to its next layer; call the layer yourself`;
/**
 * Runtime twin of {@link ReturnIndicesInModelMessage}.
 *
 * @example
 * ```ts
 * import { writeReturnIndicesInModelMessage } from 'shapecheck';
 * writeReturnIndicesInModelMessage('AdaptiveMaxPool2d');
 * //=> 'AdaptiveMaxPool2d: returnIndices: true makes forward return [output, indices], which a model cannot pass to its next layer; call the layer yourself'
 * ```
 * @category Messages
 */
export function writeReturnIndicesInModelMessage(layer: string): string {
  return `${layer}: returnIndices: true makes forward return [output, indices], which a model cannot pass to its next layer; call the layer yourself`;
}
