// SPEC §8.6 — one mistake, one diagnostic, at its root. Some mistakes become certain only on a
// later line: a length the peer's ack contradicts, a segment written as lost (`-x`) that its peer
// then acknowledges, a FIN left out that the peer acknowledges, a handshake line with sender and
// receiver swapped. Read as it stands, such a line sets off an error on every line after it.
//
// When a statement has an error, the checker asks what follows if it is read as it stands (a
// wrong number taken as the expected one): a few statements on, from a copy of the state. If
// nothing else goes wrong, the error stands as reported. If more goes wrong, it tries each single
// mistake of the kinds above on the lines just before (and on this one, for a swap), checking
// again from a checkpoint with that line as meant. A repair that leaves no error up to here and
// fewer problems after than the plain reading is the root: its one diagnostic (TF221) stands
// here, where the mistake became certain, names the root line (related information) and mends
// it (quick fix), and the lines after are checked as though the root had been written right.
import { diag, type Diagnostic } from '../diagnostics';
import type { MessageStmt, Statement } from '../syntax/ast';
import { plainRange } from '../syntax/span';
import type { ParticipantInfo } from './analysis';
import type { Checker } from './checker';
import { checkpointAtOrBefore } from './checkpoint';
import { messagesOf } from './events';
import { collectParticipants } from './initialStates';
import { ackRepair, deliveredRepair, finRepair, lengthRepair, lostRepair, repairedDocument, seqRepair, swapRepair, type Repair } from './repair';
import { describe, flagBits, writtenLength } from './segment';

/** How many statements back a root may stand, and how many on the checker looks for what follows. */
const LOOKBACK = 6;
export const LOOKAHEAD = 8;

interface Trial {
  repair: Repair;
  /** Errors and warnings from the root to the end of the window, with the repair. */
  score: number;
  /** First statement the trial counted from. */
  from: number;
  /** When the root was a participant's first event: the participants as the repair makes them. */
  participants?: ParticipantInfo[];
}

/** Called by the checker after statement `at` reported an error (its diagnostics from index `reported`). */
export function explainErrors(c: Checker, at: number, reported: number): void {
  const certain = firstError(c.diagnostics, reported);
  const statements = c.doc.statements;
  const end = Math.min(statements.length, at + 1 + LOOKAHEAD);
  if (!certain || c.explainBudget <= 0) return;
  // What else goes wrong if it is read as it stands: on this statement, and a few after.
  let cascade = c.tally.problemsIn(at, at + 1) - 1;
  if (end > at + 1) {
    const base = c.fork(c.snapshot(at + 1), c.meant);
    base.runStatements(at + 1, end, false);
    cascade += base.tally.problemsIn(at + 1, end);
  }
  if (cascade === 0) return; // nothing follows from it: the plain reading stands
  c.explainBudget--;
  let best: Trial | undefined;
  for (const repair of candidates(c, at, certain)) {
    // Candidates come nearest first, so a later one must do strictly better than the best so far.
    const trial = tryRepair(c, repair, at, end, (from) => Math.min(c.tally.problemsIn(from, at + 1) + cascade - 1, best?.score ?? Infinity));
    if (trial && (!best || trial.score < best.score)) best = trial;
    if (best?.score === 0) break; // nothing after it can do better
  }
  if (!best) return;
  const { repair } = best;
  c.adopt(repair.written, repair.meant, repair.index, at, rootDiagnostic(repair, certain), best.participants);
}

/** The statement's first error in the text (a `par` block reports its sends before its arrivals). */
function firstError(list: readonly Diagnostic[], from: number): Diagnostic | undefined {
  let first: Diagnostic | undefined;
  for (let k = from; k < list.length; k++) {
    const d = list[k];
    if (d.severity !== 'error') continue;
    if (!first || d.range.start.line < first.range.start.line || (d.range.start.line === first.range.start.line && d.range.start.character < first.range.start.character)) first = d;
  }
  return first;
}

