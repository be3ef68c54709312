// stateDict() and loadStateDict() (issue 13, part 1): PyTorch's keys, order and shapes (from
// test/fixtures/train.json's `stateDict`, written by scripts/gen_train_fixtures.py from the same
// model's torch.nn.Module.state_dict()), PyTorch's checks and messages, and a failed load that
// changes nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BatchNorm2d, Conv2d, Flatten, Linear, Module, ReLU, SGD, Sequential, Tensor, crossEntropy, relu, tensor, zeros, type StateDict } from 'shapecheck';
import { expectThrows } from './helpers.js';
import { smallCnn } from './models/small-cnn.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/train.json', import.meta.url), 'utf8')) as {
  stateDict: [string, number[]][];
  namedModules: [string, string][];
  initial: { params: Record<string, number[]>; buffers: Record<string, number[]> };
};

const shapes = (dict: Map<string, Tensor>): [string, number[]][] => [...dict].map(([key, t]) => [key, [...(t.shape as readonly number[])]]);
const snapshot = (model: Module): number[][] => [...model.stateDict().values()].map((t) => Array.from(t.data));

describe('stateDict(): PyTorch\'s keys, order and shapes', () => {
  it('a CNN with BatchNorm, max pool, residual blocks (one with a downsampling shortcut) and Linear: torch.nn.Module.state_dict()\'s', () => {
    expect(shapes(smallCnn().stateDict())).toEqual(fixture.stateDict);
  });

  it('the tensors share the model\'s data and require no grad', () => {
    const model = smallCnn();
    const weight = model.stateDict().get('0.weight')!;
    expect(weight.requiresGrad).toBe(false);
    weight.data[0] = 42;
    expect(model.parameters()[0]!.data[0]).toBe(42);
  });

  it('a block class: its own parameters first, then its fields\' layers in declaration order', () => {
    class Block extends Module {
      readonly kind = 'Block';
      readonly scale = tensor([1, 2]).requiresGrad_();
      readonly conv = new Conv2d({ inChannels: 2, outChannels: 2, kernelSize: 1 });
      readonly norms = [new BatchNorm2d({ numFeatures: 2 })];
      outputShape(shape: readonly number[]): number[] {
        return [...shape];
      }
      forward(x: Tensor<[1, 2, 4, 4]>): Tensor<[1, 2, 4, 4]> {
        return relu(this.norms[0]!.forward(this.conv.forward(x)));
      }
    }
    expect([...new Block().stateDict().keys()]).toEqual([
      'scale',
      'conv.weight',
      'conv.bias',
      'norms.0.weight',
      'norms.0.bias',
      'norms.0.running_mean',
      'norms.0.running_var',
      'norms.0.num_batches_tracked',
    ]);
  });
});

