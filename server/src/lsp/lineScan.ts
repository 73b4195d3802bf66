// The per-line scan that semantic tokens, formatting and navigation share: every line's tokens,
// trailing comment and the statement it builds to on its own — including lines the document
// tree leaves out (a second declaration, a message to oneself). It is collected while the
// document is parsed for its analysis, so no request parses the text a second time.
import type { IToken, TokenType } from 'chevrotain';
import { analyze } from '../core/analyze';
import type { BuiltLine, LineItem } from '../core/syntax/build';
import type { LineMemo } from '../core/syntax/lineMemo';
import type { LexedLine } from '../core/syntax/scanner';
import type { Analysis } from '../core/tcp/analysis';

export interface ScannedToken {
  image: string;
  type: TokenType;
  /** UTF-16 columns on the line, end exclusive. */
  start: number;
  end: number;
}

export interface ScannedLine {
  line: number;
  /** Tokens without white space and comments. */
  readonly tokens: ScannedToken[];
  /** The trailing comment (`#…` or `//…`), if any. */
  readonly comment?: { start: number; end: number };
  /** The statement (or par/and/end marker) the line builds to on its own. */
  item?: LineItem;
  /** The line's own diagnostic codes (TF100 and TF107 mean a syntax error). */
  codes: string[];
}

const SYNTAX_ERRORS = new Set(['TF100', 'TF107']);
export const hasSyntaxError = (l: ScannedLine): boolean => l.codes.some((c) => SYNTAX_ERRORS.has(c));

/** A line as the scan saw it; its tokens are made on first use (most requests read few lines). */
class Scanned implements ScannedLine {
  item?: LineItem;
  codes: string[] = [];
  private lexedTokens: IToken[] = [];
  private foundComment?: { start: number; end: number } | null;
  private lineStart = 0;
  private made?: ScannedToken[];

  constructor(
    readonly line: number,
    private readonly source: string,
  ) {}

  see(lexed: LexedLine, built: BuiltLine): void {
    this.lexedTokens = lexed.tokens;
    this.lineStart = lexed.start;
    this.item = built.item;
    this.codes = built.diags.map((d) => d.code);
  }

  get tokens(): ScannedToken[] {
    return (this.made ??= this.lexedTokens.map((t) => {
      const start = t.startOffset - this.lineStart;
      return { image: t.image, type: t.tokenType, start, end: start + t.image.length };
    }));
  }

  /** The end of the last token, or 0 for a line without any. */
  lastTokenEnd(): number {
    const last = this.lexedTokens[this.lexedTokens.length - 1];
    return last ? last.startOffset - this.lineStart + last.image.length : 0;
  }

  get comment(): { start: number; end: number } | undefined {
    if (this.foundComment === undefined) {
      const from = this.lastTokenEnd();
      // The lexer consumes everything but white space and comments, so only a comment can follow.
      const m = /^\s*(#|\/\/)/.exec(this.source.slice(from));
      this.foundComment = m ? { start: from + m[0].length - m[1].length, end: this.source.length } : null;
    }
    return this.foundComment ?? undefined;
  }
}

/** Analyzes `text` and scans its lines in the same parse (reusing unchanged lines from `memo`). */
export function analyzeAndScan(text: string, memo?: LineMemo): { analysis: Analysis; lines: string[]; scanned: ScannedLine[] } {
  const lines = text.split(/\r\n|\r|\n/);
  const scanned = lines.map((source, line) => new Scanned(line, source));
  const analysis = analyze(text, (_source, lexed, built) => scanned[lexed.line]?.see(lexed, built), memo);
  return { analysis, lines, scanned };
}

/** The scan of any text (formatting re-reads the lines it wrote). */
export function scanText(text: string): ScannedLine[] {
  return analyzeAndScan(text).scanned;
}
