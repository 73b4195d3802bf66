// TCP connections in a capture: segments grouped by 4-tuple, in order of first packet. A new SYN
// on a tuple whose connection has fully closed (RST, or a FIN each way) starts a new connection,
// as does a SYN with another ISN from the same side before the first one was answered (a new
// connect() from the same port).
import { hasFlag, type TcpSegment } from './types';

export interface Connection {
  /** 0-based, in order of first packet (what `--stream N` names). */
  index: number;
  /** The SYN's sender, or the first sender when no SYN was captured. */
  client: string;
  server: string;
  segments: TcpSegment[];
  /** Time of the first and last segment (seconds), when the capture has timestamps. */
  first?: number;
  last?: number;
}

interface Tracking {
  conn: Connection;
  closed: boolean;
  finFrom: Set<string>;
  syn?: { from: string; seq?: number };
  answered: boolean;
}

export function splitConnections(segments: TcpSegment[]): Connection[] {
  const all: Connection[] = [];
  const byTuple = new Map<string, Tracking>();
  for (const s of segments) {
    const key = [s.src, s.dst].sort().join(' ');
    let t = byTuple.get(key);
    const bareSyn = hasFlag(s, 'SYN') && !hasFlag(s, 'ACK');
    const reconnect = t?.syn && !t.answered && t.syn.from === s.src && t.syn.seq !== s.seq;
    if (!t || (bareSyn && (t.closed || reconnect))) {
      t = { conn: { index: all.length, client: s.src, server: s.dst, segments: [] }, closed: false, finFrom: new Set(), answered: false };
      all.push(t.conn);
      byTuple.set(key, t);
    }
    track(t, s);
  }
  for (const c of all) settleRoles(c);
  return all;
}

function track(t: Tracking, s: TcpSegment): void {
  t.conn.segments.push(s);
  if (s.time !== undefined) {
    t.conn.first ??= s.time;
    t.conn.last = s.time;
  }
  if (hasFlag(s, 'SYN') && !hasFlag(s, 'ACK')) t.syn ??= { from: s.src, seq: s.seq };
  if (hasFlag(s, 'SYN') && hasFlag(s, 'ACK')) t.answered = true;
  if (hasFlag(s, 'RST')) t.closed = true;
  if (hasFlag(s, 'FIN')) t.finFrom.add(s.src);
  if (t.finFrom.size === 2) t.closed = true;
}

/** Client = the bare SYN's sender; else the receiver of a SYN,ACK; else whoever spoke first. */
function settleRoles(c: Connection): void {
  const first = c.segments[0];
  const syn = c.segments.find((s) => hasFlag(s, 'SYN') && !hasFlag(s, 'ACK'));
  const synAck = c.segments.find((s) => hasFlag(s, 'SYN') && hasFlag(s, 'ACK'));
  const client = syn ? syn.src : synAck ? synAck.dst : first.src;
  c.client = client;
  c.server = first.src === client ? first.dst : first.src;
}

/** `HH:MM:SS.ffffff`: the UTC time of day of a pcap/pcapng timestamp, tcpdump text's own clock as printed; `-` without a timestamp. */
export function timeOfDay(t: number | undefined): string {
  if (t === undefined) return '-';
  const day = ((t % 86400) + 86400) % 86400;
  const micro = Math.round(day * 1e6);
  const s = Math.floor(micro / 1e6);
  const frac = String(micro % 1e6).padStart(6, '0');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${frac}`;
}

/** One line per connection, as `import` lists them: `0  C → S  12 packets  first – last`. */
export function describeConnections(conns: Connection[]): string[] {
  const width = String(Math.max(0, conns.length - 1)).length;
  const ends = conns.map((c) => `${c.client} → ${c.server}`);
  // Loops, not Math.max(...list): a spread of 200,000 arguments overflows the stack.
  const endWidth = ends.reduce((w, e) => Math.max(w, e.length), 0);
  const packets = conns.map((c) => `${c.segments.length} packet${c.segments.length === 1 ? '' : 's'}`);
  const packetWidth = packets.reduce((w, p) => Math.max(w, p.length), 0);
  return conns.map((c, i) => {
    const when = `${timeOfDay(c.first)} – ${timeOfDay(c.last)}`;
    return `${String(c.index).padStart(width)}  ${ends[i].padEnd(endWidth)}  ${packets[i].padStart(packetWidth)}  ${when}`;
  });
}
