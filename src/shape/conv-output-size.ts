import { floorOfDim } from './symbolic.js';
import type { AffineFloor } from './symbolic-types.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type {
  AddSigned,
  FloorDivideSigned,
  IsWide,
  MultiplySigned,
  NaturalDigits,
  SubtractMagnitudes,
  ToNumber,
} from '../arithmetic/internal/signed.js';
import type { DivideDigits } from '../arithmetic/internal/digits.js';
import type { Dim } from './shape.js';
import { ShapeError } from './shape-error.js';

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/**
 * PyTorch's own words (torch 1.13) for a parameter out of range, by layer and parameter, so a
 * search for our message finds PyTorch's docs and issues too. A pair holds the words for 0 and for
 * a negative value, where PyTorch says different things (`''`: PyTorch accepts 0); a pair has no
 * words for a non-integer.
 */
const TORCH_PHRASES = {
  Conv2d: {
    inChannels: ['expected weight to be at least 1 at dimension 1', 'Trying to create tensor with negative dimension'],
    outChannels: ['expected weight to be at least 1 at dimension 0', 'Trying to create tensor with negative dimension'],
    kernelSize: 'kernel size should be greater than zero',
    stride: 'non-positive stride is not supported',
    padding: 'negative padding is not supported',
    dilation: 'dilation should be greater than zero',
    groups: 'non-positive groups is not supported',
  },
  // ConvTranspose2d (issue 12): torch 1.13's words for each parameter
  ConvTranspose2d: {
    inChannels: ['expected weight to be at least 1 at dimension 0', 'Trying to create tensor with negative dimension'],
    outChannels: ['non-empty 2D or 4D weight tensor expected', 'Trying to create tensor with negative dimension'],
    kernelSize: 'kernel size should be greater than zero',
    stride: 'non-positive stride is not supported',
    padding: 'negative padding is not supported',
    outputPadding: 'negative output_padding is not supported',
    dilation: 'dilation should be greater than zero',
    groups: 'groups must be a positive integer',
  },
  // Conv1d, MaxPool1d, AvgPool1d (issue 12): PyTorch's words for the 1-D layers
  Conv1d: {
    inChannels: ['expected weight to be at least 1 at dimension 1', 'Trying to create tensor with negative dimension'],
    outChannels: ['expected weight to be at least 1 at dimension 0', 'Trying to create tensor with negative dimension'],
    kernelSize: 'kernel size should be greater than zero',
    stride: 'non-positive stride is not supported',
    padding: 'negative padding is not supported',
    dilation: 'dilation should be greater than zero',
    groups: 'non-positive groups is not supported',
  },
  MaxPool1d: {
    kernelSize: 'max_pool1d() kernel_size must be greater than zero',
    stride: 'max_pool1d() stride must be greater than zero',
    padding: 'max_pool1d() padding must be non-negative',
    dilation: 'max_pool1d() dilation must be greater than zero',
  },
  AvgPool1d: {
    kernelSize: 'kernel size should be greater than zero',
    stride: 'stride should not be zero',
    padding: 'pad must be non-negative',
  },
  ConvOutputSize: {
    kernelSize: 'kernel size should be greater than zero',
    stride: 'non-positive stride is not supported',
    padding: 'negative padding is not supported',
    dilation: 'dilation should be greater than zero',
  },
  MaxPool2d: {
    kernelSize: 'kernel size should be greater than zero',
    stride: 'stride should be greater than zero',
    padding: 'pad must be non-negative',
    dilation: 'dilation should be greater than zero',
  },
  AvgPool2d: {
    kernelSize: 'kernel size should be greater than zero',
    stride: 'stride should be greater than zero',
    padding: 'pad must be non-negative',
  },
  Linear: {
    inFeatures: ['', 'Trying to create tensor with negative dimension'],
    outFeatures: ['', 'Trying to create tensor with negative dimension'],
  },
  BatchNorm2d: {
    numFeatures: ['', 'Trying to create tensor with negative dimension'],
  },
} as const;

type TorchPhrases = typeof TORCH_PHRASES;

/** PyTorch's phrase for one bad parameter value, as ` (phrase)`, or `''` where it has none. */
type TorchPhrase<Op extends string, Param extends string, Value> = Op extends keyof TorchPhrases
  ? Param extends keyof TorchPhrases[Op]
    ? TorchPhrases[Op][Param] extends infer Phrase
      ? Phrase extends readonly [infer Zero extends string, infer Other extends string]
        ? // PyTorch words 0 and the other bad values differently
          [Value] extends [0]
          ? Zero extends ''
            ? ''
            : ` (${Zero})`
          : `${Value & number}` extends `-${string}`
            ? ` (${Other})`
            : ''
        : Phrase extends string
          ? ` (${Phrase})`
          : ''
      : ''
    : ''
  : '';

