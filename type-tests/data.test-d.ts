import { expectType } from 'tsd';
import { Conv2d, DataLoader, Module, Sequential, exportOnnx, relu, zeros, type ExportOnnxOptions, type Tensor } from 'shapecheck';

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

// exportOnnx takes a model or a block, your own block classes too; not any object
class Block extends Module {
  readonly kind = 'Block';
  readonly conv = new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, padding: 1 });
  outputShape(shape: readonly number[]): number[] {
    return [shape[0] ?? 1, 8, shape[2] ?? 1, shape[3] ?? 1];
  }
  forward(x: Tensor<['batch', 3, 32, 32]>): Tensor<['batch', 8, 32, 32]> {
    return relu(this.conv.forward(x));
  }
}
expectType<Uint8Array>(exportOnnx(new Block(), { inputShape: ['batch', 3, 32, 32] }));
expectType<Uint8Array>(exportOnnx(new Sequential(['batch', 3, 32, 32]).add(new Block())));
const onnxOptions: ExportOnnxOptions = { opset: 19, batch: 4 };
expectType<Uint8Array>(exportOnnx(new Block(), { ...onnxOptions, inputShape: ['batch', 3, 32, 32] }));
// @ts-expect-error not a model or a block
exportOnnx({ kind: 'Block' });
