// What an editor shows, checked on real files. One TypeScript 6.0 LanguageService (the API an
// editor's tsserver uses) runs over the fixtures in test/editor-fixtures/ (their own tsconfig.json,
// 'shapecheck' mapped to src/index.ts), and the suite asserts:
//   - correct models (LeNet-5 with a named batch, the functional twins, a `number` batch) have no
//     diagnostics, and hover (quick info) shows the exact computed `Tensor<[...]>` and shape trace,
//     the same shapes the runtime produces when the fixture is executed;
//   - each broken fixture has exactly one diagnostic, at the wrong argument on the line marked
//     `// <- wrong`, whose text contains exactly the message the runtime throws when the fixture's
//     `build()` is executed (one source of truth: editor and exception say the same words);
//   - TypeScript 7's native `tsc` on the same fixtures reports the same diagnostics (file, line,
//     column, code) with the same message text.
// The fixtures are wrong on purpose, so the root tsconfig.json excludes them, and they are
// imported here only dynamically (by URL), so the main type-check does not follow the import.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript-6.0';
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError, Tensor } from 'shapecheck';
import { resnet50Source } from '../bench/types/resnet50.mjs';
import { createLanguageService, runTsc7, serviceDiagnostics, type Reported as Compiled } from './compilers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixturesDir = join(root, 'test', 'editor-fixtures');
const fixturesConfig = join(fixturesDir, 'tsconfig.json');
const marker = '// <- wrong';

// ---------------------------------------------------------------------------------------------
// Long models, for hover: generated in memory beside the fixtures (they have no mistakes)

/** torchvision's vgg16_bn as one typed chain: 13 conv + BN + ReLU, 5 max pools, the classifier. */
function vgg16BnSource(): string {
  const config = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'] as const;
  const lines = [`import { AdaptiveAvgPool2d, BatchNorm2d, Conv2d, Dropout, Flatten, Linear, MaxPool2d, ReLU, Sequential } from 'shapecheck';`];
  lines.push(`export const model = new Sequential(['batch', 3, 224, 224])`);
  let channels = 3;
  for (const v of config) {
    if (v === 'M') lines.push('  .add(new MaxPool2d({ kernelSize: 2, stride: 2 }))');
    else {
      lines.push(`  .add(new Conv2d({ inChannels: ${channels}, outChannels: ${v}, kernelSize: 3, padding: 1 }))`);
      lines.push(`  .add(new BatchNorm2d({ numFeatures: ${v} }))`, '  .add(new ReLU())');
      channels = v;
    }
  }
  lines.push('  .add(new AdaptiveAvgPool2d({ outputSize: [7, 7] }))', '  .add(new Flatten())');
  lines.push('  .add(new Linear({ inFeatures: 25088, outFeatures: 4096 }))', '  .add(new ReLU())', '  .add(new Dropout())');
  lines.push('  .add(new Linear({ inFeatures: 4096, outFeatures: 4096 }))', '  .add(new ReLU())', '  .add(new Dropout())');
  lines.push('  .add(new Linear({ inFeatures: 4096, outFeatures: 1000 }));', '');
  return lines.join('\n');
}

const virtualFiles = new Map<string, string>([
  [join(fixturesDir, '__virtual__', 'resnet50.ts'), resnet50Source('shapecheck').text],
  [join(fixturesDir, '__virtual__', 'vgg16-bn.ts'), vgg16BnSource()],
]);

// ---------------------------------------------------------------------------------------------
// The LanguageService, over the files on disk, as an editor runs it (one for all fixtures)

const { service, fileNames } = createLanguageService(fixturesConfig, root, virtualFiles);
const pathOf = (fixture: string): string => {
  const path = fileNames.find((name) => basename(name) === fixture);
  if (!path) throw new Error(`${fixture} is not in ${fixturesConfig}`);
  return path;
};
const textOf = (fixture: string): string => virtualFiles.get(pathOf(fixture)) ?? readFileSync(pathOf(fixture), 'utf8');

/** A diagnostic with its fixture's name and the text it spans ('' from tsc, which prints no span). */
type Reported = Compiled & { fixture: string; span: string };

