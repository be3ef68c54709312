/**
 * StochasticDepth (issue 12): torchvision.ops.StochasticDepth, the residual branch dropped per
 * sample in training (EfficientNet's MBConv, ConvNeXt's CNBlock).
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { stochasticDepth } from '../ops/stochastic-depth.js';
import { formatOption } from '../shape/conv-output-size.js';
import type { Shape } from '../shape/shape.js';
import { checkStochasticDepthOptions, type StochasticDepthMode, type StochasticDepthProbabilityError } from '../shape/stochastic-depth.js';
import { generatorFor, type Generator } from '../tensor/random.js';
import type { Tensor } from '../tensor/tensor.js';
import { ShapePreserving } from './linear.js';

/**
 * The options of torchvision's `ops.StochasticDepth(p, mode)`, camelCased, and a seed.
 *
 * @example
 * ```ts
 * import type { StochasticDepthOptions } from 'shapecheck';
 * const options: StochasticDepthOptions = { p: 0.1, mode: 'row' };
 * ```
 * @category Layers
 */
export interface StochasticDepthOptions {
  /** The probability of dropping a sample (or the batch) in training, in [0, 1]. */
  readonly p: number;
  /** `'row'`: each sample of the batch is dropped on its own draw; `'batch'`: the whole batch on one. */
  readonly mode: StochasticDepthMode;
  /** The seed of the layer's own generator; default: the default generator (`manualSeed`). */
  readonly seed?: number;
}

/** The constructor's argument: the options, or the message when a literal `p` is outside [0, 1]. */
type StochasticDepthArgument<Options extends StochasticDepthOptions> = [StochasticDepthProbabilityError<Options['p']>] extends [never]
  ? Options
  : StochasticDepthProbabilityError<Options['p']> extends ErrorMessage<infer Message>
    ? Message
    : Options;

/**
 * torchvision's `ops.StochasticDepth(p, mode)`: in training mode (a new layer's) each sample of
 * the batch (`mode: 'row'`) or the whole batch (`'batch'`) is zeroed with probability `p`, what
 * is kept scaled by `1/(1 − p)`; after `eval()` the identity. Put on a residual's main path, as
 * EfficientNet and ConvNeXt do, it drops the path and keeps the shortcut. The output has the
 * input's shape. The draws come from the layer's generator (`seed`) or the default one, not
 * torch's stream.
 *
 * @example
 * ```ts
 * import { StochasticDepth, ones } from 'shapecheck';
 * const layer = new StochasticDepth({ p: 0.5, mode: 'row', seed: 0 });
 * const rows = layer.forward(ones([8, 3])).toArray();
 * rows.every((row) => row.every((v) => v === row[0]) && (row[0] === 0 || row[0] === 2));
 * //=> true
 * layer.eval().forward(ones([1, 2])).toArray();
 * //=> [[1, 1]]
 * ```
 * @category Layers
 */
export class StochasticDepth<const Options extends StochasticDepthOptions = StochasticDepthOptions> extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'StochasticDepth' as const;
  /**
   * In the type only: the constructor's options argument as the compiler checked it (the options,
   * or the message when they are wrong by themselves), so that a model does not report them again.
   */
  declare readonly '~options': StochasticDepthArgument<Options>;
  /** The probability of dropping. */
  readonly p: number;
  /** What is dropped: a sample (`'row'`) or the batch (`'batch'`). */
  readonly mode: StochasticDepthMode;
  /** The layer's own generator (`{ seed }`), or null for the default one. */
  readonly #generator: Generator | null;

  /** @throws {TypeError | RangeError} when `p` is not a number in [0, 1], `mode` not `'batch'` or `'row'`, or the seed not a safe integer. */
  constructor(options: StochasticDepthArgument<Options>) {
    super();
    const o = options as unknown;
    if (typeof o !== 'object' || o === null) throw new TypeError(`StochasticDepth: options must be an object like { p: 0.1, mode: 'row' }, got ${formatOption(o)}`);
    const { p, mode, seed } = o as StochasticDepthOptions;
    ({ p: this.p, mode: this.mode } = checkStochasticDepthOptions(p, mode));
    this.#generator = seed !== undefined ? generatorFor(seed, 'StochasticDepth') : null;
  }


  /** In training, the input with samples (or the batch) dropped and the rest scaled; in eval mode a copy of it. */
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return stochasticDepth(input, this.p, this.mode, this.training, this.#generator ?? undefined);
  }
}

// The shape rule `Sequential` looks up by kind (layer-rules.ts): the identity.
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    StochasticDepth: S;
  }
}
