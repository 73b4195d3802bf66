// The checker: simulates every endpoint line by line as RFC 9293 §3.10 does (SPEC §4),
// compares every state assertion, and records the state trace.
import { diag, plainFix, type Diagnostic, type Fix } from '../diagnostics';
import type { Endpoint as EndpointRef, Flag, MessageStmt, NoteStmt, Statement, StateRef, StateStmt, TcpState, TcpflowDocument, WaitStmt } from '../syntax/ast';
import type { Analysis, MessageInfo, ParticipantInfo, StateChange, StepEvent, TraceStep } from './analysis';
import { checkpointAtOrBefore, cloneEndpoint, type Checkpoint } from './checkpoint';
import { createEndpoint, resetConnection, setState, type Endpoint } from './endpoint';
import { visitStatement, type FlowVisitor } from './events';
import { collectParticipants } from './initialStates';
import { deliver } from './receiver';
import { explainErrors } from './rootCause';
import { describe, has, orderedFlags, type Seg } from './segment';
import { sendSegment } from './sender';
import type { CheckContext } from './sendRules';
import { show } from './seqValue';

type CheckResult = Omit<Analysis, 'doc' | 'diagnostics'> & { diagnostics: Diagnostic[] };

/** Shared by every step that changes no state (most of them); never mutated. */
const NO_CHANGES: StateChange[] = [];

/** A checkpoint every this many statements (and after each statement with an error). */
const CHECKPOINT_STRIDE = 16;

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
}

export class Checker implements FlowVisitor {
  private endpoints = new Map<string, Endpoint>();
  /** The endpoints in column order (the same order as `participants`), for the per-step comparison. */
  private columns: Endpoint[] = [];
  /** Each column's state in `states`, by index: the per-step comparison then looks up no names. */
  private shown: TcpState[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** TF209s of notes: met during the walk, listed before the other diagnostics. */
  private readonly noteDiagnostics: Diagnostic[] = [];
  private readonly steps: TraceStep[] = [];
  private readonly messages: MessageInfo[] = [];
  private knownSymbols = new Set<string>();
  /** Every participant's state now; replaced (never mutated) when a state changes, so steps can share it. */
  private states: Record<string, TcpState> = {};
  private readonly ctx: CheckContext = {
    report: (d) => this.report(d),
    isKnownSymbol: (s) => this.knownSymbols.has(s),
  };

  /** Segments sent and not yet arrived. They arrive in the order they were sent (SPEC §3.4). */
  private inFlight: { seg: Seg; info?: MessageInfo }[] = [];
  /** MessageInfo.flags by flag bits: messages with the same flags share one array (never mutated). */
  private readonly flagLists: Flag[][] = [];

  // What the root-cause search (rootCause.ts) reads and keeps.
  readonly speculative: boolean;
  private readonly rootCauses: boolean;
  readonly meant: Map<MessageStmt, MessageStmt>;
  /** Errors, and errors or warnings ("problems"), reported so far; and how many before statement i. */
  errors = 0;
  problems = 0;
  readonly errorsBefore: number[] = [];
  readonly problemsBefore: number[] = [];
  readonly checkpoints: Checkpoint[] = [];
  /** The last statement whose errors were settled: a root cause is never looked for before it. */
  settled = -1;
  /** How many errors were looked into (bounded: a note full of mistakes costs no more than a few). */
  explained = 0;

  constructor(
    readonly doc: TcpflowDocument,
    public participants: ParticipantInfo[],
    options: CheckerOptions = {},
  ) {
    this.speculative = !!options.speculative;
    this.rootCauses = !this.speculative && options.rootCauses !== false;
    this.meant = options.meant ?? new Map();
    this.start();
  }

  /** Every participant in its initial state. */
  private start(): void {
    this.endpoints = new Map();
    this.columns = [];
    this.shown = [];
    this.states = {};
    for (const p of this.participants) {
      const e = createEndpoint(p);
      this.endpoints.set(p.name, e);
      this.columns.push(e);
      this.shown.push(p.initial);
      this.states[p.name] = p.initial;
    }
  }

  run(): CheckResult {
    this.runStatements(0, this.doc.statements.length, this.rootCauses);
    const notes = this.noteDiagnostics;
    return {
      participants: this.participants,
      steps: this.steps,
      messages: this.messages,
      diagnostics: notes.length ? [...notes, ...this.diagnostics] : this.diagnostics,
      finalStates: this.states,
    };
  }

  /** Checks statements [from, to); with `explain`, looks for the root of each new error (SPEC §8.6). */
  runStatements(from: number, to: number, explain: boolean): void {
    const statements = this.doc.statements;
    for (let i = from; i < to; i++) {
      this.errorsBefore[i] = this.errors;
      this.problemsBefore[i] = this.problems;
      if (!this.speculative && (i % CHECKPOINT_STRIDE === 0 || i === this.settled + 1)) this.saveCheckpoint(i);
      const errors = this.errors;
      const reported = this.diagnostics.length;
      visitStatement(statements[i], this);
      if (explain && this.errors > errors) {
        explainErrors(this, i, reported);
        this.settled = i;
      }
    }
    this.errorsBefore[to] = this.errors;
    this.problemsBefore[to] = this.problems;
  }

  report(d: Diagnostic): void {
    if (d.severity === 'error') this.errors++;
    if (d.severity === 'error' || d.severity === 'warning') this.problems++;
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
      endpoints: this.columns.map(cloneEndpoint),
      knownSymbols: new Set(this.knownSymbols),
      states: this.states,
      diagnostics: this.diagnostics.length,
      noteDiagnostics: this.noteDiagnostics.length,
      steps: this.steps.length,
      messages: this.messages.length,
    };
  }

