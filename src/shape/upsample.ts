/**
 * Shape rules of `nn.Upsample` / `F.interpolate` (modes `nearest`, `nearest-exact`, `bilinear`)
 * and `nn.PixelShuffle` / `nn.PixelUnshuffle` (PyTorch 1.13), as types and as runtime functions
 * sharing one message text.
 *
 * **Output sizes.** With `size` the output is that size. With `scaleFactor` it is
 * `floor(in · scale)` computed in double precision, as PyTorch's `compute_output_size` (and, with
 * `recomputeScaleFactor`, `F.interpolate`'s `math.floor(float(in) * scale)`, the same number).
 * The types compute it exactly when the scale factor is a binary fraction written in decimal
 * (`2`, `0.5`, `1.5`, `0.25`, `1.25`: then `in · scale` is exact in a double and equals the
 * decimal product): `floor(in · p / 2^k)` with the digit arithmetic. Any other scale (`0.1`,
 * `1.1`, `2.3`) is not a binary fraction, the double product is rounded (`100 · 0.29` is
 * `28.999999999999996`, so PyTorch gives 28 where the decimal product gives 29), and the types,
 * which compute on decimal digits, give `number` rather than a size that could be wrong. On
 * names the same rule gives expressions: scale 2 on `H` is `2*H`, 1.5 is `(3*H)//2`, and an
 * inexact scale is `number`.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { FloorDivideSigned, IsWide, MultiplySigned, NaturalDigits } from '../arithmetic/internal/signed.js';
import { checkNonNegativeInteger, type NonNegativeIntegerMessage } from './conv-output-size.js';
import { formatList, formatValue, type FormatList, type FormatValue } from './format.js';
import { requireEqual } from './requirements.js';
import { ShapeError } from './shape-error.js';
import type { Dim, Shape } from './shape.js';
import { checkSymbolicDim, compareDims, constant, dimSum, floorDivide, multiply, sumDim } from './symbolic.js';
import type { ComparePolys, DimPoly, FloorOfDim, PolyDim, ProductOfDims } from './symbolic-types.js';

/**
 * The interpolation modes implemented: PyTorch's `nearest` (the source index `floor(i · in/out)`),
 * `nearest-exact` (`floor((i + 0.5) · in/out)`, Pillow's and scikit-image's) and `bilinear`.
 *
 * @example
 * ```ts
 * import type { UpsampleMode } from 'shapecheck';
 * const mode: UpsampleMode = 'bilinear';
 * mode;
 * //=> 'bilinear'
 * ```
 * @category Shapes
 */
export type UpsampleMode = 'nearest' | 'nearest-exact' | 'bilinear';

/**
 * The parameters of `nn.Upsample` and `F.interpolate`, camelCased: exactly one of `size` and
 * `scaleFactor`, each a number (both spatial dims) or an `[height, width]` pair.
 *
 * @example
 * ```ts
 * import type { UpsampleOptions } from 'shapecheck';
 * const options = { scaleFactor: 2, mode: 'bilinear', alignCorners: false } as const satisfies UpsampleOptions;
 * ```
 * @category Shapes
 */
export interface UpsampleOptions {
  /** The output's spatial size (positive integers). */
  readonly size?: number | readonly [number, number];
  /** The multiplier of the spatial size (positive numbers): the output is `floor(in · scaleFactor)`. */
  readonly scaleFactor?: number | readonly [number, number];
  /** The interpolation. Default `'nearest'`. */
  readonly mode?: UpsampleMode;
  /** `bilinear` only: align the corner pixels' centres (PyTorch's `align_corners`). Default false. */
  readonly alignCorners?: boolean;
  /**
   * With `scaleFactor`: interpolate with the ratio of the computed sizes instead of the scale
   * factor (the output size is the same). Default false.
   */
  readonly recomputeScaleFactor?: boolean;
}

/**
 * The parameters of `nn.PixelShuffle`.
 *
 * @example
 * ```ts
 * import type { PixelShuffleOptions } from 'shapecheck';
 * const options = { upscaleFactor: 2 } as const satisfies PixelShuffleOptions;
 * ```
 * @category Shapes
 */
export interface PixelShuffleOptions {
  /** The factor `r`: `[*, C·r², H, W]` becomes `[*, C, H·r, W·r]`. */
  readonly upscaleFactor: number;
}

/**
 * The parameters of `nn.PixelUnshuffle`.
 *
 * @example
 * ```ts
 * import type { PixelUnshuffleOptions } from 'shapecheck';
 * const options = { downscaleFactor: 2 } as const satisfies PixelUnshuffleOptions;
 * ```
 * @category Shapes
 */
export interface PixelUnshuffleOptions {
  /** The factor `r`: `[*, C, H·r, W·r]` becomes `[*, C·r², H, W]`. */
  readonly downscaleFactor: number;
}

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/**
 * `alignCorners` given with a nearest mode (PyTorch's words at the end).
 *
 * @example
 * ```ts
 * import type { UpsampleAlignCornersMessage } from 'shapecheck';
 * type M = UpsampleAlignCornersMessage<'Upsample', 'nearest'>;
 * //=> "Upsample: alignCorners is only for mode 'bilinear', got mode 'nearest': align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear"
 * ```
 * @category Messages
 */
export type UpsampleAlignCornersMessage<Op extends string, Mode extends string> =
  `${Op}: alignCorners is only for mode 'bilinear', got mode '${Mode}': align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear`;
/**
 * Runtime twin of {@link UpsampleAlignCornersMessage}.
 *
 * @example
 * ```ts
 * import { writeUpsampleAlignCornersMessage } from 'shapecheck';
 * writeUpsampleAlignCornersMessage('Upsample', 'nearest-exact').split(': ')[1];
 * //=> "alignCorners is only for mode 'bilinear', got mode 'nearest-exact'"
 * ```
 * @category Messages
 */
export function writeUpsampleAlignCornersMessage(op: string, mode: string): string {
  return `${op}: alignCorners is only for mode 'bilinear', got mode '${mode}': align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear`;
}

/**
 * Both `size` and `scaleFactor` given (PyTorch's words at the end).
 *
 * @example
 * ```ts
 * import type { UpsampleSizeAndScaleMessage } from 'shapecheck';
 * type M = UpsampleSizeAndScaleMessage<'Upsample'>;
 * //=> 'Upsample: give size or scaleFactor, not both: only one of size or scale_factor should be defined'
 * ```
 * @category Messages
 */
export type UpsampleSizeAndScaleMessage<Op extends string> = `${Op}: give size or scaleFactor, not both: only one of size or scale_factor should be defined`;
/**
 * Runtime twin of {@link UpsampleSizeAndScaleMessage}.
 *
 * @example
 * ```ts
 * import { writeUpsampleSizeAndScaleMessage } from 'shapecheck';
 * writeUpsampleSizeAndScaleMessage('interpolate');
 * //=> 'interpolate: give size or scaleFactor, not both: only one of size or scale_factor should be defined'
 * ```
 * @category Messages
 */
