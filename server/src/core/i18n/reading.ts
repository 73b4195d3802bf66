// How a word ends when read aloud in Korean: on a vowel, on ㄹ, or on another final consonant
// (받침). Korean particles are chosen from it (particles.ts). The words that reach a message are
// participant names (`클라이언트`, `A`, `Server`), flags (`SYN,ACK`), states (`FIN_WAIT_1`),
// numbers and symbolic values (`x+1`, `4294967295`) and quoted tokens (`'<'`). The rules:
// - a Hangul syllable: its final consonant, if any (ㄹ apart);
// - digits: the number read in Sino-Korean: 1 일 (ㄹ), 2 이, 3 삼, 6 육, 10 십, 100 백, 1000 천,
//   10000 만 … (only the last word counts: 101 백일 ends on ㄹ, 300 삼백 on ㄱ, 0 영 on ㅇ);
// - Latin letters: the last word, split at `_`, digits and camelCase (`SYN_SENT` → `SENT`,
//   `sackOK` → `OK`); the words of TCP as they are said (`SYN` 신, `ACK` 액, `FIN` 핀); a single
//   letter or an acronym (all capitals, at most three letters or no vowel) letter by letter, by its
//   last letter's name (`RST` 알에스티 ends on a vowel, `CWR` on 알: ㄹ; L 엘, M 엠, N 엔, R 알);
//   other words as Korean writes loanwords (외래어 표기법): -ng ㅇ, -m/-n ㄴ·ㅁ, -l/-le ㄹ, a short
//   vowel before a final k/p/t a final consonant (`stack` 스택, `socket` 소켓), anything else a
//   vowel (`server` 서버, `client` 클라이언트, `closed` 클로즈드);
// - quotes are not read (`'SYN'`), nor a parenthesis after a word: the particle follows the word
//   before it, as in 국제연합(UN)은 (`ack(101)` → ack); a lone symbol by its name (`:` 콜론,
//   `_` 밑줄, `)` 괄호); anything else (other scripts) as a vowel.
export type FinalSound = 'vowel' | 'rieul' | 'consonant';

const V: FinalSound = 'vowel';
const R: FinalSound = 'rieul';
const C: FinalSound = 'consonant';

/** Words of TCP whose reading the general rules would miss (lower case). */
const WORDS: Record<string, FinalSound> = {
  syn: C, // 신
  ack: C, // 액
  synack: C, // 신액
  fin: C, // 핀
  psh: V, // 푸시
  bit: V, // 비트
};

/** The name of each Latin letter as Korean says it: only L 엘, R 알 (ㄹ) and M 엠, N 엔 end on a consonant. */
function letterSound(letter: string): FinalSound {
  const l = letter.toLowerCase();
  return l === 'l' || l === 'r' ? R : l === 'm' || l === 'n' ? C : V;
}

/** 0 영 1 일 2 이 3 삼 4 사 5 오 6 육 7 칠 8 팔 9 구. */
const DIGIT: readonly FinalSound[] = [C, R, V, C, V, V, C, R, R, V];
/** 십 백 천 (within a group of four digits), then 만 억 조 경 (each group of four). */
const PLACE: readonly FinalSound[] = [C, C, C];
const GROUP: readonly FinalSound[] = [C, C, V, C];

function numberSound(digits: string): FinalSound {
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  if (zeros === digits.length) return C; // 영
  if (zeros === 0) return DIGIT[Number(digits[digits.length - 1])];
  if (zeros < 4) return PLACE[zeros - 1];
  return GROUP[Math.min(Math.floor(zeros / 4), GROUP.length) - 1];
}

function latinSound(word: string): FinalSound {
  const lower = word.toLowerCase();
  const known = WORDS[lower];
  if (known) return known;
  if (word.length === 1) return letterSound(word);
  if (word === word.toUpperCase() && (word.length <= 3 || !/[AEIOU]/.test(word))) return letterSound(word[word.length - 1]);
  return englishSound(lower);
}

/** A word read as an English loanword, by how it ends (외래어 표기법 제3장). */
function englishSound(w: string): FinalSound {
  if (/ng$/.test(w)) return C; // closing 클로징
  if (/[mn]$|[aeiou][mn]e$/.test(w)) return C; // listen 리슨, time 타임, line 라인
  if (/l$|le$/.test(w)) return R; // wscale 스케일, mail 메일, table 테이블
  if (/(^|[^aeiou])[aeiou](ck|k|p|t)$/.test(w)) return C; // stack 스택, top 톱, socket 소켓
  return V;
}

/** Names of the symbols a quoted token may be; other symbols read as a vowel. */
const SYMBOLS: Record<string, FinalSound> = {
  ':': C, // 콜론
  ';': C, // 세미콜론
  '-': C, // 하이픈
  '#': C, // 샵
  '^': C, // 캐럿
  _: R, // 밑줄
  '|': R, // 세로줄
  '~': R, // 물결
  '.': C, // 점
};

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const RIEUL_FINAL = 8;
const JAMO_RIEUL = 0x3139;

function hangulSound(ch: string): FinalSound | undefined {
  const c = ch.charCodeAt(0);
  if (c >= HANGUL_FIRST && c <= HANGUL_LAST) {
    const final = (c - HANGUL_FIRST) % 28;
    return final === 0 ? V : final === RIEUL_FINAL ? R : C;
  }
  // A lone jamo by its name: ㄱ 기역, ㄹ 리을, ㅏ 아.
  if (c >= 0x3131 && c <= 0x314e) return c === JAMO_RIEUL ? R : C;
  if (c >= 0x314f && c <= 0x3163) return V;
  return undefined;
}

// Quotes ‘’ “” «» 「」 『』 and brackets 〉》 as escapes: the CLI's bundle stays ASCII, which it reads
// faster (server/src/cli/main.ts).
const QUOTES = /[\s'"`\u2018\u2019\u201c\u201d\u00ab\u00bb\u300c\u300d\u300e\u300f]+$/u;
let afterWord: { parenthesis: RegExp; closers: RegExp } | undefined;
/** Made on first use: reading their `\p{…}` classes costs a start-up that never reads Korean (issue 13). */
const afterWordRegExps = (): { parenthesis: RegExp; closers: RegExp } =>
  (afterWord ??= {
    /** A parenthesis after a word (`SYN,ACK(또는 SYN)`, `ack(101)`): not read. */
    parenthesis: /(?<=[\p{L}\p{N}])\([^()]*\)$/u,
    /** Closing brackets after a letter or digit (`'(STATE)'`). */
    closers: /(?<=[\p{L}\p{N}])[)\]}>\u3009\u300b]+$/u,
  });

export function finalSound(word: string): FinalSound {
  const { parenthesis, closers } = afterWordRegExps();
  const text = word.replace(QUOTES, '').replace(parenthesis, '').replace(QUOTES, '').replace(closers, '');
  if (!text) return V;
  const last = text[text.length - 1];
  const hangul = hangulSound(last);
  if (hangul) return hangul;
  const digits = /[0-9]+$/.exec(text);
  if (digits) return numberSound(digits[0]);
  const latin = /[A-Za-z]+$/.exec(text);
  if (latin) return latinSound(/[A-Z]?[a-z]+$|[A-Z]+$/.exec(latin[0])![0]);
  return SYMBOLS[last] ?? V;
}
