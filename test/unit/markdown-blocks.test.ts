// The ```tcpflow blocks of a Markdown note (server/src/core/markdown/blocks.ts): which fences are
// blocks (CommonMark §4.5), what text each block has, and the position mapping between a block
// and the note — exact (a range covers the same characters in both) and never outside the block.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import {
  blockAt,
  findFencedBlocks,
  splitLines,
  tcpflowBlocks,
  toBlockPosition,
  toBlockRange,
  toNoteDiagnostic,
  toNotePosition,
  type FencedBlock,
} from '../../server/src/core/markdown/blocks';
import type { Range } from '../../server/src/core/syntax/ast';

const BAD = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=100\nA -> B: ACK seq=101 ack=301';
const EXAMPLES = readdirSync(join(__dirname, '..', '..', 'examples'))
  .filter((f) => f.endsWith('.tcpflow'))
  .map((f) => readFileSync(join(__dirname, '..', '..', 'examples', f), 'utf8'));

/** The text a range covers, lines split as LSP splits them. */
function slice(text: string, r: Range): string {
  const lines = splitLines(text);
  const offset = (p: Range['start']) => lines[p.line].start + p.character;
  return text.slice(offset(r.start), offset(r.end));
}

const only = (text: string): FencedBlock => {
  const bs = tcpflowBlocks(text);
  assert.equal(bs.length, 1, JSON.stringify(bs));
  return bs[0];
};

describe('markdown blocks: which fences are ```tcpflow blocks', () => {
  it('finds ``` and ~~~ fences, info case-insensitive, first word only', () => {
    const text = ['# Notes', '```tcpflow', 'A -> B: SYN', '```', '', '~~~TCPFlow title="x"', 'B -> A: RST', '~~~', '```tcpflowx', 'no', '```', '```js tcpflow', 'no', '```'].join('\n');
    const bs = tcpflowBlocks(text);
    assert.deepEqual(
      bs.map((b) => [b.openLine, b.closeLine, b.fenceChar, b.info, b.text]),
      [
        [1, 3, '`', 'tcpflow', 'A -> B: SYN'],
        [5, 7, '~', 'TCPFlow title="x"', 'B -> A: RST'],
      ],
    );
    assert.equal(findFencedBlocks(text).length, 4);
  });

  it('closes only on a fence of the same character, at least as long, with nothing after it', () => {
    const text = ['````tcpflow', '```', '~~~~', '```` x', '    ````', '`````  ', 'after'].join('\n');
    const b = only(text);
    assert.equal(b.closeLine, 5);
    assert.deepEqual(b.lines, ['```', '~~~~', '```` x', '    ````']);
  });

  it('a fence may be indented up to 3 spaces; 4 make an indented code block, not a fence', () => {
    assert.equal(tcpflowBlocks('    ```tcpflow\n    A -> B: SYN\n    ```\n').length, 0);
    const b = only('   ```tcpflow\n     A -> B: SYN\n B -> A: RST\n\tC -> D: SYN\n   ```\n');
    assert.equal(b.indent, 3);
    // Up to the fence's indentation is removed, as CommonMark does; a tab stays whole.
    assert.deepEqual(b.lines, ['  A -> B: SYN', 'B -> A: RST', '\tC -> D: SYN']);
    assert.deepEqual(b.removed, [3, 1, 0]);
  });

  it('a backtick fence whose info string holds a backtick is no fence', () => {
    assert.equal(findFencedBlocks('```tcp`flow\nA -> B: SYN\n```\n').length, 1); // the last line opens one
    assert.equal(tcpflowBlocks('```tcpflow `x`\nA -> B: SYN\n```\n').length, 0);
    assert.equal(tcpflowBlocks('~~~tcpflow `x`\nA -> B: SYN\n~~~\n').length, 1);
  });

  it('a fence never closed runs to the end of the note', () => {
    const b = only('intro\n```tcpflow\nA -> B: SYN\n\n');
    assert.equal(b.closeLine, undefined);
    assert.deepEqual(b.lines, ['A -> B: SYN', '', '']);
  });

  it('a ```tcpflow inside another fence, or inside an HTML comment, is not a block', () => {
    const text = ['````markdown', '```tcpflow', 'A -> B: SYN', '```', '````', '<!--', '```tcpflow', 'A -> B: SYN', '```', '-->', '<!-- one line -->', '```tcpflow', 'B -> A: RST', '```'].join('\n');
    const b = only(text);
    assert.equal(b.openLine, 11);
  });

  it('CRLF, LF and CR all end lines; the block text has none of them', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const b = only(['x', '```tcpflow', 'A -> B: SYN', 'B -> A: RST', '```', ''].join(eol));
      assert.equal(b.text, 'A -> B: SYN\nB -> A: RST', JSON.stringify(eol));
      assert.equal(b.firstLine, 2);
    }
  });

  it('an empty block has no lines and its positions go to the end of its opening fence', () => {
    const b = only('```tcpflow\n```\n');
    assert.deepEqual(b.lines, []);
    assert.deepEqual(toNotePosition(b, { line: 0, character: 0 }), { line: 0, character: 10 });
    assert.equal(blockAt([b], 0), undefined);
    assert.equal(blockAt([b], 1), undefined);
  });
});

