// The generated editor suite's cases (issue 9, section 1): every layer kind the package exports,
// every way its shape check can fail, in every context, as source text. Nothing here compiles or
// runs a case: test/editor-suite.test.ts does, with TypeScript 6.0's LanguageService, TypeScript
// 7's tsc and the runtime.
//
// A case is a model written in one context (a container and the layers before the one under
// test) whose steps each have a fitting layer and, for the mistakes, a wrong one. Its variants
// are the source with some of the mistakes made: the test compiles the variant with all of them
// (expecting one diagnostic on each wrong line) and the one with none (expecting no diagnostic
// and a trace equal to the runtime's layerTable); the runtime message for each wrong line comes
// from running the variant with that mistake alone.

/** A dim as a model's input declares it. */
export type Dim = number | string;
export type Dims = readonly Dim[];

/** Where a wrong layer is reported: at its options (the constructor) or where it meets its input. */
export type Where = 'options' | 'input';

/**
 * One layer (or block) as source. `chain` is one line appended to a `Sequential` chain;
 * `declarations` are the classes it needs before the model; `field` and `apply` write it as a
 * field of a block class and its call in `forward` (both absent: it cannot be written there).
 */
export interface Unit {
  readonly kind: string;
  readonly chain: string;
  readonly declarations?: readonly string[];
  readonly field?: string;
  /**
   * Its call in a block class's `forward` (default `self.forward(input)`); blocks use the
   * functional twins. `indices` are the last indices an earlier layer returned (MaxUnpool2d takes them).
   */
  readonly apply?: (self: string, input: string, indices: string | undefined) => string;
  /** Its forward returns `[output, indices]` (returnIndices): a block class destructures them. */
  readonly twoOutputs?: true;
}

/** A failure mode of one layer kind: the shape reaching it, a layer that fits it and one that does not. */
export interface Mode {
  readonly kind: string;
  readonly name: string;
  /** The shape that reaches the layer under test. */
  readonly target: Dims;
  readonly where: Where;
  /** The layer that fits `target`; `null` when none of this kind does (the fixed model leaves it out). */
  readonly fits: ((names: Names) => Unit) | null;
  /** The wrong layer; absent for kinds that cannot fail (activations): only the fitting model is checked. */
  readonly wrong?: (names: Names) => Unit;
  /** A block class cannot be written inside another (its forward checks nothing at runtime). */
  readonly chainOnly?: boolean;
  /**
   * Where the mode can be written, when not everywhere (each context left out is listed with
   * `why`): only in some containers, or only first in them (no layer before it).
   */
  readonly placement?: Placement;
  /**
   * The layer it needs right before it, in place of the adapters (MaxUnpool2d: the pool whose
   * indices it takes), and the input that layer needs; the mode is then written first only.
   */
  readonly before?: (names: Names) => { readonly input: Dims; readonly unit: Unit };
}

/** See {@link Mode.placement}. */
export interface Placement {
  readonly containers?: readonly Container[];
  readonly firstOnly?: true;
  /** Why the other contexts cannot be written (the coverage test counts the contexts by it). */
  readonly why: string;
}

/**
 * A mode as cases and coverage name it: its kind and name (a mode without a wrong layer is named
 * `fits`, or `fits on ...` where a kind has more than one).
 */
export const modeLabel = (mode: Mode): string => `${mode.kind} ${mode.name}`;

