// Replays a note's order of events — one line sends then delivers; a `par` block sends all, then
// delivers all (SPEC §3.4) — and counts what TCP could not have done in that order, with the
// change that would remove each: segments to send together (par), or a pure ACK to write earlier.
// It mirrors the checker only as far as ordering matters: RCV.NXT with data ahead kept aside
// (RFC 9293 §3.10.7.4), the acks each side has received, SYNs received.
import { consumed, hasFlag, seqAdd, seqDiff, type TcpSegment } from './types';

/** Segment indices in note order; par blocks by first and last segment (contiguous in `order`). */
export interface Plan {
  order: number[];
  groups: [number, number][];
  /** Pure ACKs written earlier than the capture saw them. */
  moved: number[];
}

export type Candidate = { kind: 'par'; from: number; to: number } | { kind: 'move'; seg: number; before: number };

export interface Replay {
  problems: number;
  /** The segments whose sending was impossible. */
  problemAt: Set<number>;
  candidates: Candidate[];
}

export const segEnd = (s: TcpSegment): number => seqAdd(s.seq!, consumed(s));

/** RCV.NXT of one side as the checker computes it: in-order data advances it, data ahead waits. */
class Receiver {
  nxt?: number;
  /** Counts the times RCV.NXT started afresh (a SYN): between two, it only grows. */
  resets = 0;
  /** Data ahead of RCV.NXT, by start, measured from `base` (so a heap can order it across the wrap). */
  private ahead = new AheadHeap();
  private base = 0;

  deliver(s: TcpSegment): void {
    if (s.seq === undefined || hasFlag(s, 'RST')) return;
    const n = consumed(s);
    if (hasFlag(s, 'SYN') || this.nxt === undefined) {
      this.nxt = seqAdd(s.seq, n);
      this.base = s.seq;
      this.ahead = new AheadHeap();
      this.resets++;
      return;
    }
    if (n === 0) return;
    if (seqDiff(s.seq, this.nxt) > 0) {
      this.ahead.push(seqDiff(s.seq, this.base), seqAdd(s.seq, n));
      return;
    }
    if (seqDiff(seqAdd(s.seq, n), this.nxt) > 0) this.nxt = seqAdd(s.seq, n);
    // Data kept aside that now starts at or below RCV.NXT: taken in (or dropped, when already covered).
    while (this.ahead.size && this.ahead.topStart() <= seqDiff(this.nxt, this.base)) {
      const end = this.ahead.pop();
      if (seqDiff(end, this.nxt) > 0) this.nxt = end;
    }
  }
}

/** A binary min-heap of [start, end] by start: the out-of-order data a receiver keeps. */
class AheadHeap {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  get size(): number {
    return this.starts.length;
  }

  topStart(): number {
    return this.starts[0];
  }

  push(start: number, end: number): void {
    let k = this.starts.length;
    this.starts.push(start);
    this.ends.push(end);
    while (k > 0) {
      const up = (k - 1) >> 1;
      if (this.starts[up] <= start) break;
      this.swap(k, up);
      k = up;
    }
  }

  /** Removes the entry with the lowest start; returns its end. */
  pop(): number {
    const end = this.ends[0];
    const lastStart = this.starts.pop()!;
    const lastEnd = this.ends.pop()!;
    if (this.starts.length) {
      this.starts[0] = lastStart;
      this.ends[0] = lastEnd;
      for (let k = 0; ; ) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < this.starts.length && this.starts[l] < this.starts[m]) m = l;
        if (r < this.starts.length && this.starts[r] < this.starts[m]) m = r;
        if (m === k) break;
        this.swap(k, m);
        k = m;
      }
    }
    return end;
  }

  private swap(i: number, j: number): void {
    [this.starts[i], this.starts[j]] = [this.starts[j], this.starts[i]];
    [this.ends[i], this.ends[j]] = [this.ends[j], this.ends[i]];
  }
}

interface Side {
  /** What this side has received of the peer's sequence space. */
  rcv: Receiver;
  /** RCV.NXT after each delivery to this side (the segment index, and RCV.NXT after it). */
  history: { at: number[]; nxt: (number | undefined)[]; runStart: number };
  /** Every new highest ack it has received (so they only grow), with the index of the segment that carried it. */
  acked: { ack: number[]; by: number[] };
  /** Index of the peer's bare SYN it received, if any. */
  synAt?: number;
  sndNxt?: number;
}

/** Where each segment stands in `order`. */
export function positions(order: readonly number[]): Int32Array {
  const pos = new Int32Array(order.length);
  order.forEach((i, p) => (pos[i] = p));
  return pos;
}

