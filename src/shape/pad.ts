import type { Add } from '../arithmetic/add.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { LessThan } from '../arithmetic/less-than.js';
import { formatList, type FormatList } from './format.js';
import { ShapeError } from './shape-error.js';
import type { Shape } from './shape.js';

/**
 * How `pad` fills the border (PyTorch's `F.pad` modes): a constant value, a mirror without the
 * edge, a repeat of the edge, or a wrap-around.
 *
 * @example
 * ```ts
 * import type { PadMode } from 'shapecheck';
 * const mode: PadMode = 'circular';
 * ```
 * @category Shapes
 */
export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/**
 * A pad list of the wrong length for the input or the mode.
 *
 * @example
 * ```ts
 * import type { PadLengthMessage } from 'shapecheck';
 * type M = PadLengthMessage<'reflect', [1, 1, 1, 1], [4, 4]>;
 * //=> "pad: mode 'reflect' takes 2 pad values for a 2-D or 3-D input or 4 for a 3-D or 4-D input, got 4 pad values for input [4, 4]"
 * ```
 * @category Messages
 */
export type PadLengthMessage<Mode extends string, Pads extends readonly unknown[], S extends readonly unknown[]> = Mode extends 'constant'
  ? `pad: mode 'constant' takes an even number of pad values, at most two per dim, got ${Pads['length']} pad values for input ${FormatList<S>}`
  : `pad: mode '${Mode}' takes 2 pad values for a 2-D or 3-D input or 4 for a 3-D or 4-D input, got ${Pads['length']} pad values for input ${FormatList<S>}`;
/**
 * Runtime twin of {@link PadLengthMessage}.
 *
 * @example
 * ```ts
 * import { writePadLengthMessage } from 'shapecheck';
 * writePadLengthMessage('reflect', [1, 1, 1, 1], [4, 4]);
 * //=> "pad: mode 'reflect' takes 2 pad values for a 2-D or 3-D input or 4 for a 3-D or 4-D input, got 4 pad values for input [4, 4]"
 * ```
 * @category Messages
 */
export function writePadLengthMessage(mode: string, pads: readonly number[], shape: readonly number[]): string {
  return mode === 'constant'
    ? `pad: mode 'constant' takes an even number of pad values, at most two per dim, got ${pads.length} pad values for input ${formatList(shape)}`
    : `pad: mode '${mode}' takes 2 pad values for a 2-D or 3-D input or 4 for a 3-D or 4-D input, got ${pads.length} pad values for input ${formatList(shape)}`;
}

/**
 * A pad too large for its mode (reflect: pad < size; circular: pad ≤ size), a negative pad in a
 * mode other than `'constant'`, or a constant pad that would crop a dim below zero.
 *
 * @example
 * ```ts
 * import type { PadSizeMessage } from 'shapecheck';
 * type M = PadSizeMessage<'reflect', 3, 3, 3>;
 * //=> "pad: padding 3 of dim 3 (size 3) is invalid for mode 'reflect': Padding size should be less than the corresponding input dimension"
 * ```
 * @category Messages
 */
export type PadSizeMessage<Mode extends string, Pad extends number, Dim extends number, Size extends number | string> =
  `pad: padding ${Pad} of dim ${Dim} (size ${Size}) is invalid for mode '${Mode}': ${PadRule<Mode>}`;
type PadRule<Mode extends string> = Mode extends 'reflect'
  ? 'Padding size should be less than the corresponding input dimension'
  : Mode extends 'circular'
    ? 'Padding value causes wrapping around more than once'
    : Mode extends 'constant'
      ? 'negative padding cannot remove more than the whole dim'
      : 'negative padding is only supported in constant mode';
/**
 * Runtime twin of {@link PadSizeMessage}.
 *
 * @example
 * ```ts
 * import { writePadSizeMessage } from 'shapecheck';
 * writePadSizeMessage('reflect', 3, 3, 3);
 * //=> "pad: padding 3 of dim 3 (size 3) is invalid for mode 'reflect': Padding size should be less than the corresponding input dimension"
 * ```
 * @category Messages
 */
