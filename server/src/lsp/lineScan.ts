// The per-line scan that semantic tokens, formatting and navigation share: every line's tokens,
// trailing comment and the statement it builds to on its own — including lines the document
// tree leaves out (a second declaration, a message to oneself). It is collected while the
// document is parsed for its analysis, so no request parses the text a second time.
import type { IToken, TokenType } from 'chevrotain';
import { analyze } from '../core/analyze';
import type { LineItem } from '../core/syntax/build';
import type { LineObserver } from '../core/syntax/parse';
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
  tokens: ScannedToken[];
  /** The trailing comment (`#…` or `//…`), if any. */
  comment?: { start: number; end: number };
  /** The statement (or par/and/end marker) the line builds to on its own. */
  item?: LineItem;
  /** The line's own diagnostic codes (TF100 and TF107 mean a syntax error). */
  codes: string[];
}

const SYNTAX_ERRORS = new Set(['TF100', 'TF107']);
export const hasSyntaxError = (l: ScannedLine): boolean => l.codes.some((c) => SYNTAX_ERRORS.has(c));

/** Analyzes `text` and scans its lines in the same parse. */
export function analyzeAndScan(text: string): { analysis: Analysis; lines: string[]; scanned: ScannedLine[] } {
  const lines = text.split(/\r\n|\r|\n/);
  const scanned: ScannedLine[] = lines.map((_, line) => ({ line, tokens: [], codes: [] }));
  const onLine: LineObserver = (_source, lexed, built) => {
    const entry = scanned[lexed.line];
    if (!entry) return;
    entry.tokens = lexed.tokens.map((t: IToken) => {
      const start = t.startOffset - lexed.start;
      return { image: t.image, type: t.tokenType, start, end: start + t.image.length };
    });
    entry.item = built.item;
    entry.codes = built.diags.map((d) => d.code);
  };
  const analysis = analyze(text, onLine);
  for (const entry of scanned) {
    const text = lines[entry.line];
    const from = entry.tokens.length ? entry.tokens[entry.tokens.length - 1].end : 0;
    // The lexer consumes everything but white space and comments, so only a comment can follow.
    const m = /^\s*(#|\/\/)/.exec(text.slice(from));
    if (m) entry.comment = { start: from + m[0].length - m[1].length, end: text.length };
  }
  return { analysis, lines, scanned };
}

/** The scan of any text (formatting re-reads the lines it wrote). */
export function scanText(text: string): ScannedLine[] {
  return analyzeAndScan(text).scanned;
}
