/**
 * Shape rules of `nn.LayerNorm`, `nn.GroupNorm`, `nn.InstanceNorm2d` and `nn.BatchNorm1d`
 * (PyTorch 2.x semantics, checked against PyTorch 1.13's messages), as types and as runtime
 * functions sharing one message text. A dim that is a name is compared with the symbolic engine
 * ({@link compareDims} / {@link CompareDims}): an error only where the sizes are proved different.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { Mod } from '../arithmetic/mod.js';
import { formatList, type FormatList, type FormatValue } from './format.js';
import { ShapeError } from './shape-error.js';
import type { Shape } from './shape.js';
import { compareDims } from './symbolic.js';
import type { CompareDims } from './symbolic-types.js';

// ---------------------------------------------------------------------------------------------
// Messages: each runtime writer and its type twin produce the same words.

/**
 * An input to `LayerNorm` whose trailing dims are not `normalizedShape` (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { LayerNormShapeMessage } from 'shapecheck';
 * type M = LayerNormShapeMessage<[2, 3], [4]>;
 * //=> 'LayerNorm: Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 3]'
 * ```
 * @category Messages
 */
export type LayerNormShapeMessage<InputShape extends readonly unknown[], NormalizedShape extends readonly unknown[]> =
  `LayerNorm: Given normalized_shape=${FormatList<NormalizedShape>}, expected input with shape ${FormatList<['*', ...NormalizedShape]>}, but got input of size${FormatList<InputShape>}`;
/**
 * Runtime twin of {@link LayerNormShapeMessage}.
 *
 * @example
 * ```ts
 * import { writeLayerNormShapeMessage } from 'shapecheck';
 * writeLayerNormShapeMessage([2, 3], [4]);
 * //=> 'LayerNorm: Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 3]'
 * ```
 * @category Messages
 */
export function writeLayerNormShapeMessage(inputShape: readonly unknown[], normalizedShape: readonly unknown[]): string {
  return `LayerNorm: Given normalized_shape=${formatList(normalizedShape)}, expected input with shape ${formatList(['*', ...normalizedShape])}, but got input of size${formatList(inputShape)}`;
}

/**
 * A `LayerNorm` `normalizedShape` with no dims (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { LayerNormEmptyShapeMessage } from 'shapecheck';
 * type M = LayerNormEmptyShapeMessage;
 * //=> 'LayerNorm: normalizedShape must have at least one dim, got [] (Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = [])'
 * ```
 * @category Messages
 */
export type LayerNormEmptyShapeMessage =
  'LayerNorm: normalizedShape must have at least one dim, got [] (Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = [])';
/**
 * Runtime twin of {@link LayerNormEmptyShapeMessage}.
 *
 * @example
 * ```ts
 * import { writeLayerNormEmptyShapeMessage } from 'shapecheck';
 * writeLayerNormEmptyShapeMessage().startsWith('LayerNorm: normalizedShape must have at least one dim');
 * //=> true
 * ```
 * @category Messages
 */
export function writeLayerNormEmptyShapeMessage(): LayerNormEmptyShapeMessage {
  return 'LayerNorm: normalizedShape must have at least one dim, got [] (Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = [])';
}

/**
 * An input to `GroupNorm` with fewer than 2 dims (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { GroupNormRankMessage } from 'shapecheck';
 * type M = GroupNormRankMessage<[4]>;
 * //=> 'GroupNorm: expected input of at least 2 dims [N, C, *], got input of size: [4] (Expected at least 2 dimensions for input tensor but received 1)'
 * ```
 * @category Messages
 */
export type GroupNormRankMessage<InputShape extends readonly unknown[]> =
  `GroupNorm: expected input of at least 2 dims [N, C, *], got input of size: ${FormatList<InputShape>} (Expected at least 2 dimensions for input tensor but received ${InputShape['length']})`;
/**
 * Runtime twin of {@link GroupNormRankMessage}.
 *
 * @example
 * ```ts
 * import { writeGroupNormRankMessage } from 'shapecheck';
 * writeGroupNormRankMessage([4]);
 * //=> 'GroupNorm: expected input of at least 2 dims [N, C, *], got input of size: [4] (Expected at least 2 dimensions for input tensor but received 1)'
 * ```
 * @category Messages
 */
