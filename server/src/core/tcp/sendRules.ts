// What an endpoint may send, and with which numbers (SPEC §4 "Sending"; RFC 9293 §3.10).
import { diag, type Diagnostic } from '../diagnostics';
import type { MessageStmt, TcpState } from '../syntax/ast';
import { fromWritten, judge, showText, unknown, type SeqVal } from './seqValue';
import { hasConnection, type Endpoint } from './endpoint';
import { BIT, addAckEdit, describe, flagBits, flagsRange, has, writtenLength, type Seg } from './segment';

export interface CheckContext {
  report(d: Diagnostic): void;
  /** A symbol the document has already used (a new one is a new unknown, see seqValue.judge). */
  isKnownSymbol(s: string): boolean;
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

const writtenSeq = (msg: MessageStmt): SeqVal | undefined => {
  const v = msg.segment.seq?.value;
  return v ? fromWritten(v) : undefined;
};

/** The seq of a segment before its numbers are settled: an unknown no comparison can match. */
const NOT_YET: SeqVal = unknown('');
const SYN_NEVER_WITH = ['FIN', 'RST'] as const;

/** Builds the segment a message sends, checking its flags; numbers come later. */
export function buildSegment(ctx: CheckContext, s: Endpoint, msg: MessageStmt): { seg: Seg; ackWarning?: Diagnostic } {
  const seg: Seg = {
    msg,
    flags: flagBits(msg),
    len: writtenLength(msg),
    seq: NOT_YET,
    seqInferred: !msg.segment.seq?.value,
    ackInferred: false,
    ackFlagAdded: false,
    role: 'normal',
  };
  // RFC 9293 §3.1: SYN with FIN or with RST never makes sense; go on as if it were absent.
  if (has(seg, 'SYN')) for (const other of SYN_NEVER_WITH) {
    if (has(seg, other)) {
      const ref = msg.segment.flags.find((f) => f.flag === other);
      ctx.report(diag('TF206', ref?.range ?? flagsRange(msg), { flag: other }));
      seg.flags &= ~BIT[other];
    }
  }
  return { seg, ackWarning: settleAckFlag(s, seg) };
}

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
function settleAckFlag(s: Endpoint, seg: Seg): Diagnostic | undefined {
  if (has(seg, 'ACK')) return undefined;
  const msg = seg.msg;
  const owed = ackOwed(s, seg);
  const fix = { kind: 'addAck' as const, args: {}, edits: [addAckEdit(msg)] };
  let warning: Diagnostic | undefined;
  if (msg.segment.ack) warning = diag('TF205', msg.segment.ack.keyRange, {}, fix);
  else if (owed) warning = diag('TF204', flagsRange(msg), { name: s.name, what: describe(seg.flags, seg.len) }, fix);
  if (owed) {
    seg.flags |= BIT.ACK;
    seg.ackFlagAdded = !msg.segment.ack;
  }
  return warning;
}

/** The segment's effective `seq`; reports a wrong one and goes on with the expected value. */
export function settleSeq(ctx: CheckContext, s: Endpoint, seg: Seg, expected: SeqVal | undefined, variant: SeqVariant): void {
  const written = writtenSeq(seg.msg);
  if (!written) {
    seg.seq = expected ?? seg.seq;
    return;
  }
  seg.seq = written;
  if (judge(expected, written, ctx.isKnownSymbol) !== 'differs' || !expected) return;
  const field = seg.msg.segment.seq!;
  const range = field.value!.range;
  const fix = { kind: 'setSeq' as const, args: { value: showText(expected) }, edits: [{ range, newText: showText(expected) }] };
  const args = { name: s.name, expected: showText(expected), written: field.value!.text, variant: variant.kind, what: variant.what, line: variant.line };
  ctx.report(diag(variant.code, range, args, fix));
  seg.seq = expected;
}

export interface SeqVariant {
  code: 'TF201' | 'TF208';
  /** Why that value: next (SND.NXT), minusOne (a SYN/FIN consumed one), retransmit, or an RST rule. */
  kind: 'next' | 'minusOne' | 'retransmit' | 'rstConnection' | 'rstAnswersAck' | 'rstAnswersNoAck';
  what?: string;
  /** 1-based line that explains it. */
  line?: number;
}

/** The receiver's RCV.NXT as the sender knows it; unknown mid-connection numbers start at the peer's. */
export function rcvNxtOf(s: Endpoint, r: Endpoint): SeqVal | undefined {
  if (!s.rcvNxt && hasConnection(s.state) && s.state !== 'SYN_RECEIVED') s.rcvNxt = unknown(r.name);
  return s.rcvNxt;
}

/** The segment's effective `ack` (RFC 9293 §3.10.7.4: it must be RCV.NXT). */
export function settleAck(ctx: CheckContext, s: Endpoint, seg: Seg, expected: SeqVal | undefined): void {
  if (!has(seg, 'ACK')) return;
  const field = seg.msg.segment.ack;
  const written = field?.value ? fromWritten(field.value) : undefined;
  if (!written) {
    seg.ackNo = expected;
    seg.ackInferred = true;
    return;
  }
  seg.ackNo = written;
  // The segment's own seq symbol counts as known: `SYN(b), ACK(b+1)` acknowledges its own ISN.
  const known = (sym: string) => ctx.isKnownSymbol(sym) || sym === seg.msg.segment.seq?.value?.sym;
  if (!expected || judge(expected, written, known) !== 'differs') return;
  const range = field!.value!.range;
  const text = showText(expected);
  const args = { name: s.name, expected: text, written: field!.value!.text, rcvLine: s.lastReceived ? s.lastReceived.line + 1 : undefined };
  ctx.report(diag('TF202', range, args, { kind: 'setAck', args: { value: text }, edits: [{ range, newText: text }] }));
  seg.ackNo = expected;
}
