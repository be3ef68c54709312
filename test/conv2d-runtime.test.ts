import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conv2d, ShapeError, Tensor, conv2d, conv2dBackward, pad, type Conv2dOptions, type PadMode } from 'shapecheck';
import { padPlanesBackward } from '../src/kernels/pad.js';
import { getNumThreads, setNumThreads, setParallelFlops, setWasmEnabled, setWinogradEnabled, wasmKernels } from '../src/kernels/wasm.js';
import { convolve, convolveBackward, convolveGradients } from '../src/ops/conv2d.js';
import { resolveConv2dOptions } from '../src/shape/conv2d.js';
import { loadConv2dCases, loadErrorCases, loadPadCases, loadSeedExamples, type FixtureTensor } from './fixtures/load.js';
import { expectClose } from './helpers.js';
import { outputSize, referenceBackward, referenceForward, type ReferenceConv } from './reference.js';

/** Every kernel path: WebAssembly on one thread, on two and three threads (every case split), without Winograd, TypeScript. */
const KERNELS = [
  ['WebAssembly SIMD, 1 thread', 'wasm', 1],
  ['WebAssembly SIMD, 2 threads', 'wasm', 2],
  ['WebAssembly SIMD, 3 threads', 'wasm', 3],
  ['WebAssembly SIMD without Winograd', 'gemm', 1],
  ['TypeScript', 'ts', 1],
] as const;
/** Runs the enclosing suite on one kernel path. */
function useKernels(kind: 'wasm' | 'gemm' | 'ts', threads: number): void {
  let before = 1;
  beforeAll(() => {
    before = getNumThreads();
    setWasmEnabled(kind !== 'ts');
    // 'always': even the fixtures' small images take the Winograd path when it is eligible
    setWinogradEnabled(kind === 'gemm' ? false : 'always');
    setNumThreads(threads);
    // split even the smallest case across the threads
    setParallelFlops(threads > 1 ? 0 : 4e6);
  });
  afterAll(() => {
    setWasmEnabled(true);
    setWinogradEnabled(true);
    setNumThreads(before);
    setParallelFlops(4e6);
  });
}

it('loads the WebAssembly SIMD kernels in Node', () => {
  expect(wasmKernels()).not.toBeNull();
});

const FORWARD = [1e-4, 1e-4] as const;
const GRADIENT = [5e-4, 5e-4] as const;
const asTensor = (t: FixtureTensor): Tensor => new Tensor(new Float32Array(t.data), t.shape);
// the fixture tables are plain data, so the layer is used as JavaScript would
type AnyConv = { weight: Tensor; bias: Tensor | null; forward(x: Tensor): Tensor; backward(x: Tensor, g: Tensor): { gradInput: Tensor; gradWeight: Tensor; gradBias: Tensor | null } };
const makeConv = (options: Conv2dOptions): AnyConv => new (Conv2d as unknown as new (o: Conv2dOptions) => AnyConv)(options);

