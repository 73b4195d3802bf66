// tcb.ts: each endpoint's TCB after every step (RFC 9293 §3.3.1), as the preview's step mode shows it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../server/src/core/syntax/parse';
import { QUEUE_KEPT, tcbAt, tcbTrace } from '../../server/src/core/tcp/tcb';

const FLOW = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\nA -x B: PSH,ACK seq=101 ack=301 len=10\nA -> B: PSH,ACK seq=111 ack=301 len=5\n';

describe('tcbTrace', () => {
  const t = tcbTrace(parse(FLOW).doc);

  it('starts from each endpoint\'s initial TCB, with nothing known', () => {
    assert.deepEqual(t.initial.A, { state: 'CLOSED', iss: undefined, irs: undefined, sndUna: undefined, sndNxt: undefined, rcvNxt: undefined, unacked: [], unackedCount: 0, outOfOrder: [], outOfOrderCount: 0 });
  });

  it('the SYN sent: ISS, SND.UNA, SND.NXT and the SYN in the retransmission queue', () => {
    assert.deepEqual(Object.keys(t.steps[0]), ['A']);
    const a = t.steps[0].A;
    assert.deepEqual([a.state, a.iss, a.sndUna, a.sndNxt, a.unacked], ['SYN_SENT', 100, 100, 101, [{ seq: 100, what: 'SYN', line: 0 }]]);
  });

  it('the SYN arrived: the receiver learns IRS and RCV.NXT', () => {
    const b = t.steps[1].B;
    assert.deepEqual([b.state, b.irs, b.rcvNxt], ['SYN_RECEIVED', 100, 101]);
  });

  it('the SYN,ACK arrived: the SYN is acknowledged, the queue empty', () => {
    const a = tcbAt(t, 3, 'A')!;
    assert.deepEqual([a.state, a.sndUna, a.irs, a.rcvNxt, a.unacked], ['ESTABLISHED', 101, 300, 301, []]);
  });

  it('a lost segment stays unacknowledged; the next one waits out of order at the receiver', () => {
    const last = t.steps.length - 1;
    assert.deepEqual(tcbAt(t, last, 'A')!.unacked.map((u) => [u.seq, u.what]), [[101, 'PSH,ACK len=10'], [111, 'PSH,ACK len=5']]);
    assert.deepEqual(tcbAt(t, last, 'B')!.outOfOrder, [{ seq: 111, len: 5, fin: false, line: 4 }]);
    assert.equal(tcbAt(t, last, 'B')!.rcvNxt, 101);
  });
});

describe('tcbTrace, edge cases', () => {
  it('initial TCBs are those the checked flow started from, after a root cause changed who listens (SPEC §8.6)', () => {
    // The first line swapped: checked as meant, B listened (LISTEN), not A.
    const t = tcbTrace(parse('B -> A: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\n').doc);
    assert.deepEqual([t.initial.A.state, t.initial.B.state], ['CLOSED', 'LISTEN']);
  });

  it('a long queue is counted, and only its first QUEUE_KEPT segments are copied at each step', () => {
    const sends = Array.from({ length: 40 }, (_, i) => `A -> B: PSH,ACK seq=${101 + i * 10} ack=301 len=10\n`).join('');
    const t = tcbTrace(parse(`A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\n${sends}`).doc);
    const a = tcbAt(t, t.steps.length - 1, 'A')!;
    assert.equal(a.unackedCount, 40);
    assert.deepEqual(a.unacked.map((u) => u.seq), [101, 111, 121, 131, 141, 151, 161, 171].slice(0, QUEUE_KEPT));
  });
});
