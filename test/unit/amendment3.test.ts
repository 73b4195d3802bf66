// SPEC §8 (amendment 3): one test per rule, named after it, asserting code, line and range.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codesOf, expectClean, expectError, flow, run } from './helpers';
import { formatMessage } from '../../server/src/core/i18n';

const HANDSHAKE = flow`
  A -> B: SYN seq=100
  B -> A: SYN,ACK seq=300 ack=101
  A -> B: ACK seq=101 ack=301
`;

describe('SPEC §8.1 textbook notation', () => {
  it('SYN=1, ACK=1, FIN=1 set the flag; FLAG=0 leaves it out', () => {
    const a = expectClean(flow`
      A -> B: SYN=1 seq=x
      B -> A: SYN=1 ACK=1 seq=y ack=x+1
      A -> B: ACK=1 SYN=0 seq=x+1 ack=y+1
      A -> B: FIN=1 ACK=1 seq=x+1 ack=y+1
    `);
    assert.deepEqual(a.messages.map((m) => m.flags.join(',')), ['SYN', 'SYN,ACK', 'ACK', 'FIN,ACK']);
  });

  it('ACK=N beside an ACK flag word is the acknowledgment number, as RFC 9293 figures write it', () => {
    const a = expectClean(HANDSHAKE + 'A -> B: FIN,ACK SEQ=101 ACK=301\n');
    assert.equal(a.messages[3].ack, 301);
    expectError(HANDSHAKE + 'A -> B: FIN,ACK SEQ=101 ACK=⟦300⟧\n', 'TF202');
  });
});

describe('SPEC §8.2 known symbols', () => {
  it("two known symbols that differ are different values: SYN(b), ACK(b+1) after SYN(a) is TF202", () => {
    const d = expectError('A → B : SYN(a)\nB → A : SYN(b), ACK(⟦b+1⟧)\n', 'TF202');
    assert.equal(d.args.expected, 'a+1');
  });

  it('a symbol used for the first time is a new unknown, taken as written', () => {
    expectClean(HANDSHAKE.replace(/\d+/g, (n) => n) + 'A -> B: FIN,ACK seq=u ack=301\nB -> A: ACK seq=301 ack=u+1\n');
  });
});

describe('SPEC §8.3 listening participants', () => {
  it('once its connection is CLOSED, LISTEN may be asserted, and a new SYN opens a new connection', () => {
    const a = expectClean(flow`
      participant S (LISTEN)
      C -> S: SYN seq=1
      S -> C: SYN,ACK seq=9 ack=2
      C -> S: ACK seq=2 ack=10
      C -> S: FIN,ACK seq=2 ack=10
      S -> C: FIN,ACK seq=10 ack=3
      C -> S(LAST_ACK): ACK seq=3 ack=11
      wait 2MSL
      C(CLOSED) -> S(LISTEN): SYN seq=500
      S(SYN_RECEIVED) -> C: SYN,ACK seq=900 ack=501
    `);
    assert.deepEqual(a.steps.filter((s) => s.line === 6).map((s) => s.states.S), ['LAST_ACK', 'CLOSED']);
    assert.equal(a.steps.find((s) => s.line === 8 && s.event === 'deliver')?.states.S, 'SYN_RECEIVED');
  });

  it('the trace still shows the connection itself CLOSED', () => {
    const a = run('participant S (LISTEN)\nC -> S: SYN seq=1\nS -> C: SYN,ACK seq=9 ack=2\nC -> S: RST seq=2\n');
    assert.equal(a.finalStates.S, 'LISTEN'); // an RST in SYN_RECEIVED returns a passive open to LISTEN
    const b = run(HANDSHAKE.replace('A -> B: SYN', 'participant B (LISTEN)\nA -> B: SYN') + 'A -> B: RST seq=101\n');
    assert.equal(b.finalStates.B, 'CLOSED');
  });
});

