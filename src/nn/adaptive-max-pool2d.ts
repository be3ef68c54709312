import type { ErrorMessage } from '../arithmetic/error-message.js';
import { adaptiveMaxPool2dForward, type AdaptiveMaxPool2dResult } from '../ops/adaptive-max-pool2d.js';
import {
  adaptiveMaxPool2dOutputShape,
  resolveAdaptiveMaxOutputSize,
  writeReturnIndicesInModelMessage,
  type AdaptiveMaxPool2dOutputShape,
  type ReturnIndicesInModelMessage,
} from '../shape/adaptive-max-pool2d.js';
import type { AdaptiveOutputSize } from '../shape/norm.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Dim, Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import type { Tensor } from '../tensor/tensor.js';
import { ShapeRuleLayer } from './shape-rule-layer.js';

/**
 * The options of `AdaptiveMaxPool2d`: PyTorch's `output_size` and `return_indices`.
 *
 * @example
 * ```ts
 * import type { AdaptiveMaxPool2dOptions } from 'shapecheck';
 * const options = { outputSize: [7, null], returnIndices: true } as const satisfies AdaptiveMaxPool2dOptions;
 * ```
 * @category Layers
 */
export interface AdaptiveMaxPool2dOptions {
  /** The output's spatial size: one size for both dims, or `[height, width]` (`null` keeps that input dim). */
  readonly outputSize: AdaptiveOutputSize;
  /** Return `[output, indices]` (flat indices into each H×W plane). Default false. */
  readonly returnIndices?: boolean;
}

/** The constructor's options: the options, or the message when `outputSize` is invalid. */
type AdaptiveMaxOptionsArgument<Options extends AdaptiveMaxPool2dOptions> =
  AdaptiveMaxPool2dOutputShape<[1, 1, 1], Options['outputSize']> extends ErrorMessage<infer Message> ? Message : Options;

/** The `input` argument of `forward`: the tensor, or the message when it does not fit. */
type AdaptiveMaxInput<InputShape extends Shape, Options extends AdaptiveMaxPool2dOptions> = AdaptiveMaxOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : AdaptiveMaxPool2dOutputShape<InputShape, Options['outputSize']> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * Adaptive max pooling, PyTorch's `nn.AdaptiveMaxPool2d`: `[N, C, H, W]` or `[C, H, W]` to the
 * given spatial `outputSize` (`null` keeps that dim), typed, forward and backward (the gradient
 * goes to each bin's max). With `returnIndices: true`, `forward` returns `[output, indices]`
 * (indices flat into each H×W plane, as a Float32 tensor of integral values); such a layer is
 * called on its own, not added to a model.
 *
 * @example
 * ```ts
 * import { AdaptiveMaxPool2d, arange } from 'shapecheck';
 * const pool = new AdaptiveMaxPool2d({ outputSize: [1, null] });
 * pool.forward(arange(6).reshape([1, 1, 2, 3])).toArray();
 * //=> [[[[3, 4, 5]]]]
 * ```
 * @category Layers
 */
export class AdaptiveMaxPool2d<const Options extends AdaptiveMaxPool2dOptions> extends ShapeRuleLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'AdaptiveMaxPool2d' as const;
  /** In the type only: the options argument as the compiler checked it (see `MaxPool2d`). */
  declare readonly '~options': AdaptiveMaxOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;

  /** @throws {TypeError | RangeError} for an `outputSize` entry that is not a non-negative integer or `null`, or a `returnIndices` that is not a boolean. */
  constructor(options: AdaptiveMaxOptionsArgument<Options>) {
    super();
    const o = options as Options;
    if (typeof o !== 'object' || o === null) throw new TypeError('AdaptiveMaxPool2d: options must be an object');
    resolveAdaptiveMaxOutputSize(o.outputSize);
    if (o.returnIndices !== undefined && typeof o.returnIndices !== 'boolean') throw new TypeError(`AdaptiveMaxPool2d: returnIndices must be a boolean, got ${String(o.returnIndices)}`);
    this.options = o;
  }

  /**
   * The output shape, on sizes and on names (`'H'` kept by a `null` entry).
   *
   * @throws {ShapeError} when the input does not fit, or with `returnIndices` (a model cannot pass
   *   `[output, indices]` on; `adaptiveMaxPool2dOutputShape` gives their shape).
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    if (this.options.returnIndices) throw new ShapeError(writeReturnIndicesInModelMessage('AdaptiveMaxPool2d'));
    return adaptiveMaxPool2dOutputShape(inputShape, this.options.outputSize);
  }

  /**
   * Applies the layer. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   */
  forward<InputShape extends Shape>(
    input: AdaptiveMaxInput<InputShape, Options>,
  ): AdaptiveMaxPool2dResult<InputShape, Options['outputSize'], [Options] extends [never] ? false : Options['returnIndices'] extends true ? true : false> {
    const [output, indices] = adaptiveMaxPool2dForward(checkTensor('AdaptiveMaxPool2d', 'input', input), this.options.outputSize);
    return (this.options.returnIndices ? [output, indices] : output) as never;
  }
}

// The shape rules `Sequential` looks up by kind (layer-rules.ts); with returnIndices the layer
// returns two tensors, which a model cannot pass on.
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    AdaptiveMaxPool2d: L extends { readonly options: infer Options extends AdaptiveMaxPool2dOptions }
      ? Options['returnIndices'] extends true
        ? ErrorMessage<ReturnIndicesInModelMessage<'AdaptiveMaxPool2d'>>
        : AdaptiveMaxPool2dOutputShape<S, Options['outputSize']>
      : never;
  }
}
