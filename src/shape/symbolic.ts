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
  return fold({ terms: [...byKey.values()].filter((t) => t.coefficient !== 0n).sort(compareTerms) });
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

// ---------------------------------------------------------------------------------------------
// Requirements: what the names must satisfy for a model to run. A dim the rules derived must be
// at least 1 (a convolution's or a pool's output), which on the family is a lower bound of its
// name; two dims compared as unknown must be equal. Shape rules report the equalities to whoever
// collects them (a model, as layers are added); the bounds are read off the shapes.

let requirementSink: string[] | null = null;

/** Records that two dims compared as unknown must be equal (`'H//2 == (H+1)//2'`), when collecting. */
export function requireEqual(a: number | string, b: number | string): void {
  if (requirementSink === null) return;
  const text = `${typeof a === 'string' ? canonicalDim(a) : a} == ${typeof b === 'string' ? canonicalDim(b) : b}`;
  if (!requirementSink.includes(text)) requirementSink.push(text);
}

/** Runs `fn`, returning its result and the equalities the shape rules required meanwhile. */
export function collectRequirements<T>(fn: () => T): { result: T; requirements: string[] } {
  const before = requirementSink;
  const requirements: string[] = [];
  requirementSink = requirements;
  try {
    return { result: fn(), requirements };
  } finally {
    requirementSink = before;
  }
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

/**
 * A model's requirements in the order `Requirements` gives them: each name's lower bound (the
 * largest the shapes need, `'H >= 16'`), by name, then the equalities in text order.
 */
export function formatRequirements(shapes: readonly (readonly (number | string | undefined)[])[], equalities: readonly string[]): string[] {
  const bounds = new Map<string, number>();
  for (const shape of shapes) {
    for (const dim of shape) {
      if (typeof dim !== 'string') continue;
      const bound = lowerBoundOf(dim);
      if (bound && bound[1] > 0 && bound[1] > (bounds.get(bound[0]) ?? 0)) bounds.set(bound[0], bound[1]);
    }
  }
  const names = [...bounds.keys()].sort();
  return [...names.map((name) => `${name} >= ${bounds.get(name)}`), ...[...equalities].sort()];
}

/**
 * A check of requirements, parsed once: for sizes of the names, the first requirement they break
 * (`'H >= 16'` with H = 10, `'H//2 == (H+1)//2'` with H = 37), or undefined. A requirement whose
 * names are not all given is not checked.
 */
export function requirementChecker(requirements: readonly string[]): (values: Readonly<Record<string, number>>) => string | undefined {
  const parsed = requirements.map((text) => {
    const [left, operator, right] = text.split(/ (>=|==) /) as [string, string, string];
    const a = parseDim(left);
    const b = parseDim(right);
    return { text, a, b, atLeast: operator === '>=', names: [...namesOf(a), ...namesOf(b)] };
  });
  return (values) =>
    parsed.find(({ a, b, atLeast, names }) => {
      if (!names.every((name) => values[name] !== undefined)) return false;
      const x = evaluateSum(a, values);
      const y = evaluateSum(b, values);
      return atLeast ? x < y : x !== y;
    })?.text;
}

/**
 * An input whose sizes break one of a model's requirements: the input, the requirement, the
 * values its names took.
 *
 * @example
 * ```ts
 * import { writeRequirementMessage } from 'shapecheck';
 * writeRequirementMessage([1, 3, 37, 64], 'H//2 == (H+1)//2', { batch: 1, H: 37, W: 64 });
 * //=> 'Sequential: the input [1, 3, 37, 64] breaks the requirement H//2 == (H+1)//2 (H = 37)'
 * ```
 * @category Messages
 */
export function writeRequirementMessage(input: readonly number[], requirement: string, values: Readonly<Record<string, number>>): string {
  const [left, right] = requirement.split(/ (?:>=|==) /) as [string, string];
  const names = [...new Set([...namesOf(parseDim(left)), ...namesOf(parseDim(right))])].sort();
  return `Sequential: the input [${input.join(', ')}] breaks the requirement ${requirement} (${names.map((name) => `${name} = ${values[name]}`).join(', ')})`;
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
 *   error (`(H+1)//2` against `H` agree at H ≤ 1 only; `batch` against 8 at 8 only);
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
  // the difference is an integer: > −1 above its lower bound means ≥ 0 ... so > 0 needs low > 0
  if (minimum(linear.low, bounds) > 0) return 'different';
  const negated: Linear = { constant: -linear.high.constant, coefficients: new Map([...linear.high.coefficients].map(([n, v]) => [n, -v])) };
  if (minimum(negated, bounds) > 0) return 'different';
  return 'unknown';
}

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
type TextBefore<A extends string, B extends string> = A extends `${infer CA}${infer RA}`
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
type CollectNames<S extends string, Current extends string = '', Acc extends string[] = []> = S extends `${infer C}${infer Rest}`
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
type SortNames<Names extends string[], Sorted extends string[] = []> = Names extends [infer H extends string, ...infer T extends string[]]
  ? SortNames<T, InsertText<H, Sorted>>
  : Sorted;
type InsertText<X extends string, Sorted extends string[]> = Sorted extends [infer H extends string, ...infer T extends string[]]
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

// ---------------------------------------------------------------------------------------------
// Requirements in the types (the twins of formatRequirements and requireEqual)

/** `'H >= 16'` for a derived dim of the family (`(H-12)//4` must be at least 1); never for a name, a size or anything else. */
type LeastSize<D> = D extends string
  ? AffineDim<D> extends [infer N extends string, infer B extends string, infer Dv extends string]
    ? [Dv, B] extends ['1', '0']
      ? never
      : AddSigned<Dv extends '1' ? '1' : Dv, Negate<B>> extends infer Bound extends string
        ? Bound extends '0' | `-${string}`
          ? never
          : `${N} >= ${Bound}`
        : never
    : never
  : never;
/** The least sizes the shapes of a trace need (a union of `'H >= 16'`). */
export type LeastSizes<Trace extends readonly (readonly unknown[])[]> = LeastSize<Trace[number][number]>;
/**
 * The equalities two shapes (aligned by position; `Skip` not compared: `cat`'s dim) need where
 * their dims compare as unknown: `'(H+1)//2 == H//2'`.
 */
export type UnknownEqualities<A extends readonly unknown[], B, Skip extends number = never> = B extends readonly unknown[]
  ? { [K in keyof A]: K extends `${Skip}` ? never : Equality<A[K], B[K & keyof B]> }[number]
  : never;
type Equality<X, Y> = X extends 1 ? never : Y extends 1 ? never : CompareDims<X, Y> extends 'unknown' ? (X extends string ? `${X} == ${Y & (string | number)}` : Y extends string ? `${X & number} == ${Y}` : never) : never;

/** A union as a tuple (order unspecified: the callers sort). */
type UnionToTuple<U, Acc extends unknown[] = []> = [U] extends [never]
  ? Acc
  : LastOfUnion<U> extends infer L
    ? UnionToTuple<Exclude<U, L>, [L, ...Acc]>
    : never;
type LastOfUnion<U> = (U extends unknown ? (f: (x: U) => void) => void : never) extends (f: infer F) => void ? (F extends (x: infer L) => void ? L : never) : never;
type SortTexts<Texts extends readonly string[], Sorted extends string[] = []> = Texts extends readonly [infer H extends string, ...infer T extends string[]]
  ? SortTexts<T, InsertText<H, Sorted>>
  : Sorted;
/** The largest bound per name, from a tuple of `'H >= 16'`. */
type MaxBounds<Bounds extends readonly string[], Acc extends [string, string][] = []> = Bounds extends readonly [`${infer N} >= ${infer K}`, ...infer Rest extends string[]]
  ? MaxBounds<Rest, UpdateBound<Acc, N, K>>
  : Acc;
type UpdateBound<Acc extends [string, string][], N extends string, K extends string, Seen extends [string, string][] = []> = Acc extends [
  infer Head extends [string, string],
  ...infer Rest extends [string, string][],
]
  ? Head[0] extends N
    ? [...Seen, [N, CompareSigned<K, Head[1]> extends '>' ? K : Head[1]], ...Rest]
    : UpdateBound<Rest, N, K, [...Seen, Head]>
  : [...Seen, [N, K]];
type BoundTexts<Pairs extends [string, string][]> = { [I in keyof Pairs]: `${Pairs[I][0]} >= ${Pairs[I][1]}` };

/**
 * What a model's names must satisfy to run, as `model.requirements()` lists them: each name's
 * least size (every size the layers derive must be at least 1), by name, then the equalities its
 * blocks could not decide, in text order.
 *
 * @example
 * ```ts
 * import { Conv2d, MaxPool2d, Sequential, type Requirements } from 'shapecheck';
 * const model = new Sequential(['batch', 1, 'H', 'W'])
 *   .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }))
 *   .add(new MaxPool2d({ kernelSize: 2 }));
 * type R = Requirements<typeof model>;
 * //=> ['H >= 6', 'W >= 6']
 * ```
 * @category Models
 */
export type Requirements<Model> = Model extends { readonly '~trace'?: infer Trace extends readonly (readonly unknown[])[]; readonly '~requires'?: infer R }
  ? (LeastSizes<Trace> | (R extends string ? R : never)) extends infer All extends string
    ? UnionToTuple<Extract<All, `${string} >= ${string}`>> extends infer Bounds extends string[]
      ? UnionToTuple<Extract<All, `${string} == ${string}`>> extends infer Equalities extends string[]
        ? [...BoundTexts<SortPairs<MaxBounds<Bounds>>>, ...SortTexts<Equalities>]
        : never
      : never
    : never
  : never;
type SortPairs<Pairs extends [string, string][], Sorted extends [string, string][] = []> = Pairs extends [infer H extends [string, string], ...infer T extends [string, string][]]
  ? SortPairs<T, InsertPair<H, Sorted>>
  : Sorted;
type InsertPair<P extends [string, string], Sorted extends [string, string][]> = Sorted extends [infer H extends [string, string], ...infer T extends [string, string][]]
  ? TextBefore<P[0], H[0]> extends true
    ? [P, ...Sorted]
    : [H, ...InsertPair<P, T>]
  : [P];

/**
 * An input that breaks a requirement (the type twin of {@link writeRequirementMessage}): the
 * input, the requirement, the values of its names.
 *
 * @example
 * ```ts
 * import type { RequirementMessage } from 'shapecheck';
 * type M = RequirementMessage<[1, 3, 37, 64], '(H+1)//2 == H//2', { batch: 1; H: 37; W: 64 }>;
 * //=> 'Sequential: the input [1, 3, 37, 64] breaks the requirement (H+1)//2 == H//2 (H = 37)'
 * ```
 * @category Messages
 */
export type RequirementMessage<Input extends readonly unknown[], Requirement extends string, Bindings> =
  `Sequential: the input ${FormatList<Input>} breaks the requirement ${Requirement} (${JoinValues<SortNames<CollectNames<Requirement>>, Bindings>})`;
type JoinValues<Names extends string[], Bindings> = Names extends [infer H extends string, ...infer T extends string[]]
  ? `${H} = ${H extends keyof Bindings ? Bindings[H] & (number | string) : H}${T extends [] ? '' : `, ${JoinValues<T, Bindings>}`}`
  : '';

/** The first requirement literal sizes of the names break, or never (the twin of requirementChecker). */
export type BrokenRequirement<Reqs extends readonly string[], Bindings> = Reqs extends readonly [infer R extends string, ...infer Rest extends string[]]
  ? Breaks<R, Bindings> extends true
    ? R
    : BrokenRequirement<Rest, Bindings>
  : never;
type Breaks<R extends string, Bindings> = R extends `${infer N} >= ${infer K}`
  ? N extends keyof Bindings
    ? Bindings[N] extends infer V extends number
      ? number extends V
        ? false
        : CompareSigned<`${V}`, K> extends '<'
          ? true
          : false
      : false
    : false
  : R extends `${infer A} == ${infer B}`
    ? [BindDim<A, Bindings>, BindDim<B, Bindings>] extends [infer X extends number, infer Y extends number]
      ? number extends X | Y
        ? false
        : [X] extends [Y]
          ? false
          : true
      : false
    : false;

/**
 * A model whose shapes agree only for some sizes (an unknown comparison: `(H+1)//2 == H//2`),
 * refused by {@link strict}: the equalities, and what to do.
 *
 * @example
 * ```ts
 * import type { StrictMessage } from 'shapecheck';
 * type M = StrictMessage<'(H+1)//2 == H//2'>;
 * //=> 'strict: the shapes agree only for some sizes: (H+1)//2 == H//2 (give those names sizes, or change the layers)'
 * ```
 * @category Messages
 */
export type StrictMessage<Equalities extends string> = `strict: the shapes agree only for some sizes: ${Equalities} (give those names sizes, or change the layers)`;
/**
 * Runtime twin of {@link StrictMessage}.
 *
 * @example
 * ```ts
 * import { writeStrictMessage } from 'shapecheck';
 * writeStrictMessage(['(H+1)//2 == H//2']);
 * //=> 'strict: the shapes agree only for some sizes: (H+1)//2 == H//2 (give those names sizes, or change the layers)'
 * ```
 * @category Messages
 */
export function writeStrictMessage(equalities: readonly string[]): string {
  return `strict: the shapes agree only for some sizes: ${equalities.join(', ')} (give those names sizes, or change the layers)`;
}
type JoinComma<Items extends readonly string[]> = Items extends readonly [infer H extends string, ...infer T extends string[]] ? (T extends [] ? H : `${H}, ${JoinComma<T>}`) : '';
type EqualitiesOf<Reqs> = Reqs extends readonly [infer H, ...infer T] ? (H extends `${string} == ${string}` ? [H, ...EqualitiesOf<T>] : EqualitiesOf<T>) : [];

/**
 * The model, when its shapes agree for every size its names can take: a model with an unknown
 * comparison (two paths that agree for even sizes only, listed by `Requirements`) is a compile
 * error at this call and a {@link ShapeError} here, in the same words. The strict form of a
 * model: unknowns are errors instead of requirements `forward` checks.
 *
 * @throws {ShapeError} naming the equalities.
 * @example
 * ```ts
 * import { Conv2d, Sequential, strict } from 'shapecheck';
 * const model = strict(new Sequential(['batch', 3, 'H', 'W']).add(new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, stride: 2, padding: 1 })));
 * model.requirements();
 * //=> ['H >= 1', 'W >= 1']
 * ```
 * @category Models
 */
export function strict<const M extends { requirements(): string[] }>(
  model: EqualitiesOf<Requirements<M>> extends infer E extends string[] ? (E extends [] ? M : StrictMessage<JoinComma<E>>) : M,
): M {
  const equalities = (model as M).requirements().filter((requirement) => requirement.includes(' == '));
  if (equalities.length > 0) throw new ShapeError(writeStrictMessage(equalities));
  return model as M;
}
