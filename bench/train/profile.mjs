// Where a shapecheck training step (LeNet-5 at batch 64, or ResNet-18 at 64×64, batch 16) spends its time: runs warm-up steps, then
// profiles N steps with node:inspector's CPU profiler (as node --cpu-prof does) and prints the
// top functions by self time (grouped by function, file and line; "(program)"/"(garbage
// collector)" are V8's own). Worker threads are not profiled: with --threads 2, the share of the
// kernels run by the worker is missing, the caller's wait for it shows as Atomics.wait.
//
//   node bench/train/profile.mjs [--model lenet|resnet] [--threads 1|2] [--steps 100] [--top 15] [--out file.cpuprofile]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Adam, Tensor, crossEntropy, manualSeed, randn, setNumThreads } from '../../dist/index.js';
import { lenet5, resnet18 } from './models.mjs';

const argv = process.argv.slice(2);
const value = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const THREADS = Number(value('--threads', 1));
const STEPS = Number(value('--steps', 100));
const TOP = Number(value('--top', 15));
const OUT = value('--out', null);
const MODEL = value('--model', 'lenet');
if (MODEL !== 'lenet' && MODEL !== 'resnet') throw new Error('--model: lenet or resnet');
const [BATCH, INPUT, NAME] = MODEL === 'lenet' ? [64, [1, 28, 28], 'LeNet-5'] : [16, [3, 64, 64], 'ResNet-18 (64×64, 10 classes)'];

setNumThreads(THREADS);
manualSeed(0);
const model = MODEL === 'lenet' ? lenet5() : resnet18(64, 10);
const x = randn([BATCH, ...INPUT], { seed: 1 });
const y = new Tensor(Float32Array.from({ length: BATCH }, (_, i) => (i * 7) % 10), [BATCH]);
const optimizer = new Adam(model.parameters(), { lr: 1e-3 });
const step = () => {
  optimizer.zeroGrad();
  const loss = crossEntropy(model.forward(x), y);
  loss.backward();
  optimizer.step();
  return loss.item();
};
for (let i = 0; i < (MODEL === 'lenet' ? 10 : 2); i++) step();

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const started = performance.now();
for (let i = 0; i < STEPS; i++) step();
const ms = (performance.now() - started) / STEPS;
const { profile } = await session.post('Profiler.stop');
session.disconnect();
if (OUT) writeFileSync(OUT, JSON.stringify(profile));

// self time per node: each sample's time delta goes to the node it landed in
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const groups = new Map();
let total = 0;
for (const node of profile.nodes) {
  const us = self.get(node.id) ?? 0;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/').replace(/^node:/, 'node:');
  const key = `${functionName || '(anonymous)'}  ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
  groups.set(key, (groups.get(key) ?? 0) + us);
}
const top = [...groups].sort((a, b) => b[1] - a[1]).slice(0, TOP);
console.log(`${NAME} step, batch ${BATCH}, ${THREADS} thread${THREADS === 1 ? '' : 's'}: ${ms.toFixed(1)} ms/step over ${STEPS} profiled steps; top ${TOP} by self time:`);
console.log('');
console.log('| self ms/step | % | function  file:line |');
console.log('|--:|--:|---|');
for (const [key, us] of top) console.log(`| ${(us / 1000 / STEPS).toFixed(2)} | ${((100 * us) / total).toFixed(1)} | ${key.replace(/\|/g, '\\|')} |`);
