// exportOnnx of Conv1d, MaxPool1d, AvgPool1d and AdaptiveAvgPool1d (issue 12): the layers run on the
// 2-D ops through height-1 reshapes, which the export traces (Reshape, Conv/MaxPool/AveragePool,
// Reshape); each model run by onnxruntime-node against shapecheck's forward.
import { describe, expect, it } from 'vitest';
import { AdaptiveAvgPool1d, AvgPool1d, Conv1d, MaxPool1d } from 'shapecheck';
import { check, maxDifferences, model } from './onnx-helpers.js';

type Layer = Parameters<typeof model>[1];
const conv = (o: object): Layer => new (Conv1d as unknown as new (o: object) => Layer)(o);
const maxPool = (o: object): Layer => new (MaxPool1d as unknown as new (o: object) => Layer)(o);
const avgPool = (o: object): Layer => new (AvgPool1d as unknown as new (o: object) => Layer)(o);
const adaptive = (o: object): Layer => new (AdaptiveAvgPool1d as unknown as new (o: object) => Layer)(o);

const cases: [string, Layer[]][] = [
  ['Conv1d stride 2 padding 1', [conv({ inChannels: 4, outChannels: 6, kernelSize: 3, stride: 2, padding: 1 })]],
  ['Conv1d same, dilation 2, groups 2', [conv({ inChannels: 4, outChannels: 6, kernelSize: 4, padding: 'same', dilation: 2, groups: 2 })]],
  ['Conv1d reflect', [conv({ inChannels: 4, outChannels: 2, kernelSize: 3, padding: 2, paddingMode: 'reflect', bias: false })]],
  ['Conv1d circular', [conv({ inChannels: 4, outChannels: 2, kernelSize: 3, padding: 1, paddingMode: 'circular' })]],
  ['MaxPool1d ceil, dilation', [maxPool({ kernelSize: 3, stride: 2, padding: 1, dilation: 2, ceilMode: true })]],
  ['AvgPool1d countIncludePad false', [avgPool({ kernelSize: 3, stride: 2, padding: 1, countIncludePad: false })]],
  ['AdaptiveAvgPool1d 1', [adaptive({ outputSize: 1 })]],
  [
    'a 1-D CNN',
    [
      conv({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: 1 }),
      maxPool({ kernelSize: 2 }),
      conv({ inChannels: 8, outChannels: 8, kernelSize: 3, groups: 4 }),
      avgPool({ kernelSize: 2, ceilMode: true }),
      adaptive({ outputSize: 1 }),
    ],
  ],
];

describe('exportOnnx: the 1-D layers', () => {
  it.each(cases)('%s', async (name, layers) => {
    // circular padding is ONNX Pad mode 'wrap', from opset 19 (as for Conv2d)
    const difference = await check(name, model(['batch', 4, 17], ...layers), [[1, 4, 17], [3, 4, 17]], name.includes('circular') ? { opset: 19 } : {});
    expect(difference).toBeLessThan(1e-4);
  });
  it('reports', () => {
    // eslint-disable-next-line no-console
    console.log('max |onnxruntime − forward|:', JSON.stringify(maxDifferences));
  });
});
