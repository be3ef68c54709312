// The activation layers of issue 12 against PyTorch (test/fixtures/activations.json, from
// /usr/bin/python3 scripts/gen_activation_fixtures.py): forward values and the gradients of
// torch.autograd for every option and several shapes (0-element ones too), PReLU's weight
// gradient, Softmax/LogSoftmax over each dim, Dropout2d where torch's random stream does not
// matter, and PyTorch's error messages inside ours. Then the properties the fixtures cannot show
// (Dropout2d's channel masks), and finite differences.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Dropout2d,
  ELU,
  GELU,
  Generator,
  Hardsigmoid,
  Hardswish,
  Identity,
  LogSoftmax,
  Mish,
  PReLU,
  Sequential,
  ShapeError,
  SiLU,
  Softmax,
  Tensor,
  dropout2d,
  elu,
  gelu,
  hardsigmoid,
  hardswish,
  mish,
  ones,
  prelu,
  randn,
  silu,
  sum,
} from 'shapecheck';
import { checkGradients } from './gradcheck.js';
import { expectClose, expectThrows } from './helpers.js';

interface Values {
  shape: number[];
  data: number[];
}
interface GradCase {
  input: Values;
  output: Values;
  gradOutput: Values;
  gradInput: Values;
}
interface Fixtures {
  torch: string;
  preluDefault: { weight: number[]; keys: string[] };
  elementwise: (GradCase & { op: string })[];
  prelu: (GradCase & { numParameters: number; weightShape: number[]; weight: number[]; gradWeight: number[] })[];
  softmax: (GradCase & { op: 'Softmax' | 'LogSoftmax'; dim: number })[];
  dropout2d: (GradCase & { p: number; training: boolean })[];
  errors: ({ case: string; op: string; type: string; torch: string } & Record<string, unknown>)[];
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures/activations.json', import.meta.url), 'utf8')) as Fixtures;

const tensorOf = (v: Values, requiresGrad = false): Tensor => {
  const t = new Tensor(Float32Array.from(v.data), v.shape);
  return requiresGrad ? t.requiresGrad_() : t;
};

/** The largest differences from torch, by what was compared (printed at the end, for the report). */
const worst: Record<string, { abs: number; rel: number }> = {};
function compare(what: string, actual: ArrayLike<number>, expected: Values, atol: number, rtol: number): void {
  expectClose(actual, expected.data, atol, rtol, what);
  const key = what.split(' ')[0]!;
  const w = (worst[key] ??= { abs: 0, rel: 0 });
  for (let i = 0; i < expected.data.length; i++) {
    const e = expected.data[i]!;
    const a = actual[i]!;
    if (Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e))) continue;
    const d = Math.abs(a - e);
    w.abs = Math.max(w.abs, d);
    if (Math.abs(e) > 1e-3) w.rel = Math.max(w.rel, d / Math.abs(e));
  }
}
afterAll(() => {
  console.log(`max differences from torch ${fixtures.torch}:`, JSON.stringify(worst));
});

type Unary = (x: Tensor) => Tensor;
const anyOp = <F>(f: F): ((...args: unknown[]) => Tensor) => f as unknown as (...args: unknown[]) => Tensor;
/** Each fixture op as a layer and as a function. */
const elementwise: Record<string, { layer: () => { forward(x: Tensor): Tensor }; op: Unary }> = {
  silu: { layer: () => new SiLU(), op: (x) => silu(x) },
  hardswish: { layer: () => new Hardswish(), op: (x) => hardswish(x) },
  hardsigmoid: { layer: () => new Hardsigmoid(), op: (x) => hardsigmoid(x) },
  mish: { layer: () => new Mish(), op: (x) => mish(x) },
  elu: { layer: () => new ELU(), op: (x) => elu(x) },
  'elu alpha=0.5': { layer: () => new ELU({ alpha: 0.5 }), op: (x) => elu(x, 0.5) },
  'elu alpha=2': { layer: () => new ELU(2), op: (x) => elu(x, 2) },
  'gelu approximate=none': { layer: () => new GELU({ approximate: 'none' }), op: (x) => gelu(x) },
  'gelu approximate=tanh': { layer: () => new GELU({ approximate: 'tanh' }), op: (x) => gelu(x, 'tanh') },
  identity: { layer: () => new Identity(), op: (x) => x },
};

