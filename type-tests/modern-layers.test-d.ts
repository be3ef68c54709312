import { expectType } from 'tsd';
import {
  Conv2d,
  GELU,
  LayerNorm,
  LayerNorm2d,
  LayerScale,
  Linear,
  Permute,
  Sequential,
  StochasticDepth,
  Tensor,
  stochasticDepth,
  zeros,
  type LayerNorm2dOutputShape,
  type ShapeTrace,
  type StochasticDepthProbabilityError,
} from 'shapecheck';

// ---- StochasticDepth: the identity's shape, on literal and named dims
const blocks = new Sequential(['batch', 8, 'H', 'W']).residual((x) =>
  x.add(new Conv2d({ inChannels: 8, outChannels: 8, kernelSize: 3, padding: 1 })).add(new StochasticDepth({ p: 0.2, mode: 'row' }), 'stochastic_depth'),
);
expectType<[['batch', 8, 'H', 'W'], ['batch', 8, 'H', 'W']]>({} as ShapeTrace<typeof blocks>);
expectType<Tensor<[2, 3]>>(new StochasticDepth({ p: 0.5, mode: 'batch' }).forward(zeros([2, 3])));
expectType<Tensor<[4, 5]>>(stochasticDepth(zeros([4, 5]), 0.1, 'row'));
expectType<never>({} as StochasticDepthProbabilityError<0.25>);

// ---- p outside [0, 1] is reported at the options, in torchvision's words; a mode torchvision does not know, by the type
// @ts-expect-error StochasticDepth: p must be between 0 and 1, got 1.5 (drop probability has to be between 0 and 1, but got 1.5)
new StochasticDepth({ p: 1.5, mode: 'row' });
// @ts-expect-error the mode is 'row' or 'batch'
new StochasticDepth({ p: 0.5, mode: 'rows' });
// @ts-expect-error p and mode have no defaults (torchvision's StochasticDepth(p, mode))
new StochasticDepth({ p: 0.5 });

// ---- Permute: exact on names, torch's words when the dims do not fit
expectType<Tensor<[2, 7, 5, 96]>>(new Permute({ dims: [0, 2, 3, 1] }).forward(zeros([2, 96, 7, 5])));
const channelsLast = new Sequential(['batch', 96, 'H', 'W']).add(new Permute({ dims: [0, 2, 3, 1] })).add(new Permute({ dims: [-1, 0, 1, 2] }));
expectType<[['batch', 96, 'H', 'W'], ['batch', 'H', 'W', 96], [96, 'batch', 'H', 'W']]>({} as ShapeTrace<typeof channelsLast>);
new Sequential([2, 3, 4])
  // @ts-expect-error layer 1 (Permute): permute: number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 3 is not equal to len(dims) = 4
  .add(new Permute({ dims: [0, 2, 3, 1] }));
// @ts-expect-error Permute: permute: repeated dim in permute
new Permute({ dims: [0, 1, 1, 2] });

// ---- LayerNorm2d: the channels of [N, C, H, W]; torch's words on the channels-last shape
expectType<['batch', 96, 'H', 'W']>({} as LayerNorm2dOutputShape<['batch', 96, 'H', 'W'], 96>);
const stem = new Sequential(['batch', 3, 224, 224])
  .add(new Conv2d({ inChannels: 3, outChannels: 96, kernelSize: 4, stride: 4 }))
  .add(new LayerNorm2d({ normalizedShape: 96, eps: 1e-6 }));
expectType<[['batch', 3, 224, 224], ['batch', 96, 56, 56], ['batch', 96, 56, 56]]>({} as ShapeTrace<typeof stem>);
new Sequential(['batch', 3, 56, 56])
  // @ts-expect-error layer 1 (LayerNorm2d): LayerNorm: Given normalized_shape=[96], expected input with shape [*, 96], but got input of size[batch, 56, 56, 3]
  .add(new LayerNorm2d({ normalizedShape: 96 }));
new Sequential(['batch', 96, 56])
  // @ts-expect-error layer 1 (LayerNorm2d): permute: number of dimensions in the tensor input does not match ... input.dim() = 3 is not equal to len(dims) = 4
  .add(new LayerNorm2d({ normalizedShape: 96 }));
// @ts-expect-error LayerNorm: eps must be a non-negative number, got -1
new LayerNorm2d({ normalizedShape: 96, eps: -1 });

// ---- a ConvNeXt block: channels last for LayerNorm and Linear, back, scaled, dropped, summed
const block = new Sequential(['batch', 96, 'H', 'W']).residual(
  (x) =>
    x
      .add(new Conv2d({ inChannels: 96, outChannels: 96, kernelSize: 7, padding: 3, groups: 96 }), 'block.0')
      .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
      .add(new LayerNorm({ normalizedShape: 96, eps: 1e-6 }), 'block.2')
      .add(new Linear({ inFeatures: 96, outFeatures: 384 }), 'block.3')
      .add(new GELU(), 'block.4')
      .add(new Linear({ inFeatures: 384, outFeatures: 96 }), 'block.5')
      .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
      .add(new LayerScale({ shape: [96, 1, 1], initValue: 1e-6 }), 'layer_scale')
      .add(new StochasticDepth({ p: 0.1, mode: 'row' }), 'stochastic_depth'),
  null,
  { name: 'features.1.0' },
);
expectType<[['batch', 96, 'H', 'W'], ['batch', 96, 'H', 'W']]>({} as ShapeTrace<typeof block>);

// ---- LayerScale: the scale broadcast against the input, mul's words when it does not
expectType<Tensor<[2, 96, 7, 7]>>(new LayerScale({ shape: [96, 1, 1] }).forward(zeros([2, 96, 7, 7])));
new Sequential(['batch', 48, 7, 7])
  // @ts-expect-error layer 1 (LayerScale): mul: The size of tensor a (96) must match the size of tensor b (48) at non-singleton dimension 1
  .add(new LayerScale({ shape: [96, 1, 1] }));
