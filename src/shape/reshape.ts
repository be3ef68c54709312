import type { QuotientOfDims } from './symbolic-types.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { FloorDivide } from '../arithmetic/floor-divide.js';
import type { Mod } from '../arithmetic/mod.js';
import type { Multiply } from '../arithmetic/multiply.js';
import type { NaturalDigits } from '../arithmetic/internal/signed.js';
import { formatList, type FormatList } from './format.js';
import { ShapeError } from './shape-error.js';
import type { Shape } from './shape.js';

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/**
 * A target shape whose element count differs from the tensor's (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { ReshapeSizeMessage } from 'shapecheck';
 * type M = ReshapeSizeMessage<[2, 4], 6>;
 * //=> "reshape: shape '[2, 4]' is invalid for input of size 6"
 * ```
 * @category Messages
 */
export type ReshapeSizeMessage<NewShape extends readonly unknown[], Size extends number | string> =
  `reshape: shape '${FormatList<NewShape>}' is invalid for input of size ${Size}`;
/**
 * Runtime twin of {@link ReshapeSizeMessage}.
 *
 * @example
 * ```ts
 * import { writeReshapeSizeMessage } from 'shapecheck';
 * writeReshapeSizeMessage([2, 4], 6);
 * //=> "reshape: shape '[2, 4]' is invalid for input of size 6"
 * ```
 * @category Messages
 */
export function writeReshapeSizeMessage(newShape: readonly number[], size: number): string {
  return `reshape: shape '${formatList(newShape)}' is invalid for input of size ${size}`;
}

/**
 * A target shape with more than one `-1`, or a dim below `-1`.
 *
 * @example
 * ```ts
 * import type { ReshapeDimMessage } from 'shapecheck';
 * type M = ReshapeDimMessage<[-1, -1]>;
 * //=> 'reshape: only one dimension can be inferred (-1), and every other must be a non-negative integer, got [-1, -1]'
 * ```
 * @category Messages
 */
export type ReshapeDimMessage<NewShape extends readonly unknown[]> =
  `reshape: only one dimension can be inferred (-1), and every other must be a non-negative integer, got ${FormatList<NewShape>}`;
/**
 * Runtime twin of {@link ReshapeDimMessage}.
 *
 * @example
 * ```ts
 * import { writeReshapeDimMessage } from 'shapecheck';
 * writeReshapeDimMessage([-1, -1]);
 * //=> 'reshape: only one dimension can be inferred (-1), and every other must be a non-negative integer, got [-1, -1]'
 * ```
 * @category Messages
 */
