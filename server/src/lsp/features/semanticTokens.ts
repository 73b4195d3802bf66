// Semantic tokens (full document), from each line as the parser saw it (its tokens, comment and
// statement: core/syntax/lineMemo.ts).
import type { TokenType } from 'chevrotain';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { Range, SimpleStatement, ValueRef } from '../../core/syntax/ast';
import * as T from '../../core/syntax/tokens';
import { columnOf, commentColumn, endColumnOf, type MemoLine } from '../../core/syntax/lineMemo';
import type { AnalyzedDocument } from '../document';

/** Standard token types, so every colour theme colours them. */
const TYPES = ['variable', 'keyword', 'enumMember', 'property', 'number', 'parameter', 'type', 'string', 'comment', 'operator'] as const;
type TokenKind = (typeof TYPES)[number];
const MODIFIERS = ['declaration'] as const;

export const SEMANTIC_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

interface Tok {
  line: number;
  start: number;
  end: number;
  type: TokenKind;
  declaration?: boolean;
}

const STATEMENT_KEYWORDS = new Set<TokenType>(Object.values(T.STATEMENT));
const NOTE_KEYWORDS = new Set<TokenType>(Object.values(T.NOTE_WORD));

class Collector {
  readonly toks: Tok[] = [];
  constructor(private readonly line: number) {}

  add(start: number, end: number, type: TokenKind, declaration = false): void {
    if (end > start) this.toks.push({ line: this.line, start, end, type, declaration });
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

function statementTokens(c: Collector, s: SimpleStatement, l: MemoLine): void {
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
          const eq = l.lexed.tokens.find((t) => t.tokenType === T.Equals && columnOf(l, t) >= f.keyRange.end.character);
          if (eq) c.add(endColumnOf(l, eq), f.range.end.character, 'string');
        }
      }
      if (s.label) c.range(s.label.range, 'string');
      return;
    }
  }
}

/** Keywords the statement's nodes do not already cover. */
function keywordTokens(c: Collector, l: MemoLine): void {
  const item = l.built.item;
  const kind = item?.kind === 'statement' ? item.stmt.kind : item?.kind;
  l.lexed.tokens.forEach((t, i) => {
    const type = t.tokenType;
    const statementKw = i === 0 && STATEMENT_KEYWORDS.has(type);
    const asKw = kind === 'participant' && i === 2 && type === T.As;
    const noteKw = kind === 'note' && (i === 1 || i === 2) && NOTE_KEYWORDS.has(type);
    if (statementKw || asKw || noteKw) c.add(columnOf(l, t), endColumnOf(l, t), 'keyword');
  });
}

/** Every token of the document, sorted, without overlaps (a node's own type wins over a keyword). */
export function collectTokens(doc: AnalyzedDocument): Tok[] {
  const all: Tok[] = [];
  for (const l of doc.parsed) {
    if (!l) continue;
    const c = new Collector(l.lexed.line);
    const item = l.built.item;
    if (item?.kind === 'statement') statementTokens(c, item.stmt, l);
    keywordTokens(c, l);
    const comment = commentColumn(l);
    if (comment !== undefined) c.add(comment, l.text.length, 'comment');
    // Stable sort: at equal starts the node token, added first, is kept.
    const sorted = c.toks.sort((a, b) => a.start - b.start);
    let end = 0;
    for (const t of sorted) {
      if (t.start < end) continue;
      all.push(t);
      end = t.end;
    }
  }
  return all;
}

export function semanticTokens(doc: AnalyzedDocument): SemanticTokens {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const t of collectTokens(doc)) {
    const dl = t.line - line;
    data.push(dl, dl === 0 ? t.start - char : t.start, t.end - t.start, TYPES.indexOf(t.type), t.declaration ? 1 : 0);
    line = t.line;
    char = t.start;
  }
  return { data };
}
