// SPEC §4 "Sending": numbers, retransmissions, keep-alives, RSTs, what each state may send.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codesOf, expectClean, expectError, flow, run } from './helpers';
import { formatMessage } from '../../server/src/core/i18n';

const HANDSHAKE = flow`
  A -> B: SYN seq=100
  B -> A: SYN,ACK seq=300 ack=101
  A -> B: ACK seq=101 ack=301
`;

describe('seq', () => {
  it('seq must equal SND.NXT (with a fix that writes it)', () => {
    const d = expectError(HANDSHAKE + 'A -> B: PSH,ACK seq=⟦150⟧ ack=301 len=10\n', 'TF201');
    assert.equal(d.args.expected, '101');
    assert.deepEqual(d.fix?.edits.map((e) => e.newText), ['101']);
  });

  it('the classic mistake: forgetting that the SYN consumes one (seq = SND.NXT − 1)', () => {
    const d = expectError(flow`
      A -> B: SYN seq=100
      B -> A: SYN,ACK seq=300 ack=101
      A -> B: ACK seq=⟦100⟧ ack=301
    `, 'TF201');
    assert.equal(d.args.variant, 'minusOne');
    assert.equal(
      formatMessage(d),
      "A's seq must be 101 here, not 100: it is SND.NXT; its SYN on line 1 consumed one sequence number (a SYN or FIN counts as one byte, RFC 9293 §3.4).",
    );
  });

  it('symbolic values: x+1 is comparable with x+1', () => {
    expectClean('A -> B: SYN seq=x\nB -> A: SYN,ACK seq=y ack=x+1\nA -> B: ACK seq=x+1 ack=y+1\n');
    expectError('A -> B: SYN seq=x\nB -> A: SYN,ACK seq=y ack=x+1\nA -> B: ACK seq=⟦x⟧ ack=y+1\n', 'TF201');
  });

  it('a symbol seen for the first time is a new unknown (textbooks write seq=w after unseen data)', () => {
    expectClean(flow`
      A -> B: FIN,ACK seq=u ack=v
      B -> A: ACK seq=v ack=u+1
      B -> A: FIN,ACK seq=w ack=u+1
      A -> B: ACK seq=u+1 ack=w+1
    `);
  });

  it('after a handshake, an ack with a new symbol is taken as written too: the peer then sends from it', () => {
    // Kurose & Ross: the close writes u, v, w for numbers after data the notes leave out.
    const a = expectClean(flow`
      participant Server (LISTEN)
      Client -> Server: SYN=1 seq=x
      Server -> Client: SYN=1 ACK=1 seq=y ack=x+1
      Client -> Server: ACK=1 seq=x+1 ack=y+1
      Client -> Server: FIN=1 ACK=1 seq=u ack=v
      Server -> Client: ACK=1 seq=v ack=u+1
      Server -> Client: FIN=1 ACK=1 seq=w ack=u+1
      Client -> Server: ACK=1 seq=u+1 ack=w+1
    `);
    assert.deepEqual(a.finalStates, { Server: 'CLOSED', Client: 'TIME_WAIT' });
    // Still a mistake: the server's seq must follow the ack it received.
    expectError(
      'participant S (LISTEN)\nC -> S: SYN seq=x\nS -> C: SYN,ACK seq=y ack=x+1\nC -> S: ACK seq=x+1 ack=y+1\nC -> S: FIN,ACK seq=u ack=v\nS -> C: ACK seq=⟦y+1⟧ ack=u+1\n',
      'TF201',
    );
  });

  it('numbers wrap modulo 2^32', () => {
    expectClean('A -> B: SYN seq=4294967295\nB -> A: SYN,ACK seq=7 ack=0\nA -> B: ACK seq=0 ack=8\n');
  });

  it('omitted seq/ack are inferred and shown as inferred', () => {
    const a = expectClean(HANDSHAKE + 'A -> B: ACK len=10\n');
    const m = a.messages[3];
    assert.deepEqual([m.seq, m.ack, m.seqInferred, m.ackInferred], [101, 301, true, true]);
  });
});

