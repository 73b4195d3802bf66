// The language server analyses each version of a document from what changed (core/incremental.ts):
// lines reused wherever they moved, the checker resumed from a checkpoint. Whatever the edits, the
// result must be exactly what a fresh analysis of the same text gives: the tree, the diagnostics
// (with their related lines and fixes) and the trace. The documents are long flows made of the
// mutation test's flows (so checkpoints exist past the first 32 statements), some with a planted
// mistake, some with clashing participants (errors everywhere, root causes looked for, the search's
// budget spent), edited at random.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { IncrementalAnalysis } from '../../server/src/core/incremental';
import { LineMemo } from '../../server/src/core/syntax/lineMemo';
import { parse } from '../../server/src/core/syntax/parse';
import type { Analysis, MessageInfo } from '../../server/src/core/tcp/analysis';
import { FLOWS, allMutants } from './mutationOracle';
import { apply, edit, plant, type Edit } from './randomEdits';

/** Everything a result says, as text: two results are the same when these are. */
function canonical(a: Analysis): string {
  const index = new Map<MessageInfo, number>(a.messages.map((m, i) => [m, i]));
  const message = (m: MessageInfo) => ({
    stmt: m.stmt.line,
    from: m.from,
    to: m.to,
    lost: m.lost,
    flags: m.flags,
    seq: m.seq,
    ack: m.ack,
    len: m.len,
    inferred: [m.seqInferred, m.ackInferred, m.ackFlagAdded],
    role: m.role,
    before: m.before,
    after: m.after,
  });
  return JSON.stringify({
    doc: a.doc,
    diagnostics: a.diagnostics,
    participants: a.participants,
    steps: a.steps.map((s) => ({ line: s.line, event: s.event, stmt: [s.stmt.kind, s.stmt.line], message: s.message && index.get(s.message), changes: s.changes, states: s.states })),
    messages: a.messages.map(message),
    finalStates: a.finalStates,
  });
}

/** The flow with every participant name suffixed (`A` → `A3`), so flows joined together do not clash. */
function renamed(text: string, suffix: string): string {
  const memo = new LineMemo();
  parse(text, memo);
  const lines = text.split('\n');
  memo.lines.forEach((l, i) => {
    const item = l?.built.item;
    if (item?.kind !== 'statement') return;
    const s = item.stmt;
    const names =
      s.kind === 'participant'
        ? [s.nameRange]
        : s.kind === 'message'
          ? [s.from.range, s.to.range]
          : s.kind === 'note'
            ? s.targets.map((t) => t.range)
            : s.kind === 'state'
              ? s.items.map((x) => x.nameRange)
              : [];
    for (const r of [...names].sort((a, b) => b.start.character - a.start.character)) {
      lines[i] = lines[i].slice(0, r.end.character) + suffix + lines[i].slice(r.end.character);
    }
  });
  return lines.join('\n');
}

const mutantsCache = new Map<number, string[]>();
/** A flow's planted-mistake mutants (mutationOracle.ts), made once per flow. */
function mutantsOf(i: number): string[] {
  let m = mutantsCache.get(i);
  if (!m) mutantsCache.set(i, (m = allMutants(FLOWS[i][1]).map((x) => x.text)));
  return m;
}

/** A long document: several flows, renamed apart or not, one of them perhaps with a planted mistake. */
const documentOf = fc
  .record({ flows: fc.array(fc.nat({ max: FLOWS.length - 1 }), { minLength: 3, maxLength: 8 }), clash: fc.boolean(), planted: fc.nat() })
  .map(({ flows, clash, planted }) => {
    const target = planted % flows.length;
    const mutants = mutantsOf(flows[target]);
    const parts = flows.map((f, i) => (i === target && mutants.length && planted % 3 !== 0 ? mutants[planted % mutants.length] : FLOWS[f][1]));
    return parts.map((p, i) => (clash ? p : renamed(p, String(i))).replace(/\n$/, '')).join('\n') + '\n';
  });

/** The line an edit is made at: anywhere, or one of the few lines after an error. */
function lineNear(text: string, e: Edit): (lines: string[]) => number {
  return (lines) => {
    const errors = e.nearError ? analyze(text).diagnostics.filter((d) => d.severity === 'error') : [];
    if (!errors.length) return e.at % lines.length;
    return Math.min(lines.length - 1, errors[e.at % errors.length].range.start.line + 1 + (e.to % 9));
  };
}

