// The checker's state before a statement, kept so that a line can be checked again from there:
// with a root cause repaired (SPEC §8.6, rootCause.ts), or speculatively, to see what follows.
// The simulation is a function of the lines before, so a copy taken here replays exactly.
import type { TcpState } from '../syntax/ast';
import type { Endpoint } from './endpoint';

export interface Checkpoint {
  /** Index (in doc.statements) of the statement this state precedes. */
  index: number;
  /** Copies of the endpoints in column order. */
  endpoints: Endpoint[];
  knownSymbols: Set<string>;
  states: Record<string, TcpState>;
  /** How much of each output list existed then (a replay from here truncates them to it). */
  diagnostics: number;
  noteDiagnostics: number;
  steps: number;
  messages: number;
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
