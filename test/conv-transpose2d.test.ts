// ConvTranspose2d and convTranspose2d (issue 12): forward and autograd gradients against PyTorch
// (test/fixtures/conv-transpose2d.json, from /usr/bin/python3 scripts/gen_conv_transpose_fixtures.py)
// on every kernel path, torch's error messages, random configurations against a plain scatter
// loop (test/reference-conv-transpose.ts), the parameters' initialisation and symbolic shapes.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConvTranspose2d,
  ReLU,
  Sequential,
  ShapeError,
  Tensor,
  affineOfDim,
  canonicalDim,
  convTranspose2d,
  convTranspose2dOutputShape,
  manualSeed,
  type ConvTranspose2dOptions,
} from 'shapecheck';
import { getNumThreads, setNumThreads, setParallelFlops, setWasmEnabled, setWinogradEnabled } from '../src/kernels/wasm.js';
import { expectClose, expectThrows } from './helpers.js';
import { referenceTransposedBackward, referenceTransposedForward, transposedOutputSize, type ReferenceTransposed } from './reference-conv-transpose.js';

interface Values {
  shape: number[];
  data: number[];
}
interface Case {
  name: string;
  options: ConvTranspose2dOptions;
  outputSize?: number[];
  input: Values;
  weight: Values;
  bias: Values | null;
  output: Values;
  gradOutput: Values;
  gradInput: Values;
  gradWeight: Values;
  gradBias: Values | null;
}
interface ErrorCase {
  name: string;
  shape: number[];
  options: ConvTranspose2dOptions;
  outputSize?: number[];
  exception: string;
  message: string;
  phrase: string;
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/conv-transpose2d.json', import.meta.url), 'utf8')) as {
  torch: string;
  cases: Case[];
  errors: ErrorCase[];
};

const tensorOf = (v: Values, requiresGrad = false): Tensor => new Tensor(Float32Array.from(v.data), v.shape).requiresGrad_(requiresGrad);
type AnyLayer = { forward(x: Tensor, outputSize?: readonly number[]): Tensor; weight: Tensor; bias: Tensor | null };
const layerOf = (options: ConvTranspose2dOptions): AnyLayer => new ConvTranspose2d(options as never) as unknown as AnyLayer;
const TOL = 1e-4;

/** Every kernel path: WebAssembly on one and two threads, without Winograd, TypeScript. */
const KERNELS = [
  ['WebAssembly SIMD, 1 thread', 'wasm', 1],
  ['WebAssembly SIMD, 2 threads', 'wasm', 2],
  ['WebAssembly SIMD without Winograd', 'gemm', 1],
  ['TypeScript', 'ts', 1],
] as const;
function useKernels(kind: 'wasm' | 'gemm' | 'ts', threads: number): void {
  let before = 1;
  beforeAll(() => {
    before = getNumThreads();
    setWasmEnabled(kind !== 'ts');
    setWinogradEnabled(kind === 'gemm' ? false : 'always');
    setNumThreads(threads);
    setParallelFlops(threads > 1 ? 0 : 4e6);
  });
  afterAll(() => {
    setWasmEnabled(true);
    setWinogradEnabled(true);
    setNumThreads(before);
    setParallelFlops(4e6);
  });
}

const maxError = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
};

