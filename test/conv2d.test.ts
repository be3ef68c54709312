import { describe, expect, it } from 'vitest';
import { ShapeError, conv2dOutputShape, resolveConv2dOptions, type Conv2dOptions } from 'shapecheck';
import { conv2dErrorCases, conv2dShapeCases } from './cases/conv2d.cases.js';
import { expectThrows } from './helpers.js';

// the runtime twin, called as plain JavaScript would (the type-level errors are tested in type-tests/)
const outputShape = conv2dOutputShape as (input: readonly number[], options: Conv2dOptions) => number[];
const errorClasses = { ShapeError, RangeError, TypeError } as const;

describe('conv2dOutputShape', () => {
  // the same tables type-tests/conv2d.test-d.ts checks at the type level
  it.each(conv2dShapeCases)('$name -> $output (torch)', ({ input, options, output }) => {
    expect(outputShape(input, options)).toEqual(output);
  });

  it.each([
    ['x=[1,1,4,4] k=3', [1, 1, 4, 4], { kernelSize: 3 }, [1, 1, 2, 2]],
    ['x=[1,1,5,5] k=4 p=2', [1, 1, 5, 5], { kernelSize: 4, padding: 2 }, [1, 1, 6, 6]],
    ['x=[1,1,4,4] k=1 p=1 mode=zeros', [1, 1, 4, 4], { kernelSize: 1, padding: 1 }, [1, 1, 6, 6]],
    ['x=[1,1,4,4] k=1 p=1 mode=reflect', [1, 1, 4, 4], { kernelSize: 1, padding: 1, paddingMode: 'reflect' }, [1, 1, 6, 6]],
    ['x=[1,1,4,4] k=1 p=2 mode=replicate', [1, 1, 4, 4], { kernelSize: 1, padding: 2, paddingMode: 'replicate' }, [1, 1, 8, 8]],
    ['x=[1,1,4,4] k=1 p=2 mode=circular', [1, 1, 4, 4], { kernelSize: 1, padding: 2, paddingMode: 'circular' }, [1, 1, 8, 8]],
    ['x=[1,1,5,5] k=3 d=1', [1, 1, 5, 5], { kernelSize: 3 }, [1, 1, 3, 3]],
    ['x=[1,1,5,5] k=3 d=2', [1, 1, 5, 5], { kernelSize: 3, dilation: 2 }, [1, 1, 1, 1]],
  ] as const)('seed example %s', (_name, input, extra, output) => {
    expect(outputShape(input, { inChannels: 1, outChannels: 1, ...extra })).toEqual(output);
  });

  it('x=[1,3,2^53-1,2^53-1] k=3 p=1 s=[1,2] stays exact', () => {
    const big = 2 ** 53 - 1;
    expect(outputShape([1, 3, big, big], { inChannels: 3, outChannels: 8, kernelSize: 3, padding: 1, stride: [1, 2] })).toEqual([1, 8, big, 4503599627370496]);
  });

  describe('throws', () => {
    it.each(conv2dErrorCases)('$error when $name', ({ input, options, error, message, torch }) => {
      const call = (): unknown => outputShape(input, options as Conv2dOptions);
      expectThrows(call, errorClasses[error], message);
      // PyTorch rejects the same configuration (recorded when the table was generated)
      expect(torch).toMatch(/^(RuntimeError|ValueError|TypeError): /);
    });

    it.each([
      ['padding=full', { padding: 'full' }, TypeError, "Conv2d: padding must be a number, a pair of numbers, 'valid' or 'same', got 'full' (Invalid padding string 'full', should be one of {'valid', 'same'})"],
      ['paddingMode=mirror', { paddingMode: 'mirror' }, TypeError, "Conv2d: paddingMode must be one of 'zeros', 'reflect', 'replicate', 'circular', but got paddingMode='mirror' (padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'})"],
      ['kernelSize=[3]', { kernelSize: [3] }, TypeError, 'Conv2d: kernelSize must be a number or a pair of numbers, got [3] (expected kernel_size to be a single integer value or a list of 2 values to match the convolution dimensions)'],
      ['padding=[1,2,3]', { padding: [1, 2, 3] }, TypeError, "Conv2d: padding must be a number, a pair of numbers, 'valid' or 'same', got [1, 2, 3] (expected padding to be a single integer value or a list of 2 values to match the convolution dimensions)"],
      ['stride=NaN', { stride: Number.NaN }, TypeError, 'Conv2d: stride must be a positive integer, got NaN (non-positive stride is not supported)'],
      ['bias=1', { bias: 1 }, TypeError, 'Conv2d: bias must be a boolean, got 1'],
    ] as const)('%s (options a JavaScript caller can pass)', (_name, extra, errorClass, message) => {
      const call = (): unknown => outputShape([1, 3, 8, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, ...extra } as unknown as Conv2dOptions);
      expectThrows(call, errorClass, message);
    });

    it.each([
      ['x=[1,3,8.5,8]', [1, 3, 8.5, 8], TypeError, 'Conv2d: input height must be a non-negative integer, got 8.5'],
      ['x=[-1,3,8,8]', [-1, 3, 8, 8], RangeError, 'Conv2d: input batch must be a non-negative integer, got -1'],
      ['x=[3,8,-8]', [3, 8, -8], RangeError, 'Conv2d: input width must be a non-negative integer, got -8'],
    ] as const)('%s (a dim that is not a size)', (_name, input, errorClass, message) => {
      const call = (): unknown => outputShape(input, { inChannels: 3, outChannels: 2, kernelSize: 3 });
      expectThrows(call, errorClass, message);
    });
  });
});

describe('resolveConv2dOptions', () => {
  it.each([
    ['k=3 p=same', { kernelSize: 3, padding: 'same' }, [1, 1, 1, 1]],
    ['k=4 p=same (odd extra at bottom/right)', { kernelSize: 4, padding: 'same' }, [1, 2, 1, 2]],
    ['k=[2,5] d=[3,2] p=same', { kernelSize: [2, 5], dilation: [3, 2], padding: 'same' }, [1, 2, 4, 4]],
    ['k=3 p=valid', { kernelSize: 3, padding: 'valid' }, [0, 0, 0, 0]],
    ['k=3 p=[1,2]', { kernelSize: 3, padding: [1, 2] }, [1, 1, 2, 2]],
  ] as const)('%s -> per-side padding', (_name, extra, padding) => {
    expect(resolveConv2dOptions({ inChannels: 1, outChannels: 1, ...extra }).padding).toEqual(padding);
  });

  it('fills the defaults as nn.Conv2d', () => {
    expect(resolveConv2dOptions({ inChannels: 2, outChannels: 4, kernelSize: [3, 5] })).toEqual({
      inChannels: 2,
      outChannels: 4,
      kernelSize: [3, 5],
      stride: [1, 1],
      dilation: [1, 1],
      groups: 1,
      padding: [0, 0, 0, 0],
      paddingMode: 'zeros',
      bias: true,
    });
  });
});
