// parse(text): the whole document. Lexes it, builds each line on its own (a bad line never
// disturbs the others), then assembles `par` blocks and checks what spans lines: participants
// declared twice (TF104), par misuse (TF105/TF106) and messages to oneself (TF108).
import { diag, type Diagnostic } from '../diagnostics';
import type { MessageStmt, NoteStmt, ParBlock, Range, SimpleStatement, Statement, TcpflowDocument } from './ast';
import { buildLine, type BuiltLine } from './build';
import { lexLines, type LexedLine } from './scanner';
import { splitLines, type LineMemo, type MemoLine } from './lineMemo';

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
  readonly diagnostics: Diagnostic[] = [];
  private par: ParBlock | undefined;
  private readonly declared = new Map<string, number>();

  add(line: LexedLine, built: BuiltLine): void {
    this.diagnostics.push(...built.diags);
    const item = built.item;
    if (!item) return;
    if (item.kind === 'statement') return this.statement(item.stmt);
    const kw = keywordRange(item.range, item.kind.length);
    if (item.kind === 'par') {
      if (this.par) this.diagnostics.push(diag('TF105', kw, { kind: 'nested' }));
      else {
        this.par = { kind: 'par', line: line.line, range: item.range, parRange: item.range, branches: [[]], andLines: [] };
        this.statements.push(this.par);
      }
    } else if (!this.par) {
      this.diagnostics.push(diag('TF105', kw, { kind: item.kind === 'and' ? 'andOutside' : 'endOutside' }));
    } else if (item.kind === 'and') {
      this.par.andLines.push(line.line);
      this.par.branches.push([]);
    } else {
      this.par.endLine = line.line;
      this.par.range = { start: this.par.range.start, end: item.range.end };
      this.par = undefined;
    }
  }

  private statement(stmt: SimpleStatement): void {
    if (stmt.kind === 'message' && stmt.from.name === stmt.to.name) {
      this.diagnostics.push(diag('TF108', stmt.to.range, { name: stmt.to.name }));
      return;
    }
    if (this.par) {
      if (stmt.kind === 'message' || stmt.kind === 'note') return this.inPar(this.par, stmt);
      const first = keywordRange(stmt.range, stmt.kind.length);
      this.diagnostics.push(diag('TF106', first, { kind: stmt.kind }));
      return;
    }
    if (stmt.kind === 'participant') {
      const firstLine = this.declared.get(stmt.name);
      if (firstLine !== undefined) {
        this.diagnostics.push(diag('TF104', stmt.nameRange, { name: stmt.name, firstLine: firstLine + 1 }));
        return;
      }
      this.declared.set(stmt.name, stmt.line);
    }
    this.statements.push(stmt);
  }

  private inPar(par: ParBlock, stmt: MessageStmt | NoteStmt): void {
    par.branches[par.branches.length - 1].push(stmt);
    // Until `end` arrives the block reaches its last statement (what an unterminated block keeps).
    par.range = { start: par.range.start, end: stmt.range.end };
  }

  finish(): void {
    if (this.par) this.diagnostics.push(diag('TF105', keywordRange(this.par.parRange, 3), { kind: 'unterminated' }));
    this.par = undefined;
  }
}

/** Sees every line as parse() builds it, before par blocks are assembled (the language server's scan). */
export type LineObserver = (source: string, line: LexedLine, built: BuiltLine) => void;

/**
 * Parses a document. With a `memo` (kept by an editor between versions), lines unchanged since
 * the memo's last parse are not lexed or built again (lineMemo.ts); the result is the same.
 */
export function parse(text: string, onLine?: LineObserver, memo?: LineMemo): ParseResult {
  const source = typeof text === 'string' ? text : String(text ?? '');
  if (memo && !memo.isEmpty) return parseReusing(source, memo, onLine);
  const asm = new Assembler();
  let lineCount: number;
  // chevrotain reports each syntax error as an Error; their stack traces are never read and
  // would cost most of the time spent on a bad line.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const kept: (MemoLine | undefined)[] = [];
    lineCount = lexLines(source, (chunk, line) => {
      const built = buildSafely(chunk, line);
      onLine?.(chunk, line, built);
      asm.add(line, built);
      if (memo) kept[line.line] = { text: '', source: chunk, lexed: line, built };
    });
    if (memo) remember(memo, source, kept);
  } catch {
    // Not expected (the lexer has a catch-all token): keep what was built, never crash.
    lineCount = countLines(source);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  asm.finish();
  return { doc: { statements: asm.statements, lineCount }, diagnostics: asm.diagnostics };
}

function remember(memo: LineMemo, source: string, kept: (MemoLine | undefined)[]): void {
  const lines = splitLines(source);
  for (let i = 0; i < kept.length; i++) {
    const entry = kept[i];
    if (entry) entry.text = lines[i];
  }
  memo.lines = kept;
}

function parseReusing(source: string, memo: LineMemo, onLine?: LineObserver): ParseResult {
  const asm = new Assembler();
  const lines = splitLines(source);
  const next: (MemoLine | undefined)[] = [];
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (let i = 0; i < lines.length; i++) {
      const old = memo.lines[i];
      let entry = old && old.text === lines[i] ? old : undefined;
      if (!entry) {
        lexLines(lines[i], (chunk, lexed) => (entry = { text: lines[i], source: chunk, lexed, built: buildSafely(chunk, lexed) }), i);
      }
      if (!entry) continue;
      next[i] = entry;
      onLine?.(entry.source, entry.lexed, entry.built);
      asm.add(entry.lexed, entry.built);
    }
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  memo.lines = next;
  asm.finish();
  return { doc: { statements: asm.statements, lineCount: lines.length }, diagnostics: asm.diagnostics };
}

function buildSafely(chunk: string, line: LexedLine): BuiltLine {
  try {
    return buildLine(chunk, line);
  } catch {
    // Defensive only: a bug on one line must not lose the rest of the document.
    const tok = line.tokens[0];
    const character = tok.startOffset - line.start;
    const range = { start: { line: line.line, character }, end: { line: line.line, character: character + tok.image.length } };
    return { diags: [diag('TF100', range, { expected: 'statement', found: tok.image.slice(0, 60) })] };
  }
}
