// VGG-11 (configuration "A"), as torchvision.models.vgg11() builds it: eight 3×3 convolutions
// with ReLU in five groups, each group ended by a 2×2 max pooling; adaptive average pooling to
// 7×7; then the classifier, three fully connected layers with ReLU and Dropout.
// 132,863,336 parameters, as torchvision counts them (123,642,856 of them in the classifier).
// Every shape below is computed by the compiler: hover `vgg11` in an editor to see the trace.
//
//   npm run example -- vgg11      (allocates about 0.5 GB of weights)
import {
  AdaptiveAvgPool2d,
  Conv2d,
  Dropout,
  Flatten,
  Linear,
  MaxPool2d,
  ReLU,
  Sequential,
  manualSeed,
  noGrad,
  randn,
  summary,
  type ShapeTrace,
} from 'shapecheck';

/**
 * VGG-11 on `[batch, 3, 224, 224]` images (torchvision's input size), 1000 classes. torchvision
 * builds `features` from the list `[64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M']`
 * in a loop; here each layer has its own line, so that the compiler follows every shape (and
 * reports a wrong layer on its line).
 */
export function vgg11() {
  manualSeed(0); // the layers draw their initial weights from the default generator
  return (
    new Sequential(['batch', 3, 224, 224])
      // features
      .add(new Conv2d({ inChannels: 3, outChannels: 64, kernelSize: 3, padding: 1 }), 'features.0') //      [batch, 64, 224, 224]
      .add(new ReLU(), 'features.1')
      .add(new MaxPool2d({ kernelSize: 2, stride: 2 }), 'features.2') //                                    [batch, 64, 112, 112]
      .add(new Conv2d({ inChannels: 64, outChannels: 128, kernelSize: 3, padding: 1 }), 'features.3')
      .add(new ReLU(), 'features.4')
      .add(new MaxPool2d({ kernelSize: 2, stride: 2 }), 'features.5') //                                    [batch, 128, 56, 56]
      .add(new Conv2d({ inChannels: 128, outChannels: 256, kernelSize: 3, padding: 1 }), 'features.6')
      .add(new ReLU(), 'features.7')
      .add(new Conv2d({ inChannels: 256, outChannels: 256, kernelSize: 3, padding: 1 }), 'features.8')
      .add(new ReLU(), 'features.9')
      .add(new MaxPool2d({ kernelSize: 2, stride: 2 }), 'features.10') //                                    [batch, 256, 28, 28]
      .add(new Conv2d({ inChannels: 256, outChannels: 512, kernelSize: 3, padding: 1 }), 'features.11')
      .add(new ReLU(), 'features.12')
      .add(new Conv2d({ inChannels: 512, outChannels: 512, kernelSize: 3, padding: 1 }), 'features.13')
      .add(new ReLU(), 'features.14')
      .add(new MaxPool2d({ kernelSize: 2, stride: 2 }), 'features.15') //                                    [batch, 512, 14, 14]
      .add(new Conv2d({ inChannels: 512, outChannels: 512, kernelSize: 3, padding: 1 }), 'features.16')
      .add(new ReLU(), 'features.17')
      .add(new Conv2d({ inChannels: 512, outChannels: 512, kernelSize: 3, padding: 1 }), 'features.18')
      .add(new ReLU(), 'features.19')
      .add(new MaxPool2d({ kernelSize: 2, stride: 2 }), 'features.20') //                                    [batch, 512, 7, 7]
      // avgpool: 7×7 already at 224×224 input; other input sizes are pooled to it
      .add(new AdaptiveAvgPool2d({ outputSize: [7, 7] }), 'avgpool')
      // torchvision calls torch.flatten(x, 1) here, in forward
      .add(new Flatten(), 'flatten') //                                                                  [batch, 25088]
      // classifier
      .add(new Linear({ inFeatures: 25088, outFeatures: 4096 }), 'classifier.0') //                         25088 = 512·7·7
      .add(new ReLU(), 'classifier.1')
      .add(new Dropout({ p: 0.5 }), 'classifier.2')
      .add(new Linear({ inFeatures: 4096, outFeatures: 4096 }), 'classifier.3')
      .add(new ReLU(), 'classifier.4')
      .add(new Dropout({ p: 0.5 }), 'classifier.5')
      .add(new Linear({ inFeatures: 4096, outFeatures: 1000 }), 'classifier.6') //                            [batch, 1000]
  );
}

// What the compiler computed, checked by the compiler: these lines fail to type-check if the
// features or the output are not the shapes torchvision's trace has.
type Trace = ShapeTrace<ReturnType<typeof vgg11>>;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const features: Equal<Trace[21], ['batch', 512, 7, 7]> = true;
const flattened: Equal<Trace[23], ['batch', 25088]> = true;
const output: Equal<Trace[30], ['batch', 1000]> = true;
void [features, flattened, output];

/** Prints the model's summary, then runs it on one random image. */
export function main(): void {
  const model = vgg11();
  console.log(summary(model));
  const x = randn([1, 3, 224, 224], { seed: 1 });
  // inference: batch normalisation with its running statistics, no graph recorded
  const y = noGrad(() => model.eval().forward(x)); // Tensor<[1, 1000]>: 'batch' bound to 1
  console.log(`forward: [${x.shape.join(', ')}] -> [${y.shape.join(', ')}]`);
}
