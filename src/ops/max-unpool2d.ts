import type { ErrorMessage } from '../arithmetic/error-message.js';
import { record } from '../autograd/engine.js';
import { traced } from '../autograd/trace.js';
import {
  maxUnpool2dOutputShape,
  resolveMaxUnpool2dOptions,
  type MaxUnpool2dOptions,
  type MaxUnpool2dOutputShape,
  type MaxUnpoolOptionsError,
  type ResolvedMaxUnpool2dOptions,
} from '../shape/max-unpool2d.js';
import { numel } from '../shape/reshape.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';

/**
 * An index of `indices` outside the output plane (data-dependent: a runtime check only).
 *
 * @example
 * ```ts
 * import { writeMaxUnpoolIndexMessage } from 'shapecheck';
 * writeMaxUnpoolIndexMessage(16, 4, 4);
 * //=> 'MaxUnpool2d: Found an invalid max index: 16 (output volumes are of size 4x4)'
 * ```
 * @category Messages
 */
export function writeMaxUnpoolIndexMessage(index: number, height: number, width: number): string {
  return Number.isInteger(index)
    ? `MaxUnpool2d: Found an invalid max index: ${index} (output volumes are of size ${height}x${width})`
    : `MaxUnpool2d: indices must hold integral values (elements in indices should be type int64), got ${index}`;
}

/**
 * The unpooling kernel with resolved options: each input value is written at its index in a
 * zeroed output plane (PyTorch's `max_unpool2d`; indices are a Float32 tensor of integral values,
 * flat into each output H×W plane, as `MaxPool2d({ returnIndices: true })` returns them).
 * Differentiable in `input` (its gradient is read back at the indices).
 *
 * @throws {ShapeError} when the shapes do not fit or an index is outside the output plane.
 * @example
 * ```ts
 * import { maxUnpool2dForward, resolveMaxUnpool2dOptions, tensor } from 'shapecheck';
 * const y = maxUnpool2dForward(tensor([[[5]]]), tensor([[[3]]]), resolveMaxUnpool2dOptions({ kernelSize: 2 }));
 * y.toArray();
 * //=> [[[0, 0], [0, 5]]]
 * ```
 * @category Operations
 */
export function maxUnpool2dForward(input: Tensor, indices: Tensor, params: ResolvedMaxUnpool2dOptions, outputSize?: readonly number[]): Tensor {
  const x = checkTensor('MaxUnpool2d', 'input', input);
  const ix = checkTensor('MaxUnpool2d', 'indices', indices);
  const inShape = x.shape as readonly number[];
  const outShape = maxUnpool2dOutputShape(inShape, params, ix.shape as readonly number[], outputSize);
  const [inH, inW] = inShape.slice(-2) as [number, number];
  const [outH, outW] = outShape.slice(-2) as [number, number];
  const planes = numel(inShape.slice(0, -2));
  const plane = outH * outW;
  const src = x.data;
  const where = ix.data;
  for (let k = 0; k < where.length; k++) {
    const index = where[k]!;
    if (!Number.isInteger(index) || index < 0 || index >= plane) throw new ShapeError(writeMaxUnpoolIndexMessage(index, outH, outW));
  }
  const out = new Float32Array(numel(outShape));
  const inPlane = inH * inW;
  for (let p = 0; p < planes; p++) {
    for (let i = 0; i < inPlane; i++) out[p * plane + where[p * inPlane + i]!] = src[p * inPlane + i]!;
  }
  // traced with the output size only when given (its last two entries, which PyTorch reads): the
  // default size follows from the input's, which a named dim makes differ between trace runs
  const result = traced(new Tensor(out, outShape), 'maxUnpool2d', [x, ix], { params, outputSize: outputSize === undefined ? null : outShape.slice(-2) });
  return record(result, 'MaxUnpool2DBackward', [x], (grad) => {
    const gradInput = new Float32Array(src.length);
    for (let p = 0; p < planes; p++) {
      for (let i = 0; i < inPlane; i++) gradInput[p * inPlane + i] = grad[p * plane + where[p * inPlane + i]!]!;
    }
    return [gradInput];
  });
}

/** The `indices` argument: the tensor, or the message when the call does not fit. */
type IndicesArgument<S extends Shape, IS extends Shape, O extends MaxUnpool2dOptions, Given extends readonly number[] | undefined> =
  MaxUnpool2dOutputShape<S, O, IS, Given> extends ErrorMessage<infer Message> ? Message : Tensor<IS>;

/**
 * Max unpooling, PyTorch's `F.max_unpool2d`: the partial inverse of max pooling. `indices` are
 * what `maxPool2d(x, { ...options, returnIndices: true })` returned (a Float32 tensor of integral
 * values, flat into each output H×W plane); the output is zero except at the indices. The output
 * size is `(H − 1)·stride − 2·padding + kernelSize`, or `outputSize` (its last two entries),
 * which PyTorch accepts strictly between that size ∓ the stride. Differentiable in `input`.
 *
 * @throws {ShapeError} when the shapes do not fit or an index is outside the output plane;
 *   {@link TypeError} for bad options.
 * @example
 * ```ts
 * import { arange, maxPool2d, maxUnpool2d } from 'shapecheck';
 * const [y, indices] = maxPool2d(arange(16).reshape([1, 1, 4, 4]), { kernelSize: 2, returnIndices: true });
 * maxUnpool2d(y, indices, { kernelSize: 2 }).toArray();
 * //=> [[[[0, 0, 0, 0], [0, 5, 0, 7], [0, 0, 0, 0], [0, 13, 0, 15]]]]
 * ```
 * @category Operations
 */
export function maxUnpool2d<S extends Shape, IS extends Shape, const O extends MaxUnpool2dOptions, const Given extends readonly number[] | undefined = undefined>(
  input: Tensor<S>,
  indices: IndicesArgument<S, IS, O, Given>,
  options: [MaxUnpoolOptionsError<O>] extends [never] ? O : MaxUnpoolOptionsError<O> extends ErrorMessage<infer Message> ? Message : O,
  outputSize?: Given,
): TensorOf<MaxUnpool2dOutputShape<S, O, IS, Given>> {
  const params = resolveMaxUnpool2dOptions(options as MaxUnpool2dOptions);
  return maxUnpool2dForward(input as Tensor, indices as Tensor, params, outputSize as readonly number[] | undefined) as TensorOf<MaxUnpool2dOutputShape<S, O, IS, Given>>;
}
