/**
 * The shape rule of `nn.Conv1d` (issue 12): the runtime check and its type twin, one message text
 * each. The layer runs on the 2-D machinery with a height of 1 (src/ops/conv1d.ts); every message
 * here is the 1-D layer's own.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { FloorDivideSigned, NaturalDigits, SubtractMagnitudes } from '../arithmetic/internal/signed.js';
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
import {
  writeChannelMismatchMessage,
  writeEmptyInputMessage,
  writeGroupsDivisibilityMessage,
  writePaddingModeLimitMessage,
  writeSameStrideMessage,
  type ChannelMismatchMessage,
  type EmptyInputMessage,
  type GroupsDivisibilityMessage,
  type PaddingMode,
  type PaddingModeLimitMessage,
  type ResolvedConv2dOptions,
  type SameStrideMessage,
  type SamePadding,
} from './conv2d.js';
import { formatList, formatValue, type FormatList } from './format.js';
import { ShapeError } from './shape-error.js';
import { checkSymbolicDim } from './symbolic.js';
import type { Shape } from './shape.js';

/**
 * The parameters of `nn.Conv1d`, camelCased. A size is a number or a list of one number.
 *
 * @example
 * ```ts
 * import type { Conv1dOptions } from 'shapecheck';
 * const options = { inChannels: 16, outChannels: 32, kernelSize: 5, stride: 2, padding: 2 } as const satisfies Conv1dOptions;
 * ```
 * @category Shapes
 */
export interface Conv1dOptions {
  /** Channels of the input (`C_in`). */
  readonly inChannels: number;
  /** Channels of the output (`C_out`), the number of filters. */
  readonly outChannels: number;
  /** Size of the convolving kernel. */
  readonly kernelSize: number | readonly [number];
  /** Stride of the convolution. Default 1. */
  readonly stride?: number | readonly [number];
  /**
   * Padding added to both ends: a number, `'valid'` (none) or `'same'` (output length equals
   * input length; stride must be 1; an odd total puts the extra one at the end). Default 0.
   */
  readonly padding?: number | readonly [number] | 'valid' | 'same';
  /** Spacing between kernel elements. Default 1. */
  readonly dilation?: number | readonly [number];
  /** Number of blocked connections from input to output channels. Default 1. */
  readonly groups?: number;
  /** Whether the layer adds a learnable bias. Default true. */
  readonly bias?: boolean;
  /** How the padding is filled. Default `'zeros'`. */
  readonly paddingMode?: PaddingMode;
}

/**
 * An input that is neither `[C, L]` nor `[N, C, L]` (PyTorch's words for `conv1d`).
 *
 * @example
 * ```ts
 * import type { Conv1dInputRankMessage } from 'shapecheck';
 * type M = Conv1dInputRankMessage<[1, 3, 5, 5]>;
 * //=> 'Conv1d: Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [1, 3, 5, 5]'
 * ```
 * @category Messages
 */
export type Conv1dInputRankMessage<InputShape extends readonly unknown[]> =
  `Conv1d: Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: ${FormatList<InputShape>}`;
/**
 * Runtime twin of {@link Conv1dInputRankMessage}.
 *
 * @example
 * ```ts
 * import { writeConv1dInputRankMessage } from 'shapecheck';
 * writeConv1dInputRankMessage([5]);
 * //=> 'Conv1d: Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [5]'
 * ```
 * @category Messages
 */
