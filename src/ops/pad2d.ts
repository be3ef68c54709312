import { pad2dOutputShape, type Pad2dKind } from '../shape/pad2d.js';
import { checkTensor } from '../tensor/check.js';
import type { Tensor } from '../tensor/tensor.js';
import { pad } from './pad.js';

/**
 * The forward pass of the 2-D padding layers: the shape rule's checks (the layer's messages),
 * then the functional `pad` (`'constant'` with zeros, `'reflect'`, `'replicate'`), whose
 * backward sums each output gradient into the element it copies.
 *
 * @throws {ShapeError} when the input does not fit the layer.
 * @example
 * ```ts
 * import { pad2dForward, ones } from 'shapecheck';
 * pad2dForward('ZeroPad2d', ones([1, 1]), [1, 0, 0, 1]).toArray();
 * //=> [[0, 1], [0, 0]]
 * ```
 * @category Operations
 */
export function pad2dForward(layer: Pad2dKind, input: Tensor, padding: readonly [number, number, number, number]): Tensor {
  checkTensor(layer, 'input', input);
  pad2dOutputShape(input.shape as readonly number[], layer, padding);
  const mode = layer === 'ZeroPad2d' ? 'constant' : layer === 'ReflectionPad2d' ? 'reflect' : 'replicate';
  return pad(input, [...padding] as never, mode) as unknown as Tensor;
}
