import type { ErrorMessage } from '../arithmetic/error-message.js';
import { record } from '../autograd/engine.js';
import type { Shape } from '../shape/shape.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';
import { traced } from '../autograd/trace.js';
import { checkTensor } from '../tensor/check.js';
import { checkGeluApproximate, preluShape, type GeluApproximate, type GeluApproximateError, type PreluShape } from '../shape/activation.js';
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
 * The `approximate` argument of {@link gelu}: `'none'` or `'tanh'`, or the message for another literal.
 *
 * @example
 * ```ts
 * import type { GeluApproximateArgument } from 'shapecheck';
 * type A = GeluApproximateArgument<'tanh'>;
 * //=> 'tanh'
 * type B = GeluApproximateArgument<'fast'>;
 * //=> "gelu: approximate must be 'none' or 'tanh', got 'fast' (approximate argument must be either none or tanh.)"
 * ```
 * @category Operations
 */
export type GeluApproximateArgument<A extends string> = [GeluApproximateError<'gelu', A>] extends [never]
  ? A
  : GeluApproximateError<'gelu', A> extends ErrorMessage<infer Message>
    ? Message
    : A;

// ---------------------------------------------------------------------------------------------
// issue 12 activations: SiLU, Hardswish, Hardsigmoid, Mish, ELU, PReLU, GELU's tanh form

/** √(2/π), the tanh form's factor (PyTorch's `kBeta`). */
const GELU_BETA = Math.sqrt(2 / Math.PI);
/** The cubic term's weight of the tanh form (PyTorch's `kKappa`). */
const GELU_KAPPA = 0.044715;

/**
 * `x·Φ(x) = ½x(1 + erf(x/√2))` element-wise (PyTorch's `F.gelu`), or with `approximate: 'tanh'`
 * `½x(1 + tanh(√(2/π)(x + 0.044715x³)))`; gradients as PyTorch's `gelu_backward`. Another
 * `approximate` string is an error at the argument, in PyTorch's words.
 *
 * @throws {TypeError} when `approximate` is not `'none'` or `'tanh'`.
 * @example
 * ```ts
 * import { gelu, tensor } from 'shapecheck';
 * gelu(tensor([0])).toArray();
 * //=> [0]
 * gelu(tensor([1]), 'tanh').toArray();
 * //=> [0.8411920070648193]
 * ```
 * @category Operations
 */
export function gelu<S extends Shape, A extends string = 'none'>(input: Tensor<S>, approximate?: GeluApproximateArgument<A>): Tensor<S> {
  const mode: GeluApproximate = checkGeluApproximate('gelu', approximate);
  if (mode === 'tanh') {
    const y = unary('gelu', 'GeluBackward', input, geluTanh, geluTanhDerivative);
    return traced(y, 'gelu', [input], { approximate: mode });
  }
  // d/dx x·Φ(x) = Φ(x) + x·φ(x)
  const y = unary('gelu', 'GeluBackward', input, (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)), (x) => 0.5 * (1 + erf(x / Math.SQRT2)) + (x * Math.exp(-0.5 * x * x)) / Math.sqrt(2 * Math.PI));
  return traced(y, 'gelu', [input], { approximate: mode });
}

function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(GELU_BETA * (x + GELU_KAPPA * x * x * x)));
}

/** PyTorch's `gelu_backward` for `approximate='tanh'`. */
function geluTanhDerivative(x: number): number {
  const t = Math.tanh(GELU_BETA * (x + GELU_KAPPA * x * x * x));
  return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_BETA * (1 + 3 * GELU_KAPPA * x * x);
}

/**
 * `x·σ(x)` element-wise (PyTorch's `F.silu`, "swish"); the shape is unchanged. Differentiable.
 *
 * @example
 * ```ts
 * import { silu, tensor } from 'shapecheck';
 * silu(tensor([0, 1])).toArray();
 * //=> [0, 0.7310585975646973]
 * ```
 * @category Operations
 */
export function silu<S extends Shape>(input: Tensor<S>): Tensor<S> {
  return traced(unaryArrays('silu', 'SiluBackward', input, siluForward, siluBackward, 'input'), 'silu', [input]);
}

function siluForward(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = v / (1 + Math.exp(-v));
  }
}

