// The order in which a document's events happen: a message is sent then delivered (or lost);
// in a `par` block every send comes first, then every delivery, in order (SPEC §3.4).
import type { MessageStmt, NoteStmt, ParticipantStmt, Statement, StateStmt, TcpflowDocument, WaitStmt } from '../syntax/ast';
import { sendsToItself } from '../syntax/validate';

/**
 * What to do at each event. Messages arrive in the order they were sent, in `par` blocks too.
 * Participant and note lines are no events; they are passed on where they stand, so that no
 * one needs a walk of their own.
 */
export interface FlowVisitor {
  send(msg: MessageStmt): void;
  arrive(msg: MessageStmt): void;
  wait?(stmt: WaitStmt): void;
  state?(stmt: StateStmt): void;
  participant?(stmt: ParticipantStmt): void;
  note?(stmt: NoteStmt): void;
}

/**
 * Calls the visitor for the document's events in the order they happen. It makes no event
 * objects: the checker runs on every keystroke, on documents of thousands of lines.
 */
export function visitFlow(doc: TcpflowDocument, v: FlowVisitor): void {
  for (const s of doc.statements) visitStatement(s, v);
}

/** One statement's events (a `par` block's sends, then its arrivals). */
export function visitStatement(s: Statement, v: FlowVisitor): void {
  switch (s.kind) {
    case 'message':
      if (sendsToItself(s)) return; // in the tree for the editor (TF108), no event
      v.send(s);
      v.arrive(s);
      return;
    case 'par':
      for (const branch of s.branches) {
        for (const m of branch) {
          if (m.kind !== 'message') v.note?.(m);
          else if (!sendsToItself(m)) v.send(m);
        }
      }
      for (const branch of s.branches) for (const m of branch) if (m.kind === 'message' && !sendsToItself(m)) v.arrive(m);
      return;
    case 'wait':
      v.wait?.(s);
      return;
    case 'state':
      v.state?.(s);
      return;
    case 'participant':
      v.participant?.(s);
      return;
    case 'note':
      v.note?.(s);
      return;
    default:
      return;
  }
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