describe('loadStateDict()', () => {
  it('the fixture\'s initial weights, loaded by PyTorch\'s names, are the model\'s values', () => {
    const model = smallCnn();
    const torchKey = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const dict = new Map<string, Tensor>();
    for (const [name, values] of [...Object.entries(fixture.initial.params), ...Object.entries(fixture.initial.buffers)]) {
      const shape = fixture.stateDict.find(([key]) => key === torchKey(name))![1];
      dict.set(torchKey(name), new Tensor(Float32Array.from(values), shape));
    }
    expect(model.loadStateDict(dict)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    const loaded = model.stateDict();
    for (const [key, t] of dict) expect(Array.from(loaded.get(key)!.data)).toEqual(Array.from(t.data));
  });

  it('copies: changing the dict afterwards does not change the model; the versions move on', () => {
    const a = smallCnn();
    const b = smallCnn();
    const dict = a.stateDict();
    const before = b.parameters()[0]!.version;
    b.loadStateDict(dict);
    dict.get('0.weight')!.data[0] = 1234;
    expect(b.parameters()[0]!.data[0]).not.toBe(1234);
    expect(b.parameters()[0]!.version).toBe(before + 1);
  });

  it('a plain object works as a Map does', () => {
    const a = new Sequential(['batch', 3]).add(new Linear({ inFeatures: 3, outFeatures: 2 }));
    const dict: StateDict = { '0.weight': tensor([[1, 2, 3], [4, 5, 6]]), '0.bias': tensor([7, 8]) };
    a.loadStateDict(dict);
    expect(a.stateDict().get('0.weight')!.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  const two = () => new Sequential(['batch', 3]).add(new Linear({ inFeatures: 3, outFeatures: 2 })).add(new ReLU()).add(new Linear({ inFeatures: 2, outFeatures: 1 }));

  it.each([
    [
      'a missing key',
      { '0.weight': zeros([2, 3]), '0.bias': zeros([2]), '2.weight': zeros([1, 2]) },
      'loadStateDict: Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: "2.bias". ',
    ],
    [
      'an unexpected key',
      { '0.weight': zeros([2, 3]), '0.bias': zeros([2]), '2.weight': zeros([1, 2]), '2.bias': zeros([1]), 'fc.weight': zeros([1]) },
      'loadStateDict: Error(s) in loading state_dict for Sequential:\n\tUnexpected key(s) in state_dict: "fc.weight". ',
    ],
    [
      'a shape that differs',
      { '0.weight': zeros([2, 4]), '0.bias': zeros([2]), '2.weight': zeros([1, 2]), '2.bias': zeros([1]) },
      'loadStateDict: Error(s) in loading state_dict for Sequential:\n\tsize mismatch for 0.weight: copying a param with shape [2, 4] from checkpoint, the shape in current model is [2, 3].',
    ],
    [
      'all three, in PyTorch\'s order (missing, unexpected, then each size mismatch)',
      { '0.weight': zeros([6]), '0.bias': zeros([3]), '2.weight': zeros([1, 2]), 'x.y': zeros([1]), 'x.z': zeros([2]) },
      'loadStateDict: Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: "2.bias". \n\tUnexpected key(s) in state_dict: "x.y", "x.z". \n\tsize mismatch for 0.weight: copying a param with shape [6] from checkpoint, the shape in current model is [2, 3].\n\tsize mismatch for 0.bias: copying a param with shape [3] from checkpoint, the shape in current model is [2].',
    ],
  ] as const)('%s: an error in PyTorch\'s words, and nothing changes', (_case, dict, message) => {
    const model = two();
    const before = snapshot(model);
    const versions = model.parameters().map((p) => p.version);
    expectThrows(() => model.loadStateDict(dict), Error, message);
    expect(snapshot(model)).toEqual(before);
    expect(model.parameters().map((p) => p.version)).toEqual(versions);
  });

  it('strict: false loads what matches and returns the missing and unexpected keys', () => {
    const model = two();
    const result = model.loadStateDict({ '0.weight': tensor([[1, 1, 1], [2, 2, 2]]), 'fc.weight': zeros([1]) }, { strict: false });
    expect(result).toEqual({ missingKeys: ['0.bias', '2.weight', '2.bias'], unexpectedKeys: ['fc.weight'] });
    expect(model.stateDict().get('0.weight')!.toArray()).toEqual([[1, 1, 1], [2, 2, 2]]);
  });

  it('strict: false still refuses a shape that differs (as PyTorch), changing nothing', () => {
    const model = two();
    const before = snapshot(model);
    expectThrows(
      () => model.loadStateDict({ '0.weight': zeros([3, 3]), '0.bias': tensor([5, 5]) }, { strict: false }),
      Error,
      'loadStateDict: Error(s) in loading state_dict for Sequential:\n\tsize mismatch for 0.weight: copying a param with shape [3, 3] from checkpoint, the shape in current model is [2, 3].',
    );
    expect(snapshot(model)).toEqual(before);
  });

  it.each([
    ['null', null, 'loadStateDict: Expected state_dict to be dict-like (a Map or an object of tensors), got null.'],
    ['a tensor', zeros([2]), 'loadStateDict: Expected state_dict to be dict-like (a Map or an object of tensors), got a Tensor.'],
    ['an array', [zeros([2])], 'loadStateDict: Expected state_dict to be dict-like (a Map or an object of tensors), got an array.'],
    ['a value that is not a tensor', { '0.weight': [[1, 2, 3]] }, 'loadStateDict: the value of "0.weight" is not a Tensor (object)'],
    ['a Map with a number key', new Map([[1, zeros([1])]]), 'loadStateDict: a state_dict\'s keys are strings, got number'],
  ] as const)('%s: a TypeError, nothing changes', (_case, dict, message) => {
    const model = two();
    const before = snapshot(model);
    expectThrows(() => model.loadStateDict(dict as never), TypeError, message);
    expect(snapshot(model)).toEqual(before);
  });

  it('strict must be a boolean', () => {
    expectThrows(() => two().loadStateDict({}, { strict: 'no' as never }), TypeError, 'loadStateDict: strict must be a boolean, got no');
  });
});

describe('names given where layers are added', () => {
  it('add(layer, name), residual(..., { name, shortcutName }) and cat(..., { name }) name the stateDict\'s keys; unnamed layers keep their index', () => {
    const model = new Sequential(['batch', 2, 4, 4])
      .add(new Conv2d({ inChannels: 2, outChannels: 2, kernelSize: 1, bias: false }), 'stem')
      .residual(
        (x) => x.add(new Conv2d({ inChannels: 2, outChannels: 2, kernelSize: 1, bias: false }), 'conv1'),
        (x) => x.add(new Conv2d({ inChannels: 2, outChannels: 2, kernelSize: 1, bias: false })),
        { name: 'layer1.0', shortcutName: 'downsample' },
      )
      .residual((x) => x.add(new Conv2d({ inChannels: 2, outChannels: 2, kernelSize: 1, bias: false })), (x) => x.add(new ReLU()).add(new Conv2d({ inChannels: 2, outChannels: 2, kernelSize: 1, bias: false })))
      .cat([(x) => x.add(new Conv2d({ inChannels: 2, outChannels: 1, kernelSize: 1, bias: false }), 'a'), (x) => x.add(new Conv2d({ inChannels: 2, outChannels: 1, kernelSize: 1, bias: false }))], 1, { name: 'mix' })
      .add(new Flatten())
      .add(new Linear({ inFeatures: 32, outFeatures: 3 }), 'fc');
    expect([...model.stateDict().keys()]).toEqual([
      'stem.weight',
      'layer1.0.conv1.weight',
      'layer1.0.downsample.0.weight',
      '2.0.weight',
      '2.shortcut.1.weight',
      'mix.0.a.weight',
      'mix.1.0.weight',
      'fc.weight',
      'fc.bias',
    ]);
    expect(model.namedParameters().map(([name]) => name)).toEqual([...model.stateDict().keys()]);
  });

  const conv = () => new Conv2d({ inChannels: 2, outChannels: 2, kernelSize: 1 });
  const start = () => new Sequential(['batch', 2, 4, 4]);
  it.each([
    ['an empty name', () => start().add(conv(), ''), RangeError, 'Sequential: layer 1: module name can\'t be empty string ""'],
    ['an empty part', () => start().add(conv(), 'layer1..0'), RangeError, 'Sequential: layer 1: a name\'s dot-separated parts must not be empty, got "layer1..0"'],
    ['a name that is not a string', () => start().add(conv(), 3 as never), TypeError, 'Sequential: layer 1: a name must be a string, got number'],
    ['a name taken by an earlier layer', () => start().add(conv(), 'conv').add(new ReLU()).add(conv(), 'conv'), RangeError, "Sequential: layer 3: attribute 'conv' already exists"],
    ['a name that an earlier layer has as its index', () => start().add(new ReLU()).add(conv(), '0'), RangeError, "Sequential: layer 2: attribute '0' already exists"],
    ['an index that an earlier layer was given as its name', () => start().add(conv(), '1').add(new ReLU()), RangeError, "Sequential: layer 2: its index, '1', is its name, and an earlier layer was given that name"],
    ['an unknown residual option', () => start().residual((x) => x.add(conv()), null, { label: 'x' } as never), TypeError, "Sequential.residual: unknown option 'label' (options: name, shortcutName)"],
    ['a shortcut name with a dot', () => start().residual((x) => x.add(conv()), null, { shortcutName: 'down.sample' }), RangeError, 'Sequential.residual: shortcutName must be a non-empty name without dots, got "down.sample"'],
    ['a cat name that is not a string', () => start().cat([(x) => x.add(conv())], 1, { name: 7 as never }), TypeError, 'Sequential.cat: name must be a string, got number'],
  ] as const)('%s: an error naming the layer', (_case, build, errorClass, message) => {
    expectThrows(build, errorClass, message);
  });
});

describe('a layer on its own: stateDict() and loadStateDict() as nn.Module\'s', () => {
  it('Conv2d, Linear and BatchNorm2d: their own keys; a load copies and checks', () => {
    expect([...new Conv2d({ inChannels: 3, outChannels: 2, kernelSize: 3, bias: false }).stateDict().keys()]).toEqual(['weight']);
    expect([...new BatchNorm2d({ numFeatures: 2, affine: false }).stateDict().keys()]).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
    const fc = new Linear({ inFeatures: 2, outFeatures: 1 });
    expect(fc.loadStateDict({ weight: tensor([[3, 4]]), bias: tensor([5]) })).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(fc.weight.toArray()).toEqual([[3, 4]]);
    expectThrows(
      () => fc.loadStateDict({ weight: tensor([[3, 4, 5]]), bias: tensor([5]) }),
      Error,
      'loadStateDict: Error(s) in loading state_dict for Linear:\n\tsize mismatch for weight: copying a param with shape [1, 3] from checkpoint, the shape in current model is [1, 2].',
    );
    expect(fc.weight.toArray()).toEqual([[3, 4]]);
  });
});

describe('namedModules() and requiresGrad_() (PyTorch\'s named_modules and requires_grad_)', () => {
  it('the modules\' names and kinds, depth first, are torch.nn.Module.named_modules()\'s', () => {
    const kindOf = (module: object): string => (module as { kind?: string }).kind ?? module.constructor.name;
    expect(smallCnn().namedModules().map(([name, module]) => [name, kindOf(module)])).toEqual(fixture.namedModules);
  });

  it('a layer shared by two places is listed once, at its first name', () => {
    const shared = new ReLU();
    const model = new Sequential(['batch', 2]).add(shared).add(new Linear({ inFeatures: 2, outFeatures: 2 })).add(shared);
    expect(model.namedModules().map(([name]) => name)).toEqual(['', '0', '1']);
    expect(model.modules()).toHaveLength(3);
  });

  it('requiresGrad_(false) on a residual block freezes it: no gradient, and the optimizer\'s step leaves it as it was', () => {
    const model = smallCnn();
    const block = model.layers[4] as unknown as Module;
    block.requiresGrad_(false);
    const frozen = new Set(block.parameters());
    const before = model.parameters().map((p) => Array.from(p.data));
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const x = new Tensor(Float32Array.from({ length: 4 * 3 * 8 * 8 }, (_, i) => Math.sin(i)), [4, 3, 8, 8]);
    crossEntropy(model.forward(x), tensor([0, 1, 2, 3])).backward();
    optimizer.step();
    model.parameters().forEach((p, i) => {
      if (frozen.has(p)) {
        expect(p.grad).toBeNull();
        expect(Array.from(p.data)).toEqual(before[i]);
      } else expect(Array.from(p.data)).not.toEqual(before[i]);
    });
    block.requiresGrad_();
    expect(block.parameters().every((p) => p.requiresGrad)).toBe(true);
  });

  it('requiresGrad_ takes a boolean', () => {
    expectThrows(() => smallCnn().requiresGrad_('no' as never), TypeError, 'requiresGrad_: requires_grad must be a boolean, got no');
  });
});
