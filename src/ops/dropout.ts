import { traced } from '../autograd/trace.js';
import { record } from '../autograd/engine.js';
import { checkDropoutProbability } from '../shape/norm.js';
import { dropout2dOutputShape } from '../shape/activation.js';
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

// ---------------------------------------------------------------------------------------------
// issue 12: Dropout2d

/**
 * Channel-wise dropout, as PyTorch's `F.dropout2d(input, p, training)` (`feature_dropout`): in
 * training each channel — every `[n, c]` slice over the dims after the first two — is zeroed
 * with probability `p` and the others scaled by `1/(1 − p)`; not in training (or for `p = 0` or
 * no elements), the input's values (a copy). Differentiable through the same mask. As in PyTorch,
 * an input of fewer than 2 dims is an error in training only.
 *
 * @throws {RangeError | TypeError} when `p` is not a number between 0 and 1.
 * @throws {ShapeError} in training, for an input of fewer than 2 dims.
 * @example
 * ```ts
 * import { dropout2d, Generator, ones } from 'shapecheck';
 * const y = dropout2d(ones([1, 100, 2, 2]), 0.5, true, new Generator(0)).toArray()[0]!;
 * y.every((channel) => channel.flat().every((v) => v === channel[0]![0]));
 * //=> true
 * dropout2d(ones([2, 3]), 0.5, false).toArray();
 * //=> [[1, 1, 1], [1, 1, 1]]
 * ```
 * @category Operations
 */
export function dropout2d<S extends Shape>(input: Tensor<S>, p = 0.5, training = true, generator?: Generator): Tensor<S> {
  const x = checkTensor('Dropout2d', 'input', input).data;
  checkDropoutProbability(p, 'Dropout2d');
  if (typeof training !== 'boolean') throw new TypeError(`Dropout2d: training must be a boolean, got ${String(training)}`);
  const shape = input.shape as readonly number[];
  if (!training || p === 0 || x.length === 0) {
    return record(traced(new Tensor(x.slice(), input.shape), 'identity', [input as Tensor]), 'CloneBackward', [input as Tensor], (grad) => [grad]);
  }
  dropout2dOutputShape(shape);
  const random = generator ?? generatorFor(undefined);
  const scale = p === 1 ? 0 : 1 / (1 - p);
  const features = shape[0]! * shape[1]!;
  const inner = x.length / features;
  const mask = new Float32Array(features);
  for (let i = 0; i < features; i++) mask[i] = random.uniform() < 1 - p ? scale : 0;
  const out = new Float32Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = x[i]! * mask[Math.floor(i / inner)]!;
  return record(traced(new Tensor(out, input.shape), 'dropout2d', [input as Tensor], { p }), 'MulBackward', [input as Tensor], (grad) => {
    const gradInput = new Float32Array(grad.length);
    for (let i = 0; i < grad.length; i++) gradInput[i] = grad[i]! * mask[Math.floor(i / inner)]!;
    return [gradInput];
  });
}
