/**
 * Shape rules of reductions over one dim (`sum`, `mean`, `argmax`), of ops that keep the shape
 * but read a dim (`softmax`, `logSoftmax`), of `transpose`/`permute` and of `matmul`: each rule as
 * a type and as a runtime function, sharing one message.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { Subtract } from '../arithmetic/subtract.js';
import { broadcastShape, type BroadcastShape } from './broadcast.js';
import { normalizeDim, type NormalizeDim } from './linear.js';
import { ShapeError } from './shape-error.js';
import type { Shape } from './shape.js';

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/** The lowest dim PyTorch accepts for a rank (a 0-d tensor takes dims as a 1-d one). */
type LowDim<Rank extends number> = Rank extends 0 ? -1 : `-${Rank}`;
/** The highest dim PyTorch accepts for a rank. */
type HighDim<Rank extends number> = Rank extends 0 ? 0 : Subtract<Rank, 1> & number;

/**
 * A dim outside a tensor's dims (PyTorch's words, after the op's name).
 *
 * @example
 * ```ts
 * import type { DimOutOfRangeMessage } from 'shapecheck';
 * type M = DimOutOfRangeMessage<'sum', 2, 2>;
 * //=> 'sum: Dimension out of range (expected to be in range of [-2, 1], but got 2)'
 * ```
 * @category Messages
 */
export type DimOutOfRangeMessage<Op extends string, Rank extends number, Dim extends number> =
  `${Op}: Dimension out of range (expected to be in range of [${LowDim<Rank>}, ${HighDim<Rank>}], but got ${Dim})`;
/**
 * Runtime twin of {@link DimOutOfRangeMessage}.
 *
 * @example
 * ```ts
 * import { writeDimOutOfRangeMessage } from 'shapecheck';
 * writeDimOutOfRangeMessage('sum', 2, -3);
 * //=> 'sum: Dimension out of range (expected to be in range of [-2, 1], but got -3)'
 * ```
 * @category Messages
 */
export function writeDimOutOfRangeMessage(op: string, rank: number, dim: number): string {
  const r = Math.max(rank, 1);
  return `${op}: Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`;
}

/**
 * `permute` dims whose count is not the tensor's rank (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { PermuteLengthMessage } from 'shapecheck';
 * type M = PermuteLengthMessage<3, 2>;
 * //=> 'permute: number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 3 is not equal to len(dims) = 2'
 * ```
 * @category Messages
 */
export type PermuteLengthMessage<Rank extends number, Length extends number> =
  `permute: number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${Rank} is not equal to len(dims) = ${Length}`;
/**
 * Runtime twin of {@link PermuteLengthMessage}.
 *
 * @example
 * ```ts
 * import { writePermuteLengthMessage } from 'shapecheck';
 * writePermuteLengthMessage(3, 2);
 * //=> 'permute: number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 3 is not equal to len(dims) = 2'
 * ```
 * @category Messages
 */
export function writePermuteLengthMessage(rank: number, length: number): string {
  return `permute: number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${rank} is not equal to len(dims) = ${length}`;
}

/**
 * A dim named twice in `permute` (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { PermuteRepeatMessage } from 'shapecheck';
 * type M = PermuteRepeatMessage;
 * //=> 'permute: repeated dim in permute'
 * ```
 * @category Messages
 */
export type PermuteRepeatMessage = 'permute: repeated dim in permute';
/**
 * Runtime twin of {@link PermuteRepeatMessage}.
 *
 * @example
 * ```ts
 * import { writePermuteRepeatMessage } from 'shapecheck';
 * writePermuteRepeatMessage();
 * //=> 'permute: repeated dim in permute'
 * ```
 * @category Messages
 */
export function writePermuteRepeatMessage(): PermuteRepeatMessage {
  return 'permute: repeated dim in permute';
}

/**
 * Matrices whose inner dims differ (PyTorch's words): `mat1` is the first operand's last two dims,
 * `mat2` the second's.
 *
 * @example
 * ```ts
 * import type { MatmulMessage } from 'shapecheck';
 * type M = MatmulMessage<2, 3, 4, 5>;
 * //=> 'matmul: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)'
 * ```
 * @category Messages
 */
export type MatmulMessage<M, K1, K2, N> =
  `matmul: mat1 and mat2 shapes cannot be multiplied (${M & (number | string)}x${K1 & (number | string)} and ${K2 & (number | string)}x${N & (number | string)})`;
