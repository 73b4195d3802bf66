// Which segments were lost on the way, inferred from one capture point: a segment with data,
// SYN or FIN that its sender later sends again (the same kind: a SYN as a SYN, a SYN,ACK as a
// SYN,ACK), with nothing from the peer in between acknowledging it, cumulatively or by SACK
// (RFC 2018). Linear in the capture: each segment's next resend comes from one backward pass,
// and "acknowledged in between" from a range maximum over the peer's acks.
import { consumed, hasFlag, seqAdd, seqDiff, type TcpSegment } from './types';

/**
 * SACK blocks are looked for in this many SACK-bearing segments after the one that may be lost
 * (a receiver reports a block at once; an older one has long been followed by cumulative acks).
 * It bounds the work on a capture crafted to carry SACK blocks on every segment.
 */
const SACK_LOOKAHEAD = 64;

export function inferLosses(segs: readonly TcpSegment[]): Set<number> {
  const next = nextResends(segs);
  const acks = new Map<string, AckIndex>();
  const ackIndex = (side: string): AckIndex => {
    let a = acks.get(side);
    if (!a) acks.set(side, (a = new AckIndex(segs, side)));
    return a;
  };
  const lost = new Set<number>();
  segs.forEach((s, i) => {
    const again = next[i];
    if (again < 0) return;
    if (!ackIndex(s.dst).covers(i, again, s.seq!, seqAdd(s.seq!, consumed(s)))) lost.add(i);
  });
  return lost;
}

/** What makes a later segment a resend of this one: sender, seq and kind; undefined for what cannot be lost this way. */
function resendKey(s: TcpSegment): string | undefined {
  if (s.seq === undefined || consumed(s) === 0 || hasFlag(s, 'RST')) return undefined;
  // A bare SYN answered by our own SYN,ACK (simultaneous open) is not a resend of it.
  const kind = hasFlag(s, 'SYN') ? (hasFlag(s, 'ACK') ? 'SA' : 'S') : 'D';
  return `${s.src} ${s.seq} ${kind}`;
}

/** For each segment, the index of its next resend, or -1. */
function nextResends(segs: readonly TcpSegment[]): Int32Array {
  const next = new Int32Array(segs.length).fill(-1);
  const latest = new Map<string, number>();
  for (let i = segs.length - 1; i >= 0; i--) {
    const key = resendKey(segs[i]);
    if (key === undefined) continue;
    next[i] = latest.get(key) ?? -1;
    latest.set(key, i);
  }
  return next;
}

/** The acks one side sent, in capture order, for "did it acknowledge [seq, end) between two segments?". */
class AckIndex {
  /** Capture indices of its ACK-bearing segments, and their acks unwrapped into one number line. */
  private readonly at: number[] = [];
  private readonly raw: number[] = [];
  private readonly unwrapped: number[] = [];
  /** levels[k][j]: the highest unwrapped ack among entries j … j + 2^k − 1 (a sparse table). */
  private readonly levels: Float64Array[] = [];
  /** Capture indices of its segments that carry SACK blocks. */
  private readonly sackAt: number[] = [];

  constructor(
    private readonly segs: readonly TcpSegment[],
    side: string,
  ) {
    segs.forEach((r, i) => {
      if (r.src !== side) return;
      if (hasFlag(r, 'ACK') && r.ack !== undefined) {
        const prev = this.raw.length ? this.unwrapped[this.unwrapped.length - 1] + seqDiff(r.ack, this.raw[this.raw.length - 1]) : r.ack;
        this.at.push(i);
        this.raw.push(r.ack);
        this.unwrapped.push(prev);
      }
      if (r.options.sack?.length) this.sackAt.push(i);
    });
    this.levels.push(Float64Array.from(this.unwrapped));
    for (let width = 2; width <= this.unwrapped.length; width *= 2) {
      const below = this.levels[this.levels.length - 1];
      const level = new Float64Array(this.unwrapped.length - width + 1);
      for (let j = 0; j < level.length; j++) level[j] = Math.max(below[j], below[j + width / 2]);
      this.levels.push(level);
    }
  }

  /** Whether a segment strictly between capture indices `from` and `to` acknowledged all of [seq, end). */
  covers(from: number, to: number, seq: number, end: number): boolean {
    const lo = lowerBound(this.at, from + 1);
    const hi = lowerBound(this.at, to);
    if (lo < hi) {
      // end on the same number line as the acks, measured from the first ack in the range.
      const wanted = this.unwrapped[lo] + seqDiff(end, this.raw[lo]);
      if (this.maxBetween(lo, hi) >= wanted) return true;
    }
    const first = lowerBound(this.sackAt, from + 1);
    for (let k = first; k < this.sackAt.length && k < first + SACK_LOOKAHEAD && this.sackAt[k] < to; k++) {
      const blocks = this.segs[this.sackAt[k]].options.sack!;
      if (blocks.some(([l, e]) => seqDiff(seq, l) >= 0 && seqDiff(end, e) <= 0)) return true;
    }
    return false;
  }

  /** The highest unwrapped ack among entries lo … hi − 1 (hi > lo). */
  private maxBetween(lo: number, hi: number): number {
    const k = 31 - Math.clz32(hi - lo);
    const level = this.levels[k];
    return Math.max(level[lo], level[hi - (1 << k)]);
  }
}

/** The first position in an ascending list whose value is at least `v`. */
function lowerBound(list: readonly number[], v: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
