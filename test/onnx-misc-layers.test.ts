// exportOnnx of issue 12's misc layers (layers-misc): ZeroPad2d / ReflectionPad2d / ReplicationPad2d
// are traced through `pad` (ONNX Pad, modes constant / reflect / edge); each model is run by
// onnxruntime-node against shapecheck's eval forward.
import { describe, it } from 'vitest';
import { Identity, ReflectionPad2d, ReplicationPad2d, SiLU, ZeroPad2d, type ExportOnnxOptions, type Layer } from 'shapecheck';
import { check, model } from './onnx-helpers.js';

const image = [2, 3, 5, 6] as const;
const cases: [string, () => Layer, readonly number[], ExportOnnxOptions?][] = [
  ['ZeroPad2d 1', () => new ZeroPad2d({ padding: 1 }), image],
  ['ZeroPad2d [2, 0, -1, 1] (a crop)', () => new ZeroPad2d({ padding: [2, 0, -1, 1] }), image],
  ['ReflectionPad2d [1, 2, 3, 0]', () => new ReflectionPad2d({ padding: [1, 2, 3, 0] }), image],
  ['ReplicationPad2d 2 on [C, H, W]', () => new ReplicationPad2d({ padding: 2 }), [3, 5, 6]],
];

describe('exportOnnx: the issue 12 misc layers, traced, against onnxruntime', () => {
  it.each(cases)('%s', async (name, layer, shape, options = {}) => {
    const m = model(shape, new Identity(), layer(), new SiLU());
    await check(name, m, [shape], options, 4);
  });
});
