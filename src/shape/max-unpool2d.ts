/**
 * Shape rules of `nn.MaxUnpool2d` (PyTorch's messages), as types and as runtime functions sharing
 * one message text.
 * @packageDocumentation
 */
import type { Add } from '../arithmetic/add.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { LessThan } from '../arithmetic/less-than.js';
import type { Multiply } from '../arithmetic/multiply.js';
import type { Subtract } from '../arithmetic/subtract.js';
import { formatList, formatValue, type FormatList, type FormatValue } from './format.js';
import { ShapeError } from './shape-error.js';
import type { Dim, Shape } from './shape.js';
import { addDims, checkSymbolicDim, compareDims, productOfDims } from './symbolic.js';
import type { ProductOfDims, SumOfDims } from './symbolic-types.js';

/**
 * The options of `nn.MaxUnpool2d`, camelCased: the `MaxPool2d` it inverts.
 *
 * @example
 * ```ts
 * import type { MaxUnpool2dOptions } from 'shapecheck';
 * const options = { kernelSize: 2, stride: 2 } as const satisfies MaxUnpool2dOptions;
 * ```
 * @category Shapes
 */
export interface MaxUnpool2dOptions {
  /** Size of the max pooling window. */
  readonly kernelSize: number | readonly [number, number];
  /** Stride of the window. Default `kernelSize`. */
  readonly stride?: number | readonly [number, number];
  /** The pooling's padding. Default 0. */
  readonly padding?: number | readonly [number, number];
}

// ---------------------------------------------------------------------------------------------
// Messages

/**
 * A `kernelSize` or `stride` that is not a positive integer (or a pair of them), or a `padding`
 * that is not a non-negative one.
 *
 * @example
 * ```ts
 * import type { MaxUnpoolOptionMessage } from 'shapecheck';
 * type M = MaxUnpoolOptionMessage<'stride', 0>;
 * //=> 'MaxUnpool2d: stride must be a positive integer or a pair of them, got 0'
 * ```
 * @category Messages
 */
export type MaxUnpoolOptionMessage<Param extends string, Value> =
  `MaxUnpool2d: ${Param} must be a ${Param extends 'padding' ? 'non-negative' : 'positive'} integer or a pair of them, got ${FormatValue<Value>}`;
/**
 * Runtime twin of {@link MaxUnpoolOptionMessage}.
 *
 * @example
 * ```ts
 * import { writeMaxUnpoolOptionMessage } from 'shapecheck';
 * writeMaxUnpoolOptionMessage('padding', -1);
 * //=> 'MaxUnpool2d: padding must be a non-negative integer or a pair of them, got -1'
 * ```
 * @category Messages
 */
export function writeMaxUnpoolOptionMessage(param: string, value: unknown): string {
  const shown = typeof value === 'string' ? `'${value}'` : formatValue(value);
  return `MaxUnpool2d: ${param} must be a ${param === 'padding' ? 'non-negative' : 'positive'} integer or a pair of them, got ${shown}`;
}

/**
 * An input that is not 3-D or 4-D, or has an empty channel or spatial dim.
 *
 * @example
 * ```ts
 * import type { MaxUnpoolInputMessage } from 'shapecheck';
 * type M = MaxUnpoolInputMessage<[2, 2]>;
 * //=> 'MaxUnpool2d: Input to max_unpooling2d should be a 3d or 4d Tensor with non-zero size for non-batch dimensions, but got [2, 2]'
 * ```
 * @category Messages
 */
export type MaxUnpoolInputMessage<S extends readonly unknown[]> =
  `MaxUnpool2d: Input to max_unpooling2d should be a 3d or 4d Tensor with non-zero size for non-batch dimensions, but got ${FormatList<S>}`;