describe.each(KERNELS)('nn.Conv2d against PyTorch fixtures, %s', (_kernels, kind, threads) => {
  useKernels(kind, threads);

  const cases = loadConv2dCases();

  it('has at least 300 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const conv = makeConv(c.options);
    conv.weight.data.set(c.weight.data);
    if (c.bias) conv.bias!.data.set(c.bias.data);
    const input = asTensor(c.input);
    const before = input.data.slice();
    const output = conv.forward(input);
    expect(output.shape).toEqual(c.output.shape);
    expectClose(output.data, c.output.data, ...FORWARD, 'output');
    const grads = conv.backward(input, asTensor(c.gradOutput));
    expect(grads.gradInput.shape).toEqual(c.gradInput.shape);
    expectClose(grads.gradInput.data, c.gradInput.data, ...GRADIENT, 'gradInput');
    expectClose(grads.gradWeight.data, c.gradWeight.data, ...GRADIENT, 'gradWeight');
    if (c.gradBias) expectClose(grads.gradBias!.data, c.gradBias.data, ...GRADIENT, 'gradBias');
    else expect(grads.gradBias).toBeNull();
    expect(input.data).toEqual(before);
  });

  it.each(cases.filter((c) => (c.options.paddingMode ?? 'zeros') === 'zeros').map((c) => [c.name, c] as const))(
    'F.conv2d and conv2dBackward: %s',
    (_name, c) => {
      const { inChannels: _i, outChannels: _o, kernelSize: _k, paddingMode: _m, bias: _b, ...options } = c.options;
      const call = conv2d as unknown as (x: Tensor, w: Tensor, b: Tensor | null, o: object) => Tensor;
      const output = call(asTensor(c.input), asTensor(c.weight), c.bias ? asTensor(c.bias) : null, options);
      expectClose(output.data, c.output.data, ...FORWARD, 'output');
      const back = conv2dBackward as unknown as (x: Tensor, w: Tensor, g: Tensor, o: object) => { gradInput: Tensor; gradBias: Tensor | null };
      const grads = back(asTensor(c.input), asTensor(c.weight), asTensor(c.gradOutput), { ...options, bias: c.bias !== null });
      expectClose(grads.gradInput.data, c.gradInput.data, ...GRADIENT, 'gradInput');
      expect(grads.gradBias === null).toBe(c.bias === null);
    },
  );
});

describe('pad against PyTorch fixtures', () => {
  it.each(loadPadCases().map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const call = pad as unknown as (x: Tensor, p: readonly number[], m: PadMode, v?: number) => Tensor;
    const output = call(asTensor(c.input), c.pad, c.mode, c.value);
    expect(output.shape).toEqual(c.output.shape);
    expectClose(output.data, c.output.data, 0, 0, 'output');
    if (c.pad.length === 4 || c.input.shape.length <= 3 || c.mode !== 'constant') {
      // the gradient kernel on the (last two) padded dims
      const [left, right, top = 0, bottom = 0] = c.pad as [number, number, number?, number?];
      const shape = c.input.shape;
      const width = shape.at(-1)!;
      const height = c.pad.length === 4 ? shape.at(-2)! : 1;
      const planes = c.input.data.length / (height * width);
      const gradInput = new Float32Array(c.input.data.length);
      const mode = c.mode;
      padPlanesBackward(c.gradOutput.data, planes, height, width, [top, bottom, left, right], mode, gradInput);
      expectClose(gradInput, c.gradInput.data, 1e-5, 1e-5, 'gradInput');
    }
  });
});

describe('errors for errors: what PyTorch rejects, shapecheck rejects', () => {
  it.each(loadErrorCases().map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const input = new Tensor(new Float32Array(c.inputShape.reduce((a, b) => a * b, 1)), c.inputShape);
    const run = (): unknown => {
      if (c.op === 'pad') return (pad as unknown as (x: Tensor, p: readonly number[], m: string, v?: number) => Tensor)(input, c.pad, c.mode, c.value);
      const conv = makeConv(c.options as Conv2dOptions);
      return conv.forward(input);
    };
    expect(run).toThrow(Error);
    let thrown: unknown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    expect([ShapeError, TypeError, RangeError].some((type) => thrown instanceof type)).toBe(true);
    if (c.phase === 'construct' && c.op === 'Conv2d') expect(() => makeConv(c.options as Conv2dOptions)).toThrow();
  });
});

describe("the seed document's worked examples", () => {
  it.each(loadSeedExamples().map((e) => [e.name, e] as const))('%s', (_name, example) => {
    const conv = makeConv(example.options as Conv2dOptions);
    const input = new Tensor(new Float32Array(example.inputShape.reduce((a, b) => a * b, 1)), example.inputShape);
    if (example.kind === 'values') {
      conv.weight.data.set((example.weight as number[][][][]).flat(3));
      input.data.set((example.input as number[][][][]).flat(3));
      expect(conv.forward(input).toArray()).toEqual(example.output);
    } else {
      expect(conv.forward(input).shape).toEqual(example.outputShape);
    }
  });
});

