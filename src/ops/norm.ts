import { traced } from '../autograd/trace.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import {
  adaptiveAvgPool2dOutputShape,
  batchNorm2dOutputShape,
  type AdaptiveAvgPool2dOutputShape,
  type AdaptiveOutputSize,
  type BatchNorm2dOutputShape,
} from '../shape/norm.js';
import { noGrad, record } from '../autograd/engine.js';
import { batchNorm1dOutputShape, type BatchNorm1dOutputShape } from '../shape/norm-layers.js';
import { numel } from '../shape/reshape.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { checkTensor } from '../tensor/check.js';

/** The `input` argument of `batchNorm2d`: the tensor, or the message when it does not fit. */
type BatchNormInput<InputShape extends Shape, C extends number> =
  BatchNorm2dOutputShape<InputShape, C> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/** The `input` argument of `adaptiveAvgPool2d`: the tensor, or the message when it does not fit. */
type AdaptiveInput<InputShape extends Shape, OutputSize extends AdaptiveOutputSize> =
  AdaptiveAvgPool2dOutputShape<InputShape, OutputSize> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/**
 * The options of {@link batchNorm2d} (PyTorch's `training` and `momentum` of `F.batch_norm`).
 *
 * @example
 * ```ts
 * import type { BatchNorm2dFunctionalOptions } from 'shapecheck';
 * const options: BatchNorm2dFunctionalOptions = { training: true, momentum: 0.1 };
 * ```
 * @category Operations
 */
export interface BatchNorm2dFunctionalOptions {
  /**
   * Normalise with the batch's statistics and update the running ones in place (default false:
   * normalise with the running statistics).
   */
  readonly training?: boolean;
  /** In training, the running statistics become `(1 − momentum)·running + momentum·batch` (default 0.1). */
  readonly momentum?: number;
}

/**
 * Batch normalisation of `[N, C, H, W]` (or unbatched `[C, H, W]`) input, as PyTorch's
 * `F.batch_norm`: `y = (x − mean) / √(var + eps) · weight + bias` per channel. In eval mode (the
 * default) `mean`/`var` are `runningMean`/`runningVar`; with `{ training: true }`, or a `null`
 * `runningMean`/`runningVar`, they are the input's own per-channel statistics (biased variance),
 * and in training the running statistics (when given) are updated in place with `momentum`, the
 * variance unbiased (`·n/(n−1)`), as PyTorch does. The input is not modified. Differentiable with
 * respect to input, weight and bias (in training through the batch statistics).
 *
 * @throws {ShapeError} for a rank other than 3 or 4, or statistics whose length is not the channel count.
 * @throws {RangeError} in training, for one value per channel (PyTorch's words).
 * @example
 * ```ts
 * import { batchNorm2d, tensor } from 'shapecheck';
 * const y = batchNorm2d(tensor([[[1, 3]]]), tensor([2]), tensor([4]), null, null, 0);
 * y.toArray();
 * //=> [[[-0.5, 0.5]]]
 * ```
 * @category Operations
 */
export function batchNorm2d<InputShape extends Shape, C extends number>(
  input: BatchNormInput<InputShape, C>,
  runningMean: Tensor<[C]> | null,
  runningVar: Tensor<[C]> | null,
  weight: Tensor<[C]> | null,
  bias: Tensor<[C]> | null,
  eps = 1e-5,
  options: BatchNorm2dFunctionalOptions = {},
): TensorOf<BatchNorm2dOutputShape<InputShape, C>> {
  const x = checkTensor('BatchNorm2d', 'input', input);
  for (const [name, t] of [['runningMean', runningMean], ['runningVar', runningVar], ['weight', weight], ['bias', bias]] as const) {
    if (t !== null) checkTensor('BatchNorm2d', name, t);
  }
  if (typeof options !== 'object' || options === null) throw new TypeError('BatchNorm2d: options must be an object like { training: true }');
  const training = options.training ?? false;
  const momentum = options.momentum ?? 0.1;
  if (typeof training !== 'boolean') throw new TypeError(`BatchNorm2d: training must be a boolean, got ${String(training)}`);
  if (typeof momentum !== 'number' || !Number.isFinite(momentum)) throw new TypeError(`BatchNorm2d: momentum must be a finite number, got ${String(momentum)}`);
  const shape = x.shape as readonly number[];
  const stats = runningMean ?? weight;
  batchNorm2dOutputShape(shape, stats === null ? null : stats.shape[0], runningMean === null ? 'weight' : 'running_mean');
  const channels = shape[shape.length - 3] as number;
  for (const [name, t] of [['running_mean', runningMean], ['running_var', runningVar], ['weight', weight], ['bias', bias]] as const) {
    if (t !== null && t.data.length !== channels) {
      throw new ShapeError(`BatchNorm2d: ${name} should contain ${channels} elements not ${t.data.length}`);
    }
  }
  if ((runningMean === null) !== (runningVar === null)) throw new TypeError('BatchNorm2d: runningMean and runningVar must both be given or both be null');
  const batch = shape.length === 4 ? (shape[0] as number) : 1;
  const plane = (shape[shape.length - 2] as number) * (shape[shape.length - 1] as number);
  return batchNormCore('BatchNorm2d', 'batchNorm2d', x, batch, channels, plane, runningMean, runningVar, weight, bias, eps, training, momentum) as TensorOf<
    BatchNorm2dOutputShape<InputShape, C>
  >;
}

