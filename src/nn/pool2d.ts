import type { ErrorMessage } from '../arithmetic/error-message.js';
import { avgPoolForward, checkReturnIndices, maxPoolWithIndices, type MaxPool2dResult } from '../ops/pool2d.js';
import { writeReturnIndicesInModelMessage, type ReturnIndicesInModelMessage } from '../shape/adaptive-max-pool2d.js';
import { ShapeError } from '../shape/shape-error.js';
import {
  pool2dShapeFromResolved,
  resolvePool2dOptions,
  type AvgPool2dOptions,
  type AvgPool2dOutputShape,
  type MaxPool2dOptions,
  type MaxPool2dOutputShape,
  type ResolvedPool2dOptions,
} from '../shape/pool2d.js';
import { pool1dShapeFromResolved, resolvePool1dOptions, type MaxPool1dOptions } from '../shape/pool1d.js';
import type { Dim, Shape } from '../shape/shape.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { ShapeRuleLayer } from './shape-rule-layer.js';

/**
 * The `input` argument of `MaxPool2d.forward`: the tensor, or the message when it does not fit
 * (options wrong by themselves are reported at the constructor, not again here).
 */
type MaxInputArgument<InputShape extends Shape, Options extends MaxPool2dOptions> = MaxOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : MaxPool2dOutputShape<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * The `input` argument of `AvgPool2d.forward`: the tensor, or the message when it does not fit
 * (options wrong by themselves are reported at the constructor, not again here).
 */
type AvgInputArgument<InputShape extends Shape, Options extends AvgPool2dOptions> = AvgOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : AvgPool2dOutputShape<InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/** The constructor's options: the options, or the message when they are invalid on their own. */
type MaxOptionsArgument<Options extends MaxPool2dOptions> =
  MaxPool2dOutputShape<[1, 'h', 'w'], Options> extends ErrorMessage<infer Message> ? Message : Options;

/** The constructor's options: the options, or the message when they are invalid on their own. */
type AvgOptionsArgument<Options extends AvgPool2dOptions> =
  AvgPool2dOutputShape<[1, 'h', 'w'], Options> extends ErrorMessage<infer Message> ? Message : Options;

/** The max and average pools, 2-D and 1-D, by the name their messages give. */
type PoolKind = 'MaxPool2d' | 'AvgPool2d' | 'MaxPool1d' | 'AvgPool1d';

/**
 * What the max and average pools share, 2-D and 1-D (the 1-D ones run on the 2-D kernels with a
 * height of 1): the options resolved in the constructor (PyTorch's checks and messages, one
 * `resolvePoolOptions` for all four) and kept for the shape rule and the op; each subclass adds
 * its kind, its options' type and its typed `forward`.
 * @internal
 */
export abstract class PoolLayer extends ShapeRuleLayer {
  /** The layer's name in messages. */
  readonly #kind: PoolKind;
  /** The options, resolved as the 2-D kernels run them. */
  readonly #params: ResolvedPool2dOptions;

  /** @throws {TypeError | RangeError} for invalid options (PyTorch's messages). */
  constructor(kind: PoolKind, options: unknown) {
    super();
    this.#params = kind === 'MaxPool1d' || kind === 'AvgPool1d' ? resolvePool1dOptions(kind, options as MaxPool1dOptions) : resolvePool2dOptions(kind, options as MaxPool2dOptions);
    this.#kind = kind;
  }

  /** The options, resolved as the 2-D kernels run them. */
  protected get params(): ResolvedPool2dOptions {
    return this.#params;
  }

  /** The shape rule with these options (`'L'` gives `'L//2'` for a kernel of 2). */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    const kind = this.#kind;
    return kind === 'MaxPool1d' || kind === 'AvgPool1d' ? pool1dShapeFromResolved(kind, inputShape, this.#params) : pool2dShapeFromResolved(inputShape, this.#params);
  }
}

