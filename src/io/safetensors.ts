/**
 * The safetensors file format (Hugging Face's, https://github.com/huggingface/safetensors): an
 * 8-byte little-endian unsigned header length `N`, then `N` bytes of UTF-8 JSON (an object: each
 * tensor's name maps to `{ "dtype", "shape", "data_offsets": [begin, end] }`, offsets relative
 * to the first byte after the header, plus an optional `"__metadata__"` object of strings; the
 * header may be padded with trailing spaces), then the data: every tensor little-endian and
 * row-major, the buffer covered exactly, without holes or overlaps.
 *
 * A file is untrusted input: the header is parsed by a strict JSON parser of its own (duplicate
 * keys are an error, at every depth; the keys keep their order), and every entry is checked
 * against the bytes before anything is allocated.
 * @packageDocumentation
 */
import { formatList } from '../shape/format.js';
import { allocateData } from '../tensor/allocate.js';
import { checkTensor } from '../tensor/check.js';
import { Tensor } from '../tensor/tensor.js';

/**
 * The safetensors element types shapecheck reads and writes. Every one is read into float32:
 * `F32`, `F16`, `BF16` exactly; `F64` rounded to the nearest float32 (ties to even; past the
 * float32 range, ±Infinity); the integers `I64`, `I32`, `I16`, `I8`, `U64`, `U32`, `U16`, `U8`
 * rounded to the nearest float32 (ties to even, what torch's `.float()` gives: exact up to
 * 2^24 in magnitude); `BOOL` as 0 or 1. The format's other dtypes (`F8_E4M3`, `F8_E5M2`, ...)
 * are refused by name.
 *
 * @example
 * ```ts
 * import type { SafetensorsDtype } from 'shapecheck';
 * const dtype: SafetensorsDtype = 'BF16';
 * ```
 * @category Data
 */
export type SafetensorsDtype = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U64' | 'U32' | 'U16' | 'U8' | 'BOOL';

/** Each dtype's size in bytes and, for the integers, the values it holds: `min ≤ n < limit`. */
const DTYPES: Readonly<Record<SafetensorsDtype, { readonly size: number; readonly min?: number; readonly limit?: number; readonly range?: string }>> = {
  F64: { size: 8 },
  F32: { size: 4 },
  F16: { size: 2 },
  BF16: { size: 2 },
  I64: { size: 8, min: -(2 ** 63), limit: 2 ** 63, range: '-2^63 to 2^63 - 1' },
  I32: { size: 4, min: -(2 ** 31), limit: 2 ** 31, range: '-2147483648 to 2147483647' },
  I16: { size: 2, min: -(2 ** 15), limit: 2 ** 15, range: '-32768 to 32767' },
  I8: { size: 1, min: -128, limit: 128, range: '-128 to 127' },
  U64: { size: 8, min: 0, limit: 2 ** 64, range: '0 to 2^64 - 1' },
  U32: { size: 4, min: 0, limit: 2 ** 32, range: '0 to 4294967295' },
  U16: { size: 2, min: 0, limit: 2 ** 16, range: '0 to 65535' },
  U8: { size: 1, min: 0, limit: 256, range: '0 to 255' },
  BOOL: { size: 1, min: 0, limit: 2, range: '0 and 1' },
};

/** The largest header the reference implementation reads (its `MAX_HEADER_SIZE`). */
const MAX_HEADER_BYTES = 100_000_000;
/** How deep the header's JSON may nest (a valid header nests 3 deep); bounds the parser's stack. */
const MAX_DEPTH = 64;

const isDtype = (value: string): value is SafetensorsDtype => Object.prototype.hasOwnProperty.call(DTYPES, value);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const quote = (name: string): string => JSON.stringify(name);

/**
 * What {@link loadSafetensors} returns: the tensors (as float32) and their dtypes in the file,
 * both in the header's order, and the `__metadata__` strings (`null` when the file has none).
 *
 * @example
 * ```ts
 * import { loadSafetensors, saveSafetensors, zeros } from 'shapecheck';
 * import type { SafetensorsFile } from 'shapecheck';
 * const file: SafetensorsFile = loadSafetensors(saveSafetensors({ b: zeros([2]) }));
 * file.metadata;
 * //=> null
 * ```
 * @category Data
 */
