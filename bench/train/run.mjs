// npm run bench:train — the speed of one training step, shapecheck beside PyTorch and TensorFlow.js,
// in one run, printed as a table per model (nothing is written to docs/).
//
// A step is: zeroGrad, forward, cross-entropy (mean over the batch), backward, Adam (lr 1e-3,
// betas 0.9/0.999, eps 1e-8) step, in train mode. Models:
//   - LeNet-5 (examples/train-mnist.ts `lenet5()`), batch 64 of 1×28×28, 10 classes;
//   - ResNet-18 (torchvision's structure, examples/resnet18.ts, built here for 64×64 input instead
//     of 224×224), batch 16 of 3×64×64, 10 classes; BatchNorm on the batch's statistics.
// Engines (one row each): shapecheck (dist/) with setNumThreads(1) and (2), in a Node process of its
// own (shapecheck_step.mjs, a JSON-lines server like PyTorch's: tfjs's heap and garbage in this
// process slowed its steps by 10–30 %); PyTorch on CPU
// (/usr/bin/python3, torch_step.py as a JSON-lines server) with torch.set_num_threads(1) and (2);
// TensorFlow.js 4.22 on its wasm backend (SIMD, the thread count it reports: 1 in Node, where
// tfjs-wasm has no threads) and on its cpu backend (plain JS, seconds a step: 1 warm-up and 3 timed
// steps; LeNet-5 only unless --tfjs-cpu-resnet). tfjs-core's bundle registers no gradients, so the
// union package @tensorflow/tfjs is imported for them (same tfjs-core).
// tfjs gets NHWC tensors and weights already in its layout (HWIO filters, [in, out] dense weights,
// one-hot labels) for free; it builds the model from tfjs-core ops (conv2d, maxPool, relu, matMul,
// moments + batchNorm), takes gradients with tf.variableGrads and steps tf.train.adam. tfjs-wasm
// has no Conv2DBackpropFilter kernel, so there the filter gradient is a forward conv2d (batch and
// channels swapped, dilation = stride), through tf.customGrad; its input gradient is
// tf.conv2dTranspose. tfjs updates no BatchNorm running statistics (PyTorch and shapecheck do).
//
// Correctness first: every engine starts from shapecheck's initial weights (written as raw float32
// files to a temporary directory for PyTorch) and the same batch, and the losses of its first two
// steps (before and after one Adam update) are compared with shapecheck's: step 0 must agree within
// 1e-4 relative (else the run stops), step 1 is shown.
//
// Timing: per engine, 3 warm-up steps (1 with --quick); the number of timed steps is what fills
// ~2.5 s (0.6 s with --quick), at least 6 (3), taken in 3 rounds in which the engines take turns
// (one untimed step after each turn's thread switch, a 150 ms pause before each turn), so that a
// slow stretch of the shared machine falls on all of them. Before each turn the run waits (≤ 60 s,
// ≤ 5 min in all; --no-wait: not at all) for other processes to leave the CPUs idle. Reported: median ms per step (and the
// fastest), samples/s = batch / median, and speed ratios (shapecheck's samples/s ÷ the engine's).
// Other processes' CPU use (/proc/stat) over each engine's turns is shown; † marks > 0.1 CPU.
//
//   npm run bench:train                        # build, install tfjs, run both models
//   node bench/train/run.mjs --quick           # fewer steps
//   node bench/train/run.mjs --only lenet      # or resnet
//   node bench/train/run.mjs --memory          # resident memory over one LeNet-5 MNIST epoch (memory.mjs)
//   node bench/train/profile.mjs [--model resnet] [--threads 2]   # top self-time functions of a step
//
// Like bench/runtime/run.mjs, the process runs with glibc's malloc thresholds fixed
// (MALLOC_MMAP_THRESHOLD_=32 MiB, MALLOC_TRIM_THRESHOLD_=64 MiB; PyTorch inherits them), so that
// large buffers are not fresh page-faulting mmaps in one engine and heap reuse in another.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const require = createRequire(import.meta.url);
const PYTHON = '/usr/bin/python3';
const argv = process.argv.slice(2);

