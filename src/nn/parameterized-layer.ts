/**
 * The plumbing every built-in layer with parameters shares (PyTorch's `nn.Module` for a leaf
 * module): a layer declares its tensors (names in PyTorch's state_dict order, shapes,
 * initialisers) once, in its constructor, and gets `namedParameters`, `parameters`,
 * `namedBuffers`, `buffers`, `stateDict`, `loadStateDict` and `zeroGrad` from
 * {@link ParameterizedLayer}. Each layer keeps its own typed fields (`weight`, `bias`, ...), its
 * kind, its shape rule and its typed `forward`.
 * @packageDocumentation
 */
import { allocateData } from '../tensor/allocate.js';
import { fillUniform, generatorFor, type Generator } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { ShapeRuleLayer } from './shape-rule-layer.js';
import { loadStateDictInto, ownTensors, stateDictOf, zeroGrads, type LoadStateDictOptions, type LoadStateDictResult, type StateDict } from './module.js';

/**
 * How a tensor's values start: fills the zeroed `values` in place (draws from a generator, or a
 * constant).
 */
export type Initializer = (values: Float32Array) => void;

/**
 * One tensor a layer declares: its name (the field's, and PyTorch's state_dict key; a buffer's
 * camelCased field name becomes PyTorch's snake_case key), its shape (`null`: the layer has none,
 * as a convolution's bias with `bias: false`) and how its values start.
 */
export interface TensorSpec {
  readonly name: string;
  readonly shape: readonly number[] | null;
  readonly init: Initializer;
}

/** The tensors of a list of specs, in its order: a `Tensor`, or `null` where the shape is `null`. */
export type DeclaredTensors<Specs extends readonly TensorSpec[]> = { [Index in keyof Specs]: Tensor | null };

/** Values uniform in ±`bound`, drawn in order from `generator` (PyTorch's default initialisation of a weight and a bias). */
export function uniform(generator: Generator, bound: number): Initializer {
  return (values) => {
    fillUniform(values, generator, bound);
  };
}

/** Every value `value` (PyTorch's `ones`/`zeros`/`fill_` initialisation of norm weights, biases and running statistics). */
export function constant(value: number): Initializer {
  return (values) => {
    values.fill(value);
  };
}

/** A norm layer's `weight` (ones) and `bias` (zeros) of `shape`, each only where it exists. */
export function affineSpecs(shape: readonly number[], weight: boolean, bias: boolean): [TensorSpec, TensorSpec] {
  return [
    { name: 'weight', shape: weight ? shape : null, init: constant(1) },
    { name: 'bias', shape: bias ? shape : null, init: constant(0) },
  ];
}

/**
 * A norm layer's running statistics when it tracks them: `runningMean` (zeros) and `runningVar`
 * (ones) of `shape`, and `numBatchesTracked` (a 0-d zero; PyTorch's `num_batches_tracked`).
 */
export function runningStatsSpecs(shape: readonly number[], track: boolean): [TensorSpec, TensorSpec, TensorSpec] {
  return [
    { name: 'runningMean', shape: track ? shape : null, init: constant(0) },
    { name: 'runningVar', shape: track ? shape : null, init: constant(1) },
    { name: 'numBatchesTracked', shape: track ? [] : null, init: constant(0) },
  ];
}

/**
 * The tensors of `specs`: every one allocated before any is filled (a layer too large for memory
 * fails at once, with `kind` and the shape in the message, before a number is drawn), then each
 * filled in the specs' order (a seeded layer's draws in PyTorch's order).
 *
 * @throws {RangeError} when a tensor is too large to allocate.
 */
function createTensors(kind: string, specs: readonly TensorSpec[]): (Tensor | null)[] {
  const buffers = specs.map((spec) => (spec.shape === null ? null : allocateData(kind, spec.shape)));
  return specs.map((spec, i) => {
    const data = buffers[i];
    if (data === undefined || data === null || spec.shape === null) return null;
    spec.init(data);
    return new Tensor(data, [...spec.shape]);
  });
}

/**
 * The base of the built-in layers with parameters (`Conv2d`, `Conv1d`, `ConvTranspose2d`,
 * `Linear`, `Embedding`, `PReLU`, the norm layers): a subclass declares its parameters and buffers
 * with {@link ParameterizedLayer.declareParameters} and {@link ParameterizedLayer.declareBuffers}
 * (names in PyTorch's state_dict order, shapes, initialisers), assigns the tensors they return to
 * its typed fields, and inherits the listing, the state dict and `zeroGrad`. Until a layer has
 * declared its parameters (a lazy `Linear` before its first input) it lists none. As every
 * {@link ShapeRuleLayer}, it writes its shape rule once (`shapeRule`), for `outputShape` and
 * `symbolicOutputShape`.
 *
 * @example
 * ```ts
 * import { Conv2d } from 'shapecheck';
 * const conv = new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3 }, { seed: 0 });
 * [...conv.stateDict()].map(([key, t]) => [key, t.shape]);
 * //=> [['weight', [8, 3, 3, 3]], ['bias', [8]]]
 * conv.parameters()[0] === conv.weight;
 * //=> true
 * ```
 * @internal
 */
