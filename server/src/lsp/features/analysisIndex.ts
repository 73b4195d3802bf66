// Lookups the hover and inlay hints share: the statements on a line, and what each line did to
// the participants' states.
import type { Position } from 'vscode-languageserver';
import type { ParBlock, Range as AstRange, SimpleStatement, Statement, TcpState } from '../../core/syntax/ast';
import type { Analysis, MessageInfo, TraceStep } from '../../core/tcp/analysis';
import { firstWhere } from '../../core/search';

/** `pos` is on the token `r` ([start, end)); an empty range is hit at its start. */
export function covers(r: AstRange, pos: Position): boolean {
  if (pos.line < r.start.line || pos.line > r.end.line) return false;
  if (r.start.line === r.end.line && r.start.character === r.end.character) return pos.character === r.start.character;
  if (pos.line === r.start.line && pos.character < r.start.character) return false;
  return !(pos.line === r.end.line && pos.character >= r.end.character);
}

/** The statements written on `line` (inside par blocks too, and those the flow leaves out); usually one. */
export function statementsOnLine(a: Analysis, line: number): SimpleStatement[] {
  const out: SimpleStatement[] = [];
  for (const s of a.doc.statements) {
    if (s.kind !== 'par') {
      if (s.line === line) out.push(s);
    } else if (s.range.start.line <= line && line <= s.range.end.line) {
      for (const branch of s.branches) for (const m of branch) if (m.line === line) out.push(m);
      for (const m of s.misplaced) if (m.line === line) out.push(m);
    }
  }
  return out;
}

/** The par block `line` is inside of (between its `par` and its `end`, or to the end of the text). */
export function parBlockAt(a: Analysis, line: number): ParBlock | undefined {
  for (const s of a.doc.statements) if (s.kind === 'par' && s.line < line && (s.endLine === undefined || line <= s.endLine)) return s;
  return undefined;
}

export interface Transition {
  name: string;
  from: TcpState;
  to: TcpState;
  /** For a message's receiver: the segment was lost, so it never reached it. */
  lost?: boolean;
}

export interface LineEffect {
  /** The message or wait statement of the line. */
  stmt: Statement;
  transitions: Transition[];
}

/** Where in the trace the steps of a stretch of lines lie (steps are in line order but for par blocks). */
interface StepIndex {
  /** The greatest line of the steps up to each: no step before the first at or past a line is on it. */
  upTo: Int32Array;
  /** The least line of the steps from each on: no step after the last at or before a line is on it. */
  from: Int32Array;
  initial: Map<string, TcpState>;
}

const stepIndexes = new WeakMap<Analysis, StepIndex>();

function stepIndex(a: Analysis): StepIndex {
  let index = stepIndexes.get(a);
  if (index) return index;
  const n = a.steps.length;
  const upTo = new Int32Array(n);
  const from = new Int32Array(n);
  for (let i = 0, max = -1; i < n; i++) upTo[i] = max = Math.max(max, a.steps[i].line);
  for (let i = n - 1, min = 0x7fffffff; i >= 0; i--) from[i] = min = Math.min(min, a.steps[i].line);
  index = { upTo, from, initial: new Map(a.participants.map((p) => [p.name, p.initial])) };
  stepIndexes.set(a, index);
  return index;
}

/** The first position in an ascending list whose value is at least `v`. */
const firstAtLeast = (list: Int32Array, v: number): number => firstWhere(list.length, (i) => list[i] >= v);

/**
 * What each line from `first` to `last` did to the states, in order: for a message, the sender at
 * its send and the receiver at the delivery (in a par block other events come between the two, so
 * a message's `before`/`after` snapshots would blur them); for `wait 2MSL`, every participant it
 * closed. Only the steps of those lines are read, so a hover or the inlay hints of the visible
 * lines cost the same in a long flow as in a short one.
 */
export function effectsOnLines(a: Analysis, first: number, last: number): Map<number, LineEffect> {
  const byLine = new Map<number, LineEffect>();
  const { upTo, from, initial } = stepIndex(a);
  const steps = a.steps;
  const end = firstAtLeast(from, last + 1);
  const stateBefore = (i: number, name: string): TcpState => (i === 0 ? initial.get(name)! : steps[i - 1].stateOf(name)!);
  for (let i = firstAtLeast(upTo, first); i < end; i++) {
    const step = steps[i];
    if (step.line < first || step.line > last) continue;
    const list: Transition[] = [];
    const m = step.message;
    if (m && step.event === 'send') list.push({ name: m.from, from: stateBefore(i, m.from), to: step.stateOf(m.from)! });
    else if (m && (step.event === 'deliver' || step.event === 'lose')) {
      list.push({ name: m.to, from: stateBefore(i, m.to), to: step.stateOf(m.to)!, ...(step.event === 'lose' && { lost: true }) });
    } else list.push(...step.changes);
    if (!list.length) continue;
    const effect = byLine.get(step.line);
    if (effect) effect.transitions.push(...list);
    else byLine.set(step.line, { stmt: step.stmt, transitions: list });
  }
  return byLine;
}

/** The last step (in the order they happen) of a line up to `line`; undefined when there is none. */
export function lastStepUpTo(a: Analysis, line: number): TraceStep | undefined {
  const i = firstAtLeast(stepIndex(a).from, line + 1) - 1;
  return i >= 0 ? a.steps[i] : undefined;
}

/** The messages written on lines `first` to `last` (messages are in line order). */
export function messagesOnLines(a: Analysis, first: number, last: number): MessageInfo[] {
  const list = a.messages;
  const out: MessageInfo[] = [];
  for (let i = firstWhere(list.length, (k) => list[k].stmt.line >= first); i < list.length && list[i].stmt.line <= last; i++) out.push(list[i]);
  return out;
}
