import { expectType } from 'tsd';
import type { ConvOutputSize, MaxPool2dOutputShape } from 'shapecheck';
import type { symbolicCases } from '../test/cases/symbolic.cases.js';
import { assert, type Equal } from './helpers.js';

// ---- 320 convolutions and pools of a dim expression: the types give the table's canonical text
// (the same table drives test/symbolic-rules.test.ts against the runtime engine and the numbers)

type Row = (typeof symbolicCases)[number];
type Output<R extends Row> = R['op'] extends 'conv'
  ? ConvOutputSize<R['input'], R['kernel'], R['stride'], R['padding'], R['dilation']>
  : MaxPool2dOutputShape<[1, 1, R['input'], 16], { kernelSize: R['kernel']; stride: R['stride']; padding: R['padding']; dilation: R['dilation']; ceilMode: R['ceilMode'] }> extends [1, 1, infer H, number]
    ? H
    : 'error';
type Wrong<R extends Row> = R extends unknown ? (Equal<Output<R>, R['output']> extends true ? never : [R, Output<R>]) : never;
expectType<never>({} as Wrong<Row>);
assert<Equal<Wrong<Row>, never>>();
