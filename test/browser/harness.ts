// A page that imitates VS Code's webview for the preview bundle: the same HTML and CSP (from
// client/src/preview/html.ts), served from a fake origin, with an acquireVsCodeApi shim that
// records every postMessage, and the host's messages delivered as window `message` events.
// Used by the browser tests and the preview bench. Needs `node scripts/webview.build.mjs` first.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeNonce, previewHtml } from '../../client/src/preview/html';
import { arrowLines, payloadOf, type PreviewMemory } from '../../client/src/preview/payload';
import type { DiagramUpdate, HostMessage, PreviewState, UpdateMessage, WebviewMessage } from '../../client/src/preview/protocol';
import { STEP_STRINGS } from '../../client/src/preview/stepStrings';
import { analyze } from '../../server/src/core/analyze';
import type { Analysis } from '../../server/src/core/tcp/analysis';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ORIGIN = 'https://tcpflow.test';
const BUNDLE = 'dist/webview/preview.js';
const STYLE = 'dist/webview/preview.css';

export type BodyTheme = 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast' | 'vscode-high-contrast-light';

/** Installs Debian's chromium when missing; waits (bounded) while another apt/dpkg holds the lock. */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const apt = (args: string[]): void => {
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=120', ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        execFileSync('sleep', ['15']);
      }
    }
  };
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', 'chromium']);
}

export async function launchBrowser(): Promise<Browser> {
  ensureChromium();
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`node scripts/webview.build.mjs\` first`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** One browser for the tests of a file: launched before them, closed after them. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched before the tests run');
    return browser;
  };
}

/** Opens a preview page, runs `f` on it, checks that nothing violated the CSP or threw, closes it. */
export async function withPreviewPage<T>(browser: Browser, opts: OpenOptions, f: (p: PreviewPage) => Promise<T>): Promise<T> {
  const p = await openPreviewPage(browser, opts);
  try {
    const result = await f(p);
    assert.deepEqual(await p.problems(), [], 'no CSP violation, no page error');
    return result;
  } finally {
    await p.close();
  }
}

