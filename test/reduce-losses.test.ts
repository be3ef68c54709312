// Reductions over a dim, softmax/logSoftmax, argmax, matmul, transpose/permute and the losses:
// gradients against central finite differences on generated shapes and options; each shape error
// thrown at runtime and reported by the compiler at the wrong argument with the same words; the
// runtime's checks of class indices and options.
import { describe, expect, it } from 'vitest';
import {
  Tensor,
  argmax,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  l1Loss,
  logSoftmax,
  matmul,
  mean,
  mseLoss,
  nllLoss,
  permute,
  randn,
  softmax,
  sum,
  tensor,
  transpose,
  writeDimOutOfRangeMessage,
  writeLossBatchMessage,
  writeLossSizeMessage,
  writeLossTargetRankMessage,
  writeLossWeightMessage,
  writeMatmulMessage,
  writePermuteLengthMessage,
  writePermuteRepeatMessage,
  zeros,
} from 'shapecheck';
import { compileSnippet } from '../scripts/virtual-program.mjs';
import { checkGradients } from './gradcheck.js';
import { expectThrows } from './helpers.js';

type Loose = (...args: unknown[]) => Tensor;
const loose = <F>(f: F): Loose => f as unknown as Loose;

describe('finite differences: reductions, softmax, matmul, transpose/permute', () => {
  const shapes = [[5], [2, 3], [2, 3, 4]];
  for (const shape of shapes) {
    for (let dim = -shape.length; dim < shape.length; dim++) {
      for (const keepdim of [false, true]) {
        it(`sum and mean x=${JSON.stringify(shape)} dim=${dim} keepdim=${keepdim}`, () => {
          const x = randn(shape, { seed: 1 });
          checkGradients('sum', () => loose(sum)(x, dim, keepdim), [x]);
          checkGradients('mean', () => loose(mean)(x, dim, keepdim), [x]);
        });
      }
      it(`softmax and logSoftmax x=${JSON.stringify(shape)} dim=${dim}`, () => {
        const x = randn(shape, { seed: 2 });
        checkGradients('softmax', () => loose(softmax)(x, dim), [x]);
        checkGradients('logSoftmax', () => loose(logSoftmax)(x, dim), [x]);
      });
    }
  }
  it.each([
    [[2, 3], [3, 4]],
    [[2, 2, 3], [3, 2]],
    [[3, 2], [2, 2, 1]],
    [[2, 1, 2, 3], [3, 3, 2]],
  ])('matmul a=%j b=%j', (a, b) => {
    const x = randn(a, { seed: 3 });
    const y = randn(b, { seed: 4 });
    checkGradients('matmul', () => loose(matmul)(x, y), [x, y]);
  });
  it.each([
    [[2, 3], 0, 1],
    [[2, 3, 4], -1, 0],
  ])('transpose x=%j dim0=%i dim1=%i', (shape, d0, d1) => {
    const x = randn(shape, { seed: 5 });
    checkGradients('transpose', () => loose(transpose)(x, d0, d1), [x]);
  });
  it.each([
    [[2, 3, 4], [2, 0, 1]],
    [[2, 3, 1, 2], [3, 1, 0, 2]],
  ])('permute x=%j dims=%j', (shape, dims) => {
    const x = randn(shape, { seed: 6 });
    checkGradients('permute', () => loose(permute)(x, dims), [x]);
  });
});

