import type { ErrorMessage } from '../arithmetic/error-message.js';
import { flatten, linear, type FlattenInput } from '../ops/linear.js';
import { leakyRelu, gelu, relu, relu6, sigmoid, tanh } from '../ops/activation.js';
import { checkPositiveInteger, formatOption, type PositiveParam } from '../shape/conv-output-size.js';
import { checkTensor } from '../tensor/check.js';
import { checkGeluApproximate, type GeluApproximate, type GeluApproximateError } from '../shape/activation.js';
import { flattenOutputShape, linearOutputShape, type FlattenOutputShape, type LinearOutputShape } from '../shape/linear.js';
import type { Dim, Shape } from '../shape/shape.js';
import type { RandomOptions } from '../tensor/factories.js';
import { checkRandomOptions } from '../tensor/random.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { ParameterizedLayer } from './parameterized-layer.js';
import { ShapeRuleLayer } from './shape-rule-layer.js';

/**
 * The options of `nn.Linear`, camelCased. Leave out `inFeatures` to have it inferred from the
 * first input, as PyTorch's `nn.LazyLinear` does (in a `Sequential`, from the shape that reaches
 * the layer, e.g. the product a `Flatten` computed).
 *
 * @example
 * ```ts
 * import type { LinearOptions } from 'shapecheck';
 * const options: LinearOptions = { inFeatures: 400, outFeatures: 120 };
 * const inferred: LinearOptions = { outFeatures: 120 };
 * ```
 * @category Layers
 */
export interface LinearOptions {
  /** The size of the input's last dim. Omitted: inferred from the first input. */
  readonly inFeatures?: number;
  readonly outFeatures: number;
  /** Whether the layer adds a learnable bias. Default true. */
  readonly bias?: boolean;
}

/**
 * A `Linear`'s input features as its type knows them: the literal given, or `number` when they
 * are inferred from the first input.
 *
 * @example
 * ```ts
 * import type { LinearInFeatures } from 'shapecheck';
 * type A = LinearInFeatures<{ inFeatures: 400; outFeatures: 10 }>;
 * //=> 400
 * type B = LinearInFeatures<{ outFeatures: 10 }>;
 * //=> number
 * ```
 * @category Layers
 */
export type LinearInFeatures<Options extends LinearOptions> = Options extends { readonly inFeatures: infer In extends number } ? In : number;

/**
 * The constructor's argument: the options, or the message when a literal feature count is not a
 * positive integer (`outFeatures` first, as the runtime checks).
 */
type LinearOptionsArgument<Options extends LinearOptions> = [LinearOptionsError<Options>] extends [never] ? Options : LinearOptionsError<Options>;

/** The message of the first literal feature count that is not a positive integer, or `never`. */
type LinearOptionsError<Options extends LinearOptions> =
  PositiveParam<'Linear', 'outFeatures', Options['outFeatures']> extends ErrorMessage<infer Message>
    ? Message
    : Options extends { readonly inFeatures: infer In }
      ? PositiveParam<'Linear', 'inFeatures', In> extends ErrorMessage<infer Message>
        ? Message
        : never
      : never;

/**
 * The shape `forward` returns: the layer's output shape, or `never` (no tensor, no later error)
 * when its options are wrong by themselves (reported at the constructor).
 */
type LinearForwardShape<InputShape extends Shape, Options extends LinearOptions> = [LinearOptionsError<Options>] extends [never]
  ? LinearOutputShape<InputShape, LinearInFeatures<Options>, Options['outFeatures']>
  : never;

/**
 * The `input` argument of `forward`: the tensor, or the message when it does not fit (options
 * wrong by themselves are reported at the constructor, not again here).
 */
type LinearInput<InputShape extends Shape, Options extends LinearOptions> = [LinearOptionsError<Options>] extends [never]
  ? LinearOutputShape<InputShape, LinearInFeatures<Options>, Options['outFeatures']> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>
  : Tensor<InputShape>;

/**
 * A fully connected layer, PyTorch's `nn.Linear`, typed: `weight` is a
 * `Tensor<[outFeatures, inFeatures]>`, and `forward(x)` maps `[..., inFeatures]` to
 * `[..., outFeatures]`, or reports at `x` why it does not fit. Initialised as PyTorch does
 * (uniform in ±1/√inFeatures), from the default generator or a seed.
 *
 * Without `inFeatures` the layer is lazy, like PyTorch's `nn.LazyLinear`: its parameters are
 * created for the first input's last dim (when a `Sequential` adds it, or at the first `forward`),
 * and from then on that size is required; until then it lists no parameters (create an optimizer
 * after the first input, or after `Sequential.add` has sized the layer).
 *
 * @example
 * ```ts
 * import { Linear, zeros } from 'shapecheck';
 * const fc = new Linear({ inFeatures: 400, outFeatures: 120 }, { seed: 0 });
 * fc.forward(zeros([8, 400])).shape;
 * //=> [8, 120]
 * const lazy = new Linear({ outFeatures: 10 });
 * lazy.forward(zeros([2, 84])).shape;
 * //=> [2, 10]
 * lazy.weight.shape;
 * //=> [10, 84]
 * ```
 * @category Layers
 */
