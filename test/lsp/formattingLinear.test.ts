// Formatting takes time linear in the document (issue 16): a long line of joined flags took 13.6 s
// at 100 KB (every pair of tokens looked through every column span kept as written), and a `par`
// block of 100,000 `and` lines 31.5 s (every line looked through the list of `and` lines). The
// formatter runs in process here, on the analysis the server gives it; the bound is on the ratio
// of the times for ten times the input (linear ≈ 10, quadratic ≈ 100), not on a time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDocument } from '../../server/src/lsp/features/formatting';
import { analyzeDocument } from '../../server/src/lsp/document';
import { assertLinear } from '../unit/linearity';

const OPTIONS = { tabSize: 2, insertSpaces: true };
const analysed = (text: string) => analyzeDocument('file:///f.tcpflow', 1, text, 'en');
const format = (text: string) => formatDocument(analysed(text), OPTIONS);
/** Times the formatting alone: the document is analysed before. */
const linear = (what: string, make: (size: number) => string, size: number) =>
  assertLinear(what, (n) => analysed(make(n)), (doc) => formatDocument(doc, OPTIONS), size);

/** `A->B:SYN,SYN,…,ACK ack=1` with `flags` flags: every flag and comma kept as written, the rest spaced. */
const joinedFlags = (flags: number) => `A->B:${'SYN,'.repeat(flags - 1)}ACK ack=1`;
/** A par block with `branches` branches, none indented. */
const manyBranches = (branches: number) => `par\n${'A -> B: ACK seq=1 ack=1\nand\n'.repeat(branches - 1)}A -> B: ACK seq=1 ack=1\nend\n`;
/** A par block of `ands` empty branches after the first: its lines cost nothing to format but the look-up of `and` lines. */
const manyAnds = (ands: number) => `par\nA -> B: ACK seq=1 ack=1\n${'and\n'.repeat(ands)}end\n`;
/** Unknown fields, each with its raw value (`k1=a:b`): each finds its `=` among the line's tokens. */
const unknownFields = (fields: number) => `A -> B: ACK ${Array.from({ length: fields }, (_, i) => `k${i} = a:b`).join(' ')}`;

describe('formatting is linear', () => {
  it('formats a line of joined flags as it should', () => {
    assert.deepEqual(format(joinedFlags(3)), [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 22 } }, newText: 'A -> B: SYN,SYN,ACK ack=1' }]);
  });

  it('a line of joined flags: linear in its length', () => {
    // 249 to 2,490 flags: the longest such line under the line limit (limits.ts MAX_LINE_CHARS).
    linear('formatting a line of joined flags', joinedFlags, 249);
  });

  it('indents every branch of a par block as it should', () => {
    const edits = format(manyBranches(3));
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.newText]),
      [1, 3, 5].map((l) => [l, '  A -> B: ACK seq=1 ack=1']),
    );
  });

  it('a par block with many branches: linear in their number', () => {
    linear('formatting a par block of many branches', manyAnds, 5_000);
  });

  it('unknown fields with raw values: linear in their number', () => {
    assert.equal(format(unknownFields(2))[0].newText, 'A -> B: ACK k0=a:b k1=a:b');
    linear('formatting a line of unknown fields', unknownFields, 90);
  });
});