export interface SafetensorsFile {
  /** Each tensor by name, in the header's order; its data is a copy, never a view of the bytes. */
  readonly tensors: Map<string, Tensor>;
  /** The dtype each tensor has in the file, in the same order. */
  readonly dtypes: Map<string, SafetensorsDtype>;
  /** The file's `__metadata__` (string to string), or `null` when it has none. */
  readonly metadata: Record<string, string> | null;
}

/**
 * Options of {@link saveSafetensors}: the `__metadata__` to write, and a dtype per tensor name
 * (`F32` for the others).
 *
 * @example
 * ```ts
 * import type { SaveSafetensorsOptions } from 'shapecheck';
 * const options: SaveSafetensorsOptions = { metadata: { format: 'pt' }, dtypes: { 'bn.num_batches_tracked': 'I64' } };
 * ```
 * @category Data
 */
export interface SaveSafetensorsOptions {
  /** Free-form strings, written as the header's `__metadata__` (omitted when not given). */
  readonly metadata?: Readonly<Record<string, string>>;
  /** The dtype to write a tensor as, by name; `F32` for the tensors not listed. */
  readonly dtypes?: Readonly<Record<string, SafetensorsDtype>>;
}

/**
 * The tensors {@link saveSafetensors} takes: a `Map`, an array of `[name, tensor]` pairs (what
 * `model.namedParameters()` returns), any iterable of pairs, or a plain object.
 *
 * @example
 * ```ts
 * import { ones, type SafetensorsInput } from 'shapecheck';
 * const tensors: SafetensorsInput = [['weight', ones([2, 2])], ['bias', ones([2])]];
 * ```
 * @category Data
 */
export type SafetensorsInput = Iterable<readonly [string, Tensor]> | Readonly<Record<string, Tensor>>;

// ---------------------------------------------------------------------------------------------
// A strict JSON parser (RFC 8259): objects become Maps (keys in order, duplicates refused),
// numbers keep their text so that integers can be checked exactly.

class JsonNumber {
  constructor(readonly text: string) {}
}
type Json = null | boolean | string | JsonNumber | Json[] | Map<string, Json>;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function parseHeader(text: string): Json {
  let at = 0;
  const fail = (what: string): never => {
    const found = at < text.length ? `${quote(text[at]!)}` : 'the end of the header';
    throw new Error(`loadSafetensors: the header is not valid JSON: ${what}, found ${found} at character ${at}`);
  };
  const skipSpace = (): void => {
    for (let c = text.charCodeAt(at); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++at));
  };
  const parseString = (): string => {
    at++; // the opening quote
    let out = '';
    let start = at;
    for (;;) {
      const c = text.charCodeAt(at);
      if (Number.isNaN(c)) fail('an unterminated string');
      if (c === 0x22) break;
      if (c < 0x20) fail('a control character in a string');
      if (c !== 0x5c) {
        at++;
        continue;
      }
      out += text.slice(start, at);
      const e = text[at + 1] ?? '';
      if (e === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          at += 2;
          fail('a \\u escape without 4 hex digits');
        }
        out += String.fromCharCode(parseInt(hex, 16));
        at += 6;
      } else {
        const escaped = ESCAPES[e];
        if (escaped === undefined) {
          at++;
          fail('an invalid escape');
        }
        out += escaped;
        at += 2;
      }
      start = at;
    }
    out += text.slice(start, at);
    at++; // the closing quote
    if (LONE_SURROGATE.test(out)) {
      throw new Error(`loadSafetensors: the header is not valid JSON: the string ${quote(out)} ending at character ${at} has an unpaired surrogate escape`);
    }
    return out;
  };
  const parseValue = (depth: number, path: string): Json => {
    if (depth > MAX_DEPTH) throw new Error(`loadSafetensors: the header nests deeper than ${MAX_DEPTH} levels (at ${path})`);
    skipSpace();
    const c = text[at];
    if (c === '{') {
      at++;
      const object = new Map<string, Json>();
      skipSpace();
      if (text[at] === '}') {
        at++;
        return object;
      }
      for (;;) {
        skipSpace();
        if (text[at] !== '"') fail('expected a string key');
        const key = parseString();
        if (object.has(key)) throw new Error(`loadSafetensors: the header has the key ${quote(key)} twice in ${path}`);
        skipSpace();
        if (text[at] !== ':') fail(`expected ':' after the key ${quote(key)}`);
        at++;
        object.set(key, parseValue(depth + 1, depth === 0 ? quote(key) : `${path}.${quote(key)}`));
        skipSpace();
        if (text[at] === ',') at++;
        else if (text[at] === '}') {
          at++;
          return object;
        } else fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      at++;
      const array: Json[] = [];
      skipSpace();
      if (text[at] === ']') {
        at++;
        return array;
      }
      for (;;) {
        array.push(parseValue(depth + 1, `${path}[${array.length}]`));
        skipSpace();
        if (text[at] === ',') at++;
        else if (text[at] === ']') {
          at++;
          return array;
        } else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return parseString();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number === null) return fail('expected a value');
    at += number[0].length;
    return new JsonNumber(number[0]);
  };
  const value = parseValue(0, 'the header');
  skipSpace();
  if (at !== text.length) fail('expected the end of the header after the top-level object');
  return value;
}

/** What a JSON value is, for a message. */
function kindOf(value: Json): string {
  if (value === null) return 'null';
  if (value instanceof Map) return 'an object';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof JsonNumber) return `the number ${value.text}`;
  return typeof value === 'string' ? `the string ${quote(value)}` : `${String(value)}`;
}

