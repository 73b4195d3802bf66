// The windowed preview in headless chromium: a long flow drawn in slices, only near the view and
// more as it scrolls, with the same columns in every slice; a keystroke redraws the one slice it
// changed (counted, not timed); click, cursor highlight, zoom, theme and exports across slices;
// no cap on the number of segments.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PreviewMemory } from '../../client/src/preview/payload';
import { SliceEncoder } from '../../client/src/preview/sliceWire';
import type { ExportResult, RenderedMessage, RevealMessage, WebviewMessage } from '../../client/src/preview/protocol';
import { flowOf } from './flows';
import { draw, sharedBrowser, withPreviewPage, scrollTo, settled, updateFor, type OpenOptions, type PreviewPage } from './harness';

const browser = sharedBrowser();
const withPage = (opts: OpenOptions, f: (p: PreviewPage) => Promise<void>): Promise<void> =>
  withPreviewPage(browser(), { width: 900, height: 700, ...opts }, f);

const isRendered = (m: WebviewMessage): m is RenderedMessage => m.type === 'rendered';

/** Each slice on the page: its index, state, and whether its drawing is in the DOM. */
const slices = (p: PreviewPage): Promise<{ state: string; svg: boolean }[]> =>
  p.page.$$eval('#diagram > .tf-slice', (els) => els.map((el) => ({ state: (el as HTMLElement).dataset.state ?? '', svg: !!el.querySelector('svg') })));

/** Per slice drawn on the page: the screen x of each participant's lifeline, and the drawing's left and width. */
const columns = (p: PreviewPage): Promise<{ slice: number; lifelines: number[]; left: number; width: number }[]> =>
  p.page.$$eval('#diagram > .tf-slice[data-state="drawn"]', (els) =>
    els.map((el) => {
      const svg = el.querySelector('svg')!;
      const box = svg.getBoundingClientRect();
      const lifelines = [...svg.querySelectorAll('line.actor-line')].map((l) => l.getBoundingClientRect().x).sort((a, b) => a - b);
      return { slice: Number((el as HTMLElement).dataset.slice), lifelines, left: box.x, width: box.width };
    }),
  );

function assertLinedUp(cols: Awaited<ReturnType<typeof columns>>, what: string): void {
  assert.ok(cols.length >= 2, `${what}: at least two slices drawn (${cols.length})`);
  const [first] = cols;
  assert.ok(first.lifelines.length >= 2);
  for (const c of cols) {
    assert.equal(c.width.toFixed(2), first.width.toFixed(2), `${what}: slice ${c.slice} as wide as slice ${first.slice}`);
    assert.equal(c.left.toFixed(2), first.left.toFixed(2), `${what}: slice ${c.slice} starts where slice ${first.slice} does`);
    assert.deepEqual(
      c.lifelines.map((x) => x.toFixed(2)),
      first.lifelines.map((x) => x.toFixed(2)),
      `${what}: the lifelines of slice ${c.slice} are where those of slice ${first.slice} are`,
    );
  }
}

/** Three participants, labels Korean and Latin of every width, notes on every side, a par block, a loss. */
function threeParties(rounds: number): string {
  const out = ['title 세 참여자', 'participant 클라이언트', 'participant LB as "Load balancer"', 'participant S as "Server (backend)" (LISTEN)'];
  for (let i = 0; i < rounds; i++) {
    out.push(`클라이언트 -> LB: PSH,ACK len=${10 + i} "요청 ${i}번 ${'가'.repeat(i % 9)}"`);
    out.push(`LB -> S: PSH,ACK len=${10 + i} "${'w'.repeat(i % 13)}"`);
    if (i % 5 === 0) out.push(`S -x 클라이언트: ACK "lost ${i}"`);
    out.push(`S -> 클라이언트: ACK "reply ${'y'.repeat(i % 11)}"`);
    out.push(`note ${['over LB', 'left of 클라이언트', 'right of S', 'over 클라이언트, S'][i % 4]}: "hop ${i} ${'-'.repeat(i % 17)}"`);
    if (i % 7 === 3) out.push('par', `  LB -> S: ACK "cross ${i}"`, 'and', `  S -> LB: ACK "cross back ${i}"`, 'end');
  }
  return out.join('\n') + '\n';
}

