// Compiles one in-memory TypeScript file inside this repo with the TypeScript 6.0 API, as an
// editor would, so the demo and the tests can show what the compiler says about a snippet.
import { fileURLToPath } from 'node:url';
import ts from 'typescript-6.0';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {string} source the file's text; it may import from 'shapecheck'
 * @returns {{ diagnostics: { line: number, column: number, message: string }[], typeAt: (name: string) => string, instantiations: number }}
 */
export function compileSnippet(source) {
  const virtualFile = `${root}test/__virtual__/snippet.ts`;
  const config = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) =>
    name === virtualFile ? ts.createSourceFile(name, source, version) : getSourceFile.call(host, name, version, ...rest);
  host.fileExists = (name) => name === virtualFile || fileExists.call(host, name);
  host.readFile = (name) => (name === virtualFile ? source : readFile.call(host, name));
  const program = ts.createProgram([virtualFile], options, host);
  const file = program.getSourceFile(virtualFile);
  const checker = program.getTypeChecker();
  const diagnostics = ts.getPreEmitDiagnostics(program, file).map((diagnostic) => {
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    return { line, column: character, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') };
  });
  /** The type of the top-level variable or type alias `name`, as hover shows it. */
  const typeAt = (name) => typeOfDeclaration(checker, file, name);
  // the type instantiations the check took (deterministic for a given compiler and source)
  const instantiations = checker.getInstantiationCount?.() ?? Number.NaN;
  return { diagnostics, typeAt, instantiations };
}

/**
 * Compiles many in-memory files in ONE program (each its own module, test/__virtual__/snippet-<i>.ts),
 * as an editor holds many open files: the library is parsed, bound and its types resolved once
 * for all of them, where a program per snippet pays that each time (the doc examples: 664
 * programs took six minutes of `npm test`). Each result is what {@link compileSnippet} gives for
 * that file alone (diagnostics and hover types; no instantiation count, which is the program's).
 * Each file is made a module (`export {}` appended), so top-level names never collide.
 *
 * @param {string[]} sources
 * @returns {{ diagnostics: { line: number, column: number, message: string }[], typeAt: (name: string) => string }[]}
 */
export function compileSnippets(sources) {
  const files = sources.map((_, i) => `${root}test/__virtual__/snippet-${i}.ts`);
  const byName = new Map(files.map((file, i) => [file, `${sources[i]}\nexport {};\n`]));
  const config = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) =>
    byName.has(name) ? ts.createSourceFile(name, byName.get(name), version) : getSourceFile.call(host, name, version, ...rest);
  host.fileExists = (name) => byName.has(name) || fileExists.call(host, name);
  host.readFile = (name) => byName.get(name) ?? readFile.call(host, name);
  const program = ts.createProgram(files, options, host);
  const checker = program.getTypeChecker();
  return files.map((name) => {
    const file = program.getSourceFile(name);
    const diagnostics = ts.getPreEmitDiagnostics(program, file).map((diagnostic) => {
      const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return { line, column: character, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n') };
    });
    return { diagnostics, typeAt: (alias) => typeOfDeclaration(checker, file, alias) };
  });
}

/** The type of the top-level variable or type alias `name` in `file`, as hover shows it. */
function typeOfDeclaration(checker, file, name) {
  for (const statement of file.statements) {
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text === name) {
      // as hover shows `type X = ...`: the expansion, not the alias's own name
      const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias;
      return checker.typeToString(checker.getTypeAtLocation(statement.name), undefined, flags);
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name) {
          return checker.typeToString(checker.getTypeAtLocation(declaration.name), undefined, ts.TypeFormatFlags.NoTruncation);
        }
      }
    }
  }
  throw new Error(`no declaration named ${name}`);
}
