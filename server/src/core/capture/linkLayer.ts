// From a captured frame to the IP packet inside it, by link type
// (https://www.tcpdump.org/linktypes.html). Anything that is not IPv4/IPv6 (ARP, LLDP, …)
// gives undefined: it is counted as a frame but holds no TCP.
import { be16 } from './bytes';

export const LINKTYPE = {
  NULL: 0, // BSD loopback: 4-byte address family in the capturing host's byte order
  ETHERNET: 1,
  RAW: 101, // raw IPv4 or IPv6, told apart by the version nibble
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export const LINK_TYPE_NAMES: Record<number, string> = {
  0: 'BSD loopback',
  1: 'Ethernet',
  101: 'raw IP',
  113: 'Linux cooked (SLL)',
  228: 'raw IPv4',
  229: 'raw IPv6',
  276: 'Linux cooked v2 (SLL2)',
};

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
/** 802.1Q, 802.1ad and the older QinQ tag: 4 bytes each, skipped. */
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);
/** AF_INET everywhere; AF_INET6 is 10 on Linux, 24 on NetBSD/OpenBSD, 28 on FreeBSD, 30 on macOS. */
const AF_INET = 2;
const AF_INET6 = new Set([10, 24, 28, 30]);

export const isSupportedLinkType = (t: number): boolean => t in LINK_TYPE_NAMES;

/** The IP packet in a frame, or undefined when the frame carries something else. */
export function ipPayload(linkType: number, d: Uint8Array): Uint8Array | undefined {
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      return ethernet(d);
    case LINKTYPE.LINUX_SLL:
      // Packet type, ARPHRD type, address length, 8 address bytes, then the protocol (ethertype).
      return d.length >= 16 ? byEthertype(be16(d, 14), d.subarray(16)) : undefined;
    case LINKTYPE.LINUX_SLL2:
      // Protocol first, then reserved, interface index, ARPHRD type, packet type, address length, address.
      return d.length >= 20 ? byEthertype(be16(d, 0), d.subarray(20)) : undefined;
    case LINKTYPE.NULL:
      return bsdLoopback(d);
    case LINKTYPE.RAW:
      return d.length > 0 && (d[0] >> 4 === 4 || d[0] >> 4 === 6) ? d : undefined;
    case LINKTYPE.IPV4:
      return d.length > 0 && d[0] >> 4 === 4 ? d : undefined;
    case LINKTYPE.IPV6:
      return d.length > 0 && d[0] >> 4 === 6 ? d : undefined;
    default:
      return undefined;
  }
}

/** Ethernet II (IEEE 802.3 with an ethertype), with any number of VLAN tags. 802.3 length frames carry no IP here. */
function ethernet(d: Uint8Array): Uint8Array | undefined {
  let at = 12;
  while (d.length >= at + 2 && VLAN_TAGS.has(be16(d, at))) at += 4;
  if (d.length < at + 2) return undefined;
  return byEthertype(be16(d, at), d.subarray(at + 2));
}

function byEthertype(type: number, rest: Uint8Array): Uint8Array | undefined {
  return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? rest : undefined;
}

/** The family is in the byte order of the machine that captured: try both. */
function bsdLoopback(d: Uint8Array): Uint8Array | undefined {
  if (d.length < 4) return undefined;
  const le = d[0] | (d[1] << 8) | (d[2] << 16) | (d[3] << 24);
  const be = (d[0] << 24) | (d[1] << 16) | (d[2] << 8) | d[3];
  const family = le >>> 0 < 0x10000 ? le : be;
  return family === AF_INET || AF_INET6.has(family) ? d.subarray(4) : undefined;
}
