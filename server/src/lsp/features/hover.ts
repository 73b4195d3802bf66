// Stub with the agreed signature; implemented by the hover/inlay/completion work.
import type { Hover, Position } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../document';

export function hover(_doc: AnalyzedDocument, _position: Position): Hover | null {
  return null;
}
