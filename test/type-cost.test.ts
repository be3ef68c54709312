// What a whole model costs the type checker, as a count (deterministic for a given TypeScript and
// source, so not a timed test): the ResNet-50 of `npm run bench:types` (53 convolutions, 16
// residual blocks), compiled by TypeScript 6.0 against src/. The budget keeps the cost from
// creeping back (reading the last shape off the trace once made it quadratic in the model's
// length); the timings themselves are in docs/benchmarks.md.
import { describe, expect, it } from 'vitest';
import { resnet50Source } from '../bench/types/resnet50.mjs';
import { compileSnippet } from '../scripts/virtual-program.mjs';

// measured 49,750 on TypeScript 6.0.3 (2026-11-26), 51,242 after issue 9 (2026-12-05, docs/benchmarks.md)
const BUDGET = 54_000;

describe('type-checking cost of a ResNet-50 model (TypeScript 6.0 instantiations)', () => {
  it(`resnet50: no diagnostics, the trace ends at ['batch', 1000], at most ${BUDGET.toLocaleString('en-US')} instantiations`, { timeout: 60_000 }, () => {
    const { text, convs } = resnet50Source('shapecheck');
    expect(convs).toBe(53);
    const { diagnostics, instantiations } = compileSnippet(text);
    // the generated file asserts its own trace: a wrong shape would be a diagnostic
    expect(diagnostics).toEqual([]);
    expect(instantiations).toBeGreaterThan(10_000);
    expect(instantiations).toBeLessThanOrEqual(BUDGET);
  });

  it('resnet50 with one wrong inChannels: one diagnostic, on that line, for a similar count', { timeout: 60_000 }, () => {
    const { text, brokenLine } = resnet50Source('shapecheck', { broken: true });
    const { diagnostics, instantiations } = compileSnippet(text);
    expect(diagnostics.map((d) => d.line + 1)).toEqual([brokenLine]);
    expect(diagnostics[0]!.message).toContain('expected input[batch, 1024, 14, 14] to have 512 channels, but got 1024 channels instead');
    expect(instantiations).toBeLessThanOrEqual(BUDGET);
  });
});