export function writeGroupNormRankMessage(inputShape: readonly unknown[]): string {
  return `GroupNorm: expected input of at least 2 dims [N, C, *], got input of size: ${formatList(inputShape)} (Expected at least 2 dimensions for input tensor but received ${inputShape.length})`;
}

/**
 * An input to `GroupNorm` whose channels `numGroups` does not divide (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { GroupNormGroupsMessage } from 'shapecheck';
 * type M = GroupNormGroupsMessage<[1, 5, 3], 2>;
 * //=> 'GroupNorm: expected input[1, 5, 3] to have channels divisible by numGroups (2), got 5 (Expected number of channels in input to be divisible by num_groups, but got input of shape [1, 5, 3] and num_groups=2)'
 * ```
 * @category Messages
 */
export type GroupNormGroupsMessage<InputShape extends readonly unknown[], NumGroups extends number> =
  `GroupNorm: expected input${FormatList<InputShape>} to have channels divisible by numGroups (${NumGroups}), got ${FormatValue<InputShape[1]>} (Expected number of channels in input to be divisible by num_groups, but got input of shape ${FormatList<InputShape>} and num_groups=${NumGroups})`;
/**
 * Runtime twin of {@link GroupNormGroupsMessage}.
 *
 * @example
 * ```ts
 * import { writeGroupNormGroupsMessage } from 'shapecheck';
 * writeGroupNormGroupsMessage([1, 5, 3], 2);
 * //=> 'GroupNorm: expected input[1, 5, 3] to have channels divisible by numGroups (2), got 5 (Expected number of channels in input to be divisible by num_groups, but got input of shape [1, 5, 3] and num_groups=2)'
 * ```
 * @category Messages
 */
export function writeGroupNormGroupsMessage(inputShape: readonly unknown[], numGroups: number): string {
  return `GroupNorm: expected input${formatList(inputShape)} to have channels divisible by numGroups (${numGroups}), got ${String(inputShape[1])} (Expected number of channels in input to be divisible by num_groups, but got input of shape ${formatList(inputShape)} and num_groups=${numGroups})`;
}

/**
 * An input to an affine `GroupNorm` whose channels are not `numChannels` (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { GroupNormChannelsMessage } from 'shapecheck';
 * type M = GroupNormChannelsMessage<[1, 6, 3], 4>;
 * //=> 'GroupNorm: expected input[1, 6, 3] to have 4 channels (numChannels), got 6 (Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [4] and input of shape [1, 6, 3])'
 * ```
 * @category Messages
 */
export type GroupNormChannelsMessage<InputShape extends readonly unknown[], NumChannels extends number> =
  `GroupNorm: expected input${FormatList<InputShape>} to have ${NumChannels} channels (numChannels), got ${FormatValue<InputShape[1]>} (Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [${NumChannels}] and input of shape ${FormatList<InputShape>})`;
/**
 * Runtime twin of {@link GroupNormChannelsMessage}.
 *
 * @example
 * ```ts
 * import { writeGroupNormChannelsMessage } from 'shapecheck';
 * writeGroupNormChannelsMessage([1, 6, 3], 4);
 * //=> 'GroupNorm: expected input[1, 6, 3] to have 4 channels (numChannels), got 6 (Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [4] and input of shape [1, 6, 3])'
 * ```
 * @category Messages
 */
export function writeGroupNormChannelsMessage(inputShape: readonly unknown[], numChannels: number): string {
  return `GroupNorm: expected input${formatList(inputShape)} to have ${numChannels} channels (numChannels), got ${String(inputShape[1])} (Expected weight to be a vector of size equal to the number of channels in input, but got weight of shape [${numChannels}] and input of shape ${formatList(inputShape)})`;
}

/**
 * `GroupNorm` options whose `numChannels` `numGroups` does not divide (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { GroupNormOptionsMessage } from 'shapecheck';
 * type M = GroupNormOptionsMessage<3, 4>;
 * //=> 'GroupNorm: numChannels must be divisible by numGroups, got numChannels=4 and numGroups=3 (num_channels must be divisible by num_groups)'
 * ```
 * @category Messages
 */
