import { noGrad } from '../autograd/engine.js';
import { formatList } from '../shape/format.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * The module tree, as PyTorch's `nn.Module` walks it: a module's children are named (a
 * `Sequential`'s by their index from 0, a class's by its field), and its parameters and buffers
 * are listed with dotted names, children after the module's own, first occurrence only.
 *
 * A child is anything with `namedParameters` (the built-in layers, `Sequential`, the blocks,
 * {@link Module} subclasses) or a layer (a `kind` and an `outputShape`: a block class that does
 * not extend {@link Module}), whose public fields are then walked as PyTorch walks a module's
 * attributes: a field holding a layer or a model is a child, an array of them is a list of
 * children (`field.0`, as `nn.ModuleList`), and a leaf tensor that requires grad is a parameter
 * (PyTorch's `nn.Parameter`).
 * @packageDocumentation
 */

/** What the walker needs of a module that lists its own parameters (every built-in one). */
interface Listing {
  namedParameters(prefix?: string): [string, Tensor][];
  namedBuffers?(prefix?: string): [string, Tensor][];
  namedChildren?(): [string, object][];
  train?(mode?: boolean): unknown;
}

/**
 * `root` and every module below it with dotted names, depth first, each once (PyTorch's
 * `named_modules()`): what `Module.namedModules` returns, for any module (a block class that does
 * not extend {@link Module} too).
 */
export function namedModulesOf(root: object): [string, object][] {
  const seen = new Set<object>();
  const walk = (module: object, name: string): [string, object][] => {
    if (seen.has(module)) return [];
    seen.add(module);
    const below = childrenOf(module).flatMap(([child, value]) => walk(value, name === '' ? child : `${name}.${child}`));
    return [[name, module], ...below];
  };
  return walk(root, '');
}

/** Whether `value` lists its own parameters. */
function isListing(value: object): value is Listing {
  return typeof (value as Partial<Listing>).namedParameters === 'function';
}

/** Whether `value` is a module: it lists its parameters, or it is a layer (a kind and a shape rule). */
export function isModule(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || value instanceof Tensor) return false;
  if (isListing(value)) return true;
  const layer = value as { kind?: unknown; outputShape?: unknown };
  return typeof layer.kind === 'string' && typeof layer.outputShape === 'function';
}

/**
 * A module's children, named: its own `namedChildren()` when it has one, else its public fields
 * holding modules (an array of modules gives `field.0`, `field.1`, ...), in the order they were
 * assigned (a class's fields in declaration order).
 */
export function childrenOf(module: object): [string, object][] {
  const listed = (module as Partial<Listing>).namedChildren;
  return typeof listed === 'function' ? listed.call(module) : fieldChildren(module);
}

/** The modules in an object's public fields, named by field (an array of modules: `field.0`, ...). */
function fieldChildren(module: object): [string, object][] {
  const children: [string, object][] = [];
  for (const [key, value] of Object.entries(module)) {
    if (isModule(value)) children.push([key, value]);
    else if (Array.isArray(value) && value.length > 0 && value.every(isModule)) value.forEach((item, i) => children.push([`${key}.${i}`, item as object]));
  }
  return children;
}

/** The leaf tensors that require grad in a module's public fields (a block class's own parameters). */
export function fieldParameters(module: object): [string, Tensor][] {
  return Object.entries(module).filter((entry): entry is [string, Tensor] => entry[1] instanceof Tensor && entry[1].requiresGrad && entry[1].isLeaf);
}

/** `entries` without a tensor seen before (PyTorch's `remove_duplicate`: a shared layer is listed once, at its first name). */
function unique(entries: [string, Tensor][]): [string, Tensor][] {
  const seen = new Set<Tensor>();
  return entries.filter(([, tensor]) => (seen.has(tensor) ? false : (seen.add(tensor), true)));
}

/**
 * A module's parameters with dotted names: its own fields' (a block class's), then each child's,
 * under `prefix`. What `namedParameters` of `Sequential`, the blocks and {@link Module} return.
 */
export function namedParametersOf(module: object, prefix = ''): [string, Tensor][] {
  const entries: [string, Tensor][] = fieldParameters(module).map(([name, tensor]) => [prefix + name, tensor]);
  for (const [name, child] of childrenOf(module)) {
    entries.push(...(isListing(child) ? child.namedParameters(`${prefix}${name}.`) : namedParametersOf(child, `${prefix}${name}.`)));
  }
  return unique(entries);
}

