// Sequential.mul (issue 12): a gate block, `branch(x) * shortcut(x)` with PyTorch's broadcasting,
// the shortcut the identity when left out: squeeze-and-excitation as torchvision's
// SqueezeExcitation computes it (`scale * input`). Shapes, numbers, gradients, names, summaries,
// symbolic dims, the editor's words (TypeScript 6.0 on a snippet) and ONNX export (onnxruntime).
import { describe, expect, it } from 'vitest';
import {
  AdaptiveAvgPool2d,
  Conv2d,
  Hardsigmoid,
  Identity,
  MaxPool2d,
  Mul,
  ReLU,
  Residual,
  Sequential,
  ShapeError,
  Sigmoid,
  TwoPathBlock,
  exportOnnx,
  layerTable,
  mul,
  randn,
  sum,
  summary,
  type Layer,
  type Shape,
} from 'shapecheck';
import { compileSnippet } from '../scripts/virtual-program.mjs';
import { expectClose, expectThrows } from './helpers.js';
import { check, decode } from './onnx-helpers.js';

interface Loose {
  add(layer: unknown, name?: string): Loose;
  mul(main: (x: Loose) => Loose, shortcut?: ((x: Loose) => Loose) | null, options?: object): Loose;
}
const loose = (model: unknown): Loose => model as Loose;

/** torchvision's SqueezeExcitation(channels, squeeze) with the given scale activation, its layers named as torchvision's. */
function squeezeExcitation(channels: number, squeeze: number, seed: number, gate: () => Layer = () => new Sigmoid()) {
  return {
    avgpool: new AdaptiveAvgPool2d({ outputSize: 1 }),
    fc1: new Conv2d({ inChannels: channels, outChannels: squeeze, kernelSize: 1 }, { seed }),
    activation: new ReLU(),
    fc2: new Conv2d({ inChannels: squeeze, outChannels: channels, kernelSize: 1 }, { seed: seed + 1 }),
    scale_activation: gate(),
  };
}

describe('Sequential.mul: squeeze-and-excitation, the numbers of calling the layers by hand', () => {
  // across channels, squeeze sizes, spatial sizes and the two gates torchvision uses
  const cases = [
    { channels: 8, squeeze: 2, size: 6, gate: 'Sigmoid' },
    { channels: 16, squeeze: 8, size: 5, gate: 'Hardsigmoid' },
    { channels: 3, squeeze: 1, size: 1, gate: 'Sigmoid' },
    { channels: 4, squeeze: 4, size: 7, gate: 'Hardsigmoid' },
  ] as const;
  it.each(cases)('x=[2,$channels,$size,$size] squeeze $squeeze, gate $gate', ({ channels, squeeze, size, gate }) => {
    const se = squeezeExcitation(channels, squeeze, channels, () => (gate === 'Sigmoid' ? new Sigmoid() : new Hardsigmoid()));
    const model = loose(new Sequential(['batch', channels, size, size])).mul((x) =>
      Object.entries(se).reduce((m, [name, layer]) => m.add(layer, name), x),
    ) as unknown as Sequential<Shape>;
    const x = randn([2, channels, size, size], { seed: 3 });
    const scale = se.scale_activation.forward(se.fc2.forward(se.activation.forward(se.fc1.forward(se.avgpool.forward(x) as never) as never) as never) as never);
    const byHand = mul(scale as never, x as never);
    const y = model.forward(x as never);
    expect(y.shape).toEqual([2, channels, size, size]);
    expectClose(y.data, byHand.data, 0, 0, 'output');
    expect(model.layers[0]).toBeInstanceOf(Mul);
    expect(model.layers[0]).toBeInstanceOf(TwoPathBlock);
    expect(model.layers[0]).not.toBeInstanceOf(Residual);
  });

  it('x=[2,8,6,6] gradients: the same as the hand-written product (input, fc1.weight)', () => {
    const se = { ...squeezeExcitation(8, 2, 11), scale_activation: new Sigmoid() };
    const model = new Sequential(['batch', 8, 6, 6]).mul((x) =>
      x.add(se.avgpool, 'avgpool').add(se.fc1, 'fc1').add(se.activation, 'activation').add(se.fc2, 'fc2').add(se.scale_activation, 'scale_activation'),
    );
    const run = (useModel: boolean): [Float32Array, Float32Array] => {
      const x = randn([2, 8, 6, 6], { seed: 5, requiresGrad: true });
      for (const p of model.parameters()) p.setGrad(null);
      const y = useModel ? model.forward(x) : mul(se.scale_activation.forward(se.fc2.forward(se.activation.forward(se.fc1.forward(se.avgpool.forward(x))))), x);
      sum(mul(y, y)).backward();
      return [x.grad!.data.slice(), se.fc1.weight.grad!.data.slice()];
    };
    const [gx, gw] = run(true);
    const [hx, hw] = run(false);
    expectClose(gx, hx, 0, 0, 'input grad');
    expectClose(gw, hw, 0, 0, 'fc1.weight grad');
  });

  it('x=[1,4,5,5] two paths: branch(x) * shortcut(x), the shortcut named', () => {
    const a = new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, padding: 1 }, { seed: 1 });
    const b = new Conv2d({ inChannels: 4, outChannels: 1, kernelSize: 1 }, { seed: 2 });
    const model = new Sequential([1, 4, 5, 5]).mul((x) => x.add(a), (x) => x.add(b), { name: 'gate', shortcutName: 'mask' });
    const x = randn([1, 4, 5, 5], { seed: 6 });
    expectClose(model.forward(x).data, mul(a.forward(x), b.forward(x)).data, 0, 0, 'output');
    expect([...model.stateDict().keys()]).toEqual(['gate.0.weight', 'gate.0.bias', 'gate.mask.0.weight', 'gate.mask.0.bias']);
  });
});

