// safetensors: round trips of every dtype and shape, golden files written from PyTorch (its
// `.float()` of F16/BF16/F64/I64 against our decoding), every way a file can be wrong (each a
// clear error naming the tensor or field), and mutated files (fast-check: each load is an error
// starting `loadSafetensors: ` or exactly what the mutated bytes encode, checked by a small
// independent decoder below).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  Tensor,
  loadSafetensors,
  loadSafetensorsFile,
  saveSafetensors,
  saveSafetensorsFile,
  tensor,
  type SafetensorsDtype,
} from 'shapecheck';

const FIXTURES = new URL('./fixtures/safetensors/', import.meta.url);
const SIZES: Record<SafetensorsDtype, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U64: 8, U32: 4, U16: 2, U8: 1, BOOL: 1 };
const DTYPES = Object.keys(SIZES) as SafetensorsDtype[];

const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const make = (shape: number[], values: (i: number) => number): Tensor => new Tensor(Float32Array.from({ length: numel(shape) }, (_, i) => values(i)), shape);

/** Values every dtype holds exactly (|v| ≤ 127 integers for the integers, eighths for the floats). */
function exactValue(dtype: SafetensorsDtype, i: number): number {
  if (dtype === 'BOOL') return i % 3 === 0 ? 1 : 0;
  if (dtype.startsWith('U')) return (i * 37) % 251;
  if (dtype.startsWith('I')) return ((i * 37) % 255) - 127;
  return (((i * 37) % 255) - 127) / 8;
}

/** A file from a header's JSON text and the data bytes, the header length as given or its own. */
function file(header: string, data: ArrayLike<number> = [], length?: number | bigint): Uint8Array {
  const json = new TextEncoder().encode(header);
  const bytes = new Uint8Array(8 + json.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(length ?? json.length), true);
  bytes.set(json, 8);
  bytes.set(data, 8 + json.length);
  return bytes;
}

/** The header's JSON text of a file. */
const headerText = (bytes: Uint8Array): string => new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true))));

/** Expects `run` to throw exactly `kind` (not a subclass or parent) with a message starting `loadSafetensors: ` and matching `message`. */
function expectError(run: () => unknown, kind: ErrorConstructor | RangeErrorConstructor | TypeErrorConstructor, message: RegExp, prefix = 'loadSafetensors: '): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Error);
  expect((thrown as Error).constructor).toBe(kind);
  expect((thrown as Error).message.startsWith(prefix)).toBe(true);
  expect((thrown as Error).message).toMatch(message);
}

