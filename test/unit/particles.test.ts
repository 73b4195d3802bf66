// Korean particles chosen from the word they follow, read aloud (server/src/core/i18n/particles.ts,
// reading.ts), and every text of the Korean catalogue rendered with realistic words: no generic
// `은(는)`-style particle is left, and each particle agrees with the word before it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { finalSound } from '../../server/src/core/i18n/reading';
import { josa, particle } from '../../server/src/core/i18n/particles';
import { en } from '../../server/src/core/i18n/en';
import { ko } from '../../server/src/core/i18n/ko';
import { renderAll, WORD_SETS, type Ending } from './catalogRenders';

describe('Korean particles: how a word ends when read aloud', () => {
  const cases: [string, Ending][] = [
    // Hangul: the final consonant of the last syllable (ㄹ apart).
    ['클라이언트', 'vowel'], ['서버', 'vowel'], ['손님', 'consonant'], ['상대방', 'consonant'], ['서울', 'rieul'], ['물', 'rieul'],
    // Digits as Korean reads the number (Sino-Korean): 일 이 삼 사 오 육 칠 팔 구, 영, 십 백 천 만 억 조.
    ['1', 'rieul'], ['2', 'vowel'], ['3', 'consonant'], ['4', 'vowel'], ['5', 'vowel'], ['6', 'consonant'], ['7', 'rieul'], ['8', 'rieul'], ['9', 'vowel'],
    ['0', 'consonant'], ['10', 'consonant'], ['100', 'consonant'], ['101', 'rieul'], ['300', 'consonant'], ['1000', 'consonant'], ['10000', 'consonant'],
    ['200000', 'consonant'], ['100000000', 'consonant'], ['1000000000000', 'vowel'], ['4294967295', 'vowel'], ['x+1', 'rieul'], ['b+102', 'vowel'],
    // The words of TCP as they are said: SYN 신, ACK 액, FIN 핀; RST 알에스티, NXT 엔엑스티 letter by letter.
    ['SYN', 'consonant'], ['ACK', 'consonant'], ['FIN', 'consonant'], ['RST', 'vowel'], ['PSH', 'vowel'], ['CWR', 'rieul'], ['SYN,ACK', 'consonant'],
    ['SYNACK', 'consonant'], ['RCV.NXT', 'vowel'], ['ack', 'consonant'], ['seq', 'vowel'], ['len', 'consonant'], ['wscale', 'rieul'], ['sackOK', 'vowel'],
    // States, by their last word.
    ['CLOSED', 'vowel'], ['LISTEN', 'consonant'], ['SYN_SENT', 'vowel'], ['SYN_RECEIVED', 'vowel'], ['ESTABLISHED', 'vowel'], ['FIN_WAIT_1', 'rieul'],
    ['FIN_WAIT_2', 'vowel'], ['CLOSE_WAIT', 'vowel'], ['CLOSING', 'consonant'], ['LAST_ACK', 'consonant'], ['TIME_WAIT', 'vowel'], ['SYN_RCVD', 'vowel'],
    // Single letters by their names (A 에이, L 엘, M 엠, N 엔, R 알, X 엑스); acronyms letter by letter; words as loanwords.
    ['A', 'vowel'], ['B', 'vowel'], ['L', 'rieul'], ['M', 'consonant'], ['N', 'consonant'], ['R', 'rieul'], ['x', 'vowel'], ['TCP', 'vowel'], ['HTTP', 'vowel'],
    ['2MSL', 'rieul'], ['Client', 'vowel'], ['Server', 'vowel'], ['socket', 'consonant'], ['ping', 'consonant'], ['mail', 'rieul'], ['time', 'consonant'],
    // Quotes are not read, nor a parenthesis after a word; a lone symbol by its name.
    ["'SYN'", 'consonant'], ['"클라이언트"', 'vowel'], ['ack(101)', 'consonant'], ['SYN,ACK(또는 SYN)', 'consonant'], ["'(STATE)'", 'vowel'],
    ["':'", 'consonant'], ["'_'", 'rieul'], ["'<'", 'vowel'], ["')'", 'vowel'], ['', 'vowel'],
  ];
  for (const [word, ending] of cases) it(`${JSON.stringify(word)} ends on ${ending === 'rieul' ? 'ㄹ' : `a ${ending}`}`, () => assert.equal(finalSound(word), ending));
});

