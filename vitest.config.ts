import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // tests import the package by its name, resolved to source
    alias: { shapecheck: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // tests that compile a snippet with the TypeScript API take 1–3 s alone and several times that
    // on a busy 2-core machine: 5 s (vitest's default) made them fail by load, not by result
    testTimeout: 30_000,
  },
});
