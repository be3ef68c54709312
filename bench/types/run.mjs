#!/usr/bin/env node
// Type-level arithmetic benchmark: a chain of conv layers whose output size is computed at
// compile time by shapecheck, hotscript and ts-arithmetic (and ts-toolbelt, to show its range),
// type-checked by TypeScript 6.0 and 7.0 (and 5.9 for shapecheck).
//
//   npm run bench:types                      # from the repository root
//   node bench/types/run.mjs --reps 1        # quicker, one run per measurement
//   node bench/types/run.mjs --no-docs       # print the table, leave docs/benchmarks.md alone
//   node bench/types/run.mjs --generate-only # write the sources to generated/ and stop
//   node bench/types/run.mjs --only resnet50 # only the ResNet-50 model (or: --only chains)
//
// Writes the generated sources to bench/types/generated/, prints a markdown table, and replaces
// the block between <!-- bench:types:start --> and <!-- bench:types:end --> in
// docs/benchmarks.md (everything outside the markers is kept).
//
// Then the same for a whole model: torchvision's ResNet-50 as one typed `Sequential` chain
// (bench/types/resnet50.mjs), type-checked by tsc 6.0 and 7.0 and through the TypeScript 6.0
// LanguageService (hover and diagnostics, as an editor asks), with a broken variant; its table goes
// between <!-- bench:types:resnet50:start --> and <!-- bench:types:resnet50:end -->.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resnet50Source, symbolicChainSource } from './resnet50.mjs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, '../..');
const genDir = join(benchDir, 'generated');
const docsPath = join(repoRoot, 'docs', 'benchmarks.md');
const START = '<!-- bench:types:start -->';
const END = '<!-- bench:types:end -->';
const RESNET_START = '<!-- bench:types:resnet50:start -->';
const RESNET_END = '<!-- bench:types:resnet50:end -->';

// ------------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
function option(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
}
const REPS = Number(option('reps', '3'));
const TIMEOUT_MS = Number(option('timeout', '900')) * 1000;
const WRITE_DOCS = !argv.includes('--no-docs');
const GENERATE_ONLY = argv.includes('--generate-only');
const ONLY = option('only', 'all'); // 'chains', 'resnet50' or 'all'
if (!['all', 'chains', 'resnet50'].includes(ONLY)) {
  console.error(`bench/types: --only takes chains or resnet50, got ${ONLY}`);
  process.exit(2);
}
const LENGTHS = [50, 500];
const INITIAL_H = 224;

// ------------------------------------------------------------------------------------------------
// The layer sequence: deterministic, shared by every library.
//
// Every layer sees a different input size (no H value occurs twice in the chain), so TypeScript
// cannot answer a layer from its instantiation cache. Kernels 1/3/5/7, padding 0..3, dilation 1/2;
// a stride-1 layer changes H by an even amount in [-12, +6], so the chain mostly climbs, with some
// shrinking layers; stride 2 is used when H is large. Halving H sends the chain back into sizes it
// has passed, and with at most +6 per layer there is room for only a couple of halvings among 500
// distinct sizes: the sequence has two (the first one within the first 50 layers).

function convOut(h, k, s, p, d) {
  return Math.floor((h + 2 * p - d * (k - 1) - 1) / s) + 1;
}

