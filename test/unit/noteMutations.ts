// More single mistakes of the kinds real study notes make, planted
// one at a time in a valid flow for the mutation property test (mutation.test.ts). Each kind says
// when its mistake becomes certain (SPEC §8.6):
// - 'immediate': on the changed line itself, always (a wrong written state, a wrong number);
// - 'warning TF204' / 'warning TF205': on the changed line, and sloppy rather than impossible:
//   exactly one warning with that code (SPEC §4: a missing ACK flag is a warning, TF204; `ack=`
//   written without the ACK flag is a warning, TF205), and no error;
// - 'deferred': on the changed line or a later one, or never (the mutant is another valid flow):
//   where a plain reading first finds an error.
import { analyze } from '../../server/src/core/analyze';
import type { Endpoint, Field, MessageStmt, Range, StateStmt, TcpState, ValueRef } from '../../server/src/core/syntax/ast';
import type { MessageInfo } from '../../server/src/core/tcp/analysis';
import { isHandshake, shifted } from './mutations';

export const NOTE_KINDS = {
  /** The sender's state written as the one it is in after sending (`A(SYN_SENT) -> B: SYN`). */
  'stateAfter (sender)': 'immediate',
  /** The receiver's state written as the one the segment moves it to (`A -> B(SYN_RECEIVED): SYN`). */
  'stateAfter (receiver)': 'immediate',
  /** TIME_WAIT said of the side that is not in it (the passive closer, SPEC §1). */
  timeWaitWrongSide: 'immediate',
  /** A `state` line that names another participant than the one whose state it gives. */
  'stateLine wrongParticipant': 'immediate',
  /** Seed notation `ACK(x)` where `ACK(x+1)` is due: the SYN or FIN's +1 forgotten. */
  'ack=x (seed)': 'immediate',
  /** The ack written with the sender's own ISN symbol (`SYN(b), ACK(b+1)` after `SYN(a)`, SPEC §8.2). */
  ackOwnSymbol: 'immediate',
  /** SYN,ACK written as SYN: the ACK flag and the ack number left out. */
  synAckAsSyn: 'warning TF204',
  /** FIN,ACK written as FIN: the ACK flag and the ack number left out. */
  finAckAsFin: 'warning TF204',
  /** The ACK flag left out but the ack number kept (`FIN seq=100 ack=300`). */
  'ackFlagDropped (ack kept)': 'warning TF205',
  /** A message line left out of the note. */
  droppedLine: 'deferred',
  /** Two consecutive message lines written in the wrong order. */
  swappedLines: 'deferred',
  /** A lost segment written as delivered (`-x` → `->`). */
  lostAsDelivered: 'deferred',
  /** Sender and receiver swapped on a line that is not part of the handshake. */
  'swap (not handshake)': 'deferred',
} as const;

export type NoteKind = keyof typeof NOTE_KINDS;
export type Certainty = 'immediate' | 'deferred' | 'warning TF204' | 'warning TF205';

export interface NoteMutant<K extends string = NoteKind> {
  kind: K;
  /** 0-based line of the change (the earlier line for a swap of two lines). */
  line: number;
  text: string;
  /** Where the mistake becomes certain, when the kind knows it (else: the plain reading's first error). */
  certainAt?: number;
}

export interface Edit {
  line: number;
  range: Range;
  newText: string;
}

/** Every single-mistake mutant of these kinds of a valid flow. */
export function noteMutantsOf(text: string): NoteMutant[] {
  const a = analyze(text);
  const lines = text.split('\n');
  const out: NoteMutant[] = [];
  const add = (kind: NoteKind, line: number, edits: Edit[]) => out.push({ kind, line, text: applyEdits(lines, edits) });
  const names = a.participants.map((p) => p.name);
  const ownSymbol = new Map<string, string>();
  const known = new Set<string>();
  for (const info of a.messages) {
    const m = info.stmt;
    const symbols = m.segment.fields.flatMap((f) => (f.value?.sym === undefined ? [] : [f.value.sym]));
    stateAfter(info, add);
    timeWaitOnPeer(m, add);
    const ack = m.segment.ack;
    // Only where the symbol already stands for a number: a new symbol is taken as written (SPEC §8.2).
    if (ack?.seed && ack.value && info.flags.includes('ACK') && ack.value.num > 0 && (ack.value.sym === undefined || known.has(ack.value.sym))) add('ack=x (seed)', m.line, [value(m, ack.value, shifted(ack.value, -1))]);
    const seq = m.segment.seq?.value;
    const mine = seq?.sym ?? ownSymbol.get(m.from.name);
    if (ack?.value?.sym !== undefined && known.has(ack.value.sym) && mine !== undefined && mine !== ack.value.sym && info.flags.includes('ACK')) {
      add('ackOwnSymbol', m.line, [value(m, ack.value, shifted({ ...ack.value, sym: mine }, 0))]);
    }
    if (seq?.sym !== undefined) ownSymbol.set(m.from.name, seq.sym);
    const hasAck = m.segment.flags.some((f) => f.flag === 'ACK');
    if (hasAck && ack && info.flags.includes('SYN')) add('synAckAsSyn', m.line, dropAck(lines[m.line], m, true));
    if (hasAck && ack && info.flags.includes('FIN')) add('finAckAsFin', m.line, dropAck(lines[m.line], m, true));
    if (hasAck && ack && !ack.seed) add('ackFlagDropped (ack kept)', m.line, dropAck(lines[m.line], m, false));
    if (m.arrow === '-x') add('lostAsDelivered', m.line, [{ line: m.line, range: m.arrowRange, newText: '->' }]);
    if (!isHandshake(info)) add('swap (not handshake)', m.line, swapEnds(m));
    for (const sym of symbols) known.add(sym);
  }
  for (const step of a.steps) {
    if (step.event === 'state') stateLine(step.stmt as StateStmt, names, (n) => step.stateOf(n), add);
  }
  const top = a.doc.statements;
  for (let i = 0; i < top.length; i++) {
    const s = top[i];
    if (s.kind !== 'message') continue;
    add('droppedLine', s.line, [{ line: s.line, range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: lines[s.line].replace(/\r$/, '').length } }, newText: '' }]);
    const next = top[i + 1];
    if (next?.kind === 'message' && lines[next.line] !== lines[s.line]) {
      out.push({ kind: 'swappedLines', line: s.line, text: swapLines(lines, s.line, next.line) });
    }
  }
  return out;
}

