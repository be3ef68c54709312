import { expectType } from 'tsd';
import { Tensor, add, cat, zeros, type BroadcastShape, type CatShape, type ErrorMessage } from 'shapecheck';

expectType<[8, 7, 6, 5]>({} as BroadcastShape<[8, 1, 6, 1], [7, 1, 5]>);
expectType<['batch', 64, 56, 56]>({} as BroadcastShape<['batch', 64, 56, 56], [64, 1, 1]>);
expectType<ErrorMessage<'add: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 1'>>({} as BroadcastShape<[2, 4], [3]>);
expectType<[1, 96, 28, 28]>({} as CatShape<[[1, 64, 28, 28], [1, 32, 28, 28]], 1>);
expectType<['batch', 112, 28, 28]>({} as CatShape<[['batch', 64, 28, 28], ['batch', 32, 28, 28], ['batch', 16, 28, 28]], 1>);

// a residual connection and an Inception-style join
expectType<Tensor<[1, 64, 56, 56]>>(add(zeros([1, 64, 56, 56]), zeros([1, 64, 56, 56])));
expectType<Tensor<[1, 96, 28, 28]>>(cat([zeros([1, 64, 28, 28]), zeros([1, 32, 28, 28])], 1));
// @ts-expect-error add: The size of tensor a (56) must match the size of tensor b (28) ...
add(zeros([1, 64, 56, 56]), zeros([1, 64, 28, 28]));
// @ts-expect-error cat: Sizes of tensors must match except in dimension 1 ...
cat([zeros([1, 64, 28, 28]), zeros([1, 32, 14, 14])], 1);

// ---- readonly shapes (as zeros and randn give them), either operand the shorter
expectType<Tensor<[2, 4]>>(add(zeros([2, 4]), zeros([4])));
expectType<Tensor<[2, 4]>>(add(zeros([4]), zeros([2, 4])));
// @ts-expect-error add: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1
add(zeros([3]), zeros([2, 4]));
// ---- cat: negative dims count from the end; 1-D empty tensors are skipped, as PyTorch
expectType<Tensor<[2, 8]>>(cat([zeros([2, 3]), zeros([2, 5])], -1));
expectType<Tensor<[2, 3]>>(cat([zeros([2, 3]), zeros([0])], 0));
// @ts-expect-error cat: dim -3 is out of range for 2-D tensors (Dimension out of range)
cat([zeros([2, 3]), zeros([2, 5])], -3);
// @ts-expect-error cat: Tensors must have same number of dimensions: got 2 and 3
cat([zeros([2, 3]), zeros([2, 3, 1])], 0);
