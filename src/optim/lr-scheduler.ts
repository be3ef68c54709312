import { Optimizer } from './optimizer.js';

/** What a scheduler changes: the optimizer's groups' learning rates. */
type Scheduled = Optimizer<{ readonly lr?: number }, unknown>;

/** Checks an integer option of a scheduler. */
function checkInteger(name: string, key: string, value: unknown, min: number): number {
  if (typeof value !== 'number') throw new TypeError(`${name}: ${key} must be a number, got ${String(value)}`);
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name}: ${key} must be an integer ≥ ${min}, got ${value}`);
  return value;
}

/** Checks a finite number option of a scheduler. */
function checkNumber(name: string, key: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name}: ${key} must be a number, got ${String(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name}: ${key} must be a finite number, got ${value}`);
  return value;
}

/**
 * The base of the learning-rate schedulers, as PyTorch's `LRScheduler`: it records each group's
 * starting learning rate (`initialLr`, PyTorch's `initial_lr`), and each `step()` (call it after
 * `optimizer.step()`, once per epoch or per batch as you schedule) advances `lastEpoch` and sets
 * every group's `lr` from the subclass's rule, in PyTorch's chainable form (from the current
 * `lr`), so that the numbers are PyTorch's to the last bit of a double.
 *
 * @example
 * ```ts
 * import { LRScheduler, SGD, StepLR, zeros } from 'shapecheck';
 * const optimizer = new SGD([zeros([1], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler: LRScheduler = new StepLR(optimizer, { stepSize: 1 });
 * scheduler.baseLrs;
 * //=> [0.1]
 * ```
 * @category Optimizers
 */
export abstract class LRScheduler {
  /** The optimizer whose learning rates are set. */
  readonly optimizer: Scheduled;
  /** Each group's starting learning rate (PyTorch's `base_lrs`). */
  readonly baseLrs: readonly number[];
  /** The number of `step()` calls so far, from the starting epoch (-1 until the initial step, then 0, 1, ...). */
  lastEpoch: number;
  #lastLr: number[] = [];
  #stepCount = 0;

