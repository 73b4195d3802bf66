// Stub with the agreed signatures; implemented by the structure/navigation work.
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../document';

export function documentSymbols(_doc: AnalyzedDocument): DocumentSymbol[] {
  return [];
}
export function foldingRanges(_doc: AnalyzedDocument): FoldingRange[] {
  return [];
}
