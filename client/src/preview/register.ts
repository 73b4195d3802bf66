// The live diagram preview and the export commands: registers the commands, the serializer that
// brings previews back after a window reload, and returns what the integration tests observe.
import * as vscode from 'vscode';
import { ui } from '../../../server/src/core/i18n';
import { currentLang, LANGUAGE_SETTING } from '../language';
import { userSeverities } from '../severities';
import { registerExportCommands } from './exportCommands';
import { PreviewManager, type RenderEvent, type StepEvent } from './previewManager';
import { VIEW_TYPE } from './previewPanel';
import type { PreviewState, WebviewStrings } from './protocol';
import { stepStrings } from './stepStrings';

export type { RenderEvent, StepEvent } from './previewManager';

/** Exposed through the extension's API (`activate()`'s return value) for the integration tests. */
export interface PreviewApi {
  /** Fires each time a preview reports a diagram drawn (`rendered` from its webview). */
  onDidRender: vscode.Event<RenderEvent>;
  /** The URIs of the documents that have a preview open. */
  previewedUris(): string[];
  /** Fires each time a preview in step mode reports a step shown. */
  onDidShowStep: vscode.Event<StepEvent>;
  /** Opens or closes step mode in the document's preview, as its toolbar button does. */
  setStepMode(uri: vscode.Uri, on: boolean): void;
  /** Shows step `index` in the document's preview, as its step controls do (the editor selects its line). */
  step(uri: vscode.Uri, index: number): void;
  /** The language the preview of `uri` said its page is in, when it last said `ready` (its words follow `tcpflow.language`). */
  pageLanguage(uri: vscode.Uri): string | undefined;
}

function webviewStrings(): WebviewStrings {
  const texts = ui(currentLang()).preview;
  return {
    zoomIn: vscode.l10n.t('Zoom In'),
    zoomOut: vscode.l10n.t('Zoom Out'),
    zoomFit: vscode.l10n.t('Fit to Width'),
    zoomReset: vscode.l10n.t('Actual Size'),
    // The placeholders stay for the webview to fill in.
    pngTooLarge: texts.pngTooLarge('{0}', '{1}'),
    renderError: texts.renderFailed('{0}'),
    loading: vscode.l10n.t('Drawing…'),
    step: stepStrings(currentLang()),
  };
}

export function registerPreview(context: vscode.ExtensionContext): PreviewApi {
  const manager = new PreviewManager({
    extensionUri: context.extensionUri,
    // `tcpflow.language`, read at each render.
    payloadOptions: {
      get lang() {
        return currentLang();
      },
      severities: userSeverities,
    },
    strings: webviewStrings,
    lang: currentLang,
  });

  const openPreview = (column: vscode.ViewColumn) => async (arg?: unknown) => {
    const doc = await manager.documentFor(arg);
    if (!doc) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Open a .tcpflow file first.'));
      return;
    }
    manager.open(doc, column, column === vscode.ViewColumn.Beside);
  };

  context.subscriptions.push(
    manager,
    vscode.commands.registerCommand('tcpflow.openPreview', openPreview(vscode.ViewColumn.Active)),
    vscode.commands.registerCommand('tcpflow.openPreviewToSide', openPreview(vscode.ViewColumn.Beside)),
    // The preview beside, in step mode at the cursor's step; the focus stays in the editor, whose cursor moves the step.
    vscode.commands.registerCommand('tcpflow.stepThrough', async (arg?: unknown) => {
      const doc = await manager.documentFor(arg);
      if (!doc) return void vscode.window.showErrorMessage(vscode.l10n.t('Open a .tcpflow file first.'));
      manager.open(doc, vscode.ViewColumn.Beside, true).setStepMode(true);
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: PreviewState | undefined) => manager.restore(panel, state),
    }),
    ...registerExportCommands(manager, currentLang),
    // A severity the user changes shows at once (an error mark more or less), and so does the language.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tcpflow.diagnostics') || e.affectsConfiguration(LANGUAGE_SETTING)) for (const uri of manager.uris()) manager.panelFor(vscode.Uri.parse(uri))?.relocalize();
    }),
  );

  return {
    onDidRender: manager.onDidRender,
    previewedUris: () => manager.uris(),
    onDidShowStep: manager.onDidShowStep,
    setStepMode: (uri, on) => manager.panelFor(uri)?.setStepMode(on),
    step: (uri, index) => manager.panelFor(uri)?.step(index),
    pageLanguage: (uri) => manager.panelFor(uri)?.shownLang,
  };
}
