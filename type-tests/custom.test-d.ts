import { expectType } from 'tsd';
import { Conv2d, Sequential, add, relu, type CustomLayerOutputShape, type ErrorMessage, type ShapeTrace, type Tensor } from 'shapecheck';

// ---- a custom block: its forward's signature is its shape rule in a Sequential
class Down {
  readonly kind = 'Down';
  readonly conv = new Conv2d({ inChannels: 16, outChannels: 32, kernelSize: 3, stride: 2, padding: 1 });
  readonly skip = new Conv2d({ inChannels: 16, outChannels: 32, kernelSize: 1, stride: 2 });
  outputShape(shape: readonly number[]): number[] {
    return [shape[0] as number, 32, 16, 16];
  }
  forward(x: Tensor<['batch', 16, 32, 32]>): Tensor<['batch', 32, 16, 16]> {
    return relu(add(this.conv.forward(x), this.skip.forward(x)));
  }
}
expectType<['batch', 32, 16, 16]>({} as CustomLayerOutputShape<Down, ['batch', 16, 32, 32]>);
expectType<[4, 32, 16, 16]>({} as CustomLayerOutputShape<Down, [4, 16, 32, 32]>);
expectType<[number, 32, 16, 16]>({} as CustomLayerOutputShape<Down, [number, 16, 32, 32]>);
expectType<['n', 32, 16, 16]>({} as CustomLayerOutputShape<Down, ['n', 16, 32, 32]>);
expectType<ErrorMessage<'Down: expected an input of shape [batch, 16, 32, 32], got [4, 16, 16, 16]'>>({} as CustomLayerOutputShape<Down, [4, 16, 16, 16]>);

const model = new Sequential(['batch', 3, 32, 32]).add(new Conv2d({ inChannels: 3, outChannels: 16, kernelSize: 3, padding: 1 })).add(new Down());
expectType<['batch', 32, 16, 16]>({} as ShapeTrace<typeof model>[2]);
new Sequential(['batch', 3, 32, 32])
  // @ts-expect-error layer 1 (Down): expected an input of shape [batch, 16, 32, 32], got [batch, 3, 32, 32]
  .add(new Down());

// ---- a forward that returns the wrong shape is an error inside the class
export class WrongReturn {
  readonly conv = new Conv2d({ inChannels: 16, outChannels: 32, kernelSize: 3, padding: 1 });
  forward(x: Tensor<['batch', 16, 32, 32]>): Tensor<['batch', 16, 32, 32]> {
    // @ts-expect-error Tensor<['batch', 32, 32, 32]> is not a Tensor<['batch', 16, 32, 32]>
    return this.conv.forward(x);
  }
}
