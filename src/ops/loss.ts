/**
 * Losses with PyTorch's formulas, names and defaults (`torch.nn.functional`): `crossEntropy`,
 * `nllLoss`, `mseLoss`, `l1Loss`, `binaryCrossEntropyWithLogits`, each differentiable with respect
 * to its input (and, for the element-wise ones, its target).
 *
 * Class indices are float32 tensors holding integers (shapecheck has one dtype): `[3, 0, 9]`; a
 * value that is not an integer is a `TypeError`, one outside `[0, C)` PyTorch's
 * `Target 10 is out of bounds.` (unless it is `ignoreIndex`).
 * @packageDocumentation
 */
import { record } from '../autograd/engine.js';
import { broadcastShape } from '../shape/broadcast.js';
import { formatList } from '../shape/format.js';
import {
  checkClassTargetShape,
  checkSameShapeTarget,
  writeClassIndexMessage,
  writeLossWeightMessage,
  writeTargetBoundsMessage,
  type ClassInputArgument,
  type ClassTargetArgument,
  type ClassWeightArgument,
  type SameShapeTargetArgument,
} from '../shape/loss.js';
import { ShapeError } from '../shape/shape-error.js';
import { sameShape, type Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { broadcastStrides, stridedOffsets } from '../kernels/strided.js';
import { Tensor } from '../tensor/tensor.js';
import { logSoftmax } from './reduce.js';

/**
 * How a loss reduces its per-element values: their mean (the default), their sum, or none (one
 * value per sample, or per element).
 *
 * @example
 * ```ts
 * import type { Reduction } from 'shapecheck';
 * const reduction: Reduction = 'sum';
 * ```
 * @category Losses
 */
export type Reduction = 'mean' | 'sum' | 'none';

/**
 * The options of {@link nllLoss} (PyTorch's `F.nll_loss`, same defaults).
 *
 * @example
 * ```ts
 * import { tensor, type NllLossOptions } from 'shapecheck';
 * const options: NllLossOptions = { weight: tensor([1, 2, 1]), ignoreIndex: -100, reduction: 'mean' };
 * ```
 * @category Losses
 */
export interface NllLossOptions<R extends Reduction = Reduction, Weight = Tensor> {
  /** `'mean'` (default: Σ loss / Σ weight of the counted targets), `'sum'` or `'none'` (`[N]`). */
  readonly reduction?: R;
  /** A weight per class, shape `[C]` (default: every class 1; another shape is an error here at compile time). Not differentiated. */
  readonly weight?: Weight | null;
  /** A target value that contributes nothing, neither loss nor weight (default −100). */
  readonly ignoreIndex?: number;
}

/**
 * The options of {@link crossEntropy} (PyTorch's `F.cross_entropy`, same defaults).
 *
 * @example
 * ```ts
 * import type { CrossEntropyOptions } from 'shapecheck';
 * const options: CrossEntropyOptions = { labelSmoothing: 0.1, reduction: 'sum' };
 * ```
 * @category Losses
 */
export interface CrossEntropyOptions<R extends Reduction = Reduction, Weight = Tensor> extends NllLossOptions<R, Weight> {
  /** ε in [0, 1]: the target becomes (1 − ε)·one-hot + ε/C (default 0). */
  readonly labelSmoothing?: number;
}

/**
 * The options of {@link mseLoss} and {@link l1Loss}.
 *
 * @example
 * ```ts
 * import type { LossOptions } from 'shapecheck';
 * const options: LossOptions = { reduction: 'none' };
 * ```
 * @category Losses
 */
export interface LossOptions<R extends Reduction = Reduction> {
  /** `'mean'` (default), `'sum'` or `'none'` (the input's shape). */
  readonly reduction?: R;
}

/**
 * The options of {@link binaryCrossEntropyWithLogits} (PyTorch's
 * `F.binary_cross_entropy_with_logits`, same defaults).
 *
 * @example
 * ```ts
 * import { tensor, type BinaryCrossEntropyWithLogitsOptions } from 'shapecheck';
 * const options: BinaryCrossEntropyWithLogitsOptions = { posWeight: tensor([3]) };
 * ```
 * @category Losses
 */
export interface BinaryCrossEntropyWithLogitsOptions<R extends Reduction = Reduction> extends LossOptions<R> {
  /** A weight per element, broadcast to the input's shape (default 1). Not differentiated. */
  readonly weight?: Tensor | null;
  /** A weight of the positive term, broadcast to the input's shape (per class: `[C]`; default 1). Not differentiated. */
  readonly posWeight?: Tensor | null;
}

/**
 * What a class-index loss returns: a 0-d tensor for `'mean'` and `'sum'`, one value per sample
 * (`[N]`) for `'none'`.
 *
 * @example
 * ```ts
 * import type { ClassLossOutput } from 'shapecheck';
 * type A = ClassLossOutput<[64, 10], 'none'>;
 * //=> Tensor<[64]>
 * ```
 * @category Losses
 */
export type ClassLossOutput<InputShape extends Shape, R extends Reduction> = R extends 'none'
  ? Tensor<[InputShape extends readonly [infer N extends number | string, unknown] ? N : number]>
  : Tensor<[]>;

/**
 * What an element-wise loss returns: a 0-d tensor for `'mean'` and `'sum'`, the input's shape for `'none'`.
 *
 * @example
 * ```ts
 * import type { ElementLossOutput } from 'shapecheck';
 * type A = ElementLossOutput<[8, 3], 'mean'>;
 * //=> Tensor<[]>
 * ```
 * @category Losses
 */
export type ElementLossOutput<InputShape extends Shape, R extends Reduction> = R extends 'none' ? Tensor<InputShape> : Tensor<[]>;

function checkOptions(op: string, options: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new TypeError(`${op}: options must be an object, got ${String(options)}`);
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) throw new TypeError(`${op}: unknown option '${key}' (expected ${allowed.map((k) => `'${k}'`).join(', ')})`);
  }
  return options as Record<string, unknown>;
}

