// Preview bench (`npm run bench:preview`): opening and typing, in headless chromium with the real
// webview bundle and CSP, for flows of 10 to 10,000 segments, against plain Mermaid drawing the
// same text (the whole diagram, as a page would) in the same run. Prints medians; asserts nothing.
//
// - open → ready: navigation start to the page's `ready` (the bundle loaded and evaluated).
// - first paint: `ready` to the first frame painted with the diagram in view. The update is the
//   one the host built while the page loaded (built here beforehand, as PreviewPanel does), sent
//   the moment the page says `ready`; plain Mermaid's page likewise draws its text the moment its
//   script has run.
// - keystroke: one more character typed into the label of the middle data segment, with the
//   preview scrolled to that arrow (the cursor's arrow is scrolled into view): the host's
//   analysis, slicing and encoding (warm, as a preview keeps them; a slice the page has goes by
//   reference) plus the webview's decoding and drawing to the frame painted after it. VS Code's
//   message channel between the two is not in it (the page gets the message directly). Plain Mermaid: the whole new text rendered and put in the page, to the frame.
// Needs the bundles: the npm script builds them first. (`performance` inside page functions is
// the page's own.)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { diagramPayload, PreviewMemory } from '../../client/src/preview/payload';
import { SliceEncoder } from '../../client/src/preview/sliceWire';
import type { RenderedMessage, UpdateMessage } from '../../client/src/preview/protocol';
import { wholeMermaid } from '../../server/src/core/render/mermaidSlices';
import { flowOf } from '../browser/flows';
import { launchBrowser, openPreviewPage, settled, type PreviewPage } from '../browser/harness';

const SIZES = process.argv.slice(2).map(Number).filter((n) => n > 0);
const DEFAULT_SIZES = [10, 30, 100, 500, 1_500, 10_000];
const PLAIN_BUNDLE = 'out/bench/plain-mermaid.js';
const URI = 'file:///bench.tcpflow';

