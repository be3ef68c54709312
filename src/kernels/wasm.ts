/**
 * The WebAssembly SIMD kernels (assembly/conv.ts): loading, memory, and the convolution entry
 * points. If WebAssembly (or its SIMD) is unavailable, `wasmKernels()` is `null` and callers use
 * the plain TypeScript kernels.
 *
 * Memory: one `WebAssembly.Memory`; the first 64 KiB hold the module's static data, the rest is a
 * bump arena reset on every call, grown to the largest call seen (inputs + weights + output +
 * index maps + packing scratch of `(MC + NC)·KC` floats; no im2col buffer is ever built).
 *
 * @packageDocumentation
 */
import type { ConvGeometry } from './conv2d.js';
import { sourceIndex, type PadKernelMode } from './pad.js';
import { gemm, type MatrixView } from './gemm.js';
import { defaultThreadCount, startPool, threadsAvailable, type Pool } from './threads.js';
import { wasmBinary, wasmSharedBinary } from './wasm-binary.js';

interface Exports {
  setGeometry(
    h: number, w: number, wo: number, kh: number, kw: number, sh: number, sw: number, dh: number, dw: number,
    pt: number, pl: number, rowMap: number, colMap: number, zeroRow: number,
  ): void;
  scratchBytes(m: number): number;
  convForward(
    x: number, c0: number, w: number, bias: number, out: number, m: number, depth: number, positions: number,
    pStart: number, pEnd: number, scratch: number,
  ): void;
  depthwiseScratchBytes(ho: number, wo: number, kh: number, kw: number, sh: number, sw: number, dh: number, dw: number): number;
  depthwiseForward(x: number, multiplier: number, w: number, bias: number, out: number, ho: number, oStart: number, oEnd: number, scratch: number): void;
  winogradScratchBytes(cin: number, m: number): number;
  winogradFilters(w: number, u: number, groups: number, cout: number, cin: number, kStart: number, kEnd: number): void;
  winogradFilterFloats(groups: number, cout: number, cin: number): number;
  setWinogradOutput(osy: number, osx: number, oplane: number, virtual: number): void;
  winogradForward(
    x: number, c0: number, u: number, bias: number, out: number, cin: number, m: number, ho: number, tilesX: number,
    tStart: number, tEnd: number, scratch: number,
  ): void;
  backwardScratchBytes(m: number, depth: number): number;
  convBackwardWeight(
    x: number, imageBytes: number, c0: number, gradOut: number, outImageBytes: number, gw: number, m: number, depth: number, positions: number,
    qStart: number, qEnd: number, dStart: number, dEnd: number, scratch: number,
  ): void;
  convBackwardInput(
    gradOut: number, outImageBytes: number, w: number, gx: number, imageBytes: number, c0: number, m: number, depth: number, positions: number,
    qStart: number, qEnd: number, scratch: number,
  ): void;
  batchScratchBytes(m: number): number;
  convForwardBatch(
    x: number, imageBytes: number, c0: number, w: number, bias: number, out: number, outImageBytes: number, m: number, depth: number,
    positions: number, qStart: number, qEnd: number, scratch: number,
  ): void;
  maxPool2x2(x: number, out: number, idx: number, h: number, w: number, ho: number, wo: number, start: number, end: number): void;
  placePhase(src: number, dst: number, planes: number, rows: number, cols: number, dstPlane: number, rowStride: number, colStride: number): void;
  phaseWeights(w: number, dst: number, groups: number, cin: number, cout: number, kh: number, kw: number, sh: number, sw: number): void;
  gemmScratchBytes(): number;
  gemm(
    m: number, n: number, k: number, a: number, ars: number, acs: number, b: number, brs: number, bcs: number,
    c: number, ldc: number, accumulate: boolean, scratch: number,
  ): void;
}

/** The part of the `WebAssembly` global used here (typed locally: no DOM lib needed). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  compile(bytes: Uint8Array): Promise<object>;
}
const wasmApi: WasmApi | undefined = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

interface Kernels {
  readonly exports: Exports;
  readonly memory: WasmMemory;
  /** The compiled module, for workers (shared-memory build only). */
  readonly module: object;
  /** Whether the memory is shared, so worker threads can work on it. */
  readonly shared: boolean;
}

const STATIC_BYTES = 65536;
const PAGE = 65536;

/** undefined: not tried yet; null: unavailable. */
let kernels: Kernels | null | undefined;
/** Whether the WebAssembly kernels may be used (tests switch them off to check the fallback). */
let enabled = true;

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** The shared-memory build where SharedArrayBuffer exists (so threads can join), else the plain one. */
function variant(): { bytes: Uint8Array; shared: boolean } {
  const shared = threadsAvailable();
  return { bytes: decode(shared ? wasmSharedBinary : wasmBinary), shared };
}

