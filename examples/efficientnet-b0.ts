// EfficientNet-B0 (Tan & Le, 2019), as torchvision.models.efficientnet_b0() builds it: a 3×3 stem
// with SiLU, sixteen MBConv blocks in seven stages (a 1×1 expansion by 6, except in the first
// stage; a 3×3 or 5×5 depthwise convolution; squeeze-and-excitation with SiLU and a sigmoid gate,
// squeezing to a quarter of the block's input channels; a linear 1×1 projection), a 1×1
// convolution to 1280 channels, global average pooling, dropout and a 1000-way classifier.
// 5,288,548 parameters, as torchvision counts them.
//
// Squeeze-and-excitation is `mul(gate)`, as in examples/mobilenetv3-small.ts. A block that keeps
// its shape is a `residual` whose main path ends with `StochasticDepth` (torchvision's
// `stochastic_depth`, p = 0.2·i/16 for the i-th block counted from 0): in training it drops the
// path for some samples of the batch, which then pass through the shortcut alone; in eval mode it
// is the identity. (torchvision gives the blocks without a residual a StochasticDepth module too,
// which their forward never calls: it has no parameters and no trace entry, and is left out
// here.) Every layer is named as torchvision names it, so `stateDict()` has its keys; every shape
// below is computed by the compiler.
//
//   npm run example -- efficientnet-b0
import {
  AdaptiveAvgPool2d,
  BatchNorm2d,
  Conv2d,
  Dropout,
  Flatten,
  Linear,
  Sequential,
  SiLU,
  Sigmoid,
  StochasticDepth,
  manualSeed,
  noGrad,
  randn,
  summary,
  type ShapeTrace,
} from 'shapecheck';

