/**
 * Symbolic dims in the types (issue 11): the twins of the runtime engine in `symbolic.ts`, giving
 * the same canonical strings. The family `H+b` / `(H+b)//d` (every dim convolutions and pools of
 * one name make) has fast paths computed with the digit arithmetic; anything else in the grammar
 * is parsed into a polynomial (`symbolic-poly.ts`) and computed as the runtime engine does.
 * @packageDocumentation
 */
import type { Digit } from '../arithmetic/internal/digits.js';
import type { AddSigned, CompareSigned, FloorDivideSigned, Magnitude, MultiplySigned, Negate } from '../arithmetic/internal/signed.js';
// ---------------------------------------------------------------------------------------------
// Type level. What convolutions and pools make of one name is always `H+b` or `(H+b)//d`
// (⌊(⌊(H+b)/d⌋ + c)/s⌋ = ⌊(H+b+c·d)/(d·s)⌋): the types parse that family, compute on it with
// the digit arithmetic, and print it as the runtime engine does.

/** Characters a name cannot hold (it is an identifier). */
type NotInName = '+' | '-' | '*' | '/' | '(' | ')' | ' ' | '.';
/** Whether `S` is a name (an identifier). */
export type IsDimName<S extends string> = S extends ''
  ? false
  : S extends `${Digit}${string}`
    ? false
    : S extends `${string}${NotInName}${string}`
      ? false
      : true;

/** Whether `S` is the digits of a non-negative integer without leading zeros. */
type IsDigits<S extends string> = S extends `${bigint}` ? (S extends `-${string}` | `0${Digit}${string}` | `+${string}` ? false : true) : false;

/**
 * A dim of the family as `[name, offset, divisor]` (signed and natural digit strings):
 * `'(H+1)//2'` is `['H', '1', '2']`, `'H-3'` is `['H', '-3', '1']`, `'H'` is `['H', '0', '1']`;
 * `never` outside the family.
 */
export type AffineDim<S extends string> = S extends `(${infer N}+${infer B})//${infer D}`
  ? Affine<N, B, D>
  : S extends `(${infer N}-${infer B})//${infer D}`
    ? Affine<N, `-${B}`, D>
    : S extends `${infer N}//${infer D}`
      ? Affine<N, '0', D>
      : S extends `${infer N}+${infer B}`
        ? Affine<N, B, '1'>
        : S extends `${infer N}-${infer B}`
          ? Affine<N, `-${B}`, '1'>
          : Affine<S, '0', '1'>;
type Affine<N extends string, B extends string, D extends string> =
  IsDimName<N> extends true ? (IsDigits<B extends `-${infer M}` ? M : B> extends true ? (IsDigits<D> extends true ? [N, B, D] : never) : never) : never;

/** The canonical text of `[name, offset, divisor]`, as {@link printSum} writes it. */
export type PrintAffine<A extends [string, string, string]> = A[2] extends '1'
  ? A[1] extends '0'
    ? A[0]
    : A[1] extends `-${string}`
      ? `${A[0]}${A[1]}`
      : `${A[0]}+${A[1]}`
  : A[1] extends '0'
    ? `${A[0]}//${A[2]}`
    : A[1] extends `-${string}`
      ? `(${A[0]}${A[1]})//${A[2]}`
      : `(${A[0]}+${A[1]})//${A[2]}`;

/**
 * `⌊(dim + offset) / stride⌋` for a dim of the family (offset signed, stride natural digits), as
 * its canonical text; any other dim in the grammar through the general engine ({@link FloorOfDim}).
 */
export type AffineFloor<S extends string, Offset extends string, Stride extends string> =
  AffineDim<S> extends infer A
    ? [A] extends [never]
      ? FloorOfDim<S, Offset, Stride>
      : A extends [infer N extends string, infer B extends string, infer D extends string]
        ? PrintAffine<[N, Offset extends '0' ? B : AddSigned<B, D extends '1' ? Offset : MultiplySigned<Offset, D>>, Stride extends '1' ? D : D extends '1' ? Stride : MultiplySigned<D, Stride>]>
        : number
    : never;

/**
 * {@link compareDims} in the types, for literal sizes and the family: `'equal'`, `'different'`
 * (never or finitely often equal: another divisor, offsets a whole divisor apart, a literal), or
 * `'unknown'` (offsets less than the divisor apart, two names, or outside the family).
 *
 * @example
 * ```ts
 * import type { CompareDims } from 'shapecheck';
 * type A = CompareDims<'(H+1)//2', '(H+1)//2'>;
 * //=> 'equal'
 * type B = CompareDims<'(H+1)//2', 'H'>;
 * //=> 'different'
 * type C = CompareDims<'H//2', '(H+1)//2'>;
 * //=> 'unknown'
 * ```
 * @category Shapes
 */
export type CompareDims<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? 'equal'
    : CompareUnequal<A, B>
  : CompareUnequal<A, B>;
type CompareUnequal<A, B> = A extends string
  ? B extends string
    ? CompareAffine<AffineDim<A>, AffineDim<B>, A, B>
    : IsLiteralSize<B> extends true
      ? InFamily<A, B>
      : 'unknown'
  : B extends string
    ? IsLiteralSize<A> extends true
      ? InFamily<B, A>
      : 'unknown'
    : IsLiteralSize<A> extends true
      ? IsLiteralSize<B> extends true
        ? 'different'
        : 'unknown'
      : 'unknown';
