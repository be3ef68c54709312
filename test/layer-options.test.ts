import { describe, expect, it } from 'vitest';
import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  BatchNorm2d,
  Conv2d,
  Dropout,
  Flatten,
  Generator,
  LeakyReLU,
  Linear,
  MaxPool2d,
  Sequential,
  ShapeError,
  avgPool2d,
  conv2d,
  conv2dOutputShape,
  maxPool2d,
  manualSeed,
  ones,
  rand,
  randn,
  summary,
  writeAdaptiveOutputSizeMessage,
  writeDeclaredShapeMessage,
  writeDropoutProbabilityMessage,
  writeEmptyInputMessage,
  writeInputShapeMessage,
  writeNonNegativeIntegerMessage,
  writePositiveIntegerMessage,
  writeSeedMessage,
  zeros,
} from 'shapecheck';
import { expectThrows } from './helpers.js';

/** Each kind of bad value a JavaScript caller can pass for a numeric option. */
const BAD_VALUES: readonly (readonly [kind: string, value: unknown])[] = [
  ['zero', 0],
  ['negative', -1],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['non-integer', 1.5],
  ['string', '2'],
  ['null', null],
];

/** The class a check throws: `RangeError` for an integer out of range, `TypeError` otherwise. */
const errorClassOf = (value: unknown): typeof TypeError | typeof RangeError =>
  typeof value === 'number' && Number.isInteger(value) ? RangeError : TypeError;

type Make = (options: Record<string, unknown>) => unknown;
const as = <T>(layer: T): Make => layer as unknown as Make;

/** Each layer's integer options: base options, and whether each must be positive or non-negative, and may be a pair. */
const INTEGER_OPTIONS: readonly {
  layer: string;
  make: Make;
  base: Record<string, unknown>;
  options: readonly (readonly [name: string, rule: 'positive' | 'nonNegative', pair: boolean])[];
}[] = [
  {
    layer: 'Conv2d',
    make: as((o: never) => new Conv2d(o)),
    base: { inChannels: 4, outChannels: 4, kernelSize: 3 },
    options: [
      ['inChannels', 'positive', false],
      ['outChannels', 'positive', false],
      ['kernelSize', 'positive', true],
      ['stride', 'positive', true],
      ['padding', 'nonNegative', true],
      ['dilation', 'positive', true],
      ['groups', 'positive', false],
    ],
  },
  {
    layer: 'MaxPool2d',
    make: as((o: never) => new MaxPool2d(o)),
    base: { kernelSize: 2 },
    options: [
      ['kernelSize', 'positive', true],
      ['stride', 'positive', true],
      ['padding', 'nonNegative', true],
      ['dilation', 'positive', true],
    ],
  },
  {
    layer: 'AvgPool2d',
    make: as((o: never) => new AvgPool2d(o)),
    base: { kernelSize: 2 },
    options: [
      ['kernelSize', 'positive', true],
      ['stride', 'positive', true],
      ['padding', 'nonNegative', true],
    ],
  },
  { layer: 'BatchNorm2d', make: as((o: never) => new BatchNorm2d(o)), base: { numFeatures: 4 }, options: [['numFeatures', 'positive', false]] },
  {
    layer: 'Linear',
    make: as((o: never) => new Linear(o)),
    base: { inFeatures: 4, outFeatures: 4 },
    options: [
      ['inFeatures', 'positive', false],
      ['outFeatures', 'positive', false],
    ],
  },
];

