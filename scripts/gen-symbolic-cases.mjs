// Generates test/cases/symbolic.cases.ts: convolutions and pools (floor and ceil mode) on a dim
// expression of one name, with the output's canonical text computed here by the family rule
// ⌊(⌊(H+b)/d⌋ + offset)/s⌋ = ⌊(H + b + offset·d)/(d·s)⌋ — a third implementation beside the
// type-level one (src/shape/symbolic.ts, AffineFloor) and the runtime engine (floorOfDim), both
// checked against this table; test/symbolic-rules.test.ts also evaluates every row at many sizes
// against the numeric formulas.
// Regenerate: npm run build && node scripts/gen-symbolic-cases.mjs
import { writeFileSync } from 'node:fs';

let state = 20261206n;
const random = () => {
  state = (state * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
  return Number(state >> 11n) / 2 ** 53;
};
const choose = (items) => items[Math.floor(random() * items.length)];

/** [name, offset, divisor] as the canonical text. */
const print = ([name, b, d]) => {
  const sum = b === 0 ? name : b < 0 ? `${name}${b}` : `${name}+${b}`;
  if (d === 1) return sum;
  return b === 0 ? `${name}//${d}` : `(${sum})//${d}`;
};
const floorOf = ([name, b, d], offset, stride) => [name, b + offset * d, d * stride];

const inputs = [['H', 0, 1], ['H', 1, 2], ['H', -2, 1], ['H', -12, 4], ['H', 0, 2], ['H', 3, 4], ['H', 4, 1], ['W', 7, 8], ['seq_len', -1, 3]];
const cases = [];
const seen = new Set();
while (cases.length < 160) {
  const input = choose(inputs);
  const kernel = choose([1, 2, 3, 4, 5, 7, 11]);
  const stride = choose([1, 1, 2, 2, 3, 4]);
  const padding = choose([0, 0, 1, 2, 3, 5]);
  const dilation = choose([1, 1, 1, 2, 3]);
  const key = `conv ${print(input)} ${kernel} ${stride} ${padding} ${dilation}`;
  if (seen.has(key)) continue;
  seen.add(key);
  const offset = 2 * padding + stride - dilation * (kernel - 1) - 1;
  cases.push({ op: 'conv', input: print(input), kernel, stride, padding, dilation, ceilMode: false, output: print(floorOf(input, offset, stride)) });
}
while (cases.length < 320) {
  const input = choose(inputs);
  const kernel = choose([1, 2, 3, 4, 5, 7]);
  const stride = choose([1, 2, 2, 3, 4]);
  const dilation = choose([1, 1, 2]);
  const padding = Math.floor(random() * (Math.floor(((kernel - 1) * dilation + 1) / 2) + 1)); // PyTorch: at most half the window
  if (padding > Math.floor(kernel / 2)) continue;
  const ceilMode = random() < 0.5;
  const key = `pool ${print(input)} ${kernel} ${stride} ${padding} ${dilation} ${ceilMode}`;
  if (seen.has(key)) continue;
  seen.add(key);
  const offset = 2 * padding + stride - dilation * (kernel - 1) - 1;
  // ceil mode: ⌊(in + min(offset, p) + s − 1)/s⌋ when offset − s < p, else ⌊(in + offset − 1)/s⌋
  const shift = !ceilMode ? offset : offset - stride < padding ? Math.min(offset, padding) + stride - 1 : offset - 1;
  cases.push({ op: 'pool', input: print(input), kernel, stride, padding, dilation, ceilMode, output: print(floorOf(input, shift, stride)) });
}
// Flatten's products: literals and atoms (names, floors), printed coefficient first, then names,
// then floors, each group in code-unit order, floors parenthesized
const atoms = ['H', 'W', 'batch', 'H//2', '(H+1)//2', '(W+1)//2', '(H+3)//4', '(H-12)//4', '(W-12)//4', 'seq_len'];
// sums: a name plus a constant (a valid convolution's output), multiplied out
const sums = { 'H-2': ['H', -2], 'W-2': ['W', -2], 'H+1': ['H', 1], 'W+3': ['W', 3], 'H-4': ['H', -4] };
const isFloor = (f) => f.includes('//');
const byAtom = (a, b) => (isFloor(a) !== isFloor(b) ? (isFloor(a) ? 1 : -1) : a < b ? -1 : a > b ? 1 : 0);
/** The canonical text of a product: a polynomial in atoms, expanded, like terms combined. */
function expand(dims) {
  let poly = new Map([['', { coefficient: 1, atoms: [] }]]);
  for (const d of dims) {
    const factor = typeof d === 'number' ? [[d, []]] : sums[d] ? [[1, [sums[d][0]]], [sums[d][1], []]] : [[1, [d]]];
    const next = new Map();
    for (const { coefficient, atoms: left } of poly.values()) {
      for (const [c, right] of factor) {
        const atoms = [...left, ...right].sort(byAtom);
        const key = atoms.join('*');
        const seen = next.get(key);
        next.set(key, { coefficient: (seen?.coefficient ?? 0) + coefficient * c, atoms });
      }
    }
    poly = next;
  }
  const terms = [...poly.entries()].filter(([, t]) => t.coefficient !== 0);
  if (terms.length === 0) return 0;
  terms.sort(([ka, a], [kb, b]) => (a.atoms.length !== b.atoms.length ? b.atoms.length - a.atoms.length : ka < kb ? -1 : ka > kb ? 1 : 0));
  if (terms.length === 1 && terms[0][1].atoms.length === 0) return terms[0][1].coefficient;
  return terms
    .map(([, t], i) => {
      const magnitude = Math.abs(t.coefficient);
      const parts = t.atoms.map((a) => (isFloor(a) && !(t.atoms.length === 1 && magnitude === 1) ? `(${a})` : a));
      const body = t.atoms.length === 0 ? String(magnitude) : magnitude === 1 ? parts.join('*') : `${magnitude}*${parts.join('*')}`;
      if (t.coefficient < 0) return i === 0 && t.atoms.length === 1 && magnitude === 1 && isFloor(t.atoms[0]) ? `-(${body})` : `-${body}`;
      return i === 0 ? body : `+${body}`;
    })
    .join('');
}
const products = [];
const seenProducts = new Set();
while (products.length < 90) {
  const count = 1 + Math.floor(random() * 4);
  const withSums = products.length >= 60;
  const dims = Array.from({ length: count }, () => (random() < 0.35 ? choose([1, 2, 3, 16, 64, 512]) : withSums && random() < 0.5 ? choose(Object.keys(sums)) : choose(atoms)));
  const key = JSON.stringify(dims);
  if (seenProducts.has(key) || dims.every((d) => typeof d === 'number') || (withSums && !dims.some((d) => sums[d]))) continue;
  seenProducts.add(key);
  products.push({ dims, output: expand(dims) });
}
// comparisons: pairs of family dims and literals, the outcome by the family rule (same name and
// divisor: offsets a whole divisor apart are never equal, closer ones periodically; another
// divisor or a literal: finitely often; two names: unknown)
const comparisons = [];
const seenComparisons = new Set();
const family = () => {
  const name = choose(['H', 'H', 'H', 'W']);
  const d = choose([1, 1, 2, 2, 4, 8]);
  const b = Math.floor(random() * 17) - 8;
  return [name, b, d];
};
while (comparisons.length < 80) {
  const a = family();
  const literal = random() < 0.15;
  const b = literal ? null : random() < 0.3 ? [a[0], a[1] + Math.floor(random() * 2 * a[2]) - a[2], a[2]] : family();
  const textA = print(a);
  const textB = literal ? choose([2, 7, 56]) : print(b);
  const key = `${textA} ${textB}`;
  if (seenComparisons.has(key)) continue;
  seenComparisons.add(key);
  let outcome;
  if (literal) outcome = 'different';
  else if (textA === textB) outcome = 'equal';
  else if (a[0] !== b[0]) outcome = 'unknown';
  else if (a[2] !== b[2]) outcome = 'different';
  else outcome = Math.abs(a[1] - b[1]) >= a[2] ? 'different' : 'unknown';
  comparisons.push({ a: textA, b: textB, outcome });
}
// Beyond the family: dims of several names (a cat along a spatial dim makes them), floors of
// them, products of sums. No third implementation here: the expected text is the runtime
// engine's (dist/, whose canonical form has its own property tests against an evaluator), the
// types must give the same text, and test/symbolic-rules.test.ts evaluates every row at many
// sizes against the numeric formulas.
const engine = await import(new URL('../dist/shape/symbolic.js', import.meta.url).href);
const { poolOutputSize } = await import(new URL('../dist/shape/pool2d.js', import.meta.url).href);
const { spatialOutputSize } = await import(new URL('../dist/shape/conv-output-size.js', import.meta.url).href);
const generalInputs = ['H+W', '2*W', 'H+2*W', '(H+W)//2', '(3*W)//2', 'H*W', '(H+2*W+1)//2', 'H//2+W//3', '2*H+W-3', '(2*H+W)//3', 'W+(H+1)//2', 'H*W+H'];
const generalCases = [];
while (generalCases.length < 120) {
  const input = engine.canonicalDim(choose(generalInputs));
  const pool = generalCases.length >= 60;
  const kernel = choose([1, 2, 3, 5, 7]);
  const stride = choose([1, 2, 2, 3, 4]);
  const dilation = choose([1, 1, 2]);
  const padding = pool ? Math.floor(random() * (Math.floor(kernel / 2) + 1)) : choose([0, 1, 2, 3]);
  const ceilMode = pool && random() < 0.5;
  const key = `${pool ? 'pool' : 'conv'} ${input} ${kernel} ${stride} ${padding} ${dilation} ${ceilMode}`;
  if (seen.has(key)) continue;
  seen.add(key);
  const output = pool ? poolOutputSize(input, kernel, padding, stride, dilation, ceilMode) : spatialOutputSize(input, padding, padding, kernel, stride, dilation);
  generalCases.push({ op: pool ? 'pool' : 'conv', input, kernel, stride, padding, dilation, ceilMode, output });
}
const generalProducts = [];
while (generalProducts.length < 40) {
  const count = 1 + Math.floor(random() * 3);
  const dims = Array.from({ length: count }, () => (random() < 0.25 ? choose([2, 3, 16]) : random() < 0.6 ? engine.canonicalDim(choose(generalInputs)) : choose(atoms)));
  const key = JSON.stringify(dims);
  if (seenProducts.has(key) || dims.every((d) => typeof d === 'number')) continue;
  seenProducts.add(key);
  generalProducts.push({ dims, output: engine.productOfDims(dims) });
}
// sums (cat along a dim) and comparisons of any two dims, the runtime engine's outcome
const anyDim = () => (random() < 0.15 ? choose([0, 1, 5, 12]) : random() < 0.5 ? engine.canonicalDim(choose(generalInputs)) : random() < 0.5 ? print(family()) : choose(atoms));
const generalSums = [];
const seenSums = new Set();
while (generalSums.length < 40) {
  const [a, b] = [anyDim(), anyDim()];
  const key = `${a} ${b}`;
  if (seenSums.has(key) || (typeof a === 'number' && typeof b === 'number')) continue;
  seenSums.add(key);
  generalSums.push({ a, b, output: engine.addDims(a, b) });
}
const generalComparisons = [];
while (generalComparisons.length < 80) {
  const a = anyDim();
  // half the pairs share a part, so that differences are small and every outcome occurs
  const b = random() < 0.5 && typeof a === 'string' ? engine.addDims(a, choose([1, -1, 2, 'W', 'H', 'W//2', '-H'].map((d) => (d === '-H' ? engine.canonicalDim(`0-H`) : d)))) : anyDim();
  const key = `${a} ${b}`;
  if (seenComparisons.has(key) || a === b || typeof a === 'number' || (typeof b === 'string' && /-H$|^-/.test(b) && false)) continue;
  seenComparisons.add(key);
  generalComparisons.push({ a, b, outcome: engine.compareDims(a, b) });
}
// binding names to sizes (forward) or to expressions (a block's forward); expressions bound by
// substituting the text, which the grammar allows, canonicalised
const generalBinds = [];
const seenBinds = new Set();
while (generalBinds.length < 40) {
  const dim = random() < 0.5 ? engine.canonicalDim(choose(generalInputs)) : engine.productOfDims([choose(generalInputs), choose([...atoms.filter((a) => !a.includes('batch') && !a.includes('seq')), 3])]);
  const toSizes = random() < 0.6;
  const bindings = toSizes ? { H: 1 + Math.floor(random() * 60), W: 1 + Math.floor(random() * 60) } : { H: choose(['(H+1)//2', 'H-2', '2*H', 'H+W']), W: choose(['W', '(W+3)//4', 'W+1']) };
  const key = `${dim} ${JSON.stringify(bindings)}`;
  if (seenBinds.has(key)) continue;
  seenBinds.add(key);
  const output = toSizes ? engine.evaluateDim(dim, bindings) : engine.sumDim(engine.parseDim(dim.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (n) => (n in bindings ? `(${bindings[n]})` : n))));
  generalBinds.push({ dim, bindings, output });
}
// one name whose floors cancel its slope (`d*((m*H+b)//d)+c` against `m*H+e`, d dividing m): the
// difference repeats with the floors' period, and one period decides (different, or unknown when
// some value makes it 0); made without the random stream so the rows above stay as they were
for (const [m, d] of [[1, 2], [2, 2], [2, 4], [3, 3], [4, 2], [6, 4], [1, 3]]) {
  for (const [b, c, e] of [[0, 0, 0], [0, 2, 0], [1, 0, 1], [1, 1, 0], [3, -1, 2], [0, 0, 1]]) {
    if (m % d !== 0 && d % m !== 0) continue;
    const a = engine.canonicalDim(`${d}*((${m}*H+${b})//${d})+${c}`);
    const other = engine.canonicalDim(`${m}*H+${e}`);
    const key = `${a} ${other}`;
    if (a === other || seenComparisons.has(key)) continue;
    seenComparisons.add(key);
    generalComparisons.push({ a, b: other, outcome: engine.compareDims(a, other) });
  }
}
const text = (v) => (typeof v === 'number' ? String(v) : `'${v}'`);
const row = (c) =>
  `  { op: '${c.op}', input: '${c.input}', kernel: ${c.kernel}, stride: ${c.stride}, padding: ${c.padding}, dilation: ${c.dilation}, ceilMode: ${c.ceilMode}, output: '${c.output}' },`;
