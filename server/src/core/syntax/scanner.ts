// The lexer: splits a text into lines of chevrotain tokens, for the line parser (parser.ts).
// It implements exactly the token patterns of tokens.ts (`ALL_TOKENS`, in their priority order;
// test/unit/scanner.test.ts checks it against a chevrotain Lexer built from them) with one pass
// over the characters: four times faster than that Lexer, and it never builds Newline, white
// space or comment tokens only to drop them.
import type { IToken, TokenType } from 'chevrotain';
import { MAX_LINE_CHARS } from '../limits';
import * as Tokens from './tokens';

// A plain copy: reading a CommonJS namespace goes through a getter on every access.
const T = { ...Tokens };

/** One source line: its parsable tokens (comments removed) and where it starts. */
export interface LexedLine {
  /** 0-based line number. */
  line: number;
  /** Offset of the line's first character in the text it was lexed from. */
  start: number;
  /** The line's tokens; comments and white space are left out. */
  tokens: IToken[];
  /** Offset (in the same text) where the line's comment starts (`#…`, `//…`), if it has one. */
  comment?: number;
}

// Strings and non-ASCII characters go through the token patterns themselves, made sticky.
const stickyOf = (re: RegExp): RegExp => new RegExp(re.source, re.flags.replace('y', '') + 'y');
const SPACE_RE = stickyOf(T.WhiteSpace.PATTERN as RegExp);
const QUOTED_RE = stickyOf(T.QuotedString.PATTERN as RegExp);
const UNTERMINATED_RE = stickyOf(T.UnterminatedString.PATTERN as RegExp);

const NL = 10;
const CR = 13;
/** The longest keyword: longer identifiers are no keyword. */
const MAX_KEYWORD = Math.max(...[...T.KEYWORDS.keys()].map((k) => k.length));

function sticky(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.test(text) ? re.lastIndex : at;
}

function token(image: string, startOffset: number, tokenType: TokenType): IToken {
  // The shape chevrotain's own lexer gives with positionTracking 'onlyOffset'.
  return { image, startOffset, tokenTypeIdx: tokenType.tokenTypeIdx as number, tokenType } as IToken;
}

const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The keyword an identifier spells (ASCII letters only, any case), if any. */
export function keywordOf(image: string): TokenType | undefined {
  if (image.length > MAX_KEYWORD) return undefined;
  for (let i = 0; i < image.length; i++) if (!isAsciiLetter(image.charCodeAt(i))) return undefined;
  return T.KEYWORDS.get(image.toLowerCase());
}

/** Scans one token at a time; ASCII by hand, anything else with the patterns' expressions. */
class Scanner {
  /** Offset just past the last token scanned. */
  end = 0;

  constructor(private readonly text: string) {}

  /** Scans the token at `i` (not a line break): its type (undefined for white space), `end` after it. */
  next(i: number): TokenType | undefined {
    const text = this.text;
    const c = text.charCodeAt(i);
    let end = i + 1;
    let type: TokenType | undefined;
    switch (c) {
      case 32:
      case 9:
      case 11:
      case 12:
        while (end < text.length && isAsciiSpace(text.charCodeAt(end))) end++;
        if (end < text.length && text.charCodeAt(end) >= 128) end = sticky(SPACE_RE, text, end);
        type = undefined;
        break;
      case 35: // #
        end = lineEnd(text, i);
        type = T.Comment;
        break;
      case 47: // /
        if (text.charCodeAt(i + 1) === 47) {
          end = lineEnd(text, i);
          type = T.Comment;
        } else type = T.Slash;
        break;
      case 34: {
        // "
        const quoted = sticky(QUOTED_RE, text, i);
        if (quoted > i) {
          end = quoted;
          type = T.QuotedString;
        } else {
          end = sticky(UNTERMINATED_RE, text, i);
          type = T.UnterminatedString;
        }
        break;
      }
      case 45: {
        // -
        const d = text.charCodeAt(i + 1);
        if (d === 62) [end, type] = [i + 2, T.Arrow];
        else if (d === 120 || d === 88) [end, type] = [i + 2, T.LostArrow];
        else type = T.Minus;
        break;
      }
      case 43:
        type = T.Plus;
        break;
      case 44:
        type = T.Comma;
        break;
      case 58:
        type = T.Colon;
        break;
      case 61:
        type = T.Equals;
        break;
      case 40:
        type = T.LParen;
        break;
      case 41:
        type = T.RParen;
        break;
      default:
        if (isDigit(c)) {
          while (isDigit(text.charCodeAt(end))) end++;
          type = T.NumberTok;
        } else if (isAsciiLetter(c)) {
          let d = text.charCodeAt(end);
          while (isAsciiLetter(d) || isDigit(d) || d === 95) d = text.charCodeAt(++end);
          if (d >= 128) end = sticky(T.identifierRegExp(), text, i);
          type = T.Identifier;
        } else if (c >= 128) {
          type = this.nonAscii(c, i);
          end = this.end;
        } else type = T.Other;
    }
    this.end = end;
    return type;
  }