/** Fresh names for the classes a case declares. */
export class Names {
  #next = 1;
  block(): string {
    return `Block${this.#next++}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Source helpers

export const shapeLiteral = (dims: Dims): string => `[${dims.map((d) => (typeof d === 'string' ? `'${d}'` : String(d))).join(', ')}]`;

const layer = (kind: string, args: string): Unit => ({ kind, chain: `.add(new ${kind}(${args}))`, field: `new ${kind}(${args})` });
const opts = (fields: Record<string, unknown>): string =>
  `{ ${Object.entries(fields)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? `'${v}'` : JSON.stringify(v)}`)
    .join(', ')} }`;
const conv = (fields: Record<string, unknown>): Unit => layer('Conv2d', opts(fields));
const linear = (fields: Record<string, unknown>): Unit => layer('Linear', opts(fields));

/**
 * A block class whose forward is declared for `input` and returns `output` (the input through
 * `relu`, or a block declared for the wrong input that still returns what the model expects);
 * its `outputShape` checks the same input at runtime, as docs/models.md writes one.
 */
export function blockClass(name: string, input: Dims, output: Dims = input): string {
  const same = shapeLiteral(input) === shapeLiteral(output);
  return [
    `  class ${name} {`,
    `    readonly kind = '${name}';`,
    `    outputShape(shape: readonly number[]): number[] {`,
    `      checkInputShape(this.kind, ${shapeLiteral(input)}, shape);`,
    // (a block declared for the wrong input never gets here: checkInputShape throws)
    same ? `      return [...shape];` : `      return [${output.map((d) => (typeof d === 'number' ? String(d) : 'shape[0]!')).join(', ')}];`,
    `    }`,
    `    forward(x: Tensor<${shapeLiteral(input)}>): Tensor<${shapeLiteral(output)}> {`,
    same ? `      return relu(x);` : `      return relu(x) as unknown as Tensor<${shapeLiteral(output)}>;`,
    `    }`,
    `  }`,
  ].join('\n');
}
/** A block declared for `declared`; when given, it returns `output` whatever it is declared for. */
const block = (names: Names, declared: Dims, output?: Dims): Unit => {
  const name = names.block();
  return { kind: 'Block', chain: `.add(new ${name}())`, declarations: [blockClass(name, declared, output)] };
};

/**
 * A residual block: in a model `residual(main, shortcut?)`; in a block class its functional twin,
 * `add(main(x), shortcut(x))`, its layers held in one field.
 */
const residualUnit = (main: string, shortcut?: string): Unit => ({
  kind: 'Residual',
  chain: shortcut ? `.residual((x) => x.add(${main}), (x) => x.add(${shortcut}))` : `.residual((x) => x.add(${main}))`,
  field: shortcut ? `{ main: ${main}, shortcut: ${shortcut} }` : `{ main: ${main} }`,
  apply: (self, input) => `add(${self}.main.forward(${input}), ${shortcut ? `${self}.shortcut.forward(${input})` : input})`,
});
/** Two branches joined by `cat`: in a model `cat([...], dim)`; in a block class the functional `cat`. */
const catUnit = (first: readonly [string, string], second: readonly [string, string], dim: number): Unit => ({
  kind: 'Cat',
  chain: `.cat([(x) => x.add(new ${first[0]}(${first[1]})), (x) => x.add(new ${second[0]}(${second[1]}))], ${dim})`,
  field: `{ first: new ${first[0]}(${first[1]}), second: new ${second[0]}(${second[1]}) }`,
  apply: (self, input) => `cat([${self}.first.forward(${input}), ${self}.second.forward(${input})], ${dim})`,
});

// ---------------------------------------------------------------------------------------------
// The failure modes, read off each layer's shape rule (src/shape/*.ts) and constructor (src/nn/*.ts)

const image: Dims = ['batch', 4, 8, 8];
const symbolic: Dims = ['batch', 4, 'H', 'W'];
const features: Dims = ['batch', 128];

/** Activations: no failure mode (any shape, any rank); their fitting models are checked. */
const activations = ['ReLU', 'ReLU6', 'LeakyReLU', 'Sigmoid', 'Tanh', 'GELU'] as const;
/** Issue 12's activations (SiLU, Hardswish, Hardsigmoid, Mish, ELU, Identity): no failure mode either. */
const issue12Activations = ['SiLU', 'Hardswish', 'Hardsigmoid', 'Mish', 'ELU', 'Identity'] as const;

/** Issue 12's modes (SiLU, Hardswish, Hardsigmoid, Mish, ELU, Identity, PReLU, Softmax, LogSoftmax, Dropout2d, GELU 'tanh'), on `target`. */
function issue12Modes(target: Dims, on: string): Mode[] {
  const suffix = on ? ` ${on}` : '';
  const modes: Mode[] = [
    ...issue12Activations.map((kind): Mode => ({ kind, name: `fits${suffix}`, target, where: 'input', fits: () => layer(kind, kind === 'ELU' ? '{ alpha: 0.5 }' : '') })),
    { kind: 'GELU', name: `tanh fits${suffix}`, target, where: 'input', fits: () => layer('GELU', "{ approximate: 'tanh' }") },
    { kind: 'GELU', name: `approximate 'fast'${suffix}`, target, where: 'options', fits: () => layer('GELU', "{ approximate: 'tanh' }"), wrong: () => layer('GELU', "{ approximate: 'fast' }") },
    { kind: 'PReLU', name: `numParameters≠4${suffix}`, target, where: 'input', fits: () => layer('PReLU', '{ numParameters: 4 }'), wrong: () => layer('PReLU', '{ numParameters: 3 }') },
    { kind: 'Softmax', name: `dim 4 out of range${suffix}`, target, where: 'input', fits: () => layer('Softmax', '{ dim: 1 }'), wrong: () => layer('Softmax', '{ dim: 4 }') },
    { kind: 'LogSoftmax', name: `dim -5 out of range${suffix}`, target, where: 'input', fits: () => layer('LogSoftmax', '{ dim: -1 }'), wrong: () => layer('LogSoftmax', '{ dim: -5 }') },
    { kind: 'Dropout2d', name: `p 1.5${suffix}`, target, where: 'options', fits: () => layer('Dropout2d', '0.5'), wrong: () => layer('Dropout2d', '1.5') },
  ];
  if (on) return modes;
  // on literal sizes only: options wrong by themselves, and ranks
  return [
    ...modes,
    { kind: 'PReLU', name: 'numParameters 0', target, where: 'options', fits: () => layer('PReLU', '{ numParameters: 4 }'), wrong: () => layer('PReLU', '{ numParameters: 0 }') },
    { kind: 'PReLU', name: 'rank 0 input, numParameters 2', target: [], where: 'input', fits: null, wrong: () => layer('PReLU', '{ numParameters: 2 }') },
    { kind: 'PReLU', name: 'numParameters≠1 on a 1-D input', target: [8], where: 'input', fits: () => layer('PReLU', ''), wrong: () => layer('PReLU', '{ numParameters: 8 }') },
    { kind: 'Softmax', name: 'dim 1 on a 0-D input', target: [], where: 'input', fits: null, wrong: () => layer('Softmax', '{ dim: 1 }') },
    { kind: 'LogSoftmax', name: 'dim 2 on [batch, 128]', target: features, where: 'input', fits: () => layer('LogSoftmax', '{ dim: 1 }'), wrong: () => layer('LogSoftmax', '{ dim: 2 }') },
    { kind: 'Dropout2d', name: 'rank 1 input', target: [8], where: 'input', fits: null, wrong: () => layer('Dropout2d', '') },
  ];
}

function poolModes(kind: 'MaxPool2d' | 'AvgPool2d'): Mode[] {
  const pool = (fields: Record<string, unknown>): Unit => layer(kind, opts(fields));
  const modes: Mode[] = [
    { kind, name: 'kernel larger than the input', target: ['batch', 4, 3, 3], where: 'input', fits: () => pool({ kernelSize: 2 }), wrong: () => pool({ kernelSize: 5 }) },
    { kind, name: 'padding more than half the kernel', target: image, where: 'options', fits: () => pool({ kernelSize: 2, padding: 1 }), wrong: () => pool({ kernelSize: 2, padding: 2 }) },
    { kind, name: 'rank 2 input', target: features, where: 'input', fits: null, wrong: () => pool({ kernelSize: 2 }) },
    { kind, name: 'empty input (0 channels)', target: ['batch', 0, 8, 8], where: 'input', fits: null, wrong: () => pool({ kernelSize: 2 }) },
    { kind, name: 'kernelSize 0', target: image, where: 'options', fits: () => pool({ kernelSize: 2 }), wrong: () => pool({ kernelSize: 0 }) },
    { kind, name: 'stride 0', target: image, where: 'options', fits: () => pool({ kernelSize: 2, stride: 1 }), wrong: () => pool({ kernelSize: 2, stride: 0 }) },
    { kind, name: 'padding -1', target: image, where: 'options', fits: () => pool({ kernelSize: 2, padding: 0 }), wrong: () => pool({ kernelSize: 2, padding: -1 }) },
  ];
  if (kind === 'MaxPool2d') {
    modes.push({ kind, name: 'dilation 0', target: image, where: 'options', fits: () => pool({ kernelSize: 2, dilation: 1 }), wrong: () => pool({ kernelSize: 2, dilation: 0 }) });
  } else {
    modes.push({
      kind,
      name: 'divisorOverride 0',
      target: image,
      where: 'options',
      fits: () => pool({ kernelSize: 2, divisorOverride: 1 }),
      wrong: () => pool({ kernelSize: 2, divisorOverride: 0 }),
    });
  }
  return modes;
}

/** Upsample, PixelShuffle, PixelUnshuffle (issue 12): each check of src/shape/upsample.ts that can fail, and fits on names. */
function resizeModes(): Mode[] {
  const up = (fields: Record<string, unknown>): Unit => layer('Upsample', opts(fields));
  const shuffle = (r: number): Unit => layer('PixelShuffle', `{ upscaleFactor: ${r} }`);
  const unshuffle = (r: number): Unit => layer('PixelUnshuffle', `{ downscaleFactor: ${r} }`);
  const on = 'on symbolic H, W';
  return [
    { kind: 'Upsample', name: 'alignCorners with nearest', target: image, where: 'options', fits: () => up({ scaleFactor: 2 }), wrong: () => up({ scaleFactor: 2, alignCorners: true }) },
    { kind: 'Upsample', name: 'size and scaleFactor', target: image, where: 'options', fits: () => up({ size: 4 }), wrong: () => up({ size: 4, scaleFactor: 2 }) },
    { kind: 'Upsample', name: 'neither size nor scaleFactor', target: image, where: 'options', fits: () => up({ scaleFactor: 2, mode: 'bilinear' }), wrong: () => up({ mode: 'bilinear' }) },
    { kind: 'Upsample', name: 'recomputeScaleFactor with size', target: image, where: 'options', fits: () => up({ scaleFactor: 1.5, recomputeScaleFactor: true }), wrong: () => up({ size: 4, recomputeScaleFactor: true }) },
    { kind: 'Upsample', name: 'size 0', target: image, where: 'options', fits: () => up({ size: [4, 6] }), wrong: () => up({ size: [4, 0] }) },
    { kind: 'Upsample', name: 'scaleFactor -2', target: image, where: 'options', fits: () => up({ scaleFactor: 2 }), wrong: () => up({ scaleFactor: -2 }) },
    { kind: 'Upsample', name: 'scale empties the output', target: image, where: 'input', fits: () => up({ scaleFactor: 0.125 }), wrong: () => up({ scaleFactor: 0.0625 }) },
    { kind: 'Upsample', name: 'rank 2 input', target: features, where: 'input', fits: null, wrong: () => up({ scaleFactor: 2 }) },
    { kind: 'Upsample', name: 'rank 3 input (bilinear)', target: ['batch', 8, 8], where: 'input', fits: null, wrong: () => up({ scaleFactor: 2, mode: 'bilinear' }) },
    { kind: 'Upsample', name: 'empty input (0 channels)', target: ['batch', 0, 8, 8], where: 'input', fits: null, wrong: () => up({ size: 4 }) },
    { kind: 'Upsample', name: `alignCorners with nearest-exact ${on}`, target: symbolic, where: 'options', fits: () => up({ scaleFactor: 2, mode: 'nearest-exact' }), wrong: () => up({ scaleFactor: 2, mode: 'nearest-exact', alignCorners: false }) },
    { kind: 'Upsample', name: `fits ${on} (scale 1.5, bilinear)`, target: symbolic, where: 'input', fits: () => up({ scaleFactor: 1.5, mode: 'bilinear', alignCorners: true }) },
    { kind: 'PixelShuffle', name: 'channels not divisible by upscaleFactor²', target: image, where: 'input', fits: () => shuffle(2), wrong: () => shuffle(3) },
    { kind: 'PixelShuffle', name: 'upscaleFactor 0', target: image, where: 'options', fits: () => shuffle(1), wrong: () => shuffle(0) },
    { kind: 'PixelShuffle', name: 'rank 2 input', target: features, where: 'input', fits: null, wrong: () => shuffle(2) },
    { kind: 'PixelShuffle', name: `channels not divisible ${on}`, target: symbolic, where: 'input', fits: () => shuffle(2), wrong: () => shuffle(3) },
    { kind: 'PixelUnshuffle', name: 'height not divisible', target: ['batch', 4, 6, 8], where: 'input', fits: () => unshuffle(2), wrong: () => unshuffle(4) },
    { kind: 'PixelUnshuffle', name: 'width not divisible', target: ['batch', 4, 8, 6], where: 'input', fits: () => unshuffle(2), wrong: () => unshuffle(4) },
    { kind: 'PixelUnshuffle', name: 'downscaleFactor 0', target: image, where: 'options', fits: () => unshuffle(2), wrong: () => unshuffle(0) },
    { kind: 'PixelUnshuffle', name: 'rank 2 input', target: features, where: 'input', fits: null, wrong: () => unshuffle(2) },
  ];
}

/** Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d (issue 12): each check of src/shape/conv1d.ts and src/shape/pool1d.ts that can fail, and fits on a named length. */
function oneDModes(): Mode[] {
  const signal: Dims = ['batch', 4, 16];
  const named: Dims = ['batch', 4, 'L'];
  const c1 = (fields: Record<string, unknown>): Unit => layer('Conv1d', opts(fields));
  const max1 = (fields: Record<string, unknown>): Unit => layer('MaxPool1d', opts(fields));
  const avg1 = (fields: Record<string, unknown>): Unit => layer('AvgPool1d', opts(fields));
  const ada1 = (size: number): Unit => layer('AdaptiveAvgPool1d', `{ outputSize: ${size} }`);
  const on = 'on symbolic L';
  return [
    { kind: 'Conv1d', name: 'inChannels≠4', target: signal, where: 'input', fits: () => c1({ inChannels: 4, outChannels: 8, kernelSize: 3 }), wrong: () => c1({ inChannels: 3, outChannels: 8, kernelSize: 3 }) },
    { kind: 'Conv1d', name: 'kernel longer than the input', target: ['batch', 4, 4], where: 'input', fits: () => c1({ inChannels: 4, outChannels: 8, kernelSize: 3 }), wrong: () => c1({ inChannels: 4, outChannels: 8, kernelSize: 5 }) },
    { kind: 'Conv1d', name: 'rank 4 input', target: image, where: 'input', fits: null, wrong: () => c1({ inChannels: 4, outChannels: 8, kernelSize: 3 }) },
    { kind: 'Conv1d', name: 'groups not dividing inChannels', target: signal, where: 'options', fits: () => c1({ inChannels: 4, outChannels: 8, kernelSize: 3, groups: 2 }), wrong: () => c1({ inChannels: 4, outChannels: 6, kernelSize: 3, groups: 3 }) },
    { kind: 'Conv1d', name: "'same' with a stride", target: signal, where: 'options', fits: () => c1({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: 'same' }), wrong: () => c1({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: 'same', stride: 2 }) },
    { kind: 'Conv1d', name: 'reflect padding ≥ length', target: ['batch', 4, 3], where: 'input', fits: () => c1({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: 2, paddingMode: 'replicate' }), wrong: () => c1({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: 3, paddingMode: 'reflect' }) },
    { kind: 'Conv1d', name: `inChannels≠4 ${on}`, target: named, where: 'input', fits: () => c1({ inChannels: 4, outChannels: 8, kernelSize: 3, stride: 2, padding: 1 }), wrong: () => c1({ inChannels: 2, outChannels: 8, kernelSize: 3, stride: 2, padding: 1 }) },
    { kind: 'MaxPool1d', name: 'padding over half the kernel', target: signal, where: 'options', fits: () => max1({ kernelSize: 3, padding: 1 }), wrong: () => max1({ kernelSize: 3, padding: 2 }) },
    { kind: 'MaxPool1d', name: 'output length 0', target: ['batch', 4, 2], where: 'input', fits: () => max1({ kernelSize: 2 }), wrong: () => max1({ kernelSize: 3 }) },
    { kind: 'MaxPool1d', name: 'rank 4 input', target: image, where: 'input', fits: null, wrong: () => max1({ kernelSize: 2 }) },
    { kind: 'MaxPool1d', name: `fits ${on} (ceil mode)`, target: named, where: 'input', fits: () => max1({ kernelSize: 3, stride: 2, ceilMode: true }) },
    { kind: 'AvgPool1d', name: 'kernelSize 0', target: signal, where: 'options', fits: () => avg1({ kernelSize: 2 }), wrong: () => avg1({ kernelSize: 0 }) },
    { kind: 'AvgPool1d', name: 'output length 0', target: ['batch', 4, 2], where: 'input', fits: () => avg1({ kernelSize: 2 }), wrong: () => avg1({ kernelSize: 3 }) },
    { kind: 'AvgPool1d', name: 'rank 4 input', target: image, where: 'input', fits: null, wrong: () => avg1({ kernelSize: 2 }) },
    { kind: 'AdaptiveAvgPool1d', name: 'outputSize -1', target: signal, where: 'options', fits: () => ada1(4), wrong: () => ada1(-1) },
    { kind: 'AdaptiveAvgPool1d', name: 'rank 4 input', target: image, where: 'input', fits: null, wrong: () => ada1(1) },
    { kind: 'AdaptiveAvgPool1d', name: `fits ${on}`, target: named, where: 'input', fits: () => ada1(1) },
  ];
}

/** ZeroPad2d, ReflectionPad2d, ReplicationPad2d, AdaptiveMaxPool2d (issue 12, layers-misc): each check of src/shape/pad2d.ts and adaptive-max-pool2d.ts that can fail, and fits on names. */
function miscLayerModes(): Mode[] {
  const amax = (fields: Record<string, unknown>): Unit => layer('AdaptiveMaxPool2d', opts(fields));
  const pad = (kind: 'ZeroPad2d' | 'ReflectionPad2d' | 'ReplicationPad2d', padding: number | number[]): Unit => layer(kind, opts({ padding }));
  const on = 'on symbolic H, W';
  return [
    { kind: 'ReflectionPad2d', name: 'padding not less than the dim', target: ['batch', 4, 3, 3], where: 'input', fits: () => pad('ReflectionPad2d', 2), wrong: () => pad('ReflectionPad2d', 3) },
    { kind: 'ReflectionPad2d', name: 'rank 2 input', target: features, where: 'input', fits: null, wrong: () => pad('ReflectionPad2d', 1) },
    { kind: 'ReplicationPad2d', name: 'empty input (0 channels)', target: ['batch', 0, 8, 8], where: 'input', fits: null, wrong: () => pad('ReplicationPad2d', 1) },
    { kind: 'ReplicationPad2d', name: 'padding -1', target: image, where: 'options', fits: () => pad('ReplicationPad2d', [1, 0, 2, 0]), wrong: () => pad('ReplicationPad2d', -1) },
    { kind: 'ZeroPad2d', name: 'rank 1 input', target: [8], where: 'input', fits: null, wrong: () => pad('ZeroPad2d', 1) },
    { kind: 'ZeroPad2d', name: 'crop below zero', target: ['batch', 4, 3, 3], where: 'input', fits: () => pad('ZeroPad2d', -1), wrong: () => pad('ZeroPad2d', [-2, -2, 0, 0]) },
    { kind: 'ZeroPad2d', name: 'padding of 2 values', target: image, where: 'options', fits: () => pad('ZeroPad2d', [1, 1, 0, 0]), wrong: () => pad('ZeroPad2d', [1, 1]) },
    { kind: 'ReflectionPad2d', name: `fits ${on} (padding 1, 2)`, target: symbolic, where: 'input', fits: () => pad('ReflectionPad2d', [1, 2, 1, 2]) },
    { kind: 'AdaptiveMaxPool2d', name: 'rank 2 input', target: features, where: 'input', fits: null, wrong: () => amax({ outputSize: 2 }) },
    { kind: 'AdaptiveMaxPool2d', name: 'empty input (0 channels)', target: ['batch', 0, 8, 8], where: 'input', fits: null, wrong: () => amax({ outputSize: 2 }) },
    { kind: 'AdaptiveMaxPool2d', name: 'outputSize -1', target: image, where: 'options', fits: () => amax({ outputSize: [2, null] }), wrong: () => amax({ outputSize: -1 }) },
  ];
  // (the layers with indices and Embedding: indexModes below)
}

/** The contexts of a layer a model refuses (a block class calls it with its two tensors). */
const chains: Placement = { containers: ['model', 'residual main', 'residual shortcut', 'cat branch'], why: 'a block class calls it with its two tensors, which is no mistake' };
/** The contexts of a layer with two tensors, in or out: a block class's forward only. */
const blockOnly: Placement = { containers: ['block class'], why: 'a model refuses a layer with two tensors (its own mode)' };
/** Embedding's contexts: first only, as the model's input (the suite's zeros are indices; a layer before it makes floats). */
const firstOnly: Placement = { firstOnly: true, why: 'its input is indices, which the layers before it do not make' };

/**
 * Issue 12's layers with indices (onnx-indices): MaxPool2d and AdaptiveMaxPool2d with
 * `returnIndices` and MaxUnpool2d, refused in a model and checked in a block class's forward,
 * which destructures `[output, indices]` and passes the indices on (`Unit.twoOutputs`, `Mode.before`);
 * and Embedding, whose options are its checks (any shape of indices fits), first only.
 */
function indexModes(): Mode[] {
  const pool = (fields: Record<string, unknown>): Unit => ({ ...layer('MaxPool2d', opts(fields)), ...(fields.returnIndices ? { twoOutputs: true as const } : {}) });
  const amax = (fields: Record<string, unknown>): Unit => ({ ...layer('AdaptiveMaxPool2d', opts(fields)), ...(fields.returnIndices ? { twoOutputs: true as const } : {}) });
  /** A MaxUnpool2d unit, called with the indices before it and, when given, an output size. */
  const unpool = (fields: Record<string, unknown>, outputSize?: readonly number[]): Unit => ({
    ...layer('MaxUnpool2d', opts(fields)),
    apply: (self, input, indices) => `${self}.forward(${input}, ${indices ?? input}${outputSize ? `, ${JSON.stringify(outputSize)}` : ''})`,
  });
  /** The pool whose indices an unpooling takes: 2×2 on `[2, 4, 2h, 2w]`. */
  const pooledFrom = (h: number, w: number) => (): { input: Dims; unit: Unit } => ({ input: [2, 4, 2 * h, 2 * w], unit: pool({ kernelSize: 2, returnIndices: true }) });
  const embed = (fields: Record<string, unknown>): Unit => layer('Embedding', opts(fields));
  const tokens: Dims = ['batch', 7];
  const table = { numEmbeddings: 10, embeddingDim: 4 };
  /** An Embedding feeding a Linear, one line (the Linear's inFeatures against embeddingDim 8). */
  const embedThenLinear = (inFeatures: number): Unit => ({
    kind: 'Linear',
    chain: `.add(new Embedding({ numEmbeddings: 10, embeddingDim: 8 })).add(new Linear({ inFeatures: ${inFeatures}, outFeatures: 3 }))`,
    field: `{ embed: new Embedding({ numEmbeddings: 10, embeddingDim: 8 }), fc: new Linear({ inFeatures: ${inFeatures}, outFeatures: 3 }) }`,
    apply: (self, input) => `${self}.fc.forward(${self}.embed.forward(${input}))`,
  });
  return [
    // in a model: refused, at the layer (types and add())
    { kind: 'MaxPool2d', name: 'returnIndices, added to a model', target: image, where: 'input', placement: chains, fits: () => pool({ kernelSize: 2 }), wrong: () => pool({ kernelSize: 2, returnIndices: true }) },
    { kind: 'AdaptiveMaxPool2d', name: 'returnIndices, added to a model', target: image, where: 'input', placement: chains, fits: () => amax({ outputSize: 2 }), wrong: () => amax({ outputSize: 2, returnIndices: true }) },
    { kind: 'MaxUnpool2d', name: 'added to a model', target: image, where: 'input', placement: chains, fits: null, wrong: () => unpool({ kernelSize: 2 }) },
    // in a block class: two tensors out of the pools, two into MaxUnpool2d
    { kind: 'MaxPool2d', name: 'with indices, kernel larger than the input', target: ['batch', 4, 3, 3], where: 'input', placement: blockOnly, fits: () => pool({ kernelSize: 2, returnIndices: true }), wrong: () => pool({ kernelSize: 5, returnIndices: true }) },
    { kind: 'MaxPool2d', name: 'with indices, padding more than half the kernel', target: image, where: 'options', placement: blockOnly, fits: () => pool({ kernelSize: 2, padding: 1, returnIndices: true }), wrong: () => pool({ kernelSize: 2, padding: 2, returnIndices: true }) },
    { kind: 'AdaptiveMaxPool2d', name: 'with indices, rank 2 input', target: features, where: 'input', placement: blockOnly, fits: null, wrong: () => amax({ outputSize: 2, returnIndices: true }) },
    { kind: 'AdaptiveMaxPool2d', name: 'with indices fits', target: image, where: 'input', placement: blockOnly, fits: () => amax({ outputSize: [2, null], returnIndices: true }) },
    { kind: 'MaxUnpool2d', name: 'outputSize out of range', target: [2, 4, 4, 4], where: 'input', placement: blockOnly, before: pooledFrom(4, 4), fits: () => unpool({ kernelSize: 2 }, [9, 8]), wrong: () => unpool({ kernelSize: 2 }, [10, 8]) },
    { kind: 'MaxUnpool2d', name: 'output size below zero', target: [2, 4, 1, 1], where: 'input', placement: blockOnly, before: pooledFrom(1, 1), fits: () => unpool({ kernelSize: 2 }), wrong: () => unpool({ kernelSize: 2, padding: 2 }) },
    { kind: 'MaxUnpool2d', name: 'kernelSize 0', target: [2, 4, 4, 4], where: 'options', placement: blockOnly, before: pooledFrom(4, 4), fits: () => unpool({ kernelSize: 2 }), wrong: () => unpool({ kernelSize: 0 }) },
    { kind: 'MaxUnpool2d', name: 'stride 0', target: [2, 4, 4, 4], where: 'options', placement: blockOnly, before: pooledFrom(4, 4), fits: () => unpool({ kernelSize: 2, stride: 2 }), wrong: () => unpool({ kernelSize: 2, stride: 0 }) },
    // Embedding: its options (any shape of indices fits), first only
    { kind: 'Embedding', name: 'numEmbeddings 0', target: tokens, where: 'options', placement: firstOnly, fits: () => embed(table), wrong: () => embed({ ...table, numEmbeddings: 0 }) },
    { kind: 'Embedding', name: 'embeddingDim 2.5', target: tokens, where: 'options', placement: firstOnly, fits: () => embed(table), wrong: () => embed({ ...table, embeddingDim: 2.5 }) },
    { kind: 'Embedding', name: 'paddingIdx 10 of 10', target: tokens, where: 'options', placement: firstOnly, fits: () => embed({ ...table, paddingIdx: 9 }), wrong: () => embed({ ...table, paddingIdx: 10 }) },
    { kind: 'Embedding', name: 'paddingIdx -11 of 10', target: tokens, where: 'options', placement: firstOnly, fits: () => embed({ ...table, paddingIdx: -10 }), wrong: () => embed({ ...table, paddingIdx: -11 }) },
    { kind: 'Embedding', name: 'maxNorm', target: tokens, where: 'options', placement: firstOnly, fits: () => embed(table), wrong: () => embed({ ...table, maxNorm: 1 }) },
    { kind: 'Embedding', name: 'fits on [batch, 2, 3]', target: ['batch', 2, 3], where: 'input', placement: firstOnly, fits: () => embed(table) },
    { kind: 'Embedding', name: 'fits on symbolic T', target: ['batch', 'T'], where: 'input', placement: firstOnly, fits: () => embed(table) },
    { kind: 'Linear', name: 'inFeatures≠embeddingDim after an Embedding', target: tokens, where: 'input', placement: firstOnly, fits: () => embedThenLinear(8), wrong: () => embedThenLinear(6) },
  ];
}

/**
 * Every layer kind that takes a 4-D input (or, after a Flatten, a 2-D one) on symbolic sizes
 * (issue 11): its shape as the expression the editor and layerTable print, and its mistakes with
 * names in their messages. A size the mistake needs stays a literal beside a name
 * (`['batch', 4, 'H', 3]`); a mistake that names cannot make (a kernel larger than `H`: a
 * requirement `H >= 5`, not an error) is not one here.
 */
function symbolicModes(): Mode[] {
  const on = 'on symbolic H, W';
  const pool = (kind: 'MaxPool2d' | 'AvgPool2d', fields: Record<string, unknown>): Unit => layer(kind, opts(fields));
  const poolModes = (kind: 'MaxPool2d' | 'AvgPool2d'): Mode[] => [
    { kind, name: 'kernel larger than the input on [batch, 4, H, 3]', target: ['batch', 4, 'H', 3], where: 'input', fits: () => pool(kind, { kernelSize: 2 }), wrong: () => pool(kind, { kernelSize: 5 }) },
    { kind, name: `padding more than half the kernel ${on} (ceil mode)`, target: symbolic, where: 'options', fits: () => pool(kind, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }), wrong: () => pool(kind, { kernelSize: 3, stride: 2, padding: 2, ceilMode: true }) },
  ];
  return [
    // Conv2d: its size checks with one literal size, its options, 'same', groups, two targets with a name twice or an expression
    { kind: 'Conv2d', name: 'kernel larger than the padded input on [batch, 4, H, 5]', target: ['batch', 4, 'H', 5], where: 'input', fits: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 3 }), wrong: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 7 }) },
    { kind: 'Conv2d', name: `'same' with stride 2 ${on}`, target: symbolic, where: 'options', fits: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: 'same' }), wrong: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: 'same', stride: 2 }) },
    { kind: 'Conv2d', name: `groups not dividing inChannels ${on}`, target: symbolic, where: 'options', fits: () => conv({ inChannels: 4, outChannels: 6, kernelSize: 3, stride: 2, groups: 2 }), wrong: () => conv({ inChannels: 4, outChannels: 6, kernelSize: 3, stride: 2, groups: 3 }) },
    { kind: 'Conv2d', name: 'rank 2 input on [batch, H]', target: ['batch', 'H'], where: 'input', fits: null, wrong: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 1 }) },
    { kind: 'Conv2d', name: 'inChannels≠4 on [batch, 4, H, H]', target: ['batch', 4, 'H', 'H'], where: 'input', fits: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 3, stride: 2, padding: 1 }), wrong: () => conv({ inChannels: 3, outChannels: 8, kernelSize: 3, stride: 2, padding: 1 }) },
    // (a model declared on an expression, ['batch', 4, '(H+1)//2', 'W'], is refused by both: test/names.test.ts)
    // pooling
    ...poolModes('MaxPool2d'),
    ...poolModes('AvgPool2d'),
    { kind: 'AvgPool2d', name: `fits ${on} (ceil mode)`, target: symbolic, where: 'input', fits: () => pool('AvgPool2d', { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }) },
    // BatchNorm2d, AdaptiveAvgPool2d, Dropout
    { kind: 'BatchNorm2d', name: `numFeatures≠4 ${on}`, target: symbolic, where: 'input', fits: () => layer('BatchNorm2d', '{ numFeatures: 4 }'), wrong: () => layer('BatchNorm2d', '{ numFeatures: 3 }') },
    { kind: 'AdaptiveAvgPool2d', name: `outputSize -1 ${on}`, target: symbolic, where: 'options', fits: () => layer('AdaptiveAvgPool2d', '{ outputSize: [2, null] }'), wrong: () => layer('AdaptiveAvgPool2d', '{ outputSize: -1 }') },
    { kind: 'AdaptiveAvgPool2d', name: `fits ${on}`, target: symbolic, where: 'input', fits: () => layer('AdaptiveAvgPool2d', '{ outputSize: 1 }') },
    { kind: 'Dropout', name: `p 1.5 ${on}`, target: symbolic, where: 'options', fits: () => layer('Dropout', '0.5'), wrong: () => layer('Dropout', '1.5') },
    // Linear, Flatten: a product of names, and features that depend on names (after a Flatten, or a name itself)
    { kind: 'Flatten', name: `endDim out of range ${on}`, target: symbolic, where: 'input', fits: () => layer('Flatten', '1, 3'), wrong: () => layer('Flatten', '1, 4') },
    { kind: 'Flatten', name: `startDim after endDim ${on}`, target: symbolic, where: 'input', fits: () => layer('Flatten', '1, 2'), wrong: () => layer('Flatten', '2, 1') },
    // features that depend on names: no Linear fits them; the fitting model is the fix the message
    // names (an AdaptiveAvgPool2d first), so both end at ['batch', 10] (and a residual's other path
    // agrees: a wrong layer without a fitting one would change the shape the other path keeps, a
    // second mistake). The wrong line holds the Flatten and the Linear, as one `Unit`.
    {
      kind: 'Linear',
      name: 'features depend on H, W after Flatten (4*H*W)',
      target: symbolic,
      where: 'input',
      fits: () => ({ kind: 'Linear', chain: '.add(new AdaptiveAvgPool2d({ outputSize: 4 })).add(new Flatten()).add(new Linear({ inFeatures: 64, outFeatures: 10 }))' }),
      wrong: () => ({ kind: 'Linear', chain: '.add(new Flatten()).add(new Linear({ inFeatures: 64, outFeatures: 10 }))' }),
    },
    {
      kind: 'Linear',
      name: 'features depend on W on [batch, 4, H, W]',
      target: symbolic,
      where: 'input',
      fits: () => ({ kind: 'Linear', chain: '.add(new AdaptiveAvgPool2d({ outputSize: [null, 8] })).add(new Linear({ inFeatures: 8, outFeatures: 10 }))' }),
      wrong: () => linear({ inFeatures: 8, outFeatures: 10 }),
    },
    { kind: 'Linear', name: 'inFeatures≠16 on [batch, H, 16]', target: ['batch', 'H', 16], where: 'input', fits: () => linear({ inFeatures: 16, outFeatures: 10 }), wrong: () => linear({ inFeatures: 12, outFeatures: 10 }) },
    // activations: their fitting models
    ...activations.map((kind): Mode => ({ kind, name: `fits ${on}`, target: symbolic, where: 'input', fits: () => layer(kind, kind === 'LeakyReLU' ? '0.2' : '') })),
    // issue 12's layers on symbolic H, W
    ...issue12Modes(symbolic, on),
    // blocks
    {
      kind: 'Residual',
      name: `paths proved different ${on} ((W+1)//2 against W-1; equal: a conv and a ceil-mode pool)`,
      target: symbolic,
      where: 'input',
      fits: () => residualUnit(`new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, stride: 2, padding: 1 })`, `new AvgPool2d({ kernelSize: 2, stride: 2, ceilMode: true })`),
      wrong: () => residualUnit(`new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, stride: 2, padding: 1 })`, `new AvgPool2d({ kernelSize: 2, stride: 1, ceilMode: true })`),
    },
    {
      kind: 'Residual',
      name: `paths proved different ${on} (W-2 against W, identity shortcut; equal: a 5x5 conv with padding 2)`,
      target: symbolic,
      where: 'input',
      fits: () => residualUnit(`new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 5, padding: 2 })`),
      wrong: () => residualUnit(`new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 5, padding: 1 })`),
    },
    {
      kind: 'Cat',
      name: `along dim 3 ${on} (W and W//2 are (3*W)//2; H against H//2)`,
      target: symbolic,
      where: 'input',
      fits: () => catUnit(['ReLU', ''], ['MaxPool2d', '{ kernelSize: [1, 2] }'], 3),
      wrong: () => catUnit(['ReLU', ''], ['MaxPool2d', '{ kernelSize: 2 }'], 3),
    },
    {
      kind: 'Cat',
      name: 'along dim 2 on [batch, 4, H, H] (2*H; H against H//2)',
      target: ['batch', 4, 'H', 'H'],
      where: 'input',
      fits: () => catUnit(['ReLU', ''], ['Tanh', ''], 2),
      wrong: () => catUnit(['ReLU', ''], ['MaxPool2d', '{ kernelSize: [1, 2] }'], 2),
    },
    { kind: 'Block', name: `declared input has other channels ${on}`, target: symbolic, where: 'input', chainOnly: true, fits: (n) => block(n, symbolic), wrong: (n) => block(n, ['batch', 8, 'H', 'W'], symbolic) },
  ];
}

