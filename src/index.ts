// The public surface of shapecheck, listed by name.

// arithmetic/: type-level integer arithmetic on literal types
export type {
  Add,
  Compare,
  ErrorMessage,
  FloorDivide,
  GreaterThan,
  GreaterThanOrEqual,
  LessThan,
  LessThanOrEqual,
  Max,
  Min,
  Mod,
  Multiply,
  Subtract,
} from './arithmetic/index.js';

// shape/: shape rules, each as a type and as a runtime function sharing one message text
export type { Dim, Shape } from './shape/shape.js';
export { ShapeError } from './shape/shape-error.js';
export { convOutputSize, type ConvOutputSize } from './shape/conv-output-size.js';
export {
  conv2dOutputShape,
  conv2dShapeFromResolved,
  resolveConv2dOptions,
  type Conv2dOptions,
  type Conv2dOutputShape,
  type PaddingMode,
  type ResolvedConv2dOptions,
} from './shape/conv2d.js';
export {
  writeChannelMismatchMessage,
  writeEmptyInputMessage,
  writeGroupsDivisibilityMessage,
  writeInputRankMessage,
  writePaddingModeLimitMessage,
  writeSameStrideMessage,
  type ChannelMismatchMessage,
  type EmptyInputMessage,
  type GroupsDivisibilityMessage,
  type InputRankMessage,
  type PaddingModeLimitMessage,
  type SameStrideMessage,
} from './shape/conv2d.js';
export {
  formatOption,
  writeNonNegativeIntegerMessage,
  writeOutputTooSmallMessage,
  writePositiveIntegerMessage,
  type NonNegativeIntegerMessage,
  type OutputTooSmallMessage,
  type PositiveIntegerMessage,
} from './shape/conv-output-size.js';

// shape/: named dims bound to the sizes an input gives them
export {
  bindNames,
  writeInputShapeMessage,
  type BindNames,
  type InputShapeMessage,
  type NameBindings,
} from './shape/names.js';

// shape/: element counts and reshape
export {
  numel,
  reshapeOutputShape,
  writeReshapeDimMessage,
  writeReshapeSizeMessage,
  type Numel,
  type ReshapeDimMessage,
  type ReshapeOutputShape,
  type ReshapeSizeMessage,
} from './shape/reshape.js';

// tensor/: Tensor<S>, factories, random numbers, printing
export { Tensor, type BackwardOptions, type ImplicitGradMessage, type NestedArray, type NestedNumbers, type RuntimeShape } from './tensor/tensor.js';

// autograd/: the tape
export { isGradEnabled, noGrad, record, type Differentiable, type GradNode, type Recordable } from './autograd/engine.js';
export { assertShape } from './tensor/assert-shape.js';
export {
  arange,
  full,
  ones,
  rand,
  randn,
  tensor,
  writeDataLengthMessage,
  writeRaggedMessage,
  zeros,
  type ArangeLength,
  type DataLengthMessage,
  type NestedShape,
  type RaggedMessage,
  type FactoryOptions,
  type RandomOptions,
} from './tensor/factories.js';
export { allocateData, writeTensorTooLargeMessage } from './tensor/allocate.js';
export { checkDeclaredShape, checkTensor, writeDeclaredShapeMessage, writeNotATensorMessage, writeTensorDataMessage } from './tensor/check.js';
export { Generator, checkSeed, fillUniform, manualSeed, writeSeedMessage } from './tensor/random.js';
export { formatTensor } from './tensor/format.js';

// shape/: padding
export {
  padOutputShape,
  writePadLengthMessage,
  writePadSizeMessage,
  type PadLengthMessage,
  type PadMode,
  type PadOutputShape,
  type PadSizeMessage,
} from './shape/pad.js';

// ops/: functional operations (validate with shape/, allocate, call kernels/)
export {
  conv2d,
  conv2dBackward,
  type Conv2dBackwardOptions,
  type Conv2dFunctionalOptions,
  type Conv2dFunctionalOutputShape,
  type Conv2dGradients,
} from './ops/conv2d.js';
export { pad } from './ops/pad.js';

// nn/: layers
export { Conv2d, type Conv2dWeightShape } from './nn/conv2d.js';

// kernels/: WebAssembly SIMD kernels (compiled synchronously in Node; `ready()` for browsers)
export { ready } from './kernels/wasm.js';
export { getNumThreads, setNumThreads } from './kernels/wasm.js';

