// The first call of a factory in a fresh process (what a user's script pays), in milliseconds.
// Usage: node bench/factories-cold.mjs <dist/index.js> <zeros|ones|full> <exponent>
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [distPath, factory, exponent] = process.argv.slice(2);
const lib = await import(pathToFileURL(resolve(distPath)).href);
const n = 2 ** Number(exponent);
const start = performance.now();
const t = factory === 'full' ? lib.full([n], 7) : lib[factory]([n]);
console.log(`${factory}([2 ** ${exponent}]): ${(performance.now() - start).toFixed(1)} ms (${t.numel()} elements)`);
