// WebAssembly SIMD kernels for 2-D convolution (AssemblyScript, compiled by `npm run build:wasm`
// into src/kernels/wasm-binary.ts). Buffers live in the imported memory at byte offsets the
// JavaScript side chooses; nothing here allocates.
//
// Forward convolution = GEMM: out[cout × positions] = W[cout × depth] · cols[depth × positions],
// depth = cin·kH·kW. The im2col matrix is never stored: B panels are packed straight from the
// image (implicit im2col), with padding of every mode folded in through row/column index maps
// (-1 reads as zero). A 4×8 register-tiled micro-kernel (eight f32x4 accumulators) consumes
// packed panels of A (4 rows) and B (8 columns), blocked KC × NC for the caches.

const MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 256;
const NC: i32 = 512;

// Geometry, set once per call by setGeometry (globals keep the hot functions' signatures short).
let H: i32 = 0; // input height (unpadded)
let W: i32 = 0; // input width (unpadded)
let WO: i32 = 0; // output width
let KH: i32 = 0;
let KW: i32 = 0;
let SH: i32 = 0;
let SW: i32 = 0;
let DH: i32 = 0;
let DW: i32 = 0;
let PT: i32 = 0; // padding before, rows
let PL: i32 = 0; // padding before, columns
let ROWMAP: usize = 0; // i32[paddedHeight]: source row of a padded row, or -1
let COLMAP: usize = 0; // i32[paddedWidth]: source column of a padded column, or -1
let ZEROROW: usize = 0; // f32[W + padding]: zeros, read for rows of zero padding

export function setGeometry(
  h: i32, w: i32, wo: i32, kh: i32, kw: i32, sh: i32, sw: i32, dh: i32, dw: i32, pt: i32, pl: i32,
  rowMap: usize, colMap: usize, zeroRow: usize,
): void {
  H = h; W = w; WO = wo; KH = kh; KW = kw; SH = sh; SW = sw; DH = dh; DW = dw; PT = pt; PL = pl;
  ROWMAP = rowMap; COLMAP = colMap; ZEROROW = zeroRow;
}

/**
 * Packs rows [k0, k0 + kc) × output positions [p0, p0 + nc) of the implicit im2col matrix of the
 * image at `x` (channels from `c0`) into panels of NR columns at `dst`.
 */
function packImage(x: usize, c0: i32, k0: i32, kc: i32, p0: i32, nc: i32, dst: usize): void {
  const khw = KH * KW;
  const plane = (H * W) << 2;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    const start = p0 + jp;
    const oy = start / WO;
    const ox = start - oy * WO;
    // all NR positions in one output row, unit stride: candidates for two vector loads
    const sameRow = cols == NR && ox + NR <= WO;
    let out = dst + (<usize>(jp * kc) << 2);
    // (c, i, j) of row k, advanced incrementally
    let c = k0 / khw;
    let i = (k0 - c * khw) / KW;
    let j = k0 - c * khw - i * KW;
    for (let k = k0; k < k0 + kc; k++) {
      const image = x + <usize>(c0 + c) * plane;
      if (sameRow) {
        const py = oy * SH + i * DH;
        const sy = load<i32>(ROWMAP + (<usize>py << 2));
        const px = ox * SW + j * DW; // padded column of the first position; the others follow every SW
        if (sy < 0) {
          v128.store(out, f32x4.splat(0));
          v128.store(out, f32x4.splat(0), 16);
        } else if (px >= PL && px + (NR - 1) * SW < PL + W) {
          // interior: the source columns are in the row, SW apart
          const src = image + (<usize>(sy * W + px - PL) << 2);
          if (SW == 1) {
            v128.store(out, v128.load(src));
            v128.store(out, v128.load(src, 16), 16);
          } else if (SW == 2) {
            // the even lanes of four vectors
            const v0 = v128.load(src), v1 = v128.load(src, 16), v2 = v128.load(src, 32), v3 = v128.load(src, 48);
            v128.store(out, i8x16.shuffle(v0, v1, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27));
            v128.store(out, i8x16.shuffle(v2, v3, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27), 16);
          } else {
            const step = <usize>SW << 2;
            for (let t = 0; t < NR; t++) store<f32>(out + (<usize>t << 2), load<f32>(src + <usize>t * step));
          }
        } else {
          const row = image + (<usize>(sy * W) << 2);
          for (let t = 0; t < NR; t++) {
            const sx = load<i32>(COLMAP + (<usize>(px + t * SW) << 2));
            store<f32>(out + (<usize>t << 2), sx < 0 ? 0 : load<f32>(row + (<usize>sx << 2)));
          }
        }
      } else {
        let y = oy;
        let xx = ox;
        for (let t = 0; t < NR; t++) {
          let value: f32 = 0;
          if (t < cols) {
            const sy = load<i32>(ROWMAP + (<usize>(y * SH + i * DH) << 2));
            const sx = load<i32>(COLMAP + (<usize>(xx * SW + j * DW) << 2));
            if (sy >= 0 && sx >= 0) value = load<f32>(image + (<usize>(sy * W + sx) << 2));
            xx++;
            if (xx == WO) {
              xx = 0;
              y++;
            }
          }
          store<f32>(out + (<usize>t << 2), value);
        }
      }
      out += NR << 2;
      if (++j == KW) {
        j = 0;
        if (++i == KH) {
          i = 0;
          c++;
        }
      }
    }
  }
}

