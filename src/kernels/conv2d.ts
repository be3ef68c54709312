/**
 * Direct-to-buffer 2-D convolution kernels: im2col (tiled, so scratch stays bounded) feeding the
 * blocked GEMM, a 1×1 fast path that multiplies the input in place, and a direct kernel for
 * depthwise convolutions. Zero padding is implicit (out-of-range taps read as 0); other padding
 * modes are applied by the op before calling these, on a padded copy.
 *
 * Knows nothing of tensors or shapes' types: buffers, sizes and strides only.
 *
 * @packageDocumentation
 */
import { gemm } from './gemm.js';

/** Sizes of one convolution, all resolved (NCHW, weight `[cOut, cIn/groups, kH, kW]`). */
export interface ConvGeometry {
  readonly batch: number;
  readonly inChannels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  /** Implicit zero padding before the first row / column (the rest is implied by the output size). */
  readonly padTop: number;
  readonly padLeft: number;
  readonly groups: number;
}

/** Floats of im2col scratch per tile at most (16 MiB). */
const COLUMN_BUDGET = 1 << 22;
let columns = new Float32Array(0);

function columnBuffer(size: number): Float32Array {
  if (columns.length < size) columns = new Float32Array(size);
  return columns;
}

/** Output positions per im2col tile: all of them if they fit the budget. */
function tileSize(g: ConvGeometry, rows: number): number {
  const positions = g.outHeight * g.outWidth;
  return Math.max(1, Math.min(positions, Math.floor(COLUMN_BUDGET / Math.max(1, rows))));
}

function isPointwise(g: ConvGeometry): boolean {
  return (
    g.kernelHeight === 1 && g.kernelWidth === 1 && g.strideHeight === 1 && g.strideWidth === 1 &&
    g.padTop === 0 && g.padLeft === 0 && g.outHeight === g.inHeight && g.outWidth === g.inWidth
  );
}

/**
 * Fills `cols` (rows = `channels·kH·kW` of group channels from `channelStart`, columns = output
 * positions `[start, start + count)`) from one image at `xOffset`.
 */
function im2col(g: ConvGeometry, x: Float32Array, xOffset: number, channelStart: number, channels: number, start: number, count: number, cols: Float32Array): void {
  const { inHeight: H, inWidth: W, outWidth: Wo, kernelHeight: kh, kernelWidth: kw } = g;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, padTop: pt, padLeft: pl } = g;
  let row = 0;
  for (let c = 0; c < channels; c++) {
    const plane = xOffset + (channelStart + c) * H * W;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++, row++) {
        const dst = row * count;
        let oy = Math.floor(start / Wo);
        let ox = start - oy * Wo;
        for (let t = 0; t < count; t++) {
          const iy = oy * sh - pt + i * dh;
          const ix = ox * sw - pl + j * dw;
          cols[dst + t] = iy >= 0 && iy < H && ix >= 0 && ix < W ? (x[plane + iy * W + ix] as number) : 0;
          if (++ox === Wo) {
            ox = 0;
            oy++;
          }
        }
      }
    }
  }
}

/** Adds `cols` back into one image's gradient (the transpose of {@link im2col}). */
function col2im(g: ConvGeometry, cols: Float32Array, gx: Float32Array, xOffset: number, channelStart: number, channels: number, start: number, count: number): void {
  const { inHeight: H, inWidth: W, outWidth: Wo, kernelHeight: kh, kernelWidth: kw } = g;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, padTop: pt, padLeft: pl } = g;
  let row = 0;
  for (let c = 0; c < channels; c++) {
    const plane = xOffset + (channelStart + c) * H * W;
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++, row++) {
        const src = row * count;
        let oy = Math.floor(start / Wo);
        let ox = start - oy * Wo;
        for (let t = 0; t < count; t++) {
          const iy = oy * sh - pt + i * dh;
          const ix = ox * sw - pl + j * dw;
          if (iy >= 0 && iy < H && ix >= 0 && ix < W) {
            const index = plane + iy * W + ix;
            gx[index] = (gx[index] as number) + (cols[src + t] as number);
          }
          if (++ox === Wo) {
            ox = 0;
            oy++;
          }
        }
      }
    }
  }
}

/** `out = conv(x, w) + bias`, `out` of `batch·outChannels·outHeight·outWidth` floats. */
export function conv2dForward(g: ConvGeometry, x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array): void {
  const positions = g.outHeight * g.outWidth;
  if (g.groups === g.inChannels && g.groups > 1) {
    depthwiseForward(g, x, w, out);
  } else {
    const cin = g.inChannels / g.groups;
    const cout = g.outChannels / g.groups;
    const depth = cin * g.kernelHeight * g.kernelWidth;
    const pointwise = isPointwise(g);
    const tile = tileSize(g, depth);
    const cols = pointwise ? columns : columnBuffer(depth * tile);
    for (let n = 0; n < g.batch; n++) {
      const xOffset = n * g.inChannels * g.inHeight * g.inWidth;
      const outOffset = n * g.outChannels * positions;
      for (let group = 0; group < g.groups; group++) {
        const weights = { data: w, offset: group * cout * depth, rowStride: depth, colStride: 1 };
        const cOffset = outOffset + group * cout * positions;
        if (pointwise) {
          const input = { data: x, offset: xOffset + group * cin * positions, rowStride: positions, colStride: 1 };
          gemm(cout, positions, depth, weights, input, out, cOffset, positions, false);
          continue;
        }
        for (let start = 0; start < positions; start += tile) {
          const count = Math.min(tile, positions - start);
          im2col(g, x, xOffset, group * cin, cin, start, count, cols);
          gemm(cout, count, depth, weights, { data: cols, offset: 0, rowStride: count, colStride: 1 }, out, cOffset + start, positions, false);
        }
      }
    }
  }
  if (bias) {
    for (let n = 0; n < g.batch; n++) {
      for (let c = 0; c < g.outChannels; c++) {
        const offset = (n * g.outChannels + c) * positions;
        const value = bias[c] as number;
        for (let t = 0; t < positions; t++) out[offset + t] = (out[offset + t] as number) + value;
      }
    }
  }
}

