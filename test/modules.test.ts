// Modules (issue 10, section 2): parameters()/namedParameters() with PyTorch's dotted names on
// every layer, Sequential, residual/cat blocks and block classes; buffers; zeroGrad; train/eval
// propagated by duck typing.
import { describe, expect, it } from 'vitest';
import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  BatchNorm2d,
  Conv2d,
  Dropout,
  Flatten,
  Linear,
  MaxPool2d,
  Module,
  ReLU,
  Sequential,
  mean,
  noGrad,
  randn,
  relu,
  type Tensor,
} from 'shapecheck';
import { BasicBlock } from './models/custom-blocks.js';

const names = (entries: [string, Tensor][]): string[] => entries.map(([name]) => name);

describe('layers: parameters require grad (nn.Parameter)', () => {
  it('Conv2d weight and bias; bias: false has none', () => {
    const conv = new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3 });
    expect(names(conv.namedParameters())).toEqual(['weight', 'bias']);
    expect(conv.parameters()).toEqual([conv.weight, conv.bias]);
    expect(conv.weight.requiresGrad && conv.bias.requiresGrad && conv.weight.isLeaf).toBe(true);
    expect(names(new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, bias: false }).namedParameters('x.'))).toEqual(['x.weight']);
  });

  it('Linear; a lazy Linear has none until initialised', () => {
    const lazy = new Linear({ outFeatures: 2 });
    expect(lazy.parameters()).toEqual([]);
    lazy.forward(randn([1, 5], { seed: 1 }));
    expect(names(lazy.namedParameters())).toEqual(['weight', 'bias']);
    expect(lazy.weight.requiresGrad).toBe(true);
    expect(new Linear({ inFeatures: 2, outFeatures: 2, bias: false }).parameters().length).toBe(1);
  });

  it('BatchNorm2d: weight and bias are parameters, running statistics buffers that do not require grad', () => {
    const bn = new BatchNorm2d({ numFeatures: 3 });
    expect(names(bn.namedParameters())).toEqual(['weight', 'bias']);
    expect(names(bn.namedBuffers())).toEqual(['runningMean', 'runningVar', 'numBatchesTracked']);
    expect(bn.buffers().every((b) => !b.requiresGrad)).toBe(true);
    expect(new BatchNorm2d({ numFeatures: 3, affine: false, trackRunningStats: false }).parameters()).toEqual([]);
    expect(new BatchNorm2d({ numFeatures: 3, trackRunningStats: false }).buffers()).toEqual([]);
  });

  it('layers without parameters list none (ReLU, Flatten, pooling, Dropout, AdaptiveAvgPool2d)', () => {
    const layers = [new ReLU(), new Flatten(), new MaxPool2d({ kernelSize: 2 }), new AvgPool2d({ kernelSize: 2 }), new Dropout({ p: 0.5 }), new AdaptiveAvgPool2d({ outputSize: 1 })];
    expect(layers.map((layer) => [layer.parameters().length, layer.namedParameters().length])).toEqual(layers.map(() => [0, 0]));
  });

  it('writing weight.data stays allowed; in-place methods on a parameter need noGrad', () => {
    const conv = new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, bias: false });
    conv.weight.data.fill(2);
    expect(() => conv.weight.fill_(1)).toThrow(/a leaf Variable that requires grad is being used in an in-place operation/);
    noGrad(() => conv.weight.fill_(1));
    expect(conv.weight.data[0]).toBe(1);
  });
});

