/**
 * Shape rules and option checks of the activation layers of issue 12 (SiLU, Hardswish,
 * Hardsigmoid, Mish, ELU, PReLU, GELU's `approximate`, Identity, Softmax, LogSoftmax,
 * Dropout2d): each rule as a type and as a runtime function, sharing one message, PyTorch's
 * words in parentheses.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { formatList, type FormatList } from './format.js';
import { normalizeDim } from './linear.js';
import { writeDimOutOfRangeMessage, type CheckDim, type DimOutOfRangeMessage } from './reduce.js';
import { ShapeError } from './shape-error.js';
import type { Dim, Shape } from './shape.js';

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/** A value as an option message shows it: strings quoted. */
type ShowOption<Value> = Value extends string ? `'${Value}'` : Value extends number | boolean | bigint | null | undefined ? `${Value}` : 'a value';
function showOption(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || ['number', 'boolean', 'bigint', 'undefined'].includes(typeof value)) return String(value);
  return 'a value';
}

/**
 * GELU's `approximate` is neither `'none'` nor `'tanh'` (PyTorch's words in parentheses). `Op` is
 * `'GELU'` for the layer, `'gelu'` for the function.
 *
 * @example
 * ```ts
 * import type { GeluApproximateMessage } from 'shapecheck';
 * type M = GeluApproximateMessage<'GELU', 'fast'>;
 * //=> "GELU: approximate must be 'none' or 'tanh', got 'fast' (approximate argument must be either none or tanh.)"
 * ```
 * @category Messages
 */
export type GeluApproximateMessage<Op extends string, Value> =
  `${Op}: approximate must be 'none' or 'tanh', got ${ShowOption<Value>} (approximate argument must be either none or tanh.)`;
/**
 * Runtime twin of {@link GeluApproximateMessage}.
 *
 * @example
 * ```ts
 * import { writeGeluApproximateMessage } from 'shapecheck';
 * writeGeluApproximateMessage('gelu', 'fast');
 * //=> "gelu: approximate must be 'none' or 'tanh', got 'fast' (approximate argument must be either none or tanh.)"
 * ```
 * @category Messages
 */
export function writeGeluApproximateMessage(op: string, value: unknown): string {
  return `${op}: approximate must be 'none' or 'tanh', got ${showOption(value)} (approximate argument must be either none or tanh.)`;
}

/**
 * PReLU's weight count differs from the input's channels (dim 1; 1 for an input of one dim), in
 * PyTorch's words. `What` names where the count comes from: `numParameters` for the layer,
 * `weight` for the function.
 *
 * @example
 * ```ts
 * import type { PreluChannelsMessage } from 'shapecheck';
 * type M = PreluChannelsMessage<'PReLU', [2, 3, 8, 8], 4, 3, 'numParameters'>;
 * //=> 'PReLU: expected input[2, 3, 8, 8] to have 4 channels (numParameters), got 3 (Mismatch of parameter numbers and input channel size. Found parameter numbers = 4 and channel size = 3.)'
 * ```
 * @category Messages
 */
export type PreluChannelsMessage<Op extends string, InputShape extends readonly unknown[], Parameters extends number | string, Channels extends number | string, What extends string> =
  `${Op}: expected input${FormatList<InputShape>} to have ${Parameters} channels (${What}), got ${Channels} (Mismatch of parameter numbers and input channel size. Found parameter numbers = ${Parameters} and channel size = ${Channels}.)`;
/**
 * Runtime twin of {@link PreluChannelsMessage}.
 *
 * @example
 * ```ts
 * import { writePreluChannelsMessage } from 'shapecheck';
 * writePreluChannelsMessage('prelu', [5], 3, 1, 'weight');
 * //=> 'prelu: expected input[5] to have 3 channels (weight), got 1 (Mismatch of parameter numbers and input channel size. Found parameter numbers = 3 and channel size = 1.)'
 * ```
 * @category Messages
 */
export function writePreluChannelsMessage(op: string, inputShape: readonly unknown[], parameters: number, channels: number | string, what: string): string {
  return `${op}: expected input${formatList(inputShape)} to have ${parameters} channels (${what}), got ${channels} (Mismatch of parameter numbers and input channel size. Found parameter numbers = ${parameters} and channel size = ${channels}.)`;
}

