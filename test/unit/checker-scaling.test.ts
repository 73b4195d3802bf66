// Issue 16: the checker's cost grows with what a flow holds, not with its square. Each case is
// checked at n and at 8n lines; the CPU time may grow about 8×, and the bound (24×) fails only a
// quadratic path (~64×). A ratio of the best of three runs, never an absolute time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';

const HANDSHAKE = 'A -> B: SYN seq=0\nB -> A: SYN,ACK seq=0 ack=1\nA -> B: ACK seq=1 ack=1\n';
const CASES: Record<string, (n: number) => string> = {
  // Each trace step copied every participant's state: 4,000 such lines took 51 s and 3.2 GB.
  'a SYN between each of n pairs of participants': (n) => Array.from({ length: n }, (_, i) => `P${2 * i} -> P${2 * i + 1}: SYN seq=1\n`).join(''),
  // Each send searched the unacknowledged queue: 40k lines took 18.5 s.
  'one-way data with no ACK': (n) => HANDSHAKE + Array.from({ length: n }, (_, i) => `A -> B: PSH,ACK seq=${1 + 10 * i} ack=1 len=10\n`).join(''),
  // The receiver took each queued segment out of its queue one by one.
  'a lost segment, n out of order behind it, then the gap filled': (n) =>
    HANDSHAKE + 'A -x B: PSH,ACK seq=1 ack=1 len=10\n' + Array.from({ length: n }, (_, i) => `A -> B: PSH,ACK seq=${11 + 10 * i} ack=1 len=10\n`).join('') + 'A -> B: PSH,ACK seq=1 ack=1 len=10\n',
};

function cpuMs(text: string): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = process.cpuUsage();
    analyze(text);
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

describe('checker scaling: linear in the flow', () => {
  for (const [name, make] of Object.entries(CASES)) {
    it(name, (t) => {
      const a = analyze(make(8000));
      assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error'), []);
      cpuMs(make(1000)); // warm-up
      const small = cpuMs(make(1000));
      const large = cpuMs(make(8000));
      t.diagnostic(`1,000: ${small.toFixed(1)} ms, 8,000: ${large.toFixed(1)} ms CPU (×${(large / small).toFixed(1)})`);
      assert.ok(large / small < 24, `×${(large / small).toFixed(1)} for 8× the lines`);
    });
  }
});
