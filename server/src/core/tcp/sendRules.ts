// What an endpoint may send, and with which numbers (SPEC §4 "Sending"; RFC 9293 §3.10).
import { diag, type Diagnostic, type Fix } from '../diagnostics';
import type { MessageStmt, TcpState } from '../syntax/ast';
import { distance, fromWritten, isWritten, judge, showText, unknown, type SeqVal } from './seqValue';
import { resolve, type Bindings } from './bindings';
import { hasConnection, type Endpoint } from './endpoint';
import { neverWith } from '../syntax/vocabulary';
import { BIT, addAckEdit, describe, flagBits, flagsRange, has, writtenLength, type Seg } from './segment';

export interface CheckContext {
  report(d: Diagnostic): void;
  /** A symbol the document has already used (a new one is a new unknown, see seqValue.judge). */
  isKnownSymbol(s: string): boolean;
  /** How many `wait` lines have been met so far. */
  waits: number;
  /** What the unknown numbers of mid-connection notes turned out to be (bindings.ts). */
  bindings: Bindings;
  /** `unknown` (an unknown base, `?A` at some offset) is `value`: every value counted from it becomes a number. */
  bind(unknown: SeqVal, value: SeqVal): void;
}

export type SendKind = 'rst' | 'syn' | 'synack' | 'fin' | 'data' | 'ack';

// Which new segments each state may send (SPEC §4; RFC 9293 §3.10.1–3.10.4).
// Retransmissions of unacknowledged segments are allowed in any state but CLOSED.
export const MAY_SEND: Record<TcpState, SendKind[]> = {
  CLOSED: ['syn', 'rst'],
  LISTEN: ['syn', 'rst'],
  SYN_SENT: ['rst'],
  SYN_RECEIVED: ['synack', 'fin', 'rst'],
  ESTABLISHED: ['ack', 'data', 'fin', 'rst'],
  FIN_WAIT_1: ['ack', 'rst'],
  FIN_WAIT_2: ['ack', 'rst'],
  CLOSE_WAIT: ['ack', 'data', 'fin', 'rst'],
  CLOSING: ['ack', 'rst'],
  LAST_ACK: ['ack', 'rst'],
  TIME_WAIT: ['ack', 'rst'],
};

export function kindOf(seg: Seg): SendKind {
  if (has(seg, 'RST')) return 'rst';
  if (has(seg, 'SYN')) return has(seg, 'ACK') ? 'synack' : 'syn';
  if (has(seg, 'FIN')) return 'fin';
  return seg.len > 0 ? 'data' : 'ack';
}

/** The seq of a segment before its numbers are settled: an unknown no comparison can match. */
const NOT_YET: SeqVal = unknown('');
const SYN_NEVER_WITH = neverWith('SYN');

/** Builds the segment a message sends, checking its flags; numbers come later. */
export function buildSegment(ctx: CheckContext, s: Endpoint, r: Endpoint, msg: MessageStmt): Seg {
  const seg: Seg = {
    msg,
    sender: s,
    receiver: r,
    flags: flagBits(msg),
    len: writtenLength(msg),
    seq: NOT_YET,
    ackNo: undefined,
    seqInferred: !msg.segment.seq?.value,
    ackInferred: false,
    ackFlagAdded: false,
    role: 'normal',
    info: undefined,
  };
  // RFC 9293 §3.1: SYN with FIN or with RST never makes sense. Go on as if the one the sender's
  // state could not have meant were absent: the SYN in a state that sends no SYN (a stray SYN on
  // a FIN,ACK), otherwise the other flag.
  if (has(seg, 'SYN')) for (const other of SYN_NEVER_WITH) {
    if (!has(seg, other)) continue;
    const dropped = maySendSyn(s.state) ? other : 'SYN';
    const ref = msg.segment.flags.find((f) => f.flag === dropped);
    ctx.report(diag('TF206', ref?.range ?? flagsRange(msg), { flag: other, dropped }));
    seg.flags &= ~BIT[dropped];
    if (dropped === 'SYN') break;
  }
  return seg;
}

/** States that send a SYN: a new one, its retransmission, or the SYN,ACK (SPEC §4). */
const maySendSyn = (state: TcpState): boolean => state === 'CLOSED' || state === 'LISTEN' || state === 'SYN_SENT' || state === 'SYN_RECEIVED';

/** RFC 9293 §3.10.7.4: every segment but the first SYN and an RST carries ACK. */
function ackOwed(s: Endpoint, seg: Seg): boolean {
  if (has(seg, 'RST')) {
    // An RST from a closed state answering a segment without ACK carries ACK (§3.10.7.1).
    return !hasConnection(s.state) && !!s.lastReceived && !s.lastReceived.hadAck;
  }
  // Only SYN_RECEIVED owes an ACK on its SYN; anywhere else a SYN is either the first or not allowed.
  if (has(seg, 'SYN')) return s.state === 'SYN_RECEIVED';
  return true;
}

