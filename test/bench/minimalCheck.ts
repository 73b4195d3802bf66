// The baseline of `npm run bench`: about the least a checker of a flow must do, in one pass and
// keeping nothing but each direction's next sequence number: split the text into lines, read each
// message's sender, receiver and numbers with one regular expression, and compare `seq` with what
// the sender sent before. No tree, no diagnostics, no states, no messages in two languages: how far
// the real analysis is above it says what its layers (a lossless tree, semantics, every rule) cost.
const MESSAGE = /^(\w+)(?:\([^)]*\))?\s*->\s*(\w+)(?:\([^)]*\))?\s*:\s*([A-Z,]+)(?:.*?\bseq=(\d+))?(?:.*?\back=(\d+))?(?:.*?\blen=(\d+))?/;

/** How many messages carry a `seq` other than the one their sender's last segment implies. */
export function minimalCheck(text: string): number {
  const next = new Map<string, number>();
  let wrong = 0;
  for (const line of text.split('\n')) {
    const m = MESSAGE.exec(line);
    if (!m) continue;
    const [, from, to, flags, seq, , len] = m;
    if (seq === undefined) continue;
    const key = `${from}>${to}`;
    const expected = next.get(key);
    const s = Number(seq);
    if (expected !== undefined && expected !== s) wrong++;
    next.set(key, s + Number(len ?? 0) + (/SYN|FIN/.test(flags) ? 1 : 0));
  }
  return wrong;
}
