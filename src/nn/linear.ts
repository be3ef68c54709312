import type { ErrorMessage } from '../arithmetic/error-message.js';
import { flatten, linear } from '../ops/linear.js';
import { leakyRelu, gelu, relu, sigmoid, tanh } from '../ops/activation.js';
import { checkPositiveInteger } from '../shape/conv-output-size.js';
import { flattenOutputShape, linearOutputShape, type FlattenOutputShape, type LinearOutputShape } from '../shape/linear.js';
import type { Shape } from '../shape/shape.js';
import type { RandomOptions } from '../tensor/factories.js';
import { generatorFor } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';

/** A tensor of a computed shape (an error there has already been reported at the argument). */
type TensorOf<S> = S extends Shape ? Tensor<S> : never;

/**
 * The options of `nn.Linear`, camelCased.
 *
 * @example
 * ```ts
 * import type { LinearOptions } from 'shapecheck';
 * const options: LinearOptions = { inFeatures: 400, outFeatures: 120 };
 * ```
 * @category Layers
 */
export interface LinearOptions {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** Whether the layer adds a learnable bias. Default true. */
  readonly bias?: boolean;
}

/** The `input` argument of `forward`: the tensor, or the message when it does not fit. */
type LinearInput<InputShape extends Shape, Options extends LinearOptions> =
  LinearOutputShape<InputShape, Options['inFeatures'], Options['outFeatures']> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/**
 * A fully connected layer, PyTorch's `nn.Linear`, typed: `weight` is a
 * `Tensor<[outFeatures, inFeatures]>`, and `forward(x)` maps `[..., inFeatures]` to
 * `[..., outFeatures]`, or reports at `x` why it does not fit. Initialised as PyTorch does
 * (uniform in ±1/√inFeatures), from the default generator or a seed.
 *
 * @example
 * ```ts
 * import { Linear, zeros } from 'shapecheck';
 * const fc = new Linear({ inFeatures: 400, outFeatures: 120 }, { seed: 0 });
 * fc.forward(zeros([8, 400])).shape;
 * //=> [8, 120]
 * ```
 * @category Layers
 */
export class Linear<const Options extends LinearOptions> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Linear' as const;
  readonly options: Options;
  /** `[outFeatures, inFeatures]`. */
  readonly weight: Tensor<[Options['outFeatures'], Options['inFeatures']]>;
  /** `[outFeatures]`, or `null` with `bias: false`. */
  readonly bias: Options extends { readonly bias: false } ? null : Tensor<[Options['outFeatures']]>;

  /** @throws {TypeError | RangeError} when a feature count is not a positive integer. */
  constructor(options: Options, init: RandomOptions = {}) {
    const inFeatures = checkPositiveInteger('Linear', 'inFeatures', options.inFeatures);
    const outFeatures = checkPositiveInteger('Linear', 'outFeatures', options.outFeatures);
    this.options = options;
    const bound = 1 / Math.sqrt(inFeatures);
    const generator = generatorFor(init.seed);
    const uniform = (size: number): Float32Array => Float32Array.from({ length: size }, () => (generator.uniform() * 2 - 1) * bound);
    this.weight = new Tensor(uniform(outFeatures * inFeatures), [outFeatures, inFeatures]) as Tensor<[Options['outFeatures'], Options['inFeatures']]>;
    this.bias = ((options.bias ?? true) ? new Tensor(uniform(outFeatures), [outFeatures]) : null) as this['bias'];
  }

  /**
   * The output shape for an input shape, at runtime.
   *
   * @throws {ShapeError} when the last dim is not `inFeatures`.
   */
  outputShape(inputShape: readonly number[]): number[] {
    return linearOutputShape(inputShape, this.options.inFeatures, this.options.outFeatures);
  }

  /**
   * Applies the layer to `[..., inFeatures]`.
   *
   * @throws {ShapeError} when the last dim is not `inFeatures` (the words the compiler shows).
   */
  forward<InputShape extends Shape>(input: LinearInput<InputShape, Options>): TensorOf<LinearOutputShape<InputShape, Options['inFeatures'], Options['outFeatures']>> {
    const call = linear as (x: Tensor, w: Tensor, b: Tensor | null) => Tensor;
    return call(input as Tensor, this.weight as Tensor, this.bias as Tensor | null) as TensorOf<
      LinearOutputShape<InputShape, Options['inFeatures'], Options['outFeatures']>
    >;
  }
}

