import { record } from '../autograd/engine.js';
import { traced } from '../autograd/trace.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import {
  pixelShuffleOutputShape,
  pixelUnshuffleOutputShape,
  resolveUpsampleOptions,
  upsampleShapeFromResolved,
  type PixelShuffleOutputShape,
  type PixelUnshuffleOutputShape,
  type ResolvedUpsampleOptions,
  type UpsampleOptions,
  type UpsampleOutputShape,
} from '../shape/upsample.js';
import type { Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';

const f32 = Math.fround;

/**
 * One axis of an interpolation: for each output index the two source indices and their weights
 * (nearest modes: one index, weight 1), computed once per call as PyTorch 1.13's CPU kernels do
 * (their float32 arithmetic reproduced with `Math.fround`).
 *
 * @example
 * ```ts
 * import { interpolationAxis, type InterpolationAxis } from 'shapecheck';
 * const axis: InterpolationAxis = interpolationAxis('bilinear', 2, 4, undefined, true);
 * Array.from(axis.lambda1, (v) => Math.round(v * 1000) / 1000);
 * //=> [0, 0.333, 0.667, 0]
 * ```
 * @category Operations
 */
export interface InterpolationAxis {
  readonly index0: Int32Array;
  readonly index1: Int32Array;
  readonly lambda0: Float32Array;
  readonly lambda1: Float32Array;
}

/**
 * The source-to-destination ratio PyTorch uses (`compute_scales_value`): `1/scale` when the
 * scale factor is passed on (given, and not recomputed), else `in/out`; as a float32.
 */
function ratioOf(input: number, output: number, scale: number | undefined): number {
  return scale !== undefined && scale > 0 ? f32(1 / scale) : f32(input / output);
}

/**
 * The index and weight tables of one axis for a mode (PyTorch 1.13: `nearest_idx`,
 * `nearest_exact_idx`, `compute_source_index_and_lambda`). `scale` is the scale factor PyTorch's
 * kernel receives (undefined with `size` or `recomputeScaleFactor`). `generic`: the index
 * formulas of the kernel PyTorch runs on a contiguous input with more than one channel
 * (`upsample_generic_Nd_kernel_impl`); with one channel the input is also channels-last and
 * PyTorch runs `cpu_upsample_nearest_channels_last` (`nearest_idx`, `nearest_exact_idx`). The two
 * differ in the last place of float32 rounding and in `nearest_idx`'s exact shortcuts.
 *
 * @example
 * ```ts
 * import { interpolationAxis } from 'shapecheck';
 * Array.from(interpolationAxis('nearest', 3, 6, undefined, false).index0);
 * //=> [0, 0, 1, 1, 2, 2]
 * ```
 * @category Operations
 */
export function interpolationAxis(
  mode: ResolvedUpsampleOptions['mode'],
  input: number,
  output: number,
  scale: number | undefined,
  alignCorners: boolean,
  generic = false,
): InterpolationAxis {
  const index0 = new Int32Array(output);
  const index1 = new Int32Array(output);
  const lambda0 = new Float32Array(output).fill(1);
  const lambda1 = new Float32Array(output);
  const last = input - 1;
  if (mode === 'nearest') {
    const ratio = ratioOf(input, output, scale);
    for (let i = 0; i < output; i++) {
      // floor(i · ratio) in float32; nearest_idx first takes the same size and twice the size
      // exactly, the generic kernel does not (they differ when a scale factor is passed on)
      const source = !generic && output === input ? i : !generic && output === 2 * input ? i >> 1 : Math.min(Math.floor(f32(i * ratio)), last);
      index0[i] = source;
      index1[i] = source;
    }
  } else if (mode === 'nearest-exact') {
    const ratio = ratioOf(input, output, scale);
    for (let i = 0; i < output; i++) {
      // nearest_exact_idx: floorf((i + 0.5) · ratio); the generic kernel: floorf(max(0, ratio · (i + 0.5) − 0.5) + 0.5)
      const source = generic ? Math.min(Math.floor(f32(Math.max(0, f32(ratio * (i + 0.5) - 0.5)) + 0.5)), last) : Math.min(Math.floor(f32((i + 0.5) * ratio)), last);
      index0[i] = source;
      index1[i] = source;
    }
  } else {
    const ratio = alignCorners ? (output > 1 ? f32(last / (output - 1)) : 0) : ratioOf(input, output, scale);
    for (let i = 0; i < output; i++) {
      if (output === input) {
        index0[i] = i;
        index1[i] = i;
        continue;
      }
      let real = alignCorners ? f32(ratio * i) : f32(ratio * (i + 0.5) - 0.5);
      if (real < 0) real = 0;
      const i0 = Math.min(Math.trunc(real), last);
      index0[i] = i0;
      index1[i] = i0 < last ? i0 + 1 : i0;
      const l1 = Math.min(Math.max(f32(real - i0), 0), 1);
      lambda1[i] = l1;
      lambda0[i] = f32(1 - l1);
    }
  }
  return { index0, index1, lambda0, lambda1 };
}

/**
 * Interpolation with resolved options, PyTorch 1.13's CPU kernels (`upsample_nearest2d`,
 * `_upsample_nearest_exact2d`, `upsample_bilinear2d`), forward; backward is the gradient of this
 * forward. (PyTorch 1.13's nearest backward always uses `nearest_idx`'s shortcuts, so with more
 * than one channel and a scale factor whose output is the input's size or twice it, e.g. 2.1 on
 * 5, its gradient is not its forward's: shapecheck keeps the gradient true to the forward.) The
 * input is never modified.
 */
export function upsampleForward(input: Tensor, params: ResolvedUpsampleOptions): Tensor {
  checkTensor(params.op, 'input', input);
  const inputShape = input.shape as readonly number[];
  const outShape = upsampleShapeFromResolved(inputShape, params);
  const [n, c, inH, inW] = inputShape as [number, number, number, number];
  const [, , outH, outW] = outShape as [number, number, number, number];
  // the scale factor PyTorch's kernel gets: none with size, or when recomputed from the sizes
  const scales = params.scaleFactor && !params.recomputeScaleFactor ? params.scaleFactor : [undefined, undefined];
  // PyTorch 1.13 runs one kernel on one channel (channels-last) and another on more (see interpolationAxis)
  const generic = c > 1;
  const rows = interpolationAxis(params.mode, inH, outH, scales[0], params.alignCorners, generic);
  const cols = interpolationAxis(params.mode, inW, outW, scales[1], params.alignCorners, generic);
  const planes = n * c;
  const data = input.data;
  const out = new Float32Array(planes * outH * outW);
  const inPlane = inH * inW;
  const bilinear = params.mode === 'bilinear';
  const { index0: h0s, index1: h1s, lambda0: hl0s, lambda1: hl1s } = rows;
  const { index0: w0s, index1: w1s, lambda0: wl0s, lambda1: wl1s } = cols;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = p * inPlane;
    for (let oh = 0; oh < outH; oh++) {
      const r0 = base + h0s[oh]! * inW;
      if (!bilinear) {
        for (let ow = 0; ow < outW; ow++) out[o++] = data[r0 + w0s[ow]!]!;
        continue;
      }
      const r1 = base + h1s[oh]! * inW;
      const hl0 = hl0s[oh]!;
      const hl1 = hl1s[oh]!;
      for (let ow = 0; ow < outW; ow++) {
        const w0 = w0s[ow]!;
        const w1 = w1s[ow]!;
        const wl0 = wl0s[ow]!;
        const wl1 = wl1s[ow]!;
        out[o++] = hl0 * (wl0 * data[r0 + w0]! + wl1 * data[r0 + w1]!) + hl1 * (wl0 * data[r1 + w0]! + wl1 * data[r1 + w1]!);
      }
    }
  }
  const name = bilinear ? 'UpsampleBilinear2DBackward' : params.mode === 'nearest' ? 'UpsampleNearest2DBackward' : 'UpsampleNearestExact2DBackward';
  return record(traced(new Tensor(out, outShape), 'upsample', [input], { params }), name, [input], (grad) => {
    const gradInput = new Float32Array(data.length);
    let k = 0;
    for (let p = 0; p < planes; p++) {
      const base = p * inPlane;
      for (let oh = 0; oh < outH; oh++) {
        const r0 = base + h0s[oh]! * inW;
        if (!bilinear) {
          for (let ow = 0; ow < outW; ow++) gradInput[r0 + w0s[ow]!]! += grad[k++]!;
          continue;
        }
        const r1 = base + h1s[oh]! * inW;
        const hl0 = hl0s[oh]!;
        const hl1 = hl1s[oh]!;
        for (let ow = 0; ow < outW; ow++) {
          const g = grad[k++]!;
          const w0 = w0s[ow]!;
          const w1 = w1s[ow]!;
          const wl0 = wl0s[ow]!;
          const wl1 = wl1s[ow]!;
          gradInput[r0 + w0]! += hl0 * wl0 * g;
          gradInput[r0 + w1]! += hl0 * wl1 * g;
          gradInput[r1 + w0]! += hl1 * wl0 * g;
          gradInput[r1 + w1]! += hl1 * wl1 * g;
        }
      }
    }
    return [gradInput];
  });
}

