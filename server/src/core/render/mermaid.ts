// The Mermaid `sequenceDiagram` of an analysed flow (SPEC §6): one arrow per message, a note
// beside every participant whose state changed, on the line where it changed; `par` blocks,
// notes, waits, the title, and a summary for screen readers (`accTitle`, `accDescr`). All user
// text goes through escapeMermaidText; ids through safeId. Errors are marked as errorMarks.ts
// says: an arrow with `⚠` and what was written ✗ due, a wrong assertion as a `⚠` state note
// before its line's arrow. Only syntax GitHub's Mermaid renders (no classes, no styles).
// Written as parts (mermaidParts): the head, then one unit per statement with the lines it draws,
// so the preview can draw the flow in slices (mermaidSlices.ts); renderMermaid joins them.
import type { MessageStmt, NoteStmt, ParBlock, StateStmt, Statement, TcpState, WaitStmt } from '../syntax/ast';
import type { Analysis, StateChange, TraceStep } from '../tcp/analysis';
import { NO_MARKS, type ErrorMarks, type StateMark } from './errorMarks';
import { escapeMermaidText, safeId } from './escape';
import { ERROR_MARK, segmentText, WRONG } from './segmentText';
import { flowSummary } from './summary';
import type { MermaidOptions, MermaidParts, MermaidUnit, PartsOptions, UnitCopy, WideLine } from './mermaidParts';

export type { MermaidOptions, MermaidParts, MermaidUnit, PartsOptions, UnitCopy, WideLine } from './mermaidParts';

const INDENT = '    ';
/** Mermaid needs some text after `:`; a zero-width space stands in for an empty one. */
const EMPTY_TEXT = '#8203;';

export const MERMAID_HEADER = 'sequenceDiagram\n';

export function renderMermaid(a: Analysis, opts: MermaidOptions = {}): string {
  return mermaidText(new MermaidWriter(a, opts, false).render());
}

/** The whole text, with the arrows and notes marked as errors (by index in drawing order: the Markdown preview colours them). */
export function markedMermaid(a: Analysis, opts: MermaidOptions = {}): { text: string; errorArrows: number[]; errorNotes: number[] } {
  const parts = new MermaidWriter(a, opts, false).render();
  return { text: mermaidText(parts), errorArrows: parts.errorArrows, errorNotes: parts.errorNotes };
}

function mermaidText(parts: MermaidParts): string {
  const body = parts.lines.length ? `${parts.lines.join('\n')}\n` : '';
  return MERMAID_HEADER + parts.head + parts.participants + body;
}

/** The diagram as parts, with what the preview needs to slice it. */
export function mermaidParts(a: Analysis, opts: MermaidOptions = {}, how: PartsOptions = {}): MermaidParts {
  return new MermaidWriter(a, opts, true, how).render();
}

/** Each statement's trace steps, in order. */
export function stepsByStatement(a: Analysis): Map<Statement, TraceStep[]> {
  const steps = new Map<Statement, TraceStep[]>();
  for (const step of a.steps) {
    const list = steps.get(step.stmt);
    if (list) list.push(step);
    else steps.set(step.stmt, [step]);
  }
  return steps;
}

/** The last source line of a statement (an unterminated `par` block runs to its last item). */
export function lastLine(s: Statement): number {
  if (s.kind !== 'par' || s.endLine !== undefined) return s.range.end.line;
  return Math.max(s.range.end.line, ...s.branches.flat().map((item) => item.range.end.line));
}

class MermaidWriter {
  private readonly lines: string[] = [];
  private readonly arrowLines: number[] = [];
  private readonly wide: WideLine[] = [];
  private readonly errorArrows: number[] = [];
  private readonly errorNotes: number[] = [];
  private notes = 0;
  private readonly marks: ErrorMarks;
  private readonly ids = new Map<string, string>();
  private readonly column = new Map<string, number>();
  private readonly stepsOf: Map<Statement, TraceStep[]>;

  constructor(
    private readonly a: Analysis,
    private readonly opts: MermaidOptions,
    /** Whether to note the lines that widen a column (the whole text does without). */
    private readonly noteWide: boolean,
    private readonly how: PartsOptions = {},
  ) {
    const used = new Set<string>();
    a.participants.forEach((p, i) => {
      this.ids.set(p.name, safeId(p.name, used));
      this.column.set(p.name, i);
    });
    this.stepsOf = how.steps ?? stepsByStatement(a);
    this.marks = opts.marks ?? NO_MARKS;
  }

