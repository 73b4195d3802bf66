// Which slices to draw, and when. The newest update (a lower seq is ignored; a burst of edits is
// read as its last one) puts its slices in the view; the slices in view are drawn first, one
// Mermaid render at a time, then a screen around them, then, as the user scrolls, more. A slice
// whose text is unchanged keeps its drawing: a keystroke redraws only the slices it changed. Once
// the view shows the update, `rendered` is posted (with how many renders it took). A theme switch
// is an update of every slice, drawn the same way.
import { sliceMermaidText, widthFixerRows } from '../../../server/src/core/render/mermaidSlices';
import type { DiagramUpdate, WebviewMessage, WebviewStrings } from '../preview/protocol';
import { Banner, format } from './banner';
import type { ColumnWidths } from './columns';
import type { DiagramView, SliceModel } from './diagram';
import { renderSvg } from './engine';
import { cutSlice } from './sliceSvg';
import { parseSvg } from './svgDom';
import { currentThemeKind, type ThemeKind } from './theme';

export interface RendererDeps {
  view: DiagramView;
  columns: ColumnWidths;
  banner: Banner;
  staging: HTMLElement;
  strings: WebviewStrings;
  post: (msg: WebviewMessage) => void;
  /** An update is in the view (before anything of it is drawn), and after each drawing until it is shown. */
  shown: (update: DiagramUpdate, settled: boolean) => void;
  /** Reports whether drawing is under way (`#diagram[data-busy]`, and the number of renders so far). */
  busy: (busy: boolean, renders: number) => void;
}

/** Lets queued events run: Mermaid's render holds the thread from start to end. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Lets the page paint what was just put in it (or, where frames do not come, a moment pass). */
const yieldToPaint = (): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    });
  });

interface Pending {
  msg: DiagramUpdate;
  at: number;
}

export class Renderer {
  private newest: Pending | undefined;
  private current: { pending: Pending; kind: ThemeKind } | undefined;
  private reported = false;
  private unchanged = false;
  private renders = 0;
  private mermaidMs = 0;
  private failure: string | undefined;
  private totalRenders = 0;
  private running = false;
  private again = false;

  constructor(private readonly d: RendererDeps) {}

  accept(msg: DiagramUpdate): void {
    if (this.newest && msg.seq <= this.newest.msg.seq) return; // stale: a newer edit is already here
    this.newest = { msg, at: performance.now() };
    this.wake();
  }

  /** Something changed what is in view (scroll, zoom, size, theme): draw what it now needs. */
  wake(): void {
    if (this.running) this.again = true;
    else void this.pump();
  }

  private async pump(): Promise<void> {
    this.running = true;
    this.d.busy(true, this.totalRenders);
    try {
      for (;;) {
        this.again = false;
        await yieldToEvents(); // updates that arrived meanwhile are read now: only the newest is drawn
        const kind = currentThemeKind();
        const u = this.newest;
        if (u && (this.current?.pending !== u || this.current.kind !== kind)) this.apply(u, kind);
        this.d.view.sweep();
        if (this.report()) await yieldToPaint(); // the view is complete: painted before anything is drawn ahead
        const next = this.d.view.nextToDraw();
        if (!next && !this.again) break;
        if (next) await this.draw(next, kind);
        if (this.newest === u && this.report()) await yieldToPaint(); // no newer update came meanwhile: report at once
      }
    } finally {
      this.running = false;
      this.d.busy(false, this.totalRenders);
    }
  }

  private apply(u: Pending, kind: ThemeKind): void {
    const d = u.msg.diagram;
    const fixers = this.d.columns.fixers(d);
    const rows = widthFixerRows(d);
    const last = d.slices.length - 1;
    const models: SliceModel[] = d.slices.map((s, i) => ({
      text: sliceMermaidText(d, i, fixers),
      arrowLines: s.arrowLines,
      marks: { arrows: new Set(s.errorArrows), notes: new Set(s.errorNotes) },
      rows: s.rows,
      shape: { first: i === 0, last: i === last, fixers: rows },
    }));
    this.unchanged = this.d.view.setSlices(models, kind);
    this.current = { pending: u, kind };
    this.reported = false;
    this.renders = 0;
    this.mermaidMs = 0;
    this.failure = undefined;
    this.d.banner.setErrors(u.msg.errors?.text);
    this.d.shown(u.msg, false);
  }

  /** Posts `rendered` (or `renderFailed`) once the view shows the current update; true when it did now. */
  private report(): boolean {
    const c = this.current;
    if (!c || this.reported) return false;
    const seq = c.pending.msg.seq;
    if (this.failure !== undefined) {
      this.reported = true;
      this.d.post({ type: 'renderFailed', seq, reason: 'error', message: this.failure });
      return true;
    }
    if (!this.d.view.viewDrawn()) return false;
    this.reported = true;
    this.d.banner.setNotice(undefined);
    this.d.shown(c.pending.msg, true);
    const { drawn, ...counts } = this.d.view.counts();
    const ms = Math.round(performance.now() - c.pending.at);
    const extra = this.unchanged ? { unchanged: true } : {};
    const view = { slices: this.d.view.sliceCount, drawn, renders: this.renders };
    this.d.post({ type: 'rendered', seq, ...counts, ms, mermaidMs: Math.round(this.mermaidMs), ...view, ...extra });
    return true;
  }

  private async draw(next: SliceModel & { key: string }, kind: ThemeKind): Promise<void> {
    const started = performance.now();
    try {
      const svg = await renderSvg(next.text, kind, this.d.staging);
      this.mermaidMs += performance.now() - started;
      this.renders++;
      this.d.busy(true, ++this.totalRenders);
      this.d.view.place(next.key, cutSlice(parseSvg(svg), next.shape));
      if (!this.reported && this.current) this.d.shown(this.current.pending.msg, false);
    } catch (err) {
      // The slice keeps what it showed; the banner says why it is not drawn anew.
      this.d.view.fail(next.key);
      this.failure = format(this.d.strings.renderError, err instanceof Error ? err.message : String(err));
      this.d.banner.setNotice(this.failure);
    }
  }
}