describe('preview webview: a long flow in slices', () => {
  it('draws only the slices near the view, more as it scrolls, and takes far ones off the page', async () => {
    await withPage({}, async (p) => {
      const u = updateFor(flowOf(2000), 1);
      const m = await draw(p, u);
      assert.ok(isRendered(m), JSON.stringify(m));
      assert.equal(m.slices, u.diagram.slices.length);
      assert.ok(u.diagram.slices.length > 100);
      assert.ok(m.drawn! >= 1 && m.drawn! <= 3, `drawn for the first view: ${m.drawn}`);
      await settled(p);
      let s = await slices(p);
      const drawn = s.flatMap((x, i) => (x.state === 'drawn' ? [i] : []));
      assert.equal(drawn[0], 0);
      assert.deepEqual(drawn, drawn.map((_, i) => i), 'the first slices, and no others');
      assert.ok(drawn.length <= 6, `a screen ahead, not more: ${drawn}`);
      const height = await p.page.$eval('#viewport', (v) => v.scrollHeight);
      await scrollTo(p, height / 2);
      s = await slices(p);
      const inView = await p.page.$$eval('#diagram > .tf-slice', (els) => {
        const v = document.getElementById('viewport')!.getBoundingClientRect();
        return els.flatMap((el, i) => {
          const r = el.getBoundingClientRect();
          return r.bottom > v.top && r.top < v.bottom ? [i] : [];
        });
      });
      assert.ok(inView.length >= 1 && inView[0] > 50, String(inView));
      for (const i of inView) assert.equal(s[i].state, 'drawn', `slice ${i} in view is drawn`);
      assert.equal(s[0].svg, false, 'the first slice, far above, is off the page');
      assert.ok(s.filter((x) => x.svg).length <= 24, `drawings on the page: ${s.filter((x) => x.svg).length}`);
    });
  });

  it('lines the columns up: every slice has the same width and the same lifelines', async () => {
    await withPage({ height: 1000 }, async (p) => {
      const u = updateFor(threeParties(80), 1);
      assert.ok(u.diagram.slices.length > 10);
      await draw(p, u);
      await settled(p);
      assertLinedUp(await columns(p), 'at the top');
      const height = await p.page.$eval('#viewport', (v) => v.scrollHeight);
      for (const y of [height / 3, (2 * height) / 3, height]) {
        await scrollTo(p, y);
        assertLinedUp(await columns(p), `at ${Math.round(y)} px`);
      }
      // The last slice shows the bottom row of participants, right under its own rows.
      const last = await p.page.$eval('#diagram > .tf-slice:last-child', (el) => ({
        footer: el.querySelectorAll('svg').length,
        bottomActors: el.querySelectorAll('svg.tf-footer rect.actor-bottom').length,
      }));
      assert.deepEqual(last, { footer: 2, bottomActors: 3 });
    });
  });

  it('redraws only the slice whose text a keystroke changed (renders counted)', async () => {
    await withPage({}, async (p) => {
      const memory = new PreviewMemory();
      const encoder = new SliceEncoder(); // as the host sends them: a slice the page has goes by reference
      const text = flowOf(600, 'typing');
      const u1 = updateFor(text, 1, undefined, memory);
      await draw(p, { ...u1, diagram: encoder.encode(u1.diagram) });
      const line = text.split('\n').findIndex((l) => l.includes('"typing"'));
      await p.send({ type: 'highlight', line });
      await settled(p);
      const target = u1.diagram.slices.findIndex((s) => s.arrowLines.includes(line));
      const before = await p.page.evaluate(() => {
        const svgs = [...document.querySelectorAll('#diagram > .tf-slice > svg:first-child')] as (SVGSVGElement & { __old?: boolean })[];
        for (const svg of svgs) svg.__old = true;
        return { renders: Number(document.getElementById('diagram')!.dataset.renders), drawn: svgs.length };
      });
      assert.ok(before.drawn >= 3, `several slices drawn around the edit: ${before.drawn}`);
      const u2 = updateFor(text.replace('"typing"', '"typist"'), 2, undefined, memory);
      const wire = encoder.encode(u2.diagram);
      assert.equal(wire.slices.filter((x) => x.body !== undefined).length, 1, 'one slice’s text sent');
      const m = await draw(p, { ...u2, diagram: wire });
      assert.ok(isRendered(m) && !m.unchanged, JSON.stringify(m));
      assert.equal(m.renders, 1, 'one Mermaid render for the keystroke');
      await settled(p);
      const afterEdit = await p.page.evaluate(() => ({
        renders: Number(document.getElementById('diagram')!.dataset.renders),
        fresh: [...document.querySelectorAll('#diagram > .tf-slice')].flatMap((el) => {
          const svg = el.querySelector('svg') as (SVGSVGElement & { __old?: boolean }) | null;
          return svg && !svg.__old ? [Number((el as HTMLElement).dataset.slice)] : [];
        }),
      }));
      assert.equal(afterEdit.renders, before.renders + 1, 'no other slice was drawn again');
      assert.deepEqual(afterEdit.fresh, [target], 'the one new drawing is the edited slice');
      assert.ok(await p.page.locator('#diagram text', { hasText: 'typist' }).count());
    });
  });

  it('asks for every slice again (ready) when sent a reference to a slice it does not have', async () => {
    await withPage({}, async (p) => {
      const encoder = new SliceEncoder();
      encoder.encode(updateFor(flowOf(300, 'a'), 1).diagram); // sent to a page that is gone
      const u = updateFor(flowOf(300, 'b'), 2);
      const from = (await p.posted()).length;
      await p.send({ ...u, diagram: encoder.encode(u.diagram) });
      await p.waitForPosted((x): x is WebviewMessage => x.type === 'ready', from);
      assert.equal(await p.page.locator('#diagram > .tf-slice').count(), 0, 'nothing drawn from a diagram it could not read');
      const m = await draw(p, updateFor(flowOf(300, 'b'), 3));
      assert.ok(isRendered(m));
    });
  });

  it('posts reveal with the source line of an arrow clicked in a slice further down', async () => {
    await withPage({}, async (p) => {
      const u = updateFor(flowOf(800), 1);
      await draw(p, u);
      await scrollTo(p, (await p.page.$eval('#viewport', (v) => v.scrollHeight)) * 0.6);
      const label = p.page.locator('#diagram .tf-slice[data-state="drawn"] text.messageText[data-tf-index]').nth(3);
      const index = Number(await label.getAttribute('data-tf-index'));
      assert.ok(index > 300, `an arrow far down the flow: ${index}`);
      const from = (await p.posted()).length;
      await label.click();
      const m = await p.waitForPosted((x): x is RevealMessage => x.type === 'reveal', from);
      assert.equal(m.line, u.messageLines[index]);
    });
  });

  it('highlights the cursor’s arrow in a slice not drawn yet: scrolls there, draws it, marks it', async () => {
    await withPage({}, async (p) => {
      const u = updateFor(flowOf(2000), 1);
      await draw(p, u);
      await settled(p);
      const index = u.messageLines.length - 3;
      await p.send({ type: 'highlight', line: u.messageLines[index] });
      await settled(p);
      const active = await p.page.$$eval('#diagram .tf-active', (els) => {
        const v = document.getElementById('viewport')!.getBoundingClientRect();
        return els.map((e) => {
          const r = e.getBoundingClientRect();
          return { index: e.getAttribute('data-tf-index'), inView: r.top >= v.top && r.bottom <= v.bottom };
        });
      });
      assert.ok(active.length >= 2, JSON.stringify(active));
      assert.ok(active.every((a) => a.index === String(index)));
      assert.ok(active.some((a) => a.inView), 'scrolled into view');
      await p.send({ type: 'highlight', line: u.messageLines[1] });
      await settled(p);
      assert.deepEqual(await p.page.$$eval('#diagram .tf-active', (els) => [...new Set(els.map((e) => e.getAttribute('data-tf-index')))]), ['1']);
    });
  });

  it('zooms every slice alike (the columns still line up) and redraws them all in a new theme', async () => {
    await withPage({ height: 1000 }, async (p) => {
      await draw(p, updateFor(threeParties(40), 1));
      await settled(p);
      const natural = await p.page.$eval('#diagram svg', (svg) => Number(svg.getAttribute('viewBox')!.split(' ')[2]));
      await p.page.click('#zoom-reset');
      await p.page.click('#zoom-in');
      await settled(p);
      const widths = await p.page.$$eval('#diagram .tf-slice[data-state="drawn"] svg', (svgs) => svgs.map((s) => Number(s.getAttribute('width'))));
      assert.ok(widths.length >= 2);
      assert.deepEqual(new Set(widths), new Set([Math.round(natural * 1.25)]));
      assertLinedUp(await columns(p), 'zoomed in');
      const from = (await p.posted()).length;
      await p.page.evaluate(() => document.body.classList.replace('vscode-light', 'vscode-dark'));
      await p.waitForPosted(isRendered, from);
      await settled(p);
      const fills = await p.page.$$eval('#diagram .tf-slice[data-state="drawn"] svg:first-child rect.actor', (rs) => rs.map((r) => getComputedStyle(r).fill));
      assert.ok(fills.length >= 6);
      assert.equal(new Set(fills).size, 1, 'every slice in the same (dark) colours');
      assertLinedUp(await columns(p), 'dark');
    });
  });
});

