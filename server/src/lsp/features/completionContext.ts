// Where the cursor is, for completion, as the parser sees it: the line is lexed, the word under the
// cursor is set aside, and the line parser is asked what it expected where that word starts (its
// `Expected`, the same a TF100 names). Only what comes before the word is parsed, so an unfinished
// line is no obstacle. What a word is depends on what is expected there (a state name may hold
// `-`, a value `+`), so each shape of word is tried in turn until the parser expects that shape.
import type { IToken } from 'chevrotain';
import { parseLineTokens, type Expected, type LineParse } from '../../core/syntax/parser';
import type { RawMessage } from '../../core/syntax/raw';
import { lexLine } from '../../core/syntax/scanner';
import * as Tokens from '../../core/syntax/tokens';
import { FLAGS, FLAG_PAIR_WORD, isBareField, seedField, type Flag } from '../../core/syntax/vocabulary';

// A plain copy: reading a CommonJS namespace goes through a getter on every access.
const T = { ...Tokens };
const FLAG_OF = new Map(FLAGS.map((f) => [T.FLAG_TOKEN[f], f]));

/** Characters [start, end) of the cursor's line. */
export interface Span {
  start: number;
  end: number;
}

export type CompletionContext =
  | { kind: 'statementStart'; word: Span }
  | { kind: 'participants'; word: Span; exclude?: string }
  /**
   * `owner`: whose state is asserted, and for a message whether as its sender or its receiver;
   * `checked`: the checker compares it (messages, `state` lines), so there is a state to expect.
   */
  | { kind: 'states'; word: Span; checked: boolean; closeParen: boolean; owner?: { name: string; receiver: boolean } }
  | { kind: 'segment'; word: Span; flags: Set<Flag>; fields: Set<string> }
  /** The number after `seq=`, `ack=`, `SYN(`, `FIN(`, `ACK(` in a message from `from` to `to`. */
  | { kind: 'value'; key: 'seq' | 'ack'; word: Span; from: string; to: string }
  | { kind: 'notePosition'; word: Span }
  | { kind: 'waitAmount'; word: Span };

const end = (t: IToken): number => t.startOffset + t.image.length;
const adjacent = (a: IToken, b: IToken): boolean => end(a) === b.startOffset;
const isWord = (t: IToken): boolean => T.chevrotain.tokenMatcher(t, T.Word);
const isNumber = (t: IToken): boolean => t.tokenType === T.NumberTok;

/** The shapes a word under the cursor can have, in the order they are tried, and what each is made of. */
const SHAPES = {
  /** `TIME-WAIT`, `fin-wait-2`. */
  state: (t: IToken) => isWord(t) || isNumber(t) || t.tokenType === T.Minus,
  /** `x+1`, `100`. */
  value: (t: IToken) => isWord(t) || isNumber(t) || t.tokenType === T.Plus || t.tokenType === T.Minus,
  /** `2MSL`, `200ms`. */
  amount: (t: IToken) => isWord(t) || isNumber(t),
  /** A name, a keyword, a flag or a field key: one token. */
  name: isWord,
} as const;
type Shape = keyof typeof SHAPES;

/** The tokens [from, to) of this shape joined together at the cursor; from === to (where it would go) when none is. */
function wordAt(tokens: IToken[], c: number, shape: Shape): [number, number] {
  const piece = SHAPES[shape];
  let k = tokens.findIndex((t) => t.startOffset < c && c <= end(t) && piece(t));
  if (k < 0) k = tokens.findIndex((t) => t.startOffset === c && piece(t));
  if (k < 0) {
    const after = tokens.findIndex((t) => t.startOffset >= c);
    return after < 0 ? [tokens.length, tokens.length] : [after, after];
  }
  if (shape === 'name') return [k, k + 1];
  let from = k;
  let to = k + 1;
  while (from > 0 && piece(tokens[from - 1]) && adjacent(tokens[from - 1], tokens[from])) from--;
  while (to < tokens.length && piece(tokens[to]) && adjacent(tokens[to - 1], tokens[to])) to++;
  return [from, to];
}

