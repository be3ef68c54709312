import { traced } from '../autograd/trace.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { Multiply } from '../arithmetic/multiply.js';
import { biasGradient, conv2dBackward as conv2dBackwardKernel, conv2dForward, type ConvGeometry } from '../kernels/conv2d.js';
import { padPlanes, padPlanesBackward, type PadKernelMode } from '../kernels/pad.js';
import { conv2dBackwardWasm, conv2dForwardWasm, type WasmPadding, type WeightSource } from '../kernels/wasm.js';
import {
  conv2dShapeFromResolved,
  resolveConv2dOptions,
  type Conv2dOptions,
  type Conv2dOutputShape,
  type PaddingMode,
  type ResolvedConv2dOptions,
} from '../shape/conv2d.js';
import { formatList } from '../shape/format.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { checkTensor } from '../tensor/check.js';
import { checkPositiveInteger } from '../shape/conv-output-size.js';
import { allocateData } from '../tensor/allocate.js';
import { record } from '../autograd/engine.js';

/**
 * The options of PyTorch's `F.conv2d` (zero padding), camelCased.
 *
 * @example
 * ```ts
 * import type { Conv2dFunctionalOptions } from 'shapecheck';
 * const options: Conv2dFunctionalOptions = { stride: 2, padding: 'valid', groups: 1 };
 * ```
 * @category Operations
 */
export interface Conv2dFunctionalOptions {
  readonly stride?: number | readonly [number, number];
  readonly padding?: number | readonly [number, number] | 'valid' | 'same';
  readonly dilation?: number | readonly [number, number];
  readonly groups?: number;
}

/**
 * The options of {@link conv2dBackward}: those of `F.conv2d`, plus the layer's `paddingMode` and
 * whether it has a bias.
 *
 * @example
 * ```ts
 * import type { Conv2dBackwardOptions } from 'shapecheck';
 * const options: Conv2dBackwardOptions = { padding: 1, paddingMode: 'reflect', bias: false };
 * ```
 * @category Operations
 */
export interface Conv2dBackwardOptions extends Conv2dFunctionalOptions {
  readonly paddingMode?: PaddingMode;
  readonly bias?: boolean;
}

/** The `nn.Conv2d` options a weight of `WeightShape` and functional options describe. */
type LayerOptions<WeightShape extends Shape, Options extends Conv2dFunctionalOptions> = WeightShape extends readonly [
  infer Out extends number,
  infer In extends number,
  infer KH extends number,
  infer KW extends number,
]
  ? {
      inChannels: Multiply<In, Options extends { readonly groups: infer G extends number } ? G : 1> & number;
      outChannels: Out;
      kernelSize: [KH, KW];
    } & Options
  : { inChannels: number; outChannels: number; kernelSize: number } & Options;

/**
 * The output shape of `F.conv2d(input, weight, bias, options)`: {@link Conv2dOutputShape} with
 * `inChannels = weight[1]·groups`, `outChannels = weight[0]`, `kernelSize = [weight[2], weight[3]]`.
 *
 * @example
 * ```ts
 * import type { Conv2dFunctionalOutputShape } from 'shapecheck';
 * type A = Conv2dFunctionalOutputShape<[1, 3, 32, 32], [8, 3, 3, 3], { padding: 1 }>;
 * //=> [1, 8, 32, 32]
 * ```
 * @category Operations
 */
export type Conv2dFunctionalOutputShape<
  InputShape extends Shape,
  WeightShape extends Shape,
  Options extends Conv2dFunctionalOptions,
> = LayerOptions<WeightShape, Options> extends infer Layer extends Conv2dOptions ? Conv2dOutputShape<InputShape, Layer> : never;

/** The `options` argument: the options, or the message when the shapes do not fit. */
type OptionsArgument<InputShape extends Shape, WeightShape extends Shape, Options extends Conv2dFunctionalOptions> =
  Conv2dFunctionalOutputShape<InputShape, WeightShape, Options> extends ErrorMessage<infer Message> ? Message : Options;

/**
 * The gradients of a convolution, shaped as what they are gradients of.
 *
 * @example
 * ```ts
 * import { conv2dBackward, ones, type Conv2dGradients } from 'shapecheck';
 * const grads: Conv2dGradients<[1, 1, 3, 3], [2, 1, 3, 3], 2> = conv2dBackward(ones([1, 1, 3, 3]), ones([2, 1, 3, 3]), ones([1, 2, 1, 1]));
 * grads.gradBias?.toArray();
 * //=> [1, 1]
 * ```
 * @category Operations
 */
