// A quick check while developing kernels on a shared machine: shapecheck (1 thread, or THREADS)
// against tfjs-wasm given its native NHWC layout for free, in one process, the two alternating
// run by run so that a slow stretch of the machine falls on both; prints the fastest of REPS (40)
// runs of each and their ratio. Not the benchmark (npm run bench is): no other engines, no
// waiting for an idle machine, nothing written.
//
//   npm run build && npm --prefix bench/runtime install --no-audit --no-fund --ignore-scripts
//   node bench/runtime/ratio.mjs D F H I J K
//
// The ids are bench.mjs's depthwise, 1×1 and transposed workloads (same shapes and options; run it
// with the malloc variables run.mjs sets for comparable figures).
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);
const sc = await import('../../dist/index.js');
const tf = await import('@tensorflow/tfjs-core');
const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
if (!(await tf.setBackend('wasm'))) throw new Error('tfjs: the wasm backend failed to initialise');
sc.setNumThreads(Number(process.env.THREADS ?? 1));

// id: [N, C, H, W, Cout, k, stride, padding, groups, transposed, outputPadding]
const specs = {
  D: [1, 128, 56, 56, 128, 3, 1, 1, 128],
  F: [1, 256, 56, 56, 64, 1, 1, 0, 1],
  H: [1, 240, 28, 28, 240, 5, 1, 2, 240],
  I: [1, 96, 56, 56, 96, 7, 1, 3, 96],
  J: [1, 128, 28, 28, 64, 2, 2, 0, 1, true, 0],
  K: [1, 128, 28, 28, 64, 3, 2, 1, 1, true, 1],
};
const ids = process.argv.length > 2 ? process.argv.slice(2).map((id) => id.toUpperCase()) : Object.keys(specs);
const reps = Number(process.env.REPS ?? 40);
for (const id of ids) {
  if (!specs[id]) throw new Error(`unknown workload ${id} (known: ${Object.keys(specs).join(', ')})`);
  const [n, c, h, w, co, k, s, p, g, transposed = false, op = 0] = specs[id];
  const x = sc.randn([n, c, h, w], { seed: 1 });
  const xNHWC = tf.transpose(tf.tensor4d(x.data, [n, c, h, w]), [0, 2, 3, 1]);
  const layer = transposed
    ? new sc.ConvTranspose2d({ inChannels: c, outChannels: co, kernelSize: k, stride: s, padding: p, outputPadding: op }, { seed: 0 })
    : new sc.Conv2d({ inChannels: c, outChannels: co, kernelSize: k, stride: s, padding: p, groups: g }, { seed: 0 });
  const ref = layer.forward(x);
  const [, , ho, wo] = ref.shape;
  const wt = tf.tensor4d(layer.weight.data, transposed ? [c, co, k, k] : [co, c / g, k, k]);
  const filter = g > 1 ? tf.transpose(wt, [2, 3, 0, 1]) : tf.transpose(wt, [2, 3, 1, 0]);
  const b = tf.tensor1d(layer.bias.data);
  const conv = transposed
    ? () => tf.tidy(() => tf.add(tf.conv2dTranspose(xNHWC, filter, [n, ho, wo, co], s, [[0, 0], [p, p - op], [p, p - op], [0, 0]]), b))
    : () => {
        const args = { x: xNHWC, filter, bias: b, strides: [s, s], pad: [[0, 0], [p, p], [p, p], [0, 0]] };
        return g > 1 ? tf.fused.depthwiseConv2d(args) : tf.fused.conv2d(args);
      };
  const runTf = () => {
    const y = conv();
    const data = y.dataSync();
    y.dispose();
    return data;
  };
  const runSc = () => layer.forward(x).data;
  // the same values (tfjs's NHWC against shapecheck's NCHW)
  const got = runTf();
  let diff = 0;
  for (let ch = 0; ch < co; ch++) for (let i = 0; i < ho * wo; i++) diff = Math.max(diff, Math.abs(ref.data[ch * ho * wo + i] - got[i * co + ch]));
  if (!(diff < 1e-3)) throw new Error(`${id}: tfjs-wasm differs from shapecheck by ${diff}`);
  for (let i = 0; i < 5; i++) {
    runSc();
    runTf();
  }
  let best = Infinity;
  let bestTf = Infinity;
  for (let i = 0; i < reps; i++) {
    let t = performance.now();
    runSc();
    best = Math.min(best, performance.now() - t);
    t = performance.now();
    runTf();
    bestTf = Math.min(bestTf, performance.now() - t);
  }
  console.log(`${id}: shapecheck ${best.toFixed(3)} ms, tfjs-wasm given NHWC ${bestTf.toFixed(3)} ms: ${(bestTf / best).toFixed(2)}×`);
  tf.dispose([xNHWC, wt, filter, b]);
}