function mulberry32(seed) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeSequence(length = 500) {
  const rng = mulberry32(2);
  const MIN_H = 64;
  const MAX_H = 5000;
  const STRIDE2_FROM = [300, 1024, 1024]; // H needed before the 1st, 2nd, 3rd... stride-2 layer
  const STRIDE2_CHANCE = 0.05; // per layer, once H is large enough
  const STRIDE2_FORCED_FROM = 1400;
  const SHRINK_CHANCE = 0.3; // a stride-1 layer that makes H smaller
  const SHRINK_SLACK = 4; // how far below the highest H since the last stride-2 layer it may go

  const shuffle = (a) => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const weightedShuffle = (items, weight) => {
    const rest = [...items];
    const out = [];
    while (rest.length) {
      let u = rng() * rest.reduce((t, x) => t + weight(x), 0);
      let i = 0;
      for (; i < rest.length - 1; i++) {
        u -= weight(rest[i]);
        if (u < 0) break;
      }
      out.push(rest.splice(i, 1)[0]);
    }
    return out;
  };
  const options = ({ h, top, halvings }, seen) => {
    const stride2From = STRIDE2_FROM[halvings] ?? Infinity;
    const all = [];
    for (const k of [1, 3, 5, 7])
      for (let p = 0; p <= 3; p++)
        for (const d of [1, 2])
          for (const s of [1, 2]) {
            if (k === 1 && d === 2) continue; // same as d = 1
            if (s === 2 && h < stride2From) continue;
            const o = convOut(h, k, s, p, d);
            if (o < MIN_H || o > MAX_H || seen.has(o)) continue;
            if (s === 1 && o < top - SHRINK_SLACK) continue;
            all.push({ k, s, p, d, out: o });
          }
    const halve = shuffle(all.filter((x) => x.s === 2));
    // growing needs 2p > d(k - 1), which favours small kernels; weighting by kernel size evens the mix
    const grow = weightedShuffle(all.filter((x) => x.s === 1 && x.out > h), (x) => x.k);
    const shrink = weightedShuffle(all.filter((x) => x.s === 1 && x.out < h), (x) => x.k * x.k);
    if (h >= STRIDE2_FORCED_FROM) return [...halve, ...grow, ...shrink];
    if (halve.length && rng() < STRIDE2_CHANCE) return [...halve, ...grow, ...shrink];
    if (rng() < SHRINK_CHANCE) return [...shrink, ...grow];
    return [...grow, ...shrink];
  };

  // depth-first with backtracking, so a choice that leads into already-used sizes is undone
  const seen = new Set([INITIAL_H]);
  const first = { h: INITIAL_H, top: INITIAL_H, halvings: 0 };
  first.options = options(first, seen);
  const stack = [first];
  const layers = [];
  let backtracks = 0;
  while (layers.length < length) {
    const state = stack[stack.length - 1];
    if (!state.options.length) {
      stack.pop();
      if (!stack.length || ++backtracks > 1e5) throw new Error('makeSequence: no sequence found');
      seen.delete(layers.pop().out);
      continue;
    }
    const layer = { h: state.h, ...state.options.shift() };
    layers.push(layer);
    seen.add(layer.out);
    const next =
      layer.s === 2
        ? { h: layer.out, top: layer.out, halvings: state.halvings + 1 }
        : { h: layer.out, top: Math.max(state.top, layer.out), halvings: state.halvings };
    next.options = options(next, seen);
    stack.push(next);
  }

  // check what the benchmark promises
  let h = INITIAL_H;
  const sizes = new Set([h]);
  for (const l of layers) {
    if (l.h !== h) throw new Error('makeSequence: chain broken');
    h = convOut(l.h, l.k, l.s, l.p, l.d);
    if (h !== l.out || h < MIN_H || h > MAX_H) throw new Error('makeSequence: bad layer');
    sizes.add(h);
  }
  if (sizes.size !== layers.length + 1) throw new Error('makeSequence: repeated size');
  return layers;
}

// ------------------------------------------------------------------------------------------------
// Libraries: how each one writes `floor((h + 2p - d(k - 1) - 1) / s) + 1`.

const EXACT = `type Exact<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;`;

function shapecheckLibrary(importPath) {
  return {
    name: 'shapecheck',
    header: `import type { ConvOutputSize } from '${importPath}';\n`,
    layer(prev, { k, s, p, d }) {
      // trailing defaults (stride 1, padding 0, dilation 1) left out, as a user would
      const args = [prev, k, s, p, d];
      const defaults = [undefined, undefined, 1, 0, 1];
      while (args.length > 2 && args[args.length - 1] === defaults[args.length - 1]) args.pop();
      return `ConvOutputSize<${args.join(', ')}>`;
    },
  };
}

const HOTSCRIPT_CONV = `type ConvOut<H extends number, K extends number, S extends number, P extends number, D extends number> = Call<
  Numbers.Add<
    Call<
      Numbers.Div<
        Call<Numbers.Sub<Call<Numbers.Sub<Call<Numbers.Add<H, Call<Numbers.Mul<2, P>>>>, Call<Numbers.Mul<D, Call<Numbers.Sub<K, 1>>>>>>, 1>>,
        S
      >
    >,
    1
  >
>;`;

const hotscript = {
  name: 'hotscript',
  header: `import type { Call, Numbers } from 'hotscript';

// floor((h + 2p - d(k - 1) - 1) / s) + 1. Numbers.Div is integer long division of the magnitudes
// (it truncates toward zero); the numerator is never negative here, so that is the floor.
${HOTSCRIPT_CONV}
`,
  layer: (prev, { k, s, p, d }) => `ConvOut<${prev}, ${k}, ${s}, ${p}, ${d}>`,
};

const TS_ARITHMETIC_CONV = `type FloorDiv<N extends number, S extends number> = Divide<Subtract<N, Mod<N, S>>, S>;
type ConvOut<H extends number, K extends number, S extends number, P extends number, D extends number> = Add<
  FloorDiv<Subtract<Subtract<Add<H, Multiply<2, P>>, Multiply<D, Subtract<K, 1>>>, 1>, S>,
  1
>;`;

const tsArithmetic = {
  name: 'ts-arithmetic',
  header: `import type { Add, Divide, Mod, Multiply, Subtract } from 'ts-arithmetic';

// floor((h + 2p - d(k - 1) - 1) / s) + 1. Divide is exact (fractional results have decimals)
// and Mod is JavaScript's %, so floor(n / s) = (n - n % s) / s for n >= 0.
${TS_ARITHMETIC_CONV}
`,
  layer: (prev, { k, s, p, d }) => `ConvOut<${prev}, ${k}, ${s}, ${p}, ${d}>`,
};

