// The tape (src/autograd/engine.ts) and the first differentiable ops: each op's gradient against
// central finite differences (float64 re-evaluation of the same op on perturbed float32 inputs),
// on generated shapes and broadcasting pairs; then the tape's rules in PyTorch's words.
import { describe, expect, it } from 'vitest';
import {
  Flatten,
  Linear,
  Tensor,
  add,
  div,
  exp,
  flatten,
  gelu,
  leakyRelu,
  linear,
  log,
  mean,
  mul,
  noGrad,
  ones,
  randn,
  relu,
  relu6,
  sigmoid,
  sub,
  sum,
  tanh,
  tensor,
  zeros,
} from 'shapecheck';
import { checkGradients } from './gradcheck.js';
import { expectClose } from './helpers.js';

type AnyTensor = Tensor;
const call = <F>(f: F) => f as unknown as (...args: AnyTensor[]) => AnyTensor;

const shapes: [number[], number[]][] = [
  [[3], [3]],
  [[2, 3], [3]],
  [[2, 1], [1, 4]],
  [[4, 1, 3], [2, 1]],
  [[1], [2, 3]],
  [[2, 3, 4], [2, 3, 4]],
  [[], [2, 2]],
];

describe('binary ops with broadcasting: gradients summed back to each operand', () => {
  const ops = { add, sub, mul, div } as const;
  for (const [name, op] of Object.entries(ops)) {
    it.each(shapes)(`${name} a=%j b=%j`, (a, b) => {
      const x = randn(a, { seed: a.length * 7 + b.length });
      let y = randn(b, { seed: 100 + b.length });
      if (name === 'div') y = new Tensor(y.data.map((v) => (Math.abs(v) < 0.5 ? 1.5 : v) + Math.sign(v)), b);
      checkGradients(`${name}`, call(op), [x, y]);
    });
  }

  it('the gradient handed to backward is never written into: passed through reshape, summed from both sides of add, twice with retainGraph', () => {
    const x = tensor([[1, 2], [3, 4]]).requiresGrad_();
    const a = x.reshape([4]);
    const b = add(a, a);
    const g = tensor([1, 10, 100, 1000]);
    b.backward(g, { retainGraph: true });
    b.backward(g);
    expect(g.toArray()).toEqual([1, 10, 100, 1000]);
    expect(x.grad!.toArray()).toEqual([[4, 40], [400, 4000]]);
  });

  it('the same tensor on both sides: mul(w, w) gives 2w', () => {
    const w = tensor([1, -2, 3]).requiresGrad_();
    sum(mul(w, w)).backward();
    expect(w.grad!.toArray()).toEqual([2, -4, 6]);
  });
});

describe('unary ops and reductions', () => {
  const unaries = { exp, relu, relu6, sigmoid, tanh, gelu, leakyRelu: (x: AnyTensor) => leakyRelu(x, 0.2) } as const;
  for (const [name, op] of Object.entries(unaries)) {
    it.each([[[5]], [[2, 3]], [[2, 2, 3]]])(`${name} x=%j`, (shape) => {
      // values away from the kinks (0, 6), where finite differences straddle them
      const x = new Tensor(randn(shape, { seed: 3 }).data.map((v) => 3 * v + (Math.abs(v) < 0.1 ? 0.3 : 0)), shape);
      checkGradients(name, call(op), [x]);
    });
  }
  it('relu on NaN, ±0, ±Infinity and a subarray view: PyTorch 1.13\'s values and gradient', () => {
    // torch.relu(tensor([nan, -1, 2, -0., inf, -inf, 0])) and its gradient for ones (a NaN passes it)
    const backing = new Float32Array([9, Number.NaN, -1, 2, -0, Infinity, -Infinity, 0, 9]);
    const x = new Tensor(backing.subarray(1, 8), [7]).requiresGrad_();
    const y = relu(x);
    expect(Array.from(y.data)).toEqual([Number.NaN, 0, 2, 0, Infinity, 0, 0]);
    y.backward(new Tensor(new Float32Array(7).fill(1), [7]));
    expect(Array.from(x.grad!.data)).toEqual([1, 0, 1, 0, 1, 0, 0]);
    // a NaN with its sign bit set (as x86 makes 0/0) is still a NaN
    const negativeNaN = new Float32Array(new Uint32Array([0xffc00000, 0xff800000, 0x80000001]).buffer);
    expect(Array.from(relu(new Tensor(negativeNaN, [3])).data)).toEqual([Number.NaN, 0, 0]);
  });
  it('relu saves its output, as PyTorch: changing the output in place is an error at backward, changing the input is not', () => {
    const x = tensor([-1, 2, 3]).requiresGrad_();
    const y = relu(mul(x, tensor([1, 1, 1])));
    const z = sum(mul(y, y));
    y.mul_(2);
    expect(() => z.backward()).toThrow('one of the variables needed for gradient computation has been modified by an inplace operation');
    const h = mul(x, tensor([1, 1, 1]));
    const r = relu(h);
    h.mul_(5);
    sum(r).backward();
    expect(x.grad!.toArray()).toEqual([0, 1, 1]);
  });
  it.each([[[4]], [[2, 3]]])('log x=%j (positive values)', (shape) => {
    const x = new Tensor(randn(shape, { seed: 5 }).data.map((v) => Math.abs(v) + 0.5), shape);
    checkGradients('log', call(log), [x]);
  });
  it.each([[[4]], [[2, 3]], [[]]])('sum and mean x=%j', (shape) => {
    checkGradients('sum', call(sum), [randn(shape, { seed: 9 })]);
    checkGradients('mean', call(mean), [randn(shape, { seed: 9 })]);
  });
});

