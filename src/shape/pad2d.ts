/**
 * Shape rules of `nn.ZeroPad2d`, `nn.ReflectionPad2d` and `nn.ReplicationPad2d` (PyTorch 2.x
 * messages), as types and as runtime functions sharing one message text.
 * @packageDocumentation
 */
import type { Add } from '../arithmetic/add.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { LessThan } from '../arithmetic/less-than.js';
import { formatList, formatValue, type FormatList, type FormatValue } from './format.js';
import { ShapeError } from './shape-error.js';
import type { Dim, Shape } from './shape.js';
import { addDims, checkSymbolicDim } from './symbolic.js';
import type { SumOfDims } from './symbolic-types.js';

/**
 * The three 2-D padding layers.
 *
 * @example
 * ```ts
 * import type { Pad2dKind } from 'shapecheck';
 * const kind: Pad2dKind = 'ReflectionPad2d';
 * ```
 * @category Shapes
 */
export type Pad2dKind = 'ZeroPad2d' | 'ReflectionPad2d' | 'ReplicationPad2d';

/**
 * A 2-D padding: one integer for all four sides, or `[left, right, top, bottom]` (PyTorch's order).
 *
 * @example
 * ```ts
 * import type { Pad2dPadding } from 'shapecheck';
 * const padding: Pad2dPadding = [1, 1, 2, 0];
 * ```
 * @category Shapes
 */
export type Pad2dPadding = number | readonly [number, number, number, number];

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/**
 * A padding that is not an integer or a 4-tuple of integers (non-negative for reflection and
 * replication, which cannot crop).
 *
 * @example
 * ```ts
 * import type { Pad2dOptionMessage } from 'shapecheck';
 * type M = Pad2dOptionMessage<'ZeroPad2d', [1, 2]>;
 * //=> 'ZeroPad2d: padding must be an int or a 4-tuple of ints (left, right, top, bottom), got padding=[1, 2]'
 * ```
 * @category Messages
 */
export type Pad2dOptionMessage<Layer extends string, Value> = `${Layer}: padding must be ${Layer extends 'ZeroPad2d' ? 'an int or a 4-tuple of ints' : 'a non-negative int or a 4-tuple of non-negative ints'} (left, right, top, bottom), got padding=${FormatValue<Value>}`;
/**
 * Runtime twin of {@link Pad2dOptionMessage}.
 *
 * @example
 * ```ts
 * import { writePad2dOptionMessage } from 'shapecheck';
 * writePad2dOptionMessage('ReflectionPad2d', -1);
 * //=> 'ReflectionPad2d: padding must be a non-negative int or a 4-tuple of non-negative ints (left, right, top, bottom), got padding=-1'
 * ```
 * @category Messages
 */
export function writePad2dOptionMessage(layer: Pad2dKind, value: unknown): string {
  const what = layer === 'ZeroPad2d' ? 'an int or a 4-tuple of ints' : 'a non-negative int or a 4-tuple of non-negative ints';
  return `${layer}: padding must be ${what} (left, right, top, bottom), got padding=${formatOption(value)}`;
}

/**
 * An input of the wrong rank (ZeroPad2d: fewer than 2 dims; the others: not 3-D or 4-D, or with
 * an empty channel, height or width).
 *
 * @example
 * ```ts
 * import type { Pad2dInputMessage } from 'shapecheck';
 * type M = Pad2dInputMessage<'ReplicationPad2d', [3, 3]>;
 * //=> 'ReplicationPad2d: Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [3, 3]'
 * ```
 * @category Messages
 */
export type Pad2dInputMessage<Layer extends string, S extends readonly unknown[]> = Layer extends 'ZeroPad2d'
  ? `ZeroPad2d: Length of pad should be no more than twice the number of dimensions of the input. Pad length is 4 while the input has ${S['length']} dimensions.`
  : `${Layer}: Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${FormatList<S>}`;
/**
 * Runtime twin of {@link Pad2dInputMessage}.
 *
 * @example
 * ```ts
 * import { writePad2dInputMessage } from 'shapecheck';
 * writePad2dInputMessage('ZeroPad2d', [5]);
 * //=> 'ZeroPad2d: Length of pad should be no more than twice the number of dimensions of the input. Pad length is 4 while the input has 1 dimensions.'
 * ```
 * @category Messages
 */
