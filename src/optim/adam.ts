import { noGrad } from '../autograd/engine.js';
import { Tensor } from '../tensor/tensor.js';
import { Optimizer, pythonNumber, type OptionRule, type ParamGroup, type ParamsArgument } from './optimizer.js';

/**
 * The options of `Adam` and `AdamW`, PyTorch's names camelCased, with PyTorch's defaults.
 *
 * @example
 * ```ts
 * import type { AdamOptions } from 'shapecheck';
 * const options: AdamOptions = { lr: 3e-4, betas: [0.9, 0.95], weightDecay: 0.1, amsgrad: true };
 * ```
 * @category Optimizers
 */
export interface AdamOptions {
  /** The learning rate, ≥ 0. Default 1e-3. */
  readonly lr?: number;
  /** The decay rates of the gradient's running average and of its square's, each in [0, 1). Default [0.9, 0.999]. */
  readonly betas?: readonly [number, number];
  /** Added to the denominator for numerical stability, ≥ 0. Default 1e-8. */
  readonly eps?: number;
  /**
   * Weight decay, ≥ 0: `Adam` adds `weightDecay·param` to the gradient (L2); `AdamW` decays the
   * parameter itself, `param −= lr·weightDecay·param` (decoupled). Default 0 (`Adam`), 0.01 (`AdamW`).
   */
  readonly weightDecay?: number;
  /** The AMSGrad variant: normalise by the largest second moment so far. Default false. */
  readonly amsgrad?: boolean;
  /** Maximize the objective instead of minimizing it. Default false. */
  readonly maximize?: boolean;
}

/**
 * The state `Adam` and `AdamW` keep per parameter (PyTorch's `step`, `exp_avg`, `exp_avg_sq`, `max_exp_avg_sq`).
 *
 * @example
 * ```ts
 * import { zeros, type AdamState } from 'shapecheck';
 * const state: AdamState = { step: 0, expAvg: zeros([2]), expAvgSq: zeros([2]), maxExpAvgSq: null };
 * ```
 * @category Optimizers
 */
export interface AdamState {
  /** The steps this parameter has taken (those where it had a gradient). */
  step: number;
  /** The running average of the gradient (first moment). */
  readonly expAvg: Tensor;
  /** The running average of the squared gradient (second moment). */
  readonly expAvgSq: Tensor;
  /** With `amsgrad`, the largest second moment so far; else null. */
  readonly maxExpAvgSq: Tensor | null;
}

const nonNegative = (what: string) => (value: number): string | null => (value >= 0 ? null : `Invalid ${what}: ${pythonNumber(value)}`);

/** How Adam's options are checked (PyTorch's messages). */
const ADAM_RULES: Readonly<Record<keyof AdamOptions, OptionRule>> = {
  lr: { type: 'number', check: nonNegative('learning rate') },
  betas: {
    type: 'betas',
    check: (betas: readonly [number, number]): string | null => {
      const index = betas.findIndex((beta) => !(beta >= 0 && beta < 1));
      return index < 0 ? null : `Invalid beta parameter at index ${index}: ${pythonNumber(betas[index]!)}`;
    },
  },
  eps: { type: 'number', check: nonNegative('epsilon value') },
  weightDecay: { type: 'number', check: nonNegative('weight_decay value') },
  amsgrad: { type: 'boolean' },
  maximize: { type: 'boolean' },
};

const defaultsWith = (weightDecay: number): ParamGroup<AdamOptions> => ({ params: [], lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay, amsgrad: false, maximize: false });

/**
 * Adam, PyTorch's `torch.optim.Adam`: per parameter with a gradient `g` (negated with `maximize`,
 * plus `weightDecay·p`), `m = β₁m + (1 − β₁)g`, `v = β₂v + (1 − β₂)g²` (with `amsgrad`, the
 * largest `v` so far is used), `p −= lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + eps)`, `t` the
 * parameter's own step count. Checked against PyTorch step by step (test/optim.test.ts).
 *
 * @throws {RangeError} PyTorch's messages for invalid options (`Invalid learning rate: -0.1`,
 *   `Invalid epsilon value: ...`, `Invalid beta parameter at index 0: ...`, `Invalid
 *   weight_decay value: ...`); {@link Error} for an empty parameter list.
 * @example
 * ```ts
 * import { Adam, mul, sum, tensor } from 'shapecheck';
 * const w = tensor([1, -2]).requiresGrad_();
 * const optimizer = new Adam([w], { lr: 0.1 });
 * sum(mul(w, w)).backward();
 * optimizer.step();   // the first step moves each element by lr, against its gradient's sign
 * w.toArray();
 * //=> [0.8999999761581421, -1.899999976158142]
 * optimizer.state.get(w)?.step;
 * //=> 1
 * ```
 * @category Optimizers
 */
export class Adam extends Optimizer<AdamOptions, AdamState> {
  constructor(params: ParamsArgument<AdamOptions>, options: AdamOptions = {}) {
    super(new.target === AdamW ? 'AdamW' : 'Adam', params, options, defaultsWith(new.target === AdamW ? 0.01 : 0), ADAM_RULES);
  }

