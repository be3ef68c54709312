/**
 * `LayerNorm`, `GroupNorm` and `InstanceNorm2d` (issue 12), PyTorch's layers typed: options
 * checked in the constructor (literal mistakes at compile time, in the runtime's words), shape
 * rules in src/shape/norm-layers.ts, kernels in src/ops/norm-layers.ts.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { Mod } from '../arithmetic/mod.js';
import { groupNorm, instanceNorm, layerNorm, resolveNormalizedShape } from '../ops/norm-layers.js';
import { checkPositiveInteger, formatOption, type NonNegativeParam, type PositiveParam } from '../shape/conv-output-size.js';
import {
  groupNormOutputShape,
  instanceNorm2dOutputShape,
  layerNormOutputShape,
  writeGroupNormOptionsMessage,
  type GroupNormOptionsMessage,
  type GroupNormOutputShape,
  type InstanceNorm2dOutputShape,
  type LayerNormEmptyShapeMessage,
  type LayerNormOutputShape,
  type NormalizedShapeOf,
} from '../shape/norm-layers.js';
import type { Dim, Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { ParameterizedLayer, affineSpecs, runningStatsSpecs } from './parameterized-layer.js';

// ---------------------------------------------------------------------------------------------
// Shared: eps, booleans, momentum, the state-dict methods

/** A literal negative `eps` (its square root would make NaNs). */
type NormEpsMessage<Kind extends string, Eps extends number> = `${Kind}: eps must be a non-negative number, got ${Eps}`;
/** Runtime twin of {@link NormEpsMessage}. */
const writeNormEpsMessage = (kind: string, eps: unknown): string => `${kind}: eps must be a non-negative number, got ${formatOption(eps)}`;

/** The `eps` error of literal options, or `never`. */
type EpsError<Kind extends string, Options> = Options extends { readonly eps: infer Eps extends number }
  ? number extends Eps
    ? never
    : `${Eps}` extends `-${string}`
      ? NormEpsMessage<Kind, Eps>
      : never
  : never;

