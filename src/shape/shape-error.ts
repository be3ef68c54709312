/**
 * Thrown when tensor shapes do not fit together (wrong rank, wrong channel count, an output that
 * would be empty). Its message is the same text the compiler shows for the same mistake.
 *
 * Bad arguments that are not about shapes throw the built-in `TypeError` (not an integer, an
 * unknown mode) or `RangeError` (out of range).
 *
 * @example
 * ```ts
 * import { ShapeError, conv2dOutputShape } from 'shapecheck';
 * try {
 *   conv2dOutputShape([1, 4, 5, 5] as number[], { inChannels: 3, outChannels: 2, kernelSize: 3 });
 * } catch (error) {
 *   console.log(error instanceof ShapeError); //=> true
 * }
 * ```
 * @category Errors
 */
export class ShapeError extends Error {
  override name = 'ShapeError';
}
