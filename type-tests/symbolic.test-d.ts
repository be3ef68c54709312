import { expectType } from 'tsd';
import type { ConvOutputSize, MaxPool2dOutputShape } from 'shapecheck';
import type { comparisonCases, productCases, symbolicCases } from '../test/cases/symbolic.cases.js';
import { assert, type Equal } from './helpers.js';

// ---- 320 convolutions and pools of a dim expression: the types give the table's canonical text
// (the same table drives test/symbolic-rules.test.ts against the runtime engine and the numbers)

type Row = (typeof symbolicCases)[number];
/** A row of a convolution/pool table (the family's or the general one). */
type ConvRow = { readonly op: 'conv' | 'pool'; readonly input: string; readonly kernel: number; readonly stride: number; readonly padding: number; readonly dilation: number; readonly ceilMode: boolean };
type Output<R extends ConvRow> = R['op'] extends 'conv'
  ? ConvOutputSize<R['input'], R['kernel'], R['stride'], R['padding'], R['dilation']>
  : MaxPool2dOutputShape<[1, 1, R['input'], 16], { kernelSize: R['kernel']; stride: R['stride']; padding: R['padding']; dilation: R['dilation']; ceilMode: R['ceilMode'] }> extends [1, 1, infer H, number]
    ? H
    : 'error';
type Wrong<R extends Row> = R extends unknown ? (Equal<Output<R>, R['output']> extends true ? never : [R, Output<R>]) : never;
expectType<never>({} as Wrong<Row>);
assert<Equal<Wrong<Row>, never>>();

// ---- equal, different, unknown: the same outcomes as compareDims (test/symbolic.test.ts)
import type { BroadcastShape, CompareDims, ErrorMessage } from 'shapecheck';
import { Conv2d, ReLU, Sequential } from 'shapecheck';
assert<Equal<CompareDims<'(H+1)//2', '(H+1)//2'>, 'equal'>>();
assert<Equal<CompareDims<'(H+1)//2', 'H'>, 'different'>>(); // equal at H ≤ 1 only
assert<Equal<CompareDims<'(H+3)//4', '(H-1)//4'>, 'different'>>(); // a whole divisor apart: never
assert<Equal<CompareDims<'H//2', '(H+1)//2'>, 'unknown'>>(); // equal for even H
assert<Equal<CompareDims<'H', 'W'>, 'unknown'>>();
assert<Equal<CompareDims<'batch', 8>, 'different'>>();
assert<Equal<CompareDims<'H*W', 8>, 'unknown'>>(); // outside the family
assert<Equal<CompareDims<7, 8>, 'different'>>();
assert<Equal<CompareDims<number, 8>, 'unknown'>>();

// broadcasting: a size-1 dim still broadcasts; different expressions are PyTorch's error
assert<Equal<BroadcastShape<['batch', 8, '(H+1)//2'], ['batch', 8, '(H+1)//2']>, ['batch', 8, '(H+1)//2']>>();
assert<Equal<BroadcastShape<['batch', 8, '(H+1)//2'], [1, 8, 1]>, ['batch', 8, '(H+1)//2']>>();
assert<Equal<BroadcastShape<['batch', 8, 'H//2'], ['batch', 8, '(H+1)//2']>, ['batch', 8, 'H//2']>>();
assert<
  Equal<
    BroadcastShape<['batch', 8, '(H+1)//2'], ['batch', 8, 'H']>,
    ErrorMessage<'add: The size of tensor a ((H+1)//2) must match the size of tensor b (H) at non-singleton dimension 2'>
  >
>();

// a residual block whose main path halves the size and whose shortcut does not: the error at the block
new Sequential(['batch', 64, 'H', 'W']).residual((b) =>
  // @ts-expect-error layer 1 (Residual): add: The size of tensor a ((W+1)//2) must match the size of tensor b (W) at non-singleton dimension 3
  b.add(new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, stride: 2, padding: 1 })).add(new ReLU()),
);

// ---- Flatten's products: the same text as the runtime engine (test/symbolic-rules.test.ts)
import type { ProductOfDims } from '../src/shape/symbolic-types.js';
type ProductRow = (typeof productCases)[number];
type WrongProduct<R extends ProductRow> = R extends unknown ? (Equal<ProductOfDims<R['dims']>, R['output']> extends true ? never : [R, ProductOfDims<R['dims']>]) : never;
assert<Equal<WrongProduct<ProductRow>, never>>();

