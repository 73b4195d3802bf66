// The diagram on screen: the flow's slices stacked in the scrolling viewport (slots.ts), drawn
// only near the view. Ties every arrow to its source line (click or Enter → `onArrow`), marks the
// arrows and notes with errors, highlights the cursor's arrow or step mode's, scrolling it into
// view (drawing its slice first). Arrows carry `data-tf-index`, their index in the whole flow (the
// n-th arrow of the source, the n-th send of the trace), and can be reached by Tab.
// While slices change height (an estimate replaced by the drawing, slices cut anew), the slice at
// the top of the view stays where it is on screen.
import type { SliceDrawing } from './sliceSvg';
import { DrawingCache, HeightEstimate, Slot, type ArrowFocus, type SliceModel } from './slots';
import { lastAtMost, Stack } from './stack';
import type { ThemeKind } from './theme';

export type { SliceModel } from './slots';

export interface DrawnCounts {
  arrows: number;
  notes: number;
  crosses: number;
}

/** Drawings within this many screens of the view stay on the page; the next screen is drawn ahead. */
const KEEP_SCREENS = 3;
const AHEAD_SCREENS = 1;
/** Drawings kept off the page (a few screens' worth each way). */
const CACHED = 64;

export const drawingKey = (kind: ThemeKind, text: string): string => `${kind}\n${text}`;

