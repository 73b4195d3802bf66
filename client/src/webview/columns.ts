// How wide the width-fixing lines of a sliced diagram are (widthFixers in the core writes them):
// per kind of line, a run of zeros at least as wide as the widest text of that kind, measured on a
// canvas in the fonts Mermaid measures with. Mermaid measures a text in `sans-serif` and in the
// configured family and takes one of the two: here a text counts as wide as the wider of the two,
// the zeros as narrow as the narrower, plus a margin, so the zeros always win. The zeros come in
// steps, with a step to spare when they grow, and shrink only once two steps are spare: typing a
// longer label moves the columns (and so redraws every slice in view) only every few characters.
import { widthFixers, type MermaidSlices, type WidestTexts } from '../../../server/src/core/render/mermaidSlices';
import { SEQUENCE_FONTS } from './engine';

/** Pixels added for rounding and for kerning the canvas does differently from SVG text. */
const MARGIN = 4;
/** The zeros grow in steps of this many (about 36 px for messages). */
const STEP = 4;

type Kind = WidestTexts['kind'];

export class ColumnWidths {
  private readonly g: CanvasRenderingContext2D | null;
  private readonly widths = new Map<string, number>();
  /** The zeros each kind of line has now. */
  private readonly chosen = new Map<string, number>();

  constructor() {
    this.g = document.createElement('canvas').getContext('2d');
  }

  /** The fixing lines for `d` (empty for a single slice). */
  fixers(d: MermaidSlices): string {
    return widthFixers(d, (w) => this.zeros(w));
  }

  private zeros(w: WidestTexts): number {
    const need = Math.max(0, ...w.texts.map((t) => this.measure(t, w.kind, Math.max))) + MARGIN;
    const fits = (n: number): boolean => n > 0 && this.measure('0'.repeat(n), w.kind, Math.min) >= need;
    const key = `${w.kind}\n${w.shape}`;
    const now = this.chosen.get(key);
    if (now !== undefined && fits(now) && !fits(now - 2 * STEP)) return now;
    const zero = Math.max(1, this.measure('0'.repeat(STEP), w.kind, Math.min) / STEP);
    let n = STEP * Math.ceil(need / zero / STEP);
    while (!fits(n)) n += STEP;
    n += STEP;
    this.chosen.set(key, n);
    return n;
  }

  /** The text's width in both families, combined by `pick` (wider or narrower). */
  private measure(text: string, kind: Kind, pick: (a: number, b: number) => number): number {
    const key = `${kind}${pick === Math.max ? '+' : '-'}${text}`;
    let w = this.widths.get(key);
    if (w !== undefined) return w;
    const g = this.g;
    if (!g) return text.length * 16; // no canvas: an em per character is wider than any real text
    const f = SEQUENCE_FONTS[kind];
    const width = (family: string): number => {
      g.font = `${f.weight} ${f.size}px ${family}`;
      return g.measureText(text).width;
    };
    w = pick(width('sans-serif'), width(f.family));
    if (this.widths.size > 20_000) this.widths.clear();
    this.widths.set(key, w);
    return w;
  }
}
