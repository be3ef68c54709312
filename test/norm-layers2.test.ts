// LayerNorm, GroupNorm, InstanceNorm2d and BatchNorm1d (issue 12) against PyTorch 1.13
// (test/fixtures/norm2.json from scripts/gen_norm2_fixtures.py): forward, torch.autograd's
// gradients for input, weight and bias, running statistics after training steps and eval outputs,
// PyTorch's error messages; then property tests against a plain float64 reference and finite
// differences, and the rule that a forward that throws changes nothing.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BatchNorm1d,
  GroupNorm,
  InstanceNorm2d,
  LayerNorm,
  ShapeError,
  Tensor,
  batchNorm1d,
  groupNorm,
  instanceNorm,
  layerNorm,
  layerNormOutputShape,
  groupNormOutputShape,
  instanceNorm2dOutputShape,
  batchNorm1dOutputShape,
  randn,
} from 'shapecheck';
import { checkGradients } from './gradcheck.js';
import { expectClose, expectThrows } from './helpers.js';

interface Values {
  shape: number[];
  data: number[];
}
interface Case {
  name: string;
  options: Record<string, unknown>;
  training: boolean;
  initial: { weight: Values | null; bias: Values | null; runningMean: Values | null; runningVar: Values | null };
  inputs: Values[];
  output: Values;
  gradOutput: Values;
  gradInput: Values;
  gradWeight: Values | null;
  gradBias: Values | null;
  runningMean?: Values;
  runningVar?: Values;
  numBatchesTracked?: number;
  evalInput?: Values;
  evalOutput?: Values;
}
interface ErrorCase {
  op: 'LayerNorm' | 'GroupNorm' | 'InstanceNorm2d' | 'BatchNorm1d';
  shape?: number[];
  options: Record<string, unknown>;
  training?: boolean;
  torch: string;
}
interface Fixtures {
  torch: string;
  layerNorm: Case[];
  groupNorm: Case[];
  instanceNorm2d: Case[];
  batchNorm1d: Case[];
  errors: ErrorCase[];
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/norm2.json', import.meta.url), 'utf8')) as Fixtures;

/** What the tests need of any of the four layers. */
interface AnyNorm {
  kind: string;
  weight: Tensor | null;
  bias: Tensor | null;
  runningMean?: Tensor | null;
  runningVar?: Tensor | null;
  numBatchesTracked?: Tensor | null;
  training?: boolean;
  train?(mode?: boolean): AnyNorm;
  eval?(): AnyNorm;
  outputShape(shape: readonly number[]): number[];
  forward(x: Tensor): Tensor;
  stateDict(): Map<string, Tensor>;
}
const classes = { layerNorm: LayerNorm, groupNorm: GroupNorm, instanceNorm2d: InstanceNorm2d, batchNorm1d: BatchNorm1d } as const;
const make = (group: keyof typeof classes, options: Record<string, unknown>): AnyNorm =>
  new (classes[group] as unknown as new (o: Record<string, unknown>) => AnyNorm)(options);
const tensorOf = (v: Values): Tensor => new Tensor(Float32Array.from(v.data), v.shape);
const zerosOf = (shape: readonly number[]): Tensor => new Tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);

/** The largest |ours − torch's| per quantity, reported at the end. */
const worst: Record<string, number> = {};
const record = (what: string, actual: ArrayLike<number>, expected: ArrayLike<number>): void => {
  let max = worst[what] ?? 0;
  for (let i = 0; i < expected.length; i++) max = Math.max(max, Math.abs((actual[i] as number) - (expected[i] as number)));
  worst[what] = max;
};
const close = (what: string, actual: ArrayLike<number>, expected: Values, tolerance = 1e-4): void => {
  record(what, actual, expected.data);
  expectClose(actual, expected.data, tolerance, tolerance, what);
};
afterAll(() => {
  console.log(`max |error| against torch ${fixtures.torch}: ${Object.entries(worst).map(([k, v]) => `${k} ${v.toExponential(2)}`).join(', ')}`);
});