export type GroupNormOptionsMessage<NumGroups extends number, NumChannels extends number> =
  `GroupNorm: numChannels must be divisible by numGroups, got numChannels=${NumChannels} and numGroups=${NumGroups} (num_channels must be divisible by num_groups)`;
/**
 * Runtime twin of {@link GroupNormOptionsMessage}.
 *
 * @example
 * ```ts
 * import { writeGroupNormOptionsMessage } from 'shapecheck';
 * writeGroupNormOptionsMessage(3, 4);
 * //=> 'GroupNorm: numChannels must be divisible by numGroups, got numChannels=4 and numGroups=3 (num_channels must be divisible by num_groups)'
 * ```
 * @category Messages
 */
export function writeGroupNormOptionsMessage(numGroups: number, numChannels: number): string {
  return `GroupNorm: numChannels must be divisible by numGroups, got numChannels=${numChannels} and numGroups=${numGroups} (num_channels must be divisible by num_groups)`;
}

/**
 * An input to `InstanceNorm2d` that is neither `[C, H, W]` nor `[N, C, H, W]` (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { InstanceNormRankMessage } from 'shapecheck';
 * type M = InstanceNormRankMessage<[2, 3]>;
 * //=> 'InstanceNorm2d: expected 3D or 4D input, got input of size: [2, 3] (expected 3D or 4D input (got 2D input))'
 * ```
 * @category Messages
 */
export type InstanceNormRankMessage<InputShape extends readonly unknown[]> =
  `InstanceNorm2d: expected 3D or 4D input, got input of size: ${FormatList<InputShape>} (expected 3D or 4D input (got ${InputShape['length']}D input))`;
/**
 * Runtime twin of {@link InstanceNormRankMessage}.
 *
 * @example
 * ```ts
 * import { writeInstanceNormRankMessage } from 'shapecheck';
 * writeInstanceNormRankMessage([2, 3]);
 * //=> 'InstanceNorm2d: expected 3D or 4D input, got input of size: [2, 3] (expected 3D or 4D input (got 2D input))'
 * ```
 * @category Messages
 */
export function writeInstanceNormRankMessage(inputShape: readonly unknown[]): string {
  return `InstanceNorm2d: expected 3D or 4D input, got input of size: ${formatList(inputShape)} (expected 3D or 4D input (got ${inputShape.length}D input))`;
}

/**
 * An input to `InstanceNorm2d` (with weights or running statistics) whose channel dim is not
 * `numFeatures` (PyTorch 2's words; `Dim` is the channel dim, 0 for unbatched input).
 *
 * @example
 * ```ts
 * import type { InstanceNormChannelsMessage } from 'shapecheck';
 * type M = InstanceNormChannelsMessage<[2, 4, 5, 5], 3>;
 * //=> "InstanceNorm2d: expected input[2, 4, 5, 5] to have 3 channels (numFeatures), got 4 (expected input's size at dim=1 to match num_features (3), but got: 4.)"
 * ```
 * @category Messages
 */
export type InstanceNormChannelsMessage<InputShape extends readonly unknown[], NumFeatures extends number> =
  InstanceChannelDim<InputShape> extends infer D extends number
    ? `InstanceNorm2d: expected input${FormatList<InputShape>} to have ${NumFeatures} channels (numFeatures), got ${FormatValue<InputShape[D]>} (expected input's size at dim=${D} to match num_features (${NumFeatures}), but got: ${FormatValue<InputShape[D]>}.)`
    : never;
type InstanceChannelDim<InputShape extends readonly unknown[]> = InputShape['length'] extends 3 ? 0 : 1;
/**
 * Runtime twin of {@link InstanceNormChannelsMessage}.
 *
 * @example
 * ```ts
 * import { writeInstanceNormChannelsMessage } from 'shapecheck';
 * writeInstanceNormChannelsMessage([2, 4, 5, 5], 3);
 * //=> "InstanceNorm2d: expected input[2, 4, 5, 5] to have 3 channels (numFeatures), got 4 (expected input's size at dim=1 to match num_features (3), but got: 4.)"
 * ```
 * @category Messages
 */
export function writeInstanceNormChannelsMessage(inputShape: readonly unknown[], numFeatures: number): string {
  const dim = inputShape.length === 3 ? 0 : 1;
  const got = String(inputShape[dim]);
  return `InstanceNorm2d: expected input${formatList(inputShape)} to have ${numFeatures} channels (numFeatures), got ${got} (expected input's size at dim=${dim} to match num_features (${numFeatures}), but got: ${got}.)`;
}