describe('saveSafetensors → loadSafetensors round trips', () => {
  const shapes: number[][] = [[], [0, 3], [5], [2, 3, 4], [17, 33], [1, 1, 0, 2]];
  it.each(DTYPES.flatMap((dtype) => shapes.map((shape) => [dtype, JSON.stringify(shape), shape] as const)))('dtype=%s shape=%s: the same values back', (dtype, _name, shape) => {
    const x = make(shape, (i) => exactValue(dtype, i));
    const bytes = saveSafetensors([['x', x]], { dtypes: { x: dtype } });
    expect(bytes.length).toBe(8 + headerText(bytes).length + numel(shape) * SIZES[dtype]);
    const read = loadSafetensors(bytes);
    expect(read.dtypes.get('x')).toBe(dtype);
    expect(read.tensors.get('x')!.shape).toEqual(shape);
    expect(Array.from(read.tensors.get('x')!.data)).toEqual(Array.from(x.data));
  });

  it.each([
    ['F32', [1 / 3, -0, Infinity, -Infinity, 3.4028234663852886e38, 1e-45]],
    ['F64', [1 / 3, -0, Infinity, -Infinity, 3.4028234663852886e38, 1e-45]],
    ['I64', [2 ** 62, -(2 ** 63), 2 ** 63 - 2 ** 39, 16777217, -(2 ** 40)]],
    ['U64', [2 ** 64 - 2 ** 40, 0, 2 ** 53]],
    ['I32', [2 ** 31 - 128, -(2 ** 31)]],
    ['U32', [2 ** 32 - 256, 0]],
    ['I16', [32767, -32768]],
    ['U16', [65535, 0]],
    ['I8', [127, -128]],
    ['U8', [255, 0]],
  ] as const)('dtype=%s values=%j: float32 values the dtype holds come back exactly', (dtype, values) => {
    const read = loadSafetensors(saveSafetensors({ v: make([values.length], (i) => values[i]!) }, { dtypes: { v: dtype } })).tensors.get('v')!;
    expect([...read.data].map((v) => (Object.is(v, -0) ? '-0' : v))).toEqual([...Float32Array.from(values)].map((v) => (Object.is(v, -0) ? '-0' : v)));
  });

  it.each([
    ['F16', [1 / 3, 65504, 65519.99, 65520, -1e6, 2 ** -24, 2 ** -25, 3 * 2 ** -26, 2 ** -25 + 2 ** -40, 1 + 2 ** -11, 1 + 3 * 2 ** -11, NaN, -0],
      [0.333251953125, 65504, 65504, Infinity, -Infinity, 2 ** -24, 0, 2 ** -24, 2 ** -24, 1, 1 + 2 ** -9, NaN, -0]],
    ['BF16', [1 / 3, 1 + 2 ** -8, 1 + 3 * 2 ** -8, 3.4e38, -3.4e38, 3.3e38, 1e-40, NaN, -0],
      [0.333984375, 1, 1 + 2 ** -6, Infinity, -Infinity, 3.2964854295465914e38, 9.183549615799121e-41, NaN, -0]],
  ] as const)('dtype=%s: rounds to nearest, ties to even, overflow to ±Infinity', (dtype, values, expected) => {
    const read = loadSafetensors(saveSafetensors({ v: make([values.length], (i) => values[i]!) }, { dtypes: { v: dtype } })).tensors.get('v')!;
    [...read.data].forEach((v, i) => expect(Object.is(v, expected[i]!) || v === expected[i]).toBe(true));
  });

  it('metadata: keys and values with escapes and non-ASCII, __proto__ as an ordinary key', () => {
    const metadata = Object.defineProperty({ format: 'pt', 'quote"back\\slash': 'line\nbreak\ttab', 'ünï': '😀 κ', '': '' }, '__proto__', {
      value: 'own',
      enumerable: true,
    }) as Record<string, string>;
    const read = loadSafetensors(saveSafetensors({ x: tensor([1]) }, { metadata }));
    expect(read.metadata).toEqual(metadata);
    expect(Object.getPrototypeOf(read.metadata)).toBe(Object.prototype);
    expect(Object.keys(read.metadata!)).toEqual(Object.keys(metadata));
  });

  it('metadata {}: written and read back as {}; no metadata: null', () => {
    expect(loadSafetensors(saveSafetensors({ x: tensor([1]) }, { metadata: {} })).metadata).toEqual({});
    expect(loadSafetensors(saveSafetensors({ x: tensor([1]) })).metadata).toBeNull();
    expect(loadSafetensors(saveSafetensors([])).tensors.size).toBe(0);
  });

  it('order: the header keeps the given order (integer-like names too); the data is aligned, largest elements first', () => {
    const names = ['z', '10', 'a', '2', 'bn.num_batches_tracked', 'h', 'b'];
    const dtypes: Record<string, SafetensorsDtype> = { z: 'U8', '10': 'F16', a: 'F64', '2': 'F32', 'bn.num_batches_tracked': 'I64', h: 'BF16', b: 'BOOL' };
    const bytes = saveSafetensors(names.map((name, i) => [name, make([i + 1], () => 1)] as const), { dtypes });
    const read = loadSafetensors(bytes);
    expect([...read.tensors.keys()]).toEqual(names);
    expect([...read.dtypes.values()]).toEqual(names.map((n) => dtypes[n]));
    const header = JSON.parse(headerText(bytes)) as Record<string, { dtype: SafetensorsDtype; data_offsets: [number, number] }>;
    expect((8 + headerText(bytes).length) % 8).toBe(0);
    expect(headerText(bytes)).toMatch(/^\{.*\} *$/);
    for (const { dtype, data_offsets } of Object.values(header)) expect(data_offsets[0] % SIZES[dtype]).toBe(0);
    const byOffset = Object.entries(header).sort((x, y) => x[1].data_offsets[0] - y[1].data_offsets[0]).map(([name]) => name);
    expect(byOffset).toEqual(['a', 'bn.num_batches_tracked', '2', '10', 'h', 'z', 'b']);
  });

  it('inputs: a Map, pairs (namedParameters), an object; tensors of any declared shape', () => {
    const a = tensor([[1, 2]]);
    const forms = [new Map([['a', a]]), [['a', a]] as const, { a }];
    for (const form of forms) expect(Array.from(loadSafetensors(saveSafetensors(form)).tensors.get('a')!.data)).toEqual([1, 2]);
  });

  it('bytes: an ArrayBuffer, a Uint8Array at a non-zero byteOffset, a Node Buffer; the tensors copy the data', () => {
    const bytes = saveSafetensors({ x: tensor([1, 2, 3]), y: tensor([4]) }, { dtypes: { y: 'F16' } });
    const shifted = new Uint8Array(bytes.length + 11);
    shifted.set(bytes, 3);
    const view = shifted.subarray(3, 3 + bytes.length);
    for (const input of [bytes.slice().buffer, view, Buffer.from(bytes)]) {
      const read = loadSafetensors(input);
      expect(Array.from(read.tensors.get('x')!.data)).toEqual([1, 2, 3]);
      expect(Array.from(read.tensors.get('y')!.data)).toEqual([4]);
    }
    const read = loadSafetensors(view);
    view.fill(0, view.length - 14);
    expect(Array.from(read.tensors.get('x')!.data)).toEqual([1, 2, 3]);
    expect(read.tensors.get('x')!.data.buffer).not.toBe(shifted.buffer);
  });

  it('a shape [0, 2^53 - 1] of no bytes is a valid empty tensor', () => {
    const read = loadSafetensors(file('{"e":{"dtype":"F32","shape":[0,9007199254740991],"data_offsets":[0,0]}}'));
    expect(read.tensors.get('e')!.shape).toEqual([0, 9007199254740991]);
  });

  it('unknown fields in an entry are ignored; similar keys ("a" and "a ") are not duplicates', () => {
    const read = loadSafetensors(file('{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"extra":{"x":[1]}},"a ":{"dtype":"U8","shape":[],"data_offsets":[1,2]}}   ', [7, 9]));
    expect([...read.tensors].map(([name, t]) => [name, t.data[0]])).toEqual([['a', 7], ['a ', 9]]);
  });
});

