// The sliced diagram on its way from the host to the webview: a slice whose text the webview
// already has (from the last update sent) goes as the index of that slice, and its arrows' lines
// only if they moved. Typing in a 10,000-segment flow then sends one slice's text, not 600 KB of
// them through VS Code's message channel. Both ends keep the last update: the host the one it sent,
// the webview the one it received (messages arrive in order, and every one is decoded, even one
// the renderer then skips). A webview that cannot decode (it was reloaded) says `ready` again and
// the host, as on every `ready`, starts over with whole texts. Pure: no vscode, no DOM.
import type { MermaidSlice, MermaidSlices } from '../../../server/src/core/render/mermaidSlices';

/** A slice as sent: its text, or the index of the last update's slice with the same text (`same`). */
export interface WireSlice {
  rows: number;
  body?: string;
  same?: number;
  /** Omitted when `same` is given and that slice's arrows were on the same lines. */
  arrowLines?: number[];
  /** With `body` only: with `same`, the marks are that slice's (its text says what is marked). */
  errorArrows?: number[];
  errorNotes?: number[];
}

export type WireDiagram = Omit<MermaidSlices, 'slices'> & { slices: WireSlice[] };

const sameLines = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The host's end: what the webview was sent last. */
export class SliceEncoder {
  private last: MermaidSlice[] = [];

  /** The webview starts afresh (it said `ready`): the next update goes whole. */
  reset(): void {
    this.last = [];
  }

  encode(d: MermaidSlices): WireDiagram {
    const known = new Map<string, number>();
    this.last.forEach((s, i) => known.set(s.body, i));
    const slices = d.slices.map((s): WireSlice => {
      const same = known.get(s.body);
      if (same === undefined) return s;
      return sameLines(this.last[same].arrowLines, s.arrowLines) ? { rows: s.rows, same } : { rows: s.rows, same, arrowLines: s.arrowLines };
    });
    this.last = d.slices;
    return { ...d, slices };
  }
}

/** The webview's end: what it received last. */
export class SliceDecoder {
  private last: MermaidSlice[] = [];

  /** The diagram as the host had it, or undefined when a slice refers to one this end does not have. */
  decode(d: WireDiagram): MermaidSlices | undefined {
    const slices: MermaidSlice[] = [];
    for (const s of d.slices) {
      const before = s.same === undefined ? undefined : this.last[s.same];
      const body = s.body ?? before?.body;
      const arrowLines = s.arrowLines ?? before?.arrowLines;
      if (body === undefined || arrowLines === undefined) return undefined;
      const { errorArrows, errorNotes } = s.body === undefined ? before! : s;
      slices.push({ body, rows: s.rows, arrowLines, ...(errorArrows ? { errorArrows } : {}), ...(errorNotes ? { errorNotes } : {}) });
    }
    this.last = slices;
    return { ...d, slices };
  }
}