export function writePad2dInputMessage(layer: Pad2dKind, shape: readonly unknown[]): string {
  return layer === 'ZeroPad2d'
    ? `ZeroPad2d: Length of pad should be no more than twice the number of dimensions of the input. Pad length is 4 while the input has ${shape.length} dimensions.`
    : `${layer}: Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${formatList(shape)}`;
}

/**
 * A reflection pad as large as its dim (`ReflectionPad2d` needs each pad < the dim it pads).
 *
 * @example
 * ```ts
 * import type { ReflectionPadSizeMessage } from 'shapecheck';
 * type M = ReflectionPadSizeMessage<3, 3, 3, [1, 1, 3, 3]>;
 * //=> 'ReflectionPad2d: Padding size should be less than the corresponding input dimension, but got: padding (3, 3) at dimension 3 of input [1, 1, 3, 3]'
 * ```
 * @category Messages
 */
export type ReflectionPadSizeMessage<Before extends number, After extends number, DimIndex extends number, S extends readonly unknown[]> =
  `ReflectionPad2d: Padding size should be less than the corresponding input dimension, but got: padding (${Before}, ${After}) at dimension ${DimIndex} of input ${FormatList<S>}`;
/**
 * Runtime twin of {@link ReflectionPadSizeMessage}.
 *
 * @example
 * ```ts
 * import { writeReflectionPadSizeMessage } from 'shapecheck';
 * writeReflectionPadSizeMessage(3, 0, 1, [1, 3, 5]);
 * //=> 'ReflectionPad2d: Padding size should be less than the corresponding input dimension, but got: padding (3, 0) at dimension 1 of input [1, 3, 5]'
 * ```
 * @category Messages
 */
export function writeReflectionPadSizeMessage(before: number, after: number, dimIndex: number, shape: readonly unknown[]): string {
  return `ReflectionPad2d: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${dimIndex} of input ${formatList(shape)}`;
}

/**
 * Negative zero-padding that crops a dim below zero.
 *
 * @example
 * ```ts
 * import type { ZeroPadCropMessage } from 'shapecheck';
 * type M = ZeroPadCropMessage<3, -2, -2, 2>;
 * //=> 'ZeroPad2d: The input size 3, plus negative padding -2 and -2 resulted in a negative output size, which is invalid. Check dimension 2 of your input.'
 * ```
 * @category Messages
 */
export type ZeroPadCropMessage<Size extends number, Before extends number, After extends number, DimIndex extends number> =
  `ZeroPad2d: The input size ${Size}, plus negative padding ${Before} and ${After} resulted in a negative output size, which is invalid. Check dimension ${DimIndex} of your input.`;
/**
 * Runtime twin of {@link ZeroPadCropMessage}.
 *
 * @example
 * ```ts
 * import { writeZeroPadCropMessage } from 'shapecheck';
 * writeZeroPadCropMessage(2, -3, 0, 1);
 * //=> 'ZeroPad2d: The input size 2, plus negative padding -3 and 0 resulted in a negative output size, which is invalid. Check dimension 1 of your input.'
 * ```
 * @category Messages
 */
export function writeZeroPadCropMessage(size: number, before: number, after: number, dimIndex: number): string {
  return `ZeroPad2d: The input size ${size}, plus negative padding ${before} and ${after} resulted in a negative output size, which is invalid. Check dimension ${dimIndex} of your input.`;
}

function formatOption(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return formatList(value);
  return formatValue(value);
}

// ---------------------------------------------------------------------------------------------
// Type level.

/**
 * A padding as `[left, right, top, bottom]`, or the options message.
 *
 * @example
 * ```ts
 * import type { Pad2dQuad } from 'shapecheck';
 * type Q = Pad2dQuad<'ZeroPad2d', 2>;
 * //=> [2, 2, 2, 2]
 * ```
 * @category Shapes
 */
