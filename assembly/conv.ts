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
// Winograd output placement: row and column strides and channel plane (floats), and whether the
// maps are a dilation sub-grid's (then the contiguous vector paths do not apply)
let OSY: i32 = 0;
let OSX: i32 = 1;
let OPLANE: i32 = 0;
let VIRTUAL: i32 = 0;

export function setWinogradOutput(osy: i32, osx: i32, oplane: i32, virtual: i32): void {
  OSY = osy; OSX = osx; OPLANE = oplane; VIRTUAL = virtual;
}

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
// @ts-ignore: decorator
@inline function macroKernel(mc: i32, nc: i32, kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, first: bool, bias: usize, spill: usize): void {
  macroKernelStrided(mc, nc, kc, pa, pb, NR << 2, <usize>(kc * NR) << 2, 0, c, ldc, first, bias, spill);
}

/**
 * {@link macroKernel} on B panels anywhere: panel p at `pb + p·panelStep`, its depth rows
 * `rowStep` bytes apart (packed: NR floats; a 1×1 convolution's image read in place: a channel
 * plane), and, when `tail` is not 0, a last partial panel packed at `tail` (rows NR floats apart).
 */
function macroKernelStrided(
  mc: i32, nc: i32, kc: i32, pa: usize, pb: usize, rowStep: usize, panelStep: usize, tail: usize, c: usize, ldc: i32, first: bool, bias: usize, spill: usize,
): void {
  const ldcBytes = <usize>ldc << 2;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    const packed = tail != 0 && cols < NR;
    const bPanel = packed ? tail : pb + <usize>(jp / NR) * panelStep;
    const bStep: usize = packed ? <usize>(NR << 2) : rowStep;
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
        b += bStep;
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
  // a 1×1 convolution without stride or padding: B is the image itself (channels × positions),
  // read in place; a last partial panel is packed (zeros past the last position)
  const pointwise = KH == 1 && KW == 1 && SH == 1 && SW == 1 && PT == 0 && PL == 0 && positions == H * W;
  // one depth block (depth ≤ KC): the packed filters are the same for every block of positions,
  // so they are packed once, not once per NC positions
  const oneBlock = depth <= KC;
  if (oneBlock) packRows(w, depth, 0, m, 0, depth, pa);
  for (let jc = pStart; jc < pEnd; jc += NC) {
    const nc = min(NC, pEnd - jc);
    for (let pc = 0; pc < depth; pc += KC) {
      const kc = min(KC, depth - pc);
      if (!oneBlock) packRows(w, depth, 0, m, pc, kc, pa);
      if (pointwise) {
        const full = nc & ~(NR - 1);
        const channels = x + (<usize>(c0 * positions) << 2);
        if (full < nc) packRowsB(channels, positions, pc, kc, jc + full, nc - full, pb);
        const b = channels + (<usize>(pc * positions + jc) << 2);
        macroKernelStrided(m, nc, kc, pa, b, <usize>positions << 2, NR << 2, full < nc ? pb : 0, out + (<usize>jc << 2), positions, pc == 0, bias, spill);
      } else {
        packImage(x, c0, pc, kc, jc, nc, pb);
        macroKernel(m, nc, kc, pa, pb, out + (<usize>jc << 2), positions, pc == 0, bias, spill);
      }
    }
  }
}

/** Floats in a row segment of the depthwise kernel's padded plane (one per column phase of the stride). */
function depthwiseSegment(wo: i32, kw: i32, sw: i32, dw: i32): i32 {
  const rw = (wo - 1) * sw + (kw - 1) * dw + 1;
  // the last vector of an output row may reach three floats past the row's last output
  return roundUp(max((rw + sw - 1) / sw, roundUp(wo, 4) + (kw - 1) * dw / sw), 4);
}

/**
 * Bytes of scratch `depthwiseForward` needs per thread: the tap offsets, and one padded input
 * plane (its rows as stride-phase segments) with `sh` spare rows (an odd last output row is
 * computed as a pair).
 */
export function depthwiseScratchBytes(ho: i32, wo: i32, kh: i32, kw: i32, sh: i32, sw: i32, dh: i32, dw: i32): i32 {
  const rows = (ho - 1) * sh + (kh - 1) * dh + 1 + sh;
  return roundUp(kh * kw, 4) * 4 + rows * sw * depthwiseSegment(wo, kw, sw, dw) * 4 + 16;
}

/**
 * Fills the padded plane at `p` (`rows` rows of `sw` segments of `ps` floats) from the input
 * channel at `image`: padded row r, column c = q·sw + phase is at p[(r·sw + phase)·ps + q], so that
 * every tap of four neighbouring outputs reads four consecutive floats whatever the stride. Padding
 * of every mode comes through the maps; floats past the padded width are zero.
 */
function fillDepthwisePlane(image: usize, p: usize, rows: i32, rowsUsed: i32, rw: i32, ps: i32): void {
  const rowBytes = <usize>(SW * ps) << 2;
  const zero = f32x4.splat(0);
  for (let r = 0; r < rows; r++) {
    const dst = p + <usize>r * rowBytes;
    const sy = r < rowsUsed ? load<i32>(ROWMAP + (<usize>r << 2)) : -1;
    if (sy < 0 || SW > 2) {
      for (let at: usize = 0; at < rowBytes; at += 16) v128.store(dst + at, zero);
      if (sy < 0) continue;
    }
    const src = image + (<usize>(sy * W) << 2);
    if (SW == 1) {
      // [a, b) is the row itself, copied by vectors (the last may overshoot b by up to three
      // floats: written again below); [0, a) and [b, rw) come through the column map (zero
      // padding: -1, so zeros), and the floats past rw are zero
      const a = min(PL, rw);
      const b = max(a, min(rw, PL + W));
      const from = src + (<usize>(a - PL) << 2);
      const to = dst + (<usize>a << 2);
      const bytes = <usize>(b - a) << 2;
      for (let at: usize = 0; at < bytes; at += 16) v128.store(to + at, v128.load(from + at));
      for (let c = 0; c < a; c++) {
        const sx = load<i32>(COLMAP + (<usize>c << 2));
        store<f32>(dst + (<usize>c << 2), sx < 0 ? 0 : load<f32>(src + (<usize>sx << 2)));
      }
      for (let c = b; c < rw; c++) {
        const sx = load<i32>(COLMAP + (<usize>c << 2));
        store<f32>(dst + (<usize>c << 2), sx < 0 ? 0 : load<f32>(src + (<usize>sx << 2)));
      }
      for (let c = rw; c < ps; c++) store<f32>(dst + (<usize>c << 2), 0);
    } else if (SW == 2) {
      // padded columns 2q and 2q + 1 go to q of the even and the odd segment: zeros first, then
      // inside the row eight columns (four q) at a time as the even and odd lanes of two vectors,
      // then the columns left (borders, through the map: nothing to do for zero padding)
      for (let at: usize = 0; at < rowBytes; at += 16) v128.store(dst + at, zero);
      const odd = dst + (<usize>ps << 2);
      const qStart = (PL + 1) / 2;
      const limit = min(rw, PL + W);
      let qEnd = qStart;
      for (; qEnd + 4 <= ps && 2 * qEnd + 8 <= limit; qEnd += 4) {
        const from = src + (<usize>(2 * qEnd - PL) << 2);
        const v0 = v128.load(from), v1 = v128.load(from, 16);
        v128.store(dst + (<usize>qEnd << 2), i8x16.shuffle(v0, v1, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27));
        v128.store(odd + (<usize>qEnd << 2), i8x16.shuffle(v0, v1, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31));
      }
      const done = qEnd > qStart ? 2 * qEnd : 0;
      for (let c = 0; c < rw; c++) {
        if (c == 2 * qStart && done > c) c = done;
        if (c >= rw) break;
        const sx = load<i32>(COLMAP + (<usize>c << 2));
        if (sx >= 0) store<f32>(dst + (<usize>((c & 1) * ps + (c >> 1)) << 2), load<f32>(src + (<usize>sx << 2)));
      }
    } else {
      // the row is zero already: the columns with a source, through the map
      for (let c = 0; c < rw; c++) {
        const sx = load<i32>(COLMAP + (<usize>c << 2));
        if (sx >= 0) store<f32>(dst + (<usize>((c % SW) * ps + c / SW) << 2), load<f32>(src + (<usize>sx << 2)));
      }
    }
  }
}

