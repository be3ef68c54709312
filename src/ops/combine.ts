import type { ErrorMessage } from '../arithmetic/error-message.js';
import { broadcastShape, catShape, type BroadcastShape, type CatShape } from '../shape/broadcast.js';
import { normalizeDim } from '../shape/linear.js';
import { numel } from '../shape/reshape.js';
import type { Shape } from '../shape/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { checkTensor } from '../tensor/check.js';

/** A tensor of a computed shape (an error there has already been reported at an argument). */
type TensorOf<S> = S extends Shape ? Tensor<S> : never;

/** The `b` argument of `add`: the tensor, or the message when the shapes cannot broadcast. */
type AddArgument<A extends Shape, B extends Shape> = BroadcastShape<A, B> extends ErrorMessage<infer Message> ? Message : Tensor<B>;

/**
 * `a + b` element-wise with PyTorch's broadcasting (a residual connection's sum): the shape is
 * computed at compile time, and shapes that cannot broadcast are an error at `b`.
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
  checkTensor('add', 'a', a);
  const other = checkTensor('add', 'b', b);
  const shapeA = a.shape as readonly number[];
  const shapeB = other.shape as readonly number[];
  const outShape = broadcastShape(shapeA, shapeB);
  const out = new Float32Array(numel(outShape));
  if (shapeA.length === shapeB.length && shapeA.every((d, i) => d === shapeB[i])) {
    for (let i = 0; i < out.length; i++) out[i] = (a.data[i] as number) + (other.data[i] as number);
  } else {
    // strides of each input over the output's dims (0 where broadcast)
    const strides = (shape: readonly number[]): number[] => {
      const result = new Array<number>(outShape.length).fill(0);
      let stride = 1;
      for (let i = shape.length - 1; i >= 0; i--) {
        const at = i + outShape.length - shape.length;
        result[at] = shape[i] === 1 ? 0 : stride;
        stride *= shape[i] as number;
      }
      return result;
    };
    const sa = strides(shapeA);
    const sb = strides(shapeB);
    const index = new Array<number>(outShape.length).fill(0);
    let ia = 0;
    let ib = 0;
    for (let o = 0; o < out.length; o++) {
      out[o] = (a.data[ia] as number) + (other.data[ib] as number);
      // advance the multi-index like an odometer
      for (let d = outShape.length - 1; d >= 0; d--) {
        index[d] = (index[d] as number) + 1;
        ia += sa[d] as number;
        ib += sb[d] as number;
        if ((index[d] as number) < (outShape[d] as number)) break;
        ia -= (sa[d] as number) * (outShape[d] as number);
        ib -= (sb[d] as number) * (outShape[d] as number);
        index[d] = 0;
      }
    }
  }
  return new Tensor(out, outShape) as TensorOf<BroadcastShape<A, B>>;
}

/** The shapes of a list of tensors. */
type ShapesOf<Tensors extends readonly Tensor[]> = { [K in keyof Tensors]: Tensors[K] extends Tensor<infer S> ? S : never };

/**
 * Concatenates tensors along `dim` (an Inception block's join), as PyTorch's `torch.cat`: the
 * shape is computed at compile time, and a mismatch in another dim is an error at `dim`. `dim` may
 * count from the end (`-1`); 1-D empty tensors (`[0]`) are skipped, as PyTorch does.
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
  return new Tensor(out, outShape) as TensorOf<CatShape<ShapesOf<Tensors>, Dim>>;
}
