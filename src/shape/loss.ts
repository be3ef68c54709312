/**
 * Shape rules of the losses: class-index targets against `[N, C]` inputs, and targets of the
 * input's own shape; each as a type and a runtime check sharing one message.
 * @packageDocumentation
 */
import { formatList, type FormatList } from './format.js';
import { ShapeError } from './shape-error.js';
import { sameShape, type Shape } from './shape.js';
import type { Tensor } from '../tensor/tensor.js';

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/**
 * A class-index target whose batch size differs from the input's (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { LossBatchMessage } from 'shapecheck';
 * type M = LossBatchMessage<'crossEntropy', 64, 32>;
 * //=> 'crossEntropy: Expected input batch_size (64) to match target batch_size (32).'
 * ```
 * @category Messages
 */
export type LossBatchMessage<Op extends string, InputBatch, TargetBatch> =
  `${Op}: Expected input batch_size (${InputBatch & (number | string)}) to match target batch_size (${TargetBatch & (number | string)}).`;
/**
 * Runtime twin of {@link LossBatchMessage}.
 *
 * @example
 * ```ts
 * import { writeLossBatchMessage } from 'shapecheck';
 * writeLossBatchMessage('crossEntropy', 64, 32);
 * //=> 'crossEntropy: Expected input batch_size (64) to match target batch_size (32).'
 * ```
 * @category Messages
 */
export function writeLossBatchMessage(op: string, inputBatch: number | string, targetBatch: number | string): string {
  return `${op}: Expected input batch_size (${inputBatch}) to match target batch_size (${targetBatch}).`;
}

/**
 * A class-index target that is not 1-D (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { LossTargetRankMessage } from 'shapecheck';
 * type M = LossTargetRankMessage<'nllLoss'>;
 * //=> 'nllLoss: 1D target tensor expected, multi-target not supported'
 * ```
 * @category Messages
 */
export type LossTargetRankMessage<Op extends string> = `${Op}: 1D target tensor expected, multi-target not supported`;
/**
 * Runtime twin of {@link LossTargetRankMessage}.
 *
 * @example
 * ```ts
 * import { writeLossTargetRankMessage } from 'shapecheck';
 * writeLossTargetRankMessage('nllLoss');
 * //=> 'nllLoss: 1D target tensor expected, multi-target not supported'
 * ```
 * @category Messages
 */
export function writeLossTargetRankMessage(op: string): string {
  return `${op}: 1D target tensor expected, multi-target not supported`;
}

/**
 * An input of a class-index loss that is not `[N, C]`.
 *
 * @example
 * ```ts
 * import type { LossInputRankMessage } from 'shapecheck';
 * type M = LossInputRankMessage<'crossEntropy', [10]>;
 * //=> 'crossEntropy: expected input of shape [N, C], got [10]'
 * ```
 * @category Messages
 */
export type LossInputRankMessage<Op extends string, InputShape extends readonly unknown[]> = `${Op}: expected input of shape [N, C], got ${FormatList<InputShape>}`;
/**
 * Runtime twin of {@link LossInputRankMessage}.
 *
 * @example
 * ```ts
 * import { writeLossInputRankMessage } from 'shapecheck';
 * writeLossInputRankMessage('crossEntropy', [10]);
 * //=> 'crossEntropy: expected input of shape [N, C], got [10]'
 * ```
 * @category Messages
 */
export function writeLossInputRankMessage(op: string, inputShape: readonly number[]): string {
  return `${op}: expected input of shape [N, C], got ${formatList(inputShape)}`;
}

/**
 * A target whose shape is not the input's, for the element-wise losses (PyTorch's words for
 * `binary_cross_entropy_with_logits`; shapecheck does not broadcast targets).
 *
 * @example
 * ```ts
 * import type { LossSizeMessage } from 'shapecheck';
 * type M = LossSizeMessage<'mseLoss', [32], [64]>;
 * //=> 'mseLoss: Target size ([32]) must be the same as input size ([64])'
 * ```
 * @category Messages
 */
export type LossSizeMessage<Op extends string, TargetShape extends readonly unknown[], InputShape extends readonly unknown[]> =
  `${Op}: Target size (${FormatList<TargetShape>}) must be the same as input size (${FormatList<InputShape>})`;
