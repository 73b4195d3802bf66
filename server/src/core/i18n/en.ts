// English diagnostic messages. Each says what was expected and why, citing RFC 9293.
import type { MessageArgs } from '../diagnostics';
import type { Catalog } from './catalog';
import { enDocs } from './enDocs';
import { enUi } from './enUi';
import type { SendKind } from '../tcp/sendRules';
import { FIELD_KEYS, STATE_NAMES, type TcpState } from '../syntax/vocabulary';
import { DOCUMENT_BUDGET } from '../limits';

/** A count of lines or characters, with thousands separators (TF110, TF111). */
const count = (n: unknown): string => Number(n).toLocaleString('en-US');

const EXPECTED: Record<string, string> = {
  statement: 'a statement (a message, participant, par, note, wait, state or title)',
  arrow: "an arrow ('->', '→' or '-x')",
  participant: 'a participant name',
  colon: "':' before the segment",
  segment: 'a segment (flags such as SYN or ACK, and fields such as seq=100)',
  state: 'a state name',
  closeParen: "')'",
  value: 'a number or a symbol such as x+1',
  endOfLine: 'the end of the line',
  noteTarget: 'a participant to put the note on',
  noteText: "':' and the note's text",
  waitAmount: 'how long to wait (2MSL, RTO, 200ms)',
  label: 'a quoted label',
  as: "'as' or '(STATE)'",
};


const STATE_HINT: Record<TcpState, string> = {
  CLOSED: 'a connection starts with a SYN',
  LISTEN: 'a listening endpoint answers a SYN; it sends nothing else first',
  SYN_SENT: 'it must first receive the SYN,ACK (or the SYN of a simultaneous open)',
  SYN_RECEIVED: 'it waits for the ACK of its SYN,ACK before it sends data or a bare ACK',
  ESTABLISHED: '',
  FIN_WAIT_1: 'it has sent its FIN',
  FIN_WAIT_2: 'it has sent its FIN and may only acknowledge',
  CLOSE_WAIT: '',
  CLOSING: 'it has sent its FIN',
  LAST_ACK: 'it has sent its FIN and waits for its ACK',
  TIME_WAIT: 'both FINs are done; it only acknowledges until 2MSL have passed',
};

