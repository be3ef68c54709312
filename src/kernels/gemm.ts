/**
 * Single-precision matrix multiply on flat buffers, cache-blocked and register-tiled (the
 * Goto/BLIS scheme, in plain TypeScript): blocks of A and B are packed into contiguous panels
 * (which also makes transposes free: any row/column strides are accepted), and a 4×4 micro-kernel
 * keeps 16 accumulators in registers over each panel.
 *
 * Knows nothing of tensors or shapes: buffers, sizes and strides only.
 *
 * @packageDocumentation
 */

/** Rows of A per micro-tile. */
const MR = 4;
/** Columns of B per micro-tile. */
const NR = 4;
/** Depth of a packed block (A's columns, B's rows): keeps a B panel in L1. */
const KC = 256;
/** Rows of a packed A block: keeps it in L2. */
const MC = 128;
/** Columns of a packed B block. */
const NC = 2048;

let packA = new Float32Array(MC * KC);
let packB = new Float32Array(KC * NC);

/** A strided view of a matrix: element (i, j) is `data[offset + i·rowStride + j·colStride]`. */
export interface MatrixView {
  readonly data: Float32Array;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/**
 * `C = A·B` (or `C += A·B` when `accumulate`), A `m×k`, B `k×n`, C row-major `m×n` at
 * `c[cOffset + i·ldc + j]`. Scratch memory is bounded: `(MC + NC)·KC` floats, reused across calls.
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: Float32Array,
  cOffset: number,
  ldc: number,
  accumulate: boolean,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) for (let i = 0; i < m; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + n);
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      const add = accumulate || pc > 0;
      packPanelsB(b, pc, kc, jc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanelsA(a, ic, mc, pc, kc);
        macroKernel(mc, nc, kc, c, cOffset + ic * ldc + jc, ldc, add);
      }
    }
  }
}

/** Packs B[pc.., jc..] (kc × nc) into panels of NR columns: panel-major, then depth, then column. */
function packPanelsB(b: MatrixView, pc: number, kc: number, jc: number, nc: number): void {
  const panels = Math.ceil(nc / NR);
  if (packB.length < panels * NR * kc) packB = new Float32Array(panels * NR * kc);
  const out = packB;
  const { data, offset, rowStride, colStride } = b;
  let o = 0;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = Math.min(NR, nc - jp);
    const base = offset + pc * rowStride + (jc + jp) * colStride;
    if (cols === NR && colStride === 1) {
      for (let p = 0; p < kc; p++) {
        const src = base + p * rowStride;
        out[o] = data[src] as number;
        out[o + 1] = data[src + 1] as number;
        out[o + 2] = data[src + 2] as number;
        out[o + 3] = data[src + 3] as number;
        o += NR;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const src = base + p * rowStride;
        for (let j = 0; j < NR; j++) out[o + j] = j < cols ? (data[src + j * colStride] as number) : 0;
        o += NR;
      }
    }
  }
}

/** Packs A[ic.., pc..] (mc × kc) into panels of MR rows: panel-major, then depth, then row. */
function packPanelsA(a: MatrixView, ic: number, mc: number, pc: number, kc: number): void {
  const panels = Math.ceil(mc / MR);
  if (packA.length < panels * MR * kc) packA = new Float32Array(panels * MR * kc);
  const out = packA;
  const { data, offset, rowStride, colStride } = a;
  let o = 0;
  for (let ip = 0; ip < mc; ip += MR) {
    const rows = Math.min(MR, mc - ip);
    const base = offset + (ic + ip) * rowStride + pc * colStride;
    if (rows === MR && colStride === 1) {
      const r1 = base + rowStride;
      const r2 = r1 + rowStride;
      const r3 = r2 + rowStride;
      for (let p = 0; p < kc; p++) {
        out[o] = data[base + p] as number;
        out[o + 1] = data[r1 + p] as number;
        out[o + 2] = data[r2 + p] as number;
        out[o + 3] = data[r3 + p] as number;
        o += MR;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const src = base + p * colStride;
        for (let i = 0; i < MR; i++) out[o + i] = i < rows ? (data[src + i * rowStride] as number) : 0;
        o += MR;
      }
    }
  }
}

/** Multiplies the packed blocks into C, one MR × NR micro-tile at a time. */
function macroKernel(mc: number, nc: number, kc: number, c: Float32Array, cOffset: number, ldc: number, add: boolean): void {
  const a = packA;
  const b = packB;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = Math.min(NR, nc - jp);
    const bBase = (jp / NR) * NR * kc;
    for (let ip = 0; ip < mc; ip += MR) {
      const rows = Math.min(MR, mc - ip);
      let ai = (ip / MR) * MR * kc;
      let bi = bBase;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < kc; p++) {
        const a0 = a[ai] as number;
        const a1 = a[ai + 1] as number;
        const a2 = a[ai + 2] as number;
        const a3 = a[ai + 3] as number;
        const b0 = b[bi] as number;
        const b1 = b[bi + 1] as number;
        const b2 = b[bi + 2] as number;
        const b3 = b[bi + 3] as number;
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        ai += MR;
        bi += NR;
      }
      const o = cOffset + ip * ldc + jp;
      if (rows === MR && cols === NR) {
        if (add) {
          c[o] = (c[o] as number) + c00; c[o + 1] = (c[o + 1] as number) + c01; c[o + 2] = (c[o + 2] as number) + c02; c[o + 3] = (c[o + 3] as number) + c03;
          const o1 = o + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
          c[o1] = (c[o1] as number) + c10; c[o1 + 1] = (c[o1 + 1] as number) + c11; c[o1 + 2] = (c[o1 + 2] as number) + c12; c[o1 + 3] = (c[o1 + 3] as number) + c13;
          c[o2] = (c[o2] as number) + c20; c[o2 + 1] = (c[o2 + 1] as number) + c21; c[o2 + 2] = (c[o2 + 2] as number) + c22; c[o2 + 3] = (c[o2 + 3] as number) + c23;
          c[o3] = (c[o3] as number) + c30; c[o3 + 1] = (c[o3 + 1] as number) + c31; c[o3 + 2] = (c[o3 + 2] as number) + c32; c[o3 + 3] = (c[o3 + 3] as number) + c33;
        } else {
          c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03;
          const o1 = o + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
          c[o1] = c10; c[o1 + 1] = c11; c[o1 + 2] = c12; c[o1 + 3] = c13;
          c[o2] = c20; c[o2 + 1] = c21; c[o2 + 2] = c22; c[o2 + 3] = c23;
          c[o3] = c30; c[o3 + 1] = c31; c[o3 + 2] = c32; c[o3 + 3] = c33;
        }
      } else {
        const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) {
            const index = o + i * ldc + j;
            const value = tile[i * NR + j] as number;
            c[index] = add ? (c[index] as number) + value : value;
          }
        }
      }
    }
  }
}
