import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  BatchNorm2d,
  Conv2d,
  Dropout,
  Linear,
  MaxPool2d,
  conv2dOutputShape,
  type Conv2dOutputShape,
  type DropoutProbabilityError,
  type EmptyInputMessage,
  type ErrorMessage,
  type PositiveIntegerMessage,
} from 'shapecheck';
import { assert, type Equal } from './helpers.js';

// A literal option PyTorch rejects is a compile error at the options argument, whose text is the
// message the runtime throws (test/layer-options.test.ts checks the runtime side of each).

/** The constructor's options parameter for these options: the options, or the message. */
type LinearArgument<Options extends { inFeatures?: number; outFeatures: number }> = ConstructorParameters<typeof Linear<Options>>[0];
type BatchNormArgument<Options extends { numFeatures: number }> = ConstructorParameters<typeof BatchNorm2d<Options>>[0];
type DropoutArgument<Options extends { p?: number } | number> = Exclude<ConstructorParameters<typeof Dropout<Options>>[0], undefined>;

// ---- Linear
assert<Equal<LinearArgument<{ inFeatures: 8; outFeatures: 0 }>, 'Linear: outFeatures must be a positive integer, got 0'>>();
assert<Equal<LinearArgument<{ inFeatures: 8; outFeatures: -2 }>, 'Linear: outFeatures must be a positive integer, got -2 (Trying to create tensor with negative dimension)'>>();
assert<Equal<LinearArgument<{ inFeatures: 8; outFeatures: 1.5 }>, 'Linear: outFeatures must be a positive integer, got 1.5'>>();
assert<Equal<LinearArgument<{ inFeatures: 0; outFeatures: 2 }>, 'Linear: inFeatures must be a positive integer, got 0'>>();
assert<Equal<LinearArgument<{ inFeatures: -1; outFeatures: 2 }>, 'Linear: inFeatures must be a positive integer, got -1 (Trying to create tensor with negative dimension)'>>();
assert<Equal<LinearArgument<{ inFeatures: 8; outFeatures: 2 }>, { inFeatures: 8; outFeatures: 2 }>>();
assert<Equal<LinearArgument<{ outFeatures: 2 }>, { outFeatures: 2 }>>();
assert<Equal<LinearArgument<{ inFeatures: number; outFeatures: number }>, { inFeatures: number; outFeatures: number }>>();
// @ts-expect-error Linear: outFeatures must be a positive integer, got 0
new Linear({ inFeatures: 8, outFeatures: 0 });
// @ts-expect-error Linear: inFeatures must be a positive integer, got -1 (Trying to create tensor with negative dimension)
new Linear({ inFeatures: -1, outFeatures: 2 });
new Linear({ inFeatures: 8, outFeatures: 2 });

// ---- BatchNorm2d
assert<Equal<BatchNormArgument<{ numFeatures: 0 }>, 'BatchNorm2d: numFeatures must be a positive integer, got 0'>>();
assert<Equal<BatchNormArgument<{ numFeatures: -3 }>, 'BatchNorm2d: numFeatures must be a positive integer, got -3 (Trying to create tensor with negative dimension)'>>();
assert<Equal<BatchNormArgument<{ numFeatures: 2.5 }>, 'BatchNorm2d: numFeatures must be a positive integer, got 2.5'>>();
assert<Equal<BatchNormArgument<{ numFeatures: 4 }>, { numFeatures: 4 }>>();
// @ts-expect-error BatchNorm2d: numFeatures must be a positive integer, got 0
new BatchNorm2d({ numFeatures: 0 });
new BatchNorm2d({ numFeatures: 4 });