describe('every integer option of every layer: each kind of bad value is refused, naming the option, with PyTorch’s phrase', () => {
  const cases = INTEGER_OPTIONS.flatMap(({ layer, make, base, options }) =>
    options.flatMap(([name, rule, pair]) =>
      BAD_VALUES.filter(([kind]) => !(rule === 'nonNegative' && kind === 'zero'))
        // PyTorch's stride=None means "the kernel size" in pooling
        .filter(([kind]) => !(kind === 'null' && name === 'stride' && layer !== 'Conv2d'))
        // a string padding is a padding mode ('same', 'valid'), tested below
        .filter(([kind]) => !(kind === 'string' && name === 'padding' && layer === 'Conv2d'))
        .flatMap(([kind, value]) => [
          [`${layer} ${name}=${kind}`, layer, make, base, name, rule, value, value] as const,
          ...(pair ? [[`${layer} ${name}=[${kind}, 1]`, layer, make, base, name, rule, [value, 1], value] as const] : []),
        ]),
    ),
  );
  it.each(cases)('%s', (_label, layer, make, base, name, rule, given, bad) => {
    const write = rule === 'positive' ? writePositiveIntegerMessage : writeNonNegativeIntegerMessage;
    const message = write(layer, name, bad);
    expectThrows(() => make({ ...base, [name]: given }), errorClassOf(bad), message);
    // the message names the option, and carries PyTorch's words where PyTorch refuses the value too
    expect(message).toContain(`${layer}: ${name} must be a`);
  });

  it.each([
    ['Conv2d stride=0', () => new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, stride: 0 as 1 }), 'Conv2d: stride must be a positive integer, got 0 (non-positive stride is not supported)'],
    ['Conv2d dilation=0', () => new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, dilation: 0 as 1 }), 'Conv2d: dilation must be a positive integer, got 0 (dilation should be greater than zero)'],
    ['Conv2d padding=-1', () => new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, padding: -1 as 1 }), 'Conv2d: padding must be a non-negative integer, got -1 (negative padding is not supported)'],
    ['Conv2d kernelSize=0', () => new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 0 as 1 }), 'Conv2d: kernelSize must be a positive integer, got 0 (kernel size should be greater than zero)'],
    ['Conv2d outChannels=0', () => new Conv2d({ inChannels: 1, outChannels: 0 as 1, kernelSize: 1 }), 'Conv2d: outChannels must be a positive integer, got 0 (expected weight to be at least 1 at dimension 0)'],
    ['Conv2d groups=NaN', () => new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 1, groups: Number.NaN }), 'Conv2d: groups must be a positive integer, got NaN (non-positive groups is not supported)'],
    ['Conv2d groups=0', () => new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 1, groups: 0 as 1 }), 'Conv2d: groups must be a positive integer, got 0 (non-positive groups is not supported)'],
    ['Conv2d stride=string', () => new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, stride: '2' as never }), "Conv2d: stride must be a positive integer, got '2' (non-positive stride is not supported)"],
    ['Linear outFeatures=0', () => new Linear({ inFeatures: 8, outFeatures: 0 as 1 }), 'Linear: outFeatures must be a positive integer, got 0'],
    ['Linear outFeatures=-2', () => new Linear({ inFeatures: 8, outFeatures: -2 as 1 }), 'Linear: outFeatures must be a positive integer, got -2 (Trying to create tensor with negative dimension)'],
  ] as const)('%s: the exact words', (_label, make, message) => {
    expect(make).toThrow(message);
  });
});

describe('list options of the wrong length carry PyTorch’s phrase', () => {
  it.each([
    ['Conv2d', 'stride', 'expected stride to be a single integer value or a list of 2 values to match the convolution dimensions', (o: object) => new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, ...o } as never)],
    ['Conv2d', 'padding', 'expected padding to be a single integer value or a list of 2 values to match the convolution dimensions', (o: object) => new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, ...o } as never)],
    ['Conv2d', 'dilation', 'expected dilation to be a single integer value or a list of 2 values to match the convolution dimensions', (o: object) => new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, ...o } as never)],
    ['Conv2d', 'kernelSize', 'expected kernel_size to be a single integer value or a list of 2 values to match the convolution dimensions', (o: object) => new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, ...o } as never)],
    ['MaxPool2d', 'kernelSize', 'max_pool2d: kernel_size must either be a single int, or a tuple of two ints', (o: object) => new MaxPool2d({ kernelSize: 2, ...o } as never)],
    ['MaxPool2d', 'stride', 'max_pool2d: stride must either be omitted, a single int, or a tuple of two ints', (o: object) => new MaxPool2d({ kernelSize: 2, ...o } as never)],
    ['MaxPool2d', 'padding', 'max_pool2d: padding must be either be a single int, or a tuple of two ints', (o: object) => new MaxPool2d({ kernelSize: 2, ...o } as never)],
    ['AvgPool2d', 'kernelSize', 'avg_pool2d: kernel_size must either be a single int, or a tuple of two ints', (o: object) => new AvgPool2d({ kernelSize: 2, ...o } as never)],
    ['AvgPool2d', 'stride', 'avg_pool2d: stride must either be omitted, a single int, or a tuple of two ints', (o: object) => new AvgPool2d({ kernelSize: 2, ...o } as never)],
    ['AvgPool2d', 'padding', 'avg_pool2d: padding must either be a single int, or a tuple of two ints', (o: object) => new AvgPool2d({ kernelSize: 2, ...o } as never)],
  ] as const)('%s %s=[1, 1, 1] and [1]', (layer, name, phrase, make) => {
    for (const value of [[1, 1, 1], [1]]) {
      let thrown: unknown;
      try {
        make({ [name]: value });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect((thrown as Error).message).toMatch(new RegExp(`^${layer}: ${name} must be a number`));
      expect((thrown as Error).message).toContain(`(${phrase})`);
    }
  });

  it.each([
    ['paddingMode', 'mirror', "Conv2d: paddingMode must be one of 'zeros', 'reflect', 'replicate', 'circular', but got paddingMode='mirror' (padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'})"],
    ['paddingMode', null, "Conv2d: paddingMode must be one of 'zeros', 'reflect', 'replicate', 'circular', but got paddingMode=null (padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'})"],
    ['padding', 'full', "Conv2d: padding must be a number, a pair of numbers, 'valid' or 'same', got 'full' (Invalid padding string 'full', should be one of {'valid', 'same'})"],
    ['bias', null, 'Conv2d: bias must be a boolean, got null'],
  ] as const)('Conv2d %s=%s', (name, value, message) => {
    expectThrows(() => new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, [name]: value } as never), TypeError, message);
  });

  it.each([
    ['inChannels', 6, 4, 'Conv2d: inChannels must be divisible by groups, got inChannels=6 and groups=4 (in_channels must be divisible by groups)'],
    ['outChannels', 4, 3, 'Conv2d: outChannels must be divisible by groups, got outChannels=4 and groups=3 (out_channels must be divisible by groups)'],
  ] as const)('Conv2d %s=%i groups=%i', (name, value, groups, message) => {
    const base = { inChannels: groups, outChannels: groups, kernelSize: 1, groups };
    expectThrows(() => new Conv2d({ ...base, [name]: value } as never), RangeError, message);
  });
});

