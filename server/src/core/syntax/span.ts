// Positions inside one source line: offsets in the whole text → LSP ranges (0-based line,
// UTF-16 character, end exclusive), plus the end-of-line spot where "missing …" errors go.
import type { IToken } from 'chevrotain';
import type { Pos, Range } from './ast';
import type { LexedLine } from './scanner';

export function tokenEnd(tok: IToken): number {
  return tok.startOffset + tok.image.length;
}

/** True when `b` starts right where `a` ends (no white space between). */
export function adjacent(a: IToken, b: IToken): boolean {
  return tokenEnd(a) === b.startOffset;
}

// Ranges of one line share their Pos objects (a field's range starts where its key does...):
// a big document holds millions of them, and fewer objects make building its tree much faster.
// Positions are treated as immutable everywhere, so sharing them is safe.
const CACHED = 256;
const cachedPos: Pos[] = new Array<Pos>(CACHED);
const cachedFor = new Float64Array(CACHED).fill(-1);
let generation = 0;

export class LineSpan {
  readonly line: number;
  private readonly start: number;
  private readonly generation = ++generation;

  constructor(
    readonly source: string,
    readonly lexed: LexedLine,
  ) {
    this.line = lexed.line;
    this.start = lexed.start;
  }

  pos(offset: number): Pos {
    const character = offset - this.start;
    if (character >= CACHED) return { line: this.line, character };
    if (cachedFor[character] === this.generation) return cachedPos[character];
    cachedFor[character] = this.generation;
    return (cachedPos[character] = { line: this.line, character });
  }

  range(from: number, to: number): Range {
    return { start: this.pos(from), end: this.pos(to) };
  }

  /** From the start of `first` to the end of `last` (default: `first` alone). */
  tokens(first: IToken, last: IToken = first): Range {
    return this.range(first.startOffset, tokenEnd(last));
  }

  text(first: IToken, last: IToken = first): string {
    return first === last ? first.image : this.source.slice(first.startOffset, tokenEnd(last));
  }

  /** Zero-width range just after the line's last token: where a missing token is reported. */
  endOfStatement(): Range {
    const toks = this.lexed.tokens;
    const at = toks.length > 0 ? tokenEnd(toks[toks.length - 1]) : this.start;
    return this.range(at, at);
  }

  /** The whole statement: first to last token, comment and trailing white space excluded. */
  statement(): Range {
    const toks = this.lexed.tokens;
    return this.tokens(toks[0], toks[toks.length - 1]);
  }
}