describe(`ConvTranspose2d against PyTorch ${fixtures.torch} (${fixtures.cases.length} cases)`, () => {
  for (const [label, kind, threads] of KERNELS) {
    describe(label, () => {
      useKernels(kind, threads);
      const worst = { output: 0, gradInput: 0, gradWeight: 0, gradBias: 0 };
      it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
        const layer = layerOf(c.options);
        expect(layer.weight.shape).toEqual(c.weight.shape);
        layer.weight.data.set(c.weight.data);
        if (c.bias) layer.bias!.data.set(c.bias.data);
        else expect(layer.bias).toBeNull();
        const x = tensorOf(c.input, true);
        const y = layer.forward(x, c.outputSize);
        expect(y.shape).toEqual(c.output.shape);
        expectClose(y.data, c.output.data, TOL, TOL, 'output');
        y.backward(tensorOf(c.gradOutput));
        expectClose(x.grad!.data, c.gradInput.data, TOL, TOL, 'gradInput');
        expectClose(layer.weight.grad!.data, c.gradWeight.data, TOL, TOL, 'gradWeight');
        if (c.gradBias) expectClose(layer.bias!.grad!.data, c.gradBias.data, TOL, TOL, 'gradBias');
        worst.output = Math.max(worst.output, maxError(y.data, c.output.data));
        worst.gradInput = Math.max(worst.gradInput, maxError(x.grad!.data, c.gradInput.data));
        worst.gradWeight = Math.max(worst.gradWeight, maxError(layer.weight.grad!.data, c.gradWeight.data));
        if (c.gradBias) worst.gradBias = Math.max(worst.gradBias, maxError(layer.bias!.grad!.data, c.gradBias.data));
      });
      it('max errors against torch are float32 rounding', () => {
        console.log(`ConvTranspose2d ${label}: max |error| vs torch`, JSON.stringify(worst));
        for (const value of Object.values(worst)) expect(value).toBeLessThan(1e-4);
      });
    });
  }

  it('F.conv_transpose2d gives the layer\'s results (weight, bias, options as arguments)', () => {
    for (const c of fixtures.cases.filter((c) => c.outputSize === undefined)) {
      const { inChannels: _in, outChannels: _out, kernelSize: _k, bias: _b, ...options } = c.options;
      const x = tensorOf(c.input, true);
      const w = tensorOf(c.weight, true);
      const b = c.bias ? tensorOf(c.bias, true) : null;
      const y = convTranspose2d(x as Tensor, w as Tensor, b, options as never) as Tensor;
      expectClose(y.data, c.output.data, TOL, TOL, `${c.name} output`);
      y.backward(tensorOf(c.gradOutput));
      expectClose(w.grad!.data, c.gradWeight.data, TOL, TOL, `${c.name} gradWeight`);
      expectClose(x.grad!.data, c.gradInput.data, TOL, TOL, `${c.name} gradInput`);
    }
  });
});

describe(`PyTorch's errors (${fixtures.errors.length})`, () => {
  it.each(fixtures.errors.map((c) => [c.name, c] as const))('%s', (_, c) => {
    let thrown: unknown;
    try {
      layerOf(c.options).forward(new Tensor(new Float32Array(c.shape.reduce((a, b) => a * b, 1)), c.shape), c.outputSize);
    } catch (error) {
      thrown = error;
    }
    expect(thrown, `torch: ${c.message}`).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message.startsWith('ConvTranspose2d: ')).toBe(true);
    // torch shows an unbatched input with its batch of 1 added; shapecheck shows it as given
    // (and its double quotes single: an editor escapes double quotes in a message)
    expect(message).toContain((c.shape.length === 3 ? c.phrase.replace('input[1, ', 'input[') : c.phrase).replaceAll('"', "'"));
  });

  it('names the argument and the dims', () => {
    expectThrows(() => layerOf({ inChannels: 2, outChannels: 2, kernelSize: [3, 3, 3] as never }), TypeError,
      'ConvTranspose2d: kernelSize must be a number or a pair of numbers, got [3, 3, 3] (expected kernel_size to be a single integer value or a list of 2 values to match the convolution dimensions)');
    expectThrows(() => layerOf({ inChannels: 2, outChannels: 2, kernelSize: 3, padding: 'same' as never }), TypeError,
      "ConvTranspose2d: padding must be a number or a pair of numbers, got 'same' (ConvTranspose2d has no 'same' or 'valid' padding)");
    expectThrows(() => layerOf({ inChannels: 2, outChannels: 2, kernelSize: 3, outputPadding: 1.5 }), TypeError,
      'ConvTranspose2d: outputPadding must be a non-negative integer, got 1.5 (negative output_padding is not supported)');
    expectThrows(() => layerOf({ inChannels: 2, outChannels: 2, kernelSize: 3, bias: 1 as never }), TypeError, 'ConvTranspose2d: bias must be a boolean, got 1');
    const layer = layerOf({ inChannels: 2, outChannels: 2, kernelSize: 3, stride: 2 });
    expectThrows(() => layer.forward(new Tensor(new Float32Array(32), [1, 2, 4, 4]), [10, 9.5]), TypeError, 'ConvTranspose2d: outputSize[1] must be a non-negative integer, got 9.5');
    expectThrows(
      () => layer.forward(new Tensor(new Float32Array(32), [1, 2, 4, 4]), [10, 20]),
      ShapeError,
      'ConvTranspose2d: outputSize: requested an output size of [10, 20], but valid sizes range from [9, 9] to [10, 10] (for an input of [4, 4])',
    );
  });

  it('convTranspose2d checks the weight and the bias', () => {
    const x = new Tensor(new Float32Array(2 * 9), [1, 2, 3, 3]);
    expectThrows(() => convTranspose2d(x, new Tensor(new Float32Array(18), [2, 1, 3, 3]), new Tensor(new Float32Array(2), [2])), ShapeError,
      'convTranspose2d: Given transposed=1, weight of size [2, 1, 3, 3], expected bias to be 1-dimensional with 1 elements, but got bias of size [2] instead');
    expectThrows(() => convTranspose2d(x, new Tensor(new Float32Array(18), [2, 1, 9]), null), ShapeError,
      'convTranspose2d: weight must be 4-D [inChannels, outChannels/groups, kH, kW], got weight of size [2, 1, 9]');
    expectThrows(() => convTranspose2d(x, new Tensor(new Float32Array(18), [2, 1, 3, 3]), null, { groups: 0 } as never), RangeError,
      'ConvTranspose2d: groups must be a positive integer, got 0 (groups must be a positive integer)');
  });
});