const list = (xs: string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`);
const onLine = (a: MessageArgs): string => (a.line ? ` on line ${a.line}` : '');

function stateCause(a: MessageArgs): string {
  switch (a.cause) {
    case 'sent':
      return `it sent ${a.what}${onLine(a)}${a.since ? '' : ' and has not received anything since'}`;
    case 'received':
      return `it received ${a.what}${onLine(a)}`;
    case 'wait':
      return `the 2MSL wait${onLine(a)} ended its TIME_WAIT`;
    case 'declared':
      return `its participant line${onLine(a)} says it starts ${a.actual}`;
    case 'activeOpen':
      return `its first event${onLine(a)} is sending a SYN, so it starts CLOSED (active open, RFC 9293 §3.5)`;
    case 'passiveOpen':
      return `its first event${onLine(a)} is receiving a SYN, so it starts LISTEN (passive open, RFC 9293 §3.5)`;
    default:
      return 'the notes begin in the middle of its connection, so it starts ESTABLISHED';
  }
}

function seqWhy(a: MessageArgs): string {
  switch (a.variant) {
    case 'minusOne':
      return `SND.NXT; its ${a.what}${onLine(a)} consumed one sequence number (a SYN or FIN counts as one byte, RFC 9293 §3.4)`;
    case 'forgotLength':
      return `SND.NXT; its ${a.what}${onLine(a)} consumed ${a.count} sequence numbers (each data byte counts one, and a SYN or FIN one more, RFC 9293 §3.4)`;
    case 'retransmit':
      return `the seq of the ${a.what} it already sent${onLine(a)}: a retransmission repeats the same seq (RFC 9293 §3.10.7)`;
    default:
      return 'SND.NXT, the next sequence number it has not yet used (RFC 9293 §3.3.1)';
  }
}

function rstWhy(a: MessageArgs): string {
  switch (a.variant) {
    case 'rstAnswersAck':
      return `an RST answering the segment on line ${a.line}, which carried an ACK, takes its seq from that ack (RFC 9293 §3.10.7.1)`;
    case 'rstAnswersNoAck':
      return `an RST answering the segment on line ${a.line}, which carried no ACK, has seq=0 and acknowledges it (RFC 9293 §3.10.7.1)`;
    default:
      return 'an endpoint with a connection resets it with seq=SND.NXT (RFC 9293 §3.10.5)';
  }
}

/** What the line where a root cause became certain says (TF221): the error it explains. */
function evidence(a: MessageArgs): string {
  switch (a.evidence) {
    case 'TF202':
      return `${a.evName} acknowledges ${a.evWritten} here`;
    case 'TF201':
      return `${a.evName} sends seq=${a.evWritten} here`;
    case 'TF200':
      return `${a.evName} is written ${a.evAsserted} here`;
    case 'TF203':
      return `${a.evName} sends ${a.evWhat} in ${a.evState} here`;
    case 'TF207':
      return `${a.evName} sends ${a.evWhat} here, after a FIN`;
    default:
      return 'this line cannot happen as written';
  }
}

function rootCause(a: MessageArgs): string {
  const at = a.sameLine ? 'on this line' : `on line ${a.line}`;
  switch (a.root) {
    case 'length':
      if (a.sameLine && a.evidence === 'TF201')
        return `${a.name}'s ${a.what} on this line resends data from seq=${a.evWritten}, but with len=${a.written} it runs past what ${a.name} has sent: its length is ${a.meant} (a retransmission repeats what was sent, RFC 9293 §3.10.7).`;
      return `${a.name}'s ${a.what} ${at} is written with len=${a.written}, but ${evidence(a)}: its length is ${a.meant} (a segment consumes its length in sequence numbers, RFC 9293 §3.4).`;
    case 'seq':
      return `${evidence(a)}, which only follows if ${a.name}'s seq ${at} is ${a.meant}, not ${a.written}: a segment's seq is the sender's SND.NXT, and its peer counts from it (RFC 9293 §3.3.1).`;
    case 'ack':
      return `${evidence(a)}, which only follows if ${a.name}'s ack ${at} is ${a.meant}, not ${a.written}: an ACK carries the next sequence number its sender expects (RFC 9293 §3.10.7.4).`;
    case 'lost':
      return `${evidence(a)}, which ${a.peer} can only do if ${a.name}'s ${a.what} ${at} arrived: write it with '->' (an ACK covers only what has arrived, RFC 9293 §3.10.7.4).`;
    case 'delivered':
      return `${evidence(a)}, which only follows if ${a.name}'s ${a.what} ${at} was lost: write it with '-x' (what the receiver never got is resent and acknowledged again, RFC 9293 §3.10.7.4).`;
    case 'fin':
      return `${evidence(a)}, which only follows if ${a.name}'s ${a.what} ${at} carried a FIN: a FIN consumes one sequence number and moves its receiver to CLOSE_WAIT (RFC 9293 §3.4, §3.10.7.4).`;
    default:
      return `${evidence(a)}; with sender and receiver the other way round ${at} (${a.to} → ${a.from}) the flow can happen: the two look swapped.`;
  }
}

const RELATED: Record<string, (a: MessageArgs) => string> = {
  length: (a) => `the mistake: len=${a.written}, where the flow says ${a.meant}`,
  seq: (a) => `the mistake: seq=${a.written}, where the flow says ${a.meant}`,
  ack: (a) => `the mistake: ack=${a.written}, where the flow says ${a.meant}`,
  lost: () => "the mistake: written as lost ('-x'), though it arrived",
  delivered: () => "the mistake: written as delivered ('->'), though it was lost",
  fin: () => 'the mistake: no FIN here, though the peer acknowledges one',
  swap: (a) => `the mistake: ${a.from} → ${a.to}, sender and receiver swapped`,
};

const MEND: Record<string, (a: MessageArgs) => string> = {
  length: (a) => `Write len=${a.meant} on line ${a.line}`,
  seq: (a) => `Write seq=${a.meant} on line ${a.line}`,
  ack: (a) => `Write ack=${a.meant} on line ${a.line}`,
  lost: (a) => `Write '->' on line ${a.line}: it arrived`,
  delivered: (a) => `Write '-x' on line ${a.line}: it was lost`,
  fin: (a) => `Add FIN on line ${a.line}`,
  swap: (a) => `Swap ${a.from} and ${a.to} on line ${a.line}`,
};

