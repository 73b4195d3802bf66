// The preview's Mermaid parts after an edit, written again only where the drawing can have
// changed. A statement's lines depend on its source text, its trace steps, its line's error marks,
// and the participants; so a statement matched to the one before it by its source text (the
// longest common prefix and suffix of the statements, as the slice plan matches them) whose steps
// and error marks are the same draws the same lines, and they are copied (its arrows' source lines
// moved by the lines inserted above it). Typing in a label of a 10,000-segment flow writes one
// statement; an edit that changes the numbers of everything after it writes everything after it.
import type { Lang } from '../i18n';
import type { MessageStmt, NoteStmt, Statement } from '../syntax/ast';
import type { Analysis, MessageInfo, TraceStep } from '../tcp/analysis';
import { NO_MARKS, sameMark, type ErrorMarks } from './errorMarks';
import { mermaidParts, stepsByStatement, type MermaidOptions, type MermaidParts, type UnitCopy } from './mermaid';
import { commonEnds } from '../search';
import { unitKeys } from './mermaidSlices';

/** A flow as drawn for the preview: what the next edit's drawing is compared with. */
export interface DrawnFlow {
  analysis: Analysis;
  lang: Lang | undefined;
  marks: ErrorMarks;
  steps: Map<Statement, TraceStep[]>;
  /** Each unit's key (its statement's source text), as unitKeys gives them. */
  keys: string[];
  /**
   * The line of every statement (and of every message and note in a `par`) when it was drawn: the
   * line memo moves a statement that moved with its line, so its `line` reads the newest position.
   */
  lines: Map<Statement | MessageStmt | NoteStmt, number>;
  parts: MermaidParts;
}

export function drawFlow(a: Analysis, opts: MermaidOptions, source: string, previous?: DrawnFlow): DrawnFlow {
  const steps = stepsByStatement(a);
  const keys = unitKeys(a.doc.statements, source);
  const marks = opts.marks ?? NO_MARKS;
  const drawn = { analysis: a, lang: opts.lang, marks, steps, keys, lines: linesOf(a.doc.statements) };
  const reuse = previous && sameParticipants(previous, drawn) ? copier(previous, drawn) : undefined;
  return { ...drawn, parts: mermaidParts(a, opts, { steps, reuse }) };
}

type Drawing = Omit<DrawnFlow, 'parts'>;

function linesOf(statements: readonly Statement[]): DrawnFlow['lines'] {
  const lines: DrawnFlow['lines'] = new Map();
  for (const s of statements) {
    lines.set(s, s.line);
    if (s.kind === 'par') for (const branch of s.branches) for (const item of branch) lines.set(item, item.line);
  }
  return lines;
}

/** Same participants, labels, initial states and language: nothing outside a statement changed its lines. */
function sameParticipants(before: Drawing, after: Drawing): boolean {
  const [x, y] = [before.analysis.participants, after.analysis.participants];
  return before.lang === after.lang && x.length === y.length && x.every((p, i) => p.name === y[i].name && p.label === y[i].label);
}

function copier(before: DrawnFlow, after: Drawing): (s: Statement, unit: number) => UnitCopy | undefined {
  const { prefix, suffix } = commonEnds(before.keys, after.keys);
  const moved = before.keys.length - after.keys.length;
  return (s, unit) => {
    const old = unit < prefix ? unit : unit >= after.keys.length - suffix ? unit + moved : -1;
    const was = before.analysis.doc.statements[old - 1];
    if (old < 1 || !was || !drawsAlike(was, s, before, after)) return undefined;
    return { from: before.parts, unit: old, shift: s.line - before.lines.get(was)! };
  };
}

/** Two statements of the same source text: whether their steps and error marks are alike too. */
function drawsAlike(was: Statement, is: Statement, before: Drawing, after: Drawing): boolean {
  if (was.kind !== is.kind) return false;
  if (was.kind === 'message') return itemAlike(was, is as MessageStmt, before, after);
  if (was.kind === 'state') return sameMark(before.marks.get(before.lines.get(was)!), after.marks.get(is.line));
  if (was.kind !== 'par') return sameSteps(before.steps.get(was), after.steps.get(is));
  const other = (is as typeof was).branches;
  if (was.branches.length !== other.length) return false;
  for (let b = 0; b < was.branches.length; b++) {
    const [xs, ys] = [was.branches[b], other[b]];
    if (xs.length !== ys.length) return false;
    for (let i = 0; i < xs.length; i++) if (!itemAlike(xs[i], ys[i], before, after)) return false;
  }
  return true;
}

/** A message (its steps, its error marks) or a note (its source text says all) drawn alike. */
function itemAlike(x: MessageStmt | NoteStmt, y: MessageStmt | NoteStmt, before: Drawing, after: Drawing): boolean {
  if (x.kind !== y.kind) return false;
  if (x.kind === 'note') return true;
  return sameMark(before.marks.get(before.lines.get(x)!), after.marks.get(y.line)) && sameSteps(before.steps.get(x), after.steps.get(y));
}

function sameSteps(xs: TraceStep[] = [], ys: TraceStep[] = []): boolean {
  if (xs.length !== ys.length) return false;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (x.event !== y.event || !sameMessage(x.message, y.message) || x.changes.length !== y.changes.length) return false;
    for (let k = 0; k < x.changes.length; k++) {
      if (x.changes[k].name !== y.changes[k].name || x.changes[k].to !== y.changes[k].to) return false;
    }
  }
  return true;
}

/** What of a message its arrow shows (its written fields and label come from its source text). */
function sameMessage(x: MessageInfo | undefined, y: MessageInfo | undefined): boolean {
  if (!x || !y) return x === y;
  return (
    x.from === y.from &&
    x.to === y.to &&
    x.lost === y.lost &&
    x.len === y.len &&
    x.seq === y.seq &&
    x.ack === y.ack &&
    x.seqInferred === y.seqInferred &&
    x.ackInferred === y.ackInferred &&
    x.role === y.role &&
    x.flags.length === y.flags.length &&
    x.flags.every((f, i) => f === y.flags[i])
  );
}
