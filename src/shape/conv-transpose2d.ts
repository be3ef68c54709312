/**
 * The shape rule of `nn.ConvTranspose2d` / `F.conv_transpose2d` (issue 12): the output size
 * `(in − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1` on literal sizes (the
 * digit arithmetic), on named sizes (`'2*H+1'`, the symbolic engine) and at runtime, with every
 * check's message written once at runtime (`writeXMessage`) and once in the types (`XMessage`).
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { AddSigned, CompareSigned, FloorDivideSigned, MultiplySigned, NaturalDigits, Negate, SubtractMagnitudes, ToNumber } from '../arithmetic/internal/signed.js';
import { checkNonNegativeInteger, checkPositiveInteger, formatOption, type NonNegativeIntegerMessage, type NonNegativeParam, type PositiveParam } from './conv-output-size.js';
import type { PaddingMode } from './conv2d.js';
import { formatList, formatValue, type FormatList, type FormatValue } from './format.js';
import { ShapeError } from './shape-error.js';
import type { Shape } from './shape.js';
import { affineOfDim, checkSymbolicDim } from './symbolic.js';
import type { ScaleDim } from './symbolic-types.js';

/**
 * The parameters of `nn.ConvTranspose2d`, camelCased. Sizes are a number (both dimensions) or an
 * `[height, width]` pair. Only `'zeros'` padding exists for a transposed convolution (PyTorch's
 * rule); the other modes are accepted by the type so that the compiler reports them in words.
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dOptions } from 'shapecheck';
 * const options = { inChannels: 16, outChannels: 8, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1 } as const satisfies ConvTranspose2dOptions;
 * options.outputPadding;
 * //=> 1
 * ```
 * @category Shapes
 */
export interface ConvTranspose2dOptions {
  /** Channels of the input (`C_in`). */
  readonly inChannels: number;
  /** Channels of the output (`C_out`). */
  readonly outChannels: number;
  /** Size of the kernel. */
  readonly kernelSize: number | readonly [number, number];
  /** Stride of the (forward) convolution this one transposes. Default 1. */
  readonly stride?: number | readonly [number, number];
  /** `dilation·(kernel − 1) − padding` zeros around the input, as PyTorch. Default 0. */
  readonly padding?: number | readonly [number, number];
  /** Extra size on one side of the output; smaller than the stride or the dilation. Default 0. */
  readonly outputPadding?: number | readonly [number, number];
  /** Spacing between kernel elements. Default 1. */
  readonly dilation?: number | readonly [number, number];
  /** Number of blocked connections from input to output channels. Default 1. */
  readonly groups?: number;
  /** Whether the layer adds a learnable bias. Default true. Does not affect shapes. */
  readonly bias?: boolean;
  /** Only `'zeros'` (the default) is supported, as in PyTorch. */
  readonly paddingMode?: PaddingMode;
}

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/**
 * `inChannels` or `outChannels` not divisible by `groups` (PyTorch: `in_channels must be
 * divisible by groups`).
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dGroupsMessage } from 'shapecheck';
 * type M = ConvTranspose2dGroupsMessage<'outChannels', 3, 2>;
 * //=> 'ConvTranspose2d: outChannels must be divisible by groups, got outChannels=3 and groups=2 (out_channels must be divisible by groups)'
 * ```
 * @category Messages
 */
export type ConvTranspose2dGroupsMessage<Param extends string, Value extends string | number, Groups extends string | number> =
  `ConvTranspose2d: ${Param} must be divisible by groups, got ${Param}=${Value} and groups=${Groups} (${Param extends 'inChannels' ? 'in' : 'out'}_channels must be divisible by groups)`;
/**
 * Runtime twin of {@link ConvTranspose2dGroupsMessage}.
 *
 * @example
 * ```ts
 * import { writeConvTranspose2dGroupsMessage } from 'shapecheck';
 * writeConvTranspose2dGroupsMessage('outChannels', 3, 2);
 * //=> 'ConvTranspose2d: outChannels must be divisible by groups, got outChannels=3 and groups=2 (out_channels must be divisible by groups)'
 * ```
 * @category Messages
 */
export function writeConvTranspose2dGroupsMessage(param: string, value: number, groups: number): string {
  return `ConvTranspose2d: ${param} must be divisible by groups, got ${param}=${value} and groups=${groups} (${param === 'inChannels' ? 'in' : 'out'}_channels must be divisible by groups)`;
}

/**
 * `outputPadding` not smaller than the stride or the dilation, in PyTorch's words.
 *
 * @example
 * ```ts
 * import type { OutputPaddingMessage } from 'shapecheck';
 * type M = OutputPaddingMessage<2, 2, 2, 2, 1, 1>;
 * //=> 'ConvTranspose2d: outputPadding must be smaller than either stride or dilation (output padding must be smaller than either stride or dilation, but got output_padding_height: 2 output_padding_width: 2 stride_height: 2 stride_width: 2 dilation_height: 1 dilation_width: 1)'
 * ```
 * @category Messages
 */
export type OutputPaddingMessage<
  OPH extends string | number,
  OPW extends string | number,
  SH extends string | number,
  SW extends string | number,
  DH extends string | number,
  DW extends string | number,
> = `ConvTranspose2d: outputPadding must be smaller than either stride or dilation (output padding must be smaller than either stride or dilation, but got output_padding_height: ${OPH} output_padding_width: ${OPW} stride_height: ${SH} stride_width: ${SW} dilation_height: ${DH} dilation_width: ${DW})`;
/**
 * Runtime twin of {@link OutputPaddingMessage}.
 *
 * @example
 * ```ts
 * import { writeOutputPaddingMessage } from 'shapecheck';
 * writeOutputPaddingMessage([2, 2], [2, 2], [1, 1]);
 * //=> 'ConvTranspose2d: outputPadding must be smaller than either stride or dilation (output padding must be smaller than either stride or dilation, but got output_padding_height: 2 output_padding_width: 2 stride_height: 2 stride_width: 2 dilation_height: 1 dilation_width: 1)'
 * ```
 * @category Messages
 */
