// Upsample / interpolate, PixelShuffle / PixelUnshuffle (issue 12): against PyTorch 1.13's
// results (test/fixtures/upsample.json, scripts/gen_upsample_fixtures.py), a plain reference, and
// properties.
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { PixelShuffle, PixelUnshuffle, Sequential, Upsample, interpolate, interpolationAxis, pixelShuffle, pixelUnshuffle, randn, type Requirements, type UpsampleOptions } from '../src/index.js';
import { collectRequirements } from '../src/shape/requirements.js';
import { pixelShuffleOutputShape, pixelUnshuffleOutputShape, resolveUpsampleOptions, upsampleOutputShape, upsampleShapeFromResolved } from '../src/shape/upsample.js';
import { ShapeError } from '../src/shape/shape-error.js';
import { Tensor } from '../src/tensor/tensor.js';
import { checkGradients } from './gradcheck.js';
import { expectClose } from './helpers.js';
import { referenceInterpolate } from './reference-upsample.js';

interface Result {
  shape: number[];
  values: number[];
}
interface InterpolateCase {
  input: number[];
  options: UpsampleOptions;
  output: Result;
  gradInput: number[];
}
interface ShuffleCase {
  op: 'pixelShuffle' | 'pixelUnshuffle';
  input: number[];
  factor: number;
  output: Result;
  gradInput: number[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/upsample.json', import.meta.url), 'utf8')) as {
  interpolate: InterpolateCase[];
  shuffle: ShuffleCase[];
  interpolateErrors: { input: number[]; options: UpsampleOptions; torch: string }[];
  shuffleErrors: { op: 'pixelShuffle' | 'pixelUnshuffle'; input: number[]; factor: number; torch: string }[];
};

const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
/** The generator's inputs and upstream gradients: float32(sin(0.7k + 0.3)), float32(cos(1.3k)). */
const inputOf = (shape: readonly number[]): Tensor => new Tensor(Float32Array.from({ length: numel(shape) }, (_, k) => Math.sin(0.7 * k + 0.3)), shape).requiresGrad_();
const gradOf = (shape: readonly number[]): Tensor => new Tensor(Float32Array.from({ length: numel(shape) }, (_, k) => Math.cos(1.3 * k)), shape);
const label = (c: { input: number[]; options?: unknown; factor?: number }): string => `${JSON.stringify(c.input)} ${JSON.stringify(c.options ?? c.factor)}`;

// the runtime functions called as plain JavaScript would (the type-level errors are in type-tests/)
const untypedInterpolate = interpolate as unknown as (x: Tensor, options: UpsampleOptions) => Tensor;
const untypedShuffle = { pixelShuffle, pixelUnshuffle } as unknown as Record<'pixelShuffle' | 'pixelUnshuffle', (x: Tensor, r: number) => Tensor>;
type AnyLayer = { forward(x: Tensor): Tensor; outputShape(shape: readonly number[]): number[] };
const UntypedUpsample = Upsample as unknown as new (options: UpsampleOptions) => AnyLayer;

/** Whether PyTorch's nearest backward indexes differently from its forward here (see upsampleForward). */
function torchGradientIsNotItsForwards(c: InterpolateCase): boolean {
  const mode = c.options.mode ?? 'nearest';
  if (mode === 'bilinear' || c.input[1] === 1 || c.options.scaleFactor === undefined || c.options.recomputeScaleFactor) return false;
  const scales = typeof c.options.scaleFactor === 'number' ? [c.options.scaleFactor, c.options.scaleFactor] : c.options.scaleFactor;
  return [0, 1].some((axis) => {
    const [input, output] = [c.input[2 + axis]!, c.output.shape[2 + axis]!];
    const forward = interpolationAxis(mode, input, output, scales[axis], false, true).index0;
    const backward = interpolationAxis(mode, input, output, scales[axis], false, false).index0;
    return forward.some((v, i) => v !== backward[i]);
  });
}
const divergent: string[] = [];

let maxForward = 0;
let maxGrad = 0;
function track(actual: Float32Array, expected: readonly number[], which: 'forward' | 'grad'): void {
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i]! - expected[i]!);
    if (which === 'forward') maxForward = Math.max(maxForward, d);
    else maxGrad = Math.max(maxGrad, d);
  }
}

