// The Mermaid blocks after ```tcpflow blocks (server/src/core/markdown/sync.ts): the exact text
// written, in-place updates, idempotence (a second run changes nothing), byte preservation (all
// outside the marker blocks stays as it was) and the note's own line ends and indentation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { errorMarksOf } from '../../server/src/core/render/errorMarks';
import { renderMermaid } from '../../server/src/core/render/mermaid';
import { tcpflowBlocks } from '../../server/src/core/markdown/blocks';
import { BEGIN_MARKER, END_MARKER, beginMarker, planMermaidSync, syncMermaidBlocks } from '../../server/src/core/markdown/sync';

const SYN = 'A -> B: SYN seq=100';
const HANDSHAKE = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301';

/** The Mermaid text the core renders for a flow, trimmed, as lines. */
const mermaid = (flow: string, lang: 'en' | 'ko' = 'en'): string[] => {
  const a = analyze(flow);
  return renderMermaid(a, { lang, marks: errorMarksOf(a) }).trimEnd().split('\n');
};
/** What sync writes between the markers for a flow. */
const fenced = (flow: string, lang: 'en' | 'ko' = 'en'): string[] => ['```mermaid', ...mermaid(flow, lang), '```'];
const markerBlock = (flow: string, eol = '\n', indent = ''): string =>
  [beginMarker('en', fenced(flow)), ...fenced(flow), END_MARKER].map((l) => indent + l + eol).join('');

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

  it('updates a stale marker block in place: the begin marker gets the new fingerprint, the rest is the new diagram', () => {
    // A marker written before fingerprints: one ```mermaid block between the markers is sync's own text.
    const before = `# N\n\`\`\`tcpflow\n${SYN}\n\`\`\`\n\n<!--  tcpflow:mermaid:begin  -->\n\`\`\`mermaid\nsequenceDiagram\n    A->>B: old\n\`\`\`\n<!-- tcpflow:mermaid:end -->\ntail\n`;
    const out = syncMermaidBlocks(before);
    assert.deepEqual([out.inserted, out.updated, out.handEdited], [0, 1, []]);
    // The blank line the author left stays as it was.
    assert.equal(out.text, `# N\n\`\`\`tcpflow\n${SYN}\n\`\`\`\n\n${markerBlock(SYN)}tail\n`);
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
    assert.ok(out.includes(`${beginMarker('ko', fenced(flow, 'ko'))}\n`), out);
    assert.match(beginMarker('ko', fenced(flow, 'ko')), /^<!-- tcpflow:mermaid:begin lang=ko hash=[0-9a-f]{8} -->$/);
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
    assert.ok(out.startsWith(`\`\`\`tcpflow\n\`\`\`\n${markerBlock('')}`), out);
    assert.deepEqual(fenced(''), ['```mermaid', 'sequenceDiagram', '    accTitle: TCP flow', '    accDescr: No segments.', '```']);
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
          assert.match(edited.slice(e.start), /^ {0,3}<!-- tcpflow:mermaid:begin hash=[0-9a-f]{8} -->\r?\n/);
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

describe('markdown sync: markers count only outside code, hand edits are kept unless asked', () => {
  const TCPFLOW = `\`\`\`tcpflow\n${SYN}\n\`\`\``;

  it('an end marker shown inside a ~~~text block is not the end of a marker block (issue 16)', () => {
    // Before: the ~~~text line and the block's first lines were replaced, and the leftover ~~~ swallowed the rest.
    const shown = `${BEGIN_MARKER}\n~~~text\n${END_MARKER}\n~~~\nLast paragraph.\n`;
    const note = `${TCPFLOW}\n${shown}`;
    const out = syncMermaidBlocks(note);
    assert.deepEqual([out.inserted, out.updated], [1, 0]);
    assert.equal(out.text, `${TCPFLOW}\n${markerBlock(SYN)}${shown}`);
    assert.equal(syncMermaidBlocks(out.text).text, out.text);
  });

  it('an end marker inside an unclosed fence between the markers does not let a later block be swallowed', () => {
    const note = `${TCPFLOW}\n${BEGIN_MARKER}\n\`\`\`\n${END_MARKER}\n\`\`\`\n${TCPFLOW}\n`;
    const out = syncMermaidBlocks(note).text;
    assert.deepEqual(tcpflowBlocks(out).map((b) => b.text), [SYN, SYN]);
    assert.equal(out, `${TCPFLOW}\n${markerBlock(SYN)}${BEGIN_MARKER}\n\`\`\`\n${END_MARKER}\n\`\`\`\n${TCPFLOW}\n${markerBlock(SYN)}`);
  });

  it('markers inside an HTML comment begun above are only shown', () => {
    const note = `${TCPFLOW}\n${BEGIN_MARKER}\n<!--\n${END_MARKER}\nprose\n`;
    assert.equal(syncMermaidBlocks(note).text, `${TCPFLOW}\n${markerBlock(SYN)}${BEGIN_MARKER}\n<!--\n${END_MARKER}\nprose\n`);
  });

  it('text written by hand between the markers is left as it is and listed, unless replacing is asked for', () => {
    const handWritten = `${BEGIN_MARKER}\nMy own explanation.\n\`\`\`mermaid\nsequenceDiagram\n\`\`\`\n${END_MARKER}\n`;
    const note = `${TCPFLOW}\n${handWritten}after\n`;
    const kept = syncMermaidBlocks(note);
    assert.equal(kept.text, note);
    assert.deepEqual([kept.updated, kept.handEdited], [0, [{ line: 3, replaced: false }]]);
    const replaced = syncMermaidBlocks(note, { replaceHandEdited: true });
    assert.equal(replaced.text, `${TCPFLOW}\n${markerBlock(SYN)}after\n`);
    assert.deepEqual([replaced.updated, replaced.handEdited], [1, [{ line: 3, replaced: true }]]);
    assert.deepEqual(syncMermaidBlocks(replaced.text).handEdited, []);
  });

  it('a hand edit of the diagram sync wrote is noticed by its fingerprint; a changed flow is not a hand edit', () => {
    const synced = syncMermaidBlocks(`${TCPFLOW}\n`).text;
    const tweaked = synced.replace('A->>B: SYN', 'A->>B: my label');
    assert.deepEqual(planMermaidSync(tweaked).handEdited, [{ line: 3, replaced: false }]);
    assert.deepEqual(planMermaidSync(tweaked).edits, []);
    // The flow edited instead: the old diagram is sync's own, so it is replaced without a word.
    const flowChanged = synced.replace(`${SYN}\n`, `${HANDSHAKE}\n`);
    const plan = planMermaidSync(flowChanged);
    assert.deepEqual([plan.updated, plan.handEdited], [1, []]);
    // A hand edit that happens to equal what sync would write now needs nothing.
    const handMadeRight = synced.replace(/hash=[0-9a-f]{8}/, 'hash=00000000');
    assert.deepEqual(planMermaidSync(handMadeRight), { ...planMermaidSync(synced), handEdited: [] });
  });

  it('property: one run settles any note, and never adds, loses or changes a ```tcpflow block', () => {
    const line = fc.constantFrom(
      '```tcpflow', '~~~tcpflow', '````tcpflow', '```', '~~~', '````', '~~~text', '```mermaid', '  ```tcpflow', '   ~~~', '\t```', '    ```',
      BEGIN_MARKER, '<!-- tcpflow:mermaid:begin lang=ko -->', '<!-- tcpflow:mermaid:begin hash=00000000 -->', END_MARKER, ` ${END_MARKER}`,
      '<!--', '-->', '<!-- c -->', 'x <!-- y', '', '   ', SYN, 'A -> B: SYN seq=1', 'prose', '- item',
    );
    const piece = fc.constantFrom(TCPFLOW, `~~~tcpflow\n${HANDSHAKE}\n~~~`, '```tcpflow\n```', '```mermaid\nsequenceDiagram\n```');
    const blocksOf = (t: string) => tcpflowBlocks(t).map((b) => [b.text, b.closeLine === undefined]);
    fc.assert(
      fc.property(fc.array(fc.oneof(line, piece), { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean(), (parts, eol, finalEol, replaceHandEdited) => {
        const note = parts.join(eol) + (finalEol ? eol : '');
        const once = syncMermaidBlocks(note, { replaceHandEdited }).text;
        assert.deepEqual(planMermaidSync(once, { replaceHandEdited }).edits, [], 'settled in one run');
        assert.deepEqual(blocksOf(once), blocksOf(note), 'the ```tcpflow blocks are as they were');
      }),
      {
        numRuns: 3000,
        examples: [
          // Found by the fuzzer shape (each failed before markers were read outside code only).
          [['```tcpflow', '```', BEGIN_MARKER, '', '~~~', END_MARKER, TCPFLOW, '  ```tcpflow', ''], '\n', false, false],
          [['-->', '```tcpflow', '```', BEGIN_MARKER, '```mermaid', END_MARKER, `~~~tcpflow\n${SYN}\n~~~`, '-->', '\t```'], '\r', false, false],
        ],
      },
    );
  });
});

