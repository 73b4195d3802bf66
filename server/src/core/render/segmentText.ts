// The text of one segment, as drawn on an arrow and written in the table:
// `SYN,ACK seq=300 ack=101 mss=1460`, `ACK (seq=101) (ack=301)`, `FIN,ACK seq=u ack=v — close()`,
// and on a line with an error `⚠ SYN,ACK seq=300 ack=100 ✗ 101` (written ✗ due, errorMarks.ts).
import type { Field } from '../syntax/ast';
import type { MessageInfo, SegmentRole, ShownValue } from '../tcp/analysis';
import { words, type Lang } from '../i18n';
import type { ArrowMark, Correction } from './errorMarks';
import { escapeMermaidText } from './escape';
import { fieldKey, isBareField, isEffectiveField } from '../syntax/vocabulary';

export interface SegmentTextOptions {
  lang?: Lang;
  /** Applied to every piece of user text (symbols, unknown fields, the label). Mermaid's by default. */
  escape?: (s: string) => string;
  /** The line has an error: the text starts with `⚠` and shows these corrections. */
  mark?: ArrowMark;
}

export const ERROR_MARK = '⚠';
export const WRONG = '✗';


type MarkedRole = Extract<SegmentRole, 'retransmission' | 'keepalive' | 'duplicate'>;
const MARKED_ROLES: readonly SegmentRole[] = ['retransmission', 'keepalive', 'duplicate'];

export function segmentText(m: MessageInfo, opts: SegmentTextOptions = {}): string {
  const esc = opts.escape ?? escapeMermaidText;
  const mark = opts.mark;
  const wrong = (c: Correction): string => `${esc(c.written)} ${WRONG} ${esc(c.due)}`;
  const parts: string[] = mark ? [ERROR_MARK] : [];
  if (mark?.flags) parts.push(wrong(mark.flags));
  else if (m.flags.length) parts.push(m.flags.join(','));
  if (mark?.seq) parts.push(`seq=${wrong(mark.seq)}`);
  else pushValue(parts, 'seq', m.seq, m.seqInferred, esc);
  if (mark?.ack) parts.push(`ack=${wrong(mark.ack)}`);
  else if (m.flags.includes('ACK')) pushValue(parts, 'ack', m.ack, m.ackInferred, esc);
  if (mark?.len) parts.push(`len=${wrong(mark.len)}`);
  else if (m.len > 0) parts.push(`len=${m.len}`);
  for (const f of m.stmt.segment.fields) {
    const shown = otherField(f, esc);
    if (shown) parts.push(shown);
  }
  if (MARKED_ROLES.includes(m.role)) parts.push(`[${esc(words(opts.lang)[m.role as MarkedRole])}]`);
  for (const c of [mark?.route, mark?.ends]) if (c) parts.push(`[${wrong(c)}]`);
  let text = parts.join(' ');
  const label = m.stmt.label ? esc(m.stmt.label.text) : '';
  if (label) text += ` — ${label}`;
  return text;
}

/** `seq=101`, or `(seq=101)` when the checker inferred it; nothing when unknown. */
function pushValue(parts: string[], key: string, v: ShownValue | undefined, inferred: boolean, esc: (s: string) => string): void {
  if (v === undefined) return;
  const text = `${key}=${esc(String(v))}`;
  parts.push(inferred ? `(${text})` : text);
}

/** A written field other than seq/ack/len, in its written form (`win=65535`, `sackOK`, `foo=bar`). */
function otherField(f: Field, esc: (s: string) => string): string | undefined {
  // seq, ack and len are shown from the checker's effective values, not as written.
  if (isEffectiveField(f.key)) return undefined;
  // Known fields keep one spelling whatever case the note wrote them in.
  const known = fieldKey(f.key);
  const key = known ?? esc(f.writtenKey);
  const value = f.value?.text ?? f.rawValue;
  if (value !== undefined) return `${key}=${esc(value)}`;
  // A known option whose value was out of range (already reported) is left out.
  return isBareField(f.key) || !known ? key : undefined;
}
