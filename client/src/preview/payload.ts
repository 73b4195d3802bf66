// What the preview draws for a document's text: the core's Mermaid diagram in slices (its error
// marks in them), the error banner, the number of steps and the summary. Pure (no vscode import):
// the browser tests and the bench build their updates with it too. A preview keeps a PreviewMemory
// across edits: the parser's line memo (unchanged lines are not lexed again), the last slice plan
// (an edit changes the slices it touches, no others), and what step mode asks of the flow drawn.
import { analyzeWithinBudget } from '../../../server/src/core/budget';
import { localize, ui, type Lang } from '../../../server/src/core/i18n';
import { NO_OVERRIDES, present, type SeverityOverrides } from '../../../server/src/core/present';
import { errorMarksOf } from '../../../server/src/core/render/errorMarks';
import { drawFlow, type DrawnFlow } from '../../../server/src/core/render/mermaidReuse';
import { planSlices, sliceMermaid, unitRows, type SlicePlan, type WidthCache } from '../../../server/src/core/render/mermaidSlices';
import { flowSummary } from '../../../server/src/core/render/summary';
import { LineMemo } from '../../../server/src/core/syntax/lineMemo';
import type { Analysis } from '../../../server/src/core/tcp/analysis';
import type { DiagramUpdate, ErrorSummary } from './protocol';
import { StepIndex } from './stepDetail';

export type DiagramPayload = Omit<DiagramUpdate, 'type' | 'seq' | 'uri'>;

export interface PayloadOptions {
  lang?: Lang;
  /** The severities the user set (`tcpflow.diagnostics.*`), read at each render: they decide the error marks and the banner. */
  severities?: () => SeverityOverrides;
}

/**
 * What one preview keeps from one update to the next (forget it when the preview shows another
 * file): the parser's line memo, the flow as last drawn (its statements whose drawing cannot have
 * changed are not written again), the slice plan, and the widths of the lines written.
 */
export class PreviewMemory {
  readonly memo = new LineMemo();
  drawn: DrawnFlow | undefined;
  plan: SlicePlan | undefined;
  readonly widths: WidthCache = new WeakMap();
  private stepIndex: StepIndex | undefined;

  /** Step mode's view of the flow last drawn (made when first asked for, once per drawing). */
  steps(): StepIndex | undefined {
    const d = this.drawn;
    if (!d) return undefined;
    if (this.stepIndex?.analysis !== d.analysis) this.stepIndex = new StepIndex(d.analysis, d.marks, d.lang);
    return this.stepIndex;
  }
}

/** The diagram of the part of `text` within the document budget (TF111, first in the banner, says what was left out). */
export function diagramPayload(text: string, opts: PayloadOptions = {}, memory?: PreviewMemory): DiagramPayload {
  const part = analyzeWithinBudget(text, memory?.memo);
  return payloadOf(part.analysis, part.text, opts, memory);
}

export function payloadOf(analysis: Analysis, text: string, opts: PayloadOptions = {}, memory?: PreviewMemory): DiagramPayload {
  const a = present(analysis, opts.severities?.() ?? NO_OVERRIDES);
  const drawn = drawFlow(a, { lang: opts.lang, marks: errorMarksOf(a) }, text, memory?.drawn);
  const plan = planSlices(drawn.keys, unitRows(drawn.parts), memory?.plan);
  if (memory) Object.assign(memory, { drawn, plan });
  const errors = errorSummary(a, opts);
  return {
    diagram: sliceMermaid(drawn.parts, plan, memory?.widths),
    ...(errors ? { errors } : {}),
    steps: a.steps.length,
    summary: flowSummary(a, opts.lang),
  };
}

/** The source line of every arrow of the diagram, in drawing order. */
export function arrowLines(payload: Pick<DiagramPayload, 'diagram'>): number[] {
  return payload.diagram.slices.flatMap((s) => s.arrowLines);
}

function errorSummary(a: Analysis, opts: PayloadOptions): ErrorSummary | undefined {
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  const first = errors[0];
  const text = ui(opts.lang).preview.errors(errors.length, first.range.start.line + 1, localize(first, opts.lang).message);
  return { count: errors.length, text };
}
