// exportOnnx (issue 13, part 3): every export is run by onnxruntime-node and must equal
// shapecheck's eval-mode forward within 1e-4 (absolute + relative): small models across every
// layer and option, the examples (LeNet-5, ResNet-18 and VGG-11 at batch 1, the MobileNetV2 blocks), a named
// batch at two sizes through one session, and each case that cannot be exported.
import { describe, expect, it } from 'vitest';
import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  BatchNorm2d,
  Conv2d,
  Dropout,
  Flatten,
  GELU,
  LeakyReLU,
  Linear,
  MaxPool2d,
  ReLU,
  ReLU6,
  Sequential,
  Sigmoid,
  Tanh,
  exportOnnx,
  type Layer,
} from 'shapecheck';
import { lenet5 } from '../examples/lenet5.js';
import { resnet18 } from '../examples/resnet18.js';
import { vgg11 } from '../examples/vgg11.js';
import { invertedResidual24, invertedResidual24to32 } from '../examples/mobilenetv2-block.js';
import { check, decode, maxDifferences, model, type AnyModel } from './onnx-helpers.js';

describe('exportOnnx: Conv2d', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['kernel 3', { kernelSize: 3 }],
    ['kernel [3, 5], bias false', { kernelSize: [3, 5], bias: false }],
    ['kernel 3, stride 2', { kernelSize: 3, stride: 2 }],
    ['kernel 3, stride [2, 1], padding [1, 2]', { kernelSize: 3, stride: [2, 1], padding: [1, 2] }],
    ['kernel 3, dilation 2, padding 2', { kernelSize: 3, dilation: 2, padding: 2 }],
    ['kernel 3, dilation [1, 2], stride 2', { kernelSize: 3, dilation: [1, 2], stride: 2 }],
    ['kernel 3, groups 2', { kernelSize: 3, groups: 2 }],
    ['kernel 3, groups 4 (depthwise), padding 1', { kernelSize: 3, groups: 4, padding: 1 }],
    ["kernel 4, padding 'same' (uneven: 1 before, 2 after)", { kernelSize: 4, padding: 'same' }],
    ["kernel [2, 5], dilation 2, padding 'same'", { kernelSize: [2, 5], dilation: 2, padding: 'same' }],
    ["kernel 3, padding 'valid'", { kernelSize: 3, padding: 'valid' }],
    ["kernel 3, padding 1, paddingMode 'reflect'", { kernelSize: 3, padding: 1, paddingMode: 'reflect' }],
    ["kernel 3, padding [2, 1], paddingMode 'replicate', stride 2", { kernelSize: 3, padding: [2, 1], paddingMode: 'replicate', stride: 2 }],
    ["kernel 4, padding 'same', paddingMode 'reflect'", { kernelSize: 4, padding: 'same', paddingMode: 'reflect' }],
    ["kernel 3, padding 0, paddingMode 'circular' (no padding: no Pad)", { kernelSize: 3, paddingMode: 'circular' }],
  ];
  for (const [name, options] of cases) {
    it(name, async () => {
      const conv = new Conv2d({ inChannels: 4, outChannels: 8, ...options } as never);
      await check(`Conv2d ${name}`, model(['batch', 4, 9, 10], conv), [[2, 4, 9, 10]]);
    });
  }

  it("padding 1, paddingMode 'circular': an error at opset 17, Pad mode 'wrap' at opset 19", async () => {
    const make = () => model(['batch', 4, 9, 10], new ReLU(), new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: [1, 2], paddingMode: 'circular' }));
    expect(() => exportOnnx(make())).toThrow(
      "exportOnnx: layer 2 (Conv2d) cannot be exported: paddingMode 'circular' needs ONNX Pad mode 'wrap', which exists from opset 19 (this export: opset 17; pass { opset: 19 })",
    );
    await check("Conv2d padding [1, 2], paddingMode 'circular', opset 19", make(), [[2, 4, 9, 10]], { opset: 19 });
  });

  it('unbatched [C, H, W] input: Unsqueeze, Conv, Squeeze', async () => {
    await check('Conv2d unbatched', model([4, 9, 10], new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: 1 }), new BatchNorm2d({ numFeatures: 8 }), new MaxPool2d({ kernelSize: 2 })), [[4, 9, 10]]);
  });

  it('the nodes: pads in ONNX order [top, left, bottom, right]; weights under the stateDict names', () => {
    const m = model(['batch', 4, 9, 10], new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: [2, 4], padding: 'same' }));
    const graph = decode(exportOnnx(m)).graph!;
    const conv = graph.node[0]!;
    expect(conv.opType).toBe('Conv');
    expect(conv.name).toBe('/0/Conv');
    expect(conv.input).toEqual(['input', '0.weight', '0.bias']);
    expect(conv.output).toEqual(['output']);
    expect(conv.attribute.find((a) => a.name === 'pads')!.ints.map(Number)).toEqual([0, 1, 1, 2]);
    expect(graph.initializer.map((t) => t.name)).toEqual(['0.weight', '0.bias']);
  });
});

