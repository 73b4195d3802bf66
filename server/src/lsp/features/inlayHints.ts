// Stub with the agreed signature; implemented by the hover/inlay/completion work.
import type { InlayHint, Range } from 'vscode-languageserver';
import type { AnalyzedDocument, ServerSettings } from '../document';

export function inlayHints(_doc: AnalyzedDocument, _range: Range, _settings: ServerSettings): InlayHint[] {
  return [];
}
