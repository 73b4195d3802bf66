// The checker: simulates every endpoint line by line as RFC 9293 §3.10 does (SPEC §4),
// compares every state assertion, and records the state trace.
import { diag, type Diagnostic } from '../diagnostics';
import type { Endpoint as EndpointRef, Flag, MessageStmt, NoteStmt, Statement, StateStmt, TcpState, TcpflowDocument, WaitStmt } from '../syntax/ast';
import type { Analysis, MessageInfo, ParticipantInfo, StateChange, StepEvent } from './analysis';
import { checkAssertion } from './assertions';
import { EndpointStore, checkpointAtOrBefore, type Checkpoint } from './checkpoint';
import { Tally } from './tally';
import { Message, StateTimeline, Step } from './timeline';
import { createEndpoint, resetConnection, setState, type Endpoint } from './endpoint';
import { visitStatement, type FlowVisitor } from './events';
import { collectParticipants } from './initialStates';
import { deliver } from './receiver';
import { LOOKAHEAD, explainErrors } from './rootCause';
import { has, orderedFlags, type Seg } from './segment';
import { sendSegment } from './sender';
import type { CheckContext } from './sendRules';
import { resolve, mentions, rebase } from './bindings';
import { add, show, type SeqVal } from './seqValue';

type CheckResult = Omit<Analysis, 'doc' | 'diagnostics'> & { diagnostics: Diagnostic[] };

/** Shared by every step that changes no state (most of them); never mutated. */
const NO_CHANGES: StateChange[] = [];

/** A checkpoint every this many statements (and after each statement with an error). */
const CHECKPOINT_STRIDE = 32;

/** `rootCauses: false` reports each error where it is met, as a plain reading (the mutation test's oracle). */
export function check(doc: TcpflowDocument, options: { rootCauses?: boolean } = {}): CheckResult {
  return new Checker(doc, collectParticipants(doc), { rootCauses: options.rootCauses }).run();
}

export interface CheckerOptions {
  /** Only count what would be reported, record nothing (a trial run of rootCause.ts). */
  speculative?: boolean;
  /** Messages checked as meant rather than as written (root causes found, SPEC §8.6). */
  meant?: Map<MessageStmt, MessageStmt>;
  /** Look for root causes (SPEC §8.6); default true. */
  rootCauses?: boolean;
  /** Called after each recorded step with the endpoints it involved (tcb.ts). */
  onStep?: (index: number, endpoints: readonly Endpoint[]) => void;
}

export class Checker implements FlowVisitor {
  /** The endpoints in column order (the same order as `participants`). */
  private store!: EndpointStore;
  /** The state the trace last recorded for each column. */
  private shown: TcpState[] = [];
  private timeline!: StateTimeline;
  readonly diagnostics: Diagnostic[] = [];
  /** TF209s of notes: met during the walk, listed before the other diagnostics. */
  private readonly noteDiagnostics: Diagnostic[] = [];
  private readonly steps: Step[] = [];
  private readonly messages: MessageInfo[] = [];
  private knownSymbols = new Set<string>();
  /** A checkpoint holds `knownSymbols` too: the next new symbol copies it first. */
  private symbolsShared = false;
  private readonly ctx: CheckContext = {
    report: (d) => this.report(d),
    isKnownSymbol: (s) => this.knownSymbols.has(s),
    waits: 0,
    bindings: new Map(),
    bind: (unknown, value) => this.bind(unknown, value),
  };
  /** Who has exchanged segments with whom: only they can hold values counted from each other's unknowns. */
  private readonly peers = new Map<string, Set<string>>();
  /** Each pair as it first met, in order: a resumed check forgets those met after its checkpoint. */
  private readonly peerLog: [string, string][] = [];

  /** Segments sent and not yet arrived. They arrive in the order they were sent (SPEC §3.4). */
  private inFlight: Seg[] = [];
  /** MessageInfo.flags by flag bits: messages with the same flags share one array (never mutated). */
  private readonly flagLists: Flag[][] = [];

  // What the root-cause search (rootCause.ts) reads and keeps.
  readonly speculative: boolean;
  private readonly rootCauses: boolean;
  readonly meant: Map<MessageStmt, MessageStmt>;
  /** Where each error and warning was reported, by statement. */
  readonly tally = new Tally();
  readonly checkpoints: Checkpoint[] = [];
  /** The last statement whose errors were settled: a root cause is never looked for before it. */
  settled = -1;
  /** How many more errors may be looked into (a note full of mistakes costs no more than a few). */
  explainBudget = 64;
  /**
   * The last statement whose text anything so far depended on: those checked, those a root-cause
   * search looked ahead to (LOOKAHEAD past an error, whether or not the document is that long:
   * its end decides too), all of them once a trial re-read everyone's start from the whole text.
   * A later version of the document whose statements up to it are the same has the same state
   * here (resumeFrom).
   */
  private horizon = -1;

