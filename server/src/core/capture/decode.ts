// Frames → TCP segments: link layer, IP, TCP. Non-first IP fragments are not decoded (they hold
// no TCP header); they only tell the first fragment how long the whole segment was.
import { ipPayload } from './linkLayer';
import { parseIp, PROTO_TCP, type IpPacket } from './ip';
import { parseTcp } from './tcp';
import type { Frame, TcpSegment } from './types';

export const endpointText = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

export function decodeFrames(frames: Frame[]): TcpSegment[] {
  const packets = frames.map((f) => {
    const ip = ipPayload(f.linkType, f.data);
    return ip ? parseIp(ip) : undefined;
  });
  const datagramLengths = fragmentTrains(packets);
  const segments: TcpSegment[] = [];
  frames.forEach((f, i) => {
    const p = packets[i];
    if (!p || p.protocol !== PROTO_TCP || (p.fragment && p.fragment.offset > 0)) return;
    const tcp = parseTcp(p.payload);
    if (!tcp) return;
    const wire = p.fragment ? (datagramLengths.get(trainKey(p)) ?? p.wireLength) : p.wireLength;
    segments.push({
      frame: f.number,
      time: f.time,
      src: endpointText(p.src, tcp.srcPort),
      dst: endpointText(p.dst, tcp.dstPort),
      seq: tcp.seq,
      ack: tcp.ack,
      flags: tcp.flags,
      win: tcp.win,
      len: Math.max(0, wire - tcp.headerLength),
      options: tcp.options,
    });
  });
  return segments;
}

const trainKey = (p: IpPacket): string => `${p.version}|${p.src}|${p.dst}|${p.fragment?.id}`;

/** Upper-layer length of each fragmented datagram whose last fragment was captured. */
function fragmentTrains(packets: (IpPacket | undefined)[]): Map<string, number> {
  const lengths = new Map<string, number>();
  for (const p of packets) {
    if (!p?.fragment || p.fragment.more) continue;
    lengths.set(trainKey(p), p.fragment.offset + p.wireLength);
  }
  return lengths;
}
