import type { ParseIntegers, IsWide, FloorDivideSigned, ToNumber } from './internal/signed.js';
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
            ? ParseIntegers<'Mod', A, B> extends [infer SA extends string, infer SB extends string]
              ? SB extends '0' ? ErrorMessage<'Mod: division by zero'> : ToNumber<'Mod', FloorDivideSigned<SA, SB>[1]>
              : ParseIntegers<'Mod', A, B>
            : never
          : never;
