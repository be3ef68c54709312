import { Tensor } from '../tensor/tensor.js';
import { zeroGrads } from '../nn/module.js';

/**
 * A parameter group as an optimizer holds it (PyTorch's `optimizer.param_groups[i]`): its
 * parameters and every option, the group's own or else the optimizer's default. Options can be
 * changed between steps (`group.lr = 0.01`; a scheduler does it); `initialLr` is set by the first
 * scheduler attached (PyTorch's `initial_lr`).
 *
 * @example
 * ```ts
 * import { SGD, zeros, type ParamGroup, type SGDOptions } from 'shapecheck';
 * const optimizer = new SGD([zeros([2], { requiresGrad: true })], { lr: 0.1 });
 * const group: ParamGroup<SGDOptions> = optimizer.paramGroups[0]!;
 * group.momentum;
 * //=> 0
 * ```
 * @category Optimizers
 */
export type ParamGroup<Options extends object> = { -readonly [K in keyof Options]-?: Exclude<Options[K], undefined> } & {
  /** The group's parameters. */
  readonly params: readonly Tensor[];
  /** The learning rate a scheduler started from (set by the first scheduler attached). */
  initialLr?: number;
};

/**
 * What an optimizer's constructor takes: the parameters (`model.parameters()`), or parameter
 * groups, each with its own options (the rest from the constructor's options), as PyTorch's
 * `[{'params': ..., 'lr': 0.1}, {'params': ...}]`.
 *
 * @example
 * ```ts
 * import { zeros, type ParamsArgument, type SGDOptions } from 'shapecheck';
 * const a = zeros([2], { requiresGrad: true });
 * const b = zeros([3], { requiresGrad: true });
 * const groups: ParamsArgument<SGDOptions> = [{ params: [a], lr: 0.1 }, { params: [b] }];
 * ```
 * @category Optimizers
 */
export type ParamsArgument<Options extends object> = readonly Tensor[] | readonly (Options & { readonly params: readonly Tensor[] })[];

/** A number as Python prints it in PyTorch's messages (`nan`, `inf`). */
export function pythonNumber(value: number): string {
  return Number.isNaN(value) ? 'nan' : value === Infinity ? 'inf' : value === -Infinity ? '-inf' : String(value);
}

/** How an option is checked: its type, then its range (PyTorch's message when out of it). */
export interface OptionRule {
  readonly type: 'number' | 'boolean' | 'betas';
  /** The message when the value is out of range, or null when it is fine. */
  readonly check?: (value: never) => string | null;
}

/**
 * The base of the optimizers, as `torch.optim.Optimizer`: parameter groups with their options,
 * per-parameter state, `zeroGrad()` and an abstract `step()` (the update rule). A subclass gives
 * its name, its defaults and how each option is checked; options (the constructor's and each
 * group's) are checked before anything is kept, so bad options change nothing.
 *
 * @example
 * ```ts
 * import { Adam, Optimizer, zeros } from 'shapecheck';
 * const optimizer: Optimizer<object, object> = new Adam([zeros([2], { requiresGrad: true })]);
 * optimizer.paramGroups.length;
 * //=> 1
 * ```
 * @category Optimizers
 */
export abstract class Optimizer<Options extends object, State> {
  /** The options a group gets when it does not give its own (the constructor's, over PyTorch's defaults). */
  readonly defaults: Readonly<ParamGroup<Options>>;
  /** The parameter groups, in order. */
  readonly paramGroups: ParamGroup<Options>[] = [];
  /** Each parameter's state (PyTorch's `optimizer.state[p]`), created at its first step with a gradient. */
  readonly state: Map<Tensor, State> = new Map();
  readonly #name: string;
  readonly #rules: Readonly<Record<string, OptionRule>>;

