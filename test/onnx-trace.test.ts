// exportOnnx on your own block classes (issue 13, part 3: "custom blocks through their layers"):
// their forward is traced. Every traced op on its own (each option that changes its ONNX nodes),
// the blocks users write (a ResNet BasicBlock, squeeze-and-excitation, a fully convolutional
// block on named H and W), blocks inside blocks and branches, each run by onnxruntime-node
// against shapecheck's eval forward; and each thing a trace cannot see, as a clear error.
import { describe, expect, it } from 'vitest';
import {
  AdaptiveAvgPool2d,
  BatchNorm2d,
  Conv2d,
  Flatten,
  Linear,
  Module,
  ReLU,
  Sequential,
  Tensor,
  adaptiveAvgPool2d,
  add,
  argmax,
  avgPool2d,
  batchNorm2d,
  cat,
  conv2d,
  div,
  dropout,
  exp,
  exportOnnx,
  flatten,
  full,
  gelu,
  leakyRelu,
  linear,
  log,
  logSoftmax,
  matmul,
  maxPool2d,
  mean,
  mseLoss,
  mul,
  pad,
  permute,
  randn,
  record,
  relu,
  relu6,
  sigmoid,
  softmax,
  sub,
  sum,
  tanh,
  transpose,
  zeros,
  type ExportOnnxOptions,
} from 'shapecheck';
import { check, decode, maxDifferences, type AnyModel } from './onnx-helpers.js';

type Op = (x: Tensor, self: Fn) => Tensor;
// the ops' types check their arguments' shapes; these cases are generated, their shapes known at runtime only
const call = <F>(f: F): ((...args: unknown[]) => Tensor) => f as unknown as (...args: unknown[]) => Tensor;

/**
 * A block class around one function of its input, with parameters and buffers of its own (a
 * convolution weight, a matrix, BatchNorm statistics) for the ops that read them; its output
 * shape is the function's on a zero input (the cases' inputs are small).
 */
class Fn extends Module {
  readonly kind = 'Fn';
  readonly weight = randn([6, 2, 3, 3], { seed: 11, requiresGrad: true });
  readonly matrix = randn([6, 3], { seed: 12, requiresGrad: true });
  readonly scale = randn([4, 1, 1], { seed: 13, requiresGrad: true });
  readonly gamma = randn([4], { seed: 14, requiresGrad: true });
  readonly beta = randn([4], { seed: 15, requiresGrad: true });
  readonly runningMean = randn([4], { seed: 16 });
  readonly runningVar = full([4], 1.5);
  constructor(readonly f: Op) {
    super();
  }
  outputShape(shape: readonly number[]): number[] {
    return [...this.f(zeros(shape as number[]), this).shape];
  }
  forward(x: Tensor): Tensor {
    return this.f(x, this);
  }
}

/** Exports a block on its own, on a literal input, and runs it. */
async function checkBlock(name: string, block: Module & { forward(x: Tensor): Tensor }, shape: readonly number[], options: ExportOnnxOptions = {}): Promise<void> {
  await check(name, block as unknown as AnyModel, [shape], { inputShape: shape, ...options });
}

