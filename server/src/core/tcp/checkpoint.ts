// Going back to the state before a statement, to check again from there: with a root cause
// repaired (SPEC §8.6, rootCause.ts), or in a trial run. The simulation is a function of the
// lines before, so the state kept at a checkpoint replays exactly.
//
// A checkpoint copies no endpoint: the store keeps a journal, and the first time an endpoint
// changes after a checkpoint, a copy of it as it was goes into the journal. Going back takes,
// for each endpoint, its first copy since the checkpoint. So a checkpoint costs nothing, and a
// statement at most a copy of the two endpoints it changes, however many participants a flow
// has (copying all of them at every checkpoint was O(participants × statements)).
import type { Bindings } from './bindings';
import type { Endpoint } from './endpoint';

export interface Checkpoint {
  /** Index (in doc.statements) of the statement this state precedes. */
  index: number;
  /** Position in the endpoint store's journal. */
  mark: number;
  knownSymbols: Set<string>;
  /** Wait lines met so far (CheckContext.waits). */
  waits: number;
  /** Unknown numbers told so far (CheckContext.bindings; replaced, never changed). */
  bindings: Bindings;
  /** How much of each output list existed then (a replay from here truncates them to it). */
  diagnostics: number;
  noteDiagnostics: number;
  steps: number;
  messages: number;
  // For resuming a later version of the document from here (Checker.resumeFrom):
  /** The last statement anything before this point looked at: the state here depends on no later one. */
  horizon: number;
  settled: number;
  explainBudget: number;
  /** How many root causes had been taken (`meant` grows in statement order). */
  meant: number;
  /** How many peers had met (Checker's peer log). */
  peers: number;
}

/** A copy that shares nothing the checker mutates (values, causes and queue entries are never mutated). */
export function cloneEndpoint(e: Endpoint): Endpoint {
  return {
    ...e,
    unacked: e.unacked.slice(),
    outOfOrder: e.outOfOrder.slice(),
    lastReceived: e.lastReceived && { ...e.lastReceived },
    lastSent: e.lastSent && { ...e.lastSent },
  };
}

/** The checkpoint at or before a statement, in a list kept in statement order. */
export function checkpointAtOrBefore(list: readonly Checkpoint[], index: number): Checkpoint | undefined {
  for (let k = list.length - 1; k >= 0; k--) if (list[k].index <= index) return list[k];
  return undefined;
}

/** The endpoints of one check, in column order, and how to go back to a checkpoint. */
export class EndpointStore {
  columns: Endpoint[] = [];
  private byName = new Map<string, Endpoint>();
  private readonly column = new Map<Endpoint, number>();
  /** Copies of endpoints as they were at the start of an epoch, in the order they were first changed. */
  private readonly journal: { col: number; e: Endpoint }[] = [];
  private epoch = 1;

  /** `owned`: in a trial run, the endpoints it may change; any other is copied first (copy on write). */
  constructor(columns: Endpoint[], private readonly owned?: Set<Endpoint>) {
    this.use(columns);
  }

  private use(columns: Endpoint[]): void {
    this.columns = columns;
    this.byName = new Map(columns.map((e) => [e.name, e]));
    this.column.clear();
    columns.forEach((e, i) => this.column.set(e, i));
  }

  get(name: string): Endpoint | undefined {
    return this.byName.get(name);
  }

  columnOf(e: Endpoint): number {
    return this.column.get(e)!;
  }

  /** The endpoint, ready to be changed: journalled (the main run) or made its own (a trial run). */
  touch(e: Endpoint): Endpoint {
    if (this.owned) {
      if (this.owned.has(e)) return e;
      const copy = cloneEndpoint(e);
      this.owned.add(copy);
      this.replace(e, copy);
      return copy;
    }
    if (e.epoch !== this.epoch) {
      this.journal.push({ col: this.column.get(e)!, e: cloneEndpoint(e) });
      e.epoch = this.epoch;
    }
    return e;
  }

  private replace(old: Endpoint, e: Endpoint): void {
    const i = this.column.get(old)!;
    this.columns[i] = e;
    this.byName.set(e.name, e);
    this.column.delete(old);
    this.column.set(e, i);
  }

  /** A checkpoint's position: what changes from now on is journalled anew. */
  mark(): number {
    this.epoch++;
    return this.journal.length;
  }

  /** The endpoints as they were at `mark`: the journalled ones (copied again if `copy`), the others as they are. */
  private asAt(mark: number, copy: boolean): Endpoint[] {
    const columns = this.columns.slice();
    const seen = new Set<number>();
    for (let k = mark; k < this.journal.length; k++) {
      const { col, e } = this.journal[k];
      if (seen.has(col)) continue;
      seen.add(col);
      columns[col] = copy ? cloneEndpoint(e) : e;
    }
    return columns;
  }

  /** Back to `mark` (the main run): what was journalled since is dropped. */
  rewind(mark: number): void {
    const columns = this.asAt(mark, true);
    this.journal.length = mark;
    this.epoch++;
    this.use(columns);
  }

  /** A store for a trial run from `mark`: it shares the endpoints (journalled ones too), copying each it changes. */
  forkAt(mark: number): EndpointStore {
    return new EndpointStore(this.asAt(mark, false), new Set());
  }
}
