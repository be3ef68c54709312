import { expectType } from 'tsd';
import {
  binaryCrossEntropyWithLogits,
  crossEntropy,
  l1Loss,
  mseLoss,
  nllLoss,
  Tensor,
  type ClassTargetArgument,
  type ClassWeightArgument,
  type Reduction,
  type SameShapeTargetArgument,
} from 'shapecheck';

declare const logits: Tensor<[64, 10]>;
declare const labels: Tensor<[64]>;
declare const batchLogits: Tensor<['batch', 10]>;
declare const batchLabels: Tensor<['batch']>;
declare const loose: Tensor<number[]>;
declare const someReduction: Reduction;

// ---- shape rules
expectType<'crossEntropy: Expected input batch_size (64) to match target batch_size (32).'>({} as ClassTargetArgument<[64, 10], [32], 'crossEntropy'>);
expectType<'nllLoss: 1D target tensor expected, multi-target not supported'>({} as ClassTargetArgument<[64, 10], [64, 10], 'nllLoss'>);
expectType<Tensor<[number]>>({} as ClassTargetArgument<[64, 10], [number], 'nllLoss'>);
expectType<Tensor<['n']>>({} as ClassTargetArgument<[64, 10], ['n'], 'nllLoss'>);
expectType<'nllLoss: weight tensor should be defined either for all 10 classes or no classes but got weight tensor of shape: []'>({} as ClassWeightArgument<[64, 10], [], 'nllLoss'>);
expectType<Tensor<[10]>>({} as ClassWeightArgument<[64, 10], [10], 'nllLoss'>);
expectType<Tensor<number[]>>({} as ClassWeightArgument<[64, 10], number[], 'nllLoss'>);
expectType<'mseLoss: Target size ([2, 4]) must be the same as input size ([2, 3])'>({} as SameShapeTargetArgument<[2, 3], [2, 4], 'mseLoss'>);
expectType<Tensor<[2, number]>>({} as SameShapeTargetArgument<[2, 3], [2, number], 'mseLoss'>);

// ---- outputs: a 0-d tensor for 'mean' and 'sum', [N] (or the input's shape) for 'none'
expectType<Tensor<[]>>(crossEntropy(logits, labels));
expectType<Tensor<[]>>(crossEntropy(logits, labels, { reduction: 'sum', labelSmoothing: 0.1, ignoreIndex: 0 }));
expectType<Tensor<[64]>>(crossEntropy(logits, labels, { reduction: 'none' }));
expectType<Tensor<['batch']>>(crossEntropy(batchLogits, batchLabels, { reduction: 'none' }));
expectType<Tensor<[]> | Tensor<[64]>>(nllLoss(logits, labels, { reduction: someReduction }));
expectType<Tensor<[]>>(nllLoss(logits, labels, { weight: {} as Tensor<[10]> }));
expectType<Tensor<[]>>(mseLoss(logits, logits));
expectType<Tensor<[64, 10]>>(l1Loss(logits, logits, { reduction: 'none' }));
expectType<Tensor<[]>>(binaryCrossEntropyWithLogits(logits, logits, { posWeight: {} as Tensor<[10]> }));
expectType<Tensor<[]>>(crossEntropy(loose, loose));

// ---- errors at the wrong argument, in the runtime's words
// @ts-expect-error crossEntropy: Expected input batch_size (64) to match target batch_size (32).
crossEntropy(logits, {} as Tensor<[32]>);
// @ts-expect-error nllLoss: 1D target tensor expected, multi-target not supported
nllLoss(logits, logits);
// @ts-expect-error crossEntropy: expected input of shape [N, C], got [64]
crossEntropy(labels, labels);
// @ts-expect-error mseLoss: Target size ([32]) must be the same as input size ([64])
mseLoss(labels, {} as Tensor<[32]>);
// @ts-expect-error l1Loss: Target size ([64]) must be the same as input size ([64, 10])
l1Loss(logits, labels);
// @ts-expect-error binaryCrossEntropyWithLogits: Target size ([64, 9]) must be the same as input size ([64, 10])
binaryCrossEntropyWithLogits(logits, {} as Tensor<[64, 9]>);
// @ts-expect-error crossEntropy: weight tensor should be defined either for all 10 classes or no classes but got weight tensor of shape: [5]
crossEntropy(logits, labels, { weight: {} as Tensor<[5]> });
// @ts-expect-error nllLoss: weight tensor should be defined either for all 10 classes or no classes but got weight tensor of shape: [10, 1]
nllLoss(logits, labels, { weight: {} as Tensor<[10, 1]>, reduction: 'none' });
expectType<Tensor<['batch']>>(crossEntropy(batchLogits, batchLabels, { weight: {} as Tensor<[10]>, reduction: 'none' }));
expectType<Tensor<[]>>(crossEntropy(logits, labels, { weight: {} as Tensor<['c']> }));
// @ts-expect-error an unknown reduction
crossEntropy(logits, labels, { reduction: 'avg' });