/** issue 12: the failure modes of LayerNorm, GroupNorm, InstanceNorm2d and BatchNorm1d (src/shape/norm-layers.ts and their constructors). */
function normLayerModes(): Mode[] {
  const of = (kind: string) => (fields: Record<string, unknown>) => (): Unit => layer(kind, opts(fields));
  const ln = of('LayerNorm');
  const gn = of('GroupNorm');
  const inorm = of('InstanceNorm2d');
  const bn1 = of('BatchNorm1d');
  const on = 'on symbolic H, W';
  return [
    { kind: 'LayerNorm', name: 'normalizedShape≠[8, 8]', target: image, where: 'input', fits: ln({ normalizedShape: [8, 8] }), wrong: ln({ normalizedShape: [4, 8] }) },
    { kind: 'LayerNorm', name: 'normalizedShape longer than the input', target: features, where: 'input', fits: ln({ normalizedShape: 128 }), wrong: ln({ normalizedShape: [1, 2, 128] }) },
    { kind: 'LayerNorm', name: 'normalizedShape -1', target: features, where: 'options', fits: ln({ normalizedShape: 128 }), wrong: ln({ normalizedShape: -1 }) },
    // (normalizedShape [] is refused at the options in the runtime's words too, but the compiler's
    // diagnostic shows the literal's type, never[], which this suite rules out: type-tests/norm-layers2.test-d.ts)
    { kind: 'LayerNorm', name: 'eps -1', target: features, where: 'options', fits: ln({ normalizedShape: 128, eps: 0.001 }), wrong: ln({ normalizedShape: 128, eps: -1 }) },
    { kind: 'LayerNorm', name: 'normalizedShape≠[8, 16] on [batch, T, 16]', target: ['batch', 'T', 16], where: 'input', fits: ln({ normalizedShape: 16 }), wrong: ln({ normalizedShape: [8, 16] }) },
    { kind: 'GroupNorm', name: 'numChannels≠4', target: image, where: 'input', fits: gn({ numGroups: 2, numChannels: 4 }), wrong: gn({ numGroups: 2, numChannels: 8 }) },
    { kind: 'GroupNorm', name: 'channels not divisible by numGroups', target: image, where: 'input', fits: gn({ numGroups: 2, numChannels: 6, affine: false }), wrong: gn({ numGroups: 3, numChannels: 6, affine: false }) },
    { kind: 'GroupNorm', name: 'rank 1 input', target: ['batch'], where: 'input', fits: null, wrong: gn({ numGroups: 1, numChannels: 4 }) },
    { kind: 'GroupNorm', name: 'numGroups 0', target: image, where: 'options', fits: gn({ numGroups: 1, numChannels: 4 }), wrong: gn({ numGroups: 0, numChannels: 4 }) },
    { kind: 'GroupNorm', name: 'numChannels not divisible by numGroups', target: image, where: 'options', fits: gn({ numGroups: 4, numChannels: 4 }), wrong: gn({ numGroups: 3, numChannels: 4 }) },
    { kind: 'GroupNorm', name: `numChannels≠4 ${on}`, target: symbolic, where: 'input', fits: gn({ numGroups: 2, numChannels: 4 }), wrong: gn({ numGroups: 2, numChannels: 8 }) },
    { kind: 'InstanceNorm2d', name: 'numFeatures≠4 with affine', target: image, where: 'input', fits: inorm({ numFeatures: 4, affine: true }), wrong: inorm({ numFeatures: 3, affine: true }) },
    { kind: 'InstanceNorm2d', name: 'numFeatures≠4 with running stats', target: image, where: 'input', fits: inorm({ numFeatures: 4, trackRunningStats: true }), wrong: inorm({ numFeatures: 3, trackRunningStats: true }) },
    { kind: 'InstanceNorm2d', name: 'rank 2 input', target: features, where: 'input', fits: null, wrong: inorm({ numFeatures: 128 }) },
    { kind: 'InstanceNorm2d', name: 'numFeatures 0', target: image, where: 'options', fits: inorm({ numFeatures: 4 }), wrong: inorm({ numFeatures: 0 }) },
    { kind: 'InstanceNorm2d', name: 'eps -1', target: image, where: 'options', fits: inorm({ numFeatures: 4, eps: 0.001 }), wrong: inorm({ numFeatures: 4, eps: -1 }) },
    { kind: 'InstanceNorm2d', name: `numFeatures≠4 with affine ${on}`, target: symbolic, where: 'input', fits: inorm({ numFeatures: 4, affine: true }), wrong: inorm({ numFeatures: 3, affine: true }) },
    { kind: 'BatchNorm1d', name: 'numFeatures≠128', target: features, where: 'input', fits: bn1({ numFeatures: 128 }), wrong: bn1({ numFeatures: 100 }) },
    { kind: 'BatchNorm1d', name: 'numFeatures≠128 without running stats', target: features, where: 'input', fits: bn1({ numFeatures: 128, trackRunningStats: false }), wrong: bn1({ numFeatures: 100, trackRunningStats: false }) },
    { kind: 'BatchNorm1d', name: 'numFeatures≠4 on [batch, 4, 8]', target: ['batch', 4, 8], where: 'input', fits: bn1({ numFeatures: 4 }), wrong: bn1({ numFeatures: 3 }) },
    { kind: 'BatchNorm1d', name: 'rank 4 input', target: image, where: 'input', fits: null, wrong: bn1({ numFeatures: 4 }) },
    { kind: 'BatchNorm1d', name: 'numFeatures 0', target: features, where: 'options', fits: bn1({ numFeatures: 128 }), wrong: bn1({ numFeatures: 0 }) },
    { kind: 'BatchNorm1d', name: 'eps -1', target: features, where: 'options', fits: bn1({ numFeatures: 128, eps: 0.001 }), wrong: bn1({ numFeatures: 128, eps: -1 }) },
    { kind: 'BatchNorm1d', name: 'numFeatures≠4 on [batch, 4, L]', target: ['batch', 4, 'L'], where: 'input', fits: bn1({ numFeatures: 4 }), wrong: bn1({ numFeatures: 3 }) },
  ];
}

