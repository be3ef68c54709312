// The symbolic dim engine (issue 11, part 1): random expressions against a plain evaluator of the
// same text (the canonical form evaluates to the same number for random sizes), the canonical
// forms the issue names, and the three-valued comparison.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalDim, compareDims, evaluateSum, parseDim, printSum } from '../src/shape/symbolic.js';
import { comparisonCases } from './cases/symbolic.cases.js';

/** Python's semantics of the grammar, evaluated straight from a tree (no canonical form). */
type Tree = { op: 'num'; value: number } | { op: 'name'; name: string } | { op: '+' | '-' | '*'; a: Tree; b: Tree } | { op: '//'; a: Tree; d: number } | { op: 'neg'; a: Tree };

const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};

function evaluate(tree: Tree, values: Record<string, number>): bigint {
  switch (tree.op) {
    case 'num':
      return BigInt(tree.value);
    case 'name':
      return BigInt(values[tree.name]!);
    case 'neg':
      return -evaluate(tree.a, values);
    case '+':
      return evaluate(tree.a, values) + evaluate(tree.b, values);
    case '-':
      return evaluate(tree.a, values) - evaluate(tree.b, values);
    case '*':
      return evaluate(tree.a, values) * evaluate(tree.b, values);
    case '//':
      return floorDiv(evaluate(tree.a, values), BigInt(tree.d));
  }
}

/** The tree as text, fully parenthesized (so the parser's precedence is not what is tested here). */
function text(tree: Tree): string {
  switch (tree.op) {
    case 'num':
      return String(tree.value);
    case 'name':
      return tree.name;
    case 'neg':
      return `(-${text(tree.a)})`;
    case '//':
      return `(${text(tree.a)}//${tree.d})`;
    default:
      return `(${text(tree.a)}${tree.op}${text(tree.b)})`;
  }
}

const NAMES = ['H', 'W', 'batch'];
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 0, max: 20 }).map((value): Tree => ({ op: 'num', value })),
    fc.constantFrom(...NAMES).map((name): Tree => ({ op: 'name', name })),
    fc.record({ op: fc.constantFrom('+' as const, '-' as const), a: tie('tree'), b: tie('tree') }),
    fc.record({ op: fc.constant('*' as const), a: tie('tree'), b: tie('tree') }),
    fc.record({ op: fc.constant('//' as const), a: tie('tree'), d: fc.integer({ min: 1, max: 7 }) }),
    fc.record({ op: fc.constant('neg' as const), a: tie('tree') }),
  ),
})).tree;
const values = fc.record({ H: fc.integer({ min: 0, max: 300 }), W: fc.integer({ min: 0, max: 300 }), batch: fc.integer({ min: 0, max: 300 }) });

