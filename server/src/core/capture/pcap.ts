// Classic libpcap files (draft-ietf-opsawg-pcap, "PCAP Capture File Format"; tcpdump's
// pcap-savefile(5)): a 24-byte file header, then records of a 16-byte header and the bytes.
// Both byte orders, and both timestamp resolutions: magic 0xA1B2C3D4 (microseconds) and
// 0xA1B23C4D (nanoseconds), as written by the capturing machine.
import { Bytes, hex32 } from './bytes';
import { CaptureError, type Frame } from './types';

const MAGIC_MICRO = 0xa1b2c3d4;
const MAGIC_NANO = 0xa1b23c4d;
const FILE_HEADER = 24;
const RECORD_HEADER = 16;
/** No sane record is bigger than this (libpcap's own limit is 256 KiB for most link types). */
const MAX_RECORD = 16 * 1024 * 1024;

/** Whether the bytes start like a pcap file, in either byte order. */
export function isPcap(data: Uint8Array): boolean {
  if (data.length < 4) return false;
  const b = new Bytes(data);
  const be = b.u32(0);
  b.littleEndian = true;
  const le = b.u32(0);
  return [be, le].some((m) => m === MAGIC_MICRO || m === MAGIC_NANO);
}

export interface PcapFile {
  /** Timestamps in nanoseconds (magic 0xA1B23C4D) rather than microseconds. */
  nanoseconds: boolean;
  littleEndian: boolean;
  linkType: number;
  frames: Frame[];
}

export function readPcap(data: Uint8Array): PcapFile {
  const b = new Bytes(data);
  b.need(0, FILE_HEADER, 'pcap file header');
  let magic = b.u32(0);
  if (magic !== MAGIC_MICRO && magic !== MAGIC_NANO) {
    b.littleEndian = true;
    magic = b.u32(0);
  }
  if (magic !== MAGIC_MICRO && magic !== MAGIC_NANO) throw new CaptureError(`not a pcap file (magic ${hex32(b.u32(0))})`);
  const nanoseconds = magic === MAGIC_NANO;
  const major = b.u16(4);
  if (major !== 2) throw new CaptureError(`unsupported pcap version ${major}.${b.u16(6)} (expected 2.4)`);
  // The LinkType and additional information field: the link type is the low 16 bits; the top
  // bits may say the frames carry a frame check sequence, which the IP length excludes anyway.
  const linkType = b.u32(20) & 0xffff;
  const divisor = nanoseconds ? 1e9 : 1e6;
  const frames: Frame[] = [];
  for (let at = FILE_HEADER; at < data.length; ) {
    const n = frames.length + 1;
    b.need(at, RECORD_HEADER, `header of packet ${n}`);
    const seconds = b.u32(at);
    const fraction = b.u32(at + 4);
    const captured = b.u32(at + 8);
    if (captured > MAX_RECORD) throw new CaptureError(`packet ${n} at byte ${at} claims ${captured} captured bytes: the file is damaged`);
    const bytes = b.slice(at + RECORD_HEADER, captured, `packet ${n}`);
    frames.push({ number: n, time: seconds + fraction / divisor, linkType, data: bytes });
    at += RECORD_HEADER + captured;
  }
  return { nanoseconds, littleEndian: b.littleEndian, linkType, frames };
}
