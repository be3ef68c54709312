import type { BrokenRequirement, LeastSizes, RequirementMessage, Requirements, UnknownEqualities } from '../shape/requirements.js';
import type { NormalizeDim } from '../shape/linear.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { Add as AddNumbers } from '../arithmetic/add.js';
import { ShapeError } from '../shape/shape-error.js';
import {
  flattenedLastFactors,
  writeLinearAfterFlattenMessage,
  type FlattenedLastFactors,
  type LinearAfterFlattenMessage,
} from '../shape/linear.js';
import { bindNames, type BindNames, type InputShapeMessage, type NameBindings } from '../shape/names.js';
import { collectRequirements, formatRequirements, requirementChecker, writeRequirementMessage } from '../shape/requirements.js';
import type { Shape } from '../shape/shape.js';
import type { BroadcastShape, CatShape } from '../shape/broadcast.js';
import { branchLabel, Cat, Mul, Residual, TwoPathBlock, type Branch } from './branches.js';
import { checkInputShape, type CustomLayerOutputShape } from './custom.js';
import { Module } from './module.js';
import { displayShape, initializeFor, probeInput, probeLayer, unitShape, type Probe } from './probe.js';
import type { Tensor } from '../tensor/tensor.js';
import { checkDeclaredShape, type DeclaredShapeArgument } from '../tensor/check.js';
import { Flatten, Linear, type LinearInFeatures, type LinearOptions } from './linear.js';
import type { LayerRecoveries, LayerRequirements, LayerRules, RegisteredKind } from './layer-rules.js';

/**
 * What `Sequential` needs of a layer: its kind, its output shape at runtime, and `forward`.
 *
 * @example
 * ```ts
 * import { ReLU, type Layer } from 'shapecheck';
 * const layer: Layer = new ReLU();
 * ```
 * @category Models
 */
export interface Layer {
  readonly kind: string;
  outputShape(inputShape: readonly number[]): number[];
  forward(input: never): Tensor;
  /** Creates parameters whose sizes depend on the input (a `Linear` without `inFeatures`). */
  initializeParameters?(inputShape: readonly number[]): void;
}

/**
 * The output shape of one layer for an input shape: each layer's own shape rule
 * (`Conv2dOutputShape`, `LinearOutputShape`, ...), or its {@link ErrorMessage}; for your own
 * layers, what their `forward` signature says ({@link CustomLayerOutputShape}).
 *
 * @example
 * ```ts
 * import type { LayerOutputShape, ReLU } from 'shapecheck';
 * type A = LayerOutputShape<ReLU, [1, 6, 28, 28]>;
 * //=> [1, 6, 28, 28]
 * ```
 * @category Models
 */
export type LayerOutputShape<L, S extends Shape> =
  // looked up by `kind` in the registry each layer's module adds its rule to: one property, not a
  // chain of kinds tested one by one
  L extends { readonly kind: infer Kind extends RegisteredKind } ? LayerRules<L, S>[Kind] : CustomLayerOutputShape<L, S>;

/**
 * A model's message for a layer that does not fit: its position and kind, then the layer's words
 * (without their own `Kind: ` prefix, which the position already names).
 *
 * @example
 * ```ts
 * import type { LayerMessage } from 'shapecheck';
 * type M = LayerMessage<5, 'Linear', 'Linear: expected input[1, 400] to have 576 features in its last dim, got 400 (mat1 and mat2 shapes cannot be multiplied)'>;
 * //=> 'layer 5 (Linear): expected input[1, 400] to have 576 features in its last dim, got 400 (mat1 and mat2 shapes cannot be multiplied)'
 * ```
 * @category Messages
 */
export type LayerMessage<Position extends number | string, Kind extends string, Message extends string> =
  `layer ${Position} (${Kind}): ${Message extends `${Kind}: ${infer Words}` ? Words : Message}`;
/**
 * Runtime twin of {@link LayerMessage}.
 *
 * @example
 * ```ts
 * import { writeLayerMessage } from 'shapecheck';
 * writeLayerMessage(1, 'ReLU', 'oops');
 * //=> 'layer 1 (ReLU): oops'
 * writeLayerMessage(3, 'Linear', 'Linear: expected 576 input features, got 400');
 * //=> 'layer 3 (Linear): expected 576 input features, got 400'
 * ```
 * @category Messages
 */
export function writeLayerMessage(position: number | string, kind: string, message: string): string {
  return `layer ${position} (${kind}): ${message.startsWith(`${kind}: `) ? message.slice(kind.length + 2) : message}`;
}

// A layer whose options are wrong by themselves (for an input of any shape) has `'~options'` of
// a string type: its constructor's argument already shows the message (the built-in layers keep
// that argument's checked type there), so `add` does not report it a second time, and what the
// layer outputs is unknown. Tested inline (`L extends { readonly '~options': string }`): an alias
// for it cost the literal ResNet-50 about 1,000 instantiations.

/**
 * What a layer that does not fit would output for the input it was written for (its entry in
 * `LayerRecoveries`: a `Conv2d`'s outChannels, a `BatchNorm2d` passing the shape on), or `number[]`
 * when that is unknown; your own layers output what their `forward` declares.
 */
