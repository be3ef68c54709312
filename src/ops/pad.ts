import { traced } from '../autograd/trace.js';
import { record } from '../autograd/engine.js';
import { padPlanes, padPlanesBackward, sourceIndex } from '../kernels/pad.js';
import { padOutputShape, type PadMode, type PadOutputShape } from '../shape/pad.js';
import type { Shape } from '../shape/shape.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { numel } from '../shape/reshape.js';
import { Tensor } from '../tensor/tensor.js';
import { checkTensor } from '../tensor/check.js';

/** The `pads` argument: the pads, or the message when they cannot apply. */
type PadsArgument<S extends Shape, Pads extends readonly number[], Mode extends PadMode> =
  PadOutputShape<S, Pads, Mode> extends ErrorMessage<infer Message> ? Message : Pads;

/** A tensor of the computed shape (an error there has already been reported at the argument). */
type PaddedTensor<S> = S extends Shape ? Tensor<S> : never;

/**
 * Pads the last dims of a tensor, as PyTorch's `F.pad`: `pads` lists `[left, right]` for the last
 * dim, then `[top, bottom]` for the one before, and so on. `'constant'` fills with `value` (and
 * crops with negative pads) on any number of dims; `'reflect'`, `'replicate'` and `'circular'` pad
 * the last one (2 values, 2-D or 3-D input) or two (4 values, 3-D or 4-D input) dims. The output
 * shape is computed at compile time, and a pad the mode cannot take is an error at `pads`.
 *
 * @throws {ShapeError} for a pad count that does not fit or a pad too large for the mode.
 * @example
 * ```ts
 * import { arange, pad } from 'shapecheck';
 * const x = arange(4).reshape([1, 2, 2]);
 * pad(x, [1, 1], 'reflect').toArray();
 * //=> [[[1, 0, 1, 0], [3, 2, 3, 2]]]
 * ```
 * @category Operations
 */
export function pad<S extends Shape, const Pads extends readonly number[], const Mode extends PadMode = 'constant'>(
  input: Tensor<S>,
  pads: PadsArgument<S, Pads, Mode>,
  mode: Mode = 'constant' as Mode,
  value?: number,
): PaddedTensor<PadOutputShape<S, Pads, Mode>> {
  checkTensor('pad', 'input', input);
  const padList = pads as readonly number[];
  if (!(['constant', 'reflect', 'replicate', 'circular'] as const).includes(mode)) {
    throw new TypeError(`pad: mode must be one of 'constant', 'reflect', 'replicate', 'circular', got '${String(mode)}'`);
  }
  if (value !== undefined && mode !== 'constant') {
    throw new TypeError(`pad: mode '${mode}' doesn't take in value argument, got value=${value}`);
  }
  const fill = value ?? 0;
  for (const p of padList) {
    if (!Number.isInteger(p)) throw new TypeError(`pad: pad values must be integers, got ${String(p)}`);
  }
  const shape = input.shape as readonly number[];
  const outShape = padOutputShape(shape, padList, mode);
  const out = new Float32Array(numel(outShape));
  // pad at most two trailing dims per pass; constant mode with more dims is done two at a time
  let current = input.data;
  let currentShape = [...shape];
  for (let done = 0; done < padList.length; done += 4) {
    const chunk = padList.slice(done, done + 4);
    const dims = chunk.length / 2;
    const rank = currentShape.length;
    const height = dims === 2 ? (currentShape[rank - 2 - done / 2] as number) : 1;
    const width = currentShape[rank - 1 - done / 2] as number;
    const inner = numel(currentShape.slice(rank - done / 2));
    const outer = numel(currentShape.slice(0, rank - dims - done / 2));
    const pads4: [number, number, number, number] = dims === 2 ? [chunk[2]!, chunk[3]!, chunk[0]!, chunk[1]!] : [0, 0, chunk[0]!, chunk[1]!];
    const nextShape = [...currentShape];
    nextShape[rank - 1 - done / 2] = width + pads4[2] + pads4[3];
    if (dims === 2) nextShape[rank - 2 - done / 2] = height + pads4[0] + pads4[1];
    const next = done + 4 >= padList.length ? out : new Float32Array(numel(nextShape));
    if (inner === 1) {
      padPlanes(current, outer, height, width, pads4, mode, fill, next);
    } else {
      // pad dims that are not the last ones: treat each trailing block as a unit of `inner` floats
      padBlocks(current, outer, height, width, inner, pads4, fill, next);
    }
    current = next;
    currentShape = nextShape;
  }
  if (padList.length === 0) out.set(input.data);
  // each output element's gradient goes back to the element it copies (none for the fill)
  return record(traced(new Tensor(out, outShape), 'pad', [input as Tensor], { pads: [...padList], mode, value: fill }), 'PadBackward', [input as Tensor], (grad) => [padBackward(grad, shape, outShape, padList, mode)]) as PaddedTensor<
    PadOutputShape<S, Pads, Mode>
  >;
}

/** The gradient of {@link pad}: every output gradient summed into the input element it copies. */
function padBackward(grad: Float32Array, shape: readonly number[], outShape: readonly number[], padList: readonly number[], mode: PadMode): Float32Array {
  const gradInput = new Float32Array(numel(shape));
  const rank = shape.length;
  if (padList.length === 0) {
    gradInput.set(grad);
    return gradInput;
  }
  if (padList.length <= 4) {
    // the last one or two dims, as the forward pass padded them: the kernel's own backward
    const dims = padList.length / 2;
    const height = dims === 2 ? (shape[rank - 2] as number) : 1;
    const width = shape[rank - 1] as number;
    const pads4: [number, number, number, number] =
      dims === 2 ? [padList[2]!, padList[3]!, padList[0]!, padList[1]!] : [0, 0, padList[0]!, padList[1]!];
    padPlanesBackward(grad, numel(shape.slice(0, rank - dims)), height, width, pads4, mode, gradInput);
    return gradInput;
  }
  // constant padding of more dims: map each output index back, dim by dim
  const padded = padList.length / 2;
  const before = shape.map((_, d) => (d >= rank - padded ? (padList[2 * (rank - 1 - d)] as number) : 0));
  const counter = new Array<number>(rank).fill(0);
  for (let o = 0; o < grad.length; o++) {
    let index = 0;
    let inside = true;
    for (let d = 0; d < rank; d++) {
      const i = sourceIndex(counter[d]!, shape[d]!, before[d]!, mode);
      if (i < 0) {
        inside = false;
        break;
      }
      index = index * shape[d]! + i;
    }
    if (inside) gradInput[index]! += grad[o]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (++counter[d]! < outShape[d]!) break;
      counter[d] = 0;
    }
  }
  return gradInput;
}

/**
 * Constant padding of two dims that are followed by `inner` contiguous floats per position (only
 * `'constant'` pads more than the last two dims).
 */
function padBlocks(
  input: Float32Array,
  outer: number,
  height: number,
  width: number,
  inner: number,
  pads: readonly [number, number, number, number],
  value: number,
  out: Float32Array,
): void {
  const [top, bottom, left, right] = pads;
  const outHeight = height + top + bottom;
  const outWidth = width + left + right;
  for (let o = 0; o < outer; o++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const iy = oy - top;
        const ix = ox - left;
        const dst = ((o * outHeight + oy) * outWidth + ox) * inner;
        if (iy < 0 || iy >= height || ix < 0 || ix >= width) {
          out.fill(value, dst, dst + inner);
        } else {
          const src = ((o * height + iy) * width + ix) * inner;
          out.set(input.subarray(src, src + inner), dst);
        }
      }
    }
  }
}
