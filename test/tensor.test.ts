import { describe, expect, it } from 'vitest';
import { Generator, ShapeError, Tensor, arange, full, manualSeed, ones, rand, randn, tensor, zeros } from 'shapecheck';
import { expectThrows } from './helpers.js';

describe('factories', () => {
  it('tensor(data, shape) copies the data', () => {
    const values = [1, 2, 3, 4, 5, 6];
    const t = tensor(values, [2, 3]);
    values[0] = 100;
    expect(t.shape).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('tensor(nested) infers the shape', () => {
    expect(tensor([[1, 2, 3], [4, 5, 6]]).shape).toEqual([2, 3]);
    expect(tensor([[[1], [2]]]).shape).toEqual([1, 2, 1]);
    expect(tensor(3).shape).toEqual([]);
    expect(tensor([]).shape).toEqual([0]);
  });

  it('tensor(Float32Array, shape)', () => {
    expect(tensor(new Float32Array(4), [2, 2]).toArray()).toEqual([[0, 0], [0, 0]]);
  });

  it('zeros, ones, full', () => {
    expect(zeros([2]).toArray()).toEqual([0, 0]);
    expect(ones([1, 2]).toArray()).toEqual([[1, 1]]);
    expect(full([2, 1], -1.5).toArray()).toEqual([[-1.5], [-1.5]]);
    expect(zeros([0, 3]).numel()).toBe(0);
  });

  it.each([
    [[5], [0, 1, 2, 3, 4]],
    [[2, 11, 3], [2, 5, 8]],
    [[5, 0, -2], [5, 3, 1]],
    [[0, 1, 0.25], [0, 0.25, 0.5, 0.75]],
    [[3, 3], []],
  ] as const)('arange(%j)', (args, expected) => {
    expect((arange as (...a: number[]) => Tensor).apply(null, [...args]).toArray()).toEqual(expected);
  });

  it('rand and randn are reproducible with a seed and with manualSeed', () => {
    expect(Array.from(rand([5], { seed: 3 }).data)).toEqual(Array.from(rand([5], { seed: 3 }).data));
    expect(Array.from(randn([5], { seed: 3 }).data)).not.toEqual(Array.from(randn([5], { seed: 4 }).data));
    manualSeed(11);
    const a = Array.from(randn([4]).data);
    manualSeed(11);
    expect(Array.from(randn([4]).data)).toEqual(a);
  });

  it('rand is in [0, 1) and randn has about mean 0, variance 1', () => {
    const u = rand([20000], { seed: 1 }).data;
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const n = randn([20000], { seed: 1 }).data;
    const mean = n.reduce((s, v) => s + v, 0) / n.length;
    const variance = n.reduce((s, v) => s + (v - mean) ** 2, 0) / n.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('Generator gives the same sequence for the same seed', () => {
    const a = new Generator(5);
    const b = new Generator(5);
    expect([a.nextUint32(), a.uniform(), a.normal()]).toEqual([b.nextUint32(), b.uniform(), b.normal()]);
  });

  describe('throws', () => {
    it('when the data does not fill the shape', () => {
      expectThrows(() => tensor([1, 2, 3] as number[], [2, 2]), ShapeError, 'tensor: data has 3 elements, but shape [2, 2] needs 4');
    });
    it('when nested arrays are ragged', () => {
      const ragged = [[1, 2, 3], [4, 5]] as unknown as number[][];
      expectThrows(
        () => tensor(ragged),
        ShapeError,
        'tensor: nested arrays must be rectangular: expected sequences of equal length at each dim (expected sequence of length 3 at dim 1 (got 2))',
      );
    });
    it.each([[[2, -1]], [[1.5]], [[Number.NaN]]])('when a dim is not a size: %j', (shape) => {
      expect(() => zeros(shape as number[])).toThrow(RangeError);
    });
    it('arange with a step that cannot reach the end', () => {
      expect(() => arange(0, 5, -1)).toThrow(RangeError);
      expect(() => arange(0, 5, 0)).toThrow('arange: step must be nonzero');
    });
  });
});

describe('Tensor', () => {
  it('reshape shares the data and infers -1', () => {
    const x = arange(24);
    const y = x.reshape([2, -1, 4]);
    expect(y.shape).toEqual([2, 3, 4]);
    expect(y.data).toBe(x.data);
  });

  it.each([
    [[6], [4, 2], ShapeError, "reshape: shape '[4, 2]' is invalid for input of size 6"],
    [[6], [4, -1], ShapeError, "reshape: shape '[4, -1]' is invalid for input of size 6"],
    [[6], [-1, -1], RangeError, 'reshape: only one dimension can be inferred (-1), and every other must be a non-negative integer, got [-1, -1]'],
    [[0], [0, -1], ShapeError, "reshape: shape '[0, -1]' is invalid for input of size 0"],
  ] as const)('reshape %j -> %j throws', (shape, target, errorClass, message) => {
    const t = zeros(shape as readonly number[]) as Tensor<number[]>;
    expectThrows(() => t.reshape(target as readonly number[]), errorClass, message);
  });

  it('toArray nests by the shape', () => {
    expect(arange(6).reshape([2, 3]).toArray()).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(arange(6).reshape([3, 1, 2]).toArray()).toEqual([[[0, 1]], [[2, 3]], [[4, 5]]]);
    expect(tensor(7).toArray()).toBe(7);
    expect(zeros([2, 0]).toArray()).toEqual([[], []]);
  });

  it('get reads one element, negative indices from the end', () => {
    const x = arange(6).reshape([2, 3]);
    expect(x.get(1, 2)).toBe(5);
    expect(x.get(-1, -3)).toBe(3);
    expect(() => x.get(2, 0)).toThrow('get: index 2 is out of bounds for dimension 0 with size 2');
    expect(() => (x.get as (...i: number[]) => number)(1)).toThrow(RangeError);
  });

  it('the shape is frozen, the data can be replaced in place', () => {
    const x = zeros([2]);
    expect(Object.isFrozen(x.shape)).toBe(true);
    x.data.set([3, 4]);
    expect(x.toArray()).toEqual([3, 4]);
  });

  it('prints like PyTorch', () => {
    expect(String(arange(16).reshape([1, 1, 4, 4]))).toBe(
      'tensor([[[[ 0.,  1.,  2.,  3.],\n          [ 4.,  5.,  6.,  7.],\n          [ 8.,  9., 10., 11.],\n          [12., 13., 14., 15.]]]])',
    );
  });

  it('the constructor checks the data length', () => {
    expect(() => new Tensor(new Float32Array(3), [2, 2])).toThrow(ShapeError);
  });
});
