import type { IntegerOperands, CompareSigned } from './internal/signed.js';

/**
 * The smaller of two integer literal types.
 *
 * Exact for every integer a `number` holds exactly (all of `±Number.MAX_SAFE_INTEGER` and
 * beyond it where the result is representable). `number` or `any` in gives `number` out;
 * `never` gives `never`; unions distribute; a non-integer gives an {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { Min } from 'shapecheck';
 * type T = Min<224, 1000>;
 * //=> 224
 * ```
 * @category Arithmetic
 */
export type Min<A extends number, B extends number> =
  IntegerOperands<'Min', A, B, number> extends infer Operands
    ? // each pair of literals (unions distribute); edge results pass through
      Operands extends [infer SA extends string, infer SB extends string, infer OperandA, infer OperandB]
      ? CompareSigned<SA, SB> extends '>' ? OperandB : OperandA
      : Operands
    : never;
