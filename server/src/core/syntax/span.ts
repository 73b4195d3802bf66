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

/**
 * Where a line of the tree stands now. A line's ranges and statement read their line number from
 * it, so a line that moves (lines inserted or deleted above it) is moved by changing this one
 * number, not by building the line again (lineMemo.ts).
 */
export interface LinePosition {
  line: number;
}

/**
 * A range inside one line, as the syntax tree keeps it: the line's position and two columns, its
 * `start` and `end` made when read. A 10,000-line tree holds ~120,000 ranges and most are never
 * read (the checker reads one per diagnostic); two position objects for each made up a third of
 * the parse (measured: ~60 → ~48 ms). It serialises (`toJSON`) to the plain LSP shape, and
 * diagnostics and fixes take plain copies (`plainRange`), so nothing outside the tree sees the
 * difference.
 */
export class LineRange implements Range {
  /**
   * Both columns in one small integer, `from + to × 2^15` (V8 keeps it in the object: 40 bytes a
   * range rather than 48); a column past 2^15 makes a WideLineRange instead.
   */
  private readonly cols: number;

  protected constructor(
    private readonly at: LinePosition,
    from: number,
    to: number,
  ) {
    this.cols = from < NARROW && to < NARROW ? from + to * NARROW : -1;
  }

  /** A range inside `at`'s line from column `from` to `to`. */
  static of(at: LinePosition, from: number, to: number): LineRange {
    return from < NARROW && to < NARROW ? new LineRange(at, from, to) : new WideLineRange(at, from, to);
  }

  protected get from(): number {
    return this.cols % NARROW;
  }

  protected get to(): number {
    return (this.cols - (this.cols % NARROW)) / NARROW;
  }

  get start(): Pos {
    return { line: this.at.line, character: this.from };
  }

  get end(): Pos {
    return { line: this.at.line, character: this.to };
  }

  toJSON(): Range {
    return plainRange(this);
  }
}

const NARROW = 1 << 15;

/** A range with a column past 2^15 (only on a line over the length budget, core/limits.ts). */
class WideLineRange extends LineRange {
  constructor(
    at: LinePosition,
    private readonly wideFrom: number,
    private readonly wideTo: number,
  ) {
    super(at, NARROW, NARROW);
  }

  protected override get from(): number {
    return this.wideFrom;
  }

  protected override get to(): number {
    return this.wideTo;
  }
}

/**
 * Where a tree node was written, kept until its range is read (syntax/nodes.ts): the two columns
 * packed as LineRange packs them, or the range itself when a column is past 2^15.
 */
export type Columns = number | LineRange;

/** The columns [from, to) of a line, kept as a node keeps them. */
export const columns = (at: LinePosition, from: number, to: number): Columns => (from < NARROW && to < NARROW ? from + to * NARROW : LineRange.of(at, from, to));

/** Columns [from, to) packed in a number, or undefined when a column is past 2^15. */
export const narrowColumns = (from: number, to: number): number | undefined => (from < NARROW && to < NARROW ? from + to * NARROW : undefined);

/** The first and past-the-end columns of narrow columns (a number); undefined for a LineRange. */
export const columnsFrom = (cols: Columns): number | undefined => (typeof cols === 'number' ? cols % NARROW : undefined);
export const columnsTo = (cols: Columns): number | undefined => (typeof cols === 'number' ? (cols - (cols % NARROW)) / NARROW : undefined);

/** The range that columns kept by `columns` stand for, on `at`'s line. */
export const rangeAt = (at: LinePosition, cols: Columns): Range => (typeof cols === 'number' ? LineRange.of(at, cols % NARROW, (cols - (cols % NARROW)) / NARROW) : cols);

/** A plain `{ start, end }` copy of any range (a LineRange's positions made once). */
export function plainRange(r: Range): Range {
  return { start: r.start, end: r.end };
}

export class LineSpan {
  readonly line: number;
  /** The position every range of the line reads its line from. */
  readonly at: LinePosition;
  private readonly start: number;

  constructor(
    readonly source: string,
    readonly lexed: LexedLine,
    /** The line's position (its memo entry, when it has one: syntax/parse.ts). */
    at: LinePosition = { line: lexed.line },
  ) {
    this.line = lexed.line;
    this.at = at;
    this.start = lexed.start;
  }

  range(from: number, to: number): Range {
    return LineRange.of(this.at, from - this.start, to - this.start);
  }

  /** The columns `tokens(first, last)` covers, as a tree node keeps them (syntax/nodes.ts). */
  columns(first: IToken, last: IToken = first): Columns {
    return columns(this.at, first.startOffset - this.start, tokenEnd(last) - this.start);
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

  /** The columns statement() covers, as a tree node keeps them. */
  statementColumns(): Columns {
    const toks = this.lexed.tokens;
    return this.columns(toks[0], toks[toks.length - 1]);
  }
}
