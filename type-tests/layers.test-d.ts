import { expectType } from 'tsd';
import { Flatten, Linear, ReLU, Tensor, conv2d, flatten, linear, zeros, type ErrorMessage, type FlattenOutputShape, type LinearOutputShape } from 'shapecheck';

// ---- shape rules
expectType<[1, 400]>({} as FlattenOutputShape<[1, 16, 5, 5]>);
expectType<['batch', 400]>({} as FlattenOutputShape<['batch', 16, 5, 5]>);
expectType<[24]>({} as FlattenOutputShape<[2, 3, 4], 0>);
expectType<[2, 12, 5]>({} as FlattenOutputShape<[2, 3, 4, 5], -3, -2>);
expectType<[2, '4*c']>({} as FlattenOutputShape<[2, 'c', 4]>);
expectType<['batch', '64*((H+1)//2)*((W+1)//2)']>({} as FlattenOutputShape<['batch', 64, '(H+1)//2', '(W+1)//2']>);
expectType<['batch', 'H*W*c']>({} as FlattenOutputShape<['batch', 'c', 'W', 'H']>);
expectType<['batch', '3*H*W-6*H-6*W+12']>({} as FlattenOutputShape<['batch', 3, 'H-2', 'W-2']>); // a product of sums, expanded
expectType<ErrorMessage<'Linear: expected 400 input features, got 16*((H-12)//4)*((W-12)//4), which depends on H, W (use AdaptiveAvgPool2d, or give H, W sizes)'>>(
  {} as LinearOutputShape<['batch', '16*((H-12)//4)*((W-12)//4)'], 400, 120>,
);
expectType<ErrorMessage<'Flatten: startDim 4 is out of range for a 2-D input (Dimension out of range)'>>({} as FlattenOutputShape<[2, 3], 4>);
expectType<['batch', 120]>({} as LinearOutputShape<['batch', 400], 400, 120>);
expectType<[2, 3, 7]>({} as LinearOutputShape<[2, 3, 5], 5, 7>);
expectType<[number, 10]>({} as LinearOutputShape<[number, number], 400, 10>);
expectType<ErrorMessage<'Linear: expected input[1, 400] to have 576 features in its last dim, got 400 (mat1 and mat2 shapes cannot be multiplied)'>>(
  {} as LinearOutputShape<[1, 400], 576, 120>,
);

// ---- layers: a LeNet tail, typed end to end
const features = zeros([1, 16, 5, 5]);
const flat = new Flatten().forward(features);
expectType<Tensor<[1, 400]>>(flat);
const fc1 = new Linear({ inFeatures: 400, outFeatures: 120 });
expectType<Tensor<[120, 400]>>(fc1.weight);
expectType<Tensor<[120]>>(fc1.bias);
expectType<Tensor<[1, 120]>>(new ReLU().forward(fc1.forward(flat)));
expectType<null>(new Linear({ inFeatures: 4, outFeatures: 2, bias: false }).bias);
// @ts-expect-error Linear: expected input[1, 400] to have 576 features in its last dim, got 400 ...
new Linear({ inFeatures: 576, outFeatures: 120 }).forward(flat);

// ---- functional twins
expectType<Tensor<[2, 400]>>(flatten(zeros([2, 16, 5, 5])));
expectType<Tensor<[2, 10]>>(linear(zeros([2, 400]), zeros([10, 400])));
// @ts-expect-error the weight does not fit the input
linear(zeros([2, 400]), zeros([10, 576]));
expectType<Tensor<[1, 6, 28, 28]>>(conv2d(zeros([1, 1, 32, 32]), zeros([6, 1, 5, 5]), null));
