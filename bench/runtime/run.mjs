// npm run bench — forward convolution (float32, NCHW, with bias) of shapecheck's Conv2d beside
// TensorFlow.js (cpu and wasm backends), ONNX Runtime for Node (1 and 2 threads) and PyTorch
// (/usr/bin/python3, 1 and 2 threads) on the same seven workloads, in one run. Prints a markdown
// table and rewrites the block between <!-- bench:runtime:start --> and <!-- bench:runtime:end -->
// in docs/performance.md (everything outside the markers is kept).
//
//   npm run bench                              # from the repository root (build, install, run)
//   node bench/runtime/run.mjs --quick         # fewer runs per measurement
//   node bench/runtime/run.mjs --only A,B      # some workloads only
//   node bench/runtime/run.mjs --no-docs       # print the table, leave docs/performance.md alone
//   node bench/runtime/run.mjs --no-wait       # do not wait for an idle machine, redo nothing
//
// Every engine gets the same weights and bias (shapecheck's `conv.weight.data` / `conv.bias.data`)
// and the same input, and its output is checked against shapecheck's (max abs diff < 1e-3) before
// it is timed. Methodology: docs/performance.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as shapecheck from '../../dist/index.js';

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
const usage = 'usage: node bench/runtime/run.mjs [--quick] [--only A,B,...] [--no-docs] [--no-wait]';
let QUICK = false;
let WRITE_DOCS = true;
let ONLY = null;
let WAIT = true;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--quick') QUICK = true;
  else if (arg === '--no-docs') WRITE_DOCS = false;
  else if (arg === '--no-wait') WAIT = false;
  else if (arg === '--only' || arg.startsWith('--only=')) {
    const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
    if (!value) throw new Error(`--only needs a list of workload ids\n${usage}`);
    ONLY = value.split(',').map((id) => id.trim().toUpperCase()).filter(Boolean);
  } else if (arg === '--help' || arg === '-h') {
    console.log(usage);
    process.exit(0);
  } else throw new Error(`unknown option ${arg}\n${usage}`);
}

// Warm-up runs, then the median of max(minReps, min(maxReps, ceil(budget / one run))) timed runs.
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
];
if (ONLY) {
  const unknown = ONLY.filter((id) => !workloads.some((w) => w.id === id));
  if (unknown.length > 0) throw new Error(`--only: unknown workload ${unknown.join(', ')} (known: ${workloads.map((w) => w.id).join(', ')})`);
}
const selected = workloads.filter((w) => !ONLY || ONLY.includes(w.id));

/** The resolved parameters of a workload (square kernels, scalar options). */
function paramsOf({ shape, options }) {
  const [n, c, h, w] = shape;
  const k = options.kernelSize;
  const s = options.stride ?? 1;
  const p = options.padding ?? 0;
  const d = options.dilation ?? 1;
  const g = options.groups ?? 1;
  const co = options.outChannels;
  const ho = Math.floor((h + 2 * p - d * (k - 1) - 1) / s) + 1;
  const wo = Math.floor((w + 2 * p - d * (k - 1) - 1) / s) + 1;
  const flops = 2 * n * co * ho * wo * (c / g) * k * k;
  return { n, c, h, w, k, s, p, d, g, co, ho, wo, flops };
}

// ---------------------------------------------------------------------------------------------
// Timing

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Other processes' CPU use (the machine may be shared): busy ticks of all CPUs from /proc/stat
// minus this process's and its waited-for children's (PyTorch's) ticks from /proc/self/stat.
function cpuSample() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0); // user nice system irq softirq steal
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const g = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number); // g[0] is field 3 (state)
    const own = g[11] + g[12] + g[13] + g[14]; // utime stime cutime cstime
    return { busy, own, t: performance.now() };
  } catch {
    return null;
  }
}
/** Average number of CPUs that other processes kept busy between two samples (USER_HZ = 100). */
const otherLoad = (a, b) => (a && b ? Math.max(0, (b.busy - a.busy - (b.own - a.own)) / 100 / ((b.t - a.t) / 1000)) : NaN);

const BUSY = 0.1; // CPUs kept busy by other processes above which a measurement is redone
const MAX_TRIES = WAIT ? 3 : 1;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const cells = { total: 0, retried: [], busy: [], maxLoad: 0 };
let waitBudgetMs = 10 * 60_000; // all waiting in the run together (PyTorch has its own)

