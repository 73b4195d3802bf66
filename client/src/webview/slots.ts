// The preview's slices on the page: one <div> per slice, stacked, each as tall as its drawing (or,
// until drawn, as an estimate from its rows), holding the drawing only while it is near the view.
// Drawings are kept by what they were drawn from (theme and Mermaid text): an unchanged slice keeps
// its drawing, one that scrolled away leaves it in a small cache, and a changed slice shows its
// old drawing until the new one is ready (no flicker).
import type { SliceDrawing, SliceShape } from './sliceSvg';
import { hitTarget } from './svgDom';

/** What the diagram shows in one slice: the text Mermaid draws, its arrows' source lines, its error marks. */
export interface SliceModel {
  text: string;
  arrowLines: number[];
  /** Its arrows and notes marked `⚠`, by index among its own. */
  marks: SliceMarks;
  rows: number;
  shape: SliceShape;
}

export interface SliceMarks {
  arrows: ReadonlySet<number>;
  notes: ReadonlySet<number>;
}

/** What the arrows show: the cursor's line, the step's arrow (global index), how an arrow is named. */
export interface ArrowFocus {
  line: number | null;
  step: number | null;
  /** An arrow's accessible name, from its source line and its text. */
  name: (line: number, text: string) => string;
}

export type SlotState = 'empty' | 'stale' | 'drawn' | 'failed';

export class Slot {
  readonly el: HTMLDivElement;
  /** The drawing shown (it may be of an older text: `drawnKey` then differs from `key`). */
  drawing: SliceDrawing | undefined;
  drawnKey: string | undefined;
  /** The arrows' source lines and error marks of the text the drawing was made from. */
  drawnLines: number[] = [];
  drawnMarks: SliceMarks | undefined;
  failedKey: string | undefined;
  /** Height in SVG units: the drawing's, the last known one for this key, or an estimate. */
  height = 0;
  /** The global index of its first arrow. */
  offset = 0;
  /** What is written in the page already (unchanged values are not written again: each write costs a layout). */
  private written = { index: -1, state: '', offset: -1, drawing: undefined as SliceDrawing | undefined, px: -1 };

  constructor(
    public model: SliceModel,
    public key: string,
  ) {
    this.el = document.createElement('div');
    this.el.className = 'tf-slice';
  }

  get fresh(): boolean {
    return this.drawing !== undefined && this.drawnKey === this.key;
  }

  get wanted(): boolean {
    return !this.fresh && this.failedKey !== this.key;
  }

  get state(): SlotState {
    if (this.failedKey === this.key) return 'failed';
    if (!this.drawing) return 'empty';
    return this.fresh ? 'drawn' : 'stale';
  }

  /** Shows `drawing` at `zoom` (SVG units → CSS px), its arrows numbered from `offset`. */
  show(drawing: SliceDrawing, key: string, model: SliceModel): void {
    prepare(drawing);
    this.drawing = drawing;
    this.drawnKey = key;
    this.drawnLines = model.arrowLines;
    this.drawnMarks = model.marks;
    this.height = drawing.height;
    this.el.replaceChildren(...(drawing.footer ? [drawing.svg, drawing.footer] : [drawing.svg]));
    this.number();
  }

  /** Takes the drawing off the page (it goes to the cache); the slot keeps its height. */
  hide(): SliceDrawing | undefined {
    const d = this.drawing;
    this.drawing = undefined;
    this.drawnKey = undefined;
    this.el.replaceChildren();
    this.number();
    return d;
  }

  /** Its place in the stack (`data-slice`). */
  place(index: number): void {
    if (this.written.index === index) return;
    this.written.index = index;
    this.el.dataset.slice = String(index);
  }

  /** Numbers the shown arrows from the slot's offset (`data-tf-index`, the global arrow index). */
  number(): void {
    const w = this.written;
    if (this.drawing && (w.drawing !== this.drawing || w.offset !== this.offset)) {
      this.drawing.arrows.forEach((a, i) => {
        const index = String(this.offset + i);
        for (const el of [a.arrow, a.hit, ...a.texts]) el?.setAttribute('data-tf-index', index);
      });
      [w.drawing, w.offset] = [this.drawing, this.offset];
    }
    const state = this.state;
    if (w.state !== state) this.el.dataset.state = w.state = state;
  }