describe('the other options', () => {
  it.each([
    ['negative', -1, RangeError],
    ['list of 3', [1, 1, 1], TypeError],
    ['NaN', Number.NaN, TypeError],
    ['Infinity', Number.POSITIVE_INFINITY, TypeError],
    ['non-integer', 1.5, TypeError],
    ['string', '2', TypeError],
    ['null', null, TypeError],
  ] as const)('AdaptiveAvgPool2d outputSize=%s', (_kind, value, errorClass) => {
    const shown = Array.isArray(value) ? value : value;
    expectThrows(() => new AdaptiveAvgPool2d({ outputSize: value as never }), errorClass, writeAdaptiveOutputSizeMessage(shown));
  });

  it.each([
    ['negative', -0.5, RangeError],
    ['above 1', 1.5, RangeError],
    ['NaN', Number.NaN, RangeError],
    ['Infinity', Number.POSITIVE_INFINITY, RangeError],
    ['string', '0.5', TypeError],
    ['null', null, TypeError],
  ] as const)('Dropout p=%s, as { p } and as a number', (_kind, p, errorClass) => {
    expectThrows(() => new Dropout({ p } as never), errorClass, writeDropoutProbabilityMessage(p));
    expectThrows(() => new Dropout(p as never), errorClass, writeDropoutProbabilityMessage(p));
  });

  it.each([0, 0.25, 1] as const)('Dropout p=%s is accepted, as { p } and as a number', (p) => {
    expect(new Dropout({ p }).p).toBe(p);
    expect(new Dropout(p).p).toBe(p);
    expect(new Dropout().p).toBe(0.5);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['non-integer', 1.5],
    ['string', '1'],
    ['null', null],
  ] as const)('Flatten startDim and endDim = %s', (_kind, dim) => {
    const message = (name: string): string =>
      `Flatten: ${name} must be an integer, got ${typeof dim === 'string' ? `'${dim}'` : String(dim)} (flatten() received an invalid combination of arguments)`;
    expectThrows(() => new Flatten(dim as never), TypeError, message('startDim'));
    expectThrows(() => new Flatten(1, dim as never), TypeError, message('endDim'));
  });

  it.each([
    ['string', '0.1', "'0.1'"],
    ['null', null, 'null'],
  ] as const)('LeakyReLU negativeSlope=%s', (_kind, slope, shown) => {
    expectThrows(
      () => new LeakyReLU(slope as never),
      TypeError,
      `LeakyReLU: negativeSlope must be a number, got ${shown} (leaky_relu(): argument 'negative_slope' (position 2) must be Number)`,
    );
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -2])('LeakyReLU negativeSlope=%s is accepted, as in PyTorch', (slope) => {
    expect(new LeakyReLU(slope).negativeSlope).toBe(slope);
  });

  it.each([
    ['eps', '1', TypeError, "BatchNorm2d: eps must be a non-negative number, got '1' (batch_norm(): argument 'eps' (position 8) must be float)"],
    ['eps', -1, RangeError, 'BatchNorm2d: eps must be a non-negative number, got -1'],
    ['momentum', 'x', TypeError, "BatchNorm2d: momentum must be a finite number or null, got 'x'"],
    ['affine', 1, TypeError, 'BatchNorm2d: affine must be a boolean, got 1'],
    ['trackRunningStats', null, TypeError, 'BatchNorm2d: trackRunningStats must be a boolean, got null'],
  ] as const)('BatchNorm2d %s=%s', (name, value, errorClass, message) => {
    expectThrows(() => new BatchNorm2d({ numFeatures: 2, [name]: value } as never), errorClass, message);
  });
});