/**
 * Waits (≤ 2 min) until other processes keep at most BUSY CPUs busy (a 0.25 s probe, then 1 s
 * ones); returns the sample that starts the last probe, so that the load judged afterwards covers
 * that quiet stretch and the measurement (a few-ms measurement alone is shorter than a tick).
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

/**
 * Median wall time (ms) of `fn`, measured again (up to MAX_TRIES tries, after waiting for an idle
 * machine) while other processes kept more than BUSY CPUs busy; the quietest try is kept.
 */
async function measure(fn, label) {
  let best = null;
  for (let tries = 1; tries <= MAX_TRIES; tries++) {
    const a = WAIT ? await waitForIdle(label) : cpuSample();
    const r = await measureOnce(fn);
    const l = otherLoad(a, cpuSample());
    if (!best || l < best.load) best = { ...r, load: l, tries };
    if (!(l > BUSY)) break;
    log(`  ${label}: other processes kept ${l.toFixed(2)} CPUs busy${tries < MAX_TRIES ? '; measuring it again' : ''}`);
  }
  noteCell(label, best);
  return best;
}

function noteCell(label, { load, tries }) {
  cells.total++;
  if (tries > 1) cells.retried.push(label);
  if (load > BUSY) cells.busy.push(label);
  if (load > cells.maxLoad) cells.maxLoad = load;
}

/** Median wall time (ms) of `fn` (sync, or async: awaited inside the timed region). */
async function measureOnce(fn) {
  let last = 0;
  for (let i = 0; i < TIMING.warmup; i++) {
    const t = performance.now();
    const r = fn();
    if (r && typeof r.then === 'function') await r;
    last = performance.now() - t;
  }
  const reps = Math.max(TIMING.minReps, Math.min(TIMING.maxReps, Math.ceil(TIMING.budgetMs / Math.max(last, 1e-3))));
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    const r = fn();
    if (r && typeof r.then === 'function') await r;
    times.push(performance.now() - t);
  }
  return { ms: median(times), reps };
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

/** Serialised ONNX model (IR 7, opset 13): Y = Conv(X, W, B). */
function onnxConvModel({ n, c, h, w, k, s, p, d, g, co, ho, wo }, weight, bias) {
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
        node.string(ONNX.node.output, 'Y').string(ONNX.node.name, 'conv').string(ONNX.node.opType, 'Conv');
        node.message(ONNX.node.attribute, intsAttr('kernel_shape', [k, k]));
        node.message(ONNX.node.attribute, intsAttr('strides', [s, s]));
        node.message(ONNX.node.attribute, intsAttr('pads', [p, p, p, p]));
        node.message(ONNX.node.attribute, intsAttr('dilations', [d, d]));
        node.message(ONNX.node.attribute, intAttr('group', g));
      });
      graph.string(ONNX.graph.name, 'conv2d');
      graph.message(ONNX.graph.initializer, initializer('W', [co, c / g, k, k], weight));
      graph.message(ONNX.graph.initializer, initializer('B', [co], bias));
      graph.message(ONNX.graph.input, valueInfo('X', [n, c, h, w]));
      graph.message(ONNX.graph.output, valueInfo('Y', [n, co, ho, wo]));
    })
    .message(ONNX.model.opsetImport, (o) => o.string(ONNX.opset.domain, '').int(ONNX.opset.version, 13))
    .finish();
}

// ---------------------------------------------------------------------------------------------
// Engines: set-up

const { Conv2d, randn } = shapecheck;
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
  paths: `setWasmPaths('${wasmDist.startsWith(repoRoot) ? wasmDist.slice(repoRoot.length + 1) : wasmDist}/')`,
};
if (!(await tf.setBackend('cpu'))) throw new Error('tfjs: the cpu backend failed to initialise');

const versions = {
  tfjs: require('@tensorflow/tfjs-core/package.json').version,
  tfjsWasm: require('@tensorflow/tfjs-backend-wasm/package.json').version,
  ort: require('onnxruntime-node/package.json').version,
  torch: null,
};

// ---------------------------------------------------------------------------------------------
// Engines: one workload

