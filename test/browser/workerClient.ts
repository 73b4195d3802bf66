// Runs in the test page (bundled by webServer.test.ts): starts the web language server
// (dist/web/server.js) in a real Web Worker and speaks LSP to it through the browser transport
// (BrowserMessageReader/Writer over postMessage), as vscode-languageclient/browser does in
// github.dev. The test drives it through `window.lsp`.
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  PublishDiagnosticsNotification,
  createProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/browser';

export interface WorkerLsp {
  initialize(locale: string): Promise<unknown>;
  /** Opens a document and resolves with the diagnostics published for its first version. */
  open(uri: string, languageId: string, text: string): Promise<PublishDiagnosticsParams>;
  request(method: string, params: unknown): Promise<unknown>;
  /** Errors the worker reported (uncaught exceptions, failed loads). */
  errors(): string[];
}

const worker = new Worker('/server.js');
const errors: string[] = [];
worker.addEventListener('error', (e) => errors.push(`worker error: ${e.message}`));
const conn = createProtocolConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
const waiting = new Map<string, (p: PublishDiagnosticsParams) => void>();
conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
  const key = `${p.uri}#${p.version}`;
  waiting.get(key)?.(p);
  waiting.delete(key);
});
conn.onRequest('client/registerCapability', () => null);
conn.onRequest('workspace/inlayHint/refresh', () => null);
conn.listen();

const lsp: WorkerLsp = {
  async initialize(locale) {
    const result = await conn.sendRequest('initialize', { processId: null, rootUri: null, locale, capabilities: {} });
    await conn.sendNotification('initialized', {});
    return result;
  },
  open(uri, languageId, text) {
    const published = new Promise<PublishDiagnosticsParams>((resolve) => waiting.set(`${uri}#1`, resolve));
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return published;
  },
  request: (method, params) => conn.sendRequest(method, params),
  errors: () => [...errors],
};
(window as unknown as { lsp: WorkerLsp }).lsp = lsp;
