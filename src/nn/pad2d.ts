import type { ErrorMessage } from '../arithmetic/error-message.js';
import { pad2dForward } from '../ops/pad2d.js';
import { pad2dOutputShape, resolvePad2dPadding, type Pad2dKind, type Pad2dOutputShape, type Pad2dPadding } from '../shape/pad2d.js';
import type { Dim, Shape } from '../shape/shape.js';
import type { Tensor, TensorOf } from '../tensor/tensor.js';
import { ShapeRuleLayer } from './shape-rule-layer.js';

/**
 * The options of the 2-D padding layers: `padding`, one integer for all four sides or
 * `[left, right, top, bottom]`.
 *
 * @example
 * ```ts
 * import type { Pad2dOptions } from 'shapecheck';
 * const options = { padding: [1, 1, 2, 0] } as const satisfies Pad2dOptions;
 * ```
 * @category Layers
 */
export interface Pad2dOptions {
  /** One integer for all four sides, or `[left, right, top, bottom]` (a list of another length is refused with the layer's message). */
  readonly padding: Pad2dPadding | readonly number[];
}

/** The constructor's options: the options, or the message when they are invalid on their own. */
type Pad2dOptionsArgument<Layer extends Pad2dKind, Options extends Pad2dOptions> =
  Pad2dOutputShape<[1, 'h', 'w'], Layer, Options['padding']> extends ErrorMessage<infer Message> ? Message : Options;

/** The `input` argument of `forward`: the tensor, or the message when it does not fit. */
type Pad2dInputArgument<Layer extends Pad2dKind, InputShape extends Shape, Options extends Pad2dOptions> =
  Pad2dOptionsArgument<Layer, Options> extends string
    ? Tensor<InputShape>
    : Pad2dOutputShape<InputShape, Layer, Options['padding']> extends ErrorMessage<infer Message>
      ? Message
      : Tensor<InputShape>;

/**
 * What the three 2-D padding layers share: their options, checked once in the constructor, the
 * runtime shape rules and the typed `forward`, each for the layer's own kind.
 *
 * @example
 * ```ts
 * import { Pad2dLayer, ZeroPad2d } from 'shapecheck';
 * new ZeroPad2d({ padding: 1 }) instanceof Pad2dLayer;
 * //=> true
 * ```
 * @category Layers
 */
export abstract class Pad2dLayer<Kind extends Pad2dKind, const Options extends Pad2dOptions> extends ShapeRuleLayer {
  /** The layer's kind, as summaries and messages name it. */
  abstract override readonly kind: Kind;
  /** In the type only: the options argument as the compiler checked it (see `MaxPool2d`). */
  declare readonly '~options': Pad2dOptionsArgument<Kind, Options>;
  /** The options as given. */
  readonly options: Options;
  /** The padding as `[left, right, top, bottom]`. */
  readonly padding: [number, number, number, number];

  /** @throws {TypeError} for options that are not an object, or a padding that is not an int or a 4-tuple of ints (negative ones only for `ZeroPad2d`). */
  protected constructor(kind: Kind, options: Pad2dOptionsArgument<Kind, Options>) {
    super();
    if (typeof options !== 'object' || options === null) throw new TypeError(`${kind}: options must be an object`);
    this.padding = resolvePad2dPadding(kind, (options as Pad2dOptions).padding);
    this.options = options as Options;
  }