/** ConvTranspose2d (issue 12): every check of its shape rule and of its options that a model can reach. */
function convTransposeModes(): Mode[] {
  const up = (fields: Record<string, unknown>): Unit => layer('ConvTranspose2d', opts(fields));
  const base = { inChannels: 4, outChannels: 8, kernelSize: 3 };
  const option = (name: string, fits: Record<string, unknown>, wrong: Record<string, unknown>): Mode => ({
    kind: 'ConvTranspose2d',
    name,
    target: image,
    where: 'options',
    fits: () => up({ ...base, ...fits }),
    wrong: () => up({ ...base, ...wrong }),
  });
  return [
    { kind: 'ConvTranspose2d', name: 'inChannels≠4', target: image, where: 'input', fits: () => up({ ...base, padding: 1 }), wrong: () => up({ ...base, inChannels: 3, padding: 1 }) },
    { kind: 'ConvTranspose2d', name: 'inChannels≠4 on symbolic H, W', target: symbolic, where: 'input', fits: () => up({ ...base, kernelSize: 4, stride: 2, padding: 1 }), wrong: () => up({ ...base, inChannels: 3, kernelSize: 4, stride: 2, padding: 1 }) },
    { kind: 'ConvTranspose2d', name: 'output below 1', target: ['batch', 4, 1, 1], where: 'input', fits: () => up({ ...base, kernelSize: 1 }), wrong: () => up({ ...base, kernelSize: 1, padding: 1 }) },
    { kind: 'ConvTranspose2d', name: 'rank 2 input', target: features, where: 'input', fits: null, wrong: () => up({ inChannels: 128, outChannels: 8, kernelSize: 1 }) },
    option('outputPadding not below stride or dilation', { stride: 2, outputPadding: 1 }, { stride: 2, outputPadding: 2 }),
    option("paddingMode 'reflect'", { paddingMode: 'zeros' }, { paddingMode: 'reflect' }),
    option('groups not dividing inChannels', { outChannels: 6, groups: 2 }, { outChannels: 6, groups: 3 }),
    option('groups not dividing outChannels', { outChannels: 6, groups: 2 }, { outChannels: 6, groups: 4 }),
    option('kernelSize 0', { kernelSize: 1 }, { kernelSize: 0 }),
    option('stride 0', { stride: 1 }, { stride: 0 }),
    option('padding -1', { padding: 0 }, { padding: -1 }),
    option('outputPadding -1', { outputPadding: 0 }, { outputPadding: -1 }),
    option('dilation 0', { dilation: 1 }, { dilation: 0 }),
  ];
}