export interface Conv2dGradients<InputShape extends Shape, WeightShape extends Shape, OutChannels extends number> {
  /** ∂loss/∂input, shaped as the input. */
  readonly gradInput: Tensor<InputShape>;
  /** ∂loss/∂weight, shaped as the weight. */
  readonly gradWeight: Tensor<WeightShape>;
  /** ∂loss/∂bias, or `null` for a layer without bias. */
  readonly gradBias: Tensor<[OutChannels]> | null;
}

/** Checks the weight (and bias) against the resolved layer options, PyTorch's words. */
function checkParameters(op: string, weightShape: readonly number[], biasShape: readonly number[] | null): void {
  if (weightShape.length !== 4) {
    throw new ShapeError(`${op}: weight must be 4-D [outChannels, inChannels/groups, kH, kW], got weight of size ${formatList(weightShape)}`);
  }
  if (biasShape && (biasShape.length !== 1 || biasShape[0] !== weightShape[0])) {
    throw new ShapeError(
      `${op}: Given weight of size ${formatList(weightShape)}, expected bias to be 1-dimensional with ${weightShape[0]} elements, but got bias of size ${formatList(biasShape)} instead`,
    );
  }
}

function resolveFunctional(weightShape: readonly number[], options: Conv2dBackwardOptions): ResolvedConv2dOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('conv2d: options must be an object');
  // groups first: inChannels is derived from it, and a bad groups must be named as itself
  const groups = options.groups === undefined ? 1 : checkPositiveInteger('Conv2d', 'groups', options.groups);
  return resolveConv2dOptions({
    ...options,
    inChannels: (weightShape[1] as number) * groups,
    outChannels: weightShape[0] as number,
    kernelSize: [weightShape[2] as number, weightShape[3] as number],
  });
}

/** The convolution as the TypeScript kernels take it: zero padding implicit, other modes on a padded copy. */
interface Prepared {
  readonly geometry: ConvGeometry;
  /** The input as the kernels see it: padded for non-zero modes. */
  readonly source: Float32Array;
}

/** The geometry of a convolution on the unpadded input (`padTop`/`padLeft` the leading pads). */
function geometryOf(inputShape: readonly number[], outShape: readonly number[], params: ResolvedConv2dOptions): ConvGeometry {
  const [batch, channels, height, width] = (inputShape.length === 4 ? inputShape : [1, ...inputShape]) as [number, number, number, number];
  const [outHeight, outWidth] = outShape.slice(-2) as [number, number];
  return {
    batch,
    inChannels: channels,
    inHeight: height,
    inWidth: width,
    outChannels: params.outChannels,
    outHeight,
    outWidth,
    kernelHeight: params.kernelSize[0],
    kernelWidth: params.kernelSize[1],
    strideHeight: params.stride[0],
    strideWidth: params.stride[1],
    dilationHeight: params.dilation[0],
    dilationWidth: params.dilation[1],
    padTop: params.padding[0],
    padLeft: params.padding[2],
    groups: params.groups,
  };
}

/**
 * Lays out a convolution (its unpadded `geometry`) for the TypeScript kernels: zero padding stays
 * implicit, other modes get a padded copy of the input.
 */
function prepare(geometry: ConvGeometry, input: Float32Array, params: ResolvedConv2dOptions): Prepared {
  const [top, bottom, left, right] = params.padding;
  if (params.paddingMode === 'zeros' || top + bottom + left + right === 0) return { geometry, source: input };
  const { batch, inChannels, inHeight, inWidth } = geometry;
  const source = new Float32Array(batch * inChannels * (inHeight + top + bottom) * (inWidth + left + right));
  padPlanes(input, batch * inChannels, inHeight, inWidth, params.padding, params.paddingMode as PadKernelMode, 0, source);
  return {
    geometry: { ...geometry, inHeight: inHeight + top + bottom, inWidth: inWidth + left + right, padTop: 0, padLeft: 0 },
    source,
  };
}

/** The padding as the WebAssembly kernels take it (folded into their packing). */
function wasmPadding(params: ResolvedConv2dOptions): WasmPadding {
  return {
    bottom: params.padding[1],
    right: params.padding[3],
    mode: params.paddingMode === 'zeros' ? 'constant' : params.paddingMode,
  };
}

