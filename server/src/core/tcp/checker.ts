// The checker: simulates every endpoint line by line as RFC 9293 §3.10 does (SPEC §4),
// compares every state assertion, and records the state trace.
import { diag, plainFix, type Diagnostic, type Fix } from '../diagnostics';
import type { Endpoint as EndpointRef, Flag, MessageStmt, NoteStmt, Statement, StateRef, StateStmt, TcpState, TcpflowDocument, WaitStmt } from '../syntax/ast';
import type { Analysis, MessageInfo, ParticipantInfo, StateChange, StepEvent, TraceStep } from './analysis';
import { createEndpoint, resetConnection, setState, type Endpoint } from './endpoint';
import { visitFlow, type FlowVisitor } from './events';
import { collectParticipants } from './initialStates';
import { deliver } from './receiver';
import { describe, has, orderedFlags, type Seg } from './segment';
import { sendSegment } from './sender';
import type { CheckContext } from './sendRules';
import { show } from './seqValue';

type CheckResult = Omit<Analysis, 'doc' | 'diagnostics'> & { diagnostics: Diagnostic[] };

/** Shared by every step that changes no state (most of them); never mutated. */
const NO_CHANGES: StateChange[] = [];

export function check(doc: TcpflowDocument): CheckResult {
  return new Checker(doc).run();
}

class Checker implements FlowVisitor {
  private readonly participants: ParticipantInfo[];
  private readonly endpoints = new Map<string, Endpoint>();
  /** The endpoints in column order (the same order as `participants`), for the per-step comparison. */
  private readonly columns: Endpoint[] = [];
  /** Each column's state in `states`, by index: the per-step comparison then looks up no names. */
  private readonly shown: TcpState[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  /** TF209s of notes: met during the walk, listed before the other diagnostics. */
  private readonly noteDiagnostics: Diagnostic[] = [];
  private readonly steps: TraceStep[] = [];
  private readonly messages: MessageInfo[] = [];
  private readonly knownSymbols = new Set<string>();
  /** Every participant's state now; replaced (never mutated) when a state changes, so steps can share it. */
  private states: Record<string, TcpState> = {};
  private readonly ctx: CheckContext = {
    report: (d) => this.diagnostics.push(d),
    isKnownSymbol: (s) => this.knownSymbols.has(s),
  };

  /** Segments sent and not yet arrived. They arrive in the order they were sent (SPEC §3.4). */
  private readonly inFlight: Seg[] = [];
  /** How many messages have arrived: `messages[arrived]` is the next to arrive, for the same reason. */
  private arrived = 0;
  /** MessageInfo.flags by flag bits: messages with the same flags share one array (never mutated). */
  private readonly flagLists: Flag[][] = [];

  constructor(private readonly doc: TcpflowDocument) {
    this.participants = collectParticipants(doc);
    for (const p of this.participants) {
      const e = createEndpoint(p);
      this.endpoints.set(p.name, e);
      this.columns.push(e);
      this.shown.push(p.initial);
      this.states[p.name] = p.initial;
    }
  }

  run(): CheckResult {
    visitFlow(this.doc, this);
    const notes = this.noteDiagnostics;
    return {
      participants: this.participants,
      steps: this.steps,
      messages: this.messages,
      diagnostics: notes.length ? [...notes, ...this.diagnostics] : this.diagnostics,
      finalStates: this.states,
    };
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

  send(msg: MessageStmt): void {
    const s = this.endpoints.get(msg.from.name)!;
    const r = this.endpoints.get(msg.to.name)!;
    const before = this.states;
    this.assertState(msg.from, s);
    const seg = sendSegment(this.ctx, s, r, msg);
    const info = describeMessage(msg, seg, before, this.flagList(seg.flags));
    this.step(msg.line, 'send', msg, info);
    const { seq, ack } = msg.segment;
    if (seq?.value?.sym) this.knownSymbols.add(seq.value.sym);
    if (ack?.value?.sym) this.knownSymbols.add(ack.value.sym);
    this.messages.push(info);
    this.inFlight.push(seg);
  }

  arrive(msg: MessageStmt): void {
    const seg = this.inFlight.shift()!;
    const info = this.messages[this.arrived++];
    const r = seg.receiver;
    const s = seg.sender;
    this.assertState(msg.to, r);
    const lost = msg.arrow === '-x';
    if (!lost && seg.role !== 'rejected') deliver(this.ctx, r, s, seg);
    this.step(msg.line, lost ? 'lose' : 'deliver', msg, info);
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
    this.step(stmt.line, 'wait', stmt);
  }

  /** A `state` line: every state it names is asserted. */
  state(stmt: StateStmt): void {
    for (const item of stmt.items) {
      const e = this.endpoints.get(item.name);
      if (!e) this.ctx.report(diag('TF209', item.nameRange, { name: item.name }));
      else this.assertState({ name: item.name, range: item.nameRange, state: item.state }, e);
    }
    this.step(stmt.line, 'state', stmt);
  }

  /** A note is put beside participants: each must be one of the flow's (TF209). */
  note(stmt: NoteStmt): void {
    for (const t of stmt.targets) if (!this.endpoints.has(t.name)) this.noteDiagnostics.push(diag('TF209', t.range, { name: t.name }));
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

function describeMessage(msg: MessageStmt, seg: Seg, before: Record<string, TcpState>, flags: Flag[]): MessageInfo {
  return {
    stmt: msg,
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
