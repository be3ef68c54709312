/**
 * Reductions (`sum`, `mean`, `argmax`: of every element, or over one dim with `keepdim`),
 * `softmax`/`logSoftmax` over a dim, and `transpose`/`permute` (copying), each with its gradient.
 * @packageDocumentation
 */
import { traced } from '../autograd/trace.js';
import { record } from '../autograd/engine.js';
import { checkDim, permuteOrder, reduceShape, type DimArgument, type PermuteShape, type ReduceShape, type TransposeShape } from '../shape/reduce.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { numel } from '../shape/reshape.js';
import type { Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { contiguousStrides, stridedOffsets } from '../kernels/strided.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';

/** A shape split around one axis: `outer` blocks of `size` elements `inner` apart. */
interface Split {
  outer: number;
  size: number;
  inner: number;
}
function split(shape: readonly number[], axis: number | undefined): Split {
  if (axis === undefined || shape.length === 0) return { outer: 1, size: numel(shape), inner: 1 };
  return { outer: numel(shape.slice(0, axis)), size: shape[axis]!, inner: numel(shape.slice(axis + 1)) };
}

function checkKeepdim(op: string, keepdim: unknown): boolean {
  if (keepdim === undefined) return false;
  if (typeof keepdim !== 'boolean') throw new TypeError(`${op}: keepdim must be a boolean, got ${String(keepdim)}`);
  return keepdim;
}

/** Σ (scaled by `scale`) over `axis`; the gradient spreads each output's back over its block. */
function reduceSum(op: string, name: string, input: Tensor, dim: unknown, keepdim: unknown, mean: boolean): Tensor {
  const x = checkTensor(op, 'input', input).data;
  const shape = input.shape as readonly number[];
  if (dim !== undefined && typeof dim !== 'number') throw new TypeError(`${op}: dim must be a number, got ${String(dim)}`);
  const keep = checkKeepdim(op, keepdim);
  const outShape = reduceShape(op, shape, dim, keep);
  const axis = dim === undefined ? undefined : checkDim(op, shape, dim);
  const { outer, size, inner } = split(shape, axis);
  const scale = mean ? 1 / size : 1;
  const out = new Float32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let total = 0;
      for (let s = 0, at = o * size * inner + i; s < size; s++, at += inner) total += x[at]!;
      out[o * inner + i] = mean ? total / size : total;
    }
  }
  return record(traced(new Tensor(out, outShape), op, [input], { axis, keepdim: keep }), name, [input], (grad) => {
    const g = new Float32Array(x.length);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const v = grad[o * inner + i]! * scale;
        for (let s = 0, at = o * size * inner + i; s < size; s++, at += inner) g[at] = v;
      }
    }
    return [g];
  });
}

/**
 * The sum of all elements (`torch.sum(x)`, a 0-d tensor), or over `dim` (negative counts from the
 * end), the dim removed or kept as 1 with `keepdim` (`torch.sum(x, dim, keepdim)`). The output
 * shape is computed at compile time; a dim out of range is an error at `dim` in PyTorch's words.
 * Differentiable.
 *
 * @throws {RangeError} when `dim` is out of range.
 * @example
 * ```ts
 * import { sum, tensor } from 'shapecheck';
 * sum(tensor([[1, 2], [3, 4]])).item();
 * //=> 10
 * sum(tensor([[1, 2], [3, 4]]), 1).toArray();
 * //=> [3, 7]
 * sum(tensor([[1, 2], [3, 4]]), 0, true).toArray();
 * //=> [[4, 6]]
 * ```
 * @category Operations
 */
export function sum<S extends Shape, Dim extends number = never, KeepDim extends boolean = false>(
  input: Tensor<S>,
  dim?: DimArgument<S, Dim, 'sum'>,
  keepdim?: KeepDim,
): TensorOf<ReduceShape<S, Dim, KeepDim, 'sum'>> {
  return reduceSum('sum', 'SumBackward', input as Tensor, dim, keepdim, false) as TensorOf<ReduceShape<S, Dim, KeepDim, 'sum'>>;
}

/**
 * The mean of all elements (`torch.mean(x)`, a 0-d tensor; NaN for no elements), or over `dim`
 * with `keepdim`, as {@link sum}. Differentiable.
 *
 * @throws {RangeError} when `dim` is out of range.
 * @example
 * ```ts
 * import { mean, tensor } from 'shapecheck';
 * mean(tensor([[1, 2], [3, 4]])).item();
 * //=> 2.5
 * mean(tensor([[1, 2], [3, 4]]), -1).toArray();
 * //=> [1.5, 3.5]
 * ```
 * @category Operations
 */
export function mean<S extends Shape, Dim extends number = never, KeepDim extends boolean = false>(
  input: Tensor<S>,
  dim?: DimArgument<S, Dim, 'mean'>,
  keepdim?: KeepDim,
): TensorOf<ReduceShape<S, Dim, KeepDim, 'mean'>> {
  return reduceSum('mean', 'MeanBackward', input as Tensor, dim, keepdim, true) as TensorOf<ReduceShape<S, Dim, KeepDim, 'mean'>>;
}