/**
 * An input to `BatchNorm1d` that is neither `[N, C]` nor `[N, C, L]` (PyTorch's words).
 *
 * @example
 * ```ts
 * import type { BatchNorm1dRankMessage } from 'shapecheck';
 * type M = BatchNorm1dRankMessage<[3]>;
 * //=> 'BatchNorm1d: expected 2D or 3D input, got input of size: [3] (expected 2D or 3D input (got 1D input))'
 * ```
 * @category Messages
 */
export type BatchNorm1dRankMessage<InputShape extends readonly unknown[]> =
  `BatchNorm1d: expected 2D or 3D input, got input of size: ${FormatList<InputShape>} (expected 2D or 3D input (got ${InputShape['length']}D input))`;
/**
 * Runtime twin of {@link BatchNorm1dRankMessage}.
 *
 * @example
 * ```ts
 * import { writeBatchNorm1dRankMessage } from 'shapecheck';
 * writeBatchNorm1dRankMessage([3]);
 * //=> 'BatchNorm1d: expected 2D or 3D input, got input of size: [3] (expected 2D or 3D input (got 1D input))'
 * ```
 * @category Messages
 */
export function writeBatchNorm1dRankMessage(inputShape: readonly unknown[]): string {
  return `BatchNorm1d: expected 2D or 3D input, got input of size: ${formatList(inputShape)} (expected 2D or 3D input (got ${inputShape.length}D input))`;
}

/**
 * An input to `BatchNorm1d` whose channel dim (dim 1) is not `numFeatures` (PyTorch's words;
 * `Param` is the tensor PyTorch checks: `running_mean`, or `weight` without running statistics).
 *
 * @example
 * ```ts
 * import type { BatchNorm1dChannelsMessage } from 'shapecheck';
 * type M = BatchNorm1dChannelsMessage<[2, 4], 3>;
 * //=> 'BatchNorm1d: expected input[2, 4] to have 3 channels (numFeatures), got 4 (running_mean should contain 4 elements not 3)'
 * ```
 * @category Messages
 */
export type BatchNorm1dChannelsMessage<InputShape extends readonly unknown[], NumFeatures extends number, Param extends string = 'running_mean'> =
  `BatchNorm1d: expected input${FormatList<InputShape>} to have ${NumFeatures} channels (numFeatures), got ${FormatValue<InputShape[1]>} (${Param} should contain ${FormatValue<InputShape[1]>} elements not ${NumFeatures})`;
/**
 * Runtime twin of {@link BatchNorm1dChannelsMessage}.
 *
 * @example
 * ```ts
 * import { writeBatchNorm1dChannelsMessage } from 'shapecheck';
 * writeBatchNorm1dChannelsMessage([2, 4], 3);
 * //=> 'BatchNorm1d: expected input[2, 4] to have 3 channels (numFeatures), got 4 (running_mean should contain 4 elements not 3)'
 * ```
 * @category Messages
 */
export function writeBatchNorm1dChannelsMessage(inputShape: readonly unknown[], numFeatures: number, param = 'running_mean'): string {
  const got = String(inputShape[1]);
  return `BatchNorm1d: expected input${formatList(inputShape)} to have ${numFeatures} channels (numFeatures), got ${got} (${param} should contain ${got} elements not ${numFeatures})`;
}

// ---------------------------------------------------------------------------------------------
// Type level.

/** Whether two dims are proved different (literals that differ, or names the engine separates). */
type ProvedDifferent<A, B> = CompareDims<A, B> extends 'different' ? true : false;

/** Whether the trailing dims of `S` are (not provably different from) `N`'s. */
type TrailingFits<S extends readonly unknown[], N extends readonly unknown[]> = N extends readonly [...infer NRest, infer NLast]
  ? S extends readonly [...infer SRest, infer SLast]
    ? ProvedDifferent<SLast, NLast> extends true
      ? false
      : TrailingFits<SRest, NRest>
    : false
  : true;

