// `tcpdump -nn` text: the forms tcpdump prints (timestamps, -v, -e, -i any, -X, IPv6) and its
// relative sequence numbers undone, with or without -S.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { importConnection, openCapture } from '../../server/src/core/capture';
import { readCapture } from '../../server/src/core/capture/readCapture';
import { looksLikeTcpdumpText, readTcpdumpText } from '../../server/src/core/capture/tcpdumpText';
import { CaptureError, TCP_FLAG } from '../../server/src/core/capture/types';

const bytes = (lines: string[]) => new TextEncoder().encode(lines.join('\n') + '\n');
const read = (lines: string[]) => readTcpdumpText(bytes(lines));

const HANDSHAKE = [
  '12:00:00.000001 IP 127.0.0.1.51514 > 127.0.0.1.5003: Flags [S], seq 1000, win 65495, options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0',
  '12:00:00.000010 IP 127.0.0.1.5003 > 127.0.0.1.51514: Flags [S.], seq 5000, ack 1001, win 65483, options [mss 65495,sackOK,TS val 2 ecr 1,nop,wscale 7], length 0',
  '12:00:00.000020 IP 127.0.0.1.51514 > 127.0.0.1.5003: Flags [.], ack 1, win 512, options [nop,nop,TS val 3 ecr 2], length 0',
  '12:00:00.000030 IP 127.0.0.1.51514 > 127.0.0.1.5003: Flags [P.], seq 1:6, ack 1, win 512, options [nop,nop,TS val 4 ecr 2], length 5',
  '12:00:00.000040 IP 127.0.0.1.5003 > 127.0.0.1.51514: Flags [.], ack 6, win 512, options [nop,nop,TS val 5 ecr 4,nop,nop,sack 1 {1:6}], length 0',
];

