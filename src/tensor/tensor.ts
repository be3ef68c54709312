import type { ErrorMessage } from '../arithmetic/error-message.js';
import { numel, reshapeOutputShape, type Numel, type ReshapeOutputShape } from '../shape/reshape.js';
import { isGradEnabled, record, runBackward, type GradNode } from '../autograd/engine.js';
import { traced } from '../autograd/trace.js';
import { formatList } from '../shape/format.js';
import { ShapeError } from '../shape/shape-error.js';
import { sameShape, type Shape } from '../shape/shape.js';
import { formatTensor } from './format.js';

/**
 * The runtime value of a shape type: literal dims stay, `number` and named dims are numbers.
 *
 * @example
 * ```ts
 * import type { RuntimeShape } from 'shapecheck';
 * type A = RuntimeShape<['batch', 3, 32, 32]>;
 * //=> readonly [number, 3, 32, 32]
 * ```
 * @category Tensors
 */
export type RuntimeShape<S extends Shape> = { readonly [K in keyof S]: S[K] extends number ? S[K] : number };

/**
 * Nested arrays of numbers, one level per dim of `S` (`toArray()`'s result).
 *
 * @example
 * ```ts
 * import type { NestedArray } from 'shapecheck';
 * type A = NestedArray<[2, 3]>;
 * //=> number[][]
 * ```
 * @category Tensors
 */
export type NestedArray<S extends Shape> = S extends readonly [unknown, ...infer Rest extends Shape]
  ? NestedArray<Rest>[]
  : S extends readonly []
    ? number
    : NestedNumbers;

/**
 * Numbers nested to any depth (the element type of a tensor of unknown rank).
 *
 * @example
 * ```ts
 * import type { NestedNumbers } from 'shapecheck';
 * const value: NestedNumbers = [[1, 2], [3, 4]];
 * ```
 * @category Tensors
 */
export type NestedNumbers = number | NestedNumbers[];

/**
 * A named dim as a tensor's identity sees it: a size (so it is assignable to `number`) that carries
 * its name (so it is not assignable to another name, and neither `number` nor a literal is
 * assignable to it).
 */
type NamedSize<Name extends string> = number & { readonly '~name': Name };

/** One dim of a tensor's identity: a literal or `number` as itself, a name as a {@link NamedSize}. */
type DimIdentity<D> = D extends string ? NamedSize<D> : D;

/**
 * The dims as assignment compares them (the phantom `'~dims'` member of {@link Tensor}): `shape`
 * alone maps every name to `number`, which would make `'H'` and `'W'` interchangeable.
 */
type DimsIdentity<S extends Shape> = { readonly [K in keyof S]: DimIdentity<S[K]> };

/** One index per dim. */
type Index<S extends Shape> = { [K in keyof S]: number };

/** The argument `reshape` takes: the target shape, or the message when it cannot fit. */
type ReshapeArgument<S extends Shape, NewShape extends readonly number[]> =
  ReshapeOutputShape<S, NewShape> extends ErrorMessage<infer Message> ? Message : NewShape;

/**
 * A tensor of the shape a computation produced, or `never` where the shape is an error (reported
 * at the argument that caused it): what every op and layer returns.
 */
export type TensorOf<S> = S extends Shape ? Tensor<S> : never;

/**
 * PyTorch's message for `backward()` without a gradient on a tensor of more than one element.
 *
 * @example
 * ```ts
 * import type { ImplicitGradMessage } from 'shapecheck';
 * type M = ImplicitGradMessage;
 * //=> 'backward: grad can be implicitly created only for scalar outputs'
 * ```
 * @category Messages
 */
export type ImplicitGradMessage = 'backward: grad can be implicitly created only for scalar outputs';
const IMPLICIT_GRAD_MESSAGE: ImplicitGradMessage = 'backward: grad can be implicitly created only for scalar outputs';

/**
 * `this` of `backward()` without a gradient: the tensor when it has one element (or may have);
 * else the tensor with a property named by the message, which it lacks, so the compiler reports
 * the message there.
 */