// ---- binding: forward evaluates the expressions with the input's sizes; a block binds its names to expressions
import { MaxPool2d, Module, Tensor, relu } from 'shapecheck';
import type { BindDim, ShapeTrace } from 'shapecheck';
assert<Equal<BindDim<'(H+1)//2', { H: 224 }>, 112>>();
assert<Equal<BindDim<'(H-12)//4', { H: 32 }>, 5>>();
assert<Equal<BindDim<'H-2', { H: 7 }>, 5>>();
assert<Equal<BindDim<'(H+1)//2', { H: '(H+1)//2' }>, '(H+3)//4'>>();
assert<Equal<BindDim<'(H+1)//2', { H: number }>, number>>();
assert<Equal<BindDim<'(H+1)//2', { W: 3 }>, '(H+1)//2'>>();
assert<Equal<BindDim<'16*((H-12)//4)*((W-12)//4)', { H: 32; W: 36 }>, 480>>();
assert<Equal<BindDim<'64*((H+1)//2)*((W+1)//2)', { H: '(H+1)//2'; W: 'W' }>, '64*((H+3)//4)*((W+1)//2)'>>();

const stem = new Sequential(['batch', 3, 'H', 'W'])
  .add(new Conv2d({ inChannels: 3, outChannels: 64, kernelSize: 7, stride: 2, padding: 3, bias: false }))
  .add(new MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 }));
declare const images: Tensor<[8, 3, 224, 224]>;
expectType<Tensor<[8, 64, 56, 56]>>(stem.forward(images));
declare const odd: Tensor<[1, 3, 97, 150]>;
expectType<Tensor<[1, 64, 25, 38]>>(stem.forward(odd)); // (97+3)//4, (150+3)//4

class Halve extends Module {
  readonly kind = 'Halve';
  readonly conv = new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, stride: 2, padding: 1 });
  outputShape(shape: readonly number[]): number[] {
    return this.conv.outputShape(shape);
  }
  forward(x: Tensor<['batch', 64, 'H', 'W']>): Tensor<['batch', 64, '(H+1)//2', '(W+1)//2']> {
    return relu(this.conv.forward(x));
  }
}
const withBlock = stem.add(new Halve());
assert<Equal<ShapeTrace<typeof withBlock>[3], ['batch', 64, '(H+7)//8', '(W+7)//8']>>();
expectType<Tensor<[8, 64, 28, 28]>>(withBlock.forward(images));

// ---- the shared comparison table: the same outcomes as compareDims (test/symbolic.test.ts)
type ComparisonRow = (typeof comparisonCases)[number];
type WrongComparison<R extends ComparisonRow> = R extends unknown ? (Equal<CompareDims<R['a'], R['b']>, R['outcome']> extends true ? never : [R, CompareDims<R['a'], R['b']>]) : never;
assert<Equal<WrongComparison<ComparisonRow>, never>>();

// ---- a Linear after Flatten of a valid convolution's output: the same error as at runtime
import type { FlattenOutputShape, LinearOutputShape } from 'shapecheck';
type Valid = FlattenOutputShape<['batch', 3, 'H-2', 'W-2']>;
assert<Equal<Valid, ['batch', '3*H*W-6*H-6*W+12']>>();
assert<
  Equal<
    LinearOutputShape<Valid, 100, 10>,
    ErrorMessage<'Linear: expected 100 input features, got 3*H*W-6*H-6*W+12, which depends on H, W (use AdaptiveAvgPool2d, or give H, W sizes)'>
  >
>();

// ---- requirements: the least sizes of every derived dim (the blocks' paths' too) and the undecided equalities
import type { Requirements } from 'shapecheck';
import { segmentation } from '../examples/segmentation.js';
import { resnet18 } from '../examples/resnet18.js';
assert<Equal<Requirements<ReturnType<typeof segmentation>>, ['H >= 2', 'W >= 2', '(H+1)//2 == H//2', '(W+1)//2 == W//2']>>();
assert<Equal<Requirements<typeof stem>, ['H >= 1', 'W >= 1']>>();
assert<Equal<Requirements<ReturnType<typeof resnet18>>, []>>(); // literal sizes: nothing to require
const lenetFeatures = new Sequential(['batch', 1, 'H', 'W'])
  .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }))
  .add(new MaxPool2d({ kernelSize: 2 }))
  .add(new Conv2d({ inChannels: 6, outChannels: 16, kernelSize: 5 }))
  .add(new MaxPool2d({ kernelSize: 2 }));
assert<Equal<Requirements<typeof lenetFeatures>, ['H >= 16', 'W >= 16']>>();

// ---- forward with literal sizes that break a requirement: the error at the argument, in forward's words
import { randn } from 'shapecheck';
const net = segmentation();
expectType<Tensor<[1, 21, 5, 8]>>(net.forward(randn([1, 3, 36, 64])));
// @ts-expect-error Sequential: the input [1, 3, 37, 64] breaks the requirement (H+1)//2 == H//2 (H = 37)
net.forward(randn([1, 3, 37, 64]));
type Arg = Parameters<typeof net.forward<[1, 3, 37, 64]>>[0];
assert<Equal<Arg, 'Sequential: the input [1, 3, 37, 64] breaks the requirement (H+1)//2 == H//2 (H = 37)'>>();
// @ts-expect-error Sequential: the input [2, 1, 15, 20] breaks the requirement H >= 16 (H = 15)
lenetFeatures.forward(randn([2, 1, 15, 20]));
expectType<Tensor<[2, 16, 1, 2]>>(lenetFeatures.forward(randn([2, 1, 16, 20])));

