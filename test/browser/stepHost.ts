// The host's side of step mode for the browser tests: the extension's own StepMode and StepIndex
// (client/src/preview/stepMode.ts, stepDetail.ts) answering what the page posts, as the preview
// panel does; the editor is a line number (the selection the host would make, the cursor a test moves).
import type { Page } from 'playwright-core';
import { PreviewMemory } from '../../client/src/preview/payload';
import type { StepMessage, StepRequest, WebviewMessage } from '../../client/src/preview/protocol';
import { StepMode } from '../../client/src/preview/stepMode';
import { draw, updateFor, type PreviewPage, type TestUpdate } from './harness';

export class StepHost {
  readonly memory = new PreviewMemory();
  /** The lines the host selected in the "editor", in order. */
  readonly selected: number[] = [];
  /** The editor's selection: the last line selected (by the host or the test). */
  cursorLine: number | null = null;
  private read = 0;
  private seq = 0;
  private readonly outbox: StepMessage[] = [];
  readonly mode = new StepMode({
    steps: () => this.memory.steps(),
    seq: () => this.seq,
    post: (msg) => this.outbox.push(msg),
    select: (line) => {
      if (this.cursorLine === line) return false;
      this.selected.push(line);
      this.cursorLine = line;
      return true;
    },
  });

  constructor(readonly p: PreviewPage) {}

  /** Draws `text` as the host would (an update, then the step again when in step mode). */
  async update(text: string): Promise<TestUpdate> {
    const u = updateFor(text, ++this.seq, 'file:///step.tcpflow', this.memory);
    await draw(this.p, u);
    this.mode.updated(this.cursorLine);
    await this.flush();
    return u;
  }

  /** Handles what the page posted since the last call (step mode toggled, a step asked for) and sends the answers. */
  async pump(): Promise<void> {
    const posted = await this.p.posted();
    for (const m of posted.slice(this.read)) {
      if (m.type === 'stepMode') this.mode.toggle(m.on, this.cursorLine);
      if (m.type === 'stepTo') {
        this.mode.request(m);
        // The editor's selection event for it comes back to the host, as in VS Code.
        if (this.cursorLine !== null) this.mode.cursor(this.cursorLine);
      }
    }
    this.read = posted.length;
    await this.flush();
  }

  /** The user puts the editor's cursor on `line`. */
  async moveCursor(line: number): Promise<void> {
    this.cursorLine = line;
    this.mode.cursor(line);
    await this.flush();
  }

  /** Waits until the page has posted a message `pred` accepts (after those already read), then pumps. */
  async answer(pred: (m: WebviewMessage) => boolean): Promise<void> {
    await this.p.waitForPosted((m): m is StepRequest => pred(m), this.read);
    await this.pump();
  }

  private async flush(): Promise<void> {
    for (const msg of this.outbox.splice(0)) await this.p.send(msg);
  }
}

/** Waits until the step panel's label starts with `prefix` (the page has shown the step). */
export async function labelStarts(page: Page, prefix: string): Promise<string> {
  const handle = await page.waitForFunction((p) => {
    const text = document.getElementById('step-label')?.textContent ?? '';
    return text.startsWith(p) ? text : false;
  }, prefix);
  return (await handle.jsonValue()) as string;
}
