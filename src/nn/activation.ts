/**
 * The layers of issue 12: SiLU, Hardswish, Hardsigmoid, Mish, ELU, PReLU, Identity, Softmax,
 * LogSoftmax and Dropout2d (GELU's `approximate` is in linear.ts, beside the other activations).
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { checkEluAlpha, elu, hardsigmoid, hardswish, mish, prelu, silu } from '../ops/activation.js';
import { dropout2d } from '../ops/dropout.js';
import { logSoftmax, softmax } from '../ops/reduce.js';
import {
  dropout2dOutputShape,
  preluOutputShape,
  softmaxOutputShape,
  type Dropout2dOutputShape,
  type PreluOutputShape,
  type SoftmaxOutputShape,
} from '../shape/activation.js';
import { checkPositiveInteger, formatOption, type PositiveParam } from '../shape/conv-output-size.js';
import type { DropoutProbabilityError } from '../shape/norm.js';
import type { Dim, Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { ShapePreserving } from './linear.js';
import { DropoutBase } from './norm.js';
import { ParameterizedLayer, constant } from './parameterized-layer.js';

/**
 * `x·σ(x)` element-wise (PyTorch's `nn.SiLU`, "swish").
 *
 * @example
 * ```ts
 * import { SiLU, tensor } from 'shapecheck';
 * new SiLU().forward(tensor([0])).toArray();
 * //=> [0]
 * ```
 * @category Layers
 */
export class SiLU extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'SiLU' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return silu(input);
  }
}

/**
 * `x·relu6(x + 3)/6` element-wise (PyTorch's `nn.Hardswish`, MobileNetV3's activation).
 *
 * @example
 * ```ts
 * import { Hardswish, tensor } from 'shapecheck';
 * new Hardswish().forward(tensor([-4, 4])).toArray();
 * //=> [-0, 4]
 * ```
 * @category Layers
 */
export class Hardswish extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Hardswish' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return hardswish(input);
  }
}

/**
 * `relu6(x + 3)/6` element-wise (PyTorch's `nn.Hardsigmoid`, MobileNetV3's gate).
 *
 * @example
 * ```ts
 * import { Hardsigmoid, tensor } from 'shapecheck';
 * new Hardsigmoid().forward(tensor([0])).toArray();
 * //=> [0.5]
 * ```
 * @category Layers
 */
export class Hardsigmoid extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Hardsigmoid' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return hardsigmoid(input);
  }
}

/**
 * `x·tanh(softplus(x))` element-wise (PyTorch's `nn.Mish`).
 *
 * @example
 * ```ts
 * import { Mish, tensor } from 'shapecheck';
 * new Mish().forward(tensor([0])).toArray();
 * //=> [0]
 * ```
 * @category Layers
 */
export class Mish extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Mish' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return mish(input);
  }
}

/**
 * The options of `nn.ELU`, camelCased.
 *
 * @example
 * ```ts
 * import type { ELUOptions } from 'shapecheck';
 * const options: ELUOptions = { alpha: 0.5 };
 * ```
 * @category Layers
 */
export interface ELUOptions {
  /** The negative part's scale: `alpha·(eˣ − 1)` below 0. Default 1. */
  readonly alpha?: number;
}

/**
 * PyTorch's `nn.ELU` (default `alpha` 1): `x` where positive, `alpha·(eˣ − 1)` elsewhere. Takes
 * `{ alpha }` (or a bare number, PyTorch's positional `alpha`).
 *
 * @example
 * ```ts
 * import { ELU, tensor } from 'shapecheck';
 * const layer = new ELU({ alpha: 2 });
 * layer.alpha;
 * //=> 2
 * layer.forward(tensor([3, -100])).toArray();
 * //=> [3, -2]
 * ```
 * @category Layers
 */
export class ELU extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'ELU' as const;
  /** The negative part's scale. */
  readonly alpha: number;
  /** @throws {TypeError} when `alpha` is not a number (NaN and ±Infinity are, as in PyTorch). */
  constructor(options: ELUOptions | number = {}) {
    super();
    const o = options as ELUOptions | number;
    if (typeof o === 'object' && o === null) throw new TypeError('ELU: options must be an object or a number');
    this.alpha = checkEluAlpha('ELU', typeof o === 'object' ? (o.alpha ?? 1) : o);
  }
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return elu(input, this.alpha);
  }
}

/**
 * Returns its input, unchanged (PyTorch's `nn.Identity`: the same tensor, not a copy).
 *
 * @example
 * ```ts
 * import { Identity, tensor } from 'shapecheck';
 * const x = tensor([1, 2]);
 * new Identity().forward(x) === x;
 * //=> true
 * ```
 * @category Layers
 */
export class Identity extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Identity' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return checkTensor('Identity', 'input', input) as Tensor<InputShape>;
  }
}

