/**
 * Transposed convolution (issue 12), PyTorch's `F.conv_transpose2d`, on the convolution kernels:
 * a transposed convolution is a convolution's input gradient, so its forward runs the backward
 * kernels' input-gradient path (or, at stride 1, a forward convolution with the flipped weight:
 * Winograd for 3×3), and its gradients are a forward convolution (the input's) and a
 * convolution's weight gradient with the roles of input and output swapped (the weight's).
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { Multiply } from '../arithmetic/multiply.js';
import { record } from '../autograd/engine.js';
import { traced } from '../autograd/trace.js';
import { biasGradient, conv2dBackward as conv2dBackwardKernel, conv2dForward, type ConvGeometry } from '../kernels/conv2d.js';
import { conv2dBackwardWasm, conv2dForwardWasm, convTransposePhasesWasm, type TransposedPhase, type WasmPadding } from '../kernels/wasm.js';
import { checkPositiveInteger } from '../shape/conv-output-size.js';
import {
  convTranspose2dShapeFromResolved,
  resolveConvTranspose2dOptions,
  type ConvTranspose2dOptions,
  type ConvTranspose2dOutputShape,
  type ResolvedConvTranspose2dOptions,
} from '../shape/conv-transpose2d.js';
import { formatList } from '../shape/format.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
import { allocateData } from '../tensor/allocate.js';
import { checkTensor } from '../tensor/check.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { adjointAsConvolution, flippedWeight } from './conv2d.js';

/**
 * The options of PyTorch's `F.conv_transpose2d`, camelCased.
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dFunctionalOptions } from 'shapecheck';
 * const options: ConvTranspose2dFunctionalOptions = { stride: 2, padding: 1, outputPadding: 1 };
 * options.stride;
 * //=> 2
 * ```
 * @category Operations
 */
export interface ConvTranspose2dFunctionalOptions {
  readonly stride?: number | readonly [number, number];
  readonly padding?: number | readonly [number, number];
  readonly outputPadding?: number | readonly [number, number];
  readonly groups?: number;
  readonly dilation?: number | readonly [number, number];
}

/** The `nn.ConvTranspose2d` options a weight `[inChannels, outChannels/groups, kH, kW]` and functional options describe. */
type LayerOptions<WeightShape extends Shape, Options extends ConvTranspose2dFunctionalOptions> = WeightShape extends readonly [
  infer In extends number,
  infer Out extends number,
  infer KH extends number,
  infer KW extends number,
]
  ? {
      inChannels: In;
      outChannels: Multiply<Out, Options extends { readonly groups: infer G extends number } ? G : 1> & number;
      kernelSize: [KH, KW];
    } & Options
  : { inChannels: number; outChannels: number; kernelSize: number } & Options;

/**
 * The output shape of `F.conv_transpose2d(input, weight, bias, options)`:
 * {@link ConvTranspose2dOutputShape} with `inChannels = weight[0]`, `outChannels = weight[1]·groups`,
 * `kernelSize = [weight[2], weight[3]]`.
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dFunctionalOutputShape } from 'shapecheck';
 * type A = ConvTranspose2dFunctionalOutputShape<[1, 8, 5, 5], [8, 3, 3, 3], { stride: 2 }>;
 * //=> [1, 3, 11, 11]
 * ```
 * @category Operations
 */
export type ConvTranspose2dFunctionalOutputShape<InputShape extends Shape, WeightShape extends Shape, Options extends ConvTranspose2dFunctionalOptions> =
  LayerOptions<WeightShape, Options> extends infer Layer extends ConvTranspose2dOptions ? ConvTranspose2dOutputShape<InputShape, Layer> : never;

/** The `options` argument: the options, or the message when the shapes do not fit. */
type OptionsArgument<InputShape extends Shape, WeightShape extends Shape, Options extends ConvTranspose2dFunctionalOptions> =
  ConvTranspose2dFunctionalOutputShape<InputShape, WeightShape, Options> extends ErrorMessage<infer Message> ? Message : Options;

/** Checks the weight (and bias) shapes, PyTorch's words. */
function checkParameters(op: string, weightShape: readonly number[], biasShape: readonly number[] | null, outChannels: number): void {
  if (weightShape.length !== 4) {
    throw new ShapeError(`${op}: weight must be 4-D [inChannels, outChannels/groups, kH, kW], got weight of size ${formatList(weightShape)}`);
  }
  if (biasShape && (biasShape.length !== 1 || biasShape[0] !== outChannels)) {
    throw new ShapeError(
      `${op}: Given transposed=1, weight of size ${formatList(weightShape)}, expected bias to be 1-dimensional with ${outChannels} elements, but got bias of size ${formatList(biasShape)} instead`,
    );
  }
}

