// The CLI quotes the input in its text messages with control, format, bidi and zero-width
// characters escaped, so a file cannot make a message read differently from what it says (the
// "Trojan Source" trick, issue 15); the JSON output keeps the exact text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt } from '../ensureBuilt';
import { assertOneLineError, runCli } from './cliRunner';

let dir = '';
before(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-visible-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const RLO = '\u202e';
const ZWSP = '\u200b';

describe('the CLI shows hidden characters of the input escaped', () => {
  it('check: in the text output escaped, in the JSON exact', () => {
    fs.writeFileSync(path.join(dir, 'bidi.tcpflow'), `A -> B: SYN${RLO}\nA -> B: SYN ${ZWSP}\n`);
    const text = runCli(['check', 'bidi.tcpflow'], { cwd: dir });
    assert.equal(text.code, 1);
    const lines = text.stdout.split('\n').filter((l) => l.includes('TF100'));
    assert.deepEqual(
      lines.map((l) => /found '(.*)'\.$/.exec(l)?.[1]),
      ['\\u202e', '\\u200b'],
    );
    assert.doesNotMatch(text.stdout, /[\u202e\u200b]/);
    const json = runCli(['check', '--format', 'json', 'bidi.tcpflow'], { cwd: dir });
    const messages = (JSON.parse(json.stdout) as { code: string; message: string }[]).filter((d) => d.code === 'TF100').map((d) => d.message);
    assert.deepEqual(messages.map((m) => /found '(.*)'\.$/.exec(m)?.[1]), [RLO, ZWSP]);
  });

  it('trace text and error messages that name a file', () => {
    fs.writeFileSync(path.join(dir, 'note.tcpflow'), `note over A: "x${RLO}y"\nA -> B: SYN "l${ZWSP}"\n`);
    const trace = runCli(['trace', '--format', 'text', 'note.tcpflow'], { cwd: dir });
    assert.equal(trace.code, 0, trace.stderr);
    assert.equal(trace.stdout, '2  send     A -> B: SYN — l\\u200b    A=SYN_SENT B=LISTEN\n2  deliver  A -> B: SYN — l\\u200b    A=SYN_SENT B=SYN_RECEIVED\n');
    assertOneLineError(runCli(['check', `gone${RLO}\u001b[31m.tcpflow`], { cwd: dir }), /^tcpflow-cli: cannot read 'gone\\u202e\\u001b\[31m\.tcpflow': no such file or directory\n$/, /^0 errors/);
  });
});