/**
 * Runtime twin of {@link MaxUnpoolInputMessage}.
 *
 * @example
 * ```ts
 * import { writeMaxUnpoolInputMessage } from 'shapecheck';
 * writeMaxUnpoolInputMessage([1, 0, 2, 2]);
 * //=> 'MaxUnpool2d: Input to max_unpooling2d should be a 3d or 4d Tensor with non-zero size for non-batch dimensions, but got [1, 0, 2, 2]'
 * ```
 * @category Messages
 */
export function writeMaxUnpoolInputMessage(shape: readonly unknown[]): string {
  return `MaxUnpool2d: Input to max_unpooling2d should be a 3d or 4d Tensor with non-zero size for non-batch dimensions, but got ${formatList(shape)}`;
}

/**
 * Indices whose shape is not the input's.
 *
 * @example
 * ```ts
 * import type { MaxUnpoolIndicesMessage } from 'shapecheck';
 * type M = MaxUnpoolIndicesMessage<[1, 2, 2, 2], [1, 1, 2, 2]>;
 * //=> 'MaxUnpool2d: Expected shape of indices to be same as that of the input tensor ([1, 2, 2, 2]) but got indices tensor with shape: [1, 1, 2, 2]'
 * ```
 * @category Messages
 */
export type MaxUnpoolIndicesMessage<S extends readonly unknown[], I extends readonly unknown[]> =
  `MaxUnpool2d: Expected shape of indices to be same as that of the input tensor (${FormatList<S>}) but got indices tensor with shape: ${FormatList<I>}`;
/**
 * Runtime twin of {@link MaxUnpoolIndicesMessage}.
 *
 * @example
 * ```ts
 * import { writeMaxUnpoolIndicesMessage } from 'shapecheck';
 * writeMaxUnpoolIndicesMessage([2, 2, 2], [2, 2]);
 * //=> 'MaxUnpool2d: Expected shape of indices to be same as that of the input tensor ([2, 2, 2]) but got indices tensor with shape: [2, 2]'
 * ```
 * @category Messages
 */
export function writeMaxUnpoolIndicesMessage(shape: readonly unknown[], indices: readonly unknown[]): string {
  return `MaxUnpool2d: Expected shape of indices to be same as that of the input tensor (${formatList(shape)}) but got indices tensor with shape: ${formatList(indices)}`;
}

/**
 * An `outputSize` argument of the wrong length, or a size out of the range the pooling could
 * have come from (strictly between the default size ∓ the stride).
 *
 * @example
 * ```ts
 * import type { MaxUnpoolOutputSizeMessage } from 'shapecheck';
 * type M = MaxUnpoolOutputSizeMessage<[4], null, 0, 0>;
 * //=> "MaxUnpool2d: output_size should be a sequence containing 2 or 4 elements, but it has a length of '1'"
 * ```
 * @category Messages
 */
export type MaxUnpoolOutputSizeMessage<Size extends readonly unknown[], D, Min, Max> = D extends number
  ? `MaxUnpool2d: invalid output_size '${FormatList<Size>}' (dim ${D} must be between ${FormatValue<Min>} and ${FormatValue<Max>})`
  : `MaxUnpool2d: output_size should be a sequence containing 2 or 4 elements, but it has a length of '${Size['length']}'`;
/**
 * Runtime twin of {@link MaxUnpoolOutputSizeMessage} (`dim` null for a wrong length).
 *
 * @example
 * ```ts
 * import { writeMaxUnpoolOutputSizeMessage } from 'shapecheck';
 * writeMaxUnpoolOutputSizeMessage([4], null, 0, 0);
 * //=> "MaxUnpool2d: output_size should be a sequence containing 2 or 4 elements, but it has a length of '1'"
 * ```
 * @category Messages
 */
export function writeMaxUnpoolOutputSizeMessage(size: readonly unknown[], dim: number | null, min: Dim, max: Dim): string {
  return dim === null
    ? `MaxUnpool2d: output_size should be a sequence containing 2 or 4 elements, but it has a length of '${size.length}'`
    : `MaxUnpool2d: invalid output_size '${formatList(size)}' (dim ${dim} must be between ${min} and ${max})`;
}

