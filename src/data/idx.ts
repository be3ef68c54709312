/**
 * The IDX file format (MNIST's): a 4-byte magic number `0x00 0x00 <type> <ndim>`, `ndim` big-endian
 * 32-bit dims, then the values, big-endian, row-major. A file is untrusted input: everything is
 * checked against the bytes before anything is allocated.
 * @packageDocumentation
 */

/** The element types of IDX, by their type byte. */
const TYPES = {
  0x08: { name: 'ubyte', size: 1 },
  0x09: { name: 'byte', size: 1 },
  0x0b: { name: 'short', size: 2 },
  0x0c: { name: 'int', size: 4 },
  0x0d: { name: 'float', size: 4 },
  0x0e: { name: 'double', size: 8 },
} as const;

/**
 * An IDX file's contents: its element type, its dims and its values as float32.
 *
 * @example
 * ```ts
 * import type { IdxArray } from 'shapecheck';
 * const empty: IdxArray = { type: 'ubyte', shape: [0], data: new Float32Array(0) };
 * ```
 * @category Data
 */
export interface IdxArray {
  readonly type: 'ubyte' | 'byte' | 'short' | 'int' | 'float' | 'double';
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * Reads an IDX file (MNIST's images and labels) from its bytes, checking the magic number, the
 * element type, the dims and that the values fill the rest of the file exactly.
 *
 * @throws {RangeError} for a file that is not IDX, truncated, or longer than its dims say.
 * @example
 * ```ts
 * import { readIdx } from 'shapecheck';
 * const bytes = new Uint8Array([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 8, 9]);
 * readIdx(bytes).shape;
 * //=> [3]
 * Array.from(readIdx(bytes).data);
 * //=> [7, 8, 9]
 * ```
 * @category Data
 */
export function readIdx(bytes: Uint8Array): IdxArray {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`readIdx: bytes must be a Uint8Array (or a Node Buffer), got ${String(bytes)}`);
  if (bytes.length < 4) throw new RangeError(`readIdx: a file of ${bytes.length} bytes is too short for the IDX magic number (4 bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const typeCode = bytes[2]!;
  const ndim = bytes[3]!;
  if (bytes[0] !== 0 || bytes[1] !== 0 || !(typeCode in TYPES)) {
    throw new RangeError(`readIdx: not an IDX file: the magic number is 0x${[...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('')}, expected 0x0000 then a type (08, 09, 0b, 0c, 0d, 0e) and a dim count`);
  }
  const type = TYPES[typeCode as keyof typeof TYPES];
  const header = 4 + 4 * ndim;
  if (bytes.length < header) throw new RangeError(`readIdx: the file is truncated: ${ndim} dims need a ${header}-byte header, the file has ${bytes.length} bytes`);
  const shape: number[] = [];
  let count = 1;
  for (let i = 0; i < ndim; i++) {
    const dim = view.getUint32(4 + 4 * i, false);
    shape.push(dim);
    count *= dim;
  }
  const expected = header + count * type.size;
  if (bytes.length !== expected) {
    throw new RangeError(
      `readIdx: the file has ${bytes.length} bytes, but its ${type.name} dims [${shape.join(', ')}] need ${expected} (${bytes.length < expected ? 'truncated' : 'trailing bytes'})`,
    );
  }
  const data = new Float32Array(count);
  for (let i = 0, at = header; i < count; i++, at += type.size) {
    switch (type.size) {
      case 1:
        data[i] = typeCode === 0x08 ? bytes[at]! : view.getInt8(at);
        break;
      case 2:
        data[i] = view.getInt16(at, false);
        break;
      case 4:
        data[i] = typeCode === 0x0c ? view.getInt32(at, false) : view.getFloat32(at, false);
        break;
      default:
        data[i] = view.getFloat64(at, false);
    }
  }
  return { type: type.name, shape, data };
}
