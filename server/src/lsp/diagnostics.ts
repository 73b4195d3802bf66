// Core diagnostics → LSP diagnostics, in the editor's language, with the severities the user set
// (already applied to the document's analysis: core/present.ts).
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Severity } from '../core/diagnostics';
import { formatMessage, formatRelated, ui, type Lang } from '../core/i18n';
import type { AnalyzedDocument } from './document';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'tcpflow';

/**
 * How many diagnostics one publish carries, at most (then one more says how many are left out).
 * VS Code underlines at most 500 diagnostics of a file and keeps at most 1,000 (it drops the rest
 * itself): 500 is every squiggle an editor shows, and one publish stays under ~200 KB. A note
 * with more problems is a capture or a paste gone wrong; the first 500 in the text say what.
 */
export const MAX_PUBLISHED = 500;

export function toLspDiagnostics(doc: AnalyzedDocument, max = Infinity): LspDiagnostic[] {
  const all = doc.analysis.diagnostics;
  return all.slice(0, max).map((d) => {
    const out: LspDiagnostic = {
      range: d.range,
      severity: SEVERITY[d.severity],
      code: d.code,
      source: SOURCE,
      message: formatMessage(d, doc.lang),
    };
    // The line whose mistake became certain here (SPEC §8.6), shown under the message.
    if (d.related) out.relatedInformation = d.related.map((r) => ({ location: { uri: doc.uri, range: r.range }, message: formatRelated(r, doc.lang) }));
    return out;
  });
}

/** What one publish of a .tcpflow document carries (see MAX_PUBLISHED); only those are put in words. */
export function publishedDiagnostics(doc: AnalyzedDocument): LspDiagnostic[] {
  const all = doc.analysis.diagnostics;
  const shown = toLspDiagnostics(doc, MAX_PUBLISHED);
  if (all.length <= MAX_PUBLISHED) return shown;
  return [...shown, leftOut(all.slice(MAX_PUBLISHED).map((d) => ({ range: d.range, severity: SEVERITY[d.severity] })), doc.lang)];
}

/** The same cap on a list already made (a Markdown note's blocks together). */
export function capped(list: LspDiagnostic[], lang: Lang): LspDiagnostic[] {
  return list.length <= MAX_PUBLISHED ? list : [...list.slice(0, MAX_PUBLISHED), leftOut(list.slice(MAX_PUBLISHED), lang)];
}

/** One diagnostic for those left out: on the first of them, as severe as the worst, saying how many. */
function leftOut(rest: Pick<LspDiagnostic, 'range' | 'severity'>[], lang: Lang): LspDiagnostic {
  let severity: DiagnosticSeverity = DiagnosticSeverity.Hint;
  for (const d of rest) if (d.severity !== undefined && d.severity < severity) severity = d.severity;
  return { range: rest[0].range, severity, source: SOURCE, message: ui(lang).editor.moreProblems(rest.length, MAX_PUBLISHED) };
}
