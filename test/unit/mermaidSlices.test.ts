// The diagram in slices for the windowed preview (server/src/core/render/mermaidSlices.ts): the
// slices join back to renderMermaid's exact text, cuts fall only between statements, and an edit
// changes the slices it touches and no others.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { analyze } from '../../server/src/core/analyze';
import { errorMarksOf } from '../../server/src/core/render/errorMarks';
import { markedMermaid, mermaidParts, renderMermaid, type MermaidParts } from '../../server/src/core/render/mermaid';
import {
  planSlices,
  sliceMermaid,
  sliceMermaidText,
  SLICE_ROWS,
  unitKeys,
  unitRows,
  wholeMermaid,
  widthFixerRows,
  widthFixers,
  type MermaidSlices,
  type SlicePlan,
} from '../../server/src/core/render/mermaidSlices';
import { estimateWidth, shownText } from '../../server/src/core/render/textWidth';
import { flowOf } from '../browser/flows';
import { flow } from './helpers';

interface Sliced {
  parts: MermaidParts;
  plan: SlicePlan;
  d: MermaidSlices;
}

/** What the preview host does with a text (pass the previous plan as it does across edits). */
function slice(text: string, previous?: SlicePlan): Sliced {
  const a = analyze(text);
  const parts = mermaidParts(a, { marks: errorMarksOf(a) });
  const plan = planSlices(unitKeys(a.doc.statements, text), unitRows(parts), previous);
  return { parts, plan, d: sliceMermaid(parts, plan) };
}

/** A flow with a par block (a simultaneous close) after every few data segments. */
function parFlow(blocks: number): string {
  const out = ['participant A', 'participant B', 'A -> B: SYN seq=1', 'B -> A: SYN,ACK seq=500 ack=2', 'A -> B: ACK seq=2 ack=501'];
  let [a, b] = [2, 501];
  for (let i = 0; i < blocks; i++) {
    out.push(`A -> B: PSH,ACK seq=${a} ack=${b} len=10 "data ${i}"`, `B -> A: ACK seq=${b} ack=${a + 10}`);
    a += 10;
    out.push('par', `  A -> B: PSH,ACK seq=${a} ack=${b} len=1`, 'and', `  B -> A: PSH,ACK seq=${b} ack=${a} len=1`, 'end');
    [a, b] = [a + 1, b + 1];
    out.push(`A -> B: ACK seq=${a} ack=${b}`);
  }
  return out.join('\n') + '\n';
}

const lines = (s: string): string[] => s.split('\n').filter(Boolean);
const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.tcpflow'));

