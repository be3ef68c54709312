/**
 * LayerNorm2d (issue 12): torchvision's `models.convnext.LayerNorm2d`, layer normalisation over
 * the channels of an `[N, C, H, W]` input (ConvNeXt's stem, downsampling layers and head).
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { layerNorm } from '../ops/norm-layers.js';
import { permute } from '../ops/reduce.js';
import { layerNorm2dOutputShape, type LayerNorm2dOutputShape } from '../shape/layer-norm2d.js';
import type { Dim, Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import type { Tensor, TensorOf } from '../tensor/tensor.js';
import { checkCommonOptions, type LayerNormOptionsArgument } from './norm-layers.js';
import { ParameterizedLayer, affineSpecs } from './parameterized-layer.js';
import { resolveNormalizedShape } from '../ops/norm-layers.js';

/**
 * The options of torchvision's `LayerNorm2d` (an `nn.LayerNorm`'s), camelCased: `normalizedShape`
 * is the number of channels.
 *
 * @example
 * ```ts
 * import type { LayerNorm2dOptions } from 'shapecheck';
 * const options: LayerNorm2dOptions = { normalizedShape: 96, eps: 1e-6 };
 * ```
 * @category Layers
 */
export interface LayerNorm2dOptions {
  /** The channels (dim 1) normalised over. */
  readonly normalizedShape: number;
  /** Added to the variance before the square root. Default `1e-5` (ConvNeXt uses `1e-6`). */
  readonly eps?: number;
  /** Whether the layer has `weight` (ones) and `bias` (zeros) of shape `[normalizedShape]`. Default true. */
  readonly elementwiseAffine?: boolean;
  /** With `elementwiseAffine`, whether it has `bias`. Default true. */
  readonly bias?: boolean;
}

/** The `input` argument of `LayerNorm2d.forward`: the tensor, or the message when it does not fit. */
type LayerNorm2dInput<InputShape extends Shape, Options extends LayerNorm2dOptions> =
  LayerNorm2dOutputShape<InputShape, Options['normalizedShape']> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/**
 * torchvision's `LayerNorm2d`: layer normalisation over the channels of `[N, C, H, W]`, each pixel
 * of each sample on its own, as `x.permute(0, 2, 3, 1)`, `F.layer_norm` over the last dim, and
 * `permute(0, 3, 1, 2)` back (which is what it runs, so ONNX export gives `Transpose`,
 * `LayerNormalization`, `Transpose`). `weight` and `bias` have shape `[C]` (`state_dict` keys
 * `weight`, `bias`). Options and their checks are `LayerNorm`'s; an input of other than 4 dims is
 * `permute`'s error, channels other than `normalizedShape` `layer_norm`'s (shown on the
 * channels-last shape, as PyTorch shows it). The same in training and eval.
 *
 * @example
 * ```ts
 * import { LayerNorm2d, tensor } from 'shapecheck';
 * const ln = new LayerNorm2d({ normalizedShape: 2, eps: 0 });
 * ln.forward(tensor([[[[1]], [[3]]]])).toArray();
 * //=> [[[[-1]], [[1]]]]
 * [...ln.stateDict().keys()];
 * //=> ['weight', 'bias']
 * ```
 * @category Layers
 */
export class LayerNorm2d<const Options extends LayerNorm2dOptions> extends ParameterizedLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'LayerNorm2d' as const;
  /** In the type only: the constructor's options argument as the compiler checked it. */
  declare readonly '~options': LayerNormOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  /** The channels normalised over. */
  readonly normalizedShape: number;
  /** Added to the variance before the square root. */
  readonly eps: number;
  /** `[C]`, ones; `null` with `elementwiseAffine: false`. */
  readonly weight: Options extends { readonly elementwiseAffine: false } ? null : Tensor<[Options['normalizedShape']]>;
  /** `[C]`, zeros; `null` with `elementwiseAffine: false` or `bias: false`. */
  readonly bias: Options extends { readonly elementwiseAffine: false } | { readonly bias: false } ? null : Tensor<[Options['normalizedShape']]>;

  /**
   * Options wrong by themselves (`normalizedShape` not a non-negative integer, a negative `eps`)
   * are a compile error at `options`, in `LayerNorm`'s words, which the runtime throws.
   *
   * @throws {TypeError | RangeError} for such options, or a `normalizedShape` that is a list.
   */
  constructor(options: LayerNormOptionsArgument<Options>) {
    super();
    const o = options as unknown as LayerNorm2dOptions;
    if (typeof o === 'object' && o !== null && typeof o.normalizedShape !== 'number') {
      throw new TypeError(`LayerNorm2d: normalizedShape must be the number of channels, got ${JSON.stringify(o.normalizedShape)}`);
    }
    // LayerNorm's checks, in its words: torchvision's LayerNorm2d is an nn.LayerNorm
    const { eps } = checkCommonOptions('LayerNorm', options, ['elementwiseAffine', 'bias'], false);
    const [channels] = resolveNormalizedShape(o.normalizedShape) as [number];
    this.options = o as Options;
    this.normalizedShape = channels;
    this.eps = eps;
    const affine = o.elementwiseAffine ?? true;
    const [weight, bias] = this.declareParameters('LayerNorm2d', affineSpecs([channels], affine, affine && (o.bias ?? true)));
    this.weight = weight as this['weight'];
    this.bias = bias as this['bias'];
  }

  /**
   * The output shape: the same (named channels are compared with `normalizedShape` as LayerNorm
   * compares them).
   *
   * @throws {ShapeError} for other than 4 dims, or channels other than `normalizedShape`.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return layerNorm2dOutputShape(inputShape, this.normalizedShape);
  }

  /**
   * Normalises each pixel's channels. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: LayerNorm2dInput<InputShape, Options>): TensorOf<InputShape> {
    const x = checkTensor('LayerNorm2d', 'input', input);
    layerNorm2dOutputShape(x.shape as readonly number[], this.normalizedShape);
    const move = permute as unknown as (x: Tensor, dims: readonly number[]) => Tensor;
    const norm = layerNorm as unknown as (x: Tensor, shape: readonly number[], w: Tensor | null, b: Tensor | null, eps: number) => Tensor;
    const last = norm(move(x, [0, 2, 3, 1]), [this.normalizedShape], this.weight as Tensor | null, this.bias as Tensor | null, this.eps);
    return move(last, [0, 3, 1, 2]) as TensorOf<InputShape>;
  }
}

// The shape rule `Sequential` looks up by kind (layer-rules.ts). A LayerNorm2d that does not fit
// passes on the shape that reached it, as its data would.
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    LayerNorm2d: L extends { readonly options: { readonly normalizedShape: infer C extends number } } ? LayerNorm2dOutputShape<S, C> : never;
  }
  interface LayerRecoveries<L, S extends Shape> {
    LayerNorm2d: S;
  }
}