/** Depthwise forward (groups = inChannels; each input channel feeds `outChannels/groups` filters). */
function depthwiseForward(g: ConvGeometry, x: Float32Array, w: Float32Array, out: Float32Array): void {
  const { inHeight: H, inWidth: W, outHeight: Ho, outWidth: Wo, kernelHeight: kh, kernelWidth: kw } = g;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw, padTop: pt, padLeft: pl } = g;
  const multiplier = g.outChannels / g.groups;
  for (let n = 0; n < g.batch; n++) {
    for (let co = 0; co < g.outChannels; co++) {
      const plane = (n * g.inChannels + Math.floor(co / multiplier)) * H * W;
      const filter = co * kh * kw;
      const dst = (n * g.outChannels + co) * Ho * Wo;
      for (let oy = 0; oy < Ho; oy++) {
        const y0 = oy * sh - pt;
        // rows of the kernel that land inside the image
        const iFirst = y0 >= 0 ? 0 : Math.ceil(-y0 / dh);
        const iEnd = Math.min(kh, Math.floor((H - 1 - y0) / dh) + 1);
        for (let ox = 0; ox < Wo; ox++) {
          const x0 = ox * sw - pl;
          const jFirst = x0 >= 0 ? 0 : Math.ceil(-x0 / dw);
          const jEnd = Math.min(kw, Math.floor((W - 1 - x0) / dw) + 1);
          let sum = 0;
          for (let i = iFirst; i < iEnd; i++) {
            const rowBase = plane + (y0 + i * dh) * W + x0;
            const weightBase = filter + i * kw;
            for (let j = jFirst; j < jEnd; j++) sum += (x[rowBase + j * dw] as number) * (w[weightBase + j] as number);
          }
          out[dst + oy * Wo + ox] = sum;
        }
      }
    }
  }
}

/** `gradBias[c]` = the sum of `gradOutput` over images and positions of channel c (overwritten). */
export function biasGradient(g: ConvGeometry, gradOutput: Float32Array, gradBias: Float32Array): void {
  const positions = g.outHeight * g.outWidth;
  gradBias.fill(0);
  for (let n = 0; n < g.batch; n++) {
    for (let c = 0; c < g.outChannels; c++) {
      const offset = (n * g.outChannels + c) * positions;
      let sum = 0;
      for (let t = 0; t < positions; t++) sum += gradOutput[offset + t] as number;
      gradBias[c] = (gradBias[c] as number) + sum;
    }
  }
}

/**
 * Gradients of {@link conv2dForward}: each of `gradInput`, `gradWeight`, `gradBias` is filled
 * (overwritten) when given.
 */
export function conv2dBackward(
  g: ConvGeometry,
  x: Float32Array,
  w: Float32Array,
  gradOutput: Float32Array,
  gradInput: Float32Array | null,
  gradWeight: Float32Array | null,
  gradBias: Float32Array | null,
): void {
  const positions = g.outHeight * g.outWidth;
  const cin = g.inChannels / g.groups;
  const cout = g.outChannels / g.groups;
  const depth = cin * g.kernelHeight * g.kernelWidth;
  if (gradBias) biasGradient(g, gradOutput, gradBias);
  if (gradWeight) gradWeight.fill(0);
  if (gradInput) gradInput.fill(0);
  if (!gradWeight && !gradInput) return;
  const pointwise = isPointwise(g);
  const tile = tileSize(g, depth);
  const cols = columnBuffer(depth * tile);
  for (let n = 0; n < g.batch; n++) {
    const xOffset = n * g.inChannels * g.inHeight * g.inWidth;
    const gOffset = n * g.outChannels * positions;
    for (let group = 0; group < g.groups; group++) {
      const gradOut = gOffset + group * cout * positions;
      for (let start = 0; start < positions; start += tile) {
        const count = Math.min(tile, positions - start);
        if (gradWeight) {
          // gradWeight[cout × depth] += gradOut[cout × count] · cols[depth × count]ᵀ
          const input = pointwise
            ? { data: x, offset: xOffset + group * cin * positions + start, rowStride: 1, colStride: positions }
            : (im2col(g, x, xOffset, group * cin, cin, start, count, cols), { data: cols, offset: 0, rowStride: 1, colStride: count });
          const gradOutView = { data: gradOutput, offset: gradOut + start, rowStride: positions, colStride: 1 };
          gemm(cout, depth, count, gradOutView, input, gradWeight, group * cout * depth, depth, true);
        }
        if (gradInput) {
          // gradCols[depth × count] = w[cout × depth]ᵀ · gradOut[cout × count]
          const weightsT = { data: w, offset: group * cout * depth, rowStride: 1, colStride: depth };
          const gradOutView = { data: gradOutput, offset: gradOut + start, rowStride: positions, colStride: 1 };
          if (pointwise) {
            gemm(depth, count, cout, weightsT, gradOutView, gradInput, xOffset + group * cin * positions + start, positions, true);
          } else {
            gemm(depth, count, cout, weightsT, gradOutView, cols, 0, count, false);
            col2im(g, cols, gradInput, xOffset, group * cin, cin, start, count);
          }
        }
      }
    }
  }
}
