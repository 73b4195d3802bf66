// The learner's language, `tcpflow.language` (`auto`: VS Code's display language). The language
// server reads the setting itself (diagnostics, hovers, fixes); what the client makes from the core
// catalogues — the preview's diagram and banner, the exports, the Markdown preview's diagrams —
// asks here at each use, so a change applies to the next one without a reload.
import * as vscode from 'vscode';
import { learnerLang, type Lang } from '../../server/src/core/i18n';

export const LANGUAGE_SETTING = 'tcpflow.language';

export function currentLang(): Lang {
  return learnerLang(vscode.workspace.getConfiguration('tcpflow').get('language'), vscode.env.language);
}

/** Calls `f` each time the user changes `tcpflow.language`. */
export function onDidChangeLang(f: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(LANGUAGE_SETTING)) f();
  });
}
