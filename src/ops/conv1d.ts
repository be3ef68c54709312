/**
 * `F.conv1d` and the convolution `nn.Conv1d` runs (issue 12), on the 2-D machinery with a height
 * of 1: `[N, C, L]` viewed as `[N, C, 1, L]`, the weight `[out, in/groups, k]` as
 * `[out, in/groups, 1, k]`. The views are reshapes, so autograd and ONNX export go through them and
 * the 2-D kernels (WebAssembly, threads, padding modes, backward) do the work. The shapes are
 * checked first with the 1-D layer's own messages.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { Multiply } from '../arithmetic/multiply.js';
import { conv1dShapeFromResolved, resolveConv1dOptions, type Conv1dOptions, type Conv1dOutputShape } from '../shape/conv1d.js';
import type { ResolvedConv2dOptions } from '../shape/conv2d.js';
import { checkPositiveInteger } from '../shape/conv-output-size.js';
import { formatList } from '../shape/format.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import type { Tensor, TensorOf } from '../tensor/tensor.js';
import { convolve } from './conv2d.js';

/**
 * The options of PyTorch's `F.conv1d` (zero padding), camelCased.
 *
 * @example
 * ```ts
 * import type { Conv1dFunctionalOptions } from 'shapecheck';
 * const options: Conv1dFunctionalOptions = { stride: 2, padding: 'valid', groups: 1 };
 * ```
 * @category Operations
 */
export interface Conv1dFunctionalOptions {
  readonly stride?: number | readonly [number];
  readonly padding?: number | readonly [number] | 'valid' | 'same';
  readonly dilation?: number | readonly [number];
  readonly groups?: number;
}

/** The `nn.Conv1d` options a weight of `WeightShape` and functional options describe. */
type LayerOptions<WeightShape extends Shape, Options extends Conv1dFunctionalOptions> = WeightShape extends readonly [
  infer Out extends number,
  infer In extends number,
  infer K extends number,
]
  ? {
      inChannels: Multiply<In, Options extends { readonly groups: infer G extends number } ? G : 1> & number;
      outChannels: Out;
      kernelSize: K;
    } & Options
  : { inChannels: number; outChannels: number; kernelSize: number } & Options;

/**
 * The output shape of `F.conv1d(input, weight, bias, options)`: {@link Conv1dOutputShape} with
 * `inChannels = weight[1]·groups`, `outChannels = weight[0]`, `kernelSize = weight[2]`.
 *
 * @example
 * ```ts
 * import type { Conv1dFunctionalOutputShape } from 'shapecheck';
 * type A = Conv1dFunctionalOutputShape<[1, 3, 32], [8, 3, 3], { padding: 1 }>;
 * //=> [1, 8, 32]
 * ```
 * @category Operations
 */
export type Conv1dFunctionalOutputShape<InputShape extends Shape, WeightShape extends Shape, Options extends Conv1dFunctionalOptions> =
  LayerOptions<WeightShape, Options> extends infer Layer extends Conv1dOptions ? Conv1dOutputShape<InputShape, Layer> : never;

type OptionsArgument<InputShape extends Shape, WeightShape extends Shape, Options extends Conv1dFunctionalOptions> =
  Conv1dFunctionalOutputShape<InputShape, WeightShape, Options> extends ErrorMessage<infer Message> ? Message : Options;

/** Checks the weight (3-D) and bias against each other, PyTorch's words. */
function checkParameters(op: string, weightShape: readonly number[], biasShape: readonly number[] | null): void {
  if (weightShape.length !== 3) {
    throw new ShapeError(`${op}: weight must be 3-D [outChannels, inChannels/groups, k], got weight of size ${formatList(weightShape)}`);
  }
  if (biasShape && (biasShape.length !== 1 || biasShape[0] !== weightShape[0])) {
    throw new ShapeError(
      `${op}: Given weight of size ${formatList(weightShape)}, expected bias to be 1-dimensional with ${weightShape[0]} elements, but got bias of size ${formatList(biasShape)} instead`,
    );
  }
}