function instantiate(api: WasmApi, module: object, shared: boolean): Kernels {
  const memory = shared ? new api.Memory({ initial: 16, maximum: 32768, shared: true }) : new api.Memory({ initial: 16 });
  const instance = new api.Instance(module, { env: { memory } });
  return { exports: instance.exports as Exports, memory, module, shared };
}

/** The loaded kernels, compiling synchronously on first use; `null` where WebAssembly SIMD is unavailable. */
export function wasmKernels(): Kernels | null {
  if (!enabled) return null;
  if (kernels === undefined) {
    try {
      if (!wasmApi) throw new Error('no WebAssembly');
      const { bytes, shared } = variant();
      kernels = instantiate(wasmApi, new wasmApi.Module(bytes), shared);
    } catch {
      // no WebAssembly, no SIMD, or (in a browser's main thread) a module too large to compile
      // synchronously: the plain TypeScript kernels run until `ready()` has compiled it
      kernels = null;
    }
  }
  return kernels;
}

/**
 * Resolves once the WebAssembly kernels are compiled (asynchronously, as browsers require for
 * larger modules on the main thread). In Node the kernels compile synchronously on first use, so
 * awaiting this is optional; everywhere, computations before it resolves use the plain
 * TypeScript kernels and give the same results.
 *
 * @example
 * ```ts
 * import { ready } from 'shapecheck';
 * await ready();
 * ```
 * @category Runtime
 */
export async function ready(): Promise<void> {
  if (kernels) return;
  try {
    if (!wasmApi) throw new Error('no WebAssembly');
    const { bytes, shared } = variant();
    kernels = instantiate(wasmApi, await wasmApi.compile(bytes), shared);
  } catch {
    kernels = null;
  }
}

/** Switches the WebAssembly kernels on or off (off: the plain TypeScript kernels run). For tests and comparisons. */
export function setWasmEnabled(on: boolean): void {
  enabled = on;
}

let threadCount = defaultThreadCount();
let pool: Pool | null = null;

/**
 * Sets how many threads the convolution kernels use: `1` keeps all work on the calling thread;
 * more start Node worker threads (the default is the number of cores). Workers share the
 * kernels' memory, are started here (or at the first large convolution), and never keep the
 * process alive. Small convolutions stay on the calling thread whatever the setting.
 *
 * @throws {RangeError} for a count that is not a positive integer.
 * @throws {Error} when worker threads are unavailable or do not start.
 * @example
 * ```ts
 * import { getNumThreads, setNumThreads } from 'shapecheck';
 * setNumThreads(1);
 * getNumThreads();
 * //=> 1
 * ```
 * @category Runtime
 */
export function setNumThreads(count: number): void {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`setNumThreads: expected a positive integer, got ${count}`);
  if (pool && pool.size !== count - 1) {
    pool.terminate();
    pool = null;
  }
  threadCount = count;
  if (count > 1) threadPool();
}

/**
 * The number of threads the convolution kernels use (see {@link setNumThreads}).
 *
 * @example
 * ```ts
 * import { getNumThreads } from 'shapecheck';
 * getNumThreads() >= 1;
 * //=> true
 * ```
 * @category Runtime
 */
export function getNumThreads(): number {
  return threadCount;
}

/** The worker pool for the current thread count, started on first use; null for one thread. */
function threadPool(): Pool | null {
  if (threadCount === 1) return null;
  const k = wasmKernels();
  if (!k || !k.shared) {
    throw new Error('setNumThreads: worker threads need the WebAssembly kernels on shared memory, which this platform lacks');
  }
  pool ??= startPool(threadCount - 1, k.module, k.memory, runForward);
  return pool;
}

/** Work (in floating-point operations) below which a convolution stays on one thread. */
let parallelFlops = 4e6;

/** Sets the work below which convolutions stay on one thread (tests lower it to exercise threads on small cases). */
export function setParallelFlops(flops: number): void {
  parallelFlops = flops;
}

/** Splits [0, total) into up to `parts` ranges whose starts are multiples of `align`. */
function split(total: number, parts: number, align: number): [number, number][] {
  const ranges: [number, number][] = [];
  const step = Math.ceil(total / parts / align) * align;
  for (let start = 0; start < total; start += step) ranges.push([start, Math.min(total, start + step)]);
  return ranges;
}

/**
 * One thread's share of a forward convolution: output positions (or, for depthwise, output
 * channels) [start, end) of every image and group. Self-contained: worker threads run its source.
 */
