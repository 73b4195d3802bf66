// The bench's baseline: plain Mermaid, as a page would use it (render the whole text, put the SVG
// in the page), with the preview's configuration and the same bundled Mermaid. Built by
// `node scripts/webview.build.mjs --bench` into out/bench/plain-mermaid.js; it never ships.
// Like the preview, it is ready once its script has run; a text set before (`__autoText`) is then
// drawn at once, and the frame that shows it is marked `__painted`.
import mermaid from 'mermaid';
import { mermaidConfig } from '../../client/src/webview/engine';

interface PlainWindow {
  plainMermaid: { show(text: string): Promise<number> };
  __autoText?: string;
  __ready: number;
  __painted?: number;
}
const w = window as unknown as PlainWindow;

mermaid.initialize(mermaidConfig('light', 100_000_000));
let renders = 0;

/** Renders `text` and shows it in #out; resolves with Mermaid's own time in ms. */
async function show(text: string): Promise<number> {
  const t0 = performance.now();
  const { svg } = await mermaid.render(`plain-${++renders}`, text, document.getElementById('staging') ?? undefined);
  const ms = performance.now() - t0;
  document.getElementById('out')!.innerHTML = svg;
  return ms;
}

w.plainMermaid = { show };
w.__ready = performance.now();
const auto = w.__autoText;
if (auto !== undefined) {
  setTimeout(() => void show(auto).then(() => requestAnimationFrame(() => setTimeout(() => (w.__painted = performance.now()), 0))), 0);
}
