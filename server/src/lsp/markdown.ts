// A Markdown note as the language server sees it: each ```tcpflow block analysed on its own, as an
// AnalyzedDocument of the block's text, so every feature works inside a block unchanged; the
// adapters (markdownFeatures.ts) move positions between the note and the block.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { budgetNotice } from '../core/budget';
import type { Diagnostic } from '../core/diagnostics';
import { formatMessage, type Lang } from '../core/i18n';
import { withinBudget } from '../core/limits';
import { placeInNote, tcpflowBlocks, withNoteLines, type FencedBlock } from '../core/markdown/blocks';
import { SOURCE, toLspDiagnostics } from './diagnostics';
import type { SeverityOverrides } from '../core/present';
import { analyzeDocument, type AnalyzedDocument } from './document';

export interface BlockDocument {
  block: FencedBlock;
  /**
   * The block's text analysed: ranges are the block's own, while the line numbers its messages
   * quote (`it sent SYN on line 3`) are already the note's, for hovers and fix titles.
   */
  doc: AnalyzedDocument;
}

export interface MarkdownDocument {
  uri: string;
  version: number;
  lang: Lang;
  severities: SeverityOverrides;
  blocks: BlockDocument[];
  /** TF111 when the note is over the document budget: only the blocks in its first part are checked. */
  notice?: Diagnostic;
}

export const MARKDOWN_LANGUAGE = 'markdown';

/**
 * Analyses every ```tcpflow block of the note. A block whose text (and place) did not change since
 * `previous` keeps its analysis: typing in the prose, or in one block, re-analyses nothing else.
 */
export function analyzeMarkdown(uri: string, version: number, text: string, lang: Lang, severities: SeverityOverrides, previous?: MarkdownDocument): MarkdownDocument {
  const reusable = new Map<string, AnalyzedDocument>();
  if (previous && previous.lang === lang && previous.severities === severities) for (const b of previous.blocks) reusable.set(`${b.block.firstLine}\n${b.block.text}`, b.doc);
  // A note counts as a whole against the document budget, as the CLI counts it.
  const part = withinBudget(text);
  const blocks = tcpflowBlocks(part.text).map((block) => ({
    block,
    doc: reusable.get(`${block.firstLine}\n${block.text}`) ?? analyzeBlock(uri, version, block, lang, severities),
  }));
  return { uri, version, lang, severities, blocks, ...(part.cut ? { notice: budgetNotice(part.cut, part.text) } : {}) };
}

function analyzeBlock(uri: string, version: number, block: FencedBlock, lang: Lang, severities: SeverityOverrides): AnalyzedDocument {
  // An unchanged block keeps its whole analysis (above), so a block's line memo is used once.
  const doc = analyzeDocument(uri, version, block.text, lang, undefined, severities);
  const diagnostics = doc.analysis.diagnostics.map((d) => withNoteLines(d, block.firstLine));
  return { ...doc, analysis: { ...doc.analysis, diagnostics } };
}

/** Every block's diagnostics, at their places in the note; each stays inside its block. */
export function markdownDiagnostics(md: MarkdownDocument): LspDiagnostic[] {
  const notice = md.notice && { range: md.notice.range, severity: DiagnosticSeverity.Error, code: md.notice.code, source: SOURCE, message: formatMessage(md.notice, md.lang) };
  const inBlocks = md.blocks.flatMap(({ block, doc }) => {
    // The line numbers in the messages were moved at analysis; the ranges move now.
    const inNote = doc.analysis.diagnostics.map((d) => placeInNote(block, d));
    return toLspDiagnostics({ ...doc, analysis: { ...doc.analysis, diagnostics: inNote } });
  });
  return notice ? [notice, ...inBlocks] : inBlocks;
}
