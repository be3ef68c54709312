/**
 * Shape rules of `nn.Embedding` (PyTorch's messages), as types and as runtime functions sharing
 * one message text.
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import type { LessThan } from '../arithmetic/less-than.js';
import { formatValue, type FormatValue } from './format.js';
import type { Dim, Shape } from './shape.js';

/**
 * The options of `nn.Embedding`, camelCased. `maxNorm` is not implemented and is refused.
 *
 * @example
 * ```ts
 * import type { EmbeddingOptions } from 'shapecheck';
 * const options = { numEmbeddings: 10, embeddingDim: 3, paddingIdx: 0 } as const satisfies EmbeddingOptions;
 * ```
 * @category Shapes
 */
export interface EmbeddingOptions {
  /** The size of the dictionary. */
  readonly numEmbeddings: number;
  /** The size of each embedding vector. */
  readonly embeddingDim: number;
  /** A row that stays zero and gets no gradient (negative counts from the end). */
  readonly paddingIdx?: number | null;
  /** Not implemented: PyTorch renormalizes looked-up rows in place; a number is refused with a message. */
  readonly maxNorm?: number | null;
  /** Seed of the weight's N(0, 1) initialization. */
  readonly seed?: number;
}

/**
 * An option of `Embedding` that PyTorch (or this package) refuses.
 *
 * @example
 * ```ts
 * import type { EmbeddingOptionMessage } from 'shapecheck';
 * type M = EmbeddingOptionMessage<'paddingIdx', 10, 10>;
 * //=> 'Embedding: paddingIdx must be within numEmbeddings (10), got 10 (Padding_idx must be within num_embeddings)'
 * ```
 * @category Messages
 */
export type EmbeddingOptionMessage<Param extends string, Value, N = number> = Param extends 'paddingIdx'
  ? `Embedding: paddingIdx must be within numEmbeddings (${FormatValue<N>}), got ${FormatValue<Value>} (Padding_idx must be within num_embeddings)`
  : Param extends 'maxNorm'
    ? `Embedding: maxNorm is not implemented (PyTorch renormalizes the looked-up rows of weight in place), got ${FormatValue<Value>}`
    : `Embedding: ${Param} must be a positive integer, got ${FormatValue<Value>}`;
/**
 * Runtime twin of {@link EmbeddingOptionMessage}.
 *
 * @example
 * ```ts
 * import { writeEmbeddingOptionMessage } from 'shapecheck';
 * writeEmbeddingOptionMessage('embeddingDim', 0);
 * //=> 'Embedding: embeddingDim must be a positive integer, got 0'
 * ```
 * @category Messages
 */
export function writeEmbeddingOptionMessage(param: string, value: unknown, n?: number): string {
  const shown = typeof value === 'string' ? `'${value}'` : formatValue(value);
  if (param === 'paddingIdx') return `Embedding: paddingIdx must be within numEmbeddings (${n}), got ${shown} (Padding_idx must be within num_embeddings)`;
  if (param === 'maxNorm') return `Embedding: maxNorm is not implemented (PyTorch renormalizes the looked-up rows of weight in place), got ${shown}`;
  return `Embedding: ${param} must be a positive integer, got ${shown}`;
}

/**
 * An index outside `[0, numEmbeddings)` or not integral (indices are Float32 tensors of integral
 * values in this package). A runtime check: it depends on the values.
 *
 * @example
 * ```ts
 * import { writeEmbeddingIndexMessage } from 'shapecheck';
 * writeEmbeddingIndexMessage(10, 10);
 * //=> 'Embedding: index 10 is out of range for numEmbeddings 10 (index out of range in self)'
 * ```
 * @category Messages
 */
export function writeEmbeddingIndexMessage(index: number, numEmbeddings: number): string {
  return Number.isInteger(index)
    ? `Embedding: index ${index} is out of range for numEmbeddings ${numEmbeddings} (index out of range in self)`
    : `Embedding: indices must hold integral values (Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int), got ${index}`;
}

type IsPositiveInt<N> = N extends number ? (number extends N ? true : `${N}` extends `-${string}` | `${string}.${string}` | `${string}e${string}` | '0' ? false : true) : false;
type IsInt<N> = N extends number ? (number extends N ? true : `${N}` extends `${string}.${string}` | `${string}e${string}` ? false : true) : false;
type Abs<N extends number> = `${N}` extends `-${infer M extends number}` ? M : N;
type BadPadding<P, N> = P extends null | undefined
  ? never
  : IsInt<P> extends false
    ? ErrorMessage<EmbeddingOptionMessage<'paddingIdx', P, N>>
    : [P, N] extends [infer PI extends number, infer NI extends number]
      ? number extends PI | NI
        ? never
        : `${PI}` extends `-${string}`
          ? LessThan<NI, Abs<PI>> extends true
            ? ErrorMessage<EmbeddingOptionMessage<'paddingIdx', P, N>>
            : never
          : LessThan<PI, NI> extends true
            ? never
            : ErrorMessage<EmbeddingOptionMessage<'paddingIdx', P, N>>
      : never;

