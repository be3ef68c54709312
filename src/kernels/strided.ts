// Offsets of strided views, for the ops that read an array in another order: broadcasting
// (strides of 0 along broadcast dims), a permutation, batches of a matrix product.

/**
 * For each element of a row-major array of `shape`, in order, the offset `Σ index[d]·strides[d]`
 * into the array it reads (a stride of 0 reads the same element along that dim).
 */
export function stridedOffsets(shape: readonly number[], strides: readonly number[]): Int32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const offsets = new Int32Array(size);
  const counter = new Array<number>(shape.length).fill(0);
  let at = 0;
  for (let o = 0; o < size; o++) {
    offsets[o] = at;
    // advance the multi-index like an odometer
    for (let d = shape.length - 1; d >= 0; d--) {
      counter[d]!++;
      at += strides[d]!;
      if (counter[d]! < shape[d]!) break;
      at -= strides[d]! * shape[d]!;
      counter[d] = 0;
    }
  }
  return offsets;
}

/** The strides of a row-major array of `input`'s shape over the dims of `output` it broadcasts to (0 where it is broadcast or missing). */
export function broadcastStrides(input: readonly number[], output: readonly number[]): number[] {
  const strides = new Array<number>(output.length).fill(0);
  for (let i = input.length - 1, stride = 1; i >= 0; i--) {
    strides[i + output.length - input.length] = input[i] === 1 ? 0 : stride;
    stride *= input[i]!;
  }
  return strides;
}

/** The row-major strides of `shape`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  for (let d = shape.length - 1, stride = 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d]!;
  }
  return strides;
}
