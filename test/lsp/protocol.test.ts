// What a client should never send, sent byte by byte to the built server (issues 15 point 5, 16):
// positions out of LSP's range, params missing or of the wrong type, headers without a usable
// Content-Length, bodies that are not JSON. Each is refused or clamped, answered as JSON-RPC says,
// logged on standard error, and the server goes on answering what comes after it.
//
// A broken header: the server reads on from the next `Content-Length:` (framing.ts) rather than
// exiting. Exiting would make VS Code restart it (five times in three minutes, then give up) and
// lose every open document's state, for one bad message; resynchronising loses that message only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { frame, startRawServer, type RawServer } from './rawServer';

const URI = 'file:///protocol.tcpflow';
const TEXT = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\n';
const LINES = TEXT.split('\n');

/** A position inside TEXT: its line exists, its character is a whole number within the line. */
function assertInside(p: { line: number; character: number }, what: string): void {
  assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < LINES.length, `${what}: line ${p.line}`);
  assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= LINES[p.line].length, `${what}: character ${p.character}`);
}

describe('language server: what a client should never send', () => {
  let s: RawServer;
  before(async () => {
    s = startRawServer();
    await s.initialize();
    const published = s.notification('textDocument/publishDiagnostics', URI);
    s.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'tcpflow', version: 1, text: TEXT } });
    await published;
  });
  after(async () => assert.equal(await s.stop(), 0, 'the server exits 0 after shutdown and exit'));

  /** The server still answers: a hover on the first arrow. */
  async function stillAnswers(): Promise<void> {
    const r = await s.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 3 } });
    assert.equal(r.error, undefined);
    assert.match(JSON.stringify(r.result), /SYN_SENT/);
  }

  it('completion at line 2^31 − 1 answers, its ranges at the end of the document', async () => {
    const r = await s.request('textDocument/completion', { textDocument: { uri: URI }, position: { line: 2147483647, character: 2147483647 } });
    assert.equal(r.error, undefined);
    const items = r.result as { textEdit?: { range: { start: { line: number; character: number }; end: { line: number; character: number } } } }[];
    assert.ok(items.length > 0, 'participants are offered on the empty last line');
    for (const item of items) {
      assert.deepEqual(item.textEdit?.range.start, { line: 2, character: 0 });
      assert.deepEqual(item.textEdit?.range.end, { line: 2, character: 0 });
    }
  });

  it('a position of −1 or 1.5 is clamped: every range answered is a valid one', async () => {
    for (const position of [{ line: -1, character: -1 }, { line: 1.5, character: 1.5 }]) {
      const r = await s.request('textDocument/completion', { textDocument: { uri: URI }, position });
      assert.equal(r.error, undefined, JSON.stringify(position));
      for (const item of r.result as { textEdit?: { range: { start: { line: number; character: number }; end: { line: number; character: number } } } }[]) {
        if (!item.textEdit) continue;
        assertInside(item.textEdit.range.start, JSON.stringify(position));
        assertInside(item.textEdit.range.end, JSON.stringify(position));
      }
    }
    const hover = await s.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0.7, character: 3.9 } });
    assert.match(JSON.stringify(hover.result), /SYN_SENT/, 'line 0.7, character 3.9 is line 0, character 3');
    const tokens = await s.request('textDocument/semanticTokens/range', { textDocument: { uri: URI }, range: { start: { line: -5, character: 0 }, end: { line: 2147483647, character: 0 } } });
    assert.equal(tokens.error, undefined);
    assert.ok((tokens.result as { data: number[] }).data.length > 0);
  });

  it('missing or null params answer -32602 naming what is missing, logged; the server goes on', async () => {
    const cases: [string, unknown, string][] = [
      ['textDocument/hover', undefined, 'params is missing (an object is expected)'],
      ['textDocument/hover', null, 'params must be an object, not null'],
      ['textDocument/completion', { textDocument: { uri: URI } }, 'params.position is missing (a position ({line, character}) is expected)'],
      ['textDocument/completion', { textDocument: { uri: URI }, position: null }, 'params.position must be a position ({line, character}), not null'],
      ['textDocument/hover', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }, 'params.textDocument.uri must be a string, not 42'],
      ['textDocument/definition', { textDocument: { uri: URI }, position: { line: '1', character: 0 } }, 'params.position.line must be a number, not "1"'],
      ['textDocument/formatting', { textDocument: { uri: URI } }, 'params.options is missing (an object is expected)'],
    ];
    for (const [method, params, why] of cases) {
      const r = await s.request(method, params);
      assert.deepEqual(r.error, { code: -32602, message: `Invalid params for ${method}: ${why}.` }, `${method} ${JSON.stringify(params)}`);
    }
    await s.logged(/refused textDocument\/formatting \(id \d+\): params\.options is missing/);
    assert.doesNotMatch(s.stderr, /Cannot read properties|TypeError/);
    await stillAnswers();
  });

  it('a field a method does not read passes untouched, however malformed (found by npm run fuzz)', async () => {
    const r = await s.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 3 }, range: { line: 27, character: true } });
    assert.equal(r.error, undefined);
    assert.match(JSON.stringify(r.result), /SYN_SENT/);
  });

  it('a notification with broken params is dropped and logged; the document stays as it was', async () => {
    s.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: 0 } }, text: 'x' }] });
    await s.logged(/refused textDocument\/didChange: params\.contentChanges\.0\.range\.start\.character is missing/);
    await stillAnswers();
  });

  for (const [name, header] of [
    ['without a Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n'],
    ['with Content-Length -5', 'Content-Length: -5\r\n\r\n'],
    ['with Content-Length abc', 'Content-Length: abc\r\n\r\n'],
    ['that is no header at all', 'hello\r\n\r\n'],
  ] as const) {
    it(`a header ${name}: skipped and logged; the next message is answered`, async () => {
      const id = 9000 + name.length;
      const answered = s.response(id);
      s.raw(Buffer.concat([Buffer.from(header + '{"jsonrpc":"2.0","id":1,"method":"shutdown"}', 'utf8'), frame(JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 0, character: 3 } } }))]));
      const r = await answered;
      assert.match(JSON.stringify(r.result), /SYN_SENT/);
      await s.logged(/refused a message header/);
    });
  }

  it('a body that is not JSON answers -32700 with id null; the messages after it are read', async () => {
    const parseError = s.response(null);
    s.raw(frame('{"jsonrpc":"2.0","id":'));
    assert.deepEqual((await parseError).error, { code: -32700, message: 'The message body is not JSON.' });
    await stillAnswers();
  });

  it('a message split across writes, a byte at a time, is read whole', async () => {
    const bytes = frame(JSON.stringify({ jsonrpc: '2.0', id: 777, method: 'textDocument/hover', params: { textDocument: { uri: URI }, position: { line: 1, character: 3 } } }));
    const answered = s.response(777);
    for (const b of bytes) s.raw(Buffer.from([b]));
    assert.match(JSON.stringify((await answered).result), /SYN_RECEIVED|ESTABLISHED/);
  });
});
