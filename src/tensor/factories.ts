import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { FloorDivide } from '../arithmetic/floor-divide.js';
import type { Subtract } from '../arithmetic/subtract.js';
import type { IsWide } from '../arithmetic/internal/signed.js';
import { formatList, type FormatList } from '../shape/format.js';
import { numel, type Numel } from '../shape/reshape.js';
import { ShapeError } from '../shape/shape-error.js';
import { allocateData } from './allocate.js';
import { checkRandomOptions, generatorFor } from './random.js';
import { Tensor, checkShape, type NestedNumbers, type RuntimeShape } from './tensor.js';

// ---------------------------------------------------------------------------------------------
// Messages shared by the types and the runtime.

/**
 * Data whose length is not the product of the shape's dims.
 *
 * @example
 * ```ts
 * import type { DataLengthMessage } from 'shapecheck';
 * type M = DataLengthMessage<5, [2, 3], 6>;
 * //=> 'tensor: data has 5 elements, but shape [2, 3] needs 6'
 * ```
 * @category Messages
 */
export type DataLengthMessage<Length extends number, S extends readonly unknown[], Size extends number> =
  `tensor: data has ${Length} elements, but shape ${FormatList<S>} needs ${Size}`;
/**
 * Runtime twin of {@link DataLengthMessage}.
 *
 * @example
 * ```ts
 * import { writeDataLengthMessage } from 'shapecheck';
 * writeDataLengthMessage(5, [2, 3], 6);
 * //=> 'tensor: data has 5 elements, but shape [2, 3] needs 6'
 * ```
 * @category Messages
 */
export function writeDataLengthMessage(length: number, shape: readonly number[], size: number): string {
  return `tensor: data has ${length} elements, but shape ${formatList(shape)} needs ${size}`;
}

/**
 * Nested arrays whose rows differ in length (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { RaggedMessage } from 'shapecheck';
 * type M = RaggedMessage;
 * //=> 'tensor: nested arrays must be rectangular: expected sequences of equal length at each dim'
 * ```
 * @category Messages
 */
export type RaggedMessage = 'tensor: nested arrays must be rectangular: expected sequences of equal length at each dim';
/**
 * Runtime twin of {@link RaggedMessage}, with where the rows differ.
 *
 * @example
 * ```ts
 * import { writeRaggedMessage } from 'shapecheck';
 * writeRaggedMessage(3, 1, 2);
 * //=> 'tensor: nested arrays must be rectangular: expected sequences of equal length at each dim (expected sequence of length 3 at dim 1 (got 2))'
 * ```
 * @category Messages
 */
export function writeRaggedMessage(expected: number, dim: number, got: number): string {
  return `tensor: nested arrays must be rectangular: expected sequences of equal length at each dim (expected sequence of length ${expected} at dim ${dim} (got ${got}))`;
}

// ---------------------------------------------------------------------------------------------
// Types.

type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;

/**
 * The shape of a nested array literal: `[[1, 2, 3], [4, 5, 6]]` has shape `[2, 3]`; ragged
 * nesting gives an {@link ErrorMessage}.
 *
 * @example
 * ```ts
 * import type { NestedShape } from 'shapecheck';
 * type A = NestedShape<[[1, 2, 3], [4, 5, 6]]>;
 * //=> [2, 3]
 * ```
 * @category Tensors
 */
export type NestedShape<T> = NestedShapeOf<T> extends infer S ? ('ragged' extends S[keyof S] ? ErrorMessage<RaggedMessage> : S) : never;

type NestedShapeOf<T> = [T] extends [number]
  ? []
  : [T] extends [readonly unknown[]]
    ? true extends IsUnion<T['length']>
      ? ['ragged']
      : [T['length'], ...NestedShapeOf<T[number]>]
    : ['ragged'];

/** The `shape` argument: the shape, or the message when the data cannot fill it. */
type ShapeArgument<Data, S extends readonly number[]> = Data extends readonly number[]
  ? number extends Data['length']
    ? S
    : Numel<S> extends infer Size extends number
      ? number extends Size
        ? S
        : Data['length'] extends Size
          ? S
          : DataLengthMessage<Data['length'], S, Size>
      : S
  : S;

/**
 * The length of `arange(start, end, step)`: `ceil((end − start) / step)`, exact for integer
 * literals, `number` otherwise.
 *
 * @example
 * ```ts
 * import type { ArangeLength } from 'shapecheck';
 * type A = ArangeLength<2, 11, 3>;
 * //=> 3
 * ```
 * @category Tensors
 */
export type ArangeLength<Start extends number, End extends number, Step extends number> =
  true extends IsWide<Start> | IsWide<End> | IsWide<Step>
    ? number
    : // ceil(a / b) = −floor(−a / b)
      Subtract<Start, End> extends infer Difference extends number
      ? FloorDivide<Difference, Step> extends infer Negated extends number
        ? Subtract<0, Negated> extends infer Length extends number
          ? `${Length}` extends `-${string}`
            ? number
            : Length
          : number
        : number
      : number;

