// ResNet-18, as torchvision.models.resnet18() builds it: a 7×7 stem, four stages of two
// BasicBlocks (64, 128, 256, 512 channels; the first block of stages 2-4 halves the size and has a
// 1×1 stride-2 downsample on its shortcut), global average pooling and a 1000-way classifier.
// 11,689,512 parameters, as torchvision counts them. Every shape below is computed by the
// compiler: hover `resnet18` in an editor to see the whole trace.
//
//   npm run example -- resnet18
import {
  AdaptiveAvgPool2d,
  BatchNorm2d,
  Conv2d,
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

// Each BasicBlock is written out: `residual(main, shortcut?)` sums its paths (the shortcut is the
// identity when left out), then the block's second ReLU. Every layer is checked on its own line,
// against the shape that reaches it. (A helper written once for every stage, as torchvision's
// `_make_layer`, cannot be checked inside: there the shapes and channel counts are type
// parameters, which the compiler cannot compute with. See docs/models.md.)

/** ResNet-18 on `[batch, 3, 224, 224]` images (torchvision's input size), 1000 classes. */
export function resnet18() {
  manualSeed(0); // the layers draw their initial weights from the default generator
  return (
    new Sequential(['batch', 3, 224, 224])
      // stem: [batch, 64, 112, 112], then max pooling to [batch, 64, 56, 56]
      .add(new Conv2d({ inChannels: 3, outChannels: 64, kernelSize: 7, stride: 2, padding: 3, bias: false }), 'conv1')
      .add(new BatchNorm2d({ numFeatures: 64 }), 'bn1')
      .add(new ReLU(), 'relu')
      .add(new MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 }), 'maxpool')
      // layer1: [batch, 64, 56, 56]
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1, bias: false }), 'conv1')
            .add(new BatchNorm2d({ numFeatures: 64 }), 'bn1')
            .add(new ReLU(), 'relu')
            .add(new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1, bias: false }), 'conv2')
            .add(new BatchNorm2d({ numFeatures: 64 }), 'bn2'),
        null,
        { name: 'layer1.0' },
      )
      .add(new ReLU())
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1, bias: false }), 'conv1')
            .add(new BatchNorm2d({ numFeatures: 64 }), 'bn1')
            .add(new ReLU(), 'relu')
            .add(new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1, bias: false }), 'conv2')
            .add(new BatchNorm2d({ numFeatures: 64 }), 'bn2'),
        null,
        { name: 'layer1.1' },
      )
      .add(new ReLU())
      // layer2: [batch, 128, 28, 28] (the first block halves the size; its shortcut is torchvision's downsample)
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 64, outChannels: 128, kernelSize: 3, stride: 2, padding: 1, bias: false }), 'conv1')
            .add(new BatchNorm2d({ numFeatures: 128 }), 'bn1')
            .add(new ReLU(), 'relu')
            .add(new Conv2d({ inChannels: 128, outChannels: 128, kernelSize: 3, padding: 1, bias: false }), 'conv2')
            .add(new BatchNorm2d({ numFeatures: 128 }), 'bn2'),
        (x) => x
          .add(new Conv2d({ inChannels: 64, outChannels: 128, kernelSize: 1, stride: 2, bias: false }))
          .add(new BatchNorm2d({ numFeatures: 128 })),
        { name: 'layer2.0', shortcutName: 'downsample' },
      )
      .add(new ReLU())
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 128, outChannels: 128, kernelSize: 3, padding: 1, bias: false }), 'conv1')
            .add(new BatchNorm2d({ numFeatures: 128 }), 'bn1')
            .add(new ReLU(), 'relu')
            .add(new Conv2d({ inChannels: 128, outChannels: 128, kernelSize: 3, padding: 1, bias: false }), 'conv2')
            .add(new BatchNorm2d({ numFeatures: 128 }), 'bn2'),
        null,
        { name: 'layer2.1' },
      )
      .add(new ReLU())
      // layer3: [batch, 256, 14, 14]
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 128, outChannels: 256, kernelSize: 3, stride: 2, padding: 1, bias: false }), 'conv1')
            .add(new BatchNorm2d({ numFeatures: 256 }), 'bn1')
            .add(new ReLU(), 'relu')
            .add(new Conv2d({ inChannels: 256, outChannels: 256, kernelSize: 3, padding: 1, bias: false }), 'conv2')
            .add(new BatchNorm2d({ numFeatures: 256 }), 'bn2'),
        (x) => x
          .add(new Conv2d({ inChannels: 128, outChannels: 256, kernelSize: 1, stride: 2, bias: false }))
          .add(new BatchNorm2d({ numFeatures: 256 })),
        { name: 'layer3.0', shortcutName: 'downsample' },
      )
      .add(new ReLU())
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 256, outChannels: 256, kernelSize: 3, padding: 1, bias: false }), 'conv1')
            .add(new BatchNorm2d({ numFeatures: 256 }), 'bn1')
            .add(new ReLU(), 'relu')
            .add(new Conv2d({ inChannels: 256, outChannels: 256, kernelSize: 3, padding: 1, bias: false }), 'conv2')
            .add(new BatchNorm2d({ numFeatures: 256 }), 'bn2'),
        null,
        { name: 'layer3.1' },
      )
      .add(new ReLU())
      // layer4: [batch, 512, 7, 7]
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 256, outChannels: 512, kernelSize: 3, stride: 2, padding: 1, bias: false }), 'conv1')
            .add(new BatchNorm2d({ numFeatures: 512 }), 'bn1')
            .add(new ReLU(), 'relu')
            .add(new Conv2d({ inChannels: 512, outChannels: 512, kernelSize: 3, padding: 1, bias: false }), 'conv2')
            .add(new BatchNorm2d({ numFeatures: 512 }), 'bn2'),
        (x) => x
          .add(new Conv2d({ inChannels: 256, outChannels: 512, kernelSize: 1, stride: 2, bias: false }))
          .add(new BatchNorm2d({ numFeatures: 512 })),
        { name: 'layer4.0', shortcutName: 'downsample' },
      )
      .add(new ReLU())
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 512, outChannels: 512, kernelSize: 3, padding: 1, bias: false }), 'conv1')
            .add(new BatchNorm2d({ numFeatures: 512 }), 'bn1')
            .add(new ReLU(), 'relu')
            .add(new Conv2d({ inChannels: 512, outChannels: 512, kernelSize: 3, padding: 1, bias: false }), 'conv2')
            .add(new BatchNorm2d({ numFeatures: 512 }), 'bn2'),
        null,
        { name: 'layer4.1' },
      )
      .add(new ReLU())
      // head: [batch, 512, 1, 1] -> [batch, 512] -> [batch, 1000]
      .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
      .add(new Flatten())
      .add(new Linear({ inFeatures: 512, outFeatures: 1000 }), 'fc')
  );
}

// What the compiler computed, checked by the compiler: these lines fail to type-check if the
// stages or the output are not the shapes torchvision's trace has.
type Trace = ShapeTrace<ReturnType<typeof resnet18>>;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const layer1: Equal<Trace[8], ['batch', 64, 56, 56]> = true;
const layer2: Equal<Trace[12], ['batch', 128, 28, 28]> = true;
const layer3: Equal<Trace[16], ['batch', 256, 14, 14]> = true;
const layer4: Equal<Trace[20], ['batch', 512, 7, 7]> = true;
const output: Equal<Trace[23], ['batch', 1000]> = true;
const length: Equal<Trace['length'], 24> = true;
void [layer1, layer2, layer3, layer4, output, length];

/** Prints the model's summary, then runs it on one random image. */
export function main(): void {
  const model = resnet18();
  console.log(summary(model));
  const x = randn([1, 3, 224, 224], { seed: 1 });
  // inference: batch normalisation with its running statistics, no graph recorded
  const y = noGrad(() => model.eval().forward(x)); // Tensor<[1, 1000]>: 'batch' bound to 1
  console.log(`forward: [${x.shape.join(', ')}] -> [${y.shape.join(', ')}]`);
}