describe('retransmissions and keep-alives', () => {
  it('a retransmission repeats a segment not yet acknowledged: valid, shown as one', () => {
    const a = run(flow`
      A -x B: SYN seq=100
      A -> B: SYN seq=100
    `);
    assert.deepEqual(codesOf(a), ['TF210@2']);
    assert.equal(a.messages[1].role, 'retransmission');
  });

  it('the SYN,ACK of a simultaneous open repeats the SYN: the message names the SYN that was sent', () => {
    const a = run(flow`
      par
        A -> B: SYN seq=100
      and
        B -> A: SYN seq=300
      end
      A -> B: SYN,ACK seq=100 ack=301
    `);
    const d = a.diagnostics.find((x) => x.code === 'TF210');
    assert.deepEqual([d?.range.start.line, d?.args.what, d?.args.line], [5, 'SYN', 2]);
  });

  it('a FIN is resent with a newer ack', () => {
    const a = run(flow`
      A -x B: FIN,ACK seq=100 ack=300
      B -> A: PSH,ACK seq=300 ack=100 len=5
      A -> B: FIN,ACK seq=100 ack=305
    `);
    assert.deepEqual(codesOf(a), ['TF210@3']);
    assert.deepEqual(a.finalStates, { A: 'FIN_WAIT_1', B: 'CLOSE_WAIT' });
  });

  it('a retransmitted SYN in SYN_SENT with another seq is a wrong number', () => {
    const d = expectError('A -x B: SYN seq=100\nA -> B: SYN seq=⟦200⟧\n', 'TF201');
    assert.equal(d.args.variant, 'retransmit');
  });

  it('Linux merges unacknowledged segments when it retransmits', () => {
    const a = run(HANDSHAKE + 'A -x B: PSH,ACK seq=101 ack=301 len=5\nA -x B: PSH,ACK seq=106 ack=301 len=5\nA -> B: PSH,ACK seq=101 ack=301 len=10\nB -> A: ACK seq=301 ack=111\n');
    assert.deepEqual(codesOf(a), ['TF210@6']);
  });

  it('a keep-alive probe (seq = SND.NXT − 1 after a wait) is valid information', () => {
    const a = run(HANDSHAKE + 'wait 75s\nA -> B: ACK seq=100 ack=301\n');
    assert.deepEqual(codesOf(a), ['TF212@5']);
    assert.equal(a.messages[3].role, 'keepalive');
  });
});

describe('RST numbers', () => {
  it('an endpoint with a connection aborts with seq = SND.NXT (§3.10.5)', () => {
    expectClean(HANDSHAKE + 'A -> B: RST seq=101\n');
    expectError(HANDSHAKE + 'A -> B: RST seq=⟦100⟧\n', 'TF208');
  });

  it('a CLOSED endpoint answering a SYN uses seq=0 with ACK and ack = seq + 1 (§3.10.7.1)', () => {
    expectClean('participant S (CLOSED)\nC -> S: SYN seq=7\nS -> C: RST,ACK seq=0 ack=8\n');
    expectError('participant S (CLOSED)\nC -> S: SYN seq=7\nS -> C: RST,ACK seq=0 ack=⟦7⟧\n', 'TF202');
    const d = expectError('participant S (CLOSED)\nC -> S: SYN seq=7\nS -> C: ⟦RST⟧ seq=0\n', 'TF204');
    // The warning explains the RST's own rule, not the rule for every segment after the first SYN.
    assert.equal(d.args.rst, 1);
    assert.match(formatMessage(d, 'en'), /an RST that answers a segment without ACK carries ACK/);
    assert.match(formatMessage(d, 'ko'), /ACK이 없는 세그먼트에 답하는 RST/);
  });

  it('an RST answering a segment that carried ACK, even of unknown value, needs no ACK of its own', () => {
    // A's RST,ACK answers nothing, so its ack is unknown; S's RST answers a segment with the ACK flag.
    const a = run('participant A (CLOSED)\nparticipant S (CLOSED)\nA -> S: RST,ACK seq=5\nS -> A: RST seq=0\n');
    assert.deepEqual(codesOf(a, 'warning'), []);
  });

  it('an endpoint answering a segment that carried an ACK uses that ack as seq, without ACK (§3.5.2)', () => {
    expectClean('participant S (CLOSED)\nC -> S: ACK seq=10 ack=500\nS -> C: RST seq=500\n');
    expectError('participant S (CLOSED)\nC -> S: ACK seq=10 ack=500\nS -> C: RST seq=⟦10⟧\n', 'TF208');
  });
});

