// The preview webview bundle in headless chromium, in a page with the real HTML and CSP: what it
// draws for every example, user text that tries to inject markup or Mermaid directives, theme
// switches, click → reveal, cursor → highlight, stale and overtaken updates, a flow too large.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { RenderedMessage, RevealMessage, WebviewMessage } from '../../client/src/preview/protocol';
import { wholeMermaid } from '../../server/src/core/render/mermaidSlices';
import { draw, settled, sharedBrowser, withPreviewPage, toMessage, updateFor, type PreviewPage } from './harness';
import { expectedNotes, flowOf } from './flows';

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.tcpflow')).sort();
const example = (name: string): string => readFileSync(`examples/${name}`, 'utf8');
const isRendered = (m: WebviewMessage): m is RenderedMessage => m.type === 'rendered';

const browser = sharedBrowser();
const withPage = <T>(f: (p: PreviewPage) => Promise<T>, theme?: 'vscode-light' | 'vscode-dark'): Promise<T> => withPreviewPage(browser(), { theme }, f);

describe('preview webview: the examples', () => {
  it('draws one arrow per message, the state notes, and a cross per lost segment', async () => {
    await withPage(async (p) => {
      let seq = 0;
      for (const name of EXAMPLES) {
        const u = updateFor(example(name), ++seq);
        const a = u.analysis;
        const m = await draw(p, u);
        assert.ok(isRendered(m), `${name}: ${JSON.stringify(m)}`);
        assert.equal(m.arrows, a.messages.length, `${name}: arrows`);
        assert.equal(u.messageLines.length, a.messages.length, `${name}: messageLines`);
        assert.equal(m.crosses, a.messages.filter((x) => x.lost).length, `${name}: crosses`);
        assert.equal(m.notes, expectedNotes(a), `${name}: notes`);
        assert.equal(m.notes, wholeMermaid(u.diagram).split('\n').filter((l) => /^\s*Note /.test(l)).length, `${name}: notes in the text`);
      }
    });
  });

  it('draws an empty document, a lone title, and lines that do not parse', async () => {
    await withPage(async (p) => {
      const texts = ['', 'title only a title\n', 'A -> B: SYN seq=1\nfoo bar baz\nA -> A: SYN\npar\n'];
      for (const [i, text] of texts.entries()) {
        const u = updateFor(text, i + 1);
        const m = await draw(p, u);
        assert.ok(isRendered(m), `${JSON.stringify(text)}: ${JSON.stringify(m)}`);
        assert.equal(m.arrows, u.messageLines.length);
      }
    });
  });

  it('shows the error banner, marks the wrong number’s arrow and the wrong assertions’ state notes', async () => {
    await withPage(async (p) => {
      const u = updateFor(example('korean-study-note.tcpflow'), 1);
      await draw(p, u);
      const banner = await p.page.locator('#errors').textContent();
      const errors = u.analysis.diagnostics.filter((d) => d.severity === 'error');
      assert.match(banner ?? '', new RegExp(`^${errors.length} errors — first: line ${errors[0].range.start.line + 1}: `));
      // Line 7 writes ack=x where x+1 is due: its arrow is marked and says both. Lines 10, 12 and 14
      // assert wrong states: their segments are right, so the marks are on the state notes.
      const marked = await p.page.$$eval('#diagram line.tf-error', (els) => els.map((e) => Number(e.getAttribute('data-tf-index'))));
      assert.deepEqual(marked, [u.messageLines.indexOf(6)]);
      const texts = await p.page.$$eval('#diagram text.tf-error', (els) => els.map((e) => e.textContent ?? ''));
      assert.deepEqual(texts, ['⚠ SYN,ACK seq=y ack=x ✗ x+1']);
      const notes = await p.page.$$eval('#diagram g.tf-error', (els) => els.map((e) => e.textContent ?? ''));
      assert.deepEqual(notes, ['⚠ FIN_WAIT_1 ✗ ESTABLISHED', '⚠ LAST_ACK ✗ CLOSE_WAIT', '⚠ TIME_WAIT ✗ CLOSED']);
      // Fixed: the banner goes away.
      await draw(p, updateFor(example('three-way-handshake.tcpflow'), 2));
      assert.equal(await p.page.locator('#errors').isHidden(), true);
    });
  });
});

