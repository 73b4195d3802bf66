// All open previews, at most one per document: opens and restores them, feeds them every edit,
// moves the most recently used one to the active .tcpflow editor (when the setting says so),
// and links cursor and diagram both ways.
import * as vscode from 'vscode';
import { PreviewPanel, VIEW_TYPE, webviewOptions, type PanelHost } from './previewPanel';
import type { PayloadOptions } from './payload';
import type { PreviewState, RenderedMessage, StepShownMessage, WebviewStrings } from './protocol';

export const LANGUAGE_ID = 'tcpflow';

/** What the integration tests observe: every diagram a preview reports drawn. */
export interface RenderEvent extends RenderedMessage {
  uri: string;
}

/** … and every step a preview in step mode reports shown. */
export interface StepEvent extends StepShownMessage {
  uri: string;
}

export interface ManagerOptions {
  extensionUri: vscode.Uri;
  payloadOptions: PayloadOptions;
  /** The webview's words, asked when a panel is made (they follow `tcpflow.language`). */
  strings: () => WebviewStrings;
  lang: () => string;
}

export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Set<PreviewPanel>();
  private lastActive: PreviewPanel | undefined;
  private readonly renderEmitter = new vscode.EventEmitter<RenderEvent>();
  readonly onDidRender = this.renderEmitter.event;
  private readonly stepEmitter = new vscode.EventEmitter<StepEvent>();
  readonly onDidShowStep = this.stepEmitter.event;
  private readonly subscriptions: vscode.Disposable[] = [this.renderEmitter, this.stepEmitter];
  private readonly host: PanelHost;

  constructor(opts: ManagerOptions) {
    this.host = {
      ...opts,
      reveal: (panel, line) => void this.revealLine(panel.document, line, panel.panel.viewColumn),
      select: (panel, line) => this.selectLine(panel.document, line),
      rendered: (panel, msg) => this.renderEmitter.fire({ ...msg, uri: panel.document.uri.toString() }),
      stepShown: (panel, msg) => this.stepEmitter.fire({ ...msg, uri: panel.document.uri.toString() }),
      disposed: (panel) => {
        this.panels.delete(panel);
        if (this.lastActive === panel) this.lastActive = undefined;
      },
    };
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.panelFor(e.document.uri)?.update(e.document)),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        this.panelFor(e.textEditor.document.uri)?.highlight(e.selections[0]?.active.line ?? null);
      }),
    );
  }

  panelFor(uri: vscode.Uri): PreviewPanel | undefined {
    for (const p of this.panels) if (p.shows(uri)) return p;
    return undefined;
  }

  uris(): string[] {
    return [...this.panels].map((p) => p.document.uri.toString());
  }

  /** The document a command acts on: an explicit Uri, the active .tcpflow editor's, or the focused preview's. */
  async documentFor(arg: unknown): Promise<vscode.TextDocument | undefined> {
    if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === LANGUAGE_ID) return editor.document;
    return this.activePanel()?.document;
  }

  /** The preview in focus, if any (commands run from a focused preview act on its document). */
  activePanel(): PreviewPanel | undefined {
    for (const p of this.panels) if (p.panel.active) return p;
    return undefined;
  }

  /** Shows the document's preview (reusing its existing one) in `column`. */
  open(doc: vscode.TextDocument, column: vscode.ViewColumn, preserveFocus = false): PreviewPanel {
    const existing = this.panelFor(doc.uri);
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, preserveFocus);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, '', { viewColumn: column, preserveFocus }, webviewOptions(this.host.extensionUri));
    return this.adopt(panel, doc);
  }

  /** Takes over a webview panel (new, or restored after a window reload) for `doc`. */
  adopt(panel: vscode.WebviewPanel, doc: vscode.TextDocument): PreviewPanel {
    const preview = new PreviewPanel(panel, doc, this.host);
    this.panels.add(preview);
    this.lastActive = preview;
    panel.onDidChangeViewState(() => {
      if (panel.active) this.lastActive = preview;
    });
    const editor = vscode.window.activeTextEditor;
    if (editor && preview.shows(editor.document.uri)) preview.highlight(editor.selection.active.line);
    preview.update();
    return preview;
  }

  /** For `registerWebviewPanelSerializer`: reopens the document named in the saved state. */
  async restore(panel: vscode.WebviewPanel, state: PreviewState | undefined): Promise<void> {
    try {
      if (!state?.uri) throw new Error('no document');
      this.adopt(panel, await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri)));
    } catch {
      panel.dispose(); // the file is gone: nothing to show
    }
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (!editor || editor.document.languageId !== LANGUAGE_ID) return;
    if (!vscode.workspace.getConfiguration('tcpflow.preview').get<boolean>('followActiveEditor', true)) return;
    if (this.panelFor(editor.document.uri)) return; // one preview per document: it has its own
    const target = this.lastActive;
    if (!target) return;
    target.retarget(editor.document);
    target.highlight(editor.selection.active.line);
  }

  /** Opens the document beside the preview (or where it is shown) with `line` selected. */
  async revealLine(doc: vscode.TextDocument, line: number, previewColumn: vscode.ViewColumn | undefined): Promise<void> {
    if (line < 0 || line >= doc.lineCount) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    const column = visible?.viewColumn ?? (previewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
    const selection = lineSelection(doc, line);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Selects `line` in a visible editor of the document (step mode), leaving the focus where it is; false if nothing changed. */
  selectLine(doc: vscode.TextDocument, line: number): boolean {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    if (!editor || line < 0 || line >= doc.lineCount) return false;
    const selection = lineSelection(doc, line);
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    if (editor.selection.isEqual(selection)) return false;
    editor.selection = selection;
    return true;
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

/** A line's text, from its first non-blank character to its end. */
function lineSelection(doc: vscode.TextDocument, line: number): vscode.Selection {
  const text = doc.lineAt(line);
  return new vscode.Selection(line, text.firstNonWhitespaceCharacterIndex, line, text.range.end.character);
}