describe('exportOnnx: BatchNorm2d', () => {
  it('affine (weight, bias, running statistics as initializers), eps 1e-3', async () => {
    const m = model(['batch', 3, 5, 5], new BatchNorm2d({ numFeatures: 3, eps: 1e-3 }));
    await check('BatchNorm2d affine, eps 1e-3', m, [[2, 3, 5, 5]]);
    expect(decode(exportOnnx(m)).graph!.initializer.map((t) => t.name)).toEqual(['0.weight', '0.bias', '0.running_mean', '0.running_var']);
  });
  it('affine false (scale ones, B zeros)', async () => {
    await check('BatchNorm2d affine false', model(['batch', 3, 5, 5], new BatchNorm2d({ numFeatures: 3, affine: false })), [[2, 3, 5, 5]]);
  });
  it('trackRunningStats false: an error', () => {
    const m = model(['batch', 3, 5, 5], new ReLU(), new BatchNorm2d({ numFeatures: 3, trackRunningStats: false }));
    expect(() => exportOnnx(m)).toThrow(
      'exportOnnx: layer 2 (BatchNorm2d) cannot be exported: trackRunningStats: false normalizes with the batch statistics even in eval mode, which ONNX BatchNormalization (inference) does not do',
    );
  });
});

describe('exportOnnx: activations', () => {
  const cases: [string, () => Layer][] = [
    ['ReLU', () => new ReLU()],
    ['ReLU6', () => new ReLU6()],
    ['LeakyReLU 0.01', () => new LeakyReLU()],
    ['LeakyReLU 0.2', () => new LeakyReLU(0.2)],
    ['Sigmoid', () => new Sigmoid()],
    ['Tanh', () => new Tanh()],
    ['GELU', () => new GELU()],
    ['Dropout p 0.5', () => new Dropout({ p: 0.5 })],
  ];
  for (const [name, make] of cases) {
    it(`${name} (inputs in [-8, 8): past ReLU6's 6 and below 0)`, async () => {
      await check(name, model(['batch', 3, 4, 4], make()), [[2, 3, 4, 4]], {}, 8);
    });
  }
  it('GELU at opset 20 is one Gelu node', async () => {
    const m = model(['batch', 6], new Linear({ inFeatures: 6, outFeatures: 6 }), new GELU());
    expect(decode(exportOnnx(m, { opset: 20 })).graph!.node.map((n) => n.opType)).toEqual(['Gemm', 'Gelu']);
    expect(decode(exportOnnx(m)).graph!.node.map((n) => n.opType)).toEqual(['Gemm', 'Div', 'Erf', 'Add', 'Mul', 'Mul']);
    await check('GELU opset 20', m, [[3, 6]], { opset: 20 });
  });
  it('a model of Dropout only: an Identity', async () => {
    await check('Dropout only', model(['batch', 5], new Dropout()), [[2, 5]]);
  });
});