export function writeUpsampleSizeAndScaleMessage(op: string): string {
  return `${op}: give size or scaleFactor, not both: only one of size or scale_factor should be defined`;
}

/**
 * Neither `size` nor `scaleFactor` given (PyTorch's words at the end).
 *
 * @example
 * ```ts
 * import type { UpsampleNoSizeMessage } from 'shapecheck';
 * type M = UpsampleNoSizeMessage<'Upsample'>;
 * //=> 'Upsample: give size or scaleFactor: either size or scale_factor should be defined'
 * ```
 * @category Messages
 */
export type UpsampleNoSizeMessage<Op extends string> = `${Op}: give size or scaleFactor: either size or scale_factor should be defined`;
/**
 * Runtime twin of {@link UpsampleNoSizeMessage}.
 *
 * @example
 * ```ts
 * import { writeUpsampleNoSizeMessage } from 'shapecheck';
 * writeUpsampleNoSizeMessage('Upsample');
 * //=> 'Upsample: give size or scaleFactor: either size or scale_factor should be defined'
 * ```
 * @category Messages
 */
export function writeUpsampleNoSizeMessage(op: string): string {
  return `${op}: give size or scaleFactor: either size or scale_factor should be defined`;
}

/**
 * `recomputeScaleFactor: true` with `size` (PyTorch's words at the end).
 *
 * @example
 * ```ts
 * import type { UpsampleRecomputeMessage } from 'shapecheck';
 * type M = UpsampleRecomputeMessage<'Upsample'>;
 * //=> 'Upsample: recomputeScaleFactor is for scaleFactor, not size: recompute_scale_factor is not meaningful with an explicit size.'
 * ```
 * @category Messages
 */
export type UpsampleRecomputeMessage<Op extends string> =
  `${Op}: recomputeScaleFactor is for scaleFactor, not size: recompute_scale_factor is not meaningful with an explicit size.`;
/**
 * Runtime twin of {@link UpsampleRecomputeMessage}.
 *
 * @example
 * ```ts
 * import { writeUpsampleRecomputeMessage } from 'shapecheck';
 * writeUpsampleRecomputeMessage('Upsample');
 * //=> 'Upsample: recomputeScaleFactor is for scaleFactor, not size: recompute_scale_factor is not meaningful with an explicit size.'
 * ```
 * @category Messages
 */
export function writeUpsampleRecomputeMessage(op: string): string {
  return `${op}: recomputeScaleFactor is for scaleFactor, not size: recompute_scale_factor is not meaningful with an explicit size.`;
}

/**
 * A `size` that is not a positive integer (PyTorch's check of the output sizes in brackets).
 *
 * @example
 * ```ts
 * import type { UpsampleSizeMessage } from 'shapecheck';
 * type M = UpsampleSizeMessage<'Upsample', 0>;
 * //=> 'Upsample: size must be a positive integer, got 0 (Input and output sizes should be greater than 0)'
 * ```
 * @category Messages
 */
export type UpsampleSizeMessage<Op extends string, Value> =
  `${Op}: size must be a positive integer, got ${FormatValue<Value>} (Input and output sizes should be greater than 0)`;
/**
 * Runtime twin of {@link UpsampleSizeMessage}.
 *
 * @example
 * ```ts
 * import { writeUpsampleSizeMessage } from 'shapecheck';
 * writeUpsampleSizeMessage('Upsample', 2.5);
 * //=> 'Upsample: size must be a positive integer, got 2.5 (Input and output sizes should be greater than 0)'
 * ```
 * @category Messages
 */
export function writeUpsampleSizeMessage(op: string, value: unknown): string {
  return `${op}: size must be a positive integer, got ${formatValue(value)} (Input and output sizes should be greater than 0)`;
}

/**
 * A `scaleFactor` that is not a positive number (PyTorch's check of the output sizes in brackets).
 *
 * @example
 * ```ts
 * import type { UpsampleScaleMessage } from 'shapecheck';
 * type M = UpsampleScaleMessage<'Upsample', -2>;
 * //=> 'Upsample: scaleFactor must be a positive number, got -2 (Input and output sizes should be greater than 0)'
 * ```
 * @category Messages
 */
export type UpsampleScaleMessage<Op extends string, Value> =
  `${Op}: scaleFactor must be a positive number, got ${FormatValue<Value>} (Input and output sizes should be greater than 0)`;
/**
 * Runtime twin of {@link UpsampleScaleMessage}.
 *
 * @example
 * ```ts
 * import { writeUpsampleScaleMessage } from 'shapecheck';
 * writeUpsampleScaleMessage('Upsample', 0);
 * //=> 'Upsample: scaleFactor must be a positive number, got 0 (Input and output sizes should be greater than 0)'
 * ```
 * @category Messages
 */
export function writeUpsampleScaleMessage(op: string, value: unknown): string {
  return `${op}: scaleFactor must be a positive number, got ${formatValue(value)} (Input and output sizes should be greater than 0)`;
}

/** What PyTorch 1.13 says of an input of this rank in this mode (`F.interpolate`). */
type RankPhrase<Mode extends string, Rank extends number> = Rank extends 3 | 5
  ? Mode extends 'bilinear'
    ? `Got ${Rank}D input, but bilinear mode needs 4D input`
    : `PyTorch interpolates a ${Rank}D input along ${Rank extends 3 ? 1 : 3} dims, and only 2-D interpolation is implemented here`
  : `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${Rank}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${Mode})`;
function rankPhrase(mode: string, rank: number): string {
  if (rank === 3 || rank === 5) {
    return mode === 'bilinear'
      ? `Got ${rank}D input, but bilinear mode needs 4D input`
      : `PyTorch interpolates a ${rank}D input along ${rank === 3 ? 1 : 3} dims, and only 2-D interpolation is implemented here`;
  }
  return `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${rank}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`;
}

/**
 * An input that is not `[N, C, H, W]` (PyTorch's words at the end).
 *
 * @example
 * ```ts
 * import type { UpsampleInputMessage } from 'shapecheck';
 * type M = UpsampleInputMessage<'Upsample', 'bilinear', [3, 8, 8]>;
 * //=> 'Upsample: expected a 4-D input [N, C, H, W], got input of size: [3, 8, 8]: Got 3D input, but bilinear mode needs 4D input'
 * ```
 * @category Messages
 */
export type UpsampleInputMessage<Op extends string, Mode extends string, InputShape extends readonly unknown[]> =
  `${Op}: expected a 4-D input [N, C, H, W], got input of size: ${FormatList<InputShape>}: ${RankPhrase<Mode, InputShape['length']>}`;
/**
 * Runtime twin of {@link UpsampleInputMessage}.
 *
 * @example
 * ```ts
 * import { writeUpsampleInputMessage } from 'shapecheck';
 * writeUpsampleInputMessage('Upsample', 'nearest', [8, 8]).split(': ')[3];
 * //=> 'Input Error'
 * ```
 * @category Messages
 */
