import { formatList } from '../shape/format.js';
import { Tensor } from '../tensor/tensor.js';
import { Cat, Residual, type Branch } from './branches.js';
import type { Layer } from './sequential.js';

/** The parameters a layer holds: its `weight` and `bias` tensors, and its branches' layers'. */
function parameterCount(layer: Layer): number {
  let count = 0;
  for (const name of ['weight', 'bias'] as const) {
    const value = (layer as unknown as Record<string, unknown>)[name];
    if (value instanceof Tensor) count += value.numel();
  }
  for (const [, branch] of branchesOf(layer)) for (const inner of branch.layers) count += parameterCount(inner);
  return count;
}

/** A block's branches with the labels their layers' positions carry (`5.1`, `5.shortcut.1`, `5.2.1`). */
function branchesOf(layer: Layer): [string, Branch][] {
  if (layer instanceof Residual) return layer.shortcut ? [['', layer.branch], ['shortcut.', layer.shortcut]] : [['', layer.branch]];
  if (layer instanceof Cat) return layer.branches.map((branch, i) => [`${i + 1}.`, branch]);
  return [];
}

/**
 * A table of a model's layers, as torchinfo prints one: each layer's kind and position, its output
 * shape and its parameter count, then the totals. Shapes are computed for `inputShape` (default:
 * the model's declared input; a named batch dim is shown by its name).
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
export function summary(model: { readonly inputShape: readonly (number | string)[]; readonly layers: readonly Layer[] }, inputShape?: readonly number[]): string {
  const declared = model.inputShape;
  const shape: readonly number[] = inputShape ?? declared.map((dim) => (typeof dim === 'number' ? dim : 1));
  // a named batch dim (the first, which every layer passes through) is shown by its name
  const batchName = !inputShape && typeof declared[0] === 'string' ? declared[0] : undefined;
  const show = (dims: readonly number[]): string => formatList(batchName === undefined ? dims : [batchName, ...dims.slice(1)]);
  const rows: [string, string, string][] = [];
  // a block's row, then its branches' layers indented under it
  const addRows = (layers: readonly Layer[], input: readonly number[], prefix: string, indent: string): readonly number[] => {
    let current = input;
    layers.forEach((layer, i) => {
      const position = `${prefix}${i + 1}`;
      const output = layer.outputShape(current);
      rows.push([`${indent}${layer.kind}-${position}`, show(output), parameterCount(layer).toLocaleString('en-US')]);
      for (const [label, branch] of branchesOf(layer)) addRows(branch.layers, current, `${position}.${label}`, `${indent}  `);
      current = output;
    });
    return current;
  };
  addRows(model.layers, shape, '', '');
  const total = model.layers.reduce((sum, layer) => sum + parameterCount(layer), 0);
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
    `Input shape: ${inputShape ? formatList(inputShape) : formatList(declared)}`,
    `Total params: ${total.toLocaleString('en-US')}`,
    `Trainable params: ${total.toLocaleString('en-US')}`,
    rule,
  ].join('\n');
}
