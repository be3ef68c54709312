/**
 * Op tracing, for exporting code that is not a list of layers (a block class's `forward`): while
 * {@link traceOps} runs a function, every op appends what it computed — its name, the tensors it
 * read and made, and the options that decide its result — to a list, as `torch.jit.trace` and
 * `torch.onnx.export` record a run. Ops call {@link traced} beside their `record` call; outside a
 * trace it costs one comparison.
 *
 * This module knows tensors only as objects with a shape and data (it sits beside the tape, below
 * the Tensor class), and no file format: io/onnx.ts maps the recorded ops to ONNX nodes.
 * @packageDocumentation
 */

/** What a trace keeps of a tensor. */
export interface Traceable {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** One op as a trace recorded it. */
export interface TracedOp {
  /** The op's name as the package exports it: `'conv2d'`, `'relu'`, `'add'`, `'reshape'`, ... */
  readonly op: string;
  /** The tensors it read, in the op's order (null for an optional one not given, as a bias). */
  readonly inputs: readonly (Traceable | null)[];
  readonly output: Traceable;
  /** Its further outputs, when it has more than one (max pooling's indices), in the op's order. */
  readonly extraOutputs: readonly Traceable[];
  /** What else decides the result: resolved options (`{ dim: 1 }`, a convolution's parameters). */
  readonly attributes: Readonly<Record<string, unknown>>;
}

let recording: TracedOp[] | null = null;

/**
 * Records `output` as made by `op` from `inputs` when a trace is running; returns `output`.
 * Ops call it with the options that decide their result, already resolved, and the further
 * tensors the same computation made (`extraOutputs`: max pooling's indices).
 */
export function traced<T extends Traceable>(
  output: T,
  op: string,
  inputs: readonly (Traceable | null)[],
  attributes: Readonly<Record<string, unknown>> = {},
  extraOutputs: readonly Traceable[] = [],
): T {
  if (recording !== null) recording.push({ op, inputs: [...inputs], output, attributes, extraOutputs: [...extraOutputs] });
  return output;
}

/**
 * Runs `fn` and returns its result with the ops it ran, in order. Ops that compose others are
 * recorded once: a traced op's inner ops run untraced ({@link untraced}). Restored afterwards,
 * also when `fn` throws.
 */
export function traceOps<T>(fn: () => T): { result: T; ops: TracedOp[] } {
  const before = recording;
  const ops: TracedOp[] = [];
  recording = ops;
  try {
    return { result: fn(), ops };
  } finally {
    recording = before;
  }
}

/** Runs `fn` without recording (an op built from other ops records itself, not its parts). */
export function untraced<T>(fn: () => T): T {
  const before = recording;
  recording = null;
  try {
    return fn();
  } finally {
    recording = before;
  }
}
