import type { Shape } from '../shape/shape.js';
import { formatList } from '../shape/format.js';
import { ShapeError } from '../shape/shape-error.js';
import { checkTensor } from '../tensor/check.js';
import { generatorFor } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import type { IdxArray } from './idx.js';

/** A shape without its first dim (the samples' count). */
type SampleOf<S extends Shape> = S extends readonly [unknown, ...infer Rest extends Shape] ? Rest : Shape;

/**
 * The options of a {@link DataLoader}, as PyTorch's `DataLoader(batch_size, shuffle, drop_last)`.
 *
 * @example
 * ```ts
 * import type { DataLoaderOptions } from 'shapecheck';
 * const options: DataLoaderOptions<64> = { batchSize: 64, shuffle: true, seed: 0, dropLast: true };
 * ```
 * @category Data
 */
export interface DataLoaderOptions<BatchSize extends number> {
  readonly batchSize: BatchSize;
  /** A new random order of the samples at each pass (default false). */
  readonly shuffle?: boolean;
  /** The seed of the shuffling (default: the default generator, see `manualSeed`). */
  readonly seed?: number;
  /** Leave out the last, smaller batch (default false); then every batch has `batchSize` samples, and its type says so. */
  readonly dropLast?: boolean;
}

/** The batch dim of a loader's batches: `BatchSize` when the last, smaller batch is dropped. */
type BatchDim<BatchSize extends number, Options> = Options extends { readonly dropLast: true } ? BatchSize : number;

/**
 * Batches of samples, as PyTorch's `DataLoader` over a `TensorDataset`: iterate it (once per
 * epoch) to get `[inputs, targets]` pairs of `batchSize` samples, typed: with `dropLast: true`
 * and a literal batch size, `Tensor<[64, 1, 28, 28]>` and `Tensor<[64]>`. With `shuffle`, each
 * pass takes the samples in a new order drawn from its own seeded generator.
 *
 * @example
 * ```ts
 * import { DataLoader, arange } from 'shapecheck';
 * const loader = new DataLoader(arange(10).reshape([5, 2]), arange(5), { batchSize: 2 });
 * loader.length;
 * //=> 3
 * [...loader].map(([x, y]) => [x.shape, y.toArray()]);
 * //=> [[[2, 2], [0, 1]], [[2, 2], [2, 3]], [[1, 2], [4]]]
 * ```
 * @category Data
 */
export class DataLoader<
  const Inputs extends Shape,
  const Targets extends Shape,
  const BatchSize extends number,
  const Options extends DataLoaderOptions<BatchSize> = DataLoaderOptions<BatchSize>,
> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly #inputs: Tensor;
  readonly #targets: Tensor;
  readonly #random: ReturnType<typeof generatorFor> | null;

  /**
   * @throws {ShapeError} when inputs and targets hold different numbers of samples.
   * @throws {TypeError | RangeError} for a batch size that is not a positive integer, or options of the wrong type.
   */
  constructor(inputs: Tensor<Inputs>, targets: Tensor<Targets>, options: Options & DataLoaderOptions<BatchSize>) {
    const x = checkTensor('DataLoader', 'inputs', inputs);
    const y = checkTensor('DataLoader', 'targets', targets);
    if (x.shape.length === 0 || y.shape.length === 0) throw new ShapeError('DataLoader: inputs and targets need a first dim (the samples)');
    if (x.shape[0] !== y.shape[0]) {
      throw new ShapeError(`DataLoader: Size mismatch between tensors: inputs ${formatList(x.shape)} and targets ${formatList(y.shape)} hold different numbers of samples`);
    }
    const { batchSize, shuffle = false, dropLast = false, seed } = options;
    if (!Number.isSafeInteger(batchSize) || batchSize <= 0) {
      throw new RangeError(`DataLoader: batchSize should be a positive integer value, but got batch_size=${String(batchSize)}`);
    }
    if (typeof shuffle !== 'boolean') throw new TypeError(`DataLoader: shuffle must be a boolean, got ${String(shuffle)}`);
    if (typeof dropLast !== 'boolean') throw new TypeError(`DataLoader: dropLast must be a boolean, got ${String(dropLast)}`);
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.#inputs = x;
    this.#targets = y;
    this.#random = shuffle ? generatorFor(seed, 'DataLoader') : null;
  }

  /** The number of samples. */
  get size(): number {
    return this.#inputs.shape[0] as number;
  }

  /** The number of batches in a pass (PyTorch's `len(loader)`). */
  get length(): number {
    return this.dropLast ? Math.floor(this.size / this.batchSize) : Math.ceil(this.size / this.batchSize);
  }

  /** One pass over the samples, in batches. */
  *[Symbol.iterator](): Iterator<[Tensor<[BatchDim<BatchSize, Options>, ...SampleOf<Inputs>]>, Tensor<[BatchDim<BatchSize, Options>, ...SampleOf<Targets>]>]> {
    const n = this.size;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (this.#random) {
      // Fisher-Yates, from the loader's own generator
      for (let i = n - 1; i > 0; i--) {
        const j = this.#random.nextUint32() % (i + 1);
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
    }
    for (let b = 0; b < this.length; b++) {
      const rows = order.subarray(b * this.batchSize, Math.min(n, (b + 1) * this.batchSize));
      yield [gather(this.#inputs, rows), gather(this.#targets, rows)] as never;
    }
  }
}

/** The samples `rows` of a tensor, in that order, as a new tensor. */
function gather(source: Tensor, rows: Int32Array): Tensor {
  const shape = source.shape as readonly number[];
  const stride = shape.slice(1).reduce((a, b) => a * b, 1);
  const out = new Float32Array(rows.length * stride);
  for (let r = 0; r < rows.length; r++) out.set(source.data.subarray(rows[r]! * stride, (rows[r]! + 1) * stride), r * stride);
  return new Tensor(out, [rows.length, ...shape.slice(1)]);
}

/**
 * MNIST's images and labels (as {@link readIdx} reads its IDX files) as tensors: images
 * `[N, 1, 28, 28]` scaled to [0, 1] (torchvision's `ToTensor`), labels `[N]` holding the class
 * indices 0–9 as float32 values (how shapecheck holds class indices, see docs/training.md).
 *
 * @throws {ShapeError} for arrays that are not MNIST's (not 28×28 ubyte images, counts that differ, labels outside 0–9).
 * @example
 * ```ts
 * import { mnistTensors } from 'shapecheck';
 * const images = { type: 'ubyte', shape: [1, 28, 28], data: new Float32Array(784).fill(255) } as const;
 * const labels = { type: 'ubyte', shape: [1], data: new Float32Array([7]) } as const;
 * const { x, y } = mnistTensors(images, labels);
 * [x.shape, x.data[0], y.toArray()];
 * //=> [[1, 1, 28, 28], 1, [7]]
 * ```
 * @category Data
 */
export function mnistTensors(images: IdxArray, labels: IdxArray): { x: Tensor<[number, 1, 28, 28]>; y: Tensor<[number]> } {
  const [n, height, width] = images.shape;
  if (images.type !== 'ubyte' || images.shape.length !== 3 || height !== 28 || width !== 28) {
    throw new ShapeError(`mnistTensors: expected ubyte images of shape [N, 28, 28], got ${images.type} ${formatList(images.shape)}`);
  }
  if (labels.type !== 'ubyte' || labels.shape.length !== 1 || labels.shape[0] !== n) {
    throw new ShapeError(`mnistTensors: expected ${n} ubyte labels, got ${labels.type} ${formatList(labels.shape)}`);
  }
  const bad = labels.data.findIndex((label) => label > 9);
  if (bad >= 0) throw new ShapeError(`mnistTensors: label ${labels.data[bad]} at index ${bad} is not a digit (0-9)`);
  const x = new Float32Array(images.data.length);
  for (let i = 0; i < x.length; i++) x[i] = images.data[i]! / 255;
  return { x: new Tensor(x, [n!, 1, 28, 28]), y: new Tensor(labels.data.slice(), [n!]) };
}