/** Runs per size: opening the preview, typing in it, and the same for plain Mermaid. */
function runs(n: number): { open: number; keys: number; plainOpen: number; plainKeys: number } {
  if (n >= 10_000) return { open: 5, keys: 9, plainOpen: 1, plainKeys: 2 };
  if (n >= 1_500) return { open: 5, keys: 9, plainOpen: 3, plainKeys: 3 };
  if (n >= 500) return { open: 7, keys: 11, plainOpen: 5, plainKeys: 7 };
  return { open: 15, keys: 21, plainOpen: 15, plainKeys: 21 };
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The label typed into, run `i` (each run one character longer). */
const typed = (i: number): string => `typing ${'abcdefghijklmnopqrstuvwxyz'.slice(0, i % 26)}${i >= 26 ? i : ''}`;

/** What a preview's host keeps: the memory of the last edit, and what it sent the page last. */
interface Host {
  memory: PreviewMemory;
  encoder: SliceEncoder;
  seq: number;
}

const newHost = (): Host => ({ memory: new PreviewMemory(), encoder: new SliceEncoder(), seq: 0 });

function update(host: Host, n: number, label: string): { msg: UpdateMessage; ms: number; slices: number } {
  const text = flowOf(n, label);
  const t0 = performance.now();
  const payload = diagramPayload(text, {}, host.memory);
  const diagram = host.encoder.encode(payload.diagram);
  const ms = performance.now() - t0;
  return { msg: { type: 'update', seq: ++host.seq, uri: URI, ...payload, diagram }, ms, slices: diagram.slices.length };
}

interface Row {
  slices: number;
  host0: number;
  open: number;
  first: number;
  keyHost: number;
  keyView: number;
  keyTotal: number;
  keyWorst: number;
  renders: number;
  plainOpen: number;
  plainFirst: number;
  plainKey: number;
  pageDown: number;
  pageDownWorst: number;
}

/**
 * One size: preview and plain Mermaid measured in turn (open, open, …, then key, key, …), so a
 * machine that gets busier or quieter during the run weighs on both alike.
 */
async function measure(browser: Browser, n: number): Promise<Row> {
  const r = runs(n);
  const t = { host0: [] as number[], open: [] as number[], first: [] as number[], plainOpen: [] as number[], plainFirst: [] as number[] };
  const plainText = (label: string): string => wholeMermaid(diagramPayload(flowOf(n, label)).diagram);
  let preview: { p: PreviewPage; host: Host; slices: number } | undefined;
  let plain: { page: Page; close: () => Promise<void> } | undefined;
  for (let i = 0; i < Math.max(r.open, r.plainOpen); i++) {
    if (i < r.open) {
      const host = newHost();
      const { msg, ms, slices } = update(host, n, 'warm-up');
      t.host0.push(ms);
      const p = await openPreviewPage(browser, { width: 1000, height: 800, autoUpdate: msg });
      const marks = await waitMarks(p.page, msg.seq);
      t.open.push(marks.ready);
      t.first.push(marks.painted - marks.ready);
      await preview?.p.close();
      preview = { p, host, slices };
    }
    if (i < r.plainOpen) {
      const pl = await plainPage(browser, plainText('warm-up'));
      const marks = await pl.page
        .waitForFunction(() => {
          const w = window as unknown as { __ready?: number; __painted?: number };
          return w.__painted !== undefined && { ready: w.__ready!, painted: w.__painted };
        }, undefined, { polling: 'raf', timeout: 600_000 })
        .then((h) => h.jsonValue() as Promise<{ ready: number; painted: number }>);
      t.plainOpen.push(marks.ready);
      t.plainFirst.push(marks.painted - marks.ready);
      await plain?.close();
      plain = pl;
    }
  }
  const { p, host, slices } = preview!;
  try {
    // Scroll to the arrow being typed in, as the cursor's highlight does, and let the view settle.
    const probe = update(host, n, typed(0));
    await p.send(probe.msg);
    await waitMarks(p.page, probe.msg.seq);
    const edited = flowOf(n, typed(0)).split('\n').findIndex((l) => l.includes(`"${typed(0)}"`));
    await p.send({ type: 'highlight', line: edited >= 0 ? edited : null });
    await settled(p);
    const k = { host: [] as number[], view: [] as number[], total: [] as number[], renders: [] as number[], plain: [] as number[] };
    for (let i = 1; i <= Math.max(r.keys, r.plainKeys); i++) {
      if (i <= r.keys) {
        const { msg, ms } = update(host, n, typed(i));
        const drawn = await drawAndPaint(p.page, msg);
        k.host.push(ms);
        k.view.push(drawn.paint);
        k.total.push(ms + drawn.paint);
        k.renders.push(drawn.renders);
        await settled(p); // what is drawn ahead after the paint is not the keystroke's
      }
      if (i <= r.plainKeys) k.plain.push(await showAndPaint(plain!.page, plainText(typed(i))));
    }
    const pages = await pageDowns(p.page, 12);
    return {
      slices,
      host0: median(t.host0),
      open: median(t.open),
      first: median(t.first),
      keyHost: median(k.host),
      keyView: median(k.view),
      keyTotal: median(k.total),
      keyWorst: Math.max(...k.total),
      renders: median(k.renders),
      plainOpen: median(t.plainOpen),
      plainFirst: median(t.plainFirst),
      plainKey: median(k.plain),
      pageDown: median(pages),
      pageDownWorst: Math.max(...pages),
    };
  } finally {
    await p.close();
    await plain?.close();
  }
}

/**
 * Scrolling: `count` times one screen down, each time the ms from the scroll to the frame in which
 * every slice in view is drawn (empty when the page has no slices: the old preview).
 */
function pageDowns(page: Page, count: number): Promise<number[]> {
  return page.evaluate(async (n) => {
    const v = document.getElementById('viewport')!;
    const drawn = (): boolean => {
      const box = v.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('#diagram > .tf-slice')].every((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom <= box.top || r.top >= box.bottom || el.dataset.state === 'drawn';
      });
    };
    const times: number[] = [];
    if (!document.querySelector('#diagram > .tf-slice')) return times;
    for (let i = 0; i < n && v.scrollTop + v.clientHeight < v.scrollHeight; i++) {
      const t0 = performance.now();
      v.scrollTop += v.clientHeight;
      for (;;) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        if (drawn()) break;
      }
      times.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return times;
  }, count);
}