// shape/, ops/, nn/: Linear, Flatten and activations
export {
  flattenOutputShape,
  linearOutputShape,
  writeDimRangeMessage,
  writeLinearAfterFlattenMessage,
  writeLinearFeaturesMessage,
  writeLinearSymbolicFeaturesMessage,
  type DimRangeMessage,
  type FlattenOutputShape,
  type LinearAfterFlattenMessage,
  type LinearFeaturesMessage,
  type LinearOutputShape,
  type LinearSymbolicFeaturesMessage,
} from './shape/linear.js';
export { flatten, linear } from './ops/linear.js';
export { gelu, leakyRelu, relu, relu6, sigmoid, tanh } from './ops/activation.js';
export { Flatten, GELU, LeakyReLU, Linear, ReLU, ReLU6, ShapePreserving, Sigmoid, Tanh, type LinearInFeatures, type LinearOptions } from './nn/linear.js';
export {
  Sequential,
  writeLayerMessage,
  type BlockNames,
  type BranchStart,
  type Layer,
  type LayerMessage,
  type LayerOutputShape,
  type ShapeTrace,
} from './nn/sequential.js';
export { Cat, Mul, Residual, TwoPathBlock, type Branch } from './nn/branches.js';
export { Module, type LoadStateDictOptions, type LoadStateDictResult, type StateDict } from './nn/module.js';
export { checkInputShape, type CustomLayerOutputShape } from './nn/custom.js';
export type { LayerRecoveries, LayerRequirements, LayerRules, RegisteredKind } from './nn/layer-rules.js';

// pooling: MaxPool2d / AvgPool2d shape rules, operations and layers
export {
  avgPool2dOutputShape,
  maxPool2dOutputShape,
  pool2dShapeFromResolved,
  resolvePool2dOptions,
  writeDivisorOverrideMessage,
  writePoolInputMessage,
  writePoolOutputTooSmallMessage,
  writePoolPaddingMessage,
  type AvgPool2dOptions,
  type AvgPool2dOutputShape,
  type DivisorOverrideMessage,
  type MaxPool2dOptions,
  type MaxPool2dOutputShape,
  type PoolInputMessage,
  type PoolOutputTooSmallMessage,
  type PoolPaddingMessage,
  type ResolvedPool2dOptions,
} from './shape/pool2d.js';
export { avgPool2d, maxPool2d } from './ops/pool2d.js';
export { AvgPool2d, MaxPool2d } from './nn/pool2d.js';
export { layerTable, summary, type LayerRow, type ModelLike } from './nn/summary.js';

// normalisation, dropout and adaptive pooling: BatchNorm2d, Dropout, AdaptiveAvgPool2d
export {
  adaptiveAvgPool2dOutputShape,
  batchNorm2dOutputShape,
  checkDropoutProbability,
  resolveAdaptiveOutputSize,
  writeAdaptiveOutputSizeMessage,
  writeAdaptivePoolEmptyMessage,
  writeAdaptivePoolRankMessage,
  writeBatchNormChannelsMessage,
  writeBatchNormRankMessage,
  writeDropoutProbabilityMessage,
  type AdaptiveAvgPool2dOutputShape,
  type AdaptiveOutputSize,
  type AdaptiveOutputSizeError,
  type AdaptiveOutputSizeMessage,
  type AdaptivePoolEmptyMessage,
  type AdaptivePoolRankMessage,
  type BatchNorm2dOutputShape,
  type BatchNormChannelsMessage,
  type BatchNormRankMessage,
  type DropoutProbabilityError,
  type DropoutProbabilityMessage,
} from './shape/norm.js';
export { adaptiveAvgPool2d, batchNorm2d, type BatchNorm2dFunctionalOptions } from './ops/norm.js';
export { dropout } from './ops/dropout.js';
export { AdaptiveAvgPool2d, BatchNorm2d, Dropout, type AdaptiveAvgPool2dOptions, type BatchNorm2dOptions, type DropoutOptions } from './nn/norm.js';
// issue 12 (LayerNorm, GroupNorm, InstanceNorm2d, BatchNorm1d): layers, functional ops, shape rules, messages
export { BatchNorm1d, type BatchNorm1dOptions, type BatchNorm1dOutput } from './nn/norm.js';
export { batchNorm1d } from './ops/norm.js';
export {
  GroupNorm,
  InstanceNorm2d,
  LayerNorm,
  type GroupNormOptions,
  type GroupNormOutput,
  type InstanceNorm2dOptions,
  type InstanceNorm2dOutput,
  type LayerNormOptions,
  type LayerNormOutput,
} from './nn/norm-layers.js';
export { groupNorm, instanceNorm, layerNorm, resolveNormalizedShape, type InstanceNormFunctionalOptions } from './ops/norm-layers.js';
export {
  batchNorm1dOutputShape,
  groupNormOutputShape,
  instanceNorm2dOutputShape,
  layerNormOutputShape,
  writeBatchNorm1dChannelsMessage,
  writeBatchNorm1dRankMessage,
  writeGroupNormChannelsMessage,
  writeGroupNormGroupsMessage,
  writeGroupNormOptionsMessage,
  writeGroupNormRankMessage,
  writeInstanceNormChannelsMessage,
  writeInstanceNormRankMessage,
  writeLayerNormEmptyShapeMessage,
  writeLayerNormShapeMessage,
  type BatchNorm1dChannelsMessage,
  type BatchNorm1dOutputShape,
  type BatchNorm1dRankMessage,
  type GroupNormChannelsMessage,
  type GroupNormGroupsMessage,
  type GroupNormOptionsMessage,
  type GroupNormOutputShape,
  type GroupNormRankMessage,
  type InstanceNorm2dOutputShape,
  type InstanceNormChannelsMessage,
  type InstanceNormRankMessage,
  type LayerNormEmptyShapeMessage,
  type LayerNormOutputShape,
  type LayerNormShapeMessage,
  type NormalizedShapeOf,
} from './shape/norm-layers.js';

