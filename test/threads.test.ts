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
});
