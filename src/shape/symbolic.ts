/**
 * Symbolic dims at runtime (issue 11): a named size (`'H'`) and what shape rules derive from it
 * (`'(H+1)//2'`) as exact expressions, in one canonical form, with an evaluator and a three-valued
 * comparison. The type-level engine gives the same strings for the same rules.
 *
 * **Grammar** (what a dim string may be, and what {@link printDim} writes): non-negative integers,
 * names (identifiers: `H`, `batch`, `seq_len`), `+`, `-` (also unary), `*`, `//` (floor division
 * by a positive integer, Python's: towards −∞) and parentheses. Names stand for sizes: integers ≥ 0.
 *
 * **Canonical form** (built by the operations, so equal expressions built by the shape rules print
 * identically):
 * - a sum of terms, each an integer coefficient times a product of factors; a factor is a name or
 *   a floor `⌊P/d⌋` (P a canonical sum, d ≥ 2); like terms combined, constants folded, terms
 *   ordered by degree (highest first), then by their text; the constant last;
 * - a floor's numerator shares no factor with d across its non-constant coefficients
 *   (`⌊(2H+3)/4⌋` is `⌊(H+1)/2⌋`: ⌊(g·Q + b)/(g·d)⌋ = ⌊(Q + ⌊b/g⌋)/d⌋), so `⌊(2H+2)/2⌋` is `H+1`;
 * - nested floors flattened: ⌊(⌊A/a⌋ + R)/b⌋ = ⌊(A + a·R)/(a·b)⌋ (R without floors), so
 *   `((H+1)//2+1)//2` is `(H+3)//4`;
 * - a sum of one floor (coefficient 1) and floor-free terms is folded into the floor:
 *   ⌊A/d⌋ + R = ⌊(A + d·R)/d⌋, so `(H-1)//2+1` is `(H+1)//2`;
 * - a product of sums is expanded, each factor folded first: `64*((H+1)//2)*((W+1)//2)`.
 * On one name through any chain of convolutions and pools this form is unique: every such dim is
 * `H+b` or `(H+b)//d`. Beyond that two equal expressions may print differently (`H//2+(H+1)//2`
 * and `H`); {@link compareDims} then answers unknown rather than wrong.
 * @packageDocumentation
 */
import type { Digit } from '../arithmetic/internal/digits.js';
import type { FormatList } from './format.js';
import { ShapeError } from './shape-error.js';
import type { AddSigned, CompareSigned, FloorDivideSigned, Magnitude, MultiplySigned, Negate } from '../arithmetic/internal/signed.js';

/** A factor of a term: a name, or the floor of a sum divided by an integer ≥ 2. */
type Factor = { readonly name: string } | { readonly numerator: Sum; readonly divisor: bigint };

/** A term: coefficient × factors (sorted by their text; none for the constant). */
interface Term {
  readonly coefficient: bigint;
  readonly factors: readonly Factor[];
  /** The factors' text, joined: the term's identity for combining like terms. */
  readonly key: string;
}

/** A canonical sum of terms (no zero coefficients, no two terms with the same key). */
export interface Sum {
  readonly terms: readonly Term[];
}

const isName = (factor: Factor): factor is { readonly name: string } => 'name' in factor;

function factorText(factor: Factor): string {
  if (isName(factor)) return factor.name;
  const numerator = factor.numerator;
  const single = numerator.terms.length === 1 && numerator.terms[0]!.coefficient === 1n && numerator.terms[0]!.factors.length === 1 && isName(numerator.terms[0]!.factors[0]!);
  return `${single ? printSum(numerator) : `(${printSum(numerator)})`}//${factor.divisor}`;
}

function termOf(coefficient: bigint, factors: readonly Factor[]): Term {
  const sorted = [...factors].map((f) => [factorText(f), f] as const).sort(([a], [b]) => compareFactorText(a, b));
  return { coefficient, factors: sorted.map(([, f]) => f), key: sorted.map(([t]) => t).join('*') };
}

