/**
 * The tape: which operation made a tensor, and how to send a gradient back through it
 * (reverse mode, define-by-run, as PyTorch's autograd). An op that produces a tensor from inputs
 * that require grad calls {@link record} with a closure that maps the output's gradient to its
 * inputs' gradients (the gradient sits next to its op, in ops/); `Tensor.backward` walks the
 * recorded graph once, in reverse topological order, and accumulates into the leaves' `.grad`.
 *
 * This module knows tensors only through {@link Differentiable} (it is imported by the Tensor
 * class), and no op: each node is a name, its inputs and a closure.
 * @packageDocumentation
 */

/**
 * What the tape needs of a tensor: its values and shape, whether it requires grad, the node that
 * made it, its version (bumped by in-place changes), and a way to take a leaf's gradient.
 *
 * @example
 * ```ts
 * import { ones, type Differentiable } from 'shapecheck';
 * const leaf: Differentiable = ones([2], { requiresGrad: true });
 * leaf.gradFn;
 * //=> null
 * ```
 * @category Autograd
 */
export interface Differentiable {
  readonly data: Float32Array;
  readonly shape: readonly number[];
  readonly requiresGrad: boolean;
  readonly gradFn: GradNode | null;
  readonly version: number;
  /** Adds `values` (the gradient of a leaf) into `.grad`, creating it when it is null. */
  accumulateGrad(values: Float32Array): void;
}

/**
 * One recorded operation (PyTorch's `grad_fn`): its name (`'Conv2dBackward'`), its inputs (null
 * where an input does not require grad), and the closure that maps the output's gradient to the
 * inputs' (null once the graph has been freed by a backward pass without `retainGraph`).
 *
 * @example
 * ```ts
 * import { mul, ones } from 'shapecheck';
 * const w = ones([2], { requiresGrad: true });
 * mul(w, w).gradFn?.name;
 * //=> 'MulBackward'
 * ```
 * @category Autograd
 */
export interface GradNode {
  readonly name: string;
  readonly inputs: readonly (Differentiable | null)[];
  /** @internal the gradient closure; null once freed. */
  apply: ((gradOutput: Float32Array) => readonly (Float32Array | null)[]) | null;
  /** @internal the tensors the closure reads, with their versions when recorded. */
  readonly saved: readonly (readonly [Differentiable, number])[];
}

let gradEnabled = true;

/**
 * Whether operations record themselves for backward now (false inside {@link noGrad}).
 *
 * @example
 * ```ts
 * import { isGradEnabled, noGrad } from 'shapecheck';
 * noGrad(() => isGradEnabled());
 * //=> false
 * ```
 * @category Autograd
 */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Runs `fn` with recording off, as PyTorch's `with torch.no_grad():` (inference, or updating
 * parameters in place): nothing computed inside requires grad. Restored afterwards, also when
 * `fn` throws.
 *
 * @example
 * ```ts
 * import { mul, noGrad, ones } from 'shapecheck';
 * const w = ones([2], { requiresGrad: true });
 * noGrad(() => mul(w, w)).requiresGrad;
 * //=> false
 * ```
 * @category Autograd
 */
export function noGrad<T>(fn: () => T): T {
  const before = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = before;
  }
}

/**
 * A tensor {@link record} can mark as computed (`Tensor` is one).
 *
 * @example
 * ```ts
 * import { zeros, type Recordable } from 'shapecheck';
 * const output: Recordable = zeros([2]);
 * output.requiresGrad;
 * //=> false
 * ```
 * @category Autograd
 */
export interface Recordable extends Differentiable {
  /** @internal */
  attachGradFn(node: GradNode): void;
}

/**
 * Records that `output` was computed from `inputs` (when recording is on and any input requires
 * grad): `backward` maps the output's gradient (same length as its data) to one gradient per
 * input, in order (null for an input that needs none). `saved` are the tensors `backward` reads;
 * changing one in place before backward is an error there, as in PyTorch. `backward` must not
 * change the array it is given (other nodes may share it); it may return that array itself (a
 * gradient that passes through unchanged) and the same array for several inputs: the tape never
 * writes into what `backward` gets or returns.
 *
 * @returns `output`, now requiring grad when an input does.
 * @example
 * ```ts
 * import { ones, record, Tensor } from 'shapecheck';
 * const x = ones([3], { requiresGrad: true });
 * const doubled = record(new Tensor(x.data.map((v) => 2 * v), [3]), 'DoubleBackward', [x], (g) => [g.map((v) => 2 * v)]);
 * doubled.requiresGrad;
 * //=> true
 * ```
 * @category Autograd
 */
