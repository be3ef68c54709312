/**
 * LayerNorm2d's shape rule (issue 12): torchvision's `convnext.LayerNorm2d` moves the channels
 * last (`permute(0, 2, 3, 1)`), layer-normalises over them and moves them back, so its input must
 * have 4 dims (`permute`'s check) and its channels must be `normalizedShape` (`layer_norm`'s check,
 * on the permuted shape: the words PyTorch prints).
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { layerNormOutputShape, type LayerNormOutputShape } from './norm-layers.js';
import { writePermuteLengthMessage, type PermuteLengthMessage } from './reduce.js';
import { ShapeError } from './shape-error.js';
import type { Dim, Shape } from './shape.js';

/**
 * The output shape of torchvision's `LayerNorm2d(normalizedShape)` for an input shape: the same,
 * or the message of `permute` (not 4 dims) or of `layer_norm` (channels that are not
 * `NormalizedShape`, shown on the channels-last shape, as PyTorch shows them).
 *
 * @example
 * ```ts
 * import type { LayerNorm2dOutputShape } from 'shapecheck';
 * type A = LayerNorm2dOutputShape<['batch', 96, 'H', 'W'], 96>;
 * //=> ['batch', 96, 'H', 'W']
 * type B = LayerNorm2dOutputShape<[1, 3, 56, 56], 96>;
 * //=> ErrorMessage<'LayerNorm: Given normalized_shape=[96], expected input with shape [*, 96], but got input of size[1, 56, 56, 3]'>
 * ```
 * @category Shapes
 */
export type LayerNorm2dOutputShape<S extends Shape, NormalizedShape extends number> = number extends S['length']
  ? S
  : S extends readonly [infer N extends Dim, infer C extends Dim, infer H extends Dim, infer W extends Dim]
    ? LayerNormOutputShape<[N, H, W, C], NormalizedShape> extends ErrorMessage<infer Message>
      ? ErrorMessage<Message>
      : S
    : ErrorMessage<PermuteLengthMessage<S['length'], 4>>;

/**
 * Runtime twin of {@link LayerNorm2dOutputShape}, on literal and named dims.
 *
 * @throws {ShapeError} for an input of other than 4 dims, or channels that are not `normalizedShape`.
 * @example
 * ```ts
 * import { layerNorm2dOutputShape } from 'shapecheck';
 * layerNorm2dOutputShape(['batch', 96, 'H', 'W'], 96);
 * //=> ['batch', 96, 'H', 'W']
 * ```
 * @category Shapes
 */
export function layerNorm2dOutputShape(inputShape: readonly number[], normalizedShape: number): number[];
export function layerNorm2dOutputShape(inputShape: readonly Dim[], normalizedShape: number): Dim[];
export function layerNorm2dOutputShape(inputShape: readonly Dim[], normalizedShape: number): Dim[] {
  if (inputShape.length !== 4) throw new ShapeError(writePermuteLengthMessage(inputShape.length, 4));
  const [n, c, h, w] = inputShape as [Dim, Dim, Dim, Dim];
  layerNormOutputShape([n, h, w, c], normalizedShape);
  return [...inputShape];
}
