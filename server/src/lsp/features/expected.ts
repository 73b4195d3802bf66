// What the checker accepts where the user is typing, read from the analysis already made for this
// version of the document: the state an assertion must name (the state the checker computed at
// that event) and the number a `seq=`/`ack=` must be (the value it settled for the message:
// SND.NXT, RCV.NXT, RFC 9293 §3.4, §3.10.7.4 — inferred when left out, corrected when wrong).
import { analyze } from '../../core/analyze';
import type { TcpState } from '../../core/syntax/ast';
import { LineMemo } from '../../core/syntax/lineMemo';
import { ARROWS, type Flag } from '../../core/syntax/vocabulary';
import type { Analysis, MessageInfo, ShownValue } from '../../core/tcp/analysis';
import type { AnalyzedDocument } from '../document';
import { parBlockAt } from './analysisIndex';

/**
 * The state `name` is in at the event of `line` whose assertion is being typed: for a message's
 * sender, at the send; for its receiver, when the segment arrives; otherwise after the lines above.
 */
export function expectedState(a: Analysis, line: number, name: string, receiver: boolean): TcpState | undefined {
  if (!a.participants.some((p) => p.name === name)) return undefined;
  const m = a.messages.find((x) => x.stmt.line === line && (receiver ? x.to : x.from) === name);
  if (m && !receiver) return m.before[name];
  // The arrival: in a par block other events come between the send and it.
  const arrival = m ? a.steps.findIndex((s) => s.stmt === m.stmt && s.event !== 'send') : -1;
  if (arrival > 0) return a.steps[arrival - 1].states[name];
  return stateBefore(a, line, name, receiver);
}

/**
 * A line that is no event yet (still being typed): the state after what happens before it. In a
 * par block every send comes first (SPEC §3.4): a sender's is after the sends above it, a
 * receiver's after every send of the block and the arrivals above it.
 */
function stateBefore(a: Analysis, line: number, name: string, receiver: boolean): TcpState | undefined {
  const par = parBlockAt(a, line);
  const inPar = (l: number): boolean => !!par && l > par.line && (par.endLine === undefined || l < par.endLine);
  let state = a.participants.find((p) => p.name === name)?.initial;
  for (const step of a.steps) {
    const before = !inPar(step.line) ? step.line < line : step.event === 'send' ? receiver || step.line < line : receiver && step.line < line;
    const after = before ? step.stateOf(name) : undefined;
    if (after) state = after;
  }
  return state;
}

/**
 * The sender's SND.NXT (seq) or RCV.NXT (ack) at the message on `line`: the value the checker
 * settled for it. A line being typed keeps the flags and fields written before the one being
 * typed, so it usually is a message already; one with none yet (`A -> B: ack=‸`) is not, and only
 * then is the flow checked again, with a bare ACK on that line (every other line as parsed).
 */
export function expectedNumber(doc: AnalyzedDocument, line: number, key: 'seq' | 'ack', from: string, to: string): { value: ShownValue; sender: string } | undefined {
  const m = doc.analysis.messages.find((x) => x.stmt.line === line) ?? probe(doc, line, from, to);
  const value = m?.[key];
  return m && value !== undefined ? { value, sender: m.from } : undefined;
}

/** The message a bare ACK from `from` to `to` on `line` would be (it changes no number it is asked for). */
function probe(doc: AnalyzedDocument, line: number, from: string, to: string): MessageInfo | undefined {
  const lines = doc.lines.slice();
  const ack: Flag = 'ACK';
  lines[line] = `${from} ${ARROWS.delivered[0]} ${to}: ${ack}`;
  // Every other line as parsed: the document's own entries, never moved (the memo is borrowed).
  return analyze(lines.join('\n'), LineMemo.borrow(doc.session.memo)).messages.find((x) => x.stmt.line === line);
}
