import type { Shape } from '../shape/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { traced } from '../autograd/trace.js';
import { unary, unaryArrays } from './elementwise.js';


/**
 * `max(x, 0)` element-wise (PyTorch's `F.relu`); the shape is unchanged.
 *
 * @example
 * ```ts
 * import { relu, tensor } from 'shapecheck';
 * relu(tensor([-1, 0, 2])).toArray();
 * //=> [0, 0, 2]
 * ```
 * @category Operations
 */
export function relu<S extends Shape>(input: Tensor<S>): Tensor<S> {
  return traced(unaryArrays('relu', 'ReluBackward', input, reluForward, reluBackward, 'output'), 'relu', [input]);
}

/**
 * `max(x, 0)` without a branch (a data-dependent branch mispredicts on half of a layer's inputs):
 * on the float's bits, a negative number (sign bit set, not a NaN) becomes +0; NaN stays NaN, as
 * in PyTorch.
 */
function reluForward(x: Float32Array, out: Float32Array): void {
  const bits = new Int32Array(x.buffer, x.byteOffset, x.length);
  const result = new Int32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i]!;
    // all ones where b is negative and at most −∞'s bits (−8388608 as int32): a negative number
    result[i] = b & ~((b >> 31) & ((b + 8388607) >> 31));
  }
}

/**
 * PyTorch's `threshold_backward`: the gradient where the output is not ≤ 0 (a NaN passes it), else
 * 0. The output is {@link reluForward}'s: +0 (all bits clear) or a positive number or a NaN, so
 * the gradient passes exactly where the output's bits are not all zero, tested without a branch.
 */
function reluBackward(_x: Float32Array, y: Float32Array, grad: Float32Array, out: Float32Array): void {
  const g = new Int32Array(grad.buffer, grad.byteOffset, grad.length);
  const bits = new Int32Array(y.buffer, y.byteOffset, y.length);
  const result = new Int32Array(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < g.length; i++) {
    const b = bits[i]!;
    // (b | −b) has its sign bit set exactly when b ≠ 0
    result[i] = g[i]! & ((b | -b) >> 31);
  }
}

/**
 * `min(max(x, 0), 6)` element-wise (PyTorch's `F.relu6`, MobileNet's activation).
 *
 * @example
 * ```ts
 * import { relu6, tensor } from 'shapecheck';
 * relu6(tensor([-1, 3, 8])).toArray();
 * //=> [0, 3, 6]
 * ```
 * @category Operations
 */
export function relu6<S extends Shape>(input: Tensor<S>): Tensor<S> {
  return traced(unary('relu6', 'HardtanhBackward', input, (x) => (x > 0 ? (x < 6 ? x : 6) : 0), (x) => (x > 0 && x < 6 ? 1 : 0)), 'relu6', [input]);
}

/**
 * `x` where positive, `negativeSlope·x` elsewhere (PyTorch's `F.leaky_relu`, default slope 0.01).
 *
 * @example
 * ```ts
 * import { leakyRelu, tensor } from 'shapecheck';
 * leakyRelu(tensor([-2, 3]), 0.5).toArray();
 * //=> [-1, 3]
 * ```
 * @category Operations
 */
export function leakyRelu<S extends Shape>(input: Tensor<S>, negativeSlope = 0.01): Tensor<S> {
  return traced(unary('leakyRelu', 'LeakyReluBackward', input, (x) => (x > 0 ? x : x * negativeSlope), (x) => (x > 0 ? 1 : negativeSlope)), 'leakyRelu', [input], { negativeSlope });
}

/**
 * `1 / (1 + e^−x)` element-wise (PyTorch's `torch.sigmoid`).
 *
 * @example
 * ```ts
 * import { sigmoid, tensor } from 'shapecheck';
 * sigmoid(tensor([0])).toArray();
 * //=> [0.5]
 * ```
 * @category Operations
 */
export function sigmoid<S extends Shape>(input: Tensor<S>): Tensor<S> {
  return traced(unary('sigmoid', 'SigmoidBackward', input, (x) => 1 / (1 + Math.exp(-x)), (_x, y) => y * (1 - y)), 'sigmoid', [input]);
}

/**
 * `tanh(x)` element-wise (PyTorch's `torch.tanh`).
 *
 * @example
 * ```ts
 * import { tanh, tensor } from 'shapecheck';
 * tanh(tensor([0])).toArray();
 * //=> [0]
 * ```
 * @category Operations
 */
export function tanh<S extends Shape>(input: Tensor<S>): Tensor<S> {
  return traced(unary('tanh', 'TanhBackward', input, Math.tanh, (_x, y) => 1 - y * y), 'tanh', [input]);
}

/** erf(x) to double precision: its Maclaurin series below 2, the continued fraction of erfc (Lentz) above. */
function erf(x: number): number {
  const a = Math.abs(x);
  if (a < 2) {
    // Maclaurin series: converges fast enough for |x| < 2 in double precision
    let term = a;
    let sum = a;
    const a2 = a * a;
    for (let n = 1; n < 60; n++) {
      term *= -a2 / n;
      const next = term / (2 * n + 1);
      sum += next;
      if (Math.abs(next) < 1e-17) break;
    }
    const value = (2 / Math.sqrt(Math.PI)) * sum;
    return x < 0 ? -value : value;
  }
  // erfc by its continued fraction (Lentz), accurate for |x| ≥ 2
  let f = a;
  let c = a;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const an = n / 2;
    d = a + an * d;
    d = d === 0 ? 1e-300 : 1 / d;
    c = a + an / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
  return x < 0 ? erfc - 1 : 1 - erfc;
}

/**
 * `x·Φ(x) = ½x(1 + erf(x/√2))` element-wise (PyTorch's `F.gelu`, exact form).
 *
 * @example
 * ```ts
 * import { gelu, tensor } from 'shapecheck';
 * gelu(tensor([0])).toArray();
 * //=> [0]
 * ```
 * @category Operations
 */
export function gelu<S extends Shape>(input: Tensor<S>): Tensor<S> {
  // d/dx x·Φ(x) = Φ(x) + x·φ(x)
  return traced(unary('gelu', 'GeluBackward', input, (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)), (x) => 0.5 * (1 + erf(x / Math.SQRT2)) + (x * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI)), 'gelu', [input]);
}