describe('exportOnnx traces a block class: each op', () => {
  const cases: [string, Op, ExportOnnxOptions?][] = [
    ['relu', (x) => relu(x)],
    ['relu6 (of 4x)', (x) => relu6(mul(x, full([1], 4)))],
    ['leakyRelu 0.2', (x) => leakyRelu(x, 0.2)],
    ['sigmoid', (x) => sigmoid(x)],
    ['tanh', (x) => tanh(x)],
    ['gelu, opset 17 (erf)', (x) => gelu(x)],
    ['gelu, opset 20 (Gelu)', (x) => gelu(x), { opset: 20 }],
    ['exp', (x) => exp(x)],
    ['log of sigmoid', (x) => log(sigmoid(x))],
    ['add, broadcast parameter [4, 1, 1]', (x, s) => add(x, s.scale as never)],
    ['sub, broadcast parameter', (x, s) => sub(s.scale, x as never)],
    ['mul, a constant made in forward', (x) => mul(x, full([1, 4, 1, 1], 0.5) as never)],
    ['div by exp of a parameter', (x, s) => div(x, exp(s.scale) as never)],
    ['add of a value to itself', (x) => { const y = tanh(x); return add(y, y as never); }],
    ['conv2d functional: own weight, groups 2, stride 2, padding 1', (x, s) => call(conv2d)(x, s.weight, null, { stride: 2, padding: 1, groups: 2 })],
    ['conv2d functional: bias, dilation 2', (x, s) => call(conv2d)(x, s.weight, full([6], 0.25), { dilation: 2, groups: 2 })],
    ["pad reflect [1, 2, 2, 1]", (x) => call(pad)(x, [1, 2, 2, 1], 'reflect')],
    ["pad replicate [2, 0, 0, 3]", (x) => call(pad)(x, [2, 0, 0, 3], 'replicate')],
    ['pad constant 0.5, last dim only', (x) => call(pad)(x, [1, 1], 'constant', 0.5)],
    ['pad constant, three dims', (x) => call(pad)(x, [1, 0, 0, 1, 2, 1])],
    ['pad circular (opset 19)', (x) => call(pad)(x, [1, 1, 2, 0], 'circular'), { opset: 19 }],
    ['maxPool2d kernel 3, stride 2, padding 1, ceil', (x) => call(maxPool2d)(x, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true })],
    ['maxPool2d kernel 2, dilation 2', (x) => call(maxPool2d)(x, { kernelSize: 2, dilation: 2 })],
    ['avgPool2d kernel 3, padding 1, countIncludePad false', (x) => call(avgPool2d)(x, { kernelSize: 3, padding: 1, countIncludePad: false })],
    ['avgPool2d kernel 2, stride 1', (x) => call(avgPool2d)(x, { kernelSize: 2, stride: 1 })],
    ['adaptiveAvgPool2d [1, 1]', (x) => call(adaptiveAvgPool2d)(x, [1, 1])],
    ['adaptiveAvgPool2d 3', (x) => call(adaptiveAvgPool2d)(x, 3)],
    ['adaptiveAvgPool2d [null, 2]', (x) => call(adaptiveAvgPool2d)(x, [null, 2])],
    ['batchNorm2d: running statistics, weight and bias', (x, s) => call(batchNorm2d)(x, s.runningMean, s.runningVar, s.gamma, s.beta, 1e-3)],
    ['batchNorm2d: no weight or bias', (x, s) => call(batchNorm2d)(x, s.runningMean, s.runningVar, null, null)],
    ['softmax dim 1', (x) => call(softmax)(x, 1)],
    ['logSoftmax dim -1', (x) => call(logSoftmax)(x, -1)],
    ['sum dim 1, keepdim', (x) => call(sum)(x, 1, true)],
    ['sum of all', (x) => call(sum)(x)],
    ['mean dim -2', (x) => call(mean)(x, -2)],
    ['mean dim 1, keepdim, opset 18 (axes an input)', (x) => call(mean)(x, 1, true), { opset: 18 }],
    ['transpose 2, 3', (x) => call(transpose)(x, 2, 3)],
    ['permute [0, 2, 3, 1]', (x) => call(permute)(x, [0, 2, 3, 1])],
    ['matmul with a parameter [6, 3]', (x, s) => call(matmul)(x, s.matrix)],
    ['matmul of x and its transpose', (x) => call(matmul)(x, call(transpose)(x, 2, 3))],
    ['linear functional', (x, s) => call(linear)(call(flatten)(x, 2), call(transpose)(randn([36, 5], { seed: 3 }), 0, 1), full([5], 0.1))],
    ['flatten 1, 2 (Reshape)', (x) => call(flatten)(x, 1, 2)],
    ['flatten 0, -1', (x) => call(flatten)(x, 0, -1)],
    ['flatten (Flatten)', (x) => call(flatten)(x)],
    ['reshape [2, -1, 3]', (x) => x.reshape([2, -1, 3] as never)],
    ['cat dim 1 of x and relu(x)', (x) => call(cat)([x, relu(x)], 1)],
    ['cat dim -1 of three', (x) => call(cat)([x, sigmoid(x), tanh(x)], -1)],
    ['argmax dim 1', (x) => call(argmax)(x, 1)],
    ['argmax dim 3, keepdim', (x) => call(argmax)(x, 3, true)],
    ['argmax of all', (x) => call(argmax)(x)],
    ['detach', (x) => relu(x.detach())],
    ['dropout with training: this.training', (x, s) => dropout(x, 0.5, s.training)],
    ['an op whose result is not used is left out', (x) => { tanh(x); return relu(x); }],
  ];
  for (const [name, f, options] of cases) {
    it(name, async () => {
      await checkBlock(name, new Fn(f), [2, 4, 6, 6], options);
    });
  }
  it('the identity: forward returns its input', async () => {
    const graph = decode(exportOnnx(new Fn((x) => x) as never, { inputShape: [2, 4, 6, 6] })).graph!;
    expect(graph.node.map((n) => n.opType)).toEqual(['Identity']);
    await checkBlock('identity', new Fn((x) => x), [2, 4, 6, 6]);
  });
  it('parameters are initializers under their stateDict names, each once', () => {
    const block = new Fn((x, s) => add(call(conv2d)(x, s.weight, null, { groups: 2 }), call(conv2d)(x, s.weight, null, { groups: 2 }) as never));
    const graph = decode(exportOnnx(block as never, { inputShape: [2, 4, 6, 6] })).graph!;
    expect(graph.initializer.map((t) => t.name)).toEqual(['weight']);
    expect(graph.node.map((n) => n.opType)).toEqual(['Conv', 'Conv', 'Add']);
  });
});

