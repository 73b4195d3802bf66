// What the capture readers produce and the note writer consumes. Pure data: no Node or VS Code
// API, so the CLI and the extension share every reader (Uint8Array in, these types out).
import { WIRE_BIT } from '../syntax/vocabulary';

/** An expected problem with the input: shown as one line, never with a stack trace. */
export class CaptureError extends Error {}

/** One record of a capture file (any protocol), before the link layer is decoded. */
export interface Frame {
  /** 1-based position in the file, as Wireshark and `tcpdump -r` count records. */
  number: number;
  /** Seconds since the epoch; undefined when the format has no timestamp (pcapng SPB). */
  time?: number;
  /** LINKTYPE_* value (https://www.tcpdump.org/linktypes.html). */
  linkType: number;
  /** The captured bytes (possibly fewer than were on the wire). */
  data: Uint8Array;
}

/** TCP header flag bits (RFC 9293 §3.1; ECE/CWR from RFC 3168). */
export const TCP_FLAG = WIRE_BIT;
export type TcpFlagName = keyof typeof TCP_FLAG;

export interface TcpOptions {
  mss?: number;
  wscale?: number;
  sackOK?: boolean;
  /** TSval and TSecr (RFC 7323 §3). */
  tsVal?: number;
  tsEcr?: number;
  /** SACK blocks (RFC 2018): [left edge, right edge) pairs. */
  sack?: [number, number][];
}

/** One TCP segment as captured. */
export interface TcpSegment {
  /** The frame it came from (1-based). */
  frame: number;
  time?: number;
  /** `10.0.0.1:51514` or `[::1]:5003`. */
  src: string;
  dst: string;
  /** Undefined only when the source did not show it (tcpdump text omits seq on bare ACKs). */
  seq?: number;
  ack?: number;
  /** TCP_FLAG bits. */
  flags: number;
  win?: number;
  /** Payload bytes on the wire. */
  len: number;
  options: TcpOptions;
}

/** Everything a reader found in one file. */
export interface CaptureContents {
  /** `pcap`, `pcapng` or `tcpdump text`. */
  format: string;
  /** Records in the file, TCP or not. */
  frameCount: number;
  segments: TcpSegment[];
}

export const hasFlag = (s: { flags: number }, f: TcpFlagName): boolean => (s.flags & TCP_FLAG[f]) !== 0;

/** Sequence numbers a segment occupies: payload, plus one for SYN and one for FIN (RFC 9293 §3.4). */
export const consumed = (s: TcpSegment): number => s.len + (hasFlag(s, 'SYN') ? 1 : 0) + (hasFlag(s, 'FIN') ? 1 : 0);

/** a − b in 32-bit sequence space, as a signed number (RFC 9293 §3.4 comparisons). */
export const seqDiff = (a: number, b: number): number => (a - b) | 0;

export const seqAdd = (a: number, n: number): number => (a + n) >>> 0;