describe('ack', () => {
  it('ack must equal RCV.NXT: the classic ack=x for x+1', () => {
    const d = expectError('A -> B: SYN(x)\nB -> A: SYN(y), ACK(⟦x⟧)\n', 'TF202');
    assert.deepEqual(d.fix?.edits.map((e) => e.newText), ['x+1']);
  });

  it("acknowledging one's own ISN (ACK(b+1) on the SYN,ACK) is wrong", () => {
    expectError('A -> B: SYN(a)\nB -> A: SYN(b), ACK(⟦b+1⟧)\n', 'TF202');
  });

  it('one mistake, one diagnostic: after a wrong ack the checker goes on with the right one', () => {
    const a = run('A -> B: SYN(x)\nB -> A: SYN(y), ACK(x)\nA -> B: ACK(y+1)\n');
    assert.deepEqual(codesOf(a), ['TF202@2']);
    assert.deepEqual(a.finalStates, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
  });
});

describe('which segments each state may send', () => {
  it('SYN only from CLOSED or LISTEN', () => {
    const d = expectError(HANDSHAKE + 'A -> B: ⟦SYN⟧ seq=500\n', 'TF203');
    assert.deepEqual([d.args.state, d.args.allowed], ['ESTABLISHED', 'ack,data,fin,rst']);
  });

  it('a bare ACK is not possible in SYN_SENT', () => {
    expectError('A -> B: SYN seq=1\nA -> B: ⟦ACK⟧ seq=2\n', 'TF203');
  });

  it('data is not sent from SYN_RECEIVED', () => {
    expectError('A -> B: SYN seq=1\nB -> A: SYN,ACK seq=9 ack=2\nB -> A: ⟦PSH,ACK⟧ seq=10 ack=2 len=5\n', 'TF203');
  });

  it('one SYN flag off: reported once, then checked as the segment meant, so the next lines are not', () => {
    // A SYN,ACK written without its SYN (seed notation forgets SYN(b)).
    const a = run(flow`
      A(CLOSED) → B(LISTEN) : SYN(a)
      B(SYN_RCV) → A(SYN_SENT) : ACK(a+1)
      A(ESTABLISHED) → B(SYN_RCV) : ACK(b+1)
    `);
    assert.deepEqual(codesOf(a), ['TF203@2']);
    assert.deepEqual(a.finalStates, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
    assert.deepEqual(a.messages[1].flags, ['SYN', 'ACK']);
    // The handshake's third segment written as SYN,ACK.
    const c = run('A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA(ESTABLISHED) -> B(SYN_RECEIVED): SYN,ACK seq=101 ack=301\nB(ESTABLISHED) -> A: ACK seq=301 ack=101\n');
    assert.deepEqual(codesOf(c), ['TF203@3']);
    assert.deepEqual(c.finalStates, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
    // Anything further off is still not delivered: SYN_SENT cannot have meant a bare ACK.
    assert.deepEqual(codesOf(run('A -> B: SYN seq=1\nA -> B: ACK seq=2\nB -> A: SYN,ACK seq=9 ack=2\n')), ['TF203@2']);
  });

  it('a SYN may carry data (TCP Fast Open) and its receiver counts it', () => {
    expectClean('A -> B: SYN seq=1 len=20\nB -> A: SYN,ACK seq=9 ack=22\nA -> B: ACK seq=22 ack=10\n');
  });

  it('data may piggyback on the ACK that completes the handshake', () => {
    expectClean('A -> B: SYN seq=1\nB -> A: SYN,ACK seq=9 ack=2\nA -> B: PSH,ACK seq=2 ack=10 len=50\nB -> A: ACK seq=10 ack=52\n');
  });

  it('FIN from SYN_RECEIVED goes to FIN_WAIT_1', () => {
    const a = expectClean('A -> B: SYN seq=1\nB -> A: SYN,ACK seq=9 ack=2\nB -> A: FIN,ACK seq=10 ack=2\n');
    assert.equal(a.finalStates.B, 'FIN_WAIT_1');
  });

  it('new data or FIN after the sender\'s own FIN is an error (a retransmission is not)', () => {
    expectError(HANDSHAKE + 'A -> B: FIN,ACK seq=101 ack=301\nA -> B: ⟦PSH,ACK⟧ seq=102 ack=301 len=5\n', 'TF207');
  });
});

describe('flags', () => {
  it('a missing ACK flag is a warning with a fix, and the segment is checked as carrying the ACK owed', () => {
    const d = expectError(HANDSHAKE + 'A -> B: ⟦FIN⟧ seq=101\n', 'TF204');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.fix?.edits.map((e) => [e.range.start.character, e.newText]), [[11, ',ACK']]);
    const a = run(HANDSHAKE + 'A -> B: FIN seq=101\nB -> A: ACK seq=301 ack=102\n');
    assert.equal(a.finalStates.A, 'FIN_WAIT_2');
  });

  it('the fix for seed notation FIN(u) prefixes ACK instead of breaking the parentheses', () => {
    const d = expectError('A -> B: ⟦FIN⟧(u)\n', 'TF204');
    assert.deepEqual(d.fix?.edits.map((e) => [e.range.start.character, e.newText]), [[8, 'ACK, ']]);
  });

  it('ack= written without the ACK flag is a warning', () => {
    expectError(HANDSHAKE + 'A -> B: FIN seq=101 ⟦ack⟧=301\n', 'TF205');
  });

  it('SYN with FIN and SYN with RST are never valid', () => {
    expectError('A -> B: SYN,⟦FIN⟧ seq=1\n', 'TF206');
    expectError('A -> B: SYN+⟦RST⟧ seq=1\n', 'TF206');
  });
});
