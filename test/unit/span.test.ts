// The tree's ranges (syntax/span.ts LineRange): two columns packed in one small integer, a range
// with a column past 2^15 kept apart; either reads its line from the line's position, so a moved
// line's ranges move with it, and serialises to the plain LSP shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LineRange, plainRange } from '../../server/src/core/syntax/span';

describe('LineRange', () => {
  const cases: [string, number, number][] = [
    ['empty, at the line start', 0, 0],
    ['narrow', 7, 12],
    ['the last narrow columns', 32_766, 32_767],
    ['ending past 2^15', 32_000, 32_768],
    ['wide', 40_000, 1_000_000],
  ];
  for (const [what, from, to] of cases) {
    it(`${what}: [${from}, ${to}) reads back, follows its line and serialises plain`, () => {
      const at = { line: 3 };
      const r = LineRange.of(at, from, to);
      assert.deepEqual(plainRange(r), { start: { line: 3, character: from }, end: { line: 3, character: to } });
      at.line = 9;
      assert.equal(JSON.stringify(r), JSON.stringify({ start: { line: 9, character: from }, end: { line: 9, character: to } }));
    });
  }
});
