import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AdaptiveAvgPool2d, BatchNorm2d, Dropout, type BatchNorm2dOptions } from '../src/nn/norm.js';
import { ShapePreserving } from '../src/nn/linear.js';
import { adaptiveAvgPool2d, batchNorm2d } from '../src/ops/norm.js';
import { adaptiveAvgPool2dOutputShape, batchNorm2dOutputShape, type AdaptiveOutputSize } from '../src/shape/norm.js';
import { ShapeError } from '../src/shape/shape-error.js';
import { Tensor } from '../src/tensor/tensor.js';
import { expectClose, expectThrows } from './helpers.js';

interface Values {
  shape: number[];
  data: number[];
}
interface Fixtures {
  torch: string;
  batchNorm: {
    name: string;
    numFeatures: number;
    eps: number;
    affine: boolean;
    trackRunningStats: boolean;
    input: Values;
    runningMean: number[] | null;
    runningVar: number[] | null;
    weight: number[] | null;
    bias: number[] | null;
    output: Values;
  }[];
  adaptiveAvgPool: { input: Values; outputSize: number | [number | null, number | null]; output: Values }[];
  dropout: { input: number[]; p: number[] };
  errors: (
    | { op: 'BatchNorm2d'; shape: number[]; numFeatures: number; affine: boolean; trackRunningStats: boolean; torch: string }
    | { op: 'AdaptiveAvgPool2d'; shape: number[]; outputSize: number | [number, number]; torch: string }
    | { op: 'Dropout'; p: number; torch: string }
  )[];
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/norm.json', import.meta.url), 'utf8')) as Fixtures;

type AnyBatchNorm = {
  weight: Tensor | null;
  bias: Tensor | null;
  runningMean: Tensor | null;
  runningVar: Tensor | null;
  outputShape(s: readonly number[]): number[];
  forward(x: Tensor): Tensor;
  eval(): AnyBatchNorm;
};
const makeBatchNorm = (options: BatchNorm2dOptions): AnyBatchNorm => new (BatchNorm2d as unknown as new (o: BatchNorm2dOptions) => AnyBatchNorm)(options);
type AnyAdaptive = { outputShape(s: readonly number[]): number[]; forward(x: Tensor): Tensor };
const makeAdaptive = (outputSize: unknown): AnyAdaptive =>
  new (AdaptiveAvgPool2d as unknown as new (o: { outputSize: unknown }) => AnyAdaptive)({ outputSize });
const tensorOf = (v: Values): Tensor => new Tensor(Float32Array.from(v.data), v.shape);
const zerosOf = (shape: number[]): Tensor => new Tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);
const callBatchNorm = batchNorm2d as unknown as (x: Tensor, m: Tensor | null, v: Tensor | null, w: Tensor | null, b: Tensor | null, eps: number) => Tensor;
const callAdaptive = adaptiveAvgPool2d as unknown as (x: Tensor, size: unknown) => Tensor;
const vector = (values: number[] | null): Tensor | null => (values === null ? null : new Tensor(Float32Array.from(values), [values.length]));

describe('nn.BatchNorm2d (eval) against PyTorch', () => {
  it.each(fixtures.batchNorm.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // eval mode: the fixtures are PyTorch's inference (a new layer trains, as PyTorch's)
    const layer = makeBatchNorm({ numFeatures: c.numFeatures, eps: c.eps, affine: c.affine, trackRunningStats: c.trackRunningStats }).eval();
    if (c.runningMean) layer.runningMean!.data.set(c.runningMean);
    else expect(layer.runningMean).toBeNull();
    if (c.runningVar) layer.runningVar!.data.set(c.runningVar);
    else expect(layer.runningVar).toBeNull();
    if (c.weight) layer.weight!.data.set(c.weight);
    else expect(layer.weight).toBeNull();
    if (c.bias) layer.bias!.data.set(c.bias);
    else expect(layer.bias).toBeNull();
    const x = tensorOf(c.input);
    const before = Array.from(x.data);
    const y = layer.forward(x);
    expect(y.shape).toEqual(c.output.shape);
    expect(layer.outputShape(c.input.shape)).toEqual(c.output.shape);
    expectClose(y.data, c.output.data, 1e-5, 1e-5, 'output');
    expect(Array.from(x.data)).toEqual(before);
    const f = callBatchNorm(x, vector(c.runningMean), vector(c.runningVar), vector(c.weight), vector(c.bias), c.eps);
    expectClose(f.data, c.output.data, 1e-5, 1e-5, 'functional output');
  });

  it('starts with PyTorch parameters: weight ones, bias zeros, running mean zeros, running var ones', () => {
    const bn = new BatchNorm2d({ numFeatures: 3 });
    expect(bn.kind).toBe('BatchNorm2d');
    expect(Array.from(bn.weight.data)).toEqual([1, 1, 1]);
    expect(Array.from(bn.bias.data)).toEqual([0, 0, 0]);
    expect(Array.from(bn.runningMean.data)).toEqual([0, 0, 0]);
    expect(Array.from(bn.runningVar.data)).toEqual([1, 1, 1]);
    expect(bn.eps).toBe(1e-5);
    expect(bn.momentum).toBe(0.1);
    expect(new BatchNorm2d({ numFeatures: 3, affine: false }).weight).toBeNull();
  });

  it('rejects a bad numFeatures', () => {
    expectThrows(() => makeBatchNorm({ numFeatures: 0 }), RangeError, 'BatchNorm2d: numFeatures must be a positive integer, got 0');
    expectThrows(() => makeBatchNorm({ numFeatures: 1.5 }), TypeError, 'BatchNorm2d: numFeatures must be a positive integer, got 1.5');
  });
});

