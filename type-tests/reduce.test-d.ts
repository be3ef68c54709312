import { expectType } from 'tsd';
import {
  argmax,
  logSoftmax,
  matmul,
  mean,
  permute,
  softmax,
  sum,
  transpose,
  Tensor,
  type DimArgument,
  type DimOutOfRangeMessage,
  type ErrorMessage,
  type MatmulShape,
  type PermuteShape,
  type ReduceShape,
  type TransposeShape,
} from 'shapecheck';

declare const x: Tensor<[2, 3, 4]>;
declare const named: Tensor<['batch', 10]>;
declare const loose: Tensor<number[]>;
declare const scalar: Tensor<[]>;
declare const anyDim: number;

// ---- shape rules, edge rows: negative dims, keepdim, 0-d, number, unknown rank, out of range
expectType<[2, 4]>({} as ReduceShape<[2, 3, 4], 1, false>);
expectType<[2, 3, 1]>({} as ReduceShape<[2, 3, 4], -1, true>);
expectType<[]>({} as ReduceShape<[2, 3, 4], never, false>);
expectType<[]>({} as ReduceShape<[], 0, false>);
expectType<number[]>({} as ReduceShape<[2, 3], number, false>);
expectType<number[]>({} as ReduceShape<number[], 1, false>);
expectType<ErrorMessage<'sum: Dimension out of range (expected to be in range of [-3, 2], but got 3)'>>({} as ReduceShape<[2, 3, 4], 3, false>);
expectType<'mean: Dimension out of range (expected to be in range of [-1, 0], but got 1)'>({} as DimOutOfRangeMessage<'mean', 0, 1>);
expectType<'softmax: Dimension out of range (expected to be in range of [-2, 1], but got -3)'>({} as DimArgument<[2, 3], -3, 'softmax'>);
expectType<[4, 3, 2]>({} as TransposeShape<[2, 3, 4], 0, -1>);
expectType<['batch', 32, 32, 3]>({} as PermuteShape<['batch', 3, 32, 32], [0, 2, 3, 1]>);
expectType<ErrorMessage<'permute: repeated dim in permute'>>({} as PermuteShape<[2, 3], [0, -2]>);
expectType<[8, 5, 2, 4]>({} as MatmulShape<[8, 1, 2, 3], [5, 3, 4]>);
expectType<['batch', 2, 4]>({} as MatmulShape<['batch', 2, 'k'], ['k', 4]>);
expectType<[2, 4]>({} as MatmulShape<[2, number], [3, 4]>);
expectType<ErrorMessage<'matmul: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)'>>({} as MatmulShape<[2, 3], [4, 5]>);
expectType<number[]>({} as MatmulShape<number[], [3, 4]>);

// ---- the ops
expectType<Tensor<[]>>(sum(x));
expectType<Tensor<[2, 4]>>(sum(x, 1));
expectType<Tensor<[2, 3, 1]>>(mean(x, -1, true));
expectType<Tensor<['batch']>>(mean(named, 1));
expectType<Tensor<[]>>(sum(scalar, 0));
expectType<Tensor<number[]>>(sum(x, anyDim));
expectType<Tensor<number[]>>(sum(loose, 5));
expectType<Tensor<[2, 3, 4]>>(softmax(x, -1));
expectType<Tensor<['batch', 10]>>(logSoftmax(named, 1));
expectType<Tensor<['batch']>>(argmax(named, 1));
expectType<Tensor<[]>>(argmax(x));
expectType<Tensor<[4, 3, 2]>>(transpose(x, 0, 2));
expectType<Tensor<[4, 2, 3]>>(permute(x, [2, 0, 1]));
expectType<Tensor<[2, 3, 5]>>(matmul(x, {} as Tensor<[4, 5]>));
expectType<Tensor<['batch', 3]>>(matmul(named, {} as Tensor<[10, 3]>));

// ---- errors at the wrong argument
// @ts-expect-error sum: Dimension out of range (expected to be in range of [-3, 2], but got 3)
sum(x, 3);
// @ts-expect-error mean: Dimension out of range (expected to be in range of [-3, 2], but got -4)
mean(x, -4, true);
// @ts-expect-error softmax: Dimension out of range (expected to be in range of [-2, 1], but got 2)
softmax(named, 2);
// @ts-expect-error logSoftmax: Dimension out of range (expected to be in range of [-1, 0], but got 1)
logSoftmax(scalar, 1);
// @ts-expect-error argmax: Dimension out of range (expected to be in range of [-3, 2], but got 7)
argmax(x, 7);
// @ts-expect-error transpose: Dimension out of range (expected to be in range of [-3, 2], but got 3)
transpose(x, 0, 3);
// @ts-expect-error permute: number of dimensions in the tensor input does not match ...
permute(x, [0, 1]);
// @ts-expect-error permute: repeated dim in permute
permute(x, [0, 1, 1]);
// @ts-expect-error matmul: mat1 and mat2 shapes cannot be multiplied (3x4 and 5x6)
matmul(x, {} as Tensor<[5, 6]>);
// @ts-expect-error matmul: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0
matmul(x, {} as Tensor<[3, 4, 5]>);
// @ts-expect-error matmul: b must have at least 2 dims (a matrix or a batch of matrices), got [4]
matmul(x, {} as Tensor<[4]>);