  render(): MermaidParts {
    let participants = '';
    for (const p of this.a.participants) {
      const label = escapeMermaidText(p.label ?? '') || escapeMermaidText(p.name);
      participants += `${INDENT}participant ${this.ids.get(p.name)} as ${label}\n`;
    }
    const units: MermaidUnit[] = [this.unitStart()];
    for (const p of this.a.participants) this.stateNote(1, p.name, p.initial);
    for (const s of this.a.doc.statements) {
      units.push({ first: s.range.start.line, last: lastLine(s), ...this.unitStart() });
      const copy = this.how.reuse?.(s, units.length - 1);
      if (copy) this.copy(copy);
      else this.statement(s);
    }
    const first = this.a.participants[0];
    return {
      head: this.head(),
      participants,
      firstId: first ? this.ids.get(first.name)! : '',
      lines: this.lines,
      arrowLines: this.arrowLines,
      errorArrows: this.errorArrows,
      errorNotes: this.errorNotes,
      notes: this.notes,
      units,
      wide: this.wide,
    };
  }

  /** The title, then what a screen reader says of the diagram (a line each: Mermaid's accTitle and accDescr run to the line's end). */
  private head(): string {
    const title = this.a.doc.statements.find((s) => s.kind === 'title');
    const titleText = title ? escapeMermaidText(title.text.text) : '';
    const summary = flowSummary(this.a, this.opts.lang, this.opts.marks !== undefined);
    const acc = `${INDENT}accTitle: ${escapeMermaidText(summary.title) || EMPTY_TEXT}\n${INDENT}accDescr: ${escapeMermaidText(summary.description) || EMPTY_TEXT}\n`;
    return (titleText ? `${INDENT}title ${titleText}\n` : '') + acc;
  }

  private unitStart(): Omit<MermaidUnit, 'first' | 'last'> {
    return { line: this.lines.length, arrow: this.arrowLines.length, wide: this.wide.length, note: this.notes, errorArrow: this.errorArrows.length, errorNote: this.errorNotes.length };
  }

  /** Takes a unit written before as it is (its arrows' source lines moved, its marks renumbered). */
  private copy({ from, unit, shift }: UnitCopy): void {
    const [u, next] = [from.units[unit], from.units[unit + 1]];
    const end = next ?? { line: from.lines.length, arrow: from.arrowLines.length, wide: from.wide.length, errorArrow: from.errorArrows.length, errorNote: from.errorNotes.length };
    const [arrows, notes] = [this.arrowLines.length - u.arrow, this.notes - u.note];
    for (let i = u.line; i < end.line; i++) this.lines.push(from.lines[i]);
    for (let i = u.arrow; i < end.arrow; i++) this.arrowLines.push(from.arrowLines[i] + shift);
    for (let i = u.wide; i < end.wide; i++) this.wide.push(from.wide[i]);
    for (let i = u.errorArrow; i < end.errorArrow; i++) this.errorArrows.push(from.errorArrows[i] + arrows);
    for (let i = u.errorNote; i < end.errorNote; i++) this.errorNotes.push(from.errorNotes[i] + notes);
    this.notes += (next ? next.note : from.notes) - u.note;
  }

  private statement(s: Statement): void {
    switch (s.kind) {
      case 'message':
        this.assertions(1, s);
        this.arrow(1, s);
        for (const step of this.stepsOf.get(s) ?? []) this.changes(1, step.changes);
        return;
      case 'par':
        return this.par(s);
      case 'note':
        return this.note(1, s);
      case 'wait':
        return this.wait(s);
      case 'state':
        // No event: drawn only when an assertion on it is wrong.
        return this.assertions(1, s);
      default:
        // title (the first is drawn above), participant (drawn above).
        return;
    }
  }

  /** Each wrong assertion of the line, as a `⚠ written ✗ due` note beside its participant (before the line's arrow: the state it asserts is the one before the event). */
  private assertions(depth: number, s: MessageStmt | StateStmt): void {
    const states = this.marks.get(s.line)?.states;
    if (!states) return;
    for (const m of states) this.stateNote(depth, m.name, m);
  }

  /** Sends inside the block, each with the changes it made; deliveries after `end`, in order. */
  private par(s: ParBlock): void {
    this.line(1, 'par');
    s.branches.forEach((branch, i) => {
      if (i > 0) this.line(1, 'and');
      for (const item of branch) {
        if (item.kind === 'note') {
          this.note(2, item);
          continue;
        }
        this.assertions(2, item);
        this.arrow(2, item);
        this.changes(2, this.step(item, 'send')?.changes ?? []);
      }
    });
    this.line(1, 'end');
    for (const msg of s.branches.flat()) {
      if (msg.kind === 'message') this.changes(1, this.step(msg, 'arrive')?.changes ?? []);
    }
  }