describe('interpolate / Upsample against PyTorch 1.13', () => {
  it.each(fixture.interpolate.map((c) => [label(c), c] as const))('%s', (_, c) => {
    const x = inputOf(c.input);
    const y = untypedInterpolate(x, c.options);
    expect(y.shape).toEqual(c.output.shape);
    expect(upsampleShapeFromResolved(c.input, resolveUpsampleOptions('Upsample', c.options))).toEqual(c.output.shape);
    expectClose(y.data, c.output.values, 2e-6, 1e-6, 'forward');
    track(y.data, c.output.values, 'forward');
    y.backward(gradOf(c.output.shape));
    if (torchGradientIsNotItsForwards(c)) {
      // PyTorch 1.13's nearest backward uses nearest_idx's shortcuts where its forward (more than
      // one channel) does not: shapecheck's gradient is its forward's (the reference's)
      divergent.push(label(c));
      expect(Array.from(x.grad!.data)).not.toEqual(Array.from(Float32Array.from(c.gradInput)));
      const reference = referenceInterpolate(x.data, c.input, c.output.shape, c.options);
      expectClose(x.grad!.data, reference.backward(gradOf(c.output.shape).data), 1e-5, 1e-6, 'gradient');
    } else {
      expectClose(x.grad!.data, c.gradInput, 1e-5, 1e-6, 'gradient');
      track(x.grad!.data, c.gradInput, 'grad');
    }
    // the layer is the function
    const layer = new UntypedUpsample(c.options);
    expect(Array.from(layer.forward(inputOf(c.input)).data)).toEqual(Array.from(y.data));
    expect(layer.outputShape(c.input)).toEqual(c.output.shape);
  });

  it('reports the largest differences', () => {
    // recorded in the final report: float32 kernels against float32 torch
    expect(maxForward).toBeLessThan(2e-6);
    expect(maxGrad).toBeLessThan(1e-5);
    console.log(`upsample fixtures: gradients where PyTorch's backward is not its forward's: ${divergent.join('; ')}`);
    console.log(`upsample fixtures: max |forward - torch| = ${maxForward.toExponential(2)}, max |grad - torch| = ${maxGrad.toExponential(2)}`);
  });
});

describe('PixelShuffle / PixelUnshuffle against PyTorch 1.13', () => {
  it.each(fixture.shuffle.map((c) => [`${c.op} ${label(c)}`, c] as const))('%s', (_, c) => {
    const x = inputOf(c.input);
    const y = untypedShuffle[c.op](x, c.factor);
    expect(y.shape).toEqual(c.output.shape);
    expectClose(y.data, c.output.values, 1e-6, 0, "forward"); // a permutation: the fixture rounds to 7 digits
    y.backward(gradOf(c.output.shape));
    expectClose(x.grad!.data, c.gradInput, 1e-6, 0, "gradient");
    const Layer = (c.op === 'pixelShuffle' ? PixelShuffle : PixelUnshuffle) as unknown as new (options: object) => AnyLayer;
    const layer = new Layer(c.op === 'pixelShuffle' ? { upscaleFactor: c.factor } : { downscaleFactor: c.factor });
    expect(layer.outputShape(c.input)).toEqual(c.output.shape);
  });
});

