// "Update Mermaid blocks in this note" (tcpflow.updateMermaidBlocks) and its on-save twin
// (`tcpflow.markdown.updateMermaidOnSave`): the core's sync plan (server/src/core/markdown/sync.ts)
// as editor edits — one WorkspaceEdit for the command, so one undo step; the save's own edits
// through waitUntil, so the file written is the updated one. Text between the markers that was
// edited by hand is replaced only after a confirmation (the command), or kept with a warning (on
// save, where no dialog should hold the save up).
import * as vscode from 'vscode';
import type { Lang } from '../../../server/src/core/i18n';
import { planMermaidSync, type SyncPlan } from '../../../server/src/core/markdown/sync';

export const UPDATE_COMMAND = 'tcpflow.updateMermaidBlocks';
const ON_SAVE_SETTING = 'markdown.updateMermaidOnSave';

/** What the command does with text edited by hand between markers, when the caller already knows (no dialog then). */
export interface UpdateMermaidArgs {
  replaceHandEdited?: boolean;
}

/** The plan for the document and the same edits in the editor's terms. */
export function mermaidEdits(doc: vscode.TextDocument, lang: Lang, replaceHandEdited = false): { plan: SyncPlan; edits: vscode.TextEdit[] } {
  const plan = planMermaidSync(doc.getText(), { lang, replaceHandEdited });
  const edits = plan.edits.map((e) => new vscode.TextEdit(new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText));
  return { plan, edits };
}

/** `lang`: the learner's language (`tcpflow.language`), asked at each update. */
export function registerUpdateMermaid(context: vscode.ExtensionContext, lang: () => Lang): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(UPDATE_COMMAND, (arg?: unknown, args?: UpdateMermaidArgs) => updateMermaidBlocks(arg instanceof vscode.Uri ? arg : undefined, lang(), args?.replaceHandEdited)),
    vscode.workspace.onWillSaveTextDocument((e) => {
      const doc = e.document;
      if (doc.languageId !== 'markdown') return;
      if (!vscode.workspace.getConfiguration('tcpflow', doc).get<boolean>(ON_SAVE_SETTING, false)) return;
      // As format-on-save does: an auto save after a typing pause does not rewrite the note under the cursor.
      if (e.reason === vscode.TextDocumentSaveReason.AfterDelay) return;
      const { plan, edits } = mermaidEdits(doc, lang());
      if (plan.handEdited.length) {
        const lines = plan.handEdited.map((h) => h.line + 1).join(', ');
        void vscode.window.showWarningMessage(vscode.l10n.t('Kept the text edited by hand between the Mermaid markers on line {0}; "Update Mermaid blocks in this note" can replace it.', lines));
      }
      if (edits.length) e.waitUntil(Promise.resolve(edits));
    }),
  );
}

/** Whether to replace text edited by hand: the caller's answer, or the user's (undefined: cancel everything). */
async function replaceHandEdited(plan: SyncPlan, given: boolean | undefined): Promise<boolean | undefined> {
  if (given !== undefined || plan.handEdited.length === 0) return given ?? false;
  const lines = plan.handEdited.map((h) => h.line + 1).join(', ');
  const replace = vscode.l10n.t('Replace');
  const keep = vscode.l10n.t('Keep my text');
  const detail = vscode.l10n.t('The text between the Mermaid markers on line {0} was edited by hand. Replace it with the diagram of its flow?', lines);
  const answer = await vscode.window.showWarningMessage(detail, { modal: true }, replace, keep);
  return answer === undefined ? undefined : answer === replace;
}

/** Runs the command on the given note, or on the active editor's; resolves with what it planned. */
async function updateMermaidBlocks(given: vscode.Uri | undefined, lang: Lang, replaceGiven?: boolean): Promise<SyncPlan | undefined> {
  const doc = given ? await vscode.workspace.openTextDocument(given) : vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'markdown') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a Markdown note first.'));
    return undefined;
  }
  let { plan, edits } = mermaidEdits(doc, lang);
  const replace = await replaceHandEdited(plan, replaceGiven);
  if (replace === undefined) return undefined;
  if (replace) ({ plan, edits } = mermaidEdits(doc, lang, true));
  if (plan.unterminated.length) {
    const lines = plan.unterminated.map((l) => l + 1).join(', ');
    void vscode.window.showWarningMessage(vscode.l10n.t('The ```tcpflow block on line {0} is never closed: no Mermaid block can follow it.', lines));
  }
  if (plan.blocks === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This note has no ```tcpflow blocks.'));
    return plan;
  }
  if (edits.length === 0) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('The Mermaid blocks are up to date.'), 3000);
    return plan;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(doc.uri, edits);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not update the Mermaid blocks: the note changed or is read-only.'));
    return undefined;
  }
  vscode.window.setStatusBarMessage(vscode.l10n.t('Updated {0} Mermaid block(s).', edits.length), 3000);
  return plan;
}
