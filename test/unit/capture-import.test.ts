// Captures → notes: every real capture (and every file derived from one) imports as a note the
// checker accepts with no error and no warning, ending in the states the kernel recorded; the
// numbering modes; `par` only for segments that crossed; `-x` and `wait` for losses and gaps.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { importConnection, openCapture, type Numbering } from '../../server/src/core/capture';
import { inferFlight } from '../../server/src/core/capture/flight';
import { toTcpflow } from '../../server/src/core/capture/toTcpflow';
import { SeqWriter } from '../../server/src/core/capture/numbering';
import { formatDuration, gapThreshold } from '../../server/src/core/capture/timing';
import { TCP_FLAG, type TcpSegment } from '../../server/src/core/capture/types';
import { localize } from '../../server/src/core/i18n';
import type { Analysis } from '../../server/src/core/tcp/analysis';
import { IMPORTABLE, fixture, kernelFinals } from './capture-fixtures';

const MODES: Numbering[] = ['relative', 'absolute', 'symbolic'];

function note(file: string, stream = 0, numbering: Numbering = 'relative', window = false): string {
  return importConnection(openCapture(fixture(file)), stream, { captureName: file, numbering, window });
}

function problems(a: Analysis): string[] {
  return a.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `line ${d.range.start.line + 1}: ${d.code} ${localize(d).message}`);
}

const codes = (a: Analysis, severity: string) => a.diagnostics.filter((d) => d.severity === severity).map((d) => d.code);
const lines = (text: string) => text.split('\n');
const messageLines = (text: string) => lines(text).filter((l) => /^\s*[CS] (->|-x) [CS]:/.test(l));

describe('import: every capture checks clean and ends where the kernel ended', () => {
  for (const file of IMPORTABLE) {
    const finals = kernelFinals(file);
    for (const mode of MODES) {
      it(`${file} (${mode})`, () => {
        const capture = openCapture(fixture(file));
        assert.equal(capture.connections.length, finals.length);
        finals.forEach((kernel, i) => {
          const text = importConnection(capture, i, { captureName: file, numbering: mode });
          const a = analyze(text);
          assert.deepEqual(problems(a), [], text);
          assert.deepEqual({ client: a.finalStates.C, server: a.finalStates.S }, kernel, text);
          assert.doesNotMatch(text, /wait 2MSL/i);
        });
      });
    }
  }
});

