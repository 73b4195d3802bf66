// The live diagram preview and the export commands: registers the commands, the serializer that
// brings previews back after a window reload, and returns what the integration tests observe.
import * as vscode from 'vscode';
import { toLang } from '../../../server/src/core/i18n';
import { registerExportCommands } from './exportCommands';
import type { ErrorFormatter } from './payload';
import { PreviewManager, type RenderEvent } from './previewManager';
import { VIEW_TYPE } from './previewPanel';
import type { PreviewState, WebviewStrings } from './protocol';

export type { RenderEvent } from './previewManager';

/** Exposed through the extension's API (`activate()`'s return value) for the integration tests. */
export interface PreviewApi {
  /** Fires each time a preview reports a diagram drawn (`rendered` from its webview). */
  onDidRender: vscode.Event<RenderEvent>;
  /** The URIs of the documents that have a preview open. */
  previewedUris(): string[];
}

const formatErrors: ErrorFormatter = (count, line, message) =>
  count === 1
    ? vscode.l10n.t('1 error — line {0}: {1}', line, message)
    : vscode.l10n.t('{0} errors — first: line {1}: {2}', count, line, message);

function webviewStrings(): WebviewStrings {
  return {
    zoomIn: vscode.l10n.t('Zoom In'),
    zoomOut: vscode.l10n.t('Zoom Out'),
    zoomFit: vscode.l10n.t('Fit to Width'),
    zoomReset: vscode.l10n.t('Actual Size'),
    // The placeholders stay for the webview to fill in.
    pngTooLarge: vscode.l10n.t('The diagram is {0} px tall: too large for one PNG (at most {1} px a side). Export it as SVG or Markdown instead.', '{0}', '{1}'),
    renderError: vscode.l10n.t('Mermaid could not draw this diagram: {0}', '{0}'),
    loading: vscode.l10n.t('Drawing…'),
  };
}

export function registerPreview(context: vscode.ExtensionContext): PreviewApi {
  const lang = toLang(vscode.env.language);
  const manager = new PreviewManager({
    extensionUri: context.extensionUri,
    payloadOptions: { lang, formatErrors },
    strings: webviewStrings(),
    lang: vscode.env.language,
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
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: PreviewState | undefined) => manager.restore(panel, state),
    }),
    ...registerExportCommands(manager, lang),
  );

  return {
    onDidRender: manager.onDidRender,
    previewedUris: () => manager.uris(),
  };
}