/**
 * Runtime twin of {@link MatmulMessage}.
 *
 * @example
 * ```ts
 * import { writeMatmulMessage } from 'shapecheck';
 * writeMatmulMessage(2, 3, 4, 5);
 * //=> 'matmul: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)'
 * ```
 * @category Messages
 */
export function writeMatmulMessage(m: number | string, k1: number | string, k2: number | string, n: number | string): string {
  return `matmul: mat1 and mat2 shapes cannot be multiplied (${m}x${k1} and ${k2}x${n})`;
}

/**
 * A `matmul` operand with fewer than 2 dims (shapecheck's `matmul` takes matrices and batches of
 * them; PyTorch's vector cases are not supported).
 *
 * @example
 * ```ts
 * import type { MatmulRankMessage } from 'shapecheck';
 * type M = MatmulRankMessage<'b', [3]>;
 * //=> 'matmul: b must have at least 2 dims (a matrix or a batch of matrices), got [3]'
 * ```
 * @category Messages
 */
export type MatmulRankMessage<Name extends string, S extends readonly unknown[]> =
  `matmul: ${Name} must have at least 2 dims (a matrix or a batch of matrices), got ${FormatDims<S>}`;
/** `[3]` (a shape, dims as written). */
type FormatDims<S extends readonly unknown[]> = S extends readonly [] ? '[]' : S extends readonly [infer D] ? `[${D & (number | string)}]` : '[...]';
/**
 * Runtime twin of {@link MatmulRankMessage}.
 *
 * @example
 * ```ts
 * import { writeMatmulRankMessage } from 'shapecheck';
 * writeMatmulRankMessage('b', [3]);
 * //=> 'matmul: b must have at least 2 dims (a matrix or a batch of matrices), got [3]'
 * ```
 * @category Messages
 */
