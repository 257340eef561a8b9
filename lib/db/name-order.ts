// Names people typed (teams, model labels) in the order people expect: "alpha" beside "Alpha" and before "Beta",
// "é" with "e", "Model 9" before "Model 10". Sorted here rather than by the database, whose text order depends on
// how it was created: code point order in the embedded one (lib/bootstrap/embedded-postgres.ts, where "Zeta" comes
// before "alpha"), its own locale's in a managed one.
const collator = new Intl.Collator("und", { numeric: true });

/** For Array.prototype.sort; names that compare equal keep the order they came in. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}
