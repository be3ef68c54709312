import type { IntegerOperands, CompareSigned } from './internal/signed.js';

/**
 * Compares two integer literal types: `-1` when `A < B`, `0` when equal, `1` when `A > B`.
 *
 * Exact for every integer a `number` holds exactly (all of `±Number.MAX_SAFE_INTEGER` and
 * beyond it where the result is representable). `number` or `any` in gives `-1 | 0 | 1` out;
 * `never` gives `never`; unions distribute; a non-integer gives an {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { Compare } from 'shapecheck';
 * type T = Compare<1024, 999>;
 * //=> 1
 * ```
 * @category Arithmetic
 */
export type Compare<A extends number, B extends number> =
  IntegerOperands<'Compare', A, B, -1 | 0 | 1> extends infer Operands
    ? // each pair of literals (unions distribute); edge results pass through
      Operands extends [infer SA extends string, infer SB extends string, infer OperandA, infer OperandB]
      ? { '<': -1; '=': 0; '>': 1 }[CompareSigned<SA, SB>]
      : Operands
    : never;