describe('SPEC §8.4 what a retransmission is', () => {
  it('a bare ACK after a simultaneous close, at the FIN\'s own number, forgot that the FIN consumes one (TF201)', () => {
    const d = expectError(HANDSHAKE + flow`
      par
        A -> B: FIN,ACK seq=101 ack=301
      and
        B -> A: FIN,ACK seq=301 ack=101
      end
      A -> B: ACK seq=⟦101⟧ ack=302
    `, 'TF201');
    assert.deepEqual([d.range.start.line, d.args.expected, d.args.variant, d.args.line], [8, '102', 'minusOne', 5]);
    assert.deepEqual(d.fix?.edits.map((e) => e.newText), ['102']);
  });

  it('a bare ACK at the seq of unacknowledged data forgot what the data consumed (TF201)', () => {
    const d = expectError(HANDSHAKE + 'A -> B: PSH,ACK seq=101 ack=301 len=10\nA -> B: ACK seq=⟦101⟧ ack=301\n', 'TF201');
    assert.deepEqual([d.args.expected, d.args.variant, d.args.count], ['111', 'forgotLength', 10]);
    assert.equal(
      formatMessage(d),
      "A's seq must be 111 here, not 101: it is SND.NXT; its PSH,ACK len=10 on line 4 consumed 10 sequence numbers (each data byte counts one, and a SYN or FIN one more, RFC 9293 §3.4).",
    );
  });

  it('a bare ACK at a lost FIN\'s number repeats nothing (TF201), while the FIN itself resent is a retransmission', () => {
    expectError(HANDSHAKE + 'A -x B: FIN,ACK seq=101 ack=301\nA -> B: ACK seq=⟦101⟧ ack=301\n', 'TF201');
    const a = run(HANDSHAKE + 'A -x B: FIN,ACK seq=101 ack=301\nA -> B: FIN,ACK seq=101 ack=301\n');
    assert.deepEqual(codesOf(a), ['TF210@5']);
  });

  it('one data byte written at an unacknowledged FIN\'s number is new data after the FIN (TF207)', () => {
    expectError(HANDSHAKE + 'A -> B: FIN,ACK seq=101 ack=301\nA -> B: ⟦PSH,ACK⟧ seq=101 ack=301 len=1\n', 'TF207');
  });

  it('a FIN crossing data: a bare ACK at the seq the data started is TF201', () => {
    expectError(HANDSHAKE + flow`
      par
        A -> B: PSH,ACK seq=101 ack=301 len=10
      and
        B -> A: FIN,ACK seq=301 ack=101
      end
      A -> B: ACK seq=⟦101⟧ ack=302
    `, 'TF201');
  });

  it('repacketized: two lost segments resent as one, from the first one\'s seq, are a retransmission', () => {
    const a = run(HANDSHAKE + 'A -x B: PSH,ACK seq=101 ack=301 len=5\nA -x B: PSH,ACK seq=106 ack=301 len=5\nA -> B: PSH,ACK seq=101 ack=301 len=10\nB -> A: ACK seq=301 ack=111\n');
    assert.deepEqual(codesOf(a), ['TF210@6']);
  });

  it('repacketized: one lost segment resent in two pieces, the second from where the first ended', () => {
    const a = run(HANDSHAKE + 'A -x B: PSH,ACK seq=101 ack=301 len=10\nA -> B: PSH,ACK seq=101 ack=301 len=4\nA -> B: PSH,ACK seq=105 ack=301 len=6\nB -> A: ACK seq=301 ack=111\n');
    assert.deepEqual(codesOf(a), ['TF210@5', 'TF210@6']);
    assert.deepEqual(a.finalStates, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
  });

  it('a resend that runs past SND.NXT, or covers a FIN without FIN, is not one', () => {
    expectError(HANDSHAKE + 'A -x B: PSH,ACK seq=101 ack=301 len=5\nA -> B: PSH,ACK seq=⟦101⟧ ack=301 len=6\n', 'TF201');
    expectError(HANDSHAKE + 'A -x B: FIN,ACK seq=101 ack=301 len=5\nA -> B: ⟦PSH,ACK⟧ seq=101 ack=301 len=6\n', 'TF207');
  });

  it('a SYN resent in SYN_SENT and the SYN,ACK of a simultaneous open repeat the SYN', () => {
    assert.deepEqual(codesOf(run('A -x B: SYN seq=100\nA -> B: SYN seq=100\n')), ['TF210@2']);
    const open = 'par\n  A -> B: SYN seq=100\nand\n  B -> A: SYN seq=300\nend\n';
    const a = run(open + 'par\n  A -> B: SYN,ACK seq=100 ack=301\nand\n  B -> A: SYN,ACK seq=300 ack=101\nend\n');
    assert.deepEqual(codesOf(a), ['TF210@7', 'TF210@9']);
    assert.deepEqual(a.finalStates, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
  });
});

describe('SPEC §8.5 keep-alive and window probes need their own wait', () => {
  it('each probe of a series has its wait', () => {
    const a = run(HANDSHAKE + 'wait 75s\nA -> B: ACK seq=100 ack=301\nB -> A: ACK seq=301 ack=101\nwait 75s\nA -> B: ACK seq=100 ack=301\n');
    assert.deepEqual(codesOf(a), ['TF212@5', 'TF212@8']);
    expectError(HANDSHAKE + 'wait 75s\nA -> B: ACK seq=100 ack=301\nB -> A: ACK seq=301 ack=101\nA -> B: ACK seq=⟦100⟧ ack=301\n', 'TF201');
  });

  it('a wait before a retransmission does not make a later seq = SND.NXT − 1 a probe', () => {
    expectError(
      HANDSHAKE + 'A -x B: PSH,ACK seq=101 ack=301 len=1\nwait RTO\nA -> B: PSH,ACK seq=101 ack=301 len=1\nB -> A: ACK seq=301 ack=102\nA -> B: ACK seq=⟦101⟧ ack=301\n',
      'TF201',
    );
  });

  it('a wait before a segment of any other kind does not carry over either', () => {
    expectError(HANDSHAKE + 'wait 75s\nA -> B: PSH,ACK seq=101 ack=301 len=5\nB -> A: ACK seq=301 ack=106\nA -> B: ACK seq=⟦105⟧ ack=301\n', 'TF201');
  });
});

describe('SPEC §8.6 one mistake, one diagnostic, at its root', () => {
  /** The one error or warning of a flow, with its related places as 1-based lines. */
  function theOne(src: string) {
    const d = expectError(src, 'TF221');
    return { d, related: d.related?.map((r) => [r.range.start.line + 1, r.range.start.character, r.range.end.character]) };
  }

  it('a length the peer\'s ack contradicts: reported at the ack, naming the line, mended there', () => {
    const { d, related } = theOne(HANDSHAKE + flow`
      A -> B: PSH,ACK seq=101 ack=301 len=11
      B -> A: ACK seq=301 ack=⟦111⟧
      A -> B: PSH,ACK seq=111 ack=301 len=5
      B -> A: ACK seq=301 ack=116
    `);
    assert.deepEqual(related, [[4, 36, 38]]);
    assert.deepEqual(d.fix?.edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]), [[3, 36, '10']]);
    assert.deepEqual(d.alternatives?.[0].edits.map((e) => e.newText), ['112']);
    assert.equal(
      formatMessage(d),
      "A's PSH,ACK on line 4 is written with len=11, but B acknowledges 111 here: its length is 10 (a segment consumes its length in sequence numbers, RFC 9293 §3.4).",
    );
  });

  it('and every later seq of the sender is checked as though the length were right', () => {
    const a = run(HANDSHAKE + 'A -> B: PSH,ACK seq=101 ack=301 len=11\nA -> B: PSH,ACK seq=111 ack=301 len=5\nB -> A: ACK seq=301 ack=116\n');
    assert.deepEqual(codesOf(a, 'error'), ['TF221@5']);
    assert.equal(a.diagnostics.find((d) => d.code === 'TF221')?.args.evidence, 'TF201');
  });

  it('a delivered segment written as lost (-x) whose data the peer acknowledges', () => {
    const { d, related } = theOne(HANDSHAKE + flow`
      A -x B: PSH,ACK seq=101 ack=301 len=10
      B -> A: ACK seq=301 ack=⟦111⟧
      A -> B: FIN,ACK seq=111 ack=301
      B(CLOSE_WAIT) -> A: ACK seq=301 ack=112
    `);
    assert.deepEqual(related, [[4, 2, 4]]);
    assert.deepEqual(d.fix?.edits.map((e) => e.newText), ['->']);
  });

  it('a FIN left out of a segment whose FIN the peer acknowledges', () => {
    const src = HANDSHAKE + flow`
      A -> B: ACK seq=101 ack=301
      B(⟦CLOSE_WAIT⟧) -> A(FIN_WAIT_1): ACK seq=301 ack=102
      B -> A: FIN,ACK seq=301 ack=102
      A(TIME_WAIT) -> B(LAST_ACK): ACK seq=102 ack=302
    `;
    const { d, related } = theOne(src);
    assert.deepEqual(related, [[4, 8, 11]]);
    assert.deepEqual(d.fix?.edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]), [[3, 8, 'FIN,']]);
    assert.deepEqual(run(src.replace(/[⟦⟧]/g, '')).finalStates, { A: 'TIME_WAIT', B: 'CLOSED' });
  });

  it('a handshake line with sender and receiver swapped, found on the line itself', () => {
    const d = expectError('A -> B: SYN seq=100\nA -> B: ⟦SYN,ACK⟧ seq=300 ack=101\nA -> B: ACK seq=101 ack=301\nA -> B: PSH,ACK seq=101 ack=301 len=5\n', 'TF221');
    assert.equal(d.related, undefined);
    assert.deepEqual(d.fix?.edits.map((e) => e.newText), ['B', 'A']);
  });

  it('… or found on the next line, where the swapped first line\'s sender cannot go on', () => {
    const a = run('B -> A: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\n');
    assert.deepEqual(codesOf(a, 'error'), ['TF221@2']);
    const d = a.diagnostics.find((x) => x.code === 'TF221')!;
    assert.deepEqual(d.related?.map((r) => r.range.start.line), [0]);
    // Checked from there as meant: A opened, B listened, both ESTABLISHED; A is the first column.
    assert.deepEqual(a.participants.map((p) => [p.name, p.initial]), [['A', 'CLOSED'], ['B', 'LISTEN']]);
    assert.deepEqual(a.finalStates, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
  });

  it('a plain mistake with nothing following from it stays as it is (TF202, not a root)', () => {
    expectError(HANDSHAKE + 'A -> B: PSH,ACK seq=101 ack=301 len=10\nB -> A: ACK seq=301 ack=⟦110⟧\nA -> B: PSH,ACK seq=111 ack=301 len=5\n', 'TF202');
  });

  it('in Korean too', () => {
    const a = run(HANDSHAKE + 'A -> B: PSH,ACK seq=101 ack=301 len=11\nB -> A: ACK seq=301 ack=111\nA -> B: PSH,ACK seq=111 ack=301 len=5\n');
    const d = a.diagnostics.find((x) => x.code === 'TF221')!;
    assert.equal(
      formatMessage(d, 'ko'),
      '4번 줄에서 A의 PSH,ACK은 len=11로 적혀 있지만, 여기서 B가 111을 확인응답합니다. 길이는 10입니다(세그먼트는 길이만큼 순서 번호를 소비합니다, RFC 9293 §3.4).',
    );
  });
});
