// Completion over the real server: what each place in a line offers, in which order, what it
// inserts; the number the checker expects after seq=/ack= (also on a line still being typed);
// and flow snippets that expand into flows the checker finds clean.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze';
import { cursor, startSession, type Session } from './harness';

async function complete(s: Session, src: string): Promise<CompletionItem[]> {
  const { text, position } = cursor(src);
  const { uri } = await s.open(text);
  const got = (await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as CompletionItem[] | CompletionList | null;
  const items = Array.isArray(got) ? got : (got?.items ?? []);
  // The client shows items by sortText; the tests read them in that order.
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const newText = (i: CompletionItem) => (i.textEdit as TextEdit).newText;

/** A snippet as it reads when every placeholder keeps its default. */
const expand = (body: string) => body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');

const STATES = ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'];
const ALIASES = ['SYN_RCVD', 'SYN_RCV', 'SYN_RECV', 'SYN-SENT', 'SYN-RECEIVED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE-WAIT', 'LAST-ACK', 'TIME-WAIT'];
const FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'SYN,ACK', 'FIN,ACK'];
const FIELDS = ['seq=', 'ack=', 'len=', 'win=', 'mss=', 'wscale=', 'sackOK', 'ts='];
const KEYWORDS = ['participant', 'title', 'par', 'note over', 'note left of', 'note right of', 'wait', 'state'];
const SNIPPETS = ['3-way handshake', '4-way close', 'simultaneous open', 'simultaneous close'];
const HANDSHAKE = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\n';

describe('language server: completion', () => {
  let s: Session;
  before(async () => (s = await startSession()));
  after(async () => s.close());

  it('at the start of a statement: participants, keywords, then flow snippets', async () => {
    const items = await complete(s, 'participant C as "Client"\nC -> S: SYN seq=1\n‸');
    assert.deepEqual(labels(items), ['C', 'S', ...KEYWORDS, ...SNIPPETS]);
    assert.deepEqual(items.slice(0, 2).map((i) => [i.kind, i.detail]), [[6, 'participant · Client'], [6, 'participant']]);
    const kw = items.find((i) => i.label === 'note over')!;
    assert.deepEqual([kw.kind, newText(kw), kw.command?.command], [14, 'note over ', 'editor.action.triggerSuggest']);
    assert.equal(newText(items.find((i) => i.label === 'par')!), 'par');
  });

  it('replaces the word being typed', async () => {
    const items = await complete(s, 'A -> B: SYN seq=1\n  pa‸rt');
    const kw = items.find((i) => i.label === 'participant')!;
    assert.deepEqual(kw.textEdit, { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 6 } }, newText: 'participant ' });
  });

  it('inside a par block: only what a par block may hold', async () => {
    assert.deepEqual(labels(await complete(s, 'par\n  A -> B: SYN seq=1\n‸\n')), ['A', 'B', 'and', 'end', 'note over', 'note left of', 'note right of']);
    assert.deepEqual(labels(await complete(s, 'par\n  A -> B: SYN seq=1\nend\n‸')), ['A', 'B', ...KEYWORDS, ...SNIPPETS]);
  });

  it('flow snippets: snippet items whose bodies name the participants ${1:A} and ${2:B}', async () => {
    const items = (await complete(s, '‸')).filter((i) => i.kind === 15);
    assert.deepEqual(labels(items), SNIPPETS);
    for (const i of items) {
      assert.equal(i.insertTextFormat, 2, i.label);
      assert.match(newText(i), /\$\{1:A\}.*\$\{2:B\}/, i.label);
    }
    assert.equal(
      newText(items[0]),
      [
        '${1:A}(CLOSED) -> ${2:B}(LISTEN): SYN seq=${3:x}',
        '${2:B}(SYN_RECEIVED) -> ${1:A}(SYN_SENT): SYN,ACK seq=${4:y} ack=${3:x}+1',
        '${1:A}(ESTABLISHED) -> ${2:B}(SYN_RECEIVED): ACK seq=${3:x}+1 ack=${4:y}+1',
      ].join('\n'),
    );
  });

  it('flow snippets expand, with their defaults, into flows that check clean', async () => {
    const items = (await complete(s, '‸')).filter((i) => i.kind === 15);
    const final: Record<string, Record<string, string>> = {
      '3-way handshake': { A: 'ESTABLISHED', B: 'ESTABLISHED' },
      '4-way close': { A: 'CLOSED', B: 'CLOSED' },
      'simultaneous open': { A: 'ESTABLISHED', B: 'ESTABLISHED' },
      'simultaneous close': { A: 'CLOSED', B: 'CLOSED' },
    };
    for (const i of items) {
      const a = analyze(expand(newText(i)) + '\n');
      const problems = a.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(problems.map((d) => d.code), [], i.label);
      assert.deepEqual(a.finalStates, final[i.label], i.label);
    }
    // Each SYN,ACK of a simultaneous open repeats its SYN (RFC 9293 Figure 7): two notes, no error.
    const open = analyze(expand(newText(items.find((i) => i.label === 'simultaneous open')!)));
    assert.deepEqual(open.diagnostics.map((d) => d.code), ['TF210', 'TF210']);
  });

  it('after NAME(: the state the checker computes first and preselected, then the others, then aliases inserting the canonical name', async () => {
    const items = await complete(s, `${HANDSHAKE}A(‸`);
    assert.deepEqual(labels(items), ['ESTABLISHED', ...STATES.filter((x) => x !== 'ESTABLISHED'), ...ALIASES]);
    assert.equal(items[0].preselect, true);
    assert.equal(items[0].detail, 'the state here, as the checker computes it');
    assert.ok(items.slice(1).every((i) => !i.preselect));
    // No `)` after the cursor: the item closes the parenthesis.
    assert.equal(newText(items[0]), 'ESTABLISHED)');
    const alias = items.find((i) => i.label === 'SYN_RCVD')!;
    assert.deepEqual([alias.kind, newText(alias), alias.detail], [20, 'SYN_RECEIVED)', 'alias of SYN_RECEIVED']);
  });

  it('in an existing assertion: the receiver state at this line, replacing the whole name', async () => {
    const items = await complete(s, 'A -> B: SYN seq=100\nB -> A(SYN‸_RCVD): SYN,ACK seq=300 ack=101\n');
    assert.equal(items[0].label, 'SYN_SENT');
    assert.deepEqual(items[0].textEdit, { range: { start: { line: 1, character: 7 }, end: { line: 1, character: 15 } }, newText: 'SYN_SENT' });
    const time = (await complete(s, 'A -> B: SYN seq=1\nB(TIME-‸) -> A: SYN,ACK seq=5 ack=2\n')).find((i) => i.label === 'TIME-WAIT')!;
    assert.equal(newText(time), 'TIME_WAIT');
  });

  it('in a par block: the receiver’s state when its segment arrives, after every send of the block', async () => {
    const open = (at: string) => `par\n  A -> B: SYN seq=1\nand\n  ${at}: SYN seq=5\nend\n`;
    assert.equal((await complete(s, open('B -> A(SYN‸_SENT)')))[0].label, 'SYN_SENT');
    assert.equal((await complete(s, open('B(CL‸OSED) -> A')))[0].label, 'CLOSED');
    // A line still being typed is no event yet: A after every send of the block and the arrivals above.
    assert.equal((await complete(s, open('B -> A(‸)')))[0].label, 'SYN_SENT');
  });

  it('in a state line: participants, then states with the computed one first', async () => {
    assert.deepEqual(labels(await complete(s, `${HANDSHAKE}state ‸`)), ['A', 'B']);
    const items = await complete(s, `${HANDSHAKE}state A: ESTABLISHED, B: ‸`);
    assert.deepEqual(labels(items).slice(0, 2), ['SYN_RECEIVED', 'CLOSED']);
    assert.equal(newText(items[0]), 'SYN_RECEIVED');
  });

  it('in a participant declaration: the states, none preselected (a declaration is not checked)', async () => {
    const items = await complete(s, 'participant B as Server (‸)');
    assert.deepEqual(labels(items), [...STATES, ...ALIASES]);
    assert.ok(items.every((i) => !i.preselect));
    assert.equal(newText(items[0]), 'CLOSED');
  });

  it('after an arrow: the participants, not the sender', async () => {
    assert.deepEqual(labels(await complete(s, 'participant A\nparticipant B\nparticipant C\nA -> ‸')), ['B', 'C']);
    assert.deepEqual(labels(await complete(s, 'participant A\nparticipant B\nB → ‸')), ['A']);
    assert.deepEqual(labels(await complete(s, 'participant A\nparticipant B\nA -x ‸')), ['B']);
  });

  it('after the colon: flags, then fields; what the segment already has is left out', async () => {
    const items = await complete(s, 'A -> B: ‸');
    assert.deepEqual(labels(items), [...FLAGS, ...FIELDS]);
    const seq = items.find((i) => i.label === 'seq=')!;
    assert.deepEqual([seq.kind, newText(seq), seq.command?.command, seq.detail], [5, 'seq=', 'editor.action.triggerSuggest', "sequence number of the segment's first byte"]);
    const synAck = items.find((i) => i.label === 'SYN,ACK')!;
    assert.equal(synAck.detail, 'synchronize sequence numbers: opens a connection + the acknowledgment field is significant');
    // Nor a flag that never goes with one it has (SYN with FIN or RST, RFC 9293 §3.1).
    assert.deepEqual(labels(await complete(s, 'A -> B: SYN seq=1 ‸')), ['ACK', 'PSH', 'URG', 'ECE', 'CWR', ...FIELDS.filter((f) => f !== 'seq=')]);
    assert.deepEqual(labels(await complete(s, 'A -> B: FIN,A‸ seq=1')), ['ACK', 'RST', 'PSH', 'URG', 'ECE', 'CWR', ...FIELDS.filter((f) => f !== 'seq=')]);
  });

  it('after seq=: the sender’s SND.NXT, first and preselected, while the line is still incomplete', async () => {
    const [item, ...rest] = await complete(s, `${HANDSHAKE}A -> B: ACK seq=‸`);
    assert.deepEqual(rest, []);
    assert.equal(item.label, '101');
    assert.equal(item.preselect, true);
    assert.equal(item.detail, "expected here: A's SND.NXT");
    assert.deepEqual(item.textEdit, { range: { start: { line: 2, character: 16 }, end: { line: 2, character: 16 } }, newText: '101' });
  });

  it('after ack=: the sender’s RCV.NXT; a wrong value already written is replaced', async () => {
    assert.deepEqual(labels(await complete(s, `${HANDSHAKE}A -> B: ACK seq=101 ack=‸`)), ['301']);
    const [item] = await complete(s, `${HANDSHAKE}A -> B: ACK ack=30‸0 seq=101`);
    assert.deepEqual(item.textEdit, { range: { start: { line: 2, character: 16 }, end: { line: 2, character: 19 } }, newText: '301' });
    // Even with no flag yet.
    assert.deepEqual(labels(await complete(s, `${HANDSHAKE}A -> B: ack=‸`)), ['301']);
  });

  it('symbolic values, and seed notation ACK( and FIN(', async () => {
    assert.deepEqual(labels(await complete(s, 'A -> B: SYN(x)\nB -> A: SYN(y), ACK(‸')), ['x+1']);
    assert.deepEqual(labels(await complete(s, 'A -> B: SYN(x)\nB -> A: SYN(y), ACK(x+1)\nA -> B: ACK(y+1), FIN(‸)')), ['x+1']);
    const [item] = await complete(s, 'A -> B: SYN(x)\nB -> A: SYN(y), ACK(‸x)\n');
    assert.deepEqual(item.textEdit, { range: { start: { line: 1, character: 20 }, end: { line: 1, character: 21 } }, newText: 'x+1' });
  });

  it('no number where the checker does not know one (an ISS is chosen, not computed)', async () => {
    assert.deepEqual(await complete(s, 'A -> B: SYN seq=‸'), []);
  });

  it('note positions, note targets and wait amounts', async () => {
    assert.deepEqual(labels(await complete(s, 'A -> B: SYN seq=1\nnote ‸')), ['over', 'left of', 'right of']);
    assert.deepEqual(labels(await complete(s, 'A -> B: SYN seq=1\nnote over ‸')), ['A', 'B']);
    assert.deepEqual(labels(await complete(s, 'A -> B: SYN seq=1\nnote over A, ‸')), ['A', 'B']);
    const waits = await complete(s, 'wait ‸');
    assert.deepEqual(waits.map((i) => [i.label, i.detail]), [['2MSL', 'ends TIME_WAIT (→ CLOSED)'], ['RTO', 'a retransmission timeout; changes no state']]);
  });

  it('nothing in comments, strings, titles or note text', async () => {
    for (const src of ['A -> B: SYN # ‸', 'A -> B: SYN "a label ‸', 'title ‸', 'A -> B: SYN\nnote over A: some ‸']) {
      assert.deepEqual(await complete(s, src), [], src);
    }
  });

  it('speaks Korean in details', async () => {
    const ko = await startSession({ locale: 'ko' });
    try {
      const [value] = await complete(ko, `${HANDSHAKE}A -> B: ACK seq=‸`);
      assert.equal(value.detail, '여기서 기대하는 값: A의 SND.NXT');
      const syn = (await complete(ko, 'A -> B: ‸'))[0];
      assert.equal(syn.detail, '순서 번호 동기화: 연결을 엽니다');
      const alias = (await complete(ko, 'A(‸')).find((i) => i.label === 'SYN_RCVD')!;
      assert.equal(alias.detail, 'SYN_RECEIVED의 별칭');
    } finally {
      await ko.close();
    }
  });
});