/** Packs A rows [m0, m0 + mc) × columns [k0, k0 + kc) of a row-major matrix (row stride `lda` floats) into panels of MR rows. */
function packRows(a: usize, lda: i32, m0: i32, mc: i32, k0: i32, kc: i32, dst: usize): void {
  let out = dst;
  for (let ip = 0; ip < mc; ip += MR) {
    const rows = min(MR, mc - ip);
    const base = a + (<usize>((m0 + ip) * lda + k0) << 2);
    const stride = <usize>lda << 2;
    if (rows == MR) {
      for (let k = 0; k < kc; k++) {
        const p = base + (<usize>k << 2);
        store<f32>(out, load<f32>(p));
        store<f32>(out, load<f32>(p + stride), 4);
        store<f32>(out, load<f32>(p + 2 * stride), 8);
        store<f32>(out, load<f32>(p + 3 * stride), 12);
        out += 16;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        const p = base + (<usize>k << 2);
        for (let r = 0; r < MR; r++) store<f32>(out + (<usize>r << 2), r < rows ? load<f32>(p + <usize>r * stride) : 0);
        out += 16;
      }
    }
  }
}

/**
 * C[mc × nc] (row stride `ldc` floats) = or += packed A · packed B; `first` means the first depth
 * block: then C = A·B + bias[row] (bias pointer 0 for none), else C += A·B.
 */