/** Mutants whose mistake was found at its root (TF221, SPEC §8.6), and the line where it became certain: every `every`-th of them. */
function rootCauseMutants(every: number): { text: string; certain: number }[] {
  const out: { text: string; certain: number }[] = [];
  let n = 0;
  for (const [, flow] of FLOWS) {
    for (const m of allMutants(flow)) {
      const root = analyze(m.text).diagnostics.find((d) => d.code === 'TF221');
      if (root && n++ % every === 0) out.push({ text: m.text, certain: root.range.start.line });
    }
  }
  return out;
}

/** A valid flow of `n` data exchanges after a handshake: 2n + 3 lines. */
function longFlow(n: number): string {
  const out = ['A -> B: SYN seq=100', 'B -> A: SYN,ACK seq=300 ack=101', 'A -> B: ACK seq=101 ack=301'];
  for (let i = 0; i < n; i++) out.push(`A -> B: PSH,ACK seq=${101 + 10 * i} ack=301 len=10 "chunk ${i}"`, `B -> A: ACK seq=301 ack=${111 + 10 * i}`);
  return out.join('\n') + '\n';
}

describe('incremental analysis: what is done again', () => {
  it('a line that moves keeps its statement, shifted; only a line with new text is built', () => {
    const incremental = new IncrementalAnalysis();
    const text = longFlow(20);
    const before = incremental.analyze(text).doc.statements.slice();
    const after = incremental.analyze('# a new first line\n' + text).doc.statements;
    assert.equal(after.length, before.length);
    after.forEach((s, i) => assert.equal(s, before[i], `statement ${i} is the same object`));
    assert.deepEqual(after.map((s) => s.line), before.map((_, i) => i + 1));
    assert.deepEqual(after[3].range.start, { line: 4, character: 0 });
    const swapped = text.split('\n');
    [swapped[5], swapped[9]] = [swapped[9], swapped[5]];
    const moved = incremental.analyze(swapped.join('\n')).doc.statements;
    assert.equal(moved[5], before[9]);
    assert.equal(moved[9], before[5]);
    assert.equal(moved[5].line, 5);
  });

  it('checks again from a checkpoint before the first changed statement: near the end little, at the top all', () => {
    const incremental = new IncrementalAnalysis();
    const lines = longFlow(500).split('\n');
    incremental.analyze(lines.join('\n'));
    const at = (line: number, text: string) => {
      const edited = lines.slice();
      edited[line] = edited[line].replace('"', `"${text}`);
      return incremental.analyze(edited.join('\n'));
    };
    at(989, "x");
    assert.ok(incremental.checkedFrom > 950 && incremental.checkedFrom <= 989, `from ${incremental.checkedFrom}`);
    at(501, 'y');
    assert.ok(incremental.checkedFrom > 460 && incremental.checkedFrom <= 501, `from ${incremental.checkedFrom}`);
    incremental.analyze(['A -> B: SYN seq=100', ...lines].join('\n'));
    assert.equal(incremental.checkedFrom, 0);
  });

  it('an edit before the lines where later participants first appear checks again from a checkpoint, not from the top', () => {
    const incremental = new IncrementalAnalysis();
    const second = longFlow(100).replace(/\bA\b/g, 'C').replace(/\bB\b/g, 'D');
    const lines = (longFlow(100) + second).split('\n');
    incremental.analyze(lines.join('\n'));
    // C and D's first use and first event move down a line; A and B's stay.
    const inserted = [...lines.slice(0, 150), 'note over A: "a new note"', ...lines.slice(150)].join('\n');
    const a = incremental.analyze(inserted);
    assert.ok(incremental.checkedFrom > 100 && incremental.checkedFrom <= 150, `from ${incremental.checkedFrom}`);
    assert.deepEqual(a.participants.map((p) => [p.name, p.firstLine, p.firstEventLine]), [['A', 0, 0], ['B', 0, 0], ['C', 204, 204], ['D', 204, 204]]);
    assert.equal(canonical(a), canonical(analyze(inserted)));
  });

  it('typing in a title, a participant label or the text of a note checks again only from the last checkpoint', () => {
    const incremental = new IncrementalAnalysis();
    const head = ['title Transfer', 'participant A as "Client"', 'participant B as "Server" (LISTEN)', 'note over A, B: "handshake"'];
    const lines = [...head, ...longFlow(100).split('\n')];
    incremental.analyze(lines.join('\n'));
    for (const [line, from, to] of [[0, 'Transfer', 'Transfers'], [1, '"Client"', '"Client 1"'], [3, 'handshake', 'hand shake']] as const) {
      const edited = lines.slice();
      edited[line] = edited[line].replace(from, to);
      const a = incremental.analyze(edited.join('\n'));
      assert.ok(incremental.checkedFrom > 150, `line ${line}: from ${incremental.checkedFrom}`);
      assert.equal(canonical(a), canonical(analyze(edited.join('\n'))));
      incremental.analyze(lines.join('\n'));
    }
    // What the checker does read: the declared state, and whom a note is beside.
    for (const [line, from, to] of [[2, '(LISTEN)', '(CLOSED)'], [3, 'A, B', 'A, C']] as const) {
      const edited = lines.slice();
      edited[line] = edited[line].replace(from, to);
      const a = incremental.analyze(edited.join('\n'));
      assert.equal(incremental.checkedFrom, 0, `line ${line}`);
      assert.equal(canonical(a), canonical(analyze(edited.join('\n'))));
      incremental.analyze(lines.join('\n'));
    }
  });

  it('a diagnostic before the change that names a moved line (a state line before a first event) is made again with the new line', () => {
    const incremental = new IncrementalAnalysis();
    const second = longFlow(100).replace(/\bA\b/g, 'C').replace(/\bB\b/g, 'D');
    const lines = ['state C: SYN_SENT', ...(longFlow(100) + second).split('\n')];
    const tf200 = (a: ReturnType<typeof analyze>) => a.diagnostics.map((d) => [d.code, d.range.start.line, d.args?.line]);
    assert.deepEqual(tf200(incremental.analyze(lines.join('\n'))), [['TF200', 0, 205]]);
    const inserted = [...lines.slice(0, 150), 'note over A: "a new note"', ...lines.slice(150)].join('\n');
    const a = incremental.analyze(inserted);
    assert.deepEqual(tf200(a), [['TF200', 0, 206]], 'its first event is on line 206 now');
    assert.equal(canonical(a), canonical(analyze(inserted)));
  });

  it('an error checked again from its checkpoint is reported as a fresh analysis reports it', () => {
    const incremental = new IncrementalAnalysis();
    const lines = longFlow(100).split('\n');
    incremental.analyze(lines.join('\n'));
    lines[149] = lines[149].replace('ack=301', 'ack=302');
    const a = incremental.analyze(lines.join('\n'));
    assert.ok(incremental.checkedFrom > 100, `from ${incremental.checkedFrom}`);
    assert.deepEqual(a.diagnostics.map((d) => [d.code, d.range.start.line]), [['TF202', 149]]);
    assert.equal(canonical(a), canonical(analyze(lines.join('\n'))));
  });
});