describe('preview webview: exports of a long flow', () => {
  const isExport = (m: WebviewMessage): m is ExportResult => m.type === 'exported';

  it('exports the whole diagram as one SVG: every slice under the one before, the undrawn ones drawn for it', async () => {
    await withPage({}, async (p) => {
      const u = updateFor(flowOf(300), 1);
      const n = u.diagram.slices.length;
      await draw(p, u);
      await settled(p);
      await p.send({ type: 'export', requestId: 3, format: 'svg', background: 'theme' });
      const m = await p.waitForPosted(isExport);
      const svg = m.data ?? '';
      assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
      for (const own of ['tf-hit', 'data-tf-index', 'tf-active', 'tf-footer']) assert.ok(!svg.includes(own), own);
      const shape = await p.page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const root = doc.documentElement;
        const bands = [...root.children].filter((c) => c.tagName === 'svg');
        let y = 0;
        const stacked = bands.every((b) => {
          const ok = Math.abs(Number(b.getAttribute('y')) - y) < 0.01;
          y += Number(b.getAttribute('height'));
          return ok;
        });
        return { error: !!doc.querySelector('parsererror'), bands: bands.length, stacked, height: Number(root.getAttribute('height')), total: Math.ceil(y) };
      }, svg);
      assert.deepEqual(shape, { error: false, bands: n + 1, stacked: true, height: shape.total, total: shape.total });
      for (const label of ['part 1"', 'part 73', 'chunk', 'part 147', 'FIN,ACK']) assert.ok(svg.includes(label.replace('"', '<')), label);
    });
  });

  it('exports a PNG of the whole diagram; refuses one too tall for a canvas at full size', async () => {
    await withPage({}, async (p) => {
      await draw(p, updateFor(flowOf(100), 1));
      await p.send({ type: 'export', requestId: 1, format: 'svg', background: 'white' });
      const svg = (await p.waitForPosted(isExport)).data ?? '';
      const [, w, h] = svg.match(/<svg [^>]*width="(\d+)" height="(\d+)"/) ?? [];
      const from = (await p.posted()).length;
      await p.send({ type: 'export', requestId: 2, format: 'png', scale: 2, background: 'white' });
      const png = Buffer.from((await p.waitForPosted(isExport, from)).data ?? '', 'base64');
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [Number(w) * 2, Number(h) * 2], 'IHDR: the whole diagram at scale 2');
      await draw(p, updateFor(flowOf(900), 2));
      const from2 = (await p.posted()).length;
      await p.send({ type: 'export', requestId: 4, format: 'png', scale: 2, background: 'white' });
      const refused = await p.waitForPosted(isExport, from2);
      assert.equal(refused.data, undefined);
      assert.match(refused.error ?? '', /^The diagram is \d+ px tall: too large for one PNG \(at most 32767 px a side\)\.$/);
    });
  });
});

describe('preview webview: no cap on the size of a flow', () => {
  it('draws a flow of 10,000 segments and reaches its end by scrolling', async () => {
    await withPage({}, async (p) => {
      const u = updateFor(flowOf(10_000), 1);
      const m = await draw(p, u);
      assert.ok(isRendered(m), JSON.stringify(m));
      assert.ok(m.slices! > 600 && m.arrows > 0, JSON.stringify(m));
      await scrollTo(p, await p.page.$eval('#viewport', (v) => v.scrollHeight));
      const end = await p.page.$eval('#diagram > .tf-slice:last-child', (el) => ({
        state: (el as HTMLElement).dataset.state,
        texts: [...el.querySelectorAll('text.messageText')].map((t) => t.textContent),
        footer: !!el.querySelector('svg.tf-footer'),
      }));
      assert.equal(end.state, 'drawn');
      assert.ok(end.footer);
      assert.ok(end.texts.includes('FIN,ACK seq=90001 ack=500702'), JSON.stringify(end.texts));
      const onPage = await p.page.$$eval('#diagram svg', (svgs) => svgs.length);
      assert.ok(onPage <= 24, `drawings on the page: ${onPage}`);
    });
  });
});
