// Turns a message's recognised segment items into a Segment (SPEC §3.3): flags, seed notation,
// textbook `SYN=1`, fields and values, with TF102/TF103/TF109. An item that cannot be used ends
// the segment with one TF100; the items before it are kept (see build.ts for why).
import type { IToken } from 'chevrotain';
import { diag, type Diagnostic } from '../diagnostics';
import { KNOWN_FIELDS, type Field, type Flag, type Range, type Segment } from './ast';
import type { Expected, RawFieldItem, RawFlagItem, RawItem, RawValue } from './raw';
import { FieldNode, ValueNode } from './fieldNodes';
import { FlagNode, SegmentNode } from './nodes';
import type { LineSpan } from './span';
import * as Tokens from './tokens';
import { FLAGS, isBareField, isNumericField, seedField } from './vocabulary';

// A plain copy: reading a CommonJS namespace goes through a getter on every access.
const T = { ...Tokens };
export const MAX_NUMBER = 4294967295;
const KNOWN = new Set<string>(KNOWN_FIELDS);

export interface LineError {
  expected: Expected;
  /** The offending token; undefined at the end of the line. */
  token: IToken | undefined;
  /** Set when the offence spans several tokens (`SYN=x+1`). */
  range?: Range;
  found?: string;
}

export interface SegmentResult {
  /** Undefined when not even the first item could be used. */
  segment?: Segment;
  diags: Diagnostic[];
  error?: LineError;
}

function firstOf(item: RawItem): IToken {
  return item.t === 'synack' ? item.tok : item.t === 'flag' ? item.flag : item.key;
}

function lastOf(item: RawItem): IToken {
  if (item.t === 'synack') return item.tok;
  if (item.t === 'flag') return item.seed?.rp ?? item.eq?.value.at(-1) ?? item.alias ?? item.flag;
  return item.raw?.at(-1) ?? item.value?.at(-1) ?? item.eq ?? item.key;
}

/** The flag a flag token names, by its type: the shared literal, not an upper-cased copy per flag. */
const FLAG_OF = new Map(FLAGS.map((f) => [T.FLAG_TOKEN[f], f]));
const flagOf = (tok: IToken): Flag => FLAG_OF.get(tok.tokenType)!;

/** `1` / `0` of textbook notation (`SYN=1`). */
function bit(value: RawValue): 0 | 1 | undefined {
  if (value.length !== 1 || value[0].tokenType !== T.NumberTok) return undefined;
  const n = Number(value[0].image);
  return n === 0 || n === 1 ? n : undefined;
}

/** Whether an unknown key's raw value reads as a value (`5`, `x`, `x+1`). */
function isValueShape(toks: IToken[]): boolean {
  const isWord = (t: IToken): boolean => T.chevrotain.tokenMatcher(t, T.Word);
  if (toks.length === 1) return toks[0].tokenType === T.NumberTok || isWord(toks[0]);
  return (
    toks.length === 3 &&
    isWord(toks[0]) &&
    (toks[1].tokenType === T.Plus || toks[1].tokenType === T.Minus) &&
    toks[2].tokenType === T.NumberTok
  );
}

class SegmentBuilder {
  readonly diags: Diagnostic[] = [];
  private readonly flags: FlagNode[] = [];
  private readonly fields: Field[] = [];
  /** First field of each known key with a usable value (what `segment.seq/ack/len` point at). */
  private readonly usable: Field[] = [];

  constructor(
    private readonly span: LineSpan,
    /** The segment writes ACK as a flag word (`FIN,ACK`, `SYN-ACK`): then `ACK=1` is a number. */
    private readonly ackWord: boolean,
  ) {}

  /** A number, symbol or symbol ± number; TF102 (and no value) when a number is above 2^32−1. */
  value(toks: RawValue): ValueNode | undefined {
    const last = toks[toks.length - 1];
    const numTok = last.tokenType === T.NumberTok ? last : undefined;
    const num = numTok ? Number(numTok.image) : 0;
    if (numTok && num > MAX_NUMBER) {
      this.diags.push(diag('TF102', this.span.tokens(numTok), { text: numTok.image }));
      return undefined;
    }
    const text = this.span.text(toks[0], last);
    const cols = this.span.columns(toks[0], last);
    if (toks.length === 1 && numTok) return new ValueNode(undefined, num, text, this.span.at, cols);
    // `x-0` is just x.
    const offset = toks.length === 3 && toks[1].tokenType === T.Minus && num !== 0 ? -num : num;
    return new ValueNode(toks[0].image, offset, text, this.span.at, cols);
  }

  addField(field: Field): void {
    this.fields.push(field);
    const ok = field.value !== undefined || (isBareField(field.key) && field.rawValue === undefined);
    // Unknown keys already get TF103 each; a field with no usable value was reported already.
    if (!KNOWN.has(field.key) || !ok) return;
    if (this.first(field.key)) this.diags.push(diag('TF109', field.range, { key: field.key }));
    else this.usable.push(field);
  }

  private first(key: string): Field | undefined {
    for (const f of this.usable) if (f.key === key) return f;
    return undefined;
  }

