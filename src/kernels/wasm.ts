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
import { wasmBinary } from './wasm-binary.js';

interface Exports {
  setGeometry(
    h: number, w: number, wo: number, kh: number, kw: number, sh: number, sw: number, dh: number, dw: number,
    pt: number, pl: number, rowMap: number, colMap: number, zeroRow: number,
  ): void;
  scratchBytes(m: number): number;
  convForward(x: number, c0: number, w: number, bias: number, out: number, m: number, depth: number, positions: number, scratch: number): void;
  depthwiseForward(x: number, channels: number, multiplier: number, w: number, bias: number, out: number, ho: number): void;
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
}

const STATIC_BYTES = 65536;
const PAGE = 65536;

/** undefined: not tried yet; null: unavailable. */
let kernels: Kernels | null | undefined;
/** Whether the WebAssembly kernels may be used (tests switch them off to check the fallback). */
let enabled = true;

function bytes(): Uint8Array {
  const text = atob(wasmBinary);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function instantiate(api: WasmApi, module: object): Kernels {
  const memory = new api.Memory({ initial: 16 });
  const instance = new api.Instance(module, { env: { memory } });
  return { exports: instance.exports as Exports, memory };
}

/** The loaded kernels, compiling synchronously on first use; `null` where WebAssembly SIMD is unavailable. */
export function wasmKernels(): Kernels | null {
  if (!enabled) return null;
  if (kernels === undefined) {
    try {
      if (!wasmApi) throw new Error('no WebAssembly');
      kernels = instantiate(wasmApi, new wasmApi.Module(bytes()));
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
    kernels = instantiate(wasmApi, await wasmApi.compile(bytes()));
  } catch {
    kernels = null;
  }
}

/** Switches the WebAssembly kernels on or off (off: the plain TypeScript kernels run). For tests and comparisons. */
export function setWasmEnabled(on: boolean): void {
  enabled = on;
}

/** A bump allocator over the kernels' memory, reset per call. */
class Arena {
  #offset = STATIC_BYTES;
  constructor(readonly kernels: Kernels) {}
  /** Reserves `size` bytes, 16-byte aligned; call `commit()` before writing. */
  take(size: number): number {
    const at = (this.#offset + 15) & ~15;
    this.#offset = at + size;
    return at;
  }
  /** Grows the memory to hold everything taken. */
  commit(): void {
    const needed = this.#offset - this.kernels.memory.buffer.byteLength;
    if (needed > 0) this.kernels.memory.grow(Math.ceil(needed / PAGE));
  }
  f32(at: number, length: number): Float32Array {
    return new Float32Array(this.kernels.memory.buffer, at, length);
  }
  i32(at: number, length: number): Int32Array {
    return new Int32Array(this.kernels.memory.buffer, at, length);
  }
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
 * (and does nothing) when the kernels are unavailable.
 */
export function conv2dForwardWasm(
  g: ConvGeometry,
  padding: WasmPadding,
  x: Float32Array,
  w: Float32Array,
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
  const arena = new Arena(k);
  const xAt = arena.take(x.length * 4);
  const wAt = arena.take(w.length * 4);
  const biasAt = bias ? arena.take(bias.length * 4) : 0;
  const outAt = arena.take(out.length * 4);
  const rowsAt = arena.take(paddedHeight * 4);
  const colsAt = arena.take(paddedWidth * 4);
  const scratchAt = depthwise ? 0 : arena.take(k.exports.scratchBytes(cout));
  // a row of zeros as wide as a padded row, for rows of zero padding (the arena is not zeroed)
  const zeroRowAt = arena.take((paddedWidth + 8) * 4);
  arena.commit();
  arena.f32(xAt, x.length).set(x);
  arena.f32(wAt, w.length).set(w);
  if (bias) arena.f32(biasAt, bias.length).set(bias);
  arena.f32(zeroRowAt, paddedWidth + 8).fill(0);
  const rows = arena.i32(rowsAt, paddedHeight);
  for (let i = 0; i < paddedHeight; i++) rows[i] = sourceIndex(i, g.inHeight, g.padTop, padding.mode);
  const cols = arena.i32(colsAt, paddedWidth);
  for (let i = 0; i < paddedWidth; i++) cols[i] = sourceIndex(i, g.inWidth, g.padLeft, padding.mode);
  const e = k.exports;
  e.setGeometry(
    g.inHeight, g.inWidth, g.outWidth, g.kernelHeight, g.kernelWidth, g.strideHeight, g.strideWidth,
    g.dilationHeight, g.dilationWidth, g.padTop, g.padLeft, rowsAt, colsAt, zeroRowAt + g.padLeft * 4,
  );
  const imageBytes = g.inChannels * g.inHeight * g.inWidth * 4;
  const outImageBytes = g.outChannels * positions * 4;
  for (let n = 0; n < g.batch; n++) {
    if (depthwise) {
      e.depthwiseForward(xAt + n * imageBytes, g.inChannels, cout, wAt, biasAt, outAt + n * outImageBytes, g.outHeight);
      continue;
    }
    for (let group = 0; group < g.groups; group++) {
      e.convForward(
        xAt + n * imageBytes,
        group * cin,
        wAt + group * cout * depth * 4,
        bias ? biasAt + group * cout * 4 : 0,
        outAt + n * outImageBytes + group * cout * positions * 4,
        cout,
        depth,
        positions,
        scratchAt,
      );
    }
  }
  out.set(arena.f32(outAt, out.length));
  return true;
}
