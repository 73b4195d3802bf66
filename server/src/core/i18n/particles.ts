// Korean particles (조사) chosen from the word they follow, as it is read aloud: `SYN은`, `ACK을`,
// `클라이언트는`, `서버가`, `x+1로`. A particle's form depends on whether the reading ends in a
// final consonant (받침), and for (으)로 on whether that consonant is ㄹ. The reading rules for
// Latin letters and digits are in reading.ts (why not es-hangul: docs/language.md, "Korean").
import { finalSound } from './reading';

/** Each particle as `after a final consonant/after a vowel`. */
export type Particle = '은/는' | '이/가' | '을/를' | '과/와' | '으로/로' | '이어야/여야' | '이면/면';

/** The particle's form after `word`: `SYN` + 이/가 → `이`. */
export function particle(word: string | number | undefined, p: Particle): string {
  const [afterConsonant, afterVowel] = p.split('/');
  const sound = finalSound(String(word ?? ''));
  if (sound === 'vowel') return afterVowel;
  // (으)로 after ㄹ is 로: 서울로, 1(일)로 (한글 맞춤법 제4장).
  if (sound === 'rieul' && p === '으로/로') return afterVowel;
  return afterConsonant;
}

/** `word` and its particle: josa('SYN', '을/를') → `SYN을`. */
export function josa(word: string | number | undefined, p: Particle): string {
  return `${word ?? ''}${particle(word, p)}`;
}