/**
 * Flattens dims `startDim..endDim` into one (PyTorch's `nn.Flatten`, defaults 1 and −1).
 *
 * @example
 * ```ts
 * import { Flatten, zeros } from 'shapecheck';
 * new Flatten().forward(zeros([1, 16, 5, 5])).shape;
 * //=> [1, 400]
 * ```
 * @category Layers
 */
export class Flatten<const StartDim extends number = 1, const EndDim extends number = -1> {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Flatten' as const;
  constructor(
    readonly startDim: StartDim = 1 as StartDim,
    readonly endDim: EndDim = -1 as EndDim,
  ) {}

  /**
   * The output shape for an input shape, at runtime.
   *
   * @throws {RangeError} when a dim index is out of range.
   */
  outputShape(inputShape: readonly number[]): number[] {
    return flattenOutputShape(inputShape, this.startDim, this.endDim);
  }

  /** @throws {RangeError} when a dim index is out of range for the input. */
  forward<InputShape extends Shape>(input: Tensor<InputShape>): TensorOf<FlattenOutputShape<InputShape, StartDim, EndDim>> {
    return flatten(input, this.startDim, this.endDim);
  }
}

/**
 * The base of the element-wise layers: the output has the input's shape.
 *
 * @example
 * ```ts
 * import { ReLU, ShapePreserving } from 'shapecheck';
 * new ReLU() instanceof ShapePreserving;
 * //=> true
 * ```
 * @category Layers
 */
export abstract class ShapePreserving {
  /** The output shape for an input shape: the same. */
  outputShape(inputShape: readonly number[]): number[] {
    return [...inputShape];
  }
}

/**
 * `max(x, 0)` element-wise (PyTorch's `nn.ReLU`).
 *
 * @example
 * ```ts
 * import { ReLU, tensor } from 'shapecheck';
 * new ReLU().forward(tensor([-1, 2])).toArray();
 * //=> [0, 2]
 * ```
 * @category Layers
 */
export class ReLU extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'ReLU' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return relu(input);
  }
}

/**
 * PyTorch's `nn.LeakyReLU` (default slope 0.01).
 *
 * @example
 * ```ts
 * import { LeakyReLU, tensor } from 'shapecheck';
 * new LeakyReLU(0.5).forward(tensor([-2])).toArray();
 * //=> [-1]
 * ```
 * @category Layers
 */
export class LeakyReLU extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'LeakyReLU' as const;
  constructor(readonly negativeSlope = 0.01) {
    super();
  }
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return leakyRelu(input, this.negativeSlope);
  }
}

/**
 * PyTorch's `nn.Sigmoid`.
 *
 * @example
 * ```ts
 * import { Sigmoid, tensor } from 'shapecheck';
 * new Sigmoid().forward(tensor([0])).toArray();
 * //=> [0.5]
 * ```
 * @category Layers
 */
export class Sigmoid extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Sigmoid' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return sigmoid(input);
  }
}

/**
 * PyTorch's `nn.Tanh`.
 *
 * @example
 * ```ts
 * import { Tanh, tensor } from 'shapecheck';
 * new Tanh().forward(tensor([0])).toArray();
 * //=> [0]
 * ```
 * @category Layers
 */
export class Tanh extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Tanh' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return tanh(input);
  }
}

/**
 * PyTorch's `nn.GELU` (exact, erf form).
 *
 * @example
 * ```ts
 * import { GELU, tensor } from 'shapecheck';
 * new GELU().forward(tensor([0])).toArray();
 * //=> [0]
 * ```
 * @category Layers
 */
export class GELU extends ShapePreserving {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'GELU' as const;
  forward<InputShape extends Shape>(input: Tensor<InputShape>): Tensor<InputShape> {
    return gelu(input);
  }
}
