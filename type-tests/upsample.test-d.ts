import { expectType } from 'tsd';
import type { ErrorMessage } from '../src/arithmetic/error-message.js';
import { Sequential } from '../src/nn/sequential.js';
import type { ShapeTrace } from '../src/nn/sequential.js';
import { PixelShuffle, PixelUnshuffle, Upsample } from '../src/nn/upsample.js';
import { interpolate, pixelShuffle, pixelUnshuffle } from '../src/ops/upsample.js';
import { upsampleOutputShape, type PixelShuffleOutputShape, type PixelShuffleRequirements, type PixelUnshuffleOutputShape, type PixelUnshuffleRequirements, type UpsampleOutputShape } from '../src/shape/upsample.js';
import type { Requirements } from '../src/shape/requirements.js';
import { zeros } from '../src/tensor/factories.js';
import type { Tensor } from '../src/tensor/tensor.js';
import { assert, type Equal } from './helpers.js';

// ---- output shapes (test/fixtures/upsample.json has torch's for the runtime twins)
type U<S extends readonly (number | string)[], O extends object> = UpsampleOutputShape<'Upsample', S, O>;
type Cases = [
  [U<[1, 2, 3, 4], { size: [5, 7] }>, [1, 2, 5, 7]],
  [U<[1, 2, 5, 7], { size: [2, 3]; mode: 'bilinear'; alignCorners: true }>, [1, 2, 2, 3]],
  [U<[1, 2, 3, 3], { size: 6 }>, [1, 2, 6, 6]],
  [U<[1, 2, 3, 4], { scaleFactor: 2 }>, [1, 2, 6, 8]],
  [U<[1, 2, 2, 3], { scaleFactor: [3, 1]; mode: 'nearest-exact' }>, [1, 2, 6, 3]],
  // binary fractions exactly; other fractions are rounded in double precision: number
  [U<[1, 2, 4, 5], { scaleFactor: [1.5, 2.5] }>, [1, 2, 6, 12]],
  [U<[1, 2, 6, 7], { scaleFactor: 0.5 }>, [1, 2, 3, 3]],
  [U<[1, 2, 7, 5], { scaleFactor: [1.25, 0.75]; recomputeScaleFactor: true }>, [1, 2, 8, 3]],
  [U<[1, 2, 10, 9], { scaleFactor: [0.3, 0.7] }>, [1, 2, number, number]],
  [U<[1, 2, 10, 9], { scaleFactor: [0.5, 1.1] }>, [1, 2, 5, number]],
  [U<[1, 2, 10, 9], { scaleFactor: number }>, [1, 2, number, number]],
  [U<[1, 2, 10, 9], { size: number }>, [1, 2, number, number]],
  // names
  [U<['batch', 3, 'H', 'W'], { scaleFactor: 2 }>, ['batch', 3, '2*H', '2*W']],
  [U<['batch', 3, 'H', '(W+1)//2'], { scaleFactor: [1.5, 0.25] }>, ['batch', 3, '(3*H)//2', '(W+1)//8']],
  [U<['batch', 3, 'H', 'W'], { scaleFactor: 0.1 }>, ['batch', 3, number, number]],
  [U<['batch', 3, 'H', 'W'], { size: [8, 8] }>, ['batch', 3, 8, 8]],
  [U<number[], { size: 4 }>, number[]],
  [U<[1, 3, 8, 8] | [2, 3, 4, 4], { scaleFactor: 2 }>, [1, 3, 16, 16] | [2, 3, 8, 8]],
  [PixelShuffleOutputShape<'PixelShuffle', [2, 8, 3, 2], { upscaleFactor: 2 }>, [2, 2, 6, 4]],
  [PixelShuffleOutputShape<'PixelShuffle', [2, 1, 4, 2, 3], { upscaleFactor: 2 }>, [2, 1, 1, 4, 6]],
  [PixelShuffleOutputShape<'PixelShuffle', ['batch', 12, 'H', 'W'], { upscaleFactor: 2 }>, ['batch', 3, '2*H', '2*W']],
  [PixelShuffleOutputShape<'PixelShuffle', ['batch', 'C', 'H', 'W'], { upscaleFactor: 2 }>, ['batch', 'C//4', '2*H', '2*W']],
  [PixelUnshuffleOutputShape<'PixelUnshuffle', [2, 2, 4, 6], { downscaleFactor: 2 }>, [2, 8, 2, 3]],
  [PixelUnshuffleOutputShape<'PixelUnshuffle', ['batch', 3, '2*H', 'W'], { downscaleFactor: 2 }>, ['batch', 12, 'H', 'W//2']],
  [PixelUnshuffleOutputShape<'PixelUnshuffle', [3, 2, 2], { downscaleFactor: number }>, [number, number, number]],
];
type Wrong<C> = C extends [infer Got, infer Want] ? (Equal<Got, Want> extends true ? never : C) : never;
assert<Equal<Wrong<Cases[number]>, never>>();

