// The compilers as the editor tests drive them: TypeScript 6.0's LanguageService (the API an
// editor's tsserver uses) over a tsconfig's files, and TypeScript 7's native `tsc` (no JS API) on
// the command line, its output parsed. Shared by test/editor.test.ts and the generated editor
// suite (test/editor-suite/).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript-6.0';

/** One diagnostic, lines and columns 1-based, its message flattened (a chain's lines joined by newlines). */
export interface Reported {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: number;
  message: string;
  /** The offset and length of the text it spans (from the LanguageService; tsc prints neither). */
  readonly start?: number;
  readonly length?: number;
}

/**
 * A LanguageService over the files of `config` (and `virtualFiles`, by path, held in memory), as
 * an editor runs it.
 */
export function createLanguageService(
  config: string,
  currentDirectory: string,
  virtualFiles: ReadonlyMap<string, string> = new Map(),
): { service: ts.LanguageService; fileNames: readonly string[] } {
  const parsed = ts.getParsedCommandLineOfConfigFile(config, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${config}`);
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  const fileNames = [...parsed.fileNames, ...virtualFiles.keys()];
  const readFile = (fileName: string): string | undefined => virtualFiles.get(fileName) ?? ts.sys.readFile(fileName);
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => fileNames,
    getScriptVersion: () => '1',
    getScriptSnapshot: (fileName) => {
      const text = readFile(fileName);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => currentDirectory,
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (fileName) => virtualFiles.has(fileName) || ts.sys.fileExists(fileName),
    readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return { service: ts.createLanguageService(host, ts.createDocumentRegistry()), fileNames };
}

/** The syntactic and semantic diagnostics of one file of a LanguageService. */
export function serviceDiagnostics(service: ts.LanguageService, file: string): Reported[] {
  const source = service.getProgram()?.getSourceFile(file);
  if (!source) throw new Error(`${file} is not in the LanguageService's program`);
  return [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)].map((d) => {
    const { line, character } = source.getLineAndCharacterOfPosition(d.start ?? 0);
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    return { file: basename(file), line: line + 1, column: character + 1, code: d.code, message, start: d.start ?? 0, length: d.length ?? 0 };
  });
}

/** `file(line,col): error TSnnnn: message` lines of tsc --pretty false; indented lines continue a message. */
export function parseTscOutput(output: string): Reported[] {
  const reported: Reported[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^(.+?)\((\d+),(\d+)\): error TS(\d+): (.*)$/.exec(line);
    if (match) {
      reported.push({ file: basename(match[1]!), line: Number(match[2]), column: Number(match[3]), code: Number(match[4]), message: match[5]! });
    } else if (/^\s+\S/.test(line) && reported.length > 0) {
      reported[reported.length - 1]!.message += `\n${line.trim()}`;
    } else if (line.trim() !== '') {
      throw new Error(`unexpected tsc output line: ${line}`);
    }
  }
  return reported;
}

/** TypeScript 7's tsc on `config` (no emit): its exit status and parsed diagnostics. */
export function runTsc7(config: string, cwd: string): { status: number | null; reported: Reported[] } {
  const bin = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  const result = spawnSync(process.execPath, [bin, '-p', config, '--noEmit', '--pretty', 'false'], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.error) throw result.error;
  if (result.stderr) throw new Error(result.stderr);
  return { status: result.status, reported: parseTscOutput(result.stdout) };
}