/** Syntactic and semantic diagnostics of one fixture, lines and columns 1-based, with the text each spans. */
function diagnosticsOf(fixture: string): Reported[] {
  const text = textOf(fixture);
  return serviceDiagnostics(service, pathOf(fixture)).map((d) => ({ ...d, fixture, span: text.slice(d.start, (d.start ?? 0) + (d.length ?? 0)) }));
}

/** What hovering over the declaration `const name` shows. */
function hover(fixture: string, name: string): string {
  const match = new RegExp(`\\bconst (${name})\\b`).exec(textOf(fixture));
  if (!match) throw new Error(`no const ${name} in ${fixture}`);
  const info = service.getQuickInfoAtPosition(pathOf(fixture), match.index + 'const '.length);
  return ts.displayPartsToString(info?.displayParts);
}

/** The 1-based line holding the marker comment (exactly one per broken fixture). */
function markerLine(fixture: string): number {
  const lines = textOf(fixture).split('\n');
  const at = lines.flatMap((line, i) => (line.includes(marker) ? [i + 1] : []));
  if (at.length !== 1) throw new Error(`${fixture}: expected one '${marker}', found ${at.length}`);
  return at[0]!;
}

/** The fixture, executed (vitest resolves 'shapecheck' to src/). */
async function load(fixture: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(pathOf(fixture)).href)) as Record<string, unknown>;
}

