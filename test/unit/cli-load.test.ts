// The CLI on large inputs, as users ran it (issue 16): each of these ended in "internal error:
// Maximum call stack size exceeded" when an array of a few hundred thousand items was spread into
// push(...) or Math.max(...). Now each finishes with its ordinary output and exit code.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt } from '../ensureBuilt';
import { generateFlow } from '../bench/flows';
import { bulkTransfer, manyConnections, pcapOf } from '../captureSynth';
import { spawnSync } from 'node:child_process';
import { CLI, type CliResult } from './cliRunner';

let dir = '';

before(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-cli-load-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, data: string | Uint8Array): string => {
  fs.writeFileSync(path.join(dir, name), data);
  return name;
};
/** As runCli, with room for outputs of many megabytes. */
function cli(args: string[]): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the CLI on large inputs', () => {
  it("render --format markdown of 80,000 lines 'A -> B: SYN' (yes | head -80000)", () => {
    const r = cli(['render', '--format', 'markdown', write('syn.tcpflow', 'A -> B: SYN\n'.repeat(80_000))]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^\| 80000 \| A → B \| SYN \[retransmission\] \| SYN_SENT \| SYN_RECEIVED \|$/m);
  });

  it('check --format json of 150,000 lines of @@@ exits 1 with the JSON (of the 100,000 lines within the budget)', () => {
    const r = cli(['check', '--format', 'json', write('at.tcpflow', '@@@\n'.repeat(150_000))]);
    assert.equal(r.code, 1, r.stderr);
    const list = JSON.parse(r.stdout) as { line: number; code: string }[];
    assert.equal(list.length, 100_000);
    assert.deepEqual([list[0].code, list[99_999].line], ['TF100', 100_000]);
    assert.equal(
      r.stderr,
      'tcpflow-cli: at.tcpflow: only the first 100,000 lines (400,000 characters) of 150,000 lines (600,000 characters) were checked: a document is read up to 100,000 lines or 5,000,000 characters\n',
    );
  });

  it('import --list of a capture of 200,000 connections', () => {
    const r = cli(['import', '--list', write('many.pcap', pcapOf(manyConnections(200_000)))]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 200_000);
    assert.match(lines[199_999], /^199999 {2}10\.3\.13\.63:21023 → 10\.255\.0\.1:80 {4}1 packet {2}/);
  });

  it('import of one connection of 200,000 packets', () => {
    const r = cli(['import', write('long.pcap', pcapOf(bulkTransfer(100_000)))]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^C -> S: ACK seq=10000002 ack=2 +# packet 200006, /m);
  });
});

describe('running out of memory', () => {
  it('is one clear line and exit 2, not V8’s native stack trace', () => {
    write('flow.tcpflow', generateFlow(100_000));
    const r = spawnSync(process.execPath, ['--max-old-space-size=64', CLI, 'check', 'flow.tcpflow'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^tcpflow-cli: out of memory: this input needs more than the \d+ MB of heap Node gives this process \(NODE_OPTIONS=--max-old-space-size=MB raises it; see docs\/limits\.md\)\n$/);
  });
});

describe('the document budget in the CLI: 100,000 lines or 5,000,000 characters', () => {
  const comments = '# a comment\n'.repeat(100_001);

  it('check: the first part is checked, one line says what was not, and the file fails (exit 1)', () => {
    write('long.tcpflow', comments);
    const r = cli(['check', 'long.tcpflow']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '0 errors, 0 warnings, 0 infos in 1 file\n');
    assert.equal(r.stderr, 'tcpflow-cli: long.tcpflow: only the first 100,000 lines (1,200,000 characters) of 100,001 lines (1,200,012 characters) were checked: a document is read up to 100,000 lines or 5,000,000 characters\n');
    assert.equal(cli(['check', write('ok.tcpflow', '# a comment\n'.repeat(100_000))]).code, 0, 'exactly the budget is within it');
    const ko = cli(['check', '--lang', 'ko', 'long.tcpflow']);
    assert.equal(ko.stderr, 'tcpflow-cli: long.tcpflow: 100,001줄(1,200,012자) 중 처음 100,000줄(1,200,000자)만 검사했습니다: 문서는 100,000줄 또는 5,000,000자까지만 다룹니다\n');
  });

  it('a size over 5,000,000 characters is cut at the last line end within it', () => {
    const r = cli(['check', '--format', 'json', write('wide.tcpflow', `${'#'.repeat(4_999_998)}\nA -> B: SYN\n`)]);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.match(r.stderr, /^tcpflow-cli: wide\.tcpflow: only the first line \(4,999,999 characters\) of 2 lines \(5,000,011 characters\) was checked: /);
  });

  it('render and trace draw the first part and say so (exit 0); sync leaves such a note alone (exit 2)', () => {
    const flow = 'A -> B: SYN\n' + comments;
    write('flow.tcpflow', flow);
    const render = cli(['render', 'flow.tcpflow']);
    assert.equal(render.code, 0, render.stderr);
    assert.match(render.stdout, /A->>B: SYN/);
    assert.match(render.stderr, /^tcpflow-cli: flow\.tcpflow: only the first 100,000 lines .* were drawn: /);
    const trace = cli(['trace', 'flow.tcpflow']);
    assert.equal(trace.code, 0, trace.stderr);
    assert.match(trace.stderr, / were traced: /);
    const note = `\`\`\`tcpflow\n${flow}\`\`\`\n`;
    write('big.md', note);
    const sync = cli(['sync', 'big.md']);
    assert.equal(sync.code, 2);
    assert.equal(sync.stderr, 'tcpflow-cli: big.md: 100,004 lines (1,200,039 characters) are over the document budget of 100,000 lines or 5,000,000 characters: left as it is\n');
    assert.equal(fs.readFileSync(path.join(dir, 'big.md'), 'utf8'), note);
  });
});

