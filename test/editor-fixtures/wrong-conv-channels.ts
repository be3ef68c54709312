// A small CNN whose second convolution expects 3 input channels while the first produces 8:
// one error, on the second convolution's line.
import { BatchNorm2d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from 'shapecheck';

export function build() {
  return new Sequential(['batch', 3, 32, 32])
    .add(new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, padding: 1 }))
    .add(new BatchNorm2d({ numFeatures: 8 }))
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 }))
    .add(new Conv2d({ inChannels: 3, outChannels: 16, kernelSize: 3, padding: 1 })) // <- wrong
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 }))
    .add(new Flatten())
    .add(new Linear({ inFeatures: 1024, outFeatures: 10 }));
}
