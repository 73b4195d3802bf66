// Fenced code blocks of a Markdown note (CommonMark §4.5), found line by line, and the geometry
// that maps a ```tcpflow block's own positions (as the core analyses its text) to positions in
// the note and back. Pure: the language server, the CLI and the note sync share it.
import type { Diagnostic, Fix, MessageArgs } from '../diagnostics';
import type { Pos, Range } from '../syntax/ast';

/** One line of the note: its text without the line end, where it starts, and its line end. */
export interface NoteLine {
  text: string;
  start: number;
  /** `\r\n`, `\n`, `\r`, or '' for a last line without one. */
  eol: string;
}

export interface FencedBlock {
  /** The info string, trimmed (`tcpflow`, `TCPFlow title=x`, `js`). */
  info: string;
  fenceChar: '`' | '~';
  fenceLength: number;
  /** Spaces before the opening fence (0–3); that much indentation is removed from content lines. */
  indent: number;
  /** 0-based line of the opening fence, and that line's length. */
  openLine: number;
  openLineLength: number;
  /** 0-based line of the closing fence; undefined when the fence is never closed (it runs to the end). */
  closeLine: number | undefined;
  /** 0-based note line of the first content line (openLine + 1). */
  firstLine: number;
  /** The content lines as the block's text has them: indentation removed, no line ends. */
  lines: string[];
  /** Per content line, how many characters were removed from its start. */
  removed: number[];
  /** The content lines joined with `\n`: what the core analyses. */
  text: string;
}

/** Up to 3 spaces, then 3 or more backticks or tildes, then the info string. */
const OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
/** CommonMark HTML block type 2: a comment, from `<!--` to the line holding `-->`. */
const COMMENT_START = /^ {0,3}<!--/;

/** The note's lines; `\r\n`, `\n` and `\r` all end a line (as LSP and CommonMark count them). */
export function splitLines(text: string): NoteLine[] {
  const out: NoteLine[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(start, m.index), start, eol: m[0] });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), start, eol: '' });
  return out;
}

/** The first word of the info string is `tcpflow`, in any case. */
export function isTcpflowInfo(info: string): boolean {
  return info.trim().split(/\s+/)[0].toLowerCase() === 'tcpflow';
}

/** Every fenced code block of the note, whatever its language, in order. */
export function findFencedBlocks(text: string, lines: NoteLine[] = splitLines(text)): FencedBlock[] {
  return scanNote(text, lines).blocks;
}

/** The note's fenced blocks, and which of its lines are code or comment rather than Markdown of their own. */
export interface NoteScan {
  lines: NoteLine[];
  blocks: FencedBlock[];
  /**
   * Per line, 1 when it is part of a fenced block (its fences included) or continues an HTML
   * comment begun on an earlier line: a marker comment or a fence written there is only shown.
   */
  quoted: Uint8Array;
}

/** One pass over the note's lines: every fenced block, and the lines inside code or comments. */
export function scanNote(text: string, lines: NoteLine[] = splitLines(text)): NoteScan {
  const blocks: FencedBlock[] = [];
  const quoted = new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].text;
    if (COMMENT_START.test(line)) {
      // A fence inside an HTML comment is no fence: skip to the line that closes the comment.
      const from = line.indexOf('<!--') + 4;
      let j = i;
      while (j < lines.length && !(j === i ? line.slice(from) : lines[j].text).includes('-->')) j++;
      quoted.fill(1, i + 1, j + 1);
      i = j;
      continue;
    }
    const m = OPEN.exec(line);
    if (!m) continue;
    const [, spaces, fence, rest] = m;
    const fenceChar = fence[0] as '`' | '~';
    // A backtick fence's info string may not hold a backtick (it would be a code span).
    if (fenceChar === '`' && rest.includes('`')) continue;
    const block = readBlock(lines, i, spaces.length, fenceChar, fence.length, rest.trim());
    blocks.push(block);
    const last = block.closeLine ?? lines.length - 1;
    quoted.fill(1, i, last + 1);
    i = last;
  }
  return { lines, blocks, quoted };
}

/** The ```tcpflow blocks of the note (and `~~~tcpflow`), in order. */
export function tcpflowBlocks(text: string, lines?: NoteLine[]): FencedBlock[] {
  return findFencedBlocks(text, lines).filter((b) => isTcpflowInfo(b.info));
}

function readBlock(lines: NoteLine[], open: number, indent: number, fenceChar: '`' | '~', fenceLength: number, info: string): FencedBlock {
  const close = new RegExp(`^ {0,3}${fenceChar === '`' ? '`' : '~'}{${fenceLength},}[ \\t]*$`);
  let end = open + 1;
  while (end < lines.length && !close.test(lines[end].text)) end++;
  const closeLine = end < lines.length ? end : undefined;
  const content = lines.slice(open + 1, end);
  const removed = content.map((l) => leadingSpaces(l.text, indent));
  const own = content.map((l, k) => l.text.slice(removed[k]));
  return { info, fenceChar, fenceLength, indent, openLine: open, openLineLength: lines[open].text.length, closeLine, firstLine: open + 1, lines: own, removed, text: own.join('\n') };
}

/**
 * Up to `max` leading spaces. CommonMark also takes a tab apart into spaces; a tab is kept here,
 * whole, so every character of the block is a character of the note (white space to the core).
 */
function leadingSpaces(s: string, max: number): number {
  let n = 0;
  while (n < max && s.charCodeAt(n) === 32) n++;
  return n;
}

