import type { ErrorMessage } from '../arithmetic/error-message.js';
import { formatList } from '../shape/format.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Conv2dOutputShape } from '../shape/conv2d.js';
import {
  flattenedLastFactors,
  writeLinearAfterFlattenMessage,
  type FlattenedLastFactors,
  type FlattenOutputShape,
  type LinearAfterFlattenMessage,
  type LinearOutputShape,
} from '../shape/linear.js';
import type { AvgPool2dOutputShape, MaxPool2dOutputShape } from '../shape/pool2d.js';
import type { AdaptiveAvgPool2dOutputShape } from '../shape/norm.js';
import type { Shape } from '../shape/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Conv2d } from './conv2d.js';
import { Flatten, Linear, type LinearInFeatures } from './linear.js';
import type { AvgPool2d, MaxPool2d } from './pool2d.js';
import type { AdaptiveAvgPool2d, BatchNorm2d, BatchNormOutput } from './norm.js';

/**
 * What `Sequential` needs of a layer: its kind, its output shape at runtime, and `forward`.
 *
 * @example
 * ```ts
 * import { ReLU, type Layer } from 'shapecheck';
 * const layer: Layer = new ReLU();
 * ```
 * @category Models
 */
export interface Layer {
  readonly kind: string;
  outputShape(inputShape: readonly number[]): number[];
  forward(input: never): Tensor;
  /** Creates parameters whose sizes depend on the input (a `Linear` without `inFeatures`). */
  initializeParameters?(inputShape: readonly number[]): void;
}

/**
 * The output shape of one layer for an input shape: each layer's own shape rule
 * (`Conv2dOutputShape`, `LinearOutputShape`, ...), or its {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { LayerOutputShape, ReLU } from 'shapecheck';
 * type A = LayerOutputShape<ReLU, [1, 6, 28, 28]>;
 * //=> [1, 6, 28, 28]
 * ```
 * @category Models
 */
export type LayerOutputShape<L, S extends Shape> = L extends Conv2d<infer Options>
  ? Conv2dOutputShape<S, Options>
  : L extends Linear<infer Options>
    ? LinearOutputShape<S, LinearInFeatures<Options>, Options['outFeatures']>
    : L extends Flatten<infer StartDim, infer EndDim>
      ? FlattenOutputShape<S, StartDim, EndDim>
      : L extends MaxPool2d<infer Options>
        ? MaxPool2dOutputShape<S, Options>
        : L extends AvgPool2d<infer Options>
          ? AvgPool2dOutputShape<S, Options>
          : L extends BatchNorm2d<infer Options>
            ? BatchNormOutput<S, Options>
            : L extends AdaptiveAvgPool2d<infer Options>
              ? AdaptiveAvgPool2dOutputShape<S, Options['outputSize']>
              : L extends { readonly kind: 'ReLU' | 'LeakyReLU' | 'Sigmoid' | 'Tanh' | 'GELU' | 'Dropout' }
        ? S
        : ErrorMessage<'Sequential: a layer without a known shape rule'>;

/**
 * A model's message for a layer that does not fit: its position and kind, then the layer's words
 * (without their own `Kind: ` prefix, which the position already names).
 *
 * @example
 * ```ts
 * import type { LayerMessage } from 'shapecheck';
 * type M = LayerMessage<5, 'Linear', 'Linear: expected input[1, 400] to have 576 features in its last dim, got 400 (mat1 and mat2 shapes cannot be multiplied)'>;
 * //=> 'layer 5 (Linear): expected input[1, 400] to have 576 features in its last dim, got 400 (mat1 and mat2 shapes cannot be multiplied)'
 * ```
 * @category Messages
 */
export type LayerMessage<Position extends number, Kind extends string, Message extends string> =
  `layer ${Position} (${Kind}): ${Message extends `${Kind}: ${infer Words}` ? Words : Message}`;
/**
 * Runtime twin of {@link LayerMessage}.
 *
 * @example
 * ```ts
 * import { writeLayerMessage } from 'shapecheck';
 * writeLayerMessage(1, 'ReLU', 'oops');
 * //=> 'layer 1 (ReLU): oops'
 * writeLayerMessage(3, 'Linear', 'Linear: expected 576 input features, got 400');
 * //=> 'layer 3 (Linear): expected 576 input features, got 400'
 * ```
 * @category Messages
 */
