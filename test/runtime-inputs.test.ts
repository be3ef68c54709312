import { describe, expect, it } from 'vitest';
import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  BatchNorm2d,
  Conv2d,
  Dropout,
  Flatten,
  GELU,
  LeakyReLU,
  Linear,
  MaxPool2d,
  ReLU,
  ReLU6,
  ShapeError,
  Sigmoid,
  Tanh,
  Tensor,
  adaptiveAvgPool2d,
  add,
  avgPool2d,
  batchNorm2d,
  cat,
  conv2d,
  flatten,
  gelu,
  leakyRelu,
  linear,
  maxPool2d,
  ones,
  pad,
  relu,
  relu6,
  sigmoid,
  tanh,
  writeNotATensorMessage,
  writeTensorDataMessage,
  zeros,
} from 'shapecheck';
import { expectThrows } from './helpers.js';

/** Every op and layer that reads a tensor, called on `x` (a `[1, 2, 4, 4]` input where it is a tensor). */
const calls: readonly (readonly [op: string, call: (x: unknown) => unknown])[] = [
  ['Conv2d', (x) => new Conv2d({ inChannels: 2, outChannels: 2, kernelSize: 3 }).forward(x as never)],
  ['conv2d', (x) => conv2d(x as never, ones([2, 2, 3, 3]), null)],
  ['MaxPool2d', (x) => new MaxPool2d({ kernelSize: 2 }).forward(x as never)],
  ['MaxPool2d', (x) => maxPool2d(x as never, { kernelSize: 2 })],
  ['AvgPool2d', (x) => new AvgPool2d({ kernelSize: 2 }).forward(x as never)],
  ['AvgPool2d', (x) => avgPool2d(x as never, { kernelSize: 2 })],
  ['AdaptiveAvgPool2d', (x) => new AdaptiveAvgPool2d({ outputSize: 1 }).forward(x as never)],
  ['AdaptiveAvgPool2d', (x) => adaptiveAvgPool2d(x as never, 1)],
  ['BatchNorm2d', (x) => new BatchNorm2d({ numFeatures: 2 }).forward(x as never)],
  ['BatchNorm2d', (x) => batchNorm2d(x as never, null, null, null, null)],
  ['Linear', (x) => new Linear({ inFeatures: 4, outFeatures: 3 }).forward(x as never)],
  ['linear', (x) => linear(x as never, ones([3, 4]) as never)],
  ['flatten', (x) => new Flatten().forward(x as never)],
  ['flatten', (x) => flatten(x as never)],
  ['Dropout', (x) => new Dropout().forward(x as never)],
  ['relu', (x) => new ReLU().forward(x as never)],
  ['relu', (x) => relu(x as never)],
  ['relu6', (x) => new ReLU6().forward(x as never)],
  ['relu6', (x) => relu6(x as never)],
  ['leakyRelu', (x) => new LeakyReLU().forward(x as never)],
  ['leakyRelu', (x) => leakyRelu(x as never)],
  ['sigmoid', (x) => new Sigmoid().forward(x as never)],
  ['sigmoid', (x) => sigmoid(x as never)],
  ['tanh', (x) => new Tanh().forward(x as never)],
  ['tanh', (x) => tanh(x as never)],
  ['gelu', (x) => new GELU().forward(x as never)],
  ['gelu', (x) => gelu(x as never)],
  ['pad', (x) => pad(x as never, [1, 1] as never)],
];

/** Values that are not tensors, and how the message names them. */
const notTensors: readonly (readonly [what: string, value: unknown])[] = [
  ['a plain object', { shape: [1, 2, 4, 4], data: new Float32Array(32) }],
  ['an array', [[1, 2], [3, 4]]],
  ['null', null],
  ['undefined', undefined],
  ['a number (3)', 3],
  ["a string ('x')", 'x'],
  ['a Float32Array', new Float32Array(32)],
];

/** A `[1, 2, 4, 4]` tensor whose buffer was transferred away, so its data is empty. */
function detached(): Tensor {
  const x = ones([1, 2, 4, 4]);
  const buffer = x.data.buffer as ArrayBuffer;
  structuredClone(buffer, { transfer: [buffer] });
  return x;
}

describe('ops refuse what is not a tensor', () => {
  const cases = calls.flatMap(([op, call], i) => notTensors.map(([what, value]) => [`#${i} ${op}`, what, op, call, value] as const));
  it.each(cases)('%s input=%s', (_label, what, op, call, value) => {
    expectThrows(() => call(value), TypeError, `${op}: input must be a Tensor, got ${what} (argument 'input' must be Tensor)`);
  });

  it.each(calls.map(([op, call], i) => [`#${i} ${op}`, op, call] as const))('%s input=detached data', (_label, op, call) => {
    expectThrows(() => call(detached()), ShapeError, writeTensorDataMessage(op, 'input', 0, [1, 2, 4, 4]));
  });

  it.each([
    ['add a', () => add({ shape: [2], data: new Float32Array(2) } as never, zeros([2]) as never), writeNotATensorMessage('add', 'a', {})],
    ['add b', () => add(zeros([2]), null as never), writeNotATensorMessage('add', 'b', null)],
    ['cat tensors[1]', () => cat([zeros([2]), [0, 0]] as never, 0 as never), writeNotATensorMessage('cat', 'tensors[1]', [])],
    ['conv2d weight', () => conv2d(zeros([1, 1, 3, 3]), {} as never, null), writeNotATensorMessage('conv2d', 'weight', {})],
    ['conv2d bias', () => conv2d(zeros([1, 1, 3, 3]), ones([1, 1, 3, 3]), [1] as never), writeNotATensorMessage('conv2d', 'bias', [])],
    ['linear weight', () => linear(zeros([2, 4]), 'w' as never), writeNotATensorMessage('linear', 'weight', 'w')],
    ['batchNorm2d runningVar', () => batchNorm2d(zeros([1, 2, 2, 2]), zeros([2]), {} as never, null, null), writeNotATensorMessage('BatchNorm2d', 'runningVar', {})],
  ] as const)('%s: not a tensor', (_label, call, message) => {
    expectThrows(call, TypeError, message);
  });
});

describe("a tensor's data and shape cannot be replaced", () => {
  it.each([
    ['data', (x: Tensor) => ((x as { data: Float32Array }).data = new Float32Array(10))],
    ['data (same length)', (x: Tensor) => ((x as { data: Float32Array }).data = new Float32Array(32))],
    ['shape', (x: Tensor) => ((x as { shape: readonly number[] }).shape = [32])],
  ] as const)('assigning %s throws a TypeError and changes nothing', (_what, assign) => {
    const x = ones([1, 2, 4, 4]);
    const before = x.data;
    expect(() => assign(x)).toThrow(TypeError);
    expect(x.data).toBe(before);
    expect(x.shape).toEqual([1, 2, 4, 4]);
    // and the conv still gives the right answer
    const conv = new Conv2d({ inChannels: 2, outChannels: 1, kernelSize: 4, bias: false });
    conv.weight.data.fill(1);
    expect(conv.forward(x).toArray()).toEqual([[[[32]]]]);
  });

  it('in-place writes through data.set still work', () => {
    const x = zeros([2]);
    x.data.set([1, 2]);
    expect(x.toArray()).toEqual([1, 2]);
  });

  it.each([
    ['an array', [1, 2]],
    ['null', null],
    ['a Float64Array', new Float64Array(2)],
  ] as const)('new Tensor(data=%s) is a TypeError', (_what, data) => {
    expect(() => new Tensor(data as never, [2])).toThrow(TypeError);
  });
});
