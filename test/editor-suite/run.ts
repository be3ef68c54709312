// Runs the generated editor suite's cases (cases.ts): each at runtime, in TypeScript 6.0's
// LanguageService and with TypeScript 7's tsc, and lists what each case breaks of issue 9's rules.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-6.0';
import * as shapecheck from 'shapecheck';
import { layerTable, zeros, type LayerRow } from 'shapecheck';
import { createLanguageService, runTsc7, serviceDiagnostics, type Reported } from '../compilers.js';
import { header, shapeLiteral, writeSource, type Case, type Dims } from './cases.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

// ---------------------------------------------------------------------------------------------
// The runtime: the same source, transpiled, with the package's exports in scope

interface Model {
  readonly inputShape: Dims;
  readonly layers: readonly shapecheck.Layer[];
  forward(input: unknown): unknown;
}
type Ran = { error: Error; table?: undefined } | { error?: undefined; table: LayerRow[] };

const exportNames = Object.keys(shapecheck);
const exportValues = exportNames.map((name) => (shapecheck as Record<string, unknown>)[name]);

/**
 * Runs a variant: builds the model, tabulates it, runs it on zeros (the first dim's name as 2,
 * other names as 13: a size no convolution or pool makes degenerate, where paths proved different
 * really differ); what it throws first.
 */
export function run(text: string): Ran {
  const build = builder(text);
  try {
    const model = build();
    const table = layerTable(model);
    model.forward(zeros(concreteInput(model)));
    return { table };
  } catch (error) {
    return { error: error as Error };
  }
}