/**
 * The error of `Embedding`'s options, or `never` when they are valid.
 *
 * @example
 * ```ts
 * import type { EmbeddingOptionsError } from 'shapecheck';
 * type E = EmbeddingOptionsError<{ numEmbeddings: 10; embeddingDim: 0 }>;
 * //=> ErrorMessage<'Embedding: embeddingDim must be a positive integer, got 0'>
 * ```
 * @category Shapes
 */
export type EmbeddingOptionsError<O> = O extends { readonly numEmbeddings: infer N; readonly embeddingDim: infer D }
  ? IsPositiveInt<N> extends false
    ? ErrorMessage<EmbeddingOptionMessage<'numEmbeddings', N>>
    : IsPositiveInt<D> extends false
      ? ErrorMessage<EmbeddingOptionMessage<'embeddingDim', D>>
      : O extends { readonly maxNorm: infer M }
        ? M extends null | undefined
          ? BadPadding<O extends { readonly paddingIdx: infer P } ? P : undefined, N>
          : ErrorMessage<EmbeddingOptionMessage<'maxNorm', M>>
        : BadPadding<O extends { readonly paddingIdx: infer P } ? P : undefined, N>
  : ErrorMessage<EmbeddingOptionMessage<'numEmbeddings', undefined>>;

/**
 * The output shape of an embedding lookup: the indices' shape, then `embeddingDim`
 * (`[...input, embeddingDim]`, any rank, names kept).
 *
 * @example
 * ```ts
 * import type { EmbeddingOutputShape } from 'shapecheck';
 * type A = EmbeddingOutputShape<['batch', 'T'], 16>;
 * //=> ['batch', 'T', 16]
 * ```
 * @category Shapes
 */
export type EmbeddingOutputShape<S extends Shape, EmbeddingDim> = number extends S['length'] ? number[] : [...S, EmbeddingDim];

/**
 * The output shape of an embedding lookup at runtime: the twin of {@link EmbeddingOutputShape}.
 *
 * @example
 * ```ts
 * import { embeddingOutputShape } from 'shapecheck';
 * embeddingOutputShape(['batch', 7], 16);
 * //=> ['batch', 7, 16]
 * ```
 * @category Shapes
 */
export function embeddingOutputShape(shape: readonly number[], embeddingDim: number): number[];
export function embeddingOutputShape(shape: readonly Dim[], embeddingDim: number): Dim[];
export function embeddingOutputShape(shape: readonly Dim[], embeddingDim: number): Dim[] {
  return [...shape, embeddingDim];
}

/**
 * Checks `Embedding`'s options; returns the padding index resolved to `[0, numEmbeddings)` or null.
 *
 * @throws {TypeError | RangeError} for an option PyTorch refuses, or `maxNorm` (not implemented).
 * @example
 * ```ts
 * import { resolveEmbeddingOptions } from 'shapecheck';
 * resolveEmbeddingOptions({ numEmbeddings: 10, embeddingDim: 3, paddingIdx: -1 });
 * //=> 9
 * ```
 * @category Shapes
 */
export function resolveEmbeddingOptions(options: EmbeddingOptions): number | null {
  if (typeof options !== 'object' || options === null) throw new TypeError('Embedding: options must be an object');
  for (const param of ['numEmbeddings', 'embeddingDim'] as const) {
    const v: unknown = options[param];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(writeEmbeddingOptionMessage(param, v));
    if (v < 1) throw new RangeError(writeEmbeddingOptionMessage(param, v));
  }
  if (options.maxNorm !== undefined && options.maxNorm !== null) throw new TypeError(writeEmbeddingOptionMessage('maxNorm', options.maxNorm));
  const p: unknown = options.paddingIdx;
  if (p === undefined || p === null) return null;
  const n = options.numEmbeddings;
  if (typeof p !== 'number' || !Number.isInteger(p)) throw new TypeError(writeEmbeddingOptionMessage('paddingIdx', p, n));
  if (p >= n || p < -n) throw new RangeError(writeEmbeddingOptionMessage('paddingIdx', p, n));
  return p < 0 ? p + n : p;
}
