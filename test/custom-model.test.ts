// Custom blocks (classes with typed layers and a forward on the functional twins): the same
// numbers as the equivalent Sequential blocks, usable inside a Sequential, and checked there by
// their forward's signature with the same words in the editor as at runtime.
import { describe, expect, it } from 'vitest';
import { Conv2d, MaxPool2d, ReLU, Sequential, ShapeError, assertShape, randn, summary } from 'shapecheck';
import { compileSnippet } from '../scripts/virtual-program.mjs';
import { expectClose, expectThrows } from './helpers.js';
import { BasicBlock, InceptionBlock } from './models/custom-blocks.js';

describe('a BasicBlock class', () => {
  const block = new BasicBlock();
  block.bn1.runningVar.data.fill(2);
  block.bn2.runningMean.data.fill(0.1);

  it('x=[2,64,56,56]: the numbers of the same layers in Sequential.residual', () => {
    const asModel = new Sequential(['batch', 64, 56, 56])
      .residual((x) => x.add(block.conv1).add(block.bn1).add(new ReLU()).add(block.conv2).add(block.bn2))
      .add(new ReLU());
    const x = randn([2, 64, 56, 56], { seed: 11 });
    // the block's forward is declared on ['batch', 64, 56, 56]: a literal batch is not assignable to the name, asserting it is
    const y = block.forward(assertShape(x, ['batch', 64, 56, 56]));
    expect(y.shape).toEqual([2, 64, 56, 56]);
    expectClose(y.data, asModel.forward(x).data, 0, 0, 'output');
  });

  it('x=[batch,64,56,56] two blocks in a Sequential: trace, forward, summary', () => {
    const model = new Sequential(['batch', 64, 56, 56]).add(new BasicBlock()).add(new BasicBlock());
    expect(model.shapes()).toEqual([[1, 64, 56, 56], [1, 64, 56, 56], [1, 64, 56, 56]]);
    expect(model.forward(randn([1, 64, 56, 56], { seed: 12 })).shape).toEqual([1, 64, 56, 56]);
    // the layers in a block's fields count as its parameters (as a module's submodules): 2·(64·64·3·3) + 2·(64 + 64)
    expect(summary(model)).toMatch(/\nBasicBlock-2 +\[batch, 64, 56, 56\] +73,984\n/);
    expect(summary(model)).toContain('Total params: 147,968');
  });

  it('x=[batch,32,56,56] in a Sequential: the block\'s own words at its position', () => {
    expectThrows(
      () => (new Sequential(['batch', 32, 56, 56]) as unknown as { add(layer: unknown): unknown }).add(new BasicBlock()),
      ShapeError,
      'layer 1 (BasicBlock): expected an input of shape [batch, 64, 56, 56], got [batch, 32, 56, 56]',
    );
  });
});

describe('an InceptionBlock class', () => {
  it('x=[1,192,28,28]: four branches joined, the numbers of Sequential.cat', () => {
    const block = new InceptionBlock();
    const asModel = new Sequential([1, 192, 28, 28]).cat(
      [
        (x) => x.add(block.branch1).add(new ReLU()),
        (x) => x.add(block.branch2a).add(new ReLU()).add(block.branch2b).add(new ReLU()),
        (x) => x.add(block.branch3a).add(new ReLU()).add(block.branch3b).add(new ReLU()),
        (x) => x.add(new MaxPool2d({ kernelSize: 3, stride: 1, padding: 1 })).add(block.branch4).add(new ReLU()),
      ],
      1,
    );
    const x = randn([1, 192, 28, 28], { seed: 13 });
    const y = block.forward(assertShape(x, ['batch', 192, 28, 28]));
    expect(y.shape).toEqual([1, 256, 28, 28]);
    expectClose(y.data, asModel.forward(x).data, 0, 0, 'output');
  });
});

describe('the editor on custom blocks', () => {
  const source = `import { Conv2d, Sequential, add, relu, type Tensor } from 'shapecheck';
import { BasicBlock, InceptionBlock } from '../models/custom-blocks.js';
export const ok = new Sequential(['batch', 64, 56, 56]).add(new BasicBlock()).add(new BasicBlock());
export const wrong = () => new Sequential(['batch', 32, 56, 56])
  .add(new BasicBlock());
export const next = () => new Sequential(['batch', 192, 28, 28]).add(new InceptionBlock())
  .add(new Conv2d({ inChannels: 192, outChannels: 10, kernelSize: 1 }));
export class Wrong {
  readonly conv = new Conv2d({ inChannels: 64, outChannels: 32, kernelSize: 3, padding: 1 });
  forward(x: Tensor<['batch', 64, 56, 56]>): Tensor<['batch', 64, 56, 56]> {
    return relu(add(this.conv.forward(x),
      x));
  }
}
`;
  const { diagnostics } = compileSnippet(source);
  const at = (line: number) => diagnostics.filter((d) => d.line === line);

  it('two BasicBlocks on [batch, 64, 56, 56]: no diagnostics', () => {
    expect(at(2)).toEqual([]);
  });

  it('BasicBlock on [batch, 32, 56, 56]: the runtime message on the add line', () => {
    expect(at(4)).toHaveLength(1);
    expect(at(4)[0]!.message).toContain(`'"layer 1 (BasicBlock): expected an input of shape [batch, 64, 56, 56], got [batch, 32, 56, 56]"'`);
  });

  it('a Conv2d after the InceptionBlock gets its 256 channels', () => {
    expect(at(6)).toHaveLength(1);
    expect(at(6)[0]!.message).toContain('expected input[batch, 256, 28, 28] to have 192 channels, but got 256 channels instead');
  });

  it('inside a class forward: a residual sum of 32 and 64 channels is an error at the add argument', () => {
    expect(at(11)).toHaveLength(1);
    expect(at(11)[0]!.message).toContain('add: The size of tensor a (32) must match the size of tensor b (64) at non-singleton dimension 1');
    expect(diagnostics).toHaveLength(3);
  });
});