type ImplicitGradThis<S extends Shape> = Numel<S> extends 1
  ? Tensor<S>
  : number extends Numel<S>
    ? Tensor<S>
    : Tensor<S> & { readonly [K in ImplicitGradMessage]: true };

/**
 * The options of `Tensor.backward`.
 *
 * @example
 * ```ts
 * import type { BackwardOptions } from 'shapecheck';
 * const options: BackwardOptions = { retainGraph: true };
 * ```
 * @category Autograd
 */
export interface BackwardOptions {
  /** Keep the graph's saved values so that another backward can run through it (default false). */
  readonly retainGraph?: boolean;
}

/** Where a tensor's data may be changed in place (PyTorch's rule for leaves that require grad). */
function checkInPlace(tensor: Tensor, op: string): void {
  if (tensor.requiresGrad && tensor.isLeaf && isGradEnabled()) {
    throw new Error(`${op}: a leaf Variable that requires grad is being used in an in-place operation.`);
  }
}

/**
 * A tensor: a row-major, contiguous `Float32Array` of `numel(shape)` values, and its shape, carried
 * in the type (`Tensor<[1, 3, 224, 224]>`) and at runtime (`tensor.shape`), the same.
 *
 * Make tensors with the factories (`tensor`, `zeros`, `ones`, `full`, `arange`, `rand`, `randn`);
 * the constructor wraps an existing buffer without copying.
 *
 * @example
 * ```ts
 * import { arange } from 'shapecheck';
 * const x = arange(6).reshape([2, 3]);
 * x.shape;
 * //=> [2, 3]
 * x.get(1, 2);
 * //=> 5
 * ```
 * @category Tensors
 */
export class Tensor<S extends Shape = Shape> {
  /** The shape, outermost dim first; equal to the type's literal dims. */
  readonly shape: RuntimeShape<S>;
  /**
   * The values, row-major and contiguous; replace them in place with `data.set(values)`. The
   * property itself cannot be reassigned (`x.data = other` throws a `TypeError`), so it always
   * holds `numel(shape)` values.
   */
  readonly data: Float32Array;
  /**
   * The dims, in the type only: what makes assignment keep names apart (see "Named dims: what is
   * assignable to what" in docs/shapes.md). A literal is assignable to itself and to `number`, a
   * name to itself and to `number`; nothing else.
   */
  declare readonly '~dims': DimsIdentity<S>;
  #requiresGrad = false;
  // not Tensor<S>: a writable field of S would make Tensor<[2, 3]> no longer a Tensor<Shape>
  #grad: Tensor | null = null;
  #gradFn: GradNode | null = null;
  #version = 0;

  /**
   * Wraps `data` (not copied) as a tensor of `shape`.
   *
   * @throws {TypeError} when `data` is not a `Float32Array`.
   * @throws {RangeError} when a dim is not a non-negative integer.
   * @throws {ShapeError} when `data.length` is not the product of the dims.
   */
  constructor(data: Float32Array, shape: RuntimeShape<S>) {
    if (!(data instanceof Float32Array)) throw new TypeError(`Tensor: data must be a Float32Array, got ${Array.isArray(data) ? 'an array' : String(data)}`);
    checkShape('Tensor', shape);
    const size = numel(shape);
    if (data.length !== size) {
      throw new ShapeError(`Tensor: data has ${data.length} elements, but shape ${formatList(shape)} needs ${size}`);
    }
    this.shape = Object.freeze([...shape]) as unknown as RuntimeShape<S>;
    this.data = data;
    // neither can be replaced: data of another length would no longer fit the shape
    Object.defineProperty(this, 'shape', { writable: false, configurable: false });
    Object.defineProperty(this, 'data', { writable: false, configurable: false });
  }

  /**
   * Whether gradients are computed for this tensor (PyTorch's `requires_grad`): set it at creation
   * (`zeros([2], { requiresGrad: true })`) or with {@link Tensor.requiresGrad_}; a result requires
   * grad when an input does (outside `noGrad`).
   */
  get requiresGrad(): boolean {
    return this.#requiresGrad;
  }

