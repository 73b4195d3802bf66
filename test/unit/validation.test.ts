// The checks over the whole tree (syntax/validate.ts: TF104, TF106, TF108). The statements they
// report stay in the tree, complete for the editor, and the flow leaves them out: the trace, the
// participants and the diagram are those of the document without them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ParBlock } from '../../server/src/core/syntax/ast';
import { renderMermaid } from '../../server/src/core/render/mermaid';
import { expectDiagnostics, flow, run, traceLines } from './helpers';

const HANDSHAKE = 'A -> B: SYN seq=1\nB -> A: SYN,ACK seq=9 ack=2\nA -> B: ACK seq=2 ack=10\n';

describe('validation: reported, kept in the tree, left out of the flow', () => {
  it('TF104: the first declaration is the one that counts', () => {
    const src = flow`
      participant A as "first" (LISTEN)
      participant ⟦A⟧ as "second" (CLOSED)
      B -> A: SYN seq=1
    `;
    expectDiagnostics(src, 'TF104');
    const a = run(src.replace(/[⟦⟧]/g, ''));
    assert.deepEqual(a.doc.statements.map((s) => s.kind), ['participant', 'participant', 'message']);
    assert.deepEqual(a.participants.map((p) => [p.name, p.label, p.initial, p.declaration?.line]), [['A', 'first', 'LISTEN', 0], ['B', undefined, 'CLOSED', undefined]]);
  });

  it('TF108: a message to oneself is no event; the lines after it are checked as without it', () => {
    const src = `A -> B: SYN seq=1\nB -> ⟦B⟧: FIN seq=7\nB -> A: SYN,ACK seq=9 ack=2\nA -> B: ACK seq=2 ack=10\n`;
    expectDiagnostics(src, 'TF108');
    const text = src.replace(/[⟦⟧]/g, '');
    const a = run(text);
    assert.equal(a.doc.statements.length, 4);
    assert.deepEqual(traceLines(a), traceLines(run(HANDSHAKE)).map((l) => l.replace(/^(\w+) ([23]):/, (_, e, n) => `${e} ${Number(n) + 1}:`)));
    assert.equal(renderMermaid(a), renderMermaid(run(HANDSHAKE)));
  });

  it('TF108 inside a par block: no event either', () => {
    const src = flow`
      par
        A -> B: SYN seq=1
      and
        A -> ⟦A⟧: SYN seq=5
      end
    `;
    expectDiagnostics(src, 'TF108');
    const a = run(src.replace(/[⟦⟧]/g, ''));
    assert.deepEqual((a.doc.statements[0] as ParBlock).branches.map((b) => b.length), [1, 1]);
    assert.deepEqual(traceLines(a), ['send 2: A=SYN_SENT B=LISTEN', 'deliver 2: A=SYN_SENT B=SYN_RECEIVED']);
  });

  it('TF106: a statement a par block cannot hold is kept apart and does not happen', () => {
    const src = flow`
      A -> B: FIN,ACK seq=1 ack=1
      B -> A: ACK seq=1 ack=2
      B -> A: FIN,ACK seq=1 ack=2
      par
        A -> B: ACK seq=2 ack=2
        ⟦wait⟧ 2MSL
      end
    `;
    expectDiagnostics(src, 'TF106');
    const a = run(src.replace(/[⟦⟧]/g, ''));
    assert.deepEqual((a.doc.statements[3] as ParBlock).misplaced.map((s) => s.kind), ['wait']);
    // Without the wait, A stays in TIME_WAIT.
    assert.equal(a.finalStates.A, 'TIME_WAIT');
    assert.ok(!a.steps.some((s) => s.event === 'wait'));
  });
});
