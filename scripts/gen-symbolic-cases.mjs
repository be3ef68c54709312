// Generates test/cases/symbolic.cases.ts: convolutions and pools (floor and ceil mode) on a dim
// expression of one name, with the output's canonical text computed here by the family rule
// ⌊(⌊(H+b)/d⌋ + offset)/s⌋ = ⌊(H + b + offset·d)/(d·s)⌋ — a third implementation beside the
// type-level one (src/shape/symbolic.ts, AffineFloor) and the runtime engine (floorOfDim), both
// checked against this table; test/symbolic-rules.test.ts also evaluates every row at many sizes
// against the numeric formulas.
// Regenerate: node scripts/gen-symbolic-cases.mjs
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
const row = (c) =>
  `  { op: '${c.op}', input: '${c.input}', kernel: ${c.kernel}, stride: ${c.stride}, padding: ${c.padding}, dilation: ${c.dilation}, ceilMode: ${c.ceilMode}, output: '${c.output}' },`;
writeFileSync(
  new URL('../test/cases/symbolic.cases.ts', import.meta.url),
  `// Generated by scripts/gen-symbolic-cases.mjs (the family rule as the oracle); do not edit.
// Regenerate: node scripts/gen-symbolic-cases.mjs

/** A convolution or a pool along one dim of a dim expression, and the output's canonical text. */
export const symbolicCases = [
${cases.map(row).join('\n')}
] as const;

/** Two dims and how they compare (equal, different, unknown), by the family rule. */
export const comparisonCases = [
${comparisons.map((c) => `  { a: '${c.a}', b: ${typeof c.b === 'number' ? c.b : `'${c.b}'`}, outcome: '${c.outcome}' },`).join('\n')}
] as const;

/** Dims multiplied (what Flatten makes of them), and the product's canonical text. */
export const productCases = [
${products.map((p) => `  { dims: ${JSON.stringify(p.dims).replaceAll('"', "'").replaceAll(',', ', ')}, output: ${typeof p.output === 'number' ? p.output : `'${p.output}'`} },`).join('\n')}
] as const;
`,
);