export function writeUpsampleInputMessage(op: string, mode: string, inputShape: readonly unknown[]): string {
  return `${op}: expected a 4-D input [N, C, H, W], got input of size: ${formatList(inputShape)}: ${rankPhrase(mode, inputShape.length)}`;
}

/**
 * An empty spatial input or output (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { UpsampleEmptyMessage } from 'shapecheck';
 * type M = UpsampleEmptyMessage<'Upsample', 4, 4, 0, 0>;
 * //=> 'Upsample: Input and output sizes should be greater than 0, but got input (H: 4, W: 4) output (H: 0, W: 0)'
 * ```
 * @category Messages
 */
export type UpsampleEmptyMessage<Op extends string, H, W, OH, OW> =
  `${Op}: Input and output sizes should be greater than 0, but got input (H: ${FormatValue<H>}, W: ${FormatValue<W>}) output (H: ${FormatValue<OH>}, W: ${FormatValue<OW>})`;
/**
 * Runtime twin of {@link UpsampleEmptyMessage}.
 *
 * @example
 * ```ts
 * import { writeUpsampleEmptyMessage } from 'shapecheck';
 * writeUpsampleEmptyMessage('Upsample', 0, 4, 0, 8);
 * //=> 'Upsample: Input and output sizes should be greater than 0, but got input (H: 0, W: 4) output (H: 0, W: 8)'
 * ```
 * @category Messages
 */
export function writeUpsampleEmptyMessage(op: string, h: unknown, w: unknown, oh: unknown, ow: unknown): string {
  return `${op}: Input and output sizes should be greater than 0, but got input (H: ${formatValue(h)}, W: ${formatValue(w)}) output (H: ${formatValue(oh)}, W: ${formatValue(ow)})`;
}

/**
 * An input with no channels (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { UpsampleChannelsMessage } from 'shapecheck';
 * type M = UpsampleChannelsMessage<'Upsample', [1, 0, 4, 4]>;
 * //=> 'Upsample: Non-empty 4D data tensor expected but got a tensor with sizes [1, 0, 4, 4]'
 * ```
 * @category Messages
 */
export type UpsampleChannelsMessage<Op extends string, InputShape extends readonly unknown[]> =
  `${Op}: Non-empty 4D data tensor expected but got a tensor with sizes ${FormatList<InputShape>}`;
/**
 * Runtime twin of {@link UpsampleChannelsMessage}.
 *
 * @example
 * ```ts
 * import { writeUpsampleChannelsMessage } from 'shapecheck';
 * writeUpsampleChannelsMessage('Upsample', [1, 0, 4, 4]);
 * //=> 'Upsample: Non-empty 4D data tensor expected but got a tensor with sizes [1, 0, 4, 4]'
 * ```
 * @category Messages
 */
export function writeUpsampleChannelsMessage(op: string, inputShape: readonly unknown[]): string {
  return `${op}: Non-empty 4D data tensor expected but got a tensor with sizes ${formatList(inputShape)}`;
}

/** PyTorch's function and parameter names of the two shuffles. */
type ShuffleNames<Param extends string> = Param extends 'upscaleFactor' ? ['pixel_shuffle', 'upscale_factor'] : ['pixel_unshuffle', 'downscale_factor'];
const shuffleNames = (param: string): [string, string] => (param === 'upscaleFactor' ? ['pixel_shuffle', 'upscale_factor'] : ['pixel_unshuffle', 'downscale_factor']);

/**
 * An `upscaleFactor` / `downscaleFactor` that is not a positive integer (PyTorch's words in brackets).
 *
 * @example
 * ```ts
 * import type { PixelShuffleFactorMessage } from 'shapecheck';
 * type M = PixelShuffleFactorMessage<'PixelShuffle', 'upscaleFactor', 0>;
 * //=> 'PixelShuffle: upscaleFactor must be a positive integer, got 0 (pixel_shuffle expects a positive upscale_factor)'
 * ```
 * @category Messages
 */
export type PixelShuffleFactorMessage<Op extends string, Param extends 'upscaleFactor' | 'downscaleFactor', Value> =
  `${Op}: ${Param} must be a positive integer, got ${FormatValue<Value>} (${ShuffleNames<Param>[0]} expects a positive ${ShuffleNames<Param>[1]})`;
/**
 * Runtime twin of {@link PixelShuffleFactorMessage}.
 *
 * @example
 * ```ts
 * import { writePixelShuffleFactorMessage } from 'shapecheck';
 * writePixelShuffleFactorMessage('PixelUnshuffle', 'downscaleFactor', 1.5);
 * //=> 'PixelUnshuffle: downscaleFactor must be a positive integer, got 1.5 (pixel_unshuffle expects a positive downscale_factor)'
 * ```
 * @category Messages
 */
export function writePixelShuffleFactorMessage(op: string, param: 'upscaleFactor' | 'downscaleFactor', value: unknown): string {
  const [fn, name] = shuffleNames(param);
  return `${op}: ${param} must be a positive integer, got ${formatValue(value)} (${fn} expects a positive ${name})`;
}

/**
 * An input of fewer than 3 dims to a shuffle (PyTorch's words at the end).
 *
 * @example
 * ```ts
 * import type { PixelShuffleInputMessage } from 'shapecheck';
 * type M = PixelShuffleInputMessage<'PixelShuffle', 'upscaleFactor', [8, 2]>;
 * //=> 'PixelShuffle: expected an input [*, C, H, W], got input of size: [8, 2]: pixel_shuffle expects input to have at least 3 dimensions, but got input with 2 dimension(s)'
 * ```
 * @category Messages
 */
export type PixelShuffleInputMessage<Op extends string, Param extends 'upscaleFactor' | 'downscaleFactor', InputShape extends readonly unknown[]> =
  `${Op}: expected an input [*, C, H, W], got input of size: ${FormatList<InputShape>}: ${ShuffleNames<Param>[0]} expects input to have at least 3 dimensions, but got input with ${InputShape['length']} dimension(s)`;
/**
 * Runtime twin of {@link PixelShuffleInputMessage}.
 *
 * @example
 * ```ts
 * import { writePixelShuffleInputMessage } from 'shapecheck';
 * writePixelShuffleInputMessage('PixelUnshuffle', 'downscaleFactor', [4, 4]).split(': ')[3];
 * //=> 'pixel_unshuffle expects input to have at least 3 dimensions, but got input with 2 dimension(s)'
 * ```
 * @category Messages
 */
export function writePixelShuffleInputMessage(op: string, param: 'upscaleFactor' | 'downscaleFactor', inputShape: readonly unknown[]): string {
  return `${op}: expected an input [*, C, H, W], got input of size: ${formatList(inputShape)}: ${shuffleNames(param)[0]} expects input to have at least 3 dimensions, but got input with ${inputShape.length} dimension(s)`;
}

