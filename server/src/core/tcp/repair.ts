// The single mistakes a note makes on one line that show only on a later one (SPEC §8.6): each
// as the message the note surely meant, and the edit that writes it so.
import type { Fix, MessageArgs, TextEdit } from '../diagnostics';
import type { Endpoint as EndpointRef, MessageStmt, Range, TcpflowDocument, Statement } from '../syntax/ast';
import { flagsRange } from './segment';
import { asPlain } from '../syntax/lazyNode';

export type RepairKind = 'length' | 'seq' | 'ack' | 'lost' | 'delivered' | 'fin' | 'swap';

export interface Repair {
  kind: RepairKind;
  /** The line as written, and as meant. */
  written: MessageStmt;
  meant: MessageStmt;
  /** Index in doc.statements of the statement holding `written`. */
  index: number;
  /** Where the mistake is: the token the related information points at. */
  range: Range;
  args: MessageArgs;
  fix: Fix;
}

/** A length written one (or more) off: `len=11` for the 10 bytes the peer acknowledges. */
export function lengthRepair(m: MessageStmt, index: number, len: number): Repair | undefined {
  const field = m.segment.len;
  const value = field?.value;
  if (!field || !value || value.sym !== undefined || len < 0 || len === value.num) return undefined;
  const text = String(len);
  const meant = { ...asPlain(m), segment: { ...asPlain(m.segment), len: { ...asPlain(field), value: { ...asPlain(value), num: len, text } } } };
  const edit = { range: value.range, newText: text };
  const args = { line: m.line + 1, written: value.text, meant: text };
  return { kind: 'length', written: m, meant, index, range: value.range, args, fix: mend('length', args, [edit]) };
}

/** An ack written one off, where the checker had nothing to compare it with when it was written. */
export function ackRepair(m: MessageStmt, index: number, d: number): Repair | undefined {
  return numberRepair('ack', m, index, d);
}

/** A seq written off by `d`, where nothing had told the sender's numbers (an ISN, a mid-connection note's first seq). */
export function seqRepair(m: MessageStmt, index: number, d: number): Repair | undefined {
  return numberRepair('seq', m, index, d);
}

function numberRepair(kind: 'seq' | 'ack', m: MessageStmt, index: number, d: number): Repair | undefined {
  const field = m.segment[kind];
  const value = field?.value;
  if (!field || !value || d === 0 || (value.sym === undefined && (value.num + d < 0 || value.num + d > 0xffffffff))) return undefined;
  const num = value.num + d;
  const text = value.sym === undefined ? String(num) : num === 0 ? value.sym : `${value.sym}${num > 0 ? '+' : '-'}${Math.abs(num)}`;
  const meant = { ...asPlain(m), segment: { ...asPlain(m.segment), [kind]: { ...asPlain(field), value: { ...asPlain(value), num, text } } } };
  const args = { line: m.line + 1, written: value.text, meant: text };
  return { kind, written: m, meant, index, range: value.range, args, fix: mend(kind, args, [{ range: value.range, newText: text }]) };
}

/** A segment written as lost (`-x`) that its peer then acknowledges: it arrived (`->`). */
export function lostRepair(m: MessageStmt, index: number): Repair | undefined {
  if (m.arrow !== '-x') return undefined;
  const args = { line: m.line + 1 };
  const edit = { range: m.arrowRange, newText: '->' };
  return { kind: 'lost', written: m, meant: { ...asPlain(m), arrow: '->' }, index, range: m.arrowRange, args, fix: mend('lost', args, [edit]) };
}

/** A segment written as delivered (`->`) that the lines after it show was lost (`-x`): resent, acknowledged again. */
export function deliveredRepair(m: MessageStmt, index: number): Repair | undefined {
  if (m.arrow !== '->') return undefined;
  const args = { line: m.line + 1 };
  const edit = { range: m.arrowRange, newText: '-x' };
  return { kind: 'delivered', written: m, meant: { ...asPlain(m), arrow: '-x' }, index, range: m.arrowRange, args, fix: mend('delivered', args, [edit]) };
}

/** A FIN left out of a segment whose FIN the peer acknowledges (`ACK` for `FIN,ACK`). */
export function finRepair(m: MessageStmt, index: number): Repair | undefined {
  const flags = m.segment.flags;
  if (flags.some((f) => f.flag === 'FIN' || f.flag === 'SYN' || f.flag === 'RST')) return undefined;
  const range = flagsRange(m);
  const meant = { ...asPlain(m), segment: { ...asPlain(m.segment), flags: [{ flag: 'FIN' as const, range }, ...flags] } };
  const at = range.start;
  const edit = { range: { start: at, end: at }, newText: flags.length ? 'FIN,' : 'FIN ' };
  const args = { line: m.line + 1 };
  return { kind: 'fin', written: m, meant, index, range, args, fix: mend('fin', args, [edit]) };
}

/**
 * Sender and receiver swapped. `ends` swaps each name with its `(STATE)` assertion; otherwise the
 * names trade places and each assertion stays where it was written (the note swapped only names).
 */
export function swapRepair(m: MessageStmt, index: number, ends: boolean): Repair | undefined {
  const { from, to } = m;
  if (from.name === to.name) return undefined;
  if (ends && !from.state !== !to.state) return undefined; // moving one `(STATE)` across the arrow is no simple edit
  const moved = (e: EndpointRef, name: string, other: EndpointRef): EndpointRef => (ends ? other : { ...asPlain(e), name });
  const meant = { ...asPlain(m), from: moved(from, to.name, to), to: moved(to, from.name, from) };
  const edits: TextEdit[] = [
    { range: from.range, newText: to.name },
    { range: to.range, newText: from.name },
  ];
  if (ends && from.state && to.state) {
    edits.push({ range: from.state.range, newText: to.state.written }, { range: to.state.range, newText: from.state.written });
  }
  const range = { start: from.range.start, end: to.range.end };
  const args = { line: m.line + 1, from: from.name, to: to.name };
  return { kind: 'swap', written: m, meant, index, range, args, fix: mend('swap', args, edits) };
}

const mend = (kind: RepairKind, args: MessageArgs, edits: TextEdit[]): Fix => ({ kind: 'mendRoot', args: { ...args, root: kind }, edits });

/** The document as meant: its statements with the repaired messages in place (par branches too). */
export function repairedDocument(doc: TcpflowDocument, meant: ReadonlyMap<MessageStmt, MessageStmt>): TcpflowDocument {
  const swap = <T extends Statement>(s: T): T => ((s.kind === 'message' && (meant.get(s) as T | undefined)) || s);
  const statements = doc.statements.map((s) =>
    s.kind === 'par' ? { ...s, branches: s.branches.map((b) => b.map((x) => (x.kind === 'message' ? swap(x) : x))) } : swap(s),
  );
  return { ...doc, statements };
}
