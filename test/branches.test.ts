// Residual and Cat blocks in a Sequential: shapes, numbers, summaries, and the same words in the
// editor (TypeScript 6.0 on snippets) as in the exceptions.
import { describe, expect, it } from 'vitest';
import { BatchNorm2d, Conv2d, MaxPool2d, ReLU, Residual, Sequential, ShapeError, add, cat, randn, summary, zeros } from 'shapecheck';
import { compileSnippet } from '../scripts/virtual-program.mjs';
import { expectClose, expectThrows } from './helpers.js';

// the model as JavaScript would build it, for the cases the compiler rejects (checked below)
interface Loose {
  add(layer: unknown): Loose;
  residual(main: (x: Loose) => Loose, shortcut?: (x: Loose) => Loose): Loose;
  cat(branches: ((x: Loose) => Loose)[], dim: number): Loose;
}
const loose = (model: unknown): Loose => model as Loose;

describe('Sequential.residual', () => {
  const conv1 = new Conv2d({ inChannels: 8, outChannels: 16, kernelSize: 3, stride: 2, padding: 1, bias: false }, { seed: 1 });
  const bn1 = new BatchNorm2d({ numFeatures: 16 });
  const conv2 = new Conv2d({ inChannels: 16, outChannels: 16, kernelSize: 3, padding: 1, bias: false }, { seed: 2 });
  const down = new Conv2d({ inChannels: 8, outChannels: 16, kernelSize: 1, stride: 2, bias: false }, { seed: 3 });
  bn1.runningMean.data.set(Array.from({ length: 16 }, (_, i) => i / 10));

  it('x=[2,8,12,12] conv-bn-relu-conv + 1x1 stride-2 shortcut, then ReLU: the numbers of calling the layers by hand', () => {
    const block = new Sequential(['batch', 8, 12, 12])
      .residual(
        (x) => x.add(conv1).add(bn1).add(new ReLU()).add(conv2),
        (x) => x.add(down),
      )
      .add(new ReLU());
    const x = randn([2, 8, 12, 12], { seed: 4 });
    const main = conv2.forward(new ReLU().forward(bn1.forward(conv1.forward(x))));
    const byHand = new ReLU().forward(add(main, down.forward(x)));
    const y = block.forward(x);
    expect(y.shape).toEqual([2, 16, 6, 6]);
    expectClose(y.data, byHand.data, 0, 0, 'output');
    expect(block.shapes()).toEqual([[1, 8, 12, 12], [1, 16, 6, 6], [1, 16, 6, 6]]);
    expect(block.layers[0]).toBeInstanceOf(Residual);
  });

  it('x=[1,4,5,5] identity shortcut: branch(x) + x', () => {
    const conv = new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, padding: 1 }, { seed: 5 });
    const block = new Sequential([1, 4, 5, 5]).residual((x) => x.add(conv));
    const x = randn([1, 4, 5, 5], { seed: 6 });
    expectClose(block.forward(x).data, add(conv.forward(x), x).data, 0, 0, 'output');
  });

  it('x=[batch,8,12,12] stride-2 path without a shortcut: add\'s words, at the block\'s position', () => {
    expectThrows(
      () => loose(new Sequential(['batch', 8, 12, 12]).add(new ReLU())).residual((x) => x.add(conv1)),
      ShapeError,
      'layer 2 (Residual): add: The size of tensor a (6) must match the size of tensor b (12) at non-singleton dimension 3',
    );
  });

  it('a wrong layer inside a path: numbered under the block (2.2, 2.shortcut.1)', () => {
    const start = loose(new Sequential(['batch', 8, 12, 12]).add(new ReLU()));
    expectThrows(
      () => start.residual((x) => x.add(conv1).add(new BatchNorm2d({ numFeatures: 8 }))),
      ShapeError,
      'layer 2.2 (BatchNorm2d): expected input[batch, 16, 6, 6] to have 8 channels (numFeatures), got 16 (running_mean should contain 16 elements not 8)',
    );
    expectThrows(
      () => start.residual((x) => x.add(conv1), (x) => x.add(conv2)),
      ShapeError,
      'layer 2.shortcut.1 (Conv2d): Given groups=1, weight of size [16, 16, 3, 3], expected input[batch, 8, 12, 12] to have 16 channels, but got 8 channels instead',
    );
  });

  it('a callback that does not return a model is a TypeError', () => {
    expect(() => loose(new Sequential([1, 4, 5, 5])).residual(() => 'nothing' as unknown as Loose)).toThrow(TypeError);
  });
});

