import { expectType } from 'tsd';
import type { ErrorMessage } from '../src/arithmetic/error-message.js';
import { ReflectionPad2d, ReplicationPad2d, ZeroPad2d } from '../src/nn/pad2d.js';
import { AdaptiveMaxPool2d } from '../src/nn/adaptive-max-pool2d.js';
import { adaptiveMaxPool2d } from '../src/ops/adaptive-max-pool2d.js';
import type { AdaptiveMaxPool2dOutputShape } from '../src/shape/adaptive-max-pool2d.js';
import { MaxPool2d } from '../src/nn/pool2d.js';
import { MaxUnpool2d } from '../src/nn/max-unpool2d.js';
import { maxPool2d } from '../src/ops/pool2d.js';
import { maxUnpool2d } from '../src/ops/max-unpool2d.js';
import { Embedding } from '../src/nn/embedding.js';
import { embedding } from '../src/ops/embedding.js';
import type { EmbeddingOptionsError, EmbeddingOutputShape } from '../src/shape/embedding.js';
import type { MaxUnpool2dOptions, MaxUnpool2dOutputShape } from '../src/shape/max-unpool2d.js';
import { Sequential } from '../src/nn/sequential.js';
import type { ShapeTrace } from '../src/nn/sequential.js';
import type { Pad2dOutputShape } from '../src/shape/pad2d.js';
import { zeros } from '../src/tensor/factories.js';
import type { Tensor } from '../src/tensor/tensor.js';
import { assert, type Equal } from './helpers.js';

// ---- ZeroPad2d / ReflectionPad2d / ReplicationPad2d: output shapes (torch's in test/fixtures/misc-layers.json)
type P<S extends readonly (number | string)[], L extends 'ZeroPad2d' | 'ReflectionPad2d' | 'ReplicationPad2d', Padding> = Pad2dOutputShape<S, L, Padding>;
type PadCases = [
  [P<[1, 1, 3, 4], 'ZeroPad2d', 1>, [1, 1, 5, 6]],
  [P<[2, 5, 3], 'ReflectionPad2d', [2, 1, 0, 3]>, [2, 8, 6]],
  [P<[1, 2, 4, 5], 'ReplicationPad2d', [1, 2, 3, 1]>, [1, 2, 8, 8]],
  [P<[3, 4], 'ZeroPad2d', 2>, [7, 8]],
  [P<[2, 1, 2, 3, 3], 'ZeroPad2d', 1>, [2, 1, 2, 5, 5]],
  [P<[1, 2, 3, 4], 'ZeroPad2d', [-1, 0, 0, -1]>, [1, 2, 2, 3]],
  [P<['batch', 3, 'H', 'W'], 'ZeroPad2d', [0, 0, 1, 2]>, ['batch', 3, 'H+3', 'W']],
  [P<['batch', 3, '(H+1)//2', 'W-1'], 'ReflectionPad2d', 1>, ['batch', 3, '(H+5)//2', 'W+1']],
  [P<[3, 'H', 'W'], 'ZeroPad2d', [-1, -1, 0, 0]>, [3, 'H', 'W-2']],
  [P<[1, 3, number, 8], 'ReplicationPad2d', 1>, [1, 3, number, 10]],
  [P<number[], 'ZeroPad2d', 1>, number[]],
];
type Wrong<C> = C extends [infer Got, infer Want] ? (Equal<Got, Want> extends true ? never : C) : never;
assert<Equal<Wrong<PadCases[number]>, never>>();

type PadErrors = [
  [P<[1, 1, 3, 3], 'ReflectionPad2d', 3>, 'ReflectionPad2d: Padding size should be less than the corresponding input dimension, but got: padding (3, 3) at dimension 3 of input [1, 1, 3, 3]'],
  [P<[1, 1, 3, 3], 'ReflectionPad2d', [1, 1, 3, 0]>, 'ReflectionPad2d: Padding size should be less than the corresponding input dimension, but got: padding (3, 0) at dimension 2 of input [1, 1, 3, 3]'],
  [P<[3, 3], 'ReflectionPad2d', 1>, 'ReflectionPad2d: Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [3, 3]'],
  [P<[1, 1, 0, 3], 'ReplicationPad2d', 0>, 'ReplicationPad2d: Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [1, 1, 0, 3]'],
  [P<[5], 'ZeroPad2d', 1>, 'ZeroPad2d: Length of pad should be no more than twice the number of dimensions of the input. Pad length is 4 while the input has 1 dimensions.'],
  [P<[1, 1, 3, 3], 'ZeroPad2d', [-2, -2, 0, 0]>, 'ZeroPad2d: The input size 3, plus negative padding -2 and -2 resulted in a negative output size, which is invalid. Check dimension 3 of your input.'],
  [P<[1, 1, 3, 3], 'ZeroPad2d', [1, 2]>, 'ZeroPad2d: padding must be an int or a 4-tuple of ints (left, right, top, bottom), got padding=[1, 2]'],
  [P<[1, 1, 3, 3], 'ReplicationPad2d', -1>, 'ReplicationPad2d: padding must be a non-negative int or a 4-tuple of non-negative ints (left, right, top, bottom), got padding=-1'],
  [P<[1, 1, 3, 3], 'ZeroPad2d', 1.5>, 'ZeroPad2d: padding must be an int or a 4-tuple of ints (left, right, top, bottom), got padding=1.5'],
];
type WrongError<C> = C extends [infer Got, infer Want extends string] ? (Equal<Got, ErrorMessage<Want>> extends true ? never : C) : never;
assert<Equal<WrongError<PadErrors[number]>, never>>();

