// Parser: message segments (SPEC §3.3) — flags and their joiners and aliases, textbook `SYN=1`,
// fields, symbolic values, seed notation, TF102/TF103/TF109 and segment syntax errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Field, MessageStmt, Segment } from '../../server/src/core/syntax/ast';
import { expectDiags, marked, only, parsePlain } from './parser-helpers';

const segmentOf = (line: string): Segment => only(line, 'message').segment;
const flagsOf = (segment: string): string[] => segmentOf(`A -> B: ${segment}`).flags.map((f) => f.flag);

describe('flags', () => {
  test('every flag name, any case', () => {
    assert.deepEqual(flagsOf('SYN ACK FIN RST PSH URG ECE CWR'), ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR']);
    assert.deepEqual(flagsOf('syn Ack fIN'), ['SYN', 'ACK', 'FIN']);
  });

  test('joined by `,` `+` `/` or spaces, with or without spaces around the joiner', () => {
    for (const written of ['SYN,ACK', 'SYN, ACK', 'SYN ,ACK', 'SYN+ACK', 'SYN + ACK', 'SYN/ACK', 'SYN / ACK', 'SYN ACK', 'syn, ack']) {
      assert.deepEqual(flagsOf(written), ['SYN', 'ACK'], written);
    }
    assert.deepEqual(flagsOf('FIN/ACK'), ['FIN', 'ACK']);
    assert.deepEqual(flagsOf('PSH+ACK, URG'), ['PSH', 'ACK', 'URG']);
  });

  test('each flag ranges over its own word', () => {
    const { text, ranges } = marked('A -> B: ⟦⟦SYN⟧ + ⟦ACK⟧⟧');
    const seg = segmentOf(text);
    assert.deepEqual(seg.flags, [
      { flag: 'SYN', range: ranges[1] },
      { flag: 'ACK', range: ranges[2] },
    ]);
    assert.deepEqual(seg.range, ranges[0]);
  });

  test('aliases SYN-ACK and SYNACK (any case): two FlagRefs sharing one range', () => {
    for (const alias of ['SYN-ACK', 'syn-ack', 'SYNACK', 'SynAck']) {
      const { text, ranges } = marked(`A -> B: ⟦${alias}⟧ seq=1`);
      assert.deepEqual(segmentOf(text).flags, [
        { flag: 'SYN', range: ranges[0] },
        { flag: 'ACK', range: ranges[0] },
      ], alias);
    }
    // Any two flags joined by `-` without spaces read the same way (FIN-ACK in many notes).
    assert.deepEqual(flagsOf('FIN-ACK'), ['FIN', 'ACK']);
  });

  test('`SYN - ACK` with spaces is not an alias', () => {
    expectDiags('A -> B: SYN ⟦-⟧ ACK', [['TF100', { expected: 'segment', found: '-' }]]);
  });

  test('textbook notation: FLAG=1 sets the flag, FLAG=0 leaves it unset; the FlagRef covers `SYN=1`', () => {
    const { text, ranges } = marked('A -> B: ⟦SYN=1⟧, ⟦ACK = 1⟧, FIN=0, seq=y, ack=x+1');
    const seg = segmentOf(text);
    assert.deepEqual(seg.flags, [
      { flag: 'SYN', range: ranges[0] },
      { flag: 'ACK', range: ranges[1] },
    ]);
    assert.deepEqual([seg.seq?.value?.text, seg.ack?.value?.text], ['y', 'x+1']);
    assert.deepEqual(flagsOf('syn=1 rst=0'), ['SYN']);
  });

  test('`ACK=1` in capitals is the flag; `ack=1` and `Ack=1` are the acknowledgment number', () => {
    assert.deepEqual(segmentOf('A -> B: ACK=1').fields, []);
    for (const written of ['ack=1', 'Ack=1', 'ACK=5']) {
      const seg = segmentOf(`A -> B: SYN ${written}`);
      assert.deepEqual(seg.flags.map((f) => f.flag), ['SYN'], written);
      assert.equal(seg.ack?.value?.num, Number(written.slice(4)), written);
      assert.equal(seg.ack?.writtenKey, written.slice(0, 3));
    }
  });

  test('`ACK=1` beside an ACK flag word is the acknowledgment number (`FIN,ACK SEQ=1 ACK=1`)', () => {
    for (const src of ['A -> B: FIN,ACK SEQ=1 ACK=1', 'A -> B: ACK=1 SEQ=1 FIN ACK', 'A -> B: SYN-ACK SEQ=0 ACK=1', 'A -> B: SYNACK ACK=0']) {
      const seg = segmentOf(src);
      assert.equal(seg.ack?.value?.text, src.includes('ACK=0') ? '0' : '1', src);
      assert.equal(seg.flags.filter((f) => f.flag === 'ACK').length, 1, src);
    }
    // Without one, it stays the textbook flag.
    assert.deepEqual(segmentOf('A -> B: FIN=1 ACK=1 SEQ=1').fields.map((f) => f.key), ['seq']);
  });

  test('any other value after a flag name is TF100 (expected value)', () => {
    expectDiags('A -> B: ACK SYN=⟦2⟧', [['TF100', { expected: 'value', found: '2' }]]);
    expectDiags('A -> B: FIN=⟦x+1⟧', [['TF100', { expected: 'value', found: 'x+1' }]]);
    expectDiags('A -> B: SYN=⟦⟧', [['TF100', { expected: 'value', found: '' }]]);
  });
});

describe('fields and values', () => {
  test('every known field; keys case-insensitive, written key kept', () => {
    const { text, ranges: r } = marked('A -> B: ACK ⟦⟦Seq⟧=⟦100⟧⟧ ⟦⟦ack⟧ = ⟦200⟧⟧ len=5 win=65535 mss=1460 wscale=7 ⟦⟦sackOK⟧⟧ ts=12345');
    const seg = segmentOf(text);
    const seq: Field = { key: 'seq', writtenKey: 'Seq', keyRange: r[1], value: { num: 100, text: '100', range: r[2] }, range: r[0] };
    const ack: Field = { key: 'ack', writtenKey: 'ack', keyRange: r[4], value: { num: 200, text: '200', range: r[5] }, range: r[3] };
    const sack: Field = { key: 'sackok', writtenKey: 'sackOK', keyRange: r[7], range: r[6] };
    assert.deepEqual(seg.fields[0], seq);
    assert.deepEqual(seg.fields[1], ack);
    assert.deepEqual(seg.fields[6], sack);
    assert.deepEqual(
      seg.fields.map((f) => [f.key, f.value?.num]),
      [['seq', 100], ['ack', 200], ['len', 5], ['win', 65535], ['mss', 1460], ['wscale', 7], ['sackok', undefined], ['ts', 12345]],
    );
    assert.equal(seg.seq, seg.fields[0]);
    assert.equal(seg.ack, seg.fields[1]);
    assert.equal(seg.len, seg.fields[2]);
  });

  test('symbols and symbol ± number, spaces allowed around the sign', () => {
    const cases: [string, { sym?: string; num: number; text: string }][] = [
      ['x', { sym: 'x', num: 0, text: 'x' }],
      ['isn_a', { sym: 'isn_a', num: 0, text: 'isn_a' }],
      ['ISS', { sym: 'ISS', num: 0, text: 'ISS' }],
      ['x+1', { sym: 'x', num: 1, text: 'x+1' }],
      ['b+101', { sym: 'b', num: 101, text: 'b+101' }],
      ['y-1', { sym: 'y', num: -1, text: 'y-1' }],
      ['x + 1', { sym: 'x', num: 1, text: 'x + 1' }],
      ['x - 0', { sym: 'x', num: 0, text: 'x - 0' }],
      ['0', { num: 0, text: '0' }],
      ['4294967295', { num: 4294967295, text: '4294967295' }],
      ['x+4294967295', { sym: 'x', num: 4294967295, text: 'x+4294967295' }],
    ];
    for (const [written, want] of cases) {
      const { text, ranges } = marked(`A -> B: ACK seq= ⟦${written}⟧ ack=1`);
      assert.deepEqual(segmentOf(text).seq?.value, { ...want, range: ranges[0] }, written);
    }
  });

  test('len, win, mss, wscale, ts take plain numbers only', () => {
    expectDiags('A -> B: ACK len=⟦n⟧', [['TF100', { expected: 'value', found: 'n' }]]);
    expectDiags('A -> B: ACK win=⟦w+1⟧', [['TF100', { expected: 'value', found: 'w+1' }]]);
  });

  test('TF102: a number above 4294967295 is reported on the number; the field stays without a value', () => {
    const r = expectDiags('A -> B: SYN seq=⟦4294967296⟧ ack=x+⟦99999999999⟧', [
      ['TF102', { text: '4294967296' }],
      ['TF102', { text: '99999999999' }],
    ]);
    const { ranges } = marked('A -> B: SYN ⟦⟦seq⟧=4294967296⟧');
    const seg = (r.doc.statements[0] as MessageStmt).segment;
    assert.deepEqual(seg.fields[0], { key: 'seq', writtenKey: 'seq', keyRange: ranges[1], range: ranges[0] });
    assert.deepEqual([seg.seq, seg.ack, seg.fields.length], [undefined, undefined, 2]);
  });

  test('TF103: an unknown key=value is kept (ValueRef when it reads as one, raw text otherwise)', () => {
    const { text, ranges } = marked('A -> B: ACK ⟦Foo⟧=⟦bar⟧ ⟦opt⟧=1.5 ⟦x⟧=a:b ack=1');
    const r = parsePlain(text);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, d.severity, d.range, d.args]),
      [
        ['TF103', 'warning', ranges[0], { key: 'Foo' }],
        ['TF103', 'warning', ranges[2], { key: 'opt' }],
        ['TF103', 'warning', ranges[3], { key: 'x' }],
      ],
    );
    const fields = (r.doc.statements[0] as MessageStmt).segment.fields;
    assert.deepEqual(fields[0].value, { sym: 'bar', num: 0, text: 'bar', range: ranges[1] });
    assert.deepEqual([fields[0].key, fields[0].writtenKey], ['foo', 'Foo']);
    assert.deepEqual([fields[1].rawValue, fields[1].value], ['1.5', undefined]);
    assert.deepEqual([fields[2].key, fields[2].rawValue], ['x', 'a:b']);
    assert.equal((r.doc.statements[0] as MessageStmt).segment.ack?.value?.num, 1);
  });

  test('TF109: a field written twice; the first is the one used', () => {
    const r = expectDiags('A -> B: ACK seq=1 ack=5 ⟦seq=2⟧ ⟦Seq=3⟧', [
      ['TF109', { key: 'seq' }],
      ['TF109', { key: 'seq' }],
    ]);
    assert.deepEqual(r.diagnostics.map((d) => d.severity), ['warning', 'warning']);
    const seg = (r.doc.statements[0] as MessageStmt).segment;
    assert.equal(seg.seq?.value?.num, 1);
    assert.equal(seg.fields.length, 4);
    expectDiags('A -> B: SYN(a) ⟦seq=b⟧', [['TF109', { key: 'seq' }]]);
    expectDiags('A -> B: ack=b ⟦ACK(a+1)⟧', [['TF109', { key: 'ack' }]]);
    expectDiags('A -> B: ACK win=1 ⟦win=2⟧', [['TF109', { key: 'win' }]]);
    // A field whose number was out of range (TF102) does not count as the first.
    const r2 = expectDiags('A -> B: ACK seq=⟦5000000000⟧ seq=7', [['TF102', { text: '5000000000' }]]);
    assert.equal((r2.doc.statements[0] as MessageStmt).segment.seq?.value?.num, 7);
  });
});