describe.each(['layerNorm', 'groupNorm', 'instanceNorm2d', 'batchNorm1d'] as const)('%s against PyTorch', (group) => {
  it.each(fixtures[group].map((c) => [c.name, c] as const))('%s: output, ∂input, ∂weight, ∂bias, running statistics, eval', (_name, c) => {
    const layer = make(group, c.options);
    if (c.initial.weight) layer.weight!.data.set(c.initial.weight.data);
    else expect(layer.weight).toBeNull();
    if (c.initial.bias) layer.bias!.data.set(c.initial.bias.data);
    else expect(layer.bias).toBeNull();
    if (c.initial.runningMean) layer.runningMean!.data.set(c.initial.runningMean.data);
    else expect(layer.runningMean ?? null).toBeNull();
    if (c.initial.runningVar) layer.runningVar!.data.set(c.initial.runningVar.data);
    layer.train?.(c.training);
    const inputs = c.inputs.map(tensorOf);
    for (const earlier of inputs.slice(0, -1)) layer.forward(earlier);
    const x = inputs[inputs.length - 1]!.requiresGrad_();
    const before = Array.from(x.data);
    const y = layer.forward(x);
    expect(y.shape).toEqual(c.output.shape);
    expect(layer.outputShape(c.output.shape)).toEqual(c.output.shape);
    expect(Array.from(x.data)).toEqual(before);
    close(`${group} output`, y.data, c.output);
    y.backward(tensorOf(c.gradOutput));
    close(`${group} ∂input`, x.grad!.data, c.gradInput, 2e-4);
    if (c.gradWeight) close(`${group} ∂weight`, layer.weight!.grad!.data, c.gradWeight, 2e-4);
    if (c.gradBias) close(`${group} ∂bias`, layer.bias!.grad!.data, c.gradBias, 2e-4);
    if (c.runningMean) {
      close(`${group} running stats`, layer.runningMean!.data, c.runningMean);
      close(`${group} running stats`, layer.runningVar!.data, c.runningVar!);
      expect(layer.numBatchesTracked!.item()).toBe(c.numBatchesTracked);
      layer.eval!();
      close(`${group} eval output`, layer.forward(tensorOf(c.evalInput!)).data, c.evalOutput!);
    }
  });
});

describe('the functional ops against PyTorch', () => {
  it.each(fixtures.layerNorm.map((c) => [c.name, c] as const))('layerNorm %s', (_name, c) => {
    const w = c.initial.weight ? tensorOf(c.initial.weight) : null;
    const b = c.initial.bias ? tensorOf(c.initial.bias) : null;
    const call = layerNorm as unknown as (x: Tensor, s: unknown, w: Tensor | null, b: Tensor | null, eps: number) => Tensor;
    close('layerNorm output', call(tensorOf(c.inputs[0]!), c.options.normalizedShape, w, b, (c.options.eps as number) ?? 1e-5).data, c.output);
  });
  it.each(fixtures.groupNorm.map((c) => [c.name, c] as const))('groupNorm %s', (_name, c) => {
    const w = c.initial.weight ? tensorOf(c.initial.weight) : null;
    const b = c.initial.bias ? tensorOf(c.initial.bias) : null;
    const call = groupNorm as unknown as (x: Tensor, g: unknown, w: Tensor | null, b: Tensor | null, eps: number) => Tensor;
    close('groupNorm output', call(tensorOf(c.inputs[0]!), c.options.numGroups, w, b, (c.options.eps as number) ?? 1e-5).data, c.output);
  });
  it.each(fixtures.batchNorm1d.filter((c) => c.inputs.length === 1 && c.options.trackRunningStats !== false).map((c) => [c.name, c] as const))('batchNorm1d %s', (_name, c) => {
    const v = (x: Values | null): Tensor | null => (x ? tensorOf(x) : null);
    const mean = v(c.initial.runningMean);
    const variance = v(c.initial.runningVar);
    const call = batchNorm1d as unknown as (...args: unknown[]) => Tensor;
    const y = call(tensorOf(c.inputs[0]!), mean, variance, v(c.initial.weight), v(c.initial.bias), (c.options.eps as number) ?? 1e-5, { training: c.training, momentum: (c.options.momentum as number) ?? 0.1 });
    close('batchNorm1d output', y.data, c.output);
    if (c.runningMean) close('batchNorm1d running stats', mean!.data, c.runningMean);
  });
  it.each(fixtures.instanceNorm2d.filter((c) => c.inputs.length === 1 && c.training).map((c) => [c.name, c] as const))('instanceNorm %s', (_name, c) => {
    const v = (x: Values | null): Tensor | null => (x ? tensorOf(x) : null);
    const mean = v(c.initial.runningMean);
    const call = instanceNorm as unknown as (...args: unknown[]) => Tensor;
    const y = call(tensorOf(c.inputs[0]!), mean, v(c.initial.runningVar), v(c.initial.weight), v(c.initial.bias), (c.options.eps as number) ?? 1e-5, { momentum: (c.options.momentum as number) ?? 0.1 });
    close('instanceNorm output', y.data, c.output);
  });
});

