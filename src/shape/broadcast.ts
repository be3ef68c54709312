import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { Add } from '../arithmetic/add.js';
import { ShapeError } from './shape-error.js';
import type { Shape } from './shape.js';

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
 * Runtime twin of {@link BroadcastMessage}.
 *
 * @example
 * ```ts
 * import { writeBroadcastMessage } from 'shapecheck';
 * writeBroadcastMessage(4, 3, 1);
 * //=> 'add: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1'
 * ```
 * @category Messages
 */
export function writeBroadcastMessage(a: number | string, b: number | string, dim: number): string {
  return `add: The size of tensor a (${a}) must match the size of tensor b (${b}) at non-singleton dimension ${dim}`;
}

/** One broadcast dim: equal dims, or the other where one is 1; `number` where unknown. */
type BroadcastDim<A, B> = A extends 1 ? B : B extends 1 ? A : [A] extends [B] ? ([B] extends [A] ? A : Unknown<A, B>) : Unknown<A, B>;
/** Dims that cannot be compared at compile time broadcast to `number`; two different literals cannot broadcast. */
type Unknown<A, B> = A extends number ? (B extends number ? (number extends A | B ? number : 'mismatch') : number) : number;

type Pad<S extends readonly unknown[], N extends number> = S['length'] extends N ? S : Pad<[1, ...S], N>;
type Longer<A extends readonly unknown[], B extends readonly unknown[]> = B extends [...{ [K in keyof A]: unknown }, ...unknown[]] ? B['length'] : A['length'];

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
export type BroadcastShape<A extends Shape, B extends Shape> = number extends A['length'] | B['length']
  ? number[]
  : Longer<A, B> extends infer N extends number
    ? Zip<Pad<[...A], N>, Pad<[...B], N>>
    : never;

type Zip<A extends readonly unknown[], B extends readonly unknown[], Acc extends unknown[] = []> = A extends readonly [infer HA, ...infer TA]
  ? B extends readonly [infer HB, ...infer TB]
    ? BroadcastDim<HA, HB> extends 'mismatch'
      ? ErrorMessage<BroadcastMessage<HA, HB, Acc['length']>>
      : Zip<TA, TB, [...Acc, BroadcastDim<HA, HB>]>
    : Acc
  : Acc;

/**
 * The broadcast shape at runtime (twin of {@link BroadcastShape}).
 *
 * @throws {ShapeError} when two dims neither match nor are 1.
 * @example
 * ```ts
 * import { broadcastShape } from 'shapecheck';
 * broadcastShape([8, 1, 6, 1], [7, 1, 5]);
 * //=> [8, 7, 6, 5]
 * ```
 * @category Shapes
 */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[i - (rank - a.length)] ?? 1;
    const db = b[i - (rank - b.length)] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new ShapeError(writeBroadcastMessage(da, db, i));
    out.push(da === 1 ? db : da);
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
        ? CatPair<TA, TB, Dim, Index, [...Acc, HA extends number ? (HB extends number ? (number extends HA | HB ? number : Add<HA, HB>) : number) : number]>
        : HA extends number
          ? HB extends number
            ? number extends HA | HB
              ? CatPair<TA, TB, Dim, Index, [...Acc, HA]>
              : HA extends HB
                ? CatPair<TA, TB, Dim, Index, [...Acc, HA]>
                : ErrorMessage<CatMessage<Dim, HA, HB, Index>>
            : CatPair<TA, TB, Dim, Index, [...Acc, HA]>
          : CatPair<TA, TB, Dim, Index, [...Acc, HA]>
      : Acc
    : Acc;

type CatAll<Shapes extends readonly Shape[], Dim extends number, Acc extends readonly unknown[], Index extends unknown[] = [unknown]> =
  Shapes extends readonly [infer Next extends Shape, ...infer Rest extends readonly Shape[]]
    ? CatPair<Acc, Next, Dim, Index['length']> extends infer Joined
      ? Joined extends ErrorMessage<string>
        ? Joined
        : Joined extends readonly unknown[]
          ? CatAll<Rest, Dim, Joined, [...Index, unknown]>
          : never
      : never
    : Acc;

/**
 * The shape of `cat(tensors, Dim)`: the tensors' shapes with their `Dim` sizes added; every other
 * dim must agree.
 *
 * @example
 * ```ts
 * import type { CatShape } from 'shapecheck';
 * type A = CatShape<[[1, 64, 28, 28], [1, 32, 28, 28]], 1>;
 * //=> [1, 96, 28, 28]
 * ```
 * @category Shapes
 */
export type CatShape<Shapes extends readonly Shape[], Dim extends number> = Shapes extends readonly [
  infer First extends Shape,
  ...infer Rest extends readonly Shape[],
]
  ? CatAll<Rest, Dim, [...First]>
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
export function catShape(shapes: readonly (readonly number[])[], dim: number): number[] {
  const first = shapes[0];
  if (!first) throw new RangeError('cat: expected a non-empty list of tensors');
  if (!Number.isInteger(dim) || dim < 0 || dim >= first.length) throw new RangeError(`cat: dim ${dim} is out of range for ${first.length}-D tensors (Dimension out of range)`);
  const out = [...first];
  shapes.slice(1).forEach((shape, i) => {
    if (shape.length !== first.length) throw new ShapeError(`cat: Tensors must have same number of dimensions: got ${first.length} and ${shape.length}`);
    shape.forEach((size, d) => {
      if (d === dim) out[d] = (out[d] as number) + size;
      else if (size !== out[d]) throw new ShapeError(writeCatMessage(dim, out[d] as number, size, i + 1));
    });
  });
  return out;
}
