// How sequence numbers are written in the note:
// - relative (default): each side's ISN becomes 0, so its SYN reads seq=0 and its first data
//   seq=1, as Wireshark's "relative sequence numbers" show them;
// - absolute: the numbers on the wire;
// - symbolic: the client's ISN is `x`, the server's `y` (`x+1`, `y+101`), as textbooks write.
// A side whose SYN was not captured (the capture starts mid-connection) counts from one below
// the first number seen in its space, so it reads as though the handshake had just ended. A side
// that only answered with an RST from a closed port (seq 0, RFC 9293 §3.10.7.1) keeps raw numbers.
import type { Connection } from './connections';
import { TCP_FLAG, hasFlag, seqAdd, seqDiff } from './types';

export type Numbering = 'relative' | 'absolute' | 'symbolic';

interface Space {
  base: number;
  /** Write raw numbers whatever the mode (a closed port's RST). */
  raw: boolean;
  symbol: string;
  /** The base is the side's ISN (its SYN was captured). */
  fromIsn: boolean;
}

export class SeqWriter {
  private readonly spaces = new Map<string, Space>();

  constructor(
    conn: Connection,
    readonly mode: Numbering,
  ) {
    for (const [side, symbol] of [
      [conn.client, 'x'],
      [conn.server, 'y'],
    ] as const) {
      this.spaces.set(side, spaceOf(conn, side, symbol));
    }
  }

  /** A number in `side`'s sequence space, as the note writes it. */
  text(side: string, value: number): string {
    const sp = this.spaces.get(side);
    if (!sp || this.mode === 'absolute' || sp.raw) return String(value >>> 0);
    const off = seqDiff(value, sp.base);
    if (this.mode === 'relative') return String(seqAdd(value, -sp.base));
    if (off === 0) return sp.symbol;
    return off > 0 ? `${sp.symbol}+${off}` : `${sp.symbol}${off}`;
  }

  /** A comment line that says how to read the numbers. */
  explanation(): string {
    const noIsn = [...this.spaces.values()].some((s) => !s.fromIsn && !s.raw);
    const mid = noIsn ? '; a side whose SYN is not in the capture counts from one below its first number' : '';
    if (this.mode === 'absolute') return 'Sequence numbers are absolute, as on the wire.';
    if (this.mode === 'symbolic') return `Sequence numbers are symbolic: the client's ISN is x, the server's y${mid}.`;
    return `Sequence numbers are relative: each side's ISN is 0, as Wireshark shows them${mid}.`;
  }
}

function spaceOf(conn: Connection, side: string, symbol: string): Space {
  const own = conn.segments.filter((s) => s.src === side);
  const syn = own.find((s) => hasFlag(s, 'SYN') && s.seq !== undefined);
  if (syn) return { base: syn.seq!, raw: false, symbol, fromIsn: true };
  if (own.length && own.every((s) => hasFlag(s, 'RST')) && own[0].seq === 0) return { base: 0, raw: true, symbol, fromIsn: false };
  // The first number seen in this space: the side's own seq, or the peer's ack of it.
  for (const s of conn.segments) {
    if (s.src === side && s.seq !== undefined) return { base: seqAdd(s.seq, -1), raw: false, symbol, fromIsn: false };
    if (s.dst === side && s.flags & TCP_FLAG.ACK && s.ack !== undefined) return { base: seqAdd(s.ack, -1), raw: false, symbol, fromIsn: false };
  }
  return { base: 0, raw: true, symbol, fromIsn: false };
}
