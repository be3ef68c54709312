import type { ErrorMessage } from '../arithmetic/error-message.js';
import { maxUnpool2dForward } from '../ops/max-unpool2d.js';
import {
  maxUnpool2dOutputShape,
  resolveMaxUnpool2dOptions,
  type MaxUnpool2dOptions,
  type MaxUnpool2dOutputShape,
  type MaxUnpoolOptionsError,
  type ResolvedMaxUnpool2dOptions,
} from '../shape/max-unpool2d.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Dim, Shape } from '../shape/shape.js';
import type { Tensor, TensorOf } from '../tensor/tensor.js';

/** The constructor's options: the options, or the message when they are invalid. */
type UnpoolOptionsArgument<O extends MaxUnpool2dOptions> = [MaxUnpoolOptionsError<O>] extends [never] ? O : MaxUnpoolOptionsError<O> extends ErrorMessage<infer Message> ? Message : O;
/** An argument of `forward`: the value, or the message when the call up to it does not fit. */
type UnpoolArgument<Value, S extends Shape, O extends MaxUnpool2dOptions, IS extends Shape, Given extends readonly number[] | undefined> =
  UnpoolOptionsArgument<O> extends string ? Value : MaxUnpool2dOutputShape<S, O, IS, Given> extends ErrorMessage<infer Message> ? Message : Value;

/**
 * A layer in a model is given one tensor; `MaxUnpool2d` needs the pooling's indices too.
 *
 * @example
 * ```ts
 * import type { MaxUnpoolInModelMessage } from 'shapecheck';
 * type M = MaxUnpoolInModelMessage;
 * //=> 'MaxUnpool2d: forward takes the input and the indices of a MaxPool2d, and a model passes one tensor; call the layer yourself'
 * ```
 * @category Messages
 */
export type MaxUnpoolInModelMessage = 'MaxUnpool2d: forward takes the input and the indices of a MaxPool2d, and a model passes one tensor; call the layer yourself';
const MAX_UNPOOL_IN_MODEL: MaxUnpoolInModelMessage = 'MaxUnpool2d: forward takes the input and the indices of a MaxPool2d, and a model passes one tensor; call the layer yourself';

/**
 * Max unpooling, PyTorch's `nn.MaxUnpool2d`: `forward(input, indices, outputSize?)` puts each
 * value back at its index (from `MaxPool2d({ returnIndices: true })`) in a zeroed output of
 * `(H − 1)·stride − 2·padding + kernelSize` (on names: `'H'` with kernel 2 is `'2*H'`) or the given
 * `outputSize`. Typed, forward and backward; called on its own, not in a model (it needs two
 * tensors).
 *
 * @example
 * ```ts
 * import { MaxPool2d, MaxUnpool2d, arange } from 'shapecheck';
 * const pool = new MaxPool2d({ kernelSize: 2, returnIndices: true });
 * const unpool = new MaxUnpool2d({ kernelSize: 2 });
 * const [y, indices] = pool.forward(arange(16).reshape([1, 1, 4, 4]));
 * unpool.forward(y, indices, [1, 1, 5, 5]).shape;
 * //=> [1, 1, 5, 5]
 * ```
 * @category Layers
 */
export class MaxUnpool2d<const Options extends MaxUnpool2dOptions> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'MaxUnpool2d' as const;
  /** In the type only: the options argument as the compiler checked it (see `MaxPool2d`). */
  declare readonly '~options': UnpoolOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  readonly #params: ResolvedMaxUnpool2dOptions;

  /** @throws {TypeError} for a kernelSize or stride that is not a positive integer (or a pair), or a negative padding. */
  constructor(options: UnpoolOptionsArgument<Options>) {
    this.#params = resolveMaxUnpool2dOptions(options as MaxUnpool2dOptions);
    this.options = options as Options;
  }

  /** None: the layer has no parameters. */
  namedParameters(): [string, Tensor][] {
    return [];
  }

  /** None: the layer has no parameters. */
  parameters(): Tensor[] {
    return [];
  }

  /**
   * The output shape for an input shape (indices of the same shape, no `outputSize`), at runtime.
   *
   * @throws {ShapeError} when the input does not fit.
   */
  outputShape(inputShape: readonly number[]): number[] {
    return maxUnpool2dOutputShape(inputShape, this.#params);
  }

  /**
   * In a model: refused, as the types refuse it (the layer needs the indices too).
   *
   * @throws {ShapeError} always: a model passes one tensor.
   */
  symbolicOutputShape(_inputShape: readonly Dim[]): Dim[] {
    throw new ShapeError(MAX_UNPOOL_IN_MODEL);
  }

  /**
   * Unpools `input` with the pooling's `indices` (same shape) to the default size or `outputSize`.
   *
   * @throws {ShapeError} when the shapes do not fit or an index is outside the output plane.
   */
  forward<S extends Shape, IS extends Shape, const Given extends readonly number[] | undefined = undefined>(
    input: UnpoolArgument<Tensor<S>, S, Options, S, undefined>,
    indices: UnpoolArgument<Tensor<IS>, S, Options, IS, undefined>,
    outputSize?: UnpoolArgument<Given, S, Options, IS, Given>,
  ): TensorOf<MaxUnpool2dOutputShape<S, Options, IS, Given>> {
    return maxUnpool2dForward(input as Tensor, indices as Tensor, this.#params, outputSize as readonly number[] | undefined) as TensorOf<MaxUnpool2dOutputShape<S, Options, IS, Given>>;
  }
}

// The shape rules `Sequential` looks up by kind (layer-rules.ts): a model cannot give it indices.
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    MaxUnpool2d: ErrorMessage<MaxUnpoolInModelMessage>;
  }
}