  private readonly onStep?: CheckerOptions['onStep'];
  /** A trial run stops as soon as this says its outcome is known (rootCause.ts). */
  stopWhen?: (tally: Tally) => boolean;

  constructor(
    public doc: TcpflowDocument,
    public participants: ParticipantInfo[],
    options: CheckerOptions = {},
    store?: EndpointStore,
  ) {
    this.speculative = !!options.speculative;
    this.rootCauses = !this.speculative && options.rootCauses !== false;
    this.meant = options.meant ?? new Map();
    this.onStep = options.onStep;
    if (store) this.useStore(store);
    else this.start();
  }

  /** Every participant in its initial state. */
  private start(): void {
    this.timeline = new StateTimeline(this.participants);
    this.useStore(new EndpointStore(this.participants.map(createEndpoint)));
  }

  /** At a statement's start the trace has recorded every state: what was shown is the state. */
  private useStore(store: EndpointStore): void {
    this.store = store;
    this.shown = store.columns.map((e) => e.state);
  }

  /** The endpoints as they are now, in column order. */
  endpointsNow(): readonly Endpoint[] {
    return this.store.columns;
  }

  run(from = 0): CheckResult {
    this.runStatements(from, this.doc.statements.length, this.rootCauses);
    const notes = this.noteDiagnostics;
    return {
      participants: this.participants,
      steps: this.steps,
      messages: this.messages,
      diagnostics: notes.length ? [...notes, ...this.diagnostics] : this.diagnostics,
      finalStates: Object.fromEntries(this.store.columns.map((e) => [e.name, e.state])),
    };
  }

  /** Checks statements [from, to); with `explain`, looks for the root of each new error (SPEC §8.6). */
  runStatements(from: number, to: number, explain: boolean): void {
    const statements = this.doc.statements;
    const tally = this.tally;
    for (let i = from; i < to; i++) {
      // Also after each statement with an error, while errors are still looked into: a root is never before it.
      if (!this.speculative && (i % CHECKPOINT_STRIDE === 0 || (i === this.settled + 1 && this.explainBudget > 0))) this.saveCheckpoint(i);
      tally.statement = i;
      const errors = tally.errors;
      const reported = this.diagnostics.length;
      if (i > this.horizon) this.horizon = i;
      visitStatement(statements[i], this);
      if (explain && tally.errors > errors) {
        this.horizon = Math.max(this.horizon, i + LOOKAHEAD);
        explainErrors(this, i, reported);
        this.settled = i;
      }
      if (this.stopWhen?.(tally)) return;
    }
  }

  report(d: Diagnostic): void {
    this.tally.add(d.severity);
    if (!this.speculative) this.diagnostics.push(d);
  }

  private saveCheckpoint(index: number): void {
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (last && last.index >= index) return;
    this.checkpoints.push(this.snapshot(index));
  }

  /** The state now, as it stands before statement `index`. */
  snapshot(index: number): Checkpoint {
    return {
      index,
      mark: this.store.mark(),
      knownSymbols: this.shareSymbols(),
      waits: this.ctx.waits,
      bindings: this.ctx.bindings,
      diagnostics: this.diagnostics.length,
      noteDiagnostics: this.noteDiagnostics.length,
      steps: this.steps.length,
      messages: this.messages.length,
      horizon: this.horizon,
      settled: this.settled,
      explainBudget: this.explainBudget,
      meant: this.meant.size,
      peers: this.peerLog.length,
    };
  }

  /**
   * Where a later version of the document can be checked from: the last checkpoint whose state
   * depends only on statements before `unchanged` (the count of leading statements the two
   * versions share); undefined when there is none.
   */
  resumePoint(unchanged: number): Checkpoint | undefined {
    for (let k = this.checkpoints.length - 1; k >= 0; k--) if (this.checkpoints[k].horizon < unchanged) return this.checkpoints[k];
    return undefined;
  }

  /**
   * Checks `doc`, a later version of the document, from `cp` (a resumePoint) on: the state there is
   * what a fresh check of `doc` has there, so the result is the same. `participants` are `doc`'s,
   * each starting as before (the caller compares them). The result's lists are this checker's own,
   * changed in place: an earlier result is no longer valid.
   */
  resumeFrom(cp: Checkpoint, doc: TcpflowDocument, participants: ParticipantInfo[]): CheckResult {
    this.doc = doc;
    this.participants = participants;
    this.restore(cp);
    // What restore() leaves as it is for adopt(), which checks the same text again.
    this.settled = cp.settled;
    this.explainBudget = cp.explainBudget;
    this.horizon = cp.horizon;
    if (this.meant.size > cp.meant) {
      const kept = [...this.meant].slice(0, cp.meant);
      this.meant.clear();
      for (const [written, meant] of kept) this.meant.set(written, meant);
    }
    while (this.peerLog.length > cp.peers) {
      const [a, b] = this.peerLog.pop()!;
      this.peers.get(a)!.delete(b);
    }
    return this.run(cp.index);
  }

