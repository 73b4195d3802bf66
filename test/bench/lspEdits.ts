// The edits the language-server benchmark makes, on the generated flows (flows.ts): each kind of
// keystroke or paste a user makes, and its inverse, so a run leaves the document as it found it.
import type { Range } from 'vscode-languageserver-protocol';

export interface Edit {
  range: Range;
  text: string;
}

export interface EditKind {
  name: string;
  /** The edit to make now (the line list is the document's current text). */
  make(lines: string[]): Edit;
  /** Its inverse, made right after it and measured as a kind of its own when `undoName` is set. */
  undo?(lines: string[]): Edit;
  undoName?: string;
}

const at = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });
const span = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });
const wholeLines = (from: number, count: number): Range => ({ start: { line: from, character: 0 }, end: { line: from + count, character: 0 } });

/** The `note over …: "chunk k"` line nearest to `fraction` of the document. */
function noteNear(lines: string[], fraction: number): number {
  const target = Math.floor(lines.length * fraction);
  let best = -1;
  for (let i = 0; i < lines.length; i++) if (lines[i].startsWith('note over') && (best < 0 || Math.abs(i - target) < Math.abs(best - target))) best = i;
  return best;
}

/** A data line (`PSH,ACK seq=N …`) near the middle, and where its seq number ends. */
function dataLineMid(lines: string[]): { line: number; end: number } {
  for (let i = Math.floor(lines.length / 2); i < lines.length; i++) {
    const m = /PSH,ACK seq=(\d+)/.exec(lines[i]);
    if (m) return { line: i, end: m.index + m[0].length };
  }
  throw new Error('no data line');
}

/** Types one character before the closing quote of a line's text. */
const typeInto = (lines: string[], line: number): Edit => ({ range: at(line, lines[line].lastIndexOf('"')), text: 'x' });
/** Deletes the character before a line's closing quote. */
const eraseIn = (lines: string[], line: number): Edit => {
  const q = lines[line].lastIndexOf('"');
  return { range: span(line, q - 1, q), text: '' };
};

const PASTED = Array.from({ length: 100 }, (_, k) => (k % 2 ? `# pasted ${k}` : `note over C2, S2: "pasted ${k}"`)).join('\n') + '\n';

export const EDIT_KINDS: EditKind[] = [
  {
    name: 'type in a declaration label (line 2)',
    make: (lines) => typeInto(lines, 1),
    undo: (lines) => eraseIn(lines, 1),
  },
  {
    name: 'type in a note mid-flow',
    make: (lines) => typeInto(lines, noteNear(lines, 0.5)),
    undo: (lines) => eraseIn(lines, noteNear(lines, 0.5)),
  },
  {
    name: 'type in a note near the end',
    make: (lines) => typeInto(lines, noteNear(lines, 1)),
    undo: (lines) => eraseIn(lines, noteNear(lines, 1)),
  },
  {
    name: 'insert a line at the top',
    make: () => ({ range: at(0, 0), text: 'note over C1: "top"\n' }),
    undo: () => ({ range: wholeLines(0, 1), text: '' }),
    undoName: 'delete the top line',
  },
  {
    name: 'insert a line mid-flow',
    make: (lines) => ({ range: at(Math.floor(lines.length / 2), 0), text: 'note over C2, S2: "mid"\n' }),
    undo: (lines) => ({ range: wholeLines(Math.floor((lines.length - 1) / 2), 1), text: '' }),
    undoName: 'delete a line mid-flow',
  },
  {
    name: 'paste 100 lines mid-flow',
    make: (lines) => ({ range: at(Math.floor(lines.length / 2), 0), text: PASTED }),
    undo: (lines) => ({ range: wholeLines(Math.floor((lines.length - 100) / 2), 100), text: '' }),
    undoName: 'cut 100 lines mid-flow',
  },
  {
    name: 'make a seq wrong mid-flow (an error)',
    make: (lines) => {
      const d = dataLineMid(lines);
      return { range: at(d.line, d.end), text: '7' };
    },
    undo: (lines) => {
      const d = dataLineMid(lines);
      return { range: span(d.line, d.end - 1, d.end), text: '' };
    },
    undoName: 'mend it',
  },
];

/** The 60 lines around an edit: what an editor shows, and asks inlay hints for. */
export function viewport(e: Edit, lineCount: number): Range {
  const from = Math.max(0, e.range.start.line - 20);
  const to = Math.min(lineCount - 1, from + 60);
  return { start: { line: from, character: 0 }, end: { line: to, character: 0 } };
}
