// PyTorch's tensor printing (torch/_tensor_str.py, default print options) for float32 data.
//
// The rules mirrored here, for `str(t)` of a float32 tensor without autograd state:
// - One formatter serves the whole tensor (or, when summarizing, only the elements shown). From
//   the nonzero finite values it picks int mode (every value integral: `3.`), fixed `.4f`, or
//   scientific `.4e` (max/min ratio > 1000, max > 1e8, or — outside int mode — min < 1e-4), and
//   a width: the widest of those values' strings. Every element is right-aligned to that width;
//   zeros, nan and ±inf are formatted the same way but never widen it.
// - The last dimension wraps at 80 columns: floor((80 - indent) / (width + 2)) elements a line.
// - Rows are joined by `,` plus (rank - 1) newlines and the indentation of the bracket depth.
// - Past 1000 elements, every dimension longer than 6 shows its first and last 3 entries around
//   `...`.
// Numbers are formatted as Python's `format` does: exactly, from the binary value, rounding half
// to even, `-` kept on negative zero, `nan` / `inf` / `-inf`, exponents with at least two digits.

const LINE_WIDTH = 80;
const PRECISION = 4;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const PREFIX = 'tensor(';

/** A finite positive double as `mantissa * 2 ** exponent`, exactly. */
interface Binary {
  mantissa: bigint;
  exponent: number;
}

const scratch = new DataView(new ArrayBuffer(8));

function toBinary(value: number): Binary {
  scratch.setFloat64(0, value);
  const high = scratch.getUint32(0);
  const low = scratch.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  return biased === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** `numerator / denominator` rounded to an integer, ties to even (both positive). */
function divideRoundingHalfEven(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const twiceRemainder = (numerator - quotient * denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) {
    return quotient + 1n;
  }
  return quotient;
}

/** `value * 10 ** power` for a finite positive `value`, as an exact fraction. */
function scaledByPowerOfTen(value: number, power: number): [numerator: bigint, denominator: bigint] {
  const { mantissa, exponent } = toBinary(value);
  let numerator = mantissa;
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  if (power >= 0) numerator *= 10n ** BigInt(power);
  else denominator *= 10n ** BigInt(-power);
  return [numerator, denominator];
}

function nonFinite(value: number): string {
  return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
}

const signOf = (value: number): string => (value < 0 || Object.is(value, -0) ? '-' : '');

/** Python's `'{:.<digits>f}'.format(value)`. */
function formatFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const magnitude = Math.abs(value);
  const scaled = magnitude === 0 ? 0n : divideRoundingHalfEven(...scaledByPowerOfTen(magnitude, digits));
  const text = scaled.toString().padStart(digits + 1, '0');
  const body = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return signOf(value) + body;
}

/** Python's `'{:.<digits>e}'.format(value)`. */
function formatScientific(value: number, digits: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const magnitude = Math.abs(value);
  let significand = 0n;
  let exponent = 0;
  if (magnitude !== 0) {
    const low = 10n ** BigInt(digits);
    const high = low * 10n;
    exponent = Math.floor(Math.log10(magnitude));
    // The estimate can be off by one near powers of ten; settle it exactly.
    for (;;) {
      const [numerator, denominator] = scaledByPowerOfTen(magnitude, digits - exponent);
      const truncated = numerator / denominator;
      if (truncated < low) exponent -= 1;
      else if (truncated >= high) exponent += 1;
      else {
        significand = divideRoundingHalfEven(numerator, denominator);
        break;
      }
    }
    if (significand === high) {
      significand = low;
      exponent += 1;
    }
  }
  const text = significand.toString().padStart(digits + 1, '0');
  const mantissa = digits === 0 ? text : `${text.slice(0, 1)}.${text.slice(1)}`;
  const exponentText = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return `${signOf(value)}${mantissa}e${exponentText}`;
}

/** torch._tensor_str._Formatter for a floating tensor. */
class Formatter {
  readonly width: number;
  readonly #intMode: boolean;
  readonly #sciMode: boolean;

  constructor(values: Iterable<number>) {
    const shown: number[] = [];
    for (const value of values) if (Number.isFinite(value) && value !== 0) shown.push(value);
    let intMode = true;
    let sciMode = false;
    let width = 1;
    if (shown.length > 0) {
      let min = Infinity;
      let max = 0;
      for (const value of shown) {
        const magnitude = Math.abs(value);
        if (magnitude < min) min = magnitude;
        if (magnitude > max) max = magnitude;
        if (intMode && Math.ceil(value) !== value) intMode = false;
      }
      sciMode = max / min > 1000 || max > 1e8 || (!intMode && min < 1e-4);
      for (const value of shown) {
        const text = sciMode
          ? formatScientific(value, PRECISION)
          : intMode
            ? `${formatFixed(value, 0)}.`
            : formatFixed(value, PRECISION);
        if (text.length > width) width = text.length;
      }
    }
    this.width = width;
    this.#intMode = intMode;
    this.#sciMode = sciMode;
  }