describe('Sequential.cat', () => {
  const b1 = new Conv2d({ inChannels: 6, outChannels: 4, kernelSize: 1 }, { seed: 7 });
  const b2 = new Conv2d({ inChannels: 6, outChannels: 3, kernelSize: 3, padding: 1 }, { seed: 8 });
  const pool = new MaxPool2d({ kernelSize: 3, stride: 1, padding: 1 });

  it('x=[2,6,7,7] 1x1 | 3x3 | pool joined on dim 1: the numbers of cat by hand', () => {
    const block = new Sequential(['batch', 6, 7, 7]).cat([(x) => x.add(b1), (x) => x.add(b2), (x) => x.add(pool)], 1);
    const x = randn([2, 6, 7, 7], { seed: 9 });
    const y = block.forward(x);
    expect(y.shape).toEqual([2, 13, 7, 7]);
    expectClose(y.data, cat([b1.forward(x), b2.forward(x), pool.forward(x)], 1).data, 0, 0, 'output');
  });

  it('x=[1,6,7,7] joined on dim -1 (width): 7+7', () => {
    const block = new Sequential([1, 6, 7, 7]).cat([(x) => x.add(new ReLU()), (x) => x.add(pool)], -1);
    expect(block.forward(zeros([1, 6, 7, 7])).shape).toEqual([1, 6, 7, 14]);
  });

  it('x=[batch,6,7,7] a stride-2 branch: cat\'s words, at the block', () => {
    expectThrows(
      () => loose(new Sequential(['batch', 6, 7, 7])).cat([(x) => x.add(b1), (x) => x.add(new MaxPool2d({ kernelSize: 2 }))], 1),
      ShapeError,
      'layer 1 (Cat): cat: Sizes of tensors must match except in dimension 1. Expected size 7 but got size 3 for tensor number 1 in the list.',
    );
  });

  it('a wrong layer inside branch 2: numbered 1.2.1', () => {
    expectThrows(
      () => loose(new Sequential(['batch', 6, 7, 7])).cat([(x) => x.add(b1), (x) => x.add(new Conv2d({ inChannels: 3, outChannels: 2, kernelSize: 1 }))], 1),
      ShapeError,
      'layer 1.2.1 (Conv2d): Given groups=1, weight of size [2, 3, 1, 1], expected input[batch, 6, 7, 7] to have 3 channels, but got 6 channels instead',
    );
  });
});

describe('summary of blocks', () => {
  it('x=[batch,8,12,12] residual + cat: block rows with their layers indented, totals counted once', () => {
    const model = new Sequential(['batch', 8, 12, 12])
      .residual(
        (x) => x.add(new Conv2d({ inChannels: 8, outChannels: 8, kernelSize: 3, padding: 1, bias: false })).add(new BatchNorm2d({ numFeatures: 8 })),
      )
      .cat([(x) => x.add(new Conv2d({ inChannels: 8, outChannels: 2, kernelSize: 1 })), (x) => x.add(new ReLU())], 1);
    const table = summary(model);
    expect(table).toContain('Residual-1');
    expect(table).toMatch(/\n {2}Conv2d-1\.1 +\[batch, 8, 12, 12\] +576\n/);
    expect(table).toMatch(/\n {2}BatchNorm2d-1\.2 +\[batch, 8, 12, 12\] +16\n/);
    expect(table).toMatch(/\nCat-2 +\[batch, 10, 12, 12\] +18\n/);
    expect(table).toMatch(/\n {2}Conv2d-2\.1\.1 +\[batch, 2, 12, 12\] +18\n/);
    expect(table).toContain('Total params: 610');
  });
});

describe('the editor says what the exception says (blocks)', () => {
  const source = `import { BatchNorm2d, Conv2d, MaxPool2d, ReLU, Sequential } from 'shapecheck';
const c1 = new Conv2d({ inChannels: 8, outChannels: 16, kernelSize: 3, stride: 2, padding: 1, bias: false });
export const noShortcut = () => new Sequential(['batch', 8, 12, 12]).add(new ReLU())
  .residual((x) => x.add(c1));
export const wrongInPath = () => new Sequential(['batch', 8, 12, 12]).add(new ReLU())
  .residual((x) => x.add(c1).add(new BatchNorm2d({ numFeatures: 8 })), (x) => x.add(c1));
export const wrongShortcut = () => new Sequential(['batch', 8, 12, 12]).add(new ReLU())
  .residual((x) => x.add(c1), (x) => x.add(new Conv2d({ inChannels: 16, outChannels: 16, kernelSize: 1, stride: 2 })));
export const wrongJoin = () => new Sequential(['batch', 6, 7, 7]).cat([(x) => x.add(new ReLU()), (x) => x.add(new MaxPool2d({ kernelSize: 2 }))],
  1);
export const wrongInBranch = () => new Sequential(['batch', 6, 7, 7]).cat([(x) => x.add(new ReLU()),
  (x) => x.add(new Conv2d({ inChannels: 3, outChannels: 2, kernelSize: 1 }))], 1);
`;
  const { diagnostics } = compileSnippet(source);
  const expected: [string, number, string][] = [
    ['noShortcut', 3, 'layer 2 (Residual): add: The size of tensor a (6) must match the size of tensor b (12) at non-singleton dimension 3'],
    ['wrongInPath', 5, 'layer 2.2 (BatchNorm2d): expected input[batch, 16, 6, 6] to have 8 channels (numFeatures), got 16 (running_mean should contain 16 elements not 8)'],
    ['wrongShortcut', 7, 'layer 2.shortcut.1 (Conv2d): Given groups=1, weight of size [16, 16, 1, 1], expected input[batch, 8, 12, 12] to have 16 channels, but got 8 channels instead'],
    ['wrongJoin', 9, 'layer 1 (Cat): cat: Sizes of tensors must match except in dimension 1. Expected size 7 but got size 3 for tensor number 1 in the list.'],
    ['wrongInBranch', 11, 'layer 1.2.1 (Conv2d): Given groups=1, weight of size [2, 3, 1, 1], expected input[batch, 6, 7, 7] to have 3 channels, but got 6 channels instead'],
  ];

  it.each(expected)('%s: one diagnostic on line %i with the message', (_name, line, message) => {
    const here = diagnostics.filter((d) => d.line === line);
    expect(here, JSON.stringify(diagnostics, null, 1)).toHaveLength(1);
    expect(here[0]!.message).toContain(`'"${message}"'`);
  });

  it('no other diagnostics', () => {
    expect(diagnostics.filter((d) => !expected.some(([, line]) => line === d.line))).toEqual([]);
  });
});