/**
 * The batch-norm kernel shared by `batchNorm2d` and `batchNorm1d` (and `instanceNorm`'s eval
 * path): `x` viewed as `[batch, channels, plane]`, the checks of shapes and options done by the
 * caller. Throws before changing anything (the running statistics are updated last).
 * @internal
 */
export function batchNormCore(
  kind: string,
  op: string,
  x: Tensor,
  batch: number,
  channels: number,
  plane: number,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
  training: boolean,
  momentum: number,
): Tensor {
  const shape = x.shape as readonly number[];
  const count = batch * plane;
  if (training && count === 1) {
    throw new RangeError(`${kind}: Expected more than 1 value per channel when training, got input size torch.Size([${shape.join(', ')}])`);
  }
  const useBatchStats = training || runningMean === null || runningVar === null;
  const src = x.data;
  const out = new Float32Array(src.length);
  // per channel: the mean and 1/√(var + eps) used (for backward)
  const means = new Float64Array(channels);
  const invStds = new Float64Array(channels);
  const batchVars = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    let mean: number;
    let variance: number;
    if (!useBatchStats) {
      mean = runningMean!.data[c] as number;
      variance = runningVar!.data[c] as number;
    } else {
      let sum = 0;
      for (let n = 0; n < batch; n++) sum += planeSum(src, (n * channels + c) * plane, plane);
      mean = sum / count;
      let squares = 0;
      for (let n = 0; n < batch; n++) squares += planeSquares(src, (n * channels + c) * plane, plane, mean);
      variance = squares / count;
    }
    means[c] = mean;
    batchVars[c] = variance;
    const invStd = 1 / Math.sqrt(variance + eps);
    invStds[c] = invStd;
    const scale = (weight === null ? 1 : (weight.data[c] as number)) * invStd;
    const shift = (bias === null ? 0 : (bias.data[c] as number)) - mean * scale;
    for (let n = 0; n < batch; n++) {
      const base = (n * channels + c) * plane;
      for (let i = 0; i < plane; i++) out[base + i] = (src[base + i] as number) * scale + shift;
    }
  }
  if (training && runningMean !== null && runningVar !== null) {
    // the running estimates, in place (their versions move on): unbiased variance, as PyTorch
    const nextMean = new Float32Array(channels);
    const nextVar = new Float32Array(channels);
    for (let c = 0; c < channels; c++) {
      nextMean[c] = (1 - momentum) * (runningMean.data[c] as number) + momentum * means[c]!;
      nextVar[c] = (1 - momentum) * (runningVar.data[c] as number) + momentum * ((batchVars[c]! * count) / (count - 1));
    }
    noGrad(() => {
      (runningMean as Tensor).copy_(new Tensor(nextMean, [channels]));
      (runningVar as Tensor).copy_(new Tensor(nextVar, [channels]));
    });
  }
  const w = weight === null ? null : weight.data;
  return record(
    traced(new Tensor(out, shape), op, [x, runningMean, runningVar, weight, bias], { eps, useBatchStats }),
    'NativeBatchNormBackward',
    [x, weight, bias],
    (grad) => {
      const gradInput = x.requiresGrad ? new Float32Array(src.length) : null;
      const gradWeight = weight?.requiresGrad ? new Float32Array(channels) : null;
      const gradBias = bias?.requiresGrad ? new Float32Array(channels) : null;
      for (let c = 0; c < channels; c++) {
        const mean = means[c]!;
        const invStd = invStds[c]!;
        // Σ g and Σ g·x̂ over the channel, x̂ = (x − mean)·invStd
        let sumGrad = 0;
        let sumGradCentred = 0;
        for (let n = 0; n < batch; n++) {
          const base = (n * channels + c) * plane;
          sumGrad += planeSum(grad, base, plane);
          sumGradCentred += planeDot(grad, src, base, plane, mean);
        }
        const sumGradXhat = sumGradCentred * invStd;
        if (gradBias) gradBias[c] = sumGrad;
        if (gradWeight) gradWeight[c] = sumGradXhat;
        if (!gradInput) continue;
        const scale = (w === null ? 1 : w[c]!) * invStd;
        // through the batch statistics, w·invStd·(g − mean(g) − x̂·mean(g·x̂)) with x̂ = (x − mean)·invStd,
        // is g·scale + x·slope + offset per channel; with the running statistics, g·scale
        const slope = (-scale * sumGradXhat * invStd) / count;
        const offset = -scale * (sumGrad / count) - slope * mean;
        for (let n = 0; n < batch; n++) {
          const base = (n * channels + c) * plane;
          if (useBatchStats) for (let i = base; i < base + plane; i++) gradInput[i] = grad[i]! * scale + src[i]! * slope + offset;
          else for (let i = base; i < base + plane; i++) gradInput[i] = grad[i]! * scale;
        }
      }
      return [gradInput, gradWeight, gradBias];
    },
    weight === null ? [x] : [x, weight],
  );
}