describe('Korean particles: the form after a word', () => {
  it('은/는, 이/가, 을/를, 과/와 by the final consonant', () => {
    assert.deepEqual(
      ['SYN', 'ACK', 'RST', '클라이언트', '상대방'].map((w) => [josa(w, '은/는'), josa(w, '이/가'), josa(w, '을/를'), josa(w, '과/와')].join(' ')),
      ['SYN은 SYN이 SYN을 SYN과', 'ACK은 ACK이 ACK을 ACK과', 'RST는 RST가 RST를 RST와', '클라이언트는 클라이언트가 클라이언트를 클라이언트와', '상대방은 상대방이 상대방을 상대방과'],
    );
  });
  it('(으)로: 으로 after a consonant, 로 after a vowel and after ㄹ', () => {
    assert.deepEqual(['LISTEN', 'SYN_SENT', 'x+1', '서울', 300].map((w) => josa(w, '으로/로')), ['LISTEN으로', 'SYN_SENT로', 'x+1로', '서울로', '300으로']);
  });
  it('the copula contracts after a vowel: 이어야/여야, 이면/면', () => {
    assert.deepEqual([josa(102, '이어야/여야'), josa(101, '이어야/여야'), josa('len=2', '이면/면'), josa('len=3', '이면/면')], ['102여야', '101이어야', 'len=2면', 'len=3이면']);
  });
  it('a missing word takes the vowel form and shows nothing', () => assert.equal(josa(undefined, '이/가'), '가'));
  it('particle() gives the form alone', () => assert.equal(particle('FIN', '을/를'), '을'));
});

/** Particle forms after a consonant, after a vowel, after ㄹ. */
const FORMS: [string, string, string][] = [
  ['은', '는', '은'], ['이', '가', '이'], ['을', '를', '을'], ['과', '와', '과'], ['으로', '로', '로'], ['이어야', '여야', '이어야'], ['이면', '면', '이면'], ['이나', '나', '이나'], ['이라서', '라서', '이라서'],
];
const FORM_INDEX: Record<Ending, number> = { consonant: 0, vowel: 1, rieul: 2 };
/** Hangul after a word that is no particle of the list: case endings and copulas that fit any word. */
const NEUTRAL = new Set(['의', '에서', '에', '에서는', '입니다', '이고', '이므로', '이라', '번', '개', '까지', '부터', '만', '도', '인', '뒤', '바이트', '비트', '초', '쪽', '밀리초', '개를', '개가', '개의', '개는', '보다', '처럼', '비트로', '까지입니다', '바이트로', '바이트마다', '일', '이거나', '만큼', '에도',
  // Counters of characters and lines (TF110, TF111): no particle.
  '자', '자입니다', '자까지만', '줄', '줄만']);

/** How the oracle reads the words the texts put before a particle: written out by hand, not computed. */
const READ: Record<string, Ending> = {
  SYN: 'consonant', ACK: 'consonant', FIN: 'consonant', RST: 'vowel', PSH: 'vowel', CWR: 'rieul', URG: 'vowel', ECE: 'vowel', NXT: 'vowel', UNA: 'vowel', MSL: 'rieul',
  seq: 'vowel', ack: 'consonant', len: 'consonant', wscale: 'rieul', ISS: 'vowel', IRS: 'vowel', CE: 'vowel', ECN: 'consonant', SACK: 'consonant',
  CLOSED: 'vowel', LISTEN: 'consonant', SENT: 'vowel', RECEIVED: 'vowel', ESTABLISHED: 'vowel', WAIT: 'vowel', CLOSING: 'consonant', Client: 'vowel', STATE: 'vowel',
  A: 'vowel', B: 'vowel', L: 'rieul', M: 'consonant', N: 'consonant', R: 'rieul', x: 'vowel', b: 'vowel', a: 'vowel', sackOK: 'vowel', statement: 'vowel', as: 'vowel',
  '<': 'vowel', ':': 'consonant', _: 'rieul', ')': 'vowel', "'": 'vowel', '—': 'vowel', '-': 'consonant', '>': 'vowel', '.': 'consonant', PAWS: 'vowel', TSval: 'rieul', RTO: 'vowel',
  '"': 'vowel', and: 'vowel', end: 'vowel', Open: 'consonant', SVG: 'vowel', Markdown: 'consonant', Mermaid: 'vowel', sync: 'vowel', px: 'vowel', MSL_: 'rieul',
};
/** Numbers read in Sino-Korean, by hand: the last word of the reading. */
const NUMBERS: Record<string, Ending> = {
  0: 'consonant', 1: 'rieul', 2: 'vowel', 3: 'consonant', 6: 'consonant', 7: 'rieul', 8: 'rieul', 9: 'vowel', 10: 'consonant', 99: 'vowel', 100: 'consonant',
  101: 'rieul', 102: 'vowel', 300: 'consonant', 1000: 'consonant', 4294967295: 'vowel', 4294967296: 'consonant', 4294967298: 'rieul', 4294967299: 'vowel',
  32: 'vowel', 5961: 'rieul', 9293: 'consonant', 3168: 'rieul', 7413: 'consonant', 7323: 'consonant', 2018: 'rieul', 6093: 'consonant',
};