/**
 * Adds the ACK the sender owes and returns the warning about it, which the caller reports only
 * if the segment is otherwise allowed (one mistake, one diagnostic).
 */
export function settleAckFlag(s: Endpoint, seg: Seg): Diagnostic | undefined {
  if (has(seg, 'ACK')) return undefined;
  const msg = seg.msg;
  const owed = ackOwed(s, seg);
  let warning: Diagnostic | undefined;
  if (msg.segment.ack) warning = diag('TF205', msg.segment.ack.keyRange, {}, addAckFix(msg));
  else if (owed) warning = diag('TF204', flagsRange(msg), { name: s.name, what: describe(seg.flags, seg.len), rst: has(seg, 'RST') ? 1 : 0 }, addAckFix(msg));
  if (owed) {
    seg.flags |= BIT.ACK;
    seg.ackFlagAdded = !msg.segment.ack;
  }
  return warning;
}

const addAckFix = (msg: MessageStmt): Fix => ({ kind: 'addAck', args: {}, edits: [addAckEdit(msg)] });

/** The segment's effective `seq`; reports a wrong one and goes on with the expected value. */
export function settleSeq(ctx: CheckContext, s: Endpoint, seg: Seg, expected: SeqVal | undefined, variant: SeqVariant): void {
  const wrote = seg.msg.segment.seq?.value;
  if (!wrote) {
    seg.seq = expected ?? seg.seq;
    return;
  }
  // The usual case, the expected seq: nothing to report, and no new value to make.
  if (expected && isWritten(expected, wrote)) {
    seg.seq = expected;
    return;
  }
  const written = fromWritten(wrote);
  seg.seq = written;
  if (judge(expected, written, ctx.isKnownSymbol) !== 'differs' || !expected) return;
  const field = seg.msg.segment.seq!;
  const range = field.value!.range;
  const fix = { kind: 'setSeq' as const, args: { value: showText(expected) }, edits: [{ range, newText: showText(expected) }] };
  const what = variant.about && describe(variant.about.flags, variant.about.len);
  const args = { name: s.name, expected: showText(expected), written: field.value!.text, variant: variant.kind, what, line: variant.line, count: variant.count, delta: distance(written, expected) };
  ctx.report(diag(variant.code, range, args, fix));
  seg.seq = expected;
}

export interface SeqVariant {
  code: 'TF201' | 'TF208';
  /** Why that value: next (SND.NXT), minusOne (a SYN/FIN consumed one), retransmit, or an RST rule. */
  kind: 'next' | 'minusOne' | 'forgotLength' | 'retransmit' | 'rstConnection' | 'rstAnswersAck' | 'rstAnswersNoAck';
  /** The segment that explains it; described only if the seq is reported. */
  about?: { flags: number; len: number };
  /** 1-based line that explains it. */
  line?: number;
  /** How many sequence numbers `about` consumed (forgotLength). */
  count?: number;
}

/** The receiver's RCV.NXT as the sender knows it; unknown mid-connection numbers start at the peer's SND.NXT. */
export function rcvNxtOf(ctx: CheckContext, s: Endpoint, r: Endpoint): SeqVal | undefined {
  if (!s.rcvNxt && hasConnection(s.state) && s.state !== 'SYN_RECEIVED') s.rcvNxt = resolve(ctx.bindings, unknown(r.name));
  return s.rcvNxt;
}

/** The segment's effective `ack` (RFC 9293 §3.10.7.4: it must be RCV.NXT). */
export function settleAck(ctx: CheckContext, s: Endpoint, seg: Seg, expected: SeqVal | undefined): void {
  if (!has(seg, 'ACK')) return;
  const field = seg.msg.segment.ack;
  const value = field?.value;
  if (!value) {
    seg.ackNo = expected;
    seg.ackInferred = true;
    return;
  }
  // The usual case, the expected ack: nothing to report, and no new value to make.
  if (expected && isWritten(expected, value)) {
    seg.ackNo = expected;
    return;
  }
  const written = fromWritten(value);
  seg.ackNo = written;
  if (!expected || judgeAck(ctx, seg, expected, written) !== 'differs') return;
  const range = value.range;
  const text = showText(expected);
  const args = { name: s.name, expected: text, written: value.text, rcvLine: s.lastReceived ? s.lastReceived.line + 1 : undefined, delta: distance(written, expected) };
  ctx.report(diag('TF202', range, args, { kind: 'setAck', args: { value: text }, edits: [{ range, newText: text }] }));
  seg.ackNo = expected;
}

// Apart from settleAck, which runs for every segment: a closure there would make every call
// allocate the variables it captures, even the calls that never get to it.
function judgeAck(ctx: CheckContext, seg: Seg, expected: SeqVal, written: SeqVal): ReturnType<typeof judge> {
  // The segment's own seq symbol counts as known: `SYN(b), ACK(b+1)` acknowledges its own ISN.
  const own = seg.msg.segment.seq?.value?.sym;
  return judge(expected, written, (sym) => ctx.isKnownSymbol(sym) || sym === own);
}
