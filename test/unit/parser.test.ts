// Parser: every simple statement form of SPEC §3 with exact AST nodes and ranges, and their
// diagnostics (TF100, TF101, TF104, TF108). par blocks: parser-par.test.ts; segments:
// parser-segment.test.ts; lexical rules, recovery and properties: parser-lexical.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageStmt, NoteStmt } from '../../server/src/core/syntax/ast';
import { expectDiags, marked, only, parseClean, parsePlain, point, rangeOf } from './parser-helpers';

describe('title', () => {
  test('free text to the end of the line, comment and white space excluded', () => {
    const { text, ranges } = marked('⟦title ⟦TCP 3-way handshake (SYN, ACK)⟧⟧   # the usual one');
    assert.deepEqual(only(text, 'title'), {
      kind: 'title',
      line: 0,
      range: ranges[0],
      text: { text: 'TCP 3-way handshake (SYN, ACK)', range: ranges[1] },
    });
  });

  test('a quoted title is unquoted; `#` inside the quotes is text', () => {
    const { text, ranges } = marked('title ⟦"Open # close"⟧ # comment');
    assert.deepEqual(only(text, 'title').text, { text: 'Open # close', range: ranges[0] });
  });

  test('`//` starts a comment too; the keyword is case-insensitive', () => {
    assert.equal(only('TITLE Notes // mine', 'title').text.text, 'Notes');
  });

  test('an empty title is kept with empty text (nothing to report)', () => {
    assert.deepEqual(only('title', 'title').text, { text: '', range: point(0, 5) });
  });
});

describe('participant', () => {
  test('name only', () => {
    const { text, ranges } = marked('⟦participant ⟦D⟧⟧');
    assert.deepEqual(only(text, 'participant'), { kind: 'participant', line: 0, range: ranges[0], name: 'D', nameRange: ranges[1] });
  });

  test('quoted label', () => {
    const { text, ranges } = marked('participant A as ⟦"Client"⟧            # label shown in the diagram');
    assert.deepEqual(only(text, 'participant').label, { text: 'Client', range: ranges[0] });
  });

  test('unquoted label followed by a state', () => {
    const { text, ranges } = marked('⟦participant ⟦B⟧ as ⟦Server⟧ (⟦LISTEN⟧)⟧');
    assert.deepEqual(only(text, 'participant'), {
      kind: 'participant',
      line: 0,
      range: ranges[0],
      name: 'B',
      nameRange: ranges[1],
      label: { text: 'Server', range: ranges[2] },
      state: { written: 'LISTEN', state: 'LISTEN', range: ranges[3] },
    });
  });

  test('quoted label (needed for `:`) and state', () => {
    const { text, ranges } = marked('participant S as ⟦"127.0.0.1:5003"⟧ (⟦CLOSED⟧)');
    const p = only(text, 'participant');
    assert.deepEqual(p.label, { text: '127.0.0.1:5003', range: ranges[0] });
    assert.deepEqual(p.state, { written: 'CLOSED', state: 'CLOSED', range: ranges[1] });
  });

  test('state without a label', () => {
    const { text, ranges } = marked('participant C (⟦listen⟧)');
    const p = only(text, 'participant');
    assert.equal(p.label, undefined);
    assert.deepEqual(p.state, { written: 'listen', state: 'LISTEN', range: ranges[0] });
  });

  test('unquoted labels keep spaces, Unicode and inner parentheses; only the trailing (STATE) is a state', () => {
    const { text, ranges } = marked('participant A as ⟦클라이언트 호스트⟧');
    assert.deepEqual(only(text, 'participant').label, { text: '클라이언트 호스트', range: ranges[0] });
    const p = only('participant W as Web (v2) (TIME-WAIT)', 'participant');
    assert.equal(p.label?.text, 'Web (v2)');
    assert.equal(p.state?.state, 'TIME_WAIT');
  });

  test('a quoted string followed by more text is an unquoted label', () => {
    assert.equal(only('participant A as "x" y', 'participant').label?.text, '"x" y');
  });

  test('Unicode participant names, keywords in any case', () => {
    const { text, ranges } = marked('PARTICIPANT ⟦클라이언트⟧ AS "c"');
    const p = only(text, 'participant');
    assert.equal(p.name, '클라이언트');
    assert.deepEqual(p.nameRange, ranges[0]);
  });

  test('declared twice: TF104 on the second name (1-based first line); the second stays in the tree', () => {
    const r = expectDiags('participant A\n\nparticipant ⟦A⟧ as "again"', [['TF104', { name: 'A', firstLine: 1 }]]);
    // The tree is complete (the editor renames and colours it); only the first counts (validation.test.ts).
    assert.deepEqual(r.doc.statements.map((s) => [s.kind, s.line]), [['participant', 0], ['participant', 2]]);
    // Names are case-sensitive: `a` is another participant.
    assert.equal(parseClean('participant A\nparticipant a').statements.length, 2);
  });

  test('syntax errors', () => {
    expectDiags('participant⟦⟧', [['TF100', { expected: 'participant', found: '' }]]);
    expectDiags('participant A ⟦Client⟧', [['TF100', { expected: 'as', found: 'Client' }]]);
    expectDiags('participant A as⟦⟧', [['TF100', { expected: 'label', found: '' }]]);
    expectDiags('participant A as ⟦(⟧LISTEN)', [['TF100', { expected: 'label', found: '(' }]]);
    expectDiags('participant A (LISTEN) ⟦x⟧', [['TF100', { expected: 'endOfLine', found: 'x' }]]);
    expectDiags('participant A as Web (port ⟦80⟧)', [['TF100', { expected: 'closeParen', found: '80' }]]);
    const r = expectDiags('participant ⟦3⟧', [['TF100', { expected: 'participant', found: '3' }]]);
    assert.deepEqual(r.doc.statements, []);
  });
});

