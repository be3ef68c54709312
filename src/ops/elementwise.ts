import type { ErrorMessage } from '../arithmetic/error-message.js';
import { record } from '../autograd/engine.js';
import { traced } from '../autograd/trace.js';
import { broadcastShape, type BroadcastShape } from '../shape/broadcast.js';
import { numel } from '../shape/reshape.js';
import { sameShape, type Shape } from '../shape/shape.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { checkTensor } from '../tensor/check.js';
import { broadcastStrides, stridedOffsets } from '../kernels/strided.js';

/** Broadcasting's message with the op's name in place of `add`'s. */
type Named<Message extends string, Op extends string> = Message extends `add: ${infer Rest}` ? `${Op}: ${Rest}` : Message;

/**
 * The `b` argument of a broadcasting binary op: the tensor, or the message (with the op's name)
 * when the shapes cannot broadcast.
 *
 * @example
 * ```ts
 * import type { BroadcastArgument } from 'shapecheck';
 * type M = BroadcastArgument<[4], [3], 'mul'>;
 * //=> 'mul: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 0'
 * ```
 * @category Operations
 */
export type BroadcastArgument<A extends Shape, B extends Shape, Op extends string> =
  BroadcastShape<A, B> extends ErrorMessage<infer Message> ? Named<Message, Op> : Tensor<B>;

/** For each output element, the element of an input it reads (null: the same index). */
type IndexMap = Int32Array | null;

/** The output shape of two broadcast inputs and, where an input is broadcast, which of its elements each output element reads. */
function broadcastIndex(op: string, shapeA: readonly number[], shapeB: readonly number[]): { shape: number[]; ia: IndexMap; ib: IndexMap } {
  const shape = broadcastShape(shapeA, shapeB, op);
  const map = (input: readonly number[]): IndexMap =>
    sameShape(input, shape) ? null : stridedOffsets(shape, broadcastStrides(input, shape));
  return { shape, ia: map(shapeA), ib: map(shapeB) };
}

/** A gradient over the output summed back to an input's elements (its broadcast dims reduced). */
function reduceTo(grad: Float32Array, index: IndexMap, size: number): Float32Array {
  if (index === null) return grad;
  const out = new Float32Array(size);
  for (let o = 0; o < grad.length; o++) out[index[o]!]! += grad[o]!;
  return out;
}

/**
 * A broadcasting binary op: `f` per element, and the partial derivatives `da`, `db` (of the
 * inputs' values and the output's) for backward.
 */
function binary(
  op: string,
  name: string,
  a: Tensor,
  b: unknown,
  f: (x: number, y: number) => number,
  da: ((x: number, y: number, out: number) => number) | null,
  db: ((x: number, y: number, out: number) => number) | null,
): Tensor {
  checkTensor(op, 'a', a);
  const other = checkTensor(op, 'b', b);
  const { shape, ia, ib } = broadcastIndex(op, a.shape as readonly number[], other.shape as readonly number[]);
  const x = a.data;
  const y = other.data;
  const out = new Float32Array(numel(shape));
  for (let o = 0; o < out.length; o++) out[o] = f(x[ia ? ia[o]! : o]!, y[ib ? ib[o]! : o]!);
  const result = traced(new Tensor(out, shape), op, [a, other]);
  return record(
    result,
    name,
    [a, other],
    (grad) => {
      const partial = (d: ((x: number, y: number, out: number) => number) | null, index: IndexMap, size: number): Float32Array | null => {
        if (!d) return reduceTo(grad, index, size);
        const local = new Float32Array(grad.length);
        for (let o = 0; o < grad.length; o++) local[o] = grad[o]! * d(x[ia ? ia[o]! : o]!, y[ib ? ib[o]! : o]!, out[o]!);
        return reduceTo(local, index, size);
      };
      return [a.requiresGrad ? partial(da, ia, x.length) : null, other.requiresGrad ? partial(db, ib, y.length) : null];
    },
    [a, other],
  );
}

/**
 * `a − b` element-wise with PyTorch's broadcasting (`torch.sub`); shapes that cannot broadcast
 * are an error at `b`. Differentiable.
 *
 * @throws {ShapeError} when two dims neither match nor are 1.
 * @example
 * ```ts
 * import { sub, tensor } from 'shapecheck';
 * sub(tensor([[5, 6], [7, 8]]), tensor([1, 2])).toArray();
 * //=> [[4, 4], [6, 6]]
 * ```
 * @category Operations
 */
export function sub<A extends Shape, B extends Shape>(a: Tensor<A>, b: BroadcastArgument<A, B, 'sub'>): TensorOf<BroadcastShape<A, B>> {
  return binary('sub', 'SubBackward', a as Tensor, b, (x, y) => x - y, null, () => -1) as TensorOf<BroadcastShape<A, B>>;
}

