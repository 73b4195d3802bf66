// The diagram on screen: swaps in a newly drawn SVG in one step (no flicker), ties every arrow to
// its source line (click → reveal), marks arrows on lines with errors, highlights the cursor's one.
import { findArrows, countNotes, hitTarget, naturalSize, parseSvg, type DrawnArrow } from './svgDom';

export interface DrawnCounts {
  arrows: number;
  notes: number;
  crosses: number;
}

export class DiagramView {
  private svg: SVGSVGElement | undefined;
  private arrows: DrawnArrow[] = [];
  private messageLines: number[] = [];
  private activeLine: number | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly onReveal: (line: number) => void,
  ) {
    container.addEventListener('click', (e) => {
      const hit = (e.target as Element | null)?.closest?.('[data-tf-index]');
      if (!hit) return;
      const line = this.messageLines[Number(hit.getAttribute('data-tf-index'))];
      if (line !== undefined) this.onReveal(line);
    });
  }

  get current(): SVGSVGElement | undefined {
    return this.svg;
  }

  get size(): { width: number; height: number } | undefined {
    return this.svg ? naturalSize(this.svg) : undefined;
  }

  /** Replaces the drawing; `fit` sizes the new SVG before it enters the page, so nothing jumps. */
  show(svgText: string, messageLines: number[], errorLines: number[], fit: (svg: SVGSVGElement) => void): DrawnCounts {
    const svg = parseSvg(svgText);
    const arrows = findArrows(svg);
    const errors = new Set(errorLines);
    arrows.forEach((a, i) => {
      const hit = hitTarget(a.arrow);
      if (hit) a.arrow.after(hit);
      const error = errors.has(messageLines[i]);
      for (const el of [a.arrow, ...a.texts]) {
        el.setAttribute('data-tf-index', String(i));
        if (error) el.classList.add('tf-error');
      }
      hit?.setAttribute('data-tf-index', String(i));
    });
    svg.classList.add('tf-diagram');
    fit(svg);
    this.container.replaceChildren(svg);
    this.svg = svg;
    this.arrows = arrows;
    this.messageLines = messageLines;
    this.highlight(this.activeLine, false);
    return this.counts();
  }

  /** Same drawing, new line numbers (e.g. a blank line inserted above). */
  relabel(messageLines: number[]): DrawnCounts {
    this.messageLines = messageLines;
    this.highlight(this.activeLine, false);
    return this.counts();
  }

  clear(): void {
    this.container.replaceChildren();
    this.svg = undefined;
    this.arrows = [];
  }

  counts(): DrawnCounts {
    return {
      arrows: this.arrows.length,
      notes: this.svg ? countNotes(this.svg) : 0,
      crosses: this.arrows.filter((a) => a.lost).length,
    };
  }

  /** Highlights the arrow(s) drawn for `line`; scrolls one into view when asked. */
  highlight(line: number | null, scroll = true): void {
    this.activeLine = line;
    for (const el of this.container.querySelectorAll('.tf-active')) el.classList.remove('tf-active');
    if (line === null) return;
    let first: SVGElement | undefined;
    this.messageLines.forEach((l, i) => {
      const a = this.arrows[i];
      if (l !== line || !a) return;
      for (const el of [a.arrow, ...a.texts]) el.classList.add('tf-active');
      first ??= a.texts[0] ?? a.arrow;
    });
    if (scroll && first) first.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}
