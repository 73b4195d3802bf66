// Stub with the agreed signature; implemented by the hover/inlay/completion work.
import type { CompletionItem, Position } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../document';

export function completion(_doc: AnalyzedDocument, _position: Position): CompletionItem[] {
  return [];
}
