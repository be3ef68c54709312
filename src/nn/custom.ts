import type { ErrorMessage } from '../arithmetic/error-message.js';
import { formatList, type FormatList } from '../shape/format.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Layer } from './sequential.js';

/**
 * An input that does not have the shape a custom layer's `forward` declares.
 *
 * @example
 * ```ts
 * import type { InputShapeMessage } from 'shapecheck';
 * type M = InputShapeMessage<'BasicBlock', ['batch', 64, 56, 56], ['batch', 32, 56, 56]>;
 * //=> 'BasicBlock: expected an input of shape [batch, 64, 56, 56], got [batch, 32, 56, 56]'
 * ```
 * @category Messages
 */
export type InputShapeMessage<Kind extends string, Expected extends readonly unknown[], Got extends readonly unknown[]> =
  `${Kind}: expected an input of shape ${FormatList<Expected>}, got ${FormatList<Got>}`;
/**
 * Runtime twin of {@link InputShapeMessage}.
 *
 * @example
 * ```ts
 * import { writeInputShapeMessage } from 'shapecheck';
 * writeInputShapeMessage('BasicBlock', ['batch', 64, 56, 56], ['batch', 32, 56, 56]);
 * //=> 'BasicBlock: expected an input of shape [batch, 64, 56, 56], got [batch, 32, 56, 56]'
 * ```
 * @category Messages
 */
export function writeInputShapeMessage(kind: string, expected: readonly unknown[], got: readonly unknown[]): string {
  return `${kind}: expected an input of shape ${formatList(expected)}, got ${formatList(got)}`;
}

/** Whether one dim fits a declared one: names and `number` accept any size, literals only themselves. */
type DimFits<Got, Expected> = Expected extends string
  ? true
  : number extends Expected
    ? true
    : Got extends number
      ? number extends Got
        ? true
        : [Got] extends [Expected]
          ? true
          : false
      : true;
type DimsFit<Got extends readonly unknown[], Expected extends readonly unknown[]> = Got extends readonly [infer G, ...infer GRest]
  ? Expected extends readonly [infer E, ...infer ERest]
    ? DimFits<G, E> extends true
      ? DimsFit<GRest, ERest>
      : false
    : false
  : Expected extends readonly []
    ? true
    : false;

/**
 * The output shape of a custom layer (a `Layer`: `kind`, `outputShape` and a `forward` typed
 * for one input shape) for an input shape: what its `forward` returns when the input fits what
 * `forward` takes (names such as `'batch'` accept any size), else an {@link ErrorMessage}.
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
 * type B = CustomLayerOutputShape<Block, [1, 32, 56, 56]>;
 * //=> ErrorMessage<'Block: expected an input of shape [batch, 64, 56, 56], got [1, 32, 56, 56]'>
 * ```
 * @category Models
 */
export type CustomLayerOutputShape<L, S extends Shape> = L extends { readonly kind: infer Kind extends string }
  ? L extends Layer & { forward(input: Tensor<infer In extends Shape>): Tensor<infer Out extends Shape> }
    ? number extends S['length']
      ? Out
      : DimsFit<S, In> extends true
        ? Out
        : ErrorMessage<InputShapeMessage<Kind, In, S>>
    : ErrorMessage<`${Kind}: a layer needs outputShape(shape) and a forward that takes and returns tensors typed with shapes (Tensor<[...]>)`>
  : ErrorMessage<'Sequential: a layer without a known shape rule'>;

/**
 * Checks a custom layer's input shape at runtime, with the words {@link CustomLayerOutputShape}
 * shows in the editor (names in `expected`, such as `'batch'`, accept any size).
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
  const fits = expected.length === actual.length && expected.every((dim, i) => typeof dim === 'string' || dim === actual[i]);
  if (!fits) throw new ShapeError(writeInputShapeMessage(kind, expected, actual));
}
