// Hover: what the token under the cursor means in the flow — a message's effect on both
// states and its numbers, a flag, a state (the one the checker computed there, and how the
// participant got to it: stateStory.ts), a field or a participant — in the document's language.
// A diagnostic is not repeated: VS Code shows it above the hover already.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { docs, type Docs as TcpDocs } from '../../core/i18n';
import type { Flag, MessageStmt, SimpleStatement, StateRef, TcpState, Range } from '../../core/syntax/ast';
import type { Analysis, MessageInfo, ShownValue } from '../../core/tcp/analysis';
import { MAY_SEND } from '../../core/tcp/sendRules';
import type { AnalyzedDocument } from '../document';
import { covers, effectsOnLines, statementsOnLine } from './analysisIndex';
import { fieldKey, type FieldKey } from '../../core/syntax/vocabulary';
import { escapeMarkdown } from './markdownText';
import { stateStory, type StateRole } from './stateStory';

type Subject =
  | { kind: 'message'; stmt: MessageStmt; range: Range }
  | { kind: 'flags'; flags: Flag[]; range: Range }
  | { kind: 'state'; state: TcpState; range: Range; stmt: SimpleStatement; name: string; role: StateRole | 'declaration' }
  | { kind: 'field'; key: FieldKey; range: Range }
  | { kind: 'participant'; name: string; range: Range };

/** `lineBase`: what to add to a line of `doc` to cite it (a Markdown note's block starts on a later line). */
export function hover(doc: AnalyzedDocument, position: Position, lineBase = 0): Hover | null {
  const subject = findSubject(statementsOnLine(doc.analysis, position.line), position);
  if (!subject) return null;
  return { contents: { kind: MarkupKind.Markdown, value: describe(subject, doc.analysis, docs(doc.lang), lineBase) }, range: subject.range };
}

function findSubject(stmts: SimpleStatement[], pos: Position): Subject | undefined {
  for (const s of stmts) {
    const state = (ref: StateRef | undefined, name: string, role: StateRole | 'declaration'): Subject | undefined =>
      ref?.state && covers(ref.range, pos) ? { kind: 'state', state: ref.state, range: ref.range, stmt: s, name, role } : undefined;
    const found = subjectIn(s, pos, state);
    if (found) return found;
  }
  return undefined;
}

type StateAt = (ref: StateRef | undefined, name: string, role: StateRole | 'declaration') => Subject | undefined;

function subjectIn(s: SimpleStatement, pos: Position, state: StateAt): Subject | undefined {
  const participant = (name: string, range: Range): Subject | undefined =>
    covers(range, pos) ? { kind: 'participant', name, range } : undefined;
  let found: Subject | undefined;
  switch (s.kind) {
    case 'message':
      found = state(s.from.state, s.from.name, 'sender') ?? state(s.to.state, s.to.name, 'receiver') ?? inSegment(s, pos);
      if (!found && [s.from.range, s.to.range, s.arrowRange].some((r) => covers(r, pos))) found = { kind: 'message', stmt: s, range: s.range };
      return found;
    case 'participant':
      return state(s.state, s.name, 'declaration') ?? participant(s.name, s.nameRange);
    case 'state':
      for (const it of s.items) found ??= state(it.state, it.name, 'line') ?? participant(it.name, it.nameRange);
      return found;
    case 'note':
      for (const t of s.targets) found ??= participant(t.name, t.range);
      return found;
    default:
      return undefined;
  }
}

/** A flag (`SYN-ACK` is two flags on one token) or a field of the segment. */
function inSegment(s: MessageStmt, pos: Position): Subject | undefined {
  const hit = s.segment.flags.filter((f) => covers(f.range, pos));
  if (hit.length) return { kind: 'flags', flags: hit.map((f) => f.flag), range: hit[0].range };
  for (const f of s.segment.fields) {
    const key = f.seed ? undefined : fieldKey(f.key);
    if (key && covers(f.range, pos)) return { kind: 'field', key, range: f.range };
    // Seed notation `SYN(x)`: the value stands for seq (ack for `ACK(x)`).
    if (f.seed && f.value && covers(f.value.range, pos)) return { kind: 'field', key: f.key as FieldKey, range: f.value.range };
  }
  return undefined;
}

