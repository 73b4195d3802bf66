// Core diagnostics → LSP diagnostics, in the editor's language, with the severities the user set
// (already applied to the document's analysis: core/present.ts).
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Severity } from '../core/diagnostics';
import { formatMessage, formatRelated } from '../core/i18n';
import type { AnalyzedDocument } from './document';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'tcpflow';

export function toLspDiagnostics(doc: AnalyzedDocument): LspDiagnostic[] {
  return doc.analysis.diagnostics.map((d) => {
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
