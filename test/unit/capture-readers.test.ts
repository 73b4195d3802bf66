// The capture readers on every fixture: record counts, TCP segment counts and the first segment's
// fields, exactly; the container details (byte order, timestamp resolution, interfaces); link
// layers, IP and TCP options from hand-built bytes; and one clear error for each broken file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { importConnection, openCapture } from '../../server/src/core/capture';
import { readCapture } from '../../server/src/core/capture/readCapture';
import { readPcap } from '../../server/src/core/capture/pcap';
import { readPcapng } from '../../server/src/core/capture/pcapng';
import { ipPayload } from '../../server/src/core/capture/linkLayer';
import { ipv6Text, parseIp } from '../../server/src/core/capture/ip';
import { parseOptions } from '../../server/src/core/capture/tcp';
import { CaptureError, TCP_FLAG, type TcpSegment } from '../../server/src/core/capture/types';
import { fixture } from './capture-fixtures';

const SYN = TCP_FLAG.SYN;
const LO_SYN_OPTIONS = { mss: 65495, sackOK: true, wscale: 10 };
const VETH_SYN_OPTIONS = { mss: 1460, sackOK: true, wscale: 10 };

/** file, format, records in the file, TCP segments, first segment (time in µs since the epoch). */
const EXPECTED: [string, string, number, number, Partial<TcpSegment> & { micros?: number }][] = [
  ['abort.pcap', 'pcap', 6, 6, { frame: 1, micros: 1795241559876684, src: '127.0.0.1:33031', dst: '127.0.0.1:5003', seq: 1675460342, ack: 0, flags: SYN, win: 65495, len: 0, options: { ...LO_SYN_OPTIONS, tsVal: 1820438531, tsEcr: 0 } }],
  ['bulk.pcap', 'pcap', 56, 54, { frame: 2, micros: 1795242393956000, src: '10.0.0.1:39379', dst: '10.0.0.2:5003', seq: 1756174878, options: { ...VETH_SYN_OPTIONS, tsVal: 3942585480, tsEcr: 0 } }],
  ['big-endian-nano.pcap', 'pcap', 12, 12, { frame: 1, micros: 1795241556322049, src: '127.0.0.1:41561', seq: 3581273106 }],
  ['big-endian.pcap', 'pcap', 10, 10, { frame: 1, micros: 1795241548152690, src: '127.0.0.1:35055', seq: 1243103214 }],
  ['client-close.pcap', 'pcap', 10, 10, { frame: 1, micros: 1795241548152690, src: '127.0.0.1:35055', dst: '127.0.0.1:5003', seq: 1243103214, flags: SYN, options: { ...LO_SYN_OPTIONS, tsVal: 1362904240, tsEcr: 0 } }],
  ['client-close.txt', 'tcpdump text', 10, 10, { frame: 1, micros: 22348152690, src: '127.0.0.1:35055', seq: 1243103214, ack: undefined, flags: SYN, win: 65495 }],
  ['data-both-ways.pcap', 'pcap', 16, 16, { frame: 1, micros: 1795241554665321, src: '127.0.0.1:35549', seq: 1935858800 }],
  ['half-close.S.txt', 'tcpdump text', 13, 13, { frame: 1, micros: 1795241553041287, src: '127.0.0.1:36715', seq: 2294946798 }],
  ['half-close.pcap', 'pcap', 13, 13, { frame: 1, micros: 1795241553041287, src: '127.0.0.1:36715', seq: 2294946798 }],
  ['ipv4-fragments.pcap', 'pcap', 12, 10, { frame: 1, src: '127.0.0.1:35055', seq: 1243103214 }],
  ['ipv6-ext-headers.pcap', 'pcap', 10, 10, { frame: 1, src: '[::1]:41873', dst: '[::1]:5003', seq: 184811201, win: 65476 }],
  ['ipv6-loopback.pcap', 'pcap', 10, 10, { frame: 1, micros: 1795241564990605, src: '[::1]:41873', dst: '[::1]:5003', seq: 184811201, options: { mss: 65476, sackOK: true, wscale: 10, tsVal: 3592744480, tsEcr: 0 } }],
  ['ipv6-loopback.txt', 'tcpdump text', 10, 10, { frame: 1, src: '[::1]:41873', dst: '[::1]:5003', seq: 184811201 }],
  ['keepalive.pcap', 'pcap', 12, 12, { frame: 1, src: '127.0.0.1:41561', seq: 3581273106 }],
  ['mid-connection.pcap', 'pcap', 7, 7, { frame: 1, micros: 1795241587663235, src: '127.0.0.1:33127', seq: 3133314643, ack: 3599140173, flags: TCP_FLAG.PSH | TCP_FLAG.ACK, win: 64, len: 19, options: { tsVal: 171368169, tsEcr: 3337841881 } }],
  ['null.pcap', 'pcap', 13, 13, { frame: 1, src: '127.0.0.1:36715', seq: 2294946798 }],
  ['raw-ipv4.pcap', 'pcap', 11, 11, { frame: 1, src: '127.0.0.1:33945', seq: 2597129856 }],
  ['raw-ipv6.pcap', 'pcap', 10, 10, { frame: 1, src: '[::1]:41873', seq: 184811201 }],
  ['retransmission.pcap', 'pcap', 13, 11, { frame: 3, micros: 1795241566119621, src: '10.0.0.1:39373', dst: '10.0.0.2:5003', seq: 1259331940, win: 64240, options: { ...VETH_SYN_OPTIONS, tsVal: 2293554958, tsEcr: 0 } }],
  ['reuse.pcap', 'pcap', 27, 27, { frame: 1, src: '127.0.0.1:40001', seq: 2632931320 }],
  ['rst-closed-port.pcap', 'pcap', 2, 2, { frame: 1, src: '127.0.0.1:38037', dst: '127.0.0.1:5004', seq: 1187895083 }],
  ['server-close.pcap', 'pcap', 11, 11, { frame: 1, micros: 1795241550281365, src: '127.0.0.1:33945', seq: 2597129856 }],
  ['server-close.v.txt', 'tcpdump text', 11, 11, { frame: 1, micros: 22350281365, src: '127.0.0.1:33945', seq: 2597129856 }],
  ['simple-packets.pcapng', 'pcapng', 2, 2, { frame: 1, time: undefined, src: '127.0.0.1:38037', seq: 1187895083 }],
  ['simultaneous-close.pcap', 'pcap', 11, 9, { frame: 2, micros: 1795241569534437, src: '10.0.0.1:46543', dst: '10.0.0.2:5003', seq: 1483185570 }],
  ['simultaneous-open.pcap', 'pcap', 13, 11, { frame: 3, src: '10.0.0.1:40001', dst: '10.0.0.2:40002', seq: 2281837805 }],
  ['sll.pcap', 'pcap', 10, 10, { frame: 1, src: '127.0.0.1:35055', seq: 1243103214 }],
  ['syn-ack-first.pcap', 'pcap', 9, 9, { frame: 1, src: '127.0.0.1:5003', dst: '127.0.0.1:35055', seq: 3434451233, ack: 1243103215, flags: SYN | TCP_FLAG.ACK }],
  ['syn-retransmission.pcap', 'pcap', 9, 7, { frame: 3, src: '10.0.0.1:36365', seq: 2406424147 }],
  ['two-interfaces.pcapng', 'pcapng', 13, 13, { frame: 1, micros: 1795241553041287, src: '127.0.0.1:36715', seq: 2294946798 }],
  ['two-sections.pcapng', 'pcapng', 19, 17, { frame: 1, micros: 1795241559876684, src: '127.0.0.1:33031', seq: 1675460342 }],
];

