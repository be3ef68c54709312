// PyTorch's weights into a typed model (issue 13): torchvision's ResNet-18 state dict, made from
// the generator scripts/gen_interop_fixtures.py describes (the same xorshift32 here: a whole
// model's weights are too large to commit), written with saveSafetensors as PyTorch holds it
// (num_batches_tracked int64), read back with loadSafetensors, loaded into examples/resnet18.ts
// with loadStateDict: the logits on the same input equal torchvision's
// (test/fixtures/resnet18-logits.json) within 1e-4.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tensor, loadSafetensors, noGrad, saveSafetensors, type SafetensorsDtype } from 'shapecheck';
import { resnet18 } from '../examples/resnet18.js';
import { expectClose } from './helpers.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/resnet18-logits.json', import.meta.url), 'utf8')) as {
  seed: number;
  input: number[];
  stateDict: [string, number[]][];
  logits: number[];
};

/** The script's generator: xorshift32, u in [-1, 1) computed in float64. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    let x = state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    state = x;
    return x;
  };
  return (n: number, value: (u: number) => number): Float32Array => Float32Array.from({ length: n }, () => value((next() / 4294967296) * 2 - 1));
}

/** The state dict the script loads into torchvision's model, key by key in its order. */
function torchvisionState(draw: ReturnType<typeof generator>): Map<string, Tensor> {
  const state = new Map<string, Tensor>();
  for (const [key, shape] of fixture.stateDict) {
    const n = shape.reduce((a, b) => a * b, 1);
    const last = key.slice(key.lastIndexOf('.') + 1);
    let data: Float32Array;
    if (last === 'num_batches_tracked') data = Float32Array.of(7);
    else if (last === 'weight' && shape.length >= 2) {
      const scale = Math.sqrt(3 / shape.slice(1).reduce((a, b) => a * b, 1));
      data = draw(n, (u) => u * scale);
    } else if (last === 'bias' && key.startsWith('fc.')) data = draw(n, (u) => u * 0.1);
    else if (last === 'weight') data = draw(n, (u) => 1 + 0.1 * u);
    else if (last === 'bias') data = draw(n, (u) => 0.1 * u);
    else if (last === 'running_mean') data = draw(n, (u) => 0.1 * u);
    else if (last === 'running_var') data = draw(n, (u) => 1 + 0.5 * u);
    else throw new Error(`unexpected key ${key}`);
    state.set(key, new Tensor(data, shape));
  }
  return state;
}

describe('torchvision ResNet-18 weights into examples/resnet18.ts, through safetensors', () => {
  it(`the logits of [2, 3, 224, 224] equal torchvision's within 1e-4`, { timeout: 120_000 }, () => {
    const draw = generator(fixture.seed);
    const state = torchvisionState(draw);
    const x = new Tensor(draw(fixture.input.reduce((a, b) => a * b, 1), (u) => u), fixture.input);
    // as PyTorch writes it: num_batches_tracked int64
    const dtypes: Record<string, SafetensorsDtype> = {};
    for (const key of state.keys()) if (key.endsWith('num_batches_tracked')) dtypes[key] = 'I64';
    const bytes = saveSafetensors(state, { dtypes, metadata: { format: 'pt' } });
    const file = loadSafetensors(bytes);
    expect(file.dtypes.get('bn1.num_batches_tracked')).toBe('I64');
    expect(file.metadata).toEqual({ format: 'pt' });

    const model = resnet18();
    expect(model.loadStateDict(file.tensors)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(model.stateDict().get('layer4.1.bn2.num_batches_tracked')!.item()).toBe(7);
    model.eval();
    const logits = noGrad(() => model.forward(x as Tensor<[2, 3, 224, 224]>));
    expect(logits.shape).toEqual([2, 1000]);
    expectClose(logits.data, fixture.logits, 1e-4, 1e-4, 'logits');
  });
});