/** A module's buffers with dotted names (BatchNorm2d's running statistics), children in order. */
export function namedBuffersOf(module: object, prefix = ''): [string, Tensor][] {
  const entries: [string, Tensor][] = [];
  for (const [name, child] of childrenOf(module)) {
    const own = (child as Partial<Listing>).namedBuffers;
    entries.push(...(typeof own === 'function' ? own.call(child, `${prefix}${name}.`) : namedBuffersOf(child, `${prefix}${name}.`)));
  }
  return unique(entries);
}

/** The `[name, tensor]` pairs of a layer's own tensors that are set (`null` ones left out). */
export function ownTensors(prefix: string, entries: readonly (readonly [string, unknown])[]): [string, Tensor][] {
  return entries.filter((entry): entry is [string, Tensor] => entry[1] instanceof Tensor).map(([name, tensor]) => [prefix + name, tensor]);
}

/** Checks `train`'s argument as PyTorch does. */
export function checkTrainingMode(mode: unknown): boolean {
  if (typeof mode !== 'boolean') throw new TypeError(`train: training mode is expected to be boolean, got ${String(mode)}`);
  return mode;
}

/**
 * Sets training mode on every child: a child with its own `train` gets it called (it passes the
 * mode on to its own children), one without is walked (a block class's fields).
 */
export function trainChildren(module: object, mode: boolean): void {
  for (const [, child] of childrenOf(module)) {
    const train = (child as Partial<Listing>).train;
    if (typeof train === 'function') train.call(child, mode);
    else trainChildren(child, mode);
  }
}

/** Clears (PyTorch 2's `set_to_none`) or zeroes the gradient of each tensor. */
export function zeroGrads(parameters: readonly Tensor[], setToNone: boolean): void {
  if (typeof setToNone !== 'boolean') throw new TypeError(`zeroGrad: setToNone must be a boolean, got ${String(setToNone)}`);
  for (const parameter of parameters) {
    const grad = parameter.grad;
    if (grad === null) continue;
    if (setToNone) parameter.setGrad(null);
    else grad.data.fill(0);
  }
}

// ---------------------------------------------------------------------------------------------
// state_dict: every parameter and buffer under its dotted name, in PyTorch's order (each module's
// own parameters, then its own buffers, then its children's, depth first), with PyTorch's names:
// a layer's `weight` and `bias`, BatchNorm2d's `running_mean`, `running_var`, `num_batches_tracked`
// (its fields are camelCased; a checkpoint is not), the path its children's names (a
// `Sequential`'s numbers from 0, or the names given to `add`).

/**
 * A state dict as `loadStateDict` takes it: a `Map` (as `stateDict()` returns) or a plain object,
 * name to tensor.
 *
 * @example
 * ```ts
 * import { zeros, type StateDict } from 'shapecheck';
 * const dict: StateDict = { '0.weight': zeros([2, 3]), '0.bias': zeros([2]) };
 * Object.keys(dict).length;
 * //=> 2
 * ```
 * @category Models
 */
export type StateDict = ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>;

/**
 * What `loadStateDict` reports (PyTorch's `_IncompatibleKeys`): keys the model has and the dict
 * lacks, and the reverse (with `strict: false`; a strict load throws instead).
 *
 * @example
 * ```ts
 * import { Linear, Sequential, type LoadStateDictResult } from 'shapecheck';
 * const model = new Sequential(['batch', 3]).add(new Linear({ inFeatures: 3, outFeatures: 2 }));
 * const result: LoadStateDictResult = model.loadStateDict({}, { strict: false });
 * result.missingKeys;
 * //=> ['0.weight', '0.bias']
 * ```
 * @category Models
 */
export interface LoadStateDictResult {
  readonly missingKeys: string[];
  readonly unexpectedKeys: string[];
}

/**
 * `loadStateDict`'s options.
 *
 * @example
 * ```ts
 * import type { LoadStateDictOptions } from 'shapecheck';
 * const options: LoadStateDictOptions = { strict: false };
 * options.strict;
 * //=> false
 * ```
 * @category Models
 */
export interface LoadStateDictOptions {
  /**
   * Whether the dict's keys must be exactly the model's (default true, as PyTorch): missing or
   * unexpected keys are then an error. A shape that differs is an error either way.
   */
  readonly strict?: boolean;
}