/** softmax or log-softmax over `dim`, numerically stable (the block's maximum subtracted first). */
function softmaxOp(op: string, name: string, input: Tensor, dim: unknown, logarithm: boolean): Tensor {
  const x = checkTensor(op, 'input', input).data;
  const shape = input.shape as readonly number[];
  if (typeof dim !== 'number') throw new TypeError(`${op}: dim must be a number, got ${String(dim)}`);
  const { outer, size, inner } = split(shape, checkDim(op, shape, dim));
  const out = new Float32Array(x.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const start = o * size * inner + i;
      let max = -Infinity;
      for (let s = 0, at = start; s < size; s++, at += inner) max = Math.max(max, x[at]!);
      if (max === -Infinity) max = 0;
      let total = 0;
      for (let s = 0, at = start; s < size; s++, at += inner) total += Math.exp(x[at]! - max);
      const logTotal = Math.log(total);
      for (let s = 0, at = start; s < size; s++, at += inner) out[at] = logarithm ? x[at]! - max - logTotal : Math.exp(x[at]! - max) / total;
    }
  }
  const result = traced(new Tensor(out, shape), op, [input], { axis: checkDim(op, shape, dim) });
  return record(
    result,
    name,
    [input],
    (grad) => {
      // softmax: g·y − y·Σ g·y; log-softmax: g − softmax·Σ g
      const g = new Float32Array(x.length);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const start = o * size * inner + i;
          let dot = 0;
          for (let s = 0, at = start; s < size; s++, at += inner) dot += logarithm ? grad[at]! : grad[at]! * out[at]!;
          for (let s = 0, at = start; s < size; s++, at += inner) {
            g[at] = logarithm ? grad[at]! - Math.exp(out[at]!) * dot : out[at]! * (grad[at]! - dot);
          }
        }
      }
      return [g];
    },
    [result],
  );
}

/**
 * `exp(x) / Σ exp(x)` over `dim` (`torch.softmax(x, dim)`), computed stably (the maximum
 * subtracted first). A dim out of range is an error at `dim`. Differentiable.
 *
 * @throws {RangeError} when `dim` is out of range.
 * @example
 * ```ts
 * import { softmax, tensor } from 'shapecheck';
 * softmax(tensor([[0, 0], [1000, 1000]]), 1).toArray();
 * //=> [[0.5, 0.5], [0.5, 0.5]]
 * ```
 * @category Operations
 */
export function softmax<S extends Shape, Dim extends number>(input: Tensor<S>, dim: DimArgument<S, Dim, 'softmax'>): Tensor<S> {
  return softmaxOp('softmax', 'SoftmaxBackward', input as Tensor, dim, false) as Tensor<S>;
}

/**
 * `x − log Σ exp(x)` over `dim` (`torch.log_softmax(x, dim)`), computed stably (no overflow for
 * large logits, no `log(0)` for small ones). Differentiable.
 *
 * @throws {RangeError} when `dim` is out of range.
 * @example
 * ```ts
 * import { logSoftmax, tensor } from 'shapecheck';
 * logSoftmax(tensor([0, 0]), 0).toArray();
 * //=> [-0.6931471824645996, -0.6931471824645996]
 * ```
 * @category Operations
 */
export function logSoftmax<S extends Shape, Dim extends number>(input: Tensor<S>, dim: DimArgument<S, Dim, 'logSoftmax'>): Tensor<S> {
  return softmaxOp('logSoftmax', 'LogSoftmaxBackward', input as Tensor, dim, true) as Tensor<S>;
}

/**
 * The index of the largest element over `dim` (`torch.argmax(x, dim, keepdim)`; the first one on
 * ties, NaN counting as the largest as in PyTorch), or of every element flattened when no `dim`
 * is given. Indices are returned as float32 values (shapecheck's tensors are float32; exact up to
 * 2²⁴). Not differentiable: the result never requires grad.
 *
 * @throws {RangeError} when `dim` is out of range.
 * @example
 * ```ts
 * import { argmax, tensor } from 'shapecheck';
 * argmax(tensor([[1, 9, 3], [7, 2, 7]]), 1).toArray();
 * //=> [1, 0]
 * ```
 * @category Operations
 */
