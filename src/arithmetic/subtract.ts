import type { ParseIntegers, IsWide, AddSigned, Negate, ToNumber } from './internal/signed.js';

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
            ? ParseIntegers<'Subtract', A, B> extends [infer SA extends string, infer SB extends string]
              ? ToNumber<'Subtract', AddSigned<SA, Negate<SB>>>
              : ParseIntegers<'Subtract', A, B>
            : never
          : never;
