// Random edits of a document as an editor makes them, for the property tests of incremental
// parsing (lineMemo.test.ts) and analysis (incremental.test.ts): typing, lines inserted, deleted,
// moved, duplicated, pasted, cut, split and joined, a CRLF, a mistake planted.
import fc from 'fast-check';

const LINES = ['', 'par', 'and', 'end', 'wait 2MSL', 'wait RTO', '# a comment', 'A0 -> B0: ACK', 'participant A0 (LISTEN)', 'state A0: ESTABLISHED', 'note over A0: "n"', 'A0 -x B0: FIN', 'A -> B: ACK'];

export const edit = fc.record({
  kind: fc.constantFrom('type', 'erase', 'insertLine', 'deleteLine', 'moveLine', 'duplicate', 'paste', 'cut', 'split', 'join', 'crlf', 'plant'),
  at: fc.nat(),
  to: fc.nat(),
  col: fc.nat(),
  text: fc.constantFrom('x', '1', ' ', '(', ')', ',', 'SYN', 'ACK', 'FIN', 'par', 'end', '=', '-x', '"', '#', '→', '클', ''),
  line: fc.constantFrom(...LINES),
  count: fc.integer({ min: 1, max: 40 }),
  /** At one of the lines just after an error (incremental.test.ts), where its root-cause search looked ahead. */
  nearError: fc.boolean(),
});
export type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;

/** A number one off, or one flag for another: the mistakes a note makes. */
export function plant(line: string, e: Pick<Edit, 'col' | 'to'>): string {
  const numbers = [...line.matchAll(/\d+/g)];
  if (!numbers.length) return line.replace(/SYN|FIN|ACK/, (f) => (f === 'SYN' ? 'FIN' : f === 'FIN' ? 'ACK' : 'SYN'));
  const n = numbers[e.col % numbers.length];
  const at = n.index!;
  return line.slice(0, at) + String(Math.max(0, Number(n[0]) + (e.to % 2 ? 1 : -1))) + line.slice(at + n[0].length);
}

/** The edit made on `text`, at line `lineOf(lines)` (default: `at`, wrapped). */
export function apply(text: string, e: Edit, lineOf = (lines: string[]): number => e.at % lines.length): string {
  const lines = text.split('\n');
  const i = lineOf(lines);
  const j = e.to % lines.length;
  const c = e.col % (lines[i].length + 1);
  switch (e.kind) {
    case 'type':
      lines[i] = lines[i].slice(0, c) + e.text + lines[i].slice(c);
      break;
    case 'erase':
      lines[i] = lines[i].slice(0, c) + lines[i].slice(c + 1);
      break;
    case 'insertLine':
      lines.splice(i, 0, e.line);
      break;
    case 'deleteLine':
      lines.splice(i, 1);
      break;
    case 'moveLine':
      lines.splice(j, 0, ...lines.splice(i, 1));
      break;
    case 'duplicate':
      lines.splice(i, 0, lines[i]);
      break;
    case 'paste':
      lines.splice(j, 0, ...lines.slice(i, i + e.count));
      break;
    case 'cut':
      lines.splice(i, e.count);
      break;
    case 'split':
      lines.splice(i, 1, lines[i].slice(0, c), lines[i].slice(c));
      break;
    case 'join':
      if (i + 1 < lines.length) lines.splice(i, 2, lines[i] + lines[i + 1]);
      break;
    case 'crlf':
      lines[i] += '\r';
      break;
    case 'plant':
      lines[i] = plant(lines[i], e);
      break;
  }
  return lines.join('\n');
}
