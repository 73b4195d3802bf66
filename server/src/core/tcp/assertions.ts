// `(STATE)` after a name, and `state A: …` lines: the state the notes say a participant is in,
// compared with the one the checker computed (SPEC §3.3, §3.7; TF200).
import { diag, plainFix, type Diagnostic, type Fix } from '../diagnostics';
import type { Endpoint as EndpointRef, TcpState } from '../syntax/ast';
import type { ParticipantInfo } from './analysis';
import type { Endpoint } from './endpoint';
import { describe } from './segment';

/** TF200 when the written state is not the computed one; undefined when it is. */
export function checkAssertion(end: EndpointRef, e: Endpoint, participants: readonly ParticipantInfo[]): Diagnostic | undefined {
  const ref = end.state;
  if (!ref?.state || ref.state === e.state) return undefined;
  // A server whose connection has closed still has its listening socket: `S(LISTEN)` before
  // its next connection is right (SPEC §8.3; a SYN finds the listener, see receiver.ts inClosed).
  if (ref.state === 'LISTEN' && e.state === 'CLOSED' && e.listener) return undefined;
  const c = e.cause;
  const p = participants.find((x) => x.name === e.name);
  const line = c.kind === 'initial' ? (p?.declaration?.line ?? p?.firstLine) : c.line;
  const args = {
    name: e.name,
    actual: e.state,
    asserted: ref.state,
    cause: c.kind === 'initial' ? c.reason : c.kind,
    what: c.kind === 'sent' || c.kind === 'received' ? describe(c.flags, c.len) : undefined,
    line: line === undefined || line < 0 ? undefined : line + 1,
    since: e.receivedSinceCause ? 1 : 0,
  };
  const fix = { kind: 'setState' as const, args: { state: e.state }, edits: [{ range: ref.range, newText: e.state }] };
  const d = diag('TF200', ref.range, args, fix);
  // Nothing has happened to it yet: perhaps the notes mean it to start there (SPEC §3.2).
  const declare = c.kind === 'initial' ? declareFix(participants, e.name, ref.state) : undefined;
  if (declare) d.alternatives = [plainFix(declare)];
  return d;
}

/** A fix that declares the participant's initial state: on its `participant` line, or a new one. */
function declareFix(participants: readonly ParticipantInfo[], name: string, state: TcpState): Fix | undefined {
  const p = participants.find((x) => x.name === name);
  if (!p) return undefined;
  const args = { name, state };
  const decl = p.declaration;
  if (decl?.state) return { kind: 'declareState', args, edits: [{ range: decl.state.range, newText: state }] };
  if (decl) return { kind: 'declareState', args, edits: [{ range: { start: decl.range.end, end: decl.range.end }, newText: ` (${state})` }] };
  const at = { line: p.firstLine ?? 0, character: 0 };
  return { kind: 'declareState', args, edits: [{ range: { start: at, end: at }, newText: `participant ${name} (${state})\n` }] };
}
