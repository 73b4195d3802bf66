// Text from the input, made safe to quote in a message a person reads (a terminal, a hover, a
// diagnostic): every character that is invisible or that moves or reorders what follows it is
// shown as an escape (`\u202e`), so a file can never make a message read differently from what
// it says ("Trojan Source", CVE-2021-42574) or move a terminal's cursor. Pure: the CLI, the
// language server and the tests share it. Machine-readable output (JSON) keeps the exact text.

/**
 * Control (Cc: C0, DEL, C1), format (Cf: bidi embeddings, overrides, isolates and marks,
 * zero-width space/joiners, word joiner, soft hyphen, BOM, tag characters), line and paragraph
 * separators (Zl, Zp) and lone surrogates (Cs).
 */
let hidden: { one: RegExp; all: RegExp } | undefined;
/** Made on first use: reading a `\p{…}` class costs a start-up that never quotes text (issue 13). */
const hiddenRegExps = (): { one: RegExp; all: RegExp } =>
  (hidden ??= { one: /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u, all: /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu });

/** `\u202e` for a BMP code point, `\u{e0041}` beyond it: how JavaScript and JSON readers write them. */
export function escapeCodePoint(cp: number): string {
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** Whether the text holds a character `visible` would escape. */
export function hasHidden(s: string): boolean {
  return hiddenRegExps().one.test(s);
}

/**
 * The text with every hidden or reordering character written as `\uXXXX`: one line (line breaks
 * and tabs included), the same text otherwise. Linear: one pass, no backtracking.
 */
export function visible(s: string): string {
  if (!hiddenRegExps().one.test(s)) return s;
  return s.replace(hiddenRegExps().all, (ch) => escapeCodePoint(ch.codePointAt(0)!));
}
