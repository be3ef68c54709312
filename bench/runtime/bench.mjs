// The runtime convolution benchmark, started by run.mjs (npm run bench): the forward convolution
// (float32, NCHW, with bias) of shapecheck's Conv2d and ConvTranspose2d beside TensorFlow.js (cpu
// and wasm backends), ONNX Runtime for Node (1 and 2 threads) and PyTorch (/usr/bin/python3, 1 and
// 2 threads) on the same eleven workloads, in one run. Prints markdown tables and rewrites the block between
// <!-- bench:runtime:start --> and <!-- bench:runtime:end --> in docs/performance.md (everything
// outside the markers is kept).
//
//   npm run bench                              # from the repository root (build, install, run)
//   node bench/runtime/run.mjs --quick         # fewer runs per measurement
//   node bench/runtime/run.mjs --only A,B      # some workloads only
//   node bench/runtime/run.mjs --no-docs       # print the table, leave docs/performance.md alone
//   node bench/runtime/run.mjs --no-wait       # do not wait for an idle machine, redo no round
//   node bench/runtime/run.mjs --default-malloc  # glibc's malloc thresholds left as they are
//
// Every engine gets the same weights and bias (shapecheck's `conv.weight.data` / `conv.bias.data`)
// and the same input, and its output is checked against shapecheck's (max abs diff < 1e-3) before
// it is timed. Methodology: docs/performance.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const require = createRequire(import.meta.url);
const docsPath = join(repoRoot, 'docs', 'performance.md');
const START = '<!-- bench:runtime:start -->';
const END = '<!-- bench:runtime:end -->';
const PYTHON = '/usr/bin/python3';
const TOLERANCE = 1e-3;

// ---------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const usage = 'usage: node bench/runtime/run.mjs [--quick] [--only A,B,...] [--no-docs] [--no-wait] [--default-malloc]';
let QUICK = false;
let WRITE_DOCS = true;
let ONLY = null;
let WAIT = true;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--quick') QUICK = true;
  else if (arg === '--no-docs') WRITE_DOCS = false;
  else if (arg === '--no-wait') WAIT = false;
  else if (arg === '--default-malloc') {
    // handled by run.mjs (it sets no MALLOC_* variables)
  }
  else if (arg === '--only' || arg.startsWith('--only=')) {
    const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
    if (!value) throw new Error(`--only needs a list of workload ids\n${usage}`);
    ONLY = value.split(',').map((id) => id.trim().toUpperCase()).filter(Boolean);
  } else if (arg === '--help' || arg === '-h') {
    console.log(usage);
    process.exit(0);
  } else throw new Error(`unknown option ${arg}\n${usage}`);
}

// Warm-up runs, then the fastest of max(minReps, min(maxReps, ceil(budget / one run))) timed runs.
const TIMING = QUICK
  ? { warmup: 1, minReps: 3, maxReps: 5, budgetMs: 300 }
  : { warmup: 3, minReps: 5, maxReps: 10, budgetMs: 1000 };

// ---------------------------------------------------------------------------------------------
// Workloads

const workloads = [
  { id: 'A', name: '3→64, 224², k7 s2 p3', shape: [1, 3, 224, 224], options: { inChannels: 3, outChannels: 64, kernelSize: 7, stride: 2, padding: 3 } },
  { id: 'B', name: '3×3 64→64, 56², p1', shape: [1, 64, 56, 56], options: { inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1 } },
  { id: 'C', name: '3×3 256→256, 14², p1', shape: [1, 256, 14, 14], options: { inChannels: 256, outChannels: 256, kernelSize: 3, padding: 1 } },
  { id: 'D', name: 'depthwise 3×3, 128 ch, 56², p1', shape: [1, 128, 56, 56], options: { inChannels: 128, outChannels: 128, kernelSize: 3, padding: 1, groups: 128 } },
  { id: 'E', name: '3×3 dilation 2, 64→64, 56², p2', shape: [1, 64, 56, 56], options: { inChannels: 64, outChannels: 64, kernelSize: 3, padding: 2, dilation: 2 } },
  { id: 'F', name: '1×1 256→64, 56²', shape: [1, 256, 56, 56], options: { inChannels: 256, outChannels: 64, kernelSize: 1 } },
  { id: 'G', name: 'batch 8 of B', shape: [8, 64, 56, 56], options: { inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1 } },
  // MobileNetV3 / EfficientNet-B0's 5×5 depthwise, ConvNeXt-Tiny's 7×7 depthwise (stage 1)
  { id: 'H', name: 'depthwise 5×5, 240 ch, 28², p2', shape: [1, 240, 28, 28], options: { inChannels: 240, outChannels: 240, kernelSize: 5, padding: 2, groups: 240 } },
  { id: 'I', name: 'depthwise 7×7, 96 ch, 56², p3', shape: [1, 96, 56, 56], options: { inChannels: 96, outChannels: 96, kernelSize: 7, padding: 3, groups: 96 } },
  // a U-Net decoder's way up: ConvTranspose2d (the layer; tfjs: conv2dTranspose and a bias add)
  { id: 'J', name: 'ConvTranspose2d 2×2 s2, 128→64, 28² → 56²', transposed: true, shape: [1, 128, 28, 28], options: { inChannels: 128, outChannels: 64, kernelSize: 2, stride: 2 } },
  { id: 'K', name: 'ConvTranspose2d 3×3 s2 p1 op1, 128→64, 28² → 56²', transposed: true, shape: [1, 128, 28, 28], options: { inChannels: 128, outChannels: 64, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1 } },
];
if (ONLY) {
  const unknown = ONLY.filter((id) => !workloads.some((w) => w.id === id));
  if (unknown.length > 0) throw new Error(`--only: unknown workload ${unknown.join(', ')} (known: ${workloads.map((w) => w.id).join(', ')})`);
}
const selected = workloads.filter((w) => !ONLY || ONLY.includes(w.id));

