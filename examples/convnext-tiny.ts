// ConvNeXt-Tiny (Liu et al., 2022), as torchvision.models.convnext_tiny() builds it: a 4×4
// stride-4 "patchify" stem with LayerNorm2d, four stages of 3, 3, 9 and 3 ConvNeXt blocks (96,
// 192, 384, 768 channels) with a LayerNorm2d and a 2×2 stride-2 convolution between stages,
// global average pooling and a LayerNorm2d, Flatten, Linear head. 28,589,128 parameters, as
// torchvision counts them.
//
// Each block (torchvision's CNBlock) is a `residual`: a 7×7 depthwise convolution, `Permute` to
// channels last ([batch, H, W, C]: the compiler follows every dim), LayerNorm over the channels, an
// inverted bottleneck of two Linear layers (C → 4C → C, acting on the last dim) with GELU between,
// `Permute` back, then `LayerScale` (the block's `layer_scale` parameter, [C, 1, 1], set to 1e-6;
// torchvision multiplies by it in forward, so it has no trace entry of its own, and the block lists
// it as its own parameter: `features.1.0.layer_scale`, torchvision's key) and `StochasticDepth`
// (p = 0.1·i/17 for the i-th block counted from 0). Every layer is named as torchvision names it,
// so `stateDict()` has its keys; every shape below is computed by the compiler.
//
//   npm run example -- convnext-tiny
import {
  AdaptiveAvgPool2d,
  Conv2d,
  Flatten,
  GELU,
  LayerNorm,
  LayerNorm2d,
  LayerScale,
  Linear,
  Permute,
  Sequential,
  StochasticDepth,
  manualSeed,
  noGrad,
  randn,
  summary,
  type ShapeTrace,
} from 'shapecheck';

