// The document budget (server/src/core/limits.ts): the first 100,000 lines or 5,000,000
// characters are analysed, cut at a line end, and the cut says what was left out.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DOCUMENT_BUDGET, withinBudget } from '../../server/src/core/limits';

const SMALL = { lines: 3, chars: 20 };

describe('the document budget', () => {
  it('is 100,000 lines or 5,000,000 characters', () => {
    assert.deepEqual(DOCUMENT_BUDGET, { lines: 100_000, chars: 5_000_000 });
  });

  it('leaves a document within it whole', () => {
    for (const text of ['', 'a', 'a\nb\nc', 'a\nb\nc\n', 'a\r\nb\r\nc\r\n', 'x'.repeat(20)]) assert.deepEqual(withinBudget(text, SMALL), { text });
  });

  it('cuts after the last line it allows, at its line end', () => {
    assert.deepEqual(withinBudget('a\nb\nc\nd\ne\n', SMALL), {
      text: 'a\nb\nc\n',
      cut: { checkedLines: 3, totalLines: 5, checkedChars: 6, totalChars: 10, reason: 'lines' },
    });
    assert.equal(withinBudget('a\r\nb\rc\r\nd', SMALL).text, 'a\r\nb\rc\r\n');
  });

  it('cuts at the last line end within the size, or inside a line alone over it (never inside a surrogate pair)', () => {
    assert.deepEqual(withinBudget('0123456789\n0123456789\n', SMALL), {
      text: '0123456789\n',
      cut: { checkedLines: 1, totalLines: 2, checkedChars: 11, totalChars: 22, reason: 'chars' },
    });
    assert.equal(withinBudget('x'.repeat(25), SMALL).text, 'x'.repeat(20));
    assert.equal(withinBudget('x'.repeat(19) + '😀' + 'x', SMALL).text, 'x'.repeat(19));
  });

  it('property: the part analysed is a prefix within both bounds, and a cut says how much was left out', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '\n', '\r', '가', '😀'), maxLength: 60 });
    fc.assert(
      fc.property(text, (t) => {
        const { text: part, cut } = withinBudget(t, SMALL);
        assert.ok(t.startsWith(part));
        assert.ok(part.length <= SMALL.chars || part === t);
        if (!cut) return assert.equal(part, t);
        assert.ok(part.length < t.length && cut.checkedLines <= SMALL.lines && cut.totalLines >= cut.checkedLines);
        assert.deepEqual([cut.checkedChars, cut.totalChars], [part.length, t.length]);
      }),
      { numRuns: 2000 },
    );
  });
});