// --memory: a fresh process of its own (no tfjs, no PyTorch in it), memory.mjs
if (argv.includes('--memory')) {
  const rest = argv.filter((a) => a !== '--memory');
  const child = spawn(process.execPath, [join(here, 'memory.mjs'), ...rest], { stdio: 'inherit' });
  child.on('exit', (code) => (process.exitCode = code ?? 1));
} else if (process.env.MALLOC_MMAP_THRESHOLD_ === undefined && !argv.includes('--default-malloc')) {
  const env = { ...process.env, MALLOC_MMAP_THRESHOLD_: String(32 << 20), MALLOC_TRIM_THRESHOLD_: process.env.MALLOC_TRIM_THRESHOLD_ ?? String(64 << 20) };
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...argv], { stdio: 'inherit', env });
  child.on('exit', (code) => (process.exitCode = code ?? 1));
} else {
  await main();
}

async function main() {
  // -------------------------------------------------------------------------------------------
  // Options

  const usage = 'usage: node bench/train/run.mjs [--quick] [--only lenet|resnet] [--tfjs-cpu-resnet] [--no-wait] [--memory] [--default-malloc]';
  let QUICK = false;
  let ONLY = null;
  let CPU_RESNET = false;
  let WAIT = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') QUICK = true;
    else if (arg === '--tfjs-cpu-resnet') CPU_RESNET = true;
    else if (arg === '--no-wait') WAIT = false;
    else if (arg === '--default-malloc') {
      // no MALLOC_* variables (see above)
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      ONLY = (arg === '--only' ? argv[++i] : arg.slice('--only='.length))?.toLowerCase();
      if (ONLY !== 'lenet' && ONLY !== 'resnet') throw new Error(`--only needs lenet or resnet\n${usage}`);
    } else if (arg === '--help' || arg === '-h') {
      console.log(usage);
      return;
    } else throw new Error(`unknown option ${arg}\n${usage}`);
  }
  const TIMING = QUICK ? { warmup: 1, minReps: 3, maxReps: 30, budgetMs: 600 } : { warmup: 3, minReps: 6, maxReps: 300, budgetMs: 2500 };
  const ROUNDS = 3;
  const PAUSE_MS = 150;
  const BUSY = 0.1;
  const LOSS_TOLERANCE = 1e-4;
  const log = (message) => process.stderr.write(`${message}\n`);
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const median = (values) => {
    const s = [...values].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };

  // -------------------------------------------------------------------------------------------
  // Other processes' CPU use: /proc/stat's busy ticks less this process's and PyTorch's

  const childPids = [];
  const ticksOf = (path) => {
    const stat = readFileSync(path, 'utf8');
    const g = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    return g[11] + g[12] + g[13] + g[14];
  };
  const cpuSample = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
      let own = ticksOf('/proc/self/stat');
      for (const pid of childPids) {
        try {
          own += ticksOf(`/proc/${pid}/stat`);
        } catch {
          // exited
        }
      }
      return { busy: f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0), own, t: performance.now() };
    } catch {
      return null;
    }
  };
  const otherLoad = (a, b) => (a && b ? Math.max(0, (b.busy - a.busy - (b.own - a.own)) / 100 / ((b.t - a.t) / 1000)) : NaN);

  // -------------------------------------------------------------------------------------------
  // shapecheck

  const sc = await import('../../dist/index.js');
  if (typeof sc.ready === 'function') await sc.ready();
  const { randn, Tensor, manualSeed } = sc;
  const { lenet5, resnet18 } = await import('./models.mjs');

  const CLASSES = 10;
  const models = [
    { id: 'lenet', name: 'LeNet-5', batch: 64, input: [1, 28, 28], build: lenet5, flops: null },
    { id: 'resnet', name: 'ResNet-18', batch: 16, input: [3, 64, 64], build: () => resnet18(64, CLASSES) },
  ].filter((m) => !ONLY || m.id === ONLY);

  // -------------------------------------------------------------------------------------------
  // tfjs

  const tf = await import('@tensorflow/tfjs-core');
  // tfjs-core's bundle registers no gradients; the union package's bundle does (on the same tfjs-core)
  await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-cpu');
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
  tf.enableProdMode(); // no "install tfjs-node" banner, no debug checks
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend failed to initialise');
  const tfjsWasm = { simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), threads: tf.backend().wasm.tfjs.getThreadsCount() };
  const versions = { tfjs: require('@tensorflow/tfjs-core/package.json').version, torch: null };

  /** A conv2d whose filter gradient is a forward conv2d (tfjs-wasm has no Conv2DBackpropFilter kernel). */
  const convWithForwardGrads = (stride, p) => {
    const pad = p === 0 ? 'valid' : [[0, 0], [p, p], [p, p], [0, 0]];
    return tf.customGrad((x, w, save) => {
      save([x, w]);
      return {
        value: tf.conv2d(x, w, stride, pad),
        gradFunc: (dy, [x, w]) => {
          const [k, , ci, co] = w.shape;
          const dx = tf.conv2dTranspose(dy, w, x.shape, stride, pad);
          // dW[i, j, c, o] = Σ_{b,y,x} X[b, y·s + i − p, x·s + j − p, c] · dY[b, y, x, o]: a conv2d of
          // X as [c, H, W, b] with dY as the filter [Ho, Wo, b, o], dilated by the stride
          const xt = tf.transpose(x, [3, 1, 2, 0]);
          const dyt = tf.transpose(dy, [1, 2, 0, 3]);
          const full = tf.conv2d(xt, dyt, 1, p === 0 ? 'valid' : [[0, 0], [p, p], [p, p], [0, 0]], 'NHWC', stride);
          const dw = tf.transpose(tf.slice(full, [0, 0, 0, 0], [ci, k, k, co]), [1, 2, 0, 3]);
          return [dx, dw];
        },
      };
    });
  };

  /**
   * The tfjs model on `backend` from shapecheck's parameters (NCHW, [out, in]) moved to tfjs's
   * layouts: a step function and a dispose function.
   */
  function tfjsModel(backend, model, params, x, labels) {
    const wasm = backend === 'wasm';
    const convs = new Map();
    const conv = (input, w, stride, p) => {
      if (wasm) {
        const key = `${stride},${p}`;
        if (!convs.has(key)) convs.set(key, convWithForwardGrads(stride, p));
        return convs.get(key)(input, w);
      }
      return tf.conv2d(input, w, stride, p === 0 ? 'valid' : [[0, 0], [p, p], [p, p], [0, 0]]);
    };
    const vars = params.map(([name, t], i) => {
      const s = t.shape;
      const value = tf.tidy(() => {
        const v = tf.tensor(t.data, s);
        if (s.length === 4) return tf.transpose(v, [2, 3, 1, 0]); // [o, i, kh, kw] → [kh, kw, i, o]
        // Flatten of NHWC [b, 5, 5, 16] is in (h, w, c) order; shapecheck's, of NCHW, in (c, h, w)
        if (s.length === 2 && model.id === 'lenet' && s[1] === 400) return tf.reshape(tf.transpose(tf.reshape(v, [s[0], 16, 5, 5]), [2, 3, 1, 0]), [400, s[0]]);
        if (s.length === 2) return tf.transpose(v); // [out, in] → [in, out]
        return v;
      });
      const v = tf.variable(value, true, `${backend}-${model.id}-${i}-${name}`);
      value.dispose();
      return v;
    });
    const input = tf.tidy(() => tf.transpose(tf.tensor(x.data, x.shape), [0, 2, 3, 1])); // NHWC, given for free
    const onehot = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(labels.data), 'int32'), CLASSES));
    let forward;
    if (model.id === 'lenet') {
      const [c1w, c1b, c2w, c2b, f1w, f1b, f2w, f2b, f3w, f3b] = vars;
      forward = () => {
        let h = tf.maxPool(tf.relu(tf.add(conv(input, c1w, 1, 2), c1b)), 2, 2, 'valid');
        h = tf.maxPool(tf.relu(tf.add(conv(h, c2w, 1, 0), c2b)), 2, 2, 'valid');
        h = tf.reshape(h, [h.shape[0], 400]);
        h = tf.relu(tf.add(tf.matMul(h, f1w), f1b));
        h = tf.relu(tf.add(tf.matMul(h, f2w), f2b));
        return tf.add(tf.matMul(h, f3w), f3b);
      };
    } else {
      forward = () => {
        let at = 0;
        const next = () => vars[at++];
        const bn = (h) => {
          const { mean, variance } = tf.moments(h, [0, 1, 2]);
          const gamma = next();
          const beta = next();
          return tf.batchNorm(h, mean, variance, beta, gamma, 1e-5);
        };
        let h = tf.relu(bn(conv(input, next(), 2, 3)));
        h = tf.maxPool(h, 3, 2, 1);
        let cin = 64;
        for (const cout of [64, 128, 256, 512]) {
          for (let block = 0; block < 2; block++) {
            const stride = block === 0 && cout !== 64 ? 2 : 1;
            let m = tf.relu(bn(conv(h, next(), stride, 1)));
            m = bn(conv(m, next(), 1, 1));
            const side = stride !== 1 || cin !== cout ? bn(conv(h, next(), stride, 0)) : h;
            h = tf.relu(tf.add(m, side));
            cin = cout;
          }
        }
        h = tf.mean(h, [1, 2]);
        const w = next();
        const b = next();
        if (at !== vars.length) throw new Error(`tfjs ResNet used ${at} of ${vars.length} parameters`);
        return tf.add(tf.matMul(h, w), b);
      };
    }
    const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8);
    const step = () => {
      const loss = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(onehot, forward()), vars);
        optimizer.applyGradients(grads);
        return value;
      });
      const value = loss.dataSync()[0];
      loss.dispose();
      return value;
    };
    return {
      step,
      dispose() {
        optimizer.dispose();
        tf.dispose([...vars, input, onehot]);
      },
    };
  }

  // -------------------------------------------------------------------------------------------
  // PyTorch server

  /** A JSON-lines server (torch_step.py, shapecheck_step.mjs): `request(obj)` → its answer. */
  async function startServer(label, command, args, env) {
    const proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'], env });
    const PYTHON = label; // the name in messages
    const lines = createInterface({ input: proc.stdout });
    const waiting = [];
    let exited = false;
    lines.on('line', (line) => waiting.shift()?.resolve(line));
    const fail = (error) => {
      exited = true;
      for (const w of waiting.splice(0)) w.reject(error);
    };
    proc.on('exit', (code) => fail(new Error(`${PYTHON} exited (code ${code})`)));
    proc.on('error', fail);
    const next = () => (exited ? Promise.reject(new Error(`${PYTHON} exited`)) : new Promise((resolve, reject) => waiting.push({ resolve, reject })));
    const request = async (req) => {
      const reply = next();
      proc.stdin.write(`${JSON.stringify(req)}\n`);
      const a = JSON.parse(await reply);
      if (a.error) throw new Error(`${label}: ${a.error}`);
      return a;
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
      return { note: `${PYTHON}: ${error.message}` };
    }
    if (hello.error) {
      await close();
      return { note: hello.error };
    }
    childPids.push(proc.pid);
    return { version: hello.version, request, close };
  }
  const startTorch = () => startServer(PYTHON, PYTHON, ['-u', join(here, 'torch_step.py')], { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' });
  const startShapecheck = () => startServer('shapecheck', process.execPath, [join(here, 'shapecheck_step.mjs')], process.env);

  // -------------------------------------------------------------------------------------------
  // Timing

  /** `runs(k, warm)` for a synchronous step function: warm untimed steps, then k timed ones (ms). */
  const localRuns = (fn) => async (k, warm = 0) => {
    for (let i = 0; i < warm; i++) fn();
    const times = [];
    for (let i = 0; i < k; i++) {
      const t = performance.now();
      fn();
      times.push(performance.now() - t);
    }
    return times;
  };

  /** Waits (≤ 60 s at a time, ≤ 5 min per run) until other processes keep ≤ BUSY CPUs busy for 0.5 s. */
  let waitBudgetMs = 5 * 60_000;
  async function waitForIdle(label) {
    for (let said = false; waitBudgetMs > 0; ) {
      const a = cpuSample();
      await sleep(500);
      const l = otherLoad(a, cpuSample());
      if (!(l > BUSY)) return;
      waitBudgetMs -= 500;
      if (!said) log(`  ${label}: waiting for the machine to be idle (other processes keep ${l.toFixed(2)} CPUs busy)…`);
      said = true;
    }
  }

  /** Warm-up, then ROUNDS rounds in which the cells take turns; per cell the step times and the load. */
  async function timeCells(label, cells) {
    for (const cell of cells) {
      await cell.prepare?.();
      const warm = await cell.runs(cell.warmup ?? TIMING.warmup);
      const last = warm[warm.length - 1];
      const n = Math.max(cell.minReps ?? TIMING.minReps, Math.min(TIMING.maxReps, Math.ceil(TIMING.budgetMs / Math.max(last, 1e-3))));
      Object.assign(cell, { perRound: Math.ceil(n / ROUNDS), times: [], load: 0, busyMs: 0 });
      log(`  ${label} ${cell.key}: warm-up ${warm.map((t) => t.toFixed(1)).join(', ')} ms; ${cell.perRound * ROUNDS} timed steps`);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const cell of cells) {
        if (WAIT) await waitForIdle(`${label} ${cell.key}`);
        await cell.prepare?.();
        await sleep(PAUSE_MS);
        const a = cpuSample();
        cell.times.push(...(await cell.runs(cell.perRound, 1)));
        const l = otherLoad(a, cpuSample());
        if (l > cell.load) cell.load = l;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Run

  const tmp = mkdtempSync(join(os.tmpdir(), 'shapecheck-bench-train-'));
  const torch = existsSync(PYTHON) ? await startTorch() : { note: `${PYTHON} not found` };
  const shapecheck = await startShapecheck();
  if (!shapecheck.request) throw new Error(`shapecheck_step.mjs did not start: ${shapecheck.note}`);
  versions.torch = torch.version ?? null;
  const results = [];
  try {
    for (const model of models) {
      log(`${model.name}, batch ${model.batch}:`);
      manualSeed(0);
      const net = model.build();
      net.train();
      const params = net.namedParameters();
      const count = params.reduce((n, [, t]) => n + t.data.length, 0);
      // the initial weights, kept before any engine steps (shapecheck's Adam changes them in place)
      const initial = params.map(([name, t]) => [name, { data: Float32Array.from(t.data), shape: [...t.shape] }]);
      const x = randn([model.batch, ...model.input], { seed: 1 });
      let seed = 12345;
      const labels = new Tensor(
        Float32Array.from({ length: model.batch }, () => {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          return seed % CLASSES;
        }),
        [model.batch],
      );

      const rows = [];
      const file = (name, data) => {
        const path = join(tmp, `${model.id}-${name}.f32`);
        writeFileSync(path, data);
        return path;
      };
      const buildRequest = {
        op: 'build',
        model: model.id,
        classes: CLASSES,
        params: initial.map(([name, t], i) => ({ name, shape: t.shape, file: file(`p${i}`, t.data) })),
        x: { file: file('x', x.data), shape: x.shape },
        y: { file: file('y', labels.data), shape: labels.shape },
        steps: 2,
      };
      // shapecheck, in a process of its own (shapecheck_step.mjs): the reference losses (1 thread), then the cells
      const built = await shapecheck.request(buildRequest);
      if (built.parameters !== count) throw new Error(`shapecheck ${model.name}: ${built.parameters} parameters, ${count} here`);
      const ref = built.losses;
      for (const threads of [1, 2]) {
        rows.push({
          key: `shapecheck ${threads}t`,
          engine: 'shapecheck',
          threads,
          layout: 'NCHW',
          losses: ref,
          runs: async (reps, warm = 0) => (await shapecheck.request({ op: 'time', threads, reps, warm })).times,
        });
      }

      // PyTorch
      if (torch.request) {
        const { losses, parameters } = await torch.request(buildRequest);
        if (parameters !== count) throw new Error(`torch ${model.name}: ${parameters} parameters, shapecheck ${count}`);
        for (const threads of [1, 2]) {
          rows.push({
            key: `torch ${threads}t`,
            engine: 'PyTorch',
            threads,
            layout: 'NCHW',
            losses,
            runs: async (reps, warm = 0) => (await torch.request({ op: 'time', threads, reps, warm })).times,
          });
        }
      }

      // tfjs
      const tfjsModels = [];
      const tensorsBefore = tf.memory().numTensors;
      for (const backend of ['wasm', 'cpu']) {
        if (backend === 'cpu' && model.id === 'resnet' && !CPU_RESNET) continue;
        await tf.setBackend(backend);
        const m = tfjsModel(backend, model, initial.map(([name, t]) => [name, { data: t.data, shape: t.shape }]), x, labels);
        tfjsModels.push([backend, m]);
        const losses = [m.step(), m.step()];
        const after = tf.memory().numTensors;
        m.step();
        if (tf.memory().numTensors !== after) throw new Error(`tfjs-${backend} ${model.name}: tensors leak in a step`);
        rows.push({
          key: `tfjs-${backend}`,
          engine: `tfjs-${backend}${backend === 'wasm' ? (tfjsWasm.simd ? ' (SIMD)' : '') : ''}`,
          threads: backend === 'wasm' ? tfjsWasm.threads : 1,
          layout: 'NHWC',
          losses,
          prepare: () => tf.setBackend(backend),
          runs: localRuns(m.step),
          // seconds a step on the cpu backend: one warm-up step, at least 3 timed
          ...(backend === 'cpu' ? { warmup: 1, minReps: 3 } : {}),
        });
      }

      // correctness: step 0 against shapecheck's
      for (const row of rows) {
        row.rel0 = Math.abs(row.losses[0] - ref[0]) / Math.abs(ref[0]);
        row.rel1 = Math.abs(row.losses[1] - ref[1]) / Math.abs(ref[1]);
        if (!(row.rel0 <= LOSS_TOLERANCE) || !row.losses.every(Number.isFinite)) {
          throw new Error(`${model.name} ${row.key}: loss at step 0 ${row.losses[0]}, shapecheck's ${ref[0]} (relative difference ${row.rel0.toExponential(2)} > ${LOSS_TOLERANCE})`);
        }
      }
      log(`  losses at steps 0, 1: ${rows.map((r) => `${r.key} ${r.losses.map((l) => l.toFixed(6)).join(', ')}`).join('; ')}`);

      try {
        await timeCells(model.name, rows);
      } finally {
        for (const [backend, m] of tfjsModels) {
          await tf.setBackend(backend);
          m.dispose();
        }
        if (tf.memory().numTensors !== tensorsBefore) log(`  tfjs: ${tf.memory().numTensors - tensorsBefore} tensors left after dispose`);
      }
      results.push({ model, count, rows });
    }
  } finally {
    await torch.close?.();
    await shapecheck.close?.();
    childPids.length = 0;
    rmSync(tmp, { recursive: true, force: true });
  }

  // -------------------------------------------------------------------------------------------
  // Report

  const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
  const fmtRate = (r) => (r >= 100 ? r.toFixed(0) : r.toFixed(1));
  const fmtX = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2)) + '×';
  const fmtRel = (r) => (r === 0 ? '0' : r.toExponential(1));
  const table = (header, body) => {
    const all = [header, ...body];
    const widths = header.map((_, c) => Math.max(...all.map((r) => String(r[c]).length)));
    const line = (r) => `| ${r.map((v, c) => (c <= 2 ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join(' | ')} |`;
    return [line(header), `|${widths.map((w, c) => (c <= 2 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`, ...body.map(line)].join('\n');
  };
  const cpuModel = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1].trim() ?? os.cpus()[0]?.model;
    } catch {
      return os.cpus()[0]?.model ?? 'unknown';
    }
  })();
  const out = [];
  out.push(`Training-step benchmark, ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}: \`npm run bench:train${argv.length ? ` -- ${argv.join(' ')}` : ''}\`${QUICK ? ' (quick: fewer steps, noisier)' : ''}`);
  out.push(`Machine: ${cpuModel}, ${os.cpus().length} logical CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${os.release()}. Node ${process.version}.`);
  out.push(
    `Engines: shapecheck ${JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version} (dist/, setNumThreads 1 and 2); ` +
      (versions.torch ? `PyTorch ${versions.torch} (${PYTHON}, torch.set_num_threads 1 and 2); ` : `PyTorch n/a (${torch.note}); `) +
      `tfjs-core/backend-wasm/backend-cpu ${versions.tfjs} (wasm: SIMD ${tfjsWasm.simd ? 'on' : 'off'}, ${tfjsWasm.threads} thread${tfjsWasm.threads === 1 ? '' : 's'}, as tfjs-wasm reports in Node).`,
  );
  out.push(
    'Step = zeroGrad + forward + cross-entropy + backward + Adam(lr 1e-3) step, train mode. tfjs is given NHWC input and its weight layouts for free; ' +
      'tfjs-wasm lacks Conv2DBackpropFilter, so its filter gradients are forward conv2d calls (tf.customGrad). ' +
      `ms = median step time (fastest in parentheses) over ${TIMING.warmup} warm-up + ~${TIMING.budgetMs / 1000} s of steps in ${ROUNDS} interleaved rounds. ` +
      'Ratio = shapecheck samples/s ÷ engine samples/s (> 1: shapecheck faster). Loss: relative difference from shapecheck\'s at step 0 (checked ≤ 1e-4) and at step 1 (after one Adam update).',
  );
  for (const { model, count, rows } of results) {
    const sc = Object.fromEntries(rows.filter((r) => r.engine === 'shapecheck').map((r) => [r.threads, median(r.times)]));
    const body = rows.map((r) => {
      const ms = median(r.times);
      const same = sc[Math.min(r.threads, 2)];
      return [
        r.engine,
        String(r.threads),
        r.layout,
        `${fmtMs(ms)} (${fmtMs(Math.min(...r.times))})${r.load > BUSY ? ' †' : ''}`,
        fmtRate((model.batch * 1000) / ms),
        fmtX(ms / sc[2]),
        fmtX(ms / same),
        String(r.times.length),
        r.losses[0].toFixed(6),
        fmtRel(r.rel0),
        fmtRel(r.rel1),
      ];
    });
    out.push('');
    out.push(
      `${model.name}, batch ${model.batch} of ${model.input.join('×')}, ${CLASSES} classes, ${count.toLocaleString('en-US')} parameters` +
        (model.id === 'resnet' ? `; BatchNorm on batch statistics${CPU_RESNET ? '' : '; tfjs-cpu not run (--tfjs-cpu-resnet adds it)'}` : '') +
        ':',
    );
    out.push('');
    out.push(
      table(
        ['engine', 'threads', 'layout', 'ms/step', 'samples/s', 'shapecheck 2t ÷ engine', 'shapecheck same threads ÷ engine', 'steps', 'loss step 0', 'Δ step 0', 'Δ step 1'],
        body,
      ),
    );
  }
  const busy = results.flatMap(({ model, rows }) => rows.filter((r) => r.load > BUSY).map((r) => `${model.name} ${r.key} (${r.load.toFixed(2)} CPUs)`));
  out.push('');
  out.push(busy.length ? `† other processes kept > ${BUSY} CPUs busy during: ${busy.join(', ')}.` : `Other processes kept ≤ ${BUSY} CPUs busy during every timed turn.`);
  console.log(`\n${out.join('\n')}\n`);

}