describe('golden files from PyTorch (scripts/gen_safetensors_fixtures.py)', () => {
  interface Expected {
    files: Record<string, { metadata: Record<string, string> | null; tensors: Record<string, { dtype: SafetensorsDtype; shape: number[]; float: (number | string)[] }> }>;
  }
  const expected = JSON.parse(readFileSync(new URL('expected.json', FIXTURES), 'utf8')) as Expected;
  const asNumber = (v: number | string): number => (typeof v === 'number' ? v : Number(v));

  it.each(Object.keys(expected.files))('%s: header order, dtypes, metadata', (name) => {
    const want = expected.files[name]!;
    const read = loadSafetensorsFile(fileURLPath(new URL(name, FIXTURES)));
    expect([...read.tensors.keys()]).toEqual(Object.keys(want.tensors));
    expect(Object.fromEntries(read.dtypes)).toEqual(Object.fromEntries(Object.entries(want.tensors).map(([k, t]) => [k, t.dtype])));
    expect(read.metadata).toEqual(want.metadata);
  });

  const cases = Object.entries(expected.files).flatMap(([fileName, { tensors }]) =>
    Object.entries(tensors).map(([tensorName, t]) => [`${fileName} ${tensorName} dtype=${t.dtype} shape=${JSON.stringify(t.shape)}`, fileName, tensorName] as const),
  );
  it.each(cases)('%s: equals torch .float(), bit for bit', (_case, fileName, tensorName) => {
    const want = expected.files[fileName]!.tensors[tensorName]!;
    const got = loadSafetensors(readFileSync(new URL(fileName, FIXTURES))).tensors.get(tensorName)!;
    expect(got.shape).toEqual(want.shape);
    const same = [...got.data].map((v, i) => Object.is(v, asNumber(want.float[i]!)));
    expect(same.every(Boolean)).toBe(true);
    expect(got.data.length).toBe(want.float.length);
  });

  it('our bytes for the state_dict equal its data (F32 and I64 written back identically, reordered)', () => {
    const original = readFileSync(new URL('state_dict.safetensors', FIXTURES));
    const { tensors, dtypes, metadata } = loadSafetensors(original);
    const again = loadSafetensors(saveSafetensors(tensors, { dtypes: Object.fromEntries(dtypes), metadata: metadata! }));
    for (const [name, t] of tensors) expect(Array.from(again.tensors.get(name)!.data)).toEqual(Array.from(t.data));
    expect(again.dtypes).toEqual(dtypes);
  });
});

function fileURLPath(url: URL): string {
  return decodeURIComponent(url.pathname);
}

