// `tcpdump -nn` text output (tcpdump(8), print-tcp.c), e.g.
//   12:00:00.000001 IP 127.0.0.1.51514 > 127.0.0.1.5003: Flags [S], seq 1000, win 65495,
//     options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
// Timestamps as tcpdump prints them by default, with -tt (epoch) or -tttt (date); -v output
// (a second, indented line per packet), -e link headers and -i any interface columns are
// understood; -X/-x hex dumps are skipped. Without -S, tcpdump prints sequence numbers relative:
// the first ACK-bearing segment of a conversation (or any SYN,ACK) prints them absolute and sets
// the bases, later ones print offsets from them. This reader undoes that, so its output holds
// raw numbers either way. tcpdump omits `seq` on segments with no data, SYN, FIN or RST: those
// segments come out without a seq.
// Linear in the text: the packet line is taken apart by hand around `: Flags [` (a regular
// expression with `(\S+)\.(\d+)` unanchored backtracked: a 100 KB line took seconds), and every
// other expression is anchored or scans each character once. A number that is not one, or out of
// its field's range (a port above 65535, a 32-bit field above 4294967295), is refused with its line.
import { endpointText } from './decode';
import { matchPacket } from './tcpdumpPacket';
import { CaptureError, TCP_FLAG, hasFlag, seqAdd, seqDiff, type CaptureContents, type TcpOptions, type TcpSegment } from './types';

const TIME = /^(?:(\d{4})-(\d{2})-(\d{2}) )?(\d{1,2}):(\d{2}):(\d{2})(\.\d+)?\s|^(\d{6,})(\.\d+)?\s/;
const HEX_DUMP = /^\s+0x[0-9a-f]+:/i;
const FLAG_CHARS: Record<string, number> = {
  S: TCP_FLAG.SYN,
  F: TCP_FLAG.FIN,
  P: TCP_FLAG.PSH,
  R: TCP_FLAG.RST,
  U: TCP_FLAG.URG,
  W: TCP_FLAG.CWR,
  E: TCP_FLAG.ECE,
  '.': TCP_FLAG.ACK,
};

/** Whether the bytes look like tcpdump's text output (text, and a line tcpdump would print). */
export function looksLikeTcpdumpText(data: Uint8Array): boolean {
  const head = data.subarray(0, 64 * 1024);
  if (head.includes(0)) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  return text.split(/\r?\n/).some((l) => matchPacket(l) !== undefined || (TIME.test(l) && / (IP6?|ARP|[A-Z]{2,}) /.test(l)));
}

interface Line {
  text: string;
  time?: number;
  /** 1-based line in the text, for messages. */
  number: number;
}

/** Logical packet lines: continuation lines (-v) joined, hex dumps and tcpdump's notices dropped. */
function packetLines(text: string): Line[] {
  const raw = text.split(/\r?\n/);
  const timed = raw.some((l) => TIME.test(l));
  const lines: Line[] = [];
  let dayOffset = 0;
  let last: number | undefined;
  raw.forEach((l, k) => {
    if (!l.trim() || HEX_DUMP.test(l)) return;
    if (/^\s/.test(l) && lines.length) {
      lines[lines.length - 1].text += ' ' + l.trim();
      return;
    }
    if (timed && !TIME.test(l)) return; // "reading from file …", "listening on …"
    if (!timed && /^(reading from|listening on|tcpdump:|\d+ packets)/.test(l)) return;
    let time = parseTime(l);
    // Time of day only: a capture that runs past midnight goes on counting.
    if (time !== undefined && time < 86400 && last !== undefined && time + dayOffset < last - 43200) dayOffset += 86400;
    if (time !== undefined && time < 86400) time += dayOffset;
    if (time !== undefined) last = time;
    lines.push({ text: l, time, number: k + 1 });
  });
  return lines;
}

function parseTime(l: string): number | undefined {
  const m = TIME.exec(l);
  if (!m) return undefined;
  if (m[8] !== undefined) return Number(m[8]) + Number(m[9] ?? 0);
  const ofDay = Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]) + Number(m[7] ?? 0);
  if (m[1] === undefined) return ofDay;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 + ofDay;
}

interface Printed {
  seg: TcpSegment;
  /** Printed seq (start), printed ack and SACK edges, before undoing relative numbering. */
  seq?: number;
  ack?: number;
}

export function readTcpdumpText(data: Uint8Array): CaptureContents {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data);
  const lines = packetLines(text);
  if (!lines.length) throw new CaptureError('no packet lines in this text (expected `tcpdump -nn` output)');
  const printed: Printed[] = [];
  lines.forEach((line, i) => {
    const p = parseLine(line, i + 1);
    if (p) printed.push(p);
  });
  return { format: 'tcpdump text', frameCount: lines.length, segments: absolute(printed) };
}