/** Runtime twin of {@link TorchPhrase}. */
function torchPhrase(op: string, param: string, value: unknown): string {
  const phrase = (TORCH_PHRASES as Record<string, Record<string, string | readonly [string, string]> | undefined>)[op]?.[param];
  if (phrase === undefined) return '';
  if (typeof phrase === 'string') return ` (${phrase})`;
  const words = value === 0 ? phrase[0] : typeof value === 'number' && value < 0 ? phrase[1] : '';
  return words === '' ? '' : ` (${words})`;
}

/** A bad option value as the messages show it: numbers bare, strings quoted, lists bracketed. */
type FormatOption<Value> = Value extends string ? `'${Value}'` : `${Value & number}`;

/**
 * A bad option value as the messages show it (runtime twin of `FormatOption`): numbers bare,
 * strings quoted, lists bracketed, `null` and `undefined` by name.
 *
 * @example
 * ```ts
 * import { formatOption } from 'shapecheck';
 * formatOption('2');
 * //=> "'2'"
 * formatOption([1, Number.NaN, null]);
 * //=> '[1, NaN, null]'
 * ```
 * @category Messages
 */
export function formatOption(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(formatOption).join(', ')}]`;
  return String(value);
}

/**
 * A parameter that must be a positive integer is not; PyTorch's own phrase follows in
 * parentheses where PyTorch rejects the value too.
 *
 * @example
 * ```ts
 * import type { PositiveIntegerMessage } from 'shapecheck';
 * type M = PositiveIntegerMessage<'Conv2d', 'stride', 0>;
 * //=> 'Conv2d: stride must be a positive integer, got 0 (non-positive stride is not supported)'
 * ```
 * @category Messages
 */
export type PositiveIntegerMessage<Op extends string, Param extends string, Value> =
  `${Op}: ${Param} must be a positive integer, got ${FormatOption<Value>}${TorchPhrase<Op, Param, Value>}`;
/**
 * Runtime twin of {@link PositiveIntegerMessage}.
 *
 * @example
 * ```ts
 * import { writePositiveIntegerMessage } from 'shapecheck';
 * writePositiveIntegerMessage('Conv2d', 'stride', 0);
 * //=> 'Conv2d: stride must be a positive integer, got 0 (non-positive stride is not supported)'
 * writePositiveIntegerMessage('Conv2d', 'groups', '2');
 * //=> "Conv2d: groups must be a positive integer, got '2' (non-positive groups is not supported)"
 * ```
 * @category Messages
 */
export function writePositiveIntegerMessage(op: string, param: string, value: unknown): string {
  return `${op}: ${param} must be a positive integer, got ${formatOption(value)}${torchPhrase(op, param, value)}`;
}

/**
 * A parameter or dim that must be a non-negative integer is not; PyTorch's own phrase follows in
 * parentheses for a layer parameter.
 *
 * @example
 * ```ts
 * import type { NonNegativeIntegerMessage } from 'shapecheck';
 * type M = NonNegativeIntegerMessage<'Conv2d', 'padding', -1>;
 * //=> 'Conv2d: padding must be a non-negative integer, got -1 (negative padding is not supported)'
 * ```
 * @category Messages
 */
export type NonNegativeIntegerMessage<Op extends string, Param extends string, Value> =
  `${Op}: ${Param} must be a non-negative integer, got ${FormatOption<Value>}${TorchPhrase<Op, Param, Value>}`;
/**
 * Runtime twin of {@link NonNegativeIntegerMessage}.
 *
 * @example
 * ```ts
 * import { writeNonNegativeIntegerMessage } from 'shapecheck';
 * writeNonNegativeIntegerMessage('Conv2d', 'padding', -1);
 * //=> 'Conv2d: padding must be a non-negative integer, got -1 (negative padding is not supported)'
 * ```
 * @category Messages
 */
export function writeNonNegativeIntegerMessage(op: string, param: string, value: unknown): string {
  return `${op}: ${param} must be a non-negative integer, got ${formatOption(value)}${torchPhrase(op, param, value)}`;
}

/**
 * The output of a convolution along one dimension would be empty; shows the formula's values.
 *
 * @example
 * ```ts
 * import type { OutputTooSmallMessage } from 'shapecheck';
 * type M = OutputTooSmallMessage<'Conv2d', 'height', -4, 2, 0, 0, 1, 7, 1>;
 * //=> "Conv2d: output height would be -4 = floor((2 + 0 + 0 − 1·(7 − 1) − 1) / 1) + 1, but must be at least 1: Kernel size can't be greater than actual input size"
 * ```
 * @category Messages
 */
export type OutputTooSmallMessage<
  Op extends string,
  DimName extends string,
  Output extends string | number,
  Input extends string | number,
  PadBefore extends string | number,
  PadAfter extends string | number,
  Dilation extends string | number,
  Kernel extends string | number,
  Stride extends string | number,
> = `${Op}: output ${DimName} would be ${Output} = floor((${Input} + ${PadBefore} + ${PadAfter} − ${Dilation}·(${Kernel} − 1) − 1) / ${Stride}) + 1, but must be at least 1: Kernel size can't be greater than actual input size`;
/**
 * Runtime twin of {@link OutputTooSmallMessage}.
 *
 * @example
 * ```ts
 * import { writeOutputTooSmallMessage } from 'shapecheck';
 * writeOutputTooSmallMessage('Conv2d', 'height', -4, 2, 0, 0, 1, 7, 1);
 * //=> "Conv2d: output height would be -4 = floor((2 + 0 + 0 − 1·(7 − 1) − 1) / 1) + 1, but must be at least 1: Kernel size can't be greater than actual input size"
 * ```
 * @category Messages
 */
