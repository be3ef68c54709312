/**
 * Magnitude arithmetic on canonical decimal digit strings ("0", "7", "224", never "007").
 *
 * Everything here is unsigned; `signed.ts` builds signs on top. Design notes (measured, see
 * docs/benchmarks.md):
 * - numbers are digit strings, never tuples (tuple lengths die near 1000; strings scale to 2^53);
 * - one string-keyed table lookup per digit step (tables.ts), indexed as
 *   `K extends keyof T ? T[K] : never`;
 * - add, subtract and multiply walk from the least significant digit, so their inputs are
 *   reversed first (`Reverse`, four digits per step); division walks from the most significant;
 * - every loop is tail-recursive and carries its state in type parameters, so TypeScript
 *   evaluates it iteratively (no depth limit below 1000 steps; 2^53 has 16 digits).
 *
 * @packageDocumentation
 */
import type { AddTable, DigitCompareTable, DivTable, MulTable, SubTable } from './tables.js';

/** A decimal digit as a string. */
export type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

/** Reverses a string, four characters per step; the last one to three in a single step. */
export type Reverse<S extends string, Acc extends string = ''> =
  // at least four characters left: move them in one step, and stop if that was all
  S extends `${infer A}${infer B}${infer C}${infer D}${infer Rest}`
    ? Rest extends ''
      ? `${D}${C}${B}${A}${Acc}`
      : Reverse<Rest, `${D}${C}${B}${A}${Acc}`>
    : // two or three characters (the last placeholder may be empty)
      S extends `${infer A}${infer B}${infer C}`
      ? `${C}${B}${A}${Acc}`
      : // one character or none
        `${S}${Acc}`;

/** Removes leading zeros; the empty string and all-zero strings become "0". */
export type StripZeros<S extends string> =
  // the usual case: no leading zero
  S extends `0${string}`
    ? StripLeadingZeros<S>
    : S extends ''
      ? '0'
      : S;

type StripLeadingZeros<S extends string> =
  // four leading zeros at once
  S extends `0000${infer Rest}`
    ? StripLeadingZeros<Rest>
    : // one leading zero, more digits behind it
      S extends `0${infer Rest extends `${Digit}${string}`}`
      ? StripLeadingZeros<Rest>
      : // nothing left means zero
        S extends ''
        ? '0'
        : S;

/**
 * Sum of two reversed digit strings (least significant digit first), returned in normal order.
 * `Carry` is the carry into the current digit.
 */
export type AddReversed<A extends string, B extends string, Carry extends string = '0', Acc extends string = ''> =
  // a digit from each side
  A extends `${infer X}${infer ARest}`
    ? B extends `${infer Y}${infer BRest}`
      ? `${Carry}${X}${Y}` extends infer K extends keyof AddTable
        ? AddTable[K] extends `${infer C}${infer Z}`
          ? AddReversed<ARest, BRest, C, `${Z}${Acc}`>
          : never
        : never
      : // B is used up: without a carry, the rest of A is copied
        Carry extends '0'
        ? `${Reverse<A>}${Acc}`
        : `1${X}0` extends infer K extends keyof AddTable
          ? AddTable[K] extends `${infer C}${infer Z}`
            ? AddReversed<ARest, '', C, `${Z}${Acc}`>
            : never
          : never
    : // A is used up: continue with B alone (swap, so the branch above handles it)
      B extends ''
      ? Carry extends '1'
        ? `1${Acc}`
        : Acc
      : AddReversed<B, '', Carry, Acc>;

/**
 * Difference `A − B` of two reversed digit strings, in normal order with leading zeros kept.
 * Returns `"-"` when `A < B` (a borrow is left over), so one walk both compares and subtracts.
 */
export type SubtractReversed<A extends string, B extends string, Borrow extends string = '0', Acc extends string = ''> =
  // a digit from each side
  A extends `${infer X}${infer ARest}`
    ? B extends `${infer Y}${infer BRest}`
      ? `${Borrow}${X}${Y}` extends infer K extends keyof SubTable
        ? SubTable[K] extends `${infer C}${infer Z}`
          ? SubtractReversed<ARest, BRest, C, `${Z}${Acc}`>
          : never
        : never
      : // B is used up: without a borrow, the rest of A is copied
        Borrow extends '0'
        ? `${Reverse<A>}${Acc}`
        : `1${X}0` extends infer K extends keyof SubTable
          ? SubTable[K] extends `${infer C}${infer Z}`
            ? SubtractReversed<ARest, '', C, `${Z}${Acc}`>
            : never
          : never
    : // A is used up: B still has digits or a borrow is left, so A < B
      B extends ''
      ? Borrow extends '1'
        ? '-'
        : Acc
      : StripZeros<B> extends '0'
        ? Borrow extends '1'
          ? '-'
          : Acc
        : '-';

/** Compares two canonical digit strings: `"<"`, `"="` or `">"`. */
export type CompareDigits<A extends string, B extends string> =
  CompareLength<A, B> extends infer L extends string ? (L extends '=' ? CompareSameLength<A, B> : L) : never;

/** Compares string lengths, four characters per step. */
type CompareLength<A extends string, B extends string> =
  // four characters off each side
  A extends `${string}${string}${string}${string}${infer ARest}`
    ? B extends `${string}${string}${string}${string}${infer BRest}`
      ? CompareLength<ARest, BRest>
      : CompareLengthOne<A, B>
    : CompareLengthOne<A, B>;

/** Compares string lengths, one character per step (fewer than four left on one side). */
type CompareLengthOne<A extends string, B extends string> =
  // a character off each side
  A extends `${string}${infer ARest}`
    ? B extends `${string}${infer BRest}`
      ? CompareLengthOne<ARest, BRest>
      : '>'
    : // A is used up
      B extends ''
      ? '='
      : '<';