describe('Sequential.mul: names, summary, symbolic dims', () => {
  const build = () =>
    new Sequential(['batch', 8, 'H', 'W']).add(new ReLU()).mul(
      (x) =>
        x
          .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
          .add(new Conv2d({ inChannels: 8, outChannels: 2, kernelSize: 1 }), 'fc1')
          .add(new ReLU(), 'activation')
          .add(new Conv2d({ inChannels: 2, outChannels: 8, kernelSize: 1 }), 'fc2')
          .add(new Hardsigmoid(), 'scale_activation'),
      null,
      { name: 'block.1' },
    );

  it("stateDict: torchvision's SqueezeExcitation keys under the block's name", () => {
    expect([...build().stateDict()].map(([key, t]) => `${key} ${JSON.stringify(t.shape)}`)).toEqual([
      'block.1.fc1.weight [2,8,1,1]',
      'block.1.fc1.bias [2]',
      'block.1.fc2.weight [8,2,1,1]',
      'block.1.fc2.bias [8]',
    ]);
  });

  it("on ['batch', 8, 'H', 'W']: the gate is [batch, 8, 1, 1], the product keeps H and W (layerTable, summary, forward at 9×13)", () => {
    const model = build();
    expect(layerTable(model).map((row) => `${row.kind}-${row.position} ${JSON.stringify(row.shape)}`)).toEqual([
      'ReLU-1 ["batch",8,"H","W"]',
      'Mul-2 ["batch",8,"H","W"]',
      'AdaptiveAvgPool2d-2.1 ["batch",8,1,1]',
      'Conv2d-2.2 ["batch",2,1,1]',
      'ReLU-2.3 ["batch",2,1,1]',
      'Conv2d-2.4 ["batch",8,1,1]',
      'Hardsigmoid-2.5 ["batch",8,1,1]',
    ]);
    expect(summary(model)).toMatch(/\nMul-2 +\[batch, 8, H, W\] +42\n/);
    expect(model.forward(randn([3, 8, 9, 13])).shape).toEqual([3, 8, 9, 13]);
  });

  it("a gate that halves H and W on names: W//2 is proved different from W, mul's words name them", () => {
    expectThrows(
      () => loose(new Sequential(['batch', 4, 'H', 'W'])).mul((x) => x.add(new MaxPool2d({ kernelSize: 2 }))),
      ShapeError,
      'layer 1 (Mul): mul: The size of tensor a (W//2) must match the size of tensor b (W) at non-singleton dimension 3',
    );
  });
});

describe('Sequential.mul: paths that cannot be multiplied', () => {
  // the gate's output against the input [batch, 8, 6, 6]: each dim that neither matches nor is 1
  const cases: [string, () => Layer, string][] = [
    ['channels 4 against 8', () => new Conv2d({ inChannels: 8, outChannels: 4, kernelSize: 1 }), 'mul: The size of tensor a (4) must match the size of tensor b (8) at non-singleton dimension 1'],
    ['height 3 against 6', () => new MaxPool2d({ kernelSize: 2 }), 'mul: The size of tensor a (3) must match the size of tensor b (6) at non-singleton dimension 3'],
    ['pooled to 2×2', () => new AdaptiveAvgPool2d({ outputSize: 2 }), 'mul: The size of tensor a (2) must match the size of tensor b (6) at non-singleton dimension 3'],
  ];
  it.each(cases)('%s: at the block, in mul\'s words', (_name, layer, message) => {
    expectThrows(() => loose(new Sequential(['batch', 8, 6, 6])).mul((x) => x.add(layer())), ShapeError, `layer 1 (Mul): ${message}`);
  });

  it('a wrong layer inside the gate: numbered under the block (2.2)', () => {
    expectThrows(
      () => loose(new Sequential(['batch', 8, 6, 6]).add(new ReLU())).mul((x) => x.add(new AdaptiveAvgPool2d({ outputSize: 1 })).add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 1 }))),
      ShapeError,
      'layer 2.2 (Conv2d): Given groups=1, weight of size [8, 4, 1, 1], expected input[batch, 8, 1, 1] to have 4 channels, but got 8 channels instead',
    );
  });

  it('bad options: TypeError/RangeError naming them', () => {
    const start = () => loose(new Sequential([1, 4, 5, 5]));
    expect(() => start().mul((x) => x, null, { nme: 'x' })).toThrow("Sequential.mul: unknown option 'nme' (options: name, shortcutName)");
    expect(() => start().mul((x) => x, null, { shortcutName: 'a.b' })).toThrow('Sequential.mul: shortcutName must be a non-empty name without dots, got "a.b"');
  });
});

