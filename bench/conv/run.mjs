// npm run bench:conv — forward convolution speed of the current (plain TypeScript) kernels on the
// workloads of issue 4, beside a naive seven-loop convolution in the same run. Prints a table.
import { Conv2d, randn } from '../../dist/index.js';

const workloads = [
  ['A 3→64, 224², k7 s2 p3', [1, 3, 224, 224], { inChannels: 3, outChannels: 64, kernelSize: 7, stride: 2, padding: 3 }],
  ['B 3×3 64→64, 56², p1', [1, 64, 56, 56], { inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1 }],
  ['C 3×3 256→256, 14², p1', [1, 256, 14, 14], { inChannels: 256, outChannels: 256, kernelSize: 3, padding: 1 }],
  ['D depthwise 3×3, 128 ch, 56², p1', [1, 128, 56, 56], { inChannels: 128, outChannels: 128, kernelSize: 3, padding: 1, groups: 128 }],
  ['E 3×3 dilation 2, 64→64, 56², p2', [1, 64, 56, 56], { inChannels: 64, outChannels: 64, kernelSize: 3, padding: 2, dilation: 2 }],
  ['F 1×1 256→64, 56²', [1, 256, 56, 56], { inChannels: 256, outChannels: 64, kernelSize: 1 }],
  ['G batch 8 of B', [8, 64, 56, 56], { inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1 }],
];

function naive(x, [n, c, h, w], weight, bias, o) {
  const k = o.kernelSize, s = o.stride ?? 1, p = o.padding ?? 0, d = o.dilation ?? 1, g = o.groups ?? 1;
  const co = o.outChannels, ho = Math.floor((h + 2 * p - d * (k - 1) - 1) / s) + 1, wo = Math.floor((w + 2 * p - d * (k - 1) - 1) / s) + 1;
  const cin = c / g, cout = co / g, out = new Float32Array(n * co * ho * wo);
  for (let b = 0; b < n; b++) for (let oc = 0; oc < co; oc++) for (let oy = 0; oy < ho; oy++) for (let ox = 0; ox < wo; ox++) {
    let sum = bias[oc];
    const grp = Math.floor(oc / cout);
    for (let ic = 0; ic < cin; ic++) for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
      const iy = oy * s - p + i * d, ix = ox * s - p + j * d;
      if (iy >= 0 && iy < h && ix >= 0 && ix < w) sum += x[((b * c + grp * cin + ic) * h + iy) * w + ix] * weight[((oc * cin + ic) * k + i) * k + j];
    }
    out[((b * co + oc) * ho + oy) * wo + ox] = sum;
  }
  return out;
}

const time = (f, reps) => {
  f();
  const times = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)];
};

console.log(`Node ${process.version}, 1 thread, plain TypeScript kernels (im2col + packed 4×4 GEMM, direct depthwise)\n`);
console.log('| workload | shapecheck ms | shapecheck GFLOP/s | naive 7-loop ms | speed-up |');
console.log('|---|--:|--:|--:|--:|');
for (const [name, shape, options] of workloads) {
  const conv = new Conv2d(options, { seed: 0 });
  const x = randn(shape, { seed: 1 });
  const y = conv.forward(x);
  const [, cout, ho, wo] = y.shape;
  const flops = 2 * shape[0] * cout * ho * wo * (options.inChannels / (options.groups ?? 1)) * options.kernelSize ** 2;
  const ms = time(() => conv.forward(x), 5);
  const naiveMs = time(() => naive(x.data, shape, conv.weight.data, conv.bias.data, options), 1);
  console.log(`| ${name} | ${ms.toFixed(1)} | ${(flops / ms / 1e6).toFixed(2)} | ${naiveMs.toFixed(0)} | ${(naiveMs / ms).toFixed(1)}× |`);
}