export function writeConv1dInputRankMessage(inputShape: readonly unknown[]): string {
  return `Conv1d: Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: ${formatList(inputShape)}`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/** An optional option's value, or its default when absent. */
type OptionOr<Options, Key extends string, Default> = Options extends { readonly [K in Key]?: infer Value }
  ? [Value] extends [undefined]
    ? Default
    : Exclude<Value, undefined>
  : Default;

/** A size given as a list of one: its element. */
type Single<Value> = [Value] extends [readonly [infer X]] ? X : Value;

/** The padding option as validated digits, `'same'`, or `'wide'`. */
type PaddingParam<Value> = [Value] extends ['valid']
  ? '0'
  : [Value] extends ['same']
    ? 'same'
    : [Single<Value>] extends [number]
      ? NonNegativeParam<'Conv1d', 'padding', Single<Value>>
      : 'wide';

/** The first error in a list of validated parameters. */
type FirstError<Params extends readonly unknown[]> = Params extends readonly [infer Head, ...infer Tail]
  ? [Head] extends [never]
    ? FirstError<Tail>
    : Head extends ErrorMessage<string>
      ? Head
      : FirstError<Tail>
  : never;

/**
 * `nn.Conv1d`'s options validated and resolved at the type level, as digit strings
 * `[inC, outC, k, s, d, groups, padBefore, padAfter]` (`'wide'` for a parameter known only as
 * `number`), or the {@link ErrorMessage} of the first invalid option.
 *
 * @example
 * ```ts
 * import type { Conv1dParams } from 'shapecheck';
 * type A = Conv1dParams<{ inChannels: 4; outChannels: 8; kernelSize: 4; padding: 'same' }>;
 * //=> ['4', '8', '4', '1', '1', '1', '1', '2']
 * ```
 * @category Shapes
 */
export type Conv1dParams<Options extends Conv1dOptions> = Conv1dParamsOf<
  Options['inChannels'],
  Options['outChannels'],
  Single<Options['kernelSize']>,
  Single<OptionOr<Options, 'stride', 1>>,
  Single<OptionOr<Options, 'dilation', 1>>,
  OptionOr<Options, 'groups', 1>,
  OptionOr<Options, 'padding', 0>
>;

/** {@link Conv1dParams} on the option values themselves (cached alike for layers configured alike). */
type Conv1dParamsOf<InChannels, OutChannels, KernelSize, Stride, Dilation, Groups, Padding> = [
  PositiveParam<'Conv1d', 'inChannels', InChannels>,
  PositiveParam<'Conv1d', 'outChannels', OutChannels>,
  PositiveParam<'Conv1d', 'kernelSize', KernelSize>,
  PositiveParam<'Conv1d', 'stride', Stride>,
  PositiveParam<'Conv1d', 'dilation', Dilation>,
  PositiveParam<'Conv1d', 'groups', Groups>,
  PaddingParam<Padding>,
] extends infer Params extends readonly unknown[]
  ? [Params[number]] extends [string]
    ? Params extends [
        infer InC extends string,
        infer OutC extends string,
        infer K extends string,
        infer S extends string,
        infer D extends string,
        infer G extends string,
        infer P extends string,
      ]
      ? G extends '1' | 'wide'
        ? Conv1dPadding<Stride, InC, OutC, K, S, D, G, P>
        : InC extends 'wide'
          ? Conv1dPadding<Stride, InC, OutC, K, S, D, G, P>
          : FloorDivideSigned<InC, G>[1] extends '0'
            ? OutC extends 'wide'
              ? Conv1dPadding<Stride, InC, OutC, K, S, D, G, P>
              : FloorDivideSigned<OutC, G>[1] extends '0'
                ? Conv1dPadding<Stride, InC, OutC, K, S, D, G, P>
                : ErrorMessage<GroupsDivisibilityMessage<'outChannels', OutC, G, 'Conv1d'>>
            : ErrorMessage<GroupsDivisibilityMessage<'inChannels', InC, G, 'Conv1d'>>
      : never
    : FirstError<Params>
  : never;

/** Resolves `'same'` padding (and rejects it with a stride) into the two pads. */
type Conv1dPadding<Stride, InC extends string, OutC extends string, K extends string, S extends string, D extends string, G extends string, P extends string> =
  P extends 'same'
    ? S extends '1' | 'wide'
      ? [InC, OutC, K, S, D, G, ...SamePadding<K, D>]
      : ErrorMessage<SameStrideMessage<Single<Stride>, 'Conv1d'>>
    : [InC, OutC, K, S, D, G, P, P];

/** A literal dim that is not a non-negative integer, as its error; otherwise `never`. */
type InvalidDim<DimName extends string, Value> = Value extends number
  ? number extends Value
    ? never
    : NaturalDigits<Value> extends string
      ? never
      : ErrorMessage<NonNegativeIntegerMessage<'Conv1d', `input ${DimName}`, Value>>
  : never;

/** The padding-mode limit on the length, as its error; otherwise `never`. */
type PaddingModeLimit<Mode, Size, PadAfter extends string> = Mode extends 'reflect' | 'circular'
  ? PadAfter extends 'wide' | '0'
    ? never
    : Size extends number
      ? number extends Size
        ? never
        : NaturalDigits<Size> extends infer SizeDigits extends string
          ? SubtractMagnitudes<SizeDigits, PadAfter> extends infer Room extends string
            ? Room extends `-${string}` | (Mode extends 'reflect' ? '0' : never)
              ? ErrorMessage<PaddingModeLimitMessage<Mode, 'length', PadAfter, SizeDigits, 'Conv1d'>>
              : never
            : never
          : never
      : never
  : never;

/** The output shape for one input shape (not a union) and validated parameters. */
type Conv1dOutputShapeOf<InputShape, OutChannels, Mode, Params> = Params extends [
  infer InC extends string,
  infer OutC extends string,
  infer K extends string,
  infer S extends string,
  infer D extends string,
  infer G extends string,
  infer PB extends string,
  infer PA extends string,
]
  ? InputShape extends readonly [infer Batch, infer Channels, infer Length]
    ? Conv1dChecked<[Batch], Channels, Length, InputShape, OutChannels, Mode, InC, OutC, K, S, D, G, PB, PA>
    : InputShape extends readonly [infer Channels, infer Length]
      ? Conv1dChecked<[], Channels, Length, InputShape, OutChannels, Mode, InC, OutC, K, S, D, G, PB, PA>
      : InputShape extends readonly unknown[]
        ? number extends InputShape['length']
          ? number[]
          : ErrorMessage<Conv1dInputRankMessage<InputShape>>
        : never
  : Params;

/** The checks on the input and the output shape, once the rank is known. */
type Conv1dChecked<
  Batch extends unknown[],
  Channels,
  Length,
  InputShape extends readonly unknown[],
  OutChannels,
  Mode,
  InC extends string,
  OutC extends string,
  K extends string,
  S extends string,
  D extends string,
  G extends string,
  PB extends string,
  PA extends string,
> =
  FirstError<
    [
      ...(Batch extends [infer N] ? [InvalidDim<'batch', N>] : []),
      InvalidDim<'channels', Channels>,
      InvalidDim<'length', Length>,
      PaddingModeLimit<Mode, Length, PA>,
    ]
  > extends infer Failure
    ? [Failure] extends [never]
      ? Channels extends number
        ? number extends Channels
          ? Conv1dOutput<Batch, OutChannels, Length, K, S, D, PB, PA, InputShape>
          : InC extends 'wide' | `${Channels}`
            ? Conv1dOutput<Batch, OutChannels, Length, K, S, D, PB, PA, InputShape>
            : ErrorMessage<ChannelMismatchMessage<G, [OutC, G extends '1' ? InC : FloorDivideSigned<InC, G>[0], K], InputShape, InC, Channels, 'Conv1d'>>
        : Conv1dOutput<Batch, OutChannels, Length, K, S, D, PB, PA, InputShape>
      : Failure
    : never;

/** `[...batch, outChannels, length]`, or the length's error. */
type Conv1dOutput<Batch extends unknown[], OutChannels, Length, K extends string, S extends string, D extends string, PB extends string, PA extends string, InputShape extends readonly unknown[]> =
  ('wide' extends PB | PA | K | S | D ? number : SpatialOutputSize<'Conv1d', 'length', Length, SpatialLayerOf<PB, PA, K, S, D>>) extends infer Out
    ? [Extract<Out, ErrorMessage<string>>] extends [never]
      ? EmptyLength<Batch, Length, InputShape, [...Batch, number extends OutChannels ? number : OutChannels, Out]>
      : Extract<Out, ErrorMessage<string>>
    : never;

/** `Output`, or the empty-input error for a length of 0 in a batch known not to be empty. */
type EmptyLength<Batch extends unknown[], Length, InputShape extends readonly unknown[], Output> = [Length] extends [0]
  ? Batch extends [infer N]
    ? [N] extends [0]
      ? Output
      : N extends number
        ? number extends N
          ? Output
          : ErrorMessage<EmptyInputMessage<InputShape, 'length', 'Conv1d'>>
        : Output
    : ErrorMessage<EmptyInputMessage<InputShape, 'length', 'Conv1d'>>
  : Output;

/**
 * The output shape of `nn.Conv1d` for an input shape `[N, C, L]` or unbatched `[C, L]`, computed
 * exactly at compile time: `L_out = floor((L + 2·p − d·(k − 1) − 1) / s) + 1` on literal sizes,
 * the exact expression on a named length (`'(L+1)//2'`), or an {@link ErrorMessage} with exactly
 * the words {@link conv1dOutputShape} throws.
 *
 * @example
 * ```ts
 * import type { Conv1dOutputShape } from 'shapecheck';
 * type A = Conv1dOutputShape<[8, 16, 100], { inChannels: 16; outChannels: 32; kernelSize: 5; stride: 2; padding: 2 }>;
 * //=> [8, 32, 50]
 * type B = Conv1dOutputShape<['batch', 4, 'L'], { inChannels: 4; outChannels: 8; kernelSize: 3; stride: 2; padding: 1 }>;
 * //=> ['batch', 8, '(L+1)//2']
 * type C = Conv1dOutputShape<[1, 4, 5], { inChannels: 3; outChannels: 2; kernelSize: 3 }>;
 * //=> ErrorMessage<'Conv1d: Given groups=1, weight of size [2, 3, 3], expected input[1, 4, 5] to have 3 channels, but got 4 channels instead'>
 * ```
 * @category Shapes
 */
export type Conv1dOutputShape<InputShape extends Shape, Options extends Conv1dOptions> = [InputShape] extends [never]
  ? never
  : Conv1dParams<Options> extends infer Params
    ? InputShape extends unknown
      ? Conv1dOutputShapeOf<InputShape, Options['outChannels'], OptionOr<Options, 'paddingMode', 'zeros'>, Params>
      : never
    : never;

// ---------------------------------------------------------------------------------------------
// Runtime.

const PADDING_MODES: readonly string[] = ['zeros', 'reflect', 'replicate', 'circular'];
const SNAKE: Readonly<Record<string, string>> = { kernelSize: 'kernel_size', stride: 'stride', padding: 'padding', dilation: 'dilation' };

/** A size option: a number or a list of one number. */
function single(param: string, value: unknown, check: (op: string, param: string, value: unknown) => number): number {
  if (Array.isArray(value)) {
    if (value.length !== 1) {
      throw new TypeError(
        `Conv1d: ${param} must be a number or a list of one number, got ${formatValue(value)} (expected ${SNAKE[param] ?? param} to be a single integer value or a list of 1 values to match the convolution dimensions)`,
      );
    }
    return check('Conv1d', param, value[0]);
  }
  return check('Conv1d', param, value);
}

function optionOr<Value>(value: Value | undefined, fallback: Value): Value {
  return value === undefined ? fallback : value;
}

/**
 * Validates `nn.Conv1d` options and resolves them as the 2-D machinery runs them: a height of 1
 * (kernel `[1, k]`, stride `[1, s]`, padding `[0, 0, before, after]`). Throws the messages of
 * {@link Conv1dOutputShape}, in the same order.
 *
 * @throws {TypeError} for a non-integer or an unknown string option.
 * @throws {RangeError} for a value out of range, groups not dividing the channels, or `'same'` with a stride.
 * @example
 * ```ts
 * import { resolveConv1dOptions } from 'shapecheck';
 * resolveConv1dOptions({ inChannels: 3, outChannels: 8, kernelSize: 4, padding: 'same' }).padding;
 * //=> [0, 0, 1, 2]
 * ```
 * @category Shapes
 */
export function resolveConv1dOptions(options: Conv1dOptions): ResolvedConv2dOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('Conv1d: options must be an object');
  const inChannels = checkPositiveInteger('Conv1d', 'inChannels', options.inChannels);
  const outChannels = checkPositiveInteger('Conv1d', 'outChannels', options.outChannels);
  const kernel = single('kernelSize', options.kernelSize, checkPositiveInteger);
  const stride = single('stride', optionOr(options.stride, 1), checkPositiveInteger);
  const dilation = single('dilation', optionOr(options.dilation, 1), checkPositiveInteger);
  const groups = checkPositiveInteger('Conv1d', 'groups', optionOr(options.groups, 1));
  const padding = optionOr(options.padding, 0);
  let pad: number | 'same';
  if (padding === 'valid') pad = 0;
  else if (padding === 'same') pad = 'same';
  else if (typeof padding === 'string') {
    throw new TypeError(`Conv1d: padding must be a number, 'valid' or 'same', got '${padding}' (Invalid padding string '${padding}', should be one of {'valid', 'same'})`);
  } else pad = single('padding', padding, checkNonNegativeInteger);
  if (inChannels % groups !== 0) throw new RangeError(writeGroupsDivisibilityMessage('inChannels', inChannels, groups, 'Conv1d'));
  if (outChannels % groups !== 0) throw new RangeError(writeGroupsDivisibilityMessage('outChannels', outChannels, groups, 'Conv1d'));
  let before: number;
  let after: number;
  if (pad === 'same') {
    if (stride !== 1) throw new RangeError(writeSameStrideMessage(Array.isArray(options.stride) ? options.stride[0] : options.stride, 'Conv1d'));
    const total = dilation * (kernel - 1);
    before = Math.floor(total / 2);
    after = total - before;
  } else {
    before = pad;
    after = pad;
  }
  const paddingMode = optionOr(options.paddingMode, 'zeros');
  if (!PADDING_MODES.includes(paddingMode)) {
    throw new TypeError(
      `Conv1d: paddingMode must be one of 'zeros', 'reflect', 'replicate', 'circular', but got paddingMode=${formatOption(paddingMode)} (padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'})`,
    );
  }
  const bias = optionOr(options.bias, true);
  if (typeof bias !== 'boolean') throw new TypeError(`Conv1d: bias must be a boolean, got ${String(bias)}`);
  return {
    inChannels,
    outChannels,
    kernelSize: [1, kernel],
    stride: [1, stride],
    dilation: [1, dilation],
    groups,
    padding: [0, 0, before, after],
    paddingMode,
    bias,
  };
}

