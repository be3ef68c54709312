// Named dims: one generated table of (declared shape, actual shape) pairs drives the runtime
// (bindNames, assertShape, checkInputShape, Sequential.forward) and the compiler (assertShape's
// argument and Sequential.forward's argument and result, TypeScript 6.0's API as an editor runs
// it), against a reference written differently (pairwise rather than by binding), so each side
// is checked against the rule and both say the same words.
import { describe, expect, it } from 'vitest';
import { Sequential, ShapeError, assertShape, bindNames, checkInputShape, tensor, zeros, type Shape } from 'shapecheck';
import { compileSnippet } from '../scripts/virtual-program.mjs';
import { expectThrows } from './helpers.js';

type Declared = readonly (number | string)[];

/** Every tuple of length 1 to `maxRank` over `values`. */
function tuples<T>(values: readonly T[], maxRank: number): T[][] {
  const out: T[][] = [];
  let layer: T[][] = [[]];
  for (let rank = 1; rank <= maxRank; rank++) {
    layer = layer.flatMap((prefix) => values.map((value) => [...prefix, value]));
    out.push(...layer);
  }
  return out;
}

/** The rule, stated pairwise: same rank, literals equal, and two positions of one name the same size. */
function fitsReference(declared: Declared, actual: readonly number[]): boolean {
  if (declared.length !== actual.length) return false;
  for (let i = 0; i < declared.length; i++) {
    if (typeof declared[i] === 'number' && declared[i] !== actual[i]) return false;
    for (let j = i + 1; j < declared.length; j++) {
      if (typeof declared[i] === 'string' && declared[i] === declared[j] && actual[i] !== actual[j]) return false;
    }
  }
  return true;
}

const declaredShapes = tuples<number | string>(['n', 'm', 2, 3], 3);
const actualShapes = tuples([2, 3], 3);
const cases = declaredShapes.flatMap((declared) => actualShapes.map((actual) => ({ declared, actual, fits: fitsReference(declared, actual) })));
const name = (c: { declared: Declared; actual: readonly number[] }): string => `declared=${JSON.stringify(c.declared)} actual=${JSON.stringify(c.actual)}`;
const message = (kind: string, c: { declared: Declared; actual: readonly number[] }): string =>
  `${kind}: expected an input of shape [${c.declared.join(', ')}], got [${c.actual.join(', ')}]`;

describe('the generated table', () => {
  it('has both outcomes, on every kind of reason', () => {
    expect(cases.length).toBe(84 * 14);
    expect(cases.filter((c) => c.fits).length).toBeGreaterThan(100);
    // a rank mismatch, a literal mismatch, and a name given two sizes, each alone
    expect(cases.find((c) => JSON.stringify(c.declared) === '["n"]' && JSON.stringify(c.actual) === '[2,2]')?.fits).toBe(false);
    expect(cases.find((c) => JSON.stringify(c.declared) === '[2,"n"]' && JSON.stringify(c.actual) === '[3,3]')?.fits).toBe(false);
    expect(cases.find((c) => JSON.stringify(c.declared) === '["n","n"]' && JSON.stringify(c.actual) === '[2,3]')?.fits).toBe(false);
    expect(cases.find((c) => JSON.stringify(c.declared) === '["n","m"]' && JSON.stringify(c.actual) === '[2,2]')?.fits).toBe(true);
  });
});

describe('at runtime', () => {
  it.each(cases.map((c) => [name(c), c] as const))('%s', (_name, c) => {
    const bound = bindNames(c.declared, c.actual);
    expect(bound !== undefined).toBe(c.fits);
    const x = zeros(c.actual as number[]);
    if (c.fits) {
      // each name bound to the size at its positions
      c.declared.forEach((dim, i) => typeof dim === 'string' && expect(bound?.[dim]).toBe(c.actual[i]));
      expect(assertShape(x, c.declared as Shape)).toBe(x);
      expect(() => checkInputShape('Block', c.declared, c.actual)).not.toThrow();
      expect(new Sequential(c.declared as Shape).forward(x as never).shape).toEqual(c.actual);
    } else {
      expectThrows(() => assertShape(x, c.declared as Shape), ShapeError, message('assertShape', c));
      expectThrows(() => checkInputShape('Block', c.declared, c.actual), ShapeError, message('Block', c));
      expectThrows(() => new Sequential(c.declared as Shape).forward(x as never), ShapeError, message('Sequential', c));
    }
  });

  it('assertShape returns the tensor itself, not a copy', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = assertShape(x, ['rows', 3]);
    expect(y).toBe(x);
    expect(y.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
});

describe('in the compiler: the same table, the same words', () => {
  const lines = [`import { Sequential, assertShape, type Tensor } from 'shapecheck';`];
  cases.forEach((c, i) => {
    lines.push(`declare const t${i}: Tensor<${JSON.stringify(c.actual)}>;`);
    lines.push(`export const a${i} = assertShape(t${i}, ${JSON.stringify(c.declared)});`);
    lines.push(`export const f${i} = new Sequential(${JSON.stringify(c.declared)}).forward(t${i});`);
  });
  const { diagnostics, typeAt } = compileSnippet(lines.join('\n'));

  it.each(cases.map((c, i) => [name(c), i, c] as const))('%s', (_name, i, c) => {
    const at = (line: number): string[] => diagnostics.filter((d) => d.line === line).map((d) => d.message);
    const assertLine = 1 + 3 * i + 1;
    const forwardLine = assertLine + 1;
    if (c.fits) {
      expect(at(assertLine)).toEqual([]);
      expect(at(forwardLine)).toEqual([]);
      expect(typeAt(`a${i}`)).toBe(`Tensor<readonly [${c.declared.map((d) => JSON.stringify(d)).join(', ')}]>`);
      // every name replaced by what the input gave it: the input's own shape
      expect(typeAt(`f${i}`)).toBe(`Tensor<[${c.actual.join(', ')}]>`);
    } else {
      expect(at(assertLine)).toHaveLength(1);
      expect(at(assertLine)[0]).toContain(`parameter of type '"${message('assertShape', c)}"'`);
      expect(at(forwardLine)).toHaveLength(1);
      expect(at(forwardLine)[0]).toContain(`parameter of type '"${message('Sequential', c)}"'`);
    }
  });
});
