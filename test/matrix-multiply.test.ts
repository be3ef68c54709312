// The matrix product Linear and matmul run on (src/kernels/wasm.ts matrixMultiply: the WebAssembly
// SIMD micro-kernel above 32,768 multiply-adds, TypeScript below), against a plain float64 triple
// loop: generated sizes on both sides of the threshold and of every block edge (4×8 tiles, 256
// deep, 512 wide), transposed and strided operands, offsets, C with a row stride wider than its
// rows (the gaps must keep their values), and accumulation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gemm, type MatrixView } from '../src/kernels/gemm.js';
import { matrixMultiply, setWasmEnabled } from '../src/kernels/wasm.js';

interface Case {
  m: number;
  n: number;
  k: number;
  transposeA: boolean;
  transposeB: boolean;
  offset: number;
  gap: number;
  accumulate: boolean;
  seed: number;
}

function run(c: Case, multiply: typeof gemm): { actual: Float32Array; expected: Float64Array } {
  let state = c.seed >>> 0;
  const random = (size: number): Float32Array =>
    Float32Array.from({ length: size }, () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1);
  const { m, n, k, offset, gap } = c;
  const aData = random(offset + m * k);
  const bData = random(offset + k * n);
  const a: MatrixView = c.transposeA ? { data: aData, offset, rowStride: 1, colStride: m } : { data: aData, offset, rowStride: k, colStride: 1 };
  const b: MatrixView = c.transposeB ? { data: bData, offset, rowStride: 1, colStride: k } : { data: bData, offset, rowStride: n, colStride: 1 };
  const ldc = n + gap;
  const actual = random(offset + m * ldc);
  const expected = Float64Array.from(actual);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += aData[a.offset + i * a.rowStride + p * a.colStride]! * bData[b.offset + p * b.rowStride + j * b.colStride]!;
      const at = offset + i * ldc + j;
      expected[at] = (c.accumulate ? expected[at]! : 0) + sum;
    }
  }
  multiply(m, n, k, a, b, actual, offset, ldc, c.accumulate);
  return { actual, expected };
}

function expectProduct(c: Case, multiply: typeof gemm): void {
  const { actual, expected } = run(c, multiply);
  // float32 sums of k products of values in (−1, 1): the error grows like √k
  const tolerance = 1e-5 * (1 + Math.sqrt(c.k)) * 4;
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i]! - expected[i]!) <= tolerance)) expect.fail(`index ${i}: ${actual[i]} instead of ${expected[i]} (${JSON.stringify(c)})`);
  }
}

const sizes = fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 30, max: 70 }), fc.constantFrom(255, 256, 257, 511, 512, 513));
const cases = fc.record({
  m: sizes,
  n: sizes,
  k: sizes,
  transposeA: fc.boolean(),
  transposeB: fc.boolean(),
  offset: fc.constantFrom(0, 3),
  gap: fc.constantFrom(0, 5),
  accumulate: fc.boolean(),
  seed: fc.integer(),
}).filter((c) => c.m * c.n * c.k <= 4_000_000);

describe('matrixMultiply against a float64 triple loop', () => {
  it('WebAssembly where large enough, 150 generated products', () => {
    fc.assert(fc.property(cases, (c) => expectProduct(c, matrixMultiply)), { numRuns: 150, seed: 11 });
  });

  it('TypeScript (WebAssembly disabled), 60 generated products', () => {
    setWasmEnabled(false);
    try {
      fc.assert(fc.property(cases, (c) => expectProduct(c, matrixMultiply)), { numRuns: 60, seed: 12 });
    } finally {
      setWasmEnabled(true);
    }
  });

  it.each([
    [64, 120, 400],
    [400, 120, 64],
    [300, 600, 300],
  ])('m=%i n=%i k=%i transposed B with a row gap, accumulating', (m, n, k) => {
    expectProduct({ m, n, k, transposeA: false, transposeB: true, offset: 3, gap: 5, accumulate: true, seed: m }, matrixMultiply);
  });
});