/**
 * Runs a convolution with resolved options (any padding mode), for `F.conv2d` and `nn.Conv2d`:
 * the WebAssembly SIMD kernels where available (padding folded into their packing), the
 * TypeScript kernels otherwise. The input is never modified.
 */
export function convolve(input: Tensor, weight: Tensor, bias: Tensor | null, params: ResolvedConv2dOptions): Tensor {
  checkTensor('Conv2d', 'input', input);
  checkTensor('Conv2d', 'weight', weight);
  if (bias !== null) checkTensor('Conv2d', 'bias', bias);
  checkParameters('Conv2d', weight.shape as readonly number[], bias ? (bias.shape as readonly number[]) : null);
  const inputShape = input.shape as readonly number[];
  const outShape = conv2dShapeFromResolved(inputShape, params);
  const out = allocateData('Conv2d', outShape);
  const biasData = bias ? bias.data : null;
  const geometry = geometryOf(inputShape, outShape, params);
  if (out.length > 0 && !conv2dForwardWasm(geometry, wasmPadding(params), input.data, weight.data, biasData, out)) {
    const prepared = prepare(geometry, input.data, params);
    conv2dForward(prepared.geometry, prepared.source, weight.data, biasData, out);
  }
  // ∂input, ∂weight by the backward kernels (WebAssembly and threads, or TypeScript; padding
  // modes included), ∂bias the sum of the output's gradient per channel
  return record(
    traced(new Tensor(out, outShape), 'conv2d', [input, weight, bias], { params }),
    'ConvolutionBackward',
    [input, weight, bias],
    (grad) => {
      const needBias = bias !== null && bias.requiresGrad;
      const grads = convolveGradients(input.detach(), weight.detach(), new Tensor(grad, outShape), { ...params, bias: needBias }, {
        input: input.requiresGrad,
        weight: weight.requiresGrad,
      });
      return [grads.gradInput, grads.gradWeight, grads.gradBias];
    },
    [input, weight],
  );
}

/**
 * For a convolution with stride 1 and zero padding, the convolution that computes its input's
 * gradient: `gradInput = conv2d(gradOutput, W′, padding d·(k − 1) − p)`, W′ the weight with input
 * and output channels swapped (per group) and each kernel turned by 180°. Null where that does not
 * apply (a stride, another padding mode, more padding than d·(k − 1), fewer than 16 input
 * channels per group).
 */
function inputGradientAsConvolution(g: ConvGeometry, params: ResolvedConv2dOptions): { geometry: ConvGeometry; padding: WasmPadding } | null {
  return params.paddingMode === 'zeros' ? adjointAsConvolution(g, params.padding) : null;
}

/**
 * The adjoint of a stride-1 convolution `g` with zero padding `[top, bottom, left, right]` (its
 * input's gradient; a transposed convolution's forward) as a forward convolution of W′ (see
 * {@link flippedWeight}) with padding `d·(k − 1) − p` on each side, for the forward kernels
 * (Winograd for 3×3) instead of the backward kernels' scatter. Null for a stride, more padding
 * than `d·(k − 1)`, or fewer than 16 input channels per group (a GEMM of few rows: LeNet's 6,
 * where the scatter is faster).
 */
export function adjointAsConvolution(g: ConvGeometry, padding: readonly [number, number, number, number]): { geometry: ConvGeometry; padding: WasmPadding } | null {
  if (g.strideHeight !== 1 || g.strideWidth !== 1 || g.inChannels / g.groups < 16) return null;
  const [top, bottom, left, right] = padding;
  const spanHeight = g.dilationHeight * (g.kernelHeight - 1);
  const spanWidth = g.dilationWidth * (g.kernelWidth - 1);
  const pads = [spanHeight - top, spanHeight - bottom, spanWidth - left, spanWidth - right];
  if (pads.some((pad) => pad < 0)) return null;
  return {
    geometry: {
      ...g,
      inChannels: g.outChannels,
      inHeight: g.outHeight,
      inWidth: g.outWidth,
      outChannels: g.inChannels,
      outHeight: g.inHeight,
      outWidth: g.inWidth,
      padTop: pads[0]!,
      padLeft: pads[2]!,
    },
    padding: { bottom: pads[1]!, right: pads[3]!, mode: 'constant' },
  };
}