/**
 * The resolved parameters of a workload (square kernels, scalar options). A transposed
 * convolution (`t`) costs what the convolution it is the input gradient of costs: 2·N·Cin·H·W·(Cout/g)·k².
 */
function paramsOf({ shape, options, transposed = false }) {
  const [n, c, h, w] = shape;
  const k = options.kernelSize;
  const s = options.stride ?? 1;
  const p = options.padding ?? 0;
  const d = options.dilation ?? 1;
  const g = options.groups ?? 1;
  const op = options.outputPadding ?? 0;
  const co = options.outChannels;
  if (transposed) {
    const ho = (h - 1) * s - 2 * p + d * (k - 1) + op + 1;
    const wo = (w - 1) * s - 2 * p + d * (k - 1) + op + 1;
    return { t: true, n, c, h, w, k, s, p, d, g, op, co, ho, wo, flops: 2 * n * c * h * w * (co / g) * k * k };
  }
  const ho = Math.floor((h + 2 * p - d * (k - 1) - 1) / s) + 1;
  const wo = Math.floor((w + 2 * p - d * (k - 1) - 1) / s) + 1;
  const flops = 2 * n * co * ho * wo * (c / g) * k * k;
  return { t: false, n, c, h, w, k, s, p, d, g, op, co, ho, wo, flops };
}

// ---------------------------------------------------------------------------------------------
// Timing: interleaved rounds, with other processes' CPU use checked round by round

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const ROUNDS = QUICK ? 3 : 5;
const BUSY = 0.1; // CPUs kept busy by other processes above which a round is run again
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// A pause before each engine's turn, for the previous one's background threads to go quiet
// (V8's concurrent GC after tfjs-cpu, spinning worker pools): they would take a core from the next.
const SETTLE_MS = 10;
const stats = { cells: 0, rounds: 0, redone: [], busyCells: [], maxLoad: 0 };
let waitBudgetMs = 10 * 60_000; // all waiting for an idle machine in one run, together
let childPid = null; // the PyTorch server, whose CPU time is ours

/** utime + stime + cutime + cstime of a /proc/<pid>/stat. */
function ticksOf(path) {
  const stat = readFileSync(path, 'utf8');
  const g = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number); // g[0] is field 3 (state)
  return g[11] + g[12] + g[13] + g[14];
}

// Other processes' CPU use (the machine may be shared): the busy ticks of all CPUs (/proc/stat)
// less this process's, its reaped children's and the running PyTorch server's.
function cpuSample() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0); // user nice system irq softirq steal
    let own = ticksOf('/proc/self/stat');
    if (childPid) {
      try {
        own += ticksOf(`/proc/${childPid}/stat`);
      } catch {
        // exited
      }
    }
    return { busy, own, t: performance.now() };
  } catch {
    return null;
  }
}
/** Average number of CPUs that other processes kept busy between two samples (USER_HZ = 100). */
const otherLoad = (a, b) => (a && b ? Math.max(0, (b.busy - a.busy - (b.own - a.own)) / 100 / ((b.t - a.t) / 1000)) : NaN);

/**
 * Waits (≤ 2 min at a time, ≤ 10 min per run) until other processes keep at most BUSY CPUs busy:
 * a 0.25 s probe, then 1 s ones. Returns the sample that starts the last probe, so that the load
 * judged after a round covers that quiet stretch too (a round of a few ms is shorter than a tick).
 */
async function waitForIdle(label) {
  const deadline = performance.now() + 120_000;
  for (let probe = 250; ; probe = 1000) {
    const a = cpuSample();
    await sleep(probe);
    const l = otherLoad(a, cpuSample());
    if (probe === 1000) waitBudgetMs -= probe;
    if (!(l > BUSY) || performance.now() > deadline || waitBudgetMs <= 0) return a;
    if (probe === 250) log(`  ${label}: waiting for the machine to be idle (other processes keep ${l.toFixed(2)} CPUs busy)…`);
  }
}

/** `runs(k, warm)` for a function timed here: `warm` untimed runs, then k wall times (ms); an async result is awaited in them. */
const localRuns = (fn) => async (k, warm = 0) => {
  for (let i = 0; i < warm; i++) {
    const r = fn();
    if (r && typeof r.then === 'function') await r;
  }
  const times = [];
  for (let i = 0; i < k; i++) {
    const t = performance.now();
    const r = fn();
    if (r && typeof r.then === 'function') await r;
    times.push(performance.now() - t);
  }
  return times;
};

/**
 * Times the cells of one workload (a cell: one engine, one layout). A cell has `runs(k, warm)`
 * (`warm` untimed runs, then k timed ones without a gap; their wall times in ms), optionally
 * `prepare()` (untimed: thread count, tfjs backend) and `rewarm` (the least number of untimed runs
 * after `prepare` in each round).
 *
 * Every cell is first warmed up (TIMING.warmup runs) and given its number of runs,
 * N = clamp(ceil(budget / last warm-up run), minReps, maxReps). Then ROUNDS rounds, each running
 * every cell in turn: a few untimed runs (3 for runs under 100 ms, 1 under 1 s, else none; more if
 * the cell asks), then ceil(N / ROUNDS) timed runs, so that a slow stretch of the machine (there
 * are some, lasting about a second, even with no other process running) falls on all engines
 * alike, while each is still timed warm, back to back. A round during which other processes kept
 * more than BUSY CPUs busy is thrown away and run again (up to ROUNDS extra rounds per workload).
 * The result per cell is the fastest of its runs (its median is kept too).
 */
