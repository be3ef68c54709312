import type { ErrorMessage } from '../arithmetic/error-message.js';
import { pixelShuffleForward, pixelUnshuffleForward, upsampleForward } from '../ops/upsample.js';
import type { Dim, Shape } from '../shape/shape.js';
import {
  checkShuffleFactor,
  pixelShuffleOutputShape,
  pixelUnshuffleOutputShape,
  resolveUpsampleOptions,
  upsampleShapeFromResolved,
  type PixelShuffleOptions,
  type PixelShuffleOutputShape,
  type PixelShuffleRequirements,
  type PixelUnshuffleOptions,
  type PixelUnshuffleOutputShape,
  type PixelUnshuffleRequirements,
  type ResolvedUpsampleOptions,
  type UpsampleOptions,
  type UpsampleOutputShape,
} from '../shape/upsample.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { ShapeRuleLayer } from './shape-rule-layer.js';

/** The constructor's options: the options, or the message when they are invalid on their own. */
type UpsampleOptionsArgument<Options extends UpsampleOptions> =
  UpsampleOutputShape<'Upsample', [1, 1, 'h', 'w'], Options> extends ErrorMessage<infer Message> ? Message : Options;
type UpsampleInputArgument<InputShape extends Shape, Options extends UpsampleOptions> = UpsampleOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : UpsampleOutputShape<'Upsample', InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

type ShuffleOptionsArgument<Options extends PixelShuffleOptions> =
  PixelShuffleOutputShape<'PixelShuffle', ['c', 'h', 'w'], Options> extends ErrorMessage<infer Message> ? Message : Options;
type ShuffleInputArgument<InputShape extends Shape, Options extends PixelShuffleOptions> = ShuffleOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : PixelShuffleOutputShape<'PixelShuffle', InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

type UnshuffleOptionsArgument<Options extends PixelUnshuffleOptions> =
  PixelUnshuffleOutputShape<'PixelUnshuffle', [1, 'h', 'w'], Options> extends ErrorMessage<infer Message> ? Message : Options;
type UnshuffleInputArgument<InputShape extends Shape, Options extends PixelUnshuffleOptions> = UnshuffleOptionsArgument<Options> extends string
  ? Tensor<InputShape>
  : PixelUnshuffleOutputShape<'PixelUnshuffle', InputShape, Options> extends ErrorMessage<infer Message>
    ? Message
    : Tensor<InputShape>;

/**
 * Resizing of `[N, C, H, W]` input, PyTorch's `nn.Upsample`, typed: `forward(x)` returns a
 * tensor whose shape the compiler computed (`size`, or `floor(in · scaleFactor)`), or reports at
 * `x` why `x` does not fit. Modes `'nearest'` (default), `'nearest-exact'`, `'bilinear'`
 * (`alignCorners`); forward and backward are PyTorch 1.13's CPU kernels. Options are checked by
 * the constructor (and by the compiler) with the same messages.
 *
 * @example
 * ```ts
 * import { Upsample, tensor } from 'shapecheck';
 * const up = new Upsample({ scaleFactor: 2 });
 * up.forward(tensor([[[[1, 2], [3, 4]]]])).toArray();
 * //=> [[[[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]]]
 * ```
 * @category Layers
 */