/** The word a particle follows: the last run of letters, digits or one symbol, past quotes and a parenthesis after a word. */
function lastWord(token: string): string {
  const t = token.replace(/['"`]+$/, '').replace(/(?<=[\p{L}\p{N}])\([^()]*\)$/u, '').replace(/['"`]+$/, '').replace(/(?<=[\p{L}\p{N}])\)+$/u, '');
  return /[0-9]+$/.exec(t)?.[0] ?? /[A-Z]?[a-z]+$|[A-Z]+$/.exec(t)?.[0] ?? (t || token).slice(-1);
}

function hangulEnding(word: string): Ending {
  const f = (word.charCodeAt(word.length - 1) - 0xac00) % 28;
  return f === 0 ? 'vowel' : f === 8 ? 'rieul' : 'consonant';
}

/** Every (word, the Hangul right after it) in a text: a Latin word, a number or a quoted token, and the set's Hangul names. */
function attachments(text: string, hangulWords: string[]): { word: string; ending: Ending | undefined; after: string }[] {
  const out: { word: string; ending: Ending | undefined; after: string }[] = [];
  const plain = text.replace(/(?<=[\p{L}\p{N}'"])\([^()]*\)(?=[가-힣])/gu, '');
  for (const m of plain.matchAll(/([^\s가-힣]*[^\s가-힣([{‘“])([가-힣]+)/gu)) {
    // An opening quote: `"클라이언트"는`.
    if (/^["'`]$/.test(m[1]) && plain[m.index + m[0].length] === m[1]) continue;
    // A closing quote after Hangul: `"손님"은` is read 손님.
    const before = plain[m.index - 1] ?? '';
    if (/^["'`]+$/.test(m[1]) && /[가-힣]/.test(before)) {
      out.push({ word: before + m[1], ending: hangulEnding(before), after: m[2] });
      continue;
    }
    const word = lastWord(m[1]);
    out.push({ word, ending: /^[0-9]+$/.test(word) ? NUMBERS[word] : READ[word], after: m[2] });
  }
  for (const w of hangulWords) {
    for (const m of plain.matchAll(new RegExp(`(?<![가-힣])${w}([가-힣]+)`, 'g'))) out.push({ word: w, ending: hangulEnding(w), after: m[1] });
  }
  return out;
}

describe('Korean particles: every text of the Korean catalogue', () => {
  const rendered = renderAll(ko);
  const names = WORD_SETS.flatMap((s) => Object.values(s.args).filter((v): v is string => typeof v === 'string' && /^[가-힣]+$/.test(v)));

  it(`renders ${rendered.length} texts, none with a missing argument`, () => {
    assert.ok(rendered.length > 1000);
    for (const r of rendered) assert.doesNotMatch(r.text, /undefined|NaN|\[object/, `${r.where}: ${r.text}`);
  });

  it('leaves no generic particle: 은(는), 이(가), 을(를), 와(과), (으)로, (이)면', () => {
    for (const r of rendered) assert.doesNotMatch(r.text, /[은는이가을를와과]\([은는이가을를와과]\)|\(으\)|\(이\)/, `${r.where}: ${r.text}`);
  });

  it('every particle agrees with the word before it, read aloud', () => {
    const unknown = new Set<string>();
    const wrong = new Set<string>();
    let checked = 0;
    for (const r of rendered) {
      for (const { word, ending, after } of attachments(r.text, names)) {
        const form = FORMS.find((f) => f.includes(after));
        if (!form) {
          if (!NEUTRAL.has(after)) unknown.add(`${word}+${after} (${r.where}: ${r.text})`);
          continue;
        }
        if (!ending) {
          unknown.add(`${word}? (${r.where}: ${r.text})`);
          continue;
        }
        checked++;
        const right = form[FORM_INDEX[ending]];
        if (after !== right) wrong.add(`${word}${after} → ${word}${right} (${r.where}: ${r.text})`);
      }
    }
    assert.deepEqual([...unknown].slice(0, 20), [], 'a word or an ending the test does not know yet');
    assert.deepEqual([...wrong].slice(0, 20), [], 'particles that do not agree with their word');
    assert.ok(checked > 3000, `only ${checked} particles checked`);
  });

  it('the English catalogue renders the same texts with every argument in place', () => {
    for (const r of renderAll(en)) assert.doesNotMatch(r.text, /undefined|NaN|\[object/, `${r.where}: ${r.text}`);
  });
});
