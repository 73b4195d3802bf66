// parse(text): the whole document. Lexes it, builds each line on its own (a bad line never
// disturbs the others), assembles `par` blocks (TF105 for their misuse), then validates the tree
// (validate.ts: TF104, TF106, TF108). The result is complete: every statement a line builds to
// is in the tree, and with a line memo every line's tokens and comment are kept too (lineMemo.ts).
import { diag, type Diagnostic } from '../diagnostics';
import type { MessageStmt, NoteStmt, ParBlock, Range, SimpleStatement, Statement, TcpflowDocument } from './ast';
import { buildLine, type BuiltLine } from './build';
import { lexLines, type LexedLine } from './scanner';
import { COMMENT_ONLY, moveLine, splitLines, type LineMemo, type MemoLine } from './lineMemo';
import { commonEnds } from '../search';
import type { LinePosition } from './span';
import { validate } from './validate';

export interface ParseResult {
  doc: TcpflowDocument;
  diagnostics: Diagnostic[];
}

function countLines(text: string): number {
  return (text.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

function keywordRange(range: Range, length: number): Range {
  return { start: range.start, end: { line: range.start.line, character: range.start.character + length } };
}

class Assembler {
  readonly statements: Statement[] = [];
  /** Each line's own diagnostics and TF105, in line order. */
  readonly diagnostics: Diagnostic[] = [];
  private par: ParBlock | undefined;
  /** TF105 for a block never closed, found only at the end. */
  unterminated: Diagnostic | undefined;

  add(line: number, built: BuiltLine): void {
    if (built.diags.length) this.diagnostics.push(...built.diags);
    const item = built.item;
    if (!item) return;
    if (item.kind === 'statement') return this.statement(item.stmt);
    const kw = keywordRange(item.range, item.kind.length);
    if (item.kind === 'par') {
      if (this.par) this.diagnostics.push(diag('TF105', kw, { kind: 'nested' }));
      else {
        this.par = { kind: 'par', line, range: item.range, parRange: item.range, branches: [[]], misplaced: [], andLines: [] };
        this.statements.push(this.par);
      }
    } else if (!this.par) {
      this.diagnostics.push(diag('TF105', kw, { kind: item.kind === 'and' ? 'andOutside' : 'endOutside' }));
    } else if (item.kind === 'and') {
      this.par.andLines.push(line);
      this.par.branches.push([]);
    } else {
      this.par.endLine = line;
      this.par.range = { start: this.par.range.start, end: item.range.end };
      this.par = undefined;
    }
  }

  private statement(stmt: SimpleStatement): void {
    const par = this.par;
    if (!par) this.statements.push(stmt);
    else if (stmt.kind === 'message' || stmt.kind === 'note') this.inPar(par, stmt);
    else par.misplaced.push(stmt);
  }

  private inPar(par: ParBlock, stmt: MessageStmt | NoteStmt): void {
    par.branches[par.branches.length - 1].push(stmt);
    // Until `end` arrives the block reaches its last statement (what an unterminated block keeps).
    par.range = { start: par.range.start, end: stmt.range.end };
  }

  finish(lineCount: number): ParseResult {
    if (this.par) this.unterminated = diag('TF105', keywordRange(this.par.parRange, 3), { kind: 'unterminated' });
    this.par = undefined;
    const doc: TcpflowDocument = { statements: this.statements, lineCount };
    const diagnostics = mergeByLine(this.diagnostics, validate(doc));
    if (this.unterminated) diagnostics.push(this.unterminated);
    return { doc, diagnostics };
  }
}

/** Two lists in line order, merged; at equal lines the first list's come first. */
function mergeByLine(a: Diagnostic[], b: Diagnostic[]): Diagnostic[] {
  if (b.length === 0) return a;
  const out: Diagnostic[] = [];
  let j = 0;
  for (const d of a) {
    while (j < b.length && b[j].range.start.line < d.range.start.line) out.push(b[j++]);
    out.push(d);
  }
  while (j < b.length) out.push(b[j++]);
  return out;
}

/**
 * Parses a document. With a `memo` (kept by an editor between versions), every line's tokens,
 * comment and own statement are kept in it, and lines unchanged since the memo's last parse are
 * not lexed or built again (lineMemo.ts); the result is the same.
 */
export function parse(text: string, memo?: LineMemo): ParseResult {
  const source = typeof text === 'string' ? text : String(text ?? '');
  if (memo && !memo.isEmpty) return parseReusing(source, memo);
  const asm = new Assembler();
  let lineCount: number;
  // chevrotain reports each syntax error as an Error; their stack traces are never read and
  // would cost most of the time spent on a bad line.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const kept: (MemoLine | undefined)[] = [];
    const onLine = (chunk: string, line: LexedLine): void => {
      // A memo's entry is its line's position too: its ranges read their line from it.
      const entry: MemoLine | undefined = memo && { text: '', line: line.line, built: COMMENT_ONLY };
      const built = buildSafely(chunk, line, entry);
      asm.add(line.line, built);
      if (entry) {
        entry.built = built;
        kept[line.line] = entry;
      }
    };
    const onComment = memo && ((_chunk: string, line: LexedLine) => void (kept[line.line] = { text: '', line: line.line, built: COMMENT_ONLY }));
    lineCount = lexLines(source, onLine, 0, onComment);
    if (memo) remember(memo, source, kept);
  } catch {
    // Not expected (the lexer has a catch-all token): keep what was built, never crash.
    lineCount = countLines(source);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return asm.finish(lineCount);
}

function remember(memo: LineMemo, source: string, kept: (MemoLine | undefined)[]): void {
  const lines = splitLines(source);
  for (let i = 0; i < kept.length; i++) {
    const entry = kept[i];
    if (entry) entry.text = lines[i];
  }
  kept.length = lines.length; // one place per line, blank ones at the end too
  memo.lines = kept;
  memo.texts = lines;
  memo.firstChange = 0;
  memo.oneLineInPlace = false;
}

/** One line on its own, lexed and built as parse() would (the formatter re-reads what it wrote). */
export function parseLine(text: string, line = 0): MemoLine | undefined {
  let entry: MemoLine | undefined;
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const built = (chunk: string, lexed: LexedLine): void => {
      const e: MemoLine = { text, line, built: COMMENT_ONLY };
      e.built = buildSafely(chunk, lexed, e);
      entry = e;
    };
    lexLines(text, built, line, () => (entry = { text, line, built: COMMENT_ONLY }));
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return entry;
}

/**
 * The lines kept from the memo's last parse: those before the first changed line and after the
 * last stay (the latter shifted if lines were inserted or deleted), and a line in between whose
 * text some line there had is that line, moved. Only lines whose text is new are lexed and built.
 */
function parseReusing(source: string, memo: LineMemo): ParseResult {
  const lines = splitLines(source);
  const old = memo.lines;
  const was = memo.texts;
  const { prefix: head, suffix: tail } = commonEnds(was, lines);
  const next: (MemoLine | undefined)[] = old.slice(0, head);
  next.length = lines.length;
  // The changed stretch: its old lines, by text, for the new lines to take.
  const spare = new Map<string, MemoLine[]>();
  for (let i = head; i < was.length - tail; i++) {
    const e = old[i];
    if (!e) continue;
    const same = spare.get(e.text);
    if (same) same.push(e);
    else spare.set(e.text, [e]);
  }
  const end = lines.length - tail;
  for (let i = head; i < end; i++) {
    const e = spare.get(lines[i])?.pop();
    next[i] = e && place(e, i, memo) ? e : parseLine(ownCopy(lines[i]), i);
  }
  for (let k = 1; k <= tail; k++) {
    const e = old[was.length - k];
    const i = lines.length - k;
    if (e) next[i] = place(e, i, memo) ? e : parseLine(e.text, i);
  }
  memo.lines = next;
  memo.texts = lines;
  memo.firstChange = head;
  memo.oneLineInPlace = lines.length === was.length && end - head === 1;
  const asm = new Assembler();
  for (const entry of next) if (entry) asm.add(entry.line, entry.built);
  return asm.finish(lines.length);
}

/** Puts an entry at line `line`; false when it would have to move and the memo does not own it. */
function place(entry: MemoLine, line: number, memo: LineMemo): boolean {
  if (entry.line === line) return true;
  if (!memo.owner) return false;
  moveLine(entry, line);
  return true;
}

/**
 * The line's text in a string of its own. A line split from the document is a slice of it, and
 * V8 keeps the whole text alive as long as any slice of it is: a memo that kept one line of each
 * version would keep every version.
 */
const ownCopy = (text: string): string => (text.length < 13 ? text : (' ' + text).slice(1));

function buildSafely(chunk: string, line: LexedLine, at: LinePosition = { line: line.line }): BuiltLine {
  try {
    return buildLine(chunk, line, at);
  } catch {
    // Defensive only: a bug on one line must not lose the rest of the document.
    const tok = line.tokens[0];
    const character = tok.startOffset - line.start;
    const range = { start: { line: line.line, character }, end: { line: line.line, character: character + tok.image.length } };
    return { diags: [diag('TF100', range, { expected: 'statement', found: tok.image.slice(0, 60) })], at };
  }
}
