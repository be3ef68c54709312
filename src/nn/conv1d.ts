/**
 * `nn.Conv1d` (issue 12): the 2-D convolution with a height of 1, its own shape rule and messages.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { FloorDivide } from '../arithmetic/floor-divide.js';
import { convolve1d } from '../ops/conv1d.js';
import { conv1dShapeFromResolved, resolveConv1dOptions, type Conv1dOptions, type Conv1dOutputShape, type Conv1dParams } from '../shape/conv1d.js';
import type { ResolvedConv2dOptions } from '../shape/conv2d.js';
import type { Dim, Shape } from '../shape/shape.js';
import type { RandomOptions } from '../tensor/factories.js';
import { checkRandomOptions } from '../tensor/random.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { ParameterizedLayer } from './parameterized-layer.js';
import type { ReplaceAt } from './layer-rules.js';

type GroupsOf<Options> = Options extends { readonly groups: infer G extends number } ? G : 1;
type KernelOf<K> = K extends readonly [infer X extends number] ? X : K extends number ? K : number;

/**
 * The weight shape of `nn.Conv1d`: `[outChannels, inChannels / groups, k]`.
 *
 * @example
 * ```ts
 * import type { Conv1dWeightShape } from 'shapecheck';
 * type A = Conv1dWeightShape<{ inChannels: 8; outChannels: 16; kernelSize: 5; groups: 2 }>;
 * //=> [16, 4, 5]
 * ```
 * @category Layers
 */
export type Conv1dWeightShape<Options extends Conv1dOptions> = [
  Options['outChannels'],
  FloorDivide<Options['inChannels'], GroupsOf<Options>> extends infer In extends number ? In : number,
  KernelOf<Options['kernelSize']>,
];

type BiasOf<Options extends Conv1dOptions> = Options extends { readonly bias: false } ? null : Tensor<[Options['outChannels']]>;

type OptionsArgument<Options extends Conv1dOptions> = Conv1dParams<Options> extends ErrorMessage<infer Message> ? Message : Options;

type InputArgument<InputShape extends Shape, Options extends Conv1dOptions> = OptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : Conv1dOutputShape<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * A 1-D convolution layer, PyTorch's `nn.Conv1d`, typed: its weight is a
 * `Tensor<[outChannels, inChannels / groups, k]>`, and `forward(x)` on `[N, C, L]` or `[C, L]`
 * returns a tensor whose shape the compiler computed, or reports at `x` why it does not fit.
 * Parameters start as PyTorch's (uniform in ±1/√(inChannels/groups · k)) and require grad; it runs
 * on the 2-D kernels (height 1), so it is as fast and as differentiable as `Conv2d`.
 *
 * @example
 * ```ts
 * import { Conv1d, arange } from 'shapecheck';
 * const conv = new Conv1d({ inChannels: 1, outChannels: 1, kernelSize: 3, bias: false });
 * conv.weight.data.fill(1);
 * conv.forward(arange(5).reshape([1, 1, 5])).toArray();
 * //=> [[[3, 6, 9]]]
 * ```
 * @category Layers
 */
export class Conv1d<const Options extends Conv1dOptions> extends ParameterizedLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Conv1d' as const;
  /** In the type only: the constructor's options argument as the compiler checked it. */
  declare readonly '~options': OptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  /** `[outChannels, inChannels / groups, k]`. */
  readonly weight: Tensor<Conv1dWeightShape<Options>>;
  /** `[outChannels]`, or `null` when `bias: false`. */
  readonly bias: BiasOf<Options>;
  readonly #params: ResolvedConv2dOptions;

  /**
   * @throws {TypeError | RangeError} for invalid options (checked here, as PyTorch's constructor does).
   */
  constructor(options: OptionsArgument<Options>, init: RandomOptions = {}) {
    super();
    const params = resolveConv1dOptions(options as Conv1dOptions);
    checkRandomOptions('Conv1d', init);
    this.options = options as Options;
    this.#params = params;
    const k = params.kernelSize[1];
    const inPerGroup = params.inChannels / params.groups;
    const bias = params.bias ? [params.outChannels] : null;
    const [weight, biasTensor] = this.declareWeightAndBias('Conv1d', init.seed, [params.outChannels, inPerGroup, k], bias, inPerGroup * k);
    this.weight = weight as unknown as Tensor<Conv1dWeightShape<Options>>;
    this.bias = biasTensor as BiasOf<Options>;
  }

  /**
   * The shape rule, on numbers and names alike (the twin of the type `forward` computes).
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return conv1dShapeFromResolved(inputShape, this.#params);
  }

  /**
   * Applies the layer to `[N, C, L]` or unbatched `[C, L]` input. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: InputArgument<InputShape, Options>): TensorOf<Conv1dOutputShape<InputShape, Options>> {
    return convolve1d(input as Tensor, this.weight as Tensor, this.bias as Tensor | null, this.#params) as TensorOf<Conv1dOutputShape<InputShape, Options>>;
  }
}

// The shape rule `Sequential` looks up by kind (layer-rules.ts). A Conv1d given other channels
// still outputs its outChannels: the model goes on from the input it was written for.
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    Conv1d: L extends { readonly options: infer Options extends Conv1dOptions } ? Conv1dOutputShape<S, Options> : never;
  }
  interface LayerRecoveries<L, S extends Shape> {
    Conv1d: L extends { readonly options: infer Options extends Conv1dOptions & { readonly inChannels: number } }
      ? number extends S['length']
        ? number[]
        : S['length'] extends 2 | 3
          ? Conv1dOutputShape<ReplaceAt<S, S['length'] extends 3 ? 1 : 0, Options['inChannels']>, Options>
          : number[]
      : number[];
  }
}
