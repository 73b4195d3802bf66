// Stub with the agreed signatures; implemented by the structure/navigation work.
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../document';

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [], tokenModifiers: [] };
export function semanticTokens(_doc: AnalyzedDocument): SemanticTokens {
  return { data: [] };
}
