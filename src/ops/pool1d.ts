/**
 * `F.max_pool1d`, `F.avg_pool1d` and `F.adaptive_avg_pool1d` (issue 12), on the 2-D kernels with a
 * height of 1 (reshaped views, so autograd and ONNX export go through them), after the 1-D
 * layer's own checks.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import {
  adaptiveAvgPool1dOutputShape,
  pool1dShapeFromResolved,
  resolvePool1dOptions,
  type AdaptiveAvgPool1dOutputShape,
  type AvgPool1dOptions,
  type AvgPool1dOutputShape,
  type MaxPool1dOptions,
  type MaxPool1dOutputShape,
} from '../shape/pool1d.js';
import type { ResolvedPool2dOptions } from '../shape/pool2d.js';
import type { Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import type { Tensor, TensorOf } from '../tensor/tensor.js';
import { adaptiveAvgPool2d } from './norm.js';
import { avgPoolForward, maxPoolForward } from './pool2d.js';

/** `[N, C, L]` as `[N, C, 1, L]`, `[C, L]` as `[C, 1, L]`. */
function heightOne(shape: readonly number[]): number[] {
  return shape.length === 3 ? [shape[0]!, shape[1]!, 1, shape[2]!] : [shape[0]!, 1, shape[1]!];
}

/**
 * Runs a 1-D pool with options from `resolvePool1dOptions`: the 1-D checks, then the 2-D kernel.
 *
 * @throws {ShapeError} when the input does not fit (the 1-D layer's words).
 * @example
 * ```ts
 * import { pool1d, resolvePool1dOptions, arange } from 'shapecheck';
 * pool1d('MaxPool1d', arange(6).reshape([1, 6]), resolvePool1dOptions('MaxPool1d', { kernelSize: 2 })).toArray();
 * //=> [[1, 3, 5]]
 * ```
 * @category Operations
 */
export function pool1d(op: 'MaxPool1d' | 'AvgPool1d', input: Tensor, params: ResolvedPool2dOptions): Tensor {
  const x = checkTensor(op, 'input', input) as Tensor<number[]>;
  const shape = x.shape as readonly number[];
  const outShape = pool1dShapeFromResolved(op, shape, params);
  const view = x.reshape(heightOne(shape) as never) as unknown as Tensor;
  const y = (op === 'MaxPool1d' ? maxPoolForward(view, params) : avgPoolForward(view, params)) as Tensor<number[]>;
  return y.reshape(outShape as never) as unknown as Tensor;
}

/**
 * 1-D max pooling, as PyTorch's `F.max_pool1d`: `input` `[N, C, L]` or `[C, L]`. Differentiable
 * (each output's gradient goes to the element it took).
 *
 * @throws {ShapeError} when the input does not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { arange, maxPool1d } from 'shapecheck';
 * maxPool1d(arange(5).reshape([1, 1, 5]), { kernelSize: 2, ceilMode: true }).toArray();
 * //=> [[[1, 3, 4]]]
 * ```
 * @category Operations
 */
export function maxPool1d<InputShape extends Shape, const Options extends MaxPool1dOptions>(
  input: Tensor<InputShape>,
  options: MaxPool1dOutputShape<InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): TensorOf<MaxPool1dOutputShape<InputShape, Options>> {
  return pool1d('MaxPool1d', input as Tensor, resolvePool1dOptions('MaxPool1d', options as MaxPool1dOptions)) as TensorOf<MaxPool1dOutputShape<InputShape, Options>>;
}

/**
 * 1-D average pooling, as PyTorch's `F.avg_pool1d`: `input` `[N, C, L]` or `[C, L]`, with
 * PyTorch's divisor (`countIncludePad`). Differentiable.
 *
 * @throws {ShapeError} when the input does not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { arange, avgPool1d } from 'shapecheck';
 * avgPool1d(arange(4).reshape([1, 4]), { kernelSize: 2 }).toArray();
 * //=> [[0.5, 2.5]]
 * ```
 * @category Operations
 */
export function avgPool1d<InputShape extends Shape, const Options extends AvgPool1dOptions>(
  input: Tensor<InputShape>,
  options: AvgPool1dOutputShape<InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): TensorOf<AvgPool1dOutputShape<InputShape, Options>> {
  return pool1d('AvgPool1d', input as Tensor, resolvePool1dOptions('AvgPool1d', options as AvgPool1dOptions)) as TensorOf<AvgPool1dOutputShape<InputShape, Options>>;
}

/**
 * 1-D adaptive average pooling, as PyTorch's `F.adaptive_avg_pool1d`: `[N, C, L]` or `[C, L]` to
 * `[..., C, outputSize]`, each output the mean of its bin. Differentiable.
 *
 * @throws {ShapeError} when the input does not fit; {@link TypeError}/{@link RangeError} for a bad `outputSize`.
 * @example
 * ```ts
 * import { adaptiveAvgPool1d, arange } from 'shapecheck';
 * adaptiveAvgPool1d(arange(5).reshape([1, 5]), 2).toArray();
 * //=> [[1, 3]]
 * ```
 * @category Operations
 */
export function adaptiveAvgPool1d<InputShape extends Shape, const OutputSize extends number>(
  input: AdaptiveAvgPool1dOutputShape<InputShape, OutputSize> extends ErrorMessage<infer Message> ? Message : Tensor<InputShape>,
  outputSize: OutputSize,
): TensorOf<AdaptiveAvgPool1dOutputShape<InputShape, OutputSize>> {
  const x = checkTensor('AdaptiveAvgPool1d', 'input', input as Tensor) as Tensor<number[]>;
  const shape = x.shape as readonly number[];
  const outShape = adaptiveAvgPool1dOutputShape(shape, outputSize);
  const view = x.reshape(heightOne(shape) as never) as unknown as Tensor;
  const y = (adaptiveAvgPool2d as unknown as (x: Tensor, size: readonly [number, number]) => Tensor<number[]>)(view, [1, outputSize]);
  return y.reshape(outShape as never) as TensorOf<AdaptiveAvgPool1dOutputShape<InputShape, OutputSize>>;
}
