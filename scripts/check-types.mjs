// Type-checks src/, test/ and type-tests/ under every supported TypeScript: 5.9 (the oldest we
// support), 6.0 (the last with a JS API) and 7.0 (the native compiler). Plain tsc verifies the
// `@ts-expect-error` lines and the `assert<Equal<...>>` tables on each of them.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const compilers = [
  ['5.9', 'typescript-5.9'],
  ['6.0', 'typescript-6.0'],
  ['7.0', 'typescript'],
];
let failed = false;
for (const [version, pkg] of compilers) {
  const bin = join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'tsc');
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`TypeScript ${version}: ${result.status === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