export function writeLayerMessage(position: number, kind: string, message: string): string {
  return `layer ${position} (${kind}): ${message.startsWith(`${kind}: `) ? message.slice(kind.length + 2) : message}`;
}

/** A shape without `readonly` (as the trace shows it). */
type Writable<S extends Shape> = { -readonly [K in keyof S]: S[K] };

/** The last shape of a trace. */
type Last<Trace extends readonly unknown[]> = Trace extends readonly [...unknown[], infer L extends Shape] ? L : never;

/** The `layer` argument of `add`: the layer, or the message naming it when it does not fit. */
type AddArgument<Trace extends readonly Shape[], L extends Layer, Previous> =
  LayerOutputShape<L, Last<Trace>> extends ErrorMessage<infer Message>
    ? LayerMessage<Trace['length'], L['kind'], Explained<Message, Trace, L, Previous>>
    : L;

/**
 * A layer's message with where its input came from, where the model knows better than the layer:
 * a `Linear` after a `Flatten` shows the product that made its input features.
 */
type Explained<Message extends string, Trace extends readonly Shape[], L, Previous> =
  L extends Linear<infer Options>
    ? Previous extends Flatten<infer StartDim, infer EndDim>
      ? Trace extends readonly [...Shape[], infer FlattenInput extends Shape, readonly [...unknown[], infer Got extends number]]
        ? FlattenedLastFactors<FlattenInput, StartDim, EndDim> extends infer Factors extends readonly unknown[]
          ? [Factors] extends [never]
            ? Message
            : LinearAfterFlattenMessage<LinearInFeatures<Options>, Got, Factors, FlattenInput>
          : Message
        : Message
      : Message
    : Message;

/** The trace after adding a layer (only reached when it fits). */
type Added<Trace extends readonly Shape[], L> = LayerOutputShape<L, Last<Trace>> extends infer Out extends Shape ? [...Trace, Out] : Trace;

/**
 * The shapes a model's data takes, input first then after each layer (what hovering shows).
 *
 * @example
 * ```ts
 * import { Flatten, Linear, ReLU, Sequential, type ShapeTrace } from 'shapecheck';
 * const model = new Sequential([1, 16, 5, 5]).add(new Flatten()).add(new Linear({ inFeatures: 400, outFeatures: 10 })).add(new ReLU());
 * type T = ShapeTrace<typeof model>;
 * //=> [[1, 16, 5, 5], [1, 400], [1, 10], [1, 10]]
 * ```
 * @category Models
 */
export type ShapeTrace<Model> = Model extends Sequential<infer _Input, infer Trace, infer _Previous> ? Trace : never;

/**
 * A model of layers applied one after another, built with `add` so that each layer is checked
 * against the shape that reaches it: a layer that does not fit is a compile error at that
 * `add(...)` call, naming its position and kind with the layer's own message (and the same text is
 * thrown at runtime). The type carries the whole trace of shapes: `ShapeTrace<typeof model>`.
 *
 * Why a builder and not `sequential(a, b, c)`: TypeScript reports an argument's error at that
 * argument only when the parameter's type depends on it alone; each `add` has one layer, so the
 * error lands on the line of the wrong layer, and the model's type grows one shape per line.
 *
 * @example
 * ```ts
 * import { Conv2d, Flatten, Linear, ReLU, Sequential, zeros } from 'shapecheck';
 * const model = new Sequential(['batch', 1, 28, 28])
 *   .add(new Conv2d({ inChannels: 1, outChannels: 4, kernelSize: 3, padding: 1 }))
 *   .add(new ReLU())
 *   .add(new Flatten())
 *   .add(new Linear({ inFeatures: 3136, outFeatures: 10 }));
 * model.forward(zeros([2, 1, 28, 28])).shape;
 * //=> [2, 10]
 * ```
 * @category Models
 */
export class Sequential<const InputShape extends Shape, Trace extends readonly Shape[] = [Writable<InputShape>], Previous = never> {
  /** The input shape the model was declared with (names and `number` dims as given). */
  readonly inputShape: InputShape;
  #layers: readonly Layer[] = [];
  /** The runtime shapes after each layer, checked when added (named dims counted as 1). */
  #shapes: readonly number[][];
  /** The same with named dims as 2: a dim that differs from `#shapes` depends on a named dim. */
  #probes: readonly (number[] | undefined)[];