export function writeOutputPaddingMessage(outputPadding: readonly [number, number], stride: readonly [number, number], dilation: readonly [number, number]): string {
  return `ConvTranspose2d: outputPadding must be smaller than either stride or dilation (output padding must be smaller than either stride or dilation, but got output_padding_height: ${outputPadding[0]} output_padding_width: ${outputPadding[1]} stride_height: ${stride[0]} stride_width: ${stride[1]} dilation_height: ${dilation[0]} dilation_width: ${dilation[1]})`;
}

/**
 * A padding mode other than `'zeros'` (PyTorch: `Only "zeros" padding mode is supported`, its quotes
 * made single here: an editor shows a message's double quotes escaped).
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dPaddingModeMessage } from 'shapecheck';
 * type M = ConvTranspose2dPaddingModeMessage<'reflect'>;
 * //=> "ConvTranspose2d: paddingMode must be 'zeros', got paddingMode='reflect' (Only 'zeros' padding mode is supported for ConvTranspose2d)"
 * ```
 * @category Messages
 */
export type ConvTranspose2dPaddingModeMessage<Mode> =
  `ConvTranspose2d: paddingMode must be 'zeros', got paddingMode=${Mode extends string ? `'${Mode}'` : FormatValue<Mode>} (Only 'zeros' padding mode is supported for ConvTranspose2d)`;
/**
 * Runtime twin of {@link ConvTranspose2dPaddingModeMessage}.
 *
 * @example
 * ```ts
 * import { writeConvTranspose2dPaddingModeMessage } from 'shapecheck';
 * writeConvTranspose2dPaddingModeMessage('reflect');
 * //=> `ConvTranspose2d: paddingMode must be 'zeros', got paddingMode='reflect' (Only 'zeros' padding mode is supported for ConvTranspose2d)`
 * ```
 * @category Messages
 */
export function writeConvTranspose2dPaddingModeMessage(mode: unknown): string {
  return `ConvTranspose2d: paddingMode must be 'zeros', got paddingMode=${formatOption(mode)} (Only 'zeros' padding mode is supported for ConvTranspose2d)`;
}

/**
 * An input that is neither `[C, H, W]` nor `[N, C, H, W]`.
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dRankMessage } from 'shapecheck';
 * type M = ConvTranspose2dRankMessage<[4, 4]>;
 * //=> 'ConvTranspose2d: Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: [4, 4]'
 * ```
 * @category Messages
 */
export type ConvTranspose2dRankMessage<InputShape extends readonly unknown[]> =
  `ConvTranspose2d: Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: ${FormatList<InputShape>}`;
/**
 * Runtime twin of {@link ConvTranspose2dRankMessage}.
 *
 * @example
 * ```ts
 * import { writeConvTranspose2dRankMessage } from 'shapecheck';
 * writeConvTranspose2dRankMessage([4, 4]);
 * //=> 'ConvTranspose2d: Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: [4, 4]'
 * ```
 * @category Messages
 */
export function writeConvTranspose2dRankMessage(inputShape: readonly unknown[]): string {
  return `ConvTranspose2d: Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: ${formatList(inputShape)}`;
}

/**
 * The input's channel count differs from `inChannels` (PyTorch's words; the weight is
 * `[inChannels, outChannels / groups, kH, kW]`).
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dChannelMessage } from 'shapecheck';
 * type M = ConvTranspose2dChannelMessage<[4, 3, 3, 3], [1, 3, 4, 4], 4, 3>;
 * //=> 'ConvTranspose2d: Given transposed=1, weight of size [4, 3, 3, 3], expected input[1, 3, 4, 4] to have 4 channels, but got 3 channels instead'
 * ```
 * @category Messages
 */
export type ConvTranspose2dChannelMessage<WeightShape extends readonly unknown[], InputShape extends readonly unknown[], Expected extends string | number, Got> =
  `ConvTranspose2d: Given transposed=1, weight of size ${FormatList<WeightShape>}, expected input${FormatList<InputShape>} to have ${Expected} channels, but got ${FormatValue<Got>} channels instead`;
/**
 * Runtime twin of {@link ConvTranspose2dChannelMessage}.
 *
 * @example
 * ```ts
 * import { writeConvTranspose2dChannelMessage } from 'shapecheck';
 * writeConvTranspose2dChannelMessage([4, 3, 3, 3], [1, 3, 4, 4], 4, 3);
 * //=> 'ConvTranspose2d: Given transposed=1, weight of size [4, 3, 3, 3], expected input[1, 3, 4, 4] to have 4 channels, but got 3 channels instead'
 * ```
 * @category Messages
 */
export function writeConvTranspose2dChannelMessage(weightShape: readonly number[], inputShape: readonly unknown[], expected: number, got: unknown): string {
  return `ConvTranspose2d: Given transposed=1, weight of size ${formatList(weightShape)}, expected input${formatList(inputShape)} to have ${expected} channels, but got ${formatValue(got)} channels instead`;
}

/**
 * A non-empty batch whose height or width is 0 (PyTorch: `Only zero batch or zero channel inputs
 * are supported`).
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dEmptyInputMessage } from 'shapecheck';
 * type M = ConvTranspose2dEmptyInputMessage<[1, 1, 0, 5], 'height'>;
 * //=> 'ConvTranspose2d: input height is 0 in a non-empty batch, got input of size [1, 1, 0, 5] (Only zero batch or zero channel inputs are supported)'
 * ```
 * @category Messages
 */
export type ConvTranspose2dEmptyInputMessage<InputShape extends readonly unknown[], DimName extends string> =
  `ConvTranspose2d: input ${DimName} is 0 in a non-empty batch, got input of size ${FormatList<InputShape>} (Only zero batch or zero channel inputs are supported)`;
/**
 * Runtime twin of {@link ConvTranspose2dEmptyInputMessage}.
 *
 * @example
 * ```ts
 * import { writeConvTranspose2dEmptyInputMessage } from 'shapecheck';
 * writeConvTranspose2dEmptyInputMessage([1, 1, 0, 5], 'height');
 * //=> 'ConvTranspose2d: input height is 0 in a non-empty batch, got input of size [1, 1, 0, 5] (Only zero batch or zero channel inputs are supported)'
 * ```
 * @category Messages
 */
