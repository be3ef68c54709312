// LeNet-5 with a named batch dim, as in docs/models.md: no errors, and hover shows every shape.
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, zeros } from 'shapecheck';

export const model = new Sequential(['batch', 1, 32, 32])
  .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }))
  .add(new ReLU())
  .add(new MaxPool2d({ kernelSize: 2 }))
  .add(new Conv2d({ inChannels: 6, outChannels: 16, kernelSize: 5 }))
  .add(new ReLU())
  .add(new MaxPool2d({ kernelSize: 2 }))
  .add(new Flatten())
  .add(new Linear({ inFeatures: 400, outFeatures: 120 }))
  .add(new ReLU())
  .add(new Linear({ inFeatures: 120, outFeatures: 84 }))
  .add(new ReLU())
  .add(new Linear({ inFeatures: 84, outFeatures: 10 }));

const x = zeros([4, 1, 32, 32]);
export const logits = model.forward(x);
