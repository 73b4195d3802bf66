// Flows for the browser tests and the preview bench, and what the diagram of a flow must hold.
import { errorMarksOf } from '../../server/src/core/render/errorMarks';
import type { Analysis } from '../../server/src/core/tcp/analysis';

/**
 * A valid flow with exactly `segments` messages: a 3-way handshake, data and ACKs (a label on
 * every data segment, a note every 25), and a 4-way close. `label` marks the middle data segment
 * (the bench edits it to imitate typing).
 */
export function flowOf(segments: number, label = 'chunk'): string {
  const out = ['title Generated flow', 'participant C as "Client"', 'participant S as "Server" (LISTEN)'];
  let cs = 1000;
  const ss = 90000;
  out.push(`C -> S: SYN seq=${cs} mss=1460`, `S -> C: SYN,ACK seq=${ss} ack=${cs + 1}`);
  cs += 1;
  out.push(`C -> S: ACK seq=${cs} ack=${ss + 1}`);
  const data = Math.max(0, segments - 7);
  const middle = Math.floor(data / 2) & ~1;
  for (let i = 0; i < data; i++) {
    if (i % 2 === 0) {
      out.push(`C -> S: PSH,ACK seq=${cs} ack=${ss + 1} len=100 "${i === middle ? label : `part ${i / 2 + 1}`}"`);
      cs += 100;
    } else {
      out.push(`S -> C: ACK seq=${ss + 1} ack=${cs}`);
    }
    if (i % 25 === 24) out.push(`note over C, S: "after ${i + 1} data segments"`);
  }
  out.push(`C -> S: FIN,ACK seq=${cs} ack=${ss + 1}`, `S -> C: ACK seq=${ss + 1} ack=${cs + 1}`);
  out.push(`S -> C: FIN,ACK seq=${ss + 1} ack=${cs + 1}`, `C -> S: ACK seq=${cs + 1} ack=${ss + 2}`);
  return out.join('\n') + '\n';
}

/** Notes the diagram must show: each participant's first state, every state change, notes, waits, wrong assertions. */
export function expectedNotes(a: Analysis): number {
  const changes = a.steps.filter((s) => s.event !== 'state').reduce((n, s) => n + s.changes.length, 0);
  let written = 0;
  for (const s of a.doc.statements) {
    if (s.kind === 'note' || s.kind === 'wait') written++;
    if (s.kind === 'par') written += s.branches.flat().filter((i) => i.kind === 'note').length;
  }
  const wrong = [...errorMarksOf(a).values()].reduce((n, m) => n + m.states.length, 0);
  return a.participants.length + changes + written + wrong;
}