function checkReduction(op: string, value: unknown): Reduction {
  if (value === undefined) return 'mean';
  if (value !== 'mean' && value !== 'sum' && value !== 'none') throw new TypeError(`${op}: ${String(value)} is not a valid value for reduction`);
  return value;
}

/** The optional tensor option `name`, or null. */
function optionalTensor(op: string, name: string, value: unknown): Tensor | null {
  if (value === undefined || value === null) return null;
  return checkTensor(op, name, value);
}

/**
 * The class-index loss over log-probabilities `logp` [N, C]: per sample
 * (1 − ε)·(−w[t]·logp[t]) + (ε/C)·Σ_c(−w[c]·logp[c]), ignored samples 0; 'mean' divides by the
 * summed weight of the counted targets (PyTorch's nll_loss and its label smoothing).
 */
function classLoss(op: string, name: string, logp: Tensor, target: Tensor, reduction: Reduction, weight: Tensor | null, ignoreIndex: number, smoothing: number): Tensor {
  const [n, c] = logp.shape as readonly number[] as [number, number];
  const t = target.data;
  const w = weight?.data ?? null;
  const lp = logp.data;
  const counted = new Uint8Array(n);
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    const value = t[i]!;
    if (value === ignoreIndex) continue;
    if (!Number.isInteger(value)) throw new TypeError(writeClassIndexMessage(op, value, i));
    if (value < 0 || value >= c) throw new RangeError(writeTargetBoundsMessage(op, value));
    counted[i] = 1;
    denominator += w ? w[value]! : 1;
  }
  const perSample = new Float32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!counted[i]) continue;
    const k = t[i]!;
    let loss = -(1 - smoothing) * (w ? w[k]! : 1) * lp[i * c + k]!;
    if (smoothing > 0) {
      let smooth = 0;
      for (let j = 0; j < c; j++) smooth -= (w ? w[j]! : 1) * lp[i * c + j]!;
      loss += (smoothing / c) * smooth;
    }
    perSample[i] = loss;
    total += loss;
  }
  const output = reduction === 'none' ? new Tensor(perSample, [n]) : new Tensor(new Float32Array([reduction === 'sum' ? total : total / denominator]), []);
  const saved = weight ? [target, weight] : [target];
  return record(output, name, [logp], (grad) => {
    const g = new Float32Array(lp.length);
    for (let i = 0; i < n; i++) {
      if (!counted[i]) continue;
      const r = reduction === 'none' ? grad[i]! : reduction === 'sum' ? grad[0]! : grad[0]! / denominator;
      const k = t[i]!;
      if (smoothing > 0) for (let j = 0; j < c; j++) g[i * c + j] = (-r * smoothing * (w ? w[j]! : 1)) / c;
      g[i * c + k]! -= r * (1 - smoothing) * (w ? w[k]! : 1);
    }
    return [g];
  }, saved);
}