/**
 * For each element of the shuffled output (`[*, C, H·r, W·r]`), the input element it is
 * (`[*, C·r², H, W]`): PixelShuffle gathers with it, PixelUnshuffle is its inverse.
 */
function shuffleMap(planes: number, channels: number, height: number, width: number, r: number): Int32Array {
  // output [b, c, h·r + i, w·r + j] = input [b, c·r² + i·r + j, h, w]
  const outW = width * r;
  const map = new Int32Array(planes * channels * r * r * height * width);
  const inPlane = height * width;
  let k = 0;
  for (let b = 0; b < planes; b++) {
    for (let ch = 0; ch < channels; ch++) {
      const channelBase = (b * channels + ch) * r * r * inPlane;
      for (let h = 0; h < height; h++) {
        for (let i = 0; i < r; i++) {
          const rowBase = channelBase + i * r * inPlane + h * width;
          for (let w = 0; w < width; w++) {
            for (let j = 0; j < r; j++) map[k + w * r + j] = rowBase + j * inPlane + w;
          }
          k += outW;
        }
      }
    }
  }
  return map;
}

/** Gathers `data` by `map` (`out[k] = data[map[k]]`). */
function gather(data: Float32Array, map: Int32Array): Float32Array {
  const out = new Float32Array(map.length);
  for (let k = 0; k < map.length; k++) out[k] = data[map[k]!]!;
  return out;
}

