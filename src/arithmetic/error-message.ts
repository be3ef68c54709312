declare const errorMessage: unique symbol;

/**
 * What a type-level computation returns when it cannot give a result: the reason, in words.
 *
 * Hovering a failed computation shows `ErrorMessage<"...">`; a function whose parameter type is
 * computed puts the same words in the compiler's diagnostic at the argument. It is deliberately
 * not a `number`, so it never flows silently into further arithmetic.
 *
 * @example
 * ```ts
 * import type { Add } from 'shapecheck';
 * type T = Add<1.5, 2>;
 * //=> ErrorMessage<"Add: expected an integer, got 1.5">
 * ```
 * @category Errors
 */
export interface ErrorMessage<Message extends string> {
  /** The reason the computation failed. */
  readonly [errorMessage]: Message;
}
