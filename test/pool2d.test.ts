import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AvgPool2d, MaxPool2d } from '../src/nn/pool2d.js';
import { avgPool2d, maxPool2d } from '../src/ops/pool2d.js';
import {
  avgPool2dOutputShape,
  maxPool2dOutputShape,
  pool2dShapeFromResolved,
  resolvePool2dOptions,
  type AvgPool2dOptions,
  type MaxPool2dOptions,
} from '../src/shape/pool2d.js';
import { ShapeError } from '../src/shape/shape-error.js';
import { Tensor } from '../src/tensor/tensor.js';
import { expectClose, expectThrows } from './helpers.js';

type Op = 'MaxPool2d' | 'AvgPool2d';
type FixtureNumber = number | 'inf' | '-inf' | 'nan';
interface FixtureCase {
  name: string;
  op: Op;
  options: MaxPool2dOptions & AvgPool2dOptions;
  input: { shape: number[]; values: FixtureNumber[] };
  output: { shape: number[]; values: FixtureNumber[] };
}
interface FixtureError {
  name: string;
  op: Op;
  input: number[];
  options: MaxPool2dOptions & AvgPool2dOptions;
  torch: string;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/pool2d.json', import.meta.url), 'utf8')) as {
  cases: FixtureCase[];
  errors: FixtureError[];
};
const decode = (v: FixtureNumber): number => (v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === 'nan' ? NaN : v);
/** Within 1e-5 of torch; infinities and NaN exactly where torch has them. */
function expectMatches(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const a = Float32Array.from(actual);
  const e = Float32Array.from(expected);
  for (let i = 0; i < e.length; i++) {
    if (!Number.isFinite(e[i] as number) || !Number.isFinite(a[i] as number)) {
      expect(a[i], `${what}: index ${i}`).toBe(e[i]);
      a[i] = 0;
      e[i] = 0;
    }
  }
  expectClose(a, e, 1e-5, 0, what);
}
const tensorOf = (shape: readonly number[], values: readonly FixtureNumber[]): Tensor =>
  new Tensor(Float32Array.from(values, decode), shape);

// the runtime functions, called as plain JavaScript would (the type-level errors are in type-tests/)
type Untyped = (input: Tensor, options: MaxPool2dOptions & AvgPool2dOptions) => Tensor;
type UntypedShape = (input: readonly number[], options: MaxPool2dOptions & AvgPool2dOptions) => number[];
const functional: Record<Op, Untyped> = { MaxPool2d: maxPool2d as unknown as Untyped, AvgPool2d: avgPool2d as unknown as Untyped };
const shapeOf: Record<Op, UntypedShape> = {
  MaxPool2d: maxPool2dOutputShape as unknown as UntypedShape,
  AvgPool2d: avgPool2dOutputShape as unknown as UntypedShape,
};
const layerOf = (op: Op, options: MaxPool2dOptions & AvgPool2dOptions): { forward: (x: Tensor) => Tensor } =>
  (op === 'MaxPool2d' ? new MaxPool2d(options as never) : new AvgPool2d(options as never)) as unknown as { forward: (x: Tensor) => Tensor };

describe('pool2d against PyTorch', () => {
  it('has the fixture cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(120);
    expect(fixture.errors.length).toBeGreaterThanOrEqual(16);
  });

  it.each(fixture.cases)('$name', ({ op, options, input, output }) => {
    const x = tensorOf(input.shape, input.values);
    const before = Float32Array.from(x.data);
    const expected = Float32Array.from(output.values, decode);
    expect(shapeOf[op](input.shape, options)).toEqual(output.shape);
    const y = functional[op](x, options);
    expect([...y.shape]).toEqual(output.shape);
    expectMatches(y.data, expected, op);
    const z = layerOf(op, options).forward(x);
    expect([...z.shape]).toEqual(output.shape);
    expectMatches(z.data, expected, `${op} layer`);
    expect(x.data).toEqual(before);
  });

  it.each(fixture.errors)('rejects $name ($torch)', ({ op, input, options }) => {
    const call = (): unknown => {
      const params = resolvePool2dOptions(op, options);
      pool2dShapeFromResolved(input, params);
      return functional[op](new Tensor(new Float32Array(input.reduce((a, b) => a * b, 1)), input), options);
    };
    expect(call).toThrow(/^(MaxPool2d|AvgPool2d): /);
    let thrown: unknown;
    try {
      call();
    } catch (error) {
      thrown = error;
    }
    expect(thrown instanceof ShapeError || thrown instanceof RangeError || thrown instanceof TypeError).toBe(true);
  });
});