/**
 * The convolution whose input gradient this transposed convolution is: its input is the
 * transposed convolution's output (`[N, outChannels, outH, outW]`), its output the transposed
 * convolution's input, its weight the same `[inChannels, outChannels/groups, kH, kW]` read as
 * `[convOut, convIn/groups, kH, kW]`.
 */
function transposedGeometry(inputShape: readonly number[], outShape: readonly number[], params: ResolvedConvTranspose2dOptions): ConvGeometry {
  const [batch, , height, width] = (inputShape.length === 4 ? inputShape : [1, ...inputShape]) as [number, number, number, number];
  const [outHeight, outWidth] = outShape.slice(-2) as [number, number];
  return {
    batch,
    inChannels: params.outChannels,
    inHeight: outHeight,
    inWidth: outWidth,
    outChannels: params.inChannels,
    outHeight: height,
    outWidth: width,
    kernelHeight: params.kernelSize[0],
    kernelWidth: params.kernelSize[1],
    strideHeight: params.stride[0],
    strideWidth: params.stride[1],
    dilationHeight: params.dilation[0],
    dilationWidth: params.dilation[1],
    padTop: params.padding[0],
    padLeft: params.padding[1],
    groups: params.groups,
  };
}

/** The zero padding after the image, as the WebAssembly kernels take it (enough for every tap). */
function wasmPadding(params: ResolvedConvTranspose2dOptions): WasmPadding {
  return { bottom: params.padding[0], right: params.padding[1], mode: 'constant' };
}

/**
 * At stride 1 the transposed convolution is a convolution of its input with the flipped,
 * transposed weight and padding `d·(k − 1) − p` (`+ outputPadding` after): the forward kernels
 * (Winograd for 3×3) run it without a scatter. Null where that does not apply (a stride, more
 * padding than `d·(k − 1)`, fewer than 16 output channels per group: the scatter is faster there).
 */
function forwardAsConvolution(g: ConvGeometry, params: ResolvedConvTranspose2dOptions): { geometry: ConvGeometry; padding: WasmPadding } | null {
  // the convolution it transposes has padding p before and p − outputPadding after each dim
  const [ph, pw] = params.padding;
  const [oh, ow] = params.outputPadding;
  return adjointAsConvolution(g, [ph, ph - oh, pw, pw - ow]);
}

/** One dimension's stride phases: output index `start + q·stride` (q < count) takes `taps` kernel taps. */
interface DimensionPhase {
  readonly phase: number;
  readonly taps: number;
  readonly start: number;
  readonly count: number;
  readonly before: number;
  readonly after: number;
}

/**
 * The stride phases of one dimension (kernel k, stride s, padding p, input and output sizes):
 * output o = q·s + a − p takes the taps i = a + t·s (t < taps) from input q − t, a stride-1
 * correlation with the turned sub-kernel over the input padded by `before` (taps − 1 − the first
 * q) and `after`. Null when a phase's first output needs the input cut (`before` < 0: padding
 * past a phase's first tap), which the phases do not do. Phases without taps or outputs are left
 * out (their outputs are zero).
 */
function dimensionPhases(k: number, s: number, p: number, inSize: number, outSize: number): DimensionPhase[] | null {
  const phases: DimensionPhase[] = [];
  for (let a = 0; a < s; a++) {
    const taps = a < k ? Math.ceil((k - a) / s) : 0;
    const first = Math.max(0, Math.ceil((p - a) / s));
    const last = Math.floor((outSize - 1 + p - a) / s);
    const count = last - first + 1;
    if (taps === 0 || count <= 0) continue;
    const before = taps - 1 - first;
    if (before < 0) return null;
    phases.push({ phase: a, taps, start: first * s + a - p, count, before, after: Math.max(0, count + taps - 1 - inSize - before) });
  }
  return phases;
}

/** Output positions per image below which a phase of a transposed convolution is too small to gain. */
const PHASE_MIN_POSITIONS = 256;

/**
 * A transposed convolution with a stride (dilation 1) as stride phases, each a stride-1
 * convolution of the input with its own turned and transposed sub-kernel, for
 * {@link convTransposePhasesWasm}: no zero-inserted input and no scatter. `g` is the convolution
 * whose input gradient the transposed convolution is. Null where that does not apply (stride 1:
 * the forward route applies; dilation; padding past a phase's first tap; phases of fewer than
 * {@link PHASE_MIN_POSITIONS} positions).
 */