describe('import: the note', () => {
  it('client-close.pcap, relative: header, title, participants, one line per packet', () => {
    assert.equal(
      note('client-close.pcap'),
      [
        '# Imported from client-close.pcap: stream 0 of 1 (TCP connections in order of first packet).',
        '# 127.0.0.1:35055 → 127.0.0.1:5003, 10 packets, 06:12:28.152690 – 06:12:28.152809.',
        "# Sequence numbers are relative: each side's ISN is 0, as Wireshark shows them.",
        'title client-close.pcap, stream 0',
        'participant C as "127.0.0.1:35055"',
        'participant S as "127.0.0.1:5003"',
        'C -> S: SYN seq=0 mss=65495 wscale=10 sackOK ts=1362904240            # packet 1, +0.000000s',
        'S -> C: SYN,ACK seq=0 ack=1 mss=65495 wscale=10 sackOK ts=3853819027  # packet 2, +0.000012s',
        'C -> S: ACK seq=1 ack=1 ts=1362904240                                 # packet 3, +0.000025s',
        'C -> S: PSH,ACK seq=1 ack=1 len=6 ts=1362904240                       # packet 4, +0.000060s',
        'S -> C: ACK seq=1 ack=7 ts=3853819027                                 # packet 5, +0.000065s',
        'S -> C: PSH,ACK seq=1 ack=7 len=3 ts=3853819027                       # packet 6, +0.000076s',
        'C -> S: ACK seq=7 ack=4 ts=1362904240                                 # packet 7, +0.000079s',
        'C -> S: FIN,ACK seq=7 ack=4 ts=1362904240                             # packet 8, +0.000089s',
        'S -> C: FIN,ACK seq=4 ack=8 ts=3853819027                             # packet 9, +0.000107s',
        'C -> S: ACK seq=8 ack=5 ts=1362904240                                 # packet 10, +0.000119s',
        '',
      ].join('\n'),
    );
  });

  it('numbering: relative ISNs are 0, absolute keeps the wire, symbolic writes x and y', () => {
    const first3 = (mode: Numbering) => messageLines(note('client-close.pcap', 0, mode)).slice(0, 4).map((l) => l.replace(/ (mss|wscale|ts)=\d+| sackOK|\s+#.*$/g, ''));
    assert.deepEqual(first3('relative'), ['C -> S: SYN seq=0', 'S -> C: SYN,ACK seq=0 ack=1', 'C -> S: ACK seq=1 ack=1', 'C -> S: PSH,ACK seq=1 ack=1 len=6']);
    assert.deepEqual(first3('absolute'), [
      'C -> S: SYN seq=1243103214',
      'S -> C: SYN,ACK seq=3434451233 ack=1243103215',
      'C -> S: ACK seq=1243103215 ack=3434451234',
      'C -> S: PSH,ACK seq=1243103215 ack=3434451234 len=6',
    ]);
    assert.deepEqual(first3('symbolic'), ['C -> S: SYN seq=x', 'S -> C: SYN,ACK seq=y ack=x+1', 'C -> S: ACK seq=x+1 ack=y+1', 'C -> S: PSH,ACK seq=x+1 ack=y+1 len=6']);
    assert.match(note('client-close.pcap', 0, 'symbolic'), /^# Sequence numbers are symbolic: the client's ISN is x, the server's y\.$/m);
    assert.match(note('client-close.pcap', 0, 'absolute'), /^# Sequence numbers are absolute, as on the wire\.$/m);
  });

  it('win=N on request', () => {
    assert.match(note('client-close.pcap', 0, 'relative', true), /^C -> S: SYN seq=0 win=65495 mss=65495/m);
    assert.doesNotMatch(note('client-close.pcap'), /win=/);
  });

  it('crossing FINs (simultaneous close) are one par block, and both end in TIME_WAIT', () => {
    const text = note('simultaneous-close.pcap');
    const at = lines(text).indexOf('par                                                                  # these segments crossed in flight');
    assert.ok(at > 0, text);
    assert.deepEqual(
      lines(text)
        .slice(at + 1, at + 5)
        .map((l) => l.replace(/ ts=\d+\s+#.*$/, '')),
      ['  C -> S: FIN,ACK seq=20 ack=1', 'and', '  S -> C: FIN,ACK seq=1 ack=20', 'end'],
    );
    assert.equal(lines(text).filter((l) => /^par\s/.test(l)).length, 1);
    assert.deepEqual(analyze(text).finalStates, { C: 'TIME_WAIT', S: 'TIME_WAIT' });
  });

  it('simultaneous open: the SYNs, then the SYN,ACKs, then a data segment and an ACK crossed', () => {
    const text = note('simultaneous-open.pcap');
    const blocks = text.split(/\npar\s/).slice(1).map((b) => messageLines(b.slice(0, b.indexOf('\nend'))).map((l) => l.trim().replace(/ (mss|wscale|ts)=\d+| sackOK|\s+#.*$/g, '')));
    assert.deepEqual(blocks, [
      ['C -> S: SYN seq=0', 'S -> C: SYN seq=0'],
      ['C -> S: SYN,ACK seq=0 ack=1', 'S -> C: SYN,ACK seq=0 ack=1'],
      ['C -> S: PSH,ACK seq=1 ack=1 len=6', 'S -> C: ACK seq=1 ack=1'],
    ]);
    assert.deepEqual(codes(analyze(text), 'information'), ['TF210', 'TF210']);
  });

  it('no par where nothing crossed', () => {
    for (const f of ['client-close.pcap', 'server-close.pcap', 'half-close.pcap', 'data-both-ways.pcap', 'keepalive.pcap', 'abort.pcap', 'reuse.pcap', 'mid-connection.pcap', 'retransmission.pcap', 'syn-retransmission.pcap', 'rst-closed-port.pcap', 'ipv6-loopback.pcap']) {
      const capture = openCapture(fixture(f));
      capture.connections.forEach((_, i) => assert.doesNotMatch(importConnection(capture, i, { captureName: f }), /^par\b/m, f));
    }
  });

  it('a bulk transfer captured at the sender: each ACK written right after the data it acknowledges', () => {
    const text = note('bulk.pcap');
    const moved = lines(text).filter((l) => l.endsWith('seen later: it crossed the segments above in flight'));
    assert.equal(moved.length, 22);
    assert.match(text, /^C -> S: ACK seq=1 ack=1 len=1448 .*# packet 6, .*\nS -> C: ACK seq=1 ack=1449 .*# packet 16, /m);
    assert.doesNotMatch(text, /^par\b/m);
    assert.deepEqual(problems(analyze(text)), []);
  });

  it('a dropped segment: lost (-x), the retransmission timeout as a wait, then the same seq again', () => {
    const text = note('retransmission.pcap');
    const m = messageLines(text).map((l) => l.replace(/ ts=\d+\s+#.*$/, ''));
    assert.deepEqual(m.slice(3, 6), ['C -x S: PSH,ACK seq=1 ack=1 len=10', 'C -> S: PSH,ACK seq=1 ack=1 len=10', 'S -> C: ACK seq=1 ack=11']);
    assert.match(text, /-x S: PSH,ACK seq=1 ack=1 len=10 .*# packet 6, \+0\.000070s, lost: sent again later\nwait 210ms\nC -> S: PSH,ACK seq=1 ack=1 len=10/);
    assert.deepEqual(codes(analyze(text), 'information'), ['TF210']);
  });

  it('a dropped SYN: lost, a 1 s wait, the SYN again; the server still starts in LISTEN', () => {
    const text = note('syn-retransmission.pcap');
    assert.match(text, /^C -x S: SYN seq=0 .*\nwait 1s\nC -> S: SYN seq=0 /m);
    const a = analyze(text);
    assert.equal(a.participants.find((p) => p.name === 'S')?.initial, 'LISTEN');
  });

  it('keep-alive probes: a wait before each, and the checker calls them keep-alives', () => {
    const text = note('keepalive.pcap');
    assert.equal((text.match(/^wait 1s\nC -> S: ACK seq=6 ack=1 /gm) ?? []).length, 2, text);
    assert.match(text, /^wait 473ms\nC -> S: FIN,ACK seq=7/m);
    assert.deepEqual(codes(analyze(text), 'information'), ['TF212', 'TF212']);
  });

  it('delays longer than the threshold are waits; the quick turnarounds are not', () => {
    assert.deepEqual(
      lines(note('server-close.pcap')).filter((l) => l.startsWith('wait')),
      ['wait 200ms', 'wait 156ms'],
    );
    assert.deepEqual(
      lines(note('data-both-ways.pcap')).filter((l) => l.startsWith('wait')),
      ['wait 200ms', 'wait 200ms', 'wait 200ms'],
    );
    assert.doesNotMatch(note('client-close.pcap'), /^wait/m);
  });

  it('a refused connection: the server is declared CLOSED and answers with RST,ACK seq=0', () => {
    const text = note('rst-closed-port.pcap', 0, 'symbolic');
    assert.match(text, /^participant S as "127\.0\.0\.1:5004" \(CLOSED\)$/m);
    assert.match(text, /^S -> C: RST,ACK seq=0 ack=x\+1 /m);
    assert.deepEqual(codes(analyze(text), 'information'), ['TF213']);
  });

  it('a capture that starts mid-connection declares both sides ESTABLISHED', () => {
    const text = note('mid-connection.pcap');
    assert.match(text, /^participant C as "127\.0\.0\.1:33127" \(ESTABLISHED\)\nparticipant S as "127\.0\.0\.1:5003" \(ESTABLISHED\)$/m);
    assert.match(text, /^# The capture starts mid-connection/m);
    assert.match(text, /^C -> S: PSH,ACK seq=1 ack=1 len=19 /m);
    assert.match(note('mid-connection.pcap', 0, 'symbolic'), /^C -> S: PSH,ACK seq=x\+1 ack=y\+1 len=19 /m);
  });

  it('a capture that starts at the SYN,ACK declares SYN_SENT and SYN_RECEIVED', () => {
    const text = note('syn-ack-first.pcap');
    assert.match(text, /^participant C as "127\.0\.0\.1:35055" \(SYN_SENT\)\nparticipant S as "127\.0\.0\.1:5003" \(SYN_RECEIVED\)$/m);
  });

  it('several streams: each note names its stream', () => {
    const text = note('reuse.pcap', 1);
    assert.match(text, /^# Imported from reuse\.pcap: stream 1 of 3 /m);
    assert.match(text, /^title reuse\.pcap, stream 1$/m);
    assert.match(text, /^C -> S: SYN seq=0 .*# packet 10, \+0\.000000s$/m);
    assert.throws(() => note('reuse.pcap', 3), /there is no stream 3: the capture holds 3 \(0 to 2\)/);
  });

  it('a file name that would end the title early is made safe', () => {
    const capture = openCapture(fixture('client-close.pcap'));
    const text = importConnection(capture, 0, { captureName: 'a#b//c\nd.pcap' });
    assert.match(text, /^title a_b\/c d\.pcap, stream 0$/m);
    assert.deepEqual(problems(analyze(text)), []);
  });
});

describe('import: numbering, timing and flight', () => {
  const A = '10.0.0.1:1000';
  const B = '10.0.0.2:80';
  const { SYN, ACK, PSH, FIN } = TCP_FLAG;
  const seg = (src: string, flags: number, seq: number, ack: number, len = 0, time?: number): TcpSegment => ({ frame: 0, time, src, dst: src === A ? B : A, seq, ack, flags, len, options: {} });
  const conn = (segments: TcpSegment[]) => ({ index: 0, client: A, server: B, segments });

  it('symbolic offsets below the ISN, and numbers that wrap past 2^32', () => {
    const w = new SeqWriter(conn([seg(A, SYN, 4294967290, 0), seg(B, SYN | ACK, 10, 4294967291)]), 'symbolic');
    assert.equal(w.text(A, 4294967290), 'x');
    assert.equal(w.text(A, 3), 'x+9');
    assert.equal(w.text(A, 4294967289), 'x-1');
    assert.equal(w.text(B, 11), 'y+1');
    assert.equal(new SeqWriter(conn([seg(A, SYN, 4294967290, 0)]), 'relative').text(A, 3), '9');
  });

  it('durations as wait lines say them', () => {
    assert.deepEqual([0.0004, 0.2, 0.9996, 1.014, 1.5, 75.2, 7200.4, 7300].map(formatDuration), ['1ms', '200ms', '1000ms', '1s', '1.5s', '75s', '2h', '7300s']);
  });

  it('the gap threshold: 100 ms, or four handshake round trips when longer', () => {
    const hs = (rtt: number) => [seg(A, SYN, 0, 0, 0, 0), seg(B, SYN | ACK, 0, 1, 0, rtt / 2), seg(A, ACK, 1, 1, 0, rtt)];
    assert.equal(gapThreshold(hs(0.00002)), 0.1);
    assert.equal(gapThreshold(hs(0.05)), 0.2);
    assert.equal(gapThreshold([seg(A, ACK, 1, 1)]), 0.1);
  });

  const inOrder = (n: number) => Array.from({ length: n }, (_, i) => i);

  it('data crossing data: each side sent before the other arrived', () => {
    const segs = [seg(A, SYN, 0, 0), seg(B, SYN | ACK, 0, 1), seg(A, ACK, 1, 1), seg(A, PSH | ACK, 1, 1, 5), seg(B, PSH | ACK, 1, 1, 7), seg(A, ACK, 6, 8), seg(B, ACK, 8, 6)];
    assert.deepEqual(inferFlight(segs), { lost: new Set(), order: inOrder(7), groups: [[3, 4]], moved: [] });
  });

  it('an ACK that crossed a retransmission (capture at the receiver): par, not loss', () => {
    const segs = [seg(A, SYN, 0, 0), seg(B, SYN | ACK, 0, 1), seg(A, ACK, 1, 1), seg(A, PSH | ACK, 1, 1, 5), seg(B, ACK, 1, 6), seg(A, PSH | ACK, 1, 1, 5), seg(B, ACK, 1, 6)];
    assert.deepEqual(inferFlight(segs), { lost: new Set(), order: inOrder(7), groups: [[4, 5]], moved: [] });
  });

  it('a window of data with ACKs coming back under it (sender-side capture): each ACK right after what it acknowledges', () => {
    const data = (k: number) => seg(A, PSH | ACK, 1 + 100 * k, 1, 100);
    const segs = [seg(A, SYN, 0, 0), seg(B, SYN | ACK, 0, 1), seg(A, ACK, 1, 1), data(0), data(1), data(2), data(3), seg(B, ACK, 1, 101), data(4), seg(B, ACK, 1, 201), seg(B, ACK, 1, 501)];
    const f = inferFlight(segs);
    assert.deepEqual([f.order, f.groups, f.moved], [[0, 1, 2, 3, 7, 4, 9, 5, 6, 8, 10], [], [7, 9]]);
    const text = toTcpflow({ index: 0, client: A, server: B, segments: segs.map((s, i) => ({ ...s, frame: i + 1 })) }, { captureName: 'window', streamCount: 1 });
    assert.match(text, /^S -> C: ACK seq=1 ack=101 +# packet 8, seen later: it crossed the segments above in flight$/m);
    assert.deepEqual(problems(analyze(text)), []);
  });

  it('a segment the peer acknowledged by SACK before the resend was not lost', () => {
    const sacked = { ...seg(B, ACK, 1, 1), options: { sack: [[6, 11]] as [number, number][] } };
    const segs = [seg(A, SYN, 0, 0), seg(B, SYN | ACK, 0, 1), seg(A, ACK, 1, 1), seg(A, PSH | ACK, 1, 1, 5), seg(A, PSH | ACK, 6, 1, 5), sacked, seg(A, PSH | ACK, 1, 1, 5), seg(A, PSH | ACK, 6, 1, 5), seg(B, ACK, 1, 11)];
    assert.deepEqual([...inferFlight(segs).lost], [3]);
  });

  it('an ordinary exchange needs nothing', () => {
    const segs = [seg(A, SYN, 0, 0), seg(B, SYN | ACK, 0, 1), seg(A, ACK, 1, 1), seg(A, FIN | ACK, 1, 1), seg(B, ACK, 1, 2), seg(B, FIN | ACK, 1, 2), seg(A, ACK, 2, 2)];
    assert.deepEqual(inferFlight(segs), { lost: new Set(), order: inOrder(7), groups: [], moved: [] });
  });
});