/**
 * A default output size below zero (`(in − 1)·stride − 2·padding + kernelSize`).
 *
 * @example
 * ```ts
 * import type { MaxUnpoolNegativeMessage } from 'shapecheck';
 * type M = MaxUnpoolNegativeMessage<'height', -4, 2>;
 * //=> 'MaxUnpool2d: output height (in − 1)·stride − 2·padding + kernelSize is -4 for input height 2, below zero'
 * ```
 * @category Messages
 */
export type MaxUnpoolNegativeMessage<DimName extends string, Size, Input> =
  `MaxUnpool2d: output ${DimName} (in − 1)·stride − 2·padding + kernelSize is ${FormatValue<Size>} for input ${DimName} ${FormatValue<Input>}, below zero`;
/**
 * Runtime twin of {@link MaxUnpoolNegativeMessage}.
 *
 * @example
 * ```ts
 * import { writeMaxUnpoolNegativeMessage } from 'shapecheck';
 * writeMaxUnpoolNegativeMessage('width', -1, 1);
 * //=> 'MaxUnpool2d: output width (in − 1)·stride − 2·padding + kernelSize is -1 for input width 1, below zero'
 * ```
 * @category Messages
 */
export function writeMaxUnpoolNegativeMessage(dimName: string, size: Dim, input: Dim): string {
  return `MaxUnpool2d: output ${dimName} (in − 1)·stride − 2·padding + kernelSize is ${size} for input ${dimName} ${input}, below zero`;
}

// ---------------------------------------------------------------------------------------------
// Type level

type PairOf<V> = V extends readonly [infer A, infer B] ? [A, B] : [V, V];
type IsInt<N> = N extends number ? (number extends N ? true : `${N}` extends `${string}.${string}` | `${string}e${string}` ? false : true) : false;
type BadEntry<Param extends string, V, Whole> = IsInt<V> extends false
  ? ErrorMessage<MaxUnpoolOptionMessage<Param, Whole>>
  : V extends number
    ? number extends V
      ? never
      : `${V}` extends `-${string}`
        ? ErrorMessage<MaxUnpoolOptionMessage<Param, Whole>>
        : Param extends 'padding'
          ? never
          : V extends 0
            ? ErrorMessage<MaxUnpoolOptionMessage<Param, Whole>>
            : never
    : never;
type BadOption<Param extends string, V> = V extends undefined
  ? never
  : V extends readonly unknown[]
    ? V extends readonly [infer A, infer B]
      ? [BadEntry<Param, A, V>] extends [never]
        ? BadEntry<Param, B, V>
        : BadEntry<Param, A, V>
      : ErrorMessage<MaxUnpoolOptionMessage<Param, V>>
    : BadEntry<Param, V, V>;

/**
 * The error of `MaxUnpool2d`'s options, or `never` when they are valid.
 *
 * @example
 * ```ts
 * import type { MaxUnpoolOptionsError } from 'shapecheck';
 * type E = MaxUnpoolOptionsError<{ kernelSize: 2; padding: -1 }>;
 * //=> ErrorMessage<'MaxUnpool2d: padding must be a non-negative integer or a pair of them, got -1'>
 * ```
 * @category Shapes
 */
export type MaxUnpoolOptionsError<O> = O extends { readonly kernelSize: infer K }
  ? [BadOption<'kernelSize', K>] extends [never]
    ? [BadOption<'stride', O extends { readonly stride: infer S } ? S : undefined>] extends [never]
      ? BadOption<'padding', O extends { readonly padding: infer P } ? P : undefined>
      : BadOption<'stride', O extends { readonly stride: infer S } ? S : undefined>
    : BadOption<'kernelSize', K>
  : ErrorMessage<MaxUnpoolOptionMessage<'kernelSize', undefined>>;

