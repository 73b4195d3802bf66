// The chevrotain grammar itself (parser.ts, segmentParser.ts), checked by chevrotain's own
// validations: the parser that parses skips them to start faster (issue 13), so they run here.
// One token of lookahead must decide every alternative (with the GATEs the grammar gives): an
// ambiguity, an unreachable alternative or a left recursion added later fails this test.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { grammarErrors } from '../../server/src/core/syntax/parser';

describe('the line grammar', () => {
  it('passes every validation chevrotain has, at one token of lookahead', () => {
    assert.deepEqual(grammarErrors(), []);
  });
});
