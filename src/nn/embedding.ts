import type { ErrorMessage } from '../arithmetic/error-message.js';
import { embedding } from '../ops/embedding.js';
import { embeddingOutputShape, resolveEmbeddingOptions, type EmbeddingOptions, type EmbeddingOptionsError, type EmbeddingOutputShape } from '../shape/embedding.js';
import type { Dim, Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { generatorFor } from '../tensor/random.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { loadStateDictInto, ownTensors, stateDictOf, zeroGrads, type LoadStateDictOptions, type LoadStateDictResult, type StateDict } from './module.js';

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
export class Embedding<const Options extends EmbeddingOptions> {
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
    const o = options as Options;
    this.paddingIdx = resolveEmbeddingOptions(o);
    this.options = o;
    const generator = generatorFor(o.seed, 'Embedding');
    const data = new Float32Array(o.numEmbeddings * o.embeddingDim);
    for (let i = 0; i < data.length; i++) data[i] = generator.normal();
    if (this.paddingIdx !== null) data.fill(0, this.paddingIdx * o.embeddingDim, (this.paddingIdx + 1) * o.embeddingDim);
    this.weight = new Tensor(data, [o.numEmbeddings, o.embeddingDim]).requiresGrad_() as Tensor<[Options['numEmbeddings'], Options['embeddingDim']]>;
  }

  /** Its tensors by PyTorch's state_dict key: `weight`. */
  stateDict(): Map<string, Tensor> {
    return stateDictOf(this);
  }

  /** Loads `weight` from a state dict (PyTorch's `load_state_dict`). */
  loadStateDict(dict: StateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
    return loadStateDictInto(this, dict, options);
  }

  /** Its parameters named under `prefix`: `weight`. */
  namedParameters(prefix = ''): [string, Tensor][] {
    return ownTensors(prefix, [['weight', this.weight]]);
  }

  /** Its parameters: `weight`. */
  parameters(): Tensor[] {
    return [this.weight];
  }

  /** Clears the parameters' gradients (`setToNone`, PyTorch 2's default), or sets them to zeros. */
  zeroGrad(setToNone = true): void {
    zeroGrads(this.parameters(), setToNone);
  }

  /** The output shape for an indices shape: `[...input, embeddingDim]`. */
  outputShape(inputShape: readonly number[]): number[] {
    return embeddingOutputShape(inputShape, this.options.embeddingDim);
  }

  /** The output shape on names: `['batch', 'T']` to `['batch', 'T', embeddingDim]`. */
  symbolicOutputShape(inputShape: readonly Dim[]): Dim[] {
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
