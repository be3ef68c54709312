import { describe, expect, it } from 'vitest';
import {
  Conv2d,
  Linear,
  arange,
  full,
  ones,
  rand,
  randn,
  writeTensorTooLargeMessage,
  zeros,
} from 'shapecheck';
import { setWasmEnabled } from '../src/kernels/wasm.js';
import { MAX_TENSOR_ELEMENTS } from '../src/tensor/allocate.js';
import { expectThrows } from './helpers.js';

describe('tensors larger than a Float32Array holds get our message, with the size and the limit', () => {
  const tooLarge = [
    ['2^53', [2 ** 53]],
    ['2^32 + 1', [2 ** 32 + 1]],
    ['2^17 × 2^17', [2 ** 17, 2 ** 17]],
  ] as const;
  const factories = [
    ['zeros', (shape: readonly number[]) => zeros(shape)],
    ['ones', (shape: readonly number[]) => ones(shape)],
    ['full', (shape: readonly number[]) => full(shape, 7)],
    ['rand', (shape: readonly number[]) => rand(shape)],
    ['randn', (shape: readonly number[]) => randn(shape)],
  ] as const;
  it.each(factories.flatMap(([op, make]) => tooLarge.map(([label, shape]) => [op, label, make, shape] as const)))('%s(%s)', (op, _label, make, shape) => {
    expectThrows(() => make(shape), RangeError, writeTensorTooLargeMessage(op, shape));
  });

  it('the message names the size and the limit', () => {
    expect(writeTensorTooLargeMessage('zeros', [2 ** 53])).toBe(
      `zeros: a tensor of shape [9007199254740992] has 9007199254740992 elements, more than the ${MAX_TENSOR_ELEMENTS} a Float32Array holds`,
    );
  });

  it('arange past the limit', () => {
    expectThrows(() => arange(2 ** 33), RangeError, writeTensorTooLargeMessage('arange', [2 ** 33]));
  });

  it.each([
    ['Conv2d outChannels=2^31', () => new Conv2d({ inChannels: 16, outChannels: 2 ** 31, kernelSize: 3 }), writeTensorTooLargeMessage('Conv2d', [2 ** 31, 16, 3, 3])],
    ['Linear 2^20 × 2^20', () => new Linear({ inFeatures: 2 ** 20, outFeatures: 2 ** 20 }), writeTensorTooLargeMessage('Linear', [2 ** 20, 2 ** 20])],
  ] as const)('%s: refused before any parameter is drawn', (_label, make, message) => {
    expectThrows(make, RangeError, message);
  });
});

describe('factories cost what allocation costs', () => {
  // before: zeros filled the fresh (already zeroed) array, 5.7 s for 2^31 elements here
  it('zeros([2 ** 31]) returns at once, all zeros where read', { timeout: 2000 }, () => {
    const x = zeros([2 ** 31]);
    expect(x.numel()).toBe(2 ** 31);
    expect([x.data[0], x.data[2 ** 30], x.data[2 ** 31 - 1]]).toEqual([0, 0, 0]);
  });

  it.each([
    ['zeros', () => zeros([3]), [0, 0, 0]],
    ['ones', () => ones([3]), [1, 1, 1]],
    ['full 7', () => full([3], 7), [7, 7, 7]],
    ['full NaN', () => full([2], Number.NaN), [Number.NaN, Number.NaN]],
  ] as const)('%s holds its value', (_label, make, values) => {
    expect(Array.from(make().data)).toEqual(values);
  });

  it('full(shape, -0) holds -0, not the +0 of a fresh array', () => {
    expect(Object.is(full([1], -0).data[0], -0)).toBe(true);
  });

  it('full with a value that is not a number is a TypeError', () => {
    expectThrows(() => full([2], '1' as never), TypeError, 'full: value must be a number, got 1');
  });
});

describe('a convolution larger than the WebAssembly arena runs on the TypeScript kernels', () => {
  // 1·16·4096·4096 floats in and out: 2 GiB, more than the arena's 32-bit pointers reach; this
  // threw "RangeError: Invalid typed array length" from the arena before
  it.each([true, false])('1×1 conv of [1, 16, 4096, 4096] (WebAssembly enabled: %s)', { timeout: 60_000 }, (wasm) => {
    setWasmEnabled(wasm);
    try {
      const conv = new Conv2d({ inChannels: 16, outChannels: 16, kernelSize: 1 }, { seed: 1 });
      conv.weight.data.fill(0.5);
      conv.bias.data.set(Array.from({ length: 16 }, (_, i) => i));
      const y = conv.forward(ones([1, 16, 4096, 4096]));
      expect(y.shape).toEqual([1, 16, 4096, 4096]);
      const plane = 4096 * 4096;
      for (const c of [0, 7, 15]) {
        for (const at of [0, 12345, plane - 1]) expect(y.data[c * plane + at]).toBe(8 + c);
      }
    } finally {
      setWasmEnabled(true);
    }
  });
});