describe('exportOnnx: pooling', () => {
  const max: [string, Record<string, unknown>][] = [
    ['kernel 2', { kernelSize: 2 }],
    ['kernel 3, stride 2, padding 1', { kernelSize: 3, stride: 2, padding: 1 }],
    ['kernel 3, stride 2, ceilMode', { kernelSize: 3, stride: 2, ceilMode: true }],
    ['kernel [2, 3], stride [2, 1], padding [1, 0], dilation [2, 1], ceilMode', { kernelSize: [2, 3], stride: [2, 1], padding: [1, 0], dilation: [2, 1], ceilMode: true }],
    ['kernel 3, dilation 2, padding 1', { kernelSize: 3, dilation: 2, padding: 1 }],
  ];
  for (const [name, options] of max) {
    it(`MaxPool2d ${name}`, async () => {
      await check(`MaxPool2d ${name}`, model(['batch', 3, 10, 11], new MaxPool2d(options as never)), [[2, 3, 10, 11]]);
    });
  }
  const avg: [string, Record<string, unknown>][] = [
    ['kernel 2', { kernelSize: 2 }],
    ['kernel 3, stride 2, padding 1 (countIncludePad)', { kernelSize: 3, stride: 2, padding: 1 }],
    ['kernel 3, stride 2, padding 1, countIncludePad false', { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false }],
    ['kernel 3, stride 2, ceilMode', { kernelSize: 3, stride: 2, ceilMode: true }],
    ['kernel 3, stride 2, padding 1, ceilMode, countIncludePad false', { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false }],
    ['kernel [3, 2], stride [1, 2]', { kernelSize: [3, 2], stride: [1, 2] }],
  ];
  for (const [name, options] of avg) {
    it(`AvgPool2d ${name}`, async () => {
      await check(`AvgPool2d ${name}`, model(['batch', 3, 10, 11], new AvgPool2d(options as never)), [[2, 3, 10, 11]]);
    });
  }
  it('AvgPool2d divisorOverride: an error', () => {
    expect(() => exportOnnx(model(['batch', 3, 10, 11], new AvgPool2d({ kernelSize: 2, divisorOverride: 3 })))).toThrow(
      'exportOnnx: layer 1 (AvgPool2d) cannot be exported: divisorOverride (3) has no ONNX AveragePool attribute (it divides by the window\'s size)',
    );
  });
  it('AdaptiveAvgPool2d [1, 1]: GlobalAveragePool', async () => {
    const m = model(['batch', 3, 7, 9], new AdaptiveAvgPool2d({ outputSize: [1, 1] }));
    expect(decode(exportOnnx(m)).graph!.node.map((n) => n.opType)).toEqual(['GlobalAveragePool']);
    await check('AdaptiveAvgPool2d [1, 1]', m, [[2, 3, 7, 9]]);
  });
  it('AdaptiveAvgPool2d [2, 3] on 8×9 (even divisors): AveragePool kernel = stride [4, 3]', async () => {
    await check('AdaptiveAvgPool2d [2, 3]', model(['batch', 3, 8, 9], new AdaptiveAvgPool2d({ outputSize: [2, 3] })), [[2, 3, 8, 9]]);
  });
  it('AdaptiveAvgPool2d [4, null] on 8×9', async () => {
    await check('AdaptiveAvgPool2d [4, null]', model(['batch', 3, 8, 9], new AdaptiveAvgPool2d({ outputSize: [4, null] })), [[2, 3, 8, 9]]);
  });
  it('AdaptiveAvgPool2d [3, 3] on 8×9: an error', () => {
    expect(() => exportOnnx(model(['batch', 3, 8, 9], new ReLU(), new AdaptiveAvgPool2d({ outputSize: 3 })))).toThrow(
      "exportOnnx: layer 2 (AdaptiveAvgPool2d) cannot be exported: output size [3, 3] does not divide the input's [8, 9] evenly: PyTorch's windows then differ in size, which no ONNX AveragePool has (use [1, 1] or a divisor)",
    );
  });
});

describe('exportOnnx: Flatten and Linear', () => {
  it('Flatten() then Linear on 2-D: Flatten axis 1, Gemm transB 1', async () => {
    const m = model(['batch', 2, 3, 4], new Flatten(), new Linear({ inFeatures: 24, outFeatures: 5 }));
    expect(decode(exportOnnx(m)).graph!.node.map((n) => n.opType)).toEqual(['Flatten', 'Gemm']);
    await check('Flatten() + Linear 2-D', m, [[3, 2, 3, 4]]);
  });
  it('Flatten(2) (Reshape [0, 0, -1]), then Linear on 3-D: MatMul + Add', async () => {
    const m = model(['batch', 2, 3, 4], new Flatten(2), new Linear({ inFeatures: 12, outFeatures: 5 }));
    expect(decode(exportOnnx(m)).graph!.node.map((n) => n.opType)).toEqual(['Reshape', 'Transpose', 'MatMul', 'Add']);
    await check('Flatten(2) + Linear 3-D', m, [[3, 2, 3, 4]]);
  });
  it('Flatten(1, 2) (Reshape [0, 6, 4]), Linear bias false on 3-D', async () => {
    await check('Flatten(1, 2) + Linear 3-D bias false', model(['batch', 2, 3, 4], new Flatten(1, 2), new Linear({ inFeatures: 4, outFeatures: 5, bias: false })), [[3, 2, 3, 4]]);
  });
  it('Flatten(0) (Reshape [-1]: 1-D), Flatten(0, 0) (nothing)', async () => {
    await check('Flatten(0)', model([2, 3, 4], new Flatten(0, 0), new Flatten(0)), [[2, 3, 4]]);
  });
  it('Linear on 4-D input (MatMul over the last dim)', async () => {
    await check('Linear 4-D', model(['batch', 2, 3, 4], new Linear({ inFeatures: 4, outFeatures: 3 })), [[2, 2, 3, 4]]);
  });
  it('Linear bias false on 2-D: Gemm with two inputs', async () => {
    await check('Linear 2-D bias false', model(['batch', 7], new Linear({ inFeatures: 7, outFeatures: 3, bias: false })), [[4, 7]]);
  });
});

