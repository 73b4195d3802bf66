// GitHub renders ```mermaid but not ```tcpflow: right after each closed ```tcpflow block of a note
// goes its Mermaid rendering, between two marker comments, and later runs update it in place:
//
//     <!-- tcpflow:mermaid:begin -->
//     ```mermaid
//     sequenceDiagram …
//     ```
//     <!-- tcpflow:mermaid:end -->
//
// The plan is a list of edits on the note's text: an insertion after a block that has no marker
// block yet, or a replacement of the lines between the markers when they differ. Nothing else is
// ever touched (not the markers, not a byte outside them), so a second run plans nothing.
import { analyze } from '../analyze';
import { toLang, type Lang } from '../i18n';
import { errorMarksOf } from '../render/errorMarks';
import { renderMermaid } from '../render/mermaid';
import { splitLines, tcpflowBlocks, type FencedBlock, type NoteLine } from './blocks';

export const BEGIN_MARKER = '<!-- tcpflow:mermaid:begin -->';
export const END_MARKER = '<!-- tcpflow:mermaid:end -->';
/** The begin marker may carry the language its Mermaid text was written in: `lang=ko`. */
const BEGIN = /^( {0,3})<!--\s*tcpflow:mermaid:begin\b(.*?)-->\s*$/;
const END = /^ {0,3}<!--\s*tcpflow:mermaid:end\s*-->\s*$/;
const BLANK = /^[ \t]*$/;

export interface SyncOptions {
  /** The language of Mermaid blocks written new (an existing block keeps the one its marker names). */
  lang?: Lang;
}

/** Replace `[start, end)` (offsets in the original text) with `newText`. */
export interface SyncEdit {
  start: number;
  end: number;
  newText: string;
}

export interface SyncPlan {
  /** In document order, never overlapping. Empty: the note is up to date. */
  edits: SyncEdit[];
  /** How many ```tcpflow blocks the note has. */
  blocks: number;
  inserted: number;
  updated: number;
  /** 0-based lines of ```tcpflow fences never closed: nothing can go after them. */
  unterminated: number[];
}

/** The begin marker for a language: English is the plain marker. */
export function beginMarker(lang: Lang): string {
  return lang === 'en' ? BEGIN_MARKER : `<!-- tcpflow:mermaid:begin lang=${lang} -->`;
}

/** The `mermaid` fenced block (its lines, no line ends) for a ```tcpflow block's text. */
export function mermaidFor(blockText: string, lang: Lang): string[] {
  const a = analyze(blockText);
  const text = renderMermaid(a, { lang, marks: errorMarksOf(a) }).trimEnd();
  return ['```mermaid', ...text.split('\n'), '```'];
}

export function planMermaidSync(text: string, opts: SyncOptions = {}): SyncPlan {
  const lines = splitLines(text);
  const blocks = tcpflowBlocks(text, lines);
  const plan: SyncPlan = { edits: [], blocks: blocks.length, inserted: 0, updated: 0, unterminated: [] };
  blocks.forEach((b, i) => {
    if (b.closeLine === undefined) {
      plan.unterminated.push(b.openLine);
      return;
    }
    const limit = blocks[i + 1]?.openLine ?? lines.length;
    const existing = findMarkerBlock(lines, b.closeLine + 1, limit);
    if (existing) {
      const edit = updateEdit(lines, b, existing);
      if (edit) {
        plan.edits.push(edit);
        plan.updated++;
      }
    } else {
      plan.edits.push(insertEdit(text, lines, b, opts.lang ?? 'en'));
      plan.inserted++;
    }
  });
  return plan;
}

/** The edits applied (they come from one plan on this very text). */
export function applySyncEdits(text: string, edits: readonly SyncEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The note with its Mermaid blocks up to date, and what changed. */
export function syncMermaidBlocks(text: string, opts: SyncOptions = {}): SyncPlan & { text: string } {
  const plan = planMermaidSync(text, opts);
  return { ...plan, text: plan.edits.length ? applySyncEdits(text, plan.edits) : text };
}

interface MarkerBlock {
  begin: number;
  end: number;
  indent: string;
  lang: Lang;
}

/** A marker block starting at the first non-blank line from `from`, ending before `limit` (the next ```tcpflow block). */
function findMarkerBlock(lines: NoteLine[], from: number, limit: number): MarkerBlock | undefined {
  let begin = from;
  while (begin < limit && BLANK.test(lines[begin].text)) begin++;
  const m = begin < limit ? BEGIN.exec(lines[begin].text) : null;
  if (!m) return undefined;
  for (let end = begin + 1; end < limit; end++) {
    if (END.test(lines[end].text)) return { begin, end, indent: m[1], lang: toLang(/\blang=([\w-]+)/.exec(m[2])?.[1]) };
    // A second begin before any end: this one is broken, so it is not ours to fill.
    if (BEGIN.test(lines[end].text)) return undefined;
  }
  return undefined;
}

/** Replaces the lines between the markers when they are not what the block renders to. */
function updateEdit(lines: NoteLine[], b: FencedBlock, m: MarkerBlock): SyncEdit | undefined {
  const eol = lines[m.begin].eol;
  const start = lines[m.begin + 1].start;
  const end = lines[m.end].start;
  const newText = mermaidFor(b.text, m.lang).map((l) => m.indent + l + eol).join('');
  const old = lines.slice(m.begin + 1, m.end).map((l) => l.text + l.eol).join('');
  return old === newText ? undefined : { start, end, newText };
}

/** A new marker block on the line after the closing fence, indented as the fence is, with the note's line ends. */
function insertEdit(text: string, lines: NoteLine[], b: FencedBlock, lang: Lang): SyncEdit {
  const close = lines[b.closeLine!];
  const indent = ' '.repeat(b.indent);
  const body = [beginMarker(lang), ...mermaidFor(b.text, lang), END_MARKER].map((l) => indent + l);
  if (close.eol) {
    const at = close.start + close.text.length + close.eol.length;
    return { start: at, end: at, newText: body.map((l) => l + close.eol).join('') };
  }
  // The fence is the note's last line and has no line end: the note keeps ending without one.
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  return { start: text.length, end: text.length, newText: body.map((l) => eol + l).join('') };
}