  /** Back to a checkpoint: what was recorded after it is dropped. */
  private restore(cp: Checkpoint): void {
    this.store.rewind(cp.mark);
    this.useStore(this.store);
    this.resume(cp);
    this.diagnostics.length = cp.diagnostics;
    this.noteDiagnostics.length = cp.noteDiagnostics;
    this.steps.length = cp.steps;
    this.timeline.truncate(cp.steps);
    this.messages.length = cp.messages;
    while (this.checkpoints.length && this.checkpoints[this.checkpoints.length - 1].index > cp.index) this.checkpoints.pop();
    this.tally.dropFrom(cp.index);
  }

  /** What a checkpoint keeps besides the endpoints. */
  private resume(cp: Checkpoint): void {
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
  private shareSymbols(): Set<string> {
    this.symbolsShared = true;
    return this.knownSymbols;
  }

  private learnSymbol(sym: string): void {
    if (this.knownSymbols.has(sym)) return;
    if (this.symbolsShared) this.knownSymbols = new Set(this.knownSymbols);
    this.symbolsShared = false;
    this.knownSymbols.add(sym);
  }

  /** A trial checker that starts from a checkpoint and checks some messages as meant. */
  fork(cp: Checkpoint, meant: Map<MessageStmt, MessageStmt>): Checker {
    const t = new Checker(this.doc, this.participants, { speculative: true, meant }, this.store.forkAt(cp.mark));
    t.resume(cp);
    return t;
  }

  /** A trial checker that starts from the top, with other participants (other initial states). */
  trialFromStart(participants: ParticipantInfo[], meant: Map<MessageStmt, MessageStmt>): Checker {
    this.horizon = Infinity; // the participants were read from the whole text
    return new Checker(this.doc, participants, { speculative: true, meant });
  }

  /**
   * Takes a root cause found for statement `at` (SPEC §8.6): checks again from before the root,
   * the root as meant, then reports `diagnostic` in place of the errors it explains. With new
   * participants (the root was someone's first event), the whole flow so far is checked again.
   */
  adopt(written: MessageStmt, meant: MessageStmt, root: number, at: number, diagnostic: Diagnostic, participants?: ParticipantInfo[]): void {
    this.meant.set(written, meant);
    if (participants) {
      this.participants = participants;
      this.start();
      this.knownSymbols = new Set();
      this.ctx.waits = 0;
      this.ctx.bindings = new Map();
      this.inFlight = [];
      this.diagnostics.length = this.noteDiagnostics.length = this.steps.length = this.messages.length = 0;
      this.checkpoints.length = 0;
      this.tally.dropFrom(0);
      this.runStatements(0, at + 1, false);
    } else {
      const cp = checkpointAtOrBefore(this.checkpoints, root)!;
      this.restore(cp);
      this.runStatements(cp.index, at + 1, false);
    }
    this.report(diagnostic);
  }

  /** Records a step that has just happened, with the states it changed (only `touched` can have changed). */
  private step(line: number, event: StepEvent, stmt: Statement, message: MessageInfo | undefined, ...touched: Endpoint[]): number {
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
    this.steps.push(new Step(this.timeline, index, line, event, stmt, message, changes));
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
    this.step(msg.line, 'send', written, info, s);
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
    info.afterStep = this.step(msg.line, lost ? 'lose' : 'deliver', written, info, r, s);
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
    if (!this.speculative) this.step(stmt.line, 'wait', stmt, undefined);
  }

  /** A `state` line: every state it names is asserted. */
  state(stmt: StateStmt): void {
    for (const item of stmt.items) {
      const e = this.store.get(item.name);
      if (!e) this.ctx.report(diag('TF209', item.nameRange, { name: item.name }));
      else this.assertState({ name: item.name, range: item.nameRange, state: item.state }, e);
    }
    if (!this.speculative) this.step(stmt.line, 'state', stmt, undefined);
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
  return new Message(timeline, before, written, msg.from.name, msg.to.name, msg.arrow === '-x', flags, show(seg.seq), ack, seg.len, seg.seqInferred, seg.ackInferred, seg.ackFlagAdded, seg.role);
}
