/**
 * Named dims bound to sizes: what an input gives each name of a declared shape (`'batch'` ← 8),
 * checked and substituted, as a type and at runtime. Used where a tensor meets a declared shape
 * without being assigned to it: a model's `forward`, a custom block inside a model, `assertShape`.
 * @packageDocumentation
 */
import { formatList, type FormatList } from './format.js';
import type { Shape } from './shape.js';
import type { BindDim } from './symbolic-types.js';

/**
 * An input that does not have the shape a model, a custom layer's `forward` or `assertShape`
 * declares (names in the declared shape match any size, the same name the same size each time).
 *
 * @example
 * ```ts
 * import type { InputShapeMessage } from 'shapecheck';
 * type M = InputShapeMessage<'BasicBlock', ['batch', 64, 56, 56], ['batch', 32, 56, 56]>;
 * //=> 'BasicBlock: expected an input of shape [batch, 64, 56, 56], got [batch, 32, 56, 56]'
 * ```
 * @category Messages
 */
export type InputShapeMessage<Kind extends string, Expected extends readonly unknown[], Got extends readonly unknown[]> =
  `${Kind}: expected an input of shape ${FormatList<Expected>}, got ${FormatList<Got>}`;
/**
 * Runtime twin of {@link InputShapeMessage}.
 *
 * @example
 * ```ts
 * import { writeInputShapeMessage } from 'shapecheck';
 * writeInputShapeMessage('BasicBlock', ['batch', 64, 56, 56], ['batch', 32, 56, 56]);
 * //=> 'BasicBlock: expected an input of shape [batch, 64, 56, 56], got [batch, 32, 56, 56]'
 * ```
 * @category Messages
 */
export function writeInputShapeMessage(kind: string, expected: readonly unknown[], got: readonly unknown[]): string {
  return `${kind}: expected an input of shape ${formatList(expected)}, got ${formatList(got)}`;
}

/** A dim the compiler knows exactly: a single literal size (not `number`, a name or a union). */
type IsLiteral<D> = [D] extends [number] ? (number extends D ? false : [D] extends [infer One] ? (One extends D ? true : false) : false) : false;

/**
 * Whether a given dim can be the declared literal one: provably not only when both are literal and
 * differ. A `number` or a named input dim may hold the size; the runtime checks it.
 */
type LiteralFits<Given, Declared> = number extends Declared
  ? true
  : IsLiteral<Given> extends true
    ? IsLiteral<Declared> extends true
      ? [Given] extends [Declared]
        ? true
        : false
      : true
    : true;

/**
 * Whether a name's second dim can be the size its first one bound: provably not only when both
 * are different literals.
 */
type SameSize<Bound, Given> = IsLiteral<Bound> extends true ? (IsLiteral<Given> extends true ? ([Bound] extends [Given] ? true : false) : true) : true;

/**
 * What an input shape binds the names of a declared shape to: an object from each name to the dim
 * at its first position (`{ batch: 8 }`), or `never` when the input provably does not fit (another
 * rank, a literal dim that differs, one name given two different literal sizes). Dims the compiler
 * does not know exactly (`number`, names, unions) fit and are checked at runtime. An input of
 * unknown rank (`number[]`) fits nothing here: check it with `assertShape` first.
 *
 * @example
 * ```ts
 * import type { NameBindings } from 'shapecheck';
 * type A = NameBindings<['batch', 1, 28, 28], [8, 1, 28, 28]>;
 * //=> { batch: 8; }
 * type B = NameBindings<['n', 'n'], [3, 4]>;
 * //=> never
 * ```
 * @category Shapes
 */
export type NameBindings<Declared extends Shape, Given extends Shape> = number extends Given['length']
  ? never
  : BindDims<Declared, Given, {}> extends infer Bound extends object
    ? { [Name in keyof Bound]: Bound[Name] }
    : never;

/** The bindings walked dim by dim (`false` at the first dim that provably does not fit). */
type BindDims<Declared extends readonly unknown[], Given extends readonly unknown[], Bound extends object> = Declared extends readonly [
  infer D,
  ...infer DeclaredRest,
]
  ? Given extends readonly [infer G, ...infer GivenRest]
    ? D extends string
      ? D extends keyof Bound
        ? SameSize<Bound[D], G> extends true
          ? BindDims<DeclaredRest, GivenRest, Bound>
          : false
        : BindDims<DeclaredRest, GivenRest, Bound & { [Name in D]: G }>
      : LiteralFits<G, D> extends true
        ? BindDims<DeclaredRest, GivenRest, Bound>
        : false
    : false
  : Given extends readonly []
    ? Bound
    : false;

/**
 * A shape with its names replaced by what they are bound to ({@link NameBindings}), and the
 * expressions of them evaluated ({@link BindDim}: `'(H+1)//2'` with `H` bound to 224 is 112);
 * names without a binding stay.
 *
 * @example
 * ```ts
 * import type { BindNames } from 'shapecheck';
 * type A = BindNames<['batch', 10], { batch: 8 }>;
 * //=> [8, 10]
 * ```
 * @category Shapes
 */
export type BindNames<S extends Shape, Bindings> = { [K in keyof S]: BindDim<S[K], Bindings> } extends infer Bound extends Shape
  ? Bound
  : never;

/**
 * The runtime twin of {@link NameBindings}: what `actual` binds each name of `declared` to, or
 * `undefined` when it does not fit (another rank, a literal dim that differs, one name given two
 * different sizes).
 *
 * @example
 * ```ts
 * import { bindNames } from 'shapecheck';
 * bindNames(['batch', 1, 28, 28], [8, 1, 28, 28]);
 * //=> { batch: 8 }
 * bindNames(['n', 'n'], [3, 4]);
 * //=> undefined
 * ```
 * @category Shapes
 */
export function bindNames(declared: readonly (number | string)[], actual: readonly number[]): Record<string, number> | undefined {
  if (declared.length !== actual.length) return undefined;
  const bound: Record<string, number> = {};
  for (let i = 0; i < declared.length; i++) {
    const dim = declared[i] as number | string;
    const size = actual[i] as number;
    if (typeof dim === 'string') {
      if (!Object.hasOwn(bound, dim)) bound[dim] = size;
      else if (bound[dim] !== size) return undefined;
    } else if (dim !== size) {
      return undefined;
    }
  }
  return bound;
}
