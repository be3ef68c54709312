import { expectType } from 'tsd';
import { DataLoader, zeros, type Tensor } from 'shapecheck';

const images = zeros([100, 1, 28, 28]);
const labels = zeros([100]);

// dropLast with a literal batch size: every batch has it, in the type
for (const [x, y] of new DataLoader(images, labels, { batchSize: 64, dropLast: true })) {
  expectType<Tensor<[64, 1, 28, 28]>>(x);
  expectType<Tensor<[64]>>(y);
}

// otherwise the last batch may be smaller: the batch dim is a number
for (const [x, y] of new DataLoader(images, labels, { batchSize: 64 })) {
  expectType<Tensor<[number, 1, 28, 28]>>(x);
  expectType<Tensor<[number]>>(y);
}