/** A single literal size (not `number`, not a union). */
type IsLiteralSize<N> = N extends number ? (number extends N ? false : [N] extends [infer One] ? (One extends N ? true : false) : false) : false;
/** A family expression against a literal: equal for finitely many values at most. */
type InFamily<S extends string, N> = [AffineDim<S>] extends [never] ? ComparePolys<S, N> : 'different';
type CompareAffine<A, B, TextA, TextB> = [A] extends [never]
  ? ComparePolys<TextA, TextB>
  : [B] extends [never]
    ? ComparePolys<TextA, TextB>
    : A extends [infer N1 extends string, infer B1 extends string, infer D1 extends string]
      ? B extends [N1, infer B2 extends string, infer D2 extends string]
        ? D1 extends D2
          ? CompareSigned<Magnitude<AddSigned<B1, Negate<B2>>>, D1> extends '<'
            ? 'unknown'
            : 'different'
          : 'different'
        : 'unknown'
      : 'unknown';

/** Characters in code-unit order: the order the runtime engine sorts factors' and requirements' text by. */
type Alphabet = ' ()*+-/0123456789=>ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
/** Whether text `A` sorts before `B` (code units, as JavaScript's `<` on these characters). */
export type TextBefore<A extends string, B extends string> = A extends `${infer CA}${infer RA}`
  ? B extends `${infer CB}${infer RB}`
    ? CA extends CB
      ? TextBefore<RA, RB>
      : Alphabet extends `${string}${CA}${string}${CB}${string}`
        ? true
        : false
    : false
  : B extends ''
    ? false
    : true;

/** A factor of a product: a name or a floor of the family (not a sum such as `H+1`), as its text. */
type AtomOf<S extends string> =
  AffineDim<S> extends infer A
    ? [A] extends [never]
      ? never
      : A extends [string, infer B extends string, infer D extends string]
        ? D extends '1'
          ? B extends '0'
            ? S
            : never
          : S
        : never
    : never;
/** Names before floors, each group in text order. */
type AtomBefore<A extends string, B extends string> = A extends `${string}//${string}`
  ? B extends `${string}//${string}`
    ? TextBefore<A, B>
    : false
  : B extends `${string}//${string}`
    ? true
    : TextBefore<A, B>;
type Insert<X extends string, Sorted extends readonly string[]> = Sorted extends readonly [infer H extends string, ...infer T extends string[]]
  ? AtomBefore<X, H> extends true
    ? [X, ...Sorted]
    : [H, ...Insert<X, T>]
  : [X];
type JoinAtoms<Atoms extends readonly string[]> = Atoms extends readonly [infer H extends string, ...infer T extends string[]]
  ? `${H extends `${string}//${string}` ? `(${H})` : H}${T extends [] ? '' : `*${JoinAtoms<T>}`}`
  : '';

/**
 * The product of dims (Flatten's feature count) as the runtime engine prints it: literals
 * multiplied into the coefficient, names and floors sorted after it
 * (`64*((H+1)//2)*((W+1)//2)`); with sums of a name and a constant (a valid convolution's
 * `H-2`) multiplied out (`3*H*W-6*H-6*W+12`); `number` when a dim is `number` or another sum.
 *
 * @example
 * ```ts
 * import type { ProductOfDims } from 'shapecheck';
 * type A = ProductOfDims<[64, '(H+1)//2', '(W+1)//2']>;
 * //=> '64*((H+1)//2)*((W+1)//2)'
 * type B = ProductOfDims<[16, 5, 5]>;
 * //=> 400
 * ```
 * @category Shapes
 */
export type ProductOfDims<Dims extends readonly unknown[]> = ExpandProduct<Dims, [['1', []]]>;

// Products with sums (Flatten after a valid convolution: `(H-2)*(W-2)`), expanded as the runtime
// engine does: a polynomial is a list of terms `[coefficient, atoms]` (atoms sorted), multiplied
// out, like terms combined, ordered by degree then text, the constant last.
type Term_ = [coefficient: string, atoms: readonly string[]];
/** A dim as a polynomial: a literal, an atom, `atom + b`; `never` for anything else. */
type FactorTerms<D> = D extends number
  ? number extends D
    ? never
    : [[`${D}`, []]]
  : D extends string
    ? [AtomOf<D>] extends [never]
      ? AffineDim<D> extends infer A
        ? [A] extends [never]
          ? DimPoly<D>
          : A extends [infer N extends string, infer B extends string, '1']
            ? [['1', [N]], [B, []]]
            : DimPoly<D>
        : never
      : [['1', [D]]]
    : never;
type ExpandProduct<Dims extends readonly unknown[], P extends readonly Term_[]> =
  PolyOfProduct<Dims, P> extends infer Poly extends readonly Term_[] ? ([Poly] extends [never] ? number : PrintPoly<FoldPoly<SortTerms<DropZeros<Poly>>>>) : number;
/** The product of dims as a polynomial (never when a dim is outside what it multiplies out). */
type PolyOfProduct<Dims extends readonly unknown[], P extends readonly Term_[]> = Dims extends readonly [infer D, ...infer Rest]
  ? [FactorTerms<D>] extends [never]
    ? never
    : FactorTerms<D> extends infer F extends readonly Term_[]
      ? PolyOfProduct<Rest, MultiplyPolys<P, F>>
      : never
  : P;
