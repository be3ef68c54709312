import { expectType } from 'tsd';
import { mul, ones, sum, type Tensor } from 'shapecheck';

const w = ones([2, 3], { requiresGrad: true });
// a loss (one element) needs no gradient
sum(mul(w, w)).backward();
// @ts-expect-error grad can be implicitly created only for scalar outputs
mul(w, w).backward();
// a gradient of the tensor's shape
mul(w, w).backward(ones([2, 3]));
// @ts-expect-error a gradient of another shape
mul(w, w).backward(ones([3, 2]));
// .grad has the tensor's shape
expectType<Tensor<readonly [2, 3]> | null>(w.grad);
// a tensor of a literal shape is still a Tensor
const any: Tensor = mul(w, w);
expectType<Tensor>(any);
