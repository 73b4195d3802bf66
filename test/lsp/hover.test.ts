// Hover over the real server: a message's effect on both states and its numbers, flags, states,
// fields and participants, the diagnostics covering a token, in English and Korean.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { cursor, startSession, type Session } from './harness';

async function hoverAt(s: Session, src: string): Promise<Hover | null> {
  const { text, position } = cursor(src);
  const { uri } = await s.open(text);
  return (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as Hover | null;
}

const value = (h: Hover | null): string => {
  assert.ok(h, 'expected a hover');
  return (h.contents as { kind: string; value: string }).value;
};

const HANDSHAKE = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\n';

describe('language server: hover', () => {
  let s: Session;
  before(async () => (s = await startSession()));
  after(async () => s.close());

  it('on a message arrow: both states before → after, the numbers (inferred ones marked) and the range of the message', async () => {
    const h = await hoverAt(s, `${HANDSHAKE}A ‸-> B: ACK\n`);
    assert.equal((h!.contents as { kind: string }).kind, 'markdown');
    assert.equal(
      value(h),
      [
        '**A → B**: `ACK`',
        '- A: ESTABLISHED (no change)\n- B: SYN_RECEIVED → ESTABLISHED',
        '`seq=101` (inferred) · `ack=301` (inferred) · `len=0`',
      ].join('\n\n'),
    );
    assert.deepEqual(h!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 11 } });
  });

  it('on a participant name of a message: the same message facts, with the written values not marked', async () => {
    const v = value(await hoverAt(s, 'A -> ‸B: SYN seq=100\n'));
    assert.equal(v, ['**A → B**: `SYN`', '- A: CLOSED → SYN_SENT\n- B: LISTEN → SYN_RECEIVED', '`seq=100` · `len=0`'].join('\n\n'));
  });

  it('shows an unknown number as ? (notes that begin mid-connection)', async () => {
    const v = value(await hoverAt(s, 'A ‸-> B: ACK\n'));
    assert.match(v, /^`seq=\?` \(inferred\) · `ack=\?` \(inferred\) · `len=0`$/m);
  });

  it('names the role: lost, retransmission', async () => {
    const lost = 'C -x S: SYN seq=1000\nwait RTO\nC -> S: SYN seq=1000\n';
    const v1 = value(await hoverAt(s, lost.replace('C -x', 'C ‸-x')));
    assert.equal(
      v1,
      ['**C → S**: `SYN`', '- C: CLOSED → SYN_SENT\n- S: LISTEN (not delivered)', '`seq=1000` · `len=0`', '**Role**: lost in the network — it never arrives'].join('\n\n'),
    );
    const v2 = value(await hoverAt(s, lost.replace('C -> S', 'C ‸-> S')));
    assert.match(v2, /^- C: SYN_SENT \(no change\)\n- S: LISTEN → SYN_RECEIVED$/m);
    assert.match(v2, /^\*\*Role\*\*: retransmission — it repeats a segment already sent and not yet acknowledged \(same seq\)$/m);
  });

  it('in a par block: the receiver state is the one the segment finds on arrival', async () => {
    const src = 'par\n  A(CLOSED) ‸-> B(SYN_SENT): SYN seq=100\nand\n  B(CLOSED) -> A(SYN_SENT): SYN seq=300\nend\n';
    assert.match(value(await hoverAt(s, src)), /^- A: CLOSED → SYN_SENT\n- B: SYN_SENT → SYN_RECEIVED$/m);
  });

  it('on a flag: its meaning, when it is valid and the RFC 9293 section', async () => {
    const h = await hoverAt(s, 'A -> B: ‸SYN seq=100\n');
    const [heading, body] = value(h).split('\n\n');
    assert.equal(heading, '**SYN** — synchronize sequence numbers: opens a connection');
    assert.match(body, /^Sent from CLOSED \(active open\) or LISTEN, which then go to SYN_SENT/);
    assert.match(body, /consumes one sequence number/);
    assert.match(body, /RFC 9293 §3\.5/);
    assert.deepEqual(h!.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 11 } });
  });

  it('on SYN-ACK: both flags', async () => {
    const v = value(await hoverAt(s, 'A -> B: SYN seq=1\nB -> A: SYN-A‸CK seq=5 ack=2\n'));
    assert.deepEqual(
      v.split('\n\n').filter((l) => l.startsWith('**')),
      ['**SYN** — synchronize sequence numbers: opens a connection', '**ACK** — the acknowledgment field is significant'],
    );
  });

  it('on FIN and RST: when they are valid', async () => {
    const fin = value(await hoverAt(s, 'A -> B: ‸FIN,ACK seq=1 ack=1\n'));
    assert.match(fin, /^Sent from ESTABLISHED \(→ FIN_WAIT_1\), CLOSE_WAIT \(→ LAST_ACK\) or SYN_RECEIVED \(→ FIN_WAIT_1\)/m);
    assert.match(fin, /RFC 9293 §3\.6\.$/m);
    const rst = value(await hoverAt(s, 'A -> B: ‸RST seq=1\n'));
    assert.match(rst, /^\*\*RST\*\* — reset: aborts the connection$/m);
    assert.match(rst, /RFC 9293 §3\.5\.2, §3\.5\.3\.$/m);
  });

  it('on a state assertion that is right: the state the checker computed, how the participant got there, what it waits for and may send', async () => {
    const v = value(await hoverAt(s, 'A -> B: SYN seq=1\nB -> A(SYN_S‸ENT): SYN,ACK seq=5 ack=2\n'));
    assert.equal(
      v,
      [
        "**SYN_SENT** — A's state here, as the checker computes it",
        'How A got here:\n- starts CLOSED: its first event is sending a SYN (active open, RFC 9293 §3.5)\n' +
          '- line 1: sent `SYN` → SYN_SENT — sending a SYN from CLOSED is an active open (RFC 9293 §3.10.1)',
        'Represents waiting for a matching connection request after having sent a connection request. (RFC 9293 §3.3.2)',
        '**May send**: RST (+ retransmissions of segments not yet acknowledged)',
        '**Next**: receives the SYN,ACK that acknowledges its SYN → ESTABLISHED; a SYN alone → SYN_RECEIVED (simultaneous open); an acceptable RST → CLOSED.',
      ].join('\n\n'),
    );
  });

  it('on a state in a state line, a participant declaration, and an alias', async () => {
    assert.match(value(await hoverAt(s, 'state A: TIME_W‸AIT\n')), /^\*\*TIME_WAIT\*\* — RFC 9293 §3\.3\.2\n\nRepresents waiting for enough time to pass/);
    const listen = value(await hoverAt(s, 'participant B as Server (LIS‸TEN)\n'));
    assert.match(listen, /^Represents waiting for a connection request from any remote TCP peer and port\.$/m);
    assert.match(listen, /^\*\*May send\*\*: SYN, RST \(\+ retransmissions of segments not yet acknowledged\)$/m);
    assert.match(value(await hoverAt(s, 'participant B (SYN_R‸CVD)\n')), /^\*\*SYN_RECEIVED\*\* — RFC 9293 §3\.3\.2$/m);
    assert.match(value(await hoverAt(s, 'participant B (CLO‸SED)\n')), /^\*\*May send\*\*: SYN, RST$/m);
  });

  it('on a participant declaration: how its initial state was decided', async () => {
    const v = value(await hoverAt(s, 'participant ‸C as "Client"\nC -> S: SYN seq=1\n'));
    assert.equal(v, '**C** — participant · Client\n\nstarts CLOSED: its first event is sending a SYN (active open, RFC 9293 §3.5)');
  });

  it('on a field: what it means', async () => {
    const v = value(await hoverAt(s, 'A -> B: ACK seq=1 ack=1 w‸in=65535\n'));
    assert.equal(v, '**win** — receive window\n\nHow many bytes beyond ack the sender is willing to receive. Shown, not checked. RFC 9293 §3.8.6.');
  });

  it('on a squiggle: what the token means, never the diagnostic VS Code already shows above the hover', async () => {
    const h = await hoverAt(s, 'A -> B: SYN(x)\nB -> A: SYN(y), ACK(‸x)\n');
    assert.equal(
      value(h),
      '**ack** — acknowledgment number: the next sequence number the sender expects\n\n' +
        "Must be the sender's RCV.NXT; significant only with the ACK flag. Left out, it is inferred. RFC 9293 §3.4, §3.10.7.4.",
    );
    assert.doesNotMatch(value(h), /TF202|must be x\+1/);
  });

  it('a wrong state assertion: the state the checker computed and why, not the one written', async () => {
    const v = value(await hoverAt(s, 'A -> B: SYN seq=1\nB -> A(CLOS‸ED): SYN,ACK seq=5 ack=2\n'));
    const [heading, story, wrote, waits] = v.split('\n\n');
    assert.equal(heading, "**SYN_SENT** — A's state here, as the checker computes it");
    assert.equal(story, 'How A got here:\n- starts CLOSED: its first event is sending a SYN (active open, RFC 9293 §3.5)\n- line 1: sent `SYN` → SYN_SENT — sending a SYN from CLOSED is an active open (RFC 9293 §3.10.1)');
    assert.equal(wrote, 'You wrote CLOSED: A was CLOSED until line 1.');
    assert.equal(waits, 'Represents waiting for a matching connection request after having sent a connection request. (RFC 9293 §3.3.2)');
    assert.doesNotMatch(v, /TF200|Represents no connection state/);
  });

  it('a wrong state assertion: a state reached only later, or never; the receiver and the participant of a state line', async () => {
    const close = 'A -> B: SYN seq=1\nB -> A: SYN,ACK seq=5 ack=2\nA(FIN_WAIT_2) -> B(FIN_WA‸IT_1): ACK\nA -> B: FIN\nB -> A: ACK\nB -> A: FIN\nA -> B: ACK\n';
    const later = value(await hoverAt(s, close.replace('A(FIN_WAIT_2)', 'A(FIN_WA‸IT_2)').replace('B(FIN_WA‸IT_1)', 'B(FIN_WAIT_1)')));
    assert.match(later, /^\*\*ESTABLISHED\*\* — A's state here/);
    assert.match(later, /^You wrote FIN_WAIT_2: A becomes FIN_WAIT_2 only on line 5\.$/m);
    const never = value(await hoverAt(s, close));
    assert.match(never, /^\*\*SYN_RECEIVED\*\* — B's state here, as the checker computes it$/m);
    assert.match(never, /^- line 1: received `SYN` → SYN_RECEIVED — a SYN arriving in LISTEN is a passive open \(RFC 9293 §3\.10\.7\.2\)$/m);
    assert.match(never, /^You wrote FIN_WAIT_1: B is never FIN_WAIT_1 in this flow\.$/m);
    const line = value(await hoverAt(s, `${close.replace('‸', '')}state A: CLOS‸ED\n`));
    assert.match(line, /^\*\*TIME_WAIT\*\* — A's state here/);
    assert.match(line, /^- line 6: received `FIN,ACK` → TIME_WAIT — the peer's FIN \(RFC 9293 §3\.10\.7\.4\)$/m);
    assert.match(line, /^You wrote CLOSED: A was CLOSED until line 1\.$/m);
  });

  it('a listener whose connection closed may be said to LISTEN (SPEC §8.3): no correction', async () => {
    const flow = 'A -> B: SYN seq=1\nB -> A: SYN,ACK seq=5 ack=2\nA -> B: ACK\nA -> B: FIN\nB -> A: ACK\nB -> A: FIN\nA -> B: ACK\nstate B: LIS‸TEN\n';
    const v = value(await hoverAt(s, flow));
    assert.match(v, /^\*\*CLOSED\*\* — B's state here/);
    assert.doesNotMatch(v, /You wrote/);
  });

  it('a diagnostic alone where the token has no explanation of its own: no hover', async () => {
    assert.equal(await hoverAt(s, 'A -> B: SYN seq=1 fo‸o=*bar*\n'), null);
    assert.equal(await hoverAt(s, 'A -> B: SYN ‸<b>\n'), null);
  });

  it('nothing on white space, comments and labels', async () => {
    assert.equal(await hoverAt(s, 'A -> B: SYN seq=1 ‸ # a comment\n'), null);
    assert.equal(await hoverAt(s, 'A -> B: SYN seq=1 # a co‸mment\n'), null);
    assert.equal(await hoverAt(s, 'title TCP ‸handshake\n'), null);
  });

  it('speaks Korean when the editor does', async () => {
    const ko = await startSession({ locale: 'ko' });
    try {
      const msg = value(await hoverAt(ko, `${HANDSHAKE}A ‸-> B: ACK\n`));
      assert.equal(
        msg,
        ['**A → B**: `ACK`', '- A: ESTABLISHED (변화 없음)\n- B: SYN_RECEIVED → ESTABLISHED', '`seq=101` (추론) · `ack=301` (추론) · `len=0`'].join('\n\n'),
      );
      const state = value(await hoverAt(ko, 'A -> B: SYN seq=1\nB -> A(SYN_S‸ENT): SYN,ACK seq=5 ack=2\n'));
      assert.match(state, /^연결 요청을 보낸 뒤, 짝이 맞는 연결 요청을 기다리는 상태입니다\. \(RFC 9293 §3\.3\.2\)$/m);
      assert.match(state, /^\*\*보낼 수 있는 것\*\*: RST \(\+ 확인응답받지 못한 세그먼트의 재전송\)$/m);
      const flag = value(await hoverAt(ko, 'A -> B: ‸SYN seq=100\n'));
      assert.match(flag, /^\*\*SYN\*\* — 순서 번호 동기화: 연결을 엽니다$/m);
      const wrong = value(await hoverAt(ko, 'A -> B: SYN seq=1\nB -> A(CLOS‸ED): SYN,ACK seq=5 ack=2\n'));
      assert.equal(
        wrong.split('\n\n').slice(0, 3).join('\n\n'),
        [
          '**SYN_SENT** — 검사기가 계산한 여기서의 A 상태',
          'A가 여기에 이른 과정:\n- 첫 사건이 SYN 전송이므로 CLOSED에서 시작합니다(능동 열기, RFC 9293 §3.5)\n' +
            '- 1번 줄: `SYN` 보냄 → SYN_SENT — CLOSED에서 SYN을 보내는 것이 능동 열기입니다(RFC 9293 §3.10.1)',
          '적힌 CLOSED는 1번 줄 전까지의 A 상태입니다.',
        ].join('\n\n'),
      );
    } finally {
      await ko.close();
    }
  });
});
