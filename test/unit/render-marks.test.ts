// Honest error marks (issue 14): an arrow shows what the note wrote and what was due, a wrong
// assertion is marked on a state note (not on the arrow), a root cause (TF221, SPEC §8.6) on its
// root line's arrow; and every diagram says what it shows in one line (accTitle, accDescr).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { errorMarksOf } from '../../server/src/core/render/errorMarks';
import { renderMarkdown } from '../../server/src/core/render/markdown';
import { markedMermaid, renderMermaid } from '../../server/src/core/render/mermaid';
import { flowSummary } from '../../server/src/core/render/summary';
import { flow } from './helpers';

/** The diagram's lines after the participants' first states (the head and the first states are the same everywhere here). */
function rows(text: string): string[] {
  const a = analyze(text);
  const lines = renderMermaid(a, { marks: errorMarksOf(a) }).trimEnd().split('\n');
  return lines.slice(lines.findIndex((l) => l.includes('Note right of B: LISTEN')) + 1);
}

const HANDSHAKE = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\n';
const HANDSHAKE_ROWS = [
  '    A->>B: SYN seq=100',
  '    Note left of A: SYN_SENT',
  '    Note right of B: SYN_RECEIVED',
  '    B->>A: SYN,ACK seq=300 ack=101',
  '    Note left of A: ESTABLISHED',
  '    A->>B: ACK seq=101 ack=301',
  '    Note right of B: ESTABLISHED',
];

describe('honest error arrows', () => {
  it('a wrong seq: what was written ✗ what was due', () => {
    assert.deepEqual(rows('A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=100 ack=301\n').slice(5), [
      '    A->>B: ⚠ ACK seq=100 ✗ 101 ack=301',
      '    Note right of B: ESTABLISHED',
    ]);
  });

  it('a wrong assertion: a ⚠ note beside that participant before the arrow, the segment unmarked', () => {
    assert.deepEqual(rows('A -> B: SYN seq=100\nB(LISTEN) -> A: SYN,ACK seq=300 ack=101\nstate A: CLOSED, B: SYN_RECEIVED\n'), [
      '    A->>B: SYN seq=100',
      '    Note left of A: SYN_SENT',
      '    Note right of B: SYN_RECEIVED',
      '    Note right of B: ⚠ LISTEN ✗ SYN_RECEIVED',
      '    B->>A: SYN,ACK seq=300 ack=101',
      '    Note left of A: ESTABLISHED',
      // A `state` line draws nothing unless an assertion on it is wrong (B's is right).
      '    Note left of A: ⚠ CLOSED ✗ ESTABLISHED',
    ]);
  });

  it('a wrong assertion inside a par block: the note is in its branch, before its arrow', () => {
    const a = analyze(flow`
      participant A (ESTABLISHED)
      participant B (ESTABLISHED)
      par
        A(FIN_WAIT_1) -> B: FIN,ACK seq=100 ack=300
      and
        B -> A: FIN,ACK seq=300 ack=100
      end
    `);
    const text = renderMermaid(a, { marks: errorMarksOf(a) });
    assert.ok(text.includes('    par\n        Note left of A: ⚠ FIN_WAIT_1 ✗ ESTABLISHED\n        A->>B: FIN,ACK seq=100 ack=300\n        Note left of A: FIN_WAIT_1\n    and\n'), text);
  });

  it('TF221, a length: the root line says len=11 ✗ 10; the line where it became certain is right as written', () => {
    assert.deepEqual(rows(HANDSHAKE + 'A -> B: PSH,ACK seq=101 ack=301 len=11\nB -> A: ACK seq=301 ack=111\nA -> B: PSH,ACK seq=111 ack=301 len=5\nB -> A: ACK seq=301 ack=116\n'), [
      ...HANDSHAKE_ROWS,
      '    A->>B: ⚠ PSH,ACK seq=101 ack=301 len=11 ✗ 10',
      '    B->>A: ACK seq=301 ack=111',
      '    A->>B: PSH,ACK seq=111 ack=301 len=5',
      '    B->>A: ACK seq=301 ack=116',
    ]);
  });

  it('TF221, written as lost: drawn as it arrived, with -x ✗ ->', () => {
    const text = HANDSHAKE + 'A -x B: PSH,ACK seq=101 ack=301 len=10\nB -> A: ACK seq=301 ack=111\nA -> B: FIN,ACK seq=111 ack=301\nB(CLOSE_WAIT) -> A: ACK seq=301 ack=112\n';
    assert.deepEqual(rows(text).slice(7, 9), ['    A->>B: ⚠ PSH,ACK seq=101 ack=301 len=10 [-x ✗ -#62;]', '    B->>A: ACK seq=301 ack=111']);
  });

  it('TF221, a FIN left out: the flags written ✗ the flags meant', () => {
    const text = HANDSHAKE + 'A -> B: ACK seq=101 ack=301\nB(CLOSE_WAIT) -> A(FIN_WAIT_1): ACK seq=301 ack=102\n';
    assert.deepEqual(rows(text).slice(7), [
      '    A->>B: ⚠ ACK ✗ FIN,ACK seq=101 ack=301',
      '    Note left of A: FIN_WAIT_1',
      '    Note right of B: CLOSE_WAIT',
      '    B->>A: ACK seq=301 ack=102',
      '    Note left of A: FIN_WAIT_2',
    ]);
  });

  it('TF221, sender and receiver swapped: drawn the way the flow reads it, with the ends written ✗ meant', () => {
    assert.deepEqual(rows('A -> B: SYN seq=100\nA -> B: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\n').slice(3, 4), ['    B->>A: ⚠ SYN,ACK seq=300 ack=101 [A → B ✗ B → A]']);
  });

  it('any other error on a message line marks its arrow with ⚠ alone', () => {
    const a = analyze('A -> B: SYN seq=100\nA -> B: PSH,ACK seq=101 len=5\n');
    assert.deepEqual([...errorMarksOf(a)], [[1, { arrow: {}, states: [] }]]);
    // TF203: SYN_SENT may not send data; the checker says what it may send, the arrow only that it is wrong.
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['TF203']);
    assert.equal(renderMermaid(a, { marks: errorMarksOf(a) }).trimEnd().split('\n').pop(), '    A->>B: ⚠ PSH,ACK seq=101 len=5');
  });

  it('says which arrows and notes are marked, by index in drawing order (the Markdown preview colours them)', () => {
    const a = analyze('A -> B: SYN seq=100\nB(LISTEN) -> A: SYN,ACK seq=300 ack=100\n');
    const { text, errorArrows, errorNotes } = markedMermaid(a, { marks: errorMarksOf(a) });
    assert.equal(text, renderMermaid(a, { marks: errorMarksOf(a) }));
    // Notes: CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, then the ⚠ note (4); arrows: the SYN (0), the SYN,ACK (1).
    assert.deepEqual([errorArrows, errorNotes], [[1], [4]]);
  });

  it('the Markdown table marks its segments the same way, one row per source line', () => {
    const out = renderMarkdown(analyze(HANDSHAKE + '\nA -> B: PSH,ACK seq=101 ack=301 len=11\nB -> A: ACK seq=301 ack=111\nA -> B: PSH,ACK seq=111 ack=301 len=5\n'));
    assert.ok(out.includes('| 5 | A → B | ⚠ PSH,ACK seq=101 ack=301 len=11 ✗ 10 | ESTABLISHED | ESTABLISHED |\n| 6 | B → A | ACK seq=301 ack=111 |'), out);
    assert.ok(out.includes('- Line 6, error TF221: '), out);
  });
});