export class Linear<const Options extends LinearOptions> extends ParameterizedLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Linear' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': LinearOptionsArgument<Options>;
  readonly options: Options;
  readonly #init: RandomOptions;
  #inFeatures: number | undefined;
  #weight: Tensor | undefined;
  #bias: Tensor | null = null;

  /**
   * A literal feature count that is not a positive integer is a compile error at `options`, in
   * the words the runtime throws.
   *
   * @throws {TypeError | RangeError} when a feature count is not a positive integer.
   */
  constructor(options: LinearOptionsArgument<Options>, init: RandomOptions = {}) {
    super();
    if (typeof options !== 'object' || options === null) throw new TypeError('Linear: options must be an object');
    const o = options as Options;
    checkPositiveInteger('Linear', 'outFeatures', o.outFeatures);
    const inFeatures = o.inFeatures === undefined ? undefined : checkPositiveInteger('Linear', 'inFeatures', o.inFeatures);
    if (o.bias !== undefined && typeof o.bias !== 'boolean') throw new TypeError(`Linear: bias must be a boolean, got ${formatOption(o.bias)}`);
    checkRandomOptions('Linear', init);
    this.options = o;
    this.#init = init;
    if (inFeatures !== undefined) this.initializeParameters([inFeatures]);
  }

  /** The input features: given, inferred from the first input, or `undefined` before that. */
  get inFeatures(): number | undefined {
    return this.#inFeatures;
  }

  /**
   * `[outFeatures, inFeatures]`.
   *
   * @throws {Error} when `inFeatures` is still to be inferred (no input has reached the layer).
   */
  get weight(): Tensor<[Options['outFeatures'], LinearInFeatures<Options>]> {
    if (this.#weight === undefined) throw new Error(UNINITIALIZED);
    return this.#weight as Tensor<[Options['outFeatures'], LinearInFeatures<Options>]>;
  }

  /**
   * `[outFeatures]`, or `null` with `bias: false`.
   *
   * @throws {Error} when `inFeatures` is still to be inferred (PyTorch's initial bias depends on it).
   */
  get bias(): Options extends { readonly bias: false } ? null : Tensor<[Options['outFeatures']]> {
    if (this.#weight === undefined) throw new Error(UNINITIALIZED);
    return this.#bias as Options extends { readonly bias: false } ? null : Tensor<[Options['outFeatures']]>;
  }

  /**
   * Creates the parameters for an input shape when `inFeatures` is still to be inferred (as
   * PyTorch's lazy modules do on their first input); nothing once they exist.
   *
   * @throws {ShapeError} when the input has no dims.
   * @throws {RangeError} when its last dim is not a positive integer.
   */
  initializeParameters(inputShape: readonly number[]): void {
    if (this.#weight !== undefined) return;
    if (inputShape.length === 0) linearOutputShape(inputShape, 0, this.options.outFeatures);
    const inFeatures = checkPositiveInteger('Linear', 'inFeatures', inputShape[inputShape.length - 1]);
    const outFeatures = this.options.outFeatures;
    const bias = (this.options.bias ?? true) ? [outFeatures] : null;
    [this.#weight, this.#bias] = this.declareWeightAndBias('Linear', this.#init.seed, [outFeatures, inFeatures], bias, inFeatures);
    this.#inFeatures = inFeatures;
  }

  /**
   * The shape rule, on numbers and names alike: any last dim while `inFeatures` is still to be
   * inferred (a name or an expression passes, known when data arrives).
   *
   * @throws {ShapeError} when the last dim is not `inFeatures`.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    const last = inputShape[inputShape.length - 1];
    // inFeatures still to be inferred from an expression: known when data arrives
    if (this.#inFeatures === undefined && typeof last === 'string') return [...inputShape.slice(0, -1), this.options.outFeatures];
    return linearOutputShape(inputShape, this.#inFeatures ?? (last as number | undefined) ?? 0, this.options.outFeatures);
  }

  /**
   * Applies the layer to `[..., inFeatures]` (creating the parameters first when `inFeatures` is
   * inferred).
   *
   * @throws {ShapeError} when the last dim is not `inFeatures` (the words the compiler shows).
   */
  forward<InputShape extends Shape>(
    input: LinearInput<InputShape, Options>,
  ): TensorOf<LinearForwardShape<InputShape, Options>> {
    const x = checkTensor('Linear', 'input', input);
    this.initializeParameters(x.shape as readonly number[]);
    const call = linear as (x: Tensor, w: Tensor, b: Tensor | null) => Tensor;
    return call(x, this.#weight as Tensor, this.#bias) as TensorOf<LinearForwardShape<InputShape, Options>>;
  }
}

const UNINITIALIZED = 'Linear: the parameters do not exist yet: inFeatures is inferred from the first input (add the layer to a Sequential, or run forward once)';

/**
 * Flattens dims `startDim..endDim` into one (PyTorch's `nn.Flatten`, defaults 1 and −1).
 *
 * @example
 * ```ts
 * import { Flatten, zeros } from 'shapecheck';
 * new Flatten().forward(zeros([1, 16, 5, 5])).shape;
 * //=> [1, 400]
 * ```
 * @category Layers
 */
export class Flatten<const StartDim extends number = 1, const EndDim extends number = -1> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Flatten' as const;
  /** @throws {TypeError} when a dim is not an integer (its range is checked against each input). */
  constructor(
    readonly startDim: StartDim = 1 as StartDim,
    readonly endDim: EndDim = -1 as EndDim,
  ) {
    for (const [name, dim] of [['startDim', startDim], ['endDim', endDim]] as const) {
      if (!Number.isSafeInteger(dim)) {
        throw new TypeError(`Flatten: ${name} must be an integer, got ${formatOption(dim)} (flatten() received an invalid combination of arguments)`);
      }
    }
  }

  /** None: the layer has no parameters (as a parameter-free `nn.Module`). */
  namedParameters(): [string, Tensor][] {
    return [];
  }

  /** None: the layer has no parameters. */
  parameters(): Tensor[] {
    return [];
  }

  /**
   * The output shape for an input shape, at runtime.
   *
   * @throws {RangeError} when a dim index is out of range.
   */
  outputShape(inputShape: readonly number[]): number[] {
    return flattenOutputShape(inputShape, this.startDim, this.endDim);
  }

  /**
   * The output shape for a shape whose dims may be names and expressions (`'(H+1)//2'`): the
   * exact expressions the editor shows (see docs/shapes.md, "Symbolic dims").
   *
   * @throws {ShapeError} when the input provably does not fit (the editor's words).
   */
  symbolicOutputShape(inputShape: readonly Dim[]): Dim[] {
    return flattenOutputShape(inputShape, this.startDim, this.endDim);
  }

  /** @throws {RangeError} when a dim index is out of range for the input. */
  forward<InputShape extends Shape>(input: FlattenInput<InputShape, StartDim, EndDim>): TensorOf<FlattenOutputShape<InputShape, StartDim, EndDim>> {
    const call = flatten as (input: Tensor, startDim: number, endDim: number) => Tensor;
    return call(input as Tensor, this.startDim, this.endDim) as TensorOf<FlattenOutputShape<InputShape, StartDim, EndDim>>;
  }
}

/**
 * The base of the element-wise layers: the output has the input's shape; no parameters.
 *
 * @example
 * ```ts
 * import { ReLU, ShapePreserving } from 'shapecheck';
 * new ReLU() instanceof ShapePreserving;
 * //=> true
 * ```
 * @category Layers
 */
export abstract class ShapePreserving extends ShapeRuleLayer {
  /**
   * The shape rule: the same shape (a subclass that checks its input, as `Softmax` its `dim`,
   * overrides this one method; `outputShape` and `symbolicOutputShape` follow).
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return [...inputShape];
  }
}

/**
 * `max(x, 0)` element-wise (PyTorch's `nn.ReLU`).
 *
 * @example
 * ```ts
 * import { ReLU, tensor } from 'shapecheck';
 * new ReLU().forward(tensor([-1, 2])).toArray();
 * //=> [0, 2]
 * ```
 * @category Layers
 */
export class ReLU extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'ReLU' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return relu(input);
  }
}

/**
 * `min(max(x, 0), 6)` element-wise (PyTorch's `nn.ReLU6`, as MobileNetV2 uses it).
 *
 * @example
 * ```ts
 * import { ReLU6, tensor } from 'shapecheck';
 * new ReLU6().forward(tensor([-1, 3, 8])).toArray();
 * //=> [0, 3, 6]
 * ```
 * @category Layers
 */
export class ReLU6 extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'ReLU6' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return relu6(input);
  }
}

