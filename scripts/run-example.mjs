// `npm run example -- <name>`: runs examples/<name>.ts, which prints its model's summary and one
// forward pass. Node 20 cannot run TypeScript, so the example is transpiled (types dropped, no
// type-checking: `npm test` and the editor do that) with TypeScript 6.0's `transpileModule` into
// node_modules/.cache/shapecheck-examples/<name>.mjs, and imported from there. Its imports of
// 'shapecheck' are pointed at the built package (dist/, made by `npm run build`), resolved here,
// inside the package, through its own "exports".
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const available = readdirSync(examples)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length));
const name = (process.argv[2] ?? '').replace(/\.ts$/, '');
if (!available.includes(name)) {
  console.error(`usage: npm run example -- <name>, one of: ${available.join(', ')}`);
  process.exit(2);
}

let packageUrl;
try {
  packageUrl = import.meta.resolve('shapecheck');
} catch {
  packageUrl = undefined;
}
if (!packageUrl || !existsSync(fileURLToPath(packageUrl))) {
  console.error('shapecheck is not built: run `npm run build` first');
  process.exit(1);
}

const ts = createRequire(import.meta.url)('typescript-6.0');
const source = readFileSync(join(examples, `${name}.ts`), 'utf8');
const { outputText } = ts.transpileModule(source, {
  fileName: `${name}.ts`,
  compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
});
// the cache directory is under node_modules/, outside the package's scope: import the package by its URL
const code = outputText.replace(/(from\s+|import\s*\(\s*)(['"])shapecheck\2/g, (_, head, quote) => `${head}${quote}${packageUrl}${quote}`);
const cache = join(root, 'node_modules', '.cache', 'shapecheck-examples');
mkdirSync(cache, { recursive: true });
const target = join(cache, `${name}.mjs`);
writeFileSync(target, code);

const example = await import(pathToFileURL(target).href);
if (typeof example.main !== 'function') {
  console.error(`examples/${name}.ts exports no main()`);
  process.exit(1);
}
await example.main();