export function record<T extends Recordable>(
  output: T,
  name: string,
  inputs: readonly (Differentiable | null | undefined)[],
  backward: (gradOutput: Float32Array) => readonly (Float32Array | null)[],
  saved: readonly Differentiable[] = [],
): T {
  if (!gradEnabled || !inputs.some((input) => input?.requiresGrad)) return output;
  output.attachGradFn({
    name,
    inputs: inputs.map((input) => (input?.requiresGrad ? input : null)),
    apply: backward,
    saved: saved.map((tensor) => [tensor, tensor.version] as const),
  });
  return output;
}

const SECOND_BACKWARD =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ' +
  'Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). ' +
  'Specify retain_graph=True (retainGraph: true) if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

/** `[2, 3]` as PyTorch names a saved tensor in its in-place message. */
const describeSaved = (tensor: Differentiable): string => `[torch.FloatTensor [${tensor.shape.join(', ')}]]`;

/**
 * Sends `gradient` (the root's ∂loss/∂root) back through the graph that made `root`: every leaf
 * that requires grad gets its gradient added to `.grad`. Without `retainGraph` the graph's saved
 * values are freed on the way. Called by `Tensor.backward`, which checks the gradient's shape.
 *
 * @throws {Error} PyTorch's messages: the graph already freed, a saved tensor changed in place.
 */
export function runBackward(root: Differentiable, gradient: Float32Array, retainGraph: boolean): void {
  if (!root.gradFn) {
    root.accumulateGrad(gradient);
    return;
  }
  // the nodes reachable from the root, and how many edges lead into each
  const pending = new Map<GradNode, number>();
  const stack: GradNode[] = [root.gradFn];
  pending.set(root.gradFn, 0);
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const input of node.inputs) {
      const parent = input?.gradFn;
      if (!parent) continue;
      const count = pending.get(parent);
      if (count === undefined) {
        pending.set(parent, 1);
        stack.push(parent);
      } else pending.set(parent, count + 1);
    }
  }
  // check before anything is written: a failed backward changes no .grad
  for (const node of pending.keys()) {
    if (!node.apply) throw new Error(SECOND_BACKWARD);
    for (const [tensor, version] of node.saved) {
      if (tensor.version !== version) {
        throw new Error(
          `one of the variables needed for gradient computation has been modified by an inplace operation: ${describeSaved(tensor)}, ` +
            `which is saved by ${node.name}; is at version ${tensor.version}; expected version ${version} instead.`,
        );
      }
    }
  }
  const grads = new Map<GradNode, Float32Array>([[root.gradFn, gradient]]);
  const sums = new Set<Float32Array>();
  const leaves: [Differentiable, Float32Array][] = [];
  const ready: GradNode[] = [root.gradFn];
  while (ready.length > 0) {
    const node = ready.pop()!;
    const gradOutput = grads.get(node)!;
    grads.delete(node);
    const inputGrads = node.apply!(gradOutput);
    if (!retainGraph) node.apply = null;
    node.inputs.forEach((input, i) => {
      const grad = inputGrads[i];
      if (!input || !grad) return;
      const parent = input.gradFn;
      if (!parent) {
        leaves.push([input, grad]);
        return;
      }
      // kept by reference: nothing here writes into an array a closure returned (a closure may
      // hand the same array to several inputs, as add gives g to both, or pass its own gradOutput
      // on, as reshape does); a second gradient for the same node makes a sum of the engine's own
      const sum = grads.get(parent);
      if (!sum) grads.set(parent, grad);
      else if (sums.has(sum)) for (let k = 0; k < sum.length; k++) sum[k]! += grad[k]!;
      else {
        const total = new Float32Array(sum.length);
        for (let k = 0; k < total.length; k++) total[k] = sum[k]! + grad[k]!;
        grads.set(parent, total);
        sums.add(total);
      }
      const left = pending.get(parent)! - 1;
      pending.set(parent, left);
      if (left === 0) ready.push(parent);
    });
  }
  for (const [leaf, grad] of leaves) leaf.accumulateGrad(grad);
}
