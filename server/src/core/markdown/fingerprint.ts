// The fingerprint a sync begin marker carries (`hash=…`): FNV-1a (32 bits) of the Mermaid lines
// sync wrote, joined with `\n`, so a later run can tell its own text from a hand edit. Not a
// security measure (anyone can recompute it); it only notices that the lines changed.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Eight hex digits for the lines (line ends and trailing white space left out by the caller). */
export function fingerprint(lines: readonly string[]): string {
  let h = FNV_OFFSET;
  lines.forEach((line, k) => {
    if (k > 0) h = Math.imul(h ^ 10, FNV_PRIME);
    for (let i = 0; i < line.length; i++) h = Math.imul(h ^ line.charCodeAt(i), FNV_PRIME);
  });
  return (h >>> 0).toString(16).padStart(8, '0');
}
