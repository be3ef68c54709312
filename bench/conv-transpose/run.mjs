// ConvTranspose2d (issue 12): forward and forward+backward times beside the Conv2d it transposes
// (the same multiply-adds), so the ratio shows what running on the convolution kernels costs.
//   npm run build && node bench/conv-transpose/run.mjs
import { Conv2d, ConvTranspose2d, Tensor, getNumThreads } from '../../dist/index.js';

const workloads = [
  ['DCGAN 4×4→8×8, 512→256, k4 s2 p1, batch 8', [8, 512, 4, 4], { inChannels: 512, outChannels: 256, kernelSize: 4, stride: 2, padding: 1 }],
  ['U-Net up 28²→56², 128→64, k2 s2', [1, 128, 28, 28], { inChannels: 128, outChannels: 64, kernelSize: 2, stride: 2 }],
  ['3×3 s2 p1 op1, 64→32, 28²→56²', [1, 64, 28, 28], { inChannels: 64, outChannels: 32, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1 }],
  ['3×3 s1 p1, 64→64, 56² (Winograd path)', [1, 64, 56, 56], { inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1 }],
];

const random = (n) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5);
function time(fn, minMs = 400) {
  for (let i = 0; i < 3; i++) fn();
  const times = [];
  const start = performance.now();
  while (performance.now() - start < minMs || times.length < 5) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

console.log(`threads: ${getNumThreads()}`);
console.log('| workload | ConvTranspose2d fwd | Conv2d fwd (its adjoint) | ratio | ConvTranspose2d fwd+bwd | Conv2d fwd+bwd | ratio |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [name, shape, options] of workloads) {
  const up = new ConvTranspose2d(options, { seed: 1 });
  const x = new Tensor(random(shape.reduce((a, b) => a * b, 1)), shape);
  const y = up.forward(x);
  // the convolution whose input gradient this is: from y's shape back to x's
  const { inChannels, outChannels, outputPadding: _, ...rest } = options;
  const conv = new Conv2d({ ...rest, inChannels: outChannels, outChannels: inChannels }, { seed: 1 });
  const z = new Tensor(random(y.data.length), y.shape);
  const fwdT = time(() => up.forward(x));
  const fwdC = time(() => conv.forward(z));
  const xg = new Tensor(x.data, shape).requiresGrad_();
  const zg = new Tensor(z.data, y.shape).requiresGrad_();
  const gy = new Tensor(random(y.data.length), y.shape);
  const bwdT = time(() => up.forward(xg).backward(gy));
  const gx = new Tensor(random(x.data.length), shape);
  const bwdC = time(() => conv.forward(zg).backward(gx));
  const f = (ms) => `${ms.toFixed(2)} ms`;
  console.log(`| ${name} | ${f(fwdT)} | ${f(fwdC)} | ${(fwdT / fwdC).toFixed(2)} | ${f(bwdT)} | ${f(bwdC)} | ${(bwdT / bwdC).toFixed(2)} |`);
}