export abstract class ParameterizedLayer extends ShapeRuleLayer {
  /** Its parameters by name, in PyTorch's order (`null` where the layer has none). */
  #parameters: (readonly [string, Tensor | null])[] = [];
  /** Its buffers by field name, in PyTorch's order (`null` where the layer has none). */
  #buffers: (readonly [string, Tensor | null])[] = [];

  /**
   * Creates and records the layer's parameters (they require grad, as PyTorch's `nn.Parameter`):
   * every tensor allocated before any is filled, then filled in the specs' order. Returns them in
   * that order, for the subclass's typed fields.
   *
   * @throws {RangeError} when a tensor is too large to allocate (nothing is recorded).
   */
  protected declareParameters<const Specs extends readonly TensorSpec[]>(kind: string, specs: Specs): DeclaredTensors<Specs> {
    const tensors = createTensors(kind, specs);
    for (const tensor of tensors) tensor?.requiresGrad_();
    this.#parameters = specs.map((spec, i) => [spec.name, tensors[i] ?? null] as const);
    return tensors as DeclaredTensors<Specs>;
  }

  /**
   * Creates and records the layer's buffers (running statistics: in the state dict, not
   * parameters), as {@link ParameterizedLayer.declareParameters} does.
   *
   * @throws {RangeError} when a tensor is too large to allocate (nothing is recorded).
   */
  protected declareBuffers<const Specs extends readonly TensorSpec[]>(kind: string, specs: Specs): DeclaredTensors<Specs> {
    const tensors = createTensors(kind, specs);
    this.#buffers = specs.map((spec, i) => [spec.name, tensors[i] ?? null] as const);
    return tensors as DeclaredTensors<Specs>;
  }

  /**
   * A weight and a bias as PyTorch's convolutions and `nn.Linear` start them: both uniform in
   * ±1/√`fanIn`, the weight's values drawn first, from a fresh generator for `seed` or the default
   * one (`manualSeed`); no bias where `biasShape` is `null`.
   *
   * @throws {RangeError} when a tensor is too large to allocate (nothing is drawn).
   */
  protected declareWeightAndBias(kind: string, seed: number | undefined, weightShape: readonly number[], biasShape: readonly number[] | null, fanIn: number): [Tensor, Tensor | null] {
    const init = uniform(generatorFor(seed), 1 / Math.sqrt(fanIn));
    const [weight, bias] = this.declareParameters(kind, [
      { name: 'weight', shape: weightShape, init },
      { name: 'bias', shape: biasShape, init },
    ]);
    return [weight as Tensor, bias];
  }

  /** Its parameters named under `prefix`, in PyTorch's order (`weight`, then `bias`, where they exist). */
  override namedParameters(prefix = ''): [string, Tensor][] {
    return ownTensors(prefix, this.#parameters);
  }

  /** Its parameters, in `namedParameters`' order. */
  override parameters(): Tensor[] {
    return this.namedParameters().map(([, tensor]) => tensor);
  }

  /**
   * Its buffers named under `prefix` (BatchNorm2d's `runningMean`, `runningVar`,
   * `numBatchesTracked`, where they exist; none for most layers).
   */
  namedBuffers(prefix = ''): [string, Tensor][] {
    return ownTensors(prefix, this.#buffers);
  }

  /** Its buffers, in `namedBuffers`' order. */
  buffers(): Tensor[] {
    return this.namedBuffers().map(([, tensor]) => tensor);
  }

  /**
   * Its parameters and buffers by PyTorch's names (PyTorch's `state_dict()`), sharing its data:
   * `weight`, `bias`, then the buffers (`running_mean`, `running_var`, `num_batches_tracked`).
   */
  stateDict(): Map<string, Tensor> {
    return stateDictOf(this);
  }

  /**
   * Copies a state dict's tensors into its parameters and buffers (PyTorch's `load_state_dict`;
   * see `Module.loadStateDict`): everything checked first, so a load that fails changes nothing;
   * PyTorch's messages.
   *
   * @throws {Error} missing or unexpected keys (with `strict`), shapes that differ.
   * @throws {TypeError} when `dict` is not a Map or object of tensors.
   */
  loadStateDict(dict: StateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
    return loadStateDictInto(this, dict, options);
  }

  /** Clears the parameters' gradients (`setToNone`, PyTorch 2's default), or sets them to zeros. */
  zeroGrad(setToNone = true): void {
    zeroGrads(this.parameters(), setToNone);
  }
}
