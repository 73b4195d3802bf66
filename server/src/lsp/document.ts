// A text document with its analysis, as every language feature receives it.
import { analyzeWithinBudget } from '../core/budget';
import type { Lang } from '../core/i18n';
import { NO_OVERRIDES, present, type SeverityOverrides } from '../core/present';
import { LineMemo, splitLines, type MemoLine } from '../core/syntax/lineMemo';
import type { Analysis } from '../core/tcp/analysis';

export interface AnalyzedDocument {
  uri: string;
  version: number;
  text: string;
  /** The text split into lines (no line ends), for positions and formatting. */
  lines: string[];
  /**
   * The tree (every statement, those the flow leaves out included), the trace and the diagnostics,
   * with the severities the user set (core/present.ts): squiggles and hovers show the same.
   */
  analysis: Analysis;
  severities: SeverityOverrides;
  /** Every line as the parser saw it (lineMemo.ts): its tokens, comment, own statement and diagnostics. */
  parsed: readonly (MemoLine | undefined)[];
  /** Passed to the next version's parse, so a keystroke re-parses only the lines it changed. */
  memo: LineMemo;
  lang: Lang;
}

/**
 * Analyzes one version of a document. Pass the memo of its previous version (or none, for a new
 * one) so a keystroke re-parses only the lines it changed; it travels on with the result.
 */
export function analyzeDocument(
  uri: string,
  version: number,
  text: string,
  lang: Lang,
  memo = new LineMemo(),
  severities: SeverityOverrides = NO_OVERRIDES,
): AnalyzedDocument {
  // Only the part within the document budget is analysed (core/budget.ts: TF111 says what was not).
  const part = analyzeWithinBudget(text, memo);
  const analysis = present(part.analysis, severities);
  // The memo's list of lines is replaced, never changed, by the next parse: this one stays as it is.
  return { uri, version, text: part.text, lang, memo, analysis, severities, lines: splitLines(part.text), parsed: memo.lines };
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