/** The single mistakes that could have led to `certain`, nearest first (any line of its own statement too). */
function* candidates(c: Checker, at: number, certain: Diagnostic): Generator<Repair> {
  const statements = c.doc.statements;
  const involved = namesIn(statements[at]);
  const line = certain.range.start.line;
  const delta = typeof certain.args.delta === 'number' ? certain.args.delta : undefined;
  for (let k = at; k > c.settled && k >= at - LOOKBACK; k--) {
    const ms = messagesOf([statements[k]]);
    for (let j = ms.length - 1; j >= 0; j--) {
      const m = ms[j];
      if (!involved.has(m.from.name) && !involved.has(m.to.name)) continue;
      const found: (Repair | undefined)[] = [];
      const len = m.segment.len?.value;
      // The length a later number implies (len + written − expected), or one either way.
      if (len && len.sym === undefined) {
        if (delta !== undefined && m.line < line && delta !== -1 && delta !== 1) found.push(lengthRepair(m, k, len.num + delta));
        found.push(lengthRepair(m, k, len.num - 1), lengthRepair(m, k, len.num + 1));
      }
      // A seq or an ack one off (or off by what a later number implies) where nothing could check
      // it: an ISN, the numbers of a note that begins mid-connection.
      if (m.line < line && delta !== undefined && delta !== -1 && delta !== 1) found.push(seqRepair(m, k, delta), seqRepair(m, k, -delta));
      found.push(seqRepair(m, k, -1), seqRepair(m, k, 1), ackRepair(m, k, -1), ackRepair(m, k, 1));
      found.push(lostRepair(m, k), finRepair(m, k), swapRepair(m, k, false), swapRepair(m, k, true), deliveredRepair(m, k));
      for (const r of found) if (r) yield r;
    }
  }
}

function namesIn(s: Statement): Set<string> {
  if (s.kind === 'state') return new Set(s.items.map((x) => x.name));
  return new Set(messagesOf([s]).flatMap((m) => [m.from.name, m.to.name]));
}

/**
 * Checks again from before the root with it as meant; undefined if that still errs up to `at`, or
 * reaches `limit(from)` problems (it would do no better than the plain reading or the best so far).
 */
function tryRepair(c: Checker, repair: Repair, at: number, end: number, limit: (from: number) => number): Trial | undefined {
  const meant = new Map(c.meant).set(repair.written, repair.meant);
  let t: Checker;
  let from = repair.index;
  let start = 0;
  let participants: ParticipantInfo[] | undefined;
  if (changesAStart(c, repair)) {
    // Someone's first event decides where it starts (SPEC §4): the flow is checked from the top.
    // Only for the note's first error, so that no earlier explanation has to be made again.
    if (c.settled >= 0) return undefined;
    participants = collectParticipants(repairedDocument(c.doc, meant));
    t = c.trialFromStart(participants, meant);
    from = 0;
  } else {
    const cp = checkpointAtOrBefore(c.checkpoints, repair.index);
    if (!cp) return undefined;
    t = c.fork(cp, meant);
    start = cp.index;
  }
  const most = limit(from);
  let failed = false;
  // Most repairs fail on their own line or soon after: stop there.
  t.stopWhen = (tally) => (failed = tally.errorsIn(from, at + 1) > 0 || tally.problemsIn(from, end) >= most);
  t.runStatements(start, end, false);
  if (failed) return undefined;
  return { repair, score: t.tally.problemsIn(from, end), from, participants };
}

/** A swap, or a lost segment delivered, may change whose first event sends or receives a SYN. */
function changesAStart(c: Checker, repair: Repair): boolean {
  if (repair.kind !== 'swap' && repair.kind !== 'lost' && repair.kind !== 'delivered') return false;
  const { from, to } = repair.written;
  // From the statement's first line: in a `par` block every send comes before every arrival.
  const line = c.doc.statements[repair.index].line;
  return c.participants.some(
    (p) => (p.name === from.name || p.name === to.name) && p.initialReason !== 'declared' && (p.firstEventLine === undefined || p.firstEventLine >= line),
  );
}

/** TF221 where the mistake became certain, on the token of the error it explains. */
function rootDiagnostic(repair: Repair, certain: Diagnostic): Diagnostic {
  const m: MessageStmt = repair.written;
  const a = certain.args;
  const args = {
    ...repair.args,
    root: repair.kind,
    name: m.from.name,
    peer: m.to.name,
    // The length kind names the length itself; the others the segment as written.
    what: describe(flagBits(m), repair.kind === 'length' ? 0 : writtenLength(m)),
    sameLine: m.line === certain.range.start.line ? 1 : 0,
    evidence: certain.code,
    evName: a.name,
    evWritten: a.written,
    evAsserted: a.asserted,
    evState: a.state,
    evWhat: a.what,
  };
  const d = diag('TF221', certain.range, args, repair.fix);
  if (!args.sameLine) d.related = [{ range: plainRange(repair.range), args: { ...repair.args, root: repair.kind } }];
  if (certain.fix) d.alternatives = [certain.fix];
  return d;
}