describe('loadSafetensors refuses', () => {
  const entry = (dtype = 'F32', shape = '[1]', offsets = '[0,4]'): string => `{"dtype":"${dtype}","shape":${shape},"data_offsets":${offsets}}`;
  const four = [0, 0, 128, 63];
  it.each([
    ['bytes that are a string', () => loadSafetensors('abc' as never), TypeError, /bytes must be a Uint8Array/],
    ['a file of 7 bytes', () => loadSafetensors(new Uint8Array(7)), RangeError, /7 bytes is too short/],
    ['a header length past the end', () => loadSafetensors(file('{}', [], 3)), RangeError, /header length 3 runs past the end of the file \(10 bytes/],
    ['a header length of 100,000,001', () => loadSafetensors(file('{}', [], 100_000_001)), RangeError, /header length 100000001 is above the limit of 100000000/],
    ['a header length of 2^64 - 1', () => loadSafetensors(file('{}', [], 2n ** 64n - 1n)), RangeError, /header length 18446744073709551615 is above the limit/],
    ['a header of 0 bytes', () => loadSafetensors(file('')), Error, /must be a JSON object starting with '\{', it starts with nothing/],
    ['a header starting with a space', () => loadSafetensors(file(' {}')), Error, /starting with '\{', it starts with " \{\}"/],
    ['a header that is an array', () => loadSafetensors(file('[]')), Error, /must be a JSON object/],
    ['a header that is not UTF-8', () => loadSafetensors(file('{"\xff":1}').map((b) => (b === 0xc3 ? 0xff : b))), Error, /not valid UTF-8/],
    ['a header with a BOM', () => loadSafetensors(file('\ufeff{}')), Error, /starts with "\ufeff\{\}"/],
    ['malformed JSON: cut short', () => loadSafetensors(file('{"a":')), Error, /not valid JSON: expected a value, found the end of the header at character 5/],
    ['malformed JSON: a trailing comma', () => loadSafetensors(file(`{"a":${entry()},}`, four)), Error, /not valid JSON: expected a string key, found "\}"/],
    ["malformed JSON: single quotes", () => loadSafetensors(file("{'a':1}")), Error, /not valid JSON: expected a string key, found "'"/],
    ['malformed JSON: NaN', () => loadSafetensors(file('{"a":NaN}')), Error, /not valid JSON: expected a value/],
    ['malformed JSON: a leading zero', () => loadSafetensors(file('{"a":{"shape":[01]}}')), Error, /not valid JSON: expected ',' or '\]'/],
    ['malformed JSON: a bad escape', () => loadSafetensors(file('{"a\\x":1}')), Error, /not valid JSON: an invalid escape/],
    ['malformed JSON: a raw newline in a string', () => loadSafetensors(file('{"a\n":1}')), Error, /not valid JSON: a control character in a string/],
    ['malformed JSON: an unpaired surrogate escape', () => loadSafetensors(file('{"\\ud800":1}')), Error, /unpaired surrogate/],
    ['malformed JSON: text after the object', () => loadSafetensors(file('{} x')), Error, /not valid JSON: expected the end of the header/],
    ['malformed JSON: two objects', () => loadSafetensors(file('{}{}')), Error, /not valid JSON: expected the end of the header/],
    ['JSON nested 100,000 deep', () => loadSafetensors(file(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)), Error, /nests deeper than 64 levels/],
    ['a duplicate tensor name', () => loadSafetensors(file(`{"a":${entry()},"a":${entry('F32', '[1]', '[4,8]')}}`, [...four, ...four])), Error, /the key "a" twice in the header/],
    ['a duplicate name spelled with an escape', () => loadSafetensors(file(`{"ab":${entry()},"\\u0061\\u0062":${entry()}}`, four)), Error, /the key "ab" twice in the header/],
    ['a duplicate name with an escaped quote', () => loadSafetensors(file(`{"a\\"":${entry()},"a\\u0022":${entry()}}`, four)), Error, /the key "a\\"" twice/],
    ['a duplicate field in an entry', () => loadSafetensors(file('{"w":{"dtype":"F32","dtype":"F16","shape":[1],"data_offsets":[0,4]}}', four)), Error, /the key "dtype" twice in "w"/],
    ['a duplicate metadata key', () => loadSafetensors(file('{"__metadata__":{"k":"1","k":"2"}}')), Error, /the key "k" twice in "__metadata__"/],
    ['an entry that is a number', () => loadSafetensors(file('{"w":3}')), TypeError, /tensor "w": the entry must be an object .* got the number 3/],
    ['an entry without dtype', () => loadSafetensors(file('{"w":{"shape":[1],"data_offsets":[0,4]}}', four)), TypeError, /tensor "w": the entry has no "dtype"/],
    ['an entry without shape', () => loadSafetensors(file('{"w":{"dtype":"F32","data_offsets":[0,4]}}', four)), TypeError, /tensor "w": the entry has no "shape"/],
    ['an entry without data_offsets', () => loadSafetensors(file('{"w":{"dtype":"F32","shape":[1]}}', four)), TypeError, /tensor "w": the entry has no "data_offsets"/],
    ['a dtype that is not a string', () => loadSafetensors(file(`{"w":{"dtype":4,"shape":[1],"data_offsets":[0,4]}}`, four)), TypeError, /tensor "w": "dtype" must be a string, got the number 4/],
    ['dtype F8_E4M3', () => loadSafetensors(file(`{"w":${entry('F8_E4M3', '[4]')}}`, four)), Error, /tensor "w": dtype "F8_E4M3" is not supported \(supported: F64, F32/],
    ['dtype f32 (lower case)', () => loadSafetensors(file(`{"w":${entry('f32')}}`, four)), Error, /tensor "w": dtype "f32" is not supported/],
    ['a shape that is a number', () => loadSafetensors(file(`{"w":${entry('F32', '1')}}`, four)), TypeError, /tensor "w": "shape" must be an array of dims, got the number 1/],
    ['a shape entry -1', () => loadSafetensors(file(`{"w":${entry('F32', '[-1]')}}`, four)), RangeError, /tensor "w": "shape" entry 0 must be a non-negative integer up to 2\^53 - 1, got the number -1/],
    ['a shape entry 1.5', () => loadSafetensors(file(`{"w":${entry('F32', '[1, 1.5]')}}`, four)), RangeError, /"shape" entry 1 must be a non-negative integer .* got the number 1.5/],
    ['a shape entry 1e0', () => loadSafetensors(file(`{"w":${entry('F32', '[1e0]')}}`, four)), RangeError, /got the number 1e0/],
    ['a shape entry 2^53', () => loadSafetensors(file(`{"w":${entry('F32', '[9007199254740992]')}}`, four)), RangeError, /got the number 9007199254740992/],
    ['a shape entry "1"', () => loadSafetensors(file(`{"w":${entry('F32', '["1"]')}}`, four)), TypeError, /"shape" entry 0 must be .* got the string "1"/],
    ['a shape entry null', () => loadSafetensors(file(`{"w":${entry('F32', '[null]')}}`, four)), TypeError, /got null/],
    ['data_offsets of 3 numbers', () => loadSafetensors(file(`{"w":${entry('F32', '[1]', '[0,4,4]')}}`, four)), TypeError, /tensor "w": "data_offsets" must be an array \[begin, end\], got an array of 3/],
    ['data_offsets an object', () => loadSafetensors(file(`{"w":${entry('F32', '[1]', '{}')}}`, four)), TypeError, /"data_offsets" must be an array \[begin, end\], got an object/],
    ['data_offsets with a negative begin', () => loadSafetensors(file(`{"w":${entry('F32', '[1]', '[-4,0]')}}`, four)), RangeError, /tensor "w": "data_offsets" must hold non-negative integers .* got the number -4/],
    ['data_offsets 1e30', () => loadSafetensors(file(`{"w":${entry('F32', '[1]', '[0,1e30]')}}`, four)), RangeError, /got the number 1e30/],
    ['data_offsets with begin > end', () => loadSafetensors(file(`{"w":${entry('F32', '[0]', '[4,0]')}}`, four)), RangeError, /tensor "w": "data_offsets" \[4, 0\] must satisfy 0 ≤ begin ≤ end ≤ 4/],
    ['data_offsets past the data', () => loadSafetensors(file(`{"w":${entry('F32', '[2]', '[0,8]')}}`, four)), RangeError, /"data_offsets" \[0, 8\] must satisfy 0 ≤ begin ≤ end ≤ 4 \(the data's length/],
    ['a byte length short of the shape', () => loadSafetensors(file(`{"w":${entry('F32', '[2]', '[0,4]')}}`, four)), RangeError, /tensor "w": shape \[2\] of F32 \(4 bytes each\) needs 8 bytes, but "data_offsets" \[0, 4\] hold 4/],
    ['a byte length past the shape', () => loadSafetensors(file(`{"w":${entry('F16', '[1]', '[0,4]')}}`, four)), RangeError, /shape \[1\] of F16 \(2 bytes each\) needs 2 bytes/],
    ['a forged shape [2^52, 2^52, 2^52] (numel overflows)', () => loadSafetensors(file(`{"w":${entry('F64', '[4503599627370496,4503599627370496,4503599627370496]')}}`, four)), RangeError, /needs 730750818665451459101842416358141509827966271488 bytes, but "data_offsets" \[0, 4\] hold 4/],
    ['an empty shape [0] given bytes', () => loadSafetensors(file(`{"w":${entry('F32', '[0]')}}`, four)), RangeError, /shape \[0\] of F32 \(4 bytes each\) needs 0 bytes/],
    ['overlapping tensors', () => loadSafetensors(file(`{"a":${entry('F32', '[2]', '[0,8]')},"b":${entry('F32', '[1]', '[4,8]')}}`, [...four, ...four])), RangeError, /tensors "a" \[0, 8\] and "b" \[4, 8\] overlap/],
    ['the same range twice', () => loadSafetensors(file(`{"a":${entry()},"b":${entry()}}`, four)), RangeError, /tensors "a" \[0, 4\] and "b" \[0, 4\] overlap/],
    ['an empty tensor inside another', () => loadSafetensors(file(`{"a":${entry('F32', '[2]', '[0,8]')},"e":${entry('F32', '[0]', '[4,4]')}}`, [...four, ...four])), RangeError, /tensors "a" \[0, 8\] and "e" \[4, 4\] overlap/],
    ['a hole between tensors', () => loadSafetensors(file(`{"a":${entry()},"b":${entry('F32', '[1]', '[8,12]')}}`, [...four, ...four, ...four])), RangeError, /bytes \[4, 8\) of the data belong to no tensor \(a hole before tensor "b"\)/],
    ['a hole at the start', () => loadSafetensors(file(`{"b":${entry('F32', '[1]', '[4,8]')}}`, [...four, ...four])), RangeError, /bytes \[0, 4\) of the data belong to no tensor/],
    ['trailing bytes', () => loadSafetensors(file(`{"a":${entry()}}`, [...four, 0])), RangeError, /the data has 5 bytes, but the tensors cover only the first 4 \(trailing bytes\)/],
    ['data and no tensors', () => loadSafetensors(file('{}', [1])), RangeError, /the data has 1 bytes, but the tensors cover only the first 0/],
    ['__metadata__ that is an array', () => loadSafetensors(file('{"__metadata__":["a"]}')), TypeError, /"__metadata__" must be an object of strings, got an array/],
    ['a __metadata__ value that is a number', () => loadSafetensors(file('{"__metadata__":{"epoch":3}}')), TypeError, /"__metadata__" value "epoch" must be a string, got the number 3/],
    ['a __metadata__ value null', () => loadSafetensors(file('{"__metadata__":{"k":null}}')), TypeError, /"__metadata__" value "k" must be a string, got null/],
    ['a BOOL byte of 2', () => loadSafetensors(file(`{"b":${entry('BOOL', '[3]', '[0,3]')}}`, [1, 0, 2])), RangeError, /tensor "b" \(BOOL\) holds the byte 2 at element 2; a BOOL is 0 or 1/],
  ] as const)('%s', (_what, run, kind, message) => expectError(run, kind, message));
});

describe('saveSafetensors refuses', () => {
  const x = tensor([1.5]);
  it.each([
    ['a name given twice', () => saveSafetensors([['a', x], ['a', x]]), Error, /the name "a" is given twice/],
    ['the name __metadata__', () => saveSafetensors({ __metadata__: x }), Error, /"__metadata__" is reserved/],
    ['a name that is a number', () => saveSafetensors([[1 as never, x]]), TypeError, /the name of entry 0 must be a string, got number/],
    ['a name with an unpaired surrogate', () => saveSafetensors([['a\ud800', x]]), RangeError, /unpaired surrogate/],
    ['a value that is not a Tensor', () => saveSafetensors({ a: [1, 2] as never }), TypeError, /tensor "a" must be a Tensor, got an array/],
    ['an entry that is not a pair', () => saveSafetensors([['a'] as never]), TypeError, /entry 0 must be a \[name, tensor\] pair/],
    ['tensors null', () => saveSafetensors(null as never), TypeError, /tensors must be a Map/],
    ['1.5 as I64', () => saveSafetensors({ n: x }, { dtypes: { n: 'I64' } }), RangeError, /tensor "n" holds 1.5 at element 0, which I64 cannot hold \(integers -2\^63 to 2\^63 - 1\)/],
    ['2^63 as I64', () => saveSafetensors({ n: tensor([0, 2 ** 63]) }, { dtypes: { n: 'I64' } }), RangeError, /holds 9223372036854776000 at element 1, which I64 cannot hold/],
    ['256 as U8', () => saveSafetensors({ n: tensor([256]) }, { dtypes: { n: 'U8' } }), RangeError, /holds 256 at element 0, which U8 cannot hold \(integers 0 to 255\)/],
    ['-1 as U64', () => saveSafetensors({ n: tensor([-1]) }, { dtypes: { n: 'U64' } }), RangeError, /which U64 cannot hold/],
    ['NaN as I32', () => saveSafetensors({ n: tensor([NaN]) }, { dtypes: { n: 'I32' } }), RangeError, /holds NaN at element 0, which I32/],
    ['2 as BOOL', () => saveSafetensors({ n: tensor([2]) }, { dtypes: { n: 'BOOL' } }), RangeError, /which BOOL cannot hold \(0 and 1\)/],
    ['an unknown dtype', () => saveSafetensors({ n: x }, { dtypes: { n: 'F8_E4M3' as never } }), RangeError, /dtype "F8_E4M3" for tensor "n" is not one of F64, F32/],
    ['a dtype for a tensor not given', () => saveSafetensors({ n: x }, { dtypes: { m: 'F16' } }), Error, /options.dtypes names "m", which is not among the tensors/],
    ['a metadata value that is a number', () => saveSafetensors({ n: x }, { metadata: { epoch: 3 as never } }), TypeError, /metadata value "epoch" must be a string, got number/],
  ] as const)('%s', (_what, run, kind, message) => expectError(run, kind, message, 'saveSafetensors: '));
});

describe('files', () => {
  it('saveSafetensorsFile then loadSafetensorsFile', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'shapecheck-st-')), 'x.safetensors');
    saveSafetensorsFile(path, { w: tensor([[1, 2], [3, 4]]) }, { metadata: { format: 'pt' }, dtypes: { w: 'BF16' } });
    const read = loadSafetensorsFile(path);
    expect(read.tensors.get('w')!.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(read.metadata).toEqual({ format: 'pt' });
  });

  it('without node:fs (a browser): a clear Error for each helper', () => {
    const spy = vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never);
    try {
      expectError(() => loadSafetensorsFile('x'), Error, /node:fs is unavailable here/, 'loadSafetensorsFile: ');
      expectError(() => saveSafetensorsFile('x', {}), Error, /node:fs is unavailable here .* use saveSafetensors on the bytes/, 'saveSafetensorsFile: ');
    } finally {
      spy.mockRestore();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Fuzzing: mutated files against an independent decoder.

/** The nearest float32 to a 64-bit integer (ties to even), found among fround's neighbours by exact BigInt distances. */
function referenceInt64ToFloat32(v: bigint): number {
  const approx = Math.fround(Number(v));
  if (v <= 2n ** 53n && v >= -(2n ** 53n)) return approx;
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  const candidates = [approx];
  for (const step of [-1, 1]) {
    f[0] = approx;
    u[0]! += approx >= 0 ? step : -step;
    if (Number.isFinite(f[0]!)) candidates.push(f[0]!);
  }
  let best = approx;
  let bestDistance: bigint | undefined;
  for (const c of candidates) {
    const d = BigInt(c) > v ? BigInt(c) - v : v - BigInt(c);
    f[0] = c;
    if (bestDistance === undefined || d < bestDistance || (d === bestDistance && (u[0]! & 1) === 0)) [best, bestDistance] = [c, d];
  }
  return best;
}

/** An independent reading of a file that loadSafetensors accepted (JSON.parse, whole-file checks): the tensors, or a reason it is invalid. */
function referenceDecode(bytes: Uint8Array): Map<string, { shape: number[]; values: number[] }> | string {
  try {
    return referenceDecodeOrThrow(bytes);
  } catch {
    return 'malformed';
  }
}

function referenceDecodeOrThrow(bytes: Uint8Array): Map<string, { shape: number[]; values: number[] }> | string {
  if (bytes.length < 8) return 'short';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > 100_000_000n || 8n + n > BigInt(bytes.length)) return 'header length';
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + Number(n)))) as Record<string, unknown>;
  } catch {
    return 'json';
  }
  const start = 8 + Number(n);
  const out = new Map<string, { shape: number[]; values: number[] }>();
  const ranges: [number, number][] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: [begin, end] = [] } = raw as { dtype: SafetensorsDtype; shape: number[]; data_offsets: number[] };
    const size = SIZES[dtype];
    if (size === undefined || !shape.every((d) => Number.isSafeInteger(d) && d >= 0) || !(begin! <= end!) || start + end! > bytes.length) return 'entry';
    const count = numel(shape);
    if (count * size !== end! - begin!) return 'size';
    ranges.push([begin!, end!]);
    const values: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = start + begin! + i * size;
      const h = dtype === 'F16' || dtype === 'BF16' ? view.getUint16(at, true) : 0;
      values.push(
        dtype === 'F64' ? Math.fround(view.getFloat64(at, true))
        : dtype === 'F32' ? view.getFloat32(at, true)
        : dtype === 'F16' ? ((h >> 10) & 31) === 31 ? ((h & 1023) ? NaN : (h & 0x8000 ? -Infinity : Infinity)) : (h & 0x8000 ? -1 : 1) * 2 ** Math.max(((h >> 10) & 31) - 15, -14) * ((((h >> 10) & 31) ? 1 : 0) + (h & 1023) / 1024)
        : dtype === 'BF16' ? new Float32Array(new Uint32Array([h * 65536]).buffer)[0]!
        : dtype === 'I64' ? referenceInt64ToFloat32(view.getBigInt64(at, true))
        : dtype === 'U64' ? referenceInt64ToFloat32(view.getBigUint64(at, true))
        : dtype === 'I32' ? view.getInt32(at, true) : dtype === 'U32' ? view.getUint32(at, true)
        : dtype === 'I16' ? view.getInt16(at, true) : dtype === 'U16' ? view.getUint16(at, true)
        : dtype === 'I8' ? view.getInt8(at) : view.getUint8(at),
      );
      if (dtype === 'BOOL' && values.at(-1)! > 1) return 'bool';
    }
    out.set(name, { shape, values: values.map(Math.fround) });
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let covered = 0;
  for (const [begin, end] of ranges) {
    if (begin !== covered) return 'coverage';
    covered = end;
  }
  return covered === bytes.length - start ? out : 'trailing';
}

