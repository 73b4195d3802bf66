// "Linear in the input" as a test can state it without timing anything absolutely (issue 15):
// the time for an input ten times larger, over the time for the smaller one, each the fastest of
// a few runs (the machine is shared; the fastest run is the least disturbed). Linear work gives
// about 10, quadratic about 100; the bound is generous so that noise never fails a linear reader.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

export const LINEAR_RATIO_BOUND = 35;

/** The ratio of the time for `make(10 * size)` over the time for `make(size)`: each the fastest of `times` runs, taken in turns. */
export function growthRatio<T>(make: (size: number) => T, work: (input: T) => unknown, size: number, times = 7): number {
  const small = make(size);
  const large = make(size * 10);
  work(small); // warm-up: the JIT sees the paths before anything is timed
  let a = Infinity;
  let b = Infinity;
  for (let i = 0; i < times; i++) {
    let t0 = performance.now();
    work(small);
    a = Math.min(a, performance.now() - t0);
    t0 = performance.now();
    work(large);
    b = Math.min(b, performance.now() - t0);
  }
  return b / Math.max(a, 0.05);
}

/** Asserts that `work` grows about linearly from `size` to ten times `size`. */
export function assertLinear<T>(what: string, make: (size: number) => T, work: (input: T) => unknown, size: number): void {
  const ratio = growthRatio(make, work, size);
  assert.ok(ratio < LINEAR_RATIO_BOUND, `${what}: ten times the input took ${ratio.toFixed(1)} times as long (linear ≈ 10, bound ${LINEAR_RATIO_BOUND})`);
}
