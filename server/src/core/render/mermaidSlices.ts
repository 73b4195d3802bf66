// The flow's Mermaid diagram in slices, for a preview that draws only what is on screen (Mermaid
// itself has no such hook). A slice is a complete `sequenceDiagram`: the participants in column
// order, then a run of whole statements (a `par` block with its deliveries, an arrow with the
// state notes it causes: a cut never falls inside one). Joined, the slices are renderMermaid's text.
//
// Where the cuts fall is planned against the previous plan (planSlices): statements are matched
// by their source text, so typing on a line changes the one slice that holds it, and inserting a
// line grows one slice (split in two once it holds too much); the other slices keep their text and
// their drawing.
//
// The head (title, accTitle, accDescr) is drawn above the first slice only.
//
// Laid under each other, slices line up only if Mermaid gives each the same columns and width.
// Mermaid sizes a column gap by the widest message or note beside it; so every slice ends with the
// same width-fixing lines (widthFixers): a line of each kind as wide as the widest of that kind in
// the whole flow, after a sentinel note that marks where the slice's own rows end. The preview
// measures the widest texts (`widest`, ranked here by estimateWidth) and crops those lines away.
import { commonEnds } from '../search';
import type { Statement } from '../syntax/ast';
import { lastLine, MERMAID_HEADER, type MermaidParts, type MermaidUnit, type WideLine } from './mermaid';
import { estimateWidth, shownText } from './textWidth';

/** Slice sizes in Mermaid rows (an arrow or a note is one). */
export interface SliceRows {
  /** A new slice is cut once it holds this many rows. */
  target: number;
  /** A slice grown past this by edits is cut again. */
  max: number;
  /** A slice shrunk below this by edits joins a neighbour. */
  min: number;
}

export const SLICE_ROWS: SliceRows = { target: 16, max: 32, min: 4 };

/** Where the cuts fell: each unit's key (its source text) and how many units each slice holds. */
export interface SlicePlan {
  keys: string[];
  sizes: number[];
}

export interface MermaidSlice {
  /** The slice's own Mermaid lines (each ending with `\n`). */
  body: string;
  rows: number;
  /** The source line of each arrow in the slice, in drawing order. */
  arrowLines: number[];
  /** Its arrows and notes marked `⚠`, by index among the slice's own arrows and notes (absent: none). */
  errorArrows?: number[];
  errorNotes?: number[];
}

/** The texts most likely to be the widest of one kind of line (decoded: as Mermaid shows them). */
export interface WidestTexts {
  kind: WideLine['kind'];
  shape: string;
  texts: string[];
}

export interface MermaidSlices {
  /** Title and summary lines, drawn with the first slice. */
  head: string;
  participants: string;
  firstId: string;
  slices: MermaidSlice[];
  widest: WidestTexts[];
}

const INDENT = '    ';
/** Candidates kept per kind of line, and how close to the best estimate they must come. */
const CANDIDATES = 12;
const CANDIDATE_SHARE = 0.75;
/** The participants' first states: always the first unit. */
const FIRST_STATES_KEY = '\u0000first states';

/** Each unit's key: the source lines of its statement (the participants' first states come first). */
export function unitKeys(statements: readonly Statement[], source: string): string[] {
  const lines = source.split(/\r\n|\r|\n/);
  const keys = [FIRST_STATES_KEY];
  for (const s of statements) {
    const [first, last] = [s.range.start.line, lastLine(s)];
    keys.push(first === last ? lines[first] : lines.slice(first, last + 1).join('\n'));
  }
  return keys;
}

/** How many Mermaid lines each unit draws. */
export function unitRows(parts: MermaidParts): number[] {
  const { units, lines } = parts;
  return units.map((u, i) => (i + 1 < units.length ? units[i + 1].line : lines.length) - u.line);
}

/**
 * The cuts for these units: a fresh plan, or the previous one adjusted where the units changed.
 * A flow of at most `max` rows is one slice: drawn whole, exactly as Mermaid draws its text.
 */
