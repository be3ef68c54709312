// The WebAssembly fast paths of the convolutions that MobileNet, EfficientNet, ConvNeXt and U-Net
// lean on (depthwise stencils of every kernel size, 1×1 products, transposed convolutions by stride
// phases), against the plain reference implementations, on 1 and 2 threads, across the shapes where their vector
// blocks, borders and tails change (widths that are not multiples of 4, widths under 4, odd heights).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Tensor, convTranspose2d } from 'shapecheck';
import { getNumThreads, setNumThreads, setParallelFlops } from '../src/kernels/wasm.js';
import { convolve } from '../src/ops/conv2d.js';
import { resolveConv2dOptions } from '../src/shape/conv2d.js';
import { expectClose } from './helpers.js';
import { transposedOutputSize, referenceTransposedForward, type ReferenceTransposed } from './reference-conv-transpose.js';
import { outputSize, referenceForward, type ReferenceConv } from './reference.js';

function randomFill(seed: number): (size: number) => Float32Array {
  let state = seed >>> 0;
  return (size) => Float32Array.from({ length: size }, () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1);
}

/** `convolve` (the WebAssembly kernels) against `referenceForward` for one configuration. */
function checkForward(c: ReferenceConv, bias: boolean, seed: number): void {
  const random = randomFill(seed);
  const [kh, kw] = c.kernel;
  const params = resolveConv2dOptions({
    inChannels: c.channels,
    outChannels: c.outChannels,
    kernelSize: c.kernel,
    stride: c.stride,
    dilation: c.dilation,
    padding: [c.padding[0], c.padding[2]],
    groups: c.groups,
    bias,
    paddingMode: c.mode,
  });
  const x = new Tensor(random(c.batch * c.channels * c.height * c.width), [c.batch, c.channels, c.height, c.width]);
  const w = new Tensor(random(c.outChannels * (c.channels / c.groups) * kh * kw), [c.outChannels, c.channels / c.groups, kh, kw]);
  const b = bias ? new Tensor(random(c.outChannels), [c.outChannels]) : null;
  expectClose(convolve(x, w, b, params).data, referenceForward(c, x.data, w.data, b ? b.data : null), 1e-5, 1e-5, 'output');
}

/** Pads within what each mode allows (reflect: under the size; circular: at most the size). */
function clampPad(mode: ReferenceConv['mode'], pad: number, size: number): number {
  return mode === 'reflect' ? Math.min(pad, size - 1) : mode === 'circular' ? Math.min(pad, size) : pad;
}

