import { describe, expect, it } from 'vitest';
import { Conv2d, Flatten, Linear, ReLU, Sequential, ShapeError, Tensor, randn, type Layer } from 'shapecheck';
import { expectClose, expectThrows } from './helpers.js';
import { compileSnippet } from '../scripts/virtual-program.mjs';

// the model as JavaScript would build it (the type-level checks are in type-tests/sequential.test-d.ts)
type AnyModel = { add(layer: Layer): AnyModel; forward(x: Tensor): Tensor; shapes(): (number[] | undefined)[]; layers: readonly Layer[]; inputShape: readonly (number | string)[] };
const model = (shape: readonly (number | string)[]): AnyModel => new (Sequential as unknown as new (s: readonly (number | string)[]) => AnyModel)(shape);

describe('Sequential', () => {
  const conv = new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }, { seed: 1 });
  const conv2 = new Conv2d({ inChannels: 6, outChannels: 16, kernelSize: 5, stride: 2 }, { seed: 2 });
  const fc = new Linear({ inFeatures: 2304, outFeatures: 10 }, { seed: 3 });

  it('x=[2,1,32,32] conv-relu-conv-relu-flatten-linear: the same numbers as calling the layers by hand', () => {
    const net = model(['batch', 1, 32, 32]).add(conv).add(new ReLU()).add(conv2).add(new ReLU()).add(new Flatten()).add(fc);
    const x = randn([2, 1, 32, 32], { seed: 4 });
    const byHand = fc.forward(new Flatten().forward(new ReLU().forward(conv2.forward(new ReLU().forward(conv.forward(x))))));
    const y = net.forward(x);
    expect(y.shape).toEqual([2, 10]);
    expectClose(y.data, byHand.data, 0, 0, 'output');
    expect(net.shapes()).toEqual([[1, 1, 32, 32], [1, 6, 28, 28], [1, 6, 28, 28], [1, 16, 12, 12], [1, 16, 12, 12], [1, 2304], [1, 10]]);
  });

  it('add throws at the layer that does not fit, naming its position and kind', () => {
    const net = model([1, 1, 32, 32]).add(conv).add(new ReLU()).add(conv2).add(new Flatten());
    expectThrows(
      () => net.add(new Linear({ inFeatures: 576, outFeatures: 10 })),
      ShapeError,
      'layer 5 (Linear): expected 576 input features, got 2304 = 16·12·12 from Flatten of [1, 16, 12, 12]',
    );
    expectThrows(
      () => model([1, 3, 32, 32]).add(conv),
      ShapeError,
      'layer 1 (Conv2d): Given groups=1, weight of size [6, 1, 5, 5], expected input[1, 3, 32, 32] to have 1 channels, but got 3 channels instead',
    );
    expectThrows(() => model([2, 3]).add(new Flatten(4)), RangeError, 'layer 1 (Flatten): startDim 4 is out of range for a 2-D input (Dimension out of range)');
  });

  it('a named batch dim appears by name in the runtime message, as in the editor', () => {
    const net = model(['batch', 1, 32, 32]).add(conv).add(new ReLU()).add(conv2).add(new Flatten());
    expectThrows(
      () => net.add(new Linear({ inFeatures: 576, outFeatures: 10 })),
      ShapeError,
      'layer 5 (Linear): expected 576 input features, got 2304 = 16·12·12 from Flatten of [batch, 16, 12, 12]',
    );
  });

  it('Linear after Flatten(1, 2) of [1, 4, 3, 5]: the flattened dims are not the last, so the Linear speaks alone', () => {
    expectThrows(
      () => model([1, 4, 3, 5]).add(new Flatten(1, 2)).add(new Linear({ inFeatures: 12, outFeatures: 2 })),
      ShapeError,
      'layer 2 (Linear): expected input[1, 12, 5] to have 12 features in its last dim, got 5 (mat1 and mat2 shapes cannot be multiplied)',
    );
  });

  it('Linear after Flatten of [1, 400] (one factor): no product is shown', () => {
    expectThrows(
      () => model([1, 400]).add(new Flatten()).add(new Linear({ inFeatures: 576, outFeatures: 2 })),
      ShapeError,
      'layer 2 (Linear): expected 576 input features, got 400 from Flatten of [1, 400]',
    );
  });

  it('Linear({ outFeatures: 10 }) after Flatten of [batch, 16, 5, 5]: inFeatures 400 inferred at add, PyTorch-sized parameters', () => {
    const fc = new Linear({ outFeatures: 10 }, { seed: 5 });
    expect(fc.inFeatures).toBeUndefined();
    expect(() => fc.weight).toThrow('Linear: the parameters do not exist yet');
    const net = model(['batch', 16, 5, 5]).add(new Flatten()).add(fc);
    expect(fc.inFeatures).toBe(400);
    expect(fc.weight.shape).toEqual([10, 400]);
    expect(fc.bias?.shape).toEqual([10]);
    // the same numbers as a Linear given inFeatures with the same seed
    const explicit = new Linear({ inFeatures: 400, outFeatures: 10 }, { seed: 5 });
    expectClose(fc.weight.data, explicit.weight.data, 0, 0, 'weight');
    const x = randn([3, 16, 5, 5], { seed: 6 });
    expectClose(net.forward(x).data, explicit.forward(new Flatten().forward(x)).data, 0, 0, 'output');
    // bound from then on
    expectThrows(() => fc.forward(randn([1, 399])), ShapeError, 'Linear: expected input[1, 399] to have 400 features in its last dim, got 399 (mat1 and mat2 shapes cannot be multiplied)');
  });

  it('Linear({ outFeatures: 3 }) after [batch, features]: features are named, so the parameters wait for the first forward', () => {
    const fc = new Linear({ outFeatures: 3 }, { seed: 7 });
    const net = model(['batch', 'features']).add(fc);
    expect(fc.inFeatures).toBeUndefined();
    expect(net.forward(randn([2, 6])).shape).toEqual([2, 3]);
    expect(fc.inFeatures).toBe(6);
  });

  it('summary of [batch, features] -> Linear({ outFeatures: 3 }) for [2, 5]: the parameters are created for 5 inputs', async () => {
    const { summary } = await import('shapecheck');
    const fc = new Linear({ outFeatures: 3 });
    const net = model(['batch', 'features']).add(fc);
    expect(summary(net as never, [2, 5])).toContain('Total params: 18');
    expect(fc.inFeatures).toBe(5);
  });

  it('Linear({ outFeatures: 4, bias: false }) alone: created at the first forward, no bias', () => {
    const fc = new Linear({ outFeatures: 4, bias: false }, { seed: 8 });
    expect(fc.forward(randn([5, 7])).shape).toEqual([5, 4]);
    expect(fc.weight.shape).toEqual([4, 7]);
    expect(fc.bias).toBeNull();
  });

  it('forward checks the input against the declared shape (named dims match any size)', () => {
    const net = model(['batch', 1, 32, 32]).add(conv);
    expect(net.forward(randn([3, 1, 32, 32])).shape).toEqual([3, 6, 28, 28]);
    expectThrows(() => net.forward(randn([3, 1, 30, 32])), ShapeError, 'Sequential: expected an input of shape [batch, 1, 32, 32], got [3, 1, 30, 32]');
  });

  it('add returns a new model; the original is unchanged', () => {
    const base = model([1, 1, 32, 32]);
    const grown = base.add(conv);
    expect(base.layers).toHaveLength(0);
    expect(grown.layers).toHaveLength(1);
  });
});