export function writeConvTranspose2dEmptyInputMessage(inputShape: readonly unknown[], dimName: string): string {
  return `ConvTranspose2d: input ${dimName} is 0 in a non-empty batch, got input of size ${formatList(inputShape)} (Only zero batch or zero channel inputs are supported)`;
}

/**
 * The output along one dimension would be below 1; shows the formula's values.
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dOutputTooSmallMessage } from 'shapecheck';
 * type M = ConvTranspose2dOutputTooSmallMessage<'height', -1, 1, 1, 1, 1, 1, 0>;
 * //=> 'ConvTranspose2d: output height would be -1 = (1 − 1)·1 − 2·1 + 1·(1 − 1) + 0 + 1, but must be at least 1 (Output size is too small)'
 * ```
 * @category Messages
 */
export type ConvTranspose2dOutputTooSmallMessage<
  DimName extends string,
  Output extends string | number,
  Input extends string | number,
  Stride extends string | number,
  Padding extends string | number,
  Dilation extends string | number,
  Kernel extends string | number,
  OutputPadding extends string | number,
> = `ConvTranspose2d: output ${DimName} would be ${Output} = (${Input} − 1)·${Stride} − 2·${Padding} + ${Dilation}·(${Kernel} − 1) + ${OutputPadding} + 1, but must be at least 1 (Output size is too small)`;
/**
 * Runtime twin of {@link ConvTranspose2dOutputTooSmallMessage}.
 *
 * @example
 * ```ts
 * import { writeConvTranspose2dOutputTooSmallMessage } from 'shapecheck';
 * writeConvTranspose2dOutputTooSmallMessage('height', -1, 1, 1, 1, 1, 1, 0);
 * //=> 'ConvTranspose2d: output height would be -1 = (1 − 1)·1 − 2·1 + 1·(1 − 1) + 0 + 1, but must be at least 1 (Output size is too small)'
 * ```
 * @category Messages
 */
export function writeConvTranspose2dOutputTooSmallMessage(
  dimName: string,
  output: number,
  input: number,
  stride: number,
  padding: number,
  dilation: number,
  kernel: number,
  outputPadding: number,
): string {
  return `ConvTranspose2d: output ${dimName} would be ${output} = (${input} − 1)·${stride} − 2·${padding} + ${dilation}·(${kernel} − 1) + ${outputPadding} + 1, but must be at least 1 (Output size is too small)`;
}

/**
 * An `outputSize` with a number of elements other than 2 or the input's rank.
 *
 * @example
 * ```ts
 * import type { OutputSizeLengthMessage } from 'shapecheck';
 * type M = OutputSizeLengthMessage<4, 3>;
 * //=> 'ConvTranspose2d: outputSize must have 2 or 4 elements for a 4D input, got 3 (ConvTranspose2D: for 4D input, output_size must have 2 or 4 elements (got 3))'
 * ```
 * @category Messages
 */
export type OutputSizeLengthMessage<Rank extends number, Got extends number> =
  `ConvTranspose2d: outputSize must have 2 or ${Rank} elements for a ${Rank}D input, got ${Got} (ConvTranspose2D: for ${Rank}D input, output_size must have 2 or ${Rank} elements (got ${Got}))`;
/**
 * Runtime twin of {@link OutputSizeLengthMessage}.
 *
 * @example
 * ```ts
 * import { writeOutputSizeLengthMessage } from 'shapecheck';
 * writeOutputSizeLengthMessage(4, 3);
 * //=> 'ConvTranspose2d: outputSize must have 2 or 4 elements for a 4D input, got 3 (ConvTranspose2D: for 4D input, output_size must have 2 or 4 elements (got 3))'
 * ```
 * @category Messages
 */
export function writeOutputSizeLengthMessage(rank: number, got: number): string {
  return `ConvTranspose2d: outputSize must have 2 or ${rank} elements for a ${rank}D input, got ${got} (ConvTranspose2D: for ${rank}D input, output_size must have 2 or ${rank} elements (got ${got}))`;
}

/**
 * An `outputSize` outside what the layer can make of the input: from the size without output
 * padding to `stride − 1` more (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { OutputSizeRangeMessage } from 'shapecheck';
 * type M = OutputSizeRangeMessage<[20, 9], [9, 9], [10, 10], [4, 4]>;
 * //=> 'ConvTranspose2d: outputSize: requested an output size of [20, 9], but valid sizes range from [9, 9] to [10, 10] (for an input of [4, 4])'
 * ```
 * @category Messages
 */
export type OutputSizeRangeMessage<Requested extends readonly unknown[], Min extends readonly unknown[], Max extends readonly unknown[], Input extends readonly unknown[]> =
  `ConvTranspose2d: outputSize: requested an output size of ${FormatList<Requested>}, but valid sizes range from ${FormatList<Min>} to ${FormatList<Max>} (for an input of ${FormatList<Input>})`;
/**
 * Runtime twin of {@link OutputSizeRangeMessage}.
 *
 * @example
 * ```ts
 * import { writeOutputSizeRangeMessage } from 'shapecheck';
 * writeOutputSizeRangeMessage([20, 9], [9, 9], [10, 10], [4, 4]);
 * //=> 'ConvTranspose2d: outputSize: requested an output size of [20, 9], but valid sizes range from [9, 9] to [10, 10] (for an input of [4, 4])'
 * ```
 * @category Messages
 */
