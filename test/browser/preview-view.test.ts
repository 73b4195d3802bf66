// The preview webview's view: zoom controls, zoom and scroll kept across updates and restored
// from the saved webview state, SVG and PNG export, and screenshots in light and dark.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import type { ExportResult, PreviewState, WebviewMessage } from '../../client/src/preview/protocol';
import { draw, sharedBrowser, withPreviewPage, updateFor, type OpenOptions, type PreviewPage } from './harness';

const LOST_SYN = readFileSync('examples/lost-syn-retransmission.tcpflow', 'utf8');
const HANDSHAKE = readFileSync('examples/three-way-handshake.tcpflow', 'utf8');
/** The same flow with one label typed differently: a new diagram of the same size. */
const edited = (text: string, n: number): string => text.replace('"GET /"', `"GET /${'x'.repeat(n)}"`);

const browser = sharedBrowser();
const withPage = (opts: OpenOptions, f: (p: PreviewPage) => Promise<void>): Promise<void> => withPreviewPage(browser(), opts, f);

const svgSize = (p: PreviewPage): Promise<{ width: number; height: number; natural: number }> =>
  p.page.$eval('#diagram svg', (svg) => ({
    width: Number(svg.getAttribute('width')),
    height: Number(svg.getAttribute('height')),
    natural: Number((svg.getAttribute('viewBox') ?? '').split(/\s+/)[2]),
  }));
const viewport = (p: PreviewPage): Promise<{ top: number; clientWidth: number }> =>
  p.page.$eval('#viewport', (v) => ({ top: v.scrollTop, clientWidth: v.clientWidth }));
const saved = (p: PreviewPage): Promise<PreviewState> => p.page.evaluate(() => (window as unknown as { __state: PreviewState }).__state);

describe('preview webview: zoom and scroll', () => {
  it('zooms in, out, to 100% and to the width; the zoom is saved and kept across updates', async () => {
    await withPage({ width: 600, height: 500 }, async (p) => {
      await draw(p, updateFor(HANDSHAKE, 1));
      let s = await svgSize(p);
      assert.ok(s.width <= (await viewport(p)).clientWidth, 'fits the width at first');
      await p.page.click('#zoom-reset');
      s = await svgSize(p);
      assert.equal(s.width, Math.round(s.natural));
      await p.page.click('#zoom-in');
      assert.equal((await svgSize(p)).width, Math.round(s.natural * 1.25));
      assert.equal((await saved(p)).zoom, 1.25);
      await draw(p, updateFor(edited(HANDSHAKE, 3), 2));
      const after = await svgSize(p);
      assert.equal(after.width, Math.round(after.natural * 1.25), 'zoom kept across an update');
      await p.page.click('#zoom-out');
      await p.page.click('#zoom-out');
      assert.equal((await svgSize(p)).width, Math.round(after.natural * 0.8));
      await p.page.click('#zoom-fit');
      assert.equal((await saved(p)).zoom, 'fit');
    });
  });

  it('keeps the scroll position when the diagram is redrawn', async () => {
    await withPage({ width: 600, height: 400 }, async (p) => {
      await draw(p, updateFor(HANDSHAKE, 1));
      await p.page.click('#zoom-reset');
      await p.page.$eval('#viewport', (v) => v.scrollTo(0, 300));
      await draw(p, updateFor(edited(HANDSHAKE, 5), 2));
      assert.equal((await viewport(p)).top, 300);
      await p.page.waitForFunction(() => (window as unknown as { __state?: PreviewState }).__state?.scrollY === 300);
    });
  });

  it('restores zoom and scroll from the saved state, and starts at the top for another file', async () => {
    const state: PreviewState = { uri: 'file:///test.tcpflow', zoom: 2, scrollX: 0, scrollY: 250 };
    await withPage({ width: 600, height: 400, state }, async (p) => {
      await draw(p, updateFor(HANDSHAKE, 1));
      const s = await svgSize(p);
      assert.equal(s.width, Math.round(s.natural * 2));
      assert.equal((await viewport(p)).top, 250);
      await draw(p, updateFor(LOST_SYN, 2, 'file:///other.tcpflow'));
      assert.equal((await viewport(p)).top, 0);
      assert.equal((await saved(p)).uri, 'file:///other.tcpflow');
    });
  });
});

describe('preview webview: export', () => {
  const isExport = (m: WebviewMessage): m is ExportResult => m.type === 'exported';

  it('exports a standalone SVG without the preview’s own additions', async () => {
    await withPage({}, async (p) => {
      await draw(p, updateFor(LOST_SYN, 1));
      await p.send({ type: 'export', requestId: 7, format: 'svg', background: 'theme' });
      const m = await p.waitForPosted(isExport);
      assert.equal(m.requestId, 7);
      const svg = m.data ?? '';
      assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
      assert.ok(svg.includes('lost in the network'));
      for (const own of ['tf-hit', 'data-tf-index', 'data-tf-line', 'tf-active', 'tabindex', 'role="button"', 'aria-label="Line']) assert.ok(!svg.includes(own), own);
      // Mermaid's own accessible title and description (accTitle, accDescr) stay.
      assert.match(svg, /<title id="chart-title-[^"]+">Lost SYN, then retransmission<\/title>/);
      assert.match(svg, /<desc id="chart-desc-[^"]+">Client and Server exchange 4 segments \(1 lost\)\. Final states — Client ESTABLISHED, Server ESTABLISHED\.<\/desc>/);
      const ok = await p.page.evaluate((text) => !new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror'), svg);
      assert.ok(ok, 'well-formed XML');
    });
  });

  it('exports a PNG at the asked scale, on white even from a dark theme', async () => {
    await withPage({ theme: 'vscode-dark' }, async (p) => {
      await draw(p, updateFor(LOST_SYN, 1));
      const natural = (await svgSize(p)).natural;
      await p.send({ type: 'export', requestId: 1, format: 'png', scale: 3, background: 'white' });
      const m = await p.waitForPosted(isExport);
      const png = Buffer.from(m.data ?? '', 'base64');
      assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
      assert.equal(png.readUInt32BE(16), Math.floor(Math.ceil(natural) * 3), 'IHDR width');
      const corner = await p.page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        [c.width, c.height] = [img.width, img.height];
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return [...g.getImageData(2, 2, 1, 1).data];
      }, m.data ?? '');
      assert.deepEqual(corner, [255, 255, 255, 255]);
    });
  });
});

describe('preview webview: screenshots', () => {
  it('saves the lost-SYN example in light and dark to test-artifacts/', async () => {
    mkdirSync('test-artifacts', { recursive: true });
    for (const theme of ['light', 'dark'] as const) {
      await withPage({ theme: `vscode-${theme}`, width: 960, height: 860 }, async (p) => {
        const u = updateFor(LOST_SYN, 1);
        await draw(p, u);
        await p.send({ type: 'highlight', line: u.messageLines[1] });
        await p.page.screenshot({ path: `test-artifacts/preview-${theme}.png` });
      });
    }
  });
});
