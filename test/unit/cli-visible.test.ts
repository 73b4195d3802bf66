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

  it('import --list: endpoints read from tcpdump text', () => {
    const text = `12:00:00.000001 IP 10.0.0.1${RLO}.1000 > 10.0.0.2.80: Flags [S], seq 1, win 1, length 0\n`;
    const r = runCli(['import', '--list', '-'], { cwd: dir, input: text });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^0 {2}10\.0\.0\.1\\u202e:1000 → 10\.0\.0\.2:80 {2}1 packet /);
  });
});