describe('finite differences: losses', () => {
  const target = tensor([0, 3, 1, 3, 2]);
  const weight = tensor([0.5, 1, 2, 1.5]);
  for (const reduction of ['mean', 'sum', 'none'] as const) {
    for (const options of [{}, { weight }, { ignoreIndex: 3 }, { labelSmoothing: 0.2 }, { weight, ignoreIndex: 1, labelSmoothing: 0.3 }]) {
      const label = Object.keys(options).join('+') || 'defaults';
      it(`crossEntropy x=[5, 4] reduction=${reduction} options=${label}`, () => {
        const x = randn([5, 4], { seed: 8 });
        checkGradients('crossEntropy', () => loose(crossEntropy)(x, target, { ...options, reduction }), [x]);
      });
      if (!('labelSmoothing' in options)) {
        it(`nllLoss x=[5, 4] reduction=${reduction} options=${label}`, () => {
          const x = randn([5, 4], { seed: 9 });
          checkGradients('nllLoss', () => loose(nllLoss)(x, target, { ...options, reduction }), [x]);
        });
      }
    }
    it(`mseLoss and l1Loss x=[2, 3] reduction=${reduction}: ∂input, ∂target`, () => {
      const x = randn([2, 3], { seed: 10 });
      const y = randn([2, 3], { seed: 11 });
      checkGradients('mseLoss', () => loose(mseLoss)(x, y, { reduction }), [x, y]);
      checkGradients('l1Loss', () => loose(l1Loss)(x, y, { reduction }), [x, y]);
    });
    it(`binaryCrossEntropyWithLogits x=[3, 2] reduction=${reduction} weight=[2] posWeight=[2]: ∂input, ∂target`, () => {
      const x = randn([3, 2], { seed: 12 });
      const y = new Tensor(randn([3, 2], { seed: 13 }).data.map((v) => 1 / (1 + Math.exp(-v))), [3, 2]);
      checkGradients('bce', () => loose(binaryCrossEntropyWithLogits)(x, y, { reduction, weight: tensor([0.5, 2]), posWeight: tensor([3, 0.7]) }), [x, y]);
    });
  }
});

describe('runtime behaviour', () => {
  it('argmax returns float32 indices and never requires grad; first of ties', () => {
    const x = tensor([[1, 5, 5], [2, 0, 1]]).requiresGrad_();
    const indices = argmax(x, 1);
    expect(indices.toArray()).toEqual([1, 0]);
    expect(indices.requiresGrad).toBe(false);
    expect(argmax(x).item()).toBe(1);
  });
  it('softmax and logSoftmax are stable for large logits', () => {
    expect(softmax(tensor([1000, 1000, -1000]), 0).toArray()).toEqual([0.5, 0.5, 0]);
    expect(logSoftmax(tensor([1000, 0]), 0).toArray()).toEqual([0, -1000]);
  });
  it('sum and mean without dim keep their all-element behaviour (a 0-d tensor)', () => {
    expect(sum(tensor([[1, 2], [3, 4]])).shape).toEqual([]);
    expect(mean(tensor([[1, 2], [3, 4]])).item()).toBe(2.5);
  });
  it('crossEntropy throws when a class index is not an integer', () => {
    expectThrows(() => crossEntropy(zeros([2, 3]), tensor([0, 1.5])), TypeError, 'crossEntropy: target must hold class indices (integers stored as float32), got 1.5 at index 1');
  });
  it('crossEntropy throws PyTorch words for a class out of range, negative ones too, but not for ignoreIndex', () => {
    expectThrows(() => crossEntropy(zeros([2, 10]), tensor([1, 10])), RangeError, 'crossEntropy: Target 10 is out of bounds.');
    expectThrows(() => nllLoss(zeros([2, 10]), tensor([-1, 0])), RangeError, 'nllLoss: Target -1 is out of bounds.');
    expect(crossEntropy(zeros([2, 10]), tensor([-100, 0])).item()).toBeCloseTo(Math.log(10), 5);
  });
  it('throws for a bad reduction, labelSmoothing or unknown option', () => {
    expectThrows(() => mseLoss(zeros([2]), zeros([2]), { reduction: 'avg' as never }), TypeError, 'mseLoss: avg is not a valid value for reduction');
    expectThrows(() => crossEntropy(zeros([2, 3]), zeros([2]), { labelSmoothing: 1.5 }), RangeError, 'crossEntropy: label_smoothing must be between 0.0 and 1.0. Got: 1.5');
    expectThrows(() => l1Loss(zeros([2]), zeros([2]), { weight: zeros([2]) } as never), TypeError, "l1Loss: unknown option 'weight' (expected 'reduction')");
  });
  it('binaryCrossEntropyWithLogits throws when posWeight does not broadcast', () => {
    expectThrows(
      () => binaryCrossEntropyWithLogits(zeros([4, 3]), zeros([4, 3]), { posWeight: zeros([2]) }),
      Error,
      'binaryCrossEntropyWithLogits: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1',
    );
  });
});

