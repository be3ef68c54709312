// Shape rules on symbolic dims (issue 11): convolutions and pools of a dim expression give the
// exact expression. The shared table (test/cases/symbolic.cases.ts, also checked by the types in
// type-tests/symbolic.test-d.ts) against the runtime engine, and every row evaluated at each size
// 0..300 against the numeric formulas (themselves checked against PyTorch).
import { describe, expect, it } from 'vitest';
import { conv2dOutputShape, maxPool2dOutputShape, avgPool2dOutputShape } from 'shapecheck';
import { symbolicCases } from './cases/symbolic.cases.js';
import { spatialOutputSize } from '../src/shape/conv-output-size.js';
import { poolOutputSize } from '../src/shape/pool2d.js';
import { evaluateSum, namesOf, parseDim } from '../src/shape/symbolic.js';

describe('symbolic dims: convolutions and pools of an expression (the shared table)', () => {
  for (const c of symbolicCases) {
    const name = `${c.op} on ${c.input}: k=${c.kernel} s=${c.stride} p=${c.padding} d=${c.dilation}${c.ceilMode ? ' ceil' : ''} -> ${c.output}`;
    it(name, () => {
      const got = c.op === 'conv' ? spatialOutputSize(c.input, c.padding, c.padding, c.kernel, c.stride, c.dilation) : poolOutputSize(c.input, c.kernel, c.padding, c.stride, c.dilation, c.ceilMode);
      expect(got).toBe(c.output);
      const input = parseDim(c.input);
      const output = parseDim(c.output);
      const [symbol] = namesOf(input);
      let checked = 0;
      for (let size = 0; size <= 300; size++) {
        const value = Number(evaluateSum(input, { [symbol!]: size }));
        if (value < 1) continue;
        const numeric = c.op === 'conv' ? spatialOutputSize(value, c.padding, c.padding, c.kernel, c.stride, c.dilation) : poolOutputSize(value, c.kernel, c.padding, c.stride, c.dilation, c.ceilMode);
        if (typeof numeric !== 'number' || numeric < 1) continue; // too small: a requirement, not a size
        expect(Number(evaluateSum(output, { [symbol!]: size })), `${symbol} = ${size}`).toBe(numeric);
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
    });
  }
});

describe('symbolic dims: the shape functions', () => {
  it("conv2dOutputShape(['batch', 3, 'H', 'W'], ResNet's stem) gives ['batch', 64, '(H+1)//2', '(W+1)//2']", () => {
    expect(conv2dOutputShape(['batch', 3, 'H', 'W'], { inChannels: 3, outChannels: 64, kernelSize: 7, stride: 2, padding: 3, bias: false })).toEqual(['batch', 64, '(H+1)//2', '(W+1)//2']);
  });
  it('its max pool gives (H+3)//4', () => {
    expect(maxPool2dOutputShape(['batch', 64, '(H+1)//2', '(W+1)//2'], { kernelSize: 3, stride: 2, padding: 1 })).toEqual(['batch', 64, '(H+3)//4', '(W+3)//4']);
  });
  it('a literal and a symbolic dim side by side; an unbatched input', () => {
    expect(conv2dOutputShape([3, 224, 'W'], { inChannels: 3, outChannels: 8, kernelSize: [3, 5], stride: 2 })).toEqual([8, 111, '(W-3)//2']);
    expect(avgPool2dOutputShape([2, 8, 'H', 7], { kernelSize: 2, ceilMode: true })).toEqual([2, 8, '(H+1)//2', 4]);
  });
  it('the channel count is still checked; a dim outside the grammar is refused by name', () => {
    expect(() => conv2dOutputShape(['batch', 4, 'H', 'W'] as const, { inChannels: 3, outChannels: 8, kernelSize: 3 } as never)).toThrow('expected input[batch, 4, H, W] to have 3 channels, but got 4 channels instead');
    expect(() => conv2dOutputShape(['batch', 3, 'H W', 'W'], { inChannels: 3, outChannels: 8, kernelSize: 3 })).toThrow(
      "Conv2d: input height must be a non-negative integer or a dim expression, got 'H W' (dim expression 'H W': unexpected 'W' at position 2)",
    );
  });
});
