/**
 * One dimension of a tensor shape: a literal size (`224`), any size (`number`), or a name
 * (`'batch'`) for a size known only when the program runs.
 *
 * @example
 * ```ts
 * import type { Dim } from 'shapecheck';
 * const batch: Dim = 'batch';
 * const height: Dim = 224;
 * ```
 * @category Shapes
 */
export type Dim = number | string;

/**
 * A tensor shape: a tuple of dimensions, outermost first (PyTorch's NCHW order).
 *
 * @example
 * ```ts
 * import type { Shape } from 'shapecheck';
 * const image: Shape = ['batch', 3, 224, 224];
 * ```
 * @category Shapes
 */
export type Shape = readonly Dim[];

/** Whether two runtime shapes are the same dims (the same rank, each dim equal). */
export function sameShape(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
