// exportOnnx of issue 12's torchvision examples (MobileNetV3-Small, EfficientNet-B0, ConvNeXt-Tiny)
// at batch 1, 224×224, run by onnxruntime-node against shapecheck's eval forward with random
// weights (onnx-helpers.ts): the mul gates (Mul), the traced activations, StochasticDepth (the
// identity in eval), Permute (Transpose), LayerNorm2d and LayerScale, whole.
import { describe, expect, it } from 'vitest';
import { exportOnnx } from 'shapecheck';
import { convnextTiny } from '../examples/convnext-tiny.js';
import { efficientNetB0 } from '../examples/efficientnet-b0.js';
import { mobilenetV3Small } from '../examples/mobilenetv3-small.js';
import { check, decode } from './onnx-helpers.js';

describe('exportOnnx: the issue 12 examples at batch 1, 224×224', () => {
  it('MobileNetV3-Small: 9 squeeze-and-excitation gates as Mul nodes, the same logits', { timeout: 60_000 }, async () => {
    const model = mobilenetV3Small();
    const graph = decode(exportOnnx(model)).graph!;
    expect(graph.node.filter((node) => node.opType === 'Mul' && node.name.includes('block')).length).toBeGreaterThanOrEqual(9);
    const worst = await check('MobileNetV3-Small', model, [[1, 3, 224, 224]]);
    console.log(`MobileNetV3-Small: max |onnxruntime - shapecheck| = ${worst.toExponential(2)}`);
  });
  it('EfficientNet-B0: the same logits', { timeout: 60_000 }, async () => {
    const worst = await check('EfficientNet-B0', efficientNetB0(), [[1, 3, 224, 224]]);
    console.log(`EfficientNet-B0: max |onnxruntime - shapecheck| = ${worst.toExponential(2)}`);
  });
  it("ConvNeXt-Tiny: layer_scale under torchvision's key, the same logits", { timeout: 120_000 }, async () => {
    const model = convnextTiny();
    const names = decode(exportOnnx(model)).graph!.initializer.map((t) => t.name);
    expect(names.filter((name) => name.endsWith('layer_scale') || name.endsWith('layer_scale.weight')).length).toBe(18);
    const worst = await check('ConvNeXt-Tiny', model, [[1, 3, 224, 224]]);
    console.log(`ConvNeXt-Tiny: max |onnxruntime - shapecheck| = ${worst.toExponential(2)}`);
  });
});
