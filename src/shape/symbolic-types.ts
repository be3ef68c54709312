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
 * its canonical text; `number` for a dim outside the family (not made by convolutions and pools
 * of one name).
 */
export type AffineFloor<S extends string, Offset extends string, Stride extends string> =
  AffineDim<S> extends infer A
    ? [A] extends [never]
      ? number
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
    ? CompareAffine<AffineDim<A>, AffineDim<B>>
    : IsLiteralSize<B> extends true
      ? InFamily<A>
      : 'unknown'
  : B extends string
    ? IsLiteralSize<A> extends true
      ? InFamily<B>
      : 'unknown'
    : IsLiteralSize<A> extends true
      ? IsLiteralSize<B> extends true
        ? 'different'
        : 'unknown'
      : 'unknown';
/** A single literal size (not `number`, not a union). */
type IsLiteralSize<N> = N extends number ? (number extends N ? false : [N] extends [infer One] ? (One extends N ? true : false) : false) : false;
/** A family expression against a literal: equal for finitely many values at most. */
type InFamily<S extends string> = [AffineDim<S>] extends [never] ? 'unknown' : 'different';
type CompareAffine<A, B> = [A] extends [never]
  ? 'unknown'
  : [B] extends [never]
    ? 'unknown'
    : A extends [infer N1 extends string, infer B1 extends string, infer D1 extends string]
      ? B extends [N1, infer B2 extends string, infer D2 extends string]
        ? D1 extends D2
          ? CompareSigned<Magnitude<AddSigned<B1, Negate<B2>>>, D1> extends '<'
            ? 'unknown'
            : 'different'
          : 'different'
        : 'unknown'
      : 'unknown';

/** Characters in code-unit order: the order the runtime engine sorts factors' text by. */
type Alphabet = '()*+-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
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
      ? AffineDim<D> extends [infer N extends string, infer B extends string, '1']
        ? [['1', [N]], [B, []]]
        : never
      : [['1', [D]]]
    : never;
type ExpandProduct<Dims extends readonly unknown[], P extends readonly Term_[]> =
  PolyOfProduct<Dims, P> extends infer Poly extends readonly Term_[] ? ([Poly] extends [never] ? number : PrintPoly<SortTerms<DropZeros<Poly>>>) : number;
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
          : FoldSum<SortTerms<DropZeros<Q>>>
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
      : SortTerms<DropZeros<AddPolys<PA, PB>>> extends infer Sum extends readonly Term_[]
        ? FoldSum<Sum>
        : number
  : number;
type AddPolys<A extends readonly Term_[], B extends readonly Term_[]> = B extends readonly [infer T extends Term_, ...infer Rest extends readonly Term_[]]
  ? AddPolys<AddTerm<A, T>, Rest>
  : A;
type HasFloor<T extends Term_> = T[1] extends readonly [] ? false : `${KeyOf<T[1]>}` extends `${string}//${string}` ? true : false;
/** The engine's folding: one floor (coefficient 1) and a constant is one floor; with a name, `number` here. */
type FoldSum<Sum extends readonly Term_[]> = FloorTerms<Sum> extends [infer F extends Term_]
  ? Sum extends readonly [Term_]
    ? PrintPoly<Sum>
    : F extends ['1', readonly [infer Floor extends string]]
      ? Exclude<Sum[number], F> extends infer Rest
        ? [Rest] extends [[infer C extends string, readonly []]]
          ? AffineFloor<Floor, C, '1'>
          : FoldNames<Floor, OtherTerms<Sum, F>>
        : number
      : PrintPoly<Sum>
  : PrintPoly<Sum>;
/** The terms of a sum but one. */
type OtherTerms<Sum extends readonly Term_[], F extends Term_> = Sum extends readonly [infer T extends Term_, ...infer Rest extends readonly Term_[]]
  ? T extends F
    ? OtherTerms<Rest, F>
    : [T, ...OtherTerms<Rest, F>]
  : [];
/**
 * ⌊(N + b)/d⌋ + R (R with names) as the engine folds it: ⌊(N + b + d·R)/d⌋, its numerator
 * multiplied out (the coefficient of N stays 1 mod d, so no common factor with d is left).
 */
type FoldNames<Floor extends string, Rest extends readonly Term_[]> =
  AffineDim<Floor> extends [infer N extends string, infer B extends string, infer D extends string]
    ? SortTerms<DropZeros<AddPolys<[['1', [N]], [B, []]], ScalePoly<Rest, D>>>> extends infer Numerator extends readonly Term_[]
      ? `(${PrintPoly<Numerator> & string})//${D}`
      : number
    : number;
type ScalePoly<P extends readonly Term_[], K extends string> = { [I in keyof P]: [MultiplySigned<P[I][0], K>, P[I][1]] };
type FloorTerms<Sum extends readonly Term_[]> = Sum extends readonly [infer T extends Term_, ...infer Rest extends readonly Term_[]]
  ? HasFloor<T> extends true
    ? [T, ...FloorTerms<Rest>]
    : FloorTerms<Rest>
  : [];

/** The names in an expression's text, sorted and each once, joined with `, ` (`'H, W'`). */
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
      ? S extends `${string}*${string}`
        ? BindProduct<SplitFactors<S>, Bindings>
        : S
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
/** A product's factors as written: `64*((H+1)//2)*W` is `['64', '(H+1)//2', 'W']`. */
type SplitFactors<S extends string> = S extends `${infer Head}*${infer Rest}` ? [Unwrap<Head>, ...SplitFactors<Rest>] : [Unwrap<S>];
type Unwrap<F extends string> = F extends `(${infer Inner})` ? Inner : F;
type BindProduct<Factors extends readonly string[], Bindings, Acc extends unknown[] = []> = Factors extends readonly [infer F extends string, ...infer Rest extends string[]]
  ? BindProduct<Rest, Bindings, [...Acc, F extends `${infer N extends number}` ? N : BindDim<F, Bindings>]>
  : ProductOfDims<Acc>;

