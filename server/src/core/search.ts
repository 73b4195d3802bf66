// Searches in the lists the core and the language server keep: binary search in sorted ones
// (problems by statement, steps and messages by line, statements by line), and what two versions
// of a list share at their ends (lines, line entries, Mermaid slices' keys).

/** The first index in [0, length) where `reached(i)` holds, for a predicate false then true (length when it never holds). */
export function firstWhere(length: number, reached: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The longest common prefix and suffix (not overlapping) of two versions of a list: between them is what changed. */
export function commonEnds<T>(before: readonly T[], after: readonly T[]): { prefix: number; suffix: number } {
  const lim = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < lim && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < lim - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}
