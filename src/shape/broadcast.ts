import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { Add } from '../arithmetic/add.js';
import { normalizeDim, type NormalizeDim } from './linear.js';
import { ShapeError } from './shape-error.js';
import type { Shape } from './shape.js';
import { addDims, compareDims } from './symbolic.js';
import { requireEqual } from './requirements.js';
import type { CompareDims, SumOfDims } from './symbolic-types.js';

/**
 * Two dims that neither match nor are 1 (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { BroadcastMessage } from 'shapecheck';
 * type M = BroadcastMessage<4, 3, 1>;
 * //=> 'add: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1'
 * ```
 * @category Messages
 */
export type BroadcastMessage<A, B, Dim extends number> =
  `add: The size of tensor a (${A & (number | string)}) must match the size of tensor b (${B & (number | string)}) at non-singleton dimension ${Dim}`;
/**
 * Runtime twin of {@link BroadcastMessage}; `op` names the operation (`add` unless given, as the
 * type says; `mul`, `sub`, ... for the other broadcasting ops).
 *
 * @example
 * ```ts
 * import { writeBroadcastMessage } from 'shapecheck';
 * writeBroadcastMessage(4, 3, 1);
 * //=> 'add: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1'
 * writeBroadcastMessage(4, 3, 1, 'mul');
 * //=> 'mul: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1'
 * ```
 * @category Messages
 */
export function writeBroadcastMessage(a: number | string, b: number | string, dim: number, op = 'add'): string {
  return `${op}: The size of tensor a (${a}) must match the size of tensor b (${b}) at non-singleton dimension ${dim}`;
}

/** One broadcast dim: equal dims, or the other where one is 1; `number` where unknown. */
type BroadcastDim<A, B> = A extends 1 ? B : B extends 1 ? A : [A] extends [B] ? ([B] extends [A] ? A : Unknown<A, B>) : Unknown<A, B>;
/**
 * Dims that are not the same: two different literals, or an expression proved different from the
 * other dim ({@link CompareDims}), cannot broadcast; otherwise the check waits for the data: two
 * expressions give the first (they must be equal), anything with `number` gives `number`.
 */
type Unknown<A, B> =
  CompareDims<A, B> extends 'different'
    ? 'mismatch'
    : A extends string
      ? B extends string
        ? A
        : number
      : number;

/** `S` with leading 1s up to rank `N` (never past `N`: a longer `S` is returned as it is). */
type Pad<S extends readonly unknown[], N extends number> = [...Unknowns<S>] extends [...Slots<N>, ...unknown[]] ? S : Pad<[1, ...S], N>;
/** `N` unknowns. */
type Slots<N extends number, Acc extends unknown[] = []> = Acc['length'] extends N ? Acc : Slots<N, [...Acc, unknown]>;
/** The longer rank (readonly shapes too: `zeros([3])` is a `Tensor<readonly [3]>`). */
type Longer<A extends readonly unknown[], B extends readonly unknown[]> = [...B] extends [...Unknowns<A>, ...unknown[]] ? B['length'] : A['length'];
/** A tuple of as many `unknown`s as `A` has elements. */
type Unknowns<A extends readonly unknown[]> = { [K in keyof A]: unknown };

/**
 * The shape of `add(a, b)` with PyTorch's broadcasting: shapes aligned from the right, each pair
 * of dims equal or one of them 1. Two different literal dims are an {@link ErrorMessage} naming
 * them and the (output) dimension, as PyTorch does.
 *
 * @example
 * ```ts
 * import type { BroadcastShape } from 'shapecheck';
 * type A = BroadcastShape<[8, 1, 6, 1], [7, 1, 5]>;
 * //=> [8, 7, 6, 5]
 * ```
 * @category Shapes
 */
export type BroadcastShape<A extends Shape, B extends Shape> = [A | B] extends [never]
  ? never
  : [A] extends [never]
    ? never
    : [B] extends [never]
      ? never
      : number extends A['length'] | B['length']
  ? number[]
  : Longer<A, B> extends infer N extends number
    ? Zip<Pad<[...A], N>, Pad<[...B], N>>
    : never;

