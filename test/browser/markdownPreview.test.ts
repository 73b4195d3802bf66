// The script VS Code's Markdown preview loads (dist/webview/markdown-preview.js) in headless
// chromium, in a page like the preview's: its CSP, body theme classes, the markdown-it plugin's
// output inside .markdown-body, and content updates announced with `vscode.markdown.updateContent`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import MarkdownIt from 'markdown-it';
import type { Browser, Page } from 'playwright-core';
import { tcpflowMarkdownIt } from '../../client/src/markdown/markdownIt';
import { analyze } from '../../server/src/core/analyze';
import { launchBrowser, type BodyTheme } from './harness';

const ORIGIN = 'https://tcpflow-md.test';
const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U';
const md = tcpflowMarkdownIt(new MarkdownIt({ html: true }));
const example = (name: string): string => readFileSync(`examples/${name}`, 'utf8');
const HANDSHAKE = example('three-way-handshake.tcpflow');
const KOREAN = example('korean-study-note.tcpflow');
const NOTE = `# Notes\n\n\`\`\`tcpflow\n${HANDSHAKE}\`\`\`\n\nText between.\n\n\`\`\`js\nlet x = 1;\n\`\`\`\n\n~~~tcpflow\n${KOREAN}~~~\n`;

/** The preview's page: VS Code's Markdown preview CSP (strict), our script and stylesheet. */
function page(body: string, theme: BodyTheme): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' https: data:; media-src 'self' https: data:; script-src 'nonce-${NONCE}'; style-src 'self' 'unsafe-inline' https: data:; font-src 'self' https: data:;">
<link rel="stylesheet" href="${ORIGIN}/markdown-preview.css">
</head><body class="vscode-body ${theme}"><div class="markdown-body">${body}</div>
<script async nonce="${NONCE}" src="${ORIGIN}/markdown-preview.js"></script></body></html>`;
}

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

async function open(markdown: string, theme: BodyTheme = 'vscode-light'): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const p = await context.newPage();
  const problems: string[] = [];
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  p.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  await p.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: page(md.render(markdown), theme) });
    if (path === '/markdown-preview.js') return route.fulfill({ contentType: 'text/javascript', body: readFileSync('dist/webview/markdown-preview.js') });
    if (path === '/markdown-preview.css') return route.fulfill({ contentType: 'text/css', body: readFileSync('dist/webview/markdown-preview.css') });
    return route.fulfill({ status: 404, body: '' });
  });
  await p.addInitScript({ content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP ' + e.violatedDirective + ' ' + e.blockedURI));" });
  await p.goto(`${ORIGIN}/`);
  return { page: p, problems, close: () => context.close() };
}

/** Waits until every placeholder of ours (`selector`) is drawn (or failed); returns per placeholder: arrows drawn, and whether it failed. */
async function settled(p: Page, selector = '.tcpflow-diagram'): Promise<{ arrows: number; failed: boolean; problems: number; svg: string }[]> {
  await p.waitForFunction(
    (sel) => [...document.querySelectorAll(sel)].every((el) => el.classList.contains('tcpflow-drawn') || el.classList.contains('tcpflow-failed')),
    selector,
    { timeout: 60_000 },
  );
  return p.$$eval(selector, (els) =>
    els.map((el) => ({
      arrows: el.querySelectorAll('svg [data-et="message"]').length,
      failed: el.classList.contains('tcpflow-failed'),
      problems: el.querySelectorAll('li.tcpflow-problem').length,
      svg: el.querySelector('svg')?.outerHTML ?? '',
    })),
  );
}

/**
 * What VS Code's preview does on an edit: the new content morphed into .markdown-body (morphdom
 * keeps an element where the tag matches, with the new attributes and children), then the event.
 * Returns whether each diagram was there at once.
 */
function update(p: Page, markdown: string): Promise<boolean[]> {
  return p.evaluate((html) => {
    const root = document.querySelector('.markdown-body')!;
    const next = document.createElement('div');
    next.innerHTML = html;
    const fresh = [...next.children];
    fresh.forEach((el, i) => {
      const old = root.children[i];
      if (!old) return root.append(el);
      if (old.tagName !== el.tagName) return old.replaceWith(el);
      for (const a of [...old.attributes]) old.removeAttribute(a.name);
      for (const a of [...el.attributes]) old.setAttribute(a.name, a.value);
      old.replaceChildren(...el.childNodes);
    });
    while (root.children.length > fresh.length) root.lastElementChild!.remove();
    window.dispatchEvent(new CustomEvent('vscode.markdown.updateContent'));
    return [...document.querySelectorAll('.tcpflow-diagram')].map((el) => !!el.querySelector('svg'));
  }, md.render(markdown));
}

describe('Markdown preview script: ```tcpflow diagrams', () => {
  it('colours the error marks as the preview panel does: the wrong ack’s arrow, the wrong assertions’ notes', async () => {
    const o = await open(`\`\`\`tcpflow\n${KOREAN}\`\`\`\n`);
    try {
      await settled(o.page);
      const marked = await o.page.evaluate(() => ({
        arrows: [...document.querySelectorAll('svg text.tcpflow-error')].map((e) => e.textContent),
        lines: document.querySelectorAll('svg line.tcpflow-error, svg path.tcpflow-error').length,
        notes: [...document.querySelectorAll('svg g.tcpflow-error')].map((e) => e.textContent),
        colour: getComputedStyle(document.querySelector('svg g.tcpflow-error text')!).fill,
      }));
      assert.deepEqual(marked.arrows, ['⚠ SYN,ACK seq=y ack=x ✗ x+1']);
      assert.equal(marked.lines, 1);
      assert.deepEqual(marked.notes, ['⚠ FIN_WAIT_1 ✗ ESTABLISHED', '⚠ LAST_ACK ✗ CLOSE_WAIT', '⚠ TIME_WAIT ✗ CLOSED']);
      assert.equal(marked.colour, 'rgb(229, 20, 0)');
      assert.deepEqual(o.problems, []);
    } finally {
      await o.close();
    }
  });

  it('draws every block with the bundled Mermaid under the preview’s CSP; errors stay listed under the diagram', async () => {
    const o = await open(NOTE);
    try {
      const got = await settled(o.page);
      assert.deepEqual(
        got.map((g) => [g.arrows, g.failed]),
        [
          [analyze(HANDSHAKE).messages.length, false],
          [analyze(KOREAN).messages.length, false],
        ],
      );
      const errorsAndWarnings = analyze(KOREAN).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').length;
      assert.deepEqual(got.map((g) => g.problems), [0, errorsAndWarnings]);
      // The Mermaid text the diagram was drawn from is hidden; other code blocks are untouched.
      assert.equal(await o.page.locator('pre.tcpflow-mermaid').first().isHidden(), true);
      assert.equal(await o.page.locator('code.language-js').isVisible(), true);
      const order = await o.page.$$eval('.tcpflow-diagram', (els) => [...els[1].children].map((c) => c.className));
      assert.deepEqual(order, ['tcpflow-svg', 'tcpflow-mermaid', 'tcpflow-problems'], 'the diagram first, the problems under it');
      assert.deepEqual(o.problems, []);
    } finally {
      await o.close();
    }
  });

  it('follows the theme: a switch to dark redraws in dark colours', async () => {
    const o = await open(`\`\`\`tcpflow\n${HANDSHAKE}\`\`\`\n`);
    try {
      const [light] = await settled(o.page);
      await o.page.evaluate(() => {
        document.body.classList.replace('vscode-light', 'vscode-dark');
      });
      await o.page.waitForFunction((before) => document.querySelector('.tcpflow-diagram svg')?.outerHTML !== before, light.svg, { timeout: 60_000 });
      const [dark] = await settled(o.page);
      assert.equal(dark.arrows, light.arrows);
      assert.notEqual(dark.svg, light.svg);
      assert.deepEqual(o.problems, []);
    } finally {
      await o.close();
    }
  });

  it('redraws on the preview’s content updates: an unchanged diagram at once, a changed one anew', async () => {
    const o = await open(`\`\`\`tcpflow\n${HANDSHAKE}\`\`\`\n`);
    try {
      await settled(o.page);
      assert.deepEqual(await update(o.page, `Edited prose.\n\n\`\`\`tcpflow\n${HANDSHAKE}\`\`\`\n`), [true], 'drawn again in the same task: no flicker');
      const edited = HANDSHAKE + 'A -> B: FIN,ACK seq=201 ack=301\n';
      assert.deepEqual(await update(o.page, `\`\`\`tcpflow\n${edited}\`\`\`\n\n\`\`\`tcpflow\n${HANDSHAKE}\`\`\`\n`), [false, true]);
      const got = await settled(o.page);
      assert.deepEqual(got.map((g) => g.arrows), [analyze(edited).messages.length, analyze(HANDSHAKE).messages.length]);
      assert.deepEqual(o.problems, []);
    } finally {
      await o.close();
    }
  });

  it('says why instead of drawing: Mermaid failed, or the flow is too large', async () => {
    const o = await open('x');
    try {
      await o.page.evaluate(() => {
        document.querySelector('.markdown-body')!.innerHTML =
          '<div class="tcpflow-nonce" data-tcpflow-nonce="n1" hidden></div>' +
          '<div class="tcpflow-diagram" data-lang="en" data-segments="1" data-tcpflow-nonce="n1"><pre class="tcpflow-mermaid">sequenceDiagram\n    A-&gt;&gt;</pre></div>' +
          '<div class="tcpflow-diagram" data-lang="ko" data-segments="99999" data-tcpflow-nonce="n1"><pre class="tcpflow-mermaid">sequenceDiagram</pre></div>';
        window.dispatchEvent(new CustomEvent('vscode.markdown.updateContent'));
      });
      const got = await settled(o.page);
      assert.deepEqual(got.map((g) => g.failed), [true, true]);
      const texts = await o.page.$$eval('.tcpflow-render-error', (els) => els.map((e) => e.textContent ?? ''));
      assert.match(texts[0], /^Mermaid could not draw this diagram: /);
      assert.match(texts[1], /^이 흐름에는 세그먼트가 99999개/);
    } finally {
      await o.close();
    }
  });

  it('draws only the plugin’s placeholders: one a note forges in raw HTML, with a directive, stays text (issue 16)', async () => {
    const forged =
      '<div class="tcpflow-diagram" data-lang="en" data-segments="1"><pre class="tcpflow-mermaid">%%{init: {"theme":"dark"}}%%\nsequenceDiagram\n    A->>B: forged</pre></div>\n' +
      '<div class="tcpflow-nonce" data-tcpflow-nonce="mine" hidden></div>\n' +
      '<div class="tcpflow-diagram" data-lang="en" data-segments="1" data-tcpflow-nonce="mine"><pre class="tcpflow-mermaid">sequenceDiagram\n    A->>B: forged too</pre></div>\n\n';
    // The forged placeholders come first, so that any drawing of theirs would be queued before ours finishes.
    const o = await open(`${forged}\`\`\`tcpflow\n${HANDSHAKE}\`\`\`\n`);
    try {
      const [ours] = await settled(o.page, '.tcpflow-diagram[data-tcpflow-nonce]:not([data-tcpflow-nonce="mine"])');
      assert.deepEqual([ours.arrows, ours.failed], [analyze(HANDSHAKE).messages.length, false]);
      const theirs = await o.page.$$eval('.tcpflow-diagram', (els) => els.slice(0, 2).map((el) => [el.className, el.querySelectorAll('svg').length, el.querySelector('pre')!.checkVisibility()]));
      assert.deepEqual(theirs, [
        ['tcpflow-diagram', 0, true],
        ['tcpflow-diagram', 0, true],
      ]);
      assert.deepEqual(o.problems, []);
    } finally {
      await o.close();
    }
  });
});

