// What the user sees of the diagnostics: each with the severity the user's settings give its code.
// This is the one step that applies them, for the editor's squiggles and hovers and for the
// previews' error marks and banners alike (the core's own severities are SPEC §5's defaults).
import type { DiagnosticCode, Severity } from './diagnostics';
import type { Analysis } from './tcp/analysis';

/** Severities the user set, by code. */
export type SeverityOverrides = Readonly<Partial<Record<DiagnosticCode, Severity>>>;

export const NO_OVERRIDES: SeverityOverrides = {};

/** The settings (`tcpflow.diagnostics.*`) as severities by code: `missingAckSeverity` is TF204's. */
export function severityOverrides(settings: { missingAckSeverity?: Severity } | undefined): SeverityOverrides {
  return settings?.missingAckSeverity ? { TF204: settings.missingAckSeverity } : NO_OVERRIDES;
}

/** The analysis with the user's severities (itself when they change nothing). */
export function present(a: Analysis, overrides: SeverityOverrides): Analysis {
  const changes = (d: Analysis['diagnostics'][number]): boolean => overrides[d.code] !== undefined && overrides[d.code] !== d.severity;
  if (!a.diagnostics.some(changes)) return a;
  return { ...a, diagnostics: a.diagnostics.map((d) => (changes(d) ? { ...d, severity: overrides[d.code]! } : d)) };
}
