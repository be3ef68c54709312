import { expectType } from 'tsd';
import {
  Conv2d,
  Flatten,
  Linear,
  MaxPool2d,
  ReLU,
  Sequential,
  assertShape,
  relu,
  zeros,
  type BindNames,
  type NameBindings,
  type Tensor,
} from 'shapecheck';
import { assert, type Equal } from './helpers.js';

// ---- assignment: a literal to itself and to number; a name to itself and to number; nothing else
declare const literal: Tensor<[8, 3, 32, 32]>;
declare const sized: Tensor<[number, 3, 32, 32]>;
declare const named: Tensor<['batch', 3, 'H', 'W']>;
declare const unknownRank: Tensor<number[]>;

export const literalToItself: Tensor<[8, 3, 32, 32]> = literal;
export const literalToNumber: Tensor<[number, 3, 32, 32]> = literal;
export const nameToItself: Tensor<['batch', 3, 'H', 'W']> = named;
export const nameToNumber: Tensor<[number, 3, number, number]> = named;
export const anyShape: Tensor = named;
export const anyNumbers: Tensor<number[]> = named;
export const namesToStrings: Tensor<[string, 3, string, string]> = named;
// @ts-expect-error names are not interchangeable: 'H' is not 'W'
export const swapped: Tensor<['batch', 3, 'W', 'H']> = named;
// @ts-expect-error a number is not a name
export const numberToName: Tensor<['batch', 3, 32, 32]> = sized;
// @ts-expect-error nor is a literal (forward binds it; assertShape checks it)
export const literalToName: Tensor<['batch', 3, 32, 32]> = literal;
// @ts-expect-error a number is not a literal
export const numberToLiteral: Tensor<[8, 3, 32, 32]> = sized;
// @ts-expect-error another literal
export const otherLiteral: Tensor<[4, 3, 32, 32]> = literal;
// @ts-expect-error a shape of unknown rank is not a shape of known rank
export const unknownToKnown: Tensor<[number, number]> = unknownRank;

// ---- layers generic in their input keep names as they flow
const same = new Conv2d({ inChannels: 3, outChannels: 16, kernelSize: 3, padding: 'same' });
expectType<Tensor<['batch', 16, 'H', 'W']>>(same.forward(named));
expectType<Tensor<['batch', 16, 'H', 'W']>>(relu(same.forward(named)));
expectType<Tensor<['batch', 16, 'H//2', 'W//2']>>(new MaxPool2d({ kernelSize: 2 }).forward(same.forward(named)));

// ---- forward binds the declared names to the input's dims
const model = new Sequential(['batch', 1, 28, 28])
  .add(new Conv2d({ inChannels: 1, outChannels: 4, kernelSize: 3, padding: 1 }))
  .add(new ReLU())
  .add(new Flatten())
  .add(new Linear({ inFeatures: 3136, outFeatures: 10 }));
expectType<Tensor<[8, 10]>>(model.forward(zeros([8, 1, 28, 28])));
declare const numberBatch: Tensor<[number, 1, 28, 28]>;
expectType<Tensor<[number, 10]>>(model.forward(numberBatch));
declare const namedBatch: Tensor<['batch', 1, 28, 28]>;
expectType<Tensor<['batch', 10]>>(model.forward(namedBatch));
declare const otherName: Tensor<['n', 1, 28, 28]>;
expectType<Tensor<['n', 10]>>(model.forward(otherName));
// a name or number where a literal is declared is checked at runtime, not here
declare const namedSize: Tensor<['batch', 1, 'H', 'W']>;
expectType<Tensor<['batch', 10]>>(model.forward(namedSize));
// @ts-expect-error Sequential: expected an input of shape [batch, 1, 28, 28], got [8, 3, 28, 28]
model.forward(zeros([8, 3, 28, 28]));
// @ts-expect-error Sequential: expected an input of shape [batch, 1, 28, 28], got [1, 28, 28]
model.forward(zeros([1, 28, 28]));
// @ts-expect-error an input of unknown rank: assertShape first
model.forward(unknownRank);
expectType<Tensor<[8, 10]>>(model.forward(assertShape(zeros([8, 1, 28, 28] as number[]), [8, 1, 28, 28])));

// names bound through a spatial dim kept by padding 'same', and one name twice
const square = new Sequential(['batch', 3, 'side', 'side']).add(new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, padding: 'same' }));
expectType<Tensor<[2, 8, 64, 64]>>(square.forward(zeros([2, 3, 64, 64])));
// @ts-expect-error Sequential: expected an input of shape [batch, 3, side, side], got [2, 3, 64, 32]
square.forward(zeros([2, 3, 64, 32]));

// ---- the types themselves
assert<Equal<NameBindings<['batch', 1, 28, 28], [8, 1, 28, 28]>, { batch: 8 }>>();
assert<Equal<NameBindings<['n', 'n'], [3, 3]>, { n: 3 }>>();
assert<Equal<NameBindings<['n', 'n'], [3, 4]>, never>>();
assert<Equal<NameBindings<['n', 'n'], [3, number]>, { n: 3 }>>();
assert<Equal<NameBindings<['n', 'n'], ['a', 'b']>, { n: 'a' }>>();
assert<Equal<NameBindings<[2, 'n'], [3, 3]>, never>>();
assert<Equal<NameBindings<[2, 'n'], ['h', 3]>, { n: 3 }>>();
assert<Equal<NameBindings<[number, 'n'], [5, 3]>, { n: 3 }>>();
assert<Equal<NameBindings<['n'], [3, 3]>, never>>();
assert<Equal<NameBindings<['n'], number[]>, never>>();
assert<Equal<NameBindings<[], []>, {}>>();
assert<Equal<BindNames<['batch', 10], { batch: 8 }>, [8, 10]>>();
assert<Equal<BindNames<['batch', 'h', 10], { batch: number }>, [number, 'h', 10]>>();
assert<Equal<BindNames<readonly ['n', 'n'], { n: 3 }>, readonly [3, 3]>>();

// ---- assertShape: any tensor to a declared shape; a mismatch the type already shows is an error
expectType<Tensor<readonly ['batch', 1, 28, 28]>>(assertShape(unknownRank, ['batch', 1, 28, 28]));
expectType<Tensor<readonly ['batch', 3, 32, 32]>>(assertShape(literal, ['batch', 3, 32, 32]));
expectType<Tensor<readonly [8, 3, 32, 32]>>(assertShape(sized, [8, 3, 32, 32]));
expectType<Tensor<readonly ['n', 'n']>>(assertShape(zeros([5, 5]), ['n', 'n']));
// @ts-expect-error assertShape: expected an input of shape [batch, 1, 28, 28], got [8, 3, 32, 32]
assertShape(literal, ['batch', 1, 28, 28]);
// @ts-expect-error assertShape: expected an input of shape [n, n], got [5, 4]
assertShape(zeros([5, 4]), ['n', 'n']);
// @ts-expect-error assertShape: expected an input of shape [batch, 3], got [8, 3, 32, 32]
assertShape(literal, ['batch', 3]);