export const en: Catalog = {
  messages: {
    TF100: (a) => `Expected ${EXPECTED[String(a.expected)] ?? a.expected}${a.found ? `, found '${a.found}'` : ' at the end of the line'}.`,
    TF101: (a) => `Unknown state '${a.written}'. Did you mean ${a.nearest}? Valid states (RFC 9293): ${STATE_NAMES.join(', ')}.`,
    TF102: (a) => `${a.text} is out of range: sequence space is 32-bit, 0 to 4294967295 (RFC 9293 §3.4).`,
    TF103: (a) => `Unknown field '${a.key}': kept and shown, but the checker does not use it. Known fields: ${FIELD_KEYS.join(', ')}.`,
    TF104: (a) => `Participant ${a.name} is already declared on line ${a.firstLine}.`,
    TF105: (a) =>
      ({
        andOutside: "'and' outside a par block: it separates the branches of a 'par … end' block.",
        endOutside: "'end' outside a par block: nothing to close.",
        nested: "par blocks do not nest: close the first one with 'end' before opening another.",
        unterminated: "This par block is never closed: add 'end' after its last branch.",
      })[String(a.kind)] ?? 'Misplaced par/and/end.',
    TF106: (a) => `A ${a.kind} line cannot stand inside a par block: only messages and notes can cross in flight.`,
    TF107: () => 'Unterminated string: add the closing ".',
    TF108: (a) => `${a.name} sends to itself: a TCP segment goes from one endpoint to the other.`,
    TF109: (a) => `'${a.key}' is written twice in this segment; the first one is used.`,
    TF110: (a) => `This line is ${count(a.length)} characters long: a line is read up to ${count(a.max)} characters, so it is not checked. Write one statement per line.`,
    TF111: (a) =>
      `Only the first ${a.checkedLines === 1 ? 'line' : `${count(a.checkedLines)} lines`} (${count(a.checkedChars)} characters) of ${count(a.totalLines)} lines (${count(a.totalChars)} characters) ${a.checkedLines === 1 ? 'is' : 'are'} checked: a document is read up to ${count(DOCUMENT_BUDGET.lines)} lines or ${count(DOCUMENT_BUDGET.chars)} characters. Split the flow into several files.`,
    TF200: (a) => `${a.name} is ${a.actual} here, not ${a.asserted}: ${stateCause(a)}.`,
    TF201: (a) => `${a.name}'s seq must be ${a.expected} here, not ${a.written}: it is ${seqWhy(a)}.`,
    TF202: (a) =>
      `${a.name}'s ack must be ${a.expected} here, not ${a.written}: an ACK carries RCV.NXT, the next sequence number ${a.name} expects${a.rcvLine ? ` after what it received on line ${a.rcvLine}` : ''} (RFC 9293 §3.10.7.4).`,
    TF203: (a) => {
      const allowed = String(a.allowed).split(',').map((k) => enDocs.kinds[k as SendKind] ?? k);
      const hint = STATE_HINT[a.state as TcpState] ?? '';
      return `${a.name} cannot send ${a.what} in ${a.state}${hint ? `: ${hint}` : ''}. In ${a.state} it may send ${list(allowed)} (RFC 9293 §3.10).`;
    },
    TF204: (a) =>
      a.rst
        ? `${a.name}'s ${a.what} has no ACK flag: an RST that answers a segment without ACK carries ACK, with ack = that segment's seq + length (RFC 9293 §3.10.7.1). Checked as though it carried one.`
        : `${a.name}'s ${a.what} has no ACK flag: every segment after the first SYN carries ACK (RFC 9293 §3.10.7.4). Checked as though it carried one.`,
    TF205: () => 'ack= is written but the ACK flag is not set: the acknowledgment field is only significant with ACK (RFC 9293 §3.1).',
    TF206: (a) => `SYN and ${a.flag} never go together in one segment (RFC 9293 §3.1); checked as though ${a.dropped ?? a.flag} were absent.`,
    TF207: (a) => `${a.name} already sent its FIN${a.line ? ` on line ${a.line}` : ''}: after its FIN an endpoint sends no new data and no new FIN, only retransmissions and ACKs (RFC 9293 §3.10.4).`,
    TF208: (a) => `${a.name}'s RST must have seq=${a.expected}, not ${a.written}: ${rstWhy(a)}.`,
    TF209: (a) => `${a.name} is not a participant of this flow: declare it or use it in a message.`,
    TF210: (a) => `Retransmission: ${a.name} sends again the ${a.what} it sent${onLine(a)} (same seq), because it was not acknowledged.`,
    TF211: (a) =>
      a.state === 'TIME_WAIT'
        ? `Duplicate ${a.what}: ${a.name} in TIME_WAIT already has it and acknowledges it again (RFC 9293 §3.10.7.4).`
        : `Duplicate ${a.what}: ${a.name} already received it; it is dropped and acknowledged again (RFC 9293 §3.10.7.4).`,
    TF212: (a) => `Keep-alive probe: ${a.name} sends seq=SND.NXT−1 after an idle wait, so the peer answers with an ACK (RFC 9293 §3.8.4).`,
    TF213: (a) => `${a.name} is CLOSED: the segment is answered with an RST (RFC 9293 §3.10.7.1).`,
    TF214: (a) =>
      `${a.name} is SYN_SENT and this ack (${a.got}) does not acknowledge its SYN (expected ${a.expected}): the segment is not acceptable${a.syn ? ' (an old duplicate, RFC 9293 Figure 8)' : ''}, so it is answered with an RST and otherwise ignored (RFC 9293 §3.10.7.3).`,
    TF215: (a) =>
      a.reason === 'rst'
        ? `${a.name} does not accept this RST: its seq is not exactly RCV.NXT (${a.expected}), so it answers with a challenge ACK and stays as it is (RFC 5961 §3.2).`
        : `${a.name} is synchronized: a SYN now teaches it nothing; it answers with a challenge ACK and stays as it is (RFC 5961 §4, RFC 9293 §3.10.7.4).`,
    TF216: (a) => `Out of order: ${a.name} expects seq ${a.expected} next, so this segment is kept until the gap is filled; its ACK is processed now (RFC 9293 §3.10.7.4).`,
    TF217: (a) =>
      a.reason === 'ack'
        ? `${a.name} is LISTEN: a segment with an ACK has no connection to belong to and is answered with an RST (RFC 9293 §3.10.7.2).`
        : `${a.name} is LISTEN and waits for a SYN: this segment is dropped (RFC 9293 §3.10.7.2).`,
    TF218: (a) =>
      ({
        rstInListen: `${a.name} is LISTEN: an incoming RST is ignored (RFC 9293 §3.10.7.2).`,
        rstBadAck: `${a.name} is SYN_SENT: an RST whose ack does not acknowledge its SYN is ignored (RFC 9293 §3.10.7.3).`,
        rstNoAck: `${a.name} is SYN_SENT: an RST without an ACK is ignored (RFC 9293 §3.10.7.3).`,
        noSyn: `${a.name} is SYN_SENT: a segment with neither SYN nor RST is dropped (RFC 9293 §3.10.7.3).`,
      })[String(a.reason)] ?? `${a.name} ignores this segment.`,
    TF219: (a) => `${a.name} is SYN_RECEIVED and this ack (${a.got}) does not acknowledge its SYN,ACK (expected ${a.expected}): answered with an RST (RFC 9293 §3.10.7.4).`,
    TF220: (a) => `${a.name} is in TIME_WAIT and this new SYN is above the old connection's numbers: the old connection ends and a new one opens (RFC 9293 §3.10.7.4).`,
    TF221: rootCause,
  },
  fixes: {
    setSeq: (a) => `Set seq to ${a.value}`,
    setAck: (a) => `Set ack to ${a.value}`,
    setState: (a) => `Change the state to ${a.state}`,
    addAck: () => 'Add the ACK flag',
    replaceState: (a) => `Change to ${a.state}`,
    declareState: (a) => `Declare ${a.name} as starting in ${a.state}`,
    mendRoot: (a) => MEND[String(a.root)](a),
  },
  related: (a) => RELATED[String(a.root)](a),
  causedBy: (a) => `caused by line ${a.line}`,
  words: {
    retransmission: 'retransmission',
    keepalive: 'keep-alive',
    duplicate: 'duplicate',
    lost: 'lost',
    step: 'Step',
    senderReceiver: 'Sender → Receiver',
    segment: 'Segment',
    diagnostics: 'Diagnostics',
    line: 'Line',
    severity: { error: 'error', warning: 'warning', information: 'info', hint: 'hint' },
  },
  docs: enDocs,
  ui: enUi,
};