describe('seed notation', () => {
  test('SYN(V) and FIN(V) are the flag and seq=V; the field covers `SYN(V)`, the flag the word', () => {
    for (const flag of ['SYN', 'FIN', 'syn']) {
      const { text, ranges: r } = marked(`A -> B: ⟦⟦${flag}⟧(⟦x+1⟧)⟧`);
      const seg = segmentOf(text);
      const field: Field = { key: 'seq', writtenKey: 'seq', keyRange: r[1], value: { sym: 'x', num: 1, text: 'x+1', range: r[2] }, range: r[0], seed: true };
      assert.deepEqual(seg, { flags: [{ flag: flag.toUpperCase() as 'SYN', range: r[1] }], fields: [field], seq: field, range: r[0] });
    }
  });

  test('ACK(V) is the flag and ack=V: `ACK(a+1), SYN(b)` is SYN,ACK seq=b ack=a+1', () => {
    const seg = segmentOf('B -> A: ACK(a+1), SYN(b)');
    assert.deepEqual(seg.flags.map((f) => f.flag), ['ACK', 'SYN']);
    assert.deepEqual([seg.seq?.value?.sym, seg.seq?.value?.num, seg.ack?.value?.sym, seg.ack?.value?.num], ['b', 0, 'a', 1]);
    assert.deepEqual([seg.seq?.seed, seg.ack?.seed], [true, true]);
    assert.equal(segmentOf('A -> B: SYN(1000)').seq?.value?.num, 1000);
  });

  test('other flags take no seed; an open seed needs its `)`', () => {
    expectDiags('A -> B: RST⟦(⟧5)', [['TF100', { expected: 'segment', found: '(' }]]);
    expectDiags('A -> B: SYN(a⟦⟧', [['TF100', { expected: 'closeParen', found: '' }]]);
    expectDiags('A -> B: SYN(⟦)⟧', [['TF100', { expected: 'value', found: ')' }]]);
  });
});

