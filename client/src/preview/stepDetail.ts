// Step mode's data, made on the host one step at a time (a long flow's steps never cross the wire
// all at once): which arrow a step is, which step a line is, and each endpoint's TCB before and
// after a step (the core's tcbTrace, made the first time a step is asked for). Pure: no vscode.
import { localize, type Lang } from '../../../server/src/core/i18n';
import type { ErrorMarks } from '../../../server/src/core/render/errorMarks';
import { segmentText } from '../../../server/src/core/render/segmentText';
import type { Analysis, TraceStep } from '../../../server/src/core/tcp/analysis';
import { QUEUE_KEPT, tcbAt, tcbTrace, type TcbTrace, type TcbView } from '../../../server/src/core/tcp/tcb';
import type { EndpointStep, StepDetail } from './protocol';
import type { TcbField } from './stepStrings';

/** Queued segments shown per queue (as many as a TCB view keeps); the rest are counted. */
export const QUEUE_SHOWN = QUEUE_KEPT;
/** Participants shown at a step that involves everyone (a wait). */
const ENDPOINTS_SHOWN = 6;

const FIELDS: readonly TcbField[] = ['state', 'iss', 'sndUna', 'sndNxt', 'irs', 'rcvNxt', 'unacked', 'outOfOrder'];
const plain = (s: string): string => s;

export class StepIndex {
  /** The arrow of each step's message (−1: a wait or state step). */
  private readonly arrows: Int32Array;
  private readonly sendOfArrow: number[] = [];
  private tcb: TcbTrace | undefined;
  private readonly column = new Map<string, number>();

  constructor(
    readonly analysis: Analysis,
    private readonly marks: ErrorMarks,
    private readonly lang: Lang | undefined,
  ) {
    const steps = analysis.steps;
    this.arrows = new Int32Array(steps.length).fill(-1);
    const arrowOf = new Map<unknown, number>();
    steps.forEach((s, i) => {
      if (!s.message) return;
      if (s.event === 'send') {
        arrowOf.set(s.message, this.sendOfArrow.length);
        this.sendOfArrow.push(i);
      }
      this.arrows[i] = arrowOf.get(s.message) ?? -1;
    });
    analysis.participants.forEach((p, i) => this.column.set(p.name, i));
  }

  get count(): number {
    return this.analysis.steps.length;
  }

  /** The step of arrow `arrow`: its send. */
  stepOfArrow(arrow: number): number | undefined {
    return this.sendOfArrow[arrow];
  }

  /** The step a source line stands for: its first step, or the last one before it (the flow as it stands there). */
  stepForLine(line: number): number {
    const steps = this.analysis.steps;
    let before = 0;
    for (let i = 0; i < steps.length; i++) {
      if (steps[i].line === line) return i;
      if (steps[i].line < line) before = i;
    }
    return before;
  }

  detail(index: number): StepDetail | undefined {
    const a = this.analysis;
    const step = a.steps[index];
    if (!step) return undefined;
    this.tcb ??= tcbTrace(a.doc);
    const error = a.diagnostics.find((d) => d.severity === 'error' && d.range.start.line === step.line);
    const arrow = this.arrows[index];
    return {
      index,
      count: a.steps.length,
      line: step.line,
      event: step.event,
      ...(arrow >= 0 ? { arrow } : {}),
      text: this.text(step),
      ...(error ? { error: localize(error, this.lang).message } : {}),
      endpoints: this.involved(step).map((name) => this.endpoint(index, name)),
    };
  }

  private text(step: TraceStep): string {
    const s = step.stmt;
    const m = step.message;
    if (m) return `${this.label(m.from)} → ${this.label(m.to)}: ${segmentText(m, { lang: this.lang, escape: plain, mark: this.marks.get(step.line)?.arrow })}`;
    if (s.kind === 'wait') return `wait ${s.amount.text}`;
    if (s.kind === 'state') return `state ${s.items.map((x) => `${x.name}: ${x.state.written}`).join(', ')}`;
    return '';
  }

  private label(name: string): string {
    const p = this.analysis.participants[this.column.get(name) ?? -1];
    return p?.label || name;
  }

  /** The step's endpoints, in column order: a message's two ends, a state line's names, a wait's changes (or everyone). */
  private involved(step: TraceStep): string[] {
    const names = step.message
      ? [step.message.from, step.message.to]
      : step.stmt.kind === 'state'
        ? step.stmt.items.map((x) => x.name)
        : step.changes.length
          ? step.changes.map((c) => c.name)
          : this.analysis.participants.map((p) => p.name);
    const known = [...new Set(names)].filter((n) => this.column.has(n));
    return known.sort((x, y) => this.column.get(x)! - this.column.get(y)!).slice(0, ENDPOINTS_SHOWN);
  }

  private endpoint(index: number, name: string): EndpointStep {
    const a = this.analysis;
    const step = a.steps[index];
    // States from the trace (the analysis is the authority); numbers and queues from the TCBs.
    const stateBefore = index > 0 ? a.steps[index - 1].stateOf(name)! : a.participants[this.column.get(name)!].initial;
    const before = { ...tcbAt(this.tcb!, index - 1, name)!, state: stateBefore };
    const after = { ...tcbAt(this.tcb!, index, name)!, state: step.stateOf(name)! };
    const change = step.changes.find((c) => c.name === name);
    const asserted = this.marks.get(step.line)?.states.find((s) => s.name === name)?.written;
    const out: EndpointStep = {
      name,
      label: this.label(name),
      column: this.column.get(name)!,
      before,
      after,
      changed: FIELDS.filter((f) => JSON.stringify(fieldOf(before, f)) !== JSON.stringify(fieldOf(after, f))),
    };
    if (change) out.transition = { from: change.from, to: change.to };
    if (after.state === 'CLOSED' && this.closedFromTheEnd(index, name)) out.closedAtEnd = true;
    if (asserted) out.asserted = asserted;
    const hidden = (v: TcbView): [number, number] => [v.unackedCount - v.unacked.length, v.outOfOrderCount - v.outOfOrder.length];
    if ([...hidden(before), ...hidden(after)].some((n) => n > 0)) out.more = { before: hidden(before), after: hidden(after) };
    return out;
  }

  /** Whether `name`'s last transition at or before step `index` was LAST_ACK or TIME_WAIT → CLOSED. */
  private closedFromTheEnd(index: number, name: string): boolean {
    const steps = this.analysis.steps;
    for (let i = index; i >= 0; i--) {
      const c = steps[i].changes.find((x) => x.name === name);
      if (c) return c.to === 'CLOSED' && (c.from === 'LAST_ACK' || c.from === 'TIME_WAIT');
    }
    return false;
  }
}

/** A field as compared between before and after: a queue's shown part and how many it holds. */
function fieldOf(v: TcbView, f: TcbField): unknown {
  if (f === 'unacked') return [v.unacked, v.unackedCount];
  if (f === 'outOfOrder') return [v.outOfOrder, v.outOfOrderCount];
  return v[f];
}
