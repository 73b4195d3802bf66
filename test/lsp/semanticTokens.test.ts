// Semantic tokens from the real server, decoded back to (line, column, text, type, modifiers).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SemanticTokens } from 'vscode-languageserver-protocol';
import { SEMANTIC_LEGEND } from '../../server/src/lsp/features/semanticTokens';
import { startSession, type Session } from './harness';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

type Decoded = [line: number, char: number, text: string, type: string, modifiers?: string];

function decode(data: number[], text: string): Decoded[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Decoded[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, len, type, mods] = data.slice(i, i + 5);
    line += dl;
    char = dl === 0 ? char + dc : dc;
    const modifiers = SEMANTIC_LEGEND.tokenModifiers.filter((_, bit) => mods & (1 << bit)).join(',');
    const entry: Decoded = [line, char, lines[line].slice(char, char + len), SEMANTIC_LEGEND.tokenTypes[type]];
    if (modifiers) entry.push(modifiers);
    out.push(entry);
  }
  return out;
}

describe('language server: semantic tokens', () => {
  let s: Session;
  before(async () => (s = await startSession()));
  after(async () => s.close());

  const tokens = async (text: string): Promise<{ data: number[]; decoded: Decoded[] }> => {
    const { uri } = await s.open(text);
    const got = (await s.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;
    return { data: got.data, decoded: decode(got.data, text) };
  };

  it('uses standard token types, so every theme colours them', () => {
    assert.deepEqual(SEMANTIC_LEGEND, {
      tokenTypes: ['variable', 'keyword', 'enumMember', 'property', 'number', 'parameter', 'type', 'string', 'comment', 'operator'],
      tokenModifiers: ['declaration'],
    });
  });

  it('classifies every part of every kind of statement', async () => {
    const text = [
      '# handshake',
      'title TCP  3-way -> handshake',
      'participant A as "Client"',
      'participant B as Server (LISTEN)   // srv',
      'A(CLOSED) -> B(LISTEN): SYN seq=100 mss=1460',
      'B -> A: SYN-ACK, ACK(x+1) seq = y foo=a:b "reply"',
      'note over A, B: par and end',
      'note left of A: hi',
      'state A: TIME-WAIT, B: closed',
      'wait 2MSL',
      'wait RTO',
      'par',
      '  A -x B: FIN(u)',
      'and',
      '  B -> A: SYN=1 Ack=x - 1 sackOK',
      'end',
    ].join('\n');
    assert.deepEqual((await tokens(text)).decoded, [
      [0, 0, '# handshake', 'comment'],
      [1, 0, 'title', 'keyword'],
      [1, 6, 'TCP  3-way -> handshake', 'string'],
      [2, 0, 'participant', 'keyword'],
      [2, 12, 'A', 'variable', 'declaration'],
      [2, 14, 'as', 'keyword'],
      [2, 17, '"Client"', 'string'],
      [3, 0, 'participant', 'keyword'],
      [3, 12, 'B', 'variable', 'declaration'],
      [3, 14, 'as', 'keyword'],
      [3, 17, 'Server', 'string'],
      [3, 25, 'LISTEN', 'type'],
      [3, 35, '// srv', 'comment'],
      [4, 0, 'A', 'variable'],
      [4, 2, 'CLOSED', 'type'],
      [4, 10, '->', 'operator'],
      [4, 13, 'B', 'variable'],
      [4, 15, 'LISTEN', 'type'],
      [4, 24, 'SYN', 'enumMember'],
      [4, 28, 'seq', 'property'],
      [4, 32, '100', 'number'],
      [4, 36, 'mss', 'property'],
      [4, 40, '1460', 'number'],
      [5, 0, 'B', 'variable'],
      [5, 2, '->', 'operator'],
      [5, 5, 'A', 'variable'],
      [5, 8, 'SYN-ACK', 'enumMember'],
      [5, 17, 'ACK', 'enumMember'],
      [5, 21, 'x', 'parameter'],
      [5, 22, '+', 'operator'],
      [5, 23, '1', 'number'],
      [5, 26, 'seq', 'property'],
      [5, 32, 'y', 'parameter'],
      [5, 34, 'foo', 'property'],
      [5, 38, 'a:b', 'string'],
      [5, 42, '"reply"', 'string'],
      [6, 0, 'note', 'keyword'],
      [6, 5, 'over', 'keyword'],
      [6, 10, 'A', 'variable'],
      [6, 13, 'B', 'variable'],
      [6, 16, 'par and end', 'string'],
      [7, 0, 'note', 'keyword'],
      [7, 5, 'left', 'keyword'],
      [7, 10, 'of', 'keyword'],
      [7, 13, 'A', 'variable'],
      [7, 16, 'hi', 'string'],
      [8, 0, 'state', 'keyword'],
      [8, 6, 'A', 'variable'],
      [8, 9, 'TIME-WAIT', 'type'],
      [8, 20, 'B', 'variable'],
      [8, 23, 'closed', 'type'],
      [9, 0, 'wait', 'keyword'],
      [9, 5, '2MSL', 'number'],
      [10, 0, 'wait', 'keyword'],
      [10, 5, 'RTO', 'string'],
      [11, 0, 'par', 'keyword'],
      [12, 2, 'A', 'variable'],
      [12, 4, '-x', 'operator'],
      [12, 7, 'B', 'variable'],
      [12, 10, 'FIN', 'enumMember'],
      [12, 14, 'u', 'parameter'],
      [13, 0, 'and', 'keyword'],
      [14, 2, 'B', 'variable'],
      [14, 4, '->', 'operator'],
      [14, 7, 'A', 'variable'],
      [14, 10, 'SYN=1', 'enumMember'],
      [14, 16, 'Ack', 'property'],
      [14, 20, 'x', 'parameter'],
      [14, 22, '-', 'operator'],
      [14, 24, '1', 'number'],
      [14, 26, 'sackOK', 'property'],
      [15, 0, 'end', 'keyword'],
    ]);
  });

  it('counts UTF-16 code units: Korean names and text outside the BMP', async () => {
    const text = 'participant 클라이언트 as "🙂 손님"\n클라이언트 → 서버 : SYN(x) "📦"';
    const { data, decoded } = await tokens(text);
    assert.deepEqual(decoded, [
      [0, 0, 'participant', 'keyword'],
      [0, 12, '클라이언트', 'variable', 'declaration'],
      [0, 18, 'as', 'keyword'],
      [0, 21, '"🙂 손님"', 'string'],
      [1, 0, '클라이언트', 'variable'],
      [1, 6, '→', 'operator'],
      [1, 8, '서버', 'variable'],
      [1, 13, 'SYN', 'enumMember'],
      [1, 17, 'x', 'parameter'],
      [1, 20, '"📦"', 'string'],
    ]);
    // Lengths are UTF-16 code units: "🙂 손님" in quotes is 7, "📦" in quotes is 4.
    assert.deepEqual([data[17], data[47]], [7, 4]);
  });

  it('gives a CRLF document the same tokens as its LF twin', async () => {
    const lf = 'title x\nA -> B: SYN # c\n\n# only\nB -> A: SYN,ACK\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = await tokens(lf);
    const b = await tokens(crlf);
    assert.deepEqual(b.data, a.data);
    assert.deepEqual(b.decoded.map((t) => t[2]), ['title', 'x', 'A', '->', 'B', 'SYN', '# c', '# only', 'B', '->', 'A', 'SYN', 'ACK']);
  });

  it('colours the statement keyword of a line with a syntax error, and its comment, and nothing else', async () => {
    const { decoded } = await tokens('participant A as\nA -> : SYN # broken\nA -> B: SYN seq=@\n');
    assert.deepEqual(decoded, [
      [0, 0, 'participant', 'keyword'],
      [1, 11, '# broken', 'comment'],
      // A message whose error comes after `:` keeps what was recognised before it.
      [2, 0, 'A', 'variable'],
      [2, 2, '->', 'operator'],
      [2, 5, 'B', 'variable'],
      [2, 8, 'SYN', 'enumMember'],
    ]);
  });

  it('is sorted and non-overlapping for every example', async () => {
    for (const f of readdirSync(EXAMPLES)) {
      const text = readFileSync(join(EXAMPLES, f), 'utf8');
      const { decoded } = await tokens(text);
      assert.ok(decoded.length > 0, f);
      for (let i = 1; i < decoded.length; i++) {
        const [pl, pc, pt] = decoded[i - 1];
        const [l, c] = decoded[i];
        assert.ok(l > pl || (l === pl && c >= pc + pt.length), `${f}: ${JSON.stringify(decoded[i - 1])} overlaps ${JSON.stringify(decoded[i])}`);
      }
    }
  });
});
