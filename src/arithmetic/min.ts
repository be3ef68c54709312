import type { ParseIntegers, IsWide, CompareSigned } from './internal/signed.js';

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
            ? ParseIntegers<'Min', A, B> extends [infer SA extends string, infer SB extends string]
              ? CompareSigned<SA, SB> extends '>' ? B : A
              : ParseIntegers<'Min', A, B>
            : never
          : never;
