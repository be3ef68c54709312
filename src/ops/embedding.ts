import { record } from '../autograd/engine.js';
import { traced } from '../autograd/trace.js';
import { embeddingOutputShape, writeEmbeddingIndexMessage, type EmbeddingOutputShape } from '../shape/embedding.js';
import { ShapeError } from '../shape/shape-error.js';
import type { Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';

/**
 * An embedding lookup, PyTorch's `F.embedding`: row `input[i]` of `weight` for each index, so
 * `[...input, embeddingDim]`. The package's tensors are Float32, so `input` is a Float32 tensor of
 * integral values in `[0, numEmbeddings)` (checked). Differentiable in `weight`: each output row's
 * gradient is added into the row it came from (a scatter-add); the `paddingIdx` row gets none.
 *
 * @throws {ShapeError} for an index out of range or not integral; {@link TypeError} for a weight
 *   that is not 2-D.
 * @example
 * ```ts
 * import { embedding, tensor } from 'shapecheck';
 * const weight = tensor([[0, 0], [1, 2], [3, 4]]);
 * embedding(tensor([2, 1, 2]), weight).toArray();
 * //=> [[3, 4], [1, 2], [3, 4]]
 * ```
 * @category Operations
 */
export function embedding<S extends Shape, const N extends number, const D extends number>(
  input: Tensor<S>,
  weight: Tensor<[N, D]>,
  paddingIdx?: number | null,
): TensorOf<EmbeddingOutputShape<S, D>> {
  const x = checkTensor('Embedding', 'input', input);
  const w = checkTensor('Embedding', 'weight', weight);
  if (w.shape.length !== 2) throw new TypeError(`Embedding: weight must be 2-D [numEmbeddings, embeddingDim], got [${w.shape.join(', ')}] ('weight' must be 2-D)`);
  const [n, d] = w.shape as readonly number[] as [number, number];
  const pad = paddingIdx === undefined || paddingIdx === null ? -1 : paddingIdx < 0 ? paddingIdx + n : paddingIdx;
  const idx = x.data;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new ShapeError(writeEmbeddingIndexMessage(i, n));
  }
  const outShape = embeddingOutputShape(x.shape as readonly number[], d);
  const out = new Float32Array(idx.length * d);
  const wd = w.data;
  for (let k = 0; k < idx.length; k++) out.set(wd.subarray(idx[k]! * d, idx[k]! * d + d), k * d);
  const result = traced(new Tensor(out, outShape), 'embedding', [x, w], { paddingIdx: pad });
  return record(result, 'EmbeddingBackward', [w], (grad) => {
    const gradWeight = new Float32Array(n * d);
    for (let k = 0; k < idx.length; k++) {
      const row = idx[k]!;
      if (row === pad) continue;
      for (let j = 0; j < d; j++) gradWeight[row * d + j]! += grad[k * d + j]!;
    }
    return [gradWeight];
  }) as TensorOf<EmbeddingOutputShape<S, D>>;
}
