// Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d (issue 12) against PyTorch (scripts/gen_conv1d_fixtures.py):
// forward, the gradients torch.autograd gives (input, weight, bias), and the errors torch raises.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AdaptiveAvgPool1d,
  AvgPool1d,
  Conv1d,
  MaxPool1d,
  ShapeError,
  Sequential,
  Tensor,
  adaptiveAvgPool1d,
  avgPool1d,
  conv1d,
  conv1dOutputShape,
  maxPool1d,
  maxPool1dOutputShape,
  type Conv1dOptions,
} from '../src/index.js';
import { expectThrows } from './helpers.js';

type Layer = 'Conv1d' | 'MaxPool1d' | 'AvgPool1d' | 'AdaptiveAvgPool1d';
interface Values {
  shape: number[];
  values: number[];
}
interface FixtureCase {
  name: string;
  layer: Layer;
  options: Record<string, unknown>;
  input: Values;
  output: Values;
  gradOutput: number[];
  gradInput: number[];
  weight?: number[];
  bias?: number[];
  gradWeight?: number[];
  gradBias?: number[];
}
interface FixtureError {
  name: string;
  layer: Layer;
  input: number[];
  options: Record<string, unknown>;
  torch: string;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/conv1d.json', import.meta.url), 'utf8')) as { cases: FixtureCase[]; errors: FixtureError[] };

interface AnyLayer {
  forward(x: Tensor): Tensor;
  outputShape(shape: readonly number[]): number[];
  weight?: Tensor;
  bias?: Tensor | null;
}
const make = (layer: Layer, options: Record<string, unknown>): AnyLayer => {
  const classes = { Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d } as unknown as Record<Layer, new (o: unknown) => AnyLayer>;
  return new classes[layer](options);
};

/** The largest error against torch by kind, reported at the end. */
const worst: Record<string, number> = {};
function expectNear(actual: ArrayLike<number>, expected: readonly number[], what: string, kind: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  let max = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const err = Math.abs((actual[i] as number) - e);
    // the fixture holds 6 significant digits
    expect(err, `${what}[${i}]: ${actual[i]} vs ${e}`).toBeLessThanOrEqual(1e-4 + 2e-5 * Math.abs(e));
    max = Math.max(max, err);
  }
  worst[kind] = Math.max(worst[kind] ?? 0, max);
}