/**
 * Channels not divisible by `upscaleFactor²` (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { PixelShuffleChannelsMessage } from 'shapecheck';
 * type M = PixelShuffleChannelsMessage<'PixelShuffle', 6, 4>;
 * //=> "PixelShuffle: pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=6 is not divisible by 4"
 * ```
 * @category Messages
 */
export type PixelShuffleChannelsMessage<Op extends string, Channels, Square extends number | string> =
  `${Op}: pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${FormatValue<Channels>} is not divisible by ${Square}`;
/**
 * Runtime twin of {@link PixelShuffleChannelsMessage}.
 *
 * @example
 * ```ts
 * import { writePixelShuffleChannelsMessage } from 'shapecheck';
 * writePixelShuffleChannelsMessage('PixelShuffle', 6, 4).endsWith('input.size(-3)=6 is not divisible by 4');
 * //=> true
 * ```
 * @category Messages
 */
export function writePixelShuffleChannelsMessage(op: string, channels: unknown, square: number): string {
  return `${op}: pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${formatValue(channels)} is not divisible by ${square}`;
}

/**
 * A height or width not divisible by `downscaleFactor` (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { PixelUnshuffleMessage } from 'shapecheck';
 * type M = PixelUnshuffleMessage<'PixelUnshuffle', 'height', 3, 2>;
 * //=> 'PixelUnshuffle: pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=3 is not divisible by 2'
 * ```
 * @category Messages
 */
export type PixelUnshuffleMessage<Op extends string, DimName extends 'height' | 'width', Value, Factor extends number | string> =
  `${Op}: pixel_unshuffle expects ${DimName} to be divisible by downscale_factor, but input.size(${DimName extends 'height' ? -2 : -1})=${FormatValue<Value>} is not divisible by ${Factor}`;
/**
 * Runtime twin of {@link PixelUnshuffleMessage}.
 *
 * @example
 * ```ts
 * import { writePixelUnshuffleMessage } from 'shapecheck';
 * writePixelUnshuffleMessage('PixelUnshuffle', 'width', 'W+1', 2);
 * //=> 'PixelUnshuffle: pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=W+1 is not divisible by 2'
 * ```
 * @category Messages
 */
export function writePixelUnshuffleMessage(op: string, dimName: 'height' | 'width', value: unknown, factor: number): string {
  return `${op}: pixel_unshuffle expects ${dimName} to be divisible by downscale_factor, but input.size(${dimName === 'height' ? -2 : -1})=${formatValue(value)} is not divisible by ${factor}`;
}

// ---------------------------------------------------------------------------------------------
// Type level: Upsample.

/** An optional option's value, or `Default` when absent. */
type OptionOr<Options, Key extends string, Default> = Key extends keyof Options
  ? [Exclude<Options[Key], undefined>] extends [never]
    ? Default
    : Exclude<Options[Key], undefined>
  : Default;
/** Whether an optional option is given. */
type Given<Options, Key extends string> = [OptionOr<Options, Key, undefined>] extends [undefined] ? false : true;

/** A pair option as a pair. */
type PairOf<V> = V extends readonly [infer A, infer B] ? [A, B] : [V, V];

/** `5^k` and `2^k` for the digits of a fraction (k its length), as digit strings. */
type Powers<F extends string, P5 extends string = '1', P2 extends string = '1'> = F extends `${string}${infer Rest}`
  ? Powers<Rest, MultiplySigned<P5, '5'>, MultiplySigned<P2, '2'>>
  : [P5, P2];
/** Digits without leading zeros. */
type StripZeros<S extends string> = S extends `0${infer Rest}` ? (Rest extends '' ? '0' : StripZeros<Rest>) : S;

/**
 * A positive scale factor as `[numerator, denominator]` digits when it is a binary fraction
 * written in decimal (so that the double product is exact), `'inexact'` otherwise, `'wide'` for
 * `number`, or its error when not a positive number.
 */
type ScaleFraction<Op extends string, V> =
  IsWide<V> extends true
    ? 'wide'
    : V extends number
      ? `${V}` extends `-${string}` | '0'
        ? ErrorMessage<UpsampleScaleMessage<Op, V>>
        : `${V}` extends `${string}e${string}` | 'Infinity' | 'NaN'
          ? `${V}` extends 'Infinity' | 'NaN'
            ? ErrorMessage<UpsampleScaleMessage<Op, V>>
            : 'inexact'
          : `${V}` extends `${infer I}.${infer F}`
            ? Powers<F> extends [infer P5 extends string, infer P2 extends string]
              ? FloorDivideSigned<StripZeros<`${I}${F}`>, P5> extends [infer Q extends string, '0']
                ? [Q, P2]
                : 'inexact'
              : never
            : [`${V}`, '1']
      : ErrorMessage<UpsampleScaleMessage<Op, V>>;

/** A size option's value checked: its digits, `'wide'`, or its error. */
type SizeValue<Op extends string, V> =
  IsWide<V> extends true
    ? 'wide'
    : NaturalDigits<V> extends infer D extends string
      ? D extends '0'
        ? ErrorMessage<UpsampleSizeMessage<Op, V>>
        : D
      : ErrorMessage<UpsampleSizeMessage<Op, V>>;

/** The first error of a list. */
type FirstError<Items extends readonly unknown[]> = Items extends readonly [infer Head, ...infer Tail]
  ? Head extends ErrorMessage<string>
    ? Head
    : FirstError<Tail>
  : never;

/**
 * The options checked, in PyTorch's order: `['size', h, w]` / `['scale', fractionH, fractionW]`
 * (digits, `'wide'`, `'inexact'`), or the first error.
 */
type UpsampleParams<Op extends string, Options> =
  OptionOr<Options, 'mode', 'nearest'> extends infer Mode extends string
    ? Given<Options, 'alignCorners'> extends true
      ? Mode extends 'bilinear'
        ? UpsampleSizes<Op, Options>
        : 'bilinear' extends Mode
          ? UpsampleSizes<Op, Options>
          : ErrorMessage<UpsampleAlignCornersMessage<Op, Mode>>
      : UpsampleSizes<Op, Options>
    : never;
type UpsampleSizes<Op extends string, Options> = [Given<Options, 'size'>, Given<Options, 'scaleFactor'>] extends [true, true]
  ? ErrorMessage<UpsampleSizeAndScaleMessage<Op>>
  : [Given<Options, 'size'>, Given<Options, 'scaleFactor'>] extends [false, false]
    ? ErrorMessage<UpsampleNoSizeMessage<Op>>
    : Given<Options, 'size'> extends true
      ? OptionOr<Options, 'recomputeScaleFactor', false> extends true
        ? ErrorMessage<UpsampleRecomputeMessage<Op>>
        : PairOf<OptionOr<Options, 'size', number>> extends [infer H, infer W]
          ? [SizeValue<Op, H>, SizeValue<Op, W>] extends infer Checked extends readonly unknown[]
            ? [FirstError<Checked>] extends [never]
              ? ['size', ...Checked]
              : FirstError<Checked>
            : never
          : never
      : PairOf<OptionOr<Options, 'scaleFactor', number>> extends [infer H, infer W]
        ? [ScaleFraction<Op, H>, ScaleFraction<Op, W>] extends infer Checked extends readonly unknown[]
          ? [FirstError<Checked>] extends [never]
            ? ['scale', ...Checked]
            : FirstError<Checked>
          : never
        : never;

