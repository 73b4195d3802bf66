// `tcpflow.language` over the real server: `auto` follows the editor's display language, `en` and
// `ko` override it, and a change applies at once — the server republishes every open document's
// diagnostics (Markdown notes too) and hovers, fix titles and inlay hints answer in the new language.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { startSession, type Session } from './harness';

const FLOW = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=100\n';
const NOTE = '# 노트\n\n```tcpflow\nA -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=100\n```\n';
const EN = "B's ack must be 101 here, not 100: an ACK carries RCV.NXT, the next sequence number B expects after what it received on line 1 (RFC 9293 §3.10.7.4).";
const KO = 'B의 ack은 여기서 100이 아니라 101이어야 합니다. ACK은 B가 1번 줄에서 받은 것 다음으로 기대하는 다음 순서 번호 RCV.NXT를 담습니다(RFC 9293 §3.10.7.4).';
const KO_NOTE = KO.replace('1번 줄', '4번 줄');
const EN_NOTE = EN.replace('line 1', 'line 4');

async function hoverValue(s: Session, uri: string, line: number, character: number): Promise<string> {
  const h = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as Hover;
  return (h.contents as { value: string }).value;
}

async function fixTitle(s: Session, uri: string, diagnostic: unknown): Promise<string> {
  const range = (diagnostic as { range: unknown }).range;
  const actions = (await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
  return actions[0].title;
}

describe('language server: tcpflow.language', () => {
  let s: Session;
  let flow: string;
  let note: string;
  before(async () => {
    s = await startSession({ locale: 'en', settings: { language: 'auto' } });
    flow = (await s.open(FLOW)).uri;
    note = (await s.open(NOTE, 'note.md', 'markdown')).uri;
    // Settings arrive after `initialized`: a change makes sure they were applied before we look.
    await s.change(flow, FLOW);
  });
  after(async () => s.close());

  it('auto: the display language (English here)', async () => {
    assert.deepEqual((await s.change(flow, FLOW)).diagnostics.map((d) => d.message), [EN]);
  });

  it('ko: every open document is republished in Korean at once, and hovers, fixes and hints follow', async () => {
    const flowAgain = s.nextDiagnostics(flow);
    const noteAgain = s.nextDiagnostics(note);
    s.configure({ language: 'ko' });
    const [f, n] = await Promise.all([flowAgain, noteAgain]);
    assert.deepEqual(f.diagnostics.map((d) => d.message), [KO]);
    assert.deepEqual(n.diagnostics.map((d) => d.message), [KO_NOTE]);
    assert.match(await hoverValue(s, flow, 0, 2), /^- A: CLOSED → SYN_SENT\n- B: LISTEN → SYN_RECEIVED$/m);
    assert.match(await hoverValue(s, flow, 0, 9), /^\*\*SYN\*\* — 순서 번호 동기화: 연결을 엽니다$/m);
    assert.match(await hoverValue(s, note, 3, 9), /^\*\*SYN\*\* — 순서 번호 동기화: 연결을 엽니다$/m);
    assert.equal(await fixTitle(s, flow, f.diagnostics[0]), 'ack을 101로 바꾸기');
    const hints = (await s.conn.sendRequest('textDocument/inlayHint', { textDocument: { uri: flow }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } })) as InlayHint[];
    assert.equal(hints[0].tooltip, '이 줄 뒤의 상태: A: CLOSED → SYN_SENT');
  });

  it('back to auto: English again; en overrides a Korean display language', async () => {
    const again = s.nextDiagnostics(note);
    s.configure({ language: 'auto' });
    assert.deepEqual((await again).diagnostics.map((d) => d.message), [EN_NOTE]);
    assert.match(await hoverValue(s, flow, 0, 9), /^\*\*SYN\*\* — synchronize sequence numbers: opens a connection$/m);

    const korean = await startSession({ locale: 'ko', settings: { language: 'en' } });
    try {
      const { uri } = await korean.open(FLOW);
      assert.deepEqual((await korean.change(uri, FLOW)).diagnostics.map((d) => d.message), [EN]);
      const switched = korean.nextDiagnostics(uri);
      korean.configure({ language: 'auto' });
      assert.deepEqual((await switched).diagnostics.map((d) => d.message), [KO]);
    } finally {
      await korean.close();
    }
  });
});