writeFileSync(
  new URL('../test/cases/symbolic.cases.ts', import.meta.url),
  `// Generated by scripts/gen-symbolic-cases.mjs (the family rule as the oracle; the general rows
// from the runtime engine); do not edit.
// Regenerate: npm run build && node scripts/gen-symbolic-cases.mjs

/** A convolution or a pool along one dim of a dim expression, and the output's canonical text. */
export const symbolicCases = [
${cases.map(row).join('\n')}
] as const;

/** Two dims and how they compare (equal, different, unknown), by the family rule. */
export const comparisonCases = [
${comparisons.map((c) => `  { a: '${c.a}', b: ${typeof c.b === 'number' ? c.b : `'${c.b}'`}, outcome: '${c.outcome}' },`).join('\n')}
] as const;

/** Convolutions and pools of dims beyond the family (several names, floors of them, products), the runtime engine's text. */
export const generalCases = [
${generalCases.map((c) => row(c).replace(`output: '${c.output}'`, `output: ${text(c.output)}`)).join('\n')}
] as const;

/** Products with sums of several names, the runtime engine's text. */
export const generalProducts = [
${generalProducts.map((p) => `  { dims: ${JSON.stringify(p.dims).replaceAll('"', "'").replaceAll(',', ', ')}, output: ${text(p.output)} },`).join('\n')}
] as const;

/** Sums of two dims (cat along a dim), the runtime engine's text. */
export const generalSums = [
${generalSums.map((c) => `  { a: ${text(c.a)}, b: ${text(c.b)}, output: ${text(c.output)} },`).join('\n')}
] as const;

/** Two dims beyond the family and how compareDims finds them. */
export const generalComparisons = [
${generalComparisons.map((c) => `  { a: ${text(c.a)}, b: ${text(c.b)}, outcome: '${c.outcome}' },`).join('\n')}
] as const;

/** A dim with its names bound to sizes or expressions, and the result. */
export const generalBinds = [
${generalBinds.map((c) => `  { dim: '${c.dim}', bindings: ${JSON.stringify(c.bindings).replaceAll('"', "'").replaceAll(',', ', ').replaceAll(':', ': ').replace("{'H'", '{ H').replace("'W': ", 'W: ').replace('}', ' }').replace("{ H'", '{ H')}, output: ${text(c.output)} },`).join('\n')}
] as const;

/** Dims multiplied (what Flatten makes of them), and the product's canonical text. */
export const productCases = [
${products.map((p) => `  { dims: ${JSON.stringify(p.dims).replaceAll('"', "'").replaceAll(',', ', ')}, output: ${typeof p.output === 'number' ? p.output : `'${p.output}'`} },`).join('\n')}
] as const;
`,
);