type DividePoly<P extends readonly Term_[], K extends string> = P extends readonly [infer T extends Term_, ...infer Rest extends readonly Term_[]]
  ? FloorDivideSigned<T[0], K> extends [infer Q extends string, '0']
    ? DividePoly<Rest, K> extends infer R extends readonly Term_[]
      ? [R] extends [never]
        ? never
        : [[Q, T[1]], ...R]
      : never
    : never
  : [];

/**
 * The product of dims divided by a size, where the division is exact (every coefficient of the
 * multiplied-out product divisible): `reshape`'s `-1` on a shape of expressions
 * (`['batch', 16]` to `[-1, 16, 1, 1]` infers `batch`); `number` where it is not exact or the
 * dims are outside what the types multiply out.
 *
 * @example
 * ```ts
 * import type { QuotientOfDims } from 'shapecheck';
 * type A = QuotientOfDims<['batch', 16], 16>;
 * //=> 'batch'
 * type B = QuotientOfDims<['batch', 64, '(H+1)//2', '(W+1)//2'], 64>;
 * //=> 'batch*((H+1)//2)*((W+1)//2)'
 * type C = QuotientOfDims<['batch', 3], 2>;
 * //=> number
 * ```
 * @category Shapes
 */
export type QuotientOfDims<Dims extends readonly unknown[], K extends number> =
  PolyOfProduct<Dims, [['1', []]]> extends infer Poly extends readonly Term_[]
    ? [Poly] extends [never]
      ? number
      : DividePoly<DropZeros<Poly>, `${K}`> extends infer Q extends readonly Term_[]
        ? [Q] extends [never]
          ? number
          : PrintPoly<FoldPoly<SortTerms<DropZeros<Q>>>>
        : number
    : number;
type MultiplyPolys<A extends readonly Term_[], B extends readonly Term_[], Acc extends readonly Term_[] = []> = A extends readonly [
  infer T extends Term_,
  ...infer Rest extends readonly Term_[],
]
  ? MultiplyPolys<Rest, B, MultiplyTerm<T, B, Acc>>
  : Acc;
type MultiplyTerm<T extends Term_, B extends readonly Term_[], Acc extends readonly Term_[]> = B extends readonly [infer U extends Term_, ...infer Rest extends readonly Term_[]]
  ? MultiplyTerm<T, Rest, AddTerm<Acc, [MultiplySigned<T[0], U[0]>, InsertAll<U[1], T[1]>]>>
  : Acc;
type InsertAll<Atoms extends readonly string[], Sorted extends readonly string[]> = Atoms extends readonly [infer H extends string, ...infer T extends string[]]
  ? InsertAll<T, Insert<H, Sorted>>
  : Sorted;
type KeyOf<Atoms extends readonly string[]> = Atoms extends readonly [infer H extends string, ...infer T extends string[]] ? (T extends [] ? H : `${H}*${KeyOf<T>}`) : '';
/** Adds a term to a polynomial, combining it with the term of the same atoms. */
type AddTerm<P extends readonly Term_[], T extends Term_, Seen extends readonly Term_[] = []> = P extends readonly [infer U extends Term_, ...infer Rest extends readonly Term_[]]
  ? KeyOf<U[1]> extends KeyOf<T[1]>
    ? [...Seen, [AddSigned<U[0], T[0]>, U[1]], ...Rest]
    : AddTerm<Rest, T, [...Seen, U]>
  : [...Seen, T];
type DropZeros<P extends readonly Term_[]> = P extends readonly [infer T extends Term_, ...infer Rest extends readonly Term_[]]
  ? T[0] extends '0'
    ? DropZeros<Rest>
    : [T, ...DropZeros<Rest>]
  : [];
/** By degree (highest first), then the atoms' text. */
type TermBefore<A extends Term_, B extends Term_> = A[1]['length'] extends B[1]['length'] ? TextBefore<KeyOf<A[1]>, KeyOf<B[1]>> : LongerFirst<A[1], B[1]>;
type LongerFirst<A extends readonly unknown[], B extends readonly unknown[]> = B extends readonly [unknown, ...infer BT]
  ? A extends readonly [unknown, ...infer AT]
    ? LongerFirst<AT, BT>
    : false
  : true;
type SortTerms<P extends readonly Term_[], Sorted extends readonly Term_[] = []> = P extends readonly [infer T extends Term_, ...infer Rest extends readonly Term_[]]
  ? SortTerms<Rest, InsertTerm<T, Sorted>>
  : Sorted;
type InsertTerm<T extends Term_, Sorted extends readonly Term_[]> = Sorted extends readonly [infer H extends Term_, ...infer Rest extends readonly Term_[]]
  ? TermBefore<T, H> extends true
    ? [T, ...Sorted]
    : [H, ...InsertTerm<T, Rest>]
  : [T];
/** A term's text without its sign, as the engine writes it. */
type TermBody<T extends Term_> = T[1] extends []
  ? Magnitude<T[0]>
  : Magnitude<T[0]> extends '1'
    ? T[1] extends readonly [infer Only extends string]
      ? Only
      : JoinAtoms<T[1]>
    : `${Magnitude<T[0]>}*${JoinAtoms<T[1]>}`;
