// Where the cursor is, for completion: read from the text of the line up to the cursor, since
// the line being typed is usually incomplete and the parser drops or truncates it.
import type { Flag } from '../../core/syntax/ast';

/** Characters [start, end) of the cursor's line. */
export interface Span {
  start: number;
  end: number;
}

export type CompletionContext =
  | { kind: 'statementStart'; word: Span; inPar: boolean }
  | { kind: 'participants'; word: Span; exclude?: string }
  /** `checked`: the checker compares this assertion (messages, `state` lines), so it has an expected value. */
  | { kind: 'states'; word: Span; checked: boolean; closeParen: boolean }
  | { kind: 'segment'; word: Span; flags: Set<Flag>; fields: Set<string> }
  /** `field`: the text to replace by `keep` to leave the number out (`seq=…`, or `SYN(…)` → `SYN`). */
  | { kind: 'value'; key: 'seq' | 'ack'; word: Span; field: Span; keep: string }
  | { kind: 'notePosition'; word: Span }
  | { kind: 'waitAmount'; word: Span };

const NAME = String.raw`\p{L}[\p{L}\p{M}\p{N}_]*`;
const NAME_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const STATE_CHAR = /[A-Za-z0-9_-]/;
const FLAG_CHAR = /[A-Za-z]/;
const VALUE_CHAR = /[\p{L}\p{N}_+-]/u;
const ARROW = /->|→|-[xX]/;
const FLAG_NAMES = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR'];

/** The word around the cursor: back over what is typed, forward over the rest of the word. */
function wordAt(text: string, at: number, ch: RegExp): Span {
  let start = at;
  while (start > 0 && ch.test(text.charAt(start - 1))) start--;
  let end = at;
  while (end < text.length && ch.test(text.charAt(end))) end++;
  return { start, end };
}

/** True when the prefix ends inside a string or a comment, where nothing is completed. */
function inTextOrComment(prefix: string): boolean {
  let inString = false;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix.charAt(i);
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '#' || (c === '/' && prefix.charAt(i + 1) === '/')) return true;
  }
  return inString;
}

export function completionContext(text: string, character: number, inPar: boolean): CompletionContext | undefined {
  const prefix = text.slice(0, character);
  if (inTextOrComment(prefix)) return undefined;
  const word = (ch: RegExp) => wordAt(text, character, ch);
  if (/^\s*[\p{L}\p{M}\p{N}_]*$/u.test(prefix)) return { kind: 'statementStart', word: word(NAME_CHAR), inPar };
  const keyword = /^\s*([A-Za-z]+)(?![\p{L}\p{N}_])/u.exec(prefix)?.[1].toLowerCase();
  switch (keyword) {
    case 'title':
    case 'par':
    case 'and':
    case 'end':
      return undefined;
    case 'wait':
      return /^\s*wait\s+[A-Za-z0-9]*$/i.test(prefix) ? { kind: 'waitAmount', word: word(/[A-Za-z0-9]/) } : undefined;
    case 'participant':
      return stateSlot(prefix, new RegExp(String.raw`^\s*participant\s+${NAME}.*\(\s*[\w-]*$`, 'iu'), text, character, false);
    case 'note':
      if (/^\s*note\s+[a-z]*$/i.test(prefix)) return { kind: 'notePosition', word: word(/[A-Za-z]/) };
      if (new RegExp(String.raw`^\s*note\s+(over|left\s+of|right\s+of)\s+(${NAME}\s*,\s*)?[\p{L}\p{M}\p{N}_]*$`, 'iu').test(prefix)) {
        return { kind: 'participants', word: word(NAME_CHAR) };
      }
      return undefined;
    case 'state':
      if (new RegExp(String.raw`(^\s*state|,)\s*${NAME}\s*:\s*[\w-]*$`, 'iu').test(prefix)) {
        return { kind: 'states', word: word(STATE_CHAR), checked: true, closeParen: false };
      }
      return /(^\s*state|,)\s*[\p{L}\p{M}\p{N}_]*$/iu.test(prefix) ? { kind: 'participants', word: word(NAME_CHAR) } : undefined;
  }
  return messageContext(text, character);
}

