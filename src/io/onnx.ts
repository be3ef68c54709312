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
import { Cat, Mul, Residual, TwoPathBlock, branchLabel, type Branch } from '../nn/branches.js';
import { Sequential, type Layer } from '../nn/sequential.js';
import { Conv2d } from '../nn/conv2d.js';
import { AvgPool2d, MaxPool2d } from '../nn/pool2d.js';
// ConvTranspose2d (issue 12): exported through its traced op
import type { ResolvedConvTranspose2dOptions } from '../shape/conv-transpose2d.js';
import { AdaptiveAvgPool2d, BatchNorm2d, Dropout } from '../nn/norm.js';
import { Flatten, GELU, LeakyReLU, Linear, ReLU, ReLU6, Sigmoid, Tanh } from '../nn/linear.js';
import { resolveConv2dOptions, type ResolvedConv2dOptions } from '../shape/conv2d.js';
import { resolvePool2dOptions, type AvgPool2dOptions, type MaxPool2dOptions, type ResolvedPool2dOptions } from '../shape/pool2d.js';
// resizing (issue 12): Upsample, PixelShuffle, PixelUnshuffle
import { PixelShuffle, PixelUnshuffle, Upsample } from '../nn/upsample.js';
import { resolveUpsampleOptions, type ResolvedUpsampleOptions, type UpsampleOptions } from '../shape/upsample.js';
import { probeInput, displayShape, type Probe } from '../nn/probe.js';
// indices (issue 12, onnx-indices): Embedding's Gather, MaxUnpool
import { Embedding } from '../nn/embedding.js';
import type { ResolvedMaxUnpool2dOptions } from '../shape/max-unpool2d.js';
import type { AdaptiveOutputSize } from '../shape/norm.js';
import { namedModulesOf, stateDictOf, trainChildren } from '../nn/module.js';
import { traceOps, type Traceable, type TracedOp } from '../autograd/trace.js';
import { formatList } from '../shape/format.js';
import { sameShape, type Shape } from '../shape/shape.js';
import { randn } from '../tensor/factories.js';
import { Tensor } from '../tensor/tensor.js';

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
   * The input shape, for a block (`Residual`, `Cat`, your own block class) exported on its own; a
   * `Sequential` has its declared one (this then must be left out).
   */
  readonly inputShape?: readonly (number | string)[];
}

/** The opsets this exporter writes, and the IR version each needs (ONNX's versioning table). */
const MIN_OPSET = 17;
const MAX_OPSET = 23;
function irVersionFor(opset: number): bigint {
  return opset <= 18 ? 8n : opset <= 20 ? 9n : opset <= 22 ? 10n : 11n;
}


/**
 * A value in the graph: its name, its shape probed twice with names standing for two large sizes
 * (see nn/probe.ts), and two runnable shapes (names standing for two small sizes, undefined when
 * a layer's checks fail on them) on which a block class's `forward` is traced.
 */
interface Value {
  readonly name: string;
  readonly probe: Probe;
  readonly sizes: Probe | undefined;
}

/** The error for a layer that cannot be exported: its position and kind, then why. */
function cannotExport(position: string, kind: string, why: string): Error {
  return new Error(`exportOnnx: layer ${position} (${kind}) cannot be exported: ${why}`);
}