/** Checks a class-index loss's arguments; returns what {@link classLoss} needs. */
function classArguments(op: string, input: unknown, target: unknown, options: unknown, allowed: readonly string[]) {
  const x = checkTensor(op, 'input', input);
  const y = checkTensor(op, 'target', target);
  const c = checkClassTargetShape(op, x.shape as readonly number[], y.shape as readonly number[]);
  const o = checkOptions(op, options, allowed);
  const reduction = checkReduction(op, o['reduction']);
  const weight = optionalTensor(op, 'weight', o['weight']);
  if (weight && ((weight.shape as readonly number[]).length !== 1 || weight.shape[0] !== c)) {
    throw new ShapeError(writeLossWeightMessage(op, c, weight.shape as readonly number[]));
  }
  const ignoreIndex = o['ignoreIndex'] ?? -100;
  if (typeof ignoreIndex !== 'number' || !Number.isInteger(ignoreIndex)) throw new TypeError(`${op}: ignoreIndex must be an integer, got ${String(ignoreIndex)}`);
  const smoothing = o['labelSmoothing'] ?? 0;
  if (typeof smoothing !== 'number' || !(smoothing >= 0 && smoothing <= 1)) throw new RangeError(`${op}: label_smoothing must be between 0.0 and 1.0. Got: ${String(smoothing)}`);
  return { x, y, reduction, weight, ignoreIndex, smoothing };
}

/**
 * The negative log-likelihood loss of log-probabilities `input` `[N, C]` and class indices
 * `target` `[N]` (`F.nll_loss`): −weight[t]·input[i, t] per sample; `'mean'` divides by the
 * summed weight of the targets counted, samples whose target is `ignoreIndex` (−100) count
 * nothing. Class indices are float32 values that must be integers in `[0, C)`. The target's shape
 * is checked against the input's at compile time (an error at `target` in the runtime's words).
 * Differentiable with respect to `input`.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link RangeError} for a class out of range.
 * @example
 * ```ts
 * import { log, nllLoss, tensor } from 'shapecheck';
 * nllLoss(log(tensor([[0.5, 0.5], [0.25, 0.75]])), tensor([0, 1]), { reduction: 'none' }).toArray();
 * //=> [0.6931471824645996, 0.28768208622932434]
 * ```
 * @category Losses
 */
export function nllLoss<InputShape extends Shape, TargetShape extends Shape, R extends Reduction = 'mean', WeightShape extends Shape = Shape>(
  input: ClassInputArgument<InputShape, 'nllLoss'>,
  target: ClassTargetArgument<InputShape, TargetShape, 'nllLoss'>,
  options?: NllLossOptions<R, ClassWeightArgument<InputShape, WeightShape, 'nllLoss'>>,
): ClassLossOutput<InputShape, R> {
  const a = classArguments('nllLoss', input, target, options, ['reduction', 'weight', 'ignoreIndex']);
  return classLoss('nllLoss', 'NllLossBackward', a.x, a.y, a.reduction, a.weight, a.ignoreIndex, 0) as ClassLossOutput<InputShape, R>;
}

/**
 * The cross-entropy loss of logits `input` `[N, C]` and class indices `target` `[N]`
 * (`F.cross_entropy`): `nllLoss(logSoftmax(input, 1), target)`, with `labelSmoothing` ε mixing in
 * (ε/C)·Σ_c −weight[c]·logSoftmax(input)[c], `weight`, `ignoreIndex` (default −100) and
 * `reduction` (default `'mean'`) as PyTorch. Returns `Tensor<[]>`, or `Tensor<[N]>` for
 * `'none'`. Class indices are float32 values that must be integers in `[0, C)`. `[64, 10]` logits
 * with a `[32]` target are an error at `target` at compile time, in the runtime's words.
 * Differentiable with respect to `input`.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link RangeError} for a class out of range
 * (`Target 10 is out of bounds.`); {@link TypeError} for a class index that is not an integer.
 * @example
 * ```ts
 * import { crossEntropy, tensor } from 'shapecheck';
 * crossEntropy(tensor([[0, 0], [0, 0]]), tensor([0, 1])).item();
 * //=> 0.6931471824645996
 * ```
 * @category Losses
 */
