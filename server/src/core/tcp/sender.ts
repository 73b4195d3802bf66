// One endpoint sends one segment: classify it (new, retransmission, keep-alive, not allowed),
// settle its numbers and apply its effect on the sender (RFC 9293 §3.10.1–3.10.5).
import { diag } from '../diagnostics';
import { hasConnection, isSynchronized, freshUnknown, resetConnection, setState, type Endpoint, type SentSegment, type StateCause } from './endpoint';
import { add, distance, distanceAfter, fromWritten, isWritten, number, type SeqVal } from './seqValue';
import { BIT, consumed, describe, flagsRange, has, type Seg } from './segment';
import { MAY_SEND, buildSegment, kindOf, rcvNxtOf, settleAck, settleAckFlag, settleSeq, type CheckContext, type SendKind, type SeqVariant } from './sendRules';
import type { MessageStmt } from '../syntax/ast';

export function sendSegment(ctx: CheckContext, s: Endpoint, r: Endpoint, msg: MessageStmt): Seg {
  const seg = buildSegment(ctx, s, r, msg);
  const ackWarning = settleAckFlag(s, seg);
  const sent = classify(ctx, s, r, seg);
  if (ackWarning && sent.role !== 'rejected') ctx.report(ackWarning);
  return sent;
}

function classify(ctx: CheckContext, s: Endpoint, r: Endpoint, seg: Seg): Seg {
  const msg = seg.msg;
  const kind = kindOf(seg);
  if (kind === 'rst') return sendRst(ctx, s, r, seg);

  const retrans = findRetransmission(s, seg);
  if (retrans) return retransmit(ctx, s, r, seg, retrans);
  // A SYN in SYN_SENT, a SYN,ACK in SYN_RECEIVED once ISS is chosen, a FIN still unacknowledged:
  // these can only be retransmissions, so a different seq is a wrong number, not a new segment.
  const pending = pendingOfKind(s, kind);
  if (pending) {
    settleSeq(ctx, s, seg, pending.seq, { code: 'TF201', kind: 'retransmit', about: seg, line: pending.line + 1 });
    return retransmit(ctx, s, r, { ...seg, seq: pending.seq }, pending, true);
  }
  if (s.finSeq && (kind === 'fin' || kind === 'data')) {
    ctx.report(diag('TF207', flagsRange(msg), { name: s.name, what: describe(seg.flags, seg.len), line: (s.finLine ?? -1) + 1 }));
    return reject(seg, s);
  }
  if (!MAY_SEND[s.state].includes(kind)) {
    const args = { name: s.name, state: s.state, what: describe(seg.flags, seg.len), allowed: MAY_SEND[s.state].join(',') };
    ctx.report(diag('TF203', flagsRange(msg), args));
    const meant = meantWithSynFlipped(s, seg, kind);
    if (!meant) return reject(seg, s);
    // One SYN flag away from what the state sends: go on as though written right, so the lines
    // after it are not reported for this same mistake (one mistake, one diagnostic).
    seg.flags ^= BIT.SYN;
    return sendNew(ctx, s, r, seg, meant);
  }
  return sendNew(ctx, s, r, seg, kind);
}

/**
 * The segment a note surely meant when it is one SYN flag off: a SYN,ACK written without its
 * SYN (a bare ACK from SYN_RECEIVED before the SYN,ACK went out), or an ACK, data or FIN written
 * with a stray SYN in a synchronized state (the handshake's third segment as SYN,ACK).
 */
function meantWithSynFlipped(s: Endpoint, seg: Seg, kind: SendKind): SendKind | undefined {
  if (kind === 'ack' && s.state === 'SYN_RECEIVED' && !s.iss) return 'synack';
  if (kind !== 'synack' || !isSynchronized(s.state)) return undefined;
  const without = kindOf({ ...seg, flags: seg.flags & ~BIT.SYN });
  return MAY_SEND[s.state].includes(without) ? without : undefined;
}

