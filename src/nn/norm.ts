import type { ErrorMessage } from '../arithmetic/error-message.js';
import { noGrad } from '../autograd/engine.js';
import { dropout } from '../ops/dropout.js';
import { generatorFor, type Generator } from '../tensor/random.js';
import { adaptiveAvgPool2d, batchNorm1d, batchNorm2d, type BatchNorm2dFunctionalOptions } from '../ops/norm.js';
import { batchNorm1dOutputShape, type BatchNorm1dOutputShape } from '../shape/norm-layers.js';
import { checkPositiveInteger, formatOption, type PositiveParam } from '../shape/conv-output-size.js';
import { checkTensor } from '../tensor/check.js';
import {
  adaptiveAvgPool2dOutputShape,
  batchNorm2dOutputShape,
  checkDropoutProbability,
  resolveAdaptiveOutputSize,
  type DropoutProbabilityError,
  type AdaptiveAvgPool2dOutputShape,
  type AdaptiveOutputSize,
  type BatchNorm2dOutputShape,
} from '../shape/norm.js';
import type { Dim, Shape } from '../shape/shape.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { ShapePreserving } from './linear.js';
import { ParameterizedLayer, affineSpecs, runningStatsSpecs } from './parameterized-layer.js';
import { ShapeRuleLayer } from './shape-rule-layer.js';

/**
 * The options of `nn.BatchNorm2d`, camelCased.
 *
 * @example
 * ```ts
 * import type { BatchNorm2dOptions } from 'shapecheck';
 * const options: BatchNorm2dOptions = { numFeatures: 64, eps: 1e-3 };
 * ```
 * @category Layers
 */
export interface BatchNorm2dOptions {
  /** The number of channels `C` of `[N, C, H, W]` input. */
  readonly numFeatures: number;
  /** Added to the variance before the square root. Default `1e-5`. */
  readonly eps?: number;
  /**
   * In training, the running statistics become `(1 − momentum)·running + momentum·batch`. `null`
   * makes them a cumulative moving average (the factor is `1 / numBatchesTracked`). Default 0.1.
   */
  readonly momentum?: number | null;
  /** Whether the layer has `weight` and `bias`. Default true. */
  readonly affine?: boolean;
  /** Whether the layer keeps running statistics; without them PyTorch normalises with the batch's own statistics, even in eval mode. Default true. */
  readonly trackRunningStats?: boolean;
}

/** The tensor PyTorch checks the channel count against, or `'none'` when it checks none. */
type CheckedParam<Options extends BatchNorm2dOptions> = Options extends { readonly trackRunningStats: false }
  ? Options extends { readonly affine: false }
    ? 'none'
    : 'weight'
  : 'running_mean';

/** `numFeatures` as the shape rule checks it (`number`: no check). */
type CheckedFeatures<Options extends BatchNorm2dOptions> = CheckedParam<Options> extends 'none' ? number : Options['numFeatures'];

/** The output shape of a `BatchNorm2d` layer with these options (used by `Sequential`). */
export type BatchNormOutput<InputShape extends Shape, Options extends BatchNorm2dOptions> = BatchNorm2dOutputShape<
  InputShape,
  CheckedFeatures<Options>,
  CheckedParam<Options>
>;

/** The constructor's argument: the options, or the message when a literal `numFeatures` is not a positive integer or a literal `eps` is negative. */
type BatchNorm2dOptionsArgument<Options extends BatchNorm2dOptions, Kind extends string = 'BatchNorm2d'> = [BatchNorm2dOptionsError<Options, Kind>] extends [never]
  ? Options
  : BatchNorm2dOptionsError<Options, Kind>;

/** The message of the first literal option that is wrong by itself (`numFeatures`, then `eps`), or `never`. */
type BatchNorm2dOptionsError<Options extends BatchNorm2dOptions, Kind extends string = 'BatchNorm2d'> =
  PositiveParam<Kind, 'numFeatures', Options['numFeatures']> extends ErrorMessage<infer Message>
    ? Message
    : Options extends { readonly eps: infer Eps extends number }
      ? number extends Eps
        ? never
        : `${Eps}` extends `-${string}`
          ? EpsMessage<Eps, Kind>
          : never
      : never;