// ---- cat's size along its dim: the sum, as the runtime engine writes it
import type { SumOfDims } from 'shapecheck';
assert<Equal<SumOfDims<'W', 'W'>, '2*W'>>();
assert<Equal<SumOfDims<'(W+1)//2', '(W+1)//2'>, '2*((W+1)//2)'>>();
assert<Equal<SumOfDims<'(W+1)//2', 3>, '(W+7)//2'>>();
assert<Equal<SumOfDims<'(W+1)//2', 'W//2'>, '(W+1)//2+W//2'>>();
assert<Equal<SumOfDims<'H', 'W'>, 'H+W'>>();
assert<Equal<SumOfDims<'H-2', 'H+2'>, '2*H'>>();
assert<Equal<SumOfDims<'W', 'W//2'>, '(3*W)//2'>>(); // folded, as the engine does
assert<Equal<SumOfDims<'(H+1)//2', 'W'>, '(H+2*W+1)//2'>>();
assert<Equal<SumOfDims<'(H-3)//4', 'H+1'>, '(5*H+1)//4'>>();

// ---- strict: unknowns as errors
import { strict } from 'shapecheck';
expectType<typeof stem>(strict(stem));
// @ts-expect-error strict: the shapes agree only for some sizes: (H+1)//2 == H//2, (W+1)//2 == W//2 (give those names sizes, or change the layers)
strict(segmentation());
type StrictArg = Parameters<typeof strict<ReturnType<typeof segmentation>>>[0];
assert<Equal<StrictArg, 'strict: the shapes agree only for some sizes: (H+1)//2 == H//2, (W+1)//2 == W//2 (give those names sizes, or change the layers)'>>();

// ---- reshape's -1 on expressions: the exact quotient (the runtime engine's floor division of the product agrees: test/symbolic-rules.test.ts)
import type { QuotientOfDims, ReshapeOutputShape } from 'shapecheck';
assert<Equal<QuotientOfDims<['batch', 16], 16>, 'batch'>>();
assert<Equal<QuotientOfDims<['batch', 64, '(H+1)//2', '(W+1)//2'], 64>, 'batch*((H+1)//2)*((W+1)//2)'>>();
assert<Equal<QuotientOfDims<['batch', 3], 2>, number>>();
assert<Equal<QuotientOfDims<[2, 'H-2'], 2>, 'H-2'>>();
assert<Equal<QuotientOfDims<[4, 'H-1'], 2>, '2*H-2'>>();
assert<Equal<ReshapeOutputShape<['batch', 16], [-1, 16, 1, 1]>, ['batch', 16, 1, 1]>>();
declare const pooled: Tensor<['batch', 16]>;
expectType<Tensor<['batch', 16, 1, 1]>>(pooled.reshape([-1, 16, 1, 1]));

// ---- beyond the family: several names, floors of them, products of sums (the general engine);
// the runtime engine's text and outcomes (test/cases/symbolic.cases.ts), row by row
import type { generalBinds, generalCases, generalComparisons, generalProducts, generalSums } from '../test/cases/symbolic.cases.js';
type GeneralRow = (typeof generalCases)[number];
type WrongGeneral<R extends GeneralRow> = R extends unknown ? (Equal<Output<R>, R['output']> extends true ? never : [R, Output<R>]) : never;
assert<Equal<WrongGeneral<GeneralRow>, never>>();
type GeneralProductRow = (typeof generalProducts)[number];
type WrongGeneralProduct<R extends GeneralProductRow> = R extends unknown ? (Equal<ProductOfDims<R['dims']>, R['output']> extends true ? never : [R, ProductOfDims<R['dims']>]) : never;
assert<Equal<WrongGeneralProduct<GeneralProductRow>, never>>();
type SumRow = (typeof generalSums)[number];
type WrongSum<R extends SumRow> = R extends unknown ? (Equal<SumOfDims<R['a'], R['b']>, R['output']> extends true ? never : [R, SumOfDims<R['a'], R['b']>]) : never;
assert<Equal<WrongSum<SumRow>, never>>();
type GeneralComparisonRow = (typeof generalComparisons)[number];
type WrongGeneralComparison<R extends GeneralComparisonRow> = R extends unknown ? (Equal<CompareDims<R['a'], R['b']>, R['outcome']> extends true ? never : [R, CompareDims<R['a'], R['b']>]) : never;
assert<Equal<WrongGeneralComparison<GeneralComparisonRow>, never>>();
type BindRow = (typeof generalBinds)[number];
type WrongBind<R extends BindRow> = R extends unknown ? (Equal<BindDim<R['dim'], R['bindings']>, R['output']> extends true ? never : [R, BindDim<R['dim'], R['bindings']>]) : never;
assert<Equal<WrongBind<BindRow>, never>>();