describe.each([1, 2])('fast convolution paths on %i thread(s) agree with the reference', (threads) => {
  let before = 1;
  beforeAll(() => {
    before = getNumThreads();
    setNumThreads(threads);
    // split even the smallest case across the threads
    setParallelFlops(threads > 1 ? 0 : 4e6);
  });
  afterAll(() => {
    setNumThreads(before);
    setParallelFlops(4e6);
  });

  it('depthwise, kernels 1 to 7 (3, 5, 7 most), strides 1 to 3, dilations 1 and 2, every padding mode, widths 1 to 70, 400 configurations', () => {
    const config = fc
      .record({
        batch: fc.integer({ min: 1, max: 3 }),
        channels: fc.integer({ min: 1, max: 5 }),
        multiplier: fc.constantFrom(1, 1, 1, 2),
        height: fc.integer({ min: 1, max: 12 }),
        width: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 70 })),
        kernel: fc.tuple(fc.constantFrom(3, 3, 5, 5, 7, 7, 1, 2, 4), fc.constantFrom(3, 3, 5, 5, 7, 7, 1, 2, 4)),
        stride: fc.tuple(fc.constantFrom(1, 1, 2, 3), fc.constantFrom(1, 1, 2, 3)),
        dilation: fc.tuple(fc.constantFrom(1, 1, 1, 2), fc.constantFrom(1, 1, 1, 2)),
        padding: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
        mode: fc.constantFrom('zeros', 'zeros', 'zeros', 'reflect', 'replicate', 'circular') as fc.Arbitrary<ReferenceConv['mode']>,
        bias: fc.boolean(),
        seed: fc.integer(),
      })
      .map((r) => {
        const padding: ReferenceConv['padding'] = [
          clampPad(r.mode, r.padding[0], r.height), clampPad(r.mode, r.padding[0], r.height),
          clampPad(r.mode, r.padding[1], r.width), clampPad(r.mode, r.padding[1], r.width),
        ];
        const c: ReferenceConv = {
          batch: r.batch, channels: r.channels, height: r.height, width: r.width, outChannels: r.channels * r.multiplier,
          kernel: r.kernel, stride: r.stride, dilation: r.dilation, padding, groups: r.channels, mode: r.mode,
        };
        return { c, bias: r.bias, seed: r.seed };
      })
      .filter(({ c }) => outputSize(c)[0] >= 1 && outputSize(c)[1] >= 1);
    fc.assert(fc.property(config, ({ c, bias, seed }) => checkForward(c, bias, seed)), { numRuns: 400, seed: 20261206 });
  });

  it('1×1 (the image read in place as the product\'s right-hand side): channels past one depth block, positions not multiples of 8, groups, 100 configurations', () => {
    const config = fc
      .record({
        batch: fc.integer({ min: 1, max: 3 }),
        groups: fc.constantFrom(1, 1, 2),
        inPerGroup: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 250, max: 270 })),
        outPerGroup: fc.integer({ min: 1, max: 12 }),
        height: fc.integer({ min: 1, max: 6 }),
        width: fc.integer({ min: 1, max: 40 }),
        bias: fc.boolean(),
        seed: fc.integer(),
      })
      .map((r) => {
        const c: ReferenceConv = {
          batch: r.batch, channels: r.groups * r.inPerGroup, height: r.height, width: r.width, outChannels: r.groups * r.outPerGroup,
          kernel: [1, 1], stride: [1, 1], dilation: [1, 1], padding: [0, 0, 0, 0], groups: r.groups, mode: 'zeros',
        };
        return { c, bias: r.bias, seed: r.seed };
      });
    fc.assert(fc.property(config, ({ c, bias, seed }) => checkForward(c, bias, seed)), { numRuns: 100, seed: 1206 });
  });

  it('transposed with a stride (by stride phases: images of 16² and more, so that each phase has 256 positions or more), kernels 1 to 5, strides 2 and 3 (and 1 by 2), every padding and output padding, groups, 120 configurations', () => {
    const config = fc
      .record({
        batch: fc.integer({ min: 1, max: 2 }),
        groups: fc.constantFrom(1, 1, 2),
        inPerGroup: fc.integer({ min: 1, max: 4 }),
        outPerGroup: fc.integer({ min: 1, max: 4 }),
        height: fc.integer({ min: 16, max: 22 }),
        width: fc.integer({ min: 16, max: 40 }),
        kernel: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
        stride: fc.constantFrom<[number, number]>([2, 2], [2, 2], [3, 3], [2, 3], [1, 2], [2, 1]),
        padding: fc.tuple(fc.nat({ max: 4 }), fc.nat({ max: 4 })),
        outputPadding: fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 2 })),
        bias: fc.boolean(),
        seed: fc.integer(),
      })
      .map((r) => {
        const c: ReferenceTransposed = {
          batch: r.batch, inChannels: r.groups * r.inPerGroup, height: r.height, width: r.width, outChannels: r.groups * r.outPerGroup,
          kernel: r.kernel, stride: r.stride, dilation: [1, 1], groups: r.groups,
          // PyTorch: padding at most what the kernel reaches, output padding under the stride
          padding: [Math.min(r.padding[0], r.kernel[0] - 1), Math.min(r.padding[1], r.kernel[1] - 1)],
          outputPadding: [r.outputPadding[0] % r.stride[0], r.outputPadding[1] % r.stride[1]],
        };
        return { c, bias: r.bias, seed: r.seed };
      })
      .filter(({ c }) => transposedOutputSize(c).every((size) => size >= 1));
    fc.assert(
      fc.property(config, ({ c, bias, seed }) => {
        const random = randomFill(seed);
        const x = new Tensor(random(c.batch * c.inChannels * c.height * c.width), [c.batch, c.inChannels, c.height, c.width]);
        const w = new Tensor(random(c.inChannels * (c.outChannels / c.groups) * c.kernel[0] * c.kernel[1]), [c.inChannels, c.outChannels / c.groups, ...c.kernel]);
        const b = bias ? new Tensor(random(c.outChannels), [c.outChannels]) : null;
        const call = convTranspose2d as unknown as (x: Tensor, w: Tensor, b: Tensor | null, o: object) => Tensor;
        const y = call(x, w, b, { stride: c.stride, padding: c.padding, outputPadding: c.outputPadding, groups: c.groups });
        expectClose(y.data, referenceTransposedForward(c, x.data, w.data, b ? b.data : null), 1e-5, 1e-5, 'output');
      }),
      { numRuns: 120, seed: 2026 },
    );
  });
});