describe('element-wise activations against PyTorch: forward and torch.autograd gradients', () => {
  const cases = fixtures.elementwise.flatMap((c) => (['layer', 'function'] as const).map((how) => [`${c.op} x=${JSON.stringify(c.input.shape)} (${how})`, c, how] as const));
  it.each(cases)('%s', (_name, c, how) => {
    const entry = elementwise[c.op]!;
    const x = tensorOf(c.input, true);
    const y = how === 'layer' ? entry.layer().forward(x) : entry.op(x);
    expect(y.shape).toEqual(c.output.shape);
    compare(`${c.op} output`, y.data, c.output, 1e-6, 1e-5);
    y.backward(tensorOf(c.gradOutput));
    expect(x.grad!.shape).toEqual(c.gradInput.shape);
    compare(`${c.op} gradInput`, x.grad!.data, c.gradInput, 1e-6, 1e-5);
  });
});

describe('PReLU against PyTorch: forward, ∂input and ∂weight', () => {
  it('a new layer is PyTorch\'s: one weight of 0.25, state_dict key weight', () => {
    const layer = new PReLU();
    expect(Array.from(layer.weight.data)).toEqual(fixtures.preluDefault.weight);
    expect([...layer.stateDict().keys()]).toEqual(fixtures.preluDefault.keys);
    expect(layer.weight.requiresGrad).toBe(true);
    expect(Array.from(new PReLU({ numParameters: 3, init: 0.1 }).weight.data)).toEqual([0.1, 0.1, 0.1].map(Math.fround));
  });
  const cases = fixtures.prelu.map((c) => [`numParameters=${c.numParameters} weight=${JSON.stringify(c.weightShape)} x=${JSON.stringify(c.input.shape)}`, c] as const);
  it.each(cases)('%s', (_name, c) => {
    const x = tensorOf(c.input, true);
    let y: Tensor;
    let weight: Tensor;
    if (c.weightShape.length === 1) {
      const layer = new PReLU({ numParameters: c.numParameters });
      layer.weight.data.set(c.weight);
      weight = layer.weight;
      y = layer.forward(x as never);
      expect(layer.outputShape(c.input.shape)).toEqual(c.input.shape);
    } else {
      weight = new Tensor(Float32Array.from(c.weight), []).requiresGrad_();
      y = anyOp(prelu)(x, weight);
    }
    compare('prelu output', y.data, c.output, 1e-6, 1e-5);
    y.backward(tensorOf(c.gradOutput));
    compare('prelu gradInput', x.grad!.data, c.gradInput, 1e-6, 1e-5);
    expect(weight.grad!.shape).toEqual(c.weightShape);
    compare('prelu gradWeight', weight.grad!.data, { shape: c.weightShape, data: c.gradWeight }, 1e-5, 1e-5);
  });

  it('loads a state_dict and trains its weight', () => {
    const layer = new PReLU({ numParameters: 2 });
    layer.loadStateDict({ weight: new Tensor(Float32Array.of(0.5, 0.1), [2]) });
    expect(Array.from(layer.weight.data)).toEqual([0.5, 0.1].map(Math.fround));
    expect(() => layer.loadStateDict({ weight: new Tensor(Float32Array.of(0.5), [1]) })).toThrow(/size mismatch for weight/);
  });
});

describe('Softmax and LogSoftmax layers against PyTorch', () => {
  const cases = fixtures.softmax.map((c) => [`${c.op} dim=${c.dim} x=${JSON.stringify(c.input.shape)}`, c] as const);
  it.each(cases)('%s', (_name, c) => {
    const x = tensorOf(c.input, true);
    const layer = c.op === 'Softmax' ? new Softmax({ dim: c.dim }) : new LogSoftmax({ dim: c.dim });
    const y = layer.forward(x as never) as Tensor;
    expect(layer.outputShape(c.input.shape)).toEqual(c.input.shape);
    compare(`${c.op} output`, y.data, c.output, 1e-6, 1e-5);
    y.backward(tensorOf(c.gradOutput));
    compare(`${c.op} gradInput`, x.grad!.data, c.gradInput, 1e-6, 1e-5);
  });
});