/** tfjs: NCHW → NHWC transpose, fused conv (+bias), NHWC → NCHW transpose, dataSync; and NHWC native. */
async function runTfjs(backend, wl, prm, x, weight, bias, ref) {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const depthwise = prm.g === prm.c && prm.g === prm.co;
  if (prm.g !== 1 && !depthwise) throw new Error(`tfjs: groups = ${prm.g} is neither 1 nor depthwise`);
  const xNCHW = tf.tensor4d(x.data, wl.shape);
  const xNHWC = tf.transpose(xNCHW, [0, 2, 3, 1]);
  xNHWC.dataSync(); // materialised before timing: the native-layout input is given for free
  // Weight [Co, C/g, k, k] → tfjs filter [k, k, C/g, Co]; depthwise [C, 1, k, k] → [k, k, C, 1].
  const w = tf.tensor4d(weight, [prm.co, prm.c / prm.g, prm.k, prm.k]);
  const filter = depthwise ? tf.transpose(w, [2, 3, 0, 1]) : tf.transpose(w, [2, 3, 1, 0]);
  w.dispose();
  const b = tf.tensor1d(bias);
  const conv = (input) => {
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
  const timed = await measure(nchw, `${wl.id} tfjs-${backend}`);
  const native = await measure(nhwc, `${wl.id} tfjs-${backend} NHWC given`);
  tf.dispose([xNCHW, xNHWC, filter, b]);
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) throw new Error(`tfjs-${backend} ${wl.id}: ${leaked} tensors leaked`);
  return { ...timed, nativeMs: native.ms, nativeReps: native.reps, nativeLoad: native.load, diff };
}

/** onnxruntime-node: tensor wrapping the NCHW Float32Array, session.run, output data. */
async function runOrt(threads, model, wl, x, ref) {
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
  try {
    const run = async () => {
      const out = await session.run({ X: new ort.Tensor('float32', x.data, wl.shape) });
      return out.Y.data;
    };
    const diff = check(`onnxruntime ${threads}t ${wl.id}`, maxAbsDiff(await run(), ref));
    return { ...(await measure(run, `${wl.id} onnxruntime ${threads}t`)), diff };
  } finally {
    await session.release();
  }
}

// PyTorch, in its own process after the Node engines (so nothing else runs while it is timed):
// the same input, weights and bias (raw float32 files), torch.nn.functional.conv2d under
// torch.no_grad(), torch.set_num_threads(1) and (2); the output is compared with shapecheck's.
const torchScript = String.raw`
import json, math, os, sys, time
spec = json.load(sys.stdin)
try:
    import torch
    import torch.nn.functional as F
except Exception as e:
    print(json.dumps({"error": "torch not importable: %s" % e}))
    sys.exit(0)
T = spec["timing"]
def load(path, shape):
    with open(path, "rb") as f:
        return torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(shape).clone()
def median(v):
    v = sorted(v); m = len(v) // 2
    return v[m] if len(v) % 2 else (v[m - 1] + v[m]) / 2
TICK = os.sysconf("SC_CLK_TCK")
def log(m):
    print(m, file=sys.stderr, flush=True)
def cpu_sample():
    try:
        with open("/proc/stat") as f:
            v = [int(n) for n in f.readline().split()[1:9]]
        t = os.times()
        return (v[0] + v[1] + v[2] + v[5] + v[6] + v[7], (t.user + t.system) * TICK, time.perf_counter())
    except Exception:
        return None
def other_load(a, b):
    if a is None or b is None: return float("nan")
    return max(0.0, (b[0] - a[0] - (b[1] - a[1])) / TICK / (b[2] - a[2]))
WAIT_BUDGET = [300.0]
def wait_for_idle(label):
    deadline = time.perf_counter() + 120; probe = 0.25
    while True:
        a = cpu_sample(); time.sleep(probe); l = other_load(a, cpu_sample())
        if probe == 1.0: WAIT_BUDGET[0] -= probe
        if not (l > spec["busy"]) or time.perf_counter() > deadline or WAIT_BUDGET[0] <= 0: return a
        if probe == 0.25: log("  %s: waiting for the machine to be idle (other processes keep %.2f CPUs busy)..." % (label, l))
        probe = 1.0
def measure(fn, label):
    best = None
    for tries in range(1, spec["maxTries"] + 1):
        a = wait_for_idle(label) if spec["wait"] else cpu_sample()
        r = measure_once(fn); l = other_load(a, cpu_sample())
        r["load"] = l; r["tries"] = tries
        if best is None or l < best["load"]: best = r
        if not (l > spec["busy"]): break
        log("  %s: other processes kept %.2f CPUs busy%s" % (label, l, "; measuring it again" if tries < spec["maxTries"] else ""))
    return best
def measure_once(fn):
    last = 0.0
    for _ in range(T["warmup"]):
        t = time.perf_counter(); fn(); last = (time.perf_counter() - t) * 1e3
    reps = max(T["minReps"], min(T["maxReps"], math.ceil(T["budgetMs"] / max(last, 1e-3))))
    times = []
    for _ in range(reps):
        t = time.perf_counter(); fn(); times.append((time.perf_counter() - t) * 1e3)
    return {"ms": median(times), "reps": reps}
out = {"version": torch.__version__, "results": {}}
with torch.no_grad():
    for wl in spec["workloads"]:
        x = load(wl["x"], wl["shape"]); w = load(wl["w"], wl["wshape"]); b = load(wl["b"], [wl["wshape"][0]])
        y = load(wl["y"], wl["yshape"])
        o = wl["o"]
        fn = lambda: F.conv2d(x, w, b, stride=o["s"], padding=o["p"], dilation=o["d"], groups=o["g"])
        res = {"diff": float((fn() - y).abs().max())}
        for n in spec["threads"]:
            torch.set_num_threads(n)
            res[str(n)] = measure(fn, "%s PyTorch %dt" % (wl["id"], n))
            log("  %s PyTorch %dt  %.2f ms" % (wl["id"], n, res[str(n)]["ms"]))
        out["results"][wl["id"]] = res
print(json.dumps(out))
`;

