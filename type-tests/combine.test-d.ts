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
