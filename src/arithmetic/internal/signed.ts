/**
 * Signed integers as digit strings ("-12", "0", "224") and the number ⇄ string bridge.
 * Magnitudes are handled by `digits.ts`; here only signs and edge inputs.
 *
 * @packageDocumentation
 */
import type { ErrorMessage } from '../error-message.js';
import type {
  AddReversed,
  CompareDigits,
  DivideDigits,
  MultiplyReversed,
  Reverse,
  StripZeros,
  SubtractReversed,
} from './digits.js';

/** True for `any` and `number`: inputs about which nothing exact can be said. */
export type IsWide<N> = 0 extends 1 & N ? true : number extends N ? true : false;

/** A number literal as a signed digit string, or an error when it is not an integer. */
export type ParseInteger<Op extends string, N extends number> = `${N}` extends infer S extends string
  ? S extends `${bigint}`
    ? S
    : ErrorMessage<`${Op}: expected an integer, got ${N}`>
  : never;

/** Both operands parsed, or the first error. */
export type ParseIntegers<Op extends string, A extends number, B extends number> =
  ParseInteger<Op, A> extends infer SA
    ? SA extends string
      ? ParseInteger<Op, B> extends infer SB
        ? SB extends string
          ? [SA, SB]
          : SB
        : never
      : SA
    : never;

/** A signed digit string back to a number literal, or an error when no number holds it exactly. */
export type ToNumber<Op extends string, S extends string> = S extends `${infer N extends number}`
  ? `${N}` extends S
    ? N
    : ErrorMessage<`${Op}: result ${S} is not exactly representable as a number (beyond Number.MAX_SAFE_INTEGER)`>
  : ErrorMessage<`${Op}: result ${S} is not exactly representable as a number (beyond Number.MAX_SAFE_INTEGER)`>;

/** Minus a signed digit string. */
export type Negate<S extends string> = S extends '0' ? '0' : S extends `-${infer M}` ? M : `-${S}`;

/** `A − B` of magnitudes, signed. */
export type SubtractMagnitudes<A extends string, B extends string> =
  SubtractReversed<Reverse<A>, Reverse<B>> extends infer R extends string
    ? R extends '-'
      ? `-${StripZeros<SubtractReversed<Reverse<B>, Reverse<A>>>}`
      : StripZeros<R>
    : never;

/** `A + B` of signed digit strings. */
export type AddSigned<A extends string, B extends string> =
  // A negative
  A extends `-${infer MA}`
    ? B extends `-${infer MB}`
      ? Negate<AddReversed<Reverse<MA>, Reverse<MB>>>
      : SubtractMagnitudes<B, MA>
    : // A non-negative
      B extends `-${infer MB}`
      ? SubtractMagnitudes<A, MB>
      : AddReversed<Reverse<A>, Reverse<B>>;

/** `A · B` of signed digit strings. */
export type MultiplySigned<A extends string, B extends string> =
  StripZeros<Reverse<MultiplyReversed<Reverse<Magnitude<A>>, Reverse<Magnitude<B>>>>> extends infer M extends string
    ? (A extends `-${string}` ? true : false) extends (B extends `-${string}` ? true : false)
      ? M
      : Negate<M>
    : never;

/** The magnitude of a signed digit string. */
export type Magnitude<S extends string> = S extends `-${infer M}` ? M : S;

/**
 * `[floor(A / B), A − B·floor(A / B)]` of signed digit strings, `B ≠ 0`: the remainder has the
 * sign of `B` (as Python's `//` and `%`), so `A = B·q + r` always holds.
 */
export type FloorDivideSigned<A extends string, B extends string> =
  DivideDigits<Magnitude<A>, Magnitude<B>> extends [infer Q extends string, infer R extends string]
    ? (A extends `-${string}` ? true : false) extends (B extends `-${string}` ? true : false)
      ? // same signs: truncation is flooring; the remainder takes B's sign
        [Q, A extends `-${string}` ? Negate<R> : R]
      : // different signs and exact: the quotient is negative, nothing remains
        R extends '0'
        ? [Negate<Q>, '0']
        : // different signs, inexact: round the quotient down, the remainder is B's sign
          [
            `-${AddReversed<Reverse<Q>, '1'>}`,
            B extends `-${string}` ? SubtractMagnitudes<R, Magnitude<B>> : SubtractMagnitudes<B, R>,
          ]
    : never;

/** Compares signed digit strings: `"<"`, `"="` or `">"`. */
export type CompareSigned<A extends string, B extends string> =
  // A negative
  A extends `-${infer MA}`
    ? B extends `-${infer MB}`
      ? CompareDigits<MB, MA>
      : '<'
    : // A non-negative
      B extends `-${string}`
      ? '>'
      : CompareDigits<A, B>;

/** The digits of a non-negative integer literal, or `false` (negative, fractional, or not a literal). */
export type NaturalDigits<N> = N extends number
  ? `${N}` extends infer S extends `${bigint}`
    ? S extends `-${string}`
      ? false
      : S
    : false
  : false;

/**
 * The edge handling every binary operation shares: `never` in gives `never`; `number` or `any`
 * gives `Wide`; unions distribute; a non-integer gives its error. Otherwise, for each pair of
 * union members, `[digitsA, digitsB, A, B]` for the operation to finish.
 */
export type IntegerOperands<Op extends string, A extends number, B extends number, Wide> =
  // never in, never out
  [A] extends [never]
    ? never
    : [B] extends [never]
      ? never
      : // number or any: nothing exact to say
        IsWide<A | B> extends true
        ? Wide
        : // unions distribute; literals become digit strings
          A extends number
          ? B extends number
            ? ParseIntegers<Op, A, B> extends [infer SA extends string, infer SB extends string]
              ? [SA, SB, A, B]
              : ParseIntegers<Op, A, B>
            : never
          : never;