/**
 * A ```tcpflow block known only by its content and the note line it starts on (as markdown-it
 * hands a fence over, its indentation already removed): enough to place its diagnostics' lines.
 */
export function contentBlock(text: string, firstLine: number): FencedBlock {
  const lines = text.split(/\r\n|\r|\n/);
  const fence = { info: 'tcpflow', fenceChar: '`' as const, fenceLength: 3, indent: 0, openLine: firstLine - 1, openLineLength: 0 };
  return { ...fence, closeLine: firstLine + lines.length, firstLine, lines, removed: lines.map(() => 0), text };
}

// --- positions ---------------------------------------------------------------------------------

/** The block whose content holds note line `line`, if any (fence lines are not content). */
export function blockAt(blocks: readonly FencedBlock[], line: number): FencedBlock | undefined {
  return blocks.find((b) => line >= b.firstLine && line < b.firstLine + b.lines.length);
}

/** A note position → the block's own position; undefined outside the block's content. */
export function toBlockPosition(b: FencedBlock, p: Pos): Pos | undefined {
  const line = p.line - b.firstLine;
  if (line < 0 || line >= b.lines.length) return undefined;
  return { line, character: Math.min(Math.max(0, p.character - b.removed[line]), b.lines[line].length) };
}

/** A note range → the block's own range, clipped to the block's content; undefined when they do not meet. */
export function toBlockRange(b: FencedBlock, r: Range): Range | undefined {
  const last = b.firstLine + b.lines.length - 1;
  if (b.lines.length === 0 || r.end.line < b.firstLine || r.start.line > last) return undefined;
  const start = r.start.line < b.firstLine ? { line: 0, character: 0 } : toBlockPosition(b, r.start)!;
  const end = r.end.line > last ? { line: b.lines.length - 1, character: b.lines[b.lines.length - 1].length } : toBlockPosition(b, r.end)!;
  return { start, end };
}

/**
 * The block's own position → the note's. Always inside the block: a position past the content
 * (the core's "end of the text") is clamped to the end of the last content line, and an empty
 * block's positions all go to the end of its opening fence line.
 */
export function toNotePosition(b: FencedBlock, p: Pos): Pos {
  const n = b.lines.length;
  if (n === 0) return { line: b.openLine, character: b.openLineLength };
  if (p.line < 0) return { line: b.firstLine, character: b.removed[0] };
  if (p.line >= n) return { line: b.firstLine + n - 1, character: b.removed[n - 1] + b.lines[n - 1].length };
  const character = Math.min(Math.max(0, p.character), b.lines[p.line].length);
  return { line: b.firstLine + p.line, character: b.removed[p.line] + character };
}

export function toNoteRange(b: FencedBlock, r: Range): Range {
  return { start: toNotePosition(b, r.start), end: toNotePosition(b, r.end) };
}

/** New text for a block edit: each line it starts gets the fence's indentation, as the block's other lines have. */
export function toNoteText(b: FencedBlock, newText: string): string {
  return b.indent === 0 ? newText : newText.replace(/\r\n|\r|\n/g, (eol) => eol + ' '.repeat(b.indent));
}

/** Message arguments that name a 1-based line of the flow (`it sent SYN on line 3`). */
const LINE_ARGS = ['line', 'rcvLine', 'firstLine'] as const;

/** The arguments with every line number moved by `by` lines (block line → note line). */
export function shiftLineArgs(args: MessageArgs, by: number): MessageArgs {
  const out: MessageArgs = { ...args };
  for (const key of LINE_ARGS) {
    const v = out[key];
    // 0 or below means "no line" to the messages (they print nothing then): kept as it is.
    if (typeof v === 'number' && v > 0) out[key] = v + by;
  }
  return out;
}

/** The diagnostic with the line numbers its message and fix title quote moved by `by` lines. */
export function withNoteLines(d: Diagnostic, by: number): Diagnostic {
  const out: Diagnostic = { ...d, args: shiftLineArgs(d.args, by) };
  if (d.fix) out.fix = { ...d.fix, args: shiftLineArgs(d.fix.args, by) };
  if (d.alternatives) out.alternatives = d.alternatives.map((f) => ({ ...f, args: shiftLineArgs(f.args, by) }));
  if (d.related) out.related = d.related.map((r) => ({ ...r, args: shiftLineArgs(r.args, by) }));
  return out;
}

/** The diagnostic's range, its fixes' edits and its related places in the note (its message arguments untouched). */
export function placeInNote(b: FencedBlock, d: Diagnostic): Diagnostic {
  const out: Diagnostic = { ...d, range: toNoteRange(b, d.range) };
  const inNote = (f: Fix): Fix => ({ ...f, edits: f.edits.map((e) => ({ range: toNoteRange(b, e.range), newText: toNoteText(b, e.newText) })) });
  if (d.fix) out.fix = inNote(d.fix);
  if (d.alternatives) out.alternatives = d.alternatives.map(inNote);
  if (d.related) out.related = d.related.map((r) => ({ ...r, range: toNoteRange(b, r.range) }));
  return out;
}

/**
 * A diagnostic of the block's text as a diagnostic of the note: its range, its fix's edits and
 * the line numbers its message quotes, all in the note, and all inside the block.
 */
export function toNoteDiagnostic(b: FencedBlock, d: Diagnostic): Diagnostic {
  return withNoteLines(placeInNote(b, d), b.firstLine);
}