/** torchvision's BasicBlock, as a class: two 3×3 convs, BatchNorm, a downsampling shortcut. */
class BasicBlock extends Module {
  readonly kind = 'BasicBlock';
  readonly conv1 = new Conv2d({ inChannels: 8, outChannels: 16, kernelSize: 3, stride: 2, padding: 1, bias: false });
  readonly bn1 = new BatchNorm2d({ numFeatures: 16 });
  readonly conv2 = new Conv2d({ inChannels: 16, outChannels: 16, kernelSize: 3, padding: 1, bias: false });
  readonly bn2 = new BatchNorm2d({ numFeatures: 16 });
  readonly downsample = new Sequential(['batch', 8, 10, 10])
    .add(new Conv2d({ inChannels: 8, outChannels: 16, kernelSize: 1, stride: 2, bias: false }))
    .add(new BatchNorm2d({ numFeatures: 16 }));
  outputShape(shape: readonly number[]): number[] {
    const half = (size: number): number => Math.floor((size - 1) / 2) + 1;
    return [shape[0] as number, 16, half(shape[2] as number), half(shape[3] as number)];
  }
  forward(x: Tensor<['batch', 8, 10, 10]>): Tensor<['batch', 16, 5, 5]> {
    const out = this.bn2.forward(this.conv2.forward(relu(this.bn1.forward(this.conv1.forward(x)))));
    return relu(add(out, this.downsample.forward(x)));
  }
}

/** Squeeze-and-excitation: channel weights from the pooled input, multiplied in. */
class SqueezeExcitation extends Module {
  readonly kind = 'SqueezeExcitation';
  readonly fc1 = new Linear({ inFeatures: 16, outFeatures: 4 });
  readonly fc2 = new Linear({ inFeatures: 4, outFeatures: 16 });
  outputShape(shape: readonly number[]): number[] {
    return [...shape];
  }
  forward(x: Tensor<['batch', 16, 5, 5]>): Tensor<['batch', 16, 5, 5]> {
    const pooled = flatten(adaptiveAvgPool2d(x, [1, 1]));
    const weights = sigmoid(this.fc2.forward(relu(this.fc1.forward(pooled))));
    return mul(x, weights.reshape([-1, 16, 1, 1]));
  }
}

/** A block for any image size: a residual conv, and global context by flattening H and W. */
class Context extends Module {
  readonly kind = 'Context';
  readonly conv = new Conv2d({ inChannels: 3, outChannels: 3, kernelSize: 3, padding: 1 });
  outputShape(shape: readonly number[]): number[] {
    return [...shape];
  }
  forward(x: Tensor<['batch', 3, 'H', 'W']>): Tensor<['batch', 3, 'H', 'W']> {
    const y = relu(this.conv.forward(x));
    const flat = flatten(y, 2) as Tensor;
    const context = mean(flat, 2, true).reshape([-1, 3, 1, 1]) as Tensor;
    return add(y, context as never) as never;
  }
}

/** The graph input's dims: sizes (bigint) and names. */
function inputDims(graph: { input: { type?: { value: { value?: unknown } } }[] }): unknown[] {
  const tensorType = graph.input[0]!.type!.value.value as { shape: { dim: { value: { value: unknown } }[] } };
  return tensorType.shape.dim.map((d) => d.value.value);
}