/**
 * `a · b` element-wise with PyTorch's broadcasting (`torch.mul`; squeeze-and-excitation's channel
 * scaling); shapes that cannot broadcast are an error at `b`. Differentiable.
 *
 * @throws {ShapeError} when two dims neither match nor are 1.
 * @example
 * ```ts
 * import { mul, tensor } from 'shapecheck';
 * mul(tensor([[1, 2], [3, 4]]), tensor([10, 100])).toArray();
 * //=> [[10, 200], [30, 400]]
 * ```
 * @category Operations
 */
export function mul<A extends Shape, B extends Shape>(a: Tensor<A>, b: BroadcastArgument<A, B, 'mul'>): TensorOf<BroadcastShape<A, B>> {
  return binary('mul', 'MulBackward', a as Tensor, b, (x, y) => x * y, (_x, y) => y, (x) => x) as TensorOf<BroadcastShape<A, B>>;
}

/**
 * `a / b` element-wise with PyTorch's broadcasting (`torch.div`, true division); shapes that
 * cannot broadcast are an error at `b`. Differentiable.
 *
 * @throws {ShapeError} when two dims neither match nor are 1.
 * @example
 * ```ts
 * import { div, tensor } from 'shapecheck';
 * div(tensor([3, 8]), tensor([2])).toArray();
 * //=> [1.5, 4]
 * ```
 * @category Operations
 */
export function div<A extends Shape, B extends Shape>(a: Tensor<A>, b: BroadcastArgument<A, B, 'div'>): TensorOf<BroadcastShape<A, B>> {
  return binary('div', 'DivBackward', a as Tensor, b, (x, y) => x / y, (_x, y) => 1 / y, (x, y) => -x / (y * y)) as TensorOf<BroadcastShape<A, B>>;
}

/** The broadcasting sum `add` exports (in ops/combine.ts, beside `cat`). */
export function addTensors(a: Tensor, b: unknown): Tensor {
  return binary('add', 'AddBackward', a, b, (x, y) => x + y, null, null);
}

/** An element-wise function and its derivative (of the input and the output). */
export function unary<S extends Shape>(op: string, name: string, input: Tensor<S>, f: (x: number) => number, df: (x: number, y: number) => number): Tensor<S> {
  return unaryArrays(
    op,
    name,
    input,
    (x, out) => {
      for (let i = 0; i < x.length; i++) out[i] = f(x[i]!);
    },
    (x, y, grad, out) => {
      for (let i = 0; i < grad.length; i++) out[i] = grad[i]! * df(x[i]!, y[i]!);
    },
  );
}

/**
 * An element-wise op given as loops over whole arrays: `forward(x, out)` and `backward(x, y, grad,
 * out)` (out: the input's gradient); `saves` names the tensors the backward reads (as PyTorch's
 * saved tensors: changing one in place before backward is an error). For the hot activations, whose own loops V8 optimises on
 * their own (one shared loop calling a different function per op runs several times slower).
 */
export function unaryArrays<S extends Shape>(
  op: string,
  name: string,
  input: Tensor<S>,
  forward: (x: Float32Array, out: Float32Array) => void,
  backward: (x: Float32Array, y: Float32Array, grad: Float32Array, out: Float32Array) => void,
  saves: 'input' | 'output' | 'both' = 'both',
): Tensor<S> {
  const x = checkTensor(op, 'input', input).data;
  const out = new Float32Array(x.length);
  forward(x, out);
  const result = new Tensor(out, input.shape);
  // what the backward reads: changing it in place afterwards is PyTorch's in-place error at backward
  const saved = saves === 'input' ? [input as Tensor] : saves === 'output' ? [result as Tensor] : [input as Tensor, result as Tensor];
  return record(
    result,
    name,
    [input as Tensor],
    (grad) => {
      const local = new Float32Array(grad.length);
      backward(x, out, grad, local);
      return [local];
    },
    saved,
  );
}

/**
 * `eˣ` element-wise (`torch.exp`). Differentiable.
 *
 * @example
 * ```ts
 * import { exp, tensor } from 'shapecheck';
 * exp(tensor([0])).toArray();
 * //=> [1]
 * ```
 * @category Operations
 */
export function exp<S extends Shape>(input: Tensor<S>): Tensor<S> {
  return traced(unary('exp', 'ExpBackward', input, Math.exp, (_x, y) => y), 'exp', [input]);
}

/**
 * The natural logarithm element-wise (`torch.log`; `-Infinity` at 0, NaN below). Differentiable.
 *
 * @example
 * ```ts
 * import { log, tensor } from 'shapecheck';
 * log(tensor([1])).toArray();
 * //=> [0]
 * ```
 * @category Operations
 */
export function log<S extends Shape>(input: Tensor<S>): Tensor<S> {
  return traced(unary('log', 'LogBackward', input, Math.log, (x) => 1 / x), 'log', [input]);
}
