import { bindNames, writeInputShapeMessage, type InputShapeMessage, type NameBindings } from '../shape/names.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
import type { Tensor } from './tensor.js';

/**
 * The `shape` argument of {@link assertShape}: the shape, or the message when the tensor's type
 * already shows that it cannot have it (another rank, a literal dim that differs, one name given
 * two different literal sizes). A tensor of unknown rank (`Tensor<number[]>`) can have any shape.
 */
type ShapeArgument<Given extends Shape, Declared extends Shape> = number extends Given['length']
  ? Declared
  : [NameBindings<Declared, Given>] extends [never]
    ? InputShapeMessage<'assertShape', Declared, Given>
    : Declared;

/**
 * Checks at runtime that a tensor has `shape`, and returns the same tensor (not a copy) typed as
 * `Tensor<shape>`: the way in for data whose shape the compiler cannot know (a file, a request,
 * `Tensor<number[]>`), as a jaxtyping annotation is in Python. PyTorch has no twin.
 *
 * `shape` may hold literal sizes, which must match exactly, and names (`'batch'`), which match any
 * size, the same name the same size each time it appears (`['n', 'n']` is a square). It throws a
 * {@link ShapeError} in the words of any other input mismatch (`assertShape: expected an input of
 * shape [batch, 1, 28, 28], got [8, 3, 28, 28]`), and when the tensor's type already shows the
 * mismatch the compiler reports those words at `shape`.
 *
 * The result is how a tensor gets a named type: a literal or `number` dim is not assignable to a
 * name (see "Named dims: what is assignable to what" in docs/shapes.md), but it can be asserted
 * to be one.
 *
 * @throws {ShapeError} when the tensor's shape does not fit `shape`.
 * @example
 * ```ts
 * import { Tensor, assertShape, zeros } from 'shapecheck';
 * const data: Tensor<number[]> = zeros([8, 1, 28, 28] as number[]);
 * const images = assertShape(data, ['batch', 1, 28, 28]);
 * type Images = typeof images;
 * //=> Tensor<readonly ['batch', 1, 28, 28]>
 * images.shape;
 * //=> [8, 1, 28, 28]
 * ```
 * @category Tensors
 */
export function assertShape<Given extends Shape, const Declared extends Shape>(
  tensor: Tensor<Given>,
  shape: ShapeArgument<Given, Declared>,
): Tensor<Declared> {
  const declared = shape as unknown as readonly (number | string)[];
  const actual = tensor.shape as readonly number[];
  if (!bindNames(declared, actual)) throw new ShapeError(writeInputShapeMessage('assertShape', declared, actual));
  return tensor as unknown as Tensor<Declared>;
}
