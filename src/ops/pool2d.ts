import { traced } from '../autograd/trace.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import {
  pool2dShapeFromResolved,
  resolvePool2dOptions,
  type AvgPool2dOptions,
  type AvgPool2dOutputShape,
  type MaxPool2dOptions,
  type MaxPool2dOutputShape,
  type ResolvedPool2dOptions,
} from '../shape/pool2d.js';
import { record } from '../autograd/engine.js';
import { maxPool2x2Wasm } from '../kernels/wasm.js';
import { numel } from '../shape/reshape.js';
import type { Shape } from '../shape/shape.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { checkTensor } from '../tensor/check.js';

/** The geometry of one pooling call: planes (`N·C`), input and output sizes. */
interface PoolGeometry {
  readonly planes: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

function geometryOf(inputShape: readonly number[], outShape: readonly number[]): PoolGeometry {
  const [height, width] = inputShape.slice(-2) as [number, number];
  const [outHeight, outWidth] = outShape.slice(-2) as [number, number];
  const planes = inputShape.slice(0, -2).reduce((a, b) => a * b, 1);
  return { planes, inHeight: height, inWidth: width, outHeight, outWidth };
}

/**
 * Max pooling with resolved options, PyTorch's CPU kernel: padding never wins (windows range over
 * the input only), a NaN in a window is the result, and a window entirely in the padding gives
 * `-Infinity`. The input is never modified.
 */
export function maxPoolForward(input: Tensor, params: ResolvedPool2dOptions): Tensor {
  return maxPoolWithIndices(input, params)[0];
}

/**
 * Max pooling with resolved options and its indices, as PyTorch's `max_pool2d_with_indices`: each
 * output's index is the flat position of the element it took in its input H×W plane (a Float32
 * tensor of integral values; no gradient). Issue 12, layers-misc.
 *
 * @throws {ShapeError} when the input does not fit.
 * @example
 * ```ts
 * import { arange, maxPoolWithIndices, resolvePool2dOptions } from 'shapecheck';
 * const [, indices] = maxPoolWithIndices(arange(16).reshape([1, 4, 4]), resolvePool2dOptions('MaxPool2d', { kernelSize: 2 }));
 * indices.toArray();
 * //=> [[[5, 7], [13, 15]]]
 * ```
 * @category Operations
 */
export function maxPoolWithIndices(input: Tensor, params: ResolvedPool2dOptions): [Tensor, Tensor] {
  checkTensor(params.op, 'input', input);
  const inputShape = input.shape as readonly number[];
  const outShape = pool2dShapeFromResolved(inputShape, params);
  const out = new Float32Array(numel(outShape));
  const { planes, inHeight, inWidth, outHeight, outWidth } = geometryOf(inputShape, outShape);
  const [kh, kw] = params.kernelSize;
  const [sh, sw] = params.stride;
  const [ph, pw] = params.padding;
  const [dh, dw] = params.dilation;
  const data = input.data;
  // the input element each output took (PyTorch's indices): the first maximum, or a NaN
  const argmax = new Int32Array(out.length).fill(-1);
  if (kh === 2 && kw === 2 && sh === 2 && sw === 2 && ph === 0 && pw === 0 && dh === 1 && dw === 1 && 2 * outHeight <= inHeight && 2 * outWidth <= inWidth) {
    if (!maxPool2x2Wasm(data, planes, inHeight, inWidth, outHeight, outWidth, out, argmax)) maxPool2x2(data, planes, inHeight, inWidth, outHeight, outWidth, out, argmax);
  } else {
    let o = 0;
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * inHeight * inWidth;
      for (let oh = 0; oh < outHeight; oh++) {
        const h0 = oh * sh - ph;
        // the window's rows and columns inside the input (padding never wins)
        const iStart = h0 >= 0 ? 0 : Math.ceil(-h0 / dh);
        const iEnd = Math.min(kh, Math.ceil((inHeight - h0) / dh));
        for (let ow = 0; ow < outWidth; ow++) {
          const w0 = ow * sw - pw;
          const jStart = w0 >= 0 ? 0 : Math.ceil(-w0 / dw);
          const jEnd = Math.min(kw, Math.ceil((inWidth - w0) / dw));
          let max = Number.NEGATIVE_INFINITY;
          let at = -1;
          for (let i = iStart; i < iEnd; i++) {
            const row = base + (h0 + i * dh) * inWidth + w0;
            for (let j = jStart; j < jEnd; j++) {
              const value = data[row + j * dw]!;
              // PyTorch's rule: the index starts at the window's first element (all −∞ sends the
              // gradient there), a strictly greater value or a NaN takes it
              if (at < 0) at = row + j * dw;
              if (value > max || value !== value) {
                max = value;
                at = row + j * dw;
              }
            }
          }
          argmax[o] = at;
          out[o++] = max;
        }
      }
    }
  }
  // the indices within each plane (argmax is flat over the whole input)
  const planeOut = outHeight * outWidth;
  const planeIn = inHeight * inWidth;
  const indices = new Float32Array(out.length);
  for (let k = 0; k < indices.length; k++) indices[k] = argmax[k]! - Math.floor(k / planeOut) * planeIn;
  const indexTensor = new Tensor(indices, outShape);
  // traced with its indices as a second output (ONNX MaxPool's Indices)
  const output = record(traced(new Tensor(out, outShape), 'maxPool2d', [input], { params }, [indexTensor]), 'MaxPool2DWithIndicesBackward', [input], (grad) => {
    const gradInput = new Float32Array(data.length);
    for (let k = 0; k < grad.length; k++) {
      const at = argmax[k]!;
      if (at >= 0) gradInput[at]! += grad[k]!;
    }
    return [gradInput];
  });
  return [output, indexTensor];
}

