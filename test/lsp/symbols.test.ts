// The outline (participants, title, phases with their messages, par blocks) and folding ranges,
// asked of the real server over stdio.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSymbol, FoldingRange, Range } from 'vscode-languageserver-protocol';
import { startSession, type Session } from './harness';

const r = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
/** The statement on `line` of `text`, from its first non-blank character to its end. */
const stmt = (text: string, line: number): Range => {
  const l = text.split(/\r?\n/)[line];
  return r(line, l.length - l.trimStart().length, line, l.length);
};

/** A compact view: name, kind, detail, range, selection range, children. */
interface Shown {
  name: string;
  kind: number;
  detail?: string;
  range: Range;
  sel: Range;
  children?: Shown[];
}
const show = (s: DocumentSymbol): Shown => ({
  name: s.name,
  kind: s.kind,
  detail: s.detail,
  range: s.range,
  sel: s.selectionRange,
  ...(s.children?.length ? { children: s.children.map(show) } : {}),
});

// SymbolKind values.
const STRING = 15;
const OBJECT = 19;
const NAMESPACE = 3;
const EVENT = 24;
const STRUCT = 23;

describe('language server: document symbols and folding', () => {
  let s: Session;
  before(async () => (s = await startSession()));
  after(async () => s.close());

  const symbols = async (text: string, session = s): Promise<Shown[]> => {
    const { uri } = await session.open(text);
    const got = (await session.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    return got.map(show);
  };
  const folding = async (text: string): Promise<FoldingRange[]> => {
    const { uri } = await s.open(text);
    return (await s.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
  };

  it('outlines the title, the participants and the phases of a handshake followed by data', async () => {
    const text = readFileSync(join(__dirname, '..', '..', 'examples', 'three-way-handshake.tcpflow'), 'utf8');
    const msg = (name: string, detail: string, line: number): Shown => ({ name, kind: EVENT, detail, range: stmt(text, line), sel: stmt(text, line) });
    assert.deepEqual(await symbols(text), [
      { name: 'TCP 3-way handshake', kind: STRING, detail: 'title', range: r(1, 0, 1, 25), sel: r(1, 6, 1, 25) },
      { name: 'A', kind: OBJECT, detail: 'Client (CLOSED)', range: r(2, 0, 2, 25), sel: r(2, 12, 2, 13) },
      { name: 'B', kind: OBJECT, detail: 'Server (LISTEN)', range: r(3, 0, 3, 34), sel: r(3, 12, 3, 13) },
      {
        name: 'Connection establishment',
        kind: NAMESPACE,
        detail: 'A: ESTABLISHED, B: ESTABLISHED',
        range: r(5, 0, 7, stmt(text, 7).end.character),
        sel: stmt(text, 5),
        children: [msg('A → B: SYN', 'seq=100', 5), msg('B → A: SYN,ACK', 'seq=300 ack=101', 6), msg('A → B: ACK', 'seq=101 ack=301', 7)],
      },
      {
        name: 'Data transfer',
        kind: NAMESPACE,
        detail: 'A: ESTABLISHED, B: ESTABLISHED',
        range: r(8, 0, 10, stmt(text, 10).end.character),
        sel: stmt(text, 8),
        children: [msg('A → B: PSH,ACK', 'seq=101 ack=301 len=100', 8), msg('B → A: ACK', 'seq=301 ack=201', 9)],
      },
    ]);
  });

  it('gives a flow that begins mid-connection no establishment phase', async () => {
    const got = await symbols('A -> B: PSH,ACK seq=1 ack=1 len=10\nB -> A: ACK seq=1 ack=11\nA -> B: FIN seq=11\nB -> A: ACK seq=1 ack=12\n');
    assert.deepEqual(
      got.map((x) => [x.name, x.kind, x.range, x.children?.map((c) => c.name)]),
      [
        ['A', OBJECT, r(0, 0, 0, 1), undefined],
        ['Data transfer', NAMESPACE, r(0, 0, 1, 24), ['A → B: PSH,ACK', 'B → A: ACK']],
        ['B', OBJECT, r(0, 5, 0, 6), undefined],
        // The note wrote `FIN` without ACK: the outline shows what was written.
        ['Connection termination', NAMESPACE, r(2, 0, 3, 24), ['A → B: FIN', 'B → A: ACK']],
      ],
    );
    assert.equal(got[0].detail, 'ESTABLISHED');
  });

  it('shows a par block as a child holding its messages; a state line stays in its phase', async () => {
    const text = [
      'par',
      '  A -> B: SYN seq=100',
      'and',
      '  B -> A: SYN seq=300',
      'end',
      'par',
      '  A -> B: SYN,ACK seq=100 ack=301',
      'and',
      '  B -x A: SYN,ACK seq=300 ack=101',
      'end',
      'state A: SYN_RECEIVED',
      '',
    ].join('\n');
    const got = await symbols(text);
    const phase = got.find((x) => x.kind === NAMESPACE)!;
    assert.deepEqual(phase, {
      name: 'Connection establishment',
      kind: NAMESPACE,
      detail: 'A: SYN_RECEIVED, B: ESTABLISHED',
      range: r(0, 0, 10, 21),
      sel: r(0, 0, 0, 3),
      children: [
        {
          name: 'par',
          kind: STRUCT,
          detail: 'in flight together',
          range: r(0, 0, 4, 3),
          sel: r(0, 0, 0, 3),
          children: [
            { name: 'A → B: SYN', kind: EVENT, detail: 'seq=100', range: stmt(text, 1), sel: stmt(text, 1) },
            { name: 'B → A: SYN', kind: EVENT, detail: 'seq=300', range: stmt(text, 3), sel: stmt(text, 3) },
          ],
        },
        {
          name: 'par',
          kind: STRUCT,
          detail: 'in flight together',
          range: r(5, 0, 9, 3),
          sel: r(5, 0, 5, 3),
          children: [
            { name: 'A → B: SYN,ACK', kind: EVENT, detail: 'seq=100 ack=301', range: stmt(text, 6), sel: stmt(text, 6) },
            { name: 'B → A: SYN,ACK', kind: EVENT, detail: 'seq=300 ack=101 (lost)', range: stmt(text, 8), sel: stmt(text, 8) },
          ],
        },
      ],
    });
  });

  it('ends establishment when both sides are ESTABLISHED and starts termination at the first RST', async () => {
    const got = await symbols('C -> S: SYN seq=1\nS -> C: RST,ACK seq=0 ack=2\n');
    assert.deepEqual(
      got.filter((x) => x.kind === NAMESPACE).map((x) => [x.name, x.range, x.children!.map((c) => c.name)]),
      [
        ['Connection establishment', r(0, 0, 0, 17), ['C → S: SYN']],
        ['Connection termination', r(1, 0, 1, 27), ['S → C: RST,ACK']],
      ],
    );
  });

  it('handles Korean names, and names the phases in Korean for a Korean editor', async () => {
    const ko = await startSession({ locale: 'ko' });
    const text = 'title 악수\nparticipant 서버 as "서버" (LISTEN)\n클라이언트 → 서버: SYN(x)\n서버 → 클라이언트: SYN(y), ACK(x+1)\n클라이언트 → 서버: ACK(y+1)\n';
    const got = await symbols(text, ko);
    await ko.close();
    assert.deepEqual(
      got.map((x) => [x.name, x.detail, x.sel]),
      [
        ['악수', '제목', r(0, 6, 0, 8)],
        ['서버', '서버 (LISTEN)', r(1, 12, 1, 14)],
        ['클라이언트', 'CLOSED', r(2, 0, 2, 5)],
        ['연결 설정', '서버: ESTABLISHED, 클라이언트: ESTABLISHED', r(2, 0, 2, 18)],
      ],
    );
    assert.deepEqual(got[3].children!.map((c) => c.name), ['클라이언트 → 서버: SYN', '서버 → 클라이언트: SYN,ACK', '클라이언트 → 서버: ACK']);
  });

  it('lists the first 1,000 messages, and ends each phase cut short with how many more it has', async () => {
    const data = Array.from({ length: 600 }, (_, k) => `A -> B: PSH,ACK seq=${1 + 10 * k} ack=1 len=10\nB -> A: ACK seq=1 ack=${11 + 10 * k}`);
    const fin = ['A -> B: FIN,ACK seq=6001 ack=1', 'B -> A: ACK seq=1 ack=6002', 'B -> A: FIN,ACK seq=1 ack=6002', 'A -> B: ACK seq=6002 ack=2'];
    const text = ['A -> B: SYN seq=0', 'B -> A: SYN,ACK seq=0 ack=1', 'A -> B: ACK seq=1 ack=1', ...data, ...fin, ''].join('\n');
    const phases = (await symbols(text)).filter((x) => x.kind === NAMESPACE);
    const last = (x: Shown) => x.children![x.children!.length - 1];
    assert.deepEqual(
      phases.map((x) => [x.name, x.range, x.children!.length, last(x).name, last(x).range]),
      [
        ['Connection establishment', r(0, 0, 2, 23), 3, 'A → B: ACK', stmt(text, 2)],
        // 3 + 997 messages listed; the data phase's other 203 (lines 1000 to 1202) in one entry.
        ['Data transfer', r(3, 0, 1202, 26), 998, '… 203 more messages (the outline lists the first 1000)', r(1000, 0, 1202, 26)],
        ['Connection termination', r(1203, 0, 1206, 26), 1, '… 4 more messages (the outline lists the first 1000)', r(1203, 0, 1206, 26)],
      ],
    );
    assert.equal(phases[1].children![996].name, 'A → B: PSH,ACK');
    assert.deepEqual(phases[1].children![996].range, stmt(text, 999));
  });

  it('never gives a symbol an empty name, and survives broken and empty documents', async () => {
    assert.deepEqual((await symbols('title\n')).map((x) => x.name), ['title']);
    assert.deepEqual(await symbols(''), []);
    const broken = await symbols('A -> : SYN\nA -> B SYN\n@@@\nparticipant\n');
    assert.deepEqual(broken, []);
  });

  it('folds par blocks from `par` to `end`, and runs of two or more comment lines', async () => {
    const text = '# one\n# two\n// three\nA -> B: SYN\n# lone\npar\n  A -> B: FIN\nand\n  B -> A: FIN\nend\n  # indented\n  // comments\n';
    assert.deepEqual(await folding(text), [
      { startLine: 0, endLine: 2, kind: 'comment' },
      { startLine: 5, endLine: 9 },
      { startLine: 10, endLine: 11, kind: 'comment' },
    ]);
  });

  it('folds in CRLF documents, and folds an unterminated par block to its last statement', async () => {
    assert.deepEqual(await folding('# a\r\n# b\r\npar\r\n  A -> B: SYN\r\nand\r\n  B -> A: SYN\r\n'), [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 5 },
    ]);
  });
});
