// Binary search, for the sorted lists the core and the language server keep (problems by
// statement, steps and messages by line, statements by line).

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
