import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { FloorDivide } from '../arithmetic/floor-divide.js';
import { convolveTransposed } from '../ops/conv-transpose2d.js';
import {
  convTranspose2dShapeFromResolved,
  resolveConvTranspose2dOptions,
  type ConvTranspose2dOptions,
  type ConvTranspose2dOutputShape,
  type ConvTranspose2dParams,
  type ResolvedConvTranspose2dOptions,
} from '../shape/conv-transpose2d.js';
import type { Dim, Shape } from '../shape/shape.js';
import type { RandomOptions } from '../tensor/factories.js';
import { checkRandomOptions } from '../tensor/random.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import type { ReplaceAt } from './layer-rules.js';
import { ParameterizedLayer } from './parameterized-layer.js';

/** A pair option as `[height, width]`. */
type PairOf<Value> = Value extends readonly [infer H, infer W] ? [H, W] : [Value, Value];

/** Groups, default 1. */
type GroupsOf<Options> = Options extends { readonly groups: infer G extends number } ? G : 1;

/**
 * The weight shape of `nn.ConvTranspose2d`: `[inChannels, outChannels / groups, kH, kW]`.
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dWeightShape } from 'shapecheck';
 * type A = ConvTranspose2dWeightShape<{ inChannels: 8; outChannels: 16; kernelSize: [3, 5]; groups: 2 }>;
 * //=> [8, 8, 3, 5]
 * ```
 * @category Layers
 */
export type ConvTranspose2dWeightShape<Options extends ConvTranspose2dOptions> = [
  Options['inChannels'],
  FloorDivide<Options['outChannels'], GroupsOf<Options>> extends infer Out extends number ? Out : number,
  ...(PairOf<Options['kernelSize']> extends [infer KH extends number, infer KW extends number] ? [KH, KW] : [number, number]),
];

/** The bias type: a tensor of `[outChannels]`, or `null` with `bias: false`. */
type BiasOf<Options extends ConvTranspose2dOptions> = Options extends { readonly bias: false } ? null : Tensor<[Options['outChannels']]>;

/** The options argument of the constructor: the options, or the message when they are invalid on their own. */
type OptionsArgument<Options extends ConvTranspose2dOptions> = ConvTranspose2dParams<Options> extends ErrorMessage<infer Message> ? Message : Options;

/** The `input` argument of `forward`: the tensor, or the message when it does not fit the layer. */
type InputArgument<InputShape extends Shape, Options extends ConvTranspose2dOptions> = OptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : ConvTranspose2dOutputShape<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/** The `outputSize` argument of `forward`: the sizes, or the message when they are not possible. */
type OutputSizeArgument<InputShape extends Shape, Options extends ConvTranspose2dOptions, OutputSize extends readonly number[] | undefined> = [
  OutputSize,
] extends [undefined]
  ? undefined
  : ConvTranspose2dOutputShape<InputShape, Options> extends ErrorMessage<string>
    ? OutputSize
    : ConvTranspose2dOutputShape<InputShape, Options, OutputSize> extends ErrorMessage<infer Message>
      ? Message
      : OutputSize;

/**
 * A 2-D transposed convolution layer ("deconvolution"), PyTorch's `nn.ConvTranspose2d`, typed:
 * its weight is a `Tensor<[inChannels, outChannels / groups, kH, kW]>`, and `forward(x)` returns
 * a tensor of `(in − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1` rows and
 * columns, computed by the compiler (`'2*H'` on a named size), or reports at `x` why `x` does not
 * fit. `forward(x, outputSize)` chooses the output padding (PyTorch's `output_size`).
 *
 * Parameters start as PyTorch initialises them: weight and bias uniform in ±1/√fanIn, where
 * `fanIn = weight.size(1) · kH · kW = outChannels / groups · kH · kW` (PyTorch's
 * `kaiming_uniform_(a=√5)` reads the fan-in from the weight's dim 1, which for a transposed
 * convolution is the output channels), from the default generator (`manualSeed`) or a seed.
 *
 * @example
 * ```ts
 * import { ConvTranspose2d, ones } from 'shapecheck';
 * const up = new ConvTranspose2d({ inChannels: 1, outChannels: 1, kernelSize: 2, stride: 2, bias: false });
 * up.weight.data.fill(1);
 * const y = up.forward(ones([1, 1, 2, 2]));
 * y.shape;
 * //=> [1, 1, 4, 4]
 * y.toArray()[0]![0]![0];
 * //=> [1, 1, 1, 1]
 * ```
 * @category Layers
 */