export function planSlices(keys: string[], rows: number[], previous?: SlicePlan, o: SliceRows = SLICE_ROWS): SlicePlan {
  if (sum(rows, 0, rows.length) <= o.max) return { keys, sizes: keys.length ? [keys.length] : [] };
  const usable = previous && previous.keys.length > 0 && sum(previous.sizes, 0, previous.sizes.length) === previous.keys.length;
  return { keys, sizes: usable && keys.length > 0 ? replan(previous, keys, rows, o) : greedy(rows, 0, keys.length, o) };
}

/** Units [from, to) cut every `target` rows; a small rest joins the slice before it. */
function greedy(rows: number[], from: number, to: number, o: SliceRows): number[] {
  const sizes: number[] = [];
  let [n, r, lastRows] = [0, 0, 0];
  for (let u = from; u < to; u++) {
    n++;
    r += rows[u];
    if (r >= o.target) {
      sizes.push(n);
      [n, lastRows, r] = [0, r, 0];
    }
  }
  if (n > 0) {
    if (sizes.length > 0 && r < o.min && lastRows + r <= o.max) sizes[sizes.length - 1] += n;
    else sizes.push(n);
  }
  return sizes;
}

/**
 * The previous sizes, with the changed run of units (between the longest common prefix and suffix
 * of keys) put where it was: units replaced one for one stay in their slices, extra ones are
 * removed from theirs or added to the slice of the unit before them.
 */
function replan(prev: SlicePlan, keys: string[], rows: number[], o: SliceRows): number[] {
  const [m, n] = [prev.keys.length, keys.length];
  const { prefix: p, suffix: s } = commonEnds(prev.keys, keys);
  const [removed, added] = [m - p - s, n - p - s];
  if (removed === 0 && added === 0) return [...prev.sizes];
  const common = Math.min(removed, added);
  const starts: number[] = [];
  let at = 0;
  for (const size of prev.sizes) {
    starts.push(at);
    at += size;
  }
  const sliceOf = (u: number): number => {
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= u) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const sizes = [...prev.sizes];
  const touched = new Set<number>();
  const touch = (from: number, to: number): void => {
    if (from < to) for (let k = sliceOf(from); k <= sliceOf(to - 1); k++) touched.add(k);
  };
  touch(p, p + common);
  touch(p + common, p + removed);
  for (let u = p + common; u < p + removed; u++) sizes[sliceOf(u)]--;
  if (added > common) {
    const k = p + common > 0 ? sliceOf(p + common - 1) : 0;
    sizes[k] += added - common;
    touched.add(k);
  }
  return normalize(sizes, touched, rows, o);
}

/** Touched slices: emptied ones dropped, overgrown ones cut again, shrunk ones joined to a neighbour. */
function normalize(sizes: number[], touched: Set<number>, rows: number[], o: SliceRows): number[] {
  const out: { size: number; rows: number; small: boolean }[] = [];
  let u = 0;
  sizes.forEach((size, k) => {
    const from = u;
    u += size;
    const r = sum(rows, from, u);
    if (!touched.has(k)) out.push({ size, rows: r, small: false });
    else if (r > o.max) {
      let at = from;
      for (const part of greedy(rows, from, u, o)) {
        out.push({ size: part, rows: sum(rows, at, at + part), small: false });
        at += part;
      }
    } else if (size > 0) out.push({ size, rows: r, small: r < o.min });
  });
  for (let i = 0; i < out.length && out.length > 1; i++) {
    if (!out[i].small) continue;
    const j = i + 1 < out.length ? i + 1 : i - 1;
    if (out[i].rows + out[j].rows > o.max) continue;
    out[j] = { size: out[i].size + out[j].size, rows: out[i].rows + out[j].rows, small: false };
    out.splice(i, 1);
    i--;
  }
  return out.map((x) => x.size);
}

function sum(xs: number[], from: number, to: number): number {
  let t = 0;
  for (let i = from; i < to; i++) t += xs[i];
  return t;
}

/** A wide line's text as shown and its estimated width, kept per line (lines copied from the last edit keep theirs). */
export type WidthCache = WeakMap<WideLine, { text: string; w: number }>;