/**
 * W′ for {@link inputGradientAsConvolution}, `W′[g·cin + i][o][kh−1−y][kw−1−x] = W[g·cout + o][i][y][x]`,
 * written straight into the kernels' memory. (Also `ConvTranspose2d`'s forward at stride 1.)
 *
 * @internal
 */
export function flippedWeight(w: Float32Array, g: ConvGeometry): WeightSource {
  const cin = g.inChannels / g.groups;
  const cout = g.outChannels / g.groups;
  const taps = g.kernelHeight * g.kernelWidth;
  return {
    length: w.length,
    write(out: Float32Array): void {
      for (let group = 0; group < g.groups; group++) {
        for (let o = 0; o < cout; o++) {
          for (let i = 0; i < cin; i++) {
            const from = ((group * cout + o) * cin + i) * taps;
            const to = ((group * cin + i) * cout + o) * taps + taps - 1;
            for (let t = 0; t < taps; t++) out[to - t] = w[from + t]!;
          }
        }
      }
    },
  };
}

/** The gradients of {@link convolve} for `gradOutput`, as tensors (every one computed). */
export function convolveBackward(
  input: Tensor,
  weight: Tensor,
  gradOutput: Tensor,
  params: ResolvedConv2dOptions,
): { gradInput: Tensor; gradWeight: Tensor; gradBias: Tensor | null } {
  const grads = convolveGradients(input, weight, gradOutput, params, { input: true, weight: true });
  return {
    gradInput: new Tensor(grads.gradInput!, input.shape as readonly number[]),
    gradWeight: new Tensor(grads.gradWeight!, weight.shape as readonly number[]),
    gradBias: grads.gradBias ? new Tensor(grads.gradBias, [params.outChannels]) : null,
  };
}

/**
 * The gradients of {@link convolve} for `gradOutput`: the input's and the weight's where `needs`
 * asks for them (else null: nothing computed or allocated for them on the WebAssembly kernels),
 * the bias's where `params.bias`.
 */
export function convolveGradients(
  input: Tensor,
  weight: Tensor,
  gradOutput: Tensor,
  params: ResolvedConv2dOptions,
  needs: { readonly input: boolean; readonly weight: boolean },
): { gradInput: Float32Array | null; gradWeight: Float32Array | null; gradBias: Float32Array | null } {
  checkTensor('Conv2d backward', 'input', input);
  checkTensor('Conv2d backward', 'weight', weight);
  checkTensor('Conv2d backward', 'gradOutput', gradOutput);
  const inputShape = input.shape as readonly number[];
  checkParameters('Conv2d', weight.shape as readonly number[], null);
  const outShape = conv2dShapeFromResolved(inputShape, params);
  const gradShape = gradOutput.shape as readonly number[];
  if (gradShape.length !== outShape.length || gradShape.some((dim, i) => dim !== outShape[i])) {
    throw new ShapeError(`Conv2d backward: gradOutput must have the output's shape ${formatList(outShape)}, got ${formatList(gradShape)}`);
  }
  const gradBias = params.bias ? new Float32Array(params.outChannels) : null;
  const geometry = geometryOf(inputShape, outShape, params);
  let gradInput = needs.input ? new Float32Array(input.data.length) : null;
  let gradWeight = needs.weight ? new Float32Array(weight.data.length) : null;
  // the input's gradient of a stride-1 zero-padded convolution is itself a convolution: run it on
  // the forward kernels (Winograd for 3×3, no scatter); the weight's then alone on the backward ones
  const asForward = gradInput !== null && gradOutput.data.length > 0 ? inputGradientAsConvolution(geometry, params) : null;
  if (
    gradOutput.data.length > 0 &&
    (!asForward || conv2dForwardWasm(asForward.geometry, asForward.padding, gradOutput.data, flippedWeight(weight.data, geometry), null, gradInput!)) &&
    conv2dBackwardWasm(geometry, wasmPadding(params), input.data, weight.data, gradOutput.data, asForward ? null : gradInput, gradWeight)
  ) {
    if (gradBias) biasGradient(geometry, gradOutput.data, gradBias);
  } else {
    // the TypeScript kernels compute both
    const allInput = gradInput ?? new Float32Array(input.data.length);
    const allWeight = gradWeight ?? new Float32Array(weight.data.length);
    const { geometry: padded, source } = prepare(geometry, input.data, params);
    const gradSource = source === input.data ? allInput : new Float32Array(source.length);
    conv2dBackwardKernel(padded, source, weight.data, gradOutput.data, gradSource, allWeight, gradBias);
    if (source !== input.data) {
      // the gradient of each padded copy goes back to the pixel it copies
      const { batch, inChannels, inHeight, inWidth } = geometry;
      padPlanesBackward(gradSource, batch * inChannels, inHeight, inWidth, params.padding, params.paddingMode as PadKernelMode, allInput);
    }
    gradInput = needs.input ? allInput : null;
    gradWeight = needs.weight ? allWeight : null;
  }
  return { gradInput, gradWeight, gradBias };
}

