// Export of the drawn diagram: standalone SVG text, or a PNG drawn from it on a canvas at the
// asked scale over the asked background. A white background redraws in the light theme, so
// dark-theme lines never end up light grey on white.
import type { ExportRequest } from '../preview/protocol';
import { renderSvg } from './engine';
import { naturalSize, parseSvg } from './svgDom';
import { backgroundColor, type ThemeKind } from './theme';

export interface ExportContext {
  current: SVGSVGElement | undefined;
  mermaidText: string | undefined;
  kind: ThemeKind;
  staging: HTMLElement;
}

/** Chromium's canvas limits: 32,767 pixels a side, 268 million pixels in all. */
const MAX_SIDE = 32_767;
const MAX_AREA = 268_000_000;

/** SVG text, or PNG bytes as base64. */
export async function exportDiagram(req: ExportRequest, ctx: ExportContext): Promise<string> {
  if (!ctx.current || ctx.mermaidText === undefined) throw new Error('nothing is drawn yet');
  const white = req.background === 'white';
  const light = ctx.kind === 'light' || ctx.kind === 'highContrastLight';
  const svg = white && !light ? parseSvg(await renderSvg(ctx.mermaidText, 'light', ctx.staging)) : standalone(ctx.current);
  const background = white ? '#ffffff' : backgroundColor(ctx.kind);
  const { width, height } = naturalSize(svg);
  svg.setAttribute('width', String(Math.ceil(width)));
  svg.setAttribute('height', String(Math.ceil(height)));
  svg.removeAttribute('style');
  svg.style.backgroundColor = background;
  const text = new XMLSerializer().serializeToString(svg);
  if (req.format === 'svg') return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
  return png(text, width, height, req.scale ?? 2, background);
}

/** A copy of the preview's SVG without the preview's own additions (hit lines, marks). */
function standalone(current: SVGSVGElement): SVGSVGElement {
  const svg = current.cloneNode(true) as SVGSVGElement;
  for (const el of svg.querySelectorAll('.tf-hit')) el.remove();
  for (const el of [svg, ...svg.querySelectorAll('[data-tf-index], .tf-active, .tf-diagram')]) {
    el.removeAttribute('data-tf-index');
    el.classList.remove('tf-active', 'tf-diagram');
  }
  return svg;
}

async function png(svgText: string, width: number, height: number, scale: number, background: string): Promise<string> {
  const s = Math.min(scale, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
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
