// One endpoint sends one segment: classify it (new, retransmission, keep-alive, not allowed),
// settle its numbers and apply its effect on the sender (RFC 9293 §3.10.1–3.10.5).
import { diag } from '../diagnostics';
import { hasConnection, isSynchronized, freshUnknown, resetConnection, setState, type Endpoint, type SentSegment, type StateCause } from './endpoint';
import { add, distance, distanceAfter, fromWritten, isHidden, isWritten, number, type SeqVal } from './seqValue';
import { BIT, consumed, describe, flagsRange, has, type Seg } from './segment';
import { MAY_SEND, buildSegment, kindOf, rcvNxtOf, settleAck, settleAckFlag, settleSeq, type CheckContext, type SendKind, type SeqVariant } from './sendRules';
import type { MessageStmt } from '../syntax/ast';

export function sendSegment(ctx: CheckContext, s: Endpoint, r: Endpoint, msg: MessageStmt): Seg {
  const seg = buildSegment(ctx, s, r, msg);
  const ackWarning = settleAckFlag(s, seg);
  const sent = classify(ctx, s, r, seg);
  if (ackWarning && sent.role !== 'rejected') ctx.report(ackWarning);
  // SPEC §8.5: a probe's wait must follow the sender's previous segment of any kind.
  s.waitsAtLastSend = ctx.waits;
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
    // after it are not reported for this same mistake (one mistake, one diagnostic). The segment
    // meant may be a retransmission (a stray SYN on resent data), so it is classified again.
    seg.flags ^= BIT.SYN;
    return classifyMeant(ctx, s, r, seg);
  }
  return sendNew(ctx, s, r, seg, kind);
}