export function crossEntropy<InputShape extends Shape, TargetShape extends Shape, R extends Reduction = 'mean', WeightShape extends Shape = Shape>(
  input: ClassInputArgument<InputShape, 'crossEntropy'>,
  target: ClassTargetArgument<InputShape, TargetShape, 'crossEntropy'>,
  options?: CrossEntropyOptions<R, ClassWeightArgument<InputShape, WeightShape, 'crossEntropy'>>,
): ClassLossOutput<InputShape, R> {
  const a = classArguments('crossEntropy', input, target, options, ['reduction', 'weight', 'ignoreIndex', 'labelSmoothing']);
  const logp = logSoftmax(a.x, 1 as never) as Tensor;
  return classLoss('crossEntropy', 'NllLossBackward', logp, a.y, a.reduction, a.weight, a.ignoreIndex, a.smoothing) as ClassLossOutput<InputShape, R>;
}

/**
 * An element-wise loss `f(x, y)` with its partial derivatives, reduced; `extra` values (already
 * broadcast to the input) are passed to `f` by element index.
 */
function elementLoss(
  op: string,
  name: string,
  input: unknown,
  target: unknown,
  reduction: Reduction,
  f: (x: number, y: number, i: number) => number,
  dx: (x: number, y: number, i: number) => number,
  dy: (x: number, y: number, i: number) => number,
): Tensor {
  const a = input as Tensor;
  const b = target as Tensor;
  const x = a.data;
  const y = b.data;
  const values = new Float32Array(x.length);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    values[i] = f(x[i]!, y[i]!, i);
    total += values[i]!;
  }
  const output = reduction === 'none' ? new Tensor(values, a.shape) : new Tensor(new Float32Array([reduction === 'sum' ? total : total / x.length]), []);
  return record(
    output,
    name,
    [a, b],
    (grad) => {
      const scale = (i: number): number => (reduction === 'none' ? grad[i]! : reduction === 'sum' ? grad[0]! : grad[0]! / x.length);
      let gx: Float32Array | null = null;
      let gy: Float32Array | null = null;
      if (a.requiresGrad) {
        gx = new Float32Array(x.length);
        for (let i = 0; i < x.length; i++) gx[i] = scale(i) * dx(x[i]!, y[i]!, i);
      }
      if (b.requiresGrad) {
        gy = new Float32Array(y.length);
        for (let i = 0; i < y.length; i++) gy[i] = scale(i) * dy(x[i]!, y[i]!, i);
      }
      return [gx, gy];
    },
    [a, b],
  );
}

/** Checks an element-wise loss's input, target (same shape) and options. */
function elementArguments(op: string, input: unknown, target: unknown, options: unknown, allowed: readonly string[]) {
  const x = checkTensor(op, 'input', input);
  const y = checkTensor(op, 'target', target);
  checkSameShapeTarget(op, x.shape as readonly number[], y.shape as readonly number[]);
  const o = checkOptions(op, options, allowed);
  return { x, y, o, reduction: checkReduction(op, o['reduction']) };
}

/**
 * The mean squared error `(input − target)²` (`F.mse_loss`), reduced by `reduction` (default
 * `'mean'`). The target must have the input's shape (shapecheck does not broadcast it), checked
 * at compile time at `target`. Differentiable with respect to both.
 *
 * @throws {ShapeError} when the shapes differ.
 * @example
 * ```ts
 * import { mseLoss, tensor } from 'shapecheck';
 * mseLoss(tensor([1, 2, 3]), tensor([1, 0, 0])).item();
 * //=> 4.333333492279053
 * ```
 * @category Losses
 */
export function mseLoss<InputShape extends Shape, TargetShape extends Shape, R extends Reduction = 'mean'>(
  input: Tensor<InputShape>,
  target: SameShapeTargetArgument<InputShape, TargetShape, 'mseLoss'>,
  options?: LossOptions<R>,
): ElementLossOutput<InputShape, R> {
  const a = elementArguments('mseLoss', input, target, options, ['reduction']);
  return elementLoss(
    'mseLoss',
    'MseLossBackward',
    a.x,
    a.y,
    a.reduction,
    (x, y) => (x - y) * (x - y),
    (x, y) => 2 * (x - y),
    (x, y) => -2 * (x - y),
  ) as ElementLossOutput<InputShape, R>;
}

