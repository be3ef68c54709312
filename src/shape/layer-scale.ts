/**
 * LayerScale's shape rule and option checks (issue 12): ConvNeXt's `layer_scale * x`, a learnt
 * per-channel scale (a parameter of shape `[C, 1, 1]`) broadcast against its input, in `mul`'s
 * words.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { broadcastShape, type BroadcastShape } from './broadcast.js';
import { formatOption } from './conv-output-size.js';
import type { Dim, Shape } from './shape.js';

/**
 * The output shape of `LayerScale({ shape })` for an input shape: `layer_scale * x` broadcast
 * (the scale first, as torchvision's CNBlock writes it), or `mul`'s message.
 *
 * @example
 * ```ts
 * import type { LayerScaleOutputShape } from 'shapecheck';
 * type A = LayerScaleOutputShape<['batch', 96, 'H', 'W'], [96, 1, 1]>;
 * //=> ['batch', 96, 'H', 'W']
 * type B = LayerScaleOutputShape<[1, 48, 7, 7], [96, 1, 1]>;
 * //=> ErrorMessage<'mul: The size of tensor a (96) must match the size of tensor b (48) at non-singleton dimension 1'>
 * ```
 * @category Shapes
 */
export type LayerScaleOutputShape<S extends Shape, ScaleShape extends Shape> =
  BroadcastShape<ScaleShape, S> extends ErrorMessage<`add: ${infer Rest}`> ? ErrorMessage<`mul: ${Rest}`> : BroadcastShape<ScaleShape, S>;

/**
 * Runtime twin of {@link LayerScaleOutputShape}.
 *
 * @throws {ShapeError} when the scale's shape does not broadcast against the input's.
 * @example
 * ```ts
 * import { layerScaleOutputShape } from 'shapecheck';
 * layerScaleOutputShape(['batch', 96, 'H', 'W'], [96, 1, 1]);
 * //=> ['batch', 96, 'H', 'W']
 * ```
 * @category Shapes
 */
export function layerScaleOutputShape(inputShape: readonly number[], scaleShape: readonly number[]): number[];
export function layerScaleOutputShape(inputShape: readonly Dim[], scaleShape: readonly number[]): Dim[];
export function layerScaleOutputShape(inputShape: readonly Dim[], scaleShape: readonly number[]): Dim[] {
  return broadcastShape(scaleShape, inputShape, 'mul');
}

/**
 * Checks LayerScale's options: `shape` a list of positive integers, `initValue` a finite number.
 *
 * @throws {TypeError | RangeError} naming the option.
 * @example
 * ```ts
 * import { checkLayerScaleOptions } from 'shapecheck';
 * checkLayerScaleOptions({ shape: [96, 1, 1], initValue: 1e-6 });
 * //=> { shape: [96, 1, 1], initValue: 0.000001 }
 * ```
 * @category Shapes
 */
export function checkLayerScaleOptions(options: unknown): { shape: number[]; initValue: number } {
  if (typeof options !== 'object' || options === null) throw new TypeError(`LayerScale: options must be an object like { shape: [96, 1, 1], initValue: 1e-6 }, got ${formatOption(options)}`);
  const { shape, initValue = 1e-6 } = options as { shape?: unknown; initValue?: unknown };
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d))) throw new TypeError(`LayerScale: shape must be a list of integers, got ${formatOption(shape)}`);
  if (!shape.every((d: number) => d > 0)) throw new RangeError(`LayerScale: shape must hold positive sizes, got ${formatOption(shape)}`);
  if (typeof initValue !== 'number' || !Number.isFinite(initValue)) throw new TypeError(`LayerScale: initValue must be a finite number, got ${formatOption(initValue)}`);
  return { shape: [...(shape as number[])], initValue };
}
