// The bench's baseline: plain Mermaid, as a page would use it (render the whole text, put the SVG
// in the page), with the preview's configuration and the same bundled Mermaid. Built by
// preview.bench.ts into out/bench/plain-mermaid.js; it never ships.
import mermaid from 'mermaid';
import { mermaidConfig } from '../../client/src/webview/engine';

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

(window as unknown as { plainMermaid: unknown }).plainMermaid = { show };
(window as unknown as { __ready: number }).__ready = performance.now();