describe('Mermaid in slices', () => {
  it('joins back to renderMermaid byte for byte (examples, long flows, par blocks, errors)', () => {
    const texts = [...EXAMPLES.map((f) => readFileSync(`examples/${f}`, 'utf8')), flowOf(400), parFlow(30), '', 'title only\n'];
    texts.push(flowOf(300).replace('ack=90001 len=100 "part 7"', 'ack=5 len=100 "part 7"')); // an error mid-flow
    // Errors in several slices: wrong numbers (arrows) and wrong assertions (notes).
    texts.push(flowOf(300).replace(/C -> S: (PSH,ACK \S+ \S+ len=100 "part (?:3|60|140)")/g, 'C(CLOSED) -> S: $1').replace(/ack=(\d+) len=100 "part (50|120)"/g, 'ack=7 len=100 "part $2"'));
    for (const text of texts) {
      const a = analyze(text);
      const { d } = slice(text);
      const whole = markedMermaid(a, { marks: errorMarksOf(a) });
      assert.equal(wholeMermaid(d), renderMermaid(a, { marks: errorMarksOf(a) }), text.slice(0, 60));
      assert.equal(wholeMermaid(d), whole.text);
      assert.deepEqual(
        d.slices.flatMap((s) => s.arrowLines),
        a.messages.map((m) => m.stmt.line),
        'every arrow, in drawing order, with its source line',
      );
      // Each slice's marks, numbered among its own arrows and notes, are the whole diagram's.
      const marked = { arrows: [] as number[], notes: [] as number[] };
      let [arrows, notes] = [0, 0];
      for (const s of d.slices) {
        marked.arrows.push(...(s.errorArrows ?? []).map((i) => arrows + i));
        marked.notes.push(...(s.errorNotes ?? []).map((i) => notes + i));
        arrows += s.arrowLines.length;
        notes += lines(s.body).filter((l) => /^\s*Note /.test(l)).length;
      }
      assert.deepEqual([marked.arrows, marked.notes], [whole.errorArrows, whole.errorNotes]);
    }
    const last = slice(texts[texts.length - 1]).d;
    assert.ok(last.slices.filter((s) => s.errorArrows).length >= 2 && last.slices.filter((s) => s.errorNotes).length >= 3, 'marks in several slices');
  });

  it('cuts only between statements: a par block with its deliveries, an arrow with its state notes', () => {
    const { parts, d } = slice(parFlow(40));
    assert.ok(d.slices.length > 5);
    const unitStarts = new Set(parts.units.map((u) => u.line));
    let start = 0;
    for (const s of d.slices) {
      assert.ok(unitStarts.has(start), `a cut at row ${start} is between two statements`);
      const body = lines(s.body);
      assert.equal(body.filter((l) => l.trim() === 'par').length, body.filter((l) => l.trim() === 'end').length, 'par blocks whole');
      start += s.rows;
    }
    // The state notes of the SYN stay after its arrow, in the same slice.
    const first = lines(d.slices[0].body);
    const syn = first.indexOf('    A->>B: SYN seq=1');
    assert.deepEqual(first.slice(syn + 1, syn + 3), ['    Note left of A: SYN_SENT', '    Note right of B: SYN_RECEIVED']);
  });

  it(`cuts every ${SLICE_ROWS.target} rows, none above ${SLICE_ROWS.max}; a small rest joins the slice before it; a short flow is one slice`, () => {
    const { d } = slice(flowOf(500));
    const rows = d.slices.map((s) => s.rows);
    for (const r of rows.slice(0, -1)) assert.ok(r >= SLICE_ROWS.target && r <= SLICE_ROWS.max, String(rows));
    assert.ok(rows[rows.length - 1] >= SLICE_ROWS.min, String(rows));
    for (const n of [10, 14]) assert.equal(slice(flowOf(n)).d.slices.length, 1, `${n} segments: up to ${SLICE_ROWS.max} rows, one slice`);
  });

  describe('keeps its cuts under edits', () => {
    const text = flowOf(600, 'typing');
    const before = slice(text);
    const changed = (after: Sliced): number[] =>
      after.d.slices.flatMap((s, i) => (s.body === before.d.slices[i]?.body ? [] : [i]));

    it('typing on a line changes only the slice that holds it', () => {
      for (const typed of ['typing!', 'typin', 'typing and more']) {
        const after = slice(text.replace('"typing"', `"${typed}"`), before.plan);
        assert.equal(after.d.slices.length, before.d.slices.length);
        assert.equal(changed(after).length, 1, typed);
      }
    });

    it('a blank line or a comment moves no cut and changes no text, only the arrows’ lines', () => {
      const after = slice(`\n# a comment\n${text}`, before.plan);
      assert.deepEqual(after.plan.sizes, before.plan.sizes);
      assert.deepEqual(changed(after), []);
      assert.deepEqual(after.d.slices[3].arrowLines, before.d.slices[3].arrowLines.map((l) => l + 2));
    });

    it('an inserted line grows one slice; past the maximum it is cut in two; the others keep their text', () => {
      const src = text.split('\n');
      const at = src.findIndex((l) => l.includes('"typing"'));
      const note = (n: number): string[] => Array.from({ length: n }, (_, i) => `note over C: "remark ${i}"`);
      const grown = slice([...src.slice(0, at), ...note(1), ...src.slice(at)].join('\n'), before.plan);
      assert.equal(grown.d.slices.length, before.d.slices.length);
      assert.equal(changed(grown).length, 1);
      const split = slice([...src.slice(0, at), ...note(SLICE_ROWS.max), ...src.slice(at)].join('\n'), before.plan);
      const k = changed(split)[0];
      assert.ok(split.d.slices.length >= before.d.slices.length + 2);
      assert.deepEqual(
        split.d.slices.slice(split.d.slices.length - (before.d.slices.length - k - 1)).map((s) => s.body),
        before.d.slices.slice(k + 1).map((s) => s.body),
        'the slices after the split are unchanged',
      );
      assert.ok(split.d.slices.every((s) => s.rows <= SLICE_ROWS.max));
    });

    it('deleted lines shrink their slice; an emptied slice goes, the rest keep their text', () => {
      const src = text.split('\n');
      const at = src.findIndex((l) => l.includes('"typing"'));
      const notes = Array.from({ length: 100 }, (_, i) => `note over S: "remark ${i}"`);
      const full = [...src.slice(0, at), ...notes, ...src.slice(at)];
      const start = slice(full.join('\n'));
      const after = slice([...full.slice(0, at + 10), ...full.slice(at + 10 + 4 * SLICE_ROWS.target)].join('\n'), start.plan);
      assert.ok(after.d.slices.length <= start.d.slices.length - 2);
      const bodies = (d: MermaidSlices): string[] => d.slices.map((s) => s.body);
      const [a, b] = [bodies(after.d), bodies(start.d)];
      const k = b.findIndex((body) => body.includes('remark 10'));
      const tail = b.length - b.findIndex((body) => body.includes(`remark ${10 + 4 * SLICE_ROWS.target}`)) - 1;
      assert.ok(a.slice(0, k).every((body, i) => body === b[i]), 'the slices before are unchanged');
      assert.ok(a.slice(-tail).every((body, i) => body === b.slice(-tail)[i]), 'the slices after are unchanged');
    });
  });

  it('ranks the widest texts of each kind, decoded as Mermaid shows them', () => {
    const text = flow`
      participant A as "클라이언트"
      participant B
      A -> B: SYN seq=1 "a rather long label; with a semicolon"
      B -> A: SYN,ACK seq=9 ack=2
      A -> B: ACK seq=2 ack=10 "short"
      note over A, B: "over both"
    `;
    const { d } = slice(text);
    const byShape = Object.fromEntries(d.widest.map((w) => [w.shape, w]));
    assert.deepEqual(Object.keys(byShape).sort(), ['A->>B', 'Note left of A', 'Note over A,B', 'Note right of B']);
    assert.equal(byShape['A->>B'].kind, 'message');
    assert.equal(byShape['A->>B'].texts[0], 'SYN seq=1 — a rather long label; with a semicolon');
    assert.equal(byShape['Note over A,B'].texts[0], 'over both');
    assert.equal(shownText('a#59; b #35;59#59;'), 'a; b #59;');
    assert.ok(estimateWidth('클라이언트') > estimateWidth('client'));
    assert.ok(estimateWidth('WWWW') > estimateWidth('iiii'));
  });

  it('adds width-fixing lines only to a diagram of several slices: the sentinel, then one per kind', () => {
    const one = slice(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')).d;
    assert.equal(widthFixers(one, () => 3), '');
    assert.deepEqual(widthFixerRows(one), { notes: 0, arrows: 0 });
    assert.equal(sliceMermaidText(one, 0, ''), wholeMermaid(one));
    const many = slice(flowOf(200)).d;
    const fixers = widthFixers(many, (w) => (w.kind === 'message' ? 5 : 2));
    assert.deepEqual(lines(fixers), [
      '    Note over C: 0',
      '    Note left of C: 00',
      '    Note right of S: 00',
      '    C->>S: 00000',
      '    Note over C,S: 00',
    ]);
    assert.deepEqual(widthFixerRows(many), { notes: 4, arrows: 1 });
    const second = sliceMermaidText(many, 1, fixers);
    assert.ok(second.startsWith(`sequenceDiagram\n${many.participants}`), 'participants in every slice, the title only in the first');
    assert.ok(sliceMermaidText(many, 0, fixers).startsWith(`sequenceDiagram\n${many.head}${many.participants}`));
    assert.ok(second.endsWith(many.slices[1].body + fixers));
  });
});