/** PyTorch's name of a buffer field: `runningMean` is `running_mean`. */
function torchName(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** What the walker needs of a layer that lists its own tensors (the built-in layers). */
interface OwnTensors {
  namedParameters(prefix?: string): [string, Tensor][];
  namedBuffers?(prefix?: string): [string, Tensor][];
}

/**
 * The `[name, tensor]` pairs of `module`'s state under `prefix`, in PyTorch's order. A built-in
 * layer (no children of its own) lists its parameters and buffers; a model or block gives its
 * own parameters (a block class's tensor fields), then each child's state.
 */
export function stateEntries(module: object, prefix = ''): [string, Tensor][] {
  const layer = module as Partial<OwnTensors> & { namedChildren?: unknown };
  if (typeof layer.namedChildren !== 'function' && typeof layer.namedParameters === 'function') {
    const own = layer.namedParameters.call(module, '');
    const buffers = typeof layer.namedBuffers === 'function' ? layer.namedBuffers.call(module, '') : [];
    return [...own.map(([name, t]): [string, Tensor] => [prefix + name, t]), ...buffers.map(([name, t]): [string, Tensor] => [prefix + torchName(name), t])];
  }
  const entries = fieldParameters(module).map(([name, t]): [string, Tensor] => [prefix + name, t]);
  for (const [name, child] of childrenOf(module)) entries.push(...stateEntries(child, `${prefix}${name}.`));
  return entries;
}

/**
 * PyTorch's `state_dict()`: every parameter and buffer of `module` by name, in PyTorch's order, as
 * tensors that share the module's data and require no grad (a shared layer appears under each of
 * its names, as in PyTorch).
 */
export function stateDictOf(module: object): Map<string, Tensor> {
  return new Map(stateEntries(module).map(([name, t]): [string, Tensor] => [name, t.detach()]));
}

/** The dict's entries, checked to be tensors (names the key that is not). */
function entriesOf(dict: unknown): [string, Tensor][] {
  if (typeof dict !== 'object' || dict === null || dict instanceof Tensor || Array.isArray(dict)) {
    throw new TypeError(`loadStateDict: Expected state_dict to be dict-like (a Map or an object of tensors), got ${dict === null ? 'null' : Array.isArray(dict) ? 'an array' : dict instanceof Tensor ? 'a Tensor' : typeof dict}.`);
  }
  const entries: [string, unknown][] = dict instanceof Map ? [...(dict as Map<unknown, unknown>).entries()].map(([k, v]): [string, unknown] => [k as string, v]) : Object.entries(dict);
  for (const [key, value] of entries) {
    if (typeof key !== 'string') throw new TypeError(`loadStateDict: a state_dict's keys are strings, got ${typeof key}`);
    if (!(value instanceof Tensor)) throw new TypeError(`loadStateDict: the value of "${key}" is not a Tensor (${value === null ? 'null' : typeof value})`);
  }
  return entries as [string, Tensor][];
}

/**
 * PyTorch's `load_state_dict(state_dict, strict)`: copies each tensor of `dict` into the
 * parameter or buffer of the same name. Every check comes first, so a load that fails changes
 * nothing: keys the model has and the dict lacks (missing), keys the dict has and the model lacks
 * (unexpected; both errors when `strict`), shapes that differ (always an error), in PyTorch's
 * words after `loadStateDict: `. Returns the missing and unexpected keys.
 *
 * @throws {Error} `Error(s) in loading state_dict for <kind>:` and PyTorch's lines.
 * @throws {TypeError} when `dict` is not a Map or object of tensors, or `strict` not a boolean.
 */
export function loadStateDictInto(module: object, dict: StateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
  if (typeof options !== 'object' || options === null) throw new TypeError('loadStateDict: options must be an object like { strict: false }');
  const strict = options.strict ?? true;
  if (typeof strict !== 'boolean') throw new TypeError(`loadStateDict: strict must be a boolean, got ${String(strict)}`);
  const given = new Map(entriesOf(dict));
  const own = stateEntries(module);
  const ownNames = new Set(own.map(([name]) => name));
  const missingKeys = [...new Set(own.map(([name]) => name).filter((name) => !given.has(name)))];
  const unexpectedKeys = [...given.keys()].filter((name) => !ownNames.has(name));
  const mismatches: string[] = [];
  for (const [name, tensor] of own) {
    const source = given.get(name);
    if (!source) continue;
    const from = source.shape as readonly number[];
    const to = tensor.shape as readonly number[];
    if (from.length !== to.length || from.some((dim, i) => dim !== to[i])) {
      mismatches.push(`size mismatch for ${name}: copying a param with shape ${formatList(from)} from checkpoint, the shape in current model is ${formatList(to)}.`);
    }
  }
  const lines: string[] = [];
  if (strict && missingKeys.length > 0) lines.push(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}. `);
  if (strict && unexpectedKeys.length > 0) lines.push(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}. `);
  lines.push(...mismatches);
  if (lines.length > 0) {
    const kind = (module as { kind?: unknown }).kind;
    const owner = typeof kind === 'string' ? kind : (module.constructor?.name ?? 'Module');
    const error = new Error(`loadStateDict: Error(s) in loading state_dict for ${owner}:\n\t${lines.join('\n\t')}`);
    throw error;
  }
  noGrad(() => {
    for (const [name, tensor] of own) {
      const source = given.get(name);
      if (source) tensor.copy_(source as Tensor<typeof tensor.shape>);
    }
  });
  return { missingKeys, unexpectedKeys };
}