async function timeCells(id, cells) {
  for (const cell of cells) {
    await cell.prepare?.();
    const warm = await cell.runs(TIMING.warmup);
    const last = warm[warm.length - 1];
    const n = Math.max(TIMING.minReps, Math.min(TIMING.maxReps, Math.ceil(TIMING.budgetMs / Math.max(last, 1e-3))));
    // Untimed runs at the start of each round bring caches and thread pools back after the other
    // engines' turns: a few for short runs, none for runs long enough not to care.
    const rewarm = Math.max(cell.rewarm ?? 0, last < 100 ? 3 : last < 1000 ? 1 : 0);
    Object.assign(cell, { perRound: Math.ceil(n / ROUNDS), rewarm, times: [], load: 0 });
  }
  let spare = WAIT ? ROUNDS : 0;
  for (let kept = 0; kept < ROUNDS; ) {
    const a = WAIT ? await waitForIdle(id) : cpuSample();
    const times = [];
    for (const cell of cells) {
      await cell.prepare?.();
      await sleep(SETTLE_MS);
      times.push(await cell.runs(cell.perRound, cell.rewarm));
    }
    const l = otherLoad(a, cpuSample());
    stats.rounds++;
    if (l > BUSY && spare > 0) {
      spare--;
      stats.redone.push(id);
      log(`  ${id}: other processes kept ${l.toFixed(2)} CPUs busy during a round; running it again`);
      continue;
    }
    kept++;
    cells.forEach((cell, i) => {
      cell.times.push(...times[i]);
      if (l > cell.load) cell.load = l;
    });
  }
  const out = {};
  for (const cell of cells) {
    // the fastest run: on this shared VM the noise only ever slows a run down (slow stretches of
    // a second, other processes), so the minimum is the stable statistic (the median moved up to
    // 2x between runs of the same engine)
    out[cell.key] = { ms: Math.min(...cell.times), median: median(cell.times), reps: cell.times.length, load: cell.load };
    stats.cells++;
    if (cell.load > BUSY) stats.busyCells.push(`${id} ${cell.key}`);
    if (cell.load > stats.maxLoad) stats.maxLoad = cell.load;
  }
  return out;
}

