// TCP connections in a capture: by 4-tuple, in order of first packet, a new SYN after a full
// close starting a new one; who is the client; the listing `import` prints.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeConnections, splitConnections, timeOfDay } from '../../server/src/core/capture/connections';
import { openCapture } from '../../server/src/core/capture';
import { TCP_FLAG, type TcpSegment } from '../../server/src/core/capture/types';
import { fixture, sidecar } from './capture-fixtures';

const { SYN, ACK, FIN, RST } = TCP_FLAG;
const A = '10.0.0.1:1000';
const B = '10.0.0.2:80';

function seg(src: string, flags: number, seq: number, ack = 0, time?: number): TcpSegment {
  return { frame: 0, time, src, dst: src === A ? B : A, seq, ack, flags, len: 0, options: {} };
}

const numbered = (segs: TcpSegment[]) => segs.map((s, i) => ({ ...s, frame: i + 1 }));

describe('connections', () => {
  it('reuse.pcap: the same 4-tuple twice (a new SYN after the close), then another port', () => {
    const { connections } = openCapture(fixture('reuse.pcap'));
    const recorded = sidecar('reuse').streams;
    assert.deepEqual(
      connections.map((c) => [c.index, c.client, c.server, c.segments.length, c.segments[0].frame]),
      [
        [0, recorded[0].client, recorded[0].server, 9, 1],
        [1, recorded[1].client, recorded[1].server, 9, 10],
        [2, recorded[2].client, recorded[2].server, 9, 19],
      ],
    );
    assert.equal(recorded[0].client, recorded[1].client);
  });

  it('lists endpoints, packet counts and first/last times', () => {
    assert.deepEqual(describeConnections(openCapture(fixture('reuse.pcap')).connections), [
      '0  127.0.0.1:40001 → 127.0.0.1:5003  9 packets  06:12:41.384307 – 06:12:41.585754',
      '1  127.0.0.1:40001 → 127.0.0.1:5003  9 packets  06:12:41.889009 – 06:12:42.089310',
      '2  127.0.0.1:40002 → 127.0.0.1:5003  9 packets  06:12:42.392552 – 06:12:42.592878',
    ]);
    assert.deepEqual(describeConnections(openCapture(fixture('simple-packets.pcapng')).connections), ['0  127.0.0.1:38037 → 127.0.0.1:5004  2 packets  - – -']);
  });

  it('only non-TCP frames are skipped: ARP and ICMPv6 do not make connections', () => {
    for (const f of ['retransmission.pcap', 'simultaneous-close.pcap', 'two-sections.pcapng']) {
      const c = openCapture(fixture(f));
      assert.ok(c.frameCount > c.connections.reduce((n, x) => n + x.segments.length, 0), f);
    }
    assert.equal(openCapture(fixture('two-sections.pcapng')).connections.length, 2);
  });

  it('a new SYN after an RST is a new connection; a retransmitted SYN is not', () => {
    const c = splitConnections(numbered([seg(A, SYN, 100), seg(B, RST | ACK, 0, 101), seg(A, SYN, 100), seg(A, SYN, 900), seg(B, SYN | ACK, 50, 901)]));
    assert.deepEqual(
      c.map((x) => x.segments.map((s) => s.frame)),
      [[1, 2], [3], [4, 5]],
    );
  });

  it('a new SYN with another ISN before any answer is a new connect(); after a FIN each way too', () => {
    const c = splitConnections(
      numbered([seg(A, SYN, 100), seg(A, SYN, 100), seg(A, SYN, 700), seg(B, SYN | ACK, 9, 701), seg(A, FIN | ACK, 701, 10), seg(B, FIN | ACK, 10, 702), seg(A, SYN, 5000)]),
    );
    assert.deepEqual(
      c.map((x) => x.segments.map((s) => s.frame)),
      [[1, 2], [3, 4, 5, 6], [7]],
    );
  });

  it('simultaneous open (two bare SYNs) stays one connection; its client sent the first SYN', () => {
    const [c, ...rest] = openCapture(fixture('simultaneous-open.pcap')).connections;
    assert.equal(rest.length, 0);
    assert.deepEqual([c.client, c.server], ['10.0.0.1:40001', '10.0.0.2:40002']);
  });

  it('the client: the SYN sender; else the SYN,ACK receiver; else the first sender', () => {
    assert.equal(splitConnections([seg(B, SYN | ACK, 1, 2), seg(A, ACK, 2, 2)])[0].client, A);
    assert.equal(splitConnections([seg(B, ACK, 1, 2), seg(A, ACK, 2, 2)])[0].client, B);
    const [mid] = openCapture(fixture('syn-ack-first.pcap')).connections;
    assert.equal(mid.client, sidecar('client-close').streams[0].client);
  });

  it('times of day in UTC, to the microsecond', () => {
    assert.equal(timeOfDay(0), '00:00:00.000000');
    assert.equal(timeOfDay(1700000000.000001), '22:13:20.000001');
    assert.equal(timeOfDay(undefined), '-');
  });
});