export function writeOutputSizeRangeMessage(requested: readonly unknown[], min: readonly unknown[], max: readonly unknown[], input: readonly unknown[]): string {
  return `ConvTranspose2d: outputSize: requested an output size of ${formatList(requested)}, but valid sizes range from ${formatList(min)} to ${formatList(max)} (for an input of ${formatList(input)})`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/** An optional option's value, or its default when absent. */
type OptionOr<Options, Key extends string, Default> = Options extends { readonly [K in Key]?: infer Value }
  ? [Value] extends [undefined]
    ? Default
    : Exclude<Value, undefined>
  : Default;

/** A size option as two validated digit strings (`'wide'` where only `number` is known). */
type PositivePair<Param extends string, Value> = [Value] extends [readonly [infer H, infer W]]
  ? [PositiveParam<'ConvTranspose2d', Param, H>, PositiveParam<'ConvTranspose2d', Param, W>]
  : [Value] extends [number]
    ? PositiveParam<'ConvTranspose2d', Param, Value> extends infer Digits
      ? [Digits, Digits]
      : never
    : ['wide', 'wide'];

/** A non-negative size option as two validated digit strings. */
type NonNegativePair<Param extends string, Value> = [Value] extends [readonly [infer H, infer W]]
  ? [NonNegativeParam<'ConvTranspose2d', Param, H>, NonNegativeParam<'ConvTranspose2d', Param, W>]
  : [Value] extends [number]
    ? NonNegativeParam<'ConvTranspose2d', Param, Value> extends infer Digits
      ? [Digits, Digits]
      : never
    : ['wide', 'wide'];

/** The first error in a list of validated parameters (`never` marks a check that passed). */
type FirstError<Params extends readonly unknown[]> = Params extends readonly [infer Head, ...infer Tail]
  ? [Head] extends [never]
    ? FirstError<Tail>
    : Head extends ErrorMessage<string>
      ? Head
      : FirstError<Tail>
  : never;

/** Whether `A < B` for digit strings (`true` when either is `'wide'`). */
type Below<A extends string, B extends string> = 'wide' extends A | B ? true : CompareSigned<A, B> extends '<' ? true : false;

/** `true` when the output padding of one dim is below its stride or its dilation. */
type OutputPaddingFits<OP extends string, S extends string, D extends string> = Below<OP, S> extends true ? true : Below<OP, D>;

/** `in` divisible by `groups` (or either unknown). */
type Divides<Value extends string, Groups extends string> = 'wide' extends Value | Groups ? true : Groups extends '1' ? true : FloorDivideSigned<Value, Groups>[1] extends '0' ? true : false;

/**
 * `nn.ConvTranspose2d`'s options validated and resolved at the type level, as digit strings
 * `[inC, outC, kH, kW, sH, sW, pH, pW, opH, opW, dH, dW, groups]` (`'wide'` for a parameter known
 * only as `number`), or the {@link ErrorMessage} of the first invalid option, in the order the
 * runtime checks them.
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dParams } from 'shapecheck';
 * type A = ConvTranspose2dParams<{ inChannels: 4; outChannels: 2; kernelSize: [3, 2]; stride: 2 }>;
 * //=> ['4', '2', '3', '2', '2', '2', '0', '0', '0', '0', '1', '1', '1']
 * ```
 * @category Shapes
 */
export type ConvTranspose2dParams<Options extends ConvTranspose2dOptions> = ConvTranspose2dParamsOf<
  Options['inChannels'],
  Options['outChannels'],
  Options['kernelSize'],
  OptionOr<Options, 'stride', 1>,
  OptionOr<Options, 'padding', 0>,
  OptionOr<Options, 'outputPadding', 0>,
  OptionOr<Options, 'dilation', 1>,
  OptionOr<Options, 'groups', 1>,
  OptionOr<Options, 'paddingMode', 'zeros'>
>;

/** {@link ConvTranspose2dParams} on the option values themselves (cached across alike layers). */
type ConvTranspose2dParamsOf<InChannels, OutChannels, KernelSize, Stride, Padding, OutputPadding, Dilation, Groups, Mode> = [
  PositiveParam<'ConvTranspose2d', 'inChannels', InChannels>,
  PositiveParam<'ConvTranspose2d', 'outChannels', OutChannels>,
  ...PositivePair<'kernelSize', KernelSize>,
  ...PositivePair<'stride', Stride>,
  ...NonNegativePair<'padding', Padding>,
  ...NonNegativePair<'outputPadding', OutputPadding>,
  ...PositivePair<'dilation', Dilation>,
  PositiveParam<'ConvTranspose2d', 'groups', Groups>,
] extends infer Params extends readonly unknown[]
  ? [Params[number]] extends [string]
    ? Params extends [
        infer InC extends string,
        infer OutC extends string,
        string,
        string,
        infer SH extends string,
        infer SW extends string,
        string,
        string,
        infer OPH extends string,
        infer OPW extends string,
        infer DH extends string,
        infer DW extends string,
        infer G extends string,
      ]
      ? Divides<InC, G> extends false
        ? ErrorMessage<ConvTranspose2dGroupsMessage<'inChannels', InC, G>>
        : Divides<OutC, G> extends false
          ? ErrorMessage<ConvTranspose2dGroupsMessage<'outChannels', OutC, G>>
          : [OutputPaddingFits<OPH, SH, DH>, OutputPaddingFits<OPW, SW, DW>] extends [true, true]
            ? // 'zeros' among the possible modes (a literal, or a mode typed only as a union): fine
              'zeros' extends Mode
              ? Params
              : ErrorMessage<ConvTranspose2dPaddingModeMessage<Mode>>
            : ErrorMessage<OutputPaddingMessage<OPH, OPW, SH, SW, DH, DW>>
      : never
    : FirstError<Params>
  : never;

/** `dilation·(kernel − 1) + outputPadding + 1 − stride − 2·padding`: the output is `in·stride` plus this. */
type TransposedOffset<K extends string, S extends string, P extends string, OP extends string, D extends string> = AddSigned<
  AddSigned<D extends '1' ? SubtractMagnitudes<K, '1'> : MultiplySigned<D, SubtractMagnitudes<K, '1'>>, AddSigned<OP, '1'>>,
  Negate<P extends '0' ? S : AddSigned<S, MultiplySigned<'2', P>>>
>;

/**
 * One spatial output size: literal in, literal out (or the too-small message); a name or an
 * expression gives the exact expression (`'2*H+1'`); `number` gives `number`.
 */
type TransposedSpatial<DimName extends string, Input, K extends string, S extends string, P extends string, OP extends string, D extends string> =
  'wide' extends K | S | P | OP | D
    ? number
    : 0 extends 1 & Input
      ? number
      : Input extends number
        ? number extends Input
          ? number
          : NaturalDigits<Input> extends infer In extends string
            ? AddSigned<S extends '1' ? In : MultiplySigned<In, S>, TransposedOffset<K, S, P, OP, D>> extends infer Out extends string
              ? Out extends '0' | `-${string}`
                ? ErrorMessage<ConvTranspose2dOutputTooSmallMessage<DimName, Out, In, S, P, D, K, OP>>
                : ToNumber<'ConvTranspose2d', Out>
              : never
            : ErrorMessage<NonNegativeIntegerMessage<'ConvTranspose2d', `input ${DimName}`, Input>>
        : Input extends string
          ? ScaleDim<Input, S, TransposedOffset<K, S, P, OP, D>>
          : number;

/** The least output size (no output padding) of one literal dim, as signed digits; `never` otherwise. */
type MinSize<Input, K extends string, S extends string, P extends string, D extends string> = 'wide' extends K | S | P | D
  ? never
  : Input extends number
    ? number extends Input
      ? never
      : NaturalDigits<Input> extends infer In extends string
        ? AddSigned<S extends '1' ? In : MultiplySigned<In, S>, TransposedOffset<K, S, P, '0', D>>
        : never
    : never;

type IsNever<T> = [T] extends [never] ? true : false;

/** A literal requested size as digits; `never` for anything else. */
type RequestedDigits<R> = R extends number ? (number extends R ? never : NaturalDigits<R> extends infer N extends string ? N : never) : never;

/**
 * The output padding an `outputSize` asks for, per dim (`[opH, opW]` digits; `'wide'` where the
 * input or the request is not a literal), or the range message.
 */
type RequestedPadding<Height, Width, RH, RW, KH extends string, KW extends string, SH extends string, SW extends string, PH extends string, PW extends string, DH extends string, DW extends string> = [
  MinSize<Height, KH, SH, PH, DH>,
  MinSize<Width, KW, SW, PW, DW>,
  RequestedDigits<RH>,
  RequestedDigits<RW>,
] extends [infer MinH, infer MinW, infer ReqH, infer ReqW]
  ? true extends IsNever<MinH> | IsNever<MinW> | IsNever<ReqH> | IsNever<ReqW>
    ? ['wide', 'wide']
    : [MinH, MinW, ReqH, ReqW] extends [infer MinH extends string, infer MinW extends string, infer ReqH extends string, infer ReqW extends string]
  ? [AddSigned<ReqH, Negate<MinH>>, AddSigned<ReqW, Negate<MinW>>] extends [infer OPH extends string, infer OPW extends string]
    ? [OPH, OPW] extends [`-${string}`, string] | [string, `-${string}`] | [OutOfRange<OPH, SH>, string] | [string, OutOfRange<OPW, SW>]
      ? ErrorMessage<
          OutputSizeRangeMessage<
            [RH, RW],
            [ToNumber<'ConvTranspose2d', MinH>, ToNumber<'ConvTranspose2d', MinW>],
            [ToNumber<'ConvTranspose2d', AddSigned<MinH, SubtractMagnitudes<SH, '1'>>>, ToNumber<'ConvTranspose2d', AddSigned<MinW, SubtractMagnitudes<SW, '1'>>>],
            [Height, Width]
          >
        >
      : [OPH, OPW]
    : never
  : ['wide', 'wide']
  : never;
/** `OP` itself when it is not below the stride (out of range), else `never`. */
type OutOfRange<OP extends string, S extends string> = CompareSigned<OP, S> extends '<' ? never : OP;

/** The two requested sizes of an `outputSize` (its last two elements), or the length message. */
type RequestedSizes<OutputSize extends readonly unknown[], Rank extends number> = OutputSize extends readonly [infer H, infer W]
  ? [H, W]
  : OutputSize['length'] extends Rank
    ? OutputSize extends readonly [...unknown[], infer H, infer W]
      ? [H, W]
      : never
    : number extends OutputSize['length']
      ? [number, number]
      : ErrorMessage<OutputSizeLengthMessage<Rank, OutputSize['length']>>;

/** The output shape for one input shape and validated parameters. */
type ConvTranspose2dOutputShapeOf<InputShape, OutChannels, Params, OutputSize> = Params extends [
  infer InC extends string,
  infer OutC extends string,
  infer KH extends string,
  infer KW extends string,
  infer SH extends string,
  infer SW extends string,
  infer PH extends string,
  infer PW extends string,
  infer OPH extends string,
  infer OPW extends string,
  infer DH extends string,
  infer DW extends string,
  infer G extends string,
]
  ? InputShape extends readonly [infer Batch, infer Channels, infer Height, infer Width]
    ? TransposedChecked<[Batch], Channels, Height, Width, InputShape, OutChannels, InC, OutC, KH, KW, SH, SW, PH, PW, OPH, OPW, DH, DW, G, OutputSize, 4>
    : InputShape extends readonly [infer Channels, infer Height, infer Width]
      ? TransposedChecked<[], Channels, Height, Width, InputShape, OutChannels, InC, OutC, KH, KW, SH, SW, PH, PW, OPH, OPW, DH, DW, G, OutputSize, 3>
      : InputShape extends readonly unknown[]
        ? number extends InputShape['length']
          ? number[]
          : ErrorMessage<ConvTranspose2dRankMessage<InputShape>>
        : never
  : Params;

/** A literal dim that is not a non-negative integer, as its error; otherwise `never`. */
type InvalidDim<DimName extends string, Value> = Value extends number
  ? number extends Value
    ? never
    : NaturalDigits<Value> extends string
      ? never
      : ErrorMessage<NonNegativeIntegerMessage<'ConvTranspose2d', `input ${DimName}`, Value>>
  : never;

/** A height or width of 0 in a batch known not to be empty, as its error; otherwise `never`. */
type EmptyInput<Batch extends unknown[], Height, Width, InputShape extends readonly unknown[]> = Batch extends [infer N]
  ? [N] extends [0]
    ? never
    : N extends number
      ? number extends N
        ? never
        : EmptySpatial<Height, Width, InputShape>
      : never
  : EmptySpatial<Height, Width, InputShape>;
type EmptySpatial<Height, Width, InputShape extends readonly unknown[]> = [Height] extends [0]
  ? ErrorMessage<ConvTranspose2dEmptyInputMessage<InputShape, 'height'>>
  : [Width] extends [0]
    ? ErrorMessage<ConvTranspose2dEmptyInputMessage<InputShape, 'width'>>
    : never;

/** The checks once the rank is known, in the runtime's order, then the output. */
type TransposedChecked<
  Batch extends unknown[],
  Channels,
  Height,
  Width,
  InputShape extends readonly unknown[],
  OutChannels,
  InC extends string,
  OutC extends string,
  KH extends string,
  KW extends string,
  SH extends string,
  SW extends string,
  PH extends string,
  PW extends string,
  OPH extends string,
  OPW extends string,
  DH extends string,
  DW extends string,
  G extends string,
  OutputSize,
  Rank extends number,
> =
  FirstError<
    [
      ...(Batch extends [infer N] ? [InvalidDim<'batch', N>] : []),
      InvalidDim<'channels', Channels>,
      InvalidDim<'height', Height>,
      InvalidDim<'width', Width>,
      ChannelCheck<Channels, InputShape, InC, OutC, KH, KW, G>,
      EmptyInput<Batch, Height, Width, InputShape>,
    ]
  > extends infer Failure
    ? [Failure] extends [never]
      ? [OutputSize] extends [undefined]
        ? TransposedOutput<Batch, OutChannels, Height, Width, KH, KW, SH, SW, PH, PW, OPH, OPW, DH, DW>
        : OutputSize extends readonly unknown[]
          ? RequestedSizes<OutputSize, Rank> extends infer Requested
            ? Requested extends [infer RH, infer RW]
              ? RequestedPadding<Height, Width, RH, RW, KH, KW, SH, SW, PH, PW, DH, DW> extends infer Padding
                ? Padding extends [infer QH extends string, infer QW extends string]
                  ? QH | QW extends 'wide'
                    ? [...Batch, number extends OutChannels ? number : OutChannels, RH, RW]
                    : TransposedOutput<Batch, OutChannels, Height, Width, KH, KW, SH, SW, PH, PW, QH, QW, DH, DW>
                  : Padding
                : never
              : Requested
            : never
          : number[]
      : Failure
    : never;

/** The channel check, as its error; otherwise `never`. */
type ChannelCheck<Channels, InputShape extends readonly unknown[], InC extends string, OutC extends string, KH extends string, KW extends string, G extends string> = Channels extends number
  ? number extends Channels
    ? never
    : InC extends 'wide' | `${Channels}`
      ? never
      : ErrorMessage<ConvTranspose2dChannelMessage<[InC, G extends '1' ? OutC : FloorDivideSigned<OutC, G>[0], KH, KW], InputShape, InC, Channels>>
  : never;

/** Assembles `[...batch, outChannels, height, width]`, or the first spatial error. */
type TransposedOutput<
  Batch extends unknown[],
  OutChannels,
  Height,
  Width,
  KH extends string,
  KW extends string,
  SH extends string,
  SW extends string,
  PH extends string,
  PW extends string,
  OPH extends string,
  OPW extends string,
  DH extends string,
  DW extends string,
> =
  TransposedSpatial<'height', Height, KH, SH, PH, OPH, DH> extends infer OutHeight
    ? [Extract<OutHeight, ErrorMessage<string>>] extends [never]
      ? TransposedSpatial<'width', Width, KW, SW, PW, OPW, DW> extends infer OutWidth
        ? [Extract<OutWidth, ErrorMessage<string>>] extends [never]
          ? [...Batch, number extends OutChannels ? number : OutChannels, OutHeight, OutWidth]
          : Extract<OutWidth, ErrorMessage<string>>
        : never
      : Extract<OutHeight, ErrorMessage<string>>
    : never;

/**
 * The output shape of `nn.ConvTranspose2d` for an input shape `[N, C, H, W]` or unbatched
 * `[C, H, W]` (and, optionally, the `outputSize` given to `forward`), computed exactly at compile
 * time: `(in − 1)·stride − 2·padding + dilation·(kernel − 1) + outputPadding + 1`.
 *
 * - The batch dim passes through as it is (a literal, `number`, or a name).
 * - A named spatial dim becomes the exact expression (`'2*H+1'`; `'H'` where the layer keeps the
 *   size), as the runtime's `symbolicOutputShape` prints it.
 * - With an `outputSize` (2 elements, or the input's rank), its last two elements are the spatial
 *   output when they are in range (checked on literal inputs).
 * - Anything wrong gives an {@link ErrorMessage} whose text is exactly what the runtime throws.
 *
 * @example
 * ```ts
 * import type { ConvTranspose2dOutputShape } from 'shapecheck';
 * type A = ConvTranspose2dOutputShape<[1, 16, 7, 7], { inChannels: 16; outChannels: 8; kernelSize: 3; stride: 2; padding: 1; outputPadding: 1 }>;
 * //=> [1, 8, 14, 14]
 * type B = ConvTranspose2dOutputShape<['batch', 16, 'H', 'W'], { inChannels: 16; outChannels: 8; kernelSize: 4; stride: 2; padding: 1 }>;
 * //=> ['batch', 8, '2*H', '2*W']
 * type C = ConvTranspose2dOutputShape<[1, 16, 7, 7], { inChannels: 16; outChannels: 8; kernelSize: 3; stride: 2 }, [16, 15]>;
 * //=> [1, 8, 16, 15]
 * ```
 * @category Shapes
 */
export type ConvTranspose2dOutputShape<InputShape extends Shape, Options extends ConvTranspose2dOptions, OutputSize extends readonly number[] | undefined = undefined> = [
  InputShape,
] extends [never]
  ? never
  : ConvTranspose2dParams<Options> extends infer Params
    ? InputShape extends unknown
      ? ConvTranspose2dOutputShapeOf<InputShape, Options['outChannels'], Params, OutputSize>
      : never
    : never;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * `nn.ConvTranspose2d`'s parameters validated and resolved: pairs everywhere.
 *
 * @example
 * ```ts
 * import { resolveConvTranspose2dOptions } from 'shapecheck';
 * resolveConvTranspose2dOptions({ inChannels: 4, outChannels: 2, kernelSize: 3, stride: 2, outputPadding: [1, 0] }).outputPadding;
 * //=> [1, 0]
 * ```
 * @category Shapes
 */
export interface ResolvedConvTranspose2dOptions {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly outputPadding: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly groups: number;
  readonly bias: boolean;
}

/** An optional option: its default when absent (`undefined`); `null` is not absent. */
function optionOr<Value>(value: Value | undefined, fallback: Value): Value {
  return value === undefined ? fallback : value;
}

const SNAKE: Readonly<Record<string, string>> = { kernelSize: 'kernel_size', stride: 'stride', padding: 'padding', outputPadding: 'output_padding', dilation: 'dilation' };

function pairOf(param: string, value: unknown, check: (op: string, param: string, value: unknown) => number): [number, number] {
  if (Array.isArray(value)) {
    if (value.length !== 2) {
      throw new TypeError(
        `ConvTranspose2d: ${param} must be a number or a pair of numbers, got ${formatValue(value)} (expected ${SNAKE[param] ?? param} to be a single integer value or a list of 2 values to match the convolution dimensions)`,
      );
    }
    return [check('ConvTranspose2d', param, value[0]), check('ConvTranspose2d', param, value[1])];
  }
  const size = check('ConvTranspose2d', param, value);
  return [size, size];
}

/**
 * Validates `nn.ConvTranspose2d` options and resolves them, throwing the messages of the type
 * {@link ConvTranspose2dParams}, in the same order.
 *
 * @throws {TypeError} for a non-integer, a string padding or a padding mode other than `'zeros'`.
 * @throws {RangeError} for a value out of range, groups not dividing the channels, or an
 *   `outputPadding` not below the stride or the dilation.
 * @example
 * ```ts
 * import { resolveConvTranspose2dOptions } from 'shapecheck';
 * resolveConvTranspose2dOptions({ inChannels: 4, outChannels: 2, kernelSize: [3, 2] }).kernelSize;
 * //=> [3, 2]
 * ```
 * @category Shapes
 */
export function resolveConvTranspose2dOptions(options: ConvTranspose2dOptions): ResolvedConvTranspose2dOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('ConvTranspose2d: options must be an object');
  const inChannels = checkPositiveInteger('ConvTranspose2d', 'inChannels', options.inChannels);
  const outChannels = checkPositiveInteger('ConvTranspose2d', 'outChannels', options.outChannels);
  const kernelSize = pairOf('kernelSize', options.kernelSize, checkPositiveInteger);
  const stride = pairOf('stride', optionOr(options.stride, 1), checkPositiveInteger);
  const paddingOption = optionOr(options.padding, 0) as unknown;
  if (typeof paddingOption === 'string') {
    throw new TypeError(`ConvTranspose2d: padding must be a number or a pair of numbers, got '${paddingOption}' (ConvTranspose2d has no 'same' or 'valid' padding)`);
  }
  const padding = pairOf('padding', paddingOption, checkNonNegativeInteger);
  const outputPadding = pairOf('outputPadding', optionOr(options.outputPadding, 0), checkNonNegativeInteger);
  const dilation = pairOf('dilation', optionOr(options.dilation, 1), checkPositiveInteger);
  const groups = checkPositiveInteger('ConvTranspose2d', 'groups', optionOr(options.groups, 1));
  if (inChannels % groups !== 0) throw new RangeError(writeConvTranspose2dGroupsMessage('inChannels', inChannels, groups));
  if (outChannels % groups !== 0) throw new RangeError(writeConvTranspose2dGroupsMessage('outChannels', outChannels, groups));
  const fits = (i: 0 | 1): boolean => outputPadding[i] < stride[i] || outputPadding[i] < dilation[i];
  if (!fits(0) || !fits(1)) throw new RangeError(writeOutputPaddingMessage(outputPadding, stride, dilation));
  const mode = optionOr(options.paddingMode as unknown, 'zeros');
  if (mode !== 'zeros') throw new TypeError(writeConvTranspose2dPaddingModeMessage(mode));
  const bias = optionOr(options.bias, true);
  if (typeof bias !== 'boolean') throw new TypeError(`ConvTranspose2d: bias must be a boolean, got ${String(bias)}`);
  return { inChannels, outChannels, kernelSize, stride, padding, outputPadding, dilation, groups, bias };
}

