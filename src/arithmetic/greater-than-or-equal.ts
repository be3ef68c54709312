import type { ParseIntegers, IsWide, CompareSigned } from './internal/signed.js';

/**
 * Whether `A ≥ B`, for two integer literal types.
 *
 * Exact for every integer a `number` holds exactly (all of `±Number.MAX_SAFE_INTEGER` and
 * beyond it where the result is representable). `number` or `any` in gives `boolean` out;
 * `never` gives `never`; unions distribute; a non-integer gives an {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { GreaterThanOrEqual } from 'shapecheck';
 * type T = GreaterThanOrEqual<7, 7>;
 * //=> true
 * ```
 * @category Arithmetic
 */
export type GreaterThanOrEqual<A extends number, B extends number> =
  // never in, never out
  [A] extends [never]
    ? never
    : [B] extends [never]
      ? never
      : // number or any: nothing exact to say
        IsWide<A | B> extends true
        ? boolean
        : // unions distribute; literals are computed digit by digit
          A extends number
          ? B extends number
            ? ParseIntegers<'GreaterThanOrEqual', A, B> extends [infer SA extends string, infer SB extends string]
              ? CompareSigned<SA, SB> extends '<' ? false : true
              : ParseIntegers<'GreaterThanOrEqual', A, B>
            : never
          : never;