/**
 * PyTorch's `nn.LeakyReLU` (default slope 0.01).
 *
 * @example
 * ```ts
 * import { LeakyReLU, tensor } from 'shapecheck';
 * new LeakyReLU(0.5).forward(tensor([-2])).toArray();
 * //=> [-1]
 * ```
 * @category Layers
 */
export class LeakyReLU extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'LeakyReLU' as const;
  /** @throws {TypeError} when `negativeSlope` is not a number (NaN and ±Infinity are, as in PyTorch). */
  constructor(readonly negativeSlope = 0.01) {
    super();
    if (typeof negativeSlope !== 'number') {
      throw new TypeError(
        `LeakyReLU: negativeSlope must be a number, got ${formatOption(negativeSlope)} (leaky_relu(): argument 'negative_slope' (position 2) must be Number)`,
      );
    }
  }
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return leakyRelu(input, this.negativeSlope);
  }
}

/**
 * PyTorch's `nn.Sigmoid`.
 *
 * @example
 * ```ts
 * import { Sigmoid, tensor } from 'shapecheck';
 * new Sigmoid().forward(tensor([0])).toArray();
 * //=> [0.5]
 * ```
 * @category Layers
 */
export class Sigmoid extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Sigmoid' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return sigmoid(input);
  }
}