describe('capture readers on every fixture', () => {
  for (const [file, format, frames, segments, first] of EXPECTED) {
    it(`${file}: ${frames} records, ${segments} TCP segments, the first one's fields`, () => {
      const c = readCapture(fixture(file));
      assert.equal(c.format, format);
      assert.equal(c.frameCount, frames);
      assert.equal(c.segments.length, segments);
      const s = c.segments[0];
      const { micros, ...fields } = first;
      for (const [key, value] of Object.entries(fields)) assert.deepEqual(s[key as keyof TcpSegment], value, key);
      if (micros !== undefined) assert.equal(Math.round(s.time! * 1e6), micros);
    });
  }

  it('the tcpdump text versions hold the same segments as the captures they print', () => {
    for (const [text, pcap] of [
      ['client-close.txt', 'client-close.pcap'],
      ['half-close.S.txt', 'half-close.pcap'],
      ['server-close.v.txt', 'server-close.pcap'],
      ['ipv6-loopback.txt', 'ipv6-loopback.pcap'],
    ]) {
      const fromText = readCapture(fixture(text)).segments;
      const fromPcap = readCapture(fixture(pcap)).segments;
      assert.equal(fromText.length, fromPcap.length, text);
      fromText.forEach((t, i) => {
        const p = fromPcap[i];
        const label = `${text} segment ${i + 1}`;
        assert.deepEqual([t.frame, t.src, t.dst, t.flags, t.len, t.win, t.options], [p.frame, p.src, p.dst, p.flags, p.len, p.win, p.options], label);
        // tcpdump prints no seq on a segment without data, SYN, FIN or RST; every printed one is right.
        if (t.seq !== undefined || p.len > 0 || p.flags & (TCP_FLAG.SYN | TCP_FLAG.FIN | TCP_FLAG.RST)) assert.equal(t.seq, p.seq, label);
        if (p.flags & TCP_FLAG.ACK) assert.equal(t.ack, p.ack, label);
        // tcpdump prints microseconds, cutting off a nanosecond capture's last digits.
        assert.ok(Math.abs((t.time! % 86400) - (p.time! % 86400)) < 2e-6, label);
      });
    }
  });

  it('a capture cut to 64 bytes per packet (bulk.pcap) still knows every payload length from IP', () => {
    const capture = readPcap(fixture('bulk.pcap'));
    assert.ok(capture.frames.every((f) => f.data.length <= 64));
    const data = readCapture(fixture('bulk.pcap')).segments.filter((s) => s.src === '10.0.0.1:39379' && s.len > 0);
    assert.equal(
      data.reduce((n, s) => n + s.len, 0),
      32768,
    );
    assert.deepEqual(new Set(data.map((s) => s.len)), new Set([1448, 912]));
  });

  it('the IP fragments of ipv4-fragments.pcap give the data segments their whole length', () => {
    const lens = readCapture(fixture('ipv4-fragments.pcap')).segments.filter((s) => s.len > 0);
    assert.deepEqual(
      lens.map((s) => [s.frame, s.len]),
      [
        [4, 6],
        [7, 3],
      ],
    );
  });
});