/** A variant's `build`, transpiled, with the package's exports in scope. */
function builder(text: string): () => Model {
  if (!text.startsWith(`${header}\n`)) throw new Error('a case starts with the import header');
  const body = text.slice(header.length + 1).replace(/^export function build/m, 'function build');
  const js = ts.transpileModule(body, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the case's own source, run as the reader's code would
  return new Function(...exportNames, `${js}\nreturn build;`)(...exportValues) as () => Model;
}

/** The input `run` gives a model: the first dim's name as 2, other names as 13. */
const concreteInput = (model: Model): number[] => model.inputShape.map((d, i) => (typeof d === 'number' ? d : i === 0 ? 2 : 13));

/**
 * What a block class's forward returns (its first layer's, run on `run`'s input), when the
 * fitting path cannot be written as a model to ask its layerTable (a layer with two tensors).
 */
export function blockForwardShape(text: string): Dims | undefined {
  try {
    const model = builder(text)();
    const block = model.layers[0] as unknown as { forward(x: unknown): unknown };
    const output = block.forward(zeros(concreteInput(model)));
    return output instanceof shapecheck.Tensor ? (output.shape as Dims) : undefined;
  } catch {
    return undefined;
  }
}

/** The trace the runtime computed, written as a type (`number` where a dim is computed from names). */
export function traceType(input: Dims, rows: readonly LayerRow[]): string {
  const dims = (shape: readonly (number | string)[]): string =>
    `[${shape.map((d) => (typeof d === 'number' ? String(d) : d === 'number' ? 'number' : `'${d}'`)).join(', ')}]`;
  return `[${[dims(input), ...rows.filter((r) => r.depth === 0).map((r) => (r.shape ? dims(r.shape) : 'null'))].join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------
// The variants of each case, on disk for both compilers

export interface Variant {
  readonly file: string;
  readonly text: string;
  readonly wrongLines: readonly number[];
  /**
   * The words the editor must show on each wrong line: the runtime's message (from the variant
   * with that mistake alone); inside a block class, without the model's `layer N (CaseBlock): `
   * before it (the class's lines do not know where a model puts the block; the exception does).
   */
  readonly messages: readonly string[];
  /** What running this variant threw (for a wrong variant: it must be the first mistake's message). */
  readonly thrown: Error | undefined;
  /** The fitting variant's layer table. */
  readonly table: readonly LayerRow[] | undefined;
}

export interface Prepared {
  readonly testCase: Case;
  readonly wrong: Variant | undefined;
  readonly fits: Variant;
  /** Problems found before compiling (a wrong variant that runs, a fitting one that throws). */
  readonly runtimeProblems: readonly string[];
}

export function prepare(cases: readonly Case[]): { dir: string; prepared: Prepared[] } {
  const dir = mkdtempSync(join(tmpdir(), 'shapecheck-editor-suite-'));
  mkdirSync(join(dir, 'cases'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        // the repo's options ('shapecheck' mapped to src/index.ts by its `paths`), over the generated files
        extends: join(root, 'tsconfig.json'),
        compilerOptions: { typeRoots: [join(root, 'node_modules', '@types')] },
        include: ['cases/*.ts'],
        exclude: [],
      },
      null,
      2,
    ),
  );
  const prepared = cases.map((testCase, index): Prepared => {
    const problems: string[] = [];
    // a block class declares the fitting path's output: the runtime computes it
    let blockOutput: Dims | undefined;
    if (testCase.container === 'block class') {
      const asModel = run(writeSource({ ...testCase, container: 'model' }, []).text);
      // the model's last own row (a block's rows come before its branches' layers)
      const outer = asModel.table?.filter((row) => row.depth === 0);
      if (outer) blockOutput = outer.length > 0 ? (outer[outer.length - 1]!.shape as Dims) : testCase.input;
      // a path a model refuses (a layer with two tensors): what the class's forward returns
      else blockOutput = blockForwardShape(writeSource(testCase, []).text);
    }
    const extra = blockOutput ? { blockOutput } : {};
    const fitsPlain = writeSource(testCase, [], extra);
    const fitsRan = run(fitsPlain.text);
    if (fitsRan.error) problems.push(`runtime: the fitting model throws ${fitsRan.error.name}: ${fitsRan.error.message}`);
    const fitsSource = fitsRan.table ? writeSource(testCase, [], { ...extra, traceCheck: traceType(testCase.input, fitsRan.table) }) : fitsPlain;
    const fitsFile = join(dir, 'cases', `c${String(index).padStart(4, '0')}-fits.ts`);
    writeFileSync(fitsFile, fitsSource.text);
    const fits: Variant = { file: fitsFile, text: fitsSource.text, wrongLines: [], messages: [], thrown: fitsRan.error, table: fitsRan.table };
    let wrong: Variant | undefined;
    if (testCase.mistakes.length > 0) {
      const messages = testCase.mistakes.map((mistake) => {
        const alone = run(writeSource(testCase, [mistake], extra).text);
        if (!alone.error) problems.push(`runtime: the model with mistake ${mistake + 1} alone does not throw`);
        return alone.error?.message ?? '(no exception)';
      });
      const source = writeSource(testCase, testCase.mistakes, extra);
      const ran = run(source.text);
      if (!ran.error) problems.push('runtime: the wrong model does not throw');
      else if (ran.error.message !== messages[0]) problems.push(`runtime: the wrong model throws '${ran.error.message}', not the first mistake's '${messages[0]}'`);
      // inside a block class, a shape error reaches the model, which puts the block's position
      // before it; options wrong by themselves are thrown by the field's constructor, as they are
      const editorWords = messages.map((message) =>
        testCase.container === 'block class' ? message.replace(/^layer \d+ \(CaseBlock\): /, '') : message,
      );
      const file = join(dir, 'cases', `c${String(index).padStart(4, '0')}-wrong.ts`);
      writeFileSync(file, source.text);
      wrong = { file, text: source.text, wrongLines: source.wrongLines, messages: editorWords, thrown: ran.error, table: undefined };
    }
    return { testCase, wrong, fits, runtimeProblems: problems };
  });
  return { dir, prepared };
}

export const cleanUp = (dir: string): void => rmSync(dir, { recursive: true, force: true });

// ---------------------------------------------------------------------------------------------
// The compilers

/** TypeScript 6.0's LanguageService over the generated files, as an editor runs it. */
export function languageService(dir: string): {
  diagnostics: (file: string) => Reported[];
  /** Each `Sequential` the fitting source builds (the model and every branch): its prefix and trace as the compiler has them. */
  traces: (file: string) => { prefix: string; trace: string }[];
} {
  const { service } = createLanguageService(join(dir, 'tsconfig.json'), dir);
  const diagnostics = (file: string): Reported[] => serviceDiagnostics(service, file);
  const traces = (file: string): { prefix: string; trace: string }[] => {
    const program = service.getProgram()!;
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file)!;
    const found: { prefix: string; trace: string }[] = [];
    const read = (node: ts.Node): void => {
      const type = checker.getTypeAtLocation(node);
      if (type.getSymbol()?.getName() !== 'Sequential') return;
      // the trace as ShapeTrace reads it (the '~trace' property), the prefix by its type parameter's name
      const traceSymbol = type.getProperty('~trace');
      const reference = type as ts.TypeReference;
      const parameters = reference.target?.typeParameters ?? [];
      const prefix = checker.getTypeArguments(reference)[parameters.findIndex((p) => p.symbol.getName() === 'Prefix')];
      if (!traceSymbol || !prefix) return;
      const trace = checker.getNonNullableType(checker.getTypeOfSymbol(traceSymbol));
      found.push({
        prefix: prefix.isStringLiteral() ? prefix.value : checker.typeToString(prefix),
        trace: checker.typeToString(trace, undefined, ts.TypeFormatFlags.NoTruncation),
      });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'model') read(node.name);
      if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) read(node.body);
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  };
  return { diagnostics, traces };
}

