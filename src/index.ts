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
  writeGroupsDivisibilityMessage,
  writeInputRankMessage,
  writePaddingModeLimitMessage,
  writeSameStrideMessage,
  type ChannelMismatchMessage,
  type GroupsDivisibilityMessage,
  type InputRankMessage,
  type PaddingModeLimitMessage,
  type SameStrideMessage,
} from './shape/conv2d.js';
export {
  writeNonNegativeIntegerMessage,
  writeOutputTooSmallMessage,
  writePositiveIntegerMessage,
  type NonNegativeIntegerMessage,
  type OutputTooSmallMessage,
  type PositiveIntegerMessage,
} from './shape/conv-output-size.js';
