/**
 * Rendering values inside error messages, at runtime and at the type level, identically.
 * @packageDocumentation
 */

/** Renders a dimension or parameter as the messages show it: numbers bare, names as they are. */
export type FormatValue<Value> = Value extends readonly unknown[]
  ? FormatList<Value>
  : Value extends number | string | boolean | bigint
    ? `${Value}`
    : 'number';

/** Renders a tuple as `[1, 3, 224, 224]`. */
export type FormatList<Values extends readonly unknown[]> = `[${JoinValues<Values>}]`;

type JoinValues<Values extends readonly unknown[], Acc extends string = ''> = Values extends readonly [
  infer Head,
  ...infer Tail,
]
  ? JoinValues<Tail, Acc extends '' ? FormatValue<Head> : `${Acc}, ${FormatValue<Head>}`>
  : Values extends readonly []
    ? Acc
    : `${Acc}${Acc extends '' ? '' : ', '}...`;

/** Renders a dimension or parameter as the messages show it (twin of {@link FormatValue}). */
export function formatValue(value: unknown): string {
  if (Array.isArray(value)) return formatList(value);
  return String(value);
}

/** Renders a list as `[1, 3, 224, 224]` (twin of {@link FormatList}). */
export function formatList(values: readonly unknown[]): string {
  return `[${values.map(formatValue).join(', ')}]`;
}