export interface PreviewPage {
  page: Page;
  marks(): Promise<PageMarks>;
  /** Everything the webview posted so far. */
  posted(): Promise<WebviewMessage[]>;
  send(msg: HostMessage): Promise<void>;
  /** Resolves with the first posted message (from index `from` on) that `pred` accepts. */
  waitForPosted<T extends WebviewMessage>(pred: (m: WebviewMessage) => m is T, from?: number, timeoutMs?: number): Promise<T>;
  /** CSP violations and page errors seen so far. */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

export interface OpenOptions {
  theme?: BodyTheme;
  state?: PreviewState;
  width?: number;
  height?: number;
  /** Sent as soon as the page posts `ready`, as the host sends the update it built while the page loaded. */
  autoUpdate?: UpdateMessage;
}

/**
 * Times the page records (performance.now(), from the start of navigation): `ready`, and for each
 * update seq when its `rendered` (or `renderFailed`) was posted and when the frame after it was painted.
 */
export interface PageMarks {
  ready?: number;
  posted: Record<number, number>;
  painted: Record<number, number>;
}

/** Opens the preview page in a new browser context and waits until it posted `ready`. */
export async function openPreviewPage(browser: Browser, opts: OpenOptions = {}): Promise<PreviewPage> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1000, height: opts.height ?? 800 } });
  const page = await context.newPage();
  const html = previewHtml({
    cspSource: ORIGIN,
    nonce: makeNonce((n) => crypto.getRandomValues(new Uint8Array(n))),
    scriptUri: `${ORIGIN}/preview.js`,
    styleUri: `${ORIGIN}/preview.css`,
    strings: { zoomIn: 'Zoom In', zoomOut: 'Zoom Out', zoomFit: 'Fit', zoomReset: '100%', pngTooLarge: 'The diagram is {0} px tall: too large for one PNG (at most {1} px a side).', renderError: 'Mermaid could not draw this diagram: {0}', loading: 'Drawing…', step: STEP_STRINGS.en },
    lang: 'en',
  }).replace('<body>', `<body class="${opts.theme ?? 'vscode-light'}">`);
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
    if (path === '/preview.js') return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: readFileSync(BUNDLE) });
    if (path === '/preview.css') return route.fulfill({ contentType: 'text/css; charset=utf-8', body: readFileSync(STYLE) });
    return route.fulfill({ status: 404, body: '' });
  });
  // tsx compiles this file with esbuild's keepNames: functions sent to the page call `__name`.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.addInitScript(
    ([initial, autoUpdate]) => {
      const w = window as unknown as Record<string, unknown>;
      const posted: unknown[] = [];
      const problems: string[] = [];
      const marks: PageMarks = { posted: {}, painted: {} };
      let state: unknown = initial;
      w.__posted = posted;
      w.__problems = problems;
      w.__marks = marks;
      const mark = (m: { type?: string; seq?: number }): void => {
        const now = performance.now();
        if (m.type === 'ready') {
          marks.ready = now;
          if (autoUpdate) setTimeout(() => window.postMessage(autoUpdate, '*'), 0);
        } else if ((m.type === 'rendered' || m.type === 'renderFailed') && m.seq !== undefined) {
          const seq = m.seq;
          marks.posted[seq] = now;
          // rAF runs just before the frame is painted; the task after it runs once it is.
          requestAnimationFrame(() => setTimeout(() => (marks.painted[seq] = performance.now()), 0));
        }
      };
      w.acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => {
          mark(m as { type?: string; seq?: number });
          posted.push(JSON.parse(JSON.stringify(m)));
        },
        getState: () => state,
        setState: (s: unknown) => {
          state = s;
          w.__state = s;
        },
      });
      document.addEventListener('securitypolicyviolation', (e) => problems.push(`CSP ${e.violatedDirective}: ${e.blockedURI}`));
      window.addEventListener('error', (e) => problems.push(`error: ${e.message}`));
    },
    [opts.state, opts.autoUpdate && toMessage(opts.autoUpdate)] as const,
  );
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  await page.goto(`${ORIGIN}/`);
  const posted = (): Promise<WebviewMessage[]> => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
  const pp: PreviewPage = {
    page,
    marks: () => page.evaluate(() => (window as unknown as { __marks: PageMarks }).__marks),
    posted,
    send: async (msg) => {
      await page.evaluate((m) => window.postMessage(m, '*'), msg);
    },
    waitForPosted: async (pred, from = 0, timeoutMs = 60_000) => {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = (await posted()).slice(from).find(pred);
        if (found) return found;
        if (Date.now() > end) throw new Error(`timed out waiting for a posted message; got ${JSON.stringify(await posted())}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    problems: async () => [...pageErrors, ...(await page.evaluate(() => (window as unknown as { __problems: string[] }).__problems))],
    close: () => context.close(),
  };
  await pp.waitForPosted((m): m is WebviewMessage => m.type === 'ready');
  return pp;
}

/** An update the host would send for `text`, with what the tests check it against. */
export type TestUpdate = DiagramUpdate & { analysis: Analysis; messageLines: number[] };

/** The update the host would send for `text` (pass the preview's memory to slice as it does across edits). */
export function updateFor(text: string, seq: number, uri = 'file:///test.tcpflow', memory?: PreviewMemory): TestUpdate {
  const analysis = analyze(text);
  const payload = payloadOf(analysis, text, {}, memory);
  return { type: 'update', seq, uri, ...payload, analysis, messageLines: arrowLines(payload) };
}

/** The message alone, without what the tests keep beside it. */
export function toMessage(u: UpdateMessage): UpdateMessage {
  const { type, seq, uri, diagram, errors, steps, summary } = u;
  return { type, seq, uri, diagram, ...(errors ? { errors } : {}), steps, summary };
}

/** Sends an update and waits for the webview's `rendered` (or `renderFailed`) for that seq. */
export async function draw(p: PreviewPage, update: UpdateMessage): Promise<WebviewMessage> {
  const from = (await p.posted()).length;
  await p.send(toMessage(update));
  return p.waitForPosted((m): m is WebviewMessage => (m.type === 'rendered' || m.type === 'renderFailed') && m.seq === update.seq, from);
}

/** Resolves once the preview has drawn everything it wants near the view (after the next frame). */
export async function settled(p: PreviewPage): Promise<void> {
  await p.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  await p.page.waitForFunction(() => document.getElementById('diagram')?.dataset.busy !== 'true', undefined, { polling: 'raf', timeout: 120_000 });
}

/** Scrolls the preview to `y` and waits until the slices brought into view are drawn. */
export async function scrollTo(p: PreviewPage, y: number): Promise<void> {
  await p.page.$eval('#viewport', (v, top) => v.scrollTo(0, top), y);
  await settled(p);
}
