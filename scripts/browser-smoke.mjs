// Loads dist/ in headless Chromium (Debian's /usr/bin/chromium) through a local HTTP server and
// prints what examples/browser.html computed. Not part of npm test (CI has no browser):
//   npm run build && node scripts/browser-smoke.mjs
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const types = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };
const server = createServer(async (request, response) => {
  const path = normalize(join(root, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
  try {
    const body = await readFile(path);
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
// asynchronous: this process also serves the page
const browser = await promisify(execFile)(
  '/usr/bin/chromium',
  ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--virtual-time-budget=10000', '--dump-dom', `http://127.0.0.1:${port}/examples/browser.html`],
  { encoding: 'utf8', timeout: 60_000 },
).catch((error) => ({ stdout: '', error }));
server.close();
const text = /<pre id="out">([\s\S]*?)<\/pre>/.exec(browser.stdout)?.[1];
if (!text) {
  console.error('no result from Chromium', browser.error ?? browser.stdout.slice(0, 500));
  process.exit(1);
}
const result = JSON.parse(text.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>'));
console.log(result);
process.exit(result.error ? 1 : 0);
