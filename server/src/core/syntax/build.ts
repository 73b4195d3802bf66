// One lexed line → one AST statement (or a par/and/end marker) with exact ranges, plus the line's
// diagnostics: at most one TF100, and TF101/TF102/TF103/TF107/TF109.
//
// Recovery rule: a line with a syntax error is left out, except a message whose error lies after
// its `:` — it is kept with the segment items (and label) recognised before the error, as long as
// there is at least one. Dropping such a message would make the checker report the next lines of
// the exchange as impossible, for one typo in a field.
import type { IToken } from 'chevrotain';
import { diag, type Diagnostic } from '../diagnostics';
import { MAX_LINE_CHARS } from '../limits';
import type { MessageStmt, Range, SimpleStatement, StateRef, Text } from './ast';
import { parseLineTokens } from './parser';
import { EndpointNode, MessageNode } from './nodes';
import type { RawMessage, RawState } from './raw';
import { buildSegment, type LineError } from './segment';
import { LineSpan, type LinePosition } from './span';
import { nearestState, parseStateName } from './states';
import * as Tokens from './tokens';
import type { LexedLine } from './scanner';
import { ENDS_TIME_WAIT } from './vocabulary';

// A plain copy: reading a CommonJS namespace goes through a getter on every access.
const T = { ...Tokens };

export type LineItem =
  | { kind: 'statement'; stmt: SimpleStatement }
  | { kind: 'par' | 'and' | 'end'; range: Range };

export interface BuiltLine {
  item?: LineItem;
  diags: Diagnostic[];
  /** Where the line stands: its ranges read their line from it (moving a line changes it, lineMemo.ts). */
  at?: LinePosition;
}

const MAX_FOUND = 60;

/** The text of the offending token, shortened so a huge token cannot flood a message. */
function found(text: string): string {
  if (text.length <= MAX_FOUND) return text;
  const cut = /[\uD800-\uDBFF]/.test(text.charAt(MAX_FOUND - 1)) ? MAX_FOUND - 1 : MAX_FOUND;
  return `${text.slice(0, cut)}…`;
}

function syntaxDiag(err: LineError, span: LineSpan): Diagnostic {
  const range = err.range ?? (err.token ? span.tokens(err.token) : span.endOfStatement());
  return diag('TF100', range, { expected: err.expected, found: found(err.found ?? err.token?.image ?? '') });
}