  /**
   * @throws {TypeError} for parameters that are not tensors, an unknown option, an option of the wrong type.
   * @throws {RangeError} for an option out of range (PyTorch's words: `Invalid learning rate: -0.1`).
   * @throws {Error} for an empty parameter list, a tensor computed from others, a tensor in two groups.
   */
  protected constructor(name: string, params: ParamsArgument<Options>, options: Options, builtIn: ParamGroup<Options>, rules: Readonly<Record<string, OptionRule>>) {
    this.#name = name;
    this.#rules = rules;
    if (typeof options !== 'object' || options === null) throw new TypeError(`${name}: options must be an object, got ${String(options)}`);
    const defaults = this.#resolve({ ...builtIn }, options as Record<string, unknown>, 'options');
    this.defaults = Object.freeze(defaults);
    if (!Array.isArray(params) && !(params instanceof Tensor)) {
      throw new TypeError(`${name}: params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${String(params)}`);
    }
    if (params instanceof Tensor) {
      throw new TypeError(`${name}: params argument given to the optimizer should be an iterable of Tensors or dicts, but got a Tensor`);
    }
    const list = params as readonly unknown[];
    if (list.length === 0) throw new Error(`${name}: optimizer got an empty parameter list`);
    const groups = list[0] instanceof Tensor ? [{ params: list }] : list;
    const resolved = groups.map((group) => this.#group(group, []));
    const seen = new Set<Tensor>();
    for (const group of resolved) {
      for (const param of group.params) {
        if (seen.has(param)) throw new Error(`${name}: some parameters appear in more than one parameter group`);
        seen.add(param);
      }
    }
    this.paramGroups.push(...resolved);
  }

  /**
   * Adds a parameter group, its missing options from `defaults` (PyTorch's `add_param_group`; a
   * layer unfrozen during training, say).
   *
   * @throws {TypeError | RangeError | Error} as the constructor; nothing is added then.
   */
  addParamGroup(group: Options & { readonly params: readonly Tensor[] }): void {
    this.paramGroups.push(this.#group(group, this.paramGroups));
  }

  /** Clears every parameter's gradient (`setToNone`, PyTorch 2's default), or sets it to zeros. */
  zeroGrad(setToNone = true): void {
    zeroGrads(
      this.paramGroups.flatMap((group) => group.params),
      setToNone,
    );
  }

  /**
   * One update of every parameter that has a gradient, in place and without recording (inside
   * `noGrad`); a parameter whose `grad` is null is skipped, so a step with no gradients changes
   * nothing.
   */
  abstract step(): void;

  /** A group checked and completed from the defaults. */
  #group(group: unknown, others: readonly ParamGroup<Options>[]): ParamGroup<Options> {
    const name = this.#name;
    if (typeof group !== 'object' || group === null || Array.isArray(group)) {
      throw new TypeError(`${name}: a parameter group must be an object like { params: [...] }, got ${String(group)}`);
    }
    const { params, ...options } = group as { params?: unknown };
    if (params instanceof Tensor) throw new TypeError(`${name}: params argument given to the optimizer should be an iterable of Tensors or dicts, but got a Tensor`);
    if (!Array.isArray(params)) throw new TypeError(`${name}: a parameter group must hold its tensors in params, got ${String(params)}`);
    for (const param of params as unknown[]) {
      if (!(param instanceof Tensor)) throw new TypeError(`${name}: optimizer can only optimize Tensors, but one of the params is ${param === null ? 'null' : typeof param}`);
      if (!param.isLeaf) throw new Error(`${name}: can't optimize a non-leaf Tensor`);
      if (others.some((other) => other.params.includes(param))) throw new Error(`${name}: some parameters appear in more than one parameter group`);
    }
    const resolved = this.#resolve({ ...this.defaults } as ParamGroup<Options>, options as Record<string, unknown>, 'a parameter group');
    // each tensor once, in order (PyTorch warns about duplicates and would update them twice)
    return Object.assign(resolved, { params: [...new Set(params as Tensor[])] });
  }

  /** `options` checked one by one and laid over `base`. */
  #resolve(base: ParamGroup<Options>, options: Record<string, unknown>, where: string): ParamGroup<Options> {
    const name = this.#name;
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(options)) {
      if (value === undefined) continue;
      const rule = this.#rules[key];
      if (!rule) throw new TypeError(`${name}: unknown option '${key}' in ${where} (options: ${Object.keys(this.#rules).join(', ')})`);
      if (rule.type === 'betas') {
        if (!Array.isArray(value) || value.length !== 2 || value.some((beta) => typeof beta !== 'number')) {
          throw new TypeError(`${name}: ${key} must be a pair of numbers, got ${String(value)}`);
        }
        merged[key] = [value[0], value[1]] as const;
      } else {
        if (typeof value !== rule.type) throw new TypeError(`${name}: ${key} must be a ${rule.type}, got ${String(value)}`);
        merged[key] = value;
      }
    }
    // ranges after types, on the merged options: some depend on two (nesterov on momentum and dampening)
    for (const [key, rule] of Object.entries(this.#rules)) {
      const message = rule.check?.(merged[key] as never);
      if (message) throw new RangeError(`${name}: ${message}`);
    }
    this.checkGroup?.(merged as ParamGroup<Options>);
    return merged as ParamGroup<Options>;
  }

  /**
   * Checks that depend on several options, on a completed group (SGD's nesterov).
   *
   * @throws {RangeError} with PyTorch's words.
   */
  protected checkGroup?(group: ParamGroup<Options>): void;

  /**
   * A scratch tensor of `param`'s shape, kept for the next steps (no allocation per step).
   * @internal
   */
  protected scratchFor(param: Tensor): Tensor {
    let scratch = this.#scratch.get(param);
    if (!scratch) {
      scratch = new Tensor(new Float32Array(param.data.length), param.shape as readonly number[]);
      this.#scratch.set(param, scratch);
    }
    return scratch;
  }
  readonly #scratch = new WeakMap<Tensor, Tensor>();
}
