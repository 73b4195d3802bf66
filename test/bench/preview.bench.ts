// Preview bench: keystroke → repainted diagram, in headless chromium with the real webview bundle
// and CSP, for flows of 10, 30, 100 and 500 segments. Each run types one more character into a
// label in the middle of the flow: the host builds the update (analyze + renderMermaid), the
// webview draws it (Mermaid + DOM swap) and paints. Prints medians; asserts nothing.
// Needs the bundle: `node scripts/webview.build.mjs` first. (`performance` is the global one on
// purpose: the function sent to the page must not refer to an import.)
import { payloadOf } from '../../client/src/preview/payload';
import type { RenderedMessage, UpdateMessage } from '../../client/src/preview/protocol';
import { analyze } from '../../server/src/core/analyze';
import { flowOf } from '../browser/flows';
import { draw, launchBrowser, openPreviewPage, type PreviewPage } from '../browser/harness';

const SIZES = [10, 30, 100, 500];
const RUNS = (n: number): number => (n >= 500 ? 5 : 9);

interface Row {
  segments: number;
  bytes: number;
  host: number;
  mermaid: number;
  swap: number;
  total: number;
  best: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Posts the update in the page; resolves after the frame that shows it was painted. */
function drawAndPaint(p: PreviewPage, msg: UpdateMessage): Promise<{ paint: number; mermaid: number; dom: number }> {
  return p.page.evaluate(async (m) => {
    const posted = (window as unknown as { __posted: RenderedMessage[] }).__posted;
    const from = posted.length;
    const t0 = performance.now();
    window.postMessage(m, '*');
    const r = await new Promise<RenderedMessage>((resolve) => {
      const check = (): void => {
        const found = posted.slice(from).find((x) => x.type === 'rendered' && x.seq === m.seq);
        if (found) resolve(found);
        else setTimeout(check, 0);
      };
      check();
    });
    // rAF runs just before the frame is painted; the task after it runs once it is.
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return { paint: performance.now() - t0, mermaid: r.mermaidMs ?? 0, dom: r.ms };
  }, msg);
}

async function measure(p: PreviewPage, segments: number): Promise<Row> {
  let seq = 0;
  const update = (label: string): { msg: UpdateMessage; host: number } => {
    const t0 = performance.now();
    const payload = payloadOf(analyze(flowOf(segments, label)));
    const host = performance.now() - t0;
    return { msg: { type: 'update', seq: ++seq, uri: `file:///bench-${segments}.tcpflow`, ...payload }, host };
  };
  await draw(p, update('warm-up').msg); // first render: Mermaid's one-time setup is not a keystroke
  const hosts: number[] = [];
  const mermaids: number[] = [];
  const swaps: number[] = [];
  const totals: number[] = [];
  let bytes = 0;
  let label = 'typing ';
  for (let i = 0; i < RUNS(segments); i++) {
    label += String.fromCharCode(97 + (i % 26));
    const { msg, host } = update(label);
    bytes = Buffer.byteLength(msg.mermaidText);
    const t = await drawAndPaint(p, msg);
    hosts.push(host);
    mermaids.push(t.mermaid);
    swaps.push(t.dom - t.mermaid);
    totals.push(host + t.paint);
  }
  return {
    segments,
    bytes,
    host: median(hosts),
    mermaid: median(mermaids),
    swap: median(swaps),
    total: median(totals),
    best: Math.min(...totals),
  };
}

async function main(): Promise<void> {
  const browser = await launchBrowser();
  try {
    const rows: Row[] = [];
    for (const n of SIZES) {
      const p = await openPreviewPage(browser, { width: 1000, height: 800 });
      try {
        rows.push(await measure(p, n));
      } finally {
        await p.close();
      }
    }
    const fmt = (x: number): string => x.toFixed(0).padStart(6);
    console.log(`keystroke → repainted diagram, ms (medians of ${RUNS(10)}, ${RUNS(500)} at 500; best of them last)`);
    console.log('| segments | Mermaid text bytes | host: analyze + text | webview: Mermaid | webview: SVG swap | keystroke → paint | best |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      const cells = [String(r.segments).padStart(4), String(r.bytes).padStart(6), ...[r.host, r.mermaid, r.swap, r.total, r.best].map(fmt)];
      console.log(`| ${cells.join(' | ')} |`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
