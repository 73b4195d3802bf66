// One slice's SVG as Mermaid drew it, cut to the part the preview stacks: its own rows only (the
// first slice keeps the title and top participants, the last one the bottom participants), the
// width-fixing lines removed. Mermaid's vertical layout makes the cuts exact: the rows start where
// the top participants end; the sentinel note (the first fixing line) begins BOX_MARGIN below the
// end of the rows; the bottom participants begin 2 × BOX_MARGIN below the last line above them.
// Every cut is made SEAM lower than that: the space there is empty in every drawing (the first
// row's text and box begin BOX_MARGIN down), and the last row's arrow and the participants' box
// borders stay whole on their own side of the seam.
import { BOX_MARGIN } from './engine';
import { findArrows, naturalBox, noteGroups, type DrawnArrow } from './svgDom';

export interface SliceShape {
  first: boolean;
  last: boolean;
  /** How many width-fixing lines end the slice's text (0: a single slice, drawn whole). */
  fixers: { notes: number; arrows: number };
}

/** A band of the drawing, in SVG units: what one <svg> element of the slice shows. */
export interface Band {
  top: number;
  height: number;
}

export interface SliceDrawing {
  /** The slice's rows (and the title and top participants for the first slice). */
  svg: SVGSVGElement;
  /** The last slice's bottom participants, a second view of the same drawing. */
  footer?: SVGSVGElement;
  x: number;
  width: number;
  bands: Band[];
  /** Sum of the bands' heights. */
  height: number;
  /** The drawing's rows only (without title and participants), for estimating undrawn slices. */
  rowsHeight: number;
  arrows: DrawnArrow[];
  /** The slice's own notes (the width-fixing ones removed), in the order of its text. */
  noteGroups: SVGGElement[];
  /** The zoom its <svg> elements are sized for (set by the page). */
  zoom?: number;
}

const SEAM = BOX_MARGIN / 2;

const attr = (el: Element | null | undefined, name: string): number => Number(el?.getAttribute(name) ?? NaN);

/** Cuts a freshly parsed slice drawing; a slice without fixing lines is kept whole. */
export function cutSlice(svg: SVGSVGElement, shape: SliceShape): SliceDrawing {
  const box = naturalBox(svg);
  const arrows = findArrows(svg);
  if (shape.fixers.notes === 0) {
    const band = { top: box.y, height: box.height };
    return finish(svg, undefined, box, [band], arrows, band.height);
  }
  const notes = noteGroups(svg);
  const fixerNotes = notes.slice(notes.length - shape.fixers.notes);
  const fixerArrows = arrows.splice(arrows.length - shape.fixers.arrows);
  const rowsTop = Math.max(...[...svg.querySelectorAll('rect.actor-top')].map((r) => attr(r, 'y') + attr(r, 'height')));
  const rowsEnd = attr(fixerNotes[0]?.querySelector('rect'), 'y') - BOX_MARGIN;
  for (const el of [...fixerNotes, ...fixerArrows.flatMap((a) => [a.arrow, ...a.texts])]) el.remove();
  if (!Number.isFinite(rowsTop) || !Number.isFinite(rowsEnd)) throw new Error('an unexpected slice drawing (no participants or no sentinel note)');
  const top = shape.first ? box.y : rowsTop + SEAM;
  const bands = [{ top, height: rowsEnd + SEAM - top }];
  let footer: SVGSVGElement | undefined;
  if (shape.last) {
    const bottomTop = Math.min(...[...svg.querySelectorAll('rect.actor-bottom')].map((r) => attr(r, 'y')));
    const footTop = bottomTop - 2 * BOX_MARGIN + SEAM;
    bands.push({ top: footTop, height: box.y + box.height - footTop });
    footer = footerView(svg);
  }
  return finish(svg, footer, box, bands, arrows, rowsEnd - rowsTop);
}

/** A copy of the drawing for its bottom band, with its own id (Mermaid scopes its <style> by the id). */
function footerView(svg: SVGSVGElement): SVGSVGElement {
  const footer = svg.cloneNode(true) as SVGSVGElement;
  for (const el of footer.querySelectorAll('g[data-et="note"], text.messageText, [data-et="message"]')) el.remove();
  if (svg.id) {
    footer.id = `${svg.id}-footer`;
    for (const style of footer.querySelectorAll('style')) style.textContent = (style.textContent ?? '').replaceAll(`#${svg.id}`, `#${footer.id}`);
  }
  return footer;
}

function finish(
  svg: SVGSVGElement,
  footer: SVGSVGElement | undefined,
  box: { x: number; width: number },
  bands: Band[],
  arrows: DrawnArrow[],
  rowsHeight: number,
): SliceDrawing {
  const views = footer ? [svg, footer] : [svg];
  views.forEach((view, i) => {
    view.setAttribute('viewBox', `${box.x} ${bands[i].top} ${box.width} ${bands[i].height}`);
    // Scaled to the element's width exactly: a height rounded by layout must not shift the columns.
    view.setAttribute('preserveAspectRatio', 'none');
    view.removeAttribute('style');
    view.classList.add('tf-diagram');
  });
  footer?.classList.add('tf-footer');
  const height = bands.reduce((h, b) => h + b.height, 0);
  return { svg, footer, x: box.x, width: box.width, bands, height, rowsHeight, arrows, noteGroups: noteGroups(svg) };
}
