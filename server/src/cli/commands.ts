// The commands of tcpflow-cli (SPEC §7): check (checkCommand.ts), render, trace, import
// (importCommand.ts) and sync (syncCommand.ts).
// Each returns its exit code; expected failures are thrown as CliError (exit 2).
import { analyze } from '../core/analyze';
import { renderMarkdown } from '../core/render/markdown';
import { errorMarksOf } from '../core/render/errorMarks';
import { renderMermaid } from '../core/render/mermaid';
import type { Options } from './args';
import { check } from './checkCommand';
import { importCapture } from './importCommand';
import { syncNotes } from './syncCommand';
import { readInput, writeOutput, type Io } from './io';
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
