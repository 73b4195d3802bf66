// A page that imitates VS Code's webview for the preview bundle: the same HTML and CSP (from
// client/src/preview/html.ts), served from a fake origin, with an acquireVsCodeApi shim that
// records every postMessage, and the host's messages delivered as window `message` events.
// Used by the browser tests and the preview bench. Needs `node scripts/webview.build.mjs` first.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeNonce, previewHtml } from '../../client/src/preview/html';
import { payloadOf } from '../../client/src/preview/payload';
import type { HostMessage, PreviewState, UpdateMessage, WebviewMessage } from '../../client/src/preview/protocol';
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

export interface PreviewPage {
  page: Page;
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
    strings: { zoomIn: 'Zoom In', zoomOut: 'Zoom Out', zoomFit: 'Fit', zoomReset: '100%', tooLarge: 'This flow has {0} segments: more than the preview draws ({1}).', renderError: 'Mermaid could not draw this diagram: {0}', loading: 'Drawing…' },
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
  await page.addInitScript((initial) => {
    const w = window as unknown as Record<string, unknown>;
    const posted: unknown[] = [];
    const problems: string[] = [];
    let state: unknown = initial;
    w.__posted = posted;
    w.__problems = problems;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => state,
      setState: (s: unknown) => {
        state = s;
        w.__state = s;
      },
    });
    document.addEventListener('securitypolicyviolation', (e) => problems.push(`CSP ${e.violatedDirective}: ${e.blockedURI}`));
    window.addEventListener('error', (e) => problems.push(`error: ${e.message}`));
  }, opts.state);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  await page.goto(`${ORIGIN}/`);
  const posted = (): Promise<WebviewMessage[]> => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
  const pp: PreviewPage = {
    page,
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

/** The update the host would send for `text`. */
export function updateFor(text: string, seq: number, uri = 'file:///test.tcpflow'): UpdateMessage & { analysis: Analysis } {
  const analysis = analyze(text);
  return { type: 'update', seq, uri, ...payloadOf(analysis), analysis };
}

/** The message alone, without the analysis the tests keep beside it. */
export function toMessage(u: UpdateMessage): UpdateMessage {
  const { type, seq, uri, mermaidText, messageLines, errorLines, errors } = u;
  return { type, seq, uri, mermaidText, messageLines, errorLines, errors };
}

/** Sends an update and waits for the webview's `rendered` (or `renderFailed`) for that seq. */
export async function draw(p: PreviewPage, update: UpdateMessage): Promise<WebviewMessage> {
  const from = (await p.posted()).length;
  await p.send(toMessage(update));
  return p.waitForPosted((m): m is WebviewMessage => (m.type === 'rendered' || m.type === 'renderFailed') && m.seq === update.seq, from);
}