// --- BatchNorm1d (issue 12: LayerNorm, GroupNorm, InstanceNorm2d, BatchNorm1d) -------------------

/** The `input` argument of `batchNorm1d`: the tensor, or the message when it does not fit. */
type BatchNorm1dInput<InputShape extends Shape, C extends number> =
  BatchNorm1dOutputShape<InputShape, C> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>;

/**
 * Batch normalisation of `[N, C]` or `[N, C, L]` input, as PyTorch's `F.batch_norm` under
 * `nn.BatchNorm1d`: the kernel of {@link batchNorm2d} (statistics per channel over `N` and `L`;
 * the same options, running-statistics update and gradients).
 *
 * @throws {ShapeError} for a rank other than 2 or 3, or statistics whose length is not the channel count.
 * @throws {RangeError} in training, for one value per channel (PyTorch's words).
 * @example
 * ```ts
 * import { batchNorm1d, tensor } from 'shapecheck';
 * batchNorm1d(tensor([[1], [3]]), null, null, null, null, 0).toArray();
 * //=> [[-1], [1]]
 * ```
 * @category Operations
 */
export function batchNorm1d<InputShape extends Shape, C extends number>(
  input: BatchNorm1dInput<InputShape, C>,
  runningMean: Tensor<[C]> | null,
  runningVar: Tensor<[C]> | null,
  weight: Tensor<[C]> | null,
  bias: Tensor<[C]> | null,
  eps = 1e-5,
  options: BatchNorm2dFunctionalOptions = {},
): TensorOf<BatchNorm1dOutputShape<InputShape, C>> {
  const x = checkTensor('BatchNorm1d', 'input', input);
  for (const [name, t] of [['runningMean', runningMean], ['runningVar', runningVar], ['weight', weight], ['bias', bias]] as const) {
    if (t !== null) checkTensor('BatchNorm1d', name, t);
  }
  if (typeof options !== 'object' || options === null) throw new TypeError('BatchNorm1d: options must be an object like { training: true }');
  const training = options.training ?? false;
  const momentum = options.momentum ?? 0.1;
  if (typeof training !== 'boolean') throw new TypeError(`BatchNorm1d: training must be a boolean, got ${String(training)}`);
  if (typeof momentum !== 'number' || !Number.isFinite(momentum)) throw new TypeError(`BatchNorm1d: momentum must be a finite number, got ${String(momentum)}`);
  if (typeof eps !== 'number' || !(eps >= 0) || eps === Infinity) throw new RangeError(`BatchNorm1d: eps must be a non-negative number, got ${String(eps)}`);
  const shape = x.shape as readonly number[];
  const stats = runningMean ?? weight;
  batchNorm1dOutputShape(shape, stats === null ? null : stats.shape[0], runningMean === null ? 'weight' : 'running_mean');
  const channels = shape[1] as number;
  for (const [name, t] of [['running_mean', runningMean], ['running_var', runningVar], ['weight', weight], ['bias', bias]] as const) {
    if (t !== null && t.data.length !== channels) {
      throw new ShapeError(`BatchNorm1d: ${name} should contain ${channels} elements not ${t.data.length}`);
    }
  }
  if ((runningMean === null) !== (runningVar === null)) throw new TypeError('BatchNorm1d: runningMean and runningVar must both be given or both be null');
  const plane = shape.length === 3 ? (shape[2] as number) : 1;
  return batchNormCore('BatchNorm1d', 'batchNorm1d', x, shape[0] as number, channels, plane, runningMean, runningVar, weight, bias, eps, training, momentum) as TensorOf<
    BatchNorm1dOutputShape<InputShape, C>
  >;
}

// Sums over a channel's plane with four accumulators (four short dependency chains instead of one
// long one: a single accumulator waits on the previous addition at every element).

