// Stub with the agreed signature; implemented by the structure/navigation work.
import type { FormattingOptions, TextEdit } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../document';

export function formatDocument(_doc: AnalyzedDocument, _options: FormattingOptions): TextEdit[] {
  return [];
}