/**
 * Runtime twin of {@link LossSizeMessage}.
 *
 * @example
 * ```ts
 * import { writeLossSizeMessage } from 'shapecheck';
 * writeLossSizeMessage('mseLoss', [32], [64]);
 * //=> 'mseLoss: Target size ([32]) must be the same as input size ([64])'
 * ```
 * @category Messages
 */
export function writeLossSizeMessage(op: string, targetShape: readonly number[], inputShape: readonly number[]): string {
  return `${op}: Target size (${formatList(targetShape)}) must be the same as input size (${formatList(inputShape)})`;
}

/**
 * A class index outside `[0, C)` (PyTorch's words).
 *
 * @example
 * ```ts
 * import { writeTargetBoundsMessage } from 'shapecheck';
 * writeTargetBoundsMessage('crossEntropy', 10);
 * //=> 'crossEntropy: Target 10 is out of bounds.'
 * ```
 * @category Messages
 */
export function writeTargetBoundsMessage(op: string, target: number): string {
  return `${op}: Target ${target} is out of bounds.`;
}

/**
 * A class-index target value that is not an integer (class indices are float32 values holding integers).
 *
 * @example
 * ```ts
 * import { writeClassIndexMessage } from 'shapecheck';
 * writeClassIndexMessage('nllLoss', 1.5, 0);
 * //=> 'nllLoss: target must hold class indices (integers stored as float32), got 1.5 at index 0'
 * ```
 * @category Messages
 */
export function writeClassIndexMessage(op: string, value: number, index: number): string {
  return `${op}: target must hold class indices (integers stored as float32), got ${value} at index ${index}`;
}

/**
 * A class weight whose shape is not `[C]` (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { LossWeightMessage } from 'shapecheck';
 * type M = LossWeightMessage<'nllLoss', 10, [5]>;
 * //=> 'nllLoss: weight tensor should be defined either for all 10 classes or no classes but got weight tensor of shape: [5]'
 * ```
 * @category Messages
 */
export type LossWeightMessage<Op extends string, Classes, WeightShape extends readonly unknown[]> =
  `${Op}: weight tensor should be defined either for all ${Classes & (number | string)} classes or no classes but got weight tensor of shape: ${FormatList<WeightShape>}`;
/**
 * Runtime twin of {@link LossWeightMessage}.
 *
 * @example
 * ```ts
 * import { writeLossWeightMessage } from 'shapecheck';
 * writeLossWeightMessage('nllLoss', 10, [5]);
 * //=> 'nllLoss: weight tensor should be defined either for all 10 classes or no classes but got weight tensor of shape: [5]'
 * ```
 * @category Messages
 */