/** What the fixture's `build()` throws. */
async function runtimeError(fixture: string): Promise<Error> {
  const { build } = (await load(fixture)) as { build: () => unknown };
  try {
    build();
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${fixture}: build() did not throw`);
}

/** The string literal type of the parameter in "... not assignable to parameter of type '"..."'". */
function parameterText(message: string): string | undefined {
  return /parameter of type '"(.*)"'/.exec(message)?.[1];
}

// ---------------------------------------------------------------------------------------------
// The fixtures

const cleanFixtures = ['lenet.ts', 'functional-chain.ts', 'symbolic-batch.ts'] as const;

/** Long models (generated in memory): hover must show their input and output within its default length. */
const longModels = [
  { fixture: 'resnet50.ts', input: '["batch", 3, 224, 224]', output: '["batch", 1000]' },
  { fixture: 'vgg16-bn.ts', input: '["batch", 3, 224, 224]', output: '["batch", 1000]' },
] as const;

// The runtime's message is the source of truth (its exact words are src/'s business): here only
// its position, kind and the numbers it must name, so that a wording change does not break this suite.
const brokenFixtures = [
  {
    fixture: 'wrong-linear.ts',
    what: 'Linear inFeatures 576 after Flatten of [batch, 16, 5, 5]',
    argument: 'new Linear({ inFeatures: 576, outFeatures: 120 })',
    runtimeStarts: 'layer 8 (Linear): ',
    runtimeMentions: ['576', '400'],
  },
  {
    fixture: 'wrong-conv-channels.ts',
    what: 'Conv2d inChannels 3 after 8 channels',
    argument: 'new Conv2d({ inChannels: 3, outChannels: 16, kernelSize: 3, padding: 1 })',
    runtimeStarts: 'layer 5 (Conv2d): ',
    runtimeMentions: ['[batch, 8, 16, 16]', '3 channels', '8 channels'],
  },
  {
    fixture: 'wrong-residual.ts',
    what: 'BatchNorm2d numFeatures 64 inside a residual path on 128 channels',
    argument: 'new BatchNorm2d({ numFeatures: 64 })',
    runtimeStarts: 'layer 6.2 (BatchNorm2d): ',
    runtimeMentions: ['[batch, 128, 28, 28]', '64', '128'],
  },
  {
    fixture: 'functional-add.ts',
    what: 'add([2, 16, 8, 8], [2, 8, 8, 8])',
    argument: 'branch',
    runtimeStarts: 'add: ',
    runtimeMentions: ['(16)', '(8)', 'dimension 1'],
  },
] as const;

const hovers = [
  { fixture: 'lenet.ts', name: 'logits', shows: 'const logits: Tensor<[4, 10]>' },
  { fixture: 'functional-chain.ts', name: 'features', shows: 'const features: Tensor<[2, 16, 16, 16]>' },
  { fixture: 'functional-chain.ts', name: 'pooled', shows: 'const pooled: Tensor<[2, 16, 8, 8]>' },
  { fixture: 'functional-chain.ts', name: 'residual', shows: 'const residual: Tensor<[2, 16, 8, 8]>' },
  { fixture: 'functional-chain.ts', name: 'joined', shows: 'const joined: Tensor<[2, 32, 8, 8]>' },
  // the factories' shapes are readonly tuples (a layer's output is not)
  { fixture: 'lenet.ts', name: 'x', shows: 'const x: Tensor<readonly [4, 1, 32, 32]>' },
  { fixture: 'symbolic-batch.ts', name: 'x', shows: 'const x: Tensor<readonly [number, 1, 28, 28]>' },
  { fixture: 'symbolic-batch.ts', name: 'logits', shows: 'const logits: Tensor<[number, 10]>' },
] as const;

/** Hover at a model shows `Sequential<input, trace, ...>`: the trace, exactly (the rest is src/'s business). */
const traces = [
  {
    fixture: 'lenet.ts',
    name: 'model',
    trace:
      '[["batch", 1, 32, 32], ["batch", 6, 28, 28], ["batch", 6, 28, 28], ["batch", 6, 14, 14], ["batch", 16, 10, 10], ' +
      '["batch", 16, 10, 10], ["batch", 16, 5, 5], ["batch", 400], ["batch", 120], ["batch", 120], ["batch", 84], ["batch", 84], ["batch", 10]]',
  },
  {
    fixture: 'symbolic-batch.ts',
    name: 'model',
    trace: '[[number, 1, 28, 28], [number, 4, 28, 28], [number, 4, 28, 28], [number, 3136], [number, 10]]',
  },
] as const;

/** The exported tensors of the clean fixtures, with the shape they have when run. */
const runtimeShapes = [
  { fixture: 'lenet.ts', name: 'logits', shape: [4, 10] },
  { fixture: 'functional-chain.ts', name: 'pooled', shape: [2, 16, 8, 8] },
  { fixture: 'functional-chain.ts', name: 'residual', shape: [2, 16, 8, 8] },
  { fixture: 'functional-chain.ts', name: 'joined', shape: [2, 32, 8, 8] },
  { fixture: 'symbolic-batch.ts', name: 'logits', shape: [3, 10] },
] as const;

// ---------------------------------------------------------------------------------------------
// TypeScript 6.0 LanguageService

describe('TypeScript 6.0 LanguageService on test/editor-fixtures', () => {
  it('the LanguageService program holds exactly the fixtures, with no option errors', () => {
    expect(fileNames.map((name) => basename(name)).sort()).toEqual([...cleanFixtures, ...longModels.map((m) => m.fixture), ...brokenFixtures.map((b) => b.fixture)].sort());
    expect(service.getCompilerOptionsDiagnostics().map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it.each([...cleanFixtures, ...longModels.map((m) => m.fixture)])('%s: no syntactic or semantic diagnostics', (fixture) => {
    expect(diagnosticsOf(fixture)).toEqual([]);
  });

  it.each(longModels)('$fixture: hover at `model` shows Sequential<$input, $output, …> within the default quick-info length', ({ fixture, input, output }) => {
    const shown = hover(fixture, 'model');
    // the LanguageService's default hover length (maximumHoverLength) cuts the rest: input and output come first
    expect(shown.startsWith(`const model: Sequential<readonly ${input}, ${output}, [`), shown).toBe(true);
    expect(shown).toMatch(/\.\.\. \d+ more \.\.\./);
  });

  it.each(hovers)('$fixture: hover at `$name` shows $shows', ({ fixture, name, shows }) => {
    expect(hover(fixture, name)).toBe(shows);
  });

  it.each(traces)('$fixture: hover at `$name` shows the shape trace $trace', ({ fixture, name, trace }) => {
    const shown = hover(fixture, name);
    expect(shown.startsWith(`const ${name}: Sequential<readonly [`), shown).toBe(true);
    expect(shown).toContain(`, ${trace}`);
  });

  it.each(runtimeShapes)('$fixture: `$name` run has shape $shape, as hover shows', async ({ fixture, name, shape }) => {
    const value = (await load(fixture))[name];
    expect(value).toBeInstanceOf(Tensor);
    expect((value as Tensor).shape).toEqual(shape);
    // the hover's literal dims are the runtime's ('batch' and number stand for any size)
    const hovered = /Tensor<\[(.*)\]>$/.exec(hover(fixture, name))?.[1]?.split(', ');
    expect(hovered).toHaveLength(shape.length);
    hovered!.forEach((dim, i) => {
      if (/^\d+$/.test(dim)) expect(Number(dim)).toBe(shape[i]);
    });
  });

  describe.each(brokenFixtures)('$fixture ($what)', ({ fixture, argument, runtimeStarts, runtimeMentions }) => {
    let error: Error;
    beforeAll(async () => {
      error = await runtimeError(fixture);
    });

    it(`build() throws a ShapeError starting '${runtimeStarts}' naming ${runtimeMentions.join(', ')}`, () => {
      expect(error).toBeInstanceOf(ShapeError);
      expect(error.message.startsWith(runtimeStarts), error.message).toBe(true);
      for (const words of runtimeMentions) expect(error.message).toContain(words);
    });

    it(`the first diagnostic is TS2345 on the '${marker}' line, at \`${argument}\`, with the runtime's message`, () => {
      const [first] = diagnosticsOf(fixture);
      expect(first).toBeDefined();
      expect(first!.line).toBe(markerLine(fixture));
      expect(first!.code).toBe(2345);
      expect(first!.span).toBe(argument);
      expect(first!.message).toContain(`parameter of type '"${error.message}"'`);
      expect(parameterText(first!.message)).toBe(error.message);
    });

    it('exactly one diagnostic: none after the wrong argument (the runtime stops there too)', () => {
      const reported = diagnosticsOf(fixture).map((d) => ({ line: d.line, message: parameterText(d.message) ?? d.message }));
      expect(reported).toEqual([{ line: markerLine(fixture), message: error.message }]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// TypeScript 7 (native tsc, no JS API): the same diagnostics from the command line

describe('TypeScript 7 tsc on test/editor-fixtures agrees with the LanguageService', () => {
  let tsc: Reported[];
  let status: number | null;
  const languageService = (): Reported[] => fileNames.flatMap((name) => diagnosticsOf(basename(name)));
  const key = (d: Reported): string => `${d.fixture}:${d.line}:${d.column} TS${d.code}`;

  beforeAll(() => {
    const result = runTsc7(fixturesConfig, root);
    status = result.status;
    tsc = result.reported.map((d) => ({ ...d, fixture: d.file, span: '' }));
  }, 60_000);

  it('tsc 7 runs and exits with an error status', () => {
    // tsc 7 exits 1 where tsc 6 exits 2 (both: errors reported, nothing emitted)
    expect([1, 2]).toContain(status);
    expect(tsc.length).toBeGreaterThan(0);
  });

  it('the same set of (file, line, column, code) diagnostics', () => {
    expect(tsc.map(key).sort()).toEqual(languageService().map(key).sort());
  });

  it.each(brokenFixtures)('$fixture: tsc 7 reports at the marker line with the runtime message, as the LanguageService', async ({ fixture }) => {
    const error = await runtimeError(fixture);
    const here = tsc.filter((d) => d.fixture === fixture && d.line === markerLine(fixture));
    expect(here).toHaveLength(1);
    expect(parameterText(here[0]!.message)).toBe(error.message);
  });

  it('the same message text for each diagnostic (first line of the chain, then the whole chain)', () => {
    const byKey = new Map(languageService().map((d) => [key(d), d.message]));
    for (const d of tsc) {
      const fromService = byKey.get(key(d));
      expect(fromService, key(d)).toBeDefined();
      expect(d.message.split('\n')[0], key(d)).toBe(fromService!.split('\n')[0]);
      expect(parameterText(d.message), key(d)).toBe(parameterText(fromService!));
      expect(d.message.split('\n').map((l) => l.trim()), key(d)).toEqual(fromService!.split('\n').map((l) => l.trim()));
    }
  });
});