/** Scatters `data` by `map` (`out[map[k]] = data[k]`). */
function scatter(data: Float32Array, map: Int32Array): Float32Array {
  const out = new Float32Array(map.length);
  for (let k = 0; k < map.length; k++) out[map[k]!] = data[k]!;
  return out;
}

/** PixelShuffle on a checked factor, forward and backward (PyTorch's `pixel_shuffle`). */
export function pixelShuffleForward(input: Tensor, upscaleFactor: number, op = 'PixelShuffle'): Tensor {
  checkTensor(op, 'input', input);
  const inputShape = input.shape as readonly number[];
  const outShape = pixelShuffleOutputShape(inputShape, upscaleFactor, op);
  const r = upscaleFactor;
  const [c, h, w] = inputShape.slice(-3) as [number, number, number];
  const planes = inputShape.slice(0, -3).reduce((a, b) => a * b, 1);
  const map = shuffleMap(planes, c / (r * r), h, w, r);
  return record(traced(new Tensor(gather(input.data, map), outShape), 'pixelShuffle', [input], { upscaleFactor: r }), 'PixelShuffleBackward', [input], (grad) => [scatter(grad, map)]);
}

/** PixelUnshuffle on a checked factor, forward and backward (PyTorch's `pixel_unshuffle`). */
export function pixelUnshuffleForward(input: Tensor, downscaleFactor: number, op = 'PixelUnshuffle'): Tensor {
  checkTensor(op, 'input', input);
  const inputShape = input.shape as readonly number[];
  const outShape = pixelUnshuffleOutputShape(inputShape, downscaleFactor, op);
  const r = downscaleFactor;
  const [c, h, w] = inputShape.slice(-3) as [number, number, number];
  const planes = inputShape.slice(0, -3).reduce((a, b) => a * b, 1);
  // the unshuffled output is the shuffle's input: the map sends each element of this input there
  const map = shuffleMap(planes, c, h / r, w / r, r);
  return record(traced(new Tensor(scatter(input.data, map), outShape), 'pixelUnshuffle', [input], { downscaleFactor: r }), 'PixelUnshuffleBackward', [input], (grad) => [gather(grad, map)]);
}