describe('Sequential.mul: the editor says what the exception says', () => {
  const source = `import { AdaptiveAvgPool2d, Conv2d, MaxPool2d, Sequential, Sigmoid } from 'shapecheck';
export const wrongChannels = () => new Sequential(['batch', 8, 6, 6])
  .mul((x) => x.add(new Conv2d({ inChannels: 8, outChannels: 4, kernelSize: 1 })));
export const wrongHeight = () => new Sequential(['batch', 8, 6, 6])
  .mul((x) => x.add(new MaxPool2d({ kernelSize: 2 })));
export const wrongInGate = () => new Sequential(['batch', 8, 6, 6]).mul((x) => x.add(new AdaptiveAvgPool2d({ outputSize: 1 }))
  .add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 1 })));
export const fits = new Sequential(['batch', 8, 'H', 'W']).mul((x) => x.add(new AdaptiveAvgPool2d({ outputSize: 1 }))
  .add(new Conv2d({ inChannels: 8, outChannels: 8, kernelSize: 1 })).add(new Sigmoid()));
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type T = typeof fits extends { readonly '~trace'?: infer Trace } ? Trace : never;
export const traced: Equal<T, [['batch', 8, 'H', 'W'], ['batch', 8, 'H', 'W']]> = true;
`;
  const { diagnostics } = compileSnippet(source);
  const expected: [string, number, string][] = [
    ['wrongChannels', 2, 'layer 1 (Mul): mul: The size of tensor a (4) must match the size of tensor b (8) at non-singleton dimension 1'],
    ['wrongHeight', 4, 'layer 1 (Mul): mul: The size of tensor a (3) must match the size of tensor b (6) at non-singleton dimension 3'],
    ['wrongInGate', 6, 'layer 1.2 (Conv2d): Given groups=1, weight of size [8, 4, 1, 1], expected input[batch, 8, 1, 1] to have 4 channels, but got 8 channels instead'],
  ];
  it.each(expected)('%s: one diagnostic on line %i with the message', (_name, line, message) => {
    const here = diagnostics.filter((d) => d.line === line);
    expect(here, JSON.stringify(diagnostics, null, 1)).toHaveLength(1);
    expect(here[0]!.message).toContain(message);
  });
  it('no other diagnostics (the symbolic SE type-checks, its trace keeps H and W)', () => {
    expect(diagnostics.filter((d) => !expected.some(([, line]) => line === d.line))).toEqual([]);
  });
});

describe('Sequential.mul: ONNX export (a Mul node), run by onnxruntime', () => {
  const se = (channels: number) => {
    const parts = squeezeExcitation(channels, Math.max(1, channels / 4), 7, () => new Hardsigmoid());
    return loose(new Sequential(['batch', channels, 'H', 'W'])).mul((x) => Object.entries(parts).reduce((m, [name, layer]) => m.add(layer, name), x), null, {
      name: 'se',
    }) as unknown as Sequential<Shape>;
  };
  it.each([
    [8, [2, 8, 5, 7]],
    [4, [1, 4, 3, 3]],
  ] as const)('squeeze-and-excitation on %i channels, x=%j: the same numbers, one Mul joining gate and input', async (channels, shape) => {
    const model = se(channels);
    await check(`se ${channels}`, model as never, [shape]);
    const graph = decode(exportOnnx(model as never)).graph!;
    expect(graph.node.filter((node) => node.opType === 'Mul').length).toBe(1);
    expect(graph.initializer.map((t) => t.name)).toEqual(['se.fc1.weight', 'se.fc1.bias', 'se.fc2.weight', 'se.fc2.bias']);
  });
  it('two paths: x=[1,4,5,5] Identity * conv', async () => {
    const model = new Sequential([1, 4, 5, 5]).mul((x) => x.add(new Identity()), (x) => x.add(new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, padding: 1 })));
    await check('mul two paths', model as never, [[1, 4, 5, 5]]);
  });
});
