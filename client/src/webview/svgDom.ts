// Mermaid's SVG string turned into DOM without ever handing markup to innerHTML of the live page:
// parsed in an inert document (scripts there never run), then stripped of anything active.
const SVG_NS = 'http://www.w3.org/2000/svg';

/** The <svg> element of Mermaid's output, adopted into this document, inert. */
export function parseSvg(svgText: string): SVGSVGElement {
  const doc = new DOMParser().parseFromString(svgText, 'text/html');
  const svg = doc.body.querySelector('svg');
  if (!svg) throw new Error('Mermaid returned no <svg>');
  disarm(svg);
  return document.adoptNode(svg) as SVGSVGElement;
}

/**
 * Mermaid already sanitizes in strict mode and the CSP blocks inline script anyway; this is the
 * third wall: no script, no foreign HTML, no event handler, no javascript: link survives.
 */
function disarm(root: Element): void {
  for (const el of root.querySelectorAll('script, foreignObject, iframe, object, embed')) el.remove();
  const all = [root, ...root.querySelectorAll('*')];
  for (const el of all) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim().toLowerCase();
      if (name.startsWith('on') || ((name === 'href' || name === 'xlink:href') && !value.startsWith('#'))) {
        el.removeAttribute(attr.name);
      }
    }
  }
}

/** The drawing's box in SVG units, from its viewBox. */
export function naturalBox(svg: SVGSVGElement): { x: number; y: number; width: number; height: number } {
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (box.length === 4 && box.every(Number.isFinite)) return { x: box[0], y: box[1], width: box[2], height: box[3] };
  return { x: 0, y: 0, width: Number(svg.getAttribute('width')) || 800, height: Number(svg.getAttribute('height')) || 600 };
}

/** Width and height of the drawing in SVG units, from its viewBox. */
export function naturalSize(svg: SVGSVGElement): { width: number; height: number } {
  const { width, height } = naturalBox(svg);
  return { width, height };
}

/** A drawn message: its arrow (line or path) and the text(s) above it. */
export interface DrawnArrow {
  arrow: SVGElement;
  texts: SVGElement[];
  lost: boolean;
  /** The wide transparent line laid over a straight arrow (added once it is on the page). */
  hit?: SVGElement;
}

/** Mermaid draws each message as its text(s) followed by its arrow, in message order. */
export function findArrows(svg: SVGSVGElement): DrawnArrow[] {
  const out: DrawnArrow[] = [];
  let texts: SVGElement[] = [];
  for (const el of svg.querySelectorAll<SVGElement>('text.messageText, [data-et="message"]')) {
    if (el.classList.contains('messageText')) {
      texts.push(el);
      continue;
    }
    const lost = (el.getAttribute('marker-end') ?? '').includes('crosshead');
    out.push({ arrow: el, texts, lost });
    texts = [];
  }
  return out;
}

/** The notes' groups (box and text), in the order of the Mermaid text's `Note` lines. */
export function noteGroups(svg: SVGSVGElement): SVGGElement[] {
  return [...svg.querySelectorAll<SVGGElement>('g[data-et="note"]')];
}

/** A wide transparent copy of an arrow's line, so a click need not hit a 2-pixel stroke. */
export function hitTarget(arrow: SVGElement): SVGElement | undefined {
  if (arrow.tagName.toLowerCase() !== 'line') return undefined;
  const hit = document.createElementNS(SVG_NS, 'line');
  for (const a of ['x1', 'y1', 'x2', 'y2']) hit.setAttribute(a, arrow.getAttribute(a) ?? '0');
  hit.setAttribute('class', 'tf-hit');
  return hit;
}