// ---- errors: the runtime's words
type Errors = [
  [U<[1, 2, 4, 4], { scaleFactor: 2; alignCorners: true }>, "Upsample: alignCorners is only for mode 'bilinear', got mode 'nearest': align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear"],
  [U<[1, 2, 4, 4], { size: 3; scaleFactor: 2 }>, 'Upsample: give size or scaleFactor, not both: only one of size or scale_factor should be defined'],
  [U<[1, 2, 4, 4], {}>, 'Upsample: give size or scaleFactor: either size or scale_factor should be defined'],
  [U<[1, 2, 4, 4], { size: 3; recomputeScaleFactor: true }>, 'Upsample: recomputeScaleFactor is for scaleFactor, not size: recompute_scale_factor is not meaningful with an explicit size.'],
  [U<[1, 2, 4, 4], { size: [2, 0] }>, 'Upsample: size must be a positive integer, got 0 (Input and output sizes should be greater than 0)'],
  [U<[1, 2, 4, 4], { size: 2.5 }>, 'Upsample: size must be a positive integer, got 2.5 (Input and output sizes should be greater than 0)'],
  [U<[1, 2, 4, 4], { scaleFactor: -1.5 }>, 'Upsample: scaleFactor must be a positive number, got -1.5 (Input and output sizes should be greater than 0)'],
  [U<[1, 2, 4, 4], { scaleFactor: 0.125 }>, 'Upsample: Input and output sizes should be greater than 0, but got input (H: 4, W: 4) output (H: 0, W: 0)'],
  [U<[1, 2, 0, 4], { size: 2 }>, 'Upsample: Input and output sizes should be greater than 0, but got input (H: 0, W: 4) output (H: 2, W: 2)'],
  [U<[1, 0, 4, 4], { size: 2 }>, 'Upsample: Non-empty 4D data tensor expected but got a tensor with sizes [1, 0, 4, 4]'],
  [U<[2, 4, 4], { scaleFactor: 2; mode: 'bilinear' }>, 'Upsample: expected a 4-D input [N, C, H, W], got input of size: [2, 4, 4]: Got 3D input, but bilinear mode needs 4D input'],
  [U<[2, 4, 4], { scaleFactor: 2 }>, 'Upsample: expected a 4-D input [N, C, H, W], got input of size: [2, 4, 4]: PyTorch interpolates a 3D input along 1 dims, and only 2-D interpolation is implemented here'],
  [PixelShuffleOutputShape<'PixelShuffle', [1, 6, 2, 2], { upscaleFactor: 2 }>, "PixelShuffle: pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=6 is not divisible by 4"],
  [PixelShuffleOutputShape<'PixelShuffle', [8, 2], { upscaleFactor: 2 }>, 'PixelShuffle: expected an input [*, C, H, W], got input of size: [8, 2]: pixel_shuffle expects input to have at least 3 dimensions, but got input with 2 dimension(s)'],
  [PixelShuffleOutputShape<'PixelShuffle', [1, 8, 2, 2], { upscaleFactor: 0 }>, 'PixelShuffle: upscaleFactor must be a positive integer, got 0 (pixel_shuffle expects a positive upscale_factor)'],
  [PixelUnshuffleOutputShape<'PixelUnshuffle', [1, 2, 4, 3], { downscaleFactor: 2 }>, 'PixelUnshuffle: pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=3 is not divisible by 2'],
  [PixelUnshuffleOutputShape<'PixelUnshuffle', ['b', 2, '2*H+1', 'W'], { downscaleFactor: 2 }>, 'PixelUnshuffle: pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=2*H+1 is not divisible by 2'],
  [PixelUnshuffleOutputShape<'PixelUnshuffle', [1, 2, 4, 4], { downscaleFactor: 1.5 }>, 'PixelUnshuffle: downscaleFactor must be a positive integer, got 1.5 (pixel_unshuffle expects a positive downscale_factor)'],
];
type WrongError<C> = C extends [infer Got, infer Want extends string] ? (Equal<Got, ErrorMessage<Want>> extends true ? never : C) : never;
assert<Equal<WrongError<Errors[number]>, never>>();

