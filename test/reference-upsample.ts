// A plain reference of PyTorch 1.13's interpolation (test/upsample.test.ts): each output element's
// source coordinate computed on its own from PyTorch's formulas (float32 where its kernels use
// float32), in float64, with no tables; backward by the same weights.
import type { UpsampleOptions } from '../src/index.js';

const f32 = Math.fround;

interface Tap {
  index: number;
  weight: number;
}

/** The taps of output index `i` along an axis. */
function taps(mode: string, i: number, input: number, output: number, scale: number | undefined, alignCorners: boolean, generic: boolean): Tap[] {
  const ratio = scale !== undefined ? f32(1 / scale) : f32(input / output);
  if (mode === 'nearest') {
    const index = !generic && output === input ? i : !generic && output === 2 * input ? Math.floor(i / 2) : Math.min(Math.floor(f32(i * ratio)), input - 1);
    return [{ index, weight: 1 }];
  }
  if (mode === 'nearest-exact') {
    const real = generic ? f32(Math.max(0, f32(ratio * (i + 0.5) - 0.5)) + 0.5) : f32((i + 0.5) * ratio);
    return [{ index: Math.min(Math.floor(real), input - 1), weight: 1 }];
  }
  if (output === input) return [{ index: i, weight: 1 }];
  let real: number;
  if (alignCorners) real = output > 1 ? f32(f32((input - 1) / (output - 1)) * i) : 0;
  else real = Math.max(0, f32(ratio * (i + 0.5) - 0.5));
  const i0 = Math.min(Math.floor(real), input - 1);
  const i1 = Math.min(i0 + 1, input - 1);
  const l1 = Math.min(Math.max(f32(real - i0), 0), 1);
  return [
    { index: i0, weight: f32(1 - l1) },
    { index: i1, weight: l1 },
  ];
}

export function referenceInterpolate(
  x: Float32Array,
  shape: readonly number[],
  out: readonly number[],
  options: UpsampleOptions,
): { forward: Float64Array; backward: (grad: Float32Array) => Float64Array } {
  const [n, c, h, w] = shape as [number, number, number, number];
  const [, , oh, ow] = out as [number, number, number, number];
  const mode = options.mode ?? 'nearest';
  const pair = (v: number | readonly [number, number] | undefined): [number | undefined, number | undefined] =>
    v === undefined || options.recomputeScaleFactor ? [undefined, undefined] : typeof v === 'number' ? [v, v] : [v[0], v[1]];
  const [sh, sw] = pair(options.scaleFactor);
  const align = options.alignCorners ?? false;
  const each = (visit: (outIndex: number, inIndex: number, weight: number) => void): void => {
    for (let p = 0; p < n * c; p++) {
      for (let i = 0; i < oh; i++) {
        for (let j = 0; j < ow; j++) {
          for (const a of taps(mode, i, h, oh, sh, align, c > 1)) {
            for (const b of taps(mode, j, w, ow, sw, align, c > 1)) visit(p * oh * ow + i * ow + j, p * h * w + a.index * w + b.index, a.weight * b.weight);
          }
        }
      }
    }
  };
  const forward = new Float64Array(n * c * oh * ow);
  each((o, k, weight) => (forward[o]! += weight * x[k]!));
  return {
    forward,
    backward: (grad) => {
      const result = new Float64Array(x.length);
      each((o, k, weight) => (result[k]! += weight * grad[o]!));
      return result;
    },
  };
}