describe('Dropout2d against PyTorch (eval mode, p = 0, p = 1, no elements)', () => {
  const cases = fixtures.dropout2d.map((c) => [`p=${c.p} training=${c.training} x=${JSON.stringify(c.input.shape)}`, c] as const);
  it.each(cases)('%s', (_name, c) => {
    const x = tensorOf(c.input, true);
    // the layer's shape rule needs 2 dims; the function follows PyTorch (fewer pass in eval mode)
    const y = c.input.shape.length >= 2 ? new Dropout2d({ p: c.p }).train(c.training).forward(x as never) : dropout2d(x, c.p, c.training);
    compare('dropout2d output', y.data, c.output, 0, 0);
    y.backward(tensorOf(c.gradOutput));
    compare('dropout2d gradInput', x.grad!.data, c.gradInput, 0, 0);
  });

  it.each([
    ['[4, 16, 3, 3]', [4, 16, 3, 3]],
    ['[8, 32, 5] ([N, C, L], as PyTorch 2)', [8, 32, 5]],
    ['[64, 20] (one element per channel)', [64, 20]],
    ['[2, 8, 2, 2, 2]', [2, 8, 2, 2, 2]],
  ] as const)('zeroes whole channels of %s, scales the rest by 1/(1 − p), and the gradient goes through the same mask', (_name, shape) => {
    const x = ones([...shape]).requiresGrad_();
    const layer = new Dropout2d({ p: 0.25, seed: 3 });
    const y = layer.forward(x as never);
    const inner = shape.slice(2).reduce((a, b) => a * b, 1);
    let dropped = 0;
    for (let f = 0; f < shape[0] * shape[1]; f++) {
      const block = Array.from(y.data.subarray(f * inner, (f + 1) * inner));
      expect(new Set(block).size).toBe(1);
      expect([0, 1 / 0.75].map(Math.fround)).toContain(block[0]);
      if (block[0] === 0) dropped++;
    }
    const features = shape[0] * shape[1];
    expect(dropped / features).toBeGreaterThan(0.1);
    expect(dropped / features).toBeLessThan(0.45);
    sum(y).backward();
    expect(Array.from(x.grad!.data)).toEqual(Array.from(y.data));
  });

  it('the same seed gives the same masks; eval() is a copy, train() drops again', () => {
    const a = new Dropout2d({ p: 0.5, seed: 7 }).forward(ones([2, 6, 2, 2]));
    const b = dropout2d(ones([2, 6, 2, 2]), 0.5, true, new Generator(7));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const layer = new Dropout2d(0.5).eval();
    const x = randn([2, 3, 2, 2], { seed: 1 });
    const y = layer.forward(x);
    expect(y).not.toBe(x);
    expect(Array.from(y.data)).toEqual(Array.from(x.data));
    expect(layer.train().training).toBe(true);
  });
});

describe('finite differences agree with backward', () => {
  it.each([
    ['silu', (x: Tensor) => silu(x)],
    ['hardswish', (x: Tensor) => hardswish(x)],
    ['hardsigmoid', (x: Tensor) => hardsigmoid(x)],
    ['mish', (x: Tensor) => mish(x)],
    ['elu alpha=0.7', (x: Tensor) => elu(x, 0.7)],
    ['gelu approximate=tanh', (x: Tensor) => gelu(x, 'tanh')],
    ['gelu approximate=none', (x: Tensor) => gelu(x)],
  ] as const)('%s', (name, f) => {
    // away from the kinks at 0 and ±3, where a central difference straddles two pieces
    const x = new Tensor(Float32Array.from([-5.2, -2.4, -1.3, -0.6, 0.4, 1.1, 2.2, 4.5]), [2, 4]);
    checkGradients(name, f, [x]);
  });

  it('prelu in input and weight', () => {
    const x = new Tensor(Float32Array.from([-1.5, 0.7, -0.3, 2.1, -2.2, 0.9, 1.4, -0.8, -1.1, 0.35, 1.6, -0.45]), [2, 3, 2]);
    const w = new Tensor(Float32Array.of(0.2, -0.4, 0.6), [3]);
    checkGradients('prelu', (a, b) => anyOp(prelu)(a, b), [x, w]);
  });
});

