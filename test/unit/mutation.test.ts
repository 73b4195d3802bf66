// The mutation property test (issue 11, SPEC §8.6): every valid flow — the examples, every fixture
// capture's note and the corpus of valid study notes (test/fixtures/notes/valid) — with one single
// mistake planted (mutations.ts, noteMutations.ts, numberMutations.ts), gets exactly one
// diagnostic, on the line where the mistake becomes certain, and nothing else (mutationOracle.ts
// says where that is for each kind). The mutants that still fail are listed, by cause, in
// mutationAllowList.ts: any other failure fails the test, and so does a listed one that now passes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ALLOWED_FAILURES, CAUSES, type Cause } from './mutationAllowList';
import { FLOWS, allMutants, judge, mutantId, problemsOf } from './mutationOracle';

const allowed = new Map<string, Cause>(Object.entries(ALLOWED_FAILURES).flatMap(([cause, ids]) => ids.map((id): [string, Cause] => [id, cause as Cause])));

describe('mutation property test: one planted mistake, one diagnostic, where it becomes certain', () => {
  it('every flow it starts from is valid', () => {
    for (const [name, text] of FLOWS) assert.deepEqual(problemsOf(text).map((d) => d.code), [], name);
  });

  it('every mutant whose mistake is certain gets exactly one diagnostic, on its line, and nothing else', (t) => {
    const counts = new Map<string, { mutants: number; certain: number; one: number; allowed: number }>();
    const failures: string[] = [];
    const stillFailing = new Set<string>();
    for (const [name, text] of FLOWS) {
      for (const m of allMutants(text)) {
        const c = counts.get(m.kind) ?? { mutants: 0, certain: 0, one: 0, allowed: 0 };
        counts.set(m.kind, c);
        c.mutants++;
        const v = judge(m);
        if (!v.certain) continue; // the mistake makes another valid flow: nothing to find
        c.certain++;
        if (v.ok) {
          c.one++;
          continue;
        }
        const id = mutantId(name, m);
        if (allowed.has(id)) {
          c.allowed++;
          stillFailing.add(id);
        } else failures.push(`${id} — certain at ${v.line === undefined ? '?' : v.line + 1}, got: ${v.got.join(' ') || 'nothing'}`);
      }
    }
    for (const [kind, c] of counts) t.diagnostic(`${kind}: ${c.mutants} mutants, ${c.certain} certain, ${c.one} with exactly one diagnostic on its line, ${c.allowed} allowed failures`);
    const byCause = new Map<Cause, number>();
    for (const id of stillFailing) byCause.set(allowed.get(id)!, (byCause.get(allowed.get(id)!) ?? 0) + 1);
    for (const cause of Object.keys(CAUSES) as Cause[]) t.diagnostic(`allowed, ${cause}: ${byCause.get(cause) ?? 0}`);
    t.diagnostic(`${FLOWS.length} valid flows; ${failures.length} failures not allowed`);
    assert.equal(failures.length, 0, failures.slice(0, 40).join('\n'));
    const fixed = [...allowed.keys()].filter((id) => !stillFailing.has(id));
    assert.deepEqual(fixed, [], 'these mutants now pass (or are no longer made): remove them from mutationAllowList.ts');
  });
});
