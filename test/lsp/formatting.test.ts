// Formatting through the real server: the canonical spacing, what it never touches, line ends,
// idempotence, and — for every example — the same diagnostics and the same state trace after it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze';
import { startSession, type Session } from './harness';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const OPTIONS = { tabSize: 2, insertSpaces: true };

/** Applies LSP edits to a text whose lines may end in \n, \r\n or \r. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  const offset = (p: { line: number; character: number }) => starts[p.line] + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

/** What a document means: its diagnostic codes and every step's states. */
function meaning(text: string) {
  const a = analyze(text);
  return { codes: a.diagnostics.map((d) => d.code), steps: a.steps.map((s) => [s.event, s.states]) };
}

/** The syntax tree with every position left out: what the text says, not where. */
const withoutPositions = (text: string) =>
  JSON.parse(JSON.stringify(analyze(text).doc, (k, v) => (/^(range|\w+Range|line|andLines|endLine)$/.test(k) ? undefined : v)));

describe('language server: formatting', () => {
  let s: Session;
  before(async () => (s = await startSession()));
  after(async () => s.close());

  const edits = async (text: string): Promise<TextEdit[]> => {
    const { uri } = await s.open(text);
    return (await s.conn.sendRequest('textDocument/formatting', { textDocument: { uri }, options: OPTIONS })) as TextEdit[];
  };
  const format = async (text: string): Promise<string> => applyEdits(text, await edits(text));

  it('normalises the white space of every kind of statement', async () => {
    const messy = [
      '   title   My  title   ',
      '\tparticipant A   as  "Client"  (  LISTEN )  ',
      'participant   B as My  Server(CLOSED)',
      'participant C(LISTEN)',
      'A  ( CLOSED )->B ( LISTEN ) :SYN   seq = 100 , mss=1460   "hi  there"',
      'B→A:SYN , ACK  ack=x + 1 foo= a:b',
      'A-xB:ACK(x+1),SYN(y)',
      'A -> B: SYN+ACK   SYN + ACK  SYN-ACK',
      'note   over  A ,B :  some   text  ',
      'note left  of   A:hi',
      'state A:CLOSED,B:  TIME-WAIT',
      '  wait    2MSL  ',
      '  ',
    ].join('\n');
    const formatted = await format(messy);
    assert.deepEqual(withoutPositions(formatted), withoutPositions(messy));
    assert.equal(
      formatted,
      [
        'title My  title',
        'participant A as "Client" (LISTEN)',
        'participant B as My  Server (CLOSED)',
        'participant C (LISTEN)',
        'A(CLOSED) -> B(LISTEN): SYN seq=100, mss=1460 "hi  there"',
        'B → A: SYN, ACK ack=x + 1 foo=a:b',
        'A -x B: ACK(x+1),SYN(y)',
        'A -> B: SYN+ACK SYN + ACK SYN-ACK',
        'note over A, B: some   text',
        'note left of A: hi',
        'state A: CLOSED, B: TIME-WAIT',
        'wait 2MSL',
        '',
      ].join('\n'),
    );
  });

  it('indents par branches by two spaces, comment lines in them too, and keeps par/and/end at the margin', async () => {
    const text = '    par\nA -> B: FIN seq=1\n     # crossing\n   and\n B -> A: FIN seq=2\n  end  \n# after\n';
    assert.equal(await format(text), 'par\n  A -> B: FIN seq=1\n  # crossing\nand\n  B -> A: FIN seq=2\nend\n# after\n');
  });

  it('leaves lines with a syntax error exactly as they are', async () => {
    const text = 'A -> B SYN    \nA->B: SYN seq=x +   \nparticipant   A as  \n  "unterminated  \nA->B: SYN\n';
    assert.deepEqual(await edits(text), [
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 9 } }, newText: 'A -> B: SYN' },
    ]);
  });

  it('edits only the lines that change, and keeps CRLF line ends and Korean text', async () => {
    const text = '# 노트  \r\n클라이언트(CLOSED) → 서버(LISTEN) : SYN(x)\r\n\r\n서버 → 클라이언트 : ACK(x+1), SYN(y)\r\n';
    const got = await edits(text);
    assert.deepEqual(got, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } }, newText: '# 노트' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 35 } }, newText: '클라이언트(CLOSED) → 서버(LISTEN): SYN(x)' },
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 29 } }, newText: '서버 → 클라이언트: ACK(x+1), SYN(y)' },
    ]);
    assert.equal(applyEdits(text, got), '# 노트\r\n클라이언트(CLOSED) → 서버(LISTEN): SYN(x)\r\n\r\n서버 → 클라이언트: ACK(x+1), SYN(y)\r\n');
  });

  it('keeps a trailing comment in its column when it can (aligned comments stay aligned), else one space after', async () => {
    const text = `${'A -> B : SYN(x)'.padEnd(27)}# one\n${'B -> A : ACK(x+1), SYN(y)'.padEnd(27)}# two\nA->B:ACK(y+1)     # three   \n`;
    assert.equal(
      await format(text),
      `${'A -> B: SYN(x)'.padEnd(27)}# one\n${'B -> A: ACK(x+1), SYN(y)'.padEnd(27)}# two\nA -> B: ACK(y+1)  # three\n`,
    );
    assert.equal(await format('A->B:SYN # c\n'), 'A -> B: SYN # c\n');
  });

  it('keeps the text of free text, labels and comments, and what each line means', async () => {
    const text = 'title  A  -> B :  x\nnote over A:   a  ->  b  # c  ,  d\nA -> B: SYN   "  a , b  "   //  x  ,  y  \n';
    const formatted = await format(text);
    assert.equal(formatted, 'title A  -> B :  x\nnote over A: a  ->  b    # c  ,  d\nA -> B: SYN "  a , b  "     //  x  ,  y\n');
    assert.deepEqual(withoutPositions(formatted), withoutPositions(text));
  });

  it('keeps every example\'s diagnostics and state trace, and formatting twice changes nothing', async () => {
    for (const f of readdirSync(EXAMPLES)) {
      const text = readFileSync(join(EXAMPLES, f), 'utf8');
      for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
        const once = await format(variant);
        assert.deepEqual(meaning(once), meaning(variant), f);
        assert.deepEqual(withoutPositions(once), withoutPositions(variant), f);
        assert.deepEqual(await edits(once), [], `${f}: formatting is not idempotent`);
      }
    }
  });

  it('brings a messed-up copy of every example back to the formatted example', async () => {
    // Only white space the formatter owns is disturbed: indentation, trailing blanks, and the
    // spaces around arrows, colons and commas of message and state lines.
    const messCode = (code: string) => code.replace(/ ?(->|→|-x) ?/g, '$1').replace(/: /g, ' :   ').replace(/, /g, ' ,  ');
    const mess = (line: string) => {
      if (/^\s*(title|note|participant|#)/.test(line)) return `\t${line}   `;
      // Labels and comments are the user's text: only the code before them is disturbed.
      const cut = line.search(/["#]/);
      return cut < 0 ? ` ${messCode(line)}  ` : ` ${messCode(line.slice(0, cut))}${line.slice(cut)}  `;
    };
    for (const f of readdirSync(EXAMPLES)) {
      const text = readFileSync(join(EXAMPLES, f), 'utf8');
      const messy = text.split('\n').map((l) => (l.trim() === '' ? l : mess(l))).join('\n');
      assert.notEqual(messy, text);
      // The comments of the examples are free text with their own `: ` and `, `: compare without them.
      const strip = (t: string) => t.replace(/\s*(#|\/\/).*$/gm, '');
      assert.equal(strip(await format(messy)), strip(await format(text)), f);
      assert.deepEqual(meaning(await format(messy)), meaning(text), f);
    }
  });
});