describe('incremental analysis: each version from what changed, exactly as a fresh analysis', () => {
  it('an edit in the lines a root-cause search looked ahead to, or back to, gives what a fresh analysis gives', () => {
    // The search decided on lines up to 8 statements after the error and took a root up to 6
    // before it: a resumed check must start before anything such an edit could change.
    let compared = 0;
    for (const { text, certain } of rootCauseMutants(16)) {
      const lines = text.split('\n');
      for (let k = -7; k <= 9; k++) {
        const at = certain + k;
        if (at < 0 || at >= lines.length - 1) continue;
        const edits = [
          [...lines.slice(0, at), ...lines.slice(at + 1)],
          [...lines.slice(0, at), plant(lines[at], { col: k + 7, to: k + 7 }), ...lines.slice(at + 1)],
          [...lines.slice(0, at), '', ...lines.slice(at)],
        ];
        for (const edited of edits) {
          const incremental = new IncrementalAnalysis();
          incremental.analyze(text);
          const next = edited.join('\n');
          assert.equal(canonical(incremental.analyze(next)), canonical(analyze(next)), `${JSON.stringify(text)}, line ${at + 1}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 3000, `${compared} edits compared`);
  });


  it('after any sequence of edits, the tree, the diagnostics and the trace equal a fresh analysis', () => {
    fc.assert(
      fc.property(documentOf, fc.array(edit, { minLength: 1, maxLength: 12 }), (start, edits) => {
        const incremental = new IncrementalAnalysis();
        let text = start;
        assert.equal(canonical(incremental.analyze(text)), canonical(analyze(text)));
        for (const e of edits) {
          text = apply(text, e, lineNear(text, e));
          assert.equal(canonical(incremental.analyze(text)), canonical(analyze(text)));
        }
      }),
      { numRuns: 150 },
    );
  });
});