/**
 * `LayerNorm`'s `normalizedShape` as a tuple (an int is a one-dim shape, as PyTorch's).
 *
 * @example
 * ```ts
 * import type { NormalizedShapeOf } from 'shapecheck';
 * type A = NormalizedShapeOf<4>;
 * //=> [4]
 * ```
 * @category Shapes
 */
export type NormalizedShapeOf<N extends number | readonly number[]> = N extends number ? [N] : N extends readonly number[] ? [...N] : never;

/**
 * The output shape of `nn.LayerNorm(normalizedShape)`: the input shape, when its trailing dims
 * are `normalizedShape` (a name is compared with the symbolic engine: an error only where proved
 * different); otherwise an {@link ErrorMessage} with the words {@link layerNormOutputShape}
 * throws. Unions of input shapes distribute.
 *
 * @example
 * ```ts
 * import type { LayerNormOutputShape } from 'shapecheck';
 * type A = LayerNormOutputShape<['batch', 'T', 64], 64>;
 * //=> ['batch', 'T', 64]
 * type B = LayerNormOutputShape<[2, 3], [4]>;
 * //=> ErrorMessage<'LayerNorm: Given normalized_shape=[4], expected input with shape [*, 4], but got input of size[2, 3]'>
 * ```
 * @category Shapes
 */
export type LayerNormOutputShape<InputShape extends Shape, NormalizedShape extends number | readonly number[]> = InputShape extends unknown
  ? number extends InputShape['length']
    ? InputShape
    : TrailingFits<InputShape, NormalizedShapeOf<NormalizedShape>> extends true
      ? InputShape
      : ErrorMessage<LayerNormShapeMessage<InputShape, NormalizedShapeOf<NormalizedShape>>>
  : never;

/** The divisibility check of a channel dim (a name: left to `forward`). */
type GroupsDivide<Channels, NumGroups extends number> = Channels extends number
  ? number extends Channels | NumGroups
    ? true
    : Mod<Channels, NumGroups> extends 0
      ? true
      : false
  : true;

/**
 * The output shape of `nn.GroupNorm(numGroups, numChannels)` for `[N, C, *]`: the input shape,
 * when `numGroups` divides a literal `C` and (with `affine`, `NumChannels` not `number`) `C` is
 * not proved different from `NumChannels`; otherwise an {@link ErrorMessage} with the words
 * {@link groupNormOutputShape} throws. A named `C`'s divisibility is left to `forward`.
 *
 * @example
 * ```ts
 * import type { GroupNormOutputShape } from 'shapecheck';
 * type A = GroupNormOutputShape<['batch', 6, 'H', 'W'], 3, 6>;
 * //=> ['batch', 6, 'H', 'W']
 * type B = GroupNormOutputShape<[1, 5, 3], 2, number>;
 * //=> ErrorMessage<'GroupNorm: expected input[1, 5, 3] to have channels divisible by numGroups (2), got 5 (Expected number of channels in input to be divisible by num_groups, but got input of shape [1, 5, 3] and num_groups=2)'>
 * ```
 * @category Shapes
 */
export type GroupNormOutputShape<InputShape extends Shape, NumGroups extends number, NumChannels extends number> = InputShape extends unknown
  ? number extends InputShape['length']
    ? InputShape
    : InputShape extends readonly [unknown, infer Channels, ...unknown[]]
      ? GroupsDivide<Channels, NumGroups> extends false
        ? ErrorMessage<GroupNormGroupsMessage<InputShape, NumGroups>>
        : number extends NumChannels
          ? InputShape
          : ProvedDifferent<Channels, NumChannels> extends true
            ? ErrorMessage<GroupNormChannelsMessage<InputShape, NumChannels>>
            : InputShape
      : ErrorMessage<GroupNormRankMessage<InputShape>>
  : never;

/**
 * The output shape of `nn.InstanceNorm2d(numFeatures)` for `[N, C, H, W]` or unbatched
 * `[C, H, W]`: the input shape, when `C` is not proved different from `NumFeatures` (`number`:
 * no check, as PyTorch without weights or running statistics); otherwise an
 * {@link ErrorMessage} with the words {@link instanceNorm2dOutputShape} throws.
 *
 * @example
 * ```ts
 * import type { InstanceNorm2dOutputShape } from 'shapecheck';
 * type A = InstanceNorm2dOutputShape<[3, 'H', 'W'], 3>;
 * //=> [3, 'H', 'W']
 * type B = InstanceNorm2dOutputShape<[2, 3], number>;
 * //=> ErrorMessage<'InstanceNorm2d: expected 3D or 4D input, got input of size: [2, 3] (expected 3D or 4D input (got 2D input))'>
 * ```
 * @category Shapes
 */