  private nonAscii(c: number, i: number): TokenType | undefined {
    const text = this.text;
    let end = sticky(SPACE_RE, text, i);
    if (end > i) {
      this.end = end;
      return undefined;
    }
    if (c === 0x2192) {
      this.end = i + 1;
      return T.Arrow;
    }
    end = sticky(T.identifierRegExp(), text, i);
    if (end > i) {
      this.end = end;
      return T.Identifier;
    }
    // `Other` is one code point: a surrogate pair stays whole.
    const pair = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    this.end = i + (pair ? 2 : 1);
    return T.Other;
  }
}

// Names, keys and numbers repeat on almost every line, and the tree keeps their images: one
// string per distinct short image instead of one per token keeps a big tree smaller (strings are
// immutable, so sharing them across lines and documents is safe; the table only bounds memory).
const INTERNED = 4096;
// V8 copies substrings shorter than 13 characters; longer ones point into the whole text, which
// the table would then keep alive long after its document is gone.
const MAX_INTERNED = 12;
const interned: string[] = new Array<string>(INTERNED).fill('');

function image(text: string, from: number, to: number): string {
  const length = to - from;
  if (length < 2 || length > MAX_INTERNED) return text.slice(from, to); // 1 char: V8 shares those already
  let h = length;
  for (let k = from; k < to; k++) h = (Math.imul(h, 31) + text.charCodeAt(k)) | 0;
  const slot = h & (INTERNED - 1);
  const known = interned[slot];
  if (known.length === length && text.startsWith(known, from)) return known;
  return (interned[slot] = text.slice(from, to));
}

const isAsciiSpace = (c: number): boolean => c === 32 || c === 9 || c === 11 || c === 12;

function lineEnd(text: string, i: number): number {
  let j = i;
  for (let c = text.charCodeAt(j); j < text.length && c !== NL && c !== CR; c = text.charCodeAt(++j));
  return j;
}

export type OnLine = (source: string, line: LexedLine) => void;

/**
 * Lexes `text` from `line` on and hands every line holding a token to `onLine`, in order, and
 * every line holding only a comment to `onCommentOnly` (its `tokens` empty).
 * Returns the number of lines (an empty text has one).
 */
export function lexLines(text: string, onLine: OnLine, line = 0, onCommentOnly?: OnLine): number {
  const scanner = new Scanner(text);
  // `comment` is always set (undefined without one), so every line has one object shape.
  let current: LexedLine = { line, start: 0, tokens: [], comment: undefined };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === NL || c === CR) {
      handOn(text, current, onLine, onCommentOnly);
      i += c === CR && text.charCodeAt(i + 1) === NL ? 2 : 1;
      current = { line: current.line + 1, start: i, tokens: [], comment: undefined };
      continue;
    }
    const type = scanner.next(i);
    const end = scanner.end;
    if (type !== undefined && type !== T.Comment && end - current.start > MAX_LINE_CHARS) {
      i = tooLong(text, current);
      continue;
    }
    if (type === T.Comment) current.comment = i;
    else if (type !== undefined) {
      const img = image(text, i, end);
      current.tokens.push(token(img, i, type === T.Identifier ? (keywordOf(img) ?? type) : type));
    }
    i = end;
  }
  handOn(text, current, onLine, onCommentOnly);
  return current.line - line + 1;
}

/** A line whose statement runs past MAX_LINE_CHARS becomes one LongLine token, read no further: returns its end. */
function tooLong(text: string, current: LexedLine): number {
  const end = lineEnd(text, current.start);
  current.tokens = [token(text.slice(current.start, end), current.start, T.LongLine)];
  current.comment = undefined;
  return end;
}

// A function of its own, not a closure over `current`: the loop above keeps `current` in a register.
function handOn(text: string, current: LexedLine, onLine: OnLine, onCommentOnly: OnLine | undefined): void {
  if (current.tokens.length > 0) onLine(text, current);
  else if (current.comment !== undefined) onCommentOnly?.(text, current);
}

/** One line of text (it holds no line break), lexed: its tokens and its comment, at line 0. */
export function lexLine(text: string): LexedLine {
  let out: LexedLine = { line: 0, start: 0, tokens: [], comment: undefined };
  const keep = (_source: string, l: LexedLine): void => void (out = l);
  lexLines(text, keep, 0, keep);
  return out;
}