describe('compile-time errors: at the wrong argument, in the runtime words', () => {
  // [call, runtime message, the argument's text the diagnostic sits at]
  const cases: [string, () => unknown, string, string][] = [
    ['sum(zeros([2, 3]), 2)', () => loose(sum)(zeros([2, 3]), 2), writeDimOutOfRangeMessage('sum', 2, 2), '2'],
    ['mean(zeros([2, 3]), -3, true)', () => loose(mean)(zeros([2, 3]), -3, true), writeDimOutOfRangeMessage('mean', 2, -3), '-3'],
    ['softmax(zeros([4]), 1)', () => loose(softmax)(zeros([4]), 1), writeDimOutOfRangeMessage('softmax', 1, 1), '1'],
    ['logSoftmax(zeros([2, 3]), 2)', () => loose(logSoftmax)(zeros([2, 3]), 2), writeDimOutOfRangeMessage('logSoftmax', 2, 2), '2'],
    ['argmax(zeros([2, 3]), 5)', () => loose(argmax)(zeros([2, 3]), 5), writeDimOutOfRangeMessage('argmax', 2, 5), '5'],
    ['transpose(zeros([2, 3, 4]), 0, 3)', () => loose(transpose)(zeros([2, 3, 4]), 0, 3), writeDimOutOfRangeMessage('transpose', 3, 3), '3'],
    ['permute(zeros([2, 3, 4]), [0, 1])', () => loose(permute)(zeros([2, 3, 4]), [0, 1]), writePermuteLengthMessage(3, 2), '[0, 1]'],
    ['permute(zeros([2, 3]), [1, -1])', () => loose(permute)(zeros([2, 3]), [1, -1]), writePermuteRepeatMessage(), '[1, -1]'],
    ['matmul(zeros([2, 3]), zeros([4, 5]))', () => loose(matmul)(zeros([2, 3]), zeros([4, 5])), writeMatmulMessage(2, 3, 4, 5), 'zeros([4, 5])'],
    ['crossEntropy(zeros([64, 10]), zeros([32]))', () => loose(crossEntropy)(zeros([64, 10]), zeros([32])), writeLossBatchMessage('crossEntropy', 64, 32), 'zeros([32])'],
    [
      'nllLoss(zeros([2, 10]), zeros([2]), { weight: zeros([5]) })',
      () => loose(nllLoss)(zeros([2, 10]), zeros([2]), { weight: zeros([5]) }),
      writeLossWeightMessage('nllLoss', 10, [5]),
      'weight',
    ],
    ['nllLoss(zeros([8, 10]), zeros([8, 10]))', () => loose(nllLoss)(zeros([8, 10]), zeros([8, 10])), writeLossTargetRankMessage('nllLoss'), 'zeros([8, 10])'],
    ['mseLoss(zeros([64]), zeros([32]))', () => loose(mseLoss)(zeros([64]), zeros([32])), writeLossSizeMessage('mseLoss', [32], [64]), 'zeros([32])'],
    ['l1Loss(zeros([2, 3]), zeros([2, 4]))', () => loose(l1Loss)(zeros([2, 3]), zeros([2, 4])), writeLossSizeMessage('l1Loss', [2, 4], [2, 3]), 'zeros([2, 4])'],
    [
      'binaryCrossEntropyWithLogits(zeros([4, 3]), zeros([4]))',
      () => loose(binaryCrossEntropyWithLogits)(zeros([4, 3]), zeros([4])),
      writeLossSizeMessage('binaryCrossEntropyWithLogits', [4], [4, 3]),
      'zeros([4])',
    ],
  ];
  const source = [
    `import { argmax, binaryCrossEntropyWithLogits, crossEntropy, l1Loss, logSoftmax, matmul, mean, mseLoss, nllLoss, permute, softmax, sum, transpose, zeros } from 'shapecheck';`,
    ...cases.map(([call]) => `${call};`),
  ];
  const { diagnostics } = compileSnippet(source.join('\n'));
  cases.forEach(([call, run, message, argument], i) => {
    it(`${call}: ${message}`, () => {
      let thrown = '';
      try {
        run();
      } catch (error) {
        thrown = (error as Error).message;
      }
      expect(thrown).toBe(message);
      const line = i + 1;
      const found = diagnostics.filter((d) => d.line === line);
      expect(found, `one diagnostic on line ${line}`).toHaveLength(1);
      expect(found[0]!.message).toContain(`"${message}"`);
      expect(found[0]!.column).toBe(call.lastIndexOf(argument));
    });
  });
  it('no other diagnostics', () => {
    expect(diagnostics.filter((d) => d.line === 0 || d.line > cases.length)).toEqual([]);
  });
});
