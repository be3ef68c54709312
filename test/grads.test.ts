// Gradients of conv2d, pad, pooling, batchNorm2d and cat against PyTorch's autograd
// (test/fixtures/grads.json, from /usr/bin/python3 scripts/gen_grad_fixtures.py): each case runs
// the op on torch's inputs, `output.backward(gradOutput)`, and compares the output and every
// input's `.grad` (BatchNorm2d also its running statistics after the steps).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  BatchNorm2d,
  Conv2d,
  MaxPool2d,
  Tensor,
  adaptiveAvgPool2d,
  avgPool2d,
  batchNorm2d,
  cat,
  conv2d,
  maxPool2d,
  pad,
} from 'shapecheck';
import { expectClose } from './helpers.js';

interface Values {
  shape: number[];
  data: number[];
}
type Options = Record<string, unknown>;
interface GradCase {
  name: string;
  input: Values;
  output: Values;
  gradOutput: Values;
  gradInput: Values;
}
interface Fixtures {
  torch: string;
  cases: {
    conv2d: (GradCase & { options: Options; weight: Values; bias: Values | null; gradWeight: Values; gradBias: Values | null })[];
    pad: (GradCase & { pad: number[]; mode: string; value?: number })[];
    maxPool2d: (GradCase & { options: Options })[];
    avgPool2d: (GradCase & { options: Options })[];
    adaptiveAvgPool2d: (GradCase & { outputSize: unknown })[];
    batchNorm2d: {
      name: string;
      options: Options & { numFeatures: number; momentum?: number | null; eps?: number };
      training: boolean;
      initial: { weight: Values | null; bias: Values | null; runningMean: Values | null; runningVar: Values | null };
      inputs: Values[];
      output: Values;
      gradOutput: Values;
      gradInput: Values;
      gradWeight: Values | null;
      gradBias: Values | null;
      runningMean: Values | null;
      runningVar: Values | null;
      numBatchesTracked: number | null;
    }[];
    cat: { name: string; dim: number; inputs: Values[]; output: Values; gradOutput: Values; gradInputs: (Values | null)[] }[];
  };
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/grads.json', import.meta.url), 'utf8')) as Fixtures;

const tensorOf = (v: Values, requiresGrad = false): Tensor => new Tensor(Float32Array.from(v.data), v.shape).requiresGrad_(requiresGrad);
const named = <C extends { name: string }>(cases: C[]): (readonly [string, C])[] => cases.map((c) => [c.name, c] as const);
type Op = (...args: unknown[]) => Tensor;
const call = <F>(f: F): Op => f as unknown as Op;
type AnyLayer = { forward(x: Tensor): Tensor; weight: Tensor | null; bias: Tensor | null };
const TOL = 1e-4;

/** Runs `output.backward(gradOutput)` and checks the output and `grads` against torch's. */
function checkBackward(output: Tensor, c: { output: Values; gradOutput: Values }, grads: [string, Tensor | null | undefined, Values | null][]): void {
  expect(output.shape).toEqual(c.output.shape);
  expectClose(output.data, c.output.data, TOL, TOL, 'output');
  output.backward(tensorOf(c.gradOutput));
  for (const [what, tensor, expected] of grads) {
    if (expected === null) {
      expect(tensor?.grad ?? null, `${what} has no gradient`).toBeNull();
      continue;
    }
    expect(tensor?.grad, `${what} has a gradient`).toBeTruthy();
    expect(tensor!.grad!.shape).toEqual(expected.shape);
    expectClose(tensor!.grad!.data, expected.data, TOL, TOL, what);
  }
}

describe(`conv2d against torch.autograd (torch ${fixtures.torch})`, () => {
  it.each(named(fixtures.cases.conv2d))('Conv2d %s: ∂input, ∂weight, ∂bias', (_name, c) => {
    const layer = new (Conv2d as unknown as new (o: Options) => AnyLayer)(c.options);
    layer.weight!.data.set(c.weight.data);
    if (c.bias) layer.bias!.data.set(c.bias.data);
    else expect(layer.bias).toBeNull();
    expect(layer.weight!.requiresGrad).toBe(true);
    const x = tensorOf(c.input, true);
    checkBackward(layer.forward(x), c, [
      ['∂input', x, c.gradInput],
      ['∂weight', layer.weight, c.gradWeight],
      ['∂bias', layer.bias, c.gradBias],
    ]);
  });

  const functional = fixtures.cases.conv2d.filter((c) => c.options.paddingMode === undefined);
  it.each(named(functional))('conv2d (functional) %s', (_name, c) => {
    const x = tensorOf(c.input, true);
    const w = tensorOf(c.weight, true);
    const b = c.bias ? tensorOf(c.bias, true) : null;
    const { inChannels: _in, outChannels: _out, kernelSize: _k, bias: _b, ...options } = c.options;
    checkBackward(call(conv2d)(x, w, b, options), c, [
      ['∂input', x, c.gradInput],
      ['∂weight', w, c.gradWeight],
      ['∂bias', b, c.gradBias],
    ]);
  });

  it('an input that does not require grad gets none; the weight still does', () => {
    const c = fixtures.cases.conv2d[0]!;
    const layer = new (Conv2d as unknown as new (o: Options) => AnyLayer)(c.options);
    layer.weight!.data.set(c.weight.data);
    layer.bias!.data.set(c.bias!.data);
    const x = tensorOf(c.input);
    checkBackward(layer.forward(x), c, [
      ['∂input', x, null],
      ['∂weight', layer.weight, c.gradWeight],
    ]);
  });
});

describe('pad against torch.autograd', () => {
  it.each(named(fixtures.cases.pad))('pad %s', (_name, c) => {
    const x = tensorOf(c.input, true);
    const y = c.value === undefined ? call(pad)(x, c.pad, c.mode) : call(pad)(x, c.pad, c.mode, c.value);
    checkBackward(y, c, [['∂input', x, c.gradInput]]);
  });
});

describe('pooling against torch.autograd', () => {
  it.each(named(fixtures.cases.maxPool2d))('maxPool2d %s', (_name, c) => {
    const x = tensorOf(c.input, true);
    checkBackward(call(maxPool2d)(x, c.options), c, [['∂input', x, c.gradInput]]);
    const layerInput = tensorOf(c.input, true);
    checkBackward(new (MaxPool2d as unknown as new (o: Options) => AnyLayer)(c.options).forward(layerInput), c, [['MaxPool2d ∂input', layerInput, c.gradInput]]);
  });
  it.each(named(fixtures.cases.avgPool2d))('avgPool2d %s', (_name, c) => {
    const x = tensorOf(c.input, true);
    checkBackward(call(avgPool2d)(x, c.options), c, [['∂input', x, c.gradInput]]);
    const layerInput = tensorOf(c.input, true);
    checkBackward(new (AvgPool2d as unknown as new (o: Options) => AnyLayer)(c.options).forward(layerInput), c, [['AvgPool2d ∂input', layerInput, c.gradInput]]);
  });
  it.each(named(fixtures.cases.adaptiveAvgPool2d))('adaptiveAvgPool2d %s', (_name, c) => {
    const x = tensorOf(c.input, true);
    checkBackward(call(adaptiveAvgPool2d)(x, c.outputSize), c, [['∂input', x, c.gradInput]]);
    const layerInput = tensorOf(c.input, true);
    const layer = new (AdaptiveAvgPool2d as unknown as new (o: Options) => AnyLayer)({ outputSize: c.outputSize });
    checkBackward(layer.forward(layerInput), c, [['AdaptiveAvgPool2d ∂input', layerInput, c.gradInput]]);
  });
});

describe('BatchNorm2d against torch (training: batch statistics, running statistics updated; eval)', () => {
  type AnyBatchNorm = AnyLayer & {
    runningMean: Tensor | null;
    runningVar: Tensor | null;
    numBatchesTracked: Tensor | null;
    training: boolean;
    train(mode?: boolean): AnyBatchNorm;
  };
  it.each(named(fixtures.cases.batchNorm2d))('BatchNorm2d %s: output, ∂input, ∂weight, ∂bias, running statistics', (_name, c) => {
    const bn = new (BatchNorm2d as unknown as new (o: Options) => AnyBatchNorm)(c.options);
    expect(bn.training).toBe(true);
    if (c.initial.weight) bn.weight!.data.set(c.initial.weight.data);
    if (c.initial.bias) bn.bias!.data.set(c.initial.bias.data);
    if (c.initial.runningMean) bn.runningMean!.data.set(c.initial.runningMean.data);
    if (c.initial.runningVar) bn.runningVar!.data.set(c.initial.runningVar.data);
    expect(bn.train(c.training)).toBe(bn);
    const inputs = c.inputs.map((v, i) => tensorOf(v, i === c.inputs.length - 1));
    for (const earlier of inputs.slice(0, -1)) bn.forward(earlier);
    const x = inputs[inputs.length - 1]!;
    checkBackward(bn.forward(x), c, [
      ['∂input', x, c.gradInput],
      ['∂weight', bn.weight, c.gradWeight],
      ['∂bias', bn.bias, c.gradBias],
    ]);
    for (const [what, tensor, expected] of [
      ['runningMean', bn.runningMean, c.runningMean],
      ['runningVar', bn.runningVar, c.runningVar],
    ] as const) {
      if (expected === null) expect(tensor).toBeNull();
      else expectClose(tensor!.data, expected.data, 1e-5, 1e-5, what);
    }
    if (c.numBatchesTracked === null) expect(bn.numBatchesTracked).toBeNull();
    else expect(bn.numBatchesTracked!.item()).toBe(c.numBatchesTracked);
  });

  it.each(named(fixtures.cases.batchNorm2d.filter((c) => c.inputs.length === 1 && c.options.trackRunningStats !== false)))(
    'batchNorm2d (functional) %s',
    (_name, c) => {
      const vector = (v: Values | null, requiresGrad = false): Tensor | null => (v === null ? null : tensorOf(v, requiresGrad));
      const mean = vector(c.initial.runningMean);
      const variance = vector(c.initial.runningVar);
      const w = vector(c.initial.weight, true);
      const b = vector(c.initial.bias, true);
      const x = tensorOf(c.inputs[0]!, true);
      const y = call(batchNorm2d)(x, mean, variance, w, b, c.options.eps ?? 1e-5, { training: c.training, momentum: c.options.momentum ?? 0.1 });
      checkBackward(y, c, [
        ['∂input', x, c.gradInput],
        ['∂weight', w, c.gradWeight],
        ['∂bias', b, c.gradBias],
      ]);
      expectClose(mean!.data, c.runningMean!.data, 1e-5, 1e-5, 'runningMean');
      expectClose(variance!.data, c.runningVar!.data, 1e-5, 1e-5, 'runningVar');
      if (c.training) expect(mean!.version).toBe(1);
    },
  );
});

describe('cat against torch.autograd', () => {
  it.each(named(fixtures.cases.cat))('cat %s: each input gets its slice', (_name, c) => {
    const xs = c.inputs.map((v) => tensorOf(v, true));
    checkBackward(call(cat)(xs, c.dim), c, xs.map((x, i) => [`∂input ${i}`, x, c.gradInputs[i] ?? null] as [string, Tensor, Values | null]));
  });
});