/** The part of torch's message shapecheck's must contain (its words up to the first value). */
function phraseOf(torch: string): string {
  return torch.replace(/^\w+: /, '').split(/, but | \(position |\. Please/)[0]!;
}

describe("PyTorch's errors", () => {
  it.each(fixture.interpolateErrors.map((c) => [label(c), c] as const))('interpolate %s', (_, c) => {
    let error: unknown;
    try {
      untypedInterpolate(new Tensor(new Float32Array(numel(c.input)), c.input), c.options);
    } catch (e) {
      error = e;
    }
    expect(error, c.torch).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message.startsWith('interpolate: ')).toBe(true);
    // PyTorch reads a 3-D input as [N, C, L] (1-D interpolation) and checks size's length against
    // that; shapecheck interpolates 2-D only and reports the rank first
    if (c.input.length !== 4 && c.torch.includes('same number of spatial dimensions')) expect(message).toContain('expected a 4-D input [N, C, H, W]');
    else expect(message).toContain(phraseOf(c.torch));
    // the layer's constructor throws the options' errors, its forward the shapes'
    let layerError: unknown;
    try {
      new UntypedUpsample(c.options).forward(new Tensor(new Float32Array(numel(c.input)), c.input));
    } catch (e) {
      layerError = e;
    }
    expect((layerError as Error).message).toBe(message.replace(/^interpolate/, 'Upsample'));
  });

  it.each(fixture.shuffleErrors.map((c) => [`${c.op} ${label(c)}`, c] as const))('%s', (_, c) => {
    let error: unknown;
    try {
      untypedShuffle[c.op](new Tensor(new Float32Array(numel(c.input)), c.input), c.factor);
    } catch (e) {
      error = e;
    }
    expect(error, c.torch).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message.startsWith(`${c.op}: `)).toBe(true);
    if (c.torch.startsWith('TypeError')) {
      // PyTorch's argument parser: must be int, not float
      expect(error).toBeInstanceOf(TypeError);
      expect(message).toContain('must be a positive integer');
    } else expect(message).toContain(phraseOf(c.torch));
  });

  it('options checked by the constructors, naming the argument', () => {
    const Untyped = UntypedUpsample;
    expect(() => new Untyped({ size: 2, mode: 'bicubic' as 'nearest' })).toThrow("Upsample: mode must be 'nearest', 'nearest-exact' or 'bilinear', got 'bicubic'");
    expect(() => new Untyped({ size: 2.5 })).toThrow(TypeError);
    expect(() => new Untyped({ size: 2.5 })).toThrow('Upsample: size must be a positive integer, got 2.5');
    expect(() => new Untyped({ scaleFactor: Number.NaN })).toThrow('Upsample: scaleFactor must be a positive number, got NaN');
    expect(() => new Untyped({ scaleFactor: 2, mode: 'bilinear', alignCorners: 1 as unknown as boolean })).toThrow('Upsample: alignCorners must be a boolean, got 1');
    expect(() => new Untyped({ scaleFactor: [2] as unknown as number })).toThrow('Upsample: scaleFactor must be a number or a pair of numbers, got [2] (Input and scale_factor must have the same number of spatial dimensions)');
    expect(() => new (PixelShuffle as unknown as new (o: object) => object)({ upscaleFactor: '2' })).toThrow('PixelShuffle: upscaleFactor must be a positive integer, got 2');
    expect(() => new (PixelUnshuffle as unknown as new (o: object) => object)({ downscaleFactor: 0 })).toThrow(RangeError);
  });
});

describe('against a plain reference implementation (random sizes and options)', () => {
  const modes: UpsampleOptions[] = [{ mode: 'nearest' }, { mode: 'nearest-exact' }, { mode: 'bilinear' }, { mode: 'bilinear', alignCorners: true }];
  let seed = 12;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  it('200 random cases: forward and backward', () => {
    for (let t = 0; t < 200; t++) {
      const shape = [int(1, 2), int(1, 3), int(1, 9), int(1, 9)];
      const mode = modes[t % modes.length]!;
      const resize: UpsampleOptions =
        t % 3 === 0
          ? { size: [int(1, 12), int(1, 12)] }
          : t % 3 === 1
            ? { scaleFactor: [int(1, 4), int(1, 4)] }
            : { scaleFactor: [0.25 + Math.round(random() * 30) / 10, 0.25 + Math.round(random() * 30) / 10], recomputeScaleFactor: random() < 0.5 };
      const options = { ...mode, ...resize };
      let out: number[];
      try {
        out = upsampleShapeFromResolved(shape, resolveUpsampleOptions('interpolate', options));
      } catch (error) {
        expect(error).toBeInstanceOf(ShapeError); // a scale that empties a dim
        continue;
      }
      const x = randn(shape, { seed: t }).requiresGrad_();
      const y = untypedInterpolate(x, options);
      const g = randn(out, { seed: 1000 + t });
      const reference = referenceInterpolate(x.data, shape, out, options);
      expectClose(y.data, reference.forward, 1e-5, 1e-5, `forward ${JSON.stringify(shape)} ${JSON.stringify(options)}`);
      y.backward(g);
      expectClose(x.grad!.data, reference.backward(g.data), 1e-5, 1e-5, `backward ${JSON.stringify(shape)} ${JSON.stringify(options)}`);
    }
  });

  it('gradients against finite differences', () => {
    for (const options of [{ scaleFactor: 1.5, mode: 'bilinear' }, { size: [3, 5], mode: 'bilinear', alignCorners: true }, { scaleFactor: 2 }, { size: [2, 7], mode: 'nearest-exact' }] as UpsampleOptions[]) {
      checkGradients(JSON.stringify(options), (x) => untypedInterpolate(x, options), [randn([1, 2, 4, 3], { seed: 3 })]);
    }
    checkGradients('pixelShuffle', (x) => untypedShuffle.pixelShuffle(x, 2), [randn([2, 4, 2, 3], { seed: 4 })]);
    checkGradients('pixelUnshuffle', (x) => untypedShuffle.pixelUnshuffle(x, 2), [randn([1, 2, 4, 2], { seed: 5 })]);
  });

  it('properties: an integer scale is repetition; align corners keeps the corners; shuffle and unshuffle are inverses', () => {
    const x = randn([2, 3, 4, 5], { seed: 9 });
    const y = untypedInterpolate(x, { scaleFactor: [2, 3] });
    for (let p = 0; p < 6; p++) for (let h = 0; h < 8; h++) for (let w = 0; w < 15; w++) expect(y.data[p * 120 + h * 15 + w]).toBe(x.data[p * 20 + (h >> 1) * 5 + Math.floor(w / 3)]);
    const z = untypedInterpolate(x, { size: [7, 9], mode: 'bilinear', alignCorners: true });
    for (let p = 0; p < 6; p++) {
      expect(z.data[p * 63]).toBeCloseTo(x.data[p * 20]!, 6);
      expect(z.data[p * 63 + 62]).toBeCloseTo(x.data[p * 20 + 19]!, 6);
    }
    const s = randn([2, 12, 3, 5], { seed: 10 });
    expect(Array.from(untypedShuffle.pixelUnshuffle(untypedShuffle.pixelShuffle(s, 2), 2).data)).toEqual(Array.from(s.data));
    // every output takes weights summing to 1: the gradient's total is the upstream total
    const b = randn([1, 2, 5, 4], { seed: 11 }).requiresGrad_();
    const out = untypedInterpolate(b, { scaleFactor: 1.7, mode: 'bilinear' });
    out.backward(new Tensor(new Float32Array(out.data.length).fill(1), out.shape as number[]));
    expect(b.grad!.data.reduce((a, v) => a + v, 0)).toBeCloseTo(out.data.length, 3);
  });
});

