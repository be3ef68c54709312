import { add, cat } from '../ops/combine.js';
import { mul } from '../ops/elementwise.js';
import { broadcastShape, catShape } from '../shape/broadcast.js';
import type { Dim } from '../shape/shape.js';
import { Tensor } from '../tensor/tensor.js';
import type { Layer } from './sequential.js';
import { Module } from './module.js';

/**
 * What a branch is to the blocks that hold one (`Residual`, `Cat`): its layers, run in order. The
 * model a branch callback returns is one.
 *
 * @example
 * ```ts
 * import { ReLU, Sequential, type Branch } from 'shapecheck';
 * const branch: Branch = new Sequential([1, 8, 4, 4]).add(new ReLU());
 * branch.layers.length;
 * //=> 1
 * ```
 * @category Models
 */
export interface Branch {
  readonly layers: readonly Layer[];
  /** The layers named by their index from 0, as `torch.nn.Sequential` names its children. */
  namedChildren(): [string, Layer][];
  /** Runs the layers in order; an error names the failing layer's position. */
  run(input: Tensor): Tensor;
}

/** The tensor a layer gives the block holding it as the block's own parameter (a LayerScale's), or undefined. */
function ownedParameter(layer: object): Tensor | undefined {
  const own = (layer as { blockParameter?: () => unknown }).blockParameter;
  if (typeof own !== 'function') return undefined;
  const parameter = own.call(layer);
  return parameter instanceof Tensor ? parameter : undefined;
}

/**
 * What a block's branch adds to the block's position in its layers' positions (`5.` + label +
 * their own): the main path nothing (`5.2`), the shortcut `shortcut.` (`5.shortcut.1`), a `cat`
 * branch its number from 1 (`5.2.1`). Messages and summaries both number layers with these.
 */
export const branchLabel = {
  main: '',
  shortcut: 'shortcut.',
  parallel: (index: number): string => `${index + 1}.`,
} as const;

/** A branch's output shape for an input shape, layer after layer. */
function branchShape(branch: Branch, inputShape: readonly number[]): number[] {
  return branch.layers.reduce<number[]>((shape, layer) => layer.outputShape(shape), [...inputShape]);
}

/** A path's output for a shape of names and expressions, or undefined when a layer of it has no symbolic rule (your own layers). */
function branchSymbolicShape(branch: Branch, inputShape: readonly Dim[]): Dim[] | undefined {
  let shape: Dim[] | undefined = [...inputShape];
  for (const layer of branch.layers) {
    const rule = (layer as { symbolicOutputShape?: (shape: readonly Dim[]) => Dim[] | undefined }).symbolicOutputShape;
    if (typeof rule !== 'function' || shape === undefined) {
      // a layer of your own: what the path computed when it was built on this shape, if it was
      const built = (branch as { symbolicOutputFor?: (input: readonly Dim[]) => Dim[] | undefined }).symbolicOutputFor;
      return typeof built === 'function' ? built.call(branch, inputShape) : undefined;
    }
    shape = rule.call(layer, shape);
  }
  return shape;
}

/**
 * A block of two paths joined element-wise with PyTorch's broadcasting: `Residual` sums them,
 * `Mul` multiplies them. What the two share: the main path, the second path (the identity when
 * `null`), its name, and the shape rules (both paths' shapes, broadcast, in the op's words).
 *
 * @example
 * ```ts
 * import { ReLU, Sequential, TwoPathBlock } from 'shapecheck';
 * const model = new Sequential([1, 8, 4, 4]).residual((x) => x.add(new ReLU()));
 * model.layers[0] instanceof TwoPathBlock;
 * //=> true
 * ```
 * @category Models
 */