/**
 * The layers of MobileNetV3, EfficientNet and ConvNeXt (issue 12, section 3): a `mul` gate
 * (squeeze-and-excitation), StochasticDepth, Permute, LayerNorm2d and LayerScale, each check of
 * their rules (src/shape/layer-norm2d.ts, layer-scale.ts, stochastic-depth.ts, reduce.ts's permute)
 * that can fail, and fits on names.
 */
function modernModes(): Mode[] {
  const on = 'on symbolic H, W';
  const permute = (dims: readonly number[]) => (): Unit => layer('Permute', `{ dims: [${dims.join(', ')}] }`);
  const ln2d = (fields: Record<string, unknown>) => (): Unit => layer('LayerNorm2d', opts(fields));
  const scale = (shape: readonly number[]) => (): Unit => layer('LayerScale', `{ shape: [${shape.join(', ')}] }`);
  const depth = (p: number) => (): Unit => layer('StochasticDepth', `{ p: ${p}, mode: 'row' }`);
  /** `mul(gate)`: in a model the block, in a block class the functional `mul(gate(x), x)`. */
  const gate = (main: string) => (): Unit => ({ kind: 'Mul', chain: `.mul((x) => x.add(${main}))`, field: `{ main: ${main} }`, apply: (self, input) => `mul(${self}.main.forward(${input}), ${input})` });
  return [
    { kind: 'Mul', name: 'gate of other channels', target: image, where: 'input', fits: gate('new AdaptiveAvgPool2d({ outputSize: 1 })'), wrong: gate('new Conv2d({ inChannels: 4, outChannels: 3, kernelSize: 1 })') },
    { kind: 'Mul', name: `gate proved different ${on} (W//2 against W)`, target: symbolic, where: 'input', fits: gate('new AdaptiveAvgPool2d({ outputSize: 1 })'), wrong: gate('new MaxPool2d({ kernelSize: 2 })') },
    { kind: 'StochasticDepth', name: 'p 1.5', target: image, where: 'options', fits: depth(0.2), wrong: depth(1.5) },
    { kind: 'StochasticDepth', name: `fits ${on}`, target: symbolic, where: 'input', fits: depth(0.1) },
    { kind: 'Permute', name: 'dims of another rank', target: image, where: 'input', fits: permute([0, 2, 3, 1]), wrong: permute([0, 2, 1]) },
    { kind: 'Permute', name: 'dim out of range', target: image, where: 'input', fits: permute([0, 3, 1, 2]), wrong: permute([0, 4, 1, 2]) },
    { kind: 'Permute', name: 'repeated dim', target: image, where: 'options', fits: permute([0, 1, 3, 2]), wrong: permute([0, 1, 1, 2]) },
    { kind: 'Permute', name: `dims of another rank ${on}`, target: symbolic, where: 'input', fits: permute([0, 2, 3, 1]), wrong: permute([0, 2, 1]) },
    { kind: 'LayerNorm2d', name: 'normalizedShape≠4', target: image, where: 'input', fits: ln2d({ normalizedShape: 4, eps: 1e-6 }), wrong: ln2d({ normalizedShape: 8 }) },
    { kind: 'LayerNorm2d', name: 'rank 2 input', target: features, where: 'input', fits: null, wrong: ln2d({ normalizedShape: 128 }) },
    { kind: 'LayerNorm2d', name: 'eps -1', target: image, where: 'options', fits: ln2d({ normalizedShape: 4, eps: 0.001 }), wrong: ln2d({ normalizedShape: 4, eps: -1 }) },
    { kind: 'LayerNorm2d', name: `normalizedShape≠4 ${on}`, target: symbolic, where: 'input', fits: ln2d({ normalizedShape: 4 }), wrong: ln2d({ normalizedShape: 8 }) },
    { kind: 'LayerScale', name: 'scale of other channels', target: image, where: 'input', fits: scale([4, 1, 1]), wrong: scale([3, 1, 1]) },
    { kind: 'LayerScale', name: `scale of other channels ${on}`, target: symbolic, where: 'input', fits: scale([4, 1, 1]), wrong: scale([8, 1, 1]) },
  ];
}

