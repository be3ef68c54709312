// Gradients against central finite differences: the float64 weighted sum of an op's output,
// re-evaluated on perturbed float32 inputs (shared by the finite-difference property tests).
import { expect } from 'vitest';
import { Tensor, noGrad, randn } from 'shapecheck';
import { expectClose } from './helpers.js';

/** ∂(Σ w·f(inputs))/∂input[i] by central differences, w a fixed random weighting of the output. */
export function numericGrad(f: () => Tensor, input: Tensor, weights: Float32Array, eps = 1e-2): Float32Array {
  const grad = new Float32Array(input.data.length);
  const loss = (): number => noGrad(() => f().data.reduce((acc, v, i) => acc + v * weights[i]!, 0));
  for (let i = 0; i < input.data.length; i++) {
    const saved = input.data[i]!;
    input.data[i] = saved + eps;
    const up = loss();
    input.data[i] = saved - eps;
    const down = loss();
    input.data[i] = saved;
    grad[i] = (up - down) / (2 * eps);
  }
  return grad;
}

/** Checks backward's gradients of `f` at each of `inputs` against finite differences. */
export function checkGradients(name: string, f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], tolerance = 2e-2): void {
  for (const x of inputs) {
    x.setGrad(null);
    if (!x.requiresGrad) x.requiresGrad_();
  }
  const out = f(...inputs);
  const weights = randn([out.data.length], { seed: 7 }).data;
  out.backward(new Tensor(weights.slice(), out.shape as readonly number[]));
  inputs.forEach((x, i) => {
    const expected = numericGrad(() => f(...inputs), x, weights);
    expect(x.grad, `${name}: input ${i} has a gradient`).not.toBeNull();
    expectClose(x.grad!.data, expected, tolerance, tolerance, `${name}: ∂input ${i}`);
  });
}