describe('shapes on names', () => {
  it('scale factors on names: integer, binary fraction, inexact', () => {
    expect(upsampleShapeFromResolved(['batch', 3, 'H', '(W+1)//2'], resolveUpsampleOptions('Upsample', { scaleFactor: [1.5, 0.25] }))).toEqual(['batch', 3, '(3*H)//2', '(W+1)//8']);
    expect(upsampleShapeFromResolved(['b', 3, 'H', 'W'], resolveUpsampleOptions('Upsample', { scaleFactor: 2 }))).toEqual(['b', 3, '2*H', '2*W']);
    expect(upsampleShapeFromResolved(['b', 3, 'H', 'W'], resolveUpsampleOptions('Upsample', { scaleFactor: 0.3 }))).toEqual(['b', 3, undefined, undefined]);
    expect(upsampleOutputShape([1, 3, 16, 10], { scaleFactor: [2, 1.5] })).toEqual([1, 3, 32, 15]);
    // floor(double(in)·scale) as PyTorch: 100·0.29 is 28.999999999999996
    expect(upsampleOutputShape([1, 1, 100, 100], { scaleFactor: 0.29 })).toEqual([1, 1, 28, 28]);
  });

  it('PixelUnshuffle on names: a requirement where divisibility is not proved, an error where it is disproved', () => {
    const { result, requirements } = collectRequirements(() => pixelUnshuffleOutputShape(['b', 3, 'H', '2*W'], 2));
    expect(result).toEqual(['b', 12, 'H//2', 'W']);
    expect(requirements).toEqual(['2*(H//2) == H']);
    expect(() => pixelUnshuffleOutputShape(['b', 3, '2*H+1', 'W'], 2)).toThrow('PixelUnshuffle: pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=2*H+1 is not divisible by 2');
    expect(pixelShuffleOutputShape(['b', 12, 'H', 'W'], 2)).toEqual(['b', 3, '2*H', '2*W']);
  });

  it('in a model: the requirement is recorded and checked by forward; traces show the expressions', () => {
    const model = new Sequential(['batch', 3, 'H', 'W'])
      .add(new PixelUnshuffle({ downscaleFactor: 2 }))
      .add(new Upsample({ scaleFactor: 2, mode: 'bilinear' }))
      .add(new PixelShuffle({ upscaleFactor: 2 }));
    expect(model.requirements()).toEqual(['H >= 2', 'W >= 2', '2*(H//2) == H', '2*(W//2) == W']);
    expect(model.forward(randn([1, 3, 8, 6])).shape).toEqual([1, 3, 16, 12]);
    // @ts-expect-error the editor reports it too: 'Sequential: the input [1, 3, 7, 6] breaks the requirement 2*(H//2) == H (H = 7)'
    expect(() => model.forward(randn([1, 3, 7, 6]))).toThrow('breaks the requirement 2*(H//2) == H (H = 7)');
    expectTypeOf<Requirements<typeof model>>().toEqualTypeOf<['H >= 2', 'W >= 2', '2*(H//2) == H', '2*(W//2) == W']>();
  });
});