function macroKernel(mc: i32, nc: i32, kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, first: bool, bias: usize, spill: usize): void {
  const ldcBytes = <usize>ldc << 2;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    const bPanel = pb + (<usize>(jp * kc) << 2);
    for (let ip = 0; ip < mc; ip += MR) {
      const rows = min(MR, mc - ip);
      let a = pa + (<usize>(ip * kc) << 2);
      let b = bPanel;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      for (let k = 0; k < kc; k++) {
        const b0 = v128.load(b);
        const b1 = v128.load(b, 16);
        const a0 = v128.load32_splat(a);
        const a1 = v128.load32_splat(a, 4);
        const a2 = v128.load32_splat(a, 8);
        const a3 = v128.load32_splat(a, 12);
        c00 = f32x4.add(c00, f32x4.mul(a0, b0));
        c01 = f32x4.add(c01, f32x4.mul(a0, b1));
        c10 = f32x4.add(c10, f32x4.mul(a1, b0));
        c11 = f32x4.add(c11, f32x4.mul(a1, b1));
        c20 = f32x4.add(c20, f32x4.mul(a2, b0));
        c21 = f32x4.add(c21, f32x4.mul(a2, b1));
        c30 = f32x4.add(c30, f32x4.mul(a3, b0));
        c31 = f32x4.add(c31, f32x4.mul(a3, b1));
        a += 16;
        b += 32;
      }
      const out = c + (<usize>(ip * ldc + jp) << 2);
      if (rows == MR && cols == NR) {
        if (first) {
          if (bias != 0) {
            const bb = bias + (<usize>ip << 2);
            const v0 = v128.load32_splat(bb), v1 = v128.load32_splat(bb, 4), v2 = v128.load32_splat(bb, 8), v3 = v128.load32_splat(bb, 12);
            c00 = f32x4.add(c00, v0); c01 = f32x4.add(c01, v0);
            c10 = f32x4.add(c10, v1); c11 = f32x4.add(c11, v1);
            c20 = f32x4.add(c20, v2); c21 = f32x4.add(c21, v2);
            c30 = f32x4.add(c30, v3); c31 = f32x4.add(c31, v3);
          }
        } else {
          c00 = f32x4.add(c00, v128.load(out)); c01 = f32x4.add(c01, v128.load(out, 16));
          c10 = f32x4.add(c10, v128.load(out + ldcBytes)); c11 = f32x4.add(c11, v128.load(out + ldcBytes, 16));
          c20 = f32x4.add(c20, v128.load(out + 2 * ldcBytes)); c21 = f32x4.add(c21, v128.load(out + 2 * ldcBytes, 16));
          c30 = f32x4.add(c30, v128.load(out + 3 * ldcBytes)); c31 = f32x4.add(c31, v128.load(out + 3 * ldcBytes, 16));
        }
        v128.store(out, c00); v128.store(out, c01, 16);
        v128.store(out + ldcBytes, c10); v128.store(out + ldcBytes, c11, 16);
        v128.store(out + 2 * ldcBytes, c20); v128.store(out + 2 * ldcBytes, c21, 16);
        v128.store(out + 3 * ldcBytes, c30); v128.store(out + 3 * ldcBytes, c31, 16);
      } else {
        // an edge tile: spill the accumulators (to this thread's scratch) and store the valid part
        v128.store(spill, c00, 0); v128.store(spill, c01, 16);
        v128.store(spill, c10, 32); v128.store(spill, c11, 48);
        v128.store(spill, c20, 64); v128.store(spill, c21, 80);
        v128.store(spill, c30, 96); v128.store(spill, c31, 112);
        for (let r = 0; r < rows; r++) {
          const extra: f32 = first && bias != 0 ? load<f32>(bias + (<usize>(ip + r) << 2)) : 0;
          for (let t = 0; t < cols; t++) {
            const dst = out + <usize>r * ldcBytes + (<usize>t << 2);
            const value = load<f32>(spill + (<usize>(r * NR + t) << 2)) + extra;
            store<f32>(dst, first ? value : load<f32>(dst) + value);
          }
        }
      }
    }
  }
}

/** Bytes of scratch `convForward` needs for `m` output channels per group. */
export function scratchBytes(m: i32): i32 {
  const mPadded = (m + MR - 1) / MR * MR;
  return (mPadded * KC + KC * NC + MR * NR) * 4 + 64;
}

/**
 * One group of one image, output positions [pStart, pEnd): out[m × positions] (row stride
 * `positions`) = W[m × depth] · im2col(x) + bias. `x` points at the image, `c0` is the group's first channel, `w` at the group's first
 * filter, `bias` at the group's first bias (0 for none), `scratch` at scratchBytes(m) bytes.
 */
export function convForward(
  x: usize, c0: i32, w: usize, bias: usize, out: usize, m: i32, depth: i32, positions: i32, pStart: i32, pEnd: i32, scratch: usize,
): void {
  const mPadded = (m + MR - 1) / MR * MR;
  const pa = (scratch + 15) & ~15;
  const pb = pa + (<usize>(mPadded * KC) << 2);
  const spill = pb + (<usize>(KC * NC) << 2);
  for (let jc = pStart; jc < pEnd; jc += NC) {
    const nc = min(NC, pEnd - jc);
    for (let pc = 0; pc < depth; pc += KC) {
      const kc = min(KC, depth - pc);
      packImage(x, c0, pc, kc, jc, nc, pb);
      packRows(w, depth, 0, m, pc, kc, pa);
      macroKernel(m, nc, kc, pa, pb, out + (<usize>jc << 2), positions, pc == 0, bias, spill);
    }
  }
}