type Recovered<L, S extends Shape> = L extends { readonly kind: infer Kind extends RegisteredKind }
  ? Kind extends keyof LayerRecoveries<L, S>
    ? LayerRecoveries<L, S>[Kind] extends infer Out extends Shape
      ? Out
      : number[]
    : number[]
  : CustomLayerOutputShape<L, number[]> extends infer Out extends Shape
    ? Out
    : number[];

/**
 * True while the package makes a model from a shape it already has (a block's path starts from a
 * derived shape, expressions allowed; each `add` copies the model): not a declared input to check.
 */
let startingPath = false;
function onPath<T>(make: () => T): T {
  const before = startingPath;
  startingPath = true;
  try {
    return make();
  } finally {
    startingPath = before;
  }
}

/** Errors that already name their layer's position (thrown inside a block, passed on by the model holding it). */
const positioned = new WeakSet<Error>();

/** `error` with its layer's position and kind before its words ({@link writeLayerMessage}), of the same class. */
function atPosition(error: Error, position: string, kind: string, text = error.message): Error {
  const message = writeLayerMessage(position, kind, text);
  const located = error instanceof RangeError ? new RangeError(message) : error instanceof TypeError ? new TypeError(message) : new ShapeError(message);
  positioned.add(located);
  return located;
}

/** A shape without `readonly` (as the trace shows it). */
type Writable<S extends Shape> = { -readonly [K in keyof S]: S[K] };

/** The last shape of a trace. */
type Last<Trace extends readonly unknown[]> = Trace extends readonly [...unknown[], infer L extends Shape] ? L : never;

/**
 * What `add` requires of its argument's type: a kind. The rest is checked by the layer's shape rule
 * (its `options`, or for your own layers the whole `Layer` interface): comparing every layer with
 * `Layer` structurally would cost more than its shape.
 */
type LayerKind = { readonly kind: string };

/** The message for a layer that does not fit: its position and kind, then its words, explained. */
type AddError<Trace extends readonly Shape[], L extends LayerKind, Previous, Prefix extends string, Current extends Shape> =
  L extends { readonly '~options': string }
    ? 0
    : LayerOutputShape<L, Current> extends ErrorMessage<infer Message>
      ? LayerMessage<`${Prefix}${Trace['length']}`, L['kind'], Explained<Message, Trace, L, Previous>>
      : 0;

/**
 * The model a branch callback of `residual` or `cat` receives: it starts at the shape that reaches
 * the branch, and numbers its layers under the branch's position (`5.1`, `5.2`, `5.shortcut.1`).
 *
 * @example
 * ```ts
 * import type { BranchStart, ShapeTrace } from 'shapecheck';
 * type T = ShapeTrace<BranchStart<['batch', 64, 56, 56], '5.'>>;
 * //=> [['batch', 64, 56, 56]]
 * ```
 * @category Models
 */
export type BranchStart<S extends Shape, Prefix extends string> = Sequential<S, Writable<S>, [Writable<S>], Prefix>;

/** A model's output shape (the last of its trace). */
type OutputOf<Model> = Model extends { readonly '~trace'?: infer Trace extends readonly Shape[] } ? (Last<Trace> extends infer Out extends Shape ? Out : never) : never;

/** The sum of a residual block's paths (the shortcut the identity when `never`), or its message. */
type ResidualSum<Main, Shortcut, S extends Shape> = BroadcastShape<OutputOf<Main>, [Shortcut] extends [never] ? S : OutputOf<Shortcut>>;

/**
 * What the main path's callback must return: its model, or, when the paths cannot be summed, an
 * object whose one property is the message. TypeScript then reports `Property '"layer 5
 * (Residual): add: ..."' is missing in type 'Sequential<...>'`: the message first, on one line,
 * where a string type would put the model's whole type before it.
 */
type ResidualCheck<Main, Shortcut, Trace extends readonly Shape[], Prefix extends string, Current extends Shape> =
  ResidualSum<Main, Shortcut, Current> extends ErrorMessage<infer Message> ? { readonly [K in LayerMessage<`${Prefix}${Trace['length']}`, 'Residual', Message>]: true } : Main;

/** `mul`'s words for two paths that cannot be multiplied: broadcasting's message with `mul` in place of `add`. */
type MulWords<Message extends string> = Message extends `add: ${infer Rest}` ? `mul: ${Rest}` : Message;

/** What the gate's callback of `mul` must return: its model, or an object whose one property is the message (as {@link ResidualCheck}). */
type MulCheck<Main, Shortcut, Trace extends readonly Shape[], Prefix extends string, Current extends Shape> =
  ResidualSum<Main, Shortcut, Current> extends ErrorMessage<infer Message> ? { readonly [K in LayerMessage<`${Prefix}${Trace['length']}`, 'Mul', MulWords<Message>>]: true } : Main;

/**
 * A block's output in the trace: its shape, or `number[]` after an error (reported where it is:
 * TypeScript then infers the failing path's model as `unknown`, so its output is not known).
 */
