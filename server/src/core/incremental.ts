// A document being edited, analysed version after version from what changed: the lines are
// reused by their text wherever they moved (syntax/lineMemo.ts), and the checker resumes from its
// last checkpoint that no changed statement could have influenced (tcp/checker.ts resumeFrom). The
// result is exactly what analyze() gives for the same text (test/unit/incremental.test.ts); an
// edit near the end of a long flow costs a few statements' check, one at the top a whole check
// (never a whole parse).
import { sortDiagnostics } from './analyze';
import type { ParticipantStmt, Range, Statement, TcpflowDocument } from './syntax/ast';
import { LineMemo } from './syntax/lineMemo';
import { parse } from './syntax/parse';
import { firstWhere } from './search';
import type { Analysis, ParticipantInfo } from './tcp/analysis';
import { Checker } from './tcp/checker';
import { collectParticipants } from './tcp/initialStates';

/** How a participant starts, in everything the checker reads of it (its label it does not). */
interface Start {
  key: string;
  /** Its declaration: the same line entry, so the same text and columns (the line may have moved). */
  declaration: ParticipantStmt | undefined;
  /** Its declaration's line, its first use's and its first event's. */
  lines: readonly (number | undefined)[];
}

const startOf = (p: ParticipantInfo): Start => ({
  key: `${p.name}\n${p.initial}\n${p.initialReason}`,
  declaration: p.declaration,
  lines: [p.declaration?.line, p.firstLine, p.firstEventLine],
});

/**
 * How the participants of two versions compare, for a check resumed before line `changed` (the
 * first line that differs): `same`; `moved` when only lines at or after `changed` differ (in both
 * versions: what comes before compares with them alike); `other` when a check must start afresh.
 */
function compareStarts(a: readonly Start[], b: readonly Start[], changed: number): 'same' | 'moved' | 'other' {
  if (a.length !== b.length) return 'other';
  let moved = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].key !== b[i].key || !a[i].declaration !== !b[i].declaration) return 'other';
    // Its declaration's line was edited (its label, say): what the checker reads of it is in the key.
    if (a[i].declaration !== b[i].declaration) moved = true;
    for (let k = 0; k < a[i].lines.length; k++) {
      const [x, y] = [a[i].lines[k], b[i].lines[k]];
      if (x === y) continue;
      if (x === undefined || y === undefined || x < changed || y < changed) return 'other';
      moved = true;
    }
  }
  return moved ? 'moved' : 'same';
}

/**
 * Whether the checker takes two statements at the same place alike: neither makes an event, and
 * what it reads of them is the same (a title; a participant line, read only through the
 * participants, which are compared on their own; a note beside the same participants, whose names
 * it checks). Typing in a title, a label or a note's text then checks nothing again.
 */
function alikeToChecker(a: Statement, b: Statement): boolean {
  if (a.kind !== b.kind || a.line !== b.line) return false;
  if (a.kind === 'title' || a.kind === 'participant') return true;
  if (a.kind !== 'note' || b.kind !== 'note') return false;
  const [x, y] = [a.targets, b.targets];
  return x.length === y.length && x.every((t, i) => t.name === y[i].name && sameRange(t.range, y[i].range));
}

const sameRange = (a: Range, b: Range): boolean =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/**
 * How many statements from the first the checker takes alike in both versions, `from` of them known
 * to be. Only after a one-line edit in place: every other statement is then where it was, so the
 * same object is the same statement at the same place (after lines moved, one that moved would
 * have a checkpoint's diagnostics at its old place).
 */
function alikeBefore(old: readonly Statement[], now: readonly Statement[], from: number, oneLineInPlace: boolean): number {
  if (!oneLineInPlace) return from;
  let i = from;
  while (i < old.length && i < now.length && (old[i] === now[i] || alikeToChecker(old[i], now[i]))) i++;
  return i;
}

/** The line after which a statement is done: a `par` block's `end` (never, while unterminated). */
const lastLine = (s: Statement): number => (s.kind === 'par' ? (s.endLine ?? Infinity) : s.line);

/** How many statements, from the first, lie wholly before line `line` (statements are in line order). */
const statementsBefore = (doc: TcpflowDocument, line: number): number => firstWhere(doc.statements.length, (i) => lastLine(doc.statements[i]) >= line);

export class IncrementalAnalysis {
  /** Every line as last parsed (the language server reads tokens and comments from it). */
  readonly memo = new LineMemo();
  private checker: Checker | undefined;
  private starts: Start[] = [];
  /** The statement the last check started from (0: the whole flow was checked). */
  checkedFrom = 0;

  /**
   * The analysis of the document's next version. The previous result is no longer valid once this
   * is called: its tree's lines may have moved and its lists are reused.
   */
  analyze(text: string): Analysis {
    const { doc, diagnostics: syntax } = parse(text, this.memo);
    const participants = collectParticipants(doc);
    const starts = participants.map(startOf);
    const c = this.checker;
    const compared = c ? compareStarts(this.starts, starts, this.memo.firstChange) : 'other';
    let from = c && compared !== 'other' ? c.resumePoint(alikeBefore(c.doc.statements, doc.statements, statementsBefore(doc, this.memo.firstChange), this.memo.oneLineInPlace)) : undefined;
    // A diagnostic before the checkpoint may name a participant's moved line (TF200's cause, its
    // fix's place): then the check starts afresh. Valid flows, the usual long ones, have none.
    if (from && compared === 'moved' && (from.diagnostics > 0 || from.noteDiagnostics > 0)) from = undefined;
    let result;
    this.checkedFrom = from?.index ?? 0;
    if (c && from) result = c.resumeFrom(from, doc, participants);
    else {
      this.checker = new Checker(doc, participants);
      result = this.checker.run();
    }
    this.starts = starts;
    return { doc, ...result, diagnostics: sortDiagnostics([...syntax, ...result.diagnostics]) };
  }
}