  /** Back to a checkpoint: what was recorded after it is dropped. */
  restore(cp: Checkpoint): void {
    this.columns = cp.endpoints.map(cloneEndpoint);
    this.endpoints = new Map(this.columns.map((e) => [e.name, e]));
    this.shown = this.columns.map((e) => cp.states[e.name]);
    this.states = cp.states;
    this.knownSymbols = new Set(cp.knownSymbols);
    this.inFlight = [];
    if (this.speculative) return;
    this.diagnostics.length = cp.diagnostics;
    this.noteDiagnostics.length = cp.noteDiagnostics;
    this.steps.length = cp.steps;
    this.messages.length = cp.messages;
    while (this.checkpoints.length && this.checkpoints[this.checkpoints.length - 1].index > cp.index) this.checkpoints.pop();
    this.errors = this.errorsBefore[cp.index];
    this.problems = this.problemsBefore[cp.index];
  }

  /** A trial checker that starts from a checkpoint and checks some messages as meant. */
  fork(cp: Checkpoint, meant: Map<MessageStmt, MessageStmt>): Checker {
    const t = new Checker(this.doc, this.participants, { speculative: true, meant });
    t.restore(cp);
    return t;
  }

  /** A trial checker that starts from the top, with other participants (other initial states). */
  trialFromStart(participants: ParticipantInfo[], meant: Map<MessageStmt, MessageStmt>): Checker {
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
      this.inFlight = [];
      this.diagnostics.length = this.noteDiagnostics.length = this.steps.length = this.messages.length = 0;
      this.checkpoints.length = 0;
      this.errors = this.problems = 0;
      this.runStatements(0, at + 1, false);
    } else {
      const cp = checkpointAtOrBefore(this.checkpoints, root)!;
      this.restore(cp);
      this.runStatements(cp.index, at + 1, false);
    }
    this.report(diagnostic);
  }

  /** Records a step that has just happened, with the states it changed. */
  private step(line: number, event: StepEvent, stmt: Statement, message?: MessageInfo): void {
    let changes: StateChange[] = NO_CHANGES;
    for (let i = 0; i < this.columns.length; i++) {
      const e = this.columns[i];
      if (this.shown[i] === e.state) continue;
      if (changes === NO_CHANGES) changes = [];
      changes.push({ name: e.name, from: this.shown[i], to: e.state });
      this.shown[i] = e.state;
    }
    if (changes.length) {
      this.states = { ...this.states };
      for (const c of changes) this.states[c.name] = c.to;
    }
    this.steps.push({ line, event, stmt, message, changes, states: this.states });
  }

  send(written: MessageStmt): void {
    // A root cause found (SPEC §8.6): the lines after it are checked as though written right.
    const msg = this.meant.get(written) ?? written;
    const s = this.endpoints.get(msg.from.name)!;
    const r = this.endpoints.get(msg.to.name)!;
    const before = this.states;
    this.assertState(msg.from, s);
    const seg = sendSegment(this.ctx, s, r, msg);
    const { seq, ack } = msg.segment;
    if (seq?.value?.sym) this.knownSymbols.add(seq.value.sym);
    if (ack?.value?.sym) this.knownSymbols.add(ack.value.sym);
    if (this.speculative) {
      this.inFlight.push({ seg });
      return;
    }
    const info = describeMessage(written, msg, seg, before, this.flagList(seg.flags));
    this.step(msg.line, 'send', written, info);
    this.messages.push(info);
    this.inFlight.push({ seg, info });
  }

  arrive(written: MessageStmt): void {
    const msg = this.meant.get(written) ?? written;
    const { seg, info } = this.inFlight.shift()!;
    const r = seg.receiver;
    const s = seg.sender;
    this.assertState(msg.to, r);
    const lost = msg.arrow === '-x';
    if (!lost && seg.role !== 'rejected') deliver(this.ctx, r, s, seg);
    if (!info) return;
    this.step(msg.line, lost ? 'lose' : 'deliver', written, info);
    info.after = this.states;
    info.role = seg.role;
  }

  wait(stmt: WaitStmt): void {
    for (const e of this.columns) {
      e.waitedSinceSend = true;
      // RFC 9293 §3.10.8: the 2MSL timer ends TIME_WAIT.
      if (stmt.is2MSL && e.state === 'TIME_WAIT') {
        setState(e, 'CLOSED', { kind: 'wait', line: stmt.line });
        resetConnection(e); // the connection is gone: a later SYN starts a new one
      }
    }
    if (!this.speculative) this.step(stmt.line, 'wait', stmt);
  }

  /** A `state` line: every state it names is asserted. */
  state(stmt: StateStmt): void {
    for (const item of stmt.items) {
      const e = this.endpoints.get(item.name);
      if (!e) this.ctx.report(diag('TF209', item.nameRange, { name: item.name }));
      else this.assertState({ name: item.name, range: item.nameRange, state: item.state }, e);
    }
    if (!this.speculative) this.step(stmt.line, 'state', stmt);
  }

  /** A note is put beside participants: each must be one of the flow's (TF209). */
  note(stmt: NoteStmt): void {
    for (const t of stmt.targets) {
      if (this.endpoints.has(t.name)) continue;
      const d = diag('TF209', t.range, { name: t.name });
      this.errors++;
      this.problems++;
      if (!this.speculative) this.noteDiagnostics.push(d);
    }
  }

  private flagList(bits: number): Flag[] {
    return (this.flagLists[bits] ??= orderedFlags(bits));
  }

  /** `(STATE)` is the state at the moment of the event, before it takes effect (SPEC §3.3). */
  private assertState(end: EndpointRef, e: Endpoint): void {
    const ref: StateRef | undefined = end.state;
    if (!ref?.state || ref.state === e.state) return;
    // A server whose connection has closed still has its listening socket: `S(LISTEN)` before
    // its next connection is right (a SYN finds the listener, see receiver.ts inClosed).
    if (ref.state === 'LISTEN' && e.state === 'CLOSED' && e.listener) return;
    const c = e.cause;
    const args = {
      name: e.name,
      actual: e.state,
      asserted: ref.state,
      cause: c.kind === 'initial' ? c.reason : c.kind,
      what: c.kind === 'sent' || c.kind === 'received' ? describe(c.flags, c.len) : undefined,
      line: c.line === undefined || c.line < 0 ? undefined : c.line + 1,
      since: e.receivedSinceCause ? 1 : 0,
    };
    const fix = { kind: 'setState' as const, args: { state: e.state }, edits: [{ range: ref.range, newText: e.state }] };
    const d = diag('TF200', ref.range, args, fix);
    // Nothing has happened to it yet: perhaps the notes mean it to start there (SPEC §3.2).
    const declare = c.kind === 'initial' ? this.declareFix(e.name, ref.state) : undefined;
    if (declare) d.alternatives = [plainFix(declare)];
    this.ctx.report(d);
  }

  /** A fix that declares the participant's initial state: on its `participant` line, or a new one. */
  private declareFix(name: string, state: TcpState): Fix | undefined {
    const p = this.participants.find((x) => x.name === name);
    if (!p) return undefined;
    const args = { name, state };
    const decl = p.declaration;
    if (decl?.state) return { kind: 'declareState', args, edits: [{ range: decl.state.range, newText: state }] };
    if (decl) return { kind: 'declareState', args, edits: [{ range: { start: decl.range.end, end: decl.range.end }, newText: ` (${state})` }] };
    const at = { line: p.firstLine ?? 0, character: 0 };
    return { kind: 'declareState', args, edits: [{ range: { start: at, end: at }, newText: `participant ${name} (${state})\n` }] };
  }
}

/** What a message did: `written` is the line, `msg` the message checked (the same unless a root cause was found). */
function describeMessage(written: MessageStmt, msg: MessageStmt, seg: Seg, before: Record<string, TcpState>, flags: Flag[]): MessageInfo {
  return {
    stmt: written,
    from: msg.from.name,
    to: msg.to.name,
    lost: msg.arrow === '-x',
    flags,
    seq: show(seg.seq),
    ack: has(seg, 'ACK') ? show(seg.ackNo) : undefined,
    len: seg.len,
    seqInferred: seg.seqInferred,
    ackInferred: seg.ackInferred,
    ackFlagAdded: seg.ackFlagAdded,
    role: seg.role,
    before,
    after: before,
  };
}
