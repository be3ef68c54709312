// ConvTranspose2d (issue 12): the type-level shape rule, its messages, the layer, the functional op.
import { expectType } from 'tsd';
import type { ErrorMessage } from '../src/arithmetic/error-message.js';
import { ConvTranspose2d, type ConvTranspose2dWeightShape } from '../src/nn/conv-transpose2d.js';
import { Sequential } from '../src/nn/sequential.js';
import { ReLU } from '../src/nn/linear.js';
import { convTranspose2d, type ConvTranspose2dFunctionalOutputShape } from '../src/ops/conv-transpose2d.js';
import {
  convTranspose2dOutputShape,
  type ConvTranspose2dOutputShape as Out,
  type OutputPaddingMessage,
} from '../src/shape/conv-transpose2d.js';
import type { ScaleDim } from '../src/shape/symbolic-types.js';
import { zeros } from '../src/tensor/factories.js';
import type { Tensor } from '../src/tensor/tensor.js';
import { assert, type Equal } from './helpers.js';

// ---- literal sizes, checked against torch (the same configurations as test/fixtures/conv-transpose2d.json)
type Cases = [
  [Out<[1, 2, 3, 3], { inChannels: 2; outChannels: 3; kernelSize: 3 }>, [1, 3, 5, 5]],
  [Out<[2, 3, 4, 5], { inChannels: 3; outChannels: 2; kernelSize: 3; stride: 2 }>, [2, 2, 9, 11]],
  [Out<[1, 4, 4, 4], { inChannels: 4; outChannels: 2; kernelSize: 4; stride: 2; padding: 1 }>, [1, 2, 8, 8]],
  [Out<[1, 2, 3, 4], { inChannels: 2; outChannels: 2; kernelSize: 3; stride: 2; padding: 1; outputPadding: 1 }>, [1, 2, 6, 8]],
  [Out<[1, 2, 3, 4], { inChannels: 2; outChannels: 3; kernelSize: [3, 2]; stride: [2, 3]; padding: [1, 0]; outputPadding: [1, 2] }>, [1, 3, 6, 13]],
  [Out<[1, 2, 4, 4], { inChannels: 2; outChannels: 2; kernelSize: 3; dilation: 2; padding: 2 }>, [1, 2, 4, 4]],
  [Out<[1, 2, 4, 3], { inChannels: 2; outChannels: 2; kernelSize: 3; dilation: [3, 1]; outputPadding: [2, 0] }>, [1, 2, 12, 5]],
  [Out<[2, 4, 3, 3], { inChannels: 4; outChannels: 6; kernelSize: 3; groups: 2; stride: 2 }>, [2, 6, 7, 7]],
  [Out<[3, 4, 5], { inChannels: 3; outChannels: 2; kernelSize: 3; stride: 2; padding: 1 }>, [2, 7, 9]],
  [Out<[0, 2, 3, 3], { inChannels: 2; outChannels: 3; kernelSize: 3; stride: 2 }>, [0, 3, 7, 7]],
  [Out<[0, 2, 0, 3], { inChannels: 2; outChannels: 3; kernelSize: 3; stride: 2 }>, [0, 3, 1, 7]],
  [Out<[1, 2, 5, 5], { inChannels: 2; outChannels: 2; kernelSize: 5; padding: 4 }>, [1, 2, 1, 1]],
  // DCGAN's generator: 1×1 → 4×4 → 8×8 → ... → 64×64
  [Out<[64, 100, 1, 1], { inChannels: 100; outChannels: 512; kernelSize: 4; stride: 1; padding: 0; bias: false }>, [64, 512, 4, 4]],
  [Out<[64, 512, 4, 4], { inChannels: 512; outChannels: 256; kernelSize: 4; stride: 2; padding: 1; bias: false }>, [64, 256, 8, 8]],
  // large sizes stay exact
  [Out<[1, 1, 4503599627370495, 1], { inChannels: 1; outChannels: 1; kernelSize: 1; stride: 2 }>, [1, 1, 9007199254740989, 1]],
  // outputSize: 2 elements or the input's rank
  [Out<[1, 2, 4, 4], { inChannels: 2; outChannels: 3; kernelSize: 3; stride: 2 }, [10, 9]>, [1, 3, 10, 9]],
  [Out<[1, 2, 4, 4], { inChannels: 2; outChannels: 3; kernelSize: 3; stride: 2; outputPadding: 1 }, [1, 3, 9, 9]>, [1, 3, 9, 9]],
  [Out<[2, 4, 4], { inChannels: 2; outChannels: 3; kernelSize: 3; stride: [3, 2]; padding: 1 }, [2, 10, 8]>, [3, 10, 8]],
  // unions distribute; number and unknown rank
  [Out<[1, 2, 3, 3] | [2, 4, 4], { inChannels: 2; outChannels: 3; kernelSize: 2; stride: 2 }>, [1, 3, 6, 6] | [3, 8, 8]],
  [Out<[number, 2, number, 5], { inChannels: 2; outChannels: 3; kernelSize: 2; stride: 2 }>, [number, 3, number, 10]],
  [Out<number[], { inChannels: 2; outChannels: 3; kernelSize: 2 }>, number[]],
  // symbolic: the exact expressions the runtime prints
  [Out<['batch', 4, 'H', 'W'], { inChannels: 4; outChannels: 2; kernelSize: 4; stride: 2; padding: 1 }>, ['batch', 2, '2*H', '2*W']],
  [Out<['batch', 4, 'H', 'W'], { inChannels: 4; outChannels: 2; kernelSize: 3; padding: 1 }>, ['batch', 2, 'H', 'W']],
  [Out<['batch', 4, 'H', 'W'], { inChannels: 4; outChannels: 2; kernelSize: 3; stride: 2 }>, ['batch', 2, '2*H+1', '2*W+1']],
  [Out<['batch', 4, 'H', 'W'], { inChannels: 4; outChannels: 2; kernelSize: 3; stride: [2, 3]; padding: 2; outputPadding: [1, 0] }>, ['batch', 2, '2*H-2', '3*W-4']],
  [Out<['batch', 4, '(H+1)//2', 'W-2'], { inChannels: 4; outChannels: 2; kernelSize: 4; stride: 2; padding: 1 }>, ['batch', 2, '2*((H+1)//2)', '2*W-4']],
  [Out<[4, '(H+1)//2', 'H'], { inChannels: 4; outChannels: 2; kernelSize: 3 }>, [2, '(H+5)//2', 'H+2']],
  [Out<['batch', 4, '2*H', 'H+W'], { inChannels: 4; outChannels: 2; kernelSize: 2; stride: 2 }>, ['batch', 2, '4*H', '2*H+2*W']],
  [Out<['batch', 4, 'H', 'W'], { inChannels: 4; outChannels: 2; kernelSize: 3; stride: 2 }, [17, 15]>, ['batch', 2, 17, 15]],
  // the functional op: weight [inChannels, outChannels / groups, kH, kW]
  [ConvTranspose2dFunctionalOutputShape<[1, 8, 5, 5], [8, 3, 3, 3], { stride: 2 }>, [1, 3, 11, 11]],
  [ConvTranspose2dFunctionalOutputShape<[1, 8, 5, 5], [8, 3, 3, 3], { groups: 2 }>, [1, 6, 7, 7]],
  [ConvTranspose2dWeightShape<{ inChannels: 8; outChannels: 16; kernelSize: [3, 5]; groups: 2 }>, [8, 8, 3, 5]],
  [ScaleDim<'H', '2', '0'>, '2*H'],
  [ScaleDim<'H+1', '2', '-2'>, '2*H'],
  [ScaleDim<'H//2', '1', '0'>, 'H//2'],
];
/** The cases whose computed type is not the expected one (none). */
type Wrong<C> = C extends [infer Got, infer Want] ? (Equal<Got, Want> extends true ? never : [Got, Want]) : never;
assert<Equal<Wrong<Cases[number]>, never>>();

