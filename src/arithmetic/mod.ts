import type { IntegerOperands, FloorDivideSigned, ToNumber } from './internal/signed.js';
import type { ErrorMessage } from './error-message.js';

/**
 * The remainder `A − B·floor(A / B)` of two integer literal types: it has the sign of `B` (as Python's `%`), so `FloorDivide<A, B> · B + Mod<A, B>` is `A`. Dividing by zero gives an {@link ErrorMessage}.
 *
 * Exact for every integer a `number` holds exactly (all of `±Number.MAX_SAFE_INTEGER` and
 * beyond it where the result is representable). `number` or `any` in gives `number` out;
 * `never` gives `never`; unions distribute; a non-integer gives an {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { Mod } from 'shapecheck';
 * type T = Mod<-7, 2>;
 * //=> 1
 * ```
 * @category Arithmetic
 */
export type Mod<A extends number, B extends number> =
  IntegerOperands<'Mod', A, B, number> extends infer Operands
    ? // each pair of literals (unions distribute); edge results pass through
      Operands extends [infer SA extends string, infer SB extends string, infer OperandA, infer OperandB]
      ? SB extends '0' ? ErrorMessage<'Mod: division by zero'> : ToNumber<'Mod', FloorDivideSigned<SA, SB>[1]>
      : Operands
    : never;