export function replay(segs: TcpSegment[], lost: Set<number>, plan: Plan): Replay {
  const sides = new Map<string, Side>();
  const side = (name: string): Side => {
    let s = sides.get(name);
    if (!s) sides.set(name, (s = { rcv: new Receiver(), history: { at: [], nxt: [], runStart: 0 }, acked: { ack: [], by: [] } }));
    return s;
  };
  const { order } = plan;
  const position = positions(order);
  // By position: where the par block starting there ends; by segment: whether it is in a block.
  const groupEnd = new Int32Array(order.length).fill(-1);
  const grouped = new Uint8Array(segs.length);
  for (const [a, b] of plan.groups) {
    groupEnd[position[a]] = position[b];
    for (let p = position[a]; p <= position[b]; p++) grouped[order[p]] = 1;
  }
  const out: Replay = { problems: 0, problemAt: new Set(), candidates: [] };
  const send = (i: number) => {
    const s = segs[i];
    const me = side(s.src);
    const problem = sendProblem(s, me);
    if (problem) {
      out.problems++;
      out.problemAt.add(i);
      if (problem.from !== undefined) {
        out.candidates.push({ kind: 'par', from: problem.from, to: i });
        if (problem.movable && !grouped[i]) out.candidates.push({ kind: 'move', seg: i, before: problem.from });
      }
    }
    if (s.seq !== undefined && !hasFlag(s, 'RST')) {
      const e = segEnd(s);
      if (me.sndNxt === undefined || seqDiff(e, me.sndNxt) > 0) me.sndNxt = e;
    }
  };
  const deliver = (i: number) => {
    if (lost.has(i)) return;
    const s = segs[i];
    const peer = side(s.dst);
    const resets = peer.rcv.resets;
    peer.rcv.deliver(s);
    const h = peer.history;
    if (peer.rcv.resets !== resets) h.runStart = h.at.length;
    h.at.push(i);
    h.nxt.push(peer.rcv.nxt);
    if (hasFlag(s, 'SYN') && !hasFlag(s, 'ACK')) peer.synAt ??= i;
    if (hasFlag(s, 'ACK') && s.ack !== undefined) {
      const { ack, by } = peer.acked;
      if (!ack.length || seqDiff(s.ack, ack[ack.length - 1]) > 0) {
        ack.push(s.ack);
        by.push(i);
      }
    }
  };
  for (let p = 0; p < order.length; ) {
    const end = groupEnd[p] >= 0 ? groupEnd[p] : p;
    for (let q = p; q <= end; q++) send(order[q]);
    for (let q = p; q <= end; q++) deliver(order[q]);
    p = end + 1;
  }
  return out;
}

/** Whether sending this segment now is impossible, and from which earlier segment on it should have been in flight. */
function sendProblem(s: TcpSegment, me: Side): { from?: number; movable?: boolean } | undefined {
  const bare = !hasFlag(s, 'SYN') && !hasFlag(s, 'FIN') && !hasFlag(s, 'RST');
  const isProbe = bare && me.sndNxt !== undefined && s.seq !== undefined && s.len <= 1 && seqDiff(s.seq, me.sndNxt) === -1;
  // Its ack must be what it has received (RCV.NXT); behind it, the peer's later data was still in flight.
  if (hasFlag(s, 'ACK') && s.ack !== undefined && me.rcv.nxt !== undefined && !hasFlag(s, 'SYN')) {
    const d = seqDiff(s.ack, me.rcv.nxt);
    if (d < 0) {
      return { from: firstBeyond(me.history, s.ack), movable: bare && s.len === 0 && !isProbe };
    }
    if (d > 0) return {};
  }
  // Resending what an ACK it has already received covers: that ACK was still in flight.
  if (s.seq !== undefined && consumed(s) > 0 && !hasFlag(s, 'RST') && !isProbe) {
    const covering = firstCovering(me.acked, segEnd(s));
    if (covering !== undefined) return { from: covering };
  }
  // A bare SYN after receiving the peer's SYN: the two SYNs crossed (simultaneous open).
  if (hasFlag(s, 'SYN') && !hasFlag(s, 'ACK') && me.synAt !== undefined) return { from: me.synAt };
  return undefined;
}

/**
 * The delivery after which RCV.NXT first passed `ack` for good: the first of the deliveries at
 * the end of the history whose RCV.NXT is beyond it. RCV.NXT only grows since the last reset, so
 * that stretch is found by bisection; before the reset, entry by entry.
 */
function firstBeyond(h: Side['history'], ack: number): number | undefined {
  const beyond = (k: number): boolean => h.nxt[k] !== undefined && seqDiff(h.nxt[k]!, ack) > 0;
  let lo = h.runStart;
  let hi = h.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (beyond(mid)) hi = mid;
    else lo = mid + 1;
  }
  if (lo === h.runStart) while (lo > 0 && beyond(lo - 1)) lo--;
  return lo < h.at.length ? h.at[lo] : undefined;
}

/** The first received ack that covers `end` (acks only grow, so by bisection). */
function firstCovering(acked: Side['acked'], end: number): number | undefined {
  let lo = 0;
  let hi = acked.ack.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (seqDiff(acked.ack[mid], end) >= 0) hi = mid;
    else lo = mid + 1;
  }
  return lo < acked.ack.length ? acked.by[lo] : undefined;
}
