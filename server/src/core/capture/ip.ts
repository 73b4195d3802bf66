// IPv4 (RFC 791) and IPv6 (RFC 8200) headers: addresses, the upper-layer protocol and where
// its bytes are. IPv4 options are skipped by the header length (IHL); IPv6 extension headers
// are walked to the upper layer (§4). Fragments are reported as such: the caller keeps the
// first fragment (which holds the TCP header) and only uses the others for the length.
import { be16, be32 } from './bytes';

export const PROTO_TCP = 6;

export interface Fragment {
  /** Identification (with the addresses, names the datagram). */
  id: number;
  /** Offset of this fragment's data in the datagram, in bytes. */
  offset: number;
  more: boolean;
}

export interface IpPacket {
  version: 4 | 6;
  src: string;
  dst: string;
  /** Upper-layer protocol (6 = TCP); undefined when an IPv6 header chain ends without one (ESP, No Next Header). */
  protocol?: number;
  /** The captured upper-layer bytes of this packet (or fragment). */
  payload: Uint8Array;
  /** Upper-layer bytes this packet carried on the wire (from the IP length fields). */
  wireLength: number;
  fragment?: Fragment;
}

export function parseIp(d: Uint8Array): IpPacket | undefined {
  if (d.length < 1) return undefined;
  const version = d[0] >> 4;
  if (version === 4) return ipv4(d);
  if (version === 6) return ipv6(d);
  return undefined;
}

function ipv4(d: Uint8Array): IpPacket | undefined {
  if (d.length < 20) return undefined;
  const headerLength = (d[0] & 0x0f) * 4;
  if (headerLength < 20 || d.length < headerLength) return undefined;
  let total = be16(d, 2);
  // A zero total length is what captures of TCP segmentation offload show: trust the capture.
  if (total === 0) total = d.length;
  if (total < headerLength) return undefined;
  const flagsOffset = be16(d, 6);
  const more = (flagsOffset & 0x2000) !== 0;
  const offset = (flagsOffset & 0x1fff) * 8;
  return {
    version: 4,
    src: `${d[12]}.${d[13]}.${d[14]}.${d[15]}`,
    dst: `${d[16]}.${d[17]}.${d[18]}.${d[19]}`,
    protocol: d[9],
    payload: d.subarray(headerLength, Math.min(total, d.length)),
    wireLength: total - headerLength,
    fragment: more || offset > 0 ? { id: be16(d, 4), offset, more } : undefined,
  };
}

/** Extension headers with the generic layout: next header, length in 8-octet units not counting the first 8. */
const GENERIC_EXTENSIONS = new Set([0 /* hop-by-hop */, 43 /* routing */, 60 /* destination options */, 135 /* mobility */, 139 /* HIP */, 140 /* shim6 */]);
const FRAGMENT_HEADER = 44;
const AUTH_HEADER = 51;

function ipv6(d: Uint8Array): IpPacket | undefined {
  if (d.length < 40) return undefined;
  const payloadLength = be16(d, 4);
  // A zero payload length means a jumbogram (RFC 2675) or offload: use what was captured.
  const end = payloadLength === 0 ? d.length : 40 + payloadLength;
  let next: number | undefined = d[6];
  let at = 40;
  let fragment: Fragment | undefined;
  for (;;) {
    if (next !== undefined && GENERIC_EXTENSIONS.has(next)) {
      if (d.length < at + 2) return undefined;
      const len = (d[at + 1] + 1) * 8;
      next = d[at];
      at += len;
    } else if (next === AUTH_HEADER) {
      // RFC 4302: the length is in 4-octet units, minus 2.
      if (d.length < at + 2) return undefined;
      const len = (d[at + 1] + 2) * 4;
      next = d[at];
      at += len;
    } else if (next === FRAGMENT_HEADER) {
      if (d.length < at + 8) return undefined;
      const field = be16(d, at + 2);
      fragment = { id: be32(d, at + 4), offset: field & 0xfff8, more: (field & 1) !== 0 };
      next = d[at];
      at += 8;
      if (fragment.offset > 0) break; // the rest belongs to the first fragment's headers
    } else break;
    if (at > d.length) return undefined;
  }
  return {
    version: 6,
    src: ipv6Text(d.subarray(8, 24)),
    dst: ipv6Text(d.subarray(24, 40)),
    protocol: next === 50 || next === 59 ? undefined : next,
    payload: d.subarray(Math.min(at, d.length), Math.min(end, d.length)),
    wireLength: Math.max(0, end - at),
    fragment,
  };
}

/** RFC 5952 text form: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
export function ipv6Text(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i] << 8) | b[i + 1]);
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}