type PrintPoly<P extends readonly Term_[]> = P extends []
  ? 0
  : P extends readonly [[infer C extends string, []]]
    ? C extends `${infer N extends number}`
      ? N
      : number
    : P extends readonly [infer First extends Term_, ...infer Rest extends readonly Term_[]]
      ? `${First[0] extends `-${string}` ? (First[1] extends readonly [`${string}//${string}`] ? (Magnitude<First[0]> extends '1' ? `-(${TermBody<First>})` : `-${TermBody<First>}`) : `-${TermBody<First>}`) : TermBody<First>}${PrintRest<Rest>}`
      : never;
type PrintRest<P extends readonly Term_[]> = P extends readonly [infer T extends Term_, ...infer Rest extends readonly Term_[]]
  ? `${T[0] extends `-${string}` ? '-' : '+'}${TermBody<T>}${PrintRest<Rest>}`
  : '';

// ---------------------------------------------------------------------------------------------
// The general engine: any dim in the grammar, as the runtime engine computes it. A dim is parsed
// into a polynomial (terms `[coefficient, atoms]`, an atom a name or a floor's canonical text),
// and sums, products and floors follow `sumOf`, `multiply` and `floorDivide` step by step (like
// terms combined, zeros dropped, terms sorted, one floor folded, gcds cancelled, nested floors
// flattened). The family's fast paths above are tried first; this one runs for the rest (sums of
// several names, floors of them, products of sums), so it costs nothing where they suffice.

/** Characters that may start a name, and those that may continue it. */
type NameStart = Uppercase<Letter> | Letter | '_';
type Letter = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm' | 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z';
type NameChar = NameStart | Digit;
/** `[token, rest]`: the longest run of characters of `Chars` at the front of `S`. */
type ReadRun<S extends string, Chars extends string, Acc extends string = ''> = S extends `${infer C}${infer Rest}`
  ? C extends Chars
    ? ReadRun<Rest, Chars, `${Acc}${C}`>
    : [Acc, S]
  : [Acc, S];
/** Digits without leading zeros (`007` is `7`). */
type Natural<S extends string> = S extends `0${infer Rest extends `${Digit}${string}`}` ? Natural<Rest> : S;

/** A constant as a polynomial (0 is the empty one). */
type ConstPoly<C extends string> = C extends '0' ? [] : [[C, []]];
type NegatePoly<P extends Poly> = { [I in keyof P]: [Negate<P[I][0]>, P[I][1]] };
/** The runtime's `sumOf`: like terms combined, zeros dropped, sorted, one floor folded. */
type SumOf<P extends Poly> = SortTerms<DropZeros<AddPolys<[], P>>> extends infer Sorted extends Poly
  ? MergeFloors<Sorted, Sorted> extends infer Merged
    ? [Merged] extends [false]
      ? FoldPoly<Sorted>
      : Merged
    : never
  : never;
/**
 * The runtime's `mergeFloors`: c·⌊A/d⌋ − c·⌊B/d⌋ with A − B = d·Q (Q floor-free) is c·Q; the
 * first such pair in term order merged, or false.
 */
type MergeFloors<P extends Poly, Rest extends Poly> = Rest extends readonly [infer X extends Term_, ...infer Tail extends Poly]
  ? X[1] extends readonly [infer A extends `${string}//${string}`]
    ? MergeWith<P, X, A, Tail> extends infer M
      ? [M] extends [false]
        ? MergeFloors<P, Tail>
        : M
      : never
    : MergeFloors<P, Tail>
  : false;
type MergeWith<P extends Poly, X extends Term_, A extends string, Rest extends Poly> = Rest extends readonly [infer Y extends Term_, ...infer Tail extends Poly]
  ? Y[1] extends readonly [infer B extends `${string}//${string}`]
    ? Y[0] extends Negate<X[0]>
      ? MergePair<P, X, Y, A, B> extends infer M
        ? [M] extends [false]
          ? MergeWith<P, X, A, Tail>
          : M
        : never
      : MergeWith<P, X, A, Tail>
    : MergeWith<P, X, A, Tail>
  : false;
type MergePair<P extends Poly, X extends Term_, Y extends Term_, A extends string, B extends string> = [FloorParts<A>, FloorParts<B>] extends [
  [infer NA extends Poly, infer D extends string],
  [infer NB extends Poly, infer DB extends string],
]
  ? D extends DB
    ? ExactQuotient<SumOf<[...NA, ...NegatePoly<NB>]>, D> extends infer Q extends Poly
      ? [Q] extends [never]
        ? false
        : SumOf<[...OtherTerms<OtherTerms<P, X>, Y>, ...ScalePoly<Q, X[0]>]>
      : false
    : false
  : false;
/** A floor-free polynomial divided by K where every coefficient is a multiple of it; never otherwise. */
type ExactQuotient<P extends Poly, K extends string> = P extends readonly [infer T extends Term_, ...infer Rest extends Poly]
  ? HasFloor<T> extends true
    ? never
    : FloorDivideSigned<T[0], K> extends [infer Q extends string, '0']
      ? ExactQuotient<Rest, K> extends infer R extends Poly
        ? [R] extends [never]
          ? never
          : [[Q, T[1]], ...R]
        : never
      : never
  : [];
