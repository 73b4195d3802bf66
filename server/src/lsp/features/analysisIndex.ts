// Lookups the hover and inlay hints share: the statements on a line, and what each line did to
// the participants' states.
import type { Position } from 'vscode-languageserver';
import type { ParBlock, Range as AstRange, SimpleStatement, Statement, TcpState } from '../../core/syntax/ast';
import type { Analysis } from '../../core/tcp/analysis';

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

/**
 * What each line did to the states, in order: for a message, the sender at its send and the
 * receiver at the delivery (in a par block other events come between the two, so a message's
 * `before`/`after` snapshots would blur them); for `wait 2MSL`, every participant it closed.
 */
const effectsCache = new WeakMap<Analysis, Map<number, LineEffect>>();

/** What each line did to the states; made once per analysis (hovers and inlay hints ask often). */
export function effectsByLine(a: Analysis): Map<number, LineEffect> {
  let effects = effectsCache.get(a);
  if (!effects) effectsCache.set(a, (effects = computeEffects(a)));
  return effects;
}

function computeEffects(a: Analysis): Map<number, LineEffect> {
  const byLine = new Map<number, LineEffect>();
  let prev: Record<string, TcpState> = Object.fromEntries(a.participants.map((p) => [p.name, p.initial]));
  for (const step of a.steps) {
    const list: Transition[] = [];
    const m = step.message;
    if (m && step.event === 'send') list.push({ name: m.from, from: prev[m.from], to: step.states[m.from] });
    else if (m && (step.event === 'deliver' || step.event === 'lose')) {
      list.push({ name: m.to, from: prev[m.to], to: step.states[m.to], ...(step.event === 'lose' && { lost: true }) });
    } else list.push(...step.changes);
    if (list.length) {
      const effect = byLine.get(step.line);
      if (effect) effect.transitions.push(...list);
      else byLine.set(step.line, { stmt: step.stmt, transitions: list });
    }
    prev = step.states;
  }
  return byLine;
}
