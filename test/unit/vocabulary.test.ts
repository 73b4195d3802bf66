// The language's words are written once (server/src/core/syntax/vocabulary.ts): what each list
// derived from it must hold, and the assets that cannot import it — the TextMate grammar and the
// language configuration — checked against it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAMMAR_FILE, tmLanguageText } from '../../scripts/tmLanguage';
import { lexLines } from '../../server/src/core/syntax/scanner';
import { otherSpellings, parseStateName } from '../../server/src/core/syntax/states';
import * as T from '../../server/src/core/syntax/tokens';
import {
  FLAG_BIT,
  FLAG_DISPLAY_ORDER,
  FLAGS,
  NEVER_TOGETHER,
  STATE_ALIASES,
  STATE_NAMES,
  STATEMENT_KEYWORDS,
  WIRE_BIT,
  fieldKey,
  isBareField,
  isName,
  isNumericField,
  neverWith,
  seedField,
  standsAlone,
} from '../../server/src/core/syntax/vocabulary';

const root = join(__dirname, '..', '..');
const tokensOf = (text: string) => {
  const out: { image: string; type: string }[] = [];
  lexLines(text, (_s, l) => out.push(...l.tokens.map((t) => ({ image: t.image, type: t.tokenType.name }))));
  return out;
};

describe('vocabulary', () => {
  it('flags: SPEC order, display order, the TCP header bits (RFC 9293 §3.1, RFC 3168 §6.1), seeds', () => {
    assert.deepEqual(FLAGS, ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR']);
    assert.deepEqual(FLAG_DISPLAY_ORDER, ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR']);
    assert.deepEqual(WIRE_BIT, { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 });
    // The checker's bits: distinct powers of two, rising in display order.
    assert.deepEqual(FLAG_DISPLAY_ORDER.map((f) => FLAG_BIT[f]), [1, 2, 4, 8, 16, 32, 64, 128]);
    assert.deepEqual(FLAGS.map(seedField), ['seq', 'ack', 'seq', undefined, undefined, undefined, undefined, undefined]);
  });

  it('never together: SYN with FIN or RST, both ways', () => {
    assert.deepEqual(NEVER_TOGETHER, [['SYN', 'FIN'], ['SYN', 'RST']]);
    assert.deepEqual([neverWith('SYN'), neverWith('FIN'), neverWith('RST'), neverWith('ACK')], [['FIN', 'RST'], ['SYN'], ['SYN'], []]);
  });

  it('every keyword and flag word lexes as its keyword in any case, and nothing else does', () => {
    const words = [...STATEMENT_KEYWORDS, 'as', 'over', 'left', 'right', 'of', 'synack', ...FLAGS.map((f) => f.toLowerCase())];
    assert.deepEqual([...T.KEYWORDS.keys()].sort(), [...words].sort());
    for (const w of words) {
      for (const spelled of [w, w.toUpperCase(), w.charAt(0).toUpperCase() + w.slice(1)]) {
        assert.equal(tokensOf(spelled)[0].type, T.KEYWORDS.get(w)!.name, spelled);
      }
    }
    assert.equal(tokensOf('titles')[0].type, 'Identifier');
    assert.deepEqual(STATEMENT_KEYWORDS.filter(standsAlone), ['par', 'and', 'end']);
  });

  it('field keys: spelling, numbers, bare options', () => {
    assert.deepEqual(['SEQ', 'Ack', 'sackok', 'foo'].map(fieldKey), ['seq', 'ack', 'sackOK', undefined]);
    assert.deepEqual(['seq', 'ack', 'len', 'win', 'sackok'].map(isNumericField), [false, false, true, true, true]);
    assert.deepEqual(['sackok', 'seq', 'foo'].map(isBareField), [true, false, false]);
  });

  it('state spellings: every alias and every spelling completion offers names its state', () => {
    assert.deepEqual(Object.keys(STATE_ALIASES), ['SYN_RCVD', 'SYN_RCV', 'SYN_RECV']);
    for (const [spelled, state] of otherSpellings()) assert.equal(parseStateName(spelled), state, spelled);
    for (const name of STATE_NAMES) assert.equal(parseStateName(name.toLowerCase().replace(/_/g, '-')), name);
  });

  it('names: a letter, then letters, marks, digits or _', () => {
    assert.deepEqual(['A', '클라이언트', 'isn_a', 'x1', '1x', '_a', 'a-b', ''].map(isName), [true, true, true, true, false, false, false, false]);
  });
});

describe('assets made from the vocabulary', () => {
  it('syntaxes/tcpflow.tmLanguage.json is what scripts/tmLanguage.ts makes (run it to write it again)', () => {
    assert.equal(readFileSync(GRAMMAR_FILE, 'utf8'), tmLanguageText());
  });

  it('the grammar colours every state spelling, SYN_RECV and SYN-RECV included', () => {
    const grammar = JSON.parse(readFileSync(GRAMMAR_FILE, 'utf8'));
    const assertion = new RegExp(grammar.repository['state-assertion'].match.replaceAll('(?i:', '(?:'), 'iu');
    const stateLine = new RegExp(grammar.repository['state-statement'].patterns[1].match.replaceAll('(?i:', '(?:'), 'iu');
    const spellings = [...STATE_NAMES, ...otherSpellings().map(([s]) => s), 'syn-recv', 'SYN_RECV'];
    for (const s of spellings) {
      assert.equal(assertion.exec(`(${s})`)?.[2], s, `(${s})`);
      assert.equal(stateLine.exec(`A: ${s}`)?.[3], s, `A: ${s}`);
    }
    assert.equal(assertion.exec('(SYN_RECVD)')?.[2], undefined);
  });

  it('language-configuration.json indents after par and and, and outdents and and end', () => {
    const conf = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8'));
    const inc = new RegExp(conf.indentationRules.increaseIndentPattern);
    const dec = new RegExp(conf.indentationRules.decreaseIndentPattern);
    const opens = STATEMENT_KEYWORDS.filter((k) => standsAlone(k) && k !== 'end');
    const closes = STATEMENT_KEYWORDS.filter((k) => standsAlone(k) && k !== 'par');
    for (const k of STATEMENT_KEYWORDS) {
      assert.equal(inc.test(k.toUpperCase()), opens.includes(k), `increase after ${k}`);
      assert.equal(dec.test(k), closes.includes(k), `decrease at ${k}`);
    }
  });
});