function stridePhases(g: ConvGeometry): TransposedPhase[] | null {
  if ((g.strideHeight === 1 && g.strideWidth === 1) || g.dilationHeight !== 1 || g.dilationWidth !== 1) return null;
  const rows = dimensionPhases(g.kernelHeight, g.strideHeight, g.padTop, g.outHeight, g.inHeight);
  const cols = dimensionPhases(g.kernelWidth, g.strideWidth, g.padLeft, g.outWidth, g.inWidth);
  if (!rows || !cols || rows.length === 0 || cols.length === 0) return null;
  // small phases lose to the one GEMM and scatter (measured, one thread, new ÷ old time: 784
  // positions a phase 0.8–0.9×, 256 at batch 8 0.82×; 196 1.12×, 64 at batch 8 1.6×, 49 2×)
  if (Math.min(...rows.map((r) => r.count)) * Math.min(...cols.map((c) => c.count)) < PHASE_MIN_POSITIONS) return null;
  const phases: TransposedPhase[] = [];
  for (const row of rows) {
    for (const col of cols) {
      phases.push({
        // the transposed convolution's channels: g's output channels in, its input channels out
        geometry: {
          batch: g.batch,
          inChannels: g.outChannels,
          inHeight: g.outHeight,
          inWidth: g.outWidth,
          outChannels: g.inChannels,
          outHeight: row.count,
          outWidth: col.count,
          kernelHeight: row.taps,
          kernelWidth: col.taps,
          strideHeight: 1,
          strideWidth: 1,
          dilationHeight: 1,
          dilationWidth: 1,
          padTop: row.before,
          padLeft: col.before,
          groups: g.groups,
        },
        padding: { bottom: row.after, right: col.after, mode: 'constant' },
        rowPhase: row.phase,
        colPhase: col.phase,
        rowStart: row.start,
        colStart: col.start,
      });
    }
  }
  return phases;
}

/** Adds `bias[c]` to every value of channel c. */
function addBias(out: Float32Array, bias: Float32Array, batch: number, channels: number, positions: number): void {
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const offset = (n * channels + c) * positions;
      const value = bias[c]!;
      for (let t = 0; t < positions; t++) out[offset + t] = out[offset + t]! + value;
    }
  }
}

/** `out` (the output's `[N, outC, outH, outW]` floats, overwritten) of the transposed convolution of `x` with `w`, plus `bias`. */
function transposedForward(g: ConvGeometry, params: ResolvedConvTranspose2dOptions, x: Float32Array, w: Float32Array, bias: Float32Array | null, out: Float32Array): void {
  if (out.length === 0) return;
  if (x.length > 0) {
    // with a stride: by stride phases (the bias included); at stride 1: as a forward convolution;
    // else as the input gradient of the convolution `g`
    const phases = stridePhases(g);
    const sizes = { ...g, outHeight: g.inHeight, outWidth: g.inWidth };
    if (phases && convTransposePhasesWasm(phases, sizes, x, w, bias, out)) return;
    const asForward = forwardAsConvolution(g, params);
    if (!(asForward && conv2dForwardWasm(asForward.geometry, asForward.padding, x, flippedWeight(w, g), null, out))) {
      // the input gradient of `g` for the gradient `x` (the input argument, `out`, only sizes it)
      if (!conv2dBackwardWasm(g, wasmPadding(params), out, w, x, out, null)) conv2dBackwardKernel(g, out, w, x, out, null, null);
    }
  } else {
    out.fill(0);
  }
  if (bias) addBias(out, bias, g.batch, params.outChannels, g.inHeight * g.inWidth);
}

/**
 * Runs a transposed convolution with resolved options (`outputSize` choosing the output padding,
 * PyTorch's `output_size`), for `F.conv_transpose2d` and `nn.ConvTranspose2d`. Differentiable in
 * the input, the weight and the bias. The input is never modified.
 */
export function convolveTransposed(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  params: ResolvedConvTranspose2dOptions,
  outputSize?: readonly number[],
): Tensor {
  checkTensor('ConvTranspose2d', 'input', input);
  checkTensor('ConvTranspose2d', 'weight', weight);
  if (bias !== null) checkTensor('ConvTranspose2d', 'bias', bias);
  checkParameters('ConvTranspose2d', weight.shape as readonly number[], bias ? (bias.shape as readonly number[]) : null, params.outChannels);
  const inputShape = input.shape as readonly number[];
  const outShape = convTranspose2dShapeFromResolved(inputShape, params, outputSize);
  // the output padding actually used (an outputSize chooses it)
  const outputPadding = ([0, 1] as const).map(
    (i) => outShape[outShape.length - 2 + i]! - ((inputShape[inputShape.length - 2 + i]! - 1) * params.stride[i] - 2 * params.padding[i] + params.dilation[i] * (params.kernelSize[i] - 1) + 1),
  ) as [number, number];
  const resolved: ResolvedConvTranspose2dOptions = { ...params, outputPadding };
  const out = allocateData('ConvTranspose2d', outShape);
  const g = transposedGeometry(inputShape, outShape, resolved);
  transposedForward(g, resolved, input.data, weight.data, bias ? bias.data : null, out);
  return record(
    traced(new Tensor(out, outShape), 'conv_transpose2d', [input, weight, bias], { params: resolved }),
    'ConvolutionBackward',
    [input, weight, bias],
    (grad) => {
      const grads = transposedGradients(g, resolved, input.detach().data, weight.detach().data, grad, {
        input: input.requiresGrad,
        weight: weight.requiresGrad,
        bias: bias !== null && bias.requiresGrad,
      });
      return [grads.gradInput, grads.gradWeight, grads.gradBias];
    },
    [input, weight],
  );
}

