// The walk of a flow (SPEC §4, RFC 9293 §3.10): every endpoint simulated event by event — send,
// deliver, lose, wait — every state assertion compared, and the state trace recorded. checker.ts
// runs it over a document, keeps checkpoints of it and resumes it; rootCause.ts forks it.
import { diag, type Diagnostic } from '../diagnostics';
import type { Endpoint as EndpointRef, Flag, MessageStmt, NoteStmt, Statement, StateStmt, TcpState, WaitStmt } from '../syntax/ast';
import type { MessageInfo, ParticipantInfo, StateChange, StepEvent } from './analysis';
import { checkAssertion } from './assertions';
import { EndpointStore, type Checkpoint } from './checkpoint';
import { Tally } from './tally';
import { Message, StateTimeline, Step } from './timeline';
import { createEndpoint, resetConnection, setState, type Endpoint } from './endpoint';
import type { FlowVisitor } from './events';
import { deliver } from './receiver';
import { has, orderedFlags, type Seg } from './segment';
import { sendSegment } from './sender';
import type { CheckContext } from './sendRules';
import { resolve, mentions, rebase } from './bindings';
import { add, show, type SeqVal } from './seqValue';

/** Shared by every step that changes no state (most of them); never mutated. */
const NO_CHANGES: StateChange[] = [];

export interface SimulatorOptions {
  /** Only count what would be reported, record nothing (a trial run of rootCause.ts). */
  speculative?: boolean;
  /** Messages checked as meant rather than as written (root causes found, SPEC §8.6). */
  meant?: Map<MessageStmt, MessageStmt>;
  /** Called after each recorded step with the endpoints it involved (tcb.ts). */
  onStep?: (index: number, endpoints: readonly Endpoint[]) => void;
}

export class FlowSimulator implements FlowVisitor {
  /** The endpoints in column order (the same order as `participants`). */
  protected store!: EndpointStore;
  /** The state the trace last recorded for each column. */
  private shown: TcpState[] = [];
  protected timeline!: StateTimeline;
  readonly diagnostics: Diagnostic[] = [];
  /** TF209s of notes: met during the walk, listed before the other diagnostics. */
  protected readonly noteDiagnostics: Diagnostic[] = [];
  protected readonly steps: Step[] = [];
  protected readonly messages: MessageInfo[] = [];
  protected knownSymbols = new Set<string>();
  /** A checkpoint holds `knownSymbols` too: the next new symbol copies it first. */
  private symbolsShared = false;
  protected readonly ctx: CheckContext = {
    report: (d) => this.report(d),
    isKnownSymbol: (s) => this.knownSymbols.has(s),
    waits: 0,
    bindings: new Map(),
    bind: (unknown, value) => this.bind(unknown, value),
  };
  /** Who has exchanged segments with whom: only they can hold values counted from each other's unknowns. */
  protected readonly peers = new Map<string, Set<string>>();
  /** Each pair as it first met, in order: a resumed check forgets those met after its checkpoint. */
  protected readonly peerLog: [string, string][] = [];

  /** Segments sent and not yet arrived. They arrive in the order they were sent (SPEC §3.4). */
  protected inFlight: Seg[] = [];
  /** MessageInfo.flags by flag bits: messages with the same flags share one array (never mutated). */
  private readonly flagLists: Flag[][] = [];

  readonly speculative: boolean;
  readonly meant: Map<MessageStmt, MessageStmt>;
  /** Where each error and warning was reported, by statement. */
  readonly tally = new Tally();
  private readonly onStep?: SimulatorOptions['onStep'];

  constructor(
    public participants: ParticipantInfo[],
    options: SimulatorOptions,
    store?: EndpointStore,
  ) {
    this.speculative = !!options.speculative;
    this.meant = options.meant ?? new Map();
    this.onStep = options.onStep;
    if (store) this.useStore(store);
    else this.start();
  }

  /** Every participant in its initial state. */
  protected start(): void {
    this.timeline = new StateTimeline(this.participants);
    this.useStore(new EndpointStore(this.participants.map(createEndpoint)));
  }

  /** At a statement's start the trace has recorded every state: what was shown is the state. */
  protected useStore(store: EndpointStore): void {
    this.store = store;
    this.shown = store.columns.map((e) => e.state);
  }

  /** The endpoints as they are now, in column order. */
  endpointsNow(): readonly Endpoint[] {
    return this.store.columns;
  }

  report(d: Diagnostic): void {
    this.tally.add(d.severity);
    if (!this.speculative) this.diagnostics.push(d);
  }

  /** What a checkpoint keeps besides the endpoints. */
  protected resume(cp: Checkpoint): void {
    this.knownSymbols = cp.knownSymbols;
    this.symbolsShared = true;
    this.ctx.waits = cp.waits;
    this.ctx.bindings = cp.bindings;
    this.inFlight = [];
  }

  /** SPEC §4, bindings.ts: an unknown base told; every endpoint and segment in flight holding it is rebased. */
  private bind(unknown: SeqVal, value: SeqVal): void {
    const base = unknown.base!;
    // A new map (a checkpoint may share the old one): a participant's unknowns are told once each.
    const bindings = new Map(this.ctx.bindings).set(base, add(value, -unknown.off));
    this.ctx.bindings = bindings;
    const owner = base.slice(1);
    for (const name of [owner, ...(this.peers.get(owner) ?? [])]) {
      const e = this.store.get(name);
      if (e && mentions(e, base)) rebase(this.store.touch(e), bindings);
    }
    for (const seg of this.inFlight) {
      seg.seq = resolve(bindings, seg.seq);
      seg.ackNo = resolve(bindings, seg.ackNo);
    }
  }