describe('seeds must be safe integers', () => {
  const badSeeds = [
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['non-integer', 1.5],
    ['string', '0'],
    ['null', null],
    ['beyond 2^53', 2 ** 53],
  ] as const;
  const takers = [
    ['rand', (seed: unknown) => rand([2], { seed } as never)],
    ['randn', (seed: unknown) => randn([2], { seed } as never)],
    ['Conv2d', (seed: unknown) => new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1 }, { seed } as never)],
    ['Linear', (seed: unknown) => new Linear({ inFeatures: 2, outFeatures: 1 }, { seed } as never)],
    ['Linear', (seed: unknown) => new Linear({ outFeatures: 1 }, { seed } as never)],
    ['manualSeed', (seed: unknown) => manualSeed(seed as never)],
    ['Generator', (seed: unknown) => new Generator(seed as never)],
  ] as const;
  it.each(takers.flatMap(([op, take]) => badSeeds.map(([kind, seed]) => [op, kind, take, seed] as const)))('%s seed=%s', (op, _kind, take, seed) => {
    expectThrows(() => take(seed), TypeError, writeSeedMessage(op, seed));
  });

  it('a refused manualSeed leaves the default generator as it was', () => {
    manualSeed(7);
    const first = Array.from(rand([4]).data);
    manualSeed(7);
    expect(() => manualSeed(Number.NaN)).toThrow(TypeError);
    expect(Array.from(rand([4]).data)).toEqual(first);
  });

  it.each([0, -5, 2 ** 53 - 1])('seed %s is accepted', (seed) => {
    expect(rand([2], { seed }).data).toEqual(rand([2], { seed }).data);
  });
});

describe('Sequential checks its declared input shape at construction', () => {
  it.each([
    [[-1, 3], 0],
    [[Number.NaN, 3], 0],
    [[1, 3, 2.5, 4], 2],
    [[1, Number.POSITIVE_INFINITY], 1],
    [[1, ''], 1],
    [[1, null], 1],
    [['batch', 4, '(H+1)//2', 'W'], 2],
    [['batch', '4*H*W'], 1],
    [['batch', 'H W'], 1],
    [['2H', 3], 0],
  ] as const)('new Sequential(%j) names dim %i', (shape, index) => {
    expectThrows(() => new Sequential(shape as never), TypeError, writeDeclaredShapeMessage('Sequential', shape, index));
  });

  it('a block after a layer that derives expressions still builds: its paths start from the derived shape', () => {
    const model = new Sequential(['batch', 4, 'H', 'W'])
      .add(new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, stride: 2, padding: 1 }))
      .residual((x) => x.add(new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, padding: 1 })).add(new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 1 })));
    expect(model.requirements()).toEqual(['H >= 1', 'W >= 1']);
  });

  it('an expression is what layers derive, not a declared dim: refused in the editor and at runtime in the same words', async () => {
    const message = writeDeclaredShapeMessage('Sequential', ['batch', 4, '(H+1)//2', 'W'], 2);
    expect(message).toBe("Sequential: input shape [batch, 4, (H+1)//2, W] must hold non-negative integers or dim names, got '(H+1)//2' at dim 2 (a name is an identifier; expressions are what layers derive)");
    const { compileSnippet } = await import('../scripts/virtual-program.mjs');
    const { diagnostics } = compileSnippet(`import { Sequential } from 'shapecheck';
new Sequential(['batch', 4, 'H', 'W']);
new Sequential(['batch', 4, '(H+1)//2', 'W']);
new Sequential(['batch', -3, 'H', 'W']);
`);
    expect(diagnostics.map((d: { line: number }) => d.line)).toEqual([2, 3]);
    expect(diagnostics[0]!.message).toContain(message);
    expect(diagnostics[1]!.message).toContain(writeDeclaredShapeMessage('Sequential', ['batch', -3, 'H', 'W'], 1));
  });

  it('summary(model, shape) checks the shape against the declared input', () => {
    const model = new Sequential(['batch', 3, 8, 8]).add(new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3 }));
    expect(summary(model, [2, 3, 8, 8])).toContain('[2, 4, 6, 6]');
    expectThrows(() => summary(model, [2, 4, 8, 8]), ShapeError, writeInputShapeMessage('summary', ['batch', 3, 8, 8], [2, 4, 8, 8]));
    expectThrows(() => summary(model, [2, 3, 8]), ShapeError, writeInputShapeMessage('summary', ['batch', 3, 8, 8], [2, 3, 8]));
    expect(() => summary(model, [2, 3, -8, 8])).toThrow(RangeError);
  });
});