describe('1-D layers against PyTorch', () => {
  it('has the fixture cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(150);
    expect(fixture.errors.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixture.cases)('$name', (c) => {
    const layer = make(c.layer, c.options);
    if (c.weight) layer.weight!.data.set(c.weight);
    if (c.bias) layer.bias!.data.set(c.bias);
    const x = new Tensor(Float32Array.from(c.input.values), c.input.shape).requiresGrad_();
    const before = Float32Array.from(x.data);
    expect(layer.outputShape(c.input.shape)).toEqual(c.output.shape);
    const y = layer.forward(x);
    expect([...y.shape]).toEqual(c.output.shape);
    expectNear(y.data, c.output.values, 'output', `${c.layer} forward`);
    y.backward(new Tensor(Float32Array.from(c.gradOutput), c.output.shape) as never);
    expect(x.data).toEqual(before);
    expectNear(x.grad!.data, c.gradInput, 'gradInput', `${c.layer} gradInput`);
    if (c.gradWeight) expectNear(layer.weight!.grad!.data, c.gradWeight, 'gradWeight', 'Conv1d gradWeight');
    if (c.gradBias) expectNear(layer.bias!.grad!.data, c.gradBias, 'gradBias', 'Conv1d gradBias');
  });

  // the functional twins agree with the layers (zero padding for conv1d)
  it.each(fixture.cases.filter((c) => c.layer !== 'Conv1d' || !c.options['paddingMode'] || c.options['paddingMode'] === 'zeros'))('functional $name', (c) => {
    const x = new Tensor(Float32Array.from(c.input.values), c.input.shape);
    const o = c.options;
    let y: Tensor;
    if (c.layer === 'Conv1d') {
      const w = new Tensor(Float32Array.from(c.weight!), [o['outChannels'] as number, (o['inChannels'] as number) / ((o['groups'] as number | undefined) ?? 1), o['kernelSize'] as number]);
      const b = c.bias ? new Tensor(Float32Array.from(c.bias), [c.bias.length]) : null;
      const { inChannels: _i, outChannels: _o, kernelSize: _k, bias: _b, paddingMode: _m, ...rest } = o;
      y = (conv1d as unknown as (x: Tensor, w: Tensor, b: Tensor | null, o: unknown) => Tensor)(x, w, b, rest);
    } else if (c.layer === 'AdaptiveAvgPool1d') {
      y = (adaptiveAvgPool1d as unknown as (x: Tensor, s: number) => Tensor)(x, o['outputSize'] as number);
    } else {
      y = ((c.layer === 'MaxPool1d' ? maxPool1d : avgPool1d) as unknown as (x: Tensor, o: unknown) => Tensor)(x, o);
    }
    expect([...y.shape]).toEqual(c.output.shape);
    expectNear(y.data, c.output.values, 'output', `${c.layer} functional`);
  });

  // PyTorch's phrase in ours (where torch 1.13's words and PyTorch 2's differ, the second is ours)
  const phrases: [torch: string, ours: string][] = [
    ['input to conv1d, but got input of size', 'Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size'],
    ['channels instead', 'channels instead'],
    ["Kernel size can't be greater than actual input size", "Kernel size can't be greater than actual input size"],
    ['Padding size should be less than the corresponding input dimension', 'Padding size should be less than the corresponding input dimension'],
    ['Padding value causes wrapping around more than once', 'Padding value causes wrapping around more than once'],
    ["padding='same' is not supported for strided convolutions", "padding='same' is not supported for strided convolutions"],
    ['in_channels must be divisible by groups', 'in_channels must be divisible by groups'],
    ['out_channels must be divisible by groups', 'out_channels must be divisible by groups'],
    ['tensor with optional 0 dim batch size for input', 'Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input'],
    ['pad should be at most half of kernel size', 'pad should be at most half of kernel size'],
    ['Output size is too small', 'Output size is too small'],
    ['stride should not be zero', 'stride'],
    ['pad must be non-negative', 'pad must be non-negative'],
    ["while checking arguments for adaptive_avg_pool1d", "while checking arguments for adaptive_avg_pool1d"],
    ['Expected 2 to 3 dimensions', 'Expected 2D or 3D'],
    ['Expected input to have non-zero size for non-batch dimensions', 'Expected input to have non-zero size for non-batch dimensions'],
  ];

  it.each(fixture.errors)('rejects $name ($torch)', (e) => {
    if (e.torch.includes('Invalid padding size')) {
      // torch 1.13 cannot pad an unbatched input circularly; PyTorch 2 can, and so do we
      expect(make(e.layer, e.options).outputShape(e.input)).toHaveLength(2);
      return;
    }
    let message = '';
    try {
      const layer = make(e.layer, e.options);
      layer.forward(new Tensor(new Float32Array(e.input.reduce((a, b) => a * b, 1)), e.input));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message, 'throws').not.toBe('');
    expect(message.startsWith(`${e.layer}: `), message).toBe(true);
    const phrase = phrases.find(([torch]) => e.torch.includes(torch));
    expect(phrase, `a phrase for ${e.torch}`).toBeDefined();
    expect(message).toContain(phrase![1]);
  });

  it('reports the largest errors against torch', () => {
    // eslint-disable-next-line no-console
    console.log('max |error| vs torch:', JSON.stringify(worst));
    expect(Object.keys(worst).length).toBeGreaterThan(0);
  });
});

describe('1-D layers: messages, shapes, symbolic lengths', () => {
  it('writes PyTorch words with the 1-D layer name', () => {
    const conv = new Conv1d({ inChannels: 3, outChannels: 2, kernelSize: 3 });
    expectThrows(() => conv.outputShape([1, 4, 5]), ShapeError, 'Conv1d: Given groups=1, weight of size [2, 3, 3], expected input[1, 4, 5] to have 3 channels, but got 4 channels instead');
    expectThrows(() => conv.outputShape([1, 3, 5, 5]), ShapeError, 'Conv1d: Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: [1, 3, 5, 5]');
    expectThrows(
      () => conv.outputShape([1, 3, 2]),
      ShapeError,
      "Conv1d: output length would be 0 = floor((2 + 0 + 0 − 1·(3 − 1) − 1) / 1) + 1, but must be at least 1: Kernel size can't be greater than actual input size",
    );
    expectThrows(() => new Conv1d({ inChannels: 3, outChannels: 2, kernelSize: 3, groups: 2 } as Conv1dOptions as never), RangeError, 'Conv1d: inChannels must be divisible by groups, got inChannels=3 and groups=2 (in_channels must be divisible by groups)');
    expectThrows(() => new Conv1d({ inChannels: 3, outChannels: 2, kernelSize: 0 } as never), RangeError, 'Conv1d: kernelSize must be a positive integer, got 0 (kernel size should be greater than zero)');
    expectThrows(() => new Conv1d({ inChannels: 3, outChannels: 2, kernelSize: 3, stride: 2, padding: 'same' } as never), RangeError, "Conv1d: padding='same' is not supported for strided convolutions, got stride=2");
    expectThrows(() => new Conv1d({ inChannels: 3, outChannels: 2, kernelSize: [3, 3] } as never), TypeError, 'Conv1d: kernelSize must be a number or a list of one number, got [3, 3] (expected kernel_size to be a single integer value or a list of 1 values to match the convolution dimensions)');
    expectThrows(() => new MaxPool1d({ kernelSize: 3, padding: 2 } as never), RangeError, 'MaxPool1d: padding must be at most half of kernelSize, got padding 2 and kernelSize 3 for the length: pad should be at most half of kernel size');
    expectThrows(() => new AvgPool1d({ kernelSize: 2 }).outputShape([1, 3, 1]), ShapeError, 'AvgPool1d: output length would be 0 = floor((1 + 2·0 − 1·(2 − 1) − 1) / 2) + 1, but must be at least 1: Output size is too small');
    expectThrows(() => new AdaptiveAvgPool1d({ outputSize: -1 } as never), RangeError, 'AdaptiveAvgPool1d: outputSize must be a non-negative integer, got -1 (adaptive_avg_pool1d: elements of output_size must be greater than or equal to 0)');
    expectThrows(() => conv.forward('x' as never), TypeError, conv1dMessage());
  });

  it('computes symbolic lengths', () => {
    expect(new Conv1d({ inChannels: 4, outChannels: 8, kernelSize: 3, stride: 2, padding: 1 }).symbolicOutputShape(['N', 4, 'L'])).toEqual(['N', 8, '(L+1)//2']);
    expect(new Conv1d({ inChannels: 4, outChannels: 8, kernelSize: 5, padding: 'same' }).symbolicOutputShape(['N', 4, 'L'])).toEqual(['N', 8, 'L']);
    expect(new MaxPool1d({ kernelSize: 2 }).symbolicOutputShape(['N', 4, 'L'])).toEqual(['N', 4, 'L//2']);
    expect(new AvgPool1d({ kernelSize: 3, stride: 2, padding: 1, ceilMode: true }).symbolicOutputShape([4, 'L'])).toEqual([4, '(L+2)//2']);
    expect(new AdaptiveAvgPool1d({ outputSize: 1 }).symbolicOutputShape(['N', 4, 'L'])).toEqual(['N', 4, 1]);
    expect(conv1dOutputShape(['N', 2, 'L'], { inChannels: 2, outChannels: 3, kernelSize: 3, dilation: 2 })).toEqual(['N', 3, 'L-4']);
    expect(maxPool1dOutputShape([2, 9], { kernelSize: 2, ceilMode: true })).toEqual([2, 5]);
  });

  it('trains inside a Sequential: state_dict keys and shapes as PyTorch', () => {
    const model = new Sequential(['batch', 2, 16])
      .add(new Conv1d({ inChannels: 2, outChannels: 4, kernelSize: 3, padding: 1 }))
      .add(new MaxPool1d({ kernelSize: 2 }))
      .add(new Conv1d({ inChannels: 4, outChannels: 4, kernelSize: 3, groups: 2, bias: false }))
      .add(new AvgPool1d({ kernelSize: 2, ceilMode: true }))
      .add(new AdaptiveAvgPool1d({ outputSize: 1 }));
    expect([...model.stateDict()].map(([k, t]) => [k, [...t.shape]])).toEqual([
      ['0.weight', [4, 2, 3]],
      ['0.bias', [4]],
      ['2.weight', [4, 2, 3]],
    ]);
    const y = model.forward(new Tensor(new Float32Array(3 * 2 * 16).fill(1), [3, 2, 16]) as never) as unknown as Tensor;
    expect([...y.shape]).toEqual([3, 4, 1]);
    y.backward(new Tensor(new Float32Array(12).fill(1), [3, 4, 1]) as never);
    expect(model.parameters().every((p) => p.grad !== null)).toBe(true);
  });
});

function conv1dMessage(): string {
  try {
    new Conv1d({ inChannels: 1, outChannels: 1, kernelSize: 1 }).forward('x' as never);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}
