// Two of MobileNetV2's inverted residual blocks, as torchvision's
// `torchvision.models.mobilenetv2.InvertedResidual(inp, oup, stride, expand_ratio)` builds them:
// a 1×1 convolution expanding the channels 6 times, a 3×3 depthwise convolution (one filter per
// channel: `groups` equal to the channels), a linear 1×1 projection (no activation after it),
// each followed by batch normalisation, with ReLU6 after the first two. The input is added back
// (a residual) only when the block keeps the shape: stride 1 and as many channels out as in.
// Every shape below is computed by the compiler.
//
//   npm run example -- mobilenetv2-block
import { BatchNorm2d, Conv2d, ReLU6, Sequential, manualSeed, noGrad, randn, summary, type ShapeTrace } from 'shapecheck';

/**
 * `InvertedResidual(24, 24, stride=1, expand_ratio=6)` on `[batch, 24, 56, 56]`: 24 → 144 → 24
 * channels, the size kept, so torchvision's `use_res_connect` holds and the block returns
 * `x + conv(x)`: a `residual` with the identity shortcut.
 */
export function invertedResidual24() {
  manualSeed(0); // the layers draw their initial weights from the default generator
  return new Sequential(['batch', 24, 56, 56]).residual((x) =>
    x
      // expand (conv.0): 1×1, 24 → 144 = 24·6 channels
      .add(new Conv2d({ inChannels: 24, outChannels: 144, kernelSize: 1, bias: false }), '0.0')
      .add(new BatchNorm2d({ numFeatures: 144 }), '0.1')
      .add(new ReLU6(), '0.2')
      // depthwise (conv.1): 3×3, one filter per channel
      .add(new Conv2d({ inChannels: 144, outChannels: 144, kernelSize: 3, padding: 1, groups: 144, bias: false }), '1.0')
      .add(new BatchNorm2d({ numFeatures: 144 }), '1.1')
      .add(new ReLU6(), '1.2')
      // project (conv.2, conv.3): 1×1, 144 → 24 channels, linear
      .add(new Conv2d({ inChannels: 144, outChannels: 24, kernelSize: 1, bias: false }), '2')
      .add(new BatchNorm2d({ numFeatures: 24 }), '3'),
    null,
    // torchvision's InvertedResidual keeps these layers in its `conv` Sequential
    { name: 'conv' },
  );
}

/**
 * `InvertedResidual(24, 32, stride=2, expand_ratio=6)` on `[batch, 24, 56, 56]`: the depthwise
 * convolution has stride 2 (56 → 28) and the block ends with 32 channels, so there is no residual.
 */
export function invertedResidual24to32() {
  manualSeed(0);
  return (
    new Sequential(['batch', 24, 56, 56])
      // expand: 1×1, 24 → 144 channels                                                      [batch, 144, 56, 56]
      .add(new Conv2d({ inChannels: 24, outChannels: 144, kernelSize: 1, bias: false }), 'conv.0.0')
      .add(new BatchNorm2d({ numFeatures: 144 }), 'conv.0.1')
      .add(new ReLU6(), 'conv.0.2')
      // depthwise, stride 2                                                                 [batch, 144, 28, 28]
      .add(new Conv2d({ inChannels: 144, outChannels: 144, kernelSize: 3, stride: 2, padding: 1, groups: 144, bias: false }), 'conv.1.0')
      .add(new BatchNorm2d({ numFeatures: 144 }), 'conv.1.1')
      .add(new ReLU6(), 'conv.1.2')
      // project: 1×1, 144 → 32 channels, linear                                             [batch, 32, 28, 28]
      .add(new Conv2d({ inChannels: 144, outChannels: 32, kernelSize: 1, bias: false }), 'conv.2')
      .add(new BatchNorm2d({ numFeatures: 32 }), 'conv.3')
  );
}

// What the compiler computed, checked by the compiler: these lines fail to type-check if the
// blocks' outputs are not the shapes torchvision's traces have.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const residualBlock: Equal<ShapeTrace<ReturnType<typeof invertedResidual24>>, [['batch', 24, 56, 56], ['batch', 24, 56, 56]]> = true;
const strideTwoBlock: Equal<ShapeTrace<ReturnType<typeof invertedResidual24to32>>[8], ['batch', 32, 28, 28]> = true;
void [residualBlock, strideTwoBlock];

/** Prints each block's summary, then runs it on one random feature map. */
export function main(): void {
  const x = randn([1, 24, 56, 56], { seed: 1 });
  for (const [name, model] of [
    ['InvertedResidual(24, 24, stride=1, expand_ratio=6)', invertedResidual24()],
    ['InvertedResidual(24, 32, stride=2, expand_ratio=6)', invertedResidual24to32()],
  ] as const) {
    console.log(name);
    console.log(summary(model));
    // inference: batch normalisation with its running statistics, no graph recorded
    const y = noGrad(() => model.eval().forward(x));
    console.log(`forward: [${x.shape.join(', ')}] -> [${y.shape.join(', ')}]\n`);
  }
}