type Add = (kind: NoteKind, line: number, edits: Edit[]) => void;

/** The written state of each end replaced by the state the line leaves it in. */
function stateAfter(info: MessageInfo, add: Add): void {
  const m = info.stmt;
  const ends: [Endpoint, NoteKind][] = [[m.from, 'stateAfter (sender)'], [m.to, 'stateAfter (receiver)']];
  for (const [end, kind] of ends) {
    const after = info.after[end.name];
    if (end.state?.state && after && after !== end.state.state) add(kind, m.line, [{ line: m.line, range: end.state.range, newText: after }]);
  }
}

/** A state line's participant renamed to one whose state differs; TIME_WAIT moved to the peer. */
function stateLine(s: StateStmt, names: string[], stateOf: (n: string) => TcpState | undefined, add: Add): void {
  const named = new Set(s.items.map((i) => i.name));
  const inTimeWait = names.filter((n) => stateOf(n) === 'TIME_WAIT');
  for (const item of s.items) {
    const other = names.find((n) => !named.has(n) && stateOf(n) !== item.state.state);
    const rename = item.state.state === 'TIME_WAIT' ? 'timeWaitWrongSide' : 'stateLine wrongParticipant';
    if (other) add(rename, s.line, [{ line: s.line, range: item.nameRange, newText: other }]);
    if (item.state.state !== 'TIME_WAIT' && inTimeWait.length > 0 && stateOf(item.name) !== 'TIME_WAIT') {
      add('timeWaitWrongSide', s.line, [{ line: s.line, range: item.state.range, newText: 'TIME_WAIT' }]);
    }
  }
}

/** `A(TIME_WAIT) -> B(LAST_ACK)` written `B(TIME_WAIT)`: the TIME_WAIT given to the other end. */
function timeWaitOnPeer(m: MessageStmt, add: Add): void {
  const [from, to] = [m.from.state, m.to.state];
  if (!from?.state || !to?.state) return;
  if (from.state === 'TIME_WAIT' && to.state !== 'TIME_WAIT') add('timeWaitWrongSide', m.line, [{ line: m.line, range: to.range, newText: 'TIME_WAIT' }]);
  if (to.state === 'TIME_WAIT' && from.state !== 'TIME_WAIT') add('timeWaitWrongSide', m.line, [{ line: m.line, range: from.range, newText: 'TIME_WAIT' }]);
}

function swapEnds(m: MessageStmt): Edit[] {
  return [
    { line: m.line, range: m.from.range, newText: m.to.name },
    { line: m.line, range: m.to.range, newText: m.from.name },
  ];
}

/**
 * Removes the ACK flag (and, with `number`, the ack field) with the joiner before it, or after it
 * when it starts the segment; an alias that holds both flags (`SYN-ACK`) becomes the other flag.
 */
function dropAck(line: string, m: MessageStmt, number: boolean): Edit[] {
  const seg = m.segment;
  const flags = seg.flags; // made when read (syntax/nodes.ts): one list, so `!==` tells its flags apart
  const flag = flags.find((f) => f.flag === 'ACK')!;
  const partner = flags.find((f) => f !== flag && sameRange(f.range, flag.range));
  const edits: Edit[] = [];
  const ack = seg.ack as Field;
  const remove: Range[] = [];
  if (partner) edits.push({ line: m.line, range: flag.range, newText: partner.flag });
  else if (!(ack.seed && within(flag.range, ack.range))) remove.push(flag.range);
  if (number || ack.seed) remove.push(ack.range);
  for (const r of remove) edits.push({ line: m.line, range: withJoiner(line, r, seg.range), newText: '' });
  return edits;
}

/** A removed token's range grown over the separator before it (or after it, at the segment's start). */
function withJoiner(line: string, r: Range, seg: Range): Range {
  let start = r.start.character;
  let end = r.end.character;
  if (start > seg.start.character) {
    while (start > seg.start.character && /[\s,+/]/.test(line[start - 1])) start--;
  } else {
    while (end < line.length && /[\s,+/]/.test(line[end])) end++;
  }
  return { start: { line: r.start.line, character: start }, end: { line: r.end.line, character: end } };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.character === b.start.character && a.end.character === b.end.character;
}

function within(inner: Range, outer: Range): boolean {
  return inner.start.character >= outer.start.character && inner.end.character <= outer.end.character;
}

function value(m: MessageStmt, v: ValueRef, newText: string): Edit {
  return { line: m.line, range: v.range, newText };
}

/** The text with edits made (right to left on each line, so earlier columns stay valid). */
export function applyEdits(lines: readonly string[], edits: Edit[]): string {
  const out = [...lines];
  for (const e of [...edits].sort((x, y) => y.range.start.character - x.range.start.character)) {
    const s = out[e.line];
    out[e.line] = s.slice(0, e.range.start.character) + e.newText + s.slice(e.range.end.character);
  }
  return out.join('\n');
}

function swapLines(lines: readonly string[], i: number, j: number): string {
  const out = [...lines];
  [out[i], out[j]] = [out[j], out[i]];
  return out.join('\n');
}
