// The Mermaid blocks after ```tcpflow blocks (server/src/core/markdown/sync.ts): the exact text
// written, in-place updates, idempotence (a second run changes nothing), byte preservation (all
// outside the marker blocks stays as it was) and the note's own line ends and indentation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { errorMarksOf } from '../../server/src/core/render/errorMarks';
import { renderMermaid } from '../../server/src/core/render/mermaid';
import { BEGIN_MARKER, END_MARKER, planMermaidSync, syncMermaidBlocks } from '../../server/src/core/markdown/sync';

const SYN = 'A -> B: SYN seq=100';
const HANDSHAKE = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301';

/** The Mermaid text the core renders for a flow, trimmed, as lines. */
const mermaid = (flow: string, lang: 'en' | 'ko' = 'en'): string[] => {
  const a = analyze(flow);
  return renderMermaid(a, { lang, marks: errorMarksOf(a) }).trimEnd().split('\n');
};
const markerBlock = (flow: string, eol = '\n', indent = ''): string =>
  [BEGIN_MARKER, '```mermaid', ...mermaid(flow), '```', END_MARKER].map((l) => indent + l + eol).join('');

/** The note with every marker block (begin line to end line, inclusive) cut out. */
const withoutMarkerBlocks = (text: string): string =>
  text.replace(/^ {0,3}<!-- tcpflow:mermaid:begin[^\n]*-->\r?\n[\s\S]*?^ {0,3}<!-- tcpflow:mermaid:end -->(\r?\n|$)/gm, '');