/**
 * A 2-D max pooling layer, PyTorch's `nn.MaxPool2d` (forward), typed: `forward(x)` returns a
 * tensor whose shape the compiler computed, or reports at `x` why `x` does not fit the layer.
 * Options are checked by the constructor (and by the compiler) with the same messages.
 *
 * @example
 * ```ts
 * import { MaxPool2d, arange } from 'shapecheck';
 * const pool = new MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 });
 * const y = pool.forward(arange(16).reshape([1, 1, 4, 4]));
 * y.toArray();
 * //=> [[[[5, 7], [13, 15]]]]
 * ```
 * @category Layers
 */
export class MaxPool2d<const Options extends MaxPool2dOptions> extends PoolLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'MaxPool2d' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': MaxOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;

  /**
   * @throws {TypeError | RangeError} for invalid options (checked here, as PyTorch's functional call would).
   */
  constructor(options: MaxOptionsArgument<Options>) {
    super('MaxPool2d', options);
    this.#returnIndices = checkReturnIndices('MaxPool2d', (options as MaxPool2dOptions).returnIndices);
    this.options = options as Options;
  }
  readonly #returnIndices: boolean;

  /** The shape rule with these options (none with `returnIndices`: its output cannot go on in a model). */
  protected override shapeRule(inputShape: readonly Dim[]): Dim[] {
    // issue 12, layers-misc: [output, indices] cannot go on in a model
    if (this.#returnIndices) throw new ShapeError(writeReturnIndicesInModelMessage('MaxPool2d'));
    return super.shapeRule(inputShape);
  }

  /**
   * Applies the layer to `[N, C, H, W]` or unbatched `[C, H, W]` input. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: MaxInputArgument<InputShape, Options>): MaxPool2dResult<InputShape, Options> {
    const [output, indices] = maxPoolWithIndices(input as Tensor, this.params);
    return (this.#returnIndices ? [output, indices] : output) as MaxPool2dResult<InputShape, Options>;
  }
}

/**
 * A 2-D average pooling layer, PyTorch's `nn.AvgPool2d` (forward), typed: `forward(x)` returns a
 * tensor whose shape the compiler computed, or reports at `x` why `x` does not fit the layer.
 * Options are checked by the constructor (and by the compiler) with the same messages.
 *
 * @example
 * ```ts
 * import { AvgPool2d, ones } from 'shapecheck';
 * const pool = new AvgPool2d({ kernelSize: 2, padding: 1 });
 * const y = pool.forward(ones([1, 2, 2]));
 * y.toArray();
 * //=> [[[0.25, 0.25], [0.25, 0.25]]]
 * ```
 * @category Layers
 */
export class AvgPool2d<const Options extends AvgPool2dOptions> extends PoolLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'AvgPool2d' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': AvgOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;

  /**
   * @throws {TypeError | RangeError} for invalid options (checked here, as PyTorch's functional call would).
   */
  constructor(options: AvgOptionsArgument<Options>) {
    super('AvgPool2d', options);
    this.options = options as Options;
  }

  /**
   * Applies the layer to `[N, C, H, W]` or unbatched `[C, H, W]` input. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: AvgInputArgument<InputShape, Options>): TensorOf<AvgPool2dOutputShape<InputShape, Options>> {
    return avgPoolForward(input as Tensor, this.params) as TensorOf<AvgPool2dOutputShape<InputShape, Options>>;
  }
}

// The shape rules `Sequential` looks up by kind (layer-rules.ts).
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    MaxPool2d: L extends { readonly options: infer Options extends MaxPool2dOptions }
      ? Options['returnIndices'] extends true // issue 12, layers-misc: [output, indices] cannot go on in a model
        ? ErrorMessage<ReturnIndicesInModelMessage<'MaxPool2d'>>
        : MaxPool2dOutputShape<S, Options>
      : never;
    AvgPool2d: L extends { readonly options: infer Options extends AvgPool2dOptions } ? AvgPool2dOutputShape<S, Options> : never;
  }
}
