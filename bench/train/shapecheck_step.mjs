// The shapecheck side of bench/train/run.mjs: a Node process of its own (as PyTorch has), so that
// what tfjs loads and leaves in the benchmark's process (its heap, its WebAssembly memory, its
// garbage) does not slow shapecheck's steps. A server on stdin/stdout, one line of JSON per
// request and per answer, the protocol of torch_step.py:
//
//   {"op": "build", "model": "lenet"|"resnet", "classes": 10, "params": [{"name", "shape", "file"}],
//    "x": {"file", "shape"}, "y": {"file", "shape"}, "steps": 2}
//       builds the model (models.mjs, train mode), copies the given float32 weights into its
//       parameters in order (names and shapes checked), makes Adam(lr 1e-3), and answers the
//       losses of `steps` training steps on 1 thread: {"losses": [...], "parameters": n}
//   {"op": "time", "threads": t, "reps": k, "warm": w}
//       w untimed steps, then k steps each timed with performance.now(): {"times": [ms, ...]}
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Adam, Tensor, crossEntropy, getNumThreads, setNumThreads } from '../../dist/index.js';
import { lenet5, resnet18 } from './models.mjs';

const answer = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);
const read = ({ file, shape }) => {
  const bytes = readFileSync(file);
  return new Tensor(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice(), shape);
};

let step = null;
const handle = (req) => {
  if (req.op === 'build') {
    setNumThreads(1);
    const net = req.model === 'lenet' ? lenet5() : resnet18(64, req.classes);
    net.train();
    const named = net.namedParameters();
    if (named.length !== req.params.length) throw new Error(`${named.length} parameters, ${req.params.length} given`);
    named.forEach(([name, t], i) => {
      const given = req.params[i];
      if (given.name !== name || given.shape.join() !== t.shape.join()) throw new Error(`parameter ${i}: ${name} ${t.shape}, given ${given.name} ${given.shape}`);
      t.data.set(read(given).data);
    });
    const x = read(req.x);
    const y = read(req.y);
    const optimizer = new Adam(net.parameters(), { lr: 1e-3 });
    step = () => {
      optimizer.zeroGrad();
      const loss = crossEntropy(net.forward(x), y);
      loss.backward();
      optimizer.step();
      return loss.item();
    };
    const losses = Array.from({ length: req.steps }, () => step());
    return { losses, parameters: named.reduce((n, [, t]) => n + t.data.length, 0) };
  }
  if (req.op === 'time') {
    if (getNumThreads() !== req.threads) setNumThreads(req.threads);
    for (let i = 0; i < req.warm; i++) step();
    const times = [];
    for (let i = 0; i < req.reps; i++) {
      const t = performance.now();
      step();
      times.push(performance.now() - t);
    }
    return { times };
  }
  throw new Error(`unknown op ${req.op}`);
};

answer({ version: JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version });
for await (const line of createInterface({ input: process.stdin })) {
  try {
    answer(handle(JSON.parse(line)));
  } catch (error) {
    answer({ error: error.message });
  }
}
process.exit(0);