/** Σ data[start..start+length). */
function planeSum(data: Float32Array, start: number, length: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  const end = start + length;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    a += data[i]!;
    b += data[i + 1]!;
    c += data[i + 2]!;
    d += data[i + 3]!;
  }
  for (; i < end; i++) a += data[i]!;
  return a + b + c + d;
}

/** Σ (data[i] − mean)² over [start, start+length). */
function planeSquares(data: Float32Array, start: number, length: number, mean: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  const end = start + length;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const p = data[i]! - mean;
    const q = data[i + 1]! - mean;
    const r = data[i + 2]! - mean;
    const s = data[i + 3]! - mean;
    a += p * p;
    b += q * q;
    c += r * r;
    d += s * s;
  }
  for (; i < end; i++) {
    const p = data[i]! - mean;
    a += p * p;
  }
  return a + b + c + d;
}

/** Σ g[i]·(x[i] − mean) over [start, start+length). */
function planeDot(g: Float32Array, x: Float32Array, start: number, length: number, mean: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  const end = start + length;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    a += g[i]! * (x[i]! - mean);
    b += g[i + 1]! * (x[i + 1]! - mean);
    c += g[i + 2]! * (x[i + 2]! - mean);
    d += g[i + 3]! * (x[i + 3]! - mean);
  }
  for (; i < end; i++) a += g[i]! * (x[i]! - mean);
  return a + b + c + d;
}

/**
 * Adaptive average pooling (PyTorch's `F.adaptive_avg_pool2d`): output cell `i` averages input
 * rows `floor(i·in/out)` to `ceil((i+1)·in/out)` (exclusive), and likewise for columns. `null` in
 * an `[height, width]` pair keeps that input dim. The input is not modified. Differentiable.
 *
 * @throws {ShapeError} for a wrong rank or an empty spatial dim; {@link TypeError}/{@link RangeError}
 *   for a bad `outputSize`.
 * @example
 * ```ts
 * import { adaptiveAvgPool2d, arange } from 'shapecheck';
 * adaptiveAvgPool2d(arange(4).reshape([1, 2, 2]), 1).toArray();
 * //=> [[[1.5]]]
 * ```
 * @category Operations
 */
export function adaptiveAvgPool2d<InputShape extends Shape, const OutputSize extends AdaptiveOutputSize>(
  input: AdaptiveInput<InputShape, OutputSize>,
  outputSize: OutputSize,
): TensorOf<AdaptiveAvgPool2dOutputShape<InputShape, OutputSize>> {
  const x = checkTensor('AdaptiveAvgPool2d', 'input', input);
  const inShape = x.shape as readonly number[];
  const outShape = adaptiveAvgPool2dOutputShape(inShape, outputSize);
  const [inH, inW] = inShape.slice(-2) as [number, number];
  const [outH, outW] = outShape.slice(-2) as [number, number];
  const planes = inShape.slice(0, -2).reduce((a, b) => a * b, 1);
  const src = x.data;
  const out = new Float32Array(numel(outShape));
  for (let p = 0; p < planes; p++) {
    const inBase = p * inH * inW;
    const outBase = p * outH * outW;
    for (let oh = 0; oh < outH; oh++) {
      const h0 = Math.floor((oh * inH) / outH);
      const h1 = Math.ceil(((oh + 1) * inH) / outH);
      for (let ow = 0; ow < outW; ow++) {
        const w0 = Math.floor((ow * inW) / outW);
        const w1 = Math.ceil(((ow + 1) * inW) / outW);
        let sum = 0;
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) sum += src[inBase + h * inW + w] as number;
        }
        out[outBase + oh * outW + ow] = sum / ((h1 - h0) * (w1 - w0));
      }
    }
  }
  // each output's gradient spread evenly over its bin
  return record(traced(new Tensor(out, outShape), 'adaptiveAvgPool2d', [x]), 'AdaptiveAvgPool2DBackward', [x], (grad) => {
    const gradInput = new Float32Array(src.length);
    for (let p = 0; p < planes; p++) {
      const inBase = p * inH * inW;
      const outBase = p * outH * outW;
      for (let oh = 0; oh < outH; oh++) {
        const h0 = Math.floor((oh * inH) / outH);
        const h1 = Math.ceil(((oh + 1) * inH) / outH);
        for (let ow = 0; ow < outW; ow++) {
          const w0 = Math.floor((ow * inW) / outW);
          const w1 = Math.ceil(((ow + 1) * inW) / outW);
          const share = grad[outBase + oh * outW + ow]! / ((h1 - h0) * (w1 - w0));
          for (let h = h0; h < h1; h++) {
            for (let w = w0; w < w1; w++) gradInput[inBase + h * inW + w]! += share;
          }
        }
      }
    }
    return [gradInput];
  }) as TensorOf<AdaptiveAvgPool2dOutputShape<InputShape, OutputSize>>;
}
