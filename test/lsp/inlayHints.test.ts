// Inlay hints over the real server: the states each line leads to, at the end of the statement,
// and (when asked for) the seq/ack the checker inferred, right after the segment; each kind
// follows its setting. In a Markdown note: states only, and only where they fit (markdown.test.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InlayHint, Position, Range } from 'vscode-languageserver-protocol';
import { startSession, type Session } from './harness';

/** Every `‸` marks where a hint must be, in order; returns the text without them. */
function markers(src: string): { text: string; at: Position[] } {
  const at: Position[] = [];
  const lines = src.split('\n').map((l, line) => {
    let out = '';
    for (const ch of l) {
      if (ch === '‸') at.push({ line, character: out.length });
      else out += ch;
    }
    return out;
  });
  return { text: lines.join('\n'), at };
}

const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

async function hints(s: Session, uri: string, range: Range = WHOLE): Promise<InlayHint[]> {
  return (await s.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range })) as InlayHint[];
}

const short = (hs: InlayHint[]) => hs.map((h) => [h.position, h.label, h.kind]);

// States hints: kind 1 (Type); inferred numbers: kind 2 (Parameter).
const HANDSHAKE = markers('A -> B: SYN seq=100‸\nB -> A: SYN,ACK seq=300‸ # they answer\nA -> B: ACK‸ "done"‸\n');

const NUMBERS_TOO = { inlayHints: { states: true, inferredNumbers: true } };

/** A session whose settings are applied (they arrive after `initialized`: a change makes sure of it). */
async function configured(settings: unknown, locale?: string): Promise<Session> {
  const session = await startSession({ settings, locale });
  const { uri } = await session.open('A -> B: SYN\n');
  await session.change(uri, 'A -> B: SYN\n');
  return session;
}