/** A model's requirements after a residual block (a model of literal sizes has none: not computed). */
type ResidualRequirement<Requires, Main, Shortcut, Current extends Shape> = [Extract<Current[number], string>] extends [never]
  ? Requires
  : Requirement<Requires | ResidualRequires<Main, Shortcut, Current>>;
/** A model's requirements after a cat block. */
type CatRequirement<Requires, Branches extends readonly unknown[], Dim extends number, Current extends Shape> = [Extract<Current[number], string>] extends [never]
  ? Requires
  : Requirement<Requires | CatRequires<Branches, Dim>>;

/**
 * The kinds with an entry in {@link LayerRequirements}. `add` unions a layer's entry into the
 * model's requirements by an indexed access (`[L['kind'] & RequiringKind]`: `never` for the
 * kinds without one, and for literal inputs), not a conditional type: a conditional per `add`
 * costs the literal ResNet-50 some 1,500 instantiations (docs/benchmarks.md).
 */
type RequiringKind = keyof LayerRequirements<unknown, Shape>;
/** Requirements as a type argument: null for none. */
type Requirement<R> = [Exclude<R, null>] extends [never] ? null : Exclude<R, null>;

/** A path's requirements: its own blocks', and the least sizes of its shapes. */
type BranchRequires<Model> = Model extends { readonly '~trace'?: infer Trace extends readonly Shape[]; readonly '~requires'?: infer R }
  ? (R extends string ? R : never) | LeastSizes<Trace>
  : never;
/** A residual block's requirements: both paths', and the dims of their sum that could not be decided. */
type ResidualRequires<Main, Shortcut, S extends Shape> =
  | BranchRequires<Main>
  | ([Shortcut] extends [never] ? never : BranchRequires<Shortcut>)
  | UnknownEqualities<OutputOf<Main>, [Shortcut] extends [never] ? S : OutputOf<Shortcut>>;
/** A cat block's requirements: every branch's, and the other dims of the joined outputs that could not be decided. */
type CatRequires<Branches extends readonly unknown[], Dim extends number> =
  | BranchRequires<Branches[number]>
  | (OutputsOf<Branches> extends readonly [infer First extends Shape, ...infer Rest extends readonly Shape[]]
      ? NormalizeDim<Dim, First['length']> extends infer Axis extends number
        ? UnknownEqualities<First, Rest[number], Axis>
        : never
      : never);

type Settled<Out> = [Out] extends [never] ? number[] : Out extends Shape ? Out : number[];

/** A branch's number in messages, from 1 (as torchvision's Inception names `branch1`, ...). */
type BranchNumber<K> = K extends `${infer Index extends number}` ? AddNumbers<Index, 1> : K & string;

/** The branches' output shapes. */
type OutputsOf<Branches extends readonly unknown[]> = Branches extends readonly [infer Head, ...infer Tail] ? [OutputOf<Head>, ...OutputsOf<Tail>] : [];

/**
 * A layer's message with where its input came from, where the model knows better than the layer:
 * a `Linear` after a `Flatten` shows the product that made its input features.
 */
type Explained<Message extends string, Trace extends readonly Shape[], L, Previous> =
  L extends { readonly kind: 'Linear'; readonly options: infer Options extends LinearOptions }
    ? // not distributed: with no Flatten before, Previous is never, and the message must stay
      [Previous] extends [{ readonly kind: 'Flatten'; readonly startDim: infer StartDim extends number; readonly endDim: infer EndDim extends number }]
      ? Trace extends readonly [...Shape[], infer FlattenInput extends Shape, readonly [...unknown[], infer Got extends number]]
        ? FlattenedLastFactors<FlattenInput, StartDim, EndDim> extends infer Factors extends readonly unknown[]
          ? [Factors] extends [never]
            ? Message
            : LinearAfterFlattenMessage<LinearInFeatures<Options>, Got, Factors, FlattenInput>
          : Message
        : Message
      : Message
    : Message;

/** The last layer, as far as later messages need it (a `Flatten`, which explains a `Linear`'s input). */
type Remembered<L> = L extends { readonly kind: 'Flatten' } ? L : null;

/**
 * The shape after adding a layer. After a layer that does not fit (reported at its `add`) the model
 * goes on with what that layer would output for the input it was written for ({@link Recovered}), so
 * a later, independent mistake is reported too; where that is unknown, with `number[]`, which every
 * later layer accepts: one error per mistake, not a cascade, and later layers keep their positions.
 */
type Next<L, Current extends Shape> = L extends { readonly '~options': string } ? number[] : LayerOutputShape<L, Current> extends infer Out extends Shape ? Out : Recovered<L, Current>;

/**
 * The shapes a model's data takes, input first then after each layer (what hovering shows).
 *
 * @example
 * ```ts
 * import { Flatten, Linear, ReLU, Sequential, type ShapeTrace } from 'shapecheck';
 * const model = new Sequential([1, 16, 5, 5]).add(new Flatten()).add(new Linear({ inFeatures: 400, outFeatures: 10 })).add(new ReLU());
 * type T = ShapeTrace<typeof model>;
 * //=> [[1, 16, 5, 5], [1, 400], [1, 10], [1, 10]]
 * ```
 * @category Models
 */