export abstract class TwoPathBlock extends Module {
  /** The layer's kind, as summaries and messages name it. */
  abstract readonly kind: string;
  /** The op that joins the paths, as its messages name it (`add`, `mul`). */
  protected abstract readonly op: 'add' | 'mul';
  constructor(
    /** The main path. */
    readonly branch: Branch,
    /** The second path (a downsampling `Conv2d` + `BatchNorm2d` in ResNet), or `null` for the identity. */
    readonly shortcut: Branch | null,
    /** The second path's name in `namedParameters()` and `stateDict()` (torchvision's ResNet: `'downsample'`). */
    readonly shortcutName = 'shortcut',
  ) {
    super();
    // a layer of the main path that is a parameter of the block (a LayerScale: `blockParameter()`)
    // is the block's own, named by the layer's name, as a module's `nn.Parameter` attribute
    // (torchvision's CNBlock.layer_scale): listed before its children, as PyTorch lists them
    for (const [name, layer] of branch.namedChildren()) {
      const parameter = ownedParameter(layer);
      if (parameter) Object.defineProperty(this, name, { value: parameter, enumerable: true });
    }
  }

  /**
   * Its children: the main path's layers (by index from 0, or their names; a layer whose
   * parameter the block owns is not a child), then the second path (`shortcut`, or its name)
   * when there is one.
   */
  override namedChildren(): [string, Layer | Branch][] {
    const main: [string, Layer | Branch][] = this.branch.namedChildren().filter(([, layer]) => !ownedParameter(layer));
    return this.shortcut ? [...main, [this.shortcutName, this.shortcut]] : main;
  }

  /** The paths, main first: what summaries list under the layer. */
  get branches(): readonly Branch[] {
    return this.shortcut ? [this.branch, this.shortcut] : [this.branch];
  }

  /** The paths with the labels their layers' positions carry ({@link branchLabel}). */
  labeledBranches(): [string, Branch][] {
    return this.shortcut ? [[branchLabel.main, this.branch], [branchLabel.shortcut, this.shortcut]] : [[branchLabel.main, this.branch]];
  }

  /**
   * The output shape for an input shape: both paths' shapes, broadcast.
   *
   * @throws {ShapeError} when a layer of a path does not fit, or the paths cannot be joined.
   */
  outputShape(inputShape: readonly number[]): number[] {
    const main = branchShape(this.branch, inputShape);
    return broadcastShape(main, this.shortcut ? branchShape(this.shortcut, inputShape) : inputShape, this.op);
  }

  /**
   * The output shape for a shape of names and expressions (both paths' expressions, broadcast: an
   * expression proved different from the other path's is the op's error), or undefined when a
   * path holds a layer without a symbolic rule.
   *
   * @throws {ShapeError} when a layer of a path, or the join, provably does not fit.
   */
  symbolicOutputShape(inputShape: readonly Dim[]): Dim[] | undefined {
    const main = branchSymbolicShape(this.branch, inputShape);
    const side = this.shortcut ? branchSymbolicShape(this.shortcut, inputShape) : [...inputShape];
    return main && side ? broadcastShape(main, side, this.op) : undefined;
  }

  /** `branch(x) op shortcut(x)`. */
  forward(input: Tensor): Tensor {
    const main = this.branch.run(input);
    const join = (this.op === 'add' ? add : mul) as (a: Tensor, b: Tensor) => Tensor;
    return join(main, this.shortcut ? this.shortcut.run(input) : input);
  }
}

/**
 * A residual connection, `branch(x) + shortcut(x)` (`shortcut` the identity when `null`), as a
 * ResNet block sums its two paths, with PyTorch's broadcasting. Made by `Sequential.residual`,
 * which checks both paths where they are written.
 *
 * @example
 * ```ts
 * import { BatchNorm2d, Conv2d, ReLU, Sequential, zeros } from 'shapecheck';
 * const block = new Sequential(['batch', 64, 56, 56])
 *   .residual((x) =>
 *     x.add(new Conv2d({ inChannels: 64, outChannels: 64, kernelSize: 3, padding: 1, bias: false }))
 *       .add(new BatchNorm2d({ numFeatures: 64 })))
 *   .add(new ReLU());
 * block.layers[0]?.kind;
 * //=> 'Residual'
 * block.forward(zeros([2, 64, 56, 56])).shape;
 * //=> [2, 64, 56, 56]
 * ```
 * @category Models
 */
export class Residual extends TwoPathBlock {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Residual' as const;
  protected readonly op = 'add' as const;
}

