// Each endpoint's TCB (RFC 9293 §3.3.1) after every step of the trace, for a view that walks a
// flow one event at a time (the preview's step mode). The checker keeps no history of its TCBs;
// this runs it once more and copies, after each step, the TCB of every endpoint the step involved.
import type { TcpState, TcpflowDocument } from '../syntax/ast';
import type { ShownValue } from './analysis';
import { Checker } from './checker';
import { createEndpoint, type Endpoint } from './endpoint';
import { collectParticipants } from './initialStates';
import { describe } from './segment';
import { show } from './seqValue';

/**
 * Queued segments kept per queue in a view (the first ones, the next to be acknowledged or
 * delivered); the rest are only counted. A view is made after every step, so a flow that keeps
 * thousands of segments unacknowledged must not copy them all at each one.
 */
export const QUEUE_KEPT = 8;

/** One endpoint's TCB as shown to a learner: values are numbers, symbols (`x+1`) or undefined (unknown). */
export interface TcbView {
  state: TcpState;
  iss?: ShownValue;
  irs?: ShownValue;
  sndUna?: ShownValue;
  sndNxt?: ShownValue;
  rcvNxt?: ShownValue;
  /** Sent and not yet acknowledged (the retransmission queue): seq and what it was (`PSH,ACK len=10`). At most QUEUE_KEPT. */
  unacked: { seq?: ShownValue; what: string; line: number }[];
  /** How many segments the retransmission queue holds. */
  unackedCount: number;
  /** Received ahead of RCV.NXT, waiting for the gap to fill. At most QUEUE_KEPT. */
  outOfOrder: { seq?: ShownValue; len: number; fin: boolean; line: number }[];
  /** How many segments wait out of order. */
  outOfOrderCount: number;
}

/** `steps[i]`: the TCB after step i of each endpoint that step involved (the sender, the receiver; all at a wait). */
export interface TcbTrace {
  initial: Record<string, TcbView>;
  steps: Record<string, TcbView>[];
}

export function tcbView(e: Endpoint): TcbView {
  return {
    state: e.state,
    iss: show(e.iss),
    irs: show(e.irs),
    sndUna: show(e.sndUna),
    sndNxt: show(e.sndNxt),
    rcvNxt: show(e.rcvNxt),
    unacked: e.unacked.slice(0, QUEUE_KEPT).map((u) => ({ seq: show(u.seq), what: describe(u.flags, u.len), line: u.line })),
    unackedCount: e.unacked.length,
    outOfOrder: e.outOfOrder.slice(0, QUEUE_KEPT).map((q) => ({ seq: show(q.seq), len: q.len, fin: q.fin, line: q.line })),
    outOfOrderCount: e.outOfOrder.length,
  };
}

export function tcbTrace(doc: TcpflowDocument): TcbTrace {
  const steps: Record<string, TcbView>[] = [];
  const checker = new Checker(doc, collectParticipants(doc), {
    onStep: (index, endpoints) => {
      const views: Record<string, TcbView> = {};
      for (const e of endpoints) views[e.name] = tcbView(e);
      steps[index] = views;
    },
  });
  checker.run();
  // After the run: a root cause found at someone's first event can change who starts how (SPEC §8.6).
  const initial = Object.fromEntries(checker.participants.map((p) => [p.name, tcbView(createEndpoint(p))]));
  return { initial, steps };
}

/** An endpoint's TCB after step `index` (the last step that involved it, or its initial TCB). */
export function tcbAt(trace: TcbTrace, index: number, name: string): TcbView | undefined {
  for (let i = Math.min(index, trace.steps.length - 1); i >= 0; i--) {
    const v = trace.steps[i]?.[name];
    if (v) return v;
  }
  return trace.initial[name];
}
