// The lines of a document as the parser last saw them: each line's text and what it built to on
// its own (a statement or a par/and/end marker, and its own diagnostics). It is the per-line half of
// the complete parse result (the tree is the other): the language server reads line statements from
// it (and a line's tokens and comment, lexed again from its text when asked: lexedOf), and passes it
// back to the next parse so that a keystroke lexes and builds only the lines it changed. It keeps no
// tokens: what they said is in the tree, and a line lexes again in microseconds (tokens kept were
// ~40% of an open document's heap).
//
// A line is reused by its text wherever it moved: lines inserted or deleted above it only shift
// it. What an entry keeps does not depend on where the line is — its text, ranges that read their
// line from the line's position (span.ts LinePosition) — but for its line number, held in four
// places that a move updates: the entry, the position, the statement's `line`, and its diagnostics
// (plain data, so shifted copies). So an entry belongs to one memo: a memo that only borrows
// another's lines (`borrow`) builds a moved line again instead, and a tree made from a memo is the
// latest version's only (the next parse may move its lines).
import type { IToken } from 'chevrotain';
import type { Diagnostic, Fix } from '../diagnostics';
import type { Range } from './ast';
import { withDiags, type BuiltLine } from './build';
import { lexLine, type LexedLine } from './scanner';

export interface MemoLine {
  /** The line's text, without its line end. */
  text: string;
  /** The line's number (0-based), where it is now. */
  line: number;
  /** What the line builds to; a line holding only a comment builds to COMMENT_ONLY. */
  built: BuiltLine;
}

/** What a line holding only a comment builds to: nothing, with nothing to say. */
export const COMMENT_ONLY: BuiltLine = Object.freeze({ diags: Object.freeze([]) as unknown as Diagnostic[] });

/** The line holds only a comment. */
export const isCommentOnly = (l: MemoLine): boolean => l.built === COMMENT_ONLY;

/** The line's tokens and comment, lexed again from its text (offsets from the line's start). */
export function lexedOf(l: MemoLine): LexedLine {
  const lexed = lexLine(l.text);
  lexed.line = l.line;
  return lexed;
}

export class LineMemo {
  /** By 0-based line number, one place per line; blank lines have none. */
  lines: (MemoLine | undefined)[] = [];
  /** Every line's text, as last parsed. */
  texts: string[] = [];
  /**
   * The first line the last parse did not take unchanged from the one before (every line before it
   * is the same entry at the same place); the line count when nothing changed, 0 after a first parse.
   */
  firstChange = 0;
  /**
   * Whether the last parse changed one line in place and nothing else (every other line the same
   * entry at the same place): a keystroke. False after a first parse.
   */
  oneLineInPlace = false;
  /** False for a memo whose lines belong to another: it never moves them. */
  readonly owner: boolean;

  constructor(owner = true) {
    this.owner = owner;
  }

  /** A memo that reuses another's lines where they stand, to parse a variant of its text. */
  static borrow(from: LineMemo): LineMemo {
    const memo = new LineMemo(false);
    memo.lines = from.lines.slice();
    memo.texts = from.texts;
    return memo;
  }

  get isEmpty(): boolean {
    return this.texts.length === 0;
  }
}

/** Moves an entry to line `to`: its position, statement and diagnostics follow. */
export function moveLine(entry: MemoLine, to: number): void {
  const from = entry.line;
  if (from === to) return;
  entry.line = to;
  const built = entry.built;
  if (!built.at) return; // a comment-only line: nothing else names its line
  built.at.line = to;
  const item = built.item;
  if (item?.kind === 'statement') item.stmt.line = to;
  if (built.diags.length) entry.built = withDiags(built, built.diags.map((d) => shiftDiagnostic(d, to - from)));
}

const shiftRange = (r: Range, by: number): Range => ({
  start: { line: r.start.line + by, character: r.start.character },
  end: { line: r.end.line + by, character: r.end.character },
});

const shiftFix = (f: Fix, by: number): Fix => ({ ...f, edits: f.edits.map((e) => ({ range: shiftRange(e.range, by), newText: e.newText })) });

/** A copy of a diagnostic `by` lines further down. */
function shiftDiagnostic(d: Diagnostic, by: number): Diagnostic {
  const out: Diagnostic = { ...d, range: shiftRange(d.range, by) };
  if (d.fix) out.fix = shiftFix(d.fix, by);
  if (d.alternatives) out.alternatives = d.alternatives.map((f) => shiftFix(f, by));
  if (d.related) out.related = d.related.map((r) => ({ ...r, range: shiftRange(r.range, by) }));
  return out;
}

/** A text's lines, split as the lexer's Newline token splits them. */
export const splitLines = (text: string): string[] =>
  // Split on a string when there is no `\r` (most texts): three times faster than the regex, every edit.
  text.indexOf('\r') < 0 ? text.split('\n') : text.split(/\r\n|\r|\n/);

/** A token's column on its line (UTF-16, as LSP counts). */
export const columnOf = (l: LexedLine, tok: IToken): number => tok.startOffset - l.start;

/** The column just past a token. */
export const endColumnOf = (l: LexedLine, tok: IToken): number => columnOf(l, tok) + tok.image.length;

/** The column where the line's comment (`#…`, `//…`) starts; it runs to the end of the line. */
export function commentColumn(l: LexedLine): number | undefined {
  const at = l.comment;
  return at === undefined ? undefined : at - l.start;
}

const SYNTAX_ERRORS = new Set(['TF100', 'TF107']);
/** The line has a syntax error: a TF100, or a string never closed (TF107). */
export const hasSyntaxError = (l: MemoLine): boolean => l.built.diags.some((d) => SYNTAX_ERRORS.has(d.code));
