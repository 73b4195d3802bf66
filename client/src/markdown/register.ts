// Markdown notes: the markdown-it plugin for VS Code's preview (returned from activate() as
// `extendMarkdownIt`, which the built-in Markdown extension calls) and the Mermaid block command.
// The diagnostics inside ```tcpflow blocks come from the language server (markdown in the
// client's documentSelector).
import type { MarkdownIt } from 'markdown-it';
import * as vscode from 'vscode';
import { currentLang, onDidChangeLang } from '../language';
import { userSeverities } from '../severities';
import { tcpflowMarkdownIt } from './markdownIt';
import { registerUpdateMermaid } from './updateMermaid';

export interface MarkdownApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export function registerMarkdown(context: vscode.ExtensionContext): MarkdownApi {
  registerUpdateMermaid(context, currentLang);
  // VS Code's Markdown preview draws the blocks again in the language the user picks.
  context.subscriptions.push(onDidChangeLang(() => void vscode.commands.executeCommand('markdown.preview.refresh')));
  return { extendMarkdownIt: (md) => tcpflowMarkdownIt(md, { lang: currentLang, severities: userSeverities }) };
}
