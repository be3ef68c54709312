// Shapes with named dims, at runtime. A model declared on ['batch', 3, 'height', 'width'] does not
// know those sizes until data arrives, and the editor does not check what depends on them (a named
// dim is kept where a layer keeps its size, and is `number` elsewhere). The runtime does the same
// by running each layer's shape rule twice, with two different large sizes standing for every
// name: a dim that comes out different depends on a name; an error that reads the same in both
// runs (shapes shown as the editor shows them) does not depend on one, and is the editor's error.

import { formatList } from '../shape/format.js';
import type { Dim } from '../shape/shape.js';
import { evaluateDim, floorOfDim } from '../shape/symbolic.js';
import type { Layer } from './sequential.js';

/**
 * A shape computed twice, names standing for two different sizes, and as the editor shows it:
 * sizes, names and expressions of names (`'(H+1)//2'`), computed by the layers' symbolic rules;
 * `undefined` where a layer without one (your own) made a dim that depends on a name.
 */
export interface Probe {
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly dims?: readonly (Dim | undefined)[];
}

/** Large (no size check fails on them), far apart, and distinct per name, so each can be told apart. */
const BASE_A = 1 << 20;
const BASE_B = 3 << 20;
const STEP = 1 << 10;

/** The probe for a declared shape and the names in it (in order of first appearance). */
export function probeInput(dims: readonly (number | string)[]): { probe: Probe; names: string[] } {
  const names = [...new Set(dims.filter((dim): dim is string => typeof dim === 'string'))];
  const size = (dim: number | string, base: number): number => (typeof dim === 'number' ? dim : base + STEP * names.indexOf(dim));
  return { probe: { a: dims.map((dim) => size(dim, BASE_A)), b: dims.map((dim) => size(dim, BASE_B)), dims: [...dims] }, names };
}

/** The sizes the names stand for in one run of the probe. */
function sizesOf(names: readonly string[], base: number): Record<string, number> {
  return Object.fromEntries(names.map((name, k) => [name, base + STEP * k]));
}

/** The name a probed dim is, if it is one. */
function nameAt(a: number, b: number, names: readonly string[]): string | undefined {
  const k = names.findIndex((_, n) => a === BASE_A + STEP * n && b === BASE_B + STEP * n);
  return k >= 0 ? names[k] : undefined;
}

/**
 * A probed shape as the editor shows it: sizes that do not depend on a name; a name where a dim is
 * that name's size, kept; `number` where a dim is computed from names.
 */
export function displayShape(probe: Probe, names: readonly string[]): (number | string)[] {
  return probe.a.map((a, i) => {
    const known = probe.dims?.[i];
    if (known !== undefined) return known;
    const b = probe.b[i] as number;
    if (a === b) return a;
    return nameAt(a, b, names) ?? 'number';
  });
}

/** Runtime sizes for a probed shape: names (and what depends on them) as 1, as `shapes()` reports them. */
export function unitShape(probe: Probe): number[] {
  return probe.a.map((a, i) => (a === probe.b[i] ? a : 1));
}

/**
 * One layer's output for a probed input: the output probe; `undefined` when the layer's checks
 * depend on a name (the editor does not check those either, and the output is not known before
 * data arrives).
 *
 * @throws {Error} the layer's own error when it does not depend on a name, its shapes shown as
 *   the editor shows them.
 */