/** Lexicographic comparison of two digit strings of the same length. */
type CompareSameLength<A extends string, B extends string> =
  // first digit of each side
  A extends `${infer X}${infer ARest}`
    ? B extends `${infer Y}${infer BRest}`
      ? `${X}${Y}` extends infer K extends keyof DigitCompareTable
        ? DigitCompareTable[K] extends '='
          ? CompareSameLength<ARest, BRest>
          : DigitCompareTable[K]
        : never
      : '='
    : '=';

/** A reversed digit string times one digit, returned reversed. */
type MultiplyDigitReversed<A extends string, Y extends string, Carry extends string = '0', Acc extends string = ''> =
  // next digit of A
  A extends `${infer X}${infer ARest}`
    ? `${Carry}${X}${Y}` extends infer K extends keyof MulTable
      ? MulTable[K] extends `${infer C}${infer Z}`
        ? MultiplyDigitReversed<ARest, Y, C, `${Acc}${Z}`>
        : never
      : never
    : // A is used up: the carry is the top digit
      Carry extends '0'
      ? Acc
      : `${Acc}${Carry}`;

/** Sum of two reversed digit strings, returned reversed (used to accumulate partial products). */
type AddReversedToReversed<A extends string, B extends string, Carry extends string = '0', Acc extends string = ''> =
  // a digit from each side
  A extends `${infer X}${infer ARest}`
    ? B extends `${infer Y}${infer BRest}`
      ? `${Carry}${X}${Y}` extends infer K extends keyof AddTable
        ? AddTable[K] extends `${infer C}${infer Z}`
          ? AddReversedToReversed<ARest, BRest, C, `${Acc}${Z}`>
          : never
        : never
      : // B is used up: without a carry, the rest of A is appended as it is
        Carry extends '0'
        ? `${Acc}${A}`
        : `1${X}0` extends infer K extends keyof AddTable
          ? AddTable[K] extends `${infer C}${infer Z}`
            ? AddReversedToReversed<ARest, '', C, `${Acc}${Z}`>
            : never
          : never
    : // A is used up: continue with B alone
      B extends ''
      ? Carry extends '1'
        ? `${Acc}1`
        : Acc
      : AddReversedToReversed<B, '', Carry, Acc>;

/**
 * Product of a reversed digit string `A` and a reversed digit string `B`, returned reversed.
 * Schoolbook: one partial product per digit of `B`, shifted by the digits already consumed.
 */
export type MultiplyReversed<A extends string, B extends string, Shift extends string = '', Acc extends string = '0'> =
  // next digit of B
  B extends `${infer Y}${infer BRest}`
    ? Y extends '0'
      ? MultiplyReversed<A, BRest, `${Shift}0`, Acc>
      : MultiplyReversed<A, BRest, `${Shift}0`, AddReversedToReversed<Acc, `${Shift}${MultiplyDigitReversed<A, Y>}`>>
    : // B is used up
      Acc;

/** Quotient and remainder of a canonical digit string divided by a one-digit divisor 1–9. */
export type DivideByDigit<A extends string, Divisor extends keyof DivTable, Remainder extends string = '0', Quotient extends string = ''> =
  // next digit of A, most significant first
  A extends `${infer X}${infer ARest}`
    ? `${Remainder}${X}` extends infer K extends keyof DivTable[Divisor]
      ? DivTable[Divisor][K] extends `${infer Q}${infer R}`
        ? DivideByDigit<ARest, Divisor, R, Quotient extends '' ? (Q extends '0' ? '' : Q) : `${Quotient}${Q}`>
        : never
      : never
    : // A is used up
      [Quotient extends '' ? '0' : Quotient, Remainder];

/**
 * Quotient and remainder of canonical digit strings `A ÷ B` for any divisor ≥ 1: long division
 * from the most significant digit; each quotient digit is found by subtracting `B` at most nine
 * times from the running remainder.
 */
export type DivideDigits<A extends string, B extends string> = B extends keyof DivTable
  ? DivideByDigit<A, B>
  : LongDivide<A, Reverse<B>, B>;

type LongDivide<A extends string, BReversed extends string, B extends string, Remainder extends string = '', Quotient extends string = ''> =
  // bring down the next digit of A
  A extends `${infer X}${infer ARest}`
    ? QuotientDigit<StripZeros<`${Remainder}${X}`>, BReversed, B> extends [infer Q extends string, infer R extends string]
      ? LongDivide<ARest, BReversed, B, R, Quotient extends '' ? (Q extends '0' ? '' : Q) : `${Quotient}${Q}`>
      : never
    : // A is used up
      [Quotient extends '' ? '0' : Quotient, StripZeros<Remainder>];

/** How many times (0–9) `B` fits into `Remainder`, and what is left: repeated subtraction. */
type QuotientDigit<Remainder extends string, BReversed extends string, B extends string, Count extends string = '0'> =
  // B no longer fits
  CompareDigits<Remainder, B> extends '<'
    ? [Count, Remainder]
    : QuotientDigit<
        StripZeros<SubtractReversed<Reverse<Remainder>, BReversed>>,
        BReversed,
        B,
        Count extends keyof NextDigit ? NextDigit[Count] : never
      >;

/** The digit after each digit (quotient digits never pass 9). */
interface NextDigit {
  '0': '1';
  '1': '2';
  '2': '3';
  '3': '4';
  '4': '5';
  '5': '6';
  '6': '7';
  '7': '8';
  '8': '9';
}