/**
 * Resizes `[N, C, H, W]` input, as PyTorch's `F.interpolate`: to `size`, or by `scaleFactor`
 * (`floor(in · scale)`), with mode `'nearest'` (default), `'nearest-exact'` or `'bilinear'`
 * (`alignCorners`). Differentiable. The output shape is computed at compile time; a mistake is
 * reported at the `options` argument with the words the runtime throws.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { interpolate, tensor } from 'shapecheck';
 * const y = interpolate(tensor([[[[1, 2], [3, 4]]]]), { scaleFactor: 2, mode: 'bilinear', alignCorners: true });
 * y.shape;
 * //=> [1, 1, 4, 4]
 * Array.from(y.data.slice(0, 4), (v) => Math.round(v * 1000) / 1000);
 * //=> [1, 1.333, 1.667, 2]
 * ```
 * @category Operations
 */
export function interpolate<InputShape extends Shape, const Options extends UpsampleOptions>(
  input: Tensor<InputShape>,
  options: UpsampleOutputShape<'interpolate', InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): TensorOf<UpsampleOutputShape<'interpolate', InputShape, Options>> {
  const params = resolveUpsampleOptions('interpolate', options as UpsampleOptions);
  return upsampleForward(input as Tensor, params) as TensorOf<UpsampleOutputShape<'interpolate', InputShape, Options>>;
}

/**
 * Rearranges `[*, C·r², H, W]` into `[*, C, H·r, W·r]`, as PyTorch's `F.pixel_shuffle`.
 * Differentiable. A channel count not divisible by `r²` is an error at `upscaleFactor` (with the
 * words the runtime throws).
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for a bad factor.
 * @example
 * ```ts
 * import { arange, pixelShuffle } from 'shapecheck';
 * const y = pixelShuffle(arange(4).reshape([1, 4, 1, 1]), 2);
 * y.toArray();
 * //=> [[[[0, 1], [2, 3]]]]
 * ```
 * @category Operations
 */
export function pixelShuffle<InputShape extends Shape, const R extends number>(
  input: Tensor<InputShape>,
  upscaleFactor: PixelShuffleOutputShape<'pixelShuffle', InputShape, { upscaleFactor: R }> extends ErrorMessage<infer Message> ? Message : R,
): TensorOf<PixelShuffleOutputShape<'pixelShuffle', InputShape, { upscaleFactor: R }>> {
  return pixelShuffleForward(input as Tensor, upscaleFactor as number, 'pixelShuffle') as TensorOf<PixelShuffleOutputShape<'pixelShuffle', InputShape, { upscaleFactor: R }>>;
}

/**
 * Rearranges `[*, C, H·r, W·r]` into `[*, C·r², H, W]`, as PyTorch's `F.pixel_unshuffle` (the
 * inverse of {@link pixelShuffle}). Differentiable. A height or width not divisible by `r` is an
 * error at `downscaleFactor`.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for a bad factor.
 * @example
 * ```ts
 * import { arange, pixelUnshuffle } from 'shapecheck';
 * const y = pixelUnshuffle(arange(4).reshape([1, 1, 2, 2]), 2);
 * y.shape;
 * //=> [1, 4, 1, 1]
 * Array.from(y.data);
 * //=> [0, 1, 2, 3]
 * ```
 * @category Operations
 */
export function pixelUnshuffle<InputShape extends Shape, const R extends number>(
  input: Tensor<InputShape>,
  downscaleFactor: PixelUnshuffleOutputShape<'pixelUnshuffle', InputShape, { downscaleFactor: R }> extends ErrorMessage<infer Message> ? Message : R,
): TensorOf<PixelUnshuffleOutputShape<'pixelUnshuffle', InputShape, { downscaleFactor: R }>> {
  return pixelUnshuffleForward(input as Tensor, downscaleFactor as number, 'pixelUnshuffle') as TensorOf<PixelUnshuffleOutputShape<'pixelUnshuffle', InputShape, { downscaleFactor: R }>>;
}