/** Stores the first `n` lanes of `v` at `at` (all four when `n` ≥ 4). */
// @ts-ignore: decorator
@inline function storeLanes(at: usize, v: v128, n: i32): void {
  if (n >= 4) {
    v128.store(at, v);
    return;
  }
  store<f32>(at, f32x4.extract_lane(v, 0));
  if (n > 1) store<f32>(at, f32x4.extract_lane(v, 1), 4);
  if (n > 2) store<f32>(at, f32x4.extract_lane(v, 2), 8);
}

/**
 * Depthwise forward for output channels [oStart, oEnd) of one image: each input channel c feeds
 * `multiplier` filters; output channel o reads channel o / multiplier. Each input channel is first
 * copied into a padded plane in this thread's scratch (padding of every mode through the maps,
 * columns split by stride phase), so that the stencil has no bounds to check and every tap of
 * four neighbouring outputs is one vector load, for any kernel size, stride and dilation. Two
 * output rows and up to sixteen columns at a time (eight accumulators), the taps in a loop over a
 * table of their offsets in the plane.
 */
export function depthwiseForward(x: usize, multiplier: i32, w: usize, bias: usize, out: usize, ho: i32, oStart: i32, oEnd: i32, scratch: usize): void {
  const plane = <usize>(H * W) << 2;
  const outPlane = <usize>(ho * WO) << 2;
  const taps = KH * KW;
  const ps = depthwiseSegment(WO, KW, SW, DW);
  const rowLen = SW * ps;
  const rowsUsed = (ho - 1) * SH + (KH - 1) * DH + 1;
  const rw = (WO - 1) * SW + (KW - 1) * DW + 1;
  const table = (scratch + 15) & ~15;
  const p = table + (<usize>roundUp(taps, 4) << 2);
  for (let i = 0; i < KH; i++) {
    for (let j = 0; j < KW; j++) {
      const e = j * DW;
      store<i32>(table + (<usize>(i * KW + j) << 2), ((i * DH * rowLen + (e % SW) * ps + e / SW) << 2));
    }
  }
  const pairBytes = <usize>(SH * rowLen) << 2;
  const outRow = <usize>WO << 2;
  const tableEnd = table + (<usize>taps << 2);
  let filled = -1;
  for (let o = oStart; o < oEnd; o++) {
    const c = o / multiplier;
    if (c != filled) {
      fillDepthwisePlane(x + <usize>c * plane, p, rowsUsed + SH, rowsUsed, rw, ps);
      filled = c;
    }
    const filter = w + (<usize>(o * taps) << 2);
    const b4 = f32x4.splat(bias != 0 ? load<f32>(bias + (<usize>o << 2)) : 0);
    const dst = out + <usize>o * outPlane;
    for (let oy = 0; oy < ho; oy += 2) {
      const two = oy + 1 < ho;
      const r0 = p + <usize>oy * pairBytes;
      const r1 = r0 + pairBytes;
      const d0 = dst + <usize>oy * outRow;
      const d1 = d0 + outRow;
      let ox = 0;
      // blocks of twelve columns, then eight, then four (the last vector of a row may be partial:
      // its spare lanes read the plane's zero tail and are not stored)
      for (; WO - ox > 8; ox += 12) {
        // six accumulators, six loads and the weight: within x64's fifteen free vector registers
        let a0 = b4, a1 = b4, a2 = b4, c0 = b4, c1 = b4, c2 = b4;
        const q0 = r0 + (<usize>ox << 2);
        const q1 = r1 + (<usize>ox << 2);
        let f = filter;
        for (let t = table; t < tableEnd; t += 4) {
          const off = <usize>load<i32>(t);
          const wv = v128.load32_splat(f);
          f += 4;
          const s0 = q0 + off;
          const s1 = q1 + off;
          a0 = f32x4.add(a0, f32x4.mul(v128.load(s0), wv));
          a1 = f32x4.add(a1, f32x4.mul(v128.load(s0, 16), wv));
          a2 = f32x4.add(a2, f32x4.mul(v128.load(s0, 32), wv));
          c0 = f32x4.add(c0, f32x4.mul(v128.load(s1), wv));
          c1 = f32x4.add(c1, f32x4.mul(v128.load(s1, 16), wv));
          c2 = f32x4.add(c2, f32x4.mul(v128.load(s1, 32), wv));
        }
        const e0 = d0 + (<usize>ox << 2);
        const last = WO - ox - 8;
        v128.store(e0, a0); v128.store(e0, a1, 16); storeLanes(e0 + 32, a2, last);
        if (two) {
          const e1 = d1 + (<usize>ox << 2);
          v128.store(e1, c0); v128.store(e1, c1, 16); storeLanes(e1 + 32, c2, last);
        }
      }
      for (; WO - ox > 4; ox += 8) {
        let a0 = b4, a1 = b4, c0 = b4, c1 = b4;
        const q0 = r0 + (<usize>ox << 2);
        const q1 = r1 + (<usize>ox << 2);
        let f = filter;
        for (let t = table; t < tableEnd; t += 4) {
          const off = <usize>load<i32>(t);
          const wv = v128.load32_splat(f);
          f += 4;
          a0 = f32x4.add(a0, f32x4.mul(v128.load(q0 + off), wv));
          a1 = f32x4.add(a1, f32x4.mul(v128.load(q0 + off, 16), wv));
          c0 = f32x4.add(c0, f32x4.mul(v128.load(q1 + off), wv));
          c1 = f32x4.add(c1, f32x4.mul(v128.load(q1 + off, 16), wv));
        }
        const e0 = d0 + (<usize>ox << 2);
        const last = WO - ox - 4;
        v128.store(e0, a0); storeLanes(e0 + 16, a1, last);
        if (two) {
          const e1 = d1 + (<usize>ox << 2);
          v128.store(e1, c0); storeLanes(e1 + 16, c1, last);
        }
      }
      for (; ox < WO; ox += 4) {
        let a0 = b4, c0 = b4;
        const q0 = r0 + (<usize>ox << 2);
        const q1 = r1 + (<usize>ox << 2);
        let f = filter;
        for (let t = table; t < tableEnd; t += 4) {
          const off = <usize>load<i32>(t);
          const wv = v128.load32_splat(f);
          f += 4;
          a0 = f32x4.add(a0, f32x4.mul(v128.load(q0 + off), wv));
          c0 = f32x4.add(c0, f32x4.mul(v128.load(q1 + off), wv));
        }
        storeLanes(d0 + (<usize>ox << 2), a0, WO - ox);
        if (two) storeLanes(d1 + (<usize>ox << 2), c0, WO - ox);
      }
    }
  }
}

