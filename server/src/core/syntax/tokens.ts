// Chevrotain tokens of .tcpflow (SPEC §2). Their patterns define the lexical grammar, which
// scanner.ts implements by hand for speed (a test compares it with a chevrotain Lexer built from
// `ALL_TOKENS`). The lexer never fails: any character no other token matches becomes an `Other` token, which
// the line parser rejects where a token is expected and free text (title, notes, …) accepts.
import * as chevrotain from 'chevrotain';
import type { TokenType, CustomPatternMatcherFunc } from 'chevrotain';
import {
  ARROWS,
  COMMENT_STARTS,
  FLAG_PAIR_WORD,
  FLAGS,
  LABEL_WORD,
  NAME,
  NOTE_WORDS,
  STATEMENT_KEYWORDS,
  type Flag,
  type NoteWord,
  type StatementKeyword,
} from './vocabulary';

// chevrotain is ESM whose own dependencies export only the "import" condition: the test and
// bench scripts run tsx with `--conditions=import` so they resolve (esbuild bundles it as is).
export { chevrotain };
const { createToken, Lexer } = chevrotain;

/** Every token belongs to `AnyTok`, so free text can be consumed token by token. */
export const AnyTok = createToken({ name: 'AnyTok', pattern: Lexer.NA });
/** Any word: participant names, symbols, field keys, state names (keywords included). */
export const Word = createToken({ name: 'Word', pattern: Lexer.NA, categories: [AnyTok] });
/** Words that may start a message line: every word but the statement keywords. */
export const MsgStart = createToken({ name: 'MsgStart', pattern: Lexer.NA, categories: [AnyTok] });
/** Words that may be a field key (`seq`, `Win`, `foo`): every word but the flag names. */
export const KeyTok = createToken({ name: 'KeyTok', pattern: Lexer.NA, categories: [AnyTok] });
/** The flag names SYN ACK FIN RST PSH URG ECE CWR. */
export const FlagTok = createToken({ name: 'FlagTok', pattern: Lexer.NA, categories: [AnyTok] });
export const StringTok = createToken({ name: 'StringTok', pattern: Lexer.NA, categories: [AnyTok] });
export const ArrowTok = createToken({ name: 'ArrowTok', pattern: Lexer.NA, categories: [AnyTok] });

// Representative start characters for patterns the first-char optimisation cannot analyse:
// chevrotain buckets every code above 255 into groups of 255, so one code per group suffices.
const NON_ASCII_HINT: number[] = [];
for (let c = 128; c < 256; c++) NON_ASCII_HINT.push(c);
for (let c = 256; c < 65536; c += 255) NON_ASCII_HINT.push(c);
NON_ASCII_HINT.push(65535);

function sticky(re: RegExp): CustomPatternMatcherFunc {
  return (text, offset) => {
    re.lastIndex = offset;
    return re.exec(text);
  };
}

export const Newline = createToken({ name: 'Newline', pattern: /\r\n|\r|\n/, line_breaks: true });
export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  // \s is Unicode-aware even without the u flag (U+3000, U+00A0, BOM…); line breaks excluded.
  pattern: /[^\S\r\n]+/,
  group: Lexer.SKIPPED,
  line_breaks: false,
  start_chars_hint: [9, 11, 12, 32, ...NON_ASCII_HINT],
});
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const anyOf = (words: readonly string[], then = ''): RegExp => new RegExp(words.map((w) => escapeRe(w) + then).join('|'));

export const Comment = createToken({ name: 'Comment', pattern: anyOf(COMMENT_STARTS, '[^\\r\\n]*'), line_breaks: false });
export const QuotedString = createToken({
  name: 'QuotedString',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
  categories: [StringTok],
  line_breaks: false,
});
/** A `"` that is never closed: everything to the end of the line (TF107). */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^\r\n]*\S)?/,
  categories: [StringTok],
  line_breaks: false,
});
export const Arrow = createToken({ name: 'Arrow', pattern: anyOf(ARROWS.delivered), categories: [ArrowTok] });
/** `-x` always lexes as the lost arrow (no name or value can contain it), so `A-x B` works. */
export const LostArrow = createToken({ name: 'LostArrow', pattern: anyOf(ARROWS.lost), categories: [ArrowTok] });
export const Minus = createToken({ name: 'Minus', pattern: '-', categories: [AnyTok] });
export const Plus = createToken({ name: 'Plus', pattern: '+', categories: [AnyTok] });
export const Comma = createToken({ name: 'Comma', pattern: ',', categories: [AnyTok] });
export const Slash = createToken({ name: 'Slash', pattern: '/', categories: [AnyTok] });
export const Colon = createToken({ name: 'Colon', pattern: ':', categories: [AnyTok] });
export const Equals = createToken({ name: 'Equals', pattern: '=', categories: [AnyTok] });
export const LParen = createToken({ name: 'LParen', pattern: '(', categories: [AnyTok] });
export const RParen = createToken({ name: 'RParen', pattern: ')', categories: [AnyTok] });
export const NumberTok = createToken({ name: 'NumberTok', pattern: /[0-9]+/, categories: [AnyTok] });

