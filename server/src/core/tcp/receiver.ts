// A segment arrives (SPEC §4 "Receiving"; RFC 9293 §3.10.7, with RFC 5961 challenge ACKs).
import { diag } from '../diagnostics';
import type { TcpState } from '../syntax/ast';
import { resetConnection, setState, type Endpoint, type StateCause } from './endpoint';
import { add, distance, distanceAfter, isHidden, showText, type SeqVal } from './seqValue';
import { consumed, describe, has, type Seg } from './segment';
import { rcvNxtOf, type CheckContext } from './sendRules';
import { isNewConnectionSyn } from './sender';

// Every rule takes the context, the receiver r, the sender s and the segment as parameters,
// not as one object: a segment arrives for nearly every line, so nothing is made per arrival
// that is not needed (a state's cause is made only when the state changes).
export function deliver(ctx: CheckContext, r: Endpoint, s: Endpoint, seg: Seg): void {
  r.receivedSinceCause = true;
  const state = r.state;
  setLastReceived(r, seg);
  if (state === 'CLOSED') inClosed(ctx, r, seg);
  else if (state === 'LISTEN') inListen(ctx, r, seg);
  else if (state === 'SYN_SENT') inSynSent(ctx, r, seg);
  else inConnection(ctx, r, s, seg);
}

/** Updated in place: it changes with every arrival and nothing else keeps it. */
function setLastReceived(r: Endpoint, seg: Seg): void {
  const last = r.lastReceived;
  if (!last) {
    r.lastReceived = { seq: seg.seq, consumed: consumed(seg), hadAck: has(seg, 'ACK'), ack: seg.ackNo, line: seg.msg.line };
    return;
  }
  last.seq = seg.seq;
  last.consumed = consumed(seg);
  last.hadAck = has(seg, 'ACK');
  last.ack = seg.ackNo;
  last.line = seg.msg.line;
}

const received = (seg: Seg): StateCause => ({ kind: 'received', flags: seg.flags, len: seg.len, line: seg.msg.line });

const at = (seg: Seg) => seg.msg.to.range;

/** §3.10.7.1 CLOSED: everything but an RST is answered with an RST. */
function inClosed(ctx: CheckContext, r: Endpoint, seg: Seg): void {
  if (has(seg, 'RST')) return;
  // A listening socket outlives the connections it accepted: a new SYN still finds it.
  if (r.listener && has(seg, 'SYN') && !has(seg, 'ACK')) return inListen(ctx, r, seg);
  ctx.report(diag('TF213', at(seg), { name: r.name }));
}

/** §3.10.7.2 LISTEN. */
function inListen(ctx: CheckContext, r: Endpoint, seg: Seg): void {
  if (has(seg, 'RST')) return ctx.report(diag('TF218', at(seg), { name: r.name, state: r.state, reason: 'rstInListen' }));
  if (has(seg, 'ACK')) return ctx.report(diag('TF217', at(seg), { name: r.name, reason: 'ack' }));
  if (!has(seg, 'SYN')) return ctx.report(diag('TF217', at(seg), { name: r.name, reason: 'other' }));
  resetConnection(r);
  r.irs = seg.seq;
  r.rcvNxt = add(seg.seq, 1 + seg.len); // a SYN may carry data (TCP Fast Open, RFC 7413)
  r.passive = true;
  setState(r, 'SYN_RECEIVED', received(seg));
}

/** SND.UNA < SEG.ACK =< SND.NXT (§3.10.7.3); an unknown or incomparable ack is not held against the note. */
function acceptableAck(r: Endpoint, ack: SeqVal | undefined): boolean {
  if (!ack || !r.sndNxt) return true;
  const toNext = distance(ack, r.sndNxt);
  if (toNext === undefined) return true;
  const fromUna = r.sndUna ? distance(ack, r.sndUna) : undefined;
  // Before the handshake completes only an ACK of our SYN will do; later a duplicate ACK is fine.
  const handshaking = r.state === 'SYN_SENT' || r.state === 'SYN_RECEIVED';
  return toNext <= 0 && (!handshaking || fromUna === undefined || fromUna > 0);
}

