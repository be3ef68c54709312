import { traced } from '../autograd/trace.js';
import { record } from '../autograd/engine.js';
import { checkDropoutProbability } from '../shape/norm.js';
import type { Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { generatorFor, type Generator } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * Dropout, as PyTorch's `F.dropout(input, p, training)`: in training each element is zeroed with
 * probability `p` and the others scaled by `1/(1 − p)` (all zeros for `p = 1`), the mask drawn from
 * `generator` (default: the default generator, `manualSeed`); not in training, the input's values
 * (a copy). Differentiable: the gradient goes through the same mask and scale. PyTorch's own random
 * stream is not reproduced: the same seed gives the same mask here, not torch's.
 *
 * @throws {RangeError | TypeError} when `p` is not a number between 0 and 1.
 * @example
 * ```ts
 * import { dropout, Generator, ones } from 'shapecheck';
 * const y = dropout(ones([1000]), 0.2, true, new Generator(0));
 * y.toArray().filter((v) => v === 0).length > 150;
 * //=> true
 * y.toArray().find((v) => v !== 0);
 * //=> 1.25
 * ```
 * @category Operations
 */
export function dropout<S extends Shape>(input: Tensor<S>, p = 0.5, training = true, generator?: Generator): Tensor<S> {
  const x = checkTensor('Dropout', 'input', input).data;
  checkDropoutProbability(p);
  if (typeof training !== 'boolean') throw new TypeError(`Dropout: training must be a boolean, got ${String(training)}`);
  if (!training || p === 0) {
    // the identity: a copy that passes the gradient on unchanged
    return record(traced(new Tensor(x.slice(), input.shape), 'identity', [input as Tensor]), 'CloneBackward', [input as Tensor], (grad) => [grad]);
  }
  const random = generator ?? generatorFor(undefined);
  // the kept elements' factor: 1/(1 − p), 0 everywhere for p = 1 (PyTorch multiplies by 0)
  const scale = p === 1 ? 0 : 1 / (1 - p);
  const mask = new Float32Array(x.length);
  for (let i = 0; i < mask.length; i++) mask[i] = random.uniform() < 1 - p ? scale : 0;
  const out = new Float32Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i]! * mask[i]!;
  return record(traced(new Tensor(out, input.shape), 'dropout', [input as Tensor], { p }), 'MulBackward', [input as Tensor], (grad) => {
    const gradInput = new Float32Array(grad.length);
    for (let i = 0; i < grad.length; i++) gradInput[i] = grad[i]! * mask[i]!;
    return [gradInput];
  });
}