describe('nn.AdaptiveAvgPool2d against PyTorch', () => {
  it.each(fixtures.adaptiveAvgPool.map((c) => [`x=${JSON.stringify(c.input.shape)} outputSize=${JSON.stringify(c.outputSize)}`, c] as const))(
    '%s',
    (_name, c) => {
      const layer = makeAdaptive(c.outputSize);
      const y = layer.forward(tensorOf(c.input));
      expect(y.shape).toEqual(c.output.shape);
      expect(layer.outputShape(c.input.shape)).toEqual(c.output.shape);
      expect(adaptiveAvgPool2dOutputShape(c.input.shape, c.outputSize as AdaptiveOutputSize)).toEqual(c.output.shape);
      expectClose(y.data, c.output.data, 1e-5, 1e-5, 'output');
      expectClose(callAdaptive(tensorOf(c.input), c.outputSize).data, c.output.data, 1e-5, 1e-5, 'functional output');
    },
  );
});

describe('nn.Dropout (eval) against PyTorch', () => {
  it.each(fixtures.dropout.p)('p=%s is the identity and returns a copy', (p) => {
    const x = new Tensor(Float32Array.from(fixtures.dropout.input), [fixtures.dropout.input.length]);
    const layer = new Dropout(p).eval();
    const y = layer.forward(x);
    expect(layer.kind).toBe('Dropout');
    expect(layer).toBeInstanceOf(ShapePreserving);
    expect(y.shape).toEqual(x.shape);
    expect(Array.from(y.data)).toEqual(Array.from(x.data));
    expect(y.data).not.toBe(x.data);
    expect(layer.outputShape([2, 3])).toEqual([2, 3]);
  });
  it('defaults p to 0.5', () => expect(new Dropout().p).toBe(0.5));
});

describe('errors PyTorch rejects', () => {
  it.each(fixtures.errors.map((c) => [JSON.stringify(c), c] as const))('%s', (_name, c) => {
    if (c.op === 'BatchNorm2d') {
      const layer = makeBatchNorm({ numFeatures: c.numFeatures, affine: c.affine, trackRunningStats: c.trackRunningStats });
      let message = '';
      expect(() => layer.forward(zerosOf(c.shape))).toThrow(ShapeError);
      expect(() => layer.outputShape(c.shape)).toThrow(ShapeError);
      try {
        layer.outputShape(c.shape);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(`(${c.torch})`);
    } else if (c.op === 'AdaptiveAvgPool2d') {
      if (JSON.stringify(c.outputSize).includes('-')) {
        expect(() => makeAdaptive(c.outputSize)).toThrow(RangeError);
        expect(() => callAdaptive(zerosOf(c.shape), c.outputSize)).toThrow(RangeError);
      } else {
        const layer = makeAdaptive(c.outputSize);
        expectThrows(() => layer.forward(zerosOf(c.shape)), ShapeError, c.torch.replace(/^adaptive_avg_pool2d\(\): /, 'AdaptiveAvgPool2d: '));
        expect(() => layer.outputShape(c.shape)).toThrow(ShapeError);
      }
    } else {
      expectThrows(() => new Dropout(c.p), RangeError, `Dropout: p must be between 0 and 1, got ${c.p} (${c.torch})`);
    }
  });

  it('BatchNorm2d names the input, numFeatures and the channels found', () => {
    expectThrows(
      () => makeBatchNorm({ numFeatures: 4 }).forward(zerosOf([1, 3, 8, 8])),
      ShapeError,
      'BatchNorm2d: expected input[1, 3, 8, 8] to have 4 channels (numFeatures), got 3 (running_mean should contain 3 elements not 4)',
    );
    expectThrows(
      () => batchNorm2dOutputShape([8, 8], 4),
      ShapeError,
      'BatchNorm2d: expected 3D or 4D input, got input of size: [8, 8] (expected 4D input (got 2D input))',
    );
    expectThrows(
      () => makeBatchNorm({ numFeatures: 4, trackRunningStats: false }).forward(zerosOf([1, 3, 8, 8])),
      ShapeError,
      'BatchNorm2d: expected input[1, 3, 8, 8] to have 4 channels (numFeatures), got 3 (weight should contain 3 elements not 4)',
    );
  });

  it('BatchNorm2d without weights or running statistics accepts any channel count, as PyTorch', () => {
    const layer = makeBatchNorm({ numFeatures: 4, affine: false, trackRunningStats: false });
    expect(layer.forward(zerosOf([2, 3, 2, 2])).shape).toEqual([2, 3, 2, 2]);
  });

  it('AdaptiveAvgPool2d rejects a bad outputSize with one message', () => {
    expectThrows(() => makeAdaptive(-1), RangeError, 'AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got -1 (adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0)');
    expectThrows(() => makeAdaptive([2, 1.5]), TypeError, 'AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got 1.5 (adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0)');
    expectThrows(() => makeAdaptive(null), TypeError, 'AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got null (adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0)');
    expectThrows(() => makeAdaptive([1, 2, 3]), TypeError, 'AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got [1, 2, 3] (adaptive_avg_pool2d: output_size must be 2)');
  });
});