describe('errors: PyTorch\'s message inside ours, naming the argument', () => {
  const cases = fixtures.errors.map((c) => [c.case, c] as const);
  it.each(cases)('%s', (_name, c) => {
    let thrown: unknown;
    const shape = (c.shape as number[] | undefined) ?? [2];
    const x = new Tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);
    try {
      switch (c.op) {
        case 'gelu':
          anyOp(gelu)(x, c.approximate);
          break;
        case 'GELU':
          new GELU({ approximate: c.approximate as 'tanh' });
          break;
        case 'elu':
          anyOp(elu)(x, c.alpha);
          break;
        case 'PReLU':
          new PReLU({ numParameters: c.numParameters as number }).forward(x as never);
          break;
        case 'prelu': {
          const weightShape = c.weightShape as number[];
          anyOp(prelu)(x, new Tensor(new Float32Array(weightShape.reduce((a, b) => a * b, 1)), weightShape));
          break;
        }
        case 'Softmax':
          new Softmax({ dim: c.dim as number }).forward(x as never);
          break;
        case 'LogSoftmax':
          new LogSoftmax({ dim: c.dim as number }).forward(x as never);
          break;
        case 'Dropout2d':
          if (c.p !== undefined) new Dropout2d({ p: c.p as number });
          else dropout2d(x, 0.5, true);
          break;
      }
    } catch (error) {
      thrown = error;
    }
    expect(thrown, 'expected a throw').toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message.startsWith(`${c.op}: `)).toBe(true);
    // PyTorch 2 writes `but got: ndim` where torch 1.13 wrote `but got ndim`; elu's names the type it got
    const phrase = c.torch.replace('but got ndim', 'but got: ndim').replace(/, not str$/, '');
    expect(message).toContain(`(${phrase})`);
    expect(message).toMatch(/\b(input|weight|approximate|alpha|dim|p)\b/);
    // the class: a shape that does not fit is a ShapeError, a dim out of range a RangeError, a bad option a TypeError or RangeError
    if (c.type === 'IndexError') expect(thrown).toBeInstanceOf(RangeError);
    if (c.op === 'PReLU' || c.op === 'prelu') expect(thrown).toBeInstanceOf(ShapeError);
  });

  it('option checks name the option', () => {
    expectThrows(() => new PReLU({ numParameters: 0 } as never), RangeError, 'PReLU: numParameters must be a positive integer, got 0');
    expectThrows(() => new PReLU({ init: 'x' as unknown as number }), TypeError, "PReLU: init must be a number, got 'x' (fill_() received an invalid combination of arguments)");
    expectThrows(() => new ELU({ alpha: 'x' as unknown as number }), TypeError, "ELU: alpha must be a number, got 'x' (elu(): argument 'alpha' (position 2) must be Number)");
    expectThrows(() => new Softmax({ dim: 1.5 }), TypeError, 'Softmax: dim must be an integer, got 1.5 (softmax() received an invalid combination of arguments)');
    expectThrows(() => new LogSoftmax(undefined as never), TypeError, 'LogSoftmax: options must be an object with a dim, as { dim: 1 }');
    expectThrows(() => new Dropout2d({ p: 2 } as never), RangeError, 'Dropout2d: p must be between 0 and 1, got 2 (dropout probability has to be between 0 and 1, but got 2)');
    expectThrows(() => new Dropout2d().forward(ones([3]) as never), ShapeError, 'Dropout2d: expected input with at least 2 dims, got input[3] (Feature dropout requires at least 2 dimensions in the input)');
  });

  it('a model reports the layer, as the compiler does', () => {
    expectThrows(
      () => new Sequential(['batch', 3, 8, 8]).add(new PReLU({ numParameters: 4 }) as never),
      ShapeError,
      'layer 1 (PReLU): expected input[batch, 3, 8, 8] to have 4 channels (numParameters), got 3 (Mismatch of parameter numbers and input channel size. Found parameter numbers = 4 and channel size = 3.)',
    );
    expect(() => new Sequential(['batch', 10]).add(new Softmax({ dim: 2 }) as never)).toThrow('layer 1 (Softmax): dim 2 is out of range for input[batch, 10] (Dimension out of range (expected to be in range of [-2, 1], but got 2))');
    const model = new Sequential(['batch', 3, 'H', 'W']).add(new PReLU({ numParameters: 3 })).add(new Dropout2d(0.1)).add(new SiLU()).add(new LogSoftmax({ dim: 1 }));
    expect(model.forward(ones([2, 3, 4, 5])).shape).toEqual([2, 3, 4, 5]);
    expect([...model.stateDict().keys()]).toEqual(['0.weight']);
  });
});
