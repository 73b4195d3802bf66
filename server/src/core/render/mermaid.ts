// The Mermaid `sequenceDiagram` of an analysed flow (SPEC §6): one arrow per message, a note
// beside every participant whose state changed, on the line where it changed; `par` blocks,
// notes, waits and the title. All user text goes through escapeMermaidText; ids through safeId.
import type { MessageStmt, NoteStmt, ParBlock, Statement, TcpState, WaitStmt } from '../syntax/ast';
import type { Analysis, StateChange, TraceStep } from '../tcp/analysis';
import type { Lang } from '../i18n';
import { escapeMermaidText, safeId } from './escape';
import { segmentText } from './segmentText';

export interface MermaidOptions {
  lang?: Lang;
  /** 0-based source lines with an error: their arrows are marked `⚠`. */
  errorLines?: Set<number>;
}

const INDENT = '    ';
/** Mermaid needs some text after `:`; a zero-width space stands in for an empty one. */
const EMPTY_TEXT = '#8203;';

/** The 0-based lines on which an error diagnostic starts. */
export function errorLinesOf(a: Analysis): Set<number> {
  return new Set(a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.range.start.line));
}

export function renderMermaid(a: Analysis, opts: MermaidOptions = {}): string {
  return new MermaidWriter(a, opts).render();
}

class MermaidWriter {
  private readonly out: string[] = ['sequenceDiagram'];
  private readonly ids = new Map<string, string>();
  private readonly column = new Map<string, number>();
  private readonly stepsOf = new Map<Statement, TraceStep[]>();

  constructor(
    private readonly a: Analysis,
    private readonly opts: MermaidOptions,
  ) {
    const used = new Set<string>();
    a.participants.forEach((p, i) => {
      this.ids.set(p.name, safeId(p.name, used));
      this.column.set(p.name, i);
    });
    for (const step of a.steps) {
      const list = this.stepsOf.get(step.stmt);
      if (list) list.push(step);
      else this.stepsOf.set(step.stmt, [step]);
    }
  }

  render(): string {
    const title = this.a.doc.statements.find((s) => s.kind === 'title');
    const titleText = title ? escapeMermaidText(title.text.text) : '';
    if (titleText) this.line(1, `title ${titleText}`);
    for (const p of this.a.participants) {
      const label = escapeMermaidText(p.label ?? '') || escapeMermaidText(p.name);
      this.line(1, `participant ${this.ids.get(p.name)} as ${label}`);
    }
    for (const p of this.a.participants) this.stateNote(1, p.name, p.initial);
    for (const s of this.a.doc.statements) this.statement(s);
    return this.out.join('\n') + '\n';
  }

  private statement(s: Statement): void {
    switch (s.kind) {
      case 'message':
        this.arrow(1, s);
        for (const step of this.stepsOf.get(s) ?? []) this.changes(1, step.changes);
        return;
      case 'par':
        return this.par(s);
      case 'note':
        return this.note(1, s);
      case 'wait':
        return this.wait(s);
      default:
        // title (the first is drawn above), participant (drawn above), state (no event).
        return;
    }
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

  private arrow(depth: number, msg: MessageStmt): void {
    const from = this.ids.get(msg.from.name);
    const to = this.ids.get(msg.to.name);
    const info = this.step(msg, 'send')?.message;
    if (!from || !to || !info) return;
    const mark = this.opts.errorLines?.has(msg.line) ? '⚠ ' : '';
    const text = mark + segmentText(info, { lang: this.opts.lang, escape: escapeMermaidText });
    this.line(depth, `${from}${info.lost ? '-x' : '->>'}${to}: ${text || EMPTY_TEXT}`);
  }

  private note(depth: number, s: NoteStmt): void {
    const known = s.targets.map((t) => t.name).filter((n) => this.ids.has(n));
    const text = escapeMermaidText(s.text.text) || EMPTY_TEXT;
    if (known.length === 0) {
      // Names no participant (an error, TF209): still shown, over everyone.
      const all = this.overAll();
      if (all) this.line(depth, `Note over ${all}: ${text}`);
      return;
    }
    if (s.position === 'over') {
      this.line(depth, `Note over ${this.span(known)}: ${text}`);
      return;
    }
    this.line(depth, `Note ${s.position} ${this.ids.get(known[0])}: ${text}`);
  }

  private wait(s: WaitStmt): void {
    const all = this.overAll();
    if (all) this.line(1, `Note over ${all}: wait ${escapeMermaidText(s.amount.text) || EMPTY_TEXT}`);
    for (const step of this.stepsOf.get(s) ?? []) this.changes(1, step.changes);
  }

  private changes(depth: number, changes: StateChange[]): void {
    for (const c of changes) this.stateNote(depth, c.name, c.to);
  }

  /** A state beside its participant: left of the first column, right of the last, over the others. */
  private stateNote(depth: number, name: string, state: TcpState): void {
    const col = this.column.get(name);
    if (col === undefined) return;
    const last = this.a.participants.length - 1;
    const where = col === 0 ? 'left of' : col === last ? 'right of' : 'over';
    this.line(depth, `Note ${where} ${this.ids.get(name)}: ${state}`);
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
    this.out.push(INDENT.repeat(depth) + text);
  }
}