/**
 * A 0-d input to PReLU with more than one weight (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { PreluZeroDimMessage } from 'shapecheck';
 * type M = PreluZeroDimMessage<'PReLU', 3>;
 * //=> 'PReLU: expected input to have at least 1 dim for 3 parameters, got input[] (Not allow zero-dim input tensor.)'
 * ```
 * @category Messages
 */
export type PreluZeroDimMessage<Op extends string, Parameters extends number | string> =
  `${Op}: expected input to have at least 1 dim for ${Parameters} parameters, got input[] (Not allow zero-dim input tensor.)`;
/**
 * Runtime twin of {@link PreluZeroDimMessage}.
 *
 * @example
 * ```ts
 * import { writePreluZeroDimMessage } from 'shapecheck';
 * writePreluZeroDimMessage('prelu', 3);
 * //=> 'prelu: expected input to have at least 1 dim for 3 parameters, got input[] (Not allow zero-dim input tensor.)'
 * ```
 * @category Messages
 */
export function writePreluZeroDimMessage(op: string, parameters: number): string {
  return `${op}: expected input to have at least 1 dim for ${parameters} parameters, got input[] (Not allow zero-dim input tensor.)`;
}

/**
 * `prelu`'s weight has more than one dim (PyTorch 2's words).
 *
 * @example
 * ```ts
 * import type { PreluWeightRankMessage } from 'shapecheck';
 * type M = PreluWeightRankMessage<[3, 1]>;
 * //=> 'prelu: expected weight to be a scalar or 1-D tensor, got weight[3, 1] (prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = 2)'
 * ```
 * @category Messages
 */
export type PreluWeightRankMessage<WeightShape extends readonly unknown[]> =
  `prelu: expected weight to be a scalar or 1-D tensor, got weight${FormatList<WeightShape>} (prelu: Expected \`weight\` to be a scalar or 1D tensor, but got: ndim = ${WeightShape['length']})`;
/**
 * Runtime twin of {@link PreluWeightRankMessage}.
 *
 * @example
 * ```ts
 * import { writePreluWeightRankMessage } from 'shapecheck';
 * writePreluWeightRankMessage([3, 1]);
 * //=> 'prelu: expected weight to be a scalar or 1-D tensor, got weight[3, 1] (prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = 2)'
 * ```
 * @category Messages
 */
export function writePreluWeightRankMessage(weightShape: readonly unknown[]): string {
  return `prelu: expected weight to be a scalar or 1-D tensor, got weight${formatList(weightShape)} (prelu: Expected \`weight\` to be a scalar or 1D tensor, but got: ndim = ${weightShape.length})`;
}

/**
 * An input of fewer than 2 dims to `Dropout2d` (channel-wise dropout needs a batch and a channel
 * dim; PyTorch's words, which PyTorch throws in training mode).
 *
 * @example
 * ```ts
 * import type { Dropout2dRankMessage } from 'shapecheck';
 * type M = Dropout2dRankMessage<[8]>;
 * //=> 'Dropout2d: expected input with at least 2 dims, got input[8] (Feature dropout requires at least 2 dimensions in the input)'
 * ```
 * @category Messages
 */
export type Dropout2dRankMessage<InputShape extends readonly unknown[]> =
  `Dropout2d: expected input with at least 2 dims, got input${FormatList<InputShape>} (Feature dropout requires at least 2 dimensions in the input)`;
/**
 * Runtime twin of {@link Dropout2dRankMessage}.
 *
 * @example
 * ```ts
 * import { writeDropout2dRankMessage } from 'shapecheck';
 * writeDropout2dRankMessage([]);
 * //=> 'Dropout2d: expected input with at least 2 dims, got input[] (Feature dropout requires at least 2 dimensions in the input)'
 * ```
 * @category Messages
 */
export function writeDropout2dRankMessage(inputShape: readonly unknown[]): string {
  return `Dropout2d: expected input with at least 2 dims, got input${formatList(inputShape)} (Feature dropout requires at least 2 dimensions in the input)`;
}