// ---------------------------------------------------------------------------------------------
// Factories.

/**
 * Makes a tensor, copying the values: either flat data and a shape, or nested arrays whose
 * shape is inferred (`tensor([[1, 2, 3], [4, 5, 6]])` is a `Tensor<[2, 3]>`). With literal data,
 * a length that does not fit the shape is a compile error at the `shape` argument.
 *
 * @throws {ShapeError} when the data does not fill the shape or nested arrays are ragged.
 * @example
 * ```ts
 * import { tensor } from 'shapecheck';
 * const a = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
 * const b = tensor([[1, 2, 3], [4, 5, 6]]);
 * b.shape;
 * //=> [2, 3]
 * a.toArray();
 * //=> [[1, 2, 3], [4, 5, 6]]
 * ```
 * @category Tensors
 */
export function tensor<const Data extends readonly number[] | Float32Array, const S extends readonly number[]>(
  data: Data,
  shape: ShapeArgument<Data, S>,
): Tensor<S>;
export function tensor<const Data extends NestedNumbers | readonly NestedData[]>(
  data: NestedShape<Data> extends ErrorMessage<infer Message> ? Message : Data,
): TensorOfNested<Data>;
export function tensor(data: NestedNumbers | readonly NestedData[] | Float32Array, shape?: readonly number[]): Tensor {
  if (shape !== undefined) {
    checkShape('tensor', shape);
    const size = numel(shape);
    const length = (data as ArrayLike<number>).length;
    if (length !== size) throw new ShapeError(writeDataLengthMessage(length, shape, size));
    const values = allocateData('tensor', shape);
    values.set(data as ArrayLike<number>);
    return new Tensor(values, shape);
  }
  const inferred: number[] = [];
  for (let level: unknown = data; Array.isArray(level); level = level[0]) inferred.push(level.length);
  const values = allocateData('tensor', inferred);
  let offset = 0;
  const fill = (value: unknown, dim: number): void => {
    if (dim === inferred.length) {
      if (typeof value !== 'number') throw new ShapeError(writeRaggedMessage(0, dim, (value as unknown[]).length));
      values[offset++] = value;
      return;
    }
    if (!Array.isArray(value) || value.length !== inferred[dim]) {
      throw new ShapeError(writeRaggedMessage(inferred[dim] as number, dim, Array.isArray(value) ? value.length : 0));
    }
    for (const item of value) fill(item, dim + 1);
  };
  fill(data, 0);
  return new Tensor(values, inferred);
}

/** Nested readonly arrays of numbers, as a `const` literal infers them. */
type NestedData = number | readonly NestedData[];
/** The tensor a nested literal makes. */
type TensorOfNested<Data> = NestedShape<Data> extends infer S extends readonly number[] ? Tensor<S> : never;

/**
 * A tensor of `shape` filled with `value` (PyTorch's `torch.full`).
 *
 * @example
 * ```ts
 * import { full } from 'shapecheck';
 * full([2, 2], 7).toArray();
 * //=> [[7, 7], [7, 7]]
 * ```
 * @category Tensors
 */
export function full<const S extends readonly number[]>(shape: S, value: number, options: FactoryOptions = {}): Tensor<S> {
  return withGrad('full', filled('full', shape, value), options);
}

/**
 * What every factory takes: whether the new tensor requires grad (a leaf whose gradient
 * `backward` computes, as PyTorch's `requires_grad=True`).
 *
 * @example
 * ```ts
 * import { zeros, type FactoryOptions } from 'shapecheck';
 * const options: FactoryOptions = { requiresGrad: true };
 * zeros([2], options).requiresGrad;
 * //=> true
 * ```
 * @category Tensors
 */
export interface FactoryOptions {
  /** Default false. */
  readonly requiresGrad?: boolean;
}