/** σ(x)·(1 + x·(1 − σ(x))), as PyTorch's `silu_backward`. */
function siluBackward(x: Float32Array, _y: Float32Array, grad: Float32Array, out: Float32Array): void {
  for (let i = 0; i < grad.length; i++) {
    const v = x[i]!;
    const s = 1 / (1 + Math.exp(-v));
    out[i] = grad[i]! * s * (1 + v * (1 - s));
  }
}

/**
 * `x·relu6(x + 3)/6` element-wise (PyTorch's `F.hardswish`, MobileNetV3's activation); the
 * gradient is PyTorch's (its vectorized CPU kernel): 0 below −3, `x/3 + ½` from −3 (included)
 * to 3, 1 from 3 up.
 *
 * @example
 * ```ts
 * import { hardswish, tensor } from 'shapecheck';
 * hardswish(tensor([-4, 0, 3, 5])).toArray();
 * //=> [-0, 0, 3, 5]
 * ```
 * @category Operations
 */
export function hardswish<S extends Shape>(input: Tensor<S>): Tensor<S> {
  return traced(unaryArrays('hardswish', 'HardswishBackward', input, hardswishForward, hardswishBackward, 'input'), 'hardswish', [input]);
}

function hardswishForward(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    // NaN stays NaN (min/max of NaN is NaN)
    out[i] = (v * Math.min(Math.max(v + 3, 0), 6)) / 6;
  }
}

function hardswishBackward(x: Float32Array, _y: Float32Array, grad: Float32Array, out: Float32Array): void {
  for (let i = 0; i < grad.length; i++) {
    const v = x[i]!;
    const g = grad[i]!;
    // at exactly 3 the vectorized CPU kernel's g (its scalar loop and CUDA give 1.5·g)
    out[i] = v < -3 ? 0 : v < 3 ? g * (v / 3 + 0.5) : g;
  }
}

/**
 * `relu6(x + 3)/6` element-wise (PyTorch's `F.hardsigmoid`); the gradient is 1/6 strictly
 * between −3 and 3, else 0 (PyTorch's).
 *
 * @example
 * ```ts
 * import { hardsigmoid, tensor } from 'shapecheck';
 * hardsigmoid(tensor([-4, 0, 4])).toArray();
 * //=> [0, 0.5, 1]
 * ```
 * @category Operations
 */
export function hardsigmoid<S extends Shape>(input: Tensor<S>): Tensor<S> {
  return traced(
    unary('hardsigmoid', 'HardsigmoidBackward', input, (x) => Math.min(Math.max(x + 3, 0), 6) / 6, (x) => (x > -3 && x < 3 ? 1 / 6 : 0)),
    'hardsigmoid',
    [input],
  );
}

/**
 * `x·tanh(softplus(x))` element-wise (PyTorch's `F.mish`). Differentiable (PyTorch's
 * `mish_backward`: `tanh(sp) + x·σ(x)·(1 − tanh²(sp))`).
 *
 * @example
 * ```ts
 * import { mish, tensor } from 'shapecheck';
 * mish(tensor([0, 1])).toArray();
 * //=> [0, 0.8650984168052673]
 * ```
 * @category Operations
 */
export function mish<S extends Shape>(input: Tensor<S>): Tensor<S> {
  return traced(
    unary(
      'mish',
      'MishBackward',
      input,
      (x) => x * Math.tanh(Math.log1p(Math.exp(x))),
      (x) => {
        const t = Math.tanh(Math.log1p(Math.exp(x)));
        return t + (x * (1 - t * t)) / (1 + Math.exp(-x));
      },
    ),
    'mish',
    [input],
  );
}

/**
 * `x` where positive, `alpha·(eˣ − 1)` elsewhere (PyTorch's `F.elu`, default `alpha` 1).
 * Differentiable: 1 above 0, `alpha·eˣ` at and below 0 (PyTorch's `elu_backward`).
 *
 * @throws {TypeError} when `alpha` is not a number.
 * @example
 * ```ts
 * import { elu, tensor } from 'shapecheck';
 * elu(tensor([2, 0]), 0.5).toArray();
 * //=> [2, 0]
 * elu(tensor([-100])).toArray();
 * //=> [-1]
 * ```
 * @category Operations
 */
