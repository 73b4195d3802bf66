// Which update to draw, and when: only the newest (a lower seq is ignored), one Mermaid render
// at a time, a render overtaken by a newer update is thrown away unseen, an unchanged text
// (same theme) is not redrawn, a theme switch redraws, a flow too large is refused in words.
import { MAX_SEGMENTS, MAX_TEXT_SIZE, type UpdateMessage, type WebviewMessage, type WebviewStrings } from '../preview/protocol';
import { Banner, format } from './banner';
import type { DiagramView, DrawnCounts } from './diagram';
import { renderSvg } from './engine';
import { currentThemeKind, type ThemeKind } from './theme';

export interface RendererDeps {
  view: DiagramView;
  banner: Banner;
  staging: HTMLElement;
  strings: WebviewStrings;
  post: (msg: WebviewMessage) => void;
  /** Sizes a new SVG before it is shown (the zoom). */
  fit: (svg: SVGSVGElement) => void;
  /** After a new drawing is on screen. */
  shown: (update: UpdateMessage) => void;
}

/** Lets queued `message` events run: Mermaid's render holds the thread from start to end. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

interface Pending {
  msg: UpdateMessage;
  at: number;
}

export class Renderer {
  private newest: Pending | undefined;
  private running = false;
  private handledSeq = -1;
  private handledKind: ThemeKind | undefined;
  /** What is on screen: the text and theme it was drawn from. */
  private drawn: { text: string; kind: ThemeKind } | undefined;

  constructor(private readonly d: RendererDeps) {}

  /** The Mermaid text of the diagram on screen (exports redraw from it). */
  get mermaidText(): string | undefined {
    return this.drawn?.text;
  }

  accept(msg: UpdateMessage): void {
    if (this.newest && msg.seq <= this.newest.msg.seq) return; // stale: a newer edit is already here
    this.newest = { msg, at: performance.now() };
    void this.pump();
  }

  /** Called when the theme changed: the loop sees the new kind and redraws. */
  themeChanged(): void {
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return; // the running loop picks up the newest update when its render ends
    this.running = true;
    try {
      for (;;) {
        const u = this.newest;
        const kind = currentThemeKind();
        if (!u || (u.msg.seq === this.handledSeq && kind === this.handledKind)) break;
        await yieldToEvents();
        if (this.newest !== u) continue; // a burst of edits: only the last one is drawn
        await this.draw(u, kind);
        if (this.newest === u) {
          this.handledSeq = u.msg.seq;
          this.handledKind = kind;
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async draw(u: Pending, kind: ThemeKind): Promise<void> {
    const { msg } = u;
    const { view, banner, strings } = this.d;
    banner.setErrors(msg.errors?.text);
    const segments = msg.messageLines.length;
    if (segments > MAX_SEGMENTS || msg.mermaidText.length > MAX_TEXT_SIZE) {
      view.clear();
      this.drawn = undefined;
      const text = format(strings.tooLarge, segments, MAX_SEGMENTS);
      banner.setNotice(text);
      this.d.post({ type: 'renderFailed', seq: msg.seq, reason: 'tooLarge', message: text });
      return;
    }
    if (this.drawn && this.drawn.text === msg.mermaidText && this.drawn.kind === kind) {
      banner.setNotice(undefined);
      this.rendered(u, view.relabel(msg.messageLines), { unchanged: true });
      return;
    }
    const started = performance.now();
    try {
      const svg = await renderSvg(msg.mermaidText, kind, this.d.staging);
      const mermaidMs = Math.round(performance.now() - started);
      await yieldToEvents(); // updates that arrived while Mermaid held the thread are read now
      if (this.newest !== u) return; // overtaken by a newer edit while Mermaid worked: dropped
      const counts = view.show(svg, msg.messageLines, msg.errorLines, this.d.fit);
      this.drawn = { text: msg.mermaidText, kind };
      banner.setNotice(undefined);
      this.d.shown(msg);
      this.rendered(u, counts, { mermaidMs });
    } catch (err) {
      if (this.newest !== u) return;
      // The last good diagram stays; the banner says why this one is not drawn.
      const text = format(strings.renderError, err instanceof Error ? err.message : String(err));
      banner.setNotice(text);
      this.drawn = undefined;
      this.d.post({ type: 'renderFailed', seq: msg.seq, reason: 'error', message: text });
    }
  }

  private rendered(u: Pending, counts: DrawnCounts, extra: { unchanged?: true; mermaidMs?: number }): void {
    const ms = Math.round(performance.now() - u.at);
    this.d.post({ type: 'rendered', seq: u.msg.seq, ...counts, ms, ...extra });
  }
}