export type Pad2dQuad<Layer extends string, P> = P extends number
  ? number extends P
    ? [number, number, number, number]
    : IsIntegerLiteral<P> extends false
      ? ErrorMessage<Pad2dOptionMessage<Layer, P>>
      : Layer extends 'ZeroPad2d'
        ? [P, P, P, P]
        : `${P}` extends `-${string}`
          ? ErrorMessage<Pad2dOptionMessage<Layer, P>>
          : [P, P, P, P]
  : P extends readonly [infer L extends number, infer R extends number, infer T extends number, infer B extends number]
    ? [L, R, T, B] extends [IntLike<L, Layer>, IntLike<R, Layer>, IntLike<T, Layer>, IntLike<B, Layer>]
      ? [L, R, T, B]
      : ErrorMessage<Pad2dOptionMessage<Layer, P>>
    : ErrorMessage<Pad2dOptionMessage<Layer, P>>;

type IsIntegerLiteral<N extends number> = `${N}` extends `${string}.${string}` | `${string}e${string}` | 'NaN' | 'Infinity' | '-Infinity' ? false : true;
/** N itself when it is an allowed integer for the layer (any number when only `number` is known), otherwise never. */
type IntLike<N extends number, Layer extends string> = number extends N
  ? N
  : IsIntegerLiteral<N> extends false
    ? never
    : Layer extends 'ZeroPad2d'
      ? N
      : `${N}` extends `-${string}`
        ? never
        : N;

/**
 * The shape after a 2-D padding layer: the last dim grows by left + right, the one before by top +
 * bottom, exactly on literal dims and on names (`'H'` padded by 1 and 2 is `'H+3'`); a rank the
 * layer does not take, a reflection pad not smaller than its dim, an empty dim for reflection or
 * replication, or a crop below zero is an {@link ErrorMessage} with the runtime's words. A
 * reflection pad on a named dim is not checked until the name has a size (as Conv2d's `'reflect'`).
 *
 * @example
 * ```ts
 * import type { Pad2dOutputShape } from 'shapecheck';
 * type A = Pad2dOutputShape<['batch', 3, 'H', 'W'], 'ZeroPad2d', [0, 0, 1, 2]>;
 * //=> ['batch', 3, 'H+3', 'W']
 * type B = Pad2dOutputShape<[1, 4, 4], 'ReflectionPad2d', 2>;
 * //=> [1, 8, 8]
 * ```
 * @category Shapes
 */
export type Pad2dOutputShape<S extends Shape, Layer extends Pad2dKind, P> =
  Pad2dQuad<Layer, P> extends infer Quad
    ? Quad extends ErrorMessage<string>
      ? Quad
      : Quad extends [infer L extends number, infer R extends number, infer T extends number, infer B extends number]
        ? number extends S['length']
          ? number[]
          : Pad2dFits<S, Layer> extends false
            ? ErrorMessage<Pad2dInputMessage<Layer, S>>
            : S extends readonly [...infer Lead, infer H, infer W]
              ? [PadOne<Layer, H, T, B, Lead['length'], S>, PadOne<Layer, W, L, R, Add<Lead['length'], 1> & number, S>] extends [infer NewH, infer NewW]
                ? Layer extends 'ReflectionPad2d'
                  ? NewW extends ErrorMessage<string>
                    ? NewW
                    : NewH extends ErrorMessage<string>
                      ? NewH
                      : [...Lead, NewH, NewW]
                  : NewH extends ErrorMessage<string>
                    ? NewH
                    : NewW extends ErrorMessage<string>
                      ? NewW
                      : [...Lead, NewH, NewW]
                : never
              : never
        : never
    : never;

/** Whether the rank (and, for reflection/replication, non-empty channel/height/width) fits. */
type Pad2dFits<S extends readonly unknown[], Layer extends string> = Layer extends 'ZeroPad2d'
  ? S['length'] extends 0 | 1
    ? false
    : true
  : S['length'] extends 3 | 4
    ? S extends readonly [...unknown[], infer C, infer H, infer W]
      ? [C, H, W] extends [0, unknown, unknown] | [unknown, 0, unknown] | [unknown, unknown, 0]
        ? false
        : true
      : false
    : false;

/**
 * One padded dim (the zero-pad's crop check is on the height first in PyTorch; here each dim
 * checks its own, the height's error winning when both fail).
 */
