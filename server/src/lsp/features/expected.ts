// What the checker would accept at a place the user is still typing: the number a `seq=`/`ack=`
// must have, and the state an assertion must name. The line being typed is usually incomplete,
// so the document is analyzed again with that one line completed.
import { analyze } from '../../core/analyze';
import type { SimpleStatement, StateRef, TcpState } from '../../core/syntax/ast';
import type { ShownValue } from '../../core/tcp/analysis';
import type { AnalyzedDocument } from '../document';
import { statementsOnLine } from './analysisIndex';
import type { Span } from './completionContext';

function withLine(lines: string[], line: number, text: string): string {
  return lines.map((l, i) => (i === line ? text : l)).join('\n');
}

/**
 * The sender's SND.NXT (seq) or RCV.NXT (ack) at this message: the field is left out, so the
 * checker infers it, which is exactly what it would accept there (RFC 9293 §3.4, §3.10.7.4).
 */
export function expectedNumber(
  doc: AnalyzedDocument,
  line: number,
  key: 'seq' | 'ack',
  field: Span,
  keep: string,
): { value: ShownValue; sender: string } | undefined {
  const text = doc.lines[line];
  const rest = text.slice(0, field.start) + keep + text.slice(field.end);
  const colon = rest.indexOf(':');
  if (colon < 0) return undefined;
  let seg = rest.slice(colon + 1).replace(/^[\s,+/]*/, ' ');
  // A segment needs at least one flag or field to parse; an ACK changes neither number.
  if (!/^\s*[A-Za-z]/.test(seg)) seg = ` ACK${seg}`;
  const a = analyze(withLine(doc.lines, line, rest.slice(0, colon + 1) + seg));
  const m = a.messages.find((x) => x.stmt.line === line);
  const value = m?.[key];
  return m && value !== undefined ? { value, sender: m.from } : undefined;
}

const PROBE: TcpState = 'CLOSED';

/**
 * The state the checker computes for the participant whose assertion is being typed at `word`:
 * the assertion is filled with a probe state; a TF200 then names the actual one.
 */
export function expectedState(doc: AnalyzedDocument, line: number, word: Span, closeParen: boolean): TcpState | undefined {
  const text = doc.lines[line];
  const probe = text.slice(0, word.start) + PROBE + (closeParen ? ')' : '') + text.slice(word.end);
  const a = analyze(withLine(doc.lines, line, probe));
  const at = (c: number) => c === word.start;
  const wrong = a.diagnostics.find((d) => d.code === 'TF200' && d.range.start.line === line && at(d.range.start.character));
  if (wrong) return wrong.args.actual as TcpState;
  const ref = statementsOnLine(a, line).flatMap(assertions).find((r) => at(r.ref.range.start.character));
  if (ref) return a.participants.some((p) => p.name === ref.name) ? PROBE : undefined;
  // Not a whole statement yet (`A(‸` alone): the participant's state after the lines above.
  const name = /(\p{L}[\p{L}\p{M}\p{N}_]*)\s*[(:]\s*$/u.exec(text.slice(0, word.start))?.[1];
  return name === undefined ? undefined : stateBefore(doc, line, name);
}

function stateBefore(doc: AnalyzedDocument, line: number, name: string): TcpState | undefined {
  const a = doc.analysis;
  let state = a.participants.find((p) => p.name === name)?.initial;
  for (const step of a.steps) if (step.line < line && step.states[name]) state = step.states[name];
  return state;
}

function assertions(s: SimpleStatement): { name: string; ref: StateRef }[] {
  if (s.kind === 'message') {
    return [s.from, s.to].flatMap((e) => (e.state ? [{ name: e.name, ref: e.state }] : []));
  }
  return s.kind === 'state' ? s.items.map((it) => ({ name: it.name, ref: it.state })) : [];
}
