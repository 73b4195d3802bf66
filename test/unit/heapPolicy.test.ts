// The language server bounds its heap's growth between full collections only when many lines are
// open (server/src/lsp/heapPolicy.ts): a study note pays nothing, a 100,000-line capture stays
// within its memory target. What it does to the peak is measured by `npm run bench:lsp`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GROWING_PERCENT, LARGE_OPEN_LINES, growingPercentFor } from '../../server/src/lsp/heapPolicy';

describe('language server heap policy', () => {
  it('leaves V8 its own growth below 50,000 open lines, and bounds it to 30% from there', () => {
    assert.equal(LARGE_OPEN_LINES, 50_000);
    assert.equal(GROWING_PERCENT, 30);
    assert.deepEqual([0, 1_000, 49_999, 50_000, 100_000, 5_000_000].map(growingPercentFor), [0, 0, 0, 30, 30, 30]);
  });
});
