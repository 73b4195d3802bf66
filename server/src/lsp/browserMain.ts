// The language server in a Web Worker (the browser extension's dist/web/server.js): the same
// server as main.ts, speaking LSP with the page or extension host that started it through
// postMessage (BrowserMessageReader/Writer) instead of stdio or IPC.
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server';

// The worker's global scope (`self`): typed loosely, as the project's TypeScript libraries are the DOM's, not WebWorker's.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

startServer(createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self)));
