import type { IntegerOperands, FloorDivideSigned, ToNumber } from './internal/signed.js';
import type { ErrorMessage } from './error-message.js';

/**
 * The quotient `floor(A / B)` of two integer literal types (rounded toward −∞, as `Math.floor(A / B)` and Python's `//`). Dividing by zero gives an {@link ErrorMessage}.
 *
 * Exact for every integer a `number` holds exactly (all of `±Number.MAX_SAFE_INTEGER` and
 * beyond it where the result is representable). `number` or `any` in gives `number` out;
 * `never` gives `never`; unions distribute; a non-integer gives an {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { FloorDivide } from 'shapecheck';
 * type T = FloorDivide<-7, 2>;
 * //=> -4
 * ```
 * @category Arithmetic
 */
export type FloorDivide<A extends number, B extends number> =
  IntegerOperands<'FloorDivide', A, B, number> extends infer Operands
    ? // each pair of literals (unions distribute); edge results pass through
      Operands extends [infer SA extends string, infer SB extends string, infer OperandA, infer OperandB]
      ? SB extends '0' ? ErrorMessage<'FloorDivide: division by zero'> : ToNumber<'FloorDivide', FloorDivideSigned<SA, SB>[0]>
      : Operands
    : never;
