// A text document with its analysis, as every language feature receives it.
import { analyze } from '../core/analyze';
import type { Lang } from '../core/i18n';
import type { Analysis } from '../core/tcp/analysis';

export interface AnalyzedDocument {
  uri: string;
  version: number;
  text: string;
  /** The text split into lines (no line ends), for positions and formatting. */
  lines: string[];
  analysis: Analysis;
  lang: Lang;
}

export function analyzeDocument(uri: string, version: number, text: string, lang: Lang): AnalyzedDocument {
  return { uri, version, text, lines: text.split(/\r\n|\r|\n/), analysis: analyze(text), lang };
}

/** Settings under `tcpflow.*` the server reads (package.json `contributes.configuration`). */
export interface ServerSettings {
  inlayHints: { states: boolean; inferredNumbers: boolean };
  /** `tcpflow.diagnostics.missingAckSeverity`: severity of the missing-ACK warning (TF204). */
  diagnostics: { missingAckSeverity: 'error' | 'warning' | 'information' | 'hint' };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  inlayHints: { states: true, inferredNumbers: true },
  diagnostics: { missingAckSeverity: 'warning' },
};