/**
 * A softmax layer's `dim` outside its input's dims (PyTorch's words in parentheses; a 0-d input
 * takes 0 and −1). `Op` is `'Softmax'` or `'LogSoftmax'`.
 *
 * @example
 * ```ts
 * import type { SoftmaxDimMessage } from 'shapecheck';
 * type M = SoftmaxDimMessage<'Softmax', [8, 10], 2>;
 * //=> 'Softmax: dim 2 is out of range for input[8, 10] (Dimension out of range (expected to be in range of [-2, 1], but got 2))'
 * ```
 * @category Messages
 */
export type SoftmaxDimMessage<Op extends string, InputShape extends readonly unknown[], D extends number> =
  `${Op}: dim ${D} is out of range for input${FormatList<InputShape>} (${DimOutOfRangeMessage<'', InputShape['length'], D> extends `: ${infer Phrase}` ? Phrase : never})`;
/**
 * Runtime twin of {@link SoftmaxDimMessage}.
 *
 * @example
 * ```ts
 * import { writeSoftmaxDimMessage } from 'shapecheck';
 * writeSoftmaxDimMessage('LogSoftmax', [], 1);
 * //=> 'LogSoftmax: dim 1 is out of range for input[] (Dimension out of range (expected to be in range of [-1, 0], but got 1))'
 * ```
 * @category Messages
 */