/** Max |a - b| over two NCHW arrays; throws when the lengths differ. */
function maxAbsDiff(a, b) {
  if (a.length !== b.length) throw new Error(`output has ${a.length} values, expected ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const diff = Math.abs(a[i] - b[i]);
    if (!(diff <= m)) m = diff; // NaN propagates
  }
  return m;
}

/** Max |nhwc - nchw| with the first array in NHWC order. */
function maxAbsDiffNHWC(nhwc, nchw, [n, c, h, w]) {
  if (nhwc.length !== nchw.length) throw new Error(`output has ${nhwc.length} values, expected ${nchw.length}`);
  let m = 0;
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const diff = Math.abs(nhwc[((b * h + y) * w + x) * c + ch] - nchw[((b * c + ch) * h + y) * w + x]);
          if (!(diff <= m)) m = diff;
        }
  return m;
}

function check(label, diff) {
  if (!(diff < TOLERANCE)) throw new Error(`${label}: output differs from shapecheck's by ${diff} (tolerance ${TOLERANCE})`);
  return diff;
}

const log = (message) => process.stderr.write(`${message}\n`);

// ---------------------------------------------------------------------------------------------
// ONNX: a ModelProto with one Conv node, hand-encoded (protobuf wire format)

class ProtoWriter {
  #chunks = [];
  #length = 0;
  #push(bytes) {
    this.#chunks.push(bytes);
    this.#length += bytes.length;
  }
  varint(value) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint: ${value}`);
    const bytes = [];
    while (value >= 0x80) {
      bytes.push((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    bytes.push(value);
    this.#push(Uint8Array.from(bytes));
    return this;
  }
  /** Field `field` as a varint (wire type 0): int32, int64, enum. */
  int(field, value) {
    return this.varint(field * 8).varint(value);
  }
  /** Field `field` as length-delimited bytes (wire type 2). */
  bytes(field, bytes) {
    this.varint(field * 8 + 2).varint(bytes.length);
    this.#push(bytes);
    return this;
  }
  string(field, text) {
    return this.bytes(field, new TextEncoder().encode(text));
  }
  /** An embedded message: `write` fills a fresh writer. */
  message(field, write) {
    const inner = new ProtoWriter();
    write(inner);
    return this.bytes(field, inner.finish());
  }
  finish() {
    const out = new Uint8Array(this.#length);
    let offset = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }
}

// Field numbers from onnx/onnx.proto.
const ONNX = {
  model: { irVersion: 1, producerName: 2, graph: 7, opsetImport: 8 },
  opset: { domain: 1, version: 2 },
  graph: { node: 1, name: 2, initializer: 5, input: 11, output: 12 },
  node: { input: 1, output: 2, name: 3, opType: 4, attribute: 5 },
  attribute: { name: 1, i: 3, ints: 8, type: 20, INT: 2, INTS: 7 },
  tensor: { dims: 1, dataType: 2, name: 8, rawData: 9, FLOAT: 1 },
  valueInfo: { name: 1, type: 2 },
  type: { tensorType: 1 },
  tensorType: { elemType: 1, shape: 2 },
  shape: { dim: 1 },
  dim: { dimValue: 1 },
};

/** Serialised ONNX model (IR 7, opset 13): Y = Conv(X, W, B), or ConvTranspose(X, W, B) for a transposed workload. */
function onnxConvModel({ t, n, c, h, w, k, s, p, d, g, op, co, ho, wo }, weight, bias) {
  const A = ONNX.attribute;
  const intAttr = (name, value) => (m) => m.string(A.name, name).int(A.type, A.INT).int(A.i, value);
  const intsAttr = (name, values) => (m) => {
    m.string(A.name, name).int(A.type, A.INTS);
    for (const v of values) m.int(A.ints, v); // unpacked: onnx.proto is proto2
  };
  const initializer = (name, dims, data) => (t) => {
    for (const dim of dims) t.int(ONNX.tensor.dims, dim);
    t.int(ONNX.tensor.dataType, ONNX.tensor.FLOAT).string(ONNX.tensor.name, name);
    // raw_data is little-endian float32; so is every Float32Array on the platforms Node runs on.
    t.bytes(ONNX.tensor.rawData, new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
  };
  const valueInfo = (name, dims) => (v) =>
    v.string(ONNX.valueInfo.name, name).message(ONNX.valueInfo.type, (t) =>
      t.message(ONNX.type.tensorType, (tt) =>
        tt.int(ONNX.tensorType.elemType, ONNX.tensor.FLOAT).message(ONNX.tensorType.shape, (sh) => {
          for (const dim of dims) sh.message(ONNX.shape.dim, (dm) => dm.int(ONNX.dim.dimValue, dim));
        }),
      ),
    );
  return new ProtoWriter()
    .int(ONNX.model.irVersion, 7)
    .string(ONNX.model.producerName, 'shapecheck-bench')
    .message(ONNX.model.graph, (graph) => {
      graph.message(ONNX.graph.node, (node) => {
        node.string(ONNX.node.input, 'X').string(ONNX.node.input, 'W').string(ONNX.node.input, 'B');
        node.string(ONNX.node.output, 'Y').string(ONNX.node.name, 'conv').string(ONNX.node.opType, t ? 'ConvTranspose' : 'Conv');
        node.message(ONNX.node.attribute, intsAttr('kernel_shape', [k, k]));
        node.message(ONNX.node.attribute, intsAttr('strides', [s, s]));
        node.message(ONNX.node.attribute, intsAttr('pads', [p, p, p, p]));
        node.message(ONNX.node.attribute, intsAttr('dilations', [d, d]));
        node.message(ONNX.node.attribute, intAttr('group', g));
        if (t) node.message(ONNX.node.attribute, intsAttr('output_padding', [op, op]));
      });
      graph.string(ONNX.graph.name, 'conv2d');
      // ConvTranspose's weight is [Cin, Cout/g, k, k], as PyTorch's
      graph.message(ONNX.graph.initializer, initializer('W', t ? [c, co / g, k, k] : [co, c / g, k, k], weight));
      graph.message(ONNX.graph.initializer, initializer('B', [co], bias));
      graph.message(ONNX.graph.input, valueInfo('X', [n, c, h, w]));
      graph.message(ONNX.graph.output, valueInfo('Y', [n, co, ho, wo]));
    })
    .message(ONNX.model.opsetImport, (o) => o.string(ONNX.opset.domain, '').int(ONNX.opset.version, 13))
    .finish();
}

// ---------------------------------------------------------------------------------------------
// Engines: set-up

const shapecheck = await import('../../dist/index.js');
const { Conv2d, ConvTranspose2d, randn } = shapecheck;
const setNumThreads = typeof shapecheck.setNumThreads === 'function' ? shapecheck.setNumThreads : null;
if (typeof shapecheck.ready === 'function') await shapecheck.ready();
const shapecheckThreads = setNumThreads ? [1, 2] : [1];

const tf = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-backend-cpu');
const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
const ort = (await import('onnxruntime-node')).default;

// tfjs-wasm in Node: the .wasm files are read from the package's dist/ directory as a plain file
// path prefix (Emscripten's Node loader reads it with fs). Threads are off in Node
// (WASM_HAS_MULTITHREAD_SUPPORT is false there), so the SIMD binary is picked when
// WASM_HAS_SIMD_SUPPORT is true. Which binary was instantiated is recorded to prove it.
const wasmDist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
setWasmPaths(`${wasmDist}/`);
const wasmBinaries = Object.fromEntries(
  ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map((f) => [statSync(join(wasmDist, f)).size, f]),
);
let wasmBinary = 'unknown';
{
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function (source, imports) {
    const size = source?.byteLength;
    if (size !== undefined) wasmBinary = wasmBinaries[size] ?? `unknown (${size} bytes)`;
    return instantiate.call(this, source, imports);
  };
  try {
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend failed to initialise');
  } finally {
    WebAssembly.instantiate = instantiate;
  }
}
const tfjsWasmInfo = {
  simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
  threads: tf.backend().wasm.tfjs.getThreadsCount(),
  binary: wasmBinary,
};
if (!(await tf.setBackend('cpu'))) throw new Error('tfjs: the cpu backend failed to initialise');

const versions = {
  tfjs: require('@tensorflow/tfjs-core/package.json').version,
  tfjsWasm: require('@tensorflow/tfjs-backend-wasm/package.json').version,
  ort: require('onnxruntime-node/package.json').version,
  torch: null,
};

// ---------------------------------------------------------------------------------------------
// Engines: the cells of one workload

/**
 * tfjs on `backend`: cells `tfjs-<backend>` (NCHW tensor in: transpose to NHWC, fused conv with
 * bias (transposed: conv2dTranspose and an add), transpose back to NCHW, dataSync) and
 * `tfjs-<backend>-nhwc` (NHWC tensor in: fused conv,
 * dataSync), after checking both outputs. `dispose()` frees the tensors.
 */
async function tfjsCells(backend, wl, prm, x, weight, bias, ref) {
  await tf.setBackend(backend);
  const depthwise = !prm.t && prm.g === prm.c && prm.g === prm.co;
  if (prm.g !== 1 && !depthwise) throw new Error(`tfjs: groups = ${prm.g} is neither 1 nor depthwise`);
  if (prm.t && prm.d !== 1) throw new Error('tfjs: conv2dTranspose has no dilation');
  const xNCHW = tf.tensor4d(x.data, wl.shape);
  const xNHWC = tf.transpose(xNCHW, [0, 2, 3, 1]);
  xNHWC.dataSync(); // materialised before timing: the native-layout input is given for free
  // Weight [Co, C/g, k, k] → tfjs filter [k, k, C/g, Co]; depthwise [C, 1, k, k] → [k, k, C, 1];
  // transposed [C, Co, k, k] → [k, k, Co, C].
  const w = tf.tensor4d(weight, prm.t ? [prm.c, prm.co, prm.k, prm.k] : [prm.co, prm.c / prm.g, prm.k, prm.k]);
  const filter = depthwise ? tf.transpose(w, [2, 3, 0, 1]) : tf.transpose(w, [2, 3, 1, 0]);
  w.dispose();
  const b = tf.tensor1d(bias);
  const conv = (input) => {
    if (prm.t) {
      // the convolution whose input gradient this is pads its input by p before and p − outputPadding after
      const pad = [[0, 0], [prm.p, prm.p - prm.op], [prm.p, prm.p - prm.op], [0, 0]];
      return tf.tidy(() => tf.add(tf.conv2dTranspose(input, filter, [prm.n, prm.ho, prm.wo, prm.co], [prm.s, prm.s], pad), b));
    }
    const args = { x: input, filter, bias: b, strides: [prm.s, prm.s], pad: [[0, 0], [prm.p, prm.p], [prm.p, prm.p], [0, 0]], dilations: [prm.d, prm.d] };
    return depthwise ? tf.fused.depthwiseConv2d(args) : tf.fused.conv2d(args);
  };
  const nchw = () => {
    const y = tf.tidy(() => tf.transpose(conv(tf.transpose(xNCHW, [0, 2, 3, 1])), [0, 3, 1, 2]));
    const data = y.dataSync();
    y.dispose();
    return data;
  };
  const nhwc = () => {
    const y = conv(xNHWC);
    const data = y.dataSync();
    y.dispose();
    return data;
  };
  const diff = check(`tfjs-${backend} ${wl.id}`, maxAbsDiff(nchw(), ref));
  check(`tfjs-${backend} ${wl.id} (NHWC)`, maxAbsDiffNHWC(nhwc(), ref, [prm.n, prm.co, prm.ho, prm.wo]));
  const prepare = () => tf.setBackend(backend);
  return {
    diff,
    cells: [
      { key: `tfjs-${backend}`, prepare, runs: localRuns(nchw) },
      { key: `tfjs-${backend}-nhwc`, prepare, runs: localRuns(nhwc) },
    ],
    async dispose() {
      await tf.setBackend(backend);
      tf.dispose([xNCHW, xNHWC, filter, b]);
    },
  };
}

/** onnxruntime-node on `threads` intra-op threads: an ort.Tensor wrapping x, session.run, Y.data. */
async function ortCell(threads, model, wl, x, ref) {
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    // idle intra-op threads sleep instead of spinning, so they do not take a core from the engine
    // timed next on this 2-core machine
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
  const run = async () => {
    const out = await session.run({ X: new ort.Tensor('float32', x.data, wl.shape) });
    return out.Y.data;
  };
  try {
    const diff = check(`onnxruntime ${threads}t ${wl.id}`, maxAbsDiff(await run(), ref));
    return { diff, cell: { key: `ort${threads}`, runs: localRuns(run) }, release: () => session.release() };
  } catch (error) {
    await session.release();
    throw error;
  }
}

// PyTorch: a Python server on /usr/bin/python3, one line of JSON per request and per answer, so that
// its runs take their turn in the same rounds as the Node engines. It loads the same input,
// weights and bias (raw float32 files) and times torch.nn.functional.conv2d under torch.no_grad()
// with torch.set_num_threads(1) or (2), with time.perf_counter() around the call alone.
const torchServer = String.raw`
import json, sys, time
def answer(obj):
    sys.stdout.write(json.dumps(obj) + "\n"); sys.stdout.flush()
try:
    import torch
    import torch.nn.functional as F
except Exception as e:
    answer({"error": "torch not importable: %s" % e}); sys.exit(0)
answer({"version": torch.__version__})
torch.set_grad_enabled(False)
def load(path, shape):
    with open(path, "rb") as f:
        return torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(shape).clone()
fn = None
for line in sys.stdin:
    req = json.loads(line)
    if req["op"] == "load":
        x = load(req["x"], req["shape"]); w = load(req["w"], req["wshape"]); b = load(req["b"], [req["co"]])
        y = load(req["y"], req["yshape"]); o = req["o"]
        if o["t"]:
            fn = lambda x=x, w=w, b=b, o=o: F.conv_transpose2d(x, w, b, stride=o["s"], padding=o["p"], output_padding=o["op"], groups=o["g"], dilation=o["d"])
        else:
            fn = lambda x=x, w=w, b=b, o=o: F.conv2d(x, w, b, stride=o["s"], padding=o["p"], dilation=o["d"], groups=o["g"])
        torch.set_num_threads(1)
        answer({"diff": float((fn() - y).abs().max())})
    elif req["op"] == "time":
        torch.set_num_threads(req["threads"])
        for _ in range(req.get("warm", 0)): fn()
        times = []
        for _ in range(req["reps"]):
            t = time.perf_counter(); fn(); times.append((time.perf_counter() - t) * 1e3)
        answer({"times": times})
`;

/** Starts the PyTorch server; null (and a note) when there is no Python or no torch. */
async function startTorch() {
  if (!existsSync(PYTHON)) return { note: `${PYTHON} not found` };
  // OpenMP threads sleep when idle (not spin), so they do not take a core from the engine timed next
  const proc = spawn(PYTHON, ['-u', '-c', torchServer], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' },
  });
  const lines = createInterface({ input: proc.stdout });
  const waiting = [];
  let exited = false;
  lines.on('line', (line) => waiting.shift()?.resolve(line));
  proc.on('exit', (code) => {
    exited = true;
    for (const w of waiting.splice(0)) w.reject(new Error(`${PYTHON} exited (code ${code})`));
  });
  proc.on('error', (error) => {
    exited = true;
    for (const w of waiting.splice(0)) w.reject(error);
  });
  const next = () => (exited ? Promise.reject(new Error(`${PYTHON} exited`)) : new Promise((resolve, reject) => waiting.push({ resolve, reject })));
  const request = async (req) => {
    const answer = next();
    proc.stdin.write(`${JSON.stringify(req)}\n`);
    return JSON.parse(await answer);
  };
  const close = async () => {
    if (exited) return;
    const done = new Promise((resolve) => proc.once('exit', resolve));
    proc.stdin.end();
    await done;
  };
  let hello;
  try {
    hello = JSON.parse(await next());
  } catch (error) {
    return { note: `${PYTHON} failed: ${error.message}` };
  }
  if (hello.error) {
    await close();
    return { note: hello.error };
  }
  childPid = proc.pid;
  return { version: hello.version, request, close };
}

// ---------------------------------------------------------------------------------------------
// Run

const results = {}; // id → { prm, engines: { key: { ms, reps, load, diff, nativeMs?, nativeLoad? } } }
const tmp = mkdtempSync(join(os.tmpdir(), 'shapecheck-bench-'));
const torch = await startTorch();
const torchNote = torch.note ?? null;
versions.torch = torch.version ?? null;
try {
  for (const wl of selected) {
    const prm = paramsOf(wl);
    log(`${wl.id} ${wl.name}: ${(prm.flops / 1e9).toFixed(3)} GFLOP`);
    const conv = wl.transposed ? new ConvTranspose2d(wl.options, { seed: 0 }) : new Conv2d(wl.options, { seed: 0 });
    const x = randn(wl.shape, { seed: 1 });
    const weight = conv.weight.data;
    const bias = conv.bias.data;
    const cells = [];
    const diffs = {};
    const cleanups = [];
    const tensorsBefore = tf.memory().numTensors;

    // shapecheck: conv.forward(x) on the given NCHW tensor; the output tensor's data is the result.
    if (setNumThreads) await setNumThreads(1);
    const ref = Float32Array.from(conv.forward(x).data);
    for (const threads of shapecheckThreads) {
      if (setNumThreads) await setNumThreads(threads);
      diffs[`shapecheck${threads}`] = check(`shapecheck ${threads}t ${wl.id}`, maxAbsDiff(conv.forward(x).data, ref));
      cells.push({
        key: `shapecheck${threads}`,
        prepare: setNumThreads ? () => setNumThreads(threads) : undefined,
        rewarm: setNumThreads ? 1 : 0, // switching the thread count stops or starts the worker pool (more below)
        runs: localRuns(() => conv.forward(x).data),
      });
    }

    try {
      for (const backend of ['cpu', 'wasm']) {
        const part = await tfjsCells(backend, wl, prm, x, weight, bias, ref);
        cleanups.push(part.dispose);
        diffs[`tfjs-${backend}`] = part.diff;
        cells.push(...part.cells);
      }

      const model = onnxConvModel(prm, weight, bias);
      for (const threads of [1, 2]) {
        const part = await ortCell(threads, model, wl, x, ref);
        cleanups.push(part.release);
        diffs[`ort${threads}`] = part.diff;
        cells.push(part.cell);
      }

      if (torch.request) {
        const file = (name, data) => {
          const path = join(tmp, `${wl.id}-${name}.f32`);
          writeFileSync(path, data);
          return path;
        };
        const { diff } = await torch.request({
          op: 'load',
          shape: wl.shape,
          wshape: prm.t ? [prm.c, prm.co / prm.g, prm.k, prm.k] : [prm.co, prm.c / prm.g, prm.k, prm.k],
          co: prm.co,
          yshape: [prm.n, prm.co, prm.ho, prm.wo],
          o: { t: prm.t, s: prm.s, p: prm.p, op: prm.op, d: prm.d, g: prm.g },
          x: file('x', x.data),
          w: file('w', weight),
          b: file('b', bias),
          y: file('y', ref),
        });
        for (const threads of [1, 2]) {
          diffs[`torch${threads}`] = check(`torch ${wl.id}`, diff);
          cells.push({
            key: `torch${threads}`,
            rewarm: 2, // torch.set_num_threads(1) ↔ (2) makes the next calls slower
            runs: async (reps, warm = 0) => (await torch.request({ op: 'time', threads, reps, warm })).times,
          });
        }
      }

      const timed = await timeCells(wl.id, cells);
      const engines = {};
      for (const [key, r] of Object.entries(timed)) {
        if (key.endsWith('-nhwc')) continue;
        const native = timed[`${key}-nhwc`];
        engines[key] = { ...r, diff: diffs[key], ...(native ? { nativeMs: native.ms, nativeReps: native.reps, nativeLoad: native.load } : {}) };
      }
      results[wl.id] = { prm, engines };
      log(
        '  ' +
          Object.entries(engines)
            .map(([key, r]) => `${key} ${r.ms.toFixed(2)}${r.nativeMs ? ` (NHWC ${r.nativeMs.toFixed(2)})` : ''}`)
            .join(', ') +
          ' ms',
      );
    } finally {
      for (const cleanup of cleanups) await cleanup();
    }
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked !== 0) throw new Error(`tfjs ${wl.id}: ${leaked} tensors leaked`);
  }
} finally {
  await torch.close?.();
  childPid = null;
  rmSync(tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Report

const engineRows = [
  ...shapecheckThreads.map((t) => ({ key: `shapecheck${t}`, name: 'shapecheck', threads: t })),
  { key: 'tfjs-cpu', name: 'tfjs-cpu', threads: 1, nhwc: true },
  { key: 'tfjs-wasm', name: 'tfjs-wasm (SIMD)', threads: 1, nhwc: true },
  { key: 'ort1', name: 'onnxruntime-node', threads: 1 },
  { key: 'ort2', name: 'onnxruntime-node', threads: 2 },
  ...(versions.torch ? [{ key: 'torch1', name: 'PyTorch', threads: 1 }, { key: 'torch2', name: 'PyTorch', threads: 2 }] : []),
];
const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
const fmtGf = (flops, ms) => {
  const g = flops / ms / 1e6;
  return g >= 100 ? g.toFixed(0) : g >= 10 ? g.toFixed(1) : g.toFixed(2);
};
const fmtX = (x) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(3)) + '×';
const dagger = (l) => (l > BUSY ? ' †' : ''); // other processes were busy during this measurement

const detail = [
  '| workload | engine | threads | ms | GFLOP/s | ms, NHWC given | GFLOP/s, NHWC given | speed vs tfjs-wasm | max abs diff |',
  '|---|---|--:|--:|--:|--:|--:|--:|--:|',
];
for (const wl of selected) {
  const { prm, engines } = results[wl.id];
  const wasm = engines['tfjs-wasm'];
  for (const [i, row] of engineRows.entries()) {
    const r = engines[row.key];
    if (!r) continue;
    const label = i === 0 ? `**${wl.id}** ${wl.name} (${(prm.flops / 1e9).toFixed(3)} GFLOP)` : '';
    const native = row.nhwc ? [fmtMs(r.nativeMs) + dagger(r.nativeLoad), fmtGf(prm.flops, r.nativeMs)] : ['(NCHW is native)', ''];
    const engine = row.key.startsWith('shapecheck') ? `**${row.name}**` : row.name;
    detail.push(
      `| ${label} | ${engine} | ${row.threads} | ${fmtMs(r.ms)}${dagger(r.load)} | ${fmtGf(prm.flops, r.ms)} | ${native.join(' | ')} | ${fmtX(wasm.ms / r.ms)} | ${r.diff === 0 ? '0' : r.diff.toExponential(1)} |`,
    );
  }
}

const summary = [
  `| GFLOP/s | ${engineRows.map((r) => `${r.name.replace(' (SIMD)', '')} ${r.threads}t`).join(' | ')} | ${shapecheckThreads.map((t) => `shapecheck ${t}t ÷ tfjs-wasm`).join(' | ')} |`,
  `|---|${engineRows.map(() => '--:').join('|')}|${shapecheckThreads.map(() => '--:').join('|')}|`,
];
for (const wl of selected) {
  const { prm, engines } = results[wl.id];
  summary.push(
    `| ${wl.id} | ${engineRows.map((r) => fmtGf(prm.flops, engines[r.key].ms) + dagger(engines[r.key].load)).join(' | ')} | ${shapecheckThreads
      .map((t) => fmtX(engines['tfjs-wasm'].ms / engines[`shapecheck${t}`].ms))
      .join(' | ')} |`,
  );
}

// Targets: shapecheck's speed-up over tfjs-wasm / tfjs-cpu, timed NCHW in → NCHW out (the
// NHWC-given speed-up in parentheses, for information), and for the depthwise, 1×1 and transposed
// workloads also against tfjs-wasm given its native NHWC layout for free (`native`).
const targets = [
  { label: 'shapecheck 1 thread ≥ 1.3× tfjs-wasm', sc: 1, vs: 'tfjs-wasm', need: () => 1.3, ids: 'ABCDEFGHIJK' },
  { label: 'shapecheck 1 thread ≥ 1.3× tfjs-wasm given NHWC', sc: 1, vs: 'tfjs-wasm', native: true, need: () => 1.3, ids: 'DFHIJK' },
  { label: 'shapecheck 2 threads ≥ 2× tfjs-wasm', sc: 2, vs: 'tfjs-wasm', need: () => 2, ids: 'BCG' },
  { label: 'shapecheck 1 thread ≥ 25× tfjs-cpu', sc: 1, vs: 'tfjs-cpu', need: () => 25, ids: 'ABCDEFG' },
];
let met = 0;
let missed = 0;
const targetTable = [`| target | ${workloads.map((w) => w.id).join(' | ')} |`, `|---|${workloads.map(() => '---').join('|')}|`];
for (const t of targets) {
  const cells = workloads.map((wl) => {
    if (!t.ids.includes(wl.id)) return '';
    const engines = results[wl.id]?.engines;
    const sc = engines?.[`shapecheck${t.sc}`];
    if (!engines) return 'not run';
    if (!sc) return 'no setNumThreads';
    const x = engines[t.vs].ms / sc.ms;
    const xNative = engines[t.vs].nativeMs / sc.ms;
    const ok = (t.native ? xNative : x) >= t.need(wl.id);
    ok ? met++ : missed++;
    // Rounded down, so that a miss never shows the needed number (1.998× shows as 1.99×).
    const down = (v) => (v >= 10 ? `${Math.floor(v)}×` : `${(Math.floor(v * 100) / 100).toFixed(2)}×`);
    return `${t.native ? down(xNative) : `${down(x)} (${down(xNative)})`} **${ok ? 'met' : 'missed'}**`;
  });
  targetTable.push(`| ${t.label} | ${cells.join(' | ')} |`);
}

const cpuModel = (() => {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1].trim() ?? os.cpus()[0]?.model;
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
})();
const isa = (() => {
  try {
    const flags = new Set(readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:\s*(.+)$/m)?.[1].split(/\s+/) ?? []);
    return ['avx2', 'fma', 'avx512f', 'avx512_vnni', 'avx512_bf16', 'amx_tile'].filter((f) => flags.has(f)).join(', ') || 'none of AVX2/AVX-512/AMX';
  } catch {
    return 'unknown';
  }
})();
const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const lines = [
  `Run ${date}: \`${command}\`${QUICK ? ' (quick: fewer runs, noisier)' : ''}.`,
  '',
  `Machine: ${cpuModel}, ${os.cpus().length} logical CPUs (${isa}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${os.release()}; Node ${process.version}.`,
  `Engines: shapecheck ${JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version} (dist/, ${setNumThreads ? 'setNumThreads 1 and 2' : 'no setNumThreads export: 1 thread'}${typeof shapecheck.ready === 'function' ? ', ready() awaited' : ''}); ` +
    `@tensorflow/tfjs-core ${versions.tfjs} with tfjs-backend-cpu and tfjs-backend-wasm ${versions.tfjsWasm} ` +
    `(${tfjsWasmInfo.binary}, SIMD ${tfjsWasmInfo.simd ? 'on' : 'off'}, ${tfjsWasmInfo.threads} thread); onnxruntime-node ${versions.ort} (CPU provider); ` +
    (versions.torch ? `PyTorch ${versions.torch} (${PYTHON}).` : `PyTorch skipped: ${torchNote}.`),
  process.env.MALLOC_MMAP_THRESHOLD_
    ? `glibc malloc: MALLOC_MMAP_THRESHOLD_=${process.env.MALLOC_MMAP_THRESHOLD_} MALLOC_TRIM_THRESHOLD_=${process.env.MALLOC_TRIM_THRESHOLD_ ?? '(default)'} for Node and PyTorch alike (set by run.mjs: outputs come from the heap, not from fresh page-faulting mmaps).`
    : 'glibc malloc: default thresholds (--default-malloc, or bench.mjs run directly): large outputs may be fresh mmaps whose pages fault on first write, depending on what the process allocated before.',
  `Timing: per engine and workload, ${TIMING.warmup} warm-up run${TIMING.warmup === 1 ? '' : 's'}, then the fastest of ${TIMING.minReps}–${TIMING.maxReps} runs ` +
    `(as many as fit in ~${TIMING.budgetMs / 1000} s), taken in ${ROUNDS} rounds in which the engines of a workload take turns. ` +
    'ms = NCHW Float32 input in, NCHW output values out; "NHWC given" = the tfjs input already NHWC and the output left NHWC. ' +
    '"speed vs tfjs-wasm" = tfjs-wasm ms (NCHW) ÷ engine ms. Every output was checked against shapecheck\'s (max abs diff < 1e-3).',
  `Other processes' CPU use (/proc/stat) was checked over each of the ${stats.rounds} rounds` +
    (WAIT ? ` and the quiet 0.25 s or more waited for before it; a round above ${BUSY} CPUs was run again (${ROUNDS} times at most per workload): ` : ` (--no-wait: no waiting, no rounds run again): `) +
    (stats.redone.length
      ? `${stats.redone.length} run again (${[...new Set(stats.redone)].map((id) => `${id} ×${stats.redone.filter((r) => r === id).length}`).join(', ')})`
      : 'none run again') +
    `; kept rounds at most ${stats.maxLoad.toFixed(2)} CPUs` +
    (stats.busyCells.length ? `, above ${BUSY} for ${stats.busyCells.join(', ')} (marked †: unreliable, 2-thread ones most).` : '.'),
  '',
  ...detail,
  '',
  'GFLOP/s (NCHW in and out) and shapecheck\'s speed-up over tfjs-wasm:',
  '',
  ...summary,
  '',
  `Targets (speed-up timed NCHW in and out, in parentheses against tfjs given NHWC; the "given NHWC" row against tfjs given NHWC alone): ${met} met, ${missed} missed.`,
  '',
  ...targetTable,
];
const block = lines.join('\n');
console.log(`\n${block}\n`);

if (WRITE_DOCS) {
  const intro = [
    '# Performance',
    '',
    'How fast shapecheck\'s `Conv2d.forward` runs, beside TensorFlow.js, ONNX Runtime and PyTorch on the',
    'same workloads. Produced by `npm run bench` (`bench/runtime/run.mjs`); the block between the',
    'markers is rewritten on each run, everything else in this file is kept.',
    '',
  ].join('\n');
  const text = existsSync(docsPath) ? readFileSync(docsPath, 'utf8') : `${intro}\n${START}\n${END}\n`;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start + START.length)}\n${block}\n${text.slice(end)}`
      : `${text.trimEnd()}\n\n${START}\n${block}\n${END}\n`;
  writeFileSync(docsPath, next);
  log(`wrote ${docsPath.slice(repoRoot.length + 1)}`);
}
