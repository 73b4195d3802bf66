// Long lines in the editor's features (issue 15 point 1): up to the line limit (limits.ts
// MAX_LINE_CHARS) completion takes time linear in the line (the ratio of the times for ten times
// the line, not a time); past it the line is one TF110 token, and every feature answers on it
// without reading it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_LINE_CHARS } from '../../server/src/core/limits';
import { analyzeDocument, DEFAULT_SETTINGS } from '../../server/src/lsp/document';
import { completion } from '../../server/src/lsp/features/completion';
import { formatDocument } from '../../server/src/lsp/features/formatting';
import { hover } from '../../server/src/lsp/features/hover';
import { inlayHints } from '../../server/src/lsp/features/inlayHints';
import { definition } from '../../server/src/lsp/features/navigation';
import { semanticTokens } from '../../server/src/lsp/features/tokenState';
import { assertLinear } from '../unit/linearity';

const analysed = (line: string) => ({ doc: analyzeDocument('file:///long.tcpflow', 1, line, 'en'), end: { line: 0, character: line.length } });
const completeAtEnd = ({ doc, end }: ReturnType<typeof analysed>) => completion(doc, end);

describe('long lines in the editor', () => {
  it('completion at the end of a line of unknown fields: linear in their number', () => {
    assertLinear('completion after unknown fields', (n) => analysed(`A -> B: ACK ${Array.from({ length: n }, (_, i) => `k${i}=1`).join(' ')}`), completeAtEnd, 90);
  });

  it('completion at the end of a line of joined flags: linear in their number', () => {
    assertLinear('completion after joined flags', (n) => analysed(`A -> B: ${'SYN,'.repeat(n)}`), completeAtEnd, 249);
  });

  it('a line past the limit: TF110 only; hover, definition, hints, tokens and formatting leave it alone', () => {
    const line = `A -> B: ${'SYN,'.repeat(MAX_LINE_CHARS / 4)}ACK`;
    const { doc, end } = analysed(line);
    assert.deepEqual(doc.analysis.diagnostics.map((d) => d.code), ['TF110']);
    const middle = { line: 0, character: 9 };
    assert.equal(hover(doc, middle), null);
    assert.equal(definition(doc, middle), null);
    assert.deepEqual(inlayHints(doc, { start: { line: 0, character: 0 }, end }, DEFAULT_SETTINGS), []);
    assert.deepEqual(semanticTokens(doc).data, []);
    assert.deepEqual(formatDocument(doc, { tabSize: 2, insertSpaces: true }), []);
  });
});