describe('linear, flatten and reshape', () => {
  it.each([
    [[4, 3], 2, true],
    [[2, 5, 3], 4, true],
    [[3], 2, false],
  ] as const)('linear x=%j outFeatures=%i bias=%s: ∂input, ∂weight, ∂bias', (shape, out, withBias) => {
    const inFeatures = shape[shape.length - 1]!;
    const x = randn(shape as unknown as number[], { seed: 11 });
    const w = randn([out, inFeatures], { seed: 12 });
    const b = randn([out], { seed: 13 });
    checkGradients('linear', withBias ? (x1, w1, b1) => call(linear)(x1!, w1!, b1!) : (x1, w1) => call(linear)(x1!, w1!), withBias ? [x, w, b] : [x, w]);
  });

  it('a Linear layer: its weight and bias get gradients from a loss', () => {
    const fc = new Linear({ inFeatures: 3, outFeatures: 2 }, { seed: 1 });
    fc.weight.requiresGrad_();
    fc.bias!.requiresGrad_();
    const x = randn([4, 3], { seed: 2 });
    sum(fc.forward(x)).backward();
    // ∂Σy/∂W[j] = Σ_rows x, ∂Σy/∂b = rows
    const columnSums = [0, 1, 2].map((k) => [0, 1, 2, 3].reduce((acc, r) => acc + x.data[r * 3 + k]!, 0));
    expectClose(fc.weight.grad!.data, new Float32Array([...columnSums, ...columnSums]), 1e-5, 1e-5, 'weight');
    expect(fc.bias!.grad!.toArray()).toEqual([4, 4]);
  });

  it('flatten and reshape pass the gradient back in the input\'s shape', () => {
    const x = randn([2, 3, 2], { seed: 4 });
    checkGradients('flatten', (t) => mul(flatten(t as Tensor<[2, 3, 2]>), tensor([1, 2, 3, 4, 5, 6]) as never) as AnyTensor, [x]);
    checkGradients('Flatten(0)', (t) => new Flatten(0, -1).forward(t as Tensor<[2, 3, 2]>) as AnyTensor, [x]);
    checkGradients('reshape', (t) => (t as Tensor<[2, 3, 2]>).reshape([4, 3]), [x]);
  });
});

