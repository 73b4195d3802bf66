// The language server in a Web Worker (the browser extension's dist/web/server.js): the same
// server as main.ts, speaking LSP with the extension host that started it through postMessage
// (BrowserMessageReader/Writer) instead of stdio or IPC.
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection, type Message } from 'vscode-languageserver/browser';
import { startServer } from './server';

// The worker's global scope (`self`): typed loosely, as the project's TypeScript libraries are the DOM's, not WebWorker's.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

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

startServer(createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new JsonMessageWriter(self)));
