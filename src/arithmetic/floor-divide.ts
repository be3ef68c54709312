import type { ParseIntegers, IsWide, FloorDivideSigned, ToNumber } from './internal/signed.js';
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
  // never in, never out
  [A] extends [never]
    ? never
    : [B] extends [never]
      ? never
      : // number or any: nothing exact to say
        IsWide<A | B> extends true
        ? number
        : // unions distribute; literals are computed digit by digit
          A extends number
          ? B extends number
            ? ParseIntegers<'FloorDivide', A, B> extends [infer SA extends string, infer SB extends string]
              ? SB extends '0' ? ErrorMessage<'FloorDivide: division by zero'> : ToNumber<'FloorDivide', FloorDivideSigned<SA, SB>[0]>
              : ParseIntegers<'FloorDivide', A, B>
            : never
          : never;