/** §3.10.7.3 SYN_SENT. */
function inSynSent(ctx: CheckContext, r: Endpoint, seg: Seg): void {
  if (has(seg, 'ACK') && !acceptableAck(r, seg.ackNo)) {
    if (has(seg, 'RST')) return ctx.report(diag('TF218', at(seg), { name: r.name, state: r.state, reason: 'rstBadAck' }));
    // An old duplicate SYN,ACK (RFC 9293 Figure 8): answered with <SEQ=SEG.ACK><CTL=RST>.
    return ctx.report(diag('TF214', at(seg), { name: r.name, expected: showText(r.sndNxt), got: showText(seg.ackNo), syn: has(seg, 'SYN') ? 1 : 0 }));
  }
  if (has(seg, 'RST')) {
    if (!has(seg, 'ACK')) return ctx.report(diag('TF218', at(seg), { name: r.name, state: r.state, reason: 'rstNoAck' }));
    setState(r, 'CLOSED', received(seg));
    return resetConnection(r);
  }
  if (!has(seg, 'SYN')) return ctx.report(diag('TF218', at(seg), { name: r.name, state: r.state, reason: 'noSyn' }));
  r.irs = seg.seq;
  r.rcvNxt = add(seg.seq, 1 + seg.len);
  if (has(seg, 'ACK')) {
    advanceUna(r, seg.ackNo);
    setState(r, 'ESTABLISHED', received(seg));
  } else {
    r.passive = false; // simultaneous open (RFC 9293 Figure 7)
    setState(r, 'SYN_RECEIVED', received(seg));
  }
}

type Relation = 'inOrder' | 'ahead' | 'behind' | 'unknown';

function relation(ctx: CheckContext, r: Endpoint, s: Endpoint, seg: Seg): Relation {
  const rcvNxt = rcvNxtOf(ctx, r, s);
  const d = rcvNxt ? distance(seg.seq, rcvNxt) : undefined;
  if (d === undefined) return 'unknown';
  return d === 0 ? 'inOrder' : d > 0 ? 'ahead' : 'behind';
}

// §3.10.7.4: what an ACK of our FIN moves us to, and what a FIN received moves us to.
const ON_FIN_ACKED: Partial<Record<TcpState, TcpState>> = { FIN_WAIT_1: 'FIN_WAIT_2', CLOSING: 'TIME_WAIT', LAST_ACK: 'CLOSED' };
const ON_FIN: Partial<Record<TcpState, TcpState>> = {
  SYN_RECEIVED: 'CLOSE_WAIT',
  ESTABLISHED: 'CLOSE_WAIT',
  FIN_WAIT_1: 'CLOSING',
  FIN_WAIT_2: 'TIME_WAIT',
};

/** SYN_RECEIVED and the synchronized states (§3.10.7.4). */
function inConnection(ctx: CheckContext, r: Endpoint, s: Endpoint, seg: Seg): void {
  const rel = relation(ctx, r, s, seg);
  if (has(seg, 'RST')) {
    // RFC 5961 §3.2: only an RST at exactly RCV.NXT resets; any other gets a challenge ACK.
    if (rel !== 'inOrder' && rel !== 'unknown') return ctx.report(diag('TF215', at(seg), { name: r.name, reason: 'rst', expected: showText(r.rcvNxt) }));
    const back: TcpState = r.state === 'SYN_RECEIVED' && r.passive ? 'LISTEN' : 'CLOSED';
    setState(r, back, received(seg));
    return resetConnection(r);
  }
  let duplicateSyn = false;
  if (has(seg, 'SYN')) {
    if (r.irs && distance(seg.seq, r.irs) === 0) {
      duplicateSyn = true; // the peer's SYN again: a retransmission, answered with an ACK
      if (r.state !== 'SYN_RECEIVED' || !has(seg, 'ACK')) ctx.report(diag('TF211', at(seg), { name: r.name, state: r.state, what: describe(seg.flags, seg.len) }));
    } else if (r.state === 'TIME_WAIT' && isNewConnectionSyn(seg, r.rcvNxt)) {
      // §3.10.7.4 MAY-2: a new SYN above the old RCV.NXT ends TIME_WAIT and opens a new connection.
      ctx.report(diag('TF220', at(seg), { name: r.name }));
      resetConnection(r);
      r.irs = seg.seq;
      r.rcvNxt = add(seg.seq, 1 + seg.len);
      r.passive = true;
      return setState(r, 'SYN_RECEIVED', received(seg));
    } else {
      return ctx.report(diag('TF215', at(seg), { name: r.name, reason: 'syn', expected: showText(r.rcvNxt) }));
    }
  }
  if (has(seg, 'ACK')) {
    if (r.state === 'SYN_RECEIVED') {
      if (!acceptableAck(r, seg.ackNo)) return ctx.report(diag('TF219', at(seg), { name: r.name, expected: showText(r.sndNxt), got: showText(seg.ackNo) }));
      advanceUna(r, seg.ackNo);
      setState(r, 'ESTABLISHED', received(seg));
    } else if (acceptableAck(r, seg.ackNo)) {
      advanceUna(r, seg.ackNo);
      if (finAcknowledged(r)) {
        const to = ON_FIN_ACKED[r.state];
        if (to) setState(r, to, received(seg));
        if (to === 'CLOSED') return resetConnection(r);
      }
    }
  }
  if (duplicateSyn) return;
  if (consumed(seg) > 0) return receiveData(ctx, r, seg, rel);
  // SPEC §4: RCV.NXT is learned from the first non-SYN segment with a seq, even an empty one.
  if (rel === 'unknown' && r.state !== 'CLOSED') r.rcvNxt = seg.seq;
}

