// The generated editor suite (issue 9, section 1). Its cases are generated, not hand-picked
// (test/editor-suite/cases.ts): every layer kind the package exports × every way its shape
// check can fail × every context (first layer; after each other layer kind; inside a residual
// main path, a shortcut, a cat branch, a block class; after a block), and two independent
// mistakes in one model. Each case's source is compiled by TypeScript 6.0's LanguageService and
// TypeScript 7's tsc and run (test/editor-suite/run.ts); for each compiler:
//   - the wrong model: exactly one diagnostic on each wrong layer's line, whose text contains the
//     runtime exception's message verbatim (the same model, run, throws it; inside a block class,
//     the words after the model's `layer N (CaseBlock): `, which the class cannot know), on its first line
//     and near its start (not after a long type), and no `never`, `unknown` or `any` in any message;
//   - the same model without the mistake: no diagnostic, and its trace (the model's and each
//     branch's) equals the runtime's layerTable (TS 6.0: read by the checker; TS 7: an assertion
//     `Equal<ShapeTrace<typeof model>, [...layerTable's shapes]>` in the source, which must hold).
// The cross product is sampled with a fixed seed where it grows (after a layer inside a block, the
// layer between two mistakes), keeping every kind × failure mode in every kind of context.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containers, modeLabel, modes, selectCases, type Case } from './editor-suite/cases.js';
import { checkFits, checkTraces, checkWrong, cleanUp, languageService, prepare, tsc7, type Prepared, type Reported } from './editor-suite/run.js';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const { cases, impossible } = selectCases();
/**
 * What cannot be written, by reason: the 3 block-class modes (2 on sizes, 1 on symbolic H, W)
 * inside a block class; a 0-D Linear input, and (issue 12) PReLU's and Softmax's 0-D modes, in a
 * cat branch; the 33 modes with names beyond the batch (4 of issue 11's first, 29 since) and
 * issue 12's 12 on symbolic H, W and 3 on symbolic L inside a block class, whose forward runs on
 * sizes; and the contexts the layers with indices and Embedding are not written in (`Mode.placement`).
 */
const impossibleByReason = {
  'a block class inside a block class': 3,
  'which cat cannot join': 1 + 2,
  // issue 12: modes on names of the norm layers (4), the activations (12), the resizing layers (3), ConvTranspose2d (1), the 1-D layers (3), the padding layers (1),
  // section 3's layers (mul, StochasticDepth, Permute, LayerNorm2d, LayerScale: 5), Embedding on symbolic T (1)
  'its forward runs on sizes': 33 + 4 + 12 + 3 + 1 + 3 + 1 + 5 + 1,
  // issue 12, onnx-indices (Mode.placement, Mode.before): the 3 modes of layers a model refuses
  // (returnIndices, MaxUnpool2d) in a block class, where calling them is no mistake; the 8 modes of
  // a layer with two tensors in a block class, outside it (first layer, after a layer, 3
  // containers: 40; the 7 with a mistake as both kinds of second mistake: 14); MaxUnpool2d's 4
  // modes after another layer in a block class (it takes the pool's indices before it); the 8
  // first-only modes (Embedding's 7, a Linear after an Embedding) after a layer, in the model and
  // the 4 containers (39: on symbolic T not in a block class at all) and the 6 with a mistake as
  // both kinds of second mistake (12)
  'a block class calls it with its two tensors, which is no mistake': 3,
  'a model refuses a layer with two tensors (its own mode)': 8 * 5 + 7 * 2,
  'it takes the indices of the pool right before it': 4,
  'its input is indices, which the layers before it do not make': 8 * 5 - 1 + 6 * 2,
} as const;
const problemsByCase = new Map<string, string[]>();
let dir = '';
let started = 0;
let tracesCompared = 0;

