import { formatList } from '../shape/format.js';
import { displayShape, initializeFor, probeInput, probeLayer, type Probe } from './probe.js';
import { Tensor, checkShape } from '../tensor/tensor.js';
import { checkDeclaredShape } from '../tensor/check.js';
import { checkInputShape } from './custom.js';
import { Cat, TwoPathBlock, type Branch } from './branches.js';
import type { Layer } from './sequential.js';

/** The parameters a layer holds: its `weight` and `bias` tensors, its branches' layers', and (a custom block) its fields' layers'. */
function parameterCount(layer: Layer): number {
  let count = 0;
  for (const name of ['weight', 'bias'] as const) {
    const value = (layer as unknown as Record<string, unknown>)[name];
    if (value instanceof Tensor) count += value.numel();
  }
  for (const [, branch] of branchesOf(layer)) for (const inner of branch.layers) count += parameterCount(inner);
  // a custom block's layers, held in its fields (as an nn.Module's submodules)
  for (const value of Object.values(layer)) if (isLayer(value)) count += parameterCount(value);
  return count;
}

/** Whether a value is a layer (has a kind and a shape rule). */
function isLayer(value: unknown): value is Layer {
  return typeof value === 'object' && value !== null && typeof (value as Layer).kind === 'string' && typeof (value as Layer).outputShape === 'function';
}

/** A block's branches with the labels their layers' positions carry (`5.1`, `5.shortcut.1`, `5.2.1`). */
function branchesOf(layer: Layer): [string, Branch][] {
  return layer instanceof TwoPathBlock || layer instanceof Cat ? layer.labeledBranches() : [];
}

/**
 * What `summary` and `layerTable` take: a model's declared input and its layers (a `Sequential`).
 *
 * @example
 * ```ts
 * import { ReLU, Sequential, type ModelLike } from 'shapecheck';
 * const model: ModelLike = new Sequential(['batch', 8]).add(new ReLU());
 * model.inputShape;
 * //=> ['batch', 8]
 * ```
 * @category Models
 */
export interface ModelLike {
  readonly inputShape: readonly (number | string)[];
  readonly layers: readonly Layer[];
}

/**
 * One row of {@link layerTable}: a layer, where it sits, what comes out of it.
 *
 * @example
 * ```ts
 * import type { LayerRow } from 'shapecheck';
 * const row: LayerRow = { kind: 'Conv2d', position: '5.shortcut.1', depth: 1, shape: ['batch', 128, 28, 28], params: 8192 };
 * ```
 * @category Models
 */
export interface LayerRow {
  /** The layer's kind (`Conv2d`, `Residual`, ...). */
  readonly kind: string;
  /** Its position, as messages name it: `3`, or `5.2` and `5.shortcut.1` inside a block. */
  readonly position: string;
  /** 0 for the model's own layers, 1 inside a block, and so on. */
  readonly depth: number;
  /**
   * Its output shape as the editor shows it (a named dim by its name where it is kept, `number`
   * where computed from names), or `null` after a layer whose checks depend on a named dim (known
   * only when data arrives).
   */
  readonly shape: readonly (number | string)[] | null;
  /** The parameters it holds (a block: its layers' total). */
  readonly params: number;
}

/**
 * Every layer of a model in the order the data meets it, with its position, output shape and
 * parameter count; a block's row comes before its branches' layers (main path, then shortcut;
 * branch 1, 2, ...), as PyTorch's forward hooks list leaf modules. `summary` prints this table.
 * Shapes are computed for `inputShape` (default: the declared input, a named batch dim by name).
 *
 * @throws {ShapeError} when `inputShape` does not fit the model.
 * @example
 * ```ts
 * import { Flatten, Linear, Sequential, layerTable } from 'shapecheck';
 * const model = new Sequential(['batch', 16, 5, 5]).add(new Flatten()).add(new Linear({ inFeatures: 400, outFeatures: 10 }));
 * layerTable(model).map((row) => `${row.kind}-${row.position} ${JSON.stringify(row.shape)}`);
 * //=> ['Flatten-1 ["batch",400]', 'Linear-2 ["batch",10]']
 * ```
 * @category Models
 */