export function writeLossWeightMessage(op: string, classes: number, weightShape: readonly number[]): string {
  return `${op}: weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: ${formatList(weightShape)}`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/** Two dims known to differ (literals, not `number`); names and `number` pass. */
type Differ<A, B> = A extends number ? (B extends number ? (number extends A | B ? false : [A] extends [B] ? false : true) : false) : false;

/** Some pair of dims of two equally long shapes known to differ. */
type AnyDiffer<A extends readonly unknown[], B extends readonly unknown[]> = A extends readonly [infer HA, ...infer TA]
  ? B extends readonly [infer HB, ...infer TB]
    ? Differ<HA, HB> extends true
      ? true
      : AnyDiffer<TA, TB>
    : false
  : false;

/**
 * The `input` argument of a class-index loss: the tensor, or the message when it is not `[N, C]`.
 *
 * @example
 * ```ts
 * import type { ClassInputArgument } from 'shapecheck';
 * type M = ClassInputArgument<[10], 'crossEntropy'>;
 * //=> 'crossEntropy: expected input of shape [N, C], got [10]'
 * ```
 * @category Shapes
 */
export type ClassInputArgument<InputShape extends Shape, Op extends string> = number extends InputShape['length']
  ? Tensor<InputShape>
  : InputShape['length'] extends 2
    ? Tensor<InputShape>
    : LossInputRankMessage<Op, InputShape>;

/**
 * The `target` argument of a class-index loss (`[N]` for an input `[N, C]`): the tensor, or the
 * message when its rank or batch size is wrong (the runtime's words).
 *
 * @example
 * ```ts
 * import type { ClassTargetArgument } from 'shapecheck';
 * type M = ClassTargetArgument<[64, 10], [32], 'crossEntropy'>;
 * //=> 'crossEntropy: Expected input batch_size (64) to match target batch_size (32).'
 * ```
 * @category Shapes
 */
export type ClassTargetArgument<InputShape extends Shape, TargetShape extends Shape, Op extends string> = number extends TargetShape['length']
  ? Tensor<TargetShape>
  : TargetShape extends readonly [infer TargetBatch]
    ? InputShape extends readonly [infer InputBatch, unknown]
      ? Differ<InputBatch, TargetBatch> extends true
        ? LossBatchMessage<Op, InputBatch, TargetBatch>
        : Tensor<TargetShape>
      : Tensor<TargetShape>
    : LossTargetRankMessage<Op>;

/**
 * The `weight` option of a class-index loss: the tensor, or the message when it is known not to
 * be `[C]` for an input `[N, C]`.
 *
 * @example
 * ```ts
 * import type { ClassWeightArgument } from 'shapecheck';
 * type M = ClassWeightArgument<[64, 10], [5], 'crossEntropy'>;
 * //=> 'crossEntropy: weight tensor should be defined either for all 10 classes or no classes but got weight tensor of shape: [5]'
 * ```
 * @category Shapes
 */
export type ClassWeightArgument<InputShape extends Shape, WeightShape extends Shape, Op extends string> = number extends WeightShape['length']
  ? Tensor<WeightShape>
  : InputShape extends readonly [unknown, infer Classes]
    ? WeightShape extends readonly [infer WeightClasses]
      ? Differ<Classes, WeightClasses> extends true
        ? LossWeightMessage<Op, Classes, WeightShape>
        : Tensor<WeightShape>
      : LossWeightMessage<Op, Classes, WeightShape>
    : Tensor<WeightShape>;

/**
 * The `target` argument of an element-wise loss: the tensor, or the message when its shape is
 * known to differ from the input's.
 *
 * @example
 * ```ts
 * import type { SameShapeTargetArgument } from 'shapecheck';
 * type M = SameShapeTargetArgument<[64], [32], 'l1Loss'>;
 * //=> 'l1Loss: Target size ([32]) must be the same as input size ([64])'
 * ```
 * @category Shapes
 */
export type SameShapeTargetArgument<InputShape extends Shape, TargetShape extends Shape, Op extends string> = number extends InputShape['length'] | TargetShape['length']
  ? Tensor<TargetShape>
  : InputShape['length'] extends TargetShape['length']
    ? AnyDiffer<InputShape, TargetShape> extends true
      ? LossSizeMessage<Op, TargetShape, InputShape>
      : Tensor<TargetShape>
    : LossSizeMessage<Op, TargetShape, InputShape>;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * Checks a class-index loss's shapes (input `[N, C]`, target `[N]`): the number of classes `C`.
 *
 * @throws {ShapeError} with the messages of {@link ClassInputArgument} and {@link ClassTargetArgument}.
 * @example
 * ```ts
 * import { checkClassTargetShape } from 'shapecheck';
 * checkClassTargetShape('crossEntropy', [64, 10], [64]);
 * //=> 10
 * ```
 * @category Shapes
 */
export function checkClassTargetShape(op: string, inputShape: readonly number[], targetShape: readonly number[]): number {
  if (inputShape.length !== 2) throw new ShapeError(writeLossInputRankMessage(op, inputShape));
  if (targetShape.length !== 1) throw new ShapeError(writeLossTargetRankMessage(op));
  if (targetShape[0] !== inputShape[0]) throw new ShapeError(writeLossBatchMessage(op, inputShape[0]!, targetShape[0]!));
  return inputShape[1]!;
}

/**
 * Checks that an element-wise loss's target has the input's shape.
 *
 * @throws {ShapeError} {@link LossSizeMessage} when it does not.
 * @example
 * ```ts
 * import { checkSameShapeTarget } from 'shapecheck';
 * checkSameShapeTarget('mseLoss', [2, 3], [2, 3]);
 * //=> undefined
 * ```
 * @category Shapes
 */
export function checkSameShapeTarget(op: string, inputShape: readonly number[], targetShape: readonly number[]): void {
  if (!sameShape(inputShape, targetShape)) {
    throw new ShapeError(writeLossSizeMessage(op, targetShape, inputShape));
  }
}