// resizing (issue 12): Upsample / interpolate, PixelShuffle / pixelShuffle, PixelUnshuffle / pixelUnshuffle
export {
  checkShuffleFactor,
  pixelShuffleOutputShape,
  pixelUnshuffleOutputShape,
  resolveUpsampleOptions,
  scaledSize,
  upsampleOutputShape,
  upsampleShapeFromResolved,
  writePixelShuffleChannelsMessage,
  writePixelShuffleFactorMessage,
  writePixelShuffleInputMessage,
  writePixelUnshuffleMessage,
  writeUpsampleAlignCornersMessage,
  writeUpsampleChannelsMessage,
  writeUpsampleEmptyMessage,
  writeUpsampleInputMessage,
  writeUpsampleNoSizeMessage,
  writeUpsampleRecomputeMessage,
  writeUpsampleScaleMessage,
  writeUpsampleSizeAndScaleMessage,
  writeUpsampleSizeMessage,
  type PixelShuffleChannelsMessage,
  type PixelShuffleFactorMessage,
  type PixelShuffleInputMessage,
  type PixelShuffleOptions,
  type PixelShuffleOutputShape,
  type PixelUnshuffleMessage,
  type PixelUnshuffleOptions,
  type PixelUnshuffleOutputShape,
  type PixelUnshuffleRequirements,
  type PixelShuffleRequirements,
  type ResolvedUpsampleOptions,
  type UpsampleAlignCornersMessage,
  type UpsampleChannelsMessage,
  type UpsampleEmptyMessage,
  type UpsampleInputMessage,
  type UpsampleMode,
  type UpsampleNoSizeMessage,
  type UpsampleOptions,
  type UpsampleOutputShape,
  type UpsampleRecomputeMessage,
  type UpsampleScaleMessage,
  type UpsampleSizeAndScaleMessage,
  type UpsampleSizeMessage,
} from './shape/upsample.js';
export { interpolate, interpolationAxis, pixelShuffle, pixelUnshuffle, type InterpolationAxis } from './ops/upsample.js';
export { PixelShuffle, PixelUnshuffle, Upsample } from './nn/upsample.js';

// combining tensors: broadcasting add (residuals) and cat (Inception-style joins)
export {
  broadcastShape,
  catShape,
  writeBroadcastMessage,
  writeCatDimMessage,
  writeCatMessage,
  writeCatRankMessage,
  type BroadcastMessage,
  type BroadcastShape,
  type CatDimMessage,
  type CatMessage,
  type CatRankMessage,
  type CatShape,
} from './shape/broadcast.js';
export { add, cat } from './ops/combine.js';
export { div, exp, log, mul, sub, type BroadcastArgument } from './ops/elementwise.js';

