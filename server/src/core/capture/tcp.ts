// The TCP header (RFC 9293 §3.1) and the options the notes keep: MSS (§3.7.1), window scale and
// timestamps (RFC 7323), SACK-permitted and SACK blocks (RFC 2018).
import { be16, be32 } from './bytes';
import type { TcpOptions } from './types';

export interface TcpHeader {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  win: number;
  /** Header length in bytes (data offset × 4). */
  headerLength: number;
  options: TcpOptions;
}

const OPT_EOL = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_WSCALE = 3;
const OPT_SACK_PERMITTED = 4;
const OPT_SACK = 5;
const OPT_TIMESTAMPS = 8;

/** Undefined when the bytes cannot hold a TCP header (a capture cut short by its snaplen). */
export function parseTcp(d: Uint8Array): TcpHeader | undefined {
  if (d.length < 20) return undefined;
  const headerLength = (d[12] >> 4) * 4;
  if (headerLength < 20) return undefined;
  return {
    srcPort: be16(d, 0),
    dstPort: be16(d, 2),
    seq: be32(d, 4),
    ack: be32(d, 8),
    flags: d[13],
    win: be16(d, 14),
    headerLength,
    options: parseOptions(d.subarray(20, Math.min(headerLength, d.length))),
  };
}

/** §3.2: kind, length, value; EOL ends the list, NOP pads; a malformed length ends parsing. */
export function parseOptions(o: Uint8Array): TcpOptions {
  const out: TcpOptions = {};
  for (let i = 0; i < o.length; ) {
    const kind = o[i];
    if (kind === OPT_EOL) break;
    if (kind === OPT_NOP) {
      i++;
      continue;
    }
    const len = o[i + 1];
    if (len === undefined || len < 2 || i + len > o.length) break;
    if (kind === OPT_MSS && len === 4) out.mss = be16(o, i + 2);
    else if (kind === OPT_WSCALE && len === 3) out.wscale = o[i + 2];
    else if (kind === OPT_SACK_PERMITTED && len === 2) out.sackOK = true;
    else if (kind === OPT_TIMESTAMPS && len === 10) {
      out.tsVal = be32(o, i + 2);
      out.tsEcr = be32(o, i + 6);
    } else if (kind === OPT_SACK && (len - 2) % 8 === 0) {
      out.sack = [];
      for (let j = i + 2; j < i + len; j += 8) out.sack.push([be32(o, j), be32(o, j + 4)]);
    }
    i += len;
  }
  return out;
}