/** Pairs the dims left to right; PyTorch compares from the right, so the last mismatch is the one named. */
type Zip<A extends readonly unknown[], B extends readonly unknown[], Acc extends unknown[] = [], Mismatch extends string = never> = A extends readonly [
  infer HA,
  ...infer TA,
]
  ? B extends readonly [infer HB, ...infer TB]
    ? BroadcastDim<HA, HB> extends 'mismatch'
      ? Zip<TA, TB, [...Acc, number], BroadcastMessage<HA, HB, Acc['length']>>
      : Zip<TA, TB, [...Acc, BroadcastDim<HA, HB>], Mismatch>
    : Done<Acc, Mismatch>
  : Done<Acc, Mismatch>;
type Done<Acc extends unknown[], Mismatch extends string> = [Mismatch] extends [never] ? Acc : ErrorMessage<Mismatch>;

/**
 * The broadcast shape at runtime (twin of {@link BroadcastShape}); `op` names the operation in
 * the message (`add` unless given).
 *
 * @throws {ShapeError} when two dims neither match nor are 1 (naming the last such dim, as PyTorch).
 * @example
 * ```ts
 * import { broadcastShape } from 'shapecheck';
 * broadcastShape([8, 1, 6, 1], [7, 1, 5]);
 * //=> [8, 7, 6, 5]
 * ```
 * @category Shapes
 */