export const modes: readonly Mode[] = [
  // Conv2d: src/shape/conv2d.ts (rank, channels, output size, padding-mode limit) and its options
  { kind: 'Conv2d', name: 'inChannels≠4', target: image, where: 'input', fits: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: 1 }), wrong: () => conv({ inChannels: 3, outChannels: 8, kernelSize: 3, padding: 1 }) },
  { kind: 'Conv2d', name: 'kernel larger than the padded input', target: ['batch', 4, 5, 5], where: 'input', fits: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 3 }), wrong: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 7 }) },
  { kind: 'Conv2d', name: 'rank 2 input', target: ['batch', 16], where: 'input', fits: null, wrong: () => conv({ inChannels: 16, outChannels: 8, kernelSize: 1 }) },
  { kind: 'Conv2d', name: 'reflect padding ≥ input size', target: ['batch', 4, 3, 3], where: 'input', fits: () => conv({ inChannels: 4, outChannels: 4, kernelSize: 3, padding: 1, paddingMode: 'reflect' }), wrong: () => conv({ inChannels: 4, outChannels: 4, kernelSize: 3, padding: 3, paddingMode: 'reflect' }) },
  { kind: 'Conv2d', name: "'same' with stride 2", target: image, where: 'options', fits: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: 'same' }), wrong: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 3, padding: 'same', stride: 2 }) },
  { kind: 'Conv2d', name: 'groups not dividing inChannels', target: image, where: 'options', fits: () => conv({ inChannels: 4, outChannels: 6, kernelSize: 1, groups: 2 }), wrong: () => conv({ inChannels: 4, outChannels: 6, kernelSize: 1, groups: 3 }) },
  { kind: 'Conv2d', name: 'groups not dividing outChannels', target: image, where: 'options', fits: () => conv({ inChannels: 4, outChannels: 6, kernelSize: 1, groups: 2 }), wrong: () => conv({ inChannels: 4, outChannels: 6, kernelSize: 1, groups: 4 }) },
  { kind: 'Conv2d', name: 'kernelSize 0', target: image, where: 'options', fits: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 1 }), wrong: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 0 }) },
  { kind: 'Conv2d', name: 'stride 0', target: image, where: 'options', fits: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 1, stride: 1 }), wrong: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 1, stride: 0 }) },
  { kind: 'Conv2d', name: 'padding -1', target: image, where: 'options', fits: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 1, padding: 0 }), wrong: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 1, padding: -1 }) },
  { kind: 'Conv2d', name: 'dilation 0', target: image, where: 'options', fits: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 1, dilation: 1 }), wrong: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 1, dilation: 0 }) },
  // pooling: src/shape/pool2d.ts
  ...poolModes('MaxPool2d'),
  ...poolModes('AvgPool2d'),
  // BatchNorm2d, AdaptiveAvgPool2d, Dropout: src/shape/norm.ts, src/nn/norm.ts
  { kind: 'BatchNorm2d', name: 'numFeatures≠4', target: image, where: 'input', fits: () => layer('BatchNorm2d', '{ numFeatures: 4 }'), wrong: () => layer('BatchNorm2d', '{ numFeatures: 3 }') },
  { kind: 'BatchNorm2d', name: 'numFeatures≠4 without running stats', target: image, where: 'input', fits: () => layer('BatchNorm2d', '{ numFeatures: 4, trackRunningStats: false }'), wrong: () => layer('BatchNorm2d', '{ numFeatures: 3, trackRunningStats: false }') },
  { kind: 'BatchNorm2d', name: 'rank 2 input', target: ['batch', 16], where: 'input', fits: null, wrong: () => layer('BatchNorm2d', '{ numFeatures: 16 }') },
  { kind: 'BatchNorm2d', name: 'numFeatures 0', target: image, where: 'options', fits: () => layer('BatchNorm2d', '{ numFeatures: 4 }'), wrong: () => layer('BatchNorm2d', '{ numFeatures: 0 }') },
  { kind: 'BatchNorm2d', name: 'eps -1', target: image, where: 'options', fits: () => layer('BatchNorm2d', '{ numFeatures: 4, eps: 0.001 }'), wrong: () => layer('BatchNorm2d', '{ numFeatures: 4, eps: -1 }') },
  { kind: 'AdaptiveAvgPool2d', name: 'rank 2 input', target: ['batch', 16], where: 'input', fits: null, wrong: () => layer('AdaptiveAvgPool2d', '{ outputSize: 1 }') },
  { kind: 'AdaptiveAvgPool2d', name: 'empty input (height 0)', target: ['batch', 4, 0, 8], where: 'input', fits: null, wrong: () => layer('AdaptiveAvgPool2d', '{ outputSize: 1 }') },
  { kind: 'AdaptiveAvgPool2d', name: 'outputSize -1', target: image, where: 'options', fits: () => layer('AdaptiveAvgPool2d', '{ outputSize: 1 }'), wrong: () => layer('AdaptiveAvgPool2d', '{ outputSize: -1 }') },
  { kind: 'Dropout', name: 'p 1.5', target: image, where: 'options', fits: () => layer('Dropout', '0.5'), wrong: () => layer('Dropout', '1.5') },
  // Linear, Flatten: src/shape/linear.ts, src/nn/linear.ts
  { kind: 'Linear', name: 'inFeatures≠128', target: features, where: 'input', fits: () => linear({ inFeatures: 128, outFeatures: 10 }), wrong: () => linear({ inFeatures: 100, outFeatures: 10 }) },
  { kind: 'Linear', name: 'inFeatures≠8 on a 4-D input', target: image, where: 'input', fits: () => linear({ inFeatures: 8, outFeatures: 10 }), wrong: () => linear({ inFeatures: 100, outFeatures: 10 }) },
  { kind: 'Linear', name: 'rank 0 input', target: [], where: 'input', fits: null, wrong: () => linear({ inFeatures: 1, outFeatures: 10 }) },
  { kind: 'Linear', name: 'outFeatures 0', target: features, where: 'options', fits: () => linear({ inFeatures: 128, outFeatures: 10 }), wrong: () => linear({ inFeatures: 128, outFeatures: 0 }) },
  { kind: 'Linear', name: 'inFeatures 0', target: features, where: 'options', fits: () => linear({ inFeatures: 128, outFeatures: 10 }), wrong: () => linear({ inFeatures: 0, outFeatures: 10 }) },
  { kind: 'Flatten', name: 'startDim out of range', target: image, where: 'input', fits: () => layer('Flatten', '1'), wrong: () => layer('Flatten', '4') },
  { kind: 'Flatten', name: 'endDim out of range', target: image, where: 'input', fits: () => layer('Flatten', '1, 3'), wrong: () => layer('Flatten', '1, 4') },
  { kind: 'Flatten', name: 'startDim after endDim', target: image, where: 'input', fits: () => layer('Flatten', '1, 2'), wrong: () => layer('Flatten', '2, 1') },
  // activations cannot fail: only their fitting models
  ...activations.map((kind): Mode => ({ kind, name: 'fits', target: image, where: 'input', fits: () => layer(kind, kind === 'LeakyReLU' ? '0.2' : '') })),
  // issue 12's layers: src/shape/activation.ts, src/nn/activation.ts
  ...issue12Modes(image, ''),
  // blocks: residual (src/shape/broadcast.ts), cat, a class checked by its forward (src/nn/custom.ts)
  {
    kind: 'Residual',
    name: 'paths cannot be summed (identity shortcut)',
    target: image,
    where: 'input',
    fits: () => residualUnit(`new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, padding: 1 })`),
    wrong: () => residualUnit(`new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, stride: 2, padding: 1 })`),
  },
  {
    kind: 'Residual',
    name: 'paths cannot be summed (shortcut)',
    target: image,
    where: 'input',
    fits: () => residualUnit('new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 1 })', 'new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 1 })'),
    wrong: () => residualUnit('new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 1 })', 'new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 1, stride: 2 })'),
  },
  // symbolic dims (issue 11): on ['batch', 4, 'H', 'W'] the shapes are expressions, the same text
  // in the editor and in layerTable; paths proved different are errors at the block
  {
    kind: 'Residual',
    name: 'paths proved different on symbolic H, W ((W+1)//2 against W)',
    target: symbolic,
    where: 'input',
    fits: () => residualUnit(`new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, stride: 2, padding: 1 })`, `new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 1, stride: 2 })`),
    wrong: () => residualUnit(`new Conv2d({ inChannels: 4, outChannels: 4, kernelSize: 3, stride: 2, padding: 1 })`),
  },
  {
    kind: 'Cat',
    name: 'sizes proved different on symbolic H, W (W against W//2)',
    target: symbolic,
    where: 'input',
    fits: () => catUnit(['ReLU', ''], ['MaxPool2d', '{ kernelSize: 3, stride: 1, padding: 1 }'], 1),
    wrong: () => catUnit(['ReLU', ''], ['MaxPool2d', '{ kernelSize: 2 }'], 1),
  },
  { kind: 'Conv2d', name: 'inChannels≠4 on symbolic H, W', target: symbolic, where: 'input', fits: () => conv({ inChannels: 4, outChannels: 8, kernelSize: 3, stride: 2, padding: 1 }), wrong: () => conv({ inChannels: 3, outChannels: 8, kernelSize: 3, stride: 2, padding: 1 }) },
  { kind: 'MaxPool2d', name: 'fits on symbolic H, W (ceil mode)', target: symbolic, where: 'input', fits: () => layer('MaxPool2d', opts({ kernelSize: 3, stride: 2, ceilMode: true })) },
  ...symbolicModes(),
  {
    kind: 'Cat',
    name: 'sizes differ',
    target: image,
    where: 'input',
    fits: () => catUnit(['ReLU', ''], ['MaxPool2d', '{ kernelSize: 3, stride: 1, padding: 1 }'], 1),
    wrong: () => catUnit(['ReLU', ''], ['MaxPool2d', '{ kernelSize: 2 }'], 1),
  },
  {
    kind: 'Cat',
    name: 'ranks differ',
    target: image,
    where: 'input',
    fits: () => catUnit(['ReLU', ''], ['Tanh', ''], 1),
    wrong: () => catUnit(['ReLU', ''], ['Flatten', ''], 1),
  },
  {
    kind: 'Cat',
    name: 'dim out of range',
    target: image,
    where: 'input',
    fits: () => catUnit(['ReLU', ''], ['Tanh', ''], 3),
    wrong: () => catUnit(['ReLU', ''], ['Tanh', ''], 4),
  },
  // issue 12: LayerNorm, GroupNorm, InstanceNorm2d, BatchNorm1d (src/shape/norm-layers.ts, src/nn/norm-layers.ts, src/nn/norm.ts)
  ...normLayerModes(),
  // resizing (issue 12): Upsample, PixelShuffle, PixelUnshuffle (src/shape/upsample.ts)
  ...resizeModes(),
  // issue 12, 1-D layers: Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d (src/shape/conv1d.ts, src/shape/pool1d.ts)
  ...oneDModes(),
  // issue 12, layers-misc: ZeroPad2d, ReflectionPad2d, ReplicationPad2d, AdaptiveMaxPool2d (src/shape/pad2d.ts, adaptive-max-pool2d.ts)
  ...miscLayerModes(),
  // issue 12, onnx-indices: the layers with indices and Embedding (placed where they can be written)
  ...indexModes(),
  { kind: 'Block', name: 'declared input has other channels', target: image, where: 'input', chainOnly: true, fits: (n) => block(n, image), wrong: (n) => block(n, ['batch', 8, 8, 8], image) },
  // ConvTranspose2d (issue 12): src/shape/conv-transpose2d.ts (rank, channels, output size) and its options
  ...convTransposeModes(),
  { kind: 'Block', name: 'declared input has another rank', target: features, where: 'input', chainOnly: true, fits: (n) => block(n, features), wrong: (n) => block(n, ['batch', 128, 1, 1], features) },
  // issue 12, section 3: mul (squeeze-and-excitation), StochasticDepth, Permute, LayerNorm2d, LayerScale
  ...modernModes(),
];

// ---------------------------------------------------------------------------------------------
// The layers before the one under test: for each kind, a layer of that kind whose output is the
// target shape, and the input it needs (null when the kind cannot produce that shape)

export interface Adapter {
  readonly input: Dims;
  readonly unit: Unit;
}

const isNumber = (d: Dim | undefined): d is number => typeof d === 'number';
const spatial = (target: Dims): boolean => (target.length === 3 || target.length === 4) && target.slice(-3).every((d) => isNumber(d) && d >= 1);
/**
 * An image whose channels are a size and whose height and width are sizes or names: what a layer
 * that keeps height and width (a 3x3 convolution with padding 1, a batch norm) can produce, on
 * symbolic sizes too.
 */
const image2d = (target: Dims): boolean => {
  const [c, h, w] = target.slice(-3);
  return (target.length === 3 || target.length === 4) && isNumber(c) && c >= 1 && [h, w].every((d) => typeof d === 'string' || (isNumber(d) && d >= 1));
};

export const adapterKinds = [
  'Conv2d',
  'MaxPool2d',
  'AvgPool2d',
  'AdaptiveAvgPool2d',
  'BatchNorm2d',
  'Dropout',
  'Linear',
  'Flatten',
  ...activations,
  // issue 12's layers with a rule of their own (the element-wise ones pass shapes on as ReLU does)
  'PReLU',
  'Softmax',
  'Dropout2d',
  'Residual',
  'Cat',
  'Block',
  // ConvTranspose2d (issue 12)
  'ConvTranspose2d',
] as const;
export type AdapterKind = (typeof adapterKinds)[number];

