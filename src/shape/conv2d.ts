import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { FloorDivideSigned, MultiplySigned, NaturalDigits, SubtractMagnitudes } from '../arithmetic/internal/signed.js';
import type { DivideByDigit } from '../arithmetic/internal/digits.js';
import {
  checkNonNegativeInteger,
  checkPositiveInteger,
  formatOption,
  spatialOutputSize,
  writeOutputTooSmallMessage,
  type NonNegativeIntegerMessage,
  type NonNegativeParam,
  type PositiveParam,
  type SpatialLayerOf,
  type SpatialOutputSize,
} from './conv-output-size.js';
import { formatList, formatValue, type FormatList, type FormatValue } from './format.js';
import { ShapeError } from './shape-error.js';
import { checkSymbolicDim } from './symbolic.js';
import type { Shape } from './shape.js';

/**
 * How `Conv2d` fills the border: `'zeros'` (the default), `'reflect'` (mirror without the edge),
 * `'replicate'` (repeat the edge) or `'circular'` (wrap around), as PyTorch's `padding_mode`.
 *
 * @example
 * ```ts
 * import type { PaddingMode } from 'shapecheck';
 * const mode: PaddingMode = 'reflect';
 * ```
 * @category Shapes
 */
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/**
 * The parameters of `nn.Conv2d`, camelCased. Sizes are a number (both dimensions) or an
 * `[height, width]` pair.
 *
 * @example
 * ```ts
 * import type { Conv2dOptions } from 'shapecheck';
 * const options = { inChannels: 3, outChannels: 64, kernelSize: 7, stride: 2, padding: 3 } as const satisfies Conv2dOptions;
 * ```
 * @category Shapes
 */