describe('message', () => {
  test('exact node: endpoints with states, arrow, seed segment', () => {
    const { text, ranges: r } = marked('⟦⟦A⟧(⟦CLOSED⟧) ⟦→⟧ ⟦B⟧(⟦LISTEN⟧) : ⟦⟦SYN⟧(⟦a⟧)⟧⟧');
    const seq = { key: 'seq', writtenKey: 'seq', keyRange: r[7], value: { sym: 'a', num: 0, text: 'a', range: r[8] }, range: r[6], seed: true };
    assert.deepEqual(only(text, 'message'), {
      kind: 'message',
      line: 0,
      range: r[0],
      from: { name: 'A', range: r[1], state: { written: 'CLOSED', state: 'CLOSED', range: r[2] } },
      to: { name: 'B', range: r[4], state: { written: 'LISTEN', state: 'LISTEN', range: r[5] } },
      arrow: '->',
      arrowRange: r[3],
      segment: { flags: [{ flag: 'SYN', range: r[7] }], fields: [seq], range: r[6], seq },
    } satisfies MessageStmt);
  });

  test('spaces are optional around everything', () => {
    for (const line of ['A->B:SYN', 'A -> B : SYN', 'A→B:SYN', '  A  ->  B  :  SYN  ', 'A(CLOSED)→B(LISTEN):SYN']) {
      const m = only(line, 'message');
      assert.deepEqual([m.from.name, m.arrow, m.to.name, m.segment.flags.map((f) => f.flag)], ['A', '->', 'B', ['SYN']], line);
    }
  });

  test('`-x` is the lost arrow, with or without spaces; `→` is normalised to `->`', () => {
    for (const line of ['A -x B : SYN seq=100', 'A-x B: SYN', 'A -xB: SYN', 'A-x B:SYN']) {
      const m = only(line, 'message');
      assert.deepEqual([m.from.name, m.arrow, m.to.name], ['A', '-x', 'B'], line);
      assert.deepEqual(m.arrowRange, rangeOf(line, 0, '-x'));
    }
    const m = only('A → B: SYN', 'message');
    assert.equal(m.arrow, '->');
    assert.deepEqual(m.arrowRange, rangeOf('A → B: SYN', 0, '→'));
  });

  test('a trailing quoted label, unescaped, range including the quotes', () => {
    const { text, ranges } = marked('B -> A: SYN, ACK ⟦"accept() \\"ok\\" \\\\ # not a comment"⟧ # comment');
    assert.deepEqual(only(text, 'message').label, { text: 'accept() "ok" \\ # not a comment', range: ranges[0] });
  });

  test('state names: `-` for `_`, digit without separator, aliases, any case', () => {
    const cases: [string, string][] = [
      ['TIME-WAIT', 'TIME_WAIT'],
      ['fin-wait-2', 'FIN_WAIT_2'],
      ['FIN_WAIT1', 'FIN_WAIT_1'],
      ['Syn_Rcvd', 'SYN_RECEIVED'],
      ['SYN-RCV', 'SYN_RECEIVED'],
      ['established', 'ESTABLISHED'],
      ['CLOSE-WAIT', 'CLOSE_WAIT'],
      ['last_ack', 'LAST_ACK'],
    ];
    for (const [written, state] of cases) {
      const { text, ranges } = marked(`A(⟦${written}⟧) -> B: ACK`);
      assert.deepEqual(only(text, 'message').from.state, { written, state, range: ranges[0] });
    }
  });

  test('unknown state: TF101 with the nearest name and a replaceState fix; the StateRef stays', () => {
    const { text, ranges } = marked('A(ESTABLISHED) -> B(⟦LISTN⟧): ACK');
    const r = parsePlain(text);
    assert.deepEqual(r.diagnostics, [
      {
        code: 'TF101',
        severity: 'error',
        range: ranges[0],
        args: { written: 'LISTN', nearest: 'LISTEN' },
        fix: { kind: 'replaceState', args: { state: 'LISTEN' }, edits: [{ range: ranges[0], newText: 'LISTEN' }] },
      },
    ]);
    const m = r.doc.statements[0] as MessageStmt;
    assert.deepEqual(m.to.state, { written: 'LISTN', state: undefined, range: ranges[0] });
    expectDiags('A(⟦TIME-WEIT⟧) -> B: ACK', [['TF101', { written: 'TIME-WEIT', nearest: 'TIME_WAIT' }]]);
    // A name the note abbreviates (`ss` writes ESTAB) or squeezes together suggests the state it begins.
    expectDiags('A(⟦ESTAB⟧) -> B: ACK', [['TF101', { written: 'ESTAB', nearest: 'ESTABLISHED' }]]);
    expectDiags('A -> B(⟦SYNRECV⟧): ACK', [['TF101', { written: 'SYNRECV', nearest: 'SYN_RECEIVED' }]]);
  });

  test('a message to oneself: TF108 on the receiver, the message stays in the tree', () => {
    const r = expectDiags('A -> B: SYN\nA(CLOSED) -> ⟦A⟧: SYN', [['TF108', { name: 'A' }]]);
    // It is no event of the flow (validation.test.ts), but the editor still sees it.
    assert.deepEqual(r.doc.statements.map((s) => [s.kind, s.line]), [['message', 0], ['message', 1]]);
  });

  test('syntax errors before the segment drop the line', () => {
    const cases: [string, string, string][] = [
      ['A⟦⟧', 'arrow', ''],
      ['A ⟦B⟧: SYN', 'arrow', 'B'],
      ['A -> ⟦:⟧ SYN', 'participant', ':'],
      ['A -> B ⟦SYN⟧', 'colon', 'SYN'],
      ['A -> B⟦⟧', 'colon', ''],
      ['A(⟦)⟧ -> B: SYN', 'state', ')'],
      ['A(CLOSED ⟦->⟧ B: SYN', 'closeParen', '->'],
      ['A(SYN ⟦RCVD⟧) -> B: SYN', 'closeParen', 'RCVD'],
      ['A(SYN_RCVD⟦⟧', 'closeParen', ''],
      ['⟦->⟧ B: SYN', 'statement', '->'],
      ['⟦42⟧ -> B: SYN', 'statement', '42'],
      ['A ⟦-⟧-> B: SYN', 'arrow', '-'],
    ];
    for (const [src, expected, found] of cases) {
      const r = expectDiags(src, [['TF100', { expected, found }]]);
      assert.deepEqual(r.doc.statements, [], src);
    }
  });
});