/** The parts cut as planned, with the widest candidates of each kind of line over the whole flow. */
export function sliceMermaid(parts: MermaidParts, plan: SlicePlan, widths: WidthCache = new WeakMap()): MermaidSlices {
  const { units, lines, arrowLines } = parts;
  const end = { line: lines.length, arrow: arrowLines.length, wide: parts.wide.length, note: parts.notes, errorArrow: parts.errorArrows.length, errorNote: parts.errorNotes.length };
  const at = (u: number): MermaidUnit => units[u] ?? end;
  const slices: MermaidSlice[] = [];
  let u = 0;
  for (const size of plan.sizes) {
    const [from, to] = [at(u), at(u + size)];
    const rows = to.line - from.line;
    const slice: MermaidSlice = {
      body: rows ? `${lines.slice(from.line, to.line).join('\n')}\n` : '',
      rows,
      arrowLines: arrowLines.slice(from.arrow, to.arrow),
    };
    if (to.errorArrow > from.errorArrow) slice.errorArrows = parts.errorArrows.slice(from.errorArrow, to.errorArrow).map((i) => i - from.arrow);
    if (to.errorNote > from.errorNote) slice.errorNotes = parts.errorNotes.slice(from.errorNote, to.errorNote).map((i) => i - from.note);
    slices.push(slice);
    u += size;
  }
  return { head: parts.head, participants: parts.participants, firstId: parts.firstId, slices, widest: widest(parts.wide, widths) };
}

interface Ranked {
  kind: WideLine['kind'];
  best: { w: number; text: string }[];
}

function widest(wide: WideLine[], widths: WidthCache): WidestTexts[] {
  const byShape = new Map<string, Ranked>();
  for (const line of wide) {
    let ranked = byShape.get(line.shape);
    if (!ranked) byShape.set(line.shape, (ranked = { kind: line.kind, best: [] }));
    const best = ranked.best;
    let known = widths.get(line);
    if (!known) {
      const shown = shownText(line.text);
      widths.set(line, (known = { text: shown, w: estimateWidth(shown) }));
    }
    const { text, w } = known;
    if (best.length === CANDIDATES && w <= best[0].w) continue;
    if (best.some((b) => b.text === text)) continue;
    best.push({ w, text });
    best.sort((a, b) => a.w - b.w);
    if (best.length > CANDIDATES) best.shift();
  }
  return [...byShape].map(([shape, { kind, best }]) => {
    const top = best[best.length - 1].w;
    return { kind, shape, texts: best.filter((b) => b.w >= top * CANDIDATE_SHARE).map((b) => b.text).reverse() };
  });
}

/** renderMermaid's text, from the slices. */
export function wholeMermaid(d: MermaidSlices): string {
  let out = MERMAID_HEADER + d.head + d.participants;
  for (const s of d.slices) out += s.body;
  return out;
}

/** Slice `i` as Mermaid draws it: the head above the first only, the fixing lines (if any) at its end. */
export function sliceMermaidText(d: MermaidSlices, i: number, fixers: string): string {
  return MERMAID_HEADER + (i === 0 ? d.head : '') + d.participants + d.slices[i].body + fixers;
}

/**
 * The width-fixing lines: the sentinel note over the first participant, then per kind of line one
 * whose text is `chars(kind)` zeros (digits: plain text to Mermaid, and of one width in most fonts).
 * Empty for a single slice (nothing to line up with) or a flow without participants.
 */
export function widthFixers(d: MermaidSlices, chars: (w: WidestTexts) => number): string {
  if (d.slices.length < 2 || !d.firstId) return '';
  let out = `${INDENT}Note over ${d.firstId}: 0\n`;
  for (const w of d.widest) out += `${INDENT}${w.shape}: ${'0'.repeat(Math.max(1, chars(w)))}\n`;
  return out;
}

/** How many notes (the sentinel among them) and arrows widthFixers adds to each slice. */
export function widthFixerRows(d: MermaidSlices): { notes: number; arrows: number } {
  if (d.slices.length < 2 || !d.firstId) return { notes: 0, arrows: 0 };
  const arrows = d.widest.filter((w) => w.kind === 'message').length;
  return { notes: 1 + d.widest.length - arrows, arrows };
}
