/**
 * A small seedable random generator (xoshiro128**, seeded through splitmix32): the same seed gives
 * the same numbers on every platform. Normals by the Box–Muller transform.
 *
 * @example
 * ```ts
 * import { Generator } from 'shapecheck';
 * const a = new Generator(42).uniform();
 * const b = new Generator(42).uniform();
 * a === b;
 * //=> true
 * ```
 * @category Tensors
 */
export class Generator {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spareNormal: number | undefined;

  /**
   * A generator whose sequence is fixed by `seed` (any safe integer; the low 32 bits are used).
   *
   * @throws {TypeError} when `seed` is not a safe integer (`NaN`, `Infinity`, `1.5`, `'0'`).
   */
  constructor(seed: number) {
    let state = checkSeed('Generator', seed) >>> 0;
    const next = (): number => {
      // splitmix32
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next();
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** A uniform number in [0, 1), with 32 random bits. */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A standard normal number (mean 0, variance 1). */
  normal(): number {
    if (this.#spareNormal !== undefined) {
      const spare = this.#spareNormal;
      this.#spareNormal = undefined;
      return spare;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

let defaultGenerator = new Generator((Math.random() * 2 ** 32) >>> 0);

/**
 * Seeds the default generator that `rand`, `randn` and layer initialisation use when no seed is
 * given (PyTorch's `torch.manual_seed`).
 *
 * @example
 * ```ts
 * import { manualSeed, rand } from 'shapecheck';
 * manualSeed(7);
 * const a = rand([2]).data[0];
 * manualSeed(7);
 * const b = rand([2]).data[0];
 * a === b;
 * //=> true
 * ```
 * @category Tensors
 */
export function manualSeed(seed: number): void {
  defaultGenerator = new Generator(checkSeed('manualSeed', seed));
}

/**
 * The message for a seed that is not a safe integer (a seed of `NaN` or `'0'` is a mistake, not
 * seed 0).
 *
 * @example
 * ```ts
 * import { writeSeedMessage } from 'shapecheck';
 * writeSeedMessage('randn', 1.5);
 * //=> 'randn: seed must be a safe integer, got 1.5'
 * ```
 * @category Messages
 */
export function writeSeedMessage(op: string, seed: unknown): string {
  return `${op}: seed must be a safe integer, got ${typeof seed === 'string' ? `'${seed}'` : String(seed)}`;
}

/**
 * Checks a seed: a safe integer (`Number.isSafeInteger`), or throws.
 *
 * @throws {TypeError} for anything else, naming `op`.
 * @example
 * ```ts
 * import { checkSeed } from 'shapecheck';
 * checkSeed('rand', 42);
 * //=> 42
 * ```
 * @category Tensors
 */
export function checkSeed(op: string, seed: unknown): number {
  if (!Number.isSafeInteger(seed)) throw new TypeError(writeSeedMessage(op, seed));
  return seed as number;
}

/**
 * The generator for a call: a fresh one from `seed`, or the default one.
 *
 * @throws {TypeError} when `init` is not an object or its seed is not a safe integer.
 */
export function generatorFor(seed: number | undefined, op = 'Generator'): Generator {
  return seed === undefined ? defaultGenerator : new Generator(checkSeed(op, seed));
}

/**
 * Checks random options (`{ seed? }`) up front, as layers do in their constructors.
 *
 * @throws {TypeError} when they are not an object or the seed is not a safe integer.
 */
export function checkRandomOptions(op: string, init: unknown): void {
  if (typeof init !== 'object' || init === null) throw new TypeError(`${op}: the random options must be an object like { seed: 42 }, got ${String(init)}`);
  const seed = (init as { seed?: unknown }).seed;
  if (seed !== undefined) checkSeed(op, seed);
}

/**
 * Fills `values` with draws uniform in ±`bound`, in order (PyTorch's `kaiming_uniform_`-style
 * initialisation of a layer's weight and bias, `nn.init.uniform_(-bound, bound)`).
 *
 * @example
 * ```ts
 * import { Generator, fillUniform } from 'shapecheck';
 * fillUniform(new Float32Array(3), new Generator(1), 0.5).every((v) => Math.abs(v) <= 0.5);
 * //=> true
 * ```
 * @category Tensors
 */
export function fillUniform(values: Float32Array, generator: Generator, bound: number): Float32Array {
  for (let i = 0; i < values.length; i++) values[i] = (generator.uniform() * 2 - 1) * bound;
  return values;
}
