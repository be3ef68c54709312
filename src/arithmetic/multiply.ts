import type { IntegerOperands, MultiplySigned, ToNumber } from './internal/signed.js';

/**
 * The product `A · B` of two integer literal types.
 *
 * Exact for every integer a `number` holds exactly (all of `±Number.MAX_SAFE_INTEGER` and
 * beyond it where the result is representable). `number` or `any` in gives `number` out;
 * `never` gives `never`; unions distribute; a non-integer gives an {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { Multiply } from 'shapecheck';
 * type T = Multiply<94906265, 94906265>;
 * //=> 9007199136250225
 * ```
 * @category Arithmetic
 */
export type Multiply<A extends number, B extends number> =
  IntegerOperands<'Multiply', A, B, number> extends infer Operands
    ? // each pair of literals (unions distribute); edge results pass through
      Operands extends [infer SA extends string, infer SB extends string, infer OperandA, infer OperandB]
      ? ToNumber<'Multiply', MultiplySigned<SA, SB>>
      : Operands
    : never;
