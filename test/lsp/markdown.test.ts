// The language server over stdio on Markdown notes: the ```tcpflow blocks of a .md document get
// diagnostics, quick fixes, hovers, completion and inlay hints at the right places in the note;
// nothing answers outside a block, and a block's diagnostics never leave it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CompletionItem, Diagnostic, Hover, InlayHint, Range, TextEdit } from 'vscode-languageserver-protocol';
import { cursor, startSession, type Session } from './harness';

const BAD = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=100\nA -> B: ACK seq=101 ack=301';

/** The text a range covers in the note (LF or CRLF). */
function covered(text: string, r: Range): string {
  const lines = text.split(/\r\n|\n/);
  assert.equal(r.start.line, r.end.line, 'one line');
  return lines[r.start.line].slice(r.start.character, r.end.character);
}

const summary = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]);

describe('language server: ```tcpflow blocks in Markdown notes', () => {
  let s: Session;
  before(async () => (s = await startSession()));
  after(async () => s.close());

  const open = (text: string, name: string) => s.open(text, name, 'markdown');

  it('checks every block; each diagnostic sits on its token in the note (start, middle, end; ``` and ~~~; indented)', async () => {
    const note = [
      '```tcpflow', // 0
      BAD, // 1-3
      '```',
      '# Notes', // 5
      '',
      '  ~~~~tcpflow', // 7
      BAD.split('\n').map((l) => '  ' + l).join('\n'), // 8-10
      '  ~~~~',
      'Prose with ack=100 that is not a flow.',
      '```TCPFLOW',
      BAD, // 14-16
    ].join('\n');
    const { diagnostics } = await open(note, 'three.md');
    const ds = diagnostics.diagnostics;
    assert.deepEqual(summary(ds), [
      ['TF202', 2, 28, 31],
      ['TF202', 9, 30, 33],
      ['TF202', 15, 28, 31],
    ]);
    for (const d of ds) assert.equal(covered(note, d.range), '100');
    assert.match(String(ds[1].message), /after what it received on line 9 /, 'the message names the note’s line');
  });

  it('maps CRLF notes exactly too', async () => {
    const note = ['Intro', '', '```tcpflow', ...BAD.split('\n'), '```', 'end'].join('\r\n');
    const { diagnostics } = await open(note, 'crlf.md');
    assert.deepEqual(summary(diagnostics.diagnostics), [['TF202', 4, 28, 31]]);
  });

  it('a block’s diagnostics never leave it, even those at the end of its text', async () => {
    const note = 'before\n```tcpflow\npar\n  A -> B: SYN seq=1\n```\nafter ``` text\n```tcpflow\n```\n~~~tcpflow\nA ->\n~~~\nlast line\n';
    const { diagnostics } = await open(note, 'edges.md');
    assert.ok(diagnostics.diagnostics.length >= 2, JSON.stringify(diagnostics.diagnostics));
    const inside = (line: number) => (line >= 2 && line <= 3) || line === 9;
    for (const d of diagnostics.diagnostics) assert.ok(inside(d.range.start.line) && inside(d.range.end.line), JSON.stringify(d));
  });

  it('a note without blocks has no diagnostics; editing prose above a block moves its diagnostics with it', async () => {
    const { uri, diagnostics } = await open('# Nothing\n\n```js\nA -> B: SYN seq=1\nA -> B: SYN seq=9\n```\n', 'plain.md');
    assert.deepEqual(diagnostics.diagnostics, []);
    const withBlock = await s.change(uri, `# Title\n\n\`\`\`tcpflow\n${BAD}\n\`\`\`\n`);
    assert.deepEqual(summary(withBlock.diagnostics), [['TF202', 4, 28, 31]]);
    const moved = await s.edit(uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, 'one\ntwo\n');
    assert.deepEqual(summary(moved.diagnostics), [['TF202', 6, 28, 31]]);
  });

  it('quick fix: the edit lands on the token in the note, and applying it clears the diagnostic', async () => {
    const note = `# Fix me\n\n   \`\`\`tcpflow\n   ${BAD.replace(/\n/g, '\n   ')}\n   \`\`\`\n`;
    const { uri, diagnostics } = await open(note, 'fix.md');
    const d = diagnostics.diagnostics[0];
    const actions = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Set ack to 101']);
    assert.deepEqual(actions[0].diagnostics, [d], 'the fix names the note’s diagnostic');
    const [edit] = actions[0].edit!.changes![uri] as TextEdit[];
    assert.deepEqual(edit, { range: d.range, newText: '101' });
    const after = await s.edit(uri, edit.range, edit.newText);
    assert.deepEqual(after.diagnostics, []);
    const none = (await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    assert.deepEqual(none, [], 'no action outside a block');
  });

  it('hover: inside a block it explains the token, with the note’s range; outside it says nothing', async () => {
    const { text, position } = cursor('# Handshake\n\n```tcpflow\nA(CLOSED) -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=‸100\n```\n');
    const { uri } = await open(text, 'hover.md');
    const h = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as Hover;
    const value = (h.contents as { value: string }).value;
    assert.match(value, /^\*\*ack\*\* — acknowledgment number/);
    assert.doesNotMatch(value, /TF202/, 'VS Code shows the diagnostic above the hover');
    assert.equal(covered(text, h.range!), 'ack=100', 'the field under the cursor');
    const state = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 4 } })) as Hover;
    assert.match((state.contents as { value: string }).value, /^\*\*CLOSED\*\*/);
    assert.deepEqual(state.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 8 } });
    for (const position of [{ line: 0, character: 3 }, { line: 2, character: 4 }, { line: 5, character: 1 }]) {
      assert.equal(await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position }), null, JSON.stringify(position));
    }
  });

  it('hover on a state in a block: the story of the computed state cites the note’s lines', async () => {
    const { text, position } = cursor('# Handshake\n\n```tcpflow\nA -> B: SYN seq=100\nB -> A(CLOS‸ED): SYN,ACK seq=300 ack=101\n```\n');
    const { uri } = await open(text, 'story.md');
    const h = (await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as Hover;
    const value = (h.contents as { value: string }).value;
    assert.match(value, /^- line 4: sent `SYN` → SYN_SENT — sending a SYN from CLOSED is an active open \(RFC 9293 §3\.10\.1\)$/m);
    assert.match(value, /^You wrote CLOSED: A was CLOSED until line 4\.$/m);
  });

  it('completion inside an indented block replaces the word in the note; none in the prose', async () => {
    const { text, position } = cursor('Text\n  ```tcpflow\n  A -> B: SYN seq=100\n  B(SYN_R‸) -> A: SYN,ACK\n  ```\n');
    const { uri } = await open(text, 'complete.md');
    const items = (await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as CompletionItem[];
    const first = items[0];
    assert.equal(first.label, 'SYN_RECEIVED');
    assert.deepEqual((first.textEdit as TextEdit).range, { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } });
    const prose = (await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 4 } })) as CompletionItem[];
    assert.deepEqual(prose, []);
  });

  it('inlay hints in a note: the states at the ends of the block’s lines, no numbers, never past column 80', async () => {
    // Line 5 is 44 characters but 68 columns (Hangul is two wide): with `B: ESTABLISHED` it would reach 83.
    const note = 'x\n\n```tcpflow\nA -> B: SYN seq=100\nB -> A: SYN,ACK seq=300\nA -> B: ACK "핸드셰이크의 세 번째 세그먼트로 연결이 완성됩니다 확인"\n```\n';
    const { uri } = await open(note, 'hints.md');
    const hints = (await s.conn.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } },
    })) as InlayHint[];
    assert.deepEqual(
      hints.map((h) => [h.position, h.label]),
      [
        [{ line: 3, character: 19 }, 'A: SYN_SENT'],
        [{ line: 3, character: 19 }, 'B: SYN_RECEIVED'],
        [{ line: 4, character: 23 }, 'A: ESTABLISHED'],
      ],
    );
  });

  it('requests only .tcpflow files answer get empty answers for a note (formatting, symbols)', async () => {
    const { uri } = await open('# T\n\n```tcpflow\nA->B:SYN\n```\n', 'only.md');
    assert.deepEqual(await s.conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
    assert.deepEqual(await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
  });
});
