// Step mode on the host (client/src/preview/stepDetail.ts, stepMode.ts): which arrow and which
// line each step is, what each endpoint's TCB was before and after it, and the cursor and the
// step kept together both ways without ever jumping back.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { diagramPayload, PreviewMemory } from '../../client/src/preview/payload';
import type { StepMessage } from '../../client/src/preview/protocol';
import { QUEUE_SHOWN, StepIndex } from '../../client/src/preview/stepDetail';
import { StepMode } from '../../client/src/preview/stepMode';
import { analyze } from '../../server/src/core/analyze';
import { errorMarksOf } from '../../server/src/core/render/errorMarks';

const example = (name: string): string => readFileSync(`examples/${name}`, 'utf8');
const index = (text: string): StepIndex => {
  const a = analyze(text);
  return new StepIndex(a, errorMarksOf(a), 'en');
};

describe('StepIndex: one step at a time', () => {
  const steps = index(example('data-loss-out-of-order.tcpflow'));

  it('a step is its message’s arrow; a wait has none', () => {
    const shown = steps.analysis.steps.map((_, i) => steps.detail(i)!);
    assert.deepEqual(
      shown.map((d) => [d.line + 1, d.event, d.arrow]),
      [
        [3, 'send', 0], [3, 'deliver', 0], [4, 'send', 1], [4, 'deliver', 1], [5, 'send', 2], [5, 'deliver', 2],
        [6, 'send', 3], [6, 'lose', 3], [7, 'send', 4], [7, 'deliver', 4], [8, 'send', 5], [8, 'deliver', 5],
        [9, 'wait', undefined], [10, 'send', 6], [10, 'deliver', 6], [11, 'send', 7], [11, 'deliver', 7],
      ],
    );
    assert.deepEqual([steps.stepOfArrow(6), steps.stepOfArrow(8)], [13, undefined]);
  });

  it('a line’s step is its first; a line without one stands for the step before it', () => {
    assert.deepEqual([0, 1, 2, 5, 8, 9, 10, 40].map((l) => steps.stepForLine(l)), [0, 0, 0, 6, 12, 13, 15, 16]);
  });

  it('the out-of-order segment: it waits at B, RCV.NXT stays; the retransmission fills the gap', () => {
    const out = steps.detail(9)!; // A's PSH,ACK seq=101 delivered ahead of the lost one
    assert.equal(out.text, 'A → B: PSH,ACK seq=101 ack=1 len=100');
    const b = out.endpoints.find((e) => e.name === 'B')!;
    assert.deepEqual([b.before.rcvNxt, b.after.rcvNxt, b.after.outOfOrder], [1, 1, [{ seq: 101, len: 100, fin: false, line: 6 }]]);
    assert.deepEqual(b.changed, ['outOfOrder']);
    const filled = steps.detail(14)!.endpoints.find((e) => e.name === 'B')!;
    assert.deepEqual([filled.before.rcvNxt, filled.after.rcvNxt, filled.after.outOfOrder], [1, 201, []]);
    assert.deepEqual(filled.changed, ['rcvNxt', 'outOfOrder']);
  });

  it('a transition, and the CLOSED Figure 5 draws at its bottom after LAST_ACK', () => {
    const close = index(example('four-way-close.tcpflow'));
    const last = close.detail(7)!; // B receives A's last ACK: LAST_ACK → CLOSED
    const b = last.endpoints.find((e) => e.name === 'B')!;
    assert.deepEqual([b.transition, b.closedAtEnd, b.label], [{ from: 'LAST_ACK', to: 'CLOSED' }, true, 'Server']);
    const wait = close.detail(8)!;
    assert.deepEqual([wait.event, wait.text, wait.endpoints.map((e) => [e.name, e.transition?.to])], ['wait', 'wait 2MSL', [['A', 'CLOSED']]]);
  });

  it('a wrong assertion and an error on the step’s line are said', () => {
    const s = index(example('korean-study-note.tcpflow'));
    const d = s.detail(s.stepForLine(9))!;
    assert.equal(d.endpoints.find((e) => e.name === '클라이언트')?.asserted, 'FIN_WAIT_1');
    assert.match(d.error ?? '', /^클라이언트 is ESTABLISHED here, not FIN_WAIT_1/);
  });

  it('a long queue is cut to QUEUE_SHOWN and the rest counted', () => {
    const lost = Array.from({ length: 12 }, (_, i) => `A -x B: PSH,ACK seq=${101 + i * 10} ack=301 len=10`).join('\n');
    const s = index(`A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\n${lost}\n`);
    const a = s.detail(s.count - 2)!.endpoints.find((e) => e.name === 'A')!; // the 12th sent
    assert.equal(a.after.unacked.length, QUEUE_SHOWN);
    assert.deepEqual(a.more, { before: [11 - QUEUE_SHOWN, 0], after: [12 - QUEUE_SHOWN, 0] });
  });
});

describe('StepMode: cursor and step, both ways', () => {
  function setup(text: string) {
    const memory = new PreviewMemory();
    diagramPayload(text, {}, memory);
    const posted: StepMessage[] = [];
    const editor = { line: null as number | null, selected: [] as number[] };
    const mode = new StepMode({
      steps: () => memory.steps(),
      seq: () => 1,
      post: (m) => posted.push(m),
      select: (line) => {
        if (editor.line === line) return false;
        editor.selected.push((editor.line = line));
        return true;
      },
    });
    return { memory, posted, editor, mode, shown: () => posted.map((m) => m.detail?.index) };
  }

  it('opens at the cursor’s step and follows the cursor; closed, it sends nothing', () => {
    const { mode, shown } = setup(example('three-way-handshake.tcpflow'));
    mode.cursor(6);
    assert.deepEqual(shown(), []);
    mode.toggle(true, 6); // line 7: the SYN,ACK
    mode.cursor(7);
    mode.cursor(7); // the same line again: the step stays, nothing is sent
    assert.deepEqual(shown(), [2, 4]);
  });

  it('a step asked for selects its line; that selection coming back moves nothing, even after a faster next step', () => {
    const { mode, posted, editor, shown } = setup(example('three-way-handshake.tcpflow'));
    mode.toggle(true, null);
    mode.request({ index: 1, request: 1 }); // the SYN delivered: line 6, selected
    mode.request({ index: 2, request: 2 }); // the SYN,ACK sent: line 7, selected
    mode.cursor(5); // the first selection's event arrives only now
    mode.cursor(6);
    assert.deepEqual(editor.selected, [5, 6]);
    assert.deepEqual(shown(), [0, 1, 2]);
    assert.deepEqual(posted.map((m) => m.request), [undefined, 1, 2]);
    mode.cursor(8); // the user moves on: the step follows
    assert.deepEqual(shown().slice(3), [6]);
  });

  it('an arrow asked for is its send; a new flow sends the step again, kept in range', () => {
    const { memory, mode, shown } = setup(example('three-way-handshake.tcpflow'));
    mode.toggle(true, null);
    mode.request({ arrow: 2, request: 1 });
    assert.deepEqual(shown(), [0, 4]);
    diagramPayload('A -> B: SYN seq=1\n', {}, memory); // most of the flow deleted
    mode.updated(null);
    assert.deepEqual(shown().slice(2), [1]);
  });
});
