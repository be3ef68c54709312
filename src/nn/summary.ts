import { formatList } from '../shape/format.js';
import { Tensor } from '../tensor/tensor.js';
import type { Layer } from './sequential.js';

/** The parameters a layer holds: its `weight` and `bias` tensors where it has them. */
function parameterCount(layer: Layer): number {
  let count = 0;
  for (const name of ['weight', 'bias'] as const) {
    const value = (layer as unknown as Record<string, unknown>)[name];
    if (value instanceof Tensor) count += value.numel();
  }
  return count;
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
  let shape: readonly number[] = inputShape ?? declared.map((dim) => (typeof dim === 'number' ? dim : 1));
  // a named batch dim (the first, which every layer passes through) is shown by its name
  const batchName = !inputShape && typeof declared[0] === 'string' ? declared[0] : undefined;
  const show = (dims: readonly number[]): string => formatList(batchName === undefined ? dims : [batchName, ...dims.slice(1)]);
  const rows: [string, string, string][] = [];
  let total = 0;
  model.layers.forEach((layer, i) => {
    shape = layer.outputShape(shape);
    const params = parameterCount(layer);
    total += params;
    rows.push([`${layer.kind}-${i + 1}`, show(shape), params.toLocaleString('en-US')]);
  });
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
