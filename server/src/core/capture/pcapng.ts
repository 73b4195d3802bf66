// pcapng files (draft-ietf-opsawg-pcapng, "PCAP Now Generic (pcapng) Capture File Format"):
// a sequence of blocks, each `type, total length, body, total length`, padded to 32 bits.
// Read here: Section Header (SHB, §4.1: byte order per section, several sections per file),
// Interface Description (IDB, §4.2: link type, snaplen, if_tsresol and if_tsoffset options),
// Enhanced Packet (EPB, §4.3), Simple Packet (SPB, §4.4: no timestamp, interface 0) and the
// obsolete Packet Block (Appendix A). Every other block (name resolution, statistics, custom,
// decryption secrets…) is skipped by its length.
import { Bytes, hex32 } from './bytes';
import { CaptureError, type Frame } from './types';

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const OBSOLETE_PB = 0x00000002;
const SPB = 0x00000003;
const EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_END = 0;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;

export const isPcapng = (data: Uint8Array): boolean =>
  data.length >= 4 && data[0] === 0x0a && data[1] === 0x0d && data[2] === 0x0d && data[3] === 0x0a;

interface Interface {
  linkType: number;
  snapLen: number;
  /** Timestamp units per second (if_tsresol; default 10^6). */
  unitsPerSecond: number;
  /** Seconds added to every timestamp (if_tsoffset). */
  offset: number;
}

export interface PcapngFile {
  interfaces: { linkType: number; unitsPerSecond: number }[];
  frames: Frame[];
}

export function readPcapng(data: Uint8Array): PcapngFile {
  if (!isPcapng(data)) throw new CaptureError('not a pcapng file (no Section Header Block at the start)');
  const b = new Bytes(data);
  const frames: Frame[] = [];
  const all: Interface[] = [];
  let section: Interface[] = [];
  for (let at = 0; at < data.length; ) {
    b.need(at, 12, 'pcapng block header');
    if (b.u32(at) === SHB) {
      // §4.1: the byte-order magic right after the length decides this section's byte order.
      b.littleEndian = true;
      if (b.u32(at + 8, 'Section Header Block') !== BYTE_ORDER_MAGIC) {
        b.littleEndian = false;
        if (b.u32(at + 8) !== BYTE_ORDER_MAGIC) throw new CaptureError(`bad byte-order magic ${hex32(b.u32(at + 8))} in the Section Header Block at byte ${at}`);
      }
      const major = b.u16(at + 12, 'Section Header Block');
      if (major !== 1) throw new CaptureError(`unsupported pcapng version ${major} at byte ${at} (expected 1)`);
      section = [];
    }
    const type = b.u32(at);
    const total = b.u32(at + 4);
    if (total < 12 || total % 4 !== 0) throw new CaptureError(`bad pcapng block length ${total} at byte ${at}: the file is damaged`);
    b.need(at, total, `pcapng block (type ${hex32(type)})`);
    if (b.u32(at + total - 4) !== total) throw new CaptureError(`pcapng block at byte ${at}: its trailing length differs from its leading length`);
    const body = at + 8;
    const bodyEnd = at + total - 4;
    if (type === IDB) {
      const iface = readInterface(b, body, bodyEnd);
      section.push(iface);
      all.push(iface);
    } else if (type === EPB || type === OBSOLETE_PB) {
      const n = frames.length + 1;
      if (bodyEnd - body < 20) throw new CaptureError(`packet ${n}: its pcapng block at byte ${at} is too short`);
      const id = type === EPB ? b.u32(body) : b.u16(body);
      const iface = interfaceOf(section, id, n);
      const high = b.u32(body + 4);
      const low = b.u32(body + 8);
      const captured = b.u32(body + 12);
      if (body + 20 + captured > bodyEnd) throw new CaptureError(`packet ${n} overruns its pcapng block at byte ${at}: the file is damaged`);
      const bytes = b.slice(body + 20, captured, `packet ${n}`);
      const time = (high * 2 ** 32 + low) / iface.unitsPerSecond + iface.offset;
      frames.push({ number: n, time, linkType: iface.linkType, data: bytes });
    } else if (type === SPB) {
      const n = frames.length + 1;
      if (bodyEnd - body < 4) throw new CaptureError(`packet ${n}: its pcapng block at byte ${at} is too short`);
      const iface = interfaceOf(section, 0, n);
      const original = b.u32(body);
      // §4.4: the captured length is what the block holds, at most the original and the snaplen.
      let captured = Math.min(original, bodyEnd - (body + 4));
      if (iface.snapLen > 0) captured = Math.min(captured, iface.snapLen);
      frames.push({ number: n, linkType: iface.linkType, data: b.slice(body + 4, captured, `packet ${n}`) });
    }
    at += total;
  }
  return { interfaces: all.map((i) => ({ linkType: i.linkType, unitsPerSecond: i.unitsPerSecond })), frames };
}

function interfaceOf(section: Interface[], id: number, n: number): Interface {
  const iface = section[id];
  if (!iface) throw new CaptureError(`packet ${n} names interface ${id}, which no Interface Description Block describes`);
  return iface;
}

/** §4.2: link type, reserved, snaplen, then options (§3.5: code, length, value padded to 32 bits). */
function readInterface(b: Bytes, body: number, end: number): Interface {
  const iface: Interface = { linkType: b.u16(body), snapLen: b.u32(body + 4), unitsPerSecond: 1e6, offset: 0 };
  for (let o = body + 8; o + 4 <= end; ) {
    const code = b.u16(o);
    const len = b.u16(o + 2);
    if (code === OPT_END) break;
    if (o + 4 + len > end) throw new CaptureError(`an Interface Description option at byte ${o} overruns its block`);
    if (code === IF_TSRESOL && len >= 1) {
      // MSB clear: 10^-n seconds; MSB set: 2^-n seconds.
      const r = b.u8(o + 4);
      iface.unitsPerSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
    } else if (code === IF_TSOFFSET && len >= 8) {
      const high = b.u32(b.littleEndian ? o + 8 : o + 4);
      const low = b.u32(b.littleEndian ? o + 4 : o + 8);
      iface.offset = (high | 0) * 2 ** 32 + low;
    }
    o += 4 + Math.ceil(len / 4) * 4;
  }
  return iface;
}
