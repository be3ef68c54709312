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