describe('exportOnnx: blocks', () => {
  it('residual without shortcut (identity): Add of the block input', async () => {
    const m = new Sequential(['batch', 4, 6, 6])
      .residual((x) => x.add(new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, padding: 1 })).add(new BatchNorm2d({ numFeatures: 4 })), null, { name: 'block' })
      .add(new ReLU());
    const graph = decode(exportOnnx(m)).graph!;
    expect(graph.node.map((n) => n.name)).toEqual(['/block/0/Conv', '/block/1/BatchNormalization', '/block/Add', '/1/Relu']);
    expect(graph.node[2]!.input).toEqual(['/block/1/BatchNormalization_output_0', 'input']);
    await check('residual identity shortcut', m, [[2, 4, 6, 6]]);
  });
  it('residual with a shortcut (stride 2 conv + BN, named downsample)', async () => {
    const m = new Sequential(['batch', 4, 6, 6])
      .residual(
        (x) => x.add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 3, stride: 2, padding: 1, bias: false }), 'conv1').add(new BatchNorm2d({ numFeatures: 8 }), 'bn1'),
        (x) => x.add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 1, stride: 2, bias: false })).add(new BatchNorm2d({ numFeatures: 8 })),
        { name: 'layer2.0', shortcutName: 'downsample' },
      )
      .add(new ReLU());
    const graph = decode(exportOnnx(m)).graph!;
    expect(graph.node.map((n) => n.name)).toContain('/layer2.0/downsample/0/Conv');
    expect(graph.initializer.map((t) => t.name)).toContain('layer2.0.downsample.1.running_var');
    await check('residual with shortcut', m, [[2, 4, 6, 6]]);
  });
  it('residual broadcasting: [batch, 4, 6, 6] + [batch, 4, 1, 1]', async () => {
    const m = new Sequential(['batch', 4, 6, 6]).residual((x) => x.add(new AdaptiveAvgPool2d({ outputSize: 1 })));
    await check('residual broadcast', m, [[2, 4, 6, 6]]);
  });
  it('cat along dim 1 (and -3), three branches, one of them empty', async () => {
    const m = new Sequential(['batch', 4, 6, 6]).cat(
      [
        (x) => x.add(new Conv2d({ inChannels: 4, outChannels: 2, kernelSize: 1 })),
        (x) => x.add(new Conv2d({ inChannels: 4, outChannels: 3, kernelSize: 3, padding: 1 })).add(new ReLU()),
        (x) => x,
      ],
      1,
    );
    await check('cat dim 1', m, [[2, 4, 6, 6]]);
    const n = new Sequential(['batch', 4, 6, 6]).cat([(x) => x.add(new MaxPool2d({ kernelSize: 3, stride: 1, padding: 1 })), (x) => x.add(new Sigmoid())], -3);
    expect(decode(exportOnnx(n)).graph!.node.at(-1)!.attribute[0]!.i).toBe(1n);
    await check('cat dim -3', n, [[2, 4, 6, 6]]);
  });
  it('a block exported on its own (options.inputShape)', async () => {
    const m = new Sequential(['batch', 4, 6, 6]).residual((x) => x.add(new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, padding: 1 })));
    const block = m.layers[0] as unknown as AnyModel;
    await check('a Residual block alone', block, [[2, 4, 6, 6]], { inputShape: ['batch', 4, 6, 6] });
  });
});