const TOOLBELT_CONV = `type Twice<X extends number> = N.Add<X, X>;
type FloorDiv<X extends number, S extends number, Q extends number = 0> = number extends X
  ? number
  : N.Lower<X, S> extends 1
    ? Q
    : FloorDiv<N.Sub<X, S>, S, N.Add<Q, 1>>;
type ConvOut<H extends number, K extends number, S extends number, P extends number, D extends 1 | 2> = N.Add<
  S extends 1
    ? N.Sub<N.Sub<N.Add<H, Twice<P>>, D extends 2 ? Twice<N.Sub<K, 1>> : N.Sub<K, 1>>, 1>
    : FloorDiv<N.Sub<N.Sub<N.Add<H, Twice<P>>, D extends 2 ? Twice<N.Sub<K, 1>> : N.Sub<K, 1>>, 1>, S>,
  1
>;`;

const tsToolbelt = {
  name: 'ts-toolbelt',
  header: `import type { Number as N } from 'ts-toolbelt';

// ts-toolbelt's Number module has Add, Sub and comparisons but no Mul or Div, and works on a table
// of the integers -100..100 (anything else is \`number\`). Products by 2 and by d (1 or 2) are
// written as sums, floor division as repeated subtraction.
${TOOLBELT_CONV}
`,
  layer: (prev, { k, s, p, d }) => `ConvOut<${prev}, ${k}, ${s}, ${p}, ${d}>`,
};

function source(library, layers, n) {
  const lines = [
    `// Generated by bench/types/run.mjs: a chain of ${n} conv layers computed with ${library.name}. Do not edit.`,
    library.header,
    `type H0 = ${INITIAL_H};`,
  ];
  let expected = INITIAL_H;
  for (let i = 0; i < n; i++) {
    const l = layers[i];
    expected = l.out;
    lines.push(`type H${i + 1} = ${library.layer(`H${i}`, l)}; // ${expected}`);
  }
  lines.push(
    '',
    `type Final = H${n};`,
    EXACT,
    `// compile error unless Final is exactly ${expected}`,
    `const check: Exact<Final, ${expected}> extends true ? Final : { expected: ${expected}; actual: Final } = ${expected};`,
    '',
  );
  const text = lines.join('\n');
  const checkLine = text.split('\n').findIndex((line) => line.startsWith('const check:')) + 1;
  return { text, checkLine, expected };
}

// ------------------------------------------------------------------------------------------------
// Compilers

function tscPath(version) {
  return join(benchDir, 'node_modules', `typescript-${version}`, 'bin', 'tsc');
}

const COMPILERS = [
  { version: '6.0', ignoreConfig: true },
  { version: '7.0', ignoreConfig: true },
  { version: '5.9', ignoreConfig: false, only: ['shapecheck'] }, // TS 5.9 has no --ignoreConfig and needs none
];

function compile(version, ignoreConfig, file) {
  const args = [
    tscPath(version),
    '--noEmit',
    '--strict',
    '--skipLibCheck',
    '--target',
    'es2022',
    '--module',
    'nodenext',
    '--extendedDiagnostics',
    '--pretty',
    'false',
    ...(ignoreConfig ? ['--ignoreConfig'] : []),
    relative(benchDir, file),
  ];
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: benchDir, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 256 << 20 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  const num = (label) => {
    const m = out.match(new RegExp(`^${label}:\\s+([\\d.]+)(s?)\\s*$`, 'm'));
    return m ? Number(m[1]) * (m[2] === 's' ? 1000 : 1) : undefined;
  };
  const errors = [];
  for (const line of out.split('\n')) {
    let m = line.match(/^(.*)\((\d+),(\d+)\): error (TS\d+): (.*)$/);
    if (m) {
      errors.push({ file: m[1], line: Number(m[2]), code: m[4], message: m[5] });
      continue;
    }
    m = line.match(/^error (TS\d+): (.*)$/);
    if (m) errors.push({ file: '', line: 0, code: m[1], message: m[2] });
  }
  let failure;
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM') failure = `timeout after ${TIMEOUT_MS / 1000} s`;
  else if (/Maximum call stack size exceeded|RangeError/.test(out)) failure = 'crash: stack overflow';
  else if (/heap out of memory|out of memory/i.test(out)) failure = 'crash: out of memory';
  else if (r.error) failure = `crash: ${r.error.message}`;
  else if (num('Check time') === undefined) failure = `crash (exit ${r.status}): ${out.trim().split('\n').slice(-3).join(' / ')}`;
  return {
    checkMs: num('Check time'),
    totalMs: num('Total time'),
    instantiations: num('Instantiations'),
    errors,
    failure,
    wallMs,
    output: out,
  };
}

const median = (xs) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : undefined;
};

// ------------------------------------------------------------------------------------------------
// Main

