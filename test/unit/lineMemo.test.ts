// Incremental parsing (lineMemo.ts) must give exactly what a fresh parse gives, whatever the edit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from '../../server/src/core/syntax/parse';
import { LineMemo } from '../../server/src/core/syntax/lineMemo';
import { plainTree } from './parser-helpers';
import { apply, edit } from './randomEdits';

const dir = join(__dirname, '..', '..', 'examples');
const EXAMPLES = readdirSync(dir)
  .filter((f) => f.endsWith('.tcpflow'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));

describe('incremental parsing (LineMemo)', () => {
  it('after any sequence of edits, reusing the memo gives exactly what a fresh parse gives', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES), fc.array(edit, { minLength: 1, maxLength: 12 }), (start, edits) => {
        const memo = new LineMemo();
        let text = start;
        parse(text, memo);
        for (const e of edits) {
          text = apply(text, e);
          // Compared as plain data: a memo's ranges read their line from its entries, a fresh parse's from their own positions.
          assert.deepEqual(plainTree(parse(text, memo)), plainTree(parse(text)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reuses the built statements of unchanged lines and rebuilds the changed one', () => {
    const memo = new LineMemo();
    const text = 'A -> B: SYN seq=1\nB -> A: SYN,ACK seq=9 ack=2\n';
    const first = parse(text, memo);
    const second = parse(text.replace('seq=1', 'seq=1 '), memo);
    assert.notEqual(second.doc.statements[0], first.doc.statements[0]);
    assert.equal(second.doc.statements[1], first.doc.statements[1]);
  });
});