// ---------------------------------------------------------------------------------------------
// PReLU

/**
 * The options of `nn.PReLU`, camelCased.
 *
 * @example
 * ```ts
 * import type { PReLUOptions } from 'shapecheck';
 * const options: PReLUOptions = { numParameters: 64, init: 0.1 };
 * ```
 * @category Layers
 */
export interface PReLUOptions {
  /** The number of weights: 1 (shared), or the input's channels (dim 1). Default 1. */
  readonly numParameters?: number;
  /** Every weight's initial value. Default 0.25. */
  readonly init?: number;
}

/** `numParameters` of the options as the type knows it. */
type PReLUParameters<Options extends PReLUOptions> = Options extends { readonly numParameters: infer N extends number } ? N : 1;

/** The message of a literal `numParameters` that is not a positive integer, or `never`. */
type PReLUOptionsError<Options extends PReLUOptions> = PositiveParam<'PReLU', 'numParameters', PReLUParameters<Options>> extends ErrorMessage<infer Message> ? Message : never;

/** The constructor's argument: the options, or the message when `numParameters` is wrong. */
type PReLUOptionsArgument<Options extends PReLUOptions> = [PReLUOptionsError<Options>] extends [never] ? Options : PReLUOptionsError<Options>;

/** The `input` argument of `PReLU.forward`: the tensor, or the message when its channels do not fit. */
type PReLUInput<InputShape extends Shape, Options extends PReLUOptions> = [PReLUOptionsError<Options>] extends [never]
  ? PreluOutputShape<InputShape, PReLUParameters<Options>> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>
  : Tensor<InputShape>;

/**
 * PyTorch's `nn.PReLU`: `x` where positive, `weight[c]·x` elsewhere, with a learnable `weight`
 * of `numParameters` values (1, shared by every channel, or one per channel: dim 1 of the input),
 * each starting at `init` (0.25). Its `state_dict` holds `weight`. An input whose channels are not
 * `numParameters` (when it is not 1) is an error at `forward`'s argument, in PyTorch's words.
 *
 * @example
 * ```ts
 * import { PReLU, tensor } from 'shapecheck';
 * const layer = new PReLU({ numParameters: 2 });
 * layer.weight.toArray();
 * //=> [0.25, 0.25]
 * layer.forward(tensor([[-4, -4], [4, 4]])).toArray();
 * //=> [[-1, -1], [4, 4]]
 * [...layer.stateDict().keys()];
 * //=> ['weight']
 * ```
 * @category Layers
 */
export class PReLU<const Options extends PReLUOptions = {}> extends ParameterizedLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'PReLU' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': PReLUOptionsArgument<Options>;
  readonly options: Options;
  /** The number of weights. */
  readonly numParameters: number;
  /** `[numParameters]`, learnable (PyTorch's `weight`). */
  readonly weight: Tensor<[PReLUParameters<Options>]>;

  /** @throws {TypeError | RangeError} when `numParameters` is not a positive integer, or `init` is not a number. */
  constructor(options: PReLUOptionsArgument<Options> = {} as PReLUOptionsArgument<Options>) {
    super();
    if (typeof options !== 'object' || options === null) throw new TypeError('PReLU: options must be an object');
    const o = options as Options;
    const n = o.numParameters === undefined ? 1 : checkPositiveInteger('PReLU', 'numParameters', o.numParameters);
    const init = o.init ?? 0.25;
    if (typeof init !== 'number') throw new TypeError(`PReLU: init must be a number, got ${formatOption(init)} (fill_() received an invalid combination of arguments)`);
    this.options = o;
    this.numParameters = n;
    const [weight] = this.declareParameters('PReLU', [{ name: 'weight', shape: [n], init: constant(init) }]);
    this.weight = weight as Tensor<[PReLUParameters<Options>]>;
  }

  /**
   * The shape rule, on numbers and names alike: the same (a named channel dim is checked when
   * data arrives).
   *
   * @throws {ShapeError} when the channels are not `numParameters` (and it is not 1), or the input is 0-d.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return preluOutputShape(inputShape, this.numParameters);
  }

  /**
   * Applies the layer; differentiable in the input and the weight.
   *
   * @throws {ShapeError} when the channels are not `numParameters` (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: PReLUInput<InputShape, Options>): Tensor<InputShape> {
    const x = checkTensor('PReLU', 'input', input);
    preluOutputShape(x.shape as readonly number[], this.numParameters);
    const call = prelu as (x: Tensor, w: Tensor) => Tensor;
    return call(x, this.weight) as Tensor<InputShape>;
  }
}

// ---------------------------------------------------------------------------------------------
// Softmax, LogSoftmax

/**
 * The options of `nn.Softmax` and `nn.LogSoftmax`: the dim to normalise over (required here;
 * PyTorch's implicit choice without one is deprecated).
 *
 * @example
 * ```ts
 * import type { SoftmaxOptions } from 'shapecheck';
 * const options: SoftmaxOptions = { dim: -1 };
 * ```
 * @category Layers
 */
