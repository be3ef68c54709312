/**
 * `layerNorm`, `groupNorm` and `instanceNorm` (PyTorch's `F.layer_norm`, `F.group_norm`,
 * `F.instance_norm`), forward and backward: one kernel that normalises contiguous rows with
 * float64 two-pass statistics and applies a per-channel (or per-element) affine transform.
 * @packageDocumentation
 */
import { noGrad, record } from '../autograd/engine.js';
import { traced } from '../autograd/trace.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import {
  groupNormOutputShape,
  instanceNorm2dOutputShape,
  layerNormOutputShape,
  writeGroupNormChannelsMessage,
  writeInstanceNormChannelsMessage,
  type GroupNormOutputShape,
  type InstanceNorm2dOutputShape,
  type LayerNormOutputShape,
} from '../shape/norm-layers.js';
import { checkNonNegativeInteger, checkPositiveInteger } from '../shape/conv-output-size.js';
import { formatList } from '../shape/format.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { batchNormCore } from './norm.js';

/** What {@link normalizeRows} saw: per-row mean and 1/√(var + eps), and the biased variance. */
interface RowStats {
  readonly means: Float64Array;
  readonly invStds: Float64Array;
  readonly variances: Float64Array;
}

/** Per-row statistics of `src` viewed as `[rows, rowSize]`: two passes in float64. */
function rowStatistics(src: Float32Array, rows: number, rowSize: number, eps: number): RowStats {
  const means = new Float64Array(rows);
  const invStds = new Float64Array(rows);
  const variances = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * rowSize;
    let sum = 0;
    for (let i = base; i < base + rowSize; i++) sum += src[i]!;
    const mean = rowSize === 0 ? 0 : sum / rowSize;
    let squares = 0;
    for (let i = base; i < base + rowSize; i++) {
      const d = src[i]! - mean;
      squares += d * d;
    }
    const variance = rowSize === 0 ? 0 : squares / rowSize;
    means[r] = mean;
    variances[r] = variance;
    invStds[r] = 1 / Math.sqrt(variance + eps);
  }
  return { means, invStds, variances };
}

/**
 * The shared kernel: `x` viewed as `[rows, rowSize]`, each row normalised by its own mean and
 * biased variance, then `· weight[k] + bias[k]` with `k = ⌊e / paramStride⌋ mod paramCount` for
 * element `e`. Differentiable with respect to `x`, `weight` and `bias`.
 */
function normalizeRows(
  x: Tensor,
  rows: number,
  rowSize: number,
  eps: number,
  weight: Tensor | null,
  bias: Tensor | null,
  paramStride: number,
  paramCount: number,
  op: string,
  backwardName: string,
  traceInputs: readonly (Tensor | null)[],
  attributes: Record<string, unknown>,
  stats: RowStats,
): Tensor {
  const src = x.data;
  const out = new Float32Array(src.length);
  const w = weight?.data ?? null;
  const b = bias?.data ?? null;
  const { means, invStds } = stats;
  for (let r = 0; r < rows; r++) {
    const base = r * rowSize;
    const mean = means[r]!;
    const invStd = invStds[r]!;
    for (let e = base; e < base + rowSize; e++) {
      const k = Math.floor(e / paramStride) % paramCount;
      out[e] = (src[e]! - mean) * invStd * (w === null ? 1 : w[k]!) + (b === null ? 0 : b[k]!);
    }
  }
  return record(
    traced(new Tensor(out, x.shape as readonly number[]), op, traceInputs, attributes),
    backwardName,
    [x, weight, bias],
    (grad) => {
      const gradInput = x.requiresGrad ? new Float32Array(src.length) : null;
      const gradWeight = weight?.requiresGrad ? new Float64Array(paramCount) : null;
      const gradBias = bias?.requiresGrad ? new Float64Array(paramCount) : null;
      for (let r = 0; r < rows; r++) {
        const base = r * rowSize;
        const mean = means[r]!;
        const invStd = invStds[r]!;
        // g' = g·w; ∂x = invStd·(g' − mean(g') − x̂·mean(g'·x̂)), x̂ = (x − mean)·invStd
        let sumG = 0;
        let sumGXhat = 0;
        for (let e = base; e < base + rowSize; e++) {
          const k = Math.floor(e / paramStride) % paramCount;
          const g = grad[e]!;
          const xhat = (src[e]! - mean) * invStd;
          if (gradWeight) gradWeight[k]! += g * xhat;
          if (gradBias) gradBias[k]! += g;
          const gw = g * (w === null ? 1 : w[k]!);
          sumG += gw;
          sumGXhat += gw * xhat;
        }
        if (!gradInput || rowSize === 0) continue;
        const meanG = sumG / rowSize;
        const meanGXhat = sumGXhat / rowSize;
        for (let e = base; e < base + rowSize; e++) {
          const k = Math.floor(e / paramStride) % paramCount;
          const xhat = (src[e]! - mean) * invStd;
          gradInput[e] = invStd * (grad[e]! * (w === null ? 1 : w[k]!) - meanG - xhat * meanGXhat);
        }
      }
      return [gradInput, gradWeight && Float32Array.from(gradWeight), gradBias && Float32Array.from(gradBias)];
    },
    weight === null ? [x] : [x, weight],
  );
}