/** `[kernel, stride, padding]` per dim, `[height, width]`. */
type ParamsOf<O extends MaxUnpool2dOptions> = [PairOf<O['kernelSize']>, PairOf<undefined extends O['stride'] ? O['kernelSize'] : O['stride']>, PairOf<undefined extends O['padding'] ? 0 : O['padding']>] extends [
  [infer KH, infer KW],
  [infer SH, infer SW],
  [infer PH, infer PW],
]
  ? [[KH, SH, PH], [KW, SW, PW]]
  : never;

/** The default output size along one dim: `(in − 1)·stride − 2·padding + kernel`. */
type DefaultSize<In, P> = P extends [infer K extends number, infer S extends number, infer Pad extends number]
  ? number extends K | S | Pad
    ? In extends string ? string : number
    : Subtract<K, Add<S, Add<Pad, Pad> & number> & number> extends infer Offset extends number
      ? In extends number
        ? number extends In
          ? number
          : Add<Multiply<In, S> & number, Offset>
        : In extends string
          ? SumOfDims<ProductOfDims<[In, S]>, Offset>
          : number
      : never
  : never;

type IsNegative<N> = N extends number ? (`${N}` extends `-${string}` ? true : false) : false;
type ProvedDifferent<A extends readonly unknown[], B extends readonly unknown[]> = number extends A['length'] | B['length']
  ? false
  : A['length'] extends B['length']
    ? A extends readonly [infer HA, ...infer RA]
      ? B extends readonly [infer HB, ...infer RB]
        ? [HA, HB] extends [number, number]
          ? number extends HA | HB
            ? ProvedDifferent<RA, RB>
            : [HA] extends [HB]
              ? ProvedDifferent<RA, RB>
              : true
          : ProvedDifferent<RA, RB>
        : false
      : false
    : true;

/** The output size when `outputSize` is given: its last two entries, checked in range on sizes. */
type GivenSize<Given extends readonly number[], Defaults extends [unknown, unknown], Strides extends [unknown, unknown]> = Given extends readonly [...unknown[], infer OH, infer OW]
  ? Given['length'] extends 2 | 4
    ? CheckRange<Given, 0, OH, Defaults[0], Strides[0]> extends infer EH
      ? [EH] extends [never]
        ? CheckRange<Given, 1, OW, Defaults[1], Strides[1]> extends infer EW
          ? [EW] extends [never]
            ? [OH, OW]
            : EW
          : never
        : EH
      : never
    : ErrorMessage<MaxUnpoolOutputSizeMessage<Given, null, 0, 0>>
  : number extends Given['length']
    ? [number, number]
    : ErrorMessage<MaxUnpoolOutputSizeMessage<Given, null, 0, 0>>;
type CheckRange<Given extends readonly unknown[], D extends number, O, Default, Stride> = [O, Default, Stride] extends [infer O extends number, infer Default extends number, infer Stride extends number]
  ? number extends O | Default | Stride
    ? never
    : [Subtract<Default, Stride>, Add<Default, Stride>] extends [infer Min extends number, infer Max extends number]
      ? LessThan<Min, O> extends true
        ? LessThan<O, Max> extends true
          ? never
          : ErrorMessage<MaxUnpoolOutputSizeMessage<Given, D, Min, Max>>
        : ErrorMessage<MaxUnpoolOutputSizeMessage<Given, D, Min, Max>>
      : never
  : never;

