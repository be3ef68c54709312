// `npm start`: what shapecheck knows before the program runs, beside what the program does.
// For each snippet: the type the editor shows (TypeScript 6.0's checker, as in an editor), then
// the runtime twin's result or the error it throws — the same words.
import { conv2dOutputShape } from 'shapecheck';
import { compileSnippet } from '../scripts/virtual-program.mjs';

const calls = [
  ['seed: padding=0, stride=1, kernel_size=3 on (1,1,4,4)', [1, 1, 4, 4], { inChannels: 1, outChannels: 1, kernelSize: 3 }],
  ['seed: padding=2, kernel_size=4 on (1,1,5,5)', [1, 1, 5, 5], { inChannels: 1, outChannels: 1, kernelSize: 4, padding: 2 }],
  ["seed: 1×1 kernel, padding=1, 'reflect' on (1,1,4,4)", [1, 1, 4, 4], { inChannels: 1, outChannels: 1, kernelSize: 1, padding: 1, paddingMode: 'reflect' }],
  ["seed: 1×1 kernel, padding=2, 'circular' on (1,1,4,4)", [1, 1, 4, 4], { inChannels: 1, outChannels: 1, kernelSize: 1, padding: 2, paddingMode: 'circular' }],
  ['seed: kernel 3, dilation 2 on (1,1,5,5)', [1, 1, 5, 5], { inChannels: 1, outChannels: 1, kernelSize: 3, dilation: 2, bias: false }],
  ['ResNet stem on a 224² image', [1, 3, 224, 224], { inChannels: 3, outChannels: 64, kernelSize: 7, stride: 2, padding: 3, bias: false }],
  ["'same' with an even kernel", [3, 17, 17], { inChannels: 3, outChannels: 8, kernelSize: 4, padding: 'same' }],
  ['near 2^53', [1, 1, 9007199254740991, 8], { inChannels: 1, outChannels: 1, kernelSize: 3, stride: [2, 1] }],
  ['mistake: 4 channels into a 3-channel layer', [1, 4, 5, 5], { inChannels: 3, outChannels: 2, kernelSize: 3 }],
  ['mistake: kernel larger than the image', [1, 3, 2, 2], { inChannels: 3, outChannels: 2, kernelSize: 7 }],
  ["mistake: 'same' with a stride", [1, 3, 8, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, padding: 'same', stride: 2 }],
  ["mistake: 'reflect' padding as large as the image", [1, 3, 3, 8], { inChannels: 3, outChannels: 2, kernelSize: 3, padding: 3, paddingMode: 'reflect' }],
];

const types = [
  ['Conv2dOutputShape<["batch", 3, "h", "w"], { inChannels: 3; outChannels: 16; kernelSize: 3; padding: "same" }>', 'a named batch and named sizes survive a size-preserving layer'],
  ['Conv2dOutputShape<["batch", 3, "h", "w"], { inChannels: 3; outChannels: 16; kernelSize: 3; stride: 2; padding: 1 }>', 'a strided layer: the exact expression of the name'],
  ['ConvOutputSize<224 | 256, 3, 2, 1>', 'unions distribute'],
  ['Multiply<94906265, 94906265>', 'exact arithmetic up to 2^53'],
  ['FloorDivide<-7, 2>', 'floor division, rounding toward −∞'],
  ['Add<1.5, 2>', 'a value that cannot be computed says why'],
];

const source = [
  `import { conv2dOutputShape } from 'shapecheck';`,
  `import type { Add, Conv2dOutputShape, ConvOutputSize, FloorDivide, Multiply } from 'shapecheck';`,
  ...calls.map(([, input, options], i) => `const y${i} = conv2dOutputShape(${JSON.stringify(input)}, ${JSON.stringify(options)});`),
  ...types.map(([expression], i) => `type T${i} = ${expression};`),
].join('\n');
const { diagnostics, typeAt } = compileSnippet(source);