/** Notes with the BAD flow in a block at the start, the middle and the end, and in every fence style. */
function placements(): { name: string; note: string }[] {
  const body = (indent: string, eol: string) => BAD.split('\n').map((l) => indent + l).join(eol);
  const out: { name: string; note: string }[] = [];
  for (const eol of ['\n', '\r\n']) {
    for (const [fence, indent] of [['```', ''], ['~~~', ''], ['  ```', '  '], ['   ~~~~', '   ']] as const) {
      const block = `${fence}tcpflow${eol}${body(indent, eol)}${eol}${fence.trim()}`;
      const tag = `${JSON.stringify(eol)} ${JSON.stringify(fence)}`;
      out.push({ name: `start ${tag}`, note: `${block}${eol}${eol}after${eol}` });
      out.push({ name: `middle ${tag}`, note: `# Title${eol}${eol}Some prose.${eol}${block}${eol}More.${eol}` });
      out.push({ name: `end, no final line end ${tag}`, note: `# Title${eol}${eol}${block}` });
    }
  }
  return out;
}

describe('markdown blocks: positions between block and note', () => {
  for (const { name, note } of placements()) {
    it(`maps every diagnostic exactly: ${name}`, () => {
      const b = only(note);
      const a = analyze(b.text);
      assert.ok(a.diagnostics.some((d) => d.code === 'TF202'), 'the flow has its TF202');
      for (const d of a.diagnostics) {
        const inNote = toNoteDiagnostic(b, d);
        assert.equal(slice(note, inNote.range), slice(b.text, d.range), `${d.code} covers the same text`);
        assert.ok(inNote.range.start.line >= b.firstLine && inNote.range.end.line <= b.closeLine! - 1, 'inside the block');
        for (const [i, e] of (inNote.fix?.edits ?? []).entries()) assert.equal(slice(note, e.range), slice(b.text, d.fix!.edits[i].range));
        // And back: the note position of the range's start is the block position again.
        assert.deepEqual(toBlockPosition(b, inNote.range.start), d.range.start);
      }
      const tf202 = toNoteDiagnostic(b, a.diagnostics.find((d) => d.code === 'TF202')!);
      assert.equal(slice(note, tf202.range), '100');
      assert.equal(tf202.range.start.line, b.firstLine + 1);
    });
  }

  it('quotes the note’s line numbers in messages (`after what it received on line N`)', () => {
    const note = '# x\n\n```tcpflow\n' + BAD + '\n```\n';
    const b = only(note);
    const d = analyze(b.text).diagnostics.find((x) => x.code === 'TF202')!;
    assert.equal(d.args.rcvLine, 1);
    assert.equal(toNoteDiagnostic(b, d).args.rcvLine, 4, 'line 4 of the note is the block’s first line');
  });

  it('a note position outside the content is in no block; a range is clipped to the content', () => {
    const note = 'x\n```tcpflow\nA -> B: SYN\nB -> A: RST\n```\ny\n';
    const b = only(note);
    for (const line of [0, 1, 4, 5]) assert.equal(blockAt([b], line), undefined, `line ${line}`);
    assert.equal(toBlockPosition(b, { line: 1, character: 3 }), undefined);
    assert.deepEqual(toBlockPosition(b, { line: 3, character: 99 }), { line: 1, character: 11 });
    assert.deepEqual(toBlockRange(b, { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } }), {
      start: { line: 0, character: 0 },
      end: { line: 1, character: 11 },
    });
    assert.equal(toBlockRange(b, { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }), undefined);
    // The core's "end of text" past the last line comes back to the end of the last content line.
    assert.deepEqual(toNotePosition(b, { line: 7, character: 0 }), { line: 3, character: 11 });
  });

  it('property: any note made of flows in blocks — every mapped diagnostic lies inside its block and covers the same text', () => {
    const fenceArb = fc.record({
      char: fc.constantFrom('`', '~'),
      extra: fc.nat(2),
      indent: fc.nat(3),
      info: fc.constantFrom('tcpflow', 'TCPFLOW', 'tcpflow title', 'TcpFlow  x=1'),
    });
    const blockArb = fc.record({ flow: fc.oneof(fc.constantFrom(...EXAMPLES, BAD, ''), fc.string({ maxLength: 60 })), fence: fenceArb, prose: fc.constantFrom('', 'text', '# h', '- item', '> quote') });
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n'), (parts, eol) => {
        const pieces: string[] = [];
        for (const p of parts) {
          const fence = ' '.repeat(p.fence.indent) + p.fence.char.repeat(3 + p.fence.extra);
          const body = p.flow.replace(/`{3,}|~{3,}|<!--/g, '').split(/\r\n|\r|\n/).map((l) => ' '.repeat(p.fence.indent) + l);
          pieces.push(p.prose, fence + p.fence.info, ...body, fence.trimStart());
        }
        const note = pieces.join(eol);
        const blocks = tcpflowBlocks(note);
        assert.equal(blocks.length, parts.length);
        for (const b of blocks) {
          const last = b.firstLine + b.lines.length - 1;
          for (const d of analyze(b.text).diagnostics) {
            const r = toNoteDiagnostic(b, d).range;
            if (b.lines.length === 0) continue;
            assert.ok(r.start.line >= b.firstLine && r.end.line <= last, `inside ${b.firstLine}..${last}: ${JSON.stringify(r)}`);
            assert.equal(slice(note, r), slice(b.text, d.range));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
