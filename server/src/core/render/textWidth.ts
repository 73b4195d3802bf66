// A rough width for text Mermaid lays out: enough to rank candidates for the widest line of a kind
// (the preview measures the few best-ranked ones exactly in the browser). In ems of a proportional
// sans-serif font: narrow punctuation and `i`, `l` a quarter, Hangul and CJK a whole em.

const ASCII = new Float32Array(128).fill(0.55);
const set = (chars: string, w: number): void => {
  for (const c of chars) ASCII[c.charCodeAt(0)] = w;
};
for (let c = 97; c <= 122; c++) ASCII[c] = 0.52; // a–z
for (let c = 65; c <= 90; c++) ASCII[c] = 0.68; // A–Z
for (let c = 48; c <= 57; c++) ASCII[c] = 0.56; // 0–9
set(' ', 0.28);
set("ijl|!.,:;'`", 0.25);
set('ftr()[]{}I/\\-', 0.35);
set('mwMW@%', 0.85);

/** East Asian wide letters (Hangul, CJK, kana, full-width forms) and emoji-like symbols. */
const WIDE = /[\u1100-\u11ff\u2600-\u27bf\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/;
const MARK = /\p{M}/u;

export function estimateWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      w += ASCII[c];
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a surrogate pair: counted with the first
    const ch = text[i];
    w += WIDE.test(ch) || (c >= 0xd800 && c <= 0xdbff) ? 1 : MARK.test(ch) ? 0 : 0.6;
  }
  return w;
}

/** Text as Mermaid shows it: its entity codes (`#59;`, which escapeMermaidText writes) decoded. */
export function shownText(mermaidText: string): string {
  if (!mermaidText.includes('#')) return mermaidText;
  return mermaidText.replace(/#(\d{1,7});/g, (m, code: string) => {
    const cp = Number(code);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}