/** Waits until the frame after update `seq` was reported drawn has been painted; the page's marks. */
async function waitMarks(page: Page, seq: number): Promise<{ ready: number; painted: number }> {
  const handle = await page.waitForFunction(
    (s) => {
      const m = (window as unknown as { __marks: { ready?: number; painted: Record<number, number> } }).__marks;
      return m.painted[s] !== undefined && m.ready !== undefined ? { ready: m.ready, painted: m.painted[s] } : undefined;
    },
    seq,
    { polling: 'raf', timeout: 600_000 },
  );
  return (await handle.jsonValue()) as { ready: number; painted: number };
}

/** Posts the update in the page; resolves after the frame that shows it was painted. */
function drawAndPaint(page: Page, msg: UpdateMessage): Promise<{ paint: number; renders: number }> {
  return page.evaluate(async (m) => {
    const posted = (window as unknown as { __posted: RenderedMessage[] }).__posted;
    const from = posted.length;
    const t0 = performance.now();
    window.postMessage(m, '*');
    const r = await new Promise<RenderedMessage>((resolve) => {
      const check = (): void => {
        const found = posted.slice(from).find((x) => (x.type as string) !== 'ready' && x.seq === m.seq);
        if (found) resolve(found);
        else setTimeout(check, 0);
      };
      check();
    });
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return { paint: performance.now() - t0, renders: r.renders ?? 1 };
  }, msg);
}

/** Plain Mermaid in a page of its own, drawing `text` (the whole diagram) as soon as its script is ready. */
async function plainPage(browser: Browser, text: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const html = `<!DOCTYPE html><html><head><style>
#staging { position: absolute; top: 0; left: -100000px; width: 4000px; height: 4000px; contain: strict; visibility: hidden; }
</style></head><body><div id="out"></div><div id="staging"></div><script src="/plain.js"></script></body></html>`;
  await page.route('https://plain.test/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
    if (path === '/plain.js') return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: readFileSync(PLAIN_BUNDLE) });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.addInitScript((t) => ((window as unknown as { __autoText: string }).__autoText = t), text);
  // Not until `load`: at 10,000 segments the page is busy drawing for half a minute before it comes.
  await page.goto('https://plain.test/', { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, undefined, { timeout: 600_000 });
  return { page, close: () => context.close() };
}

/** Plain Mermaid: the whole text rendered and put in the page, to the frame painted after it. */
function showAndPaint(page: Page, text: string): Promise<number> {
  return page.evaluate(async (t) => {
    const t0 = performance.now();
    await (window as unknown as { plainMermaid: { show(text: string): Promise<number> } }).plainMermaid.show(t);
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - t0;
  }, text);
}

async function main(): Promise<void> {
  execFileSync(process.execPath, ['scripts/webview.build.mjs', '--bench'], { stdio: 'inherit' });
  const browser = await launchBrowser();
  const rows: string[] = [];
  const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(0) : '—');
  const ratio = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
  try {
    for (const n of SIZES.length ? SIZES : DEFAULT_SIZES) {
      const m = await measure(browser, n);
      const row = [
        n,
        m.slices,
        fmt(m.open),
        fmt(m.plainOpen),
        fmt(m.host0),
        fmt(m.first),
        fmt(m.plainFirst),
        ratio(m.first, m.plainFirst),
        fmt(m.keyHost),
        fmt(m.keyView),
        fmt(m.keyTotal),
        fmt(m.keyWorst),
        fmt(m.renders),
        fmt(m.plainKey),
        ratio(m.keyTotal, m.plainKey),
        fmt(m.pageDown),
        fmt(m.pageDownWorst),
      ];
      rows.push(`| ${row.join(' | ')} |`);
      console.error(`done: ${n} segments`);
    }
  } finally {
    await browser.close();
  }
  console.log('Preview against plain Mermaid on the same text, ms (medians; "worst" is the slowest keystroke)');
  console.log(
    '| segments | slices | open → ready | plain: open → ready | host: first update | first paint after ready | plain: first paint | ratio | keystroke: host | keystroke: webview | keystroke total | worst | renders per keystroke | plain: keystroke | ratio | page down → drawn | worst |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