describe('mutated files (fast-check)', () => {
  const seeds: Uint8Array[] = [
    saveSafetensors(
      [['w', make([2, 3], (i) => i - 2.5)], ['h', make([3], (i) => i / 3)], ['n', make([], () => 7)], ['e', make([0, 2], () => 0)], ['b', make([2], (i) => i)], ['u', make([5], (i) => i * 50)]],
      { dtypes: { h: 'F16', n: 'I64', b: 'BOOL', u: 'U8' }, metadata: { format: 'pt' } },
    ),
    saveSafetensors([['d', make([2, 2], (i) => i * 1e5 - 3)], ['bf', make([4], (i) => -i)], ['i', make([3], (i) => i - 1)]], { dtypes: { d: 'F64', bf: 'BF16', i: 'I32' } }),
    new Uint8Array(readFileSync(new URL('dtypes.safetensors', FIXTURES))),
    new Uint8Array(readFileSync(new URL('state_dict.safetensors', FIXTURES))),
  ];

  /** Numbers and dtype names a JSON edit may put in place of another. */
  const numbers = ['0', '1', '2', '3', '4', '8', '-1', '1.5', '1e3', '4294967296', '9007199254740993', '18446744073709551616', '99999999999999999999999'];
  const tokens = fc.oneof(fc.constantFrom(...numbers), fc.constantFrom(...DTYPES.map((d) => `"${d}"`), '"F8_E4M3"', '"__metadata__"', 'null', '[]', '{}', '"x"'));

  type Mutation =
    | { kind: 'byte'; at: number; value: number }
    | { kind: 'data'; at: number; value: number }
    | { kind: 'truncate'; at: number }
    | { kind: 'append'; bytes: number[] }
    | { kind: 'token'; which: number; text: string }
    | { kind: 'char'; at: number; text: string };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.nat(255) }),
    fc.record({ kind: fc.constant('byte' as const), at: fc.nat(7), value: fc.nat(255) }),
    fc.record({ kind: fc.constant('data' as const), at: fc.nat(), value: fc.nat(255) }),
    fc.record({ kind: fc.constant('data' as const), at: fc.nat(), value: fc.nat(255) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('append' as const), bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 9 }) }),
    fc.record({ kind: fc.constant('token' as const), which: fc.nat(), text: tokens }),
    fc.record({ kind: fc.constant('token' as const), which: fc.nat(), text: tokens }),
    fc.record({ kind: fc.constant('char' as const), at: fc.nat(), text: fc.constantFrom('', ' ', '"', ',', '{', '}', '[', ']', ':', '\\', '0', '\\u0061') }),
  );

  /** Applies a mutation; JSON edits keep the header length in step, so they reach the parser. */
  function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
    if (m.kind === 'byte') {
      const out = bytes.slice();
      if (out.length) out[m.at % out.length] = m.value;
      return out;
    }
    if (m.kind === 'truncate') return bytes.slice(0, m.at % (bytes.length + 1));
    if (m.kind === 'append') return new Uint8Array([...bytes, ...m.bytes]);
    if (bytes.length < 8) return bytes;
    const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    if (8 + n > bytes.length) return bytes;
    if (m.kind === 'data') {
      const out = bytes.slice();
      if (out.length > 8 + n) out[8 + n + (m.at % (out.length - 8 - n))] = m.value;
      return out;
    }
    let text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    if (m.kind === 'char') {
      const at = m.at % (text.length + 1);
      text = text.slice(0, at) + m.text + text.slice(at + (m.at % 2));
    } else {
      const spans = [...text.matchAll(/-?\d+(?:\.\d+)?(?:e\d+)?|"[A-Z0-9_]+"/g)];
      if (spans.length === 0) return bytes;
      const span = spans[m.which % spans.length]!;
      text = text.slice(0, span.index) + m.text + text.slice(span.index + span[0].length);
    }
    return file(text, bytes.subarray(8 + n));
  }

  it('each load is an error starting "loadSafetensors: " or exactly what the bytes encode', () => {
    const outcomes = { loaded: 0, refused: 0 };
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (seed, mutations) => {
        const original = seeds[seed]!;
        const bytes = mutations.reduce(mutate, original);
        const reference = referenceDecode(bytes);
        let read;
        try {
          read = loadSafetensors(bytes);
        } catch (error) {
          expect([Error, TypeError, RangeError]).toContain((error as Error).constructor);
          expect((error as Error).message).toMatch(/^loadSafetensors: /);
          // where the header is the original's (which has no duplicate keys), both must refuse
          if (bytes.length >= 8 + headerText(original).length && headerText(bytes) === headerText(original) && bytes.subarray(0, 8).every((b, i) => b === original[i])) {
            expect(reference).toBeTypeOf('string');
          }
          outcomes.refused++;
          return;
        }
        outcomes.loaded++;
        expect(reference).toBeInstanceOf(Map);
        const want = reference as Map<string, { shape: number[]; values: number[] }>;
        expect(new Set(read.tensors.keys())).toEqual(new Set(want.keys()));
        for (const [name, t] of read.tensors) {
          expect(t.shape).toEqual(want.get(name)!.shape);
          expect([...t.data].every((v, i) => Object.is(v, want.get(name)!.values[i]))).toBe(true);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 4000), seed: Number(process.env.FUZZ_SEED ?? 13) },
    );
    if (process.env.FUZZ_SEED) console.log(outcomes);
    // both outcomes are exercised often
    expect(outcomes.loaded).toBeGreaterThan(300);
    expect(outcomes.refused).toBeGreaterThan(300);
  });

  it('data bytes rewritten at random: always loads, values as the bytes encode', () => {
    const original = seeds[1]!;
    const start = 8 + headerText(original).length;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(original.length - start - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }), (edits) => {
        const bytes = original.slice();
        for (const [at, value] of edits) bytes[start + at] = value;
        const read = loadSafetensors(bytes);
        const want = referenceDecode(bytes) as Map<string, { values: number[] }>;
        for (const [name, t] of read.tensors) expect([...t.data].every((v, i) => Object.is(v, want.get(name)!.values[i]))).toBe(true);
      }),
      { numRuns: 500, seed: 14 },
    );
  });
});
