// tcpflow-cli check on a mistake whose root is an earlier line (SPEC §8.6): the text line says
// "caused by line N", the JSON object carries `related: [{line, column, message}]`; the same in a
// Markdown note, at the note's own lines.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt } from '../ensureBuilt';
import { runCli } from './cliRunner';

const LEN = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\nA -> B: PSH,ACK seq=101 ack=301 len=11\nB -> A: ACK seq=301 ack=111\nA -> B: PSH,ACK seq=111 ack=301 len=5\n';
let dir = '';

before(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-related-'));
  fs.writeFileSync(path.join(dir, 'len.tcpflow'), LEN);
  fs.writeFileSync(path.join(dir, 'note.md'), `# Notes\n\n\`\`\`tcpflow\n${LEN}\`\`\`\n`);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tcpflow-cli check: a root cause on an earlier line', () => {
  it('text: one error, at the line where it became certain, "caused by line N"', () => {
    const r = runCli(['check', 'len.tcpflow'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      "len.tcpflow:5:25: error TF221: A's PSH,ACK on line 4 is written with len=11, but B acknowledges 111 here: its length is 10 (a segment consumes its length in sequence numbers, RFC 9293 §3.4). (caused by line 4)\n" +
        '1 error, 0 warnings, 0 infos in 1 file\n',
    );
    const ko = runCli(['check', 'len.tcpflow', '--lang', 'ko'], { cwd: dir });
    assert.match(ko.stdout, /\(4번 줄에서 비롯됨\)\n/);
  });

  it('json: related places, 1-based, with their text', () => {
    const r = runCli(['check', 'len.tcpflow', '--format', 'json'], { cwd: dir });
    const [d] = JSON.parse(r.stdout);
    assert.deepEqual([d.line, d.column, d.code], [5, 25, 'TF221']);
    assert.deepEqual(d.related, [{ line: 4, column: 37, message: 'the mistake: len=11, where the flow says 10' }]);
  });

  it('a Markdown note: the related line is the note\'s, inside the block', () => {
    const [d] = JSON.parse(runCli(['check', 'note.md', '--format', 'json'], { cwd: dir }).stdout);
    assert.deepEqual([d.line, d.related[0].line, d.related[0].column], [8, 7, 37]);
    assert.match(d.message, /on line 7 is written with len=11/);
  });
});