describe('the summary for screen readers (accTitle, accDescr)', () => {
  it('says who exchanges how many segments, the final states and the errors, in both languages', () => {
    const a = analyze('participant C as "Client"\nC -> S: SYN seq=1\nS -x C: SYN,ACK seq=9 ack=2\nS -> C: SYN,ACK seq=9 ack=3\n');
    assert.deepEqual(flowSummary(a, 'en'), {
      title: 'TCP flow between Client and S',
      description: 'Client and S exchange 3 segments (1 lost). Final states — Client ESTABLISHED, S SYN_RECEIVED. 1 error.',
    });
    assert.deepEqual(flowSummary(a, 'ko'), {
      title: 'TCP 흐름 (Client ↔ S)',
      description: 'Client, S 사이 세그먼트 3개 (손실 1개). 최종 상태 — Client ESTABLISHED, S SYN_RECEIVED. 오류 1개.',
    });
  });

  it('names six participants at most, and escapes what the note wrote', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const a = analyze(names.slice(1).map((n) => `A -> ${n}: SYN seq=1`).join('\n') + '\ntitle a: b; %%{init}%%\n');
    assert.equal(flowSummary(a).description, 'A, B, C, D, E, F and 2 more exchange 7 segments. Final states — A SYN_SENT, B SYN_RECEIVED, C SYN_RECEIVED, D SYN_RECEIVED, E SYN_RECEIVED, F SYN_RECEIVED, 2 more.');
    const head = renderMermaid(a).split('\n').slice(1, 3);
    assert.deepEqual(head, ['    title a#58; b#59; #37;#37;#123;init#125;#37;#37;', '    accTitle: a#58; b#59; #37;#37;#123;init#125;#37;#37;']);
  });

  it('is in every Mermaid output, an empty flow’s too', () => {
    assert.equal(renderMermaid(analyze('')), 'sequenceDiagram\n    accTitle: TCP flow\n    accDescr: No segments.\n');
    assert.ok(renderMarkdown(analyze(HANDSHAKE), { lang: 'ko' }).includes('    accDescr: A, B 사이 세그먼트 3개. 최종 상태 — A ESTABLISHED, B ESTABLISHED.\n'));
  });
});
