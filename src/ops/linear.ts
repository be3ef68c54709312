import { traced } from '../autograd/trace.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { matrixMultiply } from '../kernels/wasm.js';
import { flattenOutputShape, linearOutputShape, type FlattenOutputShape, type LinearOutputShape } from '../shape/linear.js';
import { formatList } from '../shape/format.js';
import { numel } from '../shape/reshape.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { checkTensor } from '../tensor/check.js';
import { record } from '../autograd/engine.js';

/**
 * The `input` argument of `flatten` and `Flatten.forward`: the tensor, or the message when a dim
 * is out of range for it (or `startDim` comes after `endDim`).
 */
export type FlattenInput<InputShape extends Shape, StartDim extends number, EndDim extends number> =
  FlattenOutputShape<InputShape, StartDim, EndDim> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/** The `weight` argument: the weight, or the message when the input does not fit it. */
type WeightArgument<InputShape extends Shape, WeightShape extends Shape> = WeightShape extends readonly [infer Out extends number, infer In extends number]
  ? LinearOutputShape<InputShape, In, Out> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<WeightShape>
  : Tensor<WeightShape>;

/** The output shape of `F.linear(input, weight)` for a weight `[out, in]`. */
type LinearFunctionalShape<InputShape extends Shape, WeightShape extends Shape> = WeightShape extends readonly [
  infer Out extends number,
  infer In extends number,
]
  ? LinearOutputShape<InputShape, In, Out>
  : number[];

/**
 * `y = x·Wᵀ + b` over the last dim, as PyTorch's `F.linear`: `input` `[..., in]`, `weight`
 * `[out, in]`, `bias` `[out]` or null. The output shape is computed at compile time; a last dim
 * other than `in` is an error at the `weight` argument.
 *
 * @throws {ShapeError} when the shapes do not fit.
 * @example
 * ```ts
 * import { linear, ones, tensor } from 'shapecheck';
 * linear(tensor([[1, 2, 3]]), ones([2, 3]), tensor([10, 20])).toArray();
 * //=> [[16, 26]]
 * ```
 * @category Operations
 */
export function linear<InputShape extends Shape, WeightShape extends Shape>(
  input: Tensor<InputShape>,
  weight: WeightArgument<InputShape, WeightShape>,
  bias: Tensor | null = null,
): TensorOf<LinearFunctionalShape<InputShape, WeightShape>> {
  checkTensor('linear', 'input', input);
  const w = checkTensor('linear', 'weight', weight);
  if (bias !== null) checkTensor('linear', 'bias', bias);
  const weightShape = w.shape as readonly number[];
  if (weightShape.length !== 2) throw new ShapeError(`linear: weight must be 2-D [outFeatures, inFeatures], got ${formatList(weightShape)}`);
  const [outFeatures, inFeatures] = weightShape as [number, number];
  if (bias && ((bias.shape as readonly number[]).length !== 1 || bias.shape[0] !== outFeatures)) {
    throw new ShapeError(`linear: expected bias of size [${outFeatures}], got ${formatList(bias.shape as readonly number[])}`);
  }
  const outShape = linearOutputShape(input.shape as readonly number[], inFeatures, outFeatures);
  const rows = inFeatures === 0 ? numel(outShape) / Math.max(outFeatures, 1) : input.data.length / inFeatures;
  const out = new Float32Array(numel(outShape));
  matrixMultiply(
    rows,
    outFeatures,
    inFeatures,
    { data: input.data, offset: 0, rowStride: inFeatures, colStride: 1 },
    { data: w.data, offset: 0, rowStride: 1, colStride: inFeatures },
    out,
    0,
    outFeatures,
    false,
  );
  if (bias) {
    for (let r = 0; r < rows; r++) for (let j = 0; j < outFeatures; j++) out[r * outFeatures + j] = (out[r * outFeatures + j] as number) + (bias.data[j] as number);
  }
  const x = input.data;
  const weightData = w.data;
  // y = x·Wᵀ + b: ∂x = g·W, ∂W = gᵀ·x, ∂b = Σ_rows g
  return record(
    traced(new Tensor(out, outShape), 'linear', [input as Tensor, w, bias]),
    'LinearBackward',
    [input as Tensor, w, bias],
    (grad) => {
      let gradInput: Float32Array | null = null;
      let gradWeight: Float32Array | null = null;
      let gradBias: Float32Array | null = null;
      if (input.requiresGrad) {
        gradInput = new Float32Array(x.length);
        matrixMultiply(rows, inFeatures, outFeatures, { data: grad, offset: 0, rowStride: outFeatures, colStride: 1 }, { data: weightData, offset: 0, rowStride: inFeatures, colStride: 1 }, gradInput, 0, inFeatures, false);
      }
      if (w.requiresGrad) {
        gradWeight = new Float32Array(weightData.length);
        matrixMultiply(outFeatures, inFeatures, rows, { data: grad, offset: 0, rowStride: 1, colStride: outFeatures }, { data: x, offset: 0, rowStride: inFeatures, colStride: 1 }, gradWeight, 0, inFeatures, false);
      }
      if (bias?.requiresGrad) {
        gradBias = new Float32Array(outFeatures);
        for (let r = 0; r < rows; r++) for (let j = 0; j < outFeatures; j++) gradBias[j]! += grad[r * outFeatures + j]!;
      }
      return [gradInput, gradWeight, gradBias];
    },
    [input as Tensor, w],
  ) as TensorOf<LinearFunctionalShape<InputShape, WeightShape>>;
}

/**
 * Flattens dims `startDim..endDim` into one (defaults 1 and −1, as `nn.Flatten`); shares the data.
 *
 * @throws {RangeError} when a dim index is out of range.
 * @example
 * ```ts
 * import { flatten, zeros } from 'shapecheck';
 * flatten(zeros([2, 16, 5, 5])).shape;
 * //=> [2, 400]
 * ```
 * @category Operations
 */
export function flatten<InputShape extends Shape, const StartDim extends number = 1, const EndDim extends number = -1>(
  input: FlattenInput<InputShape, StartDim, EndDim>,
  startDim: StartDim = 1 as StartDim,
  endDim: EndDim = -1 as EndDim,
): TensorOf<FlattenOutputShape<InputShape, StartDim, EndDim>> {
  const x = checkTensor('flatten', 'input', input);
  // a view: the gradient is the output's, read with the input's shape
  const output = traced(new Tensor(x.data, flattenOutputShape(x.shape as readonly number[], startDim, endDim)), 'flatten', [x], { startDim, endDim });
  return record(output, 'FlattenBackward', [x], (grad) => [grad]) as TensorOf<
    FlattenOutputShape<InputShape, StartDim, EndDim>
  >;
}