describe('note', () => {
  test('over one participant, quoted text', () => {
    const { text, ranges } = marked('⟦note over ⟦A⟧: ⟦"text: # kept"⟧⟧ # comment');
    assert.deepEqual(only(text, 'note'), {
      kind: 'note',
      line: 0,
      range: ranges[0],
      position: 'over',
      targets: [{ name: 'A', range: ranges[1] }],
      text: { text: 'text: # kept', range: ranges[2] },
    } satisfies NoteStmt);
  });

  test('left of / right of, unquoted text keeps colons', () => {
    const { text, ranges } = marked('note left of ⟦A⟧: ⟦waits: 2 RTO⟧');
    const n = only(text, 'note');
    assert.equal(n.position, 'left of');
    assert.deepEqual(n.targets, [{ name: 'A', range: ranges[0] }]);
    assert.deepEqual(n.text, { text: 'waits: 2 RTO', range: ranges[1] });
    assert.equal(only('NOTE RIGHT OF 서버 : 듣는 중', 'note').position, 'right of');
    assert.equal(only('NOTE RIGHT OF 서버 : 듣는 중', 'note').text.text, '듣는 중');
  });

  test('over two participants', () => {
    const { text, ranges } = marked('note over ⟦A⟧, ⟦B⟧: both');
    assert.deepEqual(only(text, 'note').targets, [
      { name: 'A', range: ranges[0] },
      { name: 'B', range: ranges[1] },
    ]);
    assert.deepEqual(only('note over A,B:both', 'note').targets.map((t) => t.name), ['A', 'B']);
  });

  test('syntax errors', () => {
    expectDiags('note ⟦A⟧: x', [['TF100', { expected: 'noteTarget', found: 'A' }]]);
    expectDiags('note left ⟦A⟧: x', [['TF100', { expected: 'noteTarget', found: 'A' }]]);
    expectDiags('note over ⟦:⟧ x', [['TF100', { expected: 'participant', found: ':' }]]);
    expectDiags('note over A ⟦text⟧', [['TF100', { expected: 'colon', found: 'text' }]]);
    expectDiags('note over A:⟦⟧   # nothing', [['TF100', { expected: 'noteText', found: '' }]]);
    expectDiags('note over A, B⟦,⟧ C: x', [['TF100', { expected: 'colon', found: ',' }]]);
    expectDiags('note left of A⟦,⟧ B: x', [['TF100', { expected: 'colon', found: ',' }]]);
    // An empty quoted text is text.
    assert.equal(only('note over A: ""', 'note').text.text, '');
  });
});

