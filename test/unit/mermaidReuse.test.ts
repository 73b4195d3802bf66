// The preview's Mermaid parts after an edit (server/src/core/render/mermaidReuse.ts): whatever the
// edits, the parts written from the last ones equal the parts written afresh, and a statement whose
// drawing cannot have changed is copied, not written again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { errorMarksOf } from '../../server/src/core/render/errorMarks';
import type { MermaidParts } from '../../server/src/core/render/mermaid';
import { drawFlow, type DrawnFlow } from '../../server/src/core/render/mermaidReuse';
import { flowOf } from '../browser/flows';

function draw(text: string, previous?: DrawnFlow): DrawnFlow {
  const a = analyze(text);
  return drawFlow(a, { marks: errorMarksOf(a) }, text, previous);
}

/** The parts as plain data (wide lines by their content, not identity). */
const plain = (p: MermaidParts): unknown => ({ ...p, wide: p.wide.map((w) => ({ ...w })) });

const BASES = [
  flowOf(60, 'typing'),
  readFileSync('examples/simultaneous-close.tcpflow', 'utf8'),
  readFileSync('examples/korean-study-note.tcpflow', 'utf8'),
  readFileSync('examples/data-loss-out-of-order.tcpflow', 'utf8'),
];

/** Edits of every kind an editor makes: typing in a line, a number, lines added, removed, moved. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), at: fc.nat(), text: fc.constantFrom('x', '"', ' ', 'ack=7', '#', 'par', 'end', 'and') }),
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), delta: fc.integer({ min: -101, max: 101 }) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('copy' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('blank' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('participant' as const), name: fc.constantFrom('Z', 'Proxy') }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, e: Edit): string {
  const lines = text.split('\n');
  const i = 'at' in e ? e.at % lines.length : 0;
  switch (e.kind) {
    case 'type': {
      const at = e.at % (lines[i].length + 1);
      lines[i] = lines[i].slice(0, at) + e.text + lines[i].slice(at);
      break;
    }
    case 'number': {
      const n = [...lines[i].matchAll(/\d+/g)][0];
      if (n) lines[i] = lines[i].slice(0, n.index) + String(Math.max(0, Number(n[0]) + e.delta)) + lines[i].slice(n.index! + n[0].length);
      break;
    }
    case 'drop':
      lines.splice(i, 1);
      break;
    case 'copy':
      lines.splice(e.to % lines.length, 0, lines[i]);
      break;
    case 'blank':
      lines.splice(i, 0, '');
      break;
    case 'participant':
      lines.unshift(`participant ${e.name}`);
      break;
  }
  return lines.join('\n');
}

describe('Mermaid parts after an edit', () => {
  it('equal the parts written afresh, after any sequence of edits', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASES), fc.array(edit, { minLength: 1, maxLength: 6 }), (base, edits) => {
        let text = base;
        let drawn = draw(text);
        for (const e of edits) {
          text = apply(text, e);
          drawn = draw(text, drawn);
          assert.deepEqual(plain(drawn.parts), plain(draw(text).parts), JSON.stringify(e));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('copies what cannot have changed: typing in a label writes that statement alone', () => {
    const text = flowOf(400, 'typing');
    const before = draw(text);
    const after = draw(text.replace('"typing"', '"typing more"'), before);
    const copied = after.parts.wide.filter((w) => before.parts.wide.includes(w)).length;
    const firstStates = after.parts.units[1].wide; // the participants' first states: always written
    assert.equal(copied, after.parts.wide.length - firstStates - 1, 'every other wide line but the edited arrow’s is the one written before');
    // A number that moves everything after it: the lines after it are written again, the ones before copied.
    // (The data lines leave seq and ack to the checker: with them written, a length one off is a
    // mistake whose lines after are checked as written right, SPEC §8.6, and nothing moves.)
    const inferred = text.replace(/^(C -> S: PSH,ACK|S -> C: ACK|C -> S: FIN,ACK|S -> C: FIN,ACK|C -> S: ACK) seq=\d+ ack=\d+(?= len| "|$)/gm, '$1');
    const base = draw(inferred);
    const line = inferred.split('\n').findIndex((l) => l.includes('"part 50"'));
    const moved = inferred.split('\n').map((l, i) => (i === line ? l.replace('len=100', 'len=99') : l)).join('\n');
    const rippled = draw(moved, base);
    const edited = rippled.parts.units.find((u) => u.first === line)!;
    const kept = rippled.parts.wide.flatMap((w, i) => (base.parts.wide.includes(w) ? [i] : []));
    const [above, below] = [kept.filter((i) => i < edited.wide), kept.filter((i) => i >= edited.wide)];
    assert.equal(above.length, edited.wide - firstStates, 'the lines before the edit are copied');
    assert.ok(below.length > 0);
    assert.ok(
      below.every((i) => rippled.parts.wide[i].shape === 'Note over C,S'),
      'after it, only the notes (they show no number) are copied; every arrow is written again',
    );
  });
});
