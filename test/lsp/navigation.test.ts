// Rename, go to definition, find references and document highlights of participants, through the
// real server. `‸` marks the cursor in each fixture.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentHighlight, Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { cursor, startSession, type Session } from './harness';

const r = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

/** Applies LSP edits to a text whose lines may end in \n or \r\n. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  const offset = (p: Position) => starts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

// One fixture for most cases: a declaration, messages, a note, a state line, a label, a comment
// and note text that mention the name without being it.
const FLOW = [
  'participant A as "A is the client" (CLOSED)', // 0
  '# A starts the handshake', // 1
  'A(CLOSED) -> B: SYN seq=1 "A to B"', // 2
  'B -> A: SYN,ACK seq=9 ack=2', // 3
  'note over A, B: A and B', // 4
  'state A: ESTABLISHED', // 5
].join('\n');
const A_ALL = [r(0, 12, 13), r(2, 0, 1), r(3, 5, 6), r(4, 10, 11), r(5, 6, 7)];
const B_ALL = [r(2, 13, 14), r(3, 0, 1), r(4, 13, 14)];

/** FLOW with the cursor at `line`:`character`. */
const at = (line: number, character: number) => {
  const lines = FLOW.split('\n');
  lines[line] = lines[line].slice(0, character) + '‸' + lines[line].slice(character);
  return lines.join('\n');
};