describe('exportOnnx traces a block class: blocks as users write them', () => {
  it('a ResNet BasicBlock class in a model on a named batch: batch 1 and 3 through one session', async () => {
    const m = new Sequential(['batch', 8, 10, 10])
      .add(new BasicBlock())
      .add(new SqueezeExcitation())
      .add(new AdaptiveAvgPool2d({ outputSize: [1, 1] }))
      .add(new Flatten())
      .add(new Linear({ inFeatures: 16, outFeatures: 5 }));
    await check('BasicBlock + SE model', m, [[1, 8, 10, 10], [3, 8, 10, 10]]);
    const graph = decode(exportOnnx(m)).graph!;
    // the weights under their stateDict names, in its order (the rest are Reshape's shapes)
    expect(graph.initializer.filter((t) => !t.name.startsWith('/')).map((t) => t.name)).toEqual(
      [...m.stateDict().keys()].filter((key) => !key.endsWith('num_batches_tracked')),
    );
    expect(inputDims(graph)[0]).toBe('batch');
    expect(graph.node.filter((n) => n.name.startsWith('/0/')).map((n) => n.opType)).toEqual([
      'Conv', 'BatchNormalization', 'Relu', 'Conv', 'BatchNormalization', 'Conv', 'BatchNormalization', 'Add', 'Relu',
    ]);
    expect(graph.node.filter((n) => n.name.startsWith('/1/')).map((n) => n.opType)).toEqual(['GlobalAveragePool', 'Flatten', 'Gemm', 'Relu', 'Gemm', 'Sigmoid', 'Reshape', 'Mul']);
    // the batch kept by Reshape's 0 (the input's dim), not a size of one run
    const shape = graph.initializer.find((t) => t.name === '/1/shape')!;
    expect([...new BigInt64Array(shape.rawData.slice().buffer)]).toEqual([0n, 16n, 1n, 1n]);
  });
  it('a block class on named H and W, with Reshapes of the batch and of H·W: two image sizes', async () => {
    const m = new Sequential(['batch', 3, 'H', 'W'])
      .add(new Context())
      .add(new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, stride: 2 }))
      .add(new AdaptiveAvgPool2d({ outputSize: [1, 1] }))
      .add(new Flatten())
      .add(new Linear({ inFeatures: 4, outFeatures: 2 }));
    await check('Context on H, W', m, [[1, 3, 9, 13], [2, 3, 16, 7]]);
    const graph = decode(exportOnnx(m)).graph!;
    expect(inputDims(graph)).toEqual(['batch', 3n, 'H', 'W']);
  });
  it('a block exported on its own (options.inputShape)', async () => {
    await check('BasicBlock alone', new BasicBlock() as unknown as AnyModel, [[2, 8, 10, 10], [1, 8, 10, 10]], { inputShape: ['batch', 8, 10, 10] });
  });
  it('a block class inside a residual branch, and a residual block inside a block class', async () => {
    class Wrapper extends Module {
      readonly kind = 'Wrapper';
      readonly body = new Sequential(['batch', 16, 5, 5]).residual((b) => b.add(new SqueezeExcitation()).add(new ReLU()));
      outputShape(shape: readonly number[]): number[] {
        return [...shape];
      }
      forward(x: Tensor<['batch', 16, 5, 5]>): Tensor<['batch', 16, 5, 5]> {
        return tanh(this.body.forward(x));
      }
    }
    const m = new Sequential(['batch', 8, 10, 10])
      .add(new BasicBlock())
      .residual((b) => b.add(new Wrapper()).add(new SqueezeExcitation()));
    await check('nested blocks', m, [[2, 8, 10, 10], [1, 8, 10, 10]]);
    const names = decode(exportOnnx(m)).graph!.initializer.map((t) => t.name);
    expect(names).toContain('1.0.body.0.0.fc1.weight');
    expect(names).toContain('1.1.fc2.bias');
  });
  it("the model's modes are restored, and nothing in it changes", () => {
    const m = new Sequential(['batch', 8, 10, 10]).add(new BasicBlock()).add(new SqueezeExcitation());
    const before = [...m.stateDict()].map(([key, t]) => [key, [...t.data]]);
    const modes = () => m.modules().flatMap((module) => ('training' in module ? [(module as { training: boolean }).training] : []));
    m.train();
    exportOnnx(m);
    expect(modes()).toEqual(modes().map(() => true));
    // every module has a mode, as in PyTorch: the model, the blocks and every layer in them
    expect(modes().length).toBe(m.modules().length);
    expect(modes().length).toBe(12);
    (m.layers[0] as unknown as BasicBlock).bn1.eval();
    exportOnnx(m);
    expect((m.layers[0] as unknown as BasicBlock).bn1.training).toBe(false);
    expect((m.layers[0] as unknown as BasicBlock).bn2.training).toBe(true);
    expect([...m.stateDict()].map(([key, t]) => [key, [...t.data]])).toEqual(before);
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });
});