describe('errors PyTorch rejects, in its words', () => {
  const messageOf = (f: () => unknown): { error: Error | undefined } => {
    try {
      f();
      return { error: undefined };
    } catch (error) {
      return { error: error as Error };
    }
  };
  it.each(fixtures.errors.map((c) => [JSON.stringify(c.shape ?? null) + ' ' + JSON.stringify(c.options) + ' ' + c.op, c] as const))('%s', (_name, c) => {
    if (c.shape === undefined) {
      // a constructor's check
      const { error } = messageOf(() => make(c.op === 'LayerNorm' ? 'layerNorm' : 'groupNorm', c.options));
      expect(error).toBeInstanceOf(RangeError);
      expect(error!.message).toMatch(new RegExp(`^${c.op}: `));
      expect(error!.message).toContain(`(${c.torch})`);
      return;
    }
    const group = ({ LayerNorm: 'layerNorm', GroupNorm: 'groupNorm', InstanceNorm2d: 'instanceNorm2d', BatchNorm1d: 'batchNorm1d' } as const)[c.op];
    const layer = make(group, c.options);
    if (c.training !== undefined) layer.train!(c.training);
    const { error } = messageOf(() => layer.forward(zerosOf(c.shape!)));
    expect(error, 'forward throws').toBeInstanceOf(Error);
    expect(error!.message).toMatch(new RegExp(`^${c.op}: `));
    // PyTorch's phrase: 1.13's, or PyTorch 2's where 1.13 fails deeper inside (its reshaped
    // instance norm's "weight should contain 8 elements not 6"; group norm's input.size(1) on a 1-D input)
    if (c.op === 'InstanceNorm2d' && /should contain/.test(c.torch)) {
      expect(error!.message).toContain("(expected input's size at dim=1 to match num_features (3), but got: 4.)");
    } else if (c.op === 'GroupNorm' && /Dimension out of range/.test(c.torch)) {
      expect(error!.message).toContain('(Expected at least 2 dimensions for input tensor but received 1)');
    } else if (c.op === 'LayerNorm') {
      expect(error!.message).toBe(`LayerNorm: ${c.torch}`);
    } else {
      expect(error!.message).toContain(c.torch);
    }
    // a shape error is the shape rule's too, and the runtime twin throws the same words
    if (error instanceof ShapeError) {
      expect(() => layer.outputShape(c.shape!)).toThrow(error.message);
    } else {
      expect(layer.outputShape(c.shape!)).toEqual(c.shape);
    }
  });

  it('GroupNorm, InstanceNorm2d and BatchNorm1d without weights or running statistics accept other channels, as PyTorch', () => {
    expect(make('groupNorm', { numGroups: 2, numChannels: 4, affine: false }).forward(randn([2, 6, 3])).shape).toEqual([2, 6, 3]);
    expect(make('instanceNorm2d', { numFeatures: 3 }).forward(randn([2, 5, 2, 2])).shape).toEqual([2, 5, 2, 2]);
    expect(make('batchNorm1d', { numFeatures: 3, affine: false, trackRunningStats: false }).forward(randn([2, 5])).shape).toEqual([2, 5]);
  });

  it('options are checked in the constructor, naming the option', () => {
    expectThrows(() => make('layerNorm', { normalizedShape: [4, -1] }), RangeError, 'LayerNorm: normalizedShape must be a non-negative integer, got -1');
    expectThrows(() => make('layerNorm', { normalizedShape: 4, eps: -1 }), RangeError, 'LayerNorm: eps must be a non-negative number, got -1');
    expectThrows(() => make('layerNorm', { normalizedShape: 4, bias: 'no' }), TypeError, "LayerNorm: bias must be a boolean, got 'no'");
    expectThrows(() => make('groupNorm', { numGroups: 0, numChannels: 4 }), RangeError, 'GroupNorm: numGroups must be a positive integer, got 0');
    expectThrows(() => make('groupNorm', { numGroups: 2, numChannels: 2.5 }), TypeError, 'GroupNorm: numChannels must be a positive integer, got 2.5');
    expectThrows(() => make('instanceNorm2d', { numFeatures: 0 }), RangeError, 'InstanceNorm2d: numFeatures must be a positive integer, got 0');
    expectThrows(() => make('instanceNorm2d', { numFeatures: 3, momentum: 'x' }), TypeError, "InstanceNorm2d: momentum must be a finite number or null, got 'x'");
    expectThrows(() => make('batchNorm1d', { numFeatures: 3, eps: -0.5 }), RangeError, 'BatchNorm1d: eps must be a non-negative number, got -0.5');
    expectThrows(() => make('batchNorm1d', { numFeatures: 3, affine: 1 }), TypeError, 'BatchNorm1d: affine must be a boolean, got 1');
  });
});

