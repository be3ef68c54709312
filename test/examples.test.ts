// The model examples in examples/ against torchvision: for each, the leaf layers that
// layerTable lists must be torchvision's leaf modules (test/fixtures/models.json, forward hooks
// in execution order) with the same kinds and output shapes, and the parameter count must be
// torch's, and so must the keys, order and shapes of stateDict() (the layers are named where they
// are added); one forward at batch 1 gives the shape the compiler computed for the model.

import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { layerTable, randn, type LayerRow, type ShapeTrace } from 'shapecheck';
import { lenet5 } from '../examples/lenet5.js';
import { invertedResidual24, invertedResidual24to32 } from '../examples/mobilenetv2-block.js';
import { resnet18 } from '../examples/resnet18.js';
import { vgg11 } from '../examples/vgg11.js';
import { unet } from '../examples/unet.js';
import { mobilenetV3Small } from '../examples/mobilenetv3-small.js';
import { efficientNetB0 } from '../examples/efficientnet-b0.js';
import { convnextTiny } from '../examples/convnext-tiny.js';
import { mobilenetV3SmallAnySize } from '../examples/mobilenetv3-small-any-size.js';

interface ModelTrace {
  name: string;
  input: number[];
  output: number[];
  params: number;
  notes: string;
  stateDict: [string, number[]][];
  trace: { name: string; kind: string; shape: number[] }[];
}
const { models } = JSON.parse(readFileSync(new URL('./fixtures/models.json', import.meta.url), 'utf8')) as { models: ModelTrace[] };
const torchvision = (name: string): ModelTrace => {
  const found = models.find((m) => m.name === name);
  if (!found) throw new Error(`models.json has no model '${name}'`);
  return found;
};

/**
 * The kinds that are functional in torch (no hook entry): the blocks' sums, products and joins,
 * and a LayerScale's product with the parameter its block owns (torchvision's CNBlock).
 */
const BLOCKS = new Set(['Residual', 'Mul', 'Cat', 'LayerScale']);
/** The leaf layers as torch's hooks see them: no block rows. */
const leafRows = (rows: readonly LayerRow[], functionalFlatten: boolean): LayerRow[] =>
  rows.filter((row) => !BLOCKS.has(row.kind) && !(functionalFlatten && row.kind === 'Flatten'));

/** The total parameters, as summary counts them: the model's own rows (a block's row holds its layers'). */
const totalParams = (rows: readonly LayerRow[]): number => rows.reduce((sum, row) => sum + (row.depth === 0 ? row.params : 0), 0);

/** The last shape of a model's type-level trace. */
type OutputShape<Model> = ShapeTrace<Model> extends readonly [...unknown[], infer Last] ? Last : never;

/** Builds each model once (VGG-11's weights take seconds to initialise). */
const once = <T>(build: () => T): (() => T) => {
  let model: T | undefined;
  return () => (model ??= build());
};

const examples = [
  // lenet5: "Every operation is a module (Flatten included)"
  { example: 'lenet5', fixture: 'lenet5', build: once(lenet5), functionalFlatten: false },
  // vgg11 and resnet18: "calls torch.flatten(x, 1)" in forward, no entry; our Flatten is a layer
  { example: 'vgg11', fixture: 'vgg11', build: once(vgg11), functionalFlatten: true },
  { example: 'resnet18', fixture: 'resnet18', build: once(resnet18), functionalFlatten: true },
  { example: 'mobilenetv2-block invertedResidual24', fixture: 'mobilenetv2_block', build: once(invertedResidual24), functionalFlatten: false },
  { example: 'mobilenetv2-block invertedResidual24to32', fixture: 'mobilenetv2_block_s2', build: once(invertedResidual24to32), functionalFlatten: false },
  // unet (issue 12): PyTorch's U-Net of scripts/gen_model_traces.py; its layers are not named as
  // that module's attributes, so its state_dict keys are not compared
  { example: 'unet', fixture: 'unet', build: once(unet), functionalFlatten: false, unnamed: true },
  // issue 12: squeeze-and-excitation is a `mul` block (`scale * input` in torch, functional)
  { example: 'mobilenetv3-small', fixture: 'mobilenet_v3_small', build: once(mobilenetV3Small), functionalFlatten: true },
  // StochasticDepth is a leaf module, called before the functional residual sum
  { example: 'efficientnet-b0', fixture: 'efficientnet_b0', build: once(efficientNetB0), functionalFlatten: true },
  // LayerScale is torch's functional `layer_scale * x` (no entry); Flatten is a module here
  { example: 'convnext-tiny', fixture: 'convnext_tiny', build: once(convnextTiny), functionalFlatten: false },
  // the same model on ['batch', 3, 'H', 'W'], its table computed for torchvision's [1, 3, 224, 224]
  { example: 'mobilenetv3-small-any-size', fixture: 'mobilenet_v3_small', build: once(mobilenetV3SmallAnySize), functionalFlatten: true },
] as const;

