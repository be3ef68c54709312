import type { IntegerOperands, AddSigned, ToNumber } from './internal/signed.js';

/**
 * The sum `A + B` of two integer literal types.
 *
 * Exact for every integer a `number` holds exactly (all of `±Number.MAX_SAFE_INTEGER` and
 * beyond it where the result is representable). `number` or `any` in gives `number` out;
 * `never` gives `never`; unions distribute; a non-integer gives an {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { Add } from 'shapecheck';
 * type T = Add<9007199254740990, 1>;
 * //=> 9007199254740991
 * ```
 * @category Arithmetic
 */
export type Add<A extends number, B extends number> =
  IntegerOperands<'Add', A, B, number> extends infer Operands
    ? // each pair of literals (unions distribute); edge results pass through
      Operands extends [infer SA extends string, infer SB extends string, infer OperandA, infer OperandB]
      ? ToNumber<'Add', AddSigned<SA, SB>>
      : Operands
    : never;
