// Formatting: one canonical spacing that never changes what a line means. Only the white space
// between tokens changes — `A(CLOSED) -> B(LISTEN): SYN seq=100`, `participant B as Server (LISTEN)`,
// `state A: CLOSED, B: CLOSED`, par-branch lines indented by two spaces — and free text (titles,
// notes, labels), values and state names keep theirs. Lines with a syntax error are left as they
// are, and every formatted line is re-built and compared with the original before it is used.
import type { FormattingOptions, TextEdit } from 'vscode-languageserver';
import type { TokenType } from 'chevrotain';
import type { Range, SimpleStatement } from '../../core/syntax/ast';
import * as Tokens from '../../core/syntax/tokens';
import { columnOf, commentColumn, endColumnOf, hasSyntaxError, lexedOf, type MemoLine } from '../../core/syntax/lineMemo';
import type { LexedLine } from '../../core/syntax/scanner';
import { parseLine } from '../../core/syntax/parse';
import type { AnalyzedDocument } from '../document';

/** A token with its columns on the line. */
interface ScannedToken {
  image: string;
  type: TokenType;
  start: number;
  end: number;
}

const T = { ...Tokens };
const INDENT = '  ';
/** Every keyword but the flag words: statement keywords, `as` and the note words. */
const KEYWORDS = new Set<TokenType>([...Object.values(T.STATEMENT), T.As, ...Object.values(T.NOTE_WORD)]);
const isArrow = (t: ScannedToken) => t.type === T.Arrow || t.type === T.LostArrow;
const isString = (t: ScannedToken) => t.type === T.QuotedString || t.type === T.UnterminatedString;

export function formatDocument(doc: AnalyzedDocument, _options: FormattingOptions): TextEdit[] {
  const inPar = parBodyLines(doc);
  const edits: TextEdit[] = [];
  doc.lines.forEach((original, i) => {
    const formatted = formatLine(original, i, doc.parsed[i], inPar.has(i) ? INDENT : '');
    if (formatted !== original) {
      edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: original.length } }, newText: formatted });
    }
  });
  return edits;
}

/** Lines between `par` and `end` other than the `and` lines: the branch contents. */
function parBodyLines(doc: AnalyzedDocument): Set<number> {
  const out = new Set<number>();
  for (const s of doc.analysis.doc.statements) {
    if (s.kind !== 'par') continue;
    // An unterminated block runs to the end of the document.
    const end = s.endLine ?? doc.lines.length;
    const ands = new Set(s.andLines);
    for (let l = s.line + 1; l < end; l++) if (!ands.has(l)) out.add(l);
  }
  return out;
}

/** `parsed` is the line as the parser saw it; a blank line has none. */
function formatLine(original: string, line: number, parsed: MemoLine | undefined, indent: string): string {
  if (parsed && hasSyntaxError(parsed)) return original;
  // A byte order mark is white space to the lexer, but it is not ours to remove.
  const bom = line === 0 && original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lexed = parsed && lexedOf(parsed);
  const commentAt = lexed && commentColumn(lexed);
  const comment = commentAt !== undefined && original.slice(commentAt).trimEnd();
  if (!parsed || !lexed || lexed.tokens.length === 0) return comment ? bom + indent + comment : bom;
  const item = parsed.built.item;
  if (!item) return original;
  const stmt = item.kind === 'statement' ? item.stmt : undefined;
  const tokens = lexed.tokens.map((t) => ({ image: t.image, type: t.tokenType, start: columnOf(lexed, t), end: endColumnOf(lexed, t) }));
  const code = indent + joinTokens(original, tokens, stmt);
  let out = bom + code;
  // A trailing comment keeps its column when it can, so aligned comments stay aligned.
  if (comment) out += ' '.repeat(Math.max(1, commentAt! - out.length)) + comment;
  return out === original || sameMeaning(parsed, lexed, out) ? out : original;
}