/** An `eps` that is not a non-negative number (its square root would make NaNs). */
type EpsMessage<Eps extends number, Kind extends string = 'BatchNorm2d'> = `${Kind}: eps must be a non-negative number, got ${Eps}`;
/** Runtime twin of {@link EpsMessage}. */
const writeEpsMessage = (eps: unknown, kind = 'BatchNorm2d'): string => `${kind}: eps must be a non-negative number, got ${formatOption(eps)}`;

/**
 * The `input` argument of `BatchNorm2d.forward`: the tensor, or the message when it does not fit
 * (options wrong by themselves are reported at the constructor, not again here).
 */
type BatchNormInput<InputShape extends Shape, Options extends BatchNorm2dOptions> = BatchNorm2dOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : BatchNormOutput<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * What `BatchNorm2d` and `BatchNorm1d` share (PyTorch's `_BatchNorm`): the options checked in the
 * constructor, the parameters and buffers, train/eval modes, state dict; each subclass adds its
 * kind, its shape rule and its typed `forward`.
 * @internal
 */
export abstract class BatchNormBase<const Options extends BatchNorm2dOptions> extends ParameterizedLayer {
  /** The options as given. */
  readonly options: Options;
  /** Added to the variance before the square root. */
  readonly eps: number;
  /** The running-statistics update factor in training; `null`: a cumulative moving average. */
  readonly momentum: number | null;
  /** `[numFeatures]`, ones; `null` with `affine: false`. */
  readonly weight: Options extends { readonly affine: false } ? null : Tensor<[Options['numFeatures']]>;
  /** `[numFeatures]`, zeros; `null` with `affine: false`. */
  readonly bias: Options extends { readonly affine: false } ? null : Tensor<[Options['numFeatures']]>;
  /** `[numFeatures]`, zeros; `null` with `trackRunningStats: false`. */
  readonly runningMean: Options extends { readonly trackRunningStats: false } ? null : Tensor<[Options['numFeatures']]>;
  /** `[numFeatures]`, ones; `null` with `trackRunningStats: false`. */
  readonly runningVar: Options extends { readonly trackRunningStats: false } ? null : Tensor<[Options['numFeatures']]>;
  /**
   * The number of batches seen in training (PyTorch's `num_batches_tracked`, a 0-d buffer; float32
   * here, exact up to 2²⁴); `null` with `trackRunningStats: false`.
   */
  readonly numBatchesTracked: Options extends { readonly trackRunningStats: false } ? null : Tensor<[]>;
  /** The kind, for messages. */
  readonly #name: string;

  /** @throws {TypeError | RangeError} when `numFeatures` is not a positive integer or `eps` is negative. */
  constructor(name: string, options: unknown) {
    super();
    this.#name = name;
    if (typeof options !== 'object' || options === null) throw new TypeError(`${name}: options must be an object`);
    const o = options as Options;
    const numFeatures = checkPositiveInteger(name, 'numFeatures', o.numFeatures);
    const eps = o.eps === undefined ? 1e-5 : o.eps;
    if (typeof eps !== 'number') {
      throw new TypeError(`${writeEpsMessage(eps, name)} (batch_norm(): argument 'eps' (position 8) must be float)`);
    }
    if (!(eps >= 0) || eps === Infinity) throw new RangeError(writeEpsMessage(eps, name));
    if (o.momentum !== undefined && o.momentum !== null && (typeof o.momentum !== 'number' || !Number.isFinite(o.momentum))) {
      throw new TypeError(`${name}: momentum must be a finite number or null, got ${formatOption(o.momentum)}`);
    }
    for (const key of ['affine', 'trackRunningStats'] as const) {
      if (o[key] !== undefined && typeof o[key] !== 'boolean') throw new TypeError(`${name}: ${key} must be a boolean, got ${formatOption(o[key])}`);
    }
    this.options = o;
    this.eps = eps;
    this.momentum = o.momentum === undefined ? 0.1 : o.momentum;
    const affine = o.affine === undefined ? true : o.affine;
    const track = o.trackRunningStats === undefined ? true : o.trackRunningStats;
    // parameters require grad (nn.Parameter); the running statistics are buffers
    const [weight, bias] = this.declareParameters(name, affineSpecs([numFeatures], affine, affine));
    this.weight = weight as this['weight'];
    this.bias = bias as this['bias'];
    const [runningMean, runningVar, numBatchesTracked] = this.declareBuffers(name, runningStatsSpecs([numFeatures], track));
    this.runningMean = runningMean as this['runningMean'];
    this.runningVar = runningVar as this['runningVar'];
    this.numBatchesTracked = numBatchesTracked as this['numBatchesTracked'];
  }


  /**
   * The shape rule (`BatchNorm2d`'s or `BatchNorm1d`'s), on numbers and names alike (the twin of
   * the type `forward` computes): names pass through; a named channel dim is compared with the
   * symbolic engine. The channels are checked against `numFeatures` where PyTorch checks them
   * (against `running_mean`, or `weight` without running statistics; not at all without either).
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    const track = this.options.trackRunningStats ?? true;
    const affine = this.options.affine ?? true;
    const features = track || affine ? this.options.numFeatures : null;
    const param = track ? 'running_mean' : 'weight';
    if (this.#name === 'BatchNorm1d') return batchNorm1dOutputShape(inputShape, features, param);
    return batchNorm2dOutputShape(inputShape, features, param);
  }

  /**
   * Checks the input against the shape rule, then runs the functional op with this layer's state:
   * in training the batch's statistics (the running ones updated, `numBatchesTracked` counted once
   * the op has succeeded); in eval the running ones (the batch's when there are none, as PyTorch).
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   */
  protected run(op: typeof batchNorm2d | typeof batchNorm1d, input: unknown): Tensor {
    const x = checkTensor(this.#name, 'input', input);
    this.shapeRule(x.shape as readonly number[]);
    const call = op as unknown as (
      x: Tensor,
      m: Tensor | null,
      v: Tensor | null,
      w: Tensor | null,
      b: Tensor | null,
      eps: number,
      options: BatchNorm2dFunctionalOptions,
    ) => Tensor;
    const runningMean = this.runningMean as Tensor | null;
    const runningVar = this.runningVar as Tensor | null;
    const tracked = this.numBatchesTracked as Tensor<[]> | null;
    let momentum = this.momentum ?? 0;
    const counting = this.training && tracked !== null;
    // PyTorch counts the batch first, then uses 1/count as the factor when momentum is null; the
    // count is stored after the op, so that a forward that throws changes nothing
    if (counting && this.momentum === null) momentum = 1 / (tracked.item() + 1);
    const output = call(x, runningMean, runningVar, this.weight as Tensor | null, this.bias as Tensor | null, this.eps, {
      training: this.training || runningMean === null,
      momentum,
    });
    if (counting) noGrad(() => tracked.fill_(tracked.item() + 1));
    return output;
  }
}

/**
 * Batch normalisation, PyTorch's `nn.BatchNorm2d`, typed: `forward(x)` takes `[N, C, H, W]` or
 * unbatched `[C, H, W]` with `C = numFeatures` (PyTorch's layer takes 4-D only; unbatched input
 * is normalised as a batch of one) and reports at `x` why it does not fit.
 *
 * As in PyTorch, a new layer is in training mode (`training` true): `forward` normalises with the
 * batch's statistics and updates `runningMean`/`runningVar` (with `momentum`, the variance
 * unbiased) and `numBatchesTracked`. After `eval()` it normalises with the running statistics
 * (`y = (x − runningMean) / √(runningVar + eps) · weight + bias`, inference); `train()` goes back.
 * Parameters start as PyTorch's (weight ones, bias zeros, running mean zeros, running variance
 * ones); weight and bias require grad (as `nn.Parameter`); load trained values with
 * `layer.weight.data.set(values)`. With `trackRunningStats: false` the running statistics are
 * `null` and, as in PyTorch, the input's own statistics are used in both modes.
 *
 * @example
 * ```ts
 * import { BatchNorm2d, ones } from 'shapecheck';
 * const bn = new BatchNorm2d({ numFeatures: 2, eps: 0 }).eval();
 * bn.runningMean.data.set([1, 0]);
 * bn.forward(ones([1, 2, 1, 1])).toArray();
 * //=> [[[[0]], [[1]]]]
 * ```
 * @category Layers
 */
export class BatchNorm2d<const Options extends BatchNorm2dOptions> extends BatchNormBase<Options> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'BatchNorm2d' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': BatchNorm2dOptionsArgument<Options>;

  /**
   * A literal `numFeatures` that is not a positive integer is a compile error at `options`, in the
   * words the runtime throws.
   *
   * @throws {TypeError | RangeError} when `numFeatures` is not a positive integer or `eps` is negative.
   */
  constructor(options: BatchNorm2dOptionsArgument<Options>) {
    super('BatchNorm2d', options);
  }

  /**
   * Applies the layer to `[N, C, H, W]` or unbatched `[C, H, W]` input. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: BatchNormInput<InputShape, Options>): TensorOf<BatchNormOutput<InputShape, Options>> {
    return this.run(batchNorm2d, input) as TensorOf<BatchNormOutput<InputShape, Options>>;
  }
}

// --- BatchNorm1d (issue 12: LayerNorm, GroupNorm, InstanceNorm2d, BatchNorm1d) -------------------

/**
 * The options of `nn.BatchNorm1d`, camelCased: those of {@link BatchNorm2dOptions}, `numFeatures`
 * the `C` of `[N, C]` or `[N, C, L]` input.
 *
 * @example
 * ```ts
 * import type { BatchNorm1dOptions } from 'shapecheck';
 * const options: BatchNorm1dOptions = { numFeatures: 128, momentum: null };
 * ```
 * @category Layers
 */
export type BatchNorm1dOptions = BatchNorm2dOptions;

/**
 * The output shape of a `BatchNorm1d` layer with these options (used by `Sequential`).
 *
 * @example
 * ```ts
 * import type { BatchNorm1dOutput } from 'shapecheck';
 * type A = BatchNorm1dOutput<['batch', 16, 'L'], { numFeatures: 16 }>;
 * //=> ['batch', 16, 'L']
 * ```
 * @category Layers
 */
export type BatchNorm1dOutput<InputShape extends Shape, Options extends BatchNorm2dOptions> = BatchNorm1dOutputShape<
  InputShape,
  CheckedFeatures<Options>,
  CheckedParam<Options>
>;

/** The `input` argument of `BatchNorm1d.forward`: the tensor, or the message when it does not fit. */
type BatchNorm1dInput<InputShape extends Shape, Options extends BatchNorm2dOptions> = BatchNorm2dOptionsArgument<Options, 'BatchNorm1d'> extends string
  ? Tensor<InputShape>
  : BatchNorm1dOutput<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * Batch normalisation of `[N, C]` or `[N, C, L]` input, PyTorch's `nn.BatchNorm1d`, typed: the
 * statistics per channel over `N` (and `L`); everything else as {@link BatchNorm2d} (training and
 * eval modes, running statistics with `momentum` or a cumulative average, `affine`,
 * `trackRunningStats`, the state dict's keys).
 *
 * @example
 * ```ts
 * import { BatchNorm1d, tensor } from 'shapecheck';
 * const bn = new BatchNorm1d({ numFeatures: 1, eps: 0 });
 * bn.forward(tensor([[1], [3]])).toArray();
 * //=> [[-1], [1]]
 * Array.from(bn.runningVar.data, (v) => Math.round(v * 1000) / 1000);
 * //=> [1.1]
 * ```
 * @category Layers
 */
export class BatchNorm1d<const Options extends BatchNorm1dOptions> extends BatchNormBase<Options> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'BatchNorm1d' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': BatchNorm2dOptionsArgument<Options, 'BatchNorm1d'>;

  /** @throws {TypeError | RangeError} when `numFeatures` is not a positive integer or `eps` is negative. */
  constructor(options: BatchNorm2dOptionsArgument<Options, 'BatchNorm1d'>) {
    super('BatchNorm1d', options);
  }

  /**
   * Applies the layer to `[N, C]` or `[N, C, L]` input. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   * @throws {RangeError} in training, for one value per channel (PyTorch's words); nothing changed.
   */
  forward<InputShape extends Shape>(input: BatchNorm1dInput<InputShape, Options>): TensorOf<BatchNorm1dOutput<InputShape, Options>> {
    return this.run(batchNorm1d, input) as TensorOf<BatchNorm1dOutput<InputShape, Options>>;
  }
}

/**
 * The options of `nn.Dropout`, camelCased.
 *
 * @example
 * ```ts
 * import type { DropoutOptions } from 'shapecheck';
 * const options: DropoutOptions = { p: 0.2 };
 * ```
 * @category Layers
 */
export interface DropoutOptions {
  /** The probability of zeroing an element in training, in [0, 1]. Default 0.5. */
  readonly p?: number;
  /** The seed of the layer's own generator for its masks; default: the default generator (`manualSeed`). */
  readonly seed?: number;
}

/** `p` of the options (or of the shorthand number), as the type knows it. */
type DropoutP<Options> = Options extends number ? Options : Options extends { readonly p: infer P } ? P : 0.5;

/** The constructor's argument: the options, or the message when a literal `p` is outside [0, 1]. */
type DropoutArgument<Options extends DropoutOptions | number> = [DropoutProbabilityError<DropoutP<Options>>] extends [never]
  ? Options
  : DropoutProbabilityError<DropoutP<Options>> extends ErrorMessage<infer Message>
    ? Message
    : Options;

/**
 * What `Dropout` and `Dropout2d` share: `p` and the seed checked in the constructor (from
 * `{ p, seed }` or a bare `p`, PyTorch's positional argument), the layer's own generator, the
 * training and eval modes; each subclass adds its kind, its shape rule and its typed `forward`.
 * @internal
 */
export abstract class DropoutBase extends ShapePreserving {
  /** The probability of zeroing an element (a channel, for `Dropout2d`) in training. */
  readonly p: number;
  /** The layer's own generator (`{ seed }`), or null for the default one, looked up at each call (`manualSeed` replaces it). */
  readonly #generator: Generator | null;
  /** The kind, for messages. */
  readonly #name: 'Dropout' | 'Dropout2d';

  /** @throws {TypeError | RangeError} when `p` is not a number between 0 and 1, or the seed is not a safe integer. */
  constructor(name: 'Dropout' | 'Dropout2d', options: unknown) {
    super();
    const o = options as DropoutOptions | number;
    const object = typeof o === 'object' && o !== null;
    // a bare value is PyTorch's positional p
    this.p = checkDropoutProbability(object ? (o.p === undefined ? 0.5 : o.p) : o, name);
    this.#generator = object && o.seed !== undefined ? generatorFor(o.seed, name) : null;
    this.#name = name;
  }


  /** The generator of the masks: the layer's own, or `undefined` for the default one. */
  protected get generator(): Generator | undefined {
    return this.#generator ?? undefined;
  }
}

/**
 * PyTorch's `nn.Dropout`. As in PyTorch a new layer is in training mode (`training` true):
 * `forward` zeroes each element with probability `p` and scales the others by `1/(1 − p)`, the
 * mask drawn from the layer's generator (`{ seed }`) or the default one (`manualSeed`); the
 * gradient goes through the same mask. After `eval()` it is the identity (a copy of the input);
 * `train()` goes back. Takes `{ p }` like every other layer's options (a bare number is accepted
 * too, as PyTorch's positional `p`); a literal `p` outside [0, 1] is a compile error at the argument.
 *
 * @example
 * ```ts
 * import { Dropout, tensor } from 'shapecheck';
 * const dropout = new Dropout({ p: 0.2 });
 * dropout.p;
 * //=> 0.2
 * dropout.eval().forward(tensor([1, 2])).toArray();
 * //=> [1, 2]
 * ```
 * @category Layers
 */
export class Dropout<const Options extends DropoutOptions | number = DropoutOptions> extends DropoutBase {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Dropout' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': DropoutArgument<Options>;

  /** @throws {TypeError | RangeError} when `p` is not a number between 0 and 1, or the seed is not a safe integer. */
  constructor(options: DropoutArgument<Options> = {} as DropoutArgument<Options>) {
    super('Dropout', options);
  }

  /** In training, the input with elements dropped and the rest scaled; in eval mode a copy of it. */
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return dropout(input, this.p, this.training, this.generator);
  }
}

/**
 * The options of `nn.AdaptiveAvgPool2d`, camelCased.
 *
 * @example
 * ```ts
 * import type { AdaptiveAvgPool2dOptions } from 'shapecheck';
 * const options = { outputSize: [7, null] } as const satisfies AdaptiveAvgPool2dOptions;
 * ```
 * @category Layers
 */
export interface AdaptiveAvgPool2dOptions {
  /** The output's spatial size: one size for both dims, or `[height, width]` (`null` keeps that input dim). */
  readonly outputSize: AdaptiveOutputSize;
}

/** The constructor's options: the options, or the message when `outputSize` is invalid. */
type AdaptiveOptionsArgument<Options extends AdaptiveAvgPool2dOptions> =
  AdaptiveAvgPool2dOutputShape<[1, 1, 1], Options['outputSize']> extends ErrorMessage<infer Message> ? Message : Options;

/**
 * The `input` argument of `AdaptiveAvgPool2d.forward`: the tensor, or the message when it does
 * not fit (an `outputSize` wrong by itself is reported at the constructor, not again here).
 */
type AdaptiveInput<InputShape extends Shape, Options extends AdaptiveAvgPool2dOptions> = AdaptiveOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : AdaptiveAvgPool2dOutputShape<InputShape, Options['outputSize']> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * Adaptive average pooling, PyTorch's `nn.AdaptiveAvgPool2d`, typed: the last two dims of
 * `[N, C, H, W]` or `[C, H, W]` become `outputSize` (`null` keeps that dim), averaging over
 * PyTorch's bins `[floor(i·in/out), ceil((i+1)·in/out))`.
 *
 * @example
 * ```ts
 * import { AdaptiveAvgPool2d, arange } from 'shapecheck';
 * const pool = new AdaptiveAvgPool2d({ outputSize: [1, null] });
 * pool.forward(arange(4).reshape([1, 1, 2, 2])).toArray();
 * //=> [[[[1, 2]]]]
 * ```
 * @category Layers
 */
export class AdaptiveAvgPool2d<const Options extends AdaptiveAvgPool2dOptions> extends ShapeRuleLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'AdaptiveAvgPool2d' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': AdaptiveOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;

  /** @throws {TypeError | RangeError} for an `outputSize` entry that is not a non-negative integer or `null`. */
  constructor(options: AdaptiveOptionsArgument<Options>) {
    super();
    const o = options as Options;
    if (typeof o !== 'object' || o === null) throw new TypeError('AdaptiveAvgPool2d: options must be an object');
    resolveAdaptiveOutputSize(o.outputSize);
    this.options = o;
  }

  /**
   * The output shape, on sizes and on names (a `null` entry keeps the dim).
   *
   * @throws {ShapeError} when the input (provably, on names) does not fit the layer.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return adaptiveAvgPool2dOutputShape(inputShape, this.options.outputSize);
  }

  /**
   * Applies the layer. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: AdaptiveInput<InputShape, Options>): TensorOf<AdaptiveAvgPool2dOutputShape<InputShape, Options['outputSize']>> {
    const call = adaptiveAvgPool2d as (x: Tensor, size: AdaptiveOutputSize) => Tensor;
    return call(input as Tensor, this.options.outputSize) as TensorOf<AdaptiveAvgPool2dOutputShape<InputShape, Options['outputSize']>>;
  }
}

// The shape rules `Sequential` looks up by kind (layer-rules.ts). A BatchNorm2d given other
// channels passes on the shape that reached it, as its data would.
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    BatchNorm2d: L extends { readonly options: infer Options extends BatchNorm2dOptions } ? BatchNormOutput<S, Options> : never;
    AdaptiveAvgPool2d: L extends { readonly options: infer Options extends AdaptiveAvgPool2dOptions } ? AdaptiveAvgPool2dOutputShape<S, Options['outputSize']> : never;
    Dropout: S;
    // issue 12
    BatchNorm1d: L extends { readonly options: infer Options extends BatchNorm2dOptions } ? BatchNorm1dOutput<S, Options> : never;
  }
  interface LayerRecoveries<L, S extends Shape> {
    BatchNorm2d: number extends S['length'] ? number[] : S['length'] extends 3 | 4 ? S : number[];
    // issue 12: BatchNorm1d given other channels passes its shape on, as BatchNorm2d
    BatchNorm1d: number extends S['length'] ? number[] : S['length'] extends 2 | 3 ? S : number[];
  }
}
