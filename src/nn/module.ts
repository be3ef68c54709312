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
function fieldParameters(module: object): [string, Tensor][] {
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
}
