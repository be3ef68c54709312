import { expect } from 'vitest';

/** Asserts that `call` throws an instance of `errorClass` whose message is exactly `message`. */
export function expectThrows(call: () => unknown, errorClass: new (...args: never[]) => Error, message: string): void {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a throw').toBeInstanceOf(errorClass);
  expect((thrown as Error).message).toBe(message);
}

/** Asserts |actual − expected| ≤ atol + rtol·|expected| element by element, naming the worst index. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number, rtol: number, what = 'values'): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    const excess = Math.abs(a - e) - (atol + rtol * Math.abs(e));
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    expect.fail(`${what}: index ${worst} is ${actual[worst]}, expected ${expected[worst]} (±${atol} + ${rtol}·|expected|)`);
  }
}