expectType<Tensor<[2, 3, 7, 5]>>(new ZeroPad2d({ padding: [0, 0, 1, 2] }).forward(zeros([2, 3, 4, 5])));
expectType<Tensor<[3, 6, 6]>>(new ReflectionPad2d({ padding: 1 }).forward(zeros([3, 4, 4])));
// @ts-expect-error: reflection pad 3 on a dim of 3
new ReflectionPad2d({ padding: 3 }).forward(zeros([1, 1, 3, 3]));
// @ts-expect-error: a 2-D input to replication padding
new ReplicationPad2d({ padding: 1 }).forward(zeros([3, 3]));
// @ts-expect-error: negative replication padding, at the constructor
new ReplicationPad2d({ padding: -1 });
// @ts-expect-error: two values are not a 4-tuple
new ZeroPad2d({ padding: [1, 2] });

const padded = new Sequential(['batch', 3, 'H', 'W']).add(new ReflectionPad2d({ padding: [1, 1, 2, 2] })).add(new ZeroPad2d({ padding: 1 }));
assert<Equal<ShapeTrace<typeof padded>, [['batch', 3, 'H', 'W'], ['batch', 3, 'H+4', 'W+2'], ['batch', 3, 'H+6', 'W+4']]>>();
new Sequential([1, 3, 2, 2])
  // @ts-expect-error: layer 1 (ReflectionPad2d): padding 2 on a dim of 2
  .add(new ReflectionPad2d({ padding: 2 }));

// ---- AdaptiveMaxPool2d
type AM<S extends readonly (number | string)[], O> = AdaptiveMaxPool2dOutputShape<S, O>;
type AdaptiveCases = [
  [AM<[2, 3, 6, 6], [2, 4]>, [2, 3, 2, 4]],
  [AM<[3, 7, 5], [null, 2]>, [3, 7, 2]],
  [AM<['batch', 64, 'H', 'W'], [7, null]>, ['batch', 64, 7, 'W']],
  [AM<[1, 2, 5, 5], 0>, [1, 2, 0, 0]],
  [AM<number[], 2>, number[]],
];
assert<Equal<Wrong<AdaptiveCases[number]>, never>>();
type AdaptiveErrors = [
  [AM<[3, 7], 2>, 'AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected 3D or 4D tensor, but got: [3, 7]'],
  [AM<[1, 3, 0, 7], 2>, 'AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [1, 3, 0, 7] with dimension 2 being empty'],
  [AM<[2, 0, 4, 4], 2>, 'AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [2, 0, 4, 4] with dimension 1 being empty'],
  [AM<[0, 4, 4], 2>, 'AdaptiveMaxPool2d: adaptive_max_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes [0, 4, 4] with dimension 0 being empty'],
  [AM<[1, 3, 4, 7], -1>, 'AdaptiveMaxPool2d: outputSize must be a non-negative integer or null, got -1 (Trying to create tensor with negative dimension)'],
  [AM<[1, 3, 4, 7], [1, 2, 3]>, 'AdaptiveMaxPool2d: outputSize must be a non-negative integer or null, got [1, 2, 3] (adaptive_max_pool2d(): internal error: output_size.size() must be 2)'],
];
assert<Equal<WrongError<AdaptiveErrors[number]>, never>>();
expectType<Tensor<[2, 3, 1, 5]>>(new AdaptiveMaxPool2d({ outputSize: [1, null] }).forward(zeros([2, 3, 4, 5])));
expectType<[Tensor<[2, 3, 2, 2]>, Tensor<[2, 3, 2, 2]>]>(new AdaptiveMaxPool2d({ outputSize: 2, returnIndices: true }).forward(zeros([2, 3, 4, 5])));
expectType<[Tensor<[3, 2, 2]>, Tensor<[3, 2, 2]>]>(adaptiveMaxPool2d(zeros([3, 4, 5]), 2, true));
expectType<Tensor<[3, 2, 2]>>(adaptiveMaxPool2d(zeros([3, 4, 5]), 2));
// @ts-expect-error: a negative output size, at the constructor
new AdaptiveMaxPool2d({ outputSize: -1 });
// @ts-expect-error: a 2-D input
adaptiveMaxPool2d(zeros([3, 4]), 2);
const pooledModel = new Sequential(['batch', 3, 'H', 'W']).add(new AdaptiveMaxPool2d({ outputSize: [2, null] }));
assert<Equal<ShapeTrace<typeof pooledModel>, [['batch', 3, 'H', 'W'], ['batch', 3, 2, 'W']]>>();
new Sequential([1, 3, 4, 4])
  // @ts-expect-error: layer 1 (AdaptiveMaxPool2d): returnIndices in a model
  .add(new AdaptiveMaxPool2d({ outputSize: 2, returnIndices: true }));