export function writeMatmulRankMessage(name: string, shape: readonly number[]): string {
  return `matmul: ${name} must have at least 2 dims (a matrix or a batch of matrices), got [${shape.join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/**
 * A dim normalised against a rank as PyTorch does (negative counts from the end; a 0-d tensor
 * takes 0 and −1), or `never` when out of range.
 *
 * @example
 * ```ts
 * import type { CheckDim } from 'shapecheck';
 * type A = CheckDim<-1, 3>;
 * //=> 2
 * ```
 * @category Shapes
 */
export type CheckDim<Dim extends number, Rank extends number> = Rank extends 0 ? (Dim extends 0 | -1 ? 0 : never) : NormalizeDim<Dim, Rank>;

/**
 * The `dim` argument of an op on a tensor of shape `S`: the dim, or the message when it is out of
 * range (a `number` dim, or a tensor of unknown rank, is unchecked).
 *
 * @example
 * ```ts
 * import type { DimArgument } from 'shapecheck';
 * type A = DimArgument<[2, 3], -1, 'softmax'>;
 * //=> -1
 * type B = DimArgument<[2, 3], 2, 'softmax'>;
 * //=> 'softmax: Dimension out of range (expected to be in range of [-2, 1], but got 2)'
 * ```
 * @category Shapes
 */
export type DimArgument<S extends Shape, Dim extends number, Op extends string> = [Dim] extends [never]
  ? undefined
  : number extends S['length'] | Dim
    ? Dim
    : [CheckDim<Dim, S['length']>] extends [never]
      ? DimOutOfRangeMessage<Op, S['length'], Dim>
      : Dim;

/** `S` without its element at `Index`. */
type RemoveAt<S extends readonly unknown[], Index extends number, Acc extends unknown[] = []> = S extends readonly [infer Head, ...infer Tail]
  ? Acc['length'] extends Index
    ? [...Acc, ...Tail]
    : RemoveAt<Tail, Index, [...Acc, Head]>
  : Acc;
/** `S` with its element at `Index` replaced by `Value`. */
type SetAt<S extends readonly unknown[], Index extends number, Value> = { -readonly [K in keyof S]: K extends `${Index}` ? Value : S[K] };

/**
 * The shape of a reduction over `Dim` (`sum`, `mean`, `argmax`): the dim removed, or kept as 1
 * with `KeepDim`; every element (`[]`) when `Dim` is `never` (no dim given). A `number` dim or an
 * unknown rank gives `number[]`; a dim out of range is an {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { ReduceShape } from 'shapecheck';
 * type A = ReduceShape<[2, 3, 4], 1, false>;
 * //=> [2, 4]
 * type B = ReduceShape<['batch', 10], -1, true>;
 * //=> ['batch', 1]
 * ```
 * @category Shapes
 */
export type ReduceShape<S extends Shape, Dim extends number, KeepDim extends boolean, Op extends string = 'sum'> = [Dim] extends [never]
  ? []
  : number extends S['length'] | Dim
    ? number[]
    : CheckDim<Dim, S['length']> extends infer Axis extends number
      ? [Axis] extends [never]
        ? ErrorMessage<DimOutOfRangeMessage<Op, S['length'], Dim>>
        : S extends readonly []
          ? []
          : boolean extends KeepDim
            ? number[]
            : KeepDim extends true
              ? SetAt<S, Axis, 1>
              : RemoveAt<S, Axis>
      : never;

/**
 * The shape of `transpose(x, Dim0, Dim1)`: the two dims swapped.
 *
 * @example
 * ```ts
 * import type { TransposeShape } from 'shapecheck';
 * type A = TransposeShape<[2, 3, 4], 0, -1>;
 * //=> [4, 3, 2]
 * ```
 * @category Shapes
 */
export type TransposeShape<S extends Shape, Dim0 extends number, Dim1 extends number> = number extends S['length'] | Dim0 | Dim1
  ? number[]
  : CheckDim<Dim0, S['length']> extends infer A extends number
    ? CheckDim<Dim1, S['length']> extends infer B extends number
      ? [A] extends [never]
        ? ErrorMessage<DimOutOfRangeMessage<'transpose', S['length'], Dim0>>
        : [B] extends [never]
          ? ErrorMessage<DimOutOfRangeMessage<'transpose', S['length'], Dim1>>
          : S extends readonly []
            ? []
            : { -readonly [K in keyof S]: K extends `${A}` ? S[B] : K extends `${B}` ? S[A] : S[K] }
      : never
    : never;

/**
 * The shape of `permute(x, Dims)`: dim `i` of the result is dim `Dims[i]` of `S`. `Dims` must name
 * every dim once (negative dims count from the end).
 *
 * @example
 * ```ts
 * import type { PermuteShape } from 'shapecheck';
 * type A = PermuteShape<['batch', 3, 32, 32], [0, 2, 3, 1]>;
 * //=> ['batch', 32, 32, 3]
 * ```
 * @category Shapes
 */
export type PermuteShape<S extends Shape, Dims extends readonly number[]> = number extends S['length'] | Dims['length']
  ? number[]
  : Dims['length'] extends S['length']
    ? PermuteDims<S, Dims, S['length']>
    : ErrorMessage<PermuteLengthMessage<S['length'], Dims['length']>>;

type PermuteDims<S extends Shape, Dims extends readonly number[], Rank extends number, Seen extends number = never, Acc extends unknown[] = []> = Dims extends readonly [
  infer D extends number,
  ...infer Rest extends readonly number[],
]
  ? number extends D
    ? number[]
    : CheckDim<D, Rank> extends infer Axis extends number
      ? [Axis] extends [never]
        ? ErrorMessage<DimOutOfRangeMessage<'permute', Rank, D>>
        : [Axis] extends [Seen]
          ? ErrorMessage<PermuteRepeatMessage>
          : PermuteDims<S, Rest, Rank, Seen | Axis, [...Acc, S[Axis]]>
      : never
  : Acc;

/** Two inner dims that cannot be compared at compile time, or equal ones, pass. */
type InnerMismatch<K1, K2> = K1 extends number ? (K2 extends number ? (number extends K1 | K2 ? false : [K1] extends [K2] ? false : true) : false) : false;

/** Broadcasting's message with `matmul` in place of `add`. */
type AsMatmul<Message extends string> = Message extends `add: ${infer Rest}` ? `matmul: ${Rest}` : Message;

/**
 * The shape of `matmul(a, b)` for operands of at least 2 dims: `[...batch, M, K]·[...batch, K, N]`
 * gives `[...batch, M, N]`, the batch dims broadcast as PyTorch does. Literal inner dims that
 * differ are PyTorch's `mat1 and mat2 shapes cannot be multiplied`.
 *
 * @example
 * ```ts
 * import type { MatmulShape } from 'shapecheck';
 * type A = MatmulShape<[8, 1, 2, 3], [5, 3, 4]>;
 * //=> [8, 5, 2, 4]
 * ```
 * @category Shapes
 */
export type MatmulShape<A extends Shape, B extends Shape> = number extends A['length'] | B['length']
  ? number[]
  : A extends readonly [...infer BatchA extends Shape, infer M, infer K1]
    ? B extends readonly [...infer BatchB extends Shape, infer K2, infer N]
      ? InnerMismatch<K1, K2> extends true
        ? ErrorMessage<MatmulMessage<M, K1, K2, N>>
        : BroadcastShape<BatchA, BatchB> extends infer Batch
          ? Batch extends ErrorMessage<infer Message>
            ? ErrorMessage<AsMatmul<Message>>
            : Batch extends readonly unknown[]
              ? [...Batch, M, N]
              : never
          : never
      : ErrorMessage<MatmulRankMessage<'b', B>>
    : ErrorMessage<MatmulRankMessage<'a', A>>;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * A dim against a rank as PyTorch checks it (a 0-d tensor takes 0 and −1): its index.
 *
 * @throws {RangeError} {@link DimOutOfRangeMessage} when out of range or not an integer.
 * @example
 * ```ts
 * import { checkDim } from 'shapecheck';
 * checkDim('softmax', [2, 3], -1);
 * //=> 1
 * ```
 * @category Shapes
 */
export function checkDim(op: string, shape: readonly number[], dim: number): number {
  const index = normalizeDim(dim, Math.max(shape.length, 1));
  if (typeof dim !== 'number' || index === undefined) throw new RangeError(writeDimOutOfRangeMessage(op, shape.length, dim));
  return index;
}

/**
 * The shape of a reduction over `dim` (runtime twin of {@link ReduceShape}; `undefined`: every element).
 *
 * @throws {RangeError} when `dim` is out of range.
 * @example
 * ```ts
 * import { reduceShape } from 'shapecheck';
 * reduceShape('sum', [2, 3, 4], 1, true);
 * //=> [2, 1, 4]
 * ```
 * @category Shapes
 */
export function reduceShape(op: string, shape: readonly number[], dim: number | undefined, keepdim = false): number[] {
  if (dim === undefined) return [];
  const axis = checkDim(op, shape, dim);
  if (shape.length === 0) return [];
  return keepdim ? shape.map((d, i) => (i === axis ? 1 : d)) : shape.filter((_d, i) => i !== axis);
}

/**
 * The normalised order of `permute(x, dims)` (runtime twin of {@link PermuteShape}'s checks).
 *
 * @throws {RangeError} for a dim out of range; ShapeError for a wrong count or a repeat.
 * @example
 * ```ts
 * import { permuteOrder } from 'shapecheck';
 * permuteOrder([2, 3, 4], [-1, 0, 1]);
 * //=> [2, 0, 1]
 * ```
 * @category Shapes
 */
export function permuteOrder(shape: readonly number[], dims: readonly number[]): number[] {
  if (!Array.isArray(dims)) throw new TypeError(`permute: dims must be an array of dims, got ${String(dims)}`);
  if (dims.length !== shape.length) throw new ShapeError(writePermuteLengthMessage(shape.length, dims.length));
  const order = dims.map((d) => checkDim('permute', shape, d));
  if (new Set(order).size !== order.length) throw new ShapeError(writePermuteRepeatMessage());
  return order;
}

/**
 * The shape of `matmul(a, b)` (runtime twin of {@link MatmulShape}).
 *
 * @throws {ShapeError} for inner dims that differ, batch dims that cannot broadcast, or an operand of fewer than 2 dims.
 * @example
 * ```ts
 * import { matmulShape } from 'shapecheck';
 * matmulShape([8, 1, 2, 3], [5, 3, 4]);
 * //=> [8, 5, 2, 4]
 * ```
 * @category Shapes
 */
export function matmulShape(a: readonly number[], b: readonly number[]): number[] {
  if (a.length < 2) throw new ShapeError(writeMatmulRankMessage('a', a));
  if (b.length < 2) throw new ShapeError(writeMatmulRankMessage('b', b));
  const [m, k1] = a.slice(-2) as [number, number];
  const [k2, n] = b.slice(-2) as [number, number];
  if (k1 !== k2) throw new ShapeError(writeMatmulMessage(m, k1, k2, n));
  let batch: number[];
  try {
    batch = broadcastShape(a.slice(0, -2), b.slice(0, -2));
  } catch (error) {
    if (error instanceof ShapeError) throw new ShapeError(error.message.replace(/^add: /, 'matmul: '));
    throw error;
  }
  return [...batch, m, n];
}