function runForward(exports: object, args: Int32Array, start: number, end: number, thread: number): void {
  const e = exports as Exports;
  const a = (i: number): number => args[i] as number;
  e.setGeometry(a(1), a(2), a(3), a(4), a(5), a(6), a(7), a(8), a(9), a(10), a(11), a(12), a(13), a(14));
  const [kind, batch, groups, cin, cout, depth, positions] = [a(0), a(15), a(16), a(17), a(18), a(19), a(20)];
  const [xAt, wAt, biasAt, outAt, imageBytes, outImageBytes] = [a(21), a(22), a(23), a(24), a(25), a(26)];
  const scratchAt = a(27) + thread * a(28);
  if (kind === 5 || kind === 7) {
    // gradients: the input's for images [start, end) (kind 5), the weight's for its columns
    // (im2col rows) [start, end) over the whole batch (kind 7)
    const [gwAt, gxAt, gradOutAt] = [a(37), a(38), a(39)];
    for (let group = 0; group < groups; group++) {
      const gradOut = gradOutAt + group * cout * positions * 4;
      if (kind === 7) {
        e.convBackwardWeight(xAt, imageBytes, group * cin, gradOut, outImageBytes, gwAt + group * cout * depth * 4, cout, depth, positions, 0, batch * positions, start, end, scratchAt);
      } else {
        e.convBackwardInput(gradOut, outImageBytes, wAt + group * cout * depth * 4, gxAt, imageBytes, group * cin, cout, depth, positions, start * positions, end * positions, scratchAt);
      }
    }
    return;
  }
  if (kind === 6) {
    // the GEMM over the batch's columns, images [start, end)
    for (let group = 0; group < groups; group++) {
      e.convForwardBatch(
        xAt, imageBytes, group * cin, wAt + group * cout * depth * 4, biasAt === 0 ? 0 : biasAt + group * cout * 4,
        outAt + group * cout * positions * 4, outImageBytes, cout, depth, positions, start * positions, end * positions, scratchAt,
      );
    }
    return;
  }
  if (kind === 4) {
    // the Winograd filter transform, output channels [start, end)
    e.winogradFilters(a(32), wAt, groups, cout, cin, start, end);
    return;
  }
  if (kind === 3) e.setWinogradOutput(a(33), a(34), a(35), a(36));
  for (let n = 0; n < batch; n++) {
    if (kind === 3) {
      for (let group = 0; group < groups; group++) {
        e.winogradForward(
          xAt + n * imageBytes,
          group * cin,
          wAt + (group * a(31)) * 4,
          biasAt === 0 ? 0 : biasAt + group * cout * 4,
          outAt + n * outImageBytes + group * cout * positions * 4,
          cin,
          cout,
          a(29),
          a(30),
          start,
          end,
          scratchAt,
        );
      }
      continue;
    }
    if (kind === 2) {
      e.depthwiseForward(xAt + n * imageBytes, cout, wAt, biasAt, outAt + n * outImageBytes, a(29), start, end, scratchAt);
      continue;
    }
    for (let group = 0; group < groups; group++) {
      e.convForward(
        xAt + n * imageBytes,
        group * cin,
        wAt + group * cout * depth * 4,
        biasAt === 0 ? 0 : biasAt + group * cout * 4,
        outAt + n * outImageBytes + group * cout * positions * 4,
        cout,
        depth,
        positions,
        start,
        end,
        scratchAt,
      );
    }
  }
}

let winograd: boolean | 'always' = true;

/**
 * Positions per image below which a (non-Winograd, non-depthwise) forward convolution multiplies
 * the whole batch as one matrix (`convForwardBatch`) instead of image by image: a 4×4 or 2×2
 * output would otherwise repack the weights for every image and fill half of each 4×8 tile. Only
 * where there are no more positions than output channels: packing the batch's columns reads one
 * value at a time, which costs more than repacking a small layer's weights (LeNet's second
 * convolution, 16 channels on 10×10, is faster image by image).
 */
const BATCH_POSITIONS = 128;

/**
 * Switches the Winograd kernel: on (for 3×3 convolutions large enough to gain, measured), off
 * (always the GEMM path), or `'always'` (every eligible convolution, however small). For tests
 * and comparisons.
 */
export function setWinogradEnabled(on: boolean | 'always'): void {
  winograd = on;
}

/**
 * Output tiles (2×2 blocks) below which Winograd's transforms cost more than they save. Measured
 * (one thread, 3×3 same-padding, Winograd ÷ GEMM time): 4² at 256 ch 1.7×, 7² at 512 ch 0.95×,
 * 14² at 256 ch 0.62×, 28² at 128 ch 0.58×, 56² at 64 ch 0.66×.
 */
const WINOGRAD_MIN_TILES = 16;

/**
 * Whether the Winograd kernel applies: 3×3, stride 1, not depthwise, large enough. A dilation d
 * is run as d² ordinary 3×3 convolutions on the sub-grids of every d-th row and column.
 */
