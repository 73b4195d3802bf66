// The language server answers each version from what changed (issue 13) and never falls behind a
// fast typist (issue 16): semantic tokens as a delta or for a range, equal to the whole tokens of a
// fresh document with the same text; a burst of changes analysed and published once, at the newest
// version; a publish capped at MAX_PUBLISHED diagnostics plus one that says how many more.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { MAX_PUBLISHED } from '../../server/src/lsp/diagnostics';
import { startSession, type Session } from './harness';

/** A valid flow of `n` data exchanges after a handshake: 2n + 3 lines. */
function longFlow(n: number): string {
  const out = ['A -> B: SYN seq=100', 'B -> A: SYN,ACK seq=300 ack=101', 'A -> B: ACK seq=101 ack=301'];
  for (let i = 0; i < n; i++) out.push(`A -> B: PSH,ACK seq=${101 + 10 * i} ack=301 len=10 "chunk ${i}"`, `B -> A: ACK seq=301 ack=${111 + 10 * i}`);
  return out.join('\n') + '\n';
}

const at = (line: number, character: number) => ({ line, character });
const span = (l1: number, c1: number, l2: number, c2: number) => ({ start: at(l1, c1), end: at(l2, c2) });

describe('language server: what changed, and no backlog', () => {
  let s: Session;
  before(async () => (s = await startSession()));
  after(async () => s.close());

  const full = async (uri: string): Promise<SemanticTokens> =>
    (await s.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;

  /** The tokens a new document with this text gets, whole. */
  const freshTokens = async (text: string): Promise<number[]> => {
    const { uri } = await s.open(text);
    const data = (await full(uri)).data;
    s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return data;
  };

  it('offers semantic tokens whole, as a delta and for a range; a delta from the last answer with nothing changed is empty', async () => {
    assert.deepEqual(s.capabilities.semanticTokensProvider && { full: s.capabilities.semanticTokensProvider.full, range: s.capabilities.semanticTokensProvider.range }, {
      full: { delta: true },
      range: true,
    });
    const { uri } = await s.open('A -> B: SYN\n');
    const first = await full(uri);
    assert.ok(first.resultId, 'a result id, for the next delta');
    const same = (await s.conn.sendRequest('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: first.resultId })) as SemanticTokensDelta;
    assert.deepEqual(same.edits, []);
  });

  it('after each edit, the delta applied to the last tokens gives a fresh document’s tokens; a range gives its lines’ part of them', async () => {
    const { uri } = await s.open(longFlow(40));
    let last = await full(uri);
    const quote = (line: number) => s.textOf(uri).split('\n')[line].lastIndexOf('"');
    const edits: [string, () => ReturnType<typeof span>, string][] = [
      ['type in a label', () => span(21, quote(21), 21, quote(21)), 'x'],
      ['insert a line at the top', () => span(0, 0, 0, 0), '# notes\n'],
      ['delete it', () => span(0, 0, 1, 0), ''],
      ['paste lines in the middle', () => span(30, 0, 30, 0), 'par\n  A -> B: ACK\nand\n  B -> A: ACK\nend\n'],
      ['join two lines', () => span(10, 7, 11, 0), ' '],
      ['a blank line, then a comment after a blank line', () => span(50, 0, 50, 0), '\n\n# c\n'],
      ['delete everything after line 60', () => span(60, 0, s.textOf(uri).split('\n').length - 1, 0), ''],
      ['break a line in two', () => span(5, 8, 5, 8), '\n'],
    ];
    for (const [what, where, text] of edits) {
      await s.edit(uri, where(), text);
      const r = (await s.conn.sendRequest('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: last.resultId })) as SemanticTokensDelta;
      assert.ok(r.edits, `${what}: a delta`);
      assert.ok(r.edits.length <= 1, `${what}: one stretch changed`);
      // Only the changed lines' tokens (and the next token's line delta); a big deletion deletes much.
      for (const e of r.edits) assert.ok((e.data?.length ?? 0) <= 200 && (what.startsWith('delete everything') || e.deleteCount <= 200), `${what}: ${JSON.stringify(e).slice(0, 80)}`);
      const data = last.data.slice();
      for (const e of r.edits) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
      const expected = await freshTokens(s.textOf(uri));
      assert.deepEqual(data, expected, what);
      last = { resultId: r.resultId, data };
      const part = (await s.conn.sendRequest('textDocument/semanticTokens/range', { textDocument: { uri }, range: span(12, 0, 25, 3) })) as SemanticTokens;
      assert.deepEqual(decodeLines(part.data), decodeLines(expected).filter(([line]) => line >= 12 && line <= 25), `${what}: range`);
    }
  });

  it('tokens whose numbers need more than 16 bits (the server keeps them in 16 when they fit) stay exact, whole and as a delta', async () => {
    // The third token (`title` of the second line) is 65,531 lines after the second; an edit makes it 65,541.
    const { uri } = await s.open('title a\n' + '\n'.repeat(65_530) + 'title b\n');
    const last = await full(uri);
    assert.equal(last.data[10], 65_531);
    await s.edit(uri, span(65_531, 0, 65_531, 0), '\n'.repeat(10));
    const r = (await s.conn.sendRequest('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: last.resultId })) as SemanticTokensDelta;
    const data = last.data.slice();
    for (const e of r.edits) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
    assert.deepEqual(data, await freshTokens(s.textOf(uri)));
    assert.equal(data[10], 65_541);
  });

  it('a burst of changes is analysed at its newest version: no older version is published after it, none is left behind', async () => {
    const { uri } = await s.open(longFlow(2000));
    const line = 3;
    const col = s.textOf(uri).split('\n')[line].lastIndexOf('"');
    const count = 300;
    let version = 0;
    const first = s.published(uri).length;
    const settled = s.diagnosticsOf(uri, 1 + count);
    for (let i = 0; i < count; i++) version = s.send(uri, span(line, col, line, col), i % 2 ? 'y' : 'x');
    assert.equal(version, 1 + count);
    const last = await settled;
    assert.deepEqual(last.diagnostics, []);
    const versions = s.published(uri).slice(first) as number[];
    assert.equal(versions[versions.length - 1], version, 'the newest version is published last');
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'versions are published in order');
    assert.ok(versions.length < count / 2, `${versions.length} publishes for ${count} changes`);
  });

  it(`publishes at most ${MAX_PUBLISHED} diagnostics and one more that says how many are left out`, async () => {
    // Every line repeats the SYN: each is a seq that is not SND.NXT (TF201).
    const lines = ['A -> B: SYN seq=1', 'B -> A: SYN,ACK seq=9 ack=2', 'A -> B: ACK seq=2 ack=10'];
    for (let i = 0; i < MAX_PUBLISHED + 120; i++) lines.push('A -> B: ACK seq=5 ack=10');
    const { uri, diagnostics } = await s.open(lines.join('\n') + '\n');
    const list = diagnostics.diagnostics;
    assert.equal(list.length, MAX_PUBLISHED + 1);
    assert.ok(list.slice(0, MAX_PUBLISHED).every((d) => d.code === 'TF201'));
    // On the first diagnostic left out: the line after the last one shown, at the same columns.
    const lastShown = list[MAX_PUBLISHED - 1].range;
    const more: Diagnostic = list[MAX_PUBLISHED];
    assert.deepEqual(more, {
      range: span(lastShown.start.line + 1, lastShown.start.character, lastShown.end.line + 1, lastShown.end.character),
      severity: 1,
      source: 'tcpflow',
      message: `120 more problems in this file are not shown (the editor shows the first ${MAX_PUBLISHED}): mend those above, or run 'tcpflow-cli check' to list them all.`,
    });
    const fixed = await s.change(uri, lines.slice(0, 3 + MAX_PUBLISHED).join('\n') + '\n');
    assert.equal(fixed.diagnostics.length, MAX_PUBLISHED);
  });
});

describe('language server: the cap in Korean', () => {
  let s: Session;
  before(async () => (s = await startSession({ locale: 'ko' })));
  after(async () => s.close());

  it('says how many are left out in the editor’s language', async () => {
    const lines = ['A -> B: SYN seq=1', 'B -> A: SYN,ACK seq=9 ack=2', 'A -> B: ACK seq=2 ack=10'];
    for (let i = 0; i < MAX_PUBLISHED + 2; i++) lines.push('A -> B: ACK seq=5 ack=10');
    const { diagnostics } = await s.open(lines.join('\n'));
    assert.equal(
      diagnostics.diagnostics[MAX_PUBLISHED].message,
      `이 파일의 문제 2개는 표시하지 않았습니다(편집기에는 처음 ${MAX_PUBLISHED}개만 표시): 위의 문제를 고치거나 'tcpflow-cli check'로 전체 목록을 보세요.`,
    );
  });
});

/** Semantic tokens decoded to [line, start, length, type, modifiers]. */
function decodeLines(data: number[]): number[][] {
  const out: number[][] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    out.push([line, char, data[i + 2], data[i + 3], data[i + 4]]);
  }
  return out;
}