describe('wait', () => {
  test('the amount as written; is2MSL in any case', () => {
    const { text, ranges } = marked('⟦wait ⟦2MSL⟧⟧  # TIME_WAIT ends');
    assert.deepEqual(only(text, 'wait'), { kind: 'wait', line: 0, range: ranges[0], amount: { text: '2MSL', range: ranges[1] }, is2MSL: true });
    assert.equal(only('WAIT 2msl', 'wait').is2MSL, true);
    for (const amount of ['RTO', '200ms', '75 s', '2MSL later', '"2MSL"']) {
      const w = only(`wait ${amount}`, 'wait');
      assert.deepEqual([w.amount.text, w.is2MSL], [amount, false]);
    }
  });

  test('no amount: TF100 at the end of the line', () => {
    expectDiags('wait⟦⟧ # nothing', [['TF100', { expected: 'waitAmount', found: '' }]]);
  });

  test('an arrow after `wait` is a message from a participant named wait: TF100 on the arrow, not a silent wait', () => {
    expectDiags('wait ⟦->⟧ B: SYN seq=1', [['TF100', { expected: 'waitAmount', found: '->' }]]);
    expectDiags('Wait ⟦→⟧ B: SYN seq=1', [['TF100', { expected: 'waitAmount', found: '→' }]]);
    expectDiags('wait ⟦-x⟧ B: SYN seq=1', [['TF100', { expected: 'waitAmount', found: '-x' }]]);
    assert.equal(only('wait 2 -> 3 RTO', 'wait').amount.text, '2 -> 3 RTO');
  });
});

describe('state', () => {
  test('one or more NAME: STATE items', () => {
    const { text, ranges } = marked('⟦state ⟦A⟧: ⟦CLOSED⟧, ⟦B⟧: ⟦time-wait⟧⟧');
    assert.deepEqual(only(text, 'state'), {
      kind: 'state',
      line: 0,
      range: ranges[0],
      items: [
        { name: 'A', nameRange: ranges[1], state: { written: 'CLOSED', state: 'CLOSED', range: ranges[2] } },
        { name: 'B', nameRange: ranges[3], state: { written: 'time-wait', state: 'TIME_WAIT', range: ranges[4] } },
      ],
    });
    assert.equal(only('STATE 클라:LISTEN', 'state').items[0].state.state, 'LISTEN');
  });

  test('unknown state and syntax errors', () => {
    expectDiags('state A: ⟦OPEN⟧', [['TF101', { written: 'OPEN', nearest: 'CLOSED' }]]);
    expectDiags('state A ⟦CLOSED⟧', [['TF100', { expected: 'colon', found: 'CLOSED' }]]);
    expectDiags('state A: CLOSED,⟦⟧', [['TF100', { expected: 'participant', found: '' }]]);
    expectDiags('state A: CLOSED ⟦B⟧: LISTEN', [['TF100', { expected: 'endOfLine', found: 'B' }]]);
    expectDiags('state A:⟦⟧', [['TF100', { expected: 'state', found: '' }]]);
  });
});