  /**
   * Sets `requiresGrad` in place and returns the tensor (PyTorch's `requires_grad_()`). Only a
   * leaf's flag can be changed.
   *
   * @throws {Error} for a tensor computed from others (PyTorch's words).
   * @example
   * ```ts
   * import { zeros } from 'shapecheck';
   * zeros([2]).requiresGrad_().requiresGrad;
   * //=> true
   * ```
   */
  requiresGrad_(requiresGrad = true): this {
    if (typeof requiresGrad !== 'boolean') throw new TypeError(`requiresGrad_: requiresGrad must be a boolean, got ${String(requiresGrad)}`);
    if (!this.isLeaf) {
      throw new Error(
        "requiresGrad_: you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use detach().",
      );
    }
    this.#requiresGrad = requiresGrad;
    return this;
  }

  /**
   * The gradient accumulated by `backward` (∂loss/∂this), of this tensor's shape; `null` until a
   * backward reaches this leaf. Set or clear it with {@link Tensor.setGrad}.
   */
  get grad(): Tensor<S> | null {
    return this.#grad as Tensor<S> | null;
  }

  /**
   * Replaces the gradient: `null` clears it (what `zeroGrad` does, as PyTorch's `p.grad = None`),
   * or a tensor of this tensor's shape.
   *
   * @throws {RangeError} for a tensor of another shape.
   * @example
   * ```ts
   * import { ones } from 'shapecheck';
   * const w = ones([2], { requiresGrad: true });
   * w.setGrad(ones([2]));
   * w.setGrad(null);
   * w.grad;
   * //=> null
   * ```
   */
  setGrad(value: Tensor | null): void {
    if (value !== null) {
      if (!(value instanceof Tensor)) throw new TypeError(`grad: assigned grad must be a Tensor or null, got ${String(value)}`);
      if (!sameShape(value.shape, this.shape)) {
        throw new RangeError(`grad: assigned grad has data of a different size: ${formatList(value.shape)} for a tensor of shape ${formatList(this.shape)}`);
      }
    }
    this.#grad = value;
  }

  /** The operation that computed this tensor (PyTorch's `grad_fn`), or null for a leaf. */
  get gradFn(): GradNode | null {
    return this.#gradFn;
  }

  /** Whether this tensor was not computed by a recorded operation (a parameter, an input). */
  get isLeaf(): boolean {
    return this.#gradFn === null;
  }

  /** How many times the data was changed in place (by `zero_`, `fill_`, `copy_`, `add_`, `mul_`). */
  get version(): number {
    return this.#version;
  }

