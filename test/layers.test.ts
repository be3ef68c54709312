import { readFileSync } from 'node:fs';
import { compileSnippet } from '../scripts/virtual-program.mjs';
import { describe, expect, it } from 'vitest';
import { Flatten, GELU, LeakyReLU, Linear, ReLU, ReLU6, ShapeError, Sigmoid, Tanh, Tensor, flatten, tensor, type LinearOptions } from 'shapecheck';
import { expectClose, expectThrows } from './helpers.js';

interface Fixtures {
  linear: {
    name: string;
    inFeatures: number;
    outFeatures: number;
    bias: boolean;
    input: { shape: number[]; data: number[] };
    weight: number[];
    biasValues: number[] | null;
    output: { shape: number[]; data: number[] };
  }[];
  activations: { input: number[]; outputs: Record<string, number[]> };
  flatten: { shape: number[]; startDim: number; endDim: number; output: number[] }[];
  errors: ({ op: 'Linear'; shape: number[]; inFeatures: number; outFeatures: number } | { op: 'Flatten'; shape: number[]; startDim: number; endDim: number })[];
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/layers.json', import.meta.url), 'utf8')) as Fixtures;
type AnyLinear = { weight: Tensor; bias: Tensor | null; forward(x: Tensor): Tensor };
const makeLinear = (options: LinearOptions): AnyLinear => new (Linear as unknown as new (o: LinearOptions) => AnyLinear)(options);

describe('nn.Linear against PyTorch', () => {
  it.each(fixtures.linear.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const layer = makeLinear({ inFeatures: c.inFeatures, outFeatures: c.outFeatures, bias: c.bias });
    layer.weight.data.set(c.weight);
    if (c.biasValues) layer.bias!.data.set(c.biasValues);
    else expect(layer.bias).toBeNull();
    const y = layer.forward(new Tensor(Float32Array.from(c.input.data), c.input.shape));
    expect(y.shape).toEqual(c.output.shape);
    expectClose(y.data, c.output.data, 1e-4, 1e-4, 'output');
  });

  it('initialises uniform in ±1/√inFeatures, reproducibly with a seed', () => {
    const a = new Linear({ inFeatures: 100, outFeatures: 50 }, { seed: 3 });
    const b = new Linear({ inFeatures: 100, outFeatures: 50 }, { seed: 3 });
    expect(Array.from(a.weight.data)).toEqual(Array.from(b.weight.data));
    expect(Math.max(...a.weight.data.map(Math.abs))).toBeLessThanOrEqual(0.1);
    expect(Math.max(...a.weight.data.map(Math.abs))).toBeGreaterThan(0.09);
  });
});

describe('activations against PyTorch', () => {
  const input = new Tensor(Float32Array.from(fixtures.activations.input), [fixtures.activations.input.length]);
  it.each([
    ['relu', new ReLU()],
    ['relu6', new ReLU6()],
    ['leakyRelu', new LeakyReLU()],
    ['leakyRelu0.2', new LeakyReLU(0.2)],
    ['sigmoid', new Sigmoid()],
    ['tanh', new Tanh()],
    ['gelu', new GELU()],
  ] as const)('%s', (name, layer) => {
    expectClose(layer.forward(input).data, fixtures.activations.outputs[name]!, 1e-6, 1e-5, name);
  });
});

describe('nn.Flatten against PyTorch', () => {
  it.each(fixtures.flatten.map((c) => [`x=${JSON.stringify(c.shape)} start=${c.startDim} end=${c.endDim}`, c] as const))('%s', (_name, c) => {
    const x = new Tensor(new Float32Array(c.shape.reduce((a, b) => a * b, 1)), c.shape);
    expect(new Flatten(c.startDim, c.endDim).forward(x).shape).toEqual(c.output);
    expect((flatten as (x: Tensor, s: number, e: number) => Tensor)(x, c.startDim, c.endDim).shape).toEqual(c.output);
  });
});

describe('errors for errors', () => {
  it.each(fixtures.errors.map((c) => [JSON.stringify(c), c] as const))('%s', (_name, c) => {
    const x = new Tensor(new Float32Array(c.shape.reduce((a, b) => a * b, 1)), c.shape);
    if (c.op === 'Linear') expect(() => makeLinear({ inFeatures: c.inFeatures, outFeatures: c.outFeatures }).forward(x)).toThrow(ShapeError);
    else expect(() => new Flatten(c.startDim, c.endDim).forward(x)).toThrow(RangeError);
  });

  it('Linear names the input, the expected and the found features', () => {
    expectThrows(
      () => makeLinear({ inFeatures: 576, outFeatures: 120 }).forward(tensor(new Float32Array(400), [1, 400])),
      ShapeError,
      'Linear: expected input[1, 400] to have 576 features in its last dim, got 400 (mat1 and mat2 shapes cannot be multiplied)',
    );
  });

  it.each([[0], [1.5]])('Linear rejects inFeatures=%s', (inFeatures) => {
    expect(() => makeLinear({ inFeatures, outFeatures: 2 })).toThrow(/Linear: inFeatures must be a positive integer/);
  });

  it('Flatten names the dim out of range (and the compiler says so at the input)', () => {
    const message = 'Flatten: startDim 4 is out of range for a 2-D input (Dimension out of range)';
    // @ts-expect-error the input's argument type is the message
    expectThrows(() => new Flatten(4).forward(tensor(new Float32Array(6), [2, 3])), RangeError, message);
    const { diagnostics } = compileSnippet(`import { Flatten, flatten, zeros } from 'shapecheck';
new Flatten(4).forward(zeros([2, 3]));
flatten(zeros([2, 3]), 4);
`);
    expect(diagnostics.map((d) => [d.line, d.message.includes(`'"${message}"'`)])).toEqual([
      [1, true],
      [2, true],
    ]);
  });
});

describe('options wrong by themselves: one diagnostic, at the options, not again at forward', () => {
  const { diagnostics } = compileSnippet(`import { AdaptiveAvgPool2d, AvgPool2d, BatchNorm2d, Conv2d, Linear, MaxPool2d, zeros } from 'shapecheck';
const x = zeros([2, 3, 8, 8]);
new MaxPool2d({ kernelSize: 2, padding: 2 }).forward(x);
new AvgPool2d({ kernelSize: 0 }).forward(x);
new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, stride: 2, padding: 'same' }).forward(x);
new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, groups: 2 }).forward(x);
new BatchNorm2d({ numFeatures: 0 }).forward(x);
new Linear({ inFeatures: 0, outFeatures: 3 }).forward(x);
new AdaptiveAvgPool2d({ outputSize: [-1, 1] }).forward(x);
`);
  it.each([2, 3, 4, 5, 6, 7, 8])('line %i: exactly one diagnostic, at the options', (line) => {
    const here = diagnostics.filter((d) => d.line === line);
    expect(here, JSON.stringify(diagnostics, null, 1)).toHaveLength(1);
    expect(here[0]!.message).toMatch(/^Argument of type '\{.*\}' is not assignable to parameter of type '"(MaxPool2d|AvgPool2d|Conv2d|BatchNorm2d|Linear|AdaptiveAvgPool2d): /);
  });
});
