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
// block yet, or a replacement of the begin marker and the lines after it up to the end marker
// when they differ. Nothing else is ever touched (not a byte outside the marker blocks), so a
// second run plans nothing. Markers count only outside fenced code and HTML comments: a note may
// show them in a ~~~text block.
//
// The begin marker carries a fingerprint of what sync wrote (`hash=…`, marker.ts): text between
// the markers that no longer matches it was edited by hand, and is replaced only when the caller
// says so (SyncOptions.replaceHandEdited); the plan lists it either way.
import { analyze } from '../analyze';
import { toLang, type Lang } from '../i18n';
import { errorMarksOf } from '../render/errorMarks';
import { renderMermaid } from '../render/mermaid';
import { isTcpflowInfo, scanNote, type FencedBlock, type NoteLine, type NoteScan } from './blocks';
import { fingerprint } from './fingerprint';

export const BEGIN_MARKER = '<!-- tcpflow:mermaid:begin -->';
export const END_MARKER = '<!-- tcpflow:mermaid:end -->';
/** The begin marker may carry the language its Mermaid text was written in (`lang=ko`) and the fingerprint of that text (`hash=…`). */
const BEGIN = /^( {0,3})<!--\s*tcpflow:mermaid:begin\b(.*?)-->\s*$/;
const END = /^ {0,3}<!--\s*tcpflow:mermaid:end\s*-->\s*$/;
const BLANK = /^[ \t]*$/;
const LANG_ATTR = /\blang=([\w-]+)/;
const HASH_ATTR = /\bhash=([0-9a-f]{8})\b/;

export interface SyncOptions {
  /** The language of Mermaid blocks written new (an existing block keeps the one its marker names). */
  lang?: Lang;
  /** Replace text between markers that was edited by hand (default: leave it, and list it in `handEdited`). */
  replaceHandEdited?: boolean;
}

/** A marker block whose text is not what sync wrote there, and differs from what it would write now. */
export interface HandEdited {
  /** 0-based line of its begin marker. */
  line: number;
  /** Whether the plan replaces it (SyncOptions.replaceHandEdited). */
  replaced: boolean;
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
  /** Marker blocks edited by hand, replaced or left as they are. */
  handEdited: HandEdited[];
}

/** The begin marker for a language (English is not named) and the fingerprint of the Mermaid lines it heads. */
export function beginMarker(lang: Lang, mermaidLines?: readonly string[]): string {
  const attrs = [lang === 'en' ? '' : ` lang=${lang}`, mermaidLines ? ` hash=${fingerprint(mermaidLines)}` : ''].join('');
  return `<!-- tcpflow:mermaid:begin${attrs} -->`;
}

/** The `mermaid` fenced block (its lines, no line ends) for a ```tcpflow block's text. */
export function mermaidFor(blockText: string, lang: Lang): string[] {
  const a = analyze(blockText);
  const text = renderMermaid(a, { lang, marks: errorMarksOf(a) }).trimEnd();
  return ['```mermaid', ...text.split('\n').map((l) => l.trimEnd()), '```'];
}

export function planMermaidSync(text: string, opts: SyncOptions = {}): SyncPlan {
  const note = scanNote(text);
  const { lines } = note;
  const blocks = note.blocks.filter((b) => isTcpflowInfo(b.info));
  const plan: SyncPlan = { edits: [], blocks: blocks.length, inserted: 0, updated: 0, unterminated: [], handEdited: [] };
  blocks.forEach((b, i) => {
    if (b.closeLine === undefined) {
      plan.unterminated.push(b.openLine);
      return;
    }
    const limit = blocks[i + 1]?.openLine ?? lines.length;
    const existing = findMarkerBlock(note, b.closeLine + 1, limit);
    if (!existing) {
      plan.edits.push(insertEdit(text, lines, b, opts.lang ?? 'en'));
      plan.inserted++;
      return;
    }
    const wanted = mermaidFor(b.text, existing.lang);
    if (sameLines(regionLines(lines, existing), wanted)) return;
    if (!writtenBySync(note, existing)) {
      const replaced = opts.replaceHandEdited === true;
      plan.handEdited.push({ line: existing.begin, replaced });
      if (!replaced) return;
    }
    plan.edits.push(updateEdit(lines, existing, wanted));
    plan.updated++;
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
  /** The fingerprint its begin marker names, if any (markers written before fingerprints have none). */
  hash?: string;
}

/**
 * A marker block starting at the first non-blank line from `from`, ending before `limit` (the
 * next ```tcpflow block). Only lines outside fenced code and comments count as markers.
 */
function findMarkerBlock(note: NoteScan, from: number, limit: number): MarkerBlock | undefined {
  const { lines, quoted } = note;
  let begin = from;
  while (begin < limit && BLANK.test(lines[begin].text)) begin++;
  const m = begin < limit && !quoted[begin] ? BEGIN.exec(lines[begin].text) : null;
  if (!m) return undefined;
  for (let end = begin + 1; end < limit; end++) {
    if (quoted[end]) continue;
    if (END.test(lines[end].text)) return { begin, end, indent: m[1], lang: toLang(LANG_ATTR.exec(m[2])?.[1]), hash: HASH_ATTR.exec(m[2])?.[1] };
    // A second begin before any end: this one is broken, so it is not ours to fill.
    if (BEGIN.test(lines[end].text)) return undefined;
  }
  return undefined;
}

/** The lines between the markers, without the markers' indentation or trailing white space. */
function regionLines(lines: NoteLine[], m: MarkerBlock): string[] {
  const out: string[] = [];
  for (let k = m.begin + 1; k < m.end; k++) {
    const text = lines[k].text;
    let cut = 0;
    while (cut < m.indent.length && text.charCodeAt(cut) === 32) cut++;
    out.push(text.slice(cut).trimEnd());
  }
  return out;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l, k) => l === b[k]);
}

/**
 * Whether the text between the markers is what sync wrote: it matches the marker's fingerprint;
 * under a marker without one (written by an earlier version), it is one ```mermaid block, nothing else.
 */
function writtenBySync(note: NoteScan, m: MarkerBlock): boolean {
  if (m.hash !== undefined) return fingerprint(regionLines(note.lines, m)) === m.hash;
  return note.blocks.some((b) => b.openLine === m.begin + 1 && b.closeLine === m.end - 1 && b.info === 'mermaid');
}

/** Replaces the begin marker (its fingerprint changes) and the lines up to the end marker. */
function updateEdit(lines: NoteLine[], m: MarkerBlock, wanted: string[]): SyncEdit {
  const eol = lines[m.begin].eol;
  const start = lines[m.begin].start;
  const end = lines[m.end].start;
  const newText = [beginMarker(m.lang, wanted), ...wanted].map((l) => m.indent + l + eol).join('');
  return { start, end, newText };
}

/** A new marker block on the line after the closing fence, indented as the fence is, with the note's line ends. */
function insertEdit(text: string, lines: NoteLine[], b: FencedBlock, lang: Lang): SyncEdit {
  const close = lines[b.closeLine!];
  const indent = ' '.repeat(b.indent);
  const mermaid = mermaidFor(b.text, lang);
  const body = [beginMarker(lang, mermaid), ...mermaid, END_MARKER].map((l) => indent + l);
  if (close.eol) {
    const at = close.start + close.text.length + close.eol.length;
    return { start: at, end: at, newText: body.map((l) => l + close.eol).join('') };
  }
  // The fence is the note's last line and has no line end: the note keeps ending without one.
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  return { start: text.length, end: text.length, newText: body.map((l) => eol + l).join('') };
}