/** A literal size's digits, or never. */
type LiteralDigits<D> = D extends number ? (number extends D ? never : NaturalDigits<D> extends infer S extends string ? S : never) : never;
/** Digits as a number literal. */
type AsNumber<S extends string> = S extends `${infer N extends number}` ? N : number;

/** `floor(dim · p / q)`: a literal, an expression, or `number`. */
type ScaledDim<D, Fraction> = Fraction extends [infer P extends string, infer Q extends string]
  ? [LiteralDigits<D>] extends [never]
    ? D extends string
      ? Q extends '1'
        ? ProductOfDims<[AsNumber<P>, D]>
        : ProductOfDims<[AsNumber<P>, D]> extends infer Product extends string
          ? FloorOfDim<Product, '0', Q>
          : number
      : number
    : AsNumber<FloorDivideSigned<MultiplySigned<LiteralDigits<D>, P>, Q>[0]>
  : number;

/** One output dim for a checked option. */
type OutputDim<D, Param> = Param extends 'wide' | 'inexact' ? number : Param extends string ? AsNumber<Param> : ScaledDim<D, Param>;

/** Whether a dim is the literal 0 (not `number`). */
type IsZero<D> = D extends 0 ? (number extends D ? false : true) : false;

/** A literal dim that is not a non-negative integer, as its error. */
type InvalidDim<Op extends string, DimName extends string, Value> = Value extends number
  ? number extends Value
    ? never
    : NaturalDigits<Value> extends string
      ? never
      : ErrorMessage<NonNegativeIntegerMessage<Op, `input ${DimName}`, Value>>
  : never;

type UpsampleOf<Op extends string, InputShape extends readonly unknown[], Mode extends string, Params> =
  Params extends ErrorMessage<string>
    ? Params
    : Params extends readonly [string, infer PH, infer PW]
      ? InputShape extends readonly [infer N, infer C, infer H, infer W]
        ? FirstError<[InvalidDim<Op, 'batch', N>, InvalidDim<Op, 'channels', C>, InvalidDim<Op, 'height', H>, InvalidDim<Op, 'width', W>]> extends infer Failure
          ? [Failure] extends [never]
            ? [OutputDim<H, PH>, OutputDim<W, PW>] extends [infer OH, infer OW]
              ? true extends IsZero<H> | IsZero<W> | IsZero<OH> | IsZero<OW>
                ? ErrorMessage<UpsampleEmptyMessage<Op, H, W, OH, OW>>
                : C extends 0
                  ? ErrorMessage<UpsampleChannelsMessage<Op, InputShape>>
                  : [N, C, OH, OW]
              : never
            : Failure
          : never
        : number extends InputShape['length']
          ? number[]
          : ErrorMessage<UpsampleInputMessage<Op, Mode, InputShape>>
      : never;

/**
 * The output shape of `nn.Upsample` / `F.interpolate` (`Op` names it in messages) for an input
 * `[N, C, H, W]`: `size` as given, or `floor(in · scaleFactor)` per spatial dim (exact for
 * integer and binary-fraction scale factors, `number` for others: see the module's
 * documentation); on names `2*H`, `(3*H)//2`. Errors (options, rank, empty sizes) are
 * {@link ErrorMessage}s with the words the runtime throws. PyTorch reads a 3-D input as 1-D
 * interpolation (`[N, C, L]`), so there is no unbatched form.
 *
 * @example
 * ```ts
 * import type { UpsampleOutputShape } from 'shapecheck';
 * type A = UpsampleOutputShape<'Upsample', [1, 3, 16, 10], { scaleFactor: [2, 1.5] }>;
 * //=> [1, 3, 32, 15]
 * type B = UpsampleOutputShape<'Upsample', ['batch', 3, 'H', 'W'], { scaleFactor: 2; mode: 'bilinear' }>;
 * //=> ['batch', 3, '2*H', '2*W']
 * type C = UpsampleOutputShape<'Upsample', [1, 3, 10, 10], { scaleFactor: 0.3 }>;
 * //=> [1, 3, number, number]
 * ```
 * @category Shapes
 */
export type UpsampleOutputShape<Op extends string, InputShape extends Shape, Options extends UpsampleOptions> = [InputShape] extends [never]
  ? never
  : UpsampleParams<Op, Options> extends infer Params
    ? OptionOr<Options, 'mode', 'nearest'> extends infer Mode extends string
      ? InputShape extends unknown
        ? UpsampleOf<Op, InputShape, Mode, Params>
        : never
      : never
    : never;

// ---------------------------------------------------------------------------------------------
// Type level: PixelShuffle / PixelUnshuffle.

/** The factor's digits, `'wide'`, or its error. */
type FactorDigits<Op extends string, Param extends 'upscaleFactor' | 'downscaleFactor', V> =
  IsWide<V> extends true
    ? 'wide'
    : NaturalDigits<V> extends infer D extends string
      ? D extends '0'
        ? ErrorMessage<PixelShuffleFactorMessage<Op, Param, V>>
        : D
      : ErrorMessage<PixelShuffleFactorMessage<Op, Param, V>>;

/** `dim · r`. */
type TimesFactor<D, R extends string> = [LiteralDigits<D>] extends [never]
  ? D extends string
    ? ProductOfDims<[AsNumber<R>, D]>
    : number
  : AsNumber<MultiplySigned<LiteralDigits<D>, R>>;

/** `dim / r` when exact: the quotient, `'inexact'` (literal), or `number` (unknown). */
type OverFactor<D, R extends string> = [LiteralDigits<D>] extends [never]
  ? D extends string
    ? FloorOfDim<D, '0', R> extends infer Q
      ? Q extends number | string
        ? ComparePolys<ProductOfDims<[AsNumber<R>, Q]>, D> extends 'different'
          ? 'inexact'
          : Q
        : number
      : number
    : number
  : FloorDivideSigned<LiteralDigits<D>, R> extends [infer Q extends string, infer Rem extends string]
    ? Rem extends '0'
      ? AsNumber<Q>
      : 'inexact'
    : number;

type ShuffleOf<Op extends string, InputShape extends readonly unknown[], R> =
  R extends ErrorMessage<string>
    ? R
    : R extends string
      ? InputShape extends readonly [...infer Batch, infer C, infer H, infer W]
        ? R extends 'wide'
          ? [...Batch, number, number, number]
          : MultiplySigned<R, R> extends infer Square extends string
            ? OverFactor<C, Square> extends infer OutC
              ? OutC extends 'inexact'
                ? ErrorMessage<PixelShuffleChannelsMessage<Op, C, Square>>
                : [...Batch, OutC, TimesFactor<H, R>, TimesFactor<W, R>]
              : never
            : never
        : number extends InputShape['length']
          ? number[]
          : ErrorMessage<PixelShuffleInputMessage<Op, 'upscaleFactor', InputShape>>
      : never;

