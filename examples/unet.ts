// A small U-Net (Ronneberger et al., 2015) for images of any size: a max-pool encoder, a
// ConvTranspose2d decoder and skip connections joined by `cat`, written as nested `cat` blocks
// (the skip is the block's first path, the way down and back up its second). On
// `['batch', 3, 'H', 'W']` every shape is an exact expression: the encoder halves to `H//2` and
// `H//4`, the decoder doubles back to `2*(H//4)` and `2*(H//2)`, and each skip must meet its
// decoder: `H == 2*(H//2)` holds for even H only, `H//2 == 2*(H//4)` for H divisible by 4. Not an
// error in the editor (infinitely many sizes fit) but requirements that `Requirements<typeof
// model>` and `summary` list and `forward` checks: 64×64 runs, 66×66 is refused, in the editor
// when the sizes are literal and when it runs. At `[1, 3, 64, 64]` its layers are PyTorch's U-Net
// of scripts/gen_model_traces.py leaf for leaf (test/examples.test.ts).
//
//   npm run example -- unet
import { BatchNorm2d, Conv2d, ConvTranspose2d, MaxPool2d, ReLU, Sequential, ShapeError, manualSeed, noGrad, randn, summary, type Requirements, type ShapeTrace } from 'shapecheck';

/** The U-Net on `[batch, 3, H, W]` images: 16, 32 and 64 channels, 2 classes at the input's size. */
export function unet() {
  manualSeed(0);
  return (
    new Sequential(['batch', 3, 'H', 'W'])
      // inc: two 3×3 convolutions, 3 → 16 channels
      .add(new Conv2d({ inChannels: 3, outChannels: 16, kernelSize: 3, padding: 1, bias: false }))
      .add(new BatchNorm2d({ numFeatures: 16 }))
      .add(new ReLU())
      .add(new Conv2d({ inChannels: 16, outChannels: 16, kernelSize: 3, padding: 1, bias: false }))
      .add(new BatchNorm2d({ numFeatures: 16 }))
      .add(new ReLU())
      // level 1: the skip (16 channels at H) beside the way down and up (16 channels at 2*(H//2))
      .cat(
        [
          (skip) => skip,
          (x) =>
            x
              .add(new MaxPool2d({ kernelSize: 2 }))
              .add(new Conv2d({ inChannels: 16, outChannels: 32, kernelSize: 3, padding: 1, bias: false }))
              .add(new BatchNorm2d({ numFeatures: 32 }))
              .add(new ReLU())
              .add(new Conv2d({ inChannels: 32, outChannels: 32, kernelSize: 3, padding: 1, bias: false }))
              .add(new BatchNorm2d({ numFeatures: 32 }))
              .add(new ReLU())
              // level 2: the skip (32 channels at H//2) beside the bottom (32 channels at 2*(H//4))
              .cat(
                [
                  (skip) => skip,
                  (y) =>
                    y
                      .add(new MaxPool2d({ kernelSize: 2 }))
                      .add(new Conv2d({ inChannels: 32, outChannels: 64, kernelSize: 3, padding: 1, bias: false }))
                      .add(new BatchNorm2d({ numFeatures: 64 }))
                      .add(new ReLU())
                      .add(new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1, bias: false }))
                      .add(new BatchNorm2d({ numFeatures: 64 }))
                      .add(new ReLU())
                      .add(new ConvTranspose2d({ inChannels: 64, outChannels: 32, kernelSize: 2, stride: 2 })),
                ],
                1,
              )
              .add(new Conv2d({ inChannels: 64, outChannels: 32, kernelSize: 3, padding: 1, bias: false }))
              .add(new BatchNorm2d({ numFeatures: 32 }))
              .add(new ReLU())
              .add(new Conv2d({ inChannels: 32, outChannels: 32, kernelSize: 3, padding: 1, bias: false }))
              .add(new BatchNorm2d({ numFeatures: 32 }))
              .add(new ReLU())
              .add(new ConvTranspose2d({ inChannels: 32, outChannels: 16, kernelSize: 2, stride: 2 })),
        ],
        1,
      )
      // the decoder's last level: 32 → 16 channels, then a 1×1 convolution scores each class
      .add(new Conv2d({ inChannels: 32, outChannels: 16, kernelSize: 3, padding: 1, bias: false }))
      .add(new BatchNorm2d({ numFeatures: 16 }))
      .add(new ReLU())
      .add(new Conv2d({ inChannels: 16, outChannels: 16, kernelSize: 3, padding: 1, bias: false }))
      .add(new BatchNorm2d({ numFeatures: 16 }))
      .add(new ReLU())
      .add(new Conv2d({ inChannels: 16, outChannels: 2, kernelSize: 1 }))
  );
}

// What the compiler computed, checked by the compiler: the scores are at the input's size, and the
// skips' requirements are the model's (H divisible by 4, and W)
type Trace = ShapeTrace<ReturnType<typeof unet>>;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const scoresAtTheInputSize: Equal<Trace[14], ['batch', 2, 'H', 'W']> = true;
const divisibleByFour: Equal<
  Requirements<ReturnType<typeof unet>>,
  ['H >= 4', 'W >= 4', 'H == 2*(H//2)', 'H//2 == 2*(H//4)', 'W == 2*(W//2)', 'W//2 == 2*(W//4)']
> = true;
void scoresAtTheInputSize;
void divisibleByFour;

/** Prints the model's summary and requirements, runs a 64×64 image, and shows the 66×66 one refused. */
export function main(): void {
  const model = unet().eval();
  console.log(summary(model));
  const x = randn([1, 3, 64, 64], { seed: 1 });
  const y = noGrad(() => model.forward(x)); // Tensor<[1, 2, 64, 64]>
  console.log(`forward: [${x.shape.join(', ')}] -> [${y.shape.join(', ')}]`);
  try {
    // @ts-expect-error the editor says it too: Sequential: the input [1, 3, 66, 66] breaks the requirement H//2 == 2*(H//4) (H = 66)
    model.forward(randn([1, 3, 66, 66], { seed: 2 }));
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    console.log(error.message);
  }
}