/**
 * A base for your own blocks, as `nn.Module` is in PyTorch: the layers in its public fields are
 * its children (named by field; an array of layers is a list, `field.0`, ...), a leaf tensor that
 * requires grad in a field is a parameter of its own, and it gets `parameters()`,
 * `namedParameters()`, `buffers()`, `namedBuffers()`, `namedChildren()`, `zeroGrad()`,
 * `train()`/`eval()` and `training`. A block that does not extend it is walked the same way by the
 * model holding it; extending it gives the block these methods of its own.
 *
 * Fields are read with `Object.entries`: `#private` fields and getters are not seen (TypeScript's
 * `private` and `readonly` fields are).
 *
 * @example
 * ```ts
 * import { BatchNorm2d, Conv2d, Module, relu, type Tensor } from 'shapecheck';
 * class Block extends Module {
 *   readonly kind = 'Block';
 *   readonly conv = new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, padding: 1, bias: false });
 *   readonly bn = new BatchNorm2d({ numFeatures: 8 });
 *   outputShape(shape: readonly number[]): number[] {
 *     return [shape[0] ?? 1, 8, shape[2] ?? 1, shape[3] ?? 1];
 *   }
 *   forward(x: Tensor<['batch', 3, 32, 32]>): Tensor<['batch', 8, 32, 32]> {
 *     return relu(this.bn.forward(this.conv.forward(x)));
 *   }
 * }
 * const block = new Block();
 * block.namedParameters().map(([name]) => name);
 * //=> ['conv.weight', 'bn.weight', 'bn.bias']
 * block.namedBuffers().map(([name]) => name);
 * //=> ['bn.runningMean', 'bn.runningVar', 'bn.numBatchesTracked']
 * block.eval().training;
 * //=> false
 * ```
 * @category Models
 */
export abstract class Module {
  /** Whether the block is in training mode (PyTorch's `training`; true until `eval()`). */
  training = true;

  /** The children: the modules in its public fields, named by field, in declaration order. */
  namedChildren(): [string, object][] {
    return fieldChildren(this);
  }

  /**
   * Its parameters with dotted names under `prefix`: its own (leaf tensors that require grad in
   * its fields), then its children's (`conv.weight`, `layers.0.bias`), each tensor once.
   */
  namedParameters(prefix = ''): [string, Tensor][] {
    return namedParametersOf(this, prefix);
  }

  /** Its parameters, in `namedParameters`' order. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, tensor]) => tensor);
  }

  /** Its children's buffers (BatchNorm2d's running statistics) with dotted names under `prefix`. */
  namedBuffers(prefix = ''): [string, Tensor][] {
    return namedBuffersOf(this, prefix);
  }

  /** Its buffers, in `namedBuffers`' order. */
  buffers(): Tensor[] {
    return this.namedBuffers().map(([, tensor]) => tensor);
  }

  /** Clears every parameter's gradient (`setToNone`, PyTorch 2's default), or sets it to zeros. */
  zeroGrad(setToNone = true): void {
    zeroGrads(this.parameters(), setToNone);
  }

  /**
   * Sets training mode (`mode`, default true) on the block and on every child that has it.
   *
   * @throws {TypeError} when `mode` is not a boolean (nothing changes).
   */
  train(mode = true): this {
    this.training = checkTrainingMode(mode);
    trainChildren(this, mode);
    return this;
  }