describe('language server: rename, definition, references, highlights', () => {
  let s: Session;
  before(async () => (s = await startSession()));
  after(async () => s.close());

  const ask = async <T>(method: string, src: string, extra: object = {}, session = s): Promise<{ uri: string; text: string; result: T }> => {
    const { text, position } = cursor(src);
    const { uri } = await session.open(text);
    const result = (await session.conn.sendRequest(method, { textDocument: { uri }, position, ...extra })) as T;
    return { uri, text, result };
  };
  const renameTo = async (src: string, newName: string, session = s) => {
    const { uri, text, result } = await ask<WorkspaceEdit | null>('textDocument/rename', src, { newName }, session);
    return { text, edits: result?.changes?.[uri] ?? null };
  };

  it('prepares a rename on a participant name anywhere it is written, with the cursor on it or just after it', async () => {
    for (const [line, ch, range] of [
      [0, 12, r(0, 12, 13)],
      [0, 13, r(0, 12, 13)],
      [2, 0, r(2, 0, 1)],
      [2, 14, r(2, 13, 14)],
      [4, 13, r(4, 13, 14)],
      [5, 6, r(5, 6, 7)],
    ] as const) {
      assert.deepEqual((await ask('textDocument/prepareRename', at(line, ch))).result, range, `${line}:${ch}`);
    }
  });

  it('refuses to prepare a rename off a participant name: keywords, labels, note text, comments, flags', async () => {
    for (const [line, ch] of [[0, 3], [0, 18], [1, 2], [2, 3], [2, 20], [2, 27], [4, 16], [4, 17], [5, 10]] as const) {
      assert.equal((await ask('textDocument/prepareRename', at(line, ch))).result, null, `${line}:${ch}`);
    }
  });

  it('renames every occurrence — declaration, both message sides, note targets, state lines — and nothing else', async () => {
    const { text, edits } = await renameTo(at(3, 5), 'Client');
    assert.deepEqual(edits, A_ALL.map((range) => ({ range, newText: 'Client' })));
    assert.equal(
      applyEdits(text, edits!),
      [
        'participant Client as "A is the client" (CLOSED)',
        '# A starts the handshake',
        'Client(CLOSED) -> B: SYN seq=1 "A to B"',
        'B -> Client: SYN,ACK seq=9 ack=2',
        'note over Client, B: A and B',
        'state Client: ESTABLISHED',
      ].join('\n'),
    );
  });

  it('renames to and from Korean names, in a CRLF document', async () => {
    const src = 'participant 클라이언트 as "클라이언트"\r\n클라이언트 → 서버 : SYN(x)\r\n서버 → 클라이언‸트 : ACK(x+1), SYN(y)\r\n';
    const { text, edits } = await renameTo(src, '손님');
    assert.deepEqual(edits, [r(0, 12, 17), r(1, 0, 5), r(2, 5, 10)].map((range) => ({ range, newText: '손님' })));
    assert.equal(applyEdits(text, edits!), 'participant 손님 as "클라이언트"\r\n손님 → 서버 : SYN(x)\r\n서버 → 손님 : ACK(x+1), SYN(y)\r\n');
    const back = await renameTo('손님 → 서‸버 : SYN(x)\r\n', 'Server');
    assert.deepEqual(back.edits, [{ range: r(0, 5, 7), newText: 'Server' }]);
  });

  it('rejects a new name that is not a valid participant name, a keyword, or another participant, with a clear message', async () => {
    const rejects = async (newName: string, message: RegExp, session = s) =>
      assert.rejects(renameTo(at(2, 0), newName, session), (e: Error) => {
        assert.match(e.message, message);
        return true;
      });
    await rejects('1st', /^"1st" is not a valid participant name: use a letter followed by letters, digits or _\.$/);
    await rejects('my client', /is not a valid participant name/);
    await rejects('A-1', /is not a valid participant name/);
    await rejects('', /is not a valid participant name/);
    await rejects('note', /^"note" is a keyword of the language and cannot name a participant\.$/);
    await rejects('Ack', /is a keyword/);
    await rejects('B', /^"B" is already a participant: renaming would merge two participants\.$/);
    const ko = await startSession({ locale: 'ko' });
    await rejects('B', /^"B"는 이미 있는 참여자입니다/, ko);
    await ko.close();
  });

  it('accepts a name of letters, digits and _, and renaming to the same name', async () => {
    assert.equal((await renameTo(at(2, 0), 'client_2')).edits!.length, 5);
    assert.equal((await renameTo(at(2, 0), 'A')).edits!.length, 5);
    assert.equal((await renameTo(at(1, 2), 'X')).edits, null);
  });

  it('goes to the declaration, from any use', async () => {
    for (const [line, ch] of [[2, 0], [3, 6], [4, 10], [5, 7], [0, 12]] as const) {
      const { uri, result } = await ask<Location>('textDocument/definition', at(line, ch));
      assert.deepEqual(result, { uri, range: r(0, 12, 13) }, `${line}:${ch}`);
    }
  });

  it('goes to the first use of a participant that is never declared; nowhere from off a name', async () => {
    const { uri, result } = await ask<Location>('textDocument/definition', at(4, 13));
    assert.deepEqual(result, { uri, range: r(2, 13, 14) });
    assert.equal((await ask('textDocument/definition', at(2, 27))).result, null);
  });

  it('finds every reference, with or without the declaration', async () => {
    const withDecl = await ask<Location[]>('textDocument/references', at(5, 6), { context: { includeDeclaration: true } });
    assert.deepEqual(withDecl.result, A_ALL.map((range) => ({ uri: withDecl.uri, range })));
    const without = await ask<Location[]>('textDocument/references', at(5, 6), { context: { includeDeclaration: false } });
    assert.deepEqual(without.result, A_ALL.slice(1).map((range) => ({ uri: without.uri, range })));
    // Undeclared: its first use stands for the declaration.
    const b = await ask<Location[]>('textDocument/references', at(3, 0), { context: { includeDeclaration: false } });
    assert.deepEqual(b.result, B_ALL.slice(1).map((range) => ({ uri: b.uri, range })));
    assert.deepEqual((await ask('textDocument/references', at(1, 2), { context: { includeDeclaration: true } })).result, []);
  });

  it('highlights every occurrence: Write at the declaration, Read elsewhere', async () => {
    const a = await ask<DocumentHighlight[]>('textDocument/documentHighlight', at(4, 11));
    assert.deepEqual(a.result, A_ALL.map((range, i) => ({ range, kind: i === 0 ? 3 : 2 })));
    const b = await ask<DocumentHighlight[]>('textDocument/documentHighlight', at(2, 13));
    assert.deepEqual(b.result, B_ALL.map((range) => ({ range, kind: 2 })));
    assert.deepEqual((await ask('textDocument/documentHighlight', at(2, 20))).result, []);
  });

  it('also finds names on lines the checker leaves out: a second declaration, a message to oneself', async () => {
    const src = 'participant A\nparticipant A\n‸A -> A: SYN\nA -> B: SYN\n';
    const { result } = await ask<DocumentHighlight[]>('textDocument/documentHighlight', src);
    assert.deepEqual(result, [
      { range: r(0, 12, 13), kind: 3 },
      { range: r(1, 12, 13), kind: 3 },
      { range: r(2, 0, 1), kind: 2 },
      { range: r(2, 5, 6), kind: 2 },
      { range: r(3, 0, 1), kind: 2 },
    ]);
  });
});
