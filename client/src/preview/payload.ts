// What the preview draws for a document's text: the core's Mermaid diagram in slices, the lines
// with errors, and the error banner. Pure (no vscode import): the browser tests and the bench
// build their updates with it too. A preview keeps a PreviewMemory across edits: the parser's line
// memo (unchanged lines are not lexed again) and the last slice plan (an edit changes the slices
// it touches, no others).
import { analyzeWithinBudget } from '../../../server/src/core/budget';
import { localize, ui, type Lang } from '../../../server/src/core/i18n';
import { NO_OVERRIDES, present, type SeverityOverrides } from '../../../server/src/core/present';
import { errorLinesOf } from '../../../server/src/core/render/mermaid';
import { drawFlow, type DrawnFlow } from '../../../server/src/core/render/mermaidReuse';
import { planSlices, sliceMermaid, unitRows, type SlicePlan, type WidthCache } from '../../../server/src/core/render/mermaidSlices';
import { LineMemo } from '../../../server/src/core/syntax/lineMemo';
import type { Analysis } from '../../../server/src/core/tcp/analysis';
import type { DiagramUpdate, ErrorSummary } from './protocol';

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
}

/** The diagram of the part of `text` within the document budget (TF111, first in the banner, says what was left out). */
export function diagramPayload(text: string, opts: PayloadOptions = {}, memory?: PreviewMemory): DiagramPayload {
  const part = analyzeWithinBudget(text, memory?.memo);
  return payloadOf(part.analysis, part.text, opts, memory);
}

export function payloadOf(analysis: Analysis, text: string, opts: PayloadOptions = {}, memory?: PreviewMemory): DiagramPayload {
  const a = present(analysis, opts.severities?.() ?? NO_OVERRIDES);
  const errorLines = errorLinesOf(a);
  const drawn = drawFlow(a, { lang: opts.lang, errorLines }, text, memory?.drawn);
  const plan = planSlices(drawn.keys, unitRows(drawn.parts), memory?.plan);
  if (memory) Object.assign(memory, { drawn, plan });
  return {
    diagram: sliceMermaid(drawn.parts, plan, memory?.widths),
    errorLines: [...errorLines].sort((x, y) => x - y),
    errors: errorSummary(a, opts),
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
