import { namesIn, productOfDims } from './symbolic.js';
import type { NamesIn, ProductOfDims } from './symbolic-types.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { Add } from '../arithmetic/add.js';
import type { LessThan } from '../arithmetic/less-than.js';
import type { Subtract } from '../arithmetic/subtract.js';
import type { NaturalDigits } from '../arithmetic/internal/signed.js';
import { formatList, formatValue, type FormatList, type FormatValue } from './format.js';
import { numel, type Numel } from './reshape.js';
import { ShapeError } from './shape-error.js';
import type { Shape } from './shape.js';

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/**
 * An input whose last dim is not `inFeatures` (with PyTorch's phrase).
 *
 * @example
 * ```ts
 * import type { LinearFeaturesMessage } from 'shapecheck';
 * type M = LinearFeaturesMessage<[1, 400], 576, 400>;
 * //=> 'Linear: expected input[1, 400] to have 576 features in its last dim, got 400 (mat1 and mat2 shapes cannot be multiplied)'
 * ```
 * @category Messages
 */
export type LinearFeaturesMessage<InputShape extends readonly unknown[], Expected extends number | string, Got> =
  `Linear: expected input${FormatList<InputShape>} to have ${Expected} features in its last dim, got ${Got & (number | string)} (mat1 and mat2 shapes cannot be multiplied)`;
/**
 * Runtime twin of {@link LinearFeaturesMessage}.
 *
 * @example
 * ```ts
 * import { writeLinearFeaturesMessage } from 'shapecheck';
 * writeLinearFeaturesMessage([1, 400], 576, 400);
 * //=> 'Linear: expected input[1, 400] to have 576 features in its last dim, got 400 (mat1 and mat2 shapes cannot be multiplied)'
 * ```
 * @category Messages
 */
export function writeLinearFeaturesMessage(inputShape: readonly (number | string)[], expected: number, got: number): string {
  return `Linear: expected input${formatList(inputShape)} to have ${expected} features in its last dim, got ${got} (mat1 and mat2 shapes cannot be multiplied)`;
}

/**
 * A `Linear` whose input features depend on named sizes (after a `Flatten` of named height and
 * width): it fits at most finitely many of them, so it is an error that says why and what to do.
 *
 * @example
 * ```ts
 * import type { LinearSymbolicFeaturesMessage } from 'shapecheck';
 * type M = LinearSymbolicFeaturesMessage<400, '16*((H-12)//4)*((W-12)//4)'>;
 * //=> 'Linear: expected 400 input features, got 16*((H-12)//4)*((W-12)//4), which depends on H, W (use AdaptiveAvgPool2d, or give H, W sizes)'
 * ```
 * @category Messages
 */
export type LinearSymbolicFeaturesMessage<Expected extends number, Got extends string> =
  `Linear: expected ${Expected} input features, got ${Got}, which depends on ${NamesIn<Got>} (use AdaptiveAvgPool2d, or give ${NamesIn<Got>} sizes)`;
/**
 * Runtime twin of {@link LinearSymbolicFeaturesMessage}.
 *
 * @example
 * ```ts
 * import { writeLinearSymbolicFeaturesMessage } from 'shapecheck';
 * writeLinearSymbolicFeaturesMessage(400, '16*((H-12)//4)*((W-12)//4)');
 * //=> 'Linear: expected 400 input features, got 16*((H-12)//4)*((W-12)//4), which depends on H, W (use AdaptiveAvgPool2d, or give H, W sizes)'
 * ```
 * @category Messages
 */
export function writeLinearSymbolicFeaturesMessage(expected: number, got: string): string {
  const names = namesIn(got);
  return `Linear: expected ${expected} input features, got ${got}, which depends on ${names} (use AdaptiveAvgPool2d, or give ${names} sizes)`;
}

/**
 * A `Linear` whose input features come from a `Flatten`, explained: the expected count, the count
 * that arrived as the product of the flattened dims, and the shape the `Flatten` received.
 *
 * @example
 * ```ts
 * import type { LinearAfterFlattenMessage } from 'shapecheck';
 * type M = LinearAfterFlattenMessage<576, 400, [16, 5, 5], [1, 16, 5, 5]>;
 * //=> 'Linear: expected 576 input features, got 400 = 16·5·5 from Flatten of [1, 16, 5, 5]'
 * ```
 * @category Messages
 */