describe('state dicts, modes and parameters as PyTorch', () => {
  it('keys', () => {
    expect([...make('layerNorm', { normalizedShape: [2, 3] }).stateDict().keys()]).toEqual(['weight', 'bias']);
    expect([...make('layerNorm', { normalizedShape: 3, bias: false }).stateDict().keys()]).toEqual(['weight']);
    expect([...make('layerNorm', { normalizedShape: 3, elementwiseAffine: false }).stateDict().keys()]).toEqual([]);
    expect([...make('groupNorm', { numGroups: 1, numChannels: 3 }).stateDict().keys()]).toEqual(['weight', 'bias']);
    expect([...make('instanceNorm2d', { numFeatures: 3 }).stateDict().keys()]).toEqual([]);
    expect([...make('instanceNorm2d', { numFeatures: 3, affine: true, trackRunningStats: true }).stateDict().keys()]).toEqual(['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']);
    expect([...make('batchNorm1d', { numFeatures: 3 }).stateDict().keys()]).toEqual(['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']);
  });
  it('parameter shapes and starting values', () => {
    const ln = make('layerNorm', { normalizedShape: [2, 3] });
    expect(ln.weight!.shape).toEqual([2, 3]);
    expect(Array.from(ln.weight!.data)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(ln.bias!.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(ln.weight!.requiresGrad).toBe(true);
    const inorm = make('instanceNorm2d', { numFeatures: 2, trackRunningStats: true });
    expect(inorm.weight).toBeNull();
    expect(Array.from(inorm.runningVar!.data)).toEqual([1, 1]);
  });
  it('InstanceNorm2d with running statistics: training updates them, eval uses them; num_batches_tracked stays 0', () => {
    const layer = make('instanceNorm2d', { numFeatures: 2, trackRunningStats: true, eps: 0 });
    layer.forward(randn([2, 2, 3, 3], { seed: 1 }));
    expect(Array.from(layer.runningMean!.data)).not.toEqual([0, 0]);
    expect(layer.numBatchesTracked!.item()).toBe(0);
    layer.runningMean!.data.set([1, 2]);
    layer.runningVar!.data.set([4, 1]);
    layer.eval!();
    const x = new Tensor(Float32Array.from([3, 5, 3, 5]), [2, 1, 2]);
    expect(Array.from(layer.forward(x).data)).toEqual([1, 2, 1, 3]);
  });
});

describe('a forward that throws changes nothing', () => {
  it('InstanceNorm2d: one spatial element in training', () => {
    const layer = make('instanceNorm2d', { numFeatures: 2, trackRunningStats: true });
    expect(() => layer.forward(zerosOf([2, 2, 1, 1]))).toThrow(RangeError);
    expect(Array.from(layer.runningMean!.data)).toEqual([0, 0]);
    expect(Array.from(layer.runningVar!.data)).toEqual([1, 1]);
  });
  it('BatchNorm1d: one value per channel in training, and other channels', () => {
    const layer = make('batchNorm1d', { numFeatures: 3, momentum: null });
    expect(() => layer.forward(zerosOf([1, 3]))).toThrow(RangeError);
    expect(() => layer.forward(zerosOf([4, 2]))).toThrow(ShapeError);
    expect(layer.numBatchesTracked!.item()).toBe(0);
    expect(Array.from(layer.runningMean!.data)).toEqual([0, 0, 0]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: a plain float64 reference and finite differences

/** Reference: normalise x (flat, float64) in rows of `rowSize`, affine index ⌊e/stride⌋ mod count. */
function reference(x: ArrayLike<number>, rowSize: number, eps: number, w: ArrayLike<number> | null, b: ArrayLike<number> | null, stride: number, count: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < x.length; start += rowSize) {
    const row = Array.from({ length: rowSize }, (_, i) => x[start + i] as number);
    const mean = row.reduce((a, v) => a + v, 0) / rowSize;
    const variance = row.reduce((a, v) => a + (v - mean) ** 2, 0) / rowSize;
    row.forEach((v, i) => {
      const k = Math.floor((start + i) / stride) % count;
      out.push(((v - mean) / Math.sqrt(variance + eps)) * (w ? (w[k] as number) : 1) + (b ? (b[k] as number) : 0));
    });
  }
  return out;
}

describe('properties', () => {
  const dims = fc.integer({ min: 1, max: 4 });
  it('layerNorm equals the reference, for any trailing dims and offset (stable at large means)', () => {
    fc.assert(
      fc.property(fc.array(dims, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1e4, noNaN: true }), (shape, k, seed, offset) => {
        const normalized = shape.slice(-k);
        const x = randn(shape, { seed });
        x.data.forEach((v, i) => (x.data[i] = v + offset));
        const size = normalized.reduce((a, b) => a * b, 1);
        const w = randn(normalized, { seed: seed + 1 });
        const b = randn(normalized, { seed: seed + 2 });
        const call = layerNorm as unknown as (x: Tensor, s: number[], w: Tensor, b: Tensor, eps: number) => Tensor;
        const y = call(x, normalized, w, b, 1e-5);
        // float32 inputs at a large offset keep few bits of their deviation: compare with the
        // reference on the same float32 values
        expectClose(y.data, reference(x.data, size, 1e-5, w.data, b.data, 1, size), 1e-3, 1e-3, 'layerNorm');
      }),
      { numRuns: 60, seed: 12 },
    );
  });
  it('groupNorm and instanceNorm equal the reference', () => {
    fc.assert(
      fc.property(dims, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), dims, dims, fc.integer({ min: 0, max: 1000 }), (n, groups, perGroup, h, w, seed) => {
        const c = groups * perGroup;
        const x = randn([n, c, h, w], { seed });
        const weight = randn([c], { seed: seed + 1 });
        const bias = randn([c], { seed: seed + 2 });
        const gcall = groupNorm as unknown as (x: Tensor, g: number, w: Tensor, b: Tensor, eps: number) => Tensor;
        if ((n * c * h * w) / groups > 1) expectClose(gcall(x, groups, weight, bias, 1e-5).data, reference(x.data, perGroup * h * w, 1e-5, weight.data, bias.data, h * w, c), 1e-4, 1e-4, 'groupNorm');
        const icall = instanceNorm as unknown as (x: Tensor, m: null, v: null, w: Tensor, b: Tensor, eps: number) => Tensor;
        if (h * w > 1) expectClose(icall(x, null, null, weight, bias, 1e-5).data, reference(x.data, h * w, 1e-5, weight.data, bias.data, h * w, c), 1e-4, 1e-4, 'instanceNorm');
      }),
      { numRuns: 60, seed: 13 },
    );
  });
  it('gradients equal finite differences', () => {
    const w = (shape: number[], seed: number): Tensor => {
      const t = randn(shape, { seed });
      t.data.forEach((v, i) => (t.data[i] = 1 + 0.3 * v));
      return t;
    };
    checkGradients('layerNorm', (x, g, b) => (layerNorm as unknown as (...a: unknown[]) => Tensor)(x, [2, 3], g, b), [randn([2, 2, 3], { seed: 3 }), w([2, 3], 4), randn([2, 3], { seed: 5 })]);
    checkGradients('groupNorm', (x, g, b) => (groupNorm as unknown as (...a: unknown[]) => Tensor)(x, 2, g, b), [randn([2, 4, 3], { seed: 6 }), w([4], 7), randn([4], { seed: 8 })]);
    checkGradients('instanceNorm', (x, g, b) => (instanceNorm as unknown as (...a: unknown[]) => Tensor)(x, null, null, g, b), [randn([2, 2, 2, 3], { seed: 9 }), w([2], 10), randn([2], { seed: 11 })]);
    checkGradients('batchNorm1d', (x, g, b) => (batchNorm1d as unknown as (...a: unknown[]) => Tensor)(x, null, null, g, b, 1e-5, { training: true }), [randn([4, 3, 2], { seed: 12 }), w([3], 13), randn([3], { seed: 14 })]);
  });
  it('the runtime rules keep names and compare them with the symbolic engine', () => {
    expect(layerNormOutputShape(['batch', 'T', 64], 64)).toEqual(['batch', 'T', 64]);
    expect(() => layerNormOutputShape(['batch', 'T'], 64)).toThrow('LayerNorm: Given normalized_shape=[64], expected input with shape [*, 64], but got input of size[batch, T]');
    expect(groupNormOutputShape(['batch', 'C', 'H'], 4, null)).toEqual(['batch', 'C', 'H']);
    expect(() => groupNormOutputShape(['batch', 'C', 'H'], 4, 8)).toThrow(ShapeError);
    expect(instanceNorm2dOutputShape(['C', 'H', 'W'], null)).toEqual(['C', 'H', 'W']);
    expect(batchNorm1dOutputShape(['batch', 16, 'L'], 16)).toEqual(['batch', 16, 'L']);
  });
});
