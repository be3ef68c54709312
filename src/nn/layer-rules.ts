/**
 * The type-level registry of layer shape rules (issue 12): `Sequential` looks a layer's rule up by
 * its `kind` instead of testing kinds one by one, and each layer's own module adds its entry by
 * declaration merging, so adding a layer touches its own files and the index, nothing central
 * (docs/models.md, "Adding a layer").
 * @packageDocumentation
 */
import type { Shape } from '../shape/shape.js';

/**
 * The shape rules of the layer kinds, keyed by `kind`: for a layer `L` of kind `K` reached by an
 * input of shape `S`, `LayerRules<L, S>[K]` is what `L` outputs, or an `ErrorMessage` saying why
 * `S` does not fit it. Each layer's module declares its entry (the type parameters written
 * exactly so):
 *
 * ```ts
 * declare module './layer-rules.js' {
 *   interface LayerRules<L, S extends Shape> {
 *     Identity: S;
 *   }
 * }
 * ```
 *
 * Your own layer kinds can be added the same way (`declare module 'shapecheck'`); a kind with no
 * entry is typed by its `forward` signature ({@link CustomLayerOutputShape}).
 *
 * @example
 * ```ts
 * import type { LayerRules, ReLU } from 'shapecheck';
 * type A = LayerRules<ReLU, [1, 6, 28, 28]>['ReLU'];
 * //=> [1, 6, 28, 28]
 * ```
 * @category Models
 */
export interface LayerRules<L, S extends Shape> {}

/**
 * What a layer that does not fit would output for the input it was written for, keyed by `kind`
 * as {@link LayerRules}: a `Conv2d` given other channels still outputs its `outChannels`, so the
 * model goes on checking the layers after it. Kinds without an entry go on with `number[]`.
 *
 * @example
 * ```ts
 * import type { Conv2d, LayerRecoveries } from 'shapecheck';
 * type A = LayerRecoveries<Conv2d<{ inChannels: 3; outChannels: 8; kernelSize: 3 }>, [1, 4, 10, 10]>['Conv2d'];
 * //=> [1, 8, 8, 8]
 * ```
 * @category Models
 */
export interface LayerRecoveries<L, S extends Shape> {}

/**
 * What a layer asks of the names in its input beyond its output shape, keyed by `kind` as
 * {@link LayerRules}: the equalities its rule could not decide (`PixelUnshuffle` on `'H'` outputs
 * `'H//2'` and needs `2*(H//2) == H`), as a union of texts (`never` for none). The model adds them
 * to its `Requirements`, which `forward` checks against a literal input. Kinds without an entry
 * ask nothing; the entry is read only for inputs with names.
 *
 * @example
 * ```ts
 * import type { LayerRequirements, PixelUnshuffle } from 'shapecheck';
 * type A = LayerRequirements<PixelUnshuffle<{ downscaleFactor: 2 }>, ['batch', 3, 'H', 'W']>['PixelUnshuffle'];
 * //=> '2*(H//2) == H' | '2*(W//2) == W'
 * ```
 * @category Models
 */
export interface LayerRequirements<L, S extends Shape> {}

/**
 * The kinds that have an entry in {@link LayerRules} (the built-in layers, and any you add).
 *
 * @example
 * ```ts
 * import type { RegisteredKind } from 'shapecheck';
 * const kind: RegisteredKind = 'Conv2d';
 * kind;
 * //=> 'Conv2d'
 * ```
 * @category Models
 */
export type RegisteredKind = keyof LayerRules<unknown, Shape>;

/** `S` with the dim at `Index` replaced by `Value` (a rule's `recovered` input). */
export type ReplaceAt<S extends readonly unknown[], Index extends number, Value> = { [K in keyof S]: K extends `${Index}` ? Value : S[K] };
