// `tcpflow-cli check NOTE.md`: a Markdown note's ```tcpflow blocks are checked, each as a flow of
// its own, and every diagnostic is reported at its line and column in the note (and the line
// numbers its message quotes are the note's too).
import { analyze } from '../core/analyze';
import type { Diagnostic } from '../core/diagnostics';
import { tcpflowBlocks, toNoteDiagnostic } from '../core/markdown/blocks';

const MARKDOWN_FILE = /\.(md|markdown|mdown|mkd|mkdn)$/i;

/** A Markdown note, by its file name. */
export function isMarkdownFile(name: string): boolean {
  return MARKDOWN_FILE.test(name);
}

/** Every ```tcpflow block's diagnostics, in the note's positions, in document order. */
export function markdownDiagnostics(text: string): Diagnostic[] {
  return tcpflowBlocks(text).flatMap((b) => analyze(b.text).diagnostics.map((d) => toNoteDiagnostic(b, d)));
}

/** What `check` reports for one input: the blocks of a Markdown note, or the whole text of a .tcpflow file. */
export function diagnosticsOf(name: string, text: string): Diagnostic[] {
  return isMarkdownFile(name) ? markdownDiagnostics(text) : analyze(text).diagnostics;
}