describe('summary', () => {
  it('x=[batch,1,32,32] LeNet-5: shapes, parameter counts and totals as torchinfo', async () => {
    const { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, summary } = await import('shapecheck');
    const lenet = new Sequential(['batch', 1, 32, 32])
      .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }))
      .add(new ReLU())
      .add(new MaxPool2d({ kernelSize: 2 }))
      .add(new Conv2d({ inChannels: 6, outChannels: 16, kernelSize: 5 }))
      .add(new ReLU())
      .add(new MaxPool2d({ kernelSize: 2 }))
      .add(new Flatten())
      .add(new Linear({ inFeatures: 400, outFeatures: 120 }))
      .add(new ReLU())
      .add(new Linear({ inFeatures: 120, outFeatures: 84 }))
      .add(new ReLU())
      .add(new Linear({ inFeatures: 84, outFeatures: 10 }));
    const table = summary(lenet);
    // PyTorch's LeNet-5 has 61,706 parameters
    expect(table).toContain('Total params: 61,706');
    expect(table).toMatch(/Conv2d-1\s+\[batch, 6, 28, 28\]\s+156/);
    expect(table).toMatch(/MaxPool2d-6\s+\[batch, 16, 5, 5\]\s+0/);
    expect(table).toMatch(/Linear-8\s+\[batch, 120\]\s+48,120/);
    expect(summary(lenet, [4, 1, 32, 32])).toMatch(/Linear-12\s+\[4, 10\]\s+850/);
  });
});