// ---------------------------------------------------------------------------------------------
// Run

const results = {}; // id → { prm, engines: { key: { ms, reps, nativeMs?, diff? } } }
const tmp = mkdtempSync(join(os.tmpdir(), 'shapecheck-bench-'));
const torchWorkloads = [];
let torchNote = null;
async function runWorkload(wl, prm) {
  const engines = {};
  const conv = new Conv2d(wl.options, { seed: 0 });
  const x = randn(wl.shape, { seed: 1 });
  const weight = conv.weight.data;
  const bias = conv.bias.data;

  // shapecheck: conv.forward(x) on the given NCHW tensor; the output tensor's data is the result.
  if (setNumThreads) await setNumThreads(1);
  const ref = Float32Array.from(conv.forward(x).data);
  for (const threads of shapecheckThreads) {
    if (setNumThreads) await setNumThreads(threads);
    const diff = check(`shapecheck ${threads}t ${wl.id}`, maxAbsDiff(conv.forward(x).data, ref));
    engines[`shapecheck${threads}`] = { ...(await measure(() => conv.forward(x).data, `${wl.id} shapecheck ${threads}t`)), diff };
    log(`  shapecheck ${threads}t  ${engines[`shapecheck${threads}`].ms.toFixed(2)} ms`);
  }

  for (const backend of ['cpu', 'wasm']) {
    const r = (engines[`tfjs-${backend}`] = await runTfjs(backend, wl, prm, x, weight, bias, ref));
    log(`  tfjs-${backend}  ${r.ms.toFixed(2)} ms (NHWC given ${r.nativeMs.toFixed(2)} ms)`);
  }

  const model = onnxConvModel(prm, weight, bias);
  for (const threads of [1, 2]) {
    engines[`ort${threads}`] = await runOrt(threads, model, wl, x, ref);
    log(`  onnxruntime ${threads}t  ${engines[`ort${threads}`].ms.toFixed(2)} ms`);
  }
  return { engines, data: { x: x.data, weight, bias, ref } };
}

function runTorch(workloadsSpec) {
  const proc = spawnSync(PYTHON, ['-c', torchScript], {
    input: JSON.stringify({ timing: TIMING, threads: [1, 2], workloads: workloadsSpec, busy: BUSY, maxTries: MAX_TRIES, wait: WAIT }),
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'inherit'], // progress and Python's own errors go straight to stderr
    maxBuffer: 1 << 24,
  });
  try {
    return JSON.parse(proc.stdout.trim().split('\n').pop());
  } catch {
    return { error: `${PYTHON} failed (exit ${proc.status}${proc.error ? `: ${proc.error.message}` : ', see its error above'})` };
  }
}

