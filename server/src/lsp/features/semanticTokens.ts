// Semantic tokens, from each line as the parser saw it (its tokens, comment and statement:
// core/syntax/lineMemo.ts): the whole document, a delta from the previous answer, or a range.
// A line's tokens depend on nothing but the line, so an edit only makes the tokens of the lines it
// changed (tokenState.ts keeps the last answer and splices them in).
import type { TokenType } from 'chevrotain';
import type { SemanticTokensLegend } from 'vscode-languageserver';
import type { Range, SimpleStatement, ValueRef } from '../../core/syntax/ast';
import * as T from '../../core/syntax/tokens';
import { columnOf, commentColumn, endColumnOf, lexedOf, type MemoLine } from '../../core/syntax/lineMemo';
import type { LexedLine } from '../../core/syntax/scanner';

/** Standard token types, so every colour theme colours them. */
const TYPES = ['variable', 'keyword', 'enumMember', 'property', 'number', 'parameter', 'type', 'string', 'comment', 'operator'] as const;
type TokenKind = (typeof TYPES)[number];
const MODIFIERS = ['declaration'] as const;

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

interface Tok {
  start: number;
  end: number;
  type: TokenKind;
  declaration?: boolean;
}

const STATEMENT_KEYWORDS = new Set<TokenType>(Object.values(T.STATEMENT));
const NOTE_KEYWORDS = new Set<TokenType>(Object.values(T.NOTE_WORD));

class Collector {
  readonly toks: Tok[] = [];

  add(start: number, end: number, type: TokenKind, declaration = false): void {
    if (end > start) this.toks.push({ start, end, type, declaration });
  }

  range(r: Range, type: TokenKind, declaration = false): void {
    if (r.start.line === r.end.line) this.add(r.start.character, r.end.character, type, declaration);
  }

  /** `100` → number; `x+1` → parameter, operator, number. */
  value(v: ValueRef): void {
    const at = v.range.start.character;
    const m = /^([^\s+-]*)(\s*)([+-]?)(\s*)(\d*)$/.exec(v.text);
    if (!m || v.sym === undefined) return this.range(v.range, 'number');
    let i = at;
    this.add(i, (i += m[1].length), 'parameter');
    i += m[2].length;
    this.add(i, (i += m[3].length), 'operator');
    i += m[4].length;
    this.add(i, i + m[5].length, 'number');
  }
}

function statementTokens(c: Collector, s: SimpleStatement, l: LexedLine): void {
  switch (s.kind) {
    case 'title':
      return c.range(s.text.range, 'string');
    case 'wait':
      return c.range(s.amount.range, /^\d/.test(s.amount.text) ? 'number' : 'string');
    case 'participant':
      c.range(s.nameRange, 'variable', true);
      if (s.label) c.range(s.label.range, 'string');
      if (s.state) c.range(s.state.range, 'type');
      return;
    case 'note':
      for (const t of s.targets) c.range(t.range, 'variable');
      return c.range(s.text.range, 'string');
    case 'state':
      for (const it of s.items) {
        c.range(it.nameRange, 'variable');
        c.range(it.state.range, 'type');
      }
      return;
    case 'message': {
      for (const end of [s.from, s.to]) {
        c.range(end.range, 'variable');
        if (end.state) c.range(end.state.range, 'type');
      }
      c.range(s.arrowRange, 'operator');
      for (const f of s.segment.flags) c.range(f.range, 'enumMember');
      for (const f of s.segment.fields) {
        // Seed notation's key is the flag itself (`SYN(x)`), already a flag token.
        if (!f.seed) c.range(f.keyRange, 'property');
        if (f.value) c.value(f.value);
        else if (f.rawValue !== undefined) {
          const eq = l.tokens.find((t) => t.tokenType === T.Equals && columnOf(l, t) >= f.keyRange.end.character);
          if (eq) c.add(endColumnOf(l, eq), f.range.end.character, 'string');
        }
      }
      if (s.label) c.range(s.label.range, 'string');
      return;
    }
  }
}

/** Keywords the statement's nodes do not already cover. */
function keywordTokens(c: Collector, l: MemoLine, lexed: LexedLine): void {
  const item = l.built.item;
  const kind = item?.kind === 'statement' ? item.stmt.kind : item?.kind;
  lexed.tokens.forEach((t, i) => {
    const type = t.tokenType;
    const statementKw = i === 0 && STATEMENT_KEYWORDS.has(type);
    const asKw = kind === 'participant' && i === 2 && type === T.As;
    const noteKw = kind === 'note' && (i === 1 || i === 2) && NOTE_KEYWORDS.has(type);
    if (statementKw || asKw || noteKw) c.add(columnOf(lexed, t), endColumnOf(lexed, t), 'keyword');
  });
}

/** Values per token in LSP's encoding: line delta, start (delta), length, type, modifiers. */
export const TOKEN_SIZE = 5;

/**
 * One line's tokens, sorted, without overlaps (a node's own type wins over a keyword), as
 * [start, length, type, modifiers] per token: what LSP's encoding says of a token but its line.
 */
export function lineTokens(l: MemoLine): number[] {
  const c = new Collector();
  const lexed = lexedOf(l);
  const item = l.built.item;
  if (item?.kind === 'statement') statementTokens(c, item.stmt, lexed);
  keywordTokens(c, l, lexed);
  const comment = commentColumn(lexed);
  if (comment !== undefined) c.add(comment, l.text.length, 'comment');
  // Stable sort: at equal starts the node token, added first, is kept.
  const sorted = c.toks.sort((a, b) => a.start - b.start);
  const out: number[] = [];
  let end = 0;
  for (const t of sorted) {
    if (t.start < end) continue;
    out.push(t.start, t.end - t.start, TYPES.indexOf(t.type), t.declaration ? 1 : 0);
    end = t.end;
  }
  return out;
}