describe('capture containers', () => {
  it('classic pcap: byte order and timestamp resolution from the magic number', () => {
    assert.deepEqual(pick(readPcap(fixture('client-close.pcap'))), { nanoseconds: false, littleEndian: true, linkType: 1 });
    assert.deepEqual(pick(readPcap(fixture('big-endian.pcap'))), { nanoseconds: false, littleEndian: false, linkType: 1 });
    assert.deepEqual(pick(readPcap(fixture('server-close.pcap'))), { nanoseconds: true, littleEndian: true, linkType: 1 });
    assert.deepEqual(pick(readPcap(fixture('big-endian-nano.pcap'))), { nanoseconds: true, littleEndian: false, linkType: 1 });
    assert.equal(readPcap(fixture('data-both-ways.pcap')).linkType, 276);
    assert.equal(readPcap(fixture('simultaneous-close.pcap')).linkType, 101);
    assert.equal(readPcap(fixture('sll.pcap')).linkType, 113);
    assert.equal(readPcap(fixture('null.pcap')).linkType, 0);
    assert.equal(readPcap(fixture('raw-ipv4.pcap')).linkType, 228);
    assert.equal(readPcap(fixture('raw-ipv6.pcap')).linkType, 229);
  });

  it('a nanosecond pcap keeps sub-microsecond time', () => {
    const t = readPcap(fixture('server-close.pcap')).frames[0].time!;
    assert.ok(Math.abs(t - 1795241550.281365) < 1e-6);
    assert.notEqual(Math.round(t * 1e9) % 1000, 0);
  });

  it('pcapng: interfaces with their own link types and resolutions, frames on each', () => {
    const f = readPcapng(fixture('two-interfaces.pcapng'));
    assert.deepEqual(f.interfaces, [
      { linkType: 1, unitsPerSecond: 1e6 },
      { linkType: 101, unitsPerSecond: 1e9 },
    ]);
    assert.deepEqual(
      f.frames.slice(0, 3).map((fr) => fr.linkType),
      [1, 101, 1],
    );
    const pcap = readPcap(fixture('half-close.pcap')).frames;
    f.frames.forEach((fr, i) => assert.ok(Math.abs(fr.time! - pcap[i].time!) < 1e-6, `frame ${i + 1} time`));
  });

  it('pcapng: a little-endian section then a big-endian one, each with its interfaces', () => {
    const f = readPcapng(fixture('two-sections.pcapng'));
    assert.deepEqual(f.interfaces, [
      { linkType: 1, unitsPerSecond: 1e6 },
      { linkType: 1, unitsPerSecond: 2 ** 20 },
    ]);
    assert.equal(f.frames.length, 19);
    const retrans = readPcap(fixture('retransmission.pcap')).frames;
    assert.ok(Math.abs(f.frames[6].time! - retrans[0].time!) < 1e-6);
  });

  it('pcapng: Simple Packet Blocks have no timestamp', () => {
    const f = readPcapng(fixture('simple-packets.pcapng'));
    assert.deepEqual(
      f.frames.map((fr) => [fr.number, fr.time, fr.linkType]),
      [
        [1, undefined, 1],
        [2, undefined, 1],
      ],
    );
  });
});