describe('examples/ against torchvision traces (test/fixtures/models.json)', () => {
  for (const { example, fixture, build, functionalFlatten, ...rest } of examples) {
    const torch = torchvision(fixture);
    it(`${example}: leaf layers in torch's order, same kinds and output shapes for ${JSON.stringify(torch.input)}`, { timeout: 60_000 }, () => {
      if (functionalFlatten) expect(torch.notes).toContain('torch.flatten(x, 1)');
      const rows = leafRows(layerTable(build(), torch.input), functionalFlatten);
      expect(rows.map((row) => `${row.kind} ${JSON.stringify(row.shape)}`)).toEqual(
        torch.trace.map((entry) => `${entry.kind} ${JSON.stringify(entry.shape)}`),
      );
    });
    it(`${example}: total parameters ${torch.params.toLocaleString('en-US')}, as torch counts them`, { timeout: 60_000 }, () => {
      expect(totalParams(layerTable(build(), torch.input))).toBe(torch.params);
    });
    if ('unnamed' in rest) continue;
    it(`${example}: stateDict() has torchvision's ${torch.stateDict.length} keys, in its order, with its shapes`, { timeout: 60_000 }, () => {
      expect([...build().stateDict()].map(([key, t]) => [key, [...(t.shape as readonly number[])]])).toEqual(torch.stateDict);
    });
  }
});

describe('examples/: forward at batch 1, and the compiler\'s output shape is the runtime\'s', () => {
  // the output shapes the compiler computed (each line fails to type-check if the type differs)
  const lenetOutput: OutputShape<ReturnType<typeof lenet5>> = ['batch', 10];
  const vggOutput: OutputShape<ReturnType<typeof vgg11>> = ['batch', 1000];
  const resnetOutput: OutputShape<ReturnType<typeof resnet18>> = ['batch', 1000];
  const residualBlockOutput: OutputShape<ReturnType<typeof invertedResidual24>> = ['batch', 24, 56, 56];
  const strideTwoBlockOutput: OutputShape<ReturnType<typeof invertedResidual24to32>> = ['batch', 32, 28, 28];
  const mobilenetV3Output: OutputShape<ReturnType<typeof mobilenetV3Small>> = ['batch', 1000];
  const efficientNetOutput: OutputShape<ReturnType<typeof efficientNetB0>> = ['batch', 1000];
  const convnextOutput: OutputShape<ReturnType<typeof convnextTiny>> = ['batch', 1000];
  const anySizeOutput: OutputShape<ReturnType<typeof mobilenetV3SmallAnySize>> = ['batch', 1000];
  const typed = { lenetOutput, vggOutput, resnetOutput, residualBlockOutput, strideTwoBlockOutput, mobilenetV3Output, efficientNetOutput, convnextOutput, anySizeOutput };
  const lastTopLevel = (rows: readonly LayerRow[]): LayerRow | undefined => rows.filter((row) => row.depth === 0).at(-1);

  it('lenet5: [1, 1, 32, 32] -> [1, 10]; the type says [batch, 10], as the runtime\'s last row', () => {
    const model = lenet5();
    expect(model.forward(randn([1, 1, 32, 32], { seed: 1 })).shape).toEqual(torchvision('lenet5').output);
    expect(lastTopLevel(layerTable(model))?.shape).toEqual(typed.lenetOutput);
  });

  it('vgg11: [1, 3, 224, 224] -> [1, 1000]; the type says [batch, 1000], as the runtime\'s last row', { timeout: 60_000 }, () => {
    const model = examples[1].build();
    expect(model.forward(randn([1, 3, 224, 224], { seed: 1 })).shape).toEqual(torchvision('vgg11').output);
    expect(lastTopLevel(layerTable(model))?.shape).toEqual(typed.vggOutput);
  });

  it('resnet18: [1, 3, 224, 224] -> [1, 1000]; the type says [batch, 1000], as the runtime\'s last row', { timeout: 60_000 }, () => {
    const model = examples[2].build();
    expect(model.forward(randn([1, 3, 224, 224], { seed: 1 })).shape).toEqual(torchvision('resnet18').output);
    expect(lastTopLevel(layerTable(model))?.shape).toEqual(typed.resnetOutput);
  });

  it('mobilenetv2-block: [1, 24, 56, 56] -> [1, 24, 56, 56] (residual) and [1, 32, 28, 28] (stride 2), as the types say', () => {
    const x = randn([1, 24, 56, 56], { seed: 1 });
    const residual = examples[3].build();
    const strideTwo = examples[4].build();
    expect(residual.forward(x).shape).toEqual(torchvision('mobilenetv2_block').output);
    expect(strideTwo.forward(x).shape).toEqual(torchvision('mobilenetv2_block_s2').output);
    expect(lastTopLevel(layerTable(residual))?.shape).toEqual(typed.residualBlockOutput);
    expect(lastTopLevel(layerTable(strideTwo))?.shape).toEqual(typed.strideTwoBlockOutput);
  });

  it('mobilenetv3-small: [1, 3, 224, 224] -> [1, 1000] in eval mode; the type says [batch, 1000], as the runtime\'s last row', { timeout: 60_000 }, () => {
    const model = examples[6].build().eval();
    expect(model.forward(randn([1, 3, 224, 224], { seed: 1 })).shape).toEqual(torchvision('mobilenet_v3_small').output);
    expect(lastTopLevel(layerTable(model))?.shape).toEqual(typed.mobilenetV3Output);
  });

  it('efficientnet-b0: [1, 3, 224, 224] -> [1, 1000] in eval mode; the type says [batch, 1000], as the runtime\'s last row', { timeout: 60_000 }, () => {
    const model = examples[7].build().eval();
    expect(model.forward(randn([1, 3, 224, 224], { seed: 1 })).shape).toEqual(torchvision('efficientnet_b0').output);
    expect(lastTopLevel(layerTable(model))?.shape).toEqual(typed.efficientNetOutput);
  });

  it('convnext-tiny: [1, 3, 224, 224] -> [1, 1000] in eval mode; the type says [batch, 1000], as the runtime\'s last row', { timeout: 60_000 }, () => {
    const model = examples[8].build().eval();
    expect(model.forward(randn([1, 3, 224, 224], { seed: 1 })).shape).toEqual(torchvision('convnext_tiny').output);
    expect(lastTopLevel(layerTable(model))?.shape).toEqual(typed.convnextOutput);
  });

  it("mobilenetv3-small-any-size: [1, 3, 160, 120] -> [1, 1000]; the declared model's rows are expressions of H and W, the last [batch, 1000]", { timeout: 60_000 }, () => {
    const model = examples[9].build().eval();
    expect(model.forward(randn([1, 3, 160, 120], { seed: 1 })).shape).toEqual([1, 1000]);
    const rows = layerTable(model);
    expect(rows[0]?.shape).toEqual(['batch', 16, '(H+1)//2', '(W+1)//2']);
    expect(lastTopLevel(rows)?.shape).toEqual(typed.anySizeOutput);
    expect(model.requirements()).toEqual(['H >= 1', 'W >= 1']);
  });
});

