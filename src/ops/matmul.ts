/**
 * `matmul`: matrix products of 2-D tensors and of batches of them, the batch dims broadcast as
 * PyTorch does, with its gradient.
 * @packageDocumentation
 */
import { traced } from '../autograd/trace.js';
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { record } from '../autograd/engine.js';
import { matrixMultiply } from '../kernels/wasm.js';
import { matmulShape, type MatmulShape } from '../shape/reduce.js';
import { numel } from '../shape/reshape.js';
import type { Shape } from '../shape/shape.js';
import { checkTensor } from '../tensor/check.js';
import { broadcastStrides, stridedOffsets } from '../kernels/strided.js';
import { Tensor, type TensorOf } from '../tensor/tensor.js';

/**
 * The `b` argument of `matmul`: the tensor, or the message when it cannot multiply `a`.
 *
 * @example
 * ```ts
 * import type { MatmulArgument } from 'shapecheck';
 * type M = MatmulArgument<[2, 3], [4, 5]>;
 * //=> 'matmul: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)'
 * ```
 * @category Operations
 */
export type MatmulArgument<A extends Shape, B extends Shape> = MatmulShape<A, B> extends ErrorMessage<infer Message> ? Message : Tensor<B>;

/** For each batch of the output, the batch of an operand it reads (broadcast dims read batch 0 of theirs). */
function batchIndex(batch: readonly number[], operand: readonly number[]): Int32Array {
  return stridedOffsets(batch, broadcastStrides(operand, batch));
}

/**
 * The matrix product `a·b` (`torch.matmul`) of operands with at least 2 dims: `[..., M, K]` times
 * `[..., K, N]` is `[..., M, N]`, the leading (batch) dims broadcast. The output shape is computed
 * at compile time; inner dims that differ are an error at `b` in PyTorch's words
 * (`mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)`). 1-D operands (PyTorch's vector
 * cases) are not supported: `reshape` them to a row or column first. Differentiable.
 *
 * @throws {ShapeError} when the shapes do not multiply.
 * @example
 * ```ts
 * import { matmul, tensor } from 'shapecheck';
 * matmul(tensor([[1, 2], [3, 4]]), tensor([[5], [6]])).toArray();
 * //=> [[17], [39]]
 * ```
 * @category Operations
 */
export function matmul<A extends Shape, B extends Shape>(a: Tensor<A>, b: MatmulArgument<A, B>): TensorOf<MatmulShape<A, B>> {
  checkTensor('matmul', 'a', a);
  const other = checkTensor('matmul', 'b', b);
  const shapeA = a.shape as readonly number[];
  const shapeB = other.shape as readonly number[];
  const outShape = matmulShape(shapeA, shapeB);
  const [m, k] = shapeA.slice(-2) as [number, number];
  const n = shapeB[shapeB.length - 1]!;
  const batch = outShape.slice(0, -2);
  const ia = batchIndex(batch, shapeA.slice(0, -2));
  const ib = batchIndex(batch, shapeB.slice(0, -2));
  const x = a.data;
  const y = other.data;
  const out = new Float32Array(numel(outShape));
  for (let t = 0; t < ia.length; t++) {
    matrixMultiply(m, n, k, { data: x, offset: ia[t]! * m * k, rowStride: k, colStride: 1 }, { data: y, offset: ib[t]! * k * n, rowStride: n, colStride: 1 }, out, t * m * n, n, false);
  }
  return record(
    traced(new Tensor(out, outShape), 'matmul', [a as Tensor, other]),
    'MmBackward',
    [a as Tensor, other],
    (grad) => {
      let gradA: Float32Array | null = null;
      let gradB: Float32Array | null = null;
      // ∂a = g·bᵀ, ∂b = aᵀ·g, accumulated into the batch each output batch read
      if (a.requiresGrad) {
        gradA = new Float32Array(x.length);
        for (let t = 0; t < ia.length; t++) {
          matrixMultiply(m, k, n, { data: grad, offset: t * m * n, rowStride: n, colStride: 1 }, { data: y, offset: ib[t]! * k * n, rowStride: 1, colStride: n }, gradA, ia[t]! * m * k, k, true);
        }
      }
      if (other.requiresGrad) {
        gradB = new Float32Array(y.length);
        for (let t = 0; t < ib.length; t++) {
          matrixMultiply(k, n, m, { data: x, offset: ia[t]! * m * k, rowStride: 1, colStride: k }, { data: grad, offset: t * m * n, rowStride: n, colStride: 1 }, gradB, ib[t]! * k * n, n, true);
        }
      }
      return [gradA, gradB];
    },
    [a as Tensor, other],
  ) as TensorOf<MatmulShape<A, B>>;
}
