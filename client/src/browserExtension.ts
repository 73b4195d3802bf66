// The extension's browser entry (package.json `browser`): github.dev, vscode.dev and any web
// extension host, where no Node module exists. The language server is the same code, bundled for
// a Web Worker (dist/web/server.js, from server/src/lsp/browserMain.ts); the client speaks LSP to
// it with postMessage (vscode-languageclient/browser). What both entries do is in activate.ts.
import { Uri, workspace, type ExtensionContext } from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { activateTcpflow, type TcpflowApi } from './activate';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<TcpflowApi> {
  const script = Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  return activateTcpflow(context, (id, name, options) => (client = new LanguageClient(id, name, () => connect(script), options)));
}

/**
 * The transports to the server's worker, made here: the client library tells a worker from transports with
 * `instanceof Worker`, which fails in VS Code's web extension host (it replaces the global `Worker`).
 */
async function connect(script: Uri): Promise<MessageTransports> {
  const worker = await startWorker(script);
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

/**
 * The server's worker. The web extension host lets an extension start a worker from its own files (github.dev
 * serves them over https); it refuses a `vscode-remote:` URL — an extension installed on a remote server (such
 * as code-server) but run in the browser — so that one starts from a copy of the script read through
 * workspace.fs.
 */
async function startWorker(script: Uri): Promise<Worker> {
  if (script.scheme !== 'vscode-remote') return new Worker(script.toString(true));
  const code = new TextDecoder().decode(await workspace.fs.readFile(script));
  return new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
