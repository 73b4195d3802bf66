// Sequence numbers as the notes write them: a number, or a symbol plus an offset (`x+1`),
// in a 32-bit space that wraps (RFC 9293 §3.4). A base that starts with `?` is a number
// the checker does not know yet (a connection the notes begin in the middle of).
import type { ValueRef } from '../syntax/ast';
import type { ShownValue } from './analysis';

export interface SeqVal {
  /** null for a plain number; a user symbol (`x`); or `?…` for an unknown the checker made up. */
  base: string | null;
  /** Offset from the base, as an unsigned 32-bit number. */
  off: number;
}

const TWO_32 = 2 ** 32;

export const number = (n: number): SeqVal => ({ base: null, off: n >>> 0 });
export const unknown = (name: string): SeqVal => ({ base: `?${name}`, off: 0 });
// A value is never changed, so adding 0 (after every segment that consumes nothing) returns it.
export const add = (v: SeqVal, n: number): SeqVal => (n === 0 ? v : { base: v.base, off: (v.off + n) >>> 0 });

export function fromWritten(ref: ValueRef): SeqVal {
  return ref.sym === undefined ? number(ref.num) : { base: ref.sym, off: ((ref.num % TWO_32) + TWO_32) >>> 0 };
}

/** equal(v, fromWritten(ref)) without making the written value: asked for nearly every segment. */
export function isWritten(v: SeqVal, ref: ValueRef): boolean {
  if (ref.sym === undefined) return v.base === null && v.off === ref.num >>> 0;
  return v.base === ref.sym && v.off === ((ref.num % TWO_32) + TWO_32) >>> 0;
}

export const isHidden = (v: SeqVal): boolean => v.base !== null && v.base.startsWith('?');
export const equal = (a: SeqVal, b: SeqVal): boolean => a.base === b.base && a.off === b.off;

/** Signed distance a − b in sequence space (RFC 9293 §3.4 comparisons), or undefined if not comparable. */
export function distance(a: SeqVal, b: SeqVal): number | undefined {
  if (a.base !== b.base) return undefined;
  return (a.off - b.off) | 0;
}

/** distance(add(a, n), b) without making the value a + n (asked for every ACK received). */
export function distanceAfter(a: SeqVal, n: number, b: SeqVal): number | undefined {
  if (a.base !== b.base) return undefined;
  return (((a.off + n) >>> 0) - b.off) | 0;
}

/** As shown to people: `100`, `x`, `x+1`, `y-1`; undefined when the checker does not know it. */
export function show(v: SeqVal | undefined): ShownValue | undefined {
  if (!v || isHidden(v)) return undefined;
  if (v.base === null) return v.off;
  if (v.off === 0) return v.base;
  return v.off < 2 ** 31 ? `${v.base}+${v.off}` : `${v.base}-${TWO_32 - v.off}`;
}

export function showText(v: SeqVal | undefined): string {
  const s = show(v);
  return s === undefined ? '?' : String(s);
}

/**
 * How a written value relates to the one the checker expects.
 * - `equal`: the same value.
 * - `differs`: comparable and different — a mistake in the note.
 * - `adopt`: not comparable (SPEC §4: `x+1` is comparable with `x+1`, not with `y`): the
 *   expected value is unknown, the written symbol appears for the first time (a new unknown,
 *   as textbooks write `seq=w` after data the note does not show), or a number meets a symbol.
 *   Nothing is reported. A written seq then becomes the sender's SND.NXT; a written ack is shown
 *   but teaches nothing, since SPEC §4 learns RCV.NXT only from what arrives.
 * Two symbols that both name known values (`b+1` where `a+1` is due) differ: that is the
 * classic mistake of acknowledging one's own ISN.
 */
export function judge(
  expected: SeqVal | undefined,
  written: SeqVal,
  isKnownSymbol: (s: string) => boolean,
): 'equal' | 'differs' | 'adopt' {
  if (!expected) return 'adopt';
  if (expected.base === written.base) return expected.off === written.off ? 'equal' : 'differs';
  if (isHidden(expected)) return 'adopt';
  if (written.base !== null && !isKnownSymbol(written.base)) return 'adopt';
  if (expected.base !== null && written.base !== null) return 'differs';
  return 'adopt';
}