export function argmax<S extends Shape, Dim extends number = never, KeepDim extends boolean = false>(
  input: Tensor<S>,
  dim?: DimArgument<S, Dim, 'argmax'>,
  keepdim?: KeepDim,
): TensorOf<ReduceShape<S, Dim, KeepDim, 'argmax'>> {
  const x = checkTensor('argmax', 'input', input).data;
  const shape = input.shape as readonly number[];
  if (dim !== undefined && typeof dim !== 'number') throw new TypeError(`argmax: dim must be a number, got ${String(dim)}`);
  const keep = checkKeepdim('argmax', keepdim);
  const outShape = reduceShape('argmax', shape, dim, keep);
  const { outer, size, inner } = split(shape, dim === undefined ? undefined : checkDim('argmax', shape, dim));
  if (size === 0) throw new RangeError('argmax: Expected reduction dim to have non-zero size.');
  const out = new Float32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const start = o * size * inner + i;
      let best = 0;
      let bestValue = x[start]!;
      for (let s = 1, at = start + inner; s < size; s++, at += inner) {
        const v = x[at]!;
        if (Number.isNaN(bestValue)) break;
        if (v > bestValue || Number.isNaN(v)) {
          best = s;
          bestValue = v;
        }
      }
      out[o * inner + i] = best;
    }
  }
  const axis = dim === undefined ? undefined : checkDim('argmax', shape, dim);
  return traced(new Tensor(out, outShape), 'argmax', [input], { axis, keepdim: keep }) as unknown as TensorOf<ReduceShape<S, Dim, KeepDim, 'argmax'>>;
}

/** Copies `input` with its dims in `order` (output dim k is input dim order[k]); the gradient is the inverse permutation. */
function permuteCopy(name: string, input: Tensor, order: readonly number[]): Tensor {
  const shape = input.shape as readonly number[];
  const x = input.data;
  const outShape = order.map((d) => shape[d]!);
  const inStrides = contiguousStrides(shape);
  // source index of each output element, in output order
  const index = stridedOffsets(outShape, order.map((d) => inStrides[d]!));
  const out = new Float32Array(x.length);
  for (let o = 0; o < out.length; o++) out[o] = x[index[o]!]!;
  return record(traced(new Tensor(out, outShape), 'permute', [input], { order: [...order] }), name, [input], (grad) => {
    const g = new Float32Array(x.length);
    for (let o = 0; o < grad.length; o++) g[index[o]!] = grad[o]!;
    return [g];
  });
}

/** The `dims` argument of `permute`: the dims, or the message when they do not permute `S`. */
type PermuteArgument<S extends Shape, Dims extends readonly number[]> = PermuteShape<S, Dims> extends ErrorMessage<infer Message> ? Message : Dims;

/**
 * `input` with dims `dim0` and `dim1` swapped (`torch.transpose`), as a new contiguous tensor
 * (PyTorch returns a view; shapecheck copies). A dim out of range is an error at that dim.
 * Differentiable.
 *
 * @throws {RangeError} when a dim is out of range.
 * @example
 * ```ts
 * import { tensor, transpose } from 'shapecheck';
 * transpose(tensor([[1, 2, 3], [4, 5, 6]]), 0, 1).toArray();
 * //=> [[1, 4], [2, 5], [3, 6]]
 * ```
 * @category Operations
 */
export function transpose<S extends Shape, Dim0 extends number, Dim1 extends number>(
  input: Tensor<S>,
  dim0: DimArgument<S, Dim0, 'transpose'>,
  dim1: DimArgument<S, Dim1, 'transpose'>,
): TensorOf<TransposeShape<S, Dim0, Dim1>> {
  checkTensor('transpose', 'input', input);
  const shape = input.shape as readonly number[];
  if (typeof dim0 !== 'number' || typeof dim1 !== 'number') throw new TypeError(`transpose: dims must be numbers, got ${String(dim0)} and ${String(dim1)}`);
  const a = checkDim('transpose', shape, dim0);
  const b = checkDim('transpose', shape, dim1);
  const order = shape.map((_d, i) => (i === a ? b : i === b ? a : i));
  return permuteCopy('TransposeBackward', input as Tensor, order) as TensorOf<TransposeShape<S, Dim0, Dim1>>;
}

/**
 * `input` with its dims reordered: dim `i` of the result is dim `dims[i]` of the input
 * (`torch.permute`), as a new contiguous tensor (PyTorch returns a view; shapecheck copies).
 * Dims that do not name every dim once are an error at `dims`. Differentiable.
 *
 * @throws {RangeError} for a dim out of range; ShapeError for a wrong count or a repeat.
 * @example
 * ```ts
 * import { permute, zeros } from 'shapecheck';
 * permute(zeros([2, 3, 32, 32]), [0, 2, 3, 1]).shape;
 * //=> [2, 32, 32, 3]
 * ```
 * @category Operations
 */
export function permute<S extends Shape, const Dims extends readonly number[]>(
  input: Tensor<S>,
  dims: PermuteArgument<S, Dims>,
): TensorOf<PermuteShape<S, Dims>> {
  checkTensor('permute', 'input', input);
  const order = permuteOrder(input.shape as readonly number[], dims as readonly number[]);
  return permuteCopy('PermuteBackward', input as Tensor, order) as TensorOf<PermuteShape<S, Dims>>;
}