/**
 * Checks an input shape `[N, C, L]` or `[C, L]` against resolved `nn.Conv1d` options (from
 * {@link resolveConv1dOptions}) and returns the output shape, throwing exactly the messages of
 * {@link Conv1dOutputShape}; named lengths give the exact expression.
 *
 * @throws {ShapeError} for a wrong rank, padding too large for the mode, a channel mismatch or an empty output.
 * @example
 * ```ts
 * import { conv1dShapeFromResolved, resolveConv1dOptions } from 'shapecheck';
 * conv1dShapeFromResolved(['N', 4, 'L'], resolveConv1dOptions({ inChannels: 4, outChannels: 2, kernelSize: 3, stride: 2, padding: 1 }));
 * //=> ['N', 2, '(L+1)//2']
 * ```
 * @category Shapes
 */
export function conv1dShapeFromResolved(inputShape: readonly number[], params: ResolvedConv2dOptions): number[];
export function conv1dShapeFromResolved(inputShape: readonly (number | string)[], params: ResolvedConv2dOptions): (number | string)[];
export function conv1dShapeFromResolved(inputShape: readonly (number | string)[], params: ResolvedConv2dOptions): (number | string)[] {
  if (!Array.isArray(inputShape)) throw new TypeError('Conv1d: the input shape must be an array of dims');
  if (inputShape.length !== 2 && inputShape.length !== 3) throw new ShapeError(writeConv1dInputRankMessage(inputShape));
  const batched = inputShape.length === 3;
  const names = batched ? ['batch', 'channels', 'length'] : ['channels', 'length'];
  inputShape.forEach((dim, i) =>
    typeof dim === 'string' ? checkSymbolicDim('Conv1d', `input ${names[i]}`, dim) : checkNonNegativeInteger('Conv1d', `input ${names[i]}`, dim),
  );
  const [channels, length] = inputShape.slice(batched ? 1 : 0) as [number | string, number | string];
  const before = params.padding[2];
  const after = params.padding[3];
  const k = params.kernelSize[1];
  const s = params.stride[1];
  const d = params.dilation[1];
  const weight = [params.outChannels, params.inChannels / params.groups, k];
  const mode = params.paddingMode;
  if (typeof length === 'number' && (mode === 'reflect' || mode === 'circular')) {
    if (mode === 'reflect' ? after > 0 && after >= length : after > length) throw new ShapeError(writePaddingModeLimitMessage(mode, 'length', after, length, 'Conv1d'));
  }
  if (typeof channels === 'number' && channels !== params.inChannels) {
    throw new ShapeError(writeChannelMismatchMessage(params.groups, weight, inputShape as readonly number[], params.inChannels, channels, 'Conv1d'));
  }
  const out = spatialOutputSize(length, before, after, k, s, d);
  if (Array.isArray(out)) throw new ShapeError(writeOutputTooSmallMessage('Conv1d', 'length', out[0], length as number, before, after, d, k, s));
  if (length === 0 && (!batched || (inputShape[0] !== 0 && typeof inputShape[0] !== 'string'))) {
    throw new ShapeError(writeEmptyInputMessage(inputShape, 'length', 'Conv1d'));
  }
  return batched ? [inputShape[0] as number | string, params.outChannels, out] : [params.outChannels, out];
}

/**
 * The output shape of `nn.Conv1d` for an input shape, at runtime: the twin of
 * {@link Conv1dOutputShape}; a mistake is reported by the compiler at `options`.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { conv1dOutputShape } from 'shapecheck';
 * conv1dOutputShape([2, 4, 10], { inChannels: 4, outChannels: 6, kernelSize: 3, dilation: 2, groups: 2 });
 * //=> [2, 6, 6]
 * ```
 * @category Shapes
 */
export function conv1dOutputShape<const InputShape extends readonly (number | string)[], const Options extends Conv1dOptions>(
  inputShape: InputShape,
  options: Conv1dOutputShape<InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): Conv1dOutputShape<InputShape, Options> {
  return conv1dShapeFromResolved(inputShape, resolveConv1dOptions(options as Conv1dOptions)) as Conv1dOutputShape<InputShape, Options>;
}
