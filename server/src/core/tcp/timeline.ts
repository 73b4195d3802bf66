// Every participant's state after every step of the trace (SPEC §7), kept as what changed: per
// participant, the steps where its state changed. A step's whole `states` record is made only
// when asked for, so a flow of N participants and S steps costs O(changes), not O(N × S)
// (4,000 lines between 8,000 participants took 51 s and 3.2 GB when each step copied them all).
import type { TcpState } from '../syntax/ast';
import type { MessageInfo, ParticipantInfo, SegmentRole, ShownValue, StateChange, StepEvent, TraceStep } from './analysis';
import type { Flag, MessageStmt, Statement } from '../syntax/ast';

export class StateTimeline {
  private readonly names: string[];
  private readonly column = new Map<string, number>();
  private readonly initial: TcpState[];
  /** Per column: the steps at which its state changed, and what it changed to (both ascending by step). */
  private readonly at: number[][];
  private readonly to: TcpState[][];

  constructor(participants: readonly ParticipantInfo[]) {
    this.names = participants.map((p) => p.name);
    this.names.forEach((n, i) => this.column.set(n, i));
    this.initial = participants.map((p) => p.initial);
    this.at = participants.map(() => []);
    this.to = participants.map(() => []);
  }

  /** Column `col` changed to `state` at step `step` (steps are recorded in order). */
  record(step: number, col: number, state: TcpState): void {
    this.at[col].push(step);
    this.to[col].push(state);
  }

  /** One participant's state after step `step` (−1: before the first step). */
  stateOf(name: string, step: number): TcpState | undefined {
    const col = this.column.get(name);
    if (col === undefined) return undefined;
    const at = this.at[col];
    // The last change at or before `step`.
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid] <= step) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? this.initial[col] : this.to[col][lo - 1];
  }

  /** Every participant's state after step `step`, in column order. */
  statesAfter(step: number): Record<string, TcpState> {
    const out: Record<string, TcpState> = {};
    for (const n of this.names) out[n] = this.stateOf(n, step)!;
    return out;
  }

  /** Forgets the changes at step `steps` and after (a replay from a checkpoint). */
  truncate(steps: number): void {
    for (let c = 0; c < this.at.length; c++) {
      const at = this.at[c];
      while (at.length && at[at.length - 1] >= steps) {
        at.pop();
        this.to[c].pop();
      }
    }
  }
}

const EVENTS: readonly StepEvent[] = ['send', 'deliver', 'lose', 'wait', 'state'];

/** What a wait or state line's step keeps (a message's step keeps its Message, which holds both). */
interface Standalone {
  readonly stmt: Statement;
  readonly timeline: StateTimeline;
}

/**
 * A step of the trace; `states` is made from the timeline when read. Two steps a message line:
 * its index and event are kept in one small integer, and a message step keeps its message only
 * (the message keeps its statement and the timeline), 32 bytes fewer a step (issue 15).
 */
export class Step implements TraceStep {
  /** index × 8 + the event's place in EVENTS. */
  private readonly packed: number;
  /** A send's, delivery's or loss's message, or a wait or state line's statement and the timeline. */
  private readonly of: Message | Standalone;

  constructor(
    timeline: StateTimeline,
    index: number,
    event: StepEvent,
    stmt: Statement,
    /** When given, its `stmt` is `stmt` and its timeline `timeline` (simulator.ts). */
    message: Message | undefined,
    readonly changes: StateChange[],
  ) {
    this.packed = index * 8 + EVENTS.indexOf(event);
    this.of = message ?? { stmt, timeline };
  }

  private get timeline(): StateTimeline {
    return this.of.timeline;
  }

  private get index(): number {
    return (this.packed - (this.packed % 8)) / 8;
  }

  get event(): StepEvent {
    return EVENTS[this.packed % 8];
  }

  get stmt(): Statement {
    return this.of.stmt;
  }

  get message(): MessageInfo | undefined {
    return this.of instanceof Message ? this.of : undefined;
  }

  /** The statement's line (read from it, not kept: two steps a message line, 8 bytes each). */
  get line(): number {
    return this.stmt.line;
  }

  get states(): Record<string, TcpState> {
    return this.timeline.statesAfter(this.index);
  }

  stateOf(name: string): TcpState | undefined {
    return this.timeline.stateOf(name, this.index);
  }
}

const [LOST, SEQ_INFERRED, ACK_INFERRED, ACK_FLAG_ADDED] = [1, 2, 4, 8];
const ROLES: readonly SegmentRole[] = ['normal', 'retransmission', 'keepalive', 'duplicate', 'outOfOrder', 'rejected'];
/** `bits`: the four booleans, then the role's place in ROLES (× 16), then afterStep − beforeStep (× 128). */
const ROLE = 16;
const AFTER = 128;

/** What a message did; `before` and `after` are made from the timeline when first read. */
export class Message implements MessageInfo {
  private bits: number;
  /** What the line meant, when a root cause found says it is not what it wrote (SPEC §8.6). */
  declare private readonly meant?: MessageStmt;

  constructor(
    /** The trace's (its steps read it from here). */
    readonly timeline: StateTimeline,
    /** Index of the step before its send (−1: none). */
    private readonly beforeStep: number,
    readonly stmt: MessageStmt,
    /** The message as checked: `stmt`, or what it meant (its sender and receiver are read from it). */
    meant: MessageStmt,
    lost: boolean,
    readonly flags: Flag[],
    readonly seq: ShownValue | undefined,
    readonly ack: ShownValue | undefined,
    readonly len: number,
    seqInferred: boolean,
    ackInferred: boolean,
    ackFlagAdded: boolean,
    role: SegmentRole,
  ) {
    // Four booleans, the role and afterStep in one small integer: a message line's Message is 40 bytes smaller.
    if (meant !== stmt) this.meant = meant;
    this.bits = (lost ? LOST : 0) | (seqInferred ? SEQ_INFERRED : 0) | (ackInferred ? ACK_INFERRED : 0) | (ackFlagAdded ? ACK_FLAG_ADDED : 0) | (ROLES.indexOf(role) * ROLE);
  }

  /** The sender's name (read from the statement: 16 bytes a message line fewer with `to`). */
  get from(): string {
    return (this.meant ?? this.stmt).from.name;
  }

  get to(): string {
    return (this.meant ?? this.stmt).to.name;
  }

  get role(): SegmentRole {
    return ROLES[((this.bits % AFTER) - (this.bits % ROLE)) / ROLE];
  }

  set role(role: SegmentRole) {
    this.bits += (ROLES.indexOf(role) - ROLES.indexOf(this.role)) * ROLE;
  }

  /** Index of the step after which `after` is read (its delivery or loss; its send's until then). */
  get afterStep(): number {
    return this.beforeStep + (this.bits - (this.bits % AFTER)) / AFTER;
  }

  set afterStep(step: number) {
    this.bits = (this.bits % AFTER) + (step - this.beforeStep) * AFTER;
  }

  get lost(): boolean {
    return (this.bits & LOST) !== 0;
  }

  get seqInferred(): boolean {
    return (this.bits & SEQ_INFERRED) !== 0;
  }

  get ackInferred(): boolean {
    return (this.bits & ACK_INFERRED) !== 0;
  }

  get ackFlagAdded(): boolean {
    return (this.bits & ACK_FLAG_ADDED) !== 0;
  }

  get before(): Record<string, TcpState> {
    return this.timeline.statesAfter(this.beforeStep);
  }

  get after(): Record<string, TcpState> {
    return this.timeline.statesAfter(this.afterStep);
  }
}