describe('preview webview: user text stays text', () => {
  const PAYLOADS = [
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned = 2">',
    '%%{init: {"theme":"dark"}}%%',
    'x; end; A->>B: injected',
    'end',
    '"double" and \'single\' quotes',
    '# not a comment',
    '#59; already an entity',
    '<br/>new line',
    '$$\\href{javascript:alert(1)}{x}$$',
  ];
  const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const source = (s: string): string =>
    [
      `title ${quote(s)}`,
      `participant A as ${quote(s)}`,
      `participant B as ${quote(s)} (LISTEN)`,
      `note over A, B: ${quote(s)}`,
      `A -> B: SYN seq=100 ${quote(s)}`,
      `wait ${quote(s)}`,
    ].join('\n') + '\n';

  it('shows every payload literally and runs none of it', async () => {
    await withPage(async (p) => {
      let seq = 0;
      for (const payload of PAYLOADS) {
        const u = updateFor(source(payload), ++seq);
        const m = await draw(p, u);
        assert.ok(isRendered(m), `${payload}: ${JSON.stringify(m)}`);
        assert.equal(m.arrows, 1, `${payload}: one arrow`);
        assert.equal(m.notes, expectedNotes(u.analysis), `${payload}: notes`);
        const shown = await p.page.$$eval('#diagram text', (els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
        const flat = payload.replace(/\s+/g, ' ');
        // title, two participant boxes (drawn top and bottom), the note, the arrow's label, the wait
        assert.ok(shown.filter((t) => t.includes(flat)).length >= 5, `${payload}: shown as text in ${JSON.stringify(shown)}`);
        const state = await p.page.evaluate(() => ({
          pwned: (window as unknown as { __pwned?: unknown }).__pwned,
          scripts: document.querySelectorAll('script').length,
          active: document.querySelectorAll('#diagram img, #diagram iframe, #diagram foreignObject, #diagram script, #diagram a').length,
          handlers: [...document.querySelectorAll('#diagram *')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        }));
        assert.deepEqual(state, { pwned: undefined, scripts: 1, active: 0, handlers: 0 }, payload);
      }
      // The `%%{init}%%` payload did not switch the theme: the participant box keeps the light fill.
      const fill = await p.page.$eval('#diagram rect.actor', (r) => getComputedStyle(r).fill);
      assert.equal(fill, 'rgb(236, 236, 255)');
    });
  });
});

describe('preview webview: interaction', () => {
  it('redraws in dark colours when VS Code switches the theme', async () => {
    await withPage(async (p) => {
      await draw(p, updateFor(example('three-way-handshake.tcpflow'), 1));
      const light = await p.page.$eval('#diagram rect.actor', (r) => getComputedStyle(r).fill);
      const from = (await p.posted()).length;
      await p.page.evaluate(() => document.body.classList.replace('vscode-light', 'vscode-dark'));
      const m = await p.waitForPosted(isRendered, from);
      assert.equal(m.seq, 1);
      assert.equal(m.arrows, 5);
      const dark = await p.page.$eval('#diagram rect.actor', (r) => getComputedStyle(r).fill);
      assert.notEqual(dark, light);
      const [r, g, b] = (dark.match(/\d+/g) ?? []).map(Number);
      assert.ok(0.2126 * r + 0.7152 * g + 0.0722 * b < 128, `dark fill ${dark}`);
    });
  });

  it('posts reveal with the source line of the clicked arrow, label or line', async () => {
    await withPage(async (p) => {
      const u = updateFor(example('lost-syn-retransmission.tcpflow'), 1);
      await draw(p, u);
      const isReveal = (m: WebviewMessage): m is RevealMessage => m.type === 'reveal';
      for (const [i, where] of [
        [2, 'label'],
        [0, 'near the line'],
        [u.messageLines.length - 1, 'label'],
      ] as const) {
        const from = (await p.posted()).length;
        if (where === 'label') {
          await p.page.locator(`#diagram text[data-tf-index="${i}"]`).first().click();
        } else {
          // 4 px off a 2 px line: the wide transparent hit line catches it.
          const box = await p.page.locator(`#diagram [data-et="message"][data-tf-index="${i}"]`).boundingBox();
          assert.ok(box);
          await p.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 + 4);
        }
        const m = await p.waitForPosted(isReveal, from);
        assert.equal(m.line, u.messageLines[i], `${where} of arrow ${i}`);
      }
    });
  });

  it('highlights the arrow of the line the cursor is on', async () => {
    await withPage(async (p) => {
      const u = updateFor(example('four-way-close.tcpflow'), 1);
      await draw(p, u);
      await p.send({ type: 'highlight', line: u.messageLines[1] });
      const active = await p.page.$$eval('#diagram .tf-active', (els) => [...new Set(els.map((e) => e.getAttribute('data-tf-index')))]);
      assert.deepEqual(active, ['1']);
      await p.send({ type: 'highlight', line: null });
      assert.equal(await p.page.locator('#diagram .tf-active').count(), 0);
    });
  });

  it('ignores a stale update and drops a render that a newer edit overtook', async () => {
    await withPage(async (p) => {
      await draw(p, updateFor(example('three-way-handshake.tcpflow'), 5));
      const from = (await p.posted()).length;
      // Stale: seq 3 after seq 5.
      await p.send(toMessage(updateFor(example('four-way-close.tcpflow'), 3)));
      // Overtaken: a long flow, then at once a short one.
      const big = updateFor(flowOf(200), 6);
      const small = updateFor(example('rst-closed-port.tcpflow'), 7);
      await p.page.evaluate(([a, b]) => {
        window.postMessage(a, '*');
        window.postMessage(b, '*');
      }, [toMessage(big), toMessage(small)] as const);
      const m = await p.waitForPosted((x): x is RenderedMessage => isRendered(x) && x.seq === 7, from);
      assert.equal(m.arrows, small.analysis.messages.length);
      await settled(p); // nothing is left to draw: no late `rendered` for the overtaken update can follow
      const seqs = (await p.posted()).slice(from).filter(isRendered).map((x) => x.seq);
      assert.deepEqual(seqs, [7]);
    });
  });

  it('redraws nothing for an unchanged text, yet follows moved lines', async () => {
    await withPage(async (p) => {
      const text = example('three-way-handshake.tcpflow');
      await draw(p, updateFor(text, 1));
      const moved = updateFor(`\n\n${text}`, 2);
      const m = await draw(p, moved);
      assert.ok(isRendered(m) && m.unchanged, JSON.stringify(m));
      const from = (await p.posted()).length;
      await p.page.locator('#diagram text[data-tf-index="0"]').click();
      const r = await p.waitForPosted((x): x is RevealMessage => x.type === 'reveal', from);
      assert.equal(r.line, moved.messageLines[0]);
    });
  });
});