export type InstanceNorm2dOutputShape<InputShape extends Shape, NumFeatures extends number> = InputShape extends unknown
  ? number extends InputShape['length']
    ? InputShape
    : InputShape extends readonly [unknown, infer Channels, unknown, unknown] | readonly [infer Channels, unknown, unknown]
      ? number extends NumFeatures
        ? InputShape
        : ProvedDifferent<Channels, NumFeatures> extends true
          ? ErrorMessage<InstanceNormChannelsMessage<InputShape, NumFeatures>>
          : InputShape
      : ErrorMessage<InstanceNormRankMessage<InputShape>>
  : never;

/**
 * The output shape of `nn.BatchNorm1d(numFeatures)` for `[N, C]` or `[N, C, L]`: the input
 * shape, when `C` is not proved different from `NumFeatures` (`number`: no check); otherwise an
 * {@link ErrorMessage} with the words {@link batchNorm1dOutputShape} throws. `Param` names the
 * tensor PyTorch checks (`'weight'` without running statistics).
 *
 * @example
 * ```ts
 * import type { BatchNorm1dOutputShape } from 'shapecheck';
 * type A = BatchNorm1dOutputShape<['batch', 128], 128>;
 * //=> ['batch', 128]
 * type B = BatchNorm1dOutputShape<[2, 4], 3>;
 * //=> ErrorMessage<'BatchNorm1d: expected input[2, 4] to have 3 channels (numFeatures), got 4 (running_mean should contain 4 elements not 3)'>
 * ```
 * @category Shapes
 */
export type BatchNorm1dOutputShape<InputShape extends Shape, NumFeatures extends number, Param extends string = 'running_mean'> = InputShape extends unknown
  ? number extends InputShape['length']
    ? InputShape
    : InputShape extends readonly [unknown, infer Channels] | readonly [unknown, infer Channels, unknown]
      ? number extends NumFeatures
        ? InputShape
        : ProvedDifferent<Channels, NumFeatures> extends true
          ? ErrorMessage<BatchNorm1dChannelsMessage<InputShape, NumFeatures, Param>>
          : InputShape
      : ErrorMessage<BatchNorm1dRankMessage<InputShape>>
  : never;

// ---------------------------------------------------------------------------------------------
// Runtime.

const checkShapeArray = (op: string, inputShape: unknown): void => {
  if (!Array.isArray(inputShape)) throw new TypeError(`${op}: the input shape must be an array of dims`);
};

/** Whether two dims are proved different (the runtime twin of `ProvedDifferent`). */
const provedDifferent = (a: number | string, b: number): boolean =>
  typeof a === 'number' ? a !== b : compareDims(a, b) === 'different';

/**
 * The output shape of `nn.LayerNorm(normalizedShape)` at runtime: the twin of
 * {@link LayerNormOutputShape}.
 *
 * @throws {ShapeError} when the input's trailing dims are not `normalizedShape`.
 * @example
 * ```ts
 * import { layerNormOutputShape } from 'shapecheck';
 * layerNormOutputShape([2, 5, 8], [5, 8]);
 * //=> [2, 5, 8]
 * ```
 * @category Shapes
 */
export function layerNormOutputShape(inputShape: readonly number[], normalizedShape: number | readonly number[]): number[];
export function layerNormOutputShape(inputShape: readonly (number | string)[], normalizedShape: number | readonly number[]): (number | string)[];
export function layerNormOutputShape(inputShape: readonly (number | string)[], normalizedShape: number | readonly number[]): (number | string)[] {
  checkShapeArray('LayerNorm', inputShape);
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  const offset = inputShape.length - shape.length;
  if (offset < 0 || shape.some((n, i) => provedDifferent(inputShape[offset + i] as number | string, n))) {
    throw new ShapeError(writeLayerNormShapeMessage(inputShape, shape));
  }
  return [...inputShape];
}

