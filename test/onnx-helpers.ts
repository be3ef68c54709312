// Shared by the exportOnnx tests: random weights, and running an export in onnxruntime-node
// against shapecheck's eval-mode forward.
import * as ort from 'onnxruntime-node';
import { expect } from 'vitest';
import { fromBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from 'onnx-buf';
import { Sequential, Tensor, exportOnnx, noGrad, type ExportOnnxOptions, type Layer, type Shape } from 'shapecheck';
import { expectClose } from './helpers.js';

export type AnyModel = Parameters<typeof exportOnnx>[0];

/** xorshift32, u in [-1, 1). */
export function generator(seed: number): (n: number, value?: (u: number) => number) => Float32Array {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (state / 4294967296) * 2 - 1;
  };
  return (n, value = (u) => u) => Float32Array.from({ length: n }, () => value(next()));
}

/** Random weights and running statistics (BatchNorm's defaults would hide a wrong mapping). */
export function randomize(model: AnyModel, seed: number): void {
  const draw = generator(seed);
  for (const [key, tensor] of (model as unknown as { stateDict(): Map<string, Tensor> }).stateDict()) {
    const data = tensor.data;
    const last = key.slice(key.lastIndexOf('.') + 1);
    if (last === 'num_batches_tracked') continue;
    const fanIn = tensor.shape.length >= 2 ? tensor.shape.slice(1).reduce((a, b) => a * b, 1) : 1;
    const values =
      last === 'running_var'
        ? draw(data.length, (u) => 1 + 0.5 * u)
        : last === 'weight' && tensor.shape.length === 1
          ? draw(data.length, (u) => 1 + 0.3 * u)
          : last === 'weight'
            ? draw(data.length, (u) => u * Math.sqrt(3 / fanIn))
            : draw(data.length, (u) => 0.3 * u);
    data.set(values);
  }
}

/** A model of `layers` on `shape` (the types of these generated models are not the point here). */
export function model(shape: Shape, ...layers: Layer[]): Sequential<Shape> {
  return layers.reduce((m, layer) => m.add(layer as never) as unknown as Sequential<Shape>, new Sequential(shape) as Sequential<Shape>);
}

export const maxDifferences: Record<string, number> = {};

/**
 * Exports `m`, runs it in onnxruntime on random inputs of each shape (integers in `[0,
 * integers)` when given), and compares with shapecheck's eval forward. Returns the largest
 * absolute difference.
 */
export async function check(name: string, m: AnyModel, shapes: readonly (readonly number[])[], options: ExportOnnxOptions = {}, scale = 1, seed = 1, integers?: number): Promise<number> {
  randomize(m, seed);
  const bytes = exportOnnx(m, options);
  const session = await ort.InferenceSession.create(bytes);
  const draw = generator(seed + 100);
  let worst = 0;
  for (const shape of shapes) {
    // integers: indices in [0, integers) (an Embedding's input), else values in [-scale, scale)
    const value = integers === undefined ? (u: number) => u * scale : (u: number) => Math.min(integers - 1, Math.floor(((u + 1) / 2) * integers));
    const x = new Tensor(draw(shape.reduce((a, b) => a * b, 1), value), [...shape]);
    (m as unknown as { eval(): unknown }).eval();
    const expected = noGrad(() => (m instanceof Sequential ? (m as Sequential<Shape>).forward(x as never) : (m as unknown as { forward(x: Tensor): Tensor }).forward(x))) as Tensor;
    const results = await session.run({ [options.inputName ?? 'input']: new ort.Tensor('float32', x.data, [...shape]) });
    const actual = results[options.outputName ?? 'output']!;
    expect(actual.dims, `${name}: output dims`).toEqual(expected.shape);
    const data = actual.data as Float32Array;
    expectClose(data, expected.data, 1e-4, 1e-4, name);
    for (let i = 0; i < data.length; i++) worst = Math.max(worst, Math.abs((data[i] as number) - (expected.data[i] as number)));
  }
  await session.release();
  maxDifferences[name] = Math.max(maxDifferences[name] ?? 0, worst);
  return worst;
}

/** The graph of an export, decoded with the same schema. */
export function decode(bytes: Uint8Array) {
  return fromBinary(ModelProtoSchema, bytes);
}

