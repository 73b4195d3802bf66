// The mutation property test's flows, mutants and judge (SPEC §8.6): a mutant is one planted
// mistake; where it becomes certain is what its kind says (noteMutations.ts), or else the first
// line a plain reading (the checker without its root-cause search) finds wrong.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { importConnection, openCapture } from '../../server/src/core/capture';
import { parse } from '../../server/src/core/syntax/parse';
import { check } from '../../server/src/core/tcp/checker';
import { IMPORTABLE, fixture } from './capture-fixtures';
import { IMMEDIATE, mutantsOf } from './mutations';
import { NOTE_KINDS, noteMutantsOf, type Certainty } from './noteMutations';
import { FALSE_ERRORS, VALID_NOTES } from './notesCorpus';
import { NUMBER_KINDS, numberMutantsOf } from './numberMutations';

const examples = join(__dirname, '..', '..', 'examples');

/** Every valid flow: the examples, each fixture capture's note, the corpus of valid notes (but its known false errors). */
export const FLOWS: [string, string][] = [
  ...readdirSync(examples)
    .filter((f) => f.endsWith('.tcpflow') && f !== 'korean-study-note.tcpflow')
    .map((f): [string, string] => [f, readFileSync(join(examples, f), 'utf8')]),
  ...IMPORTABLE.flatMap((file) => {
    const capture = openCapture(fixture(file));
    return capture.connections.map((_, i): [string, string] => [`${file}#${i}`, importConnection(capture, i, { captureName: file, numbering: 'relative' })]);
  }),
  ...VALID_NOTES.filter(([name]) => !FALSE_ERRORS[name]).map(([name, text]): [string, string] => [`notes/${name}`, text]),
];

export interface AnyMutant {
  kind: string;
  certainty: Certainty;
  line: number;
  text: string;
  certainAt?: number;
}

/** Every mutant of every kind of one flow. */
export function allMutants(text: string): AnyMutant[] {
  return [
    ...mutantsOf(text).map((m) => ({ ...m, certainty: IMMEDIATE.has(m.kind) ? 'immediate' : 'deferred' }) as const),
    ...noteMutantsOf(text).map((m) => ({ ...m, certainty: NOTE_KINDS[m.kind] })),
    ...numberMutantsOf(text).map((m) => ({ ...m, certainty: NUMBER_KINDS[m.kind] })),
  ];
}

export const problemsOf = (text: string) => analyze(text).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');

/** The first line a plain reading finds wrong: where the mistake becomes certain. */
export function certainLine(text: string): number | undefined {
  const { doc, diagnostics } = parse(text);
  const all = [...diagnostics, ...check(doc, { rootCauses: false }).diagnostics].filter((d) => d.severity === 'error');
  return all.length ? Math.min(...all.map((d) => d.range.start.line)) : undefined;
}

export interface Verdict {
  /** False when the mutant is another valid flow (nothing to find). */
  certain: boolean;
  ok: boolean;
  /** 0-based line where the one diagnostic belongs. */
  line?: number;
  /** Errors and warnings as `code@line` (1-based). */
  got: string[];
}

/**
 * Exactly one diagnostic, on the line where the mistake becomes certain, and nothing else: an
 * error (on the changed line itself for an immediate kind), or for a 'warning Xnnn' kind that warning.
 */
export function judge(m: AnyMutant): Verdict {
  const problems = problemsOf(m.text);
  const got = problems.map((d) => `${d.code}@${d.range.start.line + 1}`);
  const one = problems.length === 1 ? problems[0] : undefined;
  if (m.certainty.startsWith('warning')) {
    const ok = one?.severity === 'warning' && one.code === m.certainty.slice('warning '.length) && one.range.start.line === m.line;
    return { certain: true, ok, line: m.line, got };
  }
  const line = m.certainAt ?? certainLine(m.text);
  if (line === undefined && m.certainty !== 'immediate') return { certain: false, ok: true, got };
  const at = m.certainty === 'immediate' ? m.line : line!;
  const ok = one?.severity === 'error' && one.range.start.line === at && (line === undefined || line === at);
  return { certain: true, ok, line: at, got };
}

/** How a mutant is named in the allow-list: flow, 1-based line, kind, and the changed line as written. */
export function mutantId(flow: string, m: AnyMutant): string {
  // The line without a trailing comment (captures' notes end each line with one) and runs of spaces.
  const changed = m.text.split('\n')[m.line].replace(/\s+(#|\/\/)[^"]*$/, '').replace(/\s+/g, ' ').trim();
  return `${flow}:${m.line + 1} ${m.kind} | ${changed || '(line left out)'}`;
}