/**
 * The output shape of `nn.GroupNorm(numGroups, numChannels)` at runtime: the twin of
 * {@link GroupNormOutputShape} (`numChannels` `null`: no channel check, as without `affine`).
 *
 * @throws {ShapeError} for fewer than 2 dims, channels `numGroups` does not divide, or (with
 *   `numChannels`) other channels.
 * @example
 * ```ts
 * import { groupNormOutputShape } from 'shapecheck';
 * groupNormOutputShape([2, 6, 4, 4], 3, 6);
 * //=> [2, 6, 4, 4]
 * ```
 * @category Shapes
 */
export function groupNormOutputShape(inputShape: readonly number[], numGroups: number, numChannels: number | null): number[];
export function groupNormOutputShape(inputShape: readonly (number | string)[], numGroups: number, numChannels: number | null): (number | string)[];
export function groupNormOutputShape(inputShape: readonly (number | string)[], numGroups: number, numChannels: number | null): (number | string)[] {
  checkShapeArray('GroupNorm', inputShape);
  if (inputShape.length < 2) throw new ShapeError(writeGroupNormRankMessage(inputShape));
  const channels = inputShape[1] as number | string;
  if (typeof channels === 'number' && channels % numGroups !== 0) throw new ShapeError(writeGroupNormGroupsMessage(inputShape, numGroups));
  if (numChannels !== null && provedDifferent(channels, numChannels)) throw new ShapeError(writeGroupNormChannelsMessage(inputShape, numChannels));
  return [...inputShape];
}

/**
 * The output shape of `nn.InstanceNorm2d(numFeatures)` at runtime: the twin of
 * {@link InstanceNorm2dOutputShape} (`numFeatures` `null`: no channel check).
 *
 * @throws {ShapeError} for a rank other than 3 or 4, or (with `numFeatures`) other channels.
 * @example
 * ```ts
 * import { instanceNorm2dOutputShape } from 'shapecheck';
 * instanceNorm2dOutputShape([3, 8, 8], 3);
 * //=> [3, 8, 8]
 * ```
 * @category Shapes
 */
export function instanceNorm2dOutputShape(inputShape: readonly number[], numFeatures: number | null): number[];
export function instanceNorm2dOutputShape(inputShape: readonly (number | string)[], numFeatures: number | null): (number | string)[];
export function instanceNorm2dOutputShape(inputShape: readonly (number | string)[], numFeatures: number | null): (number | string)[] {
  checkShapeArray('InstanceNorm2d', inputShape);
  if (inputShape.length !== 3 && inputShape.length !== 4) throw new ShapeError(writeInstanceNormRankMessage(inputShape));
  const channels = inputShape[inputShape.length - 3] as number | string;
  if (numFeatures !== null && provedDifferent(channels, numFeatures)) throw new ShapeError(writeInstanceNormChannelsMessage(inputShape, numFeatures));
  return [...inputShape];
}

/**
 * The output shape of `nn.BatchNorm1d(numFeatures)` at runtime: the twin of
 * {@link BatchNorm1dOutputShape} (`numFeatures` `null`: no channel check).
 *
 * @throws {ShapeError} for a rank other than 2 or 3, or (with `numFeatures`) other channels.
 * @example
 * ```ts
 * import { batchNorm1dOutputShape } from 'shapecheck';
 * batchNorm1dOutputShape([32, 128], 128);
 * //=> [32, 128]
 * ```
 * @category Shapes
 */
export function batchNorm1dOutputShape(inputShape: readonly number[], numFeatures: number | null, param?: string): number[];
export function batchNorm1dOutputShape(inputShape: readonly (number | string)[], numFeatures: number | null, param?: string): (number | string)[];
export function batchNorm1dOutputShape(inputShape: readonly (number | string)[], numFeatures: number | null, param = 'running_mean'): (number | string)[] {
  checkShapeArray('BatchNorm1d', inputShape);
  if (inputShape.length !== 2 && inputShape.length !== 3) throw new ShapeError(writeBatchNorm1dRankMessage(inputShape));
  const channels = inputShape[1] as number | string;
  if (numFeatures !== null && provedDifferent(channels, numFeatures)) throw new ShapeError(writeBatchNorm1dChannelsMessage(inputShape, numFeatures, param));
  return [...inputShape];
}
