// Helpers for the parser tests (no dependency on the checker: the checker's are helpers.ts).
// Sources carry ⟦…⟧ markers around the text whose range a test checks, so no test counts columns
// by hand; `marked` is the one reading of them, helpers.ts uses it too.
import assert from 'node:assert/strict';
import type { Diagnostic, DiagnosticCode, MessageArgs } from '../../server/src/core/diagnostics';
import type { Range, Statement, TcpflowDocument } from '../../server/src/core/syntax/ast';
import { parse, type ParseResult } from '../../server/src/core/syntax/parse';
import { asPlain } from '../../server/src/core/syntax/lazyNode';
import { LineRange, plainRange } from '../../server/src/core/syntax/span';

const OPEN = '⟦';
const CLOSE = '⟧';

/** Strips ⟦…⟧ markers; returns the text and the ranges the markers enclosed, in order of opening. */
export function marked(src: string): { text: string; ranges: Range[] } {
  const ranges: Range[] = [];
  const open: { line: number; character: number; index: number }[] = [];
  let text = '';
  let line = 0;
  let character = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === OPEN) {
      open.push({ line, character, index: ranges.length });
      ranges.push(undefined as unknown as Range);
    } else if (ch === CLOSE) {
      const o = open.pop();
      assert.ok(o, 'unbalanced marker');
      ranges[o.index] = { start: { line: o.line, character: o.character }, end: { line, character } };
    } else {
      text += ch;
      // Line breaks as LSP counts them: \r\n, \r or \n.
      if (ch === '\n' || (ch === '\r' && src[i + 1] !== '\n')) {
        line++;
        character = 0;
      } else if (ch !== '\r') character++;
    }
  }
  assert.equal(open.length, 0, 'unbalanced marker');
  return { text, ranges };
}

/** The range of the first occurrence of `needle` on (0-based) `line` of `text`. */
export function rangeOf(text: string, line: number, needle: string, occurrence = 0): Range {
  const lineText = text.split(/\r\n|\r|\n/)[line];
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = lineText.indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" not on line ${line}`);
  return { start: { line, character: at }, end: { line, character: at + needle.length } };
}

/** A zero-width range. */
export function point(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

/**
 * A deep copy with every LineRange (the tree's lazily made ranges, syntax/span.ts) and every node
 * that makes its ranges when read (syntax/nodes.ts) as plain data, ranges as a plain
 * `{ start, end }`, so deepEqual can compare a tree with object literals. Everything else is kept
 * as it is, absent and undefined properties included.
 */
export function plainTree<T>(x: T, copies = new Map<unknown, unknown>()): T {
  if (x === null || typeof x !== 'object') return x;
  // Shared nodes stay shared (`segment.seq` is one of `segment.fields`).
  if (copies.has(x)) return copies.get(x) as T;
  let out: unknown;
  if (x instanceof LineRange) out = plainRange(x);
  else if (asPlain(x) !== x) out = plainTree(asPlain(x), copies);
  else if (Array.isArray(x)) {
    const list: unknown[] = [];
    copies.set(x, list);
    for (const v of x) list.push(plainTree(v, copies));
    return list as T;
  } else {
    const obj: Record<string, unknown> = {};
    copies.set(x, obj);
    for (const [k, v] of Object.entries(x)) obj[k] = plainTree(v, copies);
    return obj as T;
  }
  copies.set(x, out);
  return out as T;
}

/** parse() with a plain tree (see plainTree). */
export function parsePlain(text: string): ParseResult {
  return plainTree(parse(text));
}

/** Parses and asserts there is no diagnostic at all. */
export function parseClean(text: string): TcpflowDocument {
  const r = parsePlain(text);
  assert.deepEqual(r.diagnostics, [], `unexpected diagnostics for ${JSON.stringify(text)}`);
  return r.doc;
}

/** The single statement of a diagnostic-free text, checked to be of `kind`. */
export function only<K extends Statement['kind']>(text: string, kind: K): Extract<Statement, { kind: K }> {
  const doc = parseClean(text);
  assert.equal(doc.statements.length, 1, `one statement expected in ${JSON.stringify(text)}`);
  const stmt = doc.statements[0];
  assert.equal(stmt.kind, kind);
  return stmt as Extract<Statement, { kind: K }>;
}

/** Code, range and args of each diagnostic (fixes and severities are checked where they matter). */
export function brief(list: Diagnostic[]): { code: DiagnosticCode; range: Range; args: MessageArgs }[] {
  return list.map((d) => ({ code: d.code, range: d.range, args: d.args }));
}

/**
 * Parses a marked source and asserts its diagnostics: one [code, args] per marker, in order, each
 * ranging over its marker. Returns the parse result for further checks.
 */
export function expectDiags(src: string, expected: [DiagnosticCode, MessageArgs][]): ParseResult {
  const { text, ranges } = marked(src);
  assert.equal(ranges.length, expected.length, 'one marker per expected diagnostic');
  const r = parsePlain(text);
  const want = expected.map(([code, args], i) => ({ code, range: ranges[i], args }));
  assert.deepEqual(brief(r.diagnostics), want);
  return r;
}

/** Asserts every diagnostic range lies inside the document (the LSP client relies on it). */
export function assertRangesInside(text: string, r: ParseResult): void {
  const lines = text.split(/\r\n|\r|\n/);
  assert.equal(r.doc.lineCount, lines.length);
  for (const d of r.diagnostics) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `line ${p.line} outside the document`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `character ${p.character} outside line ${p.line}`);
    }
    const { start, end } = d.range;
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), 'range ends before it starts');
  }
}