export function adapter(kind: AdapterKind, target: Dims, names: Names): Adapter | null {
  const rank = target.length;
  const last = target[rank - 1];
  const lead = target.slice(0, -3);
  const [c, h, w] = target.slice(-3) as [number, number, number];
  switch (kind) {
    case 'Conv2d':
      // (a 3x3 convolution with padding 1 keeps height and width, names too)
      return image2d(target) ? { input: [...lead, 3, h, w], unit: conv({ inChannels: 3, outChannels: c, kernelSize: 3, padding: 1 }) } : null;
    case 'MaxPool2d':
    case 'AvgPool2d':
      return spatial(target) ? { input: [...lead, c, 2 * h, 2 * w], unit: layer(kind, '{ kernelSize: 2 }') } : null;
    case 'AdaptiveAvgPool2d':
      return spatial(target) ? { input: [...lead, c, h + 3, w + 2], unit: layer(kind, `{ outputSize: [${h}, ${w}] }`) } : null;
    case 'BatchNorm2d':
      return image2d(target) ? { input: target, unit: layer(kind, `{ numFeatures: ${c} }`) } : null;
    case 'Dropout':
      return { input: target, unit: layer(kind, '0.1') };
    case 'Linear':
      return isNumber(last) && last >= 1 ? { input: [...target.slice(0, -1), 6], unit: linear({ inFeatures: 6, outFeatures: last }) } : null;
    case 'Flatten':
      if (rank === 2 && isNumber(last) && last >= 1) {
        return { input: last % 4 === 0 ? [target[0]!, last / 4, 2, 2] : [target[0]!, last, 1, 1], unit: layer(kind, '') };
      }
      return rank >= 1 ? { input: [...target, 1], unit: layer(kind, `${rank - 1}, ${rank}`) } : null;
    case 'Residual':
      return { input: target, unit: residualUnit('new ReLU()') };
    case 'Cat': {
      // two branches joined on dim 1: the input itself and a 1x1 conv (4-D) or a Linear (2-D) for the rest
      const joined = target[1];
      if (!isNumber(joined) || joined < 2 || (rank !== 2 && rank !== 4) || target.slice(1).some((d) => !isNumber(d) || d < 1)) return null;
      const half = Math.floor(joined / 2);
      const rest = joined - half;
      const other = rank === 4 ? `new Conv2d({ inChannels: ${half}, outChannels: ${rest}, kernelSize: 1 })` : `new Linear({ inFeatures: ${half}, outFeatures: ${rest} })`;
      return { input: [target[0]!, half, ...target.slice(2)], unit: { kind, chain: `.cat([(x) => x.add(new ReLU()), (x) => x.add(${other})], 1)` } };
    }
    case 'Block':
      return { input: target, unit: block(names, target) };
    // issue 12's layers: each passes its input's shape on
    case 'PReLU':
      return { input: target, unit: layer(kind, rank >= 2 && isNumber(target[1]) && target[1] >= 1 ? `{ numParameters: ${target[1]} }` : '') };
    case 'Softmax':
      return { input: target, unit: layer(kind, '{ dim: -1 }') };
    case 'Dropout2d':
      return rank >= 2 ? { input: target, unit: layer(kind, '0.1') } : null;
    case 'ConvTranspose2d':
      // ConvTranspose2d (issue 12): kernel 3, padding 1 keeps height and width, names too
      return image2d(target) ? { input: [...lead, 3, h, w], unit: layer(kind, opts({ inChannels: 3, outChannels: c, kernelSize: 3, padding: 1 })) } : null;
    default:
      return { input: target, unit: layer(kind, '') };
  }
}

// ---------------------------------------------------------------------------------------------
// Contexts and cases

/** Where the layer under test sits. */
export type Container = 'model' | 'residual main' | 'residual shortcut' | 'cat branch' | 'block class';
export const containers: readonly Container[] = ['model', 'residual main', 'residual shortcut', 'cat branch', 'block class'];

/** One step of a case's path: a layer that fits and, for a mistake, the wrong one in its place. */
export interface Step {
  readonly fits: Unit | null;
  readonly wrong?: Unit;
  readonly where: Where;
}

export interface Case {
  /** Named by its parameters: `Linear inFeatures≠128 after ReLU in residual main`. */
  readonly name: string;
  /** Layer kind × failure mode × context kind: the coverage the suite guarantees. */
  readonly coverage: string;
  readonly container: Container;
  /** The shape reaching the container's path (the model's input, or the block's). */
  readonly input: Dims;
  readonly steps: readonly Step[];
  /** Indices of the steps with a wrong layer. */
  readonly mistakes: readonly number[];
}

const contextName = (container: Container, before: string | null): string =>
  [before ? `after ${before}` : container === 'model' ? 'first layer' : 'first', container === 'model' ? '' : `in ${container}`].filter(Boolean).join(' ');

/** Whether a unit can be written in a container (blocks only in a `Sequential` chain). */
const fitsContainer = (container: Container, ...units: (Unit | null | undefined)[]): boolean =>
  container !== 'block class' || units.every((u) => !u || u.field !== undefined);

/** One case: `mode`'s layer after an `adapterKind` layer (or first) in `container`. */
/** Whether a shape has names other than its first dim's (the batch). */
const spatialNames = (dims: Dims): boolean => dims.slice(1).some((d) => typeof d === 'string');

export function makeCase(mode: Mode, container: Container, adapterKind: AdapterKind | null): Case | null {
  const names = new Names();
  const tested: Step = { fits: mode.fits ? mode.fits(names) : null, ...(mode.wrong ? { wrong: mode.wrong(names) } : {}), where: mode.where };
  if (!fitsContainer(container, tested.fits, tested.wrong)) return null;
  // a block class's forward runs on sizes: its messages show 13 where the editor shows H
  if (container === 'block class' && spatialNames(mode.target)) return null;
  // torch.cat cannot join 0-D tensors: a branch whose fitting path ends 0-D cannot be written
  if (container === 'cat branch' && mode.target.length === 0 && !tested.fits) return null;
  let input: Dims = mode.target;
  const steps: Step[] = [];
  if (mode.before) {
    // the layer it needs right before it (the pool whose indices it takes) stands for the adapters
    if (adapterKind) return null;
    const before = mode.before(names);
    input = before.input;
    steps.push({ fits: before.unit, where: 'input' });
  } else if (adapterKind) {
    const before = adapter(adapterKind, mode.target, names);
    if (!before || !fitsContainer(container, before.unit)) return null;
    input = before.input;
    steps.push({ fits: before.unit, where: 'input' });
  }
  steps.push(tested);
  // in a block class the batch is a size: its forward is typed for one shape, as the runtime runs it
  if (container === 'block class') input = input.map((d) => (d === 'batch' ? 2 : d));
  const context = contextName(container, adapterKind);
  const what = modeLabel(mode);
  return {
    name: `${what} ${context}`,
    coverage: `${what} | ${adapterKind ? (container === 'model' ? `after ${adapterKind}` : `after a layer in ${container}`) : container === 'model' ? 'first layer' : `in ${container}`}`,
    // (a mode with a layer before it of its own is covered as written first: that layer is its input's maker)
    container,
    input,
    steps,
    mistakes: mode.wrong ? [steps.length - 1] : [],
  };
}

/**
 * Mistakes whose wrong layer still has a known output (the one the fitting layer has), so a
 * later layer can be checked against it: for a wanted output, the input and both layers.
 */
interface FirstMistake {
  readonly name: string;
  make(output: Dims, names: Names): { input: Dims; fits: Unit; wrong: Unit } | null;
}
const firstMistakes: readonly FirstMistake[] = [
  {
    name: 'Conv2d inChannels≠C',
    make: (output) => {
      if (!image2d(output)) return null;
      const [c, h, w] = output.slice(-3) as [number, Dim, Dim];
      const lead = output.slice(0, -3);
      return {
        input: [...lead, 4, h, w],
        fits: conv({ inChannels: 4, outChannels: c, kernelSize: 3, padding: 1 }),
        wrong: conv({ inChannels: 3, outChannels: c, kernelSize: 3, padding: 1 }),
      };
    },
  },
  {
    name: 'Linear inFeatures≠F',
    make: (output) => {
      const last = output[output.length - 1];
      if (!isNumber(last) || last < 1) return null;
      return { input: [...output.slice(0, -1), 24], fits: linear({ inFeatures: 24, outFeatures: last }), wrong: linear({ inFeatures: 20, outFeatures: last }) };
    },
  },
  {
    name: 'BatchNorm2d numFeatures≠C',
    make: (output) => {
      if (!image2d(output)) return null;
      const c = output[output.length - 3] as number;
      return { input: output, fits: layer('BatchNorm2d', `{ numFeatures: ${c} }`), wrong: layer('BatchNorm2d', `{ numFeatures: ${c + 1} }`) };
    },
  },
  {
    name: 'Block declared for another input',
    make: (output, names) => {
      const last = output[output.length - 1];
      const other = output.length === 0 ? [1] : isNumber(last) ? [...output.slice(0, -1), last + 1] : [...output, 1];
      return { input: output, fits: block(names, output), wrong: block(names, other, output) };
    },
  },
];

/** A first mistake inside a residual block's main path or shortcut (the other path the fitting layer). */
function inResidual(first: FirstMistake, path: 'main path' | 'shortcut'): FirstMistake {
  const residual = (tested: Unit, other: Unit): Unit => {
    const [main, shortcut] = path === 'main path' ? [tested, other] : [other, tested];
    const declarations = [...(main.declarations ?? []), ...(shortcut.declarations ?? [])].filter((d, i, all) => all.indexOf(d) === i);
    return { kind: 'Residual', chain: `.residual((x) => x${main.chain}, (x) => x${shortcut.chain})`, declarations };
  };
  return {
    name: `${first.name} in a residual ${path}`,
    make: (output, names) => {
      const made = first.make(output, names);
      return made && { input: made.input, fits: residual(made.fits, made.fits), wrong: residual(made.wrong, made.fits) };
    },
  };
}
const firstMistakesInBlocks: readonly FirstMistake[] = firstMistakes.flatMap((first) => [inResidual(first, 'main path'), inResidual(first, 'shortcut')]);

/** Two independent mistakes in one model: a first one, a layer of `adapterKind`, then `mode`'s. */
export function makeTwoMistakeCase(first: FirstMistake, mode: Mode, adapterKind: AdapterKind): Case | null {
  if (!mode.wrong) return null;
  const names = new Names();
  const tested: Step = { fits: mode.fits ? mode.fits(names) : null, wrong: mode.wrong(names), where: mode.where };
  const before = adapter(adapterKind, mode.target, names);
  if (!before) return null;
  const head = first.make(before.input, names);
  if (!head) return null;
  return {
    name: `two mistakes: ${first.name}, then ${mode.kind} ${mode.name} after ${adapterKind}`,
    coverage: `${mode.kind} ${mode.name} | second mistake${first.name.includes(' in a residual ') ? ' after a block with a mistake' : ''}`,
    container: 'model',
    input: head.input,
    steps: [{ fits: head.fits, wrong: head.wrong, where: 'input' }, { fits: before.unit, where: 'input' }, tested],
    mistakes: [0, 2],
  };
}

// ---------------------------------------------------------------------------------------------
// Choosing the cases: everything that matters always, the rest sampled with a fixed seed

/** A small seeded generator (mulberry32), so the sample is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a string's 32-bit hash (the key of a seeded draw). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Why a mode with a layer of its own before it (`Mode.before`) is not written after another layer. */
const BEFORE_WHY = 'it takes the indices of the pool right before it';

export interface Selection {
  readonly cases: readonly Case[];
  /** Layer kind × failure mode × context kind combinations that no case can be written for, with why. */
  readonly impossible: readonly string[];
}

/**
 * Every mode: first in a model and after every kind of layer (where that kind can produce the
 * shape); first in each kind of block; after one layer in each kind of block (kinds sampled);
 * and as the second of two mistakes after each kind of first mistake (sampled).
 */
