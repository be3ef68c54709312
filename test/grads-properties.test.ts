// Finite-difference property tests for the gradients of conv2d, pad, pooling, batchNorm2d,
// dropout and cat on small random shapes and options (a seeded generator picks them; each test's
// name carries its parameters), and the rules of training mode (BatchNorm2d, Dropout).
import { describe, expect, it } from 'vitest';
import {
  BatchNorm2d,
  Conv2d,
  Dropout,
  Generator,
  Tensor,
  adaptiveAvgPool2d,
  avgPool2d,
  batchNorm2d,
  cat,
  dropout,
  maxPool2d,
  mul,
  ones,
  pad,
  randn,
  sum,
  tensor,
} from 'shapecheck';
import { checkGradients } from './gradcheck.js';

type Op = (...args: unknown[]) => Tensor;
const call = <F>(f: F): Op => f as unknown as Op;
const rng = new Generator(20261206);
const int = (lo: number, hi: number): number => lo + Math.floor(rng.uniform() * (hi - lo + 1));
const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)]!;
/** Values a finite difference cannot reorder: a shuffle of distinct multiples of 0.1. */
const distinct = (shape: number[]): Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => (i - n / 2) * 0.1);
  for (let i = n - 1; i > 0; i--) {
    const j = int(0, i);
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
  return new Tensor(Float32Array.from(values), shape);
};

describe('conv2d: ∂input, ∂weight, ∂bias against finite differences', () => {
  const cases = Array.from({ length: 14 }, () => {
    const groups = pick([1, 1, 2]);
    const mode = pick(['zeros', 'zeros', 'reflect', 'replicate', 'circular'] as const);
    const k = [int(1, 3), int(1, 3)] as const;
    const d = [int(1, 2), int(1, 2)] as const;
    const padding = pick([0, 1, [1, 0], 'same'] as const);
    const stride = padding === 'same' ? 1 : pick([1, 2, [2, 1]] as const);
    const shape = [int(1, 2), 2 * groups, int(6, 8), int(6, 8)];
    const options = { inChannels: 2 * groups, outChannels: 2 * groups, kernelSize: k, stride, padding, dilation: d, groups, paddingMode: mode, bias: rng.uniform() < 0.7 };
    return [`x=${JSON.stringify(shape)} ${JSON.stringify(options).replace(/"/g, '')}`, shape, options] as const;
  });
  it.each(cases)('%s', (_name, shape, options) => {
    const layer = new (Conv2d as unknown as new (o: object, init: object) => { weight: Tensor; bias: Tensor | null; forward(x: Tensor): Tensor })(options, { seed: 1 });
    const x = randn(shape, { seed: 2 });
    const inputs = layer.bias ? [x, layer.weight, layer.bias] : [x, layer.weight];
    // the layer's own parameters: forward reads them, so the perturbations reach it
    checkGradients('Conv2d', (input) => layer.forward(input!), inputs);
  });
});

describe('pad: every mode against finite differences', () => {
  it.each([
    ['constant', [1, 2], 0.5],
    ['constant', [-1, 1, 2, 0], 0],
    ['constant', [1, 0, 0, 1, 1, 1], 0],
    ['reflect', [2, 1, 0, 1], undefined],
    ['reflect', [1, 2, 2, 1], undefined],
    ['replicate', [3, 0, 1, 2], undefined],
    ['circular', [2, 1, 1, 3], undefined],
  ] as const)('pad x=[2,2,4,4] mode=%s pads=%j value=%s', (mode, pads, value) => {
    checkGradients('pad', (x) => (value === undefined ? call(pad)(x, pads, mode) : call(pad)(x, pads, mode, value)), [randn([2, 2, 4, 4], { seed: 3 })]);
  });
});

