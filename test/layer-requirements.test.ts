// A layer's own requirements (`LayerRequirements`, issue 12): what a layer asks of the names in its
// input beyond its output shape is in the model's type (`Requirements<typeof model>`, checked at
// `forward`'s argument) and in its runtime `requirements()`, in the same words. Generated over the
// layers that have them (PixelShuffle, PixelUnshuffle), their factors, and input dims of every
// form the symbolic engine gives (names, multiples, sums, floors), and compared one by one.
import { describe, expect, it } from 'vitest';
import { Conv2d, PixelShuffle, PixelUnshuffle, Sequential, ShapeError, randn } from 'shapecheck';
import { collectRequirements } from '../src/shape/requirements.js';
import { compileSnippet } from '../scripts/virtual-program.mjs';

type Kind = 'PixelShuffle' | 'PixelUnshuffle';
interface Case {
  kind: Kind;
  factor: number;
  /** The dim the layer divides (channels for PixelShuffle, height for PixelUnshuffle), as a block outputs it. */
  dim: string;
}

// dims a preceding layer can hand on: a name, its multiples, sums, floors (a stride-2 convolution's
// `(H-1)//2`), products with another name; some proved divisible, some proved not, most undecided
const dims = ['H', '2*H', '3*H', '4*H', '6*H', 'H+1', '2*H+1', '2*H+2', '4*H+2', '(H-1)//2', '(H+1)//2', 'H//2', '2*(H//2)', 'H*W', '2*H*W'];
const cases: Case[] = (['PixelShuffle', 'PixelUnshuffle'] as const).flatMap((kind) =>
  [2, 3].flatMap((factor) => dims.map((dim) => ({ kind, factor, dim }))),
);

/** The input shape of a case: the other dims plain, so the only requirements are the divided dim's. */
function inputShape(c: Case): (string | number)[] {
  return c.kind === 'PixelShuffle' ? ['batch', c.dim, 5, 7] : ['batch', 3, c.dim, 8 * c.factor];
}

function layerOf(c: Case): PixelShuffle<{ upscaleFactor: number }> | PixelUnshuffle<{ downscaleFactor: number }> {
  return c.kind === 'PixelShuffle' ? new PixelShuffle({ upscaleFactor: c.factor }) : new PixelUnshuffle({ downscaleFactor: c.factor });
}

/** What the layer's runtime rule records on the case's shape (as a model collects it when the layer is added), or 'error'. */
function runtimeRequirements(c: Case): string[] | 'error' {
  try {
    return collectRequirements(() => layerOf(c).symbolicOutputShape(inputShape(c))).requirements;
  } catch (error) {
    if (error instanceof ShapeError) return 'error';
    throw error;
  }
}

describe('LayerRequirements: a layer\'s own requirements in the types and at runtime', () => {
  it('every shuffle, factor and dim form: the types list what the runtime records', () => {
    // one program: each case's requirements as the types compute them
    const lines = cases.map((c, i) => {
      const layer = c.kind === 'PixelShuffle' ? `PixelShuffle<{ upscaleFactor: ${c.factor} }>` : `PixelUnshuffle<{ downscaleFactor: ${c.factor} }>`;
      const shape = JSON.stringify(inputShape(c)).replace(/,/g, ', ');
      return `type R${i} = Text<LayerRequirements<${layer}, ${shape}>['${c.kind}']>;\ntype O${i} = Fits<LayerRules<${layer}, ${shape}>['${c.kind}']>;`;
    });
    const { typeAt, diagnostics } = compileSnippet(`import type { ErrorMessage, LayerRequirements, LayerRules, PixelShuffle, PixelUnshuffle } from 'shapecheck';
type Text<R> = [R] extends [never] ? 'none' : R;
type Fits<O> = O extends ErrorMessage<string> ? 'error' : 'fits';
${lines.join('\n')}
`);
    expect(diagnostics).toEqual([]);
    const mismatches = cases.flatMap((c, i) => {
      const runtime = runtimeRequirements(c);
      const expected = runtime === 'error' ? ['"error"', '*'] : ['"fits"', runtime.length === 0 ? '"none"' : runtime.map((r) => `"${r}"`).join(' | ')];
      const got = [typeAt(`O${i}`), typeAt(`R${i}`)];
      return got[0] === expected[0] && (expected[1] === '*' || got[1] === expected[1]) ? [] : [`${c.kind} factor ${c.factor} on ${c.dim}: types ${got.join(' ')}, runtime ${expected.join(' ')}`];
    });
    expect(mismatches).toEqual([]);
    // the table exercises all three outcomes
    expect(cases.filter((c) => { const r = runtimeRequirements(c); return r !== 'error' && r.length > 0; }).length).toBeGreaterThan(10);
    expect(cases.filter((c) => runtimeRequirements(c) === 'error').length).toBeGreaterThan(2);
    expect(cases.filter((c) => { const r = runtimeRequirements(c); return r !== 'error' && r.length === 0; }).length).toBeGreaterThan(2);
  });

  it('in a model: Requirements<typeof model> and requirements() agree, and forward refuses a breaking input in the editor and at runtime', () => {
    const source = `import { Conv2d, PixelShuffle, PixelUnshuffle, Sequential, randn, type Requirements } from 'shapecheck';
export const model = new Sequential(['batch', 3, 'H', 'W'])
  .add(new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, stride: 2, padding: 1 }))
  .add(new PixelUnshuffle({ downscaleFactor: 2 }))
  .add(new PixelShuffle({ upscaleFactor: 2 }));
type R = Requirements<typeof model>;
model.forward(randn([1, 3, 8, 12]));
model.forward(randn([1, 3, 6, 12]));
`;
    const { typeAt, diagnostics } = compileSnippet(source);
    const runtime = new Sequential(['batch', 3, 'H', 'W'])
      .add(new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, stride: 2, padding: 1 }))
      .add(new PixelUnshuffle({ downscaleFactor: 2 }))
      .add(new PixelShuffle({ upscaleFactor: 2 }));
    expect(typeAt('R')).toBe(`[${runtime.requirements().map((r) => `"${r}"`).join(', ')}]`);
    expect(runtime.requirements()).toEqual(['H >= 3', 'W >= 3', '2*((H+1)//4) == (H+1)//2', '2*((W+1)//4) == (W+1)//2']);
    expect(runtime.forward(randn([1, 3, 8, 12])).shape).toEqual([1, 8, 4, 6]);
    // 6 → 3 after the stride-2 convolution: not divisible by 2
    const message = 'Sequential: the input [1, 3, 6, 12] breaks the requirement 2*((H+1)//4) == (H+1)//2 (H = 6)';
    // @ts-expect-error the same words in the editor (the snippet's diagnostics, below)
    expect(() => runtime.forward(randn([1, 3, 6, 12]))).toThrow(message);
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([[7, `Argument of type 'Tensor<readonly [1, 3, 6, 12]>' is not assignable to parameter of type '"${message}"'.`]]);
  });
});