// ---- every check's message, as the runtime throws it
type Errors = [
  [Out<[1, 2, 4, 4], { inChannels: 2; outChannels: 2; kernelSize: 3; stride: 2; outputPadding: 2 }>, ErrorMessage<OutputPaddingMessage<'2', '2', '2', '2', '1', '1'>>],
  [
    Out<[1, 2, 4, 4], { inChannels: 2; outChannels: 2; kernelSize: 3; paddingMode: 'circular' }>,
    ErrorMessage<`ConvTranspose2d: paddingMode must be 'zeros', got paddingMode='circular' (Only 'zeros' padding mode is supported for ConvTranspose2d)`>,
  ],
  [Out<[1, 3, 4, 4], { inChannels: 4; outChannels: 6; kernelSize: 3; groups: 2 }>, ErrorMessage<'ConvTranspose2d: Given transposed=1, weight of size [4, 3, 3, 3], expected input[1, 3, 4, 4] to have 4 channels, but got 3 channels instead'>],
  [Out<['batch', 3, 'H', 'W'], { inChannels: 4; outChannels: 6; kernelSize: 3 }>, ErrorMessage<'ConvTranspose2d: Given transposed=1, weight of size [4, 6, 3, 3], expected input[batch, 3, H, W] to have 4 channels, but got 3 channels instead'>],
  [Out<[4, 4], { inChannels: 4; outChannels: 6; kernelSize: 3 }>, ErrorMessage<'ConvTranspose2d: Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: [4, 4]'>],
  [Out<[1, 1, 2, 3], { inChannels: 1; outChannels: 1; kernelSize: 1; padding: 1 }>, ErrorMessage<'ConvTranspose2d: output height would be 0 = (2 − 1)·1 − 2·1 + 1·(1 − 1) + 0 + 1, but must be at least 1 (Output size is too small)'>],
  [Out<[1, 1, 4, 2], { inChannels: 1; outChannels: 1; kernelSize: [3, 1]; padding: [0, 1] }>, ErrorMessage<'ConvTranspose2d: output width would be 0 = (2 − 1)·1 − 2·1 + 1·(1 − 1) + 0 + 1, but must be at least 1 (Output size is too small)'>],
  [Out<[1, 1, 0, 5], { inChannels: 1; outChannels: 1; kernelSize: 3 }>, ErrorMessage<'ConvTranspose2d: input height is 0 in a non-empty batch, got input of size [1, 1, 0, 5] (Only zero batch or zero channel inputs are supported)'>],
  [Out<[1, 3, 4, 4], { inChannels: 3; outChannels: 2; kernelSize: 3; groups: 2 }>, ErrorMessage<'ConvTranspose2d: inChannels must be divisible by groups, got inChannels=3 and groups=2 (in_channels must be divisible by groups)'>],
  [Out<[1, 2, 4, 4], { inChannels: 2; outChannels: 2; kernelSize: 3; groups: 0 }>, ErrorMessage<'ConvTranspose2d: groups must be a positive integer, got 0 (groups must be a positive integer)'>],
  [Out<[1, 2, 4, 4], { inChannels: 2; outChannels: 2; kernelSize: 3; outputPadding: -1 }>, ErrorMessage<'ConvTranspose2d: outputPadding must be a non-negative integer, got -1 (negative output_padding is not supported)'>],
  [Out<[1, 2, 4, 4], { inChannels: 0; outChannels: 2; kernelSize: 3 }>, ErrorMessage<'ConvTranspose2d: inChannels must be a positive integer, got 0 (expected weight to be at least 1 at dimension 0)'>],
  [
    Out<[1, 2, 4, 4], { inChannels: 2; outChannels: 2; kernelSize: 3; stride: 2 }, [20, 9]>,
    ErrorMessage<'ConvTranspose2d: outputSize: requested an output size of [20, 9], but valid sizes range from [9, 9] to [10, 10] (for an input of [4, 4])'>,
  ],
  [
    Out<[1, 2, 4, 4], { inChannels: 2; outChannels: 2; kernelSize: 3; stride: 2 }, [2, 10, 9]>,
    ErrorMessage<'ConvTranspose2d: outputSize must have 2 or 4 elements for a 4D input, got 3 (ConvTranspose2D: for 4D input, output_size must have 2 or 4 elements (got 3))'>,
  ],
];
assert<Equal<Wrong<Errors[number]>, never>>();