beforeAll(() => {
  started = performance.now();
  const made = prepare(cases);
  dir = made.dir;
  const service = languageService(dir);
  const native = tsc7(dir);
  const ofTsc = (file: string): Reported[] => native.get(basename(file)) ?? [];
  for (const p of made.prepared) problemsByCase.set(p.testCase.name, problemsOf(p, service, ofTsc));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const failing = [...problemsByCase.values()].filter((p) => p.length > 0).length;
  // EDITOR_SUITE_REPORT=file.json: every case's problems, sources, runtime messages and diagnostics
  if (process.env.EDITOR_SUITE_REPORT) {
    const report = made.prepared.map((p) => ({
      name: p.testCase.name,
      coverage: p.testCase.coverage,
      problems: problemsByCase.get(p.testCase.name),
      wrong: p.wrong && { text: p.wrong.text, messages: p.wrong.messages, ts6: service.diagnostics(p.wrong.file), ts7: ofTsc(p.wrong.file) },
      fits: { text: p.fits.text, ts6: service.diagnostics(p.fits.file), ts7: ofTsc(p.fits.file) },
    }));
    writeFileSync(process.env.EDITOR_SUITE_REPORT, JSON.stringify(report, null, 1));
  }
  console.log(`editor suite: ${cases.length} generated cases (${made.prepared.filter((p) => p.wrong).length} with mistakes; ${tracesCompared} traces of models and branches compared with layerTable), ${failing} failing, in ${seconds} s`);
}, 600_000);

afterAll(() => {
  if (dir) cleanUp(dir);
}, 120_000); // thousands of generated files: on a busy machine deleting them takes more than the default 10 s

function problemsOf(p: Prepared, service: ReturnType<typeof languageService>, ofTsc: (file: string) => Reported[]): string[] {
  const problems = [...p.runtimeProblems];
  if (p.wrong) {
    problems.push(...checkWrong('TS 6.0', p.wrong, service.diagnostics(p.wrong.file)));
    problems.push(...checkWrong('TS 7', p.wrong, ofTsc(p.wrong.file)));
  }
  problems.push(...checkFits('TS 6.0', service.diagnostics(p.fits.file)), ...checkFits('TS 7', ofTsc(p.fits.file)));
  if (p.fits.table) {
    const traces = service.traces(p.fits.file);
    tracesCompared += traces.length;
    problems.push(...checkTraces(traces, p.fits.table, p.testCase.input));
  }
  return problems;
}

describe('generated editor suite', () => {
  it('covers every layer kind × failure mode in every kind of context', () => {
    const coverage = new Set(cases.map((c) => c.coverage));
    const missing: string[] = [];
    for (const mode of modes) {
      const what = modeLabel(mode);
      const kinds = [
        'first layer',
        ...containers.slice(1).flatMap((container) => [`in ${container}`, `after a layer in ${container}`]),
        ...(mode.wrong ? ['second mistake', 'second mistake after a block with a mistake'] : []),
      ];
      for (const kind of kinds) {
        // a mode that cannot be written in a container cannot be written after a layer there either
        const excused = impossible.some((line) => line.startsWith(`${what} ${kind}:`) || line.startsWith(`${what} ${kind.replace(/^after a layer /, '')}:`));
        if (!coverage.has(`${what} | ${kind}`) && !excused) missing.push(`${what} | ${kind}`);
      }
      // after every other layer kind that can produce the shape it needs (unless it is placed first only, or not in a model)
      const placedFirst = impossible.some((line) => line.startsWith(`${what} after a layer:`));
      if (!placedFirst && ![...coverage].some((c) => c.startsWith(`${what} | after `) && !c.includes(' in '))) missing.push(`${what} | after a layer`);
    }
    expect(missing).toEqual([]);
    // what cannot be written is listed with why, not dropped silently
    const reasons = Object.keys(impossibleByReason) as (keyof typeof impossibleByReason)[];
    for (const line of impossible) expect(reasons.filter((reason) => line.includes(reason)), line).toHaveLength(1);
    expect(Object.fromEntries(reasons.map((reason) => [reason, impossible.filter((line) => line.includes(reason)).length]))).toEqual(impossibleByReason);
  });

  describe.each(cases.map((c: Case) => [c.name, c] as const))('%s', (name) => {
    it('one diagnostic per mistake, with the runtime words; none without it; trace = layerTable', () => {
      expect(problemsByCase.get(name)).toEqual([]);
    });
  });
});