export function writePadSizeMessage(mode: string, pad: number, dim: number, size: number): string {
  const rule =
    mode === 'reflect'
      ? 'Padding size should be less than the corresponding input dimension'
      : mode === 'circular'
        ? 'Padding value causes wrapping around more than once'
        : mode === 'constant'
          ? 'negative padding cannot remove more than the whole dim'
          : 'negative padding is only supported in constant mode';
  return `pad: padding ${pad} of dim ${dim} (size ${size}) is invalid for mode '${mode}': ${rule}`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/** Pairs `[before, after]` per padded dim, outermost padded dim first (the pad list is last-dim first). */
type PadPairs<Pads extends readonly number[], Acc extends unknown[] = []> = Pads extends readonly [
  infer Before extends number,
  infer After extends number,
  ...infer Rest extends readonly number[],
]
  ? PadPairs<Rest, [[Before, After], ...Acc]>
  : Acc;

/** `A + B + C`. */
type Sum3<A extends number, B extends number, C extends number> = Add<A, B> extends infer AB extends number ? Add<AB, C> : never;

/** Pads one dim, or the error. */
type PadDim<Mode extends string, Size, Before extends number, After extends number, DimIndex extends number> =
  Size extends number
    ? number extends Size
      ? number
      : Mode extends 'constant'
        ? Sum3<Size, Before, After> extends infer Result extends number
          ? `${Result}` extends `-${string}`
            ? ErrorMessage<PadSizeMessage<Mode, LessThan<Before, After> extends true ? Before : After, DimIndex, Size>>
            : Result
          : never
        : CheckPad<Mode, Size, Before, DimIndex> extends infer Failure
          ? [Failure] extends [never]
            ? CheckPad<Mode, Size, After, DimIndex> extends infer Failure2
              ? [Failure2] extends [never]
                ? Sum3<Size, Before, After>
                : Failure2
              : never
            : Failure
          : never
    : number;

/** The limit of a non-constant mode on one pad, as its error; otherwise `never`. */
type CheckPad<Mode extends string, Size extends number, Pad extends number, DimIndex extends number> =
  `${Pad}` extends `-${string}`
    ? ErrorMessage<PadSizeMessage<Mode, Pad, DimIndex, Size>>
    : Mode extends 'reflect'
      ? Pad extends 0
        ? never
        : LessThan<Pad, Size> extends true
          ? never
          : ErrorMessage<PadSizeMessage<Mode, Pad, DimIndex, Size>>
      : Mode extends 'circular'
        ? LessThan<Size, Pad> extends true
          ? ErrorMessage<PadSizeMessage<Mode, Pad, DimIndex, Size>>
          : never
        : never;

/**
 * The shape after `pad(input, Pads, Mode)`: the last `Pads.length / 2` dims grow by their pads
 * (`Pads` is last-dim first: `[left, right, top, bottom]`), computed exactly for literal dims.
 * A wrong pad count, a pad too large for `'reflect'`/`'circular'`, a negative pad outside
 * `'constant'`, or a crop below zero is an {@link ErrorMessage} with the runtime's words.
 *
 * @example
 * ```ts
 * import type { PadOutputShape } from 'shapecheck';
 * type A = PadOutputShape<[1, 1, 4, 4], [2, 2, 2, 2], 'circular'>;
 * //=> [1, 1, 8, 8]
 * ```
 * @category Shapes
 */
export type PadOutputShape<S extends Shape, Pads extends readonly number[], Mode extends PadMode = 'constant'> =
  number extends S['length'] | Pads['length']
    ? number[]
    : ValidPadLength<Mode, Pads['length'], S['length']> extends false
      ? ErrorMessage<PadLengthMessage<Mode, Pads, S>>
      : PadTrailingPairs<Mode, [...S], PadPairs<Pads>>;

type PadTrailingPairs<Mode extends string, S extends readonly unknown[], Pairs extends readonly unknown[]> =
  SplitAt<S, Pairs['length']> extends [infer Leading extends unknown[], infer Trailing extends unknown[]]
    ? PadEach<Mode, Trailing, Pairs, Leading['length'], []> extends infer Padded
      ? Padded extends ErrorMessage<string>
        ? Padded
        : Padded extends unknown[]
          ? [...Leading, ...Padded]
          : never
      : never
    : never;

/** `[first Length − N dims, last N dims]`. */
type SplitAt<S extends readonly unknown[], N extends number, Trailing extends unknown[] = []> = Trailing['length'] extends N
  ? [S, Trailing]
  : S extends readonly [...infer Init, infer Last]
    ? SplitAt<Init, N, [Last, ...Trailing]>
    : [[], Trailing];

/** Pads each trailing dim in order, stopping at the first error. */
type PadEach<Mode extends string, Dims extends unknown[], Pairs extends readonly unknown[], Index extends number, Acc extends unknown[]> =
  Dims extends [infer Size, ...infer Rest]
    ? Pairs extends readonly [[infer Before extends number, infer After extends number], ...infer PairRest]
      ? PadDim<Mode, Size, Before, After, Index> extends infer Padded
        ? Padded extends ErrorMessage<string>
          ? Padded
          : PadEach<Mode, Rest, PairRest, Add<Index, 1> & number, [...Acc, Padded]>
        : never
      : Acc
    : Acc;

type ValidPadLength<Mode extends string, Length extends number, Rank extends number> = Mode extends 'constant'
  ? Length extends 0 | 2 | 4 | 6 | 8 | 10 | 12
    ? LessThan<Rank, FloorHalf<Length>> extends true
      ? false
      : true
    : false
  : [Length, Rank] extends [2, 2 | 3] | [4, 3 | 4]
    ? true
    : false;

type FloorHalf<N extends number> = N extends 0 ? 0 : N extends 2 ? 1 : N extends 4 ? 2 : N extends 6 ? 3 : N extends 8 ? 4 : N extends 10 ? 5 : 6;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * The shape after padding (runtime twin of {@link PadOutputShape}), throwing its messages.
 *
 * @throws {ShapeError} for a pad count that does not fit the input or a pad the mode cannot take.
 * @example
 * ```ts
 * import { padOutputShape } from 'shapecheck';
 * padOutputShape([1, 1, 4, 4], [1, 1, 2, 0], 'reflect');
 * //=> [1, 1, 6, 6]
 * ```
 * @category Shapes
 */
export function padOutputShape(shape: readonly number[], pads: readonly number[], mode: PadMode = 'constant'): number[] {
  const rank = shape.length;
  const valid =
    mode === 'constant'
      ? pads.length % 2 === 0 && pads.length / 2 <= rank
      : (pads.length === 2 && (rank === 2 || rank === 3)) || (pads.length === 4 && (rank === 3 || rank === 4));
  if (!valid) throw new ShapeError(writePadLengthMessage(mode, pads, shape));
  const out = [...shape];
  const padded = pads.length / 2;
  for (let k = 0; k < padded; k++) {
    const dim = rank - padded + k;
    const before = pads[2 * (padded - 1 - k)] as number;
    const after = pads[2 * (padded - 1 - k) + 1] as number;
    const size = shape[dim] as number;
    for (const pad of [before, after]) {
      const bad =
        mode === 'constant'
          ? false
          : pad < 0 || (mode === 'reflect' ? pad > 0 && pad >= size : mode === 'circular' ? pad > size : false);
      if (bad) throw new ShapeError(writePadSizeMessage(mode, pad, dim, size));
    }
    const result = size + before + after;
    if (result < 0) throw new ShapeError(writePadSizeMessage(mode, Math.min(before, after), dim, size));
    out[dim] = result;
  }
  return out;
}
