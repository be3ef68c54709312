/**
 * A model's requirements (issue 11): the least sizes its derived dims need and the equalities its
 * blocks could not decide, collected at runtime as layers are added and computed in the types from
 * the model's trace, checked by `forward` once its names have sizes; and `strict`, which refuses
 * models with undecided equalities.
 * @packageDocumentation
 */
import type { FormatList } from './format.js';
import { ShapeError } from './shape-error.js';
import type { AddSigned, CompareSigned, Negate } from '../arithmetic/internal/signed.js';
import { canonicalDim, evaluateSum, lowerBoundOf, namesOf, parseDim } from './symbolic.js';
import type { AffineDim, BindDim, CollectNames, CompareDims, InsertText, SortNames, TextBefore } from './symbolic-types.js';
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