  private step(msg: MessageStmt, which: 'send' | 'arrive'): TraceStep | undefined {
    return this.stepsOf.get(msg)?.find((st) => (which === 'send' ? st.event === 'send' : st.event !== 'send'));
  }

  /** The arrow as the checker read it (a root cause's line as meant: SPEC §8.6), marked as errorMarks says. */
  private arrow(depth: number, msg: MessageStmt): void {
    const info = this.step(msg, 'send')?.message;
    const from = info && this.ids.get(info.from);
    const to = info && this.ids.get(info.to);
    if (!from || !to || !info) return;
    const mark = this.marks.get(msg.line)?.arrow;
    const text = segmentText(info, { lang: this.opts.lang, escape: escapeMermaidText, mark });
    this.line(depth, `${from}${info.lost ? '-x' : '->>'}${to}: ${text || EMPTY_TEXT}`);
    if (mark) this.errorArrows.push(this.arrowLines.length);
    this.arrowLines.push(msg.line);
    if (!this.noteWide) return;
    const [left, right] = this.column.get(info.from)! <= this.column.get(info.to)! ? [from, to] : [to, from];
    this.wide.push({ kind: 'message', shape: `${left}->>${right}`, text: text || EMPTY_TEXT });
  }

  private note(depth: number, s: NoteStmt): void {
    const known = s.targets.map((t) => t.name).filter((n) => this.ids.has(n));
    const text = escapeMermaidText(s.text.text) || EMPTY_TEXT;
    if (known.length === 0) {
      // Names no participant (an error, TF209): still shown, over everyone.
      const all = this.overAll();
      if (all) this.noteLine(depth, `Note over ${all}`, text);
      return;
    }
    if (s.position === 'over') {
      this.noteLine(depth, `Note over ${this.span(known)}`, text);
      return;
    }
    this.noteLine(depth, `Note ${s.position} ${this.ids.get(known[0])}`, text);
  }

  private wait(s: WaitStmt): void {
    const all = this.overAll();
    if (all) this.noteLine(1, `Note over ${all}`, `wait ${escapeMermaidText(s.amount.text) || EMPTY_TEXT}`);
    for (const step of this.stepsOf.get(s) ?? []) this.changes(1, step.changes);
  }

  private changes(depth: number, changes: StateChange[]): void {
    for (const c of changes) this.stateNote(depth, c.name, c.to);
  }

  /** A state beside its participant: left of the first column, right of the last, over the others; a wrong assertion as `⚠ written ✗ due`. */
  private stateNote(depth: number, name: string, state: TcpState | StateMark): void {
    const col = this.column.get(name);
    if (col === undefined) return;
    const last = this.a.participants.length - 1;
    const where = col === 0 ? 'left of' : col === last ? 'right of' : 'over';
    if (typeof state === 'object') this.errorNotes.push(this.notes);
    const text = typeof state === 'object' ? `${ERROR_MARK} ${state.written} ${WRONG} ${state.due}` : state;
    this.noteLine(depth, `Note ${where} ${this.ids.get(name)}`, text);
  }

  private noteLine(depth: number, shape: string, text: string): void {
    this.line(depth, `${shape}: ${text}`);
    this.notes++;
    if (this.noteWide) this.wide.push({ kind: 'note', shape, text });
  }

  /** `A` or `A,C`: from the leftmost to the rightmost of the names, in column order. */
  private span(names: string[]): string {
    // A loop, not Math.min(...cols): a note over 200,000 names would overflow the stack.
    let lo = Infinity;
    let hi = -Infinity;
    for (const n of names) {
      const col = this.column.get(n)!;
      lo = Math.min(lo, col);
      hi = Math.max(hi, col);
    }
    const first = this.a.participants[lo].name;
    const last = this.a.participants[hi].name;
    return first === last ? this.ids.get(first)! : `${this.ids.get(first)},${this.ids.get(last)}`;
  }

  private overAll(): string | undefined {
    const ps = this.a.participants;
    return ps.length ? this.span([ps[0].name, ps[ps.length - 1].name]) : undefined;
  }

  private line(depth: number, text: string): void {
    this.lines.push(INDENT.repeat(depth) + text);
  }
}