function pick(f: { nanoseconds: boolean; littleEndian: boolean; linkType: number }) {
  return { nanoseconds: f.nanoseconds, littleEndian: f.littleEndian, linkType: f.linkType };
}

describe('link layers, IP and TCP options', () => {
  const ipv4 = Uint8Array.from([0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, ...new Array(20).fill(0)]);

  it('Ethernet with 802.1Q and 802.1ad tags, and a non-IP ethertype', () => {
    const eth = (types: number[]) => Uint8Array.from([...new Array(12).fill(0), ...types.flatMap((t) => [t >> 8, t & 0xff]), ...ipv4]);
    assert.deepEqual(ipPayload(1, eth([0x0800])), ipv4);
    assert.deepEqual(ipPayload(1, eth([0x88a8, 1, 0x8100, 2, 0x0800])), ipv4);
    assert.equal(ipPayload(1, eth([0x0806])), undefined); // ARP
    assert.equal(ipPayload(1, Uint8Array.from([1, 2, 3])), undefined);
  });

  it('BSD loopback in either byte order, every AF_INET6 value; raw IP by version', () => {
    const nul = (bytes: number[]) => ipPayload(0, Uint8Array.from([...bytes, ...ipv4]));
    assert.deepEqual(nul([2, 0, 0, 0]), ipv4);
    assert.deepEqual(nul([0, 0, 0, 2]), ipv4);
    for (const af6 of [10, 24, 28, 30]) assert.deepEqual(nul([af6, 0, 0, 0]), ipv4);
    assert.equal(nul([7, 0, 0, 0]), undefined);
    assert.deepEqual(ipPayload(101, ipv4), ipv4);
    assert.equal(ipPayload(229, ipv4), undefined);
    assert.equal(ipPayload(147, ipv4), undefined);
  });

  it('IPv4 fragments: the first one is kept, the others are marked', () => {
    const frag = Uint8Array.from(ipv4);
    frag[6] = 0x00;
    frag[7] = 0x04; // offset 4 × 8 bytes
    assert.deepEqual(parseIp(frag)?.fragment, { id: 1, offset: 32, more: false });
    assert.equal(parseIp(ipv4)?.fragment, undefined);
  });

  it('IPv6: extension headers walked to TCP; a first fragment is kept, a later one marked', () => {
    const header = (next: number, payload: number) => [0x60, 0, 0, 0, payload >> 8, payload & 0xff, next, 64, ...new Array(15).fill(0), 1, ...new Array(15).fill(0), 1];
    const tcp = new Array(20).fill(0);
    const hopByHop = [44, 0, 1, 4, 0, 0, 0, 0];
    const fragment = (offset: number, more: boolean) => [6, 0, offset >> 5, ((offset << 3) & 0xf8) | (more ? 1 : 0), 0, 0, 0, 9];
    const first = parseIp(Uint8Array.from([...header(0, 36), ...hopByHop, ...fragment(0, true), ...tcp]));
    assert.deepEqual([first?.src, first?.protocol, first?.wireLength, first?.fragment], ['::1', 6, 20, { id: 9, offset: 0, more: true }]);
    const later = parseIp(Uint8Array.from([...header(44, 16), ...fragment(3, false), 1, 2, 3, 4, 5, 6, 7, 8]));
    assert.deepEqual([later?.protocol, later?.fragment], [6, { id: 9, offset: 24, more: false }]);
    assert.equal(parseIp(Uint8Array.from([...header(59, 0)]))?.protocol, undefined); // No Next Header
  });

  it('IPv6 addresses in RFC 5952 form', () => {
    const a = (groups: number[]) => Uint8Array.from(groups.flatMap((g) => [g >> 8, g & 0xff]));
    assert.equal(ipv6Text(a([0, 0, 0, 0, 0, 0, 0, 1])), '::1');
    assert.equal(ipv6Text(a([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1])), '2001:db8::1:0:0:1');
    assert.equal(ipv6Text(a([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1])), '2001:db8:0:1:1:1:1:1');
    assert.equal(ipv6Text(a([0xfe80, 0, 0, 0, 0, 0, 0, 0])), 'fe80::');
  });

  it('TCP options: MSS, window scale, SACK-permitted, timestamps, SACK blocks; a bad length stops', () => {
    const opts = Uint8Array.from([2, 4, 0x05, 0xb4, 1, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 5, 10, 0, 0, 0, 10, 0, 0, 0, 20]);
    assert.deepEqual(parseOptions(opts), { mss: 1460, wscale: 7, sackOK: true, tsVal: 1, tsEcr: 2, sack: [[10, 20]] });
    assert.deepEqual(parseOptions(Uint8Array.from([2, 4, 0x05, 0xb4, 8, 40, 1, 2])), { mss: 1460 });
    assert.deepEqual(parseOptions(Uint8Array.from([0, 2, 4, 1, 1])), {});
  });
});