/** EfficientNet-B0 on `[batch, 3, 224, 224]` images, 1000 classes. */
export function efficientNetB0() {
  manualSeed(0); // the layers draw their initial weights from the default generator
  return (
    new Sequential(['batch', 3, 224, 224])
      // features.0
      .add(new Conv2d({ inChannels: 3, outChannels: 32, kernelSize: 3, stride: 2, padding: 1, bias: false }), 'features.0.0')
      .add(new BatchNorm2d({ numFeatures: 32 }), 'features.0.1')
      .add(new SiLU(), 'features.0.2')
      // features.1.0
      .add(new Conv2d({ inChannels: 32, outChannels: 32, kernelSize: 3, padding: 1, groups: 32, bias: false }), 'features.1.0.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 32 }), 'features.1.0.block.0.1')
      .add(new SiLU(), 'features.1.0.block.0.2')
      .mul(
        (se) =>
          se
            .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
            .add(new Conv2d({ inChannels: 32, outChannels: 8, kernelSize: 1 }), 'fc1')
            .add(new SiLU(), 'activation')
            .add(new Conv2d({ inChannels: 8, outChannels: 32, kernelSize: 1 }), 'fc2')
            .add(new Sigmoid(), 'scale_activation'),
        null,
        { name: 'features.1.0.block.1' },
      )
      .add(new Conv2d({ inChannels: 32, outChannels: 16, kernelSize: 1, bias: false }), 'features.1.0.block.2.0')
      .add(new BatchNorm2d({ numFeatures: 16 }), 'features.1.0.block.2.1')
      // features.2.0
      .add(new Conv2d({ inChannels: 16, outChannels: 96, kernelSize: 1, bias: false }), 'features.2.0.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 96 }), 'features.2.0.block.0.1')
      .add(new SiLU(), 'features.2.0.block.0.2')
      .add(new Conv2d({ inChannels: 96, outChannels: 96, kernelSize: 3, stride: 2, padding: 1, groups: 96, bias: false }), 'features.2.0.block.1.0')
      .add(new BatchNorm2d({ numFeatures: 96 }), 'features.2.0.block.1.1')
      .add(new SiLU(), 'features.2.0.block.1.2')
      .mul(
        (se) =>
          se
            .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
            .add(new Conv2d({ inChannels: 96, outChannels: 4, kernelSize: 1 }), 'fc1')
            .add(new SiLU(), 'activation')
            .add(new Conv2d({ inChannels: 4, outChannels: 96, kernelSize: 1 }), 'fc2')
            .add(new Sigmoid(), 'scale_activation'),
        null,
        { name: 'features.2.0.block.2' },
      )
      .add(new Conv2d({ inChannels: 96, outChannels: 24, kernelSize: 1, bias: false }), 'features.2.0.block.3.0')
      .add(new BatchNorm2d({ numFeatures: 24 }), 'features.2.0.block.3.1')
      // features.2.1
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 24, outChannels: 144, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 144 }), 'block.0.1')
            .add(new SiLU(), 'block.0.2')
            .add(new Conv2d({ inChannels: 144, outChannels: 144, kernelSize: 3, padding: 1, groups: 144, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 144 }), 'block.1.1')
            .add(new SiLU(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 144, outChannels: 6, kernelSize: 1 }), 'fc1')
                  .add(new SiLU(), 'activation')
                  .add(new Conv2d({ inChannels: 6, outChannels: 144, kernelSize: 1 }), 'fc2')
                  .add(new Sigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 144, outChannels: 24, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 24 }), 'block.3.1')
            .add(new StochasticDepth({ p: (0.2 * 2) / 16, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.2.1' },
      )
      // features.3.0
      .add(new Conv2d({ inChannels: 24, outChannels: 144, kernelSize: 1, bias: false }), 'features.3.0.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 144 }), 'features.3.0.block.0.1')
      .add(new SiLU(), 'features.3.0.block.0.2')
      .add(new Conv2d({ inChannels: 144, outChannels: 144, kernelSize: 5, stride: 2, padding: 2, groups: 144, bias: false }), 'features.3.0.block.1.0')
      .add(new BatchNorm2d({ numFeatures: 144 }), 'features.3.0.block.1.1')
      .add(new SiLU(), 'features.3.0.block.1.2')
      .mul(
        (se) =>
          se
            .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
            .add(new Conv2d({ inChannels: 144, outChannels: 6, kernelSize: 1 }), 'fc1')
            .add(new SiLU(), 'activation')
            .add(new Conv2d({ inChannels: 6, outChannels: 144, kernelSize: 1 }), 'fc2')
            .add(new Sigmoid(), 'scale_activation'),
        null,
        { name: 'features.3.0.block.2' },
      )
      .add(new Conv2d({ inChannels: 144, outChannels: 40, kernelSize: 1, bias: false }), 'features.3.0.block.3.0')
      .add(new BatchNorm2d({ numFeatures: 40 }), 'features.3.0.block.3.1')
      // features.3.1
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 40, outChannels: 240, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 240 }), 'block.0.1')
            .add(new SiLU(), 'block.0.2')
            .add(new Conv2d({ inChannels: 240, outChannels: 240, kernelSize: 5, padding: 2, groups: 240, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 240 }), 'block.1.1')
            .add(new SiLU(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 240, outChannels: 10, kernelSize: 1 }), 'fc1')
                  .add(new SiLU(), 'activation')
                  .add(new Conv2d({ inChannels: 10, outChannels: 240, kernelSize: 1 }), 'fc2')
                  .add(new Sigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 240, outChannels: 40, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 40 }), 'block.3.1')
            .add(new StochasticDepth({ p: (0.2 * 4) / 16, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.3.1' },
      )
      // features.4.0
      .add(new Conv2d({ inChannels: 40, outChannels: 240, kernelSize: 1, bias: false }), 'features.4.0.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 240 }), 'features.4.0.block.0.1')
      .add(new SiLU(), 'features.4.0.block.0.2')
      .add(new Conv2d({ inChannels: 240, outChannels: 240, kernelSize: 3, stride: 2, padding: 1, groups: 240, bias: false }), 'features.4.0.block.1.0')
      .add(new BatchNorm2d({ numFeatures: 240 }), 'features.4.0.block.1.1')
      .add(new SiLU(), 'features.4.0.block.1.2')
      .mul(
        (se) =>
          se
            .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
            .add(new Conv2d({ inChannels: 240, outChannels: 10, kernelSize: 1 }), 'fc1')
            .add(new SiLU(), 'activation')
            .add(new Conv2d({ inChannels: 10, outChannels: 240, kernelSize: 1 }), 'fc2')
            .add(new Sigmoid(), 'scale_activation'),
        null,
        { name: 'features.4.0.block.2' },
      )
      .add(new Conv2d({ inChannels: 240, outChannels: 80, kernelSize: 1, bias: false }), 'features.4.0.block.3.0')
      .add(new BatchNorm2d({ numFeatures: 80 }), 'features.4.0.block.3.1')
      // features.4.1
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 80, outChannels: 480, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 480 }), 'block.0.1')
            .add(new SiLU(), 'block.0.2')
            .add(new Conv2d({ inChannels: 480, outChannels: 480, kernelSize: 3, padding: 1, groups: 480, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 480 }), 'block.1.1')
            .add(new SiLU(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 480, outChannels: 20, kernelSize: 1 }), 'fc1')
                  .add(new SiLU(), 'activation')
                  .add(new Conv2d({ inChannels: 20, outChannels: 480, kernelSize: 1 }), 'fc2')
                  .add(new Sigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 480, outChannels: 80, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 80 }), 'block.3.1')
            .add(new StochasticDepth({ p: (0.2 * 6) / 16, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.4.1' },
      )
      // features.4.2
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 80, outChannels: 480, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 480 }), 'block.0.1')
            .add(new SiLU(), 'block.0.2')
            .add(new Conv2d({ inChannels: 480, outChannels: 480, kernelSize: 3, padding: 1, groups: 480, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 480 }), 'block.1.1')
            .add(new SiLU(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 480, outChannels: 20, kernelSize: 1 }), 'fc1')
                  .add(new SiLU(), 'activation')
                  .add(new Conv2d({ inChannels: 20, outChannels: 480, kernelSize: 1 }), 'fc2')
                  .add(new Sigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 480, outChannels: 80, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 80 }), 'block.3.1')
            .add(new StochasticDepth({ p: (0.2 * 7) / 16, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.4.2' },
      )
      // features.5.0
      .add(new Conv2d({ inChannels: 80, outChannels: 480, kernelSize: 1, bias: false }), 'features.5.0.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 480 }), 'features.5.0.block.0.1')
      .add(new SiLU(), 'features.5.0.block.0.2')
      .add(new Conv2d({ inChannels: 480, outChannels: 480, kernelSize: 5, padding: 2, groups: 480, bias: false }), 'features.5.0.block.1.0')
      .add(new BatchNorm2d({ numFeatures: 480 }), 'features.5.0.block.1.1')
      .add(new SiLU(), 'features.5.0.block.1.2')
      .mul(
        (se) =>
          se
            .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
            .add(new Conv2d({ inChannels: 480, outChannels: 20, kernelSize: 1 }), 'fc1')
            .add(new SiLU(), 'activation')
            .add(new Conv2d({ inChannels: 20, outChannels: 480, kernelSize: 1 }), 'fc2')
            .add(new Sigmoid(), 'scale_activation'),
        null,
        { name: 'features.5.0.block.2' },
      )
      .add(new Conv2d({ inChannels: 480, outChannels: 112, kernelSize: 1, bias: false }), 'features.5.0.block.3.0')
      .add(new BatchNorm2d({ numFeatures: 112 }), 'features.5.0.block.3.1')
      // features.5.1
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 112, outChannels: 672, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 672 }), 'block.0.1')
            .add(new SiLU(), 'block.0.2')
            .add(new Conv2d({ inChannels: 672, outChannels: 672, kernelSize: 5, padding: 2, groups: 672, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 672 }), 'block.1.1')
            .add(new SiLU(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 672, outChannels: 28, kernelSize: 1 }), 'fc1')
                  .add(new SiLU(), 'activation')
                  .add(new Conv2d({ inChannels: 28, outChannels: 672, kernelSize: 1 }), 'fc2')
                  .add(new Sigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 672, outChannels: 112, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 112 }), 'block.3.1')
            .add(new StochasticDepth({ p: (0.2 * 9) / 16, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.5.1' },
      )
      // features.5.2
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 112, outChannels: 672, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 672 }), 'block.0.1')
            .add(new SiLU(), 'block.0.2')
            .add(new Conv2d({ inChannels: 672, outChannels: 672, kernelSize: 5, padding: 2, groups: 672, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 672 }), 'block.1.1')
            .add(new SiLU(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 672, outChannels: 28, kernelSize: 1 }), 'fc1')
                  .add(new SiLU(), 'activation')
                  .add(new Conv2d({ inChannels: 28, outChannels: 672, kernelSize: 1 }), 'fc2')
                  .add(new Sigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 672, outChannels: 112, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 112 }), 'block.3.1')
            .add(new StochasticDepth({ p: (0.2 * 10) / 16, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.5.2' },
      )
      // features.6.0
      .add(new Conv2d({ inChannels: 112, outChannels: 672, kernelSize: 1, bias: false }), 'features.6.0.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 672 }), 'features.6.0.block.0.1')
      .add(new SiLU(), 'features.6.0.block.0.2')
      .add(new Conv2d({ inChannels: 672, outChannels: 672, kernelSize: 5, stride: 2, padding: 2, groups: 672, bias: false }), 'features.6.0.block.1.0')
      .add(new BatchNorm2d({ numFeatures: 672 }), 'features.6.0.block.1.1')
      .add(new SiLU(), 'features.6.0.block.1.2')
      .mul(
        (se) =>
          se
            .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
            .add(new Conv2d({ inChannels: 672, outChannels: 28, kernelSize: 1 }), 'fc1')
            .add(new SiLU(), 'activation')
            .add(new Conv2d({ inChannels: 28, outChannels: 672, kernelSize: 1 }), 'fc2')
            .add(new Sigmoid(), 'scale_activation'),
        null,
        { name: 'features.6.0.block.2' },
      )
      .add(new Conv2d({ inChannels: 672, outChannels: 192, kernelSize: 1, bias: false }), 'features.6.0.block.3.0')
      .add(new BatchNorm2d({ numFeatures: 192 }), 'features.6.0.block.3.1')
      // features.6.1
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 192, outChannels: 1152, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 1152 }), 'block.0.1')
            .add(new SiLU(), 'block.0.2')
            .add(new Conv2d({ inChannels: 1152, outChannels: 1152, kernelSize: 5, padding: 2, groups: 1152, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 1152 }), 'block.1.1')
            .add(new SiLU(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 1152, outChannels: 48, kernelSize: 1 }), 'fc1')
                  .add(new SiLU(), 'activation')
                  .add(new Conv2d({ inChannels: 48, outChannels: 1152, kernelSize: 1 }), 'fc2')
                  .add(new Sigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 1152, outChannels: 192, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 192 }), 'block.3.1')
            .add(new StochasticDepth({ p: (0.2 * 12) / 16, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.6.1' },
      )
      // features.6.2
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 192, outChannels: 1152, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 1152 }), 'block.0.1')
            .add(new SiLU(), 'block.0.2')
            .add(new Conv2d({ inChannels: 1152, outChannels: 1152, kernelSize: 5, padding: 2, groups: 1152, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 1152 }), 'block.1.1')
            .add(new SiLU(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 1152, outChannels: 48, kernelSize: 1 }), 'fc1')
                  .add(new SiLU(), 'activation')
                  .add(new Conv2d({ inChannels: 48, outChannels: 1152, kernelSize: 1 }), 'fc2')
                  .add(new Sigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 1152, outChannels: 192, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 192 }), 'block.3.1')
            .add(new StochasticDepth({ p: (0.2 * 13) / 16, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.6.2' },
      )
      // features.6.3
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 192, outChannels: 1152, kernelSize: 1, bias: false }), 'block.0.0')
            .add(new BatchNorm2d({ numFeatures: 1152 }), 'block.0.1')
            .add(new SiLU(), 'block.0.2')
            .add(new Conv2d({ inChannels: 1152, outChannels: 1152, kernelSize: 5, padding: 2, groups: 1152, bias: false }), 'block.1.0')
            .add(new BatchNorm2d({ numFeatures: 1152 }), 'block.1.1')
            .add(new SiLU(), 'block.1.2')
            .mul(
              (se) =>
                se
                  .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
                  .add(new Conv2d({ inChannels: 1152, outChannels: 48, kernelSize: 1 }), 'fc1')
                  .add(new SiLU(), 'activation')
                  .add(new Conv2d({ inChannels: 48, outChannels: 1152, kernelSize: 1 }), 'fc2')
                  .add(new Sigmoid(), 'scale_activation'),
              null,
              { name: 'block.2' },
            )
            .add(new Conv2d({ inChannels: 1152, outChannels: 192, kernelSize: 1, bias: false }), 'block.3.0')
            .add(new BatchNorm2d({ numFeatures: 192 }), 'block.3.1')
            .add(new StochasticDepth({ p: (0.2 * 14) / 16, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.6.3' },
      )
      // features.7.0
      .add(new Conv2d({ inChannels: 192, outChannels: 1152, kernelSize: 1, bias: false }), 'features.7.0.block.0.0')
      .add(new BatchNorm2d({ numFeatures: 1152 }), 'features.7.0.block.0.1')
      .add(new SiLU(), 'features.7.0.block.0.2')
      .add(new Conv2d({ inChannels: 1152, outChannels: 1152, kernelSize: 3, padding: 1, groups: 1152, bias: false }), 'features.7.0.block.1.0')
      .add(new BatchNorm2d({ numFeatures: 1152 }), 'features.7.0.block.1.1')
      .add(new SiLU(), 'features.7.0.block.1.2')
      .mul(
        (se) =>
          se
            .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
            .add(new Conv2d({ inChannels: 1152, outChannels: 48, kernelSize: 1 }), 'fc1')
            .add(new SiLU(), 'activation')
            .add(new Conv2d({ inChannels: 48, outChannels: 1152, kernelSize: 1 }), 'fc2')
            .add(new Sigmoid(), 'scale_activation'),
        null,
        { name: 'features.7.0.block.2' },
      )
      .add(new Conv2d({ inChannels: 1152, outChannels: 320, kernelSize: 1, bias: false }), 'features.7.0.block.3.0')
      .add(new BatchNorm2d({ numFeatures: 320 }), 'features.7.0.block.3.1')
      // features.8
      .add(new Conv2d({ inChannels: 320, outChannels: 1280, kernelSize: 1, bias: false }), 'features.8.0')
      .add(new BatchNorm2d({ numFeatures: 1280 }), 'features.8.1')
      .add(new SiLU(), 'features.8.2')
      .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
      .add(new Flatten()) // torch.flatten(x, 1) in forward
      .add(new Dropout({ p: 0.2 }), 'classifier.0')
      .add(new Linear({ inFeatures: 1280, outFeatures: 1000 }), 'classifier.1')
  );
}

// What the compiler computed, checked by the compiler: these lines fail to type-check if the
// shapes are not torchvision's.
type Trace = ShapeTrace<ReturnType<typeof efficientNetB0>>;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Last<T extends readonly unknown[]> = T extends readonly [...unknown[], infer L] ? L : never;
const stem: Equal<Trace[3], ['batch', 32, 112, 112]> = true;
const firstSqueezeExcitation: Equal<Trace[7], ['batch', 32, 112, 112]> = true;
const logits: Equal<Last<Trace>, ['batch', 1000]> = true;
void [stem, firstSqueezeExcitation, logits];

/** Prints the model's summary, then runs it (in eval mode) on one random image. */
export function main(): void {
  const model = efficientNetB0().eval();
  console.log(summary(model));
  const x = randn([1, 3, 224, 224], { seed: 1 });
  const y = noGrad(() => model.forward(x)); // Tensor<[1, 1000]>
  console.log(`forward: [${x.shape.join(', ')}] -> [${y.shape.join(', ')}]`);
}
