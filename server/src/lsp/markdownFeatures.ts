// The language features inside the ```tcpflow blocks of a Markdown note: each request's position
// goes into the block under it (note → block), the .tcpflow feature answers for the block's text,
// and every range in the answer comes back out (block → note). Nothing answers outside a block.
import type {
  CodeAction,
  CodeActionParams,
  CompletionItem,
  Diagnostic as LspDiagnostic,
  DocumentHighlight,
  Hover,
  InlayHint,
  Location,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { blockAt, toBlockPosition, toBlockRange, toNoteRange, toNotePosition, toNoteText, type FencedBlock } from '../core/markdown/blocks';
import type { ServerSettings } from './document';
import { codeActions } from './features/codeActions';
import { completion } from './features/completion';
import { hover } from './features/hover';
import { columns, inlayHints } from './features/inlayHints';
import { definition, documentHighlights, references } from './features/navigation';
import type { BlockDocument, MarkdownDocument } from './markdown';

interface Located {
  b: BlockDocument;
  pos: Position;
}

/** The block under a note position, and the position in the block; undefined outside every block's content. */
function locate(md: MarkdownDocument, pos: Position): Located | undefined {
  for (const b of md.blocks) {
    const local = toBlockPosition(b.block, pos);
    if (local) return { b, pos: local };
  }
  return undefined;
}

const edit = (block: FencedBlock, e: TextEdit): TextEdit => ({ range: toNoteRange(block, e.range), newText: toNoteText(block, e.newText) });

/** A workspace edit on the block (keyed by the note's URI, as the features write it) → on the note. */
function workspaceEdit(block: FencedBlock, w: WorkspaceEdit): WorkspaceEdit {
  if (!w.changes) return w;
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, edits] of Object.entries(w.changes)) changes[uri] = edits.map((e) => edit(block, e));
  return { ...w, changes };
}

export function markdownHover(md: MarkdownDocument, position: Position): Hover | null {
  const at = locate(md, position);
  const h = at && hover(at.b.doc, at.pos, at.b.block.firstLine);
  if (!at || !h) return null;
  return h.range ? { ...h, range: toNoteRange(at.b.block, h.range) } : h;
}

export function markdownCompletion(md: MarkdownDocument, position: Position): CompletionItem[] {
  const at = locate(md, position);
  if (!at) return [];
  const block = at.b.block;
  return completion(at.b.doc, at.pos).map((item) => {
    const te = item.textEdit;
    // Snippet bodies keep their own line ends: the editor indents a snippet's lines as the line it goes on.
    if (te && 'range' in te) return { ...item, textEdit: { range: toNoteRange(block, te.range), newText: te.newText } };
    if (te) return { ...item, textEdit: { ...te, insert: toNoteRange(block, te.insert), replace: toNoteRange(block, te.replace) } };
    return item;
  });
}

export function markdownInlayHints(md: MarkdownDocument, range: Range, settings: ServerSettings): InlayHint[] {
  return md.blocks.flatMap(({ block, doc }) => {
    const local = toBlockRange(block, range);
    if (!local) return [];
    // A line of the note is its block line and the indentation the block removed from it.
    const note = { columns: (line: number) => block.removed[line] + columns(block.lines[line] ?? '') };
    return inlayHints(doc, local, settings, note).map((h) => ({
      ...h,
      position: toNotePosition(block, h.position),
      ...(h.textEdits && { textEdits: h.textEdits.map((e) => edit(block, e)) }),
    }));
  });
}

/** The quick fixes of the block the range starts in; the diagnostics they fix are the note's own objects. */
export function markdownCodeActions(md: MarkdownDocument, params: CodeActionParams): CodeAction[] {
  const at = locate(md, params.range.start);
  if (!at) return [];
  const block = at.b.block;
  const originals = new Map<LspDiagnostic, LspDiagnostic>();
  const diagnostics: LspDiagnostic[] = [];
  for (const d of params.context.diagnostics) {
    const range = blockAt([block], d.range.start.line) ? toBlockRange(block, d.range) : undefined;
    if (!range) continue;
    const local = { ...d, range };
    originals.set(local, d);
    diagnostics.push(local);
  }
  const range = toBlockRange(block, params.range) ?? { start: at.pos, end: at.pos };
  const actions = codeActions(at.b.doc, { ...params, range, context: { ...params.context, diagnostics } });
  return actions.map((a) => ({
    ...a,
    ...(a.edit && { edit: workspaceEdit(block, a.edit) }),
    ...(a.diagnostics && { diagnostics: a.diagnostics.map((d) => originals.get(d) ?? d) }),
  }));
}

export function markdownDefinition(md: MarkdownDocument, position: Position): Location | null {
  const at = locate(md, position);
  const loc = at && definition(at.b.doc, at.pos);
  return at && loc ? { ...loc, range: toNoteRange(at.b.block, loc.range) } : null;
}

export function markdownReferences(md: MarkdownDocument, position: Position, includeDeclaration: boolean): Location[] {
  const at = locate(md, position);
  if (!at) return [];
  return references(at.b.doc, at.pos, includeDeclaration).map((l) => ({ ...l, range: toNoteRange(at.b.block, l.range) }));
}

export function markdownHighlights(md: MarkdownDocument, position: Position): DocumentHighlight[] {
  const at = locate(md, position);
  if (!at) return [];
  return documentHighlights(at.b.doc, at.pos).map((h) => ({ ...h, range: toNoteRange(at.b.block, h.range) }));
}
