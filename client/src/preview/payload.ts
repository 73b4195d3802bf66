// What the preview draws for a document's text: the core's Mermaid text plus the facts the
// webview needs to map arrows back to source lines. Pure (no vscode import): the browser tests
// and the bench build their updates with it too.
import { analyze } from '../../../server/src/core/analyze';
import { localize, ui, type Lang } from '../../../server/src/core/i18n';
import { NO_OVERRIDES, present, type SeverityOverrides } from '../../../server/src/core/present';
import { errorLinesOf, renderMermaid } from '../../../server/src/core/render/mermaid';
import type { MessageStmt, Statement } from '../../../server/src/core/syntax/ast';
import type { Analysis } from '../../../server/src/core/tcp/analysis';
import type { ErrorSummary, UpdateMessage } from './protocol';

export type DiagramPayload = Omit<UpdateMessage, 'type' | 'seq' | 'uri'>;

export interface PayloadOptions {
  lang?: Lang;
  /** The severities the user set (`tcpflow.diagnostics.*`), read at each render: they decide the error marks and the banner. */
  severities?: () => SeverityOverrides;
}

export function diagramPayload(text: string, opts: PayloadOptions = {}): DiagramPayload {
  return payloadOf(analyze(text), opts);
}

export function payloadOf(analysis: Analysis, opts: PayloadOptions = {}): DiagramPayload {
  const a = present(analysis, opts.severities?.() ?? NO_OVERRIDES);
  const errorLines = errorLinesOf(a);
  return {
    mermaidText: renderMermaid(a, { lang: opts.lang, errorLines }),
    messageLines: arrowLines(a),
    errorLines: [...errorLines].sort((x, y) => x - y),
    errors: errorSummary(a, opts),
  };
}

/**
 * The source line of every arrow renderMermaid draws, in its order: statements in document
 * order, `par` branches in order; a message is drawn when the checker traced its send.
 */
export function arrowLines(a: Analysis): number[] {
  const sent = new Set<Statement>();
  for (const step of a.steps) if (step.event === 'send' && step.message) sent.add(step.stmt);
  const lines: number[] = [];
  const visit = (m: MessageStmt): void => {
    if (sent.has(m)) lines.push(m.line);
  };
  for (const s of a.doc.statements) {
    if (s.kind === 'message') visit(s);
    else if (s.kind === 'par') for (const item of s.branches.flat()) if (item.kind === 'message') visit(item);
  }
  return lines;
}

function errorSummary(a: Analysis, opts: PayloadOptions): ErrorSummary | undefined {
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  const first = errors[0];
  const text = ui(opts.lang).preview.errors(errors.length, first.range.start.line + 1, localize(first, opts.lang).message);
  return { count: errors.length, text };
}
