// A batch size known only at runtime (`number`): it flows through every layer unchanged.
import { Conv2d, Flatten, Linear, ReLU, Sequential, zeros } from 'shapecheck';

// the batch size comes from the environment: only `number` is known while type-checking
const batchSize = Number(process.env['BATCH_SIZE'] ?? '3');

export const model = new Sequential([batchSize, 1, 28, 28])
  .add(new Conv2d({ inChannels: 1, outChannels: 4, kernelSize: 3, padding: 1 }))
  .add(new ReLU())
  .add(new Flatten())
  .add(new Linear({ inFeatures: 3136, outFeatures: 10 }));

const x = zeros([batchSize, 1, 28, 28]);
export const logits = model.forward(x);
