// The type-level registry of layer shape rules (issue 12): every built-in layer kind has its entry,
// declared by its own module; a kind of your own can be registered the same way.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { compileSnippet } from '../scripts/virtual-program.mjs';

/** The kinds the layer classes in src/nn declare (`readonly kind = 'Conv2d' as const`), blocks aside. */
function declaredKinds(): string[] {
  const dir = new URL('../src/nn/', import.meta.url);
  const kinds = readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [...readFileSync(new URL(file, dir), 'utf8').matchAll(/readonly kind = '(\w+)' as const/g)].map((m) => m[1]!));
  return kinds.filter((kind) => kind !== 'Residual' && kind !== 'Mul' && kind !== 'Cat');
}

describe('LayerRules: the registry keyed by kind', () => {
  it('every built-in layer kind has an entry, and nothing else does', () => {
    const kinds = declaredKinds().sort();
    expect(kinds.length).toBeGreaterThanOrEqual(14);
    const { typeAt, diagnostics } = compileSnippet(`import type { RegisteredKind } from 'shapecheck';
type Each<T> = T extends string ? T : never;
type K = Each<RegisteredKind>;
`);
    expect(diagnostics).toEqual([]);
    const registered = typeAt('K').split(' | ').map((k) => k.replace(/"/g, '')).sort();
    expect(registered).toEqual(kinds);
  });

  it('a kind of your own, registered from your code: its rule traces the model and its message is the layer error', () => {
    const { typeAt, diagnostics } = compileSnippet(`import { Conv2d, Sequential, Tensor, type ErrorMessage, type Shape, type ShapeTrace } from 'shapecheck';
declare module 'shapecheck' {
  interface LayerRules<L, S extends Shape> {
    Squash: S extends readonly [infer B, infer C, number, number] ? [B, C] : ErrorMessage<'Squash: expected a 4-D input'>;
  }
}
class Squash {
  readonly kind = 'Squash' as const;
  outputShape(shape: readonly number[]): number[] {
    if (shape.length !== 4) throw new Error('Squash: expected a 4-D input');
    return shape.slice(0, 2);
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}
const model = new Sequential(['batch', 3, 8, 8]).add(new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3 })).add(new Squash());
type T = ShapeTrace<typeof model>;
new Sequential(['batch', 3]).add(new Squash());
`);
    expect(typeAt('T')).toBe('[["batch", 3, 8, 8], ["batch", 4, 6, 6], ["batch", 4]]');
    expect(diagnostics.map((d: { line: number }) => d.line)).toEqual([18]); // 0-based: the last line
    expect(diagnostics[0]!.message).toContain('layer 1 (Squash): expected a 4-D input');
  });
});