function winogradApplies(g: ConvGeometry): boolean {
  const tiles = Math.ceil(g.outHeight / 2) * Math.ceil(g.outWidth / 2);
  return (
    winograd !== false &&
    (winograd === 'always' || tiles >= WINOGRAD_MIN_TILES) &&
    g.kernelHeight === 3 && g.kernelWidth === 3 && g.strideHeight === 1 && g.strideWidth === 1 &&
    !(g.groups === g.inChannels && g.groups > 1)
  );
}

/**
 * The most the arena holds: the kernels take 32-bit pointers, and the shared memory's maximum is
 * 32768 pages (2 GiB). A call that needs more runs on the TypeScript kernels instead.
 */
const ARENA_LIMIT = 2 ** 31 - PAGE;

/** A bump allocator over the kernels' memory, reset per call. */
class Arena {
  #offset = STATIC_BYTES;
  constructor(readonly kernels: Kernels) {}
  /** Reserves `size` bytes, 16-byte aligned; call `commit()` before writing. */
  take(size: number): number {
    // arithmetic, not bit operations: offsets past 2^31 must stay positive to be refused
    const at = Math.ceil(this.#offset / 16) * 16;
    this.#offset = at + size;
    return at;
  }
  /**
   * Grows the memory to hold everything taken; false (nothing grown) when that is more than the
   * arena holds or the engine cannot grow the memory, so the caller uses the TypeScript kernels.
   */
  commit(): boolean {
    if (this.#offset > ARENA_LIMIT) return false;
    const needed = this.#offset - this.kernels.memory.buffer.byteLength;
    if (needed <= 0) return true;
    try {
      this.kernels.memory.grow(Math.ceil(needed / PAGE));
      return true;
    } catch (error) {
      if (error instanceof RangeError) return false;
      throw error;
    }
  }
  f32(at: number, length: number): Float32Array {
    return new Float32Array(this.kernels.memory.buffer, at, length);
  }
  i32(at: number, length: number): Int32Array {
    return new Int32Array(this.kernels.memory.buffer, at, length);
  }
}

/**
 * Writes the padding maps: for each padded row (column) the source row (column), or -1 for a zero;
 * two entries past the padding read as zeros (Winograd's last tile may overhang).
 */
function fillMaps(arena: Arena, rowsAt: number, colsAt: number, g: ConvGeometry, padding: WasmPadding): void {
  const paddedHeight = g.inHeight + g.padTop + padding.bottom;
  const paddedWidth = g.inWidth + g.padLeft + padding.right;
  const rows = arena.i32(rowsAt, paddedHeight + 2).fill(-1);
  for (let i = 0; i < paddedHeight; i++) rows[i] = sourceIndex(i, g.inHeight, g.padTop, padding.mode);
  const cols = arena.i32(colsAt, paddedWidth + 2).fill(-1);
  for (let i = 0; i < paddedWidth; i++) cols[i] = sourceIndex(i, g.inWidth, g.padLeft, padding.mode);
}

/**
 * Weights that write themselves into the kernels' memory (`length` floats), for a layout made on
 * the way in (the input gradient's turned, transposed weight) without a copy of its own.
 */
export interface WeightSource {
  readonly length: number;
  write(destination: Float32Array): void;
}

/** Padding as the WebAssembly kernels take it: the per-side pads and the mode, folded into packing. */
export interface WasmPadding {
  readonly bottom: number;
  readonly right: number;
  readonly mode: PadKernelMode;
}

/**
 * Forward convolution in WebAssembly: `g` describes the unpadded input (`padTop`/`padLeft` and
 * `padding` the pads), `out` receives `batch·outChannels·outHeight·outWidth` floats. Returns false
 * (and does nothing) when the kernels are unavailable or the call needs more memory than their
 * arena holds.
 */
export function conv2dForwardWasm(
  g: ConvGeometry,
  padding: WasmPadding,
  x: Float32Array,
  w: Float32Array | WeightSource,
  bias: Float32Array | null,
  out: Float32Array,
): boolean {
  const k = wasmKernels();
  if (!k) return false;
  const positions = g.outHeight * g.outWidth;
  const depthwise = g.groups === g.inChannels && g.groups > 1;
  const cin = g.inChannels / g.groups;
  const cout = g.outChannels / g.groups;
  const depth = cin * g.kernelHeight * g.kernelWidth;
  const paddedHeight = g.inHeight + g.padTop + padding.bottom;
  const paddedWidth = g.inWidth + g.padLeft + padding.right;
  const useWinograd = winogradApplies(g);
  // few positions per image (ResNet's last stages): one GEMM over the batch's columns, split by image
  const useBatch = !useWinograd && !depthwise && positions < BATCH_POSITIONS && positions <= cout && g.batch > 1;
  const arena = new Arena(k);
  const xAt = arena.take(x.length * 4);
  const wLength = useWinograd ? k.exports.winogradFilterFloats(g.groups, cout, cin) : w.length;
  const wAt = arena.take(wLength * 4);
  // the raw filters, for the Winograd transform
  const rawAt = useWinograd ? arena.take(w.length * 4) : wAt;
  const biasAt = bias ? arena.take(bias.length * 4) : 0;
  const outAt = arena.take(out.length * 4);
  // maps reach two entries past the padding: Winograd's last tile may overhang (its outputs there are dropped)
  const rowsAt = arena.take((paddedHeight + 2) * 4);
  const colsAt = arena.take((paddedWidth + 2) * 4);
  const flops = 2 * g.batch * g.outChannels * positions * depth;
  const threads = flops < parallelFlops ? 1 : threadCount;
  const scratchBytes =
    ((depthwise
      ? k.exports.depthwiseScratchBytes(g.outHeight, g.outWidth, g.kernelHeight, g.kernelWidth, g.strideHeight, g.strideWidth, g.dilationHeight, g.dilationWidth)
      : useWinograd
        ? k.exports.winogradScratchBytes(cin, cout)
        : useBatch
          ? k.exports.batchScratchBytes(cout)
          : k.exports.scratchBytes(cout)) +
      15) &
    ~15;
  const scratchAt = arena.take(scratchBytes * threads);
  // a row of zeros as wide as a padded row, for rows of zero padding (the arena is not zeroed)
  const zeroRowAt = arena.take((paddedWidth + 8) * 4);
  // dilated Winograd: maps of each sub-grid's rows and columns
  const gridRowsAt = useWinograd && g.dilationHeight * g.dilationWidth > 1 ? arena.take((paddedHeight + 4 * g.dilationHeight) * 4) : 0;
  const gridColsAt = useWinograd && g.dilationHeight * g.dilationWidth > 1 ? arena.take((paddedWidth + 4 * g.dilationWidth) * 4) : 0;
  if (!arena.commit()) return false;
  arena.f32(xAt, x.length).set(x);
  if (w instanceof Float32Array) arena.f32(rawAt, w.length).set(w);
  else w.write(arena.f32(rawAt, w.length));
  // transformed filters are packed in panels of four rows: rows past cout must read as zero
  if (useWinograd && cout % 4 !== 0) arena.f32(wAt, wLength).fill(0);
  if (bias) arena.f32(biasAt, bias.length).set(bias);
  arena.f32(zeroRowAt, paddedWidth + 8).fill(0);
  fillMaps(arena, rowsAt, colsAt, g, padding);
  const args = Int32Array.of(
    useWinograd ? 3 : depthwise ? 2 : useBatch ? 6 : 1,
    g.inHeight, g.inWidth, g.outWidth, g.kernelHeight, g.kernelWidth, g.strideHeight, g.strideWidth,
    g.dilationHeight, g.dilationWidth, g.padTop, g.padLeft, rowsAt, colsAt, zeroRowAt + g.padLeft * 4,
    g.batch, g.groups, cin, cout, depth, positions,
    xAt, wAt, biasAt, outAt, g.inChannels * g.inHeight * g.inWidth * 4, g.outChannels * positions * 4,
    scratchAt, scratchBytes, g.outHeight, Math.ceil(g.outWidth / 2), useWinograd ? wLength / g.groups : 0, rawAt,
    // Winograd output placement: row stride, column stride, channel plane, sub-grid maps (0/1)
    g.outWidth, 1, positions, 0,
  );
  const workers = threads > 1 ? threadPool() : null;
  const run = (count: number, align: number): void => {
    if (workers) workers.run(k.exports, args, split(count, threads, align), runForward);
    else runForward(k.exports, args, 0, count, 0);
  };
  if (useBatch) {
    run(g.batch, 1);
  } else if (!useWinograd) {
    run(depthwise ? g.outChannels : positions, depthwise ? 1 : 8);
  } else {
    // first the filter transform (split over output channels), then the tiles
    args[0] = 4;
    run(cout, 1);
    args[0] = 3;
    const { dilationHeight: dh, dilationWidth: dw, outHeight, outWidth } = g;
    if (dh * dw === 1) {
      run(Math.ceil(outHeight / 2) * Math.ceil(outWidth / 2), 1);
    } else {
      // each sub-grid (every dh-th output row from sy, every dw-th column from sx) is a 3×3
      // convolution with dilation 1 on every dh-th padded row and dw-th padded column
      const fullRows = arena.i32(rowsAt, paddedHeight + 2);
      const fullCols = arena.i32(colsAt, paddedWidth + 2);
      for (let sy = 0; sy < dh; sy++) {
        for (let sx = 0; sx < dw; sx++) {
          const gridHeight = Math.ceil((outHeight - sy) / dh);
          const gridWidth = Math.ceil((outWidth - sx) / dw);
          if (gridHeight <= 0 || gridWidth <= 0) continue;
          const rows = arena.i32(gridRowsAt, paddedHeight + 4 * dh);
          for (let u = 0; u < rows.length; u++) rows[u] = sy + dh * u < paddedHeight ? (fullRows[sy + dh * u] as number) : -1;
          const cols = arena.i32(gridColsAt, paddedWidth + 4 * dw);
          for (let v = 0; v < cols.length; v++) cols[v] = sx + dw * v < paddedWidth ? (fullCols[sx + dw * v] as number) : -1;
          args.set([gridWidth], 3);
          args.set([gridRowsAt, gridColsAt], 12);
          args.set([outAt + (sy * outWidth + sx) * 4], 24);
          args.set([gridHeight, Math.ceil(gridWidth / 2)], 29);
          args.set([dh * outWidth, dw, positions, 1], 33);
          run(Math.ceil(gridHeight / 2) * Math.ceil(gridWidth / 2), 1);
        }
      }
    }
  }
  out.set(arena.f32(outAt, out.length));
  return true;
}

/**
 * Gradients of a convolution in WebAssembly: fills `gradInput` and `gradWeight` (each when given)
 * for `gradOutput`, with padding of every mode folded into the packing and the scatter. Each is
 * one GEMM over the batch's columns; on worker threads the weight's is split by its columns and
 * the input's by image, so no two threads write the same value. Returns false (and does nothing)
 * when the kernels are unavailable or the call needs more memory than their arena holds.
 */
export function conv2dBackwardWasm(
  g: ConvGeometry,
  padding: WasmPadding,
  x: Float32Array,
  w: Float32Array,
  gradOutput: Float32Array,
  gradInput: Float32Array | null,
  gradWeight: Float32Array | null,
): boolean {
  const k = wasmKernels();
  if (!k) return false;
  if (!gradInput && !gradWeight) return true;
  const positions = g.outHeight * g.outWidth;
  const cin = g.inChannels / g.groups;
  const cout = g.outChannels / g.groups;
  const depth = cin * g.kernelHeight * g.kernelWidth;
  const paddedHeight = g.inHeight + g.padTop + padding.bottom;
  const paddedWidth = g.inWidth + g.padLeft + padding.right;
  // each gradient costs as much as the forward convolution
  const flops = 2 * g.batch * g.outChannels * positions * depth;
  const threads = flops < parallelFlops ? 1 : threadCount;
  const arena = new Arena(k);
  const xAt = gradWeight ? arena.take(x.length * 4) : 0;
  const wAt = gradInput ? arena.take(w.length * 4) : 0;
  const gradOutAt = arena.take(gradOutput.length * 4);
  const gxAt = gradInput ? arena.take(x.length * 4) : 0;
  const gwAt = gradWeight ? arena.take(w.length * 4) : 0;
  const rowsAt = arena.take((paddedHeight + 2) * 4);
  const colsAt = arena.take((paddedWidth + 2) * 4);
  const scratchBytes = (k.exports.backwardScratchBytes(cout, depth) + 15) & ~15;
  const scratchAt = arena.take(scratchBytes * threads);
  if (!arena.commit()) return false;
  if (gradWeight) arena.f32(xAt, x.length).set(x);
  if (gradInput) arena.f32(wAt, w.length).set(w);
  arena.f32(gradOutAt, gradOutput.length).set(gradOutput);
  if (gradInput) arena.f32(gxAt, x.length).fill(0);
  if (gradWeight) arena.f32(gwAt, w.length).fill(0);
  fillMaps(arena, rowsAt, colsAt, g, padding);
  const args = new Int32Array(40);
  args.set([
    7,
    g.inHeight, g.inWidth, g.outWidth, g.kernelHeight, g.kernelWidth, g.strideHeight, g.strideWidth,
    g.dilationHeight, g.dilationWidth, g.padTop, g.padLeft, rowsAt, colsAt, 0,
    g.batch, g.groups, cin, cout, depth, positions,
    xAt, wAt, 0, 0, g.inChannels * g.inHeight * g.inWidth * 4, g.outChannels * positions * 4,
    scratchAt, scratchBytes,
  ]);
  args.set([gwAt, gxAt, gradOutAt], 37);
  const workers = threads > 1 ? threadPool() : null;
  const run = (count: number, align: number): void => {
    if (workers) workers.run(k.exports, args, split(count, threads, align), runForward);
    else runForward(k.exports, args, 0, count, 0);
  };
  if (gradWeight) run(depth, 8);
  if (gradInput) {
    args[0] = 5;
    run(g.batch, 1);
  }
  if (gradInput) gradInput.set(arena.f32(gxAt, x.length));
  if (gradWeight) gradWeight.set(arena.f32(gwAt, w.length));
  return true;
}

/**
 * One stride phase of a transposed convolution: the output rows `rowStart + r·strideHeight` and
 * columns `colStart + c·strideWidth` (r < `geometry.outHeight`, c < `geometry.outWidth`) are a
 * stride-1 convolution of the whole input (`geometry`, zero padding `padding`) with the kernel
 * taps `(rowPhase + t·strideHeight, colPhase + t′·strideWidth)`, turned and transposed
 * (`geometry.kernelHeight × kernelWidth` of them).
 */
export interface TransposedPhase {
  readonly geometry: ConvGeometry;
  readonly padding: WasmPadding;
  readonly rowPhase: number;
  readonly colPhase: number;
  readonly rowStart: number;
  readonly colStart: number;
}

/** A transposed convolution's sizes for {@link convTransposePhasesWasm}: its weight `[inChannels, outChannels/groups, kernelHeight, kernelWidth]`, its output's height and width. */
export interface TransposedSizes {
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

/**
 * A transposed convolution with a stride, by stride phases: `out` (`batch·channels·outHeight·outWidth`
 * floats, overwritten) gets each phase's stride-1 convolution (the GEMM path: implicit im2col, no
 * zero-inserted input, no scatter of overlapping columns) on its every s-th row and column, plus
 * the bias (positions no phase covers: the bias alone). The input and the weight are copied in
 * once; the phases' weights are cut from it in one pass in WebAssembly. Returns false (and does nothing) when
 * the kernels are unavailable or the call needs more memory than their arena holds.
 */
export function convTransposePhasesWasm(
  phases: readonly TransposedPhase[],
  sizes: TransposedSizes,
  x: Float32Array,
  w: Float32Array,
  bias: Float32Array | null,
  out: Float32Array,
): boolean {
  const k = wasmKernels();
  const first = phases[0];
  if (!k || !first) return false;
  const { batch, outChannels: channels, groups, inChannels, inHeight, inWidth } = first.geometry;
  const { outHeight, outWidth } = sizes;
  const cout = channels / groups;
  const cin = inChannels / groups;
  // the largest phase sizes the shared buffers
  let most = { positions: 0, height: 0, width: 0 };
  for (const { geometry: g, padding } of phases) {
    most = {
      positions: Math.max(most.positions, g.outHeight * g.outWidth),
      height: Math.max(most.height, g.inHeight + g.padTop + padding.bottom),
      width: Math.max(most.width, g.inWidth + g.padLeft + padding.right),
    };
  }
  // where phase (a, b)'s weight starts among all phases' (phaseWeights writes them row by row)
  const { kernelHeight: kh, kernelWidth: kw, strideHeight: sh, strideWidth: sw } = sizes;
  const taps = (k: number, s: number, a: number): number => Math.ceil((k - a) / s);
  const weightOffset = (a: number, b: number): number => {
    let offset = 0;
    for (let r = 0; r < Math.min(sh, kh); r++) {
      for (let c = 0; c < Math.min(sw, kw); c++) {
        if (r === a && c === b) return offset;
        offset += channels * cin * taps(kh, sh, r) * taps(kw, sw, c);
      }
    }
    return offset;
  };
  const useBatch = (positions: number): boolean => positions < BATCH_POSITIONS && positions <= cout && batch > 1;
  const scratchBytes = (Math.max(k.exports.batchScratchBytes(cout), k.exports.scratchBytes(cout)) + 15) & ~15;
  const arena = new Arena(k);
  const xAt = arena.take(x.length * 4);
  const rawAt = arena.take(w.length * 4);
  const outAt = arena.take(out.length * 4);
  const tmpAt = arena.take(batch * channels * most.positions * 4);
  // the phases' weights partition the taps: as many floats as the weight
  const wAt = arena.take(w.length * 4);
  const rowsAt = arena.take((most.height + 2) * 4);
  const colsAt = arena.take((most.width + 2) * 4);
  const zeroRowAt = arena.take((most.width + 8) * 4);
  const scratchAt = arena.take(scratchBytes * threadCount);
  if (!arena.commit()) return false;
  arena.f32(xAt, x.length).set(x);
  arena.f32(rawAt, w.length).set(w);
  // every output starts at its channel's bias (the phases add to it)
  const plane = outHeight * outWidth;
  const outView = arena.f32(outAt, out.length);
  if (bias) for (let n = 0, at = 0; n < batch; n++) for (let c = 0; c < channels; c++, at += plane) outView.fill(bias[c]!, at, at + plane);
  else outView.fill(0);
  arena.f32(zeroRowAt, most.width + 8).fill(0);
  k.exports.phaseWeights(rawAt, wAt, groups, cin, cout, kh, kw, sh, sw);
  const args = new Int32Array(40);
  for (const { geometry: g, padding, rowPhase, colPhase, rowStart, colStart } of phases) {
    const positions = g.outHeight * g.outWidth;
    const depth = cin * g.kernelHeight * g.kernelWidth;
    if (positions === 0) continue;
    fillMaps(arena, rowsAt, colsAt, g, padding);
    const batched = useBatch(positions);
    args.set([
      batched ? 6 : 1,
      inHeight, inWidth, g.outWidth, g.kernelHeight, g.kernelWidth, 1, 1, 1, 1, g.padTop, g.padLeft, rowsAt, colsAt, zeroRowAt + g.padLeft * 4,
      batch, groups, cin, cout, depth, positions,
      xAt, wAt + weightOffset(rowPhase, colPhase) * 4, 0, tmpAt, inChannels * inHeight * inWidth * 4, channels * positions * 4,
      scratchAt, scratchBytes,
    ]);
    const flops = 2 * batch * channels * positions * depth;
    const threads = flops < parallelFlops ? 1 : threadCount;
    const workers = threads > 1 ? threadPool() : null;
    const [count, align] = batched ? [batch, 1] : [positions, 8];
    if (workers) workers.run(k.exports, args, split(count, threads, align), runForward);
    else runForward(k.exports, args, 0, count, 0);
    k.exports.placePhase(
      tmpAt, outAt + (rowStart * outWidth + colStart) * 4, batch * channels, g.outHeight, g.outWidth, plane, sh * outWidth, sw,
    );
  }
  out.set(outView);
  return true;
}

/** Multiply-adds below which a matrix product stays in TypeScript (copying in and out costs more). */
const WASM_GEMM_MIN = 32_768;

/** The floats of `view`'s data that an `rows × cols` matrix reads: from its offset to its last element. */
function extent(view: MatrixView, rows: number, cols: number): number {
  return (rows - 1) * view.rowStride + (cols - 1) * view.colStride + 1;
}

/**
 * `C = A·B` (or `C += A·B` when `accumulate`), as {@link gemm} (same arguments: A `m×k`, B `k×n`,
 * any strides, C row-major at `c[cOffset + i·ldc + j]`), on the WebAssembly SIMD micro-kernel when
 * the product is large enough and the kernels are available, else in TypeScript. For Linear and
 * matmul.
 */
export function matrixMultiply(
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
  const kernels = m * n * k >= WASM_GEMM_MIN && a.rowStride >= 0 && a.colStride >= 0 && b.rowStride >= 0 && b.colStride >= 0 ? wasmKernels() : null;
  if (kernels && gemmWasm(kernels, m, n, k, a, b, c, cOffset, ldc, accumulate)) return;
  gemm(m, n, k, a, b, c, cOffset, ldc, accumulate);
}

function gemmWasm(k: Kernels, m: number, n: number, depth: number, a: MatrixView, b: MatrixView, c: Float32Array, cOffset: number, ldc: number, accumulate: boolean): boolean {
  const aLength = extent(a, m, depth);
  const bLength = extent(b, depth, n);
  const cLength = (m - 1) * ldc + n;
  const arena = new Arena(k);
  const aAt = arena.take(aLength * 4);
  const bAt = arena.take(bLength * 4);
  const cAt = arena.take(cLength * 4);
  const scratchAt = arena.take(k.exports.gemmScratchBytes());
  if (!arena.commit()) return false;
  arena.f32(aAt, aLength).set(a.data.subarray(a.offset, a.offset + aLength));
  arena.f32(bAt, bLength).set(b.data.subarray(b.offset, b.offset + bLength));
  // C is read back whole, the gaps between its rows (ldc > n) included: they must hold C's values
  if (accumulate || ldc !== n) arena.f32(cAt, cLength).set(c.subarray(cOffset, cOffset + cLength));
  k.exports.gemm(m, n, depth, aAt, a.rowStride, a.colStride, bAt, b.rowStride, b.colStride, cAt, ldc, accumulate, scratchAt);
  c.set(arena.f32(cAt, cLength), cOffset);
  return true;
}

/**
 * Max pooling with 2×2 windows and stride 2, every window inside the input, in WebAssembly SIMD:
 * `planes` planes of `h × w` into `out` (`ho × wo` each) and `argmax` (the flat input index each
 * output took, PyTorch's rule). Returns false (and does nothing) when the kernels are unavailable
 * or the call needs more memory than their arena holds.
 */
export function maxPool2x2Wasm(data: Float32Array, planes: number, h: number, w: number, ho: number, wo: number, out: Float32Array, argmax: Int32Array): boolean {
  const k = wasmKernels();
  if (!k) return false;
  const arena = new Arena(k);
  const xAt = arena.take(data.length * 4);
  const outAt = arena.take(out.length * 4);
  const idxAt = arena.take(out.length * 4);
  if (!arena.commit()) return false;
  arena.f32(xAt, data.length).set(data);
  k.exports.maxPool2x2(xAt, outAt, idxAt, h, w, ho, wo, 0, planes);
  out.set(arena.f32(outAt, out.length));
  argmax.set(arena.i32(idxAt, out.length));
  return true;
}
