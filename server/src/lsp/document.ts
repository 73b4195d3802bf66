// A text document with its analysis, as every language feature receives it.
import type { Lang } from '../core/i18n';
import type { LineMemo } from '../core/syntax/lineMemo';
import type { Analysis } from '../core/tcp/analysis';
import { analyzeAndScan, type ScannedLine } from './lineScan';

export interface AnalyzedDocument {
  uri: string;
  version: number;
  text: string;
  /** The text split into lines (no line ends), for positions and formatting. */
  lines: string[];
  analysis: Analysis;
  /** Every line's tokens, comment and own statement (see lineScan.ts). */
  scanned: ScannedLine[];
  /** Lines as last built, for the next version's parse (lineMemo.ts); absent for one-off analyses. */
  memo?: LineMemo;
  lang: Lang;
}

/**
 * Analyzes one version of a document. Pass the memo of its previous version (or a new LineMemo)
 * so a keystroke re-parses only the lines it changed; it travels on with the result.
 */
export function analyzeDocument(uri: string, version: number, text: string, lang: Lang, memo?: LineMemo): AnalyzedDocument {
  return { uri, version, text, lang, memo, ...analyzeAndScan(text, memo) };
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
