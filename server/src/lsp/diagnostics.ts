// Core diagnostics → LSP diagnostics, in the editor's language, each carrying its fix.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../core/diagnostics';
import { formatMessage, formatRelated } from '../core/i18n';
import type { AnalyzedDocument, ServerSettings } from './document';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'tcpflow';

export function severityOf(d: Diagnostic, settings: ServerSettings): Severity {
  return d.code === 'TF204' ? settings.diagnostics.missingAckSeverity : d.severity;
}

export function toLspDiagnostics(doc: AnalyzedDocument, settings: ServerSettings): LspDiagnostic[] {
  return doc.analysis.diagnostics.map((d) => {
    const out: LspDiagnostic = {
      range: d.range,
      severity: SEVERITY[severityOf(d, settings)],
      code: d.code,
      source: SOURCE,
      message: formatMessage(d, doc.lang),
    };
    // The line whose mistake became certain here (SPEC §8.6), shown under the message.
    if (d.related) out.relatedInformation = d.related.map((r) => ({ location: { uri: doc.uri, range: r.range }, message: formatRelated(r, doc.lang) }));
    return out;
  });
}
