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

  it('on a state assertion: what the state waits for (RFC 9293 §3.3.2) and what it may send', async () => {
    const v = value(await hoverAt(s, 'A -> B: SYN seq=1\nB -> A(SYN_S‸ENT): SYN,ACK seq=5 ack=2\n'));
    assert.equal(
      v,
      [
        '**SYN_SENT** — RFC 9293 §3.3.2',
        'Represents waiting for a matching connection request after having sent a connection request.',
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

  it('on a token a diagnostic covers: the rule, with its code and severity, after what the token means', async () => {
    const h = await hoverAt(s, 'A -> B: SYN(x)\nB -> A: SYN(y), ACK(‸x)\n');
    const sections = value(h).split('\n\n---\n\n');
    assert.equal(sections.length, 2);
    assert.match(sections[0], /^\*\*ack\*\* — acknowledgment number/);
    assert.equal(
      sections[1],
      "**TF202** (error): B's ack must be x+1 here, not x: an ACK carries RCV.NXT, the next sequence number B expects after what it received on line 1 (RFC 9293 §3.10.7.4).",
    );
  });

  it('a state assertion that is wrong: the state explained, then the diagnostic', async () => {
    const v = value(await hoverAt(s, 'A(SYN_‸SENT) -> B: SYN seq=1\n'));
    const [state, diag] = v.split('\n\n---\n\n');
    assert.match(state, /^\*\*SYN_SENT\*\* — RFC 9293 §3\.3\.2/);
    assert.match(diag, /^\*\*TF200\*\* \(error\): A is CLOSED here, not SYN_SENT: its first event on line 1 is sending a SYN/);
  });

  it('a diagnostic alone where the token has no explanation of its own; user text is escaped', async () => {
    const h = await hoverAt(s, 'A -> B: SYN seq=1 fo‸o=*bar*\n');
    assert.equal(value(h), "**TF103** (warning): Unknown field 'foo': kept and shown, but the checker does not use it. Known fields: seq, ack, len, win, mss, wscale, sackOK, ts.");
    assert.deepEqual(h!.range, { start: { line: 0, character: 18 }, end: { line: 0, character: 21 } });
    const weird = await hoverAt(s, 'A -> B: SYN ‸<b>\n');
    assert.match(value(weird), /^\*\*TF100\*\* \(error\): Expected .*, found '\\<'\.$/);
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
      assert.match(state, /^연결 요청을 보낸 뒤, 짝이 맞는 연결 요청을 기다리는 상태입니다\.$/m);
      assert.match(state, /^\*\*보낼 수 있는 것\*\*: RST \(\+ 확인응답받지 못한 세그먼트의 재전송\)$/m);
      const flag = value(await hoverAt(ko, 'A -> B: ‸SYN seq=100\n'));
      assert.match(flag, /^\*\*SYN\*\* — 순서 번호 동기화: 연결을 엽니다$/m);
      const diag = value(await hoverAt(ko, 'A -> B: SYN(x)\nB -> A: SYN(y), ACK(‸x)\n'));
      assert.match(diag, /\*\*TF202\*\* \(오류\): B의 ack는 여기서 x이\(가\) 아니라 x\+1이어야 합니다/);
    } finally {
      await ko.close();
    }
  });
});
