// ConvTranspose2d (issue 12) in ONNX export: the layer's traced op becomes one ConvTranspose node
// (stride, padding, output padding, an outputSize's, dilation, groups, no bias, named dims, an
// unbatched block), each export run by onnxruntime-node against shapecheck's forward.
import { describe, expect, it } from 'vitest';
import { ConvTranspose2d, Module, ReLU, Tensor, exportOnnx, type ConvTranspose2dOptions } from 'shapecheck';
import { check, decode, model } from './onnx-helpers.js';

const up = (options: ConvTranspose2dOptions): ConvTranspose2d<never> => new ConvTranspose2d(options as never) as ConvTranspose2d<never>;

describe('exportOnnx: ConvTranspose2d', () => {
  const cases: [string, readonly (number | string)[], ConvTranspose2d<never>[], number[][]][] = [
    ['kernel 3', ['batch', 4, 'H', 'W'], [up({ inChannels: 4, outChannels: 3, kernelSize: 3 })], [[2, 4, 5, 6], [1, 4, 1, 1]]],
    ['stride 2, padding 1, outputPadding 1', ['batch', 4, 'H', 'W'], [up({ inChannels: 4, outChannels: 3, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1 })], [[2, 4, 5, 6]]],
    ['rectangular, dilation, groups, no bias', ['batch', 4, 'H', 'W'], [up({ inChannels: 4, outChannels: 6, kernelSize: [3, 2], stride: [2, 3], padding: [1, 0], dilation: [2, 1], outputPadding: [1, 2], groups: 2, bias: false })], [[1, 4, 4, 5]]],
    ['a DCGAN-like decoder', ['batch', 8, 4, 4], [up({ inChannels: 8, outChannels: 16, kernelSize: 4, stride: 2, padding: 1 }), up({ inChannels: 16, outChannels: 3, kernelSize: 4, stride: 2, padding: 1 })], [[2, 8, 4, 4]]],
    ['unbatched', [4, 'H', 'W'], [up({ inChannels: 4, outChannels: 2, kernelSize: 2, stride: 2 })], [[4, 3, 5]]],
  ];
  it.each(cases)('%s', async (_, shape, layers, inputs) => {
    const m = model(shape as never, ...(layers.flatMap((l, i) => (i === 0 ? [l] : [new ReLU(), l])) as never[]));
    const worst = await check(_, m, inputs);
    expect(worst).toBeLessThan(1e-4);
    const graph = decode(exportOnnx(m));
    expect(graph.graph!.node.filter((n) => n.opType === 'ConvTranspose')).toHaveLength(layers.length);
  });

  it("a block class's forward with an outputSize: the resolved output padding", async () => {
    class Upsample extends Module {
      readonly kind = 'Upsample';
      readonly conv = new ConvTranspose2d({ inChannels: 2, outChannels: 2, kernelSize: 3, stride: 2 });
      forward(x: Tensor): Tensor {
        return (this.conv as unknown as { forward(x: Tensor, size: number[]): Tensor }).forward(x, [10, 9]);
      }
      outputShape(shape: readonly number[]): number[] {
        return [...shape.slice(0, -2), 10, 9];
      }
    }
    const m = model([1, 2, 4, 4], new Upsample() as never);
    expect(await check('outputSize', m, [[1, 2, 4, 4]])).toBeLessThan(1e-4);
  });
});