/**
 * The weights of all stride phases of a transposed convolution, from its weight `w` ([groups·cin,
 * cout, kh, kw]) into `dst`, phase after phase ((a, b) for a < min(sh, kh), b < min(sw, kw), row
 * by row), each as a convolution's ([groups·cout, cin, th, tw], th = ⌈(kh − a)/sh⌉): the taps
 * (a + (th − 1 − u)·sh, b + (tw − 1 − v)·sw), turned, with input and output channels swapped. In
 * tiles of 16 × 16 channel pairs, so that the transpose of the channels stays in the caches.
 */
export function phaseWeights(w: usize, dst: usize, groups: i32, cin: i32, cout: i32, kh: i32, kw: i32, sh: i32, sw: i32): void {
  const taps = kh * kw;
  const channels = groups * cout * cin; // floats per tap over all channel pairs
  for (let group = 0; group < groups; group++) {
    for (let i0 = 0; i0 < cin; i0 += 16) {
      const i1 = min(i0 + 16, cin);
      for (let o0 = 0; o0 < cout; o0 += 16) {
        const o1 = min(o0 + 16, cout);
        let phase = dst;
        for (let a = 0; a < min(sh, kh); a++) {
          const th = (kh - a + sh - 1) / sh;
          for (let b = 0; b < min(sw, kw); b++) {
            const tw = (kw - b + sw - 1) / sw;
            // the phase's last tap of each pair's first row, read backwards (the kernel turned)
            const first = <usize>((a + (th - 1) * sh) * kw + b + (tw - 1) * sw) << 2;
            const rowBack = <usize>(sh * kw) << 2;
            const colBack = <usize>sw << 2;
            for (let o = o0; o < o1; o++) {
              for (let i = i0; i < i1; i++) {
                let row = w + (<usize>(((group * cin + i) * cout + o) * taps) << 2) + first;
                let at = phase + (<usize>(((group * cout + o) * cin + i) * th * tw) << 2);
                for (let u = 0; u < th; u++) {
                  let from = row;
                  for (let v = 0; v < tw; v++) {
                    store<f32>(at, load<f32>(from));
                    at += 4;
                    from -= colBack;
                  }
                  row -= rowBack;
                }
              }
            }
            phase += <usize>(channels * th * tw) << 2;
          }
        }
      }
    }
  }
}

/**
 * Adds the output of one stride phase of a transposed convolution, `planes` planes of `rows` ×
 * `cols` floats at `src` (contiguous), to planes `dstPlane` floats apart at `dst` (holding the
 * bias), row r and column c at `r·rowStride + c·colStride` (the output's every s-th row and column).
 */