/** Checks `eps` of a functional op (a non-negative number). */
function checkEps(kind: string, eps: unknown): number {
  if (typeof eps !== 'number' || !(eps >= 0) || eps === Infinity) throw new RangeError(`${kind}: eps must be a non-negative number, got ${String(eps)}`);
  return eps;
}

// ---------------------------------------------------------------------------------------------
// layerNorm

/** The `input` argument of `layerNorm`: the tensor, or the message when it does not fit. */
type LayerNormInput<InputShape extends Shape, NormalizedShape extends number | readonly number[]> =
  LayerNormOutputShape<InputShape, NormalizedShape> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/**
 * Layer normalisation, PyTorch's `F.layer_norm`: over the trailing dims `normalizedShape` of
 * each sample, `y = (x − mean) / √(var + eps) · weight + bias` (biased variance), `weight` and
 * `bias` of shape `normalizedShape` (either may be `null`). The input is not modified.
 * Differentiable with respect to input, weight and bias.
 *
 * @throws {ShapeError} when the input's trailing dims are not `normalizedShape`, or `weight`/`bias`
 *   are not of its shape (PyTorch's words).
 * @example
 * ```ts
 * import { layerNorm, tensor } from 'shapecheck';
 * layerNorm(tensor([[1, 3], [2, 6]]), 2, null, null, 0).toArray();
 * //=> [[-1, 1], [-1, 1]]
 * ```
 * @category Operations
 */
export function layerNorm<InputShape extends Shape, const NormalizedShape extends number | readonly number[]>(
  input: LayerNormInput<InputShape, NormalizedShape>,
  normalizedShape: NormalizedShape,
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
): TensorOf<LayerNormOutputShape<InputShape, NormalizedShape>> {
  const x = checkTensor('LayerNorm', 'input', input);
  const shape = resolveNormalizedShape(normalizedShape);
  checkEps('LayerNorm', eps);
  layerNormOutputShape(x.shape as readonly number[], shape);
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t === null) continue;
    checkTensor('LayerNorm', name, t);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new ShapeError(`LayerNorm: Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape ${formatList(t.shape)} and normalized_shape = ${formatList(shape)}`);
    }
  }
  const rowSize = shape.reduce((a, b) => a * b, 1);
  const rows = rowSize === 0 ? 0 : x.data.length / rowSize;
  const stats = rowStatistics(x.data, rows, rowSize, eps);
  return normalizeRows(x, rows, rowSize, eps, weight, bias, 1, Math.max(rowSize, 1), 'layerNorm', 'NativeLayerNormBackward', [x, weight, bias], { eps, normalizedShape: shape }, stats) as TensorOf<
    LayerNormOutputShape<InputShape, NormalizedShape>
  >;
}

/**
 * Validates `LayerNorm`'s `normalizedShape` (an int or a list of non-negative ints, at least one)
 * and returns it as a list.
 *
 * @throws {TypeError | RangeError} for an entry that is not a non-negative integer, or no entries.
 * @example
 * ```ts
 * import { resolveNormalizedShape } from 'shapecheck';
 * resolveNormalizedShape(8);
 * //=> [8]
 * ```
 * @category Shapes
 */
export function resolveNormalizedShape(normalizedShape: number | readonly number[]): number[] {
  const list = typeof normalizedShape === 'number' ? [normalizedShape] : Array.isArray(normalizedShape) ? [...(normalizedShape as readonly unknown[])] : null;
  if (list === null) throw new TypeError(`LayerNorm: normalizedShape must be an integer or a list of integers, got ${String(normalizedShape)}`);
  if (list.length === 0) throw new RangeError('LayerNorm: normalizedShape must have at least one dim, got [] (Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = [])');
  return list.map((n) => checkNonNegativeInteger('LayerNorm', 'normalizedShape', n));
}

// ---------------------------------------------------------------------------------------------
// groupNorm

