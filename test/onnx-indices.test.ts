// exportOnnx of the layers with indices (issue 12, onnx-indices): MaxPool2d({ returnIndices })
// and the functional max pool with indices (ONNX MaxPool's second output, made plane-local),
// MaxUnpool2d (ONNX MaxUnpool, output_shape for an outputSize), AdaptiveMaxPool2d (MaxPool with
// kernel = stride, GlobalMaxPool, or a refusal as torch.onnx 1.13's) and Embedding (Gather at the
// indices cast to int64). Each model runs in onnxruntime-node against shapecheck's eval forward;
// indices a block returns come out as the runtime's (float) values.
import { describe, expect, it } from 'vitest';
import {
  AdaptiveMaxPool2d,
  Embedding,
  Flatten,
  Linear,
  MaxPool2d,
  MaxUnpool2d,
  Module,
  ReLU,
  Tensor,
  adaptiveMaxPool2d,
  add,
  argmax,
  embedding,
  exportOnnx,
  maxPool2d,
  maxUnpool2d,
  randn,
  zeros,
  type Layer,
  type MaxPool2dOptions,
} from 'shapecheck';
import { check, decode, maxDifferences, model } from './onnx-helpers.js';

// the ops' types check their arguments' shapes; these cases are generated, their shapes known at runtime only
const call = <F>(f: F): ((...args: unknown[]) => unknown) => f as unknown as (...args: unknown[]) => unknown;

/** A block class around a function of its input; its output shape is the function's on a zero input. */
class Fn extends Module {
  readonly kind = 'Fn';
  readonly table = randn([10, 3], { seed: 21, requiresGrad: true });
  constructor(
    readonly f: (x: Tensor, self: Fn) => Tensor,
    readonly shape?: (shape: readonly number[]) => number[],
  ) {
    super();
  }
  outputShape(shape: readonly number[]): number[] {
    if (this.shape) return this.shape(shape);
    // a named batch is probed with a large size: run one sample (the functions are per sample)
    if (shape.length === 4 && (shape[0] as number) > 16) return [shape[0] as number, ...this.f(zeros([1, ...shape.slice(1)]), this).shape.slice(1)];
    return [...this.f(zeros(shape as number[]), this).shape];
  }
  forward(x: Tensor): Tensor {
    return this.f(x, this);
  }
}
const block = (f: (x: Tensor, self: Fn) => Tensor, shape?: (shape: readonly number[]) => number[]): Layer => new Fn(f, shape) as unknown as Layer;

// ---------------------------------------------------------------------------------------------
// MaxPool2d with indices, and MaxUnpool2d, across the pooling options

interface PoolCase {
  readonly kernelSize: number | [number, number];
  readonly stride?: number | [number, number];
  readonly padding: number;
  readonly dilation: number;
  readonly ceilMode: boolean;
}
const poolCases: PoolCase[] = [];
for (const kernelSize of [2, 3, [2, 3]] as const)
  for (const stride of [undefined, [2, 1]] as const)
    for (const padding of [0, 1])
      for (const dilation of [1, 2])
        for (const ceilMode of [false, true]) {
          if (2 * padding > (typeof kernelSize === 'number' ? kernelSize : Math.min(...kernelSize))) continue; // PyTorch's rule
          const base = { kernelSize: kernelSize as PoolCase['kernelSize'], padding, dilation, ceilMode };
          poolCases.push(stride === undefined ? base : { ...base, stride: stride as NonNullable<PoolCase['stride']> });
        }
const label = (c: PoolCase): string => `k=${JSON.stringify(c.kernelSize)} s=${JSON.stringify(c.stride ?? 'k')} p=${c.padding} d=${c.dilation} ceil=${c.ceilMode}`;
const shapes = [
  [2, 3, 7, 8],
  [3, 7, 8],
] as const;
/** Each pooling case on the batched shape, and the ceil-mode ones on the unbatched one too (kept lean: each case is a session). */
const shapesFor = (c: PoolCase): readonly (readonly number[])[] => (c.ceilMode ? shapes : shapes.slice(0, 1));

/**
 * Whether PyTorch unpools case `c` back to the input's size (an output size strictly within a
 * stride of the default one), and whether that size is below the default in a dim (onnxruntime's
 * MaxUnpool refuses such an output_shape: the export unpools larger and slices).
 */