export class ConvTranspose2d<const Options extends ConvTranspose2dOptions> extends ParameterizedLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'ConvTranspose2d' as const;
  /** In the type only: the constructor's options argument as the compiler checked it. */
  declare readonly '~options': OptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  /** `[inChannels, outChannels / groups, kH, kW]`. */
  readonly weight: Tensor<ConvTranspose2dWeightShape<Options>>;
  /** `[outChannels]`, or `null` when `bias: false`. */
  readonly bias: BiasOf<Options>;
  readonly #params: ResolvedConvTranspose2dOptions;

  /**
   * @throws {TypeError | RangeError} for invalid options (checked here, as PyTorch's constructor
   *   does; the output padding too, which PyTorch checks at the first call).
   */
  constructor(options: OptionsArgument<Options>, init: RandomOptions = {}) {
    super();
    const params = resolveConvTranspose2dOptions(options as ConvTranspose2dOptions);
    checkRandomOptions('ConvTranspose2d', init);
    this.options = options as Options;
    this.#params = params;
    const [kh, kw] = params.kernelSize;
    const outPerGroup = params.outChannels / params.groups;
    const bias = params.bias ? [params.outChannels] : null;
    // PyTorch's fan-in is the weight's dim 1 times the kernel: the output channels per group here
    const [weight, biasTensor] = this.declareWeightAndBias('ConvTranspose2d', init.seed, [params.inChannels, outPerGroup, kh, kw], bias, outPerGroup * kh * kw);
    this.weight = weight as unknown as Tensor<ConvTranspose2dWeightShape<Options>>;
    this.bias = biasTensor as BiasOf<Options>;
  }

  /**
   * The output shape for an input shape (and an optional `outputSize`), at runtime.
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  override outputShape(inputShape: readonly number[], outputSize?: readonly number[]): number[] {
    return convTranspose2dShapeFromResolved(inputShape, this.#params, outputSize);
  }

  /**
   * The output shape for a shape whose dims may be names and expressions (and an optional
   * `outputSize`): the exact expressions the editor shows (`'H'` with stride 2 and kernel 4,
   * padding 1 gives `'2*H'`).
   *
   * @throws {ShapeError} when the input provably does not fit.
   */
  override symbolicOutputShape(inputShape: readonly Dim[], outputSize?: readonly Dim[]): Dim[] {
    return convTranspose2dShapeFromResolved(inputShape, this.#params, outputSize);
  }

  /** The shape rule without an `outputSize`. */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return convTranspose2dShapeFromResolved(inputShape, this.#params);
  }

  /**
   * Applies the layer to `[N, C, H, W]` or unbatched `[C, H, W]` input; `outputSize` (2 sizes, or
   * as many as the input has dims: the first ones are ignored, as PyTorch does) picks the output
   * padding in place of the `outputPadding` option. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer or `outputSize` is out of range.
   */
  forward<InputShape extends Shape, const OutputSize extends readonly number[] | undefined = undefined>(
    input: InputArgument<InputShape, Options>,
    outputSize?: OutputSizeArgument<InputShape, Options, OutputSize>,
  ): TensorOf<ConvTranspose2dOutputShape<InputShape, Options, OutputSize>> {
    return convolveTransposed(input as Tensor, this.weight as Tensor, this.bias as Tensor | null, this.#params, outputSize as readonly number[] | undefined) as TensorOf<
      ConvTranspose2dOutputShape<InputShape, Options, OutputSize>
    >;
  }
}

// ConvTranspose2d (issue 12): the shape rule `Sequential` looks up by kind (layer-rules.ts). A
// ConvTranspose2d given other channels still outputs its outChannels.
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    ConvTranspose2d: L extends { readonly options: infer Options extends ConvTranspose2dOptions } ? ConvTranspose2dOutputShape<S, Options> : never;
  }
  interface LayerRecoveries<L, S extends Shape> {
    ConvTranspose2d: L extends { readonly options: infer Options extends ConvTranspose2dOptions & { readonly inChannels: number } }
      ? number extends S['length']
        ? number[]
        : S['length'] extends 3 | 4
          ? ConvTranspose2dOutputShape<ReplaceAt<S, S['length'] extends 4 ? 1 : 0, Options['inChannels']>, Options>
          : number[]
      : number[];
  }
}
