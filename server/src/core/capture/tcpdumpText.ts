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
import { endpointText } from './decode';
import { CaptureError, TCP_FLAG, hasFlag, seqAdd, seqDiff, type CaptureContents, type TcpOptions, type TcpSegment } from './types';

const TIME = /^(?:(\d{4})-(\d{2})-(\d{2}) )?(\d{1,2}):(\d{2}):(\d{2})(\.\d+)?\s|^(\d{6,})(\.\d+)?\s/;
const PACKET = /(\S+)\.(\d+) > (\S+)\.(\d+): Flags \[([^\]]*)\](.*)$/;
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
  return text.split(/\r?\n/).some((l) => PACKET.test(l) || (TIME.test(l) && / (IP6?|ARP|[A-Z]{2,}) /.test(l)));
}

interface Line {
  text: string;
  time?: number;
}

/** Logical packet lines: continuation lines (-v) joined, hex dumps and tcpdump's notices dropped. */
function packetLines(text: string): Line[] {
  const raw = text.split(/\r?\n/);
  const timed = raw.some((l) => TIME.test(l));
  const lines: Line[] = [];
  let dayOffset = 0;
  let last: number | undefined;
  for (const l of raw) {
    if (!l.trim() || HEX_DUMP.test(l)) continue;
    if (/^\s/.test(l) && lines.length) {
      lines[lines.length - 1].text += ' ' + l.trim();
      continue;
    }
    if (timed && !TIME.test(l)) continue; // "reading from file …", "listening on …"
    if (!timed && /^(reading from|listening on|tcpdump:|\d+ packets)/.test(l)) continue;
    let time = parseTime(l);
    // Time of day only: a capture that runs past midnight goes on counting.
    if (time !== undefined && time < 86400 && last !== undefined && time + dayOffset < last - 43200) dayOffset += 86400;
    if (time !== undefined && time < 86400) time += dayOffset;
    if (time !== undefined) last = time;
    lines.push({ text: l, time });
  }
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
  const m = PACKET.exec(line.text);
  if (!m || /\[\|tcp\]/.test(m[6])) return undefined;
  const [, srcIp, srcPort, dstIp, dstPort, flagText, rest] = m;
  let flags = 0;
  if (flagText !== 'none') for (const ch of flagText) flags |= FLAG_CHARS[ch] ?? 0;
  const seq = /(?:^|, )seq (\d+)(?::(\d+))?/.exec(rest);
  const ack = /, ack (\d+)/.exec(rest);
  const win = /, win (\d+)/.exec(rest);
  const length = /, length (\d+)/.exec(rest);
  const options = /, options \[([^\]]*)\]/.exec(rest);
  const seg: TcpSegment = {
    frame,
    time: line.time,
    src: endpointText(srcIp, Number(srcPort)),
    dst: endpointText(dstIp, Number(dstPort)),
    flags,
    win: win ? Number(win[1]) : undefined,
    len: length ? Number(length[1]) : seq?.[2] !== undefined ? Number(seq[2]) - Number(seq[1]) : 0,
    options: options ? parseOptionText(options[1]) : {},
  };
  return { seg, seq: seq ? Number(seq[1]) : undefined, ack: ack && hasFlag(seg, 'ACK') ? Number(ack[1]) : undefined };
}

/** `mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7,sack 1 {100:200}` */
function parseOptionText(t: string): TcpOptions {
  const o: TcpOptions = {};
  const mss = /(?:^|,)mss (\d+)/.exec(t);
  const ws = /(?:^|,)wscale (\d+)/.exec(t);
  const ts = /(?:^|,)TS val (\d+) ecr (\d+)/.exec(t);
  const sack = /(?:^|,)sack \d+ ((?:\{\d+:\d+\})+)/.exec(t);
  if (mss) o.mss = Number(mss[1]);
  if (ws) o.wscale = Number(ws[1]);
  if (/(?:^|,)sackOK/.test(t)) o.sackOK = true;
  if (ts) {
    o.tsVal = Number(ts[1]);
    o.tsEcr = Number(ts[2]);
  }
  if (sack) o.sack = [...sack[1].matchAll(/\{(\d+):(\d+)\}/g)].map((b) => [Number(b[1]), Number(b[2])]);
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
