// The order in which a document's events happen: a message is sent then delivered (or lost);
// in a `par` block every send comes first, then every delivery, in order (SPEC §3.4).
import type { MessageStmt, Statement, StateStmt, TcpflowDocument, WaitStmt } from '../syntax/ast';

export type FlowEvent =
  | { kind: 'send' | 'arrive'; msg: MessageStmt }
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
    case 'message':
      out.push({ kind: 'send', msg: s }, { kind: 'arrive', msg: s });
      return;
    case 'par': {
      const msgs = s.branches.flat().filter((m): m is MessageStmt => m.kind === 'message');
      for (const msg of msgs) out.push({ kind: 'send', msg });
      for (const msg of msgs) out.push({ kind: 'arrive', msg });
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
  const out: MessageStmt[] = [];
  for (const s of doc.statements) {
    if (s.kind === 'message') out.push(s);
    else if (s.kind === 'par') for (const m of s.branches.flat()) if (m.kind === 'message') out.push(m);
  }
  return out;
}
