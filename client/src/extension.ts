// The extension's Node entry (package.json `main`): VS Code on a desktop, or a remote/server
// extension host. The language server runs as its own Node process (dist/server/main.js) over IPC.
// The browser entry is browserExtension.ts; what both do is in activate.ts.
import { Uri, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateTcpflow, type TcpflowApi } from './activate';

export type { TcpflowApi } from './activate';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<TcpflowApi> {
  const module = Uri.joinPath(context.extensionUri, 'dist', 'server', 'main.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return activateTcpflow(context, (id, name, options) => (client = new LanguageClient(id, name, serverOptions, options)));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
