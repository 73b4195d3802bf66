// The language server in a Web Worker (the browser extension's dist/web/server.js): the same
// server as main.ts, speaking LSP with the extension host that started it through postMessage
// (BrowserMessageReader/Writer) instead of stdio or IPC, behind the same guards (guard.ts): what a
// client should never send is refused, answered and logged on the worker's console, and a failure
// in the server is logged there too while the server goes on.
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, TextDocuments, createConnection, type Message } from 'vscode-languageserver/browser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { GuardedReader, describeError, guardConnection, refuser, type Log } from './guard';
import { startServer } from './server';

/** The worker's global scope (`self`): typed loosely, as the project's TypeScript libraries are the DOM's, not WebWorker's. */
type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0] & {
  addEventListener(type: 'error' | 'unhandledrejection', listener: (e: WorkerErrorEvent) => void): void;
};
/** An `error` event (`error`) or an `unhandledrejection` event (`reason`). */
type WorkerErrorEvent = { error?: unknown; reason?: unknown; preventDefault(): void };
declare const self: WorkerScope;

/**
 * postMessage copies a message by structured clone, which ignores `toJSON`: the syntax tree's ranges
 * (LineRange: a line and two columns) would reach the client as `{line, from, to}` instead of LSP's
 * `{start, end}`. The Node transports write JSON text; this writer sends what that JSON text says.
 */
class JsonMessageWriter extends BrowserMessageWriter {
  override write(msg: Message): Promise<void> {
    return super.write(JSON.parse(JSON.stringify(msg)) as Message);
  }
}

const log: Log = (line) => console.warn(`tcpflow-language-server: ${line}`);
// A failure outside any handler (a timer, a promise no one awaited) is logged; the worker goes on.
self.addEventListener('error', (e: WorkerErrorEvent) => {
  log(`internal error (the server goes on): ${describeError(e.error)}`);
  e.preventDefault();
});
self.addEventListener('unhandledrejection', (e: WorkerErrorEvent) => {
  log(`internal error (the server goes on): ${describeError(e.reason)}`);
  e.preventDefault();
});

const writer = new JsonMessageWriter(self);
const refuse = refuser((m) => void writer.write(m).catch(() => undefined), log);
const reader = new GuardedReader(new BrowserMessageReader(self), refuse);
const documents = new TextDocuments(TextDocument);
startServer(guardConnection(createConnection(ProposedFeatures.all, reader, writer), documents, log), documents);