// ---- the layer
const up = new ConvTranspose2d({ inChannels: 16, outChannels: 8, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1 });
expectType<Tensor<[16, 8, 3, 3]>>(up.weight);
expectType<Tensor<[8]>>(up.bias);
expectType<Tensor<[2, 8, 14, 14]>>(up.forward(zeros([2, 16, 7, 7])));
expectType<Tensor<[2, 8, 14, 13]>>(up.forward(zeros([2, 16, 7, 7]), [14, 13]));
expectType<null>(new ConvTranspose2d({ inChannels: 1, outChannels: 1, kernelSize: 1, bias: false }).bias);
// @ts-expect-error the input has 15 channels
up.forward(zeros([2, 15, 7, 7]));
// @ts-expect-error 17 is out of range ([13, 13] to [14, 14])
up.forward(zeros([2, 16, 7, 7]), [17, 13]);
// @ts-expect-error outputPadding 2 is not below stride 2 or dilation 1
new ConvTranspose2d({ inChannels: 16, outChannels: 8, kernelSize: 3, stride: 2, outputPadding: 2 });
// @ts-expect-error only 'zeros' padding
new ConvTranspose2d({ inChannels: 16, outChannels: 8, kernelSize: 3, paddingMode: 'reflect' });
// @ts-expect-error no 'same' padding for a transposed convolution
new ConvTranspose2d({ inChannels: 16, outChannels: 8, kernelSize: 3, padding: 'same' });

// ---- the functional op and the shape function
expectType<Tensor<[1, 6, 7, 7]>>(convTranspose2d(zeros([1, 8, 5, 5]), zeros([8, 3, 3, 3]), null, { groups: 2 }));
// @ts-expect-error the weight wants 8 input channels
convTranspose2d(zeros([1, 4, 5, 5]), zeros([8, 3, 3, 3]), null, {});
expectType<[1, 8, 14, 14]>(convTranspose2dOutputShape([1, 16, 7, 7], { inChannels: 16, outChannels: 8, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1 }));

// ---- in a model: the registry's rule, names in and out
const decoder = new Sequential(['batch', 16, 'H', 'W'])
  .add(new ConvTranspose2d({ inChannels: 16, outChannels: 8, kernelSize: 4, stride: 2, padding: 1 }))
  .add(new ReLU())
  .add(new ConvTranspose2d({ inChannels: 8, outChannels: 3, kernelSize: 4, stride: 2, padding: 1 }));
expectType<Tensor<[2, 3, 28, 28]>>(decoder.forward(zeros([2, 16, 7, 7])));
new Sequential(['batch', 16, 'H', 'W'])
  // @ts-expect-error the layer wants 8 channels
  .add(new ConvTranspose2d({ inChannels: 8, outChannels: 8, kernelSize: 4, stride: 2, padding: 1 }));