/** Checks `eps` (default 1e-5), the boolean options and `momentum` (when listed) as BatchNorm2d does. */
export function checkCommonOptions(kind: string, options: unknown, booleans: readonly string[], momentum: boolean): { eps: number; momentum: number | null } {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${kind}: options must be an object`);
  const o = options as Record<string, unknown>;
  const eps = o.eps === undefined ? 1e-5 : o.eps;
  if (typeof eps !== 'number') throw new TypeError(writeNormEpsMessage(kind, eps));
  if (!(eps >= 0) || eps === Infinity) throw new RangeError(writeNormEpsMessage(kind, eps));
  for (const key of booleans) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') throw new TypeError(`${kind}: ${key} must be a boolean, got ${formatOption(o[key])}`);
  }
  const m = o.momentum;
  if (momentum && m !== undefined && m !== null && (typeof m !== 'number' || !Number.isFinite(m))) {
    throw new TypeError(`${kind}: momentum must be a finite number or null, got ${formatOption(m)}`);
  }
  return { eps, momentum: m === undefined ? 0.1 : (m as number | null) };
}


// ---------------------------------------------------------------------------------------------
// LayerNorm

/**
 * The options of `nn.LayerNorm`, camelCased.
 *
 * @example
 * ```ts
 * import type { LayerNormOptions } from 'shapecheck';
 * const options: LayerNormOptions = { normalizedShape: [16, 16], eps: 1e-6 };
 * ```
 * @category Layers
 */
export interface LayerNormOptions {
  /** The trailing dims normalised over: one size, or a list of sizes (PyTorch's `normalized_shape`). */
  readonly normalizedShape: number | readonly number[];
  /** Added to the variance before the square root. Default `1e-5`. */
  readonly eps?: number;
  /** Whether the layer has `weight` (ones) and `bias` (zeros) of shape `normalizedShape`. Default true. */
  readonly elementwiseAffine?: boolean;
  /** With `elementwiseAffine`, whether it has `bias` (PyTorch 2.1's `bias`). Default true. */
  readonly bias?: boolean;
}

/** The first literal `normalizedShape` entry that is not a non-negative integer, or `never`. */
type NormalizedShapeError<N extends readonly number[]> = N extends readonly [infer Head, ...infer Rest extends readonly number[]]
  ? NonNegativeParam<'LayerNorm', 'normalizedShape', Head> extends ErrorMessage<infer Message>
    ? Message
    : NormalizedShapeError<Rest>
  : never;

/** The message of the first literal option that is wrong by itself, or `never`. */
type LayerNormOptionsError<Options extends LayerNormOptions> =
  NormalizedShapeOf<Options['normalizedShape']> extends readonly []
    ? LayerNormEmptyShapeMessage
    : [NormalizedShapeError<NormalizedShapeOf<Options['normalizedShape']>>] extends [never]
      ? EpsError<'LayerNorm', Options>
      : NormalizedShapeError<NormalizedShapeOf<Options['normalizedShape']>>;

/** The constructor's argument: the options, or the message when they are wrong by themselves. */
export type LayerNormOptionsArgument<Options extends LayerNormOptions> = [LayerNormOptionsError<Options>] extends [never] ? Options : LayerNormOptionsError<Options>;

/**
 * The output shape of a `LayerNorm` layer with these options (used by `Sequential`).
 *
 * @example
 * ```ts
 * import type { LayerNormOutput } from 'shapecheck';
 * type A = LayerNormOutput<['batch', 'T', 64], { normalizedShape: 64 }>;
 * //=> ['batch', 'T', 64]
 * ```
 * @category Layers
 */
export type LayerNormOutput<InputShape extends Shape, Options extends LayerNormOptions> = LayerNormOutputShape<InputShape, Options['normalizedShape']>;

/** The `input` argument of `LayerNorm.forward`: the tensor, or the message when it does not fit. */
type LayerNormInput<InputShape extends Shape, Options extends LayerNormOptions> = LayerNormOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : LayerNormOutput<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * Layer normalisation, PyTorch's `nn.LayerNorm`, typed: `forward(x)` normalises over the trailing
 * dims `normalizedShape` of any input whose trailing dims are those (names pass through), and
 * reports at `x` why it does not fit (`Given normalized_shape=[64], expected input with shape
 * [*, 64], but got input of size[2, 32]`). `weight` (ones) and `bias` (zeros) have shape
 * `normalizedShape` and require grad; `elementwiseAffine: false` has neither, `bias: false` no
 * bias. The same in training and eval.
 *
 * @example
 * ```ts
 * import { LayerNorm, tensor } from 'shapecheck';
 * const ln = new LayerNorm({ normalizedShape: 2, eps: 0 });
 * ln.forward(tensor([[1, 3], [5, 9]])).toArray();
 * //=> [[-1, 1], [-1, 1]]
 * [...ln.stateDict().keys()];
 * //=> ['weight', 'bias']
 * ```
 * @category Layers
 */
export class LayerNorm<const Options extends LayerNormOptions> extends ParameterizedLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'LayerNorm' as const;
  /** In the type only: the constructor's options argument as the compiler checked it. */
  declare readonly '~options': LayerNormOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  /** `normalizedShape` as a list. */
  readonly normalizedShape: number[];
  /** Added to the variance before the square root. */
  readonly eps: number;
  /** `normalizedShape`, ones; `null` with `elementwiseAffine: false`. */
  readonly weight: Options extends { readonly elementwiseAffine: false } ? null : Tensor<NormalizedShapeOf<Options['normalizedShape']>>;
  /** `normalizedShape`, zeros; `null` with `elementwiseAffine: false` or `bias: false`. */
  readonly bias: Options extends { readonly elementwiseAffine: false } | { readonly bias: false } ? null : Tensor<NormalizedShapeOf<Options['normalizedShape']>>;

  /**
   * A literal `normalizedShape` entry that is not a non-negative integer, an empty one, or a
   * negative `eps` is a compile error at `options`, in the words the runtime throws.
   *
   * @throws {TypeError | RangeError} for such options.
   */
  constructor(options: LayerNormOptionsArgument<Options>) {
    super();
    const { eps } = checkCommonOptions('LayerNorm', options, ['elementwiseAffine', 'bias'], false);
    const o = options as Options;
    this.normalizedShape = resolveNormalizedShape(o.normalizedShape);
    this.options = o;
    this.eps = eps;
    const affine = o.elementwiseAffine ?? true;
    const [weight, bias] = this.declareParameters('LayerNorm', affineSpecs(this.normalizedShape, affine, affine && (o.bias ?? true)));
    this.weight = weight as this['weight'];
    this.bias = bias as this['bias'];
  }

  /**
   * The shape rule, on numbers and names alike (the twin of the type `forward` computes):
   * names pass through; a named trailing dim is compared with the symbolic engine.
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return layerNormOutputShape(inputShape, this.normalizedShape);
  }

  /**
   * Applies the layer. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: LayerNormInput<InputShape, Options>): TensorOf<LayerNormOutput<InputShape, Options>> {
    const x = checkTensor('LayerNorm', 'input', input);
    const call = layerNorm as unknown as (x: Tensor, shape: readonly number[], w: Tensor | null, b: Tensor | null, eps: number) => Tensor;
    return call(x, this.normalizedShape, this.weight as Tensor | null, this.bias as Tensor | null, this.eps) as TensorOf<LayerNormOutput<InputShape, Options>>;
  }
}

// ---------------------------------------------------------------------------------------------
// GroupNorm

/**
 * The options of `nn.GroupNorm`, camelCased.
 *
 * @example
 * ```ts
 * import type { GroupNormOptions } from 'shapecheck';
 * const options: GroupNormOptions = { numGroups: 8, numChannels: 64 };
 * ```
 * @category Layers
 */
export interface GroupNormOptions {
  /** The number of groups the channels are split into; it must divide `numChannels`. */
  readonly numGroups: number;
  /** The number of channels `C` of `[N, C, *]` input. */
  readonly numChannels: number;
  /** Added to the variance before the square root. Default `1e-5`. */
  readonly eps?: number;
  /** Whether the layer has a per-channel `weight` (ones) and `bias` (zeros). Default true. */
  readonly affine?: boolean;
}

/** The message of the first literal option that is wrong by itself, or `never`. */
type GroupNormOptionsError<Options extends GroupNormOptions> =
  PositiveParam<'GroupNorm', 'numGroups', Options['numGroups']> extends ErrorMessage<infer Message>
    ? Message
    : PositiveParam<'GroupNorm', 'numChannels', Options['numChannels']> extends ErrorMessage<infer Message>
      ? Message
      : number extends Options['numGroups'] | Options['numChannels']
        ? EpsError<'GroupNorm', Options>
        : Mod<Options['numChannels'], Options['numGroups']> extends 0
          ? EpsError<'GroupNorm', Options>
          : GroupNormOptionsMessage<Options['numGroups'], Options['numChannels']>;

/** The constructor's argument: the options, or the message when they are wrong by themselves. */
type GroupNormOptionsArgument<Options extends GroupNormOptions> = [GroupNormOptionsError<Options>] extends [never] ? Options : GroupNormOptionsError<Options>;

/** The channel count the rule checks: `numChannels` with `affine` (its weight's length), else none. */
type GroupNormChecked<Options extends GroupNormOptions> = Options extends { readonly affine: false } ? number : Options['numChannels'];

/**
 * The output shape of a `GroupNorm` layer with these options (used by `Sequential`).
 *
 * @example
 * ```ts
 * import type { GroupNormOutput } from 'shapecheck';
 * type A = GroupNormOutput<['batch', 8, 'H', 'W'], { numGroups: 4; numChannels: 8 }>;
 * //=> ['batch', 8, 'H', 'W']
 * ```
 * @category Layers
 */
export type GroupNormOutput<InputShape extends Shape, Options extends GroupNormOptions> = GroupNormOutputShape<InputShape, Options['numGroups'], GroupNormChecked<Options>>;

/** The `input` argument of `GroupNorm.forward`: the tensor, or the message when it does not fit. */
type GroupNormInput<InputShape extends Shape, Options extends GroupNormOptions> = GroupNormOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : GroupNormOutput<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * Group normalisation, PyTorch's `nn.GroupNorm`, typed: `forward(x)` takes `[N, C, *]`, splits
 * the `C` channels into `numGroups` groups and normalises each sample's group by its own
 * statistics, then `· weight[c] + bias[c]`. `numGroups` must divide `numChannels` (checked in
 * the constructor) and the input's channels; with `affine` (the default) the channels must be
 * `numChannels`. The same in training and eval.
 *
 * @example
 * ```ts
 * import { GroupNorm, tensor } from 'shapecheck';
 * const gn = new GroupNorm({ numGroups: 2, numChannels: 4, eps: 0 });
 * gn.forward(tensor([[1, 3, 4, 8]])).toArray();
 * //=> [[-1, 1, -1, 1]]
 * ```
 * @category Layers
 */
export class GroupNorm<const Options extends GroupNormOptions> extends ParameterizedLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'GroupNorm' as const;
  /** In the type only: the constructor's options argument as the compiler checked it. */
  declare readonly '~options': GroupNormOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  /** Added to the variance before the square root. */
  readonly eps: number;
  /** `[numChannels]`, ones; `null` with `affine: false`. */
  readonly weight: Options extends { readonly affine: false } ? null : Tensor<[Options['numChannels']]>;
  /** `[numChannels]`, zeros; `null` with `affine: false`. */
  readonly bias: Options extends { readonly affine: false } ? null : Tensor<[Options['numChannels']]>;

  /**
   * Literal counts that are not positive integers, a `numGroups` that does not divide
   * `numChannels`, or a negative `eps` are a compile error at `options`, in the runtime's words.
   *
   * @throws {TypeError | RangeError} for such options.
   */
  constructor(options: GroupNormOptionsArgument<Options>) {
    super();
    const { eps } = checkCommonOptions('GroupNorm', options, ['affine'], false);
    const o = options as Options;
    const groups = checkPositiveInteger('GroupNorm', 'numGroups', o.numGroups);
    const channels = checkPositiveInteger('GroupNorm', 'numChannels', o.numChannels);
    if (channels % groups !== 0) throw new RangeError(writeGroupNormOptionsMessage(groups, channels));
    this.options = o;
    this.eps = eps;
    const affine = o.affine ?? true;
    const [weight, bias] = this.declareParameters('GroupNorm', affineSpecs([channels], affine, affine));
    this.weight = weight as this['weight'];
    this.bias = bias as this['bias'];
  }

  /** The channel count the shape rule checks (`null` without `affine`). */
  #checked(): number | null {
    return this.options.affine ?? true ? this.options.numChannels : null;
  }

  /**
   * The shape rule, on numbers and names alike (the twin of the type `forward` computes):
   * names pass through; a named channel dim is compared with the symbolic engine (its
   * divisibility left to `forward`).
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return groupNormOutputShape(inputShape, this.options.numGroups, this.#checked());
  }

  /**
   * Applies the layer. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   * @throws {RangeError} when each group holds one value (PyTorch's words).
   */
  forward<InputShape extends Shape>(input: GroupNormInput<InputShape, Options>): TensorOf<GroupNormOutput<InputShape, Options>> {
    this.outputShape(checkTensor('GroupNorm', 'input', input).shape as readonly number[]);
    const call = groupNorm as unknown as (x: Tensor, groups: number, w: Tensor | null, b: Tensor | null, eps: number) => Tensor;
    return call(input as Tensor, this.options.numGroups, this.weight as Tensor | null, this.bias as Tensor | null, this.eps) as TensorOf<GroupNormOutput<InputShape, Options>>;
  }
}

// ---------------------------------------------------------------------------------------------
// InstanceNorm2d

/**
 * The options of `nn.InstanceNorm2d`, camelCased (PyTorch's defaults: no `affine`, no running statistics).
 *
 * @example
 * ```ts
 * import type { InstanceNorm2dOptions } from 'shapecheck';
 * const options: InstanceNorm2dOptions = { numFeatures: 64, affine: true };
 * ```
 * @category Layers
 */
export interface InstanceNorm2dOptions {
  /** The number of channels `C` of `[N, C, H, W]` or `[C, H, W]` input. */
  readonly numFeatures: number;
  /** Added to the variance before the square root. Default `1e-5`. */
  readonly eps?: number;
  /**
   * With `trackRunningStats`, in training the running statistics become
   * `(1 − momentum)·running + momentum·batch`; `null` is 0 (PyTorch 2: they do not move). Default 0.1.
   */
  readonly momentum?: number | null;
  /** Whether the layer has a per-channel `weight` (ones) and `bias` (zeros). Default false. */
  readonly affine?: boolean;
  /** Whether it keeps running statistics, updated in training and used in eval. Default false. */
  readonly trackRunningStats?: boolean;
}

/** The message of the first literal option that is wrong by itself, or `never`. */
type InstanceNormOptionsError<Options extends InstanceNorm2dOptions> =
  PositiveParam<'InstanceNorm2d', 'numFeatures', Options['numFeatures']> extends ErrorMessage<infer Message> ? Message : EpsError<'InstanceNorm2d', Options>;

/** The constructor's argument: the options, or the message when they are wrong by themselves. */
type InstanceNormOptionsArgument<Options extends InstanceNorm2dOptions> = [InstanceNormOptionsError<Options>] extends [never]
  ? Options
  : InstanceNormOptionsError<Options>;

/** The channel count the rule checks: `numFeatures` with weights or running statistics (PyTorch 2 checks them), else none. */
type InstanceNormChecked<Options extends InstanceNorm2dOptions> = Options extends { readonly affine: true } | { readonly trackRunningStats: true }
  ? Options['numFeatures']
  : number;

/**
 * The output shape of an `InstanceNorm2d` layer with these options (used by `Sequential`).
 *
 * @example
 * ```ts
 * import type { InstanceNorm2dOutput } from 'shapecheck';
 * type A = InstanceNorm2dOutput<[3, 'H', 'W'], { numFeatures: 3; affine: true }>;
 * //=> [3, 'H', 'W']
 * ```
 * @category Layers
 */
export type InstanceNorm2dOutput<InputShape extends Shape, Options extends InstanceNorm2dOptions> = InstanceNorm2dOutputShape<InputShape, InstanceNormChecked<Options>>;

/** The `input` argument of `InstanceNorm2d.forward`: the tensor, or the message when it does not fit. */
type InstanceNormInput<InputShape extends Shape, Options extends InstanceNorm2dOptions> = InstanceNormOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : InstanceNorm2dOutput<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * Instance normalisation, PyTorch's `nn.InstanceNorm2d`, typed: `forward(x)` takes `[N, C, H, W]`
 * or unbatched `[C, H, W]` and normalises each sample's channel by its own statistics. With
 * `affine` it has per-channel `weight` and `bias`; with `trackRunningStats` it keeps
 * `runningMean`/`runningVar` (and PyTorch's `numBatchesTracked`, which instance norm never
 * counts), updated in training with `momentum` and used in eval, as PyTorch does. Without either,
 * any channel count is accepted (as PyTorch, which only warns).
 *
 * @example
 * ```ts
 * import { InstanceNorm2d, tensor } from 'shapecheck';
 * const norm = new InstanceNorm2d({ numFeatures: 1, eps: 0 });
 * norm.forward(tensor([[[1, 3], [1, 3]]])).toArray();
 * //=> [[[-1, 1], [-1, 1]]]
 * ```
 * @category Layers
 */
export class InstanceNorm2d<const Options extends InstanceNorm2dOptions> extends ParameterizedLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'InstanceNorm2d' as const;
  /** In the type only: the constructor's options argument as the compiler checked it. */
  declare readonly '~options': InstanceNormOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  /** Added to the variance before the square root. */
  readonly eps: number;
  /** The running-statistics update factor in training (`null`: 0, as PyTorch 2). */
  readonly momentum: number | null;
  /** `[numFeatures]`, ones; `null` without `affine: true`. */
  readonly weight: Options extends { readonly affine: true } ? Tensor<[Options['numFeatures']]> : null;
  /** `[numFeatures]`, zeros; `null` without `affine: true`. */
  readonly bias: Options extends { readonly affine: true } ? Tensor<[Options['numFeatures']]> : null;
  /** `[numFeatures]`, zeros; `null` without `trackRunningStats: true`. */
  readonly runningMean: Options extends { readonly trackRunningStats: true } ? Tensor<[Options['numFeatures']]> : null;
  /** `[numFeatures]`, ones; `null` without `trackRunningStats: true`. */
  readonly runningVar: Options extends { readonly trackRunningStats: true } ? Tensor<[Options['numFeatures']]> : null;
  /** PyTorch's `num_batches_tracked` (0-d, stays 0: instance norm does not count); `null` without `trackRunningStats: true`. */
  readonly numBatchesTracked: Options extends { readonly trackRunningStats: true } ? Tensor<[]> : null;

  /**
   * A literal `numFeatures` that is not a positive integer or a negative `eps` is a compile error
   * at `options`, in the words the runtime throws.
   *
   * @throws {TypeError | RangeError} for such options.
   */
  constructor(options: InstanceNormOptionsArgument<Options>) {
    super();
    const { eps, momentum } = checkCommonOptions('InstanceNorm2d', options, ['affine', 'trackRunningStats'], true);
    const o = options as Options;
    const features = checkPositiveInteger('InstanceNorm2d', 'numFeatures', o.numFeatures);
    this.options = o;
    this.eps = eps;
    this.momentum = momentum;
    const affine = o.affine ?? false;
    const track = o.trackRunningStats ?? false;
    const [weight, bias] = this.declareParameters('InstanceNorm2d', affineSpecs([features], affine, affine));
    this.weight = weight as this['weight'];
    this.bias = bias as this['bias'];
    const [runningMean, runningVar, numBatchesTracked] = this.declareBuffers('InstanceNorm2d', runningStatsSpecs([features], track));
    this.runningMean = runningMean as this['runningMean'];
    this.runningVar = runningVar as this['runningVar'];
    this.numBatchesTracked = numBatchesTracked as this['numBatchesTracked'];
  }


  /** The channel count the shape rule checks (`null` without weights or running statistics). */
  #checked(): number | null {
    return (this.options.affine ?? false) || (this.options.trackRunningStats ?? false) ? this.options.numFeatures : null;
  }

  /**
   * The shape rule, on numbers and names alike (the twin of the type `forward` computes):
   * names pass through; a named channel dim is compared with the symbolic engine.
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return instanceNorm2dOutputShape(inputShape, this.#checked());
  }

  /**
   * Applies the layer. The input is not modified; with `trackRunningStats` in training the
   * running statistics are updated (after every check: a forward that throws changes nothing).
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   * @throws {RangeError} with the input's statistics, for one value per instance (PyTorch's words).
   */
  forward<InputShape extends Shape>(input: InstanceNormInput<InputShape, Options>): TensorOf<InstanceNorm2dOutput<InputShape, Options>> {
    this.outputShape(checkTensor('InstanceNorm2d', 'input', input).shape as readonly number[]);
    const call = instanceNorm as unknown as (
      x: Tensor,
      m: Tensor | null,
      v: Tensor | null,
      w: Tensor | null,
      b: Tensor | null,
      eps: number,
      options: { useInputStats: boolean; momentum: number },
    ) => Tensor;
    const runningMean = this.runningMean as Tensor | null;
    return call(input as Tensor, runningMean, this.runningVar as Tensor | null, this.weight as Tensor | null, this.bias as Tensor | null, this.eps, {
      useInputStats: this.training || runningMean === null,
      momentum: this.momentum ?? 0,
    }) as TensorOf<InstanceNorm2dOutput<InputShape, Options>>;
  }
}

// The shape rules `Sequential` looks up by kind (layer-rules.ts), issue 12. Each of these layers
// given other channels (or trailing dims) passes on the shape that reached it, as its data would.
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    LayerNorm: L extends { readonly options: infer Options extends LayerNormOptions } ? LayerNormOutput<S, Options> : never;
    GroupNorm: L extends { readonly options: infer Options extends GroupNormOptions } ? GroupNormOutput<S, Options> : never;
    InstanceNorm2d: L extends { readonly options: infer Options extends InstanceNorm2dOptions } ? InstanceNorm2dOutput<S, Options> : never;
  }
  interface LayerRecoveries<L, S extends Shape> {
    LayerNorm: number extends S['length'] ? number[] : S;
    GroupNorm: number extends S['length'] ? number[] : S['length'] extends 0 | 1 ? number[] : S;
    InstanceNorm2d: number extends S['length'] ? number[] : S['length'] extends 3 | 4 ? S : number[];
  }
}
