// Core diagnostics → LSP diagnostics, in the editor's language, each carrying its fix.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../core/diagnostics';
import { formatMessage } from '../core/i18n';
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
    return {
      range: d.range,
      severity: SEVERITY[severityOf(d, settings)],
      code: d.code,
      source: SOURCE,
      message: formatMessage(d, doc.lang),
    };
  });
}
