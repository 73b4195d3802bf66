// The tree's most numerous nodes — messages, their segments, endpoints, flags, fields and values,
// ~10.5 a message line — keep where they were written as packed columns and their line's position, and make their
// ranges when read (most never are: the checker reads one per diagnostic, the editor a few per
// request). A range object each was ~40% of an open document's heap (issue 15). Each node
// serialises (`toJSON`) to its plain shape in ast.ts; a copy with some properties changed starts
// from `asPlain(node)` (lazyNode.ts), since a spread copies no getter. Fields and values: fieldNodes.ts.
import type { Arrow, Endpoint, Field, Flag, FlagRef, MessageStmt, Range, Segment, StateRef, Text } from './ast';
import { rangeAt, type Columns, type LinePosition } from './span';
import { LazyNode } from './lazyNode';
import { FLAG_BIT } from './vocabulary';

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
    /** Its columns (a segment keeps them rather than the node). */
    readonly cols: Columns,
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

/** A message; its endpoints' parts are kept in it, and their nodes made when read (two objects fewer a line). */
export class MessageNode extends LazyNode implements MessageStmt {
  declare label?: Text;
  private readonly fromName: string;
  private readonly fromCols: Columns;
  private readonly toName: string;
  private readonly toCols: Columns;
  declare private readonly fromState?: StateRef;
  declare private readonly toState?: StateRef;

  constructor(
    /** Where the line is now: its `line` (a moved line's statement is moved, syntax/lineMemo.ts). */
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

  get kind(): 'message' {
    return 'message';
  }

  /** Its line's, kept by the line's position (8 bytes a message line). */
  get line(): number {
    return this.at.line;
  }

  set line(line: number) {
    this.at.line = line;
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

const NO_FLAGS: readonly (Flag | Columns)[] = Object.freeze([]);

/** Each flag and its columns, one after the other, in a list with no spare room. */
function writtenFlags(flags: readonly FlagNode[]): (Flag | Columns)[] {
  const out = new Array<Flag | Columns>(2 * flags.length);
  flags.forEach((f, i) => {
    out[2 * i] = f.flag;
    out[2 * i + 1] = f.cols;
  });
  return out;
}

/** The first of `fields` with key `key`. */
const firstWith = (fields: readonly Field[], key: string): Field | undefined => fields.find((f) => f.key === key);

/**
 * A segment. Its `seq`, `ack` and `len` are the first of its fields with that key, read when asked
 * (three fewer properties a segment); only a segment where that first one is not the one used (a
 * repeated key after an unusable one, TF109) keeps its choice.
 */
export class SegmentNode extends LazyNode implements Segment {
  /** Each flag and its columns, one after the other: its FlagNodes are made when `flags` is read. */
  private readonly written: readonly (Flag | Columns)[];
  /** [seq, ack, len] when one of them is not the first field of its key. */
  declare private readonly picked?: readonly [Field | undefined, Field | undefined, Field | undefined];

  constructor(
    flags: readonly FlagNode[],
    readonly fields: Field[],
    private readonly at: LinePosition,
    private readonly cols: Columns,
    seq: Field | undefined,
    ack: Field | undefined,
    len: Field | undefined,
  ) {
    super();
    this.written = flags.length ? writtenFlags(flags) : NO_FLAGS;
    if (seq !== firstWith(fields, 'seq') || ack !== firstWith(fields, 'ack') || len !== firstWith(fields, 'len')) this.picked = [seq, ack, len];
  }

  /** The flags as bits (FLAG_BIT), without making their nodes: the checker asks this of every message. */
  flagBits(): number {
    let bits = 0;
    for (let i = 0; i < this.written.length; i += 2) bits |= FLAG_BIT[this.written[i] as Flag];
    return bits;
  }

  /** Made when read: a FlagNode each and their list (~130 bytes a line kept otherwise). */
  get flags(): FlagRef[] {
    const out: FlagRef[] = [];
    for (let i = 0; i < this.written.length; i += 2) out.push(new FlagNode(this.written[i] as Flag, this.at, this.written[i + 1] as Columns));
    return out;
  }

  get seq(): Field | undefined {
    return this.picked ? this.picked[0] : firstWith(this.fields, 'seq');
  }

  get ack(): Field | undefined {
    return this.picked ? this.picked[1] : firstWith(this.fields, 'ack');
  }

  get len(): Field | undefined {
    return this.picked ? this.picked[2] : firstWith(this.fields, 'len');
  }

  get range(): Range {
    return rangeAt(this.at, this.cols);
  }

  toJSON(): Segment {
    const out: Segment = { flags: this.flags, fields: this.fields, range: this.range };
    const { seq, ack, len } = this;
    if (seq) out.seq = seq;
    if (ack) out.ack = ack;
    if (len) out.len = len;
    return out;
  }
}