type UnshuffleOf<Op extends string, InputShape extends readonly unknown[], R> =
  R extends ErrorMessage<string>
    ? R
    : R extends string
      ? InputShape extends readonly [...infer Batch, infer C, infer H, infer W]
        ? R extends 'wide'
          ? [...Batch, number, number, number]
          : OverFactor<H, R> extends infer OutH
            ? OutH extends 'inexact'
              ? ErrorMessage<PixelUnshuffleMessage<Op, 'height', H, R>>
              : OverFactor<W, R> extends infer OutW
                ? OutW extends 'inexact'
                  ? ErrorMessage<PixelUnshuffleMessage<Op, 'width', W, R>>
                  : [...Batch, TimesFactor<C, MultiplySigned<R, R>>, OutH, OutW]
                : never
            : never
        : number extends InputShape['length']
          ? number[]
          : ErrorMessage<PixelShuffleInputMessage<Op, 'downscaleFactor', InputShape>>
      : never;

/**
 * The output shape of `nn.PixelShuffle` (`Op` names it in messages): `[*, C·r², H, W]` to
 * `[*, C, H·r, W·r]`, any number of leading dims; channels must be divisible by `r²` (on names
 * `'C'` becomes `'C//4'`, the divisibility a requirement recorded at runtime as for
 * {@link PixelUnshuffleOutputShape}); `'H'` becomes `'2*H'`.
 *
 * @example
 * ```ts
 * import type { PixelShuffleOutputShape } from 'shapecheck';
 * type A = PixelShuffleOutputShape<'PixelShuffle', ['batch', 12, 'H', 'W'], { upscaleFactor: 2 }>;
 * //=> ['batch', 3, '2*H', '2*W']
 * type B = PixelShuffleOutputShape<'PixelShuffle', [1, 6, 2, 2], { upscaleFactor: 2 }>;
 * //=> ErrorMessage<"PixelShuffle: pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=6 is not divisible by 4">
 * ```
 * @category Shapes
 */
export type PixelShuffleOutputShape<Op extends string, InputShape extends Shape, Options extends PixelShuffleOptions> = [InputShape] extends [never]
  ? never
  : FactorDigits<Op, 'upscaleFactor', Options['upscaleFactor']> extends infer R
    ? InputShape extends unknown
      ? ShuffleOf<Op, InputShape, R>
      : never
    : never;

/**
 * The output shape of `nn.PixelUnshuffle`: `[*, C, H·r, W·r]` to `[*, C·r², H, W]`. Height and
 * width must be divisible by `r`: on names `'H'` becomes `'H//2'`, and `2*(H//2) == H` is then
 * a requirement of the model, recorded at runtime (`model.requirements()`, checked by `forward`);
 * the types report only what is provably not divisible (`'2*W+1'`), see docs/models.md.
 *
 * @example
 * ```ts
 * import type { PixelUnshuffleOutputShape } from 'shapecheck';
 * type A = PixelUnshuffleOutputShape<'PixelUnshuffle', [1, 3, 8, 6], { downscaleFactor: 2 }>;
 * //=> [1, 12, 4, 3]
 * type B = PixelUnshuffleOutputShape<'PixelUnshuffle', ['batch', 3, '2*H', 'W'], { downscaleFactor: 2 }>;
 * //=> ['batch', 12, 'H', 'W//2']
 * ```
 * @category Shapes
 */
export type PixelUnshuffleOutputShape<Op extends string, InputShape extends Shape, Options extends PixelUnshuffleOptions> = [InputShape] extends [never]
  ? never
  : FactorDigits<Op, 'downscaleFactor', Options['downscaleFactor']> extends infer R
    ? InputShape extends unknown
      ? UnshuffleOf<Op, InputShape, R>
      : never
    : never;

/**
 * What `dim / r` asks of the names when the types cannot decide it: `r*(dim//r) == dim` (the
 * runtime's `requireEqual` text, both sides in canonical form), or `never` (a literal, a proved
 * multiple, or a proved remainder, which is the layer's error instead).
 */
type QuotientRequirement<D, R extends string> = D extends string
  ? FloorOfDim<D, '0', R> extends infer Q extends string | number
    ? ProductOfDims<[AsNumber<R>, Q]> extends infer Product
      ? ComparePolys<Product, D> extends 'unknown'
        ? [DimPoly<D>] extends [never]
          ? never
          : `${Product & (string | number)} == ${PolyDim<DimPoly<D>>}`
        : never
      : never
    : never
  : never;

/**
 * The requirements `nn.PixelShuffle` adds to a model whose input has names (`LayerRequirements`):
 * channels `'C'` divisible by `r²`, `4*(C//4) == C` for `upscaleFactor` 2; `never` when decided.
 *
 * @example
 * ```ts
 * import type { PixelShuffleRequirements } from 'shapecheck';
 * type R = PixelShuffleRequirements<['batch', 'C', 'H', 'W'], { upscaleFactor: 2 }>;
 * //=> '4*(C//4) == C'
 * ```
 * @category Shapes
 */
export type PixelShuffleRequirements<InputShape extends Shape, Options extends PixelShuffleOptions> =
  FactorDigits<'PixelShuffle', 'upscaleFactor', Options['upscaleFactor']> extends infer R extends string
    ? R extends 'wide' | ErrorMessage<string>
      ? never
      : InputShape extends readonly [...unknown[], infer C, unknown, unknown]
        ? QuotientRequirement<C, MultiplySigned<R, R>>
        : never
    : never;

/**
 * The requirements `nn.PixelUnshuffle` adds to a model whose input has names (`LayerRequirements`):
 * height and width divisible by `r`, `2*(H//2) == H` for `downscaleFactor` 2; `never` when decided.
 *
 * @example
 * ```ts
 * import type { PixelUnshuffleRequirements } from 'shapecheck';
 * type R = PixelUnshuffleRequirements<['batch', 3, 'H', '2*W'], { downscaleFactor: 2 }>;
 * //=> '2*(H//2) == H'
 * ```
 * @category Shapes
 */
export type PixelUnshuffleRequirements<InputShape extends Shape, Options extends PixelUnshuffleOptions> =
  FactorDigits<'PixelUnshuffle', 'downscaleFactor', Options['downscaleFactor']> extends infer R extends string
    ? R extends 'wide' | ErrorMessage<string>
      ? never
      : InputShape extends readonly [...unknown[], unknown, infer H, infer W]
        ? QuotientRequirement<H, R> | QuotientRequirement<W, R>
        : never
    : never;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * Upsample options validated and resolved: one of `size` and `scaleFactor` as a pair, the other
 * null.
 *
 * @example
 * ```ts
 * import { resolveUpsampleOptions } from 'shapecheck';
 * resolveUpsampleOptions('Upsample', { scaleFactor: 2 }).scaleFactor;
 * //=> [2, 2]
 * ```
 * @category Shapes
 */
