import { describe, expect, it } from 'vitest';
import { ShapeError, Tensor, add, arange, cat, randn, tensor } from 'shapecheck';
import { expectThrows } from './helpers.js';

const call = add as (a: Tensor, b: Tensor) => Tensor;
const join = cat as (tensors: readonly Tensor[], dim: number) => Tensor;

/** A plain reference for broadcasting: index each input by the output's multi-index. */
function referenceAdd(a: Tensor, b: Tensor, outShape: number[]): number[] {
  const sa = a.shape as readonly number[];
  const sb = b.shape as readonly number[];
  const result: number[] = [];
  const total = outShape.reduce((x, y) => x * y, 1);
  for (let flat = 0; flat < total; flat++) {
    const index: number[] = [];
    let rest = flat;
    for (let d = outShape.length - 1; d >= 0; d--) {
      index[d] = rest % (outShape[d] as number);
      rest = Math.floor(rest / (outShape[d] as number));
    }
    const at = (shape: readonly number[], data: Float32Array): number => {
      let offset = 0;
      shape.forEach((size, i) => {
        const d = index[i + outShape.length - shape.length] as number;
        offset = offset * size + (size === 1 ? 0 : d);
      });
      return data[offset] as number;
    };
    result.push(at(sa, a.data) + at(sb, b.data));
  }
  return result;
}

describe('add', () => {
  it.each([
    [[2, 3], [2, 3], [2, 3]],
    [[8, 1, 6, 1], [7, 1, 5], [8, 7, 6, 5]],
    [[1, 4, 3, 3], [4, 1, 1], [1, 4, 3, 3]],
    [[3], [2, 1], [2, 3]],
    [[5], [], [5]],
    [[0, 3], [3], [0, 3]],
  ])('a=%j b=%j -> %j', (shapeA, shapeB, outShape) => {
    const a = randn(shapeA, { seed: 1 });
    const b = randn(shapeB, { seed: 2 });
    const y = call(a, b);
    expect(y.shape).toEqual(outShape);
    expect(Array.from(y.data)).toEqual(referenceAdd(a, b, outShape).map(Math.fround));
  });

  it('a=[2,4] b=[3] throws with the sizes and the dimension', () => {
    expectThrows(() => call(arange(8).reshape([2, 4]), arange(3)), ShapeError, 'add: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1');
  });
});

describe('cat', () => {
  it('dim 1 of [1,2,2,2] and [1,1,2,2]: channels stacked in order', () => {
    const a = arange(8).reshape([1, 2, 2, 2]);
    const b = tensor([[[[100, 101], [102, 103]]]]);
    const y = join([a, b], 1);
    expect(y.shape).toEqual([1, 3, 2, 2]);
    expect(y.toArray()).toEqual([[[[0, 1], [2, 3]], [[4, 5], [6, 7]], [[100, 101], [102, 103]]]]);
  });

  it('dim 0 and the last dim', () => {
    expect(join([arange(4).reshape([2, 2]), arange(2).reshape([1, 2])], 0).toArray()).toEqual([[0, 1], [2, 3], [0, 1]]);
    expect(join([arange(4).reshape([2, 2]), arange(2).reshape([2, 1])], 1).toArray()).toEqual([[0, 1, 0], [2, 3, 1]]);
  });

  it('throws for a mismatch outside dim, for different ranks and for a bad dim', () => {
    expectThrows(
      () => join([randn([1, 4, 2]), randn([1, 3, 5])], 1),
      ShapeError,
      'cat: Sizes of tensors must match except in dimension 1. Expected size 2 but got size 5 for tensor number 1 in the list.',
    );
    expect(() => join([randn([2, 2]), randn([2])], 0)).toThrow(ShapeError);
    expect(() => join([randn([2, 2])], 2)).toThrow(RangeError);
  });
});
