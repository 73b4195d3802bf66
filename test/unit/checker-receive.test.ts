// SPEC §4 "Receiving", by the receiver's state (RFC 9293 §3.10.7), and the assertions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codesOf, expectClean, expectError, flow, run, traceLines } from './helpers';
import { formatMessage } from '../../server/src/core/i18n';

const HANDSHAKE = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\n';

describe('CLOSED and LISTEN', () => {
  it('CLOSED: the segment is answered with RST; no state change', () => {
    const a = run('participant B (CLOSED)\nA -> B: SYN seq=1\n');
    assert.deepEqual(codesOf(a), ['TF213@2']);
    assert.equal(a.finalStates.B, 'CLOSED');
  });

  it('LISTEN: SYN → SYN_RECEIVED; RST ignored; ACK answered with RST', () => {
    assert.deepEqual(traceLines(run('A -> B: SYN seq=1\n')), ['send 1: A=SYN_SENT B=LISTEN', 'deliver 1: A=SYN_SENT B=SYN_RECEIVED']);
    assert.deepEqual(codesOf(run('participant B (LISTEN)\nparticipant A (CLOSED)\nA -> B: RST seq=5\n')), ['TF218@3']);
    const a = run('participant B (LISTEN)\nA -> B: ACK seq=5 ack=9\n');
    assert.deepEqual(codesOf(a), ['TF217@2']);
    assert.equal(a.finalStates.B, 'LISTEN');
  });
});

describe('SYN_SENT', () => {
  it('SYN,ACK whose ack is SND.NXT → ESTABLISHED', () => {
    assert.equal(expectClean('A -> B: SYN seq=1\nB -> A: SYN,ACK seq=9 ack=2\n').finalStates.A, 'ESTABLISHED');
  });

  it('RST with an acceptable ack → CLOSED', () => {
    const a = expectClean('participant B (LISTEN)\nA -> B: SYN seq=1\nB -> A: RST,ACK seq=0 ack=2\n');
    assert.equal(a.finalStates.A, 'CLOSED');
  });

  it('an old duplicate: a SYN,ACK whose ack is not acceptable changes nothing and is answered with RST (Figure 8)', () => {
    const a = run(flow`
      participant A (CLOSED)
      participant B (LISTEN)
      participant Old (CLOSED)
      A -x B: SYN seq=100
      Old -> B: SYN seq=90
      B(SYN_RECEIVED) -> A(SYN_SENT): SYN,ACK seq=300 ack=91
      A(SYN_SENT) -> B(SYN_RECEIVED): RST seq=91
      A(SYN_SENT) -> B(LISTEN): SYN seq=100
      B(SYN_RECEIVED) -> A(SYN_SENT): SYN,ACK seq=400 ack=101
      A(ESTABLISHED) -> B(SYN_RECEIVED): ACK seq=101 ack=401
    `);
    assert.deepEqual(codesOf(a).filter((c) => !c.startsWith('TF210')), ['TF214@6']);
    assert.deepEqual([a.finalStates.A, a.finalStates.B], ['ESTABLISHED', 'ESTABLISHED']);
  });
});