export class DiagramView {
  private readonly stack: Stack;
  private readonly slotOf = new WeakMap<Element, Slot>();
  /** The source line of every arrow of the flow, in drawing order. */
  private lines: number[] = [];
  private readonly focus: ArrowFocus = { line: null, step: null, name: (line, text) => `${line + 1}: ${text}` };
  private width: number | undefined;
  private readonly cache = new DrawingCache(CACHED);
  private readonly estimate = new HeightEstimate();
  private reveal: { key: string; local: number } | undefined;
  /** Called when the drawings' natural width changed (the zoom refits). */
  onWidth: () => void = () => undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly viewport: HTMLElement,
    /** An arrow was clicked, or Enter or Space pressed on it: its source line and its index. */
    private readonly onArrow: (line: number, index: number) => void,
  ) {
    this.stack = new Stack(container, viewport);
    const open = (e: Event): boolean => {
      const hit = (e.target as Element | null)?.closest?.('[data-tf-index]');
      const slot = hit && this.slotOf.get(hit.closest('.tf-slice') ?? hit);
      if (!hit || !slot) return false;
      const index = Number(hit.getAttribute('data-tf-index'));
      const line = slot.drawnLines[index - slot.offset];
      if (line !== undefined) this.onArrow(line, index);
      return line !== undefined;
    };
    container.addEventListener('click', open);
    container.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && open(e)) e.preventDefault();
    });
  }

  /** How arrows are named for screen readers (`Line 5: SYN seq=100`). */
  set arrowName(name: ArrowFocus['name']) {
    this.focus.name = name;
  }

  get naturalWidth(): number | undefined {
    return this.width;
  }

  get sliceCount(): number {
    return this.slots.length;
  }

  private get slots(): Slot[] {
    return this.stack.slots;
  }

  /** The slices of a new update, in place; true when every one is already drawn as it is. */
  setSlices(models: SliceModel[], kind: ThemeKind): boolean {
    const keys = models.map((m) => drawingKey(kind, m.text));
    const unchanged = keys.length === this.slots.length && this.slots.every((s, i) => s.key === keys[i] && s.fresh);
    this.stack.anchored(() => this.reconcile(models, keys));
    this.lines = models.flatMap((m) => m.arrowLines);
    for (const s of this.slots) if (s.drawing) s.mark(this.focus);
    return unchanged;
  }

  private reconcile(models: SliceModel[], keys: string[]): void {
    const old = this.slots;
    const byKey = new Map<string, Slot[]>();
    for (const s of old) {
      const same = byKey.get(s.key);
      if (same) same.push(s);
      else byKey.set(s.key, [s]);
    }
    const next: (Slot | undefined)[] = keys.map((k) => byKey.get(k)?.shift());
    const used = new Set(next);
    next.forEach((s, i) => {
      if (s) return;
      const same = old[i];
      if (same && !used.has(same)) {
        used.add(same);
        next[i] = same; // shows its old drawing until the new one is drawn
        same.height = same.drawing ? same.height : this.estimate.of(models[i]);
      } else next[i] = new Slot(models[i], keys[i]);
      next[i]!.key = keys[i];
    });
    for (const s of old) {
      if (used.has(s)) continue;
      this.stash(s);
      s.el.remove();
    }
    let node = this.container.firstChild;
    let offset = 0;
    this.stack.slots = next.map((s, i) => {
      const slot = s!;
      slot.model = models[i];
      if (slot.drawnKey === slot.key) [slot.drawnLines, slot.drawnMarks] = [models[i].arrowLines, models[i].marks];
      if (!slot.drawing) slot.height = this.cache.peek(slot.key)?.height ?? this.estimate.of(models[i]);
      slot.offset = offset;
      offset += models[i].arrowLines.length;
      slot.place(i);
      slot.number();
      slot.size(this.stack.zoom);
      this.slotOf.set(slot.el, slot);
      if (node === slot.el) node = node.nextSibling;
      else this.container.insertBefore(slot.el, node);
      return slot;
    });
  }

  /** Takes a slot's drawing off the page into the cache. */
  private stash(s: Slot): void {
    const key = s.drawnKey;
    const d = s.hide();
    if (d && key) this.cache.put(key, d);
  }

  /** The next slice to draw: undrawn ones in view first (top down), then the nearest around it. */
  nextToDraw(): SliceModel & { key: string } | undefined {
    const [first, last] = this.stack.around(0);
    const [before, after] = this.stack.around(AHEAD_SCREENS);
    const order: number[] = [];
    for (let i = first; i <= last; i++) order.push(i);
    for (let d = 1; last + d <= after || first - d >= before; d++) {
      if (last + d <= after) order.push(last + d);
      if (first - d >= before) order.push(first - d);
    }
    for (const i of order) {
      const s = this.slots[i];
      if (!s?.wanted) continue;
      const cached = this.cache.take(s.key);
      if (cached) this.place(s.key, cached);
      else return { ...s.model, key: s.key };
    }
    return undefined;
  }

  /** Whether every slice in view shows its current text (or failed to). */
  viewDrawn(): boolean {
    const [first, last] = this.stack.around(0);
    for (let i = first; i <= last; i++) if (this.slots[i]?.wanted) return false;
    return true;
  }

  /** A drawing for `key` is ready: shown in the slot(s) wanting it, or cached. */
  place(key: string, drawing: SliceDrawing): void {
    const slot = this.slots.find((s) => s.key === key && !s.fresh);
    if (!slot) {
      this.cache.put(key, drawing);
      return;
    }
    this.stack.anchored(() => {
      const old = slot.drawnKey;
      const stale = slot.hide();
      if (stale && old && old !== key) this.cache.put(old, stale);
      slot.show(drawing, key, slot.model);
      slot.size(this.stack.zoom);
      slot.mark(this.focus);
      this.estimate.learn(slot.model, drawing);
    });
    if (this.width !== drawing.width) {
      this.width = drawing.width;
      this.onWidth();
    }
    if (this.reveal?.key === key) {
      const a = drawing.arrows[this.reveal.local];
      this.reveal = undefined;
      for (const el of a ? [a.arrow, ...a.texts] : []) el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  /** Mermaid could not draw `key`: the slot keeps what it showed and is not tried again. */
  fail(key: string): void {
    for (const s of this.slots) {
      if (s.key !== key) continue;
      s.failedKey = key;
      s.number();
    }
  }

  /** Drawings far from the view leave the page (into the cache). */
  sweep(): void {
    const [first, last] = this.stack.around(KEEP_SCREENS);
    this.slots.forEach((s, i) => {
      if (s.drawing && (i < first || i > last)) this.stash(s);
    });
  }

  setZoom(zoom: number): void {
    if (zoom === this.stack.zoom) return;
    this.stack.anchored(() => {
      this.stack.zoom = zoom;
      for (const s of this.slots) s.size(zoom);
    });
  }

  /** Highlights the arrow(s) drawn for `line`; scrolls the first into view when asked (drawing it first). */
  highlight(line: number | null, scroll = true): void {
    this.focus.line = line;
    for (const s of this.slots) if (s.drawing) s.mark(this.focus);
    if (scroll && line !== null) this.scrollToArrow(this.lines.indexOf(line));
  }

  /** Step mode's arrow (its index in the flow; null: none), scrolled into view (drawing its slice first). */
  showStep(index: number | null): void {
    this.focus.step = index;
    for (const s of this.slots) if (s.drawing) s.mark(this.focus);
    if (index !== null) this.scrollToArrow(index);
  }

  private scrollToArrow(g: number): void {
    if (g < 0 || g >= this.lines.length) return;
    const k = lastAtMost(this.slots.length, (i) => this.slots[i].offset, g);
    const slot = this.slots[k];
    const local = g - slot.offset;
    const drawn = slot.arrowAt(local);
    if (drawn) {
      // The line first, then its text above it: both end up in view.
      for (const el of drawn) el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      return;
    }
    // Not drawn yet: bring its estimated place into view; it is drawn, then scrolled to exactly.
    this.reveal = { key: slot.key, local };
    const y = this.stack.scrollFor(this.stack.topOf(k) + ((local + 0.5) / Math.max(1, slot.model.arrowLines.length)) * slot.height * this.stack.zoom);
    const v = this.viewport;
    if (y < v.scrollTop || y > v.scrollTop + v.clientHeight) v.scrollTop = y - v.clientHeight / 2;
  }

  /** What the drawings on the page hold (slices drawn for their current text). */
  counts(): DrawnCounts & { drawn: number } {
    const c = { arrows: 0, notes: 0, crosses: 0, drawn: 0 };
    for (const s of this.slots) {
      if (!s.fresh || !s.drawing) continue;
      c.drawn++;
      c.arrows += s.drawing.arrows.length;
      c.notes += s.drawing.noteGroups.length;
      c.crosses += s.drawing.arrows.filter((a) => a.lost).length;
    }
    return c;
  }

  /** Each slice's model and, when at hand, its drawing for `kind` (exports use them). */
  drawings(kind: ThemeKind): { model: SliceModel; drawing?: SliceDrawing }[] {
    return this.slots.map((s) => {
      const key = drawingKey(kind, s.model.text);
      const drawing = s.drawnKey === key ? s.drawing : this.cache.peek(key);
      return { model: s.model, drawing };
    });
  }
}
