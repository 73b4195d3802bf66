// The web build's language server (dist/web/server.js) in a real Web Worker in headless chromium,
// spoken to through the browser LSP transport (postMessage), must answer exactly as the Node server
// (dist/server/main.js over stdio) does: the same diagnostics for every file in examples/ (as a
// .tcpflow file and as a ```tcpflow block of a Markdown note, in English and Korean), and the same
// hovers, completions, quick fixes, inlay hints, symbols, folding, semantic tokens and formatting.
// Needs `node scripts/build.mjs` first (npm run test:browser does it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startSession, type Session } from '../lsp/harness';
import { launchBrowser } from './harness';
import type { WorkerLsp } from './workerClient';

const ORIGIN = 'https://tcpflow.test';
const WORKER_SERVER = 'dist/web/server.js';
const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.tcpflow')).sort();
const example = (name: string): string => readFileSync(`examples/${name}`, 'utf8');
const uriOf = (name: string) => `file:///tmp/tcpflow-lsp-test/${name}`; // the Node harness's URIs
const asNote = (name: string) => `# ${name}\n\nMy notes.\n\n\`\`\`tcpflow\n${example(name)}\`\`\`\n`;

interface WorkerSession {
  page: Page;
  initialize(locale: string): Promise<unknown>;
  open(uri: string, languageId: string, text: string): Promise<PublishDiagnosticsParams>;
  request(method: string, params: unknown): Promise<unknown>;
  problems(): Promise<string[]>;
}

/** A page that runs test/browser/workerClient.ts, which starts dist/web/server.js in a Web Worker. */
async function openWorkerPage(browser: Browser): Promise<WorkerSession> {
  if (!existsSync(WORKER_SERVER)) throw new Error(`${WORKER_SERVER} is missing: run \`node scripts/build.mjs\` first`);
  const client = await esbuild.build({ entryPoints: ['test/browser/workerClient.ts'], bundle: true, platform: 'browser', format: 'iife', write: false, logLevel: 'warning' });
  const context = await browser.newContext();
  // Context-wide routes: they also serve the worker's own script request.
  await context.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const js = (body: string | Buffer) => route.fulfill({ contentType: 'text/javascript; charset=utf-8', body });
    if (path === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><meta charset="utf-8"><script src="/client.js"></script>' });
    if (path === '/client.js') return js(client.outputFiles[0].text);
    if (path === '/server.js') return js(readFileSync(WORKER_SERVER));
    return route.fulfill({ status: 404, body: '' });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('worker', (w) => w.on('close', () => errors.push('the worker closed')));
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'lsp' in window);
  const lsp = <A extends unknown[], R>(f: (l: WorkerLsp, ...a: A) => Promise<R> | R) => (...a: A) =>
    page.evaluate(([src, args]) => new Function('l', 'args', `return (${src})(l, ...args)`)((window as unknown as { lsp: WorkerLsp }).lsp, args), [f.toString(), a] as const) as Promise<R>;
  return {
    page,
    initialize: lsp((l, locale: string) => l.initialize(locale)),
    open: lsp((l, uri: string, languageId: string, text: string) => l.open(uri, languageId, text)),
    request: lsp((l, method: string, params: unknown) => l.request(method, params)),
    problems: async () => [...errors, ...(await lsp((l) => l.errors())())],
  };
}

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A Node session and a worker session, both initialized with `locale`. */
async function bothServers(locale: string): Promise<{ node: Session; web: WorkerSession; close(): Promise<void> }> {
  const node = await startSession({ locale });
  const web = await openWorkerPage(browser);
  const init = (await web.initialize(locale)) as { serverInfo?: { name: string } };
  assert.equal(init.serverInfo?.name, 'tcpflow-language-server');
  return {
    node,
    web,
    close: async () => {
      assert.deepEqual(await web.problems(), [], 'no error in the page or the worker');
      await web.page.context().close();
      await node.close();
    },
  };
}

const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`).join(', ');

for (const locale of ['en', 'ko']) {
  describe(`web language server in a Web Worker = Node language server (${locale})`, () => {
    it('gives the same diagnostics for every example, as a .tcpflow file and as a Markdown note', async () => {
      const { node, web, close } = await bothServers(locale);
      try {
        let total = 0;
        for (const name of EXAMPLES) {
          for (const [file, languageId, text] of [
            [name, 'tcpflow', example(name)],
            [name.replace(/\.tcpflow$/, '.md'), 'markdown', asNote(name)],
          ]) {
            const expected = (await node.open(text, file, languageId)).diagnostics;
            const got = await web.open(uriOf(file), languageId, text);
            assert.deepEqual(got.diagnostics, expected.diagnostics, `${file}: worker ${brief(got.diagnostics)} vs node ${brief(expected.diagnostics)}`);
            total += got.diagnostics.length;
          }
        }
        // The Korean study note keeps its five mistakes (in the file and in the note): the comparison is not of empty lists.
        assert.ok(total >= 10, `diagnostics compared: ${total}`);
      } finally {
        await close();
      }
    });
  });
}

describe('web language server in a Web Worker: the editor features answer as the Node server does', () => {
  it('hover, completion, quick fixes, inlay hints, symbols, folding, semantic tokens and formatting on every example', async () => {
    const { node, web, close } = await bothServers('en');
    try {
      const answered = new Map<string, number>(); // method → non-empty answers compared
      for (const name of EXAMPLES) {
        const text = example(name);
        const uri = uriOf(name);
        const diagnostics = (await node.open(text, name)).diagnostics.diagnostics;
        await web.open(uri, 'tcpflow', text);
        const textDocument = { uri };
        const lines = text.split('\n');
        const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
        const asks: [string, unknown][] = [
          ['textDocument/inlayHint', { textDocument, range: whole }],
          ['textDocument/documentSymbol', { textDocument }],
          ['textDocument/foldingRange', { textDocument }],
          ['textDocument/semanticTokens/full', { textDocument }],
          ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
          ['textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: [], only: ['source.fixAll.tcpflow'] } }],
          ...diagnostics.map((d): [string, unknown] => ['textDocument/codeAction', { textDocument, range: d.range, context: { diagnostics: [d] } }]),
          ...diagnostics.map((d): [string, unknown] => ['textDocument/hover', { textDocument, position: d.range.start }]),
          // On every line: a hover on its first word and a completion at its end.
          ...lines.flatMap((line, i): [string, unknown][] => [
            ['textDocument/hover', { textDocument, position: { line: i, character: line.search(/\S|$/) } }],
            ['textDocument/completion', { textDocument, position: { line: i, character: line.length } }],
          ]),
        ];
        for (const [method, params] of asks) {
          const expected = await node.conn.sendRequest(method, params);
          assert.deepEqual(await web.request(method, params), expected, `${name}: ${method} ${JSON.stringify(params)}`);
          if (expected !== null && !(Array.isArray(expected) && expected.length === 0)) answered.set(method, (answered.get(method) ?? 0) + 1);
        }
      }
      // Every kind of request was compared on real answers, not only on empty ones.
      const methods = ['inlayHint', 'documentSymbol', 'foldingRange', 'semanticTokens/full', 'formatting', 'codeAction', 'hover', 'completion'];
      assert.deepEqual(methods.filter((m) => !answered.get(`textDocument/${m}`)), [], JSON.stringify([...answered]));
    } finally {
      await close();
    }
  });
});
