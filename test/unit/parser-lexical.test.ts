// Parser: lexical rules of SPEC §2 (line breaks, comments, strings, Unicode names, characters
// no token takes), recovery line by line, and property tests: parse never throws and every
// diagnostic lies inside the document.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { MessageStmt, ParticipantStmt } from '../../server/src/core/syntax/ast';
import { parse } from '../../server/src/core/syntax/parse';
import { assertRangesInside, brief, expectDiags, marked, parseClean, rangeOf } from './parser-helpers';

const FLOW = [
  'title TCP 3-way handshake # from my notes',
  'participant A as "Client"',
  'participant B as Server (LISTEN)',
  '',
  '// the handshake',
  'A(CLOSED) → B(LISTEN) : SYN(a)',
  'B(SYN_RCV) → A(SYN_SENT) : ACK(a+1), SYN(b) "accept()"',
  'A(ESTABLISHED) -> B : ACK seq=a+1 ack=b+1 len=0',
  'note over A, B: connected',
  'par',
  '  A -> B: FIN seq=a+1 ack=b+1',
  'and',
  '  B -x A: FIN, ACK seq=b+1 ack=a+1',
  'end',
  'wait 2MSL',
  'state A: TIME-WAIT, B: closed',
];

describe('lines and comments', () => {
  test('CRLF gives exactly the same tree and diagnostics as LF', () => {
    const lf = `${FLOW.join('\n')}\nA -> B: SYN seq=99999999999\nA -> B: SYN "open # label  \n`;
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.deepEqual(parse(crlf), parse(lf));
    assert.equal(parse(crlf).doc.lineCount, FLOW.length + 3);
    assert.deepEqual(parse(crlf).diagnostics.map((d) => d.code), ['TF102', 'TF107']);
  });

  test('a lone \\r is a line break too (as LSP counts lines)', () => {
    const doc = parseClean('A -> B: SYN\rB -> A: SYN, ACK\r');
    assert.deepEqual(doc.statements.map((s) => s.line), [0, 1]);
    assert.equal(doc.lineCount, 3);
  });

  test('blank and comment-only lines are ignored; lines keep their numbers', () => {
    const { text, ranges } = marked('\n   \n# note\n  // note\n\t⟦A -> B: SYN⟧ # trailing\n');
    const doc = parseClean(text);
    assert.equal(doc.lineCount, 6);
    assert.deepEqual(doc.statements.map((s) => [s.line, s.range]), [[4, ranges[0]]]);
    assert.deepEqual(parseClean(''), { statements: [], lineCount: 1 });
  });

  test('`#` and `//` inside a quoted string are text', () => {
    const m = parseClean('A -> B: SYN "a # b // c" # real comment').statements[0] as MessageStmt;
    assert.equal(m.label?.text, 'a # b // c');
    const n = parseClean('note over A: "#1 // not a comment"').statements[0];
    assert.equal(n.kind === 'note' && n.text.text, '#1 // not a comment');
  });

  test('TF107: an unterminated string, from the quote to the end of the line', () => {
    expectDiags('title ⟦"never closed # still text⟧', [['TF107', {}]]);
    const r = expectDiags('participant A as ⟦"Client (LISTEN)⟧\nA -> B: SYN', [['TF107', {}]]);
    assert.equal((r.doc.statements[0] as ParticipantStmt).label?.text, 'Client (LISTEN)');
    assert.equal(r.doc.statements.length, 2);
    // An escaped quote does not close the string.
    expectDiags('A -> B: SYN ⟦"a \\" b⟧', [['TF107', {}]]);
  });
});

describe('names and characters', () => {
  test('Unicode names: letters then letters, digits, `_`; case-sensitive; UTF-16 columns', () => {
    const { text, ranges } = marked('⟦클라이언트⟧ -> ⟦Server_2⟧: SYN\n⟦𝒜b⟧ -> ⟦naïve⟧: SYN');
    const [m1, m2] = parseClean(text).statements as MessageStmt[];
    assert.deepEqual([m1.from.name, m1.from.range, m1.to.name, m1.to.range], ['클라이언트', ranges[0], 'Server_2', ranges[1]]);
    // 𝒜 is one letter outside the BMP: two UTF-16 code units, as LSP counts.
    assert.deepEqual([m2.from.name, m2.from.range, m2.to.name, m2.to.range], ['𝒜b', ranges[2], 'naïve', ranges[3]]);
    assert.equal(ranges[2].end.character, 3);
  });

  test('Unicode white space (tab, no-break, ideographic) separates tokens', () => {
    const m = parseClean('A\t->\u00a0B\u3000:\u3000SYN').statements[0] as MessageStmt;
    assert.deepEqual([m.from.name, m.to.name, m.segment.flags[0].flag], ['A', 'B', 'SYN']);
  });

  test('a character no token takes is a TF100 on its line only', () => {
    expectDiags('A -> B: SYN\n⟦@⟧home -> B: SYN\nB -> A: SYN ⟦$⟧', [
      ['TF100', { expected: 'statement', found: '@' }],
      ['TF100', { expected: 'segment', found: '$' }],
    ]);
    // A lone surrogate is such a character too.
    expectDiags('⟦\ud800⟧ -> B: SYN', [['TF100', { expected: 'statement', found: '\ud800' }]]);
  });

  test('a huge offending token is shortened in the message', () => {
    const r = parse(`A -> B: SYN ${'x'.repeat(9000)}`);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].args.found, `${'x'.repeat(60)}…`);
    assert.deepEqual(r.diagnostics[0].range, { start: { line: 0, character: 12 }, end: { line: 0, character: 9012 } });
  });
});

