// A text document with its analysis, as every language feature receives it.
import type { Lang } from '../core/i18n';
import { LineMemo } from '../core/syntax/lineMemo';
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
  lang: Lang;
}

// One line memo per document: a keystroke re-parses only the line it changed (lineMemo.ts).
// Bounded, so documents closed long ago do not keep theirs.
const memos = new Map<string, LineMemo>();
const MAX_MEMOS = 32;

function memoFor(uri: string): LineMemo {
  let memo = memos.get(uri);
  if (memo) memos.delete(uri);
  else memo = new LineMemo();
  memos.set(uri, memo); // most recently used last
  if (memos.size > MAX_MEMOS) memos.delete(memos.keys().next().value!);
  return memo;
}

export function analyzeDocument(uri: string, version: number, text: string, lang: Lang): AnalyzedDocument {
  return { uri, version, text, lang, ...analyzeAndScan(text, memoFor(uri)) };
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
