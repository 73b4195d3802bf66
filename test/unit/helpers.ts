// Test helpers in the style of Langium's: sources carry ⟦markers⟧ around the token a
// diagnostic must cover, so no test counts columns by hand.
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import type { Diagnostic, Severity } from '../../server/src/core/diagnostics';
import type { Analysis } from '../../server/src/core/tcp/analysis';
import { marked } from './parser-helpers';

export { marked } from './parser-helpers';

/** Dedents a template literal so tests can indent flows naturally. */
export function flow(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

export function run(text: string): Analysis {
  return analyze(text);
}

const notInfo = (d: Diagnostic) => d.severity === 'error' || d.severity === 'warning';

/**
 * Asserts that the flow's only errors and warnings are exactly the marked ones, with these
 * codes, in order (information diagnostics are ignored unless the code asked for is one).
 */
export function expectDiagnostics(src: string, ...codes: string[]): Diagnostic[] {
  const { text, ranges } = marked(src);
  assert.equal(ranges.length, codes.length, 'one marker per expected code');
  const a = analyze(text);
  const wantsInfo = codes.some((c) => a.diagnostics.some((d) => d.code === c && !notInfo(d)));
  const got = a.diagnostics.filter((d) => notInfo(d) || (wantsInfo && codes.includes(d.code)));
  assert.deepEqual(
    got.map((d) => ({ code: d.code, range: d.range })),
    codes.map((code, i) => ({ code, range: ranges[i] })),
    `diagnostics were: ${JSON.stringify(a.diagnostics.map((d) => [d.code, d.range.start.line + 1, d.args]))}`,
  );
  return got;
}

/** One diagnostic with this code, on the marked token. */
export function expectError(src: string, code: string): Diagnostic {
  return expectDiagnostics(src, code)[0];
}

/** No error and no warning at all. */
export function expectClean(text: string): Analysis {
  const a = analyze(text);
  const bad = a.diagnostics.filter(notInfo);
  assert.deepEqual(bad.map((d) => [d.code, d.range.start.line + 1, d.args]), [], 'expected no errors or warnings');
  return a;
}

/** Codes of diagnostics of a severity, with 1-based lines: `['TF210@3']`. */
export function codesOf(a: Analysis, severity?: Severity): string[] {
  return a.diagnostics.filter((d) => !severity || d.severity === severity).map((d) => `${d.code}@${d.range.start.line + 1}`);
}

/** Each step as `event line: A=STATE B=STATE` for compact trace assertions. */
export function traceLines(a: Analysis): string[] {
  return a.steps.map((s) => `${s.event} ${s.line + 1}: ${Object.entries(s.states).map(([n, st]) => `${n}=${st}`).join(' ')}`);
}
