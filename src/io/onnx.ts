// ONNX export (issue 13, part 3): a model as an ONNX ModelProto, built with ONNX's own protobuf
// schema (onnx-buf, compiled for @bufbuild/protobuf), never hand-encoded. Each built-in layer is
// the standard ONNX op with eval-mode semantics; weights are initializers under the model's
// stateDict() names; the declared input's named dims are dim_params.

import { create, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  GraphProtoSchema,
  ModelProtoSchema,
  NodeProtoSchema,
  OperatorSetIdProtoSchema,
  TensorProto_DataType,
  TensorProtoSchema,
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  TypeProto_TensorSchema,
  TypeProtoSchema,
  ValueInfoProtoSchema,
  type AttributeProto,
  type NodeProto,
  type TensorProto,
  type ValueInfoProto,
} from 'onnx-buf';
import { Cat, Residual, branchLabel, type Branch } from '../nn/branches.js';
import { Sequential, type Layer } from '../nn/sequential.js';
import { Conv2d } from '../nn/conv2d.js';
import { AvgPool2d, MaxPool2d } from '../nn/pool2d.js';
import { AdaptiveAvgPool2d, BatchNorm2d, Dropout } from '../nn/norm.js';
import { Flatten, GELU, LeakyReLU, Linear, ReLU, ReLU6, Sigmoid, Tanh } from '../nn/linear.js';
import { resolveConv2dOptions } from '../shape/conv2d.js';
import { resolvePool2dOptions, type AvgPool2dOptions, type MaxPool2dOptions } from '../shape/pool2d.js';
import { resolveAdaptiveOutputSize, type AdaptiveOutputSize } from '../shape/norm.js';
import { probeInput, displayShape, type Probe } from '../nn/probe.js';
import type { Shape } from '../shape/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * `exportOnnx`'s options.
 *
 * @example
 * ```ts
 * import type { ExportOnnxOptions } from 'shapecheck';
 * const options: ExportOnnxOptions = { opset: 17, inputName: 'images', batch: 1 };
 * options.opset;
 * //=> 17
 * ```
 * @category Data
 */
export interface ExportOnnxOptions {
  /**
   * The ONNX opset (default 17, the lowest supported; up to 23). From 19 a circular `Conv2d`
   * padding is exported (`Pad` mode `wrap`); from 20 `GELU` is one `Gelu` node.
   */
  readonly opset?: number;
  /** The graph input's name (default `'input'`). */
  readonly inputName?: string;
  /** The graph output's name (default `'output'`). */
  readonly outputName?: string;
  /**
   * How a named first dim (`'batch'`) is written: `'dynamic'` (default) as a `dim_param` of its
   * name, so the model runs at any batch size; a number fixes it to that size (a static model).
   */
  readonly batch?: 'dynamic' | number;
  /**
   * The input shape, for a block (`Residual`, `Cat`) exported on its own; a `Sequential` has its
   * declared one (this then must be left out).
   */
  readonly inputShape?: readonly (number | string)[];
}

/** The opsets this exporter writes, and the IR version each needs (ONNX's versioning table). */
const MIN_OPSET = 17;
const MAX_OPSET = 23;
function irVersionFor(opset: number): bigint {
  return opset <= 18 ? 8n : opset <= 20 ? 9n : opset <= 22 ? 10n : 11n;
}

/** A value in the graph: its name and its shape probed twice (see nn/probe.ts). */
interface Value {
  readonly name: string;
  readonly probe: Probe;
}

/** The error for a layer that cannot be exported: its position and kind, then why. */
function cannotExport(position: string, kind: string, why: string): Error {
  return new Error(`exportOnnx: layer ${position} (${kind}) cannot be exported: ${why}`);
}

/** A layer's kind for messages: its `kind`, else its class's name. */
function kindOf(layer: unknown): string {
  const kind = (layer as { kind?: unknown }).kind;
  if (typeof kind === 'string') return kind;
  const ctor = (layer as { constructor?: { name?: string } } | null)?.constructor?.name;
  return ctor && ctor !== 'Object' ? ctor : typeof layer;
}

/** Little-endian bytes of float32 values (a copy). */
function floatBytes(values: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return bytes;
}

/** Little-endian bytes of int64 values. */
function int64Bytes(values: readonly number[]): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setBigInt64(i * 8, BigInt(value), true));
  return bytes;
}

type AttributeValue = number | readonly number[] | string | { readonly float: number };