describe('named dims other than the batch (sizes known only when data arrives)', () => {
  const conv = new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3 }, { seed: 21 });

  it("x=[batch,3,height,width] conv 3x3 + maxpool 2: accepted, shown as the editor shows it (exact expressions)", async () => {
    const { MaxPool2d, layerTable } = await import('shapecheck');
    const net = model(['batch', 3, 'height', 'width']).add(conv).add(new MaxPool2d({ kernelSize: 2 }));
    expect(net.shapes()).toEqual([[1, 3, 1, 1], [1, 8, 1, 1], [1, 8, 1, 1]]);
    expect(layerTable(net as never).map((row) => row.shape)).toEqual([['batch', 8, 'height-2', 'width-2'], ['batch', 8, '(height-2)//2', '(width-2)//2']]);
    expect(net.forward(randn([2, 3, 20, 16])).shape).toEqual([2, 8, 9, 7]);
  });

  it("x=[batch,3,height,width] conv 'same': the names are kept", async () => {
    const { layerTable } = await import('shapecheck');
    const same = new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, padding: 'same' });
    expect(layerTable(model(['batch', 3, 'height', 'width']).add(same) as never)[0]?.shape).toEqual(['batch', 4, 'height', 'width']);
  });

  it('x=[batch,1,height,width] with a 3-channel conv: the error names the dims as the editor does', () => {
    expectThrows(
      () => model(['batch', 1, 'height', 'width']).add(conv),
      ShapeError,
      'layer 1 (Conv2d): Given groups=1, weight of size [8, 3, 3, 3], expected input[batch, 1, height, width] to have 3 channels, but got 1 channels instead',
    );
  });

  it('x=[batch,8,height,width] flatten + Linear(inFeatures 128): an error at add, as in the editor (the features depend on the names)', () => {
    expectThrows(
      () => model(['batch', 8, 'height', 'width']).add(new Flatten()).add(new Linear({ inFeatures: 128, outFeatures: 2 })),
      ShapeError,
      'layer 2 (Linear): expected 128 input features, got 8*height*width, which depends on height, width (use AdaptiveAvgPool2d, or give height, width sizes)',
    );
  });

  it('summary of [batch,8,height,width] flatten: the product of the names', async () => {
    const { summary } = await import('shapecheck');
    const table = summary(model(['batch', 8, 'height', 'width']).add(new Flatten()) as never);
    expect(table).toMatch(/\nFlatten-1 +\[batch, 8\*height\*width\] +0\n/);
  });

  it('x=[batch,channels,32,32] conv(inChannels 3): a named channel dim is checked when data arrives, as in the editor', () => {
    const net = model(['batch', 'channels', 32, 32]).add(conv);
    expect(net.shapes()).toEqual([[1, 1, 32, 32], [1, 8, 30, 30]]);
    expect(net.forward(randn([1, 3, 32, 32])).shape).toEqual([1, 8, 30, 30]);
  });

  it('the editor says the same words for named dims', () => {
    const { diagnostics, typeAt } = compileSnippet(`import { Conv2d, Flatten, Linear, MaxPool2d, Sequential, type ShapeTrace } from 'shapecheck';
const ok = new Sequential(['batch', 3, 'height', 'width']).add(new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3 })).add(new MaxPool2d({ kernelSize: 2 }));
type T = ShapeTrace<typeof ok>;
new Sequential(['batch', 1, 'height', 'width']).add(new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3 }));
new Sequential(['batch', 8, 'height', 'width']).add(new Flatten()).add(new Linear({ inFeatures: 128, outFeatures: 2 }));
`);
    expect(typeAt('T')).toBe('[["batch", 3, "height", "width"], ["batch", 8, "height-2", "width-2"], ["batch", 8, "(height-2)//2", "(width-2)//2"]]');
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]!.line).toBe(3);
    expect(diagnostics[0]!.message).toContain(
      `'"layer 1 (Conv2d): Given groups=1, weight of size [8, 3, 3, 3], expected input[batch, 1, height, width] to have 3 channels, but got 1 channels instead"'`,
    );
    // a Linear on features that depend on the names fits finitely many sizes at most: why, and what to do
    const linear = 'layer 2 (Linear): expected 128 input features, got 8*height*width, which depends on height, width (use AdaptiveAvgPool2d, or give height, width sizes)';
    expect(diagnostics[1]!.line).toBe(4);
    expect(diagnostics[1]!.message).toContain(linear);
    expect(() => new Sequential(['batch', 8, 'height', 'width']).add(new Flatten()).add(new Linear({ inFeatures: 128, outFeatures: 2 }) as never)).toThrow(linear);
  });
});