function describe(s: Subject, a: Analysis, d: TcpDocs, lineBase: number): string {
  switch (s.kind) {
    case 'message':
      return describeMessage(s.stmt, a, d);
    case 'flags':
      return s.flags.map((f) => `**${f}** — ${d.flags[f].summary}\n\n${d.flags[f].body}`).join('\n\n');
    case 'state': {
      // The state the checker computed at that event, and how the participant got there.
      const story = s.role === 'declaration' ? undefined : stateStory(a, { stmt: s.stmt, name: s.name, role: s.role, written: s.state, lineBase }, d);
      return story ? [story.text, describeState(story.computed, d, false)].join('\n\n') : describeState(s.state, d);
    }
    case 'field':
      return `**${s.key}** — ${d.fields[s.key].summary}\n\n${d.fields[s.key].body}`;
    case 'participant':
      return describeParticipant(s.name, a, d);
  }
}

function describeMessage(stmt: MessageStmt, a: Analysis, d: TcpDocs): string {
  const m = a.messages.find((x) => x.stmt === stmt);
  if (!m) return `**${stmt.from.name} → ${stmt.to.name}**`;
  const lines = [`**${m.from} → ${m.to}**${m.flags.length ? `: \`${m.flags.join(',')}\`` : ''}`];
  const states = (effectsOnLines(a, stmt.line, stmt.line).get(stmt.line)?.transitions ?? []).filter((t) => t.name === m.from || t.name === m.to);
  lines.push(
    states
      .map((t) => {
        if (t.lost) return `- ${t.name}: ${t.from} (${d.words.notDelivered})`;
        return t.from === t.to ? `- ${t.name}: ${t.from} (${d.words.noChange})` : `- ${t.name}: ${t.from} → ${t.to}`;
      })
      .join('\n'),
  );
  lines.push(numbers(m, d));
  const roles = [...(m.lost ? [d.roles.lost] : []), ...(m.role !== 'normal' ? [d.roles[m.role]] : [])];
  if (roles.length) lines.push(`**${d.words.role}**: ${roles.join('; ')}`);
  return lines.join('\n\n');
}

/** `seq=101` (inferred) · `ack=301` · `len=0`; `?` for a number the checker does not know. */
function numbers(m: MessageInfo, d: TcpDocs): string {
  const value = (key: string, v: ShownValue | undefined, inferred: boolean) =>
    `\`${key}=${v ?? '?'}\`${inferred ? ` (${d.words.inferred})` : ''}`;
  const parts = [value('seq', m.seq, m.seqInferred)];
  if (m.flags.includes('ACK')) parts.push(value('ack', m.ack, m.ackInferred));
  parts.push(value('len', m.len, false));
  return parts.join(' · ');
}

/** What the state waits for (RFC 9293 §3.3.2), what it may send and how it is left; `heading` names it first. */
function describeState(state: TcpState, d: TcpDocs, heading = true): string {
  const doc = d.states[state];
  const may = MAY_SEND[state].map((k) => d.kinds[k]).join(', ');
  // Retransmissions are valid in any state but CLOSED (SPEC §4).
  const retrans = state === 'CLOSED' ? '' : ` (+ ${d.words.retransmissions})`;
  const what = heading ? [`**${state}** — RFC 9293 §3.3.2`, doc.waits] : [`${doc.waits} (RFC 9293 §3.3.2)`];
  return [...what, `**${d.words.maySend}**: ${may}${retrans}`, `**${d.words.next}**: ${doc.next}`].join('\n\n');
}

function describeParticipant(name: string, a: Analysis, d: TcpDocs): string {
  const p = a.participants.find((x) => x.name === name);
  if (!p) return `**${name}**`;
  const label = p.label ? ` · ${escapeMarkdown(p.label)}` : '';
  return `**${name}** — ${d.words.participant}${label}\n\n${d.initial[p.initialReason](p.initial)}`;
}
