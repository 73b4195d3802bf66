// Export to Markdown (the core's renderMarkdown: the same document `tcpflow-cli render --format
// markdown` writes), Copy Mermaid Source, Export SVG / PNG (drawn by the preview's webview).
// Every export command takes optional (source, target) Uris: a target skips the save dialog.
import * as vscode from 'vscode';
import { analyzeWithinBudget } from '../../../server/src/core/budget';
import { ui, type Lang } from '../../../server/src/core/i18n';
import { renderMarkdown } from '../../../server/src/core/render/markdown';
import { errorMarksOf } from '../../../server/src/core/render/errorMarks';
import { renderMermaid } from '../../../server/src/core/render/mermaid';
import { bytesOfBase64, fileNameOf, stemOf } from '../uriNames';
import type { PreviewManager } from './previewManager';

type Format = 'md' | 'svg' | 'png';

/** The heading fallback the CLI uses too: the file's base name without its extension. */
export function baseName(uri: vscode.Uri): string {
  return stemOf(uri);
}

/** The part of the document within the budget (core/limits.ts), as the preview draws it: TF111 says what was left out. */
const analyzed = (doc: vscode.TextDocument) => analyzeWithinBudget(doc.getText()).analysis;

export function markdownOf(doc: vscode.TextDocument, lang: Lang): string {
  return renderMarkdown(analyzed(doc), { title: baseName(doc.uri), lang });
}

/** `lang`: the learner's language (`tcpflow.language`), asked at each export. */
export function registerExportCommands(manager: PreviewManager, lang: () => Lang): vscode.Disposable[] {
  const source = async (arg: unknown): Promise<vscode.TextDocument | undefined> => {
    const doc = await manager.documentFor(arg);
    if (!doc) void vscode.window.showErrorMessage(vscode.l10n.t('Open a .tcpflow file first.'));
    return doc;
  };

  const exportMarkdown = async (src?: unknown, target?: unknown): Promise<vscode.Uri | undefined> => {
    const doc = await source(src);
    if (!doc) return undefined;
    return save(doc, 'md', target, new TextEncoder().encode(markdownOf(doc, lang())));
  };

  const copyMermaid = async (src?: unknown): Promise<string | undefined> => {
    const doc = await source(src);
    if (!doc) return undefined;
    const a = analyzed(doc);
    const text = renderMermaid(a, { lang: lang(), marks: errorMarksOf(a) });
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(vscode.l10n.t('Mermaid source copied to the clipboard.'));
    return text;
  };

  const exportImage = async (format: 'svg' | 'png', src?: unknown, target?: unknown): Promise<vscode.Uri | undefined> => {
    const doc = await source(src);
    if (!doc) return undefined;
    const config = vscode.workspace.getConfiguration('tcpflow.export');
    const scale = Math.min(4, Math.max(2, config.get<number>('pngScale', 2)));
    const background = format === 'png' ? config.get<'theme' | 'white'>('pngBackground', 'white') : 'theme';
    try {
      const panel = manager.panelFor(doc.uri) ?? manager.open(doc, vscode.ViewColumn.Beside, true);
      if (!panel.panel.visible) panel.panel.reveal(undefined, true); // a hidden webview cannot draw
      // A long flow's slices are drawn for it first (10,000 segments: tens of seconds).
      const data = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: ui(lang()).preview.exporting },
        () => panel.requestExport({ format, scale, background }),
      );
      const bytes = format === 'png' ? bytesOfBase64(data) : new TextEncoder().encode(data);
      return await save(doc, format, target, bytes);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the diagram: {0}', reason));
      return undefined;
    }
  };

  return [
    vscode.commands.registerCommand('tcpflow.exportMarkdown', exportMarkdown),
    vscode.commands.registerCommand('tcpflow.copyMermaid', copyMermaid),
    vscode.commands.registerCommand('tcpflow.exportSvg', (src?: unknown, target?: unknown) => exportImage('svg', src, target)),
    vscode.commands.registerCommand('tcpflow.exportPng', (src?: unknown, target?: unknown) => exportImage('png', src, target)),
  ];
}

const FILTERS: Record<Format, Record<string, string[]>> = {
  md: { Markdown: ['md'] },
  svg: { SVG: ['svg'] },
  png: { PNG: ['png'] },
};

/** Writes to `target`, or where the save dialog says (it asks before replacing a file itself). */
async function save(doc: vscode.TextDocument, format: Format, target: unknown, bytes: Uint8Array): Promise<vscode.Uri | undefined> {
  let uri = target instanceof vscode.Uri ? target : undefined;
  if (!uri) {
    uri = await vscode.window.showSaveDialog({
      defaultUri: defaultTarget(doc.uri, format),
      filters: FILTERS[format],
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!uri) return undefined; // cancelled
  }
  await vscode.workspace.fs.writeFile(uri, bytes);
  const done = uri;
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0}', fileNameOf(done)), open).then((choice) => {
    if (choice !== open) return;
    if (format === 'md') void vscode.window.showTextDocument(done);
    else void vscode.commands.executeCommand('vscode.open', done);
  });
  return done;
}

/** `<name>.<ext>` beside the source; for an unsaved document, in the first workspace folder. */
function defaultTarget(source: vscode.Uri, format: Format): vscode.Uri | undefined {
  const file = `${baseName(source)}.${format}`;
  if (source.scheme === 'untitled') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, file) : undefined;
  }
  return vscode.Uri.joinPath(source, '..', file);
}