type PadOne<Layer extends string, Size, Before extends number, After extends number, DimIndex extends number, S extends readonly unknown[]> =
  number extends Before | After
    ? Size extends string
      ? string
      : number
    : Add<Before, After> extends infer Total extends number
      ? Size extends number
        ? number extends Size
          ? number
          : Layer extends 'ReflectionPad2d'
            ? LessThan<Before, Size> extends true
              ? LessThan<After, Size> extends true
                ? Add<Size, Total>
                : ErrorMessage<ReflectionPadSizeMessage<Before, After, DimIndex, S>>
              : ErrorMessage<ReflectionPadSizeMessage<Before, After, DimIndex, S>>
            : Add<Size, Total> extends infer Result extends number
              ? `${Result}` extends `-${string}`
                ? ErrorMessage<ZeroPadCropMessage<Size, Before, After, DimIndex>>
                : Result
              : never
        : Size extends string
          ? SumOfDims<Size, Total>
          : number
      : never;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * The padding as `[left, right, top, bottom]`, checked as the layer's constructor does.
 *
 * @throws {TypeError} for a padding that is not an int or a 4-tuple of ints (non-negative for
 *   reflection and replication).
 * @example
 * ```ts
 * import { resolvePad2dPadding } from 'shapecheck';
 * resolvePad2dPadding('ZeroPad2d', 2);
 * //=> [2, 2, 2, 2]
 * ```
 * @category Shapes
 */
export function resolvePad2dPadding(layer: Pad2dKind, padding: unknown): [number, number, number, number] {
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && (layer === 'ZeroPad2d' || n >= 0);
  if (ok(padding)) return [padding, padding, padding, padding];
  if (Array.isArray(padding) && padding.length === 4 && padding.every(ok)) return [...padding] as [number, number, number, number];
  throw new TypeError(writePad2dOptionMessage(layer, padding));
}

/**
 * The output shape of a 2-D padding layer (runtime twin of {@link Pad2dOutputShape}): exact on
 * literal dims and on names.
 *
 * @throws {ShapeError} when the input does not fit (the words the compiler shows).
 * @example
 * ```ts
 * import { pad2dOutputShape } from 'shapecheck';
 * pad2dOutputShape(['batch', 3, 'H', 'W'], 'ReflectionPad2d', [0, 0, 1, 2]);
 * //=> ['batch', 3, 'H+3', 'W']
 * ```
 * @category Shapes
 */
export function pad2dOutputShape(shape: readonly number[], layer: Pad2dKind, padding: Pad2dPadding): number[];
export function pad2dOutputShape(shape: readonly Dim[], layer: Pad2dKind, padding: Pad2dPadding): Dim[];
export function pad2dOutputShape(shape: readonly Dim[], layer: Pad2dKind, padding: Pad2dPadding): Dim[] {
  const [left, right, top, bottom] = resolvePad2dPadding(layer, padding);
  shape.forEach((dim, i) => (typeof dim === 'string' ? checkSymbolicDim(layer, `input dim ${i}`, dim) : undefined));
  const rank = shape.length;
  const fits = layer === 'ZeroPad2d' ? rank >= 2 : (rank === 3 || rank === 4) && shape.slice(-3).every((d) => d !== 0);
  if (!fits) throw new ShapeError(writePad2dInputMessage(layer, shape));
  const height = shape[rank - 2] as Dim;
  const width = shape[rank - 1] as Dim;
  const padOne = (size: Dim, before: number, after: number, dimIndex: number): Dim => {
    if (typeof size === 'string') return addDims(size, before + after);
    if (layer === 'ReflectionPad2d' && (before >= size || after >= size)) throw new ShapeError(writeReflectionPadSizeMessage(before, after, dimIndex, shape));
    if (size + before + after < 0) throw new ShapeError(writeZeroPadCropMessage(size, before, after, dimIndex));
    return size + before + after;
  };
  // PyTorch checks the width's reflection pad first, and the height's crop first
  let outHeight: Dim;
  let outWidth: Dim;
  if (layer === 'ReflectionPad2d') {
    outWidth = padOne(width, left, right, rank - 1);
    outHeight = padOne(height, top, bottom, rank - 2);
  } else {
    outHeight = padOne(height, top, bottom, rank - 2);
    outWidth = padOne(width, left, right, rank - 1);
  }
  return [...shape.slice(0, rank - 2), outHeight, outWidth];
}
