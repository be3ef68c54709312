import { traced } from '../autograd/trace.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { catShape, type BroadcastShape, type CatShape } from '../shape/broadcast.js';
import { normalizeDim } from '../shape/linear.js';
import { numel } from '../shape/reshape.js';
import type { Shape } from '../shape/shape.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { checkTensor } from '../tensor/check.js';
import { addTensors } from './elementwise.js';
import { record } from '../autograd/engine.js';

/** The `b` argument of `add`: the tensor, or the message when the shapes cannot broadcast. */
type AddArgument<A extends Shape, B extends Shape> = BroadcastShape<A, B> extends ErrorMessage<infer Message> ? Message : Tensor<B>;

/**
 * `a + b` element-wise with PyTorch's broadcasting (a residual connection's sum): the shape is
 * computed at compile time, and shapes that cannot broadcast are an error at `b`. Differentiable
 * (each operand's gradient summed back to its shape).
 *
 * @throws {ShapeError} when two dims neither match nor are 1.
 * @example
 * ```ts
 * import { add, tensor } from 'shapecheck';
 * add(tensor([[1, 2], [3, 4]]), tensor([10, 20])).toArray();
 * //=> [[11, 22], [13, 24]]
 * ```
 * @category Operations
 */
export function add<A extends Shape, B extends Shape>(a: Tensor<A>, b: AddArgument<A, B>): TensorOf<BroadcastShape<A, B>> {
  return addTensors(a as Tensor, b) as TensorOf<BroadcastShape<A, B>>;
}

/** The shapes of a list of tensors. */
type ShapesOf<Tensors extends readonly Tensor[]> = { [K in keyof Tensors]: Tensors[K] extends Tensor<infer S> ? S : never };

/**
 * Concatenates tensors along `dim` (an Inception block's join), as PyTorch's `torch.cat`: the
 * shape is computed at compile time, and a mismatch in another dim is an error at `dim`. `dim` may
 * count from the end (`-1`); 1-D empty tensors (`[0]`) are skipped, as PyTorch does.
 * Differentiable: each input gets its slice of the output's gradient.
 *
 * @throws {ShapeError} when the ranks or the other dims differ; {@link RangeError} for a bad dim.
 * @example
 * ```ts
 * import { cat, zeros } from 'shapecheck';
 * cat([zeros([1, 64, 28, 28]), zeros([1, 32, 28, 28])], 1).shape;
 * //=> [1, 96, 28, 28]
 * ```
 * @category Operations
 */
export function cat<const Tensors extends readonly Tensor[], const Dim extends number>(
  tensors: Tensors,
  dim: CatShape<ShapesOf<Tensors>, Dim> extends ErrorMessage<infer Message> ? Message : Dim,
): TensorOf<CatShape<ShapesOf<Tensors>, Dim>> {
  if (!Array.isArray(tensors)) throw new TypeError(`cat: tensors must be an array of Tensors, got ${String(tensors)}`);
  tensors.forEach((t, i) => checkTensor('cat', `tensors[${i}]`, t));
  const shapes = tensors.map((t) => t.shape as readonly number[]);
  const outShape = catShape(shapes, dim as number);
  const axis = normalizeDim(dim as number, outShape.length) as number; // in range: catShape checked it
  const out = new Float32Array(numel(outShape));
  const outer = numel(outShape.slice(0, axis));
  const inner = numel(outShape.slice(axis + 1));
  const outBlock = (outShape[axis] as number) * inner;
  let offset = 0;
  for (const t of tensors) {
    if (t.data.length === 0) continue; // nothing to copy (PyTorch's skipped [0] tensors among them)
    const block = ((t.shape as readonly number[])[axis] as number) * inner;
    for (let o = 0; o < outer; o++) out.set(t.data.subarray(o * block, (o + 1) * block), o * outBlock + offset);
    offset += block;
  }
  // each input's gradient is its own slice of the output's, cut out again
  const inputs = tensors as readonly Tensor[];
  return record(traced(new Tensor(out, outShape), 'cat', inputs, { dim: axis }), 'CatBackward', inputs, (grad) => {
    let at = 0;
    return inputs.map((t) => {
      const block = t.data.length === 0 ? 0 : ((t.shape as readonly number[])[axis] as number) * inner;
      const start = at;
      at += block;
      if (!t.requiresGrad) return null;
      const gradInput = new Float32Array(t.data.length);
      for (let o = 0; o < outer && block > 0; o++) gradInput.set(grad.subarray(o * outBlock + start, o * outBlock + start + block), o * block);
      return gradInput;
    });
  }) as TensorOf<CatShape<ShapesOf<Tensors>, Dim>>;
}
