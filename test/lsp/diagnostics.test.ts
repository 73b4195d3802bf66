// The language server over stdio: diagnostics on open and on every change, cleared on close,
// in the editor's language; quick fixes and "fix all".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSession, type Session } from './harness';

describe('language server: diagnostics and quick fixes', () => {
  let s: Session;
  before(async () => (s = await startSession()));
  after(async () => s.close());

  it('publishes diagnostics on open, with code, exact range, source and message', async () => {
    const { diagnostics } = await s.open('A -> B: SYN(x)\nB -> A: SYN(y), ACK(x)\n');
    assert.deepEqual(
      diagnostics.diagnostics.map((d) => [d.code, d.severity, d.source, d.range]),
      [['TF202', 1, 'tcpflow', { start: { line: 1, character: 20 }, end: { line: 1, character: 21 } }]],
    );
    assert.match(String(diagnostics.diagnostics[0].message), /^B's ack must be x\+1 here, not x:/);
  });

  it('re-checks on every incremental change, with no delay, and works on unsaved documents', async () => {
    const { uri } = await s.open('A -> B: SYN(x)\nB -> A: SYN(y), ACK(x)\n');
    const fixed = await s.edit(uri, { start: { line: 1, character: 20 }, end: { line: 1, character: 21 } }, 'x+1');
    assert.deepEqual(fixed.diagnostics, []);
    const broken = await s.edit(uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, 'A');
    assert.deepEqual(broken.diagnostics.map((d) => d.code), ['TF108']);
  });

  it('names the root of a mistake that became certain on a later line (related information, SPEC §8.6)', async () => {
    const { uri, diagnostics } = await s.open(
      'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\nA -> B: PSH,ACK seq=101 ack=301 len=11\nB -> A: ACK seq=301 ack=111\nA -> B: PSH,ACK seq=111 ack=301 len=5\n',
    );
    assert.deepEqual(
      diagnostics.diagnostics.map((d) => [d.code, d.range.start.line, d.relatedInformation]),
      [['TF221', 4, [{ location: { uri, range: { start: { line: 3, character: 36 }, end: { line: 3, character: 38 } } }, message: 'the mistake: len=11, where the flow says 10' }]]],
    );
  });

  it('clears diagnostics on close', async () => {
    const { uri } = await s.open('A -> B: SYN,FIN seq=1\n');
    const cleared = s.nextDiagnostics(uri);
    s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('offers the quick fix of a diagnostic, and applying it removes the diagnostic', async () => {
    const { uri, diagnostics } = await s.open('A -> B: SYN(x)\nB -> A: SYN(y), ACK(x)\n');
    const d = diagnostics.diagnostics[0];
    const actions = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    })) as { title: string; kind: string; edit: { changes: Record<string, { range: unknown; newText: string }[]> } }[];
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Set ack to x+1', 'quickfix']]);
    const [edit] = actions[0].edit.changes[uri];
    const after = await s.edit(uri, edit.range as never, edit.newText);
    assert.deepEqual(after.diagnostics, []);
  });

  it('offers to declare the state a participant starts in, after the preferred fix', async () => {
    const { uri, diagnostics } = await s.open('A(FIN_WAIT_2) -> B: ACK\n');
    const d = diagnostics.diagnostics[0];
    const actions = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    })) as { title: string; isPreferred?: boolean }[];
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ['Change the state to ESTABLISHED', true],
      ['Declare A as starting in FIN_WAIT_2', false],
    ]);
  });

  it('offers "fix all" when a file has several fixable problems', async () => {
    const { uri } = await s.open('A(LISTEN) -> B: SYN(x)\nB -> A: SYN(y), ACK(x)\nA -> B: ACK seq=x ack=y+1\n');
    const actions = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as { title: string; edit: { changes: Record<string, { newText: string }[]> } }[];
    assert.equal(actions.length, 1);
    assert.deepEqual(actions[0].edit.changes[uri].map((e) => e.newText), ['CLOSED', 'x+1', 'x+1']);
  });

  it('speaks Korean when the editor does', async () => {
    const ko = await startSession({ locale: 'ko' });
    const { diagnostics } = await ko.open('A -> B: SYN(x)\nB -> A: SYN(y), ACK(x)\n');
    assert.match(String(diagnostics.diagnostics[0].message), /^B의 ack은 여기서 x가 아니라 x\+1이어야 합니다/);
    await ko.close();
  });

  it('follows the missing-ACK severity setting', async () => {
    const custom = await startSession({ settings: { diagnostics: { missingAckSeverity: 'information' } } });
    const { uri } = await custom.open('A -> B: FIN(u)\n');
    // Settings arrive after `initialized`; a change makes sure they were applied before we look.
    const d = await custom.change(uri, 'A -> B: FIN(u)\n\n');
    assert.deepEqual(d.diagnostics.map((x) => [x.code, x.severity]), [['TF204', 3]]);
    // The hover on the squiggle explains the flag; the diagnostic, with its severity, is VS Code's to show above it.
    const hover = (await custom.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 8 } })) as { contents: { value: string } };
    assert.doesNotMatch(hover.contents.value, /TF204/);
    await custom.close();
  });
});