describe('the tape, in PyTorch\'s words', () => {
  it('gradients accumulate over two backward passes (retainGraph on the first)', () => {
    const w = tensor([1, 2]).requiresGrad_();
    const loss = sum(mul(w, w));
    loss.backward(null, { retainGraph: true });
    loss.backward();
    expect(w.grad!.toArray()).toEqual([4, 8]);
  });

  it('a second backward without retainGraph: the graph was freed', () => {
    const w = tensor([1, 2]).requiresGrad_();
    const loss = sum(mul(w, w));
    loss.backward();
    expect(() => loss.backward()).toThrow(/^Trying to backward through the graph a second time/);
    expect(w.grad!.toArray()).toEqual([2, 4]);
  });

  it('backward on a tensor that does not require grad', () => {
    expect(() => sum(ones([2])).backward()).toThrow('backward: element 0 of tensors does not require grad and does not have a grad_fn');
  });

  it('backward without a gradient on more than one element; a gradient of another shape', () => {
    const w = ones([2], { requiresGrad: true });
    const y = mul(w, w);
    // @ts-expect-error the compiler says it too: Property '"backward: grad can be implicitly created only for scalar outputs"' is missing
    expect(() => y.backward()).toThrow('backward: grad can be implicitly created only for scalar outputs');
    expect(() => y.backward(ones([3]) as never)).toThrow('backward: Mismatch in shape: grad_output[0] has a shape of [3] and output[0] has a shape of [2].');
    y.backward(tensor([1, 10]));
    expect(w.grad!.toArray()).toEqual([2, 20]);
  });

  it('noGrad: nothing recorded; detach: no grad, data shared', () => {
    const w = ones([2], { requiresGrad: true });
    expect(noGrad(() => mul(w, w)).requiresGrad).toBe(false);
    const d = w.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.data).toBe(w.data);
    expect(mul(w, w).requiresGrad).toBe(true);
    expect(mul(w, w).gradFn?.name).toBe('MulBackward');
    expect(w.isLeaf).toBe(true);
  });

  it('requiresGrad_ on a computed tensor, in-place on a leaf that requires grad', () => {
    const w = ones([2], { requiresGrad: true });
    expect(() => mul(w, w).requiresGrad_(false)).toThrow(/you can only change requires_grad flags of leaf variables/);
    expect(() => w.add_(ones([2]))).toThrow('add_: a leaf Variable that requires grad is being used in an in-place operation.');
    noGrad(() => w.add_(ones([2]), -0.5));
    expect(w.toArray()).toEqual([0.5, 0.5]);
    expect(w.version).toBe(1);
  });

  it('a saved tensor changed in place before backward: the version check, and nothing written', () => {
    const w = ones([2], { requiresGrad: true });
    const x = tensor([1, 2]);
    const loss = sum(mul(w, x));
    x.mul_(2);
    expect(() => loss.backward()).toThrow(/^one of the variables needed for gradient computation has been modified by an inplace operation: \[torch.FloatTensor \[2\]\], which is saved by MulBackward; is at version 1; expected version 0 instead\./);
    expect(w.grad).toBeNull();
  });

  it('factories take requiresGrad; setGrad checks the shape', () => {
    expect(zeros([2], { requiresGrad: true }).requiresGrad).toBe(true);
    expect(randn([2], { seed: 1, requiresGrad: true }).requiresGrad).toBe(true);
    expect(() => zeros([2], { requiresGrad: 'yes' as never })).toThrow('zeros: requiresGrad must be a boolean, got yes');
    const w = zeros([2]);
    expect(() => w.setGrad(zeros([3]))).toThrow('grad: assigned grad has data of a different size: [3] for a tensor of shape [2]');
    expect(tensor([[2.5]]).item()).toBe(2.5);
    expect(() => zeros([2]).item()).toThrow('item: a Tensor with 2 elements cannot be converted to Scalar');
  });

  it('broadcasting errors name the op', () => {
    expect(() => mul(zeros([4]), zeros([3]) as never)).toThrow('mul: The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 0');
    expect(() => div(zeros([4]), zeros([3]) as never)).toThrow(/^div: /);
  });
});

describe('backward() without a gradient, at compile time', () => {
  it('a tensor of more than one element: the compiler reports PyTorch\'s words; one element, or an unknown count: no diagnostic', { timeout: 60_000 }, async () => {
    const { compileSnippet } = await import('../scripts/virtual-program.mjs');
    const { diagnostics } = compileSnippet(`import { mul, ones, sum, type Tensor } from 'shapecheck';
const w = ones([2, 3], { requiresGrad: true });
mul(w, w).backward();
sum(mul(w, w)).backward();
mul(w, w).backward(ones([2, 3]));
ones([1, 1], { requiresGrad: true }).backward();
declare const named: Tensor<['batch']>;
named.backward();
`);
    expect(diagnostics.map((d) => d.line)).toEqual([2]);
    expect(diagnostics[0]!.message).toContain(`Property '"backward: grad can be implicitly created only for scalar outputs"' is missing`);
  });
});
