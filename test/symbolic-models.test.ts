// Symbolic dims through whole models (issue 11, part 5): the torchvision models of
// test/fixtures/models.json, rebuilt on ['batch', C, 'H', 'W'], give every leaf layer an exact
// expression; evaluated at PyTorch's traced input size it is PyTorch's shape, and at other sizes
// it is what the same model built on literal sizes computes. LeNet-5's Linear after Flatten cannot
// take symbolic sizes: that is its error, with why.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cat, Residual, Sequential, ShapeError, type Layer, type Shape } from 'shapecheck';
import { lenet5 } from '../examples/lenet5.js';
import { resnet18 } from '../examples/resnet18.js';
import { vgg11 } from '../examples/vgg11.js';
import { invertedResidual24, invertedResidual24to32 } from '../examples/mobilenetv2-block.js';
import { evaluateDim } from '../src/shape/symbolic.js';
import { expectThrows } from './helpers.js';

type Dim = number | string;
interface Trace {
  name: string;
  kind: string;
  shape: number[];
}
const { models } = JSON.parse(readFileSync(new URL('./fixtures/models.json', import.meta.url), 'utf8')) as { models: { name: string; input: number[]; trace: Trace[] }[] };

type Children = { namedChildren(): [string, unknown][] };
const rule = (layer: unknown): ((shape: readonly Dim[]) => Dim[] | undefined) => {
  const f = (layer as { symbolicOutputShape?: (shape: readonly Dim[]) => Dim[] | undefined }).symbolicOutputShape;
  if (typeof f !== 'function') throw new Error(`${(layer as Layer).kind} has no symbolic rule`);
  return f.bind(layer);
};

/** Every leaf layer's output on `dims`, named by its path (as PyTorch's modules), in order. */
function leafTrace(children: [string, unknown][], dims: readonly Dim[], prefix: string, out: [string, Dim[]][]): Dim[] {
  let shape = [...dims];
  for (const [name, layer] of children) {
    const path = `${prefix}${name}`;
    if (layer instanceof Residual) {
      const main = leafTrace((layer.branch as unknown as Children).namedChildren(), shape, `${path}.`, out);
      const side = layer.shortcut ? leafTrace((layer.shortcut as unknown as Children).namedChildren(), shape, `${path}.${layer.shortcutName}.`, out) : shape;
      expect(main.length).toBe(side.length);
      shape = rule(layer)(shape)!;
    } else if (layer instanceof Cat) {
      layer.branches.forEach((branch, i) => leafTrace((branch as unknown as Children).namedChildren(), shape, `${path}.${i}.`, out));
      shape = rule(layer)(shape)!;
    } else {
      shape = rule(layer)(shape)!;
      out.push([path, shape]);
    }
  }
  return shape;
}

/** The model's layers on another input shape (the blocks keep theirs: their rules take any shape). */
function rebuild(model: Sequential<Shape>, input: Shape): Sequential<Shape> {
  return model.namedChildren().reduce((m, [name, layer]) => m.add(layer as never, name) as unknown as Sequential<Shape>, new Sequential(input) as Sequential<Shape>);
}

const cases: [string, () => Sequential<Shape>, Shape][] = [
  ['resnet18', () => resnet18() as unknown as Sequential<Shape>, ['batch', 3, 'H', 'W']],
  ['vgg11', () => vgg11() as unknown as Sequential<Shape>, ['batch', 3, 'H', 'W']],
  ['mobilenetv2_block', () => invertedResidual24() as unknown as Sequential<Shape>, ['batch', 24, 'H', 'W']],
  ['mobilenetv2_block_s2', () => invertedResidual24to32() as unknown as Sequential<Shape>, ['batch', 24, 'H', 'W']],
];

describe("symbolic dims through torchvision's models", () => {
  for (const [name, build, symbolicInput] of cases) {
    const fixture = models.find((m) => m.name === name)!;
    it(`${name} on ${JSON.stringify(symbolicInput)}: at PyTorch's input ${JSON.stringify(fixture.input)}, every leaf's expression is PyTorch's shape`, () => {
      const trace: [string, Dim[]][] = [];
      const model = build();
      leafTrace(model.namedChildren() as [string, unknown][], symbolicInput, '', trace);
      const values = { batch: fixture.input[0]!, H: fixture.input[2]!, W: fixture.input[3]! };
      // PyTorch's entries by name, in order (a module used twice, as ResNet's relu, is listed twice)
      const remaining = [...fixture.trace];
      let matched = 0;
      for (const [path, dims] of trace) {
        const at = remaining.findIndex((e) => e.name === path);
        if (at < 0) continue; // a layer PyTorch does not list under this name (the ReLU after a block)
        const [entry] = remaining.splice(at, 1);
        expect(dims.map((d) => evaluateDim(d, values)), `${path}: ${JSON.stringify(dims)}`).toEqual(entry!.shape);
        matched++;
      }
      expect(matched).toBeGreaterThanOrEqual(fixture.trace.length - fixture.trace.filter((e) => e.kind === 'ReLU').length);
      // the expressions are exact: ResNet's stem is (H+1)//2, its max pool (H+3)//4
      if (name === 'resnet18') {
        expect(trace.find(([path]) => path === 'conv1')![1]).toEqual(['batch', 64, '(H+1)//2', '(W+1)//2']);
        expect(trace.find(([path]) => path === 'maxpool')![1]).toEqual(['batch', 64, '(H+3)//4', '(W+3)//4']);
        expect(trace.find(([path]) => path === 'layer4.1.bn2')![1]).toEqual(['batch', 512, '(H+31)//32', '(W+31)//32']);
      }
    });
    it(`${name}: the model rebuilt on symbolic sizes shows the expressions; at 97×150 and 301×64 they are the literal model's shapes`, () => {
      const symbolic = rebuild(build(), symbolicInput);
      const rows = symbolic.shapes();
      expect(rows.every((row) => row !== undefined)).toBe(true);
      for (const [h, w] of [[97, 150], [301, 64]] as const) {
        const literal = rebuild(build(), [2, symbolicInput[1]!, h, w]);
        const trace: [string, Dim[]][] = [];
        const literalTrace: [string, Dim[]][] = [];
        leafTrace(symbolic.namedChildren() as [string, unknown][], symbolicInput, '', trace);
        leafTrace(literal.namedChildren() as [string, unknown][], [2, symbolicInput[1]!, h, w], '', literalTrace);
        expect(trace.map(([path, dims]) => [path, dims.map((d) => evaluateDim(d, { batch: 2, H: h, W: w }))])).toEqual(literalTrace);
      }
    });
  }
  it("LeNet-5 on ['batch', 1, 'H', 'W']: its Linear after Flatten fits finitely many sizes, the error says why", () => {
    const layers = lenet5().namedChildren();
    expectThrows(
      () => layers.reduce((m, [name, layer]) => m.add(layer as never, name) as unknown as Sequential<Shape>, new Sequential(['batch', 1, 'H', 'W']) as Sequential<Shape>),
      ShapeError,
      'layer 8 (Linear): expected 400 input features, got 16*((H-12)//4)*((W-12)//4), which depends on H, W (use AdaptiveAvgPool2d, or give H, W sizes)',
    );
  });
});
