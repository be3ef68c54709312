import type { ErrorMessage } from '../arithmetic/error-message.js';
import { numel, reshapeOutputShape, type ReshapeOutputShape } from '../shape/reshape.js';
import { formatList } from '../shape/format.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
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

/** A tensor of the shape a computation produced (an error there has already been reported). */
type TensorOf<S> = S extends Shape ? Tensor<S> : never;

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
    return new Tensor(this.data, newShape) as TensorOf<ReshapeOutputShape<S, NewShape>>;
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