export function broadcastShape(a: readonly number[], b: readonly number[], op?: string): number[];
export function broadcastShape(a: readonly (number | string)[], b: readonly (number | string)[], op?: string): (number | string)[];
export function broadcastShape(a: readonly (number | string)[], b: readonly (number | string)[], op = 'add'): (number | string)[] {
  const rank = Math.max(a.length, b.length);
  const out: (number | string)[] = new Array<number | string>(rank);
  // from the right, as PyTorch compares
  for (let i = rank - 1; i >= 0; i--) {
    const da = a[i - (rank - a.length)] ?? 1;
    const db = b[i - (rank - b.length)] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      // two sizes differ; an expression proved different (see compareDims) too; otherwise the
      // expressions must be equal when the data arrives
      const outcome = compareDims(da, db);
      if (outcome === 'different') throw new ShapeError(writeBroadcastMessage(da, db, i, op));
      if (outcome === 'unknown') requireEqual(da, db);
      out[i] = typeof da === 'string' ? da : db;
      continue;
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Tensors to concatenate whose other dims differ (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { CatMessage } from 'shapecheck';
 * type M = CatMessage<1, 4, 3, 1>;
 * //=> 'cat: Sizes of tensors must match except in dimension 1. Expected size 4 but got size 3 for tensor number 1 in the list.'
 * ```
 * @category Messages
 */
export type CatMessage<Dim extends number, Expected, Got, Index extends number> =
  `cat: Sizes of tensors must match except in dimension ${Dim}. Expected size ${Expected & (number | string)} but got size ${Got & (number | string)} for tensor number ${Index} in the list.`;
/**
 * Runtime twin of {@link CatMessage}.
 *
 * @example
 * ```ts
 * import { writeCatMessage } from 'shapecheck';
 * writeCatMessage(1, 4, 3, 1);
 * //=> 'cat: Sizes of tensors must match except in dimension 1. Expected size 4 but got size 3 for tensor number 1 in the list.'
 * ```
 * @category Messages
 */
export function writeCatMessage(dim: number, expected: number | string, got: number | string, index: number): string {
  return `cat: Sizes of tensors must match except in dimension ${dim}. Expected size ${expected} but got size ${got} for tensor number ${index} in the list.`;
}

/** Two shapes joined along `Dim`: the other dims must agree (literal mismatches are errors). */
type CatPair<A extends readonly unknown[], B extends readonly unknown[], Dim extends number, Index extends number, Acc extends unknown[] = []> =
  A extends readonly [infer HA, ...infer TA]
    ? B extends readonly [infer HB, ...infer TB]
      ? Acc['length'] extends Dim
        ? CatPair<TA, TB, Dim, Index, [...Acc, HA extends number ? (HB extends number ? (number extends HA | HB ? number : Add<HA, HB>) : SumOfDims<HA, HB>) : SumOfDims<HA, HB>]>
        : HA extends number
          ? HB extends number
            ? number extends HA | HB
              ? CatPair<TA, TB, Dim, Index, [...Acc, HA]>
              : HA extends HB
                ? CatPair<TA, TB, Dim, Index, [...Acc, HA]>
                : ErrorMessage<CatMessage<Dim, HA, HB, Index>>
            : CatSymbolic<TA, TB, Dim, Index, Acc, HA, HB>
          : CatSymbolic<TA, TB, Dim, Index, Acc, HA, HB>
      : Acc
    : Acc;

/** An expression against another dim off `cat`'s dim: proved different is the error; otherwise the first, checked when data arrives. */
type CatSymbolic<TA extends readonly unknown[], TB extends readonly unknown[], Dim extends number, Index extends number, Acc extends unknown[], HA, HB> =
  CompareDims<HA, HB> extends 'different' ? ErrorMessage<CatMessage<Dim, HA, HB, Index>> : CatPair<TA, TB, Dim, Index, [...Acc, HA]>;

/**
 * The first shape `cat` keeps, the shapes after it and its position: PyTorch skips 1-D empty
 * tensors (shape `[0]`) whatever the others' rank (a legacy rule it keeps).
 */
type FirstKept<Shapes extends readonly Shape[], Index extends unknown[] = [unknown]> = Shapes extends readonly [
  infer Next extends Shape,
  ...infer Rest extends readonly Shape[],
]
  ? Next extends readonly [0]
    ? FirstKept<Rest, [...Index, unknown]>
    : [Next, Rest, Index]
  : never;

type CatAll<Shapes extends readonly Shape[], Dim extends number, Acc extends readonly unknown[], Index extends unknown[] = [unknown]> =
  Shapes extends readonly [infer Next extends Shape, ...infer Rest extends readonly Shape[]]
    ? Next extends readonly [0]
      ? CatAll<Rest, Dim, Acc, [...Index, unknown]>
      : number extends Next['length']
        ? number[]
        : Next['length'] extends Acc['length']
          ? CatPair<Acc, Next, Dim, Index['length']> extends infer Joined
            ? Joined extends ErrorMessage<string>
              ? Joined
              : Joined extends readonly unknown[]
                ? CatAll<Rest, Dim, Joined, [...Index, unknown]>
                : never
            : never
          : ErrorMessage<CatRankMessage<Acc['length'], Next['length']>>
    : Acc;

/**
 * Tensors of different ranks to concatenate (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { CatRankMessage } from 'shapecheck';
 * type M = CatRankMessage<4, 3>;
 * //=> 'cat: Tensors must have same number of dimensions: got 4 and 3'
 * ```
 * @category Messages
 */
export type CatRankMessage<First extends number, Other extends number> = `cat: Tensors must have same number of dimensions: got ${First} and ${Other}`;
/**
 * Runtime twin of {@link CatRankMessage}.
 *
 * @example
 * ```ts
 * import { writeCatRankMessage } from 'shapecheck';
 * writeCatRankMessage(4, 3);
 * //=> 'cat: Tensors must have same number of dimensions: got 4 and 3'
 * ```
 * @category Messages
 */
export function writeCatRankMessage(first: number, other: number): string {
  return `cat: Tensors must have same number of dimensions: got ${first} and ${other}`;
}

/**
 * A `cat` dim outside the tensors' dims.
 *
 * @example
 * ```ts
 * import type { CatDimMessage } from 'shapecheck';
 * type M = CatDimMessage<4, 4>;
 * //=> 'cat: dim 4 is out of range for 4-D tensors (Dimension out of range)'
 * ```
 * @category Messages
 */
export type CatDimMessage<Dim extends number, Rank extends number> = `cat: dim ${Dim} is out of range for ${Rank}-D tensors (Dimension out of range)`;
/**
 * Runtime twin of {@link CatDimMessage}.
 *
 * @example
 * ```ts
 * import { writeCatDimMessage } from 'shapecheck';
 * writeCatDimMessage(-5, 4);
 * //=> 'cat: dim -5 is out of range for 4-D tensors (Dimension out of range)'
 * ```
 * @category Messages
 */
export function writeCatDimMessage(dim: number, rank: number): string {
  return `cat: dim ${dim} is out of range for ${rank}-D tensors (Dimension out of range)`;
}

/**
 * The shape of `cat(tensors, Dim)`: the tensors' shapes with their `Dim` sizes added; every other
 * dim must agree. `Dim` may count from the end (`-1`), and 1-D empty tensors (`[0]`) are skipped,
 * as PyTorch does.
 *
 * @example
 * ```ts
 * import type { CatShape } from 'shapecheck';
 * type A = CatShape<[[1, 64, 28, 28], [1, 32, 28, 28]], 1>;
 * //=> [1, 96, 28, 28]
 * type B = CatShape<[[2, 3], [2, 5]], -1>;
 * //=> [2, 8]
 * ```
 * @category Shapes
 */
export type CatShape<Shapes extends readonly Shape[], Dim extends number> =
  FirstKept<Shapes> extends [infer First extends Shape, infer Rest extends readonly Shape[], infer Index extends unknown[]]
    ? number extends First['length'] | Dim
      ? number[]
      : NormalizeDim<Dim, First['length']> extends infer Axis extends number
        ? [Axis] extends [never]
          ? ErrorMessage<CatDimMessage<Dim, First['length']>>
          : CatAll<Rest, Axis, [...First], Index>
        : never
    : Shapes extends readonly [Shape, ...Shape[]]
      ? [0]
      : number[];

/**
 * The shape of `cat` at runtime (twin of {@link CatShape}).
 *
 * @throws {ShapeError} when ranks or the other dims differ; {@link RangeError} for a bad dim.
 * @example
 * ```ts
 * import { catShape } from 'shapecheck';
 * catShape([[1, 64, 28, 28], [1, 32, 28, 28]], 1);
 * //=> [1, 96, 28, 28]
 * ```
 * @category Shapes
 */
export function catShape(shapes: readonly (readonly number[])[], dim: number): number[];
export function catShape(shapes: readonly (readonly (number | string)[])[], dim: number): (number | string)[];
export function catShape(shapes: readonly (readonly (number | string)[])[], dim: number): (number | string)[] {
  if (shapes.length === 0) throw new RangeError('cat: expected a non-empty list of tensors');
  // PyTorch skips 1-D empty tensors whatever the others' rank (a legacy rule it keeps)
  const firstIndex = shapes.findIndex((shape) => !(shape.length === 1 && shape[0] === 0));
  if (firstIndex < 0) return [0];
  const first = shapes[firstIndex] as readonly (number | string)[];
  const axis = normalizeDim(dim, first.length);
  if (axis === undefined) throw new RangeError(writeCatDimMessage(dim, first.length));
  const out = [...first];
  for (let i = firstIndex + 1; i < shapes.length; i++) {
    const shape = shapes[i] as readonly (number | string)[];
    if (shape.length === 1 && shape[0] === 0) continue;
    if (shape.length !== first.length) throw new ShapeError(writeCatRankMessage(first.length, shape.length));
    shape.forEach((size, d) => {
      const kept = out[d] as number | string;
      if (d === axis) out[d] = typeof kept === 'number' && typeof size === 'number' ? kept + size : addDims(kept, size);
      else if (size !== kept) {
        const outcome = compareDims(kept, size);
        if (outcome === 'different') throw new ShapeError(writeCatMessage(axis, kept, size, i));
        if (outcome === 'unknown') requireEqual(kept, size);
      }
    });
  }
  return out;
}