// The retransmission queue is searched with plain loops: it is searched for every segment sent.
function findRetransmission(s: Endpoint, seg: Seg): SentSegment | undefined {
  const wrote = seg.msg.segment.seq?.value;
  const syn = has(seg, 'SYN');
  const fin = has(seg, 'FIN');
  for (const u of s.unacked) {
    if (u.syn === syn && u.fin === fin && u.len === seg.len && (wrote ? isWritten(u.seq, wrote) : syn || fin)) return u;
  }
  if (!wrote || syn || !s.sndNxt) return undefined;
  // Linux merges unacknowledged segments when it retransmits (tcp_retrans_try_collapse): a data
  // segment that starts where an unacknowledged one starts and ends within SND.NXT resends old data.
  let start: SentSegment | undefined;
  for (const u of s.unacked) {
    if (!u.syn && isWritten(u.seq, wrote)) {
      start = u;
      break;
    }
  }
  // Where it ends (start.seq is the written seq).
  return start && (distanceAfter(start.seq, seg.len + (fin ? 1 : 0), s.sndNxt) ?? 1) <= 0 ? start : undefined;
}

function pendingOfKind(s: Endpoint, kind: SendKind): SentSegment | undefined {
  if (kind === 'syn' && s.state === 'SYN_SENT') return unackedControl(s, 'syn');
  if (kind === 'synack' && s.state === 'SYN_RECEIVED' && s.iss) return unackedControl(s, 'syn');
  if (kind === 'fin') return unackedControl(s, 'fin');
  return undefined;
}

/** Its unacknowledged SYN or FIN, if any. */
function unackedControl(s: Endpoint, which: 'syn' | 'fin'): SentSegment | undefined {
  for (const u of s.unacked) if (u[which]) return u;
  return undefined;
}

/** A retransmission: same seq, len, SYN and FIN, maybe with ACK/PSH added and a newer ack (SPEC §4). */
function retransmit(ctx: CheckContext, s: Endpoint, r: Endpoint, seg: Seg, of: SentSegment, quiet = false): Seg {
  seg.seq = of.seq;
  seg.role = 'retransmission';
  if (!quiet) ctx.report(diag('TF210', seg.msg.segment.range, { name: s.name, what: describe(of.flags, of.len), line: of.line >= 0 ? of.line + 1 : undefined }));
  settleAck(ctx, s, seg, rcvNxtOf(s, r));
  return seg;
}

function reject(seg: Seg, s: Endpoint): Seg {
  seg.role = 'rejected';
  seg.seq = s.sndNxt ?? seg.seq;
  if (has(seg, 'ACK')) seg.ackNo = s.rcvNxt;
  return seg;
}

function sendNew(ctx: CheckContext, s: Endpoint, r: Endpoint, seg: Seg, kind: SendKind): Seg {
  const line = seg.msg.line;
  const opening = kind === 'syn' || (kind === 'synack' && !s.iss);
  if (kind === 'syn') {
    resetConnection(s);
    s.passive = false;
  }
  if (opening) {
    settleSeq(ctx, s, seg, undefined, NEXT);
    if (seg.seqInferred) seg.seq = freshUnknown(s, '');
  } else if (keepAlive(ctx, s, seg, kind)) {
    settleAck(ctx, s, seg, rcvNxtOf(s, r));
    return seg;
  } else {
    const last = s.lastSent;
    const wrote = seg.msg.segment.seq?.value;
    const minusOne = wrote && s.sndNxt && last && (has(last, 'SYN') || has(last, 'FIN')) && distance(fromWritten(wrote), s.sndNxt) === -1;
    settleSeq(ctx, s, seg, s.sndNxt, minusOne ? { code: 'TF201', kind: 'minusOne', about: last, line: last.line + 1 } : NEXT);
    if (!s.sndNxt || !comparable(s.sndNxt, seg.seq)) s.sndUna = seg.seq; // SND.NXT learned (SPEC §4)
  }
  settleAck(ctx, s, seg, rcvNxtOf(s, r));

  if (opening) {
    s.iss = seg.seq;
    s.sndUna = seg.seq;
  }
  const n = consumed(seg);
  if (n > 0) s.unacked.push({ seq: seg.seq, len: seg.len, syn: has(seg, 'SYN'), fin: has(seg, 'FIN'), flags: seg.flags, line });
  s.sndNxt = add(seg.seq, n);
  setLastSent(s, seg);
  s.waitedSinceSend = false;
  if (kind === 'syn') setState(s, 'SYN_SENT', sentCause(seg));
  if (kind === 'fin') {
    s.finSeq = seg.seq;
    s.finLine = line;
    // RFC 9293 §3.10.4 CLOSE: ESTABLISHED/SYN_RECEIVED → FIN_WAIT_1, CLOSE_WAIT → LAST_ACK.
    setState(s, s.state === 'CLOSE_WAIT' ? 'LAST_ACK' : 'FIN_WAIT_1', sentCause(seg));
  }
  return seg;
}