function unpoolFit(c: PoolCase, shape: readonly number[]): 'no' | 'yes' | 'smaller' {
  try {
    const [y, i] = call(maxPool2d)(zeros([...shape]), { ...c, returnIndices: true }) as [Tensor, Tensor];
    const unpool = { kernelSize: c.kernelSize, stride: c.stride ?? c.kernelSize, padding: c.padding };
    const natural = (call(maxUnpool2d)(y, zeros([...y.shape]), unpool) as Tensor).shape.slice(-2);
    call(maxUnpool2d)(y, i, unpool, shape.slice(-2));
    return natural.some((d, k) => d > shape[shape.length - 2 + k]!) ? 'smaller' : 'yes';
  } catch {
    return 'no';
  }
}

describe('exportOnnx: MaxPool2d returnIndices and MaxUnpool2d, across the pooling options', () => {
  const cases = poolCases.flatMap((c) =>
    shapesFor(c).map((shape) => {
      const fit = unpoolFit(c, shape);
      const then = fit === 'no' ? '' : fit === 'yes' ? ', unpooled to the input size' : ', unpooled to the input size (below the default: sliced)';
      return [`${label(c)} on [${shape.join(', ')}]${then}`, c, shape, fit !== 'no'] as const;
    }),
  );

  it('unpool most cases, some to a size below the default', () => {
    const names = cases.map(([name]) => name);
    expect(names.filter((name) => name.includes('unpooled')).length).toBeGreaterThan(cases.length / 2);
    expect(names.filter((name) => name.includes('sliced')).length).toBeGreaterThan(3);
  });

  it.each(cases)('the pooled values plus their indices: %s', async (name, c, shape, unpools) => {
    const pool = new MaxPool2d({ ...c, returnIndices: true } as MaxPool2dOptions & { returnIndices: true });
    const unpool = new MaxUnpool2d({ kernelSize: c.kernelSize, stride: c.stride ?? c.kernelSize, padding: c.padding });
    const m = model(
      shape,
      block((x) => {
        const [y, indices] = call(pool.forward.bind(pool))(x) as [Tensor, Tensor];
        // an index off by k is k off in the sum (the values are in [-1, 1)), and puts it elsewhere when unpooled
        const sum = call(add)(y, indices) as Tensor;
        return unpools ? (call(unpool.forward.bind(unpool))(sum, indices, shape.slice(-2)) as Tensor) : sum;
      }),
    );
    await check(name, m, [shape]);
  });

  it.each(cases.filter((_, i) => i % 6 === 0))('the indices a block returns, from the functional maxPool2d: %s', async (name, c, shape) => {
    const m = model(shape, block((x) => (call(maxPool2d)(x, { ...c, returnIndices: true }) as [Tensor, Tensor])[1]));
    expect(await check(name, m, [shape])).toBe(0); // integral values: exact
  });

  it('a pool whose indices are not used is one MaxPool with one output, as before', () => {
    const pool = new MaxPool2d({ kernelSize: 2, returnIndices: true });
    const bytes = exportOnnx(model([2, 3, 8, 8], block((x) => (call(pool.forward.bind(pool))(x) as [Tensor, Tensor])[0])) as never);
    const nodes = decode(bytes).graph!.node;
    expect(nodes.map((n) => n.opType)).toEqual(['MaxPool']);
    expect(nodes[0]!.output).toHaveLength(1);
  });

  it('with indices: MaxPool with two outputs, the plane offsets subtracted, a Cast to float at the output', () => {
    const pool = new MaxPool2d({ kernelSize: 2, returnIndices: true });
    const bytes = exportOnnx(model([2, 3, 8, 8], block((x) => (call(pool.forward.bind(pool))(x) as [Tensor, Tensor])[1])) as never);
    const nodes = decode(bytes).graph!.node;
    expect(nodes[0]!.output).toHaveLength(2);
    expect(nodes.map((n) => n.opType)).toEqual(['MaxPool', 'Shape', 'Slice', 'ReduceProd', 'Slice', 'ReduceProd', 'Range', 'Mul', 'Concat', 'Reshape', 'Sub', 'Cast']);
  });
});

