// `tcpflow-cli check FILE... [--format text|json] [--lang en|ko]` (SPEC §7): every mistake of each
// file, one line each or as JSON, and a summary. Kept apart from the other commands: a process that
// only checks (checkProgram.ts) does not load the renderers, the capture import or sync.
import type { Diagnostic, Severity } from '../core/diagnostics';
import { formatCausedBy, localize, ui, type Lang } from '../core/i18n';
import type { Options } from './args';
import { budgetedText } from './budget';
import { CliError, oneLine, readInput, type Io } from './io';
import { diagnosticsOf } from './markdownCheck';

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
export function check(o: Options, io: Io): number {
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