/** A `(STATE)` being typed: the word to replace, and whether a `)` must be added after it. */
function stateSlot(prefix: string, re: RegExp, text: string, character: number, checked: boolean): CompletionContext | undefined {
  if (!re.test(prefix)) return undefined;
  const word = wordAt(text, character, STATE_CHAR);
  const closeParen = !/^\s*\)/.test(text.slice(word.end));
  return { kind: 'states', word, checked, closeParen };
}

function messageContext(text: string, character: number): CompletionContext | undefined {
  const prefix = text.slice(0, character);
  const colon = prefix.indexOf(':');
  if (colon >= 0) return segmentContext(text, character, colon);
  const arrow = ARROW.exec(prefix);
  const sender = new RegExp(String.raw`^\s*(${NAME})`, 'u').exec(prefix)?.[1];
  const stateRe = new RegExp(String.raw`(^|${ARROW.source})\s*${NAME}\s*\(\s*[\w-]*$`, 'u');
  if (!arrow) return stateSlot(prefix, stateRe, text, character, true);
  const after = prefix.slice(arrow.index + arrow[0].length);
  if (/^\s*[\p{L}\p{M}\p{N}_]*$/u.test(after)) return { kind: 'participants', word: wordAt(text, character, NAME_CHAR), exclude: sender };
  return stateSlot(prefix, stateRe, text, character, true);
}

function segmentContext(text: string, character: number, colon: number): CompletionContext | undefined {
  const prefix = text.slice(0, character);
  const seg = prefix.slice(colon + 1);
  if (seg.includes('"')) return undefined;
  const field = /(?:^|[\s,+/])((seq|ack)\s*=\s*)([\p{L}\p{N}_+-]*)$/iu.exec(prefix);
  if (field) {
    const start = prefix.length - field[1].length - field[3].length;
    const word = wordAt(text, character, VALUE_CHAR);
    return { kind: 'value', key: field[2].toLowerCase() as 'seq' | 'ack', word, field: { start, end: word.end }, keep: '' };
  }
  const seed = /(?:^|[\s,+/])(SYN|FIN|ACK)(\(\s*)([\p{L}\p{N}_+-]*)$/iu.exec(prefix);
  if (seed) {
    const start = prefix.length - seed[1].length - seed[2].length - seed[3].length;
    const word = wordAt(text, character, VALUE_CHAR);
    const close = /^\s*\)/.exec(text.slice(word.end));
    const key = seed[1].toUpperCase() === 'ACK' ? 'ack' : 'seq';
    return { kind: 'value', key, word, field: { start, end: word.end + (close?.[0].length ?? 0) }, keep: seed[1] };
  }
  // Inside another field's value or an unclosed `(`: nothing to offer.
  if (/[=(][^\s,)]*$/.test(seg)) return undefined;
  if (!/(^|[\s,+/])[A-Za-z]*$/.test(seg)) return undefined;
  const word = wordAt(text, character, FLAG_CHAR);
  // What the segment already has, the word being typed aside (the whole segment, not just the prefix).
  const rest = text.slice(colon + 1, word.start) + ' ' + text.slice(word.end).split(/"|#|\/\//)[0];
  const flags = new Set<Flag>();
  const fields = new Set<string>();
  for (const m of rest.matchAll(/[A-Za-z]+/g)) {
    // A symbol in a value (`seq=x`, `SYN(x)`) is neither a flag nor a field.
    if (/[=(]\s*$/.test(rest.slice(0, m.index))) continue;
    const w = m[0].toUpperCase();
    if (/^\s*=/.test(rest.slice(m.index + m[0].length))) fields.add(m[0].toLowerCase());
    else if (w === 'SACKOK') fields.add('sackok');
    else if (FLAG_NAMES.includes(w)) flags.add(w as Flag);
    else if (w === 'SYNACK') flags.add('SYN').add('ACK');
  }
  return { kind: 'segment', word, flags, fields };
}

/** Whether `line` lies inside a `par` block (only messages and notes may go there, SPEC §3.4). */
export function insidePar(lines: string[], line: number): boolean {
  let open = false;
  for (let i = 0; i < line; i++) {
    const kw = /^\s*([A-Za-z]+)\s*(?:$|#|\/\/)/.exec(lines[i])?.[1].toLowerCase();
    if (kw === 'par') open = true;
    else if (kw === 'end') open = false;
  }
  return open;
}