export type ShapeTrace<Model> = Model extends { readonly '~trace'?: infer Trace extends readonly Shape[] } ? Trace : never;

/**
 * A model of layers applied one after another, built with `add` so that each layer is checked
 * against the shape that reaches it: a layer that does not fit is a compile error at that
 * `add(...)` call, naming its position and kind with the layer's own message (and the same text is
 * thrown at runtime). The type carries the whole trace of shapes: `ShapeTrace<typeof model>`.
 *
 * Why a builder and not `sequential(a, b, c)`: TypeScript reports an argument's error at that
 * argument only when the parameter's type depends on it alone; each `add` has one layer, so the
 * error lands on the line of the wrong layer, and the model's type grows one shape per line.
 *
 * @example
 * ```ts
 * import { Conv2d, Flatten, Linear, ReLU, Sequential, zeros } from 'shapecheck';
 * const model = new Sequential(['batch', 1, 28, 28])
 *   .add(new Conv2d({ inChannels: 1, outChannels: 4, kernelSize: 3, padding: 1 }))
 *   .add(new ReLU())
 *   .add(new Flatten())
 *   .add(new Linear({ inFeatures: 3136, outFeatures: 10 }));
 * model.forward(zeros([2, 1, 28, 28])).shape;
 * //=> [2, 10]
 * ```
 * @category Models
 */
export class Sequential<
  const InputShape extends Shape,
  // the output shape (the trace's last), kept apart: reading it off a long tuple costs in
  // proportion to its length; second, so that hover shows the input and the output first
  Current extends Shape = Writable<InputShape>,
  Trace extends readonly Shape[] = [Writable<InputShape>],
  // the position of a branch's layers under its block (`'5.'`), and the last layer as far as
  // later messages need it (a `Flatten`), else null
  Prefix extends string = '',
  Previous = null,
  // what the names must satisfy, beyond the trace's own least sizes: the blocks' paths' least
  // sizes and the equalities their joins could not decide (read with `Requirements<typeof model>`)
  // (null for none: a model's type shows it as it shows `Previous`)
  Requires extends string | null = null,