/** A layer's kind for messages: its `kind`, else its class's name. */
function kindOf(layer: unknown): string {
  const kind = (layer as { kind?: unknown } | null)?.kind;
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
  /** The stateDict's name and shape of each tensor's data (tensors in the dict share the model's data). */
  readonly #stateNames = new Map<Float32Array, { key: string; shape: readonly number[] }>();
  /** The initializer already written for a tensor (one per tensor, however often it is used). */
  readonly #written = new Map<Tensor, string>();

  constructor(
    readonly opset: number,
    state: ReadonlyMap<string, Tensor>,
    taken: readonly string[],
  ) {
    for (const [key, tensor] of state) if (!this.#stateNames.has(tensor.data)) this.#stateNames.set(tensor.data, { key, shape: tensor.shape as readonly number[] });
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
    return this.nodeOutputs(path, opType, inputs, attributes, 1)[0] as string;
  }

  /** Appends a node with `count` outputs (`<name>_output_0`, `_output_1`, ...) and returns their names. */
  nodeOutputs(path: string, opType: string, inputs: readonly string[], attributes: Readonly<Record<string, AttributeValue>>, count: number): string[] {
    const name = this.unique(`${path}/${opType}`);
    const outputs = Array.from({ length: count }, (_, k) => this.unique(`${name}_output_${k}`));
    this.nodes.push(
      create(NodeProtoSchema, {
        name,
        opType,
        input: [...inputs],
        output: outputs,
        attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
      }),
    );
    return outputs;
  }

  /**
   * A float32 initializer from a model's tensor, named by the stateDict (`fallback` when it is
   * not in it, made unique); the same tensor again gives the same initializer.
   */
  weight(tensor: Tensor, fallback: string): string {
    const written = this.#written.get(tensor);
    if (written !== undefined) return written;
    const state = this.#stateNames.get(tensor.data);
    const known = state && sameShape(state.shape, tensor.shape as readonly number[]) ? state.key : undefined;
    const name = this.floats(known ?? fallback, tensor.shape as readonly number[], tensor.data, known !== undefined);
    this.#written.set(tensor, name);
    return name;
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
  } catch (error) {
    if (sameShape(probe.a, probe.b)) throw cannotExport(position, kind, `its outputShape fails on ${formatList(probe.a)}: ${(error as Error).message}`);
    throw cannotExport(position, kind, 'its output shape depends on the size of a named dim (export with a fixed size: options.batch, or a literal input shape)');
  }
}

/** A layer's output for the runnable sizes, undefined when its checks fail on them. */
function sizesThrough(layer: { outputShape(shape: readonly number[]): number[] }, sizes: Probe | undefined): Probe | undefined {
  if (sizes === undefined) return undefined;
  try {
    return { a: layer.outputShape(sizes.a), b: layer.outputShape(sizes.b) };
  } catch {
    return undefined;
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

// ---------------------------------------------------------------------------------------------
// Each op's ONNX nodes, shared by the layers (read from their options) and by traced ops (read
// from what the op recorded): inputs are value names, weights already initializers.

/** ONNX Pad's mode for a PyTorch padding mode (circular exists from opset 19, as `wrap`). */
function padMode(graph: Graph, position: string, kind: string, option: string, mode: 'zeros' | 'constant' | 'reflect' | 'replicate' | 'circular'): string {
  if (mode === 'zeros' || mode === 'constant') return 'constant';
  if (mode === 'reflect') return 'reflect';
  if (mode === 'replicate') return 'edge';
  if (graph.opset < 19) {
    throw cannotExport(position, kind, `${option} 'circular' needs ONNX Pad mode 'wrap', which exists from opset 19 (this export: opset ${graph.opset}; pass { opset: 19 })`);
  }
  return 'wrap';
}

function convNode(graph: Graph, path: string, position: string, kind: string, x: Value, w: string, b: string | null, p: ResolvedConv2dOptions): string {
  const [top, bottom, left, right] = p.padding;
  const hasPadding = top + bottom + left + right > 0;
  const mode = hasPadding && p.paddingMode !== 'zeros' ? padMode(graph, position, kind, 'paddingMode', p.paddingMode) : null;
  return batched(graph, x, path, (input) => {
    let source = input;
    if (mode !== null) {
      const pads = graph.int64s(`${path}/pads`, [8], [0, 0, top, left, 0, 0, bottom, right]);
      source = graph.node(path, 'Pad', [input, pads], { mode });
    }
    return graph.node(path, 'Conv', b ? [source, w, b] : [source, w], {
      kernel_shape: p.kernelSize,
      strides: p.stride,
      dilations: p.dilation,
      group: p.groups,
      pads: mode === null ? [top, left, bottom, right] : [0, 0, 0, 0],
    });
  });
}

/** ConvTranspose2d (issue 12): one ConvTranspose node, the output padding the op resolved (an outputSize included). */
function convTransposeNode(graph: Graph, path: string, x: Value, w: string, b: string | null, p: ResolvedConvTranspose2dOptions): string {
  return batched(graph, x, path, (input) =>
    graph.node(path, 'ConvTranspose', b ? [input, w, b] : [input, w], {
      kernel_shape: p.kernelSize,
      strides: p.stride,
      dilations: p.dilation,
      group: p.groups,
      pads: [p.padding[0], p.padding[1], p.padding[0], p.padding[1]],
      output_padding: p.outputPadding,
    }),
  );
}

function poolNode(graph: Graph, path: string, position: string, kind: string, x: Value, p: ResolvedPool2dOptions): string {
  const [ph, pw] = p.padding;
  const common = { kernel_shape: p.kernelSize, strides: p.stride, pads: [ph, pw, ph, pw], ceil_mode: p.ceilMode ? 1 : 0 };
  if (p.op === 'MaxPool2d') return batched(graph, x, path, (input) => graph.node(path, 'MaxPool', [input], maxPoolAttributes(p)));
  if (p.divisorOverride !== null) {
    throw cannotExport(position, kind, `divisorOverride (${p.divisorOverride}) has no ONNX AveragePool attribute (it divides by the window's size)`);
  }
  return batched(graph, x, path, (input) => graph.node(path, 'AveragePool', [input], { ...common, count_include_pad: p.countIncludePad ? 1 : 0 }));
}

// ---------------------------------------------------------------------------------------------
// Indices (issue 12, onnx-indices): max pooling's second output, MaxUnpool, Embedding's Gather.
// The package's indices are Float32 tensors of integral values, flat in each H×W plane
// (PyTorch's); ONNX's are int64, and MaxPool's and MaxUnpool's are flat over the whole N·C·H·W
// tensor. Between the ops that make and take them, in a traced block, they stay int64 (a
// `TracedValue`'s dtype), plane-local as PyTorch's; a float op that reads them, or the block's
// output, gets them cast to float, which is what the runtime holds.

/** An int64 scalar initializer. */
function int64Scalar(graph: Graph, path: string, name: string, value: number): string {
  return graph.int64s(`${path}/${name}`, [], [value]);
}

/**
 * Each H×W plane's offset into the flattened tensor, `[N, C, 1, 1]` for a 4-D `shape` (an int64
 * shape value): Range(0, N·C) · `plane` (an int64 scalar value), reshaped. Adding it turns
 * PyTorch's plane-local indices into ONNX's flat ones; subtracting it, back (torch.onnx gets the
 * same offsets from a second MaxPool of kernel 1 over the input, a pass over the whole input).
 */
function planeOffsets(graph: Graph, path: string, shape: string, plane: string): string {
  const lead = graph.node(path, 'Slice', [shape, graph.int64s(`${path}/starts`, [1], [0]), graph.int64s(`${path}/ends`, [1], [2])]);
  const count = graph.node(path, 'ReduceProd', [lead], { keepdims: 0 });
  const range = graph.node(path, 'Range', [int64Scalar(graph, path, 'start', 0), count, int64Scalar(graph, path, 'delta', 1)]);
  const offsets = graph.node(path, 'Mul', [range, plane]);
  const target = graph.node(path, 'Concat', [lead, graph.int64s(`${path}/ones`, [2], [1, 1])], { axis: 0 });
  return graph.node(path, 'Reshape', [offsets, target]);
}

/** The int64 size of an H×W plane of a 4-D value whose int64 shape is `shape`. */
function planeSize(graph: Graph, path: string, shape: string): string {
  const hw = graph.node(path, 'Slice', [shape, graph.int64s(`${path}/starts`, [1], [2]), graph.int64s(`${path}/ends`, [1], [4])]);
  return graph.node(path, 'ReduceProd', [hw], { keepdims: 0 });
}

/**
 * `MaxPool` with its `Indices` output, the indices made plane-local (PyTorch's): returns the
 * pooled value and the int64 indices. Unbatched `[C, H, W]` goes through `Unsqueeze`/`Squeeze`.
 */
function maxPoolIndicesNodes(graph: Graph, path: string, x: Value, attributes: Readonly<Record<string, AttributeValue>>): [string, string] {
  const axes = x.probe.a.length === 4 ? null : graph.int64s(`${path}/axes`, [1], [0]);
  const input = axes === null ? x.name : graph.node(path, 'Unsqueeze', [x.name, axes]);
  const [pooled, flat] = graph.nodeOutputs(path, 'MaxPool', [input], attributes, 2) as [string, string];
  const shape = graph.node(path, 'Shape', [input]);
  const local = graph.node(path, 'Sub', [flat, planeOffsets(graph, path, shape, planeSize(graph, path, shape))]);
  return axes === null ? [pooled, local] : [graph.node(path, 'Squeeze', [pooled, axes]), graph.node(path, 'Squeeze', [local, axes])];
}

/** MaxPool's attributes for resolved MaxPool2d options. */
function maxPoolAttributes(p: ResolvedPool2dOptions): Record<string, AttributeValue> {
  const [ph, pw] = p.padding;
  return { kernel_shape: p.kernelSize, strides: p.stride, pads: [ph, pw, ph, pw], ceil_mode: p.ceilMode ? 1 : 0, dilations: p.dilation };
}

/**
 * Adaptive max pooling as torch.onnx (1.13) writes it: an output size that divides the input's
 * (a kept dim: 1) is a `MaxPool` with kernel = stride = input / output, with indices when they are
 * used; all sizes 1 on a named height or width is `GlobalMaxPool` (no indices). Anything else is
 * refused: PyTorch's windows then differ in size and overlap.
 */
function adaptiveMaxNode(graph: Graph, path: string, position: string, kind: string, x: Value, out: Probe, outputSize: AdaptiveOutputSize, withIndices: boolean): string | [string, string] {
  const rank = x.probe.a.length;
  const [oh, ow] = [known(out, rank - 2), known(out, rank - 1)];
  const [h, w] = [known(x.probe, rank - 2), known(x.probe, rank - 1)];
  const given = typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize;
  const kernel = [rank - 2, rank - 1].map((i, k) => {
    if (given[k] === null) return 1; // the dim kept
    const inSize = known(x.probe, i);
    const outSize = known(out, i);
    if (inSize === undefined || outSize === undefined) return undefined;
    if (outSize === 0 || inSize % outSize !== 0) {
      throw cannotExport(
        position,
        kind,
        `output size [${oh}, ${ow}] does not divide the input's [${h}, ${w}] evenly: PyTorch's windows then differ in size and overlap, which no ONNX MaxPool has (torch.onnx refuses it too; use a divisor of the input's size)`,
      );
    }
    return inSize / outSize;
  });
  if (kernel[0] === undefined || kernel[1] === undefined) {
    if (oh === 1 && ow === 1 && !withIndices) return batched(graph, x, path, (input) => graph.node(path, 'GlobalMaxPool', [input]));
    throw cannotExport(
      position,
      kind,
      `${oh === 1 && ow === 1 ? 'its indices need' : 'an output size other than [1, 1] needs'} the input's height and width, which depend on a named dim (ONNX GlobalMaxPool has no indices)`,
    );
  }
  const attributes = { kernel_shape: kernel as number[], strides: kernel as number[] };
  if (withIndices) return maxPoolIndicesNodes(graph, path, x, attributes);
  return batched(graph, x, path, (input) => graph.node(path, 'MaxPool', [input], attributes));
}

/** A value's int64 name: itself when it is one, else a `Cast` (the package's Float32 indices). */
function asInt64(graph: Graph, path: string, value: TracedValue): string {
  return value.dtype === 'int64' ? value.name : graph.node(path, 'Cast', [value.name], { to: TensorProto_DataType.INT64 });
}

/**
 * `MaxUnpool`: the plane-local indices made flat over the output (plus each output plane's
 * offset). An output size given (PyTorch accepts it within a stride of the default size either
 * way) is `output_shape` when it is at least the default; onnxruntime refuses a smaller one, so
 * then the unpooling is to the larger of the two per dim (the indices moved to its rows) and a
 * `Slice` cuts the given size out of it. On a named height or width (no size given) the output
 * plane's size is computed in the graph from the input's, `(H − 1)·stride − 2·padding + kernel`.
 */
function maxUnpoolNode(
  graph: Graph,
  path: string,
  position: string,
  kind: string,
  x: Value,
  indices: TracedValue,
  p: ResolvedMaxUnpool2dOptions,
  outputSize: readonly number[] | null,
  out: Probe,
): string {
  const rank = x.probe.a.length;
  const axes = rank === 4 ? null : graph.int64s(`${path}/axes`, [1], [0]);
  const expand = (name: string): string => (axes === null ? name : graph.node(path, 'Unsqueeze', [name, axes]));
  const input = expand(x.name);
  let local = expand(asInt64(graph, path, indices));
  const shape = graph.node(path, 'Shape', [input]);
  const [ph, pw] = p.padding;
  const attributes = { kernel_shape: [...p.kernelSize], strides: [...p.stride], pads: [ph, pw, ph, pw] };
  const [oh, ow] = [known(out, rank - 2), known(out, rank - 1)];
  let plane: string;
  let outputShape: string | null = null;
  let cut: readonly [number, number] | null = null;
  if (outputSize !== null) {
    const [h, w] = [known(x.probe, rank - 2), known(x.probe, rank - 1)];
    const [gh, gw] = outputSize as [number, number];
    if (h === undefined || w === undefined) throw cannotExport(position, kind, 'an outputSize on a named height or width: the default size it is compared with depends on the name');
    const [dh, dw] = [(h - 1) * p.stride[0] - 2 * ph + p.kernelSize[0], (w - 1) * p.stride[1] - 2 * pw + p.kernelSize[1]];
    const [bh, bw] = [Math.max(dh, gh), Math.max(dw, gw)];
    if (bh !== gh || bw !== gw) cut = [gh, gw];
    if (bw !== gw) {
      // a row of the given width is a row of the larger one: index = row·gw + col → row·bw + col
      const width = int64Scalar(graph, path, 'width', gw);
      const rows = graph.node(path, 'Mul', [graph.node(path, 'Div', [local, width]), int64Scalar(graph, path, 'unpooled_width', bw)]);
      local = graph.node(path, 'Add', [rows, graph.node(path, 'Mod', [local, width])]);
    }
    plane = int64Scalar(graph, path, 'plane', bh * bw);
    const lead = graph.node(path, 'Slice', [shape, graph.int64s(`${path}/starts`, [1], [0]), graph.int64s(`${path}/ends`, [1], [2])]);
    outputShape = graph.node(path, 'Concat', [lead, graph.int64s(`${path}/size`, [2], [bh, bw])], { axis: 0 });
  } else if (oh !== undefined && ow !== undefined) plane = int64Scalar(graph, path, 'plane', oh * ow);
  else {
    const hw = graph.node(path, 'Slice', [shape, graph.int64s(`${path}/starts`, [1], [2]), graph.int64s(`${path}/ends`, [1], [4])]);
    const scaled = graph.node(path, 'Mul', [graph.node(path, 'Sub', [hw, graph.int64s(`${path}/one`, [1], [1])]), graph.int64s(`${path}/strides`, [2], [...p.stride])]);
    const sizes = graph.node(path, 'Add', [scaled, graph.int64s(`${path}/extent`, [2], [p.kernelSize[0] - 2 * ph, p.kernelSize[1] - 2 * pw])]);
    plane = graph.node(path, 'ReduceProd', [sizes], { keepdims: 0 });
  }
  const flat = graph.node(path, 'Add', [local, planeOffsets(graph, path, shape, plane)]);
  let y = graph.node(path, 'MaxUnpool', outputShape === null ? [input, flat] : [input, flat, outputShape], attributes);
  if (cut !== null) {
    y = graph.node(path, 'Slice', [y, graph.int64s(`${path}/starts`, [2], [0, 0]), graph.int64s(`${path}/ends`, [2], [...cut]), graph.int64s(`${path}/slice_axes`, [2], [2, 3])]);
  }
  return axes === null ? y : graph.node(path, 'Squeeze', [y, axes]);
}

/** Embedding: `Gather` of the weight's rows (axis 0) at the indices cast to int64. */
function embeddingNode(graph: Graph, path: string, indices: string, weight: string): string {
  return graph.node(path, 'Gather', [weight, indices], { axis: 0 });
}

// resizing (issue 12): Upsample, PixelShuffle, PixelUnshuffle
/**
 * `Resize` for an interpolation: PyTorch's `nearest` is `asymmetric` coordinates with `floor`,
 * `nearest-exact` `half_pixel` with `round_prefer_ceil`, `bilinear` `linear` with `half_pixel`
 * (or `align_corners`; not `pytorch_half_pixel`, which samples 0 for an output of size 1 where
 * PyTorch's kernel samples `in/2 − 0.5`). A scale factor PyTorch's kernel receives is written
 * as `scales` (the kernel maps by 1/scale, as ONNX does); `size`, or a recomputed scale factor,
 * as `sizes` (ONNX then maps by in/out, as PyTorch does), the batch and channels read from the
 * input's shape.
 */
function resizeNode(graph: Graph, path: string, position: string, kind: string, x: Value, p: ResolvedUpsampleOptions, out: Probe): string {
  const nearest = p.mode !== 'bilinear';
  const transform = p.mode === 'nearest' ? 'asymmetric' : p.mode === 'nearest-exact' ? 'half_pixel' : p.alignCorners ? 'align_corners' : 'half_pixel';
  const attributes = nearest
    ? { mode: 'nearest', coordinate_transformation_mode: transform, nearest_mode: p.mode === 'nearest' ? 'floor' : 'round_prefer_ceil' }
    : { mode: 'linear', coordinate_transformation_mode: transform };
  if (p.scaleFactor && !p.recomputeScaleFactor) {
    const scales = graph.floats(`${path}/scales`, [4], Float32Array.of(1, 1, p.scaleFactor[0], p.scaleFactor[1]));
    return graph.node(path, 'Resize', [x.name, '', scales], attributes);
  }
  const [oh, ow] = [known(out, 2), known(out, 3)];
  if (oh === undefined || ow === undefined) throw cannotExport(position, kind, "a recomputed scale factor on a named height or width: the output's size depends on it");
  const shape = graph.node(path, 'Shape', [x.name]);
  const head = graph.node(path, 'Slice', [shape, graph.int64s(`${path}/starts`, [1], [0]), graph.int64s(`${path}/ends`, [1], [2])]);
  const sizes = graph.node(path, 'Concat', [head, graph.int64s(`${path}/size`, [2], [oh, ow])], { axis: 0 });
  return graph.node(path, 'Resize', [x.name, '', '', sizes], attributes);
}

/** PixelShuffle as `DepthToSpace` in CRD mode (PyTorch's channel order); 4-D inputs only. */
function pixelShuffleNode(graph: Graph, path: string, position: string, kind: string, x: Value, r: number): string {
  if (x.probe.a.length !== 4) throw cannotExport(position, kind, `DepthToSpace takes a 4-D input, got ${x.probe.a.length} dims`);
  return graph.node(path, 'DepthToSpace', [x.name], { blocksize: r, mode: 'CRD' });
}

/**
 * PixelUnshuffle as `Reshape` to `[N, C, H/r, r, W/r, r]`, `Transpose` and `Reshape` to
 * `[N, C·r², H/r, W/r]` (ONNX's `SpaceToDepth` orders the channels the other way); 4-D inputs
 * with a known channel count, height and width.
 */
function pixelUnshuffleNode(graph: Graph, path: string, position: string, kind: string, x: Value, r: number): string {
  if (x.probe.a.length !== 4) throw cannotExport(position, kind, `a 4-D input is exported, got ${x.probe.a.length} dims`);
  const [c, h, w] = [known(x.probe, 1), known(x.probe, 2), known(x.probe, 3)];
  if (c === undefined || h === undefined || w === undefined) throw cannotExport(position, kind, "the channels, height and width must not depend on a named dim (the reshapes are written with their sizes)");
  const split = graph.node(path, 'Reshape', [x.name, graph.int64s(`${path}/split`, [6], [0, c, h / r, r, w / r, r])]);
  const moved = graph.node(path, 'Transpose', [split], { perm: [0, 1, 3, 5, 2, 4] });
  return graph.node(path, 'Reshape', [moved, graph.int64s(`${path}/shape`, [4], [0, c * r * r, h / r, w / r])]);
}

/** BatchNormalization on running statistics; `scale` and `shift` made 1 and 0 when the layer has none. */
function batchNormNode(graph: Graph, path: string, x: Value, channels: number, weights: { scale: string | null; shift: string | null; mean: string; variance: string }, eps: number): string {
  const scale = weights.scale ?? graph.floats(`${path}/scale`, [channels], new Float32Array(channels).fill(1));
  const shift = weights.shift ?? graph.floats(`${path}/B`, [channels], new Float32Array(channels));
  return batched(graph, x, path, (input) => graph.node(path, 'BatchNormalization', [input, scale, shift, weights.mean, weights.variance], { epsilon: { float: eps } }));
}

/**
 * Adaptive average pooling as ONNX pools: all output sizes 1 is `GlobalAveragePool`; otherwise a
 * window of `in / out` per dim (1 where the dim is kept), which PyTorch's bins equal only when
 * `out` divides `in`.
 */
function adaptiveNode(graph: Graph, path: string, position: string, kind: string, x: Value, out: Probe): string {
  const rank = x.probe.a.length;
  const oh = known(out, rank - 2);
  const ow = known(out, rank - 1);
  if (oh === 1 && ow === 1) return batched(graph, x, path, (input) => graph.node(path, 'GlobalAveragePool', [input]));
  const kernel = [rank - 2, rank - 1].map((i) => {
    if (out.a[i] === x.probe.a[i] && out.b[i] === x.probe.b[i]) return 1; // the dim kept
    const inSize = known(x.probe, i);
    const outSize = known(out, i);
    if (inSize === undefined || outSize === undefined) {
      throw cannotExport(position, kind, `an output size other than [1, 1] needs the input's height and width, which depend on a named dim`);
    }
    if (outSize === 0 || inSize % outSize !== 0) {
      const [h, w] = [known(x.probe, rank - 2), known(x.probe, rank - 1)];
      throw cannotExport(
        position,
        kind,
        `output size [${oh}, ${ow}] does not divide the input's [${h}, ${w}] evenly: PyTorch's windows then differ in size, which no ONNX AveragePool has (use [1, 1] or a divisor)`,
      );
    }
    return inSize / outSize;
  });
  return batched(graph, x, path, (input) => graph.node(path, 'AveragePool', [input], { kernel_shape: kernel, strides: kernel }));
}

/**
 * A `Reshape` to the output's shape: sizes that do not depend on a name literally, one that is
 * the input's dim at the same place as `0` (ONNX's "copy"), and at most one other as `-1`.
 */
function reshapeNode(graph: Graph, path: string, position: string, kind: string, x: Value, out: Probe): string {
  const dims = out.a.map((a, i) => {
    const size = known(out, i);
    const copies = i < x.probe.a.length && x.probe.a[i] === a && x.probe.b[i] === out.b[i];
    if (size !== undefined && size !== 0) return size;
    if (copies) return 0;
    if (size === 0) throw cannotExport(position, kind, `a size-0 dim (at ${i}) that is not the input's own cannot be written for ONNX Reshape (0 copies the input's dim)`);
    return -1;
  });
  if (dims.filter((d) => d === -1).length > 1) {
    throw cannotExport(position, kind, 'more than one of its output dims depends on the size of a named dim in a way one Reshape cannot express');
  }
  const shape = graph.int64s(`${path}/shape`, [dims.length], dims);
  return graph.node(path, 'Reshape', [x.name, shape]);
}

function flattenNode(graph: Graph, path: string, position: string, kind: string, x: Value, out: Probe, startDim: number, endDim: number): string {
  const rank = x.probe.a.length;
  const start = normalize(startDim, rank);
  const end = normalize(endDim, rank);
  if (start === end || rank === 0) return x.name; // nothing to flatten
  // ONNX Flatten always gives 2-D [prod(dims before axis), prod(the rest)]: PyTorch's Flatten
  // only when it starts at dim 1 and ends at the last
  if (start === 1 && end === rank - 1) return graph.node(path, 'Flatten', [x.name], { axis: 1 });
  return reshapeNode(graph, path, position, kind, x, out);
}

function linearNode(graph: Graph, path: string, x: Value, w: string, b: string | null): string {
  if (x.probe.a.length === 2) return graph.node(path, 'Gemm', b ? [x.name, w, b] : [x.name, w], { transB: 1 });
  const product = graph.node(path, 'MatMul', [x.name, graph.node(path, 'Transpose', [w], { perm: [1, 0] })]);
  return b ? graph.node(path, 'Add', [product, b]) : product;
}

function reluSixNode(graph: Graph, path: string, x: string): string {
  const min = graph.floats(`${path}/min`, [], Float32Array.of(0));
  const max = graph.floats(`${path}/max`, [], Float32Array.of(6));
  return graph.node(path, 'Clip', [x, min, max]);
}

function geluNode(graph: Graph, path: string, x: string, approximate = 'none'): string {
  // issue 12 (GELU's approximate): the tanh form
  if (approximate === 'tanh') return geluTanhNode(graph, path, x);
  if (graph.opset >= 20) return graph.node(path, 'Gelu', [x]);
  // 0.5·x·(1 + erf(x/√2)), as torch.onnx writes it for opsets without Gelu
  const sqrt2 = graph.floats(`${path}/sqrt2`, [], Float32Array.of(Math.SQRT2));
  const one = graph.floats(`${path}/one`, [], Float32Array.of(1));
  const half = graph.floats(`${path}/half`, [], Float32Array.of(0.5));
  const erf = graph.node(path, 'Erf', [graph.node(path, 'Div', [x, sqrt2])]);
  const product = graph.node(path, 'Mul', [x, graph.node(path, 'Add', [erf, one])]);
  return graph.node(path, 'Mul', [product, half]);
}

// ---------------------------------------------------------------------------------------------
// issue 12 activations (SiLU, Hardswish, Hardsigmoid, Mish, ELU, PReLU, GELU tanh, Dropout2d):
// the nodes of their ops, which their layers (not in BUILTIN) reach by tracing

/** GELU's tanh form: `Gelu` with approximate 'tanh' from opset 20, else 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
function geluTanhNode(graph: Graph, path: string, x: string): string {
  if (graph.opset >= 20) return graph.node(path, 'Gelu', [x], { approximate: 'tanh' });
  const beta = graph.floats(`${path}/beta`, [], Float32Array.of(Math.sqrt(2 / Math.PI)));
  const kappa = graph.floats(`${path}/kappa`, [], Float32Array.of(0.044715));
  const one = graph.floats(`${path}/one`, [], Float32Array.of(1));
  const half = graph.floats(`${path}/half`, [], Float32Array.of(0.5));
  const cube = graph.node(path, 'Mul', [graph.node(path, 'Mul', [x, x]), x]);
  const inner = graph.node(path, 'Mul', [graph.node(path, 'Add', [x, graph.node(path, 'Mul', [cube, kappa])]), beta]);
  const right = graph.node(path, 'Add', [graph.node(path, 'Tanh', [inner]), one]);
  return graph.node(path, 'Mul', [graph.node(path, 'Mul', [x, right]), half]);
}

/** SiLU: x·Sigmoid(x) (ONNX has no Swish before opset 24). */
function siluNode(graph: Graph, path: string, x: string): string {
  return graph.node(path, 'Mul', [x, graph.node(path, 'Sigmoid', [x])]);
}

/** Mish: `Mish` from opset 18, else x·Tanh(Softplus(x)). */
function mishNode(graph: Graph, path: string, x: string): string {
  if (graph.opset >= 18) return graph.node(path, 'Mish', [x]);
  return graph.node(path, 'Mul', [x, graph.node(path, 'Tanh', [graph.node(path, 'Softplus', [x])])]);
}

/**
 * PReLU: ONNX `PRelu` broadcasts its slope from the right, PyTorch's weight is per channel (dim
 * 1): a weight of more than one value is reshaped to `[C, 1, ..., 1]` for inputs of 3 or more dims.
 */
function preluNode(graph: Graph, path: string, x: TracedValue, weight: TracedValue): string {
  const rank = x.probe.a.length;
  const count = weight.probe.a.reduce((a, b) => a * b, 1);
  if (count === 1 || rank <= 2) return graph.node(path, 'PRelu', [x.name, weight.name]);
  const shape = graph.int64s(`${path}/slope_shape`, [rank - 1], [count, ...new Array<number>(rank - 2).fill(1)]);
  return graph.node(path, 'PRelu', [x.name, graph.node(path, 'Reshape', [weight.name, shape])]);
}

/** `ReduceSum` / `ReduceMean` over one axis or all; axes are an input from opset 13 (sum) and 18 (mean). */
function reduceNode(graph: Graph, path: string, opType: 'ReduceSum' | 'ReduceMean', x: string, axis: number | undefined, keepdim: boolean): string {
  const keepdims = keepdim ? 1 : 0;
  if (axis === undefined) return graph.node(path, opType, [x], { keepdims });
  if (opType === 'ReduceMean' && graph.opset < 18) return graph.node(path, opType, [x], { axes: [axis], keepdims });
  return graph.node(path, opType, [x, graph.int64s(`${path}/axes`, [1], [axis])], { keepdims });
}

// ---------------------------------------------------------------------------------------------
// Built-in layers, read from their options

/** The built-in classes by kind: a layer of another class that claims one of these kinds is traced instead. */
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
  Mul,
  Cat,
  // resizing (issue 12)
  Upsample,
  PixelShuffle,
  PixelUnshuffle,
  // indices (issue 12)
  Embedding,
};

function emitLayer(graph: Graph, layer: Layer, x: Value, path: string, position: string): Value {
  const kind = kindOf(layer);
  if (layer === null || typeof layer !== 'object' || typeof (layer as Partial<Layer>).outputShape !== 'function') {
    throw cannotExport(position, kind, 'it is not a layer (a kind, outputShape and forward)');
  }
  const builtin = Object.hasOwn(BUILTIN, kind) ? BUILTIN[kind] : undefined;
  // your own layer classes (and a class that claims a built-in kind): their forward, traced
  if (!builtin || !(layer instanceof builtin)) return emitTraced(graph, layer, x, path, position, kind);
  const out = (name: string): Value => ({ name, probe: probeThrough(layer, x.probe, position, kind), sizes: sizesThrough(layer, x.sizes) });
  switch (kind) {
    case 'Conv2d': {
      const conv = layer as unknown as { options: Parameters<typeof resolveConv2dOptions>[0]; weight: Tensor; bias: Tensor | null };
      const w = graph.weight(conv.weight, `${path}.weight`);
      const b = conv.bias ? graph.weight(conv.bias, `${path}.bias`) : null;
      return out(convNode(graph, path, position, kind, x, w, b, resolveConv2dOptions(conv.options)));
    }
    case 'BatchNorm2d': {
      const bn = layer as unknown as { eps: number; weight: Tensor | null; bias: Tensor | null; runningMean: Tensor | null; runningVar: Tensor | null; options: { numFeatures: number } };
      if (bn.runningMean === null || bn.runningVar === null) {
        throw cannotExport(position, kind, 'trackRunningStats: false normalizes with the batch statistics even in eval mode, which ONNX BatchNormalization (inference) does not do');
      }
      const weights = {
        scale: bn.weight ? graph.weight(bn.weight, `${path}.weight`) : null,
        shift: bn.bias ? graph.weight(bn.bias, `${path}.bias`) : null,
        mean: graph.weight(bn.runningMean, `${path}.running_mean`),
        variance: graph.weight(bn.runningVar, `${path}.running_var`),
      };
      return out(batchNormNode(graph, path, x, bn.options.numFeatures, weights, bn.eps));
    }
    case 'ReLU':
      return out(graph.node(path, 'Relu', [x.name]));
    case 'ReLU6':
      return out(reluSixNode(graph, path, x.name));
    case 'LeakyReLU':
      return out(graph.node(path, 'LeakyRelu', [x.name], { alpha: { float: (layer as unknown as { negativeSlope: number }).negativeSlope } }));
    case 'Sigmoid':
      return out(graph.node(path, 'Sigmoid', [x.name]));
    case 'Tanh':
      return out(graph.node(path, 'Tanh', [x.name]));
    case 'GELU':
      return out(geluNode(graph, path, x.name, (layer as unknown as { approximate?: string }).approximate));
    case 'Dropout':
      return x; // the identity in eval mode
    case 'MaxPool2d':
    case 'AvgPool2d': {
      const options = (layer as unknown as { options: MaxPool2dOptions | AvgPool2dOptions }).options;
      return out(poolNode(graph, path, position, kind, x, resolvePool2dOptions(kind, options)));
    }
    case 'AdaptiveAvgPool2d': {
      const result = out('');
      return { ...result, name: adaptiveNode(graph, path, position, kind, x, result.probe) };
    }
    // resizing (issue 12): Upsample, PixelShuffle, PixelUnshuffle
    case 'Upsample': {
      const result = out('');
      const params = resolveUpsampleOptions('Upsample', (layer as unknown as { options: UpsampleOptions }).options);
      return { ...result, name: resizeNode(graph, path, position, kind, x, params, result.probe) };
    }
    case 'PixelShuffle':
      return out(pixelShuffleNode(graph, path, position, kind, x, (layer as unknown as { upscaleFactor: number }).upscaleFactor));
    case 'PixelUnshuffle':
      return out(pixelUnshuffleNode(graph, path, position, kind, x, (layer as unknown as { downscaleFactor: number }).downscaleFactor));
    case 'Embedding': {
      // its input is the model's (float) input: the indices cast to int64
      const w = graph.weight((layer as unknown as { weight: Tensor }).weight, `${path}.weight`);
      return out(embeddingNode(graph, path, graph.node(path, 'Cast', [x.name], { to: TensorProto_DataType.INT64 }), w));
    }
    case 'Flatten': {
      const flatten = layer as unknown as { startDim: number; endDim: number };
      const result = out('');
      return { ...result, name: flattenNode(graph, path, position, kind, x, result.probe, flatten.startDim, flatten.endDim) };
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
      return out(linearNode(graph, path, x, w, b));
    }
    case 'Residual':
    case 'Mul': {
      if (!(layer instanceof TwoPathBlock)) break; // checked above; narrows the type
      const main = emitLayers(graph, layer.branch.namedChildren(), x, path, `${position}.${branchLabel.main}`);
      const side = layer.shortcut ? emitLayers(graph, layer.shortcut.namedChildren(), x, childPath(path, layer.shortcutName), `${position}.${branchLabel.shortcut}`) : x;
      return out(graph.node(path, kind === 'Mul' ? 'Mul' : 'Add', [main.name, side.name]));
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

// ---------------------------------------------------------------------------------------------
// Block classes: their forward run twice on random inputs of the two runnable sizes, the ops it
// ran recorded (autograd/trace.ts) and written as nodes; the two runs show which sizes depend on
// a name, and that nothing else does.

/** What a traced op's inputs and output are in the graph. */
interface TracedValue {
  readonly name: string;
  readonly probe: Probe;
  /** `'int64'` for indices kept in ONNX's type between the ops that make and take them; else float. */
  readonly dtype?: 'int64';
}

/** Element-wise ops that are one ONNX node with no attributes. */
const SIMPLE_OPS: Readonly<Record<string, string>> = {
  relu: 'Relu',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  exp: 'Exp',
  log: 'Log',
  add: 'Add',
  sub: 'Sub',
  mul: 'Mul',
  div: 'Div',
  matmul: 'MatMul',
};

/**
 * What a traced op's nodes give: its output's name, or its output's and its further outputs' (an
 * index output int64) when one of those is used.
 */
type EmittedOp = string | { readonly name: string; readonly extra: readonly { readonly name: string; readonly dtype: 'int64' }[] };

/** The inputs of traced ops that take the package's indices (int64 in the graph; any other input gets floats). */
const INDEX_INPUTS: Readonly<Record<string, readonly number[]>> = { maxUnpool2d: [1], embedding: [0] };

/**
 * The nodes of one traced op; returns the output's name (and its further outputs' when
 * `extraUsed`: max pooling's indices). `what` names it in errors.
 */
function emitTracedOp(graph: Graph, op: TracedOp, inputs: readonly (TracedValue | null)[], out: Probe, path: string, position: string, kind: string, what: string, extraUsed = false): EmittedOp {
  const x = inputs[0] as TracedValue;
  const value: Value = { name: x.name, probe: x.probe, sizes: undefined };
  const simple = Object.hasOwn(SIMPLE_OPS, op.op) ? SIMPLE_OPS[op.op] : undefined;
  if (simple !== undefined) return graph.node(path, simple, inputs.map((input) => (input as TracedValue).name));
  const attributes = op.attributes as Record<string, unknown>;
  switch (op.op) {
    case 'identity':
      return x.name;
    case 'relu6':
      return reluSixNode(graph, path, x.name);
    case 'leakyRelu':
      return graph.node(path, 'LeakyRelu', [x.name], { alpha: { float: attributes.negativeSlope as number } });
    case 'gelu':
      return geluNode(graph, path, x.name, attributes.approximate as string | undefined);
    // issue 12 activations
    case 'silu':
      return siluNode(graph, path, x.name);
    case 'hardswish':
      return graph.node(path, 'HardSwish', [x.name]);
    case 'hardsigmoid':
      return graph.node(path, 'HardSigmoid', [x.name], { alpha: { float: 1 / 6 }, beta: { float: 0.5 } });
    case 'mish':
      return mishNode(graph, path, x.name);
    case 'elu':
      return graph.node(path, 'Elu', [x.name], { alpha: { float: attributes.alpha as number } });
    case 'prelu':
      return preluNode(graph, path, x, inputs[1] as TracedValue);
    case 'dropout2d':
      throw cannotExport(
        position,
        kind,
        `${what}: dropout2d in training mode (p = ${String(attributes.p)}) is random, and an ONNX graph is the model in eval mode (pass training: this.training, or use a Dropout2d layer)`,
      );
    case 'dropout':
      throw cannotExport(
        position,
        kind,
        `${what}: dropout in training mode (p = ${String(attributes.p)}) is random, and an ONNX graph is the model in eval mode (pass training: this.training, or use a Dropout layer)`,
      );
    case 'conv2d':
      return convNode(graph, path, position, kind, value, (inputs[1] as TracedValue).name, inputs[2]?.name ?? null, attributes.params as ResolvedConv2dOptions);
    // ConvTranspose2d (issue 12): ONNX ConvTranspose, the weight in PyTorch's layout [C, M/group, kH, kW]
    case 'conv_transpose2d':
      return convTransposeNode(graph, path, value, (inputs[1] as TracedValue).name, inputs[2]?.name ?? null, attributes.params as ResolvedConvTranspose2dOptions);
    case 'maxPool2d':
    case 'avgPool2d': {
      const params = attributes.params as ResolvedPool2dOptions;
      if (!extraUsed) return poolNode(graph, path, position, kind, value, params);
      // returnIndices (issue 12): MaxPool's second output, made plane-local
      const [name, indices] = maxPoolIndicesNodes(graph, path, value, maxPoolAttributes(params));
      return { name, extra: [{ name: indices, dtype: 'int64' }] };
    }
    case 'adaptiveMaxPool2d': {
      const result = adaptiveMaxNode(graph, path, position, kind, value, out, attributes.outputSize as AdaptiveOutputSize, extraUsed);
      return typeof result === 'string' ? result : { name: result[0], extra: [{ name: result[1], dtype: 'int64' }] };
    }
    case 'maxUnpool2d':
      return maxUnpoolNode(graph, path, position, kind, value, inputs[1] as TracedValue, attributes.params as ResolvedMaxUnpool2dOptions, attributes.outputSize as number[] | null, out);
    case 'embedding':
      return embeddingNode(graph, path, asInt64(graph, path, x), (inputs[1] as TracedValue).name);
    case 'adaptiveAvgPool2d':
      return adaptiveNode(graph, path, position, kind, value, out);
    // resizing (issue 12): interpolate, pixelShuffle, pixelUnshuffle
    case 'upsample':
      return resizeNode(graph, path, position, kind, value, attributes.params as ResolvedUpsampleOptions, out);
    case 'pixelShuffle':
      return pixelShuffleNode(graph, path, position, kind, value, attributes.upscaleFactor as number);
    case 'pixelUnshuffle':
      return pixelUnshuffleNode(graph, path, position, kind, value, attributes.downscaleFactor as number);
    case 'batchNorm2d': {
      const [, mean, variance, scale, shift] = inputs;
      if (attributes.useBatchStats || !mean || !variance) {
        throw cannotExport(position, kind, `${what}: batchNorm2d with batch statistics (training mode, or no running statistics) is not ONNX BatchNormalization's inference`);
      }
      const channels = x.probe.a[x.probe.a.length - 3] as number;
      return batchNormNode(graph, path, value, channels, { scale: scale?.name ?? null, shift: shift?.name ?? null, mean: mean.name, variance: variance.name }, attributes.eps as number);
    }
    // issue 12: LayerNorm, GroupNorm, InstanceNorm2d, BatchNorm1d
    case 'layerNorm':
    case 'groupNorm':
    case 'instanceNorm':
    case 'batchNorm1d':
      return normLayerNode(graph, op.op, path, position, kind, what, value, inputs, attributes);
    case 'linear':
      return linearNode(graph, path, value, (inputs[1] as TracedValue).name, inputs[2]?.name ?? null);
    case 'flatten':
      return flattenNode(graph, path, position, kind, value, out, attributes.startDim as number, attributes.endDim as number);
    case 'reshape':
      return reshapeNode(graph, path, position, kind, value, out);
    case 'permute':
      return graph.node(path, 'Transpose', [x.name], { perm: attributes.order as number[] });
    case 'cat':
      return graph.node(path, 'Concat', inputs.map((input) => (input as TracedValue).name), { axis: attributes.dim as number });
    case 'pad': {
      // PyTorch lists (begin, end) pairs from the last dim backwards; ONNX all begins, then all ends
      const list = attributes.pads as number[];
      const rank = x.probe.a.length;
      const begins = new Array<number>(rank).fill(0);
      const ends = new Array<number>(rank).fill(0);
      for (let k = 0; 2 * k < list.length; k++) {
        begins[rank - 1 - k] = list[2 * k] as number;
        ends[rank - 1 - k] = list[2 * k + 1] as number;
      }
      const pads = graph.int64s(`${path}/pads`, [2 * rank], [...begins, ...ends]);
      const mode = padMode(graph, position, kind, 'pad mode', attributes.mode as 'constant');
      if (mode !== 'constant') return graph.node(path, 'Pad', [x.name, pads], { mode });
      const fill = graph.floats(`${path}/value`, [], Float32Array.of(attributes.value as number));
      return graph.node(path, 'Pad', [x.name, pads, fill], { mode });
    }
    case 'sum':
    case 'mean':
      return reduceNode(graph, path, op.op === 'sum' ? 'ReduceSum' : 'ReduceMean', x.name, attributes.axis as number | undefined, attributes.keepdim as boolean);
    case 'softmax':
      return graph.node(path, 'Softmax', [x.name], { axis: attributes.axis as number });
    case 'logSoftmax':
      return graph.node(path, 'LogSoftmax', [x.name], { axis: attributes.axis as number });
    case 'argmax': {
      // PyTorch's argmax without a dim is over the flattened input; ONNX's gives int64: cast back to float
      const axis = attributes.axis as number | undefined;
      const keepdims = attributes.keepdim ? 1 : 0;
      const source = axis === undefined ? graph.node(path, 'Reshape', [x.name, graph.int64s(`${path}/shape`, [1], [-1])]) : x.name;
      const index = graph.node(path, 'ArgMax', [source], { axis: axis ?? 0, keepdims: axis === undefined ? 0 : keepdims });
      return graph.node(path, 'Cast', [index], { to: TensorProto_DataType.FLOAT });
    }
    default:
      throw cannotExport(position, kind, `${what}: no ONNX mapping for the op ${op.op}`);
  }
}

/**
 * issue 12: the nodes of `layerNorm` (LayerNormalization, opset 17), `groupNorm` (decomposed:
 * Reshape to `[N, G, -1]`, InstanceNormalization with unit scale, Reshape back, the per-channel
 * weight and bias as Mul and Add), `instanceNorm` (InstanceNormalization) and `batchNorm1d`
 * (BatchNormalization on running statistics).
 */
function normLayerNode(
  graph: Graph,
  op: string,
  path: string,
  position: string,
  kind: string,
  what: string,
  value: Value,
  inputs: readonly (TracedValue | null)[],
  attributes: Record<string, unknown>,
): string {
  const rank = value.probe.a.length;
  const epsilon = { epsilon: { float: attributes.eps as number } };
  const ones = (name: string, shape: readonly number[], fill: number): string =>
    graph.floats(`${path}/${name}`, shape, new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(fill));
  switch (op) {
    case 'layerNorm': {
      const shape = attributes.normalizedShape as number[];
      if (graph.opset < 17) throw cannotExport(position, kind, `${what}: LayerNormalization exists from opset 17 (this export: opset ${graph.opset})`);
      const scale = inputs[1]?.name ?? ones('scale', shape, 1);
      const args = inputs[2] ? [value.name, scale, inputs[2].name] : [value.name, scale];
      return graph.node(path, 'LayerNormalization', args, { axis: -shape.length, ...epsilon });
    }
    case 'groupNorm': {
      const groups = attributes.numGroups as number;
      const channels = value.probe.a[1] as number;
      const grouped = graph.node(path, 'Reshape', [value.name, graph.int64s(`${path}/grouped`, [3], [0, groups, -1])]);
      const normalized = graph.node(path, 'InstanceNormalization', [grouped, ones('scale', [groups], 1), ones('B', [groups], 0)], epsilon);
      let y = graph.node(path, 'Reshape', [normalized, graph.node(path, 'Shape', [value.name])]);
      const perChannel = (name: string): string => graph.node(path, 'Reshape', [name, graph.int64s(`${path}/channels`, [rank - 1], [channels, ...new Array<number>(rank - 2).fill(1)])]);
      if (inputs[1]) y = graph.node(path, 'Mul', [y, perChannel(inputs[1].name)]);
      if (inputs[2]) y = graph.node(path, 'Add', [y, perChannel(inputs[2].name)]);
      return y;
    }
    case 'instanceNorm': {
      const channels = value.probe.a[rank - 3] as number;
      const scale = inputs[1]?.name ?? ones('scale', [channels], 1);
      const shift = inputs[2]?.name ?? ones('B', [channels], 0);
      return batched(graph, value, path, (input) => graph.node(path, 'InstanceNormalization', [input, scale, shift], epsilon));
    }
    default: {
      const [, mean, variance, scale, shift] = inputs;
      if (attributes.useBatchStats || !mean || !variance) {
        throw cannotExport(position, kind, `${what}: batchNorm1d with batch statistics (training mode, or no running statistics) is not ONNX BatchNormalization's inference`);
      }
      const channels = value.probe.a[1] as number;
      return graph.node(path, 'BatchNormalization', [value.name, scale?.name ?? ones('scale', [channels], 1), shift?.name ?? ones('B', [channels], 0), mean.name, variance.name], epsilon);
    }
  }
}

/** Runs `fn` with `root` and every module below it in eval mode, and restores each one's mode after. */
function inEvalMode<T>(root: object, fn: () => T): T {
  type Trainable = { training?: unknown; train?: (mode: boolean) => unknown };
  const modes = namedModulesOf(root).map(([, module]) => [module as Trainable, (module as Trainable).training] as const);
  const setMode = (module: object, mode: boolean): void => {
    const train = (module as Trainable).train;
    if (typeof train === 'function') train.call(module, mode);
    else trainChildren(module, mode);
  };
  try {
    setMode(root, false);
    return fn();
  } finally {
    // parents first: a parent's train sets its children, which then get their own mode back
    for (const [module, mode] of modes) if (typeof mode === 'boolean' && typeof module.train === 'function') module.train(mode);
  }
}

/** One run of a block's forward on a random input of `shape`, traced. */
function traceRun(layer: Layer, shape: readonly number[], seed: number, position: string, kind: string, integral = false): { input: Tensor; result: unknown; ops: TracedOp[] } {
  const normal = randn(shape, { seed, requiresGrad: !integral });
  // indices (an Embedding's input): random 0s and 1s, which every table of two rows or more has
  const input = integral ? new Tensor(normal.data.map((v) => (v > 0 ? 1 : 0)), [...shape]).requiresGrad_() : normal;
  try {
    const { result, ops } = traceOps(() => (layer.forward as (x: Tensor) => unknown)(input));
    return { input, result, ops };
  } catch (error) {
    throw cannotExport(position, kind, `its forward failed on a random ${integral ? 'integral (0 or 1) ' : ''}input of shape ${formatList(shape)}: ${(error as Error).message}`);
  }
}

/**
 * The two traced runs: on random inputs, or, when the forward refuses those (it reads its input
 * as indices, as an Embedding does), on random 0s and 1s; the first error when both fail.
 */
function traceRuns(layer: Layer, sizes: Probe, position: string, kind: string): readonly [ReturnType<typeof traceRun>, ReturnType<typeof traceRun>] {
  try {
    return [traceRun(layer, sizes.a, 1, position, kind), traceRun(layer, sizes.b, 2, position, kind)];
  } catch (error) {
    try {
      return [traceRun(layer, sizes.a, 1, position, kind, true), traceRun(layer, sizes.b, 2, position, kind, true)];
    } catch {
      throw error;
    }
  }
}

function emitTraced(graph: Graph, layer: Layer, x: Value, path: string, position: string, kind: string): Value {
  if (typeof (layer as Partial<Layer>).forward !== 'function') throw cannotExport(position, kind, 'it has no forward to trace');
  const probe = probeThrough(layer, x.probe, position, kind);
  const sizes = x.sizes;
  if (sizes === undefined) {
    throw cannotExport(position, kind, `its forward is traced on an input of a size, and no small sizes for the named dims pass the model's checks (export with literal sizes)`);
  }
  const runs = traceRuns(layer, sizes, position, kind);
  const [ra, rb] = runs;
  const describe = (index: number): string => `its forward's op ${index + 1} (${(ra.ops[index] as TracedOp).op})`;
  const different = (why: string): Error =>
    cannotExport(position, kind, `its forward ran differently on inputs of shapes ${formatList(sizes.a)} and ${formatList(sizes.b)} (${why}): control flow that depends on sizes or values cannot be one ONNX graph`);
  if (ra.ops.length !== rb.ops.length) throw different(`${ra.ops.length} ops, then ${rb.ops.length}`);
  ra.ops.forEach((op, i) => {
    const other = rb.ops[i] as TracedOp;
    if (op.op !== other.op || op.inputs.length !== other.inputs.length || JSON.stringify(op.attributes) !== JSON.stringify(other.attributes)) {
      throw different(`op ${i + 1}: ${op.op}, then ${other.op}`);
    }
  });
  // which op made each tensor, in the first run
  const producer = new Map<unknown, number>();
  ra.ops.forEach((op, i) => {
    producer.set(op.output, i);
    for (const extra of op.extraOutputs) producer.set(extra, i);
  });
  const output = ra.result;
  if (!(output instanceof Tensor)) throw cannotExport(position, kind, 'its forward does not return a tensor');
  // the ops the output depends on (others, such as checks, are left out), and the tensors used
  const needed = new Set<number>();
  const used = new Set<unknown>();
  const stack: unknown[] = [output];
  while (stack.length > 0) {
    const tensor = stack.pop();
    const index = producer.get(tensor);
    if (index === undefined) continue;
    used.add(tensor);
    if (needed.has(index)) continue;
    needed.add(index);
    for (const input of (ra.ops[index] as TracedOp).inputs) stack.push(input);
  }
  // an int64 value (indices) read by a float op: one Cast to float per value
  const floats = new Map<string, string>();
  const asFloat = (value: TracedValue): TracedValue => {
    if (value.dtype !== 'int64') return value;
    let name = floats.get(value.name);
    if (name === undefined) floats.set(value.name, (name = graph.node(path, 'Cast', [value.name], { to: TensorProto_DataType.FLOAT })));
    return { name, probe: value.probe };
  };
  const valuesA = new Map<unknown, TracedValue>([[ra.input, { name: x.name, probe: x.probe }]]);
  const valuesB = new Map<unknown, TracedValue>([[rb.input, { name: x.name, probe: x.probe }]]);
  // a tensor no traced op made: a parameter, a buffer or a constant — or what an untraced op made from the input
  const constant = (a: Tensor, b: Tensor, what: string): TracedValue => {
    if (a.gradFn !== null) {
      throw cannotExport(position, kind, `${what} reads a tensor made by ${a.gradFn.name}, which exportOnnx cannot trace (it traces the package's ops and layers: docs/interop.md)`);
    }
    const name = a === b ? graph.weight(a, `${path}/Constant`) : undefined;
    if (name !== undefined) return { name, probe: { a: a.shape as readonly number[], b: a.shape as readonly number[] } };
    if (!sameShape(a.shape as readonly number[], b.shape as readonly number[]) || !a.data.every((v, k) => Object.is(v, b.data[k]))) {
      throw cannotExport(
        position,
        kind,
        `${what} reads a tensor that its forward made from the input without a traced op (its ${sameShape(a.shape as readonly number[], b.shape as readonly number[]) ? 'values differ' : 'shape differs'} between two runs): build it with the package's ops`,
      );
    }
    return { name: graph.floats(`${path}/Constant`, a.shape as readonly number[], a.data), probe: { a: a.shape as readonly number[], b: a.shape as readonly number[] } };
  };
  ra.ops.forEach((op, i) => {
    if (!needed.has(i)) return;
    const other = rb.ops[i] as TracedOp;
    const what = describe(i);
    const inputs = op.inputs.map((a, j): TracedValue | null => {
      const b = other.inputs[j] ?? null;
      if (a === null || b === null) {
        if (a !== b) throw different(`${what}: an input given once`);
        return null;
      }
      const value = valuesA.get(a);
      if (value !== undefined) {
        if (valuesB.get(b)?.name !== value.name) throw different(`${what}: its input ${j + 1} comes from elsewhere`);
        return value;
      }
      const made = constant(a as Tensor, b as Tensor, what);
      valuesA.set(a, made);
      valuesB.set(b, made);
      return made;
    });
    const out: Probe = { a: op.output.shape, b: other.output.shape };
    const indexInputs = Object.hasOwn(INDEX_INPUTS, op.op) ? (INDEX_INPUTS[op.op] as readonly number[]) : [];
    const typed = inputs.map((input, j) => (input === null || indexInputs.includes(j) ? input : asFloat(input)));
    const extraUsed = op.extraOutputs.some((extra) => used.has(extra));
    const emitted = emitTracedOp(graph, op, typed, out, path, position, kind, what, extraUsed);
    const value = { name: typeof emitted === 'string' ? emitted : emitted.name, probe: out };
    valuesA.set(op.output, value);
    valuesB.set(other.output, value);
    if (typeof emitted !== 'string') {
      emitted.extra.forEach((extra, k) => {
        const [a, b] = [op.extraOutputs[k] as Traceable, other.extraOutputs[k] as Traceable];
        const made: TracedValue = { name: extra.name, probe: { a: a.shape, b: b.shape }, dtype: extra.dtype };
        valuesA.set(a, made);
        valuesB.set(b, made);
      });
    }
  });
  const traced = valuesA.get(output);
  // the block's output is float, as the runtime's (indices it returns are cast)
  const result = traced === undefined ? undefined : asFloat(traced);
  if (result === undefined || (output.gradFn !== null && !producer.has(output) && output !== ra.input)) {
    throw cannotExport(position, kind, output.gradFn ? `its forward returns a tensor made by ${output.gradFn.name}, which exportOnnx cannot trace` : 'its forward returns a tensor that does not depend on its input');
  }
  const expected = sizesThrough(layer, sizes);
  const got = { a: output.shape as readonly number[], b: rb.result instanceof Tensor ? (rb.result.shape as readonly number[]) : [] };
  if (expected !== undefined && (!sameShape(expected.a, got.a) || !sameShape(expected.b, got.b))) {
    throw cannotExport(position, kind, `its forward returned ${formatList(got.a)} where its outputShape says ${formatList(expected.a)}`);
  }
  return { name: result.name, probe, sizes: got };
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

/** Small sizes for spatial names to try, smallest first (a name at dim 0, the batch, is 2 and 3). */
const TRACE_SIZES = [32, 64, 128, 224, 512];

/**
 * Two runnable input shapes for tracing block classes: names as small sizes (a different pair
 * per name) that pass every layer's checks (`fits`), or undefined when none do.
 */
function runnableSizes(declared: readonly (number | string)[], names: readonly string[], fits: (shape: readonly number[]) => boolean): Probe | undefined {
  const first = declared[0];
  for (const base of TRACE_SIZES) {
    const pick = (r: 0 | 1) =>
      declared.map((dim) => {
        if (typeof dim === 'number') return dim;
        if (dim === first) return 2 + r;
        const k = names.indexOf(dim);
        return base + r * (base / 2) + 8 * k;
      });
    const sizes = { a: pick(0), b: pick(1) };
    if (fits(sizes.a) && fits(sizes.b)) return sizes;
    if (names.length === 0 || (names.length === 1 && names[0] === first)) return undefined; // nothing else to try
  }
  return undefined;
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
 * `cat` blocks to their paths' nodes and an `Add` or a `Concat`. Your own block classes are
 * traced, as `torch.onnx.export` does: their `forward` runs (in eval mode, on two random inputs,
 * names standing for two small sizes) and the package's ops it calls become nodes; the model's
 * modes are restored afterwards. What the trace cannot see is an error that names the block: a
 * value computed without the package's ops, an op with no ONNX equivalent, or a `forward` that
 * takes another path for another size.
 *
 * @throws {Error} `exportOnnx: layer <position> (<kind>) cannot be exported: <why>` for a layer
 *   with no ONNX equivalent: `BatchNorm2d` without running statistics, `AvgPool2d` with
 *   `divisorOverride`, an `AdaptiveAvgPool2d` or `AdaptiveMaxPool2d` whose windows differ in size, a circular padding
 *   below opset 19, a block class whose `forward` cannot be traced.
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
export function exportOnnx(model: Pick<Sequential<Shape>, 'inputShape' | 'layers' | 'namedChildren' | 'stateDict'> | Layer, options: ExportOnnxOptions = {}): Uint8Array {
  if (typeof options !== 'object' || options === null) throw new TypeError('exportOnnx: options must be an object');
  const opset = options.opset ?? MIN_OPSET;
  if (typeof opset !== 'number' || !Number.isInteger(opset) || opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new RangeError(`exportOnnx: opset must be an integer from ${MIN_OPSET} to ${MAX_OPSET}, got ${String(opset)}`);
  }
  const inputName = checkName('inputName', options.inputName, 'input');
  const outputName = checkName('outputName', options.outputName, 'output');
  if (inputName === outputName) throw new RangeError(`exportOnnx: inputName and outputName must differ, both are '${inputName}'`);
  const isModel = model instanceof Sequential;
  if (!isModel && (model === null || typeof model !== 'object' || typeof (model as Partial<Layer>).outputShape !== 'function' || typeof (model as Partial<Layer>).kind !== 'string')) {
    throw new TypeError(`exportOnnx: expected a Sequential model or a block (a kind, outputShape and forward), got ${kindOf(model)}`);
  }
  let declared: readonly (number | string)[];
  if (isModel) {
    if (options.inputShape !== undefined) throw new TypeError('exportOnnx: options.inputShape is for a block; a Sequential has its declared input shape');
    declared = model.inputShape;
  } else {
    if (!Array.isArray(options.inputShape)) throw new TypeError(`exportOnnx: a ${kindOf(model)} block needs options.inputShape (a Sequential has its own)`);
    declared = options.inputShape;
  }
  const batch = options.batch ?? 'dynamic';
  if (batch !== 'dynamic') {
    if (typeof batch !== 'number' || !Number.isInteger(batch) || batch < 1) throw new RangeError(`exportOnnx: batch must be 'dynamic' or a positive integer, got ${String(batch)}`);
    if (typeof declared[0] === 'string') declared = [batch, ...declared.slice(1)];
    else if (declared[0] !== batch) throw new RangeError(`exportOnnx: batch ${batch} fixes a named first dim, but the input's first dim is ${String(declared[0])}`);
  }
  const { probe, names } = probeInput(declared);
  const layers: readonly Layer[] = isModel ? (model.layers as readonly Layer[]) : [model as Layer];
  const fits = (shape: readonly number[]): boolean => {
    try {
      layers.reduce<readonly number[]>((s, layer) => layer.outputShape(s), shape);
      return true;
    } catch {
      return false;
    }
  };
  const sizes = runnableSizes(declared, names, fits);
  const state = stateDictOf(model);
  const graph = new Graph(opset, state, [inputName, outputName]);
  const input: Value = { name: inputName, probe, sizes };
  const last = inEvalMode(model, () =>
    isModel ? emitLayers(graph, model.namedChildren(), input, '', '') : emitLayer(graph, model as Layer, input, '', '1'),
  );
  // the last value is the graph's output: its node's output renamed, or an Identity (a model that
  // only passes its input on)
  const producer = graph.nodes.find((node) => node.output[0] === last.name);
  if (producer) producer.output[0] = outputName;
  else {
    graph.node('', 'Identity', [last.name]);
    (graph.nodes[graph.nodes.length - 1] as NodeProto).output[0] = outputName;
  }
  // weights in the stateDict's order (a traced op may read them in another), then the rest
  const order = new Map([...state.keys()].map((key, i) => [key, i]));
  const rank = (name: string): number => order.get(name) ?? order.size;
  const initializers = graph.initializers.map((tensor, i) => [tensor, i] as const).sort(([a, i], [b, j]) => rank(a.name) - rank(b.name) || i - j).map(([tensor]) => tensor);
  const outputDims = displayShape(last.probe, names);
  const onnxGraph = create(GraphProtoSchema, {
    name: isModel ? 'shapecheck' : kindOf(model),
    node: graph.nodes,
    initializer: initializers,
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