/** A JSON number that is a plain non-negative integer up to 2^53 - 1 (no sign, fraction or exponent), or null. */
function safeIndex(value: Json): number | null {
  if (!(value instanceof JsonNumber) || !/^(?:0|[1-9][0-9]*)$/.test(value.text)) return null;
  const n = Number(value.text);
  return Number.isSafeInteger(n) ? n : null;
}

// ---------------------------------------------------------------------------------------------
// Number conversions.

const scratch = new DataView(new ArrayBuffer(4));

/** An IEEE half (its 16 bits) as a number: exact. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}

/** A float32 value as an IEEE half (16 bits), rounded to nearest, ties to even. */
function numberToHalf(value: number): number {
  scratch.setFloat32(0, value);
  const bits = scratch.getUint32(0);
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const fraction = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (fraction ? 0x200 : 0);
  const magnitude = Math.abs(value);
  if (magnitude >= 65520) return sign | 0x7c00; // past the largest half (65504) by half a step or more
  if (magnitude < 2 ** -14) {
    // subnormal halves are multiples of 2^-24: round the multiple to even
    const steps = magnitude * 2 ** 24;
    let rounded = Math.round(steps);
    if (rounded - steps === 0.5 && rounded % 2 === 1) rounded--; // Math.round rounds ties up
    return sign | rounded;
  }
  const shift = 13;
  let half = ((exponent - 112) << 10) | (fraction >> shift);
  const rest = fraction & ((1 << shift) - 1);
  if (rest > 1 << (shift - 1) || (rest === 1 << (shift - 1) && half & 1)) half++; // a carry into the exponent is right too
  return sign | half;
}