  /** One Adam update of every parameter that has a gradient (see the class). */
  step(): void {
    this.update(false);
  }

  /** The update of every parameter that has a gradient; `decoupled` for AdamW's weight decay. */
  protected update(decoupled: boolean): void {
    noGrad(() => {
      for (const group of this.paramGroups) {
        const { lr, betas, eps, weightDecay, amsgrad, maximize } = group;
        // scalars as PyTorch's float32 kernels take them
        const [beta1, beta2] = betas;
        const keep1 = Math.fround(beta1);
        const keep2 = Math.fround(beta2);
        const mix1 = Math.fround(1 - beta1);
        const mix2 = Math.fround(1 - beta2);
        const epsilon = Math.fround(eps);
        for (const param of group.params) {
          const grad = param.grad;
          if (grad === null) continue;
          let state = this.state.get(param);
          if (!state) {
            const zeros = (): Tensor => new Tensor(new Float32Array(param.data.length), param.shape as readonly number[]);
            state = { step: 0, expAvg: zeros(), expAvgSq: zeros(), maxExpAvgSq: amsgrad ? zeros() : null };
            this.state.set(param, state);
          }
          state.step++;
          // AdamW: param *= 1 − lr·weightDecay, before the moments (fused into the loop below)
          const decay = decoupled && weightDecay !== 0 ? Math.fround(1 - lr * weightDecay) : 1;
          const g = grad.data;
          const p = param.data;
          const m = state.expAvg.data;
          const v = state.expAvgSq.data;
          const vMax = state.maxExpAvgSq?.data;
          const l2 = decoupled ? 0 : Math.fround(weightDecay);
          const biasCorrection1 = 1 - beta1 ** state.step;
          const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** state.step);
          const alpha = Math.fround(-(lr / biasCorrection1));
          param.changedInPlace('step');
          if (!vMax && !maximize && l2 === 0) {
            adamUpdate(p, g, m, v, decay, keep1, mix1, keep2, mix2, biasCorrection2Sqrt, epsilon, alpha);
          } else {
            for (let i = 0; i < p.length; i++) {
              const pi = decay === 1 ? p[i]! : Math.fround(p[i]! * decay);
              // the gradient, as a float32 tensor would hold it
              const gi = Math.fround((maximize ? -g[i]! : g[i]!) + l2 * pi);
              const mi = Math.fround(Math.fround(m[i]! * keep1) + mix1 * gi);
              m[i] = mi;
              let second = Math.fround(Math.fround(v[i]! * keep2) + Math.fround(mix2 * gi) * gi);
              v[i] = second;
              if (vMax) {
                if (vMax[i]! < second || Number.isNaN(second)) vMax[i] = second;
                second = vMax[i]!;
              }
              p[i] = pi + alpha * Math.fround(mi / Math.fround(Math.fround(Math.sqrt(second) / biasCorrection2Sqrt) + epsilon));
            }
          }
        }
      }
    });
  }
}

/**
 * One Adam update of a parameter in place for the common case (no AMSGrad, no maximize, no L2
 * term), in a loop of its own that V8 optimises without the options' branches: one pass over
 * parameter, gradient and moments, with the float32 roundings of PyTorch's tensor ops (the
 * moments, `m / (√v / bc2 + eps)`, then `p·decay + alpha·that`; `decay` is AdamW's, 1 for Adam:
 * multiplying by 1 is exact and costs less than a branch).
 */
function adamUpdate(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  decay: number,
  keep1: number,
  mix1: number,
  keep2: number,
  mix2: number,
  biasCorrection2Sqrt: number,
  epsilon: number,
  alpha: number,
): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const mi = Math.fround(Math.fround(m[i]! * keep1) + mix1 * gi);
    m[i] = mi;
    const vi = Math.fround(Math.fround(v[i]! * keep2) + Math.fround(mix2 * gi) * gi);
    v[i] = vi;
    p[i] = Math.fround(p[i]! * decay) + alpha * Math.fround(mi / Math.fround(Math.fround(Math.sqrt(vi) / biasCorrection2Sqrt) + epsilon));
  }
}

/**
 * AdamW, PyTorch's `torch.optim.AdamW`: Adam with decoupled weight decay (the parameter itself
 * decays, `p *= 1 − lr·weightDecay`, before the Adam update; the gradient is left as it is), and
 * `weightDecay` 0.01 by default. The same options, checks and state as {@link Adam}; checked
 * against PyTorch step by step.
 *
 * @throws {RangeError} PyTorch's messages for invalid options, as {@link Adam}.
 * @example
 * ```ts
 * import { AdamW, zeros } from 'shapecheck';
 * const optimizer = new AdamW([zeros([2], { requiresGrad: true })]);
 * optimizer.defaults.weightDecay;
 * //=> 0.01
 * ```
 * @category Optimizers
 */
export class AdamW extends Adam {
  /** One AdamW update of every parameter that has a gradient (see the class). */
  override step(): void {
    this.update(true);
  }
}