/** The usual seq rule, shared by every call: SND.NXT. */
const NEXT: SeqVariant = { code: 'TF201', kind: 'next' };

const sentCause = (seg: Seg): StateCause => ({ kind: 'sent', flags: seg.flags, len: seg.len, line: seg.msg.line });

/** Updated in place: it changes with every new segment and nothing else keeps it. */
function setLastSent(s: Endpoint, seg: Seg): void {
  const last = s.lastSent;
  if (!last) s.lastSent = { flags: seg.flags, len: seg.len, line: seg.msg.line };
  else {
    last.flags = seg.flags;
    last.len = seg.len;
    last.line = seg.msg.line;
  }
}

const comparable = (a: SeqVal, b: SeqVal): boolean => a.base === b.base;

/** A keep-alive probe: a bare ACK one below SND.NXT after a `wait` (RFC 9293 §3.8.4). */
function keepAlive(ctx: CheckContext, s: Endpoint, seg: Seg, kind: SendKind): boolean {
  const wrote = seg.msg.segment.seq?.value;
  if (kind !== 'ack' && kind !== 'data') return false;
  if (!wrote || !s.sndNxt || seg.len > 1 || !isSynchronized(s.state) || !s.waitedSinceSend) return false;
  const seq = fromWritten(wrote);
  if (distance(seq, s.sndNxt) !== -1) return false;
  seg.seq = seq;
  seg.role = 'keepalive';
  ctx.report(diag('TF212', seg.msg.segment.range, { name: s.name }));
  return true;
}

/** RST numbers (SPEC §4; RFC 9293 §3.10.5 ABORT and §3.10.7.1–3 resets from closed states). */
function sendRst(ctx: CheckContext, s: Endpoint, r: Endpoint, seg: Seg): Seg {
  const line = seg.msg.line;
  if (hasConnection(s.state)) {
    settleSeq(ctx, s, seg, s.sndNxt, { code: 'TF208', kind: 'rstConnection' });
    settleAck(ctx, s, seg, rcvNxtOf(s, r));
    const cause = { kind: 'sent' as const, flags: seg.flags, len: seg.len, line };
    if (s.state === 'SYN_RECEIVED' && s.passive) {
      resetConnection(s);
      setState(s, 'LISTEN', cause);
    } else {
      setState(s, 'CLOSED', cause); // a synchronized sender aborts (as Linux does)
      resetConnection(s);
    }
    return seg;
  }
  const last = s.lastReceived;
  if (!last) {
    settleSeq(ctx, s, seg, undefined, { code: 'TF208', kind: 'rstConnection' });
    if (seg.seqInferred) seg.seq = number(0);
    settleAck(ctx, s, seg, undefined);
    return seg;
  }
  const lineNo = last.line + 1;
  if (last.hadAck) {
    // <SEQ=SEG.ACK><CTL=RST>
    settleSeq(ctx, s, seg, last.ack, { code: 'TF208', kind: 'rstAnswersAck', line: lineNo });
    settleAck(ctx, s, seg, add(last.seq, last.consumed));
  } else {
    // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
    settleSeq(ctx, s, seg, number(0), { code: 'TF208', kind: 'rstAnswersNoAck', line: lineNo });
    settleAck(ctx, s, seg, add(last.seq, last.consumed));
  }
  return seg;
}

export const isNewConnectionSyn = (seg: Seg, base: SeqVal | undefined): boolean =>
  has(seg, 'SYN') && !has(seg, 'ACK') && (!base || (distance(seg.seq, base) ?? 1) > 0);