describe('tcpdump text', () => {
  it('the example from the issue: flags, numbers, options, length', () => {
    const [syn] = read(HANDSHAKE.slice(0, 1)).segments;
    assert.deepEqual(syn, {
      frame: 1,
      time: 12 * 3600 + 0.000001,
      src: '127.0.0.1:51514',
      dst: '127.0.0.1:5003',
      seq: 1000,
      ack: undefined,
      flags: TCP_FLAG.SYN,
      win: 65495,
      len: 0,
      options: { mss: 65495, sackOK: true, tsVal: 1, tsEcr: 0, wscale: 7 },
    });
  });

  it('relative numbers (the default) come back absolute, SACK edges included', () => {
    const s = read(HANDSHAKE).segments;
    assert.deepEqual(
      s.map((x) => [x.seq, x.ack, x.len]),
      [
        [1000, undefined, 0],
        [5000, 1001, 0],
        [undefined, 5001, 0], // tcpdump prints no seq on a bare ACK
        [1001, 5001, 5],
        [undefined, 1006, 0],
      ],
    );
    assert.deepEqual(s[4].options.sack, [[1001, 1006]]);
  });

  it('-S (absolute) numbers are taken as they are', () => {
    const absolute = HANDSHAKE.map((l) =>
      l.replace('ack 1, win 512, options [nop,nop,TS val 3', 'ack 5001, win 512, options [nop,nop,TS val 3').replace('seq 1:6, ack 1,', 'seq 1001:1006, ack 5001,').replace('ack 6,', 'ack 1006,').replace('{1:6}', '{1001:1006}'),
    );
    assert.deepEqual(
      read(absolute).segments.map((x) => [x.seq, x.ack]),
      read(HANDSHAKE).segments.map((x) => [x.seq, x.ack]),
    );
  });

  it('a capture that starts mid-connection: the first ACK-bearing segment sets the bases', () => {
    const s = read([
      '12:00:00.000001 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 7000:7010, ack 9000, win 500, length 10',
      '12:00:00.000002 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 10, win 500, length 0',
      '12:00:00.000003 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:4, ack 10, win 500, length 3',
    ]).segments;
    assert.deepEqual(
      s.map((x) => [x.seq, x.ack]),
      [
        [7000, 9000],
        [undefined, 7010],
        [9000, 7010],
      ],
    );
  });

  it('timestamps: time of day (wrapping past midnight), -tt epoch, -tttt date, none', () => {
    const line = (t: string) => `${t} IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S], seq 1, win 1, length 0`;
    assert.deepEqual(
      read([line('23:59:59.900000'), line('00:00:00.100000')]).segments.map((s) => Math.round(s.time! * 10)),
      [863999, 864001],
    );
    assert.equal(read([line('1700000000.250000')]).segments[0].time, 1700000000.25);
    assert.equal(read([line('2024-01-02 03:04:05.500000')]).segments[0].time, Date.UTC(2024, 0, 2, 3, 4, 5) / 1000 + 0.5);
    const untimed = read(['IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S], seq 1, win 1, length 0']);
    assert.deepEqual([untimed.frameCount, untimed.segments[0].time], [1, undefined]);
  });

  it('-v continuation lines, -e link headers, -i any columns, -X hex dumps, other protocols', () => {
    const c = read([
      'reading from file x.pcap, link-type EN10MB (Ethernet), snapshot length 262144',
      '12:00:00.000001 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)',
      '    127.0.0.1.51514 > 127.0.0.1.5003: Flags [S], cksum 0xfe30 (incorrect -> 0x1234), seq 1000, win 65495, length 0',
      '12:00:00.000002 00:00:00:00:00:00 > 00:00:00:00:00:00, ethertype IPv4 (0x0800), length 74: 127.0.0.1.5003 > 127.0.0.1.51514: Flags [S.], seq 5000, ack 1001, win 65483, length 0',
      '\t0x0000:  4500 003c 0000 4000 4006 3cba 7f00 0001  E..<..@.@.<.....',
      '12:00:00.000003 lo    In  IP 127.0.0.1.51514 > 127.0.0.1.5003: Flags [.], ack 1, win 512, length 0',
      '12:00:00.000004 ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28',
      '12:00:00.000005 IP 10.0.0.1.53 > 10.0.0.2.53: 1+ A? example. (25)',
      '12:00:00.000006 IP6 ::1.51514 > ::1.5003: Flags [R], seq 1001, win 0, length 0',
      '12:00:00.000007 IP 127.0.0.1.51514 > 127.0.0.1.5003: Flags [P.], seq 1:6, ack 1, win 512 [|tcp]',
    ]);
    assert.equal(c.frameCount, 7);
    assert.deepEqual(
      c.segments.map((s) => [s.frame, s.src, s.flags, s.seq, s.ack]),
      [
        [1, '127.0.0.1:51514', TCP_FLAG.SYN, 1000, undefined],
        [2, '127.0.0.1:5003', TCP_FLAG.SYN | TCP_FLAG.ACK, 5000, 1001],
        [3, '127.0.0.1:51514', TCP_FLAG.ACK, undefined, 5001],
        [6, '[::1]:51514', TCP_FLAG.RST, 1001, undefined],
      ],
    );
  });

  it('every flag letter, and [none]', () => {
    const flags = (f: string) => read([`12:00:00.000001 IP 1.1.1.1.1 > 2.2.2.2.2: Flags [${f}], seq 1, win 1, length 0`]).segments[0].flags;
    assert.equal(flags('SEW'), TCP_FLAG.SYN | TCP_FLAG.ECE | TCP_FLAG.CWR);
    assert.equal(flags('FP.'), TCP_FLAG.FIN | TCP_FLAG.PSH | TCP_FLAG.ACK);
    assert.equal(flags('R.'), TCP_FLAG.RST | TCP_FLAG.ACK);
    assert.equal(flags('U.'), TCP_FLAG.URG | TCP_FLAG.ACK);
    assert.equal(flags('none'), 0);
  });

  it('is told apart from other text', () => {
    assert.ok(looksLikeTcpdumpText(bytes(HANDSHAKE)));
    assert.ok(!looksLikeTcpdumpText(bytes(['A -> B: SYN seq=100', 'B -> A: SYN,ACK'])));
    assert.ok(!looksLikeTcpdumpText(Uint8Array.from([0x12, 0, 0x34])));
    assert.equal(readCapture(bytes(HANDSHAKE)).format, 'tcpdump text');
    assert.throws(() => readCapture(bytes(['hello'])), /not a capture file/);
  });

  it('refuses a number that is not one or is out of its range, naming the line (issue 16)', () => {
    const packet = (rest: string, ports = '10.0.0.1.1000 > 10.0.0.2.80') => `12:00:00.000001 IP ${ports}: Flags [S.], ${rest}`;
    const refused = (lines: string[], message: string) =>
      assert.throws(
        () => read(lines),
        (e: unknown) => e instanceof CaptureError && e.message === message,
      );
    refused([HANDSHAKE[0], packet('seq 1, ack 1, win 1, length 0', '10.0.0.1.99999999999 > 10.0.0.2.80')], 'line 2: port 99999999999 is out of range (0 to 65535)');
    refused([packet('seq 1, ack 1, win 1, length 0', '10.0.0.1.1000 > 10.0.0.2.65536')], 'line 1: port 65536 is out of range (0 to 65535)');
    refused([packet('seq 1, ack 1, win 1, length 99999999999')], 'line 1: length 99999999999 is out of range (0 to 4294967295)');
    refused([packet('seq 1, ack 1e3, win 1, length 0')], "line 1: 'ack 1e3' is not a number");
    refused([packet('seq 4294967296, ack 1, win 1, length 0')], 'line 1: seq 4294967296 is out of range (0 to 4294967295)');
    refused([packet('seq 1, ack 1, win 1, options [mss 70000], length 0')], 'line 1: mss 70000 is out of range (0 to 65535)');
    refused([packet('seq 1, ack 1, win 1, options [sack 1 {1:99999999999}], length 0')], 'line 1: sack 99999999999 is out of range (0 to 4294967295)');
    // The largest values are taken.
    const [s] = read([packet('seq 4294967295, ack 4294967295, win 4294967295, length 4294967295', '10.0.0.1.65535 > 10.0.0.2.0')]).segments;
    assert.deepEqual([s.src, s.dst, s.seq, s.ack, s.win, s.len], ['10.0.0.1:65535', '10.0.0.2:0', 4294967295, 4294967295, 4294967295, 4294967295]);
  });

  it('imports as a note that parses: a quote or backslash in an address, a segment with no flag and no seq (found by npm run fuzz)', () => {
    const text = [
      '12:00:00.000001 IP 10.0.0.1"x\\.1000 > 10.0.0.2.80: Flags [S], seq 1, win 1, length 0',
      '12:00:00.000002 IP 10.0.0.2.80 > 10.0.0.1"x\\.1000: Flags [none], win 1, length 0',
    ];
    const note = importConnection(openCapture(bytes(text)), 0, { captureName: 'q.txt' });
    assert.match(note, /^participant C as "10\.0\.0\.1\\"x\\\\:1000"$/m);
    assert.match(note, /^S -> C: len=0 +# packet 2/m);
    // The flow itself is odd (a segment without flags), but it reads: no syntax error, no bad string.
    assert.deepEqual(analyze(note).diagnostics.filter((d) => /^TF10\d$/.test(d.code)).map((d) => d.code), []);
  });
});