export interface ResolvedUpsampleOptions {
  readonly op: string;
  readonly size: readonly [number, number] | null;
  readonly scaleFactor: readonly [number, number] | null;
  readonly mode: UpsampleMode;
  readonly alignCorners: boolean;
  readonly recomputeScaleFactor: boolean;
}

const MODES: readonly string[] = ['nearest', 'nearest-exact', 'bilinear'];

function checkBoolean(op: string, param: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${op}: ${param} must be a boolean, got ${formatValue(value)}`);
  return value;
}

function pairOf(op: string, param: string, value: unknown, check: (v: unknown) => number): [number, number] {
  if (Array.isArray(value)) {
    if (value.length !== 2) {
      throw new TypeError(
        `${op}: ${param} must be a number or a pair of numbers, got ${formatValue(value)} (Input and ${param === 'size' ? 'output' : 'scale_factor'} must have the same number of spatial dimensions)`,
      );
    }
    return [check(value[0]), check(value[1])];
  }
  const v = check(value);
  return [v, v];
}

/**
 * Validates `nn.Upsample` / `F.interpolate` options (`op` names them in messages) and resolves
 * them, throwing the messages of {@link UpsampleOutputShape}, in the same order.
 *
 * @throws {TypeError} for a wrong type or combination of options; {@link RangeError} for a size
 *   or scale factor that is not positive.
 * @example
 * ```ts
 * import { resolveUpsampleOptions } from 'shapecheck';
 * resolveUpsampleOptions('Upsample', { size: [4, 6], mode: 'bilinear' }).alignCorners;
 * //=> false
 * ```
 * @category Shapes
 */
export function resolveUpsampleOptions(op: string, options: UpsampleOptions): ResolvedUpsampleOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${op}: options must be an object`);
  const mode = options.mode === undefined ? 'nearest' : options.mode;
  if (typeof mode !== 'string' || !MODES.includes(mode)) {
    throw new TypeError(`${op}: mode must be 'nearest', 'nearest-exact' or 'bilinear', got ${typeof mode === 'string' ? `'${mode}'` : formatValue(mode)}`);
  }
  const alignCornersGiven = options.alignCorners !== undefined;
  if (alignCornersGiven && mode !== 'bilinear') throw new TypeError(writeUpsampleAlignCornersMessage(op, mode));
  const alignCorners = alignCornersGiven ? checkBoolean(op, 'alignCorners', options.alignCorners) : false;
  const sizeGiven = options.size !== undefined;
  const scaleGiven = options.scaleFactor !== undefined;
  if (sizeGiven && scaleGiven) throw new TypeError(writeUpsampleSizeAndScaleMessage(op));
  if (!sizeGiven && !scaleGiven) throw new TypeError(writeUpsampleNoSizeMessage(op));
  const recomputeScaleFactor = options.recomputeScaleFactor === undefined ? false : checkBoolean(op, 'recomputeScaleFactor', options.recomputeScaleFactor);
  if (sizeGiven && recomputeScaleFactor) throw new TypeError(writeUpsampleRecomputeMessage(op));
  const size = sizeGiven
    ? pairOf(op, 'size', options.size, (v) => {
        if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(writeUpsampleSizeMessage(op, v));
        if (v < 1) throw new RangeError(writeUpsampleSizeMessage(op, v));
        return v;
      })
    : null;
  const scaleFactor = scaleGiven
    ? pairOf(op, 'scaleFactor', options.scaleFactor, (v) => {
        if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(writeUpsampleScaleMessage(op, v));
        if (!(v > 0) || v === Infinity) throw new RangeError(writeUpsampleScaleMessage(op, v));
        return v;
      })
    : null;
  return { op, size, scaleFactor, mode: mode as UpsampleMode, alignCorners, recomputeScaleFactor };
}

/**
 * A scale factor as `[p, q]` with `scale = p / q` exactly, when it is a binary fraction written in
 * decimal (the twin of the types' reading: `1.5` is `[3, 2]`); undefined for `0.1`, `1.1`.
 */
function scaleFraction(scale: number): [bigint, bigint] | undefined {
  const text = String(scale);
  if (text.includes('e')) return undefined;
  const [whole, fraction = ''] = text.split('.') as [string, string?];
  const p5 = 5n ** BigInt(fraction.length);
  const digits = BigInt(`${whole}${fraction}`);
  if (digits % p5 !== 0n) return undefined;
  return [digits / p5, 2n ** BigInt(fraction.length)];
}

/**
 * PyTorch's output size along one dim for a scale factor: `floor(in · scale)` in double
 * precision; on a dim expression the exact expression for a binary-fraction scale factor,
 * undefined for another (the product is rounded: it depends on the size).
 *
 * @example
 * ```ts
 * import { scaledSize } from 'shapecheck';
 * scaledSize(100, 0.29);
 * //=> 28
 * scaledSize('H', 1.5);
 * //=> '(3*H)//2'
 * ```
 * @category Shapes
 */
export function scaledSize(input: Dim, scale: number): Dim | undefined {
  if (typeof input === 'number') return Math.floor(input * scale);
  const fraction = scaleFraction(scale);
  if (!fraction) return undefined;
  return sumDim(floorDivide(multiply(constant(fraction[0]), dimSum(input)), fraction[1]));
}

/**
 * Checks an input shape against resolved upsample options and returns the output shape (its dims
 * `undefined` where an inexact scale factor meets a name), throwing the messages of
 * {@link UpsampleOutputShape}.
 *
 * @throws {ShapeError} for a wrong rank or an empty size; {@link TypeError}/{@link RangeError}
 *   for a dim that is not a non-negative integer.
 * @example
 * ```ts
 * import { resolveUpsampleOptions, upsampleShapeFromResolved } from 'shapecheck';
 * upsampleShapeFromResolved([1, 3, 5, 7], resolveUpsampleOptions('Upsample', { scaleFactor: 1.5 }));
 * //=> [1, 3, 7, 10]
 * ```
 * @category Shapes
 */