export interface Conv2dOptions {
  /** Channels of the input (`C_in`). */
  readonly inChannels: number;
  /** Channels of the output (`C_out`), the number of filters. */
  readonly outChannels: number;
  /** Size of the convolving kernel. */
  readonly kernelSize: number | readonly [number, number];
  /** Stride of the convolution. Default 1. */
  readonly stride?: number | readonly [number, number];
  /**
   * Padding added to all four sides: a number, an `[height, width]` pair, `'valid'` (none) or
   * `'same'` (output size equals input size; stride must be 1; an odd total puts the extra
   * one at the bottom/right). Default 0.
   */
  readonly padding?: number | readonly [number, number] | 'valid' | 'same';
  /** Spacing between kernel elements. Default 1. */
  readonly dilation?: number | readonly [number, number];
  /** Number of blocked connections from input to output channels. Default 1. */
  readonly groups?: number;
  /** Whether the layer adds a learnable bias. Default true. Does not affect shapes. */
  readonly bias?: boolean;
  /** How the padding is filled. Default `'zeros'`. */
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
 * import type { GroupsDivisibilityMessage } from 'shapecheck';
 * type M = GroupsDivisibilityMessage<'inChannels', 6, 4>;
 * //=> 'Conv2d: inChannels must be divisible by groups, got inChannels=6 and groups=4 (in_channels must be divisible by groups)'
 * ```
 * @category Messages
 */
export type GroupsDivisibilityMessage<Param extends string, Value extends string | number, Groups extends string | number, Op extends string = 'Conv2d'> =
  `${Op}: ${Param} must be divisible by groups, got ${Param}=${Value} and groups=${Groups} (${Param extends 'inChannels' ? 'in' : 'out'}_channels must be divisible by groups)`;
/**
 * Runtime twin of {@link GroupsDivisibilityMessage}.
 *
 * @example
 * ```ts
 * import { writeGroupsDivisibilityMessage } from 'shapecheck';
 * writeGroupsDivisibilityMessage('inChannels', 6, 4);
 * //=> 'Conv2d: inChannels must be divisible by groups, got inChannels=6 and groups=4 (in_channels must be divisible by groups)'
 * ```
 * @category Messages
 */
export function writeGroupsDivisibilityMessage(param: string, value: number, groups: number, op = 'Conv2d'): string {
  return `${op}: ${param} must be divisible by groups, got ${param}=${value} and groups=${groups} (${param === 'inChannels' ? 'in' : 'out'}_channels must be divisible by groups)`;
}

/**
 * `padding: 'same'` with a stride other than 1.
 *
 * @example
 * ```ts
 * import type { SameStrideMessage } from 'shapecheck';
 * type M = SameStrideMessage<[1, 2]>;
 * //=> "Conv2d: padding='same' is not supported for strided convolutions, got stride=[1, 2]"
 * ```
 * @category Messages
 */
export type SameStrideMessage<Stride, Op extends string = 'Conv2d'> =
  `${Op}: padding='same' is not supported for strided convolutions, got stride=${FormatValue<Stride>}`;
/**
 * Runtime twin of {@link SameStrideMessage}.
 *
 * @example
 * ```ts
 * import { writeSameStrideMessage } from 'shapecheck';
 * writeSameStrideMessage([1, 2]);
 * //=> "Conv2d: padding='same' is not supported for strided convolutions, got stride=[1, 2]"
 * ```
 * @category Messages
 */
export function writeSameStrideMessage(stride: unknown, op = 'Conv2d'): string {
  return `${op}: padding='same' is not supported for strided convolutions, got stride=${formatValue(stride)}`;
}

/**
 * An input that is neither `[C, H, W]` nor `[N, C, H, W]`.
 *
 * @example
 * ```ts
 * import type { InputRankMessage } from 'shapecheck';
 * type M = InputRankMessage<[3, 8]>;
 * //=> 'Conv2d: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [3, 8]'
 * ```
 * @category Messages
 */
export type InputRankMessage<InputShape extends readonly unknown[]> =
  `Conv2d: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: ${FormatList<InputShape>}`;
/**
 * Runtime twin of {@link InputRankMessage}.
 *
 * @example
 * ```ts
 * import { writeInputRankMessage } from 'shapecheck';
 * writeInputRankMessage([3, 8]);
 * //=> 'Conv2d: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [3, 8]'
 * ```
 * @category Messages
 */
export function writeInputRankMessage(inputShape: readonly unknown[]): string {
  return `Conv2d: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: ${formatList(inputShape)}`;
}

/**
 * Padding too large for `'reflect'` (needs pad < size) or `'circular'` (needs pad ≤ size).
 *
 * @example
 * ```ts
 * import type { PaddingModeLimitMessage } from 'shapecheck';
 * type M = PaddingModeLimitMessage<'circular', 'height', 4, 3>;
 * //=> "Conv2d: paddingMode 'circular' needs padding ≤ input height, got padding 4 and input height 3: Padding value causes wrapping around more than once"
 * ```
 * @category Messages
 */
export type PaddingModeLimitMessage<
  Mode extends 'reflect' | 'circular',
  DimName extends string,
  Pad extends string | number,
  Size extends string | number,
  Op extends string = 'Conv2d',
> = Mode extends 'reflect'
  ? `${Op}: paddingMode 'reflect' needs padding < input ${DimName}, got padding ${Pad} and input ${DimName} ${Size}: Padding size should be less than the corresponding input dimension`
  : `${Op}: paddingMode 'circular' needs padding ≤ input ${DimName}, got padding ${Pad} and input ${DimName} ${Size}: Padding value causes wrapping around more than once`;
/**
 * Runtime twin of {@link PaddingModeLimitMessage}.
 *
 * @example
 * ```ts
 * import { writePaddingModeLimitMessage } from 'shapecheck';
 * writePaddingModeLimitMessage('circular', 'height', 4, 3);
 * //=> "Conv2d: paddingMode 'circular' needs padding ≤ input height, got padding 4 and input height 3: Padding value causes wrapping around more than once"
 * ```
 * @category Messages
 */
export function writePaddingModeLimitMessage(mode: 'reflect' | 'circular', dimName: string, pad: number, size: number, op = 'Conv2d'): string {
  return mode === 'reflect'
    ? `${op}: paddingMode 'reflect' needs padding < input ${dimName}, got padding ${pad} and input ${dimName} ${size}: Padding size should be less than the corresponding input dimension`
    : `${op}: paddingMode 'circular' needs padding ≤ input ${dimName}, got padding ${pad} and input ${dimName} ${size}: Padding value causes wrapping around more than once`;
}

/**
 * A non-empty batch whose height or width is 0, padded along that dim (PyTorch refuses to pad
 * nothing: `Only zero batch or zero channel inputs are supported`).
 *
 * @example
 * ```ts
 * import type { EmptyInputMessage } from 'shapecheck';
 * type M = EmptyInputMessage<[1, 4, 0, 8], 'height'>;
 * //=> 'Conv2d: input height is 0 in a non-empty batch, got input of size [1, 4, 0, 8] (Only zero batch or zero channel inputs are supported)'
 * ```
 * @category Messages
 */
export type EmptyInputMessage<InputShape extends readonly unknown[], DimName extends string, Op extends string = 'Conv2d'> =
  `${Op}: input ${DimName} is 0 in a non-empty batch, got input of size ${FormatList<InputShape>} (Only zero batch or zero channel inputs are supported)`;
/**
 * Runtime twin of {@link EmptyInputMessage}.
 *
 * @example
 * ```ts
 * import { writeEmptyInputMessage } from 'shapecheck';
 * writeEmptyInputMessage([1, 4, 0, 8], 'height');
 * //=> 'Conv2d: input height is 0 in a non-empty batch, got input of size [1, 4, 0, 8] (Only zero batch or zero channel inputs are supported)'
 * ```
 * @category Messages
 */
export function writeEmptyInputMessage(inputShape: readonly unknown[], dimName: string, op = 'Conv2d'): string {
  return `${op}: input ${dimName} is 0 in a non-empty batch, got input of size ${formatList(inputShape)} (Only zero batch or zero channel inputs are supported)`;
}

/**
 * The input's channel count differs from `inChannels` (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { ChannelMismatchMessage } from 'shapecheck';
 * type M = ChannelMismatchMessage<1, [2, 3, 3, 3], [1, 4, 5, 5], 3, 4>;
 * //=> 'Conv2d: Given groups=1, weight of size [2, 3, 3, 3], expected input[1, 4, 5, 5] to have 3 channels, but got 4 channels instead'
 * ```
 * @category Messages
 */
export type ChannelMismatchMessage<
  Groups extends string | number,
  WeightShape extends readonly unknown[],
  InputShape extends readonly unknown[],
  Expected extends string | number,
  Got,
  Op extends string = 'Conv2d',
> = `${Op}: Given groups=${Groups}, weight of size ${FormatList<WeightShape>}, expected input${FormatList<InputShape>} to have ${Expected} channels, but got ${FormatValue<Got>} channels instead`;
/**
 * Runtime twin of {@link ChannelMismatchMessage}.
 *
 * @example
 * ```ts
 * import { writeChannelMismatchMessage } from 'shapecheck';
 * writeChannelMismatchMessage(1, [2, 3, 3, 3], [1, 4, 5, 5], 3, 4);
 * //=> 'Conv2d: Given groups=1, weight of size [2, 3, 3, 3], expected input[1, 4, 5, 5] to have 3 channels, but got 4 channels instead'
 * ```
 * @category Messages
 */
export function writeChannelMismatchMessage(
  groups: number,
  weightShape: readonly number[],
  inputShape: readonly number[],
  expected: number,
  got: number,
  op = 'Conv2d',
): string {
  return `${op}: Given groups=${groups}, weight of size ${formatList(weightShape)}, expected input${formatList(inputShape)} to have ${expected} channels, but got ${got} channels instead`;
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
  ? [PositiveParam<'Conv2d', Param, H>, PositiveParam<'Conv2d', Param, W>]
  : [Value] extends [number]
    ? PositiveParam<'Conv2d', Param, Value> extends infer Digits
      ? [Digits, Digits]
      : never
    : ['wide', 'wide'];

/** The padding option as two validated digit strings, `'same'`, or `'wide'`. */
type PaddingPair<Value> = [Value] extends ['valid']
  ? ['0', '0']
  : [Value] extends ['same']
    ? ['same', 'same']
    : [Value] extends [readonly [infer H, infer W]]
      ? [NonNegativeParam<'Conv2d', 'padding', H>, NonNegativeParam<'Conv2d', 'padding', W>]
      : [Value] extends [number]
        ? NonNegativeParam<'Conv2d', 'padding', Value> extends infer Digits
          ? [Digits, Digits]
          : never
        : ['wide', 'wide'];

/** The first error in a list of validated parameters. */
type FirstError<Params extends readonly unknown[]> = Params extends readonly [infer Head, ...infer Tail]
  ? // never marks a check that passed
    [Head] extends [never]
    ? FirstError<Tail>
    : Head extends ErrorMessage<string>
      ? Head
      : FirstError<Tail>
  : never;

/** `[before, after]` padding for `'same'`: total `d·(k − 1)`, the odd one after (PyTorch). */
export type SamePadding<Kernel extends string, Dilation extends string> = Kernel extends 'wide'
  ? ['wide', 'wide']
  : Dilation extends 'wide'
    ? ['wide', 'wide']
    : (Dilation extends '1' ? SubtractMagnitudes<Kernel, '1'> : MultiplySigned<Dilation, SubtractMagnitudes<Kernel, '1'>>) extends infer Total extends string
      ? DivideByDigit<Total, '2'> extends [infer Half extends string, infer Odd extends string]
        ? [Half, Odd extends '0' ? Half : SubtractMagnitudes<Total, Half>]
        : never
      : never;

/**
 * `nn.Conv2d`'s options validated and resolved at the type level, as digit strings
 * `[inC, outC, kH, kW, sH, sW, dH, dW, groups, padTop, padBottom, padLeft, padRight]` (`'wide'`
 * for a parameter known only as `number`), or the {@link ErrorMessage} of the first invalid
 * option. Shared by the constructor's check and {@link Conv2dOutputShape}.
 */
export type Conv2dParams<Options extends Conv2dOptions> = Conv2dParamsOf<
  Options['inChannels'],
  Options['outChannels'],
  Options['kernelSize'],
  OptionOr<Options, 'stride', 1>,
  OptionOr<Options, 'dilation', 1>,
  OptionOr<Options, 'groups', 1>,
  OptionOr<Options, 'padding', 0>
>;

/**
 * {@link Conv2dParams} on the option values themselves: TypeScript caches an alias by its
 * arguments, and literal values (unlike each layer's own options object type) are the same type
 * for every layer configured alike, so identical layers are resolved once.
 */
type Conv2dParamsOf<InChannels, OutChannels, KernelSize, Stride, Dilation, Groups, Padding> = [
  PositiveParam<'Conv2d', 'inChannels', InChannels>,
  PositiveParam<'Conv2d', 'outChannels', OutChannels>,
  ...PositivePair<'kernelSize', KernelSize>,
  ...PositivePair<'stride', Stride>,
  ...PositivePair<'dilation', Dilation>,
  PositiveParam<'Conv2d', 'groups', Groups>,
  ...PaddingPair<Padding>,
] extends infer Params extends readonly unknown[]
  ? // every parameter valid (the usual case): no search for the first error
    [Params[number]] extends [string]
    ? Params extends [
        infer InC extends string,
        infer OutC extends string,
        infer KH extends string,
        infer KW extends string,
        infer SH extends string,
        infer SW extends string,
        infer DH extends string,
        infer DW extends string,
        infer Groups extends string,
        infer PH extends string,
        infer PW extends string,
      ]
      ? // groups must divide both channel counts
        Groups extends '1' | 'wide'
        ? Conv2dPadding<Stride, InC, OutC, KH, KW, SH, SW, DH, DW, Groups, PH, PW>
        : InC extends 'wide'
          ? Conv2dPadding<Stride, InC, OutC, KH, KW, SH, SW, DH, DW, Groups, PH, PW>
          : FloorDivideSigned<InC, Groups>[1] extends '0'
            ? OutC extends 'wide'
              ? Conv2dPadding<Stride, InC, OutC, KH, KW, SH, SW, DH, DW, Groups, PH, PW>
              : FloorDivideSigned<OutC, Groups>[1] extends '0'
                ? Conv2dPadding<Stride, InC, OutC, KH, KW, SH, SW, DH, DW, Groups, PH, PW>
                : ErrorMessage<GroupsDivisibilityMessage<'outChannels', OutC, Groups>>
            : ErrorMessage<GroupsDivisibilityMessage<'inChannels', InC, Groups>>
      : never
    : FirstError<Params>
  : never;

/** Resolves `'same'` padding (and rejects it with a stride) into per-side pads. */
type Conv2dPadding<
  Stride,
  InC extends string,
  OutC extends string,
  KH extends string,
  KW extends string,
  SH extends string,
  SW extends string,
  DH extends string,
  DW extends string,
  Groups extends string,
  PH extends string,
  PW extends string,
> = PH extends 'same'
  ? SH | SW extends '1' | 'wide'
    ? [InC, OutC, KH, KW, SH, SW, DH, DW, Groups, ...SamePadding<KH, DH>, ...SamePadding<KW, DW>]
    : ErrorMessage<SameStrideMessage<Stride>>
  : [InC, OutC, KH, KW, SH, SW, DH, DW, Groups, PH, PH, PW, PW];

/** A literal dim that is not a non-negative integer, as its error; otherwise `never`. */
type InvalidDim<DimName extends string, Value> = Value extends number
  ? number extends Value
    ? never
    : NaturalDigits<Value> extends string
      ? never
      : ErrorMessage<NonNegativeIntegerMessage<'Conv2d', `input ${DimName}`, Value>>
  : never;

/** The padding-mode limit on one dimension, as its error; otherwise `never`. */
type PaddingModeLimit<Mode, DimName extends string, Size, PadAfter extends string> = Mode extends 'reflect' | 'circular'
  ? PadAfter extends 'wide' | '0'
    ? never
    : Size extends number
      ? number extends Size
        ? never
        : NaturalDigits<Size> extends infer SizeDigits extends string
          ? SubtractMagnitudes<SizeDigits, PadAfter> extends infer Room extends string
            ? Room extends `-${string}` | (Mode extends 'reflect' ? '0' : never)
              ? ErrorMessage<PaddingModeLimitMessage<Mode, DimName, PadAfter, SizeDigits>>
              : never
            : never
          : never
      : never
  : never;

/** One spatial output dim, `number` if any of its parameters is only known as `number`. */
type Conv2dSpatial<
  DimName extends string,
  Input,
  PadBefore extends string,
  PadAfter extends string,
  Kernel extends string,
  Stride extends string,
  Dilation extends string,
> = 'wide' extends PadBefore | PadAfter | Kernel | Stride | Dilation
  ? number
  : SpatialOutputSize<'Conv2d', DimName, Input, SpatialLayerOf<PadBefore, PadAfter, Kernel, Stride, Dilation>>;

/** The output shape for one input shape (not a union) and validated parameters. */
type Conv2dOutputShapeOf<InputShape, OutChannels, Mode, Params> = Params extends [
  infer InC extends string,
  infer OutC extends string,
  infer KH extends string,
  infer KW extends string,
  infer SH extends string,
  infer SW extends string,
  infer DH extends string,
  infer DW extends string,
  infer Groups extends string,
  infer PadTop extends string,
  infer PadBottom extends string,
  infer PadLeft extends string,
  infer PadRight extends string,
]
  ? InputShape extends readonly [infer Batch, infer Channels, infer Height, infer Width]
    ? Conv2dChecked<[Batch], Channels, Height, Width, InputShape, OutChannels, Mode, InC, OutC, KH, KW, SH, SW, DH, DW, Groups, PadTop, PadBottom, PadLeft, PadRight>
    : InputShape extends readonly [infer Channels, infer Height, infer Width]
      ? Conv2dChecked<[], Channels, Height, Width, InputShape, OutChannels, Mode, InC, OutC, KH, KW, SH, SW, DH, DW, Groups, PadTop, PadBottom, PadLeft, PadRight>
      : InputShape extends readonly unknown[]
        ? number extends InputShape['length']
          ? // a shape of unknown rank: nothing to check at compile time
            number[]
          : ErrorMessage<InputRankMessage<InputShape>>
        : never
  : Params;

/** The checks on the input and the output shape, once the rank is known. */
type Conv2dChecked<
  Batch extends unknown[],
  Channels,
  Height,
  Width,
  InputShape extends readonly unknown[],
  OutChannels,
  Mode,
  InC extends string,
  OutC extends string,
  KH extends string,
  KW extends string,
  SH extends string,
  SW extends string,
  DH extends string,
  DW extends string,
  Groups extends string,
  PadTop extends string,
  PadBottom extends string,
  PadLeft extends string,
  PadRight extends string,
> =
  // the checks on the input, in order: the first failing one is reported
  FirstError<
    [
      ...(Batch extends [infer N] ? [InvalidDim<'batch', N>] : []),
      InvalidDim<'channels', Channels>,
      InvalidDim<'height', Height>,
      InvalidDim<'width', Width>,
      PaddingModeLimit<Mode, 'height', Height, PadBottom>,
      PaddingModeLimit<Mode, 'width', Width, PadRight>,
    ]
  > extends infer Failure
    ? [Failure] extends [never]
      ? // the channel count must be inChannels
        Channels extends number
        ? number extends Channels
          ? Conv2dOutput<Batch, OutChannels, Height, Width, KH, KW, SH, SW, DH, DW, PadTop, PadBottom, PadLeft, PadRight, InputShape>
          : InC extends 'wide' | `${Channels}`
            ? Conv2dOutput<Batch, OutChannels, Height, Width, KH, KW, SH, SW, DH, DW, PadTop, PadBottom, PadLeft, PadRight, InputShape>
            : ErrorMessage<
                ChannelMismatchMessage<
                  Groups,
                  [OutC, Groups extends '1' ? InC : FloorDivideSigned<InC, Groups>[0], KH, KW],
                  InputShape,
                  InC,
                  Channels
                >
              >
        : Conv2dOutput<Batch, OutChannels, Height, Width, KH, KW, SH, SW, DH, DW, PadTop, PadBottom, PadLeft, PadRight, InputShape>
      : Failure
    : never;

/**
 * `Output`, or {@link EmptyInputMessage} for a height or width of 0 in a batch known not to be
 * empty (unbatched, or a literal batch other than 0); PyTorch accepts it only in an empty batch.
 */
type EmptyInput<Batch extends unknown[], Height, Width, InputShape extends readonly unknown[], Output> = Batch extends [infer N]
  ? [N] extends [0]
    ? Output
    : N extends number
      ? number extends N
        ? Output
        : EmptySpatial<Height, Width, InputShape, Output>
      : // a named batch may be empty: the runtime checks
        Output
  : EmptySpatial<Height, Width, InputShape, Output>;

/** {@link EmptyInput} once the batch is known not to be empty. */
type EmptySpatial<Height, Width, InputShape extends readonly unknown[], Output> = [Height] extends [0]
  ? ErrorMessage<EmptyInputMessage<InputShape, 'height'>>
  : [Width] extends [0]
    ? ErrorMessage<EmptyInputMessage<InputShape, 'width'>>
    : Output;

/** Assembles `[...batch, outChannels, height, width]`, or the first spatial error. */
type Conv2dOutput<
  Batch extends unknown[],
  OutChannels,
  Height,
  Width,
  KH extends string,
  KW extends string,
  SH extends string,
  SW extends string,
  DH extends string,
  DW extends string,
  PadTop extends string,
  PadBottom extends string,
  PadLeft extends string,
  PadRight extends string,
  InputShape extends readonly unknown[],
> =
  Conv2dSpatial<'height', Height, PadTop, PadBottom, KH, SH, DH> extends infer OutHeight
    ? // an error for any member of a union of heights is the result
      [Extract<OutHeight, ErrorMessage<string>>] extends [never]
      ? Conv2dSpatial<'width', Width, PadLeft, PadRight, KW, SW, DW> extends infer OutWidth
        ? [Extract<OutWidth, ErrorMessage<string>>] extends [never]
          ? // an empty height or width in a non-empty batch (its output came from padding alone)
            EmptyInput<Batch, Height, Width, InputShape, [...Batch, number extends OutChannels ? number : OutChannels, OutHeight, OutWidth]>
          : Extract<OutWidth, ErrorMessage<string>>
        : never
      : Extract<OutHeight, ErrorMessage<string>>
    : never;

/**
 * The output shape of `nn.Conv2d` for an input shape `[N, C, H, W]` or unbatched `[C, H, W]`,
 * computed exactly at compile time.
 *
 * - The batch dim passes through as it is (a literal, `number`, or a name like `'batch'`).
 * - A named spatial dim keeps its name when the layer preserves its size (stride 1 with
 *   `'same'` or exactly compensating padding), and becomes `number` otherwise.
 * - Anything wrong gives an {@link ErrorMessage} whose text is exactly what
 *   {@link conv2dOutputShape} throws: a parameter out of range, groups not dividing the channels,
 *   `'same'` with a stride, a rank other than 3 or 4, padding too large for `'reflect'`/`'circular'`,
 *   a channel count other than `inChannels`, or an empty output (with the formula's values).
 * - Unions of input shapes distribute; a shape of unknown rank (`number[]`) gives `number[]`.
 *
 * @example
 * ```ts
 * import type { Conv2dOutputShape } from 'shapecheck';
 * type A = Conv2dOutputShape<[1, 3, 224, 224], { inChannels: 3; outChannels: 64; kernelSize: 7; stride: 2; padding: 3 }>;
 * //=> [1, 64, 112, 112]
 * type B = Conv2dOutputShape<['batch', 3, 'h', 'w'], { inChannels: 3; outChannels: 8; kernelSize: 3; padding: 'same' }>;
 * //=> ['batch', 8, 'h', 'w']
 * type C = Conv2dOutputShape<[1, 4, 5, 5], { inChannels: 3; outChannels: 2; kernelSize: 3 }>;
 * //=> ErrorMessage<"Conv2d: Given groups=1, weight of size [2, 3, 3, 3], expected input[1, 4, 5, 5] to have 3 channels, but got 4 channels instead">
 * ```
 * @category Shapes
 */
export type Conv2dOutputShape<InputShape extends Shape, Options extends Conv2dOptions> = [InputShape] extends [never]
  ? never
  : Conv2dParams<Options> extends infer Params
    ? InputShape extends unknown
      ? Conv2dOutputShapeOf<InputShape, Options['outChannels'], OptionOr<Options, 'paddingMode', 'zeros'>, Params>
      : never
    : never;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * `nn.Conv2d`'s parameters validated and resolved: pairs everywhere, `'same'`/`'valid'` turned
 * into per-side pads `[top, bottom, left, right]`.
 *
 * @example
 * ```ts
 * import { resolveConv2dOptions } from 'shapecheck';
 * resolveConv2dOptions({ inChannels: 1, outChannels: 1, kernelSize: 4, padding: 'same' }).padding;
 * //=> [1, 2, 1, 2]
 * ```
 * @category Shapes
 */
export interface ResolvedConv2dOptions {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly groups: number;
  /** Per-side padding `[top, bottom, left, right]`. */
  readonly padding: readonly [number, number, number, number];
  readonly paddingMode: PaddingMode;
  readonly bias: boolean;
}

const PADDING_MODES: readonly string[] = ['zeros', 'reflect', 'replicate', 'circular'];

/** PyTorch's parameter names, for its phrases. */
const SNAKE: Readonly<Record<string, string>> = { kernelSize: 'kernel_size', stride: 'stride', padding: 'padding', dilation: 'dilation' };

/** PyTorch's phrase for a size option that is a list of the wrong length. */
function tupleLengthPhrase(param: string): string {
  return `expected ${SNAKE[param] ?? param} to be a single integer value or a list of 2 values to match the convolution dimensions`;
}

/** An optional option: its default when absent (`undefined`); `null` is not absent. */
function optionOr<Value>(value: Value | undefined, fallback: Value): Value {
  return value === undefined ? fallback : value;
}

function positivePair(param: string, value: unknown): [number, number] {
  if (Array.isArray(value)) {
    if (value.length !== 2) {
      throw new TypeError(`Conv2d: ${param} must be a number or a pair of numbers, got ${formatValue(value)} (${tupleLengthPhrase(param)})`);
    }
    return [checkPositiveInteger('Conv2d', param, value[0]), checkPositiveInteger('Conv2d', param, value[1])];
  }
  const size = checkPositiveInteger('Conv2d', param, value);
  return [size, size];
}

/**
 * Validates `nn.Conv2d` options and resolves them (see {@link ResolvedConv2dOptions}), throwing
 * the same messages as the type {@link Conv2dOutputShape}, in the same order.
 *
 * @throws {TypeError} for a non-integer or an unknown string option.
 * @throws {RangeError} for a value out of range, groups not dividing the channels, or `'same'`
 *   with a stride.
 * @example
 * ```ts
 * import { resolveConv2dOptions } from 'shapecheck';
 * resolveConv2dOptions({ inChannels: 3, outChannels: 8, kernelSize: [3, 5], padding: 'same' }).padding;
 * //=> [1, 1, 2, 2]
 * ```
 * @category Shapes
 */
export function resolveConv2dOptions(options: Conv2dOptions): ResolvedConv2dOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('Conv2d: options must be an object');
  const inChannels = checkPositiveInteger('Conv2d', 'inChannels', options.inChannels);
  const outChannels = checkPositiveInteger('Conv2d', 'outChannels', options.outChannels);
  const kernelSize = positivePair('kernelSize', options.kernelSize);
  const stride = positivePair('stride', optionOr(options.stride, 1));
  const dilation = positivePair('dilation', optionOr(options.dilation, 1));
  const groups = checkPositiveInteger('Conv2d', 'groups', optionOr(options.groups, 1));
  const padding = optionOr(options.padding, 0);
  let pad: [number, number] | 'same';
  if (padding === 'valid') pad = [0, 0];
  else if (padding === 'same') pad = 'same';
  else if (typeof padding === 'string') {
    throw new TypeError(`Conv2d: padding must be a number, a pair of numbers, 'valid' or 'same', got '${padding}' (Invalid padding string '${padding}', should be one of {'valid', 'same'})`);
  } else if (Array.isArray(padding)) {
    if (padding.length !== 2) {
      throw new TypeError(`Conv2d: padding must be a number, a pair of numbers, 'valid' or 'same', got ${formatValue(padding)} (${tupleLengthPhrase('padding')})`);
    }
    pad = [checkNonNegativeInteger('Conv2d', 'padding', padding[0]), checkNonNegativeInteger('Conv2d', 'padding', padding[1])];
  } else {
    const p = checkNonNegativeInteger('Conv2d', 'padding', padding);
    pad = [p, p];
  }
  if (inChannels % groups !== 0) throw new RangeError(writeGroupsDivisibilityMessage('inChannels', inChannels, groups));
  if (outChannels % groups !== 0) throw new RangeError(writeGroupsDivisibilityMessage('outChannels', outChannels, groups));
  let resolved: [number, number, number, number];
  if (pad === 'same') {
    if (stride[0] !== 1 || stride[1] !== 1) throw new RangeError(writeSameStrideMessage(options.stride));
    const totalH = dilation[0] * (kernelSize[0] - 1);
    const totalW = dilation[1] * (kernelSize[1] - 1);
    resolved = [Math.floor(totalH / 2), totalH - Math.floor(totalH / 2), Math.floor(totalW / 2), totalW - Math.floor(totalW / 2)];
  } else {
    resolved = [pad[0], pad[0], pad[1], pad[1]];
  }
  const paddingMode = optionOr(options.paddingMode, 'zeros');
  if (!PADDING_MODES.includes(paddingMode)) {
    throw new TypeError(
      `Conv2d: paddingMode must be one of 'zeros', 'reflect', 'replicate', 'circular', but got paddingMode=${formatOption(paddingMode)} (padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'})`,
    );
  }
  const bias = optionOr(options.bias, true);
  if (typeof bias !== 'boolean') throw new TypeError(`Conv2d: bias must be a boolean, got ${String(bias)}`);
  return { inChannels, outChannels, kernelSize, stride, dilation, groups, padding: resolved, paddingMode, bias };
}

/**
 * Checks an input shape against resolved `nn.Conv2d` options and returns the output shape,
 * throwing exactly the messages of {@link Conv2dOutputShape}.
 *
 * @throws {ShapeError} for a wrong rank, padding too large for the mode, a channel mismatch or
 *   an empty output; {@link TypeError}/{@link RangeError} for a dim that is not a non-negative integer.
 * @example
 * ```ts
 * import { conv2dShapeFromResolved, resolveConv2dOptions } from 'shapecheck';
 * conv2dShapeFromResolved([1, 1, 4, 4], resolveConv2dOptions({ inChannels: 1, outChannels: 1, kernelSize: 3 }));
 * //=> [1, 1, 2, 2]
 * ```
 * @category Shapes
 */
export function conv2dShapeFromResolved(inputShape: readonly number[], params: ResolvedConv2dOptions): number[];
export function conv2dShapeFromResolved(inputShape: readonly (number | string)[], params: ResolvedConv2dOptions): (number | string)[];
export function conv2dShapeFromResolved(inputShape: readonly (number | string)[], params: ResolvedConv2dOptions): (number | string)[] {
  if (!Array.isArray(inputShape)) throw new TypeError('Conv2d: the input shape must be an array of dims');
  if (inputShape.length !== 3 && inputShape.length !== 4) throw new ShapeError(writeInputRankMessage(inputShape));
  const batched = inputShape.length === 4;
  const names = batched ? ['batch', 'channels', 'height', 'width'] : ['channels', 'height', 'width'];
  inputShape.forEach((dim, i) => (typeof dim === 'string' ? checkSymbolicDim('Conv2d', `input ${names[i]}`, dim) : checkNonNegativeInteger('Conv2d', `input ${names[i]}`, dim)));
  const [channels, height, width] = inputShape.slice(batched ? 1 : 0) as [number | string, number | string, number | string];
  const [padTop, padBottom, padLeft, padRight] = params.padding;
  const [kh, kw] = params.kernelSize;
  const [sh, sw] = params.stride;
  const [dh, dw] = params.dilation;
  if (typeof height === 'string' || typeof width === 'string' || typeof channels === 'string') {
    // expressions: the exact expressions (a named channel count is checked when data arrives; the
    // sizes' lower bounds are requirements, not checked here)
    if (typeof channels === 'number' && channels !== params.inChannels) {
      throw new ShapeError(writeChannelMismatchMessage(params.groups, [params.outChannels, params.inChannels / params.groups, kh, kw], inputShape, params.inChannels, channels));
    }
    const outHeight = spatialOutputSize(height, padTop, padBottom, kh, sh, dh);
    const outWidth = spatialOutputSize(width, padLeft, padRight, kw, sw, dw);
    for (const [dimName, output, input] of [['height', outHeight, height], ['width', outWidth, width]] as const) {
      if (Array.isArray(output)) throw new ShapeError(writeOutputTooSmallMessage('Conv2d', dimName, output[0], input as number, dimName === 'height' ? padTop : padLeft, dimName === 'height' ? padBottom : padRight, dimName === 'height' ? dh : dw, dimName === 'height' ? kh : kw, dimName === 'height' ? sh : sw));
    }
    const spatial = [outHeight, outWidth] as (number | string)[];
    return batched ? [inputShape[0] as number | string, params.outChannels, ...spatial] : [params.outChannels, ...spatial];
  }
  const mode = params.paddingMode;
  if (mode === 'reflect' || mode === 'circular') {
    const tooBig = (pad: number, size: number): boolean => (mode === 'reflect' ? pad > 0 && pad >= size : pad > size);
    if (tooBig(padBottom, height)) throw new ShapeError(writePaddingModeLimitMessage(mode, 'height', padBottom, height));
    if (tooBig(padRight, width)) throw new ShapeError(writePaddingModeLimitMessage(mode, 'width', padRight, width));
  }
  if (channels !== params.inChannels) {
    const weight = [params.outChannels, params.inChannels / params.groups, kh, kw];
    throw new ShapeError(writeChannelMismatchMessage(params.groups, weight, inputShape, params.inChannels, channels));
  }
  const outHeight = spatialOutputSize(height, padTop, padBottom, kh, sh, dh);
  if (Array.isArray(outHeight)) {
    throw new ShapeError(writeOutputTooSmallMessage('Conv2d', 'height', outHeight[0], height, padTop, padBottom, dh, kh, sh));
  }
  const outWidth = spatialOutputSize(width, padLeft, padRight, kw, sw, dw);
  if (Array.isArray(outWidth)) {
    throw new ShapeError(writeOutputTooSmallMessage('Conv2d', 'width', outWidth[0], width, padLeft, padRight, dw, kw, sw));
  }
  // an output from an empty height or width can only come from padding, which PyTorch refuses
  // unless the batch is empty
  if (!batched || inputShape[0] !== 0) {
    if (height === 0) throw new ShapeError(writeEmptyInputMessage(inputShape, 'height'));
    if (width === 0) throw new ShapeError(writeEmptyInputMessage(inputShape, 'width'));
  }
  return batched ? [inputShape[0] as number, params.outChannels, outHeight, outWidth] : [params.outChannels, outHeight, outWidth];
}

/**
 * The output shape of `nn.Conv2d` for an input shape, at runtime: the value-level twin of
 * {@link Conv2dOutputShape}. Literal arguments are inferred (const type parameters), so the
 * result is typed exactly, and a mistake is reported by the compiler at the `options` argument
 * with the same words this function throws.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad
 *   options (see {@link resolveConv2dOptions}).
 * @example
 * ```ts
 * import { conv2dOutputShape } from 'shapecheck';
 * const shape = conv2dOutputShape([1, 1, 5, 5], { inChannels: 1, outChannels: 1, kernelSize: 4, padding: 2 });
 * shape;
 * //=> [1, 1, 6, 6]
 * ```
 * @category Shapes
 */
export function conv2dOutputShape<const InputShape extends readonly (number | string)[], const Options extends Conv2dOptions>(
  inputShape: InputShape,
  options: Conv2dOutputShape<InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): Conv2dOutputShape<InputShape, Options> {
  const params = resolveConv2dOptions(options as Conv2dOptions);
  return conv2dShapeFromResolved(inputShape, params) as Conv2dOutputShape<InputShape, Options>;
}
