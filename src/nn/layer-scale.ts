/**
 * LayerScale (issue 12): ConvNeXt's `layer_scale * x` (Touvron et al.'s LayerScale), a learnt
 * scale broadcast against its input, which the block holding it owns as a parameter.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { mul } from '../ops/elementwise.js';
import { checkLayerScaleOptions, layerScaleOutputShape, type LayerScaleOutputShape } from '../shape/layer-scale.js';
import type { Dim, Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import type { Tensor, TensorOf } from '../tensor/tensor.js';
import { ParameterizedLayer, constant } from './parameterized-layer.js';

/**
 * LayerScale's options: the scale's shape (`[C, 1, 1]` for `[N, C, H, W]`, as torchvision's
 * ConvNeXt; `[C]` for channels last) and its initial value.
 *
 * @example
 * ```ts
 * import type { LayerScaleOptions } from 'shapecheck';
 * const options: LayerScaleOptions = { shape: [96, 1, 1], initValue: 1e-6 };
 * ```
 * @category Layers
 */
export interface LayerScaleOptions {
  /** The scale's shape, broadcast against the input (PyTorch's broadcasting). */
  readonly shape: readonly number[];
  /** Every element's initial value. Default `1e-6` (torchvision's ConvNeXt `layer_scale`). */
  readonly initValue?: number;
}

/** The `input` argument of `LayerScale.forward`: the tensor, or `mul`'s message when the scale does not broadcast against it. */
type LayerScaleInput<InputShape extends Shape, ScaleShape extends Shape> =
  LayerScaleOutputShape<InputShape, ScaleShape> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/**
 * A learnt scale, `weight * x` with PyTorch's broadcasting: torchvision's ConvNeXt block
 * (`CNBlock`) multiplies its path by `layer_scale`, a parameter of shape `[C, 1, 1]` set to 1e-6,
 * before stochastic depth and the residual sum. A scale that does not broadcast against the input
 * is `mul`'s error.
 *
 * Its parameter belongs to the block: on a `residual` or `mul` path, the block lists it as its own
 * parameter, named by the name the layer was added under and before the block's layers, as
 * PyTorch lists a module's own parameters (`add(new LayerScale(...), 'layer_scale')` in a residual
 * named `features.1.0` is `features.1.0.layer_scale`, torchvision's key). Elsewhere it is a layer
 * with a `weight`.
 *
 * @example
 * ```ts
 * import { LayerScale, ones } from 'shapecheck';
 * const scale = new LayerScale({ shape: [2, 1, 1], initValue: 0.5 });
 * scale.forward(ones([1, 2, 1, 2])).toArray();
 * //=> [[[[0.5, 0.5]], [[0.5, 0.5]]]]
 * ```
 * @category Layers
 */
export class LayerScale<const Options extends LayerScaleOptions = LayerScaleOptions> extends ParameterizedLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'LayerScale' as const;
  /** The options as given. */
  readonly options: Options;
  /** The scale, `initValue` everywhere; requires grad. */
  readonly weight: Tensor<[...Options['shape']]>;

  /** @throws {TypeError | RangeError} when `shape` is not a list of positive integers, or `initValue` not a finite number. */
  constructor(options: Options) {
    super();
    const { shape, initValue } = checkLayerScaleOptions(options);
    this.options = options;
    const [weight] = this.declareParameters('LayerScale', [{ name: 'weight', shape, init: constant(initValue) }]);
    this.weight = weight as unknown as Tensor<[...Options['shape']]>;
  }

  /** The tensor the block holding this layer owns as its own parameter, under this layer's name. */
  blockParameter(): Tensor {
    return this.weight as Tensor;
  }

  /**
   * The output shape: the scale's and the input's, broadcast.
   *
   * @throws {ShapeError} when they (provably, on names) do not broadcast (`mul`'s words).
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return layerScaleOutputShape(inputShape, this.weight.shape as readonly number[]);
  }

  /** `weight * x`. @throws {ShapeError} when they do not broadcast (the words the compiler shows). */
  forward<InputShape extends Shape>(input: LayerScaleInput<InputShape, [...Options['shape']]>): TensorOf<LayerScaleOutputShape<InputShape, [...Options['shape']]>> {
    const x = checkTensor('LayerScale', 'input', input);
    return (mul as unknown as (a: Tensor, b: Tensor) => Tensor)(this.weight as Tensor, x) as TensorOf<LayerScaleOutputShape<InputShape, [...Options['shape']]>>;
  }
}

// The shape rule `Sequential` looks up by kind (layer-rules.ts).
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    LayerScale: L extends { readonly options: { readonly shape: infer ScaleShape extends Shape } } ? LayerScaleOutputShape<S, [...ScaleShape]> : never;
  }
}