  /**
   * Marks the arrows and notes with errors, the cursor's arrows (`tf-active`) and the step's arrow
   * (`tf-step`), and names each arrow for screen readers (reachable by Tab, opened by Enter).
   */
  mark(focus: ArrowFocus): void {
    const marks = this.drawnMarks;
    this.drawing?.arrows.forEach((a, i) => {
      const line = this.drawnLines[i];
      const step = this.offset + i === focus.step;
      for (const el of [a.arrow, ...a.texts]) {
        el.classList.toggle('tf-error', marks?.arrows.has(i) ?? false);
        el.classList.toggle('tf-active', line === focus.line);
        el.classList.toggle('tf-step', step);
      }
      const target = a.texts[0] ?? a.arrow;
      if (line !== undefined && target.dataset.tfLine !== String(line)) {
        // Written once per drawing and line (each attribute write costs a style recalculation).
        target.dataset.tfLine = String(line);
        target.setAttribute('tabindex', '0');
        target.setAttribute('role', 'button');
        target.setAttribute('aria-label', focus.name(line, a.texts.map((t) => t.textContent ?? '').join(' ')));
      }
      if (step) target.setAttribute('aria-current', 'step');
      else target.removeAttribute('aria-current');
    });
    this.drawing?.noteGroups.forEach((g, i) => g.classList.toggle('tf-error', marks?.notes.has(i) ?? false));
  }

  /** The slot's arrow `local` (its line, then its text), if drawn for its current text. */
  arrowAt(local: number): SVGElement[] | undefined {
    const a = this.fresh ? this.drawing?.arrows[local] : undefined;
    return a && [a.arrow, ...a.texts];
  }

  /** Sizes the slot and its drawing for `zoom`. */
  size(zoom: number): void {
    const px = this.height * zoom;
    if (this.written.px !== px) this.el.style.height = `${(this.written.px = px)}px`;
    const d = this.drawing;
    if (!d || d.zoom === zoom) return;
    d.zoom = zoom;
    [d.svg, d.footer].forEach((svg, i) => {
      if (!svg) return;
      svg.setAttribute('width', String(d.width * zoom));
      svg.setAttribute('height', String(d.bands[i].height * zoom));
    });
  }
}

/** Adds the wide hit lines once per drawing (a drawing may come back from the cache). */
function prepare(d: SliceDrawing): void {
  for (const a of d.arrows) {
    if (a.hit) continue;
    a.hit = hitTarget(a.arrow);
    if (a.hit) a.arrow.after(a.hit);
  }
}

/** Drawings off the page, by key, the least recently used dropped first. */
export class DrawingCache {
  private readonly map = new Map<string, SliceDrawing>();

  constructor(private readonly capacity: number) {}

  put(key: string, d: SliceDrawing): void {
    this.map.delete(key);
    this.map.set(key, d);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  take(key: string): SliceDrawing | undefined {
    const d = this.map.get(key);
    this.map.delete(key);
    return d;
  }

  peek(key: string): SliceDrawing | undefined {
    return this.map.get(key);
  }

  clear(): void {
    this.map.clear();
  }
}

/** Estimated heights of slices not drawn yet, learnt from the ones drawn. */
export class HeightEstimate {
  private row = 46;
  private head = 110;
  private foot = 85;

  of(m: SliceModel): number {
    return m.rows * this.row + (m.shape.first ? this.head : 0) + (m.shape.last ? this.foot : 0);
  }

  learn(m: SliceModel, d: SliceDrawing): void {
    if (m.shape.fixers.notes === 0) return; // drawn whole: no cut tells where its rows begin
    if (m.rows >= 4) this.row = (this.row + d.rowsHeight / m.rows) / 2;
    if (m.shape.first) this.head = d.bands[0].height - d.rowsHeight;
    if (m.shape.last) this.foot = d.bands[d.bands.length - 1].height;
  }
}
