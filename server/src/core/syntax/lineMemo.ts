// The lines of a document as the parser last saw them: each line's text, its tokens and comment,
// and what it built to on its own (a statement or a par/and/end marker, and its own diagnostics).
// It is the per-line half of the complete parse result (the tree is the other): the language
// server reads tokens, comments and line statements from it, and passes it back to the next parse
// so that a keystroke lexes and builds only the lines it changed. A line whose number and text are
// unchanged reuses its entry; a line that moved is built again, since its statement's ranges name
// its line (what an entry keeps apart from that — text, tokens as offsets from the line's start,
// the comment's offset — does not depend on where the line is). Reuse is safe because nothing
// mutates an entry once it is made.
import type { IToken } from 'chevrotain';
import type { BuiltLine } from './build';
import type { LexedLine } from './scanner';

export interface MemoLine {
  /** The line's text, without its line end. */
  text: string;
  /** The text `lexed` offsets refer to (the chunk it was lexed from). */
  source: string;
  lexed: LexedLine;
  /** What the line builds to; a line holding only a comment builds to nothing and has no diagnostics. */
  built: BuiltLine;
}

export class LineMemo {
  /** By 0-based line number; blank lines have none. */
  lines: (MemoLine | undefined)[] = [];

  get isEmpty(): boolean {
    return this.lines.length === 0;
  }
}

/** A text's lines, split as the lexer's Newline token splits them. */
export const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

/** A token's column on its line (UTF-16, as LSP counts). */
export const columnOf = (l: MemoLine, tok: IToken): number => tok.startOffset - l.lexed.start;

/** The column just past a token. */
export const endColumnOf = (l: MemoLine, tok: IToken): number => columnOf(l, tok) + tok.image.length;

/** The column where the line's comment (`#…`, `//…`) starts; it runs to the end of the line. */
export function commentColumn(l: MemoLine): number | undefined {
  const at = l.lexed.comment;
  return at === undefined ? undefined : at - l.lexed.start;
}

const SYNTAX_ERRORS = new Set(['TF100', 'TF107']);
/** The line has a syntax error: a TF100, or a string never closed (TF107). */
export const hasSyntaxError = (l: MemoLine): boolean => l.built.diags.some((d) => SYNTAX_ERRORS.has(d.code));
