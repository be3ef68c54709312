// A plain, obviously correct convolution: seven nested loops over NCHW, padding by index
// mapping. The fast kernels are compared with it on thousands of random configurations.
import { sourceIndex } from '../src/kernels/pad.js';

export interface ReferenceConv {
  batch: number;
  channels: number;
  height: number;
  width: number;
  outChannels: number;
  kernel: [number, number];
  stride: [number, number];
  dilation: [number, number];
  /** [top, bottom, left, right] */
  padding: [number, number, number, number];
  groups: number;
  mode: 'zeros' | 'reflect' | 'replicate' | 'circular';
}

export function outputSize(c: ReferenceConv): [number, number] {
  const [kh, kw] = c.kernel;
  const [t, b, l, r] = c.padding;
  return [
    Math.floor((c.height + t + b - c.dilation[0] * (kh - 1) - 1) / c.stride[0]) + 1,
    Math.floor((c.width + l + r - c.dilation[1] * (kw - 1) - 1) / c.stride[1]) + 1,
  ];
}

/** Index into the input for padded coordinates, or -1 for a zero. */
function tap(c: ReferenceConv, py: number, px: number): number {
  const mode = c.mode === 'zeros' ? 'constant' : c.mode;
  const y = sourceIndex(py, c.height, c.padding[0], mode);
  const x = sourceIndex(px, c.width, c.padding[2], mode);
  return y < 0 || x < 0 ? -1 : y * c.width + x;
}

export function referenceForward(c: ReferenceConv, x: Float32Array, w: Float32Array, bias: Float32Array | null): Float64Array {
  const [ho, wo] = outputSize(c);
  const cin = c.channels / c.groups;
  const cout = c.outChannels / c.groups;
  const out = new Float64Array(c.batch * c.outChannels * ho * wo);
  for (let n = 0; n < c.batch; n++)
    for (let co = 0; co < c.outChannels; co++)
      for (let oy = 0; oy < ho; oy++)
        for (let ox = 0; ox < wo; ox++) {
          let sum = bias ? (bias[co] as number) : 0;
          const group = Math.floor(co / cout);
          for (let ci = 0; ci < cin; ci++)
            for (let i = 0; i < c.kernel[0]; i++)
              for (let j = 0; j < c.kernel[1]; j++) {
                const index = tap(c, oy * c.stride[0] + i * c.dilation[0], ox * c.stride[1] + j * c.dilation[1]);
                if (index < 0) continue;
                const channel = group * cin + ci;
                sum += (x[(n * c.channels + channel) * c.height * c.width + index] as number) * (w[((co * cin + ci) * c.kernel[0] + i) * c.kernel[1] + j] as number);
              }
          out[((n * c.outChannels + co) * ho + oy) * wo + ox] = sum;
        }
  return out;
}

export function referenceBackward(
  c: ReferenceConv,
  x: Float32Array,
  w: Float32Array,
  gradOut: Float32Array,
): { gradInput: Float64Array; gradWeight: Float64Array; gradBias: Float64Array } {
  const [ho, wo] = outputSize(c);
  const cin = c.channels / c.groups;
  const cout = c.outChannels / c.groups;
  const gradInput = new Float64Array(x.length);
  const gradWeight = new Float64Array(w.length);
  const gradBias = new Float64Array(c.outChannels);
  for (let n = 0; n < c.batch; n++)
    for (let co = 0; co < c.outChannels; co++)
      for (let oy = 0; oy < ho; oy++)
        for (let ox = 0; ox < wo; ox++) {
          const g = gradOut[((n * c.outChannels + co) * ho + oy) * wo + ox] as number;
          gradBias[co] = (gradBias[co] as number) + g;
          const group = Math.floor(co / cout);
          for (let ci = 0; ci < cin; ci++)
            for (let i = 0; i < c.kernel[0]; i++)
              for (let j = 0; j < c.kernel[1]; j++) {
                const index = tap(c, oy * c.stride[0] + i * c.dilation[0], ox * c.stride[1] + j * c.dilation[1]);
                if (index < 0) continue;
                const xi = (n * c.channels + group * cin + ci) * c.height * c.width + index;
                const wi = ((co * cin + ci) * c.kernel[0] + i) * c.kernel[1] + j;
                gradInput[xi] = (gradInput[xi] as number) + g * (w[wi] as number);
                gradWeight[wi] = (gradWeight[wi] as number) + g * (x[xi] as number);
              }
        }
  return { gradInput, gradWeight, gradBias };
}
