// exportOnnx of the issue 12 activations: their layers are not built-in kinds of the exporter, so
// they are traced through their ops (silu, hardswish, hardsigmoid, mish, elu, prelu, gelu 'tanh',
// softmax, logSoftmax, dropout2d in eval mode, the identity); each model is run by
// onnxruntime-node against shapecheck's eval forward, on every opset that changes the nodes.
import { afterAll, describe, expect, it } from 'vitest';
import {
  Conv2d,
  Dropout2d,
  ELU,
  GELU,
  Hardsigmoid,
  Hardswish,
  Identity,
  Linear,
  LogSoftmax,
  Mish,
  Module,
  PReLU,
  SiLU,
  Softmax,
  Tensor,
  dropout2d,
  exportOnnx,
  type ExportOnnxOptions,
  type Layer,
} from 'shapecheck';
import { check, decode, maxDifferences, model } from './onnx-helpers.js';

const image = [2, 4, 5, 5] as const;
const cases: [string, () => Layer, readonly number[], ExportOnnxOptions?][] = [
  ['SiLU', () => new SiLU(), image],
  ['Hardswish', () => new Hardswish(), image],
  ['Hardsigmoid', () => new Hardsigmoid(), image],
  ['Mish, opset 17 (x·tanh(softplus))', () => new Mish(), image],
  ['Mish, opset 18 (Mish)', () => new Mish(), image, { opset: 18 }],
  ['ELU alpha 1', () => new ELU(), image],
  ['ELU alpha 0.3', () => new ELU({ alpha: 0.3 }), image],
  ['GELU tanh, opset 17', () => new GELU({ approximate: 'tanh' }), image],
  ['GELU tanh, opset 20 (Gelu approximate)', () => new GELU({ approximate: 'tanh' }), image, { opset: 20 }],
  ['GELU none, opset 17', () => new GELU(), image],
  ['PReLU one weight', () => new PReLU(), image],
  ['PReLU per channel on [N, C, H, W]', () => new PReLU({ numParameters: 4 }), image],
  ['PReLU per channel on [N, C]', () => new PReLU({ numParameters: 6 }), [3, 6]],
  ['PReLU per channel on [N, C, L]', () => new PReLU({ numParameters: 4 }), [2, 4, 7]],
  ['Softmax dim 1', () => new Softmax({ dim: 1 }), image],
  ['LogSoftmax dim -1', () => new LogSoftmax({ dim: -1 }), image],
  ['Dropout2d (eval: the identity)', () => new Dropout2d({ p: 0.3 }), image],
  ['Identity', () => new Identity(), image],
];

describe('exportOnnx: the issue 12 activation layers, traced, against onnxruntime', () => {
  it.each(cases)('%s', async (name, layer, shape, options = {}) => {
    // a layer between two others, so its input and output are inner values of the graph
    const m = model(shape, new Identity(), layer(), new SiLU());
    await check(name, m, [shape], options, 4);
  });

  it('PReLU\'s weight is an initializer under its state_dict key, reshaped to [C, 1, 1] for PRelu', () => {
    const m = model([1, 4, 3, 3], new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 1 }), new PReLU({ numParameters: 4 }));
    const graph = decode(exportOnnx(m)).graph!;
    expect(graph.initializer.map((t) => t.name)).toContain('1.weight');
    expect(graph.node.map((n) => n.opType)).toEqual(['Conv', 'Reshape', 'PRelu']);
  });

  it('a model mixing them, with a Linear head, on opsets 17, 18 and 20', async () => {
    for (const opset of [17, 18, 20]) {
      const m = model(
        ['batch', 3, 6, 6],
        new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, padding: 1 }),
        new Hardswish(),
        new PReLU({ numParameters: 8 }),
        new Dropout2d(0.2),
        new Mish(),
        new GELU({ approximate: 'tanh' }),
        new ELU({ alpha: 0.5 }),
        new Softmax({ dim: 1 }),
      );
      await check(`mixed, opset ${opset}`, m, [[2, 3, 6, 6], [3, 3, 6, 6]], { opset });
    }
  });

  it('dropout2d in training mode in a block class is an error naming the op', () => {
    class Block extends Module {
      readonly kind = 'Block';
      outputShape(shape: readonly number[]): number[] {
        return [...shape];
      }
      forward(x: Tensor): Tensor {
        return dropout2d(x, 0.5, true);
      }
    }
    expect(() => exportOnnx(new Block() as never, { inputShape: [2, 4, 3, 3] })).toThrow(
      "exportOnnx: layer 1 (Block) cannot be exported: its forward's op 1 (dropout2d): dropout2d in training mode (p = 0.5) is random, and an ONNX graph is the model in eval mode (pass training: this.training, or use a Dropout2d layer)",
    );
  });
});

afterAll(() => {
  console.log('onnx max differences:', JSON.stringify(maxDifferences));
});
