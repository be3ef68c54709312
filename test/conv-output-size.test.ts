import { describe, expect, it } from 'vitest';
import { ShapeError, convOutputSize } from 'shapecheck';
import { convOutputSizeCases } from './cases/conv-output-size.cases.js';
import { expectThrows } from './helpers.js';

describe('convOutputSize', () => {
  // the same table type-tests/conv-output-size.test-d.ts checks at the type level
  it.each(convOutputSizeCases)(
    'H=$input k=$kernel s=$stride p=$padding d=$dilation -> $output (torch)',
    ({ input, kernel, stride, padding, dilation, output }) => {
      // widened: the table's union of literals would make the compiler cross every combination
      expect(convOutputSize(input as number, kernel as number, stride as number, padding as number, dilation as number)).toBe(output);
    },
  );

  it('defaults stride 1, padding 0, dilation 1', () => {
    expect(convOutputSize(5, 3)).toBe(3);
  });

  it('is exact near 2^53 (BigInt where a product could pass it)', () => {
    expect(convOutputSize(2 ** 53 - 1, 3, 2)).toBe(4503599627370495);
    expect(convOutputSize(2 ** 53 - 1, 2 ** 25, 2 ** 25, 2 ** 25, 2 ** 26)).toBe(Number((2n ** 53n - 1n + 2n ** 26n - 2n ** 26n * (2n ** 25n - 1n) - 1n) / 2n ** 25n + 1n));
  });

  describe('throws', () => {
    it.each([
      [2, 7, 1, 0, 1, ShapeError, "ConvOutputSize: output size would be -4 = floor((2 + 0 + 0 − 1·(7 − 1) − 1) / 1) + 1, but must be at least 1: Kernel size can't be greater than actual input size"],
      [2, 7, 2, 0, 1, ShapeError, "ConvOutputSize: output size would be -2 = floor((2 + 0 + 0 − 1·(7 − 1) − 1) / 2) + 1, but must be at least 1: Kernel size can't be greater than actual input size"],
      [4, 3, 1, 1, 3, ShapeError, "ConvOutputSize: output size would be 0 = floor((4 + 1 + 1 − 3·(3 − 1) − 1) / 1) + 1, but must be at least 1: Kernel size can't be greater than actual input size"],
      [-2, 3, 1, 0, 1, RangeError, 'ConvOutputSize: input size must be a non-negative integer, got -2'],
      [2.5, 1, 1, 0, 1, TypeError, 'ConvOutputSize: input size must be a non-negative integer, got 2.5'],
      [3, 0, 1, 0, 1, RangeError, 'ConvOutputSize: kernelSize must be a positive integer, got 0 (kernel size should be greater than zero)'],
      [3, 1.5, 1, 0, 1, TypeError, 'ConvOutputSize: kernelSize must be a positive integer, got 1.5 (kernel size should be greater than zero)'],
      [3, 1, -1, 0, 1, RangeError, 'ConvOutputSize: stride must be a positive integer, got -1 (non-positive stride is not supported)'],
      [3, 1, 1, -1, 1, RangeError, 'ConvOutputSize: padding must be a non-negative integer, got -1 (negative padding is not supported)'],
      [3, 1, 1, 0, 0, RangeError, 'ConvOutputSize: dilation must be a positive integer, got 0 (dilation should be greater than zero)'],
      [Number.NaN, 1, 1, 0, 1, TypeError, 'ConvOutputSize: input size must be a non-negative integer, got NaN'],
    ] as const)('when H=%s k=%s s=%s p=%s d=%s', (input, kernel, stride, padding, dilation, errorClass, message) => {
      const call = (): unknown => convOutputSize(input as number, kernel as number, stride as number, padding as number, dilation as number);
      expectThrows(call, errorClass, message);
    });
  });
});
