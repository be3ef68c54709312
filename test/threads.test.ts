import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getNumThreads, setNumThreads } from 'shapecheck';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('threads', () => {
  it('default to the number of cores', () => {
    expect(getNumThreads()).toBeGreaterThanOrEqual(1);
  });

  it.each([[0], [-1], [1.5], [Number.NaN]])('setNumThreads(%s) throws RangeError', (count) => {
    expect(() => setNumThreads(count)).toThrow(RangeError);
  });

  it('the process exits promptly after convolutions on worker threads, with the same result as one thread', () => {
    const script = `
      import { Conv2d, randn, setNumThreads } from ${JSON.stringify(dist)};
      const conv = new Conv2d({ inChannels: 16, outChannels: 32, kernelSize: 3, padding: 1 }, { seed: 0 });
      const x = randn([2, 16, 40, 40], { seed: 1 });
      setNumThreads(1);
      const one = conv.forward(x).data;
      setNumThreads(3);
      const three = conv.forward(x).data;
      let same = one.length === three.length;
      for (let i = 0; i < one.length; i++) same &&= one[i] === three[i];
      console.log(same ? 'same' : 'different');
    `;
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr, run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('same');
    expect(run.status).toBe(0);
    // no worker keeps Node alive (the whole run, startup included, takes well under this)
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a training step gives the same loss and gradients, bit for bit, on 1, 2 and 3 threads', () => {
    // the convolutions' forward and both gradients are split between the threads (the input's by
    // image, the weight's by column); a sum must not depend on where the split falls
    const script = `
      import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, Tensor, crossEntropy, manualSeed, randn, setNumThreads } from ${JSON.stringify(dist)};
      const run = (threads) => {
        setNumThreads(threads);
        manualSeed(0);
        const model = new Sequential([8, 3, 32, 32])
          .add(new Conv2d({ inChannels: 3, outChannels: 16, kernelSize: 3, padding: 1 }))
          .add(new ReLU())
          .add(new MaxPool2d({ kernelSize: 2 }))
          .add(new Conv2d({ inChannels: 16, outChannels: 32, kernelSize: 3 }))
          .add(new ReLU())
          .add(new Conv2d({ inChannels: 32, outChannels: 64, kernelSize: 3, stride: 2 }))
          .add(new Flatten())
          .add(new Linear({ outFeatures: 10 }));
        const x = randn([8, 3, 32, 32], { seed: 1, requiresGrad: true });
        const loss = crossEntropy(model.forward(x), new Tensor(Float32Array.from({ length: 8 }, (_, i) => i % 10), [8]));
        loss.backward();
        return [loss.data, x.grad.data, ...model.parameters().map((p) => p.grad.data)];
      };
      const one = run(1);
      let same = true;
      for (const threads of [2, 3]) {
        const other = run(threads);
        for (let t = 0; t < one.length; t++) for (let i = 0; i < one[t].length; i++) same &&= Object.is(one[t][i], other[t][i]);
      }
      console.log(same ? 'same' : 'different');
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr, run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('same');
  });
});