/**
 * The gradients of a transposed convolution for `gradOutput`: the input's is the convolution of
 * `gradOutput` with the weight (the forward kernels), the weight's is that convolution's weight
 * gradient with `gradOutput` as its input and the input as its output's gradient, the bias's the
 * sum of `gradOutput` per channel. Each only where `needs` asks for it.
 */
function transposedGradients(
  g: ConvGeometry,
  params: ResolvedConvTranspose2dOptions,
  x: Float32Array,
  w: Float32Array,
  gradOutput: Float32Array,
  needs: { readonly input: boolean; readonly weight: boolean; readonly bias: boolean },
): { gradInput: Float32Array | null; gradWeight: Float32Array | null; gradBias: Float32Array | null } {
  const gradInput = needs.input ? new Float32Array(x.length) : null;
  const gradWeight = needs.weight ? new Float32Array(w.length) : null;
  const gradBias = needs.bias ? new Float32Array(params.outChannels) : null;
  if (gradOutput.length > 0 && x.length > 0) {
    if (gradInput && !conv2dForwardWasm(g, wasmPadding(params), gradOutput, w, null, gradInput)) conv2dForward(g, gradOutput, w, null, gradInput);
    if (gradWeight && !conv2dBackwardWasm(g, wasmPadding(params), gradOutput, w, x, null, gradWeight)) {
      conv2dBackwardKernel(g, gradOutput, w, x, null, gradWeight, null);
    }
  }
  // ∂bias: the output's gradient summed per channel (the convolution `g`'s input channels)
  if (gradBias) biasGradient({ ...g, outChannels: g.inChannels, outHeight: g.inHeight, outWidth: g.inWidth }, gradOutput, gradBias);
  return { gradInput, gradWeight, gradBias };
}

/**
 * A 2-D transposed convolution ("deconvolution"), as PyTorch's `F.conv_transpose2d`: `input`
 * `[N, inChannels, H, W]` or `[inChannels, H, W]`, `weight` `[inChannels, outChannels/groups, kH,
 * kW]`, optional `bias` `[outChannels]`. The output size is `(in − 1)·stride − 2·padding +
 * dilation·(kernel − 1) + outputPadding + 1`, computed at compile time; a mismatch is reported at
 * the `options` argument with the words the runtime throws.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { convTranspose2d, ones } from 'shapecheck';
 * const y = convTranspose2d(ones([1, 1, 2, 2]), ones([1, 1, 2, 2]), null, { stride: 1 });
 * y.toArray();
 * //=> [[[[1, 2, 1], [2, 4, 2], [1, 2, 1]]]]
 * ```
 * @category Operations
 */
export function convTranspose2d<InputShape extends Shape, WeightShape extends Shape, const Options extends ConvTranspose2dFunctionalOptions = Record<never, never>>(
  input: Tensor<InputShape>,
  weight: Tensor<WeightShape>,
  bias: Tensor | null,
  options: OptionsArgument<InputShape, WeightShape, Options> = {} as OptionsArgument<InputShape, WeightShape, Options>,
): TensorOf<ConvTranspose2dFunctionalOutputShape<InputShape, WeightShape, Options>> {
  checkTensor('convTranspose2d', 'input', input);
  checkTensor('convTranspose2d', 'weight', weight);
  if (bias !== null) checkTensor('convTranspose2d', 'bias', bias);
  const weightShape = weight.shape as readonly number[];
  const opts = options as ConvTranspose2dFunctionalOptions;
  if (typeof opts !== 'object' || opts === null) throw new TypeError('convTranspose2d: options must be an object');
  // groups first: outChannels is derived from it, and a bad groups must be named as itself
  const groups = opts.groups === undefined ? 1 : checkPositiveInteger('ConvTranspose2d', 'groups', opts.groups);
  checkParameters('convTranspose2d', weightShape, bias ? (bias.shape as readonly number[]) : null, (weightShape[1] ?? 0) * groups);
  const resolved = resolveConvTranspose2dOptions({
    ...opts,
    inChannels: weightShape[0]!,
    outChannels: weightShape[1]! * groups,
    kernelSize: [weightShape[2]!, weightShape[3]!],
  });
  return convolveTransposed(input, weight, bias, resolved) as TensorOf<ConvTranspose2dFunctionalOutputShape<InputShape, WeightShape, Options>>;
}