/** What the parser expects after these tokens (the line's beginning), or undefined where it is stuck before them. */
function expectedAfter(prefix: IToken[], line: IToken[]): { expected?: Expected; parse?: LineParse } {
  if (prefix.length === 0) return { expected: 'statement' };
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const parse = parseLineTokens(prefix, line);
    if (!parse.error) return { expected: parse.next, parse };
    return { expected: parse.error.token === undefined ? parse.error.expected : undefined, parse };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** The parser expects a word of this shape. */
function fits(shape: Shape, expected: Expected | undefined, prefix: IToken[]): boolean {
  switch (shape) {
    case 'state':
      return expected === 'state';
    case 'value':
      return expected === 'value';
    case 'amount':
      return prefix.length === 1 && prefix[0].tokenType === T.STATEMENT.wait;
    case 'name':
      return expected === 'statement' || expected === 'participant' || expected === 'segment' || expected === 'noteTarget';
  }
}

/** True when the cursor is inside a string or a comment, where nothing is completed. */
function inTextOrComment(tokens: IToken[], comment: number | undefined, c: number): boolean {
  if (comment !== undefined && c > comment) return true;
  return tokens.some(
    (t) => (t.tokenType === T.QuotedString && t.startOffset < c && c < end(t)) || (t.tokenType === T.UnterminatedString && t.startOffset < c),
  );
}

export function completionContext(text: string, character: number): CompletionContext | undefined {
  const lexed = lexLine(text);
  const tokens = lexed.tokens;
  if (inTextOrComment(tokens, lexed.comment, character)) return undefined;
  for (const shape of Object.keys(SHAPES) as Shape[]) {
    const [from, to] = wordAt(tokens, character, shape);
    const prefix = tokens.slice(0, from);
    // A token the cursor is inside of, that no word is made of (`-‸>`): nothing to offer.
    if (from === to && prefix.length && end(prefix[prefix.length - 1]) > character) return undefined;
    const { expected, parse } = expectedAfter(prefix, tokens);
    if (!fits(shape, expected, prefix)) continue;
    const word = from === to ? { start: character, end: character } : { start: tokens[from].startOffset, end: end(tokens[to - 1]) };
    return contextOf(shape, expected!, word, { tokens, prefix, to, message: parse?.partial });
  }
  return undefined;
}

interface Place {
  tokens: IToken[];
  /** The tokens before the word, and the index of the first token after it. */
  prefix: IToken[];
  to: number;
  /** The message recognised before the word, when the line is one. */
  message: RawMessage | undefined;
}

function contextOf(shape: Shape, expected: Expected, word: Span, at: Place): CompletionContext | undefined {
  const first = at.prefix[0]?.tokenType;
  if (shape === 'amount') return { kind: 'waitAmount', word };
  switch (expected) {
    case 'statement':
      return { kind: 'statementStart', word };
    case 'participant':
      // A new participant's name is the user's to choose.
      if (first === T.STATEMENT.participant) return undefined;
      return { kind: 'participants', word, exclude: at.message?.arrow ? at.message.from?.image : undefined };
    case 'noteTarget':
      return at.prefix.length === 1 ? { kind: 'notePosition', word } : undefined;
    case 'state':
      return stateContext(word, at, first);
    case 'segment':
      return at.message ? { kind: 'segment', word, ...segmentHas(at) } : undefined;
    case 'value':
      return valueContext(word, at);
    default:
      return undefined;
  }
}

function stateContext(word: Span, at: Place, first: unknown): CompletionContext {
  const closed = at.tokens[at.to]?.tokenType === T.RParen;
  // A declaration's state is not checked: any state may start a participant.
  if (first === T.STATEMENT.participant) return { kind: 'states', word, checked: false, closeParen: !closed };
  if (first === T.STATEMENT.state) {
    // `state A: ‸`: the name before the colon.
    const name = at.prefix[at.prefix.length - 2];
    return { kind: 'states', word, checked: true, closeParen: false, owner: name && { name: name.image, receiver: false } };
  }
  const m = at.message;
  const owner = m?.arrow ? m.to : m?.from;
  return { kind: 'states', word, checked: true, closeParen: !closed, owner: owner && { name: owner.image, receiver: !!m?.arrow } };
}

/** `seq=‸`, `ack=‸`, `ACK=‸`, `SYN(‸`, `FIN(‸`, `ACK(‸`: the number; any other value is the user's. */
function valueContext(word: Span, at: Place): CompletionContext | undefined {
  const m = at.message;
  const [key, op] = at.prefix.slice(-2);
  if (!m?.from || !m.to || !key || !op) return undefined;
  const flag = FLAG_OF.get(key.tokenType);
  let field: string | undefined;
  if (op.tokenType === T.LParen && flag) field = seedField(flag);
  else if (op.tokenType === T.Equals) field = flag === 'ACK' ? 'ack' : key.image.toLowerCase();
  return field === 'seq' || field === 'ack' ? { kind: 'value', key: field, word, from: m.from.image, to: m.to.image } : undefined;
}

/** The flags and fields the segment already has, the word under the cursor aside (the whole segment, not only before the cursor). */
function segmentHas(at: Place): { flags: Set<Flag>; fields: Set<string> } {
  const rest = [...at.prefix, ...at.tokens.slice(at.to)];
  const flags = new Set<Flag>();
  const fields = new Set<string>();
  const { parse } = expectedAfter(rest, rest);
  for (const item of parse?.partial?.items ?? []) {
    if (item.t === 'synack') for (const f of FLAG_PAIR_WORD.flags) flags.add(f);
    else if (item.t === 'flag') {
      // `ACK=1` is a field as notes write it (textbook notation sets a bit, lower case a number).
      if (item.eq) fields.add(item.flag.image.toLowerCase());
      else for (const t of [item.flag, item.alias]) if (t) flags.add(FLAG_OF.get(t.tokenType)!);
    } else {
      const key = item.key.image.toLowerCase();
      if (item.eq || isBareField(key)) fields.add(key);
    }
  }
  return { flags, fields };
}