/**
 * A 2-D convolution, as PyTorch's `F.conv2d`: `input` `[N, C, H, W]` or `[C, H, W]`, `weight`
 * `[outChannels, C/groups, kH, kW]`, optional `bias` `[outChannels]`, zero padding (a number, a
 * pair, `'valid'` or `'same'`). The output shape is computed at compile time; a mismatch is
 * reported at the `options` argument with the words the runtime throws.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { arange, conv2d, ones } from 'shapecheck';
 * const x = arange(25).reshape([1, 1, 5, 5]);
 * const y = conv2d(x, ones([1, 1, 3, 3]), null, { dilation: 2 });
 * y.toArray();
 * //=> [[[[108]]]]
 * ```
 * @category Operations
 */
export function conv2d<
  InputShape extends Shape,
  WeightShape extends Shape,
  const Options extends Conv2dFunctionalOptions = Record<never, never>,
>(
  input: Tensor<InputShape>,
  weight: Tensor<WeightShape>,
  bias: Tensor | null,
  options: OptionsArgument<InputShape, WeightShape, Options> = {} as OptionsArgument<InputShape, WeightShape, Options>,
): TensorOf<Conv2dFunctionalOutputShape<InputShape, WeightShape, Options>> {
  checkTensor('conv2d', 'input', input);
  checkTensor('conv2d', 'weight', weight);
  if (bias !== null) checkTensor('conv2d', 'bias', bias);
  const weightShape = weight.shape as readonly number[];
  checkParameters('conv2d', weightShape, bias ? (bias.shape as readonly number[]) : null);
  const resolved = resolveFunctional(weightShape, options as Conv2dFunctionalOptions);
  return convolve(input, weight, bias, resolved) as TensorOf<Conv2dFunctionalOutputShape<InputShape, WeightShape, Options>>;
}

/**
 * The gradients of a convolution for `gradOutput` (∂loss/∂output): `gradInput`, `gradWeight`
 * and `gradBias` (`null` when `bias: false`), as PyTorch's autograd computes them for
 * `nn.Conv2d`, including the padding mode (gradients of padded copies flow back into the border
 * pixels they copy).
 *
 * @throws {ShapeError} when the shapes do not fit or `gradOutput` is not the output's shape.
 * @example
 * ```ts
 * import { conv2dBackward, ones } from 'shapecheck';
 * const { gradInput, gradBias } = conv2dBackward(ones([1, 1, 3, 3]), ones([1, 1, 3, 3]), ones([1, 1, 3, 3]), { padding: 1 });
 * gradInput.toArray();
 * //=> [[[[4, 6, 4], [6, 9, 6], [4, 6, 4]]]]
 * gradBias?.toArray();
 * //=> [9]
 * ```
 * @category Operations
 */
export function conv2dBackward<InputShape extends Shape, WeightShape extends Shape, const Options extends Conv2dBackwardOptions = Record<never, never>>(
  input: Tensor<InputShape>,
  weight: Tensor<WeightShape>,
  gradOutput: Tensor,
  options: OptionsArgument<InputShape, WeightShape, Options> = {} as OptionsArgument<InputShape, WeightShape, Options>,
): Conv2dGradients<InputShape, WeightShape, WeightShape[0] & number> {
  checkTensor('conv2dBackward', 'weight', weight);
  const resolved = resolveFunctional(weight.shape as readonly number[], options as Conv2dBackwardOptions);
  return convolveBackward(input, weight, gradOutput, resolved) as unknown as Conv2dGradients<InputShape, WeightShape, WeightShape[0] & number>;
}
