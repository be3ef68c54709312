/**
 * StochasticDepth's option checks (issue 12), torchvision.ops.stochastic_depth's words: its
 * output has its input's shape, so the layer's rule is the identity; what can be wrong is `p`
 * and `mode`, checked when the layer is made (torchvision checks them at each call).
 * @packageDocumentation
 */
import type { ErrorMessage } from '../arithmetic/error-message.js';
import { formatValue, type FormatValue } from './format.js';
import type { DropoutProbabilityError } from './norm.js';

/**
 * A drop probability outside [0, 1] (torchvision's words after ours).
 *
 * @example
 * ```ts
 * import type { StochasticDepthProbabilityMessage } from 'shapecheck';
 * type M = StochasticDepthProbabilityMessage<1.5>;
 * //=> 'StochasticDepth: p must be between 0 and 1, got 1.5 (drop probability has to be between 0 and 1, but got 1.5)'
 * ```
 * @category Messages
 */
export type StochasticDepthProbabilityMessage<P> =
  `StochasticDepth: p must be between 0 and 1, got ${FormatValue<P>} (drop probability has to be between 0 and 1, but got ${FormatValue<P>})`;
/**
 * Runtime twin of {@link StochasticDepthProbabilityMessage}.
 *
 * @example
 * ```ts
 * import { writeStochasticDepthProbabilityMessage } from 'shapecheck';
 * writeStochasticDepthProbabilityMessage(-0.1);
 * //=> 'StochasticDepth: p must be between 0 and 1, got -0.1 (drop probability has to be between 0 and 1, but got -0.1)'
 * ```
 * @category Messages
 */
export function writeStochasticDepthProbabilityMessage(p: unknown): string {
  const shown = typeof p === 'string' ? `'${p}'` : formatValue(p);
  return `StochasticDepth: p must be between 0 and 1, got ${shown} (drop probability has to be between 0 and 1, but got ${shown})`;
}

/**
 * A mode other than `'batch'` or `'row'` (torchvision's words).
 *
 * @example
 * ```ts
 * import type { StochasticDepthModeMessage } from 'shapecheck';
 * type M = StochasticDepthModeMessage<'rows'>;
 * //=> "StochasticDepth: mode has to be either 'batch' or 'row', but got rows"
 * ```
 * @category Messages
 */
export type StochasticDepthModeMessage<Mode> = `StochasticDepth: mode has to be either 'batch' or 'row', but got ${FormatValue<Mode>}`;
/**
 * Runtime twin of {@link StochasticDepthModeMessage}.
 *
 * @example
 * ```ts
 * import { writeStochasticDepthModeMessage } from 'shapecheck';
 * writeStochasticDepthModeMessage('rows');
 * //=> "StochasticDepth: mode has to be either 'batch' or 'row', but got rows"
 * ```
 * @category Messages
 */
export function writeStochasticDepthModeMessage(mode: unknown): string {
  return `StochasticDepth: mode has to be either 'batch' or 'row', but got ${typeof mode === 'string' ? mode : formatValue(mode)}`;
}

/**
 * What `StochasticDepth` drops: a whole sample of the batch (`'row'`: each with its own draw) or
 * the whole batch (`'batch'`: one draw).
 *
 * @example
 * ```ts
 * import type { StochasticDepthMode } from 'shapecheck';
 * const mode: StochasticDepthMode = 'row';
 * mode;
 * //=> 'row'
 * ```
 * @category Layers
 */
export type StochasticDepthMode = 'batch' | 'row';

/**
 * A literal `p` checked at compile time: `never` when it is in [0, 1] (or only `number` is known),
 * otherwise its {@link StochasticDepthProbabilityMessage}.
 *
 * @example
 * ```ts
 * import type { StochasticDepthProbabilityError } from 'shapecheck';
 * type A = StochasticDepthProbabilityError<0.2>;
 * //=> never
 * type B = StochasticDepthProbabilityError<2>;
 * //=> ErrorMessage<'StochasticDepth: p must be between 0 and 1, got 2 (drop probability has to be between 0 and 1, but got 2)'>
 * ```
 * @category Shapes
 */
export type StochasticDepthProbabilityError<P> = [DropoutProbabilityError<P>] extends [never] ? never : ErrorMessage<StochasticDepthProbabilityMessage<P>>;

/**
 * Checks `p` and `mode` as torchvision's `stochastic_depth` does, and returns them.
 *
 * @throws {TypeError | RangeError} when `p` is not a number in [0, 1], or `mode` is not `'batch'` or `'row'`.
 * @example
 * ```ts
 * import { checkStochasticDepthOptions } from 'shapecheck';
 * checkStochasticDepthOptions(0.1, 'row');
 * //=> { p: 0.1, mode: 'row' }
 * ```
 * @category Shapes
 */
export function checkStochasticDepthOptions(p: unknown, mode: unknown): { p: number; mode: StochasticDepthMode } {
  if (typeof p !== 'number') throw new TypeError(writeStochasticDepthProbabilityMessage(p));
  if (!(p >= 0 && p <= 1)) throw new RangeError(writeStochasticDepthProbabilityMessage(p));
  if (mode !== 'batch' && mode !== 'row') throw (typeof mode === 'string' ? new RangeError(writeStochasticDepthModeMessage(mode)) : new TypeError(writeStochasticDepthModeMessage(mode)));
  return { p, mode };
}