  /** Inference mode: `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /**
   * The block and every module below it with dotted names, depth first, each once (PyTorch's
   * `named_modules()`): `['', model]` first, then `['0', layer]`, `['4.shortcut', path]`, ...
   *
   * @example
   * ```ts
   * import { Linear, ReLU, Sequential } from 'shapecheck';
   * const model = new Sequential(['batch', 4]).add(new Linear({ inFeatures: 4, outFeatures: 2 })).add(new ReLU());
   * model.namedModules().map(([name]) => name);
   * //=> ['', '0', '1']
   * ```
   */
  namedModules(): [string, object][] {
    return namedModulesOf(this);
  }

  /** The block and every module below it, in `namedModules`' order. */
  modules(): object[] {
    return this.namedModules().map(([, module]) => module);
  }

  /**
   * Sets `requiresGrad` on every parameter (PyTorch's `requires_grad_()`): `requiresGrad_(false)`
   * freezes the block, so `backward` gives its parameters no gradient and an optimizer's step
   * skips them (fine-tuning a head on a frozen backbone).
   *
   * @throws {TypeError} when `requiresGrad` is not a boolean (nothing changes).
   * @example
   * ```ts
   * import { Linear, Sequential } from 'shapecheck';
   * const model = new Sequential(['batch', 4]).add(new Linear({ inFeatures: 4, outFeatures: 2 }));
   * model.requiresGrad_(false).parameters().map((p) => p.requiresGrad);
   * //=> [false, false]
   * ```
   */
  requiresGrad_(requiresGrad = true): this {
    if (typeof requiresGrad !== 'boolean') throw new TypeError(`requiresGrad_: requires_grad must be a boolean, got ${String(requiresGrad)}`);
    for (const parameter of this.parameters()) parameter.requiresGrad_(requiresGrad);
    return this;
  }

  /**
   * Every parameter and buffer by PyTorch's name, in PyTorch's order (PyTorch's `state_dict()`):
   * `Map` keys such as `0.weight`, `1.running_mean`, `1.num_batches_tracked`; the tensors share
   * the model's data and require no grad. Save it (`saveSafetensors`) or load it into another
   * model of the same layers with {@link Module.loadStateDict}.
   *
   * @example
   * ```ts
   * import { BatchNorm2d, Conv2d, Sequential } from 'shapecheck';
   * const model = new Sequential(['batch', 3, 8, 8])
   *   .add(new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, bias: false }))
   *   .add(new BatchNorm2d({ numFeatures: 4 }));
   * [...model.stateDict().keys()];
   * //=> ['0.weight', '1.weight', '1.bias', '1.running_mean', '1.running_var', '1.num_batches_tracked']
   * ```
   */
  stateDict(): Map<string, Tensor> {
    return stateDictOf(this);
  }

  /**
   * Copies a state dict's tensors into this model's parameters and buffers of the same names
   * (PyTorch's `load_state_dict`). Everything is checked before anything is written, so a load
   * that fails changes nothing: keys the model has and the dict lacks, keys the dict has and the
   * model lacks (both errors unless `strict: false`), shapes that differ (always an error), each
   * in PyTorch's words (`Missing key(s) in state_dict: "1.bias".`, `size mismatch for 0.weight:
   * copying a param with shape [4, 3, 5, 5] from checkpoint, the shape in current model is [4, 3,
   * 3, 3].`). Returns the missing and unexpected keys.
   *
   * @throws {Error} `loadStateDict: Error(s) in loading state_dict for <kind>:` and a line per problem.
   * @throws {TypeError} when `dict` is not a Map or object of tensors.
   * @example
   * ```ts
   * import { Linear, Sequential } from 'shapecheck';
   * const a = new Sequential(['batch', 3]).add(new Linear({ inFeatures: 3, outFeatures: 2 }));
   * const b = new Sequential(['batch', 3]).add(new Linear({ inFeatures: 3, outFeatures: 2 }));
   * b.loadStateDict(a.stateDict());
   * //=> { missingKeys: [], unexpectedKeys: [] }
   * b.stateDict().get('0.bias')?.toArray()[0] === a.stateDict().get('0.bias')?.toArray()[0];
   * //=> true
   * ```
   */
  loadStateDict(dict: StateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
    return loadStateDictInto(this, dict, options);
  }
}