describe('exportOnnx: MaxUnpool2d to its default size, and indices from elsewhere', () => {
  /** Pooling then unpooling to the default size, per dim: ((in + 2p − k) // s)·s − 2p + k. */
  const unpooledShape = (options: MaxPool2dOptions) => (shape: readonly number[]): number[] => {
    const pair = (v: number | readonly number[] | undefined, fallback: readonly number[]): number[] => (v === undefined ? [...fallback] : typeof v === 'number' ? [v, v] : [...v]);
    const k = pair(options.kernelSize as number | readonly number[], []);
    const s = pair(options.stride as number | readonly number[] | undefined, k);
    const p = pair(options.padding as number | readonly number[] | undefined, [0, 0]);
    const rank = shape.length;
    return shape.map((d, i) => (i < rank - 2 ? d : Math.floor((d + 2 * p[i - rank + 2]! - k[i - rank + 2]!) / s[i - rank + 2]!) * s[i - rank + 2]! - 2 * p[i - rank + 2]! + k[i - rank + 2]!));
  };
  const defaults: [string, readonly (number | string)[], MaxPool2dOptions, readonly (readonly number[])[]][] = [
    ['k=2 on [batch, 3, 8, 8]', ['batch', 3, 8, 8], { kernelSize: 2 }, [[1, 3, 8, 8], [3, 3, 8, 8]]],
    ['k=3 s=2 p=1 on [2, 3, 7, 9]', [2, 3, 7, 9], { kernelSize: 3, stride: 2, padding: 1 }, [[2, 3, 7, 9]]],
    ['k=2 on [3, 6, 4] (unbatched)', [3, 6, 4], { kernelSize: 2 }, [[3, 6, 4]]],
    ['k=2 on [batch, 3, H, W] (the plane size computed in the graph)', ['batch', 3, 'H', 'W'], { kernelSize: 2 }, [[1, 3, 8, 6], [2, 3, 4, 10]]],
    ['k=[2, 3] s=[2, 1] p=1 on [batch, 2, H, W]', ['batch', 2, 'H', 'W'], { kernelSize: [2, 3], stride: [2, 1], padding: 1 }, [[1, 2, 6, 6], [2, 2, 8, 5]]],
  ];
  it.each(defaults)('pool, relu, unpool to the default size: %s', async (name, declared, options, runs) => {
    const unpool = { kernelSize: options.kernelSize, stride: options.stride ?? options.kernelSize, padding: options.padding ?? 0 };
    const m = model(
      declared as never,
      block((x) => {
        const [y, indices] = call(maxPool2d)(x, { ...options, returnIndices: true }) as [Tensor, Tensor];
        return call(maxUnpool2d)(new ReLU().forward(y), indices, unpool) as Tensor;
      }, unpooledShape(options)),
    );
    await check(name, m, runs);
  });

  it.each([18, 20, 23])('at opset %i (ReduceProd takes its axes as an input from 18): unpooling below the default size, on named H and W, an embedding', async (opset) => {
    // 8 pools to 5 (ceil mode), whose default unpooling is 9: the given 8 is below it
    const sliced = model(
      [2, 3, 8, 9],
      block((x) => {
        const [y, indices] = call(maxPool2d)(x, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, returnIndices: true }) as [Tensor, Tensor];
        return call(maxUnpool2d)(call(add)(y, indices) as Tensor, indices, { kernelSize: 3, stride: 2, padding: 1 }, [8, 9]) as Tensor;
      }),
    );
    expect(decode(exportOnnx(sliced as never, { opset })).graph!.node.map((n) => n.opType).slice(-2)).toEqual(['MaxUnpool', 'Slice']);
    await check(`opset ${opset}: sliced`, sliced, [[2, 3, 8, 9]], { opset });
    const named = model(
      ['batch', 3, 'H', 'W'],
      block((x) => {
        const [y, indices] = call(maxPool2d)(x, { kernelSize: 2, returnIndices: true }) as [Tensor, Tensor];
        return call(maxUnpool2d)(y, indices, { kernelSize: 2 }) as Tensor;
      }, unpooledShape({ kernelSize: 2 })),
    );
    await check(`opset ${opset}: named`, named, [[1, 3, 6, 8], [2, 3, 4, 10]], { opset });
    const text = model(['batch', 5], new Embedding({ numEmbeddings: 10, embeddingDim: 4 }) as unknown as Layer, new Flatten());
    await check(`opset ${opset}: embedding`, text, [[2, 5]], { opset }, 1, 1, 10);
  });

  it('refuses an outputSize that depends on a named dim (two constants in two trace runs)', () => {
    const m = model(
      ['batch', 3, 'H', 'W'],
      block(
        (x) => {
          const [y, indices] = call(maxPool2d)(x, { kernelSize: 2, returnIndices: true }) as [Tensor, Tensor];
          return call(maxUnpool2d)(y, indices, { kernelSize: 2 }, x.shape.slice(-2)) as Tensor;
        },
        (shape) => [...shape],
      ),
    );
    expect(() => exportOnnx(m as never)).toThrow(
      'exportOnnx: layer 1 (Fn) cannot be exported: its forward ran differently on inputs of shapes [2, 3, 40, 48] and [3, 3, 56, 64] (op 2: maxUnpool2d, then maxUnpool2d): control flow that depends on sizes or values cannot be one ONNX graph',
    );
  });

  it('indices that went through a float op are cast back to int64', async () => {
    const m = model(
      [2, 3, 6, 6],
      block((x) => {
        const [y, indices] = call(maxPool2d)(x, { kernelSize: 2, returnIndices: true }) as [Tensor, Tensor];
        return call(maxUnpool2d)(y, call(add)(indices, zeros([1])) as Tensor, { kernelSize: 2 }) as Tensor;
      }),
    );
    const ops = decode(exportOnnx(m as never)).graph!.node.map((n) => n.opType);
    expect(ops.filter((op) => op === 'Cast')).toHaveLength(2); // to float for Add, back to int64 for MaxUnpool
    await check('unpool at indices + 0', m, [[2, 3, 6, 6]]);
  });
});