/**
 * Depthwise forward for output channels [oStart, oEnd) of one image: each input channel c feeds
 * `multiplier` filters; output channel o reads channel o / multiplier. Vectorised over four output columns at a time where
 * the stride is 1 and the taps are inside the image; padding of every mode through the maps.
 */
export function depthwiseForward(x: usize, multiplier: i32, w: usize, bias: usize, out: usize, ho: i32, oStart: i32, oEnd: i32): void {
  const plane = <usize>(H * W) << 2;
  const outPlane = <usize>(ho * WO) << 2;
  for (let o = oStart; o < oEnd; o++) {
    const image = x + <usize>(o / multiplier) * plane;
    const filter = w + (<usize>(o * KH * KW) << 2);
    const dst = out + <usize>o * outPlane;
    const b: f32 = bias != 0 ? load<f32>(bias + (<usize>o << 2)) : 0;
    // a 3×3 filter's weights, splatted once per channel (unused otherwise)
    const w0 = v128.load32_splat(filter), w1 = v128.load32_splat(filter, 4), w2 = v128.load32_splat(filter, 8);
    const w3 = v128.load32_splat(filter, 12), w4 = v128.load32_splat(filter, 16), w5 = v128.load32_splat(filter, 20);
    const w6 = v128.load32_splat(filter, 24), w7 = v128.load32_splat(filter, 28), w8 = v128.load32_splat(filter, 32);
    for (let oy = 0; oy < ho; oy++) {
      const row = dst + (<usize>(oy * WO) << 2);
      // interior columns [vStart, vEnd): every tap of four neighbouring outputs reads contiguous memory
      let vStart = 0;
      let vEnd = 0;
      if (SW == 1) {
        vStart = min(PL, WO);
        vEnd = vStart;
        if (KH == 3 && KW == 3) {
          // the common 3×3 case: nine weights held in registers, three source rows (a row of
          // zero padding reads from a zero row, so there is no branch in the loop)
          const s0 = load<i32>(ROWMAP + (<usize>(oy * SH) << 2));
          const s1 = load<i32>(ROWMAP + (<usize>(oy * SH + DH) << 2));
          const s2 = load<i32>(ROWMAP + (<usize>(oy * SH + 2 * DH) << 2));
          const r0 = (s0 < 0 ? ZEROROW : image + (<usize>(s0 * W) << 2)) - (<usize>PL << 2);
          const r1 = (s1 < 0 ? ZEROROW : image + (<usize>(s1 * W) << 2)) - (<usize>PL << 2);
          const r2 = (s2 < 0 ? ZEROROW : image + (<usize>(s2 * W) << 2)) - (<usize>PL << 2);
          const d1 = <usize>DW << 2;
          const d2 = <usize>(2 * DW) << 2;
          const bias4 = f32x4.splat(b);
          while (vEnd + 4 <= WO && vEnd + 3 + 2 * DW - PL < W) {
            const o = <usize>vEnd << 2;
            let acc = f32x4.add(bias4, f32x4.mul(v128.load(r0 + o), w0));
            acc = f32x4.add(acc, f32x4.mul(v128.load(r0 + o + d1), w1));
            acc = f32x4.add(acc, f32x4.mul(v128.load(r0 + o + d2), w2));
            acc = f32x4.add(acc, f32x4.mul(v128.load(r1 + o), w3));
            acc = f32x4.add(acc, f32x4.mul(v128.load(r1 + o + d1), w4));
            acc = f32x4.add(acc, f32x4.mul(v128.load(r1 + o + d2), w5));
            acc = f32x4.add(acc, f32x4.mul(v128.load(r2 + o), w6));
            acc = f32x4.add(acc, f32x4.mul(v128.load(r2 + o + d1), w7));
            acc = f32x4.add(acc, f32x4.mul(v128.load(r2 + o + d2), w8));
            v128.store(row + o, acc);
            vEnd += 4;
          }
        } else {
          while (vEnd + 4 <= WO && vEnd + 3 + (KW - 1) * DW - PL < W) {
            let acc = f32x4.splat(b);
            for (let i = 0; i < KH; i++) {
              const sy = load<i32>(ROWMAP + (<usize>(oy * SH + i * DH) << 2));
              if (sy < 0) continue;
              const src = image + (<usize>(sy * W + vEnd - PL) << 2);
              for (let j = 0; j < KW; j++) {
                acc = f32x4.add(acc, f32x4.mul(v128.load(src + (<usize>(j * DW) << 2)), v128.load32_splat(filter + (<usize>(i * KW + j) << 2))));
              }
            }
            v128.store(row + (<usize>vEnd << 2), acc);
            vEnd += 4;
          }
        }
      }
      // the rest (borders, strides) one output at a time, through the maps
      for (let x0 = 0; x0 < WO; x0++) {
        if (x0 == vStart && vEnd > vStart) {
          x0 = vEnd - 1;
          continue;
        }
        let sum: f32 = b;
        for (let i = 0; i < KH; i++) {
          const sy = load<i32>(ROWMAP + (<usize>(oy * SH + i * DH) << 2));
          if (sy < 0) continue;
          const line = image + (<usize>(sy * W) << 2);
          for (let j = 0; j < KW; j++) {
            const sx = load<i32>(COLMAP + (<usize>(x0 * SW + j * DW) << 2));
            if (sx >= 0) sum += load<f32>(line + (<usize>sx << 2)) * load<f32>(filter + (<usize>(i * KW + j) << 2));
          }
        }
        store<f32>(row + (<usize>x0 << 2), sum);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Gradients. gradWeight = gradOut · im2col(x)ᵀ and gradCols = Wᵀ · gradOut (then scattered back
// into gradInput through the same padding maps, so the gradient of every padding mode lands on
// the pixel each padded copy came from) use the same micro-kernel; only the packing differs.

/** Packs A(i, k) = src[i·rs + k·cs], rows [m0, m0 + mc) × depth [k0, k0 + kc), into panels of MR rows. */
function packStridedA(src: usize, rs: i32, cs: i32, m0: i32, mc: i32, k0: i32, kc: i32, dst: usize): void {
  let out = dst;
  for (let ip = 0; ip < mc; ip += MR) {
    const rows = min(MR, mc - ip);
    for (let k = 0; k < kc; k++) {
      for (let r = 0; r < MR; r++) {
        store<f32>(out + (<usize>r << 2), r < rows ? load<f32>(src + (<usize>((m0 + ip + r) * rs + (k0 + k) * cs) << 2)) : 0);
      }
      out += MR << 2;
    }
  }
}

/** Packs B(k, j) = src[k·rs + j], depth [k0, k0 + kc) × columns [n0, n0 + nc), into panels of NR columns. */
function packRowsB(src: usize, rs: i32, k0: i32, kc: i32, n0: i32, nc: i32, dst: usize): void {
  let out = dst;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    for (let k = 0; k < kc; k++) {
      const p = src + (<usize>((k0 + k) * rs + n0 + jp) << 2);
      if (cols == NR) {
        v128.store(out, v128.load(p));
        v128.store(out, v128.load(p, 16), 16);
      } else {
        for (let t = 0; t < NR; t++) store<f32>(out + (<usize>t << 2), t < cols ? load<f32>(p + (<usize>t << 2)) : 0);
      }
      out += NR << 2;
    }
  }
}

/** Packs B(k, j) = im2col(x)[d0 + j, p0 + k]: positions as depth, im2col rows as columns (panels of NR). */
function packImageT(x: usize, c0: i32, p0: i32, kc: i32, d0: i32, nc: i32, dst: usize): void {
  const khw = KH * KW;
  const plane = (H * W) << 2;
  let out = dst;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    let oy = p0 / WO;
    let ox = p0 - oy * WO;
    for (let k = 0; k < kc; k++) {
      for (let t = 0; t < NR; t++) {
        let value: f32 = 0;
        if (t < cols) {
          const d = d0 + jp + t;
          const c = d / khw;
          const r = d - c * khw;
          const i = r / KW;
          const j = r - i * KW;
          const sy = load<i32>(ROWMAP + (<usize>(oy * SH + i * DH) << 2));
          const sx = load<i32>(COLMAP + (<usize>(ox * SW + j * DW) << 2));
          if (sy >= 0 && sx >= 0) value = load<f32>(x + <usize>(c0 + c) * plane + (<usize>(sy * W + sx) << 2));
        }
        store<f32>(out + (<usize>t << 2), value);
      }
      out += NR << 2;
      if (++ox == WO) {
        ox = 0;
        oy++;
      }
    }
  }
}

/** Bytes of scratch the backward functions need for `m` output channels per group and `depth`. */
export function backwardScratchBytes(m: i32, depth: i32): i32 {
  const rows = max(m, KC);
  return (((rows + MR) * KC + KC * NC + MR * NR) + depth * NC) * 4 + 64;
}

/** gw[m × depth] += gradOut[m × positions] · im2col(x)ᵀ for one group of one image. */
export function convBackwardWeight(x: usize, c0: i32, gradOut: usize, gw: usize, m: i32, depth: i32, positions: i32, scratch: usize): void {
  const pa = (scratch + 15) & ~15;
  const pb = pa + (<usize>((max(m, KC) + MR) * KC) << 2);
  const spill = pb + (<usize>(KC * NC) << 2);
  for (let dc = 0; dc < depth; dc += NC) {
    const nc = min(NC, depth - dc);
    for (let pc = 0; pc < positions; pc += KC) {
      const kc = min(KC, positions - pc);
      packImageT(x, c0, pc, kc, dc, nc, pb);
      packStridedA(gradOut, positions, 1, 0, m, pc, kc, pa);
      macroKernel(m, nc, kc, pa, pb, gw + (<usize>dc << 2), depth, false, 0, spill);
    }
  }
}

/** gx[channels c0.., image] += col2im(Wᵀ · gradOut) for one group of one image. */
export function convBackwardInput(gradOut: usize, w: usize, gx: usize, c0: i32, m: i32, depth: i32, positions: i32, scratch: usize): void {
  const pa = (scratch + 15) & ~15;
  const pb = pa + (<usize>((max(m, KC) + MR) * KC) << 2);
  const spill = pb + (<usize>(KC * NC) << 2);
  const cols = spill + (<usize>(MR * NR) << 2);
  const khw = KH * KW;
  const plane = (H * W) << 2;
  for (let jc = 0; jc < positions; jc += NC) {
    const nc = min(NC, positions - jc);
    // gradCols[depth × nc] = Wᵀ[depth × m] · gradOut[m × nc]
    for (let pc = 0; pc < m; pc += KC) {
      const kc = min(KC, m - pc);
      packRowsB(gradOut, positions, pc, kc, jc, nc, pb);
      for (let ic = 0; ic < depth; ic += KC) {
        const mc = min(KC, depth - ic);
        packStridedA(w, 1, depth, ic, mc, pc, kc, pa);
        macroKernel(mc, nc, kc, pa, pb, cols + (<usize>(ic * nc) << 2), nc, pc == 0, 0, spill);
      }
    }
    // scatter each column back to the pixel it was read from
    for (let d = 0; d < depth; d++) {
      const c = d / khw;
      const r = d - c * khw;
      const i = r / KW;
      const j = r - i * KW;
      const image = gx + <usize>(c0 + c) * plane;
      const row = cols + (<usize>(d * nc) << 2);
      let oy = jc / WO;
      let ox = jc - oy * WO;
      for (let t = 0; t < nc; t++) {
        const sy = load<i32>(ROWMAP + (<usize>(oy * SH + i * DH) << 2));
        const sx = load<i32>(COLMAP + (<usize>(ox * SW + j * DW) << 2));
        if (sy >= 0 && sx >= 0) {
          const at = image + (<usize>(sy * W + sx) << 2);
          store<f32>(at, load<f32>(at) + load<f32>(row + (<usize>t << 2)));
        }
        if (++ox == WO) {
          ox = 0;
          oy++;
        }
      }
    }
  }
}