describe('capture readers: clear errors', () => {
  const error = (file: string, pattern: RegExp) => assert.throws(() => readCapture(fixture(file)), (e: unknown) => e instanceof CaptureError && pattern.test(e.message));

  it('a pcap or pcapng cut short names the packet and the bytes missing', () => {
    error('truncated.pcap', /^the file is cut short: packet 10 at byte 803 needs 66 bytes, only 56 left$/);
    error('truncated.pcapng', /^the file is cut short: pcapng block \(type 0x00000006\) at byte 1300 needs 100 bytes, only 90 left$/);
  });

  it('an unknown magic number, text that is not tcpdump output, an empty file', () => {
    error('wrong-magic.pcap', /^not a capture file \(it starts with 0xdeadbeef\): expected pcap, pcapng or `tcpdump -nn` text output$/);
    error('not-a-capture.txt', /^not a capture file/);
    assert.throws(() => readCapture(new Uint8Array()), /the file is empty/);
  });

  it('damaged headers and lengths', () => {
    const pcap = Uint8Array.from(fixture('client-close.pcap'));
    const bigRecord = Uint8Array.from(pcap);
    new DataView(bigRecord.buffer).setUint32(24 + 8, 0x7fffffff, true);
    assert.throws(() => readCapture(bigRecord), /packet 1 at byte 24 claims 2147483647 captured bytes: the file is damaged/);
    const version = Uint8Array.from(pcap);
    version[4] = 3;
    assert.throws(() => readCapture(version), /unsupported pcap version 3\.4/);
    const ng = Uint8Array.from(fixture('two-interfaces.pcapng'));
    const badLength = Uint8Array.from(ng);
    new DataView(badLength.buffer).setUint32(4, 13, true);
    assert.throws(() => readCapture(badLength), /bad pcapng block length 13 at byte 0/);
    const badOrder = Uint8Array.from(ng);
    badOrder.set([1, 2, 3, 4], 8);
    assert.throws(() => readCapture(badOrder), /bad byte-order magic 0x01020304/);
  });

  it('a link type it cannot read is named, with the ones it can', () => {
    const pcap = Uint8Array.from(fixture('client-close.pcap'));
    new DataView(pcap.buffer).setUint32(20, 147, true);
    assert.throws(() => readCapture(pcap), /^Error: link type 147 is not supported \(supported: 0 BSD loopback, 1 Ethernet, 101 raw IP/);
  });

  it('a damaged capture is a CaptureError or a note, never anything else (no crash)', () => {
    const sources = ['client-close.pcap', 'two-interfaces.pcapng', 'two-sections.pcapng', 'half-close.S.txt', 'ipv4-fragments.pcap', 'simultaneous-open.pcap'].map(fixture);
    const damage = fc.record({
      source: fc.nat(sources.length - 1),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      cut: fc.option(fc.nat()),
    });
    fc.assert(
      fc.property(damage, ({ source, edits, cut }) => {
        const bytes = Uint8Array.from(sources[source]);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        const input = cut === null ? bytes : bytes.subarray(0, cut % bytes.length);
        try {
          const capture = openCapture(input);
          capture.connections.forEach((_, i) => importConnection(capture, i, { captureName: 'fuzz', numbering: 'symbolic' }));
        } catch (e) {
          if (!(e instanceof CaptureError)) throw e;
        }
      }),
      { numRuns: 300, seed: 9293 },
    );
  });

  it('non-TCP packets are counted and skipped', () => {
    const udp = readCapture(fixture('udp-only.pcap'));
    assert.deepEqual([udp.frameCount, udp.segments.length], [2, 0]);
    const header = readCapture(fixture('header-only.pcap'));
    assert.deepEqual([header.frameCount, header.segments.length], [0, 0]);
  });
});