/** The `input` argument of `groupNorm`: the tensor, or the message when it does not fit. */
type GroupNormInput<InputShape extends Shape, NumGroups extends number> =
  GroupNormOutputShape<InputShape, NumGroups, number> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/**
 * Group normalisation, PyTorch's `F.group_norm`: the channels of `[N, C, *]` split into
 * `numGroups` groups, each sample's group normalised by its own mean and biased variance, then
 * `· weight[c] + bias[c]` per channel (either may be `null`). The input is not modified.
 * Differentiable with respect to input, weight and bias.
 *
 * @throws {ShapeError} for fewer than 2 dims, channels `numGroups` does not divide, a weight or
 *   bias whose length is not the channel count.
 * @throws {RangeError} when each group holds one value (PyTorch's words).
 * @example
 * ```ts
 * import { groupNorm, tensor } from 'shapecheck';
 * groupNorm(tensor([[1, 3, 4, 8]]), 2, null, null, 0).toArray();
 * //=> [[-1, 1, -1, 1]]
 * ```
 * @category Operations
 */
export function groupNorm<InputShape extends Shape, const NumGroups extends number>(
  input: GroupNormInput<InputShape, NumGroups>,
  numGroups: NumGroups,
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
): TensorOf<GroupNormOutputShape<InputShape, NumGroups, number>> {
  const x = checkTensor('GroupNorm', 'input', input);
  const groups = checkPositiveInteger('GroupNorm', 'numGroups', numGroups);
  checkEps('GroupNorm', eps);
  const shape = x.shape as readonly number[];
  groupNormOutputShape(shape, groups, null);
  const channels = shape[1] as number;
  if (weight !== null && checkTensor('GroupNorm', 'weight', weight).data.length !== channels) throw new ShapeError(writeGroupNormChannelsMessage(shape, weight.data.length));
  if (bias !== null && checkTensor('GroupNorm', 'bias', bias).data.length !== channels) {
    throw new ShapeError(
      `GroupNorm: expected bias of ${channels} elements, got ${bias.data.length} (Expected bias to be a vector of size equal to the number of channels in input, but got bias of shape ${formatList(bias.shape)} and input of shape ${formatList(shape)})`,
    );
  }
  const batch = shape[0] as number;
  const spatial = shape.slice(2).reduce((a, b) => a * b, 1);
  // PyTorch's _verify_batch_size on [N·C/G, G, *]: one value per group is refused (even in eval)
  if (((batch * channels) / groups) * spatial === 1) {
    throw new RangeError(`GroupNorm: Expected more than 1 value per channel when training, got input size ${formatList([(batch * channels) / groups, groups, ...shape.slice(2)])}`);
  }
  const rows = batch * groups;
  const rowSize = (channels / groups) * spatial;
  const stats = rowStatistics(x.data, rows, rowSize, eps);
  return normalizeRows(x, rows, rowSize, eps, weight, bias, spatial, Math.max(channels, 1), 'groupNorm', 'NativeGroupNormBackward', [x, weight, bias], { eps, numGroups: groups }, stats) as TensorOf<
    GroupNormOutputShape<InputShape, NumGroups, number>
  >;
}

// ---------------------------------------------------------------------------------------------
// instanceNorm

/**
 * The options of {@link instanceNorm} (PyTorch's `use_input_stats` and `momentum` of `F.instance_norm`).
 *
 * @example
 * ```ts
 * import type { InstanceNormFunctionalOptions } from 'shapecheck';
 * const options: InstanceNormFunctionalOptions = { useInputStats: false };
 * ```
 * @category Operations
 */
export interface InstanceNormFunctionalOptions {
  /**
   * Normalise each instance with its own statistics (default true), updating the running ones
   * in place when given; false: normalise with the running statistics (eval with `trackRunningStats`).
   */
  readonly useInputStats?: boolean;
  /** The running statistics become `(1 − momentum)·running + momentum·(the batch's mean of instance statistics)` (default 0.1). */
  readonly momentum?: number;
}

/** The `input` argument of `instanceNorm`: the tensor, or the message when it does not fit. */
type InstanceNormInput<InputShape extends Shape> =
  InstanceNorm2dOutputShape<InputShape, number> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/**
 * Instance normalisation of `[N, C, H, W]` or unbatched `[C, H, W]`, PyTorch's `F.instance_norm`:
 * each sample's channel normalised by its own mean and biased variance (`useInputStats`, the
 * default), then `· weight[c] + bias[c]`. With running statistics and `useInputStats` they are
 * updated in place, as PyTorch does: `momentum` times the batch's mean of the instances' means and
 * unbiased variances. With `{ useInputStats: false }` it normalises with the running statistics.
 * The input is not modified. Differentiable with respect to input, weight and bias.
 *
 * @throws {ShapeError} for a rank other than 3 or 4, or statistics whose length is not the channel count.
 * @throws {RangeError} with `useInputStats`, for one value per instance (PyTorch's words).
 * @example
 * ```ts
 * import { instanceNorm, tensor } from 'shapecheck';
 * instanceNorm(tensor([[[1, 3]], [[2, 6]]]), null, null, null, null, 0).toArray();
 * //=> [[[-1, 1]], [[-1, 1]]]
 * ```
 * @category Operations
 */
