// Parser: `par` blocks (SPEC §3.4) — branches, and/end lines and ranges, TF105 misuse and TF106
// statements not allowed inside — and whole documents.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageStmt, ParBlock } from '../../server/src/core/syntax/ast';
import { expectDiags, only, parseClean } from './parser-helpers';

describe('par blocks', () => {
  const SIMULTANEOUS_CLOSE = 'par\n  A -> B: FIN seq=100 ack=300\nand\n  B -> A: FIN seq=300 ack=100\n  note over A, B: crossing\nend';

  test('branches, and/end lines, ranges', () => {
    const doc = parseClean(`title t\n${SIMULTANEOUS_CLOSE}\nwait 2MSL`);
    assert.deepEqual(
      doc.statements.map((s) => s.kind),
      ['title', 'par', 'wait'],
    );
    const par = doc.statements[1] as ParBlock;
    assert.equal(par.line, 1);
    assert.deepEqual(par.parRange, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    assert.deepEqual(par.range, { start: { line: 1, character: 0 }, end: { line: 6, character: 3 } });
    assert.deepEqual(par.andLines, [3]);
    assert.equal(par.endLine, 6);
    assert.deepEqual(
      par.branches.map((b) => b.map((s) => `${s.kind}@${s.line}`)),
      [['message@2'], ['message@4', 'note@5']],
    );
  });

  test('keywords in any case; empty blocks and branches are fine', () => {
    const par = parseClean('PAR\nAND\nA -> B: SYN\nEnd').statements[0] as ParBlock;
    assert.deepEqual([par.branches.length, par.branches[0].length, par.branches[1].length, par.endLine], [2, 0, 1, 3]);
    assert.equal((parseClean('par\nend').statements[0] as ParBlock).branches[0].length, 0);
  });

  test('TF105: and/end outside, nested par', () => {
    expectDiags('⟦and⟧\nA -> B: SYN\n⟦end⟧', [
      ['TF105', { kind: 'andOutside' }],
      ['TF105', { kind: 'endOutside' }],
    ]);
    const r = expectDiags('par\nA -> B: FIN\n  ⟦par⟧\nB -> A: FIN\nend', [['TF105', { kind: 'nested' }]]);
    const par = r.doc.statements[0] as ParBlock;
    assert.deepEqual(par.branches[0].map((s) => s.line), [1, 3]);
    assert.equal(par.endLine, 4);
  });

  test('TF105 unterminated: the block is kept with what it holds', () => {
    const r = expectDiags('⟦par⟧\nA -> B: FIN\nand\nB -> A: FIN', [['TF105', { kind: 'unterminated' }]]);
    const par = r.doc.statements[0] as ParBlock;
    assert.equal(par.endLine, undefined);
    assert.deepEqual(par.andLines, [2]);
    assert.deepEqual(par.branches.map((b) => b.length), [1, 1]);
    assert.deepEqual(par.range, { start: { line: 0, character: 0 }, end: { line: 3, character: 11 } });
  });

  test('TF106: only messages and notes inside; the others are kept apart, in no branch', () => {
    const r = expectDiags('par\n⟦title⟧ x\n⟦participant⟧ C\nA -> B: FIN\n⟦wait⟧ RTO\n  ⟦state⟧ A: CLOSED\nend', [
      ['TF106', { kind: 'title' }],
      ['TF106', { kind: 'participant' }],
      ['TF106', { kind: 'wait' }],
      ['TF106', { kind: 'state' }],
    ]);
    assert.equal(r.doc.statements.length, 1);
    assert.deepEqual((r.doc.statements[0] as ParBlock).branches.map((b) => b.map((s) => s.line)), [[3]]);
    assert.deepEqual((r.doc.statements[0] as ParBlock).misplaced.map((s) => `${s.kind}@${s.line}`), ['title@1', 'participant@2', 'wait@4', 'state@5']);
  });

  test('par/and/end take nothing after them; self-messages inside are reported and kept in their branch', () => {
    expectDiags('par ⟦simultaneous⟧ close', [['TF100', { expected: 'endOfLine', found: 'simultaneous' }]]);
    const r = expectDiags('par\nA -> ⟦A⟧: FIN\nend', [['TF108', { name: 'A' }]]);
    assert.deepEqual((r.doc.statements[0] as ParBlock).branches.map((b) => b.map((s) => s.line)), [[1]]);
  });
});

describe('whole documents', () => {
  test('the study notes of SPEC §1 parse cleanly, statement per line', () => {
    const doc = parseClean('A(CLOSED) → B(LISTEN) : SYN(a)\nB(SYN_RCV) → A(SYN_SENT) : ACK(a+1), SYN(b)\nA(ESTABLISHED) → B(SYN_RCV) : ACK(b+1)\n');
    assert.equal(doc.lineCount, 4);
    const [m1, m2, m3] = doc.statements as MessageStmt[];
    assert.deepEqual(m2.segment.flags.map((f) => f.flag), ['ACK', 'SYN']);
    assert.deepEqual([m2.segment.seq?.value?.text, m2.segment.ack?.value?.text], ['b', 'a+1']);
    assert.deepEqual([m1.line, m2.line, m3.line], [0, 1, 2]);
    assert.equal(m3.segment.ack?.value?.sym, 'b');
    assert.equal(m3.segment.ack?.value?.num, 1);
  });

  test('a statement keyword in a name position is a name', () => {
    const m = only('Left -> end: SYN', 'message');
    assert.deepEqual([m.from.name, m.to.name], ['Left', 'end']);
    assert.equal(only('participant note', 'participant').name, 'note');
  });
});