export function selectCases(seed = 9): Selection {
  // one seeded draw per choice, keyed by what it chooses for: adding cases does not move the others
  const pick = <T>(key: string, items: readonly T[]): T => items[Math.floor(seeded(seed ^ hash(key))() * items.length)]!;
  const cases: Case[] = [];
  const impossible: string[] = [];
  for (const mode of modes) {
    const label = modeLabel(mode);
    // a mode placed only in some containers, or only first (Mode.placement, Mode.before): the
    // contexts left out are listed with why
    const placement = mode.placement;
    const allowed = (container: Container): boolean => !placement?.containers || placement.containers.includes(container);
    const firstOnly = placement?.firstOnly === true || mode.before !== undefined;
    const leftOut = (context: string, why = placement?.why ?? BEFORE_WHY): void => void impossible.push(`${label} ${context}: ${why}`);
    if (!allowed('model')) leftOut('first layer');
    for (const kind of allowed('model') ? [null, ...(firstOnly ? [] : adapterKinds)] : []) {
      const made = makeCase(mode, 'model', kind);
      if (made) cases.push(made);
    }
    if (firstOnly || !allowed('model')) leftOut('after a layer');
    for (const container of containers.slice(1)) {
      if (!allowed(container)) {
        leftOut(`in ${container}`);
        continue;
      }
      const first = makeCase(mode, container, null);
      if (first) cases.push(first);
      else if (mode.chainOnly) impossible.push(`${label} in ${container}: a block class inside a block class is called by its typed forward, which checks nothing at runtime`);
      else if (container === 'block class' && spatialNames(mode.target)) impossible.push(`${label} in ${container}: its forward runs on sizes, so the runtime's message shows 13 where the editor shows H`);
      else impossible.push(`${label} in ${container}: the fitting path ends 0-D, which cat cannot join`);
      if (firstOnly) {
        if (first) leftOut(`after a layer in ${container}`, mode.before ? BEFORE_WHY : placement?.why);
        continue;
      }
      // after a layer inside the block: one kind per mode and container, sampled among those that fit
      const candidates = adapterKinds.map((kind) => makeCase(mode, container, kind)).filter((c): c is Case => c !== null);
      if (candidates.length > 0) cases.push(pick(`${label} after a layer in ${container}`, candidates));
      else if (first) impossible.push(`${label} after a layer in ${container}: no layer kind writable there produces ${shapeLiteral(mode.target)}`);
    }
  }
  for (const mode of modes) {
    if (!mode.wrong) continue;
    if (mode.placement?.firstOnly || mode.before || (mode.placement?.containers && !mode.placement.containers.includes('model'))) {
      const why = mode.placement?.why ?? BEFORE_WHY;
      impossible.push(`${modeLabel(mode)} second mistake: ${why}`, `${modeLabel(mode)} second mistake after a block with a mistake: ${why}`);
      continue;
    }
    for (const first of firstMistakes) {
      // one layer kind between the two mistakes, sampled among those that can be written
      const candidates = adapterKinds.map((kind) => makeTwoMistakeCase(first, mode, kind)).filter((c): c is Case => c !== null);
      if (candidates.length > 0) cases.push(pick(`${mode.kind} ${mode.name} after ${first.name}`, candidates));
    }
    // and once after a first mistake inside a residual block (its path and kind sampled): the
    // layer after the block is still checked
    const inBlocks = firstMistakesInBlocks.flatMap((first) => adapterKinds.map((kind) => makeTwoMistakeCase(first, mode, kind))).filter((c): c is Case => c !== null);
    if (inBlocks.length > 0) cases.push(pick(`${mode.kind} ${mode.name} after a mistake in a block`, inBlocks));
  }
  return { cases, impossible };
}

// ---------------------------------------------------------------------------------------------
// Writing a case's source

/** A variant's source: its text, the 1-based lines of its wrong layers, and whether it is the fitting model. */
export interface Source {
  readonly text: string;
  /** The 1-based line of each wrong layer, in the order of `mistakes` given. */
  readonly wrongLines: readonly number[];
}

// (issue 12 added its layers to the one import line: the line numbering needs the header to stay one line)
export const header = `import { AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveMaxPool2d, AvgPool1d, AvgPool2d, BatchNorm1d, BatchNorm2d, Conv1d, Conv2d, ConvTranspose2d, Dropout, Dropout2d, ELU, Embedding, Flatten, GELU, GroupNorm, Hardsigmoid, Hardswish, Identity, InstanceNorm2d, LayerNorm, LayerNorm2d, LayerScale, LeakyReLU, Linear, LogSoftmax, MaxPool1d, MaxPool2d, MaxUnpool2d, Mish, Permute, PixelShuffle, PixelUnshuffle, PReLU, ReflectionPad2d, ReLU, ReLU6, ReplicationPad2d, Sequential, SiLU, Sigmoid, Softmax, StochasticDepth, Tanh, Upsample, ZeroPad2d, add, cat, checkInputShape, mul, relu, type ShapeTrace, type Tensor } from 'shapecheck';`;

interface Line {
  code: string;
  wrong?: number;
}

/**
 * The source of `build()` for a case with the mistakes in `made` (indices of steps), the others
 * fitting (a step without a fitting layer left out). `blockOutput` is the declared output of a
 * `block class` container (the fitting path's, computed by the runtime). `traceCheck`, when
 * given, is the model's trace the compiler must agree with (a type-level assertion in the source).
 */
/**
 * A block class's `outputShape` body returning `output` as numbers: names bound from the input's
 * dims, expressions written as JavaScript (`(H+1)//2` is `Math.floor((H+1) / 2)`), as a user
 * writes a block's size arithmetic.
 */
function numericOutput(input: Dims, output: Dims): Line[] {
  const used = output.filter((d): d is string => typeof d === 'string').join(' ');
  const names = input
    .map((d, i) => [d, i] as const)
    .filter(([d]) => typeof d === 'string' && /^[A-Za-z_]\w*$/.test(d) && new RegExp(`\\b${d}\\b`).test(used))
    .filter(([d], k, all) => all.findIndex(([e]) => e === d) === k);
  const symbolic = output.some((d) => typeof d === 'string');
  if (!symbolic) return [{ code: `      return ${shapeLiteral(output)};` }];
  const js = (dim: string): string => {
    let text = dim;
    // innermost floors first: (…)//d or name//d
    for (let previous = ''; previous !== text; ) {
      previous = text;
      text = text.replace(/(\([^()]*\)|[A-Za-z_]\w*)\/\/(\d+)/, 'Math.floor($1 / $2)');
    }
    return text;
  };
  return [
    ...names.map(([name, i]) => ({ code: `      const ${name} = shape[${i}]!;` })),
    { code: `      return [${output.map((d) => (typeof d === 'number' ? String(d) : js(d))).join(', ')}];` },
  ];
}

export function writeSource(testCase: Case, made: readonly number[], options: { blockOutput?: Dims; traceCheck?: string } = {}): Source {
  const unitOf = (step: Step, index: number, useWrong: boolean): Unit | null => (useWrong && made.includes(index) && step.wrong ? step.wrong : step.fits);
  const declarations: string[] = [];
  const lines: Line[] = [];
  const chainLines = (indent: string, useWrong: boolean): Line[] =>
    testCase.steps.flatMap((step, i): Line[] => {
      const unit = unitOf(step, i, useWrong);
      if (!unit) return [];
      for (const declaration of unit.declarations ?? []) if (!declarations.includes(declaration)) declarations.push(declaration);
      return [{ code: `${indent}${unit.chain}`, ...(useWrong && made.includes(i) ? { wrong: i } : {}) }];
    });
  const input = shapeLiteral(testCase.input);
  const end = (ls: Line[], suffix: string): Line[] => {
    const last = ls[ls.length - 1];
    if (last) last.code += suffix;
    return ls;
  };
  switch (testCase.container) {
    case 'model':
      lines.push(...end([{ code: `  const model = new Sequential(${input})` }, ...chainLines('    ', true)], ';'));
      break;
    case 'residual main':
    case 'residual shortcut': {
      const tested = chainLines('        ', true);
      const mirror = chainLines('        ', false);
      const [first, second] = testCase.container === 'residual main' ? [tested, mirror] : [mirror, tested];
      lines.push(
        { code: `  const model = new Sequential(${input})` },
        { code: '    .residual(' },
        ...end([{ code: '      (x) => x' }, ...first], ','),
        ...end([{ code: '      (x) => x' }, ...second], ','),
        { code: '    );' },
      );
      break;
    }
    case 'cat branch':
      lines.push(
        { code: `  const model = new Sequential(${input})` },
        { code: '    .cat(' },
        { code: '      [' },
        ...end([{ code: '        (x) => x' }, ...chainLines('          ', true)], ','),
        ...end([{ code: '        (x) => x' }, ...chainLines('          ', false)], ','),
        { code: '      ],' },
        { code: '      -1,' },
        { code: '    );' },
      );
      break;
    case 'block class': {
      const output = shapeLiteral(options.blockOutput ?? testCase.input);
      const fields: Line[] = [];
      const calls: Line[] = [];
      let current = 'x';
      // the indices the last layer with two outputs returned (MaxUnpool2d takes them)
      let indices: string | undefined;
      testCase.steps.forEach((step, i) => {
        const unit = unitOf(step, i, true);
        if (!unit) return;
        const wrong = made.includes(i) ? i : undefined;
        const name = `l${i + 1}`;
        fields.push({ code: `    readonly ${name} = ${unit.field};`, ...(wrong !== undefined && step.where === 'options' ? { wrong } : {}) });
        const call = unit.apply ? unit.apply(`this.${name}`, current, indices) : `this.${name}.forward(${current})`;
        // a layer with two outputs: [output, indices], destructured
        const target = unit.twoOutputs ? `[h${i + 1}, i${i + 1}]` : `h${i + 1}`;
        calls.push({ code: `      const ${target} = ${call};`, ...(wrong !== undefined && step.where === 'input' ? { wrong } : {}) });
        current = `h${i + 1}`;
        if (unit.twoOutputs) indices = `i${i + 1}`;
      });
      lines.push(
        { code: '  class CaseBlock {' },
        { code: "    readonly kind = 'CaseBlock';" },
        ...fields,
        { code: '    outputShape(shape: readonly number[]): number[] {' },
        { code: `      checkInputShape(this.kind, ${input}, shape);` },
        ...numericOutput(testCase.input, options.blockOutput ?? testCase.input),
        { code: '    }' },
        { code: `    forward(x: Tensor<${input}>): Tensor<${output}> {` },
        ...calls,
        { code: `      return ${current};` },
        { code: '    }' },
        { code: '  }' },
        { code: `  const model = new Sequential(${input}).add(new CaseBlock());` },
      );
      break;
    }
  }
  const body: Line[] = [
    { code: 'export function build() {' },
    ...declarations.flatMap((d) => d.split('\n').map((code) => ({ code }))),
    ...lines,
    ...(options.traceCheck ? [{ code: `  const traceCheck: Equal<ShapeTrace<typeof model>, ${options.traceCheck}> = true;` }, { code: '  void traceCheck;' }] : []),
    { code: '  return model;' },
    { code: '}' },
    { code: 'type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;' },
  ];
  const all: Line[] = [{ code: header }, ...body];
  const wrongLines = made.map((index) => all.findIndex((line) => line.wrong === index) + 1);
  return { text: `${all.map((line) => (line.wrong !== undefined ? `${line.code} // <- wrong` : line.code)).join('\n')}\n`, wrongLines };
}
