// The extension's browser entry (package.json `browser`): github.dev, vscode.dev and any web
// extension host, where no Node module exists. The language server is the same code, bundled for
// a Web Worker (dist/web/server.js, from server/src/lsp/browserMain.ts); the client speaks LSP to
// it with postMessage (vscode-languageclient/browser). What both entries do is in activate.ts.
import { Uri, type ExtensionContext } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateTcpflow, type TcpflowApi } from './activate';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<TcpflowApi> {
  return activateTcpflow(context, (id, name, options) => {
    // The web extension host lets an extension start a worker from its own files (it wraps the URL itself).
    const worker = new Worker(Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js').toString(true));
    return (client = new LanguageClient(id, name, worker, options));
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