/** Names before floors, each alphabetical (by code unit). */
function compareFactorText(a: string, b: string): number {
  const floorA = a.includes('//');
  const floorB = b.includes('//');
  if (floorA !== floorB) return floorA ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Terms by degree (highest first), then text; the constant last. */
function compareTerms(a: Term, b: Term): number {
  if (a.factors.length !== b.factors.length) return b.factors.length - a.factors.length;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Combines like terms, drops zeros, orders. */
function sumOf(terms: readonly Term[]): Sum {
  const byKey = new Map<string, Term>();
  for (const term of terms) {
    const seen = byKey.get(term.key);
    byKey.set(term.key, seen ? { ...seen, coefficient: seen.coefficient + term.coefficient } : term);
  }
  const sorted = [...byKey.values()].filter((t) => t.coefficient !== 0n).sort(compareTerms);
  return mergeFloors(sorted) ?? fold({ terms: sorted });
}

/** A term that is one floor (its coefficient aside): the floor, else undefined. */
function floorOfTerm(term: Term): { numerator: Sum; divisor: bigint } | undefined {
  const f = term.factors.length === 1 ? term.factors[0]! : undefined;
  return f && !isName(f) ? f : undefined;
}

/**
 * c·⌊A/d⌋ − c·⌊B/d⌋ with A − B = d·Q (Q floor-free) is c·Q, exactly: two floors whose numerators
 * differ by a multiple of their divisor cancel to a sum (`(3*W+2)//2 - (3*W)//2` is 1). The sum
 * with the first such pair replaced (in term order), or undefined when there is none.
 */
function mergeFloors(terms: readonly Term[]): Sum | undefined {
  for (let i = 0; i < terms.length; i++) {
    const a = floorOfTerm(terms[i]!);
    if (!a) continue;
    for (let j = i + 1; j < terms.length; j++) {
      const b = floorOfTerm(terms[j]!);
      if (!b || b.divisor !== a.divisor || terms[j]!.coefficient !== -terms[i]!.coefficient) continue;
      const difference = subtract(a.numerator, b.numerator);
      if (!difference.terms.every((t) => !hasFloor(t) && t.coefficient % a.divisor === 0n)) continue;
      const c = terms[i]!.coefficient;
      const quotient = difference.terms.map((t) => ({ ...t, coefficient: (t.coefficient / a.divisor) * c }));
      return sumOf([...terms.filter((_, k) => k !== i && k !== j), ...quotient]);
    }
  }
  return undefined;
}

const hasFloor = (term: Term): boolean => term.factors.some((f) => !isName(f));

/** ⌊A/d⌋ + R (R floor-free) as ⌊(A + d·R)/d⌋: the one floor, coefficient 1, absorbs the rest. */
function fold(sum: Sum): Sum {
  const withFloor = sum.terms.filter(hasFloor);
  if (withFloor.length !== 1 || sum.terms.length === 1) return sum;
  const floorTerm = withFloor[0]!;
  if (floorTerm.coefficient !== 1n || floorTerm.factors.length !== 1) return sum;
  const floor = floorTerm.factors[0] as { numerator: Sum; divisor: bigint };
  const rest = sum.terms.filter((t) => t !== floorTerm).map((t) => ({ ...t, coefficient: t.coefficient * floor.divisor }));
  return floorDivide(sumOf([...floor.numerator.terms, ...rest]), floor.divisor);
}

/** A constant as a sum. */
export function constant(value: bigint | number): Sum {
  const c = BigInt(value);
  return { terms: c === 0n ? [] : [termOf(c, [])] };
}

/** A name as a sum. */
export function named(name: string): Sum {
  return { terms: [termOf(1n, [{ name }])] };
}

export function add(a: Sum, b: Sum): Sum {
  return sumOf([...a.terms, ...b.terms]);
}

export function negate(a: Sum): Sum {
  return { terms: a.terms.map((t) => ({ ...t, coefficient: -t.coefficient })) };
}

export function subtract(a: Sum, b: Sum): Sum {
  return add(a, negate(b));
}

export function multiply(a: Sum, b: Sum): Sum {
  const terms: Term[] = [];
  for (const x of a.terms) for (const y of b.terms) terms.push(termOf(x.coefficient * y.coefficient, [...x.factors, ...y.factors]));
  return sumOf(terms);
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);
function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
/** Python's `//` on integers (towards −∞). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** The constant term's coefficient (0 when none). */
function constantOf(sum: Sum): bigint {
  const last = sum.terms[sum.terms.length - 1];
  return last && last.factors.length === 0 ? last.coefficient : 0n;
}

/** The value when the sum is a constant, else undefined. */
export function constantValue(sum: Sum): bigint | undefined {
  if (sum.terms.length === 0) return 0n;
  return sum.terms.length === 1 && sum.terms[0]!.factors.length === 0 ? sum.terms[0]!.coefficient : undefined;
}

/** ⌊a / d⌋ for an integer d ≥ 1, canonical (see the module's documentation). */
export function floorDivide(a: Sum, divisor: bigint | number): Sum {
  let d = BigInt(divisor);
  if (d < 1n) throw new RangeError(`floor division by ${d}: the divisor must be a positive integer`);
  const value = constantValue(a);
  if (value !== undefined) return constant(floorDiv(value, d));
  if (d === 1n) return a;
  // the numerator's non-constant coefficients and d share g: ⌊(g·Q + b)/(g·d')⌋ = ⌊(Q + ⌊b/g⌋)/d'⌋
  let g = d;
  for (const t of a.terms) if (t.factors.length > 0) g = gcd(g, t.coefficient);
  let numerator = a;
  if (g > 1n) {
    const b = constantOf(a);
    numerator = sumOf([...a.terms.filter((t) => t.factors.length > 0).map((t) => ({ ...t, coefficient: t.coefficient / g })), ...constant(floorDiv(b, g)).terms]);
    d /= g;
    if (d === 1n) return numerator;
  }
  // a numerator that is one floor (folded sums have nothing beside it): ⌊⌊A/a⌋/d⌋ = ⌊A/(a·d)⌋
  if (numerator.terms.length === 1 && numerator.terms[0]!.coefficient === 1n && numerator.terms[0]!.factors.length === 1 && !isName(numerator.terms[0]!.factors[0]!)) {
    const inner = numerator.terms[0]!.factors[0] as { numerator: Sum; divisor: bigint };
    return floorDivide(inner.numerator, inner.divisor * d);
  }
  return { terms: [termOf(1n, [{ numerator, divisor: d }])] };
}

/** The canonical text of a sum (`0` for the empty sum). */
export function printSum(sum: Sum): string {
  if (sum.terms.length === 0) return '0';
  let text = '';
  sum.terms.forEach((term, i) => {
    const negative = term.coefficient < 0n;
    const magnitude = abs(term.coefficient);
    const parts = term.factors.map((f) => (isName(f) || (term.factors.length === 1 && magnitude === 1n) ? factorText(f) : `(${factorText(f)})`));
    const body = term.factors.length === 0 ? String(magnitude) : magnitude === 1n ? parts.join('*') : `${magnitude}*${parts.join('*')}`;
    // a leading minus binds tighter than //: -(H//2) is not -H//2
    const lead = negative && term.factors.length === 1 && magnitude === 1n && !isName(term.factors[0]!) ? `-(${body})` : `-${body}`;
    text += i === 0 ? (negative ? lead : body) : negative ? `-${body}` : `+${body}`;
  });
  return text;
}

// ---------------------------------------------------------------------------------------------
// Parsing: the grammar above, into the canonical form

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a dim string is a plain name (an identifier), as declared shapes use them. */
export function isDimName(text: string): boolean {
  return IDENTIFIER.test(text);
}

/** The names in a sum, sorted. */
export function namesOf(sum: Sum): string[] {
  const names = new Set<string>();
  const walk = (s: Sum): void => {
    for (const t of s.terms) for (const f of t.factors) isName(f) ? names.add(f.name) : walk(f.numerator);
  };
  walk(sum);
  return [...names].sort();
}

/**
 * Parses a dim expression (the grammar above) into its canonical form.
 *
 * @throws {SyntaxError} naming the position for text outside the grammar.
 */
export function parseDim(text: string): Sum {
  let at = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`dim expression '${text}': ${what} at position ${at}`);
  };
  const skip = (): void => {
    while (text[at] === ' ') at++;
  };
  const primary = (): Sum => {
    skip();
    const c = text[at];
    if (c === '(') {
      at++;
      const inner = expression();
      skip();
      if (text[at] !== ')') fail("expected ')'");
      at++;
      return inner;
    }
    if (c === '-') {
      at++;
      return negate(primary());
    }
    const digits = /^[0-9]+/.exec(text.slice(at));
    if (digits) {
      at += digits[0].length;
      return constant(BigInt(digits[0]));
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at));
    if (name) {
      at += name[0].length;
      return named(name[0]);
    }
    return fail(c === undefined ? 'unexpected end' : `unexpected '${c}'`);
  };
  const product = (): Sum => {
    let value = primary();
    for (;;) {
      skip();
      if (text.startsWith('//', at)) {
        at += 2;
        const start = at;
        const divisor = constantValue(primary());
        if (divisor === undefined || divisor < 1n) {
          at = start;
          fail('// takes a positive integer');
        }
        value = floorDivide(value, divisor as bigint);
      } else if (text[at] === '*') {
        at++;
        value = multiply(value, primary());
      } else return value;
    }
  };
  const expression = (): Sum => {
    let value = product();
    for (;;) {
      skip();
      if (text[at] === '+') {
        at++;
        value = add(value, product());
      } else if (text[at] === '-') {
        at++;
        value = subtract(value, product());
      } else return value;
    }
  };
  const result = expression();
  skip();
  if (at !== text.length) fail(`unexpected '${text[at]}'`);
  return result;
}