try {
  for (const wl of selected) {
    const prm = paramsOf(wl);
    log(`${wl.id} ${wl.name}: ${(prm.flops / 1e9).toFixed(3)} GFLOP`);
    const { engines, data } = await runWorkload(wl, prm);
    results[wl.id] = { prm, engines };
    const { x, weight, bias, ref } = data;
    const file = (name, data) => {
      const path = join(tmp, `${wl.id}-${name}.f32`);
      writeFileSync(path, data);
      return path;
    };
    torchWorkloads.push({
      id: wl.id,
      shape: wl.shape,
      wshape: [prm.co, prm.c / prm.g, prm.k, prm.k],
      yshape: [prm.n, prm.co, prm.ho, prm.wo],
      o: { s: prm.s, p: prm.p, d: prm.d, g: prm.g },
      x: file('x', x),
      w: file('w', weight),
      b: file('b', bias),
      y: file('y', ref),
    });
  }

  if (!existsSync(PYTHON)) torchNote = `${PYTHON} not found`;
  else {
    log('PyTorch (separate process)…');
    const probe = runTorch([]); // is torch importable at all?
    if (probe.error) torchNote = probe.error;
    else {
      const parsed = runTorch(torchWorkloads);
      if (parsed.error) torchNote = parsed.error;
      else {
        versions.torch = parsed.version;
        for (const [id, r] of Object.entries(parsed.results)) {
          check(`torch ${id}`, r.diff);
          for (const n of ['1', '2']) noteCell(`${id} PyTorch ${n}t`, r[n]);
          results[id].engines.torch1 = { ...r['1'], diff: r.diff };
          results[id].engines.torch2 = { ...r['2'], diff: r.diff };
        }
      }
    }
    if (torchNote) log(`PyTorch skipped: ${torchNote}`);
  }
} finally {
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

// Targets: shapecheck's speed-up over tfjs-wasm / tfjs-cpu, both timed NCHW in → NCHW out
// (the NHWC-given speed-up in parentheses, for information).
const targets = [
  { label: 'shapecheck 1 thread ≥ 1.3× tfjs-wasm (≥ 1× on D)', sc: 1, vs: 'tfjs-wasm', need: (id) => (id === 'D' ? 1 : 1.3), ids: 'ABCDEFG' },
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
    const ok = x >= t.need(wl.id);
    ok ? met++ : missed++;
    return `${fmtX(x)} (${fmtX(xNative)}) **${ok ? 'met' : 'missed'}**`;
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
  `Other processes' CPU use, from /proc/stat, was checked over each of the ${cells.total} measurements${WAIT ? ' and the 0.25 s or more of waiting for a quiet machine before it' : ''} (highest: ${cells.maxLoad.toFixed(2)} CPUs busy on average); ` +
    (WAIT
      ? `each waits for an idle machine and is redone (up to ${MAX_TRIES} tries, the quietest kept) when others kept more than ${BUSY} CPUs busy: ` +
        `${cells.retried.length ? `redone: ${cells.retried.join(', ')}` : 'none redone'}`
      : `--no-wait: no waiting, no retries`) +
    `; ${cells.busy.length ? `still above ${BUSY} (marked †, unreliable, 2-thread ones most): ${cells.busy.join(', ')}` : `none above ${BUSY} in the end`}.`,
  `Timing: ${TIMING.warmup} warm-up run${TIMING.warmup === 1 ? '' : 's'}, then the median of ${TIMING.minReps}–${TIMING.maxReps} runs (as many as fit in ~${TIMING.budgetMs / 1000} s). ` +
    'ms = NCHW Float32 input in, NCHW output values out; "NHWC given" = the tfjs input already NHWC and the output left NHWC. ' +
    '"speed vs tfjs-wasm" = tfjs-wasm ms (NCHW) ÷ engine ms. Every output was checked against shapecheck\'s (max abs diff < 1e-3).',
  '',
  ...detail,
  '',
  'GFLOP/s (NCHW in and out) and shapecheck\'s speed-up over tfjs-wasm:',
  '',
  ...summary,
  '',
  `Targets (speed-up timed NCHW in and out; in parentheses against tfjs given NHWC): ${met} met, ${missed} missed.`,
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