export type LinearAfterFlattenMessage<Expected extends number, Got extends number, Factors extends readonly unknown[], FlattenInput extends readonly unknown[]> =
  `Linear: expected ${Expected} input features, got ${Got}${Factors extends readonly [unknown, unknown, ...unknown[]] ? ` = ${JoinProduct<Factors>}` : ''} from Flatten of ${FormatList<FlattenInput>}`;
/** `16·5·5`. */
type JoinProduct<Factors extends readonly unknown[]> = Factors extends readonly [infer Head]
  ? FormatValue<Head>
  : Factors extends readonly [infer Head, ...infer Tail]
    ? `${FormatValue<Head>}·${JoinProduct<Tail>}`
    : '';
/**
 * Runtime twin of {@link LinearAfterFlattenMessage}.
 *
 * @example
 * ```ts
 * import { writeLinearAfterFlattenMessage } from 'shapecheck';
 * writeLinearAfterFlattenMessage(576, 400, [16, 5, 5], [1, 16, 5, 5]);
 * //=> 'Linear: expected 576 input features, got 400 = 16·5·5 from Flatten of [1, 16, 5, 5]'
 * ```
 * @category Messages
 */
export function writeLinearAfterFlattenMessage(expected: number, got: number, factors: readonly unknown[], flattenInput: readonly unknown[]): string {
  const product = factors.length >= 2 ? ` = ${factors.map(formatValue).join('·')}` : '';
  return `Linear: expected ${expected} input features, got ${got}${product} from Flatten of ${formatList(flattenInput)}`;
}

/**
 * A dim index outside the input's dims.
 *
 * @example
 * ```ts
 * import type { DimRangeMessage } from 'shapecheck';
 * type M = DimRangeMessage<'Flatten', 'startDim', 4, 4>;
 * //=> 'Flatten: startDim 4 is out of range for a 4-D input (Dimension out of range)'
 * ```
 * @category Messages
 */
export type DimRangeMessage<Op extends string, Param extends string, Value extends number, Rank extends number> =
  `${Op}: ${Param} ${Value} is out of range for a ${Rank}-D input (Dimension out of range)`;
/**
 * Runtime twin of {@link DimRangeMessage}.
 *
 * @example
 * ```ts
 * import { writeDimRangeMessage } from 'shapecheck';
 * writeDimRangeMessage('Flatten', 'startDim', 4, 4);
 * //=> 'Flatten: startDim 4 is out of range for a 4-D input (Dimension out of range)'
 * ```
 * @category Messages
 */