/** The segment meant, its flag mistake already reported: anything further wrong with it is new. */
function classifyMeant(ctx: CheckContext, s: Endpoint, r: Endpoint, seg: Seg): Seg {
  const kind = kindOf(seg);
  const retrans = findRetransmission(s, seg);
  if (retrans) return retransmit(ctx, s, r, seg, retrans);
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

/**
 * SPEC §8.4 (RFC 1122 §4.2.2.15: a TCP may repacketize what it retransmits): a segment is a
 * retransmission when it starts at the seq of a segment sent and not yet acknowledged (or at
 * SND.UNA), ends at or before SND.NXT, covers at least one sequence number, and carries at each
 * number it covers what was first sent there: SYN at the ISS, FIN at the FIN's number, data
 * elsewhere. A segment that covers nothing (a bare ACK, a window update) repeats nothing.
 * Returns the unacknowledged segment it starts in, which TF210 names.
 */
function findRetransmission(s: Endpoint, seg: Seg): SentSegment | undefined {
  const n = consumed(seg);
  if (n === 0 || !s.unacked.length) return undefined;
  const wrote = seg.msg.segment.seq?.value;
  const syn = has(seg, 'SYN');
  const fin = has(seg, 'FIN');
  if (!wrote) {
    // No seq written: a SYN or FIN written again as it was (`SYN` once more in SYN_SENT).
    if (!syn && !fin) return undefined;
    for (const u of s.unacked) if (u.syn === syn && u.fin === fin && u.len === seg.len) return u;
    return undefined;
  }
  // The usual case, a new segment at SND.NXT: it cannot end at or before SND.NXT.
  if (!s.sndNxt || isWritten(s.sndNxt, wrote)) return undefined;
  const start = fromWritten(wrote);
  if ((distanceAfter(start, n, s.sndNxt) ?? 1) > 0) return undefined;
  const of = startingSegment(s, start);
  if (!of || !carriesWhatWasSent(s, start, n, syn, fin)) return undefined;
  return of;
}

/** The unacknowledged segment a retransmission may start in: one that starts there, or SND.UNA's. */
function startingSegment(s: Endpoint, start: SeqVal): SentSegment | undefined {
  const atUna = !!s.sndUna && distance(start, s.sndUna) === 0;
  const atResent = !!s.resentUpTo && distance(start, s.resentUpTo) === 0;
  for (const u of s.unacked) {
    const d = distance(start, u.seq);
    if (d === 0) return u;
    // SND.UNA, or the end of the piece resent just before, inside this segment (split when resent).
    if ((atUna || atResent) && d !== undefined && d > 0 && d < u.len + (u.syn ? 1 : 0) + (u.fin ? 1 : 0)) return u;
  }
  return undefined;
}

/** SYN exactly at the ISS and FIN exactly at the FIN's number; every other number it covers was data. */
function carriesWhatWasSent(s: Endpoint, start: SeqVal, n: number, syn: boolean, fin: boolean): boolean {
  const atIss = !!s.iss && distance(start, s.iss) === 0;
  if (syn !== atIss) return false;
  if (!s.finSeq) return !fin;
  // Where the FIN's number falls in the covered range [start, start + n).
  const finAt = distance(s.finSeq, start);
  const covers = finAt !== undefined && finAt >= 0 && finAt < n;
  return fin ? covers && finAt === n - 1 : !covers;
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
  const wrote = seg.msg.segment.seq?.value;
  seg.seq = wrote && !quiet ? fromWritten(wrote) : of.seq;
  s.resentUpTo = add(seg.seq, consumed(seg));
  seg.role = 'retransmission';
  if (!quiet) ctx.report(diag('TF210', seg.msg.segment.range, { name: s.name, what: describe(of.flags, of.len), line: of.line >= 0 ? of.line + 1 : undefined }));
  settleAck(ctx, s, seg, rcvNxtOf(ctx, s, r));
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
    settleAck(ctx, s, seg, rcvNxtOf(ctx, s, r));
    return seg;
  } else {
    settleSeq(ctx, s, seg, s.sndNxt, forgotten(s, seg) ?? NEXT);
    if (!s.sndNxt || !comparable(s.sndNxt, seg.seq)) {
      // SND.NXT learned (SPEC §4): an unknown one is now told, for the peer too (bindings.ts).
      if (s.sndNxt && isHidden(s.sndNxt)) ctx.bind(s.sndNxt, seg.seq);
      s.sndUna = seg.seq;
    }
  }
  settleAck(ctx, s, seg, rcvNxtOf(ctx, s, r));

  if (opening) {
    s.iss = seg.seq;
    s.sndUna = seg.seq;
  }
  const n = consumed(seg);
  if (n > 0) s.unacked.push({ seq: seg.seq, len: seg.len, syn: has(seg, 'SYN'), fin: has(seg, 'FIN'), flags: seg.flags, line });
  s.sndNxt = add(seg.seq, n);
  setLastSent(s, seg);
  if (kind === 'syn') setState(s, 'SYN_SENT', sentCause(seg));
  if (kind === 'fin') {
    s.finSeq = seg.seq;
    s.finLine = line;
    // RFC 9293 §3.10.4 CLOSE: ESTABLISHED/SYN_RECEIVED → FIN_WAIT_1, CLOSE_WAIT → LAST_ACK.
    setState(s, s.state === 'CLOSE_WAIT' ? 'LAST_ACK' : 'FIN_WAIT_1', sentCause(seg));
  }
  return seg;
}

/**
 * The classic mistake (SPEC §8.4): a seq written at the start of the sender's last segment, as
 * though its SYN, FIN or data had consumed nothing — also while that segment is unacknowledged.
 */
function forgotten(s: Endpoint, seg: Seg): SeqVariant | undefined {
  const last = s.lastSent;
  const wrote = seg.msg.segment.seq?.value;
  if (!wrote || !s.sndNxt || !last) return undefined;
  const n = last.len + ((last.flags & BIT.SYN) !== 0 ? 1 : 0) + ((last.flags & BIT.FIN) !== 0 ? 1 : 0);
  if (n === 0 || distance(fromWritten(wrote), s.sndNxt) !== -n) return undefined;
  return { code: 'TF201', kind: last.len > 0 ? 'forgotLength' : 'minusOne', about: last, line: last.line + 1, count: n };
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
  if (!wrote || !s.sndNxt || seg.len > 1 || !isSynchronized(s.state) || ctx.waits === s.waitsAtLastSend) return false;
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
    settleAck(ctx, s, seg, rcvNxtOf(ctx, s, r));
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