export function upsampleShapeFromResolved(inputShape: readonly number[], params: ResolvedUpsampleOptions): number[];
export function upsampleShapeFromResolved(inputShape: readonly Dim[], params: ResolvedUpsampleOptions): (Dim | undefined)[];
export function upsampleShapeFromResolved(inputShape: readonly Dim[], params: ResolvedUpsampleOptions): (Dim | undefined)[] {
  const { op } = params;
  if (!Array.isArray(inputShape)) throw new TypeError(`${op}: the input shape must be an array of dims`);
  if (inputShape.length !== 4) throw new ShapeError(writeUpsampleInputMessage(op, params.mode, inputShape));
  const names = ['batch', 'channels', 'height', 'width'];
  inputShape.forEach((dim, i) => (typeof dim === 'string' ? checkSymbolicDim(op, `input ${names[i]}`, dim) : checkNonNegativeInteger(op, `input ${names[i]}`, dim)));
  const [n, c, h, w] = inputShape as [Dim, Dim, Dim, Dim];
  const oh = params.size ? params.size[0] : scaledSize(h, params.scaleFactor![0]);
  const ow = params.size ? params.size[1] : scaledSize(w, params.scaleFactor![1]);
  if ([h, w, oh, ow].includes(0)) throw new ShapeError(writeUpsampleEmptyMessage(op, h, w, oh ?? 'number', ow ?? 'number'));
  if (c === 0) throw new ShapeError(writeUpsampleChannelsMessage(op, inputShape));
  return [n, c, oh, ow];
}

/**
 * The output shape of `nn.Upsample` / `F.interpolate` for an input shape, at runtime: the
 * value-level twin of {@link UpsampleOutputShape}.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { upsampleOutputShape } from 'shapecheck';
 * upsampleOutputShape([2, 3, 8, 8], { size: [5, 12], mode: 'bilinear', alignCorners: true });
 * //=> [2, 3, 5, 12]
 * ```
 * @category Shapes
 */
export function upsampleOutputShape<const InputShape extends readonly number[], const Options extends UpsampleOptions>(
  inputShape: InputShape,
  options: UpsampleOutputShape<'Upsample', InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): UpsampleOutputShape<'Upsample', InputShape, Options> {
  return upsampleShapeFromResolved(inputShape, resolveUpsampleOptions('Upsample', options as UpsampleOptions)) as UpsampleOutputShape<'Upsample', InputShape, Options>;
}

/**
 * Checks an `upscaleFactor` / `downscaleFactor`.
 *
 * @throws {TypeError | RangeError} with {@link PixelShuffleFactorMessage}'s words.
 * @example
 * ```ts
 * import { checkShuffleFactor } from 'shapecheck';
 * checkShuffleFactor('PixelShuffle', 'upscaleFactor', 3);
 * //=> 3
 * ```
 * @category Shapes
 */
export function checkShuffleFactor(op: string, param: 'upscaleFactor' | 'downscaleFactor', value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(writePixelShuffleFactorMessage(op, param, value));
  if (value < 1) throw new RangeError(writePixelShuffleFactorMessage(op, param, value));
  return value;
}

/** `dim / r` when it is exact (proved, or required of the names: `r*(dim//r) == dim`), else throws `fail()`. */
function exactQuotient(dim: Dim, r: number, fail: () => Error): Dim {
  if (typeof dim === 'number') {
    if (dim % r !== 0) throw fail();
    return dim / r;
  }
  const quotient = floorDivide(dimSum(dim), r);
  const outcome = compareDims(sumDim(multiply(constant(r), quotient)), dim);
  if (outcome === 'different') throw fail();
  if (outcome === 'unknown') requireEqual(sumDim(multiply(constant(r), quotient)), dim);
  return sumDim(quotient);
}

const timesFactor = (dim: Dim, r: number): Dim => (typeof dim === 'number' ? dim * r : sumDim(multiply(constant(r), dimSum(dim))));

function checkShuffleInput(op: string, param: 'upscaleFactor' | 'downscaleFactor', inputShape: readonly Dim[]): void {
  if (!Array.isArray(inputShape)) throw new TypeError(`${op}: the input shape must be an array of dims`);
  if (inputShape.length < 3) throw new ShapeError(writePixelShuffleInputMessage(op, param, inputShape));
  inputShape.forEach((dim, i) => {
    const name = `input dim ${i}`;
    if (typeof dim === 'string') checkSymbolicDim(op, name, dim);
    else checkNonNegativeInteger(op, name, dim);
  });
}

/**
 * The output shape of `nn.PixelShuffle` for an input shape `[*, C, H, W]` (the runtime twin of
 * {@link PixelShuffleOutputShape}); on names `C//r²`, with `r²*(C//r²) == C` recorded as a
 * requirement of the model when it is not proved.
 *
 * @throws {ShapeError} for fewer than 3 dims or channels not divisible by `r²`.
 * @example
 * ```ts
 * import { pixelShuffleOutputShape } from 'shapecheck';
 * pixelShuffleOutputShape([1, 12, 'H', 5], 2);
 * //=> [1, 3, '2*H', 10]
 * ```
 * @category Shapes
 */
export function pixelShuffleOutputShape(inputShape: readonly number[], upscaleFactor: number, op?: string): number[];
export function pixelShuffleOutputShape(inputShape: readonly Dim[], upscaleFactor: number, op?: string): Dim[];
export function pixelShuffleOutputShape(inputShape: readonly Dim[], upscaleFactor: number, op = 'PixelShuffle'): Dim[] {
  const r = checkShuffleFactor(op, 'upscaleFactor', upscaleFactor);
  checkShuffleInput(op, 'upscaleFactor', inputShape);
  const [c, h, w] = inputShape.slice(-3) as [Dim, Dim, Dim];
  const outC = exactQuotient(c, r * r, () => new ShapeError(writePixelShuffleChannelsMessage(op, c, r * r)));
  return [...inputShape.slice(0, -3), outC, timesFactor(h, r), timesFactor(w, r)];
}

/**
 * The output shape of `nn.PixelUnshuffle` for an input shape `[*, C, H, W]` (the runtime twin of
 * {@link PixelUnshuffleOutputShape}); on names `H//r`, with `r*(H//r) == H` recorded as a
 * requirement of the model when it is not proved.
 *
 * @throws {ShapeError} for fewer than 3 dims, or a height or width not divisible by `r`.
 * @example
 * ```ts
 * import { pixelUnshuffleOutputShape } from 'shapecheck';
 * pixelUnshuffleOutputShape([1, 3, '2*H', 8], 2);
 * //=> [1, 12, 'H', 4]
 * ```
 * @category Shapes
 */
export function pixelUnshuffleOutputShape(inputShape: readonly number[], downscaleFactor: number, op?: string): number[];
export function pixelUnshuffleOutputShape(inputShape: readonly Dim[], downscaleFactor: number, op?: string): Dim[];
export function pixelUnshuffleOutputShape(inputShape: readonly Dim[], downscaleFactor: number, op = 'PixelUnshuffle'): Dim[] {
  const r = checkShuffleFactor(op, 'downscaleFactor', downscaleFactor);
  checkShuffleInput(op, 'downscaleFactor', inputShape);
  const [c, h, w] = inputShape.slice(-3) as [Dim, Dim, Dim];
  const outH = exactQuotient(h, r, () => new ShapeError(writePixelUnshuffleMessage(op, 'height', h, r)));
  const outW = exactQuotient(w, r, () => new ShapeError(writePixelUnshuffleMessage(op, 'width', w, r)));
  return [...inputShape.slice(0, -3), timesFactor(c, r * r), outH, outW];
}
