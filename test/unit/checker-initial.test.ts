// SPEC §4 "Initial states" and unknown numbers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectClean, expectError, flow, run, traceLines } from './helpers';

const initial = (text: string) => Object.fromEntries(run(text).participants.map((p) => [p.name, `${p.initial}/${p.initialReason}`]));

describe('initial states', () => {
  it('a participant whose first event is sending a SYN without ACK starts CLOSED; its receiver starts LISTEN', () => {
    assert.deepEqual(initial('A -> B: SYN seq=1\n'), { A: 'CLOSED/activeOpen', B: 'LISTEN/passiveOpen' });
  });

  it('any other participant starts ESTABLISHED (notes that begin mid-connection)', () => {
    assert.deepEqual(initial('A -> B: FIN,ACK seq=1 ack=2\n'), { A: 'ESTABLISHED/midConnection', B: 'ESTABLISHED/midConnection' });
  });

  it('a participant line gives the initial state', () => {
    assert.deepEqual(initial('participant B (CLOSED)\nA -> B: SYN seq=1\n'), { B: 'CLOSED/declared', A: 'CLOSED/activeOpen' });
  });

  it('declaration order, then first use, is the column order', () => {
    assert.deepEqual(run('participant S\nC -> S: SYN\n').participants.map((p) => p.name), ['S', 'C']);
  });

  it('being the target of a lost segment is not an event for the inference', () => {
    const text = flow`
      A -x B: SYN seq=1
      B -> A: SYN seq=50
    `;
    // B's first event is sending a SYN, so B starts CLOSED (not LISTEN) and the crossing SYNs make a simultaneous open.
    assert.deepEqual(initial(text), { A: 'CLOSED/activeOpen', B: 'CLOSED/activeOpen' });
  });

  it('inside par every send comes first, so both ends of a simultaneous open start CLOSED', () => {
    const text = flow`
      par
        A -> B: SYN seq=100
      and
        B -> A: SYN seq=300
      end
    `;
    assert.deepEqual(initial(text), { A: 'CLOSED/activeOpen', B: 'CLOSED/activeOpen' });
    assert.deepEqual(traceLines(run(text)), [
      'send 2: A=SYN_SENT B=CLOSED',
      'send 4: A=SYN_SENT B=SYN_SENT',
      'deliver 2: A=SYN_SENT B=SYN_RECEIVED',
      'deliver 4: A=SYN_RECEIVED B=SYN_RECEIVED',
    ]);
  });
});

describe('unknown numbers (notes that begin mid-connection)', () => {
  it('nothing is checked against an unknown number: the first written seq and ack are learned', () => {
    const a = expectClean(flow`
      A -> B: FIN,ACK seq=5000 ack=9000
      B -> A: ACK seq=9000 ack=5001
    `);
    assert.deepEqual(a.finalStates, { A: 'FIN_WAIT_2', B: 'CLOSE_WAIT' });
  });

  it('once learned, numbers are checked', () => {
    expectError(
      flow`
        A -> B: FIN,ACK seq=5000 ack=9000
        B -> A: ACK seq=9000 ack=⟦5000⟧
      `,
      'TF202',
    );
  });

  it('an inferred ack while RCV.NXT is unknown acknowledges everything received: a bare ACK after the peer FIN acknowledges it', () => {
    const a = expectClean(flow`
      A -> B: FIN,ACK
      B -> A: ACK
      B -> A: FIN,ACK
      A -> B: ACK
    `);
    assert.deepEqual(a.finalStates, { A: 'TIME_WAIT', B: 'CLOSED' });
    assert.equal(a.messages[0].seq, undefined, 'an unknown seq is not shown');
  });

  it('crossing FINs with unknown numbers still tell CLOSING from TIME_WAIT', () => {
    const a = expectClean(flow`
      par
        A -> B: FIN,ACK
      and
        B -> A: FIN,ACK
      end
    `);
    assert.deepEqual(a.finalStates, { A: 'CLOSING', B: 'CLOSING' });
  });
});
