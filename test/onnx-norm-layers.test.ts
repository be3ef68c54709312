// exportOnnx of LayerNorm, GroupNorm, InstanceNorm2d and BatchNorm1d (issue 12): each layer and
// option traced to ONNX nodes (LayerNormalization, GroupNorm as Reshape + InstanceNormalization,
// InstanceNormalization, BatchNormalization) and run by onnxruntime-node against the eval forward.
import { describe, expect, it } from 'vitest';
import { BatchNorm1d, Conv2d, GroupNorm, InstanceNorm2d, LayerNorm, Linear, ReLU, exportOnnx, type Layer } from 'shapecheck';
import { check, decode, model } from './onnx-helpers.js';

const ops = (bytes: Uint8Array): string[] => decode(bytes).graph!.node.map((n) => n.opType);
const layer = (l: unknown): Layer => l as Layer;

describe('exportOnnx: the normalisation layers of issue 12 in onnxruntime', () => {
  it.each([
    ['LayerNorm over the last dim', ['batch', 5, 8], [layer(new LayerNorm({ normalizedShape: 8 }))], [[2, 5, 8]], 'LayerNormalization'],
    ['LayerNorm over two dims, no bias', ['batch', 4, 6], [layer(new LayerNorm({ normalizedShape: [4, 6], bias: false }))], [[3, 4, 6]], 'LayerNormalization'],
    ['LayerNorm without affine', ['batch', 16], [layer(new LayerNorm({ normalizedShape: 16, elementwiseAffine: false }))], [[2, 16]], 'LayerNormalization'],
    ['GroupNorm on images', ['batch', 6, 5, 5], [layer(new GroupNorm({ numGroups: 3, numChannels: 6 }))], [[2, 6, 5, 5], [1, 6, 5, 5]], 'InstanceNormalization'],
    ['GroupNorm on [N, C], no affine', ['batch', 8], [layer(new GroupNorm({ numGroups: 2, numChannels: 8, affine: false }))], [[3, 8]], 'InstanceNormalization'],
    ['InstanceNorm2d', ['batch', 3, 6, 6], [layer(new InstanceNorm2d({ numFeatures: 3 }))], [[2, 3, 6, 6]], 'InstanceNormalization'],
    ['InstanceNorm2d affine, unbatched', [3, 6, 6], [layer(new InstanceNorm2d({ numFeatures: 3, affine: true }))], [[3, 6, 6]], 'InstanceNormalization'],
    ['InstanceNorm2d with running statistics (eval: BatchNormalization)', ['batch', 3, 4, 4], [layer(new InstanceNorm2d({ numFeatures: 3, affine: true, trackRunningStats: true }))], [[2, 3, 4, 4]], 'BatchNormalization'],
    ['BatchNorm1d on [N, C]', ['batch', 10], [layer(new Linear({ inFeatures: 10, outFeatures: 6 })), layer(new BatchNorm1d({ numFeatures: 6 })), layer(new ReLU())], [[4, 10]], 'BatchNormalization'],
    ['BatchNorm1d on [N, C, L], no affine', ['batch', 4, 7], [layer(new BatchNorm1d({ numFeatures: 4, affine: false }))], [[2, 4, 7]], 'BatchNormalization'],
    ['a conv block with GroupNorm', ['batch', 3, 8, 8], [layer(new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, padding: 1 })), layer(new GroupNorm({ numGroups: 4, numChannels: 8 })), layer(new ReLU())], [[2, 3, 8, 8]], 'InstanceNormalization'],
  ] as const)('%s', async (name, shape, layers, inputs, node) => {
    const m = model(shape, ...layers);
    expect(await check(name, m, inputs)).toBeLessThan(1e-4);
    expect(ops(exportOnnx(m))).toContain(node);
  });

  it('BatchNorm1d without running statistics cannot be exported (batch statistics in eval mode)', () => {
    const m = model(['batch', 4], layer(new BatchNorm1d({ numFeatures: 4, trackRunningStats: false })));
    expect(() => exportOnnx(m)).toThrow(/batchNorm1d with batch statistics/);
  });
});