/** TypeScript 7's tsc over the generated files: their diagnostics by file name. */
export function tsc7(dir: string): Map<string, Reported[]> {
  const byFile = new Map<string, Reported[]>();
  for (const d of runTsc7(join(dir, 'tsconfig.json'), dir).reported) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  return byFile;
}

// ---------------------------------------------------------------------------------------------
// The rules (issue 9, section 1), as problems found in one compiler's diagnostics

/** How far into a diagnostic the message may start: past the argument's own type, not a model's. */
export const MESSAGE_WITHIN = 200;

const forbidden = /\b(never|unknown|any)\b/;

/** The problems of a wrong variant's diagnostics: one per wrong line, with the runtime's words first. */
export function checkWrong(compiler: string, variant: Variant, reported: readonly Reported[]): string[] {
  const problems: string[] = [];
  const lines = reported.map((d) => d.line).sort((a, b) => a - b);
  const expected = [...variant.wrongLines].sort((a, b) => a - b);
  if (lines.join() !== expected.join()) {
    problems.push(
      `${compiler}: expected ${expected.length} diagnostic(s) on line(s) ${expected.join(', ')}, got ${reported.length}${reported.length ? ` on line(s) ${lines.join(', ')}` : ''}`,
    );
  }
  variant.wrongLines.forEach((line, i) => {
    const message = variant.messages[i]!;
    const here = reported.filter((d) => d.line === line);
    const d = here.find((candidate) => candidate.message.includes(message)) ?? here[0];
    if (!d) return;
    const at = d.message.indexOf(message);
    if (at < 0) problems.push(`${compiler}: line ${line}: the diagnostic does not contain the runtime's message`);
    else {
      const before = d.message.slice(0, at);
      if (before.includes('\n')) problems.push(`${compiler}: line ${line}: the message is not on the diagnostic's first line`);
      if (at > MESSAGE_WITHIN || before.includes('Sequential<')) problems.push(`${compiler}: line ${line}: the message starts ${at} characters in, after a long type`);
    }
  });
  for (const d of reported) {
    const word = forbidden.exec(d.message);
    if (word) problems.push(`${compiler}: line ${d.line}: the diagnostic says '${word[1]}'`);
  }
  return problems;
}

/** The problems of a fitting variant: any diagnostic at all. */
export function checkFits(compiler: string, reported: readonly Reported[]): string[] {
  return reported.map((d) => `${compiler}: the fitting model has a diagnostic on line ${d.line}`);
}

/** The compiler's traces against the runtime's layer table, branch by branch. */
export function checkTraces(traces: readonly { prefix: string; trace: string }[], table: readonly LayerRow[], input: Dims): string[] {
  const problems: string[] = [];
  if (!traces.some((t) => t.prefix === '')) problems.push("trace: the compiler's type of `model` is not a Sequential");
  for (const { prefix, trace } of traces) {
    const rows = table.filter((r) => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+$`).test(r.position));
    let parsed: unknown;
    try {
      parsed = JSON.parse(trace.replace(/\bnumber\b/g, '"number"'));
    } catch {
      problems.push(`trace ${prefix || '(model)'}: the compiler's trace is ${trace}`);
      continue;
    }
    const shapes = (parsed as unknown[][]).slice(1);
    const expected = rows.map((r) => r.shape);
    if (JSON.stringify(shapes) !== JSON.stringify(expected)) {
      problems.push(`trace ${prefix || '(model)'}: the compiler has ${JSON.stringify(shapes)}, layerTable ${JSON.stringify(expected)}`);
    }
    if (prefix === '' && JSON.stringify((parsed as unknown[][])[0]) !== JSON.stringify(input)) problems.push(`trace: starts at ${trace}`);
  }
  return problems;
}

export { shapeLiteral, type Reported };
