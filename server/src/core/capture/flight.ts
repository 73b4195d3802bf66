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
import { inferLosses } from './losses';
import { positions, replay, type Candidate, type Plan, type Replay } from './replay';
import type { TcpSegment } from './types';

export interface Flight extends Plan {
  /** Indices (into the connection's segments) of segments lost on the way. */
  lost: Set<number>;
}

/** Rounds of candidates: each accepted change can reveal the next one needed (a chain of crossings). */
const MAX_ROUNDS = 20;
/**
 * Every trial replays the whole connection; this many segment-steps of replay in all, then the
 * plan found so far is kept (a capture of hundreds of thousands of crossings still imports in
 * seconds; it may then keep an impossibility the checker reports).
 */
const REPLAY_BUDGET = 10_000_000;
/** Trials one by one stop after this many in a row changed nothing: the rest of the round will not either, as a rule. */
const MAX_FRUITLESS_TRIALS = 16;

export function inferFlight(segs: TcpSegment[]): Flight {
  const lost = inferLosses(segs);
  let plan: Plan = { order: segs.map((_, i) => i), groups: [], moved: [] };
  let best = replay(segs, lost, plan);
  let budget = REPLAY_BUDGET - segs.length;
  const tryPlan = (next: Plan): Replay | undefined => {
    if (budget < segs.length) return undefined;
   
    budget -= segs.length;
    return replay(segs, lost, next);
  };
  for (const kind of ['par', 'move'] as const) {
    for (let round = 0; round < MAX_ROUNDS && best.problems > 0 && budget >= segs.length; round++) {
      const blocks = kind === 'par' ? parBlocks(best, plan) : [];
      const all: Trial[] = kind === 'par' ? blocks.map((b) => (p: Plan) => withGroups(p, [b])) : moveTrials(best, segs);
      // Many crossings, or many ACKs returning under one window: all at once when each one fixes its problem.
      if (all.length > 1) {
        const next = kind === 'move' ? withMoves(plan, best.candidates, segs) : withGroups(plan, blocks);
        const result = tryPlan(next);
        if (result && result.problems <= best.problems - all.length && consistent(next, result)) {
          plan = next;
          best = result;
          continue;
        }
      }
      let improved = false;
      let fruitless = 0;
      for (const trial of all) {
        const next = trial(plan);
        const result = fruitless < MAX_FRUITLESS_TRIALS ? tryPlan(next) : undefined;
        if (!result) break;
        if (result.problems < best.problems && consistent(next, result)) {
          plan = next;
          best = result;
          improved = true;
          fruitless = 0;
        } else fruitless++;
      }
      if (!improved) break;
    }
  }
  return { lost, ...plan };
}

type Trial = (plan: Plan) => Plan;

/** A par block must make sense on its own: nothing in it may still be impossible. */
function consistent(plan: Plan, result: Replay): boolean {
  if (result.problemAt.size === 0) return true;
  const pos = positions(plan.order);
  return plan.groups.every(([a, b]) => {
    for (let p = pos[a]; p <= pos[b]; p++) if (result.problemAt.has(plan.order[p])) return false;
    return true;
  });
}

/** The par blocks the replay's problems ask for (first and last segment), overlapping ones merged. */
function parBlocks(best: Replay, plan: Plan): [number, number][] {
  const pos = positions(plan.order);
  const ranges = best.candidates.flatMap((c) => (c.kind === 'par' ? [[pos[c.from], pos[c.to]] as [number, number]] : []));
  return merge(ranges).map(([a, b]) => [plan.order[a], plan.order[b]]);
}

function moveTrials(best: Replay, segs: TcpSegment[]): Trial[] {
  return best.candidates.flatMap((c) => (c.kind === 'move' ? [(p: Plan) => withMove(p, c.seg, c.before, segs)] : []));
}

/** The plan with these par blocks (first and last segment) added; blocks that overlap become one. */
function withGroups(plan: Plan, added: [number, number][]): Plan {
  const pos = positions(plan.order);
  const ranges = [...plan.groups, ...added].map(([a, b]) => [pos[a], pos[b]] as [number, number]);
  return { ...plan, groups: merge(ranges).map(([a, b]) => [plan.order[a], plan.order[b]]) };
}

/** Writes pure ACK `seg` just before `before` (never before its own sender's earlier segments, never inside a par block). */
function withMove(plan: Plan, seg: number, before: number, segs: TcpSegment[]): Plan {
  const at = moveTarget(plan, positions(plan.order), seg, before, segs);
  if (at === undefined) return plan;
  const order = plan.order.filter((i) => i !== seg);
  order.splice(at, 0, seg);
  return { ...plan, order, moved: [...plan.moved, seg] };
}

/**
 * Every move candidate at once, each placed as withMove would place it in the plan as it is
 * (one pass: moving thousands of ACKs one by one would copy the order thousands of times).
 */
function withMoves(plan: Plan, candidates: readonly Candidate[], segs: TcpSegment[]): Plan {
  const pos = positions(plan.order);
  // Position in the order → the ACKs to write just before it, in the order they come.
  const before = new Map<number, number[]>();
  const moving = new Set<number>();
  // Where the sender's previous ACK of this batch went: the next one may not go before it.
  const lastAt = new Map<string, number>();
  for (const c of candidates) {
    if (c.kind !== 'move' || moving.has(c.seg)) continue;
    let at = moveTarget(plan, pos, c.seg, c.before, segs, moving);
    const floor = lastAt.get(segs[c.seg].src);
    if (at !== undefined && floor !== undefined && floor > at) at = floor < pos[c.seg] ? floor : undefined;
    if (at === undefined) continue;
    lastAt.set(segs[c.seg].src, at);
    moving.add(c.seg);
    const list = before.get(at);
    if (list) list.push(c.seg);
    else before.set(at, [c.seg]);
  }
  if (!moving.size) return plan;
  const order: number[] = [];
  plan.order.forEach((i, p) => {
    for (const m of before.get(p) ?? []) order.push(m);
    if (!moving.has(i)) order.push(i);
  });
  return { ...plan, order, moved: [...plan.moved, ...[...moving].sort((x, y) => pos[x] - pos[y])] };
}

/**
 * Where in the order (positions before `seg`'s own) withMove writes it; undefined when it stays.
 * Segments in `moved` have left their places (withMoves) and stop nothing there.
 */
function moveTarget(plan: Plan, pos: Int32Array, seg: number, before: number, segs: TcpSegment[], moved?: Set<number>): number | undefined {
  const from = pos[seg];
  if (plan.groups.some(([a, b]) => a === seg || b === seg)) return undefined;
  let at = pos[before];
  const group = plan.groups.find(([a, b]) => pos[a] <= at && at <= pos[b]);
  if (group) at = pos[group[0]];
  for (let k = from - 1; k >= at; k--) {
    if (segs[plan.order[k]].src === segs[seg].src && !moved?.has(plan.order[k])) {
      at = k + 1;
      break;
    }
  }
  return at >= from ? undefined : at;
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
