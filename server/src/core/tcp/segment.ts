// A message's segment as the checker sees it: flags, numbers and length, written or inferred.
import type { Flag, MessageStmt, Range } from '../syntax/ast';
import type { SegmentRole } from './analysis';
import type { Message } from './timeline';
import type { Endpoint } from './endpoint';
import type { SeqVal } from './seqValue';
import { FLAG_BIT, FLAG_DISPLAY_ORDER } from '../syntax/vocabulary';
import { SegmentNode } from '../syntax/nodes';

/** Display order of flags, as packet tools list them (SYN,ACK · FIN,ACK · PSH,ACK · RST,ACK). */
const FLAG_ORDER = FLAG_DISPLAY_ORDER;

/** Flags as bits: the checker handles one segment per line, so it keeps them allocation-free. */
export const BIT = FLAG_BIT;

export interface Seg {
  msg: MessageStmt;
  /** Who sends it and who it goes to, looked up once at the send: the arrival needs them too. */
  sender: Endpoint;
  receiver: Endpoint;
  /** Effective flags, as BIT values. */
  flags: number;
  len: number;
  /** Effective seq (written, corrected or inferred). */
  seq: SeqVal;
  /** Effective ack, when the segment carries ACK; undefined when unknown. */
  ackNo?: SeqVal;
  seqInferred: boolean;
  ackInferred: boolean;
  ackFlagAdded: boolean;
  role: SegmentRole;
  /** What the trace says of it (set when the checker records, not in a trial run). */
  info?: Message;
}

/**
 * BIT[f] as a switch. `BIT[f]` is one lookup site for every flag the checker asks about, which
 * makes it a slow (megamorphic) lookup; the switch, inlined into `has(seg, 'ACK')`, becomes BIT.ACK.
 */
function bitOf(f: Flag): number {
  switch (f) {
    case 'SYN':
      return BIT.SYN;
    case 'FIN':
      return BIT.FIN;
    case 'RST':
      return BIT.RST;
    case 'PSH':
      return BIT.PSH;
    case 'ACK':
      return BIT.ACK;
    case 'URG':
      return BIT.URG;
    case 'ECE':
      return BIT.ECE;
    case 'CWR':
      return BIT.CWR;
  }
}

export const has = (seg: { flags: number }, f: Flag): boolean => (seg.flags & bitOf(f)) !== 0;

/** Sequence numbers a segment occupies: its data plus one for SYN and one for FIN (§3.4). */
export const consumed = (seg: Seg): number => seg.len + (has(seg, 'SYN') ? 1 : 0) + (has(seg, 'FIN') ? 1 : 0);

export function orderedFlags(flags: number): Flag[] {
  const out: Flag[] = [];
  for (const f of FLAG_ORDER) if ((flags & bitOf(f)) !== 0) out.push(f);
  return out;
}

export function flagBits(msg: MessageStmt): number {
  // A parsed segment answers without making its flag nodes; a changed copy (repair.ts) is plain.
  if (msg.segment instanceof SegmentNode) return msg.segment.flagBits();
  let bits = 0;
  // A table lookup here, not bitOf: the flag differs at every turn.
  for (const f of msg.segment.flags) bits |= BIT[f.flag];
  return bits;
}

/** The segment in the notes' own notation (`SYN,ACK`, `FIN`, `PSH,ACK len=10`): the same in every language. */
export function describe(flags: number, len: number): string {
  const shown = orderedFlags(flags).join(',');
  const length = len > 0 ? `len=${len}` : '';
  return [shown, length].filter(Boolean).join(' ') || '—';
}

/** The written length, or 0 (`len=` defaults to 0; a symbolic length is not a length). */
export function writtenLength(msg: MessageStmt): number {
  const v = msg.segment.len?.value;
  return v && v.sym === undefined ? v.num : 0;
}

/** Where a squiggle about the segment's flags goes: the flags, or the whole segment. */
export function flagsRange(msg: MessageStmt): Range {
  const flags = msg.segment.flags;
  if (!flags.length) return msg.segment.range;
  return { start: flags[0].range.start, end: flags[flags.length - 1].range.end };
}

/** An edit that adds the ACK flag without changing anything else the note wrote. */
export function addAckEdit(msg: MessageStmt): { range: Range; newText: string } {
  const flags = msg.segment.flags;
  const last = flags[flags.length - 1];
  // `FIN(u)` is seed notation: appending `,ACK` after `FIN` would break it, so prefix instead.
  const seeded = last && msg.segment.fields.some((f) => f.seed && samePos(f.range.start, last.range.start));
  if (last && !seeded) return { range: { start: last.range.end, end: last.range.end }, newText: ',ACK' };
  const at = msg.segment.range.start;
  return { range: { start: at, end: at }, newText: 'ACK, ' };
}

function samePos(a: Range['start'], b: Range['start']): boolean {
  return a.line === b.line && a.character === b.character;
}
