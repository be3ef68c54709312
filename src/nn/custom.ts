import type { ErrorMessage } from '../arithmetic/error-message.js';
import { bindNames, writeInputShapeMessage, type BindNames, type InputShapeMessage, type NameBindings } from '../shape/names.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Layer } from './sequential.js';

/**
 * The output shape of a custom layer (a `Layer`: `kind`, `outputShape` and a `forward` typed
 * for one input shape) for an input shape: what its `forward` returns when the input fits what
 * `forward` takes, else an {@link ErrorMessage}. Names in `forward`'s input (such as `'batch'`)
 * accept any size, the same name the same size, and are bound to what they are given: in the
 * output they are replaced by it ({@link NameBindings}, {@link BindNames}); a name or an
 * expression of names (`'(H+1)//2'`) where `forward` declares a literal size is an error, as when
 * the model is built (it would fit finitely many sizes at most).
 * `Sequential` uses it for layers it has no rule for, so your own blocks compose like built-in
 * layers.
 *
 * @example
 * ```ts
 * import type { CustomLayerOutputShape, Tensor } from 'shapecheck';
 * type Block = {
 *   readonly kind: 'Block';
 *   outputShape(shape: readonly number[]): number[];
 *   forward(x: Tensor<['batch', 64, 56, 56]>): Tensor<['batch', 128, 28, 28]>;
 * };
 * type A = CustomLayerOutputShape<Block, ['batch', 64, 56, 56]>;
 * //=> ['batch', 128, 28, 28]
 * type B = CustomLayerOutputShape<Block, [8, 64, 56, 56]>;
 * //=> [8, 128, 28, 28]
 * type C = CustomLayerOutputShape<Block, [1, 32, 56, 56]>;
 * //=> ErrorMessage<'Block: expected an input of shape [batch, 64, 56, 56], got [1, 32, 56, 56]'>
 * type D = CustomLayerOutputShape<Block, ['batch', 64, '(H+1)//2', 56]>;
 * //=> ErrorMessage<'Block: expected an input of shape [batch, 64, 56, 56], got [batch, 64, (H+1)//2, 56]'>
 * ```
 * @category Models
 */
export type CustomLayerOutputShape<L, S extends Shape> = L extends { readonly kind: infer Kind extends string }
  ? L extends Layer & { forward(input: Tensor<infer In extends Shape>): Tensor<infer Out extends Shape> }
    ? number extends S['length']
      ? Out
      : [NameBindings<In, S>] extends [never]
        ? ErrorMessage<InputShapeMessage<Kind, In, S>>
        : NamedWhereLiteral<In, S> extends true
          ? ErrorMessage<InputShapeMessage<Kind, In, S>>
          : BindNames<Out, NameBindings<In, S>>
    : ErrorMessage<`${Kind}: a layer needs outputShape(shape) and a forward that takes and returns tensors typed with shapes (Tensor<[...]>)`>
  : ErrorMessage<'Sequential: a layer without a known shape rule'>;

/**
 * Whether a name or an expression of names reaches a dim the block declares as a literal size:
 * the model then fits the block for finitely many sizes at most, an error when the model is built
 * (where a layer's shape rule meets it), as the runtime reports it then.
 */
type NamedWhereLiteral<Declared extends Shape, Given extends Shape> = true extends {
  [K in keyof Declared]: K extends keyof Given ? (Declared[K] extends number ? (number extends Declared[K] ? false : Given[K] extends string ? true : false) : false) : false;
}[number]
  ? true
  : false;

/**
 * Checks a custom layer's input shape at runtime, with the words {@link CustomLayerOutputShape}
 * shows in the editor (names in `expected`, such as `'batch'`, accept any size, the same name the
 * same size: {@link bindNames}).
 *
 * @throws {ShapeError} when `actual` does not fit `expected`.
 * @example
 * ```ts
 * import { checkInputShape } from 'shapecheck';
 * checkInputShape('BasicBlock', ['batch', 64, 56, 56], [8, 64, 56, 56]);
 * //=> undefined
 * ```
 * @category Models
 */
export function checkInputShape(kind: string, expected: readonly (number | string)[], actual: readonly number[]): void {
  if (!bindNames(expected, actual)) throw new ShapeError(writeInputShapeMessage(kind, expected, actual));
}