describe('language server: inlay hints', () => {
  /** The defaults: states only. */
  let plain: Session;
  /** `tcpflow.inlayHints.inferredNumbers` on. */
  let s: Session;
  before(async () => {
    plain = await startSession();
    s = await configured(NUMBERS_TOO);
  });
  after(async () => {
    await plain.close();
    await s.close();
  });

  it('by default shows only the states each message leads to, no numbers', async () => {
    const { uri } = await plain.open(HANDSHAKE.text);
    const [l0, , , l2end] = HANDSHAKE.at;
    assert.deepEqual(short(await hints(plain, uri)), [
      [l0, 'A: SYN_SENT', 1],
      [l0, 'B: SYN_RECEIVED', 1],
      [HANDSHAKE.at[1], 'A: ESTABLISHED', 1],
      [l2end, 'B: ESTABLISHED', 1],
    ]);
  });

  it('with inferredNumbers on: the inferred ack/seq right after the segment too', async () => {
    const { uri } = await s.open(HANDSHAKE.text);
    const [l0, l1, l2seg, l2end] = HANDSHAKE.at;
    assert.deepEqual(short(await hints(s, uri)), [
      [l0, 'A: SYN_SENT', 1],
      [l0, 'B: SYN_RECEIVED', 1],
      [l1, 'ack=101', 2],
      [l1, 'A: ESTABLISHED', 1],
      [l2seg, 'seq=101', 2],
      [l2seg, 'ack=301', 2],
      [l2end, 'B: ESTABLISHED', 1],
    ]);
  });

  it('pads the hints and explains them in a tooltip', async () => {
    const { uri } = await s.open(HANDSHAKE.text);
    const all = await hints(s, uri);
    assert.ok(all.every((h) => h.paddingLeft === true));
    assert.equal(all[0].tooltip, 'state after this line: A: CLOSED → SYN_SENT');
    assert.equal(all.find((h) => h.label === 'ack=101')!.tooltip, "Inferred: B's RCV.NXT");
    assert.equal(all.find((h) => h.label === 'seq=101')!.tooltip, "Inferred: A's SND.NXT");
  });

  it('gives only the hints inside the requested range', async () => {
    const { uri } = await s.open(HANDSHAKE.text);
    const line1 = { start: { line: 1, character: 0 }, end: { line: 1, character: 40 } };
    assert.deepEqual((await hints(s, uri, line1)).map((h) => h.label), ['ack=101', 'A: ESTABLISHED']);
    // A range that ends before the line's end leaves out the hints placed after it.
    const part = { start: { line: 2, character: 0 }, end: { line: 2, character: 11 } };
    assert.deepEqual((await hints(s, uri, part)).map((h) => h.label), ['seq=101', 'ack=301']);
  });

  it('never shows an inferred number the checker does not know, nor a state that did not change', async () => {
    // A's ISS is not written: its SYN has no known seq; mid-connection numbers are unknown too.
    const { uri } = await s.open('A -> B: SYN\nC -> D: ACK\n');
    assert.deepEqual((await hints(s, uri)).map((h) => h.label), ['A: SYN_SENT', 'B: SYN_RECEIVED']);
  });

  it('shows the states `wait 2MSL` closes, and only the sender on a lost segment', async () => {
    const m = markers('A -> B: FIN,ACK seq=1 ack=1‸\nB -> A: ACK‸\nB -> A: FIN,ACK‸\nA -x B: ACK‸\nwait 2MSL‸\n');
    const { uri } = await s.open(m.text);
    assert.deepEqual(short(await hints(s, uri)), [
      [m.at[0], 'A: FIN_WAIT_1', 1],
      [m.at[0], 'B: CLOSE_WAIT', 1],
      [m.at[1], 'ack=2', 2],
      [m.at[1], 'A: FIN_WAIT_2', 1],
      [m.at[2], 'ack=2', 2],
      [m.at[2], 'B: LAST_ACK', 1],
      [m.at[2], 'A: TIME_WAIT', 1],
      // B's FIN carried no written seq, so A's RCV.NXT stays unknown: no ack hint.
      [m.at[3], 'seq=2', 2],
      [m.at[4], 'A: CLOSED', 1],
    ]);
  });

  it('in a par block: each line shows its own sender and receiver changes', async () => {
    const m = markers('par\n  A -> B: SYN seq=100‸\nand\n  B -> A: SYN seq=300‸\nend\n');
    const { uri } = await s.open(m.text);
    assert.deepEqual(short(await hints(s, uri)), [
      [m.at[0], 'A: SYN_SENT', 1],
      [m.at[0], 'B: SYN_RECEIVED', 1],
      [m.at[1], 'B: SYN_SENT', 1],
      [m.at[1], 'A: SYN_RECEIVED', 1],
    ]);
  });

  it('follows tcpflow.inlayHints.states = false', async () => {
    const only = await configured({ inlayHints: { states: false, inferredNumbers: true } });
    try {
      const { uri } = await only.open(HANDSHAKE.text);
      assert.deepEqual((await hints(only, uri)).map((h) => h.label), ['ack=101', 'seq=101', 'ack=301']);
    } finally {
      await only.close();
    }
  });

  it('follows tcpflow.inlayHints.inferredNumbers = false, and both off', async () => {
    const states = await startSession({ settings: { inlayHints: { states: true, inferredNumbers: false } } });
    const none = await startSession({ settings: { inlayHints: { states: false, inferredNumbers: false } } });
    try {
      const a = await states.open(HANDSHAKE.text);
      await states.change(a.uri, HANDSHAKE.text);
      assert.deepEqual((await hints(states, a.uri)).map((h) => h.label), ['A: SYN_SENT', 'B: SYN_RECEIVED', 'A: ESTABLISHED', 'B: ESTABLISHED']);
      const b = await none.open(HANDSHAKE.text);
      await none.change(b.uri, HANDSHAKE.text);
      assert.deepEqual(await hints(none, b.uri), []);
    } finally {
      await states.close();
      await none.close();
    }
  });

  it('never shows numbers in a Markdown note, even when asked', async () => {
    const { uri } = await s.open('# n\n\n```tcpflow\nA -> B: SYN seq=100\nB -> A: SYN,ACK seq=300\n```\n', 'numbers.md', 'markdown');
    assert.deepEqual((await hints(s, uri)).map((h) => h.label), ['A: SYN_SENT', 'B: SYN_RECEIVED', 'A: ESTABLISHED']);
  });

  it('speaks Korean in its tooltips', async () => {
    const ko = await configured(NUMBERS_TOO, 'ko');
    try {
      const { uri } = await ko.open(HANDSHAKE.text);
      const all = await hints(ko, uri);
      assert.equal(all[0].tooltip, '이 줄 뒤의 상태: A: CLOSED → SYN_SENT');
      assert.equal(all.find((h) => h.label === 'ack=101')!.tooltip, '추론값: B의 RCV.NXT');
    } finally {
      await ko.close();
    }
  });
});