// ---- layers, functions, models
const up = new Upsample({ scaleFactor: 2, mode: 'bilinear', alignCorners: false });
expectType<Tensor<[2, 3, 8, 10]>>(up.forward(zeros([2, 3, 4, 5])));
expectType<Tensor<[1, 3, 6, 6]>>(interpolate(zeros([1, 3, 4, 4]), { scaleFactor: 1.5 }));
expectType<Tensor<[1, 1, 4, 4]>>(pixelShuffle(zeros([1, 4, 2, 2]), 2));
expectType<Tensor<[1, 16, 1, 1]>>(pixelUnshuffle(zeros([1, 4, 2, 2]), 2));
expectType<[1, 3, 5, 7]>(upsampleOutputShape([1, 3, 3, 4], { size: [5, 7] }));
// @ts-expect-error: alignCorners with a nearest mode, reported at the constructor
new Upsample({ size: 4, mode: 'nearest', alignCorners: true });
// @ts-expect-error: size and scaleFactor
new Upsample({ size: 4, scaleFactor: 2 });
// @ts-expect-error: not a mode
new Upsample({ size: 4, mode: 'bicubic' });
// @ts-expect-error: 6 channels are not divisible by 4
pixelShuffle(zeros([1, 6, 2, 2]), 2);
// @ts-expect-error: a 3-D input to bilinear
up.forward(zeros([3, 4, 5]));
// @ts-expect-error: 0 is not a positive factor
new PixelUnshuffle({ downscaleFactor: 0 });

const model = new Sequential(['batch', 3, 'H', 'W'])
  .add(new PixelUnshuffle({ downscaleFactor: 2 }))
  .add(new Upsample({ scaleFactor: 2, mode: 'nearest-exact' }))
  .add(new PixelShuffle({ upscaleFactor: 2 }));
assert<Equal<ShapeTrace<typeof model>, [['batch', 3, 'H', 'W'], ['batch', 12, 'H//2', 'W//2'], ['batch', 12, '2*(H//2)', '2*(W//2)'], ['batch', 3, '4*(H//2)', '4*(W//2)']]>>();
new Sequential([1, 6, 8, 8])
  // @ts-expect-error: layer 1 (PixelShuffle): channels 6 are not divisible by 4
  .add(new PixelShuffle({ upscaleFactor: 2 }));

// ---- a layer's own requirements (LayerRequirements): in Requirements<typeof model>, checked at forward
assert<Equal<Requirements<typeof model>, ['H >= 2', 'W >= 2', '2*(H//2) == H', '2*(W//2) == W']>>();
expectType<Tensor<[1, 3, 16, 12]>>(model.forward(zeros([1, 3, 8, 6])));
// @ts-expect-error: Sequential: the input [1, 3, 7, 6] breaks the requirement 2*(H//2) == H (H = 7)
model.forward(zeros([1, 3, 7, 6]));
assert<Equal<PixelUnshuffleRequirements<['batch', 3, 'H', '2*W'], { downscaleFactor: 2 }>, '2*(H//2) == H'>>();
assert<Equal<PixelUnshuffleRequirements<[1, 3, 8, 6], { downscaleFactor: 2 }>, never>>();
assert<Equal<PixelShuffleRequirements<['batch', 'C', 'H', 'W'], { upscaleFactor: 3 }>, '9*(C//9) == C'>>();
// a remainder proved in one period is the layer's error, not a requirement: 4*(H//2) is never 2*H+1
assert<Equal<PixelShuffleRequirements<['batch', '2*H+1', 4, 4], { upscaleFactor: 2 }>, never>>();
assert<Equal<PixelShuffleOutputShape<'PixelShuffle', ['batch', '2*H+1', 4, 4], { upscaleFactor: 2 }> extends ErrorMessage<string> ? true : false, true>>();