console.log('shapecheck — tensor shapes checked while you type\n');
console.log('1. conv2dOutputShape(inputShape, options): the editor, then the runtime\n');
calls.forEach(([title, input, options], i) => {
  console.log(`  ${title}`);
  console.log(`    conv2dOutputShape(${JSON.stringify(input)}, ${JSON.stringify(options)})`);
  const diagnostic = diagnostics.find((d) => d.line === i + 2);
  if (diagnostic) console.log(`    editor:  error at the options argument: ${diagnostic.message.split('\n')[0]}`);
  else console.log(`    editor:  const y${i}: ${typeAt(`y${i}`)}`);
  try {
    console.log(`    runtime: ${JSON.stringify(conv2dOutputShape(input, options))}`);
  } catch (error) {
    console.log(`    runtime: throws ${error.name}: ${error.message}`);
  }
  console.log();
});
console.log('2. Types alone (hover in the editor)\n');
types.forEach(([expression, note], i) => {
  console.log(`  ${note}`);
  console.log(`    ${expression}`);
  console.log(`    //=> ${typeAt(`T${i}`)}\n`);
});

// ---------------------------------------------------------------------------------------------
console.log("3. The seed document's examples, run: nn.Conv2d with weights set to one\n");
const { Conv2d, arange, conv2d, ones, randn } = await import('shapecheck');
const x16 = arange(16).reshape([1, 1, 4, 4]);
console.log('  x = arange(16).reshape([1, 1, 4, 4])');
console.log(`  ${String(x16).replaceAll('\n', '\n  ')}\n`);
for (const [mode, padding] of [['zeros', 1], ['reflect', 1], ['replicate', 2], ['circular', 2]]) {
  const conv = new Conv2d({ inChannels: 1, outChannels: 1, kernelSize: 1, padding, paddingMode: mode, bias: false });
  conv.weight.data.fill(1);
  console.log(`  Conv2d(1, 1, kernelSize 1, padding ${padding}, paddingMode '${mode}')(x)`);
  console.log(`  ${String(conv.forward(x16)).replaceAll('\n', '\n  ')}\n`);
}
const x25 = arange(25).reshape([1, 1, 5, 5]);
for (const dilation of [1, 2]) {
  console.log(`  conv2d(arange(25) as 5×5, ones 3×3, dilation ${dilation})`);
  console.log(`  ${String(conv2d(x25, ones([1, 1, 3, 3]), null, { dilation })).replaceAll('\n', '\n  ')}\n`);
}

console.log('4. Gradients, as autograd gives them\n');
const layer = new Conv2d({ inChannels: 3, outChannels: 8, kernelSize: 3, padding: 1, paddingMode: 'reflect' }, { seed: 0 });
const input = randn([2, 3, 16, 16], { seed: 1 });
const output = layer.forward(input);
const grads = layer.backward(input, ones(output.shape));
console.log(`  forward: [2, 3, 16, 16] -> [${output.shape.join(', ')}]`);
console.log(`  gradInput [${grads.gradInput.shape.join(', ')}], gradWeight [${grads.gradWeight.shape.join(', ')}], gradBias [${grads.gradBias.shape.join(', ')}]`);
console.log(`  gradBias = ${String(grads.gradBias)}  (each output channel has 2·16·16 = 512 positions)`);

// ---------------------------------------------------------------------------------------------
console.log('\n5. A model: each layer checked where it is added\n');
const { Flatten, Linear, MaxPool2d, ReLU, Sequential } = await import('shapecheck');
const modelSource = `import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential, type ShapeTrace } from 'shapecheck';
const lenet = new Sequential(['batch', 1, 32, 32])
  .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }))
  .add(new ReLU())
  .add(new MaxPool2d({ kernelSize: 2 }))
  .add(new Conv2d({ inChannels: 6, outChannels: 16, kernelSize: 5 }))
  .add(new ReLU())
  .add(new MaxPool2d({ kernelSize: 2 }))
  .add(new Flatten())
  .add(new Linear({ inFeatures: 576, outFeatures: 120 }));
type Trace = ShapeTrace<typeof lenet>;
`;
console.log(modelSource.split('\n').slice(1, 11).map((line) => `  ${line}`).join('\n'));
const model = compileSnippet(modelSource);
for (const d of model.diagnostics) console.log(`  editor, line ${d.line + 1}: ${d.message.split('\n')[0]}`);
try {
  new Sequential(['batch', 1, 32, 32])
    .add(new Conv2d({ inChannels: 1, outChannels: 6, kernelSize: 5 }))
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 }))
    .add(new Conv2d({ inChannels: 6, outChannels: 16, kernelSize: 5 }))
    .add(new ReLU())
    .add(new MaxPool2d({ kernelSize: 2 }))
    .add(new Flatten())
    .add(new Linear({ inFeatures: 576, outFeatures: 120 }));
} catch (error) {
  console.log(`  runtime: throws ${error.name}: ${error.message}`);
}
const fixed = compileSnippet(modelSource.replace('inFeatures: 576', 'inFeatures: 400'));
console.log(`\n  with inFeatures: 400 the model type-checks; hover on ShapeTrace<typeof lenet>:\n  ${fixed.typeAt('Trace')}`);

