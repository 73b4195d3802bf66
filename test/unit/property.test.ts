// Property tests (fast-check): over random text and mutated real flows, the parser, checker and
// renderers never throw, every diagnostic lies inside the document, and valid flows keep every arrow.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { renderMermaid } from '../../server/src/core/render/mermaid';
import { renderMarkdown } from '../../server/src/core/render/markdown';
import type { Analysis } from '../../server/src/core/tcp/analysis';

const dir = join(__dirname, '..', '..', 'examples');
const EXAMPLES = readdirSync(dir)
  .filter((f) => f.endsWith('.tcpflow'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));

function assertWellFormed(text: string): Analysis {
  const a = analyze(text);
  const lines = text.split(/\r?\n|\r/);
  for (const d of a.diagnostics) {
    const { start, end } = d.range;
    assert.ok(start.line >= 0 && start.line < lines.length, `start line ${start.line} inside the document`);
    assert.ok(end.line >= start.line && end.line < lines.length, `end line ${end.line} inside the document`);
    assert.ok(start.character >= 0 && start.character <= lines[start.line].length, `start column inside line ${start.line}`);
    assert.ok(end.character <= lines[end.line].length, `end column inside line ${end.line}`);
    assert.ok(end.line > start.line || end.character >= start.character, 'range is not reversed');
    for (const e of d.fix?.edits ?? []) assert.ok(e.range.start.line < lines.length && e.range.end.line < lines.length);
  }
  renderMermaid(a);
  renderMarkdown(a, { title: 'x' });
  return a;
}

/** Small edits of the kind study notes contain: a number, a state, a flag, a line dropped or swapped. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), delta: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('state' as const), at: fc.nat(), to: fc.constantFrom('CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RCVD', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN-WAIT-2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT', 'TIMEWAIT') }),
  fc.record({ kind: fc.constant('flag' as const), at: fc.nat(), to: fc.constantFrom('SYN', 'ACK', 'FIN', 'RST', 'SYN,ACK', 'FIN/ACK', 'SYN-ACK', '') }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 12 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.at % lines.length;
  const line = lines[i];
  switch (m.kind) {
    case 'number': {
      const nums = [...line.matchAll(/\d+/g)];
      if (!nums.length) return text;
      const n = nums[m.at % nums.length];
      lines[i] = line.slice(0, n.index) + String(Math.max(0, Number(n[0]) + m.delta)) + line.slice(n.index! + n[0].length);
      break;
    }
    case 'state':
      lines[i] = line.replace(/\(([A-Za-z_-]+)\)/, `(${m.to})`);
      break;
    case 'flag':
      lines[i] = line.replace(/\b(SYN|ACK|FIN|RST)(,(SYN|ACK|FIN))?\b/, m.to);
      break;
    case 'drop':
      lines.splice(i, 1);
      break;
    case 'swap':
      if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
      break;
    case 'insert':
      lines[i] = line.slice(0, m.at % (line.length + 1)) + m.text + line.slice(m.at % (line.length + 1));
      break;
  }
  return lines.join('\n');
}

/** Random valid flows: handshake, data with losses and retransmissions, then a close. */
const validFlow = fc
  .record({
    isnA: fc.nat({ max: 2 ** 32 - 1 }),
    isnB: fc.nat({ max: 2 ** 32 - 1 }),
    data: fc.array(fc.record({ len: fc.integer({ min: 1, max: 1460 }), lost: fc.boolean() }), { maxLength: 12 }),
    serverCloses: fc.boolean(),
  })
  .map(({ isnA, isnB, data, serverCloses }) => {
    const w = (n: number) => n % 2 ** 32;
    let a = w(isnA + 1);
    const b = w(isnB + 1);
    const out = [`A -> B: SYN seq=${isnA}`, `B -> A: SYN,ACK seq=${isnB} ack=${a}`, `A -> B: ACK seq=${a} ack=${b}`];
    for (const { len, lost } of data) {
      if (lost) out.push(`A -x B: PSH,ACK seq=${a} ack=${b} len=${len}`, 'wait RTO');
      out.push(`A -> B: PSH,ACK seq=${a} ack=${b} len=${len}`);
      a = w(a + len);
      out.push(`B -> A: ACK seq=${b} ack=${a}`);
    }
    const [x, y, nx, ny] = serverCloses ? ['B', 'A', b, a] : ['A', 'B', a, b];
    out.push(`${x} -> ${y}: FIN,ACK seq=${nx} ack=${ny}`, `${y} -> ${x}: FIN,ACK seq=${ny} ack=${w(nx + 1)}`);
    out.push(`${x} -> ${y}: ACK seq=${w(nx + 1)} ack=${w(ny + 1)}`, 'wait 2MSL');
    return out.join('\n') + '\n';
  });

const arrows = (mermaid: string) => mermaid.split('\n').filter((l) => /^\s*\S+(->>|-x)\S+:/.test(l)).length;

describe('properties', () => {
  it('random text never makes the core throw, and every diagnostic lies inside the document', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void assertWellFormed(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.array(fc.constantFrom('A', '->', '→', '-x', 'B', ':', 'SYN', 'ACK', '(', ')', 'seq=', '1', 'x+', '"', '#', '\n', ' ', 'par', 'end', 'and', 'note over A:', 'wait', '2MSL', 'state', ','), { maxLength: 60 }), (parts) => void assertWellFormed(parts.join(''))), { numRuns: 300 });
  });

  it('mutated examples never make the core throw, and every diagnostic lies inside the document', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES), fc.array(mutation, { minLength: 1, maxLength: 3 }), (text, ms) => {
        assertWellFormed(ms.reduce(mutate, text));
      }),
      { numRuns: 400 },
    );
  });

  it('random valid flows check clean, end closed, and their Mermaid output keeps every arrow', () => {
    fc.assert(
      fc.property(validFlow, (text) => {
        const a = assertWellFormed(text);
        assert.deepEqual(a.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'), []);
        assert.deepEqual(Object.values(a.finalStates), ['CLOSED', 'CLOSED']);
        assert.equal(arrows(renderMermaid(a)), a.messages.length);
      }),
      { numRuns: 200 },
    );
  });

  it('every example keeps every arrow in its Mermaid output', () => {
    for (const text of EXAMPLES) {
      const a = analyze(text);
      assert.equal(arrows(renderMermaid(a)), a.messages.length);
    }
  });
});
