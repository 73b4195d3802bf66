// Text the hovers put in Markdown: user text (labels, names) and messages quoting it must not turn
// into markup.

/** Escapes Markdown's markup characters; `_` inside a word is safe and stays. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*[\]<>|~#]/g, '\\$&').replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
}