// ---------------------------------------------------------------------------------------------
console.log('\n6. A residual block: the paths are checked inside the model\n');
const { BatchNorm2d } = await import('shapecheck');
const blockSource = `import { BatchNorm2d, Conv2d, ReLU, Sequential } from 'shapecheck';
const stage = new Sequential(['batch', 64, 56, 56])
  .residual((x) => x
    .add(new Conv2d({ inChannels: 64, outChannels: 128, kernelSize: 3, stride: 2, padding: 1, bias: false }))
    .add(new BatchNorm2d({ numFeatures: 128 })))
  .add(new ReLU());
`;
console.log(blockSource.split('\n').slice(1, 6).map((line) => `  ${line}`).join('\n'));
// the message comes first (the model's type after it is cut here)
for (const d of compileSnippet(blockSource).diagnostics) console.log(`  editor, line ${d.line + 1}: ${d.message.split('\n')[0].replace(/ is missing in type .*$/, ' is missing in type ...')}`);
try {
  new Sequential(['batch', 64, 56, 56]).residual((x) =>
    x.add(new Conv2d({ inChannels: 64, outChannels: 128, kernelSize: 3, stride: 2, padding: 1, bias: false })).add(new BatchNorm2d({ numFeatures: 128 })),
  );
} catch (error) {
  console.log(`  runtime: throws ${error.name}: ${error.message}`);
}
console.log('  (the fix: a shortcut path, .residual(main, (x) => x.add(new Conv2d({ ..., kernelSize: 1, stride: 2 })).add(new BatchNorm2d(...))))');

// ---------------------------------------------------------------------------------------------
console.log('\n7. Symbolic sizes: one model for every image size, its shapes exact expressions\n');
const { summary } = await import('shapecheck');
const fcnSource = `import { Conv2d, MaxPool2d, Sequential, type Requirements, type ShapeTrace } from 'shapecheck';
const initial = new Sequential(['batch', 3, 'H', 'W']).cat(
  [(x) => x.add(new Conv2d({ inChannels: 3, outChannels: 13, kernelSize: 3, stride: 2, padding: 1 })), (x) => x.add(new MaxPool2d({ kernelSize: 2 }))],
  1,
);
type T = ShapeTrace<typeof initial>;
type R = Requirements<typeof initial>;
initial.forward(randn([1, 3, 37, 64]));
`;
console.log(fcnSource.split('\n').slice(1, 5).map((line) => `  ${line}`).join('\n'));
const fcn = compileSnippet(fcnSource.replace("from 'shapecheck';", "from 'shapecheck';\nimport { randn } from 'shapecheck';"));
console.log(`  editor, ShapeTrace: ${fcn.typeAt('T')}`);
console.log(`  editor, Requirements: ${fcn.typeAt('R')}`);
for (const d of fcn.diagnostics) console.log(`  editor, at forward's argument: ${d.message.split('\n')[0].replace(/^Argument of type .* is not assignable to parameter of type /, '')}`);
const initial = new Sequential(['batch', 3, 'H', 'W']).cat(
  [(x) => x.add(new Conv2d({ inChannels: 3, outChannels: 13, kernelSize: 3, stride: 2, padding: 1 })), (x) => x.add(new MaxPool2d({ kernelSize: 2 }))],
  1,
);
console.log(summary(initial).split('\n').map((line) => `  ${line}`).join('\n'));
try {
  initial.forward(randn([1, 3, 37, 64]));
} catch (error) {
  console.log(`  runtime: throws ${error.name}: ${error.message}`);
}