/**
 * Runs a 1-D convolution with options resolved by `resolveConv1dOptions` (any padding mode): the
 * 1-D checks, then the 2-D convolution on height-1 views. Differentiable in input, weight and bias.
 *
 * @throws {ShapeError} when the shapes do not fit (the 1-D layer's words).
 * @example
 * ```ts
 * import { convolve1d, resolveConv1dOptions, ones, arange } from 'shapecheck';
 * const params = resolveConv1dOptions({ inChannels: 1, outChannels: 1, kernelSize: 2, bias: false });
 * convolve1d(arange(4).reshape([1, 1, 4]), ones([1, 1, 2]), null, params).toArray();
 * //=> [[[1, 3, 5]]]
 * ```
 * @category Operations
 */
export function convolve1d(input: Tensor, weight: Tensor, bias: Tensor | null, params: ResolvedConv2dOptions): Tensor {
  checkTensor('Conv1d', 'input', input);
  checkTensor('Conv1d', 'weight', weight);
  if (bias !== null) checkTensor('Conv1d', 'bias', bias);
  const weightShape = weight.shape as readonly number[];
  checkParameters('Conv1d', weightShape, bias ? (bias.shape as readonly number[]) : null);
  const inputShape = input.shape as readonly number[];
  const outShape = conv1dShapeFromResolved(inputShape, params);
  const view = inputShape.length === 3 ? [inputShape[0]!, inputShape[1]!, 1, inputShape[2]!] : [inputShape[0]!, 1, inputShape[1]!];
  const x = (input as Tensor<number[]>).reshape(view as never) as unknown as Tensor;
  const w = (weight as Tensor<number[]>).reshape([weightShape[0]!, weightShape[1]!, 1, weightShape[2]!] as never) as unknown as Tensor;
  const y = convolve(x, w, bias, params) as Tensor<number[]>;
  return y.reshape(outShape as never) as unknown as Tensor;
}

/**
 * A 1-D convolution, as PyTorch's `F.conv1d`: `input` `[N, C, L]` or `[C, L]`, `weight`
 * `[outChannels, C/groups, k]`, optional `bias` `[outChannels]`, zero padding (a number,
 * `'valid'` or `'same'`). The output shape is computed at compile time; a mismatch is reported at
 * the `options` argument with the words the runtime throws. Differentiable.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { arange, conv1d, ones } from 'shapecheck';
 * conv1d(arange(5).reshape([1, 1, 5]), ones([1, 1, 3]), null, { padding: 'same' }).toArray();
 * //=> [[[1, 3, 6, 9, 7]]]
 * ```
 * @category Operations
 */
export function conv1d<InputShape extends Shape, WeightShape extends Shape, const Options extends Conv1dFunctionalOptions = Record<never, never>>(
  input: Tensor<InputShape>,
  weight: Tensor<WeightShape>,
  bias: Tensor | null,
  options: OptionsArgument<InputShape, WeightShape, Options> = {} as OptionsArgument<InputShape, WeightShape, Options>,
): TensorOf<Conv1dFunctionalOutputShape<InputShape, WeightShape, Options>> {
  checkTensor('conv1d', 'input', input);
  checkTensor('conv1d', 'weight', weight);
  if (bias !== null) checkTensor('conv1d', 'bias', bias);
  const weightShape = weight.shape as readonly number[];
  checkParameters('conv1d', weightShape, bias ? (bias.shape as readonly number[]) : null);
  const o = options as Conv1dFunctionalOptions;
  if (typeof o !== 'object' || o === null) throw new TypeError('conv1d: options must be an object');
  const groups = o.groups === undefined ? 1 : checkPositiveInteger('Conv1d', 'groups', o.groups);
  const params = resolveConv1dOptions({ ...o, inChannels: weightShape[1]! * groups, outChannels: weightShape[0]!, kernelSize: weightShape[2]! });
  return convolve1d(input as Tensor, weight as Tensor, bias, params) as TensorOf<Conv1dFunctionalOutputShape<InputShape, WeightShape, Options>>;
}