export function writeSoftmaxDimMessage(op: string, inputShape: readonly unknown[], dim: number): string {
  return `${op}: dim ${dim} is out of range for input${formatList(inputShape)} (${writeDimOutOfRangeMessage('', inputShape.length, dim).slice(2)})`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/**
 * GELU's approximations (PyTorch's `approximate`): the exact erf form, or the tanh one.
 *
 * @example
 * ```ts
 * import type { GeluApproximate } from 'shapecheck';
 * const approximate: GeluApproximate = 'tanh';
 * approximate;
 * //=> 'tanh'
 * ```
 * @category Layers
 */
export type GeluApproximate = 'none' | 'tanh';

/**
 * The `approximate` error of GELU, or `never` when it is `'none'`, `'tanh'` or only `string`.
 *
 * @example
 * ```ts
 * import type { GeluApproximateError } from 'shapecheck';
 * type A = GeluApproximateError<'GELU', 'tanh'>;
 * //=> never
 * type B = GeluApproximateError<'GELU', 'fast'>;
 * //=> ErrorMessage<"GELU: approximate must be 'none' or 'tanh', got 'fast' (approximate argument must be either none or tanh.)">
 * ```
 * @category Shapes
 */
export type GeluApproximateError<Op extends string, Value> = Value extends GeluApproximate
  ? never
  : string extends Value
    ? never
    : ErrorMessage<GeluApproximateMessage<Op, Value>>;

/** The channel check of PReLU for one input shape. */
type PreluChannels<Op extends string, S extends Shape, Parameters extends number, What extends string> = S extends readonly []
  ? ErrorMessage<PreluZeroDimMessage<Op, Parameters>>
  : (S extends readonly [unknown, infer C, ...unknown[]] ? C : 1) extends infer Channels
    ? Channels extends number
      ? number extends Channels
        ? S
        : Channels extends Parameters
          ? S
          : ErrorMessage<PreluChannelsMessage<Op, S, Parameters, Channels, What>>
      : // a named channel dim: checked when data arrives
        S
    : never;

/**
 * The output shape of PReLU with `Parameters` weights (`numParameters`): the input shape; with
 * more than one weight, the input's channels (dim 1, or 1 for a 1-D input) must be `Parameters`
 * and a 0-d input is an error, as PyTorch checks. A `number` count or rank is unchecked; a named
 * channel dim is checked when data arrives.
 *
 * @example
 * ```ts
 * import type { PreluOutputShape } from 'shapecheck';
 * type A = PreluOutputShape<['batch', 16, 8, 8], 16>;
 * //=> ['batch', 16, 8, 8]
 * type B = PreluOutputShape<[2, 3], 4>;
 * //=> ErrorMessage<'PReLU: expected input[2, 3] to have 4 channels (numParameters), got 3 (Mismatch of parameter numbers and input channel size. Found parameter numbers = 4 and channel size = 3.)'>
 * ```
 * @category Shapes
 */
export type PreluOutputShape<S extends Shape, Parameters extends number, Op extends string = 'PReLU', What extends string = 'numParameters'> = number extends Parameters | S['length']
  ? S
  : Parameters extends 1
    ? S
    : PreluChannels<Op, S, Parameters, What>;

/**
 * The output shape of `prelu(input, weight)`: a weight of more than one dim is an error, then
 * {@link PreluOutputShape} with the weight's element count (PyTorch checks the count first; when
 * both are wrong this reports the weight's dims).
 *
 * @example
 * ```ts
 * import type { PreluShape } from 'shapecheck';
 * type A = PreluShape<[2, 3, 4], [3]>;
 * //=> [2, 3, 4]
 * type B = PreluShape<[2, 3], [3, 1]>;
 * //=> ErrorMessage<'prelu: expected weight to be a scalar or 1-D tensor, got weight[3, 1] (prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = 2)'>
 * ```
 * @category Shapes
 */
export type PreluShape<S extends Shape, W extends Shape> = number extends W['length']
  ? S
  : W extends readonly []
    ? S
    : W extends readonly [infer N]
      ? N extends number
        ? PreluOutputShape<S, N, 'prelu', 'weight'>
        : S
      : ErrorMessage<PreluWeightRankMessage<W>>;

/**
 * The output shape of `Softmax({ dim })` / `LogSoftmax({ dim })` (`Op` names it): the input
 * shape, or {@link SoftmaxDimMessage} (PyTorch's `Dimension out of range`) when `Dim` is outside the input's dims (a 0-d input
 * takes 0 and −1). A `number` dim or rank is unchecked.
 *
 * @example
 * ```ts
 * import type { SoftmaxOutputShape } from 'shapecheck';
 * type A = SoftmaxOutputShape<['batch', 10], -1, 'Softmax'>;
 * //=> ['batch', 10]
 * type B = SoftmaxOutputShape<['batch', 10], 2, 'LogSoftmax'>;
 * //=> ErrorMessage<'LogSoftmax: dim 2 is out of range for input[batch, 10] (Dimension out of range (expected to be in range of [-2, 1], but got 2))'>
 * ```
 * @category Shapes
 */
export type SoftmaxOutputShape<S extends Shape, D extends number, Op extends string> = number extends S['length'] | D
  ? S
  : [CheckDim<D, S['length']>] extends [never]
    ? ErrorMessage<SoftmaxDimMessage<Op, S, D>>
    : S;

/**
 * The output shape of `Dropout2d`: the input shape, which needs at least 2 dims (a batch and the
 * channels whose features are dropped together).
 *
 * @example
 * ```ts
 * import type { Dropout2dOutputShape } from 'shapecheck';
 * type A = Dropout2dOutputShape<['batch', 16, 8, 8]>;
 * //=> ['batch', 16, 8, 8]
 * type B = Dropout2dOutputShape<[16]>;
 * //=> ErrorMessage<'Dropout2d: expected input with at least 2 dims, got input[16] (Feature dropout requires at least 2 dimensions in the input)'>
 * ```
 * @category Shapes
 */
export type Dropout2dOutputShape<S extends Shape> = number extends S['length'] ? S : S extends readonly [unknown, unknown, ...unknown[]] ? S : ErrorMessage<Dropout2dRankMessage<S>>;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * Validates GELU's `approximate` (runtime twin of {@link GeluApproximateError}).
 *
 * @throws {TypeError} {@link GeluApproximateMessage} when it is not `'none'` or `'tanh'`.
 * @example
 * ```ts
 * import { checkGeluApproximate } from 'shapecheck';
 * checkGeluApproximate('GELU', undefined);
 * //=> 'none'
 * ```
 * @category Shapes
 */
export function checkGeluApproximate(op: string, value: unknown): GeluApproximate {
  if (value === undefined) return 'none';
  if (value !== 'none' && value !== 'tanh') throw new TypeError(writeGeluApproximateMessage(op, value));
  return value;
}

/**
 * The output shape of PReLU with `parameters` weights (runtime twin of {@link PreluOutputShape});
 * a named channel dim passes.
 *
 * @throws {ShapeError} when the channels differ from `parameters`, or a 0-d input has more than one.
 * @example
 * ```ts
 * import { preluOutputShape } from 'shapecheck';
 * preluOutputShape([2, 16, 8, 8], 16);
 * //=> [2, 16, 8, 8]
 * ```
 * @category Shapes
 */
export function preluOutputShape(inputShape: readonly number[], parameters: number, op?: string, what?: string): number[];
export function preluOutputShape(inputShape: readonly Dim[], parameters: number, op?: string, what?: string): Dim[];
export function preluOutputShape(inputShape: readonly Dim[], parameters: number, op = 'PReLU', what = 'numParameters'): Dim[] {
  if (!Array.isArray(inputShape)) throw new TypeError(`${op}: the input shape must be an array of dims`);
  if (parameters !== 1) {
    if (inputShape.length === 0) throw new ShapeError(writePreluZeroDimMessage(op, parameters));
    const channels = inputShape.length >= 2 ? inputShape[1]! : 1;
    if (typeof channels === 'number' && channels !== parameters) throw new ShapeError(writePreluChannelsMessage(op, inputShape, parameters, channels, what));
  }
  return [...inputShape];
}

/**
 * The output shape of `prelu(input, weight)` (runtime twin of {@link PreluShape}).
 *
 * @throws {ShapeError} when the weight has more than one dim, or its count does not fit the input.
 * @example
 * ```ts
 * import { preluShape } from 'shapecheck';
 * preluShape([2, 3, 4], [3]);
 * //=> [2, 3, 4]
 * ```
 * @category Shapes
 */
export function preluShape(inputShape: readonly number[], weightShape: readonly number[]): number[] {
  if (weightShape.length > 1) throw new ShapeError(writePreluWeightRankMessage(weightShape));
  return preluOutputShape(inputShape, weightShape.length === 0 ? 1 : weightShape[0]!, 'prelu', 'weight');
}

/**
 * The output shape of `Softmax` / `LogSoftmax` (runtime twin of {@link SoftmaxOutputShape}).
 *
 * @throws {RangeError} {@link SoftmaxDimMessage} when `dim` is out of range.
 * @example
 * ```ts
 * import { softmaxOutputShape } from 'shapecheck';
 * softmaxOutputShape([8, 10], -1, 'Softmax');
 * //=> [8, 10]
 * ```
 * @category Shapes
 */
export function softmaxOutputShape(inputShape: readonly number[], dim: number, op: string): number[];
export function softmaxOutputShape(inputShape: readonly Dim[], dim: number, op: string): Dim[];
export function softmaxOutputShape(inputShape: readonly Dim[], dim: number, op: string): Dim[] {
  if (!Array.isArray(inputShape)) throw new TypeError(`${op}: the input shape must be an array of dims`);
  // only the rank matters: a dim's size, a name or a number, is not read
  if (normalizeDim(dim, Math.max(inputShape.length, 1)) === undefined) throw new RangeError(writeSoftmaxDimMessage(op, inputShape, dim));
  return [...inputShape];
}

/**
 * The output shape of `Dropout2d` (runtime twin of {@link Dropout2dOutputShape}).
 *
 * @throws {ShapeError} when the input has fewer than 2 dims.
 * @example
 * ```ts
 * import { dropout2dOutputShape } from 'shapecheck';
 * dropout2dOutputShape([8, 16, 4, 4]);
 * //=> [8, 16, 4, 4]
 * ```
 * @category Shapes
 */
export function dropout2dOutputShape(inputShape: readonly number[]): number[];
export function dropout2dOutputShape(inputShape: readonly Dim[]): Dim[];
export function dropout2dOutputShape(inputShape: readonly Dim[]): Dim[] {
  if (!Array.isArray(inputShape)) throw new TypeError('Dropout2d: the input shape must be an array of dims');
  if (inputShape.length < 2) throw new ShapeError(writeDropout2dRankMessage(inputShape));
  return [...inputShape];
}