/**
 * The output shape of `nn.MaxUnpool2d(options)(input, indices, outputSize?)`: `[N, C, H, W]` or
 * `[C, H, W]` to `(H − 1)·stride − 2·padding + kernelSize` (exact on names: `'H'` with kernel and
 * stride 2 is `'2*H'`), or the last two entries of `outputSize` when given (checked in PyTorch's
 * range on sizes). Bad options, a wrong rank, an empty dim, indices of another shape or an output
 * size out of range is an {@link ErrorMessage} with the runtime's words.
 *
 * @example
 * ```ts
 * import type { MaxUnpool2dOutputShape } from 'shapecheck';
 * type A = MaxUnpool2dOutputShape<['batch', 3, 'H', 'W'], { kernelSize: 2 }>;
 * //=> ['batch', 3, '2*H', '2*W']
 * type B = MaxUnpool2dOutputShape<[1, 2, 2, 2], { kernelSize: 2 }, [1, 2, 2, 2], [5, 5]>;
 * //=> [1, 2, 5, 5]
 * ```
 * @category Shapes
 */
export type MaxUnpool2dOutputShape<S extends Shape, O extends MaxUnpool2dOptions, IndicesShape extends Shape = S, Given extends readonly number[] | undefined = undefined> =
  MaxUnpoolOptionsError<O> extends infer Failure
    ? [Failure] extends [never]
      ? number extends S['length']
        ? number[]
        : S extends readonly [...infer Lead, infer C, infer H, infer W]
          ? Lead['length'] extends 0 | 1
            ? [C, H, W] extends [0, unknown, unknown] | [unknown, 0, unknown] | [unknown, unknown, 0]
              ? ErrorMessage<MaxUnpoolInputMessage<S>>
              : ProvedDifferent<S, IndicesShape> extends true
                ? ErrorMessage<MaxUnpoolIndicesMessage<S, IndicesShape>>
                : ParamsOf<O> extends [infer PH, infer PW]
                  ? [DefaultSize<H, PH>, DefaultSize<W, PW>] extends [infer DH, infer DW]
                    ? Given extends readonly number[]
                      ? GivenSize<Given, [DH, DW], [PH extends [unknown, infer SH, unknown] ? SH : never, PW extends [unknown, infer SW, unknown] ? SW : never]> extends infer Out
                        ? Out extends [infer OH, infer OW]
                          ? [...Lead, C, OH, OW]
                          : Out
                        : never
                      : IsNegative<DH> extends true
                        ? ErrorMessage<MaxUnpoolNegativeMessage<'height', DH, H>>
                        : IsNegative<DW> extends true
                          ? ErrorMessage<MaxUnpoolNegativeMessage<'width', DW, W>>
                          : [...Lead, C, DH, DW]
                    : never
                  : never
            : ErrorMessage<MaxUnpoolInputMessage<S>>
          : ErrorMessage<MaxUnpoolInputMessage<S>>
      : Failure
    : never;

// ---------------------------------------------------------------------------------------------
// Runtime

/**
 * `MaxUnpool2d`'s options resolved to `[height, width]` pairs (stride defaults to the kernel size).
 *
 * @example
 * ```ts
 * import type { ResolvedMaxUnpool2dOptions } from 'shapecheck';
 * const r: ResolvedMaxUnpool2dOptions = { kernelSize: [2, 2], stride: [2, 2], padding: [0, 0] };
 * ```
 * @category Shapes
 */
export interface ResolvedMaxUnpool2dOptions {
  readonly kernelSize: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
}

/**
 * Checks `MaxUnpool2d`'s options and resolves them to pairs.
 *
 * @throws {TypeError} for an option that is not a (positive, for kernelSize and stride;
 *   non-negative, for padding) integer or a pair of them.
 * @example
 * ```ts
 * import { resolveMaxUnpool2dOptions } from 'shapecheck';
 * resolveMaxUnpool2dOptions({ kernelSize: 3, padding: 1 }).stride;
 * //=> [3, 3]
 * ```
 * @category Shapes
 */