export function probeLayer(layer: Layer, probe: Probe, names: readonly string[]): Probe | undefined {
  // the layer's symbolic rule, where it has one and every dim is known: the editor's expressions
  // and errors (an error here is a proof: see compareDims)
  const rule = (layer as { symbolicOutputShape?: (shape: readonly Dim[]) => Dim[] | undefined }).symbolicOutputShape;
  const dims = probe.dims;
  if (typeof rule === 'function' && dims !== undefined && dims.every((dim) => dim !== undefined)) {
    const out = rule.call(layer, dims as Dim[]);
    if (out !== undefined) {
      const a = sizesOf(names, BASE_A);
      const b = sizesOf(names, BASE_B);
      return { a: out.map((dim) => evaluateDim(dim, a)), b: out.map((dim) => evaluateDim(dim, b)), dims: out };
    }
  }
  const run = (shape: readonly number[]): number[] | Error => {
    try {
      return layer.outputShape(shape);
    } catch (error) {
      return error as Error;
    }
  };
  const a = run(probe.a);
  const b = run(probe.b);
  if (!(a instanceof Error) && !(b instanceof Error)) {
    // the dims that are an input dim's, or a name's, keep its expression; others are unknown
    // a third run, names at other sizes (odd ones), tells a dim that is an input dim from one that
    // only met it at the two probes' sizes (2·⌊(W+1)/2⌋ is W at every even W)
    const third = probe.dims?.every((dim) => dim !== undefined) ? thirdRun(layer, probe.dims as Dim[], names) : undefined;
    const derived = a.map((x, i): Dim | undefined => {
      const y = b[i] as number;
      if (x === y) return x;
      const j = probe.a.findIndex((p, k) => p === x && probe.b[k] === y && probe.dims?.[k] !== undefined);
      const confirmed = j >= 0 && (third === undefined || third.output[i] === third.input[j]);
      if (confirmed) return probe.dims?.[j];
      const name = nameAt(x, y, names);
      if (name !== undefined && (third === undefined || third.output[i] === third.values[name])) return name;
      return fitFamily(layer, probe, names, i);
    });
    return { a, b, dims: derived };
  }
  if (a instanceof Error && b instanceof Error) {
    const shown = formatList(displayShape(probe, names));
    const wordsA = a.message.replaceAll(formatList(probe.a), shown);
    const wordsB = b.message.replaceAll(formatList(probe.b), shown);
    if (wordsA === wordsB) {
      const error = new (a.constructor as new (message: string) => Error)(wordsA);
      error.name = a.name;
      throw error;
    }
  }
  return undefined;
}

/** The layer's output with every name at another size (odd, apart from the probes'): the input, the values, the output. */
function thirdRun(layer: Layer, dims: readonly Dim[], names: readonly string[]): { input: number[]; values: Record<string, number>; output: number[] } | undefined {
  const values = Object.fromEntries(names.map((name, k) => [name, BASE_A + 4099 + 2 * STEP * k]));
  try {
    const input = dims.map((dim) => evaluateDim(dim, values));
    return { input, values, output: layer.outputShape(input) };
  } catch {
    return undefined;
  }
}

/**
 * A layer without a symbolic rule (your own block) probed for one output dim that depends on a
 * name: the expression `⌊(N + b)/d⌋` of one name N that its `outputShape` computes, found by
 * varying each name alone and checked at other sizes (what convolutions and pools inside a block
 * make of a name is always of this form); undefined when no such expression fits.
 */
function fitFamily(layer: Layer, probe: Probe, names: readonly string[], index: number): Dim | undefined {
  const dims = probe.dims;
  if (dims === undefined || dims.some((dim) => dim === undefined)) return undefined;
  const output = (values: Record<string, number>): number | undefined => {
    try {
      return layer.outputShape(dims.map((dim) => evaluateDim(dim as Dim, values)))[index];
    } catch {
      return undefined;
    }
  };
  const base = sizesOf(names, BASE_A);
  const y0 = output(base);
  if (y0 === undefined) return undefined;
  // the one name it depends on
  const moving = names.filter((name) => output({ ...base, [name]: (base[name] as number) + STEP / 2 }) !== y0);
  if (moving.length !== 1) return undefined;
  const name = moving[0] as string;
  const n0 = base[name] as number;
  const span = 1 << 21;
  const y1 = output({ ...base, [name]: n0 + span });
  if (y1 === undefined || y1 <= y0 || span % (y1 - y0) !== 0) return undefined;
  const d = span / (y1 - y0);
  if (d > 1024) return undefined; // (a divisor this large: not worth the probing)
  // the offset b, from where the output steps up within one divisor
  let b: number | undefined;
  for (let t = 0; t < d && b === undefined; t++) {
    const candidate = d * y0 - n0 + t;
    let fits = true;
    for (let j = 1; j < Math.min(d, 64) && fits; j++) fits = output({ ...base, [name]: n0 + j }) === Math.floor((n0 + j + candidate) / d);
    if (fits) b = candidate;
  }
  if (b === undefined) return undefined;
  const expression = floorOfDim(name, b, d);
  // checked where the probe did not look
  for (const size of [n0 + 12345, n0 + 3 * span + 7, Math.floor(n0 / 3)]) {
    if (output({ ...base, [name]: size }) !== evaluateDim(expression, { ...base, [name]: size })) return undefined;
  }
  return expression;
}

/**
 * Creates the parameters a layer sizes by the features that reach it (a `Linear` without
 * `inFeatures`), unless those depend on a name: then its first `forward` does.
 */
export function initializeFor(layer: Layer, probe: Probe): void {
  const last = probe.a.length - 1;
  if (layer.initializeParameters && probe.a[last] === probe.b[last]) layer.initializeParameters(probe.a);
}