function parseLine(line: Line, frame: number): Printed | undefined {
  const m = matchPacket(line.text);
  if (!m || m.rest.includes('[|tcp]')) return undefined;
  const bad = (what: string): never => {
    throw new CaptureError(`line ${line.number}: ${what}`);
  };
  const num = (token: string, field: string, max: number): number => {
    if (!/^\d+$/.test(token)) bad(`'${field} ${token}' is not a number`);
    const v = Number(token);
    if (token.length > 10 || v > max) bad(`${field} ${token} is out of range (0 to ${max})`);
    return v;
  };
  const field = (name: string): string | undefined => FIELD[name].exec(m.rest)?.[1];
  let flags = 0;
  if (m.flags !== 'none') for (const ch of m.flags) flags |= FLAG_CHARS[ch] ?? 0;
  const seqText = field('seq');
  const [seqStart, seqEnd] = seqText === undefined ? [] : seqText.split(':');
  const seq = seqStart === undefined ? undefined : num(seqStart, 'seq', U32);
  const seqTo = seqEnd === undefined ? undefined : num(seqEnd, 'seq', U32);
  const ackText = field('ack');
  const winText = field('win');
  const lengthText = field('length');
  const optionsAt = m.rest.indexOf(', options [');
  const optionsEnd = optionsAt < 0 ? -1 : m.rest.indexOf(']', optionsAt);
  const seg: TcpSegment = {
    frame,
    time: line.time,
    src: endpointText(m.srcIp, num(m.srcPort, 'port', PORT)),
    dst: endpointText(m.dstIp, num(m.dstPort, 'port', PORT)),
    flags,
    win: winText === undefined ? undefined : num(winText, 'win', U32),
    len: lengthText !== undefined ? num(lengthText, 'length', U32) : seq !== undefined && seqTo !== undefined ? seqDiff(seqTo, seq) >>> 0 : 0,
    options: optionsEnd < 0 ? {} : parseOptionText(m.rest.slice(optionsAt + ', options ['.length, optionsEnd), (token, name, max) => num(token, name, max)),
  };
  const ack = ackText === undefined ? undefined : num(ackText, 'ack', U32);
  return { seg, seq, ack: ack !== undefined && hasFlag(seg, 'ACK') ? ack : undefined };
}

const U32 = 0xffffffff;
const PORT = 0xffff;
/** A field's value, as far as the next separator: `seq 1:6,` gives `1:6`; `ack 1e3,` gives `1e3` (refused). */
const FIELD: Record<string, RegExp> = {
  seq: /(?:^|, )seq ([^,\s]+)/,
  ack: /, ack ([^,\s]+)/,
  win: /, win ([^,\s]+)/,
  length: /, length ([^,:\s]+)/,
};

type NumberReader = (token: string, field: string, max: number) => number;

/** `mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7,sack 1 {100:200}` */
function parseOptionText(t: string, num: NumberReader): TcpOptions {
  const o: TcpOptions = {};
  const mss = /(?:^|,)mss ([^,\s]+)/.exec(t);
  const ws = /(?:^|,)wscale ([^,\s]+)/.exec(t);
  const ts = /(?:^|,)TS val ([^,\s]+) ecr ([^,\s]+)/.exec(t);
  const sack = /(?:^|,)sack \d+ ((?:\{\d+:\d+\})+)/.exec(t);
  if (mss) o.mss = num(mss[1], 'mss', PORT);
  if (ws) o.wscale = num(ws[1], 'wscale', 255);
  if (/(?:^|,)sackOK/.test(t)) o.sackOK = true;
  if (ts) {
    o.tsVal = num(ts[1], 'TS val', U32);
    o.tsEcr = num(ts[2], 'TS ecr', U32);
  }
  if (sack) o.sack = [...sack[1].matchAll(/\{(\d+):(\d+)\}/g)].map((b) => [num(b[1], 'sack', U32), num(b[2], 'sack', U32)]);
  return o;
}

/**
 * Undoes tcpdump's relative numbering (print-tcp.c): per conversation, the first ACK-bearing
 * segment, or a SYN,ACK, prints absolute numbers and records base[src] = seq, base[dst] = ack − 1;
 * later ACK-bearing segments print seq − base[src] and ack − base[dst]. Whether the text was
 * made with -S (absolute throughout) is decided once, on the first segment that could be either.
 */
function absolute(printed: Printed[]): TcpSegment[] {
  const relative = isRelative(printed);
  const bases = new Map<string, Map<string, number>>();
  for (const p of printed) {
    const s = p.seg;
    s.seq = p.seq;
    s.ack = p.ack;
    if (!hasFlag(s, 'ACK')) continue;
    const key = conversation(s);
    const known = bases.get(key);
    if (!known || hasFlag(s, 'SYN')) {
      // A base tcpdump took from a seq it did not print stays unknown: 0 keeps the offsets.
      bases.set(key, new Map([[s.src, p.seq ?? 0], [s.dst, seqAdd(p.ack ?? 1, -1)]]));
    } else if (relative) {
      const srcBase = known.get(s.src) ?? 0;
      const dstBase = known.get(s.dst) ?? 0;
      if (p.seq !== undefined) s.seq = seqAdd(p.seq, srcBase);
      if (p.ack !== undefined) s.ack = seqAdd(p.ack, dstBase);
      if (s.options.sack) s.options.sack = s.options.sack.map(([l, r]) => [seqAdd(l, dstBase), seqAdd(r, dstBase)]);
    }
  }
  return printed.map((p) => p.seg);
}

const conversation = (s: TcpSegment): string => [s.src, s.dst].sort().join(' ');

/** Relative offsets are small; under -S a later ack lies near the base its conversation recorded. */
function isRelative(printed: Printed[]): boolean {
  const seen = new Map<string, Map<string, number>>();
  for (const { seg, seq, ack } of printed) {
    if (!hasFlag(seg, 'ACK') || ack === undefined) continue;
    const known = seen.get(conversation(seg));
    if (!known || hasFlag(seg, 'SYN')) {
      const bases = new Map([[seg.dst, ack]]);
      if (seq !== undefined) bases.set(seg.src, seq);
      seen.set(conversation(seg), bases);
      continue;
    }
    const base = known.get(seg.dst);
    if (base !== undefined) return Math.abs(seqDiff(ack, base)) > ack;
  }
  return true;
}
