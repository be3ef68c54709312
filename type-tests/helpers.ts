/** Exact type identity (the same check tsd's `expectType` makes), usable with plain tsc. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `Condition` is exactly `true`. */
export function assert<Condition extends true>(..._: Condition extends true ? [] : [never]): void {}