/**
 * The mean absolute error `|input − target|` (`F.l1_loss`), reduced by `reduction` (default
 * `'mean'`); its gradient at equal values is 0, as PyTorch's. The target must have the input's
 * shape, checked at compile time at `target`. Differentiable with respect to both.
 *
 * @throws {ShapeError} when the shapes differ.
 * @example
 * ```ts
 * import { l1Loss, tensor } from 'shapecheck';
 * l1Loss(tensor([1, 2, 3]), tensor([1, 0, 0]), { reduction: 'sum' }).item();
 * //=> 5
 * ```
 * @category Losses
 */
export function l1Loss<InputShape extends Shape, TargetShape extends Shape, R extends Reduction = 'mean'>(
  input: Tensor<InputShape>,
  target: SameShapeTargetArgument<InputShape, TargetShape, 'l1Loss'>,
  options?: LossOptions<R>,
): ElementLossOutput<InputShape, R> {
  const a = elementArguments('l1Loss', input, target, options, ['reduction']);
  return elementLoss(
    'l1Loss',
    'L1LossBackward',
    a.x,
    a.y,
    a.reduction,
    (x, y) => Math.abs(x - y),
    (x, y) => Math.sign(x - y),
    (x, y) => -Math.sign(x - y),
  ) as ElementLossOutput<InputShape, R>;
}

/** `values` broadcast to `shape` (a copy), or PyTorch's broadcasting message naming `op`. */
function expandTo(op: string, name: string, values: Tensor, shape: readonly number[]): Float32Array {
  const from = values.shape as readonly number[];
  if (!sameShape(broadcastShape(from, shape, op), shape)) {
    throw new ShapeError(`${op}: ${name} of shape ${formatList(from)} does not broadcast to the input's shape ${formatList(shape)}`);
  }
  const offsets = stridedOffsets(shape, broadcastStrides(from, shape));
  const result = new Float32Array(offsets.length);
  for (let o = 0; o < result.length; o++) result[o] = values.data[offsets[o]!]!;
  return result;
}

/**
 * The binary cross-entropy of logits `input` and probabilities `target` of the same shape
 * (`F.binary_cross_entropy_with_logits`), computed stably as PyTorch:
 * `weight·[(1 − y)·x + (1 + (posWeight − 1)·y)·log(1 + e^(−x))]`. `weight` and `posWeight`
 * broadcast to the input's shape (`posWeight` `[C]` weighs each class's positives). The target's
 * shape is checked at compile time at `target`. Differentiable with respect to input and target.
 *
 * @throws {ShapeError} when the shapes differ or a weight does not broadcast.
 * @example
 * ```ts
 * import { binaryCrossEntropyWithLogits, tensor } from 'shapecheck';
 * binaryCrossEntropyWithLogits(tensor([0, 0]), tensor([1, 0])).item();
 * //=> 0.6931471824645996
 * ```
 * @category Losses
 */
export function binaryCrossEntropyWithLogits<InputShape extends Shape, TargetShape extends Shape, R extends Reduction = 'mean'>(
  input: Tensor<InputShape>,
  target: SameShapeTargetArgument<InputShape, TargetShape, 'binaryCrossEntropyWithLogits'>,
  options?: BinaryCrossEntropyWithLogitsOptions<R>,
): ElementLossOutput<InputShape, R> {
  const op = 'binaryCrossEntropyWithLogits';
  const a = elementArguments(op, input, target, options, ['reduction', 'weight', 'posWeight']);
  const shape = a.x.shape as readonly number[];
  const weightTensor = optionalTensor(op, 'weight', a.o['weight']);
  const posTensor = optionalTensor(op, 'posWeight', a.o['posWeight']);
  const w = weightTensor ? expandTo(op, 'weight', weightTensor, shape) : null;
  const p = posTensor ? expandTo(op, 'posWeight', posTensor, shape) : null;
  // softplus(−x) = log(1 + e^(−x)), stable for large |x|
  const softplusNeg = (x: number): number => Math.max(-x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
  return elementLoss(
    op,
    'BinaryCrossEntropyWithLogitsBackward',
    a.x,
    a.y,
    a.reduction,
    (x, y, i) => (w ? w[i]! : 1) * ((1 - y) * x + (p ? 1 + (p[i]! - 1) * y : 1) * softplusNeg(x)),
    (x, y, i) => (w ? w[i]! : 1) * (1 - y - (p ? 1 + (p[i]! - 1) * y : 1) * sigmoid(-x)),
    (x, _y, i) => (w ? w[i]! : 1) * (-x + (p ? p[i]! - 1 : 0) * softplusNeg(x)),
  ) as ElementLossOutput<InputShape, R>;
}