/**
 * A gate, `branch(x) * shortcut(x)` (`shortcut` the identity when `null`) with PyTorch's
 * broadcasting: squeeze-and-excitation's `scale * input`, where the main path pools the input to
 * `[N, C, 1, 1]` and the product scales each channel. Made by `Sequential.mul`, which checks both
 * paths where they are written and that their outputs broadcast, in `mul`'s words.
 *
 * @example
 * ```ts
 * import { AdaptiveAvgPool2d, Conv2d, Hardsigmoid, ReLU, Sequential, zeros } from 'shapecheck';
 * const se = new Sequential(['batch', 16, 56, 56]).mul((x) =>
 *   x.add(new AdaptiveAvgPool2d({ outputSize: 1 }), 'avgpool')
 *     .add(new Conv2d({ inChannels: 16, outChannels: 8, kernelSize: 1 }), 'fc1')
 *     .add(new ReLU(), 'activation')
 *     .add(new Conv2d({ inChannels: 8, outChannels: 16, kernelSize: 1 }), 'fc2')
 *     .add(new Hardsigmoid(), 'scale_activation'));
 * se.layers[0]?.kind;
 * //=> 'Mul'
 * se.forward(zeros([2, 16, 56, 56])).shape;
 * //=> [2, 16, 56, 56]
 * ```
 * @category Models
 */
export class Mul extends TwoPathBlock {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Mul' as const;
  protected readonly op = 'mul' as const;
}

/**
 * Parallel branches joined by concatenation along `dim` (dim 1, the channels, in an Inception
 * block), as `torch.cat([b(x) for b in branches], dim)`. Made by `Sequential.cat`, which checks
 * every branch where it is written.
 *
 * @example
 * ```ts
 * import { Conv2d, MaxPool2d, Sequential, zeros } from 'shapecheck';
 * const inception = new Sequential(['batch', 192, 28, 28]).cat(
 *   [
 *     (x) => x.add(new Conv2d({ inChannels: 192, outChannels: 64, kernelSize: 1 })),
 *     (x) => x.add(new Conv2d({ inChannels: 192, outChannels: 128, kernelSize: 3, padding: 1 })),
 *     (x) => x.add(new MaxPool2d({ kernelSize: 3, stride: 1, padding: 1 })),
 *   ],
 *   1,
 * );
 * inception.forward(zeros([1, 192, 28, 28])).shape;
 * //=> [1, 384, 28, 28]
 * ```
 * @category Models
 */
export class Cat extends Module {
  /** The layer's kind, as summaries and messages name it. */
  readonly kind = 'Cat' as const;
  constructor(
    /** The branches, in the order their outputs are joined. */
    readonly branches: readonly Branch[],
    /** The dim the outputs are joined along. */
    readonly dim: number,
  ) {
    super();
  }

  /** Its children: the branches, named by their index from 0. */
  override namedChildren(): [string, Branch][] {
    return this.branches.map((branch, i) => [String(i), branch]);
  }

  /** The branches with the labels their layers' positions carry ({@link branchLabel}). */
  labeledBranches(): [string, Branch][] {
    return this.branches.map((branch, i) => [branchLabel.parallel(i), branch]);
  }

  /**
   * The output shape for an input shape: the branches' shapes, concatenated.
   *
   * @throws {ShapeError} when a layer of a branch does not fit, or the outputs cannot be joined.
   */
  outputShape(inputShape: readonly number[]): number[] {
    return catShape(
      this.branches.map((branch) => branchShape(branch, inputShape)),
      this.dim,
    );
  }

  /**
   * The output shape for a shape of names and expressions (the sizes along `dim` added, the
   * others compared), or undefined when a branch holds a layer without a symbolic rule.
   *
   * @throws {ShapeError} when a layer of a branch, or the join, provably does not fit.
   */
  symbolicOutputShape(inputShape: readonly Dim[]): Dim[] | undefined {
    const outputs = this.branches.map((branch) => branchSymbolicShape(branch, inputShape));
    return outputs.every((output) => output !== undefined) ? catShape(outputs as Dim[][], this.dim) : undefined;
  }

  /** Every branch on the input, joined along `dim`. */
  forward(input: Tensor): Tensor {
    const callCat = cat as (tensors: readonly Tensor[], dim: number) => Tensor;
    return callCat(
      this.branches.map((branch) => branch.run(input)),
      this.dim,
    );
  }
}