export function writeDimRangeMessage(op: string, param: string, value: number, rank: number): string {
  return `${op}: ${param} ${value} is out of range for a ${rank}-D input (Dimension out of range)`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/** The last element of a tuple. */
type Last<S extends readonly unknown[]> = S extends readonly [...unknown[], infer L] ? L : never;
/** All but the last element. */
type Init<S extends readonly unknown[]> = S extends readonly [...infer I, unknown] ? I : never;

/**
 * The output shape of `nn.Linear(inFeatures, outFeatures)`: the last dim becomes `OutFeatures`;
 * a literal last dim other than `InFeatures` is an {@link ErrorMessage} with the runtime's words.
 *
 * @example
 * ```ts
 * import type { LinearOutputShape } from 'shapecheck';
 * type A = LinearOutputShape<['batch', 400], 400, 120>;
 * //=> ['batch', 120]
 * ```
 * @category Shapes
 */
export type LinearOutputShape<InputShape extends Shape, InFeatures extends number, OutFeatures extends number> =
  InputShape extends unknown
    ? number extends InputShape['length']
      ? number[]
      : InputShape extends readonly []
        ? ErrorMessage<`Linear: expected an input with at least 1 dim, got ${FormatList<InputShape>}`>
        : Last<InputShape> extends infer Features
          ? Features extends number
            ? number extends Features
              ? [...Init<InputShape>, OutFeatures]
              : number extends InFeatures
                ? [...Init<InputShape>, OutFeatures]
                : Features extends InFeatures
                  ? [...Init<InputShape>, OutFeatures]
                  : ErrorMessage<LinearFeaturesMessage<InputShape, InFeatures, Features>>
            : // an expression of names: equal to a literal for finitely many sizes at most
              Features extends string
              ? number extends InFeatures
                ? [...Init<InputShape>, OutFeatures]
                : ErrorMessage<LinearSymbolicFeaturesMessage<InFeatures, Features>>
              : [...Init<InputShape>, OutFeatures]
          : never
    : never;

/** A dim index normalised against a rank (negative counts from the end), or never when out of range. */
export type NormalizeDim<Dim extends number, Rank extends number> = `${Dim}` extends `-${string}`
  ? Add<Dim, Rank> extends infer Index extends number
    ? `${Index}` extends `-${string}`
      ? never
      : Index
    : never
  : NaturalDigits<Dim> extends string
    ? LessThan<Dim, Rank> extends true
      ? Dim
      : never
    : never;

/** A tuple of N unknowns (dim counts are small). */
type Repeat<N extends number, Acc extends unknown[] = []> = Acc['length'] extends N ? Acc : Repeat<N, [...Acc, unknown]>;

/**
 * The output shape of `nn.Flatten(startDim, endDim)` (defaults 1 and −1, as PyTorch): dims
 * `startDim..endDim` become their product (exact for literal dims, `number` otherwise).
 *
 * @example
 * ```ts
 * import type { FlattenOutputShape } from 'shapecheck';
 * type A = FlattenOutputShape<[1, 16, 5, 5]>;
 * //=> [1, 400]
 * type B = FlattenOutputShape<['batch', 16, 5, 5]>;
 * //=> ['batch', 400]
 * ```
 * @category Shapes
 */
export type FlattenOutputShape<InputShape extends Shape, StartDim extends number = 1, EndDim extends number = -1> =
  InputShape extends unknown
    ? number extends InputShape['length']
      ? number[]
      : NormalizeDim<StartDim, InputShape['length']> extends infer Start extends number
        ? [Start] extends [never]
          ? ErrorMessage<DimRangeMessage<'Flatten', 'startDim', StartDim, InputShape['length']>>
          : NormalizeDim<EndDim, InputShape['length']> extends infer End extends number
            ? [End] extends [never]
              ? ErrorMessage<DimRangeMessage<'Flatten', 'endDim', EndDim, InputShape['length']>>
              : FlattenRange<InputShape, Start, End, StartDim, EndDim>
            : never
        : never
    : never;

type FlattenRange<S extends Shape, Start extends number, End extends number, StartDim extends number, EndDim extends number> =
  LessThan<End, Start> extends true
    ? ErrorMessage<`Flatten: startDim ${StartDim} must not come after endDim ${EndDim}`>
    : S extends readonly [...Repeat<Start>, ...infer Rest]
      ? Subtract<End, Start> extends infer Span extends number
        ? SplitFront<Rest, Add<Span, 1> & number> extends [infer Middle extends Shape, infer Tail extends unknown[]]
          ? [...TakeFront<S, Start>, Middle extends readonly number[] ? Numel<Middle> : ProductOfDims<Middle>, ...Tail]
          : never
        : never
      : never;
/** `[first N elements, the rest]`. */
type SplitFront<S extends readonly unknown[], N extends number, Acc extends unknown[] = []> = Acc['length'] extends N
  ? [Acc, S]
  : S extends readonly [infer H, ...infer T]
    ? SplitFront<T, N, [...Acc, H]>
    : [Acc, []];
type TakeFront<S extends readonly unknown[], N extends number, Acc extends unknown[] = []> = Acc['length'] extends N
  ? Acc
  : S extends readonly [infer H, ...infer T]
    ? TakeFront<T, N, [...Acc, H]>
    : Acc;

/**
 * The dims a `Flatten(StartDim, EndDim)` multiplies into its last dim, or `never` when its range
 * does not end at the last dim (then its output's last dim is not their product).
 */
export type FlattenedLastFactors<InputShape extends Shape, StartDim extends number, EndDim extends number> =
  NormalizeDim<StartDim, InputShape['length']> extends infer Start extends number
    ? NormalizeDim<EndDim, InputShape['length']> extends infer End extends number
      ? [Start] extends [never]
        ? never
        : [End] extends [never]
          ? never
          : Add<End, 1> extends InputShape['length']
            ? InputShape extends readonly [...Repeat<Start>, ...infer Rest]
              ? Rest
              : never
            : never
      : never
    : never;

// ---------------------------------------------------------------------------------------------
// Runtime.

/**
 * The output shape of `nn.Linear` for an input shape (runtime twin of {@link LinearOutputShape}).
 *
 * @throws {ShapeError} when the last dim is not `inFeatures` or the input has no dims.
 * @example
 * ```ts
 * import { linearOutputShape } from 'shapecheck';
 * linearOutputShape([8, 400], 400, 120);
 * //=> [8, 120]
 * ```
 * @category Shapes
 */
export function linearOutputShape(inputShape: readonly number[], inFeatures: number, outFeatures: number): number[];
export function linearOutputShape(inputShape: readonly (number | string)[], inFeatures: number, outFeatures: number): (number | string)[];
export function linearOutputShape(inputShape: readonly (number | string)[], inFeatures: number, outFeatures: number): (number | string)[] {
  if (inputShape.length === 0) throw new ShapeError(`Linear: expected an input with at least 1 dim, got ${formatList(inputShape)}`);
  const features = inputShape[inputShape.length - 1] as number | string;
  if (typeof features === 'string') throw new ShapeError(writeLinearSymbolicFeaturesMessage(inFeatures, features));
  if (features !== inFeatures) throw new ShapeError(writeLinearFeaturesMessage(inputShape, inFeatures, features));
  return [...inputShape.slice(0, -1), outFeatures];
}

/**
 * The output shape of `nn.Flatten(startDim, endDim)` (runtime twin of {@link FlattenOutputShape}).
 *
 * @throws {RangeError} when a dim index is out of range.
 * @example
 * ```ts
 * import { flattenOutputShape } from 'shapecheck';
 * flattenOutputShape([1, 16, 5, 5]);
 * //=> [1, 400]
 * ```
 * @category Shapes
 */
export function flattenOutputShape(inputShape: readonly number[], startDim?: number, endDim?: number): number[];
export function flattenOutputShape(inputShape: readonly (number | string)[], startDim?: number, endDim?: number): (number | string)[];
export function flattenOutputShape(inputShape: readonly (number | string)[], startDim = 1, endDim = -1): (number | string)[] {
  const rank = inputShape.length;
  const normalize = (param: string, dim: number): number => {
    const index = normalizeDim(dim, rank);
    if (index === undefined) throw new RangeError(writeDimRangeMessage('Flatten', param, dim, rank));
    return index;
  };
  const start = normalize('startDim', startDim);
  const end = normalize('endDim', endDim);
  if (start > end) throw new RangeError(`Flatten: startDim ${startDim} must not come after endDim ${endDim}`);
  const middle = inputShape.slice(start, end + 1);
  const product = middle.every((dim) => typeof dim === 'number') ? numel(middle as number[]) : productOfDims(middle);
  return [...inputShape.slice(0, start), product, ...inputShape.slice(end + 1)];
}

/**
 * The dims a `Flatten(startDim, endDim)` multiplies into its last dim, or `undefined` when its
 * range does not end at the last dim (runtime twin of `FlattenedLastFactors`).
 */
export function flattenedLastFactors(inputShape: readonly unknown[], startDim: number, endDim: number): unknown[] | undefined {
  const start = normalizeDim(startDim, inputShape.length);
  if (start === undefined || normalizeDim(endDim, inputShape.length) !== inputShape.length - 1) return undefined;
  return inputShape.slice(start);
}

/**
 * A dim index against a rank, negative counting from the end: the index, or `undefined` when it
 * is not an integer in range (runtime twin of `NormalizeDim`).
 */
export function normalizeDim(dim: number, rank: number): number | undefined {
  const index = dim < 0 ? dim + rank : dim;
  return Number.isInteger(dim) && index >= 0 && index < rank ? index : undefined;
}
