import { formatList } from '../shape/format.js';
import { numel } from '../shape/reshape.js';

/**
 * The most elements a tensor holds: the length limit of a `Float32Array` in V8 (Node 20+, Chrome),
 * 2^32. Other engines may allow less; their refusal is reported with the same words.
 */
export const MAX_TENSOR_ELEMENTS: number = 2 ** 32;

/**
 * The message for a tensor too large to allocate: its shape, its size and the limit (or the
 * engine's reason when the engine refused a size below the limit, e.g. out of memory).
 *
 * @example
 * ```ts
 * import { writeTensorTooLargeMessage } from 'shapecheck';
 * writeTensorTooLargeMessage('zeros', [2 ** 33]);
 * //=> 'zeros: a tensor of shape [8589934592] has 8589934592 elements, more than the 4294967296 a Float32Array holds'
 * ```
 * @category Messages
 */
export function writeTensorTooLargeMessage(op: string, shape: readonly number[], reason?: string): string {
  const size = numel(shape);
  const why = reason === undefined ? `more than the ${MAX_TENSOR_ELEMENTS} a Float32Array holds` : `which this engine cannot allocate (${reason})`;
  return `${op}: a tensor of shape ${formatList(shape)} has ${size} elements, ${why}`;
}

/**
 * A zeroed `Float32Array` for a tensor of `shape`, or our error with the size and the limit in
 * place of the engine's `Invalid typed array length` / `Array buffer allocation failed`.
 *
 * @throws {RangeError} when the tensor is too large.
 * @example
 * ```ts
 * import { allocateData } from 'shapecheck';
 * allocateData('zeros', [2, 3]).length;
 * //=> 6
 * ```
 * @category Tensors
 */
export function allocateData(op: string, shape: readonly number[]): Float32Array {
  const size = numel(shape);
  if (size > MAX_TENSOR_ELEMENTS) throw new RangeError(writeTensorTooLargeMessage(op, shape));
  try {
    return new Float32Array(size);
  } catch (error) {
    if (error instanceof RangeError) throw new RangeError(writeTensorTooLargeMessage(op, shape, error.message));
    throw error;
  }
}
