// The checker: runs the flow's walk (simulator.ts, SPEC §4, RFC 9293 §3.10) over a document,
// looks for the root of each error (rootCause.ts, SPEC §8.6) and keeps checkpoints, so a later
// version of the document is checked from its first changed statement (incremental.ts).
import type { Diagnostic } from '../diagnostics';
import type { MessageStmt, TcpflowDocument } from '../syntax/ast';
import type { Analysis, ParticipantInfo } from './analysis';
import { checkpointAtOrBefore, type Checkpoint, type EndpointStore } from './checkpoint';
import type { Tally } from './tally';
import { visitStatement } from './events';
import { collectParticipants } from './initialStates';
import { LOOKAHEAD, explainErrors } from './rootCause';
import { FlowSimulator, type SimulatorOptions } from './simulator';

type CheckResult = Omit<Analysis, 'doc' | 'diagnostics'> & { diagnostics: Diagnostic[] };

/** A checkpoint every this many statements (and after each statement with an error). */
const CHECKPOINT_STRIDE = 32;

/** `rootCauses: false` reports each error where it is met, as a plain reading (the mutation test's oracle). */
export function check(doc: TcpflowDocument, options: { rootCauses?: boolean } = {}): CheckResult {
  return new Checker(doc, collectParticipants(doc), { rootCauses: options.rootCauses }).run();
}

export interface CheckerOptions extends SimulatorOptions {
  /** Look for root causes (SPEC §8.6); default true. */
  rootCauses?: boolean;
}

export class Checker extends FlowSimulator {
  // What the root-cause search (rootCause.ts) reads and keeps.
  private readonly rootCauses: boolean;
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
  /** A trial run stops as soon as this says its outcome is known (rootCause.ts). */
  stopWhen?: (tally: Tally) => boolean;

  constructor(
    public doc: TcpflowDocument,
    participants: ParticipantInfo[],
    options: CheckerOptions = {},
    store?: EndpointStore,
  ) {
    super(participants, options, store);
    this.rootCauses = !this.speculative && options.rootCauses !== false;
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
}
