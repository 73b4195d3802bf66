// Participants and where each one starts (SPEC §3.2 and §4 "Initial states"):
// a `participant … (STATE)` line decides; otherwise the first event does — sending a SYN
// without ACK is an active open (CLOSED), receiving one a passive open (LISTEN, RFC 9293
// §3.5), anything else means the notes begin mid-connection (ESTABLISHED).
import type { Flag, MessageStmt, TcpflowDocument } from '../syntax/ast';
import type { ParticipantInfo } from './analysis';
import { messagesInSourceOrder, type FlowEvent } from './events';

function hasFlag(m: MessageStmt, f: Flag): boolean {
  return m.segment.flags.some((r) => r.flag === f);
}

const isBareSyn = (m: MessageStmt): boolean => hasFlag(m, 'SYN') && !hasFlag(m, 'ACK');

/** Participants in column order: declaration order, then first use in a message. */
export function collectParticipants(doc: TcpflowDocument, events: FlowEvent[]): ParticipantInfo[] {
  const byName = new Map<string, ParticipantInfo>();
  for (const s of doc.statements) {
    if (s.kind !== 'participant' || byName.has(s.name)) continue;
    byName.set(s.name, {
      name: s.name,
      label: s.label?.text,
      initial: s.state?.state ?? 'CLOSED',
      initialReason: 'declared',
      declaration: s,
    });
  }
  for (const m of messagesInSourceOrder(doc)) {
    for (const end of [m.from, m.to]) {
      const known = byName.get(end.name);
      if (known) known.firstLine ??= m.line;
      else byName.set(end.name, { name: end.name, initial: 'ESTABLISHED', initialReason: 'midConnection', firstLine: m.line });
    }
  }
  inferInitialStates(events, byName);
  return [...byName.values()];
}

function inferInitialStates(events: FlowEvent[], byName: Map<string, ParticipantInfo>): void {
  const decided = new Set<string>();
  for (const p of byName.values()) {
    // A declaration without a state still leaves the start to be inferred.
    if (p.declaration?.state?.state) decided.add(p.name);
    else if (p.declaration) p.initialReason = 'midConnection';
  }
  for (const ev of events) {
    if (ev.kind !== 'send' && ev.kind !== 'arrive') continue;
    const m = ev.msg;
    // Being the target of a lost segment is not an event (SPEC §4).
    if (ev.kind === 'arrive' && m.arrow === '-x') continue;
    const name = ev.kind === 'send' ? m.from.name : m.to.name;
    if (decided.has(name)) continue;
    decided.add(name);
    const p = byName.get(name);
    if (!p) continue;
    if (isBareSyn(m)) {
      p.initial = ev.kind === 'send' ? 'CLOSED' : 'LISTEN';
      p.initialReason = ev.kind === 'send' ? 'activeOpen' : 'passiveOpen';
      p.firstLine = m.line;
    } else {
      p.initial = 'ESTABLISHED';
      p.initialReason = 'midConnection';
    }
  }
  for (const p of byName.values()) {
    if (!decided.has(p.name) && !p.declaration?.state?.state) {
      p.initial = 'ESTABLISHED';
      p.initialReason = 'midConnection';
    }
  }
}