// issue 12 activations (SiLU, Hardswish, Hardsigmoid, Mish, ELU, PReLU, GELU's approximate,
// Identity, Softmax, LogSoftmax, Dropout2d): their shape rules and messages, ops and layers
export {
  checkGeluApproximate,
  dropout2dOutputShape,
  preluOutputShape,
  preluShape,
  softmaxOutputShape,
  writeDropout2dRankMessage,
  writeSoftmaxDimMessage,
  writeGeluApproximateMessage,
  writePreluChannelsMessage,
  writePreluWeightRankMessage,
  writePreluZeroDimMessage,
  type Dropout2dOutputShape,
  type Dropout2dRankMessage,
  type GeluApproximate,
  type GeluApproximateError,
  type GeluApproximateMessage,
  type PreluChannelsMessage,
  type PreluOutputShape,
  type PreluShape,
  type PreluWeightRankMessage,
  type PreluZeroDimMessage,
  type SoftmaxDimMessage,
  type SoftmaxOutputShape,
} from './shape/activation.js';
export { checkEluAlpha, elu, hardsigmoid, hardswish, mish, prelu, silu, type GeluApproximateArgument, type PreluWeightArgument } from './ops/activation.js';
export { dropout2d } from './ops/dropout.js';
export { type GELUOptions } from './nn/linear.js';
export {
  Dropout2d,
  ELU,
  Hardsigmoid,
  Hardswish,
  Identity,
  LogSoftmax,
  Mish,
  PReLU,
  SiLU,
  Softmax,
  type Dropout2dOptions,
  type ELUOptions,
  type PReLUOptions,
  type SoftmaxOptions,
} from './nn/activation.js';

// reductions over a dim, softmax, argmax, transpose/permute and matmul
export {
  checkDim,
  matmulShape,
  permuteOrder,
  reduceShape,
  writeDimOutOfRangeMessage,
  writeMatmulMessage,
  writeMatmulRankMessage,
  writePermuteLengthMessage,
  writePermuteRepeatMessage,
  type CheckDim,
  type DimArgument,
  type DimOutOfRangeMessage,
  type MatmulMessage,
  type MatmulRankMessage,
  type MatmulShape,
  type PermuteLengthMessage,
  type PermuteRepeatMessage,
  type PermuteShape,
  type ReduceShape,
  type TransposeShape,
} from './shape/reduce.js';
export { argmax, logSoftmax, mean, permute, softmax, sum, transpose } from './ops/reduce.js';
export { matmul, type MatmulArgument } from './ops/matmul.js';

// losses (PyTorch's formulas, names and defaults)
export {
  checkClassTargetShape,
  checkSameShapeTarget,
  writeClassIndexMessage,
  writeLossBatchMessage,
  writeLossInputRankMessage,
  writeLossSizeMessage,
  writeLossTargetRankMessage,
  writeLossWeightMessage,
  writeTargetBoundsMessage,
  type ClassInputArgument,
  type ClassTargetArgument,
  type ClassWeightArgument,
  type LossBatchMessage,
  type LossInputRankMessage,
  type LossSizeMessage,
  type LossTargetRankMessage,
  type LossWeightMessage,
  type SameShapeTargetArgument,
} from './shape/loss.js';
export {
  binaryCrossEntropyWithLogits,
  crossEntropy,
  l1Loss,
  mseLoss,
  nllLoss,
  type BinaryCrossEntropyWithLogitsOptions,
  type ClassLossOutput,
  type CrossEntropyOptions,
  type ElementLossOutput,
  type LossOptions,
  type NllLossOptions,
  type Reduction,
} from './ops/loss.js';

// data/: IDX files (MNIST) and batches
export { readIdx, type IdxArray } from './data/idx.js';
export { DataLoader, mnistTensors, type DataLoaderOptions } from './data/loader.js';

// optimizers and learning-rate schedulers (torch.optim): SGD, Adam, AdamW, StepLR, CosineAnnealingLR
export { Optimizer, type ParamGroup, type ParamsArgument } from './optim/optimizer.js';
export { SGD, type SGDOptions, type SGDState } from './optim/sgd.js';
export { Adam, AdamW, type AdamOptions, type AdamState } from './optim/adam.js';
export { CosineAnnealingLR, LRScheduler, StepLR, type CosineAnnealingLROptions, type StepLROptions } from './optim/lr-scheduler.js';

// io/: safetensors files (Hugging Face's format), read and written
export {
  loadSafetensors,
  loadSafetensorsFile,
  saveSafetensors,
  saveSafetensorsFile,
  type SafetensorsDtype,
  type SafetensorsFile,
  type SafetensorsInput,
  type SaveSafetensorsOptions,
} from './io/safetensors.js';