/**
 * The canonical text of a dim expression (the form shapes show: see docs/shapes.md, "Symbolic
 * dims").
 *
 * @throws {SyntaxError} for text outside the grammar, naming the position.
 * @example
 * ```ts
 * import { canonicalDim } from 'shapecheck';
 * canonicalDim('(H-1)//2+1');
 * //=> '(H+1)//2'
 * canonicalDim('((H+1)//2+1)//2');
 * //=> '(H+3)//4'
 * ```
 * @category Shapes
 */
export function canonicalDim(text: string): string {
  return printSum(parseDim(text));
}

/**
 * A dim as a sum: a size as a constant, a string parsed. What the shape rules compute on.
 */
export function dimSum(dim: number | string): Sum {
  return typeof dim === 'number' ? constant(dim) : parseDim(dim);
}

/** A sum as a dim: a number when it is a constant (a safe integer), else its text. */
export function sumDim(sum: Sum): number | string {
  const value = constantValue(sum);
  if (value !== undefined && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  return printSum(sum);
}

/**
 * The value of a sum for sizes of its names.
 *
 * @throws {RangeError} naming a name without a value.
 */
export function evaluateSum(sum: Sum, values: Readonly<Record<string, number | bigint>>): bigint {
  let total = 0n;
  for (const term of sum.terms) {
    let product = term.coefficient;
    for (const f of term.factors) {
      if (isName(f)) {
        const v = values[f.name];
        if (v === undefined) throw new RangeError(`no value for the name '${f.name}'`);
        product *= BigInt(v);
      } else product *= floorDiv(evaluateSum(f.numerator, values), f.divisor);
    }
    total += product;
  }
  return total;
}

/**
 * `⌊(dim + offset) / stride⌋` of a dim expression as a dim (canonical text, or a number when
 * constant): the runtime twin of {@link AffineFloor}, for any expression.
 */
export function floorOfDim(dim: string, offset: number, stride: number): number | string {
  return sumDim(floorDivide(add(parseDim(dim), constant(offset)), stride));
}

/**
 * `scale·dim + offset` of a dim expression as a dim (canonical text, or a number when constant):
 * a transposed convolution's size (`ConvTranspose2d` with stride 2 makes `'2*H+1'` of `'H'`), the
 * runtime twin of {@link ScaleDim}, for any expression.
 *
 * @example
 * ```ts
 * import { affineOfDim } from 'shapecheck';
 * affineOfDim('H', 2, -1);
 * //=> '2*H-1'
 * affineOfDim('(H+1)//2', 1, 3);
 * //=> '(H+7)//2'
 * affineOfDim(5, 2, 1);
 * //=> 11
 * ```
 * @category Shapes
 */
export function affineOfDim(dim: number | string, scale: number, offset: number): number | string {
  return sumDim(add(multiply(dimSum(dim), constant(scale)), constant(offset)));
}

/**
 * Checks a dim of an input shape: a non-negative integer, or a string in the grammar.
 *
 * @throws {TypeError} naming `param` for anything else.
 */
export function checkSymbolicDim(op: string, param: string, dim: unknown): void {
  if (typeof dim === 'string') {
    try {
      parseDim(dim);
    } catch (error) {
      throw new TypeError(`${op}: ${param} must be a non-negative integer or a dim expression, got '${dim}' (${(error as Error).message})`);
    }
    return;
  }
  if (typeof dim !== 'number' || !Number.isInteger(dim)) throw new TypeError(`${op}: ${param} must be a non-negative integer, got ${String(dim)}`);
  if (dim < 0) throw new RangeError(`${op}: ${param} must be a non-negative integer, got ${dim}`);
}

/** The sum of two dims as a dim (`cat`'s size along its dim). */
export function addDims(a: number | string, b: number | string): number | string {
  return sumDim(add(dimSum(a), dimSum(b)));
}

/** A dim's value for sizes of its names (a number as it is). */
export function evaluateDim(dim: number | string, values: Readonly<Record<string, number | bigint>>): number {
  return typeof dim === 'number' ? dim : Number(evaluateSum(parseDim(dim), values));
}

/** The product of dims as a dim (Flatten's feature count): the runtime twin of {@link ProductOfDims}. */
export function productOfDims(dims: readonly (number | string)[]): number | string {
  return sumDim(dims.reduce<Sum>((product, dim) => multiply(product, dimSum(dim)), constant(1)));
}

/** The names in a dim expression, sorted, joined with `, ` (the twin of {@link NamesIn}). */
export function namesIn(dim: string): string {
  return namesOf(parseDim(dim)).join(', ');
}

/**
 * The least size of a name that keeps a derived dim at 1 or more: `(H-12)//4` needs `H >= 16`
 * (⌊(H+b)/d⌋ ≥ 1 ⟺ H ≥ d − b; H+b ≥ 1 ⟺ H ≥ 1 − b); undefined for a bare name or a constant,
 * and for what is not of the family (products: their factors are in the shapes before).
 */
export function lowerBoundOf(dim: string): [name: string, least: number] | undefined {
  const sum = parseDim(dim);
  if (sum.terms.length === 0 || sum.terms.length > 2) return undefined;
  const [first, second] = sum.terms as [Term, Term | undefined];
  const offset = second === undefined ? 0n : second.factors.length === 0 ? second.coefficient : undefined;
  if (offset === undefined || first.coefficient !== 1n || first.factors.length !== 1) return undefined;
  const factor = first.factors[0]!;
  if (isName(factor)) return offset === 0n ? undefined : [factor.name, Number(1n - offset)];
  if (second !== undefined) return undefined; // folded: a floor has nothing beside it
  const inner = factor.numerator.terms;
  const [n, b] = inner as [Term, Term | undefined];
  if (inner.length > 2 || n.coefficient !== 1n || n.factors.length !== 1 || !isName(n.factors[0]!)) return undefined;
  const constantTerm = b === undefined ? 0n : b.factors.length === 0 ? b.coefficient : undefined;
  if (constantTerm === undefined) return undefined;
  return [(n.factors[0] as { name: string }).name, Number(factor.divisor - constantTerm)];
}

// ---------------------------------------------------------------------------------------------
// Comparison: equal, different, or unknown over the names' ranges

/**
 * The smallest size each name can have (names not listed: 0).
 *
 * @example
 * ```ts
 * import type { NameBounds } from 'shapecheck';
 * const bounds: NameBounds = { H: 32 };
 * bounds.H;
 * //=> 32
 * ```
 * @category Shapes
 */
export type NameBounds = Readonly<Record<string, number>>;

/**
 * What {@link compareDims} finds.
 *
 * @example
 * ```ts
 * import type { Comparison } from 'shapecheck';
 * const outcome: Comparison = 'unknown';
 * outcome;
 * //=> 'unknown'
 * ```
 * @category Shapes
 */
export type Comparison = 'equal' | 'different' | 'unknown';

/**
 * A linear bound of a sum: `constant + Σ coefficient·name`, as lower and upper bounds (floors
 * replaced by their numerator / d, minus (d − 1)/d below), or undefined when the sum is not
 * affine in its names (products of names or floors).
 */
interface Linear {
  readonly constant: number;
  readonly coefficients: ReadonlyMap<string, number>;
}

function linearBounds(sum: Sum): { low: Linear; high: Linear } | undefined {
  const low = { constant: 0, coefficients: new Map<string, number>() };
  const high = { constant: 0, coefficients: new Map<string, number>() };
  const addTo = (target: { constant: number; coefficients: Map<string, number> }, scale: number, bound: Linear): void => {
    target.constant += scale * bound.constant;
    for (const [name, c] of bound.coefficients) target.coefficients.set(name, (target.coefficients.get(name) ?? 0) + scale * c);
  };
  for (const term of sum.terms) {
    const c = Number(term.coefficient);
    if (term.factors.length === 0) {
      low.constant += c;
      high.constant += c;
      continue;
    }
    if (term.factors.length > 1) return undefined;
    const f = term.factors[0]!;
    if (isName(f)) {
      for (const target of [low, high]) target.coefficients.set(f.name, (target.coefficients.get(f.name) ?? 0) + c);
      continue;
    }
    const inner = linearBounds(f.numerator);
    if (!inner) return undefined;
    const d = Number(f.divisor);
    // (low_inner − d + 1)/d ≤ ⌊P/d⌋ ≤ high_inner/d
    const floorLow: Linear = { constant: (inner.low.constant - d + 1) / d, coefficients: new Map([...inner.low.coefficients].map(([n, v]) => [n, v / d])) };
    const floorHigh: Linear = { constant: inner.high.constant / d, coefficients: new Map([...inner.high.coefficients].map(([n, v]) => [n, v / d])) };
    if (c > 0) {
      addTo(low, c, floorLow);
      addTo(high, c, floorHigh);
    } else {
      addTo(low, c, floorHigh);
      addTo(high, c, floorLow);
    }
  }
  return { low, high };
}

/** The least value of a linear form over names ≥ their bounds (−∞ when a coefficient is negative). */
function minimum(form: Linear, bounds: NameBounds): number {
  let value = form.constant;
  for (const [name, c] of form.coefficients) {
    if (Math.abs(c) < 1e-12) continue;
    if (c < 0) return -Infinity;
    value += c * (bounds[name] ?? 0);
  }
  return value;
}

/** The least common multiple of the divisors of a sum's floors (its period in each name). */
function period(sum: Sum): bigint {
  let result = 1n;
  for (const term of sum.terms) {
    for (const f of term.factors) {
      if (isName(f)) continue;
      const inner = f.divisor * period(f.numerator);
      result = (result * inner) / gcd(result, inner);
    }
  }
  return result;
}

/** At most this many values of a name are tried one by one (a period longer than this: unknown). */
const MAX_TRIED = 100_000n;

/**
 * An affine difference in one name: with a slope it is 0 at finitely many values at most
 * (different, by the rule below); without one it repeats with the floors' period, and one period
 * from the name's least value shows whether it is ever 0.
 */
function oneName(difference: Sum, name: string, linear: { low: Linear; high: Linear }, least: number): Comparison {
  const slope = linear.low.coefficients.get(name) ?? 0;
  if (Math.abs(slope) >= 1e-12) return 'different';
  const from = BigInt(least);
  const until = from + period(difference);
  if (until - from > MAX_TRIED) return 'unknown';
  for (let x = from; x < until; x++) if (evaluateSum(difference, { [name]: x }) === 0n) return 'unknown';
  return 'different';
}

/**
 * Compares two dims over the values their names may take (each name ≥ its bound):
 * - `'equal'` when their canonical forms are the same;
 * - `'different'` when they are equal for finitely many values of their names at most: a name is
 *   a size the model is declared for, so a check that only a bounded set of sizes passes is an
 *   error (`(H+1)//2` against `H` agree at H ≤ 1 only; `batch` against 8 at 8 only; `H+W`
 *   against 5: every name's slope has one sign);
 * - `'unknown'` otherwise: equal for infinitely many values but not all (`2*(H//2)` and `H` for
 *   even H; `H` and `W`), or beyond what this engine decides (products of names).
 *
 * @example
 * ```ts
 * import { compareDims } from 'shapecheck';
 * compareDims('(H-1)//2+1', '(H+1)//2');
 * //=> 'equal'
 * compareDims('(H+1)//2', 'H');
 * //=> 'different'
 * compareDims('2*(H//2)', 'H');
 * //=> 'unknown'
 * ```
 * @category Shapes
 */
export function compareDims(a: number | string, b: number | string, bounds: NameBounds = {}): Comparison {
  const difference = subtract(dimSum(a), dimSum(b));
  const value = constantValue(difference);
  if (value !== undefined) return value === 0n ? 'equal' : 'different';
  const linear = linearBounds(difference);
  if (!linear) return 'unknown';
  const names = namesOf(difference);
  if (names.length === 1) return oneName(difference, names[0]!, linear, bounds[names[0]!] ?? 0);
  // every name with a slope of one sign: 0 for finitely many sizes at most (as for one name)
  const slopes = names.map((name) => linear.low.coefficients.get(name) ?? 0);
  if (slopes.every((c) => c > 1e-12) || slopes.every((c) => c < -1e-12)) return 'different';
  // the difference is an integer: > −1 above its lower bound means ≥ 0 ... so > 0 needs low > 0
  if (minimum(linear.low, bounds) > 0) return 'different';
  const negated: Linear = { constant: -linear.high.constant, coefficients: new Map([...linear.high.coefficients].map(([n, v]) => [n, -v])) };
  if (minimum(negated, bounds) > 0) return 'different';
  return 'unknown';
}

