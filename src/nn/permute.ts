/**
 * Permute (issue 12): torchvision.ops.misc.Permute, `torch.permute(x, dims)` as a layer (ConvNeXt's
 * blocks move the channels last for LayerNorm and Linear, and back).
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { permute } from '../ops/reduce.js';
import { formatOption } from '../shape/conv-output-size.js';
import { permuteOrder, writePermuteRepeatMessage, type PermuteRepeatMessage, type PermuteShape } from '../shape/reduce.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Dim, Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import type { Tensor, TensorOf } from '../tensor/tensor.js';
import { ShapeRuleLayer } from './shape-rule-layer.js';

/**
 * The options of torchvision's `Permute(dims)`.
 *
 * @example
 * ```ts
 * import type { PermuteOptions } from 'shapecheck';
 * const options: PermuteOptions = { dims: [0, 2, 3, 1] };
 * ```
 * @category Layers
 */
export interface PermuteOptions {
  /** Dim `i` of the output is dim `dims[i]` of the input; every dim once (negative dims count from the end). */
  readonly dims: readonly number[];
}

/** A literal dim named twice among non-negative `dims` (wrong for an input of any rank), or `never`. */
type RepeatedDim<Dims extends readonly number[], Seen extends number = never> = Dims extends readonly [infer D extends number, ...infer Rest extends readonly number[]]
  ? number extends D
    ? never
    : `${D}` extends `-${string}`
      ? RepeatedDim<Rest, Seen>
      : [D] extends [Seen]
        ? PermuteRepeatMessage
        : RepeatedDim<Rest, Seen | D>
  : never;

/** The constructor's argument: the options, or the message when `dims` repeats a dim. */
type PermuteOptionsArgument<Options extends PermuteOptions> = [RepeatedDim<Options['dims']>] extends [never] ? Options : `Permute: ${RepeatedDim<Options['dims']>}`;

/**
 * The `input` argument of `Permute.forward`: the tensor, or the message when `dims` does not
 * permute its shape (dims wrong by themselves are reported at the options, not again here).
 */
type PermuteInput<InputShape extends Shape, Dims extends readonly number[]> = [RepeatedDim<Dims>] extends [never]
  ? PermuteShape<InputShape, Dims> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>
  : Tensor<InputShape>;

/**
 * torchvision's `ops.misc.Permute(dims)`: the input with its dims reordered, dim `i` of the output
 * being dim `dims[i]` of the input (`torch.permute`), on literal and named dims alike
 * (`['batch', 96, 'H', 'W']` with `dims: [0, 2, 3, 1]` is `['batch', 'H', 'W', 96]`). `dims` that
 * do not name every dim of the input once are an error at the layer, in `permute`'s words; a dim
 * named twice is one at the options. A new contiguous tensor (PyTorch returns a view).
 * Differentiable; exported to ONNX as `Transpose`.
 *
 * @example
 * ```ts
 * import { Permute, zeros } from 'shapecheck';
 * new Permute({ dims: [0, 2, 3, 1] }).forward(zeros([2, 96, 7, 5])).shape;
 * //=> [2, 7, 5, 96]
 * ```
 * @category Layers
 */
export class Permute<const Options extends PermuteOptions = PermuteOptions> extends ShapeRuleLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Permute' as const;
  /** In the type only: the constructor's options argument as the compiler checked it. */
  declare readonly '~options': PermuteOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  /** The order, as given. */
  readonly dims: readonly number[];

  /** @throws {TypeError | ShapeError} when `dims` is not a list of integers, or names a dim twice. */
  constructor(options: PermuteOptionsArgument<Options>) {
    super();
    const o = options as unknown;
    if (typeof o !== 'object' || o === null) throw new TypeError(`Permute: options must be an object like { dims: [0, 2, 3, 1] }, got ${formatOption(o)}`);
    const dims = (o as PermuteOptions).dims;
    if (!Array.isArray(dims) || !dims.every((d) => Number.isInteger(d))) throw new TypeError(`Permute: dims must be a list of integers, got ${formatOption(dims)}`);
    const positive = dims.filter((d) => d >= 0);
    if (new Set(positive).size !== positive.length) throw new ShapeError(`Permute: ${writePermuteRepeatMessage()}`);
    this.options = o as Options;
    this.dims = [...dims];
  }

  /**
   * The output shape: the input's dims (sizes, names or expressions) in the order `dims` names.
   *
   * @throws {ShapeError | RangeError} when `dims` does not name every dim of the input once.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return permuteOrder(inputShape as readonly number[], this.dims).map((d) => inputShape[d]!);
  }

  /** @throws {ShapeError | RangeError} when `dims` does not name every dim of the input once (the words the compiler shows). */
  forward<InputShape extends Shape>(input: PermuteInput<InputShape, Options['dims']>): TensorOf<PermuteShape<InputShape, Options['dims']>> {
    const x = checkTensor('Permute', 'input', input);
    const call = permute as unknown as (x: Tensor, dims: readonly number[]) => Tensor;
    return call(x, this.dims) as TensorOf<PermuteShape<InputShape, Options['dims']>>;
  }
}

// The shape rule `Sequential` looks up by kind (layer-rules.ts).
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    Permute: L extends { readonly options: { readonly dims: infer Dims extends readonly number[] } } ? PermuteShape<S, Dims> : never;
  }
}