describe('Conv2d refuses an empty height or width padded in a non-empty batch, as PyTorch does', () => {
  // torch 1.13: Only zero batch or zero channel inputs are supported, but got input shape: [1, 4, 0, 8]
  it.each([
    [[1, 4, 0, 8], 1, 'height'],
    [[4, 0, 8], 1, 'height'],
    [[1, 4, 0, 8], [1, 0], 'height'],
    [[1, 4, 8, 0], [0, 1], 'width'],
    [[1, 4, 0, 0], 1, 'height'],
  ] as const)('x=%j padding=%j: %s', (shape, padding, dimName) => {
    const conv = new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 1, padding: padding as never });
    expectThrows(() => conv.forward(zeros(shape) as never), ShapeError, writeEmptyInputMessage(shape, dimName));
    expectThrows(() => conv2dOutputShape(shape as never, { inChannels: 4, outChannels: 4, kernelSize: 1, padding } as never), ShapeError, writeEmptyInputMessage(shape, dimName));
  });

  it.each([
    [[0, 4, 0, 8], 1, [0, 4, 2, 10]],
    [[0, 4, 0, 8], [1, 0], [0, 4, 2, 8]],
  ] as const)('an empty batch is accepted: x=%j padding=%j gives %j', (shape, padding, output) => {
    const conv = new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 1, padding: padding as never });
    expect(conv.forward(zeros(shape) as never).shape).toEqual(output);
  });

  it('without padding the kernel check comes first, as in PyTorch', () => {
    const conv = new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 1, padding: [0, 1] });
    expect(() => conv.forward(ones([1, 4, 0, 8]) as never)).toThrow("Kernel size can't be greater than actual input size");
  });
});

describe('the functional ops check their options the same way', () => {
  const x = ones([1, 4, 4, 4]);
  const w = ones([4, 2, 3, 3]);
  it.each(BAD_VALUES.map(([kind, value]) => [kind, value] as const))('conv2d groups=%s names groups, not inChannels', (_kind, value) => {
    expectThrows(() => conv2d(x, w, null, { groups: value } as never), errorClassOf(value), writePositiveIntegerMessage('Conv2d', 'groups', value));
  });
  it.each([
    ['stride', '2', 'positive'],
    ['padding', null, 'nonNegative'],
    ['dilation', Number.NaN, 'positive'],
  ] as const)('conv2d %s=%s', (name, value, rule) => {
    const write = rule === 'positive' ? writePositiveIntegerMessage : writeNonNegativeIntegerMessage;
    expectThrows(() => conv2d(x, ones([4, 4, 3, 3]), null, { [name]: value } as never), TypeError, write('Conv2d', name, value));
  });
  it.each([
    ['maxPool2d', () => maxPool2d(x, { kernelSize: 2, padding: null } as never), writeNonNegativeIntegerMessage('MaxPool2d', 'padding', null)],
    ['avgPool2d', () => avgPool2d(x, { kernelSize: 2, padding: '1' } as never), writeNonNegativeIntegerMessage('AvgPool2d', 'padding', '1')],
  ] as const)('%s padding', (_op, call, message) => {
    expectThrows(call, TypeError, message);
  });
});