/** {@link maxPoolForward}'s loop for 2×2 windows with stride 2 and no padding, all inside the input (LeNet, VGG, U-Net; not a ceil-mode overhang): four reads, no bounds. */
function maxPool2x2(data: Float32Array, planes: number, inHeight: number, inWidth: number, outHeight: number, outWidth: number, out: Float32Array, argmax: Int32Array): void {
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inHeight * inWidth;
    for (let oh = 0; oh < outHeight; oh++) {
      const top = base + 2 * oh * inWidth;
      for (let ow = 0; ow < outWidth; ow++) {
        const a = top + 2 * ow;
        const c = a + inWidth;
        let at = a;
        let max = data[a]!;
        let value = data[a + 1]!;
        if (value > max || value !== value) {
          max = value;
          at = a + 1;
        }
        value = data[c]!;
        if (value > max || value !== value) {
          max = value;
          at = c;
        }
        value = data[c + 1]!;
        if (value > max || value !== value) {
          max = value;
          at = c + 1;
        }
        argmax[o] = at;
        out[o++] = max;
      }
    }
  }
}

/**
 * Average pooling with resolved options, PyTorch's CPU kernel: the divisor is `divisorOverride`
 * when given, else with `countIncludePad` the window clipped to the padded input (clipped before
 * clipping to the input itself), else the number of input elements in the window. The input is
 * never modified.
 */
export function avgPoolForward(input: Tensor, params: ResolvedPool2dOptions): Tensor {
  checkTensor(params.op, 'input', input);
  const inputShape = input.shape as readonly number[];
  const outShape = pool2dShapeFromResolved(inputShape, params);
  const out = new Float32Array(numel(outShape));
  const { planes, inHeight, inWidth, outHeight, outWidth } = geometryOf(inputShape, outShape);
  const [kh, kw] = params.kernelSize;
  const [sh, sw] = params.stride;
  const [ph, pw] = params.padding;
  const data = input.data;
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inHeight * inWidth;
    for (let oh = 0; oh < outHeight; oh++) {
      let h0 = oh * sh - ph;
      let h1 = Math.min(h0 + kh, inHeight + ph);
      const poolHeight = h1 - h0;
      h0 = Math.max(h0, 0);
      h1 = Math.min(h1, inHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        let w0 = ow * sw - pw;
        let w1 = Math.min(w0 + kw, inWidth + pw);
        const poolSize = poolHeight * (w1 - w0);
        w0 = Math.max(w0, 0);
        w1 = Math.min(w1, inWidth);
        if (h0 >= h1 || w0 >= w1) {
          out[o++] = 0;
          continue;
        }
        let sum = 0;
        for (let h = h0; h < h1; h++) {
          const row = base + h * inWidth;
          for (let w = w0; w < w1; w++) sum += data[row + w] as number;
        }
        const divisor = params.divisorOverride ?? (params.countIncludePad ? poolSize : (h1 - h0) * (w1 - w0));
        out[o++] = sum / divisor;
      }
    }
  }
  // each output's gradient spread over its window's input elements, divided as in forward
  return record(traced(new Tensor(out, outShape), 'avgPool2d', [input], { params }), 'AvgPool2DBackward', [input], (grad) => {
    const gradInput = new Float32Array(data.length);
    let k = 0;
    for (let plane = 0; plane < planes; plane++) {
      const base = plane * inHeight * inWidth;
      for (let oh = 0; oh < outHeight; oh++) {
        let h0 = oh * sh - ph;
        let h1 = Math.min(h0 + kh, inHeight + ph);
        const poolHeight = h1 - h0;
        h0 = Math.max(h0, 0);
        h1 = Math.min(h1, inHeight);
        for (let ow = 0; ow < outWidth; ow++, k++) {
          let w0 = ow * sw - pw;
          let w1 = Math.min(w0 + kw, inWidth + pw);
          const poolSize = poolHeight * (w1 - w0);
          w0 = Math.max(w0, 0);
          w1 = Math.min(w1, inWidth);
          if (h0 >= h1 || w0 >= w1) continue;
          const divisor = params.divisorOverride ?? (params.countIncludePad ? poolSize : (h1 - h0) * (w1 - w0));
          const share = grad[k]! / divisor;
          for (let h = h0; h < h1; h++) {
            const row = base + h * inWidth;
            for (let w = w0; w < w1; w++) gradInput[row + w]! += share;
          }
        }
      }
    }
    return [gradInput];
  });
}