  /** @internal Adds a leaf's gradient into `grad` (the tape calls it). */
  accumulateGrad(values: Float32Array): void {
    if (this.#grad === null) this.#grad = new Tensor(values.slice(), this.shape as readonly number[]);
    else {
      const grad = this.#grad.data;
      for (let i = 0; i < grad.length; i++) grad[i]! += values[i]!;
    }
  }

  /**
   * @internal For kernels that write `data` directly (the optimizers' fused updates): checks the
   * write as an in-place op named `op` and counts it in `version`. Call before writing.
   */
  changedInPlace(op: string): void {
    checkInPlace(this as Tensor, op);
    this.#version++;
  }

  /** @internal Marks this tensor as computed by `node` (the tape calls it). */
  attachGradFn(node: GradNode): void {
    this.#gradFn = node;
    this.#requiresGrad = true;
  }

  /**
   * Computes the gradient of this tensor with respect to every leaf that requires grad, and adds
   * it to their `.grad` (PyTorch's `backward()`). Without `gradient` the tensor must have one
   * element (a loss); otherwise `gradient` is ∂loss/∂this, of this tensor's shape. The graph is
   * freed afterwards unless `retainGraph`.
   *
   * @throws {Error} PyTorch's messages: a tensor that does not require grad, more than one element
   *   without a gradient, a graph already freed, a saved tensor changed in place.
   * @example
   * ```ts
   * import { mul, sum, tensor } from 'shapecheck';
   * const w = tensor([1, 2, 3]).requiresGrad_();
   * sum(mul(w, w)).backward();
   * w.grad?.toArray();
   * //=> [2, 4, 6]
   * ```
   */
  backward(this: ImplicitGradThis<S>, gradient?: null, options?: BackwardOptions): void;
  backward(gradient: Tensor<S>, options?: BackwardOptions): void;
  backward(first?: Tensor<S> | null, second?: BackwardOptions): void {
    const self = this as Tensor;
    if (first !== undefined && first !== null && !(first instanceof Tensor)) throw new TypeError(`backward: gradient must be a Tensor, got ${String(first)}`);
    const gradient = first ?? undefined;
    const options: BackwardOptions = second ?? {};
    if (!self.requiresGrad) throw new Error('backward: element 0 of tensors does not require grad and does not have a grad_fn');
    let values: Float32Array;
    if (gradient === undefined || gradient === null) {
      if (self.data.length !== 1) throw new Error(IMPLICIT_GRAD_MESSAGE);
      values = new Float32Array([1]);
    } else {
      if (!sameShape(gradient.shape, self.shape)) {
        throw new ShapeError(
          `backward: Mismatch in shape: grad_output[0] has a shape of ${formatList(gradient.shape)} and output[0] has a shape of ${formatList(self.shape)}.`,
        );
      }
      values = gradient.data.slice();
    }
    runBackward(self, values, options.retainGraph === true);
  }

  /**
   * The same data as a tensor that requires no grad and has no `gradFn` (PyTorch's `detach()`): a
   * value to use without differentiating through it. The data is shared.
   *
   * @example
   * ```ts
   * import { ones } from 'shapecheck';
   * ones([2], { requiresGrad: true }).detach().requiresGrad;
   * //=> false
   * ```
   */
  detach(): Tensor<S> {
    return traced(new Tensor(this.data, this.shape), 'identity', [this]);
  }

  /**
   * The value of a one-element tensor as a number (PyTorch's `item()`).
   *
   * @throws {RangeError} when the tensor has another number of elements.
   * @example
   * ```ts
   * import { tensor } from 'shapecheck';
   * tensor([[2.5]]).item();
   * //=> 2.5
   * ```
   */
  item(): number {
    if (this.data.length !== 1) throw new RangeError(`item: a Tensor with ${this.data.length} elements cannot be converted to Scalar`);
    return this.data[0] as number;
  }

  /**
   * Sets every element to 0, in place (PyTorch's `zero_()`).
   *
   * @throws {Error} on a leaf that requires grad, outside `noGrad` (PyTorch's words).
   */
  zero_(): this {
    return this.fill_(0);
  }

  /**
   * Sets every element to `value`, in place (PyTorch's `fill_()`).
   *
   * @throws {Error} on a leaf that requires grad, outside `noGrad` (PyTorch's words).
   */
  fill_(value: number): this {
    checkInPlace(this as Tensor, 'fill_');
    this.data.fill(value);
    this.#version++;
    return this;
  }

  /**
   * Copies `source`'s values into this tensor, in place (PyTorch's `copy_()`; same shape).
   *
   * @throws {ShapeError} when the shapes differ; {@link Error} on a leaf that requires grad.
   */
  copy_(source: Tensor<S>): this {
    checkInPlace(this as Tensor, 'copy_');
    if (!(source instanceof Tensor) || !sameShape(source.shape, this.shape)) {
      throw new ShapeError(`copy_: expected a source of shape ${formatList(this.shape)}, got ${source instanceof Tensor ? formatList(source.shape) : String(source)}`);
    }
    this.data.set(source.data);
    this.#version++;
    return this;
  }

  /**
   * Adds `alpha·other` to this tensor, in place (PyTorch's `add_(other, alpha=...)`; same shape).
   *
   * @throws {ShapeError} when the shapes differ; {@link Error} on a leaf that requires grad.
   */
  add_(other: Tensor<S>, alpha = 1): this {
    checkInPlace(this as Tensor, 'add_');
    if (!(other instanceof Tensor) || !sameShape(other.shape, this.shape)) {
      throw new ShapeError(`add_: expected a tensor of shape ${formatList(this.shape)}, got ${other instanceof Tensor ? formatList(other.shape) : String(other)}`);
    }
    const data = this.data;
    const values = other.data;
    for (let i = 0; i < data.length; i++) data[i]! += alpha * values[i]!;
    this.#version++;
    return this;
  }

  /**
   * Multiplies every element by `factor`, in place (PyTorch's `mul_()` with a number).
   *
   * @throws {Error} on a leaf that requires grad, outside `noGrad` (PyTorch's words).
   */
  mul_(factor: number): this {
    checkInPlace(this as Tensor, 'mul_');
    const data = this.data;
    for (let i = 0; i < data.length; i++) data[i]! *= factor;
    this.#version++;
    return this;
  }

  /** The number of dims. */
  get ndim(): number {
    return this.shape.length;
  }

  /** The number of elements (PyTorch's `numel()`). */
  numel(): number {
    return this.data.length;
  }

  /**
   * The same data with another shape; one dim may be `-1` (inferred). Element counts are checked
   * at compile time for literal shapes (the message appears at the argument) and always at runtime.
   * The data is shared, as PyTorch's `view` of a contiguous tensor.
   *
   * @throws {ShapeError} when the element counts differ; {@link RangeError} for a bad dim.
   */
  reshape<const NewShape extends readonly number[]>(
    shape: ReshapeArgument<S, NewShape>,
  ): TensorOf<ReshapeOutputShape<S, NewShape>> {
    const newShape = reshapeOutputShape(this.shape, shape as readonly number[]);
    // the gradient of a view is the output's gradient, read with the input's shape
    return record(traced(new Tensor(this.data, newShape), 'reshape', [this]), 'ReshapeBackward', [this], (grad) => [grad]) as TensorOf<ReshapeOutputShape<S, NewShape>>;
  }

  /** The values as nested arrays, one level per dim (a plain number for a 0-d tensor). */
  toArray(): NestedArray<S> {
    const { data, shape } = this;
    const build = (dim: number, offset: number, stride: number): NestedNumbers => {
      if (dim === shape.length) return data[offset] as number;
      const size = shape[dim] as number;
      const inner = stride / (size || 1);
      const out: NestedNumbers[] = [];
      for (let i = 0; i < size; i++) out.push(build(dim + 1, offset + i * inner, inner));
      return out;
    };
    return build(0, 0, data.length || numel(shape)) as NestedArray<S>;
  }

  /**
   * The value at one index per dim; negative indices count from the end, as in PyTorch.
   *
   * @throws {RangeError} for a wrong number of indices or an index out of range.
   */
  get(...index: Index<S>): number {
    const indices = index as readonly number[];
    if (indices.length !== this.shape.length) {
      throw new RangeError(`get: expected ${this.shape.length} indices for shape ${formatList(this.shape)}, got ${indices.length}`);
    }
    let offset = 0;
    indices.forEach((value, dim) => {
      const size = this.shape[dim] as number;
      if (!Number.isInteger(value) || value < -size || value >= size) {
        throw new RangeError(`get: index ${value} is out of bounds for dimension ${dim} with size ${size}`);
      }
      offset = offset * size + (value < 0 ? value + size : value);
    });
    return this.data[offset] as number;
  }

  /** The tensor printed as PyTorch prints it: `tensor([[0., 1.], [2., 3.]])`, wrapped the same. */
  toString(): string {
    return formatTensor(this.data, this.shape);
  }
}

/** Checks that every dim is a non-negative integer. */
export function checkShape(op: string, shape: readonly unknown[]): void {
  if (!Array.isArray(shape)) throw new TypeError(`${op}: shape must be an array of dims`);
  for (const dim of shape) {
    if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 0) {
      throw new RangeError(`${op}: shape ${formatList(shape)} must hold non-negative integers`);
    }
  }
}
