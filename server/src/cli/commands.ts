// The commands of tcpflow-cli (SPEC §7): check, render, trace, import (importCommand.ts) and sync (syncCommand.ts).
// Each returns its exit code; expected failures are thrown as CliError (exit 2).
import { analyze } from '../core/analyze';
import type { Diagnostic, Severity } from '../core/diagnostics';
import { formatCausedBy, localize, ui, type Lang } from '../core/i18n';
import { renderMarkdown } from '../core/render/markdown';
import { errorMarksOf } from '../core/render/errorMarks';
import { renderMermaid } from '../core/render/mermaid';
import type { Options } from './args';
import { importCapture } from './importCommand';
import { diagnosticsOf } from './markdownCheck';
import { syncNotes } from './syncCommand';
import { CliError, oneLine, readInput, writeOutput, type Io } from './io';
import { budgetedText } from './budget';
import { traceJson, traceText } from './trace';

export function run(o: Options, io: Io): number {
  switch (o.command) {
    case 'check':
      return check(o, io);
    case 'render':
      return render(o, io);
    case 'trace':
      return trace(o, io);
    case 'import':
      return importCapture(o, io);
    case 'sync':
      return syncNotes({ files: o.files, check: o.check, lang: o.lang, force: o.force }, io);
  }
}

/** One diagnostic as `--format json` prints it: lines and columns 1-based. */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  /** The places that explain it (the line whose mistake became certain here, SPEC §8.6), 1-based. */
  related?: { line: number; column: number; message: string }[];
}

/**
 * Every readable file is checked even when another one cannot be read (that still exits 2). A file
 * over the document budget is checked as far as it goes and fails (exit 1): the rest was not checked.
 */
function check(o: Options, io: Io): number {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  const all: JsonDiagnostic[] = [];
  let files = 0;
  let unreadable = false;
  let overBudget = false;
  for (const file of o.files) {
    let input;
    try {
      input = readInput(file, io);
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      io.stderr(`tcpflow-cli: ${err.message}\n`);
      unreadable = true;
      continue;
    }
    files++;
    // A Markdown note is checked block by block, at the note's own lines (markdownCheck.ts).
    const part = budgetedText(input.name, input.text, 'checked', o.lang, io);
    if (part.cut) overBudget = true;
    const found = diagnosticsOf(input.name, part.text).map((d) => toJson(input.name, d, o.lang));
    for (const d of found) counts[d.severity]++;
    if (o.format === 'json') for (const d of found) all.push(d); // not push(...found): 150,000 arguments overflow the stack
    else if (found.length) io.stdout(found.map((d) => textLine(d, o.lang)).join('\n') + '\n');
  }
  if (o.format === 'json') io.stdout(JSON.stringify(all, null, 2) + '\n');
  else io.stdout(summary(counts, files, o.lang) + '\n');
  if (unreadable) return 2;
  return counts.error > 0 || overBudget ? 1 : 0;
}

function toJson(file: string, d: Diagnostic, lang: Lang): JsonDiagnostic {
  const { start, end } = d.range;
  const l = localize(d, lang);
  const out: JsonDiagnostic = {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: d.severity,
    code: d.code,
    message: l.message,
  };
  if (l.relatedInformation) out.related = l.relatedInformation.map((r) => ({ line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message }));
  return out;
}

/** `file:line:col: severity CODE: message (caused by line N)`; the severity stays English so problem matchers work in any language. */
function textLine(d: JsonDiagnostic, lang: Lang): string {
  const cause = d.related?.length ? ` (${d.related.map((r) => formatCausedBy(r.line, lang)).join('; ')})` : '';
  return oneLine(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}${cause}`);
}

function summary(c: Record<Severity, number>, files: number, lang: Lang): string {
  return ui(lang).cli.summary({ errors: c.error, warnings: c.warning, infos: c.information + c.hint, files });
}

/** Renders even a flow with errors: the diagram shows the corrected flow, the errors marked ⚠. */
function render(o: Options, io: Io): number {
  const input = readInput(o.files[0], io);
  const a = analyze(budgetedText(input.name, input.text, 'drawn', o.lang, io).text);
  const text =
    o.format === 'markdown'
      ? renderMarkdown(a, { title: input.baseName, lang: o.lang })
      : renderMermaid(a, { lang: o.lang, marks: errorMarksOf(a) });
  writeOutput(text, o.out, o.force, io);
  return 0;
}

function trace(o: Options, io: Io): number {
  const input = readInput(o.files[0], io);
  const a = analyze(budgetedText(input.name, input.text, 'traced', o.lang, io).text);
  const text = o.format === 'text' ? traceText(a, o.lang) : JSON.stringify(traceJson(a), null, 2) + '\n';
  io.stdout(text);
  return 0;
}