/** `(in − 1)·s − 2·p + d·(k − 1) + op + 1` of a literal size (exact: sizes are safe integers). */
function transposedSize(input: number, kernel: number, stride: number, padding: number, outputPadding: number, dilation: number): number {
  const value = (BigInt(input) - 1n) * BigInt(stride) - 2n * BigInt(padding) + BigInt(dilation) * (BigInt(kernel) - 1n) + BigInt(outputPadding) + 1n;
  return Number(value);
}

/**
 * The output padding an `outputSize` asks for (PyTorch's `_output_padding`), per spatial dim;
 * `undefined` for a dim whose input or request is not a literal size.
 *
 * @throws {TypeError | RangeError} for an `outputSize` that is not a list of non-negative integers.
 * @throws {ShapeError} for a length other than 2 or the input's rank, or a size out of range.
 */
function paddingForOutputSize(
  inputShape: readonly (number | string)[],
  params: ResolvedConvTranspose2dOptions,
  outputSize: readonly (number | string)[],
): [number | undefined, number | undefined, (number | string)[]] {
  if (!Array.isArray(outputSize)) throw new TypeError(`ConvTranspose2d: outputSize must be a list of 2 or ${inputShape.length} sizes, got ${formatOption(outputSize)}`);
  const rank = inputShape.length;
  if (outputSize.length !== 2 && outputSize.length !== rank) throw new ShapeError(writeOutputSizeLengthMessage(rank, outputSize.length));
  const requested = outputSize.slice(-2);
  requested.forEach((size, i) => (typeof size === 'string' ? checkSymbolicDim('ConvTranspose2d', `outputSize[${i}]`, size) : checkNonNegativeInteger('ConvTranspose2d', `outputSize[${i}]`, size)));
  const spatial = inputShape.slice(-2);
  if (spatial.some((dim) => typeof dim !== 'number') || requested.some((dim) => typeof dim !== 'number')) return [undefined, undefined, requested];
  const min = [0, 1].map((i) => transposedSize(spatial[i] as number, params.kernelSize[i]!, params.stride[i]!, params.padding[i]!, 0, params.dilation[i]!));
  const max = min.map((m, i) => m + params.stride[i]! - 1);
  if (requested.some((size, i) => (size as number) < min[i]! || (size as number) > max[i]!)) {
    throw new ShapeError(writeOutputSizeRangeMessage(requested, min, max, spatial));
  }
  return [(requested[0] as number) - min[0]!, (requested[1] as number) - min[1]!, requested];
}

