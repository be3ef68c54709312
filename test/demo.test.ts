// `npm start` (examples/demo.mjs, the README's quick start) runs to the end on the built package
// and shows what it promises: the editor's words beside the runtime's, symbolic sizes included.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm start', () => {
  it('examples/demo.mjs exits 0 and prints every section', { timeout: 120_000 }, () => {
    const run = spawnSync(process.execPath, ['examples/demo.mjs'], { cwd: new URL('..', import.meta.url), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const heading of ['1. conv2dOutputShape', '2. Types alone', '6. A residual block', '7. Symbolic sizes']) expect(run.stdout).toContain(heading);
    expect(run.stdout).toContain('editor, Requirements: ["H >= 2", "W >= 2", "(H+1)//2 == H//2", "(W+1)//2 == W//2"]');
    expect(run.stdout).toContain('runtime: throws ShapeError: Sequential: the input [1, 3, 37, 64] breaks the requirement (H+1)//2 == H//2 (H = 37)');
    expect(run.stdout).toContain('//=> ["batch", 16, "(h+1)//2", "(w+1)//2"]');
  });
});