export function elu<S extends Shape>(input: Tensor<S>, alpha = 1): Tensor<S> {
  checkEluAlpha('elu', alpha);
  return traced(
    unary('elu', 'EluBackward', input, (x) => (x > 0 ? x : alpha * Math.expm1(x)), (x) => (x > 0 ? 1 : alpha * Math.exp(x))),
    'elu',
    [input],
    { alpha },
  );
}

/**
 * Checks ELU's `alpha` (a number; NaN and ±Infinity are, as in PyTorch).
 *
 * @throws {TypeError} when it is not a number, with PyTorch's words.
 * @example
 * ```ts
 * import { checkEluAlpha } from 'shapecheck';
 * checkEluAlpha('ELU', 0.5);
 * //=> 0.5
 * ```
 * @category Shapes
 */
export function checkEluAlpha(op: string, alpha: unknown): number {
  if (typeof alpha !== 'number') {
    const shown = typeof alpha === 'string' ? `'${alpha}'` : String(alpha);
    throw new TypeError(`${op}: alpha must be a number, got ${shown} (elu(): argument 'alpha' (position 2) must be Number)`);
  }
  return alpha;
}

/**
 * The `weight` argument of {@link prelu}: the tensor, or the message when it cannot be the input's
 * weights (more than one dim, or a count that is not 1 and not the input's channels).
 *
 * @example
 * ```ts
 * import type { PreluWeightArgument } from 'shapecheck';
 * type M = PreluWeightArgument<[2, 3], [4]>;
 * //=> 'prelu: expected input[2, 3] to have 4 channels (weight), got 3 (Mismatch of parameter numbers and input channel size. Found parameter numbers = 4 and channel size = 3.)'
 * ```
 * @category Operations
 */
export type PreluWeightArgument<S extends Shape, W extends Shape> = PreluShape<S, W> extends ErrorMessage<infer Message> ? Message : Tensor<W>;

/**
 * `x` where positive, `weight[c]·x` elsewhere, `c` the element's channel (dim 1; PyTorch's
 * `F.prelu`): `weight` is a scalar, one value, or one per channel. Differentiable in both
 * (`∂weight[c]` sums `x·grad` over the channel's non-positive elements, as PyTorch). A weight
 * that does not fit is an error at `weight`, in PyTorch's words.
 *
 * @throws {ShapeError} when the weight has more than one dim, or its count is not 1 and not the channels.
 * @example
 * ```ts
 * import { prelu, tensor } from 'shapecheck';
 * prelu(tensor([[-2, -4], [2, 4]]), tensor([0.5, 0.25])).toArray();
 * //=> [[-1, -1], [2, 4]]
 * ```
 * @category Operations
 */
export function prelu<S extends Shape, W extends Shape>(input: Tensor<S>, weight: PreluWeightArgument<S, W>): TensorOf<PreluShape<S, W>> {
  return preluOp(input as Tensor, weight) as TensorOf<PreluShape<S, W>>;
}

function preluOp(input: Tensor, weightArgument: unknown): Tensor {
  const x = checkTensor('prelu', 'input', input).data;
  const weight = checkTensor('prelu', 'weight', weightArgument);
  const shape = input.shape as readonly number[];
  preluShape(shape, weight.shape as readonly number[]);
  const w = weight.data;
  const channels = w.length;
  // the channel of element i: (i / inner) % channels, inner the product of the dims after dim 1
  const inner = channels === 1 ? x.length || 1 : shape.slice(2).reduce((a, b) => a * b, 1);
  const channelOf = (i: number): number => (channels === 1 ? 0 : Math.floor(i / inner) % channels);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = v > 0 ? v : w[channelOf(i)]! * v;
  }
  const result = traced(new Tensor(out, shape), 'prelu', [input, weight]);
  return record(
    result,
    'PreluKernelBackward',
    [input, weight],
    (grad) => {
      const gradInput = input.requiresGrad ? new Float32Array(x.length) : null;
      const gradWeight = weight.requiresGrad ? new Float64Array(channels) : null;
      for (let i = 0; i < x.length; i++) {
        const v = x[i]!;
        const g = grad[i]!;
        const c = channelOf(i);
        if (gradInput) gradInput[i] = v > 0 ? g : w[c]! * g;
        if (gradWeight && !(v > 0)) gradWeight[c]! += v * g;
      }
      return [gradInput, gradWeight ? Float32Array.from(gradWeight) : null];
    },
    [input, weight],
  );
}