export interface SoftmaxOptions {
  /** The dim whose entries sum to 1 (negative counts from the end). */
  readonly dim: number;
}

/** The `input` argument of a softmax layer's `forward`: the tensor, or the message when `dim` is out of its range. */
type SoftmaxInput<InputShape extends Shape, D extends number, Op extends string> =
  SoftmaxOutputShape<InputShape, D, Op> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/** Checks a softmax layer's `dim` option: an integer (its range is checked against each input). */
function checkSoftmaxDim(op: string, options: unknown): number {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${op}: options must be an object with a dim, as { dim: 1 }`);
  const dim = (options as { dim?: unknown }).dim;
  if (!Number.isSafeInteger(dim)) throw new TypeError(`${op}: dim must be an integer, got ${formatOption(dim)} (${op.toLowerCase()}() received an invalid combination of arguments)`);
  return dim as number;
}

/**
 * What `Softmax` and `LogSoftmax` share: the `dim` option checked in the constructor, the shape
 * rule (the same shape, `dim` in its range) and the checked call of the op; each subclass adds
 * its kind and its typed `forward`.
 * @internal
 */
export abstract class SoftmaxBase<const D extends number> extends ShapePreserving {
  /** The dim normalised over. */
  readonly dim: D;
  /** The layer's name in messages. */
  readonly #op: 'Softmax' | 'LogSoftmax';

  /** @throws {TypeError} when `dim` is not an integer. */
  constructor(op: 'Softmax' | 'LogSoftmax', options: { readonly dim: D }) {
    super();
    this.dim = checkSoftmaxDim(op, options) as D;
    this.#op = op;
  }

  /**
   * The same shape, when `dim` is in its range.
   *
   * @throws {RangeError} when `dim` is out of range.
   */
  protected override shapeRule(inputShape: readonly Dim[]): Dim[] {
    return softmaxOutputShape(inputShape, this.dim, this.#op);
  }

  /**
   * `op` over `dim` of the checked input.
   *
   * @throws {RangeError} when `dim` is out of range (the words the compiler shows).
   */
  protected run(input: unknown, op: (x: Tensor, dim: number) => Tensor): Tensor {
    const x = checkTensor(this.#op, 'input', input);
    this.shapeRule(x.shape as readonly number[]);
    return op(x, this.dim);
  }
}

/**
 * `exp(x) / Σ exp(x)` over `dim` (PyTorch's `nn.Softmax(dim)`); a `dim` outside the input's
 * dims is an error at `forward`'s argument, in PyTorch's words.
 *
 * @example
 * ```ts
 * import { Softmax, tensor } from 'shapecheck';
 * new Softmax({ dim: 1 }).forward(tensor([[0, 0]])).toArray();
 * //=> [[0.5, 0.5]]
 * ```
 * @category Layers
 */
export class Softmax<const D extends number = number> extends SoftmaxBase<D> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Softmax' as const;
  /** @throws {TypeError} when `dim` is not an integer. */
  constructor(options: { readonly dim: D }) {
    super('Softmax', options);
  }

  /** @throws {RangeError} when `dim` is out of range (the words the compiler shows). */
  forward<InputShape extends Shape>(input: SoftmaxInput<InputShape, D, 'Softmax'>): Tensor<InputShape> {
    return this.run(input, softmax as (x: Tensor, dim: number) => Tensor) as Tensor<InputShape>;
  }
}

/**
 * `x − log Σ exp(x)` over `dim` (PyTorch's `nn.LogSoftmax(dim)`), computed stably; a `dim`
 * outside the input's dims is an error at `forward`'s argument, in PyTorch's words.
 *
 * @example
 * ```ts
 * import { LogSoftmax, tensor } from 'shapecheck';
 * new LogSoftmax({ dim: -1 }).forward(tensor([0, 0])).toArray();
 * //=> [-0.6931471824645996, -0.6931471824645996]
 * ```
 * @category Layers
 */
export class LogSoftmax<const D extends number = number> extends SoftmaxBase<D> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'LogSoftmax' as const;
  /** @throws {TypeError} when `dim` is not an integer. */
  constructor(options: { readonly dim: D }) {
    super('LogSoftmax', options);
  }

  /** @throws {RangeError} when `dim` is out of range (the words the compiler shows). */
  forward<InputShape extends Shape>(input: SoftmaxInput<InputShape, D, 'LogSoftmax'>): Tensor<InputShape> {
    return this.run(input, logSoftmax as (x: Tensor, dim: number) => Tensor) as Tensor<InputShape>;
  }
}

// ---------------------------------------------------------------------------------------------
// Dropout2d

/**
 * The options of `nn.Dropout2d`, camelCased (as `DropoutOptions`).
 *
 * @example
 * ```ts
 * import type { Dropout2dOptions } from 'shapecheck';
 * const options: Dropout2dOptions = { p: 0.2, seed: 1 };
 * ```
 * @category Layers
 */
export interface Dropout2dOptions {
  /** The probability of zeroing a channel in training, in [0, 1]. Default 0.5. */
  readonly p?: number;
  /** The seed of the layer's own generator for its masks; default: the default generator (`manualSeed`). */
  readonly seed?: number;
}

/** `p` of the options (or of the shorthand number), as the type knows it. */
type Dropout2dP<Options> = Options extends number ? Options : Options extends { readonly p: infer P } ? P : 0.5;

/** The constructor's argument: the options, or the message when a literal `p` is outside [0, 1]. */
type Dropout2dArgument<Options extends Dropout2dOptions | number> = [DropoutProbabilityError<Dropout2dP<Options>, 'Dropout2d'>] extends [never]
  ? Options
  : DropoutProbabilityError<Dropout2dP<Options>, 'Dropout2d'> extends ErrorMessage<infer Message>
    ? Message
    : Options;

/** The `input` argument of `Dropout2d.forward`: the tensor, or the message when it has fewer than 2 dims. */
type Dropout2dInput<InputShape extends Shape> = Dropout2dOutputShape<InputShape> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/**
 * PyTorch's `nn.Dropout2d`: channel-wise dropout. In training mode (a new layer's) each channel —
 * the slice `[n, c]` of `[N, C, H, W]` — is zeroed with probability `p` and the others scaled by
 * `1/(1 − p)`; after `eval()` it is the identity (a copy). Options and `p`'s checks as `Dropout`.
 * The input needs at least 2 dims (PyTorch checks it in training only; the layer's shape rule,
 * which the compiler also checks, does in both modes). As in PyTorch 2, a 3-D input is taken as
 * `[N, C, L]`.
 *
 * @example
 * ```ts
 * import { Dropout2d, ones } from 'shapecheck';
 * const layer = new Dropout2d({ p: 0.5, seed: 0 });
 * const y = layer.forward(ones([1, 8, 2, 2])).toArray()[0]!;
 * y.every((channel) => new Set(channel.flat()).size === 1);
 * //=> true
 * layer.eval().forward(ones([1, 2])).toArray();
 * //=> [[1, 1]]
 * ```
 * @category Layers
 */
export class Dropout2d<const Options extends Dropout2dOptions | number = Dropout2dOptions> extends DropoutBase {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Dropout2d' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': Dropout2dArgument<Options>;

  /** @throws {TypeError | RangeError} when `p` is not a number between 0 and 1, or the seed is not a safe integer. */
  constructor(options: Dropout2dArgument<Options> = {} as Dropout2dArgument<Options>) {
    super('Dropout2d', options);
  }

  /**
   * The same shape, of at least 2 dims.
   *
   * @throws {ShapeError} when the input has fewer than 2 dims.
   */
  protected override shapeRule(inputShape: readonly Dim[]): Dim[] {
    return dropout2dOutputShape(inputShape);
  }

  /**
   * In training, the input with channels dropped and the rest scaled; in eval mode a copy of it.
   *
   * @throws {ShapeError} when the input has fewer than 2 dims (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: Dropout2dInput<InputShape>): TensorOf<InputShape> {
    const x = checkTensor('Dropout2d', 'input', input);
    dropout2dOutputShape(x.shape as readonly number[]);
    return dropout2d(x, this.p, this.training, this.generator) as TensorOf<InputShape>;
  }
}

// The shape rules `Sequential` looks up by kind (layer-rules.ts). A layer of these kinds that does
// not fit passes on the shape that reached it, as its data would.
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    SiLU: S;
    Hardswish: S;
    Hardsigmoid: S;
    Mish: S;
    ELU: S;
    Identity: S;
    PReLU: L extends { readonly options: infer Options extends PReLUOptions } ? PreluOutputShape<S, PReLUParameters<Options>> : never;
    Softmax: L extends { readonly dim: infer D extends number } ? SoftmaxOutputShape<S, D, 'Softmax'> : never;
    LogSoftmax: L extends { readonly dim: infer D extends number } ? SoftmaxOutputShape<S, D, 'LogSoftmax'> : never;
    Dropout2d: Dropout2dOutputShape<S>;
  }
  interface LayerRecoveries<L, S extends Shape> {
    PReLU: S;
    Softmax: S;
    LogSoftmax: S;
    Dropout2d: S;
  }
}
