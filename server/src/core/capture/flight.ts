// What happened in flight, inferred from one capture point: which segments were lost, which
// crossed (each side sent before the other's segment arrived: a `par` block, SPEC §3.4), and
// which pure ACKs to write earlier than the capture saw them.
//
// Lost: a segment with data, SYN or FIN that its sender later sends again (the same kind: a SYN
// as a SYN), with nothing from the peer in between acknowledging it (cumulatively or by SACK,
// RFC 2018).
// Crossed: a capture lists segments in the order the capture point saw them; the note delivers
// each one before the next is sent. Where that order is impossible for TCP — the peer's ack
// does not cover data it would already have received (RFC 9293 §3.10.7.4: ACK = RCV.NXT), a
// sender resends data an ACK it would already have received covered, or a side sends a bare SYN
// after receiving one (simultaneous open) — the segments between are written as one `par`
// block. A block is kept only if it removes such an impossibility (replay.ts counts them), so
// par appears only where the timing demands it.
// Moved: a par block sends everything, then delivers everything, so it cannot hold a window of
// data with several ACKs coming back while it is in flight (a sender-side capture of a bulk
// transfer): a block is only kept when nothing in it is still impossible. What par cannot fix,
// a pure ACK written right after the data it acknowledges can: it is written there, and its
// comment says it was seen later.
import { replay, segEnd, type Candidate, type Plan, type Replay } from './replay';
import { consumed, hasFlag, seqDiff, type TcpSegment } from './types';

export interface Flight extends Plan {
  /** Indices (into the connection's segments) of segments lost on the way. */
  lost: Set<number>;
}

/** Rounds of candidates: each accepted change can reveal the next one needed (a chain of crossings). */
const MAX_ROUNDS = 20;

export function inferFlight(segs: TcpSegment[]): Flight {
  const lost = inferLosses(segs);
  let plan: Plan = { order: segs.map((_, i) => i), groups: [], moved: [] };
  let best = replay(segs, lost, plan);
  for (const kind of ['par', 'move'] as const) {
    for (let round = 0; round < MAX_ROUNDS && best.problems > 0; round++) {
      // Many ACKs returning under one window: move them all at once when each move fixes its problem.
      const moves = kind === 'move' ? trials(best, kind, plan, segs) : [];
      if (moves.length > 1) {
        const next = moves.reduce((p, t) => t(p), plan);
        const result = replay(segs, lost, next);
        if (result.problems <= best.problems - moves.length) {
          plan = next;
          best = result;
          continue;
        }
      }
      let improved = false;
      for (const trial of trials(best, kind, plan, segs)) {
        const next = trial(plan);
        const result: Replay = replay(segs, lost, next);
        if (result.problems < best.problems && consistent(next, result)) {
          plan = next;
          best = result;
          improved = true;
        }
      }
      if (!improved) break;
    }
  }
  return { lost, ...plan };
}

type Trial = (plan: Plan) => Plan;

/** A par block must make sense on its own: nothing in it may still be impossible. */
function consistent(plan: Plan, result: Replay): boolean {
  return plan.groups.every(([a, b]) => plan.order.slice(plan.order.indexOf(a), plan.order.indexOf(b) + 1).every((i) => !result.problemAt.has(i)));
}

function trials(best: Replay, kind: Candidate['kind'], plan: Plan, segs: TcpSegment[]): Trial[] {
  if (kind === 'par') {
    const ranges = best.candidates.flatMap((c) => (c.kind === 'par' ? [[plan.order.indexOf(c.from), plan.order.indexOf(c.to)] as [number, number]] : []));
    return merge(ranges).map(([a, b]) => {
      const first = plan.order[a];
      const last = plan.order[b];
      return (p: Plan) => withGroup(p, first, last);
    });
  }
  return best.candidates.flatMap((c) => (c.kind === 'move' ? [(p: Plan) => withMove(p, c.seg, c.before, segs)] : []));
}

function withGroup(plan: Plan, first: number, last: number): Plan {
  const pos = (i: number) => plan.order.indexOf(i);
  const ranges = [...plan.groups.map(([a, b]) => [pos(a), pos(b)] as [number, number]), [pos(first), pos(last)] as [number, number]];
  return { ...plan, groups: merge(ranges).map(([a, b]) => [plan.order[a], plan.order[b]]) };
}

/** Writes pure ACK `seg` just before `before` (never before its own sender's earlier segments, never inside a par block). */
function withMove(plan: Plan, seg: number, before: number, segs: TcpSegment[]): Plan {
  const from = plan.order.indexOf(seg);
  const order = plan.order.filter((i) => i !== seg);
  let at = order.indexOf(before);
  const group = plan.groups.find(([a, b]) => order.indexOf(a) <= at && at <= order.indexOf(b));
  if (group) at = order.indexOf(group[0]);
  for (let k = from - 1; k >= at; k--) {
    if (segs[order[k]].src === segs[seg].src) {
      at = k + 1;
      break;
    }
  }
  if (at >= from || plan.groups.some(([a, b]) => a === seg || b === seg)) return plan;
  order.splice(at, 0, seg);
  return { ...plan, order, moved: [...plan.moved, seg] };
}

function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([...r]);
  }
  return out;
}

function inferLosses(segs: TcpSegment[]): Set<number> {
  const lost = new Set<number>();
  segs.forEach((s, i) => {
    if (s.seq === undefined || consumed(s) === 0 || hasFlag(s, 'RST')) return;
    const again = segs.findIndex((r, j) => j > i && r.src === s.src && r.seq === s.seq && sameKind(r, s));
    if (again < 0) return;
    const acknowledged = segs.slice(i + 1, again).some((r) => r.src === s.dst && covers(r, s.seq!, segEnd(s)));
    if (!acknowledged) lost.add(i);
  });
  return lost;
}

/** A resend of the same kind: a bare SYN answered by our own SYN,ACK (simultaneous open) is not one. */
function sameKind(r: TcpSegment, s: TcpSegment): boolean {
  if (consumed(r) === 0 || hasFlag(r, 'RST') || hasFlag(r, 'SYN') !== hasFlag(s, 'SYN')) return false;
  return !hasFlag(s, 'SYN') || hasFlag(r, 'ACK') === hasFlag(s, 'ACK');
}

function covers(r: TcpSegment, from: number, to: number): boolean {
  if (hasFlag(r, 'ACK') && r.ack !== undefined && seqDiff(r.ack, to) >= 0) return true;
  return (r.options.sack ?? []).some(([l, e]) => seqDiff(from, l) >= 0 && seqDiff(to, e) <= 0);
}
