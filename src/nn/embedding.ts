import type { ErrorMessage } from '../arithmetic/error-message.js';
import { embedding } from '../ops/embedding.js';
import { embeddingOutputShape, resolveEmbeddingOptions, type EmbeddingOptions, type EmbeddingOptionsError, type EmbeddingOutputShape } from '../shape/embedding.js';
import type { Dim, Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { generatorFor } from '../tensor/random.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { ParameterizedLayer } from './parameterized-layer.js';

/** The constructor's options: the options, or the message when they are invalid. */
type EmbeddingOptionsArgument<O extends EmbeddingOptions> = [EmbeddingOptionsError<O>] extends [never]
  ? O
  : EmbeddingOptionsError<O> extends ErrorMessage<infer Message>
    ? Message
    : O;

/**
 * The shape `forward` returns: `[...input, embeddingDim]`, or `never` (no tensor, no later error)
 * when the options are wrong by themselves (reported at the constructor).
 */
type EmbeddingForwardShape<InputShape extends Shape, O extends EmbeddingOptions> = [EmbeddingOptionsError<O>] extends [never]
  ? EmbeddingOutputShape<InputShape, O['embeddingDim']>
  : never;

/**
 * A lookup table, PyTorch's `nn.Embedding`: `forward(indices)` of any shape gives
 * `[...indices, embeddingDim]`, rows of `weight` (`[numEmbeddings, embeddingDim]`, N(0, 1), under
 * the state_dict key `weight`). Indices are a Float32 tensor of integral values (the package has
 * Float32 tensors only), checked to lie in `[0, numEmbeddings)`. The `paddingIdx` row starts at
 * zero and gets no gradient; `maxNorm` is not implemented and refused.
 *
 * @example
 * ```ts
 * import { Embedding, tensor } from 'shapecheck';
 * const embed = new Embedding({ numEmbeddings: 10, embeddingDim: 4, paddingIdx: 0 });
 * const y = embed.forward(tensor([[1, 2, 0], [4, 0, 9]]));
 * y.shape;
 * //=> [2, 3, 4]
 * y.toArray()[0]![2];
 * //=> [0, 0, 0, 0]
 * ```
 * @category Layers
 */
export class Embedding<const Options extends EmbeddingOptions> extends ParameterizedLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Embedding' as const;
  /** In the type only: the options argument as the compiler checked it (see `MaxPool2d`). */
  declare readonly '~options': EmbeddingOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  /** `[numEmbeddings, embeddingDim]`, learnable (PyTorch's `weight`). */
  readonly weight: Tensor<[Options['numEmbeddings'], Options['embeddingDim']]>;
  /** The padding row in `[0, numEmbeddings)`, or null. */
  readonly paddingIdx: number | null;

  /** @throws {TypeError | RangeError} for sizes that are not positive integers, a paddingIdx out of range, or a maxNorm. */
  constructor(options: EmbeddingOptionsArgument<Options>) {
    super();
    const o = options as Options;
    this.paddingIdx = resolveEmbeddingOptions(o);
    this.options = o;
    const generator = generatorFor(o.seed, 'Embedding');
    const padding = this.paddingIdx;
    // N(0, 1), the padding row zeroed (PyTorch's reset_parameters)
    const init = (values: Float32Array): void => {
      for (let i = 0; i < values.length; i++) values[i] = generator.normal();
      if (padding !== null) values.fill(0, padding * o.embeddingDim, (padding + 1) * o.embeddingDim);
    };
    const [weight] = this.declareParameters('Embedding', [{ name: 'weight', shape: [o.numEmbeddings, o.embeddingDim], init }]);
    this.weight = weight as Tensor<[Options['numEmbeddings'], Options['embeddingDim']]>;
  }

  /** The shape rule: `[...input, embeddingDim]` (`['batch', 'T']` to `['batch', 'T', embeddingDim]`). */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return embeddingOutputShape(inputShape, this.options.embeddingDim);
  }

  /**
   * Looks up each index's row.
   *
   * @throws {ShapeError} for an index out of range or not integral.
   */
  forward<InputShape extends Shape>(input: Tensor<InputShape>): TensorOf<EmbeddingForwardShape<InputShape, Options>> {
    const call = embedding as unknown as (x: Tensor, w: Tensor, p: number | null) => Tensor;
    return call(checkTensor('Embedding', 'input', input), this.weight as Tensor, this.paddingIdx) as TensorOf<EmbeddingForwardShape<InputShape, Options>>;
  }
}

// The shape rule `Sequential` looks up by kind (layer-rules.ts).
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    Embedding: L extends { readonly options: infer Options extends EmbeddingOptions } ? EmbeddingOutputShape<S, Options['embeddingDim']> : never;
  }
}
