// How far V8 lets the language server's heap grow between full collections, by how many lines are
// open (Node only: main.ts). V8 lets garbage pile up to several times the live heap before a full
// collection; with 100,000 lines open under edits the server peaked at 725–940 MB of RSS while
// holding ~140 MB after a full collection (issue 13's target: below 600 MB). Past LARGE_OPEN_LINES
// the heap may grow only GROWING_PERCENT past what the last full collection kept: more frequent full
// collections, but on a document that size an edit already costs hundreds of milliseconds. Below it
// V8 decides as usual, so the edits people make daily (notes of a few hundred lines, captures of
// a few thousand) pay nothing. Measured in docs/speed.md (bench:lsp at 100k lines).
import { setFlagsFromString } from 'node:v8';

/** From this many lines open in all, the heap's growth is bounded. */
export const LARGE_OPEN_LINES = 50_000;
/** How far past the live heap V8 may let it grow then (its own factor goes up to 300%). */
export const GROWING_PERCENT = 30;

/** The `--heap-growing-percent` for `lines` open lines: 0 is V8's own choice. */
export const growingPercentFor = (lines: number): number => (lines >= LARGE_OPEN_LINES ? GROWING_PERCENT : 0);

let current = 0;

/** Sets V8's heap growth for `lines` open lines (V8 reads the flag at every collection). */
export function tuneHeap(lines: number): void {
  const percent = growingPercentFor(lines);
  if (percent === current) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  current = percent;
}
