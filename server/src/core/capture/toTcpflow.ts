// One captured TCP connection → a .tcpflow note (SPEC §3) that the checker accepts and that ends
// in the states the kernel ended in. Participants are named C (the client: the SYN's sender) and
// S, labelled with their endpoints; every segment keeps its flags, numbers (see numbering.ts),
// payload length and options; lost segments are `-x`, crossings `par` blocks (flight.ts), idle
// gaps `wait` lines (timing.ts); each line says which packet it came from.
import { timeOfDay, type Connection } from './connections';
import { inferFlight } from './flight';
import { SeqWriter, type Numbering } from './numbering';
import { formatDuration, gapThreshold, offset } from './timing';
import { consumed, hasFlag, seqAdd, seqDiff, type TcpFlagName, type TcpSegment } from './types';
import { FLAG_DISPLAY_ORDER } from '../syntax/vocabulary';

export interface NoteOptions {
  numbering?: Numbering;
  /** Write `win=N` on every segment. */
  window?: boolean;
  /** The capture's file name (title and header comment). */
  captureName: string;
  /** How many connections the capture holds. */
  streamCount: number;
}

/** Display order of flags, as the checker and packet tools list them (SYN,ACK · FIN,ACK · PSH,ACK). */
const FLAG_ORDER: readonly TcpFlagName[] = FLAG_DISPLAY_ORDER;
const CLIENT = 'C';
const SERVER = 'S';
const COMMENT_COLUMN_MAX = 76;

interface Row {
  text: string;
  comment?: string;
}

export function toTcpflow(conn: Connection, o: NoteOptions): string {
  const segs = conn.segments;
  const nums = new SeqWriter(conn, o.numbering ?? 'relative');
  const name = (endpoint: string) => (endpoint === conn.client ? CLIENT : SERVER);
  const flight = inferFlight(segs);
  const threshold = gapThreshold(segs);
  const probes = keepAliveProbes(segs);
  const start = conn.first;
  const states = initialStates(conn);
  const rows: Row[] = [
    { text: `# Imported from ${oneLine(o.captureName)}: stream ${conn.index} of ${o.streamCount} (TCP connections in order of first packet).` },
    { text: `# ${conn.client} → ${conn.server}, ${segs.length} packet${segs.length === 1 ? '' : 's'}, ${timeOfDay(conn.first)} – ${timeOfDay(conn.last)}.` },
    { text: `# ${nums.explanation()}` },
  ];
  if (states.mid) rows.push({ text: '# The capture starts mid-connection: both sides are taken to be ESTABLISHED when it begins.' });
  rows.push({ text: `title ${titleText(o.captureName)}, stream ${conn.index}` });
  rows.push({ text: `participant ${CLIENT} as ${quoted(conn.client)}${states.client ? ` (${states.client})` : ''}` });
  rows.push({ text: `participant ${SERVER} as ${quoted(conn.server)}${states.server ? ` (${states.server})` : ''}` });

  const moved = new Set(flight.moved);
  const emitted = new Set<number>();
  const message = (i: number, indent: string): Row => {
    const s = segs[i];
    const arrow = flight.lost.has(i) ? '-x' : '->';
    const notes = [`packet ${s.frame}`, offset(s.time, start)];
    if (flight.lost.has(i)) notes.push('lost: sent again later');
    if (moved.has(i)) notes.push('seen later: it crossed the segments above in flight');
    return { text: `${indent}${name(s.src)} ${arrow} ${name(s.dst)}: ${segmentText(s, nums, o.window ?? false)}`, comment: notes.filter(Boolean).join(', ') };
  };
  const lastOf = new Map(flight.groups.map(([a, b]) => [a, b]));
  const order = flight.order;
  for (let p = 0; p < order.length; ) {
    const last = lastOf.get(order[p]);
    const members = order.slice(p, last === undefined ? p + 1 : order.indexOf(last, p) + 1);
    const i = members[0];
    // The gap since the packet before it in the capture; none for an ACK written earlier than seen.
    const prev = segs[i - 1];
    const idle = prev && emitted.has(i - 1) && !moved.has(i) && segs[i].time !== undefined && prev.time !== undefined ? segs[i].time! - prev.time : undefined;
    // SPEC §4: a keep-alive probe needs a `wait` between its sender's previous segment and it.
    if (members.some((j) => probes.has(j))) rows.push({ text: `wait ${idle === undefined ? 'idle' : formatDuration(idle)}` });
    else if (idle !== undefined && idle >= threshold) rows.push({ text: `wait ${formatDuration(idle)}` });
    if (members.length === 1) rows.push(message(i, ''));
    else {
      rows.push({ text: 'par', comment: 'these segments crossed in flight' });
      members.forEach((j, k) => {
        if (k > 0 && segs[j].src !== segs[members[k - 1]].src) rows.push({ text: 'and' });
        rows.push(message(j, '  '));
      });
      rows.push({ text: 'end' });
    }
    members.forEach((j) => emitted.add(j));
    p += members.length;
  }
  return layout(rows);
}