describe('pool2d errors, exact messages', () => {
  const x = (shape: readonly number[]): Tensor => new Tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);
  it.each([
    ['MaxPool2d', [1, 1, 8, 8], { kernelSize: 3, padding: 2 }, RangeError, 'MaxPool2d: padding must be at most half of kernelSize, got padding 2 and kernelSize 3 for the height: pad should be at most half of kernel size'],
    ['AvgPool2d', [1, 1, 8, 8], { kernelSize: [4, 3], padding: [2, 2] }, RangeError, 'AvgPool2d: padding must be at most half of kernelSize, got padding 2 and kernelSize 3 for the width: pad should be at most half of kernel size'],
    ['MaxPool2d', [1, 1, 4, 4], { kernelSize: 5 }, ShapeError, 'MaxPool2d: output height would be 0 = floor((4 + 2·0 − 1·(5 − 1) − 1) / 5) + 1, but must be at least 1: Output size is too small'],
    ['MaxPool2d', [1, 1, 5, 2], { kernelSize: 2, stride: 1, dilation: [1, 3] }, ShapeError, 'MaxPool2d: output width would be -1 = floor((2 + 2·0 − 3·(2 − 1) − 1) / 1) + 1, but must be at least 1: Output size is too small'],
    ['AvgPool2d', [1, 1, 2, 9], { kernelSize: 3, stride: 1, ceilMode: true }, ShapeError, 'AvgPool2d: output height would be 0 = ceil((2 + 2·0 − 1·(3 − 1) − 1) / 1) + 1, but must be at least 1: Output size is too small'],
    ['MaxPool2d', [1, 0, 4, 4], { kernelSize: 2 }, ShapeError, 'MaxPool2d: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: [1, 0, 4, 4]'],
    ['AvgPool2d', [4, 4], { kernelSize: 2 }, ShapeError, 'AvgPool2d: Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got input of size: [4, 4]'],
    ['MaxPool2d', [1, 1, 4, 4], { kernelSize: 0 }, RangeError, 'MaxPool2d: kernelSize must be a positive integer, got 0 (kernel size should be greater than zero)'],
    ['MaxPool2d', [1, 1, 4, 4], { kernelSize: 2, stride: [1, 0] }, RangeError, 'MaxPool2d: stride must be a positive integer, got 0 (stride should be greater than zero)'],
    ['MaxPool2d', [1, 1, 4, 4], { kernelSize: 2, dilation: 0 }, RangeError, 'MaxPool2d: dilation must be a positive integer, got 0 (dilation should be greater than zero)'],
    ['AvgPool2d', [1, 1, 4, 4], { kernelSize: 2, padding: -1 }, RangeError, 'AvgPool2d: padding must be a non-negative integer, got -1 (pad must be non-negative)'],
    ['AvgPool2d', [1, 1, 4, 4], { kernelSize: 2.5 }, TypeError, 'AvgPool2d: kernelSize must be a positive integer, got 2.5 (kernel size should be greater than zero)'],
    ['AvgPool2d', [1, 1, 4, 4], { kernelSize: 2, divisorOverride: 0 }, RangeError, 'AvgPool2d: divisorOverride must be a non-zero integer, got 0: divisor must be not zero'],
    ['AvgPool2d', [1, 1, 4, 4], { kernelSize: 2, divisorOverride: 1.5 }, TypeError, 'AvgPool2d: divisorOverride must be a non-zero integer, got 1.5: divisor must be not zero'],
    ['MaxPool2d', [1, 1, 4, 4], { kernelSize: [2] }, TypeError, 'MaxPool2d: kernelSize must be a number or a pair of numbers, got [2] (max_pool2d: kernel_size must either be a single int, or a tuple of two ints)'],
    ['MaxPool2d', [1, 1, 4, 4], { kernelSize: 2, ceilMode: 1 }, TypeError, 'MaxPool2d: ceilMode must be a boolean, got 1'],
    ['AvgPool2d', [1, 1, 4, 4], { kernelSize: 2, countIncludePad: 'no' }, TypeError, 'AvgPool2d: countIncludePad must be a boolean, got no'],
    ['MaxPool2d', [1, 1, 4.5, 4], { kernelSize: 2 }, TypeError, 'MaxPool2d: input height must be a non-negative integer, got 4.5'],
    ['AvgPool2d', [-1, 1, 4, 4], { kernelSize: 2 }, RangeError, 'AvgPool2d: input batch must be a non-negative integer, got -1'],
  ] as const)('%s x=%j %j: %s', (op, input, options, errorClass, message) => {
    const opts = options as unknown as MaxPool2dOptions & AvgPool2dOptions;
    expectThrows(() => shapeOf[op](input, opts), errorClass, message);
    if (input.every((d) => Number.isInteger(d) && d >= 0)) expectThrows(() => functional[op](x(input), opts), errorClass, message);
    // options errors are thrown by the layer constructors already
    if (errorClass !== ShapeError && input.every((d) => Number.isInteger(d) && d >= 0)) expectThrows(() => layerOf(op, opts), errorClass, message);
  });
});