describe('exportOnnx: AdaptiveMaxPool2d, as torch.onnx 1.13 writes it', () => {
  const sizes: [string, readonly (number | string)[], ConstructorParameters<typeof AdaptiveMaxPool2d>[0], readonly (readonly number[])[], string][] = [
    ['[1, 1] on [batch, 3, 8, 9]', ['batch', 3, 8, 9], { outputSize: [1, 1] }, [[2, 3, 8, 9]], 'MaxPool'],
    ['[2, 3] on [batch, 3, 8, 9]', ['batch', 3, 8, 9], { outputSize: [2, 3] }, [[1, 3, 8, 9], [3, 3, 8, 9]], 'MaxPool'],
    ['[4, null] on [2, 3, 8, 9]', [2, 3, 8, 9], { outputSize: [4, null] }, [[2, 3, 8, 9]], 'MaxPool'],
    ['[8, 9] on [2, 3, 8, 9] (kernel 1)', [2, 3, 8, 9], { outputSize: [8, 9] }, [[2, 3, 8, 9]], 'MaxPool'],
    ['2 on [3, 6, 4] (unbatched)', [3, 6, 4], { outputSize: 2 }, [[3, 6, 4]], 'MaxPool'],
    ['[1, 1] on [batch, 3, H, W]: GlobalMaxPool', ['batch', 3, 'H', 'W'], { outputSize: [1, 1] }, [[2, 3, 5, 7], [1, 3, 9, 4]], 'GlobalMaxPool'],
    ['[null, 1] on [batch, 3, H, 6]: the kept dim 1', ['batch', 3, 'H', 6], { outputSize: [null, 1] }, [[2, 3, 5, 6]], 'MaxPool'],
  ];
  it.each(sizes)('the layer in a model: %s', async (name, declared, options, runs, op) => {
    const m = model(declared as never, new AdaptiveMaxPool2d(options as never) as unknown as Layer, new Flatten());
    expect(decode(exportOnnx(m as never)).graph!.node.some((n) => n.opType === op)).toBe(true);
    await check(name, m, runs);
  });

  it.each(sizes.filter(([, declared]) => declared.every((d) => d === 'batch' || typeof d === 'number')))('with indices returned: %s', async (name, declared, options, runs) => {
    const pool = new AdaptiveMaxPool2d({ ...options, returnIndices: true } as never);
    const m = model(declared as never, block((x) => (call(pool.forward.bind(pool))(x) as [Tensor, Tensor])[1]));
    expect(await check(name, m, runs)).toBe(0);
  });

  it('with indices, functional, then unpooled', async () => {
    const m = model(
      [2, 3, 8, 9],
      block((x) => {
        const [y, indices] = call(adaptiveMaxPool2d)(x, [4, 3], true) as [Tensor, Tensor];
        return call(maxUnpool2d)(y, indices, { kernelSize: [2, 3] }) as Tensor;
      }),
    );
    await check('adaptive [4, 3] then unpool', m, [[2, 3, 8, 9]]);
  });

  it('refuses an output size that does not divide the input (torch.onnx does too), naming the layer', () => {
    const m = model([2, 3, 8, 9], new ReLU(), new AdaptiveMaxPool2d({ outputSize: [3, 3] }) as unknown as Layer);
    expect(() => exportOnnx(m as never)).toThrow(
      "exportOnnx: layer 2 (AdaptiveMaxPool2d) cannot be exported: output size [3, 3] does not divide the input's [8, 9] evenly: PyTorch's windows then differ in size and overlap, which no ONNX MaxPool has (torch.onnx refuses it too; use a divisor of the input's size)",
    );
  });

  it('refuses an output size other than [1, 1] on a named height or width', () => {
    const m = model(['batch', 3, 'H', 'W'], new AdaptiveMaxPool2d({ outputSize: 2 }) as unknown as Layer);
    expect(() => exportOnnx(m as never)).toThrow(
      "exportOnnx: layer 1 (AdaptiveMaxPool2d) cannot be exported: an output size other than [1, 1] needs the input's height and width, which depend on a named dim (ONNX GlobalMaxPool has no indices)",
    );
  });

  it('refuses the indices of a [1, 1] pool on a named height or width (GlobalMaxPool has none)', () => {
    const pool = new AdaptiveMaxPool2d({ outputSize: 1, returnIndices: true });
    const m = model(['batch', 3, 'H', 'W'], block((x) => (call(pool.forward.bind(pool))(x) as [Tensor, Tensor])[1], (shape) => [shape[0]!, 3, 1, 1]));
    expect(() => exportOnnx(m as never)).toThrow(
      "exportOnnx: layer 1 (Fn) cannot be exported: its indices need the input's height and width, which depend on a named dim (ONNX GlobalMaxPool has no indices)",
    );
  });
});