describe('pooling against finite differences', () => {
  const maxCases = Array.from({ length: 8 }, () => {
    const k = int(2, 3);
    const options = { kernelSize: k, stride: int(1, 2), padding: int(0, Math.floor(k / 2)), dilation: int(1, 2), ceilMode: rng.uniform() < 0.5 };
    return [JSON.stringify(options).replace(/"/g, ''), options] as const;
  });
  it.each(maxCases)('maxPool2d x=[1,2,7,6] %s', (_name, options) => {
    checkGradients('maxPool2d', (x) => call(maxPool2d)(x, options), [distinct([1, 2, 7, 6])]);
  });
  const avgCases = Array.from({ length: 8 }, () => {
    const k = int(2, 3);
    const options: Record<string, unknown> = { kernelSize: k, stride: int(1, 2), padding: int(0, Math.floor(k / 2)), ceilMode: rng.uniform() < 0.5, countIncludePad: rng.uniform() < 0.5 };
    if (rng.uniform() < 0.3) options.divisorOverride = int(1, 5);
    return [JSON.stringify(options).replace(/"/g, ''), options] as const;
  });
  it.each(avgCases)('avgPool2d x=[1,2,7,6] %s', (_name, options) => {
    checkGradients('avgPool2d', (x) => call(avgPool2d)(x, options), [randn([1, 2, 7, 6], { seed: 4 })]);
  });
  it.each([[1], [[3, 2]], [[null, 4]], [[5, 5]]] as const)('adaptiveAvgPool2d x=[2,2,5,7] outputSize=%j', (size) => {
    checkGradients('adaptiveAvgPool2d', (x) => call(adaptiveAvgPool2d)(x, size), [randn([2, 2, 5, 7], { seed: 5 })]);
  });
  it('maxPool2d: ties send the gradient to the first maximum, as PyTorch', () => {
    const x = tensor([[[[1, 1], [1, 1]]]]).requiresGrad_();
    sum(call(maxPool2d)(x, { kernelSize: 2 })).backward();
    expect(x.grad!.toArray()).toEqual([[[[1, 0], [0, 0]]]]);
  });
});

describe('batchNorm2d against finite differences', () => {
  it.each([
    [[4, 3, 2, 2], true],
    [[2, 2, 3, 3], true],
    [[3, 4, 2], true],
    [[2, 3, 2, 2], false],
  ] as const)('batchNorm2d x=%j training=%s: ∂input, ∂weight, ∂bias', (shape, training) => {
    const channels: number = shape[shape.length - 3]!;
    const stats = training ? [null, null] : [tensor([0.1, -0.2, 0.3].slice(0, channels)), tensor([0.5, 1.5, 2].slice(0, channels))];
    const x = new Tensor(randn([...shape], { seed: 6 }).data.map((v) => 2 * v + 1), [...shape] as number[]);
    const w = new Tensor(randn([channels], { seed: 7 }).data.map((v) => 1 + 0.5 * v), [channels]);
    const b = randn([channels], { seed: 8 });
    checkGradients('batchNorm2d', (input, weight, bias) => call(batchNorm2d)(input, stats[0], stats[1], weight, bias, 1e-5, { training }), [x, w, b]);
  });
});

describe('dropout and cat against finite differences', () => {
  it.each([0.2, 0.5, 0.9])('dropout p=%s x=[3,4] (one mask, from a fixed seed)', (p) => {
    checkGradients('dropout', (x) => dropout(x!, p, true, new Generator(9)), [randn([3, 4], { seed: 10 })]);
  });
  it.each([
    [[[2, 3], [1, 3]], 0],
    [[[2, 1, 3], [2, 2, 3], [2, 3, 3]], 1],
    [[[2, 2], [2, 3]], -1],
  ] as const)('cat shapes=%j dim=%i', (shapes, dim) => {
    checkGradients('cat', (...xs) => call(cat)(xs, dim), shapes.map((s, i) => randn([...s], { seed: 11 + i })));
  });
});

describe('training mode: BatchNorm2d and Dropout', () => {
  it('a new BatchNorm2d trains (as PyTorch); train() and eval() set the mode and return the layer', () => {
    const bn = new BatchNorm2d({ numFeatures: 2 });
    expect(bn.training).toBe(true);
    expect(bn.eval()).toBe(bn);
    expect(bn.training).toBe(false);
    expect(bn.train()).toBe(bn);
    expect(bn.training).toBe(true);
    expect(bn.weight.requiresGrad).toBe(true);
    expect(bn.runningMean.requiresGrad).toBe(false);
    expect(bn.numBatchesTracked.item()).toBe(0);
  });

  it('BatchNorm2d training: batch statistics, running statistics with momentum 0.1 and the unbiased variance, numBatchesTracked', () => {
    const bn = new BatchNorm2d({ numFeatures: 1, eps: 0 });
    const y = bn.forward(tensor([[[[1, 3]]], [[[5, 7]]]]));
    // mean 4, biased variance 5, unbiased 20/3
    expect(Array.from(y.data).map((v) => Math.round(v * 1e5) / 1e5)).toEqual([-3, -1, 1, 3].map((v) => Math.round((v / Math.sqrt(5)) * 1e5) / 1e5));
    expect(bn.runningMean.data[0]).toBeCloseTo(0.4, 6);
    expect(bn.runningVar.data[0]).toBeCloseTo(0.9 + 0.1 * (20 / 3), 6);
    expect(bn.numBatchesTracked.item()).toBe(1);
    bn.eval().forward(tensor([[[[1, 3]]]]));
    expect(bn.numBatchesTracked.item()).toBe(1);
  });

  it('BatchNorm2d momentum null: a cumulative moving average of the batch means', () => {
    const bn = new BatchNorm2d({ numFeatures: 1, momentum: null });
    bn.forward(tensor([[[[1, 3]]]]));
    bn.forward(tensor([[[[5, 7]]]]));
    bn.forward(tensor([[[[0, 0]]]]));
    expect(bn.runningMean.data[0]).toBeCloseTo((2 + 6 + 0) / 3, 6);
    expect(bn.numBatchesTracked.item()).toBe(3);
  });

  it('BatchNorm2d training with one value per channel: PyTorch\'s error', () => {
    expect(() => new BatchNorm2d({ numFeatures: 2 }).forward(ones([1, 2, 1, 1]))).toThrow(
      'BatchNorm2d: Expected more than 1 value per channel when training, got input size torch.Size([1, 2, 1, 1])',
    );
  });

  it('Dropout trains by default: zeros with probability p, the rest scaled by 1/(1 − p), the gradient through the same mask', () => {
    const layer = new Dropout({ p: 0.25, seed: 3 });
    expect(layer.training).toBe(true);
    const x = ones([2000], { requiresGrad: true });
    const y = layer.forward(x);
    const zeros = Array.from(y.data).filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(400);
    expect(zeros).toBeLessThan(600);
    expect(new Set(Array.from(y.data))).toEqual(new Set([0, Math.fround(1 / 0.75)]));
    sum(mul(y, ones([2000]))).backward();
    expect(Array.from(x.grad!.data)).toEqual(Array.from(y.data));
    // the same seed, the same mask; eval() is the identity
    expect(Array.from(new Dropout({ p: 0.25, seed: 3 }).forward(ones([2000])).data)).toEqual(Array.from(y.data));
    expect(Array.from(layer.eval().forward(tensor([1, 2])).data)).toEqual([1, 2]);
    expect(Array.from(new Dropout(1).forward(tensor([1, 2])).data)).toEqual([0, 0]);
  });
});
