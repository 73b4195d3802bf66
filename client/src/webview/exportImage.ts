// Export of the whole diagram: standalone SVG text, or a PNG drawn from it on a canvas at the
// asked scale over the asked background. A flow of one slice exports Mermaid's drawing as it is;
// a longer one exports its slices laid under each other in one SVG (each a nested <svg> showing
// its band), exactly as the preview stacks them, drawing the slices not drawn yet. A white
// background redraws in the light theme, so dark-theme lines never end up light grey on white.
// A PNG is never drawn below 1 pixel per SVG unit: a diagram taller than a canvas allows at that
// scale (about 700 segments) is refused with a message that says so and points to SVG or Markdown.
import type { ExportRequest, WebviewStrings } from '../preview/protocol';
import { format } from './banner';
import type { DiagramView } from './diagram';
import { renderSvg } from './engine';
import { cutSlice, type SliceDrawing } from './sliceSvg';
import { parseSvg } from './svgDom';
import { backgroundColor, type ThemeKind } from './theme';

export interface ExportContext {
  view: DiagramView;
  kind: ThemeKind;
  staging: HTMLElement;
  strings: WebviewStrings;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Chromium's canvas limits: 32,767 pixels a side, 268 million pixels in all. */
const MAX_SIDE = 32_767;
const MAX_AREA = 268_000_000;

/** SVG text, or PNG bytes as base64. */
export async function exportDiagram(req: ExportRequest, ctx: ExportContext): Promise<string> {
  const white = req.background === 'white';
  const light = ctx.kind === 'light' || ctx.kind === 'highContrastLight';
  const kind = white && !light ? 'light' : ctx.kind;
  const drawings = await allDrawings(ctx, kind);
  const svg = drawings.length === 1 ? standalone(drawings[0].svg) : stacked(drawings);
  const background = white ? '#ffffff' : backgroundColor(ctx.kind);
  const [width, height] = [Number(svg.getAttribute('width')), Number(svg.getAttribute('height'))];
  svg.removeAttribute('style');
  svg.style.backgroundColor = background;
  const text = new XMLSerializer().serializeToString(svg);
  if (req.format === 'svg') return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
  const s = Math.min(req.scale ?? 2, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
  if (s < 1) throw new Error(format(ctx.strings.pngTooLarge, Math.round(height), MAX_SIDE));
  return png(text, width, height, s, background);
}

/** Every slice's drawing in `kind`: the ones at hand, the others drawn now (in order, one at a time). */
async function allDrawings(ctx: ExportContext, kind: ThemeKind): Promise<SliceDrawing[]> {
  const slices = ctx.view.drawings(kind);
  if (slices.length === 0) throw new Error('nothing is drawn yet');
  const out: SliceDrawing[] = [];
  for (const { model, drawing } of slices) {
    out.push(drawing ?? cutSlice(parseSvg(await renderSvg(model.text, kind, ctx.staging)), model.shape));
  }
  return out;
}

/** A drawing of one slice, whole, sized to its natural size. */
function standalone(view: SVGSVGElement): SVGSVGElement {
  const svg = clean(view);
  const box = (svg.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
  svg.setAttribute('width', String(Math.ceil(box[2])));
  svg.setAttribute('height', String(Math.ceil(box[3])));
  return svg;
}

/** The slices' bands under each other in one SVG, as the preview shows them. */
function stacked(drawings: SliceDrawing[]): SVGSVGElement {
  const width = drawings[0].width;
  const svg = document.createElementNS(SVG_NS, 'svg');
  let y = 0;
  for (const d of drawings) {
    [d.svg, d.footer].forEach((view, i) => {
      if (!view) return;
      const band = clean(view);
      band.setAttribute('x', '0');
      band.setAttribute('y', String(y));
      band.setAttribute('width', String(width));
      band.setAttribute('height', String(d.bands[i].height));
      svg.appendChild(band);
      y += d.bands[i].height;
    });
  }
  svg.setAttribute('viewBox', `0 0 ${width} ${y}`);
  svg.setAttribute('width', String(Math.ceil(width)));
  svg.setAttribute('height', String(Math.ceil(y)));
  return svg;
}

/** A copy of a drawing without the preview's own additions (hit lines, marks, sizes). */
function clean(view: SVGSVGElement): SVGSVGElement {
  const svg = view.cloneNode(true) as SVGSVGElement;
  for (const el of svg.querySelectorAll('.tf-hit')) el.remove();
  for (const el of [svg, ...svg.querySelectorAll('[data-tf-index], .tf-active, .tf-error, .tf-step, .tf-diagram, .tf-footer')]) {
    el.removeAttribute('data-tf-index');
    // An arrow's keyboard and screen-reader attributes (the drawing's own, on its root, stay).
    if (el !== svg) for (const name of ['data-tf-line', 'tabindex', 'role', 'aria-label', 'aria-current']) el.removeAttribute(name);
    el.classList.remove('tf-active', 'tf-error', 'tf-step', 'tf-diagram', 'tf-footer');
  }
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  return svg;
}

async function png(svgText: string, width: number, height: number, s: number, background: string): Promise<string> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(width * s));
  canvas.height = Math.max(1, Math.floor(height * s));
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2D canvas');
  g.fillStyle = background;
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}