export function resolveMaxUnpool2dOptions(options: MaxUnpool2dOptions): ResolvedMaxUnpool2dOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('MaxUnpool2d: options must be an object');
  const pair = (param: string, value: unknown, least: number): [number, number] => {
    const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= least;
    if (ok(value)) return [value, value];
    if (Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1])) return [value[0], value[1]];
    throw new TypeError(writeMaxUnpoolOptionMessage(param, value));
  };
  const kernelSize = pair('kernelSize', options.kernelSize, 1);
  const stride = options.stride === undefined || (options.stride as unknown) === null ? kernelSize : pair('stride', options.stride, 1);
  const padding = pair('padding', options.padding === undefined ? 0 : options.padding, 0);
  return { kernelSize, stride, padding };
}

/**
 * The output shape of `MaxUnpool2d` at runtime: the twin of {@link MaxUnpool2dOutputShape}, on
 * sizes and names.
 *
 * @throws {ShapeError} when the input, the indices or the output size do not fit.
 * @example
 * ```ts
 * import { maxUnpool2dOutputShape, resolveMaxUnpool2dOptions } from 'shapecheck';
 * maxUnpool2dOutputShape(['batch', 3, 'H', 7], resolveMaxUnpool2dOptions({ kernelSize: 2 }));
 * //=> ['batch', 3, '2*H', 14]
 * ```
 * @category Shapes
 */
export function maxUnpool2dOutputShape(shape: readonly number[], params: ResolvedMaxUnpool2dOptions, indicesShape?: readonly number[], outputSize?: readonly number[]): number[];
export function maxUnpool2dOutputShape(shape: readonly Dim[], params: ResolvedMaxUnpool2dOptions, indicesShape?: readonly Dim[], outputSize?: readonly number[]): Dim[];
export function maxUnpool2dOutputShape(shape: readonly Dim[], params: ResolvedMaxUnpool2dOptions, indicesShape: readonly Dim[] = shape, outputSize?: readonly number[]): Dim[] {
  shape.forEach((dim, i) => (typeof dim === 'string' ? checkSymbolicDim('MaxUnpool2d', `input dim ${i}`, dim) : undefined));
  const rank = shape.length;
  if ((rank !== 3 && rank !== 4) || shape.slice(-3).some((d) => d === 0)) throw new ShapeError(writeMaxUnpoolInputMessage(shape));
  if (indicesShape.length !== rank || indicesShape.some((d, i) => compareDims(d, shape[i] as Dim) === 'different')) {
    throw new ShapeError(writeMaxUnpoolIndicesMessage(shape, indicesShape));
  }
  const defaults = [0, 1].map((d) => {
    const input = shape[rank - 2 + d] as Dim;
    const offset = params.kernelSize[d]! - params.stride[d]! - 2 * params.padding[d]!;
    return typeof input === 'string' ? addDims(productOfDims([input, params.stride[d]!]), offset) : (input - 1) * params.stride[d]! - 2 * params.padding[d]! + params.kernelSize[d]!;
  }) as [Dim, Dim];
  if (outputSize !== undefined) {
    if (!Array.isArray(outputSize) || (outputSize.length !== 2 && outputSize.length !== 4)) throw new ShapeError(writeMaxUnpoolOutputSizeMessage(Array.isArray(outputSize) ? outputSize : [outputSize], null, 0, 0));
    const given = outputSize.slice(-2) as [number, number];
    given.forEach((size, d) => {
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) throw new TypeError(`MaxUnpool2d: outputSize entries must be non-negative integers, got ${formatList(outputSize)}`);
      const def = defaults[d]!;
      if (typeof def === 'number') {
        const [min, max] = [def - params.stride[d]!, def + params.stride[d]!];
        if (!(min < size && size < max)) throw new ShapeError(writeMaxUnpoolOutputSizeMessage(outputSize, d, min, max));
      }
    });
    return [...shape.slice(0, -2), ...given];
  }
  ['height', 'width'].forEach((name, d) => {
    const size = defaults[d]!;
    if (typeof size === 'number' && size < 0) throw new ShapeError(writeMaxUnpoolNegativeMessage(name, size, shape[rank - 2 + d] as Dim));
  });
  return [...shape.slice(0, -2), ...defaults];
}
