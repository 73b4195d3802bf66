// Capture import at scale (issue 16): loss inference and the crossing search grow linearly with
// the connection (40,000 data segments and their ACKs took 24.9 s when each segment searched the
// rest of the capture for its resend), and the linear loss inference answers as the plain
// definition does on any small capture.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { openCapture } from '../../server/src/core/capture';
import { inferFlight } from '../../server/src/core/capture/flight';
import { inferLosses } from '../../server/src/core/capture/losses';
import { consumed, hasFlag, seqAdd, seqDiff, TCP_FLAG, type TcpSegment } from '../../server/src/core/capture/types';
import { F, bulkTransfer, pcapOf, type SynthSegment } from '../captureSynth';
import { assertLinear } from './linearity';

/** The definition, searched the plain way (quadratic): the oracle for the linear inferLosses. */
function referenceLosses(segs: TcpSegment[]): Set<number> {
  const sameKind = (r: TcpSegment, s: TcpSegment) =>
    consumed(r) > 0 && !hasFlag(r, 'RST') && hasFlag(r, 'SYN') === hasFlag(s, 'SYN') && (!hasFlag(s, 'SYN') || hasFlag(r, 'ACK') === hasFlag(s, 'ACK'));
  const covers = (r: TcpSegment, from: number, to: number) =>
    (hasFlag(r, 'ACK') && r.ack !== undefined && seqDiff(r.ack, to) >= 0) || (r.options.sack ?? []).some(([l, e]) => seqDiff(from, l) >= 0 && seqDiff(to, e) <= 0);
  const lost = new Set<number>();
  segs.forEach((s, i) => {
    if (s.seq === undefined || consumed(s) === 0 || hasFlag(s, 'RST')) return;
    const again = segs.findIndex((r, j) => j > i && r.src === s.src && r.seq === s.seq && sameKind(r, s));
    if (again < 0) return;
    const end = seqAdd(s.seq, consumed(s));
    if (!segs.slice(i + 1, again).some((r) => r.src === s.dst && covers(r, s.seq!, end))) lost.add(i);
  });
  return lost;
}

const A = '10.0.0.1:1';
const B = '10.0.0.2:2';

describe('capture import at scale', () => {
  it('property: the linear loss inference finds exactly the losses of the definition', () => {
    const segArb = fc.record({
      fromA: fc.boolean(),
      flags: fc.constantFrom(TCP_FLAG.ACK, TCP_FLAG.ACK | TCP_FLAG.PSH, TCP_FLAG.SYN, TCP_FLAG.SYN | TCP_FLAG.ACK, TCP_FLAG.FIN | TCP_FLAG.ACK, TCP_FLAG.RST),
      seq: fc.option(fc.integer({ min: 0, max: 60 }), { freq: 8 }),
      ack: fc.integer({ min: 0, max: 70 }),
      len: fc.constantFrom(0, 0, 10, 20),
      sack: fc.option(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 30 })), { freq: 1 }),
    });
    fc.assert(
      fc.property(fc.array(segArb, { maxLength: 40 }), (list) => {
        const segs: TcpSegment[] = list.map((x, i) => ({
          frame: i + 1,
          src: x.fromA ? A : B,
          dst: x.fromA ? B : A,
          seq: x.seq ?? undefined,
          ack: x.ack,
          flags: x.flags,
          len: x.len,
          options: x.sack ? { sack: [[x.sack[0], x.sack[0] + x.sack[1]]] } : {},
        }));
        assert.deepEqual([...inferLosses(segs)].sort((a, b) => a - b), [...referenceLosses(segs)].sort((a, b) => a - b));
      }),
      { numRuns: 2000 },
    );
  });

  it('a bulk transfer with its ACKs imports in time linear in its length', () => {
    const segments = (n: number) => openCapture(pcapOf(bulkTransfer(n))).connections[0].segments;
    assertLinear('bulk transfer', segments, (segs) => inferFlight(segs), 4_000);
  });

  it('one-way data with no ACKs, data crossing data, and windows of ACKs coming back late: all linear', () => {
    const oneWay = (n: number) => openCapture(pcapOf(bulkTransfer(n, false))).connections[0].segments;
    assertLinear('one-way data', oneWay, (segs) => inferFlight(segs), 4_000);
    assertLinear('crossing data', (n) => openCapture(pcapOf(crossing(n))).connections[0].segments, (segs) => inferFlight(segs), 2_000);
    assertLinear('late ACK windows', (n) => openCapture(pcapOf(lateAckWindows(n))).connections[0].segments, (segs) => inferFlight(segs), 2_000);
  });

  it('crossing data still becomes par blocks, and late ACKs are written after what they acknowledge', () => {
    const f = inferFlight(openCapture(pcapOf(crossing(50))).connections[0].segments);
    assert.equal(f.groups.length, 50);
    const w = inferFlight(openCapture(pcapOf(lateAckWindows(50))).connections[0].segments);
    assert.equal(w.moved.length, 45);
  });
});

function handshake(t: () => number): SynthSegment[] {
  return [
    { src: A, dst: B, flags: F.SYN, seq: 1000, ack: 0, len: 0, time: t() },
    { src: B, dst: A, flags: F.SYN | F.ACK, seq: 5000, ack: 1001, len: 0, time: t() },
    { src: A, dst: B, flags: F.ACK, seq: 1001, ack: 5001, len: 0, time: t() },
  ];
}

const clock = () => {
  let t = 1e9;
  return () => (t += 1e-6);
};

/** Both sides send at once, every time: each pair crossed in flight. */
function crossing(n: number): SynthSegment[] {
  const t = clock();
  const out = handshake(t);
  for (let i = 0, a = 1001, b = 5001; i < n; i++, a += 10, b += 10) {
    out.push({ src: A, dst: B, flags: F.ACK, seq: a, ack: b, len: 10, time: t() });
    out.push({ src: B, dst: A, flags: F.ACK, seq: b, ack: a, len: 10, time: t() });
  }
  return out;
}

/** A sender-side capture: windows of ten data segments, then their ten ACKs. */
function lateAckWindows(n: number): SynthSegment[] {
  const t = clock();
  const out = handshake(t);
  let seq = 1001;
  for (let i = 0; i < n; i += 10) {
    const ends: number[] = [];
    for (let k = 0; k < 10; k++, seq += 100) {
      out.push({ src: A, dst: B, flags: F.ACK, seq, ack: 5001, len: 100, time: t() });
      ends.push(seq + 100);
    }
    for (const e of ends) out.push({ src: B, dst: A, flags: F.ACK, seq: 5001, ack: e, len: 0, time: t() });
  }
  return out;
}
