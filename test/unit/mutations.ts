// Single mistakes of the kinds study notes make, planted in a valid flow one at a time (the
// mutation property test, mutation.test.ts). Each edit is made on the syntax tree's ranges, so a
// mutant differs from its flow in exactly the token the mistake is about.
import { analyze } from '../../server/src/core/analyze';
import { STATE_NAMES, type MessageStmt, type ParBlock, type Range, type TcpState, type ValueRef } from '../../server/src/core/syntax/ast';
import type { MessageInfo } from '../../server/src/core/tcp/analysis';

export type MutationKind =
  | 'ack±1'
  | 'ack±1 (RCV.NXT unknown)'
  | 'state'
  | 'straySyn'
  | 'forgotSeq'
  | 'forgotSeq (may be a retransmission)'
  | 'isn±1'
  | 'len+1'
  | 'lost'
  | 'swap';

/** The kinds whose error is certain on the line they change; the others only where a later line contradicts them (SPEC §8.6). */
export const IMMEDIATE: ReadonlySet<MutationKind> = new Set(['ack±1', 'state', 'straySyn', 'forgotSeq']);

export interface Mutant {
  kind: MutationKind;
  /** 0-based line of the change. */
  line: number;
  text: string;
}

interface Edit {
  range: Range;
  newText: string;
}

const SYNCHRONIZED: ReadonlySet<TcpState> = new Set(STATE_NAMES.slice(STATE_NAMES.indexOf('ESTABLISHED')));

/** Every single-mistake mutant of a valid flow. */
export function mutantsOf(text: string): Mutant[] {
  const a = analyze(text);
  const lines = text.split('\n');
  const out: Mutant[] = [];
  const add = (kind: MutationKind, m: MessageStmt, ...edits: Edit[]) => out.push({ kind, line: m.line, text: applyEdits(lines, m.line, edits) });
  const lastSent = new Map<string, MessageInfo>();
  // Who starts past the peer's SYN (mid-connection, inferred or declared; or declared SYN_RECEIVED,
  // as a capture that missed the SYN does) and has not yet received a non-SYN segment with a written
  // seq: nothing tells its RCV.NXT (SPEC §4). A par block's deliveries come after all its sends, so
  // what it teaches counts from the block's end.
  const unknownRcv = new Set(a.participants.filter((p) => p.initial === 'SYN_RECEIVED' || SYNCHRONIZED.has(p.initial)).map((p) => p.name));
  const parOf = new Map(a.doc.statements.flatMap((s) => (s.kind === 'par' ? s.branches.flat().map((b): [unknown, ParBlock] => [b, s]) : [])));
  let taught: { par: ParBlock | undefined; names: string[] } = { par: undefined, names: [] };
  for (const info of a.messages) {
    const m = info.stmt;
    const par = parOf.get(m);
    if (taught.par !== par || !par) {
      for (const n of taught.names) unknownRcv.delete(n);
      taught = { par, names: [] };
    }
    if (!info.lost && m.segment.seq?.value && !info.flags.includes('SYN')) taught.names.push(m.to.name);
    const ack = m.segment.ack?.value;
    if (ack && info.flags.includes('ACK') && !info.ackInferred) {
      const kind = unknownRcv.has(m.from.name) ? 'ack±1 (RCV.NXT unknown)' : 'ack±1';
      for (const d of [-1, 1]) if (ack.sym !== undefined || ack.num + d >= 0) add(kind, m, { range: ack.range, newText: shifted(ack, d) });
    }
    for (const end of [m.from, m.to]) {
      const st = end.state;
      if (st?.state) add('state', m, { range: st.range, newText: otherState(st.state) });
    }
    const flags = m.segment.flags;
    if (flags.length && !info.flags.includes('SYN') && !info.flags.includes('RST') && SYNCHRONIZED.has(info.before[m.from.name])) {
      add('straySyn', m, { range: { start: flags[0].range.start, end: flags[0].range.start }, newText: 'SYN,' });
    }
    const seq = m.segment.seq?.value;
    const prev = lastSent.get(m.from.name);
    const used = prev ? prev.len + (prev.flags.includes('SYN') ? 1 : 0) + (prev.flags.includes('FIN') ? 1 : 0) : 0;
    if (seq && prev && used > 0 && !info.flags.includes('RST') && !info.flags.includes('SYN') && info.role === 'normal') {
      // Data resent from where earlier data began, no longer than it, is a retransmission if that data is unacknowledged (SPEC §8.4).
      const resend = prev.len > 0 && !prev.flags.includes('SYN') && !prev.flags.includes('FIN') && info.len > 0 && info.len <= prev.len && !info.flags.includes('FIN');
      add(resend ? 'forgotSeq (may be a retransmission)' : 'forgotSeq', m, { range: seq.range, newText: shifted(seq, -used) });
    }
    // A SYN's seq sets the ISS: one off is wrong only where the peer's ack or the sender's next seq says so.
    if (seq && info.flags.includes('SYN') && info.role === 'normal') for (const d of [-1, 1]) if (seq.sym !== undefined || (seq.num + d >= 0 && seq.num + d <= 0xffffffff)) add('isn±1', m, { range: seq.range, newText: shifted(seq, d) });
    const len = m.segment.len?.value;
    if (len && len.sym === undefined && len.num > 0) add('len+1', m, { range: len.range, newText: String(len.num + 1) });
    if (m.arrow === '->') add('lost', m, { range: m.arrowRange, newText: '-x' });
    if (isHandshake(info)) add('swap', m, { range: m.from.range, newText: m.to.name }, { range: m.to.range, newText: m.from.name });
    if (info.role !== 'keepalive' && info.role !== 'retransmission') lastSent.set(m.from.name, info);
  }
  return out;
}

/** A SYN, a SYN,ACK, or the ACK that completes the handshake. */
export function isHandshake(info: MessageInfo): boolean {
  if (info.flags.includes('SYN')) return true;
  return info.before[info.to] === 'SYN_RECEIVED' && info.before[info.from] === 'ESTABLISHED' && info.len === 0 && !info.flags.includes('FIN');
}

/** The state after it in RFC order (a state "one step early" read backwards), never the same. */
function otherState(s: TcpState): string {
  return STATE_NAMES[(STATE_NAMES.indexOf(s) + 1) % STATE_NAMES.length];
}

export function shifted(v: ValueRef, d: number): string {
  if (v.sym === undefined) return String(v.num + d);
  const off = v.num + d;
  return off === 0 ? v.sym : `${v.sym}${off > 0 ? '+' : '-'}${Math.abs(off)}`;
}

/** The text with edits made on one line (right to left, so earlier columns stay valid). */
function applyEdits(lines: readonly string[], line: number, edits: Edit[]): string {
  let s = lines[line];
  for (const e of [...edits].sort((x, y) => y.range.start.character - x.range.start.character)) {
    s = s.slice(0, e.range.start.character) + e.newText + s.slice(e.range.end.character);
  }
  return [...lines.slice(0, line), s, ...lines.slice(line + 1)].join('\n');
}
