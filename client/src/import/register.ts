// The "Import Capture…" command (tcpflow.importCapture): pick a pcap, pcapng or `tcpdump -nn`
// text file, pick one of its TCP connections when it holds several, and open the note made from
// it as a new untitled .tcpflow document. The reading and the writing are the core's
// (server/src/core/capture), shared with `tcpflow-cli import`.
import * as vscode from 'vscode';
import { CaptureError, importConnection, openCapture, timeOfDay, type OpenedCapture } from '../../../server/src/core/capture';
import { fileNameOf } from '../uriNames';

export const IMPORT_COMMAND = 'tcpflow.importCapture';

interface StreamItem extends vscode.QuickPickItem {
  index: number;
}

export function registerImport(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(IMPORT_COMMAND, (uri?: unknown) => importCapture(uri instanceof vscode.Uri ? uri : undefined)));
}

/** Runs the command; a URI argument (explorer menu, tests) skips the open dialog. Resolves to the new editor, if any. */
async function importCapture(given?: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  const uri = given ?? (await askForCapture());
  if (!uri) return undefined;
  const name = fileNameOf(uri);
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot read {0}: {1}', name, err instanceof Error ? err.message : String(err)));
    return undefined;
  }
  let capture: OpenedCapture;
  try {
    capture = openCapture(bytes);
  } catch (err) {
    if (!(err instanceof CaptureError)) throw err;
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot import {0}: {1}', name, err.message));
    return undefined;
  }
  const index = await chooseStream(capture, name);
  if (index === undefined) return undefined;
  const content = importConnection(capture, index, { captureName: name });
  const doc = await vscode.workspace.openTextDocument({ language: 'tcpflow', content });
  return vscode.window.showTextDocument(doc);
}

async function askForCapture(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFolders: false,
    openLabel: vscode.l10n.t('Import'),
    title: vscode.l10n.t('Import a packet capture'),
    filters: {
      [vscode.l10n.t('Packet captures')]: ['pcap', 'pcapng', 'cap', 'txt'],
      [vscode.l10n.t('All files')]: ['*'],
    },
  });
  return picked?.[0];
}

/** The only stream, or the one picked from the list; undefined when the pick is dismissed. */
async function chooseStream(capture: OpenedCapture, name: string): Promise<number | undefined> {
  const conns = capture.connections;
  if (conns.length === 1) return 0;
  const items: StreamItem[] = conns.map((c) => ({
    index: c.index,
    label: `${c.index}: ${c.client} → ${c.server}`,
    description: vscode.l10n.t('{0} packets', c.segments.length),
    detail: `${timeOfDay(c.first)} – ${timeOfDay(c.last)}`,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('{0} holds {1} TCP connections', name, conns.length),
    placeHolder: vscode.l10n.t('Choose the connection to import'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return pick?.index;
}