type MultiplyOf<A extends Poly, B extends Poly> = FoldPoly<SortTerms<DropZeros<MultiplyPolys<A, B>>>>;
/** A polynomial of terms. */
export type Poly = readonly Term_[];

/** The runtime's `fold`: ⌊A/d⌋ + R (the one floor, coefficient 1, R floor-free) is ⌊(A + d·R)/d⌋. */
type FoldPoly<P extends Poly> = P extends readonly [Term_]
  ? P
  : FloorTerms<P> extends [['1', readonly [infer A extends string]]]
    ? FloorParts<A> extends [infer N extends Poly, infer D extends string]
      ? FloorPoly<SumOf<[...N, ...ScalePoly<OtherTerms<P, ['1', [A]]>, D>]>, D>
      : P
    : P;
/** The terms of a sum but the one with these atoms. */
type OtherTerms<P extends Poly, F extends Term_> = P extends readonly [infer T extends Term_, ...infer Rest extends Poly]
  ? KeyOf<T[1]> extends KeyOf<F[1]>
    ? OtherTerms<Rest, F>
    : [T, ...OtherTerms<Rest, F>]
  : [];
type ScalePoly<P extends Poly, K extends string> = { [I in keyof P]: [MultiplySigned<P[I][0], K>, P[I][1]] };
type FloorTerms<P extends Poly> = P extends readonly [infer T extends Term_, ...infer Rest extends Poly]
  ? HasFloor<T> extends true
    ? [T, ...FloorTerms<Rest>]
    : FloorTerms<Rest>
  : [];
type HasFloor<T extends Term_> = `${KeyOf<T[1]>}` extends `${string}//${string}` ? true : false;

/** The runtime's `floorDivide`: ⌊P/D⌋ of a canonical polynomial, canonical. */
type FloorPoly<P extends Poly, D extends string> = P extends readonly []
  ? []
  : P extends readonly [[infer C extends string, readonly []]]
    ? ConstPoly<FloorDivideSigned<C, D>[0]>
    : D extends '1'
      ? P
      : CoefficientGcd<P, D> extends infer G extends string
        ? G extends '1'
          ? FloorOfReduced<P, D>
          : FloorDivideSigned<D, G>[0] extends infer Rest extends string
            ? SumOf<[...DivideTerms<P, G>, ...ConstPoly<FloorDivideSigned<ConstantOf<P>, G>[0]>]> extends infer Q extends Poly
              ? Rest extends '1'
                ? Q
                : FloorOfReduced<Q, Rest>
              : never
            : never
        : never;
/** A numerator with nothing to cancel: one floor is flattened (⌊⌊A/a⌋/d⌋ = ⌊A/(a·d)⌋), else a new floor. */
type FloorOfReduced<P extends Poly, D extends string> = P extends readonly [['1', readonly [infer A extends string]]]
  ? A extends `${string}//${string}`
    ? FloorParts<A> extends [infer N extends Poly, infer Inner extends string]
      ? FloorPoly<N, MultiplySigned<Inner, D>>
      : never
    : [['1', [`${A}//${D}`]]]
  : [['1', [`(${PrintPoly<P> & string})//${D}`]]];
/** gcd of D and the non-constant coefficients. */
type CoefficientGcd<P extends Poly, G extends string> = G extends '1'
  ? '1'
  : P extends readonly [infer T extends Term_, ...infer Rest extends Poly]
    ? CoefficientGcd<Rest, T[1] extends readonly [] ? G : Gcd<G, Magnitude<T[0]>>>
    : G;
type Gcd<A extends string, B extends string> = B extends '0' ? A : Gcd<B, FloorDivideSigned<A, B>[1]>;
type DivideTerms<P extends Poly, G extends string> = P extends readonly [infer T extends Term_, ...infer Rest extends Poly]
  ? T[1] extends readonly []
    ? DivideTerms<Rest, G>
    : [[FloorDivideSigned<T[0], G>[0], T[1]], ...DivideTerms<Rest, G>]
  : [];
type ConstantOf<P extends Poly> = P extends readonly [...Poly, infer Last extends Term_] ? (Last[1] extends readonly [] ? Last[0] : '0') : '0';

/** A floor atom's numerator and divisor: `(H+1)//2` is `[H+1, '2']`. */
type FloorParts<A extends string> = A extends `(${infer Inner}`
  ? ParseSum<Inner> extends [infer N extends Poly, `)//${infer D}`]
    ? [N, D]
    : never
  : A extends `${infer N}//${infer D}`
    ? [[['1', [N]]], D]
    : never;

// A recursive-descent parser of the grammar, as `parseDim` (unary minus binds tightest, `*` and
// `//` left to right, then `+` and `-`). Each returns `[polynomial, rest of the text]`.
type ParseSum<S extends string> = ParseProduct<S> extends [infer P extends Poly, infer R extends string] ? SumLoop<P, R> : never;
type SumLoop<P extends Poly, R extends string> = R extends `+${infer Rest}`
  ? ParseProduct<Rest> extends [infer Q extends Poly, infer R2 extends string]
    ? SumLoop<SumOf<[...P, ...Q]>, R2>
    : never
  : R extends `-${infer Rest}`
    ? ParseProduct<Rest> extends [infer Q extends Poly, infer R2 extends string]
      ? SumLoop<SumOf<[...P, ...NegatePoly<Q>]>, R2>
      : never
    : [P, R];
