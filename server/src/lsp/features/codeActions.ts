// Quick fixes: one per diagnostic that has a fix, and "Fix all in file".
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit } from 'vscode-languageserver';
import { formatFixTitle, ui } from '../../core/i18n';
import type { Diagnostic } from '../../core/diagnostics';
import type { AnalyzedDocument } from '../document';
import { SOURCE } from '../diagnostics';

const overlaps = (a: Diagnostic['range'], b: Diagnostic['range']): boolean =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

export function codeActions(doc: AnalyzedDocument, params: CodeActionParams): CodeAction[] {
  const fixable = doc.analysis.diagnostics.filter((d) => d.fix);
  const wanted = (kind: string) => !params.context.only || params.context.only.some((k) => kind.startsWith(k));
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix)) {
    const lspDiags = params.context.diagnostics.filter((d) => d.source === SOURCE);
    for (const d of fixable) {
      if (!overlaps(d.range, params.range)) continue;
      const lsp = lspDiags.find((x) => x.code === d.code && x.range.start.line === d.range.start.line && x.range.start.character === d.range.start.character);
      for (const [i, fix] of [d.fix!, ...(d.alternatives ?? [])].entries()) {
        actions.push({
          title: formatFixTitle(fix, doc.lang),
          kind: CodeActionKind.QuickFix,
          diagnostics: lsp ? [lsp] : undefined,
          isPreferred: i === 0,
          edit: { changes: { [doc.uri]: fix.edits } },
        });
      }
    }
  }
  const kindAll = `${CodeActionKind.SourceFixAll}.tcpflow`;
  if (fixable.length > 1 && (wanted(CodeActionKind.QuickFix) || wanted(kindAll))) {
    actions.push({ title: ui(doc.lang).editor.fixAll, kind: kindAll, edit: { changes: { [doc.uri]: fixAllEdits(fixable) } } });
  }
  return actions;
}

/** Every fix at once; where two fixes touch the same text the first one wins (no overlapping edits). */
export function fixAllEdits(diags: Diagnostic[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const d of diags) {
    for (const e of d.fix!.edits) {
      if (!edits.some((x) => overlaps(x.range, e.range))) edits.push(e);
    }
  }
  return edits;
}
