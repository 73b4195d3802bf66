// A text document with its analysis, as every language feature receives it.
import { withBudgetNotice } from '../core/budget';
import { IncrementalAnalysis } from '../core/incremental';
import type { Lang, LanguageSetting } from '../core/i18n';
import { withinBudget } from '../core/limits';
import { NO_OVERRIDES, present, type SeverityOverrides } from '../core/present';
import type { MemoLine } from '../core/syntax/lineMemo';
import type { Analysis } from '../core/tcp/analysis';

export interface AnalyzedDocument {
  uri: string;
  version: number;
  /** The text analysed: the document's, or its first part when it is over the document budget (core/limits.ts). */
  text: string;
  /** The text split into lines (no line ends), for positions and formatting. */
  lines: readonly string[];
  /**
   * The tree (every statement, those the flow leaves out included), the trace and the diagnostics,
   * with the severities the user set (core/present.ts): squiggles and hovers show the same.
   */
  analysis: Analysis;
  /** The analysis as the core made it, before the user's severities. */
  checked: Analysis;
  severities: SeverityOverrides;
  /** Every line as the parser saw it (lineMemo.ts): its tokens, comment, own statement and diagnostics. */
  parsed: readonly (MemoLine | undefined)[];
  /**
   * The document's analysis from version to version (core/incremental.ts): the next version is
   * analysed from what changed. It travels on with each version's result, and goes with the
   * document when it is closed. Its next analysis makes this one's tree and lists stale, so only
   * the newest version's result is ever used.
   */
  session: IncrementalAnalysis;
  lang: Lang;
}

/**
 * Analyzes one version of a document. Pass the session of its previous version (or none, for a
 * new one) so the version is analysed from what changed; it travels on with the result.
 */
export function analyzeDocument(
  uri: string,
  version: number,
  text: string,
  lang: Lang,
  session = new IncrementalAnalysis(),
  severities: SeverityOverrides = NO_OVERRIDES,
): AnalyzedDocument {
  // Only the part within the document budget is analysed; TF111 on the first line says what was not (core/budget.ts).
  const part = withinBudget(text);
  const checked = withBudgetNotice(session.analyze(part.text), part);
  return presentDocument({ uri, version, text: part.text, lang, session, checked, analysis: checked, severities, lines: session.memo.texts, parsed: session.memo.lines }, lang, severities);
}

/** The same version in another language or with other severities: nothing is analysed again. */
export function presentDocument(doc: AnalyzedDocument, lang: Lang, severities: SeverityOverrides): AnalyzedDocument {
  return { ...doc, lang, severities, analysis: present(doc.checked, severities) };
}

/** Settings under `tcpflow.*` the server reads (package.json `contributes.configuration`). */
export interface ServerSettings {
  inlayHints: { states: boolean; inferredNumbers: boolean };
  /** `tcpflow.diagnostics.missingAckSeverity`: severity of the missing-ACK warning (TF204). */
  diagnostics: { missingAckSeverity: 'error' | 'warning' | 'information' | 'hint' };
  /** `tcpflow.language`: the language of diagnostics and hovers (`auto`: VS Code's display language). */
  language: LanguageSetting;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  inlayHints: { states: true, inferredNumbers: false },
  diagnostics: { missingAckSeverity: 'warning' },
  language: 'auto',
};
