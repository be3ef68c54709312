// A plain, obviously correct transposed convolution (issue 12): every input pixel scatters its
// value times the kernel into the output, in float64. The fast kernels are compared with it on
// many random configurations (test/conv-transpose2d.test.ts).

export interface ReferenceTransposed {
  batch: number;
  inChannels: number;
  height: number;
  width: number;
  outChannels: number;
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  outputPadding: [number, number];
  dilation: [number, number];
  groups: number;
}

export function transposedOutputSize(c: ReferenceTransposed): [number, number] {
  return [0, 1].map((i) => ([c.height, c.width][i]! - 1) * c.stride[i]! - 2 * c.padding[i]! + c.dilation[i]! * (c.kernel[i]! - 1) + c.outputPadding[i]! + 1) as [number, number];
}

/** Calls `visit(xIndex, wIndex, yIndex)` for every product the transposed convolution adds. */
function scatter(c: ReferenceTransposed, visit: (x: number, w: number, y: number) => void): void {
  const [ho, wo] = transposedOutputSize(c);
  const cin = c.inChannels / c.groups;
  const cout = c.outChannels / c.groups;
  const [kh, kw] = c.kernel;
  for (let n = 0; n < c.batch; n++) {
    for (let g = 0; g < c.groups; g++) {
      for (let i = 0; i < cin; i++) {
        const channel = g * cin + i;
        for (let iy = 0; iy < c.height; iy++) {
          for (let ix = 0; ix < c.width; ix++) {
            const xIndex = ((n * c.inChannels + channel) * c.height + iy) * c.width + ix;
            for (let o = 0; o < cout; o++) {
              for (let ky = 0; ky < kh; ky++) {
                const oy = iy * c.stride[0] - c.padding[0] + ky * c.dilation[0];
                if (oy < 0 || oy >= ho) continue;
                for (let kx = 0; kx < kw; kx++) {
                  const ox = ix * c.stride[1] - c.padding[1] + kx * c.dilation[1];
                  if (ox < 0 || ox >= wo) continue;
                  const wIndex = ((channel * cout + o) * kh + ky) * kw + kx;
                  const yIndex = ((n * c.outChannels + g * cout + o) * ho + oy) * wo + ox;
                  visit(xIndex, wIndex, yIndex);
                }
              }
            }
          }
        }
      }
    }
  }
}

export function referenceTransposedForward(c: ReferenceTransposed, x: Float32Array, w: Float32Array, bias: Float32Array | null): Float64Array {
  const [ho, wo] = transposedOutputSize(c);
  const y = new Float64Array(c.batch * c.outChannels * ho * wo);
  scatter(c, (xi, wi, yi) => (y[yi] = y[yi]! + x[xi]! * w[wi]!));
  if (bias) for (let i = 0; i < y.length; i++) y[i] = y[i]! + bias[Math.floor(i / (ho * wo)) % c.outChannels]!;
  return y;
}

export function referenceTransposedBackward(
  c: ReferenceTransposed,
  x: Float32Array,
  w: Float32Array,
  gy: Float32Array,
): { gradInput: Float64Array; gradWeight: Float64Array; gradBias: Float64Array } {
  const [ho, wo] = transposedOutputSize(c);
  const gradInput = new Float64Array(x.length);
  const gradWeight = new Float64Array(w.length);
  const gradBias = new Float64Array(c.outChannels);
  scatter(c, (xi, wi, yi) => {
    gradInput[xi] = gradInput[xi]! + gy[yi]! * w[wi]!;
    gradWeight[wi] = gradWeight[wi]! + gy[yi]! * x[xi]!;
  });
  for (let i = 0; i < gy.length; i++) gradBias[Math.floor(i / (ho * wo)) % c.outChannels]! += gy[i]!;
  return { gradInput, gradWeight, gradBias };
}