/** `tensor` with `requiresGrad` set from `options` (checked: a boolean or left out). */
function withGrad<T extends Tensor>(op: string, tensor: T, options: FactoryOptions): T {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${op}: the options must be an object like { requiresGrad: true }, got ${String(options)}`);
  const { requiresGrad } = options;
  if (requiresGrad === undefined) return tensor;
  if (typeof requiresGrad !== 'boolean') throw new TypeError(`${op}: requiresGrad must be a boolean, got ${String(requiresGrad)}`);
  return tensor.requiresGrad_(requiresGrad);
}

/**
 * A tensor of `shape` holding `value`: allocation only for 0 (a new `Float32Array` is zeroed), a
 * single `fill` otherwise, so a factory costs what allocating the memory costs.
 */
function filled<const S extends readonly number[]>(op: string, shape: S, value: number): Tensor<S> {
  checkShape(op, shape);
  if (typeof value !== 'number') throw new TypeError(`${op}: value must be a number, got ${String(value)}`);
  const data = allocateData(op, shape);
  // -0 must be written: a fresh array holds +0
  if (value !== 0 || Object.is(value, -0)) data.fill(value);
  return new Tensor(data, shape as RuntimeShape<S>);
}

/**
 * A tensor of zeros (PyTorch's `torch.zeros`).
 *
 * @example
 * ```ts
 * import { zeros } from 'shapecheck';
 * zeros([1, 3, 224, 224]).shape;
 * //=> [1, 3, 224, 224]
 * ```
 * @category Tensors
 */
export function zeros<const S extends readonly number[]>(shape: S, options: FactoryOptions = {}): Tensor<S> {
  return withGrad('zeros', filled('zeros', shape, 0), options);
}

/**
 * A tensor of ones (PyTorch's `torch.ones`).
 *
 * @example
 * ```ts
 * import { ones } from 'shapecheck';
 * ones([3]).toArray();
 * //=> [1, 1, 1]
 * ```
 * @category Tensors
 */
export function ones<const S extends readonly number[]>(shape: S, options: FactoryOptions = {}): Tensor<S> {
  return withGrad('ones', filled('ones', shape, 1), options);
}

/**
 * `0, 1, …, end − 1` (one argument) or `start, start + step, …` below `end` (PyTorch's
 * `torch.arange`); the length is computed at compile time for integer literals.
 *
 * @throws {RangeError} for a zero step, a step whose sign cannot reach `end`, or a non-finite bound.
 * @example
 * ```ts
 * import { arange } from 'shapecheck';
 * arange(4).toArray();
 * //=> [0, 1, 2, 3]
 * arange(2, 11, 3).toArray();
 * //=> [2, 5, 8]
 * ```
 * @category Tensors
 */
export function arange<const End extends number>(end: End): Tensor<[ArangeLength<0, End, 1>]>;
export function arange<const Start extends number, const End extends number, const Step extends number = 1>(
  start: Start,
  end: End,
  step?: Step,
): Tensor<[ArangeLength<Start, End, Step>]>;
export function arange(first: number, second?: number, step = 1): Tensor<[number]> {
  const [start, end] = second === undefined ? [0, first] : [first, second];
  if (!Number.isFinite(start) || !Number.isFinite(end) || !Number.isFinite(step)) {
    throw new RangeError(`arange: start, end and step must be finite, got ${start}, ${end}, ${step}`);
  }
  if (step === 0) throw new RangeError('arange: step must be nonzero');
  if ((end - start) * step < 0) {
    throw new RangeError(`arange: upper bound and larger bound inconsistent with step sign, got start=${start}, end=${end}, step=${step}`);
  }
  const length = Math.max(0, Math.ceil((end - start) / step));
  const values = allocateData('arange', [length]);
  for (let i = 0; i < length; i++) values[i] = start + i * step;
  return new Tensor(values, [length]);
}

/**
 * Options of the random factories and of layer initialisation.
 *
 * @example
 * ```ts
 * import { randn, type RandomOptions } from 'shapecheck';
 * const options: RandomOptions = { seed: 42 };
 * randn([2], options).data[0] === randn([2], options).data[0];
 * //=> true
 * ```
 * @category Tensors
 */
export interface RandomOptions extends FactoryOptions {
  /** Seed for a fresh generator; without it, the default generator (see `manualSeed`) is used. */
  readonly seed?: number;
}

/**
 * Uniform random values in [0, 1) (PyTorch's `torch.rand`), reproducible with a seed.
 *
 * @example
 * ```ts
 * import { rand } from 'shapecheck';
 * rand([2, 3], { seed: 1 }).shape;
 * //=> [2, 3]
 * ```
 * @category Tensors
 */
export function rand<const S extends readonly number[]>(shape: S, options: RandomOptions = {}): Tensor<S> {
  checkShape('rand', shape);
  checkRandomOptions('rand', options);
  const generator = generatorFor(options.seed, 'rand');
  const values = allocateData('rand', shape);
  for (let i = 0; i < values.length; i++) values[i] = generator.uniform();
  return withGrad('rand', new Tensor(values, shape as RuntimeShape<S>), options);
}

/**
 * Standard normal random values (PyTorch's `torch.randn`), reproducible with a seed.
 *
 * @example
 * ```ts
 * import { randn } from 'shapecheck';
 * randn([1, 3, 8, 8], { seed: 1 }).shape;
 * //=> [1, 3, 8, 8]
 * ```
 * @category Tensors
 */
export function randn<const S extends readonly number[]>(shape: S, options: RandomOptions = {}): Tensor<S> {
  checkShape('randn', shape);
  checkRandomOptions('randn', options);
  const generator = generatorFor(options.seed, 'randn');
  const values = allocateData('randn', shape);
  for (let i = 0; i < values.length; i++) values[i] = generator.normal();
  return withGrad('randn', new Tensor(values, shape as RuntimeShape<S>), options);
}
