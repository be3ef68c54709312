import type { IntegerOperands, CompareSigned } from './internal/signed.js';

/**
 * Whether `A ≥ B`, for two integer literal types.
 *
 * Exact for every integer a `number` holds exactly (all of `±Number.MAX_SAFE_INTEGER` and
 * beyond it where the result is representable). `number` or `any` in gives `boolean` out;
 * `never` gives `never`; unions distribute; a non-integer gives an {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { GreaterThanOrEqual } from 'shapecheck';
 * type T = GreaterThanOrEqual<7, 7>;
 * //=> true
 * ```
 * @category Arithmetic
 */
export type GreaterThanOrEqual<A extends number, B extends number> =
  IntegerOperands<'GreaterThanOrEqual', A, B, boolean> extends infer Operands
    ? // each pair of literals (unions distribute); edge results pass through
      Operands extends [infer SA extends string, infer SB extends string, infer OperandA, infer OperandB]
      ? CompareSigned<SA, SB> extends '<' ? false : true
      : Operands
    : never;