> extends Module {
  /** The input shape the model was declared with (names and `number` dims as given). */
  readonly inputShape: InputShape;
  /** The trace of shapes, in the type only (read it with `ShapeTrace<typeof model>`). */
  declare readonly '~trace'?: Trace;
  /** The requirements the trace does not show, in the type only (read them with `Requirements<typeof model>`). */
  declare readonly '~requires'?: Requires;
  #layers: readonly Layer[] = [];
  /**
   * The shapes after each layer, checked when it was added, probed twice with named dims standing
   * for two different sizes (see probe.ts); `undefined` from a layer whose checks depend on a
   * name on (known only when data arrives).
   */
  #probes: readonly (Probe | undefined)[];
  /** The names in the declared input shape. */
  #names: readonly string[];
  /** The position of a branch's layers in the model that holds it (`'5.'`), before their own. */
  #prefix = '';
  /** The name each layer was added under, or null for its index (what `namedChildren` gives). */
  #layerNames: readonly (string | null)[] = [];
  /** The equalities the layers' rules could not decide (`'H//2 == (H+1)//2'`), checked by `forward`. */
  #equalities: readonly string[] = [];
  /** The requirements and their check, made at the first call (a model's layers do not change). */
  #requirements: { list: readonly string[]; broken: (values: Readonly<Record<string, number>>) => string | undefined } | undefined;

  /** A model of no layers yet, taking inputs of `inputShape` (dims may be names such as `'batch'`). */
  constructor(inputShape: DeclaredShapeArgument<'Sequential', InputShape>) {
    super();
    // a block's path starts from a derived shape (expressions allowed); a model's input is declared
    this.inputShape = (startingPath ? inputShape : checkDeclaredShape('Sequential', inputShape as readonly (number | string)[])) as InputShape;
    const { probe, names } = probeInput(inputShape as readonly (number | string)[]);
    this.#probes = [probe];
    this.#names = names;
  }

  /** The layers, in order. */
  get layers(): readonly Layer[] {
    return this.#layers;
  }

  /**
   * Its children: the layers, named by their index from 0 as `torch.nn.Sequential` names them, or
   * by the name each was added under (`add(layer, 'conv1')`).
   */
  override namedChildren(): [string, Layer][] {
    return this.#layers.map((layer, i) => [this.#layerNames[i] ?? String(i), layer]);
  }


  /**
   * The model with `layer` appended. A `Linear` without `inFeatures` gets its parameters here,
   * sized by the features that reach it (unless they depend on a named dim: then at the first
   * `forward`).
   *
   * `name` names the layer in `namedParameters()` and `stateDict()` (as `nn.Sequential` built from
   * an `OrderedDict`, or a module's attribute), instead of its index: `add(conv, 'conv1')` gives
   * `conv1.weight`. A dotted name (`'layer1.0'`) places it as a nested module would, so that a
   * model written flat has the keys of one that nests (torchvision's `layer1.0.conv1.weight`).
   *
   * @throws {ShapeError | RangeError} when the layer does not fit the shape that reaches it,
   *   with its position and kind before the layer's own message.
   * @throws {TypeError | RangeError} when `name` is not a non-empty string of dot-separated parts,
   *   or another child of the model already has it.
   */
  add<const L extends LayerKind>(
    // the layer, or the message naming it when it does not fit. Written out here rather than as an
    // alias, with the message computed in the checked type, not in a branch: TypeScript prepares
    // the branches of a parameter's conditional type (and an alias's instantiation) for every
    // call while it infers L, and this form costs a third of that (docs/benchmarks.md). While L is
    // still being inferred (a layer's generic constructor takes this as the contextual type of its
    // result) the answer comes at once.
    layer: (
      LayerKind extends L ? 0 : LayerOutputShape<L, Current> extends readonly unknown[] ? 0 : AddError<Trace, L, Previous, Prefix, Current>
    ) extends infer Message extends string
      ? Message
      : L,
    name?: string,
  ): Sequential<InputShape, Next<L, Current>, [...Trace, Next<L, Current>], Prefix, Remembered<L>, Requires | LayerRequirements<L, Current>[L['kind'] & RequiringKind]> {
    return this.#append(layer as Layer, name) as never;
  }

  /**
   * The model with a residual block appended: `branch(x) + shortcut(x)`, the shortcut the
   * identity when left out (a ResNet basic block; add the `ReLU` after it). Each path is written
   * as a callback that adds layers to the model it is given, which starts at the shape reaching
   * the block and numbers its layers under the block's position (`layer 5.2`, `layer
   * 5.shortcut.1`), so a wrong layer is reported on its own line; paths that cannot be summed are
   * reported at the main path's result, in `add`'s words.
   *
   * @throws {ShapeError} when a path's layer does not fit, or the paths cannot be summed.
   * @example
   * ```ts
   * import { BatchNorm2d, Conv2d, ReLU, Sequential, type ShapeTrace } from 'shapecheck';
   * const stage = new Sequential(['batch', 64, 56, 56])
   *   .residual(
   *     (x) => x
   *       .add(new Conv2d({ inChannels: 64, outChannels: 128, kernelSize: 3, stride: 2, padding: 1, bias: false }))
   *       .add(new BatchNorm2d({ numFeatures: 128 }))
   *       .add(new ReLU())
   *       .add(new Conv2d({ inChannels: 128, outChannels: 128, kernelSize: 3, padding: 1, bias: false }))
   *       .add(new BatchNorm2d({ numFeatures: 128 })),
   *     (x) => x
   *       .add(new Conv2d({ inChannels: 64, outChannels: 128, kernelSize: 1, stride: 2, bias: false }))
   *       .add(new BatchNorm2d({ numFeatures: 128 })),
   *   )
   *   .add(new ReLU());
   * type T = ShapeTrace<typeof stage>;
   * //=> [['batch', 64, 56, 56], ['batch', 128, 28, 28], ['batch', 128, 28, 28]]
   * ```
   */
  residual<Main, Shortcut = never>(
    branch: (input: BranchStart<Current, `${Prefix}${Trace['length']}.`>) => ResidualCheck<Main, Shortcut, Trace, Prefix, Current>,
    shortcut?: ((input: BranchStart<Current, `${Prefix}${Trace['length']}.shortcut.`>) => Shortcut) | null,
    options: BlockNames & { readonly shortcutName?: string } = {},
  ): Sequential<
    InputShape,
    Settled<ResidualSum<Main, Shortcut, Current>>,
    [...Trace, Settled<ResidualSum<Main, Shortcut, Current>>],
    Prefix,
    null,
    ResidualRequirement<Requires, Main, Shortcut, Current>
  > {
    return this.#twoPaths('residual', Residual, branch, shortcut, options) as never;
  }

  /**
   * The model with a gate appended: `branch(x) * shortcut(x)` with PyTorch's broadcasting, the
   * shortcut the identity when left out. Squeeze-and-excitation is one (torchvision's
   * `SqueezeExcitation`: `scale * input`, its `scale` pooled to `[N, C, 1, 1]` and squashed by a
   * sigmoid). Each path is a callback, as in `residual`: a wrong layer is reported on its own line
   * (`layer 5.2`, `layer 5.shortcut.1`); paths whose outputs cannot be multiplied are reported at
   * the main path's result, in `mul`'s words. Name the block and its layers as torchvision does
   * (`{ name: 'block.1' }`, `add(conv, 'fc1')`) to get its `state_dict` keys.
   *
   * @throws {ShapeError} when a path's layer does not fit, or the paths cannot be multiplied.
   * @example
   * ```ts
   * import { AdaptiveAvgPool2d, Conv2d, ReLU, Sequential, Sigmoid, type ShapeTrace } from 'shapecheck';
   * const se = new Sequential(['batch', 32, 112, 112]).mul(
   *   (x) => x
   *     .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
   *     .add(new Conv2d({ inChannels: 32, outChannels: 8, kernelSize: 1 }), 'fc1')
   *     .add(new ReLU(), 'activation')
   *     .add(new Conv2d({ inChannels: 8, outChannels: 32, kernelSize: 1 }), 'fc2')
   *     .add(new Sigmoid(), 'scale_activation'),
   *   null,
   *   { name: 'se' },
   * );
   * type T = ShapeTrace<typeof se>;
   * //=> [['batch', 32, 112, 112], ['batch', 32, 112, 112]]
   * ```
   */
  mul<Main, Shortcut = never>(
    branch: (input: BranchStart<Current, `${Prefix}${Trace['length']}.`>) => MulCheck<Main, Shortcut, Trace, Prefix, Current>,
    shortcut?: ((input: BranchStart<Current, `${Prefix}${Trace['length']}.shortcut.`>) => Shortcut) | null,
    options: BlockNames & { readonly shortcutName?: string } = {},
  ): Sequential<
    InputShape,
    Settled<ResidualSum<Main, Shortcut, Current>>,
    [...Trace, Settled<ResidualSum<Main, Shortcut, Current>>],
    Prefix,
    null,
    ResidualRequirement<Requires, Main, Shortcut, Current>
  > {
    return this.#twoPaths('mul', Mul, branch, shortcut, options) as never;
  }

  /** A block of two paths (`residual`, `mul`): its names checked, each path built under its label, the block appended. */
  #twoPaths(
    method: 'residual' | 'mul',
    Block: new (branch: Branch, shortcut: Branch | null, shortcutName?: string) => Residual | Mul,
    branch: unknown,
    shortcut: unknown,
    options: BlockNames & { readonly shortcutName?: string },
  ): Sequential<Shape> {
    const { name, shortcutName } = checkBlockNames(method, options, ['name', 'shortcutName']);
    const main = this.#branch(branch as (input: Sequential<Shape>) => unknown, branchLabel.main);
    const side = shortcut ? this.#branch(shortcut as (input: Sequential<Shape>) => unknown, branchLabel.shortcut) : null;
    return this.#append(new Block(main, side, shortcutName), name) as never;
  }

  /**
   * The model with parallel branches appended, their outputs joined along `dim` as `torch.cat`
   * does (dim 1, the channels, in an Inception block). Each branch is a callback that adds layers
   * to the model it is given (numbered `layer 5.1.1`, `5.2.1`, ... under the block's position), so a
   * wrong layer is reported on its own line; outputs that cannot be joined are reported at `dim`,
   * in `cat`'s words.
   *
   * @throws {ShapeError} when a branch's layer does not fit, or the outputs cannot be joined.
   * @example
   * ```ts
   * import { Conv2d, MaxPool2d, Sequential, type ShapeTrace } from 'shapecheck';
   * const block = new Sequential(['batch', 192, 28, 28]).cat(
   *   [
   *     (x) => x.add(new Conv2d({ inChannels: 192, outChannels: 64, kernelSize: 1 })),
   *     (x) => x.add(new Conv2d({ inChannels: 192, outChannels: 32, kernelSize: 5, padding: 2 })),
   *     (x) => x.add(new MaxPool2d({ kernelSize: 3, stride: 1, padding: 1 })),
   *   ],
   *   1,
   * );
   * type T = ShapeTrace<typeof block>;
   * //=> [['batch', 192, 28, 28], ['batch', 288, 28, 28]]
   * ```
   */
  cat<const Branches extends readonly unknown[], const Dim extends number>(
    branches: { readonly [K in keyof Branches]: (input: BranchStart<Current, `${Prefix}${Trace['length']}.${BranchNumber<K>}.`>) => Branches[K] },
    dim: CatShape<OutputsOf<Branches>, Dim> extends ErrorMessage<infer Message> ? LayerMessage<`${Prefix}${Trace['length']}`, 'Cat', Message> : Dim,
    options: BlockNames = {},
  ): Sequential<
    InputShape,
    Settled<CatShape<OutputsOf<Branches>, Dim>>,
    [...Trace, Settled<CatShape<OutputsOf<Branches>, Dim>>],
    Prefix,
    null,
    CatRequirement<Requires, Branches, Dim, Current>
  > {
    const { name } = checkBlockNames('cat', options, ['name']);
    const models = (branches as unknown as readonly ((input: Sequential<Shape>) => unknown)[]).map((branch, i) => this.#branch(branch, branchLabel.parallel(i)));
    return this.#append(new Cat(models, dim as number), name) as never;
  }

  /** The position the next layer (or block) takes, as messages name it: `6`, or `5.2` inside a block. */
  get #position(): string {
    return `${this.#prefix}${this.#probes.length}`;
  }

  /**
   * Runs a branch callback on a model starting at this model's last shape, its layers numbered
   * under the block's position and the branch's `label` ({@link branchLabel}).
   */
  #branch(callback: (input: Sequential<Shape>) => unknown, label: string): Sequential<Shape> {
    const probe = this.#probes[this.#probes.length - 1];
    const start = onPath(() => new Sequential<Shape>(probe ? (displayShape(probe, this.#names) as Shape) : []));
    start.#probes = [probe];
    start.#names = this.#names;
    start.#prefix = `${this.#position}.${label}`;
    const result = callback(start);
    if (!(result instanceof Sequential)) throw new TypeError('Sequential: a branch callback must return the model it was given, with its layers added');
    return result as unknown as Sequential<Shape>;
  }

  /** The model with `layer` appended (under `name`, else its index), checked against the shape that reaches it. */
  #append(layer: Layer, name?: string): Sequential<Shape> {
    checkChildName(`layer ${this.#position}`, name ?? String(this.#layers.length), this.namedChildren().map(([taken]) => taken), name === undefined);
    const probe = this.#probes[this.#probes.length - 1];
    let next: Probe | undefined;
    let found: string[] = [];
    if (probe) {
      try {
        ({ result: next, requirements: found } = collectRequirements(() => probeLayer(layer, probe, this.#names)));
      } catch (error) {
        throw this.#layerError(layer, error as Error, probe);
      }
      if (next) initializeFor(layer, probe);
    }
    const model = onPath(() => new Sequential<Shape>(this.inputShape));
    model.#layers = [...this.#layers, layer];
    model.#layerNames = [...this.#layerNames, name ?? null];
    model.#probes = [...this.#probes, next];
    model.#equalities = [...this.#equalities, ...found.filter((text) => !this.#equalities.includes(text))];
    model.#names = this.#names;
    model.#prefix = this.#prefix;
    model.training = this.training;
    return model;
  }

  /** The error for a layer that does not fit: its position and kind, its words, what the model knows. */
  #layerError(added: Layer, error: Error, probe: Probe): Error {
    const previous = this.#layers[this.#layers.length - 1];
    const flattened = this.#probes[this.#probes.length - 2];
    let text = error.message;
    const features = probe.dims?.[probe.dims.length - 1];
    // (features that are an expression of names have their own message: they depend on those names)
    if (added instanceof Linear && previous instanceof Flatten && flattened && error instanceof ShapeError && added.inFeatures !== undefined && typeof features !== 'string') {
      const flattenInput = displayShape(flattened, this.#names);
      const factors = flattenedLastFactors(flattenInput, previous.startDim, previous.endDim);
      if (factors) text = writeLinearAfterFlattenMessage(added.inFeatures, probe.a[probe.a.length - 1] as number, factors, flattenInput);
    }
    return atPosition(error, this.#position, added.kind, text);
  }

  /**
   * Runs the layers in order. Passing a tensor here is not assignment: each name of the declared
   * input shape is bound to the dim the input has there, and the output has it in the name's place
   * (`Tensor<[8, 1, 28, 28]>` into a model on `['batch', 1, 28, 28]` gives `Tensor<[8, 10]>`; a
   * `number` dim gives `number`). An input that provably does not fit (another rank, a literal dim
   * that differs, one name given two different sizes) is an error at the argument, in the words
   * the runtime throws; a tensor of unknown rank needs `assertShape` first.
   *
   * @throws {ShapeError} when the input's shape is not the declared one (named dims match any
   *   size, the same name the same size).
   */
  forward<Input extends Shape>(
    input: [NameBindings<InputShape, Input>] extends [never]
      ? InputShapeMessage<'Sequential', InputShape, Input>
      : [Exclude<Requires, null> | Extract<Current[number] | Trace[number][number], string>] extends [never]
        ? Tensor<Input>
        : // a model with names: literal sizes that break a requirement are the error here
          BrokenRequirement<Requirements<this>, NameBindings<InputShape, Input>> extends infer Broken extends string
          ? [Broken] extends [never]
            ? Tensor<Input>
            : RequirementMessage<Input, Broken, NameBindings<InputShape, Input>>
          : Tensor<Input>,
  ): Tensor<BindNames<Current, NameBindings<InputShape, Input>>> {
    const shape = (input as Tensor).shape as readonly number[];
    checkInputShape('Sequential', this.inputShape as readonly (number | string)[], shape);
    if (this.#names.length > 0) {
      const values = bindNames(this.inputShape as readonly (number | string)[], shape) ?? {};
      const broken = this.#requirementsOnce().broken(values);
      if (broken !== undefined) throw new ShapeError(writeRequirementMessage(shape, broken, values));
    }
    return this.run(input as Tensor) as Tensor<BindNames<Current, NameBindings<InputShape, Input>>>;
  }

  /**
   * What the names of the declared input must satisfy for the model to run, as
   * `Requirements<typeof model>` lists them: each name's least size (every size the layers derive
   * must be at least 1: `'H >= 16'` for LeNet-5's convolutions and pools), then the equalities the
   * layers could not decide (`'H//2 == (H+1)//2'`: two paths that agree for even sizes only).
   * `forward` checks them once the names have values.
   *
   * @example
   * ```ts
   * import { Conv2d, MaxPool2d, Sequential } from 'shapecheck';
   * const model = new Sequential(['batch', 1, 'H', 'W'])
   *   .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }))
   *   .add(new MaxPool2d({ kernelSize: 2 }));
   * model.requirements();
   * //=> ['H >= 6', 'W >= 6']
   * ```
   */
  requirements(): string[] {
    return [...this.#requirementsOnce().list];
  }

  /** The requirements, computed and parsed once per model (forward checks them on every call). */
  #requirementsOnce(): { list: readonly string[]; broken: (values: Readonly<Record<string, number>>) => string | undefined } {
    if (this.#requirements === undefined) {
      const list = formatRequirements(this.#allShapes(), this.#equalities);
      this.#requirements = { list, broken: requirementChecker(list) };
    }
    return this.#requirements;
  }

  /**
   * The output shape, in names and expressions, this model computed when it was built, if it was
   * built on `input` (what a block's path gives when a layer of it has no symbolic rule).
   * @internal
   */
  symbolicOutputFor(input: readonly (number | string)[]): (number | string)[] | undefined {
    const start = this.#probes[0]?.dims;
    const end = this.#probes[this.#probes.length - 1]?.dims;
    if (start === undefined || end === undefined || start.length !== input.length || start.some((dim, i) => dim !== input[i])) return undefined;
    return end.every((dim) => dim !== undefined) ? [...(end as (number | string)[])] : undefined;
  }

  /** Every shape the model derived: its own, and its blocks' paths'. */
  #allShapes(): (readonly (number | string | undefined)[])[] {
    const own = this.#probes.map((probe) => probe?.dims ?? []);
    const inner = this.#layers.flatMap((layer) =>
      layer instanceof TwoPathBlock || layer instanceof Cat ? layer.branches.flatMap((branch) => (branch instanceof Sequential ? branch.#allShapes() : [])) : [],
    );
    return [...own, ...inner];
  }

  /**
   * Runs the layers in order on `input` without checking it against the declared input (what a
   * block does with its paths). An error a layer throws names the layer's position and kind, as
   * the editor does (`layer 5.2 (Conv2d): ...`).
   *
   * @throws {ShapeError | RangeError | TypeError} what the failing layer throws, with its position.
   */
  run(input: Tensor): Tensor {
    let x = input;
    this.#layers.forEach((layer, i) => {
      try {
        x = (layer.forward as (input: Tensor) => Tensor)(x);
      } catch (error) {
        if (!(error instanceof Error) || positioned.has(error)) throw error;
        throw atPosition(error, `${this.#prefix}${i + 1}`, layer.kind);
      }
    });
    return x;
  }

  /**
   * The shapes the model checked its layers with: the input's, then each layer's output, with
   * named dims (and dims computed from them) counted as 1; `undefined` after a layer whose checks
   * depend on a named dim (its output is known only when data arrives; `forward` checks it then).
   */
  shapes(): (number[] | undefined)[] {
    return this.#probes.map((probe) => probe && unitShape(probe));
  }
}

/**
 * The names `residual` and `cat` take for the block (as `add`'s `name`), and `residual` for its
 * shortcut (`'shortcut'` by default; torchvision's ResNet calls it `'downsample'`).
 *
 * @example
 * ```ts
 * import type { BlockNames } from 'shapecheck';
 * const names: BlockNames = { name: 'layer1.0' };
 * names.name;
 * //=> 'layer1.0'
 * ```
 * @category Models
 */
export interface BlockNames {
  /** The block's name in `namedParameters()` and `stateDict()`, instead of its index. */
  readonly name?: string;
}

/**
 * Checks a child's name against PyTorch's rules for `add_module` (a string, not empty, not one a
 * sibling has), except that a dotted name is allowed: its parts must not be empty. `byIndex`: the
 * name is the child's index (no name was given), which an earlier child may have taken.
 */
function checkChildName(where: string, name: unknown, taken: readonly string[], byIndex: boolean): void {
  if (typeof name !== 'string') throw new TypeError(`Sequential: ${where}: a name must be a string, got ${name === null ? 'null' : typeof name}`);
  if (name === '') throw new RangeError(`Sequential: ${where}: module name can't be empty string ""`);
  if (name.split('.').some((part) => part === '')) throw new RangeError(`Sequential: ${where}: a name's dot-separated parts must not be empty, got "${name}"`);
  if (taken.includes(name)) {
    throw new RangeError(
      byIndex ? `Sequential: ${where}: its index, '${name}', is its name, and an earlier layer was given that name` : `Sequential: ${where}: attribute '${name}' already exists`,
    );
  }
}

/** `residual`'s and `cat`'s options: an object of the `allowed` names, each a string when given. */
function checkBlockNames<K extends string>(op: string, options: unknown, allowed: readonly K[]): { [P in K]?: string } {
  if (typeof options !== 'object' || options === null) throw new TypeError(`Sequential.${op}: options must be an object like { name: 'layer1' }`);
  for (const [key, value] of Object.entries(options)) {
    if (!(allowed as readonly string[]).includes(key)) throw new TypeError(`Sequential.${op}: unknown option '${key}' (options: ${allowed.join(', ')})`);
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`Sequential.${op}: ${key} must be a string, got ${value === null ? 'null' : typeof value}`);
    if (key !== 'name' && typeof value === 'string' && (value === '' || value.includes('.'))) {
      throw new RangeError(`Sequential.${op}: ${key} must be a non-empty name without dots, got "${value}"`);
    }
  }
  return options as { [P in K]?: string };
}
