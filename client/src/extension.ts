// The VS Code client: starts the language server (its own bundle, over IPC) for .tcpflow files
// and for the ```tcpflow blocks of Markdown notes. Everything the language knows lives in the
// server; this file stays small on purpose.
import * as path from 'node:path';
import { l10n, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerImport } from './import/register';
import { registerMarkdown, type MarkdownApi } from './markdown/register';
import { registerPreview, type PreviewApi } from './preview/register';

let client: LanguageClient | undefined;

export interface TcpflowApi extends MarkdownApi {
  /** The running language client (the integration tests wait on it). */
  client: LanguageClient;
  /** The previews: render events and which documents are previewed (for the tests). */
  preview: PreviewApi;
}

export async function activate(context: ExtensionContext): Promise<TcpflowApi> {
  const preview = registerPreview(context);
  registerImport(context);
  const markdown = registerMarkdown(context);
  const module = context.asAbsolutePath(path.join('dist', 'server', 'main.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'tcpflow' }, { language: 'markdown' }],
    synchronize: { configurationSection: 'tcpflow' },
  };
  client = new LanguageClient('tcpflow', l10n.t('TCP Flow Language Server'), serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(client);
  // `extendMarkdownIt` is what VS Code's Markdown extension calls (package.json: markdown.markdownItPlugins).
  return { client, preview, extendMarkdownIt: markdown.extendMarkdownIt };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
