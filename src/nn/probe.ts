// Shapes with named dims, at runtime. A model declared on ['batch', 3, 'height', 'width'] does not
// know those sizes until data arrives, and the editor does not check what depends on them (a named
// dim is kept where a layer keeps its size, and is `number` elsewhere). The runtime does the same
// by running each layer's shape rule twice, with two different large sizes standing for every
// name: a dim that comes out different depends on a name; an error that reads the same in both
// runs (shapes shown as the editor shows them) does not depend on one, and is the editor's error.

import { formatList } from '../shape/format.js';
import type { Dim } from '../shape/shape.js';
import { evaluateDim } from '../shape/symbolic.js';
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
    const derived = a.map((x, i): Dim | undefined => {
      const y = b[i] as number;
      if (x === y) return x;
      const j = probe.a.findIndex((p, k) => p === x && probe.b[k] === y && probe.dims?.[k] !== undefined);
      return j >= 0 ? probe.dims?.[j] : nameAt(x, y, names);
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

/**
 * Creates the parameters a layer sizes by the features that reach it (a `Linear` without
 * `inFeatures`), unless those depend on a name: then its first `forward` does.
 */
export function initializeFor(layer: Layer, probe: Probe): void {
  const last = probe.a.length - 1;
  if (layer.initializeParameters && probe.a[last] === probe.b[last]) layer.initializeParameters(probe.a);
}