  format(value: number): string {
    const text = this.#sciMode
      ? formatScientific(value, PRECISION)
      : this.#intMode
        ? formatFixed(value, 0) + (Number.isFinite(value) ? '.' : '')
        : formatFixed(value, PRECISION);
    return text.padStart(this.width, ' ');
  }
}

/** Python's `str(tuple(shape))`. */
function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * What PyTorch prints for a float32 tensor (`print(t)`, `str(t)`, `repr(t)`), given its elements
 * in row-major order and its shape, with the default print options (precision 4, threshold 1000,
 * edge items 3, line width 80) and no autograd state. Elements print in int mode (`3.`) when all
 * finite ones are integral, else with 4 decimals, or in scientific notation when magnitudes span
 * more than a factor of 1000, exceed 1e8 or fall below 1e-4; the last dimension wraps at 80
 * columns, and tensors of more than 1000 elements are summarized with `...`.
 *
 * @param data - the elements in row-major order; `data.length` must equal the product of `shape`
 * @param shape - the dimensions, each a non-negative integer; `[]` for a 0-d tensor
 * @returns the printed text, exactly as PyTorch writes it
 * @throws RangeError when a dimension is not a non-negative integer or `data` has the wrong length
 *
 * @example
 * ```ts
 * import { formatTensor } from 'shapecheck';
 * formatTensor(new Float32Array([0, 1, 2, 3]), [2, 2]);
 * //=> 'tensor([[0., 1.],\n        [2., 3.]])'
 * formatTensor(new Float32Array([0.5, -1.25, 1e-5]), [3]);
 * //=> 'tensor([ 5.0000e-01, -1.2500e+00,  1.0000e-05])'
 * formatTensor(new Float32Array(0), [0, 3]);
 * //=> 'tensor([], size=(0, 3))'
 * ```
 * @category Tensors
 */
export function formatTensor(data: Float32Array, shape: readonly number[]): string {
  let numel = 1;
  for (const size of shape) {
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new RangeError(`formatTensor: every dimension must be a non-negative integer, got shape [${shape.join(', ')}]`);
    }
    numel *= size;
  }
  if (data.length !== numel) {
    throw new RangeError(`formatTensor: shape [${shape.join(', ')}] holds ${numel} elements, but data has ${data.length}`);
  }

  if (numel === 0) {
    const body = `${PREFIX}[]`;
    if (shape.length === 1) return `${body})`;
    const suffix = `size=${pythonTuple(shape)}`;
    // torch's _add_suffixes: the suffix moves to its own line past the line width
    const lastLineLength = body.length + 2;
    const separator = lastLineLength + suffix.length + 2 > LINE_WIDTH ? `,\n${' '.repeat(PREFIX.length)}` : ', ';
    return `${body}${separator}${suffix})`;
  }

  const rank = shape.length;
  const strides: number[] = new Array<number>(rank).fill(1);
  for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1]! * shape[d + 1]!;
  const summarize = numel > THRESHOLD;

  /** The indices shown along a dimension of the given size. */
  const shownIndices = (size: number): number[] =>
    summarize && size > 2 * EDGE_ITEMS
      ? [...Array.from({ length: EDGE_ITEMS }, (_, i) => i), ...Array.from({ length: EDGE_ITEMS }, (_, i) => size - EDGE_ITEMS + i)]
      : Array.from({ length: size }, (_, i) => i);

  function* shownValues(dim: number, offset: number): Generator<number> {
    if (dim === rank) {
      yield data[offset]!;
      return;
    }
    for (const i of shownIndices(shape[dim]!)) yield* shownValues(dim + 1, offset + i * strides[dim]!);
  }

  const formatter = new Formatter(summarize ? shownValues(0, 0) : data);
  if (rank === 0) return `${PREFIX}${formatter.format(data[0]!)})`;

  /** The items of one dimension, with the `...` marker where entries are left out. */
  const items = (size: number, render: (i: number) => string, marker: string): string[] =>
    summarize && size > 2 * EDGE_ITEMS
      ? [
          ...Array.from({ length: EDGE_ITEMS }, (_, i) => render(i)),
          marker,
          ...Array.from({ length: EDGE_ITEMS }, (_, i) => render(size - EDGE_ITEMS + i)),
        ]
      : Array.from({ length: size }, (_, i) => render(i));

  function render(dim: number, offset: number, indent: number): string {
    const size = shape[dim]!;
    const stride = strides[dim]!;
    if (dim === rank - 1) {
      const elements = items(size, (i) => formatter.format(data[offset + i * stride]!), ' ...');
      const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / (formatter.width + 2)));
      const lines: string[] = [];
      for (let i = 0; i < elements.length; i += perLine) lines.push(elements.slice(i, i + perLine).join(', '));
      return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
    }
    const slices = items(size, (i) => render(dim + 1, offset + i * stride, indent + 1), '...');
    return `[${slices.join(`,${'\n'.repeat(rank - dim - 1)}${' '.repeat(indent + 1)}`)}]`;
  }

  return `${PREFIX}${render(0, 0, PREFIX.length)})`;
}
