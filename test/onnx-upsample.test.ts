// exportOnnx of Upsample, PixelShuffle and PixelUnshuffle (issue 12), as layers and as traced ops
// in a block class: each run by onnxruntime-node against shapecheck's forward.
import { describe, expect, it } from 'vitest';
import { Module, PixelShuffle, PixelUnshuffle, Tensor, Upsample, exportOnnx, interpolate, pixelShuffle, pixelUnshuffle, type UpsampleOptions } from 'shapecheck';
import { check, decode, maxDifferences, model, type AnyModel } from './onnx-helpers.js';

const layer = (options: UpsampleOptions) => new (Upsample as unknown as new (o: UpsampleOptions) => Upsample<UpsampleOptions>)(options);
const cases: [string, UpsampleOptions][] = [
  ['nearest ×2', { scaleFactor: 2 }],
  ['nearest [1.5, 2.5]', { scaleFactor: [1.5, 2.5] }],
  ['nearest 0.5', { scaleFactor: 0.5 }],
  ['nearest 2.1', { scaleFactor: 2.1 }],
  ['nearest size [7, 5]', { size: [7, 5] }],
  ['nearest size down [3, 2]', { size: [3, 2] }],
  ['nearest-exact ×3', { scaleFactor: 3, mode: 'nearest-exact' }],
  ['nearest-exact size [7, 5]', { size: [7, 5], mode: 'nearest-exact' }],
  ['nearest-exact 0.7 recomputed', { scaleFactor: 0.7, mode: 'nearest-exact', recomputeScaleFactor: true }],
  ['bilinear ×2', { scaleFactor: 2, mode: 'bilinear' }],
  ['bilinear [1.5, 0.5]', { scaleFactor: [1.5, 0.5], mode: 'bilinear' }],
  ['bilinear size [7, 5]', { size: [7, 5], mode: 'bilinear' }],
  ['bilinear size [3, 1]', { size: [3, 1], mode: 'bilinear' }],
  ['bilinear align corners ×2', { scaleFactor: 2, mode: 'bilinear', alignCorners: true }],
  ['bilinear align corners size [7, 3]', { size: [7, 3], mode: 'bilinear', alignCorners: true }],
  ['bilinear 1.7 recomputed', { scaleFactor: 1.7, mode: 'bilinear', recomputeScaleFactor: true }],
];

/** A block class whose forward calls the functional ops (traced). */
class Resizer extends Module {
  readonly kind = 'Resizer';
  outputShape(shape: readonly number[]): number[] {
    const [n, c, h, w] = shape as [number, number, number, number];
    return [n, c, 2 * h, 2 * w];
  }
  forward(x: Tensor): Tensor {
    const up = (interpolate as unknown as (x: Tensor, o: UpsampleOptions) => Tensor)(x, { scaleFactor: 2, mode: 'bilinear' });
    const down = (pixelUnshuffle as unknown as (x: Tensor, r: number) => Tensor)(up, 2);
    return (pixelShuffle as unknown as (x: Tensor, r: number) => Tensor)(down, 2);
  }
}

describe('exportOnnx: Upsample as Resize', () => {
  it.each(cases)('%s', async (name, options) => {
    await check(`Upsample ${name}`, model(['batch', 3, 5, 4], layer(options)), [[2, 3, 5, 4], [1, 3, 5, 4]]);
  });

  it('a named height and width, scale factors: one graph for two image sizes', async () => {
    await check('Upsample on H, W', model(['batch', 2, 'H', 'W'], layer({ scaleFactor: 2, mode: 'bilinear' })), [[1, 2, 4, 6], [2, 2, 5, 3]]);
  });

  it('the nodes: Resize with its coordinate transformation', () => {
    const graph = decode(exportOnnx(model([1, 2, 4, 4], layer({ size: [6, 6], mode: 'bilinear', alignCorners: true })) as AnyModel)).graph!;
    const resize = graph.node.find((n) => n.opType === 'Resize')!;
    const text = (name: string) => new TextDecoder().decode(resize.attribute.find((a) => a.name === name)!.s);
    expect([text('mode'), text('coordinate_transformation_mode')]).toEqual(['linear', 'align_corners']);
  });
});

describe('exportOnnx: PixelShuffle and PixelUnshuffle', () => {
  it('PixelShuffle as DepthToSpace (CRD)', async () => {
    const m = model(['batch', 8, 3, 5], new PixelShuffle({ upscaleFactor: 2 }));
    await check('PixelShuffle', m, [[2, 8, 3, 5], [1, 8, 3, 5]]);
    expect(decode(exportOnnx(m as AnyModel)).graph!.node.map((n) => n.opType)).toEqual(['DepthToSpace']);
  });
  it('PixelUnshuffle as Reshape, Transpose, Reshape', async () => {
    await check('PixelUnshuffle', model(['batch', 2, 6, 4], new PixelUnshuffle({ downscaleFactor: 2 })), [[2, 2, 6, 4], [1, 2, 6, 4]]);
    await check('PixelUnshuffle 3', model([1, 1, 6, 9], new PixelUnshuffle({ downscaleFactor: 3 })), [[1, 1, 6, 9]]);
  });
  it('a block class calling interpolate, pixelUnshuffle and pixelShuffle (traced)', async () => {
    await check('Resizer block', new Resizer() as unknown as AnyModel, [[2, 3, 4, 5]], { inputShape: [2, 3, 4, 5] });
  });
  it('largest differences', () => {
    const worst = Math.max(...Object.values(maxDifferences));
    console.log(`onnx upsample: max |onnxruntime - shapecheck| = ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-5);
  });
});
