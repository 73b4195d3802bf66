// What both entries of the extension do on activation — the Node one (extension.ts: VS Code on a
// desktop, the language server in a child process over IPC) and the browser one
// (browserExtension.ts: github.dev, vscode.dev, the language server in a Web Worker). Only how the
// language client reaches its server differs; everything the language knows lives in the server.
import { l10n, type ExtensionContext } from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerImport } from './import/register';
import { registerMarkdown, type MarkdownApi } from './markdown/register';
import { registerPreview, type PreviewApi } from './preview/register';
import { registerWalkthrough, type WalkthroughApi } from './walkthrough';

export interface TcpflowApi extends MarkdownApi {
  /** The running language client (the integration tests wait on it). */
  client: BaseLanguageClient;
  /** The previews: render events and which documents are previewed (for the tests). */
  preview: PreviewApi;
  /** The getting-started walkthrough's example and progress (for the tests). */
  walkthrough: WalkthroughApi;
}

/** Makes the language client, given its id, its display name and its options. */
export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

export async function activateTcpflow(context: ExtensionContext, makeClient: ClientFactory): Promise<TcpflowApi> {
  const preview = registerPreview(context);
  registerImport(context);
  const markdown = registerMarkdown(context);
  const walkthrough = registerWalkthrough(context);
  const options: LanguageClientOptions = {
    // Every scheme: files, untitled notes, and github.dev's virtual file system (vscode-vfs).
    documentSelector: [{ language: 'tcpflow' }, { language: 'markdown' }],
    synchronize: { configurationSection: 'tcpflow' },
  };
  const client = makeClient('tcpflow', l10n.t('TCP Flow Language Server'), options);
  await client.start();
  context.subscriptions.push(client);
  // `extendMarkdownIt` is what VS Code's Markdown extension calls (package.json: markdown.markdownItPlugins).
  return { client, preview, walkthrough, extendMarkdownIt: markdown.extendMarkdownIt };
}
