// Cases of the generated editor suite that fail today because of type-level bugs the lead is fixing
// on main (issue 9). Each maps a case name to its cause. Listed here, such a case runs as
// `it.fails`: it must still fail, and once fixed it fails the suite until it leaves this list.
// Empty this list; do not grow it to make the suite green.
export const knownFailures: ReadonlyMap<string, string> = new Map<string, string>([]);