describe('pool2d semantics', () => {
  it('max pooling propagates NaN and never picks the padding', () => {
    const x = new Tensor(Float32Array.from([-1, NaN, -3, -4]), [1, 1, 2, 2]);
    expect(Array.from(maxPool2d(x, { kernelSize: 2, stride: 1, padding: 1 }).data)).toEqual([-1, NaN, NaN, -1, NaN, NaN, -3, -3, -4]);
  });

  it('a max window entirely in the padding gives -Infinity (as PyTorch)', () => {
    const x = new Tensor(Float32Array.from([7]), [1, 1, 1]);
    expect(Array.from(maxPool2d(x, { kernelSize: 2, padding: 1, dilation: 2, stride: 1 }).data)).toEqual([-Infinity]);
  });

  it('avg pooling divisors: countIncludePad, clipped windows, divisorOverride', () => {
    const x = new Tensor(Float32Array.from([1, 2, 3, 4]), [1, 2, 2]);
    expect(Array.from(avgPool2d(x, { kernelSize: 2, padding: 1 }).data)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(Array.from(avgPool2d(x, { kernelSize: 2, padding: 1, countIncludePad: false }).data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(avgPool2d(x, { kernelSize: 2, padding: 1, divisorOverride: -2 }).data)).toEqual([-0.5, -1, -1.5, -2]);
  });

  it('typed results', () => {
    const y = maxPool2d(new Tensor(new Float32Array(64), [1, 1, 8, 8] as const), { kernelSize: 3, stride: 2, padding: 1 });
    const shape: readonly [1, 1, 4, 4] = y.shape;
    expect(shape).toEqual([1, 1, 4, 4]);
  });
});

/**
 * Max pooling as PyTorch's CPU kernel defines it, one window at a time with no shortcuts: the
 * index starts at the window's first element inside the input, a strictly greater value or a NaN
 * takes it. Returns the values and the input index each output took.
 */
function referenceMaxPool(x: Float32Array, [n, c, h, w]: number[], k: number, s: number, p: number, d: number, [oh, ow]: number[]) {
  const out: number[] = [];
  const at: number[] = [];
  for (let plane = 0; plane < n! * c!; plane++) {
    for (let i = 0; i < oh!; i++) {
      for (let j = 0; j < ow!; j++) {
        let max = -Infinity;
        let index = -1;
        for (let a = 0; a < k; a++) {
          for (let b = 0; b < k; b++) {
            const y = i * s - p + a * d;
            const z = j * s - p + b * d;
            if (y < 0 || y >= h! || z < 0 || z >= w!) continue;
            const flat = plane * h! * w! + y * w! + z;
            const v = x[flat]!;
            if (index < 0) index = flat;
            if (v > max || Number.isNaN(v)) [max, index] = [v, flat];
          }
        }
        out.push(max);
        at.push(index);
      }
    }
  }
  return { out, at };
}

describe('max pooling against a plain reference: every window position, with ties, NaN and −∞', () => {
  // sizes even and odd (2×2 stride 2 runs its own WebAssembly loop when every window is inside:
  // four outputs a step, then one at a time for the rest of a row), ceil mode,
  // padding and dilation; values drawn from a few levels so that ties are common
  const cases: [string, number[], MaxPool2dOptions][] = [];
  for (const [h, w] of [[4, 4], [5, 7], [6, 3], [3, 2], [2, 5], [8, 8], [9, 21]] as const) {
    cases.push([`x=[2,3,${h},${w}] kernelSize=2`, [2, 3, h, w], { kernelSize: 2 }]);
    cases.push([`x=[2,3,${h},${w}] kernelSize=2 ceilMode`, [2, 3, h, w], { kernelSize: 2, ceilMode: true }]);
    if (h >= 3 && w >= 3) {
      cases.push([`x=[2,3,${h},${w}] kernelSize=3 stride=2 padding=1`, [2, 3, h, w], { kernelSize: 3, stride: 2, padding: 1 }]);
      cases.push([`x=[2,3,${h},${w}] kernelSize=2 stride=1 dilation=2`, [2, 3, h, w], { kernelSize: 2, stride: 1, dilation: 2 }]);
    }
  }
  const levels = [0, 1, -1, 2, Number.NaN, Number.NEGATIVE_INFINITY, 0.5];
  it.each(cases)('%s', (_name, shape, options) => {
    let state = shape.reduce((a, b) => a * 31 + b, 7);
    const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648);
    const x = new Tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => levels[next() % levels.length]!), shape).requiresGrad_();
    const y = maxPool2d(x as never, options as never) as unknown as Tensor;
    const resolved = resolvePool2dOptions('MaxPool2d', options);
    const k = resolved.kernelSize[0];
    const { out, at } = referenceMaxPool(x.data, shape, k, resolved.stride[0], resolved.padding[0], resolved.dilation[0], (y.shape as number[]).slice(2));
    expect(Array.from(y.data)).toEqual(out);
    const grad = Float32Array.from({ length: y.data.length }, (_, i) => i + 1);
    y.backward(new Tensor(grad, y.shape as number[]));
    const expected = new Float32Array(x.data.length);
    at.forEach((index, o) => (expected[index]! += grad[o]!));
    expect(Array.from(x.grad!.data)).toEqual(Array.from(expected));
  });
});
