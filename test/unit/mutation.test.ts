// The mutation property test (issue 11, SPEC §8.6): every valid flow in examples/ and every
// fixture capture's note, with one single mistake planted (mutations.ts), gets exactly one error,
// on the line where the mistake becomes certain, and no other error or warning. "Where it becomes
// certain" is the first line a plain reading reports (check without root causes): the changed
// line itself for the immediate kinds, a later line for a length, a loss or a swap.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { importConnection, openCapture } from '../../server/src/core/capture';
import { parse } from '../../server/src/core/syntax/parse';
import { check } from '../../server/src/core/tcp/checker';
import { IMPORTABLE, fixture } from './capture-fixtures';
import { IMMEDIATE, mutantsOf, type MutationKind } from './mutations';

const examples = join(__dirname, '..', '..', 'examples');
const FLOWS: [string, string][] = [
  ...readdirSync(examples)
    .filter((f) => f.endsWith('.tcpflow') && f !== 'korean-study-note.tcpflow')
    .map((f): [string, string] => [f, readFileSync(join(examples, f), 'utf8')]),
  ...IMPORTABLE.flatMap((file) => {
    const capture = openCapture(fixture(file));
    return capture.connections.map((_, i): [string, string] => [`${file}#${i}`, importConnection(capture, i, { captureName: file, numbering: 'relative' })]);
  }),
];

const problemsOf = (text: string) => analyze(text).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');

/** The first line a plain reading finds wrong: where the mistake becomes certain. */
function certainLine(text: string): number | undefined {
  const { doc, diagnostics } = parse(text);
  const all = [...diagnostics, ...check(doc, { rootCauses: false }).diagnostics].filter((d) => d.severity === 'error');
  return all.length ? Math.min(...all.map((d) => d.range.start.line)) : undefined;
}

describe('mutation property test: one planted mistake, one error, where it becomes certain', () => {
  it('every flow it starts from is valid', () => {
    for (const [name, text] of FLOWS) assert.deepEqual(problemsOf(text).map((d) => d.code), [], name);
  });

  it('every mutant whose mistake is certain gets exactly one error, on its line, and nothing else', (t) => {
    const counts = new Map<MutationKind, { mutants: number; certain: number; one: number }>();
    const failures: string[] = [];
    for (const [name, text] of FLOWS) {
      for (const m of mutantsOf(text)) {
        const c = counts.get(m.kind) ?? { mutants: 0, certain: 0, one: 0 };
        counts.set(m.kind, c);
        c.mutants++;
        const line = certainLine(m.text);
        if (line === undefined) continue; // the mistake makes another valid flow: nothing is certain
        c.certain++;
        const got = problemsOf(m.text).map((d) => `${d.code}@${d.range.start.line + 1}`);
        const ok = got.length === 1 && got[0].endsWith(`@${line + 1}`) && got[0].startsWith('TF') && (!IMMEDIATE.has(m.kind) || line === m.line);
        if (ok && problemsOf(m.text)[0].severity === 'error') c.one++;
        else failures.push(`${name} ${m.kind} at line ${m.line + 1} (certain at ${line + 1}): ${got.join(' ')} | ${m.text.split('\n')[m.line].trim()}`);
      }
    }
    for (const [kind, c] of counts) t.diagnostic(`${kind}: ${c.mutants} mutants, ${c.certain} certain, ${c.one} with exactly one error on its line`);
    t.diagnostic(`${FLOWS.length} valid flows; ${failures.length} failures`);
    assert.equal(failures.length, 0, failures.slice(0, 40).join('\n'));
  });
});