describe('Sequential: names as torch.nn.Sequential', () => {
  const model = new Sequential(['batch', 3, 8, 8])
    .add(new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, padding: 1 }))
    .add(new BatchNorm2d({ numFeatures: 4 }))
    .add(new ReLU())
    .residual(
      (x) => x.add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 3, stride: 2, padding: 1, bias: false })).add(new BatchNorm2d({ numFeatures: 8 })),
      (x) => x.add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 1, stride: 2, bias: false })),
    )
    .cat([(x) => x.add(new Conv2d({ inChannels: 8, outChannels: 2, kernelSize: 1 })), (x) => x.add(new MaxPool2d({ kernelSize: 3, stride: 1, padding: 1 }))], 1)
    .add(new Flatten())
    .add(new Linear({ outFeatures: 10 }));

  it('layers by index from 0, blocks\' layers under the block', () => {
    expect(names(model.namedParameters())).toEqual([
      '0.weight',
      '0.bias',
      '1.weight',
      '1.bias',
      '3.0.weight',
      '3.1.weight',
      '3.1.bias',
      '3.shortcut.0.weight',
      '4.0.0.weight',
      '4.0.0.bias',
      '6.weight',
      '6.bias',
    ]);
    expect(names(model.namedBuffers())).toEqual(['1.runningMean', '1.runningVar', '1.numBatchesTracked', '3.1.runningMean', '3.1.runningVar', '3.1.numBatchesTracked']);
    expect(model.parameters()).toEqual(model.namedParameters().map(([, p]) => p));
    expect(names(model.namedParameters('model.'))[0]).toBe('model.0.weight');
    expect(model.namedChildren().map(([name, layer]) => `${name}:${layer.kind}`)).toEqual(['0:Conv2d', '1:BatchNorm2d', '2:ReLU', '3:Residual', '4:Cat', '5:Flatten', '6:Linear']);
  });

  it('a layer used twice is listed once, at its first name (PyTorch\'s remove_duplicate)', () => {
    const conv = new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 1 });
    const shared = new Sequential([1, 4, 2, 2]).add(conv).add(new ReLU()).add(conv);
    expect(names(shared.namedParameters())).toEqual(['0.weight', '0.bias']);
  });

  it('zeroGrad sets every grad to null (set_to_none), or to zeros', () => {
    const loss = mean(model.forward(randn([2, 3, 8, 8], { seed: 3 })));
    const last = model.layers[6] as Linear<{ outFeatures: 10 }>;
    loss.backward();
    expect(last.weight.grad).not.toBeNull();
    model.zeroGrad(false);
    expect(Array.from(last.weight.grad!.data).every((v) => v === 0)).toBe(true);
    model.zeroGrad();
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
    expect(() => model.zeroGrad('yes' as never)).toThrow('zeroGrad: setToNone must be a boolean, got yes');
  });

  it('train/eval set training on the model, its blocks and every layer that has train', () => {
    const calls: boolean[] = [];
    class Spy {
      readonly kind = 'Spy';
      training = true;
      outputShape(shape: readonly number[]): number[] {
        return [...shape];
      }
      forward(x: Tensor<[1, 4]>): Tensor<[1, 4]> {
        return x;
      }
      train(mode = true): this {
        calls.push(mode);
        this.training = mode;
        return this;
      }
    }
    const spy = new Spy();
    const inner = new Spy();
    const m = new Sequential([1, 4]).add(spy).residual((x) => x.add(inner).add(new ReLU()));
    expect(m.training).toBe(true);
    expect(m.eval()).toBe(m);
    expect([m.training, spy.training, inner.training, (m.layers[1] as unknown as { training: boolean }).training]).toEqual([false, false, false, false]);
    m.train();
    expect([m.training, spy.training, inner.training]).toEqual([true, true, true]);
    expect(calls).toEqual([false, false, true, true]);
    expect(() => m.train('no' as never)).toThrow('train: training mode is expected to be boolean, got no');
    expect(m.training).toBe(true);
  });
});

describe('block classes: their fields, as nn.Module attributes', () => {
  it('a BasicBlock (plain class) in a Sequential: fields in declaration order', () => {
    const model = new Sequential(['batch', 64, 56, 56]).add(new BasicBlock());
    expect(names(model.namedParameters())).toEqual(['0.conv1.weight', '0.bn1.weight', '0.bn1.bias', '0.conv2.weight', '0.bn2.weight', '0.bn2.bias']);
    expect(names(model.namedBuffers())).toEqual(['0.bn1.runningMean', '0.bn1.runningVar', '0.bn1.numBatchesTracked', '0.bn2.runningMean', '0.bn2.runningVar', '0.bn2.numBatchesTracked']);
  });

  it('extending Module: own tensors, arrays of layers, nested models, train/eval', () => {
    class Head extends Module {
      readonly kind = 'Head';
      readonly scale = randn([4], { seed: 5, requiresGrad: true });
      readonly notAParameter = randn([4], { seed: 6 });
      readonly convs = [new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 1 }), new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 1, bias: false })];
      readonly tail = new Sequential([1, 4]).add(new Linear({ inFeatures: 4, outFeatures: 2 }));
      outputShape(shape: readonly number[]): number[] {
        return [...shape];
      }
      forward(x: Tensor<[1, 4, 2, 2]>): Tensor<[1, 4, 2, 2]> {
        return relu(x);
      }
    }
    const head = new Head();
    expect(names(head.namedParameters())).toEqual(['scale', 'convs.0.weight', 'convs.0.bias', 'convs.1.weight', 'tail.0.weight', 'tail.0.bias']);
    expect(head.namedChildren().map(([name]) => name)).toEqual(['convs.0', 'convs.1', 'tail']);
    const model = new Sequential([1, 4, 2, 2]).add(head);
    expect(names(model.namedParameters())[0]).toBe('0.scale');
    model.eval();
    expect([head.training, head.tail.training]).toEqual([false, false]);
    head.zeroGrad();
    expect(head.buffers()).toEqual([]);
  });
});