// io/: ONNX export (opset 17+, onnx-buf's schema)
export { exportOnnx, type ExportOnnxOptions } from './io/onnx.js';
export { canonicalDim, compareDims, type Comparison, type NameBounds } from './shape/symbolic.js';
export type { BindDim, CompareDims, ProductOfDims, QuotientOfDims, SumOfDims } from './shape/symbolic-types.js';
export { strict, writeRequirementMessage, writeStrictMessage, type RequirementMessage, type Requirements, type StrictMessage } from './shape/requirements.js';

// ConvTranspose2d (issue 12): nn.ConvTranspose2d and F.conv_transpose2d, their shape rule and messages
export { ConvTranspose2d, type ConvTranspose2dWeightShape } from './nn/conv-transpose2d.js';
export { convTranspose2d, type ConvTranspose2dFunctionalOptions, type ConvTranspose2dFunctionalOutputShape } from './ops/conv-transpose2d.js';
export {
  convTranspose2dOutputShape,
  convTranspose2dShapeFromResolved,
  resolveConvTranspose2dOptions,
  writeConvTranspose2dChannelMessage,
  writeConvTranspose2dEmptyInputMessage,
  writeConvTranspose2dGroupsMessage,
  writeConvTranspose2dOutputTooSmallMessage,
  writeConvTranspose2dPaddingModeMessage,
  writeConvTranspose2dRankMessage,
  writeOutputPaddingMessage,
  writeOutputSizeLengthMessage,
  writeOutputSizeRangeMessage,
  type ConvTranspose2dChannelMessage,
  type ConvTranspose2dEmptyInputMessage,
  type ConvTranspose2dGroupsMessage,
  type ConvTranspose2dOptions,
  type ConvTranspose2dOutputShape,
  type ConvTranspose2dOutputTooSmallMessage,
  type ConvTranspose2dPaddingModeMessage,
  type ConvTranspose2dParams,
  type ConvTranspose2dRankMessage,
  type OutputPaddingMessage,
  type OutputSizeLengthMessage,
  type OutputSizeRangeMessage,
  type ResolvedConvTranspose2dOptions,
} from './shape/conv-transpose2d.js';
export { affineOfDim } from './shape/symbolic.js';
export type { ScaleDim } from './shape/symbolic-types.js';
// issue 12, 1-D layers: Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d (shape rules, operations, layers)
export {
  conv1dOutputShape,
  conv1dShapeFromResolved,
  resolveConv1dOptions,
  writeConv1dInputRankMessage,
  type Conv1dInputRankMessage,
  type Conv1dOptions,
  type Conv1dOutputShape,
  type Conv1dParams,
} from './shape/conv1d.js';
export {
  adaptiveAvgPool1dOutputShape,
  avgPool1dOutputShape,
  checkAdaptivePool1dOutputSize,
  maxPool1dOutputShape,
  pool1dShapeFromResolved,
  resolvePool1dOptions,
  writeAdaptivePool1dEmptyMessage,
  writeAdaptivePool1dOutputSizeMessage,
  writeAdaptivePool1dRankMessage,
  writePool1dInputMessage,
  type AdaptiveAvgPool1dOutputShape,
  type AdaptivePool1dEmptyMessage,
  type AdaptivePool1dOutputSizeMessage,
  type AdaptivePool1dRankMessage,
  type AvgPool1dOptions,
  type AvgPool1dOutputShape,
  type MaxPool1dOptions,
  type MaxPool1dOutputShape,
  type Pool1dInputMessage,
} from './shape/pool1d.js';
export { conv1d, convolve1d, type Conv1dFunctionalOptions, type Conv1dFunctionalOutputShape } from './ops/conv1d.js';
export { adaptiveAvgPool1d, avgPool1d, maxPool1d, pool1d } from './ops/pool1d.js';
export { Conv1d, type Conv1dWeightShape } from './nn/conv1d.js';
export { AdaptiveAvgPool1d, AvgPool1d, MaxPool1d, type AdaptiveAvgPool1dOptions } from './nn/pool1d.js';
// ZeroPad2d, ReflectionPad2d, ReplicationPad2d (issue 12, layers-misc)
export {
  pad2dOutputShape,
  resolvePad2dPadding,
  writePad2dInputMessage,
  writePad2dOptionMessage,
  writeReflectionPadSizeMessage,
  writeZeroPadCropMessage,
  type Pad2dInputMessage,
  type Pad2dKind,
  type Pad2dOptionMessage,
  type Pad2dOutputShape,
  type Pad2dPadding,
  type Pad2dQuad,
  type ReflectionPadSizeMessage,
  type ZeroPadCropMessage,
} from './shape/pad2d.js';
export { pad2dForward } from './ops/pad2d.js';
export { Pad2dLayer, ReflectionPad2d, ReplicationPad2d, ZeroPad2d, type Pad2dOptions } from './nn/pad2d.js';
// AdaptiveMaxPool2d (issue 12, layers-misc)
export {
  adaptiveMaxPool2dOutputShape,
  resolveAdaptiveMaxOutputSize,
  writeAdaptiveMaxOutputSizeMessage,
  writeAdaptiveMaxPoolEmptyMessage,
  writeAdaptiveMaxPoolRankMessage,
  writeReturnIndicesInModelMessage,
  type AdaptiveMaxOutputSizeMessage,
  type AdaptiveMaxPool2dOutputShape,
  type AdaptiveMaxPoolEmptyMessage,
  type AdaptiveMaxPoolRankMessage,
  type ReturnIndicesInModelMessage,
} from './shape/adaptive-max-pool2d.js';
export { adaptiveMaxPool2d, adaptiveMaxPool2dForward, type AdaptiveMaxPool2dResult } from './ops/adaptive-max-pool2d.js';
export { AdaptiveMaxPool2d, type AdaptiveMaxPool2dOptions } from './nn/adaptive-max-pool2d.js';
// MaxPool2d returnIndices, MaxUnpool2d (issue 12, layers-misc)
export { checkReturnIndices, maxPoolWithIndices, type MaxPool2dResult } from './ops/pool2d.js';
export {
  maxUnpool2dOutputShape,
  resolveMaxUnpool2dOptions,
  writeMaxUnpoolIndicesMessage,
  writeMaxUnpoolInputMessage,
  writeMaxUnpoolNegativeMessage,
  writeMaxUnpoolOptionMessage,
  writeMaxUnpoolOutputSizeMessage,
  type MaxUnpool2dOptions,
  type MaxUnpool2dOutputShape,
  type MaxUnpoolIndicesMessage,
  type MaxUnpoolInputMessage,
  type MaxUnpoolNegativeMessage,
  type MaxUnpoolOptionMessage,
  type MaxUnpoolOptionsError,
  type MaxUnpoolOutputSizeMessage,
  type ResolvedMaxUnpool2dOptions,
} from './shape/max-unpool2d.js';
export { maxUnpool2d, maxUnpool2dForward, writeMaxUnpoolIndexMessage } from './ops/max-unpool2d.js';
export { MaxUnpool2d, type MaxUnpoolInModelMessage } from './nn/max-unpool2d.js';
// Embedding (issue 12, layers-misc)
export {
  embeddingOutputShape,
  resolveEmbeddingOptions,
  writeEmbeddingIndexMessage,
  writeEmbeddingOptionMessage,
  type EmbeddingOptionMessage,
  type EmbeddingOptions,
  type EmbeddingOptionsError,
  type EmbeddingOutputShape,
} from './shape/embedding.js';
export { embedding } from './ops/embedding.js';
export { Embedding } from './nn/embedding.js';

// issue 12: StochasticDepth (EfficientNet, ConvNeXt)
export {
  checkStochasticDepthOptions,
  writeStochasticDepthModeMessage,
  writeStochasticDepthProbabilityMessage,
  type StochasticDepthMode,
  type StochasticDepthModeMessage,
  type StochasticDepthProbabilityError,
  type StochasticDepthProbabilityMessage,
} from './shape/stochastic-depth.js';
export { stochasticDepth } from './ops/stochastic-depth.js';
export { StochasticDepth, type StochasticDepthOptions } from './nn/stochastic-depth.js';
// issue 12: ConvNeXt's layers (Permute, LayerNorm2d, LayerScale)
export { Permute, type PermuteOptions } from './nn/permute.js';
export { layerNorm2dOutputShape, type LayerNorm2dOutputShape } from './shape/layer-norm2d.js';
export { LayerNorm2d, type LayerNorm2dOptions } from './nn/layer-norm2d.js';
export { checkLayerScaleOptions, layerScaleOutputShape, type LayerScaleOutputShape } from './shape/layer-scale.js';
export { LayerScale, type LayerScaleOptions } from './nn/layer-scale.js';