describe('exportOnnx: named dims', () => {
  it("'batch' is a dim_param in and out; one session runs batch 1 and batch 3", async () => {
    const m = model(['batch', 3, 8, 8], new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3 }), new ReLU(), new Flatten(), new Linear({ inFeatures: 144, outFeatures: 5 }));
    const graph = decode(exportOnnx(m)).graph!;
    const dims = (v: (typeof graph.input)[number]) => (v.type!.value.value as { shape: { dim: { value: { case?: string; value?: unknown } }[] } }).shape.dim.map((d) => d.value.value);
    expect(dims(graph.input[0]!)).toEqual(['batch', 3n, 8n, 8n]);
    expect(dims(graph.output[0]!)).toEqual(['batch', 5n]);
    await check('named batch at 1 and 3', m, [[1, 3, 8, 8], [3, 3, 8, 8]]);
  });
  it("named height and width ('same' convs keep them; a strided conv's are unknown)", async () => {
    const m = model(['batch', 3, 'h', 'w'], new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, padding: 'same' }), new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, stride: 2 }), new AdaptiveAvgPool2d({ outputSize: 1 }));
    const graph = decode(exportOnnx(m)).graph!;
    const dims = (v: (typeof graph.input)[number]) => (v.type!.value.value as { shape: { dim: { value: { case?: string; value?: unknown } }[] } }).shape.dim.map((d) => d.value.value ?? '?');
    expect(dims(graph.output[0]!)).toEqual(['batch', 4n, 1n, 1n]);
    await check('named h, w', m, [[1, 3, 9, 12], [2, 3, 16, 7]]);
  });
  it('options.batch fixes the batch; inputName and outputName', async () => {
    const m = model(['batch', 6], new Linear({ inFeatures: 6, outFeatures: 2 }));
    await check('fixed batch 2', m, [[2, 6]], { batch: 2, inputName: 'x', outputName: 'logits' });
    const graph = decode(exportOnnx(m, { batch: 2 })).graph!;
    expect((graph.input[0]!.type!.value.value as { shape: { dim: { value: { value: unknown } }[] } }).shape.dim[0]!.value.value).toBe(2n);
  });
});

describe('exportOnnx: the examples', () => {
  it('LeNet-5 (examples/lenet5.ts) at batch 1 and 4', async () => {
    await check('LeNet-5', lenet5(), [[1, 1, 32, 32], [4, 1, 32, 32]]);
  });
  it('MobileNetV2 inverted residual blocks (examples/mobilenetv2-block.ts)', async () => {
    await check('MobileNetV2 block 24', invertedResidual24(), [[1, 24, 56, 56]]);
    await check('MobileNetV2 block 24 → 32', invertedResidual24to32(), [[1, 24, 56, 56]]);
  });
  it('ResNet-18 (examples/resnet18.ts) at batch 1, 224×224: 122 state-dict keys, 102 initializers', { timeout: 60_000 }, async () => {
    const m = resnet18();
    const graph = decode(exportOnnx(m)).graph!;
    expect(graph.initializer.length).toBe(122 - 20);
    expect(graph.initializer[0]!.name).toBe('conv1.weight');
    expect(graph.node.some((n) => n.name === '/layer1.0/conv1/Conv')).toBe(true);
    const worst = await check('ResNet-18', m, [[1, 3, 224, 224]]);
    console.log(`ResNet-18: max |onnxruntime - shapecheck| = ${worst.toExponential(2)}`);
  });
  it('VGG-11 (examples/vgg11.ts) at batch 1, 224×224 (133M weights, a 530 MB file)', { timeout: 120_000 }, async () => {
    const m = vgg11();
    const started = performance.now();
    const worst = await check('VGG-11', m, [[1, 3, 224, 224]]);
    console.log(`VGG-11: max |onnxruntime - shapecheck| = ${worst.toExponential(2)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  });
});

describe('exportOnnx: what cannot be exported', () => {
  it('wrong options', () => {
    const m = model(['batch', 6], new ReLU());
    expect(() => exportOnnx(m, { opset: 16 })).toThrow('exportOnnx: opset must be an integer from 17 to 23, got 16');
    expect(() => exportOnnx(m, { inputName: 'x', outputName: 'x' })).toThrow("exportOnnx: inputName and outputName must differ, both are 'x'");
    expect(() => exportOnnx(m, { batch: 0 })).toThrow("exportOnnx: batch must be 'dynamic' or a positive integer, got 0");
    expect(() => exportOnnx({} as never)).toThrow('exportOnnx: expected a Sequential model or a block (a kind, outputShape and forward), got object');
  });
  it('the differences measured', () => {
    console.log(JSON.stringify(maxDifferences));
  });
});
