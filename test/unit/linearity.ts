// "Linear in the input" as a test can state it without timing anything absolutely (issue 15):
// the time for an input ten times larger, over the time for the smaller one, each the fastest of
// a few runs after a full garbage collection (the machine is shared; the fastest run is the least
// disturbed). Linear work gives about 10, quadratic about 100; the bound is generous, and a ratio
// over it is measured again before it counts, so that noise never fails a linear reader.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const LINEAR_RATIO_BOUND = 35;
/** Measurements before a ratio over the bound counts: noise passes, a quadratic reader (≈ 100 every time) never does. */
const ATTEMPTS = 3;

// A full collection before each timing, so that one run does not pay for the garbage of the one before.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * The ratio of the time for `make(10 * size)` over the time for `make(size)`: each the fastest of
 * `times` runs, taken in turns; the small input is run ten times per timing, so that both timings
 * are of the same length and neither is lost in the clock's noise.
 */
export function growthRatio<T>(make: (size: number) => T, work: (input: T) => unknown, size: number, times = 7): number {
  const small = make(size);
  const large = make(size * 10);
  work(small); // warm-up: the JIT sees the paths before anything is timed
  let a = Infinity;
  let b = Infinity;
  for (let i = 0; i < times; i++) {
    collect();
    let t0 = performance.now();
    for (let k = 0; k < 10; k++) work(small);
    a = Math.min(a, (performance.now() - t0) / 10);
    collect();
    t0 = performance.now();
    work(large);
    b = Math.min(b, performance.now() - t0);
  }
  return b / Math.max(a, 0.001);
}

/** Asserts that `work` grows about linearly from `size` to ten times `size`. */
export function assertLinear<T>(what: string, make: (size: number) => T, work: (input: T) => unknown, size: number): void {
  let ratio = Infinity;
  for (let attempt = 0; attempt < ATTEMPTS && ratio >= LINEAR_RATIO_BOUND; attempt++) ratio = Math.min(ratio, growthRatio(make, work, size));
  assert.ok(ratio < LINEAR_RATIO_BOUND, `${what}: ten times the input took ${ratio.toFixed(1)} times as long (linear ≈ 10, bound ${LINEAR_RATIO_BOUND})`);
}
