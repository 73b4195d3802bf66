// The shapes of a Mermaid diagram written as parts (mermaid.ts): the head, then one unit per
// statement with the lines it draws, so the preview can draw the flow in slices (mermaidSlices.ts)
// and copy a unit that draws the same after an edit (mermaidReuse.ts).
import type { Statement } from '../syntax/ast';
import type { TraceStep } from '../tcp/analysis';
import type { Lang } from '../i18n';
import type { ErrorMarks } from './errorMarks';

export interface MermaidOptions {
  lang?: Lang;
  /** What the lines with errors mark (errorMarksOf); nothing is marked without. */
  marks?: ErrorMarks;
}

/** A drawn line whose text can widen a column or the diagram: Mermaid lays these out by their text's width. */
export interface WideLine {
  kind: 'message' | 'note';
  /** The line up to its text, in column order: `A->>B` (either direction, lost or not), `Note left of A`, `Note over A,B`. */
  shape: string;
  /** The text after `: `, escaped as written. */
  text: string;
}

/** What one statement draws: whole, never split (a `par` block with its deliveries, an arrow with its state notes). */
export interface MermaidUnit {
  /** The statement's source lines (0-based, inclusive); absent for the participants' first states. */
  first?: number;
  last?: number;
  /** Where its lines begin in `lines`, its arrows in `arrowLines`, its wide lines in `wide` (each runs to the next unit's). */
  line: number;
  arrow: number;
  wide: number;
  /** How many notes come before it, and where its marks begin in `errorArrows` and `errorNotes`. */
  note: number;
  errorArrow: number;
  errorNote: number;
}

export interface MermaidParts {
  /** The title (`    title …\n`, if any) and the summary for screen readers (`accTitle`, `accDescr`). */
  head: string;
  /** One `    participant …\n` line per participant, in column order. */
  participants: string;
  /** Mermaid's id of the first participant (empty when there is none). */
  firstId: string;
  /** Every line after the participants', without its line end. */
  lines: string[];
  /** The source line of every arrow, in drawing order. */
  arrowLines: number[];
  /** The arrows marked `⚠` and the notes marked `⚠` (wrong assertions), by index in drawing order. */
  errorArrows: number[];
  errorNotes: number[];
  /** How many notes it draws. */
  notes: number;
  /** The participants' first states, then one unit per statement, in document order. */
  units: MermaidUnit[];
  /** The lines whose text widens a column or the diagram (for slices: see mermaidSlices). */
  wide: WideLine[];
}

/** A unit written before, to copy as it is: unit `unit` of `from`, its arrows' lines moved by `shift`. */
export interface UnitCopy {
  from: MermaidParts;
  unit: number;
  shift: number;
}

export interface PartsOptions {
  /** Each statement's trace steps (stepsByStatement), when already at hand. */
  steps?: Map<Statement, TraceStep[]>;
  /** For the statement that makes unit `unit`: a unit written before that draws it the same, if any. */
  reuse?: (s: Statement, unit: number) => UnitCopy | undefined;
}