type ParseProduct<S extends string> = ParsePrimary<S> extends [infer P extends Poly, infer R extends string] ? ProductLoop<P, R> : never;
type ProductLoop<P extends Poly, R extends string> = R extends `//${infer Rest}`
  ? ReadRun<Rest, Digit> extends [infer D extends string, infer R2 extends string]
    ? Natural<D> extends infer N extends string
      ? N extends '' | '0'
        ? never
        : ProductLoop<FloorPoly<P, N>, R2>
      : never
    : never
  : R extends `*${infer Rest}`
    ? ParsePrimary<Rest> extends [infer Q extends Poly, infer R2 extends string]
      ? ProductLoop<MultiplyOf<P, Q>, R2>
      : never
    : [P, R];
type ParsePrimary<S extends string> = S extends `(${infer Rest}`
  ? ParseSum<Rest> extends [infer P extends Poly, `)${infer R}`]
    ? [P, R]
    : never
  : S extends `-${infer Rest}`
    ? ParsePrimary<Rest> extends [infer P extends Poly, infer R extends string]
      ? [SortTerms<NegatePoly<P>>, R]
      : never
    : S extends `${Digit}${string}`
      ? ReadRun<S, Digit> extends [infer D extends string, infer R extends string]
        ? [ConstPoly<Natural<D>>, R]
        : never
      : S extends `${NameStart}${string}`
        ? ReadRun<S, NameChar> extends [infer N extends string, infer R extends string]
          ? [[['1', [N]]], R]
          : never
        : never;

/** A dim as a polynomial: a literal size, or a string in the grammar; never for `number` or text outside it. */
export type DimPoly<D> = D extends number
  ? number extends D
    ? never
    : ConstPoly<`${D}`>
  : D extends string
    ? ParseSum<D> extends [infer P extends Poly, '']
      ? P
      : never
    : never;
/** A polynomial as a dim: a number literal when constant, else its canonical text. */
export type PolyDim<P extends Poly> = PrintPoly<P>;

/** `⌊(dim + offset)/stride⌋` of any dim in the grammar (the runtime's `floorOfDim`); `number` outside it. */
export type FloorOfDim<S, Offset extends string, Stride extends string> = [DimPoly<S>] extends [never]
  ? number
  : PolyDim<FloorPoly<SumOf<[...DimPoly<S>, ...ConstPoly<Offset>]>, Stride>>;

/**
 * `Scale·S + Offset` of any dim in the grammar (`Scale` natural digits, `Offset` signed digits), as
 * the runtime's {@link affineOfDim} prints it: a transposed convolution's size. A plain name is
 * printed directly; anything else goes through the general engine; `number` outside the grammar.
 *
 * @example
 * ```ts
 * import type { ScaleDim } from 'shapecheck';
 * type A = ScaleDim<'H', '2', '-1'>;
 * //=> '2*H-1'
 * type B = ScaleDim<'(H+1)//2', '1', '3'>;
 * //=> '(H+7)//2'
 * type C = ScaleDim<'H', '1', '0'>;
 * //=> 'H'
 * ```
 * @category Shapes
 */
export type ScaleDim<S, Scale extends string, Offset extends string> = S extends string
  ? IsDimName<S> extends true
    ? `${Scale extends '1' ? '' : `${Scale}*`}${S}${Offset extends '0' ? '' : Offset extends `-${string}` ? Offset : `+${Offset}`}`
    : [DimPoly<S>] extends [never]
      ? number
      : PolyDim<SumOf<[...MultiplyOf<DimPoly<S>, ConstPoly<Scale>>, ...ConstPoly<Offset>]>>
  : number;

/** A name's slope in a difference, times `L` (the product of its floors' divisors), to see its sign exactly. */
type Slopes<P extends Poly, L extends string, Acc extends [string, string][] = []> = P extends readonly [infer T extends Term_, ...infer Rest extends Poly]
  ? T[1] extends readonly []
    ? Slopes<Rest, L, Acc>
    : T[1] extends readonly [infer A extends string]
      ? A extends `${string}//${string}`
        ? FloorParts<A> extends [infer N extends Poly, infer D extends string]
          ? LinearSlopes<N, MultiplySigned<T[0], FloorDivideSigned<L, D>[0]>, Acc> extends infer Next extends [string, string][]
            ? Slopes<Rest, L, Next>
            : never
          : never
        : Slopes<Rest, L, AddSlope<Acc, A, MultiplySigned<T[0], L>>>
      : never
  : Acc;
/** The slopes of a floor-free, degree-1 numerator, scaled; never for anything else. */
type LinearSlopes<N extends Poly, K extends string, Acc extends [string, string][]> = N extends readonly [infer T extends Term_, ...infer Rest extends Poly]
  ? T[1] extends readonly []
    ? LinearSlopes<Rest, K, Acc>
    : T[1] extends readonly [infer A extends string]
      ? A extends `${string}//${string}`
        ? never
        : LinearSlopes<Rest, K, AddSlope<Acc, A, MultiplySigned<T[0], K>>>
      : never
  : Acc;
