// npm run bench — the runtime convolution benchmark (bench.mjs), run in a Node process whose glibc
// malloc thresholds are fixed, so that every engine allocates alike:
//
//   MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=67108864
//
// are what glibc's malloc settles at by itself in a process that has freed a 32 MB block; until
// then, and in a fresh process, each output buffer of 128 KB to 32 MB (every output here) is a
// fresh mmap whose pages fault on first write, which costs D (1.6 MB out) about 1 ms a call, and
// how long a process stays in that state depends on what it happened to allocate before. The
// PyTorch server that bench.mjs starts inherits the same environment. Variables already set are
// kept; `--default-malloc` sets none. All other options go to bench.mjs (see there).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const env = { ...process.env };
if (!args.includes('--default-malloc')) {
  env.MALLOC_MMAP_THRESHOLD_ ??= String(32 << 20);
  env.MALLOC_TRIM_THRESHOLD_ ??= String(64 << 20);
}
const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL('./bench.mjs', import.meta.url)), ...args], {
  stdio: 'inherit',
  env,
});
child.on('exit', (code, signal) => {
  if (signal) console.error(`bench.mjs was ended by ${signal}`);
  process.exitCode = code ?? 1;
});
