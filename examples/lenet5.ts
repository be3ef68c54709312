// LeNet-5, as in the PyTorch tutorial "Neural Networks": two convolutions with max pooling, then
// three fully connected layers. Every shape below is computed by the compiler: hover `lenet5` in an
// editor, or `ShapeTrace<ReturnType<typeof lenet5>>`, to see the whole trace.
//
//   npm run example -- lenet5
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, manualSeed, noGrad, randn, summary, type ShapeTrace } from 'shapecheck';

/** LeNet-5 on `[batch, 1, 32, 32]` images (the tutorial's input), 10 classes. */
export function lenet5() {
  manualSeed(0); // the layers draw their initial weights from the default generator
  return new Sequential(['batch', 1, 32, 32])
    .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 })) //   [batch, 6, 28, 28]
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 })) //                                [batch, 6, 14, 14]
    .add(new Conv2d({ inChannels: 6, outChannels: 16, kernelSize: 5 })) //  [batch, 16, 10, 10]
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 })) //                                [batch, 16, 5, 5]
    .add(new Flatten()) //                                                   [batch, 400]
    .add(new Linear({ inFeatures: 400, outFeatures: 120 }))
    .add(new ReLU())
    .add(new Linear({ inFeatures: 120, outFeatures: 84 }))
    .add(new ReLU())
    .add(new Linear({ inFeatures: 84, outFeatures: 10 })); //               [batch, 10]
}

// What the compiler computed, checked by the compiler: this line fails to type-check if the trace
// does not end in [batch, 10].
type Trace = ShapeTrace<ReturnType<typeof lenet5>>;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const outputIsBatchBy10: Equal<Trace[12], ['batch', 10]> = true;
void outputIsBatchBy10;

/** Prints the model's summary, then runs it on one random image. */
export function main(): void {
  const model = lenet5();
  console.log(summary(model));
  const x = randn([1, 1, 32, 32], { seed: 1 });
  // inference: batch normalisation with its running statistics, no graph recorded
  const y = noGrad(() => model.eval().forward(x)); // Tensor<[1, 10]>: 'batch' bound to 1
  console.log(`forward: [${x.shape.join(', ')}] -> [${y.shape.join(', ')}]`);
}
