// The semantic tokens of a document as last answered, and how the next version's are made from
// them: the lines at the start and at the end that are the same line entries as then (a line
// moved by an edit above it is the same entry, its tokens the same) keep their tokens; only the
// lines in between are tokenised. In LSP's encoding a token's line is a delta from the previous
// token's, so what follows the changed lines needs one number changed: the first one's line delta.
// A delta request is answered with the one stretch that differs; a range request with a slice.
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver';
import type { MemoLine } from '../../core/syntax/lineMemo';
import { commonEnds } from '../../core/search';
import type { IncrementalAnalysis } from '../../core/incremental';
import type { AnalyzedDocument } from '../document';
import { TOKEN_SIZE, lineTokens } from './semanticTokens';

type Entries = readonly (MemoLine | undefined)[];

interface TokenState {
  version: number;
  resultId: string;
  /** The line entries the tokens were made from. */
  entries: Entries;
  /** Index of each line's first token, and one past the last line's (length: lines + 1). */
  firstToken: Int32Array;
  /** LSP's encoding, TOKEN_SIZE values per token (16 bits each when every value fits: half the memory). */
  data: TokenData;
  /** What changed from the state before (its resultId): the one stretch of `data` that differs. */
  edit?: { from: string; start: number; deleteCount: number; end: number };
}

type TokenData = Uint16Array | Uint32Array;

/** Room for `length` values, 16 bits each unless one of them needs more (`wide`). */
const tokenData = (length: number, wide: boolean): TokenData => (wide ? new Uint32Array(length) : new Uint16Array(length));
function isWide(values: Uint32Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] > 0xffff) return true;
  return false;
}

/** Per document (its session lives as long as it is open, and goes when it is closed). */
const states = new WeakMap<IncrementalAnalysis, TokenState>();
let nextId = 1;

/** The line of the last token before line `line` (−1: none), given each line's first token. */
function lastTokenLineBefore(firstToken: Int32Array, line: number): number {
  for (let l = line - 1; l >= 0; l--) if (firstToken[l + 1] > firstToken[l]) return l;
  return -1;
}

/** The line of the first token at or after line `line` (−1: none). */
function firstTokenLineFrom(firstToken: Int32Array, line: number, lines: number): number {
  for (let l = line; l < lines; l++) if (firstToken[l + 1] > firstToken[l]) return l;
  return -1;
}

/** The tokens of lines [from, to) of `entries`, encoded as following a token on line `prevLine`. */
function encodeLines(entries: Entries, from: number, to: number, prevLine: number, firstToken: Int32Array, base: number): Uint32Array {
  // A typed array that doubles when full, not a number[]: at 100,000 lines the tokens are 4 million
  // numbers, and a number[] grown by push left ~100 MB of copies on the heap that only a full
  // collection frees (most of the server's peak memory on a first `semanticTokens/full`, issue 13).
  let out: Uint32Array = new Uint32Array(1024);
  let n = 0;
  let line = prevLine;
  let char = 0;
  let count = base;
  for (let l = from; l < to; l++) {
    firstToken[l] = count;
    const e = entries[l];
    if (!e) continue;
    const toks = lineTokens(e);
    for (let k = 0; k < toks.length; k += 4) {
      const start = toks[k];
      const dl = line < 0 ? l : l - line;
      if (n + TOKEN_SIZE > out.length) out = grown(out);
      out[n] = dl;
      out[n + 1] = dl === 0 ? start - char : start;
      out[n + 2] = toks[k + 1];
      out[n + 3] = toks[k + 2];
      out[n + 4] = toks[k + 3];
      n += TOKEN_SIZE;
      line = l;
      char = start;
      count++;
    }
  }
  firstToken[to] = count;
  return out.subarray(0, n);
}

function grown(full: Uint32Array): Uint32Array {
  const out = new Uint32Array(full.length * 2);
  out.set(full);
  return out;
}

function fresh(doc: AnalyzedDocument): TokenState {
  const entries = doc.parsed;
  const firstToken = new Int32Array(entries.length + 1);
  const encoded = encodeLines(entries, 0, entries.length, -1, firstToken, 0);
  const data = tokenData(encoded.length, isWide(encoded));
  data.set(encoded);
  return { version: doc.version, resultId: String(nextId++), entries: entries.slice(), firstToken, data };
}