type AddSlope<Acc extends [string, string][], Name extends string, V extends string, Seen extends [string, string][] = []> = Acc extends [
  infer H extends [string, string],
  ...infer Rest extends [string, string][],
]
  ? H[0] extends Name
    ? [...Seen, [Name, AddSigned<H[1], V>], ...Rest]
    : AddSlope<Rest, Name, V, [...Seen, H]>
  : [...Seen, [Name, V]];
type DivisorProduct<P extends Poly, L extends string = '1'> = P extends readonly [infer T extends Term_, ...infer Rest extends Poly]
  ? DivisorProduct<Rest, T[1] extends readonly [infer A extends string] ? (A extends `${string}//${string}` ? (FloorParts<A> extends [Poly, infer D extends string] ? MultiplySigned<L, D> : L) : L) : L>
  : L;
type SlopeSigns<S extends [string, string][]> = S[number][1] extends infer V extends string ? (V extends '0' ? 'zero' : V extends `-${string}` ? 'negative' : 'positive') : never;

/** The product of every floor's divisor, nested ones too: a multiple of the period of a sum's floors in its names. */
type Period<P extends Poly, L extends string = '1'> = P extends readonly [infer T extends Term_, ...infer Rest extends Poly]
  ? Period<Rest, AtomsPeriod<T[1], L>>
  : L;
type AtomsPeriod<Atoms extends readonly string[], L extends string> = Atoms extends readonly [infer A extends string, ...infer Rest extends string[]]
  ? AtomsPeriod<Rest, A extends `${string}//${string}` ? (FloorParts<A> extends [infer N extends Poly, infer D extends string] ? Period<N, MultiplySigned<L, D>> : L) : L>
  : L;
/** The values 0 .. P−1 (P at most 2 digits: a longer period is left unknown, as the runtime leaves one over 100,000). */
type Below<P extends number, Acc extends unknown[] = []> = Acc['length'] extends P ? never : Acc['length'] | Below<P, [...Acc, 0]>;
/**
 * A difference in one name whose slope is 0 repeats with its floors' period: `'different'` when no
 * value of one period makes it 0 (`2*(H//2)+2` against `H`), else `'unknown'` (the runtime's
 * `oneName`, from the name's least value 0).
 */
type OnePeriod<Difference extends Poly, Name extends string, P extends string> = P extends `${infer N extends number}`
  ? P extends `${PeriodDigit}` | `${PeriodDigit}${PeriodDigit}`
    ? [ZeroAt<Difference, Name, Below<N>>] extends [never]
      ? 'different'
      : 'unknown'
    : 'unknown'
  : 'unknown';
type PeriodDigit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
type ZeroAt<Difference extends Poly, Name extends string, V extends number> = V extends unknown
  ? BindPoly<Difference, { [K in Name]: V }> extends readonly []
    ? V
    : never
  : never;

/**
 * The runtime's {@link compareDims} on any two dims: their difference is `'equal'` when 0,
 * `'different'` when a nonzero constant, or when every name in it has a slope of one sign (then
 * it is 0 for finitely many sizes at most), or when one name's floors cancel its slope and no value
 * of one period of them (at most 99) makes it 0; `'unknown'` otherwise (products, a slope of each
 * sign, a periodic zero).
 */
export type ComparePolys<A, B> = [DimPoly<A>, DimPoly<B>] extends [infer PA extends Poly, infer PB extends Poly]
  ? [PA] extends [never]
    ? 'unknown'
    : [PB] extends [never]
      ? 'unknown'
      : SumOf<[...PA, ...NegatePoly<PB>]> extends infer Difference extends Poly
        ? Difference extends readonly []
          ? 'equal'
          : Difference extends readonly [[string, readonly []]]
            ? 'different'
            : Slopes<Difference, DivisorProduct<Difference>> extends infer S extends [string, string][]
              ? [S] extends [never]
                ? 'unknown'
                : [SlopeSigns<S>] extends ['positive']
                  ? 'different'
                  : [SlopeSigns<S>] extends ['negative']
                    ? 'different'
                    : S extends [[infer Name extends string, '0']]
                      ? OnePeriod<Difference, Name, Period<Difference>>
                      : 'unknown'
              : 'unknown'
        : 'unknown'
  : 'unknown';

/** Binds names in a polynomial (each to a size or an expression) and computes it again. */
type BindPoly<P extends Poly, Bindings, Acc extends Poly = []> = P extends readonly [infer T extends Term_, ...infer Rest extends Poly]
  ? BindAtoms<T[1], Bindings, [[T[0], []]]> extends infer Q extends Poly
    ? [Q] extends [never]
      ? never
      : BindPoly<Rest, Bindings, [...Acc, ...Q]>
    : never
  : SumOf<Acc>;
type BindAtoms<Atoms extends readonly string[], Bindings, Acc extends Poly> = Atoms extends readonly [infer A extends string, ...infer Rest extends string[]]
  ? BindAtom<A, Bindings> extends infer Q extends Poly
    ? [Q] extends [never]
      ? never
      : BindAtoms<Rest, Bindings, MultiplyOf<Acc, Q>>
    : never
  : Acc;