/**
 * Checks an input shape against resolved `nn.ConvTranspose2d` options and returns the output
 * shape, throwing exactly the messages of {@link ConvTranspose2dOutputShape}. Dims may be names
 * and expressions (`'H'` gives `'2*H+1'` and the like); an `outputSize` (2 elements or the input's
 * rank, PyTorch's `output_size`) chooses the output padding.
 *
 * @throws {ShapeError} for a wrong rank, a channel mismatch, an empty height or width in a
 *   non-empty batch, an output below 1 or an `outputSize` out of range;
 *   {@link TypeError}/{@link RangeError} for a dim that is not a non-negative integer.
 * @example
 * ```ts
 * import { convTranspose2dShapeFromResolved, resolveConvTranspose2dOptions } from 'shapecheck';
 * const params = resolveConvTranspose2dOptions({ inChannels: 2, outChannels: 3, kernelSize: 3, stride: 2 });
 * convTranspose2dShapeFromResolved([1, 2, 4, 4], params);
 * //=> [1, 3, 9, 9]
 * convTranspose2dShapeFromResolved(['batch', 2, 'H', 'W'], params);
 * //=> ['batch', 3, '2*H+1', '2*W+1']
 * convTranspose2dShapeFromResolved([1, 2, 4, 4], params, [10, 9]);
 * //=> [1, 3, 10, 9]
 * ```
 * @category Shapes
 */