describe('exportOnnx traces a block class: what a trace cannot see', () => {
  const position = (kind = 'Fn') => `exportOnnx: layer 1 (${kind}) cannot be exported: `;
  it('a value made by an op the trace does not know (record), read by a traced op', () => {
    const block = new Fn((x) => relu(record(new Tensor(x.data.map((v) => 2 * v), [...x.shape]), 'DoubleBackward', [x], (g) => [g.map((v) => 2 * v)])));
    expect(() => exportOnnx(block as never, { inputShape: [2, 4, 6, 6] })).toThrow(
      `${position()}its forward's op 1 (relu) reads a tensor made by DoubleBackward, which exportOnnx cannot trace (it traces the package's ops and layers: docs/interop.md)`,
    );
  });
  it('an untraceable op as the output (a loss)', () => {
    const block = new Fn((x) => call(mseLoss)(x, zeros([2, 4, 6, 6])));
    expect(() => exportOnnx(block as never, { inputShape: [2, 4, 6, 6] })).toThrow(`${position()}its forward returns a tensor made by MseLossBackward, which exportOnnx cannot trace`);
  });
  it("a tensor computed from the input's data", () => {
    const block = new Fn((x) => add(x, new Tensor(x.data.map((v) => v * v), [...x.shape]) as never));
    expect(() => exportOnnx(block as never, { inputShape: [2, 4, 6, 6] })).toThrow(
      `${position()}its forward's op 1 (add) reads a tensor that its forward made from the input without a traced op (its values differ between two runs): build it with the package's ops`,
    );
  });
  it('a forward that takes another path for another batch size', () => {
    class Branchy extends Module {
      readonly kind = 'Branchy';
      outputShape(shape: readonly number[]): number[] {
        return [...shape];
      }
      forward(x: Tensor): Tensor {
        return (x.shape[0] as number) > 2 ? relu(x) : tanh(x);
      }
    }
    expect(() => exportOnnx(new Branchy() as never, { inputShape: ['batch', 4] })).toThrow(
      `${position('Branchy')}its forward ran differently on inputs of shapes [2, 4] and [3, 4] (op 1: tanh, then relu): control flow that depends on sizes or values cannot be one ONNX graph`,
    );
  });
  it('dropout in training mode', () => {
    const block = new Fn((x) => dropout(x, 0.25, true));
    expect(() => exportOnnx(block as never, { inputShape: [2, 4, 6, 6] })).toThrow(
      `${position()}its forward's op 1 (dropout): dropout in training mode (p = 0.25) is random, and an ONNX graph is the model in eval mode (pass training: this.training, or use a Dropout layer)`,
    );
  });
  it('batchNorm2d with batch statistics', () => {
    const block = new Fn((x, s) => call(batchNorm2d)(x, null, null, s.gamma, s.beta));
    expect(() => exportOnnx(block as never, { inputShape: [2, 4, 6, 6] })).toThrow(
      `${position()}its forward's op 1 (batchNorm2d): batchNorm2d with batch statistics (training mode, or no running statistics) is not ONNX BatchNormalization's inference`,
    );
  });
  it('a forward that fails on the input', () => {
    const block = new Fn((x) => call(matmul)(x, zeros([3, 2])));
    expect(() => exportOnnx(block as never, { inputShape: [2, 4, 6, 5] })).toThrow(`${position()}its outputShape fails on [2, 4, 6, 5]: matmul: `);
    const failing = Object.assign(new Fn((x) => x), { forward: () => { throw new Error('boom'); } });
    expect(() => exportOnnx(failing as never, { inputShape: [2, 4, 6, 6] })).toThrow(`${position()}its forward failed on a random input of shape [2, 4, 6, 6]: boom`);
  });
  it('a forward that returns what its outputShape does not say', () => {
    class Liar extends Module {
      readonly kind = 'Liar';
      outputShape(shape: readonly number[]): number[] {
        return [...shape];
      }
      forward(x: Tensor): Tensor {
        return call(sum)(x, 1);
      }
    }
    expect(() => exportOnnx(new Liar() as never, { inputShape: [2, 4] })).toThrow(`${position('Liar')}its forward returned [2] where its outputShape says [2, 4]`);
  });
  it('a circular pad below opset 19', () => {
    const block = new Fn((x) => call(pad)(x, [1, 1, 1, 1], 'circular'));
    expect(() => exportOnnx(block as never, { inputShape: [2, 4, 6, 6] })).toThrow(`${position()}pad mode 'circular' needs ONNX Pad mode 'wrap', which exists from opset 19`);
  });
  it('the differences measured', () => {
    console.log(JSON.stringify(maxDifferences));
  });
});