type BindAtom<A extends string, Bindings> = A extends `${string}//${string}`
  ? FloorParts<A> extends [infer N extends Poly, infer D extends string]
    ? BindPoly<N, Bindings> extends infer Q extends Poly
      ? [Q] extends [never]
        ? never
        : FloorPoly<Q, D>
      : never
    : never
  : A extends keyof Bindings
    ? DimPoly<Bindings[A]>
    : [['1', [A]]];
/** {@link BindDim} for any dim in the grammar; `number` where a binding is `number` or outside it. */
type BindGeneral<S extends string, Bindings> = DimPoly<S> extends infer P extends Poly
  ? [P] extends [never]
    ? number
    : BindPoly<P, Bindings> extends infer Q extends Poly
      ? [Q] extends [never]
        ? number
        : PolyDim<Q>
      : number
  : number;

/**
 * The sum of two dims (`cat`'s size along its dim) as the runtime engine prints it: like terms
 * combined (`W` and `W` are `2*W`), a floor plus floor-free terms folded into it (`(W+1)//2` and 3
 * are `(W+7)//2`, `W` and `W//2` are `(3*W)//2`); `number` for dims outside the family.
 *
 * @example
 * ```ts
 * import type { SumOfDims } from 'shapecheck';
 * type A = SumOfDims<'(W+1)//2', '(W+1)//2'>;
 * //=> '2*((W+1)//2)'
 * type B = SumOfDims<'(W+1)//2', 3>;
 * //=> '(W+7)//2'
 * ```
 * @category Shapes
 */
export type SumOfDims<A, B> = [FactorTerms<A>, FactorTerms<B>] extends [infer PA extends readonly Term_[], infer PB extends readonly Term_[]]
  ? [PA] extends [never]
    ? number
    : [PB] extends [never]
      ? number
      : PrintPoly<SumOf<[...PA, ...PB]>>
  : number;
type AddPolys<A extends readonly Term_[], B extends readonly Term_[]> = B extends readonly [infer T extends Term_, ...infer Rest extends readonly Term_[]]
  ? AddPolys<AddTerm<A, T>, Rest>
  : A;
export type NamesIn<S extends string> = JoinNames<SortNames<CollectNames<S>>>;
type IsNameChar<C extends string> = C extends '(' | ')' | '*' | '+' | '-' | '/' | ' ' | '=' | '>' ? false : true;
export type CollectNames<S extends string, Current extends string = '', Acc extends string[] = []> = S extends `${infer C}${infer Rest}`
  ? IsNameChar<C> extends true
    ? CollectNames<Rest, `${Current}${C}`, Acc>
    : CollectNames<Rest, '', AddName<Current, Acc>>
  : AddName<Current, Acc>;
type AddName<Name extends string, Acc extends string[]> = Name extends ''
  ? Acc
  : Name extends `${Digit}${string}`
    ? Acc
    : Name extends Acc[number]
      ? Acc
      : [...Acc, Name];
export type SortNames<Names extends string[], Sorted extends string[] = []> = Names extends [infer H extends string, ...infer T extends string[]]
  ? SortNames<T, InsertText<H, Sorted>>
  : Sorted;
export type InsertText<X extends string, Sorted extends string[]> = Sorted extends [infer H extends string, ...infer T extends string[]]
  ? TextBefore<X, H> extends true
    ? [X, ...Sorted]
    : [H, ...InsertText<X, T>]
  : [X];
type JoinNames<Names extends string[]> = Names extends [infer H extends string, ...infer T extends string[]] ? (T extends [] ? H : `${H}, ${JoinNames<T>}`) : '';

/**
 * A dim with its names replaced by what they are bound to (a model's `forward` binding its
 * declared names to an input's sizes, a block's `forward` binding them to the expressions that
 * reach it), evaluated: `'(H+1)//2'` with `H` bound to 224 is `112`, with `H` bound to
 * `'(H+1)//2'` it is `'(H+3)//4'`; a product binds each factor. A name without a binding stays;
 * `number` in gives `number`.
 *
 * @example
 * ```ts
 * import type { BindDim } from 'shapecheck';
 * type A = BindDim<'(H+1)//2', { H: 224 }>;
 * //=> 112
 * type B = BindDim<'(H+1)//2', { H: '(H+1)//2' }>;
 * //=> '(H+3)//4'
 * type C = BindDim<'64*((H+1)//2)*((W+1)//2)', { H: 32; W: 32 }>;
 * //=> 16384
 * ```
 * @category Shapes
 */
export type BindDim<D, Bindings> = D extends keyof Bindings ? Bindings[D] : D extends string ? BindExpression<D, Bindings> : D;
type BindExpression<S extends string, Bindings> =
  AffineDim<S> extends infer A
    ? [A] extends [never]
      ? BindGeneral<S, Bindings>
      : A extends [infer N extends string, infer B extends string, infer D extends string]
        ? N extends keyof Bindings
          ? Substitute<Bindings[N], B, D>
          : S
        : S
    : never;
/** `⌊(value + offset)/divisor⌋` of what a name is bound to. */
type Substitute<V, B extends string, D extends string> = V extends number
  ? number extends V
    ? number
    : FloorDivideSigned<AddSigned<`${V}`, B>, D>[0] extends `${infer N extends number}`
      ? N
      : number
  : V extends string
    ? AffineFloor<V, B, D>
    : number;