export function convTranspose2dShapeFromResolved(inputShape: readonly number[], params: ResolvedConvTranspose2dOptions, outputSize?: readonly number[]): number[];
export function convTranspose2dShapeFromResolved(
  inputShape: readonly (number | string)[],
  params: ResolvedConvTranspose2dOptions,
  outputSize?: readonly (number | string)[],
): (number | string)[];
export function convTranspose2dShapeFromResolved(
  inputShape: readonly (number | string)[],
  params: ResolvedConvTranspose2dOptions,
  outputSize?: readonly (number | string)[],
): (number | string)[] {
  if (!Array.isArray(inputShape)) throw new TypeError('ConvTranspose2d: the input shape must be an array of dims');
  if (inputShape.length !== 3 && inputShape.length !== 4) throw new ShapeError(writeConvTranspose2dRankMessage(inputShape));
  const batched = inputShape.length === 4;
  const names = batched ? ['batch', 'channels', 'height', 'width'] : ['channels', 'height', 'width'];
  inputShape.forEach((dim, i) =>
    typeof dim === 'string' ? checkSymbolicDim('ConvTranspose2d', `input ${names[i]}`, dim) : checkNonNegativeInteger('ConvTranspose2d', `input ${names[i]}`, dim),
  );
  const [channels, height, width] = inputShape.slice(batched ? 1 : 0) as [number | string, number | string, number | string];
  const { kernelSize, stride, padding, dilation } = params;
  if (typeof channels === 'number' && channels !== params.inChannels) {
    const weight = [params.inChannels, params.outChannels / params.groups, kernelSize[0], kernelSize[1]];
    throw new ShapeError(writeConvTranspose2dChannelMessage(weight, inputShape, params.inChannels, channels));
  }
  // PyTorch refuses an empty height or width unless the batch is empty (a named batch may be: the
  // data is checked when it arrives)
  if (!batched || (typeof inputShape[0] === 'number' && inputShape[0] !== 0)) {
    if (height === 0) throw new ShapeError(writeConvTranspose2dEmptyInputMessage(inputShape, 'height'));
    if (width === 0) throw new ShapeError(writeConvTranspose2dEmptyInputMessage(inputShape, 'width'));
  }
  let outputPadding: readonly (number | undefined)[] = params.outputPadding;
  let requested: (number | string)[] | undefined;
  if (outputSize !== undefined) {
    const [opH, opW, sizes] = paddingForOutputSize(inputShape, params, outputSize);
    outputPadding = [opH, opW];
    requested = sizes;
  }
  const spatial = ([height, width] as const).map((input, i) => {
    const op = outputPadding[i];
    // an outputSize on a name: the requested size as it is
    if (op === undefined) return requested![i]!;
    const [k, s, p, d] = [kernelSize[i]!, stride[i]!, padding[i]!, dilation[i]!];
    if (typeof input === 'string') return affineOfDim(input, s, d * (k - 1) + op + 1 - s - 2 * p);
    const output = transposedSize(input, k, s, p, op, d);
    if (output < 1) throw new ShapeError(writeConvTranspose2dOutputTooSmallMessage(i === 0 ? 'height' : 'width', output, input, s, p, d, k, op));
    return output;
  });
  return batched ? [inputShape[0]!, params.outChannels, ...spatial] : [params.outChannels, ...spatial];
}

/**
 * The output shape of `nn.ConvTranspose2d` for an input shape, at runtime: the value-level twin
 * of {@link ConvTranspose2dOutputShape}. Literal arguments are inferred, so the result is typed
 * exactly, and a mistake is reported at the `options` argument with the words this throws.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad
 *   options (see {@link resolveConvTranspose2dOptions}).
 * @example
 * ```ts
 * import { convTranspose2dOutputShape } from 'shapecheck';
 * const shape = convTranspose2dOutputShape([1, 16, 7, 7], { inChannels: 16, outChannels: 8, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1 });
 * shape;
 * //=> [1, 8, 14, 14]
 * ```
 * @category Shapes
 */
export function convTranspose2dOutputShape<const InputShape extends readonly (number | string)[], const Options extends ConvTranspose2dOptions>(
  inputShape: InputShape,
  options: ConvTranspose2dOutputShape<InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): ConvTranspose2dOutputShape<InputShape, Options> {
  const params = resolveConvTranspose2dOptions(options as ConvTranspose2dOptions);
  return convTranspose2dShapeFromResolved(inputShape, params) as ConvTranspose2dOutputShape<InputShape, Options>;
}