describe('examples/: main() prints the summary and a forward pass (what `npm run example -- <name>` shows)', () => {
  const mains = [
    ['lenet5', () => import('../examples/lenet5.js'), 'Total params: 61,706'],
    ['mobilenetv2-block', () => import('../examples/mobilenetv2-block.js'), 'Total params: 8,832'],
    ['resnet18', () => import('../examples/resnet18.js'), 'Total params: 11,689,512'],
    ['vgg11', () => import('../examples/vgg11.js'), 'Total params: 132,863,336'],
    ['segmentation', () => import('../examples/segmentation.js'), 'Requirements: H >= 2, W >= 2, (H+1)//2 == H//2, (W+1)//2 == W//2'],
    ['mobilenetv3-small', () => import('../examples/mobilenetv3-small.js'), 'Total params: 2,542,856'],
    ['efficientnet-b0', () => import('../examples/efficientnet-b0.js'), 'Total params: 5,288,548'],
    ['convnext-tiny', () => import('../examples/convnext-tiny.js'), 'Total params: 28,589,128'],
    ['mobilenetv3-small-any-size', () => import('../examples/mobilenetv3-small-any-size.js'), 'Requirements: H >= 1, W >= 1'],
    ['unet', () => import('../examples/unet.js'), 'Requirements: H >= 4, W >= 4, H == 2*(H//2), H//2 == 2*(H//4), W == 2*(W//2), W//2 == 2*(W//4)'],
  ] as const;
  it.each(mains)('%s', { timeout: 60_000 }, async (_name, load, total) => {
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    try {
      await (await load()).main();
    } finally {
      spy.mockRestore();
    }
    const text = printed.join('\n');
    expect(text).toContain(total);
    expect(text).toMatch(/forward: \[1, [\d, ]+\] -> \[1, [\d, ]+\]/);
  });
});
