// The order in which a document's events happen: a message is sent then delivered (or lost);
// in a `par` block every send comes first, then every delivery, in order (SPEC §3.4).
import type { MessageStmt, Statement, StateStmt, TcpflowDocument, WaitStmt } from '../syntax/ast';

/** Shared by a message's send and arrive events: what was sent travels to the arrival. */
export interface Flight {
  msg: MessageStmt;
  /** Filled in by the checker at the send. */
  sent?: unknown;
}

export type FlowEvent =
  | { kind: 'send' | 'arrive'; msg: MessageStmt; flight: Flight }
  | { kind: 'wait'; stmt: WaitStmt }
  | { kind: 'state'; stmt: StateStmt };

/** The document's events in the order they happen (a plain array: the checker walks it twice). */
export function flowEvents(doc: TcpflowDocument): FlowEvent[] {
  const out: FlowEvent[] = [];
  for (const s of doc.statements) addEvents(s, out);
  return out;
}

function addEvents(s: Statement, out: FlowEvent[]): void {
  switch (s.kind) {
    case 'message': {
      const flight: Flight = { msg: s };
      out.push({ kind: 'send', msg: s, flight }, { kind: 'arrive', msg: s, flight });
      return;
    }
    case 'par': {
      const flights = s.branches.flat().flatMap((m): Flight[] => (m.kind === 'message' ? [{ msg: m }] : []));
      for (const flight of flights) out.push({ kind: 'send', msg: flight.msg, flight });
      for (const flight of flights) out.push({ kind: 'arrive', msg: flight.msg, flight });
      return;
    }
    case 'wait':
      out.push({ kind: 'wait', stmt: s });
      return;
    case 'state':
      out.push({ kind: 'state', stmt: s });
      return;
    default:
      return;
  }
}

/** Every message statement in source order (par branches flattened). */
export function messagesInSourceOrder(doc: TcpflowDocument): MessageStmt[] {
  return messagesOf(doc.statements);
}

/** The messages among these statements, in source order (par branches flattened). */
export function messagesOf(statements: readonly Statement[]): MessageStmt[] {
  const out: MessageStmt[] = [];
  for (const s of statements) {
    if (s.kind === 'message') out.push(s);
    else if (s.kind === 'par') for (const m of s.branches.flat()) if (m.kind === 'message') out.push(m);
  }
  return out;
}
