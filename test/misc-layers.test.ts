// Issue 12 (misc part): ZeroPad2d / ReflectionPad2d / ReplicationPad2d against PyTorch 1.13's
// results (test/fixtures/misc-layers.json, scripts/gen_misc_layer_fixtures.py), finite
// differences, and the shape rules on names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AdaptiveMaxPool2d, ReflectionPad2d, ReplicationPad2d, Sequential, ZeroPad2d, adaptiveMaxPool2d, randn, type AdaptiveOutputSize } from '../src/index.js';
import { adaptiveMaxPool2dOutputShape } from '../src/shape/adaptive-max-pool2d.js';
import { MaxPool2d, MaxUnpool2d, maxPool2d, maxUnpool2d, type MaxPool2dOptions } from '../src/index.js';
import { Embedding, embedding, tensor } from '../src/index.js';
import { pad2dOutputShape, type Pad2dKind, type Pad2dPadding } from '../src/shape/pad2d.js';
import { ShapeError } from '../src/shape/shape-error.js';
import { Tensor } from '../src/tensor/tensor.js';
import { checkGradients } from './gradcheck.js';
import { expectClose } from './helpers.js';

interface Result {
  shape: number[];
  values: number[];
}
interface PadCase {
  layer: Pad2dKind;
  padding: Pad2dPadding;
  input: number[];
  output: Result;
  gradInput: number[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/misc-layers.json', import.meta.url), 'utf8')) as {
  pad2d: PadCase[];
  pad2dErrors: { layer: Pad2dKind; padding: Pad2dPadding; input: number[]; torch: string }[];
  adaptiveMax: { input: number[]; inputKind: 'sin' | 'ties'; outputSize: AdaptiveOutputSize; output: Result; indices: number[]; gradInput: number[] }[];
  adaptiveMaxErrors: { input: number[]; outputSize: AdaptiveOutputSize; torch: string }[];
  poolIndices: {
    input: number[];
    inputKind: 'sin' | 'ties';
    options: MaxPool2dOptions;
    output: Result;
    indices: number[];
    gradInput: number[];
    unpool?: { outputSize: number[] | null; output: Result; gradInput: number[] }[];
  }[];
  unpoolErrors: { name: string; torch: string }[];
  embedding: { numEmbeddings: number; embeddingDim: number; indices: number | number[] | number[][] | number[][][]; paddingIdx: number | null; output: Result; gradWeight: number[] }[];
  embeddingErrors: { name: string; torch: string }[];
};
/** The generator's inputs with ties: floor(2·sin(0.7k + 0.3)). */
const tiesOf = (shape: readonly number[]): Tensor => new Tensor(Float32Array.from({ length: numel(shape) }, (_, k) => Math.floor(2 * Math.sin(0.7 * k + 0.3))), shape).requiresGrad_();

const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
/** The generator's inputs and upstream gradients: float32(sin(0.7k + 0.3)), float32(cos(1.3k)). */
const inputOf = (shape: readonly number[]): Tensor => new Tensor(Float32Array.from({ length: numel(shape) }, (_, k) => Math.sin(0.7 * k + 0.3)), shape).requiresGrad_();
const gradOf = (shape: readonly number[]): Tensor => new Tensor(Float32Array.from({ length: numel(shape) }, (_, k) => Math.cos(1.3 * k)), shape);

type AnyLayer = { forward(x: Tensor): Tensor; outputShape(shape: readonly number[]): number[]; symbolicOutputShape(shape: readonly (number | string)[]): (number | string)[] };
const PAD_LAYERS = { ZeroPad2d, ReflectionPad2d, ReplicationPad2d } as unknown as Record<Pad2dKind, new (options: { padding: unknown }) => AnyLayer>;

const worst = { forward: 0, grad: 0 };
function track(actual: Float32Array, expected: readonly number[], which: 'forward' | 'grad'): void {
  for (let i = 0; i < expected.length; i++) worst[which] = Math.max(worst[which], Math.abs(actual[i]! - expected[i]!));
}

describe('ZeroPad2d / ReflectionPad2d / ReplicationPad2d against PyTorch 1.13', () => {
  it.each(fixture.pad2d.map((c) => [`${c.layer} ${JSON.stringify(c.padding)} ${JSON.stringify(c.input)}`, c] as const))('%s', (_, c) => {
    const layer = new PAD_LAYERS[c.layer]({ padding: c.padding });
    const x = inputOf(c.input);
    const y = layer.forward(x);
    expect(y.shape).toEqual(c.output.shape);
    expect(layer.outputShape(c.input)).toEqual(c.output.shape);
    expectClose(y.data, c.output.values, 1e-6, 0, 'forward');
    track(y.data, c.output.values, 'forward');
    y.backward(gradOf(c.output.shape));
    expectClose(x.grad!.data, c.gradInput, 1e-5, 1e-6, 'gradient');
    track(x.grad!.data, c.gradInput, 'grad');
  });

  it('reports the largest differences', () => {
    expect(worst.forward).toBeLessThan(1e-6);
    expect(worst.grad).toBeLessThan(1e-5);
    console.log(`pad2d fixtures: max |forward - torch| = ${worst.forward.toExponential(2)}, max |grad - torch| = ${worst.grad.toExponential(2)}`);
  });

  // torch 1.13's Python wrapper words the rank error differently from its 2.x kernels (whose
  // words shapecheck uses); the other phrases are the same
  const phraseOf = (torch: string): string =>
    torch.includes('Only 2D, 3D, 4D, 5D')
      ? 'Expected 3D or 4D (batch mode) tensor with possibly 0 batch size'
      : torch.includes('exceeds dimension size')
        ? 'resulted in a negative output size'
        : torch.replace(/^\w+: (Argument #\d: )?/, '').split(/, but /)[0]!;
  it.each(fixture.pad2dErrors.map((c) => [`${c.layer} ${JSON.stringify(c.padding)} ${JSON.stringify(c.input)}`, c] as const))('error %s', (_, c) => {
    const layer = new PAD_LAYERS[c.layer]({ padding: c.padding });
    expect(() => layer.forward(new Tensor(new Float32Array(numel(c.input)), c.input))).toThrow(ShapeError);
    expect(() => layer.outputShape(c.input)).toThrow(phraseOf(c.torch));
    if (c.torch.includes('Padding size')) {
      // the same values as PyTorch's: padding (a, b) at dimension d
      expect(() => layer.outputShape(c.input)).toThrow(c.torch.split('but got: ')[1]!.replace(/ of input \d+$/, ''));
    }
  });
});

describe('2-D padding layers: options, names, gradients', () => {
  it('checks the padding in the constructor, naming it', () => {
    expect(() => new PAD_LAYERS.ZeroPad2d({ padding: [1, 2] })).toThrow('ZeroPad2d: padding must be an int or a 4-tuple of ints (left, right, top, bottom), got padding=[1, 2]');
    expect(() => new PAD_LAYERS.ZeroPad2d({ padding: 1.5 })).toThrow(TypeError);
    expect(() => new PAD_LAYERS.ReflectionPad2d({ padding: -1 })).toThrow(
      'ReflectionPad2d: padding must be a non-negative int or a 4-tuple of non-negative ints (left, right, top, bottom), got padding=-1',
    );
    expect(() => new PAD_LAYERS.ReplicationPad2d({ padding: [0, 0, 0, -1] })).toThrow(TypeError);
    expect(() => new PAD_LAYERS.ReplicationPad2d({ padding: '1' })).toThrow("got padding='1'");
  });

  it('computes exact shapes on names', () => {
    expect(pad2dOutputShape(['batch', 3, 'H', 'W'], 'ZeroPad2d', [0, 0, 1, 2])).toEqual(['batch', 3, 'H+3', 'W']);
    expect(pad2dOutputShape(['batch', 3, '(H+1)//2', 'W-1'], 'ReflectionPad2d', 1)).toEqual(['batch', 3, '(H+5)//2', 'W+1']);
    expect(pad2dOutputShape([3, 'H', 'W'], 'ZeroPad2d', [-1, -1, 0, 0])).toEqual([3, 'H', 'W-2']);
    expect(new PAD_LAYERS.ReplicationPad2d({ padding: 2 }).symbolicOutputShape(['N', 'C', 'H', 'W'])).toEqual(['N', 'C', 'H+4', 'W+4']);
    const model = new Sequential(['batch', 3, 'H', 'W']).add(new ReflectionPad2d({ padding: [1, 1, 2, 2] })).add(new ZeroPad2d({ padding: 1 }));
    expect(model.forward(randn([2, 3, 5, 6])).shape).toEqual([2, 3, 11, 10]);
  });

  it('gradients match finite differences', () => {
    for (const [Layer, padding] of [
      ['ZeroPad2d', [2, -1, 1, 0]],
      ['ReflectionPad2d', [2, 1, 1, 2]],
      ['ReplicationPad2d', [3, 0, 2, 1]],
    ] as const) {
      const layer = new PAD_LAYERS[Layer]({ padding });
      checkGradients(Layer, (x) => layer.forward(x), [randn([2, 2, 3, 4], { seed: 3 })]);
    }
  });
});

describe('AdaptiveMaxPool2d / adaptiveMaxPool2d against PyTorch 1.13', () => {
  const untyped = adaptiveMaxPool2d as unknown as (x: Tensor, size: AdaptiveOutputSize, returnIndices?: boolean) => [Tensor, Tensor];
  const Layer = AdaptiveMaxPool2d as unknown as new (options: { outputSize: unknown; returnIndices?: unknown }) => AnyLayer;
  it.each(fixture.adaptiveMax.map((c) => [`${JSON.stringify(c.input)} ${JSON.stringify(c.outputSize)} ${c.inputKind}`, c] as const))('%s', (_, c) => {
    const x = c.inputKind === 'sin' ? inputOf(c.input) : tiesOf(c.input);
    const [y, indices] = untyped(x, c.outputSize, true);
    expect(y.shape).toEqual(c.output.shape);
    expect(indices.shape).toEqual(c.output.shape);
    expect(adaptiveMaxPool2dOutputShape(c.input, c.outputSize)).toEqual(c.output.shape);
    expectClose(y.data, c.output.values, 1e-6, 0, 'forward');
    track(y.data, c.output.values, 'forward');
    expect(Array.from(indices.data)).toEqual(c.indices);
    y.backward(gradOf(c.output.shape));
    expectClose(x.grad!.data, c.gradInput, 1e-6, 0, 'gradient');
    track(x.grad!.data, c.gradInput, 'grad');
    const layer = new Layer({ outputSize: c.outputSize });
    expect(Array.from(layer.forward(x).data)).toEqual(Array.from(y.data));
    expect(layer.outputShape(c.input)).toEqual(c.output.shape);
  });

  it.each(fixture.adaptiveMaxErrors.map((c) => [`${JSON.stringify(c.input)} ${JSON.stringify(c.outputSize)}`, c] as const))('error %s', (_, c) => {
    const phrase = c.torch.replace(/^\w+: /, '').split(/: \[| -1:/)[0]!;
    const run = (): unknown => untyped(new Tensor(new Float32Array(numel(c.input)), c.input), c.outputSize);
    expect(run).toThrow(phrase);
    expect(run).toThrow('AdaptiveMaxPool2d: ');
  });

  it('checks its options, names, and refuses returnIndices in a model', () => {
    expect(() => new Layer({ outputSize: 1.5 })).toThrow('AdaptiveMaxPool2d: outputSize must be a non-negative integer or null, got 1.5');
    expect(() => new Layer({ outputSize: 2, returnIndices: 'yes' })).toThrow('AdaptiveMaxPool2d: returnIndices must be a boolean, got yes');
    expect(new Layer({ outputSize: [7, null] }).symbolicOutputShape(['batch', 64, 'H', 'W'])).toEqual(['batch', 64, 7, 'W']);
    const indexed = new Layer({ outputSize: 2, returnIndices: true });
    expect(() => indexed.outputShape([1, 3, 4, 4])).toThrow('AdaptiveMaxPool2d: returnIndices: true makes forward return [output, indices]');
    const model = new Sequential(['batch', 3, 'H', 'W']).add(new AdaptiveMaxPool2d({ outputSize: [2, null] }));
    expect(model.forward(randn([2, 3, 5, 6])).shape).toEqual([2, 3, 2, 6]);
  });

  it('gradients match finite differences', () => {
    checkGradients('adaptiveMaxPool2d', (x) => untyped(x, [3, 2], true)[0], [randn([2, 2, 5, 7], { seed: 5 })]);
  });
});

describe('MaxPool2d returnIndices and MaxUnpool2d against PyTorch 1.13', () => {
  const untypedPool = maxPool2d as unknown as (x: Tensor, options: object) => [Tensor, Tensor];
  const untypedUnpool = maxUnpool2d as unknown as (x: Tensor, indices: Tensor, options: object, outputSize?: readonly number[]) => Tensor;
  it.each(fixture.poolIndices.map((c) => [`${JSON.stringify(c.input)} ${JSON.stringify(c.options)} ${c.inputKind}`, c] as const))('%s', (_, c) => {
    const x = c.inputKind === 'sin' ? inputOf(c.input) : tiesOf(c.input);
    const [y, indices] = untypedPool(x, { ...c.options, returnIndices: true });
    expect(y.shape).toEqual(c.output.shape);
    expectClose(y.data, c.output.values, 1e-6, 0, 'forward');
    track(y.data, c.output.values, 'forward');
    expect(Array.from(indices.data)).toEqual(c.indices);
    y.backward(gradOf(c.output.shape));
    expectClose(x.grad!.data, c.gradInput, 1e-6, 0, 'gradient');
    track(x.grad!.data, c.gradInput, 'grad');
    // the layer gives the same pair
    const layer = new (MaxPool2d as unknown as new (o: object) => { forward(x: Tensor): [Tensor, Tensor] })({ ...c.options, returnIndices: true });
    expect(Array.from(layer.forward(x)[1].data)).toEqual(c.indices);
    for (const u of c.unpool ?? []) {
      const z = new Tensor(y.data.slice(), c.output.shape).requiresGrad_();
      const { kernelSize, stride, padding } = c.options;
      const out = untypedUnpool(z, indices, { kernelSize, stride, padding }, u.outputSize ?? undefined);
      expect(out.shape).toEqual(u.output.shape);
      expectClose(out.data, u.output.values, 1e-6, 0, 'unpool forward');
      track(out.data, u.output.values, 'forward');
      out.backward(gradOf(u.output.shape));
      expectClose(z.grad!.data, u.gradInput, 1e-6, 0, 'unpool gradient');
      track(z.grad!.data, u.gradInput, 'grad');
      const unpool = new (MaxUnpool2d as unknown as new (o: object) => AnyLayer & { forward(x: Tensor, i: Tensor, s?: readonly number[]): Tensor })({ kernelSize, stride, padding });
      expect(Array.from(unpool.forward(z, indices, u.outputSize ?? undefined).data)).toEqual(Array.from(out.data));
      if (!u.outputSize) expect(unpool.outputShape(c.output.shape)).toEqual(u.output.shape);
    }
  });

  it.each(fixture.unpoolErrors.map((c) => [c.name, c] as const))('error: %s', (name, c) => {
    const [y, indices] = untypedPool(inputOf([1, 2, 4, 4]), { kernelSize: 2, returnIndices: true });
    const plane = (t: Tensor): Tensor => new Tensor(t.data.slice(0, 4), [2, 2]);
    const run = {
      'outputSize [6, 5]': () => untypedUnpool(y, indices, { kernelSize: 2 }, [6, 5]),
      'outputSize [4]': () => untypedUnpool(y, indices, { kernelSize: 2 }, [4]),
      'indices of another shape': () => untypedUnpool(y, new Tensor(indices.data.slice(0, 4), [1, 1, 2, 2]), { kernelSize: 2 }),
      '2-D input': () => untypedUnpool(plane(y), plane(indices), { kernelSize: 2 }),
      'an index outside the output': () => untypedUnpool(y, new Tensor(indices.data.map((v) => v + 100), [1, 2, 2, 2]), { kernelSize: 2 }),
      'empty channels': () => untypedUnpool(new Tensor(new Float32Array(0), [1, 0, 2, 2]), new Tensor(new Float32Array(0), [1, 0, 2, 2]), { kernelSize: 2 }),
    }[name]!;
    const phrase = c.torch.includes('Input to max_unpooling2d') || c.torch.includes('non-zero size')
      ? 'Input to max_unpooling2d should be a 3d or 4d Tensor'
      : // PyTorch quotes the size with ", the message with ' (an editor shows a " inside a type escaped, \")
        c.torch.replace(/^\w+: /, '').replace(/"/g, "'").split(/: \d| \(output/)[0]!;
    expect(run).toThrow(phrase);
    expect(run).toThrow('MaxUnpool2d: ');
  });

  it('checks options, names and models', () => {
    const Unpool = MaxUnpool2d as unknown as new (o: object) => AnyLayer;
    expect(() => new Unpool({ kernelSize: 0 })).toThrow('MaxUnpool2d: kernelSize must be a positive integer or a pair of them, got 0');
    expect(() => new Unpool({ kernelSize: 2, padding: -1 })).toThrow('MaxUnpool2d: padding must be a non-negative integer or a pair of them, got -1');
    expect(() => new Unpool({ kernelSize: [2, 2, 2] })).toThrow(TypeError);
    expect(() => new (MaxPool2d as unknown as new (o: object) => unknown)({ kernelSize: 2, returnIndices: 1 })).toThrow('MaxPool2d: returnIndices must be a boolean, got 1');
    expect(new Unpool({ kernelSize: 2 }).outputShape([1, 3, 4, 5])).toEqual([1, 3, 8, 10]);
    expect(new Unpool({ kernelSize: 3, stride: 2, padding: 1 }).outputShape([3, 4, 5])).toEqual([3, 7, 9]);
    expect(() => new Unpool({ kernelSize: 2 }).symbolicOutputShape(['batch', 3, 'H', 'W'])).toThrow('a model passes one tensor');
    expect(() => new Sequential([1, 3, 4, 4]).add(new MaxPool2d({ kernelSize: 2, returnIndices: true }) as never)).toThrow('returnIndices: true makes forward return [output, indices]');
    expect(() => new (MaxUnpool2d as unknown as new (o: object) => AnyLayer)({ kernelSize: 1, stride: 1, padding: 3 }).outputShape([1, 1, 2, 2])).toThrow('MaxUnpool2d: output height (in − 1)·stride − 2·padding + kernelSize is -4 for input height 2, below zero');
    expect(() => untypedUnpool(new Tensor(new Float32Array(1), [1, 1, 1]), new Tensor(new Float32Array([0.5]), [1, 1, 1]), { kernelSize: 2 })).toThrow('MaxUnpool2d: indices must hold integral values');
  });

  it('gradients match finite differences', () => {
    checkGradients('maxPool2d with indices', (x) => untypedPool(x, { kernelSize: 3, stride: 2, padding: 1, returnIndices: true })[0], [randn([2, 2, 5, 6], { seed: 9 })]);
    const [, indices] = untypedPool(randn([2, 2, 6, 6], { seed: 2 }), { kernelSize: 2, returnIndices: true });
    checkGradients('maxUnpool2d', (x) => untypedUnpool(x, indices, { kernelSize: 2 }, [7, 7]), [randn([2, 2, 3, 3], { seed: 4 })]);
  });
});

describe('Embedding / embedding against PyTorch 1.13', () => {
  const untyped = embedding as unknown as (x: Tensor, w: Tensor, p?: number | null) => Tensor;
  type AnyEmbedding = AnyLayer & { weight: Tensor; stateDict(): Map<string, Tensor> };
  const Layer = Embedding as unknown as new (o: object) => AnyEmbedding;
  it.each(fixture.embedding.map((c) => [`${c.numEmbeddings}x${c.embeddingDim} ${JSON.stringify(c.indices)} padding ${c.paddingIdx}`, c] as const))('%s', (_, c) => {
    const weight = inputOf([c.numEmbeddings, c.embeddingDim]);
    const indices = tensor(c.indices as never) as unknown as Tensor;
    const y = untyped(indices, weight, c.paddingIdx);
    expect(y.shape).toEqual(c.output.shape);
    expectClose(y.data, c.output.values, 1e-6, 0, 'forward');
    track(y.data, c.output.values, 'forward');
    y.backward(gradOf(c.output.shape));
    expectClose(weight.grad!.data, c.gradWeight, 1e-5, 1e-6, 'weight gradient');
    track(weight.grad!.data, c.gradWeight, 'grad');
    // the layer, with the same weight
    const layer = new Layer({ numEmbeddings: c.numEmbeddings, embeddingDim: c.embeddingDim, paddingIdx: c.paddingIdx });
    layer.weight.data.set(weight.data);
    const z = layer.forward(indices);
    expect(Array.from(z.data)).toEqual(Array.from(y.data));
    z.backward(gradOf(c.output.shape));
    expect(Array.from(layer.weight.grad!.data)).toEqual(Array.from(weight.grad!.data));
    expect(layer.outputShape(indices.shape as number[])).toEqual(c.output.shape);
  });

  it.each(fixture.embeddingErrors.map((c) => [c.name, c] as const))('error: %s', (name, c) => {
    const run = {
      'index out of range': () => new Layer({ numEmbeddings: 10, embeddingDim: 3 }).forward(tensor([1, 10]) as unknown as Tensor),
      'paddingIdx out of range': () => new Layer({ numEmbeddings: 10, embeddingDim: 3, paddingIdx: 10 }),
      'paddingIdx below -numEmbeddings': () => new Layer({ numEmbeddings: 10, embeddingDim: 3, paddingIdx: -11 }),
    }[name]!;
    expect(run).toThrow(c.torch.replace(/^\w+: /, ''));
    expect(run).toThrow('Embedding: ');
  });

  it('options, padding row, state_dict, names, gradients', () => {
    expect(() => new Layer({ numEmbeddings: 0, embeddingDim: 3 })).toThrow('Embedding: numEmbeddings must be a positive integer, got 0');
    expect(() => new Layer({ numEmbeddings: 4, embeddingDim: 2.5 })).toThrow('Embedding: embeddingDim must be a positive integer, got 2.5');
    expect(() => new Layer({ numEmbeddings: 4, embeddingDim: 2, maxNorm: 1 })).toThrow('Embedding: maxNorm is not implemented');
    expect(() => new Layer({ numEmbeddings: 4, embeddingDim: 2 }).forward(tensor([0.5]) as unknown as Tensor)).toThrow('Embedding: indices must hold integral values');
    expect(() => new Layer({ numEmbeddings: 4, embeddingDim: 2 }).forward(tensor([-1]) as unknown as Tensor)).toThrow('index out of range in self');
    const layer = new Layer({ numEmbeddings: 5, embeddingDim: 3, paddingIdx: -2, seed: 1 });
    expect(Array.from(layer.weight.data.slice(9, 12))).toEqual([0, 0, 0]);
    expect([...layer.stateDict().keys()]).toEqual(['weight']);
    expect(layer.symbolicOutputShape(['batch', 'T'])).toEqual(['batch', 'T', 3]);
    const model = new Sequential(['batch', 7]).add(new Embedding({ numEmbeddings: 10, embeddingDim: 4 }));
    expect(model.forward(tensor([[1, 2, 3, 4, 5, 6, 7]]) as never).shape).toEqual([1, 7, 4]);
    const w = randn([6, 3], { seed: 3 });
    checkGradients('embedding', (weight) => untyped(tensor([[1, 5, 1], [0, 2, 5]]) as unknown as Tensor, weight), [w]); // (the paddingIdx row's gradient is zero by definition, as PyTorch's: see the fixtures)
  });
});

describe('misc layers against PyTorch 1.13: all fixtures', () => {
  it('reports the largest differences (pads, adaptive max pooling, max pooling with indices, unpooling)', () => {
    expect(worst.forward).toBeLessThan(1e-6);
    expect(worst.grad).toBeLessThan(1e-5);
    console.log(`misc-layers fixtures: max |forward - torch| = ${worst.forward.toExponential(2)}, max |grad - torch| = ${worst.grad.toExponential(2)}`);
  });
});