describe('markdown sync: writing the Mermaid blocks', () => {
  it('writes the marker block on the line after each closing fence, exactly', () => {
    const note = `# Handshake\n\n\`\`\`tcpflow\n${HANDSHAKE}\n\`\`\`\n\nProse.\n\n~~~tcpflow\n${SYN}\n~~~\n`;
    const out = syncMermaidBlocks(note);
    assert.equal(out.text, `# Handshake\n\n\`\`\`tcpflow\n${HANDSHAKE}\n\`\`\`\n${markerBlock(HANDSHAKE)}\nProse.\n\n~~~tcpflow\n${SYN}\n~~~\n${markerBlock(SYN)}`);
    assert.deepEqual([out.blocks, out.inserted, out.updated], [2, 2, 0]);
    assert.deepEqual(mermaid(HANDSHAKE).slice(0, 5), [
      'sequenceDiagram',
      '    accTitle: TCP flow between A and B',
      '    accDescr: A and B exchange 3 segments. Final states — A ESTABLISHED, B ESTABLISHED.',
      '    participant A as A',
      '    participant B as B',
    ]);
  });

  it('is idempotent: a second run plans nothing', () => {
    const note = `intro\n\`\`\`tcpflow\n${HANDSHAKE}\n\`\`\`\n\`\`\`tcpflow\n${SYN}\n\`\`\`\nend`;
    const once = syncMermaidBlocks(note).text;
    assert.deepEqual(planMermaidSync(once).edits, []);
    assert.equal(syncMermaidBlocks(once).text, once);
  });

  it('updates a stale marker block in place, and only what is between the markers', () => {
    const before = `# N\n\`\`\`tcpflow\n${SYN}\n\`\`\`\n\n<!--  tcpflow:mermaid:begin  -->\n\`\`\`mermaid\nsequenceDiagram\n    A->>B: old\n\`\`\`\n<!-- tcpflow:mermaid:end -->\ntail\n`;
    const out = syncMermaidBlocks(before);
    assert.deepEqual([out.inserted, out.updated], [0, 1]);
    // The blank line the author left and the marker spelled their way stay as they were.
    assert.equal(out.text, `# N\n\`\`\`tcpflow\n${SYN}\n\`\`\`\n\n<!--  tcpflow:mermaid:begin  -->\n\`\`\`mermaid\n${mermaid(SYN).join('\n')}\n\`\`\`\n<!-- tcpflow:mermaid:end -->\ntail\n`);
    assert.deepEqual(planMermaidSync(out.text).edits, []);
  });

  it('follows an edit of the flow: the block below changes, nothing else', () => {
    const v1 = syncMermaidBlocks(`\`\`\`tcpflow\n${SYN}\n\`\`\`\nafter\n`).text;
    const v2 = v1.replace(SYN, HANDSHAKE);
    const out = syncMermaidBlocks(v2);
    assert.equal(out.updated, 1);
    assert.equal(out.text, `\`\`\`tcpflow\n${HANDSHAKE}\n\`\`\`\n${markerBlock(HANDSHAKE)}after\n`);
  });

  it('keeps CRLF line ends, and CR', () => {
    for (const eol of ['\r\n', '\r']) {
      const note = ['# T', '```tcpflow', SYN, '```', 'after', ''].join(eol);
      const out = syncMermaidBlocks(note).text;
      assert.equal(out, ['# T', '```tcpflow', SYN, '```'].join(eol) + eol + markerBlock(SYN, eol) + 'after' + eol);
      assert.ok(!/(?<!\r)\n/.test(out) || eol === '\n', 'no bare LF');
      assert.equal(syncMermaidBlocks(out).text, out);
    }
  });

  it('a note ending on the closing fence keeps ending without a line end', () => {
    const out = syncMermaidBlocks(`x\r\n\`\`\`tcpflow\r\n${SYN}\r\n\`\`\``).text;
    assert.equal(out, `x\r\n\`\`\`tcpflow\r\n${SYN}\r\n\`\`\`\r\n` + markerBlock(SYN, '\r\n').replace(/\r\n$/, ''));
    assert.equal(syncMermaidBlocks(out).text, out);
  });

  it('indents the marker block as the fence is indented (a block inside a list item)', () => {
    const note = `1. Handshake:\n\n   \`\`\`tcpflow\n   ${SYN}\n   \`\`\`\n2. Next\n`;
    const out = syncMermaidBlocks(note).text;
    assert.equal(out, `1. Handshake:\n\n   \`\`\`tcpflow\n   ${SYN}\n   \`\`\`\n${markerBlock(SYN, '\n', '   ')}2. Next\n`);
    assert.equal(syncMermaidBlocks(out).text, out);
  });

  it('writes new blocks in the language asked for and marks it; an existing block keeps its language', () => {
    const flow = 'A -> B: SYN seq=1\nA -> B: SYN seq=1';
    const out = syncMermaidBlocks(`\`\`\`tcpflow\n${flow}\n\`\`\`\n`, { lang: 'ko' }).text;
    assert.ok(out.includes('<!-- tcpflow:mermaid:begin lang=ko -->\n'), out);
    assert.ok(out.includes('재전송'), 'Korean role marker');
    assert.deepEqual(planMermaidSync(out, { lang: 'en' }).edits, [], 'an English run leaves the Korean block alone');
    assert.deepEqual(mermaid(flow, 'ko'), out.split('\n').slice(6, -3));
  });

  it('leaves a fence that is never closed alone, and says so', () => {
    const note = `\`\`\`tcpflow\n${SYN}\n\`\`\`\nx\n\`\`\`tcpflow\n${SYN}\n`;
    const plan = planMermaidSync(note);
    assert.deepEqual([plan.blocks, plan.inserted, plan.unterminated], [2, 1, [4]]);
  });

  it('writes a block for an empty flow and for a flow with errors (marked ⚠)', () => {
    const out = syncMermaidBlocks('```tcpflow\n```\n```tcpflow\nA -> B: SYN seq=1\nB -> A: SYN,ACK seq=5 ack=1\n```\n').text;
    assert.ok(out.startsWith(`\`\`\`tcpflow\n\`\`\`\n${BEGIN_MARKER}\n\`\`\`mermaid\nsequenceDiagram\n    accTitle: TCP flow\n    accDescr: No segments.\n\`\`\`\n${END_MARKER}\n`), out);
    assert.match(out, /B->>A: ⚠ SYN,ACK seq=5 ack=1 ✗ 2$/m);
  });

  it('a begin marker without its end is not filled: a fresh block goes before it', () => {
    const note = `\`\`\`tcpflow\n${SYN}\n\`\`\`\n${BEGIN_MARKER}\nstray\n`;
    const out = syncMermaidBlocks(note).text;
    assert.equal(out, `\`\`\`tcpflow\n${SYN}\n\`\`\`\n${markerBlock(SYN)}${BEGIN_MARKER}\nstray\n`);
    assert.equal(syncMermaidBlocks(out).text, out);
  });

  it('another fence, a comment or text before the markers means there is no marker block yet', () => {
    const note = `\`\`\`tcpflow\n${SYN}\n\`\`\`\ntext\n${markerBlock(SYN)}`;
    const out = syncMermaidBlocks(note);
    assert.equal(out.inserted, 1);
    assert.equal(out.text, `\`\`\`tcpflow\n${SYN}\n\`\`\`\n${markerBlock(SYN)}text\n${markerBlock(SYN)}`);
  });

  it('property: only insertions into a fresh note, only the lines between markers later; a second run changes nothing', () => {
    const pieceArb = fc.oneof(
      fc.constantFrom('# Title', '', 'Prose with `code` and <!-- a comment -->', '- list', '```js\nlet x = 1;\n```', '~~~\nplain\n~~~', '> quote'),
      fc.record({ flow: fc.constantFrom(SYN, HANDSHAKE, '', 'A -> B: FIN', 'bad line'), fence: fc.constantFrom('```', '~~~', '````', '  ```'), info: fc.constantFrom('tcpflow', 'TCPFLOW x') }).map(
        (b) => `${b.fence}${b.info}\n${b.flow}\n${b.fence.trimStart()}`,
      ),
    );
    fc.assert(
      fc.property(fc.array(pieceArb, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (pieces, eol, finalEol) => {
        const note = pieces.join('\n').replace(/\n/g, eol) + (finalEol ? eol : '');
        const first = planMermaidSync(note);
        // A fresh note only gets text inserted: taking the insertions out gives back every byte.
        let rebuilt = '';
        let at = 0;
        for (const e of first.edits) {
          assert.equal(e.start, e.end, 'an insertion');
          rebuilt += note.slice(at, e.start);
          at = e.end;
        }
        assert.equal(rebuilt + note.slice(at), note);
        const once = syncMermaidBlocks(note).text;
        assert.equal(syncMermaidBlocks(once).text, once, 'idempotent');
        assert.equal(withoutMarkerBlocks(once).replace(/\r?\n$/, ''), note.replace(/\r?\n$/, ''), 'the marker blocks are all that was added');
        if (eol === '\r\n') assert.ok(!/(?<!\r)\n/.test(once), 'CRLF kept everywhere');
        // Every flow edited: each edit now replaces only lines between a begin and an end marker.
        const edited = once.replace(/A -> B: SYN seq=100/g, 'A -> B: SYN seq=7');
        for (const e of planMermaidSync(edited).edits) {
          assert.match(edited.slice(0, e.start), /<!-- tcpflow:mermaid:begin -->\r?\n$/);
          assert.match(edited.slice(e.end), /^ {0,3}<!-- tcpflow:mermaid:end -->/);
        }
        const twice = syncMermaidBlocks(edited).text;
        assert.equal(withoutMarkerBlocks(twice), withoutMarkerBlocks(edited), 'outside the marker blocks nothing changed');
        assert.deepEqual(planMermaidSync(twice).edits, []);
      }),
      { numRuns: 200 },
    );
  });
});
