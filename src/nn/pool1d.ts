/**
 * `nn.MaxPool1d`, `nn.AvgPool1d` and `nn.AdaptiveAvgPool1d` (issue 12), on the 2-D kernels with a
 * height of 1, with their own shape rules and messages.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { adaptiveAvgPool1d, pool1d } from '../ops/pool1d.js';
import {
  adaptiveAvgPool1dOutputShape,
  checkAdaptivePool1dOutputSize,
  type AdaptiveAvgPool1dOutputShape,
  type AvgPool1dOptions,
  type AvgPool1dOutputShape,
  type MaxPool1dOptions,
  type MaxPool1dOutputShape,
} from '../shape/pool1d.js';
import type { Dim, Shape } from '../shape/shape.js';
import type { Tensor, TensorOf } from '../tensor/tensor.js';
import { PoolLayer } from './pool2d.js';
import { ShapeRuleLayer } from './shape-rule-layer.js';

type MaxOptionsArgument<Options extends MaxPool1dOptions> = MaxPool1dOutputShape<[1, 'l'], Options> extends ErrorMessage<infer Message> ? Message : Options;
type AvgOptionsArgument<Options extends AvgPool1dOptions> = AvgPool1dOutputShape<[1, 'l'], Options> extends ErrorMessage<infer Message> ? Message : Options;
type MaxInputArgument<InputShape extends Shape, Options extends MaxPool1dOptions> = MaxOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : MaxPool1dOutputShape<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;
type AvgInputArgument<InputShape extends Shape, Options extends AvgPool1dOptions> = AvgOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : AvgPool1dOutputShape<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * 1-D max pooling, PyTorch's `nn.MaxPool1d`: `[N, C, L]` or `[C, L]`, output length computed by the
 * compiler (`ceilMode` included).
 *
 * @example
 * ```ts
 * import { MaxPool1d, arange } from 'shapecheck';
 * new MaxPool1d({ kernelSize: 3, stride: 2, padding: 1 }).forward(arange(6).reshape([1, 1, 6])).toArray();
 * //=> [[[1, 3, 5]]]
 * ```
 * @category Layers
 */
export class MaxPool1d<const Options extends MaxPool1dOptions> extends PoolLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'MaxPool1d' as const;
  /** In the type only: the constructor's options argument as the compiler checked it. */
  declare readonly '~options': MaxOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;

  /** @throws {TypeError | RangeError} for invalid options (PyTorch's messages). */
  constructor(options: MaxOptionsArgument<Options>) {
    super('MaxPool1d', options);
    this.options = options as Options;
  }

  /**
   * Applies the layer; the input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  forward<InputShape extends Shape>(input: MaxInputArgument<InputShape, Options>): TensorOf<MaxPool1dOutputShape<InputShape, Options>> {
    return pool1d('MaxPool1d', input as Tensor, this.params) as TensorOf<MaxPool1dOutputShape<InputShape, Options>>;
  }
}

/**
 * 1-D average pooling, PyTorch's `nn.AvgPool1d`: `[N, C, L]` or `[C, L]`, with `countIncludePad`.
 *
 * @example
 * ```ts
 * import { AvgPool1d, arange } from 'shapecheck';
 * new AvgPool1d({ kernelSize: 2, padding: 1, countIncludePad: false }).forward(arange(4).reshape([1, 4])).toArray();
 * //=> [[0, 1.5, 3]]
 * ```
 * @category Layers
 */
export class AvgPool1d<const Options extends AvgPool1dOptions> extends PoolLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'AvgPool1d' as const;
  /** In the type only: the constructor's options argument as the compiler checked it. */
  declare readonly '~options': AvgOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;

  /** @throws {TypeError | RangeError} for invalid options (PyTorch's messages). */
  constructor(options: AvgOptionsArgument<Options>) {
    super('AvgPool1d', options);
    this.options = options as Options;
  }

  /**
   * Applies the layer; the input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  forward<InputShape extends Shape>(input: AvgInputArgument<InputShape, Options>): TensorOf<AvgPool1dOutputShape<InputShape, Options>> {
    return pool1d('AvgPool1d', input as Tensor, this.params) as TensorOf<AvgPool1dOutputShape<InputShape, Options>>;
  }
}

/**
 * The options of `nn.AdaptiveAvgPool1d`.
 *
 * @example
 * ```ts
 * import type { AdaptiveAvgPool1dOptions } from 'shapecheck';
 * const options: AdaptiveAvgPool1dOptions = { outputSize: 1 };
 * ```
 * @category Layers
 */
export interface AdaptiveAvgPool1dOptions {
  /** The output length. */
  readonly outputSize: number;
}

type AdaptiveOptionsArgument<Options extends AdaptiveAvgPool1dOptions> =
  AdaptiveAvgPool1dOutputShape<[1, 1], Options['outputSize']> extends ErrorMessage<infer Message> ? Message : Options;
type AdaptiveInput<InputShape extends Shape, Options extends AdaptiveAvgPool1dOptions> = AdaptiveOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : AdaptiveAvgPool1dOutputShape<InputShape, Options['outputSize']> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * 1-D adaptive average pooling, PyTorch's `nn.AdaptiveAvgPool1d`: `[N, C, L]` or `[C, L]` to
 * `[..., C, outputSize]` for any length.
 *
 * @example
 * ```ts
 * import { AdaptiveAvgPool1d, arange } from 'shapecheck';
 * new AdaptiveAvgPool1d({ outputSize: 1 }).forward(arange(6).reshape([2, 3])).toArray();
 * //=> [[1], [4]]
 * ```
 * @category Layers
 */
export class AdaptiveAvgPool1d<const Options extends AdaptiveAvgPool1dOptions> extends ShapeRuleLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'AdaptiveAvgPool1d' as const;
  /** In the type only: the constructor's options argument as the compiler checked it. */
  declare readonly '~options': AdaptiveOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;

  /** @throws {TypeError | RangeError} for a bad `outputSize`. */
  constructor(options: AdaptiveOptionsArgument<Options>) {
    super();
    const o = options as Options;
    if (typeof o !== 'object' || o === null) throw new TypeError('AdaptiveAvgPool1d: options must be an object');
    checkAdaptivePool1dOutputSize(o.outputSize);
    this.options = o;
  }

  /** The shape rule with this `outputSize`. */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return adaptiveAvgPool1dOutputShape(inputShape, this.options.outputSize);
  }

  /**
   * Applies the layer; the input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  forward<InputShape extends Shape>(input: AdaptiveInput<InputShape, Options>): TensorOf<AdaptiveAvgPool1dOutputShape<InputShape, Options['outputSize']>> {
    const call = adaptiveAvgPool1d as unknown as (x: Tensor, size: number) => Tensor;
    return call(input as Tensor, this.options.outputSize) as TensorOf<AdaptiveAvgPool1dOutputShape<InputShape, Options['outputSize']>>;
  }
}

// The shape rules `Sequential` looks up by kind (layer-rules.ts).
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    MaxPool1d: L extends { readonly options: infer Options extends MaxPool1dOptions } ? MaxPool1dOutputShape<S, Options> : never;
    AvgPool1d: L extends { readonly options: infer Options extends AvgPool1dOptions } ? AvgPool1dOutputShape<S, Options> : never;
    AdaptiveAvgPool1d: L extends { readonly options: infer Options extends AdaptiveAvgPool1dOptions } ? AdaptiveAvgPool1dOutputShape<S, Options['outputSize']> : never;
  }
}