/** A random valid configuration. */
const configuration = fc
  .record({
    groups: fc.constantFrom(1, 1, 2, 3),
    cinPerGroup: fc.integer({ min: 1, max: 3 }),
    coutPerGroup: fc.constantFrom(1, 2, 3, 16),
    kernel: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    dilation: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    padding: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
    opSeed: fc.tuple(fc.nat(), fc.nat()),
    batch: fc.integer({ min: 0, max: 2 }),
    height: fc.integer({ min: 1, max: 6 }),
    width: fc.integer({ min: 1, max: 6 }),
    seed: fc.nat(),
  })
  .map((r): ReferenceTransposed => ({
    batch: r.batch,
    inChannels: r.groups * r.cinPerGroup,
    height: r.height,
    width: r.width,
    outChannels: r.groups * r.coutPerGroup,
    kernel: r.kernel,
    stride: r.stride,
    dilation: r.dilation,
    padding: r.padding,
    outputPadding: [r.opSeed[0] % Math.max(r.stride[0], r.dilation[0]), r.opSeed[1] % Math.max(r.stride[1], r.dilation[1])],
    groups: r.groups,
  }))
  .filter((c) => Math.min(...transposedOutputSize(c)) >= 1);

function randomData(length: number, seed: number): Float32Array {
  const data = new Float32Array(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 31 - 1;
  }
  return data;
}

describe('random configurations against a plain scatter loop', () => {
  for (const [label, kind, threads] of KERNELS) {
    describe(label, () => {
      useKernels(kind, threads);
      it('forward and gradients', () => {
        fc.assert(
          fc.property(configuration, fc.boolean(), fc.nat(), (c, withBias, seed) => {
            const layer = layerOf({
              inChannels: c.inChannels,
              outChannels: c.outChannels,
              kernelSize: c.kernel,
              stride: c.stride,
              padding: c.padding,
              outputPadding: c.outputPadding,
              dilation: c.dilation,
              groups: c.groups,
              bias: withBias,
            });
            const x = new Tensor(randomData(c.batch * c.inChannels * c.height * c.width, seed), [c.batch, c.inChannels, c.height, c.width]).requiresGrad_();
            layer.weight.data.set(randomData(layer.weight.data.length, seed + 1));
            const y = layer.forward(x);
            const expected = referenceTransposedForward(c, x.data, layer.weight.data, layer.bias?.data ?? null);
            expect(y.shape).toEqual([c.batch, c.outChannels, ...transposedOutputSize(c)]);
            expectClose(y.data, expected, 1e-4, 1e-4, 'output');
            const gy = randomData(y.data.length, seed + 2);
            y.backward(new Tensor(gy, y.shape as number[]));
            const grads = referenceTransposedBackward(c, x.data, layer.weight.data, gy);
            expectClose(x.grad!.data, grads.gradInput, 1e-4, 1e-4, 'gradInput');
            expectClose(layer.weight.grad!.data, grads.gradWeight, 1e-4, 1e-4, 'gradWeight');
            if (withBias) expectClose(layer.bias!.grad!.data, grads.gradBias, 1e-4, 1e-4, 'gradBias');
          }),
          { numRuns: kind === 'wasm' && threads === 1 ? 300 : 80, seed: 12 },
        );
      });
    });
  }
});