describe('SYN_RECEIVED', () => {
  it('an ACK of our SYN → ESTABLISHED', () => {
    assert.deepEqual(expectClean(HANDSHAKE).finalStates, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
  });

  it('RST → back to LISTEN when passively opened', () => {
    const a = expectClean('A -> B: SYN seq=1\nB -> A: SYN,ACK seq=9 ack=2\nA -> B: RST seq=2\n');
    assert.equal(a.finalStates.B, 'LISTEN');
  });

  it('a duplicate of the peer SYN is a retransmission (valid)', () => {
    const a = run('A -> B: SYN seq=1\nA -> B: SYN seq=1\n');
    assert.deepEqual(codesOf(a), ['TF211@2', 'TF210@2']);
    assert.equal(a.finalStates.B, 'SYN_RECEIVED');
  });
});

describe('synchronized states', () => {
  it('ESTABLISHED: FIN → CLOSE_WAIT', () => {
    assert.equal(expectClean(HANDSHAKE + 'A -> B: FIN,ACK seq=101 ack=301\n').finalStates.B, 'CLOSE_WAIT');
  });

  it('RST at exactly RCV.NXT → CLOSED; any other seq gets a challenge ACK (RFC 5961)', () => {
    assert.equal(expectClean(HANDSHAKE + 'B -> A: RST seq=301\n').finalStates.A, 'CLOSED');
    const a = run(flow`
      participant A (ESTABLISHED)
      participant B (ESTABLISHED)
      participant M (CLOSED)
      B -> A: ACK seq=300 ack=100
      M -> A: RST seq=999
    `);
    assert.deepEqual(codesOf(a), ['TF215@5']);
    assert.equal(a.finalStates.A, 'ESTABLISHED');
  });

  it('a SYN in a synchronized state teaches nothing: challenge ACK', () => {
    const a = run(flow`
      participant B (ESTABLISHED)
      participant A (CLOSED)
      A -> B: SYN seq=400
    `);
    assert.deepEqual(codesOf(a), ['TF215@3']);
    assert.equal(a.finalStates.B, 'ESTABLISHED');
  });

  it('FIN_WAIT_1: ACK of our FIN → FIN_WAIT_2; FIN without it → CLOSING; FIN with it → TIME_WAIT', () => {
    const close = HANDSHAKE + 'A -> B: FIN,ACK seq=101 ack=301\n';
    assert.equal(expectClean(close + 'B -> A: ACK seq=301 ack=102\n').finalStates.A, 'FIN_WAIT_2');
    assert.equal(expectClean(HANDSHAKE + 'par\nA -> B: FIN,ACK seq=101 ack=301\nand\nB -> A: FIN,ACK seq=301 ack=101\nend\n').finalStates.A, 'CLOSING');
    assert.equal(expectClean(close + 'B -> A: FIN,ACK seq=301 ack=102\n').finalStates.A, 'TIME_WAIT');
  });

  it('data from the peer is still received in FIN_WAIT_2 (half-close)', () => {
    const a = expectClean(HANDSHAKE + 'A -> B: FIN,ACK seq=101 ack=301\nB -> A: ACK seq=301 ack=102\nB -> A: PSH,ACK seq=301 ack=102 len=10\nA -> B: ACK seq=102 ack=311\n');
    assert.deepEqual(a.finalStates, { A: 'FIN_WAIT_2', B: 'CLOSE_WAIT' });
  });

  it('CLOSING: ACK of our FIN → TIME_WAIT; LAST_ACK: ACK of our FIN → CLOSED', () => {
    const a = expectClean(flow`
      par
        A -> B: FIN,ACK seq=100 ack=300
      and
        B -> A: FIN,ACK seq=300 ack=100
      end
      A -> B: ACK seq=101 ack=301
    `);
    assert.deepEqual(a.finalStates, { A: 'CLOSING', B: 'TIME_WAIT' });
    const b = expectClean('A -> B: FIN,ACK seq=1 ack=5\nB -> A: FIN,ACK seq=5 ack=2\nA -> B: ACK seq=2 ack=6\n');
    assert.deepEqual(b.finalStates, { A: 'TIME_WAIT', B: 'CLOSED' });
  });

  it('TIME_WAIT: a retransmitted FIN is ACKed again; wait 2MSL → CLOSED', () => {
    const a = run(flow`
      A -> B: FIN,ACK seq=1 ack=5
      B -> A: FIN,ACK seq=5 ack=2
      A -x B: ACK seq=2 ack=6
      B -> A: FIN,ACK seq=5 ack=2
      A -> B: ACK seq=2 ack=6
      wait 2MSL
    `);
    assert.deepEqual(codesOf(a), ['TF211@4', 'TF210@4']);
    assert.deepEqual(a.finalStates, { A: 'CLOSED', B: 'CLOSED' });
    const dup = run('A -> B: FIN,ACK seq=1 ack=5\nA -> B: FIN,ACK seq=1 ack=5\n');
    assert.deepEqual(dup.messages.map((m) => m.role), ['normal', 'retransmission']);
  });

  it('after 2MSL the connection is gone: CLOSED may send only SYN or RST, and a new SYN opens a new one', () => {
    const closed = 'A -> B: FIN,ACK seq=1 ack=5\nB -> A: FIN,ACK seq=5 ack=2\nA -> B: ACK seq=2 ack=6\nwait 2MSL\n';
    const d = expectError(closed + 'A -> B: ⟦PSH,ACK⟧ seq=2 ack=6 len=5\n', 'TF203');
    assert.deepEqual([d.args.state, d.args.allowed], ['CLOSED', 'syn,rst']);
    const again = expectClean(closed + 'A -> B: SYN seq=100\n');
    assert.equal(again.finalStates.A, 'SYN_SENT');
  });

  it('a server that started in LISTEN is still listening after its connection closes: LISTEN may be asserted', () => {
    const a = expectClean(flow`
      participant C as Client
      participant S as Server (LISTEN)
      C -> S: SYN seq=100
      S -> C: SYN,ACK seq=300 ack=101
      C -> S: ACK seq=101 ack=301
      C -> S: FIN,ACK seq=101 ack=301
      S -> C: FIN,ACK seq=301 ack=102
      C -> S: ACK seq=102 ack=302
      state S: LISTEN
      wait 2MSL
      C(CLOSED) -> S(LISTEN): SYN seq=7000
      S(SYN_RECEIVED) -> C(SYN_SENT): SYN,ACK seq=9000 ack=7001
      C(ESTABLISHED) -> S(SYN_RECEIVED): ACK seq=7001 ack=9001
    `);
    assert.deepEqual(a.finalStates, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
    // Its connection is CLOSED all the same, and a client that never listened is not LISTEN.
    assert.equal(a.steps.find((s) => s.event === 'state')?.states.S, 'CLOSED');
    expectError('participant S (LISTEN)\nC -> S: SYN seq=1\nS -> C: RST,ACK seq=0 ack=2\nstate C: ⟦LISTEN⟧\n', 'TF200');
  });

  it('TIME_WAIT: a new SYN above the old RCV.NXT opens a new connection (§3.10.7.4 MAY-2)', () => {
    const a = run(flow`
      B -> A: FIN,ACK seq=1 ack=5
      A -> B: FIN,ACK seq=5 ack=2
      B -> A: ACK seq=2 ack=6
      A -> B: SYN seq=1000
      B -> A: SYN,ACK seq=77 ack=1001
    `);
    assert.deepEqual(codesOf(a), ['TF220@4']);
    assert.equal(a.finalStates.B, 'SYN_RECEIVED');
  });

  it('a segment ahead of RCV.NXT waits; RCV.NXT jumps past it once the gap is filled', () => {
    const a = run(HANDSHAKE + 'A -x B: ACK seq=101 ack=301 len=10\nA -> B: FIN,ACK seq=111 ack=301\nA -> B: ACK seq=101 ack=301 len=10\nB -> A: ACK seq=301 ack=112\n');
    assert.deepEqual(codesOf(a), ['TF216@5', 'TF210@6']);
    assert.deepEqual(a.messages.map((m) => m.role), ['normal', 'normal', 'normal', 'normal', 'outOfOrder', 'retransmission', 'normal']);
    assert.equal(a.finalStates.B, 'CLOSE_WAIT', 'the queued FIN is processed when the gap fills');
    assert.equal(a.finalStates.A, 'FIN_WAIT_2');
  });
});

describe('assertions', () => {
  it('a state named one step early is reported on the state token, explaining why', () => {
    const d = expectError('A(CLOSED) -> B: SYN seq=1\nA(⟦CLOSED⟧) -> B: SYN seq=1\n', 'TF200');
    assert.equal(formatMessage(d), 'A is SYN_SENT here, not CLOSED: it sent SYN on line 1 and has not received anything since.');
    assert.deepEqual(d.fix?.edits.map((e) => e.newText), ['SYN_SENT']);
  });

  it('when nothing has happened to the participant yet, it also offers to declare the asserted start', () => {
    const edits = (src: string) => expectError(src, 'TF200').alternatives?.map((f) => [f.kind, f.edits.map((e) => [e.range.start, e.newText])]);
    // Undeclared: a participant line before its first use.
    assert.deepEqual(edits('# mid-close notes\nA(⟦FIN_WAIT_2⟧) -> B: ACK\n'), [['declareState', [[{ line: 1, character: 0 }, 'participant A (FIN_WAIT_2)\n']]]]);
    // Declared without a state: the state appended to its line.
    assert.deepEqual(edits('participant A as "Client"\nA(⟦FIN_WAIT_2⟧) -> B: ACK\n'), [['declareState', [[{ line: 0, character: 25 }, ' (FIN_WAIT_2)']]]]);
    // Declared with another state: that state replaced.
    assert.deepEqual(edits('participant A (ESTABLISHED)\nA(⟦FIN_WAIT_2⟧) -> B: ACK\n'), [['declareState', [[{ line: 0, character: 15 }, 'FIN_WAIT_2']]]]);
    // Once something has happened to it, the state is the flow's doing: no declaration offered.
    assert.equal(expectError('A -> B: SYN seq=1\nA(⟦CLOSED⟧) -> B: SYN seq=1\n', 'TF200').alternatives, undefined);
  });

  it('the receiver assertion is the state the segment finds it in', () => {
    expectError('A -> B(⟦SYN_RECEIVED⟧): SYN seq=1\n', 'TF200');
    expectClean('A -> B(LISTEN): SYN seq=1\n');
  });

  it('TIME_WAIT on the wrong side', () => {
    expectError(flow`
      A -> B: FIN,ACK seq=1 ack=5
      B -> A: FIN,ACK seq=5 ack=2
      A -> B: ACK seq=2 ack=6
      state B: ⟦TIME_WAIT⟧
    `, 'TF200');
  });

  it('a state line or a note naming no participant is an error', () => {
    expectError('A -> B: SYN\nstate ⟦C⟧: CLOSED\n', 'TF209');
    expectError('A -> B: SYN\nnote over A, ⟦C⟧: who is C?\n', 'TF209');
    expectError('par\n  A -> B: SYN\n  note right of ⟦Z⟧: x\nend\n', 'TF209');
  });

  it('after a wrong assertion the checker keeps the computed state', () => {
    const a = run('A(LISTEN) -> B: SYN seq=1\nB -> A: SYN,ACK seq=5 ack=2\nA -> B: ACK seq=2 ack=6\n');
    assert.deepEqual(codesOf(a), ['TF200@1']);
  });
});