function attribute(name: string, value: AttributeValue): AttributeProto {
  if (typeof value === 'string') return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.STRING, s: new TextEncoder().encode(value) as Uint8Array<ArrayBuffer> });
  if (typeof value === 'number') return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INT, i: BigInt(value) });
  if (Array.isArray(value)) return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.INTS, ints: value.map((v: number) => BigInt(v)) });
  return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.FLOAT, f: (value as { float: number }).float });
}

/** The graph being built: nodes, initializers, and the names taken. */
class Graph {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly #taken = new Set<string>();
  /** The stateDict's name of each tensor's data (tensors in the dict share the model's data). */
  readonly #stateNames = new Map<Float32Array, string>();

  constructor(
    readonly opset: number,
    state: ReadonlyMap<string, Tensor>,
    taken: readonly string[],
  ) {
    for (const [key, tensor] of state) if (!this.#stateNames.has(tensor.data)) this.#stateNames.set(tensor.data, key);
    for (const name of taken) this.#taken.add(name);
  }

  /** `base`, or `base_1`, `base_2`, ... when taken. */
  unique(base: string): string {
    let name = base;
    for (let i = 1; this.#taken.has(name); i++) name = `${base}_${i}`;
    this.#taken.add(name);
    return name;
  }

  /** Appends a node named `<path>/<opType>` and returns its output's name. */
  node(path: string, opType: string, inputs: readonly string[], attributes: Readonly<Record<string, AttributeValue>> = {}): string {
    const name = this.unique(`${path}/${opType}`);
    const output = this.unique(`${name}_output_0`);
    this.nodes.push(
      create(NodeProtoSchema, {
        name,
        opType,
        input: [...inputs],
        output: [output],
        attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
      }),
    );
    return output;
  }

  /** A float32 initializer from a model's tensor, named by the stateDict (`fallback` when it is not in it). */
  weight(tensor: Tensor, fallback: string): string {
    const known = this.#stateNames.get(tensor.data);
    return this.floats(known ?? fallback, tensor.shape as readonly number[], tensor.data, known !== undefined);
  }

  /** A float32 initializer; the name made unique unless it is a stateDict key (those are). */
  floats(name: string, dims: readonly number[], values: Float32Array, exact = false): string {
    if (exact && this.#taken.has(name)) return name; // a tensor shared by two layers: one initializer
    const unique = exact ? (this.#taken.add(name), name) : this.unique(name);
    this.initializers.push(create(TensorProtoSchema, { name: unique, dims: dims.map((d) => BigInt(d)), dataType: TensorProto_DataType.FLOAT, rawData: floatBytes(values) }));
    return unique;
  }

  /** An int64 initializer. */
  int64s(name: string, dims: readonly number[], values: readonly number[]): string {
    const unique = this.unique(name);
    this.initializers.push(create(TensorProtoSchema, { name: unique, dims: dims.map((d) => BigInt(d)), dataType: TensorProto_DataType.INT64, rawData: int64Bytes(values) }));
    return unique;
  }
}

/** A dim that does not depend on a name (the same in both probes), or undefined. */
function known(probe: Probe, i: number): number | undefined {
  const a = probe.a[i] as number;
  return a === probe.b[i] ? a : undefined;
}

/** A layer's output probe, or the error naming it when its shape depends on a named dim's size. */
function probeThrough(layer: { outputShape(shape: readonly number[]): number[] }, probe: Probe, position: string, kind: string): Probe {
  try {
    return { a: layer.outputShape(probe.a), b: layer.outputShape(probe.b) };
  } catch {
    throw cannotExport(position, kind, 'its output shape depends on the size of a named dim (export with a fixed size: options.batch, or a literal input shape)');
  }
}

/** The path of a child under its parent's path, as node names show it: `/layer1.0/conv1`. */
function childPath(path: string, name: string): string {
  return `${path}/${name}`;
}

/** Emits a branch's (or a model's) layers in order on `input`, positions under `prefix`. */
function emitLayers(graph: Graph, children: readonly [string, Layer | Branch][], input: Value, path: string, prefix: string): Value {
  let x = input;
  children.forEach(([name, layer], i) => {
    x = emitLayer(graph, layer as Layer, x, childPath(path, name), `${prefix}${i + 1}`);
  });
  return x;
}

/**
 * Wraps a 4-D op for an unbatched `[C, H, W]` value: `Unsqueeze` to `[1, C, H, W]`, the op,
 * `Squeeze` back.
 */
function batched(graph: Graph, x: Value, path: string, op: (input: string) => string): string {
  if (x.probe.a.length === 4) return op(x.name);
  const axes = graph.int64s(`${path}/axes`, [1], [0]);
  const expanded = graph.node(path, 'Unsqueeze', [x.name, axes]);
  return graph.node(path, 'Squeeze', [op(expanded), axes]);
}

/** Normalizes a dim index against a rank. */
function normalize(dim: number, rank: number): number {
  return dim < 0 ? dim + rank : dim;
}

/** The built-in classes by kind: a layer of another class that claims one of these kinds is not exported as it. */
const BUILTIN: Readonly<Record<string, abstract new (...args: never[]) => unknown>> = {
  Conv2d,
  BatchNorm2d,
  ReLU,
  ReLU6,
  LeakyReLU,
  Sigmoid,
  Tanh,
  GELU,
  Dropout,
  MaxPool2d,
  AvgPool2d,
  AdaptiveAvgPool2d,
  Flatten,
  Linear,
  Residual,
  Cat,
};

function emitLayer(graph: Graph, layer: Layer, x: Value, path: string, position: string): Value {
  const kind = kindOf(layer);
  if (layer === null || typeof layer !== 'object') throw cannotExport(position, kind, 'it is not a layer');
  const builtin = Object.hasOwn(BUILTIN, kind) ? BUILTIN[kind] : undefined;
  if (!builtin) throw cannotExport(position, kind, 'no ONNX mapping for this kind (exportOnnx knows the built-in layers and the residual and cat blocks)');
  if (!(layer instanceof builtin)) throw cannotExport(position, kind, `its class is not shapecheck's ${kind} (its forward is not known)`);
  const out = (name: string): Value => ({ name, probe: probeThrough(layer, x.probe, position, kind) });
  const rank = x.probe.a.length;
  switch (kind) {
    case 'Conv2d': {
      const conv = layer as unknown as { options: Parameters<typeof resolveConv2dOptions>[0]; weight: Tensor; bias: Tensor | null };
      const p = resolveConv2dOptions(conv.options);
      const w = graph.weight(conv.weight, `${path}.weight`);
      const b = conv.bias ? graph.weight(conv.bias, `${path}.bias`) : null;
      const [top, bottom, left, right] = p.padding;
      const hasPadding = top + bottom + left + right > 0;
      let padMode: string | null = null;
      if (hasPadding && p.paddingMode !== 'zeros') {
        if (p.paddingMode === 'circular') {
          if (graph.opset < 19) {
            throw cannotExport(position, kind, `paddingMode 'circular' needs ONNX Pad mode 'wrap', which exists from opset 19 (this export: opset ${graph.opset}; pass { opset: 19 })`);
          }
          padMode = 'wrap';
        } else padMode = p.paddingMode === 'replicate' ? 'edge' : 'reflect';
      }
      return out(
        batched(graph, x, path, (input) => {
          let source = input;
          if (padMode !== null) {
            const pads = graph.int64s(`${path}/pads`, [8], [0, 0, top, left, 0, 0, bottom, right]);
            source = graph.node(path, 'Pad', [input, pads], { mode: padMode });
          }
          return graph.node(path, 'Conv', b ? [source, w, b] : [source, w], {
            kernel_shape: p.kernelSize,
            strides: p.stride,
            dilations: p.dilation,
            group: p.groups,
            pads: padMode === null ? [top, left, bottom, right] : [0, 0, 0, 0],
          });
        }),
      );
    }
    case 'BatchNorm2d': {
      const bn = layer as unknown as { eps: number; weight: Tensor | null; bias: Tensor | null; runningMean: Tensor | null; runningVar: Tensor | null; options: { numFeatures: number } };
      if (bn.runningMean === null || bn.runningVar === null) {
        throw cannotExport(position, kind, 'trackRunningStats: false normalizes with the batch statistics even in eval mode, which ONNX BatchNormalization (inference) does not do');
      }
      const c = bn.options.numFeatures;
      const scale = bn.weight ? graph.weight(bn.weight, `${path}.weight`) : graph.floats(`${path}/scale`, [c], new Float32Array(c).fill(1));
      const shift = bn.bias ? graph.weight(bn.bias, `${path}.bias`) : graph.floats(`${path}/B`, [c], new Float32Array(c));
      const mean = graph.weight(bn.runningMean, `${path}.running_mean`);
      const variance = graph.weight(bn.runningVar, `${path}.running_var`);
      return out(batched(graph, x, path, (input) => graph.node(path, 'BatchNormalization', [input, scale, shift, mean, variance], { epsilon: { float: bn.eps } })));
    }
    case 'ReLU':
      return out(graph.node(path, 'Relu', [x.name]));
    case 'ReLU6': {
      const min = graph.floats(`${path}/min`, [], Float32Array.of(0));
      const max = graph.floats(`${path}/max`, [], Float32Array.of(6));
      return out(graph.node(path, 'Clip', [x.name, min, max]));
    }
    case 'LeakyReLU':
      return out(graph.node(path, 'LeakyRelu', [x.name], { alpha: { float: (layer as unknown as { negativeSlope: number }).negativeSlope } }));
    case 'Sigmoid':
      return out(graph.node(path, 'Sigmoid', [x.name]));
    case 'Tanh':
      return out(graph.node(path, 'Tanh', [x.name]));
    case 'GELU': {
      if (graph.opset >= 20) return out(graph.node(path, 'Gelu', [x.name]));
      // 0.5·x·(1 + erf(x/√2)), as torch.onnx writes it for opsets without Gelu
      const sqrt2 = graph.floats(`${path}/sqrt2`, [], Float32Array.of(Math.SQRT2));
      const one = graph.floats(`${path}/one`, [], Float32Array.of(1));
      const half = graph.floats(`${path}/half`, [], Float32Array.of(0.5));
      const erf = graph.node(path, 'Erf', [graph.node(path, 'Div', [x.name, sqrt2])]);
      const product = graph.node(path, 'Mul', [x.name, graph.node(path, 'Add', [erf, one])]);
      return out(graph.node(path, 'Mul', [product, half]));
    }
    case 'Dropout':
      return x; // the identity in eval mode
    case 'MaxPool2d':
    case 'AvgPool2d': {
      const options = (layer as unknown as { options: MaxPool2dOptions | AvgPool2dOptions }).options;
      const p = resolvePool2dOptions(kind, options);
      const [ph, pw] = p.padding;
      const common = { kernel_shape: p.kernelSize, strides: p.stride, pads: [ph, pw, ph, pw], ceil_mode: p.ceilMode ? 1 : 0 };
      if (kind === 'MaxPool2d') return out(batched(graph, x, path, (input) => graph.node(path, 'MaxPool', [input], { ...common, dilations: p.dilation })));
      if (p.divisorOverride !== null) {
        throw cannotExport(position, kind, `divisorOverride (${p.divisorOverride}) has no ONNX AveragePool attribute (it divides by the window's size)`);
      }
      return out(batched(graph, x, path, (input) => graph.node(path, 'AveragePool', [input], { ...common, count_include_pad: p.countIncludePad ? 1 : 0 })));
    }
    case 'AdaptiveAvgPool2d': {
      const size = resolveAdaptiveOutputSize((layer as unknown as { options: { outputSize: AdaptiveOutputSize } }).options.outputSize);
      const h = known(x.probe, rank - 2);
      const w = known(x.probe, rank - 1);
      const oh = size[0] ?? h;
      const ow = size[1] ?? w;
      if (oh === 1 && ow === 1) return out(batched(graph, x, path, (input) => graph.node(path, 'GlobalAveragePool', [input])));
      if (h === undefined || w === undefined || oh === undefined || ow === undefined) {
        throw cannotExport(position, kind, `an output size other than [1, 1] needs the input's height and width, which depend on a named dim`);
      }
      if (oh === 0 || ow === 0 || h % oh !== 0 || w % ow !== 0) {
        throw cannotExport(
          position,
          kind,
          `output size [${oh}, ${ow}] does not divide the input's [${h}, ${w}] evenly: PyTorch's windows then differ in size, which no ONNX AveragePool has (use [1, 1] or a divisor)`,
        );
      }
      const kernel = [h / oh, w / ow];
      return out(batched(graph, x, path, (input) => graph.node(path, 'AveragePool', [input], { kernel_shape: kernel, strides: kernel })));
    }
    case 'Flatten': {
      const flatten = layer as unknown as { startDim: number; endDim: number };
      const start = normalize(flatten.startDim, rank);
      const end = normalize(flatten.endDim, rank);
      const result = out('');
      if (start === end) return x; // nothing to flatten
      // ONNX Flatten always gives 2-D [prod(dims before axis), prod(the rest)]: PyTorch's Flatten
      // only when it starts at dim 1 and ends at the last
      if (start === 1 && end === rank - 1) return { ...result, name: graph.node(path, 'Flatten', [x.name], { axis: 1 }) };
      const dims = result.probe.a.map((_, i) => (i < start ? 0 : known(result.probe, i) ?? -1));
      if (dims.filter((d) => d === -1).length > 1) {
        throw cannotExport(position, kind, 'more than one of its output dims depends on the size of a named dim, which one Reshape cannot express');
      }
      const shape = graph.int64s(`${path}/shape`, [dims.length], dims);
      return { ...result, name: graph.node(path, 'Reshape', [x.name, shape]) };
    }
    case 'Linear': {
      const linear = layer as unknown as { weight: Tensor; bias: Tensor | null };
      let weight: Tensor;
      let bias: Tensor | null;
      try {
        weight = linear.weight;
        bias = linear.bias;
      } catch (error) {
        throw cannotExport(position, kind, (error as Error).message);
      }
      const w = graph.weight(weight, `${path}.weight`);
      const b = bias ? graph.weight(bias, `${path}.bias`) : null;
      if (rank === 2) return out(graph.node(path, 'Gemm', b ? [x.name, w, b] : [x.name, w], { transB: 1 }));
      const product = graph.node(path, 'MatMul', [x.name, graph.node(path, 'Transpose', [w], { perm: [1, 0] })]);
      return out(b ? graph.node(path, 'Add', [product, b]) : product);
    }
    case 'Residual': {
      if (!(layer instanceof Residual)) break; // checked above; narrows the type
      const main = emitLayers(graph, layer.branch.namedChildren(), x, path, `${position}.${branchLabel.main}`);
      const side = layer.shortcut ? emitLayers(graph, layer.shortcut.namedChildren(), x, childPath(path, layer.shortcutName), `${position}.${branchLabel.shortcut}`) : x;
      return out(graph.node(path, 'Add', [main.name, side.name]));
    }
    case 'Cat': {
      if (!(layer instanceof Cat)) break; // checked above; narrows the type
      const outputs = layer.branches.map((branch, i) => emitLayers(graph, branch.namedChildren(), x, childPath(path, String(i)), `${position}.${branchLabel.parallel(i)}`));
      const result = out('');
      const axis = normalize(layer.dim, result.probe.a.length);
      return { ...result, name: graph.node(path, 'Concat', outputs.map((o) => o.name), { axis }) };
    }
    default:
      break;
  }
  throw cannotExport(position, kind, 'no ONNX mapping for this kind');
}

/** A tensor's type for the graph's input and output: float32, dims literal, a name, or unknown. */
function valueInfo(name: string, dims: readonly (number | string)[]): ValueInfoProto {
  const dim = dims.map((d) =>
    create(TensorShapeProto_DimensionSchema, {
      value: typeof d === 'number' ? { case: 'dimValue', value: BigInt(d) } : d === 'number' ? { case: undefined } : { case: 'dimParam', value: d },
    }),
  );
  return create(ValueInfoProtoSchema, {
    name,
    type: create(TypeProtoSchema, {
      value: { case: 'tensorType', value: create(TypeProto_TensorSchema, { elemType: TensorProto_DataType.FLOAT, shape: create(TensorShapeProtoSchema, { dim }) }) },
    }),
  });
}

function checkName(option: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') throw new TypeError(`exportOnnx: ${option} must be a non-empty string, got ${JSON.stringify(value) ?? typeof value}`);
  return value;
}

/**
 * The model as an ONNX file (a serialized `ModelProto`, opset 17 by default, IR version 8) for
 * onnxruntime and other ONNX tools, with eval-mode semantics (BatchNorm on its running
 * statistics, Dropout the identity) whatever mode the model is in.
 *
 * - The graph input has the model's declared input shape (float32): literal dims as
 *   `dim_value`, named dims (`'batch'`) as `dim_param` of that name; the output has the model's
 *   output shape, a name where the dim is that name's size, unknown where it is computed from
 *   one.
 * - Weights are initializers named by `stateDict()`'s keys (`layer1.0.conv1.weight`,
 *   `bn1.running_mean`; `num_batches_tracked` is not needed).
 * - Nodes are named by their layer's path: `/layer1.0/conv1/Conv`, outputs
 *   `/layer1.0/conv1/Conv_output_0`.
 *
 * Every built-in layer maps to standard ONNX ops (docs/interop.md has the table); `residual` and
 * `cat` blocks to their paths' nodes and an `Add` or a `Concat`.
 *
 * @throws {Error} `exportOnnx: layer <position> (<kind>) cannot be exported: <why>` for a layer
 *   with no ONNX equivalent: your own layer classes, `BatchNorm2d` without running statistics,
 *   `AvgPool2d` with `divisorOverride`, an `AdaptiveAvgPool2d` whose windows differ in size, a
 *   circular padding below opset 19.
 * @throws {TypeError | RangeError} for options that are wrong.
 * @example
 * ```ts
 * import { Conv2d, Flatten, Linear, ReLU, Sequential, exportOnnx } from 'shapecheck';
 * const model = new Sequential(['batch', 1, 8, 8])
 *   .add(new Conv2d({ inChannels: 1, outChannels: 4, kernelSize: 3, padding: 1 }))
 *   .add(new ReLU())
 *   .add(new Flatten())
 *   .add(new Linear({ inFeatures: 256, outFeatures: 10 }));
 * const bytes = exportOnnx(model);
 * bytes instanceof Uint8Array;
 * //=> true
 * new TextDecoder().decode(bytes).includes('/0/Conv');
 * //=> true
 * ```
 * @category Data
 */
export function exportOnnx(model: Pick<Sequential<Shape>, 'inputShape' | 'layers' | 'namedChildren' | 'stateDict'> | Residual | Cat, options: ExportOnnxOptions = {}): Uint8Array {
  if (typeof options !== 'object' || options === null) throw new TypeError('exportOnnx: options must be an object');
  const opset = options.opset ?? MIN_OPSET;
  if (typeof opset !== 'number' || !Number.isInteger(opset) || opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new RangeError(`exportOnnx: opset must be an integer from ${MIN_OPSET} to ${MAX_OPSET}, got ${String(opset)}`);
  }
  const inputName = checkName('inputName', options.inputName, 'input');
  const outputName = checkName('outputName', options.outputName, 'output');
  if (inputName === outputName) throw new RangeError(`exportOnnx: inputName and outputName must differ, both are '${inputName}'`);
  if (!(model instanceof Sequential) && !(model instanceof Residual) && !(model instanceof Cat)) {
    throw new TypeError(`exportOnnx: expected a Sequential model or a residual or cat block, got ${kindOf(model)}`);
  }
  const isModel = model instanceof Sequential;
  let declared: readonly (number | string)[];
  if (isModel) {
    if (options.inputShape !== undefined) throw new TypeError('exportOnnx: options.inputShape is for a block; a Sequential has its declared input shape');
    declared = model.inputShape;
  } else {
    if (!Array.isArray(options.inputShape)) throw new TypeError(`exportOnnx: a ${model.kind} block needs options.inputShape (a Sequential has its own)`);
    declared = options.inputShape;
  }
  const batch = options.batch ?? 'dynamic';
  if (batch !== 'dynamic') {
    if (typeof batch !== 'number' || !Number.isInteger(batch) || batch < 1) throw new RangeError(`exportOnnx: batch must be 'dynamic' or a positive integer, got ${String(batch)}`);
    if (typeof declared[0] === 'string') declared = [batch, ...declared.slice(1)];
    else if (declared[0] !== batch) throw new RangeError(`exportOnnx: batch ${batch} fixes a named first dim, but the input's first dim is ${String(declared[0])}`);
  }
  const { probe, names } = probeInput(declared);
  const graph = new Graph(opset, model.stateDict(), [inputName, outputName]);
  const input: Value = { name: inputName, probe };
  const last = isModel ? emitLayers(graph, model.namedChildren(), input, '', '') : emitLayer(graph, model as Layer, input, '', '1');
  // the last value is the graph's output: its node's output renamed, or an Identity (a model that
  // only passes its input on)
  const producer = graph.nodes.find((node) => node.output[0] === last.name);
  if (producer) producer.output[0] = outputName;
  else {
    graph.node('', 'Identity', [last.name]);
    (graph.nodes[graph.nodes.length - 1] as NodeProto).output[0] = outputName;
  }
  const outputDims = displayShape(last.probe, names);
  const onnxGraph = create(GraphProtoSchema, {
    name: isModel ? 'shapecheck' : model.kind,
    node: graph.nodes,
    initializer: graph.initializers,
    input: [valueInfo(inputName, declared)],
    output: [valueInfo(outputName, outputDims)],
  });
  const file = create(ModelProtoSchema, {
    irVersion: irVersionFor(opset),
    producerName: 'shapecheck',
    opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: BigInt(opset) })],
    graph: onnxGraph,
  });
  return toBinary(ModelProtoSchema, file);
}
