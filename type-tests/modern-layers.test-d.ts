import { expectType } from 'tsd';
import { Conv2d, Sequential, StochasticDepth, Tensor, stochasticDepth, zeros, type ShapeTrace, type StochasticDepthProbabilityError } from 'shapecheck';

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
