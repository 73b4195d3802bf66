// Incremental parsing for editors. A keystroke changes one line, so every line whose number and
// text are unchanged reuses what it was built to the last time; only changed lines are lexed and
// built again (a line that moved is built again too: its ranges name its line). Reuse is safe
// because nothing mutates a syntax tree once it is built.
import type { BuiltLine } from './build';
import type { LexedLine } from './scanner';

export interface MemoLine {
  /** The line's text, without its line end. */
  text: string;
  /** The text `lexed` offsets refer to (the chunk it was lexed from). */
  source: string;
  lexed: LexedLine;
  built: BuiltLine;
}

export class LineMemo {
  /** By 0-based line number; blank and comment-only lines have none. */
  lines: (MemoLine | undefined)[] = [];

  get isEmpty(): boolean {
    return this.lines.length === 0;
  }
}

/** A text's lines, split as the lexer's Newline token splits them. */
export const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);
