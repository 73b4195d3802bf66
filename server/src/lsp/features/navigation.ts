// Stub with the agreed signatures; implemented by the structure/navigation work.
import type { DocumentHighlight, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../document';

export function prepareRename(_doc: AnalyzedDocument, _position: Position): Range | null {
  return null;
}
export function rename(_doc: AnalyzedDocument, _position: Position, _newName: string): WorkspaceEdit | null {
  return null;
}
export function definition(_doc: AnalyzedDocument, _position: Position): Location | null {
  return null;
}
export function references(_doc: AnalyzedDocument, _position: Position, _includeDeclaration: boolean): Location[] {
  return [];
}
export function documentHighlights(_doc: AnalyzedDocument, _position: Position): DocumentHighlight[] {
  return [];
}
