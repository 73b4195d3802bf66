// The hover on a written state: the state the checker computed for that participant at that event,
// how it got there (its initial state, then each transition with the RFC 9293 rule behind it) and,
// when the note wrote another state, when that one held (before, later, never). The diagnostic
// itself is not repeated: VS Code shows it above the hover.
import type { Docs, TransitionKey } from '../../core/i18n';
import type { SimpleStatement, TcpState } from '../../core/syntax/ast';
import type { Analysis, TraceStep } from '../../core/tcp/analysis';
import { escapeMarkdown } from './markdownText';

/** Where the state is written: which event of the statement it speaks of (SPEC §3.3). */
export type StateRole = 'sender' | 'receiver' | 'line';

interface Transition {
  step: TraceStep;
  /** The step's index in the trace. */
  index: number;
  from: TcpState;
  to: TcpState;
}

/** At most this many transitions are listed (the latest ones). */
const MAX_SHOWN = 4;

/** The index of the step the state speaks of, or -1 when the statement is not part of the flow. */
function eventIndex(a: Analysis, stmt: SimpleStatement, role: StateRole): number {
  if (role === 'sender') return a.steps.findIndex((s) => s.stmt === stmt && s.event === 'send');
  if (role === 'receiver') return a.steps.findIndex((s) => s.stmt === stmt && s.event !== 'send');
  return a.steps.findIndex((s) => s.stmt === stmt);
}

/** Each step that changed `name`'s state, in order. */
function transitions(a: Analysis, name: string, initial: TcpState): Transition[] {
  const out: Transition[] = [];
  let state = initial;
  for (const [index, step] of a.steps.entries()) {
    const now = step.stateOf(name);
    if (now && now !== state) out.push({ step, index, from: state, to: now });
    if (now) state = now;
  }
  return out;
}

function transitionLine(t: Transition, lineBase: number, d: Docs): string {
  const s = d.story;
  const line = t.step.line + 1 + lineBase;
  const m = t.step.message;
  const event = t.step.event === 'send' ? 'send' : t.step.event === 'wait' ? 'wait' : 'deliver';
  const what = m ? [m.flags.join(','), m.len > 0 ? `len=${m.len}` : ''].filter(Boolean).join(' ') : '';
  const head = event === 'send' ? s.sent(line, what) : event === 'deliver' ? s.received(line, what) : s.waited(line, '2MSL');
  const rule = s.transitions[`${event}:${t.from}>${t.to}` as TransitionKey] ?? s.transitions[`${event}:*>${t.to}` as TransitionKey];
  return `- ${head} → ${t.to}${rule ? ` — ${rule}` : ''}`;
}

/** A state written for `name` at `stmt`; `lineBase` is added to the lines cited (a block of a Markdown note). */
export interface WrittenState {
  stmt: SimpleStatement;
  name: string;
  role: StateRole;
  written: TcpState;
  lineBase: number;
}

/**
 * The story of a written state, or undefined when its statement is not part of the flow (the
 * caller then describes the written state alone).
 */
export function stateStory(a: Analysis, { stmt, name, role, written, lineBase }: WrittenState, d: Docs): { computed: TcpState; text: string } | undefined {
  const p = a.participants.find((x) => x.name === name);
  const at = eventIndex(a, stmt, role);
  if (!p || at < 0) return undefined;
  const computed = at > 0 ? (a.steps[at - 1].stateOf(name) ?? p.initial) : p.initial;
  const all = transitions(a, name, p.initial);
  const before = all.filter((t) => t.index < at);
  const who = escapeMarkdown(name);
  const lines = [`${d.story.howGotHere(who)}`, `- ${d.initial[p.initialReason](p.initial)}`];
  if (before.length > MAX_SHOWN) lines.push('- …');
  lines.push(...before.slice(-MAX_SHOWN).map((t) => transitionLine(t, lineBase, d)));
  const parts = [`**${computed}** — ${d.story.heading(who)}`, lines.join('\n')];
  // A participant that started in LISTEN keeps listening once its connection is CLOSED (SPEC §8.3).
  const listening = written === 'LISTEN' && computed === 'CLOSED' && p.initial === 'LISTEN';
  if (written !== computed && !listening) parts.push(wrote(written, who, before, all.filter((t) => t.index >= at), lineBase, d));
  return { computed, text: parts.join('\n\n') };
}

/** When the written state held: until the last line that left it, from a later line, or never. */
function wrote(written: TcpState, who: string, before: Transition[], after: Transition[], lineBase: number, d: Docs): string {
  const left = [...before].reverse().find((t) => t.from === written);
  if (left) return d.story.wroteEarlier(written, who, left.step.line + 1 + lineBase);
  const reached = after.find((t) => t.to === written);
  if (reached) return d.story.wroteLater(written, who, reached.step.line + 1 + lineBase);
  return d.story.wroteNever(written, who);
}