export function layerTable(model: ModelLike, inputShape?: readonly number[]): LayerRow[] {
  // a shape given here must be one the model takes
  if (inputShape !== undefined) checkInputShape('summary', checkDeclaredShape('summary', model.inputShape), checkShapeOf('summary', inputShape));
  // named dims stand for sizes known only when data arrives, as the editor sees them (probe.ts)
  const { probe, names } = probeInput(inputShape ?? model.inputShape);
  const rows: LayerRow[] = [];
  const addRows = (layers: readonly Layer[], input: Probe | undefined, prefix: string, depth: number): void => {
    let current = input;
    layers.forEach((layer, i) => {
      const position = `${prefix}${i + 1}`;
      const output = current && probeLayer(layer, current, names);
      // a Linear still to infer its inputs gets them here, as torchinfo's forward pass does
      if (current && output) initializeFor(layer, current);
      rows.push({ kind: layer.kind, position, depth, shape: output ? displayShape(output, names) : null, params: parameterCount(layer) });
      for (const [label, branch] of branchesOf(layer)) addRows(branch.layers, current, `${position}.${label}`, depth + 1);
      current = output;
    });
  };
  addRows(model.layers, probe, '', 0);
  return rows;
}

/**
 * A table of a model's layers, as torchinfo prints one: each layer's kind and position, its output
 * shape and its parameter count (a block's layers indented under it), then the totals. Shapes are
 * computed for `inputShape` (default: the model's declared input; a named batch dim is shown by
 * its name).
 *
 * @throws {ShapeError} when `inputShape` does not fit the model.
 * @example
 * ```ts
 * import { Flatten, Linear, ReLU, Sequential, summary } from 'shapecheck';
 * const model = new Sequential([1, 16, 5, 5]).add(new Flatten()).add(new Linear({ inFeatures: 400, outFeatures: 10 })).add(new ReLU());
 * console.log(summary(model));
 * ```
 * @category Models
 */
export function summary(model: ModelLike, inputShape?: readonly number[]): string {
  const table = layerTable(model, inputShape);
  const rows = table.map((row): [string, string, string] => [
    `${'  '.repeat(row.depth)}${row.kind}-${row.position}`,
    row.shape ? formatList(row.shape) : '(known when run)',
    row.params.toLocaleString('en-US'),
  ]);
  const total = table.reduce((sum, row) => sum + (row.depth === 0 ? row.params : 0), 0);
  const header: [string, string, string] = ['Layer (type)', 'Output Shape', 'Param #'];
  const widths = [0, 1, 2].map((c) => Math.max(header[c]!.length, ...rows.map((row) => row[c]!.length)) + 4);
  const line = (row: readonly string[]): string => row.map((cell, c) => (c === 2 ? cell.padStart(widths[c]! - 4) : cell.padEnd(widths[c]!))).join('');
  const rule = '='.repeat(widths[0]! + widths[1]! + widths[2]! - 4);
  return [
    rule,
    line(header),
    rule,
    ...rows.map(line),
    rule,
    `Input shape: ${inputShape ? formatList(inputShape) : formatList(model.inputShape)}`,
    ...requirementsLine(model, inputShape),
    `Total params: ${total.toLocaleString('en-US')}`,
    `Trainable params: ${total.toLocaleString('en-US')}`,
    rule,
  ].join('\n');
}

/** The model's requirements on its names (none for a given input shape: its sizes are known). */
function requirementsLine(model: ModelLike, inputShape: readonly number[] | undefined): string[] {
  const list = (model as { requirements?: () => string[] }).requirements;
  if (inputShape !== undefined || typeof list !== 'function') return [];
  const requirements = list.call(model);
  return requirements.length > 0 ? [`Requirements: ${requirements.join(', ')}`] : [];
}

/** `shape`, checked to hold non-negative integers. */
function checkShapeOf(op: string, shape: readonly number[]): readonly number[] {
  checkShape(op, shape);
  return shape;
}
