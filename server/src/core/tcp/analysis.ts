// What the checker computes for a document: the state trace (SPEC §7 `trace`), per-message facts
// (effective flags and numbers, for hovers, inlay hints and the renderers) and the diagnostics.
import type { Diagnostic } from '../diagnostics';
import type { Flag, MessageStmt, ParticipantStmt, Statement, TcpState, TcpflowDocument } from '../syntax/ast';

/** A sequence value as shown: a number, or a symbolic string such as `x+1`. Undefined = unknown. */
export type ShownValue = number | string;

export interface StateChange {
  name: string;
  from: TcpState;
  to: TcpState;
}

export type StepEvent = 'send' | 'deliver' | 'lose' | 'wait' | 'state';

export interface TraceStep {
  /** 0-based source line of the statement that caused the step. */
  line: number;
  event: StepEvent;
  /** The statement behind the step (message, wait or state line). */
  stmt: Statement;
  /** For send/deliver/lose: the message's facts. */
  message?: MessageInfo;
  /** Participants whose state this step changed (in column order). */
  changes: StateChange[];
  /** Every participant's state after this step (made when read: prefer `stateOf` for one of them). */
  readonly states: Record<string, TcpState>;
  /** One participant's state after this step. */
  stateOf(name: string): TcpState | undefined;
}

/** How the checker classified a segment (shown in hovers and used by the renderers). */
export type SegmentRole =
  | 'normal'
  | 'retransmission'
  | 'keepalive'
  | 'duplicate'
  | 'outOfOrder'
  | 'rejected';

export interface MessageInfo {
  stmt: MessageStmt;
  from: string;
  to: string;
  lost: boolean;
  /** Effective flags in canonical order (SYN FIN RST PSH ACK URG ECE CWR); includes an ACK the note omitted but owed. */
  flags: Flag[];
  /** Effective seq/ack (written or inferred); undefined when unknown or, for ack, when ACK is not set. */
  seq?: ShownValue;
  ack?: ShownValue;
  len: number;
  seqInferred: boolean;
  ackInferred: boolean;
  /** ACK flag added by the checker because the note left it out (a TF204 warning was given). */
  ackFlagAdded: boolean;
  role: SegmentRole;
  /** Every participant's state just before this line's send (made when read). */
  readonly before: Record<string, TcpState>;
  /** Every participant's state after the delivery (or loss) of this segment (made when read). */
  readonly after: Record<string, TcpState>;
}

export interface ParticipantInfo {
  name: string;
  label?: string;
  /** The state it starts in (declared, or inferred as SPEC §4 says). */
  initial: TcpState;
  /** How `initial` was decided. */
  initialReason: 'declared' | 'activeOpen' | 'passiveOpen' | 'midConnection';
  declaration?: ParticipantStmt;
  /** 0-based line of its first use in a message, if any. */
  firstLine?: number;
  /** 0-based line of its first event (sending, or receiving what is not lost), if any (SPEC §4). */
  firstEventLine?: number;
}

export interface Analysis {
  doc: TcpflowDocument;
  /** In diagram column order: declaration order, then first use. */
  participants: ParticipantInfo[];
  steps: TraceStep[];
  /** One per message statement, in execution order. */
  messages: MessageInfo[];
  /** Parser and checker diagnostics, sorted by position. */
  diagnostics: Diagnostic[];
  /** Final state of every participant. */
  finalStates: Record<string, TcpState>;
}