// ---- MaxPool2d returnIndices, MaxUnpool2d
type UP<S extends readonly (number | string)[], O extends MaxUnpool2dOptions, I extends readonly (number | string)[] = S, G extends readonly number[] | undefined = undefined> = MaxUnpool2dOutputShape<S, O, I, G>;
type UnpoolCases = [
  [UP<[1, 2, 2, 2], { kernelSize: 2 }>, [1, 2, 4, 4]],
  [UP<[2, 3, 3, 4], { kernelSize: 3; stride: 2; padding: 1 }>, [2, 3, 5, 7]],
  [UP<[3, 2, 2], { kernelSize: [2, 3]; stride: [2, 1] }>, [3, 4, 4]],
  [UP<['batch', 3, 'H', 'W'], { kernelSize: 2 }>, ['batch', 3, '2*H', '2*W']],
  [UP<['batch', 3, 'H', 'W'], { kernelSize: 3; stride: 2; padding: 1 }>, ['batch', 3, '2*H-1', '2*W-1']],
  [UP<[1, 2, 2, 2], { kernelSize: 2 }, [1, 2, 2, 2], [5, 5]>, [1, 2, 5, 5]],
  [UP<[1, 2, 2, 2], { kernelSize: 2 }, [1, 2, 2, 2], [1, 2, 3, 5]>, [1, 2, 3, 5]],
  [UP<[1, 2, 2, 2], { kernelSize: 1; stride: 1; padding: 0 }>, [1, 2, 2, 2]],
];
assert<Equal<Wrong<UnpoolCases[number]>, never>>();
type UnpoolErrors = [
  [UP<[1, 2, 2, 2], { kernelSize: 2 }, [1, 2, 2, 2], [6, 5]>, "MaxUnpool2d: invalid output_size '[6, 5]' (dim 0 must be between 2 and 6)"],
  [UP<[1, 2, 2, 2], { kernelSize: 2 }, [1, 2, 2, 2], [4]>, "MaxUnpool2d: output_size should be a sequence containing 2 or 4 elements, but it has a length of '1'"],
  [UP<[1, 2, 2, 2], { kernelSize: 2 }, [1, 1, 2, 2]>, 'MaxUnpool2d: Expected shape of indices to be same as that of the input tensor ([1, 2, 2, 2]) but got indices tensor with shape: [1, 1, 2, 2]'],
  [UP<[2, 2], { kernelSize: 2 }>, 'MaxUnpool2d: Input to max_unpooling2d should be a 3d or 4d Tensor with non-zero size for non-batch dimensions, but got [2, 2]'],
  [UP<[1, 0, 2, 2], { kernelSize: 2 }>, 'MaxUnpool2d: Input to max_unpooling2d should be a 3d or 4d Tensor with non-zero size for non-batch dimensions, but got [1, 0, 2, 2]'],
  [UP<[1, 1, 2, 2], { kernelSize: 1; stride: 1; padding: 3 }>, 'MaxUnpool2d: output height (in − 1)·stride − 2·padding + kernelSize is -4 for input height 2, below zero'],
  [UP<[1, 1, 2, 2], { kernelSize: 0 }>, 'MaxUnpool2d: kernelSize must be a positive integer or a pair of them, got 0'],
  [UP<[1, 1, 2, 2], { kernelSize: 2; padding: -1 }>, 'MaxUnpool2d: padding must be a non-negative integer or a pair of them, got -1'],
];
assert<Equal<WrongError<UnpoolErrors[number]>, never>>();
const [pooled, poolIndices] = new MaxPool2d({ kernelSize: 2, returnIndices: true }).forward(zeros([1, 3, 4, 6]));
expectType<Tensor<[1, 3, 2, 3]>>(pooled);
expectType<Tensor<[1, 3, 2, 3]>>(poolIndices);
expectType<Tensor<[1, 3, 2, 3]>>(new MaxPool2d({ kernelSize: 2 }).forward(zeros([1, 3, 4, 6])));
expectType<[Tensor<[3, 2, 3]>, Tensor<[3, 2, 3]>]>(maxPool2d(zeros([3, 4, 6]), { kernelSize: 2, returnIndices: true }));
const unpool = new MaxUnpool2d({ kernelSize: 2 });
expectType<Tensor<[1, 3, 4, 6]>>(unpool.forward(pooled, poolIndices));
expectType<Tensor<[1, 3, 5, 7]>>(unpool.forward(pooled, poolIndices, [5, 7]));
expectType<Tensor<[1, 3, 4, 6]>>(maxUnpool2d(pooled, poolIndices, { kernelSize: 2 }));
// @ts-expect-error: an output size out of PyTorch's range
unpool.forward(pooled, poolIndices, [7, 7]);
// @ts-expect-error: indices of another shape
unpool.forward(pooled, zeros([1, 3, 2, 2]));
// @ts-expect-error: kernelSize 0, at the constructor
new MaxUnpool2d({ kernelSize: 0 });
new Sequential([1, 3, 4, 4])
  // @ts-expect-error: layer 1 (MaxPool2d): returnIndices in a model
  .add(new MaxPool2d({ kernelSize: 2, returnIndices: true }));
