/**
 * Padding of the last two dims of a stack of planes, in the four modes of `F.pad`, and its
 * gradient (the gradient of every padded copy is added back to the pixel it copies).
 *
 * Knows nothing of tensors: buffers and sizes only.
 *
 * @packageDocumentation
 */

/** `'constant'` (fill, negative pads crop), `'reflect'`, `'replicate'` or `'circular'`. */
export type PadKernelMode = 'constant' | 'reflect' | 'replicate' | 'circular';

/** Where output index `o` reads from along a dim of `size` with `before` padding; -1 for the fill. */
export function sourceIndex(o: number, size: number, before: number, mode: PadKernelMode): number {
  const i = o - before;
  if (i >= 0 && i < size) return i;
  switch (mode) {
    case 'constant':
      return -1;
    case 'reflect':
      return i < 0 ? -i : 2 * (size - 1) - i;
    case 'replicate':
      return i < 0 ? 0 : size - 1;
    case 'circular':
      return ((i % size) + size) % size;
  }
}

function sourceMap(outSize: number, size: number, before: number, mode: PadKernelMode): Int32Array {
  const map = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) map[o] = sourceIndex(o, size, before, mode);
  return map;
}

/**
 * Pads `planes` planes of `height × width` by `[top, bottom, left, right]` into `out`
 * (`planes × (height + top + bottom) × (width + left + right)`).
 */
export function padPlanes(
  input: Float32Array,
  planes: number,
  height: number,
  width: number,
  pads: readonly [number, number, number, number],
  mode: PadKernelMode,
  value: number,
  out: Float32Array,
): void {
  const [top, bottom, left, right] = pads;
  const outHeight = height + top + bottom;
  const outWidth = width + left + right;
  const rows = sourceMap(outHeight, height, top, mode);
  const cols = sourceMap(outWidth, width, left, mode);
  for (let p = 0; p < planes; p++) {
    const src = p * height * width;
    const dst = p * outHeight * outWidth;
    for (let oy = 0; oy < outHeight; oy++) {
      const iy = rows[oy] as number;
      const rowOut = dst + oy * outWidth;
      if (iy < 0) {
        out.fill(value, rowOut, rowOut + outWidth);
        continue;
      }
      const rowIn = src + iy * width;
      for (let ox = 0; ox < outWidth; ox++) {
        const ix = cols[ox] as number;
        out[rowOut + ox] = ix < 0 ? value : (input[rowIn + ix] as number);
      }
    }
  }
}

/** The gradient of {@link padPlanes}: sums each output gradient into the pixel it was copied from. */
export function padPlanesBackward(
  gradOutput: Float32Array,
  planes: number,
  height: number,
  width: number,
  pads: readonly [number, number, number, number],
  mode: PadKernelMode,
  gradInput: Float32Array,
): void {
  const [top, bottom, left, right] = pads;
  const outHeight = height + top + bottom;
  const outWidth = width + left + right;
  const rows = sourceMap(outHeight, height, top, mode);
  const cols = sourceMap(outWidth, width, left, mode);
  gradInput.fill(0);
  for (let p = 0; p < planes; p++) {
    const src = p * height * width;
    const dst = p * outHeight * outWidth;
    for (let oy = 0; oy < outHeight; oy++) {
      const iy = rows[oy] as number;
      if (iy < 0) continue;
      const rowIn = src + iy * width;
      const rowOut = dst + oy * outWidth;
      for (let ox = 0; ox < outWidth; ox++) {
        const ix = cols[ox] as number;
        if (ix >= 0) gradInput[rowIn + ix] = (gradInput[rowIn + ix] as number) + (gradOutput[rowOut + ox] as number);
      }
    }
  }
}