/** The next version's tokens from the last: the unchanged head and tail kept, the middle made. */
function next(old: TokenState, doc: AnalyzedDocument): TokenState {
  const was = old.entries;
  const now = doc.parsed;
  const { prefix: head, suffix: tail } = commonEnds(was, now);
  const firstToken = new Int32Array(now.length + 1);
  firstToken.set(old.firstToken.subarray(0, head + 1));
  const headTokens = old.firstToken[head];
  const middle = encodeLines(now, head, now.length - tail, lastTokenLineBefore(old.firstToken, head), firstToken, headTokens);
  const middleEnd = now.length - tail;
  const tailFrom = old.firstToken[was.length - tail];
  const shift = firstToken[middleEnd] - tailFrom;
  for (let k = 0; k <= tail; k++) firstToken[middleEnd + k] = old.firstToken[was.length - tail + k] + shift;
  // The first token after the middle: its line delta now counts from the last token before it.
  const first = firstTokenLineFrom(firstToken, middleEnd, now.length);
  const prev = first >= 0 ? lastTokenLineBefore(firstToken, first) : -1;
  const firstDelta = prev < 0 ? first : first - prev;
  const data = tokenData(firstToken[now.length] * TOKEN_SIZE, old.data instanceof Uint32Array || isWide(middle) || firstDelta > 0xffff);
  data.set(old.data.subarray(0, headTokens * TOKEN_SIZE));
  data.set(middle, headTokens * TOKEN_SIZE);
  const tailAt = firstToken[middleEnd] * TOKEN_SIZE;
  data.set(old.data.subarray(tailFrom * TOKEN_SIZE), tailAt);
  let touched = 0;
  if (first >= 0) {
    data[tailAt] = firstDelta;
    if (data[tailAt] !== old.data[tailFrom * TOKEN_SIZE]) touched = TOKEN_SIZE;
  }
  const start = headTokens * TOKEN_SIZE;
  const edit = { from: old.resultId, start, deleteCount: tailFrom * TOKEN_SIZE + touched - start, end: tailAt + touched };
  return { version: doc.version, resultId: String(nextId++), entries: now.slice(), firstToken, data, edit };
}

/** The document's tokens for its version, made from the last ones when there are some. */
function tokensOf(doc: AnalyzedDocument): { state: TokenState } {
  const previous = states.get(doc.session);
  if (previous?.version === doc.version) return { state: previous };
  const state = previous ? next(previous, doc) : fresh(doc);
  states.set(doc.session, state);
  return { state };
}

export function semanticTokens(doc: AnalyzedDocument): SemanticTokens {
  const { state } = tokensOf(doc);
  return { resultId: state.resultId, data: Array.from(state.data) };
}

/** The edit from the answer `previousResultId` names to this version's; the whole of it when that one is not the last. */
export function semanticTokensDelta(doc: AnalyzedDocument, previousResultId: string): SemanticTokens | SemanticTokensDelta {
  const { state } = tokensOf(doc);
  const edit = state.edit;
  if (state.resultId === previousResultId) return { resultId: state.resultId, edits: [] };
  if (edit?.from !== previousResultId) return { resultId: state.resultId, data: Array.from(state.data) };
  const data = Array.from(state.data.subarray(edit.start, edit.end));
  return { resultId: state.resultId, edits: edit.deleteCount === 0 && data.length === 0 ? [] : [{ start: edit.start, deleteCount: edit.deleteCount, data }] };
}

/** The tokens of the lines a range covers, the first one's line counted from the document's start. */
export function semanticTokensRange(doc: AnalyzedDocument, from: number, to: number): SemanticTokens {
  const { state } = tokensOf(doc);
  const lines = state.firstToken.length - 1;
  const a = Math.max(0, Math.min(from, lines));
  const b = Math.max(a, Math.min(to + 1, lines));
  const data = Array.from(state.data.subarray(state.firstToken[a] * TOKEN_SIZE, state.firstToken[b] * TOKEN_SIZE));
  const first = firstTokenLineFrom(state.firstToken, a, b);
  if (first >= 0) data[0] = first;
  return { data };
}
