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

  /** A generator whose sequence is fixed by `seed` (any integer; the low 32 bits are used). */
  constructor(seed: number) {
    let state = seed >>> 0;
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
  defaultGenerator = new Generator(seed);
}

/** The generator for a call: a fresh one from `seed`, or the default one. */
export function generatorFor(seed: number | undefined): Generator {
  return seed === undefined ? defaultGenerator : new Generator(seed);
}
