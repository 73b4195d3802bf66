// The tree's most numerous nodes — messages, their segments, endpoints, flags, fields and values,
// ~10.5 a message line — keep where they were written as packed columns and their line's position, and make their
// ranges when read (most never are: the checker reads one per diagnostic, the editor a few per
// request). A range object each was ~40% of an open document's heap (issue 15). Each node
// serialises (`toJSON`) to its plain shape in ast.ts; a copy with some properties changed starts
// from `asPlain(node)`, since a spread copies no getter.
import type { Arrow, Endpoint, Field, Flag, FlagRef, MessageStmt, Range, Segment, StateRef, Text, ValueRef } from './ast';
import { rangeAt, type Columns, type LinePosition } from './span';

/** A node that makes its ranges when read. */
abstract class LazyNode {
  abstract toJSON(): object;
}

/** The node as plain data, its ranges made: what to spread for a changed copy. */
export const asPlain = <T extends object>(node: T): T => (node instanceof LazyNode ? (node.toJSON() as T) : node);

export class EndpointNode extends LazyNode implements Endpoint {
  declare state?: StateRef;

  constructor(
    readonly name: string,
    private readonly at: LinePosition,
    /** Its columns (a message keeps them rather than the node). */
    readonly cols: Columns,
    state: StateRef | undefined,
  ) {
    super();
    if (state) this.state = state;
  }

  get range(): Range {
    return rangeAt(this.at, this.cols);
  }

  toJSON(): Endpoint {
    return this.state ? { name: this.name, range: this.range, state: this.state } : { name: this.name, range: this.range };
  }
}

export class FlagNode extends LazyNode implements FlagRef {
  constructor(
    readonly flag: Flag,
    private readonly at: LinePosition,
    private readonly cols: Columns,
  ) {
    super();
  }

  get range(): Range {
    return rangeAt(this.at, this.cols);
  }

  toJSON(): FlagRef {
    return { flag: this.flag, range: this.range };
  }
}

export class ValueNode extends LazyNode implements ValueRef {
  declare sym?: string;

  constructor(
    sym: string | undefined,
    readonly num: number,
    readonly text: string,
    private readonly at: LinePosition,
    /** Its columns (a field keeps them rather than the node). */
    readonly cols: Columns,
  ) {
    super();
    if (sym !== undefined) this.sym = sym;
  }

  get range(): Range {
    return rangeAt(this.at, this.cols);
  }

  toJSON(): ValueRef {
    const { num, text, range } = this;
    return this.sym === undefined ? { num, text, range } : { sym: this.sym, num, text, range };
  }
}

/**
 * A field; absent properties stay absent rather than undefined. Its value's parts are kept in it,
 * and a ValueNode made when `value` is read (one object fewer for each of ~2.5 fields a line).
 */
export class FieldNode extends LazyNode implements Field {
  declare rawValue?: string;
  declare seed?: boolean;
  private readonly num: number;
  private readonly text: string | undefined;
  /** The value's columns; undefined: the field has no value. */
  private readonly valueCols: Columns | undefined;
  declare private readonly sym?: string;

  constructor(
    readonly key: string,
    readonly writtenKey: string,
    private readonly at: LinePosition,
    private readonly keyCols: Columns,
    private readonly cols: Columns,
    value: ValueNode | undefined,
    rawValue?: string,
    seed?: boolean,
  ) {
    super();
    this.num = value ? value.num : 0;
    this.text = value?.text;
    this.valueCols = value?.cols;
    if (value?.sym !== undefined) this.sym = value.sym;
    if (rawValue !== undefined) this.rawValue = rawValue;
    if (seed) this.seed = seed;
  }

  get value(): ValueRef | undefined {
    return this.valueCols === undefined ? undefined : new ValueNode(this.sym, this.num, this.text!, this.at, this.valueCols);
  }

  get keyRange(): Range {
    return rangeAt(this.at, this.keyCols);
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

/** A message; its endpoints' parts are kept in it, and their nodes made when read (two objects fewer a line). */
export class MessageNode extends LazyNode implements MessageStmt {
  readonly kind = 'message';
  declare label?: Text;
  private readonly fromName: string;
  private readonly fromCols: Columns;
  private readonly toName: string;
  private readonly toCols: Columns;
  declare private readonly fromState?: StateRef;
  declare private readonly toState?: StateRef;

  constructor(
    /** Where the line is now (a moved line's statement is moved, syntax/lineMemo.ts). */
    public line: number,
    private readonly at: LinePosition,
    private readonly cols: Columns,
    from: EndpointNode,
    to: EndpointNode,
    readonly arrow: Arrow,
    private readonly arrowCols: Columns,
    readonly segment: Segment,
    label: Text | undefined,
  ) {
    super();
    this.fromName = from.name;
    this.fromCols = from.cols;
    this.toName = to.name;
    this.toCols = to.cols;
    if (from.state) this.fromState = from.state;
    if (to.state) this.toState = to.state;
    if (label) this.label = label;
  }

  get from(): Endpoint {
    return new EndpointNode(this.fromName, this.at, this.fromCols, this.fromState);
  }

  get to(): Endpoint {
    return new EndpointNode(this.toName, this.at, this.toCols, this.toState);
  }

  get range(): Range {
    return rangeAt(this.at, this.cols);
  }

  get arrowRange(): Range {
    return rangeAt(this.at, this.arrowCols);
  }

  toJSON(): MessageStmt {
    const { kind, line, range, from, to, arrow, arrowRange, segment } = this;
    return this.label ? { kind, line, range, from, to, arrow, arrowRange, segment, label: this.label } : { kind, line, range, from, to, arrow, arrowRange, segment };
  }
}

export class SegmentNode extends LazyNode implements Segment {
  declare seq?: Field;
  declare ack?: Field;
  declare len?: Field;

  constructor(
    readonly flags: FlagRef[],
    readonly fields: Field[],
    private readonly at: LinePosition,
    private readonly cols: Columns,
    seq: Field | undefined,
    ack: Field | undefined,
    len: Field | undefined,
  ) {
    super();
    if (seq) this.seq = seq;
    if (ack) this.ack = ack;
    if (len) this.len = len;
  }

  get range(): Range {
    return rangeAt(this.at, this.cols);
  }

  toJSON(): Segment {
    const out: Segment = { flags: this.flags, fields: this.fields, range: this.range };
    if (this.seq) out.seq = this.seq;
    if (this.ack) out.ack = this.ack;
    if (this.len) out.len = this.len;
    return out;
  }
}