export function writeOutputTooSmallMessage(
  op: string,
  dimName: string,
  output: number,
  input: number,
  padBefore: number,
  padAfter: number,
  dilation: number,
  kernel: number,
  stride: number,
): string {
  return `${op}: output ${dimName} would be ${output} = floor((${input} + ${padBefore} + ${padAfter} − ${dilation}·(${kernel} − 1) − 1) / ${stride}) + 1, but must be at least 1: Kernel size can't be greater than actual input size`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/**
 * `padBefore + padAfter + stride − (dilation·(kernel − 1) + 1)`, signed: the output (for stride 1)
 * or the numerator (otherwise) is the input plus this offset. Depends only on the layer's
 * parameters, so TypeScript computes it once per distinct layer and reuses it.
 */
type ConvOffset<PadBefore extends string, PadAfter extends string, Kernel extends string, Stride extends string, Dilation extends string> =
  SubtractMagnitudes<
    PadBefore extends '0' ? (PadAfter extends '0' ? Stride : AddSigned<PadAfter, Stride>) : AddSigned<AddSigned<PadBefore, PadAfter>, Stride>,
    Dilation extends '1' ? Kernel : AddSigned<MultiplySigned<Dilation, SubtractMagnitudes<Kernel, '1'>>, '1'>
  >;

/**
 * The output size along one dimension, from validated digit strings, as digits, or as
 * `['small', wouldBe]` when it would be below 1.
 *
 * out = floor((in + padBefore + padAfter − d·(k − 1) − 1) / s) + 1 = floor((in + offset) / s).
 */
type ConvOutputDigits<Input extends string, Offset extends string, Stride extends string> =
  (Offset extends '0' ? Input : AddSigned<Input, Offset>) extends infer Numerator extends string
    ? (Stride extends '1'
        ? Numerator
        : // a non-negative numerator (the usual case) needs no sign handling
          Numerator extends `-${string}`
          ? FloorDivideSigned<Numerator, Stride>[0]
          : DivideDigits<Numerator, Stride>[0]) extends infer Output extends string
      ? Output extends '0' | `-${string}`
        ? ['small', Output]
        : Output
      : never
    : never;

/**
 * One dimension of a layer, validated and precomputed (depends on the parameters only, so
 * TypeScript builds it once per distinct layer): `[offset, stride, padBefore, padAfter, kernel,
 * dilation]` as digit strings, `offset` as in {@link ConvOffset}.
 */
export type SpatialLayer = [offset: string, stride: string, padBefore: string, padAfter: string, kernel: string, dilation: string];

/** The {@link SpatialLayer} of validated digit-string parameters. */
export type SpatialLayerOf<PadBefore extends string, PadAfter extends string, Kernel extends string, Stride extends string, Dilation extends string> = [
  ConvOffset<PadBefore, PadAfter, Kernel, Stride, Dilation>,
  Stride,
  PadBefore,
  PadAfter,
  Kernel,
  Dilation,
];

/**
 * One spatial dimension of a convolution or pooling window, for a precomputed layer. Literal
 * inputs give literals (or the too-small message); `number` gives `number`; a named dim keeps
 * its name when the layer preserves the size and is `number` otherwise.
 */
export type SpatialOutputSize<Op extends string, DimName extends string, Input, Layer extends SpatialLayer> =
  // any: some size
  0 extends 1 & Input
    ? number
    : Input extends number
      ? // number: some size
        number extends Input
        ? number
        : // a literal: computed exactly
          NaturalDigits<Input> extends infer InputDigits extends string
          ? ConvOutputDigits<InputDigits, Layer[0], Layer[1]> extends infer Output
            ? Output extends string
              ? ToNumber<Op, Output>
              : Output extends ['small', infer WouldBe extends string]
                ? ErrorMessage<OutputTooSmallMessage<Op, DimName, WouldBe, InputDigits, Layer[2], Layer[3], Layer[5], Layer[4], Layer[1]>>
                : never
            : never
          : ErrorMessage<NonNegativeIntegerMessage<Op, `input ${DimName}`, Input>>
      : // a named dim, or an expression of one: the exact expression
        Input extends string
        ? AffineFloor<Input, Layer[0], Layer[1]>
        : number;

/** A layer parameter that must be a positive integer, as digits; `'wide'` for `number`. */
export type PositiveParam<Op extends string, Param extends string, Value> =
  IsWide<Value> extends true
    ? 'wide'
    : NaturalDigits<Value> extends infer Digits extends string
      ? Digits extends '0'
        ? ErrorMessage<PositiveIntegerMessage<Op, Param, Value>>
        : Digits
      : ErrorMessage<PositiveIntegerMessage<Op, Param, Value>>;

/** A layer parameter that must be a non-negative integer, as digits; `'wide'` for `number`. */
export type NonNegativeParam<Op extends string, Param extends string, Value> =
  IsWide<Value> extends true
    ? 'wide'
    : NaturalDigits<Value> extends infer Digits extends string
      ? Digits
      : ErrorMessage<NonNegativeIntegerMessage<Op, Param, Value>>;

/**
 * The output size of a convolution along one dimension, PyTorch's formula
 * `floor((InputSize + 2·Padding − Dilation·(KernelSize − 1) − 1) / Stride) + 1`, computed exactly
 * at compile time for sizes up to `Number.MAX_SAFE_INTEGER`.
 *
 * - `number` or `any` in gives `number`; `never` gives `never`; unions distribute.
 * - A named size (`'height'`) is kept when the layer preserves it (stride 1 and padding that
 *   exactly compensates the kernel), and becomes `number` otherwise.
 * - An output below 1, a negative or fractional input, or a parameter out of range gives an
 *   {@link ErrorMessage} with the reason (the same words {@link convOutputSize} throws).
 *
 * @example
 * ```ts
 * import type { ConvOutputSize } from 'shapecheck';
 * type A = ConvOutputSize<224, 7, 2, 3>;
 * //=> 112
 * type B = ConvOutputSize<224 | 256, 3, 2, 1>;
 * //=> 112 | 128
 * type C = ConvOutputSize<'height', 3, 1, 1>;
 * //=> 'height'
 * ```
 * @category Shapes
 */
export type ConvOutputSize<
  InputSize extends Dim,
  KernelSize extends number,
  Stride extends number = 1,
  Padding extends number = 0,
  Dilation extends number = 1,
> =
  // the layer is validated and precomputed once per distinct set of parameters
  ConvLayer<KernelSize, Stride, Padding, Dilation> extends infer Layer
    ? // unions of inputs and of layers distribute; never anywhere gives never
      InputSize extends unknown
      ? Layer extends SpatialLayer
        ? SpatialOutputSize<'ConvOutputSize', 'size', InputSize, Layer>
        : Layer
      : never
    : never;

/** The layer of {@link ConvOutputSize}'s parameters: a {@link SpatialLayer}, an error, or `number`. */
type ConvLayer<KernelSize, Stride, Padding, Dilation> = KernelSize extends unknown
  ? Stride extends unknown
    ? Padding extends unknown
      ? Dilation extends unknown
        ? [
            PositiveParam<'ConvOutputSize', 'kernelSize', KernelSize>,
            PositiveParam<'ConvOutputSize', 'stride', Stride>,
            NonNegativeParam<'ConvOutputSize', 'padding', Padding>,
            PositiveParam<'ConvOutputSize', 'dilation', Dilation>,
          ] extends [infer K, infer S, infer P, infer D]
          ? K extends ErrorMessage<string>
            ? K
            : S extends ErrorMessage<string>
              ? S
              : P extends ErrorMessage<string>
                ? P
                : D extends ErrorMessage<string>
                  ? D
                  : // a parameter that is only `number`: the size is some number
                    'wide' extends K | S | P | D
                    ? number
                    : SpatialLayerOf<P & string, P & string, K & string, S & string, D & string>
          : never
        : never
      : never
    : never
  : never;

// ---------------------------------------------------------------------------------------------
// Runtime.

/** Validates a positive integer parameter, throwing the message its type twin shows. */
export function checkPositiveInteger(op: string, param: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(writePositiveIntegerMessage(op, param, value));
  if (value < 1) throw new RangeError(writePositiveIntegerMessage(op, param, value));
  return value;
}

/** Validates a non-negative integer parameter, throwing the message its type twin shows. */
export function checkNonNegativeInteger(op: string, param: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(writeNonNegativeIntegerMessage(op, param, value));
  if (value < 0) throw new RangeError(writeNonNegativeIntegerMessage(op, param, value));
  return value;
}

const SMALL = 2 ** 24;

/**
 * `floor((input + padBefore + padAfter − dilation·(kernel − 1) − 1) / stride) + 1`, exact for
 * every safe integer (BigInt where a product could pass 2^53), or `[wouldBe]` when below 1.
 * Arguments must already be validated.
 */
export function spatialOutputSize(input: number, padBefore: number, padAfter: number, kernel: number, stride: number, dilation: number): number | [wouldBe: number];
export function spatialOutputSize(input: number | string, padBefore: number, padAfter: number, kernel: number, stride: number, dilation: number): number | string | [wouldBe: number];
export function spatialOutputSize(
  input: number | string,
  padBefore: number,
  padAfter: number,
  kernel: number,
  stride: number,
  dilation: number,
): number | string | [wouldBe: number] {
  // an expression: the exact expression (its lower bound is a requirement, not checked here)
  if (typeof input === 'string') return floorOfDim(input, padBefore + padAfter + stride - dilation * (kernel - 1) - 1, stride);
  let output: number;
  if (input < SMALL && padBefore < SMALL && padAfter < SMALL && kernel < SMALL && dilation < SMALL) {
    output = Math.floor((input + padBefore + padAfter - dilation * (kernel - 1) - 1) / stride) + 1;
  } else {
    const numerator =
      BigInt(input) + BigInt(padBefore) + BigInt(padAfter) - BigInt(dilation) * (BigInt(kernel) - 1n) - 1n;
    const s = BigInt(stride);
    // BigInt division truncates; floor it
    const quotient = numerator / s - (numerator % s !== 0n && numerator < 0n ? 1n : 0n);
    output = Number(quotient + 1n);
  }
  return output >= 1 ? output : [output];
}

/**
 * The output size of a convolution along one dimension: PyTorch's formula
 * `floor((inputSize + 2·padding − dilation·(kernelSize − 1) − 1) / stride) + 1`. The runtime twin
 * of {@link ConvOutputSize}: same result, and it throws the same message the type shows.
 *
 * @throws {ShapeError} when the output would be below 1.
 * @throws {TypeError | RangeError} when an argument is not an integer or out of range.
 * @example
 * ```ts
 * import { convOutputSize } from 'shapecheck';
 * convOutputSize(224, 7, 2, 3);
 * //=> 112
 * ```
 * @category Shapes
 */
export function convOutputSize<
  const InputSize extends number,
  const KernelSize extends number,
  const Stride extends number = 1,
  const Padding extends number = 0,
  const Dilation extends number = 1,
>(
  inputSize: InputSize,
  kernelSize: KernelSize,
  stride: Stride = 1 as Stride,
  padding: Padding = 0 as Padding,
  dilation: Dilation = 1 as Dilation,
): ConvOutputSize<InputSize, KernelSize, Stride, Padding, Dilation> {
  const op = 'ConvOutputSize';
  const k = checkPositiveInteger(op, 'kernelSize', kernelSize);
  const s = checkPositiveInteger(op, 'stride', stride);
  const p = checkNonNegativeInteger(op, 'padding', padding);
  const d = checkPositiveInteger(op, 'dilation', dilation);
  const input = checkNonNegativeInteger(op, 'input size', inputSize);
  const output = spatialOutputSize(input, p, p, k, s, d);
  if (Array.isArray(output)) {
    throw new ShapeError(writeOutputTooSmallMessage(op, 'size', output[0], input, p, p, d, k, s));
  }
  return output as ConvOutputSize<InputSize, KernelSize, Stride, Padding, Dilation>;
}