function shapecheckImport() {
  // the built declarations (dist/index.d.ts), as a user of the package gets them: like the
  // other libraries' .d.ts files, they are not re-checked under --skipLibCheck
  const index = join(repoRoot, 'dist', 'index.d.ts');
  if (!existsSync(index)) {
    console.error('bench/types: dist/ is missing; run `npm run build` first (`npm run bench:types` does).');
    process.exit(1);
  }
  let p = relative(genDir, join(repoRoot, 'dist', 'index.js')).split(sep).join('/');
  return { path: p.startsWith('.') ? p : `./${p}`, fromIndex: true };
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(benchDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

function summarizeErrors(result, checkLine, fileName) {
  if (result.failure) return result.failure;
  const parts = [];
  const inFile = result.errors.filter((e) => e.file.endsWith(fileName));
  const wrong = inFile.find((e) => e.line === checkLine);
  if (wrong) {
    const m = wrong.message.match(/actual: (.*); \}'\.?$/);
    parts.push(`wrong: got \`${m ? m[1] : wrong.message}\``);
  }
  const counts = new Map();
  for (const e of result.errors) {
    if (e === wrong) continue;
    const where = e.file.endsWith(fileName) ? '' : e.file ? ` in ${e.file.replace(/^.*?(src\/|node_modules\/)/, '$1')}` : '';
    const key = `${e.code}${where}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [key, count] of counts) parts.push(count > 1 ? `${key} ×${count}` : key);
  return parts.length ? parts.join('; ') : 'none';
}

function fmt(n, digits = 0) {
  if (n === undefined || Number.isNaN(n)) return '—';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function main() {
  if (!existsSync(tscPath('7.0'))) {
    console.error('bench/types: dependencies missing; run `npm --prefix bench/types install` (or `npm run bench:types`).');
    process.exit(1);
  }
  if (ONLY === 'all') rmSync(genDir, { recursive: true, force: true });
  if (ONLY !== 'resnet50') chains();
  if (ONLY !== 'chains') resnet50();
}

/** Replaces the block between `start` and `end` in docs/benchmarks.md (appending `fallback` with the markers when they are missing). */
function writeDocsBlock(start, end, block, fallback) {
  let doc = existsSync(docsPath) ? readFileSync(docsPath, 'utf8') : `# Benchmarks\n`;
  if (doc.indexOf(start) < 0 || doc.indexOf(end) < doc.indexOf(start)) doc = `${doc.trimEnd()}\n\n${fallback}${start}\n${end}\n`;
  const s = doc.indexOf(start);
  const e = doc.indexOf(end) + end.length;
  doc = doc.slice(0, s) + block + doc.slice(e);
  mkdirSync(dirname(docsPath), { recursive: true });
  writeFileSync(docsPath, doc);
  console.error(`updated ${relative(repoRoot, docsPath)}`);
}

function chains() {
  const layers = makeSequence(Math.max(...LENGTHS));
  const sc = shapecheckImport();
  if (!sc.fromIndex) console.error(`note: ConvOutputSize is not exported from src/index.ts (or it does not compile); importing ${sc.path}`);
  const libraries = [shapecheckLibrary(sc.path), hotscript, tsArithmetic, tsToolbelt];

  // generate
  mkdirSync(genDir, { recursive: true });
  const files = [];
  for (const library of libraries) {
    const lengths = library.name === 'ts-toolbelt' ? [0, 50] : [0, ...LENGTHS];
    for (const n of lengths) {
      const name = `${library.name}-${n}.ts`;
      const file = join(genDir, name);
      const { text, checkLine, expected } = source(library, layers, n);
      writeFileSync(file, text);
      files.push({ library: library.name, n, file, name, checkLine, expected });
    }
  }
  const count = (key, value) => layers.filter((l) => l[key] === value).length;
  const sizes = [INITIAL_H, ...layers.map((l) => l.out)];
  const chain =
    `H0 = ${INITIAL_H} → H50 = ${layers[49].out} → H500 = ${layers[499].out}; ` +
    `sizes ${Math.min(...sizes)}..${Math.max(...sizes)}, all ${new Set(sizes).size} different; ` +
    `kernels 1/3/5/7 ×${count('k', 1)}/${count('k', 3)}/${count('k', 5)}/${count('k', 7)}; ` +
    `padding 0/1/2/3 ×${count('p', 0)}/${count('p', 1)}/${count('p', 2)}/${count('p', 3)}; ` +
    `dilation 2 ×${count('d', 2)}; ${layers.filter((l) => l.s === 1 && l.out < l.h).length} stride-1 layers that shrink H; ` +
    `stride 2 at ${layers.map((l, i) => (l.s === 2 ? `layer ${i + 1} (${l.h} → ${l.out})` : null)).filter(Boolean).join(' and ')}`;
  console.error(`chain: ${chain}`);

  if (GENERATE_ONLY) return;

  // measure: repetitions outermost, so a disturbance hits one run of many measurements
  const jobs = [];
  for (const c of COMPILERS)
    for (const f of files) if (!c.only || c.only.includes(f.library)) jobs.push({ compiler: c, file: f, runs: [] });
  for (let rep = 0; rep < REPS; rep++) {
    for (const job of jobs) {
      if (job.runs.some((r) => r.failure?.startsWith('timeout'))) continue; // do not wait twice
      const r = compile(job.compiler.version, job.compiler.ignoreConfig, job.file.file);
      job.runs.push(r);
      console.error(
        `[${rep + 1}/${REPS}] TS ${job.compiler.version} ${job.file.name.padEnd(22)} check ${fmt(r.checkMs)} ms, ${fmt(r.instantiations)} instantiations, wall ${fmt(r.wallMs)} ms${r.failure ? `, ${r.failure}` : ''}${r.errors.length ? `, ${r.errors.length} error(s)` : ''}`,
      );
    }
  }

  // aggregate
  const rows = jobs.map((job) => {
    const okRuns = job.runs.filter((r) => !r.failure);
    const byCheck = [...okRuns].sort((a, b) => a.checkMs - b.checkMs);
    const mid = byCheck[Math.floor((byCheck.length - 1) / 2)] ?? job.runs[0];
    return {
      compiler: job.compiler.version,
      library: job.file.library,
      n: job.file.n,
      checkMs: median(okRuns.map((r) => r.checkMs)),
      instantiations: median(okRuns.map((r) => r.instantiations)),
      errors: summarizeErrors(mid, job.file.checkLine, job.file.name),
      rawErrors: job.runs.flatMap((r) => r.errors),
      failed: okRuns.length === 0,
      // the same file checked by the same compiler should count the same every time; if not, the
      // sources changed during the run (src/ is edited while the benchmark runs, for instance)
      unstable: new Set(okRuns.map((r) => r.instantiations)).size > 1,
    };
  });
  const find = (compiler, library, n) => rows.find((r) => r.compiler === compiler && r.library === library && r.n === n);
  for (const row of rows) {
    const base = find(row.compiler, row.library, 0);
    row.perLayer =
      row.n > 0 && base?.instantiations !== undefined && row.instantiations !== undefined
        ? (row.instantiations - base.instantiations) / row.n
        : undefined;
    const hs = find(row.compiler, 'hotscript', row.n);
    row.ratio = hs?.checkMs && row.checkMs !== undefined ? row.checkMs / hs.checkMs : undefined;
  }

  // table
  const header = '| compiler | library | layers | check time (ms) | instantiations | instantiations/layer | errors | check time vs hotscript |';
  const align = '|---|---|--:|--:|--:|--:|---|--:|';
  const tableLines = [header, align];
  for (const row of rows) {
    tableLines.push(
      `| TS ${row.compiler} | ${row.library} | ${row.n} | ${fmt(row.checkMs)} | ${fmt(row.instantiations)} | ${row.n ? fmt(row.perLayer, 1) : '(baseline)'} | ${row.errors} | ${row.ratio === undefined ? '—' : `${fmt(row.ratio, 2)}×`} |`,
    );
  }
  const table = tableLines.join('\n');

  // targets
  const targets = [];
  for (const c of ['6.0', '7.0']) {
    const s = find(c, 'shapecheck', 500);
    const ok = s?.perLayer !== undefined && s.perLayer <= 400;
    targets.push(`- TS ${c}: shapecheck instantiations per conv layer ≤ 400: **${ok ? 'met' : 'missed'}** (${fmt(s?.perLayer, 1)})`);
  }
  for (const c of ['6.0', '7.0']) {
    const s = find(c, 'shapecheck', 500);
    const ok = s?.ratio !== undefined && s.ratio <= 0.25 && !s.failed;
    // for information: the same ratio after taking off each library's baseline, which for
    // shapecheck includes type-checking src/ (TypeScript source, not a skipped .d.ts)
    const s0 = find(c, 'shapecheck', 0);
    const h = find(c, 'hotscript', 500);
    const h0 = find(c, 'hotscript', 0);
    const net = [s, s0, h, h0].every((r) => r?.checkMs !== undefined) ? (s.checkMs - s0.checkMs) / (h.checkMs - h0.checkMs) : undefined;
    targets.push(
      `- TS ${c}: shapecheck 500-layer check time ≤ 0.25× hotscript's: **${ok ? 'met' : 'missed'}** (${s?.ratio === undefined ? '—' : `${fmt(s.ratio, 2)}×`}; ${net === undefined ? '—' : `${fmt(net, 2)}×`} net of each library's 0-layer baseline)`,
    );
  }
  const depth = rows.filter((r) => r.rawErrors.some((e) => e.code === 'TS2589' || e.code === 'TS2321'));
  const depthShapecheck = depth.filter((r) => r.library === 'shapecheck');
  targets.push(
    `- No TS2589/TS2321 for shapecheck (TS 5.9, 6.0, 7.0): **${depthShapecheck.length ? 'missed' : 'met'}**${depthShapecheck.length ? ` (${depthShapecheck.map((r) => `TS ${r.compiler}, ${r.n} layers`).join('; ')})` : ''}`,
  );
  targets.push(
    `- TS2589/TS2321 in the other libraries: ${depth.filter((r) => r.library !== 'shapecheck').map((r) => `${r.library} (TS ${r.compiler}, ${r.n} layers)`).join('; ') || 'none'}`,
  );
  const unstable = rows.filter((r) => r.unstable);
  if (unstable.length) {
    targets.push(
      `- Warning: instantiation counts changed between runs of ${unstable.map((r) => `${r.library}-${r.n} (TS ${r.compiler})`).join(', ')}: were the sources edited during the run? Rerun for clean numbers.`,
    );
  }
  const wrongs = rows.filter((r) => r.errors.includes('wrong'));
  targets.push(`- Wrong results: ${wrongs.map((r) => `${r.library} (TS ${r.compiler}, ${r.n} layers)`).join('; ') || 'none'}`);

  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const cpu = cpus();
  const block = [
    START,
    '<!-- Generated by bench/types/run.mjs: edits between these markers are overwritten. -->',
    '',
    `Run ${date} with \`npm run bench:types\` (median of ${REPS} run${REPS === 1 ? '' : 's'} per row) on Node ${process.version}, ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'unknown CPU'}.`,
    `Compilers: TypeScript ${packageVersion('typescript-6.0')}, ${packageVersion('typescript-7.0')}, ${packageVersion('typescript-5.9')}. Libraries: hotscript ${packageVersion('hotscript')}, ts-arithmetic ${packageVersion('ts-arithmetic')}, ts-toolbelt ${packageVersion('ts-toolbelt')}; shapecheck from its built declarations \`dist/index.d.ts\`.`,
    '',
    `Chain: ${chain}.`,
    '',
    table,
    '',
    'Targets:',
    '',
    ...targets,
    '',
    END,
  ].join('\n');

  console.log(`\n${table}\n\nTargets:\n${targets.join('\n')}\n`);

  if (WRITE_DOCS) writeDocsBlock(START, END, block, '');
}

// ------------------------------------------------------------------------------------------------
// ResNet-50 as one typed Sequential: tsc 6.0 / 7.0 and the TypeScript 6.0 LanguageService

const RESNET_TARGETS = { tsc60: 1000, tsc70: 200, quickInfo: 200 };

/** One LanguageService measurement in a fresh Node process (bench/types/resnet50.mjs --ls). */
function languageService(file, editLine) {
  const r = spawnSync(process.execPath, [join(benchDir, 'resnet50.mjs'), '--ls', file, String(editLine)], {
    cwd: benchDir,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 256 << 20,
  });
  const line = (r.stdout ?? '').trim().split('\n').at(-1);
  try {
    return JSON.parse(line);
  } catch {
    return { failure: `crash (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' / ')}` };
  }
}

function resnet50() {
  const sc = shapecheckImport();
  mkdirSync(genDir, { recursive: true });
  const good = { ...resnet50Source(sc.path), name: 'resnet50.ts' };
  const broken = { ...resnet50Source(sc.path, { broken: true }), name: 'resnet50-broken.ts' };
  const symbolic = { ...resnet50Source(sc.path, { symbolic: true }), name: 'resnet50-symbolic.ts' };
  const chain = { ...symbolicChainSource(sc.path), name: 'symbolic-chain-500.ts' };
  for (const f of [good, broken, symbolic, chain]) {
    f.file = join(genDir, f.name);
    writeFileSync(f.file, f.text);
  }
  console.error(
    `resnet50: ${good.convs} convolutions, ${good.traceLength - 1} top-level layers (16 Bottleneck blocks as .residual), model on lines ${good.modelLine}-${good.lastLine}; broken variant: wrong inChannels on line ${broken.brokenLine}`,
  );
  if (GENERATE_ONLY) return;

  // measure: repetitions outermost, as for the chains
  const jobs = [];
  for (const f of [good, broken, symbolic, chain]) for (const version of ['6.0', '7.0']) jobs.push({ kind: 'tsc', version, f, runs: [] });
  for (const f of [good, broken]) jobs.push({ kind: 'ls', version: '6.0', f, runs: [] });
  for (let rep = 0; rep < REPS; rep++) {
    for (const job of jobs) {
      if (job.runs.some((r) => r.failure?.startsWith('timeout'))) continue;
      const r = job.kind === 'tsc' ? compile(job.version, true, job.f.file) : languageService(job.f.file, job.f.editLine);
      job.runs.push(r);
      const what =
        job.kind === 'tsc'
          ? `check ${fmt(r.checkMs)} ms, total ${fmt(r.totalMs)} ms, ${fmt(r.instantiations)} instantiations, ${r.errors.length} error(s)`
          : `quick info cold ${fmt(r.quickInfoColdMs)} ms, warm ${fmt(r.quickInfoWarmMs)} ms, steady ${fmt(r.quickInfoSteadyMs)} ms, diagnostics ${fmt(r.semanticDiagnosticsMs)} ms (${r.diagnostics?.length ?? '?'})`;
      console.error(`[${rep + 1}/${REPS}] ${job.kind === 'tsc' ? `tsc ${job.version}` : 'LS 6.0'} ${job.f.name.padEnd(20)} ${what}${r.failure ? `, ${r.failure}` : ''}`);
    }
  }
  const ok = (job) => job.runs.filter((r) => !r.failure);
  const med = (job, key) => median(ok(job).map((r) => r[key]));
  const tsc = (f, version) => jobs.find((j) => j.kind === 'tsc' && j.f === f && j.version === version);
  const ls = (f) => jobs.find((j) => j.kind === 'ls' && j.f === f);
  const lsVersion = ok(ls(good))[0]?.ts ?? packageVersion('typescript-6.0');
  const verdict = (value, target) => (value === undefined ? '**failed**' : value <= target ? '**pass**' : '**miss**');
  const errorsOf = (job) => {
    const r = ok(job)[0];
    if (!r) return job.runs[0]?.failure ?? 'failed';
    if (!r.errors.length) return 'none';
    return r.errors.map((e) => `${e.code} line ${e.line}`).join('; ');
  };

  const rows = [];
  const row = (what, compiler, ms, instantiations, target, result, notes = '') =>
    rows.push(`| ${what} | ${compiler} | ${ms} | ${instantiations} | ${target} | ${result} | ${notes} |`);
  for (const [version, target] of [
    ['6.0', RESNET_TARGETS.tsc60],
    ['7.0', RESNET_TARGETS.tsc70],
  ]) {
    const job = tsc(good, version);
    const check = med(job, 'checkMs');
    // any error (a wrong output shape fails the file's own assertion) fails the row, however fast
    const result = ok(job)[0]?.errors.length ? '**fail** (errors)' : verdict(check, target);
    row('`tsc --noEmit` resnet50.ts: check time', `TS ${version}`, fmt(check), fmt(med(job, 'instantiations')), `≤ ${fmt(target)} ms`, result, `errors: ${errorsOf(job)}`);
    row('`tsc --noEmit` resnet50.ts: total time', `TS ${version}`, fmt(med(job, 'totalMs')), '', '—', '', 'parse, bind and check, with lib files');
  }
  // the same model on ['batch', 3, 'H', 'W']: every spatial size an expression (issue 11: within
  // 1.5× the literal model's instantiations, ≤ 200 ms on TS 7)
  for (const [version, target] of [
    ['6.0', RESNET_TARGETS.tsc60],
    ['7.0', RESNET_TARGETS.tsc70],
  ]) {
    const job = tsc(symbolic, version);
    const check = med(job, 'checkMs');
    const ratio = med(job, 'instantiations') / med(tsc(good, version), 'instantiations');
    const result = ok(job)[0]?.errors.length ? '**fail** (errors)' : verdict(check, target);
    row(
      "`tsc --noEmit` resnet50-symbolic.ts (on ['batch', 3, 'H', 'W']): check time",
      `TS ${version}`,
      fmt(check),
      fmt(med(job, 'instantiations')),
      `≤ ${fmt(target)} ms; ≤ 1.5× the literal model's instantiations`,
      `${result}; ${fmt(ratio, 2)}× ${ratio <= 1.5 ? '**pass**' : '**miss**'}`,
      `errors: ${errorsOf(job)}`,
    );
  }
  // 500 layers on symbolic H and W: never TS2589 (excessively deep) or TS2321 (excessive stack depth)
  for (const version of ['6.0', '7.0']) {
    const job = tsc(chain, version);
    const r = ok(job)[0];
    const deep = r ? r.errors.filter((e) => e.code === 'TS2589' || e.code === 'TS2321') : [];
    row(
      `\`tsc --noEmit\` symbolic-chain-500.ts (500 layers on ['batch', 8, 'H', 'W'], the last size ${chain.last}): check time`,
      `TS ${version}`,
      fmt(med(job, 'checkMs')),
      fmt(med(job, 'instantiations')),
      'no TS2589 / TS2321, no error',
      r && r.errors.length === 0 ? '**pass**' : deep.length > 0 ? '**fail** (depth)' : '**fail**',
      `errors: ${errorsOf(job)}`,
    );
  }
  const L = ls(good);
  const qiCold = med(L, 'quickInfoColdMs');
  const qiWarm = med(L, 'quickInfoWarmMs');
  const lsInst = med(L, 'instantiations');
  row('LanguageService: quick info on `model`, cold (first request on a fresh service)', `TS ${lsVersion}`, fmt(qiCold), '', `≤ ${RESNET_TARGETS.quickInfo} ms`, verdict(qiCold, RESNET_TARGETS.quickInfo), 'includes creating the program (reading and binding lib files and dist/)');
  row('LanguageService: quick info on `model`, warm (after editing one layer\'s options)', `TS ${lsVersion}`, fmt(qiWarm), fmt(lsInst), `≤ ${RESNET_TARGETS.quickInfo} ms`, verdict(qiWarm, RESNET_TARGETS.quickInfo), ok(L).every((r) => r.quickInfoWarmSame) ? 'same hover text as cold' : 'hover text changed');
  row('LanguageService: quick info on the last line\'s `add` (after an edit)', `TS ${lsVersion}`, fmt(med(L, 'quickInfoLastAddMs')), '', '—', '', 'the third request of a fresh process');
  const qiSteady = med(L, 'quickInfoSteadyMs');
  row('LanguageService: quick info on the last line\'s `add`, editor session (after each of 40 edits; median of the last 20)', `TS ${lsVersion}`, fmt(qiSteady), '', `≤ ${RESNET_TARGETS.quickInfo} ms`, verdict(qiSteady, RESNET_TARGETS.quickInfo), `a long-lived tsserver: its JIT warm, each edit a new program and checker (median of the first 20 edits: ${fmt(med(L, 'quickInfoSessionFirstHalfMs'))} ms)`);
  row('LanguageService: getSemanticDiagnostics (first request after an edit)', `TS ${lsVersion}`, fmt(med(L, 'semanticDiagnosticsMs')), '', '—', '', `${ok(L)[0]?.diagnostics?.length ?? '?'} diagnostics`);
  row('LanguageService: getSemanticDiagnostics (after quick info, same version)', `TS ${lsVersion}`, fmt(med(L, 'diagnosticsAfterQuickInfoMs')), '', '—', '', '');

  // the broken variant: exactly one diagnostic, on the wrong line
  const brokenChecks = [];
  for (const version of ['6.0', '7.0']) {
    const job = tsc(broken, version);
    const r = ok(job)[0];
    const inFile = r ? r.errors.filter((e) => e.file.endsWith(broken.name)) : [];
    const one = r && r.errors.length === 1 && inFile.length === 1 && inFile[0].line === broken.brokenLine;
    brokenChecks.push({ where: `tsc ${version}`, one, errors: r?.errors ?? [], message: inFile[0]?.message });
    row(`\`tsc --noEmit\` resnet50-broken.ts: check time`, `TS ${version}`, fmt(med(job, 'checkMs')), fmt(med(job, 'instantiations')), `1 error, line ${broken.brokenLine}`, one ? '**pass**' : '**miss**', `errors: ${errorsOf(job)}; total ${fmt(med(job, 'totalMs'))} ms`);
  }
  const LB = ls(broken);
  const rb = ok(LB)[0];
  const lsOne = rb && rb.diagnostics.length === 1 && rb.diagnostics[0].line === broken.brokenLine;
  brokenChecks.push({ where: 'LanguageService', one: lsOne, errors: rb?.diagnostics ?? [], message: rb?.diagnostics[0]?.message });
  row('LanguageService: getSemanticDiagnostics of resnet50-broken.ts (after an edit)', `TS ${lsVersion}`, fmt(med(LB, 'semanticDiagnosticsMs')), '', `1 diagnostic, line ${broken.brokenLine}`, lsOne ? '**pass**' : '**miss**', rb ? rb.diagnostics.map((d) => `TS${d.code} line ${d.line}:${d.column}`).join('; ') : LB.runs[0]?.failure ?? 'failed');

  const header = '| measurement | compiler | median (ms) | instantiations | target | result | notes |';
  const align = '|---|---|--:|--:|---|---|---|';
  const table = [header, align, ...rows].join('\n');
  const messages = [...new Set(brokenChecks.map((c) => c.message).filter(Boolean))];
  const brokenText = [
    `Broken variant (line ${broken.brokenLine}: \`${broken.text.split('\n')[broken.brokenLine - 1].trim()}\`):`,
    ...brokenChecks.map((c) => `- ${c.where}: ${c.errors.length} diagnostic(s)${c.one ? `, on line ${broken.brokenLine}` : `: ${JSON.stringify(c.errors.map((e) => ({ line: e.line, code: e.code })))}`}`),
    ...messages.map((m) => `- message: \`${m}\``),
  ];
  // TS 7.0 checks with several threads and its counts move by a few between runs of the same file;
  // a larger change means the sources changed during the run
  const spread = (j) => Math.max(...ok(j).map((r) => r.instantiations)) - Math.min(...ok(j).map((r) => r.instantiations));
  const unstable = jobs.filter((j) => j.kind === 'tsc' && ok(j).length > 1 && spread(j) > (j.version === '7.0' ? 50 : 0));
  if (unstable.length) brokenText.push(`- Warning: instantiation counts changed between runs (${unstable.map((j) => `${j.f.name} TS ${j.version}`).join(', ')}): were the sources edited during the run?`);

  console.log(`\n${table}\n\n${brokenText.join('\n')}\n`);

  if (WRITE_DOCS) {
    const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const cpu = cpus();
    const block = [
      RESNET_START,
      '<!-- Generated by bench/types/run.mjs: edits between these markers are overwritten. -->',
      '',
      `Run ${date} with \`npm run bench:types\` (median of ${REPS} run${REPS === 1 ? '' : 's'} per row; each LanguageService run in a fresh process) on Node ${process.version}, ${cpu.length} × ${cpu[0]?.model?.trim() ?? 'unknown CPU'}.`,
      `Compilers: TypeScript ${packageVersion('typescript-6.0')}, ${packageVersion('typescript-7.0')}; shapecheck from its built declarations \`dist/index.d.ts\`. Model: ${good.convs} convolutions, ${good.traceLength - 1} top-level layers, the trace asserted to end at \`${good.expected}\`.`,
      '',
      table,
      '',
      ...brokenText,
      '',
      RESNET_END,
    ].join('\n');
    writeDocsBlock(RESNET_START, RESNET_END, block, '## ResNet-50 typed model\n\n');
  }
}

main();