/**
 * PyTorch's `nn.Tanh`.
 *
 * @example
 * ```ts
 * import { Tanh, tensor } from 'shapecheck';
 * new Tanh().forward(tensor([0])).toArray();
 * //=> [0]
 * ```
 * @category Layers
 */
export class Tanh extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Tanh' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return tanh(input);
  }
}

/**
 * The options of `nn.GELU`, camelCased.
 *
 * @example
 * ```ts
 * import type { GELUOptions } from 'shapecheck';
 * const options: GELUOptions = { approximate: 'tanh' };
 * ```
 * @category Layers
 */
export interface GELUOptions {
  /** `'none'` (the exact erf form, the default) or `'tanh'` (the tanh approximation). */
  readonly approximate?: string;
}

/** The message of a literal `approximate` that is neither `'none'` nor `'tanh'`, or `never`. */
type GELUOptionsError<Options extends GELUOptions> = Options extends { readonly approximate: infer A }
  ? [GeluApproximateError<'GELU', A>] extends [never]
    ? never
    : GeluApproximateError<'GELU', A> extends ErrorMessage<infer Message>
      ? Message
      : never
  : never;

/** The constructor's argument: the options, or the message when `approximate` is wrong. */
type GELUOptionsArgument<Options extends GELUOptions> = [GELUOptionsError<Options>] extends [never] ? Options : GELUOptionsError<Options>;

/**
 * PyTorch's `nn.GELU`: the exact erf form, or with `{ approximate: 'tanh' }` the tanh
 * approximation. Another `approximate` is a compile error at the options, in PyTorch's words.
 *
 * @example
 * ```ts
 * import { GELU, tensor } from 'shapecheck';
 * new GELU().forward(tensor([0])).toArray();
 * //=> [0]
 * const tanhForm = new GELU({ approximate: 'tanh' });
 * tanhForm.approximate;
 * //=> 'tanh'
 * tanhForm.forward(tensor([1])).toArray();
 * //=> [0.8411920070648193]
 * ```
 * @category Layers
 */
export class GELU<const Options extends GELUOptions = {}> extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'GELU' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': GELUOptionsArgument<Options>;
  /** The approximation: `'none'` or `'tanh'`. */
  readonly approximate: GeluApproximate;
  /** @throws {TypeError} when `approximate` is neither `'none'` nor `'tanh'`. */
  constructor(options: GELUOptionsArgument<Options> = {} as GELUOptionsArgument<Options>) {
    super();
    if (typeof options !== 'object' || options === null) throw new TypeError('GELU: options must be an object, as { approximate: \'tanh\' }');
    this.approximate = checkGeluApproximate('GELU', (options as GELUOptions).approximate);
  }
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return (gelu as (x: Tensor, approximate: string) => Tensor)(input, this.approximate) as Tensor<InputShape>;
  }
}

// The shape rules `Sequential` looks up by kind (layer-rules.ts). A Linear given other features
// still outputs its outFeatures: the model goes on from the input it was written for.
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    Linear: L extends { readonly options: infer Options extends LinearOptions } ? LinearOutputShape<S, LinearInFeatures<Options>, Options['outFeatures']> : never;
    Flatten: L extends { readonly startDim: infer StartDim extends number; readonly endDim: infer EndDim extends number } ? FlattenOutputShape<S, StartDim, EndDim> : never;
    ReLU: S;
    ReLU6: S;
    LeakyReLU: S;
    Sigmoid: S;
    Tanh: S;
    GELU: S;
  }
  interface LayerRecoveries<L, S extends Shape> {
    Linear: L extends { readonly options: infer Options extends LinearOptions & { readonly inFeatures: number } }
      ? number extends S['length']
        ? number[]
        : S extends readonly [...infer Init extends Shape, unknown]
          ? LinearOutputShape<[...Init, Options['inFeatures']], Options['inFeatures'], Options['outFeatures']>
          : number[]
      : number[];
  }
}