  /** A model of no layers yet, taking inputs of `inputShape` (dims may be names such as `'batch'`). */
  constructor(inputShape: InputShape) {
    this.inputShape = inputShape;
    const dims = inputShape as readonly unknown[];
    this.#shapes = [dims.map((dim) => (typeof dim === 'number' ? dim : 1))];
    this.#probes = [dims.map((dim) => (typeof dim === 'number' ? dim : 2))];
  }

  /** The layers, in order. */
  get layers(): readonly Layer[] {
    return this.#layers;
  }

  /**
   * The model with `layer` appended. A `Linear` without `inFeatures` gets its parameters here,
   * sized by the features that reach it (unless they depend on a named dim: then at the first
   * `forward`).
   *
   * @throws {ShapeError | RangeError} when the layer does not fit the shape that reaches it,
   *   with its position and kind before the layer's own message.
   */
  add<const L extends Layer>(layer: AddArgument<Trace, L, Previous>): Sequential<InputShape, Added<Trace, L>, L> {
    const added = layer as Layer;
    const current = this.#shapes[this.#shapes.length - 1] as number[];
    let next: number[];
    try {
      next = added.outputShape(current);
    } catch (error) {
      throw this.#layerError(added, error as Error);
    }
    const probe = this.#probes[this.#probes.length - 1];
    let probeNext: number[] | undefined;
    try {
      probeNext = probe && added.outputShape(probe);
    } catch {
      probeNext = undefined;
    }
    if (added.initializeParameters && probe !== undefined && probe[probe.length - 1] === current[current.length - 1]) {
      added.initializeParameters(current);
    }
    const model = new Sequential<InputShape, Added<Trace, L>, L>(this.inputShape);
    model.#layers = [...this.#layers, added];
    model.#shapes = [...this.#shapes, next];
    model.#probes = [...this.#probes, probeNext];
    return model;
  }

  /** A shape as messages show it: a named batch dim (the first, which every layer keeps) by name. */
  #display(shape: readonly number[]): unknown[] {
    const batch = (this.inputShape as readonly unknown[])[0];
    return typeof batch === 'string' && shape.length > 0 ? [batch, ...shape.slice(1)] : [...shape];
  }

  /** The error for a layer that does not fit: its position and kind, its words, what the model knows. */
  #layerError(added: Layer, error: Error): Error {
    const shapes = this.#shapes;
    const current = shapes[shapes.length - 1] as number[];
    const previous = this.#layers[this.#layers.length - 1];
    let text = error.message.replaceAll(formatList(current), formatList(this.#display(current)));
    if (added instanceof Linear && previous instanceof Flatten && error instanceof ShapeError && added.inFeatures !== undefined) {
      const flattenInput = this.#display(shapes[shapes.length - 2] as number[]);
      const factors = flattenedLastFactors(flattenInput, previous.startDim, previous.endDim);
      if (factors) text = writeLinearAfterFlattenMessage(added.inFeatures, current[current.length - 1] as number, factors, flattenInput);
    }
    const message = writeLayerMessage(shapes.length, added.kind, text);
    if (error instanceof RangeError) return new RangeError(message);
    if (error instanceof TypeError) return new TypeError(message);
    return new ShapeError(message);
  }

  /**
   * Runs the layers in order.
   *
   * @throws {ShapeError} when the input's shape is not the declared one (named dims match any size).
   */
  forward(input: Tensor<InputShape>): Tensor<Last<Trace>> {
    const declared = this.inputShape as readonly unknown[];
    const actual = input.shape as readonly number[];
    if (actual.length !== declared.length || declared.some((dim, i) => typeof dim === 'number' && dim !== actual[i])) {
      throw new ShapeError(`Sequential: expected an input of shape ${formatList(declared)}, got ${formatList(actual)}`);
    }
    let x: Tensor = input as Tensor;
    for (const layer of this.layers) x = (layer.forward as (input: Tensor) => Tensor)(x);
    return x as Tensor<Last<Trace>>;
  }

  /** The runtime shapes: the input's, then each layer's output (named dims counted as 1). */
  shapes(): number[][] {
    return this.#shapes.map((shape) => [...shape]);
  }
}