// ---- Dropout
assert<Equal<DropoutArgument<{ p: 1.5 }>, 'Dropout: p must be between 0 and 1, got 1.5 (dropout probability has to be between 0 and 1, but got 1.5)'>>();
assert<Equal<DropoutArgument<-0.5>, 'Dropout: p must be between 0 and 1, got -0.5 (dropout probability has to be between 0 and 1, but got -0.5)'>>();
assert<Equal<DropoutArgument<{ p: 0.2 }>, { p: 0.2 }>>();
assert<Equal<DropoutProbabilityError<0>, never>>();
assert<Equal<DropoutProbabilityError<1>, never>>();
assert<Equal<DropoutProbabilityError<1e-7>, never>>();
assert<Equal<DropoutProbabilityError<number>, never>>();
assert<Equal<DropoutProbabilityError<2>, ErrorMessage<'Dropout: p must be between 0 and 1, got 2 (dropout probability has to be between 0 and 1, but got 2)'>>>();
assert<Equal<DropoutProbabilityError<-1e-7>, ErrorMessage<'Dropout: p must be between 0 and 1, got -1e-7 (dropout probability has to be between 0 and 1, but got -1e-7)'>>>();
// @ts-expect-error Dropout: p must be between 0 and 1, got 1.5 (...)
new Dropout({ p: 1.5 });
// @ts-expect-error Dropout: p must be between 0 and 1, got -0.1 (...)
new Dropout(-0.1);
new Dropout({ p: 0.1 });
new Dropout(0.1);
new Dropout();

// ---- Conv2d: PyTorch's phrase in the compiler's words too
assert<Equal<PositiveIntegerMessage<'Conv2d', 'stride', 0>, 'Conv2d: stride must be a positive integer, got 0 (non-positive stride is not supported)'>>();
assert<Equal<PositiveIntegerMessage<'Conv2d', 'outChannels', 0>, 'Conv2d: outChannels must be a positive integer, got 0 (expected weight to be at least 1 at dimension 0)'>>();
assert<Equal<PositiveIntegerMessage<'Conv2d', 'outChannels', -4>, 'Conv2d: outChannels must be a positive integer, got -4 (Trying to create tensor with negative dimension)'>>();
// @ts-expect-error Conv2d: stride must be a positive integer, got 0 (non-positive stride is not supported)
new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, stride: 0 });
// @ts-expect-error Conv2d: dilation must be a positive integer, got 0 (dilation should be greater than zero)
new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, dilation: [1, 0] });
// @ts-expect-error Conv2d: groups must be a positive integer, got 0 (non-positive groups is not supported)
new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, groups: 0 });
// @ts-expect-error Conv2d: outChannels must be a positive integer, got 0 (expected weight to be at least 1 at dimension 0)
new Conv2d({ inChannels: 1, outChannels: 0, kernelSize: 1 });
// @ts-expect-error Conv2d: outChannels must be divisible by groups, got outChannels=4 and groups=3 (out_channels must be divisible by groups)
new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 1, groups: 3 });

// ---- pooling
// @ts-expect-error MaxPool2d: stride must be a positive integer, got 0 (stride should be greater than zero)
new MaxPool2d({ kernelSize: 2, stride: 0 });
// @ts-expect-error AvgPool2d: padding must be a non-negative integer, got -1 (pad must be non-negative)
new AvgPool2d({ kernelSize: 2, padding: -1 });
// @ts-expect-error AdaptiveAvgPool2d: outputSize must be a non-negative integer or null, got -1 (adaptive_avg_pool2d: ...)
new AdaptiveAvgPool2d({ outputSize: -1 });

// ---- an empty height or width padded in a non-empty batch
type Options = { inChannels: 4; outChannels: 4; kernelSize: 1; padding: 1 };
assert<Equal<Conv2dOutputShape<[1, 4, 0, 8], Options>, ErrorMessage<EmptyInputMessage<[1, 4, 0, 8], 'height'>>>>();
assert<Equal<Conv2dOutputShape<[4, 8, 0], Options>, ErrorMessage<EmptyInputMessage<[4, 8, 0], 'width'>>>>();
assert<Equal<Conv2dOutputShape<[0, 4, 0, 8], Options>, [0, 4, 2, 10]>>();
assert<Equal<Conv2dOutputShape<['batch', 4, 0, 8], Options>, ['batch', 4, 2, 10]>>();
assert<
  Equal<
    EmptyInputMessage<[1, 4, 0, 8], 'height'>,
    'Conv2d: input height is 0 in a non-empty batch, got input of size [1, 4, 0, 8] (Only zero batch or zero channel inputs are supported)'
  >
>();
// @ts-expect-error Conv2d: input height is 0 in a non-empty batch, ...
conv2dOutputShape([1, 4, 0, 8], { inChannels: 4, outChannels: 4, kernelSize: 1, padding: 1 });
