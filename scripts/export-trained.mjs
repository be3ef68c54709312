// The shapecheck side of scripts/check_torch_import.py (run by it; needs `npm run build`): trains
// the small CNN of scripts/gen_train_fixtures.py for 3 SGD steps on seeded data, then writes to
// the directory given as the first argument:
//   state.safetensors  model.stateDict() (num_batches_tracked as I64, as PyTorch holds it)
//   input.safetensors  the input x [4, 3, 8, 8] and the model's logits on it in eval mode
import { join } from 'node:path';
import {
  BatchNorm2d, Conv2d, Flatten, Linear, MaxPool2d, ReLU, SGD, Sequential, Tensor, crossEntropy, manualSeed, noGrad, randn, saveSafetensorsFile,
} from '../dist/index.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/export-trained.mjs DIR');
manualSeed(0);
const model = new Sequential([4, 3, 8, 8])
  .add(new Conv2d({ inChannels: 3, outChannels: 4, kernelSize: 3, padding: 1, bias: false }))
  .add(new BatchNorm2d({ numFeatures: 4 }))
  .add(new ReLU())
  .add(new MaxPool2d({ kernelSize: 2 }))
  .residual(
    (x) => x
      .add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 3, stride: 2, padding: 1, bias: false }))
      .add(new BatchNorm2d({ numFeatures: 8 }))
      .add(new ReLU())
      .add(new Conv2d({ inChannels: 8, outChannels: 8, kernelSize: 3, padding: 1, bias: false }))
      .add(new BatchNorm2d({ numFeatures: 8 })),
    (x) => x.add(new Conv2d({ inChannels: 4, outChannels: 8, kernelSize: 1, stride: 2, bias: false })).add(new BatchNorm2d({ numFeatures: 8 })),
  )
  .add(new ReLU())
  .residual((x) => x.add(new Conv2d({ inChannels: 8, outChannels: 8, kernelSize: 3, padding: 1, bias: false })).add(new BatchNorm2d({ numFeatures: 8 })))
  .add(new ReLU())
  .add(new Flatten())
  .add(new Linear({ inFeatures: 32, outFeatures: 5 }));
const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
for (let step = 0; step < 3; step++) {
  const x = randn([4, 3, 8, 8], { seed: 10 + step });
  const y = new Tensor(Float32Array.from([0, 1, 2, 3].map((i) => (i + step) % 5)), [4]);
  optimizer.zeroGrad();
  crossEntropy(model.forward(x), y).backward();
  optimizer.step();
}
const state = model.stateDict();
const dtypes = Object.fromEntries([...state.keys()].filter((k) => k.endsWith('num_batches_tracked')).map((k) => [k, 'I64']));
saveSafetensorsFile(join(dir, 'state.safetensors'), state, { dtypes, metadata: { format: 'pt', source: 'shapecheck' } });
const x = randn([4, 3, 8, 8], { seed: 99 });
const logits = noGrad(() => model.eval().forward(x));
saveSafetensorsFile(join(dir, 'input.safetensors'), { x, logits });
console.log(`wrote ${state.size} tensors after 3 steps to ${dir}`);