describe('exportOnnx: Embedding (Gather at the indices cast to int64)', () => {
  const embed = (options: { numEmbeddings: number; embeddingDim: number; paddingIdx?: number }): Layer => new Embedding(options as never) as unknown as Layer;
  const models: [string, () => ReturnType<typeof model>, readonly (readonly number[])[]][] = [
    ['[batch, 5] -> Embedding(10, 4) -> Flatten -> Linear', () => model(['batch', 5], embed({ numEmbeddings: 10, embeddingDim: 4 }), new Flatten(), new Linear({ inFeatures: 20, outFeatures: 3 }) as unknown as Layer), [[1, 5], [3, 5]]],
    ['[6] (one sequence) -> Embedding(10, 3, paddingIdx 0)', () => model([6], embed({ numEmbeddings: 10, embeddingDim: 3, paddingIdx: 0 })), [[6]]],
    ['[batch, 2, 3] -> Embedding(10, 2) -> ReLU', () => model(['batch', 2, 3], embed({ numEmbeddings: 10, embeddingDim: 2 }), new ReLU()), [[2, 2, 3]]],
    ['[batch, T] -> Embedding(10, 4) -> Linear(4, 2)', () => model(['batch', 'T'], embed({ numEmbeddings: 10, embeddingDim: 4 }), new Linear({ inFeatures: 4, outFeatures: 2 }) as unknown as Layer), [[1, 7], [2, 3]]],
  ];
  it.each(models)('the layer: %s', async (name, make, runs) => {
    const m = make();
    const nodes = decode(exportOnnx(m as never)).graph!.node;
    expect(nodes.slice(0, 2).map((n) => n.opType)).toEqual(['Cast', 'Gather']);
    await check(name, m, runs, {}, 1, 1, 10);
  });

  it('a block class that embeds its own input (traced on random 0s and 1s)', async () => {
    const table = new Embedding({ numEmbeddings: 10, embeddingDim: 4 });
    const m = model(['batch', 5], block((x) => table.forward(x) as Tensor));
    await check('block embedding its input', m, [[2, 5], [1, 5]], {}, 1, 1, 10);
  });

  it('a block whose forward fails on floats and on 0s and 1s: the first failure', () => {
    const single = new Embedding({ numEmbeddings: 1, embeddingDim: 2 });
    const m = model([2, 5], block((x) => single.forward(x) as Tensor, (shape) => [...shape, 2]));
    expect(() => exportOnnx(m as never)).toThrow(/^exportOnnx: layer 1 \(Fn\) cannot be exported: its forward failed on a random input of shape \[2, 5\]: Embedding: /);
  });

  it('the functional embedding at indices a float op made (argmax), in a block', async () => {
    const m = model([2, 4, 3], block((x, self) => call(embedding)(call(argmax)(x, 1), self.table) as Tensor)); // indices 0..3 -> [2, 3, 3]
    expect(decode(exportOnnx(m as never)).graph!.node.map((n) => n.opType)).toEqual(['ArgMax', 'Cast', 'Cast', 'Gather']);
    await check('embedding at argmax', m, [[2, 4, 3]]);
  });
});

describe('exportOnnx with indices: the largest differences', () => {
  it('are small', () => {
    const worst = Math.max(...Object.values(maxDifferences));
    expect(worst).toBeLessThan(1e-5);
  });
});