/** ConvNeXt-Tiny on `[batch, 3, 224, 224]` images, 1000 classes. */
export function convnextTiny() {
  manualSeed(0); // the layers draw their initial weights from the default generator
  return (
    new Sequential(['batch', 3, 224, 224])
      // features.0
      .add(new Conv2d({ inChannels: 3, outChannels: 96, kernelSize: 4, stride: 4 }), 'features.0.0')
      .add(new LayerNorm2d({ normalizedShape: 96, eps: 1e-06 }), 'features.0.1')
      // features.1.0
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 96, outChannels: 96, kernelSize: 7, padding: 3, groups: 96 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 96, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 96, outFeatures: 384 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 384, outFeatures: 96 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [96, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: 0, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.1.0' },
      )
      // features.1.1
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 96, outChannels: 96, kernelSize: 7, padding: 3, groups: 96 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 96, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 96, outFeatures: 384 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 384, outFeatures: 96 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [96, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 1) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.1.1' },
      )
      // features.1.2
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 96, outChannels: 96, kernelSize: 7, padding: 3, groups: 96 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 96, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 96, outFeatures: 384 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 384, outFeatures: 96 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [96, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 2) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.1.2' },
      )
      // features.2
      .add(new LayerNorm2d({ normalizedShape: 96, eps: 1e-06 }), 'features.2.0')
      .add(new Conv2d({ inChannels: 96, outChannels: 192, kernelSize: 2, stride: 2 }), 'features.2.1')
      // features.3.0
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 192, outChannels: 192, kernelSize: 7, padding: 3, groups: 192 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 192, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 192, outFeatures: 768 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 768, outFeatures: 192 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [192, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 3) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.3.0' },
      )
      // features.3.1
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 192, outChannels: 192, kernelSize: 7, padding: 3, groups: 192 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 192, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 192, outFeatures: 768 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 768, outFeatures: 192 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [192, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 4) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.3.1' },
      )
      // features.3.2
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 192, outChannels: 192, kernelSize: 7, padding: 3, groups: 192 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 192, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 192, outFeatures: 768 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 768, outFeatures: 192 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [192, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 5) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.3.2' },
      )
      // features.4
      .add(new LayerNorm2d({ normalizedShape: 192, eps: 1e-06 }), 'features.4.0')
      .add(new Conv2d({ inChannels: 192, outChannels: 384, kernelSize: 2, stride: 2 }), 'features.4.1')
      // features.5.0
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 384, outChannels: 384, kernelSize: 7, padding: 3, groups: 384 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 384, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 384, outFeatures: 1536 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 1536, outFeatures: 384 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [384, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 6) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.5.0' },
      )
      // features.5.1
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 384, outChannels: 384, kernelSize: 7, padding: 3, groups: 384 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 384, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 384, outFeatures: 1536 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 1536, outFeatures: 384 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [384, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 7) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.5.1' },
      )
      // features.5.2
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 384, outChannels: 384, kernelSize: 7, padding: 3, groups: 384 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 384, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 384, outFeatures: 1536 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 1536, outFeatures: 384 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [384, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 8) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.5.2' },
      )
      // features.5.3
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 384, outChannels: 384, kernelSize: 7, padding: 3, groups: 384 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 384, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 384, outFeatures: 1536 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 1536, outFeatures: 384 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [384, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 9) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.5.3' },
      )
      // features.5.4
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 384, outChannels: 384, kernelSize: 7, padding: 3, groups: 384 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 384, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 384, outFeatures: 1536 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 1536, outFeatures: 384 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [384, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 10) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.5.4' },
      )
      // features.5.5
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 384, outChannels: 384, kernelSize: 7, padding: 3, groups: 384 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 384, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 384, outFeatures: 1536 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 1536, outFeatures: 384 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [384, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 11) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.5.5' },
      )
      // features.5.6
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 384, outChannels: 384, kernelSize: 7, padding: 3, groups: 384 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 384, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 384, outFeatures: 1536 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 1536, outFeatures: 384 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [384, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 12) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.5.6' },
      )
      // features.5.7
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 384, outChannels: 384, kernelSize: 7, padding: 3, groups: 384 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 384, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 384, outFeatures: 1536 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 1536, outFeatures: 384 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [384, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 13) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.5.7' },
      )
      // features.5.8
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 384, outChannels: 384, kernelSize: 7, padding: 3, groups: 384 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 384, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 384, outFeatures: 1536 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 1536, outFeatures: 384 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [384, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 14) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.5.8' },
      )
      // features.6
      .add(new LayerNorm2d({ normalizedShape: 384, eps: 1e-06 }), 'features.6.0')
      .add(new Conv2d({ inChannels: 384, outChannels: 768, kernelSize: 2, stride: 2 }), 'features.6.1')
      // features.7.0
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 768, outChannels: 768, kernelSize: 7, padding: 3, groups: 768 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 768, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 768, outFeatures: 3072 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 3072, outFeatures: 768 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [768, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 15) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.7.0' },
      )
      // features.7.1
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 768, outChannels: 768, kernelSize: 7, padding: 3, groups: 768 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 768, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 768, outFeatures: 3072 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 3072, outFeatures: 768 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [768, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.1 * 16) / 17, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.7.1' },
      )
      // features.7.2
      .residual(
        (x) =>
          x
            .add(new Conv2d({ inChannels: 768, outChannels: 768, kernelSize: 7, padding: 3, groups: 768 }), 'block.0')
            .add(new Permute({ dims: [0, 2, 3, 1] }), 'block.1')
            .add(new LayerNorm({ normalizedShape: 768, eps: 1e-06 }), 'block.2')
            .add(new Linear({ inFeatures: 768, outFeatures: 3072 }), 'block.3')
            .add(new GELU(), 'block.4')
            .add(new Linear({ inFeatures: 3072, outFeatures: 768 }), 'block.5')
            .add(new Permute({ dims: [0, 3, 1, 2] }), 'block.6')
            .add(new LayerScale({ shape: [768, 1, 1], initValue: 1e-6 }), 'layer_scale')
            .add(new StochasticDepth({ p: (0.2 * 8) / 16, mode: 'row' }), 'stochastic_depth'),
        null,
        { name: 'features.7.2' },
      )
      .add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
      .add(new LayerNorm2d({ normalizedShape: 768, eps: 1e-06 }), 'classifier.0')
      .add(new Flatten(), 'classifier.1')
      .add(new Linear({ inFeatures: 768, outFeatures: 1000 }), 'classifier.2')
  );
}

// What the compiler computed, checked by the compiler: these lines fail to type-check if the
// shapes are not torchvision's.
type Trace = ShapeTrace<ReturnType<typeof convnextTiny>>;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Last<T extends readonly unknown[]> = T extends readonly [...unknown[], infer L] ? L : never;
const stem: Equal<Trace[2], ['batch', 96, 56, 56]> = true;
const firstBlock: Equal<Trace[3], ['batch', 96, 56, 56]> = true;
const logits: Equal<Last<Trace>, ['batch', 1000]> = true;
void [stem, firstBlock, logits];

/** Prints the model's summary, then runs it (in eval mode) on one random image. */
export function main(): void {
  const model = convnextTiny().eval();
  console.log(summary(model));
  const x = randn([1, 3, 224, 224], { seed: 1 });
  const y = noGrad(() => model.forward(x)); // Tensor<[1, 1000]>
  console.log(`forward: [${x.shape.join(', ')}] -> [${y.shape.join(', ')}]`);
}