export function instanceNorm<InputShape extends Shape>(
  input: InstanceNormInput<InputShape>,
  runningMean: Tensor | null = null,
  runningVar: Tensor | null = null,
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
  options: InstanceNormFunctionalOptions = {},
): TensorOf<InstanceNorm2dOutputShape<InputShape, number>> {
  const x = checkTensor('InstanceNorm2d', 'input', input);
  const named = [['runningMean', runningMean], ['runningVar', runningVar], ['weight', weight], ['bias', bias]] as const;
  for (const [name, t] of named) if (t !== null) checkTensor('InstanceNorm2d', name, t);
  if (typeof options !== 'object' || options === null) throw new TypeError('InstanceNorm2d: options must be an object like { useInputStats: false }');
  const useInputStats = options.useInputStats ?? true;
  const momentum = options.momentum ?? 0.1;
  if (typeof useInputStats !== 'boolean') throw new TypeError(`InstanceNorm2d: useInputStats must be a boolean, got ${String(useInputStats)}`);
  if (typeof momentum !== 'number' || !Number.isFinite(momentum)) throw new TypeError(`InstanceNorm2d: momentum must be a finite number, got ${String(momentum)}`);
  checkEps('InstanceNorm2d', eps);
  const shape = x.shape as readonly number[];
  instanceNorm2dOutputShape(shape, null);
  const channels = shape[shape.length - 3] as number;
  for (const [name, t] of named) {
    if (t !== null && t.data.length !== channels) throw new ShapeError(writeInstanceNormChannelsMessage(shape, t.data.length).replace('(numFeatures)', `(${name})`));
  }
  if ((runningMean === null) !== (runningVar === null)) throw new TypeError('InstanceNorm2d: runningMean and runningVar must both be given or both be null');
  const batch = shape.length === 4 ? (shape[0] as number) : 1;
  const plane = (shape[shape.length - 2] as number) * (shape[shape.length - 1] as number);
  if (!useInputStats) {
    if (runningMean === null || runningVar === null) throw new TypeError('InstanceNorm2d: useInputStats false needs runningMean and runningVar (Expected running_mean and running_var to be defined when use_input_stats is false)');
    // the running statistics per channel: batch norm's inference
    return batchNormCore('InstanceNorm2d', 'batchNorm2d', x, batch, channels, plane, runningMean, runningVar, weight, bias, eps, false, momentum) as TensorOf<
      InstanceNorm2dOutputShape<InputShape, number>
    >;
  }
  if (plane === 1) {
    const batched = shape.length === 4 ? shape : [1, ...shape];
    throw new RangeError(`InstanceNorm2d: Expected more than 1 spatial element when training, got input size torch.Size([${batched.join(', ')}])`);
  }
  const rows = batch * channels;
  const stats = rowStatistics(x.data, rows, plane, eps);
  const out = normalizeRows(x, rows, plane, eps, weight, bias, plane, Math.max(channels, 1), 'instanceNorm', 'NativeInstanceNormBackward', [x, weight, bias], { eps }, stats);
  if (runningMean !== null && runningVar !== null && batch > 0) {
    // PyTorch updates a copy per instance and averages them: momentum times the mean over the
    // batch of the instances' means and unbiased variances
    const nextMean = new Float32Array(channels);
    const nextVar = new Float32Array(channels);
    for (let c = 0; c < channels; c++) {
      let mean = 0;
      let variance = 0;
      for (let n = 0; n < batch; n++) {
        mean += stats.means[n * channels + c]!;
        variance += (stats.variances[n * channels + c]! * plane) / (plane - 1);
      }
      nextMean[c] = (1 - momentum) * runningMean.data[c]! + (momentum * mean) / batch;
      nextVar[c] = (1 - momentum) * runningVar.data[c]! + (momentum * variance) / batch;
    }
    noGrad(() => {
      runningMean.copy_(new Tensor(nextMean, [channels]));
      runningVar.copy_(new Tensor(nextVar, [channels]));
    });
  }
  return out as TensorOf<InstanceNorm2dOutputShape<InputShape, number>>;
}