  private meet(a: string, b: string): void {
    let p = this.peers.get(a);
    if (!p) this.peers.set(a, (p = new Set()));
    if (p.has(b)) return;
    p.add(b);
    this.peerLog.push([a, b]);
  }

  /** The known symbols, shared with a checkpoint until the next new one (copy on write). */
  protected shareSymbols(): Set<string> {
    this.symbolsShared = true;
    return this.knownSymbols;
  }

  private learnSymbol(sym: string): void {
    if (this.knownSymbols.has(sym)) return;
    if (this.symbolsShared) this.knownSymbols = new Set(this.knownSymbols);
    this.symbolsShared = false;
    this.knownSymbols.add(sym);
  }

  /** Records a step that has just happened, with the states it changed (only `touched` can have changed). */
  private step(event: StepEvent, stmt: Statement, message: Message | undefined, ...touched: Endpoint[]): number {
    const index = this.steps.length;
    let changes: StateChange[] = NO_CHANGES;
    const scan = event === 'wait' ? this.store.columns : touched;
    for (const e of scan) {
      const i = this.store.columnOf(e);
      if (this.shown[i] === e.state) continue;
      if (changes === NO_CHANGES) changes = [];
      changes.push({ name: e.name, from: this.shown[i], to: e.state });
      this.shown[i] = e.state;
      this.timeline.record(index, i, e.state);
    }
    // In column order, as the renderers draw them.
    if (changes.length > 1) changes.sort((a, b) => this.store.columnOf(this.store.get(a.name)!) - this.store.columnOf(this.store.get(b.name)!));
    this.steps.push(new Step(this.timeline, index, event, stmt, message, changes));
    this.onStep?.(index, scan);
    return index;
  }

  send(written: MessageStmt): void {
    // A root cause found (SPEC §8.6): the lines after it are checked as though written right.
    const msg = (this.meant.size && this.meant.get(written)) || written;
    const s = this.store.touch(this.store.get(msg.from.name)!);
    const r = this.store.touch(this.store.get(msg.to.name)!);
    this.meet(s.name, r.name);
    this.meet(r.name, s.name);
    const before = this.steps.length - 1;
    this.assertState(msg.from, s);
    const seg = sendSegment(this.ctx, s, r, msg);
    const { seq, ack } = msg.segment;
    if (seq?.value?.sym) this.learnSymbol(seq.value.sym);
    if (ack?.value?.sym) this.learnSymbol(ack.value.sym);
    this.inFlight.push(seg);
    if (this.speculative) return;
    const info = describeMessage(this.timeline, written, msg, seg, before, this.flagList(seg.flags));
    seg.info = info;
    this.step('send', written, info, s);
    this.messages.push(info);
  }

  arrive(written: MessageStmt): void {
    const msg = (this.meant.size && this.meant.get(written)) || written;
    const seg = this.inFlight.shift()!;
    const info = seg.info;
    const r = seg.receiver;
    const s = seg.sender;
    this.assertState(msg.to, r);
    const lost = msg.arrow === '-x';
    if (!lost && seg.role !== 'rejected') deliver(this.ctx, r, s, seg);
    if (!info) return;
    info.afterStep = this.step(lost ? 'lose' : 'deliver', written, info, r, s);
    info.role = seg.role;
  }

  wait(stmt: WaitStmt): void {
    this.ctx.waits++;
    // RFC 9293 §3.10.8: the 2MSL timer ends TIME_WAIT.
    if (stmt.is2MSL) for (const found of this.store.columns) {
      if (found.state !== 'TIME_WAIT') continue;
      const e = this.store.touch(found);
      setState(e, 'CLOSED', { kind: 'wait', line: stmt.line });
      resetConnection(e); // the connection is gone: a later SYN starts a new one
    }
    if (!this.speculative) this.step('wait', stmt, undefined);
  }

  /** A `state` line: every state it names is asserted. */
  state(stmt: StateStmt): void {
    for (const item of stmt.items) {
      const e = this.store.get(item.name);
      if (!e) this.ctx.report(diag('TF209', item.nameRange, { name: item.name }));
      else this.assertState({ name: item.name, range: item.nameRange, state: item.state }, e);
    }
    if (!this.speculative) this.step('state', stmt, undefined);
  }

  /** A note is put beside participants: each must be one of the flow's (TF209). */
  note(stmt: NoteStmt): void {
    for (const t of stmt.targets) {
      if (this.store.get(t.name)) continue;
      const d = diag('TF209', t.range, { name: t.name });
      this.tally.add(d.severity);
      if (!this.speculative) this.noteDiagnostics.push(d);
    }
  }

  private flagList(bits: number): Flag[] {
    return (this.flagLists[bits] ??= orderedFlags(bits));
  }

  /** `(STATE)` is the state at the moment of the event, before it takes effect (SPEC §3.3). */
  private assertState(end: EndpointRef, e: Endpoint): void {
    const d = checkAssertion(end, e, this.participants);
    if (d) this.ctx.report(d);
  }
}

/** What a message did: `written` is the line, `msg` the message checked (the same unless a root cause was found). */
function describeMessage(timeline: StateTimeline, written: MessageStmt, msg: MessageStmt, seg: Seg, before: number, flags: Flag[]): Message {
  const ack = has(seg, 'ACK') ? show(seg.ackNo) : undefined;
  return new Message(timeline, before, written, msg, msg.arrow === '-x', flags, show(seg.seq), ack, seg.len, seg.seqInferred, seg.ackInferred, seg.ackFlagAdded, seg.role);
}