function unquote(tok: IToken): string {
  const inner = tok.tokenType === T.QuotedString ? tok.image.slice(1, -1) : tok.image.slice(1);
  return inner.replace(/\\(["\\])/g, '$1');
}

/**
 * Free text after `from` (exclusive) to the end of the statement, comment excluded; when `unquote`,
 * text that is one quoted string is unquoted.
 */
function freeText(span: LineSpan, from: IToken, unquote = true): Text {
  const toks = span.lexed.tokens;
  const rest = toks.slice(toks.indexOf(from) + 1);
  if (rest.length === 0) {
    const end = from.startOffset + from.image.length;
    return { text: '', range: span.range(end, end) };
  }
  return textOf(span, rest, unquote);
}

function textOf(span: LineSpan, toks: IToken[], unquoteString = true): Text {
  const range = span.tokens(toks[0], toks[toks.length - 1]);
  if (unquoteString && toks.length === 1 && T.chevrotain.tokenMatcher(toks[0], T.StringTok)) return { text: unquote(toks[0]), range };
  return { text: span.text(toks[0], toks[toks.length - 1]), range };
}

function stateRef(raw: RawState, span: LineSpan, diags: Diagnostic[]): StateRef {
  const first = raw.toks[0];
  const last = raw.toks[raw.toks.length - 1];
  const written = span.text(first, last);
  const range = span.tokens(first, last);
  const state = parseStateName(written);
  if (!state) {
    const nearest = nearestState(written);
    const fix = { kind: 'replaceState' as const, args: { state: nearest }, edits: [{ range, newText: nearest }] };
    diags.push(diag('TF101', range, { written, nearest }, fix));
  }
  return { written, state, range };
}

function endpoint(name: IToken, state: RawState | undefined, span: LineSpan, diags: Diagnostic[]): EndpointNode {
  return new EndpointNode(name.image, span.at, span.columns(name), state && stateRef(state, span, diags));
}

function message(m: RawMessage, span: LineSpan, diags: Diagnostic[], error: LineError | undefined): MessageStmt | undefined {
  const { from, arrow, to, colon } = m;
  if (!from || !arrow || !to || !colon || (error && m.items.length === 0)) {
    if (error) diags.push(syntaxDiag(error, span));
    return undefined;
  }
  const local: Diagnostic[] = [];
  const seg = buildSegment(m.items, span);
  // An unusable item comes before wherever recognition stopped, so its error is the line's one.
  const firstError = seg.error ?? error;
  const stmt: MessageStmt | undefined =
    seg.segment &&
    new MessageNode(
      span.at,
      span.statementColumns(),
      endpoint(from, m.fromState, span, local),
      endpoint(to, m.toState, span, local),
      arrow.tokenType === T.LostArrow ? '-x' : '->',
      span.columns(arrow),
      seg.segment,
      m.label && !seg.error ? textOf(span, [m.label]) : undefined,
    );
  diags.push(...local, ...seg.diags);
  if (firstError) diags.push(syntaxDiag(firstError, span));
  return stmt;
}

function done(diags: Diagnostic[], stmt: SimpleStatement): BuiltLine {
  return { item: { kind: 'statement', stmt }, diags };
}

/**
 * A line that built to a statement. Its item, `{ kind: 'statement', stmt }`, is made when read
 * (one object fewer a line); a copy with other diagnostics is made by `withDiags`.
 */
class StatementLine implements BuiltLine {
  constructor(
    readonly stmt: SimpleStatement,
    readonly diags: Diagnostic[],
    readonly at: LinePosition,
  ) {}

  get item(): LineItem {
    return { kind: 'statement', stmt: this.stmt };
  }
}

/** A built line with other diagnostics (a spread copies no getter). */
export const withDiags = (b: BuiltLine, diags: Diagnostic[]): BuiltLine => (b instanceof StatementLine ? new StatementLine(b.stmt, diags, b.at) : { ...b, diags });

/** Builds one line. Never throws on any token sequence the lexer can produce. */
export function buildLine(source: string, lexed: LexedLine, at: LinePosition = { line: lexed.line }): BuiltLine {
  const span = new LineSpan(source, lexed, at);
  const { item, diags } = buildIn(span, lexed);
  // A literal with every key the entry keeps: a key added afterwards would go to an array of its own (~40 bytes a line).
  const own = diags.length === 0 ? NO_DIAGS : diags;
  if (item?.kind === 'statement') return new StatementLine(item.stmt, own, span.at);
  return item ? { item, diags: own, at: span.at } : { diags: own, at: span.at };
}

/** The diagnostics of every line without any: one empty list (never added to), not one per line. */
const NO_DIAGS = Object.freeze([]) as unknown as Diagnostic[];

function buildIn(span: LineSpan, lexed: LexedLine): BuiltLine {
  const first = lexed.tokens[0];
  if (first.tokenType === T.LongLine) return { diags: [diag('TF110', span.tokens(first), { length: first.image.length, max: MAX_LINE_CHARS })] };
  const diags: Diagnostic[] = [];
  const last = lexed.tokens[lexed.tokens.length - 1];
  if (last.tokenType === T.UnterminatedString) diags.push(diag('TF107', span.tokens(last)));

  const parsed = parseLineTokens(lexed.tokens);
  const error = parsed.error;
  if (parsed.partial) {
    const stmt = message(parsed.partial, span, diags, error);
    return { item: stmt && { kind: 'statement', stmt }, diags };
  }
  const raw = parsed.raw;
  if (!raw || error) {
    if (error) diags.push(syntaxDiag(error, span));
    return { diags };
  }
  const base = { line: span.line, range: span.statement() };
  switch (raw.kind) {
    case 'par':
    case 'and':
    case 'end':
      return { item: { kind: raw.kind, range: base.range }, diags };
    case 'title':
      return done(diags, { kind: 'title', ...base, text: freeText(span, raw.kw) });
    case 'wait': {
      // The amount stays as written (quotes included): `wait "2MSL"` is not the 2MSL wait.
      const amount = freeText(span, raw.kw, false);
      if (amount.text === '') return { diags: [...diags, syntaxDiag({ expected: 'waitAmount', token: undefined }, span)] };
      // `wait -> B: SYN` is a message from a participant called wait, which the keyword cannot
      // be (README): say so rather than take the arrow as an amount and lose the message.
      const next = lexed.tokens[1];
      if (T.chevrotain.tokenMatcher(next, T.ArrowTok)) return { diags: [...diags, syntaxDiag({ expected: 'waitAmount', token: next }, span)] };
      return done(diags, { kind: 'wait', ...base, amount, is2MSL: amount.text.trim().toUpperCase() === ENDS_TIME_WAIT });
    }
    case 'note': {
      const text = freeText(span, raw.colon);
      if (text.text === '' && text.range.start.character === text.range.end.character) {
        return { diags: [...diags, syntaxDiag({ expected: 'noteText', token: undefined }, span)] };
      }
      const targets = raw.targets.map((t) => ({ name: t.image, range: span.tokens(t) }));
      return done(diags, { kind: 'note', ...base, position: raw.position, targets, text });
    }
    case 'participant': {
      const label = raw.label && raw.label.length > 0 ? textOf(span, raw.label) : undefined;
      const state = raw.state && stateRef(raw.state, span, diags);
      return done(diags, {
        kind: 'participant',
        ...base,
        name: raw.name.image,
        nameRange: span.tokens(raw.name),
        ...(label && { label }),
        ...(state && { state }),
      });
    }
    case 'state': {
      const items = raw.items.map((it) => ({
        name: it.name.image,
        nameRange: span.tokens(it.name),
        state: stateRef(it.state, span, diags),
      }));
      return done(diags, { kind: 'state', ...base, items });
    }
  }
  return { diags };
}