new Sequential([1, 3, 4, 4])
  // @ts-expect-error: layer 1 (MaxUnpool2d): needs the indices
  .add(new MaxUnpool2d({ kernelSize: 2 }));

// ---- Embedding
assert<Equal<EmbeddingOutputShape<['batch', 'T'], 16>, ['batch', 'T', 16]>>();
assert<Equal<EmbeddingOutputShape<[], 4>, [4]>>();
type EmbeddingErrors = [
  [EmbeddingOptionsError<{ numEmbeddings: 0; embeddingDim: 3 }>, 'Embedding: numEmbeddings must be a positive integer, got 0'],
  [EmbeddingOptionsError<{ numEmbeddings: 10; embeddingDim: 2.5 }>, 'Embedding: embeddingDim must be a positive integer, got 2.5'],
  [EmbeddingOptionsError<{ numEmbeddings: 10; embeddingDim: 3; paddingIdx: 10 }>, 'Embedding: paddingIdx must be within numEmbeddings (10), got 10 (Padding_idx must be within num_embeddings)'],
  [EmbeddingOptionsError<{ numEmbeddings: 10; embeddingDim: 3; paddingIdx: -11 }>, 'Embedding: paddingIdx must be within numEmbeddings (10), got -11 (Padding_idx must be within num_embeddings)'],
  [EmbeddingOptionsError<{ numEmbeddings: 10; embeddingDim: 3; maxNorm: 1 }>, 'Embedding: maxNorm is not implemented (PyTorch renormalizes the looked-up rows of weight in place), got 1'],
];
assert<Equal<WrongError<EmbeddingErrors[number]>, never>>();
assert<Equal<EmbeddingOptionsError<{ numEmbeddings: 10; embeddingDim: 3; paddingIdx: -10 }>, never>>();
const embed = new Embedding({ numEmbeddings: 10, embeddingDim: 4, paddingIdx: 0 });
expectType<Tensor<[10, 4]>>(embed.weight);
expectType<Tensor<[2, 7, 4]>>(embed.forward(zeros([2, 7])));
expectType<Tensor<[3, 4]>>(embedding(zeros([3]), zeros([10, 4])));
// @ts-expect-error: paddingIdx out of range, at the constructor
new Embedding({ numEmbeddings: 10, embeddingDim: 4, paddingIdx: 10 });
// @ts-expect-error: maxNorm is refused
new Embedding({ numEmbeddings: 10, embeddingDim: 4, maxNorm: 2 });
// (onnx-indices) the refusal is the message, as the runtime's; options wrong by themselves give forward no tensor (one error, at the constructor)
assert<Equal<ConstructorParameters<typeof Embedding<{ numEmbeddings: 10; embeddingDim: 4; maxNorm: 2 }>>[0], 'Embedding: maxNorm is not implemented (PyTorch renormalizes the looked-up rows of weight in place), got 2'>>();
declare const badEmbed: Embedding<{ numEmbeddings: 10; embeddingDim: 2.5 }>;
expectType<never>(badEmbed.forward(zeros([2, 7])));
const textModel = new Sequential(['batch', 'T']).add(new Embedding({ numEmbeddings: 100, embeddingDim: 8 }));
assert<Equal<ShapeTrace<typeof textModel>, [['batch', 'T'], ['batch', 'T', 8]]>>();
