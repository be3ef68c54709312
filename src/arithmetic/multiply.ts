import type { ParseIntegers, IsWide, MultiplySigned, ToNumber } from './internal/signed.js';

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
            ? ParseIntegers<'Multiply', A, B> extends [infer SA extends string, infer SB extends string]
              ? ToNumber<'Multiply', MultiplySigned<SA, SB>>
              : ParseIntegers<'Multiply', A, B>
            : never
          : never;