  /** Adds one item; returns the syntax error that stops the segment, if the item is unusable. */
  item(item: RawItem): LineError | undefined {
    if (item.t === 'field') return this.field(item);
    if (item.t === 'flag') return this.flag(item);
    const cols = this.span.columns(item.tok);
    this.flags.push(new FlagNode('SYN', this.span.at, cols), new FlagNode('ACK', this.span.at, cols));
    return undefined;
  }

  private flag(item: RawFlagItem): LineError | undefined {
    const span = this.span;
    const flag = flagOf(item.flag);
    if (!item.seed && !item.eq) {
      const cols = span.columns(item.flag, item.alias ?? item.flag);
      this.flags.push(new FlagNode(flag, span.at, cols));
      if (item.alias) this.flags.push(new FlagNode(flagOf(item.alias), span.at, cols));
      return undefined;
    }
    const flagCols = span.columns(item.flag);
    if (item.seed) {
      // `SYN(V)` and `FIN(V)` give seq, `ACK(V)` gives ack.
      const key = seedField(flag);
      if (!key) return { expected: 'segment', token: item.seed.lp };
      this.flags.push(new FlagNode(flag, span.at, flagCols));
      this.addField(new FieldNode(key, key, span.at, flagCols, span.columns(item.flag, item.seed.rp), this.value(item.seed.value), undefined, true));
      return undefined;
    }
    if (item.eq) {
      const v = item.eq.value;
      const first = v[0];
      const last = v[v.length - 1];
      const on = bit(v);
      // Textbook notation writes the flag in capitals (`ACK=1`); `ack=1`, `Ack=1` is the number,
      // and so is `ACK=1` beside an ACK flag word (`FIN,ACK SEQ=1 ACK=1`, as RFC 9293 figures write).
      if (flag === 'ACK' && !(item.flag.image === 'ACK' && on !== undefined && !this.ackWord)) {
        this.addField(new FieldNode('ack', item.flag.image, span.at, flagCols, span.columns(item.flag, last), this.value(v)));
        return undefined;
      }
      if (on === undefined) return { expected: 'value', token: first, range: span.tokens(first, last), found: span.text(first, last) };
      if (on === 1) this.flags.push(new FlagNode(flag, span.at, span.columns(item.flag, first)));
    }
    return undefined;
  }

  private field(item: RawFieldItem): LineError | undefined {
    const span = this.span;
    const keyTok = item.key;
    const key = keyTok.image.toLowerCase();
    const raw = item.raw;
    if (!KNOWN.has(key)) {
      if (!raw) return { expected: 'segment', token: keyTok };
      this.diags.push(diag('TF103', span.tokens(keyTok), { key: keyTok.image }));
      if (isValueShape(raw)) this.addField(this.newField(keyTok, key, raw[raw.length - 1], this.value(raw)));
      else this.addField(this.newField(keyTok, key, raw[raw.length - 1], undefined, span.text(raw[0], raw[raw.length - 1])));
      return undefined;
    }
    const value = item.value;
    if (!value) {
      if (!isBareField(key)) {
        const toks = span.lexed.tokens;
        return { expected: 'value', token: toks[toks.indexOf(keyTok) + 1] };
      }
      this.addField(this.newField(keyTok, key, keyTok, undefined));
      return undefined;
    }
    const first = value[0];
    const last = value[value.length - 1];
    if (isNumericField(key) && (value.length !== 1 || first.tokenType !== T.NumberTok)) {
      return { expected: 'value', token: first, range: span.tokens(first, last), found: span.text(first, last) };
    }
    this.addField(this.newField(keyTok, key, last, this.value(value)));
    return undefined;
  }

  /** A `key=value` field (absent properties stay absent rather than undefined). */
  private newField(keyTok: IToken, key: string, last: IToken, value: ValueNode | undefined, rawValue?: string): Field {
    const span = this.span;
    return new FieldNode(key, keyTok.image, span.at, span.columns(keyTok), span.columns(keyTok, last), value, rawValue);
  }

  finish(items: RawItem[], kept: number): Segment {
    const cols = this.span.columns(firstOf(items[0]), lastOf(items[kept - 1]));
    // Copies with exactly the room they need: arrays grown by push keep spare slots, and a big
    // document holds hundreds of thousands of these.
    return new SegmentNode(this.flags, this.fields.slice(), this.span.at, cols, this.first('seq'), this.first('ack'), this.first('len'));
  }
}

/** Whether an item is the ACK flag written as a word (not `ACK=…` or `ACK(…)`). */
function isAckWord(item: RawItem): boolean {
  if (item.t === 'synack') return true;
  if (item.t !== 'flag' || item.seed || item.eq) return false;
  return flagOf(item.flag) === 'ACK' || (item.alias !== undefined && flagOf(item.alias) === 'ACK');
}

export function buildSegment(items: RawItem[], span: LineSpan): SegmentResult {
  const b = new SegmentBuilder(span, items.some(isAckWord));
  let kept = 0;
  let error: LineError | undefined;
  for (; kept < items.length; kept++) {
    error = b.item(items[kept]);
    if (error) break;
  }
  if (kept === 0) return { diags: b.diags, error };
  return { segment: b.finish(items, kept), diags: b.diags, error };
}
