// A document over the document budget in the language server (issue 15 point 1, issue 16): it is
// opened, its first part is checked, one TF111 on its first line says what was not, and every
// request on a line past the part is answered (with nothing that points into it wrongly).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSession, type Session } from './harness';

const HANDSHAKE = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\n';
/** 6 MB: the handshake, six comment lines of a million characters, then a mistake past the budget. */
const OVER_SIZE = `${HANDSHAKE}${`# ${'x'.repeat(999_998)}\n`.repeat(6)}A -> B: ACK seq=7 ack=301\n`;
const NOTICE = 'Only the first 7 lines (4,000,084 characters) of 10 lines (6,000,112 characters) are checked: a document is read up to 100,000 lines or 5,000,000 characters. Split the flow into several files.';

describe('language server: a document over the budget', () => {
  let s: Session;
  before(async () => (s = await startSession()));
  after(async () => s.close());

  it('is opened and checked in its first part, with one TF111 on the first line', async () => {
    const { uri, diagnostics } = await s.open(OVER_SIZE);
    assert.deepEqual(
      diagnostics.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message]),
      [['TF111', 0, 0, 0, 19, NOTICE]],
    );
    // A line past the checked part: answered, and nothing there is known.
    const past = { textDocument: { uri }, position: { line: 9, character: 10 } };
    assert.equal(await s.conn.sendRequest('textDocument/hover', past), null);
    assert.deepEqual(await s.conn.sendRequest('textDocument/definition', past), null);
    const hover = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    assert.match(JSON.stringify(hover), /SYN_SENT/, 'the checked part answers as usual');
  });

  it('a Markdown note over the budget: TF111 first, then the blocks in its first part', async () => {
    const note = `# note\n\n\`\`\`tcpflow\nA -> B: SYN seq=1 ack=5\n\`\`\`\n${`${'y'.repeat(999_999)}\n`.repeat(6)}\`\`\`tcpflow\nA -> B: ACK seq=7\n\`\`\`\n`;
    const { diagnostics } = await s.open(note, 'note.md', 'markdown');
    assert.deepEqual(
      diagnostics.diagnostics.map((d) => [d.code, d.range.start.line]),
      [['TF111', 0], ['TF205', 3]],
    );
    assert.equal(String(diagnostics.diagnostics[0].message).split(':')[0], 'Only the first 9 lines (4,000,047 characters) of 14 lines (6,000,080 characters) are checked');
  });
});