let identifier: RegExp | undefined;
/**
 * A Unicode identifier, sticky (its pattern is a function, so the scanner takes the expression
 * from here). Made on first use: only a name with a non-ASCII letter needs it, and reading its
 * `\p{…}` classes costs every start-up otherwise (issue 13).
 */
export const identifierRegExp = (): RegExp => (identifier ??= new RegExp(NAME, 'uy'));

/** ASCII names take a plain loop; anything else goes to the Unicode regex. */
function matchIdentifier(text: string, offset: number): [string] | null {
  let i = offset;
  let c = text.charCodeAt(i);
  if ((c | 32) >= 97 && (c | 32) <= 122) {
    do c = text.charCodeAt(++i);
    while (((c | 32) >= 97 && (c | 32) <= 122) || (c >= 48 && c <= 57) || c === 95);
    if (!(c >= 128)) return [text.slice(offset, i)];
  } else if (c < 128) return null;
  const re = identifierRegExp();
  re.lastIndex = offset;
  const m = re.exec(text);
  return m && [m[0]];
}

/** A Unicode letter, then letters, combining marks, digits or `_` (`클라이언트`, `isn_a`). */
export const Identifier = createToken({
  name: 'Identifier',
  pattern: matchIdentifier,
  categories: [Word, MsgStart, KeyTok],
  line_breaks: false,
  start_chars_hint: [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', ...NON_ASCII_HINT],
});

// Keywords and flag names are not lexed by patterns of their own: an identifier whose text is
// one (in any case) is re-typed after lexing, which is much faster than one regex per keyword.
// Every word comes from vocabulary.ts.
const keywords = new Map<string, TokenType>();
/** Keyword and flag token types by lower-case spelling. */
export const KEYWORDS: ReadonlyMap<string, TokenType> = keywords;
function keyword(word: string, categories: TokenType[]): TokenType {
  const type = createToken({
    name: word.charAt(0).toUpperCase() + word.slice(1),
    pattern: Lexer.NA,
    categories: [Word, AnyTok, ...categories],
  });
  keywords.set(word, type);
  return type;
}

function keywordsFor<W extends string>(words: readonly W[], categories: TokenType[], spelling = (w: W) => w as string): Record<W, TokenType> {
  return Object.fromEntries(words.map((w) => [w, keyword(spelling(w), categories)])) as Record<W, TokenType>;
}

/** Statement keywords: they cannot start a message (`wait -> B: SYN` is no message, README). */
export const STATEMENT: Readonly<Record<StatementKeyword, TokenType>> = keywordsFor(STATEMENT_KEYWORDS, [KeyTok]);
// The other words are ordinary names where a name fits.
export const As = keyword(LABEL_WORD, [KeyTok, MsgStart]);
/** `over`, `left`, `right`, `of` of note positions. */
export const NOTE_WORD: Readonly<Record<NoteWord, TokenType>> = keywordsFor(NOTE_WORDS, [KeyTok, MsgStart]);
export const SynAck = keyword(FLAG_PAIR_WORD.word, [MsgStart]);
/** The flag names, by flag. */
export const FLAG_TOKEN: Readonly<Record<Flag, TokenType>> = keywordsFor(FLAGS, [FlagTok, MsgStart], (f) => f.toLowerCase());
/** Any single code point not matched above (`@`, `.`, a lone surrogate): rejected by the parser. */
export const Other = createToken({
  name: 'Other',
  pattern: sticky(/[^\r\n]/uy),
  categories: [AnyTok],
  line_breaks: false,
  start_chars_hint: [...Array.from({ length: 128 }, (_, i) => i).filter((c) => c !== 10 && c !== 13), ...NON_ASCII_HINT],
});

/** A whole line too long to read (limits.ts MAX_LINE_CHARS): the lexer's only token for it; the parser never sees it (TF110). */
export const LongLine = createToken({ name: 'LongLine', pattern: Lexer.NA });

/** What the lexer matches, in order of priority (identifiers spelling a keyword are then re-typed). */
export const ALL_TOKENS: TokenType[] = [
  Newline,
  WhiteSpace,
  Comment,
  QuotedString,
  UnterminatedString,
  Arrow,
  LostArrow,
  Minus,
  Plus,
  Comma,
  Slash,
  Colon,
  Equals,
  LParen,
  RParen,
  NumberTok,
  Identifier,
  Other,
];

/** The parser's vocabulary: the categories must be listed, or chevrotain ignores them. */
export const PARSER_TOKENS: TokenType[] = [
  ...ALL_TOKENS,
  ...KEYWORDS.values(),
  AnyTok,
  Word,
  MsgStart,
  KeyTok,
  FlagTok,
  StringTok,
  ArrowTok,
];
