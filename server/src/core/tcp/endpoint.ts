// One simulated endpoint: the state and the TCB variables of RFC 9293 §3.3.1
// (ISS, SND.UNA, SND.NXT, IRS, RCV.NXT), plus what the checker needs to explain itself.
import { STATE_NAMES, type TcpState } from '../syntax/ast';
import type { ParticipantInfo } from './analysis';
import { add, unknown, type SeqVal } from './seqValue';
import { BIT } from './segment';

/** Why an endpoint is in its state, for messages such as "it sent SYN on line 1". */
export type StateCause =
  // No line: the participant's declaration or first use is read when it is shown (assertions.ts), so
  // an endpoint kept at a checkpoint stays true when lines after it move (core/incremental.ts).
  | { kind: 'initial'; reason: ParticipantInfo['initialReason'] }
  | { kind: 'sent' | 'received'; flags: number; len: number; line: number }
  | { kind: 'wait'; line: number };

/** A segment this endpoint sent and that is not yet acknowledged (the retransmission queue). */
export interface SentSegment {
  seq: SeqVal;
  len: number;
  syn: boolean;
  fin: boolean;
  /** Its flags as sent (BIT values): a simultaneous open's SYN,ACK "sends again the SYN it sent". */
  flags: number;
  line: number;
}

/** A segment received ahead of RCV.NXT, kept until the gap is filled (RFC 9293 §3.10.7.4). */
export interface QueuedSegment {
  seq: SeqVal;
  len: number;
  fin: boolean;
  line: number;
}

/** What an endpoint last received: an RST it sends from a closed state answers it (§3.10.7.1). */
export interface ReceivedFacts {
  seq: SeqVal;
  consumed: number;
  /** It carried the ACK flag (its value may still be unknown). */
  hadAck: boolean;
  ack?: SeqVal;
  line: number;
}

export interface Endpoint {
  name: string;
  state: TcpState;
  cause: StateCause;
  /** Something arrived since `cause` (for "has not received anything since"). */
  receivedSinceCause: boolean;
  /** Opened from LISTEN: an RST in SYN_RECEIVED sends it back to LISTEN (§3.10.7.4). */
  passive: boolean;
  /** It has a listening socket, which outlives each connection it accepts. */
  listener: boolean;
  iss?: SeqVal;
  sndUna?: SeqVal;
  sndNxt?: SeqVal;
  irs?: SeqVal;
  rcvNxt?: SeqVal;
  unacked: SentSegment[];
  /** Seq of the FIN it sent on this connection, and where. */
  finSeq?: SeqVal;
  finLine?: number;
  outOfOrder: QueuedSegment[];
  lastReceived?: ReceivedFacts;
  /** Where the retransmission just sent ends: a TCP that splits what it resends starts the next piece there. */
  resentUpTo?: SeqVal;
  /** How many `wait` lines had been met when it last sent a segment of any kind (a probe needs one since, SPEC §8.5). */
  waitsAtLastSend: number;
  /** Its last new segment (for "its SYN on line 1 consumed one sequence number"). */
  lastSent?: { flags: number; len: number; line: number };
  /** How many connections it has had: names fresh unknown ISNs (`?A#2`). */
  incarnation: number;
  /** Bookkeeping of checkpoint.ts: the epoch in which it was last journalled. */
  epoch: number;
}

// STATE_NAMES lists the states in RFC order, so the synchronized ones are ESTABLISHED onwards.
const SYNCHRONIZED: ReadonlySet<TcpState> = new Set(STATE_NAMES.slice(STATE_NAMES.indexOf('ESTABLISHED')));

/** RFC 9293 §3.5.2: the synchronized states. */
export const isSynchronized = (s: TcpState): boolean => SYNCHRONIZED.has(s);

/** States in which an endpoint has a connection (SYN_RECEIVED onwards, §3.10.5). */
export const hasConnection = (s: TcpState): boolean => s === 'SYN_RECEIVED' || isSynchronized(s);

export function createEndpoint(p: ParticipantInfo): Endpoint {
  // Every field is set here, even the unknown ones, so every endpoint keeps one object shape.
  const e: Endpoint = {
    name: p.name,
    state: p.initial,
    cause: { kind: 'initial', reason: p.initialReason },
    receivedSinceCause: false,
    passive: p.initial === 'LISTEN' || p.initial === 'SYN_RECEIVED',
    listener: p.initial === 'LISTEN',
    iss: undefined,
    sndUna: undefined,
    sndNxt: undefined,
    irs: undefined,
    rcvNxt: undefined,
    unacked: [],
    finSeq: undefined,
    finLine: undefined,
    outOfOrder: [],
    resentUpTo: undefined,
    lastReceived: undefined,
    waitsAtLastSend: 0,
    lastSent: undefined,
    incarnation: 0,
    epoch: 0,
  };
  seedNumbers(e);
  return e;
}

/** Unknown numbers for an endpoint that starts past CLOSED/LISTEN (SPEC §4: learned later). */
function seedNumbers(e: Endpoint): void {
  const start = unknown(e.name);
  switch (e.state) {
    case 'CLOSED':
    case 'LISTEN':
    case 'SYN_RECEIVED':
      return;
    case 'SYN_SENT':
      e.iss = start;
      e.sndUna = start;
      e.sndNxt = add(start, 1);
      e.unacked = [{ seq: start, len: 0, syn: true, fin: false, flags: BIT.SYN, line: -1 }];
      return;
    default:
      e.sndUna = start;
      e.sndNxt = start;
  }
  // A FIN already sent: FIN_WAIT_1, CLOSING and LAST_ACK still wait for its ACK.
  if (['FIN_WAIT_1', 'CLOSING', 'LAST_ACK', 'FIN_WAIT_2', 'TIME_WAIT'].includes(e.state)) {
    e.finSeq = start;
    e.sndNxt = add(start, 1);
    if (e.state === 'FIN_WAIT_2' || e.state === 'TIME_WAIT') e.sndUna = e.sndNxt;
    else e.unacked = [{ seq: start, len: 0, syn: false, fin: true, flags: BIT.FIN | BIT.ACK, line: -1 }];
  }
}

/** Forget the connection's numbers: a new SYN sent or received starts afresh (§3.10.7.2–4). */
export function resetConnection(e: Endpoint): void {
  e.incarnation++;
  e.iss = e.sndUna = e.sndNxt = e.irs = e.rcvNxt = undefined;
  e.unacked = [];
  e.outOfOrder = [];
  e.finSeq = e.finLine = undefined;
  e.resentUpTo = undefined;
}

export function setState(e: Endpoint, state: TcpState, cause: StateCause): void {
  if (state === e.state) return;
  e.state = state;
  e.cause = cause;
  e.receivedSinceCause = false;
  if (state === 'CLOSED' || state === 'LISTEN') {
    e.unacked = [];
    e.outOfOrder = [];
  }
}

/** The ISN name for an unknown ISS (`?A`, then `?A#2` for its next connection). */
export function freshUnknown(e: Endpoint, what: string): SeqVal {
  return unknown(`${e.name}#${e.incarnation}${what}`);
}
