import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { FloorDivide } from '../arithmetic/floor-divide.js';
import { convolve, convolveBackward, type Conv2dGradients } from '../ops/conv2d.js';
import { conv2dShapeFromResolved, resolveConv2dOptions, type Conv2dOptions, type Conv2dOutputShape, type Conv2dParams, type ResolvedConv2dOptions } from '../shape/conv2d.js';
import type { Dim, Shape } from '../shape/shape.js';
import type { RandomOptions } from '../tensor/factories.js';
import { checkRandomOptions } from '../tensor/random.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { ParameterizedLayer } from './parameterized-layer.js';
import type { ReplaceAt } from './layer-rules.js';

/** A pair option as `[height, width]`. */
type PairOf<Value> = Value extends readonly [infer H, infer W] ? [H, W] : [Value, Value];

/** Groups, default 1. */
type GroupsOf<Options> = Options extends { readonly groups: infer G extends number } ? G : 1;

/**
 * The weight shape of `nn.Conv2d`: `[outChannels, inChannels / groups, kH, kW]`.
 *
 * @example
 * ```ts
 * import type { Conv2dWeightShape } from 'shapecheck';
 * type A = Conv2dWeightShape<{ inChannels: 8; outChannels: 16; kernelSize: [3, 5]; groups: 2 }>;
 * //=> [16, 4, 3, 5]
 * ```
 * @category Layers
 */
export type Conv2dWeightShape<Options extends Conv2dOptions> = [
  Options['outChannels'],
  FloorDivide<Options['inChannels'], GroupsOf<Options>> extends infer In extends number ? In : number,
  ...(PairOf<Options['kernelSize']> extends [infer KH extends number, infer KW extends number] ? [KH, KW] : [number, number]),
];

/** The bias type: a tensor of `[outChannels]`, or `null` with `bias: false`. */
type BiasOf<Options extends Conv2dOptions> = Options extends { readonly bias: false } ? null : Tensor<[Options['outChannels']]>;

/**
 * The `input` argument of `forward`: the tensor, or the message when it does not fit the layer
 * (options wrong by themselves are reported at the constructor, not again here).
 */
type InputArgument<InputShape extends Shape, Options extends Conv2dOptions> = OptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : Conv2dOutputShape<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * The options argument of the constructor: the options, or the message when they are invalid on
 * their own (groups, `'same'` with a stride, ranges).
 */
type OptionsArgument<Options extends Conv2dOptions> = Conv2dParams<Options> extends ErrorMessage<infer Message> ? Message : Options;

/**
 * A 2-D convolution layer, PyTorch's `nn.Conv2d`, typed: its weight is a
 * `Tensor<[outChannels, inChannels / groups, kH, kW]>`, and `forward(x)` returns a tensor whose
 * shape the compiler computed, or reports at `x` why `x` does not fit the layer.
 *
 * Parameters start as PyTorch initialises them: weight and bias uniform in ±1/√fanIn,
 * `fanIn = inChannels / groups · kH · kW`, from the default generator (`manualSeed`) or a seed.
 * They require grad (as PyTorch's `nn.Parameter`), so `forward`'s output is differentiable with
 * respect to them (`loss.backward()` fills `conv.weight.grad`). Replace them in place with
 * `conv.weight.data.set(values)`.
 *
 * @example
 * ```ts
 * import { Conv2d, arange } from 'shapecheck';
 * const conv = new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 3, bias: false });
 * conv.weight.data.fill(1);
 * const y = conv.forward(arange(25).reshape([1, 1, 5, 5]));
 * y.toArray();
 * //=> [[[[54, 63, 72], [99, 108, 117], [144, 153, 162]]]]
 * ```
 * @category Layers
 */
export class Conv2d<const Options extends Conv2dOptions> extends ParameterizedLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Conv2d' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': OptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  /** `[outChannels, inChannels / groups, kH, kW]`. */
  readonly weight: Tensor<Conv2dWeightShape<Options>>;
  /** `[outChannels]`, or `null` when `bias: false`. */
  readonly bias: BiasOf<Options>;
  readonly #params: ResolvedConv2dOptions;

  /**
   * @throws {TypeError | RangeError} for invalid options (checked here, as PyTorch's constructor does).
   */
  constructor(options: OptionsArgument<Options>, init: RandomOptions = {}) {
    super();
    const params = resolveConv2dOptions(options as Conv2dOptions);
    checkRandomOptions('Conv2d', init);
    this.options = options as Options;
    this.#params = params;
    const [kh, kw] = params.kernelSize;
    const inPerGroup = params.inChannels / params.groups;
    const bias = params.bias ? [params.outChannels] : null;
    const [weight, biasTensor] = this.declareWeightAndBias('Conv2d', init.seed, [params.outChannels, inPerGroup, kh, kw], bias, inPerGroup * kh * kw);
    this.weight = weight as unknown as Tensor<Conv2dWeightShape<Options>>;
    this.bias = biasTensor as BiasOf<Options>;
  }

  /**
   * The shape rule, on numbers and names alike (the twin of the type `forward` computes).
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return conv2dShapeFromResolved(inputShape, this.#params);
  }

  /**
   * Applies the layer to `[N, C, H, W]` or unbatched `[C, H, W]` input. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: InputArgument<InputShape, Options>): TensorOf<Conv2dOutputShape<InputShape, Options>> {
    return convolve(input as Tensor, this.weight as Tensor, this.bias as Tensor | null, this.#params) as TensorOf<
      Conv2dOutputShape<InputShape, Options>
    >;
  }

  /**
   * The gradients for `gradOutput` (∂loss/∂output of `forward(input)`): `gradInput`, `gradWeight`,
   * and `gradBias` (`null` without bias), as PyTorch's autograd gives them.
   *
   * @throws {ShapeError} when the shapes do not fit.
   */
  backward<InputShape extends Shape>(
    input: InputArgument<InputShape, Options>,
    gradOutput: TensorOf<Conv2dOutputShape<InputShape, Options>>,
  ): Conv2dGradients<InputShape, Conv2dWeightShape<Options>, Options['outChannels']> {
    return convolveBackward(input as Tensor, this.weight as Tensor, gradOutput as Tensor, this.#params) as unknown as Conv2dGradients<
      InputShape,
      Conv2dWeightShape<Options>,
      Options['outChannels']
    >;
  }
}

// The shape rule `Sequential` looks up by kind (layer-rules.ts). A Conv2d given other channels
// still outputs its outChannels: the model goes on from the input it was written for.
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    Conv2d: L extends { readonly options: infer Options extends Conv2dOptions } ? Conv2dOutputShape<S, Options> : never;
  }
  interface LayerRecoveries<L, S extends Shape> {
    Conv2d: L extends { readonly options: infer Options extends Conv2dOptions & { readonly inChannels: number } }
      ? number extends S['length']
        ? number[]
        : S['length'] extends 3 | 4
          ? Conv2dOutputShape<ReplaceAt<S, S['length'] extends 4 ? 1 : 0, Options['inChannels']>, Options>
          : number[]
      : number[];
  }
}