describe('the layer', () => {
  it('initialises weight and bias uniform in ±1/√(outChannels/groups·kH·kW), PyTorch\'s fan-in', () => {
    manualSeed(3);
    const layer = new ConvTranspose2d({ inChannels: 8, outChannels: 6, kernelSize: [3, 2], groups: 2 });
    expect(layer.weight.shape).toEqual([8, 3, 3, 2]);
    expect(layer.bias.shape).toEqual([6]);
    const bound = 1 / Math.sqrt(3 * 3 * 2);
    for (const v of [...layer.weight.data, ...layer.bias.data]) expect(Math.abs(v)).toBeLessThanOrEqual(bound);
    // spread over the range, not a narrower one
    expect(Math.max(...layer.weight.data.map(Math.abs))).toBeGreaterThan(bound * 0.9);
    expect(layer.weight.requiresGrad && layer.bias.requiresGrad).toBe(true);
    expect([...layer.stateDict().keys()]).toEqual(['weight', 'bias']);
    expect(new ConvTranspose2d({ inChannels: 2, outChannels: 2, kernelSize: 1, bias: false }).namedParameters().map(([n]) => n)).toEqual(['weight']);
    const a = new ConvTranspose2d({ inChannels: 2, outChannels: 2, kernelSize: 2 }, { seed: 5 });
    const b = new ConvTranspose2d({ inChannels: 2, outChannels: 2, kernelSize: 2 }, { seed: 5 });
    expect([...a.weight.data]).toEqual([...b.weight.data]);
  });

  it('loads a state dict of PyTorch\'s shapes', () => {
    const layer = new ConvTranspose2d({ inChannels: 4, outChannels: 2, kernelSize: 3 });
    const weight = new Tensor(new Float32Array(4 * 2 * 9).fill(0.5), [4, 2, 3, 3]);
    layer.loadStateDict(new Map<string, Tensor>([['weight', weight], ['bias', new Tensor(new Float32Array(2), [2])]]));
    expect(layer.weight.data[0]).toBe(0.5);
    expect(() => layer.loadStateDict(new Map<string, Tensor>([['weight', new Tensor(new Float32Array(72), [2, 4, 3, 3])], ['bias', new Tensor(new Float32Array(2), [2])]]))).toThrow(/size mismatch/);
  });

  it('symbolic shapes: names give the exact expressions the types give', () => {
    const layer = new ConvTranspose2d({ inChannels: 3, outChannels: 8, kernelSize: 4, stride: 2, padding: 1 });
    expect(layer.symbolicOutputShape(['batch', 3, 'H', 'W'])).toEqual(['batch', 8, '2*H', '2*W']);
    expect(layer.symbolicOutputShape(['batch', 3, '(H+1)//2', 'W-2'])).toEqual(['batch', 8, '2*((H+1)//2)', '2*W-4']);
    const same = new ConvTranspose2d({ inChannels: 3, outChannels: 8, kernelSize: 3, padding: 1 });
    expect(same.symbolicOutputShape([3, 'H', 'W'])).toEqual([8, 'H', 'W']);
    expect(new ConvTranspose2d({ inChannels: 3, outChannels: 8, kernelSize: 3, stride: 1 }).symbolicOutputShape([3, '(H+1)//2', 'H'])).toEqual([8, '(H+5)//2', 'H+2']);
    expect(layer.symbolicOutputShape(['batch', 3, 'H', 'W'], [17, 'W'])).toEqual(['batch', 8, 17, 'W']);
    expect(() => layer.symbolicOutputShape(['batch', 4, 'H', 'W'])).toThrow(/expected input\[batch, 4, H, W\] to have 3 channels/);
    expect(affineOfDim('H', 3, -2)).toBe('3*H-2');
    expect(affineOfDim('H+W', 2, 1)).toBe(canonicalDim('2*H+2*W+1'));
    // the expression evaluates to the runtime size for every size of the name
    for (let h = 1; h < 20; h++) expect(layer.outputShape([1, 3, h, h])[2]).toBe(2 * h);
  });

  it('convTranspose2dOutputShape is typed and checked', () => {
    const shape = convTranspose2dOutputShape([1, 16, 7, 7], { inChannels: 16, outChannels: 8, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1 });
    expect(shape).toEqual([1, 8, 14, 14]);
  });

  it('is a layer of a Sequential: shapes, forward, backward', () => {
    const model = new Sequential(['batch', 4, 'H', 'W'])
      .add(new ConvTranspose2d({ inChannels: 4, outChannels: 2, kernelSize: 4, stride: 2, padding: 1 }))
      .add(new ReLU());
    const y = model.forward(new Tensor(new Float32Array(2 * 4 * 3 * 5).fill(1), [2, 4, 3, 5]));
    expect(y.shape).toEqual([2, 2, 6, 10]);
    expect(() => new Sequential(['batch', 3, 'H', 'W']).add(new ConvTranspose2d({ inChannels: 4, outChannels: 2, kernelSize: 4 }) as never)).toThrow(
      /layer 1 \(ConvTranspose2d\): Given transposed=1, weight of size \[4, 2, 4, 4\], expected input\[batch, 3, H, W\] to have 4 channels/,
    );
  });
});