describe('every mistake, once, on its line (editor and runtime)', () => {
  // Each broken model below is built at runtime too (its first mistake throws there); the editor
  // must show one diagnostic per mistake, on the wrong layer's line, in the runtime's words.
  const source = `import { BatchNorm2d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, type ShapeTrace } from 'shapecheck';
new Sequential(['batch', 128]).add(new Linear({ inFeatures: 100, outFeatures: 10 }));
new Sequential(['batch', 128]).add(new Linear({ inFeatures: 128, outFeatures: 10 })).add(new ReLU())
  .add(new Linear({ inFeatures: 11, outFeatures: 10 }));
const three = new Sequential(['batch', 3, 16, 16])
  .add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 3 }))
  .add(new BatchNorm2d({ numFeatures: 7 }))
  .add(new Flatten())
  .add(new Linear({ inFeatures: 100, outFeatures: 10 }))
  .add(new Linear({ inFeatures: 10, outFeatures: 2 }));
type Three = ShapeTrace<typeof three>;
new Sequential(['batch', 3, 16, 16]).add(new MaxPool2d({ kernelSize: 2, padding: 2 })).add(new Linear({ inFeatures: 3, outFeatures: 2 }));
`;
  const { diagnostics, typeAt } = compileSnippet(source);
  const expected: [number, string][] = [
    [1, 'layer 1 (Linear): expected input[batch, 128] to have 100 features in its last dim, got 128 (mat1 and mat2 shapes cannot be multiplied)'],
    [3, 'layer 3 (Linear): expected input[batch, 10] to have 11 features in its last dim, got 10 (mat1 and mat2 shapes cannot be multiplied)'],
    [5, 'layer 1 (Conv2d): Given groups=1, weight of size [8, 4, 3, 3], expected input[batch, 3, 16, 16] to have 4 channels, but got 3 channels instead'],
    [6, 'layer 2 (BatchNorm2d): expected input[batch, 8, 14, 14] to have 7 channels (numFeatures), got 8 (running_mean should contain 8 elements not 7)'],
    [8, 'layer 4 (Linear): expected 100 input features, got 1568 = 8·14·14 from Flatten of [batch, 8, 14, 14]'],
    // options wrong by themselves: reported once, at the options (the constructor throws it)
    [11, 'MaxPool2d: padding must be at most half of kernelSize, got padding 2 and kernelSize 2 for the height: pad should be at most half of kernel size'],
  ];

  it.each(expected)('line %i: one diagnostic, %s', (line, message) => {
    const here = diagnostics.filter((d) => d.line === line);
    expect(here, JSON.stringify(diagnostics, null, 1)).toHaveLength(1);
    expect(here[0]!.message).toContain(`'"${message}"'`);
  });

  it('no other diagnostics, none with never', () => {
    expect(diagnostics.filter((d) => !expected.some(([line]) => line === d.line))).toEqual([]);
    for (const d of diagnostics) expect(d.message).not.toMatch(/\bnever\b|\bunknown\b|\bany\b/);
  });

  it('after a wrong layer the trace goes on with what it would output', () => {
    expect(typeAt('Three')).toBe('[["batch", 3, 16, 16], ["batch", 8, 14, 14], ["batch", 8, 14, 14], ["batch", 1568], ["batch", 10], ["batch", 2]]');
  });

  it('the runtime throws the first mistake of each in the same words', () => {
    expectThrows(() => new Sequential(['batch', 128]).add(new Linear({ inFeatures: 100, outFeatures: 10 }) as never), ShapeError, expected[0]![1]);
    expectThrows(
      () => new Sequential(['batch', 3, 16, 16]).add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 3 }) as never),
      ShapeError,
      expected[2]![1],
    );
    expectThrows(() => new Sequential(['batch', 8, 14, 14]).add(new Flatten()).add(new Linear({ inFeatures: 100, outFeatures: 10 }) as never), ShapeError, expected[4]![1].replace('layer 4', 'layer 2'));
  });
});

describe('after a custom block that does not fit, its declared output goes on', () => {
  const { diagnostics } = compileSnippet(`import { Linear, Sequential, type Tensor } from 'shapecheck';
class Block {
  readonly kind = 'Block' as const;
  outputShape(s: readonly number[]): number[] { return [...s]; }
  forward(x: Tensor<['batch', 64, 56, 56]>): Tensor<['batch', 64, 56, 56]> { return x; }
}
new Sequential(['batch', 32, 56, 56]).add(new Block())
  .add(new Linear({ inFeatures: 3, outFeatures: 2 }));
`);
  it('x=[batch,32,56,56] Block(64 channels) then Linear(3): two diagnostics, each on its line', () => {
    expect(diagnostics.map((d) => [d.line, parameterOf(d.message)])).toEqual([
      [6, 'layer 1 (Block): expected an input of shape [batch, 64, 56, 56], got [batch, 32, 56, 56]'],
      [7, 'layer 2 (Linear): expected input[batch, 64, 56, 56] to have 3 features in its last dim, got 56 (mat1 and mat2 shapes cannot be multiplied)'],
    ]);
  });
});

function parameterOf(message: string): string | undefined {
  return /parameter of type '"(.*)"'/.exec(message)?.[1];
}
