import { noGrad } from '../autograd/engine.js';
import { Tensor } from '../tensor/tensor.js';
import { Optimizer, pythonNumber, type OptionRule, type ParamGroup, type ParamsArgument } from './optimizer.js';

/**
 * The options of `SGD`, PyTorch's names camelCased, with PyTorch's defaults.
 *
 * @example
 * ```ts
 * import type { SGDOptions } from 'shapecheck';
 * const options: SGDOptions = { lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 5e-4 };
 * ```
 * @category Optimizers
 */
export interface SGDOptions {
  /** The learning rate, ≥ 0. Default 1e-3 (PyTorch 2's default). */
  readonly lr?: number;
  /** The momentum factor, ≥ 0. Default 0. */
  readonly momentum?: number;
  /** Dampening for momentum: the new gradient enters the buffer scaled by `1 − dampening`. Default 0. */
  readonly dampening?: number;
  /** Nesterov momentum (needs `momentum > 0` and `dampening = 0`). Default false. */
  readonly nesterov?: boolean;
  /** L2 penalty added to the gradient (`grad + weightDecay·param`), ≥ 0. Default 0. */
  readonly weightDecay?: number;
  /** Maximize the objective instead of minimizing it. Default false. */
  readonly maximize?: boolean;
}

/**
 * The state `SGD` keeps per parameter: the momentum buffer (`null` without momentum).
 *
 * @example
 * ```ts
 * import type { SGDState } from 'shapecheck';
 * const state: SGDState = { momentumBuffer: null };
 * ```
 * @category Optimizers
 */
export interface SGDState {
  /** PyTorch's `momentum_buffer`: the velocity, of the parameter's shape. */
  momentumBuffer: Tensor | null;
}

const nonNegative = (what: string) => (value: number): string | null => (value >= 0 ? null : `Invalid ${what}: ${pythonNumber(value)}`);

/** How SGD's options are checked (PyTorch's messages; a NaN is rejected too). */
const SGD_RULES: Readonly<Record<keyof SGDOptions, OptionRule>> = {
  lr: { type: 'number', check: nonNegative('learning rate') },
  momentum: { type: 'number', check: nonNegative('momentum value') },
  dampening: { type: 'number', check: (value: number) => (Number.isNaN(value) ? 'Invalid dampening value: nan' : null) },
  nesterov: { type: 'boolean' },
  weightDecay: { type: 'number', check: nonNegative('weight_decay value') },
  maximize: { type: 'boolean' },
};

const SGD_DEFAULTS: ParamGroup<SGDOptions> = { params: [], lr: 1e-3, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false };

/**
 * Stochastic gradient descent, PyTorch's `torch.optim.SGD`, with momentum, dampening, Nesterov
 * momentum, weight decay and `maximize`: per parameter with a gradient `g` (negated with
 * `maximize`), `g += weightDecay·p`; with momentum `b = momentum·b + (1 − dampening)·g` (`b = g`
 * at the first step) and `g = nesterov ? g + momentum·b : b`; then `p −= lr·g`. Checked against
 * PyTorch step by step (test/optim.test.ts).
 *
 * @throws {RangeError} PyTorch's messages for invalid options (`Invalid learning rate: -0.1`,
 *   `Invalid momentum value: ...`, `Invalid weight_decay value: ...`, `Nesterov momentum requires
 *   a momentum and zero dampening`); {@link Error} for an empty parameter list.
 * @example
 * ```ts
 * import { SGD, mul, sum, tensor } from 'shapecheck';
 * const w = tensor([1, 2]).requiresGrad_();
 * const optimizer = new SGD([w], { lr: 0.1, momentum: 0.9 });
 * sum(mul(w, w)).backward();   // grad = 2w = [2, 4]
 * optimizer.step();
 * w.toArray();
 * //=> [0.800000011920929, 1.600000023841858]
 * optimizer.zeroGrad();
 * w.grad;
 * //=> null
 * ```
 * @category Optimizers
 */
export class SGD extends Optimizer<SGDOptions, SGDState> {
  constructor(params: ParamsArgument<SGDOptions>, options: SGDOptions = {}) {
    super('SGD', params, options, SGD_DEFAULTS, SGD_RULES);
  }

  /** Nesterov momentum needs a momentum and no dampening (PyTorch's check). */
  protected override checkGroup(group: ParamGroup<SGDOptions>): void {
    if (group.nesterov && (group.momentum <= 0 || group.dampening !== 0)) throw new RangeError('SGD: Nesterov momentum requires a momentum and zero dampening');
  }

  /** One SGD update of every parameter that has a gradient (see the class). */
  step(): void {
    noGrad(() => {
      for (const group of this.paramGroups) {
        const { lr, momentum, nesterov, maximize } = group;
        // scalars as PyTorch's float32 kernels take them
        const weightDecay = Math.fround(group.weightDecay);
        const keep = Math.fround(momentum);
        const mix = Math.fround(1 - group.dampening);
        for (const param of group.params) {
          const grad = param.grad;
          if (grad === null) continue;
          const g = grad.data;
          const p = param.data;
          // d = the step's direction, rounded to float32 as PyTorch's tensors hold it
          const direction = this.scratchFor(param);
          const d = direction.data;
          for (let i = 0; i < d.length; i++) d[i] = (maximize ? -g[i]! : g[i]!) + weightDecay * p[i]!;
          let state = this.state.get(param);
          if (!state) {
            state = { momentumBuffer: null };
            this.state.set(param, state);
          }
          if (momentum !== 0) {
            if (state.momentumBuffer === null) state.momentumBuffer = new Tensor(d.slice(), param.shape as readonly number[]);
            else {
              const b = state.momentumBuffer.data;
              for (let i = 0; i < b.length; i++) b[i] = Math.fround(b[i]! * keep) + mix * d[i]!;
            }
            const b = state.momentumBuffer.data;
            if (nesterov) for (let i = 0; i < d.length; i++) d[i] = d[i]! + keep * b[i]!;
            else d.set(b);
          }
          param.add_(direction, Math.fround(-lr));
        }
      }
    });
  }
}
