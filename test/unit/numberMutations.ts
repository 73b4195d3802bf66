// Numbers written one off where the mutation kinds of mutations.ts do not reach (see
// noteMutations.ts for how kinds say when their mistake becomes certain, SPEC §8.6).
import { analyze } from '../../server/src/core/analyze';
import { STATE_NAMES, type TcpState } from '../../server/src/core/syntax/ast';
import type { MessageInfo } from '../../server/src/core/tcp/analysis';
import { shifted } from './mutations';
import { applyEdits, type Certainty, type NoteMutant } from './noteMutations';

export const NUMBER_KINDS = {
  /** A seq (not a SYN's: that sets the ISS) one off where the sender's SND.NXT is known. */
  'seq±1': 'immediate',
  /** The same where nothing has told the sender's SND.NXT yet (a note that begins mid-connection). */
  'seq±1 (SND.NXT unknown)': 'deferred',
  /**
   * A first ack one too high from a side whose RCV.NXT nothing had told (a note that begins
   * mid-connection, a capture that begins after the SYN), on a segment its peer receives: the peer's next
   * seq then shows the ack covered a byte it had not sent (its SND.NXT is that seq: SEG.ACK >
   * SND.NXT is not acceptable, RFC 9293 §3.10.7.4), or, if it had sent more, that the seq is not
   * SND.NXT and starts below SND.UNA (no retransmission, SPEC §8.4). Certain on that later line —
   * the case SPEC §8.6 names: "an ack one off (where a note that begins mid-connection gave
   * nothing to check it against)".
   */
  'ack+1 (peer seq contradicts)': 'deferred',
} as const satisfies Record<string, Certainty>;

export type NumberKind = keyof typeof NUMBER_KINDS;

const SYNCHRONIZED: ReadonlySet<TcpState> = new Set(STATE_NAMES.slice(STATE_NAMES.indexOf('ESTABLISHED')));

export function numberMutantsOf(text: string): NoteMutant<NumberKind>[] {
  const a = analyze(text);
  const lines = text.split('\n');
  const out: NoteMutant<NumberKind>[] = [];
  // Whose numbers nothing has told at the start (SPEC §4): a note that begins mid-connection, or a
  // participant declared past its own SYN (SYN_SENT) or past the peer's (SYN_RECEIVED).
  const started = (p: { initial: TcpState }) => SYNCHRONIZED.has(p.initial) || p.initial === 'SYN_RECEIVED';
  const unknownRcv = new Set(a.participants.filter(started).map((p) => p.name));
  const unknownSnd = new Set(a.participants.filter((p) => started(p) || (p.initial === 'SYN_SENT' && p.initialReason === 'declared')).map((p) => p.name));
  const sentSeq = new Set<string>();
  const lastSent = new Map<string, MessageInfo>();
  const waitLines = a.steps.filter((s) => s.event === 'wait').map((s) => s.line);
  const inPar = new Set(a.doc.statements.flatMap((s) => (s.kind === 'par' ? s.branches.flat().map((b) => b.line) : [])));
  const heard = new Set<string>();
  const received = new Set<string>();
  const symbols = new Set<string>();
  a.messages.forEach((info, i) => {
    const m = info.stmt;
    const seq = m.segment.seq?.value;
    const prev = lastSent.get(m.from.name);
    // An RST from an endpoint that has answered nothing yet has no seq it must carry (SPEC §4).
    const freeRst = info.flags.includes('RST') && !SYNCHRONIZED.has(info.before[m.from.name]) && !received.has(m.from.name);
    if (seq && !freeRst && !info.flags.includes('SYN') && (info.role === 'normal' || info.role === 'retransmission')) {
      // A symbol used for the first time is taken as written (SPEC §8.2): it tells nothing yet.
      const newSymbol = seq.sym !== undefined && !symbols.has(seq.sym);
      const known = (!unknownSnd.has(m.from.name) || sentSeq.has(m.from.name)) && !newSymbol;
      const probeWait = prev && waitLines.some((l) => l > prev.stmt.line && l < m.line);
      for (const d of [-1, 1]) {
        if (seq.sym === undefined && (seq.num + d < 0 || seq.num + d > 0xffffffff)) continue;
        // A segment of 0 or 1 byte at SND.NXT-1 after a wait is a keep-alive probe (SPEC §4, §8.5): no mistake.
        if (d === -1 && info.len <= 1 && !info.flags.includes('FIN') && !info.flags.includes('RST') && probeWait) continue;
        const edit = { line: m.line, range: seq.range, newText: shifted(seq, d) };
        out.push({ kind: known ? 'seq±1' : 'seq±1 (SND.NXT unknown)', line: m.line, text: applyEdits(lines, [edit]) });
      }
    }
    const ack = m.segment.ack?.value;
    const contradicted = ack && !info.ackInferred && info.flags.includes('ACK') && !info.lost && !inPar.has(m.line) && unknownRcv.has(m.from.name) && !heard.has(m.from.name) && unknownSnd.has(m.to.name) && !sentSeq.has(m.to.name);
    if (contradicted) {
      const next = a.messages.slice(i + 1).find((n) => n.from === m.to.name && n.stmt.segment.seq?.value);
      const at = next?.stmt.line;
      if (next && at !== undefined && next.role === 'normal' && next.stmt.segment.seq?.value?.text === ack.text && !inPar.has(at) && !waitLines.some((l) => l > m.line && l < at)) {
        out.push({ kind: 'ack+1 (peer seq contradicts)', line: m.line, text: applyEdits(lines, [{ line: m.line, range: ack.range, newText: shifted(ack, 1) }]), certainAt: at });
      }
    }
    if (seq) sentSeq.add(m.from.name);
    for (const f of m.segment.fields) if (f.value?.sym !== undefined) symbols.add(f.value.sym);
    if (!info.lost && seq) heard.add(m.to.name);
    if (!info.lost) received.add(m.to.name);
    if (info.role !== 'keepalive' && info.role !== 'retransmission') lastSent.set(m.from.name, info);
  });
  return out;
}
