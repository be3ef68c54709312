import { formatOption } from '../shape/conv-output-size.js';
import type { Dim } from '../shape/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * The base of the layers whose output shape is one rule, at runtime and on names (the pools, the
 * element-wise layers of `ShapePreserving`, the softmaxes, and through `ParameterizedLayer` the
 * layers with parameters): it answers `outputShape` and `symbolicOutputShape` with
 * {@link ShapeRuleLayer.shapeRule}, which a subclass writes (the shape rule of `src/shape`, with
 * the layer's resolved options), and lists no parameters (`ParameterizedLayer` lists its own).
 * Each subclass keeps its kind, its options and its typed `forward`.
 *
 * @example
 * ```ts
 * import { MaxPool1d } from 'shapecheck';
 * const pool = new MaxPool1d({ kernelSize: 2 });
 * pool.parameters();
 * //=> []
 * pool.outputShape([1, 3, 8]);
 * //=> [1, 3, 4]
 * pool.symbolicOutputShape(['batch', 3, 'L']);
 * //=> ['batch', 3, 'L//2']
 * ```
 * @internal
 */
export abstract class ShapeRuleLayer {
  /** The layer's kind, as summaries and messages name it. */
  abstract readonly kind: string;
  /**
   * Whether the layer is in training mode (PyTorch's `training`; true for a new layer, as every
   * `nn.Module`). Only the layers whose `forward` differs in training read it (the batch norms,
   * `InstanceNorm2d` with running statistics, the dropouts, `StochasticDepth`). Set with `train()`
   * and `eval()`.
   */
  training = true;

  /** Sets training mode (`mode` true, the default) or eval mode; returns the layer (PyTorch's `train()`). */
  train(mode = true): this {
    if (typeof mode !== 'boolean') throw new TypeError(`${this.kind}: train's mode must be a boolean, got ${formatOption(mode)}`);
    this.training = mode;
    return this;
  }

  /** Sets eval mode (inference); returns the layer (PyTorch's `eval()`). */
  eval(): this {
    return this.train(false);
  }

  /** None: the layer has no parameters (as a parameter-free `nn.Module`). */
  namedParameters(): [string, Tensor][] {
    return [];
  }

  /** None: the layer has no parameters. */
  parameters(): Tensor[] {
    return [];
  }

  /**
   * The output shape for an input shape, at runtime (the twin of the type `forward` computes).
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  outputShape(inputShape: readonly number[]): number[] {
    return this.shapeRule(inputShape) as number[];
  }

  /**
   * The output shape for a shape whose dims may be names and expressions (`'(H+1)//2'`): the
   * exact expressions the editor shows (see docs/shapes.md, "Symbolic dims").
   *
   * @throws {ShapeError} when the input provably does not fit (the editor's words).
   */
  symbolicOutputShape(inputShape: readonly Dim[]): Dim[] {
    return this.shapeRule(inputShape);
  }

  /**
   * The layer's shape rule, on numbers (the result numbers too) and on names alike.
   *
   * @throws {ShapeError} when the input does not fit the layer.
   */
  protected abstract shapeRule(inputShape: readonly Dim[]): Dim[];
}