/**
 * 2-D max pooling, as PyTorch's `F.max_pool2d`: `input` `[N, C, H, W]` or `[C, H, W]`, the
 * maximum over each window; padding is never the maximum. Differentiable: each output's gradient
 * goes to the element it took (the first maximum of its window, as PyTorch). The output shape is computed at
 * compile time; a mistake is reported at the `options` argument with the words the runtime throws.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { arange, maxPool2d } from 'shapecheck';
 * const y = maxPool2d(arange(16).reshape([1, 1, 4, 4]), { kernelSize: 2 });
 * y.toArray();
 * //=> [[[[5, 7], [13, 15]]]]
 * ```
 * @category Operations
 */
export function maxPool2d<InputShape extends Shape, const Options extends MaxPool2dOptions>(
  input: Tensor<InputShape>,
  options: MaxPool2dOutputShape<InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): MaxPool2dResult<InputShape, Options> {
  const params = resolvePool2dOptions('MaxPool2d', options as MaxPool2dOptions);
  // issue 12, layers-misc: returnIndices
  const returnIndices = checkReturnIndices('MaxPool2d', (options as MaxPool2dOptions).returnIndices);
  const [output, indices] = maxPoolWithIndices(input as Tensor, params);
  return (returnIndices ? [output, indices] : output) as MaxPool2dResult<InputShape, Options>;
}

/**
 * What max pooling returns: the pooled tensor, or `[output, indices]` with `returnIndices: true`
 * (issue 12, layers-misc).
 *
 * @example
 * ```ts
 * import type { MaxPool2dResult, Tensor } from 'shapecheck';
 * type R = MaxPool2dResult<[1, 4, 4], { kernelSize: 2; returnIndices: true }>;
 * //=> [Tensor<[1, 2, 2]>, Tensor<[1, 2, 2]>]
 * ```
 * @category Operations
 */
export type MaxPool2dResult<InputShape extends Shape, Options extends MaxPool2dOptions> = [Options] extends [never]
  ? TensorOf<MaxPool2dOutputShape<InputShape, Options>>
  : Options['returnIndices'] extends true
  ? [TensorOf<MaxPool2dOutputShape<InputShape, Options>>, TensorOf<MaxPool2dOutputShape<InputShape, Options>>]
  : TensorOf<MaxPool2dOutputShape<InputShape, Options>>;

/**
 * Checks a `returnIndices` option (absent is false).
 *
 * @throws {TypeError} when it is not a boolean.
 * @example
 * ```ts
 * import { checkReturnIndices } from 'shapecheck';
 * checkReturnIndices('MaxPool2d', undefined);
 * //=> false
 * ```
 * @category Operations
 */
export function checkReturnIndices(op: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new TypeError(`${op}: returnIndices must be a boolean, got ${typeof value === 'string' ? `'${value}'` : String(value)}`);
  return value;
}

/**
 * 2-D average pooling, as PyTorch's `F.avg_pool2d`: `input` `[N, C, H, W]` or `[C, H, W]`, the
 * mean over each window, with PyTorch's divisor (`countIncludePad`, `divisorOverride`).
 * Differentiable. The output shape is computed at compile time; a mistake is reported at the
 * `options` argument with the words the runtime throws.
 *
 * @throws {ShapeError} when the shapes do not fit; {@link TypeError}/{@link RangeError} for bad options.
 * @example
 * ```ts
 * import { arange, avgPool2d } from 'shapecheck';
 * const y = avgPool2d(arange(16).reshape([1, 1, 4, 4]), { kernelSize: 2 });
 * y.toArray();
 * //=> [[[[2.5, 4.5], [10.5, 12.5]]]]
 * ```
 * @category Operations
 */
export function avgPool2d<InputShape extends Shape, const Options extends AvgPool2dOptions>(
  input: Tensor<InputShape>,
  options: AvgPool2dOutputShape<InputShape, Options> extends ErrorMessage<infer Message> ? Message : Options,
): TensorOf<AvgPool2dOutputShape<InputShape, Options>> {
  const params = resolvePool2dOptions('AvgPool2d', options as AvgPool2dOptions);
  return avgPoolForward(input as Tensor, params) as TensorOf<AvgPool2dOutputShape<InputShape, Options>>;
}
