// Step mode on the host's side: which step the preview shows, kept in step with the editor's
// cursor both ways. The webview asks for a step (keys, buttons, slider, an arrow): the host sends
// it and selects its line in the editor. The cursor moves (the user): the host sends the step of
// its line. A selection the host made itself comes back as a cursor event and is let pass, so
// stepping through the send and the delivery of one line, or stepping fast, never jumps back.
// Pure (no vscode): the panel gives it the flow's steps and a way to select a line.
import type { StepMessage, StepRequest } from './protocol';
import type { StepIndex } from './stepDetail';

export interface StepModeDeps {
  /** The flow last sent to the webview, and that update's seq. */
  steps(): StepIndex | undefined;
  seq(): number;
  post(msg: StepMessage): void;
  /** Selects the line in the editor showing the document; false when nothing changed (no cursor event will follow). */
  select(line: number): boolean;
}

export class StepMode {
  private on = false;
  private index = 0;
  /** Lines the host selected, whose cursor events are yet to come back. */
  private readonly selecting = new Set<number>();

  constructor(private readonly deps: StepModeDeps) {}

  get active(): boolean {
    return this.on;
  }

  /** Opened (at the cursor's step) or closed. */
  toggle(on: boolean, cursor: number | null): void {
    this.on = on;
    this.selecting.clear();
    if (on) this.follow(cursor, true);
  }

  /** The editor's cursor is on `line` now. */
  cursor(line: number | null): void {
    if (!this.on || line === null) return;
    if (this.selecting.delete(line)) return; // the host's own selection, coming back
    this.follow(line, false);
  }

  /** The webview asks for a step (or the host, without `request`): it is shown, and its line selected in the editor. */
  request(r: Omit<StepRequest, 'type' | 'request'> & { request?: number }): void {
    const steps = this.deps.steps();
    if (!this.on || !steps) return;
    const index = r.arrow !== undefined ? steps.stepOfArrow(r.arrow) : r.index;
    if (index === undefined || steps.count === 0) return;
    this.index = Math.min(Math.max(0, index), steps.count - 1);
    const detail = this.send(steps, r.request);
    if (detail && this.deps.select(detail.line)) this.selecting.add(detail.line);
  }

  /** A new update went to the webview: the step is sent again for the new flow (at the cursor's line, if it moved off it). */
  updated(cursor: number | null): void {
    if (this.on) this.follow(cursor, true);
  }

  /** Shows the step of `line` unless the current step is on it already. */
  private follow(line: number | null, always: boolean): void {
    const steps = this.deps.steps();
    if (!steps) return;
    const current = steps.analysis.steps[this.index];
    if (line !== null && current?.line !== line) this.index = steps.stepForLine(line);
    else if (!always) return;
    this.index = Math.min(this.index, Math.max(0, steps.count - 1));
    this.send(steps);
  }

  private send(steps: StepIndex, request?: number): StepMessage['detail'] {
    const detail = steps.detail(this.index);
    this.deps.post({ type: 'step', seq: this.deps.seq(), detail, ...(request !== undefined ? { request } : {}) });
    return detail;
  }
}