describe('symbolic dims: the canonical form evaluates as the expression does', () => {
  it('random expressions (depth ≤ 5), random sizes 0..300: same value; the printed form parses to itself', () => {
    fc.assert(
      fc.property(tree, fc.array(values, { minLength: 5, maxLength: 5 }), (t, samples) => {
        const canonical = parseDim(text(t));
        const printed = printSum(canonical);
        expect(canonicalDim(printed)).toBe(printed);
        for (const v of samples) expect(evaluateSum(parseDim(printed), v)).toBe(evaluate(t, v));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });
  it('the printed form is Python: the parser reads it with its own precedence', () => {
    fc.assert(
      fc.property(tree, values, (t, v) => {
        const printed = printSum(parseDim(text(t)));
        // re-evaluated from the printed text with Python's precedence (unary minus tightest)
        expect(evaluateSum(parseDim(printed), v)).toBe(evaluate(t, v));
      }),
      { numRuns: 1000, seed: 12 },
    );
  });
});

describe('symbolic dims: the canonical forms', () => {
  const cases: [string, string][] = [
    ['(H-1)//2+1', '(H+1)//2'],
    ['((H+1)//2+1)//2', '(H+3)//4'],
    // ResNet's stem: conv 7×7, stride 2, padding 3; max pool 3×3, stride 2, padding 1
    ['(H+2*3-1*(7-1)-1)//2+1', '(H+1)//2'],
    ['((H+1)//2+2*1-1*(3-1)-1)//2+1', '(H+3)//4'],
    // LeNet-5 on H: conv 5, pool 2, conv 5, pool 2
    ['((H-4)//2-4)//2', '(H-12)//4'],
    ['16*(((H-4)//2-4)//2)*(((W-4)//2-4)//2)', '16*((H-12)//4)*((W-12)//4)'],
    ['64*((H+1)//2)*((W+1)//2)', '64*((H+1)//2)*((W+1)//2)'],
    ['H+1-1', 'H'],
    ['2*H-H', 'H'],
    ['H+W+H', '2*H+W'],
    ['(2*H+2)//2', 'H+1'],
    ['(2*H+3)//4', '(H+1)//2'],
    ['(4*H)//2', '2*H'],
    ['H//1', 'H'],
    ['2*(H//2)', '2*(H//2)'],
    ['(H//2)*2', '2*(H//2)'],
    ['H//2+1', '(H+2)//2'],
    ['H//2-1', '(H-2)//2'],
    ['W+(H+1)//2', '(H+2*W+1)//2'],
    ['(H+1)*(W+1)', 'H*W+H+W+1'],
    ['((H+1)//2)*((H+1)//2)', '((H+1)//2)*((H+1)//2)'],
    ['-(H//2)', '-(H//2)'],
    ['-H//2', '(-H)//2'],
    ['0-H', '-H'],
    ['5-H', '-H+5'],
    ['7//2', '3'],
    ['-7//2', '-4'],
    ['batch', 'batch'],
    ['seq_len*2', '2*seq_len'],
    ['3 * H + 1', '3*H+1'],
    // two floors of one divisor whose numerators differ by a multiple of it cancel to a sum
    ['(3*W+2)//2-(3*W)//2', '1'],
    ['(H+4*W+6)//4-(H+6)//4', 'W'],
    ['2*((H+5)//3)-2*((H-1)//3)', '4'],
    ['(H+1)//2-(H)//2', '(H+1)//2-H//2'], // differ by 1, not a multiple of 2: kept
    ['(H-4)//2-H//2-W//3', '-(W//3)-2'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} is ${expected}`, () => {
      expect(canonicalDim(input)).toBe(expected);
    });
  }
  it('text outside the grammar: an error with the position', () => {
    expect(() => parseDim('H//0')).toThrow("dim expression 'H//0': // takes a positive integer at position 3");
    expect(() => parseDim('H//W')).toThrow("dim expression 'H//W': // takes a positive integer at position 3");
    expect(() => parseDim('H+')).toThrow("dim expression 'H+': unexpected end at position 2");
    expect(() => parseDim('(H')).toThrow("dim expression '(H': expected ')' at position 2");
    expect(() => parseDim('H.5')).toThrow("dim expression 'H.5': unexpected '.' at position 1");
    expect(() => parseDim('2H')).toThrow("dim expression '2H': unexpected 'H' at position 1");
  });
});

describe('symbolic dims: equal, different or unknown', () => {
  const cases: [string, string, Record<string, number>, string][] = [
    ['(H-1)//2+1', '(H+1)//2', {}, 'equal'],
    ['(H+1)//2', 'H', { H: 2 }, 'different'],
    ['(H+1)//2', 'H', {}, 'different'], // equal at H = 0 and 1 only: finitely many
    ['2*(H//2)', 'H', { H: 1 }, 'unknown'], // equal for even H
    ['H', 'H+1', {}, 'different'],
    ['(H+3)//4', '(H+1)//2', { H: 3 }, 'different'],
    ['H//2', '(H+1)//2', {}, 'unknown'],
    ['H//2', '(H+2)//2', {}, 'different'],
    ['H', 'W', {}, 'unknown'],
    ['H*W', 'H*W', {}, 'equal'],
    ['H*W', 'H*W+1', {}, 'different'],
    ['H*W', '2*H*W', {}, 'unknown'], // not affine: beyond the bounds
    ['batch', 1, {}, 'different'], // at batch = 1 only (broadcasting's size-1 case is the caller's)
    ['batch', 8, {}, 'different'],
    ['2*(H//2)+1', 'H', {}, 'unknown'], // odd H
    ['H+W', 0, { H: 1 }, 'different'],
    ['H-W', 0, { H: 5, W: 5 }, 'unknown'],
    ['H+W', 5, {}, 'different'], // every slope positive: equal at finitely many (H, W)
    ['2*H+W-3', 'H', {}, 'different'],
    ['(H+W)//2', 'H', {}, 'unknown'], // slopes of both signs: equal whenever W is H or H+1
    ['(3*W)//2', '(3*W+2)//2', {}, 'different'], // one apart: cancelled to a constant
  ].map(([a, b, bounds, expected]) => [String(a), String(b), bounds as Record<string, number>, String(expected)]);
  for (const [a, b, bounds, expected] of cases) {
    it(`${a} vs ${b} with ${JSON.stringify(bounds)}: ${expected}`, () => {
      const dimB = /^[0-9]+$/.test(b) ? Number(b) : b;
      expect(compareDims(a, dimB, bounds)).toBe(expected);
    });
  }
  it('never wrong: "equal" never meets a different sample; "different" no equal one among large sizes (finitely many at most)', () => {
    const large = fc.record({ H: fc.integer({ min: 1e7, max: 1e9 }), W: fc.integer({ min: 1e7, max: 1e9 }), batch: fc.integer({ min: 1e7, max: 1e9 }) });
    fc.assert(
      fc.property(tree, tree, fc.array(values, { minLength: 8, maxLength: 8 }), fc.array(large, { minLength: 8, maxLength: 8 }), (ta, tb, samples, far) => {
        const outcome = compareDims(printSum(parseDim(text(ta))), printSum(parseDim(text(tb))));
        for (const v of samples) if (outcome === 'equal') expect(evaluate(ta, v)).toBe(evaluate(tb, v));
        for (const v of far) if (outcome === 'different') expect(evaluate(ta, v)).not.toBe(evaluate(tb, v));
      }),
      { numRuns: 2000, seed: 13 },
    );
  });
});

describe('symbolic dims: the shared comparison table (the types check the same rows)', () => {
  for (const c of comparisonCases) {
    it(`${c.a} vs ${c.b}: ${c.outcome}`, () => {
      expect(compareDims(c.a, c.b)).toBe(c.outcome);
    });
  }
});