/** A float32 value as bfloat16 (its upper 16 bits), rounded to nearest, ties to even; NaN stays NaN. */
function numberToBfloat16(value: number): number {
  scratch.setFloat32(0, value);
  const bits = scratch.getUint32(0);
  if (Number.isNaN(value)) return ((bits >>> 16) & 0x8000) | 0x7fc0;
  return (bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16;
}

/** bfloat16 bits as a number: exact. */
function bfloat16ToNumber(bits: number): number {
  scratch.setUint32(0, bits << 16);
  return scratch.getFloat32(0);
}

/** A 64-bit integer as the nearest float32 (ties to even), as a direct conversion rounds it (no double rounding through float64). */
function bigintToFloat32(value: bigint): number {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  if (magnitude <= 2n ** 53n) return Math.fround(Number(value));
  const shift = magnitude.toString(2).length - 24;
  let kept = magnitude >> BigInt(shift);
  const rest = magnitude - (kept << BigInt(shift));
  const halfway = 1n << BigInt(shift - 1);
  if (rest > halfway || (rest === halfway && (kept & 1n) === 1n)) kept++;
  const result = Number(kept) * 2 ** shift; // exact: at most 25 significant bits
  return negative ? -result : result;
}

// ---------------------------------------------------------------------------------------------
// Reading.

interface Entry {
  readonly name: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

/** Checks one tensor entry of the header against the data's length. */
function checkEntry(name: string, value: Json, dataLength: number): Entry {
  const at = `loadSafetensors: tensor ${quote(name)}`;
  if (!(value instanceof Map)) throw new TypeError(`${at}: the entry must be an object with "dtype", "shape" and "data_offsets", got ${kindOf(value)}`);
  for (const field of ['dtype', 'shape', 'data_offsets']) {
    if (!value.has(field)) throw new TypeError(`${at}: the entry has no "${field}"`);
  }
  const dtype = value.get('dtype')!;
  if (typeof dtype !== 'string') throw new TypeError(`${at}: "dtype" must be a string, got ${kindOf(dtype)}`);
  if (!isDtype(dtype)) {
    throw new Error(`${at}: dtype ${quote(dtype)} is not supported (supported: ${Object.keys(DTYPES).join(', ')})`);
  }
  const shapeJson = value.get('shape')!;
  if (!Array.isArray(shapeJson)) throw new TypeError(`${at}: "shape" must be an array of dims, got ${kindOf(shapeJson)}`);
  const shape: number[] = [];
  for (const [i, dim] of shapeJson.entries()) {
    const n = safeIndex(dim);
    if (n === null) {
      const error = dim instanceof JsonNumber ? RangeError : TypeError;
      throw new error(`${at}: "shape" entry ${i} must be a non-negative integer up to 2^53 - 1, got ${kindOf(dim)}`);
    }
    shape.push(n);
  }
  const offsets = value.get('data_offsets')!;
  if (!Array.isArray(offsets) || offsets.length !== 2) {
    throw new TypeError(`${at}: "data_offsets" must be an array [begin, end], got ${Array.isArray(offsets) ? `an array of ${offsets.length}` : kindOf(offsets)}`);
  }
  const [begin, end] = offsets.map(safeIndex) as [number | null, number | null];
  if (begin === null || end === null) {
    const bad = begin === null ? offsets[0]! : offsets[1]!;
    const error = bad instanceof JsonNumber ? RangeError : TypeError;
    throw new error(`${at}: "data_offsets" must hold non-negative integers up to 2^53 - 1, got ${kindOf(bad)}`);
  }
  if (begin > end || end > dataLength) {
    throw new RangeError(`${at}: "data_offsets" [${begin}, ${end}] must satisfy 0 ≤ begin ≤ end ≤ ${dataLength} (the data's length in bytes)`);
  }
  // numel × size against the byte range, stopping as soon as it is too large (no overflow)
  const { size } = DTYPES[dtype];
  const bytes = end - begin;
  let needed = shape.includes(0) ? 0 : size;
  for (const dim of shape) {
    if (needed > bytes) break;
    needed *= dim;
  }
  if (needed !== bytes) {
    const exact = shape.length <= 1000 ? String(shape.reduce((p, d) => p * BigInt(d), BigInt(shape.includes(0) ? 0 : size))) : `more than ${bytes}`;
    throw new RangeError(`${at}: shape ${formatList(shape)} of ${dtype} (${size} bytes each) needs ${exact} bytes, but "data_offsets" [${begin}, ${end}] hold ${bytes}`);
  }
  return { name, dtype, shape, begin, end };
}

/** Checks that the tensors' byte ranges cover the data exactly: no overlaps, no holes, no trailing bytes. */
function checkCoverage(entries: readonly Entry[], dataLength: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let last: Entry | undefined; // the tensor that ends at \`covered\`
  for (const entry of sorted) {
    if (entry.begin < covered) {
      throw new RangeError(`loadSafetensors: tensors ${quote(last!.name)} [${last!.begin}, ${last!.end}] and ${quote(entry.name)} [${entry.begin}, ${entry.end}] overlap`);
    }
    if (entry.begin > covered) {
      throw new RangeError(`loadSafetensors: bytes [${covered}, ${entry.begin}) of the data belong to no tensor (a hole before tensor ${quote(entry.name)})`);
    }
    covered = entry.end;
    last = entry;
  }
  if (covered !== dataLength) {
    throw new RangeError(`loadSafetensors: the data has ${dataLength} bytes, but the tensors cover only the first ${covered} (trailing bytes)`);
  }
}

/** Decodes one tensor's bytes (at `start` in `view`) into a new float32 array. */
function decode(entry: Entry, bytes: Uint8Array, view: DataView, start: number): Float32Array {
  let data: Float32Array;
  try {
    data = allocateData('loadSafetensors', entry.shape);
  } catch (error) {
    throw new RangeError(`loadSafetensors: tensor ${quote(entry.name)}: ${(error as Error).message.replace(/^loadSafetensors: /, '')}`);
  }
  const n = data.length;
  switch (entry.dtype) {
    case 'F32':
      if (LITTLE_ENDIAN) new Uint8Array(data.buffer).set(bytes.subarray(start, start + 4 * n));
      else for (let i = 0; i < n; i++) data[i] = view.getFloat32(start + 4 * i, true);
      break;
    case 'F64':
      for (let i = 0; i < n; i++) data[i] = view.getFloat64(start + 8 * i, true);
      break;
    case 'F16':
      for (let i = 0; i < n; i++) data[i] = halfToNumber(view.getUint16(start + 2 * i, true));
      break;
    case 'BF16':
      for (let i = 0; i < n; i++) data[i] = bfloat16ToNumber(view.getUint16(start + 2 * i, true));
      break;
    case 'I64':
      for (let i = 0; i < n; i++) data[i] = bigintToFloat32(view.getBigInt64(start + 8 * i, true));
      break;
    case 'U64':
      for (let i = 0; i < n; i++) data[i] = bigintToFloat32(view.getBigUint64(start + 8 * i, true));
      break;
    case 'I32':
      for (let i = 0; i < n; i++) data[i] = view.getInt32(start + 4 * i, true);
      break;
    case 'U32':
      for (let i = 0; i < n; i++) data[i] = view.getUint32(start + 4 * i, true);
      break;
    case 'I16':
      for (let i = 0; i < n; i++) data[i] = view.getInt16(start + 2 * i, true);
      break;
    case 'U16':
      for (let i = 0; i < n; i++) data[i] = view.getUint16(start + 2 * i, true);
      break;
    case 'I8':
      for (let i = 0; i < n; i++) data[i] = view.getInt8(start + i);
      break;
    case 'U8':
      for (let i = 0; i < n; i++) data[i] = bytes[start + i]!;
      break;
    case 'BOOL':
      for (let i = 0; i < n; i++) {
        const byte = bytes[start + i]!;
        if (byte > 1) throw new RangeError(`loadSafetensors: tensor ${quote(entry.name)} (BOOL) holds the byte ${byte} at element ${i}; a BOOL is 0 or 1`);
        data[i] = byte;
      }
  }
  return data;
}

/**
 * Reads a safetensors file from its bytes: every tensor as a float32 {@link Tensor} (a copy:
 * nothing aliases `bytes`), in the header's order, with its dtype in the file and the file's
 * `__metadata__`. The whole file is checked as the format's specification asks before anything
 * is decoded: the header length (at most 100,000,000 bytes, within the file), strict JSON
 * starting with `{` (duplicate keys refused), every entry's fields, each tensor's byte length
 * against its shape and dtype, and that the tensors cover the data exactly (no overlaps, no
 * holes, no trailing bytes). Unknown fields in an entry are ignored.
 *
 * Conversions to float32: see {@link SafetensorsDtype} (`I64` as torch's `.float()` rounds it,
 * to the nearest float32).
 *
 * @param file the file's bytes: a `Uint8Array` (a Node `Buffer`, any view of a larger buffer)
 *   or an `ArrayBuffer`.
 * @throws {TypeError} when `bytes` is neither, or a header field has the wrong JSON type.
 * @throws {RangeError} for a length, shape, offset or coverage that does not fit the file.
 * @throws {Error} for a header that is not UTF-8 JSON, has a key twice, or an unsupported dtype.
 *   Every message starts with `loadSafetensors: ` and names the tensor or field.
 * @example
 * ```ts
 * import { loadSafetensors, saveSafetensors, tensor } from 'shapecheck';
 * const bytes = saveSafetensors({ w: tensor([[1, 2], [3, 4]]), steps: tensor(7) }, { dtypes: { steps: 'I64' } });
 * const { tensors, dtypes } = loadSafetensors(bytes);
 * [...tensors.keys()];
 * //=> ['w', 'steps']
 * tensors.get('w')!.toArray();
 * //=> [[1, 2], [3, 4]]
 * dtypes.get('steps');
 * //=> 'I64'
 * ```
 * @category Data
 */
export function loadSafetensors(file: Uint8Array | ArrayBuffer): SafetensorsFile {
  if (!(file instanceof ArrayBuffer || file instanceof Uint8Array)) {
    throw new TypeError(`loadSafetensors: bytes must be a Uint8Array (or a Node Buffer) or an ArrayBuffer, got ${String(file)}`);
  }
  // a plain view (a Buffer's methods differ: its slice does not copy)
  const bytes = file instanceof ArrayBuffer ? new Uint8Array(file) : new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length < 8) throw new RangeError(`loadSafetensors: a file of ${bytes.length} bytes is too short for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const low = view.getUint32(0, true);
  const high = view.getUint32(4, true);
  const headerLength = high * 2 ** 32 + low; // inexact past 2^53, but then far above the limit anyway
  if (headerLength > MAX_HEADER_BYTES) {
    throw new RangeError(`loadSafetensors: the header length ${high === 0 ? headerLength : `${BigInt(high) * 2n ** 32n + BigInt(low)}`} is above the limit of ${MAX_HEADER_BYTES} bytes`);
  }
  if (8 + headerLength > bytes.length) {
    throw new RangeError(`loadSafetensors: the header length ${headerLength} runs past the end of the file (${bytes.length} bytes, ${bytes.length - 8} after the length)`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    throw new Error('loadSafetensors: the header is not valid UTF-8');
  }
  if (!text.startsWith('{')) {
    throw new Error(`loadSafetensors: the header must be a JSON object starting with '{', it starts with ${text.length ? quote(text.slice(0, 8)) : 'nothing (length 0)'}`);
  }
  const header = parseHeader(text);
  if (!(header instanceof Map)) throw new TypeError(`loadSafetensors: the header must be a JSON object, got ${kindOf(header)}`);

  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  let metadata: Record<string, string> | null = null;
  const entries: Entry[] = [];
  for (const [name, value] of header) {
    if (name !== '__metadata__') {
      entries.push(checkEntry(name, value, dataLength));
      continue;
    }
    if (!(value instanceof Map)) throw new TypeError(`loadSafetensors: "__metadata__" must be an object of strings, got ${kindOf(value)}`);
    metadata = {};
    for (const [key, string] of value) {
      if (typeof string !== 'string') throw new TypeError(`loadSafetensors: "__metadata__" value ${quote(key)} must be a string, got ${kindOf(string)}`);
      Object.defineProperty(metadata, key, { value: string, enumerable: true, writable: true, configurable: true });
    }
  }
  checkCoverage(entries, dataLength);

  const tensors = new Map<string, Tensor>();
  const dtypes = new Map<string, SafetensorsDtype>();
  for (const entry of entries) {
    tensors.set(entry.name, new Tensor(decode(entry, bytes, view, dataStart + entry.begin), entry.shape));
    dtypes.set(entry.name, entry.dtype);
  }
  return { tensors, dtypes, metadata };
}

// ---------------------------------------------------------------------------------------------
// Writing.

/** Writes `values` as `dtype` at `start` of `view`, refusing values the dtype cannot hold. */
function encode(name: string, dtype: SafetensorsDtype, values: Float32Array, bytes: Uint8Array, view: DataView, start: number): void {
  const n = values.length;
  const { min, limit, range } = DTYPES[dtype];
  if (min !== undefined && limit !== undefined) {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (!Number.isInteger(v) || v < min || v >= limit) {
        throw new RangeError(`saveSafetensors: tensor ${quote(name)} holds ${v} at element ${i}, which ${dtype} cannot hold (${dtype === 'BOOL' ? '' : 'integers '}${range})`);
      }
    }
  }
  switch (dtype) {
    case 'F32':
      if (LITTLE_ENDIAN) bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), start);
      else for (let i = 0; i < n; i++) view.setFloat32(start + 4 * i, values[i]!, true);
      break;
    case 'F64':
      for (let i = 0; i < n; i++) view.setFloat64(start + 8 * i, values[i]!, true);
      break;
    case 'F16':
      for (let i = 0; i < n; i++) view.setUint16(start + 2 * i, numberToHalf(values[i]!), true);
      break;
    case 'BF16':
      for (let i = 0; i < n; i++) view.setUint16(start + 2 * i, numberToBfloat16(values[i]!), true);
      break;
    case 'I64':
      for (let i = 0; i < n; i++) view.setBigInt64(start + 8 * i, BigInt(values[i]!), true);
      break;
    case 'U64':
      for (let i = 0; i < n; i++) view.setBigUint64(start + 8 * i, BigInt(values[i]!), true);
      break;
    case 'I32':
      for (let i = 0; i < n; i++) view.setInt32(start + 4 * i, values[i]!, true);
      break;
    case 'U32':
      for (let i = 0; i < n; i++) view.setUint32(start + 4 * i, values[i]!, true);
      break;
    case 'I16':
      for (let i = 0; i < n; i++) view.setInt16(start + 2 * i, values[i]!, true);
      break;
    case 'U16':
      for (let i = 0; i < n; i++) view.setUint16(start + 2 * i, values[i]!, true);
      break;
    case 'I8':
      for (let i = 0; i < n; i++) view.setInt8(start + i, values[i]!);
      break;
    case 'U8':
    case 'BOOL':
      bytes.set(values, start); // integers in range, checked above
  }
}

function checkString(what: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`saveSafetensors: ${what} must be a string, got ${typeof value}`);
  if (LONE_SURROGATE.test(value)) throw new RangeError(`saveSafetensors: ${what} ${quote(value)} has an unpaired surrogate (not valid UTF-8)`);
  return value;
}

/**
 * Writes tensors as a safetensors file, every tensor `F32` unless `options.dtypes` says otherwise
 * (`F64`, `F16` and `BF16` round to nearest, ties to even; the integer dtypes and `BOOL` take
 * only values they hold exactly, e.g. a BatchNorm's `num_batches_tracked` as `I64`).
 *
 * The header lists the tensors in the order given (so {@link loadSafetensors} returns them in
 * that order); the data is laid out by element size, largest first (stable), so that each tensor
 * starts at a multiple of its element size; the header is padded with spaces so that the data
 * starts at a multiple of 8, as the reference implementation does.
 *
 * @throws {TypeError} for a name that is not a string, a value that is not a `Tensor`, or a
 *   metadata value that is not a string.
 * @throws {RangeError} for a value the dtype cannot hold, or an unknown dtype.
 * @throws {Error} for a name given twice, the reserved name `__metadata__`, or a dtype for a
 *   tensor that is not given. Every message starts with `saveSafetensors: `.
 * @example
 * ```ts
 * import { saveSafetensors, tensor } from 'shapecheck';
 * const bytes = saveSafetensors(new Map([['x', tensor([1.5, -2])]]), { metadata: { format: 'pt' } });
 * bytes.length;
 * //=> 104
 * new TextDecoder().decode(bytes.subarray(8, 96)).trimEnd();
 * //=> '{"__metadata__":{"format":"pt"},"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'
 * ```
 * @category Data
 */
export function saveSafetensors(tensors: SafetensorsInput, options: SaveSafetensorsOptions = {}): Uint8Array {
  if (tensors === null || typeof tensors !== 'object') {
    throw new TypeError(`saveSafetensors: tensors must be a Map, an iterable of [name, tensor] pairs or an object, got ${String(tensors)}`);
  }
  const pairs: readonly unknown[] = Symbol.iterator in tensors ? [...(tensors as Iterable<unknown>)] : Object.entries(tensors);
  const dtypeOf = new Map<string, SafetensorsDtype>();
  for (const [name, dtype] of Object.entries(options.dtypes ?? {})) {
    if (typeof dtype !== 'string' || !isDtype(dtype)) {
      throw new RangeError(`saveSafetensors: dtype ${quote(String(dtype))} for tensor ${quote(name)} is not one of ${Object.keys(DTYPES).join(', ')}`);
    }
    dtypeOf.set(name, dtype);
  }
  const entries: { name: string; tensor: Tensor; dtype: SafetensorsDtype; begin: number; end: number }[] = [];
  const seen = new Set<string>();
  for (const [i, pair] of pairs.entries()) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`saveSafetensors: entry ${i} must be a [name, tensor] pair`);
    const name = checkString(`the name of entry ${i}`, pair[0] as unknown);
    if (name === '__metadata__') throw new Error(`saveSafetensors: "__metadata__" is reserved for the metadata and cannot name a tensor`);
    if (seen.has(name)) throw new Error(`saveSafetensors: the name ${quote(name)} is given twice`);
    seen.add(name);
    const tensor = checkTensor('saveSafetensors', `tensor ${quote(name)}`, pair[1] as unknown);
    entries.push({ name, tensor, dtype: dtypeOf.get(name) ?? 'F32', begin: 0, end: 0 });
  }
  for (const name of dtypeOf.keys()) {
    if (!seen.has(name)) throw new Error(`saveSafetensors: options.dtypes names ${quote(name)}, which is not among the tensors`);
  }
  // the data: largest elements first (stable), so every tensor is aligned to its element size
  let offset = 0;
  for (const entry of [...entries].sort((a, b) => DTYPES[b.dtype].size - DTYPES[a.dtype].size)) {
    entry.begin = offset;
    offset += entry.tensor.data.length * DTYPES[entry.dtype].size;
    entry.end = offset;
  }
  const parts: string[] = [];
  if (options.metadata !== undefined) {
    const metadata = Object.entries(options.metadata).map(
      ([key, value]) => `${quote(checkString('a metadata key', key))}:${quote(checkString(`metadata value ${quote(key)}`, value))}`,
    );
    parts.push(`"__metadata__":{${metadata.join(',')}}`);
  }
  for (const { name, tensor, dtype, begin, end } of entries) {
    parts.push(`${quote(name)}:{"dtype":"${dtype}","shape":[${tensor.shape.join(',')}],"data_offsets":[${begin},${end}]}`);
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(8 + headerLength + offset);
  } catch (error) {
    throw new RangeError(`saveSafetensors: a file of ${8 + headerLength + offset} bytes cannot be allocated here (${(error as Error).message})`);
  }
  const view = new DataView(bytes.buffer);
  view.setUint32(0, headerLength % 2 ** 32, true);
  view.setUint32(4, Math.floor(headerLength / 2 ** 32), true);
  bytes.set(json, 8);
  bytes.fill(0x20, 8 + json.length, 8 + headerLength);
  for (const { name, tensor, dtype, begin } of entries) encode(name, dtype, tensor.data, bytes, view, 8 + headerLength + begin);
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Files (Node only: node:fs is looked up when called, so the module loads in browsers too).

interface NodeFs {
  readFileSync(path: string): Uint8Array;
  writeFileSync(path: string, data: Uint8Array): void;
}

function nodeFs(op: string): NodeFs {
  const node = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const fs = node?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  if (!fs) throw new Error(`${op}: node:fs is unavailable here (files need Node ≥ 20.16; in a browser, use ${op.replace('File', '')} on the bytes)`);
  return fs;
}

/**
 * Reads a safetensors file from disk (Node only): {@link loadSafetensors} on its bytes.
 *
 * @throws {Error} where `node:fs` is unavailable (a browser), and whatever reading the file or
 *   {@link loadSafetensors} throws.
 * @example
 * ```ts
 * import { loadSafetensorsFile, saveSafetensorsFile, arange } from 'shapecheck';
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(mkdtempSync(join(tmpdir(), 'st-')), 'model.safetensors');
 * saveSafetensorsFile(path, { x: arange(3) });
 * Array.from(loadSafetensorsFile(path).tensors.get('x')!.data);
 * //=> [0, 1, 2]
 * ```
 * @category Data
 */
export function loadSafetensorsFile(path: string): SafetensorsFile {
  return loadSafetensors(nodeFs('loadSafetensorsFile').readFileSync(path));
}

/**
 * Writes tensors to a safetensors file on disk (Node only): {@link saveSafetensors}, then the
 * bytes to `path`.
 *
 * @throws {Error} where `node:fs` is unavailable (a browser), and whatever
 *   {@link saveSafetensors} or writing the file throws.
 * @example
 * ```ts
 * import { saveSafetensorsFile, loadSafetensorsFile, ones } from 'shapecheck';
 * import { mkdtempSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(mkdtempSync(join(tmpdir(), 'st-')), 'half.safetensors');
 * saveSafetensorsFile(path, [['w', ones([2, 2])]], { dtypes: { w: 'F16' } });
 * loadSafetensorsFile(path).dtypes.get('w');
 * //=> 'F16'
 * ```
 * @category Data
 */
export function saveSafetensorsFile(path: string, tensors: SafetensorsInput, options?: SaveSafetensorsOptions): void {
  const bytes = saveSafetensors(tensors, options);
  nodeFs('saveSafetensorsFile').writeFileSync(path, bytes);
}
