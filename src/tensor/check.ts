import { formatList, type FormatList } from '../shape/format.js';
import { isDimName } from '../shape/symbolic.js';
import type { IsDimName } from '../shape/symbolic-types.js';
import { numel } from '../shape/reshape.js';
import { ShapeError } from '../shape/shape-error.js';
import { Tensor } from './tensor.js';

/**
 * What a value that should have been a `Tensor` is, for a message: `null`, `undefined`,
 * `a number (3)`, `a string ('x')`, `an array`, `a plain object`, `a Float32Array`, `a Map`.
 */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'number':
    case 'bigint':
    case 'boolean':
      return `a ${typeof value} (${String(value)})`;
    case 'string':
      return `a string ('${value}')`;
    case 'function':
      return 'a function';
    default: {
      const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
      return typeof name === 'string' && name !== 'Object' ? `a ${name}` : 'a plain object';
    }
  }
}

/**
 * The message for an argument that is not a `Tensor` (PyTorch's words: `argument 'input' must be
 * Tensor`). Plain objects that merely look like tensors are refused: a tensor's data and shape
 * are checked against each other only when it is made.
 *
 * @example
 * ```ts
 * import { writeNotATensorMessage } from 'shapecheck';
 * writeNotATensorMessage('Conv2d.forward', 'input', { shape: [1], data: [0] });
 * //=> "Conv2d.forward: input must be a Tensor, got a plain object (argument 'input' must be Tensor)"
 * ```
 * @category Messages
 */
export function writeNotATensorMessage(op: string, name: string, value: unknown): string {
  return `${op}: ${name} must be a Tensor, got ${describe(value)} (argument '${name}' must be Tensor)`;
}

/**
 * The message for a tensor whose data no longer fills its shape (its buffer was detached or
 * transferred).
 *
 * @example
 * ```ts
 * import { writeTensorDataMessage } from 'shapecheck';
 * writeTensorDataMessage('linear', 'input', 0, [2, 3]);
 * //=> 'linear: input has 0 elements of data, but its shape [2, 3] needs 6'
 * ```
 * @category Messages
 */
export function writeTensorDataMessage(op: string, name: string, length: number, shape: readonly number[]): string {
  return `${op}: ${name} has ${length} elements of data, but its shape ${formatList(shape)} needs ${numel(shape)}`;
}

/**
 * Checks that `value` is a `Tensor` whose data fills its shape (O(rank)), as every op does before
 * it reads a tensor; returns it.
 *
 * @throws {TypeError} when `value` is not a `Tensor` (a plain object, an array, `null`, …).
 * @throws {ShapeError} when its data's length is not the product of its dims.
 * @example
 * ```ts
 * import { checkTensor, zeros } from 'shapecheck';
 * checkTensor('relu', 'input', zeros([2, 3])).shape;
 * //=> [2, 3]
 * ```
 * @category Tensors
 */
export function checkTensor(op: string, name: string, value: unknown): Tensor {
  if (!(value instanceof Tensor)) throw new TypeError(writeNotATensorMessage(op, name, value));
  const shape = value.shape as readonly number[];
  if (!(value.data instanceof Float32Array) || value.data.length !== numel(shape)) {
    const length = value.data instanceof Float32Array ? value.data.length : NaN;
    throw new ShapeError(writeTensorDataMessage(op, name, length, shape));
  }
  return value;
}

/**
 * The message for a declared input shape (a model's) with a dim that is neither a non-negative
 * integer nor a name. A name is an identifier: an expression such as `'(H+1)//2'` is what layers
 * derive from names, and a model binds its names to its input's sizes, so it declares names.
 *
 * @example
 * ```ts
 * import { writeDeclaredShapeMessage } from 'shapecheck';
 * writeDeclaredShapeMessage('Sequential', [-1, 3], 0);
 * //=> 'Sequential: input shape [-1, 3] must hold non-negative integers or dim names, got -1 at dim 0 (Trying to create tensor with negative dimension)'
 * ```
 * @category Messages
 */
export function writeDeclaredShapeMessage(op: string, shape: readonly unknown[], index: number): string {
  const dim = shape[index];
  const shown = typeof dim === 'string' ? `'${dim}'` : String(dim);
  const phrase = typeof dim === 'number' && dim < 0 ? ' (Trying to create tensor with negative dimension)' : typeof dim === 'string' && dim.length > 0 ? ' (a name is an identifier; expressions are what layers derive)' : '';
  return `${op}: input shape ${formatList(shape)} must hold non-negative integers or dim names, got ${shown} at dim ${index}${phrase}`;
}

/**
 * Checks a declared input shape: an array of non-negative safe integers and non-empty names.
 *
 * @throws {TypeError} when it is not an array, or a dim is neither.
 * @example
 * ```ts
 * import { checkDeclaredShape } from 'shapecheck';
 * checkDeclaredShape('Sequential', ['batch', 3, 32, 32]);
 * //=> ['batch', 3, 32, 32]
 * ```
 * @category Models
 */
export function checkDeclaredShape<const S extends readonly (number | string)[]>(op: string, shape: S): S {
  if (!Array.isArray(shape)) throw new TypeError(`${op}: the input shape must be an array of dims, got ${String(shape)}`);
  shape.forEach((dim: unknown, index) => {
    const fits = typeof dim === 'string' ? isDimName(dim) : Number.isSafeInteger(dim) && (dim as number) >= 0;
    if (!fits) throw new TypeError(writeDeclaredShapeMessage(op, shape, index));
  });
  return shape;
}

/**
 * {@link writeDeclaredShapeMessage} in the types: the message for the first dim of a declared
 * input shape that is a negative literal or a string that is not a name; never when all fit.
 */
export type DeclaredShapeMessage<Op extends string, S extends readonly unknown[], Rest extends readonly unknown[] = S, Index extends unknown[] = []> = Rest extends readonly [
  infer D,
  ...infer Tail,
]
  ? D extends string
    ? IsDimName<D> extends true
      ? DeclaredShapeMessage<Op, S, Tail, [...Index, 0]>
      : `${Op}: input shape ${FormatList<S>} must hold non-negative integers or dim names, got '${D}' at dim ${Index['length']}${D extends '' ? '' : ' (a name is an identifier; expressions are what layers derive)'}`
    : D extends number
      ? `${D}` extends `-${string}`
        ? `${Op}: input shape ${FormatList<S>} must hold non-negative integers or dim names, got ${D} at dim ${Index['length']} (Trying to create tensor with negative dimension)`
        : DeclaredShapeMessage<Op, S, Tail, [...Index, 0]>
      : DeclaredShapeMessage<Op, S, Tail, [...Index, 0]>
  : never;
/** A declared input shape as a parameter: the shape, or its message when a dim does not fit. */
export type DeclaredShapeArgument<Op extends string, S extends readonly unknown[]> = [DeclaredShapeMessage<Op, S>] extends [never] ? S : DeclaredShapeMessage<Op, S>;
