// tcpflow-cli (SPEC §7): its exit codes, output formats and one-line errors, run in-process
// (cliRunner.ts); the last group spawns the built executable as users run it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ensureBuilt } from '../ensureBuilt';
import { CLI, assertOneLineError, runBin, runCli, type CliResult } from './cliRunner';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
let dir = '';

const cli = (args: string[], input?: string, cwd = dir): CliResult => runCli(args, { cwd, input });

function file(name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

const GOOD = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -> B: ACK seq=101 ack=301\n';
const BAD = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=100\n';

before(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpflow-cli-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tcpflow-cli check', () => {
  it('exits 0 for a correct flow and prints the summary', () => {
    const r = cli(['check', file('good.tcpflow', GOOD)]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '0 errors, 0 warnings, 0 infos in 1 file\n');
  });

  it('exits 1 when a file has an error, with file:line:col: severity CODE: message', () => {
    const r = cli(['check', file('good.tcpflow', GOOD), file('bad.tcpflow', BAD)]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^bad\.tcpflow:2:\d+: error TF202: B's ack must be 101 here, not 100/);
    assert.equal(lines[1], '1 error, 0 warnings, 0 infos in 2 files');
  });

  it('prints one JSON array with 1-based positions', () => {
    const r = cli(['check', file('bad.tcpflow', BAD), '--format', 'json']);
    assert.equal(r.code, 1);
    const list = JSON.parse(r.stdout);
    const col = BAD.split('\n')[1].indexOf('ack=100') + 4;
    assert.deepEqual(Object.keys(list[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    assert.deepEqual(
      { ...list[0], message: undefined },
      { file: 'bad.tcpflow', line: 2, column: col + 1, endLine: 2, endColumn: col + 4, severity: 'error', code: 'TF202', message: undefined },
    );
    assert.deepEqual(JSON.parse(cli(['check', '--format=json', file('good.tcpflow', GOOD)]).stdout), []);
  });

  it('speaks Korean with --lang ko', () => {
    const r = cli(['check', '--lang', 'ko', file('bad.tcpflow', BAD)]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /[가-힣]/);
    assert.match(r.stdout, /^오류 1개, 경고 0개, 정보 0개 \(파일 1개\)$/m);
  });

  it('reads UTF-8 with a BOM, and stdin for -', () => {
    assert.equal(cli(['check', file('bom.tcpflow', '\uFEFF' + GOOD)]).code, 0);
    const r = cli(['check', '-', '--format', 'json'], BAD);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout)[0].file, '<stdin>');
  });

  it('exits 2 with one clear line for an unreadable file, and still checks the others', () => {
    const r = cli(['check', file('good.tcpflow', GOOD), 'missing.tcpflow']);
    assertOneLineError(r, /^tcpflow-cli: cannot read 'missing\.tcpflow': no such file or directory\n$/, /in 1 file\n$/);
    assertOneLineError(cli(['check', '.']), /^tcpflow-cli: cannot read '\.': is a directory\n$/, /in 0 files\n$/);
  });
});

describe('tcpflow-cli usage', () => {
  it('exits 2 on an unknown option, command, format or language, or a missing FILE', () => {
    assertOneLineError(cli(['check', '--bogus', 'x.tcpflow']), /unknown option '--bogus'/);
    assertOneLineError(cli(['frobnicate']), /unknown command 'frobnicate'/);
    assertOneLineError(cli(['check', '--format', 'xml', 'x']), /unknown format 'xml'/);
    assertOneLineError(cli(['check', '--lang', 'fr', 'x']), /unknown language 'fr'/);
    assertOneLineError(cli(['render']), /'render' needs a FILE/);
    assertOneLineError(cli(['check', '-o', 'out.md', 'x']), /belong to 'render'/);
    assertOneLineError(cli([]), /no command given/);
  });

  it('prints help and version', () => {
    const help = cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /tcpflow-cli check FILE\.\.\./);
    const version = cli(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('runs from a copy of its two bundles alone (no node_modules next to them, no code cache)', () => {
    const alone = path.join(dir, 'bundle');
    fs.mkdirSync(alone);
    fs.copyFileSync(CLI, path.join(alone, 'main.js'));
    fs.copyFileSync(path.join(path.dirname(CLI), 'entry.js'), path.join(alone, 'entry.js'));
    fs.writeFileSync(path.join(alone, 'good.tcpflow'), GOOD);
    const r = spawnSync(process.execPath, ['main.js', 'check', 'good.tcpflow'], { cwd: alone, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    fs.writeFileSync(path.join(alone, 'entry.cache'), 'not a V8 code cache');
    const rejected = spawnSync(process.execPath, ['main.js', 'check', 'good.tcpflow'], { cwd: alone, encoding: 'utf8' });
    assert.deepEqual([rejected.status, rejected.stderr], [0, ''], 'a cache V8 cannot use is compiled around');
  });
});

describe('tcpflow-cli render', () => {
  it('prints Mermaid to stdout by default', () => {
    const r = cli(['render', file('good.tcpflow', GOOD)]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('sequenceDiagram\n    accTitle: TCP flow between A and B\n    accDescr: A and B exchange 3 segments. Final states — A ESTABLISHED, B ESTABLISHED.\n    participant A as A\n'), r.stdout);
    assert.match(r.stdout, /^ {4}A->>B: SYN seq=100$/m);
  });

  it('writes Markdown with the file name as the fallback heading', () => {
    const r = cli(['render', file('my-notes.tcpflow', GOOD), '--format', 'markdown']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith('# my-notes\n\n```mermaid\nsequenceDiagram\n'));
    assert.match(r.stdout, /^\| 1 \| A → B \| SYN seq=100 \| SYN_SENT \| SYN_RECEIVED \|$/m);
  });

  it('writes -o OUT, refuses to overwrite it, and overwrites with --force', () => {
    const src = file('good.tcpflow', GOOD);
    const out = path.join(dir, 'out.mmd');
    fs.rmSync(out, { force: true });
    assert.equal(cli(['render', src, '-o', out]).code, 0);
    assert.ok(fs.readFileSync(out, 'utf8').startsWith('sequenceDiagram\n'));
    fs.writeFileSync(out, 'keep me');
    assertOneLineError(cli(['render', src, '-o', out]), /already exists; use --force/);
    assert.equal(fs.readFileSync(out, 'utf8'), 'keep me');
    const forced = cli(['render', src, '-o', out, '--force', '--format', 'markdown']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(forced.stdout, '');
    assert.ok(fs.readFileSync(out, 'utf8').startsWith('# good\n'));
    assertOneLineError(cli(['render', src, '-o', path.join(dir, 'no', 'such', 'dir.md')]), /cannot write .*: no such file or directory/);
  });
});

describe('tcpflow-cli trace', () => {
  it('prints participants and every step as JSON with 1-based lines and effective values', () => {
    const text = 'A -> B: SYN seq=100\nB -> A: SYN,ACK seq=300 ack=101\nA -x B: ACK\nwait RTO\n';
    const r = cli(['trace', file('t.tcpflow', text)]);
    assert.equal(r.code, 0, r.stderr);
    const t = JSON.parse(r.stdout);
    assert.deepEqual(t.participants, ['A', 'B']);
    assert.deepEqual(t.steps[0], { line: 1, event: 'send', from: 'A', to: 'B', flags: ['SYN'], seq: 100, len: 0, states: { A: 'SYN_SENT', B: 'LISTEN' } });
    assert.deepEqual(t.steps[3], {
      line: 2, event: 'deliver', from: 'B', to: 'A', flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0,
      states: { A: 'ESTABLISHED', B: 'SYN_RECEIVED' },
    });
    assert.deepEqual(t.steps.map((s: { event: string }) => s.event), ['send', 'deliver', 'send', 'deliver', 'send', 'lose', 'wait']);
    assert.deepEqual(t.steps[5], { line: 3, event: 'lose', from: 'A', to: 'B', flags: ['ACK'], seq: 101, ack: 301, len: 0, states: { A: 'ESTABLISHED', B: 'SYN_RECEIVED' } });
    assert.deepEqual(t.steps[6], { line: 4, event: 'wait', states: { A: 'ESTABLISHED', B: 'SYN_RECEIVED' } });
  });

  it('gives symbolic values as strings and leaves unknown ones out', () => {
    const text = 'participant A (ESTABLISHED)\nparticipant B (ESTABLISHED)\nA -> B: FIN,ACK seq=u ack=v\nB -> A: ACK\n';
    const t = JSON.parse(cli(['trace', file('s.tcpflow', text), '--format', 'json']).stdout);
    assert.equal(t.steps[0].seq, 'u');
    assert.equal(t.steps[0].ack, 'v');
    assert.ok(!('seq' in t.steps[2]), 'B’s seq is unknown');
    assert.equal(t.steps[2].ack, 'u+1');
  });

  it('prints one line per step with --format text', () => {
    const r = cli(['trace', file('good.tcpflow', GOOD), '--format', 'text']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 6);
    assert.equal(lines[0], '1  send     A -> B: SYN seq=100    A=SYN_SENT B=LISTEN');
    assert.equal(lines[5], '3  deliver  A -> B: ACK seq=101 ack=301    A=ESTABLISHED B=ESTABLISHED');
  });
});

describe('tcpflow-cli, the built executable', () => {
  const bin = (args: string[], input?: string): CliResult => runBin(args, { cwd: dir, input });

  it('exits 0 for a correct flow and 1 for a wrong one, reading files and stdin', () => {
    const good = bin(['check', file('good.tcpflow', GOOD)]);
    assert.deepEqual([good.code, good.stdout, good.stderr], [0, '0 errors, 0 warnings, 0 infos in 1 file\n', '']);
    const bad = bin(['check', '-', '--format', 'json'], BAD);
    assert.equal(bad.code, 1);
    assert.deepEqual(JSON.parse(bad.stdout).map((d: { file: string; code: string }) => [d.file, d.code]), [['<stdin>', 'TF202']]);
  });

  it('refuses with one line on stderr and exit 2, no stack trace', () => {
    assertOneLineError(bin(['check', 'missing.tcpflow']), /^tcpflow-cli: cannot read 'missing\.tcpflow': no such file or directory\n$/, /in 0 files\n$/);
    assertOneLineError(bin(['frobnicate']), /unknown command 'frobnicate'/);
  });

  it('prints Mermaid and its help', () => {
    assert.match(bin(['render', file('good.tcpflow', GOOD)]).stdout, /^ {4}A->>B: SYN seq=100$/m);
    assert.match(bin(['--help']).stdout, /^Usage:\n {2}tcpflow-cli check FILE\.\.\./);
  });
});