  /**
   * @throws {TypeError} when `optimizer` is not an optimizer.
   * @throws {Error} when resuming (`lastEpoch` ≥ 0) and a group has no `initialLr` (PyTorch's words).
   */
  protected constructor(name: string, optimizer: Scheduled, lastEpoch: number) {
    if (!(optimizer instanceof Optimizer)) throw new TypeError(`${name}: ${optimizer === null ? 'null' : typeof optimizer} is not an Optimizer`);
    checkInteger(name, 'lastEpoch', lastEpoch, -1);
    if (lastEpoch === -1) {
      for (const group of optimizer.paramGroups) group.initialLr ??= group.lr;
    } else {
      optimizer.paramGroups.forEach((group, i) => {
        if (group.initialLr === undefined) throw new Error(`${name}: param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    }
    this.optimizer = optimizer;
    this.baseLrs = optimizer.paramGroups.map((group) => group.initialLr as number);
    this.lastEpoch = lastEpoch;
  }

  /** The first step, at construction (PyTorch's `_initial_step`); subclasses call it once their options are set. */
  protected initialStep(): void {
    this.#stepCount = 0;
    this.step();
  }

  /** The number of `step()` calls, the initial one included (PyTorch's `_step_count`). */
  protected get stepCount(): number {
    return this.#stepCount;
  }

  /** Advances one epoch and sets every group's learning rate. */
  step(): void {
    this.#stepCount++;
    this.lastEpoch++;
    const values = this.computeLr();
    this.optimizer.paramGroups.forEach((group, i) => {
      group.lr = values[i] as number;
    });
    this.#lastLr = this.optimizer.paramGroups.map((group) => group.lr);
  }

  /** The learning rates the last `step()` set, one per group (PyTorch's `get_last_lr()`). */
  getLastLr(): number[] {
    return [...this.#lastLr];
  }

  /** The new learning rate of each group at `lastEpoch` (PyTorch's chainable `get_lr`). */
  protected abstract computeLr(): number[];
}

/**
 * The options of `StepLR`.
 *
 * @example
 * ```ts
 * import type { StepLROptions } from 'shapecheck';
 * const options: StepLROptions = { stepSize: 30, gamma: 0.1 };
 * ```
 * @category Optimizers
 */
export interface StepLROptions {
  /** The period of the decay, in epochs (a positive integer). */
  readonly stepSize: number;
  /** The factor the learning rate is multiplied by every `stepSize` epochs. Default 0.1. */
  readonly gamma?: number;
  /** The last epoch when resuming. Default -1 (start). */
  readonly lastEpoch?: number;
}

/**
 * PyTorch's `StepLR`: multiplies each group's learning rate by `gamma` every `stepSize` epochs
 * (`lr = initialLr · gamma^⌊epoch / stepSize⌋` when nothing else changes it).
 *
 * @throws {TypeError | RangeError} for a `stepSize` that is not a positive integer, a `gamma` that is not finite.
 * @example
 * ```ts
 * import { SGD, StepLR, zeros } from 'shapecheck';
 * const optimizer = new SGD([zeros([1], { requiresGrad: true })], { lr: 1 });
 * const scheduler = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
 * const lrs = [];
 * for (let epoch = 0; epoch < 5; epoch++) {
 *   optimizer.step();
 *   scheduler.step();
 *   lrs.push(scheduler.getLastLr()[0]);
 * }
 * lrs;
 * //=> [1, 0.5, 0.5, 0.25, 0.25]
 * ```
 * @category Optimizers
 */
export class StepLR extends LRScheduler {
  /** The period of the decay, in epochs. */
  readonly stepSize: number;
  /** The decay factor. */
  readonly gamma: number;

  constructor(optimizer: Scheduled, options: StepLROptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('StepLR: options must be an object like { stepSize: 30 }');
    const stepSize = checkInteger('StepLR', 'stepSize', options.stepSize, 1);
    const gamma = checkNumber('StepLR', 'gamma', options.gamma ?? 0.1);
    super('StepLR', optimizer, options.lastEpoch ?? -1);
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return groups.map((group) => group.lr);
    return groups.map((group) => group.lr * this.gamma);
  }
}

/**
 * The options of `CosineAnnealingLR`.
 *
 * @example
 * ```ts
 * import type { CosineAnnealingLROptions } from 'shapecheck';
 * const options: CosineAnnealingLROptions = { tMax: 100, etaMin: 1e-5 };
 * ```
 * @category Optimizers
 */
export interface CosineAnnealingLROptions {
  /** The number of epochs of a half cosine period (a positive integer; PyTorch's `T_max`). */
  readonly tMax: number;
  /** The smallest learning rate. Default 0. */
  readonly etaMin?: number;
  /** The last epoch when resuming. Default -1 (start). */
  readonly lastEpoch?: number;
}

/**
 * PyTorch's `CosineAnnealingLR`: anneals each group's learning rate from its initial value to
 * `etaMin` along a half cosine over `tMax` epochs (`etaMin + (initialLr − etaMin)(1 + cos(π·epoch/tMax))/2`
 * when nothing else changes it), then back up, in PyTorch's recursive (chainable) form.
 *
 * @throws {TypeError | RangeError} for a `tMax` that is not a positive integer, an `etaMin` that is not finite.
 * @example
 * ```ts
 * import { CosineAnnealingLR, SGD, zeros } from 'shapecheck';
 * const optimizer = new SGD([zeros([1], { requiresGrad: true })], { lr: 0.1 });
 * const scheduler = new CosineAnnealingLR(optimizer, { tMax: 2 });
 * optimizer.step();
 * scheduler.step();
 * scheduler.getLastLr().map((lr) => lr.toFixed(3));
 * //=> ['0.050']
 * ```
 * @category Optimizers
 */
export class CosineAnnealingLR extends LRScheduler {
  /** Half a cosine period, in epochs. */
  readonly tMax: number;
  /** The smallest learning rate. */
  readonly etaMin: number;

  constructor(optimizer: Scheduled, options: CosineAnnealingLROptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('CosineAnnealingLR: options must be an object like { tMax: 100 }');
    const tMax = checkInteger('CosineAnnealingLR', 'tMax', options.tMax, 1);
    const etaMin = checkNumber('CosineAnnealingLR', 'etaMin', options.etaMin ?? 0);
    super('CosineAnnealingLR', optimizer, options.lastEpoch ?? -1);
    this.tMax = tMax;
    this.etaMin = etaMin;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const { tMax, etaMin, lastEpoch } = this;
    const groups = this.optimizer.paramGroups;
    if (lastEpoch === 0) return groups.map((group) => group.lr);
    if (this.stepCount === 1 && lastEpoch > 0) {
      return this.baseLrs.map((base) => etaMin + ((base - etaMin) * (1 + Math.cos((lastEpoch * Math.PI) / tMax))) / 2);
    }
    // Python's % is non-negative for a positive divisor
    if ((((lastEpoch - 1 - tMax) % (2 * tMax)) + 2 * tMax) % (2 * tMax) === 0) {
      return groups.map((group, i) => group.lr + ((this.baseLrs[i]! - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2);
    }
    return groups.map(
      (group) => ((1 + Math.cos((Math.PI * lastEpoch) / tMax)) / (1 + Math.cos((Math.PI * (lastEpoch - 1)) / tMax))) * (group.lr - etaMin) + etaMin,
    );
  }
}