describe.each(KERNELS)('%s kernels agree with the plain reference implementation', (_kernels, kind, threads) => {
  useKernels(kind, threads);

  const config = fc
    .record({
      batch: fc.integer({ min: 0, max: 2 }),
      groups: fc.integer({ min: 1, max: 3 }),
      inPerGroup: fc.integer({ min: 1, max: 3 }),
      outPerGroup: fc.integer({ min: 1, max: 3 }),
      depthwise: fc.boolean(),
      height: fc.integer({ min: 1, max: 9 }),
      width: fc.integer({ min: 1, max: 9 }),
      kernel: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
      stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      dilation: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      padding: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
      mode: fc.constantFrom('zeros', 'reflect', 'replicate', 'circular') as fc.Arbitrary<ReferenceConv['mode']>,
      bias: fc.boolean(),
      seed: fc.integer(),
    })
    .map((r) => {
      const groups = r.depthwise ? r.groups * r.inPerGroup : r.groups;
      const channels = r.groups * r.inPerGroup;
      const outChannels = r.depthwise ? channels * r.outPerGroup : r.groups * r.outPerGroup;
      const [ph, pw] = r.mode === 'reflect' ? [Math.min(r.padding[0], r.height - 1), Math.min(r.padding[1], r.width - 1)] : r.mode === 'circular' ? [Math.min(r.padding[0], r.height), Math.min(r.padding[1], r.width)] : r.padding;
      const c: ReferenceConv = { batch: r.batch, channels, height: r.height, width: r.width, outChannels, kernel: r.kernel, stride: r.stride, dilation: r.dilation, padding: [ph, ph, pw, pw], groups, mode: r.mode };
      return { c, bias: r.bias, seed: r.seed };
    })
    .filter(({ c }) => outputSize(c)[0] >= 1 && outputSize(c)[1] >= 1);

  it('forward and gradients, 2000 random configurations', () => {
    fc.assert(fc.property(config, check), { numRuns: 2000, seed: 20261126 });
  });

  it('wide images (every vector path of the packing and depthwise kernels), 300 configurations', () => {
    const wide = config.map(({ c, bias, seed }) => {
      const width = 16 + (Math.abs(seed) % 40);
      const [ph, , pw] = c.padding;
      const padW = c.mode === 'reflect' ? Math.min(pw, width - 1) : c.mode === 'circular' ? Math.min(pw, width) : pw;
      return { c: { ...c, width, padding: [ph, ph, padW, padW] as [number, number, number, number] }, bias, seed };
    });
    fc.assert(fc.property(wide, check), { numRuns: 300, seed: 7 });
  });

  it('many input channels per group (the input gradient runs as a forward convolution: stride 1, zero padding up to d·(k − 1), \'same\' with even kernels), 150 configurations', () => {
    const many = fc
      .record({
        batch: fc.integer({ min: 1, max: 2 }),
        groups: fc.integer({ min: 1, max: 2 }),
        inPerGroup: fc.integer({ min: 16, max: 20 }),
        outPerGroup: fc.integer({ min: 1, max: 5 }),
        height: fc.integer({ min: 1, max: 12 }),
        width: fc.integer({ min: 1, max: 12 }),
        kernel: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
        stride: fc.constantFrom<[number, number]>([1, 1], [1, 1], [1, 1], [2, 1]),
        dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
        padding: fc.oneof(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), fc.constant('same' as const)),
        mode: fc.constantFrom('zeros', 'zeros', 'zeros', 'reflect') as fc.Arbitrary<ReferenceConv['mode']>,
        bias: fc.boolean(),
        seed: fc.integer(),
      })
      .map((r) => {
        const spans = [r.dilation[0] * (r.kernel[0] - 1), r.dilation[1] * (r.kernel[1] - 1)];
        // 'same' (stride 1 only): PyTorch puts the odd pad after
        const same = r.padding === 'same' && r.stride[0] === 1 && r.stride[1] === 1;
        const fixed = r.padding === 'same' ? [0, 0] : r.padding;
        const [ph, pw] = r.mode === 'reflect' ? [Math.min(fixed[0]!, r.height - 1), Math.min(fixed[1]!, r.width - 1)] : fixed;
        const padding: [number, number, number, number] = same
          ? [Math.floor(spans[0]! / 2), spans[0]! - Math.floor(spans[0]! / 2), Math.floor(spans[1]! / 2), spans[1]! - Math.floor(spans[1]! / 2)]
          : [ph!, ph!, pw!, pw!];
        const c: ReferenceConv = {
          batch: r.batch, channels: r.groups * r.inPerGroup, height: r.height, width: r.width, outChannels: r.groups * r.outPerGroup,
          kernel: r.kernel, stride: r.stride, dilation: r.dilation, padding, groups: r.groups, mode: same ? 'zeros' : r.mode,
        };
        return { c, bias: r.bias, seed: r.seed };
      })
      .filter(({ c }) => outputSize(c)[0] >= 1 && outputSize(c)[1] >= 1);
    fc.assert(fc.property(many, check), { numRuns: 150, seed: 12 });
  });

  function check({ c, bias, seed }: { c: ReferenceConv; bias: boolean; seed: number }): void {
    {
      {
        let state = seed >>> 0;
        const random = (size: number): Float32Array =>
          Float32Array.from({ length: size }, () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1);
        const [kh, kw] = c.kernel;
        const params = resolveConv2dOptions({
          inChannels: c.channels,
          outChannels: c.outChannels,
          kernelSize: c.kernel,
          stride: c.stride,
          dilation: c.dilation,
          // asymmetric pads come from 'same' with an even kernel span (the many-channels cases)
          padding: c.padding[0] === c.padding[1] && c.padding[2] === c.padding[3] ? [c.padding[0], c.padding[2]] : 'same',
          groups: c.groups,
          bias,
          paddingMode: c.mode,
        });
        const x = new Tensor(random(c.batch * c.channels * c.height * c.width), [c.batch, c.channels, c.height, c.width]);
        const w = new Tensor(random(c.outChannels * (c.channels / c.groups) * kh * kw), [c.outChannels, c.channels / c.groups, kh, kw]);
        const b = bias ? new Tensor(random(c.outChannels), [c.outChannels]) : null;
        const out = convolve(x, w, b, params);
        expectClose(out.data, referenceForward(c, x.data, w.data, b ? b.data : null), 1e-5, 1e-5, 'output');
        const gradOut = new Tensor(random(out.data.length), out.shape);
        const grads = convolveBackward(x, w, gradOut, params);
        const expected = referenceBackward(c, x.data, w.data, gradOut.data);
        expectClose(grads.gradInput.data, expected.gradInput, 1e-5, 1e-5, 'gradInput');
        expectClose(grads.gradWeight.data, expected.gradWeight, 1e-5, 1e-5, 'gradWeight');
        if (bias) expectClose(grads.gradBias!.data, expected.gradBias, 1e-5, 1e-5, 'gradBias');
        // one gradient only (an input that does not require grad, a frozen weight)
        const weightAlone = convolveGradients(x, w, gradOut, params, { input: false, weight: true });
        expect(weightAlone.gradInput).toBeNull();
        expectClose(weightAlone.gradWeight!, expected.gradWeight, 1e-5, 1e-5, 'gradWeight alone');
        const inputAlone = convolveGradients(x, w, gradOut, params, { input: true, weight: false });
        expect(inputAlone.gradWeight).toBeNull();
        expectClose(inputAlone.gradInput!, expected.gradInput, 1e-5, 1e-5, 'gradInput alone');
      }
    }
  }
});
