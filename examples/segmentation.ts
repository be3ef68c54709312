// A small fully convolutional segmentation network for images of any size: every shape is an
// exact expression of the input's height H and width W ('(H+1)//2' after a stride-2 convolution).
// Its first block is ENet's initial block: a 3×3 stride-2 convolution and a 2×2 max pool side by
// side, concatenated. The two halve odd sizes differently ((H+1)//2 against H//2), so the model
// runs on even sizes only: not an error in the editor (infinitely many sizes work) but a
// requirement, `(H+1)//2 == H//2`, which `Requirements<typeof model>` and `summary` list and
// `forward` checks with the input's sizes (H = 37 breaks it, 36 does not): in the editor when the
// sizes are literal, and when it runs. (Upsampling back to the input's size, as a U-Net does,
// needs ConvTranspose2d or Upsample: issue 12.)
//
//   npm run example -- segmentation
import { BatchNorm2d, Conv2d, MaxPool2d, ReLU, Sequential, ShapeError, manualSeed, noGrad, randn, summary, type ShapeTrace } from 'shapecheck';

/** The network on `[batch, 3, H, W]` images, 21 classes (PASCAL VOC's) at an eighth of the size. */
export function segmentation() {
  manualSeed(0);
  return (
    new Sequential(['batch', 3, 'H', 'W'])
      // ENet's initial block: 13 channels from a strided convolution, 3 from pooling the image
      .cat(
        [
          (x) => x.add(new Conv2d({ inChannels: 3, outChannels: 13, kernelSize: 3, stride: 2, padding: 1 })),
          (x) => x.add(new MaxPool2d({ kernelSize: 2 })),
        ],
        1,
        { name: 'initial' },
      )
      .add(new BatchNorm2d({ numFeatures: 16 }))
      .add(new ReLU())
      // two more halvings: [batch, 64, (H+7)//8, (W+7)//8]
      .add(new Conv2d({ inChannels: 16, outChannels: 32, kernelSize: 3, stride: 2, padding: 1, bias: false }))
      .add(new BatchNorm2d({ numFeatures: 32 }))
      .add(new ReLU())
      .add(new Conv2d({ inChannels: 32, outChannels: 64, kernelSize: 3, stride: 2, padding: 1, bias: false }))
      .add(new BatchNorm2d({ numFeatures: 64 }))
      .add(new ReLU())
      // a dilated context layer keeps the size; a 1×1 convolution scores each class
      .add(new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, padding: 2, dilation: 2 }))
      .add(new ReLU())
      .add(new Conv2d({ inChannels: 64, outChannels: 21, kernelSize: 1 }))
  );
}

// What the compiler computed, checked by the compiler: the scores are [batch, 21, (H+7)//8, (W+7)//8]
type Trace = ShapeTrace<ReturnType<typeof segmentation>>;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const scoresAreAnEighth: Equal<Trace[12], ['batch', 21, '(H+7)//8', '(W+7)//8']> = true;
void scoresAreAnEighth;

/** Prints the model's summary and requirements, runs a 64×96 image, and shows the 37-row one refused. */
export function main(): void {
  const model = segmentation().eval();
  console.log(summary(model));
  const x = randn([1, 3, 64, 96], { seed: 1 });
  const y = noGrad(() => model.forward(x)); // Tensor<[1, 21, 8, 12]>: H = 64, W = 96 bound and evaluated
  console.log(`forward: [${x.shape.join(', ')}] -> [${y.shape.join(', ')}]`);
  try {
    // @ts-expect-error the editor says it too: Sequential: the input [1, 3, 37, 64] breaks the requirement (H+1)//2 == H//2 (H = 37)
    model.forward(randn([1, 3, 37, 64], { seed: 2 }));
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    console.log(error.message); // Sequential: the input [1, 3, 37, 64] breaks the requirement (H+1)//2 == H//2 (H = 37)
  }
}
