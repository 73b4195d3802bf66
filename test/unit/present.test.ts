// The one step that applies the user's severities (server/src/core/present.ts), and what it
// decides in the previews: the error marks on the arrows, the banner, the Markdown preview's list.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderTcpflowFence } from '../../client/src/markdown/markdownIt';
import { payloadOf } from '../../client/src/preview/payload';
import { analyze } from '../../server/src/core/analyze';
import { ui } from '../../server/src/core/i18n';
import { NO_OVERRIDES, present, severityOverrides } from '../../server/src/core/present';

// Line 3 lacks its ACK flag (TF204, a warning by default).
const FLOW = 'A -> B: SYN seq=1\nB -> A: SYN,ACK seq=9 ack=2\nA -> B: FIN seq=2\n';

describe('present: the user’s severities', () => {
  it('the setting gives TF204 its severity, and nothing else changes', () => {
    const a = analyze(FLOW);
    assert.deepEqual(a.diagnostics.map((d) => [d.code, d.severity]), [['TF204', 'warning']]);
    const shown = present(a, severityOverrides({ missingAckSeverity: 'error' }));
    assert.deepEqual(shown.diagnostics.map((d) => [d.code, d.severity]), [['TF204', 'error']]);
    assert.equal(a.diagnostics[0].severity, 'warning', 'the analysis itself is not changed');
    assert.equal(present(a, NO_OVERRIDES), a);
    assert.equal(present(a, severityOverrides({ missingAckSeverity: 'warning' })), a);
  });

  it('the preview marks the arrow and counts the error in its banner when TF204 is an error', () => {
    const a = analyze(FLOW);
    const plain = payloadOf(a, FLOW);
    assert.deepEqual([plain.diagram.slices[0].errorArrows, plain.errors], [undefined, undefined]);
    const strict = payloadOf(a, FLOW, { severities: () => ({ TF204: 'error' }) });
    assert.deepEqual(strict.diagram.slices[0].errorArrows, [2]);
    assert.match(strict.diagram.slices.map((x) => x.body).join('\n'), /A->>B: ⚠ FIN,ACK/);
    assert.equal(strict.errors?.count, 1);
    assert.match(strict.errors!.text, /^1 error — line 3: A's FIN has no ACK flag/);
    const ko = payloadOf(a, FLOW, { lang: 'ko', severities: () => ({ TF204: 'error' }) });
    assert.match(ko.errors!.text, /^오류 1개 — 3번 줄: /);
  });

  it('the Markdown preview lists TF204 with the severity the user gave it', () => {
    assert.match(renderTcpflowFence(FLOW, { firstLine: 4 }), /Line 7, warning TF204: /);
    assert.match(renderTcpflowFence(FLOW, { firstLine: 4, severities: { TF204: 'information' } }), /^(?![\s\S]*TF204)/);
    assert.match(renderTcpflowFence(FLOW, { firstLine: 4, severities: { TF204: 'error' } }), /<li class="tcpflow-problem tcpflow-error">Line 7, error TF204: /);
  });

  it('banner texts come from the catalogue, one or several errors, in both languages', () => {
    assert.equal(ui('en').preview.errors(3, 7, 'm'), '3 errors — first: line 7: m');
    assert.equal(ui('ko').preview.errors(1, 2, 'm'), '오류 1개 — 2번 줄: m');
  });
});
