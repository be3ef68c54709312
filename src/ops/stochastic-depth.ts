import { traced } from '../autograd/trace.js';
import { record } from '../autograd/engine.js';
import { checkStochasticDepthOptions, type StochasticDepthMode } from '../shape/stochastic-depth.js';
import type { Shape } from '../shape/shape.js';
import { ShapeError } from '../shape/shape-error.js';
import { checkTensor } from '../tensor/check.js';
import { generatorFor, type Generator } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * Stochastic depth (Huang et al., 2016), as torchvision's `ops.stochastic_depth(input, p, mode,
 * training)`: in training, each sample of the batch (`mode: 'row'`) or the whole batch (`'batch'`)
 * is zeroed with probability `p` and kept scaled by `1/(1 − p)` (all zeros for `p = 1`: torchvision
 * does not divide then); not in training, or for `p = 0`, the input's values (a copy). The draws
 * come from `generator` (default: the default generator, `manualSeed`), one per sample or one per
 * call, not torch's stream. Differentiable: the gradient goes through the same mask and scale.
 *
 * @throws {TypeError | RangeError} when `p` is not a number in [0, 1], `mode` not `'batch'` or
 *   `'row'`, or `training` not a boolean.
 * @throws {ShapeError} in training with mode `'row'`, for an input of no dims (no samples to drop).
 * @example
 * ```ts
 * import { Generator, ones, stochasticDepth } from 'shapecheck';
 * const y = stochasticDepth(ones([6, 2]), 0.5, 'row', true, new Generator(0)).toArray();
 * y.every(([a, b]) => a === b && (a === 0 || a === 2));
 * //=> true
 * stochasticDepth(ones([2]), 0.5, 'batch', false).toArray();
 * //=> [1, 1]
 * ```
 * @category Operations
 */
export function stochasticDepth<S extends Shape>(input: Tensor<S>, p: number, mode: StochasticDepthMode, training = true, generator?: Generator): Tensor<S> {
  const x = checkTensor('StochasticDepth', 'input', input).data;
  checkStochasticDepthOptions(p, mode);
  if (typeof training !== 'boolean') throw new TypeError(`StochasticDepth: training must be a boolean, got ${String(training)}`);
  if (!training || p === 0) {
    // the identity: a copy that passes the gradient on unchanged
    return record(traced(new Tensor(x.slice(), input.shape), 'identity', [input as Tensor]), 'CloneBackward', [input as Tensor], (grad) => [grad]);
  }
  const shape = input.shape as readonly number[];
  if (mode === 'row' && shape.length === 0) throw new ShapeError("StochasticDepth: mode 'row' drops samples along dim 0, but the input has no dims");
  const random = generator ?? generatorFor(undefined);
  const survival = 1 - p;
  // torchvision: noise = bernoulli(survival) over [N, 1, ...] (row) or [1, ...] (batch), divided by survival when it is > 0
  const scale = survival > 0 ? 1 / survival : 0;
  const samples = mode === 'row' ? shape[0]! : 1;
  const inner = samples === 0 ? 0 : x.length / samples;
  const mask = new Float32Array(samples);
  for (let i = 0; i < samples; i++) mask[i] = random.uniform() < survival ? scale : 0;
  const out = new Float32Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i]! * mask[Math.floor(i / inner)]!;
  return record(traced(new Tensor(out, input.shape), 'stochasticDepth', [input as Tensor], { p, mode }), 'MulBackward', [input as Tensor], (grad) => {
    const gradInput = new Float32Array(grad.length);
    for (let i = 0; i < grad.length; i++) gradInput[i] = grad[i]! * mask[Math.floor(i / inner)]!;
    return [gradInput];
  });
}