export class Upsample<const Options extends UpsampleOptions> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Upsample' as const;
  /** In the type only: the options argument as the compiler checked it (see `MaxPool2d`). */
  declare readonly '~options': UpsampleOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  readonly #params: ResolvedUpsampleOptions;

  /**
   * @throws {TypeError | RangeError} for invalid options (PyTorch's checks, here rather than at the first call).
   */
  constructor(options: UpsampleOptionsArgument<Options>) {
    this.#params = resolveUpsampleOptions('Upsample', options as UpsampleOptions);
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
   * The output shape for an input shape, at runtime (the twin of the type `forward` computes).
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  outputShape(inputShape: readonly number[]): number[] {
    return upsampleShapeFromResolved(inputShape, this.#params);
  }

  /**
   * The output shape for a shape whose dims may be names and expressions: `'2*H'` for scale 2,
   * `'(3*H)//2'` for 1.5; undefined when an inexact scale factor meets a name (the editor shows
   * `number`).
   *
   * @throws {ShapeError} when the input provably does not fit (the editor's words).
   */
  symbolicOutputShape(inputShape: readonly Dim[]): Dim[] | undefined {
    const out = upsampleShapeFromResolved(inputShape, this.#params);
    return out.every((dim) => dim !== undefined) ? (out as Dim[]) : undefined;
  }

  /**
   * Applies the layer to `[N, C, H, W]` input. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: UpsampleInputArgument<InputShape, Options>): TensorOf<UpsampleOutputShape<'Upsample', InputShape, Options>> {
    return upsampleForward(input as Tensor, this.#params) as TensorOf<UpsampleOutputShape<'Upsample', InputShape, Options>>;
  }
}

/**
 * Sub-pixel rearrangement, PyTorch's `nn.PixelShuffle`: `[*, C·r², H, W]` to `[*, C, H·r, W·r]`,
 * typed (channels must be divisible by `r²`, PyTorch's message otherwise), forward and backward.
 *
 * @example
 * ```ts
 * import { PixelShuffle, arange } from 'shapecheck';
 * const shuffle = new PixelShuffle({ upscaleFactor: 2 });
 * shuffle.forward(arange(8).reshape([1, 8, 1, 1])).shape;
 * //=> [1, 2, 2, 2]
 * ```
 * @category Layers
 */
export class PixelShuffle<const Options extends PixelShuffleOptions> extends ShapeRuleLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'PixelShuffle' as const;
  /** In the type only: the options argument as the compiler checked it (see `MaxPool2d`). */
  declare readonly '~options': ShuffleOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  /** The factor `r`. */
  readonly upscaleFactor: number;

  /** @throws {TypeError | RangeError} when `upscaleFactor` is not a positive integer. */
  constructor(options: ShuffleOptionsArgument<Options>) {
    super();
    if (typeof options !== 'object' || options === null) throw new TypeError('PixelShuffle: options must be an object');
    this.upscaleFactor = checkShuffleFactor('PixelShuffle', 'upscaleFactor', (options as PixelShuffleOptions).upscaleFactor);
    this.options = options as Options;
  }

  /**
   * The output shape, on sizes and on names: `'H'` to `'2*H'`; channels `'C'` to `'C//4'` with
   * `4*(C//4) == C` a requirement of the model.
   *
   * @throws {ShapeError} when the input provably does not fit.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return pixelShuffleOutputShape(inputShape, this.upscaleFactor);
  }

  /**
   * Applies the layer to `[*, C, H, W]` input. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  forward<InputShape extends Shape>(input: ShuffleInputArgument<InputShape, Options>): TensorOf<PixelShuffleOutputShape<'PixelShuffle', InputShape, Options>> {
    return pixelShuffleForward(input as Tensor, this.upscaleFactor) as TensorOf<PixelShuffleOutputShape<'PixelShuffle', InputShape, Options>>;
  }
}

/**
 * The inverse of {@link PixelShuffle}, PyTorch's `nn.PixelUnshuffle`: `[*, C, H·r, W·r]` to
 * `[*, C·r², H, W]`, typed (height and width must be divisible by `r`), forward and backward. On
 * names `'H'` becomes `'H//2'`, and `2*(H//2) == H` a requirement the model records and `forward`
 * checks.
 *
 * @example
 * ```ts
 * import { PixelUnshuffle, zeros } from 'shapecheck';
 * const unshuffle = new PixelUnshuffle({ downscaleFactor: 2 });
 * unshuffle.forward(zeros([1, 3, 8, 6])).shape;
 * //=> [1, 12, 4, 3]
 * ```
 * @category Layers
 */
export class PixelUnshuffle<const Options extends PixelUnshuffleOptions> extends ShapeRuleLayer {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'PixelUnshuffle' as const;
  /** In the type only: the options argument as the compiler checked it (see `MaxPool2d`). */
  declare readonly '~options': UnshuffleOptionsArgument<Options>;
  /** The options as given. */
  readonly options: Options;
  /** The factor `r`. */
  readonly downscaleFactor: number;

  /** @throws {TypeError | RangeError} when `downscaleFactor` is not a positive integer. */
  constructor(options: UnshuffleOptionsArgument<Options>) {
    super();
    if (typeof options !== 'object' || options === null) throw new TypeError('PixelUnshuffle: options must be an object');
    this.downscaleFactor = checkShuffleFactor('PixelUnshuffle', 'downscaleFactor', (options as PixelUnshuffleOptions).downscaleFactor);
    this.options = options as Options;
  }

  /**
   * The output shape, on sizes and on names: `'H'` to `'H//2'`, recording `2*(H//2) == H` as a requirement of
   * the model when it is not proved (`'2*W'` needs none; `'2*W+1'` is an error).
   *
   * @throws {ShapeError} when the input provably does not fit.
   */
  protected shapeRule(inputShape: readonly Dim[]): Dim[] {
    return pixelUnshuffleOutputShape(inputShape, this.downscaleFactor);
  }

  /**
   * Applies the layer to `[*, C, H, W]` input. The input is not modified.
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  forward<InputShape extends Shape>(input: UnshuffleInputArgument<InputShape, Options>): TensorOf<PixelUnshuffleOutputShape<'PixelUnshuffle', InputShape, Options>> {
    return pixelUnshuffleForward(input as Tensor, this.downscaleFactor) as TensorOf<PixelUnshuffleOutputShape<'PixelUnshuffle', InputShape, Options>>;
  }
}

// The shape rules `Sequential` looks up by kind (layer-rules.ts).
declare module './layer-rules.js' {
  interface LayerRules<L, S extends Shape> {
    Upsample: L extends { readonly options: infer Options extends UpsampleOptions } ? UpsampleOutputShape<'Upsample', S, Options> : never;
    PixelShuffle: L extends { readonly options: infer Options extends PixelShuffleOptions } ? PixelShuffleOutputShape<'PixelShuffle', S, Options> : never;
    PixelUnshuffle: L extends { readonly options: infer Options extends PixelUnshuffleOptions } ? PixelUnshuffleOutputShape<'PixelUnshuffle', S, Options> : never;
  }
  interface LayerRequirements<L, S extends Shape> {
    PixelShuffle: L extends { readonly options: infer Options extends PixelShuffleOptions } ? PixelShuffleRequirements<S, Options> : never;
    PixelUnshuffle: L extends { readonly options: infer Options extends PixelUnshuffleOptions } ? PixelUnshuffleRequirements<S, Options> : never;
  }
}