function joinTokens(line: string, tokens: ScannedToken[], stmt: SimpleStatement | undefined): string {
  // Zones by their start: as the pairs move right, `reach` is the furthest end of a zone that starts
  // at or before the pair, and the pair lies in a zone exactly when it ends within that reach.
  const zones = stmt ? verbatimZones(stmt, tokens).sort((x, y) => x[0] - y[0]) : [];
  let next = 0;
  let reach = -1;
  let out = tokens[0].image;
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1];
    const b = tokens[i];
    for (; next < zones.length && zones[next][0] <= a.start; next++) reach = Math.max(reach, zones[next][1]);
    const written = line.slice(a.end, b.start);
    const verbatim = b.end <= reach;
    out += (verbatim ? written : gap(a, b, written, stmt?.kind)) + b.image;
  }
  return out;
}

/** Column spans whose inner spacing is the user's: free text, values, state names, joined flags. */
function verbatimZones(s: SimpleStatement, tokens: ScannedToken[]): [number, number][] {
  const zones: Range[] = [];
  switch (s.kind) {
    case 'title':
    case 'note':
      zones.push(s.text.range);
      break;
    case 'wait':
      zones.push(s.amount.range);
      break;
    case 'participant':
      if (s.label) zones.push(s.label.range);
      if (s.state) zones.push(s.state.range);
      break;
    case 'state':
      for (const it of s.items) zones.push(it.state.range);
      break;
    case 'message':
      for (const end of [s.from, s.to]) if (end.state) zones.push(end.state.range);
      for (const f of s.segment.flags) zones.push(f.range);
      for (const f of s.segment.fields) {
        if (f.value) zones.push(f.value.range);
        // An unknown key's raw value is the tokens written together after `=`: keep them so.
        else if (f.rawValue !== undefined) {
          const eq = firstFrom(tokens, f.keyRange.end.character, T.Equals);
          const first = tokens[eq + 1];
          if (eq >= 0 && first) zones.push({ start: { line: 0, character: first.start }, end: f.range.end });
        }
      }
      break;
  }
  return zones.map((r) => [r.start.character, r.end.character]);
}

/** The index of the first token of `type` starting at or after `column` (-1: none); tokens are in column order. */
function firstFrom(tokens: ScannedToken[], column: number, type: TokenType): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < column) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < tokens.length; i++) if (tokens[i].type === type) return i;
  return -1;
}

/** The white space between two tokens. Only `(`, `)`, `,`, `:` and `=` may lose theirs: none of them joins a neighbour into a new token. */
function gap(a: ScannedToken, b: ScannedToken, written: string, kind: SimpleStatement['kind'] | undefined): string {
  const keep = written === '' ? '' : ' ';
  if (b.type === T.Comma || b.type === T.Colon || b.type === T.RParen || a.type === T.LParen) return '';
  if (a.type === T.Equals || b.type === T.Equals) return '';
  if (isArrow(a) || isArrow(b)) return ' ';
  if (b.type === T.LParen) return kind === 'message' ? '' : kind === 'participant' ? ' ' : keep;
  if (a.type === T.Colon) return ' ';
  // `SYN,ACK` stays joined; `ACK(x),SYN(y)` too; `A: CLOSED,B: CLOSED` gets its space.
  if (a.type === T.Comma) return kind === 'message' ? keep : ' ';
  if (kind !== 'message' && KEYWORDS.has(a.type)) return ' ';
  if (kind === 'message' && isString(b)) return ' ';
  return keep;
}

const POSITION_KEYS = new Set(['range', 'nameRange', 'keyRange', 'arrowRange', 'parRange', 'line']);
const shape = (l: MemoLine, lexed: LexedLine) =>
  JSON.stringify([l.built.item, l.built.diags.map((d) => d.code), lexed.tokens.map((t) => t.image)], (k, v) => (POSITION_KEYS.has(k) ? undefined : v));

/** The formatted line builds to the same statement, diagnostics and tokens as the original. */
function sameMeaning(original: MemoLine, lexed: LexedLine, formatted: string): boolean {
  const again = parseLine(formatted);
  if (!again) return false;
  const relexed = lexedOf(again);
  return shape(again, relexed) === shape(original, lexed) && (relexed.comment === undefined) === (lexed.comment === undefined);
}
