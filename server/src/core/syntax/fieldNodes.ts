// A segment's fields (`seq=100`, `Win=0`) and their values, for nodes.ts: each keeps its parts and
// where it was written, and makes its ranges and its value's node when read (issue 15).
import type { Field, Range, ValueRef } from './ast';
import { LazyNode } from './lazyNode';
import { columnsFrom, columnsTo, narrowColumns, rangeAt, type Columns, type LinePosition } from './span';

export class ValueNode extends LazyNode implements ValueRef {
  declare sym?: string;

  constructor(
    sym: string | undefined,
    readonly num: number,
    /** Its text; undefined when it is String(num), made when read (the checker reads the number). */
    private readonly written: string | undefined,
    private readonly at: LinePosition,
    /** Its columns (a field keeps them rather than the node). */
    readonly cols: Columns,
  ) {
    super();
    if (sym !== undefined) this.sym = sym;
  }

  get text(): string {
    return this.written ?? String(this.num);
  }

  get range(): Range {
    return rangeAt(this.at, this.cols);
  }

  toJSON(): ValueRef {
    const { num, text, range } = this;
    return this.sym === undefined ? { num, text, range } : { sym: this.sym, num, text, range };
  }
}

/** How many characters String() writes for `n`, an integer it writes in plain digits (a sign included). */
function digits(n: number): number {
  let count = n < 0 ? 2 : 1;
  for (let x = Math.abs(n); x >= 10; x = Math.floor(x / 10)) count++;
  return count;
}

/**
 * A field; absent properties stay absent rather than undefined. Its value's parts are kept in it,
 * and a ValueNode made when `value` is read (one object fewer for each of ~2.5 fields a line).
 */
export class FieldNode extends LazyNode implements Field {
  /** `writtenKey` when it is not `key` (most fields are written as their key is spelled). */
  declare private readonly spelled?: string;
  declare rawValue?: string;
  declare seed?: boolean;
  /** The value's number; undefined: the field has no value. */
  private readonly num: number | undefined;
  /** The value's text; undefined when it is `num` as String() writes it (most are: no string a field). */
  private readonly text: string | undefined;
  declare private readonly sym?: string;
  /**
   * [key's columns, value's columns] when they are not where a field usually has them: its key at
   * its start, as long as writtenKey; its value at its end, as long as its text (two fewer numbers
   * a field).
   */
  declare private readonly placed?: readonly [Columns, Columns | undefined];

  constructor(
    readonly key: string,
    writtenKey: string,
    private readonly at: LinePosition,
    keyCols: Columns,
    private readonly cols: Columns,
    value: ValueNode | undefined,
    rawValue?: string,
    seed?: boolean,
  ) {
    super();
    if (writtenKey !== key) this.spelled = writtenKey;
    this.num = value?.num;
    this.text = value && (value.sym !== undefined || value.text !== String(value.num)) ? value.text : undefined;
    if (value?.sym !== undefined) this.sym = value.sym;
    if (rawValue !== undefined) this.rawValue = rawValue;
    if (seed) this.seed = seed;
    if (keyCols !== this.usualKeyCols() || (value && value.cols !== this.usualValueCols())) this.placed = [keyCols, value?.cols];
  }

  /** The key's columns if it is at the field's start, as long as writtenKey. */
  private usualKeyCols(): Columns | undefined {
    const from = columnsFrom(this.cols);
    return from === undefined ? undefined : narrowColumns(from, from + this.writtenKey.length);
  }

  /** The value's columns if it is at the field's end, as long as its text. */
  private usualValueCols(): Columns | undefined {
    const to = columnsTo(this.cols);
    if (to === undefined || this.num === undefined) return undefined;
    // When no text is kept it is String(num): plain digits (a number String() writes otherwise, 1e+21, keeps its text).
    return narrowColumns(to - (this.text?.length ?? digits(this.num)), to);
  }

  get writtenKey(): string {
    return this.spelled ?? this.key;
  }

  get value(): ValueRef | undefined {
    if (this.num === undefined) return undefined;
    // The checker reads values on every message: the number's text is made only when read.
    const cols = this.placed ? this.placed[1] : this.usualValueCols();
    return new ValueNode(this.sym, this.num, this.text, this.at, cols!);
  }

  get keyRange(): Range {
    return rangeAt(this.at, this.placed ? this.placed[0] : this.usualKeyCols()!);
  }

  get range(): Range {
    return rangeAt(this.at, this.cols);
  }

  toJSON(): Field {
    const out: Partial<Field> = { key: this.key, writtenKey: this.writtenKey, keyRange: this.keyRange };
    const value = this.value;
    if (value) out.value = value;
    if (this.rawValue !== undefined) out.rawValue = this.rawValue;
    out.range = this.range;
    if (this.seed) out.seed = true;
    return out as Field;
  }
}
