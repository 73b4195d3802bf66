// The .tcpflow syntax tree. Every node keeps its exact source range (0-based line and
// UTF-16 character, as LSP counts them) so squiggles, hovers and fixes land on the right token.
// The language's words (flags, states, field keys…) are vocabulary.ts's, re-exported here.
import type { Flag, NotePosition, TcpState } from './vocabulary';

export { FLAGS, KNOWN_FIELDS, STATE_NAMES, type Flag, type NotePosition, type TcpState } from './vocabulary';

export interface Pos {
  line: number;
  character: number;
}
export interface Range {
  start: Pos;
  end: Pos;
}

/** A piece of user text (label, title, note) and where it was written. */
export interface Text {
  text: string;
  range: Range;
}

/** `(STATE)` as written; `state` is undefined when the name is not a known state. */
export interface StateRef {
  written: string;
  state: TcpState | undefined;
  /** The name inside the parentheses. */
  range: Range;
}

/** `A` or `A(STATE)` on either side of an arrow. */
export interface Endpoint {
  name: string;
  range: Range;
  state?: StateRef;
}

export interface FlagRef {
  flag: Flag;
  /** The written token; `SYN-ACK` gives two FlagRefs sharing one range. */
  range: Range;
}

/** A written number or symbolic value: `100`, `x`, `x+1`, `b-1`. */
export interface ValueRef {
  /** Symbol, when the value is symbolic (`x` in `x+1`); case-sensitive. */
  sym?: string;
  /** The number, or the signed offset added to the symbol. */
  num: number;
  text: string;
  range: Range;
}

export interface Field {
  /** Lower-cased key: `seq`, `ack`, `len`, `win`, `mss`, `wscale`, `sackok`, `ts`, or unknown. */
  key: string;
  /** The key as written, for display (`Seq`, `sackOK`, `foo`). */
  writtenKey: string;
  keyRange: Range;
  /** Absent for bare options (`sackOK`); absent too when the number was out of range (already reported). */
  value?: ValueRef;
  /** Raw value text for unknown keys whose value is not a number/symbol. */
  rawValue?: string;
  /** Whole `key=value` (or `SYN(V)` for seed notation). */
  range: Range;
  /** True when this field came from seed notation `SYN(V)`, `FIN(V)`, `ACK(V)`. */
  seed?: boolean;
}

export interface Segment {
  flags: FlagRef[];
  fields: Field[];
  /** First `seq`/`ack`/`len` field with a usable value (seed notation included). */
  seq?: Field;
  ack?: Field;
  len?: Field;
  range: Range;
}

interface StatementBase {
  /** 0-based line of the statement. */
  line: number;
  /** The whole statement, comments and trailing white space excluded. */
  range: Range;
}

export interface TitleStmt extends StatementBase {
  kind: 'title';
  text: Text;
}

export interface ParticipantStmt extends StatementBase {
  kind: 'participant';
  name: string;
  nameRange: Range;
  label?: Text;
  state?: StateRef;
}

export type Arrow = '->' | '-x';

export interface MessageStmt extends StatementBase {
  kind: 'message';
  from: Endpoint;
  to: Endpoint;
  /** `→` is normalised to `->`. */
  arrow: Arrow;
  arrowRange: Range;
  segment: Segment;
  label?: Text;
}

export interface NoteStmt extends StatementBase {
  kind: 'note';
  position: NotePosition;
  targets: { name: string; range: Range }[];
  text: Text;
}

export interface WaitStmt extends StatementBase {
  kind: 'wait';
  /** What follows `wait`, as written: `2MSL`, `RTO`, `200ms`. */
  amount: Text;
  /** `wait 2MSL` (any case) ends TIME_WAIT. */
  is2MSL: boolean;
}

export interface StateStmt extends StatementBase {
  kind: 'state';
  items: { name: string; nameRange: Range; state: StateRef }[];
}

/** `par` … `and` … `end`: every send happens first, then every delivery, in order (SPEC §3.4). */
export interface ParBlock extends StatementBase {
  kind: 'par';
  /** Range of the `par` keyword line. */
  parRange: Range;
  /** Each branch holds messages and notes, in source order. */
  branches: (MessageStmt | NoteStmt)[][];
  /**
   * Statements written inside the block that a block cannot hold (TF106): kept for the editor, in
   * source order, and in no branch, so the flow leaves them out.
   */
  misplaced: Exclude<SimpleStatement, MessageStmt | NoteStmt>[];
  /** Lines of the `and` separators and of `end` (undefined when the block is unterminated). */
  andLines: number[];
  endLine?: number;
}

export type SimpleStatement = TitleStmt | ParticipantStmt | MessageStmt | NoteStmt | WaitStmt | StateStmt;
export type Statement = SimpleStatement | ParBlock;

export interface TcpflowDocument {
  statements: Statement[];
  /** Number of lines in the source text. */
  lineCount: number;
}
