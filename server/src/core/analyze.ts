// The core's one entry point: text in, syntax tree + state trace + diagnostics out.
// Used alike by the language server, the CLI and the tests.
import type { Diagnostic } from './diagnostics';
import type { LineMemo } from './syntax/lineMemo';
import { parse } from './syntax/parse';
import type { Analysis } from './tcp/analysis';
import { check } from './tcp/checker';

/** With a `memo`, unchanged lines are not parsed again and the memo keeps every line (lineMemo.ts). */
export function analyze(text: string, memo?: LineMemo): Analysis {
  const { doc, diagnostics: syntax } = parse(text, memo);
  const result = check(doc);
  return { doc, ...result, diagnostics: sortDiagnostics([...syntax, ...result.diagnostics]) };
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code),
  );
}