export function writeReshapeDimMessage(newShape: readonly number[]): string {
  return `reshape: only one dimension can be inferred (-1), and every other must be a non-negative integer, got ${formatList(newShape)}`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/**
 * The number of elements of a shape: the product of its dims, exact for literal dims; `number`
 * when a dim is `number` or a name.
 *
 * @example
 * ```ts
 * import type { Numel } from 'shapecheck';
 * type A = Numel<[1, 3, 224, 224]>;
 * //=> 150528
 * type B = Numel<['batch', 3]>;
 * //=> number
 * ```
 * @category Shapes
 */
export type Numel<S extends Shape> = NumelOf<S, 1>;

type NumelOf<S extends Shape, Acc extends number> = S extends readonly [infer D, ...infer Rest extends Shape]
  ? D extends number
    ? number extends D
      ? number
      : Multiply<Acc, D> extends infer Product extends number
        ? NumelOf<Rest, Product>
        : number
    : number
  : number extends S['length']
    ? number
    : Acc;

/** Counts the `-1` entries and checks the others are non-negative integer literals or `number`. */
type CountInferred<NewShape extends readonly unknown[], Count extends unknown[] = []> = NewShape extends readonly [
  infer D,
  ...infer Rest,
]
  ? D extends -1
    ? CountInferred<Rest, [...Count, D]>
    : D extends number
      ? number extends D
        ? CountInferred<Rest, Count>
        : NaturalDigits<D> extends string
          ? CountInferred<Rest, Count>
          : 'bad'
      : 'bad'
  : Count['length'];

/** The target shape with `-1` replaced by `Fill`. */
type FillInferred<NewShape extends readonly unknown[], Fill> = { -readonly [K in keyof NewShape]: NewShape[K] extends -1 ? Fill : NewShape[K] };

/** The product of the dims other than `-1`. */
type KnownNumel<NewShape extends readonly unknown[]> = { -readonly [K in keyof NewShape]: NewShape[K] extends -1 ? 1 : NewShape[K] } extends infer Known extends Shape
  ? Numel<Known>
  : number;

/**
 * The shape after `reshape(NewShape)` of a tensor of shape `S`: `-1` is inferred, the element
 * counts must agree. Literal shapes are checked exactly; a shape with `number` or named dims is
 * unchecked (its `-1` becomes `number`). Errors are {@link ErrorMessage}s with the text
 * {@link reshapeOutputShape} throws.
 *
 * @example
 * ```ts
 * import type { ReshapeOutputShape } from 'shapecheck';
 * type A = ReshapeOutputShape<[2, 3, 4], [6, -1]>;
 * //=> [6, 4]
 * type B = ReshapeOutputShape<[2, 3], [4, 2]>;
 * //=> ErrorMessage<"reshape: shape '[4, 2]' is invalid for input of size 6">
 * ```
 * @category Shapes
 */
export type ReshapeOutputShape<S extends Shape, NewShape extends readonly number[]> =
  CountInferred<NewShape> extends infer Inferred
    ? Inferred extends 0 | 1
      ? Numel<S> extends infer Size extends number
        ? number extends Size
          ? // a source of expressions: -1 is the exact quotient where it is one; unchecked otherwise
            Inferred extends 1
            ? KnownNumel<NewShape> extends infer Known extends number
              ? number extends Known
                ? FillInferred<NewShape, number>
                : Known extends 0
                  ? FillInferred<NewShape, number>
                  : Extract<S[number], string> extends never
                    ? FillInferred<NewShape, number>
                    : FillInferred<NewShape, QuotientOfDims<S, Known>>
              : never
            : FillInferred<NewShape, number>
          : KnownNumel<NewShape> extends infer Known extends number
            ? number extends Known
              ? FillInferred<NewShape, number>
              : Inferred extends 0
                ? Known extends Size
                  ? FillInferred<NewShape, never>
                  : ErrorMessage<ReshapeSizeMessage<NewShape, Size>>
                : // one dim to infer: the others must divide the size
                  Known extends 0
                  ? ErrorMessage<ReshapeSizeMessage<NewShape, Size>>
                  : Mod<Size, Known> extends 0
                    ? FillInferred<NewShape, FloorDivide<Size, Known>>
                    : ErrorMessage<ReshapeSizeMessage<NewShape, Size>>
            : never
        : never
      : ErrorMessage<ReshapeDimMessage<NewShape>>
    : never;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * The number of elements of a shape (runtime twin of {@link Numel}).
 *
 * @example
 * ```ts
 * import { numel } from 'shapecheck';
 * numel([1, 3, 224, 224]);
 * //=> 150528
 * ```
 * @category Shapes
 */
export function numel(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}

/**
 * The shape after reshaping a tensor of shape `shape` to `newShape` (one `-1` is inferred),
 * throwing the messages of {@link ReshapeOutputShape}.
 *
 * @throws {ShapeError} when the element counts cannot agree.
 * @throws {RangeError} for more than one `-1` or a dim that is not a non-negative integer.
 * @example
 * ```ts
 * import { reshapeOutputShape } from 'shapecheck';
 * reshapeOutputShape([2, 3, 4], [-1, 4]);
 * //=> [6, 4]
 * ```
 * @category Shapes
 */
export function reshapeOutputShape(shape: readonly number[], newShape: readonly number[]): number[] {
  const size = numel(shape);
  let inferred = -1;
  let known = 1;
  newShape.forEach((dim, i) => {
    if (dim === -1 && inferred === -1) inferred = i;
    else if (!Number.isInteger(dim) || dim < 0) throw new RangeError(writeReshapeDimMessage(newShape));
    else known *= dim;
  });
  if (inferred === -1) {
    if (known !== size) throw new ShapeError(writeReshapeSizeMessage(newShape, size));
    return [...newShape];
  }
  if (known === 0 || size % known !== 0) throw new ShapeError(writeReshapeSizeMessage(newShape, size));
  const result = [...newShape];
  result[inferred] = size / known;
  return result;
}
