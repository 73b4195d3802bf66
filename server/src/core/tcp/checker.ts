// The checker: simulates every endpoint line by line as RFC 9293 §3.10 does (SPEC §4),
// compares every state assertion, and records the state trace.
import { diag, type Diagnostic, type Fix } from '../diagnostics';
import type { Endpoint as EndpointRef, MessageStmt, Statement, StateRef, TcpState, TcpflowDocument } from '../syntax/ast';
import type { Analysis, MessageInfo, ParticipantInfo, StateChange, StepEvent, TraceStep } from './analysis';
import { createEndpoint, resetConnection, setState, type Endpoint } from './endpoint';
import { flowEvents, type Flight, type FlowEvent } from './events';
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

class Checker {
  private readonly participants: ParticipantInfo[];
  private readonly endpoints = new Map<string, Endpoint>();
  /** The endpoints in column order (the same order as `participants`), for the per-step comparison. */
  private readonly columns: Endpoint[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly steps: TraceStep[] = [];
  private readonly messages: MessageInfo[] = [];
  private readonly knownSymbols = new Set<string>();
  /** Every participant's state now; replaced (never mutated) when a state changes, so steps can share it. */
  private states: Record<string, TcpState> = {};
  private readonly ctx: CheckContext = {
    report: (d) => this.diagnostics.push(d),
    isKnownSymbol: (s) => this.knownSymbols.has(s),
  };

  private readonly events: FlowEvent[];

  constructor(private readonly doc: TcpflowDocument) {
    this.events = flowEvents(doc);
    this.participants = collectParticipants(doc, this.events);
    for (const p of this.participants) {
      const e = createEndpoint(p);
      this.endpoints.set(p.name, e);
      this.columns.push(e);
      this.states[p.name] = p.initial;
    }
  }

  run(): CheckResult {
    this.checkNoteTargets(this.doc.statements);
    for (const ev of this.events) {
      if (ev.kind === 'wait') this.wait(ev.stmt);
      else if (ev.kind === 'state') this.assertStates(ev.stmt);
      else if (ev.kind === 'send') this.send(ev.flight);
      else this.arrive(ev.flight);
    }
    return {
      participants: this.participants,
      steps: this.steps,
      messages: this.messages,
      diagnostics: this.diagnostics,
      finalStates: this.states,
    };
  }

  /** Records a step that has just happened, with the states it changed. */
  private step(line: number, event: StepEvent, stmt: Statement, message?: MessageInfo): void {
    const before = this.states;
    let changes: StateChange[] = NO_CHANGES;
    for (const e of this.columns) {
      if (before[e.name] === e.state) continue;
      if (changes === NO_CHANGES) changes = [];
      changes.push({ name: e.name, from: before[e.name], to: e.state });
    }
    if (changes.length) {
      this.states = { ...before };
      for (const c of changes) this.states[c.name] = c.to;
    }
    this.steps.push({ line, event, stmt, message, changes, states: this.states });
  }

  private send(flight: Flight): void {
    const msg = flight.msg;
    const s = this.endpoints.get(msg.from.name)!;
    const r = this.endpoints.get(msg.to.name)!;
    const before = this.states;
    this.assertState(msg.from, s);
    const seg = sendSegment(this.ctx, s, r, msg);
    const info = describeMessage(msg, seg, before);
    this.step(msg.line, 'send', msg, info);
    const { seq, ack } = msg.segment;
    if (seq?.value?.sym) this.knownSymbols.add(seq.value.sym);
    if (ack?.value?.sym) this.knownSymbols.add(ack.value.sym);
    this.messages.push(info);
    flight.sent = { seg, info } satisfies Sent;
  }

  private arrive(f: Flight): void {
    const msg = f.msg;
    const flight = f.sent as Sent;
    const r = this.endpoints.get(msg.to.name)!;
    const s = this.endpoints.get(msg.from.name)!;
    this.assertState(msg.to, r);
    const lost = msg.arrow === '-x';
    if (!lost && flight.seg.role !== 'rejected') deliver(this.ctx, r, s, flight.seg);
    this.step(msg.line, lost ? 'lose' : 'deliver', msg, flight.info);
    flight.info.after = this.states;
    flight.info.role = flight.seg.role;
  }

  private wait(stmt: Extract<Statement, { kind: 'wait' }>): void {
    for (const e of this.endpoints.values()) {
      e.waitedSinceSend = true;
      // RFC 9293 §3.10.8: the 2MSL timer ends TIME_WAIT.
      if (stmt.is2MSL && e.state === 'TIME_WAIT') {
        setState(e, 'CLOSED', { kind: 'wait', line: stmt.line });
        resetConnection(e); // the connection is gone: a later SYN starts a new one
      }
    }
    this.step(stmt.line, 'wait', stmt);
  }

  private assertStates(stmt: Extract<Statement, { kind: 'state' }>): void {
    for (const item of stmt.items) {
      const e = this.endpoints.get(item.name);
      if (!e) this.ctx.report(diag('TF209', item.nameRange, { name: item.name }));
      else this.assertState({ name: item.name, range: item.nameRange, state: item.state }, e);
    }
    this.step(stmt.line, 'state', stmt);
  }

  /** A note is put beside participants: each must be one of the flow's (TF209). */
  private checkNoteTargets(statements: readonly (Statement | Extract<Statement, { kind: 'note' }>)[]): void {
    for (const s of statements) {
      if (s.kind === 'par') this.checkNoteTargets(s.branches.flat());
      if (s.kind !== 'note') continue;
      for (const t of s.targets) if (!this.endpoints.has(t.name)) this.ctx.report(diag('TF209', t.range, { name: t.name }));
    }
  }

  /** `(STATE)` is the state at the moment of the event, before it takes effect (SPEC §3.3). */
  private assertState(end: EndpointRef, e: Endpoint): void {
    const ref: StateRef | undefined = end.state;
    if (!ref?.state || ref.state === e.state) return;
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
    if (declare) d.alternatives = [declare];
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

interface Sent {
  seg: Seg;
  info: MessageInfo;
}

function describeMessage(msg: MessageStmt, seg: Seg, before: Record<string, TcpState>): MessageInfo {
  return {
    stmt: msg,
    from: msg.from.name,
    to: msg.to.name,
    lost: msg.arrow === '-x',
    flags: orderedFlags(seg.flags),
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