describe('segment errors and recovery', () => {
  test('no segment at all: TF100 at the end of the line, the message is dropped', () => {
    const r = expectDiags('A -> B:⟦⟧   # forgot', [['TF100', { expected: 'segment', found: '' }]]);
    assert.deepEqual(r.doc.statements, []);
    expectDiags('A -> B: ⟦123⟧', [['TF100', { expected: 'segment', found: '123' }]]);
    expectDiags('A -> B: ⟦,⟧SYN', [['TF100', { expected: 'segment', found: ',' }]]);
  });

  test('an error after a usable item keeps the message with the items before it', () => {
    const cases: [string, string, string, string[]][] = [
      ['A -> B: SYN seq=100 ⟦)⟧', 'segment', ')', ['SYN', 'seq']],
      ['A -> B: SYN ⟦foo⟧ ACK', 'segment', 'foo', ['SYN']],
      ['A -> B: SYN seq=⟦⟧', 'value', '', ['SYN']],
      ['A -> B: SYN seq⟦⟧', 'value', '', ['SYN']],
      ['A -> B: SYN seq ⟦ack⟧=1', 'value', 'ack', ['SYN']],
      ['A -> B: SYN seq=x+⟦⟧', 'value', '', ['SYN']],
      ['A -> B: ACK seq=x+⟦y⟧', 'value', 'y', ['ACK']],
      ['A -> B: SYN ⟦@⟧', 'segment', '@', ['SYN']],
      ['A -> B: ACK, SYN=⟦5⟧ "label dropped"', 'value', '5', ['ACK']],
      ['A -> B: SYN "label kept" ⟦extra⟧', 'endOfLine', 'extra', ['SYN']],
    ];
    for (const [src, expected, found, kept] of cases) {
      const r = expectDiags(src, [['TF100', { expected, found }]]);
      assert.equal(r.doc.statements.length, 1, src);
      const m = r.doc.statements[0] as MessageStmt;
      assert.deepEqual([...m.segment.flags.map((f) => f.flag), ...m.segment.fields.map((f) => f.key)], kept, src);
      assert.equal(m.label?.text, src.includes('label kept') ? 'label kept' : undefined, src);
    }
  });

  test('TF107: an unterminated label runs to the end of the line; the message keeps it', () => {
    const r = expectDiags('A -> B: SYN ⟦"oops # not a comment⟧  ', [['TF107', {}]]);
    assert.equal((r.doc.statements[0] as MessageStmt).label?.text, 'oops # not a comment');
  });

  test('segment.range runs from the first to the last segment token, label excluded', () => {
    const { text, ranges } = marked('A -> B: ⟦FIN=0, ACK seq=1 ack=x + 1⟧ "done" # c');
    assert.deepEqual(segmentOf(text).range, ranges[0]);
  });
});
