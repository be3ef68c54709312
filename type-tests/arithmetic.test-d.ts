import { expectType } from 'tsd';
import type {
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
} from 'shapecheck';
import type { arithmeticCases } from '../test/cases/arithmetic.cases.js';
import { assert, type Equal } from './helpers.js';

// ---- the generated table (BigInt oracle): every operation on every pair

type Row = (typeof arithmeticCases)[number];

/** The rows where an operation disagrees with the oracle (`never` when all agree). */
type Wrong<R extends Row> = R extends unknown
  ? [
      Equal<Add<R['a'], R['b']>, R['sum']>,
      Equal<Subtract<R['a'], R['b']>, R['difference']>,
      Equal<R['product'] extends null ? null : Multiply<R['a'], R['b']>, R['product']>,
      Equal<FloorDivide<R['a'], R['b']>, R['quotient']>,
      Equal<Mod<R['a'], R['b']>, R['remainder']>,
      Equal<Compare<R['a'], R['b']>, R['compare']>,
    ] extends [true, true, true, true, true, true]
    ? never
    : R
  : never;

expectType<never>({} as Wrong<Row>);
assert<Equal<Wrong<Row>, never>>();

// ---- carries, borrows and lengths

expectType<1000>({} as Add<999, 1>);
expectType<0>({} as Add<0, 0>);
expectType<0>({} as Add<-5, 5>);
expectType<-2>({} as Add<-5, 3>);
expectType<-35>({} as Add<-5, -30>);
expectType<9007199254740991>({} as Add<9007199254740990, 1>);
expectType<-9007199254740991>({} as Add<-9007199254740990, -1>);
expectType<999>({} as Subtract<1000, 1>);
expectType<-221>({} as Subtract<3, 224>);
expectType<0>({} as Subtract<9007199254740991, 9007199254740991>);
expectType<9007199254740991>({} as Subtract<9007199254740990, -1>);
expectType<9007199136250225>({} as Multiply<94906265, 94906265>);
expectType<-144>({} as Multiply<-12, 12>);
expectType<144>({} as Multiply<-12, -12>);
expectType<0>({} as Multiply<0, 9007199254740991>);
expectType<9007199254740991>({} as Multiply<1, 9007199254740991>);
expectType<14>({} as FloorDivide<224, 16>);
expectType<-4>({} as FloorDivide<-7, 2>);
expectType<-4>({} as FloorDivide<7, -2>);
expectType<3>({} as FloorDivide<-7, -2>);
expectType<-3>({} as FloorDivide<-6, 2>);
expectType<0>({} as FloorDivide<0, -5>);
expectType<1>({} as FloorDivide<9007199254740991, 9007199254740991>);
expectType<729623268913>({} as FloorDivide<9007199254740991, 12345>);
expectType<1>({} as Mod<-7, 2>);
expectType<-1>({} as Mod<7, -2>);
expectType<-1>({} as Mod<-7, -2>);
expectType<10006>({} as Mod<9007199254740991, 12345>);
expectType<1>({} as Compare<1024, 999>);
expectType<-1>({} as Compare<999, 1024>);
expectType<-1>({} as Compare<-1024, 999>);
expectType<-1>({} as Compare<-1024, -999>);
expectType<0>({} as Compare<7, 7>);
expectType<1>({} as Compare<9007199254740991, 9007199254740990>);
expectType<true>({} as GreaterThan<1024, 999>);
expectType<false>({} as GreaterThan<7, 7>);
expectType<true>({} as GreaterThanOrEqual<7, 7>);
expectType<true>({} as LessThan<-3, 2>);
expectType<false>({} as LessThanOrEqual<3, 2>);
expectType<1000>({} as Max<224, 1000>);
expectType<224>({} as Min<224, 1000>);
expectType<-3>({} as Min<-3, 0>);

// ---- past 2^53: exact where a number holds the result, an error where it does not

expectType<18014398509481982>({} as Add<9007199254740991, 9007199254740991>);
expectType<ErrorMessage<'Multiply: result 81129638414606663681390495662081 is not exactly representable as a number (beyond Number.MAX_SAFE_INTEGER)'>>(
  {} as Multiply<9007199254740991, 9007199254740991>,
);
expectType<ErrorMessage<'Add: result 9007199254740993 is not exactly representable as a number (beyond Number.MAX_SAFE_INTEGER)'>>(
  {} as Add<9007199254740992, 1>,
);

// ---- edge inputs: number, any, never, unions, non-integers, division by zero

expectType<number>({} as Add<number, 1>);
expectType<number>({} as Add<1, number>);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
expectType<number>({} as Add<any, 1>);
expectType<number>({} as Multiply<number, 0>);
expectType<number>({} as FloorDivide<number, 2>);
expectType<number>({} as Max<number, 2>);
expectType<-1 | 0 | 1>({} as Compare<number, 2>);
expectType<boolean>({} as GreaterThan<number, 1>);
expectType<never>({} as Add<never, 1>);
expectType<never>({} as Add<1, never>);
expectType<never>({} as Compare<never, 1>);
expectType<225 | 257>({} as Add<224 | 256, 1>);
expectType<11 | 12 | 21 | 22>({} as Add<1 | 2, 10 | 20>);
expectType<112 | 128>({} as FloorDivide<224 | 256, 2>);
expectType<ErrorMessage<'Add: expected an integer, got 1.5'>>({} as Add<1.5, 2>);
expectType<ErrorMessage<'Subtract: expected an integer, got 0.25'>>({} as Subtract<2, 0.25>);
expectType<ErrorMessage<'Multiply: expected an integer, got 1e+21'>>({} as Multiply<1e21, 2>);
expectType<ErrorMessage<'FloorDivide: division by zero'>>({} as FloorDivide<1, 0>);
expectType<ErrorMessage<'Mod: division by zero'>>({} as Mod<1, 0>);
expectType<ErrorMessage<'Compare: expected an integer, got 2.5'>>({} as Compare<2.5, 2>);

// ---- results are numbers, errors are not: an error never flows into further arithmetic

// @ts-expect-error an ErrorMessage is not a number
expectType<number>({} as Add<1.5, 2>);
// @ts-expect-error an ErrorMessage is not a number
type Chained = Add<Add<1.5, 2>, 1>;
