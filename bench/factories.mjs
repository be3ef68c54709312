// Times the tensor factories against a bare `new Float32Array` of the same length.
// Usage: npm run build && node bench/factories.mjs [dist path]
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const dist = pathToFileURL(resolve(process.argv[2] ?? new URL('../dist/index.js', import.meta.url).pathname)).href;
const { full, ones, zeros } = await import(dist);

/** The best of `runs` timings of `make()`, in milliseconds. */
function time(make, runs = 5) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    make();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const rows = [];
for (const exponent of [20, 24, 26]) {
  const n = 2 ** exponent;
  rows.push({
    size: `2^${exponent}`,
    'new Float32Array (ms)': time(() => new Float32Array(n)).toFixed(2),
    'zeros (ms)': time(() => zeros([n])).toFixed(2),
    'ones (ms)': time(() => ones([n])).toFixed(2),
    'full 7 (ms)': time(() => full([n], 7)).toFixed(2),
  });
}
console.table(rows);
