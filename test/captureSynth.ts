// Synthetic captures for the load tests, the reader benchmark and the fuzzer: a classic pcap
// (raw IPv4, link type 101) written from a list of segments, headers only (the payload is counted
// in the IP total length, not stored), and the same segments as `tcpdump -nn -S` text.

export interface SynthSegment {
  /** `10.0.0.1:1000` style endpoints (IPv4). */
  src: string;
  dst: string;
  /** TCP flag bits: FIN 1, SYN 2, RST 4, PSH 8, ACK 16. */
  flags: number;
  seq: number;
  ack: number;
  len: number;
  /** Seconds since the epoch. */
  time: number;
}

export const F = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16 } as const;

const endpoint = (e: string): [number[], number] => {
  const [ip, port] = e.split(':');
  return [ip.split('.').map(Number), Number(port)];
};

/** A pcap file (microsecond timestamps, little-endian) of IPv4/TCP headers. */
export function pcapOf(segs: readonly SynthSegment[]): Uint8Array {
  const RECORD = 16 + 20 + 20;
  const out = new Uint8Array(24 + segs.length * RECORD);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 65535, true);
  v.setUint32(20, 101, true);
  let at = 24;
  for (const s of segs) {
    const [srcIp, srcPort] = endpoint(s.src);
    const [dstIp, dstPort] = endpoint(s.dst);
    v.setUint32(at, Math.floor(s.time), true);
    v.setUint32(at + 4, Math.round((s.time % 1) * 1e6), true);
    v.setUint32(at + 8, 40, true);
    v.setUint32(at + 12, 40 + s.len, true);
    const ip = at + 16;
    out[ip] = 0x45;
    v.setUint16(ip + 2, 40 + s.len);
    out[ip + 8] = 64;
    out[ip + 9] = 6;
    out.set(srcIp, ip + 12);
    out.set(dstIp, ip + 16);
    const tcp = ip + 20;
    v.setUint16(tcp, srcPort);
    v.setUint16(tcp + 2, dstPort);
    v.setUint32(tcp + 4, s.seq >>> 0);
    v.setUint32(tcp + 8, s.ack >>> 0);
    out[tcp + 12] = 5 << 4;
    out[tcp + 13] = s.flags;
    v.setUint16(tcp + 14, 65535);
    at += RECORD;
  }
  return out;
}

const FLAG_TEXT: [number, string][] = [
  [F.SYN, 'S'],
  [F.FIN, 'F'],
  [F.PSH, 'P'],
  [F.RST, 'R'],
  [F.ACK, '.'],
];

/** The same segments as `tcpdump -nn -S` prints them (absolute numbers). */
export function tcpdumpTextOf(segs: readonly SynthSegment[]): string {
  const lines = segs.map((s) => {
    const day = s.time % 86400;
    const clock = [Math.floor(day / 3600), Math.floor(day / 60) % 60, Math.floor(day) % 60].map((n) => String(n).padStart(2, '0')).join(':');
    const frac = String(Math.round((day % 1) * 1e6) % 1e6).padStart(6, '0');
    const flags = FLAG_TEXT.filter(([bit]) => s.flags & bit).map(([, c]) => c).join('') || 'none';
    const [src, sport] = s.src.split(':');
    const [dst, dport] = s.dst.split(':');
    const parts = [`Flags [${flags}]`];
    if (s.len > 0) parts.push(`seq ${s.seq}:${(s.seq + s.len) >>> 0}`);
    else if (s.flags & (F.SYN | F.FIN | F.RST)) parts.push(`seq ${s.seq}`);
    if (s.flags & F.ACK) parts.push(`ack ${s.ack}`);
    parts.push('win 65535', `length ${s.len}`);
    return `${clock}.${frac} IP ${src}.${sport} > ${dst}.${dport}: ${parts.join(', ')}`;
  });
  return lines.join('\n') + '\n';
}

/** One connection: handshake, `n` data segments from the client each ACKed by the server (when `acks`), then a close. */
export function bulkTransfer(n: number, acks = true, len = 100): SynthSegment[] {
  const c = '10.0.0.1:40000';
  const s = '10.0.0.2:80';
  let t = 1_700_000_000;
  const tick = () => (t += 0.000001);
  const out: SynthSegment[] = [
    { src: c, dst: s, flags: F.SYN, seq: 1000, ack: 0, len: 0, time: tick() },
    { src: s, dst: c, flags: F.SYN | F.ACK, seq: 5000, ack: 1001, len: 0, time: tick() },
    { src: c, dst: s, flags: F.ACK, seq: 1001, ack: 5001, len: 0, time: tick() },
  ];
  let seq = 1001;
  for (let i = 0; i < n; i++) {
    out.push({ src: c, dst: s, flags: F.PSH | F.ACK, seq, ack: 5001, len, time: tick() });
    seq = (seq + len) >>> 0;
    if (acks) out.push({ src: s, dst: c, flags: F.ACK, seq: 5001, ack: seq, len: 0, time: tick() });
  }
  out.push({ src: c, dst: s, flags: F.FIN | F.ACK, seq, ack: 5001, len: 0, time: tick() });
  out.push({ src: s, dst: c, flags: F.FIN | F.ACK, seq: 5001, ack: (seq + 1) >>> 0, len: 0, time: tick() });
  out.push({ src: c, dst: s, flags: F.ACK, seq: (seq + 1) >>> 0, ack: 5002, len: 0, time: tick() });
  return out;
}

/** `n` connections of one SYN each, from distinct client ports and addresses. */
export function manyConnections(n: number): SynthSegment[] {
  return Array.from({ length: n }, (_, i) => ({
    src: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:${1024 + (i % 60000)}`,
    dst: '10.255.0.1:80',
    flags: F.SYN,
    seq: i,
    ack: 0,
    len: 0,
    time: 1_700_000_000 + i / 1000,
  }));
}
