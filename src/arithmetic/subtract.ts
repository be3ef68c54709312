import type { IntegerOperands, AddSigned, Negate, ToNumber } from './internal/signed.js';

/**
 * The difference `A − B` of two integer literal types.
 *
 * Exact for every integer a `number` holds exactly (all of `±Number.MAX_SAFE_INTEGER` and
 * beyond it where the result is representable). `number` or `any` in gives `number` out;
 * `never` gives `never`; unions distribute; a non-integer gives an {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { Subtract } from 'shapecheck';
 * type T = Subtract<3, 224>;
 * //=> -221
 * ```
 * @category Arithmetic
 */
export type Subtract<A extends number, B extends number> =
  IntegerOperands<'Subtract', A, B, number> extends infer Operands
    ? // each pair of literals (unions distribute); edge results pass through
      Operands extends [infer SA extends string, infer SB extends string, infer OperandA, infer OperandB]
      ? ToNumber<'Subtract', AddSigned<SA, Negate<SB>>>
      : Operands
    : never;
