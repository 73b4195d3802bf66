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
  private ahead: [number, number][] = [];

  deliver(s: TcpSegment): void {
    if (s.seq === undefined || hasFlag(s, 'RST')) return;
    const n = consumed(s);
    if (hasFlag(s, 'SYN') || this.nxt === undefined) {
      this.nxt = seqAdd(s.seq, n);
      this.ahead = [];
      return;
    }
    if (n === 0) return;
    if (seqDiff(s.seq, this.nxt) > 0) {
      this.ahead.push([s.seq, seqAdd(s.seq, n)]);
      return;
    }
    if (seqDiff(seqAdd(s.seq, n), this.nxt) > 0) this.nxt = seqAdd(s.seq, n);
    for (let moved = true; moved; ) {
      moved = false;
      for (const [l, e] of this.ahead) {
        if (seqDiff(l, this.nxt) <= 0 && seqDiff(e, this.nxt) > 0) {
          this.nxt = e;
          moved = true;
        }
      }
    }
  }
}

interface Side {
  /** What this side has received of the peer's sequence space. */
  rcv: Receiver;
  /** RCV.NXT after each delivery to this side: [segment index, RCV.NXT after]. */
  history: [number, number | undefined][];
  /** Every new highest ack it has received, with the index of the segment that carried it. */
  acked: { ack: number; by: number }[];
  /** Index of the peer's bare SYN it received, if any. */
  synAt?: number;
  sndNxt?: number;
}

export function replay(segs: TcpSegment[], lost: Set<number>, plan: Plan): Replay {
  const sides = new Map<string, Side>();
  const side = (name: string): Side => {
    let s = sides.get(name);
    if (!s) sides.set(name, (s = { rcv: new Receiver(), history: [], acked: [] }));
    return s;
  };
  const position = new Map(plan.order.map((i, p) => [i, p]));
  const grouped = new Set(plan.groups.flatMap(([a, b]) => plan.order.slice(position.get(a), position.get(b)! + 1)));
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
        if (problem.movable && !grouped.has(i)) out.candidates.push({ kind: 'move', seg: i, before: problem.from });
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
    peer.rcv.deliver(s);
    peer.history.push([i, peer.rcv.nxt]);
    if (hasFlag(s, 'SYN') && !hasFlag(s, 'ACK')) peer.synAt ??= i;
    if (hasFlag(s, 'ACK') && s.ack !== undefined) {
      const top = peer.acked.at(-1);
      if (!top || seqDiff(s.ack, top.ack) > 0) peer.acked.push({ ack: s.ack, by: i });
    }
  };
  const lastOf = new Map(plan.groups.map(([a, b]) => [a, b]));
  for (let p = 0; p < plan.order.length; ) {
    const last = lastOf.get(plan.order[p]);
    const end = last === undefined ? p : position.get(last)!;
    const members = plan.order.slice(p, end + 1);
    members.forEach(send);
    members.forEach(deliver);
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

/** The delivery after which RCV.NXT first passed `ack`: searched from the end, where it is. */
function firstBeyond(history: [number, number | undefined][], ack: number): number | undefined {
  let found: number | undefined;
  for (let k = history.length - 1; k >= 0; k--) {
    const nxt = history[k][1];
    if (nxt === undefined || seqDiff(nxt, ack) <= 0) break;
    found = history[k][0];
  }
  return found;
}

/** The first received ack that covers `end` (acks only grow): searched from the end. */
function firstCovering(acked: { ack: number; by: number }[], end: number): number | undefined {
  let found: number | undefined;
  for (let k = acked.length - 1; k >= 0 && seqDiff(acked[k].ack, end) >= 0; k--) found = acked[k].by;
  return found;
}