function segmentText(s: TcpSegment, nums: SeqWriter, window: boolean): string {
  const parts = [FLAG_ORDER.filter((f) => hasFlag(s, f)).join(',')];
  if (s.seq !== undefined) parts.push(`seq=${nums.text(s.src, s.seq)}`);
  if (hasFlag(s, 'ACK') && s.ack !== undefined) parts.push(`ack=${nums.text(s.dst, s.ack)}`);
  if (s.len > 0) parts.push(`len=${s.len}`);
  if (window && s.win !== undefined) parts.push(`win=${s.win}`);
  const opt = s.options;
  if (opt.mss !== undefined) parts.push(`mss=${opt.mss}`);
  if (opt.wscale !== undefined) parts.push(`wscale=${opt.wscale}`);
  if (opt.sackOK) parts.push('sackOK');
  if (opt.tsVal !== undefined) parts.push(`ts=${opt.tsVal}`);
  // No flag and no number shown (tcpdump's `Flags [none]` without a seq): a segment still needs a word.
  return parts.filter(Boolean).join(' ') || 'len=0';
}

/** Bare ACKs one below what their sender has sent (RFC 9293 §3.8.4): keep-alive probes. */
function keepAliveProbes(segs: TcpSegment[]): Set<number> {
  const probes = new Set<number>();
  const sndNxt = new Map<string, number>();
  segs.forEach((s, i) => {
    if (s.seq === undefined || hasFlag(s, 'RST')) return;
    const nxt = sndNxt.get(s.src);
    const bare = hasFlag(s, 'ACK') && !hasFlag(s, 'SYN') && !hasFlag(s, 'FIN');
    if (bare && s.len <= 1 && nxt !== undefined && seqDiff(s.seq, nxt) === -1) probes.add(i);
    const end = seqAdd(s.seq, consumed(s));
    if (nxt === undefined || seqDiff(end, nxt) > 0 || hasFlag(s, 'SYN')) sndNxt.set(s.src, end);
  });
  return probes;
}

/**
 * What the `participant` lines declare (SPEC §4 infers the rest): a capture that begins with
 * the SYN,ACK starts in SYN_SENT/SYN_RECEIVED; one that begins later, ESTABLISHED on both sides;
 * a server that answers the SYN with an RST has no listener: CLOSED.
 */
function initialStates(conn: Connection): { client?: string; server?: string; mid: boolean } {
  const first = conn.segments[0];
  const fromServer = conn.segments.filter((s) => s.src === conn.server);
  if (hasFlag(first, 'SYN') && !hasFlag(first, 'ACK')) {
    const refused = fromServer.length > 0 && hasFlag(fromServer[0], 'RST') && !fromServer.some((s) => hasFlag(s, 'SYN'));
    return { server: refused ? 'CLOSED' : undefined, mid: false };
  }
  if (hasFlag(first, 'SYN') && hasFlag(first, 'ACK')) return { client: 'SYN_SENT', server: 'SYN_RECEIVED', mid: false };
  return { client: 'ESTABLISHED', server: 'ESTABLISHED', mid: true };
}

/** Trailing comments aligned in one column, so the segments read as a table. */
function layout(rows: Row[]): string {
  const width = Math.min(COMMENT_COLUMN_MAX, rows.reduce((w, r) => (r.comment ? Math.max(w, r.text.length) : w), 0));
  return rows.map((r) => (r.comment ? `${r.text.padEnd(width)}  # ${r.comment}` : r.text)).join('\n') + '\n';
}

// eslint-disable-next-line no-control-regex
const oneLine = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');

/** A .tcpflow string (SPEC §2): an endpoint read from tcpdump text may hold `"` or `\\`. */
const quoted = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** A title is free text up to a comment: `#` and `//` would cut it short. */
const titleText = (s: string): string => oneLine(s).replace(/#/g, '_').replace(/\/\//g, '/');
