// The getting-started walkthrough's commands (package.json `contributes.walkthroughs`): open the
// example with its mistakes, put the cursor on one and offer its quick fix, preview and export the
// example, start a note with a ```tcpflow block. The example and the note open as new, unsaved
// documents (nothing of the user's is touched) in the learner's language, beside the walkthrough.
// The walkthrough's buttons run these; its "fix one" step is done once the example has fewer errors
// than it opened with (the context key FIXED_CONTEXT, its completion event).
import * as vscode from 'vscode';
import { currentLang } from './language';

export const WALKTHROUGH_COMMANDS = {
  openExample: 'tcpflow.walkthrough.openExample',
  fixMistake: 'tcpflow.walkthrough.fixMistake',
  previewExample: 'tcpflow.walkthrough.previewExample',
  exportExample: 'tcpflow.walkthrough.exportExample',
  newNote: 'tcpflow.walkthrough.newNote',
} as const;

const FIXED_CONTEXT = 'tcpflow.walkthrough.fixedOne';

/** What the integration tests observe. */
export interface WalkthroughApi {
  /** The example the walkthrough opened last, if it is still open. */
  example(): vscode.TextDocument | undefined;
  /** Whether the example has had a mistake fixed (the "fix one" step's completion). */
  fixedOne(): boolean;
}

const isError = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Error;

export function registerWalkthrough(context: vscode.ExtensionContext): WalkthroughApi {
  let example: vscode.TextDocument | undefined;
  let firstErrors: number | undefined;
  let fixed = false;

  /** walkthrough/NAME.EXT, or NAME.ko.EXT in Korean. */
  const read = async (name: string, ext: string): Promise<string> => {
    const file = currentLang() === 'ko' ? `${name}.ko.${ext}` : `${name}.${ext}`;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'walkthrough', file)));
  };
  const show = (doc: vscode.TextDocument) => {
    const open = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    return vscode.window.showTextDocument(doc, { viewColumn: open?.viewColumn ?? vscode.ViewColumn.Beside, preview: false });
  };

  const openExample = async (): Promise<vscode.Uri> => {
    example = await vscode.workspace.openTextDocument({ language: 'tcpflow', content: await read('mistakes', 'tcpflow') });
    firstErrors = undefined;
    await show(example);
    return example.uri;
  };
  /** The example, opened first if it is not (a later step's button may be pressed first). */
  const exampleDoc = async (): Promise<vscode.TextDocument> => {
    if (!example || example.isClosed) await openExample();
    return example!;
  };

  const fixMistake = async (): Promise<void> => {
    const doc = await exampleDoc();
    const editor = await show(doc);
    const first = vscode.languages.getDiagnostics(doc.uri).find(isError);
    if (!first) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The example has no mistakes left.'));
      return;
    }
    editor.selection = new vscode.Selection(first.range.start, first.range.start);
    editor.revealRange(first.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await vscode.commands.executeCommand('editor.action.quickFix');
  };

  const newNote = async (): Promise<vscode.Uri> => {
    const note = await vscode.workspace.openTextDocument({ language: 'markdown', content: await read('note', 'md') });
    await show(note);
    return note.uri;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.openExample, openExample),
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.fixMistake, fixMistake),
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.previewExample, async () =>
      vscode.commands.executeCommand('tcpflow.openPreviewToSide', (await exampleDoc()).uri),
    ),
    // `target` (a Uri) skips the save dialog, as the export command's own does.
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.exportExample, async (target?: unknown) =>
      vscode.commands.executeCommand<vscode.Uri | undefined>('tcpflow.exportMarkdown', (await exampleDoc()).uri, target),
    ),
    vscode.commands.registerCommand(WALKTHROUGH_COMMANDS.newNote, newNote),
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (!example || fixed || !e.uris.some((u) => u.toString() === example!.uri.toString())) return;
      const errors = vscode.languages.getDiagnostics(example.uri).filter(isError).length;
      if (firstErrors === undefined) firstErrors = errors || undefined;
      else if (errors < firstErrors) {
        fixed = true;
        void vscode.commands.executeCommand('setContext', FIXED_CONTEXT, true);
      }
    }),
  );
  return { example: () => (example && !example.isClosed ? example : undefined), fixedOne: () => fixed };
}