describe('recovery', () => {
  test('a bad line between good lines: one TF100 on it, every other line parses', () => {
    const text = [...FLOW.slice(0, 7), 'A(ESTABLISHED) -> : ACK seq=a+1', ...FLOW.slice(7)].join('\n');
    const r = parse(text);
    assert.deepEqual(brief(r.diagnostics), [{ code: 'TF100', range: rangeOf(text, 7, ':'), args: { expected: 'participant', found: ':' } }]);
    assert.deepEqual(
      r.doc.statements.map((s) => `${s.kind}@${s.line}`),
      ['title@0', 'participant@1', 'participant@2', 'message@5', 'message@6', 'message@8', 'note@9', 'par@10', 'wait@15', 'state@16'],
    );
  });

  test('several bad lines: one diagnostic each, in line order', () => {
    const r = parse('A -> B SYN\nB -> A: SYN, ACK\nnote A: x\nA -> B: ACK\nwait');
    assert.deepEqual(
      r.diagnostics.map((d) => [d.range.start.line, d.args.expected]),
      [
        [0, 'colon'],
        [2, 'noteTarget'],
        [4, 'waitAmount'],
      ],
    );
    assert.deepEqual(r.doc.statements.map((s) => s.line), [1, 3]);
  });

  test('the valid flow parses without any diagnostic', () => {
    const doc = parseClean(FLOW.join('\n'));
    assert.deepEqual(
      doc.statements.map((s) => s.kind),
      ['title', 'participant', 'participant', 'message', 'message', 'message', 'note', 'par', 'wait', 'state'],
    );
  });
});

describe('properties', () => {
  const check = (text: string): void => {
    let r: ReturnType<typeof parse> | undefined;
    assert.doesNotThrow(() => (r = parse(text)));
    assertRangesInside(text, r!);
    // At most one TF100 per line.
    const lines = r!.diagnostics.filter((d) => d.code === 'TF100').map((d) => d.range.start.line);
    assert.equal(new Set(lines).size, lines.length);
    // Every position in the tree lies inside the document too.
    const textLines = text.split(/\r\n|\r|\n/);
    const walk = (v: unknown): void => {
      if (!v || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      if (typeof o.line === 'number' && typeof o.character === 'number') {
        assert.ok(o.line < textLines.length && o.character <= textLines[o.line].length, `position ${o.line}:${o.character}`);
      }
      for (const key of Object.keys(o)) walk(o[key]);
    };
    walk(r!.doc.statements);
  };

  test('any string: never throws, every diagnostic inside the document', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 400 });
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 300 });
  });

  test('lines of the language in any order and mix, with line-break variants', () => {
    const piece = fc.constantFrom(
      ...FLOW,
      '(', ')', '"', '->', '-x', ':', ',', '=', '#', '//', 'par', 'and', 'end', 'SYN(', 'seq=', '99999999999', '\\',
    );
    const line = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(' '));
    const doc = fc.tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r')).map(([ls, eol]) => ls.join(eol));
    fc.assert(fc.property(doc, check), { numRuns: 400 });
  });

  test('mutated lines of a valid flow: deletions, insertions, case changes', () => {
    const text = FLOW.join('\n');
    const mutated = fc
      .array(
        fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 }), fc.boolean()),
        { minLength: 1, maxLength: 8 },
      )
      .map((edits) => {
        let t = text;
        for (const [at, del, ins, upper] of edits) {
          const p = Math.min(at, t.length);
          t = t.slice(0, p) + (upper ? ins.toUpperCase() : ins) + t.slice(p + del);
        }
        return t;
      });
    fc.assert(fc.property(mutated, check), { numRuns: 500 });
  });

  test('huge lines and deep nesting do not hang', () => {
    const started = Date.now();
    for (const text of [
      `title ${'x'.repeat(200_000)}`,
      `A -> B: ${'SYN, '.repeat(20_000)}ACK`,
      `participant A as ${'('.repeat(50_000)}${')'.repeat(50_000)}`,
      `note over A: ${'"'.repeat(100_001)}`,
      `A -> B: SYN "${'\\'.repeat(100_000)}`,
      '(\n'.repeat(20_000),
    ]) {
      check(text);
    }
    assert.ok(Date.now() - started < 15_000);
  });
});
