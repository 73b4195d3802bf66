// Participants and where each one starts (SPEC §3.2 and §4 "Initial states"):
// a `participant … (STATE)` line decides; otherwise the first event does — sending a SYN
// without ACK is an active open (CLOSED), receiving one a passive open (LISTEN, RFC 9293
// §3.5), anything else means the notes begin mid-connection (ESTABLISHED).
import type { MessageStmt, TcpflowDocument } from '../syntax/ast';
import type { ParticipantInfo } from './analysis';
import { visitFlow } from './events';
import { BIT, flagBits } from './segment';

const isBareSyn = (m: MessageStmt): boolean => (flagBits(m) & (BIT.SYN | BIT.ACK)) === BIT.SYN;

/** What the walk learns about a name used in messages. */
interface Use {
  firstLine: number;
  /** The message of its first event (SPEC §4), and whether it sent or received it. */
  first: MessageStmt | undefined;
  sending: boolean;
}

/**
 * Participants in column order: declaration order, then first use in a message. One walk over
 * the document finds the declarations, the uses and each name's first event; the starts are
 * decided after it, since a declaration may come after the messages that use the name.
 */
export function collectParticipants(doc: TcpflowDocument): ParticipantInfo[] {
  const declared = new Map<string, ParticipantInfo>();
  const uses = new Map<string, Use>();
  /** Names used but without an event yet: once none is left, arrivals need no lookup. */
  let waiting = 0;
  const use = (name: string, line: number): Use => {
    let u = uses.get(name);
    if (!u) {
      uses.set(name, (u = { firstLine: line, first: undefined, sending: false }));
      waiting++;
    }
    return u;
  };
  const event = (u: Use, m: MessageStmt, sending: boolean): void => {
    if (u.first) return;
    u.first = m;
    u.sending = sending;
    waiting--;
  };
  visitFlow(doc, {
    participant: (s) => {
      if (declared.has(s.name)) return;
      declared.set(s.name, {
        name: s.name,
        label: s.label?.text,
        initial: s.state?.state ?? 'CLOSED',
        initialReason: 'declared',
        declaration: s,
      });
    },
    // Sends happen in source order, so registering both ends at the send keeps first-use order.
    send: (m) => {
      const from = use(m.from.name, m.line);
      use(m.to.name, m.line);
      event(from, m, true);
    },
    arrive: (m) => {
      // Being the target of a lost segment is not an event (SPEC §4).
      if (waiting > 0 && m.arrow !== '-x') event(uses.get(m.to.name)!, m, false);
    },
  });
  const out: ParticipantInfo[] = [];
  for (const p of declared.values()) {
    const u = uses.get(p.name);
    if (u) p.firstLine = u.firstLine;
    // A declaration without a state still leaves the start to be inferred.
    if (!p.declaration?.state?.state) inferStart(p, u);
    out.push(p);
  }
  for (const [name, u] of uses) {
    if (declared.has(name)) continue;
    const p: ParticipantInfo = { name, initial: 'ESTABLISHED', initialReason: 'midConnection', firstLine: u.firstLine };
    inferStart(p, u);
    out.push(p);
  }
  return out;
}

/** SPEC §4: a bare SYN sent is an active open, one received a passive open; anything else, or no event at all, is mid-connection. */
function inferStart(p: ParticipantInfo, u: Use | undefined): void {
  const m = u?.first;
  p.firstEventLine = m?.line;
  if (m && isBareSyn(m)) {
    p.initial = u.sending ? 'CLOSED' : 'LISTEN';
    p.initialReason = u.sending ? 'activeOpen' : 'passiveOpen';
    p.firstLine = m.line;
  } else {
    p.initial = 'ESTABLISHED';
    p.initialReason = 'midConnection';
  }
}
