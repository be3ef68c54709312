// LeNet-5 with the first fully connected layer sized for a 3x3 feature map (576 = 64·3·3) while
// the feature map is 16·5·5 = 400: one error, on that layer's line.
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from 'shapecheck';

export function build() {
  return new Sequential(['batch', 1, 32, 32])
    .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }))
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 }))
    .add(new Conv2d({ inChannels: 6, outChannels: 16, kernelSize: 5 }))
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 }))
    .add(new Flatten())
    .add(new Linear({ inFeatures: 576, outFeatures: 120 })) // <- wrong
    .add(new ReLU())
    .add(new Linear({ inFeatures: 120, outFeatures: 84 }))
    .add(new ReLU())
    .add(new Linear({ inFeatures: 84, outFeatures: 10 }));
}
