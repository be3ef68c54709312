// Every TSDoc @example in src/ is compiled (TypeScript 6.0, as an editor would) and run against
// the built package: `type X = ...` followed by `//=> T` must have the type T, and an expression
// statement followed by `//=> value` must evaluate to value.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript-6.0';
import { describe, expect, it } from 'vitest';
import { compileSnippets } from '../scripts/virtual-program.mjs';

const srcDir = fileURLToPath(new URL('../src', import.meta.url));
const distIndex = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

interface Example {
  name: string;
  code: string;
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const path of sourceFiles(srcDir)) {
    const text = readFileSync(path, 'utf8');
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    for (const statement of file.statements) {
      const isExported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (!isExported) continue;
      const name = ts.getNameOfDeclaration(statement as ts.DeclarationStatement)?.getText() ?? '?';
      for (const tag of ts.getJSDocTags(statement)) {
        if (tag.tagName.text !== 'example') continue;
        const comment = ts.getTextOfJSDocComment(tag.comment) ?? '';
        const code = /```ts\n([\s\S]*?)```/.exec(comment)?.[1];
        if (code) found.push({ name: `${path.slice(srcDir.length + 1)}: ${name}`, code });
      }
    }
  }
  return found;
}

const normalize = (type: string): string => type.replace(/'/g, '"').replace(/\s+/g, ' ').trim();
/**
 * A union's members in a fixed order: TypeScript prints them in the order their types were
 * created, which in a program shared by all examples depends on the examples before (`112 | 128`
 * or `128 | 112`), so top-level members are compared as a set.
 */
const members = (type: string): string => {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < type.length; i++) {
    const c = type[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && '[{(<'.includes(c!)) depth++;
    else if (!quoted && ']})>'.includes(c!)) depth--;
    else if (!quoted && depth === 0 && type.startsWith(' | ', i)) {
      parts.push(type.slice(start, i));
      start = i + 3;
    }
  }
  parts.push(type.slice(start));
  return parts.sort().join(' | ');
};

describe('TSDoc examples', () => {
  const all = examples();
  // every example its own module in one program (as files open in one editor): compiled once, at
  // the first example's test
  let compiled: ReturnType<typeof compileSnippets> | undefined;
  const compiledAt = (index: number) => (compiled ??= compileSnippets(all.map((example) => example.code)))[index]!;

  it('exist for every public export of src/index.ts', () => {
    const index = ts.createSourceFile('index.ts', readFileSync(join(srcDir, 'index.ts'), 'utf8'), ts.ScriptTarget.Latest);
    const exported = index.statements.flatMap((statement) =>
      ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)
        ? statement.exportClause.elements.map((element) => element.name.text)
        : [],
    );
    const documented = new Set(all.map((example) => example.name.split(': ')[1]));
    expect(exported.length).toBeGreaterThan(20);
    expect(exported.filter((name) => !documented.has(name))).toEqual([]);
  });

  it.each(all.map((example, index) => [example.name, example, index] as const))('%s', { timeout: 180_000 }, async (_name, { code }, index) => {
    const lines = code.split('\n');
    const { diagnostics, typeAt } = compiledAt(index);
    expect(diagnostics.map((d) => `${d.line + 1}: ${d.message}`)).toEqual([]);
    const runtime: string[] = [];
    const checks: [string, string][] = [];
    lines.forEach((line, i) => {
      const next = lines[i + 1]?.trim() ?? '';
      const expected = next.startsWith('//=> ') ? next.slice(5) : undefined;
      const typeAlias = /^type (\w+)\b/.exec(line);
      if (expected !== undefined && typeAlias) {
        expect(members(normalize(typeAt(typeAlias[1]!)))).toBe(members(normalize(expected)));
      } else if (expected !== undefined && !/^(import|const|let|type)\b/.test(line.trim())) {
        runtime.push(`__results.push([${line.trim().replace(/;$/, '')}, ${expected}]);`);
        checks.push([line.trim(), expected]);
      } else if (!line.trim().startsWith('//=>')) {
        runtime.push(line);
      }
    });
    if (checks.length === 0) return;
    const js = ts.transpileModule(`const __results: [unknown, unknown][] = [];\n${runtime.join('\n')}\nexport { __results };`, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText.replaceAll(`from 'shapecheck'`, `from '${distIndex}'`);
    const file = join(mkdtempSync(join(tmpdir(), 'shapecheck-example-')), 'example.mjs');
    writeFileSync(file, js);
    const { __results } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { __results: [unknown, unknown][] };
    expect(__results.map(([actual]) => actual)).toEqual(__results.map(([, wanted]) => wanted));
  });
});