function receiveData(ctx: CheckContext, r: Endpoint, seg: Seg, rel: Relation): void {
  const n = consumed(seg);
  if (rel === 'ahead') {
    // An earlier segment is missing: keep this one until the gap is filled (§3.10.7.4 seventh check).
    r.outOfOrder.push({ seq: seg.seq, len: seg.len, fin: has(seg, 'FIN'), line: seg.msg.line });
    if (seg.role === 'normal') seg.role = 'outOfOrder';
    return ctx.report(diag('TF216', at(seg), { name: r.name, expected: showText(r.rcvNxt), got: showText(seg.seq) }));
  }
  if (rel === 'behind' && r.rcvNxt && (distanceAfter(seg.seq, n, r.rcvNxt) ?? 0) <= 0) {
    if (seg.role === 'keepalive') return;
    if (seg.role === 'normal') seg.role = 'duplicate';
    ctx.report(diag('TF211', at(seg), { name: r.name, state: r.state, what: describe(seg.flags, seg.len) }));
    return;
  }
  accept(r, seg.seq, n, has(seg, 'FIN'), seg);
  drainOutOfOrder(r, seg);
}

/** RCV.NXT moves past what arrived (`seg`: the arrival, the cause of any state change). */
function accept(r: Endpoint, seq: SeqVal, n: number, fin: boolean, seg: Seg): void {
  r.rcvNxt = add(seq, n);
  if (!fin) return;
  // §3.10.7.4 eighth check: the FIN moves the receiver on.
  const to = ON_FIN[r.state];
  if (to) setState(r, to, received(seg));
}

/**
 * Once the gap is filled, RCV.NXT jumps past every queued segment that now follows on. Each pass
 * keeps (in place) what still waits; segments queued in order drain in one pass.
 */
function drainOutOfOrder(r: Endpoint, seg: Seg): void {
  const queue = r.outOfOrder;
  for (let progress = queue.length > 0; progress && r.rcvNxt; ) {
    progress = false;
    let kept = 0;
    for (const q of queue) {
      const n = q.len + (q.fin ? 1 : 0);
      if ((distance(q.seq, r.rcvNxt!) ?? 1) > 0) {
        queue[kept++] = q; // still ahead of RCV.NXT
        continue;
      }
      if ((distanceAfter(q.seq, n, r.rcvNxt!) ?? 0) <= 0) continue; // already covered
      accept(r, q.seq, n, q.fin, seg);
      progress = true;
    }
    queue.length = kept;
  }
}

/** SND.UNA moves up to the ACK; the queue keeps what is still unacknowledged (filtered in place). */
function advanceUna(r: Endpoint, ack: SeqVal | undefined): void {
  if (!r.sndNxt) return;
  let una = r.sndNxt;
  if (ack && distance(ack, r.sndNxt) !== undefined) una = ack;
  else if (ack && !isHidden(ack) && !isHidden(r.sndNxt)) {
    // An ack in a numbering this endpoint does not know (textbooks' `ack=v` after data the notes
    // leave out): taken as written, like a new symbol in a seq (README), so its next seq is v.
    r.sndNxt = una = ack;
  }
  r.sndUna = una;
  const queue = r.unacked;
  let kept = 0;
  for (const u of queue) {
    if ((distanceAfter(u.seq, u.len + (u.syn ? 1 : 0) + (u.fin ? 1 : 0), una) ?? 0) > 0) queue[kept++] = u;
  }
  // pop, not `length = kept`: emptying an array that way frees its storage, which the next send reallocates.
  while (queue.length > kept) queue.pop();
}

function finAcknowledged(r: Endpoint): boolean {
  if (!r.finSeq || !r.sndUna) return false;
  return (distance(r.sndUna, add(r.finSeq, 1)) ?? 0) >= 0;
}