export function placePhase(src: usize, dst: usize, planes: i32, rows: i32, cols: i32, dstPlane: i32, rowStride: i32, colStride: i32): void {
  const colStep = <usize>colStride << 2;
  for (let plane = 0; plane < planes; plane++) {
    const base = dst + (<usize>(plane * dstPlane) << 2);
    for (let r = 0; r < rows; r++) {
      let from = src + (<usize>((plane * rows + r) * cols) << 2);
      let to = base + (<usize>(r * rowStride) << 2);
      let c = 0;
      if (colStride == 2) {
        // two outputs per vector load: four columns into every other lane of two vectors' worth
        for (; c + 4 <= cols; c += 4) {
          const v = v128.load(from);
          store<f32>(to, load<f32>(to) + f32x4.extract_lane(v, 0));
          store<f32>(to, load<f32>(to, 8) + f32x4.extract_lane(v, 1), 8);
          store<f32>(to, load<f32>(to, 16) + f32x4.extract_lane(v, 2), 16);
          store<f32>(to, load<f32>(to, 24) + f32x4.extract_lane(v, 3), 24);
          from += 16;
          to += 32;
        }
      }
      for (; c < cols; c++) {
        store<f32>(to, load<f32>(to) + load<f32>(from));
        from += 4;
        to += colStep;
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
    if (rows == MR && rs == 1) {
      // a panel's rows are adjacent (a transposed matrix, as Wᵀ): one vector per depth step
      let p = src + (<usize>((m0 + ip) + k0 * cs) << 2);
      const step = <usize>cs << 2;
      for (let k = 0; k < kc; k++) {
        v128.store(out, v128.load(p));
        p += step;
        out += MR << 2;
      }
      continue;
    }
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

// The batch as one matrix: column q of a call's GEMM is position q % positions of image
// q / positions, so that layers with few positions per image (ResNet's last stages: 4×4, 2×2)
// still multiply in blocks of KC or NC columns, and the weights are packed once per block of
// columns rather than once per image. Images are `imageBytes` (input) and `outImageBytes`
// (output) apart; a call covers the columns [qStart, qEnd).

/** Zeros column `out` of a B panel (`kc` rows NR floats apart): a column past the matrix's last. */
function zeroPanelColumn(out: usize, kc: i32): void {
  for (let k = 0; k < kc; k++) {
    store<f32>(out, 0);
    out += NR << 2;
  }
}

/**
 * Packs B(k, j) = im2col(batch)[d0 + j, q0 + k] (positions of the batch as depth, im2col rows as
 * columns, panels of NR): one im2col row at a time, its positions in order through the maps.
 */
function packBatchT(x: usize, imageBytes: i32, c0: i32, positions: i32, q0: i32, kc: i32, d0: i32, nc: i32, dst: usize): void {
  const khw = KH * KW;
  const plane = (H * W) << 2;
  const ho = positions / WO;
  const n0 = q0 / positions;
  const p0 = q0 - n0 * positions;
  const oy0 = p0 / WO;
  const ox0 = p0 - oy0 * WO;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    const panel = dst + (<usize>(jp * kc) << 2);
    for (let t = 0; t < NR; t++) {
      let out = panel + (<usize>t << 2);
      if (t >= cols) {
        zeroPanelColumn(out, kc);
        continue;
      }
      const d = d0 + jp + t;
      const c = d / khw;
      const r = d - c * khw;
      const i = r / KW;
      const j = r - i * KW;
      const rowBase = ROWMAP + (<usize>(i * DH) << 2);
      const colBase = COLMAP + (<usize>(j * DW) << 2);
      let image = x + <usize>n0 * imageBytes + <usize>(c0 + c) * plane;
      let oy = oy0;
      let ox = ox0;
      // with stride 1, the output columns whose source column is inside the row read
      // consecutive pixels: [lo, hi) copies without the column map
      const lo = SW == 1 ? min(WO, max(0, PL - j * DW)) : WO;
      const hi = SW == 1 ? max(lo, min(WO, W + PL - j * DW)) : WO;
      const shift = j * DW - PL;
      let sy = load<i32>(rowBase + (<usize>(oy * SH) << 2));
      let line = image + (<usize>(sy * W) << 2);
      let k = 0;
      while (k < kc) {
        // the rest of this output row, or of the block
        const stop = ox + min(kc - k, WO - ox);
        k += stop - ox;
        if (sy < 0) {
          for (; ox < stop; ox++) {
            store<f32>(out, 0);
            out += NR << 2;
          }
        } else {
          for (; ox < stop && ox < lo; ox++) {
            const sx = load<i32>(colBase + (<usize>(ox * SW) << 2));
            store<f32>(out, sx >= 0 ? load<f32>(line + (<usize>sx << 2)) : 0);
            out += NR << 2;
          }
          const fast = min(stop, hi);
          for (; ox < fast; ox++) {
            store<f32>(out, load<f32>(line + (<usize>(ox + shift) << 2)));
            out += NR << 2;
          }
          for (; ox < stop; ox++) {
            const sx = load<i32>(colBase + (<usize>(ox * SW) << 2));
            store<f32>(out, sx >= 0 ? load<f32>(line + (<usize>sx << 2)) : 0);
            out += NR << 2;
          }
        }
        if (ox == WO) {
          ox = 0;
          if (++oy == ho) {
            oy = 0;
            image += imageBytes;
          }
          sy = load<i32>(rowBase + (<usize>(oy * SH) << 2));
          line = image + (<usize>(sy * W) << 2);
        }
      }
    }
  }
}

/**
 * Packs the forward GEMM's B(k, j) = im2col(batch)[k0 + k, q0 + j]: depth rows [k0, k0 + kc) ×
 * batch columns [q0, q0 + nc), panels of NR columns, one column at a time through the maps.
 */
function packBatch(x: usize, imageBytes: i32, c0: i32, positions: i32, k0: i32, kc: i32, q0: i32, nc: i32, dst: usize): void {
  const khw = KH * KW;
  const plane = (H * W) << 2;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    const panel = dst + (<usize>(jp * kc) << 2);
    for (let t = 0; t < NR; t++) {
      let out = panel + (<usize>t << 2);
      if (t >= cols) {
        zeroPanelColumn(out, kc);
        continue;
      }
      const q = q0 + jp + t;
      const n = q / positions;
      const p = q - n * positions;
      const oy = p / WO;
      const ox = p - oy * WO;
      const image = x + <usize>n * imageBytes + <usize>c0 * plane;
      let c = k0 / khw;
      let i = (k0 - c * khw) / KW;
      let j = k0 - c * khw - i * KW;
      for (let k = 0; k < kc; k++) {
        const sy = load<i32>(ROWMAP + (<usize>(oy * SH + i * DH) << 2));
        const sx = load<i32>(COLMAP + (<usize>(ox * SW + j * DW) << 2));
        store<f32>(out, sy >= 0 && sx >= 0 ? load<f32>(image + <usize>c * plane + (<usize>(sy * W + sx) << 2)) : 0);
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
}

/** Packs A(i, k) = gradOut(channel i, batch column q0 + k) for all `m` channels, panels of MR rows. */
function packGradOutA(g: usize, outImageBytes: i32, positions: i32, m: i32, q0: i32, kc: i32, dst: usize): void {
  const n0 = q0 / positions;
  const p0 = q0 - n0 * positions;
  const rowBytes = <usize>positions << 2;
  for (let ip = 0; ip < m; ip += MR) {
    const rows = min(MR, m - ip);
    let out = dst + (<usize>(ip * kc) << 2);
    let src = g + <usize>n0 * outImageBytes + (<usize>(ip * positions + p0) << 2);
    let p = p0;
    for (let k = 0; k < kc; k++) {
      for (let r = 0; r < MR; r++) store<f32>(out + (<usize>r << 2), r < rows ? load<f32>(src + <usize>r * rowBytes) : 0);
      out += MR << 2;
      src += 4;
      if (++p == positions) {
        p = 0;
        src += <usize>outImageBytes - rowBytes;
      }
    }
  }
}

/** Packs B(k, j) = gradOut(channel k0 + k, batch column q0 + j), panels of NR columns. */
function packGradOutB(g: usize, outImageBytes: i32, positions: i32, k0: i32, kc: i32, q0: i32, nc: i32, dst: usize): void {
  const rowBytes = <usize>positions << 2;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    const panel = dst + (<usize>(jp * kc) << 2);
    const first = q0 + jp;
    const n = first / positions;
    const p = first - n * positions;
    if (cols == NR && p + NR <= positions) {
      // the panel's columns are adjacent positions of one image: two vectors per channel
      let src = g + <usize>n * outImageBytes + (<usize>(k0 * positions + p) << 2);
      let out = panel;
      for (let k = 0; k < kc; k++) {
        v128.store(out, v128.load(src));
        v128.store(out, v128.load(src, 16), 16);
        src += rowBytes;
        out += NR << 2;
      }
      continue;
    }
    for (let t = 0; t < NR; t++) {
      let out = panel + (<usize>t << 2);
      if (t >= cols) {
        zeroPanelColumn(out, kc);
        continue;
      }
      const q = first + t;
      const nt = q / positions;
      let src = g + <usize>nt * outImageBytes + (<usize>(k0 * positions + q - nt * positions) << 2);
      for (let k = 0; k < kc; k++) {
        store<f32>(out, load<f32>(src));
        src += rowBytes;
        out += NR << 2;
      }
    }
  }
}

/** Bytes of scratch the backward functions need for `m` output channels per group and `depth`. */
export function backwardScratchBytes(m: i32, depth: i32): i32 {
  const rows = max(m, KC);
  return (((rows + MR) * KC + KC * NC + MR * NR) + depth * NC) * 4 + 64;
}

/**
 * gw[m × depth] += gradOut[m × columns] · im2col(batch)ᵀ over the batch columns [qStart, qEnd) of
 * one group, for the weight's columns (im2col rows) [dStart, dEnd): `x` points at image 0 (the
 * group's channels from `c0`), `gradOut` at the group's first channel of image 0. Threads take
 * disjoint column ranges, so each writes its own part of gw.
 */
export function convBackwardWeight(
  x: usize, imageBytes: i32, c0: i32, gradOut: usize, outImageBytes: i32, gw: usize, m: i32, depth: i32, positions: i32,
  qStart: i32, qEnd: i32, dStart: i32, dEnd: i32, scratch: usize,
): void {
  const pa = (scratch + 15) & ~15;
  const pb = pa + (<usize>((max(m, KC) + MR) * KC) << 2);
  const spill = pb + (<usize>(KC * NC) << 2);
  for (let dc = dStart; dc < dEnd; dc += NC) {
    const nc = min(NC, dEnd - dc);
    for (let pc = qStart; pc < qEnd; pc += KC) {
      const kc = min(KC, qEnd - pc);
      packBatchT(x, imageBytes, c0, positions, pc, kc, dc, nc, pb);
      packGradOutA(gradOut, outImageBytes, positions, m, pc, kc, pa);
      macroKernel(m, nc, kc, pa, pb, gw + (<usize>dc << 2), depth, false, 0, spill);
    }
  }
}

/**
 * gx += col2im(Wᵀ · gradOut) over the batch columns [qStart, qEnd) of one group (whole images:
 * the scatter of two calls must not meet): `gradOut` points at the group's first channel of image
 * 0, `w` at its first filter, `gx` at image 0 (the group's channels from `c0`).
 */
export function convBackwardInput(
  gradOut: usize, outImageBytes: i32, w: usize, gx: usize, imageBytes: i32, c0: i32, m: i32, depth: i32, positions: i32,
  qStart: i32, qEnd: i32, scratch: usize,
): void {
  const pa = (scratch + 15) & ~15;
  const pb = pa + (<usize>((max(m, KC) + MR) * KC) << 2);
  const spill = pb + (<usize>(KC * NC) << 2);
  const cols = spill + (<usize>(MR * NR) << 2);
  const khw = KH * KW;
  const plane = (H * W) << 2;
  const ho = positions / WO;
  // blocks on a grid of NC columns from column 0, whatever the range: a pixel sums its columns'
  // values in the same order however the batch is split between threads (a split falls between
  // images, the grid does not move), so the gradient does not depend on the thread count
  for (let jc = qStart; jc < qEnd; ) {
    const next = min(qEnd, (jc / NC + 1) * NC);
    const nc = next - jc;
    // gradCols[depth × nc] = Wᵀ[depth × m] · gradOut[m × nc]
    for (let pc = 0; pc < m; pc += KC) {
      const kc = min(KC, m - pc);
      packGradOutB(gradOut, outImageBytes, positions, pc, kc, jc, nc, pb);
      for (let ic = 0; ic < depth; ic += KC) {
        const mc = min(KC, depth - ic);
        packStridedA(w, 1, depth, ic, mc, pc, kc, pa);
        macroKernel(mc, nc, kc, pa, pb, cols + (<usize>(ic * nc) << 2), nc, pc == 0, 0, spill);
      }
    }
    // scatter each column back to the pixel it was read from
    const n0 = jc / positions;
    const p0 = jc - n0 * positions;
    const oy0 = p0 / WO;
    const ox0 = p0 - oy0 * WO;
    for (let d = 0; d < depth; d++) {
      const c = d / khw;
      const r = d - c * khw;
      const i = r / KW;
      const j = r - i * KW;
      const rowBase = ROWMAP + (<usize>(i * DH) << 2);
      const colBase = COLMAP + (<usize>(j * DW) << 2);
      let image = gx + <usize>n0 * imageBytes + <usize>(c0 + c) * plane;
      const row = cols + (<usize>(d * nc) << 2);
      let oy = oy0;
      let ox = ox0;
      let sy = load<i32>(rowBase + (<usize>(oy * SH) << 2));
      for (let t = 0; t < nc; t++) {
        const sx = load<i32>(colBase + (<usize>(ox * SW) << 2));
        if (sy >= 0 && sx >= 0) {
          const at = image + (<usize>(sy * W + sx) << 2);
          store<f32>(at, load<f32>(at) + load<f32>(row + (<usize>t << 2)));
        }
        if (++ox == WO) {
          ox = 0;
          if (++oy == ho) {
            oy = 0;
            image += imageBytes;
          }
          sy = load<i32>(rowBase + (<usize>(oy * SH) << 2));
        }
      }
    }
    jc = next;
  }
}

/** Bytes of scratch `convForwardBatch` needs for `m` output channels per group. */
export function batchScratchBytes(m: i32): i32 {
  const mPadded = (m + MR - 1) / MR * MR;
  return (mPadded * KC + KC * NC + MR * NR + m * NC) * 4 + 64;
}

/**
 * Forward over the batch columns [qStart, qEnd) of one group, for layers with few positions per
 * image: each block of NC columns is multiplied into a scratch block, which is then written to
 * its images. `x` points at image 0 (channels from `c0`), `w` at the group's first filter, `bias`
 * at its first bias (0 for none), `out` at the group's first channel of image 0.
 */
export function convForwardBatch(
  x: usize, imageBytes: i32, c0: i32, w: usize, bias: usize, out: usize, outImageBytes: i32, m: i32, depth: i32, positions: i32,
  qStart: i32, qEnd: i32, scratch: usize,
): void {
  const mPadded = (m + MR - 1) / MR * MR;
  const pa = (scratch + 15) & ~15;
  const pb = pa + (<usize>(mPadded * KC) << 2);
  const spill = pb + (<usize>(KC * NC) << 2);
  const block = spill + (<usize>(MR * NR) << 2);
  const rowBytes = <usize>positions << 2;
  for (let jc = qStart; jc < qEnd; jc += NC) {
    const nc = min(NC, qEnd - jc);
    for (let pc = 0; pc < depth; pc += KC) {
      const kc = min(KC, depth - pc);
      packBatch(x, imageBytes, c0, positions, pc, kc, jc, nc, pb);
      packRows(w, depth, 0, m, pc, kc, pa);
      macroKernel(m, nc, kc, pa, pb, block, nc, pc == 0, bias, spill);
    }
    // each image's run of columns is a run of positions in every output channel
    let t = 0;
    while (t < nc) {
      const q = jc + t;
      const n = q / positions;
      const p = q - n * positions;
      const run = min(nc - t, positions - p);
      let dst = out + <usize>n * outImageBytes + (<usize>p << 2);
      let src = block + (<usize>t << 2);
      for (let co = 0; co < m; co++) {
        memory.copy(dst, src, <usize>run << 2);
        dst += rowBytes;
        src += <usize>nc << 2;
      }
      t += run;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Winograd F(2×2, 3×3) for 3×3 convolutions with stride 1 and dilation 1: each 2×2 block of
// outputs costs 16 multiply-adds per input channel instead of 36. Input tiles (4×4, read through
// the padding maps, so every padding mode works) are transformed to V = Bᵀ d B, multiplied with
// the transformed filters U = G g Gᵀ in sixteen GEMMs (one per element of the 4×4 tile, on the
// same packed micro-kernel), and transformed back with Aᵀ M A.

/** Floats between consecutive transformed-filter matrices U[ξ] (see winogradFilters). */
const U_PAD: i32 = 64;

/** Output tiles per Winograd chunk: V and M (16 × channels × WNC floats each) stay in L2. */
const WNC: i32 = 96;

/** Bytes of scratch winogradForward needs for `cin` input and `m` output channels. */
export function winogradScratchBytes(cin: i32, m: i32): i32 {
  return ((16 * cin * WNC + 16 * m * WNC) + KC * WNC + MR * NR) * 4 + 64;
}

/**
 * Output tiles [tStart, tEnd) (tile t covers output rows 2·(t / tilesX) + 0..1 and columns
 * 2·(t % tilesX) + 0..1) of one group of one image. `u` holds U as 16 matrices [m × cin].
 */
export function winogradForward(
  x: usize, c0: i32, u: usize, bias: usize, out: usize, cin: i32, m: i32, ho: i32, tilesX: i32, tStart: i32, tEnd: i32, scratch: usize,
): void {
  const plane = (H * W) << 2;
  const v = (scratch + 15) & ~15; // V: 16 × cin × WNC
  const mm = v + (<usize>(16 * cin * WNC) << 2); // M: 16 × m × WNC
  // (no A panels: U is stored packed already, see winogradFilters)
  const pb = mm + (<usize>(16 * m * WNC) << 2);
  const spill = pb + (<usize>(KC * WNC) << 2);
  for (let t0 = tStart; t0 < tEnd; t0 += WNC) {
    const nc = min(WNC, tEnd - t0);
    // input transform: V[ξ][c][t] = (Bᵀ d B)[ξ]; four tiles of a tile row at once where their
    // ten source columns are inside the image, one tile at a time elsewhere
    const vStride = <usize>(cin * nc) << 2;
    for (let c = 0; c < cin; c++) {
      const image = x + <usize>(c0 + c) * plane;
      let t = 0;
      while (t < nc) {
        const tile = t0 + t;
        const ty = tile / tilesX;
        const tx = tile - ty * tilesX;
        if (VIRTUAL == 0 && t + 4 <= nc && tx + 4 <= tilesX && 2 * tx >= PL && 2 * tx + 9 < PL + W) {
          let d0 = f32x4.splat(0), d1 = d0, d2 = d0, d3 = d0;
          let e0 = d0, e1 = d0, e2 = d0, e3 = d0;
          let f0 = d0, f1 = d0, f2 = d0, f3 = d0;
          let g0 = d0, g1 = d0, g2 = d0, g3 = d0;
          for (let r = 0; r < 4; r++) {
            const sy = load<i32>(ROWMAP + (<usize>(2 * ty + r) << 2));
            const src = sy < 0 ? ZEROROW + (<usize>(2 * tx - PL) << 2) : image + (<usize>(sy * W + 2 * tx - PL) << 2);
            const l0 = v128.load(src), l1 = v128.load(src, 16), l2 = v128.load(src, 8), l3 = v128.load(src, 24);
            const c0v = i8x16.shuffle(l0, l1, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
            const c1v = i8x16.shuffle(l0, l1, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
            const c2v = i8x16.shuffle(l2, l3, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
            const c3v = i8x16.shuffle(l2, l3, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
            if (r == 0) { d0 = c0v; d1 = c1v; d2 = c2v; d3 = c3v; }
            else if (r == 1) { e0 = c0v; e1 = c1v; e2 = c2v; e3 = c3v; }
            else if (r == 2) { f0 = c0v; f1 = c1v; f2 = c2v; f3 = c3v; }
            else { g0 = c0v; g1 = c1v; g2 = c2v; g3 = c3v; }
          }
          // Bᵀ d (rows d, e, f, g are the patch rows 0..3)
          const a00 = f32x4.sub(d0, f0), a01 = f32x4.sub(d1, f1), a02 = f32x4.sub(d2, f2), a03 = f32x4.sub(d3, f3);
          const a10 = f32x4.add(e0, f0), a11 = f32x4.add(e1, f1), a12 = f32x4.add(e2, f2), a13 = f32x4.add(e3, f3);
          const a20 = f32x4.sub(f0, e0), a21 = f32x4.sub(f1, e1), a22 = f32x4.sub(f2, e2), a23 = f32x4.sub(f3, e3);
          const a30 = f32x4.sub(e0, g0), a31 = f32x4.sub(e1, g1), a32 = f32x4.sub(e2, g2), a33 = f32x4.sub(e3, g3);
          let at = v + (<usize>(c * nc + t) << 2);
          v128.store(at, f32x4.sub(a00, a02)); at += vStride;
          v128.store(at, f32x4.add(a01, a02)); at += vStride;
          v128.store(at, f32x4.sub(a02, a01)); at += vStride;
          v128.store(at, f32x4.sub(a01, a03)); at += vStride;
          v128.store(at, f32x4.sub(a10, a12)); at += vStride;
          v128.store(at, f32x4.add(a11, a12)); at += vStride;
          v128.store(at, f32x4.sub(a12, a11)); at += vStride;
          v128.store(at, f32x4.sub(a11, a13)); at += vStride;
          v128.store(at, f32x4.sub(a20, a22)); at += vStride;
          v128.store(at, f32x4.add(a21, a22)); at += vStride;
          v128.store(at, f32x4.sub(a22, a21)); at += vStride;
          v128.store(at, f32x4.sub(a21, a23)); at += vStride;
          v128.store(at, f32x4.sub(a30, a32)); at += vStride;
          v128.store(at, f32x4.add(a31, a32)); at += vStride;
          v128.store(at, f32x4.sub(a32, a31)); at += vStride;
          v128.store(at, f32x4.sub(a31, a33));
          t += 4;
          continue;
        }
        // the 4×4 input patch through the maps (rows 2ty.., columns 2tx.. in padded coordinates)
        let d00: f32 = 0, d01: f32 = 0, d02: f32 = 0, d03: f32 = 0;
        let d10: f32 = 0, d11: f32 = 0, d12: f32 = 0, d13: f32 = 0;
        let d20: f32 = 0, d21: f32 = 0, d22: f32 = 0, d23: f32 = 0;
        let d30: f32 = 0, d31: f32 = 0, d32: f32 = 0, d33: f32 = 0;
        const x0 = load<i32>(COLMAP + (<usize>(2 * tx) << 2));
        const x1 = load<i32>(COLMAP + (<usize>(2 * tx + 1) << 2));
        const x2 = load<i32>(COLMAP + (<usize>(2 * tx + 2) << 2));
        const x3 = load<i32>(COLMAP + (<usize>(2 * tx + 3) << 2));
        for (let r = 0; r < 4; r++) {
          const sy = load<i32>(ROWMAP + (<usize>(2 * ty + r) << 2));
          if (sy < 0) continue;
          const row = image + (<usize>(sy * W) << 2);
          const a0: f32 = x0 >= 0 ? load<f32>(row + (<usize>x0 << 2)) : 0;
          const a1: f32 = x1 >= 0 ? load<f32>(row + (<usize>x1 << 2)) : 0;
          const a2: f32 = x2 >= 0 ? load<f32>(row + (<usize>x2 << 2)) : 0;
          const a3: f32 = x3 >= 0 ? load<f32>(row + (<usize>x3 << 2)) : 0;
          if (r == 0) { d00 = a0; d01 = a1; d02 = a2; d03 = a3; }
          else if (r == 1) { d10 = a0; d11 = a1; d12 = a2; d13 = a3; }
          else if (r == 2) { d20 = a0; d21 = a1; d22 = a2; d23 = a3; }
          else { d30 = a0; d31 = a1; d32 = a2; d33 = a3; }
        }
        // Bᵀ d: rows
        const e00 = d00 - d20, e01 = d01 - d21, e02 = d02 - d22, e03 = d03 - d23;
        const e10 = d10 + d20, e11 = d11 + d21, e12 = d12 + d22, e13 = d13 + d23;
        const e20 = d20 - d10, e21 = d21 - d11, e22 = d22 - d12, e23 = d23 - d13;
        const e30 = d10 - d30, e31 = d11 - d31, e32 = d12 - d32, e33 = d13 - d33;
        // (Bᵀ d) B: columns, stored at V[ξ][c][t]
        let at = v + (<usize>(c * nc + t) << 2);
        store<f32>(at, e00 - e02); at += vStride;
        store<f32>(at, e01 + e02); at += vStride;
        store<f32>(at, e02 - e01); at += vStride;
        store<f32>(at, e01 - e03); at += vStride;
        store<f32>(at, e10 - e12); at += vStride;
        store<f32>(at, e11 + e12); at += vStride;
        store<f32>(at, e12 - e11); at += vStride;
        store<f32>(at, e11 - e13); at += vStride;
        store<f32>(at, e20 - e22); at += vStride;
        store<f32>(at, e21 + e22); at += vStride;
        store<f32>(at, e22 - e21); at += vStride;
        store<f32>(at, e21 - e23); at += vStride;
        store<f32>(at, e30 - e32); at += vStride;
        store<f32>(at, e31 + e32); at += vStride;
        store<f32>(at, e32 - e31); at += vStride;
        store<f32>(at, e31 - e33);
        t++;
      }
    }
    // sixteen GEMMs: M[ξ] [m × nc] = U[ξ] [m × cin] · V[ξ] [cin × nc]
    for (let xi = 0; xi < 16; xi++) {
      const mPadded = roundUp(m, MR);
      const uXi = u + (<usize>(xi * (mPadded * cin + U_PAD)) << 2);
      const vXi = v + (<usize>(xi * cin * nc) << 2);
      const mXi = mm + (<usize>(xi * m * nc) << 2);
      for (let pc = 0; pc < cin; pc += KC) {
        const kc = min(KC, cin - pc);
        packRowsB(vXi, nc, pc, kc, 0, nc, pb);
        // U[ξ] is stored packed already (winogradFilters)
        macroKernel(m, nc, kc, uXi + (<usize>(pc * mPadded) << 2), pb, mXi, nc, pc == 0, 0, spill);
      }
    }
    // output transform: Y = Aᵀ M A (+ bias), clipped at the bottom and right edges
    const mStride = <usize>(m * nc) << 2;
    for (let k = 0; k < m; k++) {
      const b: f32 = bias != 0 ? load<f32>(bias + (<usize>k << 2)) : 0;
      const dst = out + (<usize>(k * OPLANE) << 2);
      let t = 0;
      while (t < nc) {
        const tile = t0 + t;
        const ty = tile / tilesX;
        const tx = tile - ty * tilesX;
        if (OSX == 1 && t + 4 <= nc && tx + 4 <= tilesX && 2 * tx + 8 <= WO && 2 * ty + 2 <= ho) {
          // four tiles: 2 × 8 outputs, lanes interleaved back into rows
          let at = mm + (<usize>(k * nc + t) << 2);
          const n00 = v128.load(at); at += mStride;
          const n01 = v128.load(at); at += mStride;
          const n02 = v128.load(at); at += mStride;
          const n03 = v128.load(at); at += mStride;
          const n10 = v128.load(at); at += mStride;
          const n11 = v128.load(at); at += mStride;
          const n12 = v128.load(at); at += mStride;
          const n13 = v128.load(at); at += mStride;
          const n20 = v128.load(at); at += mStride;
          const n21 = v128.load(at); at += mStride;
          const n22 = v128.load(at); at += mStride;
          const n23 = v128.load(at); at += mStride;
          const n30 = v128.load(at); at += mStride;
          const n31 = v128.load(at); at += mStride;
          const n32 = v128.load(at); at += mStride;
          const n33 = v128.load(at);
          const q00 = f32x4.add(f32x4.add(n00, n10), n20), q01 = f32x4.add(f32x4.add(n01, n11), n21);
          const q02 = f32x4.add(f32x4.add(n02, n12), n22), q03 = f32x4.add(f32x4.add(n03, n13), n23);
          const q10 = f32x4.sub(f32x4.sub(n10, n20), n30), q11 = f32x4.sub(f32x4.sub(n11, n21), n31);
          const q12 = f32x4.sub(f32x4.sub(n12, n22), n32), q13 = f32x4.sub(f32x4.sub(n13, n23), n33);
          const bv = f32x4.splat(b);
          const y00 = f32x4.add(f32x4.add(f32x4.add(q00, q01), q02), bv);
          const y01 = f32x4.add(f32x4.sub(f32x4.sub(q01, q02), q03), bv);
          const y10 = f32x4.add(f32x4.add(f32x4.add(q10, q11), q12), bv);
          const y11 = f32x4.add(f32x4.sub(f32x4.sub(q11, q12), q13), bv);
          const base = dst + (<usize>(2 * ty * OSY + 2 * tx) << 2);
          v128.store(base, i8x16.shuffle(y00, y01, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23));
          v128.store(base, i8x16.shuffle(y00, y01, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31), 16);
          const below = base + (<usize>OSY << 2);
          v128.store(below, i8x16.shuffle(y10, y11, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23));
          v128.store(below, i8x16.shuffle(y10, y11, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31), 16);
          t += 4;
          continue;
        }
        let at = mm + (<usize>(k * nc + t) << 2);
        const m00 = load<f32>(at); at += mStride;
        const m01 = load<f32>(at); at += mStride;
        const m02 = load<f32>(at); at += mStride;
        const m03 = load<f32>(at); at += mStride;
        const m10 = load<f32>(at); at += mStride;
        const m11 = load<f32>(at); at += mStride;
        const m12 = load<f32>(at); at += mStride;
        const m13 = load<f32>(at); at += mStride;
        const m20 = load<f32>(at); at += mStride;
        const m21 = load<f32>(at); at += mStride;
        const m22 = load<f32>(at); at += mStride;
        const m23 = load<f32>(at); at += mStride;
        const m30 = load<f32>(at); at += mStride;
        const m31 = load<f32>(at); at += mStride;
        const m32 = load<f32>(at); at += mStride;
        const m33 = load<f32>(at);
        // Aᵀ M: two rows
        const r00 = m00 + m10 + m20, r01 = m01 + m11 + m21, r02 = m02 + m12 + m22, r03 = m03 + m13 + m23;
        const r10 = m10 - m20 - m30, r11 = m11 - m21 - m31, r12 = m12 - m22 - m32, r13 = m13 - m23 - m33;
        const oy = 2 * ty;
        const ox = 2 * tx;
        const base = dst + (<usize>(oy * OSY + ox * OSX) << 2);
        const right = <usize>OSX << 2;
        store<f32>(base, r00 + r01 + r02 + b);
        if (ox + 1 < WO) store<f32>(base + right, r01 - r02 - r03 + b);
        if (oy + 1 < ho) {
          const below = base + (<usize>OSY << 2);
          store<f32>(below, r10 + r11 + r12 + b);
          if (ox + 1 < WO) store<f32>(below + right, r11 - r12 - r13 + b);
        }
        t++;
      }
    }
  }
}

export function winogradFilterFloats(groups: i32, cout: i32, cin: i32): i32 {
  return groups * 16 * (roundUp(cout, MR) * cin + U_PAD);
}

function roundUp(n: i32, multiple: i32): i32 {
  return (n + multiple - 1) / multiple * multiple;
}

/**
 * The Winograd filter transform U = G g Gᵀ of output channels [kStart, kEnd) of the 3×3 filters
 * at `w` ([groups·cout, cin, 3, 3]), written straight into the packed layout the micro-kernel
 * reads (per group and ξ: KC-column blocks of MR-row panels, rows past cout zero), so no thread
 * packs them again. Matrices U[ξ] sit U_PAD floats apart: without that, the sixteen write streams
 * are a multiple of 4 KiB apart and evict each other from L1.
 */
export function winogradFilters(w: usize, u: usize, groups: i32, cout: i32, cin: i32, kStart: i32, kEnd: i32): void {
  const mPadded = roundUp(cout, MR);
  const xiStride = <usize>(mPadded * cin + U_PAD) << 2;
  for (let group = 0; group < groups; group++) {
    const groupBase = u + <usize>group * 16 * xiStride;
    for (let k = kStart; k < kEnd; k++) {
      const r = k % MR;
      const ip = k - r;
      for (let c = 0; c < cin; c++) {
        const pc = c / KC * KC;
        const kc = min(KC, cin - pc);
        const f = w + (<usize>(((group * cout + k) * cin + c) * 9) << 2);
        const g00 = load<f32>(f), g01 = load<f32>(f, 4), g02 = load<f32>(f, 8);
        const g10 = load<f32>(f, 12), g11 = load<f32>(f, 16), g12 = load<f32>(f, 20);
        const g20 = load<f32>(f, 24), g21 = load<f32>(f, 28), g22 = load<f32>(f, 32);
        // G g: 4 × 3
        const h00 = g00, h01 = g01, h02 = g02;
        const h10 = (g00 + g10 + g20) * 0.5, h11 = (g01 + g11 + g21) * 0.5, h12 = (g02 + g12 + g22) * 0.5;
        const h20 = (g00 - g10 + g20) * 0.5, h21 = (g01 - g11 + g21) * 0.5, h22 = (g02 - g12 + g22) * 0.5;
        const h30 = g20, h31 = g21, h32 = g22;
        // (G g) Gᵀ, element ξ of row k and column c at its packed place in U[ξ]
        let at = groupBase + (<usize>(pc * mPadded + ip * kc + (c - pc) * MR + r) << 2);
        store<f32>(at, h00); at += xiStride;
        store<f32>(at, (h00 + h01 + h02) * 0.5); at += xiStride;
        store<f32>(at, (h00 - h01 + h02) * 0.5); at += xiStride;
        store<f32>(at, h02); at += xiStride;
        store<f32>(at, h10); at += xiStride;
        store<f32>(at, (h10 + h11 + h12) * 0.5); at += xiStride;
        store<f32>(at, (h10 - h11 + h12) * 0.5); at += xiStride;
        store<f32>(at, h12); at += xiStride;
        store<f32>(at, h20); at += xiStride;
        store<f32>(at, (h20 + h21 + h22) * 0.5); at += xiStride;
        store<f32>(at, (h20 - h21 + h22) * 0.5); at += xiStride;
        store<f32>(at, h22); at += xiStride;
        store<f32>(at, h30); at += xiStride;
        store<f32>(at, (h30 + h31 + h32) * 0.5); at += xiStride;
        store<f32>(at, (h30 - h31 + h32) * 0.5); at += xiStride;
        store<f32>(at, h32);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A general matrix multiply on the same micro-kernel (Linear and matmul): any row and column
// strides for A and B (so transposes cost nothing), C row-major with its own row stride.

/** Packs B(k, j) = src[k·rs + j·cs], depth [k0, k0 + kc) × columns [n0, n0 + nc), into panels of NR columns. */
function packStridedB(src: usize, rs: i32, cs: i32, k0: i32, kc: i32, n0: i32, nc: i32, dst: usize): void {
  if (cs == 1) {
    packRowsB(src, rs, k0, kc, n0, nc, dst);
    return;
  }
  let out = dst;
  for (let jp = 0; jp < nc; jp += NR) {
    const cols = min(NR, nc - jp);
    for (let k = 0; k < kc; k++) {
      const p = src + (<usize>((k0 + k) * rs + (n0 + jp) * cs) << 2);
      for (let t = 0; t < NR; t++) store<f32>(out + (<usize>t << 2), t < cols ? load<f32>(p + (<usize>(t * cs) << 2)) : 0);
      out += NR << 2;
    }
  }
}

/** Bytes of scratch `gemm` needs. */
export function gemmScratchBytes(): i32 {
  return ((KC + MR) * KC + KC * NC + MR * NR) * 4 + 64;
}

/**
 * C[m × n] (row stride ldc floats) = A·B, or += A·B when `accumulate`; A(i, p) = a[i·ars + p·acs],
 * B(p, j) = b[p·brs + j·bcs]; k ≥ 1.
 */
export function gemm(m: i32, n: i32, k: i32, a: usize, ars: i32, acs: i32, b: usize, brs: i32, bcs: i32, c: usize, ldc: i32, accumulate: bool, scratch: usize): void {
  const pa = (scratch + 15) & ~15;
  const pb = pa + (<usize>((KC + MR) * KC) << 2);
  const spill = pb + (<usize>(KC * NC) << 2);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      packStridedB(b, brs, bcs, pc, kc, jc, nc, pb);
      for (let ic = 0; ic < m; ic += KC) {
        const mc = min(KC, m - ic);
        packStridedA(a, ars, acs, ic, mc, pc, kc, pa);
        macroKernel(mc, nc, kc, pa, pb, c + (<usize>(ic * ldc + jc) << 2), ldc, pc == 0 && !accumulate, 0, spill);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Max pooling, 2×2 windows with stride 2 all inside the input (LeNet, VGG, U-Net): four outputs
// per step, with PyTorch's CPU rule for the index each output takes (the window's first element,
// then one strictly greater or a NaN, in row-major order), kept for the backward.

/**
 * Planes [start, end) of `x` (planes of h × w floats) into `out` (planes of ho × wo floats) and
 * `idx` (i32, the flat input index of each output's element).
 */
export function maxPool2x2(x: usize, out: usize, idx: usize, h: i32, w: i32, ho: i32, wo: i32, start: i32, end: i32): void {
  const lanes = i32x4(0, 2, 4, 6);
  for (let plane = start; plane < end; plane++) {
    for (let oy = 0; oy < ho; oy++) {
      const first = plane * h * w + 2 * oy * w; // flat index of the window row's first element
      const top = x + (<usize>first << 2);
      const bottom = top + (<usize>w << 2);
      const o = plane * ho * wo + oy * wo;
      let ox = 0;
      for (; ox + 4 <= wo; ox += 4) {
        const t0 = v128.load(top + (<usize>(2 * ox) << 2));
        const t1 = v128.load(top + (<usize>(2 * ox) << 2), 16);
        const b0 = v128.load(bottom + (<usize>(2 * ox) << 2));
        const b1 = v128.load(bottom + (<usize>(2 * ox) << 2), 16);
        const a = i8x16.shuffle(t0, t1, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
        const b = i8x16.shuffle(t0, t1, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
        const c = i8x16.shuffle(b0, b1, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
        const d = i8x16.shuffle(b0, b1, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
        const ia = i32x4.add(i32x4.splat(first + 2 * ox), lanes);
        let max = a;
        let at = ia;
        let take = v128.or(f32x4.gt(b, max), f32x4.ne(b, b));
        max = v128.bitselect(b, max, take);
        at = v128.bitselect(i32x4.add(ia, i32x4.splat(1)), at, take);
        take = v128.or(f32x4.gt(c, max), f32x4.ne(c, c));
        max = v128.bitselect(c, max, take);
        at = v128.bitselect(i32x4.add(ia, i32x4.splat(w)), at, take);
        take = v128.or(f32x4.gt(d, max), f32x4.ne(d, d));
        max = v128.bitselect(d, max, take);
        at = v128.bitselect(i32x4.add(ia, i32x4.splat(w + 1)), at, take);
        v128.store(out + (<usize>(o + ox) << 2), max);
        v128.store(idx + (<usize>(o + ox) << 2), at);
      }
      for (; ox < wo; ox++) {
        const i0 = first + 2 * ox;
        let at = i0;
        let max = load<f32>(x + (<usize>i0 << 2));
        for (let k = 1; k < 4; k++) {
          const i = i0 + (k & 1) + (k >> 1) * w;
          const v = load<f32>(x + (<usize>i << 2));
          if (v > max || v != v) {
            max = v;
            at = i;
          }
        }
        store<f32>(out + (<usize>(o + ox) << 2), max);
        store<i32>(idx + (<usize>(o + ox) << 2), at);
      }
    }
  }
}
