import type { ErrorMessage } from '../arithmetic/error-message.js';
import { record } from '../autograd/engine.js';
import { traced } from '../autograd/trace.js';
import { adaptiveMaxPool2dOutputShape, type AdaptiveMaxPool2dOutputShape } from '../shape/adaptive-max-pool2d.js';
import type { AdaptiveOutputSize } from '../shape/norm.js';
import { numel } from '../shape/reshape.js';
import type { Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';

/** The `input` argument of `adaptiveMaxPool2d`: the tensor, or the message when it does not fit. */
type AdaptiveMaxInput<InputShape extends Shape, OutputSize> =
  AdaptiveMaxPool2dOutputShape<InputShape, OutputSize> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/**
 * What `adaptiveMaxPool2d` returns: the pooled tensor, or `[output, indices]` with
 * `returnIndices` (indices of the same shape).
 *
 * @example
 * ```ts
 * import type { AdaptiveMaxPool2dResult, Tensor } from 'shapecheck';
 * type R = AdaptiveMaxPool2dResult<[1, 3, 4, 4], 2, true>;
 * //=> [Tensor<[1, 3, 2, 2]>, Tensor<[1, 3, 2, 2]>]
 * ```
 * @category Operations
 */
export type AdaptiveMaxPool2dResult<InputShape extends Shape, OutputSize, ReturnIndices extends boolean> = ReturnIndices extends true
  ? [TensorOf<AdaptiveMaxPool2dOutputShape<InputShape, OutputSize>>, TensorOf<AdaptiveMaxPool2dOutputShape<InputShape, OutputSize>>]
  : TensorOf<AdaptiveMaxPool2dOutputShape<InputShape, OutputSize>>;

/**
 * The kernel: each output cell is the max of rows `floor(i·in/out)` to `ceil((i+1)·in/out)`
 * (exclusive) and likewise columns (the first max in row-major order, or the last NaN, as PyTorch's CPU kernel),
 * with its flat index into the input's H×W plane. Returns the differentiable output and the
 * indices (a Float32 tensor of integral values; no gradient).
 *
 * @throws {ShapeError} for a wrong rank or an empty dim.
 * @example
 * ```ts
 * import { adaptiveMaxPool2dForward, arange } from 'shapecheck';
 * const [y, indices] = adaptiveMaxPool2dForward(arange(4).reshape([1, 2, 2]), 1);
 * indices.toArray();
 * //=> [[[3]]]
 * ```
 * @category Operations
 */
export function adaptiveMaxPool2dForward(x: Tensor, outputSize: AdaptiveOutputSize): [Tensor, Tensor] {
  const inShape = x.shape as readonly number[];
  const outShape = adaptiveMaxPool2dOutputShape(inShape, outputSize);
  const [inH, inW] = inShape.slice(-2) as [number, number];
  const [outH, outW] = outShape.slice(-2) as [number, number];
  const planes = numel(inShape.slice(0, -2));
  const src = x.data;
  const out = new Float32Array(numel(outShape));
  const indices = new Float32Array(out.length);
  for (let p = 0; p < planes; p++) {
    const inBase = p * inH * inW;
    const outBase = p * outH * outW;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = Math.floor((oh * inH) / outH);
      const h1 = Math.ceil(((oh + 1) * inH) / outH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = Math.floor((ow * inW) / outW);
        const w1 = Math.ceil(((ow + 1) * inW) / outW);
        let best = -Infinity;
        let where = h0 * inW + w0;
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const v = src[inBase + h * inW + w]!;
            if (v > best || Number.isNaN(v)) {
              best = v;
              where = h * inW + w;
            }
          }
        }
        out[outBase + oh * outW + ow] = best;
        indices[outBase + oh * outW + ow] = where;
      }
    }
  }
  const indexTensor = new Tensor(indices, outShape);
  const output = record(traced(new Tensor(out, outShape), 'adaptiveMaxPool2d', [x], { outputSize }, [indexTensor]), 'AdaptiveMaxPool2DBackward', [x], (grad) => {
    // each output's gradient goes to the element it took
    const gradInput = new Float32Array(src.length);
    for (let p = 0; p < planes; p++) {
      for (let o = 0; o < outH * outW; o++) gradInput[p * inH * inW + indices[p * outH * outW + o]!]! += grad[p * outH * outW + o]!;
    }
    return [gradInput];
  });
  return [output, indexTensor];
}

/**
 * Adaptive max pooling (PyTorch's `F.adaptive_max_pool2d`): output cell `i` is the max of input
 * rows `floor(i·in/out)` to `ceil((i+1)·in/out)` (exclusive), and likewise columns; `null` in an
 * `[height, width]` pair keeps that input dim. With `returnIndices` it returns `[output, indices]`,
 * the indices flat into each H×W plane as PyTorch's (a Float32 tensor of integral values: the
 * package's tensors are Float32). Differentiable (the gradient goes to the max).
 *
 * @throws {ShapeError} for a wrong rank or an empty dim; {@link TypeError}/{@link RangeError} for a
 *   bad `outputSize`.
 * @example
 * ```ts
 * import { adaptiveMaxPool2d, arange } from 'shapecheck';
 * const [y, indices] = adaptiveMaxPool2d(arange(6).reshape([1, 2, 3]), [1, 2], true);
 * y.toArray();
 * //=> [[[4, 5]]]
 * indices.toArray();
 * //=> [[[4, 5]]]
 * ```
 * @category Operations
 */
export function adaptiveMaxPool2d<InputShape extends Shape, const OutputSize extends AdaptiveOutputSize, const ReturnIndices extends boolean = false>(
  input: AdaptiveMaxInput<InputShape, OutputSize>,
  outputSize: OutputSize,
  returnIndices?: ReturnIndices,
): AdaptiveMaxPool2dResult<InputShape, OutputSize, ReturnIndices> {
  const x = checkTensor('AdaptiveMaxPool2d', 'input', input);
  if (returnIndices !== undefined && typeof returnIndices !== 'boolean') throw new TypeError(`AdaptiveMaxPool2d: returnIndices must be a boolean, got ${String(returnIndices)}`);
  const [output, indices] = adaptiveMaxPool2dForward(x, outputSize);
  return (returnIndices ? [output, indices] : output) as AdaptiveMaxPool2dResult<InputShape, OutputSize, ReturnIndices>;
}