  /**
   * The output shape, on sizes and on names: `'H'` padded by 1 and 2 is `'H+3'`.
   *
   * @throws {ShapeError} when the input (provably, on names) does not fit the layer.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return pad2dOutputShape(inputShape, this.kind, this.padding);
  }

  /**
   * Applies the layer (`ZeroPad2d`: any input of at least 2 dims; the others: 3-D or 4-D). The
   * input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: Pad2dInputArgument<Kind, InputShape, Options>): TensorOf<Pad2dOutputShape<InputShape, Kind, Options['padding']>> {
    return pad2dForward(this.kind, input as Tensor, this.padding) as unknown as TensorOf<Pad2dOutputShape<InputShape, Kind, Options['padding']>>;
  }
}

/**
 * Zero padding of the last two dims, PyTorch's `nn.ZeroPad2d`: `padding` is one integer or
 * `[left, right, top, bottom]`; negative pads crop. Typed on literal dims and names (`'H'` padded
 * by 1 and 2 is `'H+3'`), forward and backward.
 *
 * @example
 * ```ts
 * import { ZeroPad2d, arange } from 'shapecheck';
 * const layer = new ZeroPad2d({ padding: [1, 0, 0, 0] });
 * layer.forward(arange(4).reshape([1, 2, 2])).toArray();
 * //=> [[[0, 0, 1], [0, 2, 3]]]
 * ```
 * @category Layers
 */
export class ZeroPad2d<const Options extends Pad2dOptions> extends Pad2dLayer<'ZeroPad2d', Options> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'ZeroPad2d' as const;

  /** @throws {TypeError} for a padding that is not an int or a 4-tuple of ints. */
  constructor(options: Pad2dOptionsArgument<'ZeroPad2d', Options>) {
    super('ZeroPad2d', options);
  }
}

/**
 * Reflection padding (a mirror without the edge) of the last two dims, PyTorch's
 * `nn.ReflectionPad2d`: `padding` is one non-negative integer or `[left, right, top, bottom]`,
 * each pad smaller than the dim it pads. Typed on literal dims and names, forward and backward; a
 * pad on a named dim is checked when the name has a size (as Conv2d's `'reflect'`).
 *
 * @example
 * ```ts
 * import { ReflectionPad2d, arange } from 'shapecheck';
 * const layer = new ReflectionPad2d({ padding: [1, 0, 0, 0] });
 * layer.forward(arange(4).reshape([1, 2, 2])).toArray();
 * //=> [[[1, 0, 1], [3, 2, 3]]]
 * ```
 * @category Layers
 */
export class ReflectionPad2d<const Options extends Pad2dOptions> extends Pad2dLayer<'ReflectionPad2d', Options> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'ReflectionPad2d' as const;

  /** @throws {TypeError} for a padding that is not an int or a 4-tuple of ints (or a negative one). */
  constructor(options: Pad2dOptionsArgument<'ReflectionPad2d', Options>) {
    super('ReflectionPad2d', options);
  }
}

/**
 * Replication padding (a repeat of the edge) of the last two dims, PyTorch's
 * `nn.ReplicationPad2d`: `padding` is one non-negative integer or `[left, right, top, bottom]`.
 * Typed on literal dims and names, forward and backward.
 *
 * @example
 * ```ts
 * import { ReplicationPad2d, arange } from 'shapecheck';
 * const layer = new ReplicationPad2d({ padding: [1, 0, 0, 0] });
 * layer.forward(arange(4).reshape([1, 2, 2])).toArray();
 * //=> [[[0, 0, 1], [2, 2, 3]]]
 * ```
 * @category Layers
 */
export class ReplicationPad2d<const Options extends Pad2dOptions> extends Pad2dLayer<'ReplicationPad2d', Options> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'ReplicationPad2d' as const;

  /** @throws {TypeError} for a padding that is not an int or a 4-tuple of ints (or a negative one). */
  constructor(options: Pad2dOptionsArgument<'ReplicationPad2d', Options>) {
    super('ReplicationPad2d', options);
  }
}

// The shape rules `Sequential` looks up by kind (layer-rules.ts).
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    ZeroPad2d: L extends { readonly options: infer Options extends Pad2dOptions } ? Pad2dOutputShape<S, 'ZeroPad2d', Options['padding']> : never;
    ReflectionPad2d: L extends { readonly options: infer Options extends Pad2dOptions } ? Pad2dOutputShape<S, 'ReflectionPad2d', Options['padding']> : never;
    ReplicationPad2d: L extends { readonly options: infer Options extends Pad2dOptions } ? Pad2dOutputShape<S, 'ReplicationPad2d', Options['padding']> : never;
  }
}
